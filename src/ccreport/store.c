/* ccreport: the SQLite store (see store.h).

   Ingest builds one JSON object per record (its fields in order, with the
   kinds of cc_rec.h: null, strings, numbers and booleans as written) into a
   reused buffer and binds it, the id and the arrival time in microseconds to
   one prepared INSERT ... ON CONFLICT (id) DO NOTHING; with --replace
   (store_set_replace), a record the INSERT did not store goes through a
   prepared UPDATE of the row of its id, which changes it only when it
   differs (so its seq stays).  STORE_BATCH records make one BEGIN
   IMMEDIATE ... COMMIT transaction.  A report reads the records back in
   arrival order through the records_arrived index, parses each object with
   the JSON Lines record parser, and hands it to the sink as a JSON Lines
   input would.  */
#include <config.h>

#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_csv.h"
#include "cc_diag.h"
#include "cc_out.h"
#include "report.h"

/* The largest value a stored record may hold: the largest --max-field-size
   (ingest already applied the one in force then).  */
#define STORE_MAX_FIELD (UINT32_C (1) << 30)

/* The page cache of an ingest (negative: KiB).  */
#define STORE_CACHE_SQL "PRAGMA cache_size = -16384"

struct store
{
  sqlite3 *db;       /* the connection */
  char *path;        /* the path as given: messages and cc_row.file */
  bool create;       /* opened by ingest (read-write) */
  sqlite3_stmt *ins; /* the INSERT (ingest only) */
  sqlite3_stmt *upd; /* the UPDATE of --replace (ingest only) */
  bool replace;      /* a record whose id is stored replaces it */
  bool in_tx;        /* a batch transaction is open */
  unsigned batch;    /* records offered in the open batch */
  uint64_t inserted; /* records stored */
  uint64_t dups;     /* records ignored as duplicates */
  uint64_t replaced; /* stored records replaced (--replace) */
  cc_buf json;       /* the JSON object of the record being stored */
  char why[320];     /* the reason of the last refused record */
};

static const char schema_sql[]
  = "CREATE TABLE records ("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " arrived_at INTEGER,"
    " record TEXT NOT NULL);"
    "CREATE INDEX records_arrived ON records (arrived_at, id);";

static const char insert_sql[]
  = "INSERT INTO records (id, arrived_at, record) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (id) DO NOTHING";

/* --replace: the stored record of id ?1 becomes ?3 (arrival ?2), unless it
   is that already; the row keeps its seq.  */
static const char update_sql[]
  = "UPDATE records SET arrived_at = ?2, record = ?3"
    " WHERE id = ?1 AND (arrived_at IS NOT ?2 OR record IS NOT ?3)";

static const char null_sql[]
  = "SELECT seq, record FROM records WHERE arrived_at IS NULL ORDER BY id";

static const char range_sql[]
  = "SELECT seq, record FROM records WHERE arrived_at >= ?1 AND arrived_at < ?2"
    " ORDER BY arrived_at, id";

/* The name to give sqlite3_open_v2 for the file PATH: PATH itself, or
   "./PATH" when SQLite would read PATH as a URI or as ":memory:".  The caller
   frees it.  */
static char *
file_name (const char *path)
{
  if (strncmp (path, "file:", 5) != 0 && strcmp (path, ":memory:") != 0)
    return cc_xstrdup (path);
  size_t n = strlen (path);
  char *p = cc_xmalloc (n + 3);
  memcpy (p, "./", 2);
  memcpy (p + 2, path, n + 1);
  return p;
}

/* The URI "file:PATH?immutable=1" (PATH percent-encoded).  The caller frees
   it.  */
static char *
immutable_uri (const char *path)
{
  cc_buf b = { 0 };
  cc_buf_adds (&b, "file:");
  for (const unsigned char *p = (const unsigned char *) path; *p; p++)
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
        || strchr ("/-._~", *p))
      cc_buf_addc (&b, (char) *p);
    else
      cc_buf_printf (&b, "%%%02X", *p);
  cc_buf_adds (&b, "?immutable=1");
  return (char *) cc_buf_cstr (&b);
}

/* Print "PROG: WHAT PATH: the SQLite error" for S.  */
static void
db_err (const store *s, const char *what)
{
  int code = sqlite3_errcode (s->db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    cc_err ("%s %s: %s (waited %d s for another connection)", what, s->path,
            sqlite3_errmsg (s->db), (s->create ? STORE_BUSY_INGEST_MS : STORE_BUSY_MS) / 1000);
  else
    cc_err ("%s %s: %s", what, s->path, sqlite3_errmsg (s->db));
}

/* The directory part of PATH ("." when none).  The caller frees it.  */
static char *
dir_of (const char *path)
{
  const char *slash = strrchr (path, '/');
  if (!slash)
    return cc_xstrdup (".");
  return cc_xmemdup (path, slash == path ? 1 : (size_t) (slash - path));
}

/* Print why S's file cannot be written when SQLite only says "unable to
   open" or "readonly": the file missing and its directory absent or not
   writable, or a directory that cannot take the -wal and -shm files.  Falls
   back to the SQLite error.  */
static void
write_err (const store *s)
{
  char *dir = dir_of (s->path);
  struct stat sb;
  bool exists = stat (s->path, &sb) == 0;
  if (stat (dir, &sb) != 0 || access (dir, W_OK | X_OK) != 0)
    {
      int e = errno;
      if (exists)
        cc_err ("cannot write %s: its directory %s: %s (the -wal and -shm files go there)",
                s->path, dir, strerror (e));
      else
        cc_err ("cannot open %s: %s", s->path, strerror (e));
    }
  else if (!exists)
    cc_err ("cannot open %s: %s", s->path, sqlite3_errmsg (s->db));
  else
    db_err (s, "cannot write");
  free (dir);
}

/* Run SQL (no rows) on S.  Returns the SQLite result code.  */
static int
exec (store *s, const char *sql)
{
  return sqlite3_exec (s->db, sql, NULL, NULL, NULL);
}

/* Run the one-integer query SQL on DB into *OUT.  Returns the SQLite result
   code (SQLITE_OK on success).  */
static int
query_int (sqlite3 *db, const char *sql, int *out)
{
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (st, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  return rc;
}

/* What the file holds.  */
enum store_state
{
  ST_EMPTY,   /* a new or empty database: no schema yet */
  ST_CURRENT, /* a store of STORE_SCHEMA_VERSION */
  ST_ERROR    /* anything else (printed) */
};

/* Read the application_id, user_version and schema of S's file and check
   that it is a store this ccreport can use.  *CODE gets the SQLite result
   code of a failure to read it (SQLITE_OK otherwise).  Returns the state;
   for ST_ERROR the message was printed unless *CODE is SQLITE_READONLY or
   SQLITE_CANTOPEN (the caller may retry).  */
static enum store_state
check_file (store *s, int *code)
{
  int app = 0, ver = 0, nobj = 0;
  int rc = query_int (s->db, "PRAGMA application_id", &app);
  if (rc == SQLITE_OK)
    rc = query_int (s->db, "PRAGMA user_version", &ver);
  if (rc == SQLITE_OK)
    rc = query_int (s->db, "SELECT count(*) FROM sqlite_master", &nobj);
  *code = rc;
  if (rc == SQLITE_NOTADB)
    {
      cc_err ("%s: not a SQLite database", s->path);
      return ST_ERROR;
    }
  if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN)
    return ST_ERROR;
  if (rc != SQLITE_OK)
    {
      db_err (s, "cannot read");
      return ST_ERROR;
    }
  if (app != 0 && app != STORE_APPLICATION_ID)
    {
      cc_err ("%s: not a ccreport store (application_id 0x%08x)", s->path, (unsigned) app);
      return ST_ERROR;
    }
  if (ver > STORE_SCHEMA_VERSION || ver < 0)
    {
      if (app == STORE_APPLICATION_ID)
        cc_err ("%s: store schema version %d is newer than this ccreport knows (%d): use a "
                "newer ccreport",
                s->path, ver, STORE_SCHEMA_VERSION);
      else
        cc_err ("%s: schema version %d is unknown to this ccreport (it knows %d): not a "
                "ccreport store, or one of a newer ccreport",
                s->path, ver, STORE_SCHEMA_VERSION);
      return ST_ERROR;
    }
  if (ver == 0)
    {
      if (nobj != 0 && app != STORE_APPLICATION_ID)
        {
          cc_err ("%s: not a ccreport store (it holds other tables)", s->path);
          return ST_ERROR;
        }
      return ST_EMPTY;
    }
  if (app != STORE_APPLICATION_ID)
    {
      cc_err ("%s: not a ccreport store (application_id 0, user_version %d)", s->path, ver);
      return ST_ERROR;
    }
  return ST_CURRENT;
}

/* Open the SQLite connection of S on NAME with FLAGS.  Returns 0, or -1
   after printing the error.  */
static int
db_connect (store *s, const char *name, int flags)
{
  int rc = sqlite3_open_v2 (name, &s->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      int e = s->db ? sqlite3_system_errno (s->db) : 0;
      if ((flags & SQLITE_OPEN_CREATE) && rc == SQLITE_CANTOPEN && s->db)
        write_err (s);
      else if (e)
        cc_err ("cannot open %s: %s", s->path, strerror (e));
      else
        cc_err ("cannot open %s: %s", s->path,
                s->db ? sqlite3_errmsg (s->db) : sqlite3_errstr (rc));
      sqlite3_close (s->db);
      s->db = NULL;
      return -1;
    }
  sqlite3_busy_timeout (s->db, s->create ? STORE_BUSY_INGEST_MS : STORE_BUSY_MS);
  return 0;
}

/* Free S without touching its connection (closed or never opened).  */
static void
store_free (store *s)
{
  cc_buf_free (&s->json);
  free (s->path);
  free (s);
}

/* Close S's connection and free S: for a failed open.  Returns NULL.  */
static store *
open_failed (store *s)
{
  sqlite3_finalize (s->ins);
  sqlite3_finalize (s->upd);
  sqlite3_close (s->db);
  store_free (s);
  return NULL;
}

/* Make S's file a store of the current schema when it is still empty (in a
   transaction of its own, so that two ingests creating it at once do it
   once).  Returns 0, or -1 after printing the error.  */
static int
create_schema (store *s)
{
  if (exec (s, "BEGIN IMMEDIATE") != SQLITE_OK)
    {
      write_err (s);
      return -1;
    }
  int code;
  enum store_state st = check_file (s, &code);
  if (st == ST_ERROR)
    {
      if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN)
        write_err (s);
      exec (s, "ROLLBACK");
      return -1;
    }
  char sql[160];
  snprintf (sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
            STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
  if (st == ST_EMPTY
      && (exec (s, schema_sql) != SQLITE_OK || exec (s, sql) != SQLITE_OK))
    {
      db_err (s, "cannot write");
      exec (s, "ROLLBACK");
      return -1;
    }
  if (exec (s, "COMMIT") != SQLITE_OK)
    {
      db_err (s, "cannot write");
      exec (s, "ROLLBACK");
      return -1;
    }
  return 0;
}

/* Open S for ingest: create the file when missing, check it, switch it to
   WAL, create the schema when empty, prepare the INSERT and the UPDATE.
   Returns 0, or -1 after printing the error.  */
static int
open_write (store *s)
{
  char *name = file_name (s->path);
  int rc = db_connect (s, name, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  free (name);
  if (rc != 0)
    return -1;
  if (sqlite3_db_readonly (s->db, "main") == 1)
    {
      cc_err ("cannot write %s: the file is read-only", s->path);
      return -1;
    }
  int code;
  if (check_file (s, &code) == ST_ERROR)
    {
      if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN)
        write_err (s);
      return -1;
    }
  /* WAL: readers go on while an ingest writes.  The mode is kept in the file;
     it is set only when missing (changing it needs the only connection).  */
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (s->db, "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
    {
      db_err (s, "cannot read");
      return -1;
    }
  bool wal = sqlite3_step (st) == SQLITE_ROW
             && sqlite3_stricmp ((const char *) sqlite3_column_text (st, 0), "wal") == 0;
  sqlite3_finalize (st);
  if (!wal)
    {
      if (sqlite3_prepare_v2 (s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
        {
          db_err (s, "cannot write");
          return -1;
        }
      rc = sqlite3_step (st);
      const char *mode = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (st, 0) : NULL;
      wal = mode && sqlite3_stricmp (mode, "wal") == 0;
      if (!wal && rc == SQLITE_ROW)
        cc_err ("cannot write %s: WAL mode is not available here (journal mode %s)", s->path,
                mode ? mode : "unknown");
      else if (!wal)
        write_err (s);
      sqlite3_finalize (st);
      if (!wal)
        return -1;
    }
  /* Under WAL, NORMAL syncs at checkpoints only: a commit is atomic, and a
     power loss may lose the last batches (an ingest run again restores
     them).  A 16 MiB page cache keeps the index pages of a batch whose ids
     come in no order.  */
  if (exec (s, "PRAGMA synchronous = NORMAL") != SQLITE_OK
      || exec (s, STORE_CACHE_SQL) != SQLITE_OK)
    {
      db_err (s, "cannot write");
      return -1;
    }
  if (create_schema (s) != 0)
    return -1;
  if (sqlite3_prepare_v3 (s->db, insert_sql, -1, SQLITE_PREPARE_PERSISTENT, &s->ins, NULL)
        != SQLITE_OK
      || sqlite3_prepare_v3 (s->db, update_sql, -1, SQLITE_PREPARE_PERSISTENT, &s->upd, NULL)
           != SQLITE_OK)
    {
      db_err (s, "cannot read");
      return -1;
    }
  return 0;
}

/* Open S for a report, read-only.  A store in a directory the user cannot
   write has no -shm file to share, so SQLite refuses to read it in WAL mode:
   when no -wal file is there either (no writer is active and everything is
   in the main file), it is opened again as immutable.  Returns 0, or -1 after
   printing the error.  */
static int
open_read (store *s)
{
  struct stat sb;
  if (stat (s->path, &sb) != 0)
    {
      cc_err ("cannot open %s: %s", s->path, strerror (errno));
      return -1;
    }
  char *name = file_name (s->path);
  int rc = db_connect (s, name, SQLITE_OPEN_READONLY);
  free (name);
  if (rc != 0)
    return -1;
  int code;
  enum store_state st = check_file (s, &code);
  if (st == ST_ERROR && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
    {
      cc_buf wal = { 0 };
      cc_buf_printf (&wal, "%s-wal", s->path);
      bool have_wal = stat (cc_buf_cstr (&wal), &sb) == 0 || errno != ENOENT;
      cc_buf_free (&wal);
      if (have_wal)
        {
          db_err (s, "cannot read");
          return -1;
        }
      sqlite3_close (s->db);
      s->db = NULL;
      char *uri = immutable_uri (s->path);
      rc = db_connect (s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
      free (uri);
      if (rc != 0)
        return -1;
      st = check_file (s, &code);
      if (st == ST_ERROR && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
        db_err (s, "cannot read");
    }
  if (st == ST_EMPTY)
    cc_err ("%s: not a ccreport store (an empty database)", s->path);
  return st == ST_CURRENT ? 0 : -1;
}

store *
store_open (const char *path, bool create)
{
  if (!*path)
    cc_usage_error ("invalid --db '': a file name is needed");
  if (strcmp (path, "-") == 0)
    cc_usage_error ("invalid --db '-': the store is a file, not standard input");
  store *s = cc_xcalloc (1, sizeof *s);
  s->path = cc_xstrdup (path);
  s->create = create;
  struct stat sb;
  if (stat (path, &sb) == 0 && S_ISDIR (sb.st_mode))
    {
      cc_err ("cannot open %s: %s", path, strerror (EISDIR));
      return open_failed (s);
    }
  if ((create ? open_write (s) : open_read (s)) != 0)
    return open_failed (s);
  return s;
}

/* True when P[0..N) is a JSON number (RFC 8259).  */
static bool
json_number (const char *p, size_t n)
{
  size_t i = 0;
  if (i < n && p[i] == '-')
    i++;
  if (i < n && p[i] == '0')
    i++;
  else if (i < n && p[i] >= '1' && p[i] <= '9')
    while (i < n && p[i] >= '0' && p[i] <= '9')
      i++;
  else
    return false;
  if (i < n && p[i] == '.')
    {
      size_t d = ++i;
      while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
      if (i == d)
        return false;
    }
  if (i < n && (p[i] == 'e' || p[i] == 'E'))
    {
      i++;
      if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
      size_t d = i;
      while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
      if (i == d)
        return false;
    }
  return i == n;
}

/* Append ROW to S->json as one JSON object.  Returns NULL, or the reason a
   number or boolean cannot be written as JSON.  */
static const char *
build_json (store *s, const cc_row *row)
{
  cc_buf *b = &s->json;
  b->n = 0;
  cc_buf_addc (b, '{');
  for (size_t i = 0; i < row->n; i++)
    {
      const cc_val *v = &row->vals[i];
      if (i)
        cc_buf_addc (b, ',');
      cc_json_escape (b, row->names[i].p, row->names[i].n);
      cc_buf_addc (b, ':');
      switch (v->kind)
        {
        case CC_NULL:
          cc_buf_add (b, "null", 4);
          break;
        case CC_NUM:
        case CC_BOOL:
          if (!v->n)
            cc_buf_add (b, "null", 4);
          else if (v->kind == CC_NUM ? json_number (v->p, v->n)
                                     : cc_val_eq (v, "true") || cc_val_eq (v, "false"))
            cc_buf_add (b, v->p, v->n);
          else
            {
              snprintf (s->why, sizeof s->why, "bad %s in %.*s: '%.*s'",
                        v->kind == CC_NUM ? "number" : "boolean", (int)row->names[i].n,
                        row->names[i].p, cc_val_quote_len (v), v->p);
              return s->why;
            }
          break;
        default:
          cc_json_escape (b, v->p, v->n);
          break;
        }
    }
  cc_buf_addc (b, '}');
  return NULL;
}

/* Print the SQLite error of an ingest and exit 1 (the batches committed
   before stay; the open one is rolled back by SQLite).  */
static _Noreturn void
ingest_failed (store *s)
{
  db_err (s, "cannot write");
  exit (CC_EXIT_FAIL);
}

/* Run ST (the INSERT or the UPDATE) for the record of id ID, arrival ARR
   and JSON object S->json.  Returns true when it changed a row; exits on a
   failure of the database.  */
static bool
write_row (store *s, sqlite3_stmt *st, const cc_val *id, cc_usec arr)
{
  if (sqlite3_bind_text (st, 1, id->p, (int) id->n, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_bind_int64 (st, 2, arr) != SQLITE_OK
      || sqlite3_bind_text (st, 3, s->json.p, (int) s->json.n, SQLITE_STATIC) != SQLITE_OK)
    ingest_failed (s);
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    ingest_failed (s);
  return sqlite3_changes (s->db) > 0;
}

void
store_set_replace (store *s, bool replace)
{
  s->replace = replace;
}

uint64_t
store_replaced (const store *s)
{
  return s->replaced;
}

const char *
store_row (void *sv, const cc_row *row)
{
  store *s = sv;
  const cc_val *id = cc_row_get (row, S_ID);
  if (!id || id->kind == CC_NULL || id->n == 0)
    return "no id (the store keeps each record under its id)";
  /* Records are kept, and read back, by arrival time: without one a record
     would be bad in every report with --since or --until.  */
  const cc_val *a = cc_row_get (row, S_ARRIVED);
  if (!a || a->kind == CC_NULL || a->n == 0)
    return "no arrived_at (the store keeps records by arrival time)";
  cc_usec arr = 0;
  if (cc_time_parse (a->p, a->n, &arr) != 0)
    {
      snprintf (s->why, sizeof s->why, "bad timestamp in arrived_at: '%.*s'", cc_val_quote_len (a),
                a->p);
      return s->why;
    }
  const char *why = build_json (s, row);
  if (why)
    return why;
  int limit = sqlite3_limit (s->db, SQLITE_LIMIT_LENGTH, -1);
  if (s->json.n > (size_t) limit)
    {
      snprintf (s->why, sizeof s->why,
                "record longer than %d bytes as JSON (the store's limit of a value)", limit);
      return s->why;
    }

  if (!s->in_tx)
    {
      if (exec (s, "BEGIN IMMEDIATE") != SQLITE_OK)
        ingest_failed (s);
      s->in_tx = true;
      s->batch = 0;
    }
  if (write_row (s, s->ins, id, arr))
    s->inserted++;
  else if (s->replace && write_row (s, s->upd, id, arr))
    s->replaced++;
  else
    s->dups++;
  if (++s->batch == STORE_BATCH)
    {
      if (exec (s, "COMMIT") != SQLITE_OK)
        ingest_failed (s);
      s->in_tx = false;
    }
  return NULL;
}

int
store_close (store *s, uint64_t *inserted, uint64_t *dups)
{
  int status = 0;
  if (s->in_tx && exec (s, "COMMIT") != SQLITE_OK)
    {
      db_err (s, "cannot write");
      status = -1;
    }
  if (inserted)
    *inserted = s->inserted;
  if (dups)
    *dups = s->dups;
  sqlite3_finalize (s->ins);
  sqlite3_finalize (s->upd);
  if (sqlite3_close (s->db) != SQLITE_OK && status == 0)
    {
      db_err (s, "cannot close");
      status = -1;
    }
  store_free (s);
  return status;
}

/* State of one store_read: the parser and the slot table of the last
   distinct set of names.  */
typedef struct reader
{
  cc_jsonp *jp;  /* parses each stored object */
  int32_t *slot; /* slot table of the names below */
  cc_buf names;  /* the names of the last record, one after another */
  size_t *len;   /* their lengths */
  size_t n;      /* how many (SIZE_MAX before the first record) */
  size_t cap;    /* entries allocated in len */
} reader;

/* Resolve the slots of the record with keys K (N of them) in RD, unless the
   previous record had the same keys.  */
static void
resolve (reader *rd, const cc_sink *sink, const cc_str *k, size_t n)
{
  if (n == rd->n)
    {
      size_t off = 0, i;
      for (i = 0; i < n; i++)
        {
          if (k[i].n != rd->len[i] || memcmp (k[i].p, rd->names.p + off, k[i].n) != 0)
            break;
          off += k[i].n;
        }
      if (i == n)
        return;
    }
  if (n > rd->cap)
    {
      rd->cap = n * 2;
      rd->len = cc_xrealloc (rd->len, rd->cap * sizeof *rd->len);
    }
  rd->names.n = 0;
  for (size_t i = 0; i < n; i++)
    {
      cc_buf_add (&rd->names, k[i].p, k[i].n);
      rd->len[i] = k[i].n;
    }
  rd->n = n;
  cc_sink_resolve (sink, k, n, rd->slot);
}

/* Hand the current row of ST (seq, record) to SINK.  Returns 0, or -1 when
   the source must stop (printed).  */
static int
deliver (store *s, reader *rd, sqlite3_stmt *st, cc_sink *sink)
{
  uint64_t seq = (uint64_t) sqlite3_column_int64 (st, 0);
  if (sqlite3_column_type (st, 1) != SQLITE_TEXT)
    return cc_sink_bad (sink, s->path, seq, 0, "bad stored record: not text", NULL, 0);
  const char *txt = (const char *) sqlite3_column_text (st, 1);
  size_t n = (size_t) sqlite3_column_bytes (st, 1);
  cc_parse_out po;
  int ps = cc_jsonl_record (rd->jp, txt, n, true, &po);
  if (ps == CC_PARSE_OK && po.used != n)
    ps = CC_PARSE_BAD, po.err = "a line break", po.col = 0;
  if (ps != CC_PARSE_OK)
    {
      char why[320];
      snprintf (why, sizeof why, "bad stored record: %s",
                ps == CC_PARSE_BAD ? po.err : "not a JSON object");
      return cc_sink_bad (sink, s->path, seq, ps == CC_PARSE_BAD ? po.col : 0, why, txt, n);
    }
  resolve (rd, sink, po.keys, po.n);
  cc_row row = { 0 };
  row.names = po.keys;
  row.vals = po.vals;
  row.n = po.n;
  row.slot = rd->slot;
  row.file = s->path;
  row.line = seq;
  row.raw = txt;
  row.rawlen = n;
  return cc_sink_put (sink, &row);
}

int
store_read (store *s, bool have_since, cc_usec since, bool have_until, cc_usec until,
            cc_sink *sink)
{
  reader rd = { 0 };
  rd.jp = cc_jsonp_new (STORE_MAX_FIELD);
  rd.slot = cc_xmalloc ((sink->slots->n + 1) * sizeof *rd.slot);
  rd.n = SIZE_MAX;
  sqlite3_stmt *q[2] = { NULL, NULL };
  int status = 0;
  /* One read transaction: the report sees the batches committed before it
     started, whatever an ingest commits meanwhile.  */
  if (exec (s, "BEGIN") != SQLITE_OK
      || sqlite3_prepare_v2 (s->db, null_sql, -1, &q[0], NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (s->db, range_sql, -1, &q[1], NULL) != SQLITE_OK
      || sqlite3_bind_int64 (q[1], 1, have_since ? since : INT64_MIN) != SQLITE_OK
      || sqlite3_bind_int64 (q[1], 2, have_until ? until : INT64_MAX) != SQLITE_OK)
    {
      db_err (s, "cannot read");
      status = -1;
    }
  /* Records without arrived_at sort first (as NULL does in the index).  */
  for (int k = 0; k < 2 && status == 0; k++)
    for (;;)
      {
        int rc = sqlite3_step (q[k]);
        if (rc == SQLITE_DONE)
          break;
        if (rc != SQLITE_ROW)
          {
            db_err (s, "cannot read");
            status = -1;
            break;
          }
        if (deliver (s, &rd, q[k], sink) != 0)
          {
            status = -1;
            break;
          }
      }
  sqlite3_finalize (q[0]);
  sqlite3_finalize (q[1]);
  if (sqlite3_get_autocommit (s->db) == 0)
    exec (s, "COMMIT");
  cc_jsonp_free (rd.jp);
  free (rd.slot);
  free (rd.len);
  cc_buf_free (&rd.names);
  return status;
}
