/* cc_num: locale-independent numbers.  */
#ifndef CC_NUM_H
#define CC_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse a non-negative decimal number of seconds ("12", "12.5", "0.250") from
   P[0..N) into microseconds (rounded to the nearest).  Returns 0, or -1 when it
   is not such a number or exceeds 10^12 seconds.  */
int cc_num_parse_seconds (const char *p, size_t n, int64_t *usec);

/* Parse an optionally signed decimal integer.  Returns 0, or -1.  */
int cc_num_parse_int (const char *p, size_t n, int64_t *out);

/* Format the rational NUM/DEN with DIGITS decimals, rounding half away from
   zero, exactly (integer arithmetic; DEN > 0).  Returns the length.  BUF needs
   32 bytes.  */
size_t cc_num_fixed (char *buf, int64_t num, int64_t den, int digits);

/* A + B for the sums of a report (microseconds); a sum past 64 bits is not
   a figure: print "PROG: figures overflow ..." and exit 1.  */
int64_t cc_add_checked (int64_t a, int64_t b);

/* A * B, the same way.  */
int64_t cc_mul_checked (int64_t a, int64_t b);

#endif
