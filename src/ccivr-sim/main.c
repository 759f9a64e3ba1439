/* ccivr-sim: IVR menus as data.  This file holds the options, usage() and
   main() with the lint command; the menu is read by menu.c (load.c for the
   other commands) and checked by lint.c; run.c simulates callers,
   analyse.c solves the menu as an absorbing Markov chain, dot.c draws it.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyse.h"
#include "cc_diag.h"
#include "cc_time.h"
#include "closeout.h"
#include "cmds.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"

/* Long-only options.  */
enum
{
  OPT_WERROR = CHAR_MAX + 1,
  OPT_ANALYSE,
  OPT_MAX_IVR_S,
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
  { "analyse", no_argument, NULL, OPT_ANALYSE },
  { "max-ivr-s", required_argument, NULL, OPT_MAX_IVR_S },
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
    cc_usage_hint ();
  printf ("Usage: %s lint [OPTION]... [MENU.json]...\n", PROGRAM_NAME);
  printf ("  or:  %s run [OPTION]... MENU.json [RECORDS]...  (see '%s run --help')\n",
          PROGRAM_NAME, PROGRAM_NAME);
  printf ("  or:  %s analyse [OPTION]... [MENU.json]  (see '%s analyse --help')\n",
          PROGRAM_NAME, PROGRAM_NAME);
  printf ("  or:  %s dot [--stats=RUN] [MENU.json]  (see '%s dot --help')\n", PROGRAM_NAME, PROGRAM_NAME);
  static const char text[] = "\
Check IVR menu definitions (ccivr/1 JSON documents; with no MENU.json, or\n\
when it is -, standard input): the structure and types of every key,\n\
references to nodes and calendars, unreachable nodes, loops with no exit,\n\
cycles that need no caller input, dead ends, missing no-input and no-match\n\
handlers, menu sizes, the way to an agent, probabilities, calendars and\n\
time zones, timeouts and retries, self-service fall-backs and queue\n\
hand-offs.  Every finding is one line on standard output,\n\
  FILE:LINE:COLUMN: error|warning|info CODE: message\n\
sorted by position; the counts of errors and warnings follow on standard\n\
error.  See ccivr-sim(1) for the format and the codes L001 to L017.\n\
\n\
Options:\n\
      --analyse            add the expected exit shares and time in the IVR\n\
                             of each menu without errors (info L017)\n\
      --max-ivr-s=DUR      warn (L017) when the expected time in the IVR is\n\
                             over DUR (45, 90s, 2m)\n\
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

/* What lint is asked for beyond the checks.  */
typedef struct lint_opts
{
  bool analyse;     /* --analyse: the L017 figures */
  double max_ivr_s; /* --max-ivr-s, NAN when not given */
} lint_opts;

/* One exit reason and its share, for the L017 line.  */
typedef struct reason_share
{
  const char *reason;
  double share;
} reason_share;

/* Larger share first, then by name.  */
static int
reason_cmp (const void *x, const void *y)
{
  const reason_share *a = x, *b = y;
  if (a->share != b->share)
    return a->share > b->share ? -1 : 1;
  return strcmp (a->reason, b->reason);
}

/* L017: the menu M (no errors) as a Markov chain, for each branch of its
   hours nodes: the expected exit shares and mean time as info (with
   O->analyse), and a warning when the mean time is over O->max_ivr_s.  */
static void
lint_analyse (const iv_menu *m, const lint_opts *o, iv_findings *f)
{
  bool hours = false, holiday = false;
  for (size_t i = 0; i < m->nnodes; i++)
    if (m->nodes[i].type == IV_HOURS)
      {
        hours = true;
        holiday |= m->nodes[i].holiday.name != NULL;
      }
  static const int states[3] = { IV_E_OPEN, IV_E_CLOSED, IV_E_HOLIDAY };
  static const char *const names[3] = { "open", "closed", "holiday" };
  iv_pos at = m->start.pos;
  cc_buf b = { 0 };
  for (int h = 0; h < (hours ? (holiday ? 3 : 2) : 1); h++)
    {
      iv_analysis a;
      int rc = iv_analyse (m, states[h], -1, &a);
      const char *in = hours ? names[h] : NULL;
      if (rc == IV_AN_TOO_BIG)
        {
          /* A warning when a limit was asked for: it could not be checked.  */
          iv_report (f, at, 17, isnan (o->max_ivr_s) ? IV_INFO : IV_WARNING,
                     "not analysed%s%s: the chain has more than %zu states",
                     in ? " with hours " : "", in ? in : "", iv_analyse_max_states);
          continue;
        }
      if (rc == IV_AN_TRAPPED)
        {
          iv_report (f, at, 17, IV_WARNING,
                     "calls at node '%s'%s%s%s%s%s never leave the IVR: every path with a "
                     "probability above 0 loops",
                     m->nodes[a.bad_node].id, a.bad_seg ? " in segment '" : "",
                     a.bad_seg ? a.bad_seg : "", a.bad_seg ? "'" : "", in ? " with hours " : "",
                     in ? in : "");
          continue;
        }
      reason_share *rs = cc_xcalloc (a.nexits ? a.nexits : 1, sizeof *rs);
      size_t n = 0;
      for (size_t e = 0; e < a.nexits; e++)
        {
          size_t k = 0;
          while (k < n && strcmp (rs[k].reason, a.exits[e].reason) != 0)
            k++;
          if (k == n)
            rs[n++] = (reason_share){ a.exits[e].reason, 0 };
          rs[k].share += a.exits[e].share;
        }
      qsort (rs, n, sizeof *rs, reason_cmp);
      if (o->analyse)
        {
          b.n = 0;
          cc_buf_printf (&b, "expected exits%s%s:", in ? " with hours " : "", in ? in : "");
          for (size_t k = 0; k < n; k++)
            cc_buf_printf (&b, "%s %s %.1f%%", k ? "," : "", rs[k].reason, 100 * rs[k].share);
          cc_buf_printf (&b, "; mean time in the IVR %.1f s", a.total_s);
          iv_report (f, at, 17, IV_INFO, "%s", cc_buf_cstr (&b));
        }
      if (!isnan (o->max_ivr_s) && a.total_s > o->max_ivr_s)
        iv_report (f, at, 17, IV_WARNING,
                   "the expected time in the IVR%s%s is %.1f s, more than --max-ivr-s %g",
                   in ? " with hours " : "", in ? in : "", a.total_s, o->max_ivr_s);
      free (rs);
      iv_analysis_free (&a);
    }
  cc_buf_free (&b);
}

/* Lint FILE, printing its findings; adds to *ERRORS and *WARNINGS.
   Returns 0, or -1 when the file could not be read.  */
static int
lint_file (const char *file, const lint_opts *o, size_t *errors, size_t *warnings)
{
  char *text;
  size_t n;
  if (iv_read_file (file, &text, &n) != 0)
    return -1;
  iv_findings f = { 0 };
  iv_menu m;
  iv_menu_load (&m, file, text, n, &f);
  iv_lint (&m, &f);
  if (!f.nerrors && (o->analyse || !isnan (o->max_ivr_s)))
    lint_analyse (&m, o, &f);
  iv_findings_sort (&f);
  cc_buf b = { 0 };
  for (size_t i = 0; i < f.n; i++)
    {
      const iv_finding *x = &f.v[i];
      b.n = 0;
      add_escaped (&b, file);
      cc_buf_printf (&b, ":%lu:%lu: %s L%03d: ", (unsigned long)x->pos.line,
                     (unsigned long)x->pos.col,
                     x->severity == IV_ERROR  ? "error"
                     : x->severity == IV_INFO ? "info"
                                              : "warning",
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
  lint_opts o = { false, NAN };
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
      case OPT_ANALYSE:
        o.analyse = true;
        break;
      case OPT_MAX_IVR_S:
        if (cc_duration_parse (optarg, &o.max_ivr_s) != 0 || !(o.max_ivr_s > 0))
          cc_usage_error ("invalid --max-ivr-s '%s': a duration such as 45, 90s or 2m is needed",
                          optarg);
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
    unread += lint_file ("-", &o, &errors, &warnings) != 0;
  for (int i = optind; i < argc; i++)
    unread += lint_file (argv[i], &o, &errors, &warnings) != 0;
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
