/* ccreport: the conversations report (--report conversations).

   Records that share a conversation_id are one thread of contact; sorted by
   arrived_at they are cut into conversations by the --reopen-window W.  Each
   record covers the closed span [arrived_at, last], where last is the latest
   of its arrived_at, answered_at and ended_at.  Going through a thread's
   records in order of arrival, a record that arrives at or before the latest
   moment L of the records before it continues the conversation; one that
   arrives after L but at most W after it continues it too when the record
   that reached L has no ended_at (the conversation is still open), and
   reopens it otherwise (it had ended); one that arrives more than W after L
   starts a new conversation of the same id.  A record without a
   conversation_id is a conversation of its own.

   That sweep depends only on the gaps between the connected parts of the
   union of the records' spans, so a thread is kept as a list of spans
   ("clusters"), each holding what the figures need (first arrival and the
   group key of its first record, latest moment and whether it is open
   there, earliest answered_at, record count, answered).  Joining two
   overlapping clusters is commutative and associative, so sorting the list
   and joining what overlaps (thread_normalize: done when the list has
   doubled, and before the report) gives the connected parts whatever the
   order of the records and however the input was split over threads.
   Conversations are formed, and their figures added to their groups, only
   when the report is written.  Memory grows with the number of conversation
   ids (and their clusters), not with the records.  */
#include <config.h>

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "rows.h"

/* Records of one thread whose spans overlap, joined (after normalization,
   a connected part of the union of the thread's spans).  */
typedef struct cluster
{
  cc_usec start;     /* earliest arrived_at */
  cc_usec last;      /* latest moment of its records */
  cc_usec first_ans; /* earliest answered_at (when hans) */
  uint64_t records;  /* records in it */
  uint32_t key;      /* group key (index in the key table) of its first record */
  bool hans;         /* some record has an answered_at */
  bool answered;     /* some record counts as answered */
  bool open;         /* a record whose last moment is LAST has no ended_at */
} cluster;

/* One conversation_id and its clusters.  */
typedef struct thread
{
  char *id;      /* the conversation_id bytes (NUL-terminated copy) */
  size_t idlen;  /* their length */
  uint64_t hash; /* hash of the id */
  cluster *c;    /* clusters; after thread_normalize sorted by start and
                    disjoint (c[i].last < c[i+1].start) */
  size_t n, cap; /* used, allocated */
  size_t nnorm;  /* clusters after the last normalization */
} thread;

/* A distinct group key (the --by values, encoded as the fold's keys).  */
typedef struct ckey
{
  char *p;       /* bytes (NUL-terminated copy) */
  size_t n;      /* length */
  uint64_t hash; /* hash of the bytes */
} ckey;

/* The figures of one group.  */
typedef struct cacc
{
  uint64_t convs;            /* conversations */
  uint64_t records;          /* records in them */
  uint64_t without_id;       /* conversations of one record without a conversation_id */
  uint64_t reopened;         /* conversations reopened at least once */
  uint64_t reopens;          /* reopens in all */
  uint64_t answered;         /* conversations with an answered record */
  unsigned __int128 frt_sum; /* sum of first response times, microseconds */
  unsigned __int128 dur_sum; /* sum of durations, microseconds */
  cc_hist frt;               /* first response times, whole seconds rounded up */
} cacc;

/* One group: key, interval and figures.  */
typedef struct cgroup
{
  uint32_t key;  /* index in the key table */
  int64_t ival;  /* interval start (seconds), or 0 */
  uint64_t hash; /* hash of key and ival */
  cacc a;        /* the figures */
} cgroup;

/* An open-addressing table of indices + 1 (0 = empty slot).  */
typedef struct itab
{
  size_t *s;   /* slots */
  size_t size; /* a power of two, or 0 before the first use */
} itab;

/* The state of one fold (fold->conv).  */
typedef struct conv
{
  ckey *keys;            /* distinct group keys */
  size_t nkeys, capkeys; /* used, allocated */
  itab ktab;             /* index of keys */
  thread *th;            /* conversation ids */
  size_t nth, capth;     /* used, allocated */
  itab ttab;             /* index of threads */
  cgroup **g;            /* groups, in insertion order */
  size_t ng, capg;       /* used, allocated */
  itab gtab;             /* index of groups */
  uint32_t lastkey;      /* the key of the previous record + 1, or 0 */
} conv;

/* FNV-1a over N bytes at P, mixed with X.  */
static uint64_t
hash_bytes (const char *p, size_t n, uint64_t x)
{
  uint64_t h = UINT64_C (1469598103934665603) ^ x * UINT64_C (0x9E3779B97F4A7C15);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) p[i]) * UINT64_C (1099511628211);
  return h ^ (h >> 29);
}

/* The slot of table T for hash H: the first slot whose entry satisfies EQ
   (called with UD and the entry's index) or an empty one.  */
static size_t *
itab_find (itab *t, uint64_t h, bool (*eq) (const void *ud, size_t i), const void *ud)
{
  size_t mask = t->size - 1;
  for (size_t i = (size_t) h & mask;; i = (i + 1) & mask)
    if (!t->s[i] || eq (ud, t->s[i] - 1))
      return &t->s[i];
}

/* Make room in table T for N entries, re-inserting them by their hashes
   (HASH_OF gives entry I's hash) when it grows.  */
static void
itab_reserve (itab *t, size_t n, uint64_t (*hash_of) (const void *ud, size_t i), const void *ud)
{
  if (t->size && n * 2 <= t->size)
    return;
  size_t size = t->size ? t->size : 64;
  while (n * 2 > size)
    size *= 2;
  free (t->s);
  t->s = cc_xcalloc (size, sizeof *t->s);
  t->size = size;
  for (size_t j = 0; j + 1 < n; j++)
    {
      size_t i = (size_t) hash_of (ud, j) & (size - 1);
      while (t->s[i])
        i = (i + 1) & (size - 1);
      t->s[i] = j + 1;
    }
}

/* A probe for the tables: bytes, their hash, and the state searched.  */
typedef struct probe
{
  const conv *c; /* the state */
  const char *p; /* key or id bytes */
  size_t n;      /* their length */
  uint32_t key;  /* a group's key index */
  int64_t ival;  /* a group's interval */
  uint64_t hash; /* the hash looked for */
} probe;

/* The equality tests (entry I against probe UD) and hashes (of entry I of
   state UD) of the key, thread and group tables.  */
static bool
key_eq (const void *ud, size_t i)
{
  const probe *q = ud;
  const ckey *k = &q->c->keys[i];
  return k->hash == q->hash && k->n == q->n && (q->n == 0 || memcmp (k->p, q->p, q->n) == 0);
}

static uint64_t
key_hash_of (const void *ud, size_t i)
{
  return ((const conv *) ud)->keys[i].hash;
}

static bool
thread_eq (const void *ud, size_t i)
{
  const probe *q = ud;
  const thread *t = &q->c->th[i];
  return t->hash == q->hash && t->idlen == q->n && memcmp (t->id, q->p, q->n) == 0;
}

static uint64_t
thread_hash_of (const void *ud, size_t i)
{
  return ((const conv *) ud)->th[i].hash;
}

static bool
group_eq (const void *ud, size_t i)
{
  const probe *q = ud;
  const cgroup *g = q->c->g[i];
  return g->hash == q->hash && g->key == q->key && g->ival == q->ival;
}

static uint64_t
group_hash_of (const void *ud, size_t i)
{
  return ((const conv *) ud)->g[i]->hash;
}

/* The index of key K (N bytes) in C's key table, added when new.  */
static uint32_t
intern_key (conv *c, const char *k, size_t n)
{
  if (c->lastkey)
    {
      const ckey *l = &c->keys[c->lastkey - 1];
      if (l->n == n && (n == 0 || memcmp (l->p, k, n) == 0))
        return c->lastkey - 1;
    }
  probe q = { c, k, n, 0, 0, hash_bytes (k, n, 0) };
  itab_reserve (&c->ktab, c->nkeys + 1, key_hash_of, c);
  size_t *s = itab_find (&c->ktab, q.hash, key_eq, &q);
  if (!*s)
    {
      if (c->nkeys == c->capkeys)
        c->keys = cc_xrealloc (c->keys,
                               (c->capkeys = c->capkeys ? c->capkeys * 2 : 16) * sizeof *c->keys);
      if (c->nkeys >= UINT32_MAX - 1)
        cc_die (CC_EXIT_FAIL, "conversations: too many distinct groups");
      c->keys[c->nkeys] = (ckey){ cc_xmemdup (k, n), n, q.hash };
      *s = ++c->nkeys;
    }
  c->lastkey = (uint32_t) *s;
  return (uint32_t) (*s - 1);
}

/* The thread of conversation_id ID (N bytes) in C, added when new.  */
static thread *
find_thread (conv *c, const char *id, size_t n)
{
  probe q = { c, id, n, 0, 0, hash_bytes (id, n, 1) };
  itab_reserve (&c->ttab, c->nth + 1, thread_hash_of, c);
  size_t *s = itab_find (&c->ttab, q.hash, thread_eq, &q);
  if (!*s)
    {
      if (c->nth == c->capth)
        c->th = cc_xrealloc (c->th, (c->capth = c->capth ? c->capth * 2 : 64) * sizeof *c->th);
      c->th[c->nth] = (thread){ cc_xmemdup (id, n), n, q.hash, NULL, 0, 0, 0 };
      *s = ++c->nth;
    }
  return &c->th[*s - 1];
}

/* The figures of the group with key index KEY and interval IVAL in C, added
   when new.  */
static cacc *
find_group (conv *c, uint32_t key, int64_t ival)
{
  probe q = { c, NULL, 0, key, ival, 0 };
  q.hash = hash_bytes ((const char *) &key, sizeof key, (uint64_t) ival);
  itab_reserve (&c->gtab, c->ng + 1, group_hash_of, c);
  size_t *s = itab_find (&c->gtab, q.hash, group_eq, &q);
  if (!*s)
    {
      if (c->ng == c->capg)
        c->g = cc_xrealloc (c->g, (c->capg = c->capg ? c->capg * 2 : 16) * sizeof *c->g);
      cgroup *g = cc_xcalloc (1, sizeof *g);
      g->key = key;
      g->ival = ival;
      g->hash = q.hash;
      c->g[c->ng] = g;
      *s = ++c->ng;
    }
  return &c->g[*s - 1]->a;
}

/* Join cluster Y into X (they overlap).  The first record is the earliest
   arrival; of several arriving at the same instant, the one whose key comes
   first in row order (C's keys, NBY values).  */
static void
cluster_join (const conv *c, size_t nby, cluster *x, const cluster *y)
{
  if (y->start < x->start
      || (y->start == x->start && y->key != x->key
          && report_key_cmp (c->keys[y->key].p, c->keys[x->key].p, nby) < 0))
    {
      x->start = y->start;
      x->key = y->key;
    }
  if (y->last > x->last)
    {
      x->last = y->last;
      x->open = y->open;
    }
  else if (y->last == x->last)
    x->open = x->open || y->open;
  if (y->hans && (!x->hans || y->first_ans < x->first_ans))
    {
      x->first_ans = y->first_ans;
      x->hans = true;
    }
  x->records += y->records;
  x->answered = x->answered || y->answered;
}

/* Order clusters by start.  */
static int
cluster_cmp (const void *a, const void *b)
{
  const cluster *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort the clusters of thread T and join those that overlap, so that they
   are the connected parts of the union of its records' spans, in order.  */
static void
thread_normalize (const conv *c, size_t nby, thread *t)
{
  if (t->n > 1)
    {
      qsort (t->c, t->n, sizeof *t->c, cluster_cmp);
      size_t m = 0;
      for (size_t i = 1; i < t->n; i++)
        if (t->c[i].start <= t->c[m].last)
          cluster_join (c, nby, &t->c[m], &t->c[i]);
        else
          t->c[++m] = t->c[i];
      t->n = m + 1;
    }
  t->nnorm = t->n;
}

/* Add cluster X (its key an index of C) to thread T.  X is joined to the
   last cluster when they overlap (records of a thread mostly come in
   order), and appended otherwise; the clusters are normalized when they
   have doubled since the last time, so that adding N clusters in any order
   costs O(N log N).  */
static void
thread_add (const conv *c, size_t nby, thread *t, cluster x)
{
  if (t->n)
    {
      cluster *l = &t->c[t->n - 1];
      if (x.start <= l->last && l->start <= x.last)
        {
          cluster_join (c, nby, l, &x);
          return;
        }
    }
  if (t->n == t->cap)
    t->c = cc_xrealloc (t->c, (t->cap = t->cap ? t->cap * 2 : 1) * sizeof *t->c);
  t->c[t->n++] = x;
  if (t->n > 2 * t->nnorm + 8)
    thread_normalize (c, nby, t);
}

/* Whole seconds, rounded down, of instant T (microseconds).  */
static int64_t
floor_secs (cc_usec t)
{
  return t >= 0 ? t / CC_USEC_PER_SEC : -((-t + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
}

/* Whole seconds, rounded up, of a duration D >= 0 (microseconds).  */
static uint64_t
ceil_secs (int64_t d)
{
  return (uint64_t) ((d + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
}

/* The interval of a conversation that started at START, or 0.  */
static int64_t
ival_of (const report *r, cc_usec start)
{
  return r->interval ? cc_interval_start (floor_secs (start), r->interval) : 0;
}

/* One finished conversation, as it is added to its group.  */
typedef struct conversation
{
  cluster c;        /* its records joined: start, key, last, first answer, count */
  uint64_t reopens; /* times it was reopened */
  bool without_id;  /* a record without a conversation_id */
} conversation;

/* Add conversation V to the figures A.  */
static void
cacc_add (cacc *a, const conversation *v)
{
  a->convs++;
  a->records += v->c.records;
  a->without_id += v->without_id;
  a->reopened += v->reopens > 0;
  a->reopens += v->reopens;
  a->answered += v->c.answered;
  if (v->c.hans)
    {
      int64_t frt = v->c.first_ans - v->c.start;
      a->frt_sum += (uint64_t) frt;
      cc_hist_add (&a->frt, ceil_secs (frt));
    }
  a->dur_sum += (uint64_t) (v->c.last - v->c.start);
}

/* Add the figures S to D.  */
static void
cacc_merge (cacc *d, const cacc *s)
{
  d->convs += s->convs;
  d->records += s->records;
  d->without_id += s->without_id;
  d->reopened += s->reopened;
  d->reopens += s->reopens;
  d->answered += s->answered;
  d->frt_sum += s->frt_sum;
  d->dur_sum += s->dur_sum;
  cc_hist_merge (&d->frt, &s->frt);
}

/* Take one record that passed the filters (see report.h): check its times,
   then add it to its thread, or, without a conversation_id, count it at once
   as a conversation of its own.  Returns NULL, or the reason the record is
   bad (a constant string).  */
const char *
conv_row (fold *f, const cc_row *row, const char *key, size_t keylen, cc_usec arr, bool harr,
          cc_usec ans, bool hans, cc_usec end, bool hend, bool answered)
{
  const report *r = f->r;
  if (!harr)
    return "no arrived_at (needed by --report conversations)";
  /* The fold checks these only when it derives a wait or a handle time.  */
  if (hans && ans < arr)
    return "answered_at is before arrived_at";
  if (hend && end < arr)
    return "ended_at is before arrived_at";
  if (hend && hans && end < ans)
    return "ended_at is before answered_at";

  conv *c = f->conv;
  if (!c)
    c = f->conv = cc_xcalloc (1, sizeof *c);
  cluster x = { 0 };
  x.start = arr;
  x.last = hend ? end : hans ? ans : arr;
  x.first_ans = ans;
  x.hans = hans;
  x.records = 1;
  x.key = intern_key (c, key, keylen);
  x.answered = answered;
  x.open = !hend;

  const cc_val *id = cc_row_get (row, S_CONV);
  if (id && id->kind != CC_NULL && id->n > 0)
    thread_add (c, r->nby, find_thread (c, id->p, id->n), x);
  else
    {
      conversation v = { x, 0, true };
      cacc_add (find_group (c, x.key, ival_of (r, arr)), &v);
    }
  return NULL;
}

/* Fold the state of S (later records of the input) into D: S's threads'
   clusters join D's threads, its groups add to D's.  S keeps its state, to
   be freed with it, unless D had none and takes it over.  */
void
conv_merge (const report *r, fold *d, fold *s)
{
  conv *sc = s->conv, *dc = d->conv;
  if (!sc)
    return;
  if (!dc)
    {
      d->conv = sc;
      s->conv = NULL;
      return;
    }
  /* S's keys in D's key table.  */
  uint32_t *map = cc_xmalloc ((sc->nkeys + 1) * sizeof *map);
  for (size_t i = 0; i < sc->nkeys; i++)
    map[i] = intern_key (dc, sc->keys[i].p, sc->keys[i].n);
  for (size_t i = 0; i < sc->nth; i++)
    {
      const thread *st = &sc->th[i];
      thread *dt = find_thread (dc, st->id, st->idlen);
      for (size_t k = 0; k < st->n; k++)
        {
          cluster x = st->c[k];
          x.key = map[x.key];
          thread_add (dc, r->nby, dt, x);
        }
    }
  for (size_t i = 0; i < sc->ng; i++)
    {
      const cgroup *g = sc->g[i];
      cacc_merge (find_group (dc, map[g->key], g->ival), &g->a);
    }
  free (map);
}

/* Free the conversations state of F (f->conv), if any.  */
void
conv_free (fold *f)
{
  conv *c = f->conv;
  if (!c)
    return;
  for (size_t i = 0; i < c->nkeys; i++)
    free (c->keys[i].p);
  for (size_t i = 0; i < c->nth; i++)
    {
      free (c->th[i].id);
      free (c->th[i].c);
    }
  for (size_t i = 0; i < c->ng; i++)
    {
      cc_hist_free (&c->g[i]->a.frt);
      free (c->g[i]);
    }
  free (c->keys);
  free (c->ktab.s);
  free (c->th);
  free (c->ttab.s);
  free (c->g);
  free (c->gtab.s);
  free (c);
  f->conv = NULL;
}

/* Cut the threads of C into conversations by the window of R and add each
   to its group.  The threads are emptied.  */
static void
form_conversations (const report *r, conv *c)
{
  for (size_t i = 0; i < c->nth; i++)
    {
      thread *t = &c->th[i];
      thread_normalize (c, r->nby, t);
      if (!t->n)
        continue;
      conversation v = { t->c[0], 0, false };
      for (size_t k = 1; k < t->n; k++)
        {
          const cluster *p = &t->c[k - 1], *x = &t->c[k];
          /* x starts after p ends (gap > 0): p's end is the latest moment so far.  */
          if (x->start - p->last > r->reopen_us)
            {
              cacc_add (find_group (c, v.c.key, ival_of (r, v.c.start)), &v);
              v = (conversation){ *x, 0, false };
              continue;
            }
          if (!p->open)
            v.reopens++;
          /* X's start and key come after V's: only the rest joins.  */
          cluster y = *x;
          y.start = v.c.start;
          y.key = v.c.key;
          cluster_join (c, r->nby, &v.c, &y);
        }
      cacc_add (find_group (c, v.c.key, ival_of (r, v.c.start)), &v);
      t->n = 0;
    }
}

/* The number of --by values, for the comparator.  */
static size_t sort_nby;
/* The key table, for the comparator.  */
static const ckey *sort_keys;

/* Order groups by their --by values (null first, then bytes), then interval.  */
static int
group_cmp (const void *a, const void *b)
{
  const cgroup *x = *(cgroup *const *) a, *y = *(cgroup *const *) b;
  if (x->key != y->key)
    {
      int d = report_key_cmp (sort_keys[x->key].p, sort_keys[y->key].p, sort_nby);
      if (d)
        return d;
    }
  return x->ival < y->ival ? -1 : x->ival > y->ival;
}

/* Append NUM / DEN with two decimals, rounded half away from zero, to B (a
   null cell when DEN is 0).  Kept here rather than rowb_ratio: the sums of
   first response times and durations (microseconds) are unsigned __int128
   and may pass INT64_MAX, which cc_num_fixed (int64_t) cannot take.  */
static void
ratio128 (rowb *b, unsigned __int128 num, unsigned __int128 den)
{
  if (den == 0)
    {
      rowb_null (b);
      return;
    }
  unsigned __int128 q = num * 100 / den, rem = num * 100 % den;
  if (rem >= den - rem)
    q++;
  char t[48], *e = t + sizeof t, *s = e;
  unsigned __int128 whole = q / 100;
  unsigned frac = (unsigned) (q % 100);
  *--s = (char) ('0' + frac % 10);
  *--s = (char) ('0' + frac / 10);
  *--s = '.';
  do
    *--s = (char) ('0' + (unsigned) (whole % 10));
  while ((whole /= 10) != 0);
  rowb_cell (b, CC_NUM, s, (size_t) (e - s));
}

/* The figures of A as cells.  */
static void
figures (const cacc *a, rowb *b)
{
  rowb_u (b, a->convs);
  rowb_u (b, a->records);
  rowb_u (b, a->without_id);
  rowb_u (b, a->reopened);
  rowb_u (b, a->reopens);
  ratio128 (b, (unsigned __int128) a->reopened * 100, a->convs);
  rowb_u (b, a->answered);
  ratio128 (b, a->frt_sum, (unsigned __int128) a->frt.count * CC_USEC_PER_SEC);
  if (a->frt.count)
    {
      rowb_u (b, cc_hist_percentile (&a->frt, 50));
      rowb_u (b, cc_hist_percentile (&a->frt, 90));
      rowb_u (b, a->frt.max);
    }
  else
    {
      rowb_null (b);
      rowb_null (b);
      rowb_null (b);
    }
  ratio128 (b, a->dur_sum, (unsigned __int128) a->convs * CC_USEC_PER_SEC);
}

/* The figure columns, after the --by columns and interval.  */
static const char *const fig_names[] = {
  "conversations", "records", "without_id", "reopened", "reopens", "reopen_rate",
  "answered",      "frt",     "frt_p50",    "frt_p90",  "frt_max", "duration",
};

/* D (microseconds) as seconds, without trailing zeros, into T (40 bytes).  */
static void
secs_text (char *t, int64_t d)
{
  size_t k = cc_num_fixed (t, d, CC_USEC_PER_SEC, 6);
  while (k > 0 && t[k - 1] == '0')
    t[--k] = '\0';
  if (k > 0 && t[k - 1] == '.')
    t[--k] = '\0';
}

/* The definitions in force, as one line of prose.  */
static void
definitions (const report *r, cc_buf *b)
{
  char w[40];
  secs_text (w, r->reopen_us);
  cc_buf_printf (b, "ccreport %s: conversations of %s interactions", PACKAGE_VERSION,
                 report_direction (r));
  cc_buf_printf (b,
                 "; a conversation = records sharing a conversation_id, by arrived_at: a "
                 "record arriving more than %s s after the latest moment of the records "
                 "before it starts a new one, one arriving after that moment and within "
                 "%s s reopens it when the record that reached that moment has ended_at, "
                 "others continue it; a record without conversation_id is a conversation "
                 "of its own",
                 w, w);
  cc_buf_printf (b, "; grouped by the first record; answered = has an answered record; "
                    "reopen_rate = reopened / conversations x 100; frt = first answered_at - "
                    "first arrived_at (frt_p50, frt_p90, frt_max nearest-rank on whole seconds "
                    "rounded up); duration = latest moment - first arrived_at");
  if (r->interval)
    cc_buf_printf (b, "; intervals of %lld s by the first arrived_at in %s",
                   (long long) r->interval, report_zone ());
}

/* Form the conversations of F (F may be NULL, or hold no state: no
   records), add them to their groups and write the report in format FMT to
   OUT: the definitions line, the _meta record, a row per group in row order
   and the TOTAL row.  Write errors exit through cc_out.  */
void
conv_render (const report *r, fold *f, cc_format fmt, FILE *out)
{
  conv empty = { 0 };
  conv *c = f && f->conv ? f->conv : &empty;
  form_conversations (r, c);

  cc_out *o = cc_out_new (out, fmt);
  size_t ncol;
  const char **cols
    = report_group_columns (r, fig_names, sizeof fig_names / sizeof fig_names[0], &ncol);

  cc_buf def = { 0 };
  definitions (r, &def);
  char w[40], iv[24];
  secs_text (w, r->reopen_us);
  snprintf (iv, sizeof iv, "%lld", (long long) r->interval);
  cc_str xn[] = { { "reopen_window_s", 15 }, { "interval_s", 10 }, { "tz", 2 } };
  cc_val xv[] = { cc_v_num (w), r->interval ? cc_v_num (iv) : cc_v_null (),
                  cc_v_str (report_zone ()) };
  report_start (r, o, "conversations", cc_buf_cstr (&def), xn, xv, sizeof xv / sizeof xv[0],
                cols, ncol);

  sort_nby = r->nby;
  sort_keys = c->keys;
  if (c->ng)
    qsort (c->g, c->ng, sizeof *c->g, group_cmp);
  rowb b = { 0 };
  cacc total = { 0 };
  bool grouped = r->nby || r->interval;
  for (size_t i = 0; i < c->ng; i++)
    {
      const cgroup *g = c->g[i];
      rowb_keys (&b, r, c->keys[g->key].p, g->ival);
      figures (&g->a, &b);
      rowb_emit (o, &b);
      if (grouped && r->total)
        cacc_merge (&total, &g->a);
    }
  if (!grouped && c->ng == 0)
    {
      /* No records: one row of zeros.  */
      figures (&total, &b);
      rowb_emit (o, &b);
    }
  else if (grouped && r->total)
    {
      rowb_total_keys (&b, r);
      figures (&total, &b);
      rowb_emit (o, &b);
    }
  cc_out_finish (o);
  cc_hist_free (&total.frt);
  rowb_free (&b);
  cc_buf_free (&def);
  free (cols);
}
