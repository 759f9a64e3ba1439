/* cc_jdoc: a strict RFC 8259 JSON document parser that keeps positions.

   The parser is iterative: an explicit stack of open containers replaces
   recursion, so the nesting limit the caller picks bounds memory, never the
   C stack.  The children of an open container are kept on a scratch stack
   shared by every level and copied into the document's arena when the
   container closes, so each node is written once and the arena only ever
   grows.  The arena is a list of large blocks, freed together.

   Positions are computed lazily and incrementally: the parser remembers a
   byte offset on the current line whose column is known, and the column of
   a later offset is that column plus the characters (bytes that are not
   UTF-8 continuation bytes) in between.  Lines change only in whitespace
   (a raw line end inside a string is an error), so the scan is linear.

   Duplicate keys are found as each key is read, so the error is the first
   duplicate in document order: a small object is searched linearly, an
   object that reaches HASH_FROM members moves to one hash table shared by
   the whole document, whose entries are tagged with the serial number of
   their object (entries of closed objects stay, stale and harmless).  */
#include <config.h>

#include "cc_jdoc.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_utf8.h"

#define DEFAULT_DEPTH 200
#define BLOCK_SIZE 65536 /* usual arena block */
#define HASH_FROM 16     /* members before an object uses the hash table */
#define QUOTE_MAX 40     /* bytes of a key or literal quoted in a message */

/* One block of the arena.  */
typedef struct blk
{
  struct blk *next;   /* the block allocated before this one */
  size_t cap;         /* bytes in data */
  size_t used;        /* bytes handed out */
  max_align_t data[]; /* the storage (aligned for anything) */
} blk;

struct cc_jdoc
{
  blk *blocks;   /* the arena, newest block first */
  cc_jval *root; /* the top-level value */
};

/* An open container.  */
typedef struct frame
{
  cc_jval *v;      /* the array or object being filled */
  size_t base;     /* index of its first child on the scratch stack */
  uint64_t serial; /* its number, tagging its hash entries (objects) */
  bool hashed;     /* its keys are in the hash table */
} frame;

/* One hash table slot: a key of a hashed object.  */
typedef struct slot
{
  uint64_t serial; /* the object's serial, 0 for an empty slot */
  uint64_t hash;   /* hash of the key bytes */
  size_t idx;      /* the member's index on the scratch stack */
} slot;

/* The parser state.  */
typedef struct jp
{
  const unsigned char *s; /* the document */
  size_t n;               /* its length */
  size_t i;               /* the next byte to read */
  uint32_t line;          /* line of the current position */
  size_t lp;              /* an offset on that line whose column is known */
  uint32_t lcol;          /* the column at lp */
  cc_jdoc *doc;           /* the document being built */
  frame *fr;              /* open containers, innermost last */
  size_t nfr, capfr;
  cc_jmember *sc; /* scratch stack of children (arrays use .val) */
  size_t nsc, capsc;
  slot *tab; /* the key hash table (power-of-two size) */
  size_t ntab, captab;
  uint64_t serial;        /* serials handed out so far */
  size_t max_depth;       /* open containers allowed */
  locale_t cloc;          /* the C locale for strtod_l, made on first use */
  uint32_t *eline, *ecol; /* where to report an error (may be NULL) */
  char *err;              /* the caller's message buffer (may be NULL) */
  size_t errsz;
} jp;

/* A position in the document.  */
typedef struct pos
{
  uint32_t line, col;
} pos;

/* Die as cc_xmalloc does when a size computation overflows.  */
static _Noreturn void
too_big (void)
{
  cc_die (CC_EXIT_FAIL, "memory exhausted");
}

/* N * SIZE, or die when it overflows.  */
static size_t
mul_size (size_t n, size_t size)
{
  if (size && n > SIZE_MAX / size)
    too_big ();
  return n * size;
}

/* Make room for one more element in the array *P of *CAP elements of SIZE
   bytes holding N; doubles the capacity (at least MIN).  */
static void
grow (void **p, size_t *cap, size_t n, size_t size, size_t min)
{
  if (n < *cap)
    return;
  size_t c = *cap ? *cap : min;
  while (c <= n)
    c = mul_size (c, 2);
  *p = cc_xrealloc (*p, mul_size (c, size));
  *cap = c;
}

/* N bytes from DOC's arena, aligned for any type; never fails (dies on
   exhaustion).  Freed with the document.  */
static void *
arena_alloc (cc_jdoc *doc, size_t n)
{
  const size_t al = sizeof (max_align_t);
  if (n > SIZE_MAX - al)
    too_big ();
  n = (n + al - 1) / al * al;
  blk *b = doc->blocks;
  if (!b || b->cap - b->used < n)
    {
      size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
      if (cap > SIZE_MAX - sizeof (blk))
        too_big ();
      b = cc_xmalloc (sizeof (blk) + cap);
      b->cap = cap;
      b->used = 0;
      b->next = doc->blocks;
      doc->blocks = b;
    }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

/* True when C is a UTF-8 continuation byte.  */
static inline bool
is_cont (unsigned char c)
{
  return (c & 0xC0) == 0x80;
}

/* The position of byte offset P, which is on the current line at or after
   the last offset asked for.  Moves the known column forward to P.  */
static pos
pos_at (jp *p, size_t off)
{
  uint32_t col = p->lcol;
  for (size_t k = p->lp; k < off; k++)
    col += !is_cont (p->s[k]);
  p->lp = off;
  p->lcol = col;
  return (pos){ p->line, col };
}

/* Skip JSON whitespace (space, tab, CR, LF), counting LF as a line end.  */
static void
skip_ws (jp *p)
{
  while (p->i < p->n)
    {
      unsigned char c = p->s[p->i];
      if (c == '\n')
        {
          p->line++;
          p->lp = p->i + 1;
          p->lcol = 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      p->i++;
    }
}

/* Report an error at position AT with a printf-style message.  Returns
   false, for "return fail (...)".  */
static bool fail (jp *p, pos at, const char *fmt, ...) __attribute__ ((format (printf, 3, 4)));

static bool
fail (jp *p, pos at, const char *fmt, ...)
{
  if (p->eline)
    *p->eline = at.line;
  if (p->ecol)
    *p->ecol = at.col;
  if (p->err && p->errsz)
    {
      va_list ap;
      va_start (ap, fmt);
      vsnprintf (p->err, p->errsz, fmt, ap);
      va_end (ap);
    }
  return false;
}

/* Report that WHAT was expected at the current byte: says what was found
   instead when it is the end of the document or a printable ASCII
   character.  Returns false.  */
static bool
expected (jp *p, const char *what)
{
  pos at = pos_at (p, p->i);
  if (p->i >= p->n)
    return fail (p, at, "expected %s, found end of document", what);
  unsigned char c = p->s[p->i];
  if (c > 0x20 && c < 0x7F)
    return fail (p, at, "expected %s, found '%c'", what, c);
  return fail (p, at, "expected %s", what);
}

/* A new node of kind K at AT in the arena.  */
static cc_jval *
node (jp *p, cc_jkind k, pos at)
{
  cc_jval *v = arena_alloc (p->doc, sizeof *v);
  memset (v, 0, sizeof *v);
  v->kind = k;
  v->line = at.line;
  v->col = at.col;
  return v;
}

/* Value of the hex digit C, or -1.  */
static int
hexval (unsigned char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of the escape "\uXXXX" at offset K, or -1 when it is not
   one (too short or not four hex digits).  */
static long
read_u (const jp *p, size_t k)
{
  if (p->n - k < 6 || p->s[k] != '\\' || p->s[k + 1] != 'u')
    return -1;
  long u = 0;
  for (size_t j = k + 2; j < k + 6; j++)
    {
      int h = hexval (p->s[j]);
      if (h < 0)
        return -1;
      u = u * 16 + h;
    }
  return u;
}

/* Append code point CP (valid, not a surrogate) to O as UTF-8.  Returns the
   new end.  */
static char *
put_utf8 (char *o, unsigned long cp)
{
  if (cp < 0x80)
    *o++ = (char)cp;
  else if (cp < 0x800)
    {
      *o++ = (char)(0xC0 | (cp >> 6));
      *o++ = (char)(0x80 | (cp & 0x3F));
    }
  else if (cp < 0x10000)
    {
      *o++ = (char)(0xE0 | (cp >> 12));
      *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
      *o++ = (char)(0x80 | (cp & 0x3F));
    }
  else
    {
      *o++ = (char)(0xF0 | (cp >> 18));
      *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
      *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
      *o++ = (char)(0x80 | (cp & 0x3F));
    }
  return o;
}

/* Length of the UTF-8 sequence whose lead byte is C (1 for a byte that
   cannot lead one; cc_utf8_check then refuses it).  */
static size_t
lead_len (unsigned char c)
{
  if (c >= 0xF0)
    return 4;
  if (c >= 0xE0)
    return 3;
  if (c >= 0xC0)
    return 2;
  return 1;
}

/* Parse the string whose opening quote is at the current byte (at AT).  On
   success stores the unescaped, NUL-terminated bytes (in the arena) in *OUT
   and their length in *LEN, and moves past the closing quote.  The decoded
   text is never longer than the source, so one arena block of the source's
   length holds it; the closing quote is found first for that bound.  */
static bool
parse_string (jp *p, pos at, const char **out, size_t *len)
{
  const unsigned char *s = p->s;
  size_t start = p->i, end = start + 1;
  while (end < p->n && s[end] != '"')
    end += s[end] == '\\' ? 2 : 1;
  if (end > p->n)
    end = p->n;
  char *buf = arena_alloc (p->doc, end - start);
  char *o = buf;
  size_t k = start + 1;
  for (;;)
    {
      if (k >= p->n)
        return fail (p, at, "unterminated string");
      unsigned char c = s[k];
      if (c == '"')
        break;
      if (c == '\n' || c == '\r')
        return fail (p, at, "unterminated string");
      if (c < 0x20)
        return fail (p, pos_at (p, k), "control character U+%04X in string", c);
      if (c >= 0x80)
        {
          size_t l = lead_len (c);
          if (p->n - k < l || cc_utf8_check ((const char *)s + k, l) != l)
            return fail (p, pos_at (p, k), "invalid UTF-8");
          memcpy (o, s + k, l);
          o += l;
          k += l;
          continue;
        }
      if (c != '\\')
        {
          *o++ = (char)c;
          k++;
          continue;
        }
      /* An escape.  */
      if (k + 1 >= p->n)
        return fail (p, at, "unterminated string");
      unsigned char e = s[k + 1];
      const char *simple = strchr ("\"\\/bfnrt", e);
      if (e && simple)
        {
          static const char to[] = "\"\\/\b\f\n\r\t";
          *o++ = to[simple - "\"\\/bfnrt"];
          k += 2;
          continue;
        }
      if (e != 'u')
        {
          if (e > 0x20 && e < 0x7F)
            return fail (p, pos_at (p, k), "invalid escape '\\%c'", e);
          return fail (p, pos_at (p, k), "invalid escape");
        }
      long u = read_u (p, k);
      if (u < 0)
        return fail (p, pos_at (p, k), "invalid \\u escape (four hex digits expected)");
      if (u == 0)
        return fail (p, pos_at (p, k), "\\u0000 (NUL) not allowed in strings");
      unsigned long cp = (unsigned long)u;
      if (u >= 0xDC00 && u <= 0xDFFF)
        return fail (p, pos_at (p, k), "unpaired surrogate \\u%04lX", cp);
      if (u >= 0xD800 && u <= 0xDBFF)
        {
          long lo = read_u (p, k + 6);
          if (lo < 0xDC00 || lo > 0xDFFF)
            return fail (p, pos_at (p, k), "unpaired surrogate \\u%04lX", cp);
          cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
          k += 6;
        }
      o = put_utf8 (o, cp);
      k += 6;
    }
  *o = '\0';
  *out = buf;
  *len = (size_t)(o - buf);
  p->i = k + 1;
  return true;
}

/* True when C is an ASCII digit.  */
static inline bool
is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Skip the digits at the current byte.  */
static void
skip_digits (jp *p)
{
  while (p->i < p->n && is_digit (p->s[p->i]))
    p->i++;
}

/* Parse the number at the current byte (at AT, a '-' or a digit) into a new
   node in *OUT: the text as written and its double, converted in the C
   locale.  A number whose magnitude rounds to infinity is refused; one that
   underflows becomes zero or a subnormal.  */
static bool
parse_number (jp *p, pos at, cc_jval **out)
{
  size_t start = p->i;
  if (p->s[p->i] == '-')
    {
      p->i++;
      if (p->i >= p->n || !is_digit (p->s[p->i]))
        return fail (p, pos_at (p, p->i), "expected a digit after '-'");
    }
  if (p->s[p->i] == '0')
    {
      p->i++;
      if (p->i < p->n && is_digit (p->s[p->i]))
        return fail (p, at, "leading zero in number");
    }
  else
    skip_digits (p);
  if (p->i < p->n && p->s[p->i] == '.')
    {
      p->i++;
      if (p->i >= p->n || !is_digit (p->s[p->i]))
        return fail (p, pos_at (p, p->i), "expected a digit after '.'");
      skip_digits (p);
    }
  if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E'))
    {
      p->i++;
      if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
        p->i++;
      if (p->i >= p->n || !is_digit (p->s[p->i]))
        return fail (p, pos_at (p, p->i), "expected a digit in the exponent");
      skip_digits (p);
    }
  size_t len = p->i - start;
  char *text = arena_alloc (p->doc, len + 1);
  memcpy (text, p->s + start, len);
  text[len] = '\0';
  if (p->cloc == (locale_t)0)
    {
      p->cloc = newlocale (LC_NUMERIC_MASK, "C", (locale_t)0);
      if (p->cloc == (locale_t)0)
        cc_die (CC_EXIT_FAIL, "cannot create the C locale");
    }
  double d = strtod_l (text, NULL, p->cloc);
  if (isinf (d))
    return fail (p, at, "number out of range");
  cc_jval *v = node (p, CC_J_NUMBER, at);
  v->u.num.text = text;
  v->u.num.d = d;
  *out = v;
  return true;
}

/* Parse the word at the current byte (at AT, an ASCII letter): true, false
   or null; anything else is an invalid literal.  */
static bool
parse_literal (jp *p, pos at, cc_jval **out)
{
  size_t start = p->i;
  while (p->i < p->n)
    {
      unsigned char c = p->s[p->i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit (c) || c == '_'))
        break;
      p->i++;
    }
  size_t len = p->i - start;
  const char *w = (const char *)p->s + start;
  cc_jkind k;
  if (len == 4 && memcmp (w, "true", 4) == 0)
    k = CC_J_TRUE;
  else if (len == 5 && memcmp (w, "false", 5) == 0)
    k = CC_J_FALSE;
  else if (len == 4 && memcmp (w, "null", 4) == 0)
    k = CC_J_NULL;
  else
    {
      int q = cc_utf8_cut (w, len, QUOTE_MAX);
      return fail (p, at, "invalid literal '%.*s%s'", q, w, (size_t)q < len ? "..." : "");
    }
  *out = node (p, k, at);
  return true;
}

/* FNV-1a of the key bytes K[0..N), mixed with the object's SERIAL.  */
static uint64_t
key_hash (const char *k, size_t n, uint64_t serial)
{
  uint64_t h = UINT64_C (0xCBF29CE484222325) ^ (serial * UINT64_C (0x9E3779B97F4A7C15));
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)k[i]) * UINT64_C (0x100000001B3);
  return h ^ (h >> 29);
}

/* Look up the member at scratch index IDX in the hash table under SERIAL;
   when an earlier member has the same key return its index, else insert it
   and return IDX.  */
static size_t
tab_find_or_add (jp *p, uint64_t serial, size_t idx)
{
  const cc_jmember *m = &p->sc[idx];
  if (2 * (p->ntab + 1) > p->captab)
    {
      size_t cap = p->captab ? mul_size (p->captab, 2) : 64;
      slot *t = cc_xcalloc (cap, sizeof *t);
      for (size_t j = 0; j < p->captab; j++)
        if (p->tab[j].serial)
          {
            size_t h = (size_t)p->tab[j].hash & (cap - 1);
            while (t[h].serial)
              h = (h + 1) & (cap - 1);
            t[h] = p->tab[j];
          }
      free (p->tab);
      p->tab = t;
      p->captab = cap;
    }
  uint64_t hash = key_hash (m->key, m->keylen, serial);
  size_t h = (size_t)hash & (p->captab - 1);
  for (; p->tab[h].serial; h = (h + 1) & (p->captab - 1))
    {
      const slot *e = &p->tab[h];
      if (e->serial == serial && e->hash == hash)
        {
          const cc_jmember *o = &p->sc[e->idx];
          if (o->keylen == m->keylen && memcmp (o->key, m->key, m->keylen) == 0)
            return e->idx;
        }
    }
  p->tab[h] = (slot){ serial, hash, idx };
  p->ntab++;
  return idx;
}

/* Check that the member just pushed (the last on the scratch stack) does
   not repeat a key of the innermost object F.  Returns the scratch index of
   the earlier member with the same key, or SIZE_MAX.  */
static size_t
find_duplicate (jp *p, frame *f)
{
  size_t last = p->nsc - 1;
  const cc_jmember *m = &p->sc[last];
  if (!f->hashed && last - f->base < HASH_FROM)
    {
      for (size_t j = f->base; j < last; j++)
        if (p->sc[j].keylen == m->keylen && memcmp (p->sc[j].key, m->key, m->keylen) == 0)
          return j;
      return SIZE_MAX;
    }
  if (!f->hashed)
    {
      /* The object has grown: move its keys (known distinct) to the table.  */
      f->hashed = true;
      for (size_t j = f->base; j < last; j++)
        tab_find_or_add (p, f->serial, j);
    }
  size_t j = tab_find_or_add (p, f->serial, last);
  return j == last ? SIZE_MAX : j;
}

/* Parse a key of the innermost object at the current byte (after '{' or
   ',' and whitespace), the ':' after it and the whitespace after that;
   pushes the member (its value still NULL) on the scratch stack.  */
static bool
parse_key (jp *p)
{
  if (p->i >= p->n || p->s[p->i] != '"')
    return expected (p, "a string key");
  size_t src = p->i + 1;
  pos at = pos_at (p, p->i);
  const char *k;
  size_t klen;
  if (!parse_string (p, at, &k, &klen))
    return false;
  grow ((void **)&p->sc, &p->capsc, p->nsc, sizeof *p->sc, 64);
  p->sc[p->nsc++] = (cc_jmember){ k, klen, at.line, at.col, NULL };
  size_t d = find_duplicate (p, &p->fr[p->nfr - 1]);
  if (d != SIZE_MAX)
    {
      /* Quote the key as written (without its quotes): it holds no control
         character, whatever it decodes to.  */
      const char *w = (const char *)p->s + src;
      size_t wlen = p->i - 1 - src;
      int q = cc_utf8_cut (w, wlen, QUOTE_MAX);
      return fail (p, at, "duplicate key '%.*s%s' (first at line %" PRIu32 ", column %" PRIu32 ")",
                   q, w, (size_t)q < wlen ? "..." : "", p->sc[d].line, p->sc[d].col);
    }
  skip_ws (p);
  if (p->i >= p->n || p->s[p->i] != ':')
    return expected (p, "':'");
  p->i++;
  return true;
}

/* Close the innermost container: move its children from the scratch stack
   into the arena and pop it.  Returns the container.  */
static cc_jval *
close_frame (jp *p)
{
  frame *f = &p->fr[--p->nfr];
  cc_jval *v = f->v;
  size_t k = p->nsc - f->base;
  if (v->kind == CC_J_ARRAY)
    {
      v->u.arr.n = k;
      if (k)
        {
          const cc_jmember *kids = p->sc + f->base;
          v->u.arr.items = arena_alloc (p->doc, mul_size (k, sizeof (cc_jval *)));
          for (size_t j = 0; j < k; j++)
            v->u.arr.items[j] = kids[j].val;
        }
    }
  else
    {
      v->u.obj.n = k;
      if (k)
        {
          v->u.obj.members = arena_alloc (p->doc, mul_size (k, sizeof (cc_jmember)));
          memcpy (v->u.obj.members, p->sc + f->base, k * sizeof (cc_jmember));
        }
    }
  p->nsc = f->base;
  return v;
}

/* Parse the whole document into p->doc->root.  The loop alternates between
   wanting a value (a scalar, or a container opened) and having one (attach
   it to the innermost container, then read ',' or the closing bracket).  */
static bool
parse_doc (jp *p)
{
  skip_ws (p);
  if (p->i >= p->n)
    return fail (p, pos_at (p, p->i), "empty document");
  bool want = true;
  cc_jval *v = NULL;
  for (;;)
    {
      if (want)
        {
          skip_ws (p);
          if (p->i >= p->n)
            return expected (p, "a value");
          unsigned char c = p->s[p->i];
          pos at = pos_at (p, p->i);
          if (c == '[' || c == '{')
            {
              if (p->nfr >= p->max_depth)
                return fail (p, at, "nesting deeper than %zu", p->max_depth);
              bool obj = c == '{';
              grow ((void **)&p->fr, &p->capfr, p->nfr, sizeof *p->fr, 16);
              p->fr[p->nfr++] = (frame){ node (p, obj ? CC_J_OBJECT : CC_J_ARRAY, at), p->nsc,
                                         ++p->serial, false };
              p->i++;
              skip_ws (p);
              if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']'))
                {
                  p->i++;
                  v = close_frame (p);
                  want = false;
                }
              else if (obj && !parse_key (p))
                return false;
              continue;
            }
          bool ok;
          if (c == '"')
            {
              v = node (p, CC_J_STRING, at);
              ok = parse_string (p, at, &v->u.str.s, &v->u.str.n);
            }
          else if (c == '-' || is_digit (c))
            ok = parse_number (p, at, &v);
          else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            ok = parse_literal (p, at, &v);
          else
            ok = expected (p, "a value");
          if (!ok)
            return false;
          want = false;
          continue;
        }
      /* V is complete.  */
      if (p->nfr == 0)
        break;
      frame *f = &p->fr[p->nfr - 1];
      bool obj = f->v->kind == CC_J_OBJECT;
      if (obj)
        p->sc[p->nsc - 1].val = v;
      else
        {
          grow ((void **)&p->sc, &p->capsc, p->nsc, sizeof *p->sc, 64);
          p->sc[p->nsc++] = (cc_jmember){ NULL, 0, 0, 0, v };
        }
      skip_ws (p);
      char closer = obj ? '}' : ']';
      if (p->i < p->n && p->s[p->i] == ',')
        {
          pos comma = pos_at (p, p->i);
          p->i++;
          skip_ws (p);
          if (p->i < p->n && p->s[p->i] == closer)
            return fail (p, comma, "trailing comma");
          if (obj && !parse_key (p))
            return false;
          want = true;
        }
      else if (p->i < p->n && p->s[p->i] == closer)
        {
          p->i++;
          v = close_frame (p);
        }
      else
        return expected (p, obj ? "',' or '}'" : "',' or ']'");
    }
  p->doc->root = v;
  skip_ws (p);
  if (p->i < p->n)
    return fail (p, pos_at (p, p->i), "unexpected content after the value");
  return true;
}

cc_jdoc *
cc_jdoc_parse (const char *text, size_t n, size_t max_depth, uint32_t *line, uint32_t *col,
               char *err, size_t errsz)
{
  jp p;
  memset (&p, 0, sizeof p);
  p.s = (const unsigned char *)text;
  p.n = n;
  p.line = 1;
  p.lcol = 1;
  p.max_depth = max_depth ? max_depth : DEFAULT_DEPTH;
  p.eline = line;
  p.ecol = col;
  p.err = err;
  p.errsz = errsz;
  if (err && errsz)
    err[0] = '\0';
  if (n >= UINT32_MAX)
    {
      fail (&p, (pos){ 0, 0 }, "document too large (4 GiB or more)");
      return NULL;
    }
  if (n >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    p.i = p.lp = 3;
  p.doc = cc_xcalloc (1, sizeof *p.doc);
  bool ok = parse_doc (&p);
  free (p.fr);
  free (p.sc);
  free (p.tab);
  if (p.cloc != (locale_t)0)
    freelocale (p.cloc);
  if (!ok)
    {
      cc_jdoc_free (p.doc);
      return NULL;
    }
  if (line)
    *line = 0;
  if (col)
    *col = 0;
  return p.doc;
}

const cc_jval *
cc_jdoc_root (const cc_jdoc *doc)
{
  return doc ? doc->root : NULL;
}

void
cc_jdoc_free (cc_jdoc *doc)
{
  if (!doc)
    return;
  for (blk *b = doc->blocks, *next; b; b = next)
    {
      next = b->next;
      free (b);
    }
  free (doc);
}

const cc_jmember *
cc_jobj_get (const cc_jval *o, const char *key)
{
  if (!o || o->kind != CC_J_OBJECT)
    return NULL;
  size_t len = strlen (key);
  for (size_t i = 0; i < o->u.obj.n; i++)
    {
      const cc_jmember *m = &o->u.obj.members[i];
      if (m->keylen == len && memcmp (m->key, key, len) == 0)
        return m;
    }
  return NULL;
}

const char *
cc_jkind_name (cc_jkind k)
{
  switch (k)
    {
    case CC_J_NULL:
      return "null";
    case CC_J_FALSE:
    case CC_J_TRUE:
      return "boolean";
    case CC_J_NUMBER:
      return "number";
    case CC_J_STRING:
      return "string";
    case CC_J_ARRAY:
      return "array";
    case CC_J_OBJECT:
      return "object";
    }
  return "value";
}
