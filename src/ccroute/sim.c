/* The ccroute simulator: a discrete-event simulation of the routing model.

   Time is kept as double seconds since T0 (the --start of generated arrivals,
   or the first replayed arrival), which keeps sub-microsecond resolution over
   years; it is turned back into microseconds only for output.

   Events live in one binary heap ordered by time.  Events that can become
   void (a caller's timer once the caller is answered, a ring once the caller
   hangs up) carry a generation number and are dropped when it no longer
   matches: each waiting caller has at most one timer in the heap (the earliest
   of its patience, its queue timeout and its next skill expansion), so the
   heap holds about one entry per agent slot in use, per waiting caller and
   per agent shift; the next generated arrival of each queue sits in a small
   heap of its own.  Memory grows with agents and waiting interactions, never
   with the interactions simulated.

   Free agents sit in one pool per (queue, level tier), organised for the
   queue's strategy: an indexed heap (longest-idle, fewest-calls,
   least-talk-time, linear), an array (random, ring-all), a bit set of roster
   positions (round-robin) or a Fenwick tree of weights (weighted-random).
   Invariant: no free agent is eligible for any waiting caller, so an arriving
   caller takes a free agent at once or waits, and an agent who becomes free
   takes the best waiting caller of its queues or goes back to the pools.  */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_rng.h"
#include "cc_scan.h"
#include "cc_utf8.h"
#include "sim.h"

/* Event kinds (4 bits).  */
enum
{
  EV_TIMER = 0,  /* caller OBJ: patience, queue timeout or expansion */
  EV_RING,       /* caller OBJ: its ring ends (answer or ring-no-answer) */
  EV_RETRY,      /* caller OBJ: back in the queue after a ring-no-answer */
  EV_DONE,       /* caller OBJ: handling ends */
  EV_WRAP,       /* caller OBJ: the agent's wrap-up ends */
  EV_SHIFT,      /* agent OBJ logs in or out */
  EV_UNPAUSE     /* agent OBJ: its pause after a ring-no-answer ends */
};

/* How long after the last arrival the run may go on (a year).  */
#define RT_DRAIN_MAX_S (366.0 * 86400)

#define OBJ_BITS 28
#define OBJ_MAX ((UINT32_C (1) << OBJ_BITS) - 1)
#define NONE UINT32_MAX

/* One event: 16 bytes.  */
typedef struct ev
{
  double t;     /* when, seconds since T0 */
  uint32_t a;   /* kind << OBJ_BITS | object */
  uint32_t gen; /* generation of the object when it was scheduled */
} ev;

/* Caller states.  */
enum
{
  C_FREE = 0,
  C_WAIT,  /* in a waiting list */
  C_RETRY, /* out of the list for the retry pause after a ring-no-answer */
  C_RING,  /* reserved an agent, ringing */
  C_TALK,  /* being handled */
  C_WRAP   /* its record is written; the agent is in wrap-up */
};

/* Outcomes.  */
enum
{
  O_NONE = 0,
  O_ANSWERED,
  O_CALLBACK,
  O_ABANDONED,
  O_TIMEOUT,
  O_BUSY,
  O_NO_AGENT,
  O_VOICEMAIL,
  O_OVERFLOW,
  O_UNSERVED,
  O_COUNT
};

static const char *const outcome_name[O_COUNT] = {
  "", "answered", "callback", "abandoned", "timeout", "busy", "no_agent", "voicemail", "overflow",
  "unserved"
};

/* A copy of a header (CSV) or of a record's keys (JSON Lines), shared by the
   records that have it.  */
typedef struct hdr
{
  size_t refs;    /* records using it */
  size_t n;
  cc_str *names;  /* owned copies */
} hdr;

/* A replayed record kept until its interaction ends.  */
typedef struct rrec
{
  hdr *h;            /* its names (h->n fields) */
  cc_val *vals;      /* values (pointing into data) */
  char *data;        /* owned bytes of the values */
  cc_usec arr_us;    /* arrived_at */
} rrec;

/* An extra skill a replayed interaction requires.  */
typedef struct need
{
  int skill;
  int max_level;
} need;

/* One interaction.  */
typedef struct caller
{
  double arr;        /* arrival, s since T0 */
  double qenter;     /* entered its current queue */
  double patience_at;/* when it hangs up (INFINITY: never) */
  double timeout_at; /* when its queue's timeout sends it on */
  double next_exp;   /* when its next expansion step comes */
  double handle;     /* handling time, s */
  double patience;   /* its patience, s (for output) */
  double ans;        /* answered (NAN: not) */
  double end;        /* ended */
  uint64_t seq;      /* arrival number (ids of generated interactions) */
  uint32_t tgen;     /* timer generation */
  uint32_t rgen;     /* ring / retry generation */
  uint32_t prev, next; /* waiting list links */
  uint32_t agent;    /* its agent (ringing, talking, wrap-up), or NONE */
  uint32_t member;   /* the membership through which the agent took it */
  int32_t queue;     /* current queue */
  int32_t first;     /* the queue it arrived in */
  int32_t prio;      /* priority */
  int32_t max_level; /* highest level it accepts now */
  uint16_t exp_i;    /* next expansion step */
  uint8_t state;     /* C_* */
  uint8_t outcome;   /* O_* */
  bool ring_rna;     /* the ring in progress ends unanswered */
  bool queued;       /* it had to wait (did not find an agent on arrival) */
  bool callback;     /* it asked for a callback: no more abandoning */
  bool hopeless;     /* counted in sim.hopeless */
  uint16_t hops;     /* queue changes */
  uint16_t rna;      /* ring-no-answer count */
  uint16_t nneed;    /* extra skills */
  need *needs;
  char *route;       /* queues visited, "a>b>c", when it moved (owned) */
  rrec *rec;         /* replayed record, or NULL */
  double ring_start; /* agent log: start of the ring */
} caller;

/* Pool kinds.  */
enum
{
  PK_HEAP = 0,
  PK_ARRAY,
  PK_RR,
  PK_WR
};

/* Free agents of one level tier of one queue.  */
typedef struct pool
{
  int kind;
  int strategy;
  uint32_t *v;      /* heap / array of member ids */
  size_t n;         /* members in the pool */
  size_t size;      /* members of the tier (positions 0..size-1) */
  uint32_t *pos2m;  /* position -> member id */
  uint64_t *bits;   /* PK_RR: present positions */
  double *fen;      /* PK_WR: Fenwick tree of weights, 1-based */
  double total;     /* PK_WR: sum of the weights present */
  size_t last;      /* PK_RR: the position used last (size: none yet) */
  int channel;      /* the queue's channel */
  bool multi;       /* some member has a capacity above 1 on it */
} pool;

/* One level tier of a queue.  */
typedef struct tier
{
  int level;
  pool p;
} tier;

/* One priority level of a waiting list.  */
typedef struct plevel
{
  int32_t prio;
  uint32_t head, tail;
} plevel;

/* A queue's state.  */
typedef struct qrt
{
  plevel *lv;        /* sorted by priority, highest first */
  size_t nlv;
  long nwait;        /* callers waiting (C_WAIT) */
  long nskilled;     /* waiting callers with extra skills */
  tier *tiers;       /* by level, best first */
  size_t ntiers;
  size_t nmembers;   /* memberships */
  long logged;       /* members logged in */
  cc_rng r_arr, r_handle, r_pat, r_route, r_ring; /* its streams */
  double next_arr;   /* next generated arrival */
  bool generating;   /* generated arrivals still to come */
  double area;       /* integral of nwait over time, after the warm-up */
  double area_t;     /* time of the last area update */
  uint64_t unserved; /* interactions left waiting at the end */
} qrt;

/* One membership: an agent serving a queue at a level.  */
typedef struct member
{
  uint32_t agent;
  uint32_t queue;
  uint32_t tier;   /* tier index in the queue */
  uint32_t pos;    /* position in the tier (roster order) */
  int32_t slot;    /* index in the pool (PK_HEAP / PK_ARRAY) or 0, -1 when out */
  uint64_t calls;  /* interactions taken from this queue */
} member;

/* An agent's state.  */
typedef struct agent
{
  int slots[RT_MAX_CHANNELS]; /* interactions in progress per channel */
  int total;                  /* all channels */
  bool logged;
  bool closing;               /* off shift, finishing what it holds */
  bool paused;
  double last_free;           /* when it last finished an interaction (or logged in) */
  double talk;                /* handling time so far */
  uint32_t *mem;              /* its memberships, queue weight first */
  size_t nmem;
  uint32_t sgen;              /* shift generation */
  double login_at;            /* start of the current login */
  double pause_at;            /* start of the current pause */
  uint32_t pgen;              /* pause generation */
  double logged_s;            /* logged-in time after the warm-up */
  double work_s;              /* slot time worked after the warm-up */
  int capsum;                 /* its capacity on the channels of its queues */
} agent;

/* Figures of one queue (or the total) for the summary.  */
typedef struct fig
{
  uint64_t offered, answered, abandoned, timeout, other, queued, within;
  double wait_ans;  /* sum of waits of answered */
  double wait_all;  /* sum of waits of all that ended */
  uint64_t unserved; /* never ended (counted in other) */
} fig;

/* The simulation.  */
typedef struct sim
{
  rt_model *m;
  const rt_run_opts *o;
  ev *heap;
  size_t nheap, capheap;
  caller *c;
  size_t nc, capc;
  uint32_t freec;     /* free list of callers */
  qrt *q;
  size_t nq;          /* queues with state (grows with template queues) */
  agent *ag;
  member *mb;
  size_t nmb;
  double now;
  cc_usec t0;
  bool t0_set;
  double end_rel;     /* end of generation, s since T0 */
  double warm;        /* warm-up end */
  uint64_t seq;       /* arrivals so far */
  uint64_t events;
  uint64_t active;    /* interactions not yet finished (wrap-up included) */
  uint64_t hopeless;  /* waiting for ever for what no member can give */
  uint64_t nwaiting;  /* callers in waiting lists */
  uint64_t drained;   /* left waiting at the drain limit */
  long generators;    /* queues still generating */
  double sl;          /* service-level threshold */
  bool local;         /* output times in --tz */
  /* output */
  cc_out *out;
  bool out_columns_set;
  cc_str *out_names;  /* the columns of record output (CSV, table, markdown) */
  size_t nout_names;
  size_t nout_own;    /* the first nout_own names are owned copies */
  cc_out *alog;
  FILE *alog_f;
  bool alog_columns_set;
  /* summary */
  fig *qf;            /* per queue */
  fig tot;
  double tend;
  uint32_t *arrh;     /* heap of the queues generating, by next arrival */
  size_t narrh;
  bool arr_done;      /* every arrival is in */
  double meas_end;    /* the last arrival */
  /* batch means: blocks of BLOCK finished interactions */
  fig *blocks;
  size_t nblocks, capblocks;
  uint64_t block_size;
  fig cur_block;
  /* replay */
  struct pend *pend;  /* reorder heap */
  size_t npend, cappend;
  cc_usec max_seen;
  double last_arr;
  bool any_arr;
  hdr *cur_hdr;       /* the header of the records read last */
  char why[256];
  uint64_t route_loops;
} sim;

/* A replayed arrival waiting in the reorder buffer.  */
typedef struct pend
{
  cc_usec arr_us;
  uint64_t order;   /* input order, for ties */
  int queue;
  int prio;
  double handle;
  double patience;
  uint16_t nneed;
  need *needs;
  rrec *rec;
} pend;

/* --- the event heap ------------------------------------------------------ */

/* Schedule event KIND for OBJ at time T with generation GEN.  */
static void
push (sim *s, double t, unsigned kind, uint32_t obj, uint32_t gen)
{
  if (s->nheap == s->capheap)
    {
      s->capheap = s->capheap ? s->capheap * 2 : 1024;
      s->heap = cc_xrealloc (s->heap, s->capheap * sizeof *s->heap);
    }
  ev e = { t, (uint32_t) kind << OBJ_BITS | obj, gen };
  size_t i = s->nheap++;
  ev *h = s->heap;
  while (i > 0)
    {
      size_t p = (i - 1) / 2;
      if (!(t < h[p].t))
        break;
      h[i] = h[p];
      i = p;
    }
  h[i] = e;
}

/* Remove the earliest event into *E.  */
static void
pop (sim *s, ev *e)
{
  ev *h = s->heap;
  *e = h[0];
  ev last = h[--s->nheap];
  size_t n = s->nheap, i = 0;
  for (;;)
    {
      size_t l = 2 * i + 1;
      if (l >= n)
        break;
      size_t r = l + 1;
      size_t m = r < n && h[r].t < h[l].t ? r : l;
      if (!(h[m].t < last.t))
        break;
      h[i] = h[m];
      i = m;
    }
  if (n)
    h[i] = last;
}

/* --- pools of free agents ------------------------------------------------- */

/* Nonzero when member A comes before member B in a heap pool of STRATEGY.  */
static inline bool
mb_before (const sim *s, int strategy, uint32_t a, uint32_t b)
{
  const member *x = &s->mb[a], *y = &s->mb[b];
  const agent *ax = &s->ag[x->agent], *ay = &s->ag[y->agent];
  int ch = s->m->queues[x->queue].channel;
  if (ax->slots[ch] != ay->slots[ch])
    return ax->slots[ch] < ay->slots[ch];
  switch (strategy)
    {
    case RT_LONGEST_IDLE:
      if (ax->last_free != ay->last_free)
        return ax->last_free < ay->last_free;
      break;
    case RT_FEWEST_CALLS:
      if (x->calls != y->calls)
        return x->calls < y->calls;
      break;
    case RT_LEAST_TALK:
      if (ax->talk != ay->talk)
        return ax->talk < ay->talk;
      break;
    default:
      break;
    }
  return x->pos < y->pos;
}

/* Move heap entry I of pool P up or down to its place.  */
static void
heap_fix (sim *s, pool *p, size_t i)
{
  uint32_t *v = p->v;
  uint32_t x = v[i];
  while (i > 0)
    {
      size_t up = (i - 1) / 2;
      if (!mb_before (s, p->strategy, x, v[up]))
        break;
      v[i] = v[up];
      s->mb[v[i]].slot = (int32_t) i;
      i = up;
    }
  for (;;)
    {
      size_t l = 2 * i + 1;
      if (l >= p->n)
        break;
      size_t r = l + 1;
      size_t c = r < p->n && mb_before (s, p->strategy, v[r], v[l]) ? r : l;
      if (!mb_before (s, p->strategy, v[c], x))
        break;
      v[i] = v[c];
      s->mb[v[i]].slot = (int32_t) i;
      i = c;
    }
  v[i] = x;
  s->mb[x].slot = (int32_t) i;
}

/* Fenwick: add W at position POS (0-based).  */
static void
fen_add (pool *p, size_t pos, double w)
{
  for (size_t i = pos + 1; i <= p->size; i += i & (~i + 1))
    p->fen[i] += w;
}

/* Put member M into pool P.  */
static void
pool_add (sim *s, pool *p, uint32_t m)
{
  member *x = &s->mb[m];
  switch (p->kind)
    {
    case PK_HEAP:
      p->v[p->n] = m;
      x->slot = (int32_t) p->n++;
      heap_fix (s, p, p->n - 1);
      break;
    case PK_ARRAY:
      p->v[p->n] = m;
      x->slot = (int32_t) p->n++;
      break;
    case PK_RR:
      p->bits[x->pos / 64] |= UINT64_C (1) << (x->pos % 64);
      x->slot = 0;
      p->n++;
      break;
    default:
      {
        double w = s->m->agents[x->agent].weight;
        fen_add (p, x->pos, w);
        p->total += w;
        x->slot = 0;
        p->n++;
      }
      break;
    }
}

/* Take member M out of pool P.  */
static void
pool_remove (sim *s, pool *p, uint32_t m)
{
  member *x = &s->mb[m];
  size_t i = (size_t) x->slot;
  switch (p->kind)
    {
    case PK_HEAP:
      p->n--;
      if (i < p->n)
        {
          p->v[i] = p->v[p->n];
          s->mb[p->v[i]].slot = (int32_t) i;
          heap_fix (s, p, i);
        }
      break;
    case PK_ARRAY:
      p->n--;
      if (i < p->n)
        {
          p->v[i] = p->v[p->n];
          s->mb[p->v[i]].slot = (int32_t) i;
        }
      break;
    case PK_RR:
      p->bits[x->pos / 64] &= ~(UINT64_C (1) << (x->pos % 64));
      p->n--;
      break;
    default:
      {
        double w = s->m->agents[x->agent].weight;
        fen_add (p, x->pos, -w);
        p->total -= w;
        p->n--;
        if (p->n == 0)
          p->total = 0; /* no drift */
      }
      break;
    }
  x->slot = -1;
}

/* Nonzero when agent A has every extra skill caller C needs.  */
static bool
has_needs (const sim *s, uint32_t a, const caller *c)
{
  const rt_agent *ra = &s->m->agents[a];
  for (size_t k = 0; k < c->nneed; k++)
    {
      bool ok = false;
      for (size_t j = 0; j < ra->nskills; j++)
        if (ra->skills[j].skill == c->needs[k].skill)
          {
            ok = ra->skills[j].level <= c->needs[k].max_level;
            break;
          }
      if (!ok)
        return false;
    }
  return true;
}

/* Whether member M of pool P may take caller C (extra skills).  */
static inline bool
fits (const sim *s, uint32_t m, const caller *c)
{
  return c->nneed == 0 || has_needs (s, s->mb[m].agent, c);
}

/* Whether member M may take caller C: its extra skills, and, when MINSLOT
   >= 0, exactly MINSLOT interactions in progress on the channel.  */
static inline bool
ok_for (const sim *s, uint32_t m, const caller *c, int ch, int minslot)
{
  if (minslot >= 0 && s->ag[s->mb[m].agent].slots[ch] != minslot)
    return false;
  return fits (s, m, c);
}

/* Choose a member of pool P for caller C by the pool's strategy, or NONE.
   Every strategy first prefers the members with the fewest interactions in
   progress on the channel (the heap keys hold it; the other pools filter
   for it when some member has a capacity above 1).  */
static uint32_t
pool_pick (sim *s, pool *p, const caller *c, cc_rng *r)
{
  if (p->n == 0)
    return NONE;
  if (p->kind == PK_HEAP)
    {
      if (fits (s, p->v[0], c))
        return p->v[0];
      uint32_t best = NONE;
      for (size_t i = 1; i < p->n; i++)
        if (fits (s, p->v[i], c) && (best == NONE || mb_before (s, p->strategy, p->v[i], best)))
          best = p->v[i];
      return best;
    }
  int ch = p->channel;
  int minslot = -1;
  if (p->multi)
    {
      /* The fewest in progress among the members that fit.  */
      for (size_t k = 0; k < p->size; k++)
        {
          uint32_t m = p->pos2m[k];
          if (s->mb[m].slot < 0 || !fits (s, m, c))
            continue;
          int sl = s->ag[s->mb[m].agent].slots[ch];
          if (minslot < 0 || sl < minslot)
            minslot = sl;
        }
      if (minslot < 0)
        return NONE;
    }
  bool filtered = c->nneed > 0 || minslot >= 0;
  switch (p->kind)
    {
    case PK_ARRAY:
      if (!filtered)
        return p->v[cc_rng_below (r, p->n)];
      {
        size_t k = 0;
        for (size_t i = 0; i < p->n; i++)
          k += ok_for (s, p->v[i], c, ch, minslot);
        if (k == 0)
          return NONE;
        size_t want = (size_t) cc_rng_below (r, k);
        for (size_t i = 0; i < p->n; i++)
          if (ok_for (s, p->v[i], c, ch, minslot) && want-- == 0)
            return p->v[i];
        return NONE;
      }
    case PK_RR:
      {
        /* The next present position after the last one used, wrapping.  */
        size_t start = p->last >= p->size ? 0 : p->last + 1;
        for (int pass = 0; pass < 2; pass++)
          {
            size_t from = pass ? 0 : start, to = pass ? start : p->size;
            size_t pos = from;
            while (pos < to)
              {
                uint64_t word = p->bits[pos / 64] >> (pos % 64);
                if (!word)
                  {
                    pos = (pos / 64 + 1) * 64;
                    continue;
                  }
                pos += (size_t) __builtin_ctzll (word);
                if (pos >= to)
                  break;
                uint32_t m = p->pos2m[pos];
                if (ok_for (s, m, c, ch, minslot))
                  return m;
                pos++;
              }
          }
        return NONE;
      }
    default:
      {
        if (!filtered)
          {
            double u = cc_rng_uniform (r) * p->total;
            /* Fenwick descent to the first position whose prefix sum
               exceeds u.  */
            size_t pos = 0, bit = 1;
            while (bit * 2 <= p->size)
              bit *= 2;
            for (; bit; bit /= 2)
              if (pos + bit <= p->size && p->fen[pos + bit] <= u)
                {
                  pos += bit;
                  u -= p->fen[pos];
                }
            /* Rounding can land on an absent position: take the nearest
               present one.  */
            for (size_t k = 0; k < p->size; k++)
              {
                size_t q = (pos + k) % p->size;
                uint32_t m = p->pos2m[q];
                if (s->mb[m].slot >= 0)
                  return m;
              }
            return NONE;
          }
        double tot = 0;
        for (size_t i = 0; i < p->size; i++)
          {
            uint32_t m = p->pos2m[i];
            if (s->mb[m].slot >= 0 && ok_for (s, m, c, ch, minslot))
              tot += s->m->agents[s->mb[m].agent].weight;
          }
        if (tot <= 0)
          return NONE;
        double u = cc_rng_uniform (r) * tot;
        uint32_t lastm = NONE;
        for (size_t i = 0; i < p->size; i++)
          {
            uint32_t m = p->pos2m[i];
            if (s->mb[m].slot >= 0 && ok_for (s, m, c, ch, minslot))
              {
                lastm = m;
                u -= s->m->agents[s->mb[m].agent].weight;
                if (u < 0)
                  return m;
              }
          }
        return lastm;
      }
    }
}

/* --- agents --------------------------------------------------------------- */

/* Whether agent A can take one more interaction of channel CH.  */
static inline bool
available (const sim *s, uint32_t a, int ch)
{
  const agent *g = &s->ag[a];
  if (!g->logged || g->paused || g->slots[ch] >= s->m->agents[a].cap[ch])
    return false;
  if (s->m->voice_blocks && (ch == 0 ? g->total > 0 : g->slots[0] > 0))
    return false;
  return true;
}

/* Bring agent A's memberships in the pools up to date.  */
static void
refresh (sim *s, uint32_t a)
{
  agent *g = &s->ag[a];
  for (size_t k = 0; k < g->nmem; k++)
    {
      uint32_t m = g->mem[k];
      member *x = &s->mb[m];
      int ch = s->m->queues[x->queue].channel;
      pool *p = &s->q[x->queue].tiers[x->tier].p;
      bool want = available (s, a, ch);
      if (want && x->slot < 0)
        pool_add (s, p, m);
      else if (!want && x->slot >= 0)
        pool_remove (s, p, m);
      else if (want && p->kind == PK_HEAP)
        heap_fix (s, p, (size_t) x->slot);
    }
}

/* --- output --------------------------------------------------------------- */

/* Microseconds since the epoch of sim time T.  */
static inline cc_usec
to_us (const sim *s, double t)
{
  return s->t0 + (cc_usec) llround (t * 1e6);
}

/* Format a duration of US microseconds as seconds, trailing zeros cut.  */
static size_t
fmt_secs (char *buf, int64_t us)
{
  size_t n = cc_num_fixed (buf, us, CC_USEC_PER_SEC, 6);
  if (memchr (buf, '.', n))
    {
      while (n && buf[n - 1] == '0')
        n--;
      if (n && buf[n - 1] == '.')
        n--;
    }
  buf[n] = '\0';
  return n;
}

/* The fields ccroute writes, in the order appended to records.  */
enum
{
  F_ANSWERED_AT = 0,
  F_ENDED_AT,
  F_AGENT,
  F_OUTCOME,
  F_WAIT_S,
  F_HANDLE_S,
  F_PATIENCE_S,
  F_QUEUE,
  F_ROUTE,
  F_RNA,
  F_NSIM
};
static const char *const sim_field[F_NSIM] = { "answered_at", "ended_at", "agent",    "outcome",
                                               "wait_s",      "handle_s", "patience_s", "queue",
                                               "route",       "rna" };

/* The generated records' columns.  */
static const char *const gen_cols[] = { "id",       "channel",     "direction", "queue",
                                        "priority", "arrived_at",  "answered_at", "ended_at",
                                        "agent",    "outcome",     "wait_s",    "handle_s",
                                        "patience_s", "route",     "rna" };
#define NGEN (sizeof gen_cols / sizeof gen_cols[0])

/* Text buffers of one output record.  */
typedef struct obuf
{
  char t[F_NSIM][48];
} obuf;

/* Fill the simulated values of caller C into V (F_NSIM of them).  */
static void
sim_values (sim *s, const caller *c, cc_val *v, obuf *b)
{
  const rt_model *m = s->m;
  cc_usec arr = c->rec ? c->rec->arr_us : to_us (s, c->arr);
  bool ans = !isnan (c->ans);
  cc_usec ans_us = ans ? to_us (s, c->ans) : 0;
  cc_usec end_us = c->outcome == O_UNSERVED ? 0 : to_us (s, c->end);
  if (ans)
    {
      cc_time_format (b->t[F_ANSWERED_AT], ans_us, s->local);
      v[F_ANSWERED_AT] = cc_v_str (b->t[F_ANSWERED_AT]);
    }
  else
    v[F_ANSWERED_AT] = cc_v_null ();
  if (c->outcome != O_UNSERVED)
    {
      cc_time_format (b->t[F_ENDED_AT], end_us, s->local);
      v[F_ENDED_AT] = cc_v_str (b->t[F_ENDED_AT]);
    }
  else
    v[F_ENDED_AT] = cc_v_null ();
  v[F_AGENT] = ans ? cc_v_str (m->agents[s->mb[c->member].agent].name) : cc_v_null ();
  v[F_OUTCOME] = cc_v_str (outcome_name[c->outcome]);
  if (c->outcome != O_UNSERVED)
    {
      fmt_secs (b->t[F_WAIT_S], (ans ? ans_us : end_us) - arr);
      v[F_WAIT_S] = cc_v_num (b->t[F_WAIT_S]);
    }
  else
    v[F_WAIT_S] = cc_v_null ();
  if (ans)
    {
      fmt_secs (b->t[F_HANDLE_S], end_us - ans_us);
      v[F_HANDLE_S] = cc_v_num (b->t[F_HANDLE_S]);
    }
  else
    v[F_HANDLE_S] = cc_v_null ();
  if (isfinite (c->patience))
    {
      fmt_secs (b->t[F_PATIENCE_S], llround (c->patience * 1e6));
      v[F_PATIENCE_S] = cc_v_num (b->t[F_PATIENCE_S]);
    }
  else
    v[F_PATIENCE_S] = cc_v_null ();
  v[F_QUEUE] = cc_v_str (m->queues[c->first].name);
  v[F_ROUTE] = c->route ? cc_v_str (c->route) : cc_v_null ();
  snprintf (b->t[F_RNA], sizeof b->t[F_RNA], "%u", (unsigned) c->rna);
  v[F_RNA] = cc_v_num (b->t[F_RNA]);
}

/* Index of simulated field NAME (N bytes), or -1.  */
static int
sim_field_index (const char *name, size_t n)
{
  for (int f = 0; f < F_NSIM; f++)
    if (strlen (sim_field[f]) == n && memcmp (sim_field[f], name, n) == 0)
      return f;
  return -1;
}

/* Write caller C's record.  */
static void
emit (sim *s, const caller *c)
{
  if (s->o->summary)
    return;
  cc_val sv[F_NSIM];
  obuf b;
  sim_values (s, c, sv, &b);
  if (!c->rec)
    {
      static cc_str names[NGEN]; /* gen_cols as cc_str, made once */
      cc_val v[NGEN];
      char idb[40], prio[24], arr[48];
      if (!names[0].p)
        for (size_t i = 0; i < NGEN; i++)
          names[i] = (cc_str){ gen_cols[i], strlen (gen_cols[i]) };
      snprintf (idb, sizeof idb, "gen-%llu", (unsigned long long) c->seq);
      snprintf (prio, sizeof prio, "%d", (int) c->prio);
      cc_time_format (arr, to_us (s, c->arr), s->local);
      const rt_queue *q = &s->m->queues[c->first];
      v[0] = cc_v_str (idb);
      v[1] = cc_v_str (s->m->channels[q->channel]);
      v[2] = cc_v_str ("inbound");
      v[3] = sv[F_QUEUE];
      v[4] = cc_v_num (prio);
      v[5] = cc_v_str (arr);
      v[6] = sv[F_ANSWERED_AT];
      v[7] = sv[F_ENDED_AT];
      v[8] = sv[F_AGENT];
      v[9] = sv[F_OUTCOME];
      v[10] = sv[F_WAIT_S];
      v[11] = sv[F_HANDLE_S];
      v[12] = sv[F_PATIENCE_S];
      v[13] = sv[F_ROUTE];
      v[14] = sv[F_RNA];
      if (!s->out_columns_set)
        {
          cc_out_columns (s->out, names, NGEN);
          s->out_columns_set = true;
        }
      cc_out_record (s->out, names, v, NGEN);
      return;
    }
  /* A replayed record: its fields, the simulated ones replaced in place,
     the missing ones appended.  */
  const rrec *r = c->rec;
  const cc_str *rnames = r->h->names;
  size_t n = r->h->n;
  cc_str *names = cc_xmalloc ((n + F_NSIM) * sizeof *names);
  cc_val *v = cc_xmalloc ((n + F_NSIM) * sizeof *v);
  bool have[F_NSIM] = { false };
  for (size_t i = 0; i < n; i++)
    {
      names[i] = rnames[i];
      int f = sim_field_index (rnames[i].p, rnames[i].n);
      if (f >= 0 && !(f == F_PATIENCE_S && r->vals[i].kind != CC_NULL))
        {
          v[i] = sv[f];
          have[f] = true;
        }
      else
        {
          v[i] = r->vals[i];
          if (f >= 0)
            have[f] = true;
        }
    }
  for (int f = 0; f < F_NSIM; f++)
    if (!have[f])
      {
        names[n].p = sim_field[f];
        names[n].n = strlen (sim_field[f]);
        v[n++] = sv[f];
      }
  if (!s->out_columns_set)
    {
      cc_out_columns (s->out, names, n);
      s->out_columns_set = true;
    }
  cc_out_record (s->out, names, v, n);
  free (names);
  free (v);
}

/* Write an agent-log span.  */
static void
alog (sim *s, uint32_t a, const char *state, double from, double to, const caller *c)
{
  if (!s->alog)
    return;
  static const char *const cols[] = { "agent", "state", "started_at", "ended_at",
                                      "duration_s", "channel", "queue", "id" };
  static cc_str names[8]; /* cols as cc_str, made once */
  if (!names[0].p)
    for (int i = 0; i < 8; i++)
      names[i] = (cc_str){ cols[i], strlen (cols[i]) };
  char b1[48], b2[48], b3[48], idb[40];
  cc_usec f = to_us (s, from), t = to_us (s, to);
  cc_time_format (b1, f, s->local);
  cc_time_format (b2, t, s->local);
  fmt_secs (b3, t - f);
  cc_val v[8];
  v[0] = cc_v_str (s->m->agents[a].name);
  v[1] = cc_v_str (state);
  v[2] = cc_v_str (b1);
  v[3] = cc_v_str (b2);
  v[4] = cc_v_num (b3);
  if (c)
    {
      const rt_queue *q = &s->m->queues[c->queue];
      v[5] = cc_v_str (s->m->channels[q->channel]);
      v[6] = cc_v_str (q->name);
      if (c->rec)
        {
          v[7] = cc_v_null ();
          const hdr *h = c->rec->h;
          for (size_t i = 0; i < h->n; i++)
            if (h->names[i].n == 2 && memcmp (h->names[i].p, "id", 2) == 0)
              v[7] = c->rec->vals[i];
        }
      else
        {
          snprintf (idb, sizeof idb, "gen-%llu", (unsigned long long) c->seq);
          v[7] = cc_v_str (idb);
        }
    }
  else
    v[5] = v[6] = v[7] = cc_v_null ();
  if (!s->alog_columns_set)
    {
      cc_out_columns (s->alog, names, 8);
      s->alog_columns_set = true;
    }
  cc_out_record (s->alog, names, v, 8);
}

/* --- summary figures ------------------------------------------------------ */

/* Add caller C's figures to F.  */
static void
fig_add (const sim *s, fig *f, const caller *c)
{
  f->offered++;
  double wait = (isnan (c->ans) ? c->end : c->ans) - c->arr;
  if (c->outcome == O_UNSERVED)
    f->unserved++; /* its wait has no end: left out of the mean */
  else
    f->wait_all += wait;
  f->queued += c->queued;
  if (!isnan (c->ans))
    {
      f->answered++;
      f->wait_ans += wait;
      f->within += wait <= s->sl + 1e-9;
    }
  else if (c->outcome == O_ABANDONED)
    f->abandoned++;
  else if (c->outcome == O_TIMEOUT)
    f->timeout++;
  else
    f->other++;
}

/* Fold block B into A.  */
static void
fig_merge (fig *a, const fig *b)
{
  a->offered += b->offered;
  a->answered += b->answered;
  a->abandoned += b->abandoned;
  a->timeout += b->timeout;
  a->other += b->other;
  a->queued += b->queued;
  a->within += b->within;
  a->wait_ans += b->wait_ans;
  a->wait_all += b->wait_all;
  a->unserved += b->unserved;
}

/* Count finished caller C in the summary (if it arrived after the warm-up).  */
static void
count (sim *s, const caller *c)
{
  if (!s->o->summary || c->arr < s->warm)
    return;
  fig_add (s, &s->qf[c->first], c);
  fig_add (s, &s->tot, c);
  if (s->o->batches)
    {
      fig_add (s, &s->cur_block, c);
      if (s->cur_block.offered >= s->block_size)
        {
          if (s->nblocks == s->capblocks)
            {
              s->capblocks = s->capblocks ? s->capblocks * 2 : 64;
              s->blocks = cc_xrealloc (s->blocks, s->capblocks * sizeof *s->blocks);
            }
          s->blocks[s->nblocks++] = s->cur_block;
          memset (&s->cur_block, 0, sizeof s->cur_block);
          /* Keep fewer than 2K blocks: merge pairs and double the size.  */
          if (s->nblocks >= 2 * (size_t) s->o->batches)
            {
              for (size_t i = 0; i < s->nblocks / 2; i++)
                {
                  s->blocks[i] = s->blocks[2 * i];
                  fig_merge (&s->blocks[i], &s->blocks[2 * i + 1]);
                }
              s->nblocks /= 2;
              s->block_size *= 2;
            }
        }
    }
}

/* The end of the measured time so far: now, or the last arrival once all
   arrivals are in (the time averages leave out the drain after it, when
   agents get no new work).  */
static inline double
upto (const sim *s)
{
  return s->arr_done && s->meas_end < s->now ? s->meas_end : s->now;
}

/* Update queue Q's area under its waiting count up to now.  */
static inline void
area (sim *s, qrt *q)
{
  double e = upto (s);
  double from = q->area_t > s->warm ? q->area_t : s->warm;
  if (e > from)
    q->area += (double) q->nwait * (e - from);
  q->area_t = s->now;
}

/* Count agent A's work on caller C, from its ring to now (after the
   warm-up), for the occupancy.  */
static inline void
work (sim *s, uint32_t a, const caller *c)
{
  double f = c->ring_start > s->warm ? c->ring_start : s->warm;
  double e = upto (s);
  if (e > f)
    {
      s->ag[a].work_s += e - f;
    }
}

/* --- callers -------------------------------------------------------------- */

/* Free header H.  */
static void
hdr_free (hdr *h)
{
  for (size_t i = 0; i < h->n; i++)
    free ((char *) h->names[i].p);
  free (h->names);
  free (h);
}

/* A record of header H is done with it.  */
static void
hdr_release (sim *s, hdr *h)
{
  if (--h->refs == 0 && h != s->cur_hdr)
    hdr_free (h);
}

/* A new caller; returns its id.  */
static uint32_t
caller_new (sim *s)
{
  uint32_t id;
  if (s->freec != NONE)
    {
      id = s->freec;
      s->freec = s->c[id].next;
    }
  else
    {
      if (s->nc == s->capc)
        {
          if (s->capc > OBJ_MAX / 2)
            cc_die (CC_EXIT_FAIL, "too many interactions in progress at once (at most %u)",
                    (unsigned) OBJ_MAX);
          s->capc = s->capc ? s->capc * 2 : 1024;
          s->c = cc_xrealloc (s->c, s->capc * sizeof *s->c);
        }
      id = (uint32_t) s->nc++;
      s->c[id].tgen = s->c[id].rgen = 0;
    }
  caller *c = &s->c[id];
  uint32_t tg = c->tgen + 1, rg = c->rgen + 1;
  memset (c, 0, sizeof *c);
  c->tgen = tg;
  c->rgen = rg;
  c->prev = c->next = NONE;
  c->agent = NONE;
  c->member = NONE;
  c->ans = NAN;
  c->patience_at = c->timeout_at = c->next_exp = INFINITY;
  s->active++;
  return id;
}

/* Free caller ID (its record was written).  */
static void
caller_free (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  if (c->rec)
    {
      hdr_release (s, c->rec->h);
      free (c->rec->vals);
      free (c->rec->data);
      free (c->rec);
    }
  free (c->needs);
  free (c->route);
  c->state = C_FREE;
  c->tgen++;
  c->rgen++;
  c->next = s->freec;
  s->freec = id;
  s->active--;
}

static bool can_ever_serve (const sim *s, const caller *c);

/* The priority level of queue Q for PRIO, made if missing.  */
static plevel *
level_of (qrt *q, int32_t prio)
{
  size_t i = 0;
  while (i < q->nlv && q->lv[i].prio > prio)
    i++;
  if (i < q->nlv && q->lv[i].prio == prio)
    return &q->lv[i];
  q->lv = cc_xrealloc (q->lv, (q->nlv + 1) * sizeof *q->lv);
  memmove (&q->lv[i + 1], &q->lv[i], (q->nlv - i) * sizeof *q->lv);
  q->nlv++;
  q->lv[i].prio = prio;
  q->lv[i].head = q->lv[i].tail = NONE;
  return &q->lv[i];
}

/* Put caller ID into its queue's waiting list, in queue-entry order.  */
static void
enqueue (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  qrt *q = &s->q[c->queue];
  area (s, q);
  plevel *l = level_of (q, c->prio);
  /* Usually the tail; a caller back from a retry goes to its old place.  */
  uint32_t after = l->tail;
  while (after != NONE && s->c[after].qenter > c->qenter)
    after = s->c[after].prev;
  c->prev = after;
  c->next = after == NONE ? l->head : s->c[after].next;
  if (c->prev == NONE)
    l->head = id;
  else
    s->c[c->prev].next = id;
  if (c->next == NONE)
    l->tail = id;
  else
    s->c[c->next].prev = id;
  c->state = C_WAIT;
  q->nwait++;
  s->nwaiting++;
  q->nskilled += c->nneed > 0;
  /* Waiting for ever for what no member can give.  */
  if (c->patience_at == INFINITY && c->timeout_at == INFINITY && !can_ever_serve (s, c))
    {
      c->hopeless = true;
      s->hopeless++;
    }
}

/* Take caller ID out of its waiting list.  */
static void
dequeue (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  qrt *q = &s->q[c->queue];
  area (s, q);
  plevel *l = level_of (q, c->prio);
  if (c->prev == NONE)
    l->head = c->next;
  else
    s->c[c->prev].next = c->next;
  if (c->next == NONE)
    l->tail = c->prev;
  else
    s->c[c->next].prev = c->prev;
  c->prev = c->next = NONE;
  q->nwait--;
  s->nwaiting--;
  q->nskilled -= c->nneed > 0;
  if (c->hopeless)
    {
      c->hopeless = false;
      s->hopeless--;
    }
}

/* Schedule caller ID's next timer.  */
static void
arm (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  c->tgen++;
  double t = c->patience_at;
  if (c->timeout_at < t)
    t = c->timeout_at;
  if (c->next_exp < t)
    t = c->next_exp;
  if (t < INFINITY)
    push (s, t, EV_TIMER, id, c->tgen);
}

/* Arm caller ID's timer unless it is being handled already (a caller that
   rings an agent can still hang up or time out).  */
static void
arm_unless_answered (sim *s, uint32_t id)
{
  uint8_t st = s->c[id].state;
  if (st == C_WAIT || st == C_RING || st == C_RETRY)
    arm (s, id);
}

/* Caller ID ends now, unanswered, with OUTCOME.  */
static void
finish (sim *s, uint32_t id, int outcome)
{
  caller *c = &s->c[id];
  c->end = s->now;
  c->outcome = (uint8_t) outcome;
  count (s, c);
  emit (s, c);
  caller_free (s, id);
}

static void enter_queue (sim *s, uint32_t id, int queue);
static bool try_assign (sim *s, uint32_t id);
static void start_levels (sim *s, caller *c, const rt_queue *rq);
static void dispatch (sim *s, uint32_t a);

/* Append queue NAME to caller C's route.  */
static void
route_add (sim *s, caller *c, int from, int to)
{
  const char *a = s->m->queues[from].name, *b = s->m->queues[to].name;
  size_t old = c->route ? strlen (c->route) : strlen (a);
  size_t nb = strlen (b);
  char *r = cc_xmalloc (old + nb + 2);
  memcpy (r, c->route ? c->route : a, old);
  r[old] = '>';
  memcpy (r + old + 1, b, nb + 1);
  free (c->route);
  c->route = r;
}

/* Send caller ID (not in a waiting list) to target T of its queue; OUTCOME
   when the target hangs up.  JOINED: it was in the queue (a timeout), so a
   callback keeps its place.  */
static void
go_target (sim *s, uint32_t id, const rt_target *t, int outcome, bool joined)
{
  caller *c = &s->c[id];
  switch (t->kind)
    {
    case RT_T_QUEUE:
      if (c->hops >= 32)
        {
          s->route_loops++;
          finish (s, id, outcome);
          return;
        }
      c->hops++;
      route_add (s, c, c->queue, t->queue);
      enter_queue (s, id, t->queue);
      return;
    case RT_T_VOICEMAIL:
      finish (s, id, O_VOICEMAIL);
      return;
    case RT_T_OVERFLOW:
      finish (s, id, O_OVERFLOW);
      return;
    case RT_T_CALLBACK:
      {
        c->callback = true;
        c->patience_at = INFINITY;
        c->timeout_at = INFINITY;
        if (!joined)
          {
            /* Turned away at the door: it joins now, levels from now.  */
            c->qenter = s->now;
            start_levels (s, c, &s->m->queues[c->queue]);
          }
        c->queued = true;
        if (try_assign (s, id))
          arm_unless_answered (s, id);
        else
          {
            enqueue (s, id);
            arm (s, id);
          }
        return;
      }
    default:
      finish (s, id, outcome);
      return;
    }
}

/* Caller ID is answered now.  */
static void
answer (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  c->ans = s->now;
  c->state = C_TALK;
  c->tgen++;
  s->mb[c->member].calls++;
  /* fewest-calls keys change while an agent with room left is in a pool.  */
  if (s->mb[c->member].slot >= 0)
    refresh (s, s->mb[c->member].agent);
  if (s->alog && c->ring_start < s->now)
    alog (s, s->mb[c->member].agent, "ringing", c->ring_start, s->now, c);
  push (s, s->now + c->handle, EV_DONE, id, 0);
}

/* Connect caller ID (waiting or new) to member M's agent.  */
static void
connect (sim *s, uint32_t id, uint32_t m)
{
  caller *c = &s->c[id];
  if (c->state == C_WAIT)
    dequeue (s, id);
  member *x = &s->mb[m];
  const rt_queue *rq = &s->m->queues[x->queue];
  qrt *q = &s->q[c->queue];
  uint32_t a = x->agent;
  agent *g = &s->ag[a];
  c->agent = a;
  c->member = m;
  g->slots[rq->channel]++;
  g->total++;
  pool *p = &s->q[x->queue].tiers[x->tier].p;
  if (p->kind == PK_RR)
    p->last = x->pos;
  refresh (s, a);
  c->ring_start = s->now;
  const rt_queue *cq = &s->m->queues[c->queue];
  if (cq->rna_prob > 0 && cc_rng_uniform (&q->r_ring) < cq->rna_prob)
    {
      c->state = C_RING;
      c->ring_rna = true;
      c->rgen++;
      push (s, s->now + cq->ring_timeout_s, EV_RING, id, c->rgen);
      return;
    }
  double d = cc_dist_sample (&cq->answer_delay, &q->r_ring);
  if (d > 0)
    {
      c->state = C_RING;
      c->ring_rna = false;
      c->rgen++;
      push (s, s->now + d, EV_RING, id, c->rgen);
      return;
    }
  answer (s, id);
}

static void close_login (sim *s, uint32_t a);

/* Give agent A's slot of caller C back: handling done (DONE: it counts as
   the end of an interaction for longest-idle), or a ring that ended
   unanswered.  */
static void
release (sim *s, uint32_t a, const caller *c, bool done)
{
  agent *g = &s->ag[a];
  int ch = s->m->queues[s->mb[c->member].queue].channel;
  g->slots[ch]--;
  g->total--;
  if (done)
    g->last_free = s->now;
  refresh (s, a);
  if (g->closing && g->total == 0)
    close_login (s, a);
}

/* Find a free agent for caller ID now and connect it.  Returns whether it
   found one.  */
static bool
try_assign (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  qrt *q = &s->q[c->queue];
  for (size_t k = 0; k < q->ntiers; k++)
    {
      tier *t = &q->tiers[k];
      if (t->level > c->max_level)
        break;
      uint32_t m = pool_pick (s, &t->p, c, &q->r_route);
      if (m != NONE)
        {
          connect (s, id, m);
          return true;
        }
    }
  return false;
}

/* Caller C starts its levels in queue RQ now: the start level, then the
   expansion steps timed from now.  */
static void
start_levels (sim *s, caller *c, const rt_queue *rq)
{
  c->max_level = rq->start_level;
  c->exp_i = 0;
  while (c->exp_i < rq->nexpand && rq->expand[c->exp_i].after_s <= 0)
    c->max_level = rq->expand[c->exp_i++].max_level;
  c->next_exp = c->exp_i < rq->nexpand ? s->now + rq->expand[c->exp_i].after_s : INFINITY;
}

/* Whether some member of caller C's queue could ever take it: at the
   highest level it will accept, with the extra skills it needs.  */
static bool
can_ever_serve (const sim *s, const caller *c)
{
  const rt_queue *rq = &s->m->queues[c->queue];
  const qrt *q = &s->q[c->queue];
  int top = rq->nexpand ? rq->expand[rq->nexpand - 1].max_level : c->max_level;
  if (c->max_level > top)
    top = c->max_level;
  for (size_t t = 0; t < q->ntiers; t++)
    {
      if (q->tiers[t].level > top)
        break;
      const pool *p = &q->tiers[t].p;
      if (c->nneed == 0 && p->size)
        return true;
      for (size_t k = 0; k < p->size; k++)
        if (has_needs (s, s->mb[p->pos2m[k]].agent, c))
          return true;
    }
  return false;
}

/* Caller ID arrives in queue QUEUE now (new, or moved there).  */
static void
enter_queue (sim *s, uint32_t id, int queue)
{
  caller *c = &s->c[id];
  const rt_queue *rq = &s->m->queues[queue];
  qrt *q = &s->q[queue];
  c->queue = queue;
  c->qenter = s->now;
  if (q->logged == 0 && !rq->join_empty)
    {
      go_target (s, id, &rq->on_empty, O_NO_AGENT, false);
      return;
    }
  if (rq->maxlen > 0 && q->nwait >= rq->maxlen)
    {
      go_target (s, id, &rq->on_full, O_BUSY, false);
      return;
    }
  start_levels (s, c, rq);
  c->timeout_at = c->callback ? INFINITY : s->now + rq->timeout_s;
  if (try_assign (s, id))
    {
      arm_unless_answered (s, id);
      return;
    }
  c->queued = true;
  enqueue (s, id);
  arm (s, id);
}

/* The best waiting caller of queue Q for member M (level LEVEL), or NONE.  */
static uint32_t
head_for (sim *s, const qrt *q, uint32_t m, int level)
{
  for (size_t k = 0; k < q->nlv; k++)
    {
      uint32_t id = q->lv[k].head;
      if (q->nskilled == 0)
        {
          if (id != NONE && s->c[id].max_level >= level)
            return id;
          continue;
        }
      for (; id != NONE; id = s->c[id].next)
        if (s->c[id].max_level >= level && fits (s, m, &s->c[id]))
          return id;
    }
  return NONE;
}

/* Agent A has room now: give it the best waiting callers it can take.  */
static void
dispatch (sim *s, uint32_t a)
{
  agent *g = &s->ag[a];
  for (;;)
    {
      uint32_t best = NONE, bestm = NONE;
      int bw = 0;
      for (size_t k = 0; k < g->nmem; k++)
        {
          uint32_t m = g->mem[k];
          member *x = &s->mb[m];
          qrt *q = &s->q[x->queue];
          if (q->nwait == 0 || x->slot < 0)
            continue;
          const rt_queue *rq = &s->m->queues[x->queue];
          if (best != NONE && rq->weight < bw)
            break; /* memberships are sorted by weight */
          uint32_t id = head_for (s, q, m, q->tiers[x->tier].level);
          if (id == NONE)
            continue;
          const caller *c = &s->c[id];
          if (best == NONE || rq->weight > bw || c->prio > s->c[best].prio
              || (c->prio == s->c[best].prio && c->qenter < s->c[best].qenter))
            {
              best = id;
              bestm = m;
              bw = rq->weight;
            }
        }
      if (best == NONE)
        return;
      connect (s, best, bestm);
    }
}

/* --- events --------------------------------------------------------------- */

/* A caller's timer fires.  */
static void
on_timer (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  const rt_queue *rq = &s->m->queues[c->queue];
  if (s->now >= c->patience_at || s->now >= c->timeout_at)
    {
      bool abandon = s->now >= c->patience_at;
      if (c->state == C_WAIT)
        dequeue (s, id);
      else if (c->state == C_RING)
        {
          uint32_t a = c->agent;
          c->rgen++;
          if (s->alog)
            alog (s, a, "ringing", c->ring_start, s->now, c);
          work (s, a, c);
          release (s, a, c, false);
          c->agent = NONE;
          c->member = NONE;
          dispatch (s, a);
        }
      else
        c->rgen++; /* C_RETRY */
      c->state = C_RETRY;
      if (abandon)
        finish (s, id, O_ABANDONED);
      else
        go_target (s, id, &rq->on_timeout, O_TIMEOUT, true);
      return;
    }
  /* An expansion step.  */
  while (c->exp_i < rq->nexpand && rq->expand[c->exp_i].after_s <= s->now - c->qenter + 1e-9)
    c->max_level = rq->expand[c->exp_i++].max_level;
  c->next_exp = c->exp_i < rq->nexpand ? c->qenter + rq->expand[c->exp_i].after_s : INFINITY;
  if (c->state == C_WAIT)
    {
      dequeue (s, id);
      c->state = C_RETRY;
      if (try_assign (s, id))
        {
          arm_unless_answered (s, id);
          return;
        }
      enqueue (s, id);
    }
  arm (s, id);
}

/* A ring ends.  */
static void
on_ring (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  if (!c->ring_rna)
    {
      answer (s, id);
      return;
    }
  uint32_t a = c->agent;
  const rt_queue *rq = &s->m->queues[c->queue];
  if (s->alog)
    alog (s, a, "ringing", c->ring_start, s->now, c);
  work (s, a, c);
  release (s, a, c, false);
  c->agent = NONE;
  c->member = NONE;
  c->rna++;
  if (rq->rna_pause_s > 0)
    {
      agent *g = &s->ag[a];
      /* A second missed ring during a pause extends it.  */
      if (!g->paused)
        g->pause_at = s->now;
      g->paused = true;
      g->pgen++;
      refresh (s, a);
      push (s, s->now + rq->rna_pause_s, EV_UNPAUSE, a, g->pgen);
    }
  else
    dispatch (s, a);
  c->state = C_RETRY;
  c->rgen++;
  push (s, s->now + rq->retry_s, EV_RETRY, id, c->rgen);
}

/* Back in the queue after a retry pause.  */
static void
on_retry (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  const rt_queue *rq = &s->m->queues[c->queue];
  if (rq->leave_empty && s->q[c->queue].logged == 0)
    {
      /* The last agent logged out meanwhile.  */
      c->tgen++;
      go_target (s, id, &rq->on_empty, O_NO_AGENT, false);
      return;
    }
  if (!try_assign (s, id))
    enqueue (s, id);
  arm_unless_answered (s, id);
}

/* Handling ends.  */
static void
on_done (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  uint32_t a = c->agent;
  c->end = s->now;
  c->outcome = c->callback ? O_CALLBACK : O_ANSWERED;
  s->ag[a].talk += c->handle;
  refresh (s, a); /* least-talk-time keys changed */
  count (s, c);
  emit (s, c);
  if (s->alog)
    alog (s, a, "talk", c->ans, s->now, c);
  const rt_agent *ra = &s->m->agents[a];
  double w = isnan (ra->wrapup_s) ? s->m->queues[s->mb[c->member].queue].wrapup_s : ra->wrapup_s;
  if (w > 0)
    {
      c->state = C_WRAP;
      push (s, s->now + w, EV_WRAP, id, 0);
      return;
    }
  work (s, a, c);
  release (s, a, c, true);
  caller_free (s, id);
  dispatch (s, a);
}

/* Wrap-up ends.  */
static void
on_wrap (sim *s, uint32_t id)
{
  caller *c = &s->c[id];
  uint32_t a = c->agent;
  if (s->alog)
    alog (s, a, "wrapup", c->end, s->now, c);
  work (s, a, c);
  release (s, a, c, true);
  caller_free (s, id);
  dispatch (s, a);
}

/* --- shifts --------------------------------------------------------------- */

/* Seconds since T0 of the epoch microsecond US.  */
static inline double
rel (const sim *s, cc_usec us)
{
  return (double) (us - s->t0) / 1e6;
}

/* Local midnight (epoch seconds) of the local day holding epoch second T.  */
static int64_t
local_midnight (int64_t t)
{
  return cc_interval_start (t, 86400);
}

/* The epoch second when the wall clock of the local day starting at
   MIDNIGHT (epoch seconds) shows TOD seconds (TOD may pass 86400: the next
   day).  A time the zone skips (the gap of a change to summer time) maps to
   the instant of the change; a time it shows twice, to the first.  */
static int64_t
at_tod (int64_t midnight, int64_t tod)
{
  int64_t wall = midnight + cc_tz_offset (midnight) + tod; /* local seconds */
  int64_t t = wall - cc_tz_offset (midnight);
  for (int i = 0; i < 3; i++)
    {
      int64_t u = wall - cc_tz_offset (t);
      if (u == t)
        return t;
      t = u;
    }
  if (t + cc_tz_offset (t) == wall)
    return t;
  /* In a gap: the candidates on either side bracket the change; find its
     first second by bisection.  */
  int64_t lo = wall - cc_tz_offset (wall - 86400), hi = wall - cc_tz_offset (wall + 86400);
  if (lo > hi)
    {
      int64_t x = lo;
      lo = hi;
      hi = x;
    }
  int32_t olo = cc_tz_offset (lo);
  while (hi - lo > 1)
    {
      int64_t mid = lo + (hi - lo) / 2;
      if (cc_tz_offset (mid) == olo)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

/* Whether agent A is on shift at sim time T, and when that next changes
   (*NEXT, INFINITY: never).  */
static bool
shift_state (const sim *s, uint32_t a, double t, double *next)
{
  const rt_agent *ra = &s->m->agents[a];
  *next = INFINITY;
  if (!ra->shifts)
    return true;
  cc_usec us = to_us (s, t);
  int64_t sec = us / CC_USEC_PER_SEC;
  bool on = false;
  double best_change = INFINITY;
  for (size_t k = 0; k < ra->nshifts; k++)
    {
      const rt_shift *sh = &ra->shifts[k];
      if (!sh->daily)
        {
          if (us >= sh->a && us < sh->b)
            {
              on = true;
              double e = rel (s, sh->b);
              if (e < best_change)
                best_change = e;
            }
          else if (us < sh->a)
            {
              double b = rel (s, sh->a);
              if (b < best_change)
                best_change = b;
            }
          continue;
        }
      /* Daily spans: look at yesterday's, today's and tomorrow's.  */
      int64_t mid = local_midnight (sec);
      for (int d = -1; d <= 1; d++)
        {
          int64_t m0 = local_midnight (mid + d * 86400 + 43200);
          double sa = rel (s, at_tod (m0, sh->a) * CC_USEC_PER_SEC);
          double sb = rel (s, at_tod (m0, sh->b) * CC_USEC_PER_SEC);
          if (t >= sa && t < sb)
            {
              on = true;
              if (sb < best_change)
                best_change = sb;
            }
          else if (t < sa && sa < best_change)
            best_change = sa;
        }
    }
  /* When on, the change is the end of the span holding T; a touching next
     span is merged by looking again from there.  */
  *next = best_change;
  return on;
}

/* Agent A's login span ends now.  */
static void
close_login (sim *s, uint32_t a)
{
  agent *g = &s->ag[a];
  double f = g->login_at > s->warm ? g->login_at : s->warm;
  double e = upto (s);
  if (e > f)
    g->logged_s += e - f;
  if (s->alog && s->now > g->login_at)
    alog (s, a, "logged_in", g->login_at, s->now, NULL);
  g->closing = false;
}

/* Agent A's shift changes now (or the first state at the start).  */
static void
on_shift (sim *s, uint32_t a)
{
  agent *g = &s->ag[a];
  double next;
  bool on = shift_state (s, a, s->now, &next);
  if (on != g->logged)
    {
      g->logged = on;
      if (on && g->closing)
        g->closing = false; /* back before finishing: one login span */
      else if (on)
        {
          g->login_at = s->now;
          g->last_free = s->now;
        }
      else if (g->total > 0)
        g->closing = true; /* staffed until it finishes what it holds */
      else
        close_login (s, a);
      for (size_t k = 0; k < g->nmem; k++)
        {
          qrt *q = &s->q[s->mb[g->mem[k]].queue];
          q->logged += on ? 1 : -1;
        }
      refresh (s, a);
      if (on)
        dispatch (s, a);
      else
        for (size_t k = 0; k < g->nmem; k++)
          {
            uint32_t qi = s->mb[g->mem[k]].queue;
            qrt *q = &s->q[qi];
            const rt_queue *rq = &s->m->queues[qi];
            if (q->logged == 0 && rq->leave_empty)
              for (size_t l = 0; l < q->nlv; l++)
                while (q->lv[l].head != NONE)
                  {
                    uint32_t id = q->lv[l].head;
                    dequeue (s, id);
                    s->c[id].state = C_RETRY;
                    s->c[id].tgen++;
                    go_target (s, id, &rq->on_empty, O_NO_AGENT, false);
                  }
          }
    }
  g->sgen++;
  if (next < INFINITY)
    push (s, next, EV_SHIFT, a, g->sgen);
}

/* --- generated arrivals --------------------------------------------------- */

/* True when the rate profile of queue RQ is positive at some time of day.  */
static bool
rate_any (const rt_queue *rq)
{
  for (size_t k = 0; k < rq->nrate; k++)
    if (rq->rate[k].per_s > 0)
      return true;
  return false;
}

/* The next arrival time of queue QI after now, by its rate profile (which
   rate_any has found positive somewhere), or INFINITY when out of reach.  */
static double
next_arrival (sim *s, uint32_t qi)
{
  const rt_queue *rq = &s->m->queues[qi];
  qrt *q = &s->q[qi];
  double e = cc_rng_exp (&q->r_arr, 1.0);
  if (rq->nrate == 1)
    return rq->rate[0].per_s > 0 ? s->now + e / rq->rate[0].per_s : INFINITY;
  /* Walk the steps of the daily profile, spending E of integrated rate.  */
  double t = s->now;
  for (long guard = 0; guard < 10000000; guard++)
    {
      cc_usec us = to_us (s, t);
      int64_t sec = us / CC_USEC_PER_SEC;
      int64_t mid = local_midnight (sec);
      /* Wall-clock seconds since local midnight (a DST change within the
         day shifts them from the elapsed seconds).  */
      double tod = (double) (us - mid * CC_USEC_PER_SEC) / 1e6
                   + (double) (cc_tz_offset (sec) - cc_tz_offset (mid));
      /* The step holding TOD: the last whose start is <= tod, else the last
         of the day (running past midnight).  */
      size_t k = rq->nrate - 1;
      for (size_t j = 0; j < rq->nrate; j++)
        if (rq->rate[j].tod_s <= tod)
          k = j;
      int64_t bound_tod = k + 1 < rq->nrate && rq->rate[k].tod_s <= tod ? rq->rate[k + 1].tod_s
                          : rq->rate[0].tod_s > tod                     ? rq->rate[0].tod_s
                                                                        : 86400 + rq->rate[0].tod_s;
      double bound = rel (s, at_tod (mid, bound_tod) * CC_USEC_PER_SEC);
      if (bound <= t)
        bound = t + 1e-3; /* a step time the zone skips: move on past it */
      double r = rq->rate[k].per_s;
      if (r > 0 && t + e / r < bound)
        return t + e / r;
      e -= r * (bound - t);
      t = bound;
    }
  /* Ten million steps of the profile without an arrival: its rate is so
     low that the next one is out of reach.  */
  cc_err ("warning: queue '%s': the next arrival of its rate profile is more than ten "
          "million steps away; it generates no more",
          rq->name);
  return INFINITY;
}

/* Nonzero when queue A's next generated arrival comes before queue B's
   (ties by queue order, for determinism).  */
static inline bool
arr_before (const sim *s, uint32_t a, uint32_t b)
{
  double x = s->q[a].next_arr, y = s->q[b].next_arr;
  return x != y ? x < y : a < b;
}

/* Move entry I of the arrival heap down to its place.  */
static void
arr_down (sim *s, size_t i)
{
  uint32_t *h = s->arrh;
  uint32_t x = h[i];
  for (;;)
    {
      size_t l = 2 * i + 1;
      if (l >= s->narrh)
        break;
      size_t r = l + 1;
      size_t c = r < s->narrh && arr_before (s, h[r], h[l]) ? r : l;
      if (!arr_before (s, h[c], x))
        break;
      h[i] = h[c];
      i = c;
    }
  h[i] = x;
}

/* Add queue QI, whose next_arr is set, to the arrival heap.  */
static void
arr_push (sim *s, uint32_t qi)
{
  size_t i = s->narrh++;
  while (i > 0)
    {
      size_t up = (i - 1) / 2;
      if (!arr_before (s, qi, s->arrh[up]))
        break;
      s->arrh[i] = s->arrh[up];
      i = up;
    }
  s->arrh[i] = qi;
}

/* X seconds rounded to whole microseconds (INFINITY stays).  */
static inline double
usec_grid (double x)
{
  return isfinite (x) && x < 1e12 ? rint (x * 1e6) / 1e6 : x;
}

/* Generated arrival of queue QI now.  */
static void
on_arrive (sim *s, uint32_t qi)
{
  qrt *q = &s->q[qi];
  const rt_queue *rq = &s->m->queues[qi];
  uint32_t id = caller_new (s);
  caller *c = &s->c[id];
  c->seq = ++s->seq;
  c->arr = s->now;
  c->prio = rq->priority;
  /* Durations on the microsecond grid of the output, so that replaying the
     records written reproduces the run.  */
  c->handle = usec_grid (cc_dist_sample (&rq->handle, &q->r_handle));
  c->patience = usec_grid (cc_dist_sample (&rq->patience, &q->r_pat));
  c->patience_at = s->now + c->patience;
  c->first = (int32_t) qi;
  s->meas_end = s->now;
  enter_queue (s, id, (int) qi);
  /* The next one.  */
  if (s->o->calls && s->seq >= s->o->calls)
    {
      for (size_t k = 0; k < s->nq; k++)
        if (s->q[k].generating)
          {
            s->q[k].generating = false;
            s->generators--;
          }
      s->narrh = 0;
      s->arr_done = true;
      return;
    }
  /* Queue QI is at the top of the arrival heap: move it to its next
     arrival, or take it out.  */
  double t = usec_grid (next_arrival (s, qi));
  if (t < s->end_rel)
    q->next_arr = t;
  else
    {
      q->generating = false;
      s->arr_done = --s->generators == 0;
      s->arrh[0] = s->arrh[--s->narrh];
    }
  if (s->narrh)
    arr_down (s, 0);
}

/* --- the loop ------------------------------------------------------------- */

/* Process events up to and including time UNTIL (INFINITY: all, stopping
   when nothing can happen any more).  */
static void
advance (sim *s, double until)
{
  for (;;)
    {
      /* Generated arrivals come from their own small heap; at equal times
         the other events go first, as before a replayed arrival.  */
      if (s->narrh)
        {
          uint32_t qi = s->arrh[0];
          double ta = s->q[qi].next_arr;
          if (ta <= until && (!s->nheap || ta < s->heap[0].t))
            {
              s->now = ta;
              s->events++;
              on_arrive (s, qi);
              continue;
            }
        }
      if (!s->nheap || s->heap[0].t > until)
        break;
      if (until == INFINITY && s->generators == 0 && s->active == s->hopeless)
        break;
      /* A backstop: nothing is left to happen but shifts coming and going
         for callers no agent will ever take.  */
      if (until == INFINITY && s->arr_done && s->heap[0].t > s->meas_end + RT_DRAIN_MAX_S
          && s->active == s->nwaiting)
        {
          s->drained = s->nwaiting;
          break;
        }
      ev e;
      pop (s, &e);
      unsigned kind = e.a >> OBJ_BITS;
      uint32_t obj = e.a & OBJ_MAX;
      if (kind == EV_TIMER)
        {
          if (s->c[obj].tgen != e.gen || s->c[obj].state == C_FREE)
            continue;
        }
      else if (kind == EV_RING || kind == EV_RETRY)
        {
          if (s->c[obj].rgen != e.gen || s->c[obj].state == C_FREE)
            continue;
        }
      else if (kind == EV_SHIFT)
        {
          if (s->ag[obj].sgen != e.gen)
            continue;
        }
      else if (kind == EV_UNPAUSE)
        {
          if (s->ag[obj].pgen != e.gen)
            continue;
        }
      s->now = e.t;
      s->events++;
      switch (kind)
        {
        case EV_TIMER:
          on_timer (s, obj);
          break;
        case EV_RING:
          on_ring (s, obj);
          break;
        case EV_RETRY:
          on_retry (s, obj);
          break;
        case EV_DONE:
          on_done (s, obj);
          break;
        case EV_WRAP:
          on_wrap (s, obj);
          break;
        case EV_SHIFT:
          on_shift (s, obj);
          break;
        default:
          {
            agent *g = &s->ag[obj];
            g->paused = false;
            if (s->alog)
              alog (s, obj, "paused", g->pause_at, s->now, NULL);
            refresh (s, obj);
            dispatch (s, obj);
          }
          break;
        }
    }
}

/* --- set-up --------------------------------------------------------------- */

/* A stream number from queue name NAME and part K.  */
static uint64_t
stream_of (const char *name, unsigned k)
{
  uint64_t h = UINT64_C (1469598103934665603);
  for (const unsigned char *p = (const unsigned char *) name; *p; p++)
    h = (h ^ *p) * UINT64_C (1099511628211);
  return h * 8 + k;
}

/* Set up queue QI's state (its pools are built by build_members).  */
static void
queue_init (sim *s, size_t qi)
{
  qrt *q = &s->q[qi];
  memset (q, 0, sizeof *q);
  const char *name = s->m->queues[qi].name;
  cc_rng_seed (&q->r_arr, s->o->seed, stream_of (name, 0));
  cc_rng_seed (&q->r_handle, s->o->seed, stream_of (name, 1));
  cc_rng_seed (&q->r_pat, s->o->seed, stream_of (name, 2));
  cc_rng_seed (&q->r_route, s->o->seed, stream_of (name, 3));
  cc_rng_seed (&q->r_ring, s->o->seed, stream_of (name, 4));
}

/* Comparison of memberships for an agent's list: queue weight first.  */
static const sim *sort_sim;
static int
cmp_mem (const void *a, const void *b)
{
  const member *x = &sort_sim->mb[*(const uint32_t *) a], *y = &sort_sim->mb[*(const uint32_t *) b];
  int wx = sort_sim->m->queues[x->queue].weight, wy = sort_sim->m->queues[y->queue].weight;
  if (wx != wy)
    return wx > wy ? -1 : 1;
  return x->queue < y->queue ? -1 : x->queue > y->queue;
}

/* Build the memberships, tiers and pools of every queue.  */
static void
build_members (sim *s)
{
  rt_model *m = s->m;
  /* Memberships: every (agent, queue) where the agent has the queue's skill
     and capacity on its channel.  */
  size_t cap = 0;
  for (size_t a = 0; a < m->nagents; a++)
    {
      const rt_agent *ra = &m->agents[a];
      for (size_t qi = 0; qi < m->nqueues; qi++)
        {
          const rt_queue *rq = &m->queues[qi];
          for (size_t k = 0; k < ra->nskills; k++)
            if (ra->skills[k].skill == rq->skill && ra->cap[rq->channel] > 0)
              {
                if (s->nmb == cap)
                  {
                    cap = cap ? cap * 2 : 256;
                    s->mb = cc_xrealloc (s->mb, cap * sizeof *s->mb);
                  }
                member *x = &s->mb[s->nmb++];
                memset (x, 0, sizeof *x);
                x->agent = (uint32_t) a;
                x->queue = (uint32_t) qi;
                x->slot = -1;
                x->tier = (uint32_t) ra->skills[k].level; /* level for now */
              }
        }
    }
  /* Tiers per queue: distinct levels, best first; positions in roster order.  */
  for (size_t i = 0; i < s->nmb; i++)
    {
      member *x = &s->mb[i];
      qrt *q = &s->q[x->queue];
      int level = (int) x->tier;
      size_t t = 0;
      while (t < q->ntiers && q->tiers[t].level < level)
        t++;
      if (t == q->ntiers || q->tiers[t].level != level)
        {
          q->tiers = cc_xrealloc (q->tiers, (q->ntiers + 1) * sizeof *q->tiers);
          memmove (&q->tiers[t + 1], &q->tiers[t], (q->ntiers - t) * sizeof *q->tiers);
          q->ntiers++;
          memset (&q->tiers[t], 0, sizeof q->tiers[t]);
          q->tiers[t].level = level;
        }
      q->tiers[t].p.size++;
      q->nmembers++;
    }
  for (size_t qi = 0; qi < s->nq; qi++)
    {
      qrt *q = &s->q[qi];
      int st = m->queues[qi].strategy;
      for (size_t t = 0; t < q->ntiers; t++)
        {
          pool *p = &q->tiers[t].p;
          p->strategy = st;
          p->kind = st == RT_RANDOM || st == RT_RINGALL ? PK_ARRAY
                    : st == RT_ROUND_ROBIN              ? PK_RR
                    : st == RT_WRANDOM                  ? PK_WR
                                                        : PK_HEAP;
          p->pos2m = cc_xmalloc (p->size * sizeof *p->pos2m);
          p->v = cc_xmalloc (p->size * sizeof *p->v);
          if (p->kind == PK_RR)
            p->bits = cc_xcalloc ((p->size + 63) / 64, sizeof *p->bits);
          if (p->kind == PK_WR)
            p->fen = cc_xcalloc (p->size + 1, sizeof *p->fen);
          p->last = p->size;
          p->size = 0; /* counted again below as positions */
        }
    }
  for (size_t i = 0; i < s->nmb; i++)
    {
      member *x = &s->mb[i];
      qrt *q = &s->q[x->queue];
      size_t t = 0;
      while (q->tiers[t].level != (int) x->tier)
        t++;
      x->tier = (uint32_t) t;
      pool *p = &q->tiers[t].p;
      x->pos = (uint32_t) p->size;
      p->pos2m[p->size++] = (uint32_t) i;
      p->last = p->size; /* none used yet */
    }
  for (size_t qi = 0; qi < s->nq; qi++)
    for (size_t t = 0; t < s->q[qi].ntiers; t++)
      {
        pool *p = &s->q[qi].tiers[t].p;
        p->last = p->size;
        p->channel = m->queues[qi].channel;
        for (size_t k = 0; k < p->size; k++)
          p->multi |= m->agents[s->mb[p->pos2m[k]].agent].cap[p->channel] > 1;
      }
  /* Each agent's memberships, queue weight first.  */
  size_t *nm = cc_xcalloc (m->nagents + 1, sizeof *nm);
  for (size_t i = 0; i < s->nmb; i++)
    nm[s->mb[i].agent]++;
  for (size_t a = 0; a < m->nagents; a++)
    {
      s->ag[a].mem = cc_xmalloc ((nm[a] + 1) * sizeof *s->ag[a].mem);
      s->ag[a].nmem = 0;
    }
  for (size_t i = 0; i < s->nmb; i++)
    {
      agent *g = &s->ag[s->mb[i].agent];
      g->mem[g->nmem++] = (uint32_t) i;
    }
  sort_sim = s;
  for (size_t a = 0; a < m->nagents; a++)
    qsort (s->ag[a].mem, s->ag[a].nmem, sizeof *s->ag[a].mem, cmp_mem);
  free (nm);
}

/* Start the clock at T0: queue states, agents' first shift states.  */
static void
start (sim *s, cc_usec t0)
{
  s->t0 = t0;
  s->t0_set = true;
  s->now = 0;
  s->warm = s->o->warmup_s;
  for (size_t a = 0; a < s->m->nagents; a++)
    {
      agent *g = &s->ag[a];
      g->sgen = 0;
      /* Its capacity on the channels of the queues it serves.  */
      bool seen[RT_MAX_CHANNELS] = { false };
      for (size_t k = 0; k < g->nmem; k++)
        {
          int ch = s->m->queues[s->mb[g->mem[k]].queue].channel;
          if (!seen[ch])
            {
              seen[ch] = true;
              g->capsum += s->m->agents[a].cap[ch];
            }
        }
      on_shift (s, (uint32_t) a);
    }
}

/* Set up simulation S of model M.  */
static void
sim_init (sim *s, rt_model *m, const rt_run_opts *o)
{
  memset (s, 0, sizeof *s);
  s->m = m;
  s->o = o;
  s->freec = NONE;
  s->nq = m->nqueues;
  s->q = cc_xcalloc (s->nq ? s->nq : 1, sizeof *s->q);
  for (size_t i = 0; i < s->nq; i++)
    queue_init (s, i);
  s->ag = cc_xcalloc (m->nagents ? m->nagents : 1, sizeof *s->ag);
  s->qf = cc_xcalloc (s->nq ? s->nq : 1, sizeof *s->qf);
  s->sl = isnan (o->sl_s) ? m->sl_s : o->sl_s;
  s->local = cc_tz_name () != NULL;
  s->end_rel = INFINITY;
  s->block_size = 16;
  build_members (s);
}

#include "summary.c"
#include "replay.c"

/* Free what S owns.  */
static void
sim_free (sim *s)
{
  for (size_t i = 0; i < s->nc; i++)
    if (s->c[i].state != C_FREE)
      {
        s->active++; /* caller_free counts down */
        caller_free (s, (uint32_t) i);
      }
  free (s->c);
  free (s->heap);
  for (size_t qi = 0; qi < s->nq; qi++)
    {
      qrt *q = &s->q[qi];
      for (size_t t = 0; t < q->ntiers; t++)
        {
          pool *p = &q->tiers[t].p;
          free (p->v);
          free (p->pos2m);
          free (p->bits);
          free (p->fen);
        }
      free (q->tiers);
      free (q->lv);
    }
  free (s->q);
  for (size_t a = 0; a < s->m->nagents; a++)
    free (s->ag[a].mem);
  free (s->ag);
  free (s->mb);
  free (s->qf);
  free (s->blocks);
  free (s->arrh);
  replay_free (s);
}

/* Write the interactions still waiting when nothing more can happen.  */
static void
flush_unserved (sim *s)
{
  for (size_t i = 0; i < s->nc; i++)
    {
      caller *c = &s->c[i];
      if (c->state == C_FREE || c->state == C_TALK || c->state == C_WRAP)
        continue;
      if (c->state == C_WAIT)
        dequeue (s, (uint32_t) i);
      s->q[c->queue].unserved++;
      c->end = s->tend;
      c->outcome = O_UNSERVED;
      count (s, c);
      emit (s, c);
      caller_free (s, (uint32_t) i);
    }
}

/* Close the agents' open spans at the end.  */
static void
close_agents (sim *s)
{
  for (size_t a = 0; a < s->m->nagents; a++)
    {
      agent *g = &s->ag[a];
      if (g->logged || g->closing)
        close_login (s, (uint32_t) a);
      if (g->paused && s->alog && s->now > g->pause_at)
        alog (s, (uint32_t) a, "paused", g->pause_at, s->now, NULL);
    }
}

int
rt_run (rt_model *m, const rt_run_opts *o, char *const *files, int nfiles)
{
  sim s;
  sim_init (&s, m, o);
  int status = 0;
  if (!o->summary)
    s.out = cc_out_new (o->out, o->out_fmt);
  if (o->agent_log)
    {
      s.alog_f = fopen (o->agent_log, "w");
      if (!s.alog_f)
        cc_die (CC_EXIT_FAIL, "cannot open %s: %s", o->agent_log, strerror (errno));
      s.alog = cc_out_new (s.alog_f, o->out_fmt == CC_FMT_JSONL ? CC_FMT_JSONL : CC_FMT_CSV);
    }
  if (o->generate)
    {
      start (&s, o->start);
      s.end_rel = o->end == INT64_MAX ? INFINITY : rel (&s, o->end);
      s.arrh = cc_xmalloc ((s.nq + 1) * sizeof *s.arrh);
      /* A queue whose rate is zero all day generates nothing.  */
      for (size_t qi = 0; qi < s.nq; qi++)
        if (m->queues[qi].rate && rate_any (&m->queues[qi]))
          {
            double t = usec_grid (next_arrival (&s, (uint32_t) qi));
            if (t < s.end_rel)
              {
                s.q[qi].generating = true;
                s.q[qi].next_arr = t;
                s.generators++;
                arr_push (&s, (uint32_t) qi);
              }
          }
      advance (&s, INFINITY);
    }
  else
    {
      status = replay (&s, files, nfiles);
      if (status == 0)
        advance (&s, INFINITY);
    }
  s.tend = s.now;
  for (size_t qi = 0; qi < s.nq; qi++)
    area (&s, &s.q[qi]);
  if (status == 0)
    {
      flush_unserved (&s);
      close_agents (&s);
      for (size_t qi = 0; qi < s.nq; qi++)
        if (s.q[qi].unserved)
          cc_err ("warning: %llu interaction%s in queue '%s' could never be served",
                  (unsigned long long) s.q[qi].unserved, s.q[qi].unserved == 1 ? "" : "s",
                  m->queues[qi].name);
      if (s.drained)
        cc_err ("warning: %llu interaction%s still waiting a year after the last arrival "
                "%s written as unserved",
                (unsigned long long) s.drained, s.drained == 1 ? "" : "s",
                s.drained == 1 ? "is" : "are");
      if (o->summary && s.tot.offered == 0 && o->warmup_s > 0 && s.seq > 0)
        cc_err ("warning: --warmup is longer than the run: no interaction is counted");
      if (s.route_loops)
        cc_err ("warning: %llu interaction%s moved between queues 32 times and ended there",
                (unsigned long long) s.route_loops, s.route_loops == 1 ? "" : "s");
      if (o->summary)
        summary_write (&s);
      else
        cc_out_finish (s.out);
    }
  else if (s.out)
    cc_out_discard (s.out);
  if (s.alog)
    {
      cc_out_finish (s.alog);
      if (fclose (s.alog_f) != 0)
        cc_die (CC_EXIT_FAIL, "write error: %s: %s", o->agent_log, strerror (errno));
    }
  sim_free (&s);
  return status;
}
