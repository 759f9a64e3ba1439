/* cc_scan: the record scanner behind every tool that folds records.

   Sequential path: one reader over the input (pipes, small files).
   Parallel path (regular files): the data after the header is cut into chunks
   of equal size; each worker takes chunks in turn, starts each at the first line
   start after its nominal start, and parses records while they start before the
   chunk's nominal end, noting where the last one ended.  For CSV a chunk's
   guessed start can be wrong when the cut falls inside a quoted field that holds
   a line end; so after the workers finish, the chunks are checked in order: a
   chunk whose start is not where its predecessor ended is parsed again from the
   right place.  Line numbers are known only then, so workers record lines
   relative to their chunk and rejects go to a per-chunk temporary file, written
   out in order at the end.  The result is the same bytes whatever the number of
   threads.  */
#include <config.h>

#include "cc_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cc_csv.h"
#include "cc_diag.h"

#define BLOCK (1u << 20)             /* bytes read at a time */
#define MIN_PARALLEL (4u << 20)      /* smaller inputs are read by one thread */
#define CHUNKS_PER_THREAD 4          /* chunks per worker, to even out the load */

/* A buffered reader over one descriptor, by read() or pread().  */
typedef struct rd
{
  int fd;          /* the input */
  int use_pread;   /* regular file read at explicit offsets */
  off_t off;       /* file offset of buf[0] */
  char *buf;       /* bytes read */
  size_t cap;      /* allocated */
  size_t pos;      /* first unparsed byte */
  size_t end;      /* bytes valid */
  int eof;         /* nothing more to read */
  int err;         /* errno of a failed read, or 0 */
} rd;

/* Read more bytes, keeping buf[pos..end).  Returns the count read (0 at end of
   input), or -1 on error (errno kept in r->err).  */
static ssize_t
rd_fill (rd *r)
{
  if (r->pos > 0)
    {
      memmove (r->buf, r->buf + r->pos, r->end - r->pos);
      r->off += (off_t) r->pos;
      r->end -= r->pos;
      r->pos = 0;
    }
  if (r->cap - r->end < BLOCK)
    {
      r->cap = r->cap ? r->cap * 2 : 2 * BLOCK;
      while (r->cap - r->end < BLOCK)
        r->cap *= 2;
      r->buf = cc_xrealloc (r->buf, r->cap);
    }
  ssize_t n;
  do
    n = r->use_pread ? pread (r->fd, r->buf + r->end, r->cap - r->end, r->off + (off_t) r->end)
                     : read (r->fd, r->buf + r->end, r->cap - r->end);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      r->err = errno;
      return -1;
    }
  if (n == 0)
    r->eof = 1;
  r->end += (size_t) n;
  return n;
}

/* The header and what the workers share.  */
typedef struct shared
{
  const cc_scan_opts *o;   /* the scan's options */
  const char *name;        /* input name for messages */
  cc_format fmt;           /* CSV or JSONL */
  cc_str *names;           /* CSV header names */
  size_t ncols;            /* CSV: number of columns */
  int32_t *slot;           /* CSV: slot -> column */
  size_t max_field;        /* field limit */
  size_t max_record;       /* record limit */
  _Atomic uint64_t done;   /* bytes parsed, for progress */
} shared;

/* One chunk of the input and what parsing it found.  */
typedef struct chunk
{
  off_t nom_start, nom_end; /* nominal range; nom_end < 0: to end of input */
  off_t start, end;         /* first record start; first start past nom_end */
  int exact;                /* start is known to be a record start */
  uint64_t lines;           /* line ends consumed in [start, end) */
  uint64_t rows, rejected;  /* records read and rejected */
  uint64_t base_line;       /* direct mode: the 1-based line number of start */
  int direct;               /* rejects go straight to the reject stream */
  void *ctx;                /* the tool's fold context */
  FILE *rej;                /* rejects as binary entries (parallel mode) */
  int failed;               /* stopped at a bad record (fail-fast) */
  uint64_t err_line, err_col; /* the bad record, line relative to start */
  char *err_msg;            /* its reason */
  int io_err;               /* errno of a read error */
} chunk;

/* A reject entry in a chunk's temporary file.  */
typedef struct rej_head
{
  uint64_t line;   /* relative line */
  uint64_t col;    /* column or 0 */
  uint64_t nwhy;   /* reason length */
  uint64_t nraw;   /* raw length */
} rej_head;

/* Write one reject in its final form.  */
static void
put_reject (const shared *sh, uint64_t line, uint64_t col, const char *why, size_t nwhy,
            const char *raw, size_t nraw)
{
  FILE *f = sh->o->reject;
  char head[64];
  int k = col ? snprintf (head, sizeof head, ":%llu:%llu: ", (unsigned long long) line,
                          (unsigned long long) col)
              : snprintf (head, sizeof head, ":%llu: ", (unsigned long long) line);
  cc_fwrite_checked ("# ", 2, f);
  cc_fwrite_checked (sh->name, strlen (sh->name), f);
  cc_fwrite_checked (head, (size_t) k, f);
  cc_fwrite_checked (why, nwhy, f);
  cc_fwrite_checked ("\n", 1, f);
  cc_fwrite_checked (raw, nraw, f);
  cc_fwrite_checked ("\n", 1, f);
}

/* A bad record at relative line LINE: keep it as a reject, or stop the chunk.
   Returns 0 to go on, -1 to stop.  */
static int
bad_record (const shared *sh, chunk *c, uint64_t line, uint64_t col, const char *why,
            const char *raw, size_t nraw)
{
  c->rows++;
  if (!sh->o->reject)
    {
      c->failed = 1;
      c->err_line = line;
      c->err_col = col;
      c->err_msg = cc_xstrdup (why);
      return -1;
    }
  c->rejected++;
  size_t nwhy = strlen (why);
  if (c->direct)
    {
      put_reject (sh, c->base_line + line, col, why, nwhy, raw, nraw);
      return 0;
    }
  if (!c->rej && !(c->rej = tmpfile ()))
    cc_die (CC_EXIT_FAIL, "cannot create a temporary file: %s", strerror (errno));
  rej_head h = { line, col, nwhy, nraw };
  if (fwrite (&h, sizeof h, 1, c->rej) != 1 || fwrite (why, 1, nwhy, c->rej) != nwhy
      || fwrite (raw, 1, nraw, c->rej) != nraw)
    cc_die (CC_EXIT_FAIL, "cannot write a temporary file: %s", strerror (errno));
  return 0;
}

/* Per-thread parsing state.  */
typedef struct worker
{
  cc_csvp *csv;          /* CSV parser */
  cc_jsonp *json;        /* JSON Lines parser */
  int32_t *slot;         /* JSONL: slot map of the current record */
  cc_str *kcache;        /* JSONL: keys of the previous record (copies) */
  int32_t *scache;       /* JSONL: their slots */
  size_t nkcache;        /* entries in the cache */
  size_t capk;           /* allocated */
} worker;

/* Resolve the slots of a JSONL record from its keys, reusing the previous
   record's answer for keys in the same place.  */
static void
json_slots (const shared *sh, worker *w, const cc_str *keys, size_t n)
{
  const cc_slots *s = sh->o->slots;
  for (size_t i = 0; i < s->n; i++)
    w->slot[i] = -1;
  if (n > w->capk)
    {
      for (size_t i = 0; i < w->nkcache; i++)
        free ((char *) w->kcache[i].p);
      w->nkcache = 0;
      w->capk = n * 2;
      w->kcache = cc_xrealloc (w->kcache, w->capk * sizeof *w->kcache);
      w->scache = cc_xrealloc (w->scache, w->capk * sizeof *w->scache);
    }
  for (size_t i = 0; i < n; i++)
    {
      int sl;
      if (i < w->nkcache && w->kcache[i].n == keys[i].n
          && (keys[i].n == 0 || w->kcache[i].p[0] == keys[i].p[0])
          && memcmp (w->kcache[i].p, keys[i].p, keys[i].n) == 0)
        sl = w->scache[i];
      else
        {
          sl = cc_slots_find (s, keys[i].p, keys[i].n);
          if (i < w->nkcache)
            free ((char *) w->kcache[i].p);
          else
            {
              for (size_t j = w->nkcache; j < i; j++)
                w->kcache[j].p = NULL, w->kcache[j].n = SIZE_MAX;
              w->nkcache = i + 1;
            }
          w->kcache[i].p = cc_xmemdup (keys[i].p, keys[i].n);
          w->kcache[i].n = keys[i].n;
          w->scache[i] = sl;
        }
      if (sl >= 0 && w->slot[sl] < 0)
        w->slot[sl] = (int32_t) i;
    }
}

static void
worker_init (const shared *sh, worker *w)
{
  memset (w, 0, sizeof *w);
  if (sh->fmt == CC_FMT_CSV)
    w->csv = cc_csvp_new (sh->max_field);
  else
    w->json = cc_jsonp_new (sh->max_field);
  w->slot = cc_xmalloc ((sh->o->slots->n + 1) * sizeof *w->slot);
}

static void
worker_free (worker *w)
{
  cc_csvp_free (w->csv);
  cc_jsonp_free (w->json);
  for (size_t i = 0; i < w->nkcache; i++)
    free ((char *) w->kcache[i].p);
  free (w->kcache);
  free (w->scache);
  free (w->slot);
}

/* Parse the records of chunk C from reader R (positioned at C->start) while
   they start before C->nom_end.  Sets C->end, lines, rows; stops at the first
   bad record in fail-fast mode.  */
static void
parse_chunk (shared *sh, worker *w, chunk *c, rd *r)
{
  const cc_scan_opts *o = sh->o;
  uint64_t line = 0; /* relative line of the current record */
  off_t abs = c->start;
  cc_parse_out out;
  char toolong[96];
  for (;;)
    {
      if (c->nom_end >= 0 && abs >= c->nom_end)
        break;
      if (r->pos == r->end)
        {
          if (r->eof)
            break;
          if (rd_fill (r) < 0)
            {
              c->io_err = r->err;
              break;
            }
          continue;
        }
      const char *b = r->buf + r->pos;
      size_t avail = r->end - r->pos;
      /* The parser sees at most max_record bytes, so the limit does not
         depend on how much happens to be buffered.  */
      bool eof = r->eof;
      if (avail > sh->max_record)
        avail = sh->max_record, eof = false;
      int st = sh->fmt == CC_FMT_CSV ? cc_csv_record (w->csv, b, avail, eof, &out)
                                     : cc_jsonl_record (w->json, b, avail, eof, &out);
      if (st == CC_PARSE_MORE)
        {
          if (avail >= sh->max_record)
            {
              /* Too long to be a record: reject a prefix, skip to a line end.  */
              snprintf (toolong, sizeof toolong, "record longer than %zu bytes", sh->max_record);
              if (bad_record (sh, c, line, 0, toolong, b, 1024 < avail ? 1024 : avail) < 0)
                break;
              for (;;)
                {
                  const char *nl = memchr (r->buf + r->pos, '\n', r->end - r->pos);
                  if (nl)
                    {
                      size_t k = (size_t) (nl - (r->buf + r->pos)) + 1;
                      r->pos += k;
                      abs += (off_t) k;
                      line++;
                      break;
                    }
                  abs += (off_t) (r->end - r->pos);
                  r->pos = r->end;
                  if (r->eof)
                    break;
                  if (rd_fill (r) < 0)
                    {
                      c->io_err = r->err;
                      break;
                    }
                }
              if (c->io_err)
                break;
              continue;
            }
          if (rd_fill (r) < 0)
            {
              c->io_err = r->err;
              break;
            }
          continue;
        }
      uint64_t here = line;
      r->pos += out.used;
      abs += (off_t) out.used;
      line += out.lines;
      if (st == CC_PARSE_BLANK)
        continue;
      if (st == CC_PARSE_BAD)
        {
          if (bad_record (sh, c, here + out.errline, out.col, out.err, b, out.rawlen) < 0)
            break;
          continue;
        }
      cc_row row;
      const int32_t *slot;
      if (sh->fmt == CC_FMT_CSV)
        {
          if (out.n != sh->ncols)
            {
              char why[96];
              snprintf (why, sizeof why, "expected %zu fields, found %zu", sh->ncols, out.n);
              if (bad_record (sh, c, here, 0, why, b, out.rawlen) < 0)
                break;
              continue;
            }
          row.names = sh->names;
          slot = sh->slot;
        }
      else
        {
          json_slots (sh, w, out.keys, out.n);
          row.names = out.keys;
          slot = w->slot;
        }
      row.vals = out.vals;
      row.n = out.n;
      row.slot = slot;
      row.file = sh->name;
      row.line = c->direct ? c->base_line + here : 0;
      row.raw = b;
      row.rawlen = out.rawlen;
      const char *why = o->row (c->ctx, &row);
      if (why)
        {
          if (bad_record (sh, c, here, 0, why, b, out.rawlen) < 0)
            break;
          continue;
        }
      c->rows++;
    }
  c->end = abs;
  c->lines = line;
}

/* Open a reader for chunk C: at its nominal start, moved to the first line
   start at or after it unless the start is exact.  */
static void
chunk_reader (shared *sh, int fd, chunk *c, rd *r)
{
  memset (r, 0, sizeof *r);
  r->fd = fd;
  r->use_pread = 1;
  if (c->exact)
    {
      r->off = c->start;
      return;
    }
  r->off = c->nom_start - 1;
  for (;;)
    {
      if (r->pos == r->end)
        {
          if (r->eof)
            break;
          if (rd_fill (r) < 0)
            {
              c->io_err = r->err;
              break;
            }
          continue;
        }
      const char *nl = memchr (r->buf + r->pos, '\n', r->end - r->pos);
      if (nl)
        {
          r->pos = (size_t) (nl - r->buf) + 1;
          break;
        }
      r->pos = r->end;
    }
  c->start = r->off + (off_t) r->pos;
  (void) sh;
}

/* Parse chunk C from scratch (in a fresh context).  */
static void
run_chunk (shared *sh, worker *w, int fd, chunk *c)
{
  rd r;
  chunk_reader (sh, fd, c, &r);
  if (!c->io_err)
    parse_chunk (sh, w, c, &r);
  free (r.buf);
  atomic_fetch_add (&sh->done, (uint64_t) (c->end - c->nom_start > 0 ? c->end - c->nom_start : 0));
}

/* The work shared by the threads.  */
typedef struct pool
{
  shared *sh;           /* common state */
  int fd;               /* the input */
  chunk *ch;            /* chunks */
  size_t nch;           /* how many */
  _Atomic size_t next;  /* next chunk to take */
} pool;

static void *
pool_main (void *arg)
{
  pool *pl = arg;
  worker w;
  worker_init (pl->sh, &w);
  for (;;)
    {
      size_t k = atomic_fetch_add (&pl->next, 1);
      if (k >= pl->nch)
        break;
      run_chunk (pl->sh, &w, pl->fd, &pl->ch[k]);
    }
  worker_free (&w);
  return NULL;
}

/* Print progress on a terminal every half second.  */
static void
progress (shared *sh, off_t total, struct timespec *last, int final)
{
  if (sh->o->quiet || !isatty (STDERR_FILENO))
    return;
  struct timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  if (final)
    {
      if (last->tv_sec)
        fprintf (stderr, "\r%*s\r", 60, "");
      return;
    }
  if (!last->tv_sec)
    {
      *last = now;
      last->tv_sec++; /* first line after a second */
      return;
    }
  if (now.tv_sec < last->tv_sec || (now.tv_sec == last->tv_sec && now.tv_nsec < last->tv_nsec))
    return;
  uint64_t d = atomic_load (&sh->done);
  fprintf (stderr, "\r%s: %s: %3d%%", cc_prog, sh->name,
           total > 0 ? (int) (d * 100 / (uint64_t) total) : 0);
  *last = now;
  last->tv_nsec += 500000000;
  if (last->tv_nsec >= 1000000000)
    last->tv_sec++, last->tv_nsec -= 1000000000;
}

/* Copy chunk C's rejects to the reject stream with absolute line numbers.  */
static void
flush_rejects (const shared *sh, chunk *c, uint64_t base)
{
  if (!c->rej)
    return;
  rewind (c->rej);
  cc_buf why = { 0 }, raw = { 0 };
  rej_head h;
  while (fread (&h, sizeof h, 1, c->rej) == 1)
    {
      why.n = raw.n = 0;
      cc_buf_reserve (&why, h.nwhy);
      cc_buf_reserve (&raw, h.nraw);
      if (fread (why.p, 1, h.nwhy, c->rej) != h.nwhy || fread (raw.p, 1, h.nraw, c->rej) != h.nraw)
        cc_die (CC_EXIT_FAIL, "cannot read a temporary file");
      put_reject (sh, base + h.line, h.col, why.p, h.nwhy, raw.p, h.nraw);
    }
  cc_buf_free (&why);
  cc_buf_free (&raw);
  fclose (c->rej);
  c->rej = NULL;
}

/* Reset chunk C for a new parse from START.  */
static void
chunk_reset (const shared *sh, chunk *c, off_t start)
{
  const cc_scan_opts *o = sh->o;
  if (c->ctx)
    o->ctx_free (o->tool, c->ctx);
  c->ctx = o->ctx_new (o->tool);
  if (c->rej)
    fclose (c->rej);
  c->rej = NULL;
  free (c->err_msg);
  c->err_msg = NULL;
  c->failed = 0;
  c->io_err = 0;
  c->rows = c->rejected = c->lines = 0;
  c->start = start;
  c->exact = 1;
}

/* Read and check the CSV header from R.  Returns 0, 1 for an input with no
   header (empty), or -1 after printing the error.  *LINE counts lines read.  */
static int
read_header (shared *sh, worker *w, rd *r, uint64_t *line)
{
  cc_parse_out out;
  for (;;)
    {
      if (r->pos == r->end && !r->eof && rd_fill (r) < 0)
        {
          cc_err ("%s: read error: %s", sh->name, strerror (r->err));
          return -1;
        }
      if (r->pos == r->end && r->eof)
        return 1;
      int st = cc_csv_record (w->csv, r->buf + r->pos, r->end - r->pos, r->eof, &out);
      if (st == CC_PARSE_MORE)
        {
          if (r->end - r->pos >= sh->max_record)
            {
              cc_err_at (sh->name, *line + 1, 0, "header longer than %zu bytes", sh->max_record);
              return -1;
            }
          if (rd_fill (r) < 0)
            {
              cc_err ("%s: read error: %s", sh->name, strerror (r->err));
              return -1;
            }
          continue;
        }
      if (st == CC_PARSE_BLANK)
        {
          r->pos += out.used;
          *line += out.lines;
          continue;
        }
      if (st == CC_PARSE_BAD)
        {
          cc_err_at (sh->name, *line + 1 + out.errline, out.col, "bad header: %s", out.err);
          return -1;
        }
      break;
    }
  sh->ncols = out.n;
  sh->names = cc_xcalloc (out.n, sizeof *sh->names); /* freed whole even after an error */
  for (size_t i = 0; i < out.n; i++)
    {
      if (out.vals[i].n == 0)
        {
          cc_err_at (sh->name, *line + 1, 0, "bad header: column %zu has no name", i + 1);
          return -1;
        }
      sh->names[i].p = cc_xmemdup (out.vals[i].p, out.vals[i].n);
      sh->names[i].n = out.vals[i].n;
      for (size_t j = 0; j < i; j++)
        if (sh->names[j].n == sh->names[i].n
            && memcmp (sh->names[j].p, sh->names[i].p, sh->names[i].n) == 0)
          {
            cc_err_at (sh->name, *line + 1, 0, "bad header: duplicate column '%s'",
                       sh->names[i].p);
            return -1;
          }
    }
  const cc_slots *s = sh->o->slots;
  sh->slot = cc_xmalloc ((s->n + 1) * sizeof *sh->slot);
  for (size_t i = 0; i < s->n; i++)
    sh->slot[i] = -1;
  for (size_t i = 0; i < sh->ncols; i++)
    {
      int k = cc_slots_find (s, sh->names[i].p, sh->names[i].n);
      if (k >= 0 && sh->slot[k] < 0)
        sh->slot[k] = (int32_t) i;
    }
  r->pos += out.used;
  *line += out.lines;
  if (sh->o->header)
    {
      const char *why = sh->o->header (sh->o->tool, sh->names, sh->ncols, sh->slot);
      if (why)
        {
          cc_err_at (sh->name, *line, 0, "%s", why);
          return -1;
        }
    }
  return 0;
}

/* Number of worker threads to use.  */
static int
thread_count (const cc_scan_opts *o)
{
  if (o->threads > 0)
    return o->threads;
  long n = sysconf (_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 8 ? 8 : (int) n;
}

int
cc_scan (const char *path, const cc_scan_opts *o, void **ctx, cc_scan_result *res)
{
  int std = strcmp (path, "-") == 0;
  shared sh = { 0 };
  sh.o = o;
  sh.name = path;
  sh.max_field = o->max_field ? o->max_field : (1u << 20);
  sh.max_record = sh.max_field * 16 + 65536;
  memset (res, 0, sizeof *res);
  if (!*ctx)
    *ctx = o->ctx_new (o->tool);

  int fd = std ? STDIN_FILENO : open (path, O_RDONLY);
  if (fd < 0)
    {
      cc_err ("cannot open %s: %s", path, strerror (errno));
      return -1;
    }
  struct stat stt;
  int regular = fstat (fd, &stt) == 0 && S_ISREG (stt.st_mode);
  off_t here = regular ? lseek (fd, 0, SEEK_CUR) : -1;
  if (here < 0)
    regular = 0;

  int rc = -1;
  worker w;
  rd r = { 0 };
  r.fd = fd;
  r.use_pread = regular;
  r.off = regular ? here : 0;
  uint64_t line = 0;
  chunk *ch = NULL;
  size_t nch = 0;
  int wdone = 0;

  /* Skip a UTF-8 byte-order mark and detect the format.  */
  cc_format fmt = o->format;
  for (;;)
    {
      while (r.pos < r.end
             && (r.buf[r.pos] == ' ' || r.buf[r.pos] == '\t' || r.buf[r.pos] == '\r'
                 || r.buf[r.pos] == '\n'))
        r.pos++;
      if (r.pos < r.end || r.eof)
        break;
      r.pos = 0; /* keep the blank bytes: line numbers count them */
      if (rd_fill (&r) < 0)
        {
          cc_err ("%s: read error: %s", path, strerror (r.err));
          goto out;
        }
    }
  {
    size_t first = r.pos;
    r.pos = 0;
    if (r.end >= 3 && memcmp (r.buf, "\xEF\xBB\xBF", 3) == 0)
      {
        r.pos = 3;
        if (first < 3)
          first = 3;
        while (first < r.end && (r.buf[first] == ' ' || r.buf[first] == '\t'
                                 || r.buf[first] == '\r' || r.buf[first] == '\n'))
          first++;
      }
    if (fmt == CC_FMT_AUTO)
      fmt = first < r.end && r.buf[first] == '{' ? CC_FMT_JSONL : CC_FMT_CSV;
  }
  sh.fmt = fmt;
  res->format = fmt;
  worker_init (&sh, &w);
  wdone = 1;
  if (fmt == CC_FMT_CSV)
    {
      int h = read_header (&sh, &w, &r, &line);
      if (h < 0)
        goto out;
      if (h == 1)
        {
          res->lines = line;
          rc = 0;
          goto out;
        }
    }

  int nthreads = thread_count (o);
  off_t data_start = r.off + (off_t) r.pos;
  int parallel = regular && nthreads > 1 && stt.st_size - data_start > (off_t) MIN_PARALLEL;
  struct timespec last = { 0, 0 };
  if (!parallel)
    {
      chunk c = { 0 };
      c.nom_start = data_start;
      c.nom_end = -1;
      c.start = data_start;
      c.direct = 1;
      c.base_line = line + 1;
      c.ctx = *ctx;
      parse_chunk (&sh, &w, &c, &r);
      res->rows = c.rows;
      res->rejected = c.rejected;
      res->lines = line + c.lines;
      if (c.io_err)
        cc_err ("%s: read error: %s", path, strerror (c.io_err));
      else if (c.failed)
        cc_err_at (path, c.base_line + c.err_line, c.err_col, "%s", c.err_msg);
      else
        rc = 0;
      free (c.err_msg);
      goto out;
    }

  /* Parallel: cut the data into chunks.  */
  nch = (size_t) nthreads * CHUNKS_PER_THREAD;
  ch = cc_xcalloc (nch, sizeof *ch);
  off_t span = (stt.st_size - data_start) / (off_t) nch;
  for (size_t k = 0; k < nch; k++)
    {
      ch[k].nom_start = data_start + span * (off_t) k;
      ch[k].nom_end = k + 1 == nch ? -1 : data_start + span * (off_t) (k + 1);
      ch[k].start = ch[k].nom_start;
      ch[k].exact = k == 0;
      ch[k].ctx = o->ctx_new (o->tool);
    }
  pool pl = { &sh, fd, ch, nch, 0 };
  pthread_t *tid = cc_xmalloc ((size_t) nthreads * sizeof *tid);
  int started = 0;
  for (int t = 0; t < nthreads; t++)
    if (pthread_create (&tid[t], NULL, pool_main, &pl) == 0)
      started++;
  if (!started)
    pool_main (&pl);
  if (isatty (STDERR_FILENO) && !o->quiet)
    while (atomic_load (&pl.next) < nch + (size_t) started)
      {
        progress (&sh, stt.st_size - data_start, &last, 0);
        struct timespec ts = { 0, 100000000 };
        nanosleep (&ts, NULL);
        if (atomic_load (&pl.next) >= nch)
          break;
      }
  for (int t = 0; t < started; t++)
    pthread_join (tid[t], NULL);
  free (tid);
  progress (&sh, 0, &last, 1);

  /* Check the chunks in order; parse again any that started in the wrong place.  */
  off_t expected = data_start;
  uint64_t base = line + 1;
  for (size_t k = 0; k < nch; k++)
    {
      chunk *c = &ch[k];
      if (c->start != expected && !c->io_err)
        {
          chunk_reset (&sh, c, expected);
          if (c->nom_end >= 0 && expected >= c->nom_end)
            {
              c->end = expected; /* the previous chunk ran over this one */
              c->lines = 0;
            }
          else
            run_chunk (&sh, &w, fd, c);
        }
      if (c->io_err)
        {
          cc_err ("%s: read error: %s", path, strerror (c->io_err));
          goto out;
        }
      res->rows += c->rows;
      res->rejected += c->rejected;
      if (c->failed)
        {
          cc_err_at (path, base + c->err_line, c->err_col, "%s", c->err_msg);
          goto out;
        }
      flush_rejects (&sh, c, base);
      o->ctx_merge (o->tool, *ctx, c->ctx);
      base += c->lines;
      expected = c->end;
    }
  res->lines = base - 1;
  rc = 0;

out:
  if (ch)
    {
      for (size_t k = 0; k < nch; k++)
        {
          if (ch[k].ctx)
            o->ctx_free (o->tool, ch[k].ctx);
          if (ch[k].rej)
            fclose (ch[k].rej);
          free (ch[k].err_msg);
        }
      free (ch);
    }
  if (wdone)
    worker_free (&w);
  free (r.buf);
  if (sh.names)
    {
      for (size_t i = 0; i < sh.ncols; i++)
        free ((char *) sh.names[i].p);
      free (sh.names);
    }
  free (sh.slot);
  if (!std)
    close (fd);
  return rc;
}

void *
cc_scan_self_new (void *tool)
{
  return tool;
}

void
cc_scan_self_merge (void *tool, void *dst, void *src)
{
  (void) tool;
  (void) dst;
  (void) src;
}

void
cc_scan_self_free (void *tool, void *ctx)
{
  (void) tool;
  (void) ctx;
}
