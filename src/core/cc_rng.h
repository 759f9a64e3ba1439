/* cc_rng: a small, fast, seedable pseudo-random number generator for the
   simulators (ccroute, ccivr-sim, ccdial's pacing tests).

   The generator is xoshiro256** (Blackman and Vigna), written here from its
   published description; its 256-bit state is filled from the seed by
   splitmix64.  A run draws from several independent streams (arrivals,
   handling, patience, routing ...) made from one seed and a stream number, so
   that changing one part of a model does not shift the random numbers of the
   others.  The same seed and stream always give the same sequence on every
   machine: no global state, no time, no floating-point in the generator.  */
#ifndef CC_RNG_H
#define CC_RNG_H

#include <stdint.h>

/* One stream.  */
typedef struct cc_rng
{
  uint64_t s[4]; /* xoshiro256** state, never all zero */
} cc_rng;

/* Seed R as stream STREAM of SEED.  */
void cc_rng_seed (cc_rng *r, uint64_t seed, uint64_t stream);

/* The next 64 random bits.  */
static inline uint64_t
cc_rng_next (cc_rng *r)
{
  uint64_t *s = r->s;
  uint64_t x = s[1] * 5;
  uint64_t result = ((x << 7) | (x >> 57)) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 45) | (s[3] >> 19);
  return result;
}

/* A uniform double in the open interval (0, 1): never 0, never 1.  The
   midpoints (k + 1/2) / 2^52 of 2^52 equal cells, k the top 52 bits: every
   one is exact in a double (53 significant bits), from 2^-53 to 1 - 2^-53.
   (With 53 bits, k + 1/2 does not fit above 2^52 and rounds, up to 1.)  */
static inline double
cc_rng_uniform (cc_rng *r)
{
  return ((double)(cc_rng_next (r) >> 12) + 0.5) * 0x1.0p-52;
}

/* A uniform integer in [0, N) for N >= 1, without modulo bias.  */
uint64_t cc_rng_below (cc_rng *r, uint64_t n);

/* An exponential variate of mean MEAN.  */
double cc_rng_exp (cc_rng *r, double mean);

/* A standard normal variate (Marsaglia's polar method, no cached pair, so
   the sequence depends only on the stream).  */
double cc_rng_normal (cc_rng *r);

#endif
