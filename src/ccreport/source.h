/* ccreport: where the records of a run come from (record files, a converted
   Asterisk log, or the SQLite store), behind one call.  */
#ifndef CCREPORT_SOURCE_H
#define CCREPORT_SOURCE_H

#include "cc_qlog.h"
#include "cc_scan.h"
#include "cc_src.h"
#include "report.h"

/* What to read.  */
typedef struct source_opts
{
  enum source from;         /* --from (SRC_DB with --db) */
  const char *cdr_columns;  /* --cdr-columns, or NULL */
  const char *db;           /* --db FILE */
  bool have_since, have_until; /* the --since / --until range, for the store */
  cc_usec since, until;
} source_opts;

/* Read the NFILES FILES (none: standard input; ignored for the store) through
   SCAN's callbacks into *CTX (made by SCAN->ctx_new when NULL).  Record files
   go through cc_scan (in parallel where SCAN allows); a converted log and the
   store hand their records to SCAN->row one by one, after SCAN->header has
   checked the columns.  DIAG collects a converted log's diagnostics; AGENTS
   (may be NULL) gets a queue_log's agent figures.  *REJECTED is the count of
   records written to SCAN->reject.  Returns 0, or -1 after printing the
   error.  */
int source_run (const source_opts *so, const cc_scan_opts *scan, void **ctx, int nfiles,
                char **files, cc_srcdiag *diag, cc_qlog_agents *agents, uint64_t *rejected);

#endif
