/* The --summary figures of a run (included by sim.c).

   One row per queue (the queue each interaction arrived in) and a TOTAL row:
     offered     interactions that arrived after the warm-up
     answered, abandoned, timeout, other (busy, no_agent, voicemail, overflow,
                 unserved)
     p_wait      share of offered that found no agent at once and queued
     p_abandon   abandoned / offered
     asa_s       mean wait of the answered
     mean_wait_s mean wait of all offered until answered or gone (unserved
                 ones, which never go, left out)
     sl          answered within the threshold / offered
     occupancy   of the agents serving the queue: their slot time worked
                 (ringing, talk, wrap-up, on any queue) / their logged-in time
                 x their capacity on the channels of the queues they serve
     mean_queue  time-average number of callers waiting
                 (both time averages run from the end of the warm-up to the
                 last arrival: the drain after it is left out)
     events      model events processed (TOTAL only)
     agents      agents serving the queue (TOTAL: all agents); 0 says that
                 nobody serves it
   With --batches, a 95 % confidence half-width (batch means, Student t) of
   p_wait, p_abandon, asa_s, mean_wait_s and sl follows each.  */

/* The two-sided 97.5 % quantile of Student's t with DF degrees of freedom.  */
static double
t975 (int df)
{
  static const double small[] = { 0, 12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469,
                                  2.3646, 2.3060, 2.2622, 2.2281 };
  if (df <= 10)
    return small[df < 1 ? 1 : df];
  /* Cornish-Fisher expansion about the normal quantile.  */
  double z = 1.959963985, n = df;
  double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
         + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

/* The five batch figures of F.  */
static void
batch_values (const fig *f, double v[5])
{
  double o = (double) f->offered;
  v[0] = o ? (double) f->queued / o : NAN;
  v[1] = o ? (double) f->abandoned / o : NAN;
  v[2] = f->answered ? f->wait_ans / (double) f->answered : NAN;
  v[3] = f->offered > f->unserved ? f->wait_all / (double) (f->offered - f->unserved) : NAN;
  v[4] = o ? (double) f->within / o : NAN;
}

/* Format X with D decimals into B (or null when not finite).  */
static cc_val
numv (char *b, double x, int d)
{
  if (!isfinite (x))
    return cc_v_null ();
  snprintf (b, 40, "%.*f", d, x);
  if (strcmp (b, "-0") == 0 || strncmp (b, "-0.", 3) == 0)
    {
      bool zero = true;
      for (const char *p = b + 1; *p; p++)
        zero &= *p == '0' || *p == '.';
      if (zero)
        memmove (b, b + 1, strlen (b));
    }
  return cc_v_num (b);
}

/* Write the summary.  */
static void
summary_write (sim *s)
{
  static const char *const base[] = { "queue",     "offered", "answered", "abandoned",
                                      "timeout",   "other",   "p_wait",   "p_abandon",
                                      "asa_s",     "mean_wait_s", "sl",   "occupancy",
                                      "mean_queue", "events" };
  static const char *const ci[] = { "p_wait_ci", "p_abandon_ci", "asa_s_ci", "mean_wait_s_ci",
                                    "sl_ci" };
  bool b = s->o->batches > 0;
  size_t n = 15 + (b ? 5 : 0);
  cc_str names[20];
  for (size_t i = 0; i < 14; i++)
    names[i] = (cc_str){ base[i], strlen (base[i]) };
  for (size_t i = 0; b && i < 5; i++)
    names[14 + i] = (cc_str){ ci[i], strlen (ci[i]) };
  names[n - 1] = (cc_str){ "agents", 6 };
  cc_out *o = cc_out_new (s->o->out, s->o->out_fmt);
  char note[200];
  snprintf (note, sizeof note,
            "sl: answered within %g s / offered; waits in seconds; warm-up %g s", s->sl,
            s->o->warmup_s);
  cc_out_comment (o, note);
  cc_out_columns (o, names, n);

  /* Batch half-widths from the blocks (the partial last block joins the
     last full one).  */
  double half[5] = { NAN, NAN, NAN, NAN, NAN };
  if (b)
    {
      size_t m = s->nblocks;
      if (m && s->cur_block.offered)
        fig_merge (&s->blocks[m - 1], &s->cur_block);
      if (m >= 2)
        for (int k = 0; k < 5; k++)
          {
            double sum = 0, sum2 = 0;
            size_t used = 0;
            for (size_t i = 0; i < m; i++)
              {
                double v[5];
                batch_values (&s->blocks[i], v);
                if (isnan (v[k]))
                  continue;
                sum += v[k];
                used++;
              }
            if (used < 2)
              continue;
            double mean = sum / (double) used;
            for (size_t i = 0; i < m; i++)
              {
                double v[5];
                batch_values (&s->blocks[i], v);
                if (!isnan (v[k]))
                  sum2 += (v[k] - mean) * (v[k] - mean);
              }
            double sd = sqrt (sum2 / (double) (used - 1));
            half[k] = t975 ((int) used - 1) * sd / sqrt ((double) used);
          }
    }

  /* Capacity time of each queue's agents, and of all.  */
  double *capq = cc_xcalloc (s->nq ? s->nq : 1, sizeof *capq);
  double capall = 0, workall = 0;
  double *workq = cc_xcalloc (s->nq ? s->nq : 1, sizeof *workq);
  for (size_t i = 0; i < s->nmb; i++)
    {
      const member *x = &s->mb[i];
      capq[x->queue] += s->ag[x->agent].logged_s * s->ag[x->agent].capsum;
      workq[x->queue] += s->ag[x->agent].work_s;
    }
  for (size_t a = 0; a < s->m->nagents; a++)
    {
      capall += s->ag[a].logged_s * s->ag[a].capsum;
      workall += s->ag[a].work_s;
    }
  double span = (s->arr_done && s->meas_end < s->tend ? s->meas_end : s->tend) - s->warm;
  for (size_t qi = 0; qi <= s->nq; qi++)
    {
      bool total = qi == s->nq;
      const fig *f = total ? &s->tot : &s->qf[qi];
      if (!total && f->offered == 0 && !s->m->queues[qi].rate && s->q[qi].nmembers == 0)
        continue;
      char bufs[20][40];
      cc_val v[20];
      v[0] = cc_v_str (total ? "TOTAL" : s->m->queues[qi].name);
      uint64_t cnt[5] = { f->offered, f->answered, f->abandoned, f->timeout, f->other };
      for (int k = 0; k < 5; k++)
        {
          snprintf (bufs[1 + k], 40, "%llu", (unsigned long long) cnt[k]);
          v[1 + k] = cc_v_num (bufs[1 + k]);
        }
      double bv[5];
      batch_values (f, bv);
      v[6] = numv (bufs[6], bv[0], 6);
      v[7] = numv (bufs[7], bv[1], 6);
      v[8] = numv (bufs[8], bv[2], 3);
      v[9] = numv (bufs[9], bv[3], 3);
      v[10] = numv (bufs[10], bv[4], 6);
      double occ = total ? (capall > 0 ? workall / capall : NAN)
                         : (capq[qi] > 0 ? workq[qi] / capq[qi] : NAN);
      v[11] = numv (bufs[11], occ, 6);
      double lq = NAN;
      if (span > 0)
        {
          if (total)
            {
              double a = 0;
              for (size_t k = 0; k < s->nq; k++)
                a += s->q[k].area;
              lq = a / span;
            }
          else
            lq = s->q[qi].area / span;
        }
      v[12] = numv (bufs[12], lq, 4);
      if (total)
        {
          snprintf (bufs[13], 40, "%llu", (unsigned long long) s->events);
          v[13] = cc_v_num (bufs[13]);
        }
      else
        v[13] = cc_v_null ();
      if (b)
        for (int k = 0; k < 5; k++)
          v[14 + k] = total ? numv (bufs[14 + k], half[k], k == 2 || k == 3 ? 3 : 6)
                            : cc_v_null ();
      snprintf (bufs[n - 1], 40, "%zu", total ? s->m->nagents : s->q[qi].nmembers);
      v[n - 1] = cc_v_num (bufs[n - 1]);
      cc_out_row (o, v, n);
    }
  free (capq);
  free (workq);
  cc_out_finish (o);
}
