/* cc_csv / cc_jsonl: parse one record at a time from a buffer.

   Both parsers share one shape so that cc_scan can drive either: given the
   bytes from a record's start, they report a record, a blank line, a bad record
   (with the bytes to skip), or that they need more bytes.  Values point into
   the buffer, or into the parser's scratch when unescaping was needed, and stay
   valid until the next call.  */
#ifndef CC_CSV_H
#define CC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cc_rec.h"

/* What a parse call found.  */
enum cc_parse_status
{
  CC_PARSE_OK,    /* a record: vals, n, used, lines, rawlen */
  CC_PARSE_BLANK, /* a blank line: used, lines */
  CC_PARSE_BAD,   /* a bad record: err, col, used, lines, rawlen */
  CC_PARSE_MORE   /* the record continues past the bytes given */
};

/* The result of one parse call.  */
typedef struct cc_parse_out
{
  cc_val *vals;    /* the values (parser-owned) */
  size_t n;        /* number of values */
  cc_str *keys;    /* JSONL: the keys, n of them (parser-owned); CSV: NULL */
  size_t used;     /* bytes consumed, line end included */
  size_t rawlen;   /* bytes of the record without its final line end */
  uint32_t lines;  /* line ends consumed */
  uint64_t col;    /* BAD: 1-based byte column in the line where it was found, or 0 */
  uint32_t errline;/* BAD: which line of the record (0 = first) the error is on */
  const char *err; /* BAD: the reason (parser-owned, valid until the next call) */
} cc_parse_out;

typedef struct cc_csvp cc_csvp;

/* A CSV parser refusing fields longer than MAX_FIELD bytes.  */
cc_csvp *cc_csvp_new (size_t max_field);
void cc_csvp_free (cc_csvp *p);

/* Parse the record at BUF[0..AVAIL); EOF says no bytes follow.  Never returns
   CC_PARSE_MORE when EOF is true.  */
int cc_csv_record (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out);

typedef struct cc_jsonp cc_jsonp;

cc_jsonp *cc_jsonp_new (size_t max_field);
void cc_jsonp_free (cc_jsonp *p);
int cc_jsonl_record (cc_jsonp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out);

#endif
