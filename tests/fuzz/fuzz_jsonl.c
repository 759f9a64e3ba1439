/* fuzz_jsonl: libFuzzer harness for the JSON Lines record parser
   (cc_jsonl_record).

   The input is a byte stream of JSON Lines records.  As in fuzz_csv, it is
   parsed whole with EOF true, in growing windows (each copied to a buffer of
   exactly its size, so a read past AVAIL is caught), each record alone, and
   each good record with an extra "\n" and EOF false, with two field limits;
   answers must satisfy the contract of cc_csv.h and agree with each other.
   Good records must also read the same through jansson (same keys, kinds and
   string values), and a line jansson reads as a flat object with distinct
   keys must not be refused.  Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_csv.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_jsonl"
#include "fuzz_common.h"

static bool
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* True when S[0..N) is a JSON number (RFC 8259).  */
static bool
is_number (const char *s, size_t n)
{
  size_t i = 0;
  if (i < n && s[i] == '-')
    i++;
  if (i < n && s[i] == '0')
    i++;
  else if (i < n && s[i] >= '1' && s[i] <= '9')
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
  else
    return false;
  if (i < n && s[i] == '.')
    {
      if (!(++i < n && s[i] >= '0' && s[i] <= '9'))
        return false;
      while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    }
  if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
      if (!(i < n && s[i] >= '0' && s[i] <= '9'))
        return false;
      while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    }
  return i == n;
}

/* One parse answer, copied out of the parser: keys and values as
   (kind, length, bytes) entries, keys with kind 0xFF.  */
typedef struct rec
{
  int st;
  size_t used, rawlen, n;
  uint32_t lines, errline;
  uint64_t col;
  char err[256];
  uint8_t *kinds; /* 2n: key, value, key, value... */
  size_t *lens;   /* 2n */
  char *bytes;
  size_t nbytes;
} rec;

static void
rec_free (rec *r)
{
  free (r->kinds);
  free (r->lens);
  free (r->bytes);
  memset (r, 0, sizeof *r);
}

/* A pointer handed out must lie inside the record or outside the buffer
   (parser scratch, checked by ASan when read).  */
static void
check_span (const char *p, size_t n, const char *buf, size_t avail, size_t rawlen)
{
  if (n == 0)
    return;
  CHECK (p);
  if (p >= buf && p < buf + avail)
    CHECK (p + n <= buf + rawlen);
  CHECK (cc_utf8_check (p, n) == n);
}

static void
check_out (int st, const cc_parse_out *o, const char *buf, size_t avail, bool eof,
           size_t max_field)
{
  CHECK (st == CC_PARSE_OK || st == CC_PARSE_BLANK || st == CC_PARSE_BAD
         || st == CC_PARSE_MORE);
  if (st == CC_PARSE_MORE)
    {
      CHECK (!eof);
      return;
    }
  CHECK (o->used >= 1);
  CHECK (o->used <= avail);
  if (o->used < avail || !eof)
    CHECK (buf[o->used - 1] == '\n');
  CHECK (o->lines == count_nl (buf, o->used));
  CHECK (o->lines <= 1);
  CHECK (o->rawlen <= o->used && o->rawlen + 2 >= o->used);
  for (size_t i = o->rawlen; i < o->used; i++)
    CHECK (buf[i] == '\r' || buf[i] == '\n');
  if (st == CC_PARSE_BLANK)
    {
      CHECK (o->n == 0);
      for (size_t i = 0; i < o->rawlen; i++)
        CHECK (is_ws (buf[i]));
      return;
    }
  if (st == CC_PARSE_BAD)
    {
      CHECK (o->err && o->err[0]);
      CHECK (strlen (o->err) < 256);
      CHECK (o->errline == 0);
      return;
    }
  /* CC_PARSE_OK: n may be 0 for "{}".  */
  CHECK (o->vals && o->keys);
  for (size_t i = 0; i < o->n; i++)
    {
      const cc_val *v = &o->vals[i];
      const cc_str *k = &o->keys[i];
      check_span (k->p, k->n, buf, avail, o->rawlen);
      for (size_t j = 0; j < i; j++)
        CHECK (!(o->keys[j].n == k->n && memcmp (o->keys[j].p, k->p, k->n) == 0));
      CHECK (v->n <= max_field);
      switch (v->kind)
        {
        case CC_NULL:
          CHECK (v->n == 0);
          break;
        case CC_BOOL:
          CHECK ((v->n == 4 && memcmp (v->p, "true", 4) == 0)
                 || (v->n == 5 && memcmp (v->p, "false", 5) == 0));
          break;
        case CC_NUM:
          CHECK (v->p >= buf && v->p + v->n <= buf + o->rawlen);
          CHECK (is_number (v->p, v->n));
          break;
        case CC_STR:
          break;
        default:
          CHECK (!"bad kind");
        }
      check_span (v->p, v->n, buf, avail, o->rawlen);
    }
}

static void
put (rec *r, size_t *cap, size_t i, uint8_t kind, const char *p, size_t n)
{
  r->kinds[i] = kind;
  r->lens[i] = n;
  if (r->nbytes + n > *cap)
    {
      *cap = 2 * (r->nbytes + n) + 16;
      r->bytes = xrealloc (r->bytes, *cap);
    }
  if (n)
    memcpy (r->bytes + r->nbytes, p, n);
  r->nbytes += n;
}

static void
snap (rec *r, int st, const cc_parse_out *o)
{
  memset (r, 0, sizeof *r);
  r->st = st;
  r->used = o->used;
  r->rawlen = o->rawlen;
  r->lines = o->lines;
  if (st == CC_PARSE_BAD)
    {
      r->errline = o->errline;
      r->col = o->col;
      snprintf (r->err, sizeof r->err, "%s", o->err);
    }
  if (st != CC_PARSE_OK)
    return;
  r->n = o->n;
  r->kinds = xmalloc (2 * o->n);
  r->lens = xmalloc (2 * o->n * sizeof *r->lens);
  size_t cap = 0;
  for (size_t i = 0; i < o->n; i++)
    {
      put (r, &cap, 2 * i, 0xFF, o->keys[i].p, o->keys[i].n);
      put (r, &cap, 2 * i + 1, o->vals[i].kind, o->vals[i].p, o->vals[i].n);
    }
}

static bool
same_fields (const rec *a, const rec *b)
{
  return a->n == b->n && a->nbytes == b->nbytes
         && (a->n == 0
             || (memcmp (a->kinds, b->kinds, 2 * a->n) == 0
                 && memcmp (a->lens, b->lens, 2 * a->n * sizeof *a->lens) == 0))
         && (a->nbytes == 0 || memcmp (a->bytes, b->bytes, a->nbytes) == 0);
}

static void
dump (const char *what, const rec *r)
{
  fprintf (stderr, "  %s: status %d used %zu lines %u rawlen %zu n %zu", what, r->st, r->used,
           (unsigned) r->lines, r->rawlen, r->n);
  if (r->st == CC_PARSE_BAD)
    fprintf (stderr, " col %llu err \"%s\"", (unsigned long long) r->col, r->err);
  fputc ('\n', stderr);
}

/* Two answers for one record; FULL compares the reason and position too.  */
static void
check_same (const rec *a, const rec *b, bool full, const char *how)
{
  bool same = a->st == b->st && a->used == b->used && a->lines == b->lines
              && a->rawlen == b->rawlen && (a->st != CC_PARSE_OK || same_fields (a, b))
              && (a->st != CC_PARSE_BAD || !full
                  || (a->col == b->col && a->errline == b->errline
                      && strcmp (a->err, b->err) == 0));
  if (!same)
    {
      fprintf (stderr, "fuzz_jsonl: two parses of one record differ:\n");
      dump ("whole input", a);
      dump (how, b);
    }
  CHECK (same);
}

/* Compare with jansson's reading of the line REC[0..RAWLEN).  */
static void
check_jansson (const char *line, size_t rawlen, const rec *r, size_t max_field)
{
  json_error_t je;
  json_t *j = json_loadb (line, rawlen, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
  if (r->st == CC_PARSE_OK)
    {
      if (!j)
        {
          /* Only a number jansson cannot hold may make it fail.  */
          bool hasnum = false;
          for (size_t i = 0; i < r->n; i++)
            hasnum |= r->kinds[2 * i + 1] == CC_NUM;
          if (!(hasnum && (strstr (je.text, "too big") || strstr (je.text, "overflow"))))
            fprintf (stderr, "fuzz_jsonl: accepted, but jansson says: %s\n", je.text);
          CHECK (hasnum && (strstr (je.text, "too big") || strstr (je.text, "overflow")));
          return;
        }
      CHECK (json_is_object (j));
      CHECK (json_object_size (j) == r->n);
      const char *b = r->bytes ? r->bytes : ""; /* not NULL for json_object_getn */
      for (size_t i = 0; i < r->n; i++)
        {
          size_t kn = r->lens[2 * i], vn = r->lens[2 * i + 1];
          uint8_t kind = r->kinds[2 * i + 1];
          json_t *v = json_object_getn (j, b, kn);
          CHECK (v);
          b += kn;
          switch (kind)
            {
            case CC_NULL: CHECK (json_is_null (v)); break;
            case CC_BOOL:
              CHECK (vn == 4 ? json_is_true (v) : json_is_false (v));
              break;
            case CC_NUM: CHECK (json_is_number (v)); break;
            case CC_STR:
              CHECK (json_is_string (v));
              CHECK (json_string_length (v) == vn);
              CHECK (vn == 0 || memcmp (json_string_value (v), b, vn) == 0);
              break;
            }
          b += vn;
        }
      json_decref (j);
      return;
    }
  /* jansson skips a NUL byte between tokens; we refuse it anywhere.  */
  if (r->st != CC_PARSE_BAD || !j || memchr (line, 0, rawlen))
    {
      json_decref (j);
      return;
    }
  /* Refused, but jansson read it: it must not be a flat object within the
     limit (numbers are checked against the limit by their text, which
     jansson does not keep, so any number lets it pass).  */
  bool flat = json_is_object (j);
  const char *k;
  json_t *v;
  if (flat)
    json_object_foreach (j, k, v)
      {
        if (json_is_object (v) || json_is_array (v) || json_is_number (v)
            || (json_is_string (v) && json_string_length (v) > max_field))
          flat = false;
        else if (json_is_string (v) && memchr (json_string_value (v), 0, json_string_length (v)))
          flat = false;
      }
  if (flat)
    fprintf (stderr, "fuzz_jsonl: refused (%s), but jansson reads a flat object\n", r->err);
  CHECK (!flat);
  json_decref (j);
}

static void
run (const char *data, size_t size, size_t max_field, uint64_t seed)
{
  cc_jsonp *p = cc_jsonp_new (max_field);
  cc_parse_out o;

  /* 1. Whole, with EOF.  */
  size_t nrec = 0, caprec = 16;
  rec *whole = xmalloc (caprec * sizeof *whole);
  size_t *offs = xmalloc (caprec * sizeof *offs);
  for (size_t off = 0; off < size;)
    {
      memset (&o, 0xA5, sizeof o);
      int st = cc_jsonl_record (p, data + off, size - off, true, &o);
      check_out (st, &o, data + off, size - off, true, max_field);
      if (nrec == caprec)
        {
          caprec *= 2;
          whole = xrealloc (whole, caprec * sizeof *whole);
          offs = xrealloc (offs, caprec * sizeof *offs);
        }
      offs[nrec] = off;
      snap (&whole[nrec++], st, &o);
      off += o.used;
    }

  /* 2. Growing windows, as cc_scan reads.  */
  {
    uint64_t s = seed;
    size_t ri = 0, off = 0, avail = 0;
    bool at_end = false;
    while (off < size)
      {
        if (avail == 0)
          {
            uint64_t r = mix (&s);
            size_t step = (r & 3) == 0 ? 1 + (r >> 8) % 4 : 1 + (r >> 8) % 97;
            avail = step < size - off ? step : size - off;
          }
        bool eof = off + avail == size;
        if (eof && !at_end && (mix (&s) & 1))
          eof = false;
        char *w = dup_exact (data + off, avail);
        memset (&o, 0xA5, sizeof o);
        int st = cc_jsonl_record (p, w, avail, eof, &o);
        check_out (st, &o, w, avail, eof, max_field);
        if (st == CC_PARSE_MORE)
          {
            free (w);
            at_end = off + avail == size;
            uint64_t r = mix (&s);
            size_t grow = (r & 1) ? 1 : 1 + (r >> 8) % 200;
            avail = avail + grow < size - off ? avail + grow : size - off;
            continue;
          }
        CHECK (ri < nrec);
        rec got;
        snap (&got, st, &o);
        free (w);
        check_same (&whole[ri], &got, true, "growing window");
        rec_free (&got);
        ri++;
        off += o.used;
        avail -= o.used;
        at_end = false;
      }
    CHECK (ri == nrec);
  }

  /* 3. and 4. Each record alone (a line: it cannot depend on what follows),
     and good ones with an extra line end; then jansson's view.  */
  for (size_t i = 0; i < nrec; i++)
    {
      const rec *a = &whole[i];
      const char *rb = data + offs[i];
      char *w = dup_exact (rb, a->used);
      memset (&o, 0xA5, sizeof o);
      int st = cc_jsonl_record (p, w, a->used, true, &o);
      check_out (st, &o, w, a->used, true, max_field);
      rec got;
      snap (&got, st, &o);
      check_same (a, &got, true, "record alone");
      rec_free (&got);
      free (w);

      if (a->st == CC_PARSE_OK)
        {
          w = xmalloc (a->used + 1);
          memcpy (w, rb, a->used);
          w[a->used] = '\n';
          memset (&o, 0xA5, sizeof o);
          st = cc_jsonl_record (p, w, a->used + 1, false, &o);
          check_out (st, &o, w, a->used + 1, false, max_field);
          CHECK (st == CC_PARSE_OK);
          snap (&got, st, &o);
          CHECK (same_fields (a, &got));
          CHECK (got.rawlen == a->rawlen);
          rec_free (&got);
          free (w);
        }
      if (a->st == CC_PARSE_OK || a->st == CC_PARSE_BAD)
        {
          w = dup_exact (rb, a->rawlen);
          check_jansson (w, a->rawlen, a, max_field);
          free (w);
        }
    }

  for (size_t i = 0; i < nrec; i++)
    rec_free (&whole[i]);
  free (whole);
  free (offs);
  cc_jsonp_free (p);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  uint64_t seed = fnv (data, size);
  run ((const char *) data, size, 1u << 20, seed);
  run ((const char *) data, size, 16, seed ^ 1);
  return 0;
}
