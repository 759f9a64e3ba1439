/* cc_hist: exact histograms of whole seconds (dense below 24 h, sparse above).  */
#include <config.h>

#include "cc_hist.h"

#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"

#define DENSE_MIN 64u  /* first dense allocation, entries */

/* Make the dense array hold index V (V < CC_HIST_DENSE_MAX), doubling its size
   (capped at CC_HIST_DENSE_MAX) and zeroing the new entries.  */
static void
dense_grow (cc_hist *h, uint32_t need)
{
  if (need <= h->ndense)
    return;
  uint32_t n = h->ndense ? h->ndense : DENSE_MIN;
  while (n < need)
    n *= 2;
  if (n > CC_HIST_DENSE_MAX)
    n = CC_HIST_DENSE_MAX;
  h->dense = cc_xrealloc (h->dense, (size_t) n * sizeof *h->dense);
  memset (h->dense + h->ndense, 0, (size_t) (n - h->ndense) * sizeof *h->dense);
  h->ndense = n;
}

/* Index of the first sparse pair whose value is >= V (binary search).  */
static uint32_t
sparse_find (const cc_hist *h, uint64_t v)
{
  uint32_t lo = 0, hi = h->nsparse;
  while (lo < hi)
    {
      uint32_t mid = lo + (hi - lo) / 2;
      if (h->sparse[2 * (size_t) mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Make room for at least NEED sparse pairs.  */
static void
sparse_reserve (cc_hist *h, uint32_t need)
{
  if (need <= h->capsparse)
    return;
  uint32_t cap = h->capsparse ? h->capsparse : 8;
  while (cap < need)
    {
      if (cap > UINT32_MAX / 2)
        cc_die (CC_EXIT_FAIL, "memory exhausted");
      cap *= 2;
    }
  h->sparse = cc_xrealloc (h->sparse, (size_t) cap * 2 * sizeof *h->sparse);
  h->capsparse = cap;
}

/* Add COUNT occurrences of the large value V to the sparse list, inserting a
   new pair in order when V is not there yet.  */
static void
sparse_add (cc_hist *h, uint64_t v, uint64_t count)
{
  uint32_t i = sparse_find (h, v);
  if (i < h->nsparse && h->sparse[2 * (size_t) i] == v)
    {
      h->sparse[2 * (size_t) i + 1] += count;
      return;
    }
  sparse_reserve (h, h->nsparse + 1);
  memmove (h->sparse + 2 * ((size_t) i + 1), h->sparse + 2 * (size_t) i,
           (size_t) (h->nsparse - i) * 2 * sizeof *h->sparse);
  h->sparse[2 * (size_t) i] = v;
  h->sparse[2 * (size_t) i + 1] = count;
  h->nsparse++;
}

void
cc_hist_add (cc_hist *h, uint64_t v)
{
  if (v < CC_HIST_DENSE_MAX)
    {
      if (v >= h->ndense)
        dense_grow (h, (uint32_t) v + 1);
      h->dense[v]++;
    }
  else
    sparse_add (h, v, 1);
  if (h->count == 0 || v > h->max)
    h->max = v;
  h->count++;
}

void
cc_hist_add_n (cc_hist *h, uint64_t v, uint64_t n)
{
  if (n == 0)
    return;
  if (v < CC_HIST_DENSE_MAX)
    {
      if (v >= h->ndense)
        dense_grow (h, (uint32_t) v + 1);
      h->dense[v] += n;
    }
  else
    sparse_add (h, v, n);
  if (h->count == 0 || v > h->max)
    h->max = v;
  h->count += n;
}

void
cc_hist_each (const cc_hist *h, void (*fn) (void *ud, uint64_t v, uint64_t n), void *ud)
{
  for (uint32_t i = 0; i < h->ndense; i++)
    if (h->dense[i])
      fn (ud, i, h->dense[i]);
  for (uint32_t i = 0; i < h->nsparse; i++)
    fn (ud, h->sparse[2 * (size_t) i], h->sparse[2 * (size_t) i + 1]);
}

/* Add SRC's counts to DST: the dense arrays entry by entry (DST grown to SRC's
   size), the sparse lists by a linear merge of the two sorted lists into a new
   array.  DST may be empty or even the same histogram as SRC.  */
void
cc_hist_merge (cc_hist *dst, const cc_hist *src)
{
  if (src->count == 0)
    return;

  dense_grow (dst, src->ndense);
  for (uint32_t i = 0; i < src->ndense; i++)
    dst->dense[i] += src->dense[i];

  if (src->nsparse)
    {
      uint32_t na = dst->nsparse, nb = src->nsparse;
      if (na > UINT32_MAX - nb)
        cc_die (CC_EXIT_FAIL, "memory exhausted");
      uint64_t *out = cc_xmalloc ((size_t) (na + nb) * 2 * sizeof *out);
      const uint64_t *a = dst->sparse, *b = src->sparse;
      uint32_t i = 0, j = 0, k = 0;
      while (i < na || j < nb)
        {
          if (j == nb || (i < na && a[2 * (size_t) i] < b[2 * (size_t) j]))
            {
              out[2 * (size_t) k] = a[2 * (size_t) i];
              out[2 * (size_t) k + 1] = a[2 * (size_t) i + 1];
              i++;
            }
          else if (i == na || b[2 * (size_t) j] < a[2 * (size_t) i])
            {
              out[2 * (size_t) k] = b[2 * (size_t) j];
              out[2 * (size_t) k + 1] = b[2 * (size_t) j + 1];
              j++;
            }
          else
            {
              out[2 * (size_t) k] = a[2 * (size_t) i];
              out[2 * (size_t) k + 1] = a[2 * (size_t) i + 1]
                                        + b[2 * (size_t) j + 1];
              i++;
              j++;
            }
          k++;
        }
      free (dst->sparse);
      dst->sparse = out;
      dst->nsparse = k;
      dst->capsparse = na + nb;
    }

  if (dst->count == 0 || src->max > dst->max)
    dst->max = src->max;
  dst->count += src->count;
}

/* The nearest rank ceil(P/100 * COUNT), computed exactly: P is first turned
   into an integer number of millionths of a percent (rounded), so P = 90 is
   exactly 90000000 and ceil(90000000 * 10 / 10^8) = 9 with no floating error.
   The rank is clamped to 1..COUNT.  */
static uint64_t
nearest_rank (double p, uint64_t count)
{
  if (!(p > 0))
    return 1;
  if (p > 100)
    p = 100;
  uint64_t pm = (uint64_t) (p * 1e6 + 0.5);  /* 0 .. 10^8 */
  const uint64_t whole = UINT64_C (100000000);
  unsigned __int128 prod = (unsigned __int128) pm * count;
  uint64_t rank = (uint64_t) ((prod + whole - 1) / whole);
  if (rank < 1)
    rank = 1;
  if (rank > count)
    rank = count;
  return rank;
}

/* Walk the counts in value order (dense, then sparse) until the cumulative
   count reaches the rank.  */
uint64_t
cc_hist_percentile (const cc_hist *h, double p)
{
  if (h->count == 0)
    return 0;
  uint64_t rank = nearest_rank (p, h->count);
  uint64_t cum = 0;
  for (uint32_t i = 0; i < h->ndense; i++)
    {
      cum += h->dense[i];
      if (cum >= rank)
        return i;
    }
  for (uint32_t i = 0; i < h->nsparse; i++)
    {
      cum += h->sparse[2 * (size_t) i + 1];
      if (cum >= rank)
        return h->sparse[2 * (size_t) i];
    }
  return h->max;  /* not reached when the counts are consistent */
}

/* Sum the dense counts up to V, then the sparse pairs with values <= V.  */
uint64_t
cc_hist_count_le (const cc_hist *h, uint64_t v)
{
  uint64_t c = 0;
  uint64_t top = v < h->ndense ? v + 1 : h->ndense;
  for (uint64_t i = 0; i < top; i++)
    c += h->dense[i];
  for (uint32_t i = 0; i < h->nsparse && h->sparse[2 * (size_t) i] <= v; i++)
    c += h->sparse[2 * (size_t) i + 1];
  return c;
}

void
cc_hist_free (cc_hist *h)
{
  free (h->dense);
  free (h->sparse);
  memset (h, 0, sizeof *h);
}
