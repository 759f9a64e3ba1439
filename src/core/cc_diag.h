/* cc_diag: diagnostics, exit codes and checked allocation for every cc* tool.

   Messages follow the family contract: "PROG: message" for general errors and
   "PROG: FILE:LINE[:COL]: message" for bad input, lower-case, no trailing period.
   The program name is set once by cc_diag_init() and is never argv[0], so messages
   read the same however the tool was started.  */
#ifndef CC_DIAG_H
#define CC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Exit statuses shared by every tool (documented in each man page).  */
enum cc_exit
{
  CC_EXIT_OK = 0,      /* success */
  CC_EXIT_FAIL = 1,    /* bad data or a runtime failure */
  CC_EXIT_USAGE = 2,   /* bad command line */
  CC_EXIT_LOCKED = 75  /* another run holds the lock (ccdial) */
};

extern const char *cc_prog; /* program name used in every message */

/* Set the program name used in messages (and gnulib's program_name).  */
void cc_diag_init (const char *prog);

/* Name the subcommand CMD (NULL for none) in the usage hint, which then
   reads "Try 'PROG CMD --help' for more information.".  */
void cc_diag_set_command (const char *cmd);

/* Print "PROG: message" on stderr.  */
void cc_err (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Print "PROG: FILE:LINE:COL: message" on stderr; LINE 0 omits line and column,
   COL 0 omits the column.  */
void cc_err_at (const char *file, uint64_t line, uint64_t col, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* Print "PROG: message" and exit with STATUS.  */
_Noreturn void cc_die (int status, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Print the "Try 'PROG --help' for more information." hint (with the
   subcommand of cc_diag_set_command) and exit 2 (after getopt has named the
   bad option).  */
_Noreturn void cc_usage_hint (void);

/* Print "PROG: message", the "Try 'PROG --help'" hint, and exit 2.  */
_Noreturn void cc_usage_error (const char *fmt, ...)
  __attribute__ ((format (printf, 1, 2)));

/* Allocation that cannot fail: on exhaustion print "PROG: memory exhausted" and
   exit 1.  The caller frees the result with free().  */
void *cc_xmalloc (size_t n);
void *cc_xcalloc (size_t n, size_t size);
void *cc_xrealloc (void *p, size_t n);
char *cc_xstrdup (const char *s);
char *cc_xmemdup (const void *p, size_t n); /* NUL-terminated copy */

/* A growable byte buffer (used for scratch strings and output lines).  */
typedef struct cc_buf
{
  char *p;    /* bytes, not NUL-terminated unless cc_buf_cstr() was called */
  size_t n;   /* bytes used */
  size_t cap; /* bytes allocated */
} cc_buf;

void cc_buf_reserve (cc_buf *b, size_t extra);
void cc_buf_adds (cc_buf *b, const char *s);

/* Append the N bytes at P (P may be NULL when N is 0).  Inline: the common
   case, room already there, is a copy.  */
static inline void
cc_buf_add (cc_buf *b, const void *p, size_t n)
{
  if (n >= b->cap - b->n)
    cc_buf_reserve (b, n);
  if (n)
    memcpy (b->p + b->n, p, n);
  b->n += n;
}

/* Append the byte C.  */
static inline void
cc_buf_addc (cc_buf *b, char c)
{
  if (b->n + 2 > b->cap)
    cc_buf_reserve (b, 1);
  b->p[b->n++] = c;
}
void cc_buf_printf (cc_buf *b, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
const char *cc_buf_cstr (cc_buf *b); /* NUL-terminates and returns p */
void cc_buf_free (cc_buf *b);

/* Print "PROG: write error: REASON" for ERR (an errno value, 0 for an unknown
   I/O error) and exit 1 at once, without the exit handlers: the standard
   output check at exit would otherwise report the same error again.  */
_Noreturn void cc_die_write (int err);

/* Write N bytes to stream F; on failure print "PROG: write error: REASON" and
   exit 1.  Used for every data write so a full disk is never a short file.  */
void cc_fwrite_checked (const void *p, size_t n, void *stream);

/* Send standard output to FILE (created or truncated) for -o: on failure
   print "PROG: cannot open FILE: REASON" and exit 1.  */
void cc_stdout_to (const char *file);

#endif

#ifndef CC_DIAG_VERSION
#define CC_DIAG_VERSION
/* Print the GNU-style --version text of tool PROG on stdout.  */
void cc_print_version (const char *prog);
#endif
