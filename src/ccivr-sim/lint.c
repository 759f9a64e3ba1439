/* The lint checks of a loaded menu (ccivr-sim lint; see ccivr-sim(1)).

   iv_menu_load (menu.c) reports what is wrong with single keys: L001
   (document structure, types, required keys), L002 (references naming
   nothing), L003 (duplicate keys, option keys), L013 (calendar syntax) and
   L016 (queue hand-offs).  This file adds the checks that need the whole
   graph or several values at once: L002 for "@parent" with no previous
   menu, L004 to L015 and the time-zone part of L013.  L017 (analytic exit
   shares) needs the Markov analysis and is not here.

   The graph has one edge per reference written in the file; a goto to
   "@parent" has an edge to every menu that can be the previous menu on a
   caller's path to it.  */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_time.h"
#include "menu.h"

#define SUM_TOL 0.001      /* tolerance of a probability sum */
#define MAX_LEVELS 3       /* menu levels within which an agent must be offered */
#define MAX_MENU_OPTIONS 5 /* more options than callers remember */
#define MAX_RETRY_OK 5     /* more retries than is kind */
#define CYCLE_SHOWN 8      /* nodes of a cycle named in the message */

/* A graph in compressed rows: the successors of node i are
   to[off[i] .. off[i + 1]).  */
typedef struct graph
{
  size_t *off; /* n + 1 offsets */
  int *to;     /* the targets */
} graph;

/* The lint state.  */
typedef struct lt
{
  const iv_menu *m; /* the menu */
  iv_findings *f;   /* where findings go */
  size_t n;         /* nodes */
  graph fwd;        /* edges, "@parent" expanded */
  graph rev;        /* the same, reversed */
  bool *broken;     /* node has an unresolved reference or no type */
  int **parents;    /* per goto-@parent node: the possible parents, -1 ended */
  int *queue;       /* scratch BFS queue of n entries */
  unsigned *stamp;  /* scratch visit marks */
  unsigned gen;     /* the current mark */
  const char *seg;  /* L011 of a segment's nodes: its name, else NULL */
  cc_buf segb;      /* in_seg's text */
} lt;

/* " in segment 'NAME'" while checking a segment, else "" (static storage
   until the next call).  */
static const char *
in_seg (lt *T)
{
  if (!T->seg)
    return "";
  T->segb.n = 0;
  cc_buf_printf (&T->segb, " in segment '%s'", T->seg);
  return cc_buf_cstr (&T->segb);
}

/* Build in *G the graph of the COUNT pairs (FROM[k], TO[k]) over N nodes.  */
static void
graph_build (graph *g, size_t n, const int *from, const int *to, size_t count)
{
  g->off = cc_xcalloc (n + 1, sizeof *g->off);
  g->to = cc_xmalloc ((count ? count : 1) * sizeof *g->to);
  for (size_t k = 0; k < count; k++)
    g->off[from[k] + 1]++;
  for (size_t i = 0; i < n; i++)
    g->off[i + 1] += g->off[i];
  size_t *fill = cc_xmalloc ((n + 1) * sizeof *fill);
  memcpy (fill, g->off, (n + 1) * sizeof *fill);
  for (size_t k = 0; k < count; k++)
    g->to[fill[from[k]]++] = to[k];
  free (fill);
}

/* Free graph G.  */
static void
graph_free (graph *g)
{
  free (g->off);
  free (g->to);
}

/* Start a new visit (every node unmarked).  */
static void
new_visit (lt *T)
{
  if (++T->gen == 0)
    {
      memset (T->stamp, 0, T->n * sizeof *T->stamp);
      T->gen = 1;
    }
}

/* Collect into the NULL-free list *OUT (-1 ended, caller frees) the menus
   met walking backwards from the predecessors of each node in SEEDS (-1
   ended) over G, without going past a menu.  */
static int *
back_to_menus (lt *T, const graph *g, const int *seeds)
{
  const iv_menu *m = T->m;
  new_visit (T);
  size_t head = 0, tail = 0, nout = 0;
  int *out = cc_xmalloc ((T->n + 1) * sizeof *out);
  for (const int *s = seeds; *s >= 0; s++)
    for (size_t k = g->off[*s]; k < g->off[*s + 1]; k++)
      {
        int p = g->to[k];
        if (T->stamp[p] != T->gen)
          {
            T->stamp[p] = T->gen;
            T->queue[tail++] = p;
          }
      }
  while (head < tail)
    {
      int v = T->queue[head++];
      if (m->nodes[v].type == IV_MENU)
        {
          out[nout++] = v;
          continue;
        }
      for (size_t k = g->off[v]; k < g->off[v + 1]; k++)
        {
          int p = g->to[k];
          if (T->stamp[p] != T->gen)
            {
              T->stamp[p] = T->gen;
              T->queue[tail++] = p;
            }
        }
    }
  out[nout] = -1;
  return out;
}

/* Build the graphs of T: the written edges, then the "@parent" edges.  */
static void
build_graphs (lt *T)
{
  const iv_menu *m = T->m;
  size_t cap = 64, count = 0;
  int *from = cc_xmalloc (cap * sizeof *from), *to = cc_xmalloc (cap * sizeof *to);
  iv_edge e[16];
  for (size_t i = 0; i < T->n; i++)
    {
      if (m->nodes[i].type < 0)
        T->broken[i] = true;
      size_t ne = iv_node_edges (m, i, e);
      for (size_t k = 0; k < ne; k++)
        {
          int t = e[k].ref->node;
          if (t == IV_REF_NONE)
            T->broken[i] = true;
          if (t < 0)
            continue;
          if (count == cap)
            {
              cap *= 2;
              from = cc_xrealloc (from, cap * sizeof *from);
              to = cc_xrealloc (to, cap * sizeof *to);
            }
          from[count] = (int)i;
          to[count++] = t;
        }
    }
  graph rev0;
  graph_build (&rev0, T->n, to, from, count);
  for (size_t i = 0; i < T->n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      if (nd->type != IV_GOTO || nd->target.node != IV_REF_PARENT)
        continue;
      int seed[2] = { (int)i, -1 };
      int *current = back_to_menus (T, &rev0, seed);
      T->parents[i]
          = current[0] >= 0 ? back_to_menus (T, &rev0, current) : cc_xcalloc (1, sizeof (int));
      if (current[0] < 0)
        T->parents[i][0] = -1;
      free (current);
      for (int *p = T->parents[i]; *p >= 0; p++)
        {
          if (count == cap)
            {
              cap *= 2;
              from = cc_xrealloc (from, cap * sizeof *from);
              to = cc_xrealloc (to, cap * sizeof *to);
            }
          from[count] = (int)i;
          to[count++] = *p;
        }
    }
  graph_free (&rev0);
  graph_build (&T->fwd, T->n, from, to, count);
  graph_build (&T->rev, T->n, to, from, count);
  free (from);
  free (to);
}

/* Mark (with a new visit) every node reachable over G from the nodes I
   with SEED[I] true; returns how many were marked.  */
static size_t
reach (lt *T, const graph *g, const bool *seed)
{
  new_visit (T);
  size_t head = 0, tail = 0;
  for (size_t i = 0; i < T->n; i++)
    if (seed[i])
      {
        T->stamp[i] = T->gen;
        T->queue[tail++] = (int)i;
      }
  while (head < tail)
    {
      int v = T->queue[head++];
      for (size_t k = g->off[v]; k < g->off[v + 1]; k++)
        if (T->stamp[g->to[k]] != T->gen)
          {
            T->stamp[g->to[k]] = T->gen;
            T->queue[tail++] = g->to[k];
          }
    }
  return tail;
}

/* True when the visit just made marked node I.  */
static bool
marked (const lt *T, size_t i)
{
  return T->stamp[i] == T->gen;
}

/* L004: nodes unreachable from the start.  */
static void
check_unreachable (lt *T)
{
  const iv_menu *m = T->m;
  if (m->start.node < 0)
    return;
  bool *seed = cc_xcalloc (T->n, sizeof *seed);
  seed[m->start.node] = true;
  reach (T, &T->fwd, seed);
  for (size_t i = 0; i < T->n; i++)
    if (!marked (T, i))
      iv_report (T->f, m->nodes[i].pos, 4, IV_WARNING, "node '%s' is unreachable from start '%s'",
                 m->nodes[i].id, m->start.name);
  free (seed);
}

/* True when node ND may end a call without a written edge: a terminal, or a
   menu or input whose missing handler hangs up.  */
static bool
has_exit (const iv_node *nd)
{
  if (iv_type_terminal (nd->type))
    return true;
  return (nd->type == IV_MENU || nd->type == IV_INPUT)
         && (!nd->on_noinput.name || !nd->on_nomatch.name);
}

/* L002 for "@parent" with no previous menu, L007 dead ends and L005 nodes
   with no way out.  */
static void
check_exits (lt *T)
{
  const iv_menu *m = T->m;
  bool *seed = cc_xcalloc (T->n, sizeof *seed);
  iv_edge e[16];
  for (size_t i = 0; i < T->n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      seed[i] = T->broken[i] || has_exit (nd);
      if (nd->type < 0)
        continue;
      if (T->parents[i] && T->parents[i][0] < 0)
        {
          iv_report (T->f, nd->target.pos, 2, IV_ERROR,
                     "'target' of node '%s' goes to '@parent', but no menu comes before "
                     "the menu it is reached from",
                     nd->id);
          seed[i] = true;
        }
      if (!iv_type_terminal (nd->type) && iv_node_edges (m, i, e) == 0)
        {
          iv_report (T->f, nd->pos, 7, IV_ERROR, "dead end: %s node '%s' leads nowhere",
                     iv_type_name (nd->type), nd->id);
          seed[i] = true;
        }
    }
  reach (T, &T->rev, seed);
  for (size_t i = 0; i < T->n; i++)
    if (!marked (T, i))
      iv_report (T->f, m->nodes[i].pos, 5, IV_ERROR,
                 "no way out of node '%s': every path from it loops without reaching a "
                 "queue, voicemail, hangup, end or transfer",
                 m->nodes[i].id);
  free (seed);
}

/* True for the node types a call passes without caller input.  */
static bool
no_input (int t)
{
  return t == IV_PROMPT || t == IV_GOTO || t == IV_HOURS;
}

/* L006: cycles of prompt, goto and hours nodes.  */
static void
check_silent_cycles (lt *T)
{
  const iv_menu *m = T->m;
  size_t n = T->n;
  /* Peel off nodes with no successor or no predecessor in the subgraph:
     what is left lies on a cycle or between cycles.  */
  size_t *indeg = cc_xcalloc (n, sizeof *indeg), *outdeg = cc_xcalloc (n, sizeof *outdeg);
  bool *in = cc_xcalloc (n, sizeof *in);
  for (size_t i = 0; i < n; i++)
    in[i] = no_input (m->nodes[i].type);
  for (size_t i = 0; i < n; i++)
    if (in[i])
      for (size_t k = T->fwd.off[i]; k < T->fwd.off[i + 1]; k++)
        if (in[T->fwd.to[k]])
          {
            outdeg[i]++;
            indeg[T->fwd.to[k]]++;
          }
  size_t tail = 0, head = 0;
  for (size_t i = 0; i < n; i++)
    if (in[i] && (!indeg[i] || !outdeg[i]))
      {
        in[i] = false;
        T->queue[tail++] = (int)i;
      }
  while (head < tail)
    {
      int v = T->queue[head++];
      for (size_t k = T->fwd.off[v]; k < T->fwd.off[v + 1]; k++)
        {
          int w = T->fwd.to[k];
          if (in[w] && --indeg[w] == 0)
            {
              in[w] = false;
              T->queue[tail++] = w;
            }
        }
      for (size_t k = T->rev.off[v]; k < T->rev.off[v + 1]; k++)
        {
          int w = T->rev.to[k];
          if (in[w] && no_input (m->nodes[w].type) && --outdeg[w] == 0)
            {
              in[w] = false;
              T->queue[tail++] = w;
            }
        }
    }
  /* Walk from each node left until a node repeats: the cycle is from there.  */
  size_t *step = cc_xcalloc (n, sizeof *step);
  bool *done = cc_xcalloc (n, sizeof *done);
  int *path = cc_xmalloc ((n + 1) * sizeof *path);
  for (size_t i = 0; i < n; i++)
    {
      if (!in[i] || done[i])
        continue;
      size_t len = 0;
      int v = (int)i;
      while (!done[v] && !step[v])
        {
          path[len] = v;
          step[v] = ++len;
          int nx = -1;
          for (size_t k = T->fwd.off[v]; k < T->fwd.off[v + 1] && nx < 0; k++)
            if (in[T->fwd.to[k]])
              nx = T->fwd.to[k];
          v = nx;
        }
      if (!done[v])
        {
          size_t from = step[v] - 1;
          size_t first = from; /* the cycle's node written first in the file */
          for (size_t k = from; k < len; k++)
            if (m->nodes[path[k]].pos.line < m->nodes[path[first]].pos.line
                || (m->nodes[path[k]].pos.line == m->nodes[path[first]].pos.line
                    && m->nodes[path[k]].pos.col < m->nodes[path[first]].pos.col))
              first = k;
          size_t clen = len - from;
          cc_buf b = { 0 };
          for (size_t k = 0; k <= clen && k <= CYCLE_SHOWN; k++)
            {
              if (k == CYCLE_SHOWN && k < clen)
                {
                  cc_buf_adds (&b, " -> ...");
                  break;
                }
              cc_buf_printf (&b, "%s%s", k ? " -> " : "",
                             m->nodes[path[from + (first - from + k) % clen]].id);
            }
          iv_report (T->f, m->nodes[path[first]].pos, 6, IV_ERROR, "cycle with no caller input: %s",
                     cc_buf_cstr (&b));
          cc_buf_free (&b);
        }
      for (size_t k = 0; k < len; k++)
        {
          done[path[k]] = true;
          step[path[k]] = 0;
        }
    }
  free (step);
  free (done);
  free (path);
  free (indeg);
  free (outdeg);
  free (in);
}

/* L008 missing handlers, L009 option counts, L012 option shares and L014
   timeouts and retries.  */
static void
check_menus (lt *T)
{
  const iv_menu *m = T->m;
  static const char *const ev[2] = { "noinput", "nomatch" };
  static const char *const said[2] = { "no-input", "no-match" };
  static const char *const saids[2] = { "no-inputs", "no-matches" };
  for (size_t i = 0; i < T->n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      if (nd->type != IV_MENU && nd->type != IV_INPUT)
        continue;
      const iv_ref *h[2] = { &nd->on_noinput, &nd->on_nomatch };
      const iv_int *mx[2] = { &nd->max_noinput, &nd->max_nomatch };
      for (int k = 0; k < 2; k++)
        {
          if (!h[k]->name && mx[k]->v == 0)
            iv_report (T->f, mx[k]->pos.line ? mx[k]->pos : nd->pos, 8, IV_WARNING,
                       "node '%s' has 'max_%s' 0 and no 'on_%s': the first %s hangs up", nd->id,
                       ev[k], ev[k], said[k]);
          else if (!h[k]->name)
            iv_report (T->f, nd->pos, 8, IV_WARNING,
                       "node '%s' has no 'on_%s': the call is hung up after %ld %s", nd->id, ev[k],
                       mx[k]->v + 1, mx[k]->v ? saids[k] : said[k]);
          if (mx[k]->pos.line && mx[k]->v > MAX_RETRY_OK)
            iv_report (T->f, mx[k]->pos, 14, IV_WARNING,
                       "'max_%s' of node '%s' is %ld: more than %d replays tire callers", ev[k],
                       nd->id, mx[k]->v, MAX_RETRY_OK);
        }
      if (nd->timeout_s.pos.line && (nd->timeout_s.v < 2 || nd->timeout_s.v > 30))
        iv_report (T->f, nd->timeout_s.pos, 14, IV_WARNING,
                   "'timeout_s' of node '%s' is %g: callers need 2 to 30 seconds", nd->id,
                   nd->timeout_s.v);
      if (nd->type != IV_MENU || !nd->options_pos.line)
        continue;
      if (nd->noptions <= 1)
        iv_report (T->f, nd->options_pos, 9, IV_WARNING, "menu '%s' has %s: a menu offers a choice",
                   nd->id, nd->noptions ? "only one option" : "no options");
      else if (nd->noptions > MAX_MENU_OPTIONS)
        iv_report (T->f, nd->options_pos, 9, IV_WARNING,
                   "menu '%s' has %zu options: callers remember %d at most", nd->id, nd->noptions,
                   MAX_MENU_OPTIONS);
      size_t with = 0;
      for (size_t k = 0; k < nd->noptions; k++)
        with += !isnan (nd->options[k].p.v);
      for (size_t k = 0; k < nd->noptions; k++)
        {
          const iv_option *o = &nd->options[k];
          if (with && isnan (o->p.v))
            iv_report (T->f, o->pos, 12, IV_WARNING,
                       "option '%c' of node '%s' has no 'p' while others have: it gets an "
                       "equal share of what is left",
                       o->key, nd->id);
          if (!isnan (o->p.v) && o->key == '*' && !o->repeat)
            iv_report (T->f, o->p.pos, 12, IV_WARNING,
                       "option '*' of node '%s' has a 'p' but is not a repeat: callers press "
                       "'*' to hear the menu again",
                       nd->id);
          if (!isnan (o->p.v) && o->key == '#' && o->repeat)
            iv_report (T->f, o->p.pos, 12, IV_WARNING,
                       "option '#' of node '%s' has a 'p' but is a repeat: callers press '#' "
                       "to go back",
                       nd->id);
        }
    }
  if (m->def_timeout_s.pos.line && (m->def_timeout_s.v < 2 || m->def_timeout_s.v > 30))
    iv_report (T->f, m->def_timeout_s.pos, 14, IV_WARNING,
               "'timeout_s' of defaults is %g: callers need 2 to 30 seconds", m->def_timeout_s.v);
  if (m->def_max_noinput.pos.line && m->def_max_noinput.v > MAX_RETRY_OK)
    iv_report (T->f, m->def_max_noinput.pos, 14, IV_WARNING,
               "'max_noinput' of defaults is %ld: more than %d replays tire callers",
               m->def_max_noinput.v, MAX_RETRY_OK);
  if (m->def_max_nomatch.pos.line && m->def_max_nomatch.v > MAX_RETRY_OK)
    iv_report (T->f, m->def_max_nomatch.pos, 14, IV_WARNING,
               "'max_nomatch' of defaults is %ld: more than %d replays tire callers",
               m->def_max_nomatch.v, MAX_RETRY_OK);
}

/* Check that probability R (KEY of WHERE ... ) lies in [0, 1]; false when
   it does not (reported).  Absent values pass.  */
static bool
prob_ok (lt *T, const iv_real *r, const char *key, const char *opt, const char *id)
{
  if (isnan (r->v) || (r->v >= 0 && r->v <= 1))
    return true;
  iv_report (T->f, r->pos, 11, IV_ERROR, "'%s' of %s%snode '%s'%s is %g, outside 0 to 1", key,
             opt ? opt : "", opt ? " of " : "", id, in_seg (T), r->v);
  return false;
}

/* Check the outcome sum SUM of node ND: exactly 1 when COMPLETE (every
   outcome given), else at most 1 (the rest goes to the outcomes without a
   share: REST names them).  */
static void
check_sum (lt *T, const iv_node *nd, const char *outcomes, double sum, bool complete,
           const char *rest)
{
  iv_pos at = T->seg ? nd->seg_pos : nd->pos;
  if (complete && fabs (sum - 1) > SUM_TOL)
    iv_report (T->f, at, 11, IV_ERROR, "%s of node '%s'%s sum to %.6g, not 1", outcomes, nd->id,
               in_seg (T), sum);
  else if (!complete && sum > 1 + SUM_TOL)
    iv_report (T->f, at, 11, IV_ERROR, "%s of node '%s'%s sum to %.6g, more than 1", outcomes,
               nd->id, in_seg (T), sum);
  else if (!complete && sum > 1 - SUM_TOL)
    iv_report (T->f, at, 11, IV_ERROR, "%s of node '%s'%s sum to %.6g, leaving nothing for %s",
               outcomes, nd->id, in_seg (T), sum, rest);
}

/* L011: probabilities in [0, 1] and summing to one, of NODES (the menu's,
   or a segment's copy: then only the nodes the segment changes).  */
static void
check_probabilities (lt *T, const iv_node *nodes)
{
  for (size_t i = 0; i < T->n; i++)
    {
      const iv_node *nd = &nodes[i];
      if (T->seg && !nd->seg_pos.line)
        continue;
      bool ok = true;
      ok &= prob_ok (T, &nd->p_hangup, "p_hangup", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_noinput, "p_noinput", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_nomatch, "p_nomatch", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_valid, "p_valid", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_complete, "p_complete", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_fail, "p_fail", NULL, nd->id);
      ok &= prob_ok (T, &nd->p_misroute, "p_misroute", NULL, nd->id);
      ok &= prob_ok (T, &nd->asr_correct, "p_correct", "'asr' ", nd->id);
      ok &= prob_ok (T, &nd->asr_subst, "p_subst", "'asr' ", nd->id);
      ok &= prob_ok (T, &nd->asr_reject, "p_reject", "'asr' ", nd->id);
      size_t without = 0;
      double psum = 0;
      for (size_t k = 0; k < nd->noptions; k++)
        {
          char on[16];
          snprintf (on, sizeof on, "option '%c'", nd->options[k].key);
          ok &= prob_ok (T, &nd->options[k].p, "p", on, nd->id);
          without += isnan (nd->options[k].p.v);
          psum += iv_p0 (&nd->options[k].p);
        }
      if (!ok)
        continue;
      double common = iv_p0 (&nd->p_noinput) + iv_p0 (&nd->p_nomatch) + iv_p0 (&nd->p_hangup);
      switch (nd->type)
        {
        case IV_MENU:
          if (without < nd->noptions || common > 0)
            check_sum (T, nd, "option and no-input, no-match and hang-up probabilities",
                       psum + common, without == 0, "the options without 'p'");
          break;
        case IV_INPUT:
          check_sum (T, nd, "'p_valid', 'p_noinput', 'p_nomatch' and 'p_hangup'",
                     common + iv_p0 (&nd->p_valid), !isnan (nd->p_valid.v), "valid entries");
          break;
        case IV_SELFSERVICE:
          check_sum (T, nd, "'p_complete', 'p_fail' and 'p_hangup'",
                     iv_p0 (&nd->p_complete) + iv_p0 (&nd->p_fail) + iv_p0 (&nd->p_hangup),
                     !isnan (nd->p_complete.v), "completed tasks");
          break;
        default:
          break;
        }
      if (iv_node_has_asr (nd))
        check_sum (T, nd, "'asr' probabilities",
                   iv_p0 (&nd->asr_correct) + iv_p0 (&nd->asr_subst) + iv_p0 (&nd->asr_reject), true,
                   "");
    }
}

/* L013: the time zone and holidays far from the calendar's other dates.  */
static void
check_calendars (lt *T)
{
  const iv_menu *m = T->m;
  if (m->timezone && cc_tz_set (m->timezone) != 0)
    iv_report (T->f, m->timezone_pos, 13, IV_ERROR, "unknown time zone '%s'", m->timezone);
  for (size_t i = 0; i < T->n && !m->timezone; i++)
    if (m->nodes[i].type == IV_HOURS)
      {
        iv_report (T->f, m->nodes[i].pos, 13, IV_WARNING,
                   "no 'timezone': the hours of node '%s' are read in UTC", m->nodes[i].id);
        break;
      }
  for (size_t c = 0; c < m->ncalendars; c++)
    {
      const iv_calendar *cal = &m->calendars[c];
      size_t nd = cal->nholidays + cal->nspecial;
      if (nd < 2)
        continue;
      /* The span: one year either side of the year most dates are in.  */
      int best = 0;
      size_t bestn = 0;
      for (size_t k = 0; k < nd; k++)
        {
          int y = k < cal->nholidays ? cal->holidays[k].y : cal->special[k - cal->nholidays].y;
          size_t cnt = 0;
          for (size_t j = 0; j < nd; j++)
            cnt += (j < cal->nholidays ? cal->holidays[j].y : cal->special[j - cal->nholidays].y)
                   == y;
          if (cnt > bestn || (cnt == bestn && y < best))
            {
              best = y;
              bestn = cnt;
            }
        }
      for (size_t k = 0; k < nd; k++)
        {
          const iv_day *d
              = k < cal->nholidays ? &cal->holidays[k] : &cal->special[k - cal->nholidays];
          if (d->y < best - 1 || d->y > best + 1)
            iv_report (T->f, d->pos, 13, IV_WARNING,
                       "%s %04d-%02d-%02d of calendar '%s' is outside its years %d to %d",
                       k < cal->nholidays ? "holiday" : "special day", d->y, d->m, d->d, cal->name,
                       best - 1, best + 1);
        }
    }
}

/* True when node V reaches a queue or transfer over prompt, goto and hours
   nodes only (no caller choice on the way).  */
static bool
leads_to_agent (lt *T, int v)
{
  const iv_menu *m = T->m;
  new_visit (T);
  size_t head = 0, tail = 0;
  T->stamp[v] = T->gen;
  T->queue[tail++] = v;
  while (head < tail)
    {
      int w = T->queue[head++];
      int t = m->nodes[w].type;
      if (t == IV_QUEUE || t == IV_TRANSFER)
        return true;
      if (!no_input (t))
        continue;
      for (size_t k = T->fwd.off[w]; k < T->fwd.off[w + 1]; k++)
        if (T->stamp[T->fwd.to[k]] != T->gen)
          {
            T->stamp[T->fwd.to[k]] = T->gen;
            T->queue[tail++] = T->fwd.to[k];
          }
    }
  return false;
}

/* L010: an agent within MAX_LEVELS menu levels of the start.  */
static void
check_agent (lt *T)
{
  const iv_menu *m = T->m;
  if (m->start.node < 0)
    return;
  /* Menu levels: a 0-1 breadth-first search where entering a menu costs 1.  */
  size_t n = T->n;
  int *level = cc_xmalloc (n * sizeof *level);
  int *dq = cc_xmalloc (2 * n * sizeof *dq);
  for (size_t i = 0; i < n; i++)
    level[i] = INT32_MAX;
  size_t head = n, tail = n; /* deque in dq[head .. tail) */
  int s = m->start.node;
  level[s] = m->nodes[s].type == IV_MENU;
  dq[tail++] = s;
  while (head < tail)
    {
      int v = dq[head++];
      for (size_t k = T->fwd.off[v]; k < T->fwd.off[v + 1]; k++)
        {
          int w = T->fwd.to[k];
          int cost = m->nodes[w].type == IV_MENU;
          if (level[v] + cost < level[w])
            {
              level[w] = level[v] + cost;
              if (cost)
                dq[tail++] = w;
              else if (head > 0)
                dq[--head] = w;
              else
                dq[tail++] = w;
            }
        }
    }
  bool found = false, menus = false;
  for (size_t i = 0; i < n && !found; i++)
    {
      const iv_node *nd = &m->nodes[i];
      if (level[i] == INT32_MAX)
        continue;
      if ((nd->type == IV_QUEUE || nd->type == IV_TRANSFER) && level[i] == 0)
        found = true;
      if (nd->type != IV_MENU || level[i] > MAX_LEVELS)
        continue;
      menus = true;
      for (size_t k = 0; k < nd->noptions && !found; k++)
        {
          const iv_option *o = &nd->options[k];
          found = o->key == '0' || o->zero_out
                  || (o->next.node >= 0 && leads_to_agent (T, o->next.node));
        }
    }
  if (menus && !found)
    {
      cc_buf b = { 0 };
      for (size_t i = 0; i < n; i++)
        {
          const iv_node *nd = &m->nodes[i];
          bool zero = false;
          for (size_t k = 0; k < nd->noptions; k++)
            zero |= nd->options[k].key == '0';
          if (nd->type == IV_MENU && level[i] != INT32_MAX && !zero)
            cc_buf_printf (&b, "%s%s", b.n ? ", " : "", nd->id);
        }
      iv_report (T->f, m->start.pos, 10, IV_WARNING,
                 "no option leads to an agent within %d menu levels of start; menus without "
                 "'0': %s",
                 MAX_LEVELS, cc_buf_cstr (&b));
      cc_buf_free (&b);
    }
  free (level);
  free (dq);
}

/* L015: self-service whose failures cannot reach an agent.  */
static void
check_selfservice (lt *T)
{
  const iv_menu *m = T->m;
  bool *seed = cc_xcalloc (T->n, sizeof *seed);
  for (size_t i = 0; i < T->n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      if (nd->type != IV_SELFSERVICE || nd->on_fail.node < 0)
        continue;
      seed[nd->on_fail.node] = true;
      reach (T, &T->fwd, seed);
      seed[nd->on_fail.node] = false;
      bool agent = false;
      for (size_t k = 0; k < T->n && !agent; k++)
        agent = marked (T, k) && (m->nodes[k].type == IV_QUEUE || m->nodes[k].type == IV_TRANSFER);
      if (!agent)
        iv_report (T->f, nd->on_fail.pos, 15, IV_WARNING,
                   "'on_fail' of node '%s' leads to no queue: a caller the task fails cannot "
                   "reach an agent",
                   nd->id);
    }
  free (seed);
}

void
iv_lint (const iv_menu *m, iv_findings *f)
{
  if (!m->doc || !m->nnodes)
    return;
  lt T = { 0 };
  T.m = m;
  T.f = f;
  T.n = m->nnodes;
  T.broken = cc_xcalloc (T.n, sizeof *T.broken);
  T.parents = cc_xcalloc (T.n, sizeof *T.parents);
  T.queue = cc_xmalloc (T.n * sizeof *T.queue);
  T.stamp = cc_xcalloc (T.n, sizeof *T.stamp);
  build_graphs (&T);
  check_unreachable (&T);
  check_exits (&T);
  check_silent_cycles (&T);
  check_menus (&T);
  check_probabilities (&T, m->nodes);
  for (size_t s = 0; s < m->nsegments; s++)
    {
      T.seg = m->segments[s].name;
      check_probabilities (&T, m->segments[s].nodes);
    }
  T.seg = NULL;
  cc_buf_free (&T.segb);
  check_calendars (&T);
  check_agent (&T);
  check_selfservice (&T);
  for (size_t i = 0; i < T.n; i++)
    free (T.parents[i]);
  free (T.parents);
  free (T.broken);
  free (T.queue);
  free (T.stamp);
  graph_free (&T.fwd);
  graph_free (&T.rev);
}
