/* cc_num: locale-independent parsing and exact fixed-point formatting.  */
#include <config.h>

#include "cc_num.h"

#include "cc_diag.h"

#define MAX_SECONDS INT64_C (1000000000000)  /* 10^12 s */
#define USEC INT64_C (1000000)
#define MAX_DIGITS 10                         /* decimals that fit in 32 bytes */

/* True when C is an ASCII digit.  */
static inline bool
isdig (char c)
{
  return c >= '0' && c <= '9';
}

/* Parse "DIGITS" or "DIGITS.DIGITS" (at least one digit on each side of the
   point; no sign, exponent or space).  The integer part is accumulated with an
   early bound so it never overflows; of the fraction, the first six digits
   give microseconds and the seventh decides the rounding (half up: ".0000005"
   is one microsecond, later digits cannot change a half-up decision).  The
   rounded result must not exceed 10^12 seconds.  */
int
cc_num_parse_seconds (const char *p, size_t n, int64_t *usec)
{
  size_t i = 0;
  int64_t sec = 0;

  if (n == 0 || !isdig (p[0]))
    return -1;
  for (; i < n && isdig (p[i]); i++)
    {
      sec = sec * 10 + (p[i] - '0');
      if (sec > MAX_SECONDS)
        return -1;
    }

  int64_t frac = 0;
  if (i < n)
    {
      if (p[i] != '.')
        return -1;
      i++;
      if (i == n)
        return -1;
      int nd = 0;
      bool up = false;
      for (; i < n; i++)
        {
          if (!isdig (p[i]))
            return -1;
          if (nd < 6)
            frac = frac * 10 + (p[i] - '0');
          else if (nd == 6)
            up = p[i] >= '5';
          nd++;
        }
      for (; nd < 6; nd++)
        frac *= 10;
      frac += up;
    }

  int64_t total = sec * USEC + frac;
  if (total > MAX_SECONDS * USEC)
    return -1;
  *usec = total;
  return 0;
}

/* Parse [+-]DIGITS into an int64, accumulating the magnitude unsigned and
   checking it against INT64_MAX (or its negation plus one) at every digit.  */
int
cc_num_parse_int (const char *p, size_t n, int64_t *out)
{
  size_t i = 0;
  bool neg = false;

  if (n && (p[0] == '+' || p[0] == '-'))
    {
      neg = p[0] == '-';
      i++;
    }
  if (i == n)
    return -1;

  uint64_t limit = neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
  uint64_t v = 0;
  for (; i < n; i++)
    {
      if (!isdig (p[i]))
        return -1;
      unsigned d = (unsigned) (p[i] - '0');
      if (v > (limit - d) / 10)
        return -1;
      v = v * 10 + d;
    }
  if (neg)
    *out = v == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) v;
  else
    *out = (int64_t) v;
  return 0;
}

/* Write the decimal digits of V (at least MINW of them, zero-padded) ending
   just before END; return the start.  */
static char *
put_digits (char *end, unsigned __int128 v, int minw)
{
  char *q = end;
  do
    {
      *--q = (char) ('0' + (int) (v % 10));
      v /= 10;
      minw--;
    }
  while (v || minw > 0);
  return q;
}

/* Scale |NUM| by 10^DIGITS in 128 bits (|NUM| < 2^63 and 10^10 < 2^34, so the
   product fits), divide by DEN, and round half away from zero by comparing
   twice the remainder with DEN.  DIGITS is clamped to 0..10 so the text fits in
   32 bytes; a negative DEN flips the sign.  A result that rounds to zero is
   written without a minus sign.  */
size_t
cc_num_fixed (char *buf, int64_t num, int64_t den, int digits)
{
  if (den == 0)
    cc_die (CC_EXIT_FAIL, "internal error: cc_num_fixed with a zero denominator");
  if (digits < 0)
    digits = 0;
  if (digits > MAX_DIGITS)
    digits = MAX_DIGITS;

  bool neg = (num < 0) != (den < 0);
  unsigned __int128 m = num < 0 ? (unsigned __int128) -(num + 1) + 1
                                : (unsigned __int128) num;
  unsigned __int128 d = den < 0 ? (unsigned __int128) -(den + 1) + 1
                                : (unsigned __int128) den;
  unsigned __int128 scale = 1;
  for (int k = 0; k < digits; k++)
    scale *= 10;

  unsigned __int128 s = m * scale;
  unsigned __int128 q = s / d, r = s % d;
  if (r >= d - r)
    q++;
  if (q == 0)
    neg = false;

  char tmp[48];
  char *end = tmp + sizeof tmp;
  char *start;
  if (digits)
    {
      start = put_digits (end, q % scale, digits);
      *--start = '.';
      start = put_digits (start, q / scale, 1);
    }
  else
    start = put_digits (end, q, 1);
  if (neg)
    *--start = '-';

  size_t len = (size_t) (end - start);
  for (size_t k = 0; k < len; k++)
    buf[k] = start[k];
  buf[len] = '\0';
  return len;
}

/* Exit 1 with the overflow message.  */
static _Noreturn void
overflow (void)
{
  cc_die (CC_EXIT_FAIL, "figures overflow: a sum passes 2^63 microseconds (about 292000 "
                        "years); the input's times are not plausible");
}

int64_t
cc_add_checked (int64_t a, int64_t b)
{
  int64_t r;
  if (__builtin_add_overflow (a, b, &r))
    overflow ();
  return r;
}

int64_t
cc_mul_checked (int64_t a, int64_t b)
{
  int64_t r;
  if (__builtin_mul_overflow (a, b, &r))
    overflow ();
  return r;
}
