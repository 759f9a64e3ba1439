/* fuzz_cdr: libFuzzer harness for the Asterisk CDR reader (cc_cdr).

   The first byte of the input picks the set-up: bit 0 the field limit
   (1 MiB or 16 bytes), bits 1-2 the column order (cdr_csv's; the legacy
   cdr_custom mapping; or the input's first line, up to its line end, given
   as --cdr-columns, which must then be accepted or refused with a message),
   bit 3 whether the sink refuses some records.  The rest is one CDR input,
   read through a memory stream with a reject stream, then finished.  Checked:
   1. every record delivered starts with the CC_CDR_BASE columns of
      cc_cdr_columns, resolved to the sink's slots, then passed-through
      columns of distinct names none of which is one of those; valid UTF-8
      values without NUL, RFC 3339 times with arrived_at <= answered_at
      <= ended_at, an outcome of the documented set with answered_at, agent
      and handle_s present exactly when it is "answered", wait_s equal to
      answered_at (or ended_at) - arrived_at, and 1 to CC_CDR_MAX_ROWS
      attempts;
   2. every line is accounted for: the non-blank lines counted here equal
      the reader's data lines plus headers; its data lines equal bad + left
      out + merged; merged equals the sum of the records' attempts, and the
      records seen equal the calls it delivered;
   3. a second reader given the same input delivers the same records, the
      same reject stream and the same diagnostics.
   Any failure aborts.  Build and run with tests/fuzz/run.sh.  */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cc_cdr.h"
#include "cc_diag.h"
#include "cc_num.h"
#include "cc_time.h"
#include "cc_utf8.h"

#define FUZZ_NAME "fuzz_cdr"
#include "fuzz_common.h"

/* What one read produced.  */
typedef struct seen
{
  uint64_t records;  /* records delivered to the row function */
  uint64_t attempts; /* sum of their attempts */
  uint64_t refuse;   /* every REFUSE-th record is refused (0: none) */
  uint64_t hash;     /* hash of every value of every record, in order */
} seen;

/* The value of column I of ROW as a C string in BUF (at most 63 bytes
   kept), or NULL when null.  */
static const char *
val (const cc_row *row, size_t i, char *buf)
{
  const cc_val *v = &row->vals[i];
  if (v->kind == CC_NULL)
    return NULL;
  size_t n = v->n < 63 ? v->n : 63;
  memcpy (buf, v->p, n);
  buf[n] = '\0';
  return buf;
}

/* A time column I of ROW, parsed; aborts when bad.  Returns false when
   null.  */
static bool
get_time (const cc_row *row, size_t i, cc_usec *t)
{
  const cc_val *v = &row->vals[i];
  if (v->kind == CC_NULL)
    return false;
  CHECK (v->kind == CC_STR);
  CHECK (cc_time_parse (v->p, v->n, t) == 0);
  CHECK (v->n >= 20 && v->p[v->n - 1] == 'Z');
  return true;
}

/* The row function: check one record (1. above).  */
static const char *
on_row (void *ctx, const cc_row *row)
{
  seen *s = ctx;
  CHECK (row->n >= CC_CDR_BASE);
  for (size_t i = 0; i < row->n; i++)
    {
      if (i < CC_CDR_BASE)
        {
          CHECK (cc_cdr_columns[i]);
          CHECK (row->names[i].n == strlen (cc_cdr_columns[i])
                 && memcmp (row->names[i].p, cc_cdr_columns[i], row->names[i].n) == 0);
          CHECK (row->slot[i] == (int32_t) i);
        }
      else
        {
          /* A passed-through column: a name of its own.  */
          CHECK (row->names[i].n > 0);
          CHECK (cc_utf8_check (row->names[i].p, row->names[i].n) == row->names[i].n);
          for (size_t j = 0; j < i; j++)
            CHECK (row->names[j].n != row->names[i].n
                   || strncasecmp (row->names[j].p, row->names[i].p, row->names[i].n) != 0);
        }
      const cc_val *v = &row->vals[i];
      CHECK (v->kind == CC_NULL || v->kind == CC_STR || v->kind == CC_NUM);
      if (v->kind == CC_NULL)
        continue;
      CHECK (cc_utf8_check (v->p, v->n) == v->n);
      s->hash = (s->hash ^ fnv (v->p, v->n)) * UINT64_C (0x100000001B3) + i;
    }
  CHECK (row->line >= 1 && row->file && row->raw && row->rawlen > 0);
  CHECK (cc_utf8_check (row->raw, row->rawlen) == row->rawlen);

  char b[64], b2[64];
  CHECK (val (row, 0, b) && b[0]);                     /* id */
  CHECK (val (row, 1, b) && strcmp (b, "voice") == 0); /* channel */
  CHECK (!val (row, 2, b));                            /* direction */
  const char *oc = val (row, 5, b2);
  CHECK (oc);
  static const char *const outcomes[] = { "answered",  "abandoned", "no_answer", "busy",
                                          "failed",    "congestion", "voicemail",
                                          "self_service", NULL };
  bool known = false;
  for (int k = 0; outcomes[k]; k++)
    known = known || strcmp (oc, outcomes[k]) == 0;
  CHECK (known);
  bool answered = strcmp (oc, "answered") == 0;

  cc_usec arr, ans = 0, end;
  CHECK (get_time (row, 6, &arr));
  bool hans = get_time (row, 7, &ans);
  CHECK (get_time (row, 8, &end));
  CHECK (hans == answered);
  CHECK (arr <= end);
  if (hans)
    CHECK (arr <= ans && ans <= end);
  CHECK ((row->vals[4].kind != CC_NULL) == answered); /* agent */
  CHECK ((row->vals[10].kind != CC_NULL) == answered); /* handle_s */

  int64_t us;
  CHECK (row->vals[9].kind == CC_NUM);
  CHECK (cc_num_parse_seconds (row->vals[9].p, row->vals[9].n, &us) == 0);
  CHECK (us == (answered ? ans - arr : end - arr));
  if (answered)
    CHECK (cc_num_parse_seconds (row->vals[10].p, row->vals[10].n, &us) == 0);
  CHECK (val (row, 15, b)); /* disposition */

  int64_t att;
  CHECK (row->vals[20].kind == CC_NUM);
  CHECK (cc_num_parse_int (row->vals[20].p, row->vals[20].n, &att) == 0);
  CHECK (att >= 1 && att <= CC_CDR_MAX_ROWS);
  s->attempts += (uint64_t) att;
  s->records++;
  if (s->refuse && s->records % s->refuse == 0)
    return "refused by the harness";
  return NULL;
}

/* Non-blank lines of BUF[0..N) as the reader defines them (2. above).  */
static uint64_t
nonblank_lines (const char *buf, size_t n)
{
  uint64_t k = 0;
  size_t i = 0;
  bool first = true;
  while (i < n)
    {
      const char *nl = memchr (buf + i, '\n', n - i);
      size_t e = nl ? (size_t) (nl - buf) : n;
      size_t b = i, t = e;
      if (t > b && buf[t - 1] == '\r')
        t--;
      if (first && t - b >= 3 && memcmp (buf + b, "\xEF\xBB\xBF", 3) == 0)
        b += 3;
      first = false;
      bool blank = true;
      for (size_t j = b; j < t; j++)
        blank = blank && (buf[j] == ' ' || buf[j] == '\t');
      k += !blank;
      i = nl ? e + 1 : n;
    }
  return k;
}

/* A text summary of D.  */
static char *
diag_text (const cc_srcdiag *d, size_t *len)
{
  char *p = NULL;
  FILE *f = open_memstream (&p, len);
  CHECK (f);
  for (size_t k = 0; k < d->nkinds; k++)
    fprintf (f, "%s %llu\n", d->kinds[k], (unsigned long long) d->counts[k]);
  for (size_t i = 0; i < d->nlist; i++)
    fprintf (f, "%s:%llu: %s: %s\n", d->list[i].file, (unsigned long long) d->list[i].line,
             d->kinds[d->list[i].kind], d->list[i].message);
  CHECK (fclose (f) == 0);
  return p;
}

/* One read of DATA[0..SIZE) with options O; fills S, the reject stream's
   text (*REJ, *NREJ) and the diagnostics' (*DG, *NDG).  */
static void
read_once (const cc_cdr_opts *o, const char *data, size_t size, seen *s, char **rej,
           size_t *nrej, char **dg, size_t *ndg)
{
  char err[256];
  cc_cdr *c = cc_cdr_new (o, err, sizeof err);
  CHECK (c);
  cc_slots slots = { cc_cdr_columns, CC_CDR_BASE };
  FILE *rf = open_memstream (rej, nrej);
  CHECK (rf);
  cc_sink sink;
  memset (&sink, 0, sizeof sink);
  sink.slots = &slots;
  sink.row = on_row;
  sink.ctx = s;
  sink.reject = rf;
  sink.reject_name = "reject";
  cc_srcdiag diag;
  memset (&diag, 0, sizeof diag);

  char *copy = dup_exact (data, size);
  FILE *in = size ? fmemopen (copy, size, "r") : fopen ("/dev/null", "r");
  CHECK (in);
  CHECK (cc_cdr_read_stream (c, in, "in", &sink, &diag) == 0);
  CHECK (cc_cdr_finish (c, &sink, &diag) == 0);
  fclose (in);
  free (copy);

  cc_cdr_stats st;
  cc_cdr_get_stats (c, &st);
  CHECK (st.rows == st.bad + st.left_out + st.merged);
  CHECK (nonblank_lines (data, size) == st.rows + st.headers);
  CHECK (st.merged == s->attempts);
  CHECK (st.calls == s->records);
  CHECK (sink.rows == st.bad + st.calls);
  CHECK (sink.rejected == st.bad + (s->refuse ? s->records / s->refuse : 0));
  uint64_t left = 0;
  static const char *const leave[] = { "duplicate",     "late_row",  "time_order",
                                       "unknown_disposition", "too_many_rows", "time_jump",
                                       NULL };
  for (int k = 0; leave[k]; k++)
    left += cc_srcdiag_count (&diag, leave[k]);
  /* time_order also counts nothing else; every left-out row has its entry.  */
  CHECK (left == st.left_out);
  CHECK (fclose (rf) == 0);
  *dg = diag_text (&diag, ndg);
  cc_srcdiag_free (&diag);
  cc_cdr_free (c);
}

static const char legacy[] = "clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,"
                             "answer,end,duration,billsec,disposition,amaflags,accountcode,"
                             "uniqueid,userfield,sequence";

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static bool init;
  if (!init)
    {
      init = true;
      cc_diag_init ("fuzz_cdr");
      cc_tz_set ("Europe/Berlin"); /* UTC when the zone is missing */
    }
  if (size == 0)
    return 0;
  unsigned mode = data[0];
  const char *in = (const char *) data + 1;
  size_t n = size - 1;
  cc_cdr_opts o;
  memset (&o, 0, sizeof o);
  o.max_field = (mode & 1) ? 16 : 0;
  char *cols = NULL;
  switch ((mode >> 1) & 3)
    {
    case 1:
      o.columns = legacy;
      break;
    case 2:
      {
        /* The first line names the columns; the reader must take or refuse
           them cleanly.  */
        const char *nl = memchr (in, '\n', n);
        size_t k = nl ? (size_t) (nl - in) : n;
        if (memchr (in, '\0', k))
          return 0;
        cols = xmalloc (k + 1);
        memcpy (cols, in, k);
        cols[k] = '\0';
        char err[256];
        err[0] = '\0';
        cc_cdr_opts t = o;
        t.columns = cols;
        cc_cdr *c = cc_cdr_new (&t, err, sizeof err);
        if (!c)
          {
            CHECK (err[0] && strlen (err) < sizeof err);
            free (cols);
            return 0;
          }
        cc_cdr_free (c);
        o.columns = cols;
        in += nl ? k + 1 : k;
        n -= nl ? k + 1 : k;
        break;
      }
    default:
      break;
    }
  uint64_t refuse = (mode & 8) ? 3 : 0;

  seen a = { 0, 0, refuse, 0 }, b = { 0, 0, refuse, 0 };
  char *ra, *rb, *da, *db;
  size_t nra, nrb, nda, ndb;
  read_once (&o, in, n, &a, &ra, &nra, &da, &nda);
  read_once (&o, in, n, &b, &rb, &nrb, &db, &ndb);
  CHECK (a.records == b.records && a.attempts == b.attempts && a.hash == b.hash);
  CHECK (nra == nrb && (nra == 0 || memcmp (ra, rb, nra) == 0));
  CHECK (nda == ndb && (nda == 0 || memcmp (da, db, nda) == 0));
  /* Every reject entry starts with its "# in:LINE" line.  */
  CHECK (nra == 0 || (nra >= 5 && memcmp (ra, "# in:", 5) == 0));
  free (ra);
  free (rb);
  free (da);
  free (db);
  free (cols);
  return 0;
}
