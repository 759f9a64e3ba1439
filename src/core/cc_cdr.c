/* cc_cdr: Asterisk CDR files as interaction records (see cc_cdr.h).

   A line goes through four steps:
   1. bytes: valid UTF-8, no NUL or control character but TAB, at most
      max_line bytes (else a bad line);
   2. fields: split by RFC 4180 quoting ("" doubles a quote); when that fails
      or gives a field count no layout takes, the line is split again the
      lenient way real exports need (an undoubled quote inside a quoted field
      is a literal quote, \" is a quote), and kept with a "quotes_repaired"
      diagnostic if that reading fits; else it is a bad line with the strict
      reading's reason;
   3. values: the layout (cdr_csv's by field count, --cdr-columns, or the
      input's header) names each field; dates are read in the report zone,
      numbers must be whole and not negative; unset values ("", an empty
      unquoted field, NULL, \N, and in a date column a date before
      1970-01-02 such as MySQL's 0000-00-00 00:00:00) are missing;
   4. the call: rows that contradict themselves are left out with a
      diagnostic, and so is a row whose end jumps more than CC_CDR_WINDOW_S
      ahead of both the input's clock and the next row (time_jump); the
      others are merged into the call of their linkedid (or uniqueid, or the
      line itself), held until the clock has gone CC_CDR_WINDOW_S seconds
      past the call's latest row, then delivered as one record, with the
      layout's other columns passed through.  */
#include <config.h>

#include "cc_cdr.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_time.h"
#include "cc_utf8.h"

/* Every record's CC_CDR_BASE columns; then the CDR columns passed through:
   cdr_csv's, calldate, and those of the exports (FreePBX's cdr table:
   did ... dst_cnam; PBXware's: tenant ... sipcallid).  */
const char *const cc_cdr_columns[] = {
  "id",          "channel",       "direction",     "queue",       "agent",         "outcome",
  "arrived_at",  "answered_at",   "ended_at",      "wait_s",      "handle_s",      "src",
  "dst",         "clid",          "dcontext",      "disposition", "accountcode",   "userfield",
  "uniqueid",    "linkedid",      "attempts",      "dstchannel",  "lastapp",       "lastdata",
  "start",       "answer",        "end",           "duration",    "billsec",       "amaflags",
  "peeraccount", "sequence",      "calldate",      "did",         "recordingfile", "cnum",
  "cnam",        "outbound_cnum", "outbound_cnam", "dst_cnam",    "tenant",        "billamount",
  "agiuniqueid", "trunk",         "sipcallid",     NULL,
};

/* Output column indexes (cc_cdr_columns order).  */
enum
{
  O_ID,
  O_CHANNEL,
  O_DIRECTION,
  O_QUEUE,
  O_AGENT,
  O_OUTCOME,
  O_ARRIVED,
  O_ANSWERED,
  O_ENDED,
  O_WAIT,
  O_HANDLE,
  O_SRC,
  O_DST,
  O_CLID,
  O_DCONTEXT,
  O_DISPOSITION,
  O_ACCOUNTCODE,
  O_USERFIELD,
  O_UNIQUEID,
  O_LINKEDID,
  O_ATTEMPTS,
  O_N
};

_Static_assert(O_N == CC_CDR_BASE, "cc_cdr_columns starts with the O_ columns");

/* CDR columns a file can hold.  */
enum col
{
  C_ACCOUNTCODE,
  C_SRC,
  C_DST,
  C_DCONTEXT,
  C_CLID,
  C_CHANNEL,
  C_DSTCHANNEL,
  C_LASTAPP,
  C_LASTDATA,
  C_START,
  C_ANSWER,
  C_END,
  C_DURATION,
  C_BILLSEC,
  C_DISPOSITION,
  C_AMAFLAGS,
  C_UNIQUEID,
  C_USERFIELD,
  C_PEERACCOUNT,
  C_LINKEDID,
  C_SEQUENCE,
  C_CALLDATE,
  C_NCOLS
};

/* A field position that no column takes ("-" in --cdr-columns, a header
   name that is one of the record's own columns, or a repeated one).  */
#define C_SKIP (-1)
/* A field of a header name that is not a CDR column: passed through.  */
#define C_OTHER (-2)

static const char *const col_names[C_NCOLS] = {
  "accountcode", "src",      "dst",         "dcontext", "clid",     "channel",
  "dstchannel",  "lastapp",  "lastdata",    "start",    "answer",   "end",
  "duration",    "billsec",  "disposition", "amaflags", "uniqueid", "userfield",
  "peeraccount", "linkedid", "sequence",    "calldate",
};

/* True for the columns holding dates or numbers (where a quoted "NULL" is
   missing too).  */
static bool
col_is_value (int k)
{
  return k == C_START || k == C_ANSWER || k == C_END || k == C_DURATION || k == C_BILLSEC
         || k == C_SEQUENCE || k == C_CALLDATE;
}

/* Dispositions.  */
enum disp
{
  D_UNKNOWN,
  D_ANSWERED,
  D_NOANSWER,
  D_BUSY,
  D_FAILED,
  D_CONGESTION
};

static const char *const disp_names[]
    = { "", "ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION" };
static const char *const disp_outcomes[]
    = { "", "answered", "no_answer", "busy", "failed", "congestion" };

/* Where each field of a line goes, and the columns of the records its rows
   give.  */
typedef struct layout
{
  int8_t *col;          /* column of each field position, C_SKIP or C_OTHER */
  size_t n;             /* number of fields */
  bool has[C_NCOLS];    /* which columns it holds */
  size_t nother;        /* fields of column C_OTHER */
  cc_str *names;        /* the record columns: O_N of cc_cdr_columns, then passed-through */
  size_t nnames;        /* how many */
  int32_t *src;         /* of each passed-through one: its column, or -1 - (C_OTHER index) */
  char *text;           /* the C_OTHER names (names point into it) */
  int32_t *slot;        /* the sink's slots resolved against names */
  size_t capslot;       /* slot entries allocated */
  unsigned resolved;    /* the reader's gen when slot was resolved (0: never) */
  unsigned checked;     /* the reader's gen when checked against the sink's fields */
  struct layout *older; /* the previous header layout (kept while rows use it) */
} layout;

/* One field of the line being read.  */
typedef struct fld
{
  size_t off;   /* its value in the reader's vals buffer */
  size_t len;   /* value length */
  uint64_t col; /* 1-based byte column where it starts */
  bool quoted;  /* it was quoted */
} fld;

/* One CDR row kept in a call.  */
typedef struct row
{
  layout *lay;                /* its layout (owned by the reader) */
  const char *file;           /* input name (owned by the reader) */
  uint64_t line;              /* its line */
  char *buf;                  /* the raw line, a NUL, then the text values, NUL-terminated */
  size_t rawlen;              /* bytes of the raw line */
  uint32_t off[C_NCOLS];      /* offsets of the text values in buf, 0 when missing */
  uint32_t len[C_NCOLS];      /* their lengths */
  uint32_t *xoff;             /* offsets in buf of the C_OTHER values (0: missing), or NULL */
  cc_usec start, answer, end; /* times */
  bool has_answer;            /* answer known */
  int64_t duration;           /* duration when has_duration */
  bool has_duration;          /* duration known */
  int64_t billsec;            /* billsec when has_billsec */
  bool has_billsec;           /* billsec known */
  bool billsec_bad;           /* billsec disagrees with the times: handle time from the times */
  int64_t sequence;           /* sequence when has_sequence */
  bool has_sequence;          /* sequence known */
  enum disp disp;             /* disposition */
} row;

/* A call being assembled.  */
typedef struct call
{
  char *key;                /* 'I' + linkedid or uniqueid, or 'R' + the raw line */
  size_t keylen;            /* its length */
  uint64_t hash;            /* hash of the key */
  bool by_line;             /* keyed by the raw line (no id) */
  struct call *hnext;       /* next in its hash bucket */
  struct call *prev, *next; /* the held calls, in order of first appearance */
  cc_usec last_end;         /* latest end of its rows */
  row *rows;                /* rows, in input order */
  size_t nrows, caprows;    /* used, allocated */
} call;

/* A delivered call remembered for late rows.  */
typedef struct done
{
  uint64_t hash; /* hash of its key */
  cc_usec end;   /* latest end of its rows */
  bool by_line;  /* keyed by the raw line */
} done;

struct cc_cdr
{
  size_t max_field;      /* longest field */
  size_t max_line;       /* longest line */
  layout custom;         /* --cdr-columns (custom.col NULL: none) */
  layout *hdr;           /* the current input's header layout, or NULL */
  layout *hdrs;          /* every header layout so far, newest first (via older) */
  layout csv[8];         /* cdr_csv's layouts: 16, 17u, 17f, 18, 19, 20u, 20f, 21 fields */
  unsigned gen;          /* bumped by each read and the finish: slots to resolve again */
  char **names;          /* input names (copies) */
  size_t nnames;         /* how many */
  cc_buf vals;           /* field values of the current line */
  fld *f;                /* fields of the current line */
  size_t nf, capf;       /* used, allocated */
  char err[200];         /* message scratch */
  call *head, *tail;     /* held calls in order of first appearance */
  size_t npending;       /* how many */
  call **tab;            /* hash buckets of held calls */
  size_t tabsz;          /* buckets (a power of two) */
  done *done;            /* delivered calls still remembered */
  size_t ndone, capdone; /* used, allocated */
  size_t *dtab;          /* open-addressing index of done (index + 1, 0 empty) */
  size_t dtabsz;         /* its size (a power of two) */
  bool have_end;         /* max_end is set */
  cc_usec max_end;       /* the clock: latest end of the rows taken */
  cc_usec swept;         /* max_end at the last sweep */
  row pend;              /* a row held back until the next one (a jump ahead, or the first) */
  bool have_pend;        /* pend is set */
  cc_val *v;             /* a record's values */
  size_t capv;           /* entries allocated */
  cc_buf idbuf;          /* scratch for a made-up id */
  char *rbuf;            /* read buffer */
  size_t rcap;           /* its size */
  cc_cdr_stats st;       /* counters */
};

/* Sweep the held calls every time the input advanced this far.  */
#define SWEEP_STEP_S (CC_CDR_WINDOW_S / 8)
/* Bytes of an over-long line kept for the reject stream.  */
#define LONG_RAW 1024
/* Longest line whatever --max-field-size (row offsets are 32-bit).  */
#define MAX_LINE ((size_t)1 << 30)
/* Largest duration, billsec or sequence accepted (about 31 years).  */
#define MAX_NUMBER INT64_C (1000000000)

/* ---- hashing ----------------------------------------------------------- */

/* FNV-1a of P[0..N), finished with a 64-bit mixer so that every bit
   depends on every byte.  */
static uint64_t
hash_bytes (const char *p, size_t n)
{
  uint64_t h = UINT64_C (0xCBF29CE484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * UINT64_C (0x100000001B3);
  h ^= h >> 33;
  h *= UINT64_C (0xFF51AFD7ED558CCD);
  h ^= h >> 33;
  h *= UINT64_C (0xC4CEB9FE1A85EC53);
  return h ^ (h >> 33);
}

/* ---- layouts ----------------------------------------------------------- */

/* True when the CDR column K is passed through to the records: every
   column but those the record carries under the same name (src, dst, clid,
   dcontext, disposition, accountcode, userfield, uniqueid, linkedid) and
   channel (the record's channel is the medium).  */
static bool
col_passed (int k)
{
  switch (k)
    {
    case C_ACCOUNTCODE:
    case C_SRC:
    case C_DST:
    case C_DCONTEXT:
    case C_CLID:
    case C_CHANNEL:
    case C_DISPOSITION:
    case C_UNIQUEID:
    case C_USERFIELD:
    case C_LINKEDID:
      return false;
    default:
      return true;
    }
}

/* Free what L holds (not L).  */
static void
layout_free (layout *l)
{
  free (l->col);
  free (l->names);
  free (l->src);
  free (l->text);
  free (l->slot);
  memset (l, 0, sizeof *l);
}

/* Set L to the N columns COLS, and its record columns to the O_N of
   cc_cdr_columns followed by the passed-through ones: the NPASS columns
   PASS when PASS is not NULL (cdr_csv's fixed list), else those of COLS in
   field order, a C_OTHER field under its name NAME[i] (LEN[i] bytes).  */
static void
layout_set (layout *l, const int8_t *cols, size_t n, const int8_t *pass, size_t npass,
            const char *const *name, const size_t *len)
{
  layout_free (l);
  l->col = cc_xmalloc (n ? n : 1);
  if (n)
    memcpy (l->col, cols, n);
  l->n = n;
  size_t ntext = 1;
  for (size_t i = 0; i < n; i++)
    if (cols[i] >= 0)
      l->has[cols[i]] = true;
    else if (cols[i] == C_OTHER)
      {
        l->nother++;
        ntext += len[i] + 1;
      }
  size_t most = O_N + (pass ? npass : n);
  l->names = cc_xmalloc (most * sizeof *l->names);
  l->src = cc_xmalloc ((most - O_N + 1) * sizeof *l->src);
  l->text = cc_xmalloc (ntext);
  for (size_t i = 0; i < O_N; i++)
    l->names[i].p = cc_cdr_columns[i], l->names[i].n = strlen (cc_cdr_columns[i]);
  size_t k = O_N, at = 0, u = 0;
  if (pass)
    for (size_t i = 0; i < npass; i++, k++)
      {
        l->names[k].p = col_names[pass[i]];
        l->names[k].n = strlen (col_names[pass[i]]);
        l->src[k - O_N] = pass[i];
      }
  else
    for (size_t i = 0; i < n; i++)
      if (cols[i] >= 0 && col_passed (cols[i]))
        {
          l->names[k].p = col_names[cols[i]];
          l->names[k].n = strlen (col_names[cols[i]]);
          l->src[k++ - O_N] = cols[i];
        }
      else if (cols[i] == C_OTHER)
        {
          memcpy (l->text + at, name[i], len[i]);
          l->text[at + len[i]] = '\0';
          l->names[k].p = l->text + at;
          l->names[k].n = len[i];
          l->src[k++ - O_N] = -1 - (int32_t)u++;
          at += len[i] + 1;
        }
  l->nnames = k;
}

/* The column named P[0..N) (ASCII case ignored), or C_NCOLS.  */
static int
col_find (const char *p, size_t n)
{
  for (int k = 0; k < C_NCOLS; k++)
    if (strlen (col_names[k]) == n && strncasecmp (col_names[k], p, n) == 0)
      return k;
  return C_NCOLS;
}

/* True when P[0..N) is, ASCII case ignored, one of the record's own
   columns (the O_N first of cc_cdr_columns).  */
static bool
is_record_column (const char *p, size_t n)
{
  for (size_t i = 0; i < O_N; i++)
    if (strlen (cc_cdr_columns[i]) == n && strncasecmp (cc_cdr_columns[i], p, n) == 0)
      return true;
  return false;
}

/* Build the columns of the N names NAME[i] (LEN[i] bytes) into COLS.  With
   HEADER, a name that is not a CDR column is a C_OTHER field (passed
   through), or skipped when it is one of the record's own columns or
   repeats an earlier one (ASCII case ignored); without, "-" skips a field
   and an unknown name is an error.  Returns NULL, or a message written into
   ERR (ERRLEN bytes).  */
static const char *
layout_names (int8_t *cols, const char *const *name, const size_t *len, size_t n, bool header,
              char *err, size_t errlen)
{
  bool seen[C_NCOLS] = { false };
  if (n == 0)
    return snprintf (err, errlen, "no columns"), err;
  for (size_t i = 0; i < n; i++)
    {
      if (len[i] == 0)
        return snprintf (err, errlen, "column %zu has no name", i + 1), err;
      int k = col_find (name[i], len[i]);
      if (k == C_NCOLS)
        {
          if (header)
            {
              bool again = is_record_column (name[i], len[i]);
              for (size_t j = 0; !again && j < i; j++)
                again = cols[j] == C_OTHER && len[j] == len[i]
                        && strncasecmp (name[j], name[i], len[i]) == 0;
              cols[i] = again ? C_SKIP : C_OTHER;
              continue;
            }
          if (len[i] == 1 && name[i][0] == '-')
            {
              cols[i] = C_SKIP;
              continue;
            }
          snprintf (err, errlen, "unknown column '%.*s'", (int)(len[i] > 40 ? 40 : len[i]),
                    name[i]);
          return err;
        }
      if (seen[k])
        return snprintf (err, errlen, "column '%s' named twice", col_names[k]), err;
      seen[k] = true;
      cols[i] = (int8_t)k;
    }
  if (!seen[C_START] && !seen[C_CALLDATE])
    return snprintf (err, errlen, "no start (or calldate) column"), err;
  if (!seen[C_END] && !seen[C_DURATION])
    return snprintf (err, errlen, "no end (or duration) column"), err;
  if (!seen[C_ANSWER] && !seen[C_BILLSEC])
    return snprintf (err, errlen, "no answer (or billsec) column"), err;
  if (!seen[C_DISPOSITION])
    return snprintf (err, errlen, "no disposition column"), err;
  return NULL;
}

/* Make cdr_csv's layouts: the 16 fixed columns, then [uniqueid] [userfield]
   [peeraccount linkedid sequence].  All give the same record columns (those
   of the 21-field layout), so that one Master.csv written across a change of
   cdr.conf gives records of one shape.  */
static void
make_csv_layouts (cc_cdr *c)
{
  int8_t cols[21];
  for (int i = 0; i < 16; i++)
    cols[i] = (int8_t)i;
  static const int8_t extra[8][5] = {
    { -1 },
    { C_UNIQUEID, -1 },
    { C_USERFIELD, -1 },
    { C_UNIQUEID, C_USERFIELD, -1 },
    { C_PEERACCOUNT, C_LINKEDID, C_SEQUENCE, -1 },
    { C_UNIQUEID, C_PEERACCOUNT, C_LINKEDID, C_SEQUENCE, -1 },
    { C_USERFIELD, C_PEERACCOUNT, C_LINKEDID, C_SEQUENCE, -1 },
    { C_UNIQUEID, C_USERFIELD, C_PEERACCOUNT, C_LINKEDID, C_SEQUENCE },
  };
  static const int8_t pass[]
      = { C_DSTCHANNEL, C_LASTAPP, C_LASTDATA, C_START,       C_ANSWER,  C_END,
          C_DURATION,   C_BILLSEC, C_AMAFLAGS, C_PEERACCOUNT, C_SEQUENCE };
  for (int v = 0; v < 8; v++)
    {
      size_t n = 16;
      for (int j = 0; j < 5 && extra[v][j] >= 0; j++)
        cols[n++] = extra[v][j];
      layout_set (&c->csv[v], cols, n, pass, sizeof pass, NULL, NULL);
    }
}

/* True when the field NAME (N bytes) that a sink asks for is one a CDR
   record may have (cc_cdr_columns past the O_N every record has).  */
static bool
may_pass (const char *name, size_t n)
{
  for (size_t i = O_N; cc_cdr_columns[i]; i++)
    if (strlen (cc_cdr_columns[i]) == n && memcmp (cc_cdr_columns[i], name, n) == 0)
      return true;
  return false;
}

/* Resolve SINK's slots against L's record columns, unless done in this
   read already.  */
static void
layout_resolve (cc_cdr *c, layout *l, const cc_sink *sink)
{
  if (l->resolved == c->gen)
    return;
  if (l->capslot < sink->slots->n + 1)
    {
      free (l->slot);
      l->capslot = sink->slots->n + 1;
      l->slot = cc_xmalloc (l->capslot * sizeof *l->slot);
    }
  cc_sink_resolve (sink, l->names, l->nnames, l->slot);
  l->resolved = c->gen;
}

/* Resolve SINK's slots against L and check them (once per read): a field
   the sink asks for that a CDR record may have (so a check of the fields
   against cc_cdr_columns let it through) but L's records lack stops the
   read with a message naming FILE.  Returns 0 or -1.  */
static int
layout_check (cc_cdr *c, layout *l, const cc_sink *sink, const char *file)
{
  layout_resolve (c, l, sink);
  if (l->checked == c->gen)
    return 0;
  l->checked = c->gen;
  for (size_t s = 0; s < sink->slots->n; s++)
    {
      const char *name = sink->slots->names[s];
      if (l->slot[s] < 0 && may_pass (name, strlen (name)))
        {
          cc_err ("%s: no column '%s' (not among the CDR columns of this input)", file, name);
          return -1;
        }
    }
  return 0;
}

/* True when P[0..N) looks like an Asterisk uniqueid: [SYSTEMNAME-]EPOCH.SEQ
   with at least 9 digits of epoch.  Used to tell loguniqueid's field from
   loguserfield's when the count leaves both possible.  */
static bool
looks_like_uniqueid (const char *p, size_t n)
{
  size_t b = n;
  while (b > 0 && p[b - 1] != '-')
    b--;
  size_t i = b, d = 0;
  while (i < n && p[i] >= '0' && p[i] <= '9')
    i++, d++;
  if (d < 9 || i >= n || p[i] != '.')
    return false;
  i++;
  if (i >= n)
    return false;
  for (; i < n; i++)
    if (p[i] < '0' || p[i] > '9')
      return false;
  return true;
}

/* The layout of the current line's fields, or NULL with the reason in
   C->err.  */
static layout *
pick_layout (cc_cdr *c)
{
  size_t n = c->nf;
  if (c->hdr)
    {
      if (n == c->hdr->n)
        return c->hdr;
      snprintf (c->err, sizeof c->err, "%zu fields, the header has %zu", n, c->hdr->n);
      return NULL;
    }
  if (c->custom.col)
    {
      if (n == c->custom.n)
        return &c->custom;
      snprintf (c->err, sizeof c->err, "%zu fields, --cdr-columns names %zu", n, c->custom.n);
      return NULL;
    }
  bool uid
      = n == 17 || n == 20 ? looks_like_uniqueid (c->vals.p + c->f[16].off, c->f[16].len) : false;
  switch (n)
    {
    case 16:
      return &c->csv[0];
    case 17:
      return &c->csv[uid ? 1 : 2];
    case 18:
      return &c->csv[3];
    case 19:
      return &c->csv[4];
    case 20:
      return &c->csv[uid ? 5 : 6];
    case 21:
      return &c->csv[7];
    default:
      snprintf (c->err, sizeof c->err,
                "%zu field%s: Master.csv rows have 16 to 21 (--cdr-columns gives another order)", n,
                n == 1 ? "" : "s");
      return NULL;
    }
}

/* ---- splitting a line -------------------------------------------------- */

/* Add a field to C's current line.  */
static void
push_field (cc_cdr *c, const fld *f)
{
  if (c->nf == c->capf)
    {
      c->capf = c->capf ? 2 * c->capf : 32;
      c->f = cc_xrealloc (c->f, c->capf * sizeof *c->f);
    }
  c->f[c->nf++] = *f;
}

/* Split S[0..N) into C's fields.  STRICT: RFC 4180 quoting only.  Otherwise
   a quote inside a quoted field that neither doubles another nor closes the
   field (it is not followed by a comma or the end) is a literal quote, so is
   \" (unless the quote ends the line or a comma follows it), and a quote in an
   unquoted field is kept; *REPAIRED is set when one of these was used.
   Returns NULL, or a reason (a static string) with its byte column in *COL.  */
static const char *
split (cc_cdr *c, const char *s, size_t n, bool strict, uint64_t *col, bool *repaired)
{
  c->nf = 0;
  c->vals.n = 0;
  size_t i = 0;
  for (;;)
    {
      fld f;
      f.col = i + 1;
      f.off = c->vals.n;
      f.quoted = i < n && s[i] == '"';
      if (f.quoted)
        {
          size_t open = i++;
          for (;;)
            {
              size_t b = i;
              while (i < n && s[i] != '"' && s[i] != '\\')
                i++;
              cc_buf_add (&c->vals, s + b, i - b);
              if (i >= n)
                {
                  *col = open + 1;
                  return "unterminated quoted field";
                }
              if (s[i] == '\\')
                {
                  if (!strict && i + 2 < n && s[i + 1] == '"' && s[i + 2] != ',')
                    {
                      cc_buf_addc (&c->vals, '"');
                      *repaired = true;
                      i += 2;
                    }
                  else
                    cc_buf_addc (&c->vals, s[i++]);
                  continue;
                }
              /* A quote.  */
              if (i + 1 < n && s[i + 1] == '"')
                {
                  cc_buf_addc (&c->vals, '"');
                  i += 2;
                  continue;
                }
              if (i + 1 == n || s[i + 1] == ',')
                {
                  i++;
                  break;
                }
              if (strict)
                {
                  *col = i + 2;
                  return "text after the closing quote of a field";
                }
              cc_buf_addc (&c->vals, '"');
              *repaired = true;
              i++;
            }
        }
      else
        {
          size_t b = i;
          while (i < n && s[i] != ',')
            {
              if (s[i] == '"')
                {
                  if (strict)
                    {
                      *col = i + 1;
                      return "quote inside an unquoted field";
                    }
                  *repaired = true;
                }
              i++;
            }
          cc_buf_add (&c->vals, s + b, i - b);
        }
      f.len = c->vals.n - f.off;
      push_field (c, &f);
      if (i >= n)
        break;
      i++; /* the comma */
    }
  return NULL;
}

/* True when L was built from a header of the N names NAME[i] (LEN[i]
   bytes) laid out as COLS: the same columns, and the same names for the
   passed-through others.  */
static bool
same_header (const layout *l, const int8_t *cols, const char *const *name, const size_t *len,
             size_t n)
{
  if (l->n != n || memcmp (l->col, cols, n) != 0)
    return false;
  size_t k = O_N;
  for (size_t i = 0; i < n; i++)
    if (cols[i] >= 0 && col_passed (cols[i]))
      k++;
    else if (cols[i] == C_OTHER)
      {
        if (l->names[k].n != len[i] || memcmp (l->names[k].p, name[i], len[i]) != 0)
          return false;
        k++;
      }
  return true;
}

/* When the current fields name the columns (a header line), set C->hdr and
   return true.  A header field is a name of letters, digits and '_' not
   starting with a digit; the known names must be a valid --cdr-columns
   list; the others are passed through (see layout_names).  A header the
   same as the previous one's shares its layout; the layouts are kept for
   the rows still held.  */
static bool
take_header (cc_cdr *c)
{
  const char **name = cc_xmalloc (c->nf * sizeof *name);
  size_t *len = cc_xmalloc (c->nf * sizeof *len);
  int8_t *cols = cc_xmalloc (c->nf);
  bool ok = true;
  for (size_t i = 0; ok && i < c->nf; i++)
    {
      const char *p = c->vals.p + c->f[i].off;
      size_t n = c->f[i].len;
      ok = n > 0 && n <= 64 && !(p[0] >= '0' && p[0] <= '9');
      for (size_t j = 0; ok && j < n; j++)
        ok = (p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z')
             || (p[j] >= '0' && p[j] <= '9') || p[j] == '_';
      name[i] = p;
      len[i] = n;
    }
  char err[128];
  if (ok)
    ok = layout_names (cols, name, len, c->nf, true, err, sizeof err) == NULL;
  if (ok && c->hdrs && same_header (c->hdrs, cols, name, len, c->nf))
    c->hdr = c->hdrs;
  else if (ok)
    {
      layout *l = cc_xcalloc (1, sizeof *l);
      layout_set (l, cols, c->nf, NULL, 0, name, len);
      l->older = c->hdrs;
      c->hdrs = c->hdr = l;
    }
  free (name);
  free (len);
  free (cols);
  return ok;
}

/* ---- values ------------------------------------------------------------ */

/* The length of V (N bytes) shown in a message: at most 40 bytes, cut on a
   character boundary.  */
static int
shown (const char *v, size_t n)
{
  return cc_utf8_cut (v, n, 40);
}

/* Check the bytes of S[0..N): UTF-8, no NUL, no control character but TAB.
   Returns NULL or a reason (in C->err or static) with its column in *COL.  */
static const char *
check_bytes (cc_cdr *c, const char *s, size_t n, uint64_t *col)
{
  size_t k = cc_utf8_check (s, n);
  if (k < n)
    {
      *col = k + 1;
      return s[k] == '\0' ? "NUL byte" : "invalid UTF-8";
    }
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
      {
        *col = i + 1;
        if (s[i] == '\r')
          return "carriage return inside a line";
        snprintf (c->err, sizeof c->err, "control character 0x%02X", (unsigned)s[i]);
        return c->err;
      }
  return NULL;
}

/* True when field F (value P[0..N)) of column K is missing: empty, or an
   unquoted NULL or \N, or a quoted NULL where a date or number belongs.  */
static bool
is_missing (const fld *f, const char *p, size_t n, int k)
{
  if (n == 0)
    return true;
  bool null = n == 4 && memcmp (p, "NULL", 4) == 0;
  if (!f->quoted && (null || (n == 2 && p[0] == '\\' && p[1] == 'N')))
    return true;
  return null && col_is_value (k);
}

/* Dates before this (1970-01-02T00:00:00Z) are unset: what exports write
   for a time never set (MySQL's 0000-00-00 00:00:00, the Unix epoch written
   in any zone, 0001-01-01 ...).  */
#define UNSET_BEFORE ((cc_usec)86400 * CC_USEC_PER_SEC)

/* Read a date of column K from field F into *T; *UNSET is set when it is a
   zero date (year 0000, or before UNSET_BEFORE).  Returns NULL or a reason
   in C->err.  */
static const char *
get_date (cc_cdr *c, const fld *f, int k, cc_usec *t, bool *unset)
{
  const char *p = c->vals.p + f->off;
  *unset = false;
  if (f->len >= 10 && memcmp (p, "0000-", 5) == 0)
    {
      /* MySQL's zero date, 0000-00-00 [00:00:00]: no calendar date.  */
      *unset = true;
      return NULL;
    }
  /* A date, never bare epoch seconds: a number in a date column means the
     columns are not in the order assumed.  */
  if (f->len < 10 || p[4] != '-' || cc_time_parse_local (p, f->len, t) != 0)
    {
      snprintf (c->err, sizeof c->err, "bad date in %s: '%.*s'", col_names[k], shown (p, f->len),
                p);
      return c->err;
    }
  *unset = *t < UNSET_BEFORE;
  return NULL;
}

/* Read a whole non-negative number of column K from field F into *V.  */
static const char *
get_number (cc_cdr *c, const fld *f, int k, int64_t *v)
{
  const char *p = c->vals.p + f->off;
  if (f->len == 0 || p[0] == '+' || p[0] == '-' || cc_num_parse_int (p, f->len, v) != 0 || *v < 0
      || *v > MAX_NUMBER)
    {
      const char *need = k == C_SEQUENCE ? "" : " (a whole number of seconds is needed)";
      snprintf (c->err, sizeof c->err, "bad number in %s: '%.*s'%s", col_names[k],
                shown (p, f->len), p, need);
      return c->err;
    }
  return NULL;
}

/* The disposition P[0..N), ASCII case ignored.  */
static enum disp
disp_of (const char *p, size_t n)
{
  for (int d = D_ANSWERED; d <= D_CONGESTION; d++)
    if (strlen (disp_names[d]) == n && strncasecmp (disp_names[d], p, n) == 0)
      return (enum disp)d;
  return D_UNKNOWN;
}

/* The text value of column K in row R (NUL-terminated), or NULL.  */
static inline const char *
rv (const row *r, int k)
{
  return r->off[k] ? r->buf + r->off[k] : NULL;
}

/* Free what row R holds.  */
static void
row_free (row *r)
{
  free (r->buf);
  free (r->xoff);
}

/* Build row R from the current fields laid out by L, for the raw line
   S[0..N) at FILE:LINE.  Returns NULL, or a reason (with its column in
   *COL) that makes the line bad.  */
static const char *
make_row (cc_cdr *c, layout *l, const char *file, uint64_t line, const char *s, size_t n, row *r,
          uint64_t *col)
{
  memset (r, 0, sizeof *r);
  int idx[C_NCOLS];
  for (int k = 0; k < C_NCOLS; k++)
    idx[k] = -1;
  for (size_t j = 0; j < c->nf; j++)
    {
      const fld *f = &c->f[j];
      if (f->len > c->max_field)
        {
          *col = f->col;
          snprintf (c->err, sizeof c->err, "field %zu is longer than %zu bytes (--max-field-size)",
                    j + 1, c->max_field);
          return c->err;
        }
      int k = l->col[j];
      if (k >= 0 && !is_missing (f, c->vals.p + f->off, f->len, k))
        idx[k] = (int)j;
    }

  /* Dates and numbers, in field order so that the first bad one is the
     one reported.  Both start and calldate may be there: start wins.  A
     zero date is unset.  */
  const char *why;
  int64_t duration = 0;
  cc_usec calldate = 0;
  for (size_t j = 0; j < c->nf; j++)
    {
      int k = l->col[j];
      if (k < 0 || idx[k] != (int)j || !col_is_value (k))
        continue;
      const fld *f = &c->f[j];
      bool unset = false;
      switch (k)
        {
        case C_START:
          why = get_date (c, f, k, &r->start, &unset);
          break;
        case C_CALLDATE:
          why = get_date (c, f, k, &calldate, &unset);
          break;
        case C_ANSWER:
          why = get_date (c, f, k, &r->answer, &unset);
          break;
        case C_END:
          why = get_date (c, f, k, &r->end, &unset);
          break;
        case C_DURATION:
          why = get_number (c, f, k, &duration);
          break;
        case C_BILLSEC:
          why = get_number (c, f, k, &r->billsec);
          break;
        default:
          why = get_number (c, f, k, &r->sequence);
          break;
        }
      if (why)
        return *col = f->col, why;
      if (unset)
        idx[k] = -1;
    }
  int ks = l->has[C_START] ? C_START : C_CALLDATE;
  if (idx[ks] < 0)
    {
      *col = 0;
      snprintf (c->err, sizeof c->err, "no %s time", col_names[ks]);
      return c->err;
    }
  if (ks == C_CALLDATE)
    r->start = calldate;
  r->has_duration = idx[C_DURATION] >= 0;
  r->duration = duration;
  r->has_billsec = idx[C_BILLSEC] >= 0;
  r->has_sequence = idx[C_SEQUENCE] >= 0;
  r->has_answer = idx[C_ANSWER] >= 0;
  if (l->has[C_END])
    {
      if (idx[C_END] < 0)
        return *col = 0, "no end time";
    }
  else if (r->has_duration)
    r->end = r->start + duration * CC_USEC_PER_SEC;
  else
    return *col = 0, "no end time (no end and no duration)";

  /* The values, copied after the raw line: every column's (the dates and
     numbers too, to be passed through) and the C_OTHER fields'.  */
  size_t total = n + 1;
  for (int k = 0; k < C_NCOLS; k++)
    if (idx[k] >= 0)
      total += c->f[idx[k]].len + 1;
  for (size_t j = 0; j < c->nf; j++)
    if (l->col[j] == C_OTHER)
      total += c->f[j].len + 1;
  r->buf = cc_xmalloc (total);
  if (n)
    memcpy (r->buf, s, n);
  r->buf[n] = '\0';
  r->rawlen = n;
  size_t at = n + 1;
  for (int k = 0; k < C_NCOLS; k++)
    if (idx[k] >= 0)
      {
        const fld *f = &c->f[idx[k]];
        memcpy (r->buf + at, c->vals.p + f->off, f->len);
        r->buf[at + f->len] = '\0';
        r->off[k] = (uint32_t)at;
        r->len[k] = (uint32_t)f->len;
        at += f->len + 1;
      }
  if (l->nother)
    {
      r->xoff = cc_xcalloc (l->nother, sizeof *r->xoff);
      size_t u = 0;
      for (size_t j = 0; j < c->nf; j++)
        if (l->col[j] == C_OTHER)
          {
            const fld *f = &c->f[j];
            if (!is_missing (f, c->vals.p + f->off, f->len, C_OTHER))
              {
                memcpy (r->buf + at, c->vals.p + f->off, f->len);
                r->buf[at + f->len] = '\0';
                r->xoff[u] = (uint32_t)at;
                at += f->len + 1;
              }
            u++;
          }
    }
  r->lay = l;
  r->file = file;
  r->line = line;
  r->disp
      = rv (r, C_DISPOSITION) ? disp_of (rv (r, C_DISPOSITION), r->len[C_DISPOSITION]) : D_UNKNOWN;
  return NULL;
}

/* ---- held calls -------------------------------------------------------- */

/* The held call with KEY (N bytes, hash H), or NULL.  */
static call *
find_call (cc_cdr *c, const char *key, size_t n, uint64_t h)
{
  if (!c->tab)
    return NULL;
  for (call *k = c->tab[h & (c->tabsz - 1)]; k; k = k->hnext)
    if (k->hash == h && k->keylen == n && memcmp (k->key, key, n) == 0)
      return k;
  return NULL;
}

/* Add call K to the hash table and the tail of the list.  */
static void
add_call (cc_cdr *c, call *k)
{
  if (c->npending + 1 > c->tabsz)
    {
      size_t nsz = c->tabsz ? 2 * c->tabsz : 1024;
      call **nt = cc_xcalloc (nsz, sizeof *nt);
      for (size_t i = 0; i < c->tabsz; i++)
        for (call *x = c->tab[i], *nx; x; x = nx)
          {
            nx = x->hnext;
            x->hnext = nt[x->hash & (nsz - 1)];
            nt[x->hash & (nsz - 1)] = x;
          }
      free (c->tab);
      c->tab = nt;
      c->tabsz = nsz;
    }
  call **b = &c->tab[k->hash & (c->tabsz - 1)];
  k->hnext = *b;
  *b = k;
  k->prev = c->tail;
  k->next = NULL;
  if (c->tail)
    c->tail->next = k;
  else
    c->head = k;
  c->tail = k;
  c->npending++;
}

/* Take call K out of the table and the list, and free it.  */
static void
drop_call (cc_cdr *c, call *k)
{
  call **b = &c->tab[k->hash & (c->tabsz - 1)];
  while (*b != k)
    b = &(*b)->hnext;
  *b = k->hnext;
  if (k->prev)
    k->prev->next = k->next;
  else
    c->head = k->next;
  if (k->next)
    k->next->prev = k->prev;
  else
    c->tail = k->prev;
  c->npending--;
  for (size_t i = 0; i < k->nrows; i++)
    row_free (&k->rows[i]);
  free (k->rows);
  free (k->key);
  free (k);
}

/* ---- remembered calls -------------------------------------------------- */

/* Rebuild the index of C->done with at least twice as many slots as
   entries.  */
static void
done_reindex (cc_cdr *c)
{
  size_t sz = 1024;
  while (sz < 2 * c->ndone + 2)
    sz *= 2;
  free (c->dtab);
  c->dtab = cc_xcalloc (sz, sizeof *c->dtab);
  c->dtabsz = sz;
  for (size_t i = 0; i < c->ndone; i++)
    {
      size_t s = c->done[i].hash & (sz - 1);
      while (c->dtab[s])
        s = (s + 1) & (sz - 1);
      c->dtab[s] = i + 1;
    }
}

/* The remembered call with hash H, or NULL.  */
static const done *
done_find (const cc_cdr *c, uint64_t h)
{
  if (!c->dtab)
    return NULL;
  for (size_t s = h & (c->dtabsz - 1); c->dtab[s]; s = (s + 1) & (c->dtabsz - 1))
    if (c->done[c->dtab[s] - 1].hash == h)
      return &c->done[c->dtab[s] - 1];
  return NULL;
}

/* Remember delivered call K.  */
static void
done_add (cc_cdr *c, const call *k)
{
  if (c->ndone == c->capdone)
    {
      c->capdone = c->capdone ? 2 * c->capdone : 1024;
      c->done = cc_xrealloc (c->done, c->capdone * sizeof *c->done);
    }
  done *d = &c->done[c->ndone++];
  d->hash = k->hash;
  d->end = k->last_end;
  d->by_line = k->by_line;
  if (!c->dtab || 2 * c->ndone + 2 > c->dtabsz)
    {
      done_reindex (c);
      return;
    }
  size_t s = d->hash & (c->dtabsz - 1);
  while (c->dtab[s])
    s = (s + 1) & (c->dtabsz - 1);
  c->dtab[s] = c->ndone;
}

/* Forget the calls whose rows ended more than CC_CDR_RETAIN_S before the
   latest end read.  */
static void
done_prune (cc_cdr *c)
{
  size_t j = 0;
  for (size_t i = 0; i < c->ndone; i++)
    if (c->done[i].end + CC_CDR_RETAIN_S * CC_USEC_PER_SEC >= c->max_end)
      c->done[j++] = c->done[i];
  if (j == c->ndone)
    return;
  c->ndone = j;
  done_reindex (c);
}

/* ---- delivering a call ------------------------------------------------- */

/* Format the duration US (microseconds, not negative) as seconds into BUF
   (32 bytes): whole seconds bare, else up to six decimals.  */
static void
fmt_secs (char *buf, int64_t us)
{
  int64_t s = us / CC_USEC_PER_SEC, f = us % CC_USEC_PER_SEC;
  if (!f)
    {
      snprintf (buf, 32, "%lld", (long long)s);
      return;
    }
  int k = snprintf (buf, 32, "%lld.%06lld", (long long)s, (long long)f);
  while (k > 0 && buf[k - 1] == '0')
    buf[--k] = '\0';
}

/* The peer of a channel name P[0..N): the name without Asterisk's
   "-<hex>[;<digit>]" suffix ("SIP/1001-0000000a" gives "SIP/1001",
   "Local/1001@from-queue-0000001c;1" gives "Local/1001@from-queue").
   Returns its length.  */
static size_t
peer_len (const char *p, size_t n)
{
  size_t d = n;
  while (d > 0 && p[d - 1] != '-')
    d--;
  if (d < 2)
    return n;
  size_t i = d, hex = 0;
  while (i < n
         && ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')
             || (p[i] >= 'A' && p[i] <= 'F')))
    i++, hex++;
  if (hex == 0)
    return n;
  if (i < n)
    {
      if (p[i] != ';' || i + 1 == n)
        return n;
      for (i++; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
          return n;
    }
  return d - 1;
}

/* True when row R ran the application NAME (ASCII case ignored).  */
static bool
app_is (const row *r, const char *name)
{
  return rv (r, C_LASTAPP) && strcasecmp (rv (r, C_LASTAPP), name) == 0;
}

/* The queue name of a Queue row R: the first argument of lastdata (split at
   ',' or '|', spaces trimmed).  Sets *N; NULL when empty.  */
static const char *
queue_name (const row *r, size_t *n)
{
  const char *p = rv (r, C_LASTDATA);
  if (!p)
    return NULL;
  size_t e = 0;
  while (p[e] && p[e] != ',' && p[e] != '|')
    e++;
  size_t b = 0;
  while (b < e && p[b] == ' ')
    b++;
  while (e > b && p[e - 1] == ' ')
    e--;
  *n = e - b;
  return e > b ? p + b : NULL;
}

/* A text value of row R as a record value (null when missing).  */
static cc_val
text_val (const row *r, int k)
{
  return rv (r, k) ? cc_v_strn (rv (r, k), r->len[k]) : cc_v_null ();
}

/* True when row R was answered by another party: ANSWERED with an answer
   time and a dstchannel, and not left in VoiceMail (Asterisk before 12 keeps
   the dstchannel of a failed Dial when VoiceMail then answers).  */
static bool
party_answered (const row *r)
{
  return r->disp == D_ANSWERED && r->has_answer && rv (r, C_DSTCHANNEL) && !app_is (r, "VoiceMail")
         && !app_is (r, "VoiceMailMain");
}

/* True when the dstchannel of R is a Local channel.  */
static bool
to_local (const row *r)
{
  return rv (r, C_DSTCHANNEL) && strncasecmp (rv (r, C_DSTCHANNEL), "Local/", 6) == 0;
}

/* True when answered row R answered before row A (or at the same time, to a
   real channel where A went to a Local one); A may be NULL.  */
static bool
answered_first (const row *r, const row *a)
{
  return !a || r->answer < a->answer || (r->answer == a->answer && to_local (a) && !to_local (r));
}

/* Deliver call K to SINK as one record (see ccreport(1), ASTERISK CDR).
   Returns 0, or -1 when the sink stops.  */
static int
deliver (cc_cdr *c, const call *k, cc_sink *sink)
{
  const row *o = &k->rows[0], *a = NULL, *fin = &k->rows[0], *q = NULL;
  cc_usec end = k->rows[0].end;
  for (size_t i = 0; i < k->nrows; i++)
    {
      const row *r = &k->rows[i];
      if (r->start < o->start)
        o = r;
      if (r->end >= fin->end)
        fin = r;
      if (r->end > end)
        end = r->end;
      if (party_answered (r) && answered_first (r, a))
        a = r;
      if (app_is (r, "Queue") && (!q || r->start < q->start))
        q = r;
    }
  if (a && app_is (a, "Queue"))
    q = a;

  /* The passed-through columns come from the answering row, else the first
     one; so do the record's column names.  */
  const row *pr = a ? a : o;
  layout *l = pr->lay;
  layout_resolve (c, l, sink);
  if (c->capv < l->nnames)
    {
      c->capv = l->nnames;
      c->v = cc_xrealloc (c->v, c->capv * sizeof *c->v);
    }
  cc_val *v = c->v;
  for (size_t i = 0; i < l->nnames; i++)
    v[i] = cc_v_null ();
  char arr[48], ans[48], ended[48], wait[32], handle[32], attempts[32];
  if (rv (o, C_LINKEDID))
    v[O_ID] = text_val (o, C_LINKEDID);
  else if (rv (o, C_UNIQUEID))
    v[O_ID] = text_val (o, C_UNIQUEID);
  else
    {
      /* No id in the file: one made from the row itself, the same whatever
         the input's name or position.  */
      c->idbuf.n = 0;
      cc_buf_printf (&c->idbuf, "cdr-%016llx", (unsigned long long)hash_bytes (o->buf, o->rawlen));
      v[O_ID] = cc_v_strn (c->idbuf.p, c->idbuf.n);
    }
  v[O_CHANNEL] = cc_v_str ("voice");
  size_t qn = 0;
  const char *qp = q ? queue_name (q, &qn) : NULL;
  v[O_QUEUE] = qp ? cc_v_strn (qp, qn) : text_val (o, C_DCONTEXT);

  const char *outcome, *disp;
  if (a)
    {
      outcome = "answered";
      disp = disp_names[D_ANSWERED];
      v[O_AGENT]
          = cc_v_strn (rv (a, C_DSTCHANNEL), peer_len (rv (a, C_DSTCHANNEL), a->len[C_DSTCHANNEL]));
    }
  else
    {
      disp = disp_names[fin->disp];
      if (q)
        outcome = "abandoned";
      else if (fin->disp == D_ANSWERED)
        /* VoiceMail takes a message; VoiceMailMain, the owner checking the
           mailbox, is self-service like any other application.  */
        outcome = app_is (fin, "VoiceMail") ? "voicemail" : "self_service";
      else
        outcome = disp_outcomes[fin->disp];
    }
  v[O_OUTCOME] = cc_v_str (outcome);
  cc_time_format (arr, o->start, 0);
  v[O_ARRIVED] = cc_v_str (arr);
  cc_time_format (ended, end, 0);
  v[O_ENDED] = cc_v_str (ended);
  if (a)
    {
      cc_time_format (ans, a->answer, 0);
      v[O_ANSWERED] = cc_v_str (ans);
      fmt_secs (wait, a->answer - o->start);
      int64_t h
          = a->has_billsec && !a->billsec_bad ? a->billsec * CC_USEC_PER_SEC : a->end - a->answer;
      fmt_secs (handle, h);
      v[O_HANDLE] = cc_v_num (handle);
    }
  else
    fmt_secs (wait, end - o->start);
  v[O_WAIT] = cc_v_num (wait);
  v[O_SRC] = text_val (o, C_SRC);
  v[O_DST] = text_val (o, C_DST);
  v[O_CLID] = text_val (o, C_CLID);
  v[O_DCONTEXT] = text_val (o, C_DCONTEXT);
  v[O_DISPOSITION] = cc_v_str (disp);
  v[O_ACCOUNTCODE] = text_val (o, C_ACCOUNTCODE);
  v[O_USERFIELD] = text_val (o, C_USERFIELD);
  v[O_UNIQUEID] = text_val (o, C_UNIQUEID);
  v[O_LINKEDID] = text_val (o, C_LINKEDID);
  snprintf (attempts, sizeof attempts, "%zu", k->nrows);
  v[O_ATTEMPTS] = cc_v_num (attempts);
  char nums[3][24];
  for (size_t i = O_N; i < l->nnames; i++)
    {
      int32_t src = l->src[i - O_N];
      if (src < 0)
        {
          uint32_t off = pr->xoff[-1 - src];
          if (off)
            v[i] = cc_v_str (pr->buf + off);
          continue;
        }
      /* Numbers as read (not as written: "007" is no JSON number).  */
      int kn = src == C_DURATION ? 0 : src == C_BILLSEC ? 1 : src == C_SEQUENCE ? 2 : -1;
      if (kn < 0)
        v[i] = text_val (pr, src);
      else if (rv (pr, src))
        {
          int64_t x = kn == 0 ? pr->duration : kn == 1 ? pr->billsec : pr->sequence;
          snprintf (nums[kn], sizeof nums[kn], "%lld", (long long)x);
          v[i] = cc_v_num (nums[kn]);
        }
    }

  cc_row r;
  r.names = l->names;
  r.vals = v;
  r.n = l->nnames;
  r.slot = l->slot;
  r.file = o->file;
  r.line = o->line;
  r.raw = o->buf;
  r.rawlen = o->rawlen;
  c->st.calls++;
  return cc_sink_put (sink, &r);
}

/* Deliver and forget call K.  Returns 0 or -1.  */
static int
flush_call (cc_cdr *c, call *k, cc_sink *sink)
{
  int rc = deliver (c, k, sink);
  done_add (c, k);
  drop_call (c, k);
  return rc;
}

/* Deliver the held calls whose latest row ended more than CC_CDR_WINDOW_S
   before the latest end read (all of them when ALL), in order of first
   appearance; forget old delivered ones.  Returns 0 or -1.  */
static int
sweep (cc_cdr *c, cc_sink *sink, bool all)
{
  cc_usec limit = c->max_end - CC_CDR_WINDOW_S * CC_USEC_PER_SEC;
  for (call *k = c->head, *nx; k; k = nx)
    {
      nx = k->next;
      if ((all || k->last_end < limit) && flush_call (c, k, sink) != 0)
        return -1;
    }
  c->swept = c->max_end;
  done_prune (c);
  return 0;
}

/* ---- one line ---------------------------------------------------------- */

/* Count a diagnostic of KIND for row R, and leave R out of the calls when
   LEAVE (freeing it).  */
static void
row_diag (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag, row *r, const char *kind, bool leave,
          const char *msg)
{
  cc_srcdiag_add (diag, sink->reject, kind, r->file, r->line, r->buf, r->rawlen, "%s", msg);
  if (leave)
    {
      c->st.left_out++;
      row_free (r);
    }
}

/* Check row R against itself (times in order, a known disposition, billsec
   and duration against the times, an answer time when answered).  Returns
   false when R was left out.  */
static bool
check_row (cc_cdr *c, const layout *l, cc_sink *sink, cc_srcdiag *diag, row *r)
{
  const char *order = r->end < r->start                       ? "end is before start"
                      : r->has_answer && r->answer < r->start ? "answer is before start"
                      : r->has_answer && r->end < r->answer   ? "end is before answer"
                                                              : NULL;
  if (order)
    {
      row_diag (c, sink, diag, r, "time_order", true, order);
      return false;
    }
  if (r->disp == D_UNKNOWN)
    {
      snprintf (c->err, sizeof c->err,
                "disposition '%.*s' is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION",
                rv (r, C_DISPOSITION) ? shown (rv (r, C_DISPOSITION), r->len[C_DISPOSITION]) : 0,
                rv (r, C_DISPOSITION) ? rv (r, C_DISPOSITION) : "");
      row_diag (c, sink, diag, r, "unknown_disposition", true, c->err);
      return false;
    }
  bool answer_read = r->has_answer;
  if (!r->has_answer && r->disp == D_ANSWERED)
    {
      /* No answer time: from billsec when there is one.  */
      if (r->has_billsec && r->billsec * CC_USEC_PER_SEC <= r->end - r->start + CC_USEC_PER_SEC)
        {
          r->answer = r->end - r->billsec * CC_USEC_PER_SEC;
          if (r->answer < r->start)
            r->answer = r->start;
          r->has_answer = true;
          if (l->has[C_ANSWER])
            row_diag (c, sink, diag, r, "answer_missing", false,
                      "ANSWERED without an answer time: taken as end - billsec");
        }
      else if (r->has_billsec)
        {
          snprintf (c->err, sizeof c->err, "billsec %lld is longer than end - start (%lld s)",
                    (long long)r->billsec, (long long)((r->end - r->start) / CC_USEC_PER_SEC));
          row_diag (c, sink, diag, r, "time_order", true, c->err);
          return false;
        }
      else
        row_diag (c, sink, diag, r, "answer_missing", false,
                  "ANSWERED without an answer time or billsec: not counted as answered");
    }
  if (answer_read && r->has_billsec)
    {
      int64_t span = r->end - r->answer;
      int64_t d = r->billsec * CC_USEC_PER_SEC - span;
      if (d > CC_USEC_PER_SEC || d < -CC_USEC_PER_SEC)
        {
          r->billsec_bad = true;
          char secs[32];
          fmt_secs (secs, span);
          snprintf (c->err, sizeof c->err,
                    "billsec %lld but end - answer is %s s (the times are used)",
                    (long long)r->billsec, secs);
          row_diag (c, sink, diag, r, "billsec_mismatch", false, c->err);
        }
    }
  else if (!r->has_answer && r->has_billsec && r->billsec > 0)
    {
      snprintf (c->err, sizeof c->err, "billsec %lld without an answer time",
                (long long)r->billsec);
      row_diag (c, sink, diag, r, "billsec_mismatch", false, c->err);
    }
  if (r->has_duration && l->has[C_END])
    {
      int64_t span = r->end - r->start;
      int64_t d = r->duration * CC_USEC_PER_SEC - span;
      if (d > CC_USEC_PER_SEC || d < -CC_USEC_PER_SEC)
        {
          char secs[32];
          fmt_secs (secs, span);
          snprintf (c->err, sizeof c->err, "duration %lld but end - start is %s s",
                    (long long)r->duration, secs);
          row_diag (c, sink, diag, r, "duration_mismatch", false, c->err);
        }
    }
  return true;
}

/* Merge good row R into its call.  Takes R.  Returns 0 or -1.  */
static int
merge_row (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag, row *r)
{
  const char *id = rv (r, C_LINKEDID) ? rv (r, C_LINKEDID) : rv (r, C_UNIQUEID);
  size_t idn = rv (r, C_LINKEDID) ? r->len[C_LINKEDID] : r->len[C_UNIQUEID];
  bool by_line = id == NULL;
  const char *kp = by_line ? r->buf : id;
  size_t kn = by_line ? r->rawlen : idn;
  char *key = cc_xmalloc (kn + 1);
  key[0] = by_line ? 'R' : 'I';
  memcpy (key + 1, kp, kn);
  kn++;
  uint64_t h = hash_bytes (key, kn);
  call *k = find_call (c, key, kn, h);
  if (!k)
    {
      const done *d = done_find (c, h);
      if (d)
        {
          free (key);
          if (d->by_line)
            row_diag (c, sink, diag, r, "duplicate", true,
                      "the same row as one read more than 2 hours before");
          else
            {
              snprintf (c->err, sizeof c->err,
                        "a row of call '%.*s', already reported: its other rows ended over %d "
                        "hours before",
                        shown (id, idn), id, CC_CDR_WINDOW_S / 3600);
              row_diag (c, sink, diag, r, "late_row", true, c->err);
            }
          return 0;
        }
      k = cc_xcalloc (1, sizeof *k);
      k->key = key;
      k->keylen = kn;
      k->hash = h;
      k->by_line = by_line;
      k->last_end = r->end;
      add_call (c, k);
    }
  else
    free (key);
  for (size_t i = 0; i < k->nrows; i++)
    {
      const row *x = &k->rows[i];
      bool same = x->rawlen == r->rawlen && memcmp (x->buf, r->buf, r->rawlen) == 0;
      bool seq = !same && x->has_sequence && r->has_sequence && x->sequence == r->sequence
                 && rv (x, C_UNIQUEID) && rv (r, C_UNIQUEID)
                 && strcmp (rv (x, C_UNIQUEID), rv (r, C_UNIQUEID)) == 0;
      if (same || seq)
        {
          if (same)
            snprintf (c->err, sizeof c->err, "the same row as line %llu",
                      (unsigned long long)x->line);
          else
            snprintf (c->err, sizeof c->err, "uniqueid and sequence %lld as line %llu",
                      (long long)x->sequence, (unsigned long long)x->line);
          row_diag (c, sink, diag, r, "duplicate", true, c->err);
          return 0;
        }
    }
  if (k->nrows >= CC_CDR_MAX_ROWS)
    {
      snprintf (c->err, sizeof c->err, "call has more than %d rows: row left out", CC_CDR_MAX_ROWS);
      row_diag (c, sink, diag, r, "too_many_rows", true, c->err);
      return 0;
    }
  if (k->nrows == k->caprows)
    {
      k->caprows = k->caprows ? 2 * k->caprows : 1;
      k->rows = cc_xrealloc (k->rows, k->caprows * sizeof *k->rows);
    }
  k->rows[k->nrows++] = *r;
  if (r->end > k->last_end)
    k->last_end = r->end;
  c->st.merged++;

  if (!c->have_end)
    {
      c->have_end = true;
      c->max_end = c->swept = r->end;
    }
  else if (r->end > c->max_end)
    c->max_end = r->end;
  if (c->max_end - c->swept >= SWEEP_STEP_S * CC_USEC_PER_SEC && sweep (c, sink, false) != 0)
    return -1;
  while (c->npending > CC_CDR_MAX_PENDING)
    {
      const row *o = &c->head->rows[0];
      snprintf (c->err, sizeof c->err,
                "more than %d calls open: this one reported before all its rows may be read",
                CC_CDR_MAX_PENDING);
      cc_srcdiag_add (diag, sink->reject, "window_full", o->file, o->line, o->buf, o->rawlen, "%s",
                      c->err);
      if (flush_call (c, c->head, sink) != 0)
        return -1;
    }
  return 0;
}

/* True when a row ending at END may move the clock only once the next row
   confirms it: the clock is not set yet, or END is more than the window
   ahead of it.  */
static bool
is_jump (const cc_cdr *c, cc_usec end)
{
  return !c->have_end || end > c->max_end + CC_CDR_WINDOW_S * CC_USEC_PER_SEC;
}

/* The next row, ending at NEXT, has been read: decide on the row held back
   (if any).  It is a wild date, left out with a time_jump diagnostic, when
   it ends more than the window after both the clock and NEXT (a real gap in
   the input has the next row near it, or later); else it is merged.
   Returns 0 or -1.  */
static int
settle_pending (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag, cc_usec next)
{
  if (!c->have_pend)
    return 0;
  c->have_pend = false;
  row *p = &c->pend;
  if (is_jump (c, p->end) && p->end > next + CC_CDR_WINDOW_S * CC_USEC_PER_SEC)
    {
      char when[48];
      cc_time_format (when, p->end, 0);
      snprintf (c->err, sizeof c->err,
                "ends at %s, more than %d hours after the rows around it: left out", when,
                CC_CDR_WINDOW_S / 3600);
      row_diag (c, sink, diag, p, "time_jump", true, c->err);
      return 0;
    }
  return merge_row (c, sink, diag, p);
}

/* Take good row R (its predecessor settled): merge it, or hold it back
   when it may be a jump.  Takes R.  Returns 0 or -1.  */
static int
take_row (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag, row *r)
{
  if (!is_jump (c, r->end))
    return merge_row (c, sink, diag, r);
  c->pend = *r;
  c->have_pend = true;
  return 0;
}

/* Read one non-blank line S[0..N), line LINE of FILE (FIRST: the input's
   first such line, which may be a header).  Returns 0, or -1 when the run
   stops.  */
static int
do_line (cc_cdr *c, const char *file, uint64_t line, const char *s, size_t n, bool first,
         cc_sink *sink, cc_srcdiag *diag)
{
  uint64_t col = 0;
  bool repaired = false;
  const char *why = check_bytes (c, s, n, &col);
  layout *l = NULL;
  char strict_err[200];
  if (!why)
    {
      why = split (c, s, n, true, &col, &repaired);
      if (!why && first && take_header (c))
        {
          c->st.headers++;
          return layout_check (c, c->hdr, sink, file);
        }
      if (!why && !(l = pick_layout (c)))
        why = c->err, col = 0;
      if (why && memchr (s, '"', n))
        {
          /* The lenient reading, kept only when it fits a layout.  */
          snprintf (strict_err, sizeof strict_err, "%s", why);
          why = strict_err;
          uint64_t col2 = 0;
          if (!split (c, s, n, false, &col2, &repaired) && repaired && (l = pick_layout (c)))
            why = NULL;
          else
            repaired = false;
        }
    }
  if (!why && layout_check (c, l, sink, file) != 0)
    return -1;
  c->st.rows++;
  row r;
  if (!why)
    why = make_row (c, l, file, line, s, n, &r, &col);
  if (why)
    {
      c->st.bad++;
      return cc_sink_bad (sink, file, line, col, why, s, n);
    }
  /* The row held back is settled first, so that diagnostics come in the
     order of the lines.  */
  if (settle_pending (c, sink, diag, r.end) != 0)
    {
      row_free (&r);
      return -1;
    }
  if (repaired)
    cc_srcdiag_add (diag, sink->reject, "quotes_repaired", file, line, s, n, "%s",
                    "quotes inside a field were not doubled: read as literal quotes");
  if (!check_row (c, l, sink, diag, &r))
    return 0;
  return take_row (c, sink, diag, &r);
}

/* ---- the reader -------------------------------------------------------- */

cc_cdr *
cc_cdr_new (const cc_cdr_opts *o, char *err, size_t errlen)
{
  cc_cdr *c = cc_xcalloc (1, sizeof *c);
  c->max_field = o->max_field ? o->max_field : (size_t)1 << 20;
  c->max_line = 16 * c->max_field + 65536;
  if (c->max_line > MAX_LINE)
    c->max_line = MAX_LINE;
  make_csv_layouts (c);
  if (o->columns)
    {
      /* Split at commas, spaces around a name trimmed.  */
      size_t n = 1;
      for (const char *p = o->columns; *p; p++)
        n += *p == ',';
      const char **name = cc_xmalloc (n * sizeof *name);
      size_t *len = cc_xmalloc (n * sizeof *len);
      int8_t *cols = cc_xmalloc (n);
      const char *p = o->columns;
      for (size_t i = 0; i < n; i++)
        {
          const char *e = strchr (p, ',');
          if (!e)
            e = p + strlen (p);
          const char *b = p;
          while (b < e && *b == ' ')
            b++;
          const char *t = e;
          while (t > b && t[-1] == ' ')
            t--;
          name[i] = b;
          len[i] = (size_t)(t - b);
          p = *e ? e + 1 : e;
        }
      const char *why = *o->columns ? layout_names (cols, name, len, n, false, err, errlen)
                                    : (snprintf (err, errlen, "no columns"), err);
      if (!why)
        layout_set (&c->custom, cols, n, NULL, 0, name, len);
      free (name);
      free (len);
      free (cols);
      if (why)
        {
          cc_cdr_free (c);
          return NULL;
        }
    }
  return c;
}

/* A new read or the finish, maybe with another sink: the layouts' slots
   are resolved and checked again.  */
static void
prepare_sink (cc_cdr *c)
{
  if (++c->gen == 0)
    c->gen = 1;
}

int
cc_cdr_read_stream (cc_cdr *c, FILE *f, const char *name, cc_sink *sink, cc_srcdiag *diag)
{
  c->names = cc_xrealloc (c->names, (c->nnames + 1) * sizeof *c->names);
  const char *file = c->names[c->nnames++] = cc_xstrdup (name);
  prepare_sink (c);
  c->hdr = NULL;
  if (!c->rbuf)
    {
      c->rcap = 65536;
      c->rbuf = cc_xmalloc (c->rcap);
    }
  size_t beg = 0, end = 0, scanned = 0;
  bool eof = false, first = true;
  uint64_t line = 0;
  for (;;)
    {
      char *nl = scanned < end ? memchr (c->rbuf + scanned, '\n', end - scanned) : NULL;
      if (!nl && !eof && end - beg <= c->max_line)
        {
          if (beg > 0)
            {
              memmove (c->rbuf, c->rbuf + beg, end - beg);
              end -= beg;
              beg = 0;
            }
          if (end == c->rcap)
            {
              size_t ncap = c->rcap * 2 > c->max_line + 2 ? c->max_line + 2 : c->rcap * 2;
              c->rbuf = cc_xrealloc (c->rbuf, c->rcap = ncap);
            }
          scanned = end;
          size_t got = fread (c->rbuf + end, 1, c->rcap - end, f);
          end += got;
          if (got == 0)
            {
              if (ferror (f))
                {
                  cc_err ("%s: read error: %s", name, strerror (errno));
                  return -1;
                }
              eof = true;
            }
          continue;
        }
      if (!nl && end - beg > c->max_line)
        {
          /* Too long: keep its start for the reject stream, skip the rest.  */
          line++;
          char keep[LONG_RAW];
          size_t nkeep = LONG_RAW;
          memcpy (keep, c->rbuf + beg, nkeep);
          beg = end = scanned = 0;
          while (!eof)
            {
              size_t got = fread (c->rbuf, 1, c->rcap, f);
              if (got == 0)
                {
                  if (ferror (f))
                    {
                      cc_err ("%s: read error: %s", name, strerror (errno));
                      return -1;
                    }
                  eof = true;
                  break;
                }
              char *p = memchr (c->rbuf, '\n', got);
              if (p)
                {
                  beg = scanned = (size_t)(p - c->rbuf) + 1;
                  end = got;
                  break;
                }
            }
          first = false;
          c->st.rows++;
          c->st.bad++;
          snprintf (c->err, sizeof c->err, "line longer than %zu bytes", c->max_line);
          if (cc_sink_bad (sink, file, line, 0, c->err, keep, nkeep) != 0)
            return -1;
          continue;
        }
      if (!nl && beg == end)
        break; /* the end */
      char *s = c->rbuf + beg;
      size_t n = nl ? (size_t)(nl - s) : end - beg;
      beg += n + (nl ? 1 : 0);
      scanned = beg;
      line++;
      if (n && s[n - 1] == '\r')
        n--;
      if (line == 1 && n >= 3 && memcmp (s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
      size_t i = 0;
      while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
      if (i == n)
        continue;
      int rc = do_line (c, file, line, s, n, first, sink, diag);
      first = false;
      if (rc != 0)
        return -1;
    }
  return 0;
}

int
cc_cdr_read (cc_cdr *c, const char *path, cc_sink *sink, cc_srcdiag *diag)
{
  bool std = strcmp (path, "-") == 0;
  FILE *f = std ? stdin : fopen (path, "r");
  if (!f)
    {
      cc_err ("cannot open %s: %s", path, strerror (errno));
      return -1;
    }
  int rc = cc_cdr_read_stream (c, f, path, sink, diag);
  if (!std)
    fclose (f);
  return rc;
}

int
cc_cdr_finish (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag)
{
  prepare_sink (c);
  /* A row still held back has no next row to judge it by: it is taken.  */
  if (c->have_pend)
    {
      c->have_pend = false;
      if (merge_row (c, sink, diag, &c->pend) != 0)
        return -1;
    }
  return sweep (c, sink, true);
}

void
cc_cdr_get_stats (const cc_cdr *c, cc_cdr_stats *s)
{
  *s = c->st;
}

void
cc_cdr_free (cc_cdr *c)
{
  if (!c)
    return;
  while (c->head)
    drop_call (c, c->head);
  if (c->have_pend)
    row_free (&c->pend);
  free (c->tab);
  free (c->done);
  free (c->dtab);
  layout_free (&c->custom);
  while (c->hdrs)
    {
      layout *l = c->hdrs;
      c->hdrs = l->older;
      layout_free (l);
      free (l);
    }
  for (int v = 0; v < 8; v++)
    layout_free (&c->csv[v]);
  for (size_t i = 0; i < c->nnames; i++)
    free (c->names[i]);
  free (c->names);
  cc_buf_free (&c->vals);
  cc_buf_free (&c->idbuf);
  free (c->f);
  free (c->v);
  free (c->rbuf);
  free (c);
}
