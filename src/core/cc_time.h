/* cc_time: timestamps, durations, time zones and report intervals.

   Times are int64 microseconds since the Unix epoch (UTC), never depending on
   the process locale.  Input is RFC 3339 ("2026-03-02T08:15:03Z",
   "2026-03-02T17:15:03.25+09:00", 'T' or a space between date and time,
   case-insensitive 'T'/'Z') or integer epoch seconds (optionally with a
   fraction: "1772439303.5").  One process uses one report zone, set by
   cc_tz_set(); UTC when never set.  */
#ifndef CC_TIME_H
#define CC_TIME_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t cc_usec; /* microseconds since 1970-01-01T00:00:00Z */

#define CC_USEC_PER_SEC INT64_C (1000000)

/* Parse S (N bytes, not NUL-terminated) as RFC 3339 or epoch seconds into *OUT.
   Returns 0, or -1 when S is not a valid timestamp (range-checked: month 1-12,
   day within the month, hour 0-23, minute 0-59, second 0-60, offset within
   +-23:59, and the instant within the years 0000 to 9999 UTC, so that it can
   be written back as RFC 3339).  Fractions beyond microseconds are truncated.  */
int cc_time_parse (const char *s, size_t n, cc_usec *out);

/* Parse S (N bytes) like cc_time_parse, and also a wall-clock time without a
   zone ("2026-03-02 08:15:03", "2026-03-02 08:15:03.896208", 'T' allowed),
   which is read in the report zone (cc_tz_set): the form Asterisk's database
   tables and CDR files write.  In a skipped hour the earlier offset is used;
   in a repeated hour, the first pass.  Returns 0 or -1.  */
int cc_time_parse_local (const char *s, size_t n, cc_usec *out);

/* Parse a duration: "90", "90s", "15m", "1h", "1d", "1w" (a number then an
   optional unit; fractions allowed, "1.5h").  Stores the seconds in *OUT
   (exact to the microsecond).  Returns 0, or -1 when malformed or not
   positive.  */
int cc_duration_parse (const char *s, double *out_seconds);

/* Parse a time given on a command line: a timestamp as cc_time_parse reads
   it, or a date YYYY-MM-DD meaning the first instant of that local day in
   the report zone (its midnight, or later when the zone skips midnight).
   Returns 0 with *OUT set, or -1.  */
int cc_time_parse_when (const char *s, cc_usec *out);

/* Use the IANA zone NAME ("Europe/Berlin", "UTC") for local times from now on.
   Returns 0, or -1 when the zone is unknown (no such file under the zoneinfo
   directory, which is $TZDIR or /usr/share/zoneinfo).  Call before starting
   threads.  */
int cc_tz_set (const char *name);

/* The name given to cc_tz_set, or NULL for UTC.  */
const char *cc_tz_name (void);

/* The report zone's offset from UTC, in seconds east, at instant T (seconds).
   Thread-safe; cached per thread so repeated calls are cheap.  */
int32_t cc_tz_offset (int64_t t);

/* Start of the report interval of WIDTH seconds that holds instant T (seconds),
   cut on the report zone's wall clock, returned as a UTC instant (seconds).
   WIDTH divides a day (e.g. 900, 1800, 3600, 86400) or is 604800 (weeks start
   on Monday, 00:00 local).  Intervals of a day or longer start at local
   midnight; shorter ones at local multiples of WIDTH.  In the repeated hour at
   the end of DST the two passes are distinct intervals.  */
int64_t cc_interval_start (int64_t t, int64_t width);

/* Format T as RFC 3339 into BUF (at least 40 bytes): UTC with 'Z' when LOCAL is
   0, otherwise in the report zone with its offset ("+01:00"; 'Z' when the zone
   is UTC).  Fractional seconds are written only when non-zero, as 3 digits
   when whole milliseconds, else 6.  Returns the length written.  */
size_t cc_time_format (char *buf, cc_usec t, int local);

/* Days since 1970-01-01 of the proleptic Gregorian date Y-M-D (M 1-12).  */
int64_t cc_days_from_civil (int64_t y, unsigned m, unsigned d);

/* The date of day number Z (days since 1970-01-01).  */
void cc_civil_from_days (int64_t z, int64_t *y, unsigned *m, unsigned *d);

#endif
