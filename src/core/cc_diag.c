/* cc_diag: diagnostics, checked allocation and growable buffers.  */
#include <config.h>

#include "cc_diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progname.h"

const char *cc_prog = "cctk";

/* The subcommand the usage hint names, or NULL.  */
static const char *cc_cmd;

void
cc_diag_init (const char *prog)
{
  cc_prog = prog;
  set_program_name (prog);
}

void
cc_diag_set_command (const char *cmd)
{
  cc_cmd = cmd;
}

/* Print "PROG: " then the formatted message and a newline.  */
static void
vmsg (const char *fmt, va_list ap)
{
  fprintf (stderr, "%s: ", cc_prog);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
}

void
cc_err (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vmsg (fmt, ap);
  va_end (ap);
}

void
cc_err_at (const char *file, uint64_t line, uint64_t col, const char *fmt, ...)
{
  va_list ap;
  fprintf (stderr, "%s: %s:", cc_prog, file);
  if (line)
    {
      fprintf (stderr, "%llu:", (unsigned long long) line);
      if (col)
        fprintf (stderr, "%llu:", (unsigned long long) col);
    }
  fputc (' ', stderr);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
}

void
cc_die (int status, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vmsg (fmt, ap);
  va_end (ap);
  exit (status);
}

void
cc_usage_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vmsg (fmt, ap);
  va_end (ap);
  cc_usage_hint ();
}

void
cc_usage_hint (void)
{
  if (cc_cmd)
    fprintf (stderr, "Try '%s %s --help' for more information.\n", cc_prog, cc_cmd);
  else
    fprintf (stderr, "Try '%s --help' for more information.\n", cc_prog);
  exit (CC_EXIT_USAGE);
}

/* Report exhaustion and exit.  */
static _Noreturn void
nomem (void)
{
  cc_die (CC_EXIT_FAIL, "memory exhausted");
}

void *
cc_xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);
  if (!p)
    nomem ();
  return p;
}

void *
cc_xcalloc (size_t n, size_t size)
{
  void *p = calloc (n ? n : 1, size ? size : 1);
  if (!p)
    nomem ();
  return p;
}

void *
cc_xrealloc (void *p, size_t n)
{
  p = realloc (p, n ? n : 1);
  if (!p)
    nomem ();
  return p;
}

char *
cc_xstrdup (const char *s)
{
  return cc_xmemdup (s, strlen (s));
}

char *
cc_xmemdup (const void *p, size_t n)
{
  if (n == SIZE_MAX)
    nomem ();
  char *r = cc_xmalloc (n + 1);
  if (n)
    memcpy (r, p, n);
  r[n] = '\0';
  return r;
}

void
cc_buf_reserve (cc_buf *b, size_t extra)
{
  if (extra > SIZE_MAX / 2 - b->n)
    nomem ();
  if (b->n + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->n + extra + 1)
    cap *= 2;
  b->p = cc_xrealloc (b->p, cap);
  b->cap = cap;
}

void
cc_buf_adds (cc_buf *b, const char *s)
{
  cc_buf_add (b, s, strlen (s));
}

void
cc_buf_printf (cc_buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int k = vsnprintf (b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
  va_end (ap);
  if (k < 0)
    cc_die (CC_EXIT_FAIL, "cannot format a message");
  if (!b->p || (size_t) k >= b->cap - b->n)
    {
      cc_buf_reserve (b, (size_t) k + 1);
      va_start (ap, fmt);
      vsnprintf (b->p + b->n, b->cap - b->n, fmt, ap);
      va_end (ap);
    }
  b->n += (size_t) k;
}

const char *
cc_buf_cstr (cc_buf *b)
{
  cc_buf_reserve (b, 1);
  b->p[b->n] = '\0';
  return b->p;
}

void
cc_buf_free (cc_buf *b)
{
  free (b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

void
cc_die_write (int err)
{
  fprintf (stderr, "%s: write error: %s\n", cc_prog, err ? strerror (err) : "I/O error");
  fflush (stderr);
  _exit (CC_EXIT_FAIL);
}

void
cc_fwrite_checked (const void *p, size_t n, void *stream)
{
  FILE *f = stream;
  if (n && fwrite (p, 1, n, f) != n)
    cc_die_write (errno);
}

void
cc_print_version (const char *prog)
{
  printf ("%s (%s) %s\n"
          "Copyright (C) 2026 the cctk authors.\n"
          "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
          "This is free software: you are free to change and redistribute it.\n"
          "There is NO WARRANTY, to the extent permitted by law.\n",
          prog, PACKAGE_NAME, PACKAGE_VERSION);
}

void
cc_stdout_to (const char *file)
{
  int fd = open (file, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (fd < 0)
    cc_die (CC_EXIT_FAIL, "cannot open %s: %s", file, strerror (errno));
  fflush (stdout);
  if (dup2 (fd, STDOUT_FILENO) < 0)
    cc_die (CC_EXIT_FAIL, "cannot open %s: %s", file, strerror (errno));
  close (fd);
}
