/* dotstats.h: the traffic of a run's records over a menu, for
   'ccivr-sim dot --stats' (dot.c), and the DOT writer that draws it.

   iv_traffic_add() reads one record (ivr_path, ivr_keys, exit_node,
   exit_reason), rebuilds the caller's transitions edge by edge and counts
   them; iv_traffic_read() does it for every record of a CSV or JSON Lines
   file.  iv_dot_write() writes the menu as Graphviz DOT, with the traffic
   when it is given.  The fuzz harness tests/fuzz/fuzz_ivr_stats.c calls
   these directly.  */
#ifndef IV_DOTSTATS_H
#define IV_DOTSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "cc_diag.h"
#include "cc_rec.h"
#include "menu.h"

/* The calls one goto "@parent" sent to one node.  */
typedef struct iv_ptraffic
{
  int node;   /* the node jumped to */
  uint64_t n; /* how many times */
} iv_ptraffic;

/* The traffic of one node.  Every visit is followed by exactly one
   transition (an edge, a repeat, a retry, an @parent jump) or ends the call
   (hangups + exits + system + loops), so their sum is visits.  */
typedef struct iv_ntraffic
{
  uint64_t visits;     /* occurrences in ivr_path */
  uint64_t calls;      /* records whose ivr_path holds the node */
  uint64_t retries;    /* replays of a menu or input after no input or no match */
  uint64_t *edge;      /* per edge of iv_node_edges, in its order (owned) */
  size_t nedges;       /* how many */
  uint64_t *repeat;    /* per option: the times a repeat option was chosen (owned) */
  iv_ptraffic *parent; /* goto "@parent": the jumps per target, in first-seen order (owned) */
  size_t nparent;      /* how many */
  uint64_t hangups;    /* calls that ended here by a caller hang-up */
  uint64_t exits;      /* calls that ended here with a terminal's own exit reason */
  uint64_t system;     /* calls that ended here with system_hangup (not a terminal) */
  uint64_t loops;      /* calls that ended here with error_loop */
  uint64_t stamp;      /* the last record counted in calls (internal) */
} iv_ntraffic;

/* The traffic of a run over menu m, and the scratch of one record.  */
typedef struct iv_traffic
{
  const iv_menu *m; /* the menu (not owned) */
  uint64_t calls;   /* records counted */
  iv_ntraffic *n;   /* per node, m->nnodes of them (owned) */
  iv_edge *edges;   /* the edges of node i at edges[eoff[i] .. eoff[i + 1]) */
  size_t *eoff;     /* m->nnodes + 1 offsets into edges */

  int *path;            /* the nodes of the record's ivr_path */
  char *keys;           /* its keys */
  int *code;            /* the transition chosen at each step */
  size_t *jat;          /* keys used before each step */
  unsigned char *tried; /* the readings tried at each step */
  int *plain;           /* the transition without a key at each step, or -1 */
  size_t cappath;       /* room in path, code, jat, tried and plain */
  size_t capkeys;       /* room in keys */
  uint64_t *failed;     /* hash set of (step, keys used) states that fail */
  size_t capfailed;     /* its size (a power of two), 0 before the first use */
  size_t nfailed;       /* entries in it */
  cc_buf why;           /* the reason of the last refusal */
  cc_buf name;          /* a node name being looked up */
} iv_traffic;

/* Start counting the traffic of menu M (loaded without errors) into *T.  */
void iv_traffic_init (iv_traffic *t, const iv_menu *m);

/* Free what *T owns.  */
void iv_traffic_free (iv_traffic *t);

/* Count one record: its ivr_path, ivr_keys, exit_node and exit_reason
   values (NULL when the record lacks the field).  Returns NULL, or the
   reason the record is refused (valid until the next call; nothing of the
   record is then counted).  */
const char *iv_traffic_add (iv_traffic *t, const cc_val *path, const cc_val *keys,
                            const cc_val *exit_node, const cc_val *reason);

/* Count every record of FILE ("-": standard input), CSV or JSON Lines as
   FMT says (CC_FMT_AUTO: detected).  Returns 0, or -1 after printing the
   first bad record as "FILE:LINE: message" (the records before it stay
   counted).  */
int iv_traffic_read (iv_traffic *t, const char *file, cc_format fmt);

/* Append the DOT text of M to B, with the traffic T drawn on it (NULL:
   the menu alone).  */
void iv_dot_write (const iv_menu *m, const iv_traffic *t, cc_buf *b);

#endif
