/* cc_time: timestamps, durations, time zones and report intervals.

   Everything here is hand-written integer arithmetic: no strptime, no
   strftime, no locale.  The only libc time-zone service used is localtime_r
   (for tm_gmtoff), after cc_tz_set has pointed TZ at a validated zoneinfo
   file once; its answers are cached per thread in 15-minute slots.  */
#include <config.h>

#include "cc_time.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SEC_PER_DAY INT64_C (86400)
#define SEC_PER_WEEK INT64_C (604800)

/* Width of one offset-cache slot, in seconds.  Every zone transition in the
   tz database happens on a multiple of 15 minutes, so most slots have one
   offset throughout.  */
#define SLOT_SEC INT64_C (900)

/* Number of cached slots per thread (a power of two) and of cached day
   starts.  */
#define SLOT_CACHE 256
#define DAY_CACHE 4

/* Marks a cached slot that holds a transition (never a real offset).  */
#define OFF_MIXED INT32_MIN

/* The report zone.  Written only by cc_tz_set, which must run before threads
   start, so the readers need no synchronisation.  */
static int tz_active;                /* nonzero: a zone other than UTC */
static char tz_name_buf[256];        /* its name, as given */
static unsigned long tz_generation = 1; /* bumped by every cc_tz_set */

/* One thread's memory of offsets and day starts for the current zone.  */
struct tz_cache
{
  unsigned long generation;          /* tz_generation it was filled for */
  int64_t slot[SLOT_CACHE];          /* t / SLOT_SEC, or INT64_MIN if empty */
  int32_t off[SLOT_CACHE];           /* offset over the slot, or OFF_MIXED */
  int64_t day_local[DAY_CACHE];      /* local midnight (wall seconds) */
  int64_t day_start[DAY_CACHE];      /* its UTC instant */
};

static _Thread_local struct tz_cache tz_cache;

/* A / B rounded toward minus infinity (B > 0).  */
static inline int64_t
floor_div (int64_t a, int64_t b)
{
  int64_t q = a / b;
  if (a % b < 0)
    q--;
  return q;
}

/* A mod B in [0, B) (B > 0).  */
static inline int64_t
floor_mod (int64_t a, int64_t b)
{
  int64_t r = a % b;
  return r < 0 ? r + b : r;
}

/* Count days from 1970-01-01 with a calendar whose year starts on March 1,
   so that the leap day is the last day of its year.  The Gregorian cycle of
   400 years (146097 days) makes the count exact for any year, negative
   included.  */
int64_t
cc_days_from_civil (int64_t y, unsigned m, unsigned d)
{
  /* January and February belong to the previous March-based year.  */
  if (m <= 2)
    y--;
  int64_t cycle = (y >= 0 ? y : y - 399) / 400;
  int64_t year_in_cycle = y - cycle * 400;                 /* 0..399 */
  unsigned month_from_march = m > 2 ? m - 3 : m + 9;       /* 0..11 */
  /* Days before the month in a March-based year: months alternate 31/30
     days with a 153-day period over five months.  */
  int64_t day_in_year = (153 * month_from_march + 2) / 5 + d - 1;
  int64_t day_in_cycle = year_in_cycle * 365 + year_in_cycle / 4
                         - year_in_cycle / 100 + day_in_year;
  /* 719468 days separate 0000-03-01 from 1970-01-01.  */
  return cycle * 146097 + day_in_cycle - 719468;
}

/* The inverse of cc_days_from_civil: find the 400-year cycle, the year in
   it (correcting 365-day division for the leap days already passed), then
   the month and day within the March-based year.  */
void
cc_civil_from_days (int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
  z += 719468;
  int64_t cycle = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_in_cycle = z - cycle * 146097;               /* 0..146096 */
  int64_t year_in_cycle = (day_in_cycle - day_in_cycle / 1460
                           + day_in_cycle / 36524
                           - day_in_cycle / 146096) / 365; /* 0..399 */
  int64_t day_in_year = day_in_cycle - (365 * year_in_cycle
                                        + year_in_cycle / 4
                                        - year_in_cycle / 100); /* 0..365 */
  int64_t month_from_march = (5 * day_in_year + 2) / 153;  /* 0..11 */
  *d = (unsigned) (day_in_year - (153 * month_from_march + 2) / 5 + 1);
  *m = (unsigned) (month_from_march < 10 ? month_from_march + 3
                   : month_from_march - 9);
  *y = year_in_cycle + cycle * 400 + (*m <= 2);
}

/* Nonzero when C is an ASCII digit.  */
static inline int
is_digit (char c)
{
  return (unsigned char) (c - '0') < 10;
}

/* The two-digit number at S (digits already checked).  */
static inline unsigned
two (const char *s)
{
  return (unsigned) (s[0] - '0') * 10 + (unsigned) (s[1] - '0');
}

/* The eight bytes at P as a number, the first byte lowest.  */
static inline uint64_t
load_le64 (const unsigned char *p)
{
  uint64_t w;
  memcpy (&w, p, sizeof w);
#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64 (w);
#endif
  return w;
}

/* Check eight bytes W (as from load_le64) against a template: the bytes
   selected by DIGITS must be ASCII digits, the others must equal those of
   SEP.  Returns UINT64_MAX on a mismatch, else a word whose byte I is the
   two-digit number formed by digit bytes I and I + 1.  */
static inline uint64_t
swar_pairs (uint64_t w, uint64_t digits, uint64_t sep)
{
  const uint64_t high = UINT64_C (0xF0F0F0F0F0F0F0F0) & digits;
  const uint64_t zero = UINT64_C (0x3030303030303030) & digits;
  const uint64_t six = UINT64_C (0x0606060606060606) & digits;
  uint64_t x = w & digits;
  /* A digit byte is 0x3N with N + 6 < 16.  A byte of 0xFA or more may
     carry into its neighbour when 6 is added, but it already failed the
     first test.  */
  if (((w & ~digits) ^ sep) | ((x & high) ^ zero)
      | (((x + six) & high) ^ zero))
    return UINT64_MAX;
  uint64_t v = x - zero;          /* digit values, 0 elsewhere */
  return v * 10 + (v >> 8);       /* each byte stays below 100 */
}

/* Nonzero when Y is a Gregorian leap year.  */
static inline int
is_leap (int64_t y)
{
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Read a fraction of 1 to 9 digits at S[*P] (just after the '.'), stopping
   before N, advance *P past it and return it in microseconds, truncated.
   Returns -1 when there is no digit or more than 9.  */
static inline int64_t
parse_fraction (const char *s, size_t n, size_t *p)
{
  static const int32_t scale[7] = { 0, 100000, 10000, 1000, 100, 10, 1 };
  size_t i = *p, start = i;
  int64_t v = 0;
  while (i < n && is_digit (s[i]))
    {
      if (i - start < 6)
        v = v * 10 + (s[i] - '0');
      i++;
    }
  size_t k = i - start;
  if (k == 0 || k > 9)
    return -1;
  *p = i;
  return v * scale[k < 6 ? k : 6];
}

/* Days since 1970-01-01 of Y-M-D for years 0..9999 (the RFC 3339 range),
   with a month table instead of the general March-based arithmetic: the hot
   path of parsing.  Y is shifted by 400 years, which keeps the leap-day
   pattern and makes the year before January of year 0 positive too.  */
static inline int64_t
days_rfc3339 (unsigned y, unsigned m, unsigned d)
{
  static const uint16_t before[12] =
    { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
  unsigned shifted = y + 400;
  /* Leap days so far count up to the previous year, or this year from
     March on.  */
  unsigned ly = shifted - (m <= 2);
  int64_t days = (int64_t) shifted * 365 + ly / 4 - ly / 100 + ly / 400
                 + before[m - 1] + d - 1;
  /* 865624 is this count for 1970-01-01 (shifted to 2370).  */
  return days - 865624;
}

/* Parse RFC 3339 "YYYY-MM-DD(T|t| )HH:MM:SS[.frac](Z|z|+HH:MM|-HH:MM)".  */
static int
parse_rfc3339 (const char *s, size_t n, cc_usec *out)
{
  static const unsigned char mdays[12] =
    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (n < 20)
    return -1;
  /* "YYYY-MM-" and "HH:MM:SS" are checked and converted eight bytes at a
     time, the day and the separator between date and time one by one.  */
  const unsigned char *u = (const unsigned char *) s;
  uint64_t ymd = swar_pairs (load_le64 (u), UINT64_C (0x00FFFF00FFFFFFFF),
                              UINT64_C (0x2D00002D00000000));
  uint64_t hms = swar_pairs (load_le64 (u + 11),
                              UINT64_C (0xFFFF00FFFF00FFFF),
                              UINT64_C (0x00003A00003A0000));
  unsigned d1 = u[8] - 48u, d2 = u[9] - 48u;
  if ((ymd == UINT64_MAX) | (hms == UINT64_MAX) | (d1 > 9) | (d2 > 9)
      | ((u[10] | 0x20) != 't' && u[10] != ' '))
    return -1;

  unsigned year = (unsigned) (ymd & 0xFF) * 100
                  + (unsigned) (ymd >> 16 & 0xFF);
  unsigned mon = (unsigned) (ymd >> 40 & 0xFF), day = d1 * 10 + d2;
  unsigned hour = (unsigned) (hms & 0xFF);
  unsigned min = (unsigned) (hms >> 24 & 0xFF);
  unsigned sec = (unsigned) (hms >> 48 & 0xFF);
  if (mon < 1 || mon > 12 || day < 1 || hour > 23 || min > 59 || sec > 60)
    return -1;
  if (day > mdays[mon - 1] && !(mon == 2 && day == 29 && is_leap (year)))
    return -1;

  size_t p = 19;
  int64_t frac = 0;
  if (s[p] == '.')
    {
      p++;
      frac = parse_fraction (s, n, &p);
      if (frac < 0)
        return -1;
    }

  int64_t off;
  if (p + 1 == n && (s[p] == 'Z' || s[p] == 'z'))
    off = 0;
  else if (p + 6 == n && (s[p] == '+' || s[p] == '-')
           && is_digit (s[p + 1]) && is_digit (s[p + 2]) && s[p + 3] == ':'
           && is_digit (s[p + 4]) && is_digit (s[p + 5]))
    {
      unsigned oh = two (s + p + 1), om = two (s + p + 4);
      if (oh > 23 || om > 59)
        return -1;
      off = (int64_t) oh * 3600 + om * 60;
      if (s[p] == '-')
        off = -off;
    }
  else
    return -1;

  /* Second 60 simply adds up to the first second of the next minute.  */
  int64_t t = days_rfc3339 (year, mon, day) * SEC_PER_DAY
              + hour * 3600 + min * 60 + sec - off;
  *out = t * CC_USEC_PER_SEC + frac;
  return 0;
}

/* Parse epoch seconds: an optional '-', 1 to 12 digits, then optionally '.'
   and 1 to 9 digits.  A negative value is the negation of the whole
   magnitude ("-1.5" is 1.5 seconds before the epoch).  */
static int
parse_epoch (const char *s, size_t n, cc_usec *out)
{
  size_t p = 0;
  int neg = 0;
  if (s[0] == '-')
    {
      neg = 1;
      p = 1;
    }
  size_t start = p;
  int64_t sec = 0;
  while (p < n && is_digit (s[p]))
    {
      if (p - start == 12)
        return -1;
      sec = sec * 10 + (s[p++] - '0');
    }
  if (p == start)
    return -1;
  int64_t frac = 0;
  if (p < n && s[p] == '.')
    {
      p++;
      frac = parse_fraction (s, n, &p);
      if (frac < 0)
        return -1;
    }
  if (p != n)
    return -1;
  int64_t v = sec * CC_USEC_PER_SEC + frac;
  *out = neg ? -v : v;
  return 0;
}

/* RFC 3339 always has '-' after a four-digit year; epoch seconds never
   have a '-' there, so one byte tells the two forms apart.  */
/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z.  */
#define TIME_MIN (INT64_C (-62167219200) * CC_USEC_PER_SEC)
#define TIME_MAX (INT64_C (253402300800) * CC_USEC_PER_SEC - 1)

int
cc_time_parse (const char *s, size_t n, cc_usec *out)
{
  if (n == 0)
    return -1;
  int r = n >= 20 && s[4] == '-' ? parse_rfc3339 (s, n, out) : parse_epoch (s, n, out);
  /* Only instants RFC 3339 can write back: years 0000 to 9999 in UTC.  */
  if (r == 0 && (*out < TIME_MIN || *out > TIME_MAX))
    return -1;
  return r;
}

int
cc_time_parse_local (const char *s, size_t n, cc_usec *out)
{
  /* A zone of its own, or epoch seconds: as cc_time_parse.  */
  if (cc_time_parse (s, n, out) == 0)
    return 0;
  /* "YYYY-MM-DD HH:MM:SS[.frac]" without a zone: add one and read it as UTC,
     then move it by the report zone's offset at that wall-clock time.  */
  if (n < 19 || n > 40 || s[4] != '-')
    return -1;
  char buf[48];
  memcpy (buf, s, n);
  buf[n] = 'Z';
  cc_usec naive;
  if (cc_time_parse (buf, n + 1, &naive) != 0)
    return -1;
  int64_t ns = naive >= 0 ? naive / CC_USEC_PER_SEC
                          : -((-naive + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
  /* The offsets a day before and after; the wall-clock time is valid with
     one of them (both in a repeated hour, neither in a skipped one).  */
  int32_t oa = cc_tz_offset (ns - 86400), ob = cc_tz_offset (ns + 86400);
  int64_t t2 = ns - oa;
  if (cc_tz_offset (t2) != oa && cc_tz_offset (ns - ob) == ob)
    t2 = ns - ob;
  *out = naive + (t2 - ns) * CC_USEC_PER_SEC;
  if (*out < TIME_MIN || *out > TIME_MAX)
    return -1;
  return 0;
}

/* Parse a positive decimal number with an optional unit suffix.  The value
   is computed exactly in integers: whole units times the unit length, plus
   the fraction (kept to 12 digits, in picounits) times the unit length,
   rounded to the nearest microsecond.  */
int
cc_duration_parse (const char *s, double *out_seconds)
{
  const char *p = s;
  int64_t whole = 0;
  int nd = 0;
  while (is_digit (*p))
    {
      if (whole > (INT64_MAX - 9) / 10)
        return -1;
      whole = whole * 10 + (*p++ - '0');
      nd++;
    }
  if (nd == 0)
    return -1;

  int64_t pico = 0; /* fraction in units of 1e-12 */
  if (*p == '.')
    {
      p++;
      int nf = 0;
      int64_t scale = INT64_C (100000000000);
      while (is_digit (*p))
        {
          pico += (*p++ - '0') * scale;
          scale /= 10;
          nf++;
        }
      if (nf == 0)
        return -1;
    }

  int64_t unit;
  switch (*p)
    {
    case '\0':
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = SEC_PER_DAY;
      break;
    case 'w':
      unit = SEC_PER_WEEK;
      break;
    default:
      return -1;
    }
  if (*p && p[1])
    return -1;

  if (whole > INT64_MAX / CC_USEC_PER_SEC / unit - 1)
    return -1;
  /* pico * unit < 1e12 * 604800 < 2^63.  */
  int64_t usec = whole * unit * CC_USEC_PER_SEC
                 + (pico * unit + 500000) / 1000000;
  if (usec <= 0)
    return -1;
  *out_seconds = (double) usec / (double) CC_USEC_PER_SEC;
  return 0;
}

/* Nonzero when PATH is a regular file that starts with the TZif magic, so
   that glibc will really load it (zoneinfo also holds tables such as
   zone.tab, which are not zones).  */
static int
is_tzif (const char *path)
{
  struct stat st;
  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  char magic[4];
  ssize_t k = read (fd, magic, sizeof magic);
  close (fd);
  return k == (ssize_t) sizeof magic && memcmp (magic, "TZif", 4) == 0;
}

/* Validate NAME against $TZDIR, then /usr/share/zoneinfo, and point TZ at
   the file found (as an absolute path, so libc loads exactly that file).
   "UTC" needs no file: it switches the offset machinery off.  */
int
cc_tz_set (const char *name)
{
  if (!name || !*name)
    return -1;
  if (strcmp (name, "UTC") == 0)
    {
      tz_active = 0;
      tz_name_buf[0] = '\0';
      tz_generation++;
      return 0;
    }
  if (name[0] == '/' || strstr (name, "..")
      || strlen (name) >= sizeof tz_name_buf)
    return -1;

  const char *dirs[2];
  int ndirs = 0;
  const char *tzdir = getenv ("TZDIR");
  if (tzdir && *tzdir)
    dirs[ndirs++] = tzdir;
  dirs[ndirs++] = "/usr/share/zoneinfo";

  char tzval[4096 + 2];
  for (int i = 0; i < ndirs; i++)
    {
      int k = snprintf (tzval, sizeof tzval, ":%s/%s", dirs[i], name);
      if (k < 0 || (size_t) k >= sizeof tzval || !is_tzif (tzval + 1))
        continue;
      if (setenv ("TZ", tzval, 1) != 0)
        return -1;
      tzset ();
      strcpy (tz_name_buf, name);
      tz_active = 1;
      tz_generation++;
      return 0;
    }
  return -1;
}

const char *
cc_tz_name (void)
{
  return tz_active ? tz_name_buf : NULL;
}

/* Ask libc for the offset at T; 0 when T is beyond what it can convert.  */
static int32_t
offset_direct (int64_t t)
{
  time_t tt = (time_t) t;
  struct tm tm;
  if (!localtime_r (&tt, &tm))
    return 0;
  return (int32_t) tm.tm_gmtoff;
}

/* This thread's cache, emptied first if the zone changed since it was
   filled.  */
static struct tz_cache *
tz_cache_get (void)
{
  struct tz_cache *c = &tz_cache;
  if (c->generation != tz_generation)
    {
      for (int i = 0; i < SLOT_CACHE; i++)
        c->slot[i] = INT64_MIN;
      for (int i = 0; i < DAY_CACHE; i++)
        c->day_local[i] = INT64_MIN;
      c->generation = tz_generation;
    }
  return c;
}

/* Look the 15-minute slot of T up in a direct-mapped per-thread table.  A
   missing slot costs two libc calls (its first and last second); a slot whose
   two ends differ holds a transition and is answered directly each time.  */
int32_t
cc_tz_offset (int64_t t)
{
  if (!tz_active)
    return 0;
  struct tz_cache *c = tz_cache_get ();
  int64_t slot = floor_div (t, SLOT_SEC);
  unsigned i = (unsigned) ((uint64_t) slot & (SLOT_CACHE - 1));
  if (c->slot[i] != slot)
    {
      int64_t first = slot * SLOT_SEC;
      int32_t a = offset_direct (first);
      int32_t b = offset_direct (first + SLOT_SEC - 1);
      c->slot[i] = slot;
      c->off[i] = a == b ? a : OFF_MIXED;
    }
  if (c->off[i] != OFF_MIXED)
    return c->off[i];
  return offset_direct (t);
}

/* The first instant in (LO, HI] whose offset differs from LO's, found by
   bisection; HI when the two ends agree.  Assumes one transition at most in
   the range.  */
static int64_t
first_change (int64_t lo, int64_t hi)
{
  int32_t off_lo = cc_tz_offset (lo);
  if (cc_tz_offset (hi) == off_lo)
    return hi;
  while (hi - lo > 1)
    {
      int64_t mid = lo + (hi - lo) / 2;
      if (cc_tz_offset (mid) == off_lo)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

/* The UTC instant of wall time L in the same pass of the clock as an instant
   whose offset is OFF (so the repeated hour at the end of DST yields two
   different instants).  If OFF is not in force at L - OFF, a transition lies
   between: L is then read with the other offset, and if L falls into the
   gap of a spring-forward, the first instant after the gap is returned.  */
static int64_t
resolve_in_pass (int64_t l, int32_t off)
{
  int64_t m = l - off;
  int32_t om = cc_tz_offset (m);
  if (om == off)
    return m;
  int64_t m2 = l - om;
  if (cc_tz_offset (m2) == om)
    return m2;
  return m < m2 ? first_change (m, m2) : first_change (m2, m);
}

/* The UTC instant at which the local day starting at wall time L (a local
   midnight, in wall seconds) begins: the earliest instant showing L, or the
   first instant after a gap that swallows L.  The result depends on L only,
   so it is memoised per thread.  Any real offset is within 26 hours, so the
   answer lies inside [L - 26h, L + 26h]; at most one transition is assumed
   there.  */
static int64_t
local_day_start (int64_t l)
{
  if (!tz_active)
    return l;
  struct tz_cache *c = tz_cache_get ();
  unsigned i = (unsigned) ((uint64_t) floor_div (l, SEC_PER_DAY)
                           & (DAY_CACHE - 1));
  if (c->day_local[i] == l)
    return c->day_start[i];

  const int64_t span = 26 * 3600;
  int64_t a = l - span, b = l + span;
  int32_t off_a = cc_tz_offset (a), off_b = cc_tz_offset (b);
  int64_t r;
  if (off_a == off_b)
    r = l - off_a;
  else
    {
      int64_t change = first_change (a, b);
      if (l - off_a < change)
        r = l - off_a;          /* midnight comes before the transition */
      else if (l - off_b >= change)
        r = l - off_b;          /* after it */
      else
        r = change;             /* midnight is in the gap */
    }
  c->day_local[i] = l;
  c->day_start[i] = r;
  return r;
}

/* Cut the wall clock of the report zone into intervals.  Widths that are a
   whole number of days (including weeks) start at local midnight; shorter
   widths at wall-clock multiples of WIDTH, in the same clock pass as T.  A
   width of N days (N not 7) counts N-day blocks from 1970-01-01; a
   non-positive width returns T.  */
int64_t
cc_interval_start (int64_t t, int64_t width)
{
  if (width <= 0)
    return t;
  int32_t off = cc_tz_offset (t);
  int64_t local = t + off;
  if (width % SEC_PER_DAY == 0)
    {
      int64_t days = floor_div (local, SEC_PER_DAY);
      if (width == SEC_PER_WEEK)
        days -= floor_mod (days + 3, 7); /* day 0 was a Thursday */
      else
        days -= floor_mod (days, width / SEC_PER_DAY);
      return local_day_start (days * SEC_PER_DAY);
    }
  int64_t l = floor_div (local, width) * width;
  if (!tz_active)
    return l;
  return resolve_in_pass (l, off);
}

/* Write the N low decimal digits of V (V >= 0) at P, zero-padded.  */
static inline char *
put_digits (char *p, int64_t v, int n)
{
  for (int i = n - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  return p + n;
}

/* Format with integer arithmetic only.  A zone offset that is not a whole
   number of minutes (local mean time before 1900 or so) cannot be written in
   RFC 3339, so it is rounded to the nearest minute and the wall time is
   shown at that rounded offset: the text still names exactly instant T.  */
size_t
cc_time_format (char *buf, cc_usec t, int local)
{
  int64_t sec = floor_div (t, CC_USEC_PER_SEC);
  int64_t usec = floor_mod (t, CC_USEC_PER_SEC);
  int zulu = !local || !tz_active;
  int64_t off = 0;
  if (!zulu)
    {
      off = cc_tz_offset (sec);
      off = floor_div (off + 30, 60) * 60;
    }
  int64_t wall = sec + off;
  int64_t days = floor_div (wall, SEC_PER_DAY);
  int64_t sod = floor_mod (wall, SEC_PER_DAY);
  int64_t y;
  unsigned m, d;
  cc_civil_from_days (days, &y, &m, &d);

  char *p = buf;
  if (y < 0)
    {
      *p++ = '-';
      y = -y;
    }
  int ny = 4;
  for (int64_t v = y; v >= 10000; v /= 10)
    ny++;
  p = put_digits (p, y, ny);
  *p++ = '-';
  p = put_digits (p, m, 2);
  *p++ = '-';
  p = put_digits (p, d, 2);
  *p++ = 'T';
  p = put_digits (p, sod / 3600, 2);
  *p++ = ':';
  p = put_digits (p, sod / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, sod % 60, 2);
  if (usec)
    {
      *p++ = '.';
      if (usec % 1000 == 0)
        p = put_digits (p, usec / 1000, 3);
      else
        p = put_digits (p, usec, 6);
    }
  if (zulu)
    *p++ = 'Z';
  else
    {
      int64_t a = off;
      *p++ = a < 0 ? '-' : '+';
      if (a < 0)
        a = -a;
      p = put_digits (p, a / 3600, 2);
      *p++ = ':';
      p = put_digits (p, a / 60 % 60, 2);
    }
  *p = '\0';
  return (size_t) (p - buf);
}

int
cc_time_parse_when (const char *s, cc_usec *out)
{
  unsigned y, m, d;
  char tail;
  if (cc_time_parse (s, strlen (s), out) == 0)
    return 0;
  if (strlen (s) == 10 && sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && m >= 1
      && m <= 12 && d >= 1 && d <= 31)
    {
      char full[40];
      cc_usec t;
      snprintf (full, sizeof full, "%sT00:00:00Z", s);
      if (cc_time_parse (full, strlen (full), &t) == 0)
        {
          /* An instant near local noon of that date, then the first instant
             of its local day.  */
          int64_t noon = t / CC_USEC_PER_SEC + 43200;
          *out = cc_interval_start (noon - cc_tz_offset (noon), 86400) * CC_USEC_PER_SEC;
          return 0;
        }
    }
  return -1;
}
