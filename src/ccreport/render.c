/* ccreport: turn the folded groups into the report table.  */
#include <config.h>

#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"

/* Decode the I-th column of key K into *P, *N; returns false for null.  */
static bool
key_part (const group *g, size_t i, const char **p, uint32_t *n)
{
  size_t off = 0;
  for (size_t j = 0;; j++)
    {
      uint32_t len;
      memcpy (&len, g->key + off, 4);
      off += 4;
      if (j == i)
        {
          *p = g->key + off;
          *n = len == UINT32_MAX ? 0 : len;
          return len != UINT32_MAX;
        }
      if (len != UINT32_MAX)
        off += len;
    }
}

/* The number of --by columns, for the comparator.  */
static size_t sort_nby;

/* Order groups by their --by values (null first, then bytes), then interval.  */
static int
group_cmp (const void *a, const void *b)
{
  const group *x = *(group *const *) a, *y = *(group *const *) b;
  for (size_t i = 0; i < sort_nby; i++)
    {
      const char *p, *q;
      uint32_t n, m;
      bool hx = key_part (x, i, &p, &n), hy = key_part (y, i, &q, &m);
      if (hx != hy)
        return hx ? 1 : -1;
      int c = memcmp (p, q, n < m ? n : m);
      if (c)
        return c;
      if (n != m)
        return n < m ? -1 : 1;
    }
  return x->ival < y->ival ? -1 : x->ival > y->ival;
}

void
report_sort (const report *r, fold *f)
{
  sort_nby = r->nby;
  if (f->ng)
    qsort (f->g, f->ng, sizeof *f->g, group_cmp);
}

/* A row being built: the text of its cells in one buffer.  */
typedef struct rowb
{
  cc_buf text;    /* cell bytes */
  size_t *off;    /* start of each cell in text */
  size_t *len;    /* length */
  uint8_t *kind;  /* kind */
  size_t n, cap;  /* cells used, allocated */
} rowb;

static void
cell (rowb *b, uint8_t kind, const char *p, size_t n)
{
  if (b->n == b->cap)
    {
      b->cap = b->cap ? b->cap * 2 : 32;
      b->off = cc_xrealloc (b->off, b->cap * sizeof *b->off);
      b->len = cc_xrealloc (b->len, b->cap * sizeof *b->len);
      b->kind = cc_xrealloc (b->kind, b->cap * sizeof *b->kind);
    }
  b->off[b->n] = b->text.n;
  b->len[b->n] = n;
  b->kind[b->n] = kind;
  cc_buf_add (&b->text, p, n);
  b->n++;
}

static void
cell_u (rowb *b, uint64_t v)
{
  char t[24];
  int k = snprintf (t, sizeof t, "%llu", (unsigned long long) v);
  cell (b, CC_NUM, t, (size_t) k);
}

/* NUM/DEN with two decimals, or null when DEN is 0.  */
static void
cell_ratio (rowb *b, int64_t num, int64_t den)
{
  if (den <= 0)
    {
      cell (b, CC_NULL, "", 0);
      return;
    }
  char t[40];
  size_t k = cc_num_fixed (t, num, den, 2);
  cell (b, CC_NUM, t, k);
}

/* Write B as one row to O.  */
static void
emit (cc_out *o, rowb *b)
{
  cc_val *v = cc_xmalloc ((b->n + 1) * sizeof *v);
  for (size_t i = 0; i < b->n; i++)
    {
      v[i].p = b->text.p + b->off[i];
      v[i].n = (uint32_t) b->len[i];
      v[i].kind = b->kind[i];
    }
  cc_out_row (o, v, b->n);
  free (v);
  b->n = 0;
  b->text.n = 0;
}

/* The figures of accumulator A as cells.  */
static void
figures (const report *r, const acc *a, rowb *b)
{
  cell_u (b, a->offered);
  cell_u (b, a->answered);
  cell_u (b, a->abandoned);
  if (r->short_secs >= 0)
    cell_u (b, cc_hist_count_le (&a->abandon_wait, (uint64_t) r->short_secs));
  cell_u (b, a->timeout);
  cell_u (b, a->overflow);
  cell_u (b, a->other);
  cell_ratio (b, (int64_t) a->abandoned * 100, (int64_t) a->offered);
  cell_ratio (b, a->wait_sum, (int64_t) a->answered * CC_USEC_PER_SEC);
  int64_t met = (int64_t) cc_hist_count_le (&a->wait, (uint64_t) r->sl_secs);
  int64_t shortab = r->short_secs >= 0
                    ? (int64_t) cc_hist_count_le (&a->abandon_wait, (uint64_t) r->short_secs) : 0;
  int64_t base = r->sl_base == SL_OFFERED ? (int64_t) a->offered
                 : r->sl_base == SL_ANSWERED ? (int64_t) a->answered
                 : r->sl_base == SL_ANS_ABN ? (int64_t) (a->answered + a->abandoned)
                                            : (int64_t) a->offered - shortab;
  cell_ratio (b, met * 100, base);
  static const double pct[4] = { 50, 90, 95, 99 };
  for (int i = 0; i < 4; i++)
    if (a->answered)
      cell_u (b, cc_hist_percentile (&a->wait, pct[i]));
    else
      cell (b, CC_NULL, "", 0);
  if (a->answered)
    cell_u (b, a->wait.max);
  else
    cell (b, CC_NULL, "", 0);
  cell_ratio (b, a->handle_sum, (int64_t) a->handled * CC_USEC_PER_SEC);
  uint64_t prev = 0;
  for (size_t i = 0; i < r->nbuckets; i++)
    {
      uint64_t le = cc_hist_count_le (&a->wait, (uint64_t) r->buckets[i]);
      cell_u (b, le - prev);
      prev = le;
    }
  if (r->nbuckets)
    cell_u (b, a->answered - prev);
}

/* The column names of the report.  */
static size_t
columns (const report *r, cc_buf *names, size_t **offs)
{
  size_t n = 0, cap = 64;
  *offs = cc_xmalloc (cap * sizeof **offs);
#define COL(...)                                                                                   \
  do                                                                                               \
    {                                                                                              \
      if (n == cap)                                                                                \
        *offs = cc_xrealloc (*offs, (cap *= 2) * sizeof **offs);                                   \
      (*offs)[n++] = names->n;                                                                     \
      cc_buf_printf (names, __VA_ARGS__);                                                          \
      cc_buf_addc (names, '\0');                                                                   \
    }                                                                                              \
  while (0)
  for (size_t i = 0; i < r->nby; i++)
    COL ("%s", r->by[i]);
  if (r->interval)
    COL ("interval");
  COL ("offered");
  COL ("answered");
  COL ("abandoned");
  if (r->short_secs >= 0)
    COL ("short_abandoned");
  COL ("timeout");
  COL ("overflow");
  COL ("other");
  COL ("abandon_rate");
  COL ("asa");
  COL ("sl");
  COL ("wait_p50");
  COL ("wait_p90");
  COL ("wait_p95");
  COL ("wait_p99");
  COL ("wait_max");
  COL ("aht");
  int64_t lo = 0;
  for (size_t i = 0; i < r->nbuckets; i++)
    {
      COL ("ans_%lld_%lld", (long long) lo, (long long) r->buckets[i]);
      lo = r->buckets[i] + 1;
    }
  if (r->nbuckets)
    COL ("ans_%lld_plus", (long long) lo);
#undef COL
  return n;
}

static const char *const base_names[] = { "offered", "answered", "answered+abandoned",
                                          "offered-short" };

/* The definitions in force, as one line of prose.  */
static void
definitions (const report *r, cc_buf *b)
{
  static const char *const base_text[] = { "offered", "answered", "(answered + abandoned)",
                                           "(offered - short abandons)" };
  cc_buf_printf (b, "ccreport %s: %s interactions", PACKAGE_VERSION,
                 r->dir == DIR_INBOUND ? "inbound" : r->dir == DIR_OUTBOUND ? "outbound" : "all");
  cc_buf_printf (b, "; answered = has answered_at (without it: outcome answered, resolved or "
                    "transferred); abandon_rate = abandoned / offered x 100");
  cc_buf_printf (b, "; sl = answered within %lld s / %s x 100", (long long) r->sl_secs,
                 base_text[r->sl_base]);
  if (r->short_secs >= 0)
    cc_buf_printf (b, "; short abandon = abandoned within %lld s", (long long) r->short_secs);
  cc_buf_printf (b, "; asa, wait_p50..p99, wait_max over answered waits (percentiles nearest-rank"
                    " on waits rounded up to whole seconds); aht = mean handle time of answered");
  if (r->interval)
    cc_buf_printf (b, "; intervals of %lld s by arrived_at in %s", (long long) r->interval,
                   cc_tz_name () ? cc_tz_name () : "UTC");
}

void
report_render (const report *r, fold *f, cc_format fmt, FILE *out)
{
  cc_out *o = cc_out_new (out, fmt);
  cc_buf names = { 0 };
  size_t *offs;
  size_t ncol = columns (r, &names, &offs);
  cc_str *cols = cc_xmalloc (ncol * sizeof *cols);
  for (size_t i = 0; i < ncol; i++)
    cols[i].p = names.p + offs[i], cols[i].n = strlen (names.p + offs[i]);

  cc_buf def = { 0 };
  definitions (r, &def);
  cc_out_comment (o, cc_buf_cstr (&def));
  {
    char sl[24], sh[24], iv[24];
    snprintf (sl, sizeof sl, "%lld", (long long) r->sl_secs);
    snprintf (sh, sizeof sh, "%lld", (long long) r->short_secs);
    snprintf (iv, sizeof iv, "%lld", (long long) r->interval);
    cc_str mk[] = { { "_meta", 5 },         { "version", 7 },          { "direction", 9 },
                    { "sl_threshold_s", 14 }, { "sl_base", 7 },        { "short_abandon_s", 15 },
                    { "interval_s", 10 },   { "tz", 2 },               { "definitions", 11 } };
    cc_val mv[] = {
      cc_v_str ("ccreport"),
      cc_v_str (PACKAGE_VERSION),
      cc_v_str (r->dir == DIR_INBOUND ? "inbound" : r->dir == DIR_OUTBOUND ? "outbound" : "all"),
      cc_v_num (sl),
      cc_v_str (base_names[r->sl_base]),
      r->short_secs >= 0 ? cc_v_num (sh) : cc_v_null (),
      r->interval ? cc_v_num (iv) : cc_v_null (),
      cc_v_str (cc_tz_name () ? cc_tz_name () : "UTC"),
      cc_v_str (cc_buf_cstr (&def)),
    };
    cc_out_meta (o, mk, mv, sizeof mv / sizeof mv[0]);
  }
  cc_out_columns (o, cols, ncol);

  report_sort (r, f);
  rowb b = { 0 };
  acc total = { 0 };
  bool grouped = r->nby || r->interval;
  for (size_t i = 0; i < f->ng; i++)
    {
      const group *g = f->g[i];
      for (size_t k = 0; k < r->nby; k++)
        {
          const char *p;
          uint32_t n;
          if (key_part (g, k, &p, &n))
            cell (&b, CC_STR, p, n);
          else
            cell (&b, CC_NULL, "", 0);
        }
      if (r->interval)
        {
          char t[48];
          size_t k = cc_time_format (t, g->ival * CC_USEC_PER_SEC, cc_tz_name () != NULL);
          cell (&b, CC_STR, t, k);
        }
      figures (r, &g->a, &b);
      emit (o, &b);
      if (grouped && r->total)
        {
          acc_merge (&total, &g->a);
        }
    }
  if (!grouped && f->ng == 0)
    {
      /* No records: one row of zeros.  */
      figures (r, &total, &b);
      emit (o, &b);
    }
  else if (grouped && r->total)
    {
      size_t keys = r->nby + (r->interval ? 1 : 0);
      for (size_t k = 0; k < keys; k++)
        if (k == 0)
          cell (&b, CC_STR, "TOTAL", 5);
        else
          cell (&b, CC_NULL, "", 0);
      figures (r, &total, &b);
      emit (o, &b);
    }
  cc_hist_free (&total.wait);
  cc_hist_free (&total.abandon_wait);
  cc_out_finish (o);
  cc_buf_free (&b.text);
  free (b.off);
  free (b.len);
  free (b.kind);
  cc_buf_free (&def);
  cc_buf_free (&names);
  free (offs);
  free (cols);
}

void
report_render_diag (const cc_srcdiag *d, cc_format fmt, FILE *out)
{
  if (!d || d->nkinds == 0)
    return;
  /* A summary on stderr in every format: one line per kind.  */
  for (size_t k = 0; k < d->nkinds; k++)
    cc_err ("diagnostics: %llu %s", (unsigned long long) d->counts[k], d->kinds[k]);
  cc_buf b = { 0 };
  if (fmt == CC_FMT_JSONL)
    {
      for (size_t k = 0; k < d->nkinds; k++)
        {
          b.n = 0;
          cc_buf_adds (&b, "{\"_diagnostic\":");
          cc_json_escape (&b, d->kinds[k], strlen (d->kinds[k]));
          cc_buf_printf (&b, ",\"count\":%llu}\n", (unsigned long long) d->counts[k]);
          cc_fwrite_checked (b.p, b.n, out);
        }
      for (size_t i = 0; i < d->nlist; i++)
        {
          const cc_srcdiag_entry *e = &d->list[i];
          b.n = 0;
          cc_buf_adds (&b, "{\"_diagnostic\":");
          cc_json_escape (&b, d->kinds[e->kind], strlen (d->kinds[e->kind]));
          cc_buf_adds (&b, ",\"file\":");
          cc_json_escape (&b, e->file, strlen (e->file));
          cc_buf_printf (&b, ",\"line\":%llu,\"message\":", (unsigned long long) e->line);
          cc_json_escape (&b, e->message, strlen (e->message));
          cc_buf_adds (&b, "}\n");
          cc_fwrite_checked (b.p, b.n, out);
        }
    }
  else if (fmt == CC_FMT_TABLE || fmt == CC_FMT_MARKDOWN)
    {
      bool md = fmt == CC_FMT_MARKDOWN;
      cc_buf_adds (&b, md ? "\n### Diagnostics\n\n" : "\nDiagnostics:\n");
      for (size_t k = 0; k < d->nkinds; k++)
        cc_buf_printf (&b, md ? "- %s: %llu\n" : "  %-22s %llu\n", d->kinds[k],
                       (unsigned long long) d->counts[k]);
      if (d->nlist)
        cc_buf_adds (&b, "\n");
      for (size_t i = 0; i < d->nlist; i++)
        {
          const cc_srcdiag_entry *e = &d->list[i];
          cc_buf_printf (&b, md ? "- `%s:%llu` %s: %s\n" : "  %s:%llu: %s: %s\n", e->file,
                         (unsigned long long) e->line, d->kinds[e->kind], e->message);
        }
      if (d->unlisted)
        cc_buf_printf (&b, md ? "- ... and %llu more\n" : "  ... and %llu more\n",
                       (unsigned long long) d->unlisted);
      cc_fwrite_checked (b.p, b.n, out);
    }
  cc_buf_free (&b);
  if (fflush (out) != 0)
    cc_die_write (errno);
}
