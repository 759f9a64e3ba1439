/* cc_src: sinks and diagnostics shared by the record sources.  */
#include <config.h>

#include "cc_src.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"

void
cc_sink_resolve (const cc_sink *s, const cc_str *names, size_t n, int32_t *slot)
{
  for (size_t k = 0; k < s->slots->n; k++)
    slot[k] = -1;
  for (size_t i = 0; i < n; i++)
    {
      int k = cc_slots_find (s->slots, names[i].p, names[i].n);
      if (k >= 0 && slot[k] < 0)
        slot[k] = (int32_t) i;
    }
}

/* Write "# FILE:LINE[:COL]: WHY" and RAW to F.  */
static void
put_reject (FILE *f, const char *file, uint64_t line, uint64_t col, const char *why,
            const char *raw, size_t nraw)
{
  char head[64];
  int k = col ? snprintf (head, sizeof head, ":%llu:%llu: ", (unsigned long long) line,
                          (unsigned long long) col)
              : snprintf (head, sizeof head, ":%llu: ", (unsigned long long) line);
  cc_fwrite_checked ("# ", 2, f);
  cc_fwrite_checked (file, strlen (file), f);
  cc_fwrite_checked (head, (size_t) k, f);
  cc_fwrite_checked (why, strlen (why), f);
  cc_fwrite_checked ("\n", 1, f);
  if (raw)
    {
      cc_fwrite_checked (raw, nraw, f);
      cc_fwrite_checked ("\n", 1, f);
    }
}

int
cc_sink_bad (cc_sink *s, const char *file, uint64_t line, uint64_t col, const char *why,
             const char *raw, size_t nraw)
{
  s->rows++;
  if (!s->reject)
    {
      cc_err_at (file, line, col, "%s", why);
      return -1;
    }
  s->rejected++;
  put_reject (s->reject, file, line, col, why, raw, nraw);
  return 0;
}

int
cc_sink_put (cc_sink *s, const cc_row *row)
{
  const char *why = s->row (s->ctx, row);
  if (!why)
    {
      s->rows++;
      return 0;
    }
  return cc_sink_bad (s, row->file, row->line, 0, why, row->raw, row->rawlen);
}

void
cc_srcdiag_add (cc_srcdiag *d, FILE *reject, const char *kind, const char *file, uint64_t line,
                const char *raw, size_t nraw, const char *fmt, ...)
{
  size_t k;
  for (k = 0; k < d->nkinds; k++)
    if (strcmp (d->kinds[k], kind) == 0)
      break;
  if (k == d->nkinds)
    {
      d->kinds = cc_xrealloc (d->kinds, (d->nkinds + 1) * sizeof *d->kinds);
      d->counts = cc_xrealloc (d->counts, (d->nkinds + 1) * sizeof *d->counts);
      d->kinds[k] = cc_xstrdup (kind);
      d->counts[k] = 0;
      d->nkinds++;
    }
  d->counts[k]++;
  cc_buf msg = { 0 };
  va_list ap;
  va_start (ap, fmt);
  {
    va_list aq;
    va_copy (aq, ap);
    int len = vsnprintf (NULL, 0, fmt, aq);
    va_end (aq);
    cc_buf_reserve (&msg, (size_t) (len > 0 ? len : 0) + 1);
    vsnprintf (msg.p, (size_t) (len > 0 ? len : 0) + 1, fmt, ap);
    msg.n = (size_t) (len > 0 ? len : 0);
  }
  va_end (ap);
  if (reject)
    {
      cc_buf why = { 0 };
      cc_buf_printf (&why, "%s: %s", kind, cc_buf_cstr (&msg));
      put_reject (reject, file, line, 0, cc_buf_cstr (&why), raw, nraw);
      cc_buf_free (&why);
    }
  if (d->nlist < CC_SRCDIAG_LIST_MAX)
    {
      if (d->nlist % 64 == 0)
        d->list = cc_xrealloc (d->list, (d->nlist + 64) * sizeof *d->list);
      cc_srcdiag_entry *e = &d->list[d->nlist++];
      e->kind = k;
      e->file = cc_xstrdup (file);
      e->line = line;
      e->message = cc_xstrdup (cc_buf_cstr (&msg));
    }
  else
    d->unlisted++;
  cc_buf_free (&msg);
}

uint64_t
cc_srcdiag_count (const cc_srcdiag *d, const char *kind)
{
  for (size_t k = 0; k < d->nkinds; k++)
    if (strcmp (d->kinds[k], kind) == 0)
      return d->counts[k];
  return 0;
}

void
cc_srcdiag_free (cc_srcdiag *d)
{
  for (size_t k = 0; k < d->nkinds; k++)
    free (d->kinds[k]);
  for (size_t i = 0; i < d->nlist; i++)
    {
      free (d->list[i].file);
      free (d->list[i].message);
    }
  free (d->kinds);
  free (d->counts);
  free (d->list);
  memset (d, 0, sizeof *d);
}
