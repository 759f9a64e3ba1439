/* analyse.h: the menu as an absorbing Markov chain (analyse.c), for
   'ccivr-sim analyse' and the L017 figures of 'ccivr-sim lint --analyse'.  */
#ifndef IV_ANALYSE_H
#define IV_ANALYSE_H

#include <stddef.h>

#include "menu.h"

/* One exit of the IVR and its figures.  */
typedef struct iv_exit_share
{
  int node;           /* where the call leaves (-1 after iv_analysis_by_reason) */
  const char *reason; /* exit_reason */
  const char *queue;  /* target queue (to_queue), else NULL */
  double share;       /* probability */
  double tsum;        /* E[time in the IVR; this exit], in seconds */
} iv_exit_share;

/* The analysis of a menu (with segments: the mixture of its segments'
   chains, weighted by their shares).  */
typedef struct iv_analysis
{
  iv_exit_share *exits; /* the exits, sorted by node (file order), reason, queue */
  size_t nexits;        /* how many */
  double *visits;       /* expected visits per call of each node (nnodes values) */
  double total_s;       /* the mean time in the IVR */
  int bad_node;         /* IV_AN_TRAPPED: a node whose calls never leave */
  const char *bad_seg;  /* the segment where that happens, or NULL */
} iv_analysis;

/* Results of iv_analyse.  */
enum
{
  IV_AN_OK = 0,
  IV_AN_TOO_BIG = -1, /* more states than the solver takes */
  IV_AN_TRAPPED = -2  /* calls at a->bad_node never leave the IVR */
};

/* The most chain states solved (the dense matrix takes 8 n^2 bytes).  */
#define IV_AN_MAX_STATES 3000

/* The limit in force (IV_AN_MAX_STATES; the fuzz harness lowers it).  */
extern size_t iv_analyse_max_states;

/* Analyse menu M (loaded without errors) with hours nodes taking branch
   HOURS (IV_E_OPEN, IV_E_CLOSED or IV_E_HOLIDAY), for segment SEG (an index
   into m->segments) or, with SEG < 0, all callers.  Returns IV_AN_OK (then
   free *A with iv_analysis_free), IV_AN_TOO_BIG or IV_AN_TRAPPED.  */
int iv_analyse (const iv_menu *m, int hours, long seg, iv_analysis *a);

/* Merge the exits of A with the same reason and queue, node -1.  */
void iv_analysis_by_reason (iv_analysis *a);

/* Free what *A owns.  */
void iv_analysis_free (iv_analysis *a);

#endif
