/* ccivr-sim analyse: the exact exit shares and expected time in the IVR of a
   menu, as an absorbing Markov chain (ivr.md section 4.6).

   Semantics shared with run.c
   ===========================
   (The simulator must follow these rules so that, with patience off, its
   shares and mean times converge to what this file computes.)

   Probabilities of a node's outcomes.  An absent p_noinput, p_nomatch or
   p_hangup is 0.  Each node's outcome probabilities are taken relative to
   their sum (lint lets it differ from 1 by 0.001), and so are the three of
   an "asr" block.  Menu: options with "p" take it; the options without "p"
   share the rest (1 - given options - p_noinput - p_nomatch - p_hangup)
   equally.  Input: an absent p_valid is 1 - p_noinput - p_nomatch - p_hangup.
   Self-service: an absent p_complete is 1 - p_fail - p_hangup.  Prompt: hang
   up with p_hangup, else go to next.  An "asr" block on a menu (absent
   members 0): a chosen option is taken with p_correct, replaced with
   p_subst by another option drawn uniformly from the menu's other options
   (a "repeat" option included; with one option only, it is a rejection),
   and rejected with p_reject, which is a no-match.

   Retries (ivr.md 4.1).  Each menu and input node keeps a no-input and a
   no-match count, both reset to 0 whenever the node is entered from any
   transition other than its own replay; an option whose next is the node
   itself is an entry (counts reset).  A no-input with count < max_noinput
   adds one and replays the node; otherwise it goes to on_noinput (no-match
   alike).  With the handler unset the call ends at that node with reason
   system_hangup.  A "repeat" option replays the node and keeps both counts.

   "@parent".  The call remembers L, the last menu (type menu) entered, and
   P, the different menu entered before L (none at the start).  Entering menu
   M (not a replay) with M != L sets P = L, L = M; with M == L nothing
   changes.  A goto "@parent" goes to P, by the same rule (so L and P swap:
   going back twice returns).  With P none it goes to L, and with L none too
   to the start node.

   Hours nodes take the branch of the state given (analyse --hours, default
   open; the simulator: the local time of the moment the caller reaches the
   hours node); holiday unset = closed.

   Exits (exit_node, exit_reason, queue).  queue: to_queue, queue = its
   "queue" (p_misroute is ccroute's business, ignored here); voicemail:
   voicemail; hangup: system_hangup; end: its "outcome"; transfer:
   transfer_external.  A caller hang-up (p_hangup at a prompt, menu, input or
   self-service) exits at that node with reason: sim.hangup_after_self_service
   when given and ss_ok is set (a self-service task completed earlier in the
   call, set on taking on_complete), else the node's hangup_as, else
   abandon_ivr.  The analysis has no loop guard (run.c's error_loop after
   200 visits is assumed to be negligible).

   Time (added per pass through a node, replays included; means of the
   distributions: fixed v, exp mean, lognormal median*exp(sigma^2/2),
   uniform (min+max)/2, weibull scale*gamma(1+1/shape); absent 0).  Let P =
   prompt_est_s, and B = P*U with U uniform on [0,1) when barge_in is true,
   else B = P (so B's mean is P/2 with barge-in).
     prompt: P (whether played through or hung up);
     menu: option (repeat included, asr outcomes alike) or no-match: B +
       think_s; no-input: P + timeout_eff_s; hang-up: P;
     input: valid or no-match: B + entry_s (think_s when entry_s is absent);
       no-input: P + timeout_eff_s; hang-up: P;
     selfservice: P + duration_s for every outcome;
     queue, hangup, end, transfer: P;  voicemail: P + duration_s;
     hours, goto: 0.
   A per-exit mean time is E[time | that exit].  */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_diag.h"
#include "cc_out.h"
#include "analyse.h"
#include "cmds.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"
#define MAX_STATES iv_analyse_max_states

size_t iv_analyse_max_states = IV_AN_MAX_STATES;


/* A state of the chain.  */
typedef struct an_key
{
  int node; /* the node */
  int ni;   /* no-input count (menu, input) */
  int nm;   /* no-match count (menu, input) */
  int ss;   /* 1 once a self-service task completed (only with hangup_after_ss) */
  int last; /* L: the last menu entered, -1 none (only with "@parent") */
  int prev; /* P: the different menu entered before L, -1 none */
} an_key;

/* One transition out of a state.  */
typedef struct an_trans
{
  int to;   /* a state index >= 0, or -(exit index) - 1 */
  double p; /* its probability */
  double c; /* the mean time it adds, in seconds */
} an_trans;

/* One exit of the IVR.  */
typedef iv_exit_share an_exit;

/* The chain being built.  */
typedef struct an_chain
{
  const iv_menu *m;    /* the menu */
  int hours;           /* IV_E_OPEN, IV_E_CLOSED or IV_E_HOLIDAY */
  bool use_ss;         /* ss_ok matters (sim.hangup_after_self_service given) */
  bool use_parent;     /* L and P matter (a goto "@parent" exists) */
  an_key *keys;        /* the states, in discovery order */
  size_t n, cap;       /* how many, allocated */
  int32_t *hash;       /* open-addressing table of state indices, -1 empty */
  size_t hmask;        /* its size - 1 */
  an_trans *tr;        /* all transitions, grouped by state */
  size_t ntr, trcap;   /* how many, allocated */
  size_t *troff;       /* state i's transitions: tr[troff[i] .. troff[i+1]) */
  an_exit *exits;      /* the exits found */
  size_t nexits, ecap; /* how many, allocated */
} an_chain;

/* A hash of key K.  */
static size_t
key_hash (const an_key *k)
{
  uint64_t h = 1469598103934665603u;
  int v[6] = { k->node, k->ni, k->nm, k->ss, k->last, k->prev };
  for (int i = 0; i < 6; i++)
    {
      h ^= (uint32_t)v[i];
      h *= 1099511628211u;
    }
  return (size_t)(h ^ (h >> 29));
}

/* The index of state K in C, added when new.  */
static int
state_of (an_chain *c, an_key k)
{
  if (2 * (c->n + 1) > c->hmask + 1)
    {
      size_t size = (c->hmask + 1) * 2;
      int32_t *h = cc_xmalloc (size * sizeof *h);
      for (size_t i = 0; i < size; i++)
        h[i] = -1;
      for (size_t i = 0; i < c->n; i++)
        {
          size_t j = key_hash (&c->keys[i]) & (size - 1);
          while (h[j] >= 0)
            j = (j + 1) & (size - 1);
          h[j] = (int32_t)i;
        }
      free (c->hash);
      c->hash = h;
      c->hmask = size - 1;
    }
  size_t j = key_hash (&k) & c->hmask;
  for (; c->hash[j] >= 0; j = (j + 1) & c->hmask)
    if (memcmp (&c->keys[c->hash[j]], &k, sizeof k) == 0)
      return c->hash[j];
  if (c->n == c->cap)
    {
      c->cap = c->cap ? 2 * c->cap : 64;
      c->keys = cc_xrealloc (c->keys, c->cap * sizeof *c->keys);
    }
  c->keys[c->n] = k;
  c->hash[j] = (int32_t)c->n;
  return (int)c->n++;
}

/* True when exits A and B have the same reason and queue.  */
static bool
same_reason (const an_exit *a, const an_exit *b)
{
  return strcmp (a->reason, b->reason) == 0
         && (a->queue == b->queue || (a->queue && b->queue && strcmp (a->queue, b->queue) == 0));
}

/* The index of exit (NODE, REASON, QUEUE), added when new.  */
static int
exit_of (an_chain *c, int node, const char *reason, const char *queue)
{
  an_exit x = { node, reason, queue, 0, 0 };
  for (size_t i = 0; i < c->nexits; i++)
    if (c->exits[i].node == node && same_reason (&c->exits[i], &x))
      return (int)i;
  if (c->nexits == c->ecap)
    {
      c->ecap = c->ecap ? 2 * c->ecap : 16;
      c->exits = cc_xrealloc (c->exits, c->ecap * sizeof *c->exits);
    }
  c->exits[c->nexits] = (an_exit){ node, reason, queue, 0, 0 };
  return (int)c->nexits++;
}

/* Add a transition of probability P and mean time T to TO (see an_trans).  */
static void
add (an_chain *c, int to, double p, double t)
{
  if (p <= 0)
    return;
  if (c->ntr == c->trcap)
    {
      c->trcap = c->trcap ? 2 * c->trcap : 256;
      c->tr = cc_xrealloc (c->tr, c->trcap * sizeof *c->tr);
    }
  c->tr[c->ntr++] = (an_trans){ to, p, t };
}

/* Add a transition of probability P and mean time T to the exit (NODE,
   REASON, QUEUE), which is created only when P > 0.  */
static void
add_exit (an_chain *c, int node, const char *reason, const char *queue, double p, double t)
{
  if (p > 0)
    add (c, -exit_of (c, node, reason, queue) - 1, p, t);
}

/* The state reached from FROM by entering node TARGET (not a replay):
   counts reset, L and P updated when TARGET is a menu.  */
static an_key
enter (const an_chain *c, an_key from, int target)
{
  an_key k = from;
  k.node = target;
  k.ni = k.nm = 0;
  if (c->use_parent && c->m->nodes[target].type == IV_MENU && target != k.last)
    {
      k.prev = k.last;
      k.last = target;
    }
  return k;
}

/* Go from state FROM along reference R with probability P and time T:
   a node is entered, an unset reference ends the call at FROM's node with
   system_hangup.  */
static void
go (an_chain *c, an_key from, const iv_ref *r, double p, double t)
{
  if (!(p > 0))
    return; /* no state for what no caller reaches */
  if (r->node >= 0)
    add (c, state_of (c, enter (c, from, r->node)), p, t);
  else
    add_exit (c, from.node, "system_hangup", NULL, p, t);
}

/* The exit reason of a caller hang-up in state K.  */
static const char *
hangup_reason (const an_chain *c, an_key k)
{
  const iv_node *nd = &c->m->nodes[k.node];
  if (k.ss && c->m->hangup_after_ss)
    return c->m->hangup_after_ss;
  return nd->hangup_as ? nd->hangup_as : "abandon_ivr";
}

/* The no-input (NOINPUT true) or no-match outcome of state K of a menu or
   input node, probability P and time T: replay or handler.  */
static void
retry (an_chain *c, an_key k, bool noinput, double p, double t)
{
  const iv_node *nd = &c->m->nodes[k.node];
  int *count = noinput ? &k.ni : &k.nm;
  long max = noinput ? nd->max_noinput.v : nd->max_nomatch.v;
  if (!(p > 0))
    return;
  if (*count < max)
    {
      (*count)++;
      add (c, state_of (c, k), p, t);
    }
  else
    go (c, k, noinput ? &nd->on_noinput : &nd->on_nomatch, p, t);
}

/* The transitions of a menu state K.  */
static void
menu_out (an_chain *c, an_key k)
{
  const iv_node *nd = &c->m->nodes[k.node];
  size_t no = nd->noptions;
  double *q = cc_xcalloc (2 * no + 3, sizeof *q), *op = q + no;
  iv_node_outcomes (nd, op);
  double pni = op[no], pnm = op[no + 1], ph = op[no + 2];
  bool asr = iv_node_has_asr (nd);
  double ac = asr ? iv_p0 (&nd->asr_correct) : 1, as = asr ? iv_p0 (&nd->asr_subst) : 0;
  double ar = asr ? iv_p0 (&nd->asr_reject) : 0;
  /* Outcomes relative to their sum (lint allows 1 +- 0.001), as run.c
     draws them.  */
  double total = pni + pnm + ph, atot = ac + as + ar;
  for (size_t j = 0; j < no; j++)
    total += op[j];
  if (total > 0)
    pni /= total, pnm /= total, ph /= total;
  if (atot > 0)
    ac /= atot, as /= atot, ar /= atot;
  double nomatch = pnm;
  for (size_t j = 0; j < no; j++)
    {
      double pj = op[j];
      if (total > 0)
        pj /= total;
      q[j] += ac * pj;
      if (no > 1)
        for (size_t i = 0; i < no; i++)
          q[i] += i == j ? 0 : as * pj / (double)(no - 1);
      else
        nomatch += as * pj;
      nomatch += ar * pj;
    }
  double P = nd->prompt_est_s, B = nd->barge_in ? P / 2 : P;
  double key_t = B + iv_dist_mean (&nd->think_s);
  for (size_t j = 0; j < no; j++)
    if (!(q[j] > 0))
      continue;
    else if (nd->options[j].repeat)
      add (c, state_of (c, k), q[j], key_t);
    else
      go (c, k, &nd->options[j].next, q[j], key_t);
  free (q);
  retry (c, k, true, pni, P + nd->timeout_eff_s);
  retry (c, k, false, nomatch, key_t);
  add_exit (c, k.node, hangup_reason (c, k), NULL, ph, P);
}

/* The transitions of state K (a state of a node of any type).  */
static void
state_out (an_chain *c, an_key k)
{
  const iv_menu *m = c->m;
  const iv_node *nd = &m->nodes[k.node];
  double P = nd->prompt_est_s, B = nd->barge_in ? P / 2 : P;
  double ph = iv_p0 (&nd->p_hangup);
  double op[4]; /* an input's or a task's outcomes (iv_node_outcomes) */
  switch (nd->type)
    {
    case IV_PROMPT:
      go (c, k, &nd->next, 1 - ph, P);
      add_exit (c, k.node, hangup_reason (c, k), NULL, ph, P);
      break;
    case IV_MENU:
      menu_out (c, k);
      break;
    case IV_INPUT:
      {
        iv_node_outcomes (nd, op);
        double pv = op[0], pni = op[1], pnm = op[2];
        double total = (pv > 0 ? pv : 0) + pni + pnm + ph;
        if (total > 0)
          pv /= total, pni /= total, pnm /= total, ph /= total;
        double et = B + iv_dist_mean (nd->entry_s.kind != IV_DIST_NONE ? &nd->entry_s : &nd->think_s);
        go (c, k, &nd->on_valid, pv, et);
        retry (c, k, true, pni, P + nd->timeout_eff_s);
        retry (c, k, false, pnm, et);
        add_exit (c, k.node, hangup_reason (c, k), NULL, ph, P);
      }
      break;
    case IV_HOURS:
      {
        const iv_ref *r = c->hours == IV_E_OPEN ? &nd->open : &nd->closed;
        if (c->hours == IV_E_HOLIDAY && nd->holiday.name)
          r = &nd->holiday;
        go (c, k, r, 1, 0);
      }
      break;
    case IV_SELFSERVICE:
      {
        iv_node_outcomes (nd, op);
        double pc = op[0], pf = op[1];
        double total = (pc > 0 ? pc : 0) + pf + ph;
        if (total > 0)
          pc /= total, pf /= total, ph /= total;
        double t = P + iv_dist_mean (&nd->duration_s);
        an_key ok = k;
        ok.ss = c->use_ss;
        go (c, ok, &nd->on_complete, pc, t);
        go (c, k, &nd->on_fail, pf, t);
        add_exit (c, k.node, hangup_reason (c, k), NULL, ph, t);
      }
      break;
    case IV_GOTO:
      if (nd->target.node == IV_REF_PARENT)
        {
          int to = k.prev >= 0 ? k.prev : k.last >= 0 ? k.last : m->start.node;
          add (c, state_of (c, enter (c, k, to)), 1, 0); /* probability 1 */
        }
      else
        go (c, k, &nd->target, 1, 0);
      break;
    case IV_QUEUE:
      add_exit (c, k.node, "to_queue", nd->queue, 1, P);
      break;
    case IV_VOICEMAIL:
      add_exit (c, k.node, "voicemail", NULL, 1, P + iv_dist_mean (&nd->duration_s));
      break;
    case IV_HANGUP:
      add_exit (c, k.node, "system_hangup", NULL, 1, P);
      break;
    case IV_END:
      add_exit (c, k.node, nd->outcome ? nd->outcome : "end", NULL, 1, P);
      break;
    case IV_TRANSFER:
      add_exit (c, k.node, "transfer_external", NULL, 1, P);
      break;
    default:
      add_exit (c, k.node, "system_hangup", NULL, 1, P);
      break;
    }
}

/* The node of the first state of C from which no exit can be reached over
   transitions of probability above 0 (the chain is then not absorbing and
   I - Q is singular), or -1 when every state reaches one.  */
static int
trapped_node (const an_chain *c)
{
  size_t n = c->n;
  bool *ok = cc_xcalloc (n ? n : 1, sizeof *ok);
  bool changed = true;
  while (changed)
    {
      changed = false;
      for (size_t i = n; i-- > 0;)
        if (!ok[i])
          for (size_t t = c->troff[i]; t < c->troff[i + 1]; t++)
            if (c->tr[t].to < 0 || ok[c->tr[t].to])
              {
                ok[i] = changed = true;
                break;
              }
    }
  int bad = -1;
  for (size_t i = 0; i < n && bad < 0; i++)
    if (!ok[i])
      bad = c->keys[i].node;
  free (ok);
  return bad;
}

/* Build the reachable chain of C->m from its start node.  Returns 0, or -1
   when it has more than MAX_STATES states.  */
static int
build (an_chain *c)
{
  const iv_menu *m = c->m;
  c->use_ss = m->hangup_after_ss != NULL;
  for (size_t i = 0; i < m->nnodes; i++)
    c->use_parent |= m->nodes[i].type == IV_GOTO && m->nodes[i].target.node == IV_REF_PARENT;
  c->hmask = 63;
  c->hash = cc_xmalloc (64 * sizeof *c->hash);
  for (size_t i = 0; i < 64; i++)
    c->hash[i] = -1;
  an_key start = { -1, 0, 0, 0, -1, -1 };
  state_of (c, enter (c, start, m->start.node));
  size_t tcap = 0;
  for (size_t i = 0; i < c->n; i++)
    {
      if (c->n > MAX_STATES)
        return -1;
      if (i + 2 > tcap)
        {
          tcap = 2 * (i + 2);
          c->troff = cc_xrealloc (c->troff, tcap * sizeof *c->troff);
        }
      c->troff[i] = c->ntr;
      state_out (c, c->keys[i]);
    }
  if (c->n + 1 > tcap)
    c->troff = cc_xrealloc (c->troff, (c->n + 1) * sizeof *c->troff);
  c->troff[c->n] = c->ntr;
  return c->n > MAX_STATES ? -1 : 0;
}

/* Factor the N x N matrix A (row major) in place as PA = LU with partial
   pivoting, the row order into PIV.  */
static void
lu_factor (double *a, size_t n, size_t *piv)
{
  for (size_t i = 0; i < n; i++)
    piv[i] = i;
  for (size_t k = 0; k < n; k++)
    {
      size_t best = k;
      for (size_t i = k + 1; i < n; i++)
        if (fabs (a[i * n + k]) > fabs (a[best * n + k]))
          best = i;
      if (best != k)
        {
          for (size_t j = 0; j < n; j++)
            {
              double t = a[k * n + j];
              a[k * n + j] = a[best * n + j];
              a[best * n + j] = t;
            }
          size_t t = piv[k];
          piv[k] = piv[best];
          piv[best] = t;
        }
      double d = a[k * n + k];
      for (size_t i = k + 1; i < n; i++)
        {
          double f = a[i * n + k] / d;
          a[i * n + k] = f;
          if (f != 0)
            for (size_t j = k + 1; j < n; j++)
              a[i * n + j] -= f * a[k * n + j];
        }
    }
}

/* Solve A x = B with the factors of lu_factor; X (n values) may not be B.  */
static void
lu_solve (const double *a, size_t n, const size_t *piv, const double *b, double *x)
{
  for (size_t i = 0; i < n; i++)
    {
      double s = b[piv[i]];
      for (size_t j = 0; j < i; j++)
        s -= a[i * n + j] * x[j];
      x[i] = s;
    }
  for (size_t i = n; i-- > 0;)
    {
      double s = x[i];
      for (size_t j = i + 1; j < n; j++)
        s -= a[i * n + j] * x[j];
      x[i] = s / a[i * n + i];
    }
}

/* Solve A^T y = B with the factors of lu_factor (PA = LU, so A^T = U^T L^T P);
   W is scratch of n values.  */
static void
lu_solve_t (const double *a, size_t n, const size_t *piv, const double *b, double *w, double *y)
{
  for (size_t i = 0; i < n; i++)
    {
      double s = b[i];
      for (size_t j = 0; j < i; j++)
        s -= a[j * n + i] * w[j];
      w[i] = s / a[i * n + i];
    }
  for (size_t i = n; i-- > 0;)
    {
      double s = w[i];
      for (size_t j = i + 1; j < n; j++)
        s -= a[j * n + i] * w[j];
      w[i] = s;
    }
  for (size_t i = 0; i < n; i++)
    y[piv[i]] = w[i];
}

/* Solve the chain: expected visits per state into VISITS (n values, caller
   frees), the share and E[time; exit] of each exit, and the mean total
   time into *TOTAL_T.  */
static double *
solve (an_chain *c, double *total_t)
{
  size_t n = c->n, ne = c->nexits;
  double *a = cc_xcalloc (n * n, sizeof *a);
  for (size_t i = 0; i < n; i++)
    {
      a[i * n + i] += 1;
      for (size_t t = c->troff[i]; t < c->troff[i + 1]; t++)
        if (c->tr[t].to >= 0)
          a[i * n + (size_t)c->tr[t].to] -= c->tr[t].p;
    }
  size_t *piv = cc_xmalloc (n * sizeof *piv);
  lu_factor (a, n, piv);
  double *b = cc_xcalloc (n, sizeof *b), *w = cc_xmalloc (n * sizeof *w);
  double *v = cc_xmalloc (n * sizeof *v);
  b[0] = 1;
  lu_solve_t (a, n, piv, b, w, v);
  /* h[e][s]: the probability of leaving by exit e from state s.  */
  double *h = cc_xmalloc ((ne ? ne : 1) * n * sizeof *h);
  for (size_t e = 0; e < ne; e++)
    {
      for (size_t i = 0; i < n; i++)
        {
          b[i] = 0;
          for (size_t t = c->troff[i]; t < c->troff[i + 1]; t++)
            if (c->tr[t].to == -(int)e - 1)
              b[i] += c->tr[t].p;
        }
      lu_solve (a, n, piv, b, h + e * n);
    }
  *total_t = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t t = c->troff[i]; t < c->troff[i + 1]; t++)
      {
        const an_trans *x = &c->tr[t];
        double f = v[i] * x->p;
        *total_t += f * x->c;
        if (x->to < 0)
          {
            an_exit *e = &c->exits[-x->to - 1];
            e->share += f;
            e->tsum += f * x->c;
          }
        else
          for (size_t e = 0; e < ne; e++)
            c->exits[e].tsum += f * x->c * h[e * n + (size_t)x->to];
      }
  free (a);
  free (piv);
  free (b);
  free (w);
  free (h);
  return v;
}

/* Order of exits: by node (file order), reason, queue.  */
static int
exit_cmp (const void *x, const void *y)
{
  const an_exit *a = x, *b = y;
  if (a->node != b->node)
    return a->node < b->node ? -1 : 1;
  int r = strcmp (a->reason, b->reason);
  if (r)
    return r;
  return strcmp (a->queue ? a->queue : "", b->queue ? b->queue : "");
}

void
iv_analysis_by_reason (iv_analysis *a)
{
  size_t n = 0;
  for (size_t e = 0; e < a->nexits; e++)
    {
      an_exit x = a->exits[e];
      size_t k = 0;
      while (k < n && !same_reason (&a->exits[k], &x))
        k++;
      if (k == n)
        {
          x.node = -1;
          a->exits[n++] = x;
        }
      else
        {
          a->exits[k].share += x.share;
          a->exits[k].tsum += x.tsum;
        }
    }
  a->nexits = n;
  qsort (a->exits, a->nexits, sizeof *a->exits, exit_cmp);
}

void
iv_analysis_free (iv_analysis *a)
{
  free (a->exits);
  free (a->visits);
  *a = (iv_analysis){ 0 };
}

/* Free the chain C.  */
static void
chain_free (an_chain *c)
{
  free (c->keys);
  free (c->hash);
  free (c->tr);
  free (c->troff);
  free (c->exits);
}

/* Solve the chain of M (one kind of caller) and add its figures, weighted
   by W, to *A (exits merged by node, reason and queue).  */
static int
analyse_one (const iv_menu *m, int hours, double w, iv_analysis *a)
{
  an_chain c = { .m = m, .hours = hours };
  if (build (&c) != 0)
    {
      chain_free (&c);
      return IV_AN_TOO_BIG;
    }
  int trapped = trapped_node (&c);
  if (trapped >= 0)
    {
      a->bad_node = trapped;
      chain_free (&c);
      return IV_AN_TRAPPED;
    }
  double total_t;
  double *v = solve (&c, &total_t);
  for (size_t i = 0; i < c.n; i++)
    a->visits[c.keys[i].node] += w * v[i];
  a->total_s += w * total_t;
  for (size_t e = 0; e < c.nexits; e++)
    {
      const an_exit *x = &c.exits[e];
      size_t k = 0;
      while (k < a->nexits && !(a->exits[k].node == x->node && same_reason (&a->exits[k], x)))
        k++;
      if (k == a->nexits)
        {
          a->exits = cc_xrealloc (a->exits, (a->nexits + 1) * sizeof *a->exits);
          a->exits[a->nexits++] = (an_exit){ x->node, x->reason, x->queue, 0, 0 };
        }
      a->exits[k].share += w * x->share;
      a->exits[k].tsum += w * x->tsum;
    }
  free (v);
  chain_free (&c);
  return IV_AN_OK;
}

int
iv_analyse (const iv_menu *m, int hours, long seg, iv_analysis *a)
{
  *a = (iv_analysis){ 0 };
  a->bad_node = -1;
  a->visits = cc_xcalloc (m->nnodes ? m->nnodes : 1, sizeof *a->visits);
  int rc = IV_AN_OK;
  if (seg >= 0 || m->nsegments)
    {
      /* The segments that change no node behave as the menu's callers (for
         the chain, which has no patience): solved once, their shares
         together.  */
      double same = 0;
      for (size_t s = 0; seg < 0 && s < m->nsegments; s++)
        if (!m->segments[s].changes)
          same += m->segments[s].share_eff;
      if (same > 0)
        rc = analyse_one (m, hours, same, a);
      for (size_t s = seg >= 0 ? (size_t)seg : 0; rc == IV_AN_OK && s < m->nsegments; s++)
        {
          double w = seg >= 0 ? 1 : m->segments[s].share_eff;
          if (!(w > 0) || (seg < 0 && !m->segments[s].changes))
            continue; /* no callers, or solved with the menu's */
          iv_menu view;
          iv_menu_segment (m, s, &view);
          rc = analyse_one (&view, hours, w, a);
          if (rc == IV_AN_TRAPPED)
            a->bad_seg = m->segments[s].name;
          if (seg >= 0)
            break;
        }
    }
  else
    rc = analyse_one (m, hours, 1, a);
  if (rc != IV_AN_OK)
    {
      int bad = a->bad_node;
      const char *bs = a->bad_seg;
      iv_analysis_free (a);
      a->bad_node = bad;
      a->bad_seg = bs;
      return rc;
    }
  qsort (a->exits, a->nexits, sizeof *a->exits, exit_cmp);
  return IV_AN_OK;
}

/* Long options of analyse.  */
enum
{
  OPT_OUTPUT_FORMAT = CHAR_MAX + 1,
  OPT_HOURS,
  OPT_NODES,
  OPT_BY_REASON,
  OPT_SEGMENT,
  OPT_HELP,
  OPT_VERSION
};

static const struct option analyse_options[] = {
  { "output-format", required_argument, NULL, OPT_OUTPUT_FORMAT },
  { "hours", required_argument, NULL, OPT_HOURS },
  { "nodes", no_argument, NULL, OPT_NODES },
  { "by-reason", no_argument, NULL, OPT_BY_REASON },
  { "segment", required_argument, NULL, OPT_SEGMENT },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* Print the help of analyse and exit 0.  */
static _Noreturn void
analyse_help (void)
{
  static const char text[] = "\
Usage: ccivr-sim analyse [OPTION]... [MENU.json]\n\
Solve the IVR menu MENU.json (standard input when absent or -) as an\n\
absorbing Markov chain, with caller patience off: the exact share of calls\n\
leaving by each exit (exit_node, exit_reason, queue) and their mean time in\n\
the IVR, then a TOTAL row; with --nodes, the expected visits of each node\n\
per call instead.  See ccivr-sim(1) for the semantics.\n\
\n\
Options:\n\
      --hours=STATE        the branch of hours nodes: open (default), closed\n\
                           or holiday\n\
      --by-reason          one row per exit reason (and queue), exit_node\n\
                           empty\n\
      --nodes              expected visits per node (node, type, visits)\n\
      --segment=NAME       the callers of segment NAME only (default: all\n\
                           callers, the segments mixed by their shares)\n\
      --output-format=FMT  csv, jsonl, table or markdown (default: table on a\n\
                           terminal, else csv)\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 a menu with errors or a file that cannot be read,\n\
2 usage error.\n\
";
  cc_fwrite_checked (text, sizeof text - 1, stdout);
  exit (EXIT_SUCCESS);
}

/* Format X with DIGITS decimals into BUF (64 bytes), no negative zero.  */
static const char *
fmt_num (char *buf, double x, int digits)
{
  if (fabs (x) < 0.5 * pow (10, -digits))
    x = 0;
  snprintf (buf, 64, "%.*f", digits, x);
  return buf;
}

/* ccivr-sim analyse: ARGV[0] is the program name, the options follow.  */
int
iv_analyse_main (int argc, char **argv)
{
  cc_format fmt = isatty (STDOUT_FILENO) ? CC_FMT_TABLE : CC_FMT_CSV;
  int hours = IV_E_OPEN;
  bool nodes = false, by_reason = false;
  const char *segment = NULL;
  int opt;
  optind = 0;
  while ((opt = getopt_long (argc, argv, "", analyse_options, NULL)) != -1)
    switch (opt)
      {
      case OPT_OUTPUT_FORMAT:
        if (cc_format_parse (optarg, &fmt) != 0 || fmt == CC_FMT_AUTO || fmt == CC_FMT_HTML)
          cc_usage_error ("invalid --output-format '%s': csv, jsonl, table or markdown", optarg);
        break;
      case OPT_HOURS:
        if (strcmp (optarg, "open") == 0)
          hours = IV_E_OPEN;
        else if (strcmp (optarg, "closed") == 0)
          hours = IV_E_CLOSED;
        else if (strcmp (optarg, "holiday") == 0)
          hours = IV_E_HOLIDAY;
        else
          cc_usage_error ("invalid --hours '%s': open, closed or holiday", optarg);
        break;
      case OPT_NODES:
        nodes = true;
        break;
      case OPT_BY_REASON:
        by_reason = true;
        break;
      case OPT_SEGMENT:
        segment = optarg;
        break;
      case OPT_HELP:
        analyse_help ();
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        cc_usage_hint ();
      }
  if (argc - optind > 1)
    cc_usage_error ("analyse takes one MENU.json");
  const char *file = optind < argc ? argv[optind] : "-";
  iv_menu m;
  if (iv_menu_read (file, &m) != 0)
    return CC_EXIT_FAIL;
  long seg = -1;
  if (segment)
    {
      for (size_t s = 0; s < m.nsegments && seg < 0; s++)
        if (strcmp (m.segments[s].name, segment) == 0)
          seg = (long)s;
      if (seg < 0)
        {
          /* A bad option value: a usage error, naming the segments there are.  */
          cc_buf names = { 0 };
          for (size_t s = 0; s < m.nsegments; s++)
            cc_buf_printf (&names, "%s%s", s ? ", " : "", m.segments[s].name);
          char *list = cc_xmemdup (names.p ? names.p : "", names.n);
          cc_buf_free (&names);
          const char *id = m.id ? m.id : "";
          if (m.nsegments)
            cc_usage_error ("invalid --segment '%s': menu '%s' has the segments %s", segment, id,
                            list);
          cc_usage_error ("invalid --segment '%s': menu '%s' has no segments (sim.segments)",
                          segment, id);
        }
    }
  iv_analysis a;
  int rc = iv_analyse (&m, hours, seg, &a);
  if (rc == IV_AN_TOO_BIG)
    {
      cc_err ("%s: the chain of menu '%s' has more than %zu states", file, m.id ? m.id : "",
              MAX_STATES);
      iv_menu_free (&m);
      return CC_EXIT_FAIL;
    }
  if (rc == IV_AN_TRAPPED)
    {
      const iv_node *bad = &m.nodes[a.bad_node];
      iv_pos at = bad->pos;
      if (a.bad_seg)
        for (size_t s = 0; s < m.nsegments; s++)
          if (m.segments[s].name == a.bad_seg)
            at = m.segments[s].pos;
      cc_err_at (file, at.line, at.col,
                 "calls at node '%s'%s%s%s never leave the IVR: every path with a probability "
                 "above 0 loops",
                 bad->id, a.bad_seg ? " (segment '" : "", a.bad_seg ? a.bad_seg : "",
                 a.bad_seg ? "')" : "");
      iv_menu_free (&m);
      return CC_EXIT_FAIL;
    }
  cc_out *o = cc_out_new (stdout, fmt);
  char b1[64], b2[64];
  if (nodes)
    {
      static const cc_str cols[] = { { "node", 4 }, { "type", 4 }, { "visits", 6 } };
      cc_out_columns (o, cols, 3);
      for (size_t i = 0; i < m.nnodes; i++)
        {
          cc_val row[3] = { cc_v_str (m.nodes[i].id), cc_v_str (iv_type_name (m.nodes[i].type)),
                            cc_v_num (fmt_num (b1, a.visits[i], 6)) };
          cc_out_row (o, row, 3);
        }
    }
  else
    {
      static const cc_str cols[] = { { "exit_node", 9 },
                                     { "exit_reason", 11 },
                                     { "queue", 5 },
                                     { "share", 5 },
                                     { "mean_ivr_s", 10 } };
      cc_out_columns (o, cols, 5);
      if (by_reason)
        iv_analysis_by_reason (&a);
      for (size_t e = 0; e < a.nexits; e++)
        {
          const an_exit *x = &a.exits[e];
          cc_val row[5] = { x->node >= 0 ? cc_v_str (m.nodes[x->node].id) : cc_v_null (),
                            cc_v_str (x->reason), x->queue ? cc_v_str (x->queue) : cc_v_null (),
                            cc_v_num (fmt_num (b1, x->share, 6)),
                            cc_v_num (fmt_num (b2, x->share > 0 ? x->tsum / x->share : 0, 3)) };
          cc_out_row (o, row, 5);
        }
      cc_val row[5] = { cc_v_str ("TOTAL"), cc_v_null (), cc_v_null (),
                        cc_v_num (fmt_num (b1, 1, 6)), cc_v_num (fmt_num (b2, a.total_s, 3)) };
      cc_out_row (o, row, 5);
    }
  cc_out_finish (o);
  iv_analysis_free (&a);
  iv_menu_free (&m);
  return EXIT_SUCCESS;
}
