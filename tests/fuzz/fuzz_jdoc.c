/* fuzz_jdoc: libFuzzer harness for cc_jdoc, with jansson as the oracle.

   The input is parsed by cc_jdoc (with a depth limit far above jansson's, so
   only jansson's limit matters) and by jansson (json_loadb with
   JSON_REJECT_DUPLICATES | JSON_DECODE_ANY and without JSON_ALLOW_NUL, which
   refuses \u0000 as cc_jdoc does; a leading UTF-8 BOM, which cc_jdoc skips,
   is cut off before jansson sees the text).  Checks:
   - accept/reject agrees with jansson, except exactly the documented policy
     differences: an integer beyond jansson's 64 bits ("too big integer",
     kept by cc_jdoc) and jansson's nesting limit ("maximum parsing depth");
     and one jansson bug: it skips a NUL byte right after a number or a
     literal (see nul_quirk);
   - for an accepted document, our tree re-serialised is read by jansson
     into a value json_equal to jansson's own, and every number's double is
     jansson's (integers converted to double);
   - every string and key is valid UTF-8 without NUL, of the stated length;
   - positions are within the document, strictly increasing in document
     order (keys included), and point at the first byte of their value
     (a quote, a bracket, '-' or a digit, 't', 'f' or 'n'); a number's text
     is the source text there;
   - an error has a position within the document (line 1 or more, the
     column at most one past the end of its line) and a message in lower
     case without a trailing period;
   - a second parse with a small depth limit D (from the input) accepts the
     same tree when its depth is at most D, else fails with "nesting deeper
     than D"; a parse that failed never succeeds with a smaller limit.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_jdoc.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_jdoc"
#include "fuzz_common.h"

#define BIG_DEPTH 1000000
#define FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)

/* A growable output buffer for the re-serialisation.  */
typedef struct out
{
  char *p;
  size_t n, cap;
} out;

static void
put (out *o, const void *s, size_t n)
{
  if (o->n + n > o->cap)
    {
      o->cap = (o->n + n) * 2 + 64;
      o->p = xrealloc (o->p, o->cap);
    }
  memcpy (o->p + o->n, s, n);
  o->n += n;
}

/* Append S[0..N) as a JSON string, escaping quotes, backslashes and
   control characters.  */
static void
put_str (out *o, const char *s, size_t n)
{
  put (o, "\"", 1);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char)s[i];
      if (c == '"' || c == '\\')
        {
          char e[2] = { '\\', (char)c };
          put (o, e, 2);
        }
      else if (c < 0x20)
        {
          char e[8];
          snprintf (e, sizeof e, "\\u%04x", c);
          put (o, e, 6);
        }
      else
        put (o, s + i, 1);
    }
  put (o, "\"", 1);
}

/* Append V as JSON text (numbers as written).  */
static void
serialise (out *o, const cc_jval *v)
{
  switch (v->kind)
    {
    case CC_J_NULL:
      put (o, "null", 4);
      break;
    case CC_J_FALSE:
      put (o, "false", 5);
      break;
    case CC_J_TRUE:
      put (o, "true", 4);
      break;
    case CC_J_NUMBER:
      put (o, v->u.num.text, strlen (v->u.num.text));
      break;
    case CC_J_STRING:
      put_str (o, v->u.str.s, v->u.str.n);
      break;
    case CC_J_ARRAY:
      put (o, "[", 1);
      for (size_t i = 0; i < v->u.arr.n; i++)
        {
          if (i)
            put (o, ",", 1);
          serialise (o, v->u.arr.items[i]);
        }
      put (o, "]", 1);
      break;
    case CC_J_OBJECT:
      put (o, "{", 1);
      for (size_t i = 0; i < v->u.obj.n; i++)
        {
          if (i)
            put (o, ",", 1);
          put_str (o, v->u.obj.members[i].key, v->u.obj.members[i].keylen);
          put (o, ":", 1);
          serialise (o, v->u.obj.members[i].val);
        }
      put (o, "}", 1);
      break;
    default:
      CHECK (0);
    }
}

/* The input, its line starts and the last position seen in the walk.  */
static const char *doc;
static size_t docn;
static size_t *lines; /* byte offset of the start of each line */
static size_t nlines;
static uint32_t last_line, last_col;

/* Byte offset of LINE:COL, which must be inside the document.  */
static size_t
offset_of (uint32_t line, uint32_t col)
{
  CHECK (line >= 1 && line <= nlines && col >= 1);
  size_t off = lines[line - 1];
  size_t end = line < nlines ? lines[line] : docn;
  for (uint32_t c = 1; c < col; c++)
    {
      CHECK (off < end);
      off++;
      while (off < end && ((unsigned char)doc[off] & 0xC0) == 0x80)
        off++;
    }
  return off;
}

/* Check that LINE:COL comes after the last position and return its
   offset (inside the document).  */
static size_t
next_pos (uint32_t line, uint32_t col)
{
  CHECK (line > last_line || (line == last_line && col > last_col));
  last_line = line;
  last_col = col;
  size_t off = offset_of (line, col);
  CHECK (off < docn);
  return off;
}

/* Walk V in document order checking positions and contents, comparing with
   jansson's value J; returns V's nesting depth (open containers).  */
static size_t
walk (const cc_jval *v, const json_t *j)
{
  size_t off = next_pos (v->line, v->col);
  char c = doc[off];
  size_t depth = 0;
  switch (v->kind)
    {
    case CC_J_NULL:
      CHECK (c == 'n' && json_is_null (j));
      break;
    case CC_J_FALSE:
      CHECK (c == 'f' && json_is_false (j));
      break;
    case CC_J_TRUE:
      CHECK (c == 't' && json_is_true (j));
      break;
    case CC_J_NUMBER:
      {
        size_t len = strlen (v->u.num.text);
        CHECK (c == '-' || (c >= '0' && c <= '9'));
        CHECK (len <= docn - off && memcmp (doc + off, v->u.num.text, len) == 0);
        CHECK (isfinite (v->u.num.d));
        if (json_is_integer (j))
          CHECK (v->u.num.d == (double)json_integer_value (j));
        else
          CHECK (json_is_real (j) && v->u.num.d == json_real_value (j));
        break;
      }
    case CC_J_STRING:
      CHECK (c == '"' && json_is_string (j));
      CHECK (v->u.str.s[v->u.str.n] == '\0' && strlen (v->u.str.s) == v->u.str.n);
      CHECK (cc_utf8_check (v->u.str.s, v->u.str.n) == v->u.str.n);
      CHECK (json_string_length (j) == v->u.str.n
             && memcmp (json_string_value (j), v->u.str.s, v->u.str.n) == 0);
      break;
    case CC_J_ARRAY:
      CHECK (c == '[' && json_is_array (j) && json_array_size (j) == v->u.arr.n);
      CHECK ((v->u.arr.n == 0) == (v->u.arr.items == NULL));
      for (size_t i = 0; i < v->u.arr.n; i++)
        {
          size_t d = walk (v->u.arr.items[i], json_array_get (j, i));
          depth = d > depth ? d : depth;
        }
      depth++;
      break;
    case CC_J_OBJECT:
      CHECK (c == '{' && json_is_object (j) && json_object_size (j) == v->u.obj.n);
      CHECK ((v->u.obj.n == 0) == (v->u.obj.members == NULL));
      for (size_t i = 0; i < v->u.obj.n; i++)
        {
          const cc_jmember *m = &v->u.obj.members[i];
          size_t ko = next_pos (m->line, m->col);
          CHECK (doc[ko] == '"');
          CHECK (m->key[m->keylen] == '\0' && strlen (m->key) == m->keylen);
          CHECK (cc_utf8_check (m->key, m->keylen) == m->keylen);
          CHECK (cc_jobj_get (v, m->key) == m);
          json_t *jv = json_object_getn (j, m->key, m->keylen);
          CHECK (jv);
          size_t d = walk (m->val, jv);
          depth = d > depth ? d : depth;
        }
      depth++;
      break;
    default:
      CHECK (0);
    }
  return depth;
}

/* Check an error's position and message.  */
static void
check_error (uint32_t line, uint32_t col, const char *err)
{
  CHECK (line >= 1 && line <= nlines && col >= 1);
  size_t start = lines[line - 1];
  size_t end = line < nlines ? lines[line] : docn;
  CHECK (col <= cc_utf8_width (doc + start, end - start) + 1);
  size_t n = strlen (err);
  CHECK (n > 0 && !(err[0] >= 'A' && err[0] <= 'Z') && err[n - 1] != '.');
}

/* jansson 2.14 skips one NUL byte right after a number or a literal
   ("[4\0]", "[true\0]" are accepted): a bug of jansson's lexer, not a
   policy.  True when that explains our refusal of BUF[0..N) at LINE:COL:
   the error is at such a NUL, and with every such NUL removed in turn the
   document parses.  */
static bool
nul_quirk (const char *buf, size_t n, uint32_t line, uint32_t col)
{
  char *t = dup_exact (buf, n);
  bool quirk = false;
  for (;;)
    {
      /* The offset of LINE:COL in T (N if past its end).  */
      size_t off = n >= 3 && memcmp (t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
      for (uint32_t l = 1; l < line && off < n; off++)
        l += t[off] == '\n';
      for (uint32_t c = 1; c < col && off < n; c++)
        {
          off++;
          while (off < n && ((unsigned char)t[off] & 0xC0) == 0x80)
            off++;
        }
      if (off == 0 || off >= n || t[off] != '\0')
        break;
      char c = t[off - 1];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')))
        break;
      memmove (t + off, t + off + 1, n - off - 1);
      n--;
      char err[256];
      cc_jdoc *d = cc_jdoc_parse (t, n, BIG_DEPTH, &line, &col, err, sizeof err);
      if (d)
        {
          quirk = true;
          cc_jdoc_free (d);
          break;
        }
    }
  free (t);
  return quirk;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = dup_exact ((const char *)data, size);
  size_t bom = size >= 3 && memcmp (buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  doc = buf;
  docn = size;
  nlines = 1;
  for (size_t i = 0; i < size; i++)
    nlines += buf[i] == '\n';
  lines = xmalloc (nlines * sizeof *lines);
  lines[0] = bom;
  for (size_t i = 0, k = 1; i < size; i++)
    if (buf[i] == '\n')
      lines[k++] = i + 1;

  uint32_t line = 7, col = 7;
  char err[256] = "";
  cc_jdoc *d = cc_jdoc_parse (buf, size, BIG_DEPTH, &line, &col, err, sizeof err);
  json_error_t je;
  json_t *j = json_loadb (buf + bom, size - bom, FLAGS, &je);
  size_t depth = 0;
  if (d)
    {
      CHECK (line == 0 && col == 0);
      if (!j)
        {
          /* Only the documented differences.  */
          CHECK (strstr (je.text, "too big") || strstr (je.text, "maximum parsing depth"));
        }
      else
        {
          last_line = 0;
          last_col = 0;
          depth = walk (cc_jdoc_root (d), j);
          out o = { 0 };
          serialise (&o, cc_jdoc_root (d));
          json_error_t je2;
          json_t *j2 = json_loadb (o.p, o.n, FLAGS, &je2);
          CHECK (j2 && json_equal (j, j2));
          json_decref (j2);
          free (o.p);
        }
    }
  else
    {
      check_error (line, col, err);
      if (j && !nul_quirk (buf, size, line, col))
        {
          fprintf (stderr, "fuzz_jdoc: refused at %u:%u (%s), jansson accepts\n", line, col, err);
          CHECK (!j);
        }
    }

  /* A small depth limit.  */
  size_t lim = size ? 1 + data[size - 1] % 6 : 1;
  char err2[256] = "";
  uint32_t l2, c2;
  cc_jdoc *d2 = cc_jdoc_parse (buf, size, lim, &l2, &c2, err2, sizeof err2);
  if (!d)
    CHECK (!d2);
  else if (j)
    {
      if (depth <= lim)
        {
          CHECK (d2);
          out a = { 0 }, b = { 0 };
          serialise (&a, cc_jdoc_root (d));
          serialise (&b, cc_jdoc_root (d2));
          CHECK (a.n == b.n && memcmp (a.p, b.p, a.n) == 0);
          free (a.p);
          free (b.p);
        }
      else
        {
          char want[64];
          snprintf (want, sizeof want, "nesting deeper than %zu", lim);
          CHECK (!d2 && strcmp (err2, want) == 0);
          check_error (l2, c2, err2);
        }
    }
  cc_jdoc_free (d2);

  /* A tiny message buffer is filled and terminated, never overrun.  */
  if (!d)
    {
      char tiny[4];
      CHECK (!cc_jdoc_parse (buf, size, BIG_DEPTH, NULL, NULL, tiny, sizeof tiny));
      CHECK (strlen (tiny) <= 3 && strncmp (tiny, err, strlen (tiny)) == 0);
    }

  json_decref (j);
  cc_jdoc_free (d);
  free (lines);
  free (buf);
  return 0;
}
