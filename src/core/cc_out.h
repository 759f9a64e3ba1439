/* cc_out: writers for records and reports in every output format.

   One writer serves both a stream of records (which keep their own fields and
   pass unknown columns through) and a report table.  CSV quotes only when
   needed (RFC 4180: a field holding a comma, quote, CR or LF, a leading or
   trailing space, or an empty string that is not null); JSON Lines is written by
   our own emitter (strings escaped, numbers as given, null as null); "table"
   aligns columns for a terminal and "markdown" writes a GitHub pipe table, both
   buffering rows until cc_out_finish().  Every write is checked: a write error
   prints "PROG: write error: REASON" and exits 1.  */
#ifndef CC_OUT_H
#define CC_OUT_H

#include <stdio.h>
#include "cc_rec.h"

typedef struct cc_out cc_out;

/* A new writer of format FMT (CSV, JSONL, TABLE or MARKDOWN) on stream F.  */
cc_out *cc_out_new (FILE *f, cc_format fmt);

/* Set the columns of the rows that follow.  For CSV the first call writes the
   header; a later call with other names is the caller's error.  Names are
   copied.  */
void cc_out_columns (cc_out *o, const cc_str *names, size_t n);

/* Write one row of N values in column order.  Values of kind CC_NUM and
   CC_BOOL are written bare in JSON; CC_STR as JSON strings; CC_NULL as null
   (JSON), an empty field (CSV), "-" (table) or an empty cell (markdown).
   Values are copied where the format buffers.  */
void cc_out_row (cc_out *o, const cc_val *vals, size_t n);

/* Append to DST the line cc_out_row would write for VALS (CSV and JSONL
   only, after cc_out_columns), for a caller that writes it later, in
   another order, with cc_out_raw.  */
struct cc_buf;
void cc_out_render_row (cc_out *o, struct cc_buf *dst, const cc_val *vals, size_t n);

/* Write N bytes made by cc_out_render_row (checked like every write).  */
void cc_out_raw (cc_out *o, const char *p, size_t n);

/* Write one record with its own names (JSON Lines: its keys in order).  For the
   other formats the names must equal the columns set before.  */
void cc_out_record (cc_out *o, const cc_str *names, const cc_val *vals, size_t n);

/* A comment line: written as "# TEXT" before the table in TABLE output and
   as a "> TEXT" quote before the table in MARKDOWN; dropped in CSV and JSONL.  */
void cc_out_comment (cc_out *o, const char *text);

/* A metadata record: written as one JSON object line in JSONL output only.  */
void cc_out_meta (cc_out *o, const cc_str *names, const cc_val *vals, size_t n);

/* Write buffered rows (TABLE, MARKDOWN), flush, and free the writer.  */
void cc_out_finish (cc_out *o);

/* Flush what was streamed (CSV, JSONL), drop buffered rows (TABLE,
   MARKDOWN), and free the writer: for a run that failed.  */
void cc_out_discard (cc_out *o);

/* Helpers to build values.  */
cc_val cc_v_str (const char *s);              /* NUL-terminated string, CC_STR */
cc_val cc_v_strn (const char *s, size_t n);   /* CC_STR */
cc_val cc_v_num (const char *s);              /* number text, CC_NUM */
cc_val cc_v_null (void);                      /* CC_NULL */

/* Append V to B escaped as a JSON string (with the quotes).  */
struct cc_buf;
void cc_json_escape (struct cc_buf *b, const char *p, size_t n);

#endif
