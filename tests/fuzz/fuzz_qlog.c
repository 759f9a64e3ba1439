/* fuzz_qlog: libFuzzer harness for the Asterisk queue_log reader (cc_qlog).

   The input is the bytes of a queue_log: native lines, or (when it starts
   with a header line) a table export.  It is read
   1. as one input, with a reject stream (so no bad line stops the read), and
      line limits of 1 MiB and 64 bytes;
   2. split in two inputs at a data-dependent line end, through one reader:
      when both parts are native (each starts with "DIGITS|"), the records
      (id, outcome, times, wait, handle, agent ...) and the diagnostic counts
      must be those of 1, since visits carry over from one input to the next;
   3. with a table header put in front, as a table export (anything goes, but
      the contract must hold).
   Every record handed to the sink must satisfy the contract: the columns of
   cc_qlog_columns, valid UTF-8 values, parseable times (answered_at for an
   answered outcome and only then), non-negative wait_s and handle_s, a known
   outcome; every row is counted as delivered or rejected; the agent figures
   are sorted, non-negative and add up.  Any failure aborts.

   Build and run with tests/fuzz/run.sh (FUZZ_BUILD=_fuzz-qlog tests/fuzz/run.sh
   60 fuzz_qlog).  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_num.h"
#include "cc_qlog.h"
#include "cc_time.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_qlog"
#include "fuzz_common.h"

/* The fields the harness's sink asks for.  */
static const char *const slot_names[]
    = { "id",       "outcome", "arrived_at", "answered_at", "ended_at", "wait_s",
        "handle_s", "queue",   "agent",      "transfer",    "nonesuch" };
enum
{
  S_ID,
  S_OUTCOME,
  S_ARR,
  S_ANS,
  S_END,
  S_WAIT,
  S_HANDLE,
  S_QUEUE,
  S_AGENT,
  S_XFER,
  S_NONE,
  S_N
};

/* What the sink saw: a digest of the records in order.  */
typedef struct seen
{
  uint64_t rows;   /* records */
  uint64_t digest; /* hash of their fields (not file or line) */
} seen;

static const char *
row_fn (void *ctx, const cc_row *row)
{
  seen *s = ctx;
  size_t ncols = 0;
  while (cc_qlog_columns[ncols])
    ncols++;
  CHECK (row->n == ncols);
  for (size_t i = 0; i < row->n; i++)
    {
      CHECK (row->names[i].n == strlen (cc_qlog_columns[i]));
      CHECK (memcmp (row->names[i].p, cc_qlog_columns[i], row->names[i].n) == 0);
      const cc_val *v = &row->vals[i];
      CHECK (v->kind == CC_NULL || v->kind == CC_STR || v->kind == CC_NUM);
      if (v->kind == CC_NULL)
        CHECK (v->n == 0);
      CHECK (cc_utf8_check (v->p, v->n) == v->n);
    }
  CHECK (row->slot[S_NONE] == -1);
  for (int k = 0; k < S_NONE; k++)
    CHECK (row->slot[k] >= 0);
  CHECK (row->file && row->line >= 1);
  CHECK (row->raw && row->rawlen > 0);
  CHECK (cc_utf8_check (row->raw, row->rawlen) == row->rawlen);

  const cc_val *oc = cc_row_get (row, S_OUTCOME);
  static const char *const outcomes[]
      = { "answered", "transferred", "abandoned", "timeout", "exit_empty",
          "exit_key", "withdrawn",   "dumped",    "failed" };
  bool known = false, answered = false;
  for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
    if (cc_val_eq (oc, outcomes[i]))
      known = true, answered = i < 2;
  CHECK (known);
  cc_usec arr, ans, end;
  int64_t wait, handle;
  const cc_val *v = cc_row_get (row, S_ARR);
  CHECK (v->kind != CC_NULL && cc_time_parse (v->p, v->n, &arr) == 0);
  v = cc_row_get (row, S_END);
  CHECK (v->kind != CC_NULL && cc_time_parse (v->p, v->n, &end) == 0);
  v = cc_row_get (row, S_ANS);
  CHECK ((v->kind != CC_NULL) == answered);
  if (answered)
    CHECK (cc_time_parse (v->p, v->n, &ans) == 0);
  v = cc_row_get (row, S_WAIT);
  CHECK (v->kind == CC_NUM && cc_num_parse_seconds (v->p, v->n, &wait) == 0);
  v = cc_row_get (row, S_HANDLE);
  CHECK ((v->kind != CC_NULL) == answered);
  if (answered)
    CHECK (cc_num_parse_seconds (v->p, v->n, &handle) == 0);
  const cc_val *x = cc_row_get (row, S_XFER);
  if (x->kind != CC_NULL)
    CHECK (answered && cc_val_eq (oc, "transferred"));

  /* The digest: every value but those naming the input.  */
  uint64_t h = s->digest;
  for (size_t i = 0; i < row->n; i++)
    {
      h = (h ^ fnv (row->vals[i].p, row->vals[i].n)) * UINT64_C (0x100000001B3);
      h ^= row->vals[i].kind;
    }
  s->digest = h;
  s->rows++;
  return NULL;
}

/* Write BUF[0..N) to a fresh temporary file; returns its name (static).  */
static const char *
put_file (const char *buf, size_t n, int which)
{
  static char names[2][64];
  if (!names[which][0])
    {
      snprintf (names[which], sizeof names[which], "/tmp/fuzz_qlog.%ld.%d", (long)getpid (), which);
    }
  FILE *f = fopen (names[which], "wb");
  CHECK (f);
  CHECK (n == 0 || fwrite (buf, 1, n, f) == n);
  CHECK (fclose (f) == 0);
  return names[which];
}

/* The result of one read.  */
typedef struct result
{
  seen s;
  uint64_t delivered, rejected;
  uint64_t kinds[32]; /* diagnostic counts, by kind name hash bucket */
  uint64_t ndiag;
} result;

/* Check the agent figures of one run.  */
static void
check_agents (const cc_qlog_agents *a)
{
  for (size_t i = 0; i < a->n; i++)
    {
      const cc_qlog_agent *g = &a->a[i];
      CHECK (g->name && cc_utf8_check (g->name, strlen (g->name)) == strlen (g->name));
      if (i)
        CHECK (strcmp (a->a[i - 1].name, g->name) < 0);
      CHECK (g->login_us >= 0 && g->pause_us >= 0);
      CHECK (g->login_known || !g->login_inferred);
      CHECK (g->login_known || g->login_us == 0);
      int64_t us = 0;
      uint64_t p = 0;
      for (size_t k = 0; k < g->nreasons; k++)
        {
          CHECK (g->reasons[k].us >= 0);
          if (k)
            CHECK (strcmp (g->reasons[k - 1].reason, g->reasons[k].reason) < 0);
          us += g->reasons[k].us;
          p += g->reasons[k].pauses;
        }
      CHECK (us == g->pause_us && p == g->pauses);
    }
}

/* Read the NPARTS files through one reader with line limit MAX_LINE.
   Returns false when a read failed, which only a bad table header may do
   with a reject stream (the input then stops).  */
static bool
run (const char *const *paths, int nparts, size_t max_line, result *res)
{
  memset (res, 0, sizeof *res);
  cc_slots slots = { slot_names, S_N };
  FILE *rej = fopen ("/dev/null", "w");
  CHECK (rej);
  cc_sink sink = { 0 };
  sink.slots = &slots;
  sink.row = row_fn;
  sink.ctx = &res->s;
  sink.reject = rej;
  sink.reject_name = "/dev/null";
  cc_srcdiag diag = { 0 };
  cc_qlog_opts o = { 0 };
  o.max_line = max_line;
  o.quiet = 1;
  cc_qlog *q = cc_qlog_new (&o);
  for (int i = 0; i < nparts; i++)
    if (cc_qlog_read (q, paths[i], &sink, &diag) != 0)
      {
        cc_qlog_free (q);
        cc_srcdiag_free (&diag);
        CHECK (fclose (rej) == 0);
        return false;
      }
  cc_qlog_agents ag = { 0 };
  CHECK (cc_qlog_finish (q, &sink, &diag, &ag) == 0);
  check_agents (&ag);
  cc_qlog_agents_free (&ag);
  cc_qlog_free (q);
  CHECK (fclose (rej) == 0);
  /* Every row went to the fold or to the reject stream.  */
  CHECK (sink.rows == res->s.rows + sink.rejected);
  res->delivered = sink.rows;
  res->rejected = sink.rejected;
  uint64_t total = 0;
  for (size_t k = 0; k < diag.nkinds; k++)
    {
      res->kinds[fnv (diag.kinds[k], strlen (diag.kinds[k])) % 32] += diag.counts[k];
      total += diag.counts[k];
      CHECK (diag.counts[k] > 0);
    }
  CHECK (diag.nlist + diag.unlisted == total);
  res->ndiag = total;
  cc_srcdiag_free (&diag);
  return true;
}

/* True when B[0..N) starts with DIGITS then '|'.  */
static bool
native_start (const char *b, size_t n)
{
  size_t i = 0;
  while (i < n && b[i] >= '0' && b[i] <= '9')
    i++;
  return i > 0 && i < n && b[i] == '|';
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *buf = (const char *)data;
  uint64_t seed = fnv (data, size);
  result whole, small, parts;

  /* 1. Whole, two limits.  */
  const char *p0 = put_file (buf, size, 0);
  bool ok = run (&p0, 1, 1u << 20, &whole);
  run (&p0, 1, 64, &small);
  /* A native input never fails.  */
  CHECK (ok || !native_start (buf, size));

  /* 2. In two parts at a line end.  */
  uint32_t nl = count_nl (buf, size);
  if (ok && nl >= 2 && native_start (buf, size))
    {
      uint32_t want = 1 + (uint32_t)(mix (&seed) % (nl - 1)), k = 0;
      size_t cut = 0;
      for (size_t i = 0; i < size; i++)
        if (buf[i] == '\n' && ++k == want)
          {
            cut = i + 1;
            break;
          }
      if (cut > 0 && cut < size && native_start (buf + cut, size - cut)
          && !(cut >= 2 && buf[cut - 2] == '\r'))
        {
          const char *pp[2] = { put_file (buf, cut, 0), put_file (buf + cut, size - cut, 1) };
          CHECK (run (pp, 2, 1u << 20, &parts));
          CHECK (parts.s.rows == whole.s.rows);
          CHECK (parts.s.digest == whole.s.digest);
          CHECK (parts.rejected == whole.rejected);
          CHECK (parts.ndiag == whole.ndiag);
          CHECK (memcmp (parts.kinds, whole.kinds, sizeof parts.kinds) == 0);
        }
    }

  /* 3. As a table export.  */
  {
    static const char head[] = "time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n";
    char *t = xmalloc (sizeof head - 1 + size);
    memcpy (t, head, sizeof head - 1);
    if (size)
      memcpy (t + sizeof head - 1, buf, size);
    const char *pt = put_file (t, sizeof head - 1 + size, 0);
    CHECK (run (&pt, 1, 1u << 20, &parts)); /* the header is complete */
    free (t);
  }
  return 0;
}
