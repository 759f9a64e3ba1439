/* 'ccroute erlang': Erlang B, C and A figures and staffing, from the command
   line or per interval from forecast files.

   The formulas are those of the core (cc_erlang.h).  This file adds what the
   command needs around them: the options, the agent-count lists, the zero
   cases (no calls, no agents), the staffing search for every model and every
   combination of targets, and the forecast reader and writer (cc_scan and
   cc_out, so CSV and JSON Lines in, every output format out, --reject as in
   the other tools).

   Staffing: every figure a target bounds improves as agents are added (the
   service level rises; waiting, abandonment, blocking and occupancy fall),
   so the agent counts that meet all the targets form a half-line [N, ...).
   The search doubles from a first guess just above the load until a count
   meets them and then bisects, so it costs O(log N) evaluations (each O(N)
   plus, for Erlang A, the queue states), also for N in the tens of
   thousands.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cc_erlang.h"
#include "cc_out.h"
#include "cc_scan.h"
#include "cc_time.h"
#include "erlang.h"
#include "model.h"

#define ER_MAX_AGENTS 100000L            /* most agents (lines) in a count or a staffing answer */
#define ER_MAX_CALLS 1e12                /* most calls per period */
#define ER_EPS 1e-12                     /* slack of target comparisons, for rounding */

/* Models.  */
enum er_model
{
  ER_AUTO = 0, /* Erlang A with a patience, else Erlang C */
  ER_B,        /* Erlang B: agents are lines, blocked calls are lost */
  ER_C,        /* Erlang C: callers wait for ever */
  ER_A         /* Erlang A: callers hang up after an exponential patience */
};

/* Long-only options.  */
enum
{
  OPT_CALLS = CHAR_MAX + 1,
  OPT_PERIOD,
  OPT_RATE,
  OPT_AHT,
  OPT_PATIENCE,
  OPT_AGENTS,
  OPT_SL,
  OPT_TARGET_SL,
  OPT_MAX_ABANDON,
  OPT_MAX_OCCUPANCY,
  OPT_MAX_BLOCKING,
  OPT_MODEL,
  OPT_INPUT_FORMAT,
  OPT_OUTPUT_FORMAT,
  OPT_REJECT,
  OPT_MAX_FIELD,
  OPT_HELP,
  OPT_VERSION
};

static const struct option long_options[] = {
  { "calls", required_argument, NULL, OPT_CALLS },
  { "period", required_argument, NULL, OPT_PERIOD },
  { "rate", required_argument, NULL, OPT_RATE },
  { "aht", required_argument, NULL, OPT_AHT },
  { "patience", required_argument, NULL, OPT_PATIENCE },
  { "agents", required_argument, NULL, OPT_AGENTS },
  { "sl", required_argument, NULL, OPT_SL },
  { "target-sl", required_argument, NULL, OPT_TARGET_SL },
  { "max-abandon", required_argument, NULL, OPT_MAX_ABANDON },
  { "max-occupancy", required_argument, NULL, OPT_MAX_OCCUPANCY },
  { "max-blocking", required_argument, NULL, OPT_MAX_BLOCKING },
  { "model", required_argument, NULL, OPT_MODEL },
  { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
  { "output-format", required_argument, NULL, OPT_OUTPUT_FORMAT },
  { "output", required_argument, NULL, 'o' },
  { "reject", required_argument, NULL, OPT_REJECT },
  { "max-field-size", required_argument, NULL, OPT_MAX_FIELD },
  { "quiet", no_argument, NULL, 'q' },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* The computed columns, appended to the forecast's own.  */
static const char *const cols_queue[] = { "model", "erlangs",   "agents",    "p_wait",    "asa_s",
                                          "sl",    "p_abandon", "occupancy", "mean_queue" };
static const char *const cols_loss[]
    = { "model", "erlangs", "agents", "blocking", "carried", "occupancy" };
#define NCOLS_QUEUE (sizeof cols_queue / sizeof cols_queue[0])
#define NCOLS_LOSS (sizeof cols_loss / sizeof cols_loss[0])

/* The forecast columns read.  */
enum
{
  S_CALLS = 0,
  S_AHT,
  S_PATIENCE,
  S_AGENTS,
  S_PERIOD,
  NSLOTS
};
static const char *const slot_names[NSLOTS]
    = { "calls", "aht_s", "patience_s", "agents", "period_s" };

/* One inclusive range of agent counts.  */
typedef struct er_range
{
  long lo, hi; /* lo <= hi */
} er_range;

/* A list of agent counts, as given.  */
typedef struct er_list
{
  er_range *r; /* ranges, in the order given */
  size_t n;    /* how many (0: none given, staff instead) */
} er_list;

/* The inputs of one interval.  */
typedef struct er_in
{
  int model;         /* ER_B, ER_C or ER_A (resolved) */
  double lambda;     /* arrivals per second */
  double erlangs;    /* offered load, lambda * aht_s */
  double aht_s;      /* mean handling time, s */
  double patience_s; /* mean patience, s (INFINITY: none) */
} er_in;

/* The figures of one agent count (NAN: null in the output).  */
typedef struct er_fig
{
  long agents;       /* agents (lines for Erlang B) */
  double p_wait;     /* share of offered calls that wait */
  double asa_s;      /* mean wait of answered calls, s */
  double sl;         /* share of offered calls answered within the threshold */
  double p_abandon;  /* share of offered calls that hang up */
  double occupancy;  /* mean share of the agents that are busy */
  double mean_queue; /* mean callers waiting */
  double blocking;   /* Erlang B: share of offered calls blocked */
  double carried;    /* Erlang B: erlangs carried */
} er_fig;

/* The targets of a staffing search (NAN: not set), as shares.  */
typedef struct er_targets
{
  double sl;        /* least service level */
  double abandon;   /* most abandonment */
  double occupancy; /* most occupancy */
  double blocking;  /* most blocking (Erlang B) */
} er_targets;

/* The state of one run.  */
typedef struct er_tool
{
  int model;         /* --model, or ER_AUTO */
  double aht_s;      /* --aht (NAN: not given) */
  double patience_s; /* --patience (INFINITY: not given) */
  double period_s;   /* --period (default 1800) */
  double t_s;        /* --sl threshold, s */
  er_list agents;    /* --agents (n 0: staff) */
  er_targets tg;     /* the staffing targets in force */
  cc_format fmt;     /* output format */
  cc_out *out;       /* the writer */
  cc_str *cols;      /* the output columns once fixed (not JSONL); copies */
  size_t ncols;      /* their number */
  bool have_cols;    /* cols are fixed */
  bool started;      /* the definitions and the column names are written */
  cc_buf text;       /* scratch: formatted values of one output row */
  cc_str *names;     /* scratch: names of one output row */
  cc_val *vals;      /* scratch: values of one output row */
  size_t cap;        /* entries allocated in names and vals */
  er_list rowlist;   /* scratch: the agents list of one forecast row */
  char why[256];     /* the reason a forecast row is refused */
} er_tool;

/* Print the help text and exit 0, or the hint (naming the subcommand) and
   exit 2.  */
static _Noreturn void
usage (int status)
{
  if (status != EXIT_SUCCESS)
    cc_usage_hint ();
  static const char text[] = "\
Usage: ccroute erlang [OPTION]... --calls=N --aht=DUR\n\
  or:  ccroute erlang [OPTION]... --rate=RATE --aht=DUR\n\
  or:  ccroute erlang [OPTION]... FORECAST...\n\
Compute the Erlang B, Erlang C or Erlang A (M/M/n+M: callers hang up after\n\
an exponential patience) figures of an offered load for given agent counts,\n\
or the least agents that meet service targets.  The load comes from the\n\
options, or from FORECAST files (CSV or JSON Lines; - is standard input)\n\
with one interval per record; each output row is an input record with the\n\
figures appended, one row per agent count.\n\
\n\
Load:\n\
      --calls=N            N calls offered per period (a number >= 0)\n\
      --period=DUR         the period of --calls and of forecast records\n\
                             without period_s (default 30m)\n\
      --rate=RATE          the arrival rate instead of --calls: 120/h, 2/m,\n\
                             0.5/s, 40/30m (a bare number is per hour)\n\
      --aht=DUR            mean handling time (talk, hold and wrap-up); with\n\
                             FORECAST, the value of records without aht_s\n\
      --patience=DUR       mean patience of callers before they hang up:\n\
                             Erlang A; with FORECAST, the value of records\n\
                             without patience_s\n\
      --model=MODEL        a: Erlang A (the default when a patience is\n\
                             known), c: Erlang C (the default without one),\n\
                             b: Erlang B (agents are lines, blocked calls\n\
                             are lost)\n\
\n\
Agents:\n\
      --agents=LIST        figures for these agent counts: 14, 10,12,14,\n\
                             10-20 or 8,10-12 (counts 0 to 100000); without\n\
                             it, the least agents that meet every target\n\
      --sl=SECS            service-level threshold (default 20)\n\
      --target-sl=PCT      staff for a service level of at least PCT percent\n\
                             (above 0, below 100; default 80 when no target\n\
                             is given)\n\
      --max-abandon=PCT    staff for at most PCT percent of the calls\n\
                             abandoned (Erlang A)\n\
      --max-occupancy=PCT  staff for an occupancy of at most PCT percent\n\
      --max-blocking=PCT   Erlang B: staff for at most PCT percent of the\n\
                             calls blocked (default 1 when no target is given)\n\
\n\
Input and output:\n\
      --input-format=FMT   FORECAST format: auto, csv or jsonl (default auto)\n\
      --reject=FILE        keep going past bad forecast records, writing each\n\
                             to FILE after a '# FILE:LINE: reason' line\n\
      --max-field-size=N   refuse fields longer than N bytes (default 1048576)\n\
      --output-format=FMT  csv, jsonl, table or markdown (default: table on a\n\
                             terminal, csv otherwise)\n\
  -o, --output=FILE        write to FILE instead of standard output\n\
  -q, --quiet              no progress line on a terminal\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
DUR is a number of seconds or a number with a unit: 90, 90s, 2.5m, 1h.\n\
\n\
FORECAST records: calls (required: calls offered in the interval), aht_s\n\
(required unless --aht), and optionally period_s, patience_s and agents (a\n\
LIST); an empty or absent value takes the option's.  Every other field is\n\
passed through in order; a field named like an output column is replaced.\n\
\n\
Output columns: model (erlang-a, erlang-c or erlang-b), erlangs (offered\n\
load), agents, then p_wait (share of calls that wait), asa_s (mean wait of\n\
the answered calls), sl (share of ALL offered calls answered within --sl\n\
seconds), p_abandon (share of calls that hang up), occupancy (share of agent\n\
time busy) and mean_queue (callers waiting on average); with --model=b:\n\
blocking (share of calls blocked), carried (erlangs carried) and occupancy.\n\
Shares have 6 decimals, seconds 3, erlangs and mean_queue 4.  Erlang C with\n\
no more agents than erlangs has no steady state: p_wait 1, sl 0, occupancy\n\
1, asa_s and mean_queue null.\n\
\n\
Exit status: 0 success, 1 bad input or no staffing up to 100000 agents\n\
meets the targets, 2 usage error.\n\
See ccroute(1) for the formulas and examples.\n\
";
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (status);
}

/* ---- numbers ---- */

/* Parse P[0..N) as a decimal number ("12", "12.5", "-3", "1.5e3"; no blanks,
   no hexadecimal, no infinities) into *OUT.  Returns 0, or -1 when it is not
   such a number, is longer than 64 bytes or overflows.  */
static int
parse_num (const char *p, size_t n, double *out)
{
  char buf[72];
  size_t i = 0;
  if (n == 0 || n > 64)
    return -1;
  memcpy (buf, p, n);
  buf[n] = '\0';
  if (buf[i] == '-')
    i++;
  if (buf[i] < '0' || buf[i] > '9')
    return -1;
  while (buf[i] >= '0' && buf[i] <= '9')
    i++;
  if (buf[i] == '.')
    {
      i++;
      if (buf[i] < '0' || buf[i] > '9')
        return -1;
      while (buf[i] >= '0' && buf[i] <= '9')
        i++;
    }
  if (buf[i] == 'e' || buf[i] == 'E')
    {
      i++;
      if (buf[i] == '+' || buf[i] == '-')
        i++;
      if (buf[i] < '0' || buf[i] > '9')
        return -1;
      while (buf[i] >= '0' && buf[i] <= '9')
        i++;
    }
  if (i != n)
    return -1;
  errno = 0;
  double v = strtod (buf, NULL);
  if (!isfinite (v))
    return -1;
  *out = v == 0 ? 0.0 : v; /* no negative zero */
  return 0;
}

/* Parse a percentage option ("80", "80%", "2.5") into a share in (0, 1), or
   (0, 1] when TOP_OK.  Exits with a usage error otherwise.  */
static double
parse_pct (const char *opt, const char *s, bool top_ok)
{
  size_t n = strlen (s);
  double v;
  if (n > 0 && s[n - 1] == '%')
    n--;
  if (parse_num (s, n, &v) != 0 || !(v > 0) || v > 100 || (!top_ok && v >= 100))
    cc_usage_error ("invalid %s '%s': a percentage above 0 and %s 100 is needed", opt, s,
                    top_ok ? "at most" : "below");
  return v / 100;
}

/* Parse a duration option (90, 90s, 2.5m, 1h, 1d) into seconds; 0 only when
   ZERO_OK.  Exits with a usage error otherwise.  */
static double
parse_dur (const char *opt, const char *s, bool zero_ok)
{
  double v;
  size_t n = strlen (s);
  if (zero_ok && n > 0 && parse_num (s, n - (strchr ("smhdw", s[n - 1]) != NULL), &v) == 0 && v == 0
      && s[0] != '-')
    return 0;
  if (cc_duration_parse (s, &v) != 0 || !(v > 0) || v > RT_MAX_DUR)
    cc_usage_error ("invalid %s '%s': a duration%s such as 20, 90s, 2.5m or 1h is needed", opt, s,
                    zero_ok ? " of 0 or more" : " above 0");
  return v;
}

/* Parse the agent-count LIST P[0..N) (N, N,M,..., N-M, or a mix) into *L
   (whose ranges it reallocates; the caller frees L->r).  Returns 0, or -1
   when malformed or a count is out of 0..ER_MAX_AGENTS.  */
static int
parse_list (const char *p, size_t n, er_list *l)
{
  size_t cap = 0;
  const char *end = p + n;
  l->n = 0;
  if (n == 0)
    return -1;
  while (true)
    {
      long v[2] = { 0, 0 };
      int k = 0;
      for (;; k++)
        {
          int digits = 0;
          while (p < end && *p >= '0' && *p <= '9')
            {
              v[k] = v[k] * 10 + (*p++ - '0');
              if (v[k] > ER_MAX_AGENTS)
                return -1;
              digits++;
            }
          if (!digits)
            return -1;
          if (k == 1 || p == end || *p != '-')
            break;
          p++;
        }
      if (k == 0)
        v[1] = v[0];
      if (v[1] < v[0])
        return -1;
      if (l->n == cap)
        {
          cap = cap ? 2 * cap : 4;
          l->r = cc_xrealloc (l->r, cap * sizeof *l->r);
        }
      l->r[l->n].lo = v[0];
      l->r[l->n].hi = v[1];
      l->n++;
      if (p == end)
        return 0;
      if (*p != ',')
        return -1;
      p++;
    }
}

/* ---- the figures ---- */

/* Fill *F with the figures of IN for N agents under threshold T_S.  Returns
   NULL, or a constant message when Erlang A cannot be computed.  */
static const char *
er_eval (const er_in *in, long n, double t_s, er_fig *f)
{
  double a = in->erlangs;
  *f = (er_fig){ n, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  if (in->model == ER_B)
    {
      f->blocking = a == 0 ? 0.0 : cc_erlang_b (n, a);
      f->carried = a * (1 - f->blocking);
      f->occupancy = n == 0 ? NAN : f->carried / (double)n;
      return NULL;
    }
  if (a == 0)
    {
      /* No calls: an idle system.  */
      f->p_wait = f->asa_s = f->p_abandon = f->mean_queue = 0.0;
      f->sl = 1.0;
      f->occupancy = n == 0 ? NAN : 0.0;
      return NULL;
    }
  if (in->model == ER_A)
    {
      struct cc_erlang_a_result r;
      if (n == 0)
        {
          /* Nobody answers: everyone waits out the patience.  */
          f->p_wait = f->p_abandon = 1.0;
          f->sl = 0.0;
          f->mean_queue = in->lambda * in->patience_s;
          return NULL;
        }
      if (cc_erlang_a (n, in->lambda, in->aht_s, in->patience_s, t_s, &r) != 0)
        return "cannot compute Erlang A: too many callers would wait (patience too long for "
               "the load)";
      f->p_wait = r.p_wait;
      f->asa_s = r.p_abandon < 1.0 ? r.asa_s : NAN;
      f->sl = r.sl;
      f->p_abandon = r.p_abandon;
      f->occupancy = r.occupancy;
      f->mean_queue = r.mean_queue;
      return NULL;
    }
  f->p_abandon = 0.0;
  if (a >= (double)n)
    {
      /* Erlang C without a steady state: the queue grows for ever.  */
      f->p_wait = 1.0;
      f->sl = 0.0;
      f->occupancy = n == 0 ? NAN : 1.0;
      return NULL;
    }
  f->p_wait = cc_erlang_c (n, a);
  f->asa_s = cc_erlang_c_asa (n, a, in->aht_s);
  f->sl = cc_erlang_c_sl (n, a, in->aht_s, t_s);
  f->occupancy = a / (double)n;
  f->mean_queue = in->lambda * f->asa_s;
  return NULL;
}

/* True when N agents meet every target of TG for IN (an Erlang C queue must
   also be stable).  */
static bool
er_meets (const er_in *in, const er_targets *tg, long n, double t_s)
{
  er_fig f;
  if (er_eval (in, n, t_s, &f) != NULL)
    return false;
  if (in->model == ER_C && !(in->erlangs < (double)n))
    return false;
  if (!isnan (tg->occupancy) && !(f.occupancy <= tg->occupancy + ER_EPS))
    return false;
  if (in->model == ER_B)
    return isnan (tg->blocking) || f.blocking <= tg->blocking + ER_EPS;
  if (!isnan (tg->sl) && !(f.sl + ER_EPS >= tg->sl))
    return false;
  if (!isnan (tg->abandon) && !(f.p_abandon <= tg->abandon + ER_EPS))
    return false;
  return true;
}

/* The least agents meeting TG for IN into *N: 0 without calls, else at least
   1.  Returns NULL, or a constant message when no count up to ER_MAX_AGENTS
   meets them.  */
static const char *
er_staff (const er_in *in, const er_targets *tg, double t_s, long *n)
{
  long lo = 0, hi;
  if (in->erlangs == 0)
    {
      *n = 0;
      return NULL;
    }
  hi = in->erlangs < (double)ER_MAX_AGENTS ? (long)floor (in->erlangs) + 1 : ER_MAX_AGENTS;
  while (!er_meets (in, tg, hi, t_s))
    {
      if (hi == ER_MAX_AGENTS)
        return "no staffing up to 100000 agents meets the targets";
      lo = hi;
      hi = hi > ER_MAX_AGENTS / 2 ? ER_MAX_AGENTS : 2 * hi;
    }
  /* lo fails (or is 0, which never counts when there are calls), hi meets.  */
  while (hi - lo > 1)
    {
      long mid = lo + (hi - lo) / 2;
      if (er_meets (in, tg, mid, t_s))
        hi = mid;
      else
        lo = mid;
    }
  *n = hi;
  return NULL;
}

/* ---- output ---- */

/* The computed columns of model MODEL and their number in *N.  */
static const char *const *
out_cols (int model, size_t *n)
{
  *n = model == ER_B ? NCOLS_LOSS : NCOLS_QUEUE;
  return model == ER_B ? cols_loss : cols_queue;
}

/* True when NAME (N bytes) is one of the computed columns of T's schema.  */
static bool
is_computed (const er_tool *t, const char *name, size_t n)
{
  size_t nc;
  const char *const *c = out_cols (t->model, &nc);
  for (size_t i = 0; i < nc; i++)
    if (strlen (c[i]) == n && memcmp (c[i], name, n) == 0)
      return true;
  return false;
}

/* Make room for K names and values in T's scratch arrays.  */
static void
reserve (er_tool *t, size_t k)
{
  if (k <= t->cap)
    return;
  while (t->cap < k)
    t->cap = t->cap ? 2 * t->cap : 32;
  t->names = cc_xrealloc (t->names, t->cap * sizeof *t->names);
  t->vals = cc_xrealloc (t->vals, t->cap * sizeof *t->vals);
}

/* Put the output names of a record with the input NAMES (N of them; none in
   argument mode) into T->names; returns their number.  */
static size_t
out_names (er_tool *t, const cc_str *names, size_t n)
{
  size_t nc, k = 0;
  const char *const *c = out_cols (t->model, &nc);
  reserve (t, n + nc);
  for (size_t i = 0; i < n; i++)
    if (!is_computed (t, names[i].p, names[i].n))
      t->names[k++] = names[i];
  for (size_t i = 0; i < nc; i++)
    t->names[k++] = (cc_str){ c[i], strlen (c[i]) };
  return k;
}

/* Fix the output columns (all formats but JSON Lines) to the K names in
   T->names, or check them against the fixed ones.  Returns NULL, or a
   reason when they differ.  */
static const char *
fix_cols (er_tool *t, size_t k)
{
  if (t->fmt == CC_FMT_JSONL)
    return NULL;
  if (!t->have_cols)
    {
      t->cols = cc_xmalloc ((k + 1) * sizeof *t->cols);
      for (size_t i = 0; i < k; i++)
        {
          t->cols[i].p = cc_xmemdup (t->names[i].p, t->names[i].n);
          t->cols[i].n = t->names[i].n;
        }
      t->ncols = k;
      t->have_cols = true;
      return NULL;
    }
  bool same = k == t->ncols;
  for (size_t i = 0; same && i < k; i++)
    same
        = t->names[i].n == t->cols[i].n && memcmp (t->names[i].p, t->cols[i].p, t->names[i].n) == 0;
  return same ? NULL : "fields differ from the first record's (use --output-format jsonl)";
}

/* Append V with DEC decimals to T->text and store where it starts in OFF
   and its length in LEN; LEN is SIZE_MAX (a null value) when V is NAN or
   infinite.  */
static void
put_num (er_tool *t, double v, int dec, size_t *off, size_t *len)
{
  *off = t->text.n;
  if (!isfinite (v))
    {
      *len = SIZE_MAX;
      return;
    }
  char buf[400]; /* a finite double with 6 decimals needs at most 318 bytes */
  int k = snprintf (buf, sizeof buf, "%.*f", dec, v);
  if (k > 0 && buf[0] == '-')
    {
      /* A rounding of -0: drop the sign of an all-zero figure.  */
      bool zero = true;
      for (int i = 1; i < k; i++)
        zero = zero && (buf[i] == '0' || buf[i] == '.');
      if (zero)
        {
          memmove (buf, buf + 1, (size_t)k);
          k--;
        }
    }
  cc_buf_add (&t->text, buf, (size_t)k);
  *len = (size_t)k;
}

/* Write the definitions line (table and markdown only) for T.  */
static void
write_definitions (er_tool *t)
{
  cc_buf b = { 0 };
  if (t->model == ER_B)
    cc_buf_printf (&b, "ccroute erlang: Erlang B; agents = lines; blocking = share of offered "
                       "calls that find every line busy; carried = erlangs carried");
  else
    cc_buf_printf (&b,
                   "ccroute erlang: sl = share of all offered calls answered within %g s; "
                   "asa_s = mean wait of answered calls; p_abandon = share of offered calls "
                   "that hang up",
                   t->t_s);
  cc_out_comment (t->out, cc_buf_cstr (&b));
  cc_buf_free (&b);
}

/* Before the first output record: the definitions and the columns, so that
   a run that writes no record writes nothing.  */
static void
start_output (er_tool *t)
{
  if (t->started)
    return;
  t->started = true;
  write_definitions (t);
  if (t->have_cols)
    cc_out_columns (t->out, t->cols, t->ncols);
}

/* Write one output record: the NIN input values VALS whose names are not
   computed (NAMES; none in argument mode), then the figures F of IN.  The
   names are those out_names put in T->names (K of them).  */
static void
emit (er_tool *t, const cc_str *names, const cc_val *vals, size_t nin, size_t k, const er_in *in,
      const er_fig *f)
{
  static const char *const mname[] = { "", "erlang-b", "erlang-c", "erlang-a" };
  /* The numbers after the model name, and their decimals.  */
  double num[NCOLS_QUEUE - 1];
  int dec[NCOLS_QUEUE - 1];
  size_t off[NCOLS_QUEUE - 1], len[NCOLS_QUEUE - 1], nnum = 0, j = 0;
#define NUM(v, d) (num[nnum] = (v), dec[nnum++] = (d))
  NUM (in->erlangs, 4);
  NUM ((double)f->agents, 0);
  if (in->model == ER_B)
    {
      NUM (f->blocking, 6);
      NUM (f->carried, 4);
      NUM (f->occupancy, 6);
    }
  else
    {
      NUM (f->p_wait, 6);
      NUM (f->asa_s, 3);
      NUM (f->sl, 6);
      NUM (f->p_abandon, 6);
      NUM (f->occupancy, 6);
      NUM (f->mean_queue, 4);
    }
#undef NUM
  start_output (t);
  t->text.n = 0;
  for (size_t i = 0; i < nnum; i++)
    put_num (t, num[i], dec[i], &off[i], &len[i]);
  for (size_t i = 0; i < nin; i++)
    if (!is_computed (t, names[i].p, names[i].n))
      t->vals[j++] = vals[i];
  t->vals[j++] = cc_v_str (mname[in->model]);
  for (size_t i = 0; i < nnum; i++)
    t->vals[j++] = len[i] == SIZE_MAX ? cc_v_null ()
                                      : (cc_val){ t->text.p + off[i], (uint32_t)len[i], CC_NUM };
  cc_out_record (t->out, t->names, t->vals, k);
}

/* Write the rows of IN for the counts of LIST (or the staffing answer when
   LIST is empty), after the NIN input fields NAMES/VALS.  Returns NULL, or
   a reason when nothing could be written (the first count cannot be
   computed, or no staffing meets the targets); nothing is written then.  */
static const char *
er_rows (er_tool *t, const er_in *in, const er_list *list, const cc_str *names, const cc_val *vals,
         size_t nin)
{
  er_fig f;
  const char *why;
  size_t k = out_names (t, names, nin);
  if (list->n == 0)
    {
      long n;
      if ((why = er_staff (in, &t->tg, t->t_s, &n)) || (why = er_eval (in, n, t->t_s, &f)))
        return why;
      if ((why = fix_cols (t, k)))
        return why;
      emit (t, names, vals, nin, k, in, &f);
      return NULL;
    }
  /* The fewest agents are the hardest case to compute: try it first, so a
     record is written whole or not at all.  */
  long least = ER_MAX_AGENTS;
  for (size_t i = 0; i < list->n; i++)
    if (list->r[i].lo < least)
      least = list->r[i].lo;
  if ((why = er_eval (in, least, t->t_s, &f)))
    return why;
  if ((why = fix_cols (t, k)))
    return why;
  for (size_t i = 0; i < list->n; i++)
    for (long n = list->r[i].lo; n <= list->r[i].hi; n++)
      {
        if ((why = er_eval (in, n, t->t_s, &f)))
          cc_die (CC_EXIT_FAIL, "%s", why); /* not reached: fewer agents worked */
        emit (t, names, vals, nin, k, in, &f);
      }
  return NULL;
}

/* Resolve the model of an interval with mean patience PATIENCE_S (INFINITY:
   none) under T's --model.  Returns ER_B, ER_C or ER_A, or ER_AUTO when
   Erlang A is asked for without a patience.  */
static int
resolve_model (const er_tool *t, double patience_s)
{
  if (t->model == ER_AUTO)
    return isinf (patience_s) ? ER_C : ER_A;
  if (t->model == ER_A && isinf (patience_s))
    return ER_AUTO;
  return t->model;
}

/* ---- forecast records ---- */

/* Quote length of V for messages.  */
#define QV(v) cc_val_quote_len (v), (v)->p

/* Read the number of slot S of ROW into *OUT.  Returns 1 when it is absent
   or null, 0 when read, or -1 (with T->why set, naming the field and
   WHAT is needed) when it is not a number in [LO, HI] (LO excluded when
   !LO_OK).  */
static int
cell_num (er_tool *t, const cc_row *row, int s, double lo, bool lo_ok, double hi, const char *what,
          double *out)
{
  const cc_val *v = cc_row_get (row, s);
  double x;
  if (!v || v->kind == CC_NULL)
    return 1;
  if (v->kind == CC_BOOL || parse_num (v->p, v->n, &x) != 0 || x < lo || (!lo_ok && x == lo)
      || x > hi)
    {
      snprintf (t->why, sizeof t->why, "invalid %s '%.*s': %s is needed", slot_names[s], QV (v),
                what);
      return -1;
    }
  *out = x;
  return 0;
}

/* cc_scan row function: one forecast interval, written as one row per agent
   count.  Returns NULL, or the reason the record is refused.  */
static const char *
forecast_row (void *ctx, const cc_row *row)
{
  er_tool *t = ctx;
  double calls = 0, aht = t->aht_s, patience = t->patience_s, period = t->period_s;
  int rc;
  rc = cell_num (t, row, S_CALLS, 0, true, ER_MAX_CALLS, "a number of calls from 0 to 1e12",
                 &calls);
  if (rc < 0)
    return t->why;
  if (rc > 0)
    return "calls is missing";
  if (cell_num (t, row, S_AHT, 0, false, RT_MAX_DUR, "a number of seconds above 0", &aht) < 0)
    return t->why;
  if (isnan (aht))
    return "aht_s is missing (or give --aht)";
  if (cell_num (t, row, S_PERIOD, 0, false, RT_MAX_DUR, "a number of seconds above 0", &period) < 0)
    return t->why;
  if (cell_num (t, row, S_PATIENCE, 0, false, RT_MAX_DUR, "a number of seconds above 0", &patience)
      < 0)
    return t->why;

  er_in in;
  in.model = resolve_model (t, patience);
  if (in.model == ER_AUTO)
    return "Erlang A needs a patience: patience_s is missing (or give --patience)";
  in.lambda = calls / period;
  in.erlangs = calls * aht / period;
  in.aht_s = aht;
  in.patience_s = in.model == ER_A ? patience : INFINITY;
  if (!isfinite (in.erlangs) || !isfinite (in.lambda))
    return "the offered load is too large";

  const er_list *list = &t->agents;
  const cc_val *av = cc_row_get (row, S_AGENTS);
  if (av && av->kind != CC_NULL)
    {
      if (av->kind == CC_BOOL || parse_list (av->p, av->n, &t->rowlist) != 0)
        {
          snprintf (t->why, sizeof t->why,
                    "invalid agents '%.*s': agent counts from 0 to 100000 (N, N,M,... or "
                    "N-M) are needed",
                    QV (av));
          return t->why;
        }
      list = &t->rowlist;
    }
  return er_rows (t, &in, list, row->names, row->vals, row->n);
}

/* cc_scan header function: a CSV forecast needs calls, and aht_s unless
   --aht; its columns fix the output's.  Returns NULL or a fatal message.  */
static const char *
forecast_header (void *tool, const cc_str *names, size_t n, const int32_t *slot)
{
  er_tool *t = tool;
  if (slot[S_CALLS] < 0)
    return "no calls column";
  if (slot[S_AHT] < 0 && isnan (t->aht_s))
    return "no aht_s column (or give --aht)";
  size_t k = out_names (t, names, n);
  return fix_cols (t, k) ? "columns differ from the first file's (use --output-format jsonl)"
                         : NULL;
}

/* ---- main ---- */


/* Parse a whole number option in [LO, HI].  */
static long
parse_long (const char *opt, const char *s, long lo, long hi)
{
  double v;
  if (parse_num (s, strlen (s), &v) != 0 || v != floor (v) || v < (double)lo || v > (double)hi
      || strchr (s, '.') || strchr (s, 'e') || strchr (s, 'E'))
    cc_usage_error ("invalid %s '%s': a whole number from %ld to %ld is needed", opt, s, lo, hi);
  return (long)v;
}

int
rt_erlang_main (int argc, char **argv)
{
  cc_diag_set_command ("erlang"); /* the usage hint names 'ccroute erlang' */
  er_tool t = { 0 };
  t.aht_s = NAN;
  t.patience_s = INFINITY;
  t.period_s = 1800;
  t.t_s = 20;
  t.tg = (er_targets){ NAN, NAN, NAN, NAN };
  double calls = NAN, rate = NAN;
  bool period_given = false, sl_given = false, fmt_given = false, quiet = false;
  cc_format in_fmt = CC_FMT_AUTO, out_fmt = CC_FMT_CSV;
  const char *output = NULL, *reject = NULL;
  size_t max_field = 0;

  /* getopt's own messages name the program as the others do.  */
  argv[0] = (char *)cc_prog;
  int c;
  while ((c = getopt_long (argc, argv, "o:q", long_options, NULL)) != -1)
    {
      switch (c)
        {
        case OPT_CALLS:
          if (parse_num (optarg, strlen (optarg), &calls) != 0 || calls < 0 || calls > ER_MAX_CALLS)
            cc_usage_error ("invalid --calls '%s': a number of calls from 0 to 1e12 is needed",
                            optarg);
          break;
        case OPT_PERIOD:
          t.period_s = parse_dur ("--period", optarg, false);
          period_given = true;
          break;
        case OPT_RATE:
          if (rt_parse_rate (optarg, &rate) != 0 || !(rate >= 0) || !isfinite (rate))
            cc_usage_error ("invalid --rate '%s': a rate such as 120/h, 2/m, 0.5/s or 40/30m is "
                            "needed",
                            optarg);
          break;
        case OPT_AHT:
          t.aht_s = parse_dur ("--aht", optarg, false);
          break;
        case OPT_PATIENCE:
          t.patience_s = parse_dur ("--patience", optarg, false);
          break;
        case OPT_AGENTS:
          if (parse_list (optarg, strlen (optarg), &t.agents) != 0)
            cc_usage_error ("invalid --agents '%s': agent counts from 0 to 100000 (N, N,M,... or "
                            "N-M) are needed",
                            optarg);
          break;
        case OPT_SL:
          t.t_s = parse_dur ("--sl", optarg, true);
          sl_given = true;
          break;
        case OPT_TARGET_SL:
          t.tg.sl = parse_pct ("--target-sl", optarg, false);
          break;
        case OPT_MAX_ABANDON:
          t.tg.abandon = parse_pct ("--max-abandon", optarg, true);
          break;
        case OPT_MAX_OCCUPANCY:
          t.tg.occupancy = parse_pct ("--max-occupancy", optarg, true);
          break;
        case OPT_MAX_BLOCKING:
          t.tg.blocking = parse_pct ("--max-blocking", optarg, true);
          break;
        case OPT_MODEL:
          if (strcmp (optarg, "a") == 0 || strcmp (optarg, "erlang-a") == 0)
            t.model = ER_A;
          else if (strcmp (optarg, "b") == 0 || strcmp (optarg, "erlang-b") == 0)
            t.model = ER_B;
          else if (strcmp (optarg, "c") == 0 || strcmp (optarg, "erlang-c") == 0)
            t.model = ER_C;
          else
            cc_usage_error ("invalid --model '%s': a, b or c is needed", optarg);
          break;
        case OPT_INPUT_FORMAT:
          if (cc_format_parse (optarg, &in_fmt) != 0 || in_fmt > CC_FMT_JSONL)
            cc_usage_error ("invalid --input-format '%s': auto, csv or jsonl", optarg);
          break;
        case OPT_OUTPUT_FORMAT:
          if (cc_format_parse (optarg, &out_fmt) != 0 || out_fmt == CC_FMT_AUTO
              || out_fmt == CC_FMT_HTML)
            cc_usage_error ("invalid --output-format '%s': csv, jsonl, table or markdown", optarg);
          fmt_given = true;
          break;
        case 'o':
          output = optarg;
          break;
        case OPT_REJECT:
          reject = optarg;
          break;
        case OPT_MAX_FIELD:
          max_field = (size_t)parse_long ("--max-field-size", optarg, 1, 1L << 30);
          break;
        case 'q':
          quiet = true;
          break;
        case OPT_HELP:
          usage (EXIT_SUCCESS);
        case OPT_VERSION:
          cc_print_version (cc_prog);
          return EXIT_SUCCESS;
        default:
          usage (CC_EXIT_USAGE);
        }
    }

  /* The combinations.  */
  bool forecast = optind < argc;
  bool targets = !isnan (t.tg.sl) || !isnan (t.tg.abandon) || !isnan (t.tg.occupancy)
                 || !isnan (t.tg.blocking);
  if (forecast && (!isnan (calls) || !isnan (rate)))
    cc_usage_error ("--calls and --rate cannot be used with FORECAST files");
  if (!forecast)
    {
      if (!isnan (calls) && !isnan (rate))
        cc_usage_error ("--calls and --rate cannot be used together");
      if (isnan (calls) && isnan (rate))
        cc_usage_error ("--calls or --rate (or FORECAST files) is needed");
      if (!isnan (rate) && period_given)
        cc_usage_error ("--period applies to --calls, not to --rate");
      if (isnan (t.aht_s))
        cc_usage_error ("--aht is needed");
      if (reject)
        cc_usage_error ("--reject needs FORECAST files");
      if (in_fmt != CC_FMT_AUTO || max_field)
        cc_usage_error ("--input-format and --max-field-size need FORECAST files");
    }
  if (!isinf (t.patience_s) && (t.model == ER_B || t.model == ER_C))
    cc_usage_error ("--patience needs Erlang A: leave out --model or use --model=a");
  if (t.model == ER_B && (!isnan (t.tg.sl) || !isnan (t.tg.abandon) || sl_given))
    cc_usage_error ("--sl, --target-sl and --max-abandon do not apply to Erlang B");
  if (t.model != ER_B && !isnan (t.tg.blocking))
    cc_usage_error ("--max-blocking needs --model=b");
  if (!isnan (t.tg.abandon) && (t.model == ER_C || (!forecast && isinf (t.patience_s))))
    cc_usage_error ("--max-abandon needs Erlang A (--patience)");
  if (!forecast && t.model == ER_A && isinf (t.patience_s))
    cc_usage_error ("--model=a needs --patience");
  if (targets && t.agents.n)
    cc_usage_error ("--target-sl, --max-abandon, --max-occupancy and --max-blocking choose the "
                    "agents: they cannot be used with --agents");
  if (!targets)
    {
      if (t.model == ER_B)
        t.tg.blocking = 0.01;
      else
        t.tg.sl = 0.80;
    }

  if (!fmt_given)
    out_fmt = isatty (STDOUT_FILENO) && !output ? CC_FMT_TABLE : CC_FMT_CSV;
  t.fmt = out_fmt;
  int status = EXIT_SUCCESS;

  if (!forecast)
    {
      er_in in;
      in.model = resolve_model (&t, t.patience_s);
      in.aht_s = t.aht_s;
      in.patience_s = t.patience_s;
      if (!isnan (calls))
        {
          in.lambda = calls / t.period_s;
          in.erlangs = calls * t.aht_s / t.period_s;
        }
      else
        {
          in.lambda = rate;
          in.erlangs = rate * t.aht_s;
        }
      if (!isfinite (in.erlangs) || !isfinite (in.lambda))
        cc_die (CC_EXIT_FAIL, "the offered load is too large");
      if (output)
        cc_stdout_to (output);
      t.out = cc_out_new (stdout, out_fmt);
      const char *why = er_rows (&t, &in, &t.agents, NULL, NULL, 0);
      if (why)
        {
          cc_out_discard (t.out);
          cc_die (CC_EXIT_FAIL, "%s", why);
        }
      cc_out_finish (t.out);
    }
  else
    {
      FILE *rej = NULL;
      if (reject && !(rej = fopen (reject, "w")))
        cc_die (CC_EXIT_FAIL, "cannot open %s: %s", reject, strerror (errno));
      if (output)
        cc_stdout_to (output);
      t.out = cc_out_new (stdout, out_fmt);

      cc_slots slots = { slot_names, NSLOTS };
      cc_scan_opts so = { 0 };
      so.format = in_fmt;
      so.slots = &slots;
      so.max_field = max_field;
      so.threads = 1; /* the output keeps the input order */
      so.reject = rej;
      so.reject_name = reject;
      so.tool = &t;
      so.ctx_new = cc_scan_self_new;
      so.ctx_merge = cc_scan_self_merge;
      so.ctx_free = cc_scan_self_free;
      so.row = forecast_row;
      so.header = forecast_header;
      so.quiet = quiet;
      uint64_t rejected = 0;
      void *ctx = &t;
      for (int i = optind; i < argc; i++)
        {
          cc_scan_result res;
          int rc = cc_scan (argv[i], &so, &ctx, &res);
          rejected += res.rejected;
          if (rc != 0)
            {
              status = CC_EXIT_FAIL;
              break;
            }
        }
      if (status == EXIT_SUCCESS)
        cc_out_finish (t.out);
      else
        cc_out_discard (t.out);
      if (rej && fclose (rej) != 0)
        cc_die_write (errno);
      if (rejected)
        cc_err ("%llu record%s rejected (see %s)", (unsigned long long)rejected,
                rejected == 1 ? "" : "s", reject);
    }

  for (size_t i = 0; i < t.ncols; i++)
    free ((char *)t.cols[i].p);
  free (t.cols);
  free (t.names);
  free (t.vals);
  free (t.agents.r);
  free (t.rowlist.r);
  cc_buf_free (&t.text);
  return status;
}
