/* ccreport: classify records and fold them into per-group accumulators.  */
#include <config.h>

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_out.h"

/* Fields every report reads, in enum slot order.  */
static const char *const fixed_slots[S_FIXED] = {
  "id", "channel", "direction", "queue", "agent", "outcome", "arrived_at",
  "answered_at", "ended_at", "wait_s", "handle_s", "transfer", "hangup_by", "conversation_id",
};

void
report_slots (report *r)
{
  r->nslots = S_FIXED;
  r->slot_names = cc_xmalloc ((S_FIXED + r->nby + r->nwheres) * sizeof *r->slot_names);
  for (size_t i = 0; i < S_FIXED; i++)
    r->slot_names[i] = fixed_slots[i];
  r->by_slot = cc_xmalloc ((r->nby + 1) * sizeof *r->by_slot);
  /* A field named twice shares one slot.  */
  for (size_t i = 0; i < r->nby + r->nwheres; i++)
    {
      const char *name = i < r->nby ? r->by[i] : r->wheres[i - r->nby].field;
      size_t k;
      for (k = 0; k < r->nslots; k++)
        if (strcmp (r->slot_names[k], name) == 0)
          break;
      if (k == r->nslots)
        r->slot_names[r->nslots++] = name;
      if (i < r->nby)
        r->by_slot[i] = (int) k;
      else
        r->wheres[i - r->nby].slot = (int) k;
    }
}

const char *
report_header (void *rv, const cc_str *names, size_t n, const int32_t *slot)
{
  report *r = rv;
  static _Thread_local char why[256];
  (void) names;
  (void) n;
  for (size_t i = 0; i < r->nby; i++)
    if (slot[r->by_slot[i]] < 0)
      {
        snprintf (why, sizeof why, "no column '%s' (%s)", r->by[i],
                  r->kind == RK_AGENTS ? "needed by --report agents"
                  : r->kind == RK_PAUSES ? "needed by --report pauses" : "named by --by");
        return why;
      }
  for (size_t i = 0; i < r->nwheres; i++)
    if (slot[r->wheres[i].slot] < 0)
      {
        snprintf (why, sizeof why, "no column '%s' (named by --where)", r->wheres[i].field);
        return why;
      }
  if (r->interval && slot[S_ARRIVED] < 0)
    return "no column 'arrived_at' (needed by --interval)";
  if ((r->have_since || r->have_until) && slot[S_ARRIVED] < 0)
    return "no column 'arrived_at' (needed by --since and --until)";
  return NULL;
}

void *
fold_new (void *rv)
{
  fold *f = cc_xcalloc (1, sizeof *f);
  f->r = rv;
  f->tabsz = 64;
  f->tab = cc_xcalloc (f->tabsz, sizeof *f->tab);
  return f;
}

void
fold_free (void *rv, void *fv)
{
  fold *f = fv;
  (void) rv;
  if (!f)
    return;
  fold_free (rv, f->agents);
  fold_free (rv, f->ivals);
  conv_free (f);
  for (size_t i = 0; i < f->ng; i++)
    {
      cc_hist_free (&f->g[i]->a.wait);
      cc_hist_free (&f->g[i]->a.abandon_wait);
      free (f->g[i]->key);
      free (f->g[i]);
    }
  free (f->g);
  free (f->tab);
  free (f->kbuf);
  free (f);
}

/* FNV-1a over the key, mixed with the interval.  */
static uint64_t
key_hash (const char *k, size_t n, int64_t ival)
{
  uint64_t h = UINT64_C (1469598103934665603) ^ (uint64_t) ival * UINT64_C (0x9E3779B97F4A7C15);
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) k[i]) * UINT64_C (1099511628211);
  return h ^ (h >> 29);
}

/* Find or add the group with key K (N bytes) and interval IVAL.  */
static group *
lookup (fold *f, const char *k, size_t n, int64_t ival)
{
  group *l = f->last;
  if (l && l->ival == ival && l->keylen == n && (n == 0 || memcmp (l->key, k, n) == 0))
    return l;
  uint64_t h = key_hash (k, n, ival);
  size_t mask = f->tabsz - 1, i = (size_t) h & mask;
  for (; f->tab[i]; i = (i + 1) & mask)
    {
      group *g = f->g[f->tab[i] - 1];
      if (g->hash == h && g->ival == ival && g->keylen == n && (n == 0 || memcmp (g->key, k, n) == 0))
        return f->last = g;
    }
  group *g = cc_xcalloc (1, sizeof *g);
  g->key = cc_xmemdup (k, n);
  g->keylen = n;
  g->ival = ival;
  g->hash = h;
  if (f->ng == f->capg)
    {
      f->capg = f->capg ? f->capg * 2 : 16;
      f->g = cc_xrealloc (f->g, f->capg * sizeof *f->g);
    }
  f->g[f->ng++] = g;
  f->tab[i] = f->ng;
  if (f->ng * 2 > f->tabsz)
    {
      /* Grow the table and re-insert.  */
      free (f->tab);
      f->tabsz *= 2;
      f->tab = cc_xcalloc (f->tabsz, sizeof *f->tab);
      mask = f->tabsz - 1;
      for (size_t j = 0; j < f->ng; j++)
        {
          size_t s = (size_t) f->g[j]->hash & mask;
          while (f->tab[s])
            s = (s + 1) & mask;
          f->tab[s] = j + 1;
        }
    }
  return f->last = g;
}

void
acc_merge (acc *d, const acc *s)
{
  d->offered += s->offered;
  d->answered += s->answered;
  d->abandoned += s->abandoned;
  d->timeout += s->timeout;
  d->overflow += s->overflow;
  d->other += s->other;
  d->wait_sum = cc_add_checked (d->wait_sum, s->wait_sum);
  d->handled += s->handled;
  d->handle_sum = cc_add_checked (d->handle_sum, s->handle_sum);
  cc_hist_merge (&d->wait, &s->wait);
  cc_hist_merge (&d->abandon_wait, &s->abandon_wait);
  d->xfer += s->xfer;
  d->xfer_blind += s->xfer_blind;
  d->xfer_attended += s->xfer_attended;
  d->hang_caller += s->hang_caller;
  d->hang_agent += s->hang_agent;
}

acc *
fold_group (fold *f, const char *k, size_t n, int64_t ival)
{
  return &lookup (f, k, n, ival)->a;
}

void
fold_merge (void *rv, void *dv, void *sv)
{
  fold *d = dv, *s = sv;
  (void) rv;
  for (size_t i = 0; i < s->ng; i++)
    {
      group *g = s->g[i];
      acc_merge (&lookup (d, g->key, g->keylen, g->ival)->a, &g->a);
    }
  if (s->agents)
    {
      if (!d->agents)
        d->agents = fold_new (rv);
      fold_merge (rv, d->agents, s->agents);
    }
  if (s->ivals)
    {
      if (!d->ivals)
        d->ivals = fold_new (rv);
      fold_merge (rv, d->ivals, s->ivals);
    }
  if (s->conv)
    conv_merge (rv, d, s);
}

/* Parse timestamp slot S of ROW into *T; *HAVE says whether it is present.
   Returns NULL or a reason written into F->why.  */
static const char *
get_time (fold *f, const cc_row *row, int s, cc_usec *t, bool *have)
{
  const cc_val *v = cc_row_get (row, s);
  *have = v && v->kind != CC_NULL && v->n > 0;
  if (!*have)
    return NULL;
  if (cc_time_parse (v->p, v->n, t) != 0)
    {
      snprintf (f->why, sizeof f->why, "bad timestamp in %s: '%.*s'", fixed_slots[s],
                cc_val_quote_len (v), v->p);
      return f->why;
    }
  return NULL;
}

/* Parse seconds slot S of ROW into *US.  */
static const char *
get_secs (fold *f, const cc_row *row, int s, int64_t *us, bool *have)
{
  const cc_val *v = cc_row_get (row, s);
  *have = v && v->kind != CC_NULL && v->n > 0;
  if (!*have)
    return NULL;
  if (cc_num_parse_seconds (v->p, v->n, us) != 0)
    {
      snprintf (f->why, sizeof f->why, "bad number of seconds in %s: '%.*s'", fixed_slots[s],
                cc_val_quote_len (v), v->p);
      return f->why;
    }
  return NULL;
}

/* True when V is one of the values in L (case-insensitively when CI).  */
static bool
in_list (const vlist *l, const cc_val *v, bool ci)
{
  for (size_t i = 0; i < l->n; i++)
    if (ci ? cc_val_eq_ci (v, l->v[i]) : cc_val_eq (v, l->v[i]))
      return true;
  return false;
}

/* What an outcome means to the report.  */
enum outcome
{
  OC_OTHER,     /* anything else, or none */
  OC_ANSWERED,  /* answered, resolved, transferred: answered without answered_at */
  OC_ABANDONED, /* abandoned */
  OC_TIMEOUT,   /* timeout */
  OC_OVERFLOW   /* overflow */
};

/* Classify an outcome value, ignoring ASCII case.  */
static enum outcome
outcome_of (const cc_val *v)
{
  if (!v || v->kind == CC_NULL)
    return OC_OTHER;
  char t[12];
  if (v->n >= sizeof t || v->n < 7)
    return OC_OTHER;
  for (size_t i = 0; i < v->n; i++)
    t[i] = (char) (v->p[i] >= 'A' && v->p[i] <= 'Z' ? v->p[i] + 32 : v->p[i]);
  t[v->n] = '\0';
  switch (t[0])
    {
    case 'a':
      return strcmp (t, "answered") == 0 ? OC_ANSWERED
             : strcmp (t, "abandoned") == 0 ? OC_ABANDONED : OC_OTHER;
    case 'r':
      return strcmp (t, "resolved") == 0 ? OC_ANSWERED : OC_OTHER;
    case 't':
      return strcmp (t, "transferred") == 0 ? OC_ANSWERED
             : strcmp (t, "timeout") == 0 ? OC_TIMEOUT : OC_OTHER;
    case 'o':
      return strcmp (t, "overflow") == 0 ? OC_OVERFLOW : OC_OTHER;
    default:
      return OC_OTHER;
    }
}

/* Whole seconds, rounded up, of a non-negative duration in microseconds.  */
static uint64_t
ceil_secs (int64_t us)
{
  return (uint64_t) ((us + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
}

/* Write ROW to the --list output.  The first record fixes the columns of a
   CSV, table or markdown list; a later record with other fields is refused
   there (JSON Lines takes any).  */
static const char *
list_record (report *r, fold *f, const cc_row *row)
{
  if (!r->list_cols)
    {
      r->nlist_cols = row->n;
      r->list_cols = cc_xmalloc ((row->n + 1) * sizeof *r->list_cols);
      for (size_t i = 0; i < row->n; i++)
        {
          r->list_cols[i].p = cc_xmemdup (row->names[i].p, row->names[i].n);
          r->list_cols[i].n = row->names[i].n;
        }
      cc_out_columns (r->list_out, r->list_cols, r->nlist_cols);
    }
  else if (r->list_fmt != CC_FMT_JSONL)
    {
      bool same = row->n == r->nlist_cols;
      for (size_t i = 0; same && i < row->n; i++)
        same = row->names[i].n == r->list_cols[i].n
               && memcmp (row->names[i].p, r->list_cols[i].p, row->names[i].n) == 0;
      if (!same)
        {
          snprintf (f->why, sizeof f->why, "fields differ from the first listed record's "
                                           "(use --output-format jsonl)");
          return f->why;
        }
    }
  cc_out_record (r->list_out, row->names, row->vals, row->n);
  return NULL;
}

/* One classified record, as the accumulators take it.  */
typedef struct sample
{
  bool answered;     /* answered */
  enum outcome oc;   /* its outcome */
  int64_t wait;      /* wait, microseconds */
  bool hwait;        /* wait known */
  int64_t handle;    /* handle time, microseconds */
  bool hhandle;      /* handle time known */
  int xfer;          /* 0 none, 1 transferred, 2 blind, 3 attended */
  int hang;          /* 0 unknown, 1 caller, 2 agent */
} sample;

/* Add sample S to accumulator A.  */
static void
acc_add (acc *a, const sample *s)
{
  a->offered++;
  if (s->answered)
    {
      a->answered++;
      a->wait_sum = cc_add_checked (a->wait_sum, s->wait);
      cc_hist_add (&a->wait, ceil_secs (s->wait));
      if (s->hhandle)
        {
          a->handled++;
          a->handle_sum = cc_add_checked (a->handle_sum, s->handle);
        }
      if (s->xfer)
        {
          a->xfer++;
          a->xfer_blind += s->xfer == 2;
          a->xfer_attended += s->xfer == 3;
        }
      a->hang_caller += s->hang == 1;
      a->hang_agent += s->hang == 2;
    }
  else if (s->oc == OC_ABANDONED)
    {
      a->abandoned++;
      if (s->hwait)
        cc_hist_add (&a->abandon_wait, ceil_secs (s->wait));
    }
  else if (s->oc == OC_TIMEOUT)
    a->timeout++;
  else if (s->oc == OC_OVERFLOW)
    a->overflow++;
  else
    a->other++;
}

const char *
fold_row (void *fv, const cc_row *row)
{
  fold *f = fv;
  const report *r = f->r;
  const char *why;
  cc_usec arr = 0, ans = 0, end = 0;
  int64_t wait = 0, handle = 0;
  bool harr, hans, hend, hwait, hhandle;

  /* Read and check every field the report uses before filtering, so a bad
     value is reported whatever the filters.  */
  if ((why = get_time (f, row, S_ARRIVED, &arr, &harr))
      || (why = get_time (f, row, S_ANSWERED, &ans, &hans))
      || (why = get_time (f, row, S_ENDED, &end, &hend))
      || (why = get_secs (f, row, S_WAIT, &wait, &hwait))
      || (why = get_secs (f, row, S_HANDLE, &handle, &hhandle)))
    return why;

  const cc_val *dir = cc_row_get (row, S_DIRECTION);
  bool outbound = false;
  if (dir && dir->kind != CC_NULL && dir->n && !(dir->n == 7 && cc_val_eq_ci (dir, "inbound"))
      && !(outbound = dir->n == 8 && cc_val_eq_ci (dir, "outbound")))
    {
      snprintf (f->why, sizeof f->why, "bad direction: '%.*s' (inbound or outbound)",
                cc_val_quote_len (dir), dir->p);
      return f->why;
    }
  if ((r->dir == DIR_INBOUND && outbound) || (r->dir == DIR_OUTBOUND && !outbound))
    return NULL;

  if (r->have_since || r->have_until)
    {
      if (!harr)
        return "no arrived_at (needed by --since and --until)";
      if ((r->have_since && arr < r->since) || (r->have_until && arr >= r->until))
        return NULL;
    }
  if (r->queues.n && !in_list (&r->queues, cc_row_get (row, S_QUEUE), false))
    return NULL;
  if (r->agents.n && !in_list (&r->agents, cc_row_get (row, S_AGENT), false))
    return NULL;
  if (r->channels.n && !in_list (&r->channels, cc_row_get (row, S_CHANNEL), true))
    return NULL;
  for (size_t i = 0; i < r->nwheres; i++)
    {
      const where *w = &r->wheres[i];
      const cc_val *v = cc_row_get (row, w->slot);
      /* A missing field matches as the empty string, like a null one.  */
      int m = v ? cc_regex_match (w->re, v->p, v->n) : cc_regex_match (w->re, "", 0);
      if (m < 0)
        {
          snprintf (f->why, sizeof f->why, "--where %s: the pattern hit its match limit",
                    w->field);
          return f->why;
        }
      if (m == w->negate)
        return NULL;
    }

  /* Classify.  */
  const cc_val *out = cc_row_get (row, S_OUTCOME);
  enum outcome oc = outcome_of (out);
  bool answered = hans || oc == OC_ANSWERED;
  if (!hwait)
    {
      cc_usec to = answered ? ans : end;
      bool hto = answered ? hans : hend;
      if (harr && hto)
        {
          wait = to - arr;
          hwait = true;
          if (wait < 0)
            {
              snprintf (f->why, sizeof f->why, "%s is before arrived_at",
                        answered ? "answered_at" : "ended_at");
              return f->why;
            }
        }
    }
  if (answered && !hwait)
    return "answered but no wait: needs wait_s, or arrived_at and answered_at";
  if (answered && !hhandle && hans && hend)
    {
      handle = end - ans;
      hhandle = true;
      if (handle < 0)
        return "ended_at is before answered_at";
    }

  if (r->list != LIST_NONE)
    {
      bool want = r->list == LIST_ALL || (r->list == LIST_ANSWERED && answered)
                  || (r->list == LIST_ABANDONED && !answered && oc == OC_ABANDONED)
                  || (r->list == LIST_UNANSWERED && !answered);
      return want ? list_record ((report *) r, f, row) : NULL;
    }

  /* The group.  */
  size_t kn = 0;
  for (size_t i = 0; i < r->nby; i++)
    {
      const cc_val *v = cc_row_get (row, r->by_slot[i]);
      size_t need = kn + 4 + (v ? v->n : 0);
      if (need > f->kcap)
        {
          f->kcap = need * 2;
          f->kbuf = cc_xrealloc (f->kbuf, f->kcap);
        }
      uint32_t len = v && v->kind != CC_NULL ? v->n : UINT32_MAX;
      memcpy (f->kbuf + kn, &len, 4);
      kn += 4;
      if (len != UINT32_MAX)
        {
          memcpy (f->kbuf + kn, v->p, len);
          kn += len;
        }
    }
  int64_t ival = 0;
  if (r->interval)
    {
      if (!harr)
        return "no arrived_at (needed by --interval)";
      int64_t s = arr >= 0 ? arr / CC_USEC_PER_SEC : -((-arr + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
      ival = cc_interval_start (s, r->interval);
    }
  if (r->kind == RK_CONVERSATIONS)
    return conv_row (f, row, f->kbuf, kn, arr, harr, ans, hans, end, hend, answered);

  /* Transfers and hang-up side of answered interactions.  */
  int xk = 0, hs = 0;
  if (answered)
    {
      const cc_val *x = cc_row_get (row, S_TRANSFER);
      if (x && x->kind != CC_NULL && x->n)
        xk = cc_val_eq_ci (x, "blind") ? 2 : cc_val_eq_ci (x, "attended") ? 3 : 1;
      else if (out && cc_val_eq_ci (out, "transferred"))
        xk = 1;
      const cc_val *h = cc_row_get (row, S_HANGUP);
      if (h && h->kind != CC_NULL)
        hs = cc_val_eq_ci (h, "caller") ? 1 : cc_val_eq_ci (h, "agent") ? 2 : 0;
    }
  sample sm = { answered, oc, wait, hwait, handle, hhandle, xk, hs };
  acc_add (&lookup (f, f->kbuf, kn, ival)->a, &sm);
  if (r->charts)
    {
      if (!f->agents)
        f->agents = fold_new ((void *) r);
      if (!f->ivals)
        f->ivals = fold_new ((void *) r);
      const cc_val *ag = cc_row_get (row, S_AGENT);
      if (answered && ag && ag->kind != CC_NULL && ag->n)
        acc_add (&lookup (f->agents, ag->p, ag->n, 0)->a, &sm);
      if (harr)
        {
          int64_t s2 = arr >= 0 ? arr / CC_USEC_PER_SEC
                                : -((-arr + CC_USEC_PER_SEC - 1) / CC_USEC_PER_SEC);
          acc_add (&lookup (f->ivals, "", 0, cc_interval_start (s2, r->chart_interval))->a, &sm);
        }
    }
  return NULL;
}
