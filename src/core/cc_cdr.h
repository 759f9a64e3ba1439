/* cc_cdr: Asterisk CDR files (cdr_csv's Master.csv, cdr_custom) as
   interaction records.

   Master.csv has no header; its columns are cdr_csv's fixed order (with the
   optional uniqueid, userfield and newcdrcolumns fields told apart by their
   count), or the order --cdr-columns names (cdr_custom).  Rows of one call
   (Asterisk 12+ writes one per dial attempt, sharing linkedid) become one
   interaction record, handed to the sink (cc_src.h).  The record columns are
   listed in cc_cdr_columns and documented in ccreport(1).  */
#ifndef CC_CDR_H
#define CC_CDR_H

#include "cc_src.h"

/* The columns of the records a CDR file gives, NULL-terminated.  */
extern const char *const cc_cdr_columns[];

/* Options of a CDR read.  */
typedef struct cc_cdr_opts
{
  const char *columns;  /* --cdr-columns: comma-separated names, NULL for cdr_csv's */
  size_t max_field;     /* longest field accepted (0: 1 MiB) */
} cc_cdr_opts;

typedef struct cc_cdr cc_cdr;

/* A reader; COLUMNS is checked here: NULL and a message in ERR (ERRLEN bytes)
   when it names no known column or a column twice.  */
cc_cdr *cc_cdr_new (const cc_cdr_opts *o, char *err, size_t errlen);

/* Read one CDR input PATH ("-": stdin), handing each call to SINK.  Dates
   without a zone are read in the report zone.  Returns 0, or -1 after
   printing the error.  */
int cc_cdr_read (cc_cdr *c, const char *path, cc_sink *sink, cc_srcdiag *diag);

/* End of input: deliver the calls still held.  Returns 0 or -1.  */
int cc_cdr_finish (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag);

void cc_cdr_free (cc_cdr *c);

#endif
