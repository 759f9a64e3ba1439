/* cc_qlog: Asterisk queue_log as interaction records.

   Reads the native file (epoch|callid|queue|agent|EVENT|data1|...) or a
   database-table export as CSV (time, callid, queuename, agent, event,
   data1..data5 and the FreePBX / QueueMetrics variants), detected from the
   first line.  Calls are tracked as visits keyed by (queue, callid), opened by
   ENTERQUEUE and closed by CONNECT + COMPLETECALLER/COMPLETEAGENT/TRANSFER...,
   ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY, WITHDRAW ...  Each closed
   visit becomes one interaction record handed to the sink (see cc_src.h), in
   the order the visits closed.  Visits still open at the end of the input, or
   cut by a QUEUESTART, events for a visit that was never opened, duplicate
   lines, unknown events and transfers the log did not record are counted and
   listed in the cc_srcdiag, never merged into the figures.

   Agent events (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE, PAUSEALL, UNPAUSEALL,
   AGENTLOGIN, AGENTLOGOFF, RINGNOANSWER ...) are folded into per-agent figures
   (cc_qlog_agents) for the agent report.

   The record columns are listed in cc_qlog_columns and documented in
   ccreport(1).  */
#ifndef CC_QLOG_H
#define CC_QLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "cc_src.h"

/* The columns of the records a queue_log gives, NULL-terminated.  */
extern const char *const cc_qlog_columns[];

/* Pause time of one agent for one reason.  */
typedef struct cc_qlog_pause
{
  char *reason;     /* the PAUSE reason ("" when none was logged) */
  uint64_t pauses;  /* pauses started */
  int64_t us;       /* paused time, microseconds */
} cc_qlog_pause;

/* What the log says of one agent (all queues together).  */
typedef struct cc_qlog_agent
{
  char *name;             /* the agent field of the log */
  uint64_t rna;           /* RINGNOANSWER events (rang, not answered) */
  bool login_known;       /* the log shows when the agent was logged in */
  int64_t login_us;       /* logged-in time, microseconds (a union over queues) */
  int64_t pause_us;       /* paused time while logged in, microseconds */
  uint64_t pauses;        /* pauses started */
  cc_qlog_pause *reasons; /* pause time by reason, sorted by reason */
  size_t nreasons;        /* how many */
} cc_qlog_agent;

/* The per-agent figures of a whole run, sorted by name.  */
typedef struct cc_qlog_agents
{
  cc_qlog_agent *a; /* agents */
  size_t n;         /* how many */
} cc_qlog_agents;

/* Options of a queue_log read.  */
typedef struct cc_qlog_opts
{
  size_t max_line;      /* longest line accepted, bytes (0: 1 MiB) */
  int quiet;            /* no progress */
} cc_qlog_opts;

/* A reader that keeps open visits and agent state across inputs.  */
typedef struct cc_qlog cc_qlog;

cc_qlog *cc_qlog_new (const cc_qlog_opts *o);

/* Read one queue_log input PATH ("-": stdin) and hand each closed visit to
   SINK.  Naive timestamps of a table export are read in the report zone
   (cc_time_parse_local).  Returns 0, or -1 after printing the error (a bad
   line with no reject stream, an unreadable file).  */
int cc_qlog_read (cc_qlog *q, const char *path, cc_sink *sink, cc_srcdiag *diag);

/* End of input: count and list the visits still open (each is "incomplete"),
   close the agents' open sessions and pauses at the last time seen, and fill
   AGENTS (may be NULL).  Returns 0 or -1 like cc_qlog_read.  */
int cc_qlog_finish (cc_qlog *q, cc_sink *sink, cc_srcdiag *diag, cc_qlog_agents *agents);

void cc_qlog_free (cc_qlog *q);
void cc_qlog_agents_free (cc_qlog_agents *a);

#endif
