/* fuzz_scan: libFuzzer harness for cc_scan.

   The input is written to an in-memory file (a regular file, so cc_scan takes
   the path it takes for files) and scanned as CSV, as JSON Lines and with
   the format detected, each with and without a reject stream, with 1 and 2
   threads.  cc_scan reads inputs under 4 MiB with one thread whatever is
   asked, so this mostly tests the sequential path; the parallel one is run by
   .ci/valgrind.sh on a large file.  The row function refuses some records
   (chosen from their bytes) and checks what it is handed.  Checks:
   - rows read = rows accepted + rows rejected, with a reject stream;
   - without one, the scan stops at the first bad record and accepts exactly
     the rows the run with a reject stream accepted before it;
   - 1 and 2 threads give the same result, rows and reject bytes;
   - line numbers increase, lines counted = line ends in the input;
   - with a reject stream, the rows read are the records the parser finds.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cc_csv.h"
#include "cc_scan.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_scan"
#include "fuzz_common.h"

/* cc_scan reports bad input on stderr; that goes to /dev/null (set
   FUZZ_VERBOSE to see it), our own messages go here.  */
static FILE *real_stderr;

static int fd = -1;         /* the in-memory input */
static char path[64];       /* its name for cc_scan */
static const uint8_t *in;   /* the input bytes */
static size_t insize;

static const char *const slot_names[] = { "queue", "arrived_at", "wait", "agent", "" };
static const cc_slots slots = { slot_names, sizeof slot_names / sizeof slot_names[0] };

static uint64_t
fnv_from (uint64_t h, const void *p, size_t n)
{
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * UINT64_C (0x100000001B3);
  return h;
}

#define FNV0 UINT64_C (0xCBF29CE484222325)

/* A fold context: the hashes of the rows accepted, in order.  */
typedef struct ctx
{
  uint64_t *h;
  size_t n, cap;
  uint64_t last_line;
} ctx;

typedef struct tool
{
  int header_calls;
} tool;

static void *
ctx_new (void *t)
{
  (void) t;
  ctx *c = calloc (1, sizeof *c);
  CHECK (c);
  return c;
}

static void
ctx_merge (void *t, void *dst, void *src)
{
  (void) t;
  ctx *d = dst, *s = src;
  for (size_t i = 0; i < s->n; i++)
    {
      if (d->n == d->cap)
        {
          d->cap = d->cap ? 2 * d->cap : 64;
          d->h = realloc (d->h, d->cap * sizeof *d->h);
          CHECK (d->h);
        }
      d->h[d->n++] = s->h[i];
    }
}

static void
ctx_free (void *t, void *p)
{
  (void) t;
  ctx *c = p;
  if (c)
    free (c->h);
  free (c);
}

static const char *
header (void *t, const cc_str *names, size_t n, const int32_t *slot)
{
  tool *tl = t;
  tl->header_calls++;
  CHECK (n >= 1);
  for (size_t i = 0; i < n; i++)
    {
      CHECK (names[i].n >= 1);
      CHECK (cc_utf8_check (names[i].p, names[i].n) == names[i].n);
    }
  for (size_t s = 0; s < slots.n; s++)
    {
      CHECK (slot[s] >= -1 && slot[s] < (int32_t) n);
      if (slot[s] >= 0)
        CHECK (names[slot[s]].n == strlen (slot_names[s])
               && memcmp (names[slot[s]].p, slot_names[s], names[slot[s]].n) == 0);
    }
  for (size_t i = 0; i < n; i++)
    if (names[i].n == 5 && memcmp (names[i].p, "FATAL", 5) == 0)
      return "fuzz: a FATAL column";
  return NULL;
}

static const char *
row (void *cp, const cc_row *r)
{
  ctx *c = cp;
  CHECK (r->names && r->slot && r->file);
  CHECK (r->n == 0 || r->vals);
  /* Line numbers are known to the sequential path only (0 otherwise).  */
  if (r->line)
    {
      CHECK (r->line > c->last_line);
      c->last_line = r->line;
    }
  CHECK (r->rawlen <= insize);
  uint64_t h = fnv_from (FNV0, r->raw, r->rawlen);
  for (size_t i = 0; i < r->n; i++)
    {
      const cc_val *v = &r->vals[i];
      CHECK (v->kind <= CC_BOOL);
      CHECK (v->kind != CC_NULL || v->n == 0);
      CHECK (v->n == 0 || v->p);
      CHECK (cc_utf8_check (v->p, v->n) == v->n);
      CHECK (cc_utf8_check (r->names[i].p, r->names[i].n) == r->names[i].n);
      h = fnv_from (h, &v->kind, 1);
      h = fnv_from (h, v->p, v->n);
      h = fnv_from (h, r->names[i].p, r->names[i].n);
    }
  for (size_t s = 0; s < slots.n; s++)
    {
      CHECK (r->slot[s] >= -1 && r->slot[s] < (int32_t) r->n);
      if (r->slot[s] >= 0)
        CHECK (r->names[r->slot[s]].n == strlen (slot_names[s])
               && memcmp (r->names[r->slot[s]].p, slot_names[s], r->names[r->slot[s]].n) == 0);
    }
  /* Refuse about one record in five, by its contents.  */
  if ((h >> 7) % 5 == 0)
    return "fuzz: refused by the row function";
  if (c->n == c->cap)
    {
      c->cap = c->cap ? 2 * c->cap : 64;
      c->h = realloc (c->h, c->cap * sizeof *c->h);
      CHECK (c->h);
    }
  c->h[c->n++] = h;
  return NULL;
}

/* One scan and what it gave.  */
typedef struct outcome
{
  int rc;
  cc_scan_result res;
  ctx *c;
  char *rej;   /* reject stream bytes */
  size_t nrej;
  int header_calls;
} outcome;

static void
scan (cc_format fmt, bool reject, int threads, size_t max_field, outcome *o)
{
  memset (o, 0, sizeof *o);
  tool tl = { 0 };
  FILE *rf = NULL;
  if (reject)
    {
      rf = open_memstream (&o->rej, &o->nrej);
      CHECK (rf);
    }
  cc_scan_opts opts;
  memset (&opts, 0, sizeof opts);
  opts.format = fmt;
  opts.slots = &slots;
  opts.max_field = max_field;
  opts.threads = threads;
  opts.reject = rf;
  opts.reject_name = "rejects";
  opts.tool = &tl;
  opts.ctx_new = ctx_new;
  opts.ctx_merge = ctx_merge;
  opts.ctx_free = ctx_free;
  opts.row = row;
  opts.header = header;
  opts.quiet = 1;
  void *c = NULL;
  o->rc = cc_scan (path, &opts, &c, &o->res);
  CHECK (c);
  o->c = c;
  o->header_calls = tl.header_calls;
  if (rf)
    CHECK (fclose (rf) == 0);
}

static void
outcome_free (outcome *o)
{
  ctx_free (NULL, o->c);
  free (o->rej);
}

static bool
same_rows (const ctx *a, const ctx *b, size_t n)
{
  return n == 0 || memcmp (a->h, b->h, n * sizeof *a->h) == 0;
}

static void
check_same (const outcome *a, const outcome *b)
{
  CHECK (a->rc == b->rc);
  CHECK (a->res.rows == b->res.rows);
  CHECK (a->res.rejected == b->res.rejected);
  CHECK (a->res.lines == b->res.lines);
  CHECK (a->res.format == b->res.format);
  CHECK (a->c->n == b->c->n && same_rows (a->c, b->c, a->c->n));
  CHECK (a->nrej == b->nrej && (a->nrej == 0 || memcmp (a->rej, b->rej, a->nrej) == 0));
}

/* Records the parser finds in the input (bad ones included, blank lines
   not), from byte START; for CSV the first is the header.  */
static uint64_t
count_records (cc_format fmt, size_t start, size_t max_field)
{
  cc_csvp *cp = fmt == CC_FMT_CSV ? cc_csvp_new (max_field) : NULL;
  cc_jsonp *jp = fmt == CC_FMT_JSONL ? cc_jsonp_new (max_field) : NULL;
  const char *b = (const char *) in;
  uint64_t n = 0;
  cc_parse_out o;
  for (size_t off = start; off < insize;)
    {
      int st = cp ? cc_csv_record (cp, b + off, insize - off, true, &o)
                  : cc_jsonl_record (jp, b + off, insize - off, true, &o);
      CHECK (st != CC_PARSE_MORE && o.used >= 1);
      n += st != CC_PARSE_BLANK;
      off += o.used;
    }
  cc_csvp_free (cp);
  cc_jsonp_free (jp);
  return n;
}

static void
run (cc_format fmt, size_t max_field)
{
  outcome strict1, strict2, rej1, rej2;
  scan (fmt, false, 1, max_field, &strict1);
  scan (fmt, false, 2, max_field, &strict2);
  scan (fmt, true, 1, max_field, &rej1);
  scan (fmt, true, 2, max_field, &rej2);
  check_same (&strict1, &strict2);
  check_same (&rej1, &rej2);

  uint64_t nl = 0;
  for (size_t i = 0; i < insize; i++)
    nl += in[i] == '\n';
  cc_format got = rej1.res.format;
  CHECK (got == CC_FMT_CSV || got == CC_FMT_JSONL);
  if (fmt != CC_FMT_AUTO)
    CHECK (got == fmt);
  CHECK (strict1.res.format == got);
  /* A header refused (CSV only) is the only way a scan with a reject
     stream fails; it fails the same way without one.  */
  bool header_failed = rej1.rc != 0;
  if (header_failed)
    {
      CHECK (got == CC_FMT_CSV);
      CHECK (rej1.res.rows == 0 && rej1.c->n == 0 && rej1.nrej == 0);
      CHECK (strict1.rc != 0 && strict1.res.rows == 0 && strict1.c->n == 0);
      goto out;
    }
  /* Every record is accepted or rejected, every line end counted.  */
  CHECK (rej1.res.rows == rej1.c->n + rej1.res.rejected);
  CHECK (rej1.res.lines == nl);
  CHECK ((rej1.res.rejected == 0) == (rej1.nrej == 0));
  if (rej1.nrej)
    CHECK (rej1.nrej > 2 && rej1.rej[0] == '#' && rej1.rej[rej1.nrej - 1] == '\n');
  /* The rows read are the records the parser finds.  */
  {
    size_t start = insize >= 3 && memcmp (in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    uint64_t recs = count_records (got, start, max_field ? max_field : 1u << 20);
    if (got == CC_FMT_CSV)
      CHECK (rej1.header_calls == (recs > 0) && rej1.res.rows + (recs > 0) == recs);
    else
      CHECK (rej1.res.rows == recs);
  }
  /* Without a reject stream: stop at the first bad record, having accepted
     the rows accepted before it.  */
  CHECK (strict1.res.rejected == 0 && strict1.nrej == 0);
  CHECK (strict1.c->n <= rej1.c->n && same_rows (strict1.c, rej1.c, strict1.c->n));
  if (strict1.rc == 0)
    {
      CHECK (rej1.res.rejected == 0);
      CHECK (strict1.res.rows == strict1.c->n);
      CHECK (strict1.c->n == rej1.c->n);
      CHECK (strict1.res.lines == nl);
    }
  else
    {
      CHECK (rej1.res.rejected > 0);
      CHECK (strict1.res.rows == strict1.c->n + 1);
    }
out:
  outcome_free (&strict1);
  outcome_free (&strict2);
  outcome_free (&rej1);
  outcome_free (&rej2);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  real_stderr = stderr;
  if (!getenv ("FUZZ_VERBOSE"))
    {
      FILE *null = fopen ("/dev/null", "w");
      if (null)
        stderr = null;
    }
  fd = memfd_create ("fuzz_scan", MFD_CLOEXEC);
  if (fd < 0)
    {
      /* No memfd: a temporary file.  */
      char tmpl[] = "/tmp/fuzz_scan.XXXXXX";
      fd = mkstemp (tmpl);
      if (fd >= 0)
        unlink (tmpl);
    }
  if (fd < 0)
    {
      fprintf (real_stderr, "fuzz_scan: cannot create the input file: %s\n", strerror (errno));
      abort ();
    }
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  in = data;
  insize = size;
  CHECK (ftruncate (fd, 0) == 0);
  for (size_t off = 0; off < size;)
    {
      ssize_t k = pwrite (fd, data + off, size - off, (off_t) off);
      CHECK (k > 0);
      off += (size_t) k;
    }
  size_t max_field = size && (data[0] & 1) ? 16 : 0;
  run (CC_FMT_CSV, max_field);
  run (CC_FMT_JSONL, max_field);
  run (CC_FMT_AUTO, max_field);
  return 0;
}
