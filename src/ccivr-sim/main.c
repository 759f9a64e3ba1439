/* ccivr-sim: IVR menus as data.  This file holds the options, usage() and
   main() with the lint command; the menu is read by menu.c (load.c for the
   other commands) and checked by lint.c; run.c simulates callers,
   analyse.c solves the menu as an absorbing Markov chain, dot.c draws it.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "closeout.h"
#include "cmds.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"

/* Long-only options.  */
enum
{
  OPT_WERROR = CHAR_MAX + 1,
  OPT_HELP,
  OPT_VERSION
};

static const struct option top_options[] = {
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

static const struct option lint_options[] = {
  { "werror", no_argument, NULL, OPT_WERROR },
  { "quiet", no_argument, NULL, 'q' },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* Print the help text and exit with STATUS (a hint only, on error).  */
static _Noreturn void
usage (int status)
{
  if (status != EXIT_SUCCESS)
    {
      fprintf (stderr, "Try '%s --help' for more information.\n", PROGRAM_NAME);
      exit (status);
    }
  printf ("Usage: %s lint [OPTION]... [MENU.json]...\n", PROGRAM_NAME);
  printf ("  or:  %s run [OPTION]... MENU.json [RECORDS]...  (see '%s run --help')\n",
          PROGRAM_NAME, PROGRAM_NAME);
  printf ("  or:  %s analyse [OPTION]... [MENU.json]  (see '%s analyse --help')\n",
          PROGRAM_NAME, PROGRAM_NAME);
  printf ("  or:  %s dot [MENU.json]  (see '%s dot --help')\n", PROGRAM_NAME, PROGRAM_NAME);
  static const char text[] = "\
Check IVR menu definitions (ccivr/1 JSON documents; with no MENU.json, or\n\
when it is -, standard input): the structure and types of every key,\n\
references to nodes and calendars, unreachable nodes, loops with no exit,\n\
cycles that need no caller input, dead ends, missing no-input and no-match\n\
handlers, menu sizes, the way to an agent, probabilities, calendars and\n\
time zones, timeouts and retries, self-service fall-backs and queue\n\
hand-offs.  Every finding is one line on standard output,\n\
  FILE:LINE:COLUMN: error|warning CODE: message\n\
sorted by position; the counts of errors and warnings follow on standard\n\
error.  See ccivr-sim(1) for the format and the codes L001 to L016.\n\
\n\
Options:\n\
      --werror             treat warnings as errors (exit status 1)\n\
  -q, --quiet              no counts on standard error\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 no errors (warnings allowed), 1 an error in a menu or a file\n\
that cannot be read, 2 usage error.\n\
";
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (status);
}


/* Append S to B with control characters escaped, so that a finding stays
   one line whatever the names in the file hold.  */
static void
add_escaped (cc_buf *b, const char *s)
{
  for (; *s; s++)
    {
      unsigned char c = (unsigned char)*s;
      if (c == '\n')
        cc_buf_adds (b, "\\n");
      else if (c == '\t')
        cc_buf_adds (b, "\\t");
      else if (c < 0x20 || c == 0x7f)
        cc_buf_printf (b, "\\x%02x", c);
      else
        cc_buf_addc (b, (char)c);
    }
}

/* Lint FILE, printing its findings; adds to *ERRORS and *WARNINGS.
   Returns 0, or -1 when the file could not be read.  */
static int
lint_file (const char *file, size_t *errors, size_t *warnings)
{
  char *text;
  size_t n;
  if (iv_read_file (file, &text, &n) != 0)
    return -1;
  iv_findings f = { 0 };
  iv_menu m;
  iv_menu_load (&m, file, text, n, &f);
  iv_lint (&m, &f);
  iv_findings_sort (&f);
  cc_buf b = { 0 };
  for (size_t i = 0; i < f.n; i++)
    {
      const iv_finding *x = &f.v[i];
      b.n = 0;
      add_escaped (&b, file);
      cc_buf_printf (&b, ":%lu:%lu: %s L%03d: ", (unsigned long)x->pos.line,
                     (unsigned long)x->pos.col, x->severity == IV_ERROR ? "error" : "warning",
                     x->code);
      add_escaped (&b, x->msg);
      cc_buf_addc (&b, '\n');
      cc_fwrite_checked (b.p, b.n, stdout);
    }
  cc_buf_free (&b);
  *errors += f.nerrors;
  *warnings += f.nwarnings;
  iv_findings_free (&f);
  iv_menu_free (&m);
  free (text);
  return 0;
}

/* ccivr-sim lint: ARGV[0] is the program name, the options follow.  */
static int
lint_main (int argc, char **argv)
{
  bool werror = false, quiet = false;
  int c;
  optind = 0;
  while ((c = getopt_long (argc, argv, "q", lint_options, NULL)) != -1)
    switch (c)
      {
      case OPT_WERROR:
        werror = true;
        break;
      case 'q':
        quiet = true;
        break;
      case OPT_HELP:
        usage (EXIT_SUCCESS);
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        usage (CC_EXIT_USAGE);
      }
  size_t errors = 0, warnings = 0, unread = 0;
  if (optind == argc)
    unread += lint_file ("-", &errors, &warnings) != 0;
  for (int i = optind; i < argc; i++)
    unread += lint_file (argv[i], &errors, &warnings) != 0;
  if (!quiet && (errors || warnings))
    {
      fflush (stdout);
      fprintf (stderr, "%s: %zu error%s, %zu warning%s\n", PROGRAM_NAME, errors,
               errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    }
  return errors || unread || (werror && warnings) ? CC_EXIT_FAIL : EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  cc_diag_init (PROGRAM_NAME);
  atexit (close_stdout);
  argv[0] = (char *)PROGRAM_NAME;
  int c;
  while ((c = getopt_long (argc, argv, "+", top_options, NULL)) != -1)
    switch (c)
      {
      case OPT_HELP:
        usage (EXIT_SUCCESS);
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        usage (CC_EXIT_USAGE);
      }
  if (optind == argc)
    cc_usage_error ("missing command: use '%s lint MENU.json'", PROGRAM_NAME);
  const char *cmd = argv[optind];
  argv[optind] = (char *)PROGRAM_NAME;
  if (strcmp (cmd, "lint") == 0)
    return lint_main (argc - optind, argv + optind);
  /* COMMANDS: each other command is one line here.  */
  if (strcmp (cmd, "run") == 0)
    return iv_run_main (argc - optind, argv + optind);
  if (strcmp (cmd, "analyse") == 0)
    return iv_analyse_main (argc - optind, argv + optind);
  if (strcmp (cmd, "dot") == 0)
    return iv_dot_main (argc - optind, argv + optind);
  cc_usage_error ("unknown command '%s'", cmd);
}
