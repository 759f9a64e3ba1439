/* Replayed arrivals: interaction records read in file order, put back in
   arrival order by a reorder buffer of --reorder-window, and fed to the
   simulation (included by sim.c).

   Fields read: arrived_at (required), queue (else the queue whose skill is
   the first of skills, else [sim] default_queue),
   skills (extra skills required, name[:level]), priority, handle_s (else
   ended_at - answered_at, else the queue's handle distribution), patience_s
   (else: an abandoned record's observed wait; an answered one's observed wait
   plus a draw of the queue's patience, exact for exponential patience by its
   lack of memory; otherwise a draw), answered_at, ended_at, wait_s, outcome.
   Every field is written back, the simulated ones replaced.  */

enum
{
  S_ARRIVED_AT = 0,
  S_QUEUE,
  S_SKILLS,
  S_PRIORITY,
  S_HANDLE_S,
  S_PATIENCE_S,
  S_ANSWERED_AT,
  S_ENDED_AT,
  S_WAIT_S,
  S_OUTCOME,
  S_N
};
static const char *const slot_names[S_N] = { "arrived_at", "queue",       "skills",   "priority",
                                             "handle_s",   "patience_s",  "answered_at",
                                             "ended_at",   "wait_s",      "outcome" };

/* Pending marks for values drawn at injection.  */
#define DRAW_HANDLE (-1.0)
#define DRAW_PATIENCE (-1.0)

/* Free the reorder buffer.  */
static void
replay_free (sim *s)
{
  for (size_t i = 0; i < s->npend; i++)
    {
      pend *p = &s->pend[i];
      free (p->needs);
      hdr_release (s, p->rec->h);
      free (p->rec->vals);
      free (p->rec->data);
      free (p->rec);
    }
  free (s->pend);
  s->pend = NULL;
  s->npend = 0;
  if (s->cur_hdr && s->cur_hdr->refs == 0)
    hdr_free (s->cur_hdr);
  s->cur_hdr = NULL;
  for (size_t i = 0; i < s->nout_own; i++)
    free ((char *) s->out_names[i].p);
  free (s->out_names);
}

/* Nonzero when pending A comes before B.  */
static inline bool
pend_before (const pend *a, const pend *b)
{
  return a->arr_us != b->arr_us ? a->arr_us < b->arr_us : a->order < b->order;
}

/* Push P into the reorder heap.  */
static void
pend_push (sim *s, const pend *p)
{
  if (s->npend == s->cappend)
    {
      s->cappend = s->cappend ? s->cappend * 2 : 256;
      s->pend = cc_xrealloc (s->pend, s->cappend * sizeof *s->pend);
    }
  size_t i = s->npend++;
  while (i > 0)
    {
      size_t up = (i - 1) / 2;
      if (!pend_before (p, &s->pend[up]))
        break;
      s->pend[i] = s->pend[up];
      i = up;
    }
  s->pend[i] = *p;
}

/* Pop the earliest pending arrival into *P.  */
static void
pend_pop (sim *s, pend *p)
{
  *p = s->pend[0];
  pend last = s->pend[--s->npend];
  size_t n = s->npend, i = 0;
  for (;;)
    {
      size_t l = 2 * i + 1;
      if (l >= n)
        break;
      size_t r = l + 1;
      size_t c = r < n && pend_before (&s->pend[r], &s->pend[l]) ? r : l;
      if (!pend_before (&s->pend[c], &last))
        break;
      s->pend[i] = s->pend[c];
      i = c;
    }
  if (n)
    s->pend[i] = last;
}

/* Feed pending arrival P to the simulation (and make it the last arrival).  */
static void
inject (sim *s, pend *p)
{
  if (!s->t0_set)
    start (s, p->arr_us);
  double t = rel (s, p->arr_us);
  advance (s, t);
  if (t > s->now)
    s->now = t;
  uint32_t id = caller_new (s);
  caller *c = &s->c[id];
  const rt_queue *rq = &s->m->queues[p->queue];
  qrt *q = &s->q[p->queue];
  c->seq = ++s->seq;
  c->arr = t;
  c->prio = p->prio;
  c->rec = p->rec;
  c->needs = p->needs;
  c->nneed = p->nneed;
  /* Draws on the microsecond grid, as for generated arrivals.  */
  c->handle = p->handle == DRAW_HANDLE ? usec_grid (cc_dist_sample (&rq->handle, &q->r_handle))
                                       : p->handle;
  if (p->patience == DRAW_PATIENCE)
    c->patience = usec_grid (cc_dist_sample (&rq->patience, &q->r_pat));
  else if (p->patience < -1.0)
    /* -2 - w: an answered record's observed wait w plus a draw.  */
    c->patience = usec_grid (-2.0 - p->patience + cc_dist_sample (&rq->patience, &q->r_pat));
  else
    c->patience = p->patience;
  c->patience_at = t + c->patience;
  c->first = p->queue;
  s->meas_end = t;
  s->events++;
  enter_queue (s, id, p->queue);
  s->last_arr = t;
}

/* Grow the queue state arrays after the model made queue QI from its
   template.  */
static void
queue_grow (sim *s, size_t qi)
{
  s->q = cc_xrealloc (s->q, (qi + 1) * sizeof *s->q);
  s->qf = cc_xrealloc (s->qf, (qi + 1) * sizeof *s->qf);
  for (size_t k = s->nq; k <= qi; k++)
    {
      queue_init (s, k);
      memset (&s->qf[k], 0, sizeof s->qf[k]);
    }
  s->nq = qi + 1;
}

/* Parse a non-negative number of seconds; 0 or -1.  */
static int
secs_of (const cc_val *v, double *out)
{
  int64_t us;
  if (cc_num_parse_seconds (v->p, v->n, &us) != 0 || us < 0)
    return -1;
  *out = (double) us / 1e6;
  return 0;
}

/* The reason "WHAT 'VALUE'" for rejecting a record, formatted into s->why.  */
static const char *
why (sim *s, const char *what, const cc_val *v)
{
  snprintf (s->why, sizeof s->why, "%s '%.*s'", what, cc_val_quote_len (v), v->p);
  return s->why;
}

/* The header copy for ROW's names: the current one if equal, else a new
   one (which becomes current).  */
static hdr *
hdr_for (sim *s, const cc_row *row)
{
  hdr *h = s->cur_hdr;
  if (h && h->n == row->n)
    {
      bool same = true;
      for (size_t i = 0; same && i < row->n; i++)
        same = h->names[i].n == row->names[i].n
               && memcmp (h->names[i].p, row->names[i].p, row->names[i].n) == 0;
      if (same)
        return h;
    }
  if (h && h->refs == 0)
    hdr_free (h);
  h = cc_xmalloc (sizeof *h);
  h->refs = 0;
  h->n = row->n;
  h->names = cc_xmalloc ((row->n + 1) * sizeof *h->names);
  for (size_t i = 0; i < row->n; i++)
    {
      h->names[i].p = cc_xmemdup (row->names[i].p, row->names[i].n);
      h->names[i].n = row->names[i].n;
    }
  s->cur_hdr = h;
  return h;
}

/* Check that the output columns of a record with header H match the first
   record's, for formats with one set of columns.  NULL or a reason.  */
static const char *
check_columns (sim *s, const hdr *h)
{
  if (s->o->summary || s->o->out_fmt == CC_FMT_JSONL)
    return NULL;
  cc_str tmp[F_NSIM];
  size_t nt = 0;
  bool have[F_NSIM] = { false };
  for (size_t i = 0; i < h->n; i++)
    {
      int f = sim_field_index (h->names[i].p, h->names[i].n);
      if (f >= 0)
        have[f] = true;
    }
  for (int f = 0; f < F_NSIM; f++)
    if (!have[f])
      tmp[nt++] = (cc_str){ sim_field[f], strlen (sim_field[f]) };
  size_t n = h->n + nt;
  if (!s->out_names)
    {
      s->out_names = cc_xmalloc (n * sizeof *s->out_names);
      s->nout_names = n;
      s->nout_own = h->n;
      for (size_t i = 0; i < h->n; i++)
        s->out_names[i] = (cc_str){ cc_xmemdup (h->names[i].p, h->names[i].n), h->names[i].n };
      for (size_t i = 0; i < nt; i++)
        s->out_names[h->n + i] = tmp[i];
      return NULL;
    }
  bool same = n == s->nout_names;
  for (size_t i = 0; same && i < n; i++)
    {
      const cc_str *a = i < h->n ? &h->names[i] : &tmp[i - h->n];
      same = a->n == s->out_names[i].n && memcmp (a->p, s->out_names[i].p, a->n) == 0;
    }
  return same ? NULL
              : "fields differ from the first record's (use --output-format jsonl)";
}

/* The row function of the replay scan.  */
static const char *
replay_row (void *ctx, const cc_row *row)
{
  sim *s = ctx;
  const rt_model *m = s->m;
  const cc_val *v = cc_row_get (row, S_ARRIVED_AT);
  pend p = { 0 };
  if (!v || v->kind == CC_NULL)
    return "no arrived_at";
  if (cc_time_parse (v->p, v->n, &p.arr_us) != 0)
    return why (s, "bad arrived_at", v);
  if (s->t0_set && p.arr_us < to_us (s, s->last_arr))
    return "arrived_at is earlier than records already simulated "
           "(records must come in arrival order, within --reorder-window)";

  /* Extra skills.  */
  v = cc_row_get (row, S_SKILLS);
  if (v && v->kind != CC_NULL && v->n)
    {
      const char *q = v->p, *end = v->p + v->n;
      while (q < end)
        {
          const char *e = memchr (q, ';', (size_t) (end - q));
          if (!e)
            e = end;
          const char *colon = memchr (q, ':', (size_t) (e - q));
          const char *ne = colon ? colon : e;
          while (q < ne && *q == ' ')
            q++;
          while (ne > q && ne[-1] == ' ')
            ne--;
          if (ne > q)
            {
              int sk = rt_model_skill (m, q, (size_t) (ne - q));
              if (sk < 0)
                {
                  free (p.needs);
                  cc_val bad = { q, (uint32_t) (ne - q), CC_STR };
                  return why (s, "unknown skill", &bad);
                }
              int lvl = RT_LEVEL_MAX;
              if (colon)
                {
                  int64_t x;
                  const char *ls = colon + 1, *le = e;
                  while (ls < le && *ls == ' ')
                    ls++;
                  while (le > ls && le[-1] == ' ')
                    le--;
                  if (cc_num_parse_int (ls, (size_t) (le - ls), &x) != 0 || x < 0
                      || x > RT_LEVEL_MAX)
                    {
                      free (p.needs);
                      return why (s, "bad skill level in", v);
                    }
                  lvl = m->proficiency ? RT_LEVEL_MAX - (int) x : (int) x;
                }
              if (p.nneed >= 64)
                {
                  free (p.needs);
                  return "too many skills (at most 64)";
                }
              p.needs = cc_xrealloc (p.needs, (p.nneed + 1u) * sizeof *p.needs);
              p.needs[p.nneed].skill = sk;
              p.needs[p.nneed].max_level = lvl;
              p.nneed++;
            }
          q = e + 1;
        }
    }

  /* The queue.  */
  v = cc_row_get (row, S_QUEUE);
  int qi;
  if (!v || v->kind == CC_NULL || v->n == 0)
    {
      /* Routed by skills: the queue of the first skill named, else the
         default queue.  */
      qi = -1;
      for (size_t k = 0; p.nneed && k < m->nqueues && qi < 0; k++)
        if (m->queues[k].skill == p.needs[0].skill)
          qi = (int) k;
      if (qi < 0)
        qi = m->default_queue;
      if (qi < 0)
        {
          free (p.needs);
          return p.nneed ? "no queue has the first of its skills (and no default_queue in "
                           "the configuration)"
                         : "no queue (and no default_queue in the configuration)";
        }
    }
  else
    {
      qi = rt_model_queue (m, v->p, v->n);
      if (qi < 0)
        {
          qi = rt_model_add_queue (s->m, v->p, v->n);
          if (qi < 0)
            {
              free (p.needs);
              return why (s, "unknown queue", v);
            }
          queue_grow (s, (size_t) qi);
          cc_err ("warning: queue '%s' is not configured: made from [queue *], "
                  "nobody serves it",
                  m->queues[qi].name);
        }
    }
  const rt_queue *rq = &m->queues[qi];
  p.queue = qi;

  /* Priority.  */
  p.prio = rq->priority;
  v = cc_row_get (row, S_PRIORITY);
  if (v && v->kind != CC_NULL && v->n)
    {
      int64_t x;
      if (cc_num_parse_int (v->p, v->n, &x) != 0 || x < -1000000 || x > 1000000)
        {
          free (p.needs);
          return why (s, "bad priority", v);
        }
      p.prio = (int) x;
    }

  /* Observed times.  */
  cc_usec ans_us = 0, end_us = 0;
  bool has_ans = false, has_end = false;
  v = cc_row_get (row, S_ANSWERED_AT);
  if (v && v->kind != CC_NULL && v->n)
    {
      if (cc_time_parse (v->p, v->n, &ans_us) != 0)
        {
          free (p.needs);
          return why (s, "bad answered_at", v);
        }
      has_ans = true;
    }
  v = cc_row_get (row, S_ENDED_AT);
  if (v && v->kind != CC_NULL && v->n)
    {
      if (cc_time_parse (v->p, v->n, &end_us) != 0)
        {
          free (p.needs);
          return why (s, "bad ended_at", v);
        }
      has_end = true;
    }
  double wait = NAN;
  v = cc_row_get (row, S_WAIT_S);
  if (v && v->kind != CC_NULL && v->n)
    {
      if (secs_of (v, &wait) != 0)
        {
          free (p.needs);
          return why (s, "bad wait_s", v);
        }
    }
  else if (has_ans && ans_us >= p.arr_us)
    wait = (double) (ans_us - p.arr_us) / 1e6;
  const cc_val *ov = cc_row_get (row, S_OUTCOME);
  bool abandoned = ov && cc_val_eq (ov, "abandoned");
  if (abandoned && isnan (wait) && has_end && end_us >= p.arr_us)
    wait = (double) (end_us - p.arr_us) / 1e6;

  /* Handling time.  */
  v = cc_row_get (row, S_HANDLE_S);
  if (v && v->kind != CC_NULL && v->n)
    {
      if (secs_of (v, &p.handle) != 0)
        {
          free (p.needs);
          return why (s, "bad handle_s", v);
        }
    }
  else if (has_ans && has_end && end_us >= ans_us)
    p.handle = (double) (end_us - ans_us) / 1e6;
  else if (rq->has_handle)
    p.handle = DRAW_HANDLE;
  else
    {
      free (p.needs);
      snprintf (s->why, sizeof s->why,
                "no handle_s, and queue '%.*s' has no handle distribution",
                cc_utf8_cut (rq->name, strlen (rq->name), 60), rq->name);
      return s->why;
    }

  /* Patience.  */
  v = cc_row_get (row, S_PATIENCE_S);
  if (v && v->kind != CC_NULL && v->n)
    {
      if (cc_val_eq (v, "none"))
        p.patience = INFINITY;
      else if (secs_of (v, &p.patience) != 0)
        {
          free (p.needs);
          return why (s, "bad patience_s", v);
        }
    }
  else if (abandoned && !isnan (wait))
    p.patience = wait;
  else if (rq->patience.kind == CC_DIST_NONE)
    p.patience = INFINITY;
  else if (has_ans && !isnan (wait))
    p.patience = -2.0 - wait;
  else
    p.patience = DRAW_PATIENCE;

  /* Keep the record.  */
  hdr *h = hdr_for (s, row);
  const char *bad = check_columns (s, h);
  if (bad)
    {
      free (p.needs);
      if (h->refs == 0 && h != s->cur_hdr)
        hdr_free (h);
      return bad;
    }
  rrec *r = cc_xmalloc (sizeof *r);
  r->h = h;
  h->refs++;
  r->vals = cc_xmalloc ((row->n + 1) * sizeof *r->vals);
  size_t bytes = 0;
  for (size_t i = 0; i < row->n; i++)
    bytes += row->vals[i].n;
  r->data = cc_xmalloc (bytes + 1);
  size_t off = 0;
  for (size_t i = 0; i < row->n; i++)
    {
      memcpy (r->data + off, row->vals[i].p, row->vals[i].n);
      r->vals[i] = row->vals[i];
      r->vals[i].p = r->data + off;
      off += row->vals[i].n;
    }
  r->arr_us = p.arr_us;
  p.rec = r;
  p.order = s->seq + s->npend;

  /* Into the reorder buffer; out of it whatever is older than the window.  */
  pend_push (s, &p);
  if (p.arr_us > s->max_seen || s->npend == 1)
    s->max_seen = p.arr_us > s->max_seen || !s->any_arr ? p.arr_us : s->max_seen;
  s->any_arr = true;
  cc_usec win = (cc_usec) llround (s->o->reorder_s * 1e6);
  while (s->npend && s->pend[0].arr_us <= s->max_seen - win)
    {
      pend q;
      pend_pop (s, &q);
      inject (s, &q);
    }
  return NULL;
}

/* Replay FILES into S.  Returns 0 or 1.  */
static int
replay (sim *s, char *const *files, int nfiles)
{
  static const cc_slots slots = { slot_names, S_N };
  cc_scan_opts so = { 0 };
  so.format = s->o->in_fmt;
  so.slots = &slots;
  so.max_field = s->o->max_field;
  so.threads = 1;
  so.reject = s->o->reject;
  so.reject_name = s->o->reject_name;
  so.tool = s;
  so.ctx_new = cc_scan_self_new;
  so.ctx_merge = cc_scan_self_merge;
  so.ctx_free = cc_scan_self_free;
  so.row = replay_row;
  so.quiet = s->o->quiet;
  uint64_t rejected = 0;
  for (int i = 0; i < nfiles; i++)
    {
      void *ctx = s;
      cc_scan_result res;
      if (cc_scan (files[i], &so, &ctx, &res) != 0)
        return 1;
      rejected += res.rejected;
    }
  while (s->npend)
    {
      pend q;
      pend_pop (s, &q);
      inject (s, &q);
    }
  s->arr_done = true;
  if (rejected)
    cc_err ("%llu record%s rejected (see %s)", (unsigned long long) rejected,
            rejected == 1 ? "" : "s", s->o->reject_name);
  return 0;
}
