/* cc_hist: exact histograms of whole seconds, for percentiles that merge.

   Counts per whole second in a dense array that grows to the largest value
   seen (up to 24 h), with larger values kept in a sorted sparse list, so a
   percentile is exact and two histograms merge by adding counts.  */
#ifndef CC_HIST_H
#define CC_HIST_H

#include <stdint.h>

typedef struct cc_hist
{
  uint64_t *dense;   /* dense[s] = count of value s, s < ndense */
  uint32_t ndense;   /* entries allocated in dense */
  uint64_t *sparse;  /* pairs (value, count) sorted by value, values >= CC_HIST_DENSE_MAX */
  uint32_t nsparse;  /* pairs used */
  uint32_t capsparse;/* pairs allocated */
  uint64_t count;    /* total count */
  uint64_t max;      /* largest value added (valid when count > 0) */
} cc_hist;

#define CC_HIST_DENSE_MAX 86400u

void cc_hist_add (cc_hist *h, uint64_t v);
/* Add N occurrences of V.  */
void cc_hist_add_n (cc_hist *h, uint64_t v, uint64_t n);
/* Call FN for every value with a non-zero count, in ascending order.  */
void cc_hist_each (const cc_hist *h, void (*fn) (void *ud, uint64_t v, uint64_t n), void *ud);
void cc_hist_merge (cc_hist *dst, const cc_hist *src);
/* Nearest-rank percentile: the smallest v with count(<= v) >= ceil(p/100 * count);
   P in (0, 100].  Returns 0 for an empty histogram.  */
uint64_t cc_hist_percentile (const cc_hist *h, double p);
/* Count of values <= V.  */
uint64_t cc_hist_count_le (const cc_hist *h, uint64_t v);
void cc_hist_free (cc_hist *h);

#endif
