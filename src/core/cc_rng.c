/* cc_rng: xoshiro256** seeded by splitmix64 (see cc_rng.h).  */
#include <config.h>

#include <math.h>

#include "cc_rng.h"

/* One step of splitmix64 on *X: the seeding sequence.  */
static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += UINT64_C (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
cc_rng_seed (cc_rng *r, uint64_t seed, uint64_t stream)
{
  /* Mix the stream number in through its own splitmix step so that streams
     of neighbouring seeds do not overlap in their starting states.  */
  uint64_t x = stream;
  uint64_t k = splitmix64 (&x);
  x = seed ^ k;
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&x);
  if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
    r->s[0] = 1;
}

uint64_t
cc_rng_below (cc_rng *r, uint64_t n)
{
  if (n <= 1)
    return 0;
  /* Reject the top partial block: 2^64 mod n = (-n) mod n.  */
  uint64_t limit = -n % n;
  for (;;)
    {
      uint64_t x = cc_rng_next (r);
      if (x >= limit)
        return x % n;
    }
}

double
cc_rng_exp (cc_rng *r, double mean)
{
  return -mean * log (cc_rng_uniform (r));
}

double
cc_rng_normal (cc_rng *r)
{
  for (;;)
    {
      double u = 2.0 * cc_rng_uniform (r) - 1.0;
      double v = 2.0 * cc_rng_uniform (r) - 1.0;
      double s = u * u + v * v;
      if (s > 0.0 && s < 1.0)
        return u * sqrt (-2.0 * log (s) / s);
    }
}
