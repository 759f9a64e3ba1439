/* ccreport: the agent, pause, transfer and hang-up reports.

   All four are rendered from the same fold as the queues report.  The agent
   and pause reports group by agent (main.c forces --by agent); the agent
   report adds what a queue_log says of each agent outside its calls
   (r->qagents: ring-no-answer, pauses, logged-in time), and the pause report
   comes from those figures alone.  The transfer and hang-up reports are per
   --by group (and --interval), like the queues report.  Every figure is a
   count or a sum, so the agent, transfer and hang-up reports of records are
   the same whether they come from one process or from merged partials.
   Figures the input cannot give are null cells; ratios and seconds are
   written with two decimals, rounded half away from zero (cc_num_fixed).  */
#include <config.h>

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"
#include "rows.h"

/* ---- the agent report ---- */

/* One agent of the agent report: its records' figures and its queue_log
   figures, either of which may be missing.  */
typedef struct arow
{
  const char *name;       /* the agent, not NUL-terminated */
  size_t n;               /* its length */
  const acc *a;           /* the figures of its records, or NULL */
  const cc_qlog_agent *q; /* the queue_log's figures, or NULL */
} arow;

/* Order agent rows by name (bytes), then records before queue_log figures.  */
static int
arow_cmp (const void *x, const void *y)
{
  const arow *a = x, *b = y;
  int c = memcmp (a->name, b->name, a->n < b->n ? a->n : b->n);
  if (c)
    return c;
  if (a->n != b->n)
    return a->n < b->n ? -1 : 1;
  return (a->a == NULL) - (b->a == NULL);
}

/* True when the agent NAME (N bytes) passes the --agent filter of R.  */
static bool
agent_wanted (const report *r, const char *name, size_t n)
{
  if (!r->agents.n)
    return true;
  for (size_t i = 0; i < r->agents.n; i++)
    if (strlen (r->agents.v[i]) == n && memcmp (r->agents.v[i], name, n) == 0)
      return true;
  return false;
}

/* The rows of the agent and pause reports, sorted by name, one per agent:
   the agents of F's groups (records without an agent are counted in
   *NONE_REC, *NONE_ANS and left out) and those of R's queue_log figures that
   pass --agent.  Returns the array (the caller frees it) and its length in
   *NROWS.  */
static arow *
agent_rows (const report *r, const fold *f, size_t *nrows, uint64_t *none_rec, uint64_t *none_ans)
{
  size_t cap = f->ng + (r->qagents ? r->qagents->n : 0), n = 0;
  arow *v = cc_xmalloc ((cap + 1) * sizeof *v);
  *none_rec = *none_ans = 0;
  for (size_t i = 0; i < f->ng; i++)
    {
      const group *g = f->g[i];
      const char *p;
      uint32_t len;
      if (!report_key_part (g->key, 0, &p, &len) || len == 0)
        {
          *none_rec += g->a.offered;
          *none_ans += g->a.answered;
          continue;
        }
      v[n++] = (arow){ p, len, &g->a, NULL };
    }
  for (size_t i = 0; r->qagents && i < r->qagents->n; i++)
    {
      const cc_qlog_agent *q = &r->qagents->a[i];
      size_t len = strlen (q->name);
      if (len && agent_wanted (r, q->name, len))
        v[n++] = (arow){ q->name, len, NULL, q };
    }
  if (n)
    qsort (v, n, sizeof *v, arow_cmp);
  /* Join the records' and the log's figures of one name.  */
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (w && v[w - 1].n == v[i].n && memcmp (v[w - 1].name, v[i].name, v[i].n) == 0)
        {
          if (!v[w - 1].a)
            v[w - 1].a = v[i].a;
          if (!v[w - 1].q)
            v[w - 1].q = v[i].q;
          continue;
        }
      v[w++] = v[i];
    }
  *nrows = w;
  return v;
}

/* The figures of one row of the agent report: one agent's, or the sums of
   all (the TOTAL row).  */
typedef struct afig
{
  uint64_t answered;     /* handled records */
  uint64_t handled;      /* of which with a known handle time */
  int64_t talk_us;       /* their handle times */
  int64_t wait_us;       /* waits of the handled records */
  uint64_t rna;          /* ring-no-answer events */
  uint64_t pauses;       /* pauses started */
  int64_t pause_us;      /* paused time */
  bool login_known;      /* the (some agent's) login time is known */
  int64_t login_us;      /* logged-in time (of the agents whose login is known) */
  int64_t idle_us;       /* their idle time */
  int64_t talk_known_us; /* their talk */
} afig;

/* The figures of one agent from its records A and its queue_log figures Q
   (either NULL).  Returns them.  */
static afig
agent_fig (const acc *a, const cc_qlog_agent *q)
{
  static const acc none;
  if (!a)
    a = &none;
  afig x = { .answered = a->answered,
             .handled = a->handled,
             .talk_us = a->handle_sum,
             .wait_us = a->wait_sum };
  if (!q)
    return x;
  x.rna = q->rna;
  x.pauses = q->pauses;
  x.pause_us = q->pause_us;
  if (q->login_known)
    {
      x.login_known = true;
      x.login_us = q->login_us;
      x.idle_us = cc_add_checked (q->login_us, -cc_add_checked (a->handle_sum, q->pause_us));
      if (x.idle_us < 0)
        x.idle_us = 0;
      x.talk_known_us = a->handle_sum;
    }
  return x;
}

/* Add the figures X to the sums T.  */
static void
afig_add (afig *t, const afig *x)
{
  t->answered += x->answered;
  t->handled += x->handled;
  t->talk_us = cc_add_checked (t->talk_us, x->talk_us);
  t->wait_us = cc_add_checked (t->wait_us, x->wait_us);
  t->rna += x->rna;
  t->pauses += x->pauses;
  t->pause_us = cc_add_checked (t->pause_us, x->pause_us);
  t->login_known = t->login_known || x->login_known;
  t->login_us = cc_add_checked (t->login_us, x->login_us);
  t->idle_us = cc_add_checked (t->idle_us, x->idle_us);
  t->talk_known_us = cc_add_checked (t->talk_known_us, x->talk_known_us);
}

/* The figures X as cells of B.  LOG: the input was a queue_log (without
   one, its figures are null).  */
static void
agent_cells (bool log, const afig *x, rowb *b)
{
  rowb_u (b, x->answered);
  rowb_secs (b, x->talk_us);
  rowb_ratio (b, x->talk_us, (int64_t) x->handled * CC_USEC_PER_SEC);
  rowb_ratio (b, x->wait_us, (int64_t) x->answered * CC_USEC_PER_SEC);
  if (!log)
    {
      for (int i = 0; i < 6; i++)
        rowb_null (b);
      return;
    }
  rowb_u (b, x->rna);
  rowb_u (b, x->pauses);
  rowb_secs (b, x->pause_us);
  if (!x->login_known)
    {
      for (int i = 0; i < 3; i++)
        rowb_null (b);
      return;
    }
  rowb_secs (b, x->login_us);
  rowb_secs (b, x->idle_us);
  rowb_ratio (b, cc_mul_checked (x->talk_known_us, 100),
              cc_add_checked (x->talk_known_us, x->idle_us));
}

void
report_render_agents (const report *r, fold *f, cc_format fmt, FILE *out)
{
  static const char *const cols[] = { "agent",   "handled", "talk_s",  "aht",
                                      "asa",     "rna",     "pauses",  "pause_s",
                                      "login_s", "idle_s",  "occupancy" };
  bool log = r->qagents != NULL;
  size_t nrows;
  uint64_t none_rec, none_ans;
  arow *rows = agent_rows (r, f, &nrows, &none_rec, &none_ans);

  cc_buf def = { 0 };
  cc_buf_printf (&def, "ccreport %s: agents report of %s interactions; one row per agent "
                       "(records without an agent are left out: %llu here, %llu of them "
                       "answered)",
                 PACKAGE_VERSION, report_direction (r), (unsigned long long) none_rec,
                 (unsigned long long) none_ans);
  cc_buf_adds (&def, "; handled = answered records of the agent; talk_s = sum of their known "
                     "handle times; aht = talk_s / handled records with a known handle time");
  if (log)
    cc_buf_adds (&def, " (a queue_log has no hold or after-call work: aht is the mean talk "
                       "time)");
  cc_buf_adds (&def, "; asa = mean wait of handled");
  if (log)
    cc_buf_adds (&def, "; rna, pauses, pause_s, login_s from the queue_log's agent events over "
                       "the whole log; idle_s = login_s - talk_s - pause_s, at least 0; "
                       "occupancy = talk_s / (talk_s + idle_s) x 100");
  else
    cc_buf_adds (&def, "; rna, pauses, pause_s, login_s, idle_s and occupancy need the agent "
                       "events of a queue_log (--from asterisk-queue-log): null here");

  char nr[24], na[24];
  snprintf (nr, sizeof nr, "%llu", (unsigned long long) none_rec);
  snprintf (na, sizeof na, "%llu", (unsigned long long) none_ans);
  cc_str xn[] = { { "agent_events", 12 }, { "without_agent", 13 },
                  { "without_agent_answered", 22 } };
  cc_val xv[] = { { log ? "true" : "false", log ? 4 : 5, CC_BOOL }, cc_v_num (nr),
                  cc_v_num (na) };
  cc_out *o = cc_out_new (out, fmt);
  report_start (r, o, "agents", cc_buf_cstr (&def), xn, xv, 3, cols,
                sizeof cols / sizeof cols[0]);

  rowb b = { 0 };
  afig t = { 0 };
  for (size_t i = 0; i < nrows; i++)
    {
      afig x = agent_fig (rows[i].a, rows[i].q);
      rowb_cell (&b, CC_STR, rows[i].name, rows[i].n);
      agent_cells (log, &x, &b);
      rowb_emit (o, &b);
      afig_add (&t, &x);
    }
  if (r->total)
    {
      rowb_cell (&b, CC_STR, "TOTAL", 5);
      agent_cells (log, &t, &b);
      rowb_emit (o, &b);
    }
  cc_out_finish (o);
  rowb_free (&b);
  cc_buf_free (&def);
  free (rows);
}

/* ---- the pause report ---- */

void
report_render_pauses (const report *r, fold *f, cc_format fmt, FILE *out)
{
  static const char *const cols[] = { "agent", "reason", "pauses", "pause_s", "share" };
  size_t nrows;
  uint64_t none_rec, none_ans;
  arow *rows = agent_rows (r, f, &nrows, &none_rec, &none_ans);

  cc_buf def = { 0 };
  cc_buf_printf (&def, "ccreport %s: pauses report from the queue_log's agent events (over the "
                       "whole log, all queues); one row per agent and PAUSE reason (an empty "
                       "reason: none logged); pauses = pauses started; pause_s = time paused; "
                       "share = pause_s / the agent's login_s x 100 (null when the log does "
                       "not show the login; TOTAL: over the agents whose login is known, those "
                       "who never paused included)",
                 PACKAGE_VERSION);
  cc_out *o = cc_out_new (out, fmt);
  report_start (r, o, "pauses", cc_buf_cstr (&def), NULL, NULL, 0, cols,
                sizeof cols / sizeof cols[0]);

  rowb b = { 0 };
  uint64_t pauses = 0;
  int64_t pause_us = 0, known_pause_us = 0, login_us = 0;
  bool login_known = false;
  for (size_t i = 0; i < nrows; i++)
    {
      const cc_qlog_agent *q = rows[i].q;
      if (!q)
        continue;
      if (q->login_known)
        {
          login_known = true;
          login_us = cc_add_checked (login_us, q->login_us);
        }
      for (size_t k = 0; k < q->nreasons; k++)
        {
          const cc_qlog_pause *p = &q->reasons[k];
          rowb_cell (&b, CC_STR, rows[i].name, rows[i].n);
          rowb_cell (&b, CC_STR, p->reason, strlen (p->reason));
          rowb_u (&b, p->pauses);
          rowb_secs (&b, p->us);
          if (q->login_known)
            rowb_ratio (&b, cc_mul_checked (p->us, 100), q->login_us);
          else
            rowb_null (&b);
          rowb_emit (o, &b);
          pauses += p->pauses;
          pause_us = cc_add_checked (pause_us, p->us);
          if (q->login_known)
            known_pause_us = cc_add_checked (known_pause_us, p->us);
        }
    }
  if (r->total)
    {
      rowb_cell (&b, CC_STR, "TOTAL", 5);
      rowb_null (&b);
      rowb_u (&b, pauses);
      rowb_secs (&b, pause_us);
      if (login_known)
        rowb_ratio (&b, cc_mul_checked (known_pause_us, 100), login_us);
      else
        rowb_null (&b);
      rowb_emit (o, &b);
    }
  cc_out_finish (o);
  rowb_free (&b);
  cc_buf_free (&def);
  free (rows);
}

/* ---- the transfer and hang-up reports ---- */

/* Which per-group report.  */
enum greport
{
  GR_TRANSFERS, /* answered, transferred by kind */
  GR_HANGUP     /* answered, who hung up */
};

/* The figures of accumulator A for the transfer report as cells of B.  */
static void
xfer_figures (const report *r, const acc *a, rowb *b)
{
  (void) r;
  rowb_u (b, a->answered);
  rowb_u (b, a->xfer);
  rowb_u (b, a->xfer_blind);
  rowb_u (b, a->xfer_attended);
  rowb_u (b, a->xfer - a->xfer_blind - a->xfer_attended);
  rowb_ratio (b, (int64_t) a->xfer * 100, (int64_t) a->answered);
}

/* The figures of accumulator A for the hang-up report as cells of B.  */
static void
hangup_figures (const report *r, const acc *a, rowb *b)
{
  (void) r;
  rowb_u (b, a->answered);
  rowb_u (b, a->hang_caller);
  rowb_u (b, a->hang_agent);
  rowb_u (b, a->answered - a->hang_caller - a->hang_agent);
  rowb_ratio (b, (int64_t) a->hang_caller * 100, (int64_t) a->answered);
  rowb_ratio (b, (int64_t) a->hang_agent * 100, (int64_t) a->answered);
}

/* Write report K of F: one row per --by group and interval, in the order of
   the queues report, and the TOTAL row.  */
static void
render_groups (enum greport k, const report *r, fold *f, cc_format fmt, FILE *out)
{
  static const char *const xcols[] = { "answered", "transferred", "blind",
                                       "attended", "other",       "transfer_rate" };
  static const char *const hcols[] = { "answered",       "caller_hangup", "agent_hangup",
                                       "unknown_hangup", "caller_rate",   "agent_rate" };
  size_t ncol;
  const char **cols = report_group_columns (r, k == GR_TRANSFERS ? xcols : hcols, 6, &ncol);

  cc_buf def = { 0 };
  cc_buf_printf (&def, "ccreport %s: %s report of %s interactions; answered = has answered_at "
                       "(without it: outcome answered, resolved or transferred)",
                 PACKAGE_VERSION, k == GR_TRANSFERS ? "transfers" : "hangup",
                 report_direction (r));
  if (k == GR_TRANSFERS)
    cc_buf_adds (&def, "; transferred = answered with a transfer value (blind, attended, any "
                       "other: other) or, without one, outcome transferred; transfer_rate = "
                       "transferred / answered x 100");
  else
    cc_buf_adds (&def, "; caller_hangup, agent_hangup = answered whose hangup_by is caller, "
                       "agent; unknown_hangup = the other answered; caller_rate, agent_rate = "
                       "caller_hangup, agent_hangup / answered x 100");
  if (r->interval)
    cc_buf_printf (&def, "; intervals of %lld s by arrived_at in %s", (long long) r->interval,
                   report_zone ());

  char iv[24];
  snprintf (iv, sizeof iv, "%lld", (long long) r->interval);
  cc_str xn[] = { { "interval_s", 10 }, { "tz", 2 } };
  cc_val xv[] = { r->interval ? cc_v_num (iv) : cc_v_null (), cc_v_str (report_zone ()) };
  cc_out *o = cc_out_new (out, fmt);
  report_start (r, o, k == GR_TRANSFERS ? "transfers" : "hangup", cc_buf_cstr (&def), xn, xv, 2,
                cols, ncol);
  report_rows (r, f, k == GR_TRANSFERS ? xfer_figures : hangup_figures, report_row_out, o);
  cc_out_finish (o);
  cc_buf_free (&def);
  free (cols);
}

void
report_render_transfers (const report *r, fold *f, cc_format fmt, FILE *out)
{
  render_groups (GR_TRANSFERS, r, f, fmt, out);
}

void
report_render_hangup (const report *r, fold *f, cc_format fmt, FILE *out)
{
  render_groups (GR_HANGUP, r, f, fmt, out);
}
