/* cc_jsonl: one JSON Lines record at a time.

   A record is one line holding one flat JSON object: string keys, values that
   are strings, numbers, true, false or null.  Our scanner is strict RFC 8259
   for that subset (UTF-8 checked, control characters refused, \u escapes and
   surrogate pairs decoded, duplicate keys refused) and copies a string only
   when it holds escapes.  Numbers keep their text, so ids and big integers
   pass through unchanged.  When the scanner refuses a line, jansson parses it
   too: if jansson also fails, its message and column are reported, so errors
   read like those of other JSON tools; otherwise (a nested value, a duplicate
   key, a top-level array) our own message is.  */
#include <config.h>

#include "cc_jsonl.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cc_diag.h"
#include "cc_utf8.h"

/* Where a key's or value's bytes are while a record is assembled.  */
typedef struct span
{
  size_t off;    /* offset in the line, or in scratch when inscr */
  size_t n;      /* length */
  uint8_t inscr; /* bytes live in scratch */
  uint8_t kind;  /* values: enum cc_kind */
} span;

struct cc_jsonp
{
  size_t max_field; /* longest value accepted */
  cc_val *vals;     /* values handed out */
  cc_str *keys;     /* keys handed out */
  span *ks, *vs;    /* keys and values being assembled */
  size_t cap;       /* entries allocated in each array */
  cc_buf scratch;   /* unescaped strings */
  char err[256];    /* the current error message */
};

cc_jsonp *
cc_jsonp_new (size_t max_field)
{
  cc_jsonp *p = cc_xcalloc (1, sizeof *p);
  p->max_field = max_field;
  p->cap = 32;
  p->vals = cc_xmalloc (p->cap * sizeof *p->vals);
  p->keys = cc_xmalloc (p->cap * sizeof *p->keys);
  p->ks = cc_xmalloc (p->cap * sizeof *p->ks);
  p->vs = cc_xmalloc (p->cap * sizeof *p->vs);
  return p;
}

void
cc_jsonp_free (cc_jsonp *p)
{
  if (!p)
    return;
  free (p->vals);
  free (p->keys);
  free (p->ks);
  free (p->vs);
  cc_buf_free (&p->scratch);
  free (p);
}

/* Skip JSON white space.  */
static size_t
ws (const char *s, size_t i, size_t n)
{
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
    i++;
  return i;
}

/* Value of one hex digit, or -1.  */
static int
hexval (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Read four hex digits at S[I].  Returns the code unit or -1.  */
static long
hex4 (const char *s, size_t i, size_t n)
{
  if (i + 4 > n)
    return -1;
  long v = 0;
  for (int k = 0; k < 4; k++)
    {
      int h = hexval (s[i + k]);
      if (h < 0)
        return -1;
      v = v * 16 + h;
    }
  return v;
}

/* Append code point CP as UTF-8.  */
static void
put_utf8 (cc_buf *b, unsigned long cp)
{
  char t[4];
  size_t k;
  if (cp < 0x80)
    t[0] = (char) cp, k = 1;
  else if (cp < 0x800)
    t[0] = (char) (0xC0 | (cp >> 6)), t[1] = (char) (0x80 | (cp & 0x3F)), k = 2;
  else if (cp < 0x10000)
    t[0] = (char) (0xE0 | (cp >> 12)), t[1] = (char) (0x80 | ((cp >> 6) & 0x3F)),
    t[2] = (char) (0x80 | (cp & 0x3F)), k = 3;
  else
    t[0] = (char) (0xF0 | (cp >> 18)), t[1] = (char) (0x80 | ((cp >> 12) & 0x3F)),
    t[2] = (char) (0x80 | ((cp >> 6) & 0x3F)), t[3] = (char) (0x80 | (cp & 0x3F)), k = 4;
  cc_buf_add (b, t, k);
}

/* Parse the string whose opening quote is at S[*I]; on success fill SP, move
   *I past the closing quote and return NULL; else return a reason with *I at
   the bad byte.  */
static const char *
str (cc_jsonp *p, const char *s, size_t *ip, size_t n, span *sp)
{
  size_t i = *ip + 1, start = i, seg = i;
  int copied = 0;
#if defined(__SSE2__)
  /* Fast path: a plain ASCII string without escapes, sixteen bytes at a time.
     A byte below 0x20 or from 0x80 up compares as "less than 0x20" signed.  */
  {
    const __m128i vq = _mm_set1_epi8 ('"'), vb = _mm_set1_epi8 ('\\'),
                  vlo = _mm_set1_epi8 (0x20);
    size_t j = i;
    for (; j + 16 <= n; j += 16)
      {
        __m128i v = _mm_loadu_si128 ((const __m128i *) (s + j));
        unsigned mq = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vq));
        unsigned mo = (unsigned) _mm_movemask_epi8 (
          _mm_or_si128 (_mm_cmpeq_epi8 (v, vb), _mm_cmplt_epi8 (v, vlo)));
        if (mq | mo)
          {
            if (mq && (mo == 0 || __builtin_ctz (mq) < __builtin_ctz (mo)))
              {
                size_t e = j + (size_t) __builtin_ctz (mq);
                sp->off = start;
                sp->n = e - start;
                sp->inscr = 0;
                *ip = e + 1;
                return NULL;
              }
            break;
          }
      }
  }
#endif
  for (;;)
    {
      while (i < n)
        {
          unsigned char c = (unsigned char) s[i];
          if (c == '"' || c == '\\' || c < 0x20)
            break;
          i++;
        }
      if (i >= n)
        {
          *ip = n;
          return "unterminated string";
        }
      unsigned char c = (unsigned char) s[i];
      if (c < 0x20)
        {
          *ip = i;
          return "control character in string";
        }
      size_t k = cc_utf8_check (s + seg, i - seg);
      if (k < i - seg)
        {
          *ip = seg + k;
          return s[seg + k] ? "invalid UTF-8 in string" : "NUL byte in string";
        }
      if (c == '"')
        break;
      /* An escape.  */
      if (!copied)
        {
          sp->off = p->scratch.n;
          copied = 1;
        }
      cc_buf_add (&p->scratch, s + seg, i - seg);
      if (i + 1 >= n)
        {
          *ip = i;
          return "unterminated string";
        }
      char e = s[i + 1];
      const char *rep = NULL;
      switch (e)
        {
        case '"': rep = "\""; break;
        case '\\': rep = "\\"; break;
        case '/': rep = "/"; break;
        case 'b': rep = "\b"; break;
        case 'f': rep = "\f"; break;
        case 'n': rep = "\n"; break;
        case 'r': rep = "\r"; break;
        case 't': rep = "\t"; break;
        case 'u':
          {
            long u = hex4 (s, i + 2, n);
            size_t adv = 6;
            if (u < 0)
              {
                *ip = i;
                return "bad \\u escape";
              }
            unsigned long cp = (unsigned long) u;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                long lo = (i + 8 <= n && s[i + 6] == '\\' && s[i + 7] == 'u') ? hex4 (s, i + 8, n) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                  {
                    *ip = i;
                    return "lone surrogate in \\u escape";
                  }
                cp = 0x10000 + (((unsigned long) u - 0xD800) << 10) + ((unsigned long) lo - 0xDC00);
                adv = 12;
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              {
                *ip = i;
                return "lone surrogate in \\u escape";
              }
            if (cp == 0)
              {
                *ip = i;
                return "\\u0000 (NUL) in string";
              }
            put_utf8 (&p->scratch, cp);
            i += adv;
            seg = i;
            continue;
          }
        default:
          *ip = i;
          return "bad escape in string";
        }
      cc_buf_add (&p->scratch, rep, 1);
      i += 2;
      seg = i;
    }
  if (copied)
    {
      cc_buf_add (&p->scratch, s + seg, i - seg);
      sp->n = p->scratch.n - sp->off;
      sp->inscr = 1;
    }
  else
    {
      sp->off = start;
      sp->n = i - start;
      sp->inscr = 0;
    }
  *ip = i + 1;
  return NULL;
}

/* Scan a JSON number at S[*I]; returns NULL or a reason.  */
static const char *
num (const char *s, size_t *ip, size_t n)
{
  size_t i = *ip;
  if (i < n && s[i] == '-')
    i++;
  if (i < n && s[i] == '0')
    i++;
  else if (i < n && s[i] >= '1' && s[i] <= '9')
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
  else
    return "bad number";
  if (i < n && s[i] == '.')
    {
      i++;
      if (!(i < n && s[i] >= '0' && s[i] <= '9'))
        {
          *ip = i;
          return "bad number";
        }
      while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    }
  if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
      if (!(i < n && s[i] >= '0' && s[i] <= '9'))
        {
          *ip = i;
          return "bad number";
        }
      while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    }
  *ip = i;
  return NULL;
}

/* True when S[I..] starts with the word W.  */
static bool
word (const char *s, size_t i, size_t n, const char *w, size_t wn)
{
  return i + wn <= n && memcmp (s + i, w, wn) == 0;
}

/* Parse one object line S[0..N); returns NULL or a reason with *AT set.  */
static const char *
object (cc_jsonp *p, const char *s, size_t n, size_t *at, size_t *nf)
{
  size_t i = ws (s, 0, n), k = 0;
  const char *why;
  p->scratch.n = 0;
  if (i >= n || s[i] != '{')
    {
      *at = i;
      return "a record must be a JSON object";
    }
  i = ws (s, i + 1, n);
  if (i < n && s[i] == '}')
    i++;
  else
    for (;;)
      {
        if (k == p->cap)
          {
            p->cap *= 2;
            p->vals = cc_xrealloc (p->vals, p->cap * sizeof *p->vals);
            p->keys = cc_xrealloc (p->keys, p->cap * sizeof *p->keys);
            p->ks = cc_xrealloc (p->ks, p->cap * sizeof *p->ks);
            p->vs = cc_xrealloc (p->vs, p->cap * sizeof *p->vs);
          }
        if (i >= n || s[i] != '"')
          {
            *at = i;
            return "expected a string key";
          }
        if ((why = str (p, s, &i, n, &p->ks[k])))
          {
            *at = i;
            return why;
          }
        i = ws (s, i, n);
        if (i >= n || s[i] != ':')
          {
            *at = i;
            return "expected ':'";
          }
        i = ws (s, i + 1, n);
        span *v = &p->vs[k];
        size_t vstart = i;
        if (i < n && s[i] == '"')
          {
            if ((why = str (p, s, &i, n, v)))
              {
                *at = i;
                return why;
              }
            v->kind = CC_STR;
          }
        else if (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))
          {
            if ((why = num (s, &i, n)))
              {
                *at = i;
                return why;
              }
            v->off = vstart, v->n = i - vstart, v->inscr = 0, v->kind = CC_NUM;
          }
        else if (word (s, i, n, "true", 4) || word (s, i, n, "null", 4))
          {
            v->off = vstart, v->n = s[i] == 'n' ? 0 : 4, v->inscr = 0;
            v->kind = s[i] == 'n' ? CC_NULL : CC_BOOL;
            i += 4;
          }
        else if (word (s, i, n, "false", 5))
          {
            v->off = vstart, v->n = 5, v->inscr = 0, v->kind = CC_BOOL;
            i += 5;
          }
        else if (i < n && (s[i] == '{' || s[i] == '['))
          {
            *at = i;
            snprintf (p->err, sizeof p->err, "nested %s in a record (records must be flat)",
                      s[i] == '{' ? "object" : "array");
            return p->err;
          }
        else
          {
            *at = i;
            return "expected a value";
          }
        if (v->n > p->max_field)
          {
            *at = vstart;
            snprintf (p->err, sizeof p->err, "value longer than %zu bytes (--max-field-size)",
                      p->max_field);
            return p->err;
          }
        k++;
        i = ws (s, i, n);
        if (i < n && s[i] == ',')
          {
            i = ws (s, i + 1, n);
            continue;
          }
        if (i < n && s[i] == '}')
          {
            i++;
            break;
          }
        *at = i;
        return "expected ',' or '}'";
      }
  i = ws (s, i, n);
  if (i < n)
    {
      *at = i;
      return "text after the object";
    }
  *nf = k;
  return NULL;
}

int
cc_jsonl_record (cc_jsonp *p, const char *buf, size_t avail, bool eof, cc_parse_out *out)
{
  const char *nl = memchr (buf, '\n', avail);
  if (!nl && !eof)
    return CC_PARSE_MORE;
  size_t len = nl ? (size_t) (nl - buf) : avail;
  out->used = nl ? len + 1 : avail;
  out->lines = nl ? 1 : 0;
  if (len && buf[len - 1] == '\r')
    len--;
  out->rawlen = len;
  out->keys = NULL;
  out->err = NULL;
  out->col = 0;
  out->errline = 0;
  if (ws (buf, 0, len) == len)
    {
      out->n = 0;
      return CC_PARSE_BLANK;
    }
  size_t at = 0, nf = 0;
  const char *why = object (p, buf, len, &at, &nf);
  if (!why)
    {
      /* Duplicate keys: refused, as "last one wins" would lose data.  A key is
         compared with the others only when its 6-bit signature was seen.  */
      uint64_t seen = 0;
      for (size_t a = 0; a < nf; a++)
        {
          const char *ka = p->ks[a].inscr ? p->scratch.p + p->ks[a].off : buf + p->ks[a].off;
          size_t kn = p->ks[a].n;
          p->keys[a].p = ka;
          p->keys[a].n = kn;
          unsigned sig = kn ? ((unsigned char) ka[0] * 7u + (unsigned char) ka[kn - 1] * 3u
                               + (unsigned) kn) & 63u : 0u;
          bool maybe = (seen >> sig) & 1u;
          seen |= UINT64_C (1) << sig;
          for (size_t b = 0; maybe && b < a; b++)
            if (p->keys[b].n == p->keys[a].n && (p->keys[a].n == 0 || p->keys[b].p[0] == ka[0])
                && memcmp (p->keys[b].p, ka, p->keys[a].n) == 0)
              {
                snprintf (p->err, sizeof p->err, "duplicate key \"%.*s\"",
                          (int) (p->keys[a].n > 60 ? 60 : p->keys[a].n), ka);
                out->err = p->err;
                out->col = p->ks[a].off + 1;
                if (p->ks[a].inscr)
                  out->col = 0;
                return CC_PARSE_BAD;
              }
          const span *v = &p->vs[a];
          p->vals[a].p = v->inscr ? p->scratch.p + v->off : buf + v->off;
          p->vals[a].n = (uint32_t) v->n;
          p->vals[a].kind = v->kind;
        }
      out->vals = p->vals;
      out->keys = p->keys;
      out->n = nf;
      return CC_PARSE_OK;
    }
  /* Ask jansson for the verdict and its wording.  */
  json_error_t je;
  json_t *j = json_loadb (buf, len, JSON_REJECT_DUPLICATES, &je);
  if (!j)
    {
      snprintf (p->err, sizeof p->err, "invalid JSON: %s", je.text);
      out->err = p->err;
      out->col = je.column > 0 ? (uint64_t) je.column : at + 1;
    }
  else
    {
      json_decref (j);
      if (why != p->err)
        snprintf (p->err, sizeof p->err, "%s", why);
      out->err = p->err;
      out->col = at + 1;
    }
  return CC_PARSE_BAD;
}
