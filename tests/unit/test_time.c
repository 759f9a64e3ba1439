/* Unit tests of cc_time: parsing, durations, formatting, zones, intervals.

   Expected instants were computed with GNU date while writing the tests, e.g.
   `date -u -d 2026-03-02T08:15:03Z +%s` -> 1772439303, and the zone
   transitions were read from `zdump -v -c 2026,2027 ZONE`:
     Europe/Berlin     2026-03-29T01:00:00Z  +01:00 -> +02:00
                       2026-10-25T01:00:00Z  +02:00 -> +01:00
     America/New_York  2026-03-08T07:00:00Z  -05:00 -> -04:00
                       2026-11-01T06:00:00Z  -04:00 -> -05:00
     America/Havana    2026-03-08T05:00:00Z  -05:00 -> -04:00 (00:00 -> 01:00)
                       2026-11-01T05:00:00Z  -04:00 -> -05:00 (01:00 -> 00:00)
   The test needs /usr/share/zoneinfo (package tzdata).  */
#include <config.h>

#include "cc_time.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"

#define H INT64_C (3600)
#define DAY INT64_C (86400)
#define USEC CC_USEC_PER_SEC

/* date -u -d 2026-03-02T08:15:03Z +%s */
#define T0 INT64_C (1772439303)
/* Berlin transitions: date -u -d 2026-03-29T01:00:00Z +%s, and Oct 25.  */
#define BER_SPRING INT64_C (1774746000)
#define BER_FALL INT64_C (1792890000)
/* New York transitions: 2026-03-08T07:00:00Z, 2026-11-01T06:00:00Z.  */
#define NY_SPRING INT64_C (1772953200)
#define NY_FALL INT64_C (1793512800)

/* Nonzero when S parses to WANT microseconds.  */
static int
parses (const char *s, cc_usec want)
{
  cc_usec v = 0;
  return cc_time_parse (s, strlen (s), &v) == 0 && v == want;
}

/* Nonzero when S is rejected.  */
static int
rejects (const char *s)
{
  cc_usec v = 0;
  return cc_time_parse (s, strlen (s), &v) == -1;
}

/* Nonzero when the duration S parses to WANT seconds (within 1e-9).  */
static int
dur_is (const char *s, double want)
{
  double v = -1;
  if (cc_duration_parse (s, &v) != 0)
    return 0;
  return v - want < 1e-9 && want - v < 1e-9;
}

/* Nonzero when the duration S is rejected.  */
static int
dur_rejects (const char *s)
{
  double v = 0;
  return cc_duration_parse (s, &v) == -1;
}

/* Nonzero when T formats as WANT (and the length returned matches).  */
static int
fmt_is (cc_usec t, int local, const char *want)
{
  char buf[64];
  memset (buf, 'x', sizeof buf);
  size_t n = cc_time_format (buf, t, local);
  int good = n == strlen (want) && strcmp (buf, want) == 0;
  if (!good)
    printf ("# got \"%s\", want \"%s\"\n", buf, want);
  return good;
}

/* Nonzero when the interval of WIDTH holding T starts at WANT.  */
static int
iv_is (int64_t t, int64_t width, int64_t want)
{
  int64_t got = cc_interval_start (t, width);
  if (got != want)
    printf ("# interval (%lld, %lld) = %lld, want %lld\n", (long long) t,
            (long long) width, (long long) got, (long long) want);
  return got == want;
}

/* Walk every day from 1600 to 2400 (and some BC years) and compare both
   calendar conversions with a naive day-by-day count.  */
static void
test_civil (void)
{
  static const unsigned mdays[12] =
    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  ok (cc_days_from_civil (1970, 1, 1) == 0, "civil: epoch is day 0");
  ok (cc_days_from_civil (2026, 3, 2) == 1772409600 / 86400,
      "civil: 2026-03-02");
  /* -62167219200 / 86400: date -u -d 0000-01-01 +%s */
  ok (cc_days_from_civil (0, 1, 1) == -719528, "civil: 0000-01-01");

  int bad = 0;
  int64_t z = cc_days_from_civil (-1000, 1, 1);
  for (int64_t y = -1000; y <= 2400; y++)
    for (unsigned m = 1; m <= 12; m++)
      {
        unsigned len = mdays[m - 1];
        if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
          len = 29;
        for (unsigned d = 1; d <= len; d++, z++)
          {
            int64_t yy;
            unsigned mm, dd;
            if (cc_days_from_civil (y, m, d) != z)
              bad++;
            cc_civil_from_days (z, &yy, &mm, &dd);
            if (yy != y || mm != m || dd != d)
              bad++;
          }
      }
  ok (bad == 0, "civil: both directions agree with a day count, -1000..2400");
}

/* Valid and invalid timestamps.  */
static void
test_parse (void)
{
  ok (parses ("2026-03-02T08:15:03Z", T0 * USEC), "parse: basic Z");
  ok (parses ("2026-03-02t08:15:03z", T0 * USEC), "parse: lower-case t and z");
  ok (parses ("2026-03-02 08:15:03Z", T0 * USEC), "parse: space separator");
  ok (parses ("2026-03-02T17:15:03+09:00", T0 * USEC), "parse: +09:00");
  ok (parses ("2026-03-02T02:45:03-05:30", T0 * USEC), "parse: -05:30");
  ok (parses ("2026-03-02T08:15:03+00:00", T0 * USEC), "parse: +00:00");
  ok (parses ("2026-03-02T08:15:03-00:00", T0 * USEC), "parse: -00:00");
  ok (parses ("2026-03-02T08:15:03.25Z", T0 * USEC + 250000),
      "parse: fraction .25");
  ok (parses ("2026-03-02T08:15:03.5+01:00", (T0 - H) * USEC + 500000),
      "parse: fraction then offset");
  ok (parses ("2026-03-02T08:15:03.000001Z", T0 * USEC + 1),
      "parse: one microsecond");
  ok (parses ("2026-03-02T08:15:03.123456789Z", T0 * USEC + 123456),
      "parse: nanoseconds truncated");
  ok (parses ("2026-03-02T08:15:03.9999999Z", T0 * USEC + 999999),
      "parse: 7 digits truncated, not rounded");
  ok (parses ("1970-01-01T00:00:00Z", 0), "parse: epoch");
  /* date -u -d 1969-12-31T23:59:59Z +%s -> -1 */
  ok (parses ("1969-12-31T23:59:59.5Z", -USEC + 500000),
      "parse: before the epoch with fraction");
  /* date -u -d 1960-06-15T12:34:56Z +%s */
  ok (parses ("1960-06-15T12:34:56Z", INT64_C (-301231504) * USEC),
      "parse: 1960");
  /* date -u -d 2024-02-29T00:00:00Z +%s */
  ok (parses ("2024-02-29T00:00:00Z", INT64_C (1709164800) * USEC),
      "parse: Feb 29 2024 (leap)");
  ok (parses ("2000-02-29T00:00:00Z", INT64_C (951782400) * USEC),
      "parse: Feb 29 2000 (leap, 400)");
  ok (rejects ("1900-02-29T00:00:00Z"), "parse: Feb 29 1900 rejected");
  ok (rejects ("2023-02-29T00:00:00Z"), "parse: Feb 29 2023 rejected");
  ok (rejects ("2026-02-30T00:00:00Z"), "parse: Feb 30 rejected");
  ok (rejects ("2026-04-31T00:00:00Z"), "parse: Apr 31 rejected");
  ok (parses ("2026-12-31T23:59:59Z", INT64_C (1798761599) * USEC),
      "parse: Dec 31");
  ok (rejects ("2026-13-01T00:00:00Z"), "parse: month 13 rejected");
  ok (rejects ("2026-00-01T00:00:00Z"), "parse: month 0 rejected");
  ok (rejects ("2026-01-00T00:00:00Z"), "parse: day 0 rejected");
  ok (rejects ("2026-01-32T00:00:00Z"), "parse: day 32 rejected");
  ok (rejects ("2026-03-02T24:00:00Z"), "parse: hour 24 rejected");
  ok (rejects ("2026-03-02T08:60:00Z"), "parse: minute 60 rejected");
  ok (rejects ("2026-03-02T08:15:61Z"), "parse: second 61 rejected");
  /* date -u -d 2017-01-01T00:00:00Z +%s */
  ok (parses ("2016-12-31T23:59:60Z", INT64_C (1483228800) * USEC),
      "parse: leap second counts as the next second");
  ok (rejects ("2026-03-02T08:15:03"), "parse: missing zone rejected");
  ok (rejects ("2026-03-02T08:15:03Z "), "parse: trailing space rejected");
  ok (rejects ("2026-03-02T08:15:03Zx"), "parse: trailing junk rejected");
  ok (rejects ("2026-03-02T08:15:03+01:00 "), "parse: junk after offset");
  ok (rejects (" 2026-03-02T08:15:03Z"), "parse: leading space rejected");
  ok (rejects (""), "parse: empty rejected");
  ok (rejects ("2026-03-02T08:15:03+24:00"), "parse: offset hour 24");
  ok (rejects ("2026-03-02T08:15:03+09:60"), "parse: offset minute 60");
  ok (rejects ("2026-03-02T08:15:03+0900"), "parse: offset without colon");
  ok (rejects ("2026-03-02T08:15:03+09"), "parse: offset without minutes");
  ok (rejects ("2026-03-02T08:15:03.Z"), "parse: empty fraction");
  ok (rejects ("2026-03-02T08:15:03.1234567890Z"), "parse: 10-digit fraction");
  ok (rejects ("2026-03-02T08:15:03,5Z"), "parse: comma fraction");
  ok (rejects ("2026-03-02  08:15:03Z"), "parse: two spaces");
  ok (rejects ("2026-03-02X08:15:03Z"), "parse: bad separator");
  ok (rejects ("2026-3-02T08:15:03Z"), "parse: one-digit month");
  ok (rejects ("2026-03-02T8:15:03Z"), "parse: one-digit hour");
  ok (rejects ("2026-03-02T08:15Z"), "parse: no seconds");
  ok (rejects ("2026-03-02"), "parse: date only");
  ok (rejects ("2026-03-02T08:15:03UTC"), "parse: zone name");

  /* The input is not NUL-terminated: only N bytes count.  */
  {
    const char *s = "2026-03-02T08:15:03Zjunk";
    cc_usec v = 0;
    ok (cc_time_parse (s, 20, &v) == 0 && v == T0 * USEC,
        "parse: stops at N bytes");
    ok (cc_time_parse (s, 19, &v) == -1, "parse: N cuts the zone off");
    ok (cc_time_parse ("1772439303999", 10, &v) == 0 && v == T0 * USEC,
        "parse: epoch stops at N bytes");
  }

  ok (parses ("1772439303", T0 * USEC), "parse: epoch seconds");
  ok (parses ("1772439303.5", T0 * USEC + 500000), "parse: epoch fraction");
  ok (parses ("1772439303.000001", T0 * USEC + 1), "parse: epoch microsecond");
  ok (parses ("1772439303.1234567", T0 * USEC + 123456),
      "parse: epoch fraction truncated");
  ok (parses ("0", 0), "parse: epoch 0");
  ok (parses ("-1", -USEC), "parse: negative epoch");
  ok (parses ("-1.5", -USEC - 500000), "parse: negative epoch fraction");
  ok (parses ("-301231504", INT64_C (-301231504) * USEC),
      "parse: negative epoch, 1960");
  /* 253402300799 = 9999-12-31T23:59:59Z (date -u -d 9999-12-31T23:59:59Z +%s);
     one second later is year 10000, which RFC 3339 cannot write.  */
  ok (parses ("253402300799", INT64_C (253402300799) * USEC),
      "parse: last second of year 9999");
  ok (rejects ("253402300800"), "parse: year 10000 rejected");
  ok (rejects ("999999999999"), "parse: 12-digit epoch beyond year 9999 rejected");
  ok (parses ("-62167219200", INT64_C (-62167219200) * USEC), "parse: 0000-01-01T00:00:00Z");
  ok (rejects ("-62167219201"), "parse: before year 0000 rejected");
  ok (rejects ("0000-01-01T00:00:00+00:01"), "parse: offset moving before year 0000 rejected");
  ok (rejects ("9999-12-31T23:59:59-00:01"), "parse: offset moving past year 9999 rejected");
  ok (rejects ("1000000000000"), "parse: 13-digit epoch rejected");
  ok (rejects ("-"), "parse: lone minus");
  ok (rejects ("+5"), "parse: plus sign");
  ok (rejects ("1."), "parse: epoch empty fraction");
  ok (rejects (".5"), "parse: epoch no integer part");
  ok (rejects ("1e9"), "parse: exponent");
  ok (rejects ("12 "), "parse: epoch trailing space");
  ok (rejects ("0x10"), "parse: hex");
  ok (rejects ("1.1234567890"), "parse: epoch 10-digit fraction");
}

/* Write V as N zero-padded decimal digits at P (snprintf is too slow for
   the loop below under valgrind).  */
static void
put_num (char *p, unsigned v, int n)
{
  for (int i = n - 1; i >= 0; i--, v /= 10)
    p[i] = (char) ('0' + v % 10);
}

/* Every month of every year 0000-9999 (first day, 28th, last day), with a
   varying time of day, must parse to the calendar arithmetic's answer.  */
static void
test_parse_all_years (void)
{
  static const unsigned mdays[12] =
    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int bad = 0;
  char buf[] = "YYYY-MM-DDTHH:MM:SSZ";
  for (int y = 0; y <= 9999; y++)
    for (unsigned m = 1; m <= 12; m++)
      {
        unsigned last = mdays[m - 1];
        if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
          last = 29;
        unsigned days[3] = { 1, 28, last };
        for (int k = 0; k < 3; k++)
          {
            unsigned d = days[k], hh = (unsigned) y % 24, mi = m * 4 + k;
            unsigned ss = (d * 7) % 61;
            put_num (buf, (unsigned) y, 4);
            put_num (buf + 5, m, 2);
            put_num (buf + 8, d, 2);
            put_num (buf + 11, hh, 2);
            put_num (buf + 14, mi, 2);
            put_num (buf + 17, ss, 2);
            cc_usec v;
            int64_t want = cc_days_from_civil (y, m, d) * DAY + hh * H
                           + mi * 60 + ss;
            if (cc_time_parse (buf, strlen (buf), &v) != 0 || v != want * USEC)
              {
                if (bad++ < 3)
                  printf ("# %s\n", buf);
              }
          }
      }
  ok (bad == 0, "parse: every month of years 0000-9999");
}

/* Replace each byte of a valid timestamp by every byte value that is not
   allowed there: each result must be rejected.  */
static void
test_parse_bad_bytes (void)
{
  static const char good[] = "2026-03-02T08:15:03Z";
  static const char tmpl[] = "dddd-dd-ddTdd:dd:dd";
  char buf[32];
  int bad = 0;
  for (int i = 0; i < 19; i++)
    for (int c = 0; c < 256; c++)
      {
        int allowed;
        if (tmpl[i] == 'd')
          allowed = c >= '0' && c <= '9';
        else if (tmpl[i] == 'T')
          allowed = c == 'T' || c == 't' || c == ' ';
        else
          allowed = c == tmpl[i];
        if (allowed)
          continue;
        memcpy (buf, good, sizeof good);
        buf[i] = (char) c;
        /* Pass all 20 bytes: a NUL is just another wrong byte.  */
        cc_usec v;
        if (cc_time_parse (buf, 20, &v) != -1 && bad++ < 3)
          printf ("# byte %d = %d accepted\n", i, c);
      }
  ok (bad == 0, "parse: every wrong byte at every position is rejected");
}

/* Durations.  */
static void
test_duration (void)
{
  ok (dur_is ("90", 90), "duration: 90");
  ok (dur_is ("90s", 90), "duration: 90s");
  ok (dur_is ("15m", 900), "duration: 15m");
  ok (dur_is ("1h", 3600), "duration: 1h");
  ok (dur_is ("1d", 86400), "duration: 1d");
  ok (dur_is ("1w", 604800), "duration: 1w");
  ok (dur_is ("1.5h", 5400), "duration: 1.5h");
  ok (dur_is ("0.25s", 0.25), "duration: 0.25s");
  ok (dur_is ("0.5", 0.5), "duration: 0.5");
  ok (dur_is ("2.25d", 194400), "duration: 2.25d");
  ok (dur_is ("0.000001", 0.000001), "duration: one microsecond");
  ok (dur_is ("0.0000005", 0.000001), "duration: rounds to microseconds");
  ok (dur_is ("0.1w", 60480), "duration: 0.1w exact");
  ok (dur_rejects ("0"), "duration: zero rejected");
  ok (dur_rejects ("0.0h"), "duration: 0.0h rejected");
  ok (dur_rejects ("0.0000004"), "duration: rounds to zero, rejected");
  ok (dur_rejects ("-5"), "duration: negative rejected");
  ok (dur_rejects (""), "duration: empty rejected");
  ok (dur_rejects ("h"), "duration: unit only rejected");
  ok (dur_rejects ("1x"), "duration: unknown unit rejected");
  ok (dur_rejects ("1hh"), "duration: two units rejected");
  ok (dur_rejects ("1 h"), "duration: space rejected");
  ok (dur_rejects ("1.h"), "duration: empty fraction rejected");
  ok (dur_rejects (".5h"), "duration: no integer part rejected");
  ok (dur_rejects ("1H"), "duration: upper-case unit rejected");
  ok (dur_rejects ("99999999999999999999w"), "duration: overflow rejected");
  ok (dur_rejects ("20000000000000w"), "duration: too large rejected");
}

/* Formatting in UTC.  */
static void
test_format_utc (void)
{
  ok (fmt_is (T0 * USEC, 0, "2026-03-02T08:15:03Z"), "format: basic");
  ok (fmt_is (T0 * USEC, 1, "2026-03-02T08:15:03Z"), "format: local in UTC");
  ok (fmt_is (T0 * USEC + 250000, 0, "2026-03-02T08:15:03.250Z"),
      "format: milliseconds");
  ok (fmt_is (T0 * USEC + 1, 0, "2026-03-02T08:15:03.000001Z"),
      "format: microsecond");
  ok (fmt_is (T0 * USEC + 123456, 0, "2026-03-02T08:15:03.123456Z"),
      "format: six digits");
  ok (fmt_is (0, 0, "1970-01-01T00:00:00Z"), "format: epoch");
  ok (fmt_is (-1, 0, "1969-12-31T23:59:59.999999Z"),
      "format: one microsecond before the epoch");
  ok (fmt_is (-USEC - 500000, 0, "1969-12-31T23:59:58.500Z"),
      "format: -1.5 s");
  ok (fmt_is (INT64_C (-301231504) * USEC, 0, "1960-06-15T12:34:56Z"),
      "format: 1960");
  /* date -u -d 0000-01-01 +%s; 9999-12-31T23:59:59Z */
  ok (fmt_is (INT64_C (-62167219200) * USEC, 0, "0000-01-01T00:00:00Z"),
      "format: year 0");
  ok (fmt_is (INT64_C (253402300799) * USEC, 0, "9999-12-31T23:59:59Z"),
      "format: year 9999");
}

/* Format then parse many instants, in the current zone, locally and in
   UTC; every string must name the same instant.  */
static int
round_trips (int local)
{
  int bad = 0;
  char buf[64];
  for (int64_t t = INT64_C (-2208988800); t < INT64_C (4102444800);
       t += INT64_C (7777777))
    for (int64_t f = 0; f < 3; f++)
      {
        static const int64_t frac[3] = { 0, 250000, 1 };
        cc_usec u = t * USEC + frac[f], v = -1;
        size_t n = cc_time_format (buf, u, local);
        if (cc_time_parse (buf, n, &v) != 0 || v != u)
          bad++;
      }
  /* Every 15 minutes around this year's transitions.  */
  for (int64_t t = INT64_C (1772409600); t < INT64_C (1798761600);
       t += 887)
    {
      cc_usec u = t * USEC, v = -1;
      size_t n = cc_time_format (buf, u, local);
      if (cc_time_parse (buf, n, &v) != 0 || v != u)
        bad++;
    }
  return bad == 0;
}

/* Check interval invariants for WIDTH over 3 days around instant MID, every
   37 seconds: the start is at or before t, is its own start, never moves
   backwards, and falls on a wall-clock multiple of WIDTH (local midnight,
   Monday for weeks) unless it is the first instant after a gap.  */
static int
interval_invariants (int64_t mid, int64_t width)
{
  int bad = 0;
  int64_t prev = INT64_MIN;
  for (int64_t t = mid - 36 * H; t < mid + 36 * H; t += 37)
    {
      int64_t s = cc_interval_start (t, width);
      int64_t cut = width == 604800 ? DAY : width;
      int64_t wall = s + cc_tz_offset (s);
      int aligned = ((wall % cut) + cut) % cut == 0;
      int after_gap = cc_tz_offset (s - 1) < cc_tz_offset (s);
      if (s > t || cc_interval_start (s, width) != s || s < prev
          || (!aligned && !after_gap) || t - s >= width + 2 * H)
        {
          if (bad < 3)
            printf ("# width %lld: t=%lld start=%lld\n", (long long) width,
                    (long long) t, (long long) s);
          bad++;
        }
      prev = s;
    }
  return bad == 0;
}

/* Compare cc_tz_offset with localtime_r over a range of instants.  */
static int
offsets_match (int64_t from, int64_t to, int64_t step)
{
  int bad = 0;
  for (int64_t t = from; t < to; t += step)
    {
      time_t tt = (time_t) t;
      struct tm tm;
      localtime_r (&tt, &tm);
      if (cc_tz_offset (t) != tm.tm_gmtoff)
        bad++;
    }
  return bad;
}

/* Thread body for the two-thread check: a whole year, every 311 seconds.  */
static void *
offset_thread (void *arg)
{
  int64_t shift = *(const int64_t *) arg;
  int *bad = malloc (sizeof *bad);
  if (bad)
    *bad = offsets_match (INT64_C (1767225600) + shift,
                          INT64_C (1798761600), 311);
  return bad;
}

/* Run offsets_match in two threads at once; both caches must stay right.  */
static int
two_threads_agree (void)
{
  static const int64_t shift[2] = { 0, 29 };
  pthread_t th[2];
  int bad = 0;
  for (int i = 0; i < 2; i++)
    if (pthread_create (&th[i], NULL, offset_thread, (void *) &shift[i]) != 0)
      return 0;
  for (int i = 0; i < 2; i++)
    {
      void *r;
      pthread_join (th[i], &r);
      if (!r)
        bad++;
      else
        {
          bad += *(int *) r;
          free (r);
        }
    }
  return bad == 0;
}

/* The zone setting itself.  */
static void
test_tz_set (void)
{
  ok (cc_tz_name () == NULL, "tz: UTC before any cc_tz_set");
  ok (cc_tz_offset (T0) == 0, "tz: offset 0 before any cc_tz_set");
  ok (cc_tz_set ("") == -1, "tz: empty name rejected");
  ok (cc_tz_set ("/usr/share/zoneinfo/Europe/Berlin") == -1,
      "tz: absolute path rejected");
  ok (cc_tz_set ("../zoneinfo/Europe/Berlin") == -1, "tz: '..' rejected");
  ok (cc_tz_set ("Europe/../Europe/Berlin") == -1, "tz: inner '..' rejected");
  ok (cc_tz_set ("No/Such_Zone") == -1, "tz: unknown zone rejected");
  ok (cc_tz_set ("Europe") == -1, "tz: directory rejected");
  ok (cc_tz_set ("zone.tab") == -1, "tz: non-TZif file rejected");
  ok (cc_tz_name () == NULL, "tz: still UTC after failures");
  ok (cc_tz_set ("UTC") == 0 && cc_tz_name () == NULL, "tz: UTC accepted");

  setenv ("TZDIR", "/nonexistent-zoneinfo", 1);
  ok (cc_tz_set ("Asia/Tokyo") == 0
      && strcmp (cc_tz_name (), "Asia/Tokyo") == 0,
      "tz: falls back to /usr/share/zoneinfo when TZDIR lacks the zone");
  unsetenv ("TZDIR");
  ok (cc_tz_offset (T0) == 9 * H, "tz: Tokyo is +09:00");
  ok (cc_tz_set ("No/Such_Zone") == -1
      && strcmp (cc_tz_name (), "Asia/Tokyo") == 0
      && cc_tz_offset (T0) == 9 * H,
      "tz: a failed set keeps the previous zone");
  ok (fmt_is (T0 * USEC, 1, "2026-03-02T17:15:03+09:00"), "tz: Tokyo format");
}

/* Europe/Berlin around both 2026 transitions.  */
static void
test_berlin (void)
{
  ok (cc_tz_set ("Europe/Berlin") == 0, "berlin: set");
  ok (strcmp (cc_tz_name (), "Europe/Berlin") == 0, "berlin: name");
  ok (cc_tz_offset (T0) == H, "berlin: winter +01:00");
  ok (cc_tz_offset (BER_SPRING - 1) == H, "berlin: +01:00 before spring");
  ok (cc_tz_offset (BER_SPRING) == 2 * H, "berlin: +02:00 from spring");
  ok (cc_tz_offset (BER_FALL - 1) == 2 * H, "berlin: +02:00 before fall");
  ok (cc_tz_offset (BER_FALL) == H, "berlin: +01:00 from fall");
  ok (cc_tz_offset (-1) == H, "berlin: 1969 +01:00");
  ok (offsets_match (INT64_C (1767225600), INT64_C (1798761600), 599) == 0,
      "berlin: cached offsets match localtime_r over 2026");
  ok (two_threads_agree (), "berlin: two threads agree with localtime_r");

  ok (fmt_is (T0 * USEC, 1, "2026-03-02T09:15:03+01:00"), "berlin: format");
  ok (fmt_is (T0 * USEC, 0, "2026-03-02T08:15:03Z"), "berlin: format UTC");
  ok (fmt_is ((BER_SPRING - 1) * USEC, 1, "2026-03-29T01:59:59+01:00"),
      "berlin: last second of winter time");
  ok (fmt_is (BER_SPRING * USEC, 1, "2026-03-29T03:00:00+02:00"),
      "berlin: first second of summer time");
  ok (fmt_is ((BER_FALL - 600) * USEC, 1, "2026-10-25T02:50:00+02:00"),
      "berlin: repeated hour, first pass");
  ok (fmt_is ((BER_FALL + 3000) * USEC, 1, "2026-10-25T02:50:00+01:00"),
      "berlin: repeated hour, second pass");
  ok (fmt_is (-USEC / 2, 1, "1970-01-01T00:59:59.500+01:00"),
      "berlin: negative time with fraction");
  /* Local mean time +00:53:28 before 1893 is written at +00:53; the string
     still names the same instant (date -u -d 1890-01-01 +%s).  */
  ok (fmt_is (INT64_C (-2524521600) * USEC, 1, "1890-01-01T00:53:00+00:53"),
      "berlin: LMT offset rounded to the minute");
  ok (round_trips (1), "berlin: local format/parse round trips");
  ok (round_trips (0), "berlin: UTC format/parse round trips");

  /* Spring forward: 02:00 CET jumps to 03:00 CEST at 01:00Z.  */
  ok (iv_is (BER_SPRING - 1, 900, BER_SPRING - 900),
      "berlin spring: 01:59:59 is in 01:45");
  ok (iv_is (BER_SPRING, 900, BER_SPRING), "berlin spring: 03:00 starts");
  ok (iv_is (BER_SPRING + 600, 900, BER_SPRING), "berlin spring: 03:10");
  ok (iv_is (BER_SPRING + 1800, 3600, BER_SPRING), "berlin spring: 1h 03:30");
  ok (iv_is (BER_SPRING - 1800, 3600, BER_SPRING - 3600),
      "berlin spring: 1h 01:30");
  /* A 2h interval 02:00-04:00 loses its first hour: it starts at 03:00.  */
  ok (iv_is (BER_SPRING + 1800, 7200, BER_SPRING),
      "berlin spring: 2h interval starts after the gap");
  ok (iv_is (BER_SPRING - 1800, 7200, BER_SPRING - 2 * H),
      "berlin spring: 2h 00:00-02:00 CET");

  /* Fall back: 03:00 CEST returns to 02:00 CET at 01:00Z.  */
  ok (iv_is (BER_FALL - 3000, 900, BER_FALL - 3600),
      "berlin fall: 02:10 first pass in 02:00 CEST");
  ok (iv_is (BER_FALL + 600, 900, BER_FALL),
      "berlin fall: 02:10 second pass in 02:00 CET");
  ok (cc_interval_start (BER_FALL - 3000, 900)
      != cc_interval_start (BER_FALL + 600, 900),
      "berlin fall: the two passes are distinct 15-minute intervals");
  ok (iv_is (BER_FALL - 1, 900, BER_FALL - 900),
      "berlin fall: 02:59:59 CEST in 02:45 CEST");
  ok (iv_is (BER_FALL - 1800, 3600, BER_FALL - 3600),
      "berlin fall: 1h first pass");
  ok (iv_is (BER_FALL + 1800, 3600, BER_FALL), "berlin fall: 1h second pass");
  ok (iv_is (BER_FALL + 1800, 3 * H, BER_FALL - 3 * H),
      "berlin fall: 3h 00:00-03:00 holds both passes");

  /* Days: 2026-03-29 has 23 hours, 2026-10-25 has 25.  */
  /* date -u -d 2026-03-28T23:00:00Z +%s; 2026-03-29T22:00:00Z */
  ok (iv_is (BER_SPRING + 9 * H, DAY, INT64_C (1774738800)),
      "berlin: spring day starts at local midnight (CET)");
  ok (iv_is (INT64_C (1774738800), DAY, INT64_C (1774738800)),
      "berlin: midnight is its own day start");
  ok (iv_is (INT64_C (1774738799), DAY, INT64_C (1774738800) - DAY),
      "berlin: 23:59:59 belongs to the previous day");
  ok (iv_is (INT64_C (1774821600) - 1, DAY, INT64_C (1774738800))
      && iv_is (INT64_C (1774821600), DAY, INT64_C (1774821600)),
      "berlin: the spring day lasts 23 hours");
  /* date -u -d 2026-10-24T22:00:00Z +%s; 2026-10-25T23:00:00Z */
  ok (iv_is (BER_FALL + 10 * H, DAY, INT64_C (1792879200)),
      "berlin: fall day starts at local midnight (CEST)");
  ok (iv_is (BER_FALL - 1800, DAY, INT64_C (1792879200))
      && iv_is (BER_FALL + 1800, DAY, INT64_C (1792879200)),
      "berlin: both passes of the repeated hour are in the same day");
  ok (iv_is (INT64_C (1792969200) - 1, DAY, INT64_C (1792879200))
      && iv_is (INT64_C (1792969200), DAY, INT64_C (1792969200)),
      "berlin: the fall day lasts 25 hours");
  ok (iv_is (T0, DAY, INT64_C (1772409600) - H), "berlin: winter day");

  /* Weeks start on Monday 00:00 local.  */
  /* 2026-03-23 is a Monday: date -u -d 2026-03-22T23:00:00Z +%s */
  ok (iv_is (BER_SPRING + 17 * H, 604800, INT64_C (1774220400)),
      "berlin: Sunday 2026-03-29 20:00 is in the week of Monday 23");
  ok (iv_is (INT64_C (1774823400), 604800, INT64_C (1774821600)),
      "berlin: Monday 2026-03-30 00:30 CEST starts a new week");
  ok (iv_is (T0, 604800, INT64_C (1772409600) - H),
      "berlin: Monday 2026-03-02 week");
  ok (iv_is (0, 604800, INT64_C (-259200) - H),
      "berlin: 1970-01-01 is in the week of Monday 1969-12-29");

  static const int64_t widths[] = { 900, 1800, 3600, 7200, 10800, DAY,
                                    604800 };
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
    {
      ok (interval_invariants (BER_SPRING, widths[i]),
          "berlin: invariants around spring, width %lld",
          (long long) widths[i]);
      ok (interval_invariants (BER_FALL, widths[i]),
          "berlin: invariants around fall, width %lld",
          (long long) widths[i]);
    }
}

/* America/New_York around both 2026 transitions.  */
static void
test_new_york (void)
{
  ok (cc_tz_set ("America/New_York") == 0, "ny: set");
  ok (cc_tz_offset (NY_SPRING - 1) == -5 * H, "ny: EST before spring");
  ok (cc_tz_offset (NY_SPRING) == -4 * H, "ny: EDT from spring");
  ok (cc_tz_offset (NY_FALL - 1) == -4 * H, "ny: EDT before fall");
  ok (cc_tz_offset (NY_FALL) == -5 * H, "ny: EST from fall");
  ok (offsets_match (INT64_C (1767225600), INT64_C (1798761600), 599) == 0,
      "ny: cached offsets match localtime_r over 2026");
  ok (fmt_is (T0 * USEC, 1, "2026-03-02T03:15:03-05:00"), "ny: format");
  ok (fmt_is ((NY_FALL - 2400) * USEC + 1000, 1,
              "2026-11-01T01:20:00.001-04:00"),
      "ny: repeated hour, first pass");
  ok (fmt_is ((NY_FALL + 1200) * USEC, 1, "2026-11-01T01:20:00-05:00"),
      "ny: repeated hour, second pass");
  ok (round_trips (1), "ny: local format/parse round trips");

  ok (iv_is (NY_SPRING - 1, 900, NY_SPRING - 900), "ny spring: 01:45 EST");
  ok (iv_is (NY_SPRING, 900, NY_SPRING), "ny spring: 03:00 EDT");
  /* 01:20 EDT = 05:20Z and 01:20 EST = 06:20Z.  */
  ok (iv_is (NY_FALL - 2400, 900, NY_FALL - 2700),
      "ny fall: 01:20 EDT in 01:15 EDT");
  ok (iv_is (NY_FALL + 1200, 900, NY_FALL + 900),
      "ny fall: 01:20 EST in 01:15 EST");
  ok (iv_is (NY_FALL - 2400, 3600, NY_FALL - 3600)
      && iv_is (NY_FALL + 1200, 3600, NY_FALL),
      "ny fall: two distinct 1h intervals for 01:00");

  /* 2026-03-08T00:00-05:00 = 05:00Z; 2026-03-09T00:00-04:00 = 04:00Z.  */
  ok (iv_is (NY_SPRING + 6 * H, DAY, INT64_C (1772928000) + 5 * H),
      "ny: spring day starts at local midnight");
  ok (iv_is (INT64_C (1773014400) + 4 * H, DAY, INT64_C (1773014400) + 4 * H),
      "ny: next day starts at 04:00Z (23-hour day)");
  /* 2026-11-01T00:00-04:00 = 04:00Z; 2026-11-02T00:00-05:00 = 05:00Z.  */
  ok (iv_is (NY_FALL + 10 * H, DAY, INT64_C (1793491200) + 4 * H),
      "ny: fall day starts at local midnight");
  ok (iv_is (INT64_C (1793577600) + 5 * H - 1, DAY,
             INT64_C (1793491200) + 4 * H),
      "ny: the fall day lasts 25 hours");
  /* 2026-11-01 is a Sunday: its week began Monday 2026-10-26 00:00 EDT.  */
  ok (iv_is (NY_FALL + 10 * H, 604800, INT64_C (1792972800) + 4 * H),
      "ny: Sunday 2026-11-01 is in the week of Monday 26 (EDT)");
  ok (iv_is (INT64_C (1793577600) + 5 * H, 604800,
             INT64_C (1793577600) + 5 * H),
      "ny: Monday 2026-11-02 00:00 EST starts a week");

  static const int64_t widths[] = { 900, 3600, 7200, DAY, 604800 };
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
    {
      ok (interval_invariants (NY_SPRING, widths[i]),
          "ny: invariants around spring, width %lld", (long long) widths[i]);
      ok (interval_invariants (NY_FALL, widths[i]),
          "ny: invariants around fall, width %lld", (long long) widths[i]);
    }
}

/* America/Havana changes its clocks at midnight: 2026-03-08 has no
   00:00-01:00, and 2026-11-01 has 00:00-01:00 twice.  */
static void
test_havana (void)
{
  ok (cc_tz_set ("America/Havana") == 0, "havana: set");
  /* date -u -d 2026-03-08T05:00:00Z +%s: the first instant of the day.  */
  ok (iv_is (INT64_C (1772928000) + 16 * H, DAY, INT64_C (1772928000) + 5 * H),
      "havana: a day without midnight starts after the gap");
  /* 2026-11-01T00:00-04:00 = 04:00Z comes before 00:00-05:00 = 05:00Z.  */
  ok (iv_is (INT64_C (1793491200) + 17 * H, DAY, INT64_C (1793491200) + 4 * H),
      "havana: a day with two midnights starts at the first");
  ok (iv_is (INT64_C (1793491200) + 5 * H + 1800, DAY,
             INT64_C (1793491200) + 4 * H),
      "havana: 00:30 second pass is in the same day");
  ok (iv_is (INT64_C (1793491200) + 4 * H - 1, DAY,
             INT64_C (1793404800) + 4 * H),
      "havana: 23:59:59 the evening before is in the previous day");
  ok (iv_is (INT64_C (1793491200) + 5 * H + 1800, 900,
             INT64_C (1793491200) + 5 * H + 1800)
      && iv_is (INT64_C (1793491200) + 4 * H + 1800, 900,
                INT64_C (1793491200) + 4 * H + 1800),
      "havana: the repeated 00:30 gives two 15-minute intervals");
  static const int64_t widths[] = { 900, 3600, DAY, 604800 };
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
    ok (interval_invariants (INT64_C (1772928000) + 5 * H, widths[i])
        && interval_invariants (INT64_C (1793491200) + 5 * H, widths[i]),
        "havana: invariants, width %lld", (long long) widths[i]);
}

/* A zone at +05:45: 15-minute and hour intervals follow its wall clock.  */
static void
test_kathmandu (void)
{
  ok (cc_tz_set ("Asia/Kathmandu") == 0, "kathmandu: set");
  /* 2026-03-02T08:20:00Z is 14:05 local; 14:00 local is 08:15:00Z.  */
  ok (iv_is (INT64_C (1772439600), 900, INT64_C (1772439300))
      && iv_is (INT64_C (1772439600), 3600, INT64_C (1772439300)),
      "kathmandu: intervals on the +05:45 wall clock");
  ok (fmt_is (INT64_C (1772439600) * USEC, 1, "2026-03-02T14:05:00+05:45"),
      "kathmandu: format");
}

/* UTC intervals, including negative times.  */
static void
test_utc_intervals (void)
{
  ok (cc_tz_set ("UTC") == 0, "utc: set again after zones");
  ok (cc_tz_name () == NULL && cc_tz_offset (BER_SPRING) == 0,
      "utc: offset 0, no name");
  ok (fmt_is (T0 * USEC, 1, "2026-03-02T08:15:03Z"), "utc: local format is Z");
  ok (iv_is (T0, 900, INT64_C (1772439300)), "utc: 15 minutes");
  ok (iv_is (T0, 3600, INT64_C (1772438400)), "utc: hour");
  ok (iv_is (T0, DAY, INT64_C (1772409600)), "utc: day");
  ok (iv_is (T0, 604800, INT64_C (1772409600)), "utc: week (a Monday)");
  ok (iv_is (INT64_C (1772409600) - 1, 604800,
             INT64_C (1772409600) - 604800),
      "utc: Sunday 23:59:59 is in the previous week");
  ok (iv_is (-1, 900, -900), "utc: -1 in [-900, 0)");
  ok (iv_is (-900, 900, -900), "utc: -900 starts an interval");
  ok (iv_is (-1, DAY, -DAY), "utc: -1 in 1969-12-31");
  ok (iv_is (0, 604800, INT64_C (-259200)),
      "utc: 1970-01-01 (Thursday) in the week of 1969-12-29");
  ok (iv_is (INT64_C (-259200) - 1, 604800, INT64_C (-259200) - 604800),
      "utc: Sunday 1969-12-28 in the week before");
  ok (interval_invariants (T0, 900) && interval_invariants (T0, DAY)
      && interval_invariants (0, 604800),
      "utc: invariants");
  ok (round_trips (1), "utc: round trips");
}

/* Wall-clock times without a zone (Asterisk table exports, CDR dates), read
   in the report zone.  Expected instants by hand: Berlin is +01:00 in winter
   and +02:00 from 2026-03-29 01:00Z to 2026-10-25 01:00Z.  */
static int
local_is (const char *s, const char *want)
{
  cc_usec t, w;
  if (cc_time_parse_local (s, strlen (s), &t) != 0)
    return 0;
  if (cc_time_parse (want, strlen (want), &w) != 0)
    return 0;
  return t == w;
}

static void
test_parse_local (void)
{
  ok (cc_tz_set ("UTC") == 0, "local: UTC");
  ok (local_is ("2012-07-03 15:27:23.896208", "2012-07-03T15:27:23.896208Z"),
      "local: UTC zone, microseconds kept");
  ok (cc_tz_set ("Europe/Berlin") == 0, "local: Europe/Berlin");
  ok (local_is ("2026-03-02 08:15:03", "2026-03-02T07:15:03Z"), "local: winter, +01:00");
  ok (local_is ("2026-07-01T12:00:00", "2026-07-01T10:00:00Z"), "local: summer, 'T', +02:00");
  ok (local_is ("2026-03-29 02:30:00", "2026-03-29T01:30:00Z"),
      "local: skipped hour takes the earlier offset");
  ok (local_is ("2026-10-25 02:30:00", "2026-10-25T00:30:00Z"),
      "local: repeated hour takes the first pass");
  ok (local_is ("2026-10-25 03:30:00", "2026-10-25T02:30:00Z"), "local: after the repeat");
  ok (local_is ("2026-03-02T08:15:03Z", "2026-03-02T08:15:03Z"), "local: a zone of its own wins");
  ok (local_is ("1341329243", "2012-07-03T15:27:23Z"), "local: epoch seconds are UTC");
  cc_usec t;
  ok (cc_time_parse_local ("2026-02-30 08:00:00", 19, &t) == -1, "local: no Feb 30");
  ok (cc_time_parse_local ("2026-03-02 25:00:00", 19, &t) == -1, "local: no hour 25");
  ok (cc_time_parse_local ("2026-03-02", 10, &t) == -1, "local: a date alone is refused");
  ok (cc_time_parse_local ("2026-03-02 08:00:00 junk", 25, &t) == -1, "local: trailing junk");
  ok (cc_tz_set ("UTC") == 0, "local: back to UTC");
}

int
main (void)
{
  test_civil ();
  test_parse ();
  test_parse_all_years ();
  test_parse_bad_bytes ();
  test_duration ();
  test_format_utc ();
  test_tz_set ();
  test_berlin ();
  test_new_york ();
  test_havana ();
  test_kathmandu ();
  test_utc_intervals ();
  test_parse_local ();
  return tap_done ();
}
