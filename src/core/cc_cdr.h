/* cc_cdr: Asterisk CDR files (cdr_csv's Master.csv, cdr_custom) as
   interaction records.

   Master.csv has no header; its columns are cdr_csv's fixed order (with the
   optional uniqueid, userfield and newcdrcolumns fields told apart by their
   count), or the order --cdr-columns names (cdr_custom), or the order a first
   line naming the columns gives (database exports).  Rows of one call
   (Asterisk 12+ writes one per dial attempt, sharing linkedid) become one
   interaction record, handed to the sink (cc_src.h).  A record has the
   CC_CDR_BASE columns that start cc_cdr_columns, then the CDR columns of its
   input that it does not carry under the same name (dstchannel, lastapp,
   billsec, a header's did ...), passed through under their own names from
   the call's answering row, else its first row.  Everything is documented in
   cc-asterisk(5), section ASTERISK CDR, with every rule used here.

   Memory: a call is held until no row of it can be expected any more: until
   the input's clock has gone CC_CDR_WINDOW_S seconds past the end of its
   latest row (or the input ends).  The clock is the latest end of the rows
   read, except that a row ending more than CC_CDR_WINDOW_S after the clock
   is held back until the next row tells a real gap (the next row is not far
   behind it) from a wild date (it is: the row is left out with a time_jump
   diagnostic), so one bad date never releases the calls early.  Memory grows
   with the calls of that window, not with the file; at most
   CC_CDR_MAX_PENDING calls are held (older ones are then reported early,
   with a diagnostic).  The ids of reported calls are remembered (a 64-bit
   hash and a time each) for CC_CDR_RETAIN_S seconds of input time, so that a
   row arriving after its call was reported is counted as a diagnostic
   instead of becoming a second call.  */
#ifndef CC_CDR_H
#define CC_CDR_H

#include <stdint.h>
#include <stdio.h>

#include "cc_src.h"

/* A held call is reported when the input has gone this far past its rows.  */
#define CC_CDR_WINDOW_S 7200
/* Reported calls' ids are remembered for this long (input time).  */
#define CC_CDR_RETAIN_S 86400
/* At most this many calls are held at once.  */
#define CC_CDR_MAX_PENDING 250000
/* At most this many rows make one call; later ones are left out.  */
#define CC_CDR_MAX_ROWS 1000

/* Every record has the first CC_CDR_BASE columns of cc_cdr_columns, in that
   order.  */
#define CC_CDR_BASE 21

/* The columns a CDR record can have, NULL-terminated: the CC_CDR_BASE every
   record has, then the CDR columns passed through when the input holds them
   (cdr_csv's and the known export columns such as did; a header can bring
   others).  A consumer may check its fields against this list before any
   input is read; a field it asks for that is in the list but not in an
   input's layout stops the read of that input with a message.  */
extern const char *const cc_cdr_columns[];

/* Options of a CDR read.  */
typedef struct cc_cdr_opts
{
  const char *columns; /* --cdr-columns: comma-separated names, NULL for cdr_csv's */
  size_t max_field;    /* longest field accepted (0: 1 MiB) */
} cc_cdr_opts;

/* What a reader has seen so far (for tests and the fuzz harness).  After
   cc_cdr_finish every data line is bad, left out with a diagnostic, or
   merged into a call: rows == bad + left_out + merged (before it, one row
   may still be held back).  */
typedef struct cc_cdr_stats
{
  uint64_t rows;     /* data lines read (not blank, not a header) */
  uint64_t headers;  /* header lines read */
  uint64_t bad;      /* data lines handed to cc_sink_bad */
  uint64_t left_out; /* rows left out of the calls with a diagnostic */
  uint64_t merged;   /* rows merged into calls */
  uint64_t calls;    /* calls delivered to the sink */
} cc_cdr_stats;

typedef struct cc_cdr cc_cdr;

/* A reader; COLUMNS is checked here: NULL and a message in ERR (ERRLEN bytes)
   when it names no known column or a column twice, or lacks a column every
   call needs.  Free with cc_cdr_free.  */
cc_cdr *cc_cdr_new (const cc_cdr_opts *o, char *err, size_t errlen);

/* Read one CDR input PATH ("-": stdin), handing each call to SINK.  Dates
   without a zone are read in the report zone.  Returns 0, or -1 after
   printing the error.  */
int cc_cdr_read (cc_cdr *c, const char *path, cc_sink *sink, cc_srcdiag *diag);

/* The same for an open stream F (not closed here), named NAME in messages.  */
int cc_cdr_read_stream (cc_cdr *c, FILE *f, const char *name, cc_sink *sink, cc_srcdiag *diag);

/* End of input: deliver the calls still held.  Returns 0 or -1.  */
int cc_cdr_finish (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag);

/* The counters of C so far.  */
void cc_cdr_get_stats (const cc_cdr *c, cc_cdr_stats *s);

void cc_cdr_free (cc_cdr *c);

#endif
