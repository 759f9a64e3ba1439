/* Reading a ccivr/1 menu definition (see ccivr-sim(1) and menu.h).

   The document is parsed by cc_jdoc, then read in three passes: the
   top-level keys, defaults, sim and calendars; the node names (so that a
   reference may name a node written further down); then every node's
   keys.  Last, every reference is resolved to a node (or calendar) index.
   Nothing stops the loader: each mistake becomes a finding with its code,
   and reading goes on with the next key.  Strings point into the parsed
   document, which the model keeps.  */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "menu.h"

#define MAX_NODES 1000000     /* most nodes in one menu */
#define MAX_DURATION 86400.0  /* longest duration in seconds: a day */
#define MAX_RETRIES 100       /* highest max_noinput / max_nomatch */
#define MAX_PRIORITY 1000000  /* largest priority, either sign */
#define WORDS_PER_S 2.5       /* speaking rate behind the prompt estimate */
#define DEF_TIMEOUT_S 10.0    /* FreePBX's timeout_time */
#define DEF_INTER_DIGIT_S 5.0 /* Asterisk's TIMEOUT(digit) */
#define DEF_MAX_RETRIES 3     /* FreePBX's invalid_loops and timeout_loops */

/* ---- findings ------------------------------------------------------------ */

/* Append a finding (see iv_report) with the arguments in AP.  */
static void
vreport (iv_findings *f, iv_pos pos, int code, int severity, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy (ap2, ap);
  int len = vsnprintf (NULL, 0, fmt, ap2);
  va_end (ap2);
  if (len < 0)
    cc_die (CC_EXIT_FAIL, "cannot format a message");
  char *raw = cc_xmalloc ((size_t)len + 1);
  vsnprintf (raw, (size_t)len + 1, fmt, ap);
  /* Names quoted from the file may hold control characters: escape them,
     so that a finding stays one line wherever it is printed.  */
  cc_buf b = { 0 };
  for (const char *p = raw; *p; p++)
    {
      unsigned char c = (unsigned char)*p;
      if (c == '\n')
        cc_buf_adds (&b, "\\n");
      else if (c == '\t')
        cc_buf_adds (&b, "\\t");
      else if (c < 0x20 || c == 0x7f)
        cc_buf_printf (&b, "\\x%02x", c);
      else
        cc_buf_addc (&b, (char)c);
    }
  char *msg = cc_xstrdup (b.n ? cc_buf_cstr (&b) : "");
  cc_buf_free (&b);
  free (raw);
  if (f->n == f->cap)
    {
      f->cap = f->cap ? f->cap * 2 : 16;
      f->v = cc_xrealloc (f->v, f->cap * sizeof *f->v);
    }
  f->v[f->n] = (iv_finding){ pos, code, severity, msg, f->n };
  f->n++;
  if (severity == IV_ERROR)
    f->nerrors++;
  else if (severity == IV_INFO)
    f->ninfos++;
  else
    f->nwarnings++;
}

void
iv_report (iv_findings *f, iv_pos pos, int code, int severity, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vreport (f, pos, code, severity, fmt, ap);
  va_end (ap);
}

/* qsort order of findings: line, column, code, reporting order.  */
static int
finding_cmp (const void *a, const void *b)
{
  const iv_finding *x = a, *y = b;
  if (x->pos.line != y->pos.line)
    return x->pos.line < y->pos.line ? -1 : 1;
  if (x->pos.col != y->pos.col)
    return x->pos.col < y->pos.col ? -1 : 1;
  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
iv_findings_sort (iv_findings *f)
{
  if (f->n > 1)
    qsort (f->v, f->n, sizeof *f->v, finding_cmp);
}

void
iv_findings_free (iv_findings *f)
{
  for (size_t i = 0; i < f->n; i++)
    free (f->v[i].msg);
  free (f->v);
  *f = (iv_findings){ 0 };
}

/* ---- names --------------------------------------------------------------- */

static const char *const type_names[IV_NTYPES] = {
  "prompt",    "menu",   "input", "hours", "selfservice", "queue",
  "voicemail", "hangup", "end",   "goto",  "transfer",
};

const char *
iv_type_name (int t)
{
  return t >= 0 && t < IV_NTYPES ? type_names[t] : "unknown";
}

bool
iv_type_terminal (int t)
{
  return t == IV_QUEUE || t == IV_VOICEMAIL || t == IV_HANGUP || t == IV_END || t == IV_TRANSFER;
}

/* FNV-1a of the NUL-terminated S.  */
static size_t
name_hash (const char *s)
{
  uint64_t h = UINT64_C (0xCBF29CE484222325);
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * UINT64_C (0x100000001B3);
  return (size_t)(h ^ (h >> 32));
}

int
iv_menu_find (const iv_menu *m, const char *name)
{
  if (!m->index)
    return -1;
  for (size_t h = name_hash (name) & m->index_mask;; h = (h + 1) & m->index_mask)
    {
      int32_t i = m->index[h];
      if (i < 0 || strcmp (m->nodes[i].id, name) == 0)
        return i;
    }
}

/* Build the hash table of node names (at most half full).  */
static void
build_index (iv_menu *m)
{
  size_t size = 16;
  while (size < m->nnodes * 2 + 2)
    size *= 2;
  m->index = cc_xmalloc (size * sizeof *m->index);
  memset (m->index, 0xff, size * sizeof *m->index);
  m->index_mask = size - 1;
  for (size_t i = 0; i < m->nnodes; i++)
    {
      size_t h = name_hash (m->nodes[i].id) & m->index_mask;
      while (m->index[h] >= 0)
        h = (h + 1) & m->index_mask;
      m->index[h] = (int32_t)i;
    }
}

/* ---- reading values ------------------------------------------------------ */

/* The loader's state.  */
typedef struct ld
{
  iv_menu *m;     /* the model being filled */
  iv_findings *f; /* where mistakes go */
  size_t errors;  /* errors reported by this load */
  const cc_jval *segs; /* sim.segments, read after the nodes */
} ld;

/* The position of value V.  */
static iv_pos
vpos (const cc_jval *v)
{
  return (iv_pos){ v->line, v->col };
}

/* The position of the key of member MB.  */
static iv_pos
kpos (const cc_jmember *mb)
{
  return (iv_pos){ mb->line, mb->col };
}

/* Report an error of check CODE at POS.  */
static void __attribute__ ((format (printf, 4, 5)))
lerr (ld *L, iv_pos pos, int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vreport (L->f, pos, code, IV_ERROR, fmt, ap);
  va_end (ap);
  L->errors++;
}

/* Report a warning of check CODE at POS.  */
static void __attribute__ ((format (printf, 4, 5)))
lwarn (ld *L, iv_pos pos, int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vreport (L->f, pos, code, IV_WARNING, fmt, ap);
  va_end (ap);
}

/* "'KEY' of WHERE" (or "'KEY'" when WHERE is NULL), for messages; the
   caller frees it.  */
static char *
what (const char *key, const char *where)
{
  cc_buf b = { 0 };
  if (where)
    cc_buf_printf (&b, "'%s' of %s", key, where);
  else
    cc_buf_printf (&b, "'%s'", key);
  return (char *)cc_buf_cstr (&b);
}

/* A printf-made string the caller frees.  */
static char *__attribute__ ((format (printf, 1, 2))) fmt (const char *f, ...)
{
  va_list ap;
  va_start (ap, f);
  int len = vsnprintf (NULL, 0, f, ap);
  va_end (ap);
  if (len < 0)
    cc_die (CC_EXIT_FAIL, "cannot format a message");
  char *s = cc_xmalloc ((size_t)len + 1);
  va_start (ap, f);
  vsnprintf (s, (size_t)len + 1, f, ap);
  va_end (ap);
  return s;
}

/* The article of the JSON kind K's name in messages: "an array", "a
   string".  */
static const char *
article (cc_jkind k)
{
  return strchr ("aeiou", cc_jkind_name (k)[0]) ? "an" : "a";
}

/* True when V is an object; else an L001 error "WHAT must be an object, not
   a KIND" at V.  */
static bool
is_object (ld *L, const cc_jval *v, const char *what)
{
  if (v->kind == CC_J_OBJECT)
    return true;
  lerr (L, vpos (v), 1, "%s must be an object, not %s %s", what, article (v->kind),
        cc_jkind_name (v->kind));
  return false;
}

/* Report every member of object O whose key is not in the NULL-terminated
   ALLOWED (and, when ALSO is not NULL, not in ALSO), as "unknown key".  */
static void
check_keys (ld *L, const cc_jval *o, const char *const *allowed, const char *const *also,
            const char *where)
{
  for (size_t i = 0; i < o->u.obj.n; i++)
    {
      const cc_jmember *mb = &o->u.obj.members[i];
      bool ok = false;
      for (const char *const *a = allowed; *a && !ok; a++)
        ok = strcmp (*a, mb->key) == 0;
      for (const char *const *a = also; a && *a && !ok; a++)
        ok = strcmp (*a, mb->key) == 0;
      if (!ok)
        lerr (L, kpos (mb), 1, "unknown key '%s' in %s", mb->key, where);
    }
}

/* The value of KEY in O when it has kind KIND (CC_J_TRUE stands for either
   boolean); NULL when absent, or when of another kind (reported).  */
static const cc_jval *
get (ld *L, const cc_jval *o, const char *key, cc_jkind kind, const char *where)
{
  const cc_jmember *mb = cc_jobj_get (o, key);
  if (!mb)
    return NULL;
  cc_jkind k = mb->val->kind == CC_J_FALSE ? CC_J_TRUE : mb->val->kind;
  if (k != kind)
    {
      char *w = what (key, where);
      lerr (L, vpos (mb->val), 1, "%s must be %s %s, not %s %s", w,
            article (kind), cc_jkind_name (kind), article (mb->val->kind),
            cc_jkind_name (mb->val->kind));
      free (w);
      return NULL;
    }
  return mb->val;
}

/* The string KEY of O, or NULL; its place in *POS when POS is not NULL.
   NONEMPTY refuses "".  */
static const char *
get_str (ld *L, const cc_jval *o, const char *key, const char *where, iv_pos *pos, bool nonempty)
{
  const cc_jval *v = get (L, o, key, CC_J_STRING, where);
  if (!v)
    return NULL;
  if (pos)
    *pos = vpos (v);
  if (nonempty && v->u.str.n == 0)
    {
      char *w = what (key, where);
      lerr (L, vpos (v), 1, "%s is empty", w);
      free (w);
      return NULL;
    }
  return v->u.str.s;
}

/* Read the number KEY of O into *R (left as it is when absent or bad).
   With DURATION, it must be from 0 to a day.  */
static void
get_real (ld *L, const cc_jval *o, const char *key, const char *where, iv_real *r, bool duration)
{
  const cc_jval *v = get (L, o, key, CC_J_NUMBER, where);
  if (!v)
    return;
  double d = v->u.num.d;
  if (!isfinite (d) || (duration && (d < 0 || d > MAX_DURATION)))
    {
      char *w = what (key, where);
      lerr (L, vpos (v), 1, "%s must be from 0 to 86400 seconds, not %s", w, v->u.num.text);
      free (w);
      return;
    }
  r->v = d;
  r->pos = vpos (v);
}

/* Read the whole number KEY of O, from LO to HI, into *R.  */
static void
get_int (ld *L, const cc_jval *o, const char *key, const char *where, iv_int *r, long lo, long hi)
{
  const cc_jval *v = get (L, o, key, CC_J_NUMBER, where);
  if (!v)
    return;
  double d = v->u.num.d;
  if (!(d >= (double)lo && d <= (double)hi) || d != floor (d))
    {
      char *w = what (key, where);
      lerr (L, vpos (v), 1, "%s must be a whole number from %ld to %ld, not %s", w, lo, hi,
            v->u.num.text);
      free (w);
      return;
    }
  r->v = (long)d;
  r->pos = vpos (v);
}

/* Read the boolean KEY of O into *B (and its place into *POS).  */
static void
get_bool (ld *L, const cc_jval *o, const char *key, const char *where, bool *b, iv_pos *pos)
{
  const cc_jval *v = get (L, o, key, CC_J_TRUE, where);
  if (!v)
    return;
  *b = v->kind == CC_J_TRUE;
  if (pos)
    *pos = vpos (v);
}

/* Read the reference KEY of O into *R (resolved later).  */
static void
get_ref (ld *L, const cc_jval *o, const char *key, const char *where, iv_ref *r)
{
  r->node = IV_REF_NONE;
  const cc_jmember *mb = cc_jobj_get (o, key);
  if (!mb)
    return;
  r->key = kpos (mb);
  r->name = get_str (L, o, key, where, &r->pos, true);
}

/* The parameters of each distribution kind.  */
static const struct
{
  const char *name;    /* the "dist" value */
  const char *pa, *pb; /* the parameter names (pb NULL for one) */
} dist_kinds[] = {
  [IV_DIST_FIXED] = { "fixed", "v", NULL },
  [IV_DIST_EXP] = { "exp", "mean", NULL },
  [IV_DIST_LOGNORMAL] = { "lognormal", "median", "sigma" },
  [IV_DIST_UNIFORM] = { "uniform", "min", "max" },
  [IV_DIST_WEIBULL] = { "weibull", "shape", "scale" },
};

/* Read the distribution KEY of O into *D: a bare number (fixed) or
   {"dist": KIND, parameters}.  */
static void
get_dist (ld *L, const cc_jval *o, const char *key, const char *where, iv_dist *d)
{
  const cc_jmember *mb = cc_jobj_get (o, key);
  if (!mb)
    return;
  const cc_jval *v = mb->val;
  char *w = what (key, where);
  if (v->kind == CC_J_NUMBER)
    {
      if (!(v->u.num.d >= 0 && v->u.num.d <= MAX_DURATION))
        lerr (L, vpos (v), 1, "%s must be from 0 to 86400 seconds, not %s", w, v->u.num.text);
      else
        *d = (iv_dist){ IV_DIST_FIXED, v->u.num.d, 0, vpos (v) };
      free (w);
      return;
    }
  if (v->kind != CC_J_OBJECT)
    {
      lerr (L, vpos (v), 1, "%s must be a number of seconds or a distribution object, not %s %s", w,
            article (v->kind), cc_jkind_name (v->kind));
      free (w);
      return;
    }
  const char *name = get_str (L, v, "dist", w, NULL, true);
  if (!name)
    {
      if (!cc_jobj_get (v, "dist"))
        lerr (L, vpos (v), 1, "%s has no 'dist'", w);
      free (w);
      return;
    }
  int kind = 0;
  for (int k = IV_DIST_FIXED; k <= IV_DIST_WEIBULL && !kind; k++)
    if (strcmp (name, dist_kinds[k].name) == 0)
      kind = k;
  if (!kind)
    {
      lerr (L, vpos (cc_jobj_get (v, "dist")->val), 1,
            "unknown distribution '%s' of %s: use fixed, exp, lognormal, uniform or weibull", name,
            w);
      free (w);
      return;
    }
  const char *allowed[] = { "dist", dist_kinds[kind].pa, dist_kinds[kind].pb, NULL };
  check_keys (L, v, allowed, NULL, w);
  iv_real p[2] = { { NAN, { 0, 0 } }, { NAN, { 0, 0 } } };
  const char *pn[2] = { dist_kinds[kind].pa, dist_kinds[kind].pb };
  size_t before = L->errors;
  for (int i = 0; i < 2 && pn[i]; i++)
    {
      get_real (L, v, pn[i], w, &p[i], false);
      if (isnan (p[i].v) && !cc_jobj_get (v, pn[i]))
        lerr (L, vpos (v), 1, "%s has no '%s'", w, pn[i]);
    }
  if (L->errors == before)
    {
      const char *bad = NULL;
      switch (kind)
        {
        case IV_DIST_FIXED:
          bad = p[0].v < 0 || p[0].v > MAX_DURATION ? "'v' from 0 to 86400" : NULL;
          break;
        case IV_DIST_EXP:
          bad = !(p[0].v > 0 && p[0].v <= MAX_DURATION) ? "a 'mean' above 0 and up to 86400" : NULL;
          break;
        case IV_DIST_LOGNORMAL:
          bad = !(p[0].v > 0 && p[0].v <= MAX_DURATION) ? "a 'median' above 0 and up to 86400"
                : !(p[1].v >= 0 && p[1].v <= 10)        ? "a 'sigma' from 0 to 10"
                                                        : NULL;
          break;
        case IV_DIST_UNIFORM:
          bad = !(p[0].v >= 0 && p[0].v <= p[1].v && p[1].v <= MAX_DURATION)
                    ? "0 <= 'min' <= 'max' <= 86400"
                    : NULL;
          break;
        case IV_DIST_WEIBULL:
          bad = !(p[0].v > 0 && p[0].v <= 100)            ? "a 'shape' above 0 and up to 100"
                : !(p[1].v > 0 && p[1].v <= MAX_DURATION) ? "a 'scale' above 0 and up to 86400"
                                                          : NULL;
          break;
        }
      double mean = iv_dist_mean (&(iv_dist){ kind, p[0].v, pn[1] ? p[1].v : 0, vpos (v) });
      if (bad)
        lerr (L, vpos (v), 1, "%s needs %s", w, bad);
      else if (!(mean <= MAX_DURATION))
        lerr (L, vpos (v), 1, "%s has a mean of %.3g seconds: more than a day (86400)", w, mean);
      else
        *d = (iv_dist){ kind, p[0].v, pn[1] ? p[1].v : 0, vpos (v) };
    }
  free (w);
}

/* ---- calendars ----------------------------------------------------------- */

static const char *const day_names[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* The day number (0 Monday) of the 3 bytes at S, or -1.  */
static int
day_of (const char *s, size_t n)
{
  for (int d = 0; d < 7; d++)
    if (n == 3 && strncmp (s, day_names[d], 3) == 0)
      return d;
  return -1;
}

/* Parse DAYS ("mon-fri", "sat", "mon,wed,fri-sun") into a bit set (bit 0
   Monday); 0 when it is bad.  */
static uint8_t
parse_days (const char *s)
{
  uint8_t set = 0;
  for (;;)
    {
      const char *end = strchr (s, ',');
      size_t n = end ? (size_t)(end - s) : strlen (s);
      const char *dash = memchr (s, '-', n);
      int a = day_of (s, dash ? (size_t)(dash - s) : n);
      int b = dash ? day_of (dash + 1, n - (size_t)(dash - s) - 1) : a;
      if (a < 0 || b < 0 || b < a)
        return 0;
      for (int d = a; d <= b; d++)
        set |= (uint8_t)(1u << d);
      if (!end)
        return set;
      s = end + 1;
    }
}

/* Minutes after midnight of "HH:MM" (24:00 allowed when CLOSE), or -1.  */
static int
parse_hhmm (const char *s, bool close)
{
  if (strlen (s) != 5 || s[2] != ':')
    return -1;
  for (int i = 0; i < 5; i++)
    if (i != 2 && (s[i] < '0' || s[i] > '9'))
      return -1;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !close)))
    return -1;
  return h * 60 + m;
}

/* True when S is a real date YYYY-MM-DD (years 1900 to 9999); its parts in
 *Y, *M, *D.  */
static bool
parse_date (const char *s, int *y, int *m, int *d)
{
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return false;
  *y = atoi (s);
  *m = (s[5] - '0') * 10 + (s[6] - '0');
  *d = (s[8] - '0') * 10 + (s[9] - '0');
  static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
    return false;
  bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  return !(*m == 2 && *d == 29 && !leap);
}

/* Read the open and close times of window object W (WHERE names it) into
 *OPEN and *CLOSE; false when something is missing or bad (reported).  */
static bool
read_hours (ld *L, const cc_jval *w, const char *where, int *open, int *close)
{
  static const char *const keys[2] = { "open", "close" };
  int t[2] = { -1, -1 };
  for (int i = 0; i < 2; i++)
    {
      iv_pos pos;
      const char *s = get_str (L, w, keys[i], where, &pos, false);
      if (!s)
        {
          if (!cc_jobj_get (w, keys[i]))
            lerr (L, vpos (w), 1, "%s has no '%s'", where, keys[i]);
          continue;
        }
      t[i] = parse_hhmm (s, i == 1);
      if (t[i] < 0)
        lerr (L, pos, 13, "bad %s time '%s' in %s: use HH:MM from 00:00 to %s", keys[i], s, where,
              i ? "24:00" : "23:59");
    }
  if (t[0] < 0 || t[1] < 0)
    return false;
  if (t[1] <= t[0])
    {
      lerr (L, vpos (cc_jobj_get (w, "close")->val), 13,
            "%s closes at %02d:%02d, which is not after it opens at %02d:%02d", where, t[1] / 60,
            t[1] % 60, t[0] / 60, t[0] % 60);
      return false;
    }
  *open = t[0];
  *close = t[1];
  return true;
}

/* Read calendar C from object V.  */
static void
read_calendar (ld *L, iv_calendar *c, const cc_jval *v)
{
  char *where = fmt ("calendar '%s'", c->name);
  static const char *const keys[] = { "weekly", "holidays", "special", NULL };
  if (!is_object (L, v, where))
    {
      free (where);
      return;
    }
  check_keys (L, v, keys, NULL, where);
  const cc_jval *a = get (L, v, "weekly", CC_J_ARRAY, where);
  if (a && a->u.arr.n)
    {
      c->weekly = cc_xcalloc (a->u.arr.n, sizeof *c->weekly);
      for (size_t i = 0; i < a->u.arr.n; i++)
        {
          const cc_jval *w = a->u.arr.items[i];
          char *ww = fmt ("weekly window %zu of %s", i + 1, where);
          if (!is_object (L, w, ww))
            {
              free (ww);
              continue;
            }
          static const char *const wkeys[] = { "days", "open", "close", NULL };
          check_keys (L, w, wkeys, NULL, ww);
          iv_window win = { 0, 0, 0, vpos (w) };
          iv_pos dpos;
          const char *days = get_str (L, w, "days", ww, &dpos, false);
          bool ok = days != NULL;
          if (!days && !cc_jobj_get (w, "days"))
            lerr (L, vpos (w), 1, "%s has no 'days'", ww);
          if (days && !(win.days = parse_days (days)))
            {
              lerr (L, dpos, 13,
                    "bad days '%s' in %s: use mon, tue, wed, thu, fri, sat, sun and "
                    "forward ranges such as mon-fri, separated by commas",
                    days, ww);
              ok = false;
            }
          ok &= read_hours (L, w, ww, &win.open_min, &win.close_min);
          if (ok)
            c->weekly[c->nweekly++] = win;
          free (ww);
        }
    }
  a = get (L, v, "holidays", CC_J_ARRAY, where);
  if (a && a->u.arr.n)
    {
      c->holidays = cc_xcalloc (a->u.arr.n, sizeof *c->holidays);
      for (size_t i = 0; i < a->u.arr.n; i++)
        {
          const cc_jval *h = a->u.arr.items[i];
          iv_day day = { 0, 0, 0, -1, -1, vpos (h) };
          if (h->kind != CC_J_STRING)
            lerr (L, vpos (h), 13, "holiday %zu of %s must be a date string, not %s %s", i + 1,
                  where, article (h->kind),
                  cc_jkind_name (h->kind));
          else if (!parse_date (h->u.str.s, &day.y, &day.m, &day.d))
            lerr (L, vpos (h), 13, "bad holiday '%s' in %s: use a real date YYYY-MM-DD", h->u.str.s,
                  where);
          else
            c->holidays[c->nholidays++] = day;
        }
    }
  a = get (L, v, "special", CC_J_ARRAY, where);
  if (a && a->u.arr.n)
    {
      c->special = cc_xcalloc (a->u.arr.n, sizeof *c->special);
      for (size_t i = 0; i < a->u.arr.n; i++)
        {
          const cc_jval *s = a->u.arr.items[i];
          char *ws = fmt ("special day %zu of %s", i + 1, where);
          if (!is_object (L, s, ws))
            {
              free (ws);
              continue;
            }
          static const char *const skeys[] = { "date", "open", "close", NULL };
          check_keys (L, s, skeys, NULL, ws);
          iv_day day = { 0, 0, 0, -1, -1, vpos (s) };
          iv_pos dpos;
          const char *date = get_str (L, s, "date", ws, &dpos, false);
          bool ok = date != NULL;
          if (!date && !cc_jobj_get (s, "date"))
            lerr (L, vpos (s), 1, "%s has no 'date'", ws);
          if (date && !parse_date (date, &day.y, &day.m, &day.d))
            {
              lerr (L, dpos, 13, "bad date '%s' in %s: use a real date YYYY-MM-DD", date, ws);
              ok = false;
            }
          ok &= read_hours (L, s, ws, &day.open_min, &day.close_min);
          if (ok)
            c->special[c->nspecial++] = day;
          free (ws);
        }
    }
  free (where);
}

/* ---- nodes --------------------------------------------------------------- */

/* Keys every node may have.  */
static const char *const common_keys[]
    = { "type", "text", "prompt_s", "hangup_as", "description", NULL };

/* Keys of each type, beyond the common ones.  */
static const char *const *const type_keys[IV_NTYPES] = {
  [IV_PROMPT] = (const char *const[]){ "next", "p_hangup", NULL },
  [IV_MENU] = (const char *const[]){ "options", "on_noinput", "on_nomatch", "max_noinput",
                                     "max_nomatch", "p_noinput", "p_nomatch", "p_hangup",
                                     "timeout_s", "barge_in", "think_s", "asr", NULL },
  [IV_INPUT] = (const char *const[]){ "digits", "on_valid", "on_noinput", "on_nomatch",
                                      "max_noinput", "max_nomatch", "p_valid", "p_noinput",
                                      "p_nomatch", "p_hangup", "timeout_s", "inter_digit_s",
                                      "barge_in", "think_s", "entry_s", "set_on_valid", NULL },
  [IV_HOURS] = (const char *const[]){ "calendar", "open", "closed", "holiday", NULL },
  [IV_SELFSERVICE] = (const char *const[]){ "task", "duration_s", "p_complete", "p_fail",
                                            "p_hangup", "on_complete", "on_fail", NULL },
  [IV_QUEUE]
  = (const char *const[]){ "queue", "skill", "priority", "priority_rules", "p_misroute", NULL },
  [IV_VOICEMAIL] = (const char *const[]){ "mailbox", "duration_s", NULL },
  [IV_HANGUP] = (const char *const[]){ "reason", NULL },
  [IV_END] = (const char *const[]){ "outcome", NULL },
  [IV_GOTO] = (const char *const[]){ "target", NULL },
  [IV_TRANSFER] = (const char *const[]){ "number", NULL },
};

/* Read the variable map KEY of O (var: string) into *VARS, *N.  */
static void
read_vars (ld *L, const cc_jval *o, const char *key, const char *where, iv_var **vars, size_t *n)
{
  const cc_jval *v = get (L, o, key, CC_J_OBJECT, where);
  if (!v || !v->u.obj.n)
    return;
  char *w = what (key, where);
  *vars = cc_xcalloc (v->u.obj.n, sizeof **vars);
  for (size_t i = 0; i < v->u.obj.n; i++)
    {
      const cc_jmember *mb = &v->u.obj.members[i];
      if (mb->val->kind != CC_J_STRING)
        lerr (L, vpos (mb->val), 1, "variable '%s' of %s must be a string, not %s %s", mb->key, w,
              article (mb->val->kind),
              cc_jkind_name (mb->val->kind));
      else
        (*vars)[(*n)++] = (iv_var){ mb->key, mb->val->u.str.s, kpos (mb) };
    }
  free (w);
}

/* Read the options of menu node ND from object V (WHERE names the node).  */
static void
read_options (ld *L, iv_node *nd, const cc_jval *v, const char *where)
{
  nd->options = cc_xcalloc (v->u.obj.n ? v->u.obj.n : 1, sizeof *nd->options);
  for (size_t i = 0; i < v->u.obj.n; i++)
    {
      const cc_jmember *mb = &v->u.obj.members[i];
      char k = mb->keylen == 1 ? mb->key[0] : 0;
      if (!((k >= '0' && k <= '9') || k == '*' || k == '#'))
        {
          lerr (L, kpos (mb), 3, "invalid option key '%s' in %s: use 0-9, '*' or '#'", mb->key,
                where);
          continue;
        }
      char *wo = fmt ("option '%c' of %s", k, where);
      const cc_jval *o = mb->val;
      if (!is_object (L, o, wo))
        {
          free (wo);
          continue;
        }
      static const char *const okeys[] = { "next", "label", "p", "zero_out", "action", NULL };
      check_keys (L, o, okeys, NULL, wo);
      iv_option opt = { 0 };
      opt.key = k;
      opt.pos = kpos (mb);
      opt.p.v = NAN;
      opt.next.node = IV_REF_NONE;
      opt.label = get_str (L, o, "label", wo, NULL, false);
      get_real (L, o, "p", wo, &opt.p, false);
      get_bool (L, o, "zero_out", wo, &opt.zero_out, NULL);
      iv_pos apos;
      const char *action = get_str (L, o, "action", wo, &apos, false);
      get_ref (L, o, "next", wo, &opt.next);
      if (action && strcmp (action, "repeat") != 0)
        lerr (L, apos, 1, "unknown action '%s' of %s: the only action is 'repeat'", action, wo);
      else if (action && cc_jobj_get (o, "next"))
        lerr (L, opt.next.key, 1, "%s has both 'action' and 'next'", wo);
      else if (action)
        opt.repeat = true;
      else if (!cc_jobj_get (o, "next") && !cc_jobj_get (o, "action"))
        lerr (L, vpos (o), 1, "%s has neither 'next' nor 'action'", wo);
      nd->options[nd->noptions++] = opt;
      free (wo);
    }
}

/* Read the digits object of input node ND.  */
static void
read_digits (ld *L, iv_node *nd, const cc_jval *o, const char *where)
{
  const cc_jval *v = get (L, o, "digits", CC_J_OBJECT, where);
  nd->digits_min = 1;
  nd->digits_max = 255;
  nd->terminator = '#';
  if (!v)
    return;
  nd->digits_pos = vpos (v);
  char *w = what ("digits", where);
  static const char *const keys[] = { "min", "max", "terminator", NULL };
  check_keys (L, v, keys, NULL, w);
  iv_int mn = { 1, { 0, 0 } }, mx = { 255, { 0, 0 } };
  get_int (L, v, "min", w, &mn, 0, 255);
  get_int (L, v, "max", w, &mx, 1, 255);
  if (mn.v > mx.v)
    lerr (L, mn.pos.line ? mn.pos : vpos (v), 1, "%s has 'min' %ld above 'max' %ld", w, mn.v, mx.v);
  nd->digits_min = mn.v;
  nd->digits_max = mx.v;
  iv_pos tpos;
  const char *t = get_str (L, v, "terminator", w, &tpos, false);
  if (t)
    {
      if (t[0] == '\0')
        nd->terminator = 0;
      else if (t[1] == '\0' && ((t[0] >= '0' && t[0] <= '9') || t[0] == '*' || t[0] == '#'))
        nd->terminator = t[0];
      else
        lerr (L, tpos, 1, "bad 'terminator' '%s' of %s: use one of 0-9, '*', '#', or \"\"", t, w);
    }
  free (w);
}

/* Read the priority rules of queue node ND.  */
static void
read_rules (ld *L, iv_node *nd, const cc_jval *o, const char *where)
{
  const cc_jval *a = get (L, o, "priority_rules", CC_J_ARRAY, where);
  if (!a || !a->u.arr.n)
    return;
  nd->rules = cc_xcalloc (a->u.arr.n, sizeof *nd->rules);
  for (size_t i = 0; i < a->u.arr.n; i++)
    {
      const cc_jval *r = a->u.arr.items[i];
      char *wr = fmt ("priority rule %zu of %s", i + 1, where);
      if (!is_object (L, r, wr))
        {
          free (wr);
          continue;
        }
      static const char *const keys[] = { "when", "priority", NULL };
      check_keys (L, r, keys, NULL, wr);
      iv_rule rule = { NULL, 0, 0, vpos (r) };
      iv_int p = { 0, { 0, 0 } };
      get_int (L, r, "priority", wr, &p, -MAX_PRIORITY, MAX_PRIORITY);
      if (!cc_jobj_get (r, "priority"))
        lerr (L, vpos (r), 1, "%s has no 'priority'", wr);
      if (!cc_jobj_get (r, "when"))
        lerr (L, vpos (r), 1, "%s has no 'when'", wr);
      rule.priority = p.v;
      read_vars (L, r, "when", wr, &rule.when, &rule.nwhen);
      nd->rules[nd->nrules++] = rule;
      free (wr);
    }
}

/* Report "WHERE has no 'KEY'" (check CODE) when KEY is missing from O.  */
static void
require (ld *L, const cc_jval *o, const char *key, const char *where, iv_pos at, int code)
{
  if (!cc_jobj_get (o, key))
    lerr (L, at, code, "%s has no '%s'", where, key);
}

/* Read node ND from its value V.  */
static void
read_node (ld *L, iv_node *nd, const cc_jval *v)
{
  const iv_menu *m = L->m;
  char *where = fmt ("node '%s'", nd->id);
  iv_real unset = { NAN, { 0, 0 } };
  nd->type = -1;
  nd->prompt_s = nd->timeout_s = nd->inter_digit_s = unset;
  nd->p_noinput = nd->p_nomatch = nd->p_hangup = nd->p_valid = unset;
  nd->p_complete = nd->p_fail = nd->p_misroute = unset;
  nd->asr_correct = nd->asr_subst = nd->asr_reject = unset;
  nd->max_noinput = m->def_max_noinput;
  nd->max_nomatch = m->def_max_nomatch;
  nd->max_noinput.pos = nd->max_nomatch.pos = (iv_pos){ 0, 0 };
  nd->think_s = m->def_think_s;
  iv_ref *refs[]
      = { &nd->next,    &nd->on_noinput,  &nd->on_nomatch, &nd->on_valid, &nd->open,    &nd->closed,
          &nd->holiday, &nd->on_complete, &nd->on_fail,    &nd->target,   &nd->calendar };
  for (size_t i = 0; i < sizeof refs / sizeof *refs; i++)
    refs[i]->node = IV_REF_NONE;
  if (!is_object (L, v, where))
    {
      free (where);
      return;
    }
  iv_pos tpos;
  const char *type = get_str (L, v, "type", where, &tpos, false);
  if (!type && !cc_jobj_get (v, "type"))
    lerr (L, nd->pos, 1, "%s has no 'type'", where);
  for (int t = 0; type && t < IV_NTYPES && nd->type < 0; t++)
    if (strcmp (type, type_names[t]) == 0)
      nd->type = t;
  nd->type_pos = tpos;
  if (type && nd->type < 0)
    lerr (L, tpos, 1,
          "unknown type '%s' of %s: use prompt, menu, input, hours, selfservice, queue, "
          "voicemail, hangup, end, goto or transfer",
          type, where);
  if (nd->type >= 0)
    check_keys (L, v, common_keys, type_keys[nd->type], where);

  nd->text = get_str (L, v, "text", where, NULL, false);
  nd->hangup_as = get_str (L, v, "hangup_as", where, NULL, true);
  get_real (L, v, "prompt_s", where, &nd->prompt_s, true);
  if (!isnan (nd->prompt_s.v))
    nd->prompt_est_s = nd->prompt_s.v;
  else if (nd->text)
    {
      size_t words = 0;
      for (const char *p = nd->text; *p; p++)
        words += (p == nd->text || p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t') && *p != ' '
                 && *p != '\n' && *p != '\t';
      nd->prompt_est_s = (double)words / WORDS_PER_S;
    }
  if (nd->type < 0)
    {
      free (where);
      return;
    }

  /* Everything else: keys not of this type were reported above.  */
  get_real (L, v, "p_hangup", where, &nd->p_hangup, false);
  get_real (L, v, "p_noinput", where, &nd->p_noinput, false);
  get_real (L, v, "p_nomatch", where, &nd->p_nomatch, false);
  get_real (L, v, "p_valid", where, &nd->p_valid, false);
  get_real (L, v, "p_complete", where, &nd->p_complete, false);
  get_real (L, v, "p_fail", where, &nd->p_fail, false);
  get_real (L, v, "p_misroute", where, &nd->p_misroute, false);
  get_real (L, v, "timeout_s", where, &nd->timeout_s, true);
  nd->timeout_eff_s = isnan (nd->timeout_s.v) ? m->def_timeout_s.v : nd->timeout_s.v;
  get_real (L, v, "inter_digit_s", where, &nd->inter_digit_s, true);
  if (isnan (nd->inter_digit_s.v))
    nd->inter_digit_s.v = m->def_inter_digit_s.v;
  get_int (L, v, "max_noinput", where, &nd->max_noinput, 0, MAX_RETRIES);
  get_int (L, v, "max_nomatch", where, &nd->max_nomatch, 0, MAX_RETRIES);
  get_bool (L, v, "barge_in", where, &nd->barge_in, &nd->barge_in_pos);
  get_dist (L, v, "think_s", where, &nd->think_s);
  get_dist (L, v, "entry_s", where, &nd->entry_s);
  get_dist (L, v, "duration_s", where, &nd->duration_s);
  get_ref (L, v, "next", where, &nd->next);
  get_ref (L, v, "on_noinput", where, &nd->on_noinput);
  get_ref (L, v, "on_nomatch", where, &nd->on_nomatch);
  get_ref (L, v, "on_valid", where, &nd->on_valid);
  get_ref (L, v, "open", where, &nd->open);
  get_ref (L, v, "closed", where, &nd->closed);
  get_ref (L, v, "holiday", where, &nd->holiday);
  get_ref (L, v, "on_complete", where, &nd->on_complete);
  get_ref (L, v, "on_fail", where, &nd->on_fail);
  get_ref (L, v, "target", where, &nd->target);
  get_ref (L, v, "calendar", where, &nd->calendar);
  nd->task = get_str (L, v, "task", where, NULL, true);
  nd->queue = get_str (L, v, "queue", where, &nd->queue_pos, true);
  nd->skill = get_str (L, v, "skill", where, &nd->skill_pos, true);
  get_int (L, v, "priority", where, &nd->priority, -MAX_PRIORITY, MAX_PRIORITY);
  nd->mailbox = get_str (L, v, "mailbox", where, NULL, true);
  nd->reason = get_str (L, v, "reason", where, NULL, true);
  nd->outcome = get_str (L, v, "outcome", where, NULL, true);
  nd->number = get_str (L, v, "number", where, NULL, true);
  const cc_jval *asr = get (L, v, "asr", CC_J_OBJECT, where);
  if (asr)
    {
      char *w = what ("asr", where);
      static const char *const keys[] = { "p_correct", "p_subst", "p_reject", NULL };
      check_keys (L, asr, keys, NULL, w);
      get_real (L, asr, "p_correct", w, &nd->asr_correct, false);
      get_real (L, asr, "p_subst", w, &nd->asr_subst, false);
      get_real (L, asr, "p_reject", w, &nd->asr_reject, false);
      free (w);
    }

  /* Required keys.  A node with none of its edges is a dead end (L007, in
     lint.c); one with some of them lacks the others (L001).  */
  bool any_edge = false;
  iv_edge e[4];
  iv_node probe = *nd;
  probe.noptions = 0;
  any_edge = iv_node_edges (&(iv_menu){ .nodes = &probe, .nnodes = 1 }, 0, e) > 0;
  switch (nd->type)
    {
    case IV_MENU:
      {
        const cc_jval *o = get (L, v, "options", CC_J_OBJECT, where);
        if (o)
          {
            nd->options_pos = vpos (o);
            read_options (L, nd, o, where);
          }
        else
          require (L, v, "options", where, nd->pos, 1);
      }
      break;
    case IV_INPUT:
      read_digits (L, nd, v, where);
      require (L, v, "digits", where, nd->pos, 1);
      if (any_edge)
        require (L, v, "on_valid", where, nd->pos, 1);
      read_vars (L, v, "set_on_valid", where, &nd->set_on_valid, &nd->nset_on_valid);
      break;
    case IV_HOURS:
      require (L, v, "calendar", where, nd->pos, 1);
      if (any_edge)
        {
          require (L, v, "open", where, nd->pos, 1);
          require (L, v, "closed", where, nd->pos, 1);
        }
      break;
    case IV_SELFSERVICE:
      require (L, v, "task", where, nd->pos, 1);
      if (any_edge)
        {
          require (L, v, "on_complete", where, nd->pos, 1);
          require (L, v, "on_fail", where, nd->pos, 1);
        }
      break;
    case IV_QUEUE:
      require (L, v, "queue", where, nd->pos, 16);
      if (!cc_jobj_get (v, "skill") && nd->queue)
        lwarn (L, nd->pos, 16, "%s has no 'skill': ccroute takes the queue name '%s'", where,
               nd->queue);
      read_rules (L, nd, v, where);
      break;
    case IV_VOICEMAIL:
      require (L, v, "mailbox", where, nd->pos, 1);
      break;
    case IV_HANGUP:
      require (L, v, "reason", where, nd->pos, 1);
      break;
    case IV_END:
      require (L, v, "outcome", where, nd->pos, 1);
      break;
    case IV_TRANSFER:
      require (L, v, "number", where, nd->pos, 1);
      break;
    default:
      break;
    }
  free (where);
}

size_t
iv_node_edges (const iv_menu *m, size_t i, iv_edge *out)
{
  const iv_node *nd = &m->nodes[i];
  size_t n = 0;
#define EDGE(k, r)                                                                                 \
  do                                                                                               \
    if ((r).name)                                                                                  \
      out[n++] = (iv_edge){ (k), &(r), 0 };                                                        \
  while (0)
  switch (nd->type)
    {
    case IV_PROMPT:
      EDGE (IV_E_NEXT, nd->next);
      break;
    case IV_MENU:
      for (size_t k = 0; k < nd->noptions; k++)
        if (!nd->options[k].repeat && nd->options[k].next.name)
          out[n++] = (iv_edge){ IV_E_OPTION, &nd->options[k].next, k };
      EDGE (IV_E_NOINPUT, nd->on_noinput);
      EDGE (IV_E_NOMATCH, nd->on_nomatch);
      break;
    case IV_INPUT:
      EDGE (IV_E_VALID, nd->on_valid);
      EDGE (IV_E_NOINPUT, nd->on_noinput);
      EDGE (IV_E_NOMATCH, nd->on_nomatch);
      break;
    case IV_HOURS:
      EDGE (IV_E_OPEN, nd->open);
      EDGE (IV_E_CLOSED, nd->closed);
      EDGE (IV_E_HOLIDAY, nd->holiday);
      break;
    case IV_SELFSERVICE:
      EDGE (IV_E_COMPLETE, nd->on_complete);
      EDGE (IV_E_FAIL, nd->on_fail);
      break;
    case IV_GOTO:
      EDGE (IV_E_TARGET, nd->target);
      break;
    default:
      break;
    }
#undef EDGE
  return n;
}

/* The words naming edge E of node ND in messages ("option '2'", "'next'").  */
static char *
edge_name (const iv_node *nd, const iv_edge *e)
{
  static const char *const keys[]
      = { "next",   "",        "on_noinput",  "on_nomatch", "on_valid", "open",
          "closed", "holiday", "on_complete", "on_fail",    "target" };
  if (e->kind == IV_E_OPTION)
    return fmt ("option '%c'", nd->options[e->opt].key);
  return fmt ("'%s'", keys[e->kind]);
}

/* Resolve every reference of the nodes and the start (pass three).  */
static void
resolve (ld *L)
{
  iv_menu *m = L->m;
  iv_edge *e = cc_xmalloc (16 * sizeof *e);
  for (size_t i = 0; i < m->nnodes; i++)
    {
      iv_node *nd = &m->nodes[i];
      size_t n = iv_node_edges (m, i, e);
      for (size_t k = 0; k < n; k++)
        {
          iv_ref *r = (iv_ref *)e[k].ref;
          if (strcmp (r->name, "@parent") == 0)
            {
              if (e[k].kind == IV_E_TARGET)
                r->node = IV_REF_PARENT;
              else
                {
                  char *en = edge_name (nd, &e[k]);
                  lerr (L, r->pos, 2,
                        "%s of node '%s' goes to '@parent', which only a goto node's "
                        "'target' may name",
                        en, nd->id);
                  free (en);
                }
              continue;
            }
          r->node = iv_menu_find (m, r->name);
          if (r->node < 0)
            {
              char *en = edge_name (nd, &e[k]);
              lerr (L, r->pos, 2, "%s of node '%s' goes to '%s', which is not a node", en, nd->id,
                    r->name);
              free (en);
            }
        }
      if (nd->type == IV_HOURS && nd->calendar.name)
        {
          for (size_t c = 0; c < m->ncalendars && nd->calendar.node < 0; c++)
            if (strcmp (m->calendars[c].name, nd->calendar.name) == 0)
              nd->calendar.node = (int)c;
          if (nd->calendar.node < 0)
            lerr (L, nd->calendar.pos, 2,
                  "'calendar' of node '%s' names '%s', which is not a "
                  "calendar",
                  nd->id, nd->calendar.name);
        }
    }
  free (e);
  if (m->start.name)
    {
      m->start.node = iv_menu_find (m, m->start.name);
      if (m->start.node < 0)
        lerr (L, m->start.pos, 1, "start '%s' is not a node", m->start.name);
    }
}

/* Read the top level of the document (ROOT, an object).  */
static void
read_top (ld *L, const cc_jval *root)
{
  iv_menu *m = L->m;
  static const char *const keys[]
      = { "format",   "id",        "version", "description", "timezone", "start",
          "defaults", "calendars", "sim",     "nodes",       NULL };
  check_keys (L, root, keys, NULL, "the top level");
  iv_pos fpos;
  const char *format = get_str (L, root, "format", NULL, &fpos, false);
  if (!cc_jobj_get (root, "format"))
    lerr (L, vpos (root), 1, "missing 'format': a menu starts with \"format\": \"ccivr/1\"");
  else if (format && strcmp (format, "ccivr/1") != 0)
    lerr (L, fpos, 1, "unsupported format '%s': ccivr-sim reads ccivr/1", format);
  m->id = get_str (L, root, "id", NULL, NULL, false);
  m->version = get_str (L, root, "version", NULL, NULL, false);
  m->description = get_str (L, root, "description", NULL, NULL, false);
  m->timezone = get_str (L, root, "timezone", NULL, &m->timezone_pos, true);
  get_ref (L, root, "start", NULL, &m->start);
  if (!cc_jobj_get (root, "start"))
    lerr (L, vpos (root), 1, "missing 'start': the node every call begins at");

  m->def_timeout_s = (iv_real){ DEF_TIMEOUT_S, { 0, 0 } };
  m->def_inter_digit_s = (iv_real){ DEF_INTER_DIGIT_S, { 0, 0 } };
  m->def_max_noinput = m->def_max_nomatch = (iv_int){ DEF_MAX_RETRIES, { 0, 0 } };
  m->def_think_s = (iv_dist){ IV_DIST_LOGNORMAL, 2.5, 0.6, { 0, 0 } };
  const cc_jval *d = get (L, root, "defaults", CC_J_OBJECT, NULL);
  if (d)
    {
      static const char *const dkeys[]
          = { "timeout_s", "inter_digit_s", "max_noinput", "max_nomatch", "think_s", NULL };
      check_keys (L, d, dkeys, NULL, "defaults");
      get_real (L, d, "timeout_s", "defaults", &m->def_timeout_s, true);
      get_real (L, d, "inter_digit_s", "defaults", &m->def_inter_digit_s, true);
      get_int (L, d, "max_noinput", "defaults", &m->def_max_noinput, 0, MAX_RETRIES);
      get_int (L, d, "max_nomatch", "defaults", &m->def_max_nomatch, 0, MAX_RETRIES);
      get_dist (L, d, "think_s", "defaults", &m->def_think_s);
    }
  const cc_jval *s = get (L, root, "sim", CC_J_OBJECT, NULL);
  if (s)
    {
      static const char *const skeys[]
          = { "patience_s", "hangup_after_self_service", "segments", NULL };
      check_keys (L, s, skeys, NULL, "sim");
      get_dist (L, s, "patience_s", "sim", &m->patience_s);
      m->hangup_after_ss = get_str (L, s, "hangup_after_self_service", "sim", NULL, true);
      L->segs = get (L, s, "segments", CC_J_OBJECT, "sim");
    }
  const cc_jval *c = get (L, root, "calendars", CC_J_OBJECT, NULL);
  if (c && c->u.obj.n)
    {
      m->calendars = cc_xcalloc (c->u.obj.n, sizeof *m->calendars);
      for (size_t i = 0; i < c->u.obj.n; i++)
        {
          const cc_jmember *mb = &c->u.obj.members[i];
          iv_calendar *cal = &m->calendars[m->ncalendars++];
          cal->name = mb->key;
          cal->pos = kpos (mb);
          read_calendar (L, cal, mb->val);
        }
    }
}

/* ---- segments ------------------------------------------------------------ */

#define MAX_SEGMENTS 100        /* most caller segments */
#define MAX_SEGMENT_NODES 100000 /* most segments x nodes (each segment copies the nodes) */

/* Apply a segment's overrides for node ND (its copy, of type ND->type)
   from object O (WHERE names them).  */
static void
read_seg_node (ld *L, iv_node *nd, const cc_jval *o, const char *where)
{
  static const char *const all[] = { "p_noinput", "p_nomatch", "p_hangup", "p_valid",
                                     "p_complete", "p_fail", "options", NULL };
  iv_real *dst[] = { &nd->p_noinput, &nd->p_nomatch, &nd->p_hangup, &nd->p_valid,
                     &nd->p_complete, &nd->p_fail, NULL };
  const cc_jval *opts = NULL;
  for (size_t i = 0; i < o->u.obj.n; i++)
    {
      const cc_jmember *mb = &o->u.obj.members[i];
      size_t which = 0;
      while (all[which] && strcmp (all[which], mb->key) != 0)
        which++;
      if (!all[which])
        {
          lerr (L, kpos (mb), 1,
                "unknown key '%s' in %s: a segment sets p_noinput, p_nomatch, p_hangup, "
                "p_valid, p_complete, p_fail and options",
                mb->key, where);
          continue;
        }
      bool fits = false;
      if (nd->type >= 0)
        for (const char *const *a = type_keys[nd->type]; *a && !fits; a++)
          fits = strcmp (*a, mb->key) == 0;
      if (!fits)
        {
          const char *tn = nd->type >= 0 ? iv_type_name (nd->type) : "typeless";
          lerr (L, kpos (mb), 1, "%s sets '%s', which %s %s node does not have", where, mb->key,
                strchr ("aeiou", tn[0]) ? "an" : "a", tn);
        }
      else if (dst[which])
        get_real (L, o, mb->key, where, dst[which], false);
      else
        opts = get (L, o, "options", CC_J_OBJECT, where);
    }

  if (!opts || nd->type != IV_MENU)
    return;
  for (size_t i = 0; i < opts->u.obj.n; i++)
    {
      const cc_jmember *mb = &opts->u.obj.members[i];
      size_t k = 0;
      while (k < nd->noptions
             && !(mb->keylen == 1 && nd->options[k].key == mb->key[0]))
        k++;
      if (k == nd->noptions)
        {
          lerr (L, kpos (mb), 2, "%s sets option '%s', which node '%s' does not have", where,
                mb->key, nd->id);
          continue;
        }
      char *wo = fmt ("option '%c' of %s", nd->options[k].key, where);
      const cc_jval *ov = mb->val;
      if (is_object (L, ov, wo))
        {
          static const char *const okeys[] = { "p", NULL };
          check_keys (L, ov, okeys, NULL, wo);
          get_real (L, ov, "p", wo, &nd->options[k].p, false);
        }
      free (wo);
    }
}

/* Read sim.segments (L->segs), after the nodes are resolved: each segment
   gets a copy of the nodes with its overrides.  */
static void
read_segments (ld *L)
{
  iv_menu *m = L->m;
  const cc_jval *v = L->segs;
  if (!v)
    return;
  m->segments_pos = vpos (v);
  if (v->u.obj.n == 0)
    {
      lerr (L, vpos (v), 1, "'segments' of sim is empty: leave it out for one kind of caller");
      return;
    }
  if (v->u.obj.n > MAX_SEGMENTS)
    {
      lerr (L, vpos (v), 1, "more than %d segments", MAX_SEGMENTS);
      return;
    }
  if (v->u.obj.n * m->nnodes > MAX_SEGMENT_NODES)
    {
      lerr (L, vpos (v), 1,
            "%zu segments of %zu nodes: segments x nodes may be at most %d (each segment "
            "has its own copy of the nodes)",
            v->u.obj.n, m->nnodes, MAX_SEGMENT_NODES);
      return;
    }
  m->segments = cc_xcalloc (v->u.obj.n, sizeof *m->segments);
  double given = 0;
  size_t without = 0;
  for (size_t i = 0; i < v->u.obj.n; i++)
    {
      const cc_jmember *mb = &v->u.obj.members[i];
      iv_segment *sg = &m->segments[m->nsegments++];
      sg->name = mb->key;
      sg->pos = kpos (mb);
      sg->share.v = NAN;
      sg->nodes = cc_xcalloc (m->nnodes ? m->nnodes : 1, sizeof *sg->nodes);
      for (size_t k = 0; k < m->nnodes; k++)
        {
          sg->nodes[k] = m->nodes[k];
          sg->nodes[k].seg_pos = (iv_pos){ 0, 0 };
          if (m->nodes[k].noptions)
            {
              sg->nodes[k].options = cc_xmalloc (m->nodes[k].noptions * sizeof (iv_option));
              memcpy (sg->nodes[k].options, m->nodes[k].options,
                      m->nodes[k].noptions * sizeof (iv_option));
            }
          else
            sg->nodes[k].options = NULL;
        }
      if (mb->keylen == 0)
        lerr (L, kpos (mb), 1, "empty segment name");
      char *where = fmt ("segment '%s'", mb->key);
      const cc_jval *o = mb->val;
      if (!is_object (L, o, where))
        {
          free (where);
          without++;
          continue;
        }
      static const char *const keys[] = { "share", "patience_s", "nodes", "description", NULL };
      check_keys (L, o, keys, NULL, where);
      get_real (L, o, "share", where, &sg->share, false);
      if (!isnan (sg->share.v) && !(sg->share.v >= 0 && sg->share.v <= 1))
        {
          lerr (L, sg->share.pos, 11, "'share' of %s is %g, outside 0 to 1", where, sg->share.v);
          sg->share.v = NAN;
        }
      if (isnan (sg->share.v))
        without++;
      else
        given += sg->share.v;
      get_dist (L, o, "patience_s", where, &sg->patience_s);
      const cc_jval *nodes = get (L, o, "nodes", CC_J_OBJECT, where);
      for (size_t j = 0; nodes && j < nodes->u.obj.n; j++)
        {
          const cc_jmember *nm = &nodes->u.obj.members[j];
          int k = iv_menu_find (m, nm->key);
          if (k < 0)
            {
              lerr (L, kpos (nm), 2, "%s sets node '%s', which is not a node", where, nm->key);
              continue;
            }
          char *wn = fmt ("node '%s' of %s", nm->key, where);
          if (is_object (L, nm->val, wn))
            {
              sg->nodes[k].seg_pos = kpos (nm);
              sg->changes = true;
              read_seg_node (L, &sg->nodes[k], nm->val, wn);
            }
          free (wn);
        }
      free (where);
    }
  /* Shares: the given ones, the rest split equally among the others.  */
  double rest = 1 - given;
  if (given > 1 + 1e-3)
    lerr (L, m->segments_pos, 11, "the shares of the segments sum to %.6g, more than 1", given);
  else if (without == 0 && fabs (given - 1) > 1e-3)
    lerr (L, m->segments_pos, 11, "the shares of the segments sum to %.6g, not 1", given);
  else if (without > 0 && rest <= 1e-3)
    lerr (L, m->segments_pos, 11,
          "the shares of the segments sum to %.6g, leaving nothing for the segments "
          "without 'share'",
          given);
  for (size_t i = 0; i < m->nsegments; i++)
    {
      iv_segment *sg = &m->segments[i];
      sg->share_eff = isnan (sg->share.v) ? (rest > 0 ? rest / (double)without : 0) : sg->share.v;
    }
}

void
iv_menu_segment (const iv_menu *m, size_t s, iv_menu *view)
{
  *view = *m;
  view->nodes = m->segments[s].nodes;
  if (m->segments[s].patience_s.kind != IV_DIST_NONE)
    view->patience_s = m->segments[s].patience_s;
}

int
iv_menu_load (iv_menu *m, const char *file, const char *text, size_t n, iv_findings *f)
{
  *m = (iv_menu){ 0 };
  m->file = file;
  m->start.node = IV_REF_NONE;
  ld L = { m, f, 0, NULL };
  uint32_t line = 0, col = 0;
  cc_buf err = { 0 };
  cc_buf_reserve (&err, 256);
  m->doc = cc_jdoc_parse (text, n, 0, &line, &col, err.p, err.cap);
  if (!m->doc)
    {
      bool dup = strncmp (err.p, "duplicate key", 13) == 0;
      lerr (&L, (iv_pos){ line ? line : 1, col ? col : 1 }, dup ? 3 : 1, "%s", err.p);
      cc_buf_free (&err);
      return -1;
    }
  cc_buf_free (&err);
  const cc_jval *root = cc_jdoc_root (m->doc);
  if (root->kind != CC_J_OBJECT)
    {
      lerr (&L, vpos (root), 1, "a menu must be a JSON object, not %s %s",
            article (root->kind), cc_jkind_name (root->kind));
      return -1;
    }
  read_top (&L, root);

  const cc_jval *nodes = get (&L, root, "nodes", CC_J_OBJECT, NULL);
  if (!cc_jobj_get (root, "nodes"))
    lerr (&L, vpos (root), 1, "missing 'nodes'");
  else if (nodes && nodes->u.obj.n == 0)
    lerr (&L, vpos (nodes), 1, "'nodes' is empty");
  else if (nodes && nodes->u.obj.n > MAX_NODES)
    lerr (&L, vpos (nodes), 1, "more than %d nodes", MAX_NODES);
  else if (nodes)
    {
      m->nodes = cc_xcalloc (nodes->u.obj.n, sizeof *m->nodes);
      for (size_t i = 0; i < nodes->u.obj.n; i++)
        {
          const cc_jmember *mb = &nodes->u.obj.members[i];
          if (mb->keylen == 0)
            lerr (&L, kpos (mb), 1, "empty node id");
          else if (mb->key[0] == '@')
            lerr (&L, kpos (mb), 1, "node id '%s' starts with '@', which is reserved", mb->key);
          else if (strchr (mb->key, '>'))
            lerr (&L, kpos (mb), 1,
                  "node id '%s' holds '>', which separates the nodes of ivr_path", mb->key);
          iv_node *nd = &m->nodes[m->nnodes++];
          nd->id = mb->key;
          nd->pos = kpos (mb);
        }
      build_index (m);
      for (size_t i = 0; i < m->nnodes; i++)
        read_node (&L, &m->nodes[i], nodes->u.obj.members[i].val);
    }
  resolve (&L);
  if (m->nodes)
    read_segments (&L);
  return L.errors ? -1 : 0;
}

void
iv_menu_free (iv_menu *m)
{
  for (size_t i = 0; i < m->nnodes; i++)
    {
      iv_node *nd = &m->nodes[i];
      free (nd->options);
      free (nd->set_on_valid);
      for (size_t k = 0; k < nd->nrules; k++)
        free (nd->rules[k].when);
      free (nd->rules);
    }
  free (m->nodes);
  for (size_t s = 0; s < m->nsegments; s++)
    {
      for (size_t i = 0; i < m->nnodes; i++)
        free (m->segments[s].nodes[i].options);
      free (m->segments[s].nodes);
    }
  free (m->segments);
  for (size_t i = 0; i < m->ncalendars; i++)
    {
      free (m->calendars[i].weekly);
      free (m->calendars[i].holidays);
      free (m->calendars[i].special);
    }
  free (m->calendars);
  free (m->index);
  cc_jdoc_free (m->doc);
  *m = (iv_menu){ 0 };
}

double
iv_dist_mean (const iv_dist *d)
{
  switch (d->kind)
    {
    case IV_DIST_FIXED:
    case IV_DIST_EXP:
      return d->a;
    case IV_DIST_LOGNORMAL:
      return d->a * exp (d->b * d->b / 2);
    case IV_DIST_UNIFORM:
      return (d->a + d->b) / 2;
    case IV_DIST_WEIBULL:
      return d->b * tgamma (1 + 1 / d->a);
    default:
      return 0;
    }
}

size_t
iv_node_outcomes (const iv_node *nd, double *p)
{
  double pn = iv_p0 (&nd->p_noinput), pm = iv_p0 (&nd->p_nomatch), ph = iv_p0 (&nd->p_hangup);
  switch (nd->type)
    {
    case IV_MENU:
      {
        /* Options without "p" share what the others leave equally.  */
        double given = 0;
        size_t nfree = 0, k = nd->noptions;
        for (size_t i = 0; i < k; i++)
          {
            if (isnan (nd->options[i].p.v))
              nfree++;
            else
              given += nd->options[i].p.v;
          }
        double share = nfree ? (1 - given - pn - pm - ph) / (double)nfree : 0;
        if (share < 0)
          share = 0;
        for (size_t i = 0; i < k; i++)
          p[i] = isnan (nd->options[i].p.v) ? share : nd->options[i].p.v;
        p[k] = pn, p[k + 1] = pm, p[k + 2] = ph;
        return k + 3;
      }
    case IV_INPUT:
      p[0] = isnan (nd->p_valid.v) ? 1 - pn - pm - ph : nd->p_valid.v;
      p[1] = pn, p[2] = pm, p[3] = ph;
      return 4;
    case IV_SELFSERVICE:
      {
        double pf = iv_p0 (&nd->p_fail);
        p[0] = isnan (nd->p_complete.v) ? 1 - pf - ph : nd->p_complete.v;
        p[1] = pf, p[2] = ph;
        return 3;
      }
    default:
      return 0;
    }
}
