/* Unit tests of cc_jdoc (the JSON document parser that keeps positions).

   Oracles:
     positions were counted by hand in the documents below (columns in code
     points: "日本" is four columns with its quotes, "𝄞" one), and the
     errors' positions follow the rules in cc_jdoc.h;
     decoded escapes are compared with the UTF-8 bytes of the code points
     (U+00E9 = C3 A9, U+20AC = E2 82 AC, U+1D11E = F0 9D 84 9E);
     number values with the doubles the C compiler reads from the same
     literals (both round to nearest);
     validity of tricky inputs with jansson 2.14 (JSON_REJECT_DUPLICATES |
     JSON_DECODE_ANY, no JSON_ALLOW_NUL), except the two documented policy
     differences, checked on their own: a leading BOM (skipped here, so
     jansson sees the text after it) and integers beyond 64 bits (kept here,
     refused by jansson as "too big integer").  */
#include <config.h>

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_jdoc.h"
#include "tap.h"

/* Parse the NUL-terminated TEXT with the default depth; NULL on error.  */
static cc_jdoc *
parse (const char *text)
{
  uint32_t l, c;
  char err[256];
  return cc_jdoc_parse (text, strlen (text), 0, &l, &c, err, sizeof err);
}

/* Check that TEXT[0..N) is refused at LINE:COL with exactly MSG.  */
static void
err_case (const char *text, size_t n, uint32_t line, uint32_t col, const char *msg)
{
  uint32_t l = 99, c = 99;
  char err[256] = "x";
  cc_jdoc *d = cc_jdoc_parse (text, n, 0, &l, &c, err, sizeof err);
  int good = d == NULL && l == line && c == col && strcmp (err, msg) == 0;
  if (!ok (good, "error %u:%u %s", line, col, msg))
    printf ("#   got %s at %u:%u: %s\n", d ? "success" : "error", l, c, err);
  cc_jdoc_free (d);
}

/* The same for a NUL-terminated TEXT.  */
static void
err_s (const char *text, uint32_t line, uint32_t col, const char *msg)
{
  err_case (text, strlen (text), line, col, msg);
}

/* True when V sits at LINE:COL.  */
static int
at (const cc_jval *v, uint32_t line, uint32_t col)
{
  return v && v->line == line && v->col == col;
}

/* The value of member KEY of O, or NULL.  */
static const cc_jval *
get (const cc_jval *o, const char *key)
{
  const cc_jmember *m = cc_jobj_get (o, key);
  return m ? m->val : NULL;
}

static void
test_positions (void)
{
  const char *doc = "{\r\n"
                    "  \"name\": \"\xC3\x9Cn\xC3\xAF"
                    "code\",\r\n"
                    "  \"\xE6\x97\xA5\xE6\x9C\xAC\": [1, -2.5e3, true],\r\n"
                    "  \"x\":\n"
                    "\tnull\n"
                    "}\n";
  cc_jdoc *d = parse (doc);
  ok (d != NULL, "multi-line CRLF document parses");
  if (!d)
    return;
  const cc_jval *r = cc_jdoc_root (d);
  ok (r->kind == CC_J_OBJECT && r->u.obj.n == 3 && at (r, 1, 1), "root object at 1:1, 3 members");
  const cc_jmember *m = r->u.obj.members;
  ok (strcmp (m[0].key, "name") == 0 && m[0].line == 2 && m[0].col == 3, "key 'name' at 2:3");
  ok (at (m[0].val, 2, 11) && m[0].val->kind == CC_J_STRING
          && strcmp (m[0].val->u.str.s, "\xC3\x9Cn\xC3\xAF"
                                        "code")
                 == 0,
      "its value at 2:11");
  ok (m[1].keylen == 6 && m[1].line == 3 && m[1].col == 3, "multibyte key at 3:3");
  const cc_jval *a = m[1].val;
  ok (at (a, 3, 9) && a->kind == CC_J_ARRAY && a->u.arr.n == 3,
      "array after a multibyte key at 3:9");
  ok (at (a->u.arr.items[0], 3, 10) && at (a->u.arr.items[1], 3, 13)
          && at (a->u.arr.items[2], 3, 21),
      "array items at 3:10, 3:13, 3:21");
  ok (strcmp (m[2].key, "x") == 0 && m[2].line == 4 && m[2].col == 3, "key 'x' at 4:3");
  ok (at (m[2].val, 5, 2) && m[2].val->kind == CC_J_NULL,
      "null on the next line after a tab at 5:2");
  cc_jdoc_free (d);

  d = parse ("[\"\xC3\xBC\xE2\x82\xAC\xF0\x9D\x84\x9E\", 7]");
  ok (d && at (cc_jdoc_root (d)->u.arr.items[1], 1, 9),
      "value after 1-, 2-, 3- and 4-byte chars at 1:9");
  cc_jdoc_free (d);

  d = parse ("\xEF\xBB\xBF[1]");
  ok (d && at (cc_jdoc_root (d), 1, 1) && at (cc_jdoc_root (d)->u.arr.items[0], 1, 2),
      "a leading BOM is skipped and takes no column");
  cc_jdoc_free (d);

  d = parse ("\r[\r1]");
  ok (d && at (cc_jdoc_root (d), 1, 2) && at (cc_jdoc_root (d)->u.arr.items[0], 1, 4),
      "a lone CR is whitespace, one column, no line end");
  cc_jdoc_free (d);

  d = parse ("\n\n   42   \n");
  ok (d && at (cc_jdoc_root (d), 3, 4) && cc_jdoc_root (d)->u.num.d == 42, "scalar root at 3:4");
  cc_jdoc_free (d);

  uint32_t l = 7, c = 7;
  d = cc_jdoc_parse ("{}", 2, 0, &l, &c, NULL, 0);
  ok (d && l == 0 && c == 0 && cc_jdoc_root (d)->u.obj.n == 0
          && cc_jdoc_root (d)->u.obj.members == NULL,
      "success sets line and column to 0; empty object has no members");
  cc_jdoc_free (d);
}

static void
test_errors (void)
{
  err_s ("", 1, 1, "empty document");
  err_case (NULL, 0, 1, 1, "empty document");
  err_s ("  \n  ", 2, 3, "empty document");
  err_s ("\xEF\xBB\xBF \r\n", 2, 1, "empty document");
  err_s ("[1,]", 1, 3, "trailing comma");
  err_s ("{\"a\":1,}", 1, 7, "trailing comma");
  err_s ("[1,\n  2,\n]", 2, 4, "trailing comma");
  err_s ("[1 2]", 1, 4, "expected ',' or ']', found '2'");
  err_s ("{\"a\" 1}", 1, 6, "expected ':', found '1'");
  err_s ("{1:2}", 1, 2, "expected a string key, found '1'");
  err_s ("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}', found '\"'");
  err_s ("[", 1, 2, "expected a value, found end of document");
  err_s ("{", 1, 2, "expected a string key, found end of document");
  err_s ("[1", 1, 3, "expected ',' or ']', found end of document");
  err_s ("{\"a\"", 1, 5, "expected ':', found end of document");
  err_s ("{\"a\":\n", 2, 1, "expected a value, found end of document");
  err_s ("{\"a\":1,", 1, 8, "expected a string key, found end of document");
  err_s ("1 2", 1, 3, "unexpected content after the value");
  err_s ("[]]", 1, 3, "unexpected content after the value");
  err_case ("[1]\xEF\xBB\xBF", 6, 1, 4, "unexpected content after the value");
  err_s ("/* c */ 1", 1, 1, "expected a value, found '/'");
  err_s ("tru", 1, 1, "invalid literal 'tru'");
  err_s ("[NaN]", 1, 2, "invalid literal 'NaN'");
  err_s ("[True]", 1, 2, "invalid literal 'True'");
  err_s ("[-Infinity]", 1, 3, "expected a digit after '-'");
  err_s ("[nullx]", 1, 2, "invalid literal 'nullx'");
  err_s ("{\r\n  \"a\": tru\r\n}", 2, 8, "invalid literal 'tru'");
  err_s ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, 1,
         "invalid literal 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'");
  err_s ("[.5]", 1, 2, "expected a value, found '.'");
  err_s ("[+1]", 1, 2, "expected a value, found '+'");
  err_s ("['a']", 1, 2, "expected a value, found '''");
  err_s ("[01]", 1, 2, "leading zero in number");
  err_s ("[-01]", 1, 2, "leading zero in number");
  err_s ("[-]", 1, 3, "expected a digit after '-'");
  err_s ("[1.]", 1, 4, "expected a digit after '.'");
  err_s ("[1.e5]", 1, 4, "expected a digit after '.'");
  err_s ("[1e]", 1, 4, "expected a digit in the exponent");
  err_s ("[1e+]", 1, 5, "expected a digit in the exponent");
  err_s ("[1e400]", 1, 2, "number out of range");
  err_s ("[-1e400]", 1, 2, "number out of range");
  err_s ("\"abc", 1, 1, "unterminated string");
  err_s ("\"\\", 1, 1, "unterminated string");
  err_s ("[\"ab\ncd\"]", 1, 2, "unterminated string");
  err_s ("[\"ab\rcd\"]", 1, 2, "unterminated string");
  err_s ("[\"a\tb\"]", 1, 4, "control character U+0009 in string");
  err_case ("\"a\0\"", 4, 1, 3, "control character U+0000 in string");
  err_case ("[\0]", 3, 1, 2, "expected a value");
  err_s ("\"a\\x\"", 1, 3, "invalid escape '\\x'");
  err_s ("\"a\\U0041\"", 1, 3, "invalid escape '\\U'");
  err_s ("\"\\\x01\"", 1, 2, "invalid escape");
  err_s ("\"\\u12G4\"", 1, 2, "invalid \\u escape (four hex digits expected)");
  err_s ("\"\\u12", 1, 2, "invalid \\u escape (four hex digits expected)");
  err_s ("\"\\u0000\"", 1, 2, "\\u0000 (NUL) not allowed in strings");
  err_s ("{\"a\\u0000\":1}", 1, 4, "\\u0000 (NUL) not allowed in strings");
  err_s ("\"\\uD800\"", 1, 2, "unpaired surrogate \\uD800");
  err_s ("\"\\udc00\"", 1, 2, "unpaired surrogate \\uDC00");
  err_s ("\"x\\uD800\\u0041\"", 1, 3, "unpaired surrogate \\uD800");
  err_s ("\"\\uD800\\uD800\"", 1, 2, "unpaired surrogate \\uD800");
  err_s ("\"\\uDBFF\\n\"", 1, 2, "unpaired surrogate \\uDBFF");
  err_s ("\"\xC3\xA9\xFF\"", 1, 3, "invalid UTF-8");
  err_s ("\"\xC0\x80\"", 1, 2, "invalid UTF-8");
  err_s ("\"\xED\xA0\x80\"", 1, 2, "invalid UTF-8");
  err_s ("[\"\xF4\x90\x80\x80\"]", 1, 3, "invalid UTF-8");
  err_s ("\"\xE2\x82\"", 1, 2, "invalid UTF-8");
  err_s ("\"\xE2\x82", 1, 2, "invalid UTF-8");
  err_s ("\"\x80\"", 1, 2, "invalid UTF-8");
  err_s ("[\xC3\xA9]", 1, 2, "expected a value");
  err_s ("{\"a\":1,\r\n \"a\":2}", 2, 2, "duplicate key 'a' (first at line 1, column 2)");

  /* The message is cut to the buffer; a NULL buffer and NULL positions are
     allowed.  */
  char small[5] = "abcd";
  uint32_t l, c;
  ok (cc_jdoc_parse ("", 0, 0, &l, &c, small, sizeof small) == NULL && strcmp (small, "empt") == 0,
      "a message is cut to the caller's buffer");
  ok (cc_jdoc_parse ("[", 1, 0, NULL, NULL, NULL, 0) == NULL,
      "NULL buffer and positions are allowed");
  small[0] = 'z';
  ok (cc_jdoc_parse ("[", 1, 0, NULL, NULL, small, 0) == NULL && small[0] == 'z',
      "a buffer of size 0 is not written");
  if (SIZE_MAX > UINT32_MAX)
    {
      /* Refused before any byte is read, so the short buffer is safe.  */
      l = c = 9;
      char err[64];
      cc_jdoc *d = cc_jdoc_parse ("[]", (size_t)UINT32_MAX, 0, &l, &c, err, sizeof err);
      ok (d == NULL && l == 0 && c == 0 && strcmp (err, "document too large (4 GiB or more)") == 0,
          "a document of UINT32_MAX bytes is refused without a position");
    }
}

static void
test_duplicates (void)
{
  err_s ("{\"a\":{\"b\":1,\"b\":2}}", 1, 13, "duplicate key 'b' (first at line 1, column 7)");
  err_s ("{\"ab\":1,\"a\\u0062\":2}", 1, 9, "duplicate key 'a\\u0062' (first at line 1, column 2)");
  err_s ("{\"\":1,\"\":2}", 1, 7, "duplicate key '' (first at line 1, column 2)");
  err_s ("{\"a\":1,\"b\":2,\"b\":3,\"a\":4}", 1, 14,
         "duplicate key 'b' (first at line 1, column 8)");
  /* A long key is cut after 40 bytes (at a character boundary).  */
  err_s ("{\"0123456789012345678901234567890123456789\xC3\xA9z\":1,"
         "\"0123456789012345678901234567890123456789\xC3\xA9z\":2}",
         1, 49,
         "duplicate key '0123456789012345678901234567890123456789...' (first at line 1, column 2)");
  cc_jdoc *d = parse ("[{\"a\":1},{\"a\":1},{\"a\":{\"a\":{\"a\":null}}}]");
  ok (d != NULL, "the same key in different objects is no duplicate");
  cc_jdoc_free (d);

  /* Objects past the linear search: a duplicate of an early key late, and
     two big objects with the same keys (hash entries of one object must not
     match the other's).  */
  cc_buf b = { 0 };
  cc_buf_adds (&b, "{");
  for (int i = 0; i < 40; i++)
    cc_buf_printf (&b, "%s\"k%d\":%d", i ? "," : "", i, i);
  cc_buf_adds (&b, ",\"k3\":0}");
  uint32_t l, c;
  char err[256];
  d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  ok (d == NULL && strstr (err, "duplicate key 'k3' (first at line 1, column 23)") && c == b.n - 6,
      "duplicate in a big object: %s", err);
  b.n = 0;
  cc_buf_adds (&b, "{");
  for (int o = 0; o < 3; o++)
    {
      cc_buf_printf (&b, "%s\"o%d\":{", o ? "," : "", o);
      for (int i = 0; i < 40; i++)
        cc_buf_printf (&b, "%s\"k%d\":{\"k%d\":%d}", i ? "," : "", i, i, i);
      cc_buf_adds (&b, "}");
    }
  cc_buf_adds (&b, "}");
  d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  ok (d != NULL && cc_jdoc_root (d)->u.obj.n == 3, "big sibling objects with the same keys");
  cc_jdoc_free (d);
  cc_buf_free (&b);
}

static void
test_depth (void)
{
  cc_buf b = { 0 };
  for (int i = 0; i < 200; i++)
    cc_buf_addc (&b, '[');
  for (int i = 0; i < 200; i++)
    cc_buf_addc (&b, ']');
  uint32_t l, c;
  char err[256];
  cc_jdoc *d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  ok (d != NULL, "200 nested arrays with the default limit");
  cc_jdoc_free (d);
  b.n = 0;
  for (int i = 0; i < 201; i++)
    cc_buf_adds (&b, "{\"a\":");
  cc_buf_adds (&b, "1");
  for (int i = 0; i < 201; i++)
    cc_buf_addc (&b, '}');
  d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  ok (d == NULL && l == 1 && c == 1 + 200 * 5 && strcmp (err, "nesting deeper than 200") == 0,
      "201 nested objects refused at the 201st brace: %u:%u %s", l, c, err);
  d = cc_jdoc_parse ("[[[1]]]", 7, 3, &l, &c, err, sizeof err);
  ok (d != NULL, "depth 3 within a limit of 3");
  cc_jdoc_free (d);
  d = cc_jdoc_parse ("[[[[]]]]", 8, 3, &l, &c, err, sizeof err);
  ok (d == NULL && c == 4 && strcmp (err, "nesting deeper than 3") == 0,
      "depth 4 over a limit of 3");
  d = cc_jdoc_parse ("[1, [2]]", 8, 1, &l, &c, err, sizeof err);
  ok (d == NULL && c == 5 && strcmp (err, "nesting deeper than 1") == 0, "scalars do not count");

  /* The parser is iterative: deep nesting needs no C stack.  */
  b.n = 0;
  for (int i = 0; i < 100000; i++)
    cc_buf_addc (&b, '[');
  for (int i = 0; i < 100000; i++)
    cc_buf_addc (&b, ']');
  d = cc_jdoc_parse (b.p, b.n, 1000000, &l, &c, err, sizeof err);
  const cc_jval *v = d ? cc_jdoc_root (d) : NULL;
  int depth = 0;
  while (v && v->kind == CC_J_ARRAY)
    {
      depth++;
      v = v->u.arr.n ? v->u.arr.items[0] : NULL;
    }
  ok (depth == 100000, "100000 nested arrays with a raised limit");
  cc_jdoc_free (d);
  cc_buf_free (&b);
}

static void
test_escapes (void)
{
  cc_jdoc *d = parse ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");
  ok (d && cc_jdoc_root (d)->u.str.n == 8
          && memcmp (cc_jdoc_root (d)->u.str.s, "\"\\/\b\f\n\r\t", 9) == 0,
      "the eight simple escapes");
  cc_jdoc_free (d);
  d = parse ("\"\\u00e9\\u00C9\\u20AC\\uD834\\uDD1E\\u007f|\"");
  ok (d && cc_jdoc_root (d)->u.str.n == 13
          && strcmp (cc_jdoc_root (d)->u.str.s, "\xC3\xA9\xC3\x89\xE2\x82\xAC\xF0\x9D\x84\x9E\x7F|")
                 == 0,
      "\\u escapes: 2-, 3-byte, surrogate pair, either case of hex");
  cc_jdoc_free (d);
  d = parse ("\"\\uDBFF\\uDFFF\\u0001\"");
  ok (d && strcmp (cc_jdoc_root (d)->u.str.s, "\xF4\x8F\xBF\xBF\x01") == 0,
      "U+10FFFF from its surrogates, U+0001 escaped");
  cc_jdoc_free (d);
  d = parse ("{\"a\\u0062\":\"\",\"\\n\":[]}");
  const cc_jval *r = d ? cc_jdoc_root (d) : NULL;
  ok (r && r->u.obj.members[0].keylen == 2 && get (r, "ab") && get (r, "ab")->u.str.n == 0
          && get (r, "\n") && get (r, "\n")->kind == CC_J_ARRAY && !get (r, "a"),
      "escaped keys decoded; cc_jobj_get finds them");
  cc_jdoc_free (d);
  d = parse ("\"\xE6\x97\xA5\xEF\xBF\xBF\x7F\"");
  ok (d && cc_jdoc_root (d)->u.str.n == 7, "raw UTF-8, U+FFFF and DEL are kept");
  cc_jdoc_free (d);
}

static void
test_numbers (void)
{
  static const struct
  {
    const char *text;
    double d;
  } nums[] = {
    { "0", 0.0 },
    { "-0", -0.0 },
    { "1.5e3", 1500.0 },
    { "-12.5E-1", -1.25 },
    { "0.1", 0.1 },
    { "1E+2", 100.0 },
    { "123456789012345678901234567890", 123456789012345678901234567890.0 },
    { "9007199254740993", 9007199254740992.0 },
    { "-9223372036854775809", -9223372036854775809.0 },
    { "1e-400", 0.0 },
    { "4.9e-324", 4.9e-324 },
    { "1.7976931348623157e308", 1.7976931348623157e308 },
  };
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
    {
      cc_buf b = { 0 };
      cc_buf_printf (&b, "[ %s ]", nums[i].text);
      uint32_t l, c;
      char err[256] = "";
      cc_jdoc *d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
      const cc_jval *v = d ? cc_jdoc_root (d)->u.arr.items[0] : NULL;
      ok (v && v->kind == CC_J_NUMBER && strcmp (v->u.num.text, nums[i].text) == 0
              && v->u.num.d == nums[i].d && !signbit (v->u.num.d) == !signbit (nums[i].d)
              && at (v, 1, 3),
          "number %s: text kept, value %.17g %s", nums[i].text, nums[i].d, err);
      cc_jdoc_free (d);
      cc_buf_free (&b);
    }
  /* The value never depends on the locale: cc_jdoc converts with strtod_l
     under a "C" locale of its own.  (No decimal-comma locale is installed
     on the build machines, so this is not exercised here.)  */
}

static void
test_big (void)
{
  enum
  {
    N = 100000
  };
  cc_buf b = { 0 };
  cc_buf_adds (&b, "{");
  for (int i = 0; i < N; i++)
    cc_buf_printf (&b, "%s\"key%d\":%d", i ? "," : "", i, i);
  cc_buf_adds (&b, "}");
  uint32_t l, c;
  char err[256];
  cc_jdoc *d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  const cc_jval *r = d ? cc_jdoc_root (d) : NULL;
  int good = r && r->u.obj.n == N;
  for (int i = 0; good && i < N; i++)
    good = r->u.obj.members[i].val->u.num.d == i;
  ok (good, "object of 10^5 members, in order");
  const cc_jval *last = get (r, "key99999");
  ok (last && last->line == 1 && last->col == b.n - 5, "last member's value at 1:%zu", b.n - 5);
  cc_jdoc_free (d);

  /* The same with a duplicate at the end.  */
  b.n--;
  cc_buf_adds (&b, ",\"key5\":0}");
  d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  ok (d == NULL && strcmp (err, "duplicate key 'key5' (first at line 1, column 47)") == 0
          && c == b.n - 8,
      "duplicate after 10^5 members: %s", err);

  /* An array of 10^5 small objects on 10^5 lines.  */
  b.n = 0;
  cc_buf_adds (&b, "[\n");
  for (int i = 0; i < N; i++)
    cc_buf_printf (&b, "%s{\"s\": \"\xC3\xA9t\xC3\xA9\", \"id\": %d}\n", i ? "," : " ", i);
  cc_buf_adds (&b, "]");
  d = cc_jdoc_parse (b.p, b.n, 0, &l, &c, err, sizeof err);
  r = d ? cc_jdoc_root (d) : NULL;
  good = r && r->u.arr.n == N;
  for (int i = 0; good && i < N; i++)
    {
      const cc_jval *o = r->u.arr.items[i];
      good = at (o, (uint32_t)i + 2, 2) && o->u.obj.members[1].col == 15
             && at (get (o, "id"), (uint32_t)i + 2, 21) && get (o, "id")->u.num.d == i;
    }
  ok (good, "10^5 lines of objects, every position right");
  cc_jdoc_free (d);
  cc_buf_free (&b);
}

/* The tricky inputs checked against jansson: text and length (-1 for
   strlen).  */
static const struct
{
  const char *text;
  int len;
} tricky[] = {
  { "0", -1 },
  { "-0", -1 },
  { "1E5", -1 },
  { "1e-400", -1 },
  { "[]", -1 },
  { "{}", -1 },
  { "\"\"", -1 },
  { " [ ] ", -1 },
  { "{\"\":1}", -1 },
  { "[\"\\u00e9\\uD834\\uDD1E\"]", -1 },
  { "\"\x7f\"", -1 },
  { "[1,[2,[3]]]", -1 },
  { "{\"a\":{\"a\":1}}", -1 },
  { "\"\\/\"", -1 },
  { "9223372036854775807", -1 },
  { "-9223372036854775808", -1 },
  { "1.5e+10", -1 },
  { "[true,false,null]", -1 },
  { "\"\xEF\xBF\xBF\"", -1 },
  { "\"\xF4\x8F\xBF\xBF\"", -1 },
  { "\t\r\n 1 \t\r\n", -1 },
  { "\"\\u0041\\u00410\"", -1 },
  { "[[[]],{}]", -1 },
  { "[1,]", -1 },
  { "01", -1 },
  { "1.", -1 },
  { ".1", -1 },
  { "+1", -1 },
  { "NaN", -1 },
  { "Infinity", -1 },
  { "-Infinity", -1 },
  { "[1 2]", -1 },
  { "{\"a\":1,\"a\":2}", -1 },
  { "{\"ab\":1,\"a\\u0062\":2}", -1 },
  { "\"\\u0000\"", -1 },
  { "\"\\ud800\"", -1 },
  { "\"\\udc00\\ud800\"", -1 },
  { "\"\\ud800\\u0041\"", -1 },
  { "\"\xff\"", -1 },
  { "\"\xC0\xAF\"", -1 },
  { "\"\xED\xBF\xBF\"", -1 },
  { "\"\xF4\x90\x80\x80\"", -1 },
  { "[\"a\nb\"]", -1 },
  { "'a'", -1 },
  { "[1]x", -1 },
  { "", -1 },
  { " ", -1 },
  { "nul", -1 },
  { "[\0]", 3 },
  { "\"a\0\"", 4 },
  { "[]\0", 3 },
  { "1e400", -1 },
  { "{\"a\":}", -1 },
  { "{,}", -1 },
  { "[,1]", -1 },
  { "\"\\U0041\"", -1 },
  { "\"\\a\"", -1 },
  { "[\"\t\"]", -1 },
  { "\xEF\xBB\xBF\xEF\xBB\xBF[]", -1 },
  { "\xEF\xBB\xBF[]", -1 },
  { "[1e]", -1 },
  { "[-]", -1 },
  { "-01", -1 },
  { "[1.e1]", -1 },
  { "{\"a\" 1}", -1 },
  { "{\"a\":1 \"b\":2}", -1 },
  { "[}", -1 },
  { "{]", -1 },
  { "\"\\u12\"", -1 },
  { "\"\\uD834\\uDD1E\\uDD1E\"", -1 },
  { "truefalse", -1 },
  { "true false", -1 },
  { "[\xC3\xA9]", -1 },
  { "\"\\\"", -1 },
};

static void
test_jansson (void)
{
  for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
    {
      const char *t = tricky[i].text;
      size_t n = tricky[i].len < 0 ? strlen (t) : (size_t)tricky[i].len;
      size_t bom = n >= 3 && memcmp (t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
      uint32_t l, c;
      char err[256] = "";
      cc_jdoc *d = cc_jdoc_parse (t, n, 0, &l, &c, err, sizeof err);
      json_error_t je;
      json_t *j = json_loadb (t + bom, n - bom, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
      if (!ok ((d != NULL) == (j != NULL), "agrees with jansson on input %zu (%s)", i,
               d ? "accepted" : "refused"))
        printf ("#   cc_jdoc: %s; jansson: %s\n", d ? "ok" : err, j ? "ok" : je.text);
      json_decref (j);
      cc_jdoc_free (d);
    }
  /* The documented difference: integers beyond 64 bits.  */
  json_error_t je;
  json_t *j = json_loadb ("9223372036854775808", 19, JSON_DECODE_ANY, &je);
  cc_jdoc *d = parse ("9223372036854775808");
  ok (!j && strstr (je.text, "too big") && d
          && strcmp (cc_jdoc_root (d)->u.num.text, "9223372036854775808") == 0,
      "an integer past 64 bits: jansson refuses it, cc_jdoc keeps its text");
  cc_jdoc_free (d);
}

int
main (void)
{
  cc_diag_init ("test_jdoc");
  test_positions ();
  test_errors ();
  test_duplicates ();
  test_depth ();
  test_escapes ();
  test_numbers ();
  test_big ();
  test_jansson ();
  ok (strcmp (cc_jkind_name (CC_J_TRUE), "boolean") == 0
          && strcmp (cc_jkind_name (CC_J_FALSE), "boolean") == 0
          && strcmp (cc_jkind_name (CC_J_NULL), "null") == 0
          && strcmp (cc_jkind_name (CC_J_OBJECT), "object") == 0
          && strcmp (cc_jkind_name (CC_J_ARRAY), "array") == 0
          && strcmp (cc_jkind_name (CC_J_STRING), "string") == 0
          && strcmp (cc_jkind_name (CC_J_NUMBER), "number") == 0,
      "kind names");
  ok (cc_jobj_get (NULL, "a") == NULL, "cc_jobj_get of NULL");
  cc_jdoc *d = parse ("[1]");
  ok (d && cc_jobj_get (cc_jdoc_root (d), "a") == NULL, "cc_jobj_get of an array");
  cc_jdoc_free (d);
  return tap_done ();
}
