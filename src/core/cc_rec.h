/* cc_rec: the interaction record as every reader hands it to a tool.

   A record is a list of named values.  The names of a CSV record are the file's
   header; those of a JSON Lines record are its own keys, in order.  Values point
   into the reader's buffers and stay valid only until the next record is read:
   a tool that keeps a value copies it.  A value is one of four kinds, so that
   "" (an empty string) and a missing value stay distinct through every tool.

   Tools ask for the fields they use by name through a cc_slots table: the reader
   resolves each slot to a field index once per CSV header and once per JSON
   record, so a tool never searches names per row.  */
#ifndef CC_REC_H
#define CC_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A byte string that is not NUL-terminated.  */
typedef struct cc_str
{
  const char *p; /* first byte */
  size_t n;      /* length in bytes */
} cc_str;

/* Kinds of values.  */
enum cc_kind
{
  CC_NULL = 0, /* missing: an empty unquoted CSV field, JSON null or absent key */
  CC_STR = 1,  /* a string (a CSV field that is quoted or not empty, a JSON string) */
  CC_NUM = 2,  /* a JSON number, kept as its text */
  CC_BOOL = 3  /* a JSON true/false, kept as its text */
};

/* One value.  */
typedef struct cc_val
{
  const char *p; /* bytes (valid UTF-8, no NUL), not NUL-terminated */
  uint32_t n;    /* length in bytes */
  uint8_t kind;  /* enum cc_kind */
} cc_val;

/* Input and output formats.  */
typedef enum cc_format
{
  CC_FMT_AUTO = 0, /* input: detect from the first non-blank byte */
  CC_FMT_CSV,      /* RFC 4180 with a header row */
  CC_FMT_JSONL,    /* one flat JSON object per line */
  CC_FMT_TABLE,    /* output: aligned columns for a terminal */
  CC_FMT_MARKDOWN, /* output: a GitHub pipe table */
  CC_FMT_HTML      /* output: a self-contained page (ccreport) */
} cc_format;

/* Parse a format name ("csv", "jsonl", "json", "ndjson", "table", "markdown",
   "md", "html", "auto").  Returns 0, or -1 when unknown.  */
int cc_format_parse (const char *s, cc_format *out);
const char *cc_format_name (cc_format f);

/* The fields a tool asks for, by name.  Built once before reading.  */
typedef struct cc_slots
{
  const char *const *names; /* field names, NUL-terminated strings */
  size_t n;                 /* how many */
} cc_slots;

/* Find NAME (N bytes) among the slots; the slot index or -1.  */
int cc_slots_find (const cc_slots *s, const char *name, size_t n);

/* One record as handed to a tool.  */
typedef struct cc_row
{
  const cc_str *names; /* field names, n of them (CSV header or JSON keys) */
  const cc_val *vals;  /* values, n of them, in input order */
  size_t n;            /* number of fields */
  const int32_t *slot; /* slot -> field index, or -1 when the record lacks it */
  const char *file;    /* input name as given ("-" shown as "-") */
  uint64_t line;       /* physical line (1-based) where the record starts */
  const char *raw;     /* the record's bytes exactly as read, without the line end */
  size_t rawlen;       /* length of raw */
} cc_row;

/* The value of slot S in ROW, or NULL when the record lacks the field.  */
static inline const cc_val *
cc_row_get (const cc_row *row, int s)
{
  int32_t i = row->slot[s];
  return i < 0 ? (const cc_val *) 0 : &row->vals[i];
}

/* True when slot S is absent or null in ROW.  */
static inline bool
cc_row_isnull (const cc_row *row, int s)
{
  const cc_val *v = cc_row_get (row, s);
  return v == 0 || v->kind == CC_NULL;
}

/* Compare a value with a NUL-terminated string.  */
bool cc_val_eq (const cc_val *v, const char *s);

/* Same, ignoring ASCII case.  */
bool cc_val_eq_ci (const cc_val *v, const char *s);

/* How many bytes of V a message quotes: at most 40, cut on a UTF-8
   character boundary (for "%.*s").  */
int cc_val_quote_len (const cc_val *v);

#endif
