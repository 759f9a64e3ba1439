/* cc_jdoc: a JSON document parser that keeps where every value came from.

   The configuration-like files of the tools (IVR menus for ccivr-sim, later
   campaign definitions) are JSON documents whose mistakes must be reported
   as FILE:LINE:COL of the offending value, and jansson keeps no positions.
   cc_jdoc parses a whole document (RFC 8259, strict: no comments, no
   trailing commas, no NaN, no leading zeros, UTF-8 only, no NUL, lone
   surrogates in \u escapes refused) into a tree whose nodes carry the line
   and column where they start; object members keep their order and the
   position of their key.  Duplicate keys in one object are an error that
   names both places.  Limits are explicit: nesting depth (default 200),
   document size (the caller's buffer), string length (the whole document).

   Columns count characters (UTF-8 code points) from 1; lines count LF from
   1 (a CR LF pair is one line end; a lone CR is whitespace, not a line
   end).

   Policies where RFC 8259 leaves a choice:
   - a UTF-8 byte order mark at the very start is skipped (editors on
     Windows write one); it takes no column, so the first character after
     it is at column 1.  A BOM anywhere else is an unexpected character;
   - the document must be shorter than UINT32_MAX bytes ("document too
     large (4 GiB or more)", reported at line 0, column 0, which
     cc_err_at prints without a position), so no line or column counter
     can exceed UINT32_MAX: they never saturate;
   - NUL is refused, raw (a control character) or as \u0000 ("\u0000
     (NUL) not allowed in strings"), since keys and strings are C strings;
   - a number is kept as written (so integers beyond 2^53, which no double
     holds exactly, keep their exact text) with its nearest double; a
     number whose magnitude rounds to infinity ("1e400", a 400-digit
     integer) is refused as "number out of range", one that underflows is
     zero or subnormal;
   - a duplicate key is the first one in document order, quoted as written
     (escapes undecoded, cut after 40 bytes and then ending in "..." inside
     the quotes, as a long invalid literal is);
   - the parser is iterative: MAX_DEPTH bounds memory, not the C stack.

   Errors are reported at the offending character: the opening quote of an
   unterminated string (raw line ends inside one included), the backslash
   of a bad escape, the first byte of invalid UTF-8, the first character of
   a bad number or literal, the comma of a trailing comma, the second key of
   a duplicate, the bracket that nests too deep, or where the document ends
   ("empty document", "expected ..., found end of document").  */
#ifndef CC_JDOC_H
#define CC_JDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kinds of values.  */
typedef enum cc_jkind
{
  CC_J_NULL = 0,
  CC_J_FALSE,
  CC_J_TRUE,
  CC_J_NUMBER,
  CC_J_STRING,
  CC_J_ARRAY,
  CC_J_OBJECT
} cc_jkind;

typedef struct cc_jval cc_jval;

/* One member of an object.  */
typedef struct cc_jmember
{
  const char *key; /* unescaped, NUL-terminated (may hold no NUL: refused) */
  size_t keylen;   /* its length in bytes */
  uint32_t line;   /* where the key starts */
  uint32_t col;    /* its column, in characters */
  cc_jval *val;    /* its value */
} cc_jmember;

/* One value.  */
struct cc_jval
{
  cc_jkind kind; /* what it is */
  uint32_t line; /* where the value starts (1-based) */
  uint32_t col;  /* column, in characters (1-based) */
  union
  {
    struct
    {
      const char *text; /* the number as written, NUL-terminated */
      double d;         /* its value (strtod in the C locale) */
    } num;
    struct
    {
      const char *s; /* unescaped, NUL-terminated */
      size_t n;      /* length in bytes */
    } str;
    struct
    {
      cc_jval **items; /* in document order; NULL when N is 0 */
      size_t n;
    } arr;
    struct
    {
      cc_jmember *members; /* in document order; NULL when N is 0 */
      size_t n;
    } obj;
  } u;
};

/* A parsed document: owns every node (freed together).  */
typedef struct cc_jdoc cc_jdoc;

/* Parse the N bytes at TEXT.  MAX_DEPTH 0 means 200.  Returns the document,
   or NULL with *LINE, *COL and a message (lower case, no period; e.g.
   "duplicate key 'x' (first at line 3, column 5)", "expected ',' or '}'",
   "invalid UTF-8", "nesting deeper than 200") in ERR (ERRSZ bytes; the
   message is cut to fit, and ERR may be NULL).  MAX_DEPTH counts open arrays
   and objects: "[[1]]" has depth 2.  On success *LINE and *COL are set to 0.
   TEXT need not be NUL-terminated; it is only read.  The caller frees the
   document with cc_jdoc_free().  */
cc_jdoc *cc_jdoc_parse (const char *text, size_t n, size_t max_depth, uint32_t *line, uint32_t *col,
                        char *err, size_t errsz);

/* The root value of DOC.  */
const cc_jval *cc_jdoc_root (const cc_jdoc *doc);

/* Free DOC and every node in it (NULL allowed).  */
void cc_jdoc_free (cc_jdoc *doc);

/* The member of object O called KEY (NUL-terminated), or NULL (also when O
   is not an object).  Linear in the members.  */
const cc_jmember *cc_jobj_get (const cc_jval *o, const char *key);

/* The name of a kind ("null", "boolean", "number", "string", "array",
   "object"), for messages.  */
const char *cc_jkind_name (cc_jkind k);

#endif
