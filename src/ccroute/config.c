/* Reading the ccroute configuration file (see ccroute(1)) into the model of
   model.h; then the synthetic agents of "agents = N", the roster (roster.c)
   and the checks that need both.

   The file is read in two passes.  The first splits it into sections and
   "key = value" entries, checking the syntax, the section and key names and
   duplicates, and creates every queue in section order (so that a target
   may name a queue defined further down).  The second reads the values:
   [sim] first (skill_levels decides how levels read), then the queue
   sections in file order.  Every error names FILE:LINE.  */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_dist.h"
#include "cc_num.h"
#include "cc_time.h"
#include "cc_utf8.h"
#include "model.h"
#include "roster.h"

#define MAX_WEIGHT 1000000            /* queue weight */
#define MAX_PRIORITY 1000000          /* queue priority, either sign */
#define MAX_MAXLEN 1000000000L        /* queue maxlen */
#define MAX_RATE_N 1e12               /* the N of N/UNIT */

/* The lookup tables behind rt_model_queue and rt_model_skill: open
   addressing over the names, slots hold an index or -1.  */
struct rt_index
{
  int32_t *qtab; /* queue names */
  size_t qmask;  /* table size - 1 (a power of two minus one) */
  int32_t *stab; /* skill names */
  size_t smask;
  size_t qalloc; /* elements allocated in m->queues */
  size_t salloc; /* elements allocated in m->skills */
};

/* FNV-1a of S[0..N) (shared with roster.c through roster.h).  */
size_t
rt_name_hash (const char *s, size_t n)
{
  uint64_t h = UINT64_C (0xCBF29CE484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) s[i]) * UINT64_C (0x100000001B3);
  return (size_t) (h ^ (h >> 32));
}

/* Name I of table WHICH (0 queues, 1 skills).  */
static const char *
tab_name (const rt_model *m, int which, size_t i)
{
  return which ? m->skills[i] : m->queues[i].name;
}

/* True when the NUL-terminated A is the N bytes at B.  */
static bool
name_is (const char *a, const char *b, size_t n)
{
  return strncmp (a, b, n) == 0 && a[n] == '\0';
}

/* The index of NAME (N bytes) in table WHICH, or -1; a linear search when
   the model has no index (built by hand).  */
static int
tab_find (const rt_model *m, int which, const char *name, size_t n)
{
  size_t count = which ? m->nskills : m->nqueues;
  const struct rt_index *x = m->index;
  const int32_t *t = x ? (which ? x->stab : x->qtab) : NULL;
  if (!t)
    {
      for (size_t i = 0; i < count; i++)
        if (name_is (tab_name (m, which, i), name, n))
          return (int) i;
      return -1;
    }
  size_t mask = which ? x->smask : x->qmask;
  for (size_t h = rt_name_hash (name, n) & mask;; h = (h + 1) & mask)
    {
      int32_t i = t[h];
      if (i < 0)
        return -1;
      if (name_is (tab_name (m, which, (size_t) i), name, n))
        return i;
    }
}

/* The index of M, made when missing.  */
static struct rt_index *
index_of (rt_model *m)
{
  if (!m->index)
    {
      m->index = cc_xcalloc (1, sizeof *m->index);
      m->index->qalloc = m->nqueues;
      m->index->salloc = m->nskills;
    }
  return m->index;
}

/* Enter element COUNT - 1 of table WHICH (just appended), growing the table
   to keep it at most half full.  */
static void
tab_add (rt_model *m, int which, size_t count)
{
  struct rt_index *x = index_of (m);
  int32_t **t = which ? &x->stab : &x->qtab;
  size_t *mask = which ? &x->smask : &x->qmask;
  size_t from = count - 1;
  if (!*t || count * 2 > *mask + 1)
    {
      size_t size = 16;
      while (size < count * 4)
        size *= 2;
      free (*t);
      *t = cc_xmalloc (size * sizeof **t);
      memset (*t, 0xff, size * sizeof **t);
      *mask = size - 1;
      from = 0;
    }
  for (size_t i = from; i < count; i++)
    {
      const char *s = tab_name (m, which, i);
      size_t h = rt_name_hash (s, strlen (s)) & *mask;
      while ((*t)[h] >= 0)
        h = (h + 1) & *mask;
      (*t)[h] = (int32_t) i;
    }
}

int
rt_model_queue (const rt_model *m, const char *name, size_t n)
{
  return tab_find (m, 0, name, n);
}

int
rt_model_skill (const rt_model *m, const char *name, size_t n)
{
  return tab_find (m, 1, name, n);
}

/* The index of skill NAME (N bytes), added when new.  */
static int
add_skill (rt_model *m, const char *name, size_t n)
{
  int s = rt_model_skill (m, name, n);
  if (s >= 0)
    return s;
  struct rt_index *x = index_of (m);
  if (m->nskills == x->salloc)
    {
      x->salloc = x->salloc ? x->salloc * 2 : 16;
      m->skills = cc_xrealloc (m->skills, x->salloc * sizeof *m->skills);
    }
  m->skills[m->nskills++] = cc_xmemdup (name, n);
  tab_add (m, 1, m->nskills);
  return (int) m->nskills - 1;
}

/* ASCII lower case of C.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

int
rt_model_channel (const rt_model *m, const char *name, size_t n)
{
  for (size_t i = 0; i < m->nchannels; i++)
    {
      const char *c = m->channels[i];
      size_t k = 0;
      while (k < n && c[k] && c[k] == lower (name[k]))
        k++;
      if (k == n && c[k] == '\0')
        return (int) i;
    }
  return -1;
}

int
rt_model_add_channel (rt_model *m, const char *name, size_t n)
{
  int c = rt_model_channel (m, name, n);
  if (c >= 0)
    return c;
  if (m->nchannels >= RT_MAX_CHANNELS)
    return -1;
  char *s = cc_xmemdup (name, n);
  for (size_t i = 0; i < n; i++)
    s[i] = lower (s[i]);
  m->channels[m->nchannels++] = s;
  return (int) m->nchannels - 1;
}

/* A deep copy of distribution D.  */
static cc_dist
dist_copy (const cc_dist *d)
{
  cc_dist c = *d;
  if (d->vals)
    {
      c.vals = cc_xmalloc (d->n * sizeof *d->vals);
      memcpy (c.vals, d->vals, d->n * sizeof *d->vals);
    }
  return c;
}

/* A queue with the defaults of ccroute(1): skill -1 (set later), voice,
   longest-idle, no timeout, hang-up targets, a ring timeout of 15 s, a
   retry after 5 s, no handle, infinite patience.  */
static rt_queue
queue_defaults (void)
{
  rt_queue q = { 0 };
  q.skill = -1;
  q.strategy = RT_LONGEST_IDLE;
  q.timeout_s = INFINITY;
  q.join_empty = true;
  q.ring_timeout_s = 15;
  q.retry_s = 5;
  q.answer_delay = cc_dist_fixed (0);
  q.handle = cc_dist_fixed (0);
  q.patience.kind = CC_DIST_NONE;
  q.patience.mean = INFINITY;
  q.start_level = RT_LEVEL_MAX;
  q.synth_capacity = 1;
  return q;
}

/* Append queue Q (its name set) to M; returns its index.  The caller has
   checked RT_MAX_QUEUES and that the name is new.  */
static int
push_queue (rt_model *m, const rt_queue *q)
{
  struct rt_index *x = index_of (m);
  if (m->nqueues == x->qalloc)
    {
      x->qalloc = x->qalloc ? x->qalloc * 2 : 16;
      m->queues = cc_xrealloc (m->queues, x->qalloc * sizeof *m->queues);
    }
  m->queues[m->nqueues++] = *q;
  tab_add (m, 0, m->nqueues);
  return (int) m->nqueues - 1;
}

int
rt_model_add_queue (rt_model *m, const char *name, size_t n)
{
  const rt_queue *t = m->template;
  if (!t || n == 0 || m->nqueues >= RT_MAX_QUEUES || rt_model_queue (m, name, n) >= 0)
    return -1;
  rt_queue q = *t;
  q.name = cc_xmemdup (name, n);
  q.answer_delay = dist_copy (&t->answer_delay);
  q.handle = dist_copy (&t->handle);
  q.patience = dist_copy (&t->patience);
  if (t->nexpand)
    {
      q.expand = cc_xmalloc (t->nexpand * sizeof *t->expand);
      memcpy (q.expand, t->expand, t->nexpand * sizeof *t->expand);
    }
  q.rate = NULL; /* a template has no rate */
  q.nrate = 0;
  q.synth_agents = 0;
  q.from_template = true;
  bool existed = rt_model_skill (m, name, n) >= 0;
  q.skill = add_skill (m, name, n);
  q.served = false;
  for (size_t i = 0; existed && i < m->nagents && !q.served; i++)
    for (size_t k = 0; k < m->agents[i].nskills; k++)
      if (m->agents[i].skills[k].skill == q.skill)
        q.served = true;
  return push_queue (m, &q);
}

/* Free what queue Q owns.  */
static void
queue_free (rt_queue *q)
{
  free (q->name);
  cc_dist_free (&q->answer_delay);
  cc_dist_free (&q->handle);
  cc_dist_free (&q->patience);
  free (q->expand);
  free (q->rate);
}

void
rt_model_free (rt_model *m)
{
  for (size_t i = 0; i < m->nqueues; i++)
    queue_free (&m->queues[i]);
  free (m->queues);
  if (m->template)
    queue_free (m->template);
  free (m->template);
  for (size_t i = 0; i < m->nagents; i++)
    {
      free (m->agents[i].name);
      free (m->agents[i].skills);
      free (m->agents[i].shifts);
    }
  free (m->agents);
  for (size_t i = 0; i < m->nskills; i++)
    free (m->skills[i]);
  free (m->skills);
  for (size_t i = 0; i < m->nchannels; i++)
    free (m->channels[i]);
  free (m->conf_path);
  free (m->conf_dir);
  free (m->roster_path);
  if (m->index)
    {
      free (m->index->qtab);
      free (m->index->stab);
      free (m->index);
    }
  memset (m, 0, sizeof *m);
}

/* ---- Small parsers (shared with roster.c through roster.h).  ---- */

/* The arguments of "'%.*s'" quoting the NUL-terminated S.  */
#define Q(s) cc_utf8_cut ((s), strlen (s), 60), (s)

/* True when C is an ASCII digit.  */
static bool
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* True when P[0..N) spells zero: digits 0, an optional fraction of zeros,
   an optional unit.  */
static bool
is_zero (const char *p, size_t n)
{
  size_t i = 0, nd = 0;
  while (i < n && p[i] == '0')
    i++, nd++;
  if (nd == 0)
    return false;
  if (i < n && p[i] == '.')
    {
      size_t nf = 0;
      for (i++; i < n && p[i] == '0'; i++)
        nf++;
      if (nf == 0)
        return false;
    }
  if (i < n && strchr ("smhdw", p[i]))
    i++;
  return i == n;
}

int
rt_parse_dur (const char *p, size_t n, bool zero_ok, double *out)
{
  if (n == 0 || n > 40 || memchr (p, '\0', n))
    return -1;
  if (is_zero (p, n))
    {
      if (!zero_ok)
        return -1;
      *out = 0;
      return 0;
    }
  char buf[48];
  memcpy (buf, p, n);
  buf[n] = '\0';
  double v;
  if (cc_duration_parse (buf, &v) != 0 || !(v <= RT_MAX_DUR))
    return -1;
  *out = v;
  return 0;
}

int
rt_parse_decimal (const char *p, size_t n, double *out)
{
  size_t i = 0;
  if (n == 0 || n > 40 || !is_digit (p[0]))
    return -1;
  while (i < n && is_digit (p[i]))
    i++;
  if (i < n)
    {
      if (p[i] != '.' || i + 1 == n)
        return -1;
      for (i++; i < n; i++)
        if (!is_digit (p[i]))
          return -1;
    }
  char buf[48];
  memcpy (buf, p, n);
  buf[n] = '\0';
  *out = strtod (buf, NULL); /* the C locale: ccroute never sets another */
  return 0;
}

int
rt_parse_hhmm (const char *p, size_t n, bool end_ok, int32_t *sec)
{
  if (n < 4 || n > 5 || p[n - 3] != ':')
    return -1;
  for (size_t i = 0; i < n; i++)
    if (i != n - 3 && !is_digit (p[i]))
      return -1;
  int h = n == 5 ? (p[0] - '0') * 10 + (p[1] - '0') : p[0] - '0';
  int mi = (p[n - 2] - '0') * 10 + (p[n - 1] - '0');
  if (mi > 59 || h > 24 || (h == 24 && (mi != 0 || !end_ok)))
    return -1;
  *sec = h * 3600 + mi * 60;
  return 0;
}

int
rt_parse_rate (const char *s, double *out)
{
  const char *slash = strchr (s, '/');
  double num, per = 3600;
  if (rt_parse_decimal (s, slash ? (size_t) (slash - s) : strlen (s), &num) != 0
      || !(num <= MAX_RATE_N))
    return -1;
  if (slash)
    {
      const char *u = slash + 1;
      if (is_digit (*u))
        {
          if (rt_parse_dur (u, strlen (u), false, &per) != 0)
            return -1;
        }
      else
        {
          char one[3] = { '1', *u, '\0' };
          if (!*u || u[1] || !strchr ("smhdw", *u) || cc_duration_parse (one, &per) != 0)
            return -1;
        }
    }
  *out = num / per;
  return 0;
}

/* ---- The file's structure.  ---- */

/* Keys: those of [sim], then those of [queue ...].  */
enum
{
  K_SL,
  K_SKILL_LEVELS,
  K_VOICE_BLOCKS,
  K_DEFAULT_QUEUE,
  K_SKILL, /* the first queue key */
  K_CHANNEL,
  K_STRATEGY,
  K_WEIGHT,
  K_PRIORITY,
  K_TIMEOUT,
  K_ON_TIMEOUT,
  K_MAXLEN,
  K_ON_FULL,
  K_JOIN_EMPTY,
  K_ON_EMPTY,
  K_LEAVE_EMPTY,
  K_RING_TIMEOUT,
  K_RNA,
  K_RETRY,
  K_RNA_PAUSE,
  K_ANSWER_DELAY,
  K_WRAPUP,
  K_EXPAND,
  K_START_LEVEL,
  K_RATE,
  K_HANDLE,
  K_PATIENCE,
  K_AGENTS,
  K_CAPACITY,
  NKEYS
};

static const char *const key_names[NKEYS] = {
  "sl",       "skill_levels", "voice_blocks", "default_queue", "skill",        "channel",
  "strategy", "weight",       "priority",     "timeout",       "on_timeout",   "maxlen",
  "on_full",  "join_empty",   "on_empty",     "leave_empty",   "ring_timeout", "rna",
  "retry",    "rna_pause",    "answer_delay", "wrapup",        "expand",       "start_level",
  "rate",     "handle",       "patience",     "agents",        "capacity",
};

/* Section kinds.  */
enum
{
  SEC_SIM,
  SEC_QUEUE,
  SEC_TEMPLATE
};

/* One "key = value" line.  */
typedef struct ent
{
  int key;       /* K_... */
  char *val;     /* the value, trimmed, NUL-terminated (owned) */
  unsigned line; /* its line */
} ent;

/* One section.  */
typedef struct sect
{
  int kind;      /* SEC_... */
  int queue;     /* SEC_QUEUE: index of its queue */
  unsigned line; /* line of its header */
  ent *e;        /* its entries, in file order */
  size_t ne, cap;
  unsigned seen[NKEYS]; /* line of each key given, 0 when absent */
} sect;

/* The state of one load.  */
typedef struct cfg
{
  rt_model *m;
  const char *file; /* the file name for messages (m->conf_path) */
  sect *s;          /* the sections, in file order */
  size_t ns, cap;
  int sim, tmpl;         /* index of [sim] and [queue *] in s, or -1 */
  unsigned *agents_line; /* per queue: line of its "agents" key */
} cfg;

/* Print "ccroute: FILE:LINE: message" for the configuration of C.  */
static void fail (const cfg *c, unsigned line, const char *fmt, ...)
    __attribute__ ((format (printf, 3, 4)));

static void
fail (const cfg *c, unsigned line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int len = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  if (len < 0)
    len = 0;
  char *msg = cc_xmalloc ((size_t) len + 1);
  va_start (ap, fmt);
  vsnprintf (msg, (size_t) len + 1, fmt, ap);
  va_end (ap);
  cc_err_at (c->file, line, 0, "%s", msg);
  free (msg);
}

/* True when C is a blank (space or tab).  */
static bool
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* True when P[0..N) holds an ASCII control character (shared with
   roster.c).  */
bool
rt_has_control (const char *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if ((unsigned char) p[i] < 0x20 || p[i] == 0x7f)
      return true;
  return false;
}

/* Trim the blanks around *P[0..*N) (shared with roster.c).  */
void
rt_trim (const char **p, size_t *n)
{
  while (*n && is_blank (**p))
    (*p)++, (*n)--;
  while (*n && is_blank ((*p)[*n - 1]))
    (*n)--;
}

/* The header of section S as the file writes it, for messages ("[sim]",
   "[queue sales]").  Returns a string owned by the caller.  */
static char *
sect_title (const cfg *c, const sect *s)
{
  cc_buf b = { 0 };
  if (s->kind == SEC_SIM)
    cc_buf_adds (&b, "[sim]");
  else if (s->kind == SEC_TEMPLATE)
    cc_buf_adds (&b, "[queue *]");
  else
    cc_buf_printf (&b, "[queue %.*s]", Q (c->m->queues[s->queue].name));
  cc_buf_cstr (&b);
  return b.p;
}

/* Handle the section header P[0..N) (trimmed, starting with '[') at LINE.
   Returns 0 or -1.  */
static int
read_header (cfg *c, const char *p, size_t n, unsigned line)
{
  rt_model *m = c->m;
  const char *close = memchr (p, ']', n);
  if (!close)
    {
      fail (c, line, "'[' without ']'");
      return -1;
    }
  if (close + 1 != p + n)
    {
      fail (c, line, "text after ']'");
      return -1;
    }
  const char *in = p + 1;
  size_t k = (size_t) (close - in);
  rt_trim (&in, &k);
  size_t w = 0;
  while (w < k && !is_blank (in[w]))
    w++;
  const char *name = in + w;
  size_t nn = k - w;
  rt_trim (&name, &nn);
  sect s = { 0 };
  s.line = line;
  s.queue = -1;
  if (w == 3 && memcmp (in, "sim", 3) == 0)
    {
      if (nn)
        {
          fail (c, line, "section [sim] takes no name");
          return -1;
        }
      if (c->sim >= 0)
        {
          fail (c, line, "duplicate section [sim] (first at line %u)", c->s[c->sim].line);
          return -1;
        }
      s.kind = SEC_SIM;
      c->sim = (int) c->ns;
    }
  else if (w == 5 && memcmp (in, "queue", 5) == 0)
    {
      if (!nn)
        {
          fail (c, line, "section [queue] needs a name: [queue NAME] or [queue *]");
          return -1;
        }
      if (nn == 1 && *name == '*')
        {
          if (c->tmpl >= 0)
            {
              fail (c, line, "duplicate section [queue *] (first at line %u)", c->s[c->tmpl].line);
              return -1;
            }
          s.kind = SEC_TEMPLATE;
          c->tmpl = (int) c->ns;
          m->template = cc_xmalloc (sizeof *m->template);
          *m->template = queue_defaults ();
          m->template->name = cc_xstrdup ("*");
          m->template->file = m->conf_path;
          m->template->line = line;
        }
      else
        {
          if (rt_has_control (name, nn))
            {
              fail (c, line, "queue name with a control character");
              return -1;
            }
          int q = rt_model_queue (m, name, nn);
          if (q >= 0)
            {
              fail (c, line, "duplicate section [queue %.*s] (first at line %u)",
                    cc_utf8_cut (name, nn, 60), name, m->queues[q].line);
              return -1;
            }
          if (m->nqueues >= RT_MAX_QUEUES)
            {
              fail (c, line, "too many queues (at most %d)", RT_MAX_QUEUES);
              return -1;
            }
          rt_queue qu = queue_defaults ();
          qu.name = cc_xmemdup (name, nn);
          qu.file = m->conf_path;
          qu.line = line;
          s.kind = SEC_QUEUE;
          s.queue = push_queue (m, &qu);
        }
    }
  else if (w == 0)
    {
      fail (c, line, "empty section header (expected [sim], [queue NAME] or [queue *])");
      return -1;
    }
  else
    {
      fail (c, line, "unknown section '%.*s' (expected [sim], [queue NAME] or [queue *])",
            cc_utf8_cut (in, w, 60), in);
      return -1;
    }
  if (c->ns == c->cap)
    {
      c->cap = c->cap ? c->cap * 2 : 16;
      c->s = cc_xrealloc (c->s, c->cap * sizeof *c->s);
    }
  c->s[c->ns++] = s;
  return 0;
}

/* Handle the line P[0..N) (trimmed, not a header or comment) at LINE as
   "key = value" of the current section.  Returns 0 or -1.  */
static int
read_entry (cfg *c, const char *p, size_t n, unsigned line)
{
  const char *eq = memchr (p, '=', n);
  if (!eq)
    {
      fail (c, line, "expected '[section]' or 'key = value'");
      return -1;
    }
  const char *key = p, *val = eq + 1;
  size_t kn = (size_t) (eq - p), vn = n - kn - 1;
  rt_trim (&key, &kn);
  rt_trim (&val, &vn);
  if (!kn)
    {
      fail (c, line, "missing key before '='");
      return -1;
    }
  if (!c->ns)
    {
      fail (c, line, "key '%.*s' outside a section", cc_utf8_cut (key, kn, 60), key);
      return -1;
    }
  sect *s = &c->s[c->ns - 1];
  int lo = s->kind == SEC_SIM ? 0 : K_SKILL, hi = s->kind == SEC_SIM ? K_SKILL : NKEYS;
  int k = -1;
  for (int i = lo; i < hi && k < 0; i++)
    if (name_is (key_names[i], key, kn))
      k = i;
  if (k < 0)
    {
      char *t = sect_title (c, s);
      fail (c, line, "unknown key '%.*s' in %s", cc_utf8_cut (key, kn, 60), key, t);
      free (t);
      return -1;
    }
  if (!vn)
    {
      fail (c, line, "empty value for '%s'", key_names[k]);
      return -1;
    }
  if (s->seen[k])
    {
      fail (c, line, "duplicate key '%s' (first at line %u)", key_names[k], s->seen[k]);
      return -1;
    }
  s->seen[k] = line;
  if (s->ne == s->cap)
    {
      s->cap = s->cap ? s->cap * 2 : 8;
      s->e = cc_xrealloc (s->e, s->cap * sizeof *s->e);
    }
  s->e[s->ne].key = k;
  s->e[s->ne].val = cc_xmemdup (val, vn);
  s->e[s->ne].line = line;
  s->ne++;
  return 0;
}

/* The first pass over TEXT[0..N).  Returns 0 or -1.  */
static int
split (cfg *c, const char *text, size_t n)
{
  size_t pos = 0;
  unsigned line = 0;
  if (n >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;
  while (pos < n)
    {
      if (line == UINT32_MAX)
        {
          fail (c, line, "too many lines");
          return -1;
        }
      line++;
      const char *p = text + pos;
      const char *nl = memchr (p, '\n', n - pos);
      size_t len = nl ? (size_t) (nl - p) : n - pos;
      pos += len + (nl != NULL);
      if (len && p[len - 1] == '\r')
        len--;
      size_t bad = cc_utf8_check (p, len);
      if (bad < len)
        {
          cc_err_at (c->file, line, bad + 1, "%s", p[bad] ? "invalid UTF-8" : "NUL byte");
          return -1;
        }
      rt_trim (&p, &len);
      if (!len || *p == '#' || *p == ';')
        continue;
      if ((*p == '[' ? read_header (c, p, len, line) : read_entry (c, p, len, line)) != 0)
        return -1;
    }
  return 0;
}

/* ---- Values.  ---- */

/* The name of E's key.  */
#define KEY(e) key_names[(e)->key]

/* A whole number in [LO, HI] from E into *OUT.  */
static int
get_int (const cfg *c, const ent *e, long lo, long hi, long *out)
{
  int64_t v;
  if (cc_num_parse_int (e->val, strlen (e->val), &v) != 0 || v < lo || v > hi)
    {
      fail (c, e->line, "bad %s '%.*s' (expected a whole number from %ld to %ld)", KEY (e),
            Q (e->val), lo, hi);
      return -1;
    }
  *out = (long) v;
  return 0;
}

/* yes or no from E into *OUT.  */
static int
get_bool (const cfg *c, const ent *e, bool *out)
{
  if (strcmp (e->val, "yes") == 0 || strcmp (e->val, "no") == 0)
    {
      *out = e->val[0] == 'y';
      return 0;
    }
  fail (c, e->line, "bad %s '%.*s' (expected yes or no)", KEY (e), Q (e->val));
  return -1;
}

/* A duration from E into *OUT: zero allowed when ZERO_OK, "none"
   (INFINITY) when NONE_OK.  */
static int
get_dur (const cfg *c, const ent *e, bool zero_ok, bool none_ok, double *out)
{
  if (none_ok && strcmp (e->val, "none") == 0)
    {
      *out = INFINITY;
      return 0;
    }
  if (rt_parse_dur (e->val, strlen (e->val), zero_ok, out) == 0)
    return 0;
  if (e->val[0] == '-')
    fail (c, e->line, "bad %s '%.*s' (a duration cannot be negative)", KEY (e), Q (e->val));
  else if (zero_ok)
    fail (c, e->line, "bad %s '%.*s' (expected a duration such as 0, 90, 30s or 2m)", KEY (e),
          Q (e->val));
  else
    fail (c, e->line, "bad %s '%.*s' (expected a duration above 0 such as 90, 30s or 2m%s)",
          KEY (e), Q (e->val), none_ok ? ", or none" : "");
  return -1;
}

/* A distribution from E into *D (empirical files relative to the
   configuration's directory).  */
static int
get_dist (const cfg *c, const ent *e, bool none_ok, cc_dist *d)
{
  char err[8192]; /* room for a path of PATH_MAX and its reason */
  cc_dist nd;
  if (cc_dist_parse (e->val, c->m->conf_dir, none_ok, &nd, err, sizeof err) != 0)
    {
      fail (c, e->line, "%s: %s", KEY (e), err);
      return -1;
    }
  cc_dist_free (d);
  *d = nd;
  return 0;
}

/* A target from E into *T; SELF is the index of the section's queue (-1 for
   the template).  */
static int
get_target (const cfg *c, const ent *e, int self, rt_target *t)
{
  static const struct
  {
    const char *name;
    int kind;
  } kinds[] = { { "hangup", RT_T_HANGUP },
                { "voicemail", RT_T_VOICEMAIL },
                { "callback", RT_T_CALLBACK },
                { "overflow", RT_T_OVERFLOW } };
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strcmp (e->val, kinds[i].name) == 0)
      {
        t->kind = kinds[i].kind;
        t->queue = -1;
        return 0;
      }
  if (strncmp (e->val, "queue:", 6) == 0)
    {
      const char *name = e->val + 6;
      size_t n = strlen (name);
      rt_trim (&name, &n);
      if (n)
        {
          int q = rt_model_queue (c->m, name, n);
          if (q < 0)
            {
              fail (c, e->line, "%s: unknown queue '%.*s'", KEY (e), cc_utf8_cut (name, n, 60),
                    name);
              return -1;
            }
          if (q == self)
            {
              fail (c, e->line, "%s: queue '%.*s' is this queue itself", KEY (e),
                    cc_utf8_cut (name, n, 60), name);
              return -1;
            }
          t->kind = RT_T_QUEUE;
          t->queue = q;
          return 0;
        }
    }
  fail (c, e->line, "bad %s '%.*s' (expected hangup, voicemail, callback, overflow or queue:NAME)",
        KEY (e), Q (e->val));
  return -1;
}

/* A level 0..RT_LEVEL_MAX in P[0..N) into *OUT (as the file writes it).  */
static int
parse_level (const char *p, size_t n, int *out)
{
  int64_t v;
  if (cc_num_parse_int (p, n, &v) != 0 || v < 0 || v > RT_LEVEL_MAX || p[0] == '+' || p[0] == '-')
    return -1;
  *out = (int) v;
  return 0;
}

/* A skill or channel name from E: no ':', ';' or control characters.  */
static int
check_name (const cfg *c, const ent *e, const char *what)
{
  size_t n = strlen (e->val);
  if (strpbrk (e->val, ":;") || rt_has_control (e->val, n))
    {
      fail (c, e->line, "bad %s '%.*s' (a %s name may not hold ':', ';' or control characters)",
            KEY (e), Q (e->val), what);
      return -1;
    }
  return 0;
}

/* The expand steps of E into Q (levels stored as penalties), checking the
   syntax, the count and that the times increase; the levels are checked
   against start_level once the section is read.  */
static int
get_expand (const cfg *c, const ent *e, rt_queue *q)
{
  const char *p = e->val;
  size_t cap = 0;
  double prev = 0;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t n = comma ? (size_t) (comma - p) : strlen (p);
      const char *it = p;
      rt_trim (&it, &n);
      const char *colon = n ? memchr (it, ':', n) : NULL;
      double after;
      int level;
      if (!colon || rt_parse_dur (it, (size_t) (colon - it), false, &after) != 0
          || parse_level (colon + 1, n - (size_t) (colon - it) - 1, &level) != 0)
        {
          fail (c, e->line,
                "bad expand step '%.*s' (expected SECONDS:LEVEL, such as 30:1, with SECONDS "
                "above 0 and LEVEL a whole number from 0 to %d)",
                cc_utf8_cut (it, n, 60), it, RT_LEVEL_MAX);
          return -1;
        }
      if (q->nexpand && !(after > prev))
        {
          fail (c, e->line, "bad expand step '%.*s' (the times must increase)",
                cc_utf8_cut (it, n, 60), it);
          return -1;
        }
      if (q->nexpand == RT_MAX_EXPAND)
        {
          fail (c, e->line, "too many expand steps (at most %d)", RT_MAX_EXPAND);
          return -1;
        }
      if (q->nexpand == cap)
        {
          cap = cap ? cap * 2 : 4;
          q->expand = cc_xrealloc (q->expand, cap * sizeof *q->expand);
        }
      q->expand[q->nexpand].after_s = after;
      q->expand[q->nexpand].max_level = c->m->proficiency ? RT_LEVEL_MAX - level : level;
      q->nexpand++;
      prev = after;
      if (!comma)
        return 0;
      p = comma + 1;
    }
}

/* The rate profile of E into Q.  */
static int
get_rate (const cfg *c, const ent *e, rt_queue *q)
{
  const char *p = e->val;
  size_t cap = 0;
  bool single = !strchr (p, ',');
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t n = comma ? (size_t) (comma - p) : strlen (p);
      const char *it = p;
      rt_trim (&it, &n);
      size_t w = 0;
      while (w < n && !is_blank (it[w]))
        w++;
      int32_t tod = 0;
      const char *r = it;
      size_t rn = n;
      bool ok = n > 0;
      if (w < n)
        {
          r = it + w;
          rn = n - w;
          rt_trim (&r, &rn);
          ok = rt_parse_hhmm (it, w, false, &tod) == 0;
        }
      else if (!single)
        ok = false;
      double per_s = 0;
      if (ok)
        {
          char *rs = cc_xmemdup (r, rn);
          ok = rt_parse_rate (rs, &per_s) == 0;
          free (rs);
        }
      if (!ok)
        {
          if (single && w == n)
            fail (c, e->line,
                  "bad rate '%.*s' (expected N/UNIT such as 120/h, 2/m or 40/30m, a bare N "
                  "per hour, or comma-separated HH:MM RATE steps)",
                  cc_utf8_cut (it, n, 60), it);
          else
            fail (c, e->line, "bad rate step '%.*s' (expected HH:MM RATE, such as 08:00 120/h)",
                  cc_utf8_cut (it, n, 60), it);
          return -1;
        }
      if (q->nrate && tod <= q->rate[q->nrate - 1].tod_s)
        {
          fail (c, e->line, "bad rate step '%.*s' (the times must increase)",
                cc_utf8_cut (it, n, 60), it);
          return -1;
        }
      if (q->nrate == cap)
        {
          cap = cap ? cap * 2 : 4;
          q->rate = cc_xrealloc (q->rate, cap * sizeof *q->rate);
        }
      q->rate[q->nrate].tod_s = tod;
      q->rate[q->nrate].per_s = per_s;
      q->nrate++;
      if (!comma)
        return 0;
      p = comma + 1;
    }
}

/* Strategy names and aliases.  */
static const struct
{
  const char *name;
  int strategy;
} strategies[] = {
  { "longest-idle", RT_LONGEST_IDLE },
  { "leastrecent", RT_LONGEST_IDLE },
  { "round-robin", RT_ROUND_ROBIN },
  { "rrmemory", RT_ROUND_ROBIN },
  { "fewest-calls", RT_FEWEST_CALLS },
  { "fewestcalls", RT_FEWEST_CALLS },
  { "least-talk-time", RT_LEAST_TALK },
  { "random", RT_RANDOM },
  { "weighted-random", RT_WRANDOM },
  { "wrandom", RT_WRANDOM },
  { "linear", RT_LINEAR },
  { "ring-all", RT_RINGALL },
  { "ringall", RT_RINGALL },
};

/* The level L (stored) as the file writes it.  */
static int
file_level (const rt_model *m, int l)
{
  return m->proficiency ? RT_LEVEL_MAX - l : l;
}

/* Read the values of the queue section S (a queue or the template).  */
static int
read_queue (cfg *c, const sect *s)
{
  rt_model *m = c->m;
  bool tmpl = s->kind == SEC_TEMPLATE;
  rt_queue *q = tmpl ? m->template : &m->queues[s->queue];
  const ent *skill = NULL, *expand = NULL, *start = NULL, *rate = NULL, *agents = NULL,
            *capacity = NULL;
  for (size_t i = 0; i < s->ne; i++)
    {
      const ent *e = &s->e[i];
      long v;
      if (tmpl
          && (e->key == K_SKILL || e->key == K_AGENTS || e->key == K_RATE || e->key == K_CAPACITY))
        {
          fail (c, e->line, "[queue *] may not have '%s'%s", KEY (e),
                e->key == K_SKILL ? " (a queue made from it needs the skill of its name)" : "");
          return -1;
        }
      switch (e->key)
        {
        case K_SKILL:
          if (check_name (c, e, "skill") != 0)
            return -1;
          skill = e;
          break;
        case K_CHANNEL:
          {
            if (check_name (c, e, "channel") != 0)
              return -1;
            int ch = rt_model_add_channel (m, e->val, strlen (e->val));
            if (ch < 0)
              {
                fail (c, e->line, "too many channels (at most %d)", RT_MAX_CHANNELS);
                return -1;
              }
            q->channel = ch;
          }
          break;
        case K_STRATEGY:
          {
            size_t k = 0, ns = sizeof strategies / sizeof strategies[0];
            while (k < ns && strcmp (e->val, strategies[k].name) != 0)
              k++;
            if (k == ns)
              {
                fail (c, e->line,
                      "bad strategy '%.*s' (expected longest-idle, round-robin, fewest-calls, "
                      "least-talk-time, random, weighted-random, linear or ring-all)",
                      Q (e->val));
                return -1;
              }
            q->strategy = strategies[k].strategy;
          }
          break;
        case K_WEIGHT:
          if (get_int (c, e, 0, MAX_WEIGHT, &v) != 0)
            return -1;
          q->weight = (int) v;
          break;
        case K_PRIORITY:
          if (get_int (c, e, -MAX_PRIORITY, MAX_PRIORITY, &v) != 0)
            return -1;
          q->priority = (int) v;
          break;
        case K_TIMEOUT:
          if (get_dur (c, e, false, true, &q->timeout_s) != 0)
            return -1;
          break;
        case K_ON_TIMEOUT:
          if (get_target (c, e, s->queue, &q->on_timeout) != 0)
            return -1;
          break;
        case K_MAXLEN:
          if (get_int (c, e, 0, MAX_MAXLEN, &q->maxlen) != 0)
            return -1;
          break;
        case K_ON_FULL:
          if (get_target (c, e, s->queue, &q->on_full) != 0)
            return -1;
          break;
        case K_JOIN_EMPTY:
          if (get_bool (c, e, &q->join_empty) != 0)
            return -1;
          break;
        case K_ON_EMPTY:
          if (get_target (c, e, s->queue, &q->on_empty) != 0)
            return -1;
          break;
        case K_LEAVE_EMPTY:
          if (get_bool (c, e, &q->leave_empty) != 0)
            return -1;
          break;
        case K_RING_TIMEOUT:
          if (get_dur (c, e, false, false, &q->ring_timeout_s) != 0)
            return -1;
          break;
        case K_RNA:
          {
            double p;
            if (rt_parse_decimal (e->val, strlen (e->val), &p) != 0 || !(p < 1))
              {
                fail (c, e->line,
                      "bad rna '%.*s' (expected a probability from 0 to below 1, such as 0.1)",
                      Q (e->val));
                return -1;
              }
            q->rna_prob = p;
          }
          break;
        case K_RETRY:
          if (get_dur (c, e, true, false, &q->retry_s) != 0)
            return -1;
          break;
        case K_RNA_PAUSE:
          if (get_dur (c, e, true, false, &q->rna_pause_s) != 0)
            return -1;
          break;
        case K_ANSWER_DELAY:
          if (get_dist (c, e, false, &q->answer_delay) != 0)
            return -1;
          break;
        case K_WRAPUP:
          if (get_dur (c, e, true, false, &q->wrapup_s) != 0)
            return -1;
          break;
        case K_EXPAND:
          if (get_expand (c, e, q) != 0)
            return -1;
          expand = e;
          break;
        case K_START_LEVEL:
          {
            int l;
            if (parse_level (e->val, strlen (e->val), &l) != 0)
              {
                fail (c, e->line, "bad start_level '%.*s' (expected a whole number from 0 to %d)",
                      Q (e->val), RT_LEVEL_MAX);
                return -1;
              }
            q->start_level = m->proficiency ? RT_LEVEL_MAX - l : l;
            start = e;
          }
          break;
        case K_RATE:
          if (get_rate (c, e, q) != 0)
            return -1;
          rate = e;
          break;
        case K_HANDLE:
          if (get_dist (c, e, false, &q->handle) != 0)
            return -1;
          q->has_handle = true;
          break;
        case K_PATIENCE:
          if (get_dist (c, e, true, &q->patience) != 0)
            return -1;
          break;
        case K_AGENTS:
          if (get_int (c, e, 1, RT_MAX_AGENTS, &q->synth_agents) != 0)
            return -1;
          agents = e;
          c->agents_line[s->queue] = e->line;
          break;
        case K_CAPACITY:
          if (get_int (c, e, 1, RT_MAX_CAPACITY, &v) != 0)
            return -1;
          q->synth_capacity = (int) v;
          capacity = e;
          break;
        }
    }

  /* What needs the whole section.  */
  if (!start)
    q->start_level = expand ? 0 : RT_LEVEL_MAX;
  for (size_t i = 0; expand && i < q->nexpand; i++)
    {
      int before = i ? q->expand[i - 1].max_level : q->start_level;
      if (q->expand[i].max_level <= before)
        {
          const char *dir = m->proficiency ? "with proficiencies the levels must decrease"
                                           : "with penalties the levels must increase";
          if (i)
            fail (c, expand->line, "bad expand step %zu: level %d does not widen level %d (%s)",
                  i + 1, file_level (m, q->expand[i].max_level), file_level (m, before), dir);
          else
            fail (c, expand->line, "bad expand step 1: level %d does not widen start_level %d (%s)",
                  file_level (m, q->expand[i].max_level), file_level (m, before), dir);
          return -1;
        }
    }
  if (rate && !q->has_handle)
    {
      fail (c, rate->line, "'rate' needs 'handle' (the handling time of generated arrivals)");
      return -1;
    }
  if (capacity && !agents)
    {
      fail (c, capacity->line,
            "'capacity' needs 'agents' (it is the capacity of the synthetic agents)");
      return -1;
    }
  if (!tmpl)
    q->skill = skill ? add_skill (m, skill->val, strlen (skill->val))
                     : add_skill (m, q->name, strlen (q->name));
  return 0;
}

/* Read the values of [sim] S, but for default_queue (resolved at the end).  */
static int
read_sim (cfg *c, const sect *s)
{
  rt_model *m = c->m;
  for (size_t i = 0; i < s->ne; i++)
    {
      const ent *e = &s->e[i];
      switch (e->key)
        {
        case K_SL:
          if (get_dur (c, e, true, false, &m->sl_s) != 0)
            return -1;
          break;
        case K_SKILL_LEVELS:
          if (strcmp (e->val, "penalty") == 0 || strcmp (e->val, "proficiency") == 0)
            m->proficiency = e->val[0] == 'p' && e->val[1] == 'r';
          else
            {
              fail (c, e->line, "bad skill_levels '%.*s' (expected penalty or proficiency)",
                    Q (e->val));
              return -1;
            }
          break;
        case K_VOICE_BLOCKS:
          if (get_bool (c, e, &m->voice_blocks) != 0)
            return -1;
          break;
        default:
          break;
        }
    }
  return 0;
}

/* Make the agents of every "agents = N".  */
static int
make_synthetic (cfg *c)
{
  rt_model *m = c->m;
  size_t total = 0;
  for (size_t i = 0; i < m->nqueues; i++)
    {
      total += (size_t) m->queues[i].synth_agents;
      if (total > RT_MAX_AGENTS)
        {
          fail (c, c->agents_line[i], "too many agents (at most %d)", RT_MAX_AGENTS);
          return -1;
        }
    }
  if (!total)
    return 0;

  /* They serve every queue of their skill: each needs their channel.  */
  uint32_t *chans = cc_xcalloc (m->nskills, sizeof *chans);
  for (size_t i = 0; i < m->nqueues; i++)
    chans[m->queues[i].skill] |= UINT32_C (1) << m->queues[i].channel;
  for (size_t i = 0; i < m->nqueues; i++)
    {
      const rt_queue *q = &m->queues[i];
      if (!q->synth_agents || chans[q->skill] == UINT32_C (1) << q->channel)
        continue;
      size_t o = 0;
      while (m->queues[o].skill != q->skill || m->queues[o].channel == q->channel)
        o++;
      const char *ch = m->channels[m->queues[o].channel];
      fail (c, c->agents_line[i],
            "the agents of queue '%.*s' also serve queue '%.*s' (%s) but have no %s capacity",
            Q (q->name), Q (m->queues[o].name), ch, ch);
      free (chans);
      return -1;
    }
  free (chans);

  m->agents = cc_xcalloc (total, sizeof *m->agents);
  cc_buf b = { 0 };
  for (size_t i = 0; i < m->nqueues; i++)
    {
      const rt_queue *q = &m->queues[i];
      for (long k = 1; k <= q->synth_agents; k++)
        {
          rt_agent *a = &m->agents[m->nagents++];
          b.n = 0;
          cc_buf_printf (&b, "%s-%ld", q->name, k);
          a->name = cc_xmemdup (b.p, b.n);
          a->skills = cc_xmalloc (sizeof *a->skills);
          a->skills[0].skill = q->skill;
          a->skills[0].level = 0;
          a->nskills = 1;
          a->cap[q->channel] = q->synth_capacity;
          a->wrapup_s = NAN;
          a->weight = 1;
          a->file = m->conf_path;
          a->line = c->agents_line[i];
        }
    }
  cc_buf_free (&b);
  return 0;
}

/* Set queue.served and print the warnings about queues no agent serves.  */
static void
mark_served (rt_model *m)
{
  bool *has = cc_xcalloc (m->nskills ? m->nskills : 1, sizeof *has);
  for (size_t i = 0; i < m->nagents; i++)
    for (size_t k = 0; k < m->agents[i].nskills; k++)
      has[m->agents[i].skills[k].skill] = true;
  for (size_t i = 0; i < m->nqueues; i++)
    {
      rt_queue *q = &m->queues[i];
      q->served = has[q->skill];
      if (q->served)
        continue;
      const char *fate;
      if (!q->join_empty)
        fate = "its callers will be turned away (join_empty = no)";
      else if (isinf (q->timeout_s) && q->patience.kind == CC_DIST_NONE)
        fate = "its callers will wait for ever (no timeout, no patience)";
      else
        fate = "its callers will time out or abandon";
      cc_err_at (q->file, q->line, 0, "warning: queue '%.*s'%s has no agents: %s", Q (q->name),
                 q->from_template ? " (made from [queue *])" : "", fate);
    }
  free (has);
}

/* Free the sections of C.  */
static void
cfg_free (cfg *c)
{
  for (size_t i = 0; i < c->ns; i++)
    {
      for (size_t k = 0; k < c->s[i].ne; k++)
        free (c->s[i].e[k].val);
      free (c->s[i].e);
    }
  free (c->s);
  free (c->agents_line);
}

/* The directory of PATH, for relative file names in it ("." for none).  */
static char *
dir_of (const char *path)
{
  const char *slash = strrchr (path, '/');
  if (!slash)
    return cc_xstrdup (".");
  while (slash > path && slash[-1] == '/')
    slash--;
  if (slash == path)
    return cc_xstrdup ("/");
  return cc_xmemdup (path, (size_t) (slash - path));
}

int
rt_model_load_mem (rt_model *m, const char *name, const char *text, size_t n, const char *roster)
{
  memset (m, 0, sizeof *m);
  m->conf_path = cc_xstrdup (name);
  m->conf_dir = strcmp (name, "-") == 0 ? cc_xstrdup (".") : dir_of (name);
  m->sl_s = 20;
  m->default_queue = -1;
  m->channels[0] = cc_xstrdup ("voice");
  m->nchannels = 1;
  index_of (m);

  cfg c = { 0 };
  c.m = m;
  c.file = m->conf_path;
  c.sim = c.tmpl = -1;
  if (split (&c, text, n) != 0)
    goto fail;
  c.agents_line = cc_xcalloc (m->nqueues ? m->nqueues : 1, sizeof *c.agents_line);
  if (c.sim >= 0 && read_sim (&c, &c.s[c.sim]) != 0)
    goto fail;
  for (size_t i = 0; i < c.ns; i++)
    if (c.s[i].kind != SEC_SIM && read_queue (&c, &c.s[i]) != 0)
      goto fail;
  if (c.sim >= 0)
    for (size_t i = 0; i < c.s[c.sim].ne; i++)
      {
        const ent *e = &c.s[c.sim].e[i];
        if (e->key != K_DEFAULT_QUEUE)
          continue;
        size_t len = strlen (e->val);
        m->default_queue = rt_model_queue (m, e->val, len);
        if (m->default_queue < 0 && m->template)
          m->default_queue = rt_model_add_queue (m, e->val, len);
        if (m->default_queue < 0)
          {
            if (m->template)
              fail (&c, e->line, "default_queue '%.*s': too many queues (at most %d)", Q (e->val),
                    RT_MAX_QUEUES);
            else
              fail (&c, e->line, "unknown default_queue '%.*s' (no such queue and no [queue *])",
                    Q (e->val));
            goto fail;
          }
      }
  if (!m->nqueues && !m->template)
    {
      cc_err_at (c.file, 0, 0, "no queues (a [queue NAME] or [queue *] section is needed)");
      goto fail;
    }
  if (make_synthetic (&c) != 0)
    goto fail;
  if (roster)
    {
      m->roster_path = cc_xstrdup (roster);
      if (rt_roster_load (m, m->roster_path) != 0)
        goto fail;
    }
  mark_served (m);
  cfg_free (&c);
  return 0;
fail:
  cfg_free (&c);
  rt_model_free (m);
  return -1;
}

int
rt_model_load (rt_model *m, const char *conf, const char *roster)
{
  memset (m, 0, sizeof *m);
  bool std = strcmp (conf, "-") == 0;
  FILE *f = std ? stdin : fopen (conf, "r");
  if (!f)
    {
      cc_err ("cannot open %s: %s", conf, strerror (errno));
      return -1;
    }
  cc_buf b = { 0 };
  for (;;)
    {
      cc_buf_reserve (&b, 65536);
      size_t got = fread (b.p + b.n, 1, b.cap - b.n, f);
      b.n += got;
      if (got == 0)
        break;
    }
  int err = ferror (f) ? (errno ? errno : EIO) : 0;
  if (!std)
    fclose (f);
  if (err)
    {
      cc_err ("%s: read error: %s", conf, strerror (err));
      cc_buf_free (&b);
      return -1;
    }
  int rc = rt_model_load_mem (m, conf, b.p ? b.p : "", b.n, roster);
  cc_buf_free (&b);
  return rc;
}
