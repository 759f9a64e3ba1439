/* Reading the ccroute roster (see ccroute(1)): one agent per record, CSV or
   JSON Lines, read by cc_scan with one thread and no reject stream, so the
   first bad record stops the load with its FILE:LINE (the reader's own
   errors - quotes, UTF-8, column counts, field sizes - and ours alike).

   Columns: agent (required), skills, channels, shift, wrapup_s, weight;
   others are ignored.  rt_model_load (config.c) calls rt_roster_load after
   the queues and the synthetic agents are made.  */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_scan.h"
#include "cc_time.h"
#include "cc_utf8.h"
#include "model.h"
#include "roster.h"

#define MAX_AGENT_WEIGHT 1e6 /* largest weighted-random weight */

/* The roster's columns.  */
enum
{
  S_AGENT,
  S_SKILLS,
  S_CHANNELS,
  S_SHIFT,
  S_WRAPUP,
  S_WEIGHT,
  NSLOTS
};

static const char *const slot_names[NSLOTS]
    = { "agent", "skills", "channels", "shift", "wrapup_s", "weight" };

/* A shift span being read, with its text for messages.  */
typedef struct span
{
  rt_shift s;
  const char *p; /* its text in the field */
  size_t n;
} span;

/* The state of one roster load (the cc_scan tool and context).  */
typedef struct roster
{
  rt_model *m;
  size_t acap;                         /* agents allocated in m->agents */
  int32_t *atab;                       /* agent names: open addressing, index or -1 */
  size_t amask;                        /* table size - 1 */
  uint32_t *chmask;                    /* per skill: the channels of the queues needing it */
  size_t nchmask;                      /* skills covered by chmask */
  bool queue_channel[RT_MAX_CHANNELS]; /* a queue (or the template) uses the channel */
  bool warned[RT_MAX_CHANNELS];        /* "no queue uses it" said for the channel */
  cc_buf why;                          /* the reason for refusing the last record */
  rt_agent_skill *sk;                  /* scratch: the skills of the record */
  size_t skcap;
  span sp[RT_MAX_SHIFTS]; /* scratch: its shift spans */
} roster;

/* Set R's reason to the formatted message and return it.  */
static const char *why (roster *r, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static const char *
why (roster *r, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int len = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  r->why.n = 0;
  cc_buf_reserve (&r->why, len > 0 ? (size_t) len : 0);
  va_start (ap, fmt);
  vsnprintf (r->why.p, r->why.cap, fmt, ap);
  va_end (ap);
  return r->why.p;
}

/* The arguments of "'%.*s'" quoting P[0..N).  */
#define QN(p, n) cc_utf8_cut ((p), (n), 60), (p)

/* The agent called NAME (N bytes), or -1.  */
static long
agent_find (const roster *r, const char *name, size_t n)
{
  if (!r->atab)
    return -1;
  for (size_t h = rt_name_hash (name, n) & r->amask;; h = (h + 1) & r->amask)
    {
      int32_t i = r->atab[h];
      if (i < 0)
        return -1;
      const char *a = r->m->agents[i].name;
      if (strncmp (a, name, n) == 0 && a[n] == '\0')
        return i;
    }
}

/* Enter agent COUNT - 1 of the model (growing the table to stay at most
   half full).  */
static void
agent_add (roster *r, size_t count)
{
  size_t from = count - 1;
  if (!r->atab || count * 2 > r->amask + 1)
    {
      size_t size = 1024;
      while (size < count * 4)
        size *= 2;
      free (r->atab);
      r->atab = cc_xmalloc (size * sizeof *r->atab);
      memset (r->atab, 0xff, size * sizeof *r->atab);
      r->amask = size - 1;
      from = 0;
    }
  for (size_t i = from; i < count; i++)
    {
      const char *a = r->m->agents[i].name;
      size_t h = rt_name_hash (a, strlen (a)) & r->amask;
      while (r->atab[h] >= 0)
        h = (h + 1) & r->amask;
      r->atab[h] = (int32_t) i;
    }
}

/* Bring chmask up to date with the queues from index FROM on.  */
static void
chmask_update (roster *r, size_t from)
{
  const rt_model *m = r->m;
  if (r->nchmask < m->nskills)
    {
      r->chmask = cc_xrealloc (r->chmask, m->nskills * sizeof *r->chmask);
      memset (r->chmask + r->nchmask, 0, (m->nskills - r->nchmask) * sizeof *r->chmask);
      r->nchmask = m->nskills;
    }
  for (size_t i = from; i < m->nqueues; i++)
    r->chmask[m->queues[i].skill] |= UINT32_C (1) << m->queues[i].channel;
}

/* The next ';'-separated item of *P[0..*N) into *IT, *IN (trimmed); false
   at the end.  */
static bool
next_item (const char **p, size_t *n, const char **it, size_t *in, bool *more)
{
  if (!*more)
    return false;
  const char *semi = memchr (*p, ';', *n);
  size_t k = semi ? (size_t) (semi - *p) : *n;
  *it = *p;
  *in = k;
  rt_trim (it, in);
  *more = semi != NULL;
  if (semi)
    {
      *p = semi + 1;
      *n -= k + 1;
    }
  return true;
}

/* The last ':' in P[0..N), or NULL.  */
static const char *
last_colon (const char *p, size_t n)
{
  while (n--)
    if (p[n] == ':')
      return p + n;
  return NULL;
}

/* A whole number in [0, HI] from P[0..N) (no sign) into *OUT.  */
static int
whole (const char *p, size_t n, long hi, long *out)
{
  long v = 0;
  if (n == 0 || n > 9)
    return -1;
  for (size_t i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return -1;
      v = v * 10 + (p[i] - '0');
    }
  if (v > hi)
    return -1;
  *out = v;
  return 0;
}

/* Compare agent skills by skill index.  */
static int
skill_cmp (const void *a, const void *b)
{
  const rt_agent_skill *x = a, *y = b;
  return (x->skill > y->skill) - (x->skill < y->skill);
}

/* Compare shift spans by start.  */
static int
shift_cmp (const void *a, const void *b)
{
  const rt_shift *x = a, *y = b;
  return (x->a > y->a) - (x->a < y->a);
}

/* Read the skills V into r->sk (*NSK of them, sorted); NULL or a reason.  */
static const char *
read_skills (roster *r, const cc_val *v, size_t *nsk)
{
  rt_model *m = r->m;
  *nsk = 0;
  if (!v || v->n == 0)
    return NULL;
  const char *p = v->p, *it;
  size_t n = v->n, in;
  bool more = true;
  while (next_item (&p, &n, &it, &in, &more))
    {
      if (!in)
        return why (r, "empty item in skills '%.*s'", QN (v->p, v->n));
      const char *colon = last_colon (it, in);
      size_t nn = colon ? (size_t) (colon - it) : in;
      const char *name = it;
      rt_trim (&name, &nn);
      long level = 0;
      if (colon)
        {
          const char *l = colon + 1;
          size_t ln = (size_t) (it + in - l);
          rt_trim (&l, &ln);
          if (whole (l, ln, RT_LEVEL_MAX, &level) != 0)
            return why (r,
                        "bad level '%.*s' of skill '%.*s' (expected a whole number from 0 to %d)",
                        QN (l, ln), QN (name, nn), RT_LEVEL_MAX);
          if (m->proficiency)
            level = RT_LEVEL_MAX - level;
        }
      if (!nn)
        return why (r, "empty skill name in skills '%.*s'", QN (v->p, v->n));
      int s = rt_model_skill (m, name, nn);
      if (s < 0 && m->template)
        {
          if (rt_has_control (name, nn))
            return why (r, "skill name with a control character");
          size_t before = m->nqueues;
          int q = rt_model_add_queue (m, name, nn);
          if (q < 0)
            {
              if (m->nqueues >= RT_MAX_QUEUES)
                return why (r, "too many queues (at most %d) for skill '%.*s'", RT_MAX_QUEUES,
                            QN (name, nn));
              /* A queue of that name exists and needs another skill.  */
              return why (r, "unknown skill '%.*s' (queue '%.*s' needs skill '%s')", QN (name, nn),
                          QN (name, nn), m->skills[m->queues[rt_model_queue (m, name, nn)].skill]);
            }
          chmask_update (r, before);
          s = m->queues[q].skill;
        }
      if (s < 0)
        return why (r, "unknown skill '%.*s'", QN (name, nn));
      for (size_t k = 0; k < *nsk; k++)
        if (r->sk[k].skill == s)
          return why (r, "skill '%.*s' given twice", QN (name, nn));
      if (*nsk == r->skcap)
        {
          r->skcap = r->skcap ? r->skcap * 2 : 8;
          r->sk = cc_xrealloc (r->sk, r->skcap * sizeof *r->sk);
        }
      r->sk[*nsk].skill = s;
      r->sk[*nsk].level = (int) level;
      (*nsk)++;
    }
  qsort (r->sk, *nsk, sizeof *r->sk, skill_cmp);
  return NULL;
}

/* Read the channels V into CAP; NULL or a reason.  ROW is for warnings.  */
static const char *
read_channels (roster *r, const cc_val *v, int *cap, const cc_row *row)
{
  rt_model *m = r->m;
  if (!v || v->n == 0)
    {
      cap[0] = 1; /* voice:1 */
      return NULL;
    }
  bool given[RT_MAX_CHANNELS] = { false };
  const char *p = v->p, *it;
  size_t n = v->n, in;
  bool more = true;
  while (next_item (&p, &n, &it, &in, &more))
    {
      const char *colon = last_colon (it, in);
      const char *name = it, *c = colon ? colon + 1 : NULL;
      size_t nn = colon ? (size_t) (colon - it) : in, cn = colon ? (size_t) (it + in - c) : 0;
      rt_trim (&name, &nn);
      if (c)
        rt_trim (&c, &cn);
      if (!colon || !nn || rt_has_control (name, nn) || memchr (name, ':', nn))
        return why (r, "bad channels item '%.*s' (expected CHANNEL:CAPACITY, such as chat:3)",
                    QN (it, in));
      long k;
      if (whole (c, cn, RT_MAX_CAPACITY, &k) != 0)
        return why (r,
                    "bad capacity '%.*s' of channel '%.*s' (expected a whole number from 0 to %d)",
                    QN (c, cn), QN (name, nn), RT_MAX_CAPACITY);
      size_t before = m->nchannels;
      int ch = rt_model_add_channel (m, name, nn);
      if (ch < 0)
        return why (r, "too many channels (at most %d)", RT_MAX_CHANNELS);
      if (given[ch])
        return why (r, "channel '%s' given twice", m->channels[ch]);
      given[ch] = true;
      cap[ch] = (int) k;
      if (m->nchannels > before && !r->queue_channel[ch] && !r->warned[ch])
        {
          r->warned[ch] = true;
          cc_err_at (row->file, row->line, 0, "warning: channel '%s' is the channel of no queue",
                     m->channels[ch]);
        }
    }
  return NULL;
}

/* Parse one shift span P[0..N) into *S.  */
static int
parse_span (const char *p, size_t n, rt_shift *s)
{
  const char *slash = memchr (p, '/', n);
  if (slash)
    {
      const char *a = p, *b = slash + 1;
      size_t an = (size_t) (slash - p), bn = (size_t) (p + n - b);
      rt_trim (&a, &an);
      rt_trim (&b, &bn);
      cc_usec ta, tb;
      if (cc_time_parse (a, an, &ta) != 0 || cc_time_parse (b, bn, &tb) != 0)
        return -1;
      s->daily = false;
      s->a = ta;
      s->b = tb;
      return tb > ta ? 0 : 1;
    }
  const char *dash = memchr (p, '-', n);
  if (!dash)
    return -1;
  const char *a = p, *b = dash + 1;
  size_t an = (size_t) (dash - p), bn = (size_t) (p + n - b);
  rt_trim (&a, &an);
  rt_trim (&b, &bn);
  int32_t ta, tb;
  if (rt_parse_hhmm (a, an, false, &ta) != 0 || rt_parse_hhmm (b, bn, true, &tb) != 0)
    return -1;
  s->daily = true;
  s->a = ta;
  s->b = tb > ta ? tb : tb + 86400;
  return 0;
}

/* True when the half-open spans [A1, B1) and [A2, B2) meet.  */
static bool
meet (int64_t a1, int64_t b1, int64_t a2, int64_t b2)
{
  return a1 < b2 && a2 < b1;
}

/* True when the spans X and Y overlap (daily ones on the clock's circle).  */
static bool
overlap (const rt_shift *x, const rt_shift *y)
{
  if (!x->daily)
    return meet (x->a, x->b, y->a, y->b);
  return meet (x->a, x->b, y->a, y->b) || meet (x->a, x->b, y->a + 86400, y->b + 86400)
         || meet (x->a + 86400, x->b + 86400, y->a, y->b);
}

/* Read the shift V into r->sp (*NSP spans); NULL or a reason.  */
static const char *
read_shift (roster *r, const cc_val *v, size_t *nsp)
{
  *nsp = 0;
  if (!v || v->n == 0)
    return NULL;
  const char *p = v->p, *it;
  size_t n = v->n, in;
  bool more = true;
  while (next_item (&p, &n, &it, &in, &more))
    {
      if (*nsp == RT_MAX_SHIFTS)
        return why (r, "too many shift spans (at most %d)", RT_MAX_SHIFTS);
      span *s = &r->sp[*nsp];
      int rc = in ? parse_span (it, in, &s->s) : -1;
      if (rc < 0)
        return why (r, "bad shift span '%.*s' (expected HH:MM-HH:MM or TIME/TIME)", QN (it, in));
      if (rc > 0)
        return why (r, "bad shift span '%.*s' (its end is not after its start)", QN (it, in));
      if (*nsp && s->s.daily != r->sp[0].s.daily)
        return why (r, "shift mixes daily (HH:MM-HH:MM) and dated (TIME/TIME) spans");
      s->p = it;
      s->n = in;
      for (size_t k = 0; k < *nsp; k++)
        if (overlap (&r->sp[k].s, &s->s))
          return why (r, "shift spans '%.*s' and '%.*s' overlap", QN (r->sp[k].p, r->sp[k].n),
                      QN (it, in));
      (*nsp)++;
    }
  return NULL;
}

/* The cc_scan row function: check one agent and append it to the model.  */
static const char *
row_fn (void *ctx, const cc_row *row)
{
  roster *r = ctx;
  rt_model *m = r->m;
  const cc_val *v = cc_row_get (row, S_AGENT);
  if (!v || v->n == 0)
    return "missing agent name";
  if (rt_has_control (v->p, v->n))
    return "agent name with a control character";
  long dup = agent_find (r, v->p, v->n);
  if (dup >= 0)
    return why (r, "duplicate agent '%.*s' (first at %s:%u)", QN (v->p, v->n), m->agents[dup].file,
                m->agents[dup].line);
  if (m->nagents >= RT_MAX_AGENTS)
    return why (r, "too many agents (at most %d)", RT_MAX_AGENTS);

  rt_agent a = { 0 };
  a.wrapup_s = NAN;
  a.weight = 1;
  size_t nsk, nsp;
  const char *bad = read_skills (r, cc_row_get (row, S_SKILLS), &nsk);
  if (!bad)
    bad = read_channels (r, cc_row_get (row, S_CHANNELS), a.cap, row);
  if (!bad)
    bad = read_shift (r, cc_row_get (row, S_SHIFT), &nsp);
  if (bad)
    return bad;
  const cc_val *w = cc_row_get (row, S_WRAPUP);
  if (w && w->n)
    {
      if (rt_parse_dur (w->p, w->n, true, &a.wrapup_s) != 0)
        return why (r,
                    w->p[0] == '-' ? "bad wrapup_s '%.*s' (a duration cannot be negative)"
                                   : "bad wrapup_s '%.*s' (expected a duration such as 0, "
                                     "30, 30s or 2m)",
                    QN (w->p, w->n));
    }
  w = cc_row_get (row, S_WEIGHT);
  if (w && w->n)
    {
      if (rt_parse_decimal (w->p, w->n, &a.weight) != 0 || !(a.weight > 0)
          || a.weight > MAX_AGENT_WEIGHT)
        return why (r, "bad weight '%.*s' (expected a number above 0, at most 1000000)",
                    QN (w->p, w->n));
    }

  /* Every queue the agent serves needs capacity on its channel.  */
  for (size_t k = 0; k < nsk; k++)
    {
      int s = r->sk[k].skill;
      uint32_t need = r->chmask[s];
      for (size_t ch = 0; ch < m->nchannels; ch++)
        if ((((need >> ch) & 1) != 0) && a.cap[ch] == 0)
          {
            size_t q = 0;
            while (m->queues[q].skill != s || m->queues[q].channel != (int) ch)
              q++;
            return why (r, "agent '%.*s' serves queue '%s' (%s) but has no %s capacity",
                        QN (v->p, v->n), m->queues[q].name, m->channels[ch], m->channels[ch]);
          }
    }
  if (nsk == 0)
    cc_err_at (row->file, row->line, 0, "warning: agent '%.*s' has no skill of any queue",
               QN (v->p, v->n));

  a.name = cc_xmemdup (v->p, v->n);
  if (nsk)
    {
      a.skills = cc_xmalloc (nsk * sizeof *a.skills);
      memcpy (a.skills, r->sk, nsk * sizeof *a.skills);
    }
  a.nskills = nsk;
  if (nsp)
    {
      a.shifts = cc_xmalloc (nsp * sizeof *a.shifts);
      for (size_t k = 0; k < nsp; k++)
        a.shifts[k] = r->sp[k].s;
      qsort (a.shifts, nsp, sizeof *a.shifts, shift_cmp);
    }
  a.nshifts = nsp;
  a.file = m->roster_path;
  a.line = row->line > UINT32_MAX ? UINT32_MAX : (unsigned) row->line;
  if (m->nagents == r->acap)
    {
      r->acap = r->acap ? r->acap * 2 : 64;
      m->agents = cc_xrealloc (m->agents, r->acap * sizeof *m->agents);
    }
  m->agents[m->nagents++] = a;
  agent_add (r, m->nagents);
  return NULL;
}

/* The CSV header check: the agent column is required.  */
static const char *
header_fn (void *tool, const cc_str *names, size_t n, const int32_t *slot)
{
  (void) tool;
  (void) names;
  (void) n;
  return slot[S_AGENT] < 0 ? "the roster has no 'agent' column" : NULL;
}

int
rt_roster_load (rt_model *m, const char *path)
{
  roster r = { 0 };
  r.m = m;
  r.acap = m->nagents;
  for (size_t i = 0; i < m->nqueues; i++)
    r.queue_channel[m->queues[i].channel] = true;
  if (m->template)
    r.queue_channel[m->template->channel] = true;
  chmask_update (&r, 0);
  for (size_t i = 0; i < m->nagents; i++)
    agent_add (&r, i + 1); /* the synthetic agents, for duplicates */

  static const cc_slots slots = { slot_names, NSLOTS };
  cc_scan_opts o = { 0 };
  o.format = CC_FMT_AUTO;
  o.slots = &slots;
  o.threads = 1;
  o.tool = &r;
  o.ctx_new = cc_scan_self_new;
  o.ctx_merge = cc_scan_self_merge;
  o.ctx_free = cc_scan_self_free;
  o.row = row_fn;
  o.header = header_fn;
  o.quiet = 1;
  void *ctx = &r;
  cc_scan_result res;
  int rc = cc_scan (path, &o, &ctx, &res);
  if (rc == 0 && res.rows == 0)
    cc_err_at (path, 0, 0, "warning: the roster has no agents");
  free (r.atab);
  free (r.chmask);
  free (r.sk);
  cc_buf_free (&r.why);
  return rc == 0 ? 0 : -1;
}
