/* cc_utf8: UTF-8 validation.  */
#ifndef CC_UTF8_H
#define CC_UTF8_H

#include <stddef.h>

/* Check that P[0..N) is valid UTF-8 (RFC 3629: no overlongs, no surrogates, at
   most U+10FFFF) and holds no NUL byte.  Returns N when valid, else the offset
   of the first bad byte.  ASCII runs are checked eight bytes at a time.  */
size_t cc_utf8_check (const char *p, size_t n);

/* Number of code points in P[0..N) (valid UTF-8), for aligning columns.  */
size_t cc_utf8_width (const char *p, size_t n);

/* How many bytes of P[0..N) a message quotes when it shows at most MAX
   bytes: N, or MAX cut back to a UTF-8 character boundary (for "%.*s").  */
int cc_utf8_cut (const char *p, size_t n, size_t max);

#endif
