/* cc_cdr: Asterisk CDR files as interaction records (see cc_cdr.h).
   PLACEHOLDER: being written.  */
#include <config.h>

#include "cc_cdr.h"

#include <stdlib.h>

#include "cc_diag.h"

const char *const cc_cdr_columns[] = { "id", "queue", NULL };

struct cc_cdr
{
  int unused; /* placeholder */
};

cc_cdr *
cc_cdr_new (const cc_cdr_opts *o, char *err, size_t errlen)
{
  (void) o, (void) err, (void) errlen;
  return cc_xcalloc (1, sizeof (cc_cdr));
}

int
cc_cdr_read (cc_cdr *c, const char *path, cc_sink *sink, cc_srcdiag *diag)
{
  (void) c, (void) sink, (void) diag;
  cc_err ("%s: CDR reading is not implemented yet", path);
  return -1;
}

int
cc_cdr_finish (cc_cdr *c, cc_sink *sink, cc_srcdiag *diag)
{
  (void) c, (void) sink, (void) diag;
  return 0;
}

void
cc_cdr_free (cc_cdr *c)
{
  free (c);
}
