/* fuzz_route_sim: libFuzzer harness for ccroute's replay path and simulator.

   The input is a record file (CSV or JSON Lines, detected) replayed through a
   fixed model that uses most routing features: levels and expansion, extra
   skills, ring-no-answer with retry and pause, answer delays, wrap-up,
   timeouts to another queue, voicemail and callback, a queue length limit,
   join-empty refusal, shifts, chat capacity, a template queue for unknown
   names, and every strategy.  Each input runs with a reject stream three
   times: records as JSON Lines twice with the same seed, and the summary.
   Checks:
   - the run succeeds (bad records go to the reject stream), unless the input
     is unreadable as a whole (a bad CSV header): then every run fails alike;
   - the same seed gives the same bytes;
   - the summary's TOTAL offered equals the number of records written.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
// FUZZ_SOURCES: src/ccroute/config.c src/ccroute/roster.c src/ccroute/sim.c
#define _GNU_SOURCE 1
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/ccroute/model.h"
#include "../../src/ccroute/sim.h"
#include "cc_diag.h"

#define FUZZ_NAME "fuzz_route_sim"
#include "fuzz_common.h"

static FILE *real_stderr;
static int fd = -1;   /* the in-memory input */
static char path[64]; /* its name for the reader */

static const char config[] = "[sim]\n"
                             "default_queue = billing\n"
                             "[queue *]\n"
                             "handle = fixed:30\n"
                             "[queue billing]\n"
                             "strategy = longest-idle\n"
                             "expand = 10:1, 20:5\n"
                             "timeout = 40\n"
                             "on_timeout = queue:sales\n"
                             "rna = 0.2\n"
                             "retry = 2\n"
                             "rna_pause = 3\n"
                             "wrapup = 2\n"
                             "handle = exp:20\n"
                             "patience = exp:60\n"
                             "agents = 2\n"
                             "[queue sales]\n"
                             "strategy = round-robin\n"
                             "maxlen = 3\n"
                             "on_full = voicemail\n"
                             "timeout = 30\n"
                             "on_timeout = callback\n"
                             "handle = lognormal:20,10\n"
                             "answer_delay = uniform:0,2\n"
                             "agents = 1\n"
                             "[queue support]\n"
                             "strategy = weighted-random\n"
                             "join_empty = no\n"
                             "on_empty = overflow\n"
                             "handle = fixed:15\n"
                             "[queue chat]\n"
                             "channel = chat\n"
                             "strategy = fewest-calls\n"
                             "handle = exp:40\n"
                             "agents = 1\n"
                             "capacity = 3\n"
                             "[queue r]\n"
                             "strategy = random\n"
                             "handle = fixed:5\n"
                             "agents = 1\n"
                             "[queue ra]\n"
                             "strategy = ring-all\n"
                             "handle = fixed:5\n"
                             "agents = 2\n"
                             "[queue lin]\n"
                             "strategy = linear\n"
                             "handle = fixed:5\n"
                             "agents = 2\n"
                             "[queue lt]\n"
                             "strategy = least-talk-time\n"
                             "handle = fixed:5\n"
                             "agents = 2\n";

static char *cfg_path;

/* Run once: records (SUMMARY false) or the summary, into a string; *RC is
   rt_run's status.  */
static char *
run (bool summary, size_t *len, int *rc)
{
  rt_model m;
  CHECK (rt_model_load (&m, cfg_path, NULL) == 0);
  char *buf = NULL;
  size_t n = 0;
  FILE *out = open_memstream (&buf, &n);
  CHECK (out);
  FILE *rej = fopen ("/dev/null", "w");
  CHECK (rej);
  rt_run_opts o;
  memset (&o, 0, sizeof o);
  o.seed = 7;
  o.end = INT64_MAX;
  o.summary = summary;
  o.sl_s = NAN;
  o.in_fmt = CC_FMT_AUTO;
  o.out_fmt = CC_FMT_JSONL;
  o.out = out;
  o.reject = rej;
  o.reject_name = "reject";
  o.max_field = 256;
  o.reorder_s = 60;
  o.quiet = true;
  char *files[] = { path };
  *rc = rt_run (&m, &o, files, 1);
  CHECK (fclose (out) == 0);
  fclose (rej);
  rt_model_free (&m);
  *len = n;
  return buf;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  real_stderr = stderr;
  if (!getenv ("FUZZ_VERBOSE"))
    {
      FILE *null = fopen ("/dev/null", "w");
      if (null)
        stderr = null;
    }
  cc_diag_init ("ccroute");
  fd = memfd_create ("fuzz_route_sim", MFD_CLOEXEC);
  CHECK (fd >= 0);
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  /* The configuration, in its own file.  */
  char tmpl[] = "/tmp/fuzz_route_sim.XXXXXX";
  int cfd = mkstemp (tmpl);
  CHECK (cfd >= 0);
  CHECK (write (cfd, config, sizeof config - 1) == (ssize_t) (sizeof config - 1));
  close (cfd);
  cfg_path = strdup (tmpl);
  CHECK (cfg_path);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CHECK (ftruncate (fd, 0) == 0);
  for (size_t off = 0; off < size;)
    {
      ssize_t k = pwrite (fd, data + off, size - off, (off_t) off);
      CHECK (k > 0);
      off += (size_t) k;
    }
  size_t n1, n2, n3;
  int r1, r2, r3;
  char *a = run (false, &n1, &r1);
  char *b = run (false, &n2, &r2);
  CHECK (r1 == r2);
  CHECK (n1 == n2 && memcmp (a, b, n1) == 0);
  char *c = run (true, &n3, &r3);
  CHECK (r3 == r1);
  if (r1 != 0)
    {
      /* Only a header the reader refuses stops a run with a reject stream.  */
      CHECK (n1 == 0);
      free (a);
      free (b);
      free (c);
      return 0;
    }
  /* Records written = TOTAL offered of the summary.  */
  size_t records = 0;
  for (size_t i = 0; i < n1; i++)
    records += a[i] == '\n';
  const char *tot = strstr (c, "\"queue\":\"TOTAL\"");
  CHECK (tot);
  const char *off = strstr (tot, "\"offered\":");
  CHECK (off);
  CHECK (strtoull (off + 10, NULL, 10) == records);
  free (a);
  free (b);
  free (c);
  return 0;
}
