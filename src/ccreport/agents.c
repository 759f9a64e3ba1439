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

/* A row being built: the text of its cells in one buffer.  */
typedef struct rowb
{
  cc_buf text;   /* cell bytes */
  size_t *off;   /* start of each cell in text */
  size_t *len;   /* its length */
  uint8_t *kind; /* its kind (enum cc_kind) */
  size_t n, cap; /* cells used, allocated */
} rowb;

/* Append a cell of KIND holding P[0..N) to B.  */
static void
cell (rowb *b, uint8_t kind, const char *p, size_t n)
{
  if (b->n == b->cap)
    {
      b->cap = b->cap ? b->cap * 2 : 16;
      b->off = cc_xrealloc (b->off, b->cap * sizeof *b->off);
      b->len = cc_xrealloc (b->len, b->cap * sizeof *b->len);
      b->kind = cc_xrealloc (b->kind, b->cap * sizeof *b->kind);
    }
  b->off[b->n] = b->text.n;
  b->len[b->n] = n;
  b->kind[b->n] = kind;
  cc_buf_add (&b->text, p, n);
  b->n++;
}

static void
cell_null (rowb *b)
{
  cell (b, CC_NULL, "", 0);
}

static void
cell_u (rowb *b, uint64_t v)
{
  char t[24];
  int k = snprintf (t, sizeof t, "%llu", (unsigned long long) v);
  cell (b, CC_NUM, t, (size_t) k);
}

/* NUM/DEN with two decimals, or null when DEN is not above 0.  */
static void
cell_ratio (rowb *b, int64_t num, int64_t den)
{
  if (den <= 0)
    {
      cell_null (b);
      return;
    }
  char t[40];
  size_t k = cc_num_fixed (t, num, den, 2);
  cell (b, CC_NUM, t, k);
}

/* A duration of US microseconds as seconds with two decimals.  */
static void
cell_secs (rowb *b, int64_t us)
{
  cell_ratio (b, us, CC_USEC_PER_SEC);
}

/* Write B as one row to O and empty it.  */
static void
emit (cc_out *o, rowb *b)
{
  cc_val *v = cc_xmalloc ((b->n + 1) * sizeof *v);
  for (size_t i = 0; i < b->n; i++)
    {
      v[i].p = b->text.p + b->off[i];
      v[i].n = (uint32_t) b->len[i];
      v[i].kind = b->kind[i];
    }
  cc_out_row (o, v, b->n);
  free (v);
  b->n = 0;
  b->text.n = 0;
}

static void
rowb_free (rowb *b)
{
  cc_buf_free (&b->text);
  free (b->off);
  free (b->len);
  free (b->kind);
}

/* Decode the I-th --by column of G's key into *P, *N; returns false for
   null.  (The same decoding as render.c's.)  */
static bool
key_part (const group *g, size_t i, const char **p, uint32_t *n)
{
  size_t off = 0;
  for (size_t j = 0;; j++)
    {
      uint32_t len;
      memcpy (&len, g->key + off, 4);
      off += 4;
      if (j == i)
        {
          *p = g->key + off;
          *n = len == UINT32_MAX ? 0 : len;
          return len != UINT32_MAX;
        }
      if (len != UINT32_MAX)
        off += len;
    }
}

static const char *const dir_text[] = { "inbound", "outbound", "all" };

/* Start the output of report KIND on O: the definitions line DEF (table,
   markdown), the _meta record (JSON Lines: version, report, direction, the
   EXTRA values named EXTRA_NAMES, the definitions), and the NCOL column names
   COLS.  */
static void
start (const report *r, cc_out *o, const char *kind, const char *def, const cc_str *extra_names,
       const cc_val *extra, size_t nextra, const char *const *cols, size_t ncol)
{
  cc_out_comment (o, def);
  size_t nm = 5 + nextra;
  cc_str *mk = cc_xmalloc (nm * sizeof *mk);
  cc_val *mv = cc_xmalloc (nm * sizeof *mv);
  size_t k = 0;
  mk[k] = (cc_str){ "_meta", 5 }, mv[k++] = cc_v_str ("ccreport");
  mk[k] = (cc_str){ "version", 7 }, mv[k++] = cc_v_str (PACKAGE_VERSION);
  mk[k] = (cc_str){ "report", 6 }, mv[k++] = cc_v_str (kind);
  mk[k] = (cc_str){ "direction", 9 }, mv[k++] = cc_v_str (dir_text[r->dir]);
  for (size_t i = 0; i < nextra; i++)
    mk[k] = extra_names[i], mv[k++] = extra[i];
  mk[k] = (cc_str){ "definitions", 11 }, mv[k++] = cc_v_str (def);
  cc_out_meta (o, mk, mv, k);
  free (mk);
  free (mv);
  cc_str *c = cc_xmalloc ((ncol + 1) * sizeof *c);
  for (size_t i = 0; i < ncol; i++)
    c[i].p = cols[i], c[i].n = strlen (cols[i]);
  cc_out_columns (o, c, ncol);
  free (c);
}

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
      if (!key_part (g, 0, &p, &len) || len == 0)
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

/* Sums for the TOTAL row of the agent report.  */
typedef struct atotal
{
  uint64_t answered;     /* handled records */
  uint64_t handled;      /* of which with a known handle time */
  int64_t talk_us;       /* their handle times */
  int64_t wait_us;       /* waits of the handled records */
  uint64_t rna;          /* ring-no-answer events */
  uint64_t pauses;       /* pauses started */
  int64_t pause_us;      /* paused time */
  bool login_known;      /* some agent's login time is known */
  int64_t login_us;      /* logged-in time of the agents whose login is known */
  int64_t idle_us;       /* their idle time */
  int64_t talk_known_us; /* their talk */
} atotal;

/* The figures of one agent (records A, queue_log figures Q, either NULL) as
   cells of B, added to T.  LOG: the input was a queue_log.  */
static void
agent_figures (bool log, const acc *a, const cc_qlog_agent *q, rowb *b, atotal *t)
{
  static const acc none;
  if (!a)
    a = &none;
  cell_u (b, a->answered);
  cell_secs (b, a->handle_sum);
  cell_ratio (b, a->handle_sum, (int64_t) a->handled * CC_USEC_PER_SEC);
  cell_ratio (b, a->wait_sum, (int64_t) a->answered * CC_USEC_PER_SEC);
  t->answered += a->answered;
  t->handled += a->handled;
  t->talk_us += a->handle_sum;
  t->wait_us += a->wait_sum;
  if (!log)
    {
      for (int i = 0; i < 6; i++)
        cell_null (b);
      return;
    }
  uint64_t rna = q ? q->rna : 0, pauses = q ? q->pauses : 0;
  int64_t pause_us = q ? q->pause_us : 0;
  cell_u (b, rna);
  cell_u (b, pauses);
  cell_secs (b, pause_us);
  t->rna += rna;
  t->pauses += pauses;
  t->pause_us += pause_us;
  if (!q || !q->login_known)
    {
      for (int i = 0; i < 3; i++)
        cell_null (b);
      return;
    }
  int64_t idle = q->login_us - a->handle_sum - pause_us;
  if (idle < 0)
    idle = 0;
  cell_secs (b, q->login_us);
  cell_secs (b, idle);
  cell_ratio (b, a->handle_sum * 100, a->handle_sum + idle);
  t->login_known = true;
  t->login_us += q->login_us;
  t->idle_us += idle;
  t->talk_known_us += a->handle_sum;
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
                 PACKAGE_VERSION, dir_text[r->dir], (unsigned long long) none_rec,
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
  start (r, o, "agents", cc_buf_cstr (&def), xn, xv, 3, cols, sizeof cols / sizeof cols[0]);

  rowb b = { 0 };
  atotal t = { 0 };
  for (size_t i = 0; i < nrows; i++)
    {
      cell (&b, CC_STR, rows[i].name, rows[i].n);
      agent_figures (log, rows[i].a, rows[i].q, &b, &t);
      emit (o, &b);
    }
  if (r->total)
    {
      cell (&b, CC_STR, "TOTAL", 5);
      cell_u (&b, t.answered);
      cell_secs (&b, t.talk_us);
      cell_ratio (&b, t.talk_us, (int64_t) t.handled * CC_USEC_PER_SEC);
      cell_ratio (&b, t.wait_us, (int64_t) t.answered * CC_USEC_PER_SEC);
      if (!log)
        for (int i = 0; i < 6; i++)
          cell_null (&b);
      else
        {
          cell_u (&b, t.rna);
          cell_u (&b, t.pauses);
          cell_secs (&b, t.pause_us);
          if (t.login_known)
            {
              cell_secs (&b, t.login_us);
              cell_secs (&b, t.idle_us);
              cell_ratio (&b, t.talk_known_us * 100, t.talk_known_us + t.idle_us);
            }
          else
            for (int i = 0; i < 3; i++)
              cell_null (&b);
        }
      emit (o, &b);
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
  start (r, o, "pauses", cc_buf_cstr (&def), NULL, NULL, 0, cols, sizeof cols / sizeof cols[0]);

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
          login_us += q->login_us;
        }
      for (size_t k = 0; k < q->nreasons; k++)
        {
          const cc_qlog_pause *p = &q->reasons[k];
          cell (&b, CC_STR, rows[i].name, rows[i].n);
          cell (&b, CC_STR, p->reason, strlen (p->reason));
          cell_u (&b, p->pauses);
          cell_secs (&b, p->us);
          if (q->login_known)
            cell_ratio (&b, p->us * 100, q->login_us);
          else
            cell_null (&b);
          emit (o, &b);
          pauses += p->pauses;
          pause_us += p->us;
          if (q->login_known)
            known_pause_us += p->us;
        }
    }
  if (r->total)
    {
      cell (&b, CC_STR, "TOTAL", 5);
      cell_null (&b);
      cell_u (&b, pauses);
      cell_secs (&b, pause_us);
      if (login_known)
        cell_ratio (&b, known_pause_us * 100, login_us);
      else
        cell_null (&b);
      emit (o, &b);
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

/* The figures of accumulator A for report K as cells of B.  */
static void
group_figures (enum greport k, const acc *a, rowb *b)
{
  cell_u (b, a->answered);
  if (k == GR_TRANSFERS)
    {
      cell_u (b, a->xfer);
      cell_u (b, a->xfer_blind);
      cell_u (b, a->xfer_attended);
      cell_u (b, a->xfer - a->xfer_blind - a->xfer_attended);
      cell_ratio (b, (int64_t) a->xfer * 100, (int64_t) a->answered);
    }
  else
    {
      cell_u (b, a->hang_caller);
      cell_u (b, a->hang_agent);
      cell_u (b, a->answered - a->hang_caller - a->hang_agent);
      cell_ratio (b, (int64_t) a->hang_caller * 100, (int64_t) a->answered);
      cell_ratio (b, (int64_t) a->hang_agent * 100, (int64_t) a->answered);
    }
}

/* Add the counts of S that report K shows to D.  */
static void
group_add (acc *d, const acc *s)
{
  d->answered += s->answered;
  d->xfer += s->xfer;
  d->xfer_blind += s->xfer_blind;
  d->xfer_attended += s->xfer_attended;
  d->hang_caller += s->hang_caller;
  d->hang_agent += s->hang_agent;
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
  const char *const *fc = k == GR_TRANSFERS ? xcols : hcols;
  size_t ncol = r->nby + (r->interval ? 1 : 0) + 6;
  const char **cols = cc_xmalloc (ncol * sizeof *cols);
  size_t c = 0;
  for (size_t i = 0; i < r->nby; i++)
    cols[c++] = r->by[i];
  if (r->interval)
    cols[c++] = "interval";
  for (size_t i = 0; i < 6; i++)
    cols[c++] = fc[i];

  cc_buf def = { 0 };
  cc_buf_printf (&def, "ccreport %s: %s report of %s interactions; answered = has answered_at "
                       "(without it: outcome answered, resolved or transferred)",
                 PACKAGE_VERSION, k == GR_TRANSFERS ? "transfers" : "hangup", dir_text[r->dir]);
  if (k == GR_TRANSFERS)
    cc_buf_adds (&def, "; transferred = answered with a transfer value (blind, attended, any "
                       "other: other) or, without one, outcome transferred; transfer_rate = "
                       "transferred / answered x 100");
  else
    cc_buf_adds (&def, "; caller_hangup, agent_hangup = answered whose hangup_by is caller, "
                       "agent; unknown_hangup = the other answered; caller_rate, agent_rate = "
                       "caller_hangup, agent_hangup / answered x 100");
  const char *tz = cc_tz_name () ? cc_tz_name () : "UTC";
  if (r->interval)
    cc_buf_printf (&def, "; intervals of %lld s by arrived_at in %s", (long long) r->interval, tz);

  char iv[24];
  snprintf (iv, sizeof iv, "%lld", (long long) r->interval);
  cc_str xn[] = { { "interval_s", 10 }, { "tz", 2 } };
  cc_val xv[] = { r->interval ? cc_v_num (iv) : cc_v_null (), cc_v_str (tz) };
  cc_out *o = cc_out_new (out, fmt);
  start (r, o, k == GR_TRANSFERS ? "transfers" : "hangup", cc_buf_cstr (&def), xn, xv, 2, cols,
         ncol);

  report_sort (r, f);
  rowb b = { 0 };
  acc total = { 0 };
  bool grouped = r->nby || r->interval;
  for (size_t i = 0; i < f->ng; i++)
    {
      const group *g = f->g[i];
      for (size_t j = 0; j < r->nby; j++)
        {
          const char *p;
          uint32_t n;
          if (key_part (g, j, &p, &n))
            cell (&b, CC_STR, p, n);
          else
            cell_null (&b);
        }
      if (r->interval)
        {
          char t[48];
          size_t n = cc_time_format (t, g->ival * CC_USEC_PER_SEC, cc_tz_name () != NULL);
          cell (&b, CC_STR, t, n);
        }
      group_figures (k, &g->a, &b);
      emit (o, &b);
      group_add (&total, &g->a);
    }
  if (!grouped && f->ng == 0)
    {
      /* No records and no grouping: one row of zeros.  */
      group_figures (k, &total, &b);
      emit (o, &b);
    }
  else if (grouped && r->total)
    {
      for (size_t j = 0; j < r->nby + (r->interval ? 1 : 0); j++)
        if (j == 0)
          cell (&b, CC_STR, "TOTAL", 5);
        else
          cell_null (&b);
      group_figures (k, &total, &b);
      emit (o, &b);
    }
  cc_out_finish (o);
  rowb_free (&b);
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
