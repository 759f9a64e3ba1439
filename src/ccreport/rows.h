/* ccreport: the rows of the reports, built once for every format.

   A report row is built as cells (rowb: text and kind of each cell) and then
   written by cc_out (csv, jsonl, table, markdown) or turned into an HTML
   table row (html.c), so that every format shows the same cells.  This file
   also holds what the queues report's outputs share: its definitions line,
   its column names, the figures of an accumulator as cells, and the walk
   over the groups that makes its rows (with the TOTAL row).  */
#ifndef CCREPORT_ROWS_H
#define CCREPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

#include "cc_diag.h"
#include "cc_out.h"

/* A row being built: the text of its cells in one buffer.  Start from
   { 0 }; free with rowb_free.  */
typedef struct rowb
{
  cc_buf text;   /* cell bytes, one cell after another */
  size_t *off;   /* start of each cell in text */
  size_t *len;   /* its length */
  uint8_t *kind; /* its kind (enum cc_kind: CC_NULL, CC_STR, CC_NUM, CC_BOOL) */
  size_t n, cap; /* cells used, allocated */
} rowb;

/* Cells: of KIND holding P[0..N) (copied); a null cell; the count V; the
   ratio NUM/DEN with two decimals rounded half away from zero (a null cell
   when DEN is not above 0); US microseconds as seconds with two
   decimals.  */
void rowb_cell (rowb *b, uint8_t kind, const char *p, size_t n);
void rowb_null (rowb *b);
void rowb_u (rowb *b, uint64_t v);
void rowb_ratio (rowb *b, int64_t num, int64_t den);
void rowb_secs (rowb *b, int64_t us);

/* The key cells of a group: its --by values decoded from KEY (a null cell
   for a null value), then, when R has --interval, the interval IVAL
   (seconds) as RFC 3339 in the report zone.  */
void rowb_keys (rowb *b, const report *r, const char *key, int64_t ival);

/* The key cells of the TOTAL row: "TOTAL", then null cells.  */
void rowb_total_keys (rowb *b, const report *r);

/* Empty B for the next row (its memory is kept).  */
void rowb_clear (rowb *b);

/* Write B as one row to O and empty it.  */
void rowb_emit (cc_out *o, rowb *b);

/* Free the memory of B (not B itself).  */
void rowb_free (rowb *b);

/* Decode the I-th value of the encoded group key KEY (per --by column a
   uint32 length, UINT32_MAX for null, then the bytes) into *P and *N.
   Returns false for a null value (then *N is 0).  *P points into KEY.  */
bool report_key_part (const char *key, size_t i, const char **p, uint32_t *n);

/* Compare the encoded keys A and B of NBY values in the order of the
   report's rows: value by value, null first, then bytes.  Returns <0, 0 or
   >0.  */
int report_key_cmp (const char *a, const char *b, size_t nby);

/* The --direction of R as a word ("inbound", "outbound", "all").  A
   constant string.  */
const char *report_direction (const report *r);

/* The name of the report zone (--tz), "UTC" without one.  Not to be
   freed.  */
const char *report_zone (void);

/* Start the output of a report on O: the definitions line DEF (table,
   markdown: a comment line), the _meta record (JSON Lines: "ccreport", the
   version, the report KIND unless KIND is NULL, the direction, the NEXTRA
   values EXTRA named EXTRA_NAMES, the definitions) and the NCOL column
   names COLS.  Nothing is kept: the caller keeps or frees its
   arguments.  */
void report_start (const report *r, cc_out *o, const char *kind, const char *def,
                   const cc_str *extra_names, const cc_val *extra, size_t nextra,
                   const char *const *cols, size_t ncol);

/* The columns of a per-group report: the --by columns of R, "interval"
   with --interval, then the NFIG figure names FIG.  Returns the array (the
   caller frees it; the names stay R's and FIG's) and its length in
   *NCOL.  */
const char **report_group_columns (const report *r, const char *const *fig, size_t nfig,
                                   size_t *ncol);

/* The definitions of the queues report in force, as one line of prose,
   appended to B.  */
void report_definitions (const report *r, cc_buf *b);

/* The column names of the queues report: the --by columns, interval (with
   --interval), then the figures of report_figures.  Returns how many; *COLS
   gets an array of that many NUL-terminated names that point into NAMES.
   The caller frees *COLS with free and NAMES with cc_buf_free.  */
size_t report_columns (const report *r, cc_buf *names, const char ***cols);

/* The service level of A under R as NUM/DEN (percent), the average speed
   of answer (ASA) and the average handle time (AHT) of A in seconds as
   NUM/DEN.  Each returns false when DEN is not above 0 (the figure is
   null).  */
bool report_sl (const report *r, const acc *a, int64_t *num, int64_t *den);
bool report_asa (const acc *a, int64_t *num, int64_t *den);
bool report_aht (const acc *a, int64_t *num, int64_t *den);

/* The figures of accumulator A for the queues report under R, appended to
   B as cells, in the order of report_columns.  */
void report_figures (const report *r, const acc *a, rowb *b);

/* Appends the figure cells of A under R to B (report_figures, or the
   figures of another per-group report).  */
typedef void report_figures_fn (const report *r, const acc *a, rowb *b);

/* Takes one built row B (TOTAL: the TOTAL row) for UD; B is emptied after
   it returns.  */
typedef void report_row_fn (void *ud, rowb *b, bool total);

/* A report_row_fn that writes B as one row to the cc_out UD.  */
void report_row_out (void *ud, rowb *b, bool total);

/* Build the rows of a per-group report of F (F may be NULL: no records)
   and hand each to ROW with UD: F's groups sorted (report_sort), each as
   its key cells and the cells FIGURES appends; without --by and --interval
   and without records, one row of zero figures; grouped, the TOTAL row
   unless --no-total.  */
void report_rows (const report *r, fold *f, report_figures_fn *figures, report_row_fn *row,
                  void *ud);

/* Free the histograms of A (not A itself).  */
void acc_free (acc *a);

#endif
