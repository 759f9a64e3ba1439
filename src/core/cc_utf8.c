/* cc_utf8: strict UTF-8 validation (RFC 3629) and code point counting.  */
#include <config.h>

#include "cc_utf8.h"

#include <stdint.h>
#include <string.h>

#define ONES UINT64_C (0x0101010101010101)
#define HIGHS UINT64_C (0x8080808080808080)

/* True when the eight bytes at S are all ASCII and none is NUL.  The high-bit
   mask finds non-ASCII bytes; with every high bit clear, the classic
   "(w - 0x01..) & ~w & 0x80.." test is nonzero exactly when some byte is 0.  */
static inline int
ascii8 (const unsigned char *s)
{
  uint64_t w;
  memcpy (&w, s, sizeof w);
  if (w & HIGHS)
    return 0;
  return ((w - ONES) & ~w & HIGHS) == 0;
}

/* True when C is a continuation byte (10xxxxxx).  */
static inline int
cont (unsigned char c)
{
  return (c & 0xC0) == 0x80;
}

/* Validate the sequence starting at S[I] (I < N).  Returns its length, or 0
   when the sequence is ill-formed: a bad lead byte (0x80-0xC1, 0xF5-0xFF), a
   NUL byte, an overlong form, a surrogate, a code point above U+10FFFF, a
   missing continuation byte or a truncated sequence.  The ranges of the second
   byte follow RFC 3629's table, which excludes overlongs and surrogates.  */
static inline size_t
seq_len (const unsigned char *s, size_t i, size_t n)
{
  unsigned char c = s[i];
  size_t left = n - i;

  if (c < 0x80)
    return c != 0;
  if (c < 0xC2)
    return 0;
  if (c < 0xE0)
    return left >= 2 && cont (s[i + 1]) ? 2 : 0;
  if (c < 0xF0)
    {
      unsigned char lo = 0x80, hi = 0xBF;
      if (c == 0xE0)
        lo = 0xA0;               /* overlong below U+0800 */
      else if (c == 0xED)
        hi = 0x9F;               /* surrogates U+D800-U+DFFF */
      if (left < 3 || s[i + 1] < lo || s[i + 1] > hi || !cont (s[i + 2]))
        return 0;
      return 3;
    }
  if (c < 0xF5)
    {
      unsigned char lo = 0x80, hi = 0xBF;
      if (c == 0xF0)
        lo = 0x90;               /* overlong below U+10000 */
      else if (c == 0xF4)
        hi = 0x8F;               /* above U+10FFFF */
      if (left < 4 || s[i + 1] < lo || s[i + 1] > hi || !cont (s[i + 2])
          || !cont (s[i + 3]))
        return 0;
      return 4;
    }
  return 0;
}

/* Scan eight bytes at a time while they are plain ASCII without NUL, and
   decode one sequence at a time otherwise.  An ill-formed sequence is reported
   at the offset of its first byte.  */
size_t
cc_utf8_check (const char *p, size_t n)
{
  const unsigned char *s = (const unsigned char *) p;
  size_t i = 0;

  while (i < n)
    {
      while (n - i >= 8 && ascii8 (s + i))
        i += 8;
      if (i >= n)
        break;
      /* Handle the bytes up to the end of this (non-ASCII) word one by one.  */
      size_t stop = n - i >= 8 ? i + 8 : n;
      while (i < stop)
        {
          size_t k = seq_len (s, i, n);
          if (!k)
            return i;
          i += k;
        }
    }
  return n;
}

/* Count the bytes that start a code point, that is, every byte that is not a
   continuation byte.  */
size_t
cc_utf8_width (const char *p, size_t n)
{
  const unsigned char *s = (const unsigned char *) p;
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    w += !cont (s[i]);
  return w;
}

int
cc_utf8_cut (const char *p, size_t n, size_t max)
{
  if (n > max)
    {
      n = max;
      while (n > 0 && ((unsigned char) p[n] & 0xC0) == 0x80)
        n--;
    }
  return (int) n;
}
