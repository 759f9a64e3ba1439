/* ccreport: the SQLite store (see store.h).  PLACEHOLDER: being written.  */
#include <config.h>

#include "store.h"

#include <stdlib.h>

#include "cc_diag.h"

struct store
{
  int unused; /* placeholder */
};

store *
store_open (const char *path, bool create)
{
  (void) create;
  cc_err ("%s: the store is not implemented yet", path);
  return NULL;
}

const char *
store_row (void *st, const cc_row *row)
{
  (void) st, (void) row;
  return "not implemented";
}

int
store_close (store *s, uint64_t *inserted, uint64_t *dups)
{
  free (s);
  if (inserted)
    *inserted = 0;
  if (dups)
    *dups = 0;
  return 0;
}

int
store_read (store *s, bool have_since, cc_usec since, bool have_until, cc_usec until,
            cc_sink *sink)
{
  (void) s, (void) have_since, (void) since, (void) have_until, (void) until, (void) sink;
  return -1;
}
