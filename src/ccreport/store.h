/* ccreport: the SQLite store of interaction records ('ccreport ingest',
   'ccreport --db').

   One file holds every record ingested, each with all its columns (unknown
   ones too, so a --list from the store passes them through), indexed by
   arrival time.  The schema is versioned with PRAGMA user_version; the file
   runs in WAL mode; each batch of records is one transaction; a record whose
   id is already stored is ignored and counted.  */
#ifndef CCREPORT_STORE_H
#define CCREPORT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "cc_src.h"
#include "cc_time.h"

typedef struct store store;

/* Open (CREATE: create when missing, and upgrade the schema) the store PATH.
   Returns NULL after printing the error.  */
store *store_open (const char *path, bool create);

/* The row function of an ingest sink: store ROW (all its fields).  Returns
   NULL, or a reason to refuse it (no id ...).  */
const char *store_row (void *st, const cc_row *row);

/* Commit what was stored; close S.  *INSERTED and *DUPS (may be NULL) get the
   records stored and the records ignored as duplicates.  Returns 0, or -1
   after printing the error (S is closed either way).  */
int store_close (store *s, uint64_t *inserted, uint64_t *dups);

/* Hand every stored record that arrived in [SINCE, UNTIL) (each bound only
   when HAVE_SINCE / HAVE_UNTIL) to SINK, in arrival order.  Returns 0, or -1
   after printing the error.  */
int store_read (store *s, bool have_since, cc_usec since, bool have_until, cc_usec until,
                cc_sink *sink);

#endif
