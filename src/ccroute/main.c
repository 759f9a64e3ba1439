/* ccroute: discrete-event simulation of contact-center routing.  This file
   holds the options, usage() and main(); the model is read by config.c and
   roster.c, simulated by sim.c (arrivals in arrivals.c, the summary in
   summary.c), and 'ccroute erlang' lives in erlang.c.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_time.h"
#include "closeout.h"
#include "erlang.h"
#include "model.h"
#include "sim.h"

#define PROGRAM_NAME "ccroute"

/* Long-only options.  */
enum
{
  OPT_GENERATE = CHAR_MAX + 1,
  OPT_START,
  OPT_END,
  OPT_DURATION,
  OPT_CALLS,
  OPT_SEED,
  OPT_AGENT_LOG,
  OPT_SUMMARY,
  OPT_BATCHES,
  OPT_WARMUP,
  OPT_SL,
  OPT_TZ,
  OPT_INPUT_FORMAT,
  OPT_OUTPUT_FORMAT,
  OPT_REJECT,
  OPT_MAX_FIELD,
  OPT_REORDER,
  OPT_HELP,
  OPT_VERSION
};

static const struct option long_options[] = {
  { "config", required_argument, NULL, 'c' },
  { "roster", required_argument, NULL, 'r' },
  { "generate", no_argument, NULL, OPT_GENERATE },
  { "start", required_argument, NULL, OPT_START },
  { "end", required_argument, NULL, OPT_END },
  { "duration", required_argument, NULL, OPT_DURATION },
  { "calls", required_argument, NULL, OPT_CALLS },
  { "seed", required_argument, NULL, OPT_SEED },
  { "agent-log", required_argument, NULL, OPT_AGENT_LOG },
  { "summary", no_argument, NULL, OPT_SUMMARY },
  { "batches", required_argument, NULL, OPT_BATCHES },
  { "warmup", required_argument, NULL, OPT_WARMUP },
  { "sl", required_argument, NULL, OPT_SL },
  { "tz", required_argument, NULL, OPT_TZ },
  { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
  { "output-format", required_argument, NULL, OPT_OUTPUT_FORMAT },
  { "output", required_argument, NULL, 'o' },
  { "reject", required_argument, NULL, OPT_REJECT },
  { "max-field-size", required_argument, NULL, OPT_MAX_FIELD },
  { "reorder-window", required_argument, NULL, OPT_REORDER },
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
  printf ("Usage: %s [OPTION]... --config=FILE [FILE]...\n"
          "  or:  %s [OPTION]... --config=FILE --generate\n"
          "  or:  %s check --config=FILE [--roster=FILE]\n"
          "  or:  %s erlang [OPTION]... [FORECAST]...\n",
          PROGRAM_NAME, PROGRAM_NAME, PROGRAM_NAME, PROGRAM_NAME);
  static const char text[] = "\
Simulate the routing of a contact center: queues, agents with skills and\n\
channel capacity, routing strategies, overflow, ring-no-answer and\n\
abandonment, over the arrivals of interaction records (CSV or JSON Lines;\n\
with no FILE, or when FILE is -, standard input) or over generated arrivals.\n\
Writes every interaction as a record with its simulated answered_at, agent,\n\
ended_at, outcome, wait_s and handle_s, for ccreport.\n\
'ccroute check' reads the configuration and roster and reports mistakes.\n\
'ccroute erlang' computes Erlang B, C and A figures and staffing (see\n\
'ccroute erlang --help').\n\
\n\
Model:\n\
  -c, --config=FILE        the queues and their rules (see ccroute(1))\n\
  -r, --roster=FILE        the agents: skills, channels, shifts (CSV or JSONL)\n\
      --tz=ZONE            the zone of daily times in the files and of output\n\
                             times (IANA name; default UTC)\n\
\n\
Arrivals:\n\
      --generate           generate arrivals from the rates in the\n\
                             configuration instead of reading records\n\
      --start=TIME         generate from TIME (RFC 3339, epoch seconds or\n\
                             YYYY-MM-DD; default 2000-01-01 in --tz)\n\
      --end=TIME           generate arrivals before TIME\n\
      --duration=DUR       generate for DUR (default 1d, unless --calls)\n\
      --calls=N            stop after N generated arrivals\n\
      --seed=N             seed of the random numbers (default 1); the same\n\
                             seed gives the same output byte for byte\n\
      --reorder-window=DUR records may come up to DUR out of arrival order\n\
                             (default 1h)\n\
\n\
Output:\n\
      --summary            write figures per queue instead of records\n\
      --batches=K          summary: K batch means and 95% confidence\n\
                             half-widths of each figure\n\
      --warmup=DUR         summary: leave out interactions that arrive in\n\
                             the first DUR\n\
      --sl=DUR             summary: service-level threshold (default: the\n\
                             configuration's sl, else 20)\n\
      --agent-log=FILE     write every agent's states (logged_in, ringing,\n\
                             talk, wrapup, paused) as spans to FILE\n\
      --input-format=FMT   auto, csv or jsonl (default auto)\n\
      --output-format=FMT  csv, jsonl, table or markdown (default: table on a\n\
                             terminal for --summary, csv otherwise)\n\
  -o, --output=FILE        write to FILE\n\
      --reject=FILE        keep going past bad records, writing each to FILE\n\
                             after a '# FILE:LINE: reason' line\n\
      --max-field-size=N   refuse fields longer than N bytes (default 1048576)\n\
  -q, --quiet              no progress line on a terminal\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 bad input, a bad configuration or roster, or a\n\
runtime failure, 2 usage error.\n\
See ccroute(1) for the configuration and roster formats and cc-records(5)\n\
for the record format.\n\
";
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (status);
}

/* Parse a time option: a timestamp, or a date meaning its midnight in --tz.  */
static cc_usec
parse_when (const char *opt, const char *s)
{
  cc_usec t;
  if (cc_time_parse_when (s, &t) != 0)
    cc_usage_error ("invalid %s '%s': use RFC 3339, epoch seconds or YYYY-MM-DD", opt, s);
  return t;
}

/* Parse a duration option (seconds or 90s, 15m, 2h, 1d, 1w).  */
static double
parse_dur (const char *opt, const char *s, bool zero_ok)
{
  double v;
  if (zero_ok && strcmp (s, "0") == 0)
    return 0;
  if (cc_duration_parse (s, &v) != 0 || v > RT_MAX_DUR)
    cc_usage_error ("invalid %s '%s': a duration such as 90, 15m, 2h or 1d is needed", opt, s);
  return v;
}

/* Parse a whole number option in [LO, HI].  */
static int64_t
parse_int (const char *opt, const char *s, int64_t lo, int64_t hi)
{
  int64_t v;
  if (cc_num_parse_int (s, strlen (s), &v) != 0 || v < lo || v > hi)
    cc_usage_error ("invalid %s '%s': a whole number from %lld to %lld is needed", opt, s,
                    (long long) lo, (long long) hi);
  return v;
}


/* Print the model summary of 'ccroute check'.  */
static void
check_print (const rt_model *m)
{
  size_t unserved = 0;
  for (size_t i = 0; i < m->nqueues; i++)
    unserved += !m->queues[i].served;
  printf ("%s: %zu queue%s, %zu agent%s, %zu skill%s, %zu channel%s", m->conf_path, m->nqueues,
          m->nqueues == 1 ? "" : "s", m->nagents, m->nagents == 1 ? "" : "s", m->nskills,
          m->nskills == 1 ? "" : "s", m->nchannels, m->nchannels == 1 ? "" : "s");
  if (unserved)
    printf (", %zu queue%s without agents", unserved, unserved == 1 ? "" : "s");
  printf ("\n");
}

int
main (int argc, char **argv)
{
  cc_diag_init (PROGRAM_NAME);
  atexit (close_stdout);
  if (argc > 1 && strcmp (argv[1], "erlang") == 0)
    return rt_erlang_main (argc - 1, argv + 1);
  bool check = argc > 1 && strcmp (argv[1], "check") == 0;
  if (check)
    {
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  argv[0] = (char *) PROGRAM_NAME;

  const char *conf = NULL, *roster = NULL, *tz = NULL, *start = NULL, *end = NULL;
  const char *output = NULL, *reject = NULL;
  double duration = NAN;
  bool fmt_given = false, run_opt = false, gen_opt = false, replay_opt = false;
  rt_run_opts o = { 0 };
  o.seed = 1;
  o.sl_s = NAN;
  o.reorder_s = 3600;
  o.end = INT64_MAX;
  int c;
  while ((c = getopt_long (argc, argv, "c:r:o:q", long_options, NULL)) != -1)
    {
      switch (c)
        {
        case 'c':
          conf = optarg;
          break;
        case 'r':
          roster = optarg;
          break;
        case OPT_GENERATE:
          o.generate = true;
          run_opt = true;
          break;
        case OPT_START:
          start = optarg;
          gen_opt = true;
          break;
        case OPT_END:
          end = optarg;
          gen_opt = true;
          break;
        case OPT_DURATION:
          duration = parse_dur ("--duration", optarg, false);
          gen_opt = true;
          break;
        case OPT_CALLS:
          o.calls = (uint64_t) parse_int ("--calls", optarg, 1, INT64_C (1000000000000));
          gen_opt = true;
          break;
        case OPT_SEED:
          {
            uint64_t v = 0;
            const char *p = optarg;
            if (!*p || strlen (p) > 20)
              cc_usage_error ("invalid --seed '%s': a whole number from 0 to 2^64-1 is needed",
                              optarg);
            for (; *p; p++)
              {
                if (*p < '0' || *p > '9' || v > (UINT64_MAX - (uint64_t) (*p - '0')) / 10)
                  cc_usage_error (
                    "invalid --seed '%s': a whole number from 0 to 2^64-1 is needed", optarg);
                v = v * 10 + (uint64_t) (*p - '0');
              }
            o.seed = v;
            run_opt = true;
          }
          break;
        case OPT_AGENT_LOG:
          o.agent_log = optarg;
          run_opt = true;
          break;
        case OPT_SUMMARY:
          o.summary = true;
          run_opt = true;
          break;
        case OPT_BATCHES:
          o.batches = (int) parse_int ("--batches", optarg, 2, 1000);
          run_opt = true;
          break;
        case OPT_WARMUP:
          o.warmup_s = parse_dur ("--warmup", optarg, true);
          run_opt = true;
          break;
        case OPT_SL:
          o.sl_s = parse_dur ("--sl", optarg, true);
          if (o.sl_s > 86400)
            cc_usage_error ("invalid --sl '%s': a duration of at most a day is needed", optarg);
          run_opt = true;
          break;
        case OPT_TZ:
          tz = optarg;
          break;
        case OPT_INPUT_FORMAT:
          if (cc_format_parse (optarg, &o.in_fmt) != 0 || o.in_fmt > CC_FMT_JSONL)
            cc_usage_error ("invalid --input-format '%s': auto, csv or jsonl", optarg);
          run_opt = replay_opt = true;
          break;
        case OPT_OUTPUT_FORMAT:
          if (cc_format_parse (optarg, &o.out_fmt) != 0 || o.out_fmt == CC_FMT_AUTO
              || o.out_fmt == CC_FMT_HTML)
            cc_usage_error ("invalid --output-format '%s': csv, jsonl, table or markdown",
                            optarg);
          fmt_given = true;
          run_opt = true;
          break;
        case 'o':
          output = optarg;
          run_opt = true;
          break;
        case OPT_REJECT:
          reject = optarg;
          run_opt = replay_opt = true;
          break;
        case OPT_MAX_FIELD:
          o.max_field = (size_t) parse_int ("--max-field-size", optarg, 1, 1 << 30);
          run_opt = replay_opt = true;
          break;
        case OPT_REORDER:
          o.reorder_s = parse_dur ("--reorder-window", optarg, true);
          run_opt = replay_opt = true;
          break;
        case 'q':
          o.quiet = true;
          break;
        case OPT_HELP:
          usage (EXIT_SUCCESS);
        case OPT_VERSION:
          cc_print_version (PROGRAM_NAME);
          return EXIT_SUCCESS;
        default:
          usage (CC_EXIT_USAGE);
        }
    }

  if (!conf)
    cc_usage_error ("--config is required");
  if (check && (run_opt || gen_opt || optind < argc))
    cc_usage_error ("check takes only --config, --roster and --tz");
  if (o.generate && optind < argc)
    cc_usage_error ("--generate reads no files");
  if (o.generate && replay_opt)
    cc_usage_error ("--input-format, --reject, --max-field-size and --reorder-window apply "
                    "to replayed records, not to --generate");
  if (gen_opt && !o.generate)
    cc_usage_error ("--start, --end, --duration and --calls need --generate");
  if (end && !isnan (duration))
    cc_usage_error ("--end and --duration cannot be used together");
  if ((o.batches || o.warmup_s > 0 || !isnan (o.sl_s)) && !o.summary)
    cc_usage_error ("--batches, --warmup and --sl need --summary");
  if (tz && cc_tz_set (tz) != 0)
    cc_usage_error ("unknown time zone '%s'", tz);

  if (o.generate)
    {
      o.start = start ? parse_when ("--start", start) : parse_when ("--start", "2000-01-01");
      if (end)
        {
          o.end = parse_when ("--end", end);
          if (o.end <= o.start)
            cc_usage_error ("--end must be after --start");
        }
      else if (!isnan (duration))
        o.end = o.start + (cc_usec) llround (duration * 1e6);
      else if (!o.calls)
        o.end = o.start + INT64_C (86400) * CC_USEC_PER_SEC;
    }

  rt_model m;
  if (rt_model_load (&m, conf, roster) != 0)
    return CC_EXIT_FAIL;
  if (check)
    {
      check_print (&m);
      rt_model_free (&m);
      return EXIT_SUCCESS;
    }

  if (!fmt_given)
    o.out_fmt = o.summary && isatty (STDOUT_FILENO) && !output ? CC_FMT_TABLE : CC_FMT_CSV;
  FILE *rej = NULL;
  if (reject)
    {
      rej = fopen (reject, "w");
      if (!rej)
        cc_die (CC_EXIT_FAIL, "cannot open %s: %s", reject, strerror (errno));
      o.reject = rej;
      o.reject_name = reject;
    }
  if (output)
    cc_stdout_to (output);
  o.out = stdout;
  char *dash[] = { (char *) "-" };
  int status = optind < argc ? rt_run (&m, &o, argv + optind, argc - optind)
                             : rt_run (&m, &o, dash, 1);
  if (rej && fclose (rej) != 0)
    cc_die (CC_EXIT_FAIL, "write error: %s: %s", reject, strerror (errno));
  rt_model_free (&m);
  return status;
}
