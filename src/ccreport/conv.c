/* ccreport: the conversations report.  PLACEHOLDER: being written.  */
#include <config.h>

#include "report.h"

const char *
conv_row (fold *f, const cc_row *row, const char *key, size_t keylen, cc_usec arr, bool harr,
          cc_usec ans, bool hans, cc_usec end, bool hend, bool answered)
{
  (void) f, (void) row, (void) key, (void) keylen, (void) arr, (void) harr, (void) ans;
  (void) hans, (void) end, (void) hend, (void) answered;
  return "conversations are not implemented yet";
}

void
conv_merge (const report *r, fold *d, fold *s)
{
  (void) r, (void) d, (void) s;
}

void
conv_free (fold *f)
{
  (void) f;
}

void
conv_render (const report *r, fold *f, cc_format fmt, FILE *out)
{
  (void) r, (void) f, (void) fmt, (void) out;
}
