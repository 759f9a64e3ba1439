/* ccreport: wait-time, service-level and abandon reports from interaction
   records.  This file holds the options, usage() and main(); the fold is in
   report.c and the output in render.c.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "cc_scan.h"
#include "closeout.h"
#include "report.h"
#include "source.h"
#include "store.h"

#define PROGRAM_NAME "ccreport"

/* Long-only options.  */
enum
{
  OPT_TZ = CHAR_MAX + 1,
  OPT_SL,
  OPT_SL_BASE,
  OPT_SHORT,
  OPT_BUCKETS,
  OPT_DIRECTION,
  OPT_SINCE,
  OPT_UNTIL,
  OPT_QUEUE,
  OPT_AGENT,
  OPT_CHANNEL,
  OPT_WHERE,
  OPT_NO_TOTAL,
  OPT_LIST,
  OPT_PARTIAL,
  OPT_INPUT_FORMAT,
  OPT_OUTPUT_FORMAT,
  OPT_REJECT,
  OPT_MAX_FIELD,
  OPT_THREADS,
  OPT_FROM,
  OPT_CDR_COLUMNS,
  OPT_REPORT,
  OPT_REOPEN,
  OPT_DB,
  OPT_SL_TARGET,
  OPT_REPLACE,
  OPT_HELP,
  OPT_VERSION
};

static const struct option long_options[] = {
  { "by", required_argument, NULL, 'b' },
  { "interval", required_argument, NULL, 'i' },
  { "tz", required_argument, NULL, OPT_TZ },
  { "sl", required_argument, NULL, OPT_SL },
  { "sl-base", required_argument, NULL, OPT_SL_BASE },
  { "short-abandon", required_argument, NULL, OPT_SHORT },
  { "buckets", required_argument, NULL, OPT_BUCKETS },
  { "direction", required_argument, NULL, OPT_DIRECTION },
  { "since", required_argument, NULL, OPT_SINCE },
  { "until", required_argument, NULL, OPT_UNTIL },
  { "queue", required_argument, NULL, OPT_QUEUE },
  { "agent", required_argument, NULL, OPT_AGENT },
  { "channel", required_argument, NULL, OPT_CHANNEL },
  { "where", required_argument, NULL, OPT_WHERE },
  { "no-total", no_argument, NULL, OPT_NO_TOTAL },
  { "list", required_argument, NULL, OPT_LIST },
  { "partial", no_argument, NULL, OPT_PARTIAL },
  { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
  { "output-format", required_argument, NULL, OPT_OUTPUT_FORMAT },
  { "output", required_argument, NULL, 'o' },
  { "reject", required_argument, NULL, OPT_REJECT },
  { "max-field-size", required_argument, NULL, OPT_MAX_FIELD },
  { "threads", required_argument, NULL, OPT_THREADS },
  { "quiet", no_argument, NULL, 'q' },
  { "from", required_argument, NULL, OPT_FROM },
  { "cdr-columns", required_argument, NULL, OPT_CDR_COLUMNS },
  { "report", required_argument, NULL, OPT_REPORT },
  { "reopen-window", required_argument, NULL, OPT_REOPEN },
  { "db", required_argument, NULL, OPT_DB },
  { "sl-target", required_argument, NULL, OPT_SL_TARGET },
  { "replace", no_argument, NULL, OPT_REPLACE },
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
  printf ("Usage: %s [OPTION]... [FILE]...\n"
          "  or:  %s --db=STORE [OPTION]...\n"
          "  or:  %s convert [OPTION]... [FILE]...\n"
          "  or:  %s ingest --db=STORE [OPTION]... [FILE]...\n"
          "  or:  %s merge [OPTION]... [PARTIAL]...\n",
          PROGRAM_NAME, PROGRAM_NAME, PROGRAM_NAME, PROGRAM_NAME, PROGRAM_NAME);
  static const char text[] = "\
Report offered, answered and abandoned interactions, speed of answer, service\n\
level, wait percentiles and handle time from interaction records (CSV or JSON\n\
Lines), from Asterisk queue_log and CDR files (--from), or from a SQLite\n\
store (--db).  With no FILE, or when FILE is -, read standard input.\n\
'ccreport convert' writes the interactions themselves as records (all of\n\
them, every direction, unless filters say otherwise).\n\
'ccreport ingest' keeps the records in the SQLite store named by --db.\n\
'ccreport merge' adds up partial states written by --partial (in any order)\n\
and writes the report; it takes only the Definitions options, --no-total,\n\
--output-format and -o.\n\
\n\
Report:\n\
      --report=KIND        queues (the default: figures per --by group),\n\
                             agents, pauses, transfers, hangup or\n\
                             conversations\n\
      --reopen-window=DUR  conversations: a record within DUR of the end of\n\
                             its conversation reopens it (default 24h)\n\
\n\
Grouping:\n\
  -b, --by=COLS            group by these columns, comma-separated\n\
                             (default: queue; --by= for one total row)\n\
  -i, --interval=DUR       also group by intervals of arrived_at:\n\
                             15m, 30m, 1h, 1d, 1w (weeks start on Monday)\n\
      --tz=ZONE            cut intervals and show times in this IANA zone\n\
                             (default UTC)\n\
      --no-total           leave out the TOTAL row\n\
      --list=KIND          write the records themselves instead of a report,\n\
                             all columns passed through: all, answered,\n\
                             abandoned or unanswered\n\
\n\
Definitions:\n\
      --sl=SECS            service-level threshold in seconds (default 20)\n\
      --sl-base=BASE       what the service level divides by: offered,\n\
                             answered, answered+abandoned, offered-short\n\
                             (default offered)\n\
      --sl-target=PCT      the service-level target drawn in html output\n\
                             (0 to 100, default 80)\n\
      --short-abandon=SECS count abandons within SECS seconds as short\n\
                             (default: off)\n\
      --buckets=LIST       answer-time buckets, e.g. 15,30,60\n\
      --direction=DIR      inbound, outbound or all (default inbound)\n\
\n\
Filters:\n\
      --since=TIME         only interactions that arrived at or after TIME\n\
      --until=TIME         only interactions that arrived before TIME\n\
                             (RFC 3339, epoch seconds, or a date YYYY-MM-DD\n\
                             meaning its midnight in --tz)\n\
      --queue=LIST         only these queues (comma-separated)\n\
      --agent=LIST         only these agents\n\
      --channel=LIST       only these channels (compared ignoring case)\n\
      --where=FIELD~REGEX  only records whose FIELD matches REGEX (PCRE2);\n\
                             FIELD!~REGEX: does not match; may be repeated\n\
\n\
Input and output:\n\
      --from=KIND          records (the default), asterisk-queue-log (the\n\
                             native file or a table export as CSV) or\n\
                             asterisk-cdr (Master.csv)\n\
      --cdr-columns=LIST   the column order of a cdr_custom file\n\
      --db=STORE           report from (or, with ingest, into) this SQLite\n\
                             store\n\
      --replace            ingest: a record whose id is stored replaces the\n\
                             stored one (default: it is ignored as a\n\
                             duplicate)\n\
      --input-format=FMT   auto, csv or jsonl (default auto: from the first\n\
                             non-blank byte)\n\
      --output-format=FMT  csv, jsonl, table, markdown or html (default:\n\
                             table on a terminal, csv otherwise)\n\
  -o, --output=FILE        write the report to FILE\n\
      --reject=FILE        keep going past bad records, writing each to FILE\n\
                             after a '# FILE:LINE: reason' line\n\
      --partial            write mergeable partial state (JSON Lines) instead\n\
                             of a report, for 'ccreport merge'\n\
      --max-field-size=N   refuse fields longer than N bytes (default 1048576)\n\
      --threads=N          parse with N threads (default: one per CPU, at\n\
                             most 8)\n\
  -q, --quiet              no progress line on a terminal\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 bad input or a runtime failure, 2 usage error.\n\
See ccreport(1) for the definitions and cc-records(5) for the record format.\n\
";
  /* The text is longer than one buffer: a full device is reported with its
     reason by the checked write, not later by the exit handler.  */
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (status);
}

/* Split S at commas into a list of copies.  */
static void
split_list (const char *s, char ***v, size_t *n)
{
  *n = 0;
  *v = NULL;
  if (!*s)
    return;
  size_t cap = 0;
  const char *p = s;
  for (;;)
    {
      const char *c = strchr (p, ',');
      size_t len = c ? (size_t) (c - p) : strlen (p);
      if (*n == cap)
        *v = cc_xrealloc (*v, (cap = cap ? cap * 2 : 4) * sizeof **v);
      (*v)[(*n)++] = cc_xmemdup (p, len);
      if (!c)
        break;
      p = c + 1;
    }
}

/* Parse a whole number of seconds for option OPT.  */
static int64_t
parse_secs (const char *opt, const char *s)
{
  int64_t v;
  if (cc_num_parse_int (s, strlen (s), &v) != 0 || v < 0 || v > 86400 * 366)
    cc_usage_error ("invalid %s '%s': a whole number of seconds is needed", opt, s);
  return v;
}

/* Parse --since/--until: a timestamp, or a date meaning its midnight in --tz.  */
static cc_usec
parse_when (const char *opt, const char *s)
{
  cc_usec t;
  if (cc_time_parse_when (s, &t) != 0)
    cc_usage_error ("invalid %s '%s': use RFC 3339, epoch seconds or YYYY-MM-DD", opt, s);
  return t;
}


/* The report of F in format FMT on standard output, then the diagnostics.  */
static void
render (report *r, fold *f, cc_format fmt)
{
  if (fmt == CC_FMT_HTML)
    report_render_html (r, f, stdout);
  else
    switch (r->kind)
      {
      case RK_QUEUES:
        report_render (r, f, fmt, stdout);
        break;
      case RK_AGENTS:
        report_render_agents (r, f, fmt, stdout);
        break;
      case RK_TRANSFERS:
        report_render_transfers (r, f, fmt, stdout);
        break;
      case RK_HANGUP:
        report_render_hangup (r, f, fmt, stdout);
        break;
      case RK_CONVERSATIONS:
        conv_render (r, f, fmt, stdout);
        break;
      case RK_PAUSES:
        report_render_pauses (r, f, fmt, stdout);
        break;
      }
  if (r->diag && fmt != CC_FMT_HTML)
    report_render_diag (r->diag, fmt, stdout);
  else if (r->diag)
    report_render_diag (r->diag, CC_FMT_CSV, stdout);
}

/* ccreport merge: add up the partials in FILES and write the report.  */
static int
merge_main (report *r, int nfiles, char **files, cc_format out_fmt, const char *output)
{
  fold *f = NULL;
  int status = EXIT_SUCCESS;
  for (int i = 0; i < (nfiles ? nfiles : 1); i++)
    if (report_read_partial (r, &f, nfiles ? files[i] : "-", f == NULL) != 0)
      {
        status = CC_EXIT_FAIL;
        break;
      }
  if (status == EXIT_SUCCESS)
    {
      if (output)
        cc_stdout_to (output);
      render (r, f, out_fmt);
    }
  fold_free (r, f);
  for (size_t i = 0; i < r->nby; i++)
    free (r->by[i]);
  free (r->by);
  free (r->buckets);
  return status;
}

int
main (int argc, char **argv)
{
  cc_diag_init (PROGRAM_NAME);
  atexit (close_stdout);
  bool merge = argc > 1 && strcmp (argv[1], "merge") == 0;
  bool convert = argc > 1 && strcmp (argv[1], "convert") == 0;
  bool ingest = argc > 1 && strcmp (argv[1], "ingest") == 0;
  if (merge || convert || ingest)
    {
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  /* getopt's own messages name the program as every other message does.  */
  argv[0] = (char *) PROGRAM_NAME;
  bool def_opt = false, out_given = false, target_given = false, replace = false;
  bool fold_opt = false, partial = false, fmt_given = false, dir_given = false;
  bool report_opt = false;
  source_opts src = { 0 };
  const char *reopen = NULL;

  report r = { 0 };
  r.sl_secs = 20;
  r.sl_target = 80;
  r.short_secs = -1;
  r.total = true;
  r.dir = DIR_INBOUND;
  const char *by = NULL, *interval = NULL, *tz = NULL, *since = NULL, *until = NULL;
  const char *reject = NULL, *output = NULL;
  cc_format in_fmt = CC_FMT_AUTO, out_fmt = CC_FMT_AUTO;
  int threads = 0, quiet = 0;
  size_t max_field = 1u << 20;
  size_t capw = 0;
  int c;

  while ((c = getopt_long (argc, argv, "b:i:o:q", long_options, NULL)) != -1)
    {
    switch (c)
      {
      case 'b': case 'i': case OPT_TZ: case OPT_DIRECTION: case OPT_SINCE: case OPT_UNTIL:
      case OPT_QUEUE: case OPT_AGENT: case OPT_CHANNEL: case OPT_WHERE: case OPT_LIST:
      case OPT_INPUT_FORMAT: case OPT_REJECT: case OPT_MAX_FIELD: case OPT_THREADS:
      case OPT_PARTIAL: case 'q':
        fold_opt = true;
        break;
      case OPT_OUTPUT_FORMAT:
        fmt_given = true;
        break;
      default:
        break;
      }
    switch (c)
      {
      case OPT_SL: case OPT_SL_BASE: case OPT_SHORT: case OPT_BUCKETS: case OPT_NO_TOTAL:
        def_opt = true;
        break;
      case 'o':
        out_given = true;
        break;
      default:
        break;
      }
    switch (c)
      {
      case OPT_FROM: case OPT_CDR_COLUMNS: case OPT_DB:
        fold_opt = true;
        break;
      case OPT_REPORT: case OPT_REOPEN:
        report_opt = true;
        break;
      default:
        break;
      }
    switch (c)
      {
      case 'b':
        by = optarg;
        break;
      case 'i':
        interval = optarg;
        break;
      case OPT_TZ:
        tz = optarg;
        break;
      case OPT_SL:
        r.sl_secs = parse_secs ("--sl", optarg);
        break;
      case OPT_SL_BASE:
        if (strcmp (optarg, "offered") == 0)
          r.sl_base = SL_OFFERED;
        else if (strcmp (optarg, "answered") == 0)
          r.sl_base = SL_ANSWERED;
        else if (strcmp (optarg, "answered+abandoned") == 0)
          r.sl_base = SL_ANS_ABN;
        else if (strcmp (optarg, "offered-short") == 0)
          r.sl_base = SL_OFFERED_SHORT;
        else
          cc_usage_error ("invalid --sl-base '%s': offered, answered, answered+abandoned or "
                          "offered-short",
                          optarg);
        break;
      case OPT_SHORT:
        r.short_secs = parse_secs ("--short-abandon", optarg);
        break;
      case OPT_SL_TARGET:
        if (cc_num_parse_int (optarg, strlen (optarg), &r.sl_target) != 0 || r.sl_target < 0
            || r.sl_target > 100)
          cc_usage_error ("invalid --sl-target '%s': a whole percentage from 0 to 100 is needed",
                          optarg);
        target_given = true;
        break;
      case OPT_BUCKETS:
        {
          char **v;
          size_t n;
          split_list (optarg, &v, &n);
          free (r.buckets);
          r.buckets = cc_xmalloc ((n + 1) * sizeof *r.buckets);
          r.nbuckets = n;
          for (size_t i = 0; i < n; i++)
            {
              int64_t b;
              if (cc_num_parse_int (v[i], strlen (v[i]), &b) != 0 || b < 0
                  || (i > 0 && b <= r.buckets[i - 1]) || b > 86400 * 366)
                cc_usage_error ("invalid --buckets '%s': ascending whole seconds are needed",
                                optarg);
              r.buckets[i] = b;
            }
          for (size_t i = 0; i < n; i++)
            free (v[i]);
          free (v);
          if (!n)
            cc_usage_error ("invalid --buckets '': ascending whole seconds are needed");
          break;
        }
      case OPT_DIRECTION:
        dir_given = true;
        if (strcmp (optarg, "inbound") == 0)
          r.dir = DIR_INBOUND;
        else if (strcmp (optarg, "outbound") == 0)
          r.dir = DIR_OUTBOUND;
        else if (strcmp (optarg, "all") == 0)
          r.dir = DIR_ALL;
        else
          cc_usage_error ("invalid --direction '%s': inbound, outbound or all", optarg);
        break;
      case OPT_SINCE:
        since = optarg;
        break;
      case OPT_UNTIL:
        until = optarg;
        break;
      case OPT_QUEUE:
        split_list (optarg, &r.queues.v, &r.queues.n);
        break;
      case OPT_AGENT:
        split_list (optarg, &r.agents.v, &r.agents.n);
        break;
      case OPT_CHANNEL:
        split_list (optarg, &r.channels.v, &r.channels.n);
        break;
      case OPT_WHERE:
        {
          const char *t = strchr (optarg, '~');
          if (!t || t == optarg || (t == optarg + 1 && optarg[0] == '!'))
            cc_usage_error ("invalid --where '%s': FIELD~REGEX or FIELD!~REGEX is needed",
                            optarg);
          bool neg = t[-1] == '!';
          if (r.nwheres == capw)
            r.wheres = cc_xrealloc (r.wheres, (capw = capw ? capw * 2 : 4) * sizeof *r.wheres);
          where *w = &r.wheres[r.nwheres++];
          w->field = cc_xmemdup (optarg, (size_t) (t - optarg) - (neg ? 1 : 0));
          w->negate = neg;
          char err[256];
          w->re = cc_regex_new (t + 1, err, sizeof err);
          if (!w->re)
            cc_usage_error ("invalid --where '%s': %s", optarg, err);
          break;
        }
      case OPT_NO_TOTAL:
        r.total = false;
        break;
      case OPT_LIST:
        if (strcmp (optarg, "all") == 0)
          r.list = LIST_ALL;
        else if (strcmp (optarg, "answered") == 0)
          r.list = LIST_ANSWERED;
        else if (strcmp (optarg, "abandoned") == 0)
          r.list = LIST_ABANDONED;
        else if (strcmp (optarg, "unanswered") == 0)
          r.list = LIST_UNANSWERED;
        else
          cc_usage_error ("invalid --list '%s': all, answered, abandoned or unanswered", optarg);
        break;
      case OPT_INPUT_FORMAT:
        if (cc_format_parse (optarg, &in_fmt) != 0
            || (in_fmt != CC_FMT_AUTO && in_fmt != CC_FMT_CSV && in_fmt != CC_FMT_JSONL))
          cc_usage_error ("invalid --input-format '%s': auto, csv or jsonl", optarg);
        break;
      case OPT_OUTPUT_FORMAT:
        if (cc_format_parse (optarg, &out_fmt) != 0 || out_fmt == CC_FMT_AUTO)
          cc_usage_error ("invalid --output-format '%s': csv, jsonl, table, markdown or html",
                          optarg);
        break;
      case 'o':
        output = optarg;
        break;
      case OPT_REJECT:
        reject = optarg;
        break;
      case OPT_MAX_FIELD:
        {
          int64_t v;
          if (cc_num_parse_int (optarg, strlen (optarg), &v) != 0 || v < 1
              || v > (INT64_C (1) << 30))
            cc_usage_error ("invalid --max-field-size '%s': 1 to 1073741824 bytes", optarg);
          max_field = (size_t) v;
          break;
        }
      case OPT_THREADS:
        {
          int64_t v;
          if (cc_num_parse_int (optarg, strlen (optarg), &v) != 0 || v < 1 || v > 64)
            cc_usage_error ("invalid --threads '%s': 1 to 64", optarg);
          threads = (int) v;
          break;
        }
      case 'q':
        quiet = 1;
        break;
      case OPT_PARTIAL:
        partial = true;
        break;
      case OPT_FROM:
        if (strcmp (optarg, "records") == 0)
          src.from = SRC_RECORDS;
        else if (strcmp (optarg, "asterisk-queue-log") == 0)
          src.from = SRC_QLOG;
        else if (strcmp (optarg, "asterisk-cdr") == 0)
          src.from = SRC_CDR;
        else
          cc_usage_error ("invalid --from '%s': records, asterisk-queue-log or asterisk-cdr",
                          optarg);
        break;
      case OPT_CDR_COLUMNS:
        src.cdr_columns = optarg;
        break;
      case OPT_DB:
        src.db = optarg;
        break;
      case OPT_REPORT:
        if (strcmp (optarg, "queues") == 0)
          r.kind = RK_QUEUES;
        else if (strcmp (optarg, "agents") == 0)
          r.kind = RK_AGENTS;
        else if (strcmp (optarg, "transfers") == 0)
          r.kind = RK_TRANSFERS;
        else if (strcmp (optarg, "hangup") == 0)
          r.kind = RK_HANGUP;
        else if (strcmp (optarg, "conversations") == 0)
          r.kind = RK_CONVERSATIONS;
        else if (strcmp (optarg, "pauses") == 0)
          r.kind = RK_PAUSES;
        else
          cc_usage_error ("invalid --report '%s': queues, agents, pauses, transfers, hangup or "
                          "conversations",
                          optarg);
        break;
      case OPT_REOPEN:
        reopen = optarg;
        break;
      case OPT_REPLACE:
        replace = true;
        break;
      case OPT_HELP:
        usage (EXIT_SUCCESS);
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        exit (EXIT_SUCCESS);
      default:
        usage (CC_EXIT_USAGE);
      }
    }
  if (merge && fold_opt)
    cc_usage_error ("merge takes only the definitions options, --no-total, --output-format and -o");
  if (merge && (r.kind == RK_CONVERSATIONS || r.kind == RK_PAUSES))
    cc_usage_error ("merge takes no --report conversations or pauses");
  if (partial && (fmt_given || r.list != LIST_NONE))
    cc_usage_error ("--partial writes JSON Lines state: it takes no --output-format or --list");
  if (partial && (r.kind == RK_CONVERSATIONS || r.kind == RK_PAUSES
                  || (r.kind == RK_AGENTS && src.from == SRC_QLOG)))
    cc_usage_error ("--partial takes no --report conversations or pauses, nor --report agents "
                    "of a queue_log");
  if (src.cdr_columns && src.from != SRC_CDR)
    cc_usage_error ("--cdr-columns goes with --from asterisk-cdr");
  if (reopen && r.kind != RK_CONVERSATIONS)
    cc_usage_error ("--reopen-window goes with --report conversations");
  r.reopen_us = 86400 * CC_USEC_PER_SEC;
  if (reopen)
    {
      double secs;
      if (cc_duration_parse (reopen, &secs) != 0 || secs > 366.0 * 86400)
        cc_usage_error ("invalid --reopen-window '%s': a duration such as 30m, 24h or 7d",
                        reopen);
      r.reopen_us = (int64_t) (secs * 1e6 + 0.5);
    }
  if (convert || ingest)
    {
      if (partial || r.list != LIST_NONE || report_opt)
        cc_usage_error ("%s writes records: it takes no --partial, --list or --report",
                        convert ? "convert" : "ingest");
      if (def_opt || by || interval || target_given)
        cc_usage_error ("%s writes records: it takes no --by, --interval, --no-total or "
                        "definitions options",
                        convert ? "convert" : "ingest");
      if (convert && out_fmt == CC_FMT_HTML)
        cc_usage_error ("convert writes records: csv, jsonl, table or markdown");
      if (ingest && out_given)
        cc_usage_error ("ingest writes to the store: it takes no -o");
      if (convert)
        r.list = LIST_ALL;
      if (!dir_given)
        r.dir = DIR_ALL;
    }
  if (in_fmt != CC_FMT_AUTO && (src.from != SRC_RECORDS || (src.db && !ingest)))
    cc_usage_error ("--input-format goes with record files, not with --from or --db");
  if (ingest && (since || until || r.queues.n || r.agents.n || r.channels.n || r.nwheres
                 || dir_given || by || interval))
    cc_usage_error ("ingest stores every record: it takes no filters, --by or --interval");
  if (ingest && !src.db)
    cc_usage_error ("ingest needs --db=STORE");
  if (replace && !ingest)
    cc_usage_error ("--replace goes with ingest");
  if (ingest && fmt_given)
    cc_usage_error ("ingest writes to the store: it takes no --output-format");
  if (src.db && !ingest)
    {
      if (src.from != SRC_RECORDS)
        cc_usage_error ("--db reads the store: it takes no --from");
      if (optind < argc)
        cc_usage_error ("--db reads the store: it takes no FILE");
      src.from = SRC_DB;
    }
  if (target_given && out_fmt != CC_FMT_HTML)
    cc_usage_error ("--sl-target goes with --output-format html");
  if (out_fmt == CC_FMT_HTML
      && (partial || r.list != LIST_NONE || r.kind != RK_QUEUES))
    cc_usage_error ("--output-format html goes with the queues report only");
  if ((r.kind == RK_AGENTS || r.kind == RK_PAUSES) && (by || interval))
    cc_usage_error ("--report %s groups by agent: it takes no --by or --interval",
                    r.kind == RK_AGENTS ? "agents" : "pauses");
  if (r.kind == RK_AGENTS || r.kind == RK_PAUSES)
    by = "agent";
  if (r.kind == RK_PAUSES && src.from != SRC_QLOG)
    cc_usage_error ("--report pauses needs the agent events of --from asterisk-queue-log");

  if (tz && cc_tz_set (tz) != 0)
    cc_usage_error ("invalid --tz '%s': no such time zone", tz);
  if (interval)
    {
      double secs;
      if (cc_duration_parse (interval, &secs) != 0 || secs < 1 || secs != (double) (int64_t) secs
          || (secs < 86400 && 86400 % (int64_t) secs != 0)
          || (secs > 86400 && secs != 604800) || (secs > 86400 - 1 && secs < 86400))
        cc_usage_error ("invalid --interval '%s': a divisor of a day (15m, 30m, 1h ...), 1d or 1w",
                        interval);
      r.interval = (int64_t) secs;
    }
  if (since)
    r.have_since = true, r.since = parse_when ("--since", since);
  if (until)
    r.have_until = true, r.until = parse_when ("--until", until);
  src.have_since = r.have_since, src.since = r.since;
  src.have_until = r.have_until, src.until = r.until;
  if (out_fmt == CC_FMT_HTML)
    {
      r.charts = true;
      r.chart_interval = r.interval ? r.interval : 3600;
    }
  if (r.sl_base == SL_OFFERED_SHORT && r.short_secs < 0)
    cc_usage_error ("--sl-base=offered-short needs --short-abandon");
  if (out_fmt == CC_FMT_AUTO)
    out_fmt = isatty (STDOUT_FILENO) && !output ? CC_FMT_TABLE : CC_FMT_CSV;
  if (merge)
    return merge_main (&r, argc - optind, argv + optind, out_fmt, output);
  if (r.list != LIST_NONE && report_opt && !convert)
    cc_usage_error ("--list writes records: it takes no --report or --reopen-window");
  if (r.list != LIST_NONE && (by || r.interval || !r.total) && !ingest)
    cc_usage_error ("--list writes records: it takes no --by, --interval or --no-total");
  if (!by)
    by = r.list != LIST_NONE ? "" : "queue";
  split_list (by, &r.by, &r.nby);
  for (size_t i = 0; i < r.nby; i++)
    if (!*r.by[i])
      cc_usage_error ("invalid --by '%s': empty column name", by);
  report_slots (&r);

  /* A report is written at the end: its file is opened only then, so a run
     that fails leaves an earlier report in place.  A list streams.  */
  if (output && r.list != LIST_NONE)
    cc_stdout_to (output);
  FILE *rej = NULL;
  if (reject && !(rej = fopen (reject, "w")))
    cc_die (CC_EXIT_FAIL, "cannot open %s: %s", reject, strerror (errno));

  if (r.list != LIST_NONE)
    {
      /* Records keep their input order: one thread.  */
      threads = 1;
      r.list_fmt = out_fmt;
      r.list_out = cc_out_new (stdout, out_fmt);
    }
  cc_slots slots = { r.slot_names, r.nslots };
  cc_scan_opts so = { 0 };
  so.format = in_fmt;
  so.slots = &slots;
  so.max_field = max_field;
  so.threads = threads;
  so.reject = rej;
  so.reject_name = reject;
  so.tool = &r;
  so.ctx_new = fold_new;
  so.ctx_merge = fold_merge;
  so.ctx_free = fold_free;
  so.row = fold_row;
  so.header = report_header;
  so.quiet = quiet;

  void *ctx = NULL;
  uint64_t rejected = 0;
  int status = EXIT_SUCCESS;
  cc_srcdiag diag = { 0 };
  cc_qlog_agents agents = { 0 };
  store *st = NULL;
  if (ingest)
    {
      /* Every record with all its fields, in input order, into the store.  */
      if (!(st = store_open (src.db, true)))
        exit (CC_EXIT_FAIL);
      store_set_replace (st, replace);
      so.threads = 1;
      so.row = store_row;
      so.header = NULL;
      ctx = st;
    }
  if (source_run (&src, &so, &ctx, argc - optind, argv + optind, &diag, &agents, &rejected) != 0)
    status = CC_EXIT_FAIL;
  if (src.from == SRC_QLOG || src.from == SRC_CDR)
    r.diag = &diag;
  if (src.from == SRC_QLOG)
    r.qagents = &agents;
  if (ingest)
    {
      uint64_t ins = 0, dups = 0, repl = store_replaced (st);
      if (store_close (st, &ins, &dups) != 0)
        status = CC_EXIT_FAIL;
      else if (status == EXIT_SUCCESS && !quiet && replace)
        cc_err ("%s: %llu record%s stored, %llu replaced, %llu duplicate%s ignored", src.db,
                (unsigned long long) ins, ins == 1 ? "" : "s", (unsigned long long) repl,
                (unsigned long long) dups, dups == 1 ? "" : "s");
      else if (status == EXIT_SUCCESS && !quiet)
        cc_err ("%s: %llu record%s stored, %llu duplicate%s ignored", src.db,
                (unsigned long long) ins, ins == 1 ? "" : "s", (unsigned long long) dups,
                dups == 1 ? "" : "s");
      ctx = NULL;
    }
  if (rej && fclose (rej) != 0)
    cc_die_write (errno);
  if (ingest)
    {
      if (r.diag)
        report_render_diag (r.diag, CC_FMT_CSV, stdout);
    }
  else if (r.list_out && status == EXIT_SUCCESS)
    {
      cc_out_finish (r.list_out);
      if (r.diag)
        report_render_diag (r.diag, CC_FMT_CSV, stdout);
    }
  else if (r.list_out)
    cc_out_discard (r.list_out);
  else if (status == EXIT_SUCCESS)
    {
      if (output)
        cc_stdout_to (output);
      if (partial)
        {
          /* Partial state has no place for a log's diagnostics: they go to
             standard error (and --reject) here, once per part.  */
          report_write_partial (&r, ctx, stdout);
          if (r.diag)
            report_render_diag (r.diag, CC_FMT_CSV, stdout);
        }
      else
        render (&r, ctx, out_fmt);
    }
  cc_srcdiag_free (&diag);
  cc_qlog_agents_free (&agents);
  for (size_t i = 0; i < r.nlist_cols; i++)
    free ((char *) r.list_cols[i].p);
  free (r.list_cols);
  if (rejected)
    cc_err ("%llu record%s rejected (see %s)", (unsigned long long) rejected,
            rejected == 1 ? "" : "s", reject);
  fold_free (&r, ctx);
  for (size_t i = 0; i < r.nwheres; i++)
    {
      cc_regex_free (r.wheres[i].re);
      free (r.wheres[i].field);
    }
  free (r.wheres);
  for (size_t i = 0; i < r.nby; i++)
    free (r.by[i]);
  free (r.by);
  free (r.by_slot);
  free (r.slot_names);
  free (r.buckets);
  vlist *lists[] = { &r.queues, &r.agents, &r.channels };
  for (size_t k = 0; k < 3; k++)
    {
      for (size_t i = 0; i < lists[k]->n; i++)
        free (lists[k]->v[i]);
      free (lists[k]->v);
    }
  return status;
}
