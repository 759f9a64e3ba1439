/* fuzz_csv: libFuzzer harness for the CSV record parser (cc_csv_record).

   The input is a byte stream of CSV records.  It is parsed
   1. whole, with EOF true, record after record until consumed;
   2. as cc_scan would see it, in windows that grow at data-dependent points
      (the parser must answer CC_PARSE_MORE and be called again with more
      bytes), every window copied to a buffer of exactly its size so that a
      read past AVAIL is caught by ASan;
   3. record by record in isolation: the bytes of each record alone, with EOF
      (a bad record only has to stay bad: what is skipped of it may stop
      inside it);
   4. for each good record, its bytes plus an extra "\n", with EOF false;
   with two field limits (1 MiB and 16 bytes).  Every answer must satisfy the
   contract of cc_csv.h (used <= avail, whole line ends, line counts, values
   inside the record or parser scratch, valid UTF-8, within the limit), 2, 3
   and 4 must agree with 1, and a good record must read the same through
   libcsv in strict mode.  Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_csv.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_csv"
#include "fuzz_common.h"

/* One parse answer, copied out of the parser.  */
typedef struct rec
{
  int st;
  size_t used, rawlen, n;
  uint32_t lines, errline;
  uint64_t col;
  char err[256];
  uint8_t *kinds;  /* n kinds */
  size_t *lens;    /* n lengths */
  char *bytes;     /* the values, concatenated */
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

/* Check one answer against the contract, for BUF[0..AVAIL) and EOF.  */
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
  CHECK (o->used >= 1);                 /* progress */
  CHECK (o->used <= avail);
  /* A record ends at a line end, or at the end of the input.  */
  if (o->used < avail || !eof)
    CHECK (buf[o->used - 1] == '\n');
  CHECK (o->lines == count_nl (buf, o->used));
  CHECK (o->rawlen <= o->used && o->rawlen + 2 >= o->used);
  for (size_t i = o->rawlen; i < o->used; i++)
    CHECK (buf[i] == '\r' || buf[i] == '\n');
  if (o->rawlen < o->used && buf[o->rawlen] == '\r')
    CHECK (o->rawlen + 1 == o->used || buf[o->rawlen + 1] == '\n');
  if (st == CC_PARSE_BLANK)
    {
      CHECK (o->n == 0);
      CHECK (o->rawlen == 0);
      return;
    }
  if (st == CC_PARSE_BAD)
    {
      CHECK (o->err && o->err[0]);
      CHECK (strlen (o->err) < 256);
      /* The position may lie past USED: an unterminated quote is reported
         where the input ends, though only the record's first line is skipped.  */
      CHECK (o->errline <= o->lines);
      return;
    }
  /* CC_PARSE_OK */
  CHECK (o->n >= 1);
  CHECK (o->vals);
  CHECK (o->keys == NULL);
  CHECK (o->rawlen >= o->n - 1); /* n - 1 commas at least */
  for (size_t i = 0; i < o->n; i++)
    {
      const cc_val *v = &o->vals[i];
      CHECK (v->kind == CC_STR || v->kind == CC_NULL);
      if (v->kind == CC_NULL)
        CHECK (v->n == 0);
      CHECK (v->n <= max_field);
      if (v->n == 0)
        continue;
      CHECK (v->p);
      if (v->p >= buf && v->p < buf + avail)
        CHECK (v->p + v->n <= buf + o->rawlen); /* inside the record */
      /* Otherwise in parser scratch: reading it all lets ASan check that.  */
      CHECK (cc_utf8_check (v->p, v->n) == v->n);
    }
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
  r->kinds = xmalloc (o->n);
  r->lens = xmalloc (o->n * sizeof *r->lens);
  size_t tot = 0;
  for (size_t i = 0; i < o->n; i++)
    tot += o->vals[i].n;
  r->bytes = xmalloc (tot);
  for (size_t i = 0; i < o->n; i++)
    {
      r->kinds[i] = o->vals[i].kind;
      r->lens[i] = o->vals[i].n;
      if (o->vals[i].n)
        memcpy (r->bytes + r->nbytes, o->vals[i].p, o->vals[i].n);
      r->nbytes += o->vals[i].n;
    }
}

static bool
same_fields (const rec *a, const rec *b)
{
  return a->n == b->n && a->nbytes == b->nbytes
         && (a->n == 0
             || (memcmp (a->kinds, b->kinds, a->n) == 0
                 && memcmp (a->lens, b->lens, a->n * sizeof *a->lens) == 0))
         && (a->nbytes == 0 || memcmp (a->bytes, b->bytes, a->nbytes) == 0);
}

/* Two answers for the same record, FULL comparing the error position and
   reason too: cc_scan promises the same output whatever the read sizes and
   the number of threads.  Build with -DFUZZ_LAX_ERRORS to look past
   differences in the reason or position alone, and in how a field over the
   limit is judged when its end is not in view yet.  */
static void
dump (const char *what, const rec *r)
{
  fprintf (stderr, "  %s: status %d used %zu lines %u rawlen %zu n %zu", what, r->st, r->used,
           (unsigned) r->lines, r->rawlen, r->n);
  if (r->st == CC_PARSE_BAD)
    fprintf (stderr, " errline %u col %llu err \"%s\"", (unsigned) r->errline,
             (unsigned long long) r->col, r->err);
  fputc ('\n', stderr);
}

static void
check_same (const rec *a, const rec *b, bool full)
{
  const char *how = full ? "growing window" : "record alone";
#ifdef FUZZ_LAX_ERRORS
  full = false;
#endif
  bool same = a->st == b->st && a->used == b->used && a->lines == b->lines
              && a->rawlen == b->rawlen && (a->st != CC_PARSE_OK || same_fields (a, b))
              && (a->st != CC_PARSE_BAD || !full
                  || (a->col == b->col && a->errline == b->errline
                      && strcmp (a->err, b->err) == 0));
  if (!same)
    {
      fprintf (stderr, "fuzz_csv: two parses of one record differ:\n");
      dump ("whole input", a);
      dump (how, b);
    }
  CHECK (a->st == b->st);
  CHECK (a->used == b->used);
  CHECK (a->lines == b->lines);
  CHECK (a->rawlen == b->rawlen);
  if (a->st == CC_PARSE_OK)
    CHECK (same_fields (a, b));
  if (a->st == CC_PARSE_BAD && full)
    {
      CHECK (a->col == b->col);
      CHECK (a->errline == b->errline);
      CHECK (strcmp (a->err, b->err) == 0);
    }
}

/* libcsv (strict, empty unquoted field = NULL, spaces kept), as the judge of
   what a good record holds.  */
typedef struct lc
{
  rec r;      /* fields of the first record */
  int rows;   /* records ended */
  size_t cap; /* allocated in r.kinds / r.lens */
  size_t bcap;
} lc;

static void
lc_field (void *s, size_t len, void *data)
{
  lc *c = data;
  if (c->rows)
    {
      c->rows++; /* a field after the first record: counts as another */
      return;
    }
  if (c->r.n == c->cap)
    {
      c->cap = c->cap ? 2 * c->cap : 16;
      c->r.kinds = xrealloc (c->r.kinds, c->cap);
      c->r.lens = xrealloc (c->r.lens, c->cap * sizeof *c->r.lens);
    }
  if (c->r.nbytes + len > c->bcap)
    {
      c->bcap = 2 * (c->r.nbytes + len) + 16;
      c->r.bytes = xrealloc (c->r.bytes, c->bcap);
    }
  c->r.kinds[c->r.n] = s ? CC_STR : CC_NULL;
  c->r.lens[c->r.n] = s ? len : 0;
  if (s && len)
    memcpy (c->r.bytes + c->r.nbytes, s, len);
  c->r.nbytes += s ? len : 0;
  c->r.n++;
}

static void
lc_row (int ch, void *data)
{
  (void) ch;
  ((lc *) data)->rows++;
}

static int
lc_nospace (unsigned char c)
{
  (void) c;
  return 0;
}

/* A good record (bytes REC[0..N)) must be exactly one libcsv record with the
   same fields.  */
static void
check_libcsv (const char *recbytes, size_t n, const rec *good)
{
  struct csv_parser lp;
  CHECK (csv_init (&lp, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) == 0);
  csv_set_space_func (&lp, lc_nospace);
  lc c;
  memset (&c, 0, sizeof c);
  bool ok = csv_parse (&lp, recbytes, n, lc_field, lc_row, &c) == n
            && csv_fini (&lp, lc_field, lc_row, &c) == 0 && c.rows == 1
            && same_fields (&c.r, good);
  if (!ok)
    fprintf (stderr, "fuzz_csv: a good record (%zu fields, %zu bytes) is not one record "
             "with the same fields for libcsv (strict): error %d, %d records, %zu fields\n",
             good->n, n, csv_error (&lp), c.rows, c.r.n);
  csv_free (&lp);
  CHECK (ok);
  rec_free (&c.r);
}

/* All the checks, for one field limit.  */
static void
run (const char *data, size_t size, size_t max_field, uint64_t seed)
{
  cc_csvp *p = cc_csvp_new (max_field);
  cc_parse_out o;

  /* 1. Whole, with EOF.  */
  size_t nrec = 0, caprec = 16;
  rec *whole = xmalloc (caprec * sizeof *whole);
  size_t *offs = xmalloc (caprec * sizeof *offs);
  for (size_t off = 0; off < size;)
    {
      memset (&o, 0xA5, sizeof o);
      int st = cc_csv_record (p, data + off, size - off, true, &o);
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
#ifdef FUZZ_LAX_ERRORS
  if (max_field >= size) /* a field over the limit is judged by what is in view */
#endif
  {
    uint64_t s = seed;
    size_t ri = 0, off = 0, avail = 0;
    bool at_end = false; /* told MORE with all bytes: the next call has EOF */
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
          eof = false; /* the end not known yet: cc_scan reads once more */
        char *w = dup_exact (data + off, avail);
        memset (&o, 0xA5, sizeof o);
        int st = cc_csv_record (p, w, avail, eof, &o);
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
        check_same (&whole[ri], &got, true);
        rec_free (&got);
        ri++;
        off += o.used;
        avail -= o.used; /* what is left of the window, as in cc_scan */
        at_end = false;
      }
    CHECK (ri == nrec);
  }

  /* 3. and 4. Each record alone; good ones also with an extra line end.  */
  for (size_t i = 0; i < nrec; i++)
    {
      const rec *a = &whole[i];
      const char *rb = data + offs[i];
      char *w = dup_exact (rb, a->used);
      memset (&o, 0xA5, sizeof o);
      int st = cc_csv_record (p, w, a->used, true, &o);
      check_out (st, &o, w, a->used, true, max_field);
      rec got;
      snap (&got, st, &o);
      /* A bad record's USED may stop inside it (only its first line, or the
         line where the field began, is skipped), so alone it can read
         differently; it must still be bad.  */
      if (a->st == CC_PARSE_BAD)
        CHECK (got.st == CC_PARSE_BAD);
      else
        check_same (a, &got, false);
      rec_free (&got);
      free (w);
      if (a->st != CC_PARSE_OK)
        continue;

      w = xmalloc (a->used + 1);
      memcpy (w, rb, a->used);
      w[a->used] = '\n';
      memset (&o, 0xA5, sizeof o);
      st = cc_csv_record (p, w, a->used + 1, false, &o);
      check_out (st, &o, w, a->used + 1, false, max_field);
      CHECK (st == CC_PARSE_OK);
      snap (&got, st, &o);
      CHECK (same_fields (a, &got));
      CHECK (got.rawlen == a->rawlen);
      CHECK (got.used == a->used || (got.used == a->used + 1 && a->used == size - offs[i]));
      size_t used = got.used;
      rec_free (&got);

      /* libcsv agrees on what the record holds.  */
      check_libcsv (w, used, a);
      free (w);
    }

  for (size_t i = 0; i < nrec; i++)
    rec_free (&whole[i]);
  free (whole);
  free (offs);
  cc_csvp_free (p);
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
