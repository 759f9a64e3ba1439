/* Reading menu files for every command of ccivr-sim.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cmds.h"
#include "menu.h"

/* Read all of FILE ("-": standard input) into *TEXT (NUL-terminated,
   caller frees) and *N.  Returns 0, or -1 after printing why.  */
int
iv_read_file (const char *file, char **text, size_t *n)
{
  bool std = strcmp (file, "-") == 0;
  int fd = std ? STDIN_FILENO : open (file, O_RDONLY);
  if (fd < 0)
    {
      cc_err ("cannot open %s: %s", file, strerror (errno));
      return -1;
    }
  size_t cap = 65536, len = 0;
  char *p = cc_xmalloc (cap + 1);
  for (;;)
    {
      if (len == cap)
        {
          /* Never past twice the limit: reading stops once over it.  */
          cap *= 2;
          p = cc_xrealloc (p, cap + 1);
        }
      ssize_t r = read (fd, p + len, cap - len);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          cc_err ("cannot read %s: %s", file, strerror (errno));
          free (p);
          if (!std)
            close (fd);
          return -1;
        }
      if (r == 0)
        break;
      len += (size_t)r;
      if (len > MAX_MENU_BYTES)
        break;
    }
  if (!std)
    close (fd);
  if (len > MAX_MENU_BYTES)
    {
      cc_err ("%s: larger than %zu MiB: not a menu", file, MAX_MENU_BYTES >> 20);
      free (p);
      return -1;
    }
  p[len] = '\0';
  *text = p;
  *n = len;
  return 0;
}

int
iv_menu_read (const char *file, iv_menu *m)
{
  char *text;
  size_t n;
  if (iv_read_file (file, &text, &n) != 0)
    return -1;
  iv_findings f = { 0 };
  iv_menu_load (m, file, text, n, &f);
  iv_lint (m, &f);
  iv_findings_sort (&f);
  for (size_t i = 0; i < f.n; i++)
    if (f.v[i].severity == IV_ERROR)
      cc_err_at (file, f.v[i].pos.line, f.v[i].pos.col, "L%03d: %s", f.v[i].code, f.v[i].msg);
  size_t errors = f.nerrors;
  iv_findings_free (&f);
  free (text);
  if (errors)
    {
      cc_err ("%s: %zu error%s: run '%s lint %s' for the details", file, errors,
              errors == 1 ? "" : "s", "ccivr-sim", file);
      iv_menu_free (m);
      return -1;
    }
  return 0;
}
