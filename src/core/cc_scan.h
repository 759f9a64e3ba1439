/* cc_scan: read record files fast, on every core, as one ordered stream of
   results.

   cc_scan() reads one input (a file or "-" for stdin), detects its format, and
   calls the tool's row function for every record.  A regular file is split into
   chunks at record boundaries and the chunks are parsed by several threads; each
   chunk gets its own tool context (made by ctx_new) and the contexts are merged
   in file order (ctx_merge), so a tool that folds rows into mergeable state gets
   the same answer whatever the number of threads.  Pipes are read by one thread.

   Bad records never vanish.  A record the reader cannot parse, or that the row
   function refuses (it returns a reason), either stops the scan at the first one
   in file order (fail-fast, the default) or, with a reject stream, is written
   there verbatim after a "# FILE:LINE: reason" line and counted; then
   rows read = rows accepted + rows rejected, always.

   CSV records are split by a scanner of our own for lines without quotes; lines
   with quotes go through a strict quote-aware scanner, and anything it does not
   accept is judged by libcsv (CSV_STRICT), whose verdict stands.  JSON Lines
   records go through a strict scanner of our own; anything it refuses is shown to
   jansson for the error position and text.  */
#ifndef CC_SCAN_H
#define CC_SCAN_H

#include <stdio.h>
#include "cc_rec.h"

/* What the row function returns: NULL to accept, or a reason (a string that
   stays valid until the next call in the same thread) to reject the record.  */
typedef const char *(*cc_row_fn) (void *ctx, const cc_row *row);

/* Called once per input for CSV with its header names (after the slots were
   resolved), before any row; returns NULL or a fatal message (e.g. a column a
   report needs is missing).  May be NULL.  */
typedef const char *(*cc_header_fn) (void *tool, const cc_str *names, size_t n,
                                     const int32_t *slot);

/* Options of one scan.  */
typedef struct cc_scan_opts
{
  cc_format format;       /* CC_FMT_AUTO, CC_FMT_CSV or CC_FMT_JSONL */
  const cc_slots *slots;  /* the fields the tool reads */
  size_t max_field;       /* longest field accepted, bytes (0: 1 MiB) */
  int threads;            /* worker threads (0: one per online CPU, at most 8) */
  FILE *reject;           /* where bad records go; NULL: stop at the first */
  const char *reject_name;/* its name, for messages */
  void *tool;             /* passed to the callbacks below */
  void *(*ctx_new) (void *tool);            /* a fresh fold context */
  void (*ctx_merge) (void *tool, void *dst, void *src); /* fold SRC into DST, later rows */
  void (*ctx_free) (void *tool, void *ctx);
  cc_row_fn row;          /* called for every good record */
  cc_header_fn header;    /* called for each CSV header; may be NULL */
  int quiet;              /* no progress line even on a terminal */
} cc_scan_opts;

/* What one scan found.  */
typedef struct cc_scan_result
{
  uint64_t rows;      /* records read (accepted + rejected), blank lines excluded */
  uint64_t rejected;  /* records written to the reject stream */
  uint64_t lines;     /* physical lines read */
  cc_format format;   /* the format read */
} cc_scan_result;

/* Context callbacks for a scan on one thread (threads = 1) whose context is
   the tool itself: cc_scan_self_new returns TOOL, the other two do
   nothing.  */
void *cc_scan_self_new (void *tool);
void cc_scan_self_merge (void *tool, void *dst, void *src);
void cc_scan_self_free (void *tool, void *ctx);

/* Scan PATH ("-" for stdin) into the context *CTX (made by ctx_new when *CTX is
   NULL; later inputs fold into the same one).  Returns 0 when the input was read
   to its end; -1 after printing the error (bad record without a reject stream,
   unreadable file, fatal header problem).  RES is filled in either case.  */
int cc_scan (const char *path, const cc_scan_opts *o, void **ctx, cc_scan_result *res);

#endif
