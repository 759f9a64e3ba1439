/* ccreport: the report as a fold over interaction records.

   Each record is classified (answered, abandoned, timeout, overflow, other),
   its wait and handle time derived, and added to the accumulator of its group
   (the values of the --by columns and the --interval it arrived in).  An
   accumulator holds only counts, sums and exact whole-second histograms, so
   the accumulators of two parts of the input merge by addition and the report
   does not depend on how the input was split.  */
#ifndef CCREPORT_REPORT_H
#define CCREPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_hist.h"
#include "cc_qlog.h"
#include "cc_rec.h"
#include "cc_src.h"
#include "cc_regex.h"
#include "cc_time.h"

/* Which base the service level divides by.  */
enum sl_base
{
  SL_OFFERED,          /* answered within T / offered */
  SL_ANSWERED,         /* answered within T / answered */
  SL_ANS_ABN,          /* answered within T / (answered + abandoned) */
  SL_OFFERED_SHORT     /* answered within T / (offered - short abandons) */
};

/* Which records --list writes.  */
enum list_kind
{
  LIST_NONE,       /* no list: a report */
  LIST_ALL,        /* every record that passes the filters */
  LIST_ANSWERED,   /* answered ones */
  LIST_ABANDONED,  /* abandoned ones */
  LIST_UNANSWERED  /* all that were not answered */
};

/* Which report --report asks for.  */
enum report_kind
{
  RK_QUEUES,        /* the figures per --by group (the default) */
  RK_AGENTS,        /* per agent: handled, talk, ring-no-answer, pause, login, occupancy */
  RK_TRANSFERS,     /* per group: answered, transferred by kind, transfer rate */
  RK_HANGUP,        /* per group: who hung up answered calls */
  RK_CONVERSATIONS, /* messaging: records grouped into conversations */
  RK_PAUSES         /* per agent and pause reason (a queue_log's agent events) */
};

/* Where the records come from (--from, --db).  */
enum source
{
  SRC_RECORDS,      /* interaction record files (CSV or JSON Lines) */
  SRC_QLOG,         /* Asterisk queue_log (native or a table export) */
  SRC_CDR,          /* Asterisk CDR (Master.csv, cdr_custom) */
  SRC_DB            /* the SQLite store of 'ccreport ingest' */
};

/* Which directions count.  */
enum direction
{
  DIR_INBOUND,  /* inbound, and records without a direction */
  DIR_OUTBOUND, /* outbound only */
  DIR_ALL       /* everything */
};

/* Slots of the fields ccreport reads (order matches slot_names in report.c).  */
enum slot
{
  S_ID, S_CHANNEL, S_DIRECTION, S_QUEUE, S_AGENT, S_OUTCOME, S_ARRIVED, S_ANSWERED,
  S_ENDED, S_WAIT, S_HANDLE, S_TRANSFER, S_HANGUP, S_CONV,
  S_FIXED /* the --by and --where fields follow */
};

/* One --where filter.  */
typedef struct where
{
  char *field;   /* the field name */
  int slot;      /* its slot */
  bool negate;   /* FIELD!~REGEX */
  cc_regex *re;  /* the pattern */
} where;

/* A list of accepted values (--queue a,b).  */
typedef struct vlist
{
  char **v;  /* values */
  size_t n;  /* how many */
} vlist;

/* The report's settings, read-only while records are folded.  */
typedef struct report
{
  char **by;            /* --by columns */
  size_t nby;           /* how many */
  int *by_slot;         /* their slots */
  int64_t interval;     /* --interval in seconds, 0 for none */
  int64_t sl_secs;      /* --sl */
  enum sl_base sl_base; /* --sl-base */
  int64_t short_secs;   /* --short-abandon, -1 when off */
  int64_t *buckets;     /* --buckets upper bounds, ascending */
  size_t nbuckets;      /* how many */
  enum direction dir;   /* --direction */
  bool have_since, have_until; /* --since / --until given */
  cc_usec since, until; /* the range: since <= arrived_at < until */
  vlist queues, agents, channels; /* value filters */
  where *wheres;        /* --where filters */
  size_t nwheres;       /* how many */
  bool total;           /* write a total row */
  enum list_kind list;  /* --list: write records instead of a report */
  struct cc_out *list_out; /* where --list writes (one thread) */
  cc_format list_fmt;   /* its format */
  cc_str *list_cols;    /* the columns of the first listed record (copies) */
  size_t nlist_cols;    /* how many */
  const char **slot_names; /* names of all slots */
  size_t nslots;        /* how many */
  enum report_kind kind;   /* --report */
  int64_t reopen_us;    /* --reopen-window in microseconds (conversations) */
  bool charts;          /* html: also fold per agent and per chart interval */
  int64_t chart_interval; /* interval of the html charts, seconds */
  int64_t sl_target;    /* --sl-target: the service-level target of the html charts, percent */
  const cc_qlog_agents *qagents; /* agent figures of a queue_log, or NULL */
  const cc_srcdiag *diag; /* diagnostics of a converted log, or NULL */
} report;

/* A group's accumulator.  */
typedef struct acc
{
  uint64_t offered;      /* records counted */
  uint64_t answered;     /* answered */
  uint64_t abandoned;    /* abandoned (not answered) */
  uint64_t timeout;      /* timed out in queue */
  uint64_t overflow;     /* overflowed to another queue */
  uint64_t other;        /* any other unanswered outcome */
  int64_t wait_sum;      /* sum of answered waits, microseconds */
  uint64_t handled;      /* answered records with a known handle time */
  int64_t handle_sum;    /* sum of their handle times, microseconds */
  cc_hist wait;          /* answered waits, whole seconds rounded up */
  cc_hist abandon_wait;  /* abandoned waits, whole seconds rounded up */
  uint64_t xfer;         /* answered and transferred (a transfer column, or outcome transferred) */
  uint64_t xfer_blind;   /* of which blind transfers */
  uint64_t xfer_attended; /* of which attended transfers */
  uint64_t hang_caller;  /* answered, the caller hung up (hangup_by caller) */
  uint64_t hang_agent;   /* answered, the agent hung up (hangup_by agent) */
} acc;

/* One group: its key and accumulator.  */
typedef struct group
{
  char *key;        /* encoded key: per --by column a length (uint32, ~0 = null) and bytes */
  size_t keylen;    /* length of key */
  int64_t ival;     /* interval start (seconds), or 0 */
  uint64_t hash;    /* hash of key and ival */
  acc a;            /* the figures */
} group;

/* A fold context: a hash table of groups.  */
typedef struct fold
{
  const report *r;     /* settings */
  group **g;           /* groups in insertion order */
  size_t ng, capg;     /* used, allocated */
  size_t *tab;         /* open-addressing table of group index + 1 (0 = empty) */
  size_t tabsz;        /* slots (a power of two) */
  group *last;         /* the group of the previous record */
  char *kbuf;          /* key scratch */
  size_t kcap;         /* its size */
  char why[320];       /* the reason of the last refused record */
  struct fold *agents; /* html charts: the same figures per agent, or NULL */
  struct fold *ivals;  /* html charts: the same figures per chart interval, or NULL */
  void *conv;          /* conversations report state (conv.c), or NULL */
} fold;

/* Fill in the slot names and slots of R (after options are parsed).  */
void report_slots (report *r);

/* Callbacks for cc_scan.  */
void *fold_new (void *r);
void fold_merge (void *r, void *dst, void *src);
void fold_free (void *r, void *f);
const char *fold_row (void *f, const cc_row *row);
const char *report_header (void *r, const cc_str *names, size_t n, const int32_t *slot);

/* The accumulator of the group with key K (N bytes) and interval IVAL in F,
   added when new.  */
acc *fold_group (fold *f, const char *k, size_t n, int64_t ival);

/* Sort the groups of F for output.  */
void report_sort (const report *r, fold *f);

/* Write F as partial state (JSON Lines) to OUT.  */
void report_write_partial (const report *r, fold *f, FILE *out);

/* Add the partial file PATH ("-": stdin) to *FP; it may hold several partials
   one after another, each starting with its header.  The FIRST partial sets
   R's grouping and makes *FP; later ones must match it.  Returns 0, or -1 after
   printing the error.  */
int report_read_partial (report *r, fold **fp, const char *path, bool first);

/* Add the figures of S to D.  */
void acc_merge (acc *d, const acc *s);

/* Write the report of fold F in format FMT to OUT.  */
void report_render (const report *r, fold *f, cc_format fmt, FILE *out);

/* Write the diagnostics D of a converted log after a report in format FMT
   to OUT (table, markdown: a section; JSON Lines: "_diagnostic" records);
   a summary goes to stderr for every format.  */
void report_render_diag (const cc_srcdiag *d, cc_format fmt, FILE *out);

/* html.c: the report as one self-contained HTML page (tables, inline SVG
   charts from F's groups, F->ivals and F->agents, and the diagnostics).  */
void report_render_html (const report *r, fold *f, FILE *out);

/* agents.c: the agent, transfer, hang-up and pause reports.  */
void report_render_agents (const report *r, fold *f, cc_format fmt, FILE *out);
void report_render_transfers (const report *r, fold *f, cc_format fmt, FILE *out);
void report_render_hangup (const report *r, fold *f, cc_format fmt, FILE *out);
void report_render_pauses (const report *r, fold *f, cc_format fmt, FILE *out);

/* conv.c: the conversations report.  conv_row takes a record that passed the
   filters, with its group key (KEY, KEYLEN bytes, as fold keys are encoded)
   and its times; conv_merge folds S's state into D's (S holds later records
   of the input); conv_render writes the report.  */
const char *conv_row (fold *f, const cc_row *row, const char *key, size_t keylen, cc_usec arr,
                      bool harr, cc_usec ans, bool hans, cc_usec end, bool hend, bool answered);
void conv_merge (const report *r, fold *d, fold *s);
void conv_free (fold *f);
void conv_render (const report *r, fold *f, cc_format fmt, FILE *out);

#endif
