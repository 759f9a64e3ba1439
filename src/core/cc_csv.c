/* cc_csv: one CSV record at a time, fast for the common line and strict for
   every other.

   Three paths, cheapest first:
   1. a line without quotes, CR, NUL or non-ASCII bytes (checked eight bytes at
      a time) is split on commas in place;
   2. a record with quotes goes through our strict quote-aware scanner, which
      accepts only fields that are either unquoted or wholly quoted with ""
      escapes, and copies a field only when it must unescape it;
   3. anything that scanner does not accept is parsed by libcsv in strict mode,
      fed one physical line at a time: libcsv's verdict stands, and its byte
      count gives the column of an error.
   Values are then checked to be UTF-8 without NUL bytes.  */
#include <config.h>

#include "cc_csv.h"

#include <csv.h>
#include <stdlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string.h>

#include "cc_diag.h"
#include "cc_utf8.h"

/* Per-field bookkeeping while a record is assembled.  */
typedef struct fld
{
  size_t off;     /* offset of the bytes: in the record buffer or in scratch */
  size_t n;       /* length */
  size_t start;   /* offset of the field's first byte in the record buffer */
  uint8_t kind;   /* CC_NULL or CC_STR */
  uint8_t inscr;  /* bytes live in scratch (unescaped) */
} fld;

struct cc_csvp
{
  size_t max_field;          /* longest field accepted */
  cc_val *vals;              /* values handed out */
  fld *f;                    /* fields being assembled */
  size_t cap;                /* entries allocated in vals and f */
  size_t nf;                 /* fields assembled */
  cc_buf scratch;            /* unescaped field bytes */
  struct csv_parser lp;      /* libcsv, for the irregular records */
  int lp_ok;                 /* lp was initialised */
  int lrecs;                 /* records libcsv ended in the current feed */
  int lafter;                /* fields libcsv gave after a record ended */
  char err[192];             /* the current error message */
};

/* The field-size cap libcsv may allocate up to, for the parser in this thread.  */
static _Thread_local size_t libcsv_cap;

/* libcsv's allocator: refuse to grow a field past the cap, so a stray quote
   cannot swallow the whole input.  */
static void *
capped_realloc (void *p, size_t n)
{
  if (n > libcsv_cap + 64)
    return NULL;
  return realloc (p, n);
}

/* libcsv must not trim spaces: RFC 4180 keeps them.  */
static int
no_space (unsigned char c)
{
  (void) c;
  return 0;
}

cc_csvp *
cc_csvp_new (size_t max_field)
{
  cc_csvp *p = cc_xcalloc (1, sizeof *p);
  p->max_field = max_field;
  p->cap = 32;
  p->vals = cc_xmalloc (p->cap * sizeof *p->vals);
  p->f = cc_xmalloc (p->cap * sizeof *p->f);
  return p;
}

void
cc_csvp_free (cc_csvp *p)
{
  if (!p)
    return;
  if (p->lp_ok)
    csv_free (&p->lp);
  free (p->vals);
  free (p->f);
  cc_buf_free (&p->scratch);
  free (p);
}

/* Make room for one more field.  */
static fld *
add_field (cc_csvp *p)
{
  if (p->nf == p->cap)
    {
      p->cap *= 2;
      p->vals = cc_xrealloc (p->vals, p->cap * sizeof *p->vals);
      p->f = cc_xrealloc (p->f, p->cap * sizeof *p->f);
    }
  return &p->f[p->nf++];
}

/* Fill OUT for a bad record: reason, column of offset OFF in BUF (the record's
   start), and bytes to skip: through the end of the line holding SKIPFROM, or
   all of AVAIL at end of input.  Returns CC_PARSE_MORE when that line end is
   not in the buffer yet.  */
static int
bad (cc_csvp *p, const char *buf, size_t avail, bool eof, size_t off,
     size_t skipfrom, cc_parse_out *out)
{
  const char *nl = skipfrom < avail ? memchr (buf + skipfrom, '\n', avail - skipfrom) : NULL;
  if (!nl && !eof)
    return CC_PARSE_MORE;
  size_t end = nl ? (size_t) (nl - buf) + 1 : avail;
  uint32_t lines = 0, errline = 0;
  size_t linestart = 0;
  for (const char *q = buf; (q = memchr (q, '\n', (size_t) (buf + end - q))); q++)
    {
      lines++;
      if ((size_t) (q - buf) < off)
        {
          errline++;
          linestart = (size_t) (q - buf) + 1;
        }
    }
  out->err = p->err;
  out->col = off - linestart + 1;
  out->errline = errline;
  out->used = end;
  out->lines = lines;
  out->rawlen = end;
  if (out->rawlen && buf[out->rawlen - 1] == '\n')
    out->rawlen--;
  if (out->rawlen && buf[out->rawlen - 1] == '\r')
    out->rawlen--;
  return CC_PARSE_BAD;
}

/* True when P[0..N) holds a NUL or a non-ASCII byte.  */
static bool
needs_utf8_check (const char *p, size_t n)
{
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    {
      uint64_t x;
      memcpy (&x, p + i, 8);
      if (((x - UINT64_C (0x0101010101010101)) & ~x & UINT64_C (0x8080808080808080))
          | (x & UINT64_C (0x8080808080808080)))
        return true;
    }
  for (; i < n; i++)
    if (p[i] == 0 || (unsigned char) p[i] >= 0x80)
      return true;
  return false;
}

/* Turn the assembled fields into values, checking UTF-8 and the size limit.
   Returns CC_PARSE_OK or CC_PARSE_BAD.  */
static int
finish (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  /* Most records are ASCII: one check of the record's bytes spares a check
     per field.  */
  bool ascii = !needs_utf8_check (buf, out->used) && !needs_utf8_check (p->scratch.p, p->scratch.n);
  for (size_t i = 0; i < p->nf; i++)
    {
      fld *f = &p->f[i];
      const char *s = f->inscr ? p->scratch.p + f->off : buf + f->off;
      if (f->n > p->max_field)
        {
          snprintf (p->err, sizeof p->err, "field %zu is longer than %zu bytes (--max-field-size)",
                    i + 1, p->max_field);
          /* The record is complete here, so all of it is the bad record.  */
          return bad (p, buf, avail, eof, f->start, out->used ? out->used - 1 : 0, out);
        }
      size_t k = ascii ? f->n : cc_utf8_check (s, f->n);
      if (k < f->n)
        {
          snprintf (p->err, sizeof p->err, "%s in field %zu",
                    s[k] == '\0' ? "NUL byte" : "invalid UTF-8", i + 1);
          return bad (p, buf, avail, eof, f->inscr ? f->start : f->off + k,
                      out->used ? out->used - 1 : 0, out);
        }
      p->vals[i].p = s;
      p->vals[i].n = (uint32_t) f->n;
      p->vals[i].kind = f->kind;
    }
  out->vals = p->vals;
  out->n = p->nf;
  out->keys = NULL;
  return CC_PARSE_OK;
}

/* libcsv field callback: keep a copy of the field in scratch.  */
static void
lcb_field (void *s, size_t len, void *data)
{
  cc_csvp *p = data;
  if (p->lrecs)
    {
      p->lafter = 1;
      return;
    }
  fld *f = add_field (p);
  f->off = p->scratch.n;
  f->n = s ? len : 0;
  f->start = 0;
  f->kind = s ? CC_STR : CC_NULL;
  f->inscr = 1;
  if (s)
    cc_buf_add (&p->scratch, s, len);
}

/* libcsv record callback.  */
static void
lcb_row (int c, void *data)
{
  cc_csvp *p = data;
  (void) c;
  if (p->lrecs)
    p->lafter = 1;
  p->lrecs++;
}

/* The offset of the first CR in BUF[0..N) not followed by LF, or 0.  */
static size_t
bare_cr (const char *buf, size_t n)
{
  for (const char *c = buf; (c = memchr (c, '\r', (size_t) (buf + n - c))); c++)
    if (c + 1 == buf + n || c[1] != '\n')
      return (size_t) (c - buf);
  return 0;
}

/* The offset of the quote that opens the field still open at offset END of
   the record at BUF (walking fields as RFC 4180 does), or 0.  */
static size_t
open_quote (const char *buf, size_t end)
{
  size_t i = 0, open = 0;
  bool fieldstart = true, inq = false;
  for (; i < end; i++)
    {
      char c = buf[i];
      if (inq)
        {
          if (c == '"')
            {
              if (i + 1 < end && buf[i + 1] == '"')
                i++;
              else
                inq = false;
            }
          continue;
        }
      if (c == '"' && fieldstart)
        {
          inq = true;
          open = i;
        }
      fieldstart = c == ',' || c == '\n' || c == '\r';
    }
  return inq ? open : 0;
}

/* Parse the record at BUF with libcsv (strict), one physical line at a time.  */
static int
judge_with_libcsv (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  if (!p->lp_ok)
    {
      if (csv_init (&p->lp, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
        cc_die (CC_EXIT_FAIL, "memory exhausted");
      csv_set_space_func (&p->lp, no_space);
      csv_set_realloc_func (&p->lp, capped_realloc);
      p->lp_ok = 1;
    }
  libcsv_cap = p->max_field;
  /* Start from a clean parser: csv_fini cannot reset one left inside a
     quoted field under CSV_STRICT_FINI.  */
  csv_free (&p->lp);
  if (csv_init (&p->lp, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
    cc_die (CC_EXIT_FAIL, "memory exhausted");
  csv_set_space_func (&p->lp, no_space);
  csv_set_realloc_func (&p->lp, capped_realloc);
  p->nf = 0;
  p->scratch.n = 0;
  p->lrecs = 0;
  p->lafter = 0;
  size_t off = 0;
  uint32_t lines = 0;
  for (;;)
    {
      const char *nl = off < avail ? memchr (buf + off, '\n', avail - off) : NULL;
      size_t seg = nl ? (size_t) (nl - buf) + 1 - off : avail - off;
      if (!nl && !eof)
        return CC_PARSE_MORE;
      size_t k = csv_parse (&p->lp, buf + off, seg, lcb_field, lcb_row, p);
      if (k < seg)
        {
          int e = csv_error (&p->lp);
          csv_fini (&p->lp, NULL, NULL, NULL);
          size_t at = off + k;
          if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
            {
              snprintf (p->err, sizeof p->err, "field longer than %zu bytes (--max-field-size)",
                        p->max_field);
              return bad (p, buf, avail, eof, at, 0, out);
            }
          snprintf (p->err, sizeof p->err, "%s", csv_strerror (e));
          /* libcsv's "error parsing data while strict checking enabled" is the
             only parse error; say what it means for a CSV author.  */
          if (e == CSV_EPARSE)
            snprintf (p->err, sizeof p->err, "bad quoting (a quote inside an unquoted field, "
                                             "or text after a closing quote)");
          return bad (p, buf, avail, eof, at, at, out);
        }
      if (nl)
        lines++;
      off += seg;
      if (!nl)
        {
          if (csv_fini (&p->lp, lcb_field, lcb_row, p) != 0)
            {
              csv_fini (&p->lp, NULL, NULL, NULL);
              snprintf (p->err, sizeof p->err, "unterminated quoted field");
              /* Report the opening quote; skip only the record's first line,
                 so what follows is still read.  */
              return bad (p, buf, avail, eof, open_quote (buf, off), 0, out);
            }
        }
      /* A record libcsv ended at a bare CR, with more of the line after it
         (even an open quoted field that gave no callback yet).  */
      if (p->lrecs && (p->lp.quoted || p->lp.entry_pos || p->lp.pstate != 0))
        p->lafter = 1;
      if (p->lafter)
        {
          csv_fini (&p->lp, NULL, NULL, NULL);
          snprintf (p->err, sizeof p->err, "carriage return inside a line (bare CR line ends are not supported)");
          return bad (p, buf, avail, eof, bare_cr (buf, off), 0, out);
        }
      if (p->lrecs || !nl)
        break;
    }
  out->used = off;
  out->lines = lines;
  out->rawlen = off;
  if (out->rawlen && buf[out->rawlen - 1] == '\n')
    out->rawlen--;
  if (out->rawlen && buf[out->rawlen - 1] == '\r')
    out->rawlen--;
  if (p->nf == 0)
    {
      out->n = 0;
      return CC_PARSE_BLANK;
    }
  return finish (p, buf, avail, eof, out);
}

/* The first byte from I on that ends an unquoted field or needs a closer look
   (comma, LF, quote, CR), or AVAIL.  */
static inline size_t
field_end (const char *buf, size_t i, size_t avail)
{
#if defined(__SSE2__)
  const __m128i vc = _mm_set1_epi8 (','), vn = _mm_set1_epi8 ('\n'), vq = _mm_set1_epi8 ('"'),
                vr = _mm_set1_epi8 ('\r');
  for (; i + 16 <= avail; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (buf + i));
      unsigned m = (unsigned) _mm_movemask_epi8 (
        _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, vc), _mm_cmpeq_epi8 (v, vn)),
                      _mm_or_si128 (_mm_cmpeq_epi8 (v, vq), _mm_cmpeq_epi8 (v, vr))));
      if (m)
        return i + (size_t) __builtin_ctz (m);
    }
#endif
  for (; i < avail; i++)
    {
      char c = buf[i];
      if (c == ',' || c == '\n' || c == '"' || c == '\r')
        break;
    }
  return i;
}

/* Our strict scanner for records with quotes.  Returns a status, or -1 when the
   record is irregular and libcsv must judge it.  */
static int
quoted_record (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  size_t pos = 0;
  uint32_t lines = 0;
  p->nf = 0;
  p->scratch.n = 0;
  for (;;)
    {
      fld *f = add_field (p);
      f->start = pos;
      f->inscr = 0;
      if (pos < avail && buf[pos] == '"')
        {
          size_t q = pos + 1, seg = q;
          int copied = 0;
          for (;;)
            {
              const char *e = q < avail ? memchr (buf + q, '"', avail - q) : NULL;
              if (!e)
                {
                  if (eof)
                    return -1; /* unterminated: libcsv's verdict */
                  /* Even a field over the limit is read to its closing quote
                     (the whole record is then the bad one); a runaway quote
                     stops at the scanner's record limit instead.  */
                  return CC_PARSE_MORE;
                }
              size_t ei = (size_t) (e - buf);
              if (ei + 1 == avail && !eof)
                return CC_PARSE_MORE;
              if (ei + 1 < avail && buf[ei + 1] == '"')
                {
                  if (!copied)
                    {
                      f->off = p->scratch.n;
                      copied = 1;
                    }
                  cc_buf_add (&p->scratch, buf + seg, ei + 1 - seg);
                  q = seg = ei + 2;
                  continue;
                }
              /* Closing quote at ei.  */
              if (copied)
                {
                  cc_buf_add (&p->scratch, buf + seg, ei - seg);
                  f->n = p->scratch.n - f->off;
                  f->inscr = 1;
                }
              else
                {
                  f->off = pos + 1;
                  f->n = ei - pos - 1;
                }
              for (const char *nl = buf + pos; (nl = memchr (nl, '\n', (size_t) (e - nl))); nl++)
                lines++;
              f->kind = CC_STR;
              pos = ei + 1;
              break;
            }
          if (pos == avail)
            {
              if (!eof)
                return CC_PARSE_MORE;
              break;
            }
          char c = buf[pos];
          if (c == ',')
            {
              pos++;
              continue;
            }
          if (c == '\n')
            {
              pos++;
              lines++;
              break;
            }
          if (c == '\r')
            {
              if (pos + 1 == avail && !eof)
                return CC_PARSE_MORE;
              if (pos + 1 < avail && buf[pos + 1] == '\n')
                {
                  pos += 2;
                  lines++;
                  break;
                }
            }
          return -1;
        }
      else
        {
          size_t i = field_end (buf, pos, avail);
          f->off = pos;
          f->n = i - pos;
          f->kind = f->n ? CC_STR : CC_NULL;
          if (i == avail)
            {
              if (!eof)
                return CC_PARSE_MORE;
              pos = i;
              break;
            }
          char c = buf[i];
          if (c == '"')
            return -1;
          if (c == ',')
            {
              pos = i + 1;
              continue;
            }
          if (c == '\n')
            {
              pos = i + 1;
              lines++;
              break;
            }
          /* CR: only as part of CRLF.  */
          if (i + 1 == avail && !eof)
            return CC_PARSE_MORE;
          if (i + 1 < avail && buf[i + 1] == '\n')
            {
              pos = i + 2;
              lines++;
              break;
            }
          return -1;
        }
    }
  out->used = pos;
  out->lines = lines;
  out->rawlen = pos;
  if (out->rawlen && buf[out->rawlen - 1] == '\n')
    out->rawlen--;
  if (out->rawlen && buf[out->rawlen - 1] == '\r')
    out->rawlen--;
  return finish (p, buf, avail, eof, out);
}

/* True when the eight bytes in X hold a zero byte.  */
#define HASZERO(x) (((x) - UINT64_C (0x0101010101010101)) & ~(x) & UINT64_C (0x8080808080808080))
#define REP8(c) (UINT64_C (0x0101010101010101) * (uint8_t) (c))

/* True when P[0..N) has a quote, CR, NUL or a non-ASCII byte.  */
static bool
needs_care (const char *p, size_t n)
{
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    {
      uint64_t x;
      memcpy (&x, p + i, 8);
      uint64_t m = HASZERO (x) | HASZERO (x ^ REP8 ('"')) | HASZERO (x ^ REP8 ('\r'))
                   | (x & UINT64_C (0x8080808080808080));
      if (m)
        return true;
    }
  for (; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      if (c == '"' || c == '\r' || c == 0 || c >= 0x80)
        return true;
    }
  return false;
}


static int slow_record (cc_csvp *p, const char *buf, size_t avail, bool eof,
                        cc_parse_out *out);

/* Results of the fast line splitter.  */
enum { FAST_OK, FAST_CARE, FAST_MORE };

/* Split the line at BUF on commas in one pass, sixteen bytes at a time where
   SSE2 is there, as long as it holds no quote, CR (but the one of a CRLF line
   end), NUL or non-ASCII byte.  On FAST_OK the values are in P->vals, *NF of
   them, and *LINELEN is the line's length without the LF (CR included).  */
static int
fast_split (cc_csvp *p, const char *buf, size_t avail, bool eof, size_t *nf_out,
            size_t *linelen)
{
  size_t i = 0, nf = 0, start = 0;
  size_t nl = SIZE_MAX;
#define EMIT(pos)                                                                                  \
  do                                                                                               \
    {                                                                                              \
      if (nf == p->cap)                                                                            \
        {                                                                                          \
          p->nf = nf;                                                                              \
          add_field (p);                                                                           \
        }                                                                                          \
      cc_val *v_ = &p->vals[nf++];                                                                 \
      v_->p = buf + start;                                                                         \
      v_->n = (uint32_t) ((pos) - start);                                                          \
      v_->kind = (pos) > start ? CC_STR : CC_NULL;                                                 \
      start = (pos) + 1;                                                                           \
    }                                                                                              \
  while (0)
#if defined(__SSE2__)
  const __m128i vcomma = _mm_set1_epi8 (','), vnl = _mm_set1_epi8 ('\n');
  const __m128i vq = _mm_set1_epi8 ('"'), vcr = _mm_set1_epi8 ('\r'), vz = _mm_setzero_si128 ();
  for (; i + 16 <= avail; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (buf + i));
      unsigned mc = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vcomma));
      unsigned mn = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vnl));
      unsigned mr = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vcr));
      unsigned ms = (unsigned) _mm_movemask_epi8 (
                      _mm_or_si128 (_mm_cmpeq_epi8 (v, vq), _mm_cmpeq_epi8 (v, vz)))
                    | (unsigned) _mm_movemask_epi8 (v);
      if (mn)
        {
          unsigned nb = mn & -mn, lim = nb - 1;
          if ((ms & lim) || (mr & lim & ~(nb >> 1)))
            return FAST_CARE;
          mc &= lim;
          while (mc)
            {
              size_t k = i + (size_t) __builtin_ctz (mc);
              EMIT (k);
              mc &= mc - 1;
            }
          nl = i + (size_t) __builtin_ctz (mn);
          break;
        }
      if (ms | mr)
        return FAST_CARE;
      while (mc)
        {
          size_t k = i + (size_t) __builtin_ctz (mc);
          EMIT (k);
          mc &= mc - 1;
        }
    }
#endif
  if (nl == SIZE_MAX)
    {
      for (; i < avail; i++)
        {
          unsigned char c = (unsigned char) buf[i];
          if (c == '\n')
            {
              nl = i;
              break;
            }
          if (c == ',')
            EMIT (i);
          else if (c == '"' || c == 0 || c >= 0x80
                   || (c == '\r' && !(i + 1 < avail && buf[i + 1] == '\n')))
            return c == '\r' && i + 1 == avail && !eof ? FAST_MORE : FAST_CARE;
        }
      if (nl == SIZE_MAX)
        {
          if (!eof)
            return FAST_MORE;
          nl = avail;
        }
    }
  size_t end = nl > 0 && buf[nl - 1] == '\r' ? nl - 1 : nl;
  if (end == 0 && nf == 0)
    {
      *nf_out = 0;
      *linelen = nl;
      return FAST_OK;
    }
  EMIT (end);
#undef EMIT
  *nf_out = nf;
  *linelen = nl;
  return FAST_OK;
}

int
cc_csv_record (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  size_t nf, linelen;
  int fr = fast_split (p, buf, avail, eof, &nf, &linelen);
  if (fr == FAST_MORE)
    return CC_PARSE_MORE;
  if (fr == FAST_OK && linelen <= p->max_field)
    {
      out->err = NULL;
      out->col = 0;
      out->errline = 0;
      out->keys = NULL;
      out->used = linelen < avail ? linelen + 1 : avail;
      out->lines = linelen < avail ? 1 : 0;
      out->rawlen = linelen > 0 && buf[linelen - 1] == '\r' ? linelen - 1 : linelen;
      out->n = nf;
      out->vals = p->vals;
      return nf ? CC_PARSE_OK : CC_PARSE_BLANK;
    }
  return slow_record (p, buf, avail, eof, out);
}

/* The careful path: quotes, CR, NUL, non-ASCII or long lines.  */
static int
slow_record (cc_csvp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  const char *nl = memchr (buf, '\n', avail);
  if (!nl && !eof)
    return CC_PARSE_MORE;
  size_t linelen = nl ? (size_t) (nl - buf) : avail;
  size_t len = linelen;
  out->err = NULL;
  out->col = 0;
  out->errline = 0;
  if (len && buf[len - 1] == '\r')
    len--;
  if (needs_care (buf, len))
    {
      if (memchr (buf, '"', len))
        {
          int r = quoted_record (p, buf, avail, eof, out);
          if (r != -1)
            return r;
          return judge_with_libcsv (p, buf, avail, eof, out);
        }
      const char *cr = memchr (buf, '\r', len);
      size_t k = cc_utf8_check (buf, len);
      if (cr && (size_t) (cr - buf) < k)
        {
          snprintf (p->err, sizeof p->err,
                    "carriage return inside a line (bare CR line ends are not supported)");
          return bad (p, buf, avail, eof, (size_t) (cr - buf), 0, out);
        }
      if (k < len)
        {
          snprintf (p->err, sizeof p->err, "%s", buf[k] == '\0' ? "NUL byte" : "invalid UTF-8");
          return bad (p, buf, avail, eof, k, 0, out);
        }
    }
  out->used = nl ? linelen + 1 : avail;
  out->lines = nl ? 1 : 0;
  out->rawlen = len;
  out->keys = NULL;
  if (len == 0)
    {
      out->n = 0;
      return CC_PARSE_BLANK;
    }
  /* Split on commas in place.  */
  size_t nf = 0, pos = 0;
  for (;;)
    {
      if (nf == p->cap)
        {
          p->nf = nf;
          add_field (p);
        }
      const char *c = memchr (buf + pos, ',', len - pos);
      size_t e = c ? (size_t) (c - buf) : len;
      cc_val *v = &p->vals[nf++];
      v->p = buf + pos;
      v->n = (uint32_t) (e - pos);
      v->kind = e > pos ? CC_STR : CC_NULL;
      if (e - pos > p->max_field)
        {
          snprintf (p->err, sizeof p->err, "field %zu is longer than %zu bytes (--max-field-size)",
                    nf, p->max_field);
          return bad (p, buf, avail, eof, pos, 0, out);
        }
      if (!c)
        break;
      pos = e + 1;
    }
  out->vals = p->vals;
  out->n = nf;
  return CC_PARSE_OK;
}
