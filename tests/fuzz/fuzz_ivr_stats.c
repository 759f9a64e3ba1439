/* fuzz_ivr_stats: libFuzzer harness for the traffic reader and DOT writer
   of 'ccivr-sim dot --stats' (src/ccivr-sim/dot.c, dotstats.h).

   A fixed menu (below: every node type, a repeat option, an option and a
   fall-back to the same node, hours branches to the same node, goto
   "@parent", hangup_as, sim.hangup_after_self_service, and a node called
   HANGUP) is loaded once.  The input is read twice as the records of a run:
   - through iv_traffic_read (cc_scan, CSV or JSON Lines detected) from an
     in-memory file;
   - line by line, each line cut at tabs into ivr_path, ivr_keys, exit_node
     and exit_reason, handed to iv_traffic_add directly (a missing field is
     absent, an empty one null), so the reconstruction sees any bytes.
   Checks:
   - no crash, leak, undefined behaviour or timeout, whatever the input;
   - a refused record changes no count;
   - per node: every visit is followed by one transition or ends the call
     (edges + repeats + retries + @parent jumps + ends = visits), each edge
     at most the visits, calls at most visits and at most the records, no
     visit without a call; terminals have no transitions nor system ends,
     other nodes no own exits;
   - the ends add up to the records, and every record passes the start node;
   - the DOT text is the same when written twice, has balanced quotes on
     every line and ends with "}\n"; an empty traffic draws every node, and
     without traffic the writer gives the same bytes as at start-up.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
// FUZZ_SOURCES: src/ccivr-sim/menu.c src/ccivr-sim/lint.c src/ccivr-sim/load.c src/ccivr-sim/dot.c
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/ccivr-sim/dotstats.h"
#include "../../src/ccivr-sim/menu.h"
#include "cc_diag.h"

#define FUZZ_NAME "fuzz_ivr_stats"
#include "fuzz_common.h"

/* The tool's messages go to /dev/null (set FUZZ_VERBOSE to see them); a
   failed check is reported here.  */
static FILE *real_stderr;
#undef CHECK
#define CHECK(c)                                                                                   \
  do                                                                                               \
    {                                                                                              \
      if (!(c))                                                                                    \
        {                                                                                          \
          fprintf (real_stderr, FUZZ_NAME ": invariant failed: %s (%s:%d)\n", #c, __FILE__,        \
                   __LINE__);                                                                      \
          abort ();                                                                                \
        }                                                                                          \
    }                                                                                              \
  while (0)

static const char menu_text[]
    = "{\"format\": \"ccivr/1\", \"id\": \"fuzz\", \"start\": \"hi\",\n"
      " \"sim\": {\"hangup_after_self_service\": \"contained\"},\n"
      " \"calendars\": {\"c\": {\"weekly\": [{\"days\": \"mon-fri\", \"open\": \"08:00\", "
      "\"close\": \"18:00\"}]}},\n"
      " \"nodes\": {\n"
      "  \"hi\": {\"type\": \"prompt\", \"prompt_s\": 1, \"p_hangup\": 0.05, \"next\": \"hrs\"},\n"
      "  \"hrs\": {\"type\": \"hours\", \"calendar\": \"c\", \"open\": \"top\", \"closed\": "
      "\"night\", \"holiday\": \"night\"},\n"
      "  \"top\": {\"type\": \"menu\", \"prompt_s\": 2, \"p_noinput\": 0.1, \"p_nomatch\": 0.1, "
      "\"p_hangup\": 0.05,\n"
      "          \"options\": {\"1\": {\"next\": \"pin\"}, \"2\": {\"next\": \"sub\"}, \"0\": "
      "{\"next\": \"q\"},\n"
      "                      \"*\": {\"action\": \"repeat\", \"p\": 0.05}},\n"
      "          \"on_noinput\": \"q\", \"on_nomatch\": \"q\"},\n"
      "  \"sub\": {\"type\": \"menu\", \"prompt_s\": 2, \"p_noinput\": 0.1, \"p_nomatch\": 0.1, "
      "\"p_hangup\": 0.05,\n"
      "          \"options\": {\"1\": {\"next\": \"ss\"}, \"2\": {\"next\": \"HANGUP\"}, \"#\": "
      "{\"next\": \"back\"},\n"
      "                      \"*\": {\"action\": \"repeat\", \"p\": 0.05}},\n"
      "          \"on_noinput\": \"top\", \"on_nomatch\": \"ss\"},\n"
      "  \"pin\": {\"type\": \"input\", \"digits\": {\"min\": 4, \"max\": 4}, \"p_valid\": 0.7, "
      "\"p_noinput\": 0.1,\n"
      "          \"p_nomatch\": 0.1, \"p_hangup\": 0.1, \"on_valid\": \"ss\", \"on_noinput\": "
      "\"q\", \"on_nomatch\": \"q\"},\n"
      "  \"ss\": {\"type\": \"selfservice\", \"task\": \"t\", \"p_complete\": 0.6, \"p_fail\": "
      "0.3, \"p_hangup\": 0.1,\n"
      "         \"on_complete\": \"more\", \"on_fail\": \"q\"},\n"
      "  \"more\": {\"type\": \"menu\", \"prompt_s\": 2, \"p_noinput\": 0.3, \"p_hangup\": 0.3,\n"
      "           \"options\": {\"1\": {\"next\": \"top\"}, \"0\": {\"next\": \"q\"}},\n"
      "           \"max_noinput\": 0, \"on_noinput\": \"done\", \"on_nomatch\": \"done\"},\n"
      "  \"back\": {\"type\": \"goto\", \"target\": \"@parent\"},\n"
      "  \"night\": {\"type\": \"menu\", \"prompt_s\": 2, \"hangup_as\": \"after_hours\", "
      "\"p_noinput\": 0.2,\n"
      "            \"p_nomatch\": 0.1, \"p_hangup\": 0.2,\n"
      "            \"options\": {\"1\": {\"next\": \"vm\"}}, \"on_noinput\": \"vm\", "
      "\"on_nomatch\": \"gone\"},\n"
      "  \"q\": {\"type\": \"queue\", \"queue\": \"q\", \"skill\": \"s\", \"prompt_s\": 1},\n"
      "  \"vm\": {\"type\": \"voicemail\", \"mailbox\": \"m\", \"prompt_s\": 1},\n"
      "  \"gone\": {\"type\": \"hangup\", \"reason\": \"closed\"},\n"
      "  \"done\": {\"type\": \"end\", \"outcome\": \"self_service\"},\n"
      "  \"HANGUP\": {\"type\": \"transfer\", \"number\": \"+15550100\"}\n"
      " }}\n";

static iv_menu menu;    /* the menu, loaded once */
static char *plain_dot; /* its DOT text without traffic */
static size_t plain_len;
static int fd = -1;   /* the in-memory input */
static char path[64]; /* its name */

/* A hash of every count of T, to see that a refusal changed none.  */
static uint64_t
counts_hash (const iv_traffic *t)
{
  uint64_t h = fnv (&t->calls, sizeof t->calls);
  for (size_t i = 0; i < menu.nnodes; i++)
    {
      const iv_ntraffic *x = &t->n[i];
      uint64_t v[8] = { x->visits, x->calls,  x->retries, x->hangups,
                        x->exits,  x->system, x->loops,   x->nparent };
      h ^= fnv (v, sizeof v) + i;
      h ^= fnv (x->edge, x->nedges * sizeof *x->edge) * 3;
      h ^= fnv (x->repeat, menu.nodes[i].noptions * sizeof *x->repeat) * 5;
      for (size_t k = 0; k < x->nparent; k++)
        h ^= fnv (&x->parent[k], sizeof x->parent[k]) * (k + 7);
      h *= UINT64_C (0x100000001B3);
    }
  return h;
}

/* The invariants of the counts in T.  */
static void
check_counts (const iv_traffic *t)
{
  uint64_t ends = 0;
  for (size_t i = 0; i < menu.nnodes; i++)
    {
      const iv_node *nd = &menu.nodes[i];
      const iv_ntraffic *x = &t->n[i];
      uint64_t sum = x->retries + x->hangups + x->exits + x->system + x->loops;
      for (size_t k = 0; k < x->nedges; k++)
        {
          CHECK (x->edge[k] <= x->visits);
          sum += x->edge[k];
        }
      for (size_t k = 0; k < nd->noptions; k++)
        {
          CHECK (x->repeat[k] == 0 || nd->options[k].repeat);
          sum += x->repeat[k];
        }
      for (size_t k = 0; k < x->nparent; k++)
        {
          CHECK (nd->type == IV_GOTO && x->parent[k].n > 0);
          CHECK (x->parent[k].node >= 0 && (size_t)x->parent[k].node < menu.nnodes);
          sum += x->parent[k].n;
        }
      CHECK (sum == x->visits);
      CHECK (x->calls <= x->visits && x->calls <= t->calls);
      CHECK ((x->visits == 0) == (x->calls == 0));
      CHECK (x->hangups <= x->calls);
      if (nd->type != IV_MENU && nd->type != IV_INPUT)
        CHECK (x->retries == 0);
      if (iv_type_terminal (nd->type))
        CHECK (x->system == 0 && x->loops == 0 && x->exits + x->hangups == x->visits);
      else
        CHECK (x->exits == 0);
      ends += x->hangups + x->exits + x->system + x->loops;
    }
  CHECK (ends == t->calls);
  CHECK (t->n[menu.start.node].calls == t->calls);
}

/* The DOT text of T (NULL: no traffic); *LEN its length.  */
static char *
dot_text (const iv_traffic *t, size_t *len)
{
  cc_buf b = { 0 };
  iv_dot_write (&menu, t, &b);
  *len = b.n;
  return b.p;
}

/* The invariants of a DOT text.  */
static void
check_dot (const char *p, size_t n)
{
  CHECK (n >= 2 && memcmp (p + n - 2, "}\n", 2) == 0);
  size_t quotes = 0, nodes = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (p[i] == '\\')
        {
          CHECK (i + 1 < n && p[i + 1] != '\n');
          i++;
          continue;
        }
      if (p[i] == '"')
        quotes++;
      if (p[i] == '\n')
        {
          CHECK (quotes % 2 == 0);
          quotes = 0;
        }
      if (p[i] == '[' && i >= 2 && p[i - 1] == ' ' && p[i - 2] == '"')
        nodes += n - i > 6 && memcmp (p + i, "[shape=", 7) == 0;
    }
  CHECK (nodes >= menu.nnodes);
}

/* Write and check the DOT text of T twice.  */
static void
check_writer (const iv_traffic *t)
{
  size_t n1, n2;
  char *a = dot_text (t, &n1), *b = dot_text (t, &n2);
  CHECK (n1 == n2 && memcmp (a, b, n1) == 0);
  check_dot (a, n1);
  free (a);
  free (b);
}

/* Feed DATA line by line to iv_traffic_add.  */
static void
direct (const uint8_t *data, size_t size)
{
  iv_traffic t;
  iv_traffic_init (&t, &menu);
  for (size_t s = 0; s < size;)
    {
      size_t e = s;
      while (e < size && data[e] != '\n')
        e++;
      /* Values hold no NUL (the readers' promise).  */
      if (!memchr (data + s, 0, e - s))
        {
          cc_val v[4];
          const cc_val *pv[4] = { NULL, NULL, NULL, NULL };
          size_t f = 0, q = s;
          for (; f < 4 && q <= e; f++)
            {
              size_t r = q;
              while (r < e && data[r] != '\t')
                r++;
              v[f]
                  = (cc_val){ (const char *)data + q, (uint32_t)(r - q), r > q ? CC_STR : CC_NULL };
              pv[f] = &v[f];
              q = r + 1;
            }
          uint64_t before = counts_hash (&t), calls = t.calls;
          const char *why = iv_traffic_add (&t, pv[0], pv[1], pv[2], pv[3]);
          if (why)
            {
              CHECK (why[0] && !strchr (why, '\n'));
              CHECK (t.calls == calls && counts_hash (&t) == before);
            }
          else
            CHECK (t.calls == calls + 1);
        }
      s = e + 1;
    }
  check_counts (&t);
  check_writer (&t);
  iv_traffic_free (&t);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  real_stderr = stderr;
  if (!getenv ("FUZZ_VERBOSE"))
    {
      FILE *null = fopen ("/dev/null", "w");
      if (null)
        stderr = null;
    }
  cc_diag_init ("ccivr-sim");
  iv_findings f = { 0 };
  char *text = dup_exact (menu_text, sizeof menu_text - 1);
  CHECK (iv_menu_load (&menu, "menu.json", text, sizeof menu_text - 1, &f) == 0);
  free (text);
  iv_lint (&menu, &f);
  CHECK (f.nerrors == 0);
  iv_findings_free (&f);
  plain_dot = dot_text (NULL, &plain_len);
  check_dot (plain_dot, plain_len);
  /* No records: every node drawn with 0 visits.  */
  iv_traffic t;
  iv_traffic_init (&t, &menu);
  check_counts (&t);
  check_writer (&t);
  iv_traffic_free (&t);
  fd = memfd_create (FUZZ_NAME, MFD_CLOEXEC);
  if (fd < 0)
    {
      char tmpl[] = "/tmp/fuzz_ivr_stats.XXXXXX";
      fd = mkstemp (tmpl);
      if (fd >= 0)
        unlink (tmpl);
    }
  if (fd < 0)
    {
      fprintf (real_stderr, FUZZ_NAME ": cannot create the input file: %s\n", strerror (errno));
      abort ();
    }
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CHECK (ftruncate (fd, 0) == 0);
  for (size_t off = 0; off < size;)
    {
      ssize_t k = pwrite (fd, data + off, size - off, (off_t)off);
      CHECK (k > 0);
      off += (size_t)k;
    }
  /* Through the scanner, twice: the same counts.  */
  iv_traffic a, b;
  iv_traffic_init (&a, &menu);
  iv_traffic_init (&b, &menu);
  int ra = iv_traffic_read (&a, path, CC_FMT_AUTO);
  int rb = iv_traffic_read (&b, path, CC_FMT_AUTO);
  CHECK (ra == 0 || ra == -1);
  CHECK (ra == rb && a.calls == b.calls && counts_hash (&a) == counts_hash (&b));
  check_counts (&a);
  check_writer (&a);
  iv_traffic_free (&a);
  iv_traffic_free (&b);
  direct (data, size);
  /* Without traffic, the menu alone, as ever.  */
  size_t n;
  char *p = dot_text (NULL, &n);
  CHECK (n == plain_len && memcmp (p, plain_dot, n) == 0);
  free (p);
  return 0;
}
