/* ccreport: the sources of records (see source.h).  */
#include <config.h>

#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "cc_cdr.h"
#include "cc_diag.h"
#include "store.h"

/* Check a converter's fixed COLUMNS (NULL-terminated) with SCAN's header
   callback.  Returns 0, or -1 after printing the error.  */
static int
check_columns (const cc_scan_opts *scan, const char *const *columns, const char *path)
{
  if (!scan->header)
    return 0;
  size_t n = 0;
  while (columns[n])
    n++;
  cc_str *names = cc_xmalloc ((n + 1) * sizeof *names);
  for (size_t i = 0; i < n; i++)
    names[i].p = columns[i], names[i].n = strlen (columns[i]);
  int32_t *slot = cc_xmalloc ((scan->slots->n + 1) * sizeof *slot);
  cc_sink tmp = { 0 };
  tmp.slots = scan->slots;
  cc_sink_resolve (&tmp, names, n, slot);
  const char *why = scan->header (scan->tool, names, n, slot);
  if (why)
    cc_err ("%s: %s", path, why);
  free (names);
  free (slot);
  return why ? -1 : 0;
}

int
source_run (const source_opts *so, const cc_scan_opts *scan, void **ctx, int nfiles,
            char **files, cc_srcdiag *diag, cc_qlog_agents *agents, uint64_t *rejected)
{
  *rejected = 0;
  if (so->from == SRC_RECORDS)
    {
      for (int i = 0; i < (nfiles ? nfiles : 1); i++)
        {
          cc_scan_result res;
          int rc = cc_scan (nfiles ? files[i] : "-", scan, ctx, &res);
          *rejected += res.rejected;
          if (rc != 0)
            return -1;
        }
      return 0;
    }
  if (!*ctx)
    *ctx = scan->ctx_new (scan->tool);
  cc_sink sink = { 0 };
  sink.slots = scan->slots;
  sink.row = scan->row;
  sink.ctx = *ctx;
  sink.reject = scan->reject;
  sink.reject_name = scan->reject_name;
  int rc = 0;
  if (so->from == SRC_DB)
    {
      store *st = store_open (so->db, false);
      if (!st)
        return -1;
      rc = store_read (st, so->have_since, so->since, so->have_until, so->until, &sink);
      if (store_close (st, NULL, NULL) != 0)
        rc = -1;
    }
  else if (so->from == SRC_QLOG)
    {
      cc_qlog_opts qo = { 0 };
      qo.quiet = scan->quiet;
      qo.max_line = scan->max_field;
      qo.have_since = so->have_since;
      qo.since = so->since;
      qo.have_until = so->have_until;
      qo.until = so->until;
      rc = check_columns (scan, cc_qlog_columns, nfiles ? files[0] : "-");
      cc_qlog *q = rc == 0 ? cc_qlog_new (&qo) : NULL;
      for (int i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
        rc = cc_qlog_read (q, nfiles ? files[i] : "-", &sink, diag);
      if (rc == 0)
        rc = cc_qlog_finish (q, &sink, diag, agents);
      if (q)
        cc_qlog_free (q);
    }
  else
    {
      cc_cdr_opts co = { 0 };
      co.columns = so->cdr_columns;
      co.max_field = scan->max_field;
      char err[256];
      cc_cdr *c = cc_cdr_new (&co, err, sizeof err);
      if (!c)
        cc_usage_error ("invalid --cdr-columns '%s': %s", so->cdr_columns, err);
      rc = check_columns (scan, cc_cdr_columns, nfiles ? files[0] : "-");
      for (int i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
        rc = cc_cdr_read (c, nfiles ? files[i] : "-", &sink, diag);
      if (rc == 0)
        rc = cc_cdr_finish (c, &sink, diag);
      cc_cdr_free (c);
    }
  *rejected = sink.rejected;
  return rc;
}
