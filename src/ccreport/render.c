/* ccreport: turn the folded groups into the report table.  */
#include <config.h>

#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_out.h"
#include "rows.h"

/* The number of --by columns, for the comparator.  */
static size_t sort_nby;

/* Order groups by their --by values (null first, then bytes), then interval.  */
static int
group_cmp (const void *a, const void *b)
{
  const group *x = *(group *const *) a, *y = *(group *const *) b;
  int c = report_key_cmp (x->key, y->key, sort_nby);
  if (c)
    return c;
  return x->ival < y->ival ? -1 : x->ival > y->ival;
}

void
report_sort (const report *r, fold *f)
{
  sort_nby = r->nby;
  if (f->ng)
    qsort (f->g, f->ng, sizeof *f->g, group_cmp);
}

static const char *const base_names[] = { "offered", "answered", "answered+abandoned",
                                          "offered-short" };

void
report_render (const report *r, fold *f, cc_format fmt, FILE *out)
{
  cc_out *o = cc_out_new (out, fmt);
  cc_buf names = { 0 };
  const char **cols;
  size_t ncol = report_columns (r, &names, &cols);

  cc_buf def = { 0 };
  report_definitions (r, &def);
  char sl[24], sh[24], iv[24];
  snprintf (sl, sizeof sl, "%lld", (long long) r->sl_secs);
  snprintf (sh, sizeof sh, "%lld", (long long) r->short_secs);
  snprintf (iv, sizeof iv, "%lld", (long long) r->interval);
  cc_str xn[] = { { "sl_threshold_s", 14 }, { "sl_base", 7 }, { "short_abandon_s", 15 },
                  { "interval_s", 10 },     { "tz", 2 } };
  cc_val xv[] = {
    cc_v_num (sl),
    cc_v_str (base_names[r->sl_base]),
    r->short_secs >= 0 ? cc_v_num (sh) : cc_v_null (),
    r->interval ? cc_v_num (iv) : cc_v_null (),
    cc_v_str (report_zone ()),
  };
  /* The queues report's _meta names no report (it came first).  */
  report_start (r, o, NULL, cc_buf_cstr (&def), xn, xv, sizeof xv / sizeof xv[0], cols, ncol);

  report_rows (r, f, report_figures, report_row_out, o);
  cc_out_finish (o);
  cc_buf_free (&def);
  cc_buf_free (&names);
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
