/* ccreport: the rows of the reports, built once for every format (see
   rows.h).  */
#include <config.h>

#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "cc_num.h"

/* ---- the row builder ---- */

/* Append a cell of KIND holding P[0..N) to B (the bytes are copied).  */
void
rowb_cell (rowb *b, uint8_t kind, const char *p, size_t n)
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

/* Append a null cell to B.  */
void
rowb_null (rowb *b)
{
  rowb_cell (b, CC_NULL, "", 0);
}

/* Append the count V to B as a number cell.  */
void
rowb_u (rowb *b, uint64_t v)
{
  char t[24];
  int k = snprintf (t, sizeof t, "%llu", (unsigned long long) v);
  rowb_cell (b, CC_NUM, t, (size_t) k);
}

/* Append NUM/DEN with two decimals, rounded half away from zero
   (cc_num_fixed), to B; a null cell when DEN is not above 0.  */
void
rowb_ratio (rowb *b, int64_t num, int64_t den)
{
  if (den <= 0)
    {
      rowb_null (b);
      return;
    }
  char t[40];
  size_t k = cc_num_fixed (t, num, den, 2);
  rowb_cell (b, CC_NUM, t, k);
}

/* Append the duration of US microseconds to B as seconds with two
   decimals.  */
void
rowb_secs (rowb *b, int64_t us)
{
  rowb_ratio (b, us, CC_USEC_PER_SEC);
}

/* Append the --by cells of KEY and, with --interval, the interval cell of
   IVAL to B.  */
void
rowb_keys (rowb *b, const report *r, const char *key, int64_t ival)
{
  for (size_t i = 0; i < r->nby; i++)
    {
      const char *p;
      uint32_t n;
      if (report_key_part (key, i, &p, &n))
        rowb_cell (b, CC_STR, p, n);
      else
        rowb_null (b);
    }
  if (r->interval)
    {
      char t[48];
      size_t n = cc_time_format (t, ival * CC_USEC_PER_SEC, cc_tz_name () != NULL);
      rowb_cell (b, CC_STR, t, n);
    }
}

/* Append the key cells of the TOTAL row to B: "TOTAL" in the first key
   column, null in the others.  */
void
rowb_total_keys (rowb *b, const report *r)
{
  size_t keys = r->nby + (r->interval ? 1 : 0);
  for (size_t k = 0; k < keys; k++)
    if (k == 0)
      rowb_cell (b, CC_STR, "TOTAL", 5);
    else
      rowb_null (b);
}

/* Empty B, keeping its memory.  */
void
rowb_clear (rowb *b)
{
  b->n = 0;
  b->text.n = 0;
}

/* Write the cells of B as one row to O, then empty B.  */
void
rowb_emit (cc_out *o, rowb *b)
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
  rowb_clear (b);
}

/* Free what B holds; B may be built again from { 0 }.  */
void
rowb_free (rowb *b)
{
  cc_buf_free (&b->text);
  free (b->off);
  free (b->len);
  free (b->kind);
  *b = (rowb){ 0 };
}

/* ---- group keys ---- */

/* Walk KEY to its I-th value: *P gets its bytes (inside KEY), *N their
   length (0 for null).  Returns false when the value is null.  */
bool
report_key_part (const char *key, size_t i, const char **p, uint32_t *n)
{
  size_t off = 0;
  for (size_t j = 0;; j++)
    {
      uint32_t len;
      memcpy (&len, key + off, 4);
      off += 4;
      if (j == i)
        {
          *p = key + off;
          *n = len == UINT32_MAX ? 0 : len;
          return len != UINT32_MAX;
        }
      if (len != UINT32_MAX)
        off += len;
    }
}

/* Compare keys A and B value by value: a null value before any other, then
   the bytes, then the shorter first.  Returns <0, 0 or >0.  */
int
report_key_cmp (const char *a, const char *b, size_t nby)
{
  for (size_t i = 0; i < nby; i++)
    {
      const char *p, *q;
      uint32_t n, m;
      bool ha = report_key_part (a, i, &p, &n), hb = report_key_part (b, i, &q, &m);
      if (ha != hb)
        return ha ? 1 : -1;
      int d = memcmp (p, q, n < m ? n : m);
      if (d)
        return d;
      if (n != m)
        return n < m ? -1 : 1;
    }
  return 0;
}

/* ---- what every report writes first ---- */

/* The word of R's --direction; a constant string.  */
const char *
report_direction (const report *r)
{
  return r->dir == DIR_INBOUND ? "inbound" : r->dir == DIR_OUTBOUND ? "outbound" : "all";
}

/* The report zone's name, or "UTC"; not to be freed.  */
const char *
report_zone (void)
{
  return cc_tz_name () ? cc_tz_name () : "UTC";
}

/* Write the definitions line, the _meta record and the column names of a
   report to O (see rows.h).  The arrays made here are freed here.  */
void
report_start (const report *r, cc_out *o, const char *kind, const char *def,
              const cc_str *extra_names, const cc_val *extra, size_t nextra,
              const char *const *cols, size_t ncol)
{
  cc_out_comment (o, def);
  size_t nm = 5 + nextra;
  cc_str *mk = cc_xmalloc (nm * sizeof *mk);
  cc_val *mv = cc_xmalloc (nm * sizeof *mv);
  size_t k = 0;
  mk[k] = (cc_str){ "_meta", 5 }, mv[k++] = cc_v_str ("ccreport");
  mk[k] = (cc_str){ "version", 7 }, mv[k++] = cc_v_str (PACKAGE_VERSION);
  if (kind)
    mk[k] = (cc_str){ "report", 6 }, mv[k++] = cc_v_str (kind);
  mk[k] = (cc_str){ "direction", 9 }, mv[k++] = cc_v_str (report_direction (r));
  for (size_t i = 0; i < nextra; i++)
    mk[k] = extra_names[i], mv[k++] = extra[i];
  mk[k] = (cc_str){ "definitions", 11 }, mv[k++] = cc_v_str (def);
  cc_out_meta (o, mk, mv, k);
  free (mk);
  free (mv);
  cc_str *c = cc_xmalloc ((ncol + 1) * sizeof *c);
  for (size_t i = 0; i < ncol; i++)
    c[i].p = cols[i], c[i].n = strlen (cols[i]);
  cc_out_columns (o, c, ncol);
  free (c);
}

/* Make the column list of a per-group report (see rows.h).  */
const char **
report_group_columns (const report *r, const char *const *fig, size_t nfig, size_t *ncol)
{
  size_t n = r->nby + (r->interval ? 1 : 0) + nfig, k = 0;
  const char **cols = cc_xmalloc ((n + 1) * sizeof *cols);
  for (size_t i = 0; i < r->nby; i++)
    cols[k++] = r->by[i];
  if (r->interval)
    cols[k++] = "interval";
  for (size_t i = 0; i < nfig; i++)
    cols[k++] = fig[i];
  *ncol = n;
  return cols;
}

/* ---- the queues report ---- */

/* Append the definitions of the queues report under R to B: direction,
   answered, abandon rate, service level and its base, short abandons,
   waits, handle time and intervals, as they are in force.  */
void
report_definitions (const report *r, cc_buf *b)
{
  static const char *const base_text[] = { "offered", "answered", "(answered + abandoned)",
                                           "(offered - short abandons)" };
  cc_buf_printf (b, "ccreport %s: %s interactions", PACKAGE_VERSION, report_direction (r));
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
                   report_zone ());
}

/* Collect the names of the queues report's columns into NAMES and an
   array of pointers to them into *COLS (see rows.h; the caller frees
   both).  Returns how many.  */
size_t
report_columns (const report *r, cc_buf *names, const char ***cols)
{
  size_t n = 0, cap = 64;
  size_t *offs = cc_xmalloc (cap * sizeof *offs);
#define COL(...)                                                                                   \
  do                                                                                               \
    {                                                                                              \
      if (n == cap)                                                                                \
        offs = cc_xrealloc (offs, (cap *= 2) * sizeof *offs);                                      \
      offs[n++] = names->n;                                                                        \
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
  /* The names are in place only now that NAMES has stopped growing.  */
  const char **c = cc_xmalloc (n * sizeof *c);
  for (size_t i = 0; i < n; i++)
    c[i] = names->p + offs[i];
  free (offs);
  *cols = c;
  return n;
}

/* The service level of A: answered within --sl, times 100, over the
   --sl-base count.  Returns false when that count is not above 0.  */
bool
report_sl (const report *r, const acc *a, int64_t *num, int64_t *den)
{
  int64_t met = (int64_t) cc_hist_count_le (&a->wait, (uint64_t) r->sl_secs);
  int64_t shortab = r->short_secs >= 0
                    ? (int64_t) cc_hist_count_le (&a->abandon_wait, (uint64_t) r->short_secs) : 0;
  *num = met * 100;
  *den = r->sl_base == SL_OFFERED ? (int64_t) a->offered
         : r->sl_base == SL_ANSWERED ? (int64_t) a->answered
         : r->sl_base == SL_ANS_ABN ? (int64_t) (a->answered + a->abandoned)
                                    : (int64_t) a->offered - shortab;
  return *den > 0;
}

/* The ASA of A: the sum of answered waits over the answered, in seconds.
   Returns false when nothing was answered.  */
bool
report_asa (const acc *a, int64_t *num, int64_t *den)
{
  *num = a->wait_sum;
  *den = (int64_t) a->answered * CC_USEC_PER_SEC;
  return *den > 0;
}

/* The AHT of A: the sum of known handle times over their count, in
   seconds.  Returns false when no handle time is known.  */
bool
report_aht (const acc *a, int64_t *num, int64_t *den)
{
  *num = a->handle_sum;
  *den = (int64_t) a->handled * CC_USEC_PER_SEC;
  return *den > 0;
}

/* Append the figures of A to B: counts, abandon rate, ASA, service level,
   wait percentiles (null when nothing was answered), AHT and the answer-time
   buckets.  */
void
report_figures (const report *r, const acc *a, rowb *b)
{
  int64_t num, den;
  rowb_u (b, a->offered);
  rowb_u (b, a->answered);
  rowb_u (b, a->abandoned);
  if (r->short_secs >= 0)
    rowb_u (b, cc_hist_count_le (&a->abandon_wait, (uint64_t) r->short_secs));
  rowb_u (b, a->timeout);
  rowb_u (b, a->overflow);
  rowb_u (b, a->other);
  rowb_ratio (b, (int64_t) a->abandoned * 100, (int64_t) a->offered);
  report_asa (a, &num, &den);
  rowb_ratio (b, num, den);
  report_sl (r, a, &num, &den);
  rowb_ratio (b, num, den);
  static const double pct[4] = { 50, 90, 95, 99 };
  for (int i = 0; i < 4; i++)
    if (a->answered)
      rowb_u (b, cc_hist_percentile (&a->wait, pct[i]));
    else
      rowb_null (b);
  if (a->answered)
    rowb_u (b, a->wait.max);
  else
    rowb_null (b);
  report_aht (a, &num, &den);
  rowb_ratio (b, num, den);
  uint64_t prev = 0;
  for (size_t i = 0; i < r->nbuckets; i++)
    {
      uint64_t le = cc_hist_count_le (&a->wait, (uint64_t) r->buckets[i]);
      rowb_u (b, le - prev);
      prev = le;
    }
  if (r->nbuckets)
    rowb_u (b, a->answered - prev);
}

/* Write B as one row to the writer UD (a cc_out); TOTAL changes nothing
   there.  */
void
report_row_out (void *ud, rowb *b, bool total)
{
  (void) total;
  rowb_emit (ud, b);
}

/* Make the rows of a per-group report of F and hand each to ROW (see
   rows.h).  The TOTAL row's accumulator and the row builder are freed
   here.  */
void
report_rows (const report *r, fold *f, report_figures_fn *figures, report_row_fn *row, void *ud)
{
  size_t ng = f ? f->ng : 0;
  if (f)
    report_sort (r, f);
  rowb b = { 0 };
  acc total = { 0 };
  bool grouped = r->nby || r->interval;
  for (size_t i = 0; i < ng; i++)
    {
      const group *g = f->g[i];
      rowb_keys (&b, r, g->key, g->ival);
      figures (r, &g->a, &b);
      row (ud, &b, false);
      rowb_clear (&b);
      if (grouped && r->total)
        acc_merge (&total, &g->a);
    }
  if (!grouped && ng == 0)
    {
      /* No records: one row of zeros.  */
      figures (r, &total, &b);
      row (ud, &b, false);
    }
  else if (grouped && r->total)
    {
      rowb_total_keys (&b, r);
      figures (r, &total, &b);
      row (ud, &b, true);
    }
  acc_free (&total);
  rowb_free (&b);
}

/* Free the wait histograms of A.  */
void
acc_free (acc *a)
{
  cc_hist_free (&a->wait);
  cc_hist_free (&a->abandon_wait);
}
