/* The routing model ccroute simulates: queues, agents, skills and channels,
   as read from the configuration file (config.c) and the roster (roster.c),
   and consumed by the simulator (sim.c).

   Levels: every agent skill has a level, kept here as a penalty (0 is the
   best, larger is worse), as Asterisk's member penalty.  With
   "skill_levels = proficiency" in [sim] the files give proficiencies (higher
   is better); the loader stores RT_LEVEL_MAX - proficiency, so the simulator
   always prefers the lowest stored level and an expansion rule always raises
   the highest stored level a caller accepts.  */
#ifndef CCROUTE_MODEL_H
#define CCROUTE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cc_dist.h"
#include "cc_time.h"

#define RT_LEVEL_MAX 1000      /* largest level (penalty or proficiency) accepted */
#define RT_MAX_CHANNELS 16     /* distinct channel names in one model */
#define RT_MAX_CAPACITY 1000   /* concurrent interactions of one channel per agent */
#define RT_MAX_AGENTS 1000000  /* agents in one model */
#define RT_MAX_QUEUES 100000   /* queues in one model */
#define RT_MAX_EXPAND 64       /* expansion steps of one queue */
#define RT_MAX_SHIFTS 64       /* shift spans of one agent */
#define RT_MAX_DUR (86400.0 * 366 * 100) /* longest duration accepted, s: 100 years */

/* Agent selection strategies (Asterisk / FreeSWITCH names in the file).  */
enum rt_strategy
{
  RT_LONGEST_IDLE = 0, /* longest-idle: the agent free the longest (leastrecent) */
  RT_ROUND_ROBIN,      /* round-robin: rrmemory, the next member after the last one used */
  RT_FEWEST_CALLS,     /* fewest-calls: fewest interactions taken from this queue */
  RT_LEAST_TALK,       /* least-talk-time: least handling time so far, all queues */
  RT_RANDOM,           /* random: uniformly among the free agents */
  RT_WRANDOM,          /* weighted-random: in proportion to the roster weight */
  RT_LINEAR,           /* linear: the first free member in roster order */
  RT_RINGALL           /* ring-all: every free agent rings, the first to answer wins */
};

/* Where an interaction goes when it leaves a queue unanswered.  */
enum rt_target_kind
{
  RT_T_HANGUP = 0, /* it ends there, with the outcome of the reason (timeout, busy, no_agent) */
  RT_T_QUEUE,      /* it moves to the tail of another queue */
  RT_T_VOICEMAIL,  /* it ends with outcome voicemail */
  RT_T_CALLBACK,   /* it keeps its place but stops abandoning; answered as a callback */
  RT_T_OVERFLOW    /* it leaves the model with outcome overflow */
};

typedef struct rt_target
{
  int kind;  /* enum rt_target_kind */
  int queue; /* RT_T_QUEUE: index of the queue */
} rt_target;

/* One skill-expansion step: after AFTER_S seconds in the queue a caller
   accepts agents of level <= MAX_LEVEL (stored as a penalty).  */
typedef struct rt_expand
{
  double after_s;
  int max_level;
} rt_expand;

/* One step of an arrival-rate profile: from TOD_S seconds after local
   midnight (in --tz) arrivals come at PER_S per second, until the next step;
   the last step runs on past midnight to the first.  */
typedef struct rt_rate
{
  int32_t tod_s;
  double per_s;
} rt_rate;

/* One queue.  */
typedef struct rt_queue
{
  char *name;           /* queue name as in records */
  int skill;            /* index of the skill its agents need (default: its name) */
  int channel;          /* index of its channel (default voice) */
  int strategy;         /* enum rt_strategy (default longest-idle) */
  int weight;           /* higher: first claim on agents shared with other queues */
  int priority;         /* default caller priority of its arrivals */
  double timeout_s;     /* most time a caller waits here (INFINITY: no limit) */
  rt_target on_timeout; /* where it goes then (outcome timeout when hang-up) */
  long maxlen;          /* most callers waiting (0: no limit) */
  rt_target on_full;    /* where an arrival goes when full (outcome busy) */
  bool join_empty;      /* true: callers join when no agent is logged in */
  rt_target on_empty;   /* where they go otherwise (outcome no_agent) */
  bool leave_empty;     /* true: waiting callers leave when the last agent logs out */
  double ring_timeout_s;/* ring time of one attempt before ring-no-answer */
  double rna_prob;      /* probability that an agent offered a call does not answer */
  double retry_s;       /* pause before the next attempt after a ring-no-answer */
  double rna_pause_s;   /* the agent is paused this long after not answering (0: none) */
  cc_dist answer_delay; /* ring time before an agent answers (default 0) */
  double wrapup_s;      /* after-interaction work of its agents (roster may override) */
  rt_expand *expand;    /* expansion steps, AFTER_S increasing */
  size_t nexpand;
  int start_level;      /* highest level accepted at first (RT_LEVEL_MAX: any) */
  rt_rate *rate;        /* --generate arrival profile (NULL: no generated arrivals) */
  size_t nrate;
  cc_dist handle;       /* handling time of generated arrivals and of replayed
                           ones without one */
  cc_dist patience;     /* patience likewise (kind CC_DIST_NONE: never abandons) */
  bool has_handle;      /* handle was configured */
  long synth_agents;    /* "agents = N": N agents NAME-1 .. NAME-N serve it */
  int synth_capacity;   /* their capacity on the queue's channel */
  bool from_template;   /* made from [queue *] */
  bool served;          /* some agent has its skill (set by the loader) */
  const char *file;     /* where it was defined */
  unsigned line;
} rt_queue;

/* A skill of an agent.  */
typedef struct rt_agent_skill
{
  int skill; /* index in rt_model.skills */
  int level; /* stored as a penalty, 0 best */
} rt_agent_skill;

/* A span of time an agent is logged in.  */
typedef struct rt_shift
{
  bool daily;      /* true: A and B are seconds after local midnight, every day */
  int64_t a, b;    /* daily: 0 <= a < 86400, a < b <= a + 86400 (past midnight);
                      else microseconds since the epoch, a < b */
} rt_shift;

/* One agent.  */
typedef struct rt_agent
{
  char *name;
  rt_agent_skill *skills; /* sorted by skill index, no duplicates */
  size_t nskills;
  int cap[RT_MAX_CHANNELS]; /* concurrent capacity per channel (0: does not take it) */
  double wrapup_s;          /* NAN: the queue's */
  double weight;            /* weighted-random weight, > 0 (default 1) */
  rt_shift *shifts;         /* NULL: logged in all the time */
  size_t nshifts;
  const char *file;         /* roster file and line (or the config line of "agents = N") */
  unsigned line;
} rt_agent;

/* The whole model.  */
typedef struct rt_model
{
  rt_queue *queues;
  size_t nqueues;
  rt_agent *agents;
  size_t nagents;
  char **skills;          /* skill names */
  size_t nskills;
  char *channels[RT_MAX_CHANNELS]; /* channel names; 0 is "voice" */
  size_t nchannels;
  double sl_s;            /* [sim] sl: service-level threshold (default 20 s) */
  bool proficiency;       /* [sim] skill_levels = proficiency */
  bool voice_blocks;      /* [sim] voice_blocks: a voice call stops other work and waits for it */
  int default_queue;      /* [sim] default_queue: for records without a queue (-1: none) */
  rt_queue *template;     /* [queue *], or NULL */
  char *conf_path;        /* the configuration file, as given */
  char *conf_dir;         /* its directory, for relative file names */
  char *roster_path;      /* the roster file, as given (NULL: none); agents' file */
  struct rt_index *index; /* config.c's hash tables of queue and skill names */
} rt_model;

/* Read the configuration file CONF and, when ROSTER is not NULL, the roster
   file (CSV or JSON Lines, see ccroute(1)).  Errors are printed as
   "ccroute: FILE:LINE: message" and make it return -1; warnings (a queue no
   agent serves, an agent who serves no queue ...) are printed as
   "ccroute: FILE:LINE: warning: message" and the load goes on.  Returns 0 with
   *M filled.  --tz must be set before (daily times are local).  */
int rt_model_load (rt_model *m, const char *conf, const char *roster);

/* rt_model_load with the configuration text TEXT (N bytes, not necessarily
   NUL-terminated) read from the file called NAME, for tests and fuzzing.  */
int rt_model_load_mem (rt_model *m, const char *name, const char *text, size_t n,
                       const char *roster);

/* Free everything *M owns.  */
void rt_model_free (rt_model *m);

/* The index of the queue called NAME (N bytes), or -1.  */
int rt_model_queue (const rt_model *m, const char *name, size_t n);

/* The queue NAME made from the [queue *] template (its skill is NAME, which is
   added to the skills when new); returns its index, or -1 when there is no
   template or RT_MAX_QUEUES is reached.  Queues may move: pointers into
   m->queues are invalid after it.  */
int rt_model_add_queue (rt_model *m, const char *name, size_t n);

/* The index of skill NAME (N bytes), or -1.  */
int rt_model_skill (const rt_model *m, const char *name, size_t n);

/* The index of channel NAME (N bytes, compared in lower case), or -1.  */
int rt_model_channel (const rt_model *m, const char *name, size_t n);

/* Parse a rate ("120/h", "2/m", "0.5/s", "900/d", "40/30m": N per the duration
   after the slash; a bare number is per hour) into per-second *OUT.  0 or -1.  */
int rt_parse_rate (const char *s, double *out);

#endif
