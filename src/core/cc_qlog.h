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
   listed in the cc_srcdiag, never merged into the figures silently.

   Agent events (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE, PAUSEALL, UNPAUSEALL,
   AGENTLOGIN, AGENTLOGOFF, RINGNOANSWER ...) are folded into per-agent figures
   (cc_qlog_agents) for the agent report.

   Memory grows with the open visits, the agents (and their queues and pause
   reasons), and the lines of the last hour of log time (kept as 64-bit hashes
   to find duplicate lines; closed visits are remembered as long to tell a late
   event from an orphan), not with the number of lines read; besides, at most
   two lines are held back while their time is in doubt (see
   CC_QLOG_WINDOW_S).

   Times: a line more than the window earlier than the latest line applied is
   left out (out_of_order: inputs given newest first, a file read twice).  A
   line more than the window later than it is held until the next line shows
   whether the log goes on from there (a quiet night: the held line is
   applied, nothing is reported) or comes back to the earlier time (the held
   line had a wrong time: time_jump, left out); a held line that no line
   follows is left out as time_jump too.  The first line of the input is held
   the same way: when the next line is more than the window before it, the
   line after that decides which of the two is wrong.  So one line with a
   wild time costs only itself, and the windows below only ever move with
   applied lines.  An event of a visit earlier than the visit's previous
   event leaves that visit out (time_order); an agent event earlier than the
   agent's previous one is counted at the time of that one (time_order).

   The record columns are listed in cc_qlog_columns and documented in
   cc-asterisk(5), section ASTERISK QUEUE_LOG.  */
#ifndef CC_QLOG_H
#define CC_QLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "cc_src.h"
#include "cc_time.h"

/* The columns of the records a queue_log gives, NULL-terminated: id, callid,
   channel, direction, queue, agent, outcome, arrived_at, answered_at,
   ended_at, wait_s, handle_s, ring_s, caller, caller_name, position,
   exit_position, rna, hangup_by, transfer, transfer_to, exit_key,
   end_event.  */
extern const char *const cc_qlog_columns[];

/* How long (in log time) lines are remembered to find duplicates, closed
   visits to tell late events from orphans, how far a line may go back in
   time before it is left out as out of order, and how far it may jump ahead
   before the next line must confirm it: one hour.  */
#define CC_QLOG_WINDOW_S 3600

/* The largest number a data field may hold: a holdtime, calltime, waittime,
   CONNECT ringtime or logintime in seconds, a position; RINGNOANSWER's and
   RINGCANCELED's ringtime (milliseconds) may be 1000 times larger.  A
   larger value makes the line bad.  The same limit, 10^7 s (115 days, 17
   h, 46 min, 40 s), bounds a record's wait and talk computed from the
   times (a longer visit is left out: long_visit) and one logged-in run or
   one pause of an agent (a longer one counts as the limit: long_session),
   so that no absurd value can overflow the sums a report makes.  */
#define CC_QLOG_MAX_S 10000000

/* Pause time of one agent for one reason.  */
typedef struct cc_qlog_pause
{
  char *reason;    /* the PAUSE (or PAUSEALL) reason ("" when none was logged) */
  uint64_t pauses; /* pauses started with this reason (a change of reason starts one) */
  int64_t us;      /* time paused with this reason, microseconds */
} cc_qlog_pause;

/* What the log says of one agent (all queues together).  The agent is the
   agent field of the log as written: Asterisk logs the member name in call
   and PAUSE lines but the interface in ADDMEMBER/REMOVEMEMBER (unless
   log_membername_as_agent=yes) and PAUSEALL, so one person may appear under
   two names.

   Logged-in time is the measure of the union of the agent's sessions: from
   ADDMEMBER to REMOVEMEMBER in each queue, and from AGENTLOGIN (or
   AGENTCALLBACKLOGIN) to AGENTLOGOFF (AGENTCALLBACKLOGOFF).  A REMOVEMEMBER
   with no ADDMEMBER before it since the start of the input (or the last
   restart) counts the agent as a member since then; an AGENTLOGOFF with none
   since max(logoff - its logintime field, that start).  A QUEUESTART
   (restart) ends every session at the time of the last line before it; the
   queue memberships and their pauses go on at the QUEUESTART (persistent
   members), AGENTLOGIN sessions do not.  Sessions still open at the end are
   closed at the last time seen in the whole input.

   Pause time runs while the agent is paused in at least one queue (PAUSE,
   ADDMEMBER with PAUSED) or by PAUSEALL, until UNPAUSE (UNPAUSEALL unpauses
   every queue), its removal from the last queue it was paused in or from
   all its queues, a restart (as for sessions), or the end of the input.  A
   PAUSE with another reason while paused ends the pause with the old reason
   and starts one with the new reason (as log_unpause_on_reason_change logs
   it).  An UNPAUSE with no PAUSE before it adds nothing.  Pauses of agents
   whose login the log does not show (static members) count too.

   With a report range (cc_qlog_opts since, until) only the parts of the
   sessions and pauses inside [since, until) count, a pause counts as started
   when part of it is inside (or, lasting no time, it is), and rna counts the
   visits whose ENTERQUEUE is inside; the queues are never narrowed.  One
   logged-in run or one pause (after the clipping to the range) counts at
   most CC_QLOG_MAX_S.  */
typedef struct cc_qlog_agent
{
  char *name;             /* the agent field of the log */
  uint64_t rna;           /* RINGNOANSWER events in visits that became records
                             (and entered in the range) */
  bool login_known;       /* the log has login events of this agent (ADDMEMBER,
                             REMOVEMEMBER, AGENTLOGIN, AGENTLOGOFF ...) */
  bool login_inferred;    /* some session's start was not logged and was inferred */
  int64_t login_us;       /* logged-in time, microseconds (a union over queues) */
  int64_t pause_us;       /* paused time, microseconds (the sum over reasons) */
  uint64_t pauses;        /* pauses started (the sum over reasons) */
  cc_qlog_pause *reasons; /* pause time by reason, sorted by reason (bytes) */
  size_t nreasons;        /* how many */
} cc_qlog_agent;

/* The per-agent figures of a whole run, sorted by name (bytes).  */
typedef struct cc_qlog_agents
{
  cc_qlog_agent *a; /* agents */
  size_t n;         /* how many */
} cc_qlog_agents;

/* Options of a queue_log read.  */
typedef struct cc_qlog_opts
{
  size_t max_line; /* longest line (CSV: record) accepted, bytes (0: 1 MiB) */
  int quiet;       /* no progress (no progress line is shown anyway) */
  bool have_since; /* the agent figures start at since */
  cc_usec since;   /* the report range's start, microseconds (inclusive) */
  bool have_until; /* the agent figures end at until */
  cc_usec until;   /* the report range's end, microseconds (exclusive) */
} cc_qlog_opts;

/* A reader that keeps open visits and agent state across inputs.  */
typedef struct cc_qlog cc_qlog;

/* A new reader with options O (copied).  Free it with cc_qlog_free.  */
cc_qlog *cc_qlog_new (const cc_qlog_opts *o);

/* Read one queue_log input PATH ("-": stdin) and hand each closed visit to
   SINK.  Naive timestamps of a table export are read in the report zone
   (cc_time_parse_local).  Returns 0, or -1 after printing the error (a bad
   line with no reject stream, a refused record, an unreadable file, a bad
   table header).  */
int cc_qlog_read (cc_qlog *q, const char *path, cc_sink *sink, cc_srcdiag *diag);

/* End of input: count and list the visits still open (each is "incomplete",
   but one whose last event was AGENTDUMP becomes a record, outcome dumped),
   close the agents' open sessions and pauses at the last time seen, and fill
   AGENTS (may be NULL; free it with cc_qlog_agents_free).  Returns 0 or -1
   like cc_qlog_read.  */
int cc_qlog_finish (cc_qlog *q, cc_sink *sink, cc_srcdiag *diag, cc_qlog_agents *agents);

void cc_qlog_free (cc_qlog *q);

/* Free what A holds and empty it (A itself is the caller's).  */
void cc_qlog_agents_free (cc_qlog_agents *a);

#endif
