/* tap.h: a minimal TAP producer for the C unit tests (run by automake's TAP
   driver).  ok(cond, name...) prints "ok N - name" or "not ok N - name";
   tap_done() prints the plan and returns the exit status.  */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n;      /* tests run */
static int tap_failed; /* tests failed */

static inline int
ok (int cond, const char *fmt, ...)
{
  va_list ap;
  tap_n++;
  printf ("%s %d - ", cond ? "ok" : "not ok", tap_n);
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
  if (!cond)
    tap_failed++;
  return cond;
}

static inline int
tap_done (void)
{
  printf ("1..%d\n", tap_n);
  return tap_failed ? 1 : 0;
}

#endif
