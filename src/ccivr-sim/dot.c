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
   parent are dotted with constraint=false.  Traffic (--stats) is not drawn
   yet.  */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cmds.h"
#include "menu.h"

#define PROGRAM_NAME "ccivr-sim"


/* Shapes by node type.  */
static const char *const shapes[IV_NTYPES] = {
  [IV_PROMPT] = "ellipse",         [IV_MENU] = "box",
  [IV_INPUT] = "parallelogram",    [IV_HOURS] = "diamond",
  [IV_SELFSERVICE] = "component",  [IV_QUEUE] = "house",
  [IV_VOICEMAIL] = "doublecircle", [IV_HANGUP] = "doublecircle",
  [IV_END] = "doublecircle",       [IV_GOTO] = "circle",
  [IV_TRANSFER] = "doubleoctagon",
};

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

/* Write the DOT text of M into B.  */
static void
write_dot (const iv_menu *m, cc_buf *b)
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

  cc_buf_adds (b, "digraph \"");
  add_q (b, m->id ? m->id : "ivr");
  cc_buf_adds (b, "\" {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                  "  edge [fontname=\"Helvetica\", fontsize=10];\n");
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
      cc_buf_adds (b, "\"");
      if ((int)i == m->start.node)
        cc_buf_adds (b, ", penwidth=2");
      cc_buf_adds (b, "];\n");
    }
  bool *from = cc_xcalloc (n ? n : 1, sizeof *from), *cur = cc_xcalloc (n ? n : 1, sizeof *cur);
  bool *par = cc_xcalloc (n ? n : 1, sizeof *par), *seen = cc_xcalloc (n ? n : 1, sizeof *seen);
  int *queue = cc_xmalloc ((n ? n : 1) * sizeof *queue);
  for (size_t i = 0; i < n; i++)
    {
      const iv_node *nd = &m->nodes[i];
      size_t ne = iv_node_edges (m, i, e);
      for (size_t k = 0; k < ne; k++)
        {
          int t = e[k].ref->node;
          if (t < 0)
            continue;
          cc_buf_adds (b, "  ");
          add_id (b, m, i);
          cc_buf_adds (b, " -> ");
          add_id (b, m, (size_t)t);
          const char *style = NULL, *label = NULL;
          switch (e[k].kind)
            {
            case IV_E_NOINPUT:
              label = "noinput", style = "dashed";
              break;
            case IV_E_NOMATCH:
              label = "nomatch", style = "dashed";
              break;
            case IV_E_VALID:
              label = "valid";
              break;
            case IV_E_OPEN:
              label = "open";
              break;
            case IV_E_CLOSED:
              label = "closed";
              break;
            case IV_E_HOLIDAY:
              label = "holiday";
              break;
            case IV_E_COMPLETE:
              label = "complete";
              break;
            case IV_E_FAIL:
              label = "fail";
              break;
            default:
              break;
            }
          cc_buf_adds (b, " [");
          if (e[k].kind == IV_E_OPTION)
            {
              const iv_option *o = &nd->options[e[k].opt];
              cc_buf_printf (b, "label=\"%c", o->key);
              if (o->label)
                {
                  cc_buf_adds (b, " ");
                  add_q (b, o->label);
                }
              cc_buf_adds (b, "\"");
            }
          else if (label)
            cc_buf_printf (b, "label=\"%s\"", label);
          if (backedge[off[i] + k])
            cc_buf_printf (b, "%sstyle=dotted, constraint=false",
                           label || e[k].kind == IV_E_OPTION ? ", " : "");
          else if (style)
            cc_buf_printf (b, ", style=%s", style);
          if (b->n >= 2 && memcmp (b->p + b->n - 2, " [", 2) == 0)
            b->n -= 2, cc_buf_adds (b, ";\n"); /* no attributes */
          else
            cc_buf_adds (b, "];\n");
        }
      for (size_t k = 0; k < nd->noptions; k++)
        if (nd->options[k].repeat)
          {
            cc_buf_adds (b, "  ");
            add_id (b, m, i);
            cc_buf_adds (b, " -> ");
            add_id (b, m, i);
            cc_buf_printf (b, " [label=\"%c repeat\", style=dotted, constraint=false];\n",
                           nd->options[k].key);
          }
      if (nd->type == IV_GOTO && nd->target.node == IV_REF_PARENT)
        {
          memset (from, 0, n * sizeof *from);
          from[i] = true;
          menus_before (m, roff, pred, from, cur, seen, queue);
          menus_before (m, roff, pred, cur, par, seen, queue);
          for (size_t p = 0; p < n; p++)
            if (par[p])
              {
                cc_buf_adds (b, "  ");
                add_id (b, m, i);
                cc_buf_adds (b, " -> ");
                add_id (b, m, p);
                cc_buf_adds (b, " [label=\"@parent\", style=dotted, constraint=false];\n");
              }
        }
    }
  cc_buf_adds (b, "}\n");
  free (e), free (off), free (roff), free (to), free (pred), free (state), free (stack);
  free (pos), free (backedge), free (from), free (cur), free (par), free (seen), free (queue);
}

/* Long options of dot.  */
enum
{
  OPT_HELP = CHAR_MAX + 1,
  OPT_VERSION
};

static const struct option dot_options[] = {
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};

/* ccivr-sim dot: ARGV[0] is the program name, the options follow.  */
int
iv_dot_main (int argc, char **argv)
{
  int opt;
  optind = 0;
  while ((opt = getopt_long (argc, argv, "", dot_options, NULL)) != -1)
    switch (opt)
      {
      case OPT_HELP:
        {
          static const char text[] = "\
Usage: ccivr-sim dot [MENU.json]\n\
Write the IVR menu MENU.json (standard input when absent or -) as a Graphviz\n\
graph on standard output: one node per IVR node, its shape by type, one edge\n\
per option and outcome; no-input and no-match fall-backs dashed, back edges\n\
and '@parent' jumps dotted.  Render it with, for example, 'dot -Tsvg'.\n\
\n\
Options:\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Exit status: 0 success, 1 a menu with errors or a file that cannot be read,\n\
2 usage error.\n\
";
          cc_fwrite_checked (text, sizeof text - 1, stdout);
          return EXIT_SUCCESS;
        }
      case OPT_VERSION:
        cc_print_version (PROGRAM_NAME);
        return EXIT_SUCCESS;
      default:
        fprintf (stderr, "Try '%s --help' for more information.\n", PROGRAM_NAME);
        return CC_EXIT_USAGE;
      }
  if (argc - optind > 1)
    cc_usage_error ("dot takes one MENU.json");
  const char *file = optind < argc ? argv[optind] : "-";
  iv_menu m;
  if (iv_menu_read (file, &m) != 0)
    return CC_EXIT_FAIL;
  cc_buf b = { 0 };
  write_dot (&m, &b);
  cc_fwrite_checked (b.p, b.n, stdout);
  cc_buf_free (&b);
  iv_menu_free (&m);
  return EXIT_SUCCESS;
}
