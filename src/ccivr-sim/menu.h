/* menu.h: the model of a ccivr/1 IVR menu definition (see ccivr-sim(1)).

   iv_menu_load() reads a JSON document (through cc_jdoc, which keeps the
   line and column of every value) into an iv_menu: the nodes with their
   options, handlers, retry limits and behaviour parameters, the calendars,
   the defaults and the simulation settings.  Every element keeps the
   position of the JSON it came from, and references between nodes are
   resolved to node indices, so the same model serves the lint checks
   (lint.c), and later the simulator and the Markov analysis.

   Mistakes found while loading are not fatal: they are collected as
   findings (code, severity, position, message) so that lint can report
   every one of them; the model is then only partly filled.  */
#ifndef IV_MENU_H
#define IV_MENU_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cc_jdoc.h"

/* A place in the JSON text; line 0 means "not given in the file".  */
typedef struct iv_pos
{
  uint32_t line; /* 1-based line */
  uint32_t col;  /* 1-based column, in characters */
} iv_pos;

/* Severities of findings.  */
enum iv_severity
{
  IV_WARNING = 0,
  IV_ERROR = 1,
  IV_INFO = 2 /* figures, not a fault (L017) */
};

/* One lint finding.  */
typedef struct iv_finding
{
  iv_pos pos;   /* where the offending JSON starts */
  int code;     /* the check: 1 for L001 ... 17 for L017 */
  int severity; /* enum iv_severity */
  char *msg;    /* one line, lower case, no period (owned) */
  size_t seq;   /* order of reporting (keeps the sort stable) */
} iv_finding;

/* A growing list of findings.  */
typedef struct iv_findings
{
  iv_finding *v;    /* the findings, in reporting order until sorted */
  size_t n;         /* how many */
  size_t cap;       /* allocated */
  size_t nerrors;   /* how many have IV_ERROR */
  size_t nwarnings; /* how many have IV_WARNING */
  size_t ninfos;    /* how many have IV_INFO */
} iv_findings;

/* Append a finding of check CODE and SEVERITY at POS, its message made from
   FMT (printf style, any length).  */
void iv_report (iv_findings *f, iv_pos pos, int code, int severity, const char *fmt, ...)
    __attribute__ ((format (printf, 5, 6)));

/* Sort the findings by position (line, column), then code, then the order
   they were reported in.  */
void iv_findings_sort (iv_findings *f);

/* Free the findings and empty the list.  */
void iv_findings_free (iv_findings *f);

/* Kinds of duration distributions.  */
enum iv_dist_kind
{
  IV_DIST_NONE = 0,  /* not given */
  IV_DIST_FIXED,     /* a = the value (a bare number, or {dist: fixed, v}) */
  IV_DIST_EXP,       /* a = mean */
  IV_DIST_LOGNORMAL, /* a = median, b = sigma of the logarithm */
  IV_DIST_UNIFORM,   /* [a, b] = [min, max] */
  IV_DIST_WEIBULL    /* a = shape, b = scale */
};

/* A duration distribution, kept as data: the sampler lives elsewhere.  */
typedef struct iv_dist
{
  int kind;   /* enum iv_dist_kind */
  double a;   /* first parameter (see the kinds) */
  double b;   /* second parameter, 0 when the kind has one */
  iv_pos pos; /* where the value starts */
} iv_dist;

/* A number of the behaviour model (a probability, a time) with its place;
   v is NAN when the key is absent.  */
typedef struct iv_real
{
  double v;   /* the value, NAN when not given */
  iv_pos pos; /* where it is written (line 0 when not given) */
} iv_real;

/* A whole number with its place.  */
typedef struct iv_int
{
  long v;     /* the value (the default when not given) */
  iv_pos pos; /* where it is written (line 0 when not given) */
} iv_int;

/* Special values of iv_ref.node.  */
enum
{
  IV_REF_NONE = -1,  /* absent, or naming no node (a lint error) */
  IV_REF_PARENT = -2 /* "@parent": the previous menu on the caller's path */
};

/* A reference to a node (or to a calendar, for hours nodes).  */
typedef struct iv_ref
{
  const char *name; /* as written, NULL when the key is absent */
  int node;         /* resolved index, or IV_REF_NONE / IV_REF_PARENT */
  iv_pos pos;       /* where the string is written */
  iv_pos key;       /* where its key is written */
} iv_ref;

/* Node types.  */
enum iv_type
{
  IV_PROMPT = 0,
  IV_MENU,
  IV_INPUT,
  IV_HOURS,
  IV_SELFSERVICE,
  IV_QUEUE,
  IV_VOICEMAIL,
  IV_HANGUP,
  IV_END,
  IV_GOTO,
  IV_TRANSFER,
  IV_NTYPES
};

/* One menu option.  */
typedef struct iv_option
{
  char key;          /* '0'..'9', '*' or '#' */
  iv_pos pos;        /* where its key is written */
  bool repeat;       /* {action: repeat}: replay the menu */
  iv_ref next;       /* the node it leads to (unset when repeat) */
  const char *label; /* documentation, NULL when absent */
  iv_real p;         /* the share of callers choosing it */
  bool zero_out;     /* an opt-out to an agent (counted as zero-out) */
} iv_option;

/* A variable assignment or test: var = value.  */
typedef struct iv_var
{
  const char *var; /* the variable */
  const char *val; /* its value */
  iv_pos pos;      /* where the key is written */
} iv_var;

/* One priority rule of a queue node: when every test holds, priority.  */
typedef struct iv_rule
{
  iv_var *when;  /* the tests (all must hold) */
  size_t nwhen;  /* how many */
  long priority; /* the priority then */
  iv_pos pos;    /* where the rule starts */
} iv_rule;

/* One node.  */
typedef struct iv_node
{
  const char *id;        /* its key in "nodes" */
  iv_pos pos;            /* where the key is written */
  int type;              /* enum iv_type, -1 when missing or unknown */
  iv_pos type_pos;       /* where "type" is written */
  const char *text;      /* the prompt text, NULL when absent */
  const char *hangup_as; /* exit reason of a caller hang-up here, or NULL */

  /* Timing.  */
  iv_real prompt_s;      /* prompt length; estimated from text when absent */
  double prompt_est_s;   /* prompt_s, or the estimate (2.5 words a second) */
  bool barge_in;         /* a key press may cut the prompt short */
  iv_pos barge_in_pos;   /* where barge_in is written */
  iv_real timeout_s;     /* the wait for input (menu, input) */
  double timeout_eff_s;  /* timeout_s, or the default */
  iv_real inter_digit_s; /* the wait between digits (input) */
  iv_dist think_s;       /* think time before a choice (default: defaults) */
  iv_dist entry_s;       /* digit entry time (input) */
  iv_dist duration_s;    /* the task (selfservice) or message (voicemail) */

  /* Menus and inputs.  */
  iv_option *options;  /* menu options, in file order */
  size_t noptions;     /* how many */
  iv_pos options_pos;  /* where "options" is written (line 0: absent) */
  iv_ref on_noinput;   /* after max_noinput + 1 no-inputs; unset: hang up */
  iv_ref on_nomatch;   /* after max_nomatch + 1 no-matches; unset: hang up */
  iv_int max_noinput;  /* no-input replays (default: defaults, else 3) */
  iv_int max_nomatch;  /* no-match replays (default: defaults, else 3) */
  iv_real p_noinput;   /* share of visits without input */
  iv_real p_nomatch;   /* share of visits with invalid input */
  iv_real p_hangup;    /* share of visits ending in a caller hang-up */
  iv_real asr_correct; /* speech: recognised right */
  iv_real asr_subst;   /* speech: recognised as another option */
  iv_real asr_reject;  /* speech: rejected (a no-match) */

  /* Digit input.  */
  long digits_min;      /* fewest digits */
  long digits_max;      /* most digits */
  char terminator;      /* ends the entry, 0 for none */
  iv_pos digits_pos;    /* where "digits" is written (line 0: absent) */
  iv_ref on_valid;      /* a valid entry goes here */
  iv_real p_valid;      /* share of valid entries */
  iv_var *set_on_valid; /* variables set by a valid entry */
  size_t nset_on_valid; /* how many */

  /* Hours.  */
  iv_ref calendar; /* node = the calendar's index */
  iv_ref open;     /* inside a weekly window */
  iv_ref closed;   /* outside */
  iv_ref holiday;  /* on a holiday (unset: as closed) */

  /* Self-service.  */
  const char *task;   /* the task's name */
  iv_ref on_complete; /* completed (sets ss_ok) */
  iv_ref on_fail;     /* failed */
  iv_real p_complete; /* share completed */
  iv_real p_fail;     /* share failed */

  /* Queue hand-off.  */
  const char *queue;  /* the ccroute queue */
  iv_pos queue_pos;   /* where it is written */
  const char *skill;  /* the required skill (NULL: ccroute uses the queue) */
  iv_pos skill_pos;   /* where it is written */
  iv_int priority;    /* priority (default 0) */
  iv_rule *rules;     /* priority_rules, in order: the first match wins */
  size_t nrules;      /* how many */
  iv_real p_misroute; /* share transferred after answer */

  /* Terminals and jumps.  */
  const char *mailbox; /* voicemail */
  const char *reason;  /* hangup */
  const char *outcome; /* end: the exit reason */
  const char *number;  /* transfer */
  iv_ref target;       /* goto: a node or "@parent" */
  iv_ref next;         /* prompt */

  /* Segments: in a segment's copy of the nodes, where that segment's
     overrides of this node start (line 0: none, the menu's own values).  */
  iv_pos seg_pos;
} iv_node;

/* A weekly opening window.  */
typedef struct iv_window
{
  uint8_t days;  /* bit 0 Monday ... bit 6 Sunday */
  int open_min;  /* opening, minutes after midnight */
  int close_min; /* closing (up to 1440), after open_min */
  iv_pos pos;    /* where the window starts */
} iv_window;

/* A date, possibly with part-day hours.  */
typedef struct iv_day
{
  int y, m, d;   /* the date */
  int open_min;  /* special: opening, -1 for a holiday */
  int close_min; /* special: closing, -1 for a holiday */
  iv_pos pos;    /* where the entry starts */
} iv_day;

/* A calendar of business hours, read in the menu's time zone.  */
typedef struct iv_calendar
{
  const char *name;  /* its key in "calendars" */
  iv_pos pos;        /* where the key is written */
  iv_window *weekly; /* the weekly windows */
  size_t nweekly;    /* how many */
  iv_day *holidays;  /* closed all day */
  size_t nholidays;  /* how many */
  iv_day *special;   /* part days: these hours instead of the weekly ones */
  size_t nspecial;   /* how many */
} iv_calendar;

/* A caller segment (sim.segments): its share of the callers, and the
   menu's nodes as its callers behave, with its overrides of the outcome
   probabilities applied.  */
typedef struct iv_segment
{
  const char *name;  /* its key in sim.segments */
  iv_pos pos;        /* where the key is written */
  iv_real share;     /* the share given, NAN when absent */
  double share_eff;  /* the share used (the absent ones split the rest) */
  iv_dist patience_s; /* this segment's patience, kind NONE: sim.patience_s */
  iv_node *nodes;    /* a copy of the nodes with the overrides (own options
                        arrays; everything else shared with the menu) */
  bool changes;      /* it overrides some node (else its callers behave as
                        the menu's, but for patience) */
} iv_segment;

/* A whole menu definition.  */
typedef struct iv_menu
{
  const char *file;        /* the file name used in messages */
  cc_jdoc *doc;            /* the parsed document: owns every string */
  const char *id;          /* identity, copied into output rows */
  const char *version;     /* the definition's version */
  const char *description; /* free text */
  const char *timezone;    /* IANA zone of the calendars, NULL: UTC */
  iv_pos timezone_pos;     /* where it is written */
  iv_ref start;            /* the entry node */

  /* defaults.  */
  iv_real def_timeout_s;     /* default timeout_s (10 when absent) */
  iv_real def_inter_digit_s; /* default inter_digit_s (5 when absent) */
  iv_int def_max_noinput;    /* default max_noinput (3 when absent) */
  iv_int def_max_nomatch;    /* default max_nomatch (3 when absent) */
  iv_dist def_think_s;       /* default think_s (lognormal 2.5, 0.6) */

  /* sim.  */
  iv_dist patience_s;          /* caller patience, kind NONE: infinite */
  const char *hangup_after_ss; /* exit reason of a hang-up after a task */
  iv_segment *segments;        /* caller segments, in file order */
  size_t nsegments;            /* how many (0: one kind of caller) */
  iv_pos segments_pos;         /* where sim.segments is written */

  iv_calendar *calendars; /* the calendars, in file order */
  size_t ncalendars;      /* how many */
  iv_node *nodes;         /* the nodes, in file order */
  size_t nnodes;          /* how many */
  int32_t *index;         /* node-name hash table: -1 or a node index */
  size_t index_mask;      /* its size - 1 */
} iv_menu;

/* Load the N bytes at TEXT (from FILE, the name used in messages) into *M,
   appending every mistake to F.  Returns 0 when no error was found (warnings
   allowed), -1 otherwise (*M then holds what could be read).  The caller
   frees *M with iv_menu_free in both cases.  */
int iv_menu_load (iv_menu *m, const char *file, const char *text, size_t n, iv_findings *f);

/* The menu as the callers of segment S behave: *VIEW is a shallow copy of
   *M with the segment's nodes and patience.  Nothing to free.  */
void iv_menu_segment (const iv_menu *m, size_t s, iv_menu *view);

/* Free what *M owns.  */
void iv_menu_free (iv_menu *m);

/* The index of the node called NAME, or -1.  */
int iv_menu_find (const iv_menu *m, const char *name);

/* The name of node type T ("menu", ...).  */
const char *iv_type_name (int t);

/* True for the node types that end a call in the IVR.  */
bool iv_type_terminal (int t);

/* Kinds of edges.  */
enum iv_edge_kind
{
  IV_E_NEXT = 0, /* prompt next */
  IV_E_OPTION,   /* menu option (opt) */
  IV_E_NOINPUT,  /* on_noinput */
  IV_E_NOMATCH,  /* on_nomatch */
  IV_E_VALID,    /* on_valid */
  IV_E_OPEN,     /* hours open */
  IV_E_CLOSED,   /* hours closed */
  IV_E_HOLIDAY,  /* hours holiday */
  IV_E_COMPLETE, /* on_complete */
  IV_E_FAIL,     /* on_fail */
  IV_E_TARGET    /* goto target */
};

/* One edge given in the file (resolved or not).  */
typedef struct iv_edge
{
  int kind;          /* enum iv_edge_kind */
  const iv_ref *ref; /* the reference (ref->node is the target) */
  size_t opt;        /* the option index for IV_E_OPTION */
} iv_edge;

/* The edges of node I that are written in the file (repeat options are
   not edges), into OUT, which has room for noptions + 4.  Returns how many.  */
size_t iv_node_edges (const iv_menu *m, size_t i, iv_edge *out);

/* A probability of the file, 0 when absent.  */
static inline double
iv_p0 (const iv_real *r)
{
  return isnan (r->v) ? 0 : r->v;
}

/* True when node ND has an "asr" block.  */
static inline bool
iv_node_has_asr (const iv_node *nd)
{
  return !isnan (nd->asr_correct.v) || !isnan (nd->asr_subst.v) || !isnan (nd->asr_reject.v);
}

/* The mean of distribution D in seconds (0 when not given).  */
double iv_dist_mean (const iv_dist *d);

/* The outcome probabilities of menu, input or self-service node ND as the
   file gives them (absent ones resolved, not normalised), into P, which has
   room for noptions + 3: a menu's options in order, then no-input, no-match
   and hang-up; an input's valid, no-input, no-match, hang-up; a task's
   complete, fail, hang-up.  Returns how many (0 for other types).  */
size_t iv_node_outcomes (const iv_node *nd, double *p);

/* Run the checks of lint.c (L002, L004 to L015) on M, loaded by
   iv_menu_load (whatever it returned), appending the findings to F.  */
void iv_lint (const iv_menu *m, iv_findings *f);

#endif
