/* fuzz_route_conf: libFuzzer harness for the ccroute model loader (the
   configuration file of src/ccroute/config.c and the roster of roster.c).

   The input is a configuration, optionally followed by a line "%%" and a
   roster (CSV or JSON Lines).  The configuration is handed to
   rt_model_load_mem in a block of exactly its size (so ASan sees a read
   past its end); the roster is written to an in-memory file that cc_scan
   reads as a regular file.  Inputs that name an empirical file are skipped
   (a fuzzer could name /dev/zero), as are those asking for more than 10000
   synthetic agents (memory, not bugs).  Checks, after a load that succeeds:
   - every index is in range: skills, channels, targets (never the queue
     itself), default_queue;
   - names are unique and found by rt_model_queue, rt_model_skill and
     rt_model_channel; channel 0 is voice, channel names are lower case;
   - values are within the documented ranges: timeouts, probabilities,
     levels, capacities, weights; expansion times and levels increase from
     start_level; rate steps increase within the day; rate implies handle;
   - agents' skills are sorted and unique, every queue they serve has
     capacity on its channel, their shift spans are well formed, sorted and
     disjoint; served is true exactly when an agent has the queue's skill;
   - a second load of the same input gives the same model (counts, names);
   - rt_model_add_queue of a new name works exactly when there is a template;
   and after a load that fails, the model is empty.  rt_parse_rate is fed
   the input's first line.  Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
// FUZZ_SOURCES: src/ccroute/config.c src/ccroute/roster.c
#define _GNU_SOURCE 1
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cc_diag.h"
#include "model.h"

#define FUZZ_NAME "fuzz_route_conf"
#include "fuzz_common.h"

static FILE *real_stderr; /* our own messages; stderr goes to /dev/null */
static int fd = -1;       /* the in-memory roster */
static char path[64];     /* its name */

/* True when the text asks for more than 10000 synthetic agents in all (a
   rough count: every number after "agents").  */
static int
too_many_agents (const char *p, size_t n)
{
  double total = 0;
  for (size_t i = 0; i + 6 <= n; i++)
    if (memcmp (p + i, "agents", 6) == 0)
      {
        size_t k = i + 6;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '='))
          k++;
        double v = 0;
        while (k < n && p[k] >= '0' && p[k] <= '9')
          v = v * 10 + (p[k++] - '0');
        total += v;
      }
  return total > 10000;
}

/* Check everything the simulator relies on in M.  */
static void
check_model (const rt_model *m)
{
  CHECK (m->nchannels >= 1 && m->nchannels <= RT_MAX_CHANNELS);
  CHECK (strcmp (m->channels[0], "voice") == 0);
  for (size_t i = 0; i < m->nchannels; i++)
    {
      const char *c = m->channels[i];
      CHECK (*c);
      for (const char *p = c; *p; p++)
        CHECK (!(*p >= 'A' && *p <= 'Z') && *p != ':' && *p != ';');
      CHECK (rt_model_channel (m, c, strlen (c)) == (int) i);
    }
  for (size_t i = 0; i < m->nskills; i++)
    CHECK (rt_model_skill (m, m->skills[i], strlen (m->skills[i])) == (int) i);
  CHECK (m->nqueues >= 1 || m->template);
  CHECK (m->default_queue >= -1 && m->default_queue < (int) m->nqueues);
  CHECK (m->sl_s >= 0 && isfinite (m->sl_s));
  bool *has = calloc (m->nskills + 1, sizeof *has);
  CHECK (has);
  for (size_t i = 0; i < m->nagents; i++)
    {
      const rt_agent *a = &m->agents[i];
      CHECK (a->name && *a->name && a->file && a->line >= 1);
      for (size_t k = 0; k < a->nskills; k++)
        {
          const rt_agent_skill *s = &a->skills[k];
          CHECK (s->skill >= 0 && (size_t) s->skill < m->nskills);
          CHECK (s->level >= 0 && s->level <= RT_LEVEL_MAX);
          CHECK (k == 0 || s->skill > a->skills[k - 1].skill);
          has[s->skill] = true;
          for (size_t q = 0; q < m->nqueues; q++)
            if (m->queues[q].skill == s->skill)
              CHECK (a->cap[m->queues[q].channel] > 0);
        }
      for (size_t c = 0; c < RT_MAX_CHANNELS; c++)
        CHECK (a->cap[c] >= 0 && a->cap[c] <= RT_MAX_CAPACITY && (c < m->nchannels || !a->cap[c]));
      CHECK (isnan (a->wrapup_s) || (a->wrapup_s >= 0 && isfinite (a->wrapup_s)));
      CHECK (a->weight > 0 && isfinite (a->weight));
      CHECK ((a->shifts == NULL) == (a->nshifts == 0) && a->nshifts <= RT_MAX_SHIFTS);
      for (size_t k = 0; k < a->nshifts; k++)
        {
          const rt_shift *s = &a->shifts[k];
          CHECK (s->a < s->b && s->daily == a->shifts[0].daily);
          if (s->daily)
            CHECK (s->a >= 0 && s->a < 86400 && s->b <= s->a + 86400);
          if (k)
            CHECK (s->a >= a->shifts[k - 1].b);
        }
      if (a->nshifts > 1 && a->shifts[0].daily)
        CHECK (a->shifts[a->nshifts - 1].b - 86400 <= a->shifts[0].a);
      for (size_t j = 0; j < i && m->nagents <= 2000; j++)
        CHECK (strcmp (m->agents[j].name, a->name) != 0);
    }
  for (size_t i = 0; i < m->nqueues + (m->template != NULL); i++)
    {
      const rt_queue *q = i < m->nqueues ? &m->queues[i] : m->template;
      bool tmpl = i == m->nqueues;
      CHECK (q->name && *q->name && q->file == m->conf_path && q->line >= 1);
      if (!tmpl)
        {
          CHECK (rt_model_queue (m, q->name, strlen (q->name)) == (int) i);
          CHECK (q->skill >= 0 && (size_t) q->skill < m->nskills);
          CHECK (q->served == has[q->skill]);
        }
      CHECK (q->channel >= 0 && (size_t) q->channel < m->nchannels);
      CHECK (q->strategy >= RT_LONGEST_IDLE && q->strategy <= RT_RINGALL);
      CHECK (q->weight >= 0 && q->weight <= 1000000);
      CHECK (q->priority >= -1000000 && q->priority <= 1000000);
      CHECK (q->timeout_s > 0);
      CHECK (q->maxlen >= 0);
      const rt_target *t[3] = { &q->on_timeout, &q->on_full, &q->on_empty };
      for (int k = 0; k < 3; k++)
        {
          CHECK (t[k]->kind >= RT_T_HANGUP && t[k]->kind <= RT_T_OVERFLOW);
          if (t[k]->kind == RT_T_QUEUE)
            CHECK (t[k]->queue >= 0 && t[k]->queue < (int) m->nqueues
                   && (tmpl || t[k]->queue != (int) i));
        }
      CHECK (q->ring_timeout_s > 0 && isfinite (q->ring_timeout_s));
      CHECK (q->rna_prob >= 0 && q->rna_prob < 1);
      CHECK (q->retry_s >= 0 && isfinite (q->retry_s));
      CHECK (q->rna_pause_s >= 0 && isfinite (q->rna_pause_s));
      CHECK (q->wrapup_s >= 0 && isfinite (q->wrapup_s));
      CHECK (q->answer_delay.kind != CC_DIST_NONE && q->handle.kind != CC_DIST_NONE);
      CHECK (q->start_level >= 0 && q->start_level <= RT_LEVEL_MAX);
      CHECK (q->nexpand <= RT_MAX_EXPAND && (q->expand == NULL) == (q->nexpand == 0));
      for (size_t k = 0; k < q->nexpand; k++)
        {
          CHECK (q->expand[k].after_s > (k ? q->expand[k - 1].after_s : 0));
          CHECK (q->expand[k].max_level > (k ? q->expand[k - 1].max_level : q->start_level));
          CHECK (q->expand[k].max_level <= RT_LEVEL_MAX);
        }
      CHECK ((q->rate == NULL) == (q->nrate == 0));
      CHECK (!q->nrate || q->has_handle);
      CHECK (!tmpl || !q->nrate);
      for (size_t k = 0; k < q->nrate; k++)
        {
          CHECK (q->rate[k].tod_s >= 0 && q->rate[k].tod_s < 86400);
          CHECK (k == 0 || q->rate[k].tod_s > q->rate[k - 1].tod_s);
          CHECK (q->rate[k].per_s >= 0 && isfinite (q->rate[k].per_s));
        }
      CHECK (q->synth_agents >= 0 && q->synth_agents <= RT_MAX_AGENTS);
      CHECK (q->synth_capacity >= 1 && q->synth_capacity <= RT_MAX_CAPACITY);
    }
  free (has);
}

/* True when the loads A and B made the same model, as far as names and
   counts go.  */
static bool
same (const rt_model *a, const rt_model *b)
{
  if (a->nqueues != b->nqueues || a->nagents != b->nagents || a->nskills != b->nskills
      || a->nchannels != b->nchannels || a->default_queue != b->default_queue)
    return false;
  for (size_t i = 0; i < a->nqueues; i++)
    if (strcmp (a->queues[i].name, b->queues[i].name) != 0
        || a->queues[i].served != b->queues[i].served)
      return false;
  for (size_t i = 0; i < a->nagents; i++)
    if (strcmp (a->agents[i].name, b->agents[i].name) != 0
        || a->agents[i].nskills != b->agents[i].nskills)
      return false;
  return true;
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  cc_diag_init ("ccroute");
  real_stderr = stderr;
  if (!getenv ("FUZZ_VERBOSE"))
    {
      FILE *null = fopen ("/dev/null", "w");
      if (null)
        stderr = null;
    }
  fd = memfd_create ("fuzz_route_conf", MFD_CLOEXEC);
  if (fd < 0)
    {
      char tmpl[] = "/tmp/fuzz_route_conf.XXXXXX";
      fd = mkstemp (tmpl);
      if (fd >= 0)
        unlink (tmpl);
    }
  if (fd < 0)
    {
      fprintf (real_stderr, FUZZ_NAME ": cannot create the roster file: %s\n", strerror (errno));
      abort ();
    }
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  if (memmem (text, size, "empirical", 9) || too_many_agents (text, size))
    return 0;

  /* rt_parse_rate on the first line.  */
  const char *nl = memchr (text, '\n', size);
  size_t first = nl ? (size_t) (nl - text) : size;
  if (!memchr (text, '\0', first))
    {
      char *s = xmalloc (first + 1);
      memcpy (s, text, first);
      s[first] = '\0';
      double r = -1;
      if (rt_parse_rate (s, &r) == 0)
        CHECK (r >= 0 && isfinite (r));
      free (s);
    }

  /* The configuration, and the roster after a "%%" line.  */
  size_t n = size;
  const char *roster = NULL;
  const char *sep
      = size >= 3 && memcmp (text, "%%\n", 3) == 0 ? text - 1 : memmem (text, size, "\n%%\n", 4);
  if (sep)
    {
      n = (size_t) (sep + 1 - text);
      const char *r = sep + 4;
      size_t rn = size - (size_t) (r - text);
      CHECK (ftruncate (fd, 0) == 0);
      for (size_t off = 0; off < rn;)
        {
          ssize_t k = pwrite (fd, r + off, rn - off, (off_t) off);
          CHECK (k > 0);
          off += (size_t) k;
        }
      roster = path;
    }
  char *conf = dup_exact (text, n);
  rt_model m, m2;
  int rc = rt_model_load_mem (&m, "fuzz.ini", conf, n, roster);
  if (rc != 0)
    {
      CHECK (rc == -1);
      CHECK (m.nqueues == 0 && m.queues == NULL && m.nagents == 0 && m.agents == NULL
             && m.template == NULL && m.index == NULL && m.conf_path == NULL);
      rt_model_free (&m);
      free (conf);
      return 0;
    }
  check_model (&m);
  CHECK (rt_model_load_mem (&m2, "fuzz.ini", conf, n, roster) == 0);
  CHECK (same (&m, &m2));
  rt_model_free (&m2);

  /* A queue made from the template.  */
  /* A control character: no skill of the files can have this name.  */
  static const char fresh[] = "\001fuzz \xC3\xA9 fresh queue";
  size_t before = m.nqueues;
  bool existed = rt_model_queue (&m, fresh, sizeof fresh - 1) >= 0;
  int q = rt_model_add_queue (&m, fresh, sizeof fresh - 1);
  if (m.template && !existed && before < RT_MAX_QUEUES)
    {
      CHECK (q == (int) before && m.nqueues == before + 1);
      CHECK (rt_model_queue (&m, fresh, sizeof fresh - 1) == q);
      CHECK (m.queues[q].from_template);
      CHECK (strcmp (m.skills[m.queues[q].skill], fresh) == 0);
      check_model (&m);
    }
  else
    CHECK (q == -1 && m.nqueues == before);
  rt_model_free (&m);
  free (conf);
  return 0;
}
