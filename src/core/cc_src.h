/* cc_src: record sources other than record files.

   A converter of a real log (Asterisk queue_log, CDR Master.csv ...) and the
   SQLite store hand each interaction to a sink as a cc_row, exactly as a record
   file's reader would: the row's names are the converter's columns, its slot
   table is resolved against the sink's slots, FILE and LINE point at the line
   that opened the interaction, and RAW holds that line.  The sink's row
   function accepts (NULL) or refuses (a reason) the record; a refused record
   goes to the reject stream, or stops the source when there is none.

   What a messy log does that is not a bad record (a call still open at the end,
   events for a call that never entered the queue, duplicate lines ...) is
   counted in a cc_srcdiag, by kind, and listed there; it never stops the
   source and never reaches the figures silently.  With a reject stream each
   such line is also written there after a "# FILE:LINE: kind: message" line.  */
#ifndef CC_SRC_H
#define CC_SRC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_rec.h"
#include "cc_scan.h"

/* Where a source delivers its records.  */
typedef struct cc_sink
{
  const cc_slots *slots;   /* the fields the consumer reads (resolved per source) */
  cc_row_fn row;           /* called for every interaction */
  void *ctx;               /* first argument of row */
  FILE *reject;            /* refused records and diagnostics go here; NULL: stop */
  const char *reject_name; /* its name, for messages */
  uint64_t rows;           /* records delivered (accepted + refused), updated by sources */
  uint64_t rejected;       /* records refused and written to reject */
} cc_sink;

/* Resolve the sink's slots against the N column NAMES into SLOT (sink->slots->n
   entries, -1 for a slot the columns lack).  */
void cc_sink_resolve (const cc_sink *s, const cc_str *names, size_t n, int32_t *slot);

/* Deliver ROW to the sink: call its row function; a refusal is written to the
   reject stream (returns 0) or printed as "PROG: FILE:LINE: reason" (returns
   -1: the source stops).  */
int cc_sink_put (cc_sink *s, const cc_row *row);

/* Write a bad input line (not a record: a line the converter cannot read) the
   same way: to the reject stream (returns 0) or as an error (returns -1).  COL
   0 omits the column.  */
int cc_sink_bad (cc_sink *s, const char *file, uint64_t line, uint64_t col, const char *why,
                 const char *raw, size_t nraw);

/* How many listed entries a cc_srcdiag keeps; past it entries are only
   counted.  */
#define CC_SRCDIAG_LIST_MAX 1000

/* One listed diagnostic.  */
typedef struct cc_srcdiag_entry
{
  size_t kind;    /* index into the kinds */
  char *file;     /* input name */
  uint64_t line;  /* line (1-based), 0 when not tied to a line */
  char *message;  /* one line of prose */
} cc_srcdiag_entry;

/* Diagnostics of one run over any number of inputs.  */
typedef struct cc_srcdiag
{
  char **kinds;            /* kind names, in the order first seen */
  uint64_t *counts;        /* occurrences of each kind */
  size_t nkinds;           /* how many kinds */
  cc_srcdiag_entry *list;  /* listed entries, in input order */
  size_t nlist;            /* how many listed (at most CC_SRCDIAG_LIST_MAX) */
  uint64_t unlisted;       /* entries counted but not listed */
} cc_srcdiag;

/* Count one diagnostic of KIND (a short name such as "orphan") at FILE:LINE
   and list it with the printf-style message.  When REJECT is not NULL, also
   write "# FILE:LINE: KIND: message" and the RAW line (NRAW bytes; none when
   RAW is NULL) there.  */
void cc_srcdiag_add (cc_srcdiag *d, FILE *reject, const char *kind, const char *file,
                     uint64_t line, const char *raw, size_t nraw, const char *fmt, ...)
  __attribute__ ((format (printf, 8, 9)));

/* The count of KIND, 0 when never seen.  */
uint64_t cc_srcdiag_count (const cc_srcdiag *d, const char *kind);

/* Free what D holds (D itself is the caller's).  */
void cc_srcdiag_free (cc_srcdiag *d);

#endif
