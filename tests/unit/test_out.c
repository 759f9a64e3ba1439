/* test_out: unit tests of cc_out (CSV, JSONL, table, markdown writers),
   cc_utf8, cc_num and cc_hist.  Expected outputs are worked out by hand in the
   comments next to them.  */
#include <config.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_hist.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_utf8.h"
#include "tap.h"

/* ---- helpers ---- */

/* Read back everything written to the temporary file F, close it, and return
   the text (NUL-terminated, to be freed).  */
static char *
slurp (FILE *f)
{
  cc_buf b = { 0 };
  char chunk[4096];
  size_t k;
  fflush (f);
  rewind (f);
  while ((k = fread (chunk, 1, sizeof chunk, f)) > 0)
    cc_buf_add (&b, chunk, k);
  fclose (f);
  cc_buf_cstr (&b);
  return b.p;
}

/* A temporary file, or a failed test and exit.  */
static FILE *
tmp (void)
{
  FILE *f = tmpfile ();
  if (!f)
    {
      ok (0, "tmpfile");
      exit (tap_done ());
    }
  return f;
}

/* Compare GOT with WANT; on a mismatch print both as TAP diagnostics.  */
static void
same (const char *got, const char *want, const char *name)
{
  if (!ok (strcmp (got, want) == 0, "%s", name))
    printf ("# got:\n# [%s]\n# want:\n# [%s]\n", got, want);
}

/* A cc_str from a C string.  */
static cc_str
S (const char *s)
{
  cc_str r = { s, strlen (s) };
  return r;
}

/* A CC_BOOL value.  */
static cc_val
vbool (const char *s)
{
  cc_val v = cc_v_str (s);
  v.kind = CC_BOOL;
  return v;
}

/* ---- CSV ---- */

static void
test_csv (void)
{
  FILE *f = tmp ();
  cc_out *o = cc_out_new (f, CC_FMT_CSV);
  cc_str cols[3] = { S ("id"), S ("name, full"), S ("note") };
  cc_out_columns (o, cols, 3);
  cc_out_comment (o, "dropped in CSV");
  cc_out_meta (o, cols, (cc_val[]) { cc_v_null (), cc_v_null (), cc_v_null () }, 3);

  /* A comma, a quote (doubled) and a newline each force quoting.  */
  cc_val r1[3] = { cc_v_str ("x,y"), cc_v_str ("say \"hi\""),
                   cc_v_str ("line1\nline2") };
  cc_out_row (o, r1, 3);
  /* Leading space, trailing tab and "" are quoted; null stays empty.  */
  cc_val r2[3] = { cc_v_str (" lead"), cc_v_str ("trail\t"), cc_v_str ("") };
  cc_out_row (o, r2, 3);
  cc_val r3[3] = { cc_v_null (), cc_v_str ("plain"), cc_v_num ("42") };
  cc_out_row (o, r3, 3);
  /* A CR alone, an inner space (not quoted), a bare "true".  */
  cc_val r4[3] = { cc_v_str ("a\rb"), cc_v_str ("in side"), vbool ("true") };
  cc_out_row (o, r4, 3);
  /* Fewer values than columns: the rest are null.  */
  cc_val r5[1] = { cc_v_str ("z") };
  cc_out_row (o, r5, 1);
  /* A record with the same names is a row.  */
  cc_out_record (o, cols, r3, 3);
  cc_out_finish (o);
  char *got = slurp (f);
  same (got,
        "id,\"name, full\",note\n"
        "\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n"
        "\" lead\",\"trail\t\",\"\"\n"
        ",plain,42\n"
        "\"a\rb\",in side,true\n"
        "z,,\n"
        ",plain,42\n",
        "csv: quoting, null vs empty, header");
  free (got);

  /* Records without columns: the first record's names become the header; an
     empty header name is quoted.  */
  f = tmp ();
  o = cc_out_new (f, CC_FMT_CSV);
  cc_str names[2] = { S ("a"), S ("") };
  cc_val v[2] = { cc_v_str ("\"") , cc_v_null () };
  cc_out_record (o, names, v, 2);
  cc_out_finish (o);
  got = slurp (f);
  /* '"' alone becomes """" (quoted, doubled).  */
  same (got, "a,\"\"\n\"\"\"\",\n", "csv: header from first record");
  free (got);
}

/* ---- JSONL ---- */

static void
test_jsonl (void)
{
  FILE *f = tmp ();
  cc_out *o = cc_out_new (f, CC_FMT_JSONL);
  cc_str cols[4] = { S ("s"), S ("n"), S ("z"), S ("b") };
  cc_out_columns (o, cols, 4);
  cc_out_comment (o, "dropped in JSONL");

  /* Quote, backslash, the five short escapes, \u00XX for 0x01 and 0x1f, DEL
     raw; a number and a boolean bare; null as null.  */
  cc_val r1[4] = { cc_v_str ("a\"b\\c\n\t\r\b\f\x01\x1f\x7f"), cc_v_num ("-1.5e3"),
                   cc_v_null (), vbool ("true") };
  cc_out_row (o, r1, 4);
  /* UTF-8 passes through raw; "" is a string; fewer values: null.  */
  cc_val r2[2] = { cc_v_str ("Müller ✓ 😀"), cc_v_str ("") };
  cc_out_row (o, r2, 2);
  /* A record keeps its own keys, which are escaped too.  */
  cc_str rn[2] = { S ("k\"ey"), S ("x") };
  cc_val rv[2] = { cc_v_str ("v"), cc_v_num ("0") };
  cc_out_record (o, rn, rv, 2);
  /* Metadata is one object line.  */
  cc_str mn[2] = { S ("tool"), S ("rows") };
  cc_val mv[2] = { cc_v_str ("ccreport"), cc_v_num ("3") };
  cc_out_meta (o, mn, mv, 2);
  cc_out_finish (o);
  char *got = slurp (f);
  same (got,
        "{\"s\":\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\x7f\",\"n\":-1.5e3,"
        "\"z\":null,\"b\":true}\n"
        "{\"s\":\"Müller ✓ 😀\",\"n\":\"\",\"z\":null,\"b\":null}\n"
        "{\"k\\\"ey\":\"v\",\"x\":0}\n"
        "{\"tool\":\"ccreport\",\"rows\":3}\n",
        "jsonl: escaping, bare numbers, null, records, meta");
  free (got);

  /* cc_json_escape on its own, every control character.  */
  cc_buf b = { 0 };
  char all[32];
  for (int i = 0; i < 31; i++)
    all[i] = (char) (i + 1);
  cc_json_escape (&b, all, 31);
  same (cc_buf_cstr (&b),
        "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b"
        "\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016"
        "\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"",
        "json escape: all control characters");
  b.n = 0;
  cc_json_escape (&b, "", 0);
  same (cc_buf_cstr (&b), "\"\"", "json escape: empty string");
  cc_buf_free (&b);

  /* CSV and table drop metadata.  */
  f = tmp ();
  o = cc_out_new (f, CC_FMT_TABLE);
  cc_out_meta (o, mn, mv, 2);
  cc_out_finish (o);
  got = slurp (f);
  same (got, "", "table: meta dropped, nothing without columns");
  free (got);
}

/* ---- table ---- */

static void
test_table (void)
{
  FILE *f = tmp ();
  cc_out *o = cc_out_new (f, CC_FMT_TABLE);
  cc_str cols[4] = { S ("agent"), S ("calls"), S ("aht"), S ("note") };
  cc_out_columns (o, cols, 4);
  cc_val r1[4] = { cc_v_str ("Müller"), cc_v_num ("12"), cc_v_num ("95.5"),
                   cc_v_str ("ok") };
  cc_val r2[4] = { cc_v_str ("Li"), cc_v_num ("7"), cc_v_null (),
                   cc_v_str ("two\nlines\tx") };
  cc_val r3[4] = { cc_v_str ("Ösz"), cc_v_num ("100"), cc_v_num ("3"),
                   cc_v_str ("") };
  cc_out_row (o, r1, 4);
  cc_out_row (o, r2, 4);
  cc_out_comment (o, "report A");  /* comments come first even when late */
  cc_out_row (o, r3, 4);
  cc_out_finish (o);
  char *got = slurp (f);
  /* Widths in code points: agent 6 ("Müller"), calls 5 (header), aht 4
     ("95.5"), note 13 ("two\nlines\tx" shown with backslashes).  calls and
     aht are numeric: right-aligned, header included, the null "-" too.  The
     last column is not padded (no trailing spaces):
       agent···calls···aht··note
       Müller·····12··95.5··ok
       Li·············7·····-··two\nlines\tx
       Ösz·······100·····3                              */
  same (got,
        "# report A\n"
        "agent   calls   aht  note\n"
        "Müller     12  95.5  ok\n"
        "Li          7     -  two\\nlines\\tx\n"
        "Ösz       100     3\n",
        "table: alignment, UTF-8 width, escapes, comments first");
  free (got);

  /* A mixed column (number and string) aligns each cell by its own kind and
     the header left; a null in the last column is "-"; multi-line comment.  */
  f = tmp ();
  o = cc_out_new (f, CC_FMT_TABLE);
  cc_str c2[2] = { S ("mixed"), S ("x") };
  cc_out_columns (o, c2, 2);
  cc_val m1[2] = { cc_v_num ("1"), cc_v_null () };
  cc_val m2[2] = { cc_v_str ("abc"), cc_v_str ("\x01") };
  cc_out_row (o, m1, 2);
  cc_out_row (o, m2, 2);
  cc_out_comment (o, "line one\nline two");
  cc_out_comment (o, "");
  cc_out_finish (o);
  got = slurp (f);
  /* mixed: width 5 ("mixed"); "1" right-aligned to "    1"; x: width 4
     ("\x01" shown as \x01).  */
  same (got,
        "# line one\n"
        "# line two\n"
        "#\n"
        "mixed  x\n"
        "    1  -\n"
        "abc    \\x01\n",
        "table: mixed column, control escape, comment lines");
  free (got);

  /* Header only.  */
  f = tmp ();
  o = cc_out_new (f, CC_FMT_TABLE);
  cc_out_columns (o, c2, 2);
  cc_out_finish (o);
  got = slurp (f);
  same (got, "mixed  x\n", "table: header without rows");
  free (got);
}

/* ---- markdown ---- */

static void
test_markdown (void)
{
  FILE *f = tmp ();
  cc_out *o = cc_out_new (f, CC_FMT_MARKDOWN);
  cc_str cols[3] = { S ("name"), S ("n|x"), S ("v") };
  cc_out_columns (o, cols, 3);
  cc_val r1[3] = { cc_v_str ("a|b"), cc_v_num ("1"), cc_v_null () };
  cc_val r2[3] = { cc_v_str ("l1\nl2\r\nl3"), cc_v_num ("22"), cc_v_str ("s") };
  cc_out_row (o, r1, 3);
  cc_out_comment (o, "Queue report");
  cc_out_row (o, r2, 3);
  cc_out_comment (o, "second");
  cc_out_finish (o);
  char *got = slurp (f);
  /* '|' escaped as \| (header too), LF and CRLF as <br>, null empty; only
     "n|x" is numeric (v has a string).  Comments as quotes, then a blank
     line each.  */
  same (got,
        "> Queue report\n"
        "\n"
        "> second\n"
        "\n"
        "| name | n\\|x | v |\n"
        "|---|--:|---|\n"
        "| a\\|b | 1 |  |\n"
        "| l1<br>l2<br>l3 | 22 | s |\n",
        "markdown: escaping, alignment row, comments");
  free (got);

  /* A column of nulls only is not numeric.  */
  f = tmp ();
  o = cc_out_new (f, CC_FMT_MARKDOWN);
  cc_str c1[1] = { S ("k") };
  cc_out_columns (o, c1, 1);
  cc_out_row (o, (cc_val[]) { cc_v_null () }, 1);
  cc_out_finish (o);
  got = slurp (f);
  same (got, "| k |\n|---|\n|  |\n", "markdown: all-null column left-aligned");
  free (got);
}

/* ---- UTF-8 ---- */

/* A straightforward reference validator: decode the code point and check its
   range; every error is reported at the lead byte.  */
static size_t
ref_check (const unsigned char *s, size_t n)
{
  size_t i = 0;
  while (i < n)
    {
      unsigned c = s[i];
      size_t len;
      uint32_t cp, min;
      if (c == 0)
        return i;
      if (c < 0x80)
        {
          i++;
          continue;
        }
      if (c >= 0xC0 && c < 0xE0)
        len = 2, cp = c & 0x1F, min = 0x80;
      else if (c >= 0xE0 && c < 0xF0)
        len = 3, cp = c & 0x0F, min = 0x800;
      else if (c >= 0xF0 && c < 0xF8)
        len = 4, cp = c & 0x07, min = 0x10000;
      else
        return i;
      if (n - i < len)
        return i;
      for (size_t k = 1; k < len; k++)
        {
          if ((s[i + k] & 0xC0) != 0x80)
            return i;
          cp = (cp << 6) | (s[i + k] & 0x3F);
        }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return i;
      i += len;
    }
  return n;
}

static uint64_t lcg_state = 12345;

/* A 64-bit LCG (Knuth's MMIX constants); returns the high 32 bits.  */
static uint32_t
lcg (void)
{
  lcg_state = lcg_state * UINT64_C (6364136223846793005)
              + UINT64_C (1442695040888963407);
  return (uint32_t) (lcg_state >> 32);
}

/* Append the UTF-8 encoding of CP (not checked) to P; returns the length.  */
static size_t
enc (unsigned char *p, uint32_t cp)
{
  if (cp < 0x80)
    return p[0] = (unsigned char) cp, 1;
  if (cp < 0x800)
    {
      p[0] = (unsigned char) (0xC0 | (cp >> 6));
      p[1] = (unsigned char) (0x80 | (cp & 0x3F));
      return 2;
    }
  if (cp < 0x10000)
    {
      p[0] = (unsigned char) (0xE0 | (cp >> 12));
      p[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
      p[2] = (unsigned char) (0x80 | (cp & 0x3F));
      return 3;
    }
  p[0] = (unsigned char) (0xF0 | (cp >> 18));
  p[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
  p[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
  p[3] = (unsigned char) (0x80 | (cp & 0x3F));
  return 4;
}

static void
test_utf8 (void)
{
  static const struct
  {
    const char *s; /* bytes */
    size_t n;      /* length */
    size_t want;   /* expected result */
    const char *name; /* test name */
  } cases[] = {
    { "", 0, 0, "empty" },
    { "abc", 3, 3, "ascii" },
    { "Müller", 7, 7, "latin-1 range (2 bytes)" },
    { "ab\xE2\x82\xAC", 5, 5, "euro sign (3 bytes)" },
    { "\xF0\x9F\x98\x80", 4, 4, "emoji (4 bytes)" },
    { "\xC0\x80", 2, 0, "overlong C0 80" },
    { "a\xC1\xBF", 3, 1, "overlong C1 BF" },
    { "\xE0\x80\xAF", 3, 0, "overlong 3-byte" },
    { "\xE0\xA0\x80", 3, 3, "U+0800 (smallest 3-byte)" },
    { "\xF0\x8F\xBF\xBF", 4, 0, "overlong 4-byte" },
    { "\xF0\x90\x80\x80", 4, 4, "U+10000" },
    { "\xED\xA0\x80", 3, 0, "surrogate ED A0 80" },
    { "x\xED\xBF\xBF", 4, 1, "surrogate ED BF BF" },
    { "\xED\x9F\xBF", 3, 3, "U+D7FF" },
    { "\xEE\x80\x80", 3, 3, "U+E000" },
    { "\xF4\x8F\xBF\xBF", 4, 4, "U+10FFFF" },
    { "\xF4\x90\x80\x80", 4, 0, "F4 90 80 80 above U+10FFFF" },
    { "\xF5\x80\x80\x80", 4, 0, "lead F5" },
    { "\xFF", 1, 0, "byte FF" },
    { "ab\xE2\x82", 4, 2, "truncated E2 82 at the lead" },
    { "\xC3", 1, 0, "truncated 2-byte" },
    { "\xE2\x28\xA1", 3, 0, "bad continuation" },
    { "ok\x80", 3, 2, "lone continuation" },
    { "a\0b", 3, 1, "NUL" },
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    {
      size_t got = cc_utf8_check (cases[k].s, cases[k].n);
      if (!ok (got == cases[k].want, "utf8: %s", cases[k].name))
        printf ("# got %zu, want %zu\n", got, cases[k].want);
    }

  /* Long ASCII runs with one bad byte (0x80, NUL, 0xFF) at offsets 0..20 of a
     40-byte buffer, so that it lands in every lane of the 8-byte words.  */
  char buf[64];
  int fails = 0;
  for (size_t at = 0; at <= 20; at++)
    for (int kind = 0; kind < 3; kind++)
      {
        memset (buf, 'a', 40);
        buf[at] = kind == 0 ? '\x80' : kind == 1 ? '\0' : '\xFF';
        if (cc_utf8_check (buf, 40) != at)
          fails++;
      }
  ok (fails == 0, "utf8: bad byte at offsets 0..20 of an ASCII run");
  memset (buf, 'a', 40);
  ok (cc_utf8_check (buf, 40) == 40, "utf8: 40 ASCII bytes");
  /* A valid 2-byte sequence at every offset, a bad one 8+ bytes later.  */
  fails = 0;
  for (size_t at = 0; at < 20; at++)
    {
      memset (buf, 'a', 40);
      memcpy (buf + at, "\xC3\xA9", 2);
      if (cc_utf8_check (buf, 40) != 40)
        fails++;
      buf[at + 11] = '\xC3';  /* lead followed by 'a' */
      if (cc_utf8_check (buf, 40) != at + 11)
        fails++;
    }
  ok (fails == 0, "utf8: multi-byte sequences between ASCII words");

  /* Random strings built from ASCII, encoded code points (some surrogates,
     some above U+10FFFF) and random bytes, against the reference.  */
  unsigned char r[96];
  fails = 0;
  for (int t = 0; t < 200000; t++)
    {
      size_t n = 0, want_n = lcg () % 80;
      while (n < want_n)
        {
          uint32_t x = lcg () % 10;
          if (x < 5)
            r[n++] = (unsigned char) (1 + lcg () % 127);
          else if (x < 8)
            n += enc (r + n, lcg () % 0x110800);
          else if (x < 9)
            r[n++] = (unsigned char) lcg ();
          else
            r[n++] = (unsigned char) (0x80 + lcg () % 0x80);
        }
      if (lcg () % 50 == 0 && n)
        r[lcg () % n] = 0;
      if (cc_utf8_check ((const char *) r, n) != ref_check (r, n))
        fails++;
    }
  ok (fails == 0, "utf8: 200000 random strings agree with the reference");

  ok (cc_utf8_width ("Müller", 7) == 6, "utf8 width: Müller is 6");
  ok (cc_utf8_width ("\xF0\x9F\x98\x80" "a", 5) == 2, "utf8 width: emoji + a");
  ok (cc_utf8_width ("", 0) == 0, "utf8 width: empty");
}

/* ---- numbers ---- */

static void
test_num (void)
{
  static const struct
  {
    const char *s;  /* input */
    int rc;         /* expected return */
    int64_t usec;   /* expected value when rc == 0 */
  } secs[] = {
    { "12", 0, 12000000 },
    { "12.5", 0, 12500000 },
    { "0.250", 0, 250000 },
    { "00012", 0, 12000000 },
    { "0", 0, 0 },
    { "0.0000005", 0, 1 },           /* half up */
    { "0.00000049999", 0, 0 },
    { "1.9999995", 0, 2000000 },     /* carries into the seconds */
    { "1.99999949", 0, 1999999 },
    { "3.1234567890123", 0, 3123457 },
    { "1000000000000", 0, INT64_C (1000000000000000000) },
    { "1000000000000.0000004", 0, INT64_C (1000000000000000000) },
    { "1000000000000.0000005", -1, 0 },  /* rounds above 10^12 s */
    { "1000000000001", -1, 0 },
    { "99999999999999999999999", -1, 0 },
    { "", -1, 0 }, { ".", -1, 0 }, { "1.", -1, 0 }, { ".5", -1, 0 },
    { "-1", -1, 0 }, { "+1", -1, 0 }, { "1e3", -1, 0 }, { " 1", -1, 0 },
    { "1 ", -1, 0 }, { "1.2.3", -1, 0 }, { "abc", -1, 0 }, { "1,5", -1, 0 },
  };
  for (size_t k = 0; k < sizeof secs / sizeof secs[0]; k++)
    {
      int64_t v = -7;
      int rc = cc_num_parse_seconds (secs[k].s, strlen (secs[k].s), &v);
      ok (rc == secs[k].rc && (rc != 0 || v == secs[k].usec),
          "parse_seconds \"%s\" -> %d %" PRId64, secs[k].s, rc, v);
    }
  int64_t v = 0;
  ok (cc_num_parse_seconds ("12.5xyz", 4, &v) == 0 && v == 12500000,
      "parse_seconds uses only N bytes");

  static const struct
  {
    const char *s; /* input */
    int rc;        /* expected return */
    int64_t v;     /* expected value */
  } ints[] = {
    { "0", 0, 0 }, { "-0", 0, 0 }, { "+42", 0, 42 }, { "-17", 0, -17 },
    { "007", 0, 7 },
    { "9223372036854775807", 0, INT64_MAX },
    { "-9223372036854775808", 0, INT64_MIN },
    { "9223372036854775808", -1, 0 },
    { "-9223372036854775809", -1, 0 },
    { "12345678901234567890", -1, 0 },
    { "", -1, 0 }, { "-", -1, 0 }, { "+", -1, 0 }, { "1a", -1, 0 },
    { " 1", -1, 0 }, { "1.0", -1, 0 }, { "--1", -1, 0 },
  };
  for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++)
    {
      int64_t x = -7;
      int rc = cc_num_parse_int (ints[k].s, strlen (ints[k].s), &x);
      ok (rc == ints[k].rc && (rc != 0 || x == ints[k].v),
          "parse_int \"%s\" -> %d %" PRId64, ints[k].s, rc, x);
    }

  static const struct
  {
    int64_t num, den; /* the rational */
    int digits;       /* decimals */
    const char *want; /* expected text */
  } fx[] = {
    { 2, 3, 2, "0.67" },        /* 0.666.. */
    { 1, 8, 2, "0.13" },        /* 0.125 half away from zero */
    { -1, 8, 2, "-0.13" },
    { 5, 1, 0, "5" },
    { 0, 7, 2, "0.00" },
    { 1, 3, 6, "0.333333" },
    { 2, 3, 6, "0.666667" },
    { 1, 2, 0, "1" },           /* 0.5 */
    { -1, 2, 0, "-1" },
    { 3, 2, 0, "2" },           /* 1.5 */
    { 5, 2, 0, "3" },           /* 2.5: away from zero, not to even */
    { -1, 1000, 2, "0.00" },    /* no negative zero */
    { 7, 1, 3, "7.000" },
    { 1234567, 100, 1, "12345.7" },
    { INT64_C (10000000000000000), 3, 6, "3333333333333333.333333" },
    { INT64_C (20000000000000000), 3, 6, "6666666666666666.666667" },
    { INT64_MAX, 1, 0, "9223372036854775807" },
    { INT64_MIN, 1, 2, "-9223372036854775808.00" },
    { INT64_MAX, INT64_MAX, 4, "1.0000" },
  };
  for (size_t k = 0; k < sizeof fx / sizeof fx[0]; k++)
    {
      char b[32];
      size_t len = cc_num_fixed (b, fx[k].num, fx[k].den, fx[k].digits);
      if (!ok (strcmp (b, fx[k].want) == 0 && len == strlen (fx[k].want),
               "fixed %" PRId64 "/%" PRId64 " %d -> %s", fx[k].num, fx[k].den,
               fx[k].digits, fx[k].want))
        printf ("# got [%s] len %zu\n", b, len);
    }

  /* Random rationals against rounding by floor((2|num|*10^d + den) / 2den),
     printed with printf's integer formats.  */
  int fails = 0;
  for (int t = 0; t < 100000; t++)
    {
      int64_t num = (int64_t) (lcg () % 2000001) - 1000000;
      int64_t den = 1 + lcg () % 1000;
      int d = (int) (lcg () % 4);
      int64_t scale = d == 0 ? 1 : d == 1 ? 10 : d == 2 ? 100 : 1000;
      int64_t m = num < 0 ? -num : num;
      int64_t q = (2 * m * scale + den) / (2 * den);
      char want[64], got[32];
      const char *sign = num < 0 && q ? "-" : "";
      if (d)
        snprintf (want, sizeof want, "%s%" PRId64 ".%0*" PRId64, sign,
                  q / scale, d, q % scale);
      else
        snprintf (want, sizeof want, "%s%" PRId64, sign, q);
      cc_num_fixed (got, num, den, d);
      if (strcmp (got, want) != 0)
        {
          if (fails++ < 5)
            printf ("# %" PRId64 "/%" PRId64 " %d: got %s want %s\n", num, den,
                    d, got, want);
        }
    }
  ok (fails == 0, "fixed: 100000 random rationals");
}

/* ---- histograms ---- */

/* qsort comparison of uint64_t.  */
static int
cmp_u64 (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
  return x < y ? -1 : x > y;
}

/* A random duration: mostly short, some up to a day, a few beyond (sparse).  */
static uint64_t
rand_dur (void)
{
  uint32_t x = lcg () % 100;
  if (x < 80)
    return lcg () % 1200;
  if (x < 95)
    return lcg () % CC_HIST_DENSE_MAX;
  if (x < 98)
    return CC_HIST_DENSE_MAX + lcg () % 50;  /* repeated sparse values */
  return CC_HIST_DENSE_MAX + lcg () % 10000000;
}

/* True when histograms A and B hold the same counts.  */
static int
hist_equal (const cc_hist *a, const cc_hist *b)
{
  if (a->count != b->count || a->max != b->max || a->nsparse != b->nsparse)
    return 0;
  uint32_t n = a->ndense > b->ndense ? a->ndense : b->ndense;
  for (uint32_t i = 0; i < n; i++)
    {
      uint64_t x = i < a->ndense ? a->dense[i] : 0;
      uint64_t y = i < b->ndense ? b->dense[i] : 0;
      if (x != y)
        return 0;
    }
  return memcmp (a->sparse, b->sparse, 2 * (size_t) a->nsparse * sizeof (uint64_t)) == 0;
}

static void
test_hist (void)
{
  cc_hist h = { 0 };
  ok (cc_hist_percentile (&h, 50) == 0 && cc_hist_count_le (&h, 10) == 0
      && h.count == 0, "hist: zero struct is empty");

  /* Values 1..10: p90 has rank ceil(0.9 * 10) = 9, so 9; p10 rank 1 -> 1;
     p91 rank ceil(9.1) = 10 -> 10; p100 -> 10; p0.001 rank 1 -> 1.  */
  for (uint64_t v = 10; v >= 1; v--)
    cc_hist_add (&h, v);
  ok (cc_hist_percentile (&h, 90) == 9, "hist: p90 of 1..10 is 9");
  ok (cc_hist_percentile (&h, 10) == 1, "hist: p10 of 1..10 is 1");
  ok (cc_hist_percentile (&h, 91) == 10, "hist: p91 of 1..10 is 10");
  ok (cc_hist_percentile (&h, 100) == 10, "hist: p100 of 1..10 is 10");
  ok (cc_hist_percentile (&h, 0.001) == 1, "hist: p0.001 of 1..10 is 1");
  ok (cc_hist_count_le (&h, 0) == 0 && cc_hist_count_le (&h, 4) == 4
      && cc_hist_count_le (&h, 1000000) == 10, "hist: count_le of 1..10");
  ok (h.max == 10 && h.count == 10, "hist: max and count");
  /* Add 11..20: p95 of 1..20 has rank 19 -> 19; p50 rank 10 -> 10.  */
  for (uint64_t v = 11; v <= 20; v++)
    cc_hist_add (&h, v);
  ok (cc_hist_percentile (&h, 95) == 19, "hist: p95 of 1..20 is 19");
  ok (cc_hist_percentile (&h, 50) == 10, "hist: p50 of 1..20 is 10");
  /* p = 0.1 * 3 is 0.30000000000000004 in binary: rank ceil(0.3% * 20) = 1. */
  ok (cc_hist_percentile (&h, 0.1 * 3) == 1, "hist: tiny p is rank 1");
  cc_hist_free (&h);
  ok (h.dense == NULL && h.count == 0, "hist: free resets");

  /* Sparse values: {5, 100000, 100000, 200000}: p25 rank 1 -> 5, p50 rank 2
     -> 100000, p75 rank 3 -> 100000, p76 rank 4 -> 200000.  */
  cc_hist_add (&h, 100000);
  cc_hist_add (&h, 200000);
  cc_hist_add (&h, 100000);
  cc_hist_add (&h, 5);
  ok (h.nsparse == 2 && h.count == 4 && h.max == 200000, "hist: sparse pairs");
  ok (cc_hist_percentile (&h, 25) == 5, "hist: sparse p25");
  ok (cc_hist_percentile (&h, 50) == 100000, "hist: sparse p50");
  ok (cc_hist_percentile (&h, 75) == 100000, "hist: sparse p75");
  ok (cc_hist_percentile (&h, 76) == 200000, "hist: sparse p76");
  ok (cc_hist_count_le (&h, 99999) == 1 && cc_hist_count_le (&h, 100000) == 3
      && cc_hist_count_le (&h, 200000) == 4, "hist: sparse count_le");
  cc_hist_free (&h);

  /* The boundary: 86399 is dense (the array grows to its cap), 86400 sparse.  */
  cc_hist_add (&h, CC_HIST_DENSE_MAX - 1);
  cc_hist_add (&h, CC_HIST_DENSE_MAX);
  ok (h.ndense == CC_HIST_DENSE_MAX && h.nsparse == 1
      && h.dense[CC_HIST_DENSE_MAX - 1] == 1, "hist: dense/sparse boundary");
  ok (cc_hist_percentile (&h, 50) == CC_HIST_DENSE_MAX - 1
      && cc_hist_percentile (&h, 100) == CC_HIST_DENSE_MAX,
      "hist: percentiles across the boundary");
  cc_hist_free (&h);

  /* Random data against a sorted copy; N = 10007, so that integer p gives
     rank ceil(p * N / 100) = (p * N + 99) / 100 exactly.  Parts a, b, c get
     every third value; merged they must equal the whole.  */
  enum { N = 10007 };
  uint64_t *vals = cc_xmalloc (N * sizeof *vals);
  cc_hist all = { 0 }, part[3] = { { 0 } };
  for (int i = 0; i < N; i++)
    {
      vals[i] = rand_dur ();
      cc_hist_add (&all, vals[i]);
      cc_hist_add (&part[i % 3], vals[i]);
    }
  qsort (vals, N, sizeof *vals, cmp_u64);
  int fails = 0;
  for (int p = 1; p <= 100; p++)
    {
      uint64_t rank = ((uint64_t) p * N + 99) / 100;
      if (cc_hist_percentile (&all, p) != vals[rank - 1])
        fails++;
    }
  ok (fails == 0, "hist: 100 percentiles equal the sorted data");
  /* p = 99.9: rank ceil(9996.993) = 9997; p = 0.01: rank ceil(1.0007) = 2.  */
  ok (cc_hist_percentile (&all, 99.9) == vals[9996], "hist: p99.9");
  ok (cc_hist_percentile (&all, 0.01) == vals[1], "hist: p0.01");
  fails = 0;
  for (int t = 0; t < 2000; t++)
    {
      uint64_t x = t < 1000 ? vals[lcg () % N] + (lcg () % 3) - 1 : rand_dur ();
      uint64_t want = 0;
      while (want < N && vals[want] <= x)
        want++;
      if (cc_hist_count_le (&all, x) != want)
        fails++;
    }
  ok (fails == 0, "hist: count_le equals the sorted data");
  ok (all.max == vals[N - 1] && all.count == N, "hist: max and count of random data");

  cc_hist merged = { 0 };
  cc_hist_merge (&merged, &part[1]);  /* into an empty one */
  cc_hist_merge (&merged, &part[0]);
  cc_hist_merge (&merged, &part[2]);
  cc_hist empty = { 0 };
  cc_hist_merge (&merged, &empty);    /* an empty source changes nothing */
  ok (hist_equal (&merged, &all), "hist: merge equals adding all values");
  fails = 0;
  for (int p = 1; p <= 100; p++)
    if (cc_hist_percentile (&merged, p) != cc_hist_percentile (&all, p))
      fails++;
  ok (fails == 0, "hist: merged percentiles");

  /* Merging a histogram into itself doubles every count.  */
  cc_hist twice = { 0 };
  for (int i = 0; i < N; i++)
    {
      cc_hist_add (&twice, vals[i]);
      cc_hist_add (&twice, vals[i]);
    }
  cc_hist_merge (&all, &all);
  ok (hist_equal (&all, &twice), "hist: self-merge doubles");

  cc_hist_free (&twice);
  cc_hist_free (&merged);
  cc_hist_free (&all);
  for (int i = 0; i < 3; i++)
    cc_hist_free (&part[i]);
  free (vals);
}

int
main (void)
{
  cc_diag_init ("test_out");
  test_csv ();
  test_jsonl ();
  test_table ();
  test_markdown ();
  test_utf8 ();
  test_num ();
  test_hist ();
  return tap_done ();
}
