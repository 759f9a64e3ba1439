/* fuzz_time: libFuzzer harness for cc_time.

   The input is a timestamp (RFC 3339 or epoch seconds) or a duration, as
   bytes.  cc_time_parse must not crash on any of them; when it accepts one,
   cc_time_format (UTC, and local in a report zone picked from the input)
   must write a string cc_time_parse reads back as the same instant, and the
   report intervals holding the instant must start at or before it and be
   stable.  cc_duration_parse runs on a NUL-terminated copy and must give a
   positive, finite number when it succeeds.  The calendar conversions are
   checked to be inverse on a day number taken from the input.  Any failure
   aborts.

   Build and run with tests/fuzz/run.sh.  */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_time.h"

#define FUZZ_NAME "fuzz_time"
#include "fuzz_common.h"

/* Report zones to try: UTC, whole-hour DST, half-hour offset with DST,
   half-hour DST, a fixed half-hour offset.  */
static const char *const zones[] = { "UTC", "Europe/Berlin", "America/St_Johns",
                                     "Australia/Lord_Howe", "Asia/Kolkata" };
static int zone_now = -1;

static void
use_zone (int z)
{
  if (z == zone_now)
    return;
  if (cc_tz_set (zones[z]) != 0)
    CHECK (cc_tz_set ("UTC") == 0); /* no tzdata: UTC only */
  zone_now = z;
}

/* The formatted instant T (LOCAL or UTC) must read back as T.  Years outside
   0000-9999 cannot be written in RFC 3339; build with
   -DFUZZ_TIME_RFC3339_YEARS_ONLY to skip instants formatted with such a year
   (and so look past cc_time_parse accepting them).  */
static void
round_trip (cc_usec t, int local)
{
  char buf[64];
  memset (buf, 'X', sizeof buf);
  size_t n = cc_time_format (buf, t, local);
  CHECK (n < 40);
  CHECK (buf[n] == '\0' && strlen (buf) == n);
#ifdef FUZZ_TIME_RFC3339_YEARS_ONLY
  if (buf[0] == '-' || buf[4] != '-')
    return;
#endif
  cc_usec back;
  int r = cc_time_parse (buf, n, &back);
  if (r != 0 || back != t)
    fprintf (stderr, "fuzz_time: %lld formats (%s) as \"%s\", which reads back as %s%lld\n",
             (long long) t, local ? "local" : "UTC", buf, r ? "an error " : "",
             (long long) (r ? 0 : back));
  CHECK (r == 0);
  CHECK (back == t);
}

static void
intervals (int64_t sec)
{
  static const int64_t widths[] = { 900, 1800, 3600, 86400, 604800 };
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
    {
      int64_t w = widths[i];
      int64_t s = cc_interval_start (sec, w);
      if (!(s <= sec && sec - s < w + 3 * 3600))
        fprintf (stderr, "fuzz_time: interval of %lld s holding %lld starts at %lld (zone %s)\n",
                 (long long) w, (long long) sec, (long long) s, zones[zone_now]);
      CHECK (s <= sec);
      CHECK (sec - s < w + 3 * 3600);
      /* The start lies in its own interval.  */
      CHECK (cc_interval_start (s, w) == s);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *s = (const char *) data; /* exactly SIZE bytes: over-reads trap */
  uint64_t h = fnv (data, size);
  use_zone ((int) (h % (sizeof zones / sizeof zones[0])));

  cc_usec t;
  if (cc_time_parse (s, size, &t) == 0)
    {
      round_trip (t, 0);
      round_trip (t, 1);
      int64_t sec = t / CC_USEC_PER_SEC - (t % CC_USEC_PER_SEC < 0);
      intervals (sec);
    }

  /* Durations take a NUL-terminated string.  */
  char *z = malloc (size + 1);
  CHECK (z);
  memcpy (z, data, size);
  z[size] = '\0';
  double d = -1;
  if (cc_duration_parse (z, &d) == 0)
    {
      CHECK (isfinite (d));
      CHECK (d > 0);
      CHECK (d <= (double) INT64_MAX / 1e6);
    }
  free (z);

  /* Calendar arithmetic: day number -> date -> day number.  */
  int64_t day = (int64_t) (h >> 20) - (INT64_C (1) << 43);
  int64_t y;
  unsigned m, dd;
  cc_civil_from_days (day, &y, &m, &dd);
  CHECK (m >= 1 && m <= 12 && dd >= 1 && dd <= 31);
  CHECK (cc_days_from_civil (y, m, dd) == day);
  return 0;
}
