/* ccreport: the SQLite store of interaction records ('ccreport ingest',
   'ccreport --db').

   One file holds every record ingested, each with all its columns (unknown
   ones too, so a --list from the store passes them through), indexed by
   arrival time (a record needs an id and an arrived_at).  The schema is
   versioned with PRAGMA user_version; the file runs in WAL mode; each batch
   of records is one transaction; a record whose id is already stored is
   ignored and counted, or, with --replace, replaces the stored one.

   Schema version 1 (documented in ccreport(1), HISTORY):

     CREATE TABLE records (
       seq        INTEGER PRIMARY KEY, -- ingest order (kept by --replace);
                                       -- the LINE of messages
       id         TEXT NOT NULL UNIQUE,-- the record's id, as text
       arrived_at INTEGER,             -- microseconds since the epoch (NULL
                                       -- only in a row written by hand)
       record     TEXT NOT NULL);      -- the whole record, one JSON object
     CREATE INDEX records_arrived ON records (arrived_at, id);

   with PRAGMA application_id = STORE_APPLICATION_ID.  */
#ifndef CCREPORT_STORE_H
#define CCREPORT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "cc_src.h"
#include "cc_time.h"

/* The schema version this ccreport writes and reads (PRAGMA user_version).  */
#define STORE_SCHEMA_VERSION 1

/* PRAGMA application_id of a store: "ccrp".  */
#define STORE_APPLICATION_ID 0x63637270

/* Records per transaction at ingest.  */
#define STORE_BATCH 50000

/* How long a report waits for another connection's lock, milliseconds
   (under WAL only while SQLite recovers or sets up the WAL index).  */
#define STORE_BUSY_MS 60000

/* How long an ingest waits for another ingest's lock, milliseconds: a cron
   run that overlaps a long one waits for it.  */
#define STORE_BUSY_INGEST_MS 600000

typedef struct store store;

/* Open (CREATE: create when missing, and upgrade the schema) the store PATH.
   Returns NULL after printing the error.  An empty PATH or "-" is a usage
   error (exit 2).  */
store *store_open (const char *path, bool create);

/* The row function of an ingest sink: store ROW (all its fields).  ROW's slot
   table must be resolved against the report's slots (report_slots): the id
   is slot S_ID and the arrival time slot S_ARRIVED.  Returns NULL, or a reason
   to refuse it (no id, no arrived_at, a bad arrived_at ...).  A failure of the database
   itself (disk full, lock timeout) is not a bad record: it is printed and the
   process exits with status 1, keeping the batches committed before.  */
const char *store_row (void *st, const cc_row *row);

/* Make the records S stores from now on whose id is stored already replace
   the stored record (REPLACE true), or be ignored as duplicates (false, the
   default).  A record the same as the stored one (the same JSON object) is
   a duplicate either way.  Call it after store_open (create), before the
   first store_row.  */
void store_set_replace (store *s, bool replace);

/* The stored records S replaced so far (0 without store_set_replace).  Call
   it before store_close, which frees S.  */
uint64_t store_replaced (const store *s);

/* Commit what was stored; close S.  *INSERTED and *DUPS (may be NULL) get the
   records stored (new ids) and the records ignored as duplicates (not
   counting those replaced, see store_replaced).  Returns 0, or -1
   after printing the error (S is closed either way).  */
int store_close (store *s, uint64_t *inserted, uint64_t *dups);

/* Hand every stored record that arrived in [SINCE, UNTIL) (each bound only
   when HAVE_SINCE / HAVE_UNTIL) to SINK, in arrival order (then by id;
   records without arrived_at first, so that the report refuses them as it
   would from a file when a bound is given).  Each row is built as the JSON
   Lines reader builds it: FILE is the store's path, LINE the record's seq, RAW
   the stored JSON object.  Returns 0, or -1 after printing the error.  */
int store_read (store *s, bool have_since, cc_usec since, bool have_until, cc_usec until,
                cc_sink *sink);

#endif
