/* ccivr-sim run: callers simulated through a menu (ivr.md 4.4), one record
   per caller, ready for ccroute.

   Arrivals are generated (Poisson at --rate from --start) or replayed from
   records (arrived_at required, every other column passed through).  Each
   caller walks the nodes by the rules written at the top of analyse.c
   ("Semantics shared with run.c"), so that with patience off the shares and
   mean times of many callers converge to what 'ccivr-sim analyse' computes;
   the simulator adds the caller's patience (sim.patience_s, or a replayed
   record's patience_s), hours decided by the local time of the moment in the
   menu's time zone, and the loop guard of 200 node visits.

   Each caller draws from a stream of its own (stream k + 1 of --seed for the
   k-th caller, arrivals from stream 0), so one caller's draws never shift
   another's.  Every time is on the microsecond grid, so arrived_at (the exit
   time, when the caller enters the queue) is ivr_enter_at + ivr_s exactly.
   Records are written in order of arrived_at: a finished caller waits in a
   heap until the latest arrival so far has passed its exit time, so no
   caller still to come can leave the IVR before it (exact for generated
   arrivals and for replayed records in arrival order; records out of order
   come out roughly sorted, as ccroute's --reorder-window expects).  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_rng.h"
#include "cc_scan.h"
#include "cc_time.h"
#include "cmds.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"
#define MAX_VISITS 200      /* node visits before error_loop */
#define ZSLOTS 1024         /* cached 15-minute slots of a zone */
#define ZSLOT_SEC 900       /* length of a slot */
#define OFF_MIXED INT32_MIN /* a slot with a change of offset inside */


/* Long-only options.  */
enum
{
  OPT_CALLS = CHAR_MAX + 1,
  OPT_START,
  OPT_END,
  OPT_DURATION,
  OPT_RATE,
  OPT_SEED,
  OPT_TZ,
  OPT_OUTFMT,
  OPT_INFMT,
  OPT_SUMMARY,
  OPT_NODE_STATS,
  OPT_TO_QUEUE,
  OPT_REJECT,
  OPT_NO_PATIENCE,
  OPT_HELP,
  OPT_VERSION
};

static const struct option run_options[] = {
  { "calls", required_argument, NULL, OPT_CALLS },
  { "start", required_argument, NULL, OPT_START },
  { "end", required_argument, NULL, OPT_END },
  { "duration", required_argument, NULL, OPT_DURATION },
  { "rate", required_argument, NULL, OPT_RATE },
  { "seed", required_argument, NULL, OPT_SEED },
  { "tz", required_argument, NULL, OPT_TZ },
  { "output-format", required_argument, NULL, OPT_OUTFMT },
  { "input-format", required_argument, NULL, OPT_INFMT },
  { "output", required_argument, NULL, 'o' },
  { "summary", no_argument, NULL, OPT_SUMMARY },
  { "node-stats", no_argument, NULL, OPT_NODE_STATS },
  { "to-queue", no_argument, NULL, OPT_TO_QUEUE },
  { "reject", required_argument, NULL, OPT_REJECT },
  { "no-patience", no_argument, NULL, OPT_NO_PATIENCE },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* Print the help of 'run' and exit with STATUS (a hint only, on error).  */
static _Noreturn void
run_usage (int status)
{
  if (status != EXIT_SUCCESS)
    cc_usage_hint ();
  printf ("Usage: %s run [OPTION]... MENU.json --calls=N|--duration=DUR|--end=TIME\n"
          "  or:  %s run [OPTION]... MENU.json [RECORDS]...\n",
          PROGRAM_NAME, PROGRAM_NAME);
  static const char text[] = "\
Simulate callers through the IVR menu MENU.json: generated arrivals (Poisson\n\
at --rate), or the records in RECORDS (CSV or JSON Lines; with none, or -,\n\
standard input; arrived_at required, every other column passed through).\n\
One record per caller: arrived_at is the time the caller leaves the IVR\n\
(enters the queue), ivr_enter_at the arrival, patience_s the patience left,\n\
so that 'ccivr-sim run --to-queue ... | ccroute --config=FILE' goes on.\n\
\n\
Options:\n\
      --calls=N            generate N callers\n\
      --start=TIME         generate from TIME (RFC 3339, epoch seconds or\n\
                             YYYY-MM-DD; default 2000-01-01 in --tz)\n\
      --end=TIME           generate callers arriving before TIME\n\
      --duration=DUR       generate for DUR (90, 15m, 2h, 1d)\n\
      --rate=R             arrivals per hour, or R/s, R/m, R/h, R/d\n\
                             (default 60/h); or a daily profile of steps\n\
                             in --tz, 'HH:MM R, HH:MM R, ...'\n\
      --seed=N             seed of the random numbers (default 1)\n\
      --tz=ZONE            the zone of output times and of --start dates\n\
      --output-format=FMT  csv (default), jsonl, table or markdown\n\
      --input-format=FMT   auto (default), csv or jsonl\n\
  -o, --output=FILE        write to FILE instead of standard output\n\
      --to-queue           write only the callers that reach a queue\n\
      --no-patience        callers never run out of patience in the IVR\n\
                             (sim.patience_s and patience_s ignored), as\n\
                             in 'ccivr-sim analyse'\n\
      --summary            write figures (containment, abandonment, exit\n\
                             reasons, a per-node funnel) instead of records\n\
      --node-stats         write the per-node funnel as a table (calls,\n\
                             entries, replays, retries, drop-off, time)\n\
      --reject=FILE        write bad records to FILE and go on\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 a bad menu or record or a runtime failure,\n\
2 usage error.  See ccivr-sim(1).\n\
";
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (status);
}

/* A time zone whose offsets are cached per 15-minute slot.  The process has
   one libc zone at a time (cc_tz_set), so the menu's zone (for hours nodes)
   and the output zone (--tz) take turns, each switch happening only on a
   cache miss.  */
typedef struct zone
{
  const char *name;     /* IANA name */
  bool utc;             /* no offsets at all */
  int64_t slot[ZSLOTS]; /* which slot each entry holds */
  int32_t off[ZSLOTS];  /* its offset, or OFF_MIXED */
} zone;

static const zone *active_zone; /* the zone cc_tz_set was last given */

/* Initialise Z for zone NAME (NULL: UTC).  Returns 0, or -1 when unknown.  */
static int
zone_init (zone *z, const char *name)
{
  z->name = name;
  z->utc = !name || strcmp (name, "UTC") == 0;
  for (size_t i = 0; i < ZSLOTS; i++)
    z->slot[i] = INT64_MIN;
  if (z->utc)
    return 0;
  if (cc_tz_set (name) != 0)
    return -1;
  active_zone = z;
  return 0;
}

/* Floor of A / B for B > 0.  */
static int64_t
floor_div (int64_t a, int64_t b)
{
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* The offset of Z from UTC (seconds east) at instant T (seconds).  */
static int32_t
zone_offset (zone *z, int64_t t)
{
  if (z->utc)
    return 0;
  int64_t slot = floor_div (t, ZSLOT_SEC);
  unsigned i = (unsigned)((uint64_t)slot & (ZSLOTS - 1));
  if (z->slot[i] == slot && z->off[i] != OFF_MIXED)
    return z->off[i];
  if (active_zone != z)
    {
      if (cc_tz_set (z->name) != 0)
        cc_die (CC_EXIT_FAIL, "unknown time zone '%s'", z->name);
      active_zone = z;
    }
  if (z->slot[i] != slot)
    {
      int32_t a = cc_tz_offset (slot * ZSLOT_SEC);
      int32_t b = cc_tz_offset (slot * ZSLOT_SEC + ZSLOT_SEC - 1);
      z->slot[i] = slot;
      z->off[i] = a == b ? a : OFF_MIXED;
      if (a == b)
        return a;
    }
  return cc_tz_offset (t);
}

/* Format T into BUF (48 bytes) as RFC 3339 in zone Z (NULL: UTC).  */
static size_t
fmt_time (char *buf, cc_usec t, zone *z)
{
  if (!z || z->utc)
    return cc_time_format (buf, t, 0);
  /* RFC 3339 offsets are whole minutes: a historical offset with seconds
     (local mean time) is rounded to the minute, as cc_time_format does, and
     the time shifted by that, so that the text still names the instant.  */
  int32_t off
      = (int32_t)(floor_div (zone_offset (z, floor_div (t, CC_USEC_PER_SEC)) + 30, 60) * 60);
  size_t n = cc_time_format (buf, t + (cc_usec)off * CC_USEC_PER_SEC, 0);
  n--; /* the 'Z' */
  int32_t a = off < 0 ? -off : off;
  n += (size_t)snprintf (buf + n, 48 - n, "%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600),
                         (int)(a / 60 % 60));
  return n;
}

/* Format USEC microseconds as seconds into BUF (32 bytes), without trailing
   zeros.  */
static size_t
fmt_secs (char *buf, int64_t usec)
{
  /* 64-bit division: cc_num_fixed's general 128-bit one costs more.  */
  uint64_t a = usec < 0 ? (uint64_t)(-(usec + 1)) + 1 : (uint64_t)usec;
  uint64_t whole = a / 1000000, frac = a % 1000000;
  char tmp[24], *e = tmp + sizeof tmp, *q = e;
  do
    *--q = (char)('0' + whole % 10);
  while (whole /= 10);
  size_t n = 0;
  if (usec < 0)
    buf[n++] = '-';
  memcpy (buf + n, q, (size_t)(e - q));
  n += (size_t)(e - q);
  if (frac)
    {
      int w = 6;
      while (frac % 10 == 0)
        frac /= 10, w--;
      buf[n++] = '.';
      for (int i = w - 1; i >= 0; i--, frac /= 10)
        buf[n + (size_t)i] = (char)('0' + frac % 10);
      n += (size_t)w;
    }
  buf[n] = '\0';
  return n;
}

/* Append the decimal digits of V to S.  */
static void
buf_int (cc_buf *s, int64_t v)
{
  char tmp[24], *e = tmp + sizeof tmp, *q = e;
  uint64_t a = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
  do
    *--q = (char)('0' + a % 10);
  while (a /= 10);
  if (v < 0)
    *--q = '-';
  cc_buf_add (s, q, (size_t)(e - q));
}

/* Append the decimal digits of V to S.  */
static void
buf_uint (cc_buf *s, uint64_t v)
{
  char tmp[24], *e = tmp + sizeof tmp, *q = e;
  do
    *--q = (char)('0' + v % 10);
  while (v /= 10);
  cc_buf_add (s, q, (size_t)(e - q));
}

/* The longest single draw of a distribution, in seconds (10 days; lint
   keeps every mean under a day, so this cuts only far tails).  */
#define MAX_DRAW_S 864000.0

/* One sample of the menu distribution D in seconds (0 when not given), at
   most MAX_DRAW_S.  */
static double
dist_sample (const iv_dist *d, cc_rng *r)
{
  double v;
  switch (d->kind)
    {
    case IV_DIST_FIXED:
      v = d->a;
      break;
    case IV_DIST_EXP:
      v = cc_rng_exp (r, d->a);
      break;
    case IV_DIST_LOGNORMAL:
      v = d->a * exp (d->b * cc_rng_normal (r));
      break;
    case IV_DIST_UNIFORM:
      v = d->a + (d->b - d->a) * cc_rng_uniform (r);
      break;
    case IV_DIST_WEIBULL:
      v = d->b * pow (-log (cc_rng_uniform (r)), 1.0 / d->a);
      break;
    default:
      v = 0;
    }
  return v < MAX_DRAW_S ? v : MAX_DRAW_S;
}

/* Seconds to microseconds, rounded (negative draws count as 0).  */
static int64_t
to_us (double s)
{
  if (!(s > 0))
    return 0;
  if (s > 1e12)
    return INT64_C (1000000000000) * CC_USEC_PER_SEC;
  return (int64_t)llround (s * 1e6);
}

/* Index of the outcome drawn by U (uniform on [0, 1)) among the N
   probabilities P, taken relative to TOTAL, their positive ones' sum (which
   lint lets differ from 1 by 0.001), as analyse.c normalises them; the last
   outcome with a
   positive probability when rounding leaves U beyond the sum.  */
static size_t
pick (const double *p, size_t n, double u, double total)
{
  u *= total;
  double c = 0;
  size_t last = n - 1;
  for (size_t i = 0; i < n; i++)
    {
      if (p[i] > 0)
        last = i;
      c += p[i];
      if (u < c && p[i] > 0)
        return i;
    }
  return last;
}

/* The outcome probabilities of every node of one view of the menu (the
   menu's, or a segment's), resolved once by iv_node_outcomes.  */
typedef struct otab
{
  double *p;     /* all the nodes' outcomes, node after node */
  size_t *off;   /* node i's outcomes start at p[off[i]] */
  double *total; /* per node: the sum of its positive outcomes */
} otab;

/* Fill T for the nodes of menu M.  */
static void
otab_init (otab *t, const iv_menu *m)
{
  size_t n = 0;
  t->off = cc_xmalloc ((m->nnodes + 1) * sizeof *t->off);
  t->total = cc_xcalloc (m->nnodes ? m->nnodes : 1, sizeof *t->total);
  for (size_t i = 0; i < m->nnodes; i++)
    n += m->nodes[i].noptions + 3;
  t->p = cc_xcalloc (n ? n : 1, sizeof *t->p);
  size_t at = 0;
  for (size_t i = 0; i < m->nnodes; i++)
    {
      t->off[i] = at;
      size_t k = iv_node_outcomes (&m->nodes[i], t->p + at);
      for (size_t j = 0; j < k; j++)
        t->total[i] += t->p[at + j] > 0 ? t->p[at + j] : 0;
      at += k;
    }
  t->off[m->nnodes] = at;
}

/* Free what T holds.  */
static void
otab_free (otab *t)
{
  free (t->p);
  free (t->off);
  free (t->total);
}

/* Per-node counts of the summary funnel.  */
typedef struct nstat
{
  uint64_t calls;       /* callers who came here at least once */
  uint64_t last;        /* the last caller counted in calls, plus 1 */
  uint64_t entries;     /* visits, replays included */
  uint64_t replays;     /* visits that were a replay of the node */
  uint64_t noinput;     /* no-inputs */
  uint64_t nomatch;     /* no-matches */
  uint64_t retry_limit; /* no-inputs or no-matches past the retry limit */
  uint64_t hangups;     /* caller hang-ups and patience run out there */
  uint64_t exits;       /* calls that left the IVR here */
  int64_t time_us;      /* time spent here, over every visit */
} nstat;

/* One exit reason's count.  */
typedef struct rcount
{
  const char *reason; /* the reason (menu string or literal) */
  uint64_t n;         /* callers */
} rcount;

/* One caller's walk through the menu.  */
typedef struct walk
{
  cc_buf path;           /* node ids joined by '>' */
  cc_buf keys;           /* option keys joined by ',' */
  int exit_node;         /* where the call left the IVR */
  const char *reason;    /* exit_reason */
  int64_t ivr_us;        /* time in the IVR */
  int64_t pat_us;        /* patience, INT64_MAX for none */
  bool has_pat;          /* patience is finite */
  long noinput, nomatch; /* totals over the call */
  bool retry_hit;        /* a retry limit sent the caller to a handler */
  bool zero_out;         /* chose a zero_out option */
  bool ss_ok;            /* a self-service task completed */
  bool hung;             /* the call ended in a caller hang-up */
  const char *ss_task;   /* the last task tried, or NULL */
  const char *hours;     /* the last hours branch taken, or NULL */
  const char *queue;     /* to_queue: the queue */
  const char *skill;     /* to_queue: the skill, or NULL */
  long priority;         /* to_queue: the priority */
  const iv_var **vars;   /* variables set (last value wins on lookup) */
  size_t nvars, capvars; /* how many, allocated */
} walk;

/* A finished record waiting for its turn in the output.  */
typedef struct prec
{
  cc_usec key;   /* arrived_at (the exit time) */
  uint64_t seq;  /* arrival order, for ties */
  size_t n;      /* fields */
  cc_str *names; /* field names (into blob) */
  cc_val *vals;  /* values (into blob) */
  char *blob;    /* all the bytes; or, with names NULL, the rendered line */
  size_t len;    /* the rendered line's length (names NULL) */
} prec;

/* One field being built: offsets into the builder's blob.  */
typedef struct bfield
{
  size_t no, nn; /* name */
  size_t vo, vn; /* value */
  uint8_t kind;  /* enum cc_kind */
} bfield;

/* A record being built.  */
typedef struct rbuild
{
  cc_buf blob;   /* names and values */
  bfield *f;     /* the fields */
  size_t n, cap; /* how many, allocated */
} rbuild;

/* The state of a run.  */
typedef struct run
{
  const iv_menu *m;      /* the menu */
  uint64_t seed;         /* --seed */
  zone calz;             /* the menu's zone, for hours nodes */
  zone outz;             /* --tz */
  bool out_local;        /* --tz given */
  bool to_queue;         /* --to-queue */
  bool summary;          /* --summary */
  bool no_patience;      /* --no-patience */
  bool node_stats;       /* --node-stats */
  iv_menu *views;        /* per segment: the menu as its callers behave */
  otab *otabs;           /* outcomes: the menu's, then each segment's */
  const otab *ot;        /* the current caller's */
  uint64_t *seg_calls;   /* callers per segment */
  int seg;               /* the current caller's segment, -1 none */
  int nf;                /* own fields written (F_SEGMENT only with segments) */
  uint64_t ss_hangups;   /* callers who hung up after a completed task */
  uint64_t hangups;      /* callers who hung up (patience included) */
  uint64_t ss_clean;     /* self_service exits without a hang-up */
  const double *rate_tod;  /* --rate profile: per step, calls a second */
  const int *rate_at;      /* its steps, seconds after local midnight */
  size_t nrate;            /* steps (0: a constant rate) */
  cc_format out_fmt;     /* --output-format */
  cc_out *out;           /* the writer (NULL until the first record) */
  cc_str *cols;          /* columns written (CSV, table, markdown), owned */
  size_t ncols;          /* how many */
  uint64_t ncallers;     /* callers simulated */
  walk w;                /* the current caller */
  prec *heap;            /* finished records by exit time */
  size_t nheap, capheap; /* how many, allocated */
  nstat *ns;             /* per node */
  rcount *rc;            /* per exit reason */
  size_t nrc;            /* how many */
  uint64_t zero_outs;    /* callers who opted out */
  uint64_t written;      /* records written */
  int64_t sum_ivr_us;    /* total time in the IVR */
  uint64_t loops;        /* callers ended by the loop guard */
  cc_usec max_arr;       /* the latest arrival so far */
  bool any_arr;          /* max_arr is set */
  rbuild rb;             /* the record being built */
  cc_buf line;           /* a generated record rendered (CSV, JSONL) */
  cc_str *rnames;        /* the fields of the first replayed record (not JSONL) */
  size_t nrnames;        /* how many; 0 until that record */
  bool have_rnames;      /* rnames is set */
  cc_buf scratch;        /* the run's own values of the current caller */
  char why[160];         /* a reason for rejecting a record */
} run;

/* The reason of a caller hang-up (or patience run out) at node ND.  */
static const char *
hang_reason (const run *R, const iv_node *nd)
{
  if (R->w.ss_ok && R->m->hangup_after_ss)
    return R->m->hangup_after_ss;
  return nd->hangup_as ? nd->hangup_as : "abandon_ivr";
}

/* Spend DT seconds; true when the patience runs out first (the time is
   then the patience).  */
static bool
spend (walk *w, double dt)
{
  int64_t us = to_us (dt);
  if (w->has_pat && w->ivr_us + us > w->pat_us)
    {
      w->ivr_us = w->pat_us;
      return true;
    }
  w->ivr_us += us;
  return false;
}

/* The branch of hours node ND at instant T: 0 open, 1 closed, 2 holiday.  */
static int
hours_state (run *R, const iv_node *nd, cc_usec t)
{
  const iv_calendar *c = &R->m->calendars[nd->calendar.node];
  int64_t s = floor_div (t, CC_USEC_PER_SEC);
  int64_t ls = s + zone_offset (&R->calz, s);
  int64_t day = floor_div (ls, 86400);
  int64_t sec = ls - day * 86400;
  int64_t y;
  unsigned mo, d;
  cc_civil_from_days (day, &y, &mo, &d);
  for (size_t i = 0; i < c->nholidays; i++)
    if (c->holidays[i].y == y && c->holidays[i].m == (int)mo && c->holidays[i].d == (int)d)
      return 2;
  for (size_t i = 0; i < c->nspecial; i++)
    {
      const iv_day *x = &c->special[i];
      if (x->y == y && x->m == (int)mo && x->d == (int)d)
        {
          if (x->open_min < 0)
            return 2;
          return sec >= x->open_min * 60 && sec < x->close_min * 60 ? 0 : 1;
        }
    }
  int wd = (int)((day % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday; 0 Monday */
  for (size_t i = 0; i < c->nweekly; i++)
    {
      const iv_window *x = &c->weekly[i];
      if ((x->days >> wd & 1) && sec >= x->open_min * 60 && sec < x->close_min * 60)
        return 0;
    }
  return 1;
}

/* The priority a caller gets at queue node ND: the first rule whose tests
   all hold, else the node's priority.  */
static long
queue_priority (const walk *w, const iv_node *nd)
{
  for (size_t i = 0; i < nd->nrules; i++)
    {
      const iv_rule *r = &nd->rules[i];
      bool ok = true;
      for (size_t k = 0; ok && k < r->nwhen; k++)
        {
          const char *val = NULL;
          for (size_t j = w->nvars; j-- > 0;)
            if (strcmp (w->vars[j]->var, r->when[k].var) == 0)
              {
                val = w->vars[j]->val;
                break;
              }
          ok = val && strcmp (val, r->when[k].val) == 0;
        }
      if (ok)
        return r->priority;
    }
  return nd->priority.v;
}

/* Walk one caller, arriving at ARR with patience PAT_US (INT64_MAX: none),
   through the menu, drawing from R2; the result in R->w.  */
static void
walk_call (run *R, const iv_menu *m, cc_usec arr, int64_t pat_us, cc_rng *r2)
{
  walk *w = &R->w;
  uint64_t caller = R->ncallers + 1;
  nstat *st = NULL;
  int64_t t_in = 0;
  w->path.n = w->keys.n = 0;
  w->ivr_us = 0;
  w->pat_us = pat_us;
  w->has_pat = pat_us != INT64_MAX;
  w->noinput = w->nomatch = 0;
  w->retry_hit = w->zero_out = w->ss_ok = w->hung = false;
  w->ss_task = w->hours = w->queue = w->skill = NULL;
  w->priority = 0;
  w->nvars = 0;
  int node = m->start.node, L = -1, P = -1, visits = 0, last = node;
  long ni = 0, nm = 0;
  bool replay = false;
  const otab *ot = R->ot;
  for (;;)
    {
      const iv_node *nd = &m->nodes[node];
      if (st)
        st->time_us = cc_add_checked (st->time_us, w->ivr_us - t_in);
      if (++visits > MAX_VISITS)
        {
          /* The loop guard: the call ends at the last node visited.  */
          w->reason = "error_loop";
          R->loops++;
          node = last;
          break;
        }
      last = node;
      if (w->path.n)
        cc_buf_addc (&w->path, '>');
      cc_buf_adds (&w->path, nd->id);
      st = &R->ns[node];
      t_in = w->ivr_us;
      st->entries++;
      if (st->last != caller)
        {
          st->last = caller;
          st->calls++;
        }
      st->replays += replay;
      if (!replay)
        {
          ni = nm = 0;
          if (nd->type == IV_MENU && node != L)
            {
              P = L;
              L = node;
            }
        }
      replay = false;
      double Pt = nd->prompt_est_s;
      int next = IV_REF_NONE;
      const char *fin = NULL; /* the exit reason, when the call ends here */
      switch (nd->type)
        {
        case IV_PROMPT:
          {
            bool hang = cc_rng_uniform (r2) < iv_p0 (&nd->p_hangup);
            if (spend (w, Pt) || hang)
              {
                st->hangups++, w->hung = true;
                fin = hang_reason (R, nd);
              }
            else
              next = nd->next.node;
            break;
          }
        case IV_MENU:
        case IV_INPUT:
          {
            bool menu = nd->type == IV_MENU;
            size_t nout = menu ? nd->noptions + 3 : 4;
            size_t k0 = menu ? nd->noptions : 1;
            size_t o = pick (ot->p + ot->off[node], nout, cc_rng_uniform (r2), ot->total[node]);
            /* Speech recognition turns a chosen option into another one or a
               rejection (a no-match).  */
            if (menu && o < k0 && iv_node_has_asr (nd))
              {
                double sub = iv_p0 (&nd->asr_subst);
                double v = cc_rng_uniform (r2)
                           * (iv_p0 (&nd->asr_correct) + sub + iv_p0 (&nd->asr_reject));
                if (v < sub)
                  {
                    if (nd->noptions == 1)
                      o = k0 + 1;
                    else
                      {
                        size_t j = (size_t)cc_rng_below (r2, nd->noptions - 1);
                        o = j >= o ? j + 1 : j;
                      }
                  }
                else if (v < sub + iv_p0 (&nd->asr_reject))
                  o = k0 + 1;
              }
            double dt;
            if (o < k0 || o == k0 + 1)
              {
                double b = nd->barge_in ? Pt * cc_rng_uniform (r2) : Pt;
                const iv_dist *th
                    = !menu && nd->entry_s.kind != IV_DIST_NONE ? &nd->entry_s : &nd->think_s;
                dt = b + dist_sample (th, r2);
              }
            else if (o == k0)
              dt = Pt + nd->timeout_eff_s;
            else
              dt = Pt;
            if (spend (w, dt) || o == k0 + 2)
              {
                st->hangups++, w->hung = true;
                fin = hang_reason (R, nd);
              }
            else if (o < k0 && menu)
              {
                const iv_option *op = &nd->options[o];
                if (w->keys.n)
                  cc_buf_addc (&w->keys, ',');
                cc_buf_addc (&w->keys, op->key);
                if (op->zero_out)
                  w->zero_out = true;
                if (op->repeat)
                  {
                    replay = true;
                    next = node;
                  }
                else
                  next = op->next.node;
              }
            else if (o < k0)
              {
                for (size_t i = 0; i < nd->nset_on_valid; i++)
                  {
                    if (w->nvars == w->capvars)
                      {
                        w->capvars = w->capvars ? 2 * w->capvars : 8;
                        w->vars = cc_xrealloc (w->vars, w->capvars * sizeof *w->vars);
                      }
                    w->vars[w->nvars++] = &nd->set_on_valid[i];
                  }
                next = nd->on_valid.node;
              }
            else
              {
                bool noin = o == k0;
                long *cnt = noin ? &ni : &nm;
                long max = noin ? nd->max_noinput.v : nd->max_nomatch.v;
                if (noin)
                  w->noinput++, st->noinput++;
                else
                  w->nomatch++, st->nomatch++;
                if (*cnt < max)
                  {
                    ++*cnt;
                    replay = true;
                    next = node;
                  }
                else
                  {
                    w->retry_hit = true;
                    st->retry_limit++;
                    next = noin ? nd->on_noinput.node : nd->on_nomatch.node;
                    if (next < 0)
                      fin = "system_hangup";
                  }
              }
            break;
          }
        case IV_HOURS:
          {
            int hs = hours_state (R, nd, arr + w->ivr_us);
            w->hours = hs == 0 ? "open" : hs == 1 ? "closed" : "holiday";
            next = hs == 0 ? nd->open.node : nd->closed.node;
            if (hs == 2 && nd->holiday.name)
              next = nd->holiday.node;
            break;
          }
        case IV_SELFSERVICE:
          {
            size_t o = pick (ot->p + ot->off[node], 3, cc_rng_uniform (r2), ot->total[node]);
            w->ss_task = nd->task;
            if (spend (w, Pt + dist_sample (&nd->duration_s, r2)) || o == 2)
              {
                st->hangups++, w->hung = true;
                fin = hang_reason (R, nd);
              }
            else if (o == 0)
              {
                w->ss_ok = true;
                next = nd->on_complete.node;
              }
            else
              next = nd->on_fail.node;
            break;
          }
        case IV_GOTO:
          if (nd->target.node == IV_REF_PARENT)
            next = P >= 0 ? P : L >= 0 ? L : m->start.node;
          else
            next = nd->target.node;
          break;
        default:
          {
            /* The terminals.  */
            double dt = Pt;
            if (nd->type == IV_VOICEMAIL)
              dt += dist_sample (&nd->duration_s, r2);
            if (spend (w, dt))
              {
                st->hangups++, w->hung = true;
                fin = hang_reason (R, nd);
              }
            else if (nd->type == IV_QUEUE)
              {
                fin = "to_queue";
                w->queue = nd->queue;
                w->skill = nd->skill;
                w->priority = queue_priority (w, nd);
              }
            else if (nd->type == IV_VOICEMAIL)
              fin = "voicemail";
            else if (nd->type == IV_END)
              fin = nd->outcome ? nd->outcome : "end";
            else if (nd->type == IV_TRANSFER)
              fin = "transfer_external";
            else
              fin = "system_hangup";
          }
        }
      if (!fin && next < 0)
        fin = "system_hangup"; /* a reference lint would have refused */
      if (fin)
        {
          w->reason = fin;
          st->time_us = cc_add_checked (st->time_us, w->ivr_us - t_in);
          break;
        }
      node = next;
    }
  w->exit_node = node;
  R->ns[node].exits++;
}

/* The fields the run writes.  */
enum
{
  F_ID = 0,
  F_CHANNEL,
  F_DIRECTION,
  F_ARRIVED_AT,
  F_IVR_ENTER_AT,
  F_IVR_S,
  F_IVR_ID,
  F_IVR_VERSION,
  F_SEED,
  F_IVR_PATH,
  F_IVR_KEYS,
  F_EXIT_NODE,
  F_EXIT_REASON,
  F_QUEUE,
  F_SKILLS,
  F_PRIORITY,
  F_IVR_PATIENCE_S,
  F_PATIENCE_S,
  F_PATIENCE_LEFT_S,
  F_NOINPUT_COUNT,
  F_NOMATCH_COUNT,
  F_MAX_RETRY_HIT,
  F_ZERO_OUT,
  F_SS_TASK,
  F_SS_OK,
  F_HOURS_STATE,
  F_SEGMENT, /* last: written only when the menu has segments */
  F_N
};
static const char *const fnames[F_N] = { "id",
                                         "channel",
                                         "direction",
                                         "arrived_at",
                                         "ivr_enter_at",
                                         "ivr_s",
                                         "ivr_id",
                                         "ivr_version",
                                         "seed",
                                         "ivr_path",
                                         "ivr_keys",
                                         "exit_node",
                                         "exit_reason",
                                         "queue",
                                         "skills",
                                         "priority",
                                         "ivr_patience_s",
                                         "patience_s",
                                         "patience_left_s",
                                         "noinput_count",
                                         "nomatch_count",
                                         "max_retry_hit",
                                         "zero_out",
                                         "ss_task",
                                         "ss_ok",
                                         "hours_state",
                                         "segment" };

/* Append field NAME (NN bytes) = V (VN bytes, kind KIND) to B.  */
static void
rb_add (rbuild *b, const char *name, size_t nn, const char *v, size_t vn, int kind)
{
  if (b->n == b->cap)
    {
      b->cap = b->cap ? 2 * b->cap : 32;
      b->f = cc_xrealloc (b->f, b->cap * sizeof *b->f);
    }
  bfield *f = &b->f[b->n++];
  f->no = b->blob.n;
  f->nn = nn;
  cc_buf_add (&b->blob, name, nn);
  f->vo = b->blob.n;
  f->vn = vn;
  if (vn)
    cc_buf_add (&b->blob, v, vn);
  f->kind = (uint8_t)kind;
}

/* The values of the run's own fields for the current caller, into the
   scratch buffer S as offsets (VO, VN) and kinds K.  */
static void
own_values (run *R, cc_usec arr, uint64_t id, cc_buf *s, size_t *vo, size_t *vn, uint8_t *k)
{
  const walk *w = &R->w;
  const iv_menu *m = R->m;
  char t[48];
  s->n = 0;
#define PUT(F, KIND, ...)                                                                          \
  do                                                                                               \
    {                                                                                              \
      vo[F] = s->n;                                                                                \
      __VA_ARGS__;                                                                                 \
      vn[F] = s->n - vo[F];                                                                        \
      k[F] = (KIND);                                                                               \
    }                                                                                              \
  while (0)
#define PUTS(F, STR)                                                                               \
  do                                                                                               \
    {                                                                                              \
      const char *s_ = (STR);                                                                      \
      PUT (F, s_ ? CC_STR : CC_NULL, if (s_) cc_buf_adds (s, s_));                                 \
    }                                                                                              \
  while (0)
  PUT (F_ID, CC_STR, cc_buf_add (s, "gen-", 4); buf_uint (s, id));
  PUTS (F_CHANNEL, "voice");
  PUTS (F_DIRECTION, "inbound");
  zone *oz = R->out_local ? &R->outz : NULL;
  PUT (F_ARRIVED_AT, CC_STR, cc_buf_add (s, t, fmt_time (t, arr + w->ivr_us, oz)));
  PUT (F_IVR_ENTER_AT, CC_STR, cc_buf_add (s, t, fmt_time (t, arr, oz)));
  PUT (F_IVR_S, CC_NUM, cc_buf_add (s, t, fmt_secs (t, w->ivr_us)));
  PUTS (F_IVR_ID, m->id);
  PUTS (F_IVR_VERSION, m->version);
  PUT (F_SEED, CC_NUM, buf_uint (s, R->seed));
  PUT (F_IVR_PATH, CC_STR, cc_buf_add (s, w->path.p, w->path.n));
  PUT (F_IVR_KEYS, CC_STR, cc_buf_add (s, w->keys.p, w->keys.n));
  PUTS (F_EXIT_NODE, m->nodes[w->exit_node].id);
  PUTS (F_EXIT_REASON, w->reason);
  PUTS (F_QUEUE, w->queue);
  PUTS (F_SKILLS, w->skill);
  if (w->queue)
    PUT (F_PRIORITY, CC_NUM, buf_int (s, w->priority));
  else
    PUT (F_PRIORITY, CC_NULL, (void)0);
  if (w->has_pat)
    {
      PUT (F_IVR_PATIENCE_S, CC_NUM, cc_buf_add (s, t, fmt_secs (t, w->pat_us)));
      PUT (F_PATIENCE_S, CC_NUM, cc_buf_add (s, t, fmt_secs (t, w->pat_us - w->ivr_us)));
      PUT (F_PATIENCE_LEFT_S, CC_NUM, cc_buf_add (s, t, fmt_secs (t, w->pat_us - w->ivr_us)));
    }
  else
    {
      PUT (F_IVR_PATIENCE_S, CC_NULL, (void)0);
      PUT (F_PATIENCE_S, CC_NULL, (void)0);
      PUT (F_PATIENCE_LEFT_S, CC_NULL, (void)0);
    }
  PUT (F_NOINPUT_COUNT, CC_NUM, buf_int (s, w->noinput));
  PUT (F_NOMATCH_COUNT, CC_NUM, buf_int (s, w->nomatch));
  PUT (F_MAX_RETRY_HIT, CC_BOOL, cc_buf_adds (s, w->retry_hit ? "true" : "false"));
  PUT (F_ZERO_OUT, CC_BOOL, cc_buf_adds (s, w->zero_out ? "true" : "false"));
  PUTS (F_SS_TASK, w->ss_task);
  PUT (F_SS_OK, CC_BOOL, cc_buf_adds (s, w->ss_ok ? "true" : "false"));
  PUTS (F_HOURS_STATE, w->hours);
  PUTS (F_SEGMENT, R->seg >= 0 ? m->segments[R->seg].name : NULL);
#undef PUTS
#undef PUT
}

/* Nonzero when record A goes out before B.  */
static bool
prec_before (const prec *a, const prec *b)
{
  return a->key != b->key ? a->key < b->key : a->seq < b->seq;
}

/* Write record P and free it.  */
static void
prec_write (run *R, prec *p)
{
  if (!p->names)
    {
      /* Rendered when pushed (the writer and its columns exist).  */
      cc_out_raw (R->out, p->blob, p->len);
      R->written++;
      free (p->blob);
      return;
    }
  if (!R->out)
    {
      R->out = cc_out_new (stdout, R->out_fmt);
      if (R->out_fmt != CC_FMT_JSONL)
        {
          R->ncols = p->n;
          R->cols = cc_xmalloc (p->n * sizeof *R->cols);
          for (size_t i = 0; i < p->n; i++)
            R->cols[i] = (cc_str){ cc_xmemdup (p->names[i].p, p->names[i].n), p->names[i].n };
          cc_out_columns (R->out, R->cols, R->ncols);
        }
    }
  /* The fields match the header: replay_row refuses a record with other
     fields than the first unless the output is JSON Lines.  */
  cc_out_record (R->out, p->names, p->vals, p->n);
  R->written++;
  free (p->names);
  free (p->vals);
  free (p->blob);
}

/* Write every waiting record that leaves the IVR no later than LIMIT.  */
static void
heap_flush (run *R, cc_usec limit)
{
  while (R->nheap && R->heap[0].key <= limit)
    {
      prec top = R->heap[0];
      prec last = R->heap[--R->nheap];
      size_t n = R->nheap, i = 0;
      for (;;)
        {
          size_t l = 2 * i + 1;
          if (l >= n)
            break;
          size_t c = l + 1 < n && prec_before (&R->heap[l + 1], &R->heap[l]) ? l + 1 : l;
          if (!prec_before (&R->heap[c], &last))
            break;
          R->heap[i] = R->heap[c];
          i = c;
        }
      if (n)
        R->heap[i] = last;
      prec_write (R, &top);
    }
}

/* Push the waiting record P.  */
static void
heap_add (run *R, prec p)
{
  if (R->nheap == R->capheap)
    {
      R->capheap = R->capheap ? 2 * R->capheap : 256;
      R->heap = cc_xrealloc (R->heap, R->capheap * sizeof *R->heap);
    }
  size_t i = R->nheap++;
  while (i > 0)
    {
      size_t up = (i - 1) / 2;
      if (!prec_before (&p, &R->heap[up]))
        break;
      R->heap[i] = R->heap[up];
      i = up;
    }
  R->heap[i] = p;
}

/* Turn B into a waiting record keyed KEY and push it.  */
static void
heap_push (run *R, rbuild *b, cc_usec key)
{
  prec p;
  p.key = key;
  p.seq = R->ncallers;
  p.n = b->n;
  p.len = 0;
  p.blob = cc_xmalloc (b->blob.n + 1);
  if (b->blob.n)
    memcpy (p.blob, b->blob.p, b->blob.n);
  p.names = cc_xmalloc ((b->n + 1) * sizeof *p.names);
  p.vals = cc_xmalloc ((b->n + 1) * sizeof *p.vals);
  for (size_t i = 0; i < b->n; i++)
    {
      p.names[i] = (cc_str){ p.blob + b->f[i].no, b->f[i].nn };
      p.vals[i] = (cc_val){ p.blob + b->f[i].vo, (uint32_t)b->f[i].vn, b->f[i].kind };
    }
  heap_add (R, p);
}

/* Push the generated record of the run's own values (offsets VO, lengths
   VN, kinds K into S) already rendered as a CSV or JSONL line: one
   allocation instead of three, and the names neither copied nor compared.  */
static void
heap_push_line (run *R, const cc_buf *s, const size_t *vo, const size_t *vn, const uint8_t *k,
                cc_usec key)
{
  if (!R->out)
    {
      cc_str cols[F_N];
      for (int f = 0; f < R->nf; f++)
        cols[f] = (cc_str){ fnames[f], strlen (fnames[f]) };
      R->out = cc_out_new (stdout, R->out_fmt);
      cc_out_columns (R->out, cols, (size_t)R->nf);
    }
  cc_val vals[F_N];
  for (int f = 0; f < R->nf; f++)
    vals[f] = (cc_val){ s->p + vo[f], (uint32_t)vn[f], k[f] };
  R->line.n = 0;
  cc_out_render_row (R->out, &R->line, vals, (size_t)R->nf);
  prec p = { 0 };
  p.key = key;
  p.seq = R->ncallers;
  p.blob = cc_xmalloc (R->line.n);
  memcpy (p.blob, R->line.p, R->line.n);
  p.len = R->line.n;
  heap_add (R, p);
}

/* Fold the current caller into the summary.  */
static void
tally (run *R)
{
  const walk *w = &R->w;
  R->sum_ivr_us = cc_add_checked (R->sum_ivr_us, w->ivr_us);
  R->zero_outs += w->zero_out;
  R->hangups += w->hung;
  R->ss_clean += !w->hung && strcmp (w->reason, "self_service") == 0;
  R->ss_hangups += w->hung && w->ss_ok;
  if (R->seg >= 0)
    R->seg_calls[R->seg]++;
  size_t i;
  for (i = 0; i < R->nrc; i++)
    if (strcmp (R->rc[i].reason, w->reason) == 0)
      break;
  if (i == R->nrc)
    {
      R->rc = cc_xrealloc (R->rc, (R->nrc + 1) * sizeof *R->rc);
      R->rc[R->nrc++] = (rcount){ w->reason, 0 };
    }
  R->rc[i].n++;
}

/* Simulate one caller arriving at ARR (patience PAT_US, or -1 to draw it),
   and queue its record: generated when ROW is NULL, else ROW's fields with
   the run's own replaced.  */
static void
one_caller (run *R, cc_usec arr, int64_t pat_us, int seg, const cc_row *row)
{
  size_t vo[F_N], vn[F_N];
  uint8_t k[F_N];
  cc_rng r2;
  cc_rng_seed (&r2, R->seed, R->ncallers + 1);
  const iv_menu *m = R->m;
  R->seg = -1;
  R->ot = &R->otabs[0];
  if (m->nsegments)
    {
      /* The segment first (given by the record, else drawn by share).  */
      if (seg < 0)
        {
          double u = cc_rng_uniform (&r2), c = 0;
          seg = (int)m->nsegments - 1;
          for (size_t i = 0; i < m->nsegments; i++)
            {
              c += m->segments[i].share_eff;
              if (u < c && m->segments[i].share_eff > 0)
                {
                  seg = (int)i;
                  break;
                }
            }
          while (seg > 0 && !(m->segments[seg].share_eff > 0))
            seg--;
        }
      R->seg = seg;
      m = &R->views[seg];
      R->ot = &R->otabs[seg + 1];
    }
  if (R->no_patience)
    pat_us = INT64_MAX;
  else if (pat_us < 0)
    pat_us = m->patience_s.kind == IV_DIST_NONE ? INT64_MAX
                                                : to_us (dist_sample (&m->patience_s, &r2));
  walk_call (R, m, arr, pat_us, &r2);
  R->ncallers++;
  tally (R);
  if (!R->any_arr || arr > R->max_arr)
    R->max_arr = arr;
  R->any_arr = true;
  heap_flush (R, R->max_arr);
  if (R->summary || R->node_stats || (R->to_queue && !R->w.queue))
    return;
  rbuild *b = &R->rb;
  cc_buf *s = &R->scratch;
  own_values (R, arr, R->ncallers, s, vo, vn, k);
  if (!row && (R->out_fmt == CC_FMT_CSV || R->out_fmt == CC_FMT_JSONL))
    {
      heap_push_line (R, s, vo, vn, k, arr + R->w.ivr_us);
      return;
    }
  b->blob.n = 0;
  b->n = 0;
  if (!row)
    for (int f = 0; f < R->nf; f++)
      rb_add (b, fnames[f], strlen (fnames[f]), s->p + vo[f], vn[f], k[f]);
  else
    {
      bool have[F_N] = { false };
      for (size_t i = 0; i < row->n; i++)
        {
          const cc_str *nm = &row->names[i];
          int f = -1;
          for (int j = 0; j < R->nf && f < 0; j++)
            if (strlen (fnames[j]) == nm->n && memcmp (fnames[j], nm->p, nm->n) == 0)
              f = j;
          if (f >= 0)
            have[f] = true;
          if (f > F_DIRECTION)
            rb_add (b, nm->p, nm->n, s->p + vo[f], vn[f], k[f]);
          else
            rb_add (b, nm->p, nm->n, row->vals[i].p, row->vals[i].n, row->vals[i].kind);
        }
      for (int f = F_CHANNEL; f < R->nf; f++)
        if (!have[f])
          rb_add (b, fnames[f], strlen (fnames[f]), s->p + vo[f], vn[f], k[f]);
    }
  heap_push (R, b, arr + R->w.ivr_us);
}

/* Slots of replayed records.  */
enum
{
  S_ARRIVED_AT = 0,
  S_PATIENCE_S,
  S_SEGMENT,
  S_N
};
static const char *const slot_names[S_N] = { "arrived_at", "patience_s", "segment" };

/* The row function of the replay: one caller per record.  */
static const char *
replay_row (void *ctx, const cc_row *row)
{
  run *R = ctx;
  const cc_val *v = cc_row_get (row, S_ARRIVED_AT);
  cc_usec arr;
  if (!v || v->kind == CC_NULL || v->n == 0)
    return "missing arrived_at";
  if (cc_time_parse (v->p, v->n, &arr) != 0)
    {
      snprintf (R->why, sizeof R->why, "bad arrived_at '%.*s'", cc_val_quote_len (v), v->p);
      return R->why;
    }
  int64_t pat = -1;
  v = cc_row_get (row, S_PATIENCE_S);
  if (v && v->kind != CC_NULL && v->n)
    if (cc_num_parse_seconds (v->p, v->n, &pat) != 0)
      {
        snprintf (R->why, sizeof R->why, "bad patience_s '%.*s'", cc_val_quote_len (v), v->p);
        return R->why;
      }
  if (R->out_fmt != CC_FMT_JSONL && !R->summary && !R->node_stats)
    {
      /* CSV, table and markdown have one header: every record needs the
         fields of the first (JSON Lines records may differ).  */
      if (!R->have_rnames)
        {
          R->have_rnames = true;
          R->nrnames = row->n;
          R->rnames = cc_xcalloc (row->n ? row->n : 1, sizeof *R->rnames);
          for (size_t i = 0; i < row->n; i++)
            R->rnames[i] = (cc_str){ cc_xmemdup (row->names[i].p, row->names[i].n),
                                     row->names[i].n };
        }
      else
        {
          bool same = row->n == R->nrnames;
          for (size_t i = 0; same && i < row->n; i++)
            same = row->names[i].n == R->rnames[i].n
                   && memcmp (row->names[i].p, R->rnames[i].p, row->names[i].n) == 0;
          if (!same)
            {
              snprintf (R->why, sizeof R->why,
                        "other fields than the first record's: one %s header cannot hold "
                        "both (use --output-format=jsonl)",
                        cc_format_name (R->out_fmt));
              return R->why;
            }
        }
    }
  int seg = -1;
  v = cc_row_get (row, S_SEGMENT);
  if (R->m->nsegments && v && v->kind != CC_NULL && v->n)
    {
      for (size_t i = 0; i < R->m->nsegments && seg < 0; i++)
        if (strlen (R->m->segments[i].name) == v->n
            && memcmp (R->m->segments[i].name, v->p, v->n) == 0)
          seg = (int)i;
      if (seg < 0)
        {
          snprintf (R->why, sizeof R->why, "unknown segment '%.*s'", cc_val_quote_len (v), v->p);
          return R->why;
        }
    }
  one_caller (R, arr, pat, seg, row);
  return NULL;
}

/* A share N / D with 4 decimals into BUF (32 bytes).  */
static const char *
share (char *buf, uint64_t n, uint64_t d)
{
  if (!d)
    return strcpy (buf, "0.0000");
  cc_num_fixed (buf, (int64_t)n, (int64_t)d, 4);
  return buf;
}

/* The mean of SUM_US microseconds over N, in seconds with 3 decimals, into
   BUF (64 bytes).  */
static const char *
mean_s (char *buf, int64_t sum_us, uint64_t n)
{
  if (!n)
    return strcpy (buf, "0.000");
  cc_num_fixed (buf, sum_us, (int64_t)n * CC_USEC_PER_SEC, 3);
  return buf;
}

/* Write the summary: one metric a row.  */
static void
write_summary (run *R)
{
  cc_out *o = cc_out_new (stdout, R->out_fmt);
  static const cc_str cols[2] = { { "metric", 6 }, { "value", 5 } };
  cc_out_columns (o, cols, 2);
  cc_buf nb = { 0 };
  char vb[64];
  uint64_t n = R->ncallers, tq = 0, ab = 0, tx = 0;
  for (size_t i = 0; i < R->nrc; i++)
    {
      if (strcmp (R->rc[i].reason, "to_queue") == 0)
        tq = R->rc[i].n;
      else if (strcmp (R->rc[i].reason, "abandon_ivr") == 0)
        ab = R->rc[i].n;
      else if (strcmp (R->rc[i].reason, "transfer_external") == 0)
        tx = R->rc[i].n;
    }
#define ROW(NAME, VAL, KIND)                                                                       \
  do                                                                                               \
    {                                                                                              \
      cc_val v_[2] = { cc_v_str (NAME), { (VAL), (uint32_t)strlen (VAL), (KIND) } };               \
      cc_out_row (o, v_, 2);                                                                       \
    }                                                                                              \
  while (0)
#define COUNT(NAME, X)                                                                             \
  do                                                                                               \
    {                                                                                              \
      snprintf (vb, sizeof vb, "%llu", (unsigned long long)(X));                                   \
      ROW ((NAME), vb, CC_NUM);                                                                    \
    }                                                                                              \
  while (0)
  COUNT ("calls", n);
  ROW ("containment", share (vb, R->ss_clean, n), CC_NUM);
  ROW ("containment_with_hangups", share (vb, R->ss_clean + R->ss_hangups, n), CC_NUM);
  ROW ("unassisted", share (vb, n - tq - tx, n), CC_NUM);
  ROW ("abandon_ivr", share (vb, ab, n), CC_NUM);
  ROW ("hangup_ivr", share (vb, R->hangups, n), CC_NUM);
  ROW ("zero_out", share (vb, R->zero_outs, n), CC_NUM);
  ROW ("to_queue", share (vb, tq, n), CC_NUM);
  ROW ("mean_ivr_s", mean_s (vb, R->sum_ivr_us, n), CC_NUM);
  for (size_t i = 0; i < R->m->nsegments; i++)
    {
      nb.n = 0;
      cc_buf_printf (&nb, "segment.%s", R->m->segments[i].name);
      COUNT (cc_buf_cstr (&nb), R->seg_calls[i]);
    }
  for (size_t i = 0; i < R->nrc; i++)
    {
      nb.n = 0;
      cc_buf_printf (&nb, "exit.%s", R->rc[i].reason);
      COUNT (cc_buf_cstr (&nb), R->rc[i].n);
    }
  static const char *const what[8] = { "calls",   "entries",     "replays", "noinput",
                                       "nomatch", "retry_limit", "hangups", "exits" };
  for (size_t i = 0; i < R->m->nnodes; i++)
    {
      const nstat *st = &R->ns[i];
      uint64_t x[8] = { st->calls,   st->entries,     st->replays, st->noinput,
                        st->nomatch, st->retry_limit, st->hangups, st->exits };
      for (int j = 0; j < 8; j++)
        {
          nb.n = 0;
          cc_buf_printf (&nb, "node.%s.%s", R->m->nodes[i].id, what[j]);
          COUNT (cc_buf_cstr (&nb), x[j]);
        }
    }
#undef COUNT
#undef ROW
  cc_buf_free (&nb);
  cc_out_finish (o);
}

/* Write the funnel (--node-stats): one row per node.  */
static void
write_node_stats (run *R)
{
  cc_out *o = cc_out_new (stdout, R->out_fmt);
  static const cc_str cols[] = {
    { "node", 4 },     { "type", 4 },         { "calls", 5 },    { "share_of_calls", 14 },
    { "entries", 7 },  { "replays", 7 },      { "noinput", 7 },  { "nomatch", 7 },
    { "retry_limit", 11 }, { "hangups", 7 },  { "drop_off", 8 }, { "exits", 5 },
    { "mean_s", 6 },
  };
  enum { NC = sizeof cols / sizeof cols[0] };
  cc_out_columns (o, cols, NC);
  char b[NC][64];
  for (size_t i = 0; i < R->m->nnodes; i++)
    {
      const nstat *st = &R->ns[i];
      const iv_node *nd = &R->m->nodes[i];
      /* The counts, by column; the other columns are filled below.  */
      const uint64_t x[NC] = { [2] = st->calls,   [4] = st->entries,     [5] = st->replays,
                               [6] = st->noinput, [7] = st->nomatch,     [8] = st->retry_limit,
                               [9] = st->hangups, [11] = st->exits };
      cc_val row[NC];
      for (int c = 2; c < NC; c++)
        {
          snprintf (b[c], 64, "%llu", (unsigned long long)x[c]);
          row[c] = cc_v_num (b[c]);
        }
      row[0] = cc_v_str (nd->id);
      row[1] = cc_v_str (iv_type_name (nd->type));
      row[3] = cc_v_num (share (b[3], st->calls, R->ncallers));
      row[10] = cc_v_num (share (b[10], st->hangups, st->calls));
      row[12] = cc_v_num (mean_s (b[12], st->time_us, st->entries));
      cc_out_row (o, row, NC);
    }
  cc_out_finish (o);
}

/* Parse a time option: a timestamp, or a date meaning its midnight in the
   current zone.  */
static cc_usec
parse_when (const char *opt, const char *s)
{
  cc_usec t;
  if (cc_time_parse_when (s, &t) != 0)
    cc_usage_error ("invalid %s '%s': use RFC 3339, epoch seconds or YYYY-MM-DD", opt, s);
  return t;
}

/* Parse the rate S (LEN bytes): a number per hour, or with /s, /m, /h or
   /d, into *PER_S (calls a second).  ZERO allows 0.  Returns 0, or -1.  */
static int
rate_value (const char *s, size_t len, bool zero, double *per_s)
{
  const char *slash = memchr (s, '/', len);
  size_t n = slash ? (size_t)(slash - s) : len;
  double unit = 3600;
  if (slash)
    {
      const char *u = slash + 1;
      size_t un = len - n - 1;
      if (un == 1 && *u == 's')
        unit = 1;
      else if ((un == 1 && *u == 'm') || (un == 3 && memcmp (u, "min", 3) == 0))
        unit = 60;
      else if (un == 1 && *u == 'h')
        unit = 3600;
      else if (un == 1 && *u == 'd')
        unit = 86400;
      else
        return -1;
    }
  int64_t us;
  if (n == 0 || cc_num_parse_seconds (s, n, &us) != 0 || us < 0 || (!zero && us == 0))
    return -1;
  *per_s = (double)us / 1e6 / unit;
  return 0;
}

/* The most steps of a --rate profile.  */
#define MAX_RATE_STEPS 1440

/* Parse a --rate profile S, "HH:MM RATE[, HH:MM RATE]...", steps in
   increasing time of day, into *AT (seconds after local midnight) and *R
   (calls a second); returns the number of steps.  */
static size_t
parse_rate_profile (const char *s, int **at, double **r)
{
  size_t n = 0, cap = 0;
  *at = NULL;
  *r = NULL;
  const char *p = s;
  double top = 0;
  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      const char *e = strchr (p, ',');
      size_t len = e ? (size_t)(e - p) : strlen (p);
      while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
      const char *sp = memchr (p, ' ', len);
      int hh, mm;
      double v;
      if (!sp || sp - p != 5 || p[2] != ':' || !(p[0] >= '0' && p[0] <= '2') || p[1] < '0'
          || p[1] > '9' || p[3] < '0' || p[3] > '5' || p[4] < '0' || p[4] > '9')
        goto bad;
      hh = (p[0] - '0') * 10 + (p[1] - '0');
      mm = (p[3] - '0') * 10 + (p[4] - '0');
      if (hh > 23)
        goto bad;
      while (*sp == ' ')
        sp++;
      if (rate_value (sp, len - (size_t)(sp - p), true, &v) != 0)
        goto bad;
      if (n && hh * 3600 + mm * 60 <= (*at)[n - 1])
        {
          free (*at), free (*r);
          cc_usage_error ("invalid --rate '%s': the steps must be in increasing time of day", s);
        }
      if (n == MAX_RATE_STEPS)
        {
          free (*at), free (*r);
          cc_usage_error ("invalid --rate '%s': more than %d steps", s, MAX_RATE_STEPS);
        }
      if (n == cap)
        {
          cap = cap ? 2 * cap : 8;
          *at = cc_xrealloc (*at, cap * sizeof **at);
          *r = cc_xrealloc (*r, cap * sizeof **r);
        }
      (*at)[n] = hh * 3600 + mm * 60;
      (*r)[n++] = v;
      if (v > top)
        top = v;
      if (!e)
        break;
      p = e + 1;
    }
  if (!(top > 0))
    {
      free (*at), free (*r);
      cc_usage_error ("invalid --rate '%s': every step is 0, so no call would arrive", s);
    }
  return n;
bad:
  free (*at), free (*r);
  cc_usage_error ("invalid --rate '%s': a profile is 'HH:MM RATE, HH:MM RATE, ...' (RATE per "
                  "hour, or N/s, N/m, N/h or N/d)",
                  s);
}

/* The rate of the profile at local time of day TOD (seconds): the last
   step at or before it, wrapping round midnight.  */
static double
profile_rate (const run *R, int64_t tod)
{
  size_t i = R->nrate - 1;
  for (size_t k = 0; k < R->nrate; k++)
    if (R->rate_at[k] <= tod)
      i = k;
    else
      break;
  return R->rate_tod[i];
}

/* Parse --rate: a positive number per hour, or with /s, /m, /h or /d.
   Returns calls per second.  */
static double
parse_rate (const char *s)
{
  double v;
  if (rate_value (s, strlen (s), false, &v) == 0)
    return v;
  cc_usage_error ("invalid --rate '%s': a positive number per hour, or N/s, N/m, N/h or N/d "
                  "is needed",
                  s);
}

/* ccivr-sim run: ARGV[0] is the program name, the options follow.  */
int
iv_run_main (int argc, char **argv)
{
  const char *start = NULL, *end = NULL, *tz = NULL, *output = NULL, *reject = NULL;
  double duration = NAN, rate = 60.0 / 3600;
  int *rate_at = NULL;
  double *rate_r = NULL;
  size_t nrate = 0;
  uint64_t calls = 0, seed = 1;
  bool gen = false, replay_opt = false, to_queue = false, summary = false, no_patience = false;
  bool node_stats = false;
  cc_format out_fmt = CC_FMT_CSV, in_fmt = CC_FMT_AUTO;
  int c;
  optind = 0;
  while ((c = getopt_long (argc, argv, "o:", run_options, NULL)) != -1)
    switch (c)
      {
      case OPT_CALLS:
        {
          int64_t v;
          if (cc_num_parse_int (optarg, strlen (optarg), &v) != 0 || v < 1
              || v > INT64_C (1000000000000))
            cc_usage_error ("invalid --calls '%s': a whole number from 1 to 1000000000000 is "
                            "needed",
                            optarg);
          calls = (uint64_t)v;
          gen = true;
          break;
        }
      case OPT_START:
        start = optarg;
        gen = true;
        break;
      case OPT_END:
        end = optarg;
        gen = true;
        break;
      case OPT_DURATION:
        if (cc_duration_parse (optarg, &duration) != 0 || duration > 86400.0 * 366 * 100)
          cc_usage_error ("invalid --duration '%s': a duration such as 90, 15m, 2h or 1d is "
                          "needed",
                          optarg);
        gen = true;
        break;
      case OPT_RATE:
        free (rate_at), free (rate_r);
        rate_at = NULL, rate_r = NULL, nrate = 0;
        if (strchr (optarg, ':'))
          nrate = parse_rate_profile (optarg, &rate_at, &rate_r);
        else
          rate = parse_rate (optarg);
        gen = true;
        break;
      case OPT_SEED:
        {
          char *e;
          errno = 0;
          if (optarg[0] < '0' || optarg[0] > '9')
            cc_usage_error ("invalid --seed '%s': a whole number from 0 to 2^64-1 is needed",
                            optarg);
          unsigned long long v = strtoull (optarg, &e, 10);
          if (errno || *e)
            cc_usage_error ("invalid --seed '%s': a whole number from 0 to 2^64-1 is needed",
                            optarg);
          seed = v;
          break;
        }
      case OPT_TZ:
        tz = optarg;
        break;
      case OPT_OUTFMT:
        if (cc_format_parse (optarg, &out_fmt) != 0 || out_fmt == CC_FMT_AUTO
            || out_fmt == CC_FMT_HTML)
          cc_usage_error ("invalid --output-format '%s': csv, jsonl, table or markdown", optarg);
        break;
      case OPT_INFMT:
        if (cc_format_parse (optarg, &in_fmt) != 0
            || (in_fmt != CC_FMT_AUTO && in_fmt != CC_FMT_CSV && in_fmt != CC_FMT_JSONL))
          cc_usage_error ("invalid --input-format '%s': auto, csv or jsonl", optarg);
        replay_opt = true;
        break;
      case 'o':
        output = optarg;
        break;
      case OPT_SUMMARY:
        summary = true;
        break;
      case OPT_NODE_STATS:
        node_stats = true;
        break;
      case OPT_NO_PATIENCE:
        no_patience = true;
        break;
      case OPT_TO_QUEUE:
        to_queue = true;
        break;
      case OPT_REJECT:
        reject = optarg;
        replay_opt = true;
        break;
      case OPT_HELP:
        run_usage (EXIT_SUCCESS);
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        run_usage (CC_EXIT_USAGE);
      }
  if (optind == argc)
    cc_usage_error ("missing menu: use '%s run MENU.json --calls=N'", PROGRAM_NAME);
  const char *menu_file = argv[optind++];
  if (gen && optind < argc)
    cc_usage_error ("generated arrivals (--calls, --start, --end, --duration, --rate) read no "
                    "records");
  if (gen && replay_opt)
    cc_usage_error ("--input-format and --reject apply to replayed records");
  if (end && !isnan (duration))
    cc_usage_error ("--end and --duration cannot be used together");
  if (gen && !calls && !end && isnan (duration))
    cc_usage_error ("generated arrivals need --calls, --end or --duration");
  if (summary && to_queue)
    cc_usage_error ("--summary counts every caller: --to-queue does not apply");
  if (node_stats && to_queue)
    cc_usage_error ("--node-stats counts every caller: --to-queue does not apply");
  if (node_stats && summary)
    cc_usage_error ("--summary and --node-stats cannot be used together");
  if (tz && cc_tz_set (tz) != 0)
    cc_usage_error ("unknown time zone '%s'", tz);
  cc_usec t0 = 0, t_end = 0;
  if (gen)
    {
      t0 = parse_when ("--start", start ? start : "2000-01-01");
      if (end)
        {
          t_end = parse_when ("--end", end);
          if (t_end <= t0)
            cc_usage_error ("--end must be after --start");
        }
      else if (!isnan (duration))
        t_end = t0 + (cc_usec)llround (duration * 1e6);
    }

  iv_menu m;
  if (iv_menu_read (menu_file, &m) != 0)
    return CC_EXIT_FAIL;
  run *R = cc_xcalloc (1, sizeof *R);
  R->m = &m;
  R->seed = seed;
  R->to_queue = to_queue;
  R->summary = summary;
  R->no_patience = no_patience;
  R->node_stats = node_stats;
  R->rate_at = rate_at;
  R->rate_tod = rate_r;
  R->nrate = nrate;
  R->out_fmt = out_fmt;
  R->ns = cc_xcalloc (m.nnodes ? m.nnodes : 1, sizeof *R->ns);
  R->nf = m.nsegments ? F_N : F_N - 1;
  R->otabs = cc_xcalloc (m.nsegments + 1, sizeof *R->otabs);
  otab_init (&R->otabs[0], &m);
  R->seg = -1;
  if (m.nsegments)
    {
      R->views = cc_xcalloc (m.nsegments, sizeof *R->views);
      R->seg_calls = cc_xcalloc (m.nsegments, sizeof *R->seg_calls);
      for (size_t i = 0; i < m.nsegments; i++)
        {
          iv_menu_segment (&m, i, &R->views[i]);
          otab_init (&R->otabs[i + 1], &R->views[i]);
        }
    }
  if (zone_init (&R->outz, tz) != 0)
    cc_usage_error ("unknown time zone '%s'", tz);
  R->out_local = tz != NULL;
  if (zone_init (&R->calz, m.timezone) != 0)
    {
      cc_err_at (menu_file, m.timezone_pos.line, m.timezone_pos.col, "unknown time zone '%s'",
                 m.timezone);
      iv_menu_free (&m);
      return CC_EXIT_FAIL;
    }
  FILE *rej = NULL;
  if (reject)
    {
      rej = fopen (reject, "w");
      if (!rej)
        cc_die (CC_EXIT_FAIL, "cannot open %s: %s", reject, strerror (errno));
    }
  if (output)
    cc_stdout_to (output);
  /* Records are many and small: a larger buffer than stdio's.  */
  static char obuf[1 << 16];
  if (setvbuf (stdout, obuf, _IOFBF, sizeof obuf) != 0)
    cc_die (CC_EXIT_FAIL, "cannot set the output buffer");

  int status = EXIT_SUCCESS;
  if (gen)
    {
      cc_rng ra;
      cc_rng_seed (&ra, seed, 0);
      double t = 0; /* seconds after t0 */
      double top = rate;
      for (size_t i = 0; i < nrate; i++)
        top = i == 0 || rate_r[i] > top ? rate_r[i] : top;
      for (uint64_t k = 0; !calls || k < calls;)
        {
          t += cc_rng_exp (&ra, 1.0 / top);
          cc_usec arr = t0 + to_us (t);
          if (t_end && arr >= t_end)
            break;
          if (nrate)
            {
              /* A profile: thinning of a Poisson stream at the top rate.  */
              int64_t sec = floor_div (arr, CC_USEC_PER_SEC);
              int64_t ls = sec + (R->out_local ? zone_offset (&R->outz, sec) : 0);
              int64_t tod = ls - floor_div (ls, 86400) * 86400;
              if (cc_rng_uniform (&ra) * top >= profile_rate (R, tod))
                continue;
            }
          one_caller (R, arr, -1, -1, NULL);
          k++;
        }
    }
  else
    {
      static const cc_slots slots = { slot_names, S_N };
      cc_scan_opts so = { 0 };
      so.format = in_fmt;
      so.slots = &slots;
      so.threads = 1;
      so.reject = rej;
      so.reject_name = reject;
      so.tool = R;
      so.ctx_new = cc_scan_self_new;
      so.ctx_merge = cc_scan_self_merge;
      so.ctx_free = cc_scan_self_free;
      so.row = replay_row;
      uint64_t rejected = 0;
      int nfiles = argc - optind;
      for (int i = 0; i < (nfiles ? nfiles : 1); i++)
        {
          void *ctx = R;
          cc_scan_result res;
          if (cc_scan (nfiles ? argv[optind + i] : "-", &so, &ctx, &res) != 0)
            {
              status = CC_EXIT_FAIL;
              break;
            }
          rejected += res.rejected;
        }
      if (rejected)
        cc_err ("%llu record%s rejected (see %s)", (unsigned long long)rejected,
                rejected == 1 ? "" : "s", reject);
      if (rej && fclose (rej) != 0)
        cc_die (CC_EXIT_FAIL, "write error on %s: %s", reject, strerror (errno));
    }
  if (status != EXIT_SUCCESS)
    {
      /* A bad record stopped the run: what waits is dropped.  */
      for (size_t i = 0; i < R->nheap; i++)
        {
          free (R->heap[i].names);
          free (R->heap[i].vals);
          free (R->heap[i].blob);
        }
      R->nheap = 0;
      if (R->out)
        cc_out_discard (R->out);
    }
  else if ((heap_flush (R, INT64_MAX), summary))
    write_summary (R);
  else if (R->node_stats)
    write_node_stats (R);
  else if (R->out)
    cc_out_finish (R->out);
  else if (out_fmt == CC_FMT_CSV || out_fmt == CC_FMT_TABLE || out_fmt == CC_FMT_MARKDOWN)
    {
      /* No record: the header of a generated run all the same.  */
      cc_out *o = cc_out_new (stdout, out_fmt);
      cc_str cols[F_N];
      for (int f = 0; f < R->nf; f++)
        cols[f] = (cc_str){ fnames[f], strlen (fnames[f]) };
      cc_out_columns (o, cols, (size_t)R->nf);
      cc_out_finish (o);
    }
  if (R->loops)
    cc_err ("warning: %llu caller%s stopped after %d node visits (error_loop)",
            (unsigned long long)R->loops, R->loops == 1 ? "" : "s", MAX_VISITS);
  for (size_t i = 0; i < R->ncols; i++)
    free ((char *)R->cols[i].p);
  free (R->cols);
  free (R->heap);
  free (R->ns);
  free (R->views);
  for (size_t i = 0; i <= m.nsegments; i++)
    otab_free (&R->otabs[i]);
  free (R->otabs);
  free (R->seg_calls);
  free (rate_at);
  free (rate_r);
  free (R->rc);
  cc_buf_free (&R->w.path);
  cc_buf_free (&R->w.keys);
  free (R->w.vars);
  cc_buf_free (&R->rb.blob);
  free (R->rb.f);
  cc_buf_free (&R->scratch);
  cc_buf_free (&R->line);
  for (size_t i = 0; i < R->nrnames; i++)
    free ((char *)R->rnames[i].p);
  free (R->rnames);
  free (R);
  iv_menu_free (&m);
  return status;
}
