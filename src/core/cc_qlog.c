/* cc_qlog: Asterisk queue_log as interaction records (see cc_qlog.h).

   Each input is read in blocks; a line (native format) or a CSV record (table
   export) is split into an event: time, callid, queue, agent, event name and
   data fields.  Events are checked, put in time order (a line whose time
   jumps ahead is held until the next line confirms it), looked for among the
   lines of the last hour (duplicates), then applied to the visit they belong
   to, or to the agent state.  A visit that ends is written to the sink at
   once and then remembered, without its data, for an hour of log time.  */
#include <config.h>

#include "cc_qlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_csv.h"
#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_time.h"
#include "cc_utf8.h"

const char *const cc_qlog_columns[] = {
  "id",        "callid",     "channel",     "direction", "queue",         "agent",
  "outcome",   "arrived_at", "answered_at", "ended_at",  "wait_s",        "handle_s",
  "ring_s",    "caller",     "caller_name", "position",  "exit_position", "rna",
  "hangup_by", "transfer",   "transfer_to", "exit_key",  "end_event",     NULL,
};

/* Column indices, in cc_qlog_columns order.  */
enum col
{
  C_ID,
  C_CALLID,
  C_CHANNEL,
  C_DIRECTION,
  C_QUEUE,
  C_AGENT,
  C_OUTCOME,
  C_ARRIVED,
  C_ANSWERED,
  C_ENDED,
  C_WAIT,
  C_HANDLE,
  C_RING,
  C_CALLER,
  C_CALLER_NAME,
  C_POSITION,
  C_EXIT_POSITION,
  C_RNA,
  C_HANGUP,
  C_TRANSFER,
  C_TRANSFER_TO,
  C_EXIT_KEY,
  C_END_EVENT,
  C_N
};

#define WINDOW_US ((int64_t)CC_QLOG_WINDOW_S * CC_USEC_PER_SEC)
#define MAX_US ((int64_t)CC_QLOG_MAX_S * CC_USEC_PER_SEC) /* the limit, microseconds */
#define MAX_NUM ((int64_t)CC_QLOG_MAX_S * 1000)           /* largest number parsed (milliseconds) */
#define MAX_EPOCH INT64_C (253402300799)                  /* 9999-12-31T23:59:59Z */
#define COV_MAX 4096                                      /* covered intervals kept per agent */
#define READ_BLOCK 65536
#define LIST_PER_KIND 100 /* diagnostics listed per kind */
#define LIST_UNKNOWN 1000 /* unknown event names remembered */

/* ------------------------------------------------------------------------ */
/* Hashing and a small chained hash map with byte-string keys.              */

/* A 64-bit hash of P[0..N) folded into H (FNV-1a, then a final mix).  */
static uint64_t
hash_add (uint64_t h, const void *p, size_t n)
{
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * UINT64_C (0x100000001B3);
  return h;
}

/* The final mix of a hash (MurmurHash3's fmix64), so that the low bits used
   for buckets depend on every byte.  */
static uint64_t
hash_fin (uint64_t h)
{
  h ^= h >> 33;
  h *= UINT64_C (0xFF51AFD7ED558CCD);
  h ^= h >> 33;
  h *= UINT64_C (0xC4CEB9FE1A85EC53);
  return h ^ (h >> 33);
}

#define HASH_INIT UINT64_C (0xCBF29CE484222325)

/* The hash of P[0..N).  */
static uint64_t
hash_bytes (const void *p, size_t n)
{
  return hash_fin (hash_add (HASH_INIT, p, n));
}

/* One entry of a map: the key is stored after the node.  */
typedef struct hnode
{
  struct hnode *next; /* bucket chain */
  uint64_t h;         /* hash of the key */
  size_t klen;        /* key length */
  void *val;          /* the value */
  char key[];         /* key bytes (plus a NUL) */
} hnode;

/* A map of byte-string keys to pointers, with chained buckets.  */
typedef struct hmap
{
  hnode **b; /* buckets */
  size_t nb; /* number of buckets (a power of two, or 0) */
  size_t n;  /* entries */
} hmap;

/* The node of key K (KL bytes, hash H), or NULL.  */
static hnode *
hmap_find (const hmap *m, uint64_t h, const char *k, size_t kl)
{
  if (!m->nb)
    return NULL;
  for (hnode *e = m->b[h & (m->nb - 1)]; e; e = e->next)
    if (e->h == h && e->klen == kl && memcmp (e->key, k, kl) == 0)
      return e;
  return NULL;
}

/* Add key K (KL bytes, hash H) with value VAL; the caller made sure it is
   not there.  Returns the node (owned by the map).  */
static hnode *
hmap_add (hmap *m, uint64_t h, const char *k, size_t kl, void *val)
{
  if (m->n >= m->nb)
    {
      size_t nb = m->nb ? m->nb * 2 : 64;
      hnode **b = cc_xcalloc (nb, sizeof *b);
      for (size_t i = 0; i < m->nb; i++)
        for (hnode *e = m->b[i], *nx; e; e = nx)
          {
            nx = e->next;
            e->next = b[e->h & (nb - 1)];
            b[e->h & (nb - 1)] = e;
          }
      free (m->b);
      m->b = b;
      m->nb = nb;
    }
  hnode *e = cc_xmalloc (sizeof *e + kl + 1);
  e->h = h;
  e->klen = kl;
  e->val = val;
  memcpy (e->key, k, kl);
  e->key[kl] = '\0';
  e->next = m->b[h & (m->nb - 1)];
  m->b[h & (m->nb - 1)] = e;
  m->n++;
  return e;
}

/* Unlink and free node E.  */
static void
hmap_del (hmap *m, hnode *e)
{
  hnode **pp = &m->b[e->h & (m->nb - 1)];
  while (*pp != e)
    pp = &(*pp)->next;
  *pp = e->next;
  m->n--;
  free (e);
}

/* Free every node (not the values).  */
static void
hmap_free (hmap *m)
{
  for (size_t i = 0; i < m->nb; i++)
    for (hnode *e = m->b[i], *nx; e; e = nx)
      {
        nx = e->next;
        free (e);
      }
  free (m->b);
  memset (m, 0, sizeof *m);
}

/* ------------------------------------------------------------------------ */
/* The duplicate window: hashes of the lines of the last hour, in read order.
   Bucket chains run from the newest entry to older ones, so a lookup stops
   at the first entry that has left the window.  */

typedef struct dupent
{
  uint64_t h;     /* hash of the normalised line */
  cc_usec t;      /* its time */
  uint64_t line;  /* its line */
  uint32_t file;  /* its input */
  uint64_t older; /* sequence number + 1 of the next entry in the bucket, 0 none */
} dupent;

typedef struct dupwin
{
  dupent *ring;  /* entries, at sequence & (cap - 1) */
  size_t cap;    /* a power of two */
  uint64_t head; /* sequence of the oldest live entry */
  uint64_t tail; /* sequence of the next entry */
  uint64_t *bk;  /* buckets: sequence + 1 of the newest entry, 0 none */
  size_t nbk;    /* a power of two */
} dupwin;

/* Rebuild the buckets for the live entries.  */
static void
dup_rehash (dupwin *d, size_t nbk)
{
  free (d->bk);
  d->nbk = nbk;
  d->bk = cc_xcalloc (nbk, sizeof *d->bk);
  for (uint64_t s = d->head; s < d->tail; s++)
    {
      dupent *e = &d->ring[s & (d->cap - 1)];
      size_t b = e->h & (nbk - 1);
      e->older = d->bk[b];
      d->bk[b] = s + 1;
    }
}

/* The live entry with hash H, or NULL.  */
static const dupent *
dup_find (const dupwin *d, uint64_t h)
{
  if (!d->nbk)
    return NULL;
  for (uint64_t s = d->bk[h & (d->nbk - 1)]; s && s - 1 >= d->head;)
    {
      const dupent *e = &d->ring[(s - 1) & (d->cap - 1)];
      if (e->h == h)
        return e;
      s = e->older;
    }
  return NULL;
}

/* Remember the line of input FILE, line LINE, with hash H and time T.  */
static void
dup_add (dupwin *d, uint64_t h, cc_usec t, uint32_t file, uint64_t line)
{
  if (d->tail - d->head == d->cap)
    {
      size_t ncap = d->cap ? d->cap * 2 : 1024;
      dupent *r = cc_xmalloc (ncap * sizeof *r);
      for (uint64_t s = d->head; s < d->tail; s++)
        r[s & (ncap - 1)] = d->ring[s & (d->cap - 1)];
      free (d->ring);
      d->ring = r;
      d->cap = ncap;
      dup_rehash (d, ncap);
    }
  dupent *e = &d->ring[d->tail & (d->cap - 1)];
  e->h = h;
  e->t = t;
  e->file = file;
  e->line = line;
  size_t b = h & (d->nbk - 1);
  e->older = d->bk[b];
  d->bk[b] = d->tail + 1;
  d->tail++;
}

/* Drop the entries, oldest first, while they are older than LIMIT.  */
static void
dup_expire (dupwin *d, cc_usec limit)
{
  while (d->head < d->tail && d->ring[d->head & (d->cap - 1)].t < limit)
    d->head++;
}

/* ------------------------------------------------------------------------ */
/* Agents.  */

/* A covered (logged-in) interval.  */
typedef struct ivl
{
  cc_usec a, b; /* [a, b) */
} ivl;

/* One agent in one queue (or its AGENTLOGIN session).  */
typedef struct member
{
  struct member *anext; /* next membership of the same agent */
  bool in;              /* a member (logged in) now */
  bool paused;          /* paused in this queue */
  bool seen;            /* a login or logoff event since the segment start */
  bool login;           /* the AGENTLOGIN session, not a queue */
} member;

/* The state and figures of one agent.  */
typedef struct agent
{
  char *name;                  /* agent field */
  uint64_t rna;                /* RINGNOANSWER in recorded visits */
  bool login_known;            /* login events seen */
  bool login_inferred;         /* a session start was inferred */
  int64_t login_us;            /* covered time so far (closed parts) */
  uint32_t nsess;              /* sessions open */
  cc_usec since;               /* start of the open covered run (nsess > 0) */
  ivl *cov;                    /* closed covered intervals since the segment start, sorted */
  size_t ncov, capcov;         /* used, allocated */
  uint32_t npaused;            /* queues paused in */
  bool pauseall;               /* PAUSEALL in force */
  cc_usec pause_since;         /* start of the current pause (when paused) */
  size_t cur;                  /* reason of the current pause (index into reasons) */
  bool cur_counted;            /* the current pause is counted in its reason's pauses */
  bool have_t;                 /* an agent event was applied (t_last is set) */
  cc_usec t_last;              /* time of the agent's latest event (or restart) */
  uint32_t lfile;              /* input of that event */
  uint64_t lline;              /* its line */
  cc_qlog_pause *reasons;      /* pause figures by reason, in order first seen */
  size_t nreasons, capreasons; /* used, allocated */
  member *members;             /* memberships */
} agent;

/* ------------------------------------------------------------------------ */
/* Visits.  */

enum vstate
{
  V_WAIT, /* entered, waiting */
  V_CONN, /* answered (CONNECT seen) */
  V_TOMB  /* ended: remembered without its data */
};

/* One visit of a call to a queue; a tombstone once it ended.  */
typedef struct visit
{
  hnode *node;               /* its entry in the (queue, callid) map; key queue NUL callid */
  struct visit *cnext;       /* next open visit of the same callid */
  struct visit *prev, *next; /* the open list (entry order), or the tombstone FIFO */
  uint8_t state;             /* enum vstate */
  bool dumped;               /* waiting, and the last event was AGENTDUMP */
  bool absorb;               /* tombstone of an unlogged transfer: an end event is expected */
  size_t qlen;               /* length of the queue name in the key */
  uint32_t file;             /* input of the ENTERQUEUE line */
  uint64_t line;             /* its line */
  uint32_t efile;            /* tombstone: input of the line that ended the visit */
  uint64_t eline;            /* its line */
  char *raw;                 /* the ENTERQUEUE line as read */
  size_t rawlen;             /* its length */
  cc_usec t_enter;           /* ENTERQUEUE time */
  cc_usec t_last;            /* time of the visit's latest event */
  uint32_t lfile;            /* input of that event */
  uint64_t lline;            /* its line */
  cc_usec t_conn;            /* CONNECT time */
  cc_usec t_end;             /* end time */
  cc_usec t_dump;            /* AGENTDUMP time */
  char *caller;              /* ENTERQUEUE caller id, or NULL */
  char *caller_name;         /* ENTERQUEUE caller name (20.14+), or NULL */
  char *agent;               /* answering (or dumping, failing) agent, or NULL */
  int64_t pos;               /* position at entry, -1 unknown */
  int64_t exit_pos;          /* position at exit, -1 unknown */
  int64_t wait_us;           /* wait, -1 unknown */
  int64_t ring_s;            /* ring time of the answering member, -1 unknown */
  int64_t handle_us;         /* talk time, -1 unknown */
  uint32_t *rna;             /* agents that rang without answer (one entry per RINGNOANSWER) */
  size_t nrna, caprna;       /* used, allocated */
  const char *outcome;       /* outcome when ended */
  const char *end_event;     /* the event that ended it */
  const char *hangup;        /* "caller", "agent" or NULL */
  const char *xfer;          /* "transfer", "blind", "attended", "unlogged" or NULL */
  char *xfer_to;             /* transfer target, or NULL */
  char *exit_key;            /* EXITWITHKEY key, or NULL */
} visit;

/* The open visits of one callid.  */
typedef struct call
{
  visit *head; /* chained by cnext */
} call;

/* ------------------------------------------------------------------------ */
/* The reader.  */

/* One event as read.  */
typedef struct ev
{
  cc_usec t;                         /* its time */
  cc_str callid, queue, agent, name; /* fields */
  cc_str *d;                         /* data fields */
  size_t nd, capd;                   /* used, allocated */
  const char *raw;                   /* the line or record as read */
  size_t rawlen;                     /* its length */
  uint32_t file;                     /* input index */
  uint64_t line;                     /* line (1-based) */
} ev;

/* A line held back while its time is in doubt: a copy of its event.  */
typedef struct pend
{
  ev e;       /* the event; its strings point into buf */
  char *buf;  /* the bytes of the line and of its fields */
  size_t cap; /* allocated */
} pend;

/* Column indices of a table export (-1 when absent).  */
typedef struct tcols
{
  int time, callid, queue, agent, event, data;
  int dn[5];    /* data1..data5 */
  size_t ncols; /* columns in the header */
} tcols;

struct cc_qlog
{
  cc_qlog_opts o;               /* options */
  char **files;                 /* input names, by index */
  size_t nfiles;                /* how many */
  hmap visits;                  /* (queue NUL callid) -> visit (open and tombstones) */
  hmap calls;                   /* callid -> call (open visits only) */
  hmap agents_by_name;          /* name -> agent index + 1 (as a pointer-sized integer) */
  hmap members;                 /* (agent index, queue) -> member */
  agent *ag;                    /* agents, in order first seen */
  size_t nag, capag;            /* used, allocated */
  visit *open_head, *open_tail; /* open visits in entry order */
  visit *tomb_head, *tomb_tail; /* tombstones in the order they ended */
  dupwin dup;                   /* the duplicate window */
  bool have_latest;             /* a line was applied */
  cc_usec latest;               /* the latest time applied (the log's clock) */
  uint32_t last_file;           /* input of the last line applied */
  uint64_t last_line;           /* its line */
  pend pend[2];                 /* lines held while their time is in doubt */
  size_t npend;                 /* how many (2 only before the first is applied) */
  const ev *cur;                /* the event being applied, or NULL */
  cc_sink *sink;                /* the sink of the current read or finish */
  cc_srcdiag *diag;             /* its diagnostics */
  cc_usec seg_start;            /* start of the current segment (input start or QUEUESTART) */
  cc_str names[C_N];            /* the column names */
  int32_t *slot;                /* sink slots resolved against the columns */
  size_t nslot;                 /* their number */
  ev e;                         /* the current event */
  struct
  {
    const char *kind; /* a diagnostic kind (a literal) */
    uint64_t n;       /* how many of it were seen */
  } * listed;         /* diagnostics seen, by kind */
  size_t nlisted;     /* kinds */
  hmap unknown;       /* unknown event names already listed (at most LIST_UNKNOWN) */
  cc_buf scratch;     /* building values */
  cc_buf msg;         /* building messages */
};

/* A value for messages: at most 40 bytes of S (N bytes), cut on a character
   boundary.  */
static int
mlen (const char *s, size_t n)
{
  return cc_utf8_cut (s, n, 40);
}

#define STRF(x) mlen ((x).p, (x).n), (x).p

static size_t fmt_secs (char *t, int64_t us);

cc_qlog *
cc_qlog_new (const cc_qlog_opts *o)
{
  cc_qlog *q = cc_xcalloc (1, sizeof *q);
  q->o = *o;
  if (!q->o.max_line)
    q->o.max_line = 1u << 20;
  for (size_t i = 0; i < C_N; i++)
    q->names[i].p = cc_qlog_columns[i], q->names[i].n = strlen (cc_qlog_columns[i]);
  return q;
}

/* Free the data of visit V (not the visit, nor its map node).  */
static void
visit_free_data (visit *v)
{
  free (v->raw);
  free (v->caller);
  free (v->caller_name);
  free (v->agent);
  free (v->rna);
  free (v->xfer_to);
  free (v->exit_key);
  v->raw = v->caller = v->caller_name = v->agent = v->xfer_to = v->exit_key = NULL;
  v->rna = NULL;
  v->nrna = v->caprna = 0;
}

void
cc_qlog_free (cc_qlog *q)
{
  if (!q)
    return;
  for (visit *v = q->open_head, *nx; v; v = nx)
    {
      nx = v->next;
      visit_free_data (v);
      free (v);
    }
  for (visit *v = q->tomb_head, *nx; v; v = nx)
    {
      nx = v->next;
      visit_free_data (v);
      free (v);
    }
  for (size_t i = 0; i < q->calls.nb; i++)
    for (hnode *e = q->calls.b[i]; e; e = e->next)
      free (e->val);
  hmap_free (&q->visits);
  hmap_free (&q->calls);
  hmap_free (&q->agents_by_name);
  hmap_free (&q->unknown);
  free (q->listed);
  for (size_t i = 0; i < q->members.nb; i++)
    for (hnode *e = q->members.b[i]; e; e = e->next)
      free (e->val);
  hmap_free (&q->members);
  for (size_t i = 0; i < q->nag; i++)
    {
      agent *a = &q->ag[i];
      free (a->name);
      free (a->cov);
      for (size_t k = 0; k < a->nreasons; k++)
        free (a->reasons[k].reason);
      free (a->reasons);
    }
  free (q->ag);
  for (size_t i = 0; i < q->nfiles; i++)
    free (q->files[i]);
  free (q->files);
  free (q->dup.ring);
  free (q->dup.bk);
  free (q->slot);
  free (q->e.d);
  for (size_t i = 0; i < 2; i++)
    {
      free (q->pend[i].buf);
      free (q->pend[i].e.d);
    }
  cc_buf_free (&q->scratch);
  cc_buf_free (&q->msg);
  free (q);
}

void
cc_qlog_agents_free (cc_qlog_agents *a)
{
  if (!a)
    return;
  for (size_t i = 0; i < a->n; i++)
    {
      free (a->a[i].name);
      for (size_t k = 0; k < a->a[i].nreasons; k++)
        free (a->a[i].reasons[k].reason);
      free (a->a[i].reasons);
    }
  free (a->a);
  a->a = NULL;
  a->n = 0;
}

/* True when one more diagnostic of KIND may be listed: at most
   LIST_PER_KIND of each kind are, so that one noisy kind cannot crowd the
   others out of the list.  */
static bool
may_list (cc_qlog *q, const char *kind)
{
  size_t i;
  for (i = 0; i < q->nlisted; i++)
    if (strcmp (q->listed[i].kind, kind) == 0)
      break;
  if (i == q->nlisted)
    {
      q->listed = cc_xrealloc (q->listed, (q->nlisted + 1) * sizeof *q->listed);
      q->listed[i].kind = kind;
      q->listed[i].n = 0;
      q->nlisted++;
    }
  return q->listed[i].n++ < LIST_PER_KIND;
}

/* Count a diagnostic of KIND without listing it (KIND was listed before, so
   D knows it); with a reject stream write it there as cc_srcdiag_add
   would.  */
static void
count_unlisted (cc_qlog *q, cc_sink *sink, cc_srcdiag *d, const char *kind, uint32_t file,
                uint64_t line, const char *raw, size_t nraw, const char *msg)
{
  size_t k;
  for (k = 0; k < d->nkinds; k++)
    if (strcmp (d->kinds[k], kind) == 0)
      break;
  if (k == d->nkinds)
    {
      cc_srcdiag_add (d, sink->reject, kind, q->files[file], line, raw, nraw, "%s", msg);
      return;
    }
  d->counts[k]++;
  d->unlisted++;
  if (sink->reject)
    {
      char head[48];
      int n = snprintf (head, sizeof head, ":%llu: ", (unsigned long long)line);
      cc_fwrite_checked ("# ", 2, sink->reject);
      cc_fwrite_checked (q->files[file], strlen (q->files[file]), sink->reject);
      cc_fwrite_checked (head, (size_t)n, sink->reject);
      cc_fwrite_checked (kind, strlen (kind), sink->reject);
      cc_fwrite_checked (": ", 2, sink->reject);
      cc_fwrite_checked (msg, strlen (msg), sink->reject);
      cc_fwrite_checked ("\n", 1, sink->reject);
      if (raw)
        {
          cc_fwrite_checked (raw, nraw, sink->reject);
          cc_fwrite_checked ("\n", 1, sink->reject);
        }
    }
}

/* Count and list a diagnostic of KIND at input FILE, line LINE (RAW, NRAW:
   the line for the reject stream); past LIST_PER_KIND of a kind, or when
   LISTED is false, it is counted and not listed.  */
static void qdiag_l (cc_qlog *q, cc_sink *sink, cc_srcdiag *d, bool listed, const char *kind,
                     uint32_t file, uint64_t line, const char *raw, size_t nraw, const char *fmt,
                     ...) __attribute__ ((format (printf, 10, 11)));

#define qdiag(q, sink, d, ...) qdiag_l (q, sink, d, true, __VA_ARGS__)

static void
qdiag_l (cc_qlog *q, cc_sink *sink, cc_srcdiag *d, bool listed, const char *kind, uint32_t file,
         uint64_t line, const char *raw, size_t nraw, const char *fmt, ...)
{
  q->msg.n = 0;
  va_list ap;
  va_start (ap, fmt);
  va_list aq;
  va_copy (aq, ap);
  int len = vsnprintf (NULL, 0, fmt, aq);
  va_end (aq);
  if (len < 0)
    len = 0;
  cc_buf_reserve (&q->msg, (size_t)len + 1);
  vsnprintf (q->msg.p, (size_t)len + 1, fmt, ap);
  va_end (ap);
  q->msg.n = (size_t)len;
  if (listed && may_list (q, kind))
    cc_srcdiag_add (d, sink->reject, kind, q->files[file], line, raw, nraw, "%s",
                    cc_buf_cstr (&q->msg));
  else
    count_unlisted (q, sink, d, kind, file, line, raw, nraw, cc_buf_cstr (&q->msg));
}

/* ------------------------------------------------------------------------ */
/* Agent state.  */

/* The index of the agent NAME (N bytes), added when new.  */
static size_t
agent_get (cc_qlog *q, const char *name, size_t n)
{
  uint64_t h = hash_bytes (name, n);
  hnode *e = hmap_find (&q->agents_by_name, h, name, n);
  if (e)
    return (size_t)(uintptr_t)e->val - 1;
  if (q->nag == q->capag)
    {
      q->capag = q->capag ? q->capag * 2 : 16;
      q->ag = cc_xrealloc (q->ag, q->capag * sizeof *q->ag);
    }
  agent *a = &q->ag[q->nag];
  memset (a, 0, sizeof *a);
  a->name = cc_xmemdup (name, n);
  hmap_add (&q->agents_by_name, h, name, n, (void *)(uintptr_t)(q->nag + 1));
  return q->nag++;
}

/* The membership of agent AI in queue QU (QN bytes; the AGENTLOGIN session
   when LOGIN), added when new.  */
static member *
member_get (cc_qlog *q, size_t ai, const char *qu, size_t qn, bool login)
{
  cc_buf *b = &q->scratch;
  b->n = 0;
  uint32_t idx = (uint32_t)ai;
  cc_buf_add (b, &idx, sizeof idx);
  cc_buf_addc (b, login ? '\1' : '\0');
  if (!login)
    cc_buf_add (b, qu, qn);
  uint64_t h = hash_bytes (b->p, b->n);
  hnode *e = hmap_find (&q->members, h, b->p, b->n);
  if (e)
    return e->val;
  member *m = cc_xcalloc (1, sizeof *m);
  m->login = login;
  m->anext = q->ag[ai].members;
  q->ag[ai].members = m;
  hmap_add (&q->members, h, b->p, b->n, m);
  return m;
}

/* A + B, both non-negative, but at most INT64_MAX / 4: a guard, since the
   figures it sums are bounded by the span of the log anyway.  */
static int64_t
add_sat (int64_t a, int64_t b)
{
  const int64_t cap = INT64_MAX / 4;
  return a >= cap - b ? cap : a + b;
}

/* Add [S, E) to the covered intervals of A, and the part of it not covered
   before to its logged-in time.  */
static void
cover_add (agent *a, cc_usec s, cc_usec e)
{
  if (e <= s)
    return;
  /* Find the intervals that overlap or touch [s, e).  */
  size_t i = 0;
  while (i < a->ncov && a->cov[i].b < s)
    i++;
  size_t j = i;
  int64_t overlap = 0;
  cc_usec ns = s, ne = e;
  while (j < a->ncov && a->cov[j].a <= e)
    {
      cc_usec lo = a->cov[j].a > s ? a->cov[j].a : s;
      cc_usec hi = a->cov[j].b < e ? a->cov[j].b : e;
      if (hi > lo)
        overlap += hi - lo;
      if (a->cov[j].a < ns)
        ns = a->cov[j].a;
      if (a->cov[j].b > ne)
        ne = a->cov[j].b;
      j++;
    }
  a->login_us = add_sat (a->login_us, (e - s) - overlap);
  /* Replace cov[i..j) with [ns, ne).  */
  if (j == i)
    {
      if (a->ncov == a->capcov)
        {
          a->capcov = a->capcov ? a->capcov * 2 : 8;
          a->cov = cc_xrealloc (a->cov, a->capcov * sizeof *a->cov);
        }
      memmove (&a->cov[i + 1], &a->cov[i], (a->ncov - i) * sizeof *a->cov);
      a->ncov++;
    }
  else if (j > i + 1)
    {
      memmove (&a->cov[i + 1], &a->cov[j], (a->ncov - j) * sizeof *a->cov);
      a->ncov -= j - i - 1;
    }
  a->cov[i].a = ns;
  a->cov[i].b = ne;
  if (a->ncov > COV_MAX)
    {
      /* Keep memory bounded: merge the two oldest intervals (the gap between
         them then counts as covered for later inferred sessions only).  */
      a->cov[1].a = a->cov[0].a;
      memmove (&a->cov[0], &a->cov[1], (a->ncov - 1) * sizeof *a->cov);
      a->ncov--;
    }
}

/* True when T is inside the report range.  */
static bool
in_range (const cc_qlog *q, cc_usec t)
{
  return (!q->o.have_since || t >= q->o.since) && (!q->o.have_until || t < q->o.until);
}

/* Clip [*S, *E) to the report range.  Returns true when something of it is
   left.  */
static bool
clip_range (const cc_qlog *q, cc_usec *s, cc_usec *e)
{
  if (q->o.have_since && *s < q->o.since)
    *s = q->o.since;
  if (q->o.have_until && *e > q->o.until)
    *e = q->o.until;
  return *e > *s;
}

/* The line diagnostics of agent figures are tied to: the event being
   applied, or (at the end of the input) the last line applied, without its
   bytes.  */
static void
agent_where (const cc_qlog *q, uint32_t *file, uint64_t *line, const char **raw, size_t *nraw)
{
  if (q->cur)
    {
      *file = q->cur->file;
      *line = q->cur->line;
      *raw = q->cur->raw;
      *nraw = q->cur->rawlen;
    }
  else
    {
      *file = q->last_file;
      *line = q->last_line;
      *raw = NULL;
      *nraw = 0;
    }
}

/* [S, E) of agent A, WHAT ("logged in", "paused"), is longer than the
   limit: say so (long_session).  */
static void
long_session (cc_qlog *q, const agent *a, const char *what, cc_usec s, cc_usec e)
{
  uint32_t file;
  uint64_t line;
  const char *raw;
  size_t nraw;
  agent_where (q, &file, &line, &raw, &nraw);
  char d[32], ts[48], te[48];
  fmt_secs (d, e - s);
  cc_time_format (ts, s, 0);
  cc_time_format (te, e, 0);
  qdiag (q, q->sink, q->diag, "long_session", file, line, raw, nraw,
         "agent %.*s was %s for %s s without a break (%s to %s): counted as %d s, the limit",
         mlen (a->name, strlen (a->name)), a->name, what, d, ts, te, CC_QLOG_MAX_S);
}

/* A logged-in run [S, E) of A ended: count the part inside the report range
   (at most the limit) in its covered time.  */
static void
cover_run (cc_qlog *q, agent *a, cc_usec s, cc_usec e)
{
  if (!clip_range (q, &s, &e))
    return;
  if (e - s > MAX_US)
    {
      long_session (q, a, "logged in", s, e);
      e = s + MAX_US;
    }
  cover_add (a, s, e);
}

/* True when A is paused (in a queue, or by PAUSEALL).  */
static bool
agent_paused (const agent *a)
{
  return a->npaused > 0 || a->pauseall;
}

/* The index of pause reason R (N bytes) of A, added when new.  */
static size_t
reason_get (agent *a, const char *r, size_t n)
{
  for (size_t i = 0; i < a->nreasons; i++)
    if (strlen (a->reasons[i].reason) == n && memcmp (a->reasons[i].reason, r, n) == 0)
      return i;
  if (a->nreasons == a->capreasons)
    {
      a->capreasons = a->capreasons ? a->capreasons * 2 : 4;
      a->reasons = cc_xrealloc (a->reasons, a->capreasons * sizeof *a->reasons);
    }
  cc_qlog_pause *p = &a->reasons[a->nreasons];
  p->reason = cc_xmemdup (r, n);
  p->pauses = 0;
  p->us = 0;
  return a->nreasons++;
}

/* End the current pause of A (or its part before a restart) at T: count
   its part inside the report range (at most the limit), and count it as
   started once when some of it is inside (a pause lasting no time: when its
   time is).  */
static void
pause_end (cc_qlog *q, agent *a, cc_usec t)
{
  cc_qlog_pause *p = &a->reasons[a->cur];
  cc_usec s = a->pause_since, e = t > s ? t : s;
  bool inside = clip_range (q, &s, &e);
  if (!a->cur_counted && (inside || (t <= a->pause_since && in_range (q, a->pause_since))))
    {
      p->pauses++;
      a->cur_counted = true;
    }
  if (!inside)
    return;
  if (e - s > MAX_US)
    {
      long_session (q, a, "paused", s, e);
      e = s + MAX_US;
    }
  p->us = add_sat (p->us, e - s);
}

/* Start a pause of A at T with reason R (N bytes).  */
static void
pause_start (agent *a, cc_usec t, const char *r, size_t n)
{
  a->cur = reason_get (a, r, n);
  a->cur_counted = false;
  a->pause_since = t;
}

/* After A's paused state changed from WAS: start, end or re-reason the pause
   at T with reason R (N bytes; NULL: no new reason).  */
static void
pause_update (cc_qlog *q, agent *a, bool was, cc_usec t, const char *r, size_t n)
{
  bool now = agent_paused (a);
  if (!was && now)
    pause_start (a, t, r ? r : "", r ? n : 0);
  else if (was && !now)
    pause_end (q, a, t);
  else if (was && now && r)
    {
      const char *cur = a->reasons[a->cur].reason;
      if (strlen (cur) != n || memcmp (cur, r, n) != 0)
        {
          pause_end (q, a, t);
          pause_start (a, t, r, n);
        }
    }
}

/* Clear every pause of A (it left its last queue) at T.  */
static void
pause_clear (cc_qlog *q, agent *a, cc_usec t)
{
  bool was = agent_paused (a);
  a->pauseall = false;
  a->npaused = 0;
  for (member *m = a->members; m; m = m->anext)
    m->paused = false;
  pause_update (q, a, was, t, NULL, 0);
}

/* A session of A starts at T.  */
static void
sess_open (agent *a, cc_usec t)
{
  if (a->nsess++ == 0)
    a->since = t;
}

/* A session of A ends at T.  */
static void
sess_close (cc_qlog *q, agent *a, cc_usec t)
{
  if (a->nsess == 0)
    return;
  if (--a->nsess == 0)
    {
      cover_run (q, a, a->since, t);
      pause_clear (q, a, t);
    }
}

/* A session of A whose start was not logged ended at T: count [S, T).  */
static void
sess_infer (cc_qlog *q, agent *a, cc_usec s, cc_usec t)
{
  if (a->nsess > 0)
    {
      /* Put the open run in the list first, so it is not counted twice.  */
      cover_run (q, a, a->since, t);
      a->since = t;
    }
  cover_run (q, a, s, t);
  a->login_inferred = true;
}

/* ------------------------------------------------------------------------ */
/* Events.  */

enum evk
{
  E_UNKNOWN,
  E_ENTERQUEUE,
  E_CONNECT,
  E_COMPLETECALLER,
  E_COMPLETEAGENT,
  E_ABANDON,
  E_EXITWITHTIMEOUT,
  E_EXITWITHKEY,
  E_EXITEMPTY,
  E_WITHDRAW,
  E_RINGNOANSWER,
  E_RINGCANCELED,
  E_TRANSFER,
  E_BLINDTRANSFER,
  E_ATTENDEDTRANSFER,
  E_AGENTDUMP,
  E_SYSCOMPAT,
  E_ADDMEMBER,
  E_REMOVEMEMBER,
  E_PAUSE,
  E_UNPAUSE,
  E_PAUSEALL,
  E_UNPAUSEALL,
  E_AGENTLOGIN,
  E_AGENTLOGOFF,
  E_AGENTCALLBACKLOGIN,
  E_AGENTCALLBACKLOGOFF,
  E_QUEUESTART,
  E_CONFIGRELOAD,
  E_PENALTY,
  E_RINGINUSE,
  E_FULL,
  E_JOINEMPTY,
  E_JOINUNAVAIL
};

/* The names of the number fields of the events, for messages.  */
#define HOLD "holdtime"
#define CALL "calltime"
#define WAIT "waittime"
#define POS "position"
#define OPOS "origposition"

/* Names, and the data fields that must be numbers: NUMS[i] names data
   field i + 1, NULL when it is not a number; the fields of MS_FIELD (bit i:
   field i + 1) are in milliseconds (their limit is 1000 times larger).  */
static const struct
{
  const char *name;
  enum evk k;
  const char *nums[5];
  unsigned ms_fields;
} events[] = {
  { "ENTERQUEUE", E_ENTERQUEUE, { NULL, NULL, OPOS }, 0 },
  { "CONNECT", E_CONNECT, { HOLD, NULL, "ringtime" }, 0 },
  { "COMPLETECALLER", E_COMPLETECALLER, { HOLD, CALL, OPOS }, 0 },
  { "COMPLETEAGENT", E_COMPLETEAGENT, { HOLD, CALL, OPOS }, 0 },
  { "ABANDON", E_ABANDON, { POS, OPOS, WAIT }, 0 },
  { "EXITWITHTIMEOUT", E_EXITWITHTIMEOUT, { POS, OPOS, WAIT }, 0 },
  { "EXITWITHKEY", E_EXITWITHKEY, { NULL, POS, OPOS, WAIT }, 0 },
  { "EXITEMPTY", E_EXITEMPTY, { POS, OPOS, WAIT }, 0 },
  { "WITHDRAW", E_WITHDRAW, { POS, OPOS, WAIT }, 0 },
  { "RINGNOANSWER", E_RINGNOANSWER, { "ringtime" }, 1 },
  { "RINGCANCELED", E_RINGCANCELED, { "ringtime" }, 1 },
  { "TRANSFER", E_TRANSFER, { NULL, NULL, HOLD, CALL, OPOS }, 0 },
  { "BLINDTRANSFER", E_BLINDTRANSFER, { NULL, NULL, HOLD, CALL, OPOS }, 0 },
  { "ATTENDEDTRANSFER", E_ATTENDEDTRANSFER, { NULL }, 0 }, /* the last three: see check_event */
  { "AGENTDUMP", E_AGENTDUMP, { NULL }, 0 },
  { "SYSCOMPAT", E_SYSCOMPAT, { NULL }, 0 },
  { "ADDMEMBER", E_ADDMEMBER, { NULL }, 0 },
  { "REMOVEMEMBER", E_REMOVEMEMBER, { NULL }, 0 },
  { "PAUSE", E_PAUSE, { NULL }, 0 },
  { "UNPAUSE", E_UNPAUSE, { NULL }, 0 },
  { "PAUSEALL", E_PAUSEALL, { NULL }, 0 },
  { "UNPAUSEALL", E_UNPAUSEALL, { NULL }, 0 },
  { "AGENTLOGIN", E_AGENTLOGIN, { NULL }, 0 },
  { "AGENTLOGOFF", E_AGENTLOGOFF, { NULL, "logintime" }, 0 },
  { "AGENTCALLBACKLOGIN", E_AGENTCALLBACKLOGIN, { NULL }, 0 },
  { "AGENTCALLBACKLOGOFF", E_AGENTCALLBACKLOGOFF, { NULL, "logintime" }, 0 },
  { "QUEUESTART", E_QUEUESTART, { NULL }, 0 },
  { "CONFIGRELOAD", E_CONFIGRELOAD, { NULL }, 0 },
  { "PENALTY", E_PENALTY, { NULL }, 0 },
  { "RINGINUSE", E_RINGINUSE, { NULL }, 0 },
  { "FULL", E_FULL, { NULL }, 0 },
  { "JOINEMPTY", E_JOINEMPTY, { NULL }, 0 },
  { "JOINUNAVAIL", E_JOINUNAVAIL, { NULL }, 0 },
};

/* The index into events[] of event name S, or -1.  */
static int
event_find (cc_str s)
{
  for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
    if (strlen (events[i].name) == s.n && memcmp (events[i].name, s.p, s.n) == 0)
      return (int)i;
  return -1;
}

/* Data field I (0-based) of E as a non-negative integer: 0 when absent or
   empty, 1 with *V set, -1 when not a number (or above any limit: events
   are checked against theirs by check_event before they are used).  */
static int
num_at (const ev *e, size_t i, int64_t *v)
{
  if (i >= e->nd || e->d[i].n == 0)
    return 0;
  if (e->d[i].p[0] < '0' || e->d[i].p[0] > '9' || cc_num_parse_int (e->d[i].p, e->d[i].n, v) != 0
      || *v > MAX_NUM)
    return -1;
  return 1;
}

/* Check data field I (0-based) of event E (kind index EI), a number named
   NAME: a whole number, at most CC_QLOG_MAX_S (1000 times more when MS).
   Returns NULL or a reason written into Q->msg.  */
static const char *
check_num (cc_qlog *q, const ev *e, int ei, size_t i, const char *name, bool ms)
{
  int64_t v;
  int r = num_at (e, i, &v);
  if (r < 0 && i < e->nd && e->d[i].p[0] >= '0' && e->d[i].p[0] <= '9')
    {
      /* Digits only, and too large: say so (a field of digits that
         cc_num_parse_int refuses is past 64 bits).  */
      size_t k = 0;
      while (k < e->d[i].n && e->d[i].p[k] >= '0' && e->d[i].p[k] <= '9')
        k++;
      if (k == e->d[i].n)
        r = 2;
    }
  else if (r == 1 && v > (ms ? MAX_NUM : CC_QLOG_MAX_S))
    r = 2;
  if (r == 2)
    {
      const char *unit = " s (115 days)";
      if (ms)
        unit = " ms";
      else if (strstr (name, "position"))
        unit = "";
      q->msg.n = 0;
      cc_buf_printf (&q->msg, "%s over %lld%s in data%zu of %s: '%.*s'", name,
                     (long long)(ms ? MAX_NUM : CC_QLOG_MAX_S), unit, i + 1, events[ei].name,
                     STRF (e->d[i]));
      return cc_buf_cstr (&q->msg);
    }
  if (r < 0)
    {
      q->msg.n = 0;
      cc_buf_printf (&q->msg, "bad number in data%zu of %s: '%.*s'", i + 1, events[ei].name,
                     STRF (e->d[i]));
      return cc_buf_cstr (&q->msg);
    }
  return NULL;
}

/* Check the numeric fields of event E (kind index EI).  Returns NULL or a
   reason written into Q->msg.  */
static const char *
check_event (cc_qlog *q, const ev *e, int ei)
{
  if (events[ei].k == E_ATTENDEDTRANSFER)
    {
      if (e->nd < 4)
        {
          q->msg.n = 0;
          cc_buf_printf (&q->msg,
                         "ATTENDEDTRANSFER with %zu data fields (at least 4 expected: "
                         "method|...|holdtime|calltime|origposition)",
                         e->nd);
          return cc_buf_cstr (&q->msg);
        }
      static const char *const names[3] = { HOLD, CALL, OPOS };
      for (size_t i = e->nd - 3; i < e->nd; i++)
        {
          const char *why = check_num (q, e, ei, i, names[i - (e->nd - 3)], false);
          if (why)
            return why;
        }
      return NULL;
    }
  for (size_t i = 0; i < 5; i++)
    if (events[ei].nums[i])
      {
        const char *why
            = check_num (q, e, ei, i, events[ei].nums[i], (events[ei].ms_fields >> i) & 1);
        if (why)
          return why;
      }
  return NULL;
}

/* The hash of event E as its content: time, fields and data, so that the
   same line read twice (or the same row of two exports) is found.  */
static uint64_t
event_hash (const ev *e)
{
  uint64_t h = hash_add (HASH_INIT, &e->t, sizeof e->t);
  const cc_str *f[4] = { &e->callid, &e->queue, &e->agent, &e->name };
  for (size_t i = 0; i < 4; i++)
    {
      uint64_t n = f[i]->n;
      h = hash_add (h, &n, sizeof n);
      h = hash_add (h, f[i]->p, f[i]->n);
    }
  for (size_t i = 0; i < e->nd; i++)
    {
      uint64_t n = e->d[i].n;
      h = hash_add (h, &n, sizeof n);
      h = hash_add (h, e->d[i].p, e->d[i].n);
    }
  return hash_fin (h);
}

/* True when S is the string LIT.  */
static bool
str_is (cc_str s, const char *lit)
{
  return s.n == strlen (lit) && memcmp (s.p, lit, s.n) == 0;
}

/* A copy of S, or NULL when S is empty.  */
static char *
dup_or_null (cc_str s)
{
  return s.n ? cc_xmemdup (s.p, s.n) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Visits: the maps, the lists, and the record.  */

/* The key of (queue, callid) in Q->scratch; returns its hash.  */
static uint64_t
visit_key (cc_qlog *q, cc_str queue, cc_str callid)
{
  cc_buf *b = &q->scratch;
  b->n = 0;
  cc_buf_add (b, queue.p, queue.n);
  cc_buf_addc (b, '\0');
  cc_buf_add (b, callid.p, callid.n);
  return hash_bytes (b->p, b->n);
}

/* The visit (open or tombstone) of (QUEUE, CALLID), or NULL.  */
static visit *
visit_find (cc_qlog *q, cc_str queue, cc_str callid)
{
  uint64_t h = visit_key (q, queue, callid);
  hnode *e = hmap_find (&q->visits, h, q->scratch.p, q->scratch.n);
  return e ? e->val : NULL;
}

/* The queue, callid and callid length of V (from its key).  */
static const char *
v_queue (const visit *v)
{
  return v->node->key;
}

static const char *
v_callid (const visit *v)
{
  return v->node->key + v->qlen + 1;
}

static size_t
v_callid_len (const visit *v)
{
  return v->node->klen - v->qlen - 1;
}

/* The call (open visits) of CALLID, or NULL; *NODE gets its map node.  */
static call *
call_find (cc_qlog *q, const char *callid, size_t n, hnode **node)
{
  hnode *e = hmap_find (&q->calls, hash_bytes (callid, n), callid, n);
  if (node)
    *node = e;
  return e ? e->val : NULL;
}

/* Take open visit V off the open list and its call's list.  */
static void
visit_unlink_open (cc_qlog *q, visit *v)
{
  if (v->prev)
    v->prev->next = v->next;
  else
    q->open_head = v->next;
  if (v->next)
    v->next->prev = v->prev;
  else
    q->open_tail = v->prev;
  v->prev = v->next = NULL;
  hnode *cn;
  call *c = call_find (q, v_callid (v), v_callid_len (v), &cn);
  if (c)
    {
      visit **pp = &c->head;
      while (*pp && *pp != v)
        pp = &(*pp)->cnext;
      if (*pp)
        *pp = v->cnext;
      if (!c->head)
        {
          free (c);
          hmap_del (&q->calls, cn);
        }
    }
  v->cnext = NULL;
}

/* Turn open visit V into a tombstone, ended at input FILE, line LINE, at
   time WHEN (it is forgotten an hour of log time later).  */
static void
visit_bury (cc_qlog *q, visit *v, uint32_t file, uint64_t line, cc_usec when)
{
  visit_unlink_open (q, v);
  visit_free_data (v);
  v->state = V_TOMB;
  v->efile = file;
  v->eline = line;
  v->t_end = when;
  v->prev = q->tomb_tail;
  v->next = NULL;
  if (q->tomb_tail)
    q->tomb_tail->next = v;
  else
    q->tomb_head = v;
  q->tomb_tail = v;
}

/* Forget tombstone V.  */
static void
tomb_drop (cc_qlog *q, visit *v)
{
  if (v->prev)
    v->prev->next = v->next;
  else
    q->tomb_head = v->next;
  if (v->next)
    v->next->prev = v->prev;
  else
    q->tomb_tail = v->prev;
  hmap_del (&q->visits, v->node);
  free (v);
}

/* Forget open visit V entirely (no tombstone).  */
static void
visit_drop (cc_qlog *q, visit *v)
{
  visit_unlink_open (q, v);
  hmap_del (&q->visits, v->node);
  visit_free_data (v);
  free (v);
}

/* Format a duration of US microseconds as seconds into T (32 bytes).  */
static size_t
fmt_secs (char *t, int64_t us)
{
  if (us % CC_USEC_PER_SEC == 0)
    return (size_t)snprintf (t, 32, "%lld", (long long)(us / CC_USEC_PER_SEC));
  int k = snprintf (t, 32, "%lld.%06lld", (long long)(us / CC_USEC_PER_SEC),
                    (long long)(us % CC_USEC_PER_SEC));
  while (k > 0 && t[k - 1] == '0')
    k--;
  return (size_t)k;
}

/* The whole seconds of T, rounded down.  */
static int64_t
floor_secs (cc_usec t)
{
  return t >= 0 ? t / CC_USEC_PER_SEC : -((-t + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
}

/* A number value of the N bytes at P.  */
static cc_val
v_num (const char *p, size_t n)
{
  cc_val v = { p, (uint32_t)n, CC_NUM };
  return v;
}

/* A string value of S, or a missing value when S is NULL.  */
static cc_val
v_str (const char *s)
{
  cc_val v = { s, (uint32_t)(s ? strlen (s) : 0), s ? CC_STR : CC_NULL };
  if (!s)
    v.p = "";
  return v;
}

/* Hand ended visit V to the sink as a record; one whose wait or talk is
   over the limit is left out instead (long_visit).  Returns 0 or -1.  */
static int
visit_emit (cc_qlog *q, visit *v, cc_sink *sink, cc_srcdiag *diag)
{
  bool answered = v->state == V_CONN;
  if (v->wait_us > MAX_US || (answered && v->handle_us > MAX_US))
    {
      char d[32];
      bool w = v->wait_us > MAX_US;
      fmt_secs (d, w ? v->wait_us : v->handle_us);
      qdiag (q, sink, diag, "long_visit", v->file, v->line, v->raw, v->rawlen,
             "call %.*s in queue %.*s (%s at %s:%llu) %s %s s, over the limit of %d s (115 "
             "days): left out",
             mlen (v_callid (v), v_callid_len (v)), v_callid (v), mlen (v_queue (v), v->qlen),
             v_queue (v), v->end_event, q->files[v->lfile], (unsigned long long)v->lline,
             w ? "waited" : "talked", d, CC_QLOG_MAX_S);
      return 0;
    }
  if (!q->slot)
    {
      q->nslot = sink->slots->n;
      q->slot = cc_xmalloc ((q->nslot + 1) * sizeof *q->slot);
      cc_sink_resolve (sink, q->names, C_N, q->slot);
    }

  char tarr[48], tans[48], tend[48], nwait[32], nhandle[32], nring[32], npos[32], nxpos[32],
      nrna[32];
  cc_val vals[C_N];
  /* The id: callid:queue:epoch of the ENTERQUEUE.  */
  cc_buf *b = &q->scratch;
  b->n = 0;
  cc_buf_add (b, v_callid (v), v_callid_len (v));
  cc_buf_addc (b, ':');
  cc_buf_add (b, v_queue (v), v->qlen);
  cc_buf_printf (b, ":%lld", (long long)floor_secs (v->t_enter));
  vals[C_ID] = cc_v_strn (b->p, b->n);
  vals[C_CALLID] = cc_v_strn (v_callid (v), v_callid_len (v));
  vals[C_CHANNEL] = cc_v_str ("voice");
  vals[C_DIRECTION] = cc_v_str ("inbound");
  vals[C_QUEUE] = cc_v_strn (v_queue (v), v->qlen);
  vals[C_AGENT] = v_str (v->agent);
  vals[C_OUTCOME] = cc_v_str (v->outcome);
  vals[C_ARRIVED] = cc_v_strn (tarr, cc_time_format (tarr, v->t_enter, 0));
  vals[C_ANSWERED]
      = answered ? cc_v_strn (tans, cc_time_format (tans, v->t_conn, 0)) : cc_v_null ();
  vals[C_ENDED] = cc_v_strn (tend, cc_time_format (tend, v->t_end, 0));
  vals[C_WAIT] = v_num (nwait, fmt_secs (nwait, v->wait_us));
  if (answered)
    vals[C_HANDLE] = v_num (nhandle, fmt_secs (nhandle, v->handle_us));
  else
    vals[C_HANDLE] = cc_v_null ();
  if (v->ring_s >= 0)
    {
      snprintf (nring, sizeof nring, "%lld", (long long)v->ring_s);
      vals[C_RING] = cc_v_num (nring);
    }
  else
    vals[C_RING] = cc_v_null ();
  vals[C_CALLER] = v_str (v->caller);
  vals[C_CALLER_NAME] = v_str (v->caller_name);
  if (v->pos >= 0)
    {
      snprintf (npos, sizeof npos, "%lld", (long long)v->pos);
      vals[C_POSITION] = cc_v_num (npos);
    }
  else
    vals[C_POSITION] = cc_v_null ();
  if (v->exit_pos >= 0)
    {
      snprintf (nxpos, sizeof nxpos, "%lld", (long long)v->exit_pos);
      vals[C_EXIT_POSITION] = cc_v_num (nxpos);
    }
  else
    vals[C_EXIT_POSITION] = cc_v_null ();
  snprintf (nrna, sizeof nrna, "%zu", v->nrna);
  vals[C_RNA] = cc_v_num (nrna);
  vals[C_HANGUP] = v_str (v->hangup);
  vals[C_TRANSFER] = v_str (v->xfer);
  vals[C_TRANSFER_TO] = v_str (v->xfer_to);
  vals[C_EXIT_KEY] = v_str (v->exit_key);
  vals[C_END_EVENT] = cc_v_str (v->end_event);

  if (in_range (q, v->t_enter))
    for (size_t i = 0; i < v->nrna; i++)
      q->ag[v->rna[i]].rna++;

  cc_row row;
  row.names = q->names;
  row.vals = vals;
  row.n = C_N;
  row.slot = q->slot;
  row.file = q->files[v->file];
  row.line = v->line;
  row.raw = v->raw;
  row.rawlen = v->rawlen;
  return cc_sink_put (sink, &row);
}

/* End visit V with event E as a record of OUTCOME, then bury it.  Returns 0
   or -1.  */
static int
visit_end (cc_qlog *q, visit *v, const ev *e, const char *outcome, const char *event, cc_sink *sink,
           cc_srcdiag *diag)
{
  v->outcome = outcome;
  v->end_event = event;
  v->t_end = e->t;
  if (v->wait_us < 0)
    v->wait_us = e->t > v->t_enter ? e->t - v->t_enter : 0;
  if (v->state == V_CONN && v->handle_us < 0)
    v->handle_us = e->t > v->t_conn ? e->t - v->t_conn : 0;
  v->lfile = e->file;
  v->lline = e->line;
  int rc = visit_emit (q, v, sink, diag);
  visit_bury (q, v, e->file, e->line, e->t);
  return rc;
}

/* End a visit whose last event was AGENTDUMP as outcome dumped (the end of
   the input, a restart or a new ENTERQUEUE of its call came next, at time
   NOW).  */
static int
visit_end_dumped (cc_qlog *q, visit *v, cc_sink *sink, cc_srcdiag *diag, cc_usec now)
{
  v->outcome = "dumped";
  v->end_event = "AGENTDUMP";
  v->t_end = v->t_dump;
  v->wait_us = v->t_dump > v->t_enter ? v->t_dump - v->t_enter : 0;
  int rc = visit_emit (q, v, sink, diag);
  visit_bury (q, v, v->file, v->line, now);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Applying events.  */

/* The record of a visit ended by an exit: wait from data field WI, positions
   from PI (at exit) and OI (at entry), all 0-based (-1: none).  */
static void
exit_fields (visit *v, const ev *e, int pi, int oi, int wi)
{
  int64_t x;
  if (pi >= 0 && num_at (e, (size_t)pi, &x) == 1)
    v->exit_pos = x;
  if (oi >= 0 && v->pos < 0 && num_at (e, (size_t)oi, &x) == 1)
    v->pos = x;
  if (wi >= 0 && num_at (e, (size_t)wi, &x) == 1)
    v->wait_us = x * CC_USEC_PER_SEC;
}

/* A message naming the visit of event E.  */
#define CALLF(e) STRF ((e)->callid), STRF ((e)->queue)

/* ENTERQUEUE: settle the open visits of the same call, then open one.  */
static int
on_enter (cc_qlog *q, const ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  call *c = call_find (q, e->callid.p, e->callid.n, NULL);
  while (c && c->head)
    {
      visit *o = c->head;
      int rc = 0;
      if (o->state == V_CONN && e->t < o->t_last)
        {
          char d[32];
          fmt_secs (d, o->t_last - e->t);
          qdiag (q, sink, diag, "time_order", e->file, e->line, e->raw, e->rawlen,
                 "call %.*s entered queue %.*s %s s before the last event (%s:%llu) of its "
                 "visit to queue %.*s, connected: that visit (entered at %s:%llu) is left out",
                 CALLF (e), d, q->files[o->lfile], (unsigned long long)o->lline,
                 mlen (v_queue (o), o->qlen), v_queue (o), q->files[o->file],
                 (unsigned long long)o->line);
          visit_bury (q, o, e->file, e->line, o->t_last);
        }
      else if (o->state == V_CONN)
        {
          qdiag (q, sink, diag, "transfer_not_logged", e->file, e->line, e->raw, e->rawlen,
                 "call %.*s entered queue %.*s while connected to %.*s in queue %.*s (entered "
                 "at %s:%llu): that visit is counted as answered and transferred, ending here",
                 CALLF (e), mlen (o->agent ? o->agent : "", o->agent ? strlen (o->agent) : 0),
                 o->agent ? o->agent : "", mlen (v_queue (o), o->qlen), v_queue (o),
                 q->files[o->file], (unsigned long long)o->line);
          o->xfer = "unlogged";
          free (o->xfer_to);
          o->xfer_to = cc_xmemdup (e->queue.p, e->queue.n);
          rc = visit_end (q, o, e, "transferred", "ENTERQUEUE", sink, diag);
          /* The old visit's own end may still come: take it silently.  */
          o->absorb = true;
        }
      else if (o->dumped)
        rc = visit_end_dumped (q, o, sink, diag, e->t);
      else
        {
          qdiag (q, sink, diag, "end_not_logged", o->file, o->line, o->raw, o->rawlen,
                 "call %.*s entered queue %.*s at %s:%llu while waiting in queue %.*s: the end "
                 "of this visit was not logged, it is left out",
                 CALLF (e), q->files[e->file], (unsigned long long)e->line,
                 mlen (v_queue (o), o->qlen), v_queue (o));
          visit_bury (q, o, e->file, e->line, e->t);
        }
      if (rc != 0)
        return -1;
      c = call_find (q, e->callid.p, e->callid.n, NULL);
    }
  /* A tombstone of the same key gives way.  */
  visit *t = visit_find (q, e->queue, e->callid);
  if (t)
    tomb_drop (q, t);

  visit *v = cc_xcalloc (1, sizeof *v);
  uint64_t h = visit_key (q, e->queue, e->callid);
  v->node = hmap_add (&q->visits, h, q->scratch.p, q->scratch.n, v);
  v->qlen = e->queue.n;
  v->state = V_WAIT;
  v->file = e->file;
  v->line = e->line;
  v->raw = cc_xmemdup (e->raw, e->rawlen);
  v->rawlen = e->rawlen;
  v->t_enter = e->t;
  v->t_last = e->t;
  v->lfile = e->file;
  v->lline = e->line;
  v->caller = e->nd > 1 ? dup_or_null (e->d[1]) : NULL;
  v->caller_name = e->nd > 3 ? dup_or_null (e->d[3]) : NULL;
  v->pos = v->exit_pos = v->wait_us = v->ring_s = v->handle_us = -1;
  int64_t x;
  if (num_at (e, 2, &x) == 1)
    v->pos = x;
  /* Lists.  */
  v->prev = q->open_tail;
  if (q->open_tail)
    q->open_tail->next = v;
  else
    q->open_head = v;
  q->open_tail = v;
  hnode *cn;
  c = call_find (q, e->callid.p, e->callid.n, &cn);
  if (!c)
    {
      c = cc_xcalloc (1, sizeof *c);
      hmap_add (&q->calls, hash_bytes (e->callid.p, e->callid.n), e->callid.p, e->callid.n, c);
    }
  v->cnext = c->head;
  c->head = v;
  return 0;
}

/* Leave visit V out because event E does not fit it.  */
static void
out_of_sequence_end (cc_qlog *q, visit *v, const ev *e, cc_sink *sink, cc_srcdiag *diag,
                     const char *why)
{
  qdiag (q, sink, diag, "out_of_sequence", e->file, e->line, e->raw, e->rawlen,
         "%.*s for call %.*s in queue %.*s %s: the visit (entered at %s:%llu) is left out",
         STRF (e->name), CALLF (e), why, q->files[v->file], (unsigned long long)v->line);
  visit_bury (q, v, e->file, e->line, e->t);
}

/* A call event E (kind K) for a visit.  */
static int
on_call_event (cc_qlog *q, const ev *e, enum evk k, cc_sink *sink, cc_srcdiag *diag)
{
  visit *v = visit_find (q, e->queue, e->callid);
  bool is_end = k == E_COMPLETECALLER || k == E_COMPLETEAGENT || k == E_TRANSFER
                || k == E_BLINDTRANSFER || k == E_ATTENDEDTRANSFER;
  if (v && v->state == V_TOMB)
    {
      if (v->absorb && is_end)
        {
          v->absorb = false;
          return 0;
        }
      qdiag (q, sink, diag, "after_end", e->file, e->line, e->raw, e->rawlen,
             "%.*s for call %.*s in queue %.*s after its visit ended at %s:%llu: ignored",
             STRF (e->name), CALLF (e), q->files[v->efile], (unsigned long long)v->eline);
      return 0;
    }
  if (!v)
    {
      qdiag (q, sink, diag, "orphan", e->file, e->line, e->raw, e->rawlen,
             "%.*s for call %.*s in queue %.*s, which it never entered: ignored", STRF (e->name),
             CALLF (e));
      return 0;
    }
  if (e->t < v->t_last)
    {
      char d[32];
      fmt_secs (d, v->t_last - e->t);
      qdiag (q, sink, diag, "time_order", e->file, e->line, e->raw, e->rawlen,
             "%.*s for call %.*s in queue %.*s is %s s earlier than the visit's previous event "
             "(%s:%llu): the visit (entered at %s:%llu) is left out",
             STRF (e->name), CALLF (e), d, q->files[v->lfile], (unsigned long long)v->lline,
             q->files[v->file], (unsigned long long)v->line);
      visit_bury (q, v, e->file, e->line, v->t_last);
      return 0;
    }
  v->t_last = e->t;
  v->lfile = e->file;
  v->lline = e->line;
  int64_t x;
  bool conn = v->state == V_CONN;
  switch (k)
    {
    case E_CONNECT:
      if (conn)
        {
          qdiag (q, sink, diag, "out_of_sequence", e->file, e->line, e->raw, e->rawlen,
                 "CONNECT for call %.*s in queue %.*s already connected: ignored", CALLF (e));
          return 0;
        }
      v->state = V_CONN;
      v->dumped = false;
      v->t_conn = e->t;
      free (v->agent);
      v->agent = str_is (e->agent, "NONE") ? NULL : dup_or_null (e->agent);
      if (v->agent)
        agent_get (q, e->agent.p, e->agent.n);
      if (num_at (e, 0, &x) == 1)
        v->wait_us = x * CC_USEC_PER_SEC;
      else
        v->wait_us = e->t > v->t_enter ? e->t - v->t_enter : 0;
      if (num_at (e, 2, &x) == 1)
        v->ring_s = x;
      return 0;
    case E_COMPLETECALLER:
    case E_COMPLETEAGENT:
      if (!conn)
        {
          out_of_sequence_end (q, v, e, sink, diag, "before any CONNECT");
          return 0;
        }
      v->hangup = k == E_COMPLETECALLER ? "caller" : "agent";
      if (num_at (e, 1, &x) == 1)
        v->handle_us = x * CC_USEC_PER_SEC;
      if (v->pos < 0 && num_at (e, 2, &x) == 1)
        v->pos = x;
      return visit_end (q, v, e, "answered",
                        k == E_COMPLETECALLER ? "COMPLETECALLER" : "COMPLETEAGENT", sink, diag);
    case E_TRANSFER:
    case E_BLINDTRANSFER:
      if (!conn)
        {
          out_of_sequence_end (q, v, e, sink, diag, "before any CONNECT");
          return 0;
        }
      v->xfer = k == E_TRANSFER ? "transfer" : "blind";
      if (e->nd > 0 && e->d[0].n)
        {
          q->scratch.n = 0;
          cc_buf_add (&q->scratch, e->d[0].p, e->d[0].n);
          if (e->nd > 1 && e->d[1].n)
            {
              cc_buf_addc (&q->scratch, '@');
              cc_buf_add (&q->scratch, e->d[1].p, e->d[1].n);
            }
          v->xfer_to = cc_xmemdup (q->scratch.p, q->scratch.n);
        }
      if (num_at (e, 3, &x) == 1)
        v->handle_us = x * CC_USEC_PER_SEC;
      if (v->pos < 0 && num_at (e, 4, &x) == 1)
        v->pos = x;
      return visit_end (q, v, e, "transferred", k == E_TRANSFER ? "TRANSFER" : "BLINDTRANSFER",
                        sink, diag);
    case E_ATTENDEDTRANSFER:
      if (!conn)
        {
          out_of_sequence_end (q, v, e, sink, diag, "before any CONNECT");
          return 0;
        }
      v->xfer = "attended";
      {
        /* METHOD:data, the data fields between the method and the times
           joined with '|'.  */
        q->scratch.n = 0;
        cc_buf_add (&q->scratch, e->d[0].p, e->d[0].n);
        for (size_t i = 1; i + 3 < e->nd; i++)
          {
            cc_buf_addc (&q->scratch, i == 1 ? ':' : '|');
            cc_buf_add (&q->scratch, e->d[i].p, e->d[i].n);
          }
        if (q->scratch.n)
          v->xfer_to = cc_xmemdup (q->scratch.p, q->scratch.n);
      }
      if (num_at (e, e->nd - 2, &x) == 1)
        v->handle_us = x * CC_USEC_PER_SEC;
      if (v->pos < 0 && num_at (e, e->nd - 1, &x) == 1)
        v->pos = x;
      return visit_end (q, v, e, "transferred", "ATTENDEDTRANSFER", sink, diag);
    case E_ABANDON:
    case E_EXITWITHTIMEOUT:
    case E_EXITEMPTY:
    case E_WITHDRAW:
    case E_EXITWITHKEY:
    case E_SYSCOMPAT:
      {
        static const char *const ev_names[]
            = { [E_ABANDON] = "ABANDON",         [E_EXITWITHTIMEOUT] = "EXITWITHTIMEOUT",
                [E_EXITEMPTY] = "EXITEMPTY",     [E_WITHDRAW] = "WITHDRAW",
                [E_EXITWITHKEY] = "EXITWITHKEY", [E_SYSCOMPAT] = "SYSCOMPAT" };
        if (conn)
          {
            out_of_sequence_end (q, v, e, sink, diag, "after CONNECT");
            return 0;
          }
        const char *oc;
        if (k == E_EXITWITHKEY)
          {
            oc = "exit_key";
            v->exit_key = e->nd > 0 ? dup_or_null (e->d[0]) : NULL;
            exit_fields (v, e, 1, 2, 3);
          }
        else if (k == E_SYSCOMPAT)
          {
            oc = "failed";
            free (v->agent);
            v->agent = str_is (e->agent, "NONE") ? NULL : dup_or_null (e->agent);
          }
        else
          {
            oc = k == E_ABANDON           ? "abandoned"
                 : k == E_EXITWITHTIMEOUT ? "timeout"
                 : k == E_EXITEMPTY       ? "exit_empty"
                                          : "withdrawn";
            exit_fields (v, e, 0, 1, 2);
          }
        if (k != E_SYSCOMPAT)
          {
            free (v->agent);
            v->agent = NULL;
          }
        return visit_end (q, v, e, oc, ev_names[k], sink, diag);
      }
    case E_RINGNOANSWER:
      if (!str_is (e->agent, "NONE") && e->agent.n)
        {
          if (v->nrna == v->caprna)
            {
              v->caprna = v->caprna ? v->caprna * 2 : 4;
              v->rna = cc_xrealloc (v->rna, v->caprna * sizeof *v->rna);
            }
          v->rna[v->nrna++] = (uint32_t)agent_get (q, e->agent.p, e->agent.n);
        }
      v->dumped = false;
      return 0;
    case E_RINGCANCELED:
      return 0;
    case E_AGENTDUMP:
      if (conn)
        {
          qdiag (q, sink, diag, "out_of_sequence", e->file, e->line, e->raw, e->rawlen,
                 "AGENTDUMP for call %.*s in queue %.*s after CONNECT: ignored", CALLF (e));
          return 0;
        }
      v->dumped = true;
      v->t_dump = e->t;
      free (v->agent);
      v->agent = str_is (e->agent, "NONE") ? NULL : dup_or_null (e->agent);
      return 0;
    default:
      return 0;
    }
}

/* An agent event E (kind K).  One earlier than the agent's previous event
   (or the restart after it) is counted at the time of that event
   (time_order), so that no session or pause of the agent runs backwards.  */
static void
on_agent_event (cc_qlog *q, const ev *e, enum evk k, cc_sink *sink, cc_srcdiag *diag)
{
  if (!e->agent.n || str_is (e->agent, "NONE"))
    return;
  size_t ai = agent_get (q, e->agent.p, e->agent.n);
  agent *a = &q->ag[ai];
  cc_usec t = e->t;
  if (a->have_t && t < a->t_last)
    {
      char d[32];
      fmt_secs (d, a->t_last - t);
      qdiag (q, sink, diag, "time_order", e->file, e->line, e->raw, e->rawlen,
             "%.*s of agent %.*s is %s s earlier than the agent's previous event (%s:%llu): "
             "counted at the time of that event",
             STRF (e->name), STRF (e->agent), d, q->files[a->lfile], (unsigned long long)a->lline);
      t = a->t_last;
    }
  a->have_t = true;
  a->t_last = t;
  a->lfile = e->file;
  a->lline = e->line;
  const cc_str *d0 = e->nd > 0 ? &e->d[0] : NULL;
  switch (k)
    {
    case E_ADDMEMBER:
      {
        member *m = member_get (q, ai, e->queue.p, e->queue.n, false);
        a->login_known = true;
        m->seen = true;
        if (!m->in)
          {
            m->in = true;
            sess_open (a, t);
          }
        if (d0 && str_is (*d0, "PAUSED") && !m->paused)
          {
            bool was = agent_paused (a);
            m->paused = true;
            a->npaused++;
            pause_update (q, a, was, t, "", 0);
          }
        break;
      }
    case E_REMOVEMEMBER:
    case E_AGENTLOGOFF:
    case E_AGENTCALLBACKLOGOFF:
      {
        bool login = k != E_REMOVEMEMBER;
        member *m = member_get (q, ai, e->queue.p, e->queue.n, login);
        a->login_known = true;
        if (m->in)
          {
            m->in = false;
            if (m->paused)
              {
                bool was = agent_paused (a);
                m->paused = false;
                a->npaused--;
                pause_update (q, a, was, t, NULL, 0);
              }
            sess_close (q, a, t);
          }
        else if (!m->seen)
          {
            cc_usec s = q->seg_start;
            int64_t lt;
            if (login && num_at (e, 1, &lt) == 1 && t - lt * CC_USEC_PER_SEC > s)
              s = t - lt * CC_USEC_PER_SEC;
            sess_infer (q, a, s, t);
          }
        m->seen = true;
        break;
      }
    case E_AGENTLOGIN:
    case E_AGENTCALLBACKLOGIN:
      {
        member *m = member_get (q, ai, NULL, 0, true);
        a->login_known = true;
        m->seen = true;
        if (!m->in)
          {
            m->in = true;
            sess_open (a, t);
          }
        break;
      }
    case E_PAUSE:
    case E_PAUSEALL:
      {
        bool was = agent_paused (a);
        if (k == E_PAUSEALL)
          a->pauseall = true;
        else
          {
            member *m = member_get (q, ai, e->queue.p, e->queue.n, false);
            if (!m->paused)
              {
                m->paused = true;
                a->npaused++;
              }
          }
        pause_update (q, a, was, t, d0 ? d0->p : "", d0 ? d0->n : 0);
        break;
      }
    case E_UNPAUSE:
      {
        member *m = member_get (q, ai, e->queue.p, e->queue.n, false);
        if (m->paused)
          {
            bool was = agent_paused (a);
            m->paused = false;
            a->npaused--;
            pause_update (q, a, was, t, NULL, 0);
          }
        break;
      }
    case E_UNPAUSEALL:
      {
        bool was = agent_paused (a);
        a->pauseall = false;
        a->npaused = 0;
        for (member *m = a->members; m; m = m->anext)
          m->paused = false;
        pause_update (q, a, was, t, NULL, 0);
        break;
      }
    default:
      break;
    }
}

/* QUEUESTART: Asterisk (re)started at E->t; the last line before it came at
   Q->latest.  */
static int
on_restart (cc_qlog *q, const ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  while (q->open_head)
    {
      visit *v = q->open_head;
      if (v->dumped)
        {
          if (visit_end_dumped (q, v, sink, diag, e->t) != 0)
            return -1;
          continue;
        }
      qdiag (q, sink, diag, "cut_by_restart", v->file, v->line, v->raw, v->rawlen,
             "call %.*s in queue %.*s was still %s when Asterisk restarted (QUEUESTART at "
             "%s:%llu): left out",
             mlen (v_callid (v), v_callid_len (v)), v_callid (v), mlen (v_queue (v), v->qlen),
             v_queue (v), v->state == V_CONN ? "connected" : "waiting", q->files[e->file],
             (unsigned long long)e->line);
      visit_bury (q, v, e->file, e->line, e->t);
    }
  cc_usec stop0 = q->latest < e->t ? q->latest : e->t;
  for (size_t i = 0; i < q->nag; i++)
    {
      agent *a = &q->ag[i];
      /* A restart logged before the agent's latest event (a clock stepping
         back) ends and restarts its sessions at that event.  */
      cc_usec stop = stop0, rt = e->t;
      if (a->have_t && stop < a->t_last)
        stop = a->t_last;
      if (a->have_t && rt < a->t_last)
        rt = a->t_last;
      a->have_t = true;
      a->t_last = rt;
      a->lfile = e->file;
      a->lline = e->line;
      if (a->nsess > 0)
        cover_run (q, a, a->since, stop);
      if (agent_paused (a))
        pause_end (q, a, stop);
      for (member *m = a->members; m; m = m->anext)
        {
          if (m->login && m->in)
            {
              m->in = false;
              a->nsess--;
            }
          m->seen = false;
        }
      a->ncov = 0;
      a->since = rt;
      if (a->nsess == 0)
        {
          bool was = agent_paused (a);
          a->pauseall = false;
          a->npaused = 0;
          for (member *m = a->members; m; m = m->anext)
            m->paused = false;
          (void)was; /* the pause already ended at STOP */
        }
      if (agent_paused (a))
        a->pause_since = rt;
    }
  q->seg_start = e->t;
  return 0;
}

/* Apply event E.  Returns 0, or -1 when the sink stopped the run.  */
static int
apply (cc_qlog *q, const ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  int ei = event_find (e->name);
  if (ei < 0)
    {
      /* Logs write a custom event per call (FreePBX's DID): list each name
         once, count the others.  */
      uint64_t h = hash_bytes (e->name.p, e->name.n);
      bool first = !hmap_find (&q->unknown, h, e->name.p, e->name.n);
      if (first && q->unknown.n < LIST_UNKNOWN)
        hmap_add (&q->unknown, h, e->name.p, e->name.n, NULL);
      qdiag_l (q, sink, diag, first, "unknown_event", e->file, e->line, e->raw, e->rawlen,
               "event %.*s is not read: ignored%s", STRF (e->name),
               first ? " (later ones are counted, not listed)" : "");
      return 0;
    }
  enum evk k = events[ei].k;
  switch (k)
    {
    case E_ENTERQUEUE:
      return on_enter (q, e, sink, diag);
    case E_CONNECT:
    case E_COMPLETECALLER:
    case E_COMPLETEAGENT:
    case E_ABANDON:
    case E_EXITWITHTIMEOUT:
    case E_EXITWITHKEY:
    case E_EXITEMPTY:
    case E_WITHDRAW:
    case E_RINGNOANSWER:
    case E_RINGCANCELED:
    case E_TRANSFER:
    case E_BLINDTRANSFER:
    case E_ATTENDEDTRANSFER:
    case E_AGENTDUMP:
    case E_SYSCOMPAT:
      return on_call_event (q, e, k, sink, diag);
    case E_ADDMEMBER:
    case E_REMOVEMEMBER:
    case E_PAUSE:
    case E_UNPAUSE:
    case E_PAUSEALL:
    case E_UNPAUSEALL:
    case E_AGENTLOGIN:
    case E_AGENTLOGOFF:
    case E_AGENTCALLBACKLOGIN:
    case E_AGENTCALLBACKLOGOFF:
      on_agent_event (q, e, k, sink, diag);
      return 0;
    case E_QUEUESTART:
      return on_restart (q, e, sink, diag);
    case E_FULL:
    case E_JOINEMPTY:
    case E_JOINUNAVAIL:
      qdiag (q, sink, diag, "not_joined", e->file, e->line, e->raw, e->rawlen,
             "%.*s: call %.*s could not join queue %.*s: not offered", STRF (e->name), CALLF (e));
      return 0;
    default: /* CONFIGRELOAD, PENALTY, RINGINUSE: nothing to count */
      return 0;
    }
}

/* Apply event E, whose time is settled: leave it out when it is a
   duplicate, else apply it and move the clock and the windows.  Returns 0,
   or -1 to stop.  */
static int
accept_ev (cc_qlog *q, const ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  uint64_t h = event_hash (e);
  const dupent *dp = dup_find (&q->dup, h);
  if (dp)
    {
      qdiag (q, sink, diag, "duplicate", e->file, e->line, e->raw, e->rawlen,
             "the same as %s:%llu: ignored", q->files[dp->file], (unsigned long long)dp->line);
      return 0;
    }
  if (!q->have_latest)
    {
      q->have_latest = true;
      q->latest = e->t;
      q->seg_start = e->t;
    }
  /* A QUEUESTART ends the agents' sessions at the last line before it.  */
  q->cur = e;
  int rc = apply (q, e, sink, diag);
  q->cur = NULL;
  if (e->t > q->latest)
    q->latest = e->t;
  q->last_file = e->file;
  q->last_line = e->line;
  dup_add (&q->dup, h, e->t, e->file, e->line);
  dup_expire (&q->dup, q->latest - WINDOW_US);
  while (q->tomb_head && q->tomb_head->t_end < q->latest - WINDOW_US)
    tomb_drop (q, q->tomb_head);
  return rc;
}

/* Hold a copy of event E (its strings copied) in the next free slot.  */
static void
hold (cc_qlog *q, const ev *e)
{
  pend *p = &q->pend[q->npend++];
  size_t n = e->rawlen + e->callid.n + e->queue.n + e->agent.n + e->name.n;
  for (size_t i = 0; i < e->nd; i++)
    n += e->d[i].n;
  if (p->cap < n + 1)
    {
      p->cap = n + 1;
      free (p->buf);
      p->buf = cc_xmalloc (p->cap);
    }
  char *w = p->buf;
#define PUT(dst, src)                                                                              \
  do                                                                                               \
    {                                                                                              \
      if ((src).n)                                                                                 \
        memcpy (w, (src).p, (src).n);                                                              \
      (dst).p = w;                                                                                 \
      (dst).n = (src).n;                                                                           \
      w += (src).n;                                                                                \
    }                                                                                              \
  while (0)
  cc_str raw = { e->raw, e->rawlen }, r;
  PUT (r, raw);
  p->e.raw = r.p;
  p->e.rawlen = r.n;
  PUT (p->e.callid, e->callid);
  PUT (p->e.queue, e->queue);
  PUT (p->e.agent, e->agent);
  PUT (p->e.name, e->name);
  if (p->e.capd < e->nd)
    {
      p->e.capd = e->nd;
      p->e.d = cc_xrealloc (p->e.d, p->e.capd * sizeof *p->e.d);
    }
  for (size_t i = 0; i < e->nd; i++)
    PUT (p->e.d[i], e->d[i]);
#undef PUT
  p->e.nd = e->nd;
  p->e.t = e->t;
  p->e.file = e->file;
  p->e.line = e->line;
}

/* Count E as out of order: more than the window before REF.  */
static void
out_of_order (cc_qlog *q, const ev *e, cc_usec ref, cc_sink *sink, cc_srcdiag *diag)
{
  char d[32];
  fmt_secs (d, ref - e->t);
  qdiag (q, sink, diag, "out_of_order", e->file, e->line, e->raw, e->rawlen,
         "%s s earlier than the latest line read (more than %d s back; give the inputs "
         "oldest first): ignored",
         d, CC_QLOG_WINDOW_S);
}

/* Put event E (checked) in time order.  The clock is Q->latest, the latest
   time applied.  A line more than the window before it is out of order; one
   more than the window after it is held, and the next line decides: when it
   is not more than the window before the held line, the log goes on from
   there (a quiet night) and the held line is applied; when it comes back
   nearer the clock, the held line's time was wrong (time_jump).  Before the
   first line is applied there is no clock: the first line is held, and when
   the next is more than the window before it, that one is held too and the
   line after them decides which of the two was wrong.  Returns 0, or -1 to
   stop.  */
static int
order (cc_qlog *q, const ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  for (;;)
    {
      if (q->npend == 0)
        {
          if (q->have_latest && e->t < q->latest - WINDOW_US)
            {
              out_of_order (q, e, q->latest, sink, diag);
              return 0;
            }
          if (!q->have_latest || e->t > q->latest + WINDOW_US)
            {
              hold (q, e);
              return 0;
            }
          return accept_ev (q, e, sink, diag);
        }
      const ev *h = &q->pend[0].e;
      if (q->npend == 1)
        {
          if (e->t >= h->t - WINDOW_US)
            {
              /* E goes on from the held line's time.  */
              q->npend = 0;
              if (accept_ev (q, h, sink, diag) != 0)
                return -1;
              continue;
            }
          if (!q->have_latest)
            {
              hold (q, e);
              return 0;
            }
          if (e->t >= q->latest - WINDOW_US)
            {
              char d[32];
              fmt_secs (d, h->t - q->latest);
              qdiag (q, sink, diag, "time_jump", h->file, h->line, h->raw, h->rawlen,
                     "%s s after the latest line read, and the next line (%s:%llu) goes back "
                     "to the earlier time: a wrong time, ignored",
                     d, q->files[e->file], (unsigned long long)e->line);
              q->npend = 0;
              continue;
            }
          out_of_order (q, e, q->latest, sink, diag);
          return 0;
        }
      /* The first line H, and H1 more than the window before it.  */
      const ev *h1 = &q->pend[1].e;
      if (e->t >= h->t - WINDOW_US)
        {
          out_of_order (q, h1, h->t, sink, diag);
          q->npend = 0;
          if (accept_ev (q, h, sink, diag) != 0)
            return -1;
          continue;
        }
      if (e->t >= h1->t - WINDOW_US)
        {
          char d[32];
          fmt_secs (d, h->t - h1->t);
          qdiag (q, sink, diag, "time_jump", h->file, h->line, h->raw, h->rawlen,
                 "the first line, %s s after the next line (%s:%llu), and the line after "
                 "that (%s:%llu) agrees with the next one: a wrong time, ignored",
                 d, q->files[h1->file], (unsigned long long)h1->line, q->files[e->file],
                 (unsigned long long)e->line);
          q->npend = 0;
          if (accept_ev (q, h1, sink, diag) != 0)
            return -1;
          continue;
        }
      out_of_order (q, e, h1->t, sink, diag);
      return 0;
    }
}

/* The end of the input: settle the lines still held.  A line held because
   it jumped ahead, with nothing after it, is left out (time_jump); the first
   line, when nothing else came, is applied; of two first lines nothing
   decided, the first is applied and the other is out of order.  Returns 0,
   or -1 to stop.  */
static int
order_flush (cc_qlog *q, cc_sink *sink, cc_srcdiag *diag)
{
  size_t n = q->npend;
  q->npend = 0;
  const ev *h = &q->pend[0].e;
  if (n == 1 && q->have_latest)
    {
      char d[32];
      fmt_secs (d, h->t - q->latest);
      qdiag (q, sink, diag, "time_jump", h->file, h->line, h->raw, h->rawlen,
             "%s s after the latest line read, and the last line: nothing shows that the log "
             "goes on from its time, ignored",
             d);
      return 0;
    }
  if (n == 2)
    out_of_order (q, &q->pend[1].e, h->t, sink, diag);
  if (n >= 1)
    return accept_ev (q, h, sink, diag);
  return 0;
}

/* Take event E, read and split: check it, then put it in time order (which
   applies it).  Returns 0, or -1 to stop.  */
static int
take (cc_qlog *q, ev *e, cc_sink *sink, cc_srcdiag *diag)
{
  if (e->name.n == 0)
    return cc_sink_bad (sink, q->files[e->file], e->line, 0, "empty event name", e->raw, e->rawlen);
  int ei = event_find (e->name);
  if (ei >= 0)
    {
      const char *why = check_event (q, e, ei);
      if (why)
        return cc_sink_bad (sink, q->files[e->file], e->line, 0, why, e->raw, e->rawlen);
    }
  return order (q, e, sink, diag);
}

/* ------------------------------------------------------------------------ */
/* Reading.  */

/* An input being read.  */
typedef struct rd
{
  int fd;          /* input */
  char *buf;       /* bytes */
  size_t cap;      /* allocated */
  size_t pos, end; /* unread bytes are buf[pos..end) */
  bool eof;        /* no more bytes to read */
} rd;

/* Read more bytes, keeping buf[pos..end) (moved to the start).  Returns 0,
   or -1 with errno set.  */
static int
rd_fill (rd *r, size_t want)
{
  if (r->pos > 0)
    {
      memmove (r->buf, r->buf + r->pos, r->end - r->pos);
      r->end -= r->pos;
      r->pos = 0;
    }
  if (r->cap - r->end < READ_BLOCK || r->cap < want)
    {
      size_t ncap = r->cap ? r->cap * 2 : READ_BLOCK * 2;
      while (ncap < want || ncap - r->end < READ_BLOCK)
        ncap *= 2;
      r->buf = cc_xrealloc (r->buf, ncap);
      r->cap = ncap;
    }
  for (;;)
    {
      ssize_t k = read (r->fd, r->buf + r->end, r->cap - r->end);
      if (k < 0 && errno == EINTR)
        continue;
      if (k < 0)
        return -1;
      if (k == 0)
        r->eof = true;
      r->end += (size_t)k;
      return 0;
    }
}

/* Add data field P[0..N) to E.  */
static void
add_data (ev *e, const char *p, size_t n)
{
  if (e->nd == e->capd)
    {
      e->capd = e->capd ? e->capd * 2 : 16;
      e->d = cc_xrealloc (e->d, e->capd * sizeof *e->d);
    }
  e->d[e->nd].p = p;
  e->d[e->nd].n = n;
  e->nd++;
}

/* Split native line L (N bytes) into Q->e.  Returns NULL or the reason it is
   bad (in Q->msg), *COL the column or 0.  */
static const char *
split_native (cc_qlog *q, const char *l, size_t n, uint64_t *col)
{
  ev *e = &q->e;
  *col = 0;
  size_t k = cc_utf8_check (l, n);
  if (k < n)
    {
      *col = k + 1;
      return l[k] == '\0' ? "NUL byte" : "invalid UTF-8";
    }
  cc_str f[5];
  size_t nf = 0, pos = 0;
  e->nd = 0;
  for (;;)
    {
      const char *bar = memchr (l + pos, '|', n - pos);
      size_t end = bar ? (size_t)(bar - l) : n;
      if (nf < 5)
        {
          f[nf].p = l + pos;
          f[nf].n = end - pos;
          nf++;
        }
      else
        add_data (e, l + pos, end - pos);
      if (!bar)
        break;
      pos = end + 1;
    }
  if (nf < 5)
    {
      q->msg.n = 0;
      cc_buf_printf (&q->msg,
                     "%zu field%s where EPOCH|CALLID|QUEUE|AGENT|EVENT[|DATA...] is "
                     "expected%s",
                     nf, nf == 1 ? "" : "s",
                     memchr (l, ',', n) ? " (a table export needs its header line)" : "");
      return cc_buf_cstr (&q->msg);
    }
  bool digits = f[0].n > 0;
  for (size_t i = 0; i < f[0].n && digits; i++)
    digits = (f[0].p[i] >= '0' && f[0].p[i] <= '9') || (f[0].p[i] == '.' && i > 0);
  if (!digits || cc_num_parse_seconds (f[0].p, f[0].n, &e->t) != 0
      || e->t > MAX_EPOCH * CC_USEC_PER_SEC)
    {
      q->msg.n = 0;
      cc_buf_printf (&q->msg, "bad time '%.*s' (epoch seconds expected)", STRF (f[0]));
      *col = 1;
      return cc_buf_cstr (&q->msg);
    }
  e->callid = f[1];
  e->queue = f[2];
  e->agent = f[3];
  e->name = f[4];
  return NULL;
}

/* True when data value V of a table export stands for NULL.  */
static bool
is_sql_null (const cc_val *v)
{
  return v->kind == CC_NULL || (v->n == 4 && memcmp (v->p, "NULL", 4) == 0)
         || (v->n == 2 && memcmp (v->p, "\\N", 2) == 0);
}

/* Split table-export record VALS (N values) into Q->e by columns TC.
   Returns NULL or the reason it is bad.  */
static const char *
split_table (cc_qlog *q, const tcols *tc, const cc_val *vals, size_t n)
{
  ev *e = &q->e;
  if (n != tc->ncols)
    {
      q->msg.n = 0;
      cc_buf_printf (&q->msg, "%zu field%s where the header has %zu", n, n == 1 ? "" : "s",
                     tc->ncols);
      return cc_buf_cstr (&q->msg);
    }
  const cc_val *tv = &vals[tc->time];
  if (cc_time_parse_local (tv->p, tv->n, &e->t) != 0)
    {
      q->msg.n = 0;
      cc_buf_printf (&q->msg,
                     "bad time '%.*s' (YYYY-MM-DD HH:MM:SS[.FRACTION] in --tz, or epoch "
                     "seconds)",
                     mlen (tv->p, tv->n), tv->p);
      return cc_buf_cstr (&q->msg);
    }
  e->callid = (cc_str){ vals[tc->callid].p, vals[tc->callid].n };
  e->queue = (cc_str){ vals[tc->queue].p, vals[tc->queue].n };
  e->agent = (cc_str){ vals[tc->agent].p, vals[tc->agent].n };
  e->name = (cc_str){ vals[tc->event].p, vals[tc->event].n };
  e->nd = 0;
  bool split = false;
  for (int i = 0; i < 5; i++)
    if (tc->dn[i] >= 0 && !is_sql_null (&vals[tc->dn[i]]) && vals[tc->dn[i]].n)
      split = true;
  if (split)
    {
      for (int i = 0; i < 5; i++)
        {
          if (tc->dn[i] < 0)
            break;
          const cc_val *v = &vals[tc->dn[i]];
          const char *p = is_sql_null (v) ? "" : v->p;
          size_t len = is_sql_null (v) ? 0 : v->n;
          if (i < 4)
            {
              add_data (e, p, len);
              continue;
            }
          /* data5 keeps the remainder, pipes included.  */
          for (size_t pos = 0;;)
            {
              const char *bar = memchr (p + pos, '|', len - pos);
              size_t end = bar ? (size_t)(bar - p) : len;
              add_data (e, p + pos, end - pos);
              if (!bar)
                break;
              pos = end + 1;
            }
        }
      /* Empty columns past the event's fields are not fields.  */
      while (e->nd > 0 && e->d[e->nd - 1].n == 0)
        e->nd--;
    }
  else if (tc->data >= 0 && !is_sql_null (&vals[tc->data]) && vals[tc->data].n)
    {
      const char *p = vals[tc->data].p;
      size_t len = vals[tc->data].n;
      for (size_t pos = 0;;)
        {
          const char *bar = memchr (p + pos, '|', len - pos);
          size_t end = bar ? (size_t)(bar - p) : len;
          add_data (e, p + pos, end - pos);
          if (!bar)
            break;
          pos = end + 1;
        }
    }
  return NULL;
}

/* Case-insensitive comparison of a header name with LIT.  */
static bool
name_is (const cc_val *v, const char *lit)
{
  return cc_val_eq_ci (v, lit);
}

/* Find the columns of a table-export header (N values).  Returns true when
   it has an event column (it is a header).  */
static bool
header_cols (const cc_val *h, size_t n, tcols *tc)
{
  tc->time = tc->callid = tc->queue = tc->agent = tc->event = tc->data = -1;
  for (int i = 0; i < 5; i++)
    tc->dn[i] = -1;
  tc->ncols = n;
  for (size_t i = 0; i < n; i++)
    {
      const cc_val *v = &h[i];
      int *slot = NULL;
      if (name_is (v, "time") || name_is (v, "time_id"))
        slot = &tc->time;
      else if (name_is (v, "callid") || name_is (v, "call_id"))
        slot = &tc->callid;
      else if (name_is (v, "queuename") || name_is (v, "queue") || name_is (v, "queue_name"))
        slot = &tc->queue;
      else if (name_is (v, "agent"))
        slot = &tc->agent;
      else if (name_is (v, "event") || name_is (v, "verb"))
        slot = &tc->event;
      else if (name_is (v, "data"))
        slot = &tc->data;
      else if (v->n == 5 && (v->p[0] | 0x20) == 'd' && (v->p[1] | 0x20) == 'a'
               && (v->p[2] | 0x20) == 't' && (v->p[3] | 0x20) == 'a' && v->p[4] >= '1'
               && v->p[4] <= '5')
        slot = &tc->dn[v->p[4] - '1'];
      if (slot && *slot < 0)
        *slot = (int)i;
    }
  return tc->event >= 0;
}

/* Intern input name PATH; its index.  */
static uint32_t
file_add (cc_qlog *q, const char *path)
{
  q->files = cc_xrealloc (q->files, (q->nfiles + 1) * sizeof *q->files);
  q->files[q->nfiles] = cc_xstrdup (path);
  return (uint32_t)q->nfiles++;
}

/* Skip input to the end of the line that starts at R->pos (or the end of the
   input); count that line end in *LINE.  Returns 0 or -1 (read error).  */
static int
skip_line (rd *r, uint64_t *line)
{
  for (;;)
    {
      const char *nl = memchr (r->buf + r->pos, '\n', r->end - r->pos);
      if (nl)
        {
          r->pos = (size_t)(nl - r->buf) + 1;
          (*line)++;
          return 0;
        }
      r->pos = r->end;
      if (r->eof)
        return 0;
      if (rd_fill (r, 0) < 0)
        return -1;
    }
}

int
cc_qlog_read (cc_qlog *q, const char *path, cc_sink *sink, cc_srcdiag *diag)
{
  bool std = strcmp (path, "-") == 0;
  int fd = std ? STDIN_FILENO : open (path, O_RDONLY);
  if (fd < 0)
    {
      cc_err ("cannot open %s: %s", path, strerror (errno));
      return -1;
    }
  uint32_t fi = file_add (q, path);
  q->sink = sink;
  q->diag = diag;
  size_t limit = q->o.max_line;
  rd r = { 0 };
  r.fd = fd;
  uint64_t line = 0; /* lines consumed */
  int rc = 0;
  bool table = false, first = true, bom_checked = false;
  tcols tc;
  cc_csvp *csv = NULL;
  ev *e = &q->e;
  char toolong[96];
  snprintf (toolong, sizeof toolong, "line longer than %zu bytes (--max-field-size)", limit);

  for (;;)
    {
      if (!bom_checked)
        {
          if (r.end - r.pos < 3 && !r.eof)
            {
              if (rd_fill (&r, 0) < 0)
                goto read_error;
              continue;
            }
          if (r.end - r.pos >= 3 && memcmp (r.buf + r.pos, "\xEF\xBB\xBF", 3) == 0)
            r.pos += 3;
          bom_checked = true;
        }
      if (r.pos == r.end && r.eof)
        break;
      if (table)
        {
          /* A CSV record.  */
          size_t avail = r.end - r.pos;
          bool eof = r.eof;
          if (avail > limit + 2)
            avail = limit + 2, eof = false;
          cc_parse_out out;
          int st = cc_csv_record (csv, r.buf + r.pos, avail, eof, &out);
          if (st == CC_PARSE_MORE)
            {
              if (avail >= limit + 2)
                {
                  snprintf (toolong, sizeof toolong,
                            "record longer than %zu bytes "
                            "(--max-field-size)",
                            limit);
                  if (cc_sink_bad (sink, path, line + 1, 0, toolong, r.buf + r.pos,
                                   r.end - r.pos < 1024 ? r.end - r.pos : 1024)
                      != 0)
                    {
                      rc = -1;
                      break;
                    }
                  if (skip_line (&r, &line) < 0)
                    goto read_error;
                  continue;
                }
              if (rd_fill (&r, limit + 2) < 0)
                goto read_error;
              continue;
            }
          uint64_t here = line + 1;
          const char *raw = r.buf + r.pos;
          r.pos += out.used;
          line += out.lines;
          if (st == CC_PARSE_BLANK)
            continue;
          if (st == CC_PARSE_BAD)
            {
              if (cc_sink_bad (sink, path, here + out.errline, out.col, out.err, raw, out.rawlen)
                  != 0)
                {
                  rc = -1;
                  break;
                }
              continue;
            }
          if (out.rawlen > limit)
            {
              if (cc_sink_bad (sink, path, here, 0, toolong, raw,
                               out.rawlen > 1024 ? 1024 : out.rawlen)
                  != 0)
                {
                  rc = -1;
                  break;
                }
              continue;
            }
          const char *why = split_table (q, &tc, out.vals, out.n);
          if (why)
            {
              if (cc_sink_bad (sink, path, here, 0, why, raw, out.rawlen) != 0)
                {
                  rc = -1;
                  break;
                }
              continue;
            }
          e->raw = raw;
          e->rawlen = out.rawlen;
          e->file = fi;
          e->line = here;
          if (take (q, e, sink, diag) != 0)
            {
              rc = -1;
              break;
            }
          continue;
        }

      /* A native line (or the first line, which decides).  */
      const char *b = r.buf + r.pos;
      const char *nl = memchr (b, '\n', r.end - r.pos);
      if (!nl && !r.eof && r.end - r.pos <= limit + 1)
        {
          if (rd_fill (&r, limit + 2) < 0)
            goto read_error;
          continue;
        }
      size_t len = nl ? (size_t)(nl - b) : r.end - r.pos;
      size_t n = len && b[len - 1] == '\r' ? len - 1 : len;
      uint64_t here = line + 1;
      if (n > limit)
        {
          if (cc_sink_bad (sink, path, here, 0, toolong, b, len < 1024 ? len : 1024) != 0)
            {
              rc = -1;
              break;
            }
          if (skip_line (&r, &line) < 0)
            goto read_error;
          first = false;
          continue;
        }
      if (n == 0)
        {
          r.pos += nl ? len + 1 : len;
          line += nl ? 1 : 0;
          continue;
        }
      if (first)
        {
          first = false;
          /* Digits then '|': native.  Otherwise a CSV header with an event
             column: a table export.  Otherwise native (and bad).  */
          size_t i = 0;
          while (i < n && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.'))
            i++;
          if (!(i > 0 && i < n && b[i] == '|'))
            {
              csv = cc_csvp_new (limit);
              cc_parse_out out;
              int st = cc_csv_record (csv, b, nl ? len + 1 : len, true, &out);
              if (st == CC_PARSE_OK && header_cols (out.vals, out.n, &tc))
                {
                  const char *missing = tc.time < 0     ? "time (or time_id)"
                                        : tc.callid < 0 ? "callid (or call_id)"
                                        : tc.queue < 0  ? "queuename (or queue)"
                                        : tc.agent < 0  ? "agent"
                                                        : NULL;
                  if (missing)
                    {
                      cc_err_at (path, here, 0, "bad table header: no column %s", missing);
                      rc = -1;
                      break;
                    }
                  table = true;
                  r.pos += out.used;
                  line += out.lines;
                  continue;
                }
              cc_csvp_free (csv);
              csv = NULL;
            }
        }
      uint64_t col;
      const char *why = split_native (q, b, n, &col);
      if (why)
        {
          if (cc_sink_bad (sink, path, here, col, why, b, n) != 0)
            {
              rc = -1;
              break;
            }
        }
      else
        {
          e->raw = b;
          e->rawlen = n;
          e->file = fi;
          e->line = here;
          if (take (q, e, sink, diag) != 0)
            {
              rc = -1;
              break;
            }
        }
      r.pos += nl ? len + 1 : len;
      line += nl ? 1 : 0;
    }
  goto done;
read_error:
  cc_err ("%s: read error: %s", path, strerror (errno));
  rc = -1;
done:
  cc_csvp_free (csv);
  free (r.buf);
  if (!std)
    close (fd);
  return rc;
}

/* Order of agents and of reasons by name (bytes), for qsort.  */
static int
agent_cmp (const void *x, const void *y)
{
  return strcmp (((const cc_qlog_agent *)x)->name, ((const cc_qlog_agent *)y)->name);
}

static int
reason_cmp (const void *x, const void *y)
{
  return strcmp (((const cc_qlog_pause *)x)->reason, ((const cc_qlog_pause *)y)->reason);
}

int
cc_qlog_finish (cc_qlog *q, cc_sink *sink, cc_srcdiag *diag, cc_qlog_agents *agents)
{
  q->sink = sink;
  q->diag = diag;
  int rc = order_flush (q, sink, diag);
  while (rc == 0 && q->open_head)
    {
      visit *v = q->open_head;
      if (v->dumped)
        {
          if (visit_end_dumped (q, v, sink, diag, q->latest) != 0)
            {
              rc = -1;
              break;
            }
          continue;
        }
      if (v->state == V_CONN)
        qdiag (q, sink, diag, "incomplete", v->file, v->line, v->raw, v->rawlen,
               "call %.*s in queue %.*s still connected to %.*s at the end of the input: left "
               "out",
               mlen (v_callid (v), v_callid_len (v)), v_callid (v), mlen (v_queue (v), v->qlen),
               v_queue (v), mlen (v->agent ? v->agent : "", v->agent ? strlen (v->agent) : 0),
               v->agent ? v->agent : "");
      else
        qdiag (q, sink, diag, "incomplete", v->file, v->line, v->raw, v->rawlen,
               "call %.*s in queue %.*s still waiting at the end of the input: left out",
               mlen (v_callid (v), v_callid_len (v)), v_callid (v), mlen (v_queue (v), v->qlen),
               v_queue (v));
      visit_drop (q, v);
    }
  /* Close the agents' sessions and pauses at the last time seen.  */
  cc_usec t = q->latest;
  for (size_t i = 0; i < q->nag; i++)
    {
      agent *a = &q->ag[i];
      if (a->nsess > 0)
        {
          cover_run (q, a, a->since, t);
          a->since = t;
        }
      if (agent_paused (a))
        {
          pause_end (q, a, t);
          a->pause_since = t;
        }
    }
  if (agents)
    {
      agents->n = q->nag;
      agents->a = cc_xcalloc (q->nag + 1, sizeof *agents->a);
      for (size_t i = 0; i < q->nag; i++)
        {
          agent *a = &q->ag[i];
          cc_qlog_agent *o = &agents->a[i];
          o->name = cc_xstrdup (a->name);
          o->rna = a->rna;
          o->login_known = a->login_known;
          o->login_inferred = a->login_inferred;
          o->login_us = a->login_us;
          o->reasons = cc_xcalloc (a->nreasons + 1, sizeof *o->reasons);
          for (size_t k = 0; k < a->nreasons; k++)
            {
              /* A reason whose pauses all lie outside the report range is
                 not one of the figures.  */
              if (a->reasons[k].pauses == 0 && a->reasons[k].us == 0)
                continue;
              cc_qlog_pause *r = &o->reasons[o->nreasons++];
              r->reason = cc_xstrdup (a->reasons[k].reason);
              r->pauses = a->reasons[k].pauses;
              r->us = a->reasons[k].us;
              o->pause_us = add_sat (o->pause_us, r->us);
              o->pauses += r->pauses;
            }
          if (o->nreasons > 1)
            qsort (o->reasons, o->nreasons, sizeof *o->reasons, reason_cmp);
        }
      if (agents->n > 1)
        qsort (agents->a, agents->n, sizeof *agents->a, agent_cmp);
    }
  return rc;
}
