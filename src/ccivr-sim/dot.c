/* ccivr-sim dot: the menu as a Graphviz graph (ivr.md section 6.3).

   One graph node per IVR node, its shape by type (menu box, input
   parallelogram, hours diamond, selfservice component, queue house,
   voicemail, hangup and end doublecircle, transfer doubleoctagon, prompt
   ellipse, goto circle), labelled with the id, the type and the main
   attribute (queue, task, outcome ...).  One edge per option (labelled with
   the key and the option's label; "repeat" is a self loop) and per outcome
   (valid, complete, fail, open, closed, holiday); no-input and no-match
   fall-backs dashed; back edges (closing a cycle in a depth-first walk from
   the start) and the edges of goto "@parent" to the menus that can be the
   parent are dotted with constraint=false.

   With --stats RUN the traffic of a run's records is drawn on it (see
   dotstats.h and ccivr-sim(1), DOT).  Each record's transitions are rebuilt
   from ivr_path and ivr_keys: at a menu X followed by Y, the next key not
   yet used is the option taken when it is an option of X leading to Y (or a
   repeat and Y is X); else Y = X is a retry (no input or no match replayed)
   and any other Y the fall-back (on_noinput, else on_nomatch) leading to Y.
   Other nodes take the one edge leading to Y (the first in file order when
   several do; they are then drawn as one edge); a goto "@parent" must lead
   where the walker of run.c would go, the menu before the current one.  When
   that reading fails (a key left over, or a step needing a key that is not
   there), the other readings are searched (depth first, key first, failed
   states remembered), so that every record of 'ccivr-sim run' is read; the
   counts are exact unless a menu has an option and a fall-back to the same
   node, or a repeat option, and the keys allow two readings.  */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "cc_scan.h"
#include "cc_utf8.h"
#include "cmds.h"
#include "dotstats.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"

/* Transitions of a step, besides an edge index (>= 0).  */
#define T_NONE INT_MIN              /* no way */
#define T_RETRY (-1)                /* the node replayed: no input or no match */
#define T_PARENT (-2)               /* goto "@parent" */
#define T_REPEAT(o) (-3 - (int)(o)) /* repeat option o */
#define T_REPEAT_OPT(c) ((size_t)(-3 - (c)))

/* How a call ends at the last node of its path.  */
enum
{
  END_OWN,    /* a terminal's own exit reason */
  END_HANGUP, /* a caller hang-up */
  END_SYSTEM, /* system_hangup at a node that is not a terminal */
  END_LOOP,   /* error_loop */
  END_BAD     /* a reason the node cannot give */
};

/* The most states the search of one record's reading may visit.  */
#define MAX_WORK ((uint64_t)1 << 22)

/* Longest bytes of a name quoted in a message.  */
#define QUOTE_MAX 40

/* Shapes by node type.  */
static const char *const shapes[IV_NTYPES] = {
  [IV_PROMPT] = "ellipse",         [IV_MENU] = "box",
  [IV_INPUT] = "parallelogram",    [IV_HOURS] = "diamond",
  [IV_SELFSERVICE] = "component",  [IV_QUEUE] = "house",
  [IV_VOICEMAIL] = "doublecircle", [IV_HANGUP] = "doublecircle",
  [IV_END] = "doublecircle",       [IV_GOTO] = "circle",
  [IV_TRANSFER] = "doubleoctagon",
};

/* Fill colours by drop-off (hang-ups / calls at the node): under 5%, under
   15%, under 30%, and more (ColorBrewer Reds, light enough for black
   text).  */
static const char *const fills[4] = { "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a" };

/* ---- reading the traffic ------------------------------------------------ */

/* Append the first QUOTE_MAX bytes of P[0..N) to B (cut on a UTF-8
   character), control characters as '?', for a message.  */
static void
add_name (cc_buf *b, const char *p, size_t n)
{
  n = (size_t)cc_utf8_cut (p, n, QUOTE_MAX);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char)p[i];
      cc_buf_addc (b, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
}

/* Append 'NAME' of node I to B.  */
static void
add_node (cc_buf *b, const iv_menu *m, int i)
{
  cc_buf_addc (b, '\'');
  add_name (b, m->nodes[i].id, strlen (m->nodes[i].id));
  cc_buf_addc (b, '\'');
}

/* Start a refusal in T->why; returns the buffer.  */
static cc_buf *
why (iv_traffic *t)
{
  t->why.n = 0;
  return &t->why;
}

void
iv_traffic_init (iv_traffic *t, const iv_menu *m)
{
  memset (t, 0, sizeof *t);
  t->m = m;
  size_t n = m->nnodes;
  t->n = cc_xcalloc (n ? n : 1, sizeof *t->n);
  t->eoff = cc_xcalloc (n + 1, sizeof *t->eoff);
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += m->nodes[i].noptions + 4;
  t->edges = cc_xmalloc ((total ? total : 1) * sizeof *t->edges);
  for (size_t i = 0; i < n; i++)
    {
      size_t ne = iv_node_edges (m, i, t->edges + t->eoff[i]);
      t->eoff[i + 1] = t->eoff[i] + ne;
      t->n[i].nedges = ne;
      t->n[i].edge = cc_xcalloc (ne ? ne : 1, sizeof *t->n[i].edge);
      size_t no = m->nodes[i].noptions;
      t->n[i].repeat = cc_xcalloc (no ? no : 1, sizeof *t->n[i].repeat);
    }
}

void
iv_traffic_free (iv_traffic *t)
{
  if (t->n)
    for (size_t i = 0; i < t->m->nnodes; i++)
      {
        free (t->n[i].edge);
        free (t->n[i].repeat);
        free (t->n[i].parent);
      }
  free (t->n);
  free (t->edges);
  free (t->eoff);
  free (t->path);
  free (t->keys);
  free (t->code);
  free (t->jat);
  free (t->tried);
  free (t->plain);
  free (t->failed);
  cc_buf_free (&t->why);
  cc_buf_free (&t->name);
  memset (t, 0, sizeof *t);
}

/* The transition taking key K from menu X to Y (the option's edge index or
   a repeat), or T_NONE.  */
static int
key_move (const iv_traffic *t, int x, int y, char k)
{
  const iv_node *nd = &t->m->nodes[x];
  if (nd->type != IV_MENU)
    return T_NONE;
  for (size_t o = 0; o < nd->noptions; o++)
    if (nd->options[o].key == k)
      {
        if (nd->options[o].repeat)
          return y == x ? T_REPEAT (o) : T_NONE;
        if (nd->options[o].next.node != y)
          return T_NONE;
        for (size_t e = t->eoff[x]; e < t->eoff[x + 1]; e++)
          if (t->edges[e].kind == IV_E_OPTION && t->edges[e].opt == o)
            return (int)(e - t->eoff[x]);
        return T_NONE;
      }
  return T_NONE;
}

/* True when some option of menu X leads to Y.  */
static bool
any_option_to (const iv_menu *m, int x, int y)
{
  const iv_node *nd = &m->nodes[x];
  if (nd->type != IV_MENU)
    return false;
  for (size_t o = 0; o < nd->noptions; o++)
    if (nd->options[o].repeat ? y == x : nd->options[o].next.node == y)
      return true;
  return false;
}

/* The transition from X to Y without a key: a retry (a menu or input
   replayed), the first edge that is not an option leading to Y, or T_NONE.
   Goto "@parent" is handled by the caller.  */
static int
plain_move (const iv_traffic *t, int x, int y)
{
  int type = t->m->nodes[x].type;
  if (y == x && (type == IV_MENU || type == IV_INPUT))
    return T_RETRY;
  for (size_t e = t->eoff[x]; e < t->eoff[x + 1]; e++)
    if (t->edges[e].kind != IV_E_OPTION && t->edges[e].ref->node == y)
      return (int)(e - t->eoff[x]);
  return T_NONE;
}

/* The failed-state set: is state KEY in it?  */
static bool
failed_has (const iv_traffic *t, uint64_t key)
{
  if (!t->capfailed)
    return false;
  size_t mask = t->capfailed - 1;
  for (size_t h = (size_t)(key * UINT64_C (0x9E3779B97F4A7C15) >> 20) & mask;; h = (h + 1) & mask)
    {
      if (t->failed[h] == 0)
        return false;
      if (t->failed[h] == key + 1)
        return true;
    }
}

/* Add state KEY to the failed-state set.  */
static void
failed_add (iv_traffic *t, uint64_t key)
{
  if (2 * (t->nfailed + 1) > t->capfailed)
    {
      size_t oldcap = t->capfailed, cap = oldcap ? 2 * oldcap : 1024;
      uint64_t *old = t->failed;
      t->failed = cc_xcalloc (cap, sizeof *t->failed);
      t->capfailed = cap;
      t->nfailed = 0;
      for (size_t i = 0; i < oldcap; i++)
        if (old[i])
          failed_add (t, old[i] - 1);
      free (old);
    }
  size_t mask = t->capfailed - 1;
  size_t h = (size_t)(key * UINT64_C (0x9E3779B97F4A7C15) >> 20) & mask;
  while (t->failed[h] != 0 && t->failed[h] != key + 1)
    h = (h + 1) & mask;
  if (t->failed[h] == 0)
    {
      t->failed[h] = key + 1;
      t->nfailed++;
    }
}

/* Empty the failed-state set.  */
static void
failed_clear (iv_traffic *t)
{
  if (t->nfailed)
    memset (t->failed, 0, t->capfailed * sizeof *t->failed);
  t->nfailed = 0;
}

/* Make room for N path nodes in T.  */
static void
path_room (iv_traffic *t, size_t n)
{
  if (n <= t->cappath)
    return;
  size_t cap = t->cappath ? t->cappath : 64;
  while (cap < n)
    cap *= 2;
  t->path = cc_xrealloc (t->path, cap * sizeof *t->path);
  t->code = cc_xrealloc (t->code, cap * sizeof *t->code);
  t->jat = cc_xrealloc (t->jat, cap * sizeof *t->jat);
  t->tried = cc_xrealloc (t->tried, cap * sizeof *t->tried);
  t->plain = cc_xrealloc (t->plain, cap * sizeof *t->plain);
  t->cappath = cap;
}

/* True when V is absent, null or empty.  */
static bool
missing (const cc_val *v)
{
  return !v || v->kind == CC_NULL || v->n == 0;
}

/* The exit reason a terminal node gives a call that reaches its end.  */
static const char *
own_reason (const iv_node *nd)
{
  switch (nd->type)
    {
    case IV_QUEUE:
      return "to_queue";
    case IV_VOICEMAIL:
      return "voicemail";
    case IV_END:
      return nd->outcome ? nd->outcome : "end";
    case IV_TRANSFER:
      return "transfer_external";
    default:
      return "system_hangup";
    }
}

/* Search the reading of the record in T (NP path nodes, NK keys) that uses
   every key; the transitions into T->code.  Returns 0, 1 when there is
   none, -1 when the search gave up.  */
static int
search (iv_traffic *t, size_t np, size_t nk)
{
  size_t steps = np - 1, i = 0, j = 0;
  uint64_t work = 0, width = (uint64_t)nk + 1;
  failed_clear (t);
  t->tried[0] = 0;
  for (;;)
    {
      if (++work > MAX_WORK)
        return -1;
      bool fail = false;
      if (i == steps)
        {
          if (j == nk)
            return 0;
          fail = true;
        }
      else if (nk - j > steps - i)
        fail = true; /* more keys left than steps */
      if (!fail && t->tried[i] == 0)
        {
          t->tried[i] = 1;
          int c = j < nk ? key_move (t, t->path[i], t->path[i + 1], t->keys[j]) : T_NONE;
          if (c != T_NONE && !failed_has (t, (uint64_t)(i + 1) * width + j + 1))
            {
              t->code[i] = c;
              t->jat[i] = j;
              i++, j++;
              t->tried[i] = 0;
              continue;
            }
        }
      if (!fail && t->tried[i] == 1)
        {
          t->tried[i] = 2;
          int c = t->plain[i];
          if (c != T_NONE && !failed_has (t, (uint64_t)(i + 1) * width + j))
            {
              t->code[i] = c;
              t->jat[i] = j;
              i++;
              t->tried[i] = 0;
              continue;
            }
        }
      failed_add (t, (uint64_t)i * width + j);
      if (i == 0)
        return 1;
      i--;
      j = t->jat[i];
    }
}

/* Explain in T->why why no reading of the record (NP nodes, NK keys) uses
   its keys: where the key-first reading stops.  Returns the reason.  */
static const char *
explain (iv_traffic *t, size_t np, size_t nk)
{
  const iv_menu *m = t->m;
  size_t j = 0;
  for (size_t i = 0; i + 1 < np; i++)
    {
      int x = t->path[i], y = t->path[i + 1];
      if (j < nk && key_move (t, x, y, t->keys[j]) != T_NONE)
        j++;
      else if (t->plain[i] == T_NONE)
        {
          cc_buf *b = why (t);
          if (j == nk)
            {
              cc_buf_adds (b, "ivr_keys has no key left for ");
              add_node (b, m, x);
              cc_buf_adds (b, " -> ");
              add_node (b, m, y);
            }
          else
            {
              cc_buf_printf (b, "key '%c' (key %zu of ivr_keys) does not lead from ", t->keys[j],
                             j + 1);
              add_node (b, m, x);
              cc_buf_adds (b, " to ");
              add_node (b, m, y);
            }
          return cc_buf_cstr (b);
        }
    }
  cc_buf *b = why (t);
  cc_buf_printf (b, "ivr_keys has %zu key%s left over after ivr_path: '", nk - j,
                 nk - j == 1 ? "" : "s");
  for (size_t k = j; k < nk && k < j + QUOTE_MAX / 2; k++)
    cc_buf_printf (b, "%s%c", k > j ? "," : "", t->keys[k]);
  cc_buf_adds (b, nk - j > QUOTE_MAX / 2 ? ",...'" : "'");
  return cc_buf_cstr (b);
}

const char *
iv_traffic_add (iv_traffic *t, const cc_val *pathv, const cc_val *keysv, const cc_val *exitv,
                const cc_val *reasonv)
{
  const iv_menu *m = t->m;
  cc_buf *b;
  if (missing (pathv))
    return "missing ivr_path";

  /* The path.  */
  size_t np = 0;
  for (size_t s = 0; s <= pathv->n;)
    {
      size_t e = s;
      while (e < pathv->n && pathv->p[e] != '>')
        e++;
      t->name.n = 0;
      cc_buf_add (&t->name, pathv->p + s, e - s);
      int node = iv_menu_find (m, cc_buf_cstr (&t->name));
      if (node < 0)
        {
          b = why (t);
          cc_buf_adds (b, "ivr_path names node '");
          add_name (b, pathv->p + s, e - s);
          cc_buf_adds (b, "', which is not in the menu");
          return cc_buf_cstr (b);
        }
      path_room (t, np + 1);
      t->path[np++] = node;
      s = e + 1;
    }
  if (t->path[0] != m->start.node)
    {
      b = why (t);
      cc_buf_adds (b, "ivr_path starts at ");
      add_node (b, m, t->path[0]);
      cc_buf_adds (b, ", not at the start node ");
      add_node (b, m, m->start.node);
      return cc_buf_cstr (b);
    }

  /* The steps: each must be an edge of the menu.  L and P are the current
     and the previous menu, as the walker keeps them for "@parent".  */
  int L = -1, P = -1;
  for (size_t i = 0; i + 1 < np; i++)
    {
      int x = t->path[i], y = t->path[i + 1];
      const iv_node *nd = &m->nodes[x];
      if (nd->type == IV_MENU && x != L)
        P = L, L = x;
      int want = -1;
      if (nd->type == IV_GOTO && nd->target.node == IV_REF_PARENT)
        {
          want = P >= 0 ? P : L >= 0 ? L : m->start.node;
          t->plain[i] = y == want ? T_PARENT : T_NONE;
        }
      else
        t->plain[i] = plain_move (t, x, y);
      if (t->plain[i] == T_NONE && !any_option_to (m, x, y))
        {
          b = why (t);
          cc_buf_adds (b, "no edge from ");
          add_node (b, m, x);
          cc_buf_adds (b, " to ");
          add_node (b, m, y);
          cc_buf_adds (b, " in the menu");
          if (want >= 0)
            {
              cc_buf_adds (b, " (@parent leads to ");
              add_node (b, m, want);
              cc_buf_adds (b, " there)");
            }
          return cc_buf_cstr (b);
        }
    }
  /* The keys.  */
  size_t nk = 0;
  if (!missing (keysv))
    {
      if (keysv->n / 2 + 1 > t->capkeys)
        {
          t->capkeys = keysv->n / 2 + 1;
          t->keys = cc_xrealloc (t->keys, t->capkeys);
        }
      for (size_t s = 0;; s += 2)
        {
          char c = keysv->p[s];
          bool ok = (c >= '0' && c <= '9') || c == '*' || c == '#';
          if (!ok || (s + 1 < keysv->n && (keysv->p[s + 1] != ',' || s + 2 == keysv->n)))
            {
              b = why (t);
              cc_buf_adds (b, "bad ivr_keys '");
              add_name (b, keysv->p, keysv->n);
              cc_buf_adds (b, "': keys are 0-9, * or # joined by commas");
              return cc_buf_cstr (b);
            }
          t->keys[nk++] = c;
          if (s + 1 >= keysv->n)
            break;
        }
    }

  /* The exit.  */
  int last = t->path[np - 1];
  const iv_node *ln = &m->nodes[last];
  if (!missing (exitv) && !cc_val_eq (exitv, ln->id))
    {
      b = why (t);
      cc_buf_adds (b, "exit_node '");
      add_name (b, exitv->p, exitv->n);
      cc_buf_adds (b, "' is not the last node of ivr_path (");
      add_node (b, m, last);
      cc_buf_addc (b, ')');
      return cc_buf_cstr (b);
    }
  if (missing (reasonv))
    return "missing exit_reason";
  int end;
  bool hang = cc_val_eq (reasonv, "abandon_ivr")
              || (ln->hangup_as && cc_val_eq (reasonv, ln->hangup_as))
              || (m->hangup_after_ss && cc_val_eq (reasonv, m->hangup_after_ss));
  if (iv_type_terminal (ln->type))
    end = cc_val_eq (reasonv, own_reason (ln)) ? END_OWN : hang ? END_HANGUP : END_BAD;
  else
    end = hang                                   ? END_HANGUP
          : cc_val_eq (reasonv, "system_hangup") ? END_SYSTEM
          : cc_val_eq (reasonv, "error_loop")    ? END_LOOP
                                                 : END_BAD;
  if (end == END_BAD)
    {
      b = why (t);
      cc_buf_adds (b, "exit_reason '");
      add_name (b, reasonv->p, reasonv->n);
      cc_buf_adds (b, "' cannot end a call at ");
      add_node (b, m, last);
      cc_buf_printf (b, " (%s)", iv_type_name (ln->type));
      return cc_buf_cstr (b);
    }

  int r = search (t, np, nk);
  if (r < 0)
    return "ivr_path and ivr_keys allow too many readings to search";
  if (r > 0)
    return explain (t, np, nk);

  /* Count.  */
  t->calls++;
  for (size_t i = 0; i < np; i++)
    {
      iv_ntraffic *x = &t->n[t->path[i]];
      x->visits++;
      if (x->stamp != t->calls)
        x->stamp = t->calls, x->calls++;
      if (i + 1 == np)
        break;
      int c = t->code[i];
      if (c >= 0)
        x->edge[c]++;
      else if (c == T_RETRY)
        x->retries++;
      else if (c == T_PARENT)
        {
          int y = t->path[i + 1];
          size_t k = 0;
          while (k < x->nparent && x->parent[k].node != y)
            k++;
          if (k == x->nparent)
            {
              x->parent = cc_xrealloc (x->parent, (x->nparent + 1) * sizeof *x->parent);
              x->parent[x->nparent++] = (iv_ptraffic){ y, 0 };
            }
          x->parent[k].n++;
        }
      else
        x->repeat[T_REPEAT_OPT (c)]++;
    }
  iv_ntraffic *x = &t->n[last];
  if (end == END_OWN)
    x->exits++;
  else if (end == END_HANGUP)
    x->hangups++;
  else if (end == END_SYSTEM)
    x->system++;
  else
    x->loops++;
  return NULL;
}

/* Slots of the records read.  */
enum
{
  S_PATH = 0,
  S_KEYS,
  S_EXIT,
  S_REASON,
  S_N
};
static const char *const slot_names[S_N] = { "ivr_path", "ivr_keys", "exit_node", "exit_reason" };

/* The CSV header must have ivr_path and exit_reason.  */
static const char *
traffic_header (void *tool, const cc_str *names, size_t n, const int32_t *slot)
{
  (void)tool;
  (void)names;
  (void)n;
  if (slot[S_PATH] < 0)
    return "no ivr_path column";
  if (slot[S_REASON] < 0)
    return "no exit_reason column";
  return NULL;
}

/* The row function: one record.  */
static const char *
traffic_row (void *ctx, const cc_row *row)
{
  return iv_traffic_add (ctx, cc_row_get (row, S_PATH), cc_row_get (row, S_KEYS),
                         cc_row_get (row, S_EXIT), cc_row_get (row, S_REASON));
}

int
iv_traffic_read (iv_traffic *t, const char *file, cc_format fmt)
{
  static const cc_slots slots = { slot_names, S_N };
  cc_scan_opts so = { 0 };
  so.format = fmt;
  so.slots = &slots;
  so.threads = 1;
  so.tool = t;
  so.ctx_new = cc_scan_self_new;
  so.ctx_merge = cc_scan_self_merge;
  so.ctx_free = cc_scan_self_free;
  so.row = traffic_row;
  so.header = traffic_header;
  void *ctx = t;
  cc_scan_result res;
  return cc_scan (file, &so, &ctx, &res) != 0 ? -1 : 0;
}

/* ---- writing DOT ------------------------------------------------------- */

/* Append S to B as the inside of a DOT string: quotes and backslashes
   escaped, control characters as spaces.  */
static void
add_q (cc_buf *b, const char *s)
{
  for (; *s; s++)
    {
      unsigned char c = (unsigned char)*s;
      if (c == '"' || c == '\\')
        cc_buf_addc (b, '\\');
      cc_buf_addc (b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
}

/* Append a quoted DOT id for node I of M.  */
static void
add_id (cc_buf *b, const iv_menu *m, size_t i)
{
  cc_buf_addc (b, '"');
  add_q (b, m->nodes[i].id);
  cc_buf_addc (b, '"');
}

/* Append N / D as a percentage with one decimal, rounded half up (0.0
   when D is 0).  */
static void
add_pct (cc_buf *b, uint64_t n, uint64_t d)
{
  char buf[64];
  if (!d)
    strcpy (buf, "0.0");
  else
    cc_num_fixed (buf, (int64_t)n * 100, (int64_t)d, 1);
  cc_buf_adds (b, buf);
}

/* Append ", " to the attribute list A unless it is empty.  */
static void
attr_sep (cc_buf *a)
{
  if (a->n)
    cc_buf_adds (a, ", ");
}

/* Append the count of an edge taken N times to a label being written into
   A: " · N (P%)" (P = N / VISITS, the visits of the node left), or "N (P%)"
   when the label is otherwise EMPTY; nothing when N is 0.  */
static void
add_count (cc_buf *a, bool empty, uint64_t n, uint64_t visits)
{
  if (!n)
    return;
  if (!empty)
    cc_buf_adds (a, " \xc2\xb7 ");
  cc_buf_printf (a, "%llu (", (unsigned long long)n);
  add_pct (a, n, visits);
  cc_buf_adds (a, "%)");
}

/* Append the width of an edge taken N times to the attribute list A:
   penwidth 1 + 4 * N / CALLS (at most 5) with 2 decimals, and COLOR when
   not NULL; an edge never taken is grey with penwidth 1.  */
static void
add_width (cc_buf *a, uint64_t n, uint64_t calls, const char *color)
{
  attr_sep (a);
  if (!n || !calls)
    {
      cc_buf_adds (a, "penwidth=1.00, color=gray");
      return;
    }
  uint64_t c = n < calls ? n : calls;
  char buf[64];
  cc_num_fixed (buf, (int64_t)(calls + 4 * c), (int64_t)calls, 2);
  cc_buf_printf (a, "penwidth=%s", buf);
  if (color)
    cc_buf_printf (a, ", color=%s", color);
}

/* Write one edge line "  FROM -> TO [ATTRS];" into B.  */
static void
put_edge (cc_buf *b, const iv_menu *m, size_t from, const char *to, const cc_buf *a)
{
  cc_buf_adds (b, "  ");
  add_id (b, m, from);
  cc_buf_adds (b, " -> ");
  cc_buf_adds (b, to);
  if (a->n)
    {
      cc_buf_adds (b, " [");
      cc_buf_add (b, a->p, a->n);
      cc_buf_addc (b, ']');
    }
  cc_buf_adds (b, ";\n");
}

/* Mark in BACK the menus met walking backwards over the written edges from
   the predecessors of each node set in FROM, without going past a menu (the
   "current menu" of ivr.md, as lint reads "@parent").  PRED is the reversed
   graph: PRED[OFF[v] .. OFF[v+1]) the predecessors of v.  SEEN and QUEUE are
   scratch of n entries.  */
static void
menus_before (const iv_menu *m, const size_t *off, const int *pred, const bool *from, bool *back,
              bool *seen, int *queue)
{
  size_t n = m->nnodes, head = 0, tail = 0;
  memset (seen, 0, n * sizeof *seen);
  memset (back, 0, n * sizeof *back);
  for (size_t s = 0; s < n; s++)
    if (from[s])
      for (size_t k = off[s]; k < off[s + 1]; k++)
        if (!seen[pred[k]])
          seen[pred[k]] = true, queue[tail++] = pred[k];
  while (head < tail)
    {
      int v = queue[head++];
      if (m->nodes[v].type == IV_MENU)
        {
          back[v] = true;
          continue;
        }
      for (size_t k = off[v]; k < off[v + 1]; k++)
        if (!seen[pred[k]])
          seen[pred[k]] = true, queue[tail++] = pred[k];
    }
}

/* The label word of a non-option edge kind, or NULL.  */
static const char *
kind_label (int kind)
{
  switch (kind)
    {
    case IV_E_NOINPUT:
      return "noinput";
    case IV_E_NOMATCH:
      return "nomatch";
    case IV_E_VALID:
      return "valid";
    case IV_E_OPEN:
      return "open";
    case IV_E_CLOSED:
      return "closed";
    case IV_E_HOLIDAY:
      return "holiday";
    case IV_E_COMPLETE:
      return "complete";
    case IV_E_FAIL:
      return "fail";
    default:
      return NULL;
    }
}

void
iv_dot_write (const iv_menu *m, const iv_traffic *t, cc_buf *b)
{
  size_t n = m->nnodes;
  iv_edge *e = cc_xmalloc ((n ? n : 1) * sizeof *e); /* resized per node below */
  size_t ecap = n;
  /* The written edges, as a forward (for the walk) and a reversed graph.  */
  size_t *off = cc_xcalloc (n + 1, sizeof *off), *roff = cc_xcalloc (n + 2, sizeof *roff);
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (m->nodes[i].noptions + 4 > ecap)
        {
          ecap = m->nodes[i].noptions + 4;
          e = cc_xrealloc (e, ecap * sizeof *e);
        }
      total += iv_node_edges (m, i, e);
      off[i + 1] = total;
    }
  int *to = cc_xmalloc ((total ? total : 1) * sizeof *to);
  int *pred = cc_xmalloc ((total ? total : 1) * sizeof *pred);
  for (size_t i = 0; i < n; i++)
    {
      size_t ne = iv_node_edges (m, i, e);
      for (size_t k = 0; k < ne; k++)
        {
          to[off[i] + k] = e[k].ref->node;
          if (e[k].ref->node >= 0)
            roff[e[k].ref->node + 2]++;
        }
    }
  for (size_t v = 0; v < n; v++)
    roff[v + 2] += roff[v + 1];
  for (size_t i = 0; i < n; i++)
    for (size_t k = off[i]; k < off[i + 1]; k++)
      if (to[k] >= 0)
        pred[roff[to[k] + 1]++] = (int)i;
  /* roff[v] .. roff[v + 1] now holds v's predecessors.  */

  /* Back edges: a depth-first walk from the start (iterative).  */
  int *state = cc_xcalloc (n ? n : 1, sizeof *state); /* 0 new, 1 on stack, 2 done */
  size_t *stack = cc_xmalloc ((n ? n : 1) * sizeof *stack),
         *pos = cc_xmalloc ((n ? n : 1) * sizeof *pos);
  bool *backedge = cc_xcalloc (total ? total : 1, sizeof *backedge);
  for (size_t root = 0; root <= n; root++)
    {
      size_t r = root == 0 ? (size_t)(m->start.node >= 0 ? m->start.node : 0) : root - 1;
      if (n == 0 || state[r])
        continue;
      size_t sp = 0;
      stack[sp] = r, pos[sp++] = off[r], state[r] = 1;
      while (sp)
        {
          size_t v = stack[sp - 1];
          if (pos[sp - 1] == off[v + 1])
            {
              state[v] = 2, sp--;
              continue;
            }
          size_t k = pos[sp - 1]++;
          if (to[k] < 0)
            continue;
          if (state[to[k]] == 1)
            backedge[k] = true;
          else if (state[to[k]] == 0)
            stack[sp] = (size_t)to[k], pos[sp++] = off[to[k]], state[to[k]] = 1;
        }
    }

  /* The hang-up sink, as a quoted DOT id: "HANGUP", or the first of
     HANGUP_1, HANGUP_2 ... that no node of the menu is called (plain ASCII:
     no quoting needed).  */
  uint64_t hangups = 0;
  cc_buf sink = { 0 };
  if (t)
    {
      cc_buf name = { 0 };
      for (size_t i = 0; i < n; i++)
        hangups += t->n[i].hangups;
      cc_buf_adds (&name, "HANGUP");
      for (unsigned long k = 1; iv_menu_find (m, cc_buf_cstr (&name)) >= 0; k++)
        {
          name.n = 0;
          cc_buf_printf (&name, "HANGUP_%lu", k);
        }
      cc_buf_printf (&sink, "\"%s\"", cc_buf_cstr (&name));
      cc_buf_cstr (&sink);
      cc_buf_free (&name);
    }

  cc_buf_adds (b, "digraph \"");
  add_q (b, m->id ? m->id : "ivr");
  cc_buf_adds (b, "\" {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                  "  edge [fontname=\"Helvetica\", fontsize=10];\n");
  if (t)
    cc_buf_printf (b, "  labelloc=t;\n  label=\"%llu call%s\";\n", (unsigned long long)t->calls,
                   t->calls == 1 ? "" : "s");
  for (size_t i = 0; i < n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      cc_buf_adds (b, "  ");
      add_id (b, m, i);
      cc_buf_printf (b, " [shape=%s, label=\"",
                     nd->type >= 0 && nd->type < IV_NTYPES ? shapes[nd->type] : "ellipse");
      add_q (b, nd->id);
      cc_buf_adds (b, " (");
      add_q (b, nd->type >= 0 ? iv_type_name (nd->type) : "?");
      cc_buf_adds (b, ")");
      const char *what = nd->type == IV_QUEUE         ? nd->queue
                         : nd->type == IV_SELFSERVICE ? nd->task
                         : nd->type == IV_END         ? nd->outcome
                         : nd->type == IV_HANGUP      ? nd->reason
                         : nd->type == IV_VOICEMAIL   ? nd->mailbox
                         : nd->type == IV_TRANSFER    ? nd->number
                         : nd->type == IV_GOTO        ? nd->target.name
                         : nd->type == IV_HOURS       ? nd->calendar.name
                                                      : NULL;
      if (what)
        {
          cc_buf_adds (b, "\\n");
          add_q (b, what);
        }
      const iv_ntraffic *x = t ? &t->n[i] : NULL;
      if (x)
        {
          if (iv_type_terminal (nd->type))
            {
              cc_buf_printf (b, "\\n%llu call%s \xc2\xb7 ", (unsigned long long)x->calls,
                             x->calls == 1 ? "" : "s");
              add_pct (b, x->calls, t->calls);
              cc_buf_adds (b, "%");
            }
          else
            {
              cc_buf_printf (b, "\\n%llu visit%s \xc2\xb7 ", (unsigned long long)x->visits,
                             x->visits == 1 ? "" : "s");
              add_pct (b, x->calls, t->calls);
              cc_buf_adds (b, "% of calls");
            }
          if (nd->type == IV_MENU || nd->type == IV_INPUT)
            cc_buf_printf (b, "\\nretries %llu", (unsigned long long)x->retries);
          if (x->system)
            cc_buf_printf (b, "\\nsystem_hangup %llu", (unsigned long long)x->system);
          if (x->loops)
            cc_buf_printf (b, "\\nerror_loop %llu", (unsigned long long)x->loops);
        }
      cc_buf_adds (b, "\"");
      if ((int)i == m->start.node)
        cc_buf_adds (b, ", penwidth=2");
      if (x && x->hangups)
        {
          uint64_t h = x->hangups * 100, c = x->calls;
          int k = h < 5 * c ? 0 : h < 15 * c ? 1 : h < 30 * c ? 2 : 3;
          cc_buf_printf (b, ", style=filled, fillcolor=\"%s\"", fills[k]);
        }
      cc_buf_adds (b, "];\n");
    }
  if (t && hangups)
    {
      cc_buf_adds (b, "  ");
      cc_buf_adds (b, sink.p);
      cc_buf_printf (b, " [shape=doublecircle, label=\"caller hang-up\\n%llu call%s \xc2\xb7 ",
                     (unsigned long long)hangups, hangups == 1 ? "" : "s");
      add_pct (b, hangups, t->calls);
      cc_buf_adds (b, "%\", color=red];\n");
    }
  bool *from = cc_xcalloc (n ? n : 1, sizeof *from), *cur = cc_xcalloc (n ? n : 1, sizeof *cur);
  bool *par = cc_xcalloc (n ? n : 1, sizeof *par), *seen = cc_xcalloc (n ? n : 1, sizeof *seen);
  int *queue = cc_xmalloc ((n ? n : 1) * sizeof *queue);
  cc_buf a = { 0 }, tob = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      const iv_ntraffic *x = t ? &t->n[i] : NULL;
      size_t ne = iv_node_edges (m, i, e);
      for (size_t k = 0; k < ne; k++)
        {
          int tg = e[k].ref->node;
          if (tg < 0)
            continue;
          /* With traffic, edges other than options that lead to the same
             node are drawn as one (the walk cannot tell them apart).  */
          bool merged = false;
          if (x && e[k].kind != IV_E_OPTION)
            for (size_t q = 0; q < k && !merged; q++)
              merged = e[q].kind != IV_E_OPTION && e[q].ref->node == tg;
          if (merged)
            continue;
          a.n = 0;
          const char *label = kind_label (e[k].kind);
          const char *style
              = e[k].kind == IV_E_NOINPUT || e[k].kind == IV_E_NOMATCH ? "dashed" : NULL;
          bool labelled = label || e[k].kind == IV_E_OPTION;
          if (e[k].kind == IV_E_OPTION)
            {
              const iv_option *o = &nd->options[e[k].opt];
              cc_buf_printf (&a, "label=\"%c", o->key);
              if (o->label)
                {
                  cc_buf_adds (&a, " ");
                  add_q (&a, o->label);
                }
            }
          else if (label)
            {
              cc_buf_printf (&a, "label=\"%s", label);
              if (x)
                for (size_t q = k + 1; q < ne; q++)
                  if (e[q].kind != IV_E_OPTION && e[q].ref->node == tg && kind_label (e[q].kind))
                    cc_buf_printf (&a, "/%s", kind_label (e[q].kind));
            }
          if (x)
            {
              if (!labelled && x->edge[k])
                cc_buf_adds (&a, "label=\"");
              add_count (&a, !labelled, x->edge[k], x->visits);
              if (labelled || x->edge[k])
                cc_buf_addc (&a, '"');
            }
          else if (labelled)
            cc_buf_addc (&a, '"');
          if (backedge[off[i] + k])
            {
              attr_sep (&a);
              cc_buf_adds (&a, "style=dotted, constraint=false");
            }
          else if (style)
            cc_buf_printf (&a, ", style=%s", style);
          if (x)
            add_width (&a, x->edge[k], t->calls, NULL);
          tob.n = 0;
          add_id (&tob, m, (size_t)tg);
          put_edge (b, m, i, cc_buf_cstr (&tob), &a);
        }
      tob.n = 0;
      add_id (&tob, m, i);
      cc_buf_cstr (&tob);
      for (size_t k = 0; k < nd->noptions; k++)
        if (nd->options[k].repeat)
          {
            a.n = 0;
            cc_buf_printf (&a, "label=\"%c repeat", nd->options[k].key);
            if (x)
              add_count (&a, false, x->repeat[k], x->visits);
            cc_buf_adds (&a, "\", style=dotted, constraint=false");
            if (x)
              add_width (&a, x->repeat[k], t->calls, NULL);
            put_edge (b, m, i, tob.p, &a);
          }
      if (x && x->retries)
        {
          a.n = 0;
          cc_buf_adds (&a, "label=\"retry");
          add_count (&a, false, x->retries, x->visits);
          cc_buf_adds (&a, "\", style=dashed, constraint=false");
          add_width (&a, x->retries, t->calls, NULL);
          put_edge (b, m, i, tob.p, &a);
        }
      if (nd->type == IV_GOTO && nd->target.node == IV_REF_PARENT)
        {
          memset (from, 0, n * sizeof *from);
          from[i] = true;
          menus_before (m, roff, pred, from, cur, seen, queue);
          menus_before (m, roff, pred, cur, par, seen, queue);
          for (size_t p = 0; p < n; p++)
            {
              uint64_t cnt = 0;
              if (x)
                for (size_t q = 0; q < x->nparent; q++)
                  if (x->parent[q].node == (int)p)
                    cnt = x->parent[q].n;
              if (!par[p] && !cnt)
                continue;
              a.n = 0;
              cc_buf_adds (&a, "label=\"@parent");
              if (x)
                add_count (&a, false, cnt, x->visits);
              cc_buf_adds (&a, "\", style=dotted, constraint=false");
              if (x)
                add_width (&a, cnt, t->calls, NULL);
              cc_buf pb = { 0 };
              add_id (&pb, m, p);
              put_edge (b, m, i, cc_buf_cstr (&pb), &a);
              cc_buf_free (&pb);
            }
        }
      if (x && x->hangups)
        {
          a.n = 0;
          cc_buf_adds (&a, "label=\"");
          add_count (&a, true, x->hangups, x->visits);
          cc_buf_addc (&a, '"');
          add_width (&a, x->hangups, t->calls, "red");
          put_edge (b, m, i, sink.p, &a);
        }
    }
  cc_buf_adds (b, "}\n");
  cc_buf_free (&a);
  cc_buf_free (&tob);
  cc_buf_free (&sink);
  free (e), free (off), free (roff), free (to), free (pred), free (state), free (stack);
  free (pos), free (backedge), free (from), free (cur), free (par), free (seen), free (queue);
}

/* Long options of dot.  */
enum
{
  OPT_STATS = CHAR_MAX + 1,
  OPT_INFMT,
  OPT_HELP,
  OPT_VERSION
};

static const struct option dot_options[] = {
  { "stats", required_argument, NULL, OPT_STATS },
  { "input-format", required_argument, NULL, OPT_INFMT },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* ccivr-sim dot: ARGV[0] is the program name, the options follow.  */
int
iv_dot_main (int argc, char **argv)
{
  const char *stats = NULL;
  bool infmt_given = false;
  cc_format in_fmt = CC_FMT_AUTO;
  int opt;
  optind = 0;
  while ((opt = getopt_long (argc, argv, "", dot_options, NULL)) != -1)
    switch (opt)
      {
      case OPT_STATS:
        if (!*optarg)
          cc_usage_error ("--stats needs a file of records");
        stats = optarg;
        break;
      case OPT_INFMT:
        if (cc_format_parse (optarg, &in_fmt) != 0
            || (in_fmt != CC_FMT_AUTO && in_fmt != CC_FMT_CSV && in_fmt != CC_FMT_JSONL))
          cc_usage_error ("invalid --input-format '%s': auto, csv or jsonl", optarg);
        infmt_given = true;
        break;
      case OPT_HELP:
        {
          static const char text[] = "\
Usage: ccivr-sim dot [MENU.json]\n\
  or:  ccivr-sim dot --stats=RUN [--input-format=FMT] [MENU.json]\n\
Write the IVR menu MENU.json (standard input when absent or -) as a Graphviz\n\
graph on standard output: one node per IVR node, its shape by type, one edge\n\
per option and outcome; no-input and no-match fall-backs dashed, back edges\n\
and '@parent' jumps dotted.  Render it with, for example, 'dot -Tsvg'.\n\
With --stats, the traffic of the records of a run (from 'ccivr-sim run') is\n\
drawn on it: visits and share of calls per node, calls and shares per edge,\n\
retries, and the caller hang-ups as red edges to a HANGUP node.\n\
\n\
Options:\n\
      --stats=RUN          draw the traffic of the records in RUN (CSV or\n\
                             JSON Lines; - for standard input, when the\n\
                             menu is a file)\n\
      --input-format=FMT   the format of RUN: auto (default), csv or jsonl\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 a menu with errors, a bad record or a file that\n\
cannot be read, 2 usage error.\n\
";
          cc_fwrite_checked (text, sizeof text - 1, stdout);
          return EXIT_SUCCESS;
        }
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        cc_usage_hint ();
      }
  if (argc - optind > 1)
    cc_usage_error ("dot takes one MENU.json");
  const char *file = optind < argc ? argv[optind] : "-";
  if (infmt_given && !stats)
    cc_usage_error ("--input-format applies to --stats");
  if (stats && strcmp (stats, "-") == 0 && strcmp (file, "-") == 0)
    cc_usage_error ("--stats and the menu cannot both be standard input");
  iv_menu m;
  if (iv_menu_read (file, &m) != 0)
    return CC_EXIT_FAIL;
  iv_traffic t;
  if (stats)
    {
      iv_traffic_init (&t, &m);
      if (iv_traffic_read (&t, stats, in_fmt) != 0)
        {
          iv_traffic_free (&t);
          iv_menu_free (&m);
          return CC_EXIT_FAIL;
        }
    }
  cc_buf b = { 0 };
  iv_dot_write (&m, stats ? &t : NULL, &b);
  cc_fwrite_checked (b.p, b.n, stdout);
  cc_buf_free (&b);
  if (stats)
    iv_traffic_free (&t);
  iv_menu_free (&m);
  return EXIT_SUCCESS;
}
