/* Unit tests of the core record parsers (cc_csv, cc_jsonl) and small helpers.
   Expected values are written out by hand from RFC 4180 / RFC 8259.  */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cc_csv.h"
#include "cc_diag.h"
#include "cc_rec.h"
#include "cc_src.h"
#include "cc_utf8.h"
#include "tap.h"

/* Parse the first record of S (NUL-terminated) with EOF true; the values
   joined as "a|b|<null>" into OUT.  Returns the status.  */
static int
csv1 (cc_csvp *p, const char *s, char *out, size_t outsz, cc_parse_out *po)
{
  int st = cc_csv_record (p, s, strlen (s), true, po);
  out[0] = '\0';
  if (st == CC_PARSE_OK)
    for (size_t i = 0; i < po->n; i++)
      {
        size_t k = strlen (out);
        if (po->vals[i].kind == CC_NULL)
          snprintf (out + k, outsz - k, "%s<null>", i ? "|" : "");
        else
          snprintf (out + k, outsz - k, "%s%.*s", i ? "|" : "", (int) po->vals[i].n,
                    po->vals[i].p);
      }
  return st;
}

/* Same for JSONL, as "k=v" pairs.  */
static int
json1 (cc_jsonp *p, const char *s, char *out, size_t outsz, cc_parse_out *po)
{
  int st = cc_jsonl_record (p, s, strlen (s), true, po);
  out[0] = '\0';
  if (st == CC_PARSE_OK)
    for (size_t i = 0; i < po->n; i++)
      {
        size_t k = strlen (out);
        const char *kind = po->vals[i].kind == CC_NULL ? "null"
                           : po->vals[i].kind == CC_NUM ? "num"
                           : po->vals[i].kind == CC_BOOL ? "bool" : "str";
        snprintf (out + k, outsz - k, "%s%.*s=%s:%.*s", i ? "|" : "", (int) po->keys[i].n,
                  po->keys[i].p, kind, (int) po->vals[i].n, po->vals[i].p);
      }
  return st;
}

/* Parse S record by record with the buffer growing one byte at a time (as if
   read in tiny blocks); returns the number of records and checks that the
   result equals parsing it whole.  */
static int
csv_incremental_agrees (cc_csvp *p, const char *s)
{
  size_t n = strlen (s), pos = 0, have = 0;
  int recs = 0;
  cc_parse_out po;
  while (pos < n)
    {
      if (have < n)
        have++;
      int st = cc_csv_record (p, s + pos, have - pos, have == n, &po);
      if (st == CC_PARSE_MORE)
        continue;
      if (st == CC_PARSE_BAD)
        return -1;
      if (po.used == 0)
        return -2;
      pos += po.used;
      if (have < pos)
        have = pos;
      if (st == CC_PARSE_OK)
        recs++;
    }
  return recs;
}

/* Sink and diagnostics of the converted sources (cc_src).  */
static const char *
refuse_odd (void *ctx, const cc_row *row)
{
  (void) ctx;
  return row->line % 2 ? "odd line" : NULL;
}

static void
test_src (void)
{
  cc_srcdiag d = { 0 };
  FILE *rej = tmpfile ();
  cc_srcdiag_add (&d, rej, "orphan", "q.log", 7, "1|a|q|NONE|CONNECT", 18, "no ENTERQUEUE for %s", "a");
  cc_srcdiag_add (&d, NULL, "incomplete", "q.log", 9, NULL, 0, "still open");
  cc_srcdiag_add (&d, NULL, "orphan", "q.log", 12, NULL, 0, "again");
  ok (d.nkinds == 2 && strcmp (d.kinds[0], "orphan") == 0 && d.counts[0] == 2 && d.counts[1] == 1,
      "srcdiag: kinds in the order first seen, counted");
  ok (cc_srcdiag_count (&d, "incomplete") == 1 && cc_srcdiag_count (&d, "duplicate") == 0,
      "srcdiag: count by kind");
  ok (d.nlist == 3 && d.list[2].line == 12 && strcmp (d.list[0].message, "no ENTERQUEUE for a") == 0,
      "srcdiag: entries listed in order with their message");
  char buf[256] = { 0 };
  rewind (rej);
  size_t n = fread (buf, 1, sizeof buf - 1, rej);
  ok (n > 0 && strcmp (buf, "# q.log:7: orphan: no ENTERQUEUE for a\n1|a|q|NONE|CONNECT\n") == 0,
      "srcdiag: reject entry is '# FILE:LINE: KIND: message' and the line");
  for (int i = 0; i < CC_SRCDIAG_LIST_MAX + 5; i++)
    cc_srcdiag_add (&d, NULL, "duplicate", "q.log", 20, NULL, 0, "dup");
  ok (d.nlist == CC_SRCDIAG_LIST_MAX && d.unlisted == 8
      && cc_srcdiag_count (&d, "duplicate") == CC_SRCDIAG_LIST_MAX + 5,
      "srcdiag: past the list limit entries are only counted");
  cc_srcdiag_free (&d);
  ok (d.nkinds == 0 && d.list == NULL, "srcdiag: freed and reset");
  fclose (rej);

  static const char *const names[] = { "id", "queue", "wait_s" };
  cc_slots sl = { names, 3 };
  cc_str cols[] = { { "queue", 5 }, { "extra", 5 }, { "id", 2 } };
  int32_t slot[3];
  cc_sink s = { 0 };
  s.slots = &sl;
  s.row = refuse_odd;
  cc_sink_resolve (&s, cols, 3, slot);
  ok (slot[0] == 2 && slot[1] == 0 && slot[2] == -1, "sink: slots resolved by name, -1 when absent");
  s.reject = tmpfile ();
  cc_val vals[3] = { { "q", 1, CC_STR }, { "x", 1, CC_STR }, { "7", 1, CC_STR } };
  cc_row row = { cols, vals, 3, slot, "f.log", 3, "raw three", 9 };
  ok (cc_sink_put (&s, &row) == 0 && s.rows == 1 && s.rejected == 1, "sink: refused record rejected");
  row.line = 4;
  ok (cc_sink_put (&s, &row) == 0 && s.rows == 2 && s.rejected == 1, "sink: accepted record counted");
  memset (buf, 0, sizeof buf);
  rewind (s.reject);
  n = fread (buf, 1, sizeof buf - 1, s.reject);
  ok (n > 0 && strcmp (buf, "# f.log:3: odd line\nraw three\n") == 0, "sink: reject format");
  fclose (s.reject);
}

/* cc_utf8_cut and the 40-byte quoting of values in messages, on text whose
   cut falls inside a character: the expected lengths are counted by hand
   (é is C3 A9, € E2 82 AC, 😀 F0 9F 98 80).  */
static void
test_utf8_cut (void)
{
  ok (cc_utf8_cut ("abc", 3, 5) == 3 && cc_utf8_cut ("abc", 3, 3) == 3,
      "utf8_cut: a string within the limit is whole");
  ok (cc_utf8_cut ("abcdef", 6, 4) == 4, "utf8_cut: ASCII is cut at the limit");
  ok (cc_utf8_cut ("a\xc3\xa9", 3, 2) == 1, "utf8_cut: inside a 2-byte character, before it");
  ok (cc_utf8_cut ("a\xe2\x82\xac", 4, 2) == 1 && cc_utf8_cut ("a\xe2\x82\xac", 4, 3) == 1,
      "utf8_cut: inside a 3-byte character, before it");
  ok (cc_utf8_cut ("ab\xf0\x9f\x98\x80z", 7, 5) == 2, "utf8_cut: inside a 4-byte character");
  ok (cc_utf8_cut ("a\xc3\xa9z", 4, 3) == 3, "utf8_cut: a cut after a whole character keeps it");
  char v[48];
  memset (v, 'q', 39);
  memcpy (v + 39, "\xc3\xa9xyz", 5);
  cc_val val = { v, 44, CC_STR };
  ok (cc_val_quote_len (&val) == 39, "quote_len: 39 ASCII bytes then é across byte 40: 39 bytes");
  val.n = 39;
  ok (cc_val_quote_len (&val) == 39, "quote_len: a value under 40 bytes is whole");
}

int
main (void)
{
  cc_diag_init ("test_core");
  test_utf8_cut ();
  char out[512];
  cc_parse_out po;
  cc_csvp *c = cc_csvp_new (64);

  /* Fast path.  */
  ok (csv1 (c, "a,b,c\n", out, sizeof out, &po) == CC_PARSE_OK && strcmp (out, "a|b|c") == 0
        && po.used == 6 && po.lines == 1 && po.rawlen == 5,
      "csv: plain line");
  ok (csv1 (c, "a,,c\r\n", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "a|<null>|c") == 0 && po.used == 6 && po.rawlen == 4,
      "csv: CRLF and an empty field is null");
  ok (csv1 (c, "a,b", out, sizeof out, &po) == CC_PARSE_OK && strcmp (out, "a|b") == 0
        && po.used == 3 && po.lines == 0,
      "csv: last line without a line end");
  ok (cc_csv_record (c, "a,b", 3, false, &po) == CC_PARSE_MORE, "csv: needs more without eof");
  ok (csv1 (c, "\n", out, sizeof out, &po) == CC_PARSE_BLANK && po.used == 1, "csv: blank line");
  ok (csv1 (c, "  a , b \n", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "  a | b ") == 0,
      "csv: spaces are kept (no trimming)");
  ok (csv1 (c, "0123456789abcdef0123456789,x,yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy,\n", out,
            sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "0123456789abcdef0123456789|x|yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy|<null>")
             == 0,
      "csv: long line crossing 16-byte blocks, trailing empty field");

  /* Quoted path.  */
  ok (csv1 (c, "\"a,b\",\"say \"\"hi\"\"\",\"\"\n", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "a,b|say \"hi\"|") == 0 && po.vals[2].kind == CC_STR,
      "csv: quoted comma, doubled quotes, quoted empty is an empty string");
  ok (csv1 (c, "x,\"line1\nline2\",y\nnext\n", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "x|line1\nline2|y") == 0 && po.lines == 2 && po.used == 18,
      "csv: quoted newline spans two lines");
  ok (cc_csv_record (c, "x,\"open\n", 8, false, &po) == CC_PARSE_MORE,
      "csv: open quote at buffer end needs more");

  /* Irregular records go to libcsv, whose verdict stands.  */
  ok (csv1 (c, "1,a\"b,x\n2,y\n", out, sizeof out, &po) == CC_PARSE_BAD && po.used == 8
        && po.col == 4 && strstr (po.err, "bad quoting"),
      "csv: quote inside an unquoted field: error at column 4, skips one line (%s col %llu)",
      po.err ? po.err : "", (unsigned long long) po.col);
  ok (csv1 (c, "\"a\"b,c\n", out, sizeof out, &po) == CC_PARSE_BAD && po.col == 4,
      "csv: text after a closing quote (col %llu)", (unsigned long long) po.col);
  ok (csv1 (c, "a,\"never closed\nmore\n", out, sizeof out, &po) == CC_PARSE_BAD
        && strcmp (po.err, "unterminated quoted field") == 0 && po.used == 16,
      "csv: unterminated quote at eof skips only the first line (used %zu)", po.used);
  ok (csv1 (c, "a,b\rc\n", out, sizeof out, &po) == CC_PARSE_BAD && strstr (po.err, "carriage"),
      "csv: bare CR refused");
  ok (csv1 (c, "a,\xff,c\n", out, sizeof out, &po) == CC_PARSE_BAD
        && strcmp (po.err, "invalid UTF-8") == 0 && po.col == 3,
      "csv: invalid UTF-8 with its column");
  ok (csv1 (c, "\"a\",\"\xc3\x28\"\n", out, sizeof out, &po) == CC_PARSE_BAD
        && strstr (po.err, "invalid UTF-8 in field 2"),
      "csv: invalid UTF-8 in a quoted field");
  ok (cc_csv_record (c, "a,\0,c\n", 6, true, &po) == CC_PARSE_BAD
        && strcmp (po.err, "NUL byte") == 0,
      "csv: NUL byte refused");
  ok (csv1 (c, "M\xc3\xbcller,x\n", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "M\xc3\xbcller|x") == 0,
      "csv: UTF-8 accepted");
  {
    char big[200];
    memset (big, 'z', 100);
    strcpy (big + 100, ",a\n");
    ok (csv1 (c, big, out, sizeof out, &po) == CC_PARSE_BAD && strstr (po.err, "longer than 64"),
        "csv: field over the limit (%s)", po.err ? po.err : "");
  }

  /* Incremental parsing agrees with whole parsing.  */
  ok (csv_incremental_agrees (c, "a,b\n\"x\ny\",\"\"\"\"\r\n\n1,2\n3,\"4\"") == 4,
      "csv: byte-by-byte reading gives the same records");
  cc_csvp_free (c);

  cc_jsonp *j = cc_jsonp_new (64);
  ok (json1 (j, "{\"a\":\"x\",\"b\":12.5e3,\"c\":true,\"d\":null,\"e\":\"\"}\n", out, sizeof out,
             &po) == CC_PARSE_OK
        && strcmp (out, "a=str:x|b=num:12.5e3|c=bool:true|d=null:|e=str:") == 0,
      "jsonl: every scalar kind (%s)", out);
  ok (json1 (j, "{\"k\":\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\\n\"}", out, sizeof out, &po)
          == CC_PARSE_OK
        && strcmp (out, "k=str:a\"b\\c\xc3\xa9\xf0\x9f\x98\x80\n") == 0,
      "jsonl: escapes and a surrogate pair decode to UTF-8");
  ok (json1 (j, "{\"id\":12345678901234567890}", out, sizeof out, &po) == CC_PARSE_OK
        && strcmp (out, "id=num:12345678901234567890") == 0,
      "jsonl: big integers keep their text");
  ok (json1 (j, "  \r", out, sizeof out, &po) == CC_PARSE_BLANK, "jsonl: blank line");
  ok (json1 (j, "{}", out, sizeof out, &po) == CC_PARSE_OK && po.n == 0, "jsonl: empty object");
  ok (json1 (j, "{\"a\":{\"b\":1}}", out, sizeof out, &po) == CC_PARSE_BAD
        && strstr (po.err, "nested object") && po.col == 6,
      "jsonl: nested object refused at column 6");
  ok (json1 (j, "[1,2]", out, sizeof out, &po) == CC_PARSE_BAD
        && strstr (po.err, "must be a JSON object"),
      "jsonl: top-level array refused");
  ok (json1 (j, "{\"a\":1,}", out, sizeof out, &po) == CC_PARSE_BAD
        && strncmp (po.err, "invalid JSON: ", 14) == 0,
      "jsonl: trailing comma reported with jansson's words (%s)", po.err ? po.err : "");
  ok (json1 (j, "{\"a\":\"\xff\"}", out, sizeof out, &po) == CC_PARSE_BAD
        && strncmp (po.err, "invalid JSON: ", 14) == 0,
      "jsonl: invalid UTF-8 refused");
  ok (json1 (j, "{\"a\":\"\\u0000\"}", out, sizeof out, &po) == CC_PARSE_BAD
        && strstr (po.err, "NUL"),
      "jsonl: \\u0000 refused");
  ok (json1 (j, "{\"a\":1,\"b\":2,\"a\":3}", out, sizeof out, &po) == CC_PARSE_BAD
        && strcmp (po.err, "duplicate key \"a\"") == 0,
      "jsonl: duplicate key refused");
  ok (json1 (j, "{\"a\":01}", out, sizeof out, &po) == CC_PARSE_BAD, "jsonl: leading zero refused");
  ok (json1 (j, "{\"a\":\"tab\there\"}", out, sizeof out, &po) == CC_PARSE_BAD,
      "jsonl: raw control character refused");
  ok (cc_jsonl_record (j, "{\"a\":1}", 7, false, &po) == CC_PARSE_MORE,
      "jsonl: a line without its end needs more");
  cc_jsonp_free (j);

  cc_format f;
  ok (cc_format_parse ("ndjson", &f) == 0 && f == CC_FMT_JSONL && cc_format_parse ("xml", &f) == -1,
      "formats: names");
  const char *names[] = { "queue", "agent" };
  cc_slots sl = { names, 2 };
  ok (cc_slots_find (&sl, "agent", 5) == 1 && cc_slots_find (&sl, "agen", 4) == -1,
      "slots: find by name");
  cc_val v = { "InBound", 7, CC_STR };
  ok (cc_val_eq_ci (&v, "inbound") && !cc_val_eq (&v, "inbound"), "values: case-insensitive compare");
  test_src ();
  return tap_done ();
}
