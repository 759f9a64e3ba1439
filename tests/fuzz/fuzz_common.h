/* fuzz_common.h: what the libFuzzer harnesses share.  Define FUZZ_NAME (the
   harness name, a string) before including it.  */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Abort with the failed condition when C is false.  */
#define CHECK(c)                                                                                   \
  do                                                                                               \
    {                                                                                              \
      if (!(c))                                                                                    \
        {                                                                                          \
          fprintf (stderr, FUZZ_NAME ": invariant failed: %s (%s:%d)\n", #c, __FILE__, __LINE__);  \
          abort ();                                                                                \
        }                                                                                          \
    }                                                                                              \
  while (0)

static inline void *
xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);
  CHECK (p);
  return p;
}

static inline void *
xrealloc (void *p, size_t n)
{
  p = realloc (p, n ? n : 1);
  CHECK (p);
  return p;
}

/* A copy of BUF[0..N) in a block of exactly N bytes, so ASan catches a read
   past its end.  */
static inline char *
dup_exact (const char *buf, size_t n)
{
  char *p = xmalloc (n);
  if (n)
    memcpy (p, buf, n);
  return p;
}

/* splitmix64, seeded from the input, for data-dependent choices.  */
static inline uint64_t
mix (uint64_t *s)
{
  uint64_t z = (*s += UINT64_C (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* FNV-1a of P[0..N).  */
static inline uint64_t
fnv (const void *p, size_t n)
{
  const unsigned char *s = p;
  uint64_t h = UINT64_C (0xCBF29CE484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * UINT64_C (0x100000001B3);
  return h;
}

/* Line ends in BUF[0..N).  */
static inline uint32_t
count_nl (const char *buf, size_t n)
{
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += buf[i] == '\n';
  return k;
}

#endif
