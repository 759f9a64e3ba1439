/* Unit tests of cc_rng (xoshiro256** seeded by splitmix64) and cc_dist
   (duration distributions from text specs).

   Oracles:
     xoshiro256** from the state {1, 2, 3, 4}: the first ten outputs
       11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
       607988272756665600, 16172922978634559625, 8476171486693032832,
       10595114339597558777, 2904607092377533576
     were computed with an independent Python transcription of Blackman and
     Vigna's published next() (result = rotl(s1 * 5, 7) * 9; t = s1 << 17;
     s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45), all
     mod 2^64) and agree with the test vectors other implementations publish
     (the rand_xoshiro crate's).
     splitmix64 (z = x += 0x9E3779B97F4A7C15; z = (z ^ z >> 30) *
       0xBF58476D1CE4E5B9; z = (z ^ z >> 27) * 0x94D049BB133111EB;
       z ^ z >> 31) from 1234567 gives 6457827717110365317,
       3203168211198807973, 9817491932198370423, ... (the published vector);
       the same Python code, following cc_rng_seed's documented recipe
       (k = splitmix64 step of the stream number; then four splitmix64 steps
       from seed ^ k), gives the seeded states checked below.
     The state with s1 = 0x4fc71c71c71c71c7 makes the next output 2^64 - 1:
       s1 = rotr ((2^64 - 1) * 9^-1, 7) * 5^-1 mod 2^64 (inverses mod 2^64,
       Python's pow (9, -1, 2**64)); s1 = 0 makes it 0.
   Statistical checks use 10^5..10^6 draws with a fixed seed and tolerances of
   about 5 standard errors (the arithmetic is in each comment), so they are
   deterministic and would catch a wrong formula, not a one-in-a-million
   fluke.  */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_dist.h"
#include "cc_rng.h"
#include "tap.h"

#define NDRAW 1000000

/* The scratch directory of the empirical files (removed at the end).  */
static char tmpdir[4096];

/* Write TEXT (LEN bytes) to NAME in the scratch directory.  */
static void
write_file (const char *name, const char *text, size_t len)
{
  char path[4200];
  snprintf (path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen (path, "wb");
  if (!f || fwrite (text, 1, len, f) != len || fclose (f) != 0)
    {
      perror (path);
      exit (99);
    }
}

/* Remove NAME from the scratch directory.  */
static void
remove_file (const char *name)
{
  char path[4200];
  snprintf (path, sizeof path, "%s/%s", tmpdir, name);
  unlink (path);
}

/* Parse SPEC (empirical files relative to the scratch directory) expecting
   failure with exactly the message WANT; names the test NAME.  */
static void
parse_fails (const char *spec, int allow_none, const char *want, const char *name)
{
  cc_dist d;
  char err[512] = "";
  int rc = cc_dist_parse (spec, tmpdir, allow_none, &d, err, sizeof err);
  int good = rc == -1 && strcmp (err, want) == 0 && d.kind == CC_DIST_FIXED && d.vals == NULL
             && d.n == 0;
  if (!ok (good, "%s: %s", name, spec))
    printf ("# rc %d, message '%s'\n# wanted '%s'\n", rc, err, want);
  cc_dist_free (&d);
}

/* The "bad distribution" message for SPEC.  */
static const char *
bad_msg (const char *spec, int allow_none)
{
  static char buf[512];
  snprintf (buf, sizeof buf,
            "bad distribution '%s' (expected DURATION, exp:MEAN, lognormal:MEAN,SD, "
            "uniform:A,B, empirical:FILE%s)",
            spec, allow_none ? " or none" : "");
  return buf;
}

/* Parse SPEC, which must succeed, into *D.  */
static int
parse_ok (const char *spec, int allow_none, cc_dist *d)
{
  char err[512] = "";
  int rc = cc_dist_parse (spec, tmpdir, allow_none, d, err, sizeof err);
  if (rc != 0)
    printf ("# %s: %s\n", spec, err);
  return rc == 0;
}

/* Parse SPEC expecting a fixed distribution of value V.  */
static void
fixed_is (const char *spec, double v)
{
  cc_dist d;
  int good = parse_ok (spec, 0, &d) && d.kind == CC_DIST_FIXED && d.a == v && d.mean == v;
  cc_rng r;
  cc_rng_seed (&r, 1, 0);
  good = good && cc_dist_sample (&d, &r) == v && cc_dist_sample (&d, &r) == v;
  ok (good, "'%s' is fixed %g", spec, v);
  cc_dist_free (&d);
}

/* Mean and standard deviation of N samples of D.  */
static void
sample_moments (const cc_dist *d, cc_rng *r, long n, double *mean, double *sd, double *lo,
                double *hi)
{
  /* Welford's update, so the variance does not lose digits.  */
  double m = 0, s = 0, mn = INFINITY, mx = -INFINITY;
  for (long i = 1; i <= n; i++)
    {
      double x = cc_dist_sample (d, r);
      double dx = x - m;
      m += dx / (double)i;
      s += dx * (x - m);
      if (x < mn)
        mn = x;
      if (x > mx)
        mx = x;
    }
  *mean = m;
  *sd = sqrt (s / (double)(n - 1));
  *lo = mn;
  *hi = mx;
}

/* ---------------------------------------------------------------- rng --- */

static void
test_reference (void)
{
  static const uint64_t want[10] = { UINT64_C (11520),
                                     UINT64_C (0),
                                     UINT64_C (1509978240),
                                     UINT64_C (1215971899390074240),
                                     UINT64_C (1216172134540287360),
                                     UINT64_C (607988272756665600),
                                     UINT64_C (16172922978634559625),
                                     UINT64_C (8476171486693032832),
                                     UINT64_C (10595114339597558777),
                                     UINT64_C (2904607092377533576) };
  cc_rng r = { { 1, 2, 3, 4 } };
  int good = 1;
  for (int i = 0; i < 10; i++)
    {
      uint64_t x = cc_rng_next (&r);
      if (x != want[i])
        {
          printf ("# output %d: %llu, want %llu\n", i, (unsigned long long)x,
                  (unsigned long long)want[i]);
          good = 0;
        }
    }
  ok (good, "xoshiro256** from {1,2,3,4}: the ten reference outputs");
}

static void
test_seeding (void)
{
  /* States from the Python transcription of splitmix64 and cc_rng_seed.  */
  static const struct
  {
    uint64_t seed, stream, s[4], first;
  } cases[] = {
    { 1,
      0,
      { UINT64_C (0x08b4fda8c892b50e), UINT64_C (0xe89e8dc54072ebd9), UINT64_C (0x26a90e7c423166a6),
        UINT64_C (0x5ba208d6dc82d245) },
      UINT64_C (17254933023648552173) },
    { 42,
      7,
      { UINT64_C (0x6eab8625df268fbc), UINT64_C (0x45847a4c3fc62d89), UINT64_C (0xe9871b135156aabf),
        UINT64_C (0x3ef7d517faf51d54) },
      UINT64_C (2648032583866158101) },
    { 0,
      0,
      { UINT64_C (0xa706dd2f4d197e6f), UINT64_C (0xb382a305f4414f5e), UINT64_C (0x631a9154fbabf717),
        UINT64_C (0xa80aba8c86640906) },
      UINT64_C (18110106563157542208) },
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    {
      cc_rng r;
      cc_rng_seed (&r, cases[c].seed, cases[c].stream);
      int good = memcmp (r.s, cases[c].s, sizeof r.s) == 0;
      good = good && cc_rng_next (&r) == cases[c].first;
      ok (good, "seed %llu stream %llu: splitmix64 state and first output",
          (unsigned long long)cases[c].seed, (unsigned long long)cases[c].stream);
    }

  /* Determinism: the same seed and stream give the same sequence.  */
  cc_rng a, b;
  cc_rng_seed (&a, 12345, 3);
  cc_rng_seed (&b, 12345, 3);
  int same = 1;
  for (int i = 0; i < 10000; i++)
    same &= cc_rng_next (&a) == cc_rng_next (&b);
  ok (same, "the same seed and stream give the same 10000 outputs");

  /* Different streams of one seed, different seeds of one stream, and the
     swapped pair (seed, stream) = (3, 5) / (5, 3) all differ from the first
     output on, and share no output among their first 1000 (a collision of
     64-bit values among 16000 has probability about 1e-11).  */
  enum
  {
    NS = 16,
    NV = 1000
  };
  static uint64_t v[NS][NV];
  for (int k = 0; k < NS; k++)
    {
      cc_rng r;
      if (k < 8)
        cc_rng_seed (&r, 1, (uint64_t)k); /* streams 0..7 of seed 1 */
      else if (k < 14)
        cc_rng_seed (&r, (uint64_t)(k - 6), 0); /* seeds 2..7, stream 0 */
      else
        cc_rng_seed (&r, k == 14 ? 3 : 5, k == 14 ? 5 : 3);
      for (int i = 0; i < NV; i++)
        v[k][i] = cc_rng_next (&r);
    }
  int distinct = 1;
  for (int k = 0; k < NS && distinct; k++)
    for (int l = k + 1; l < NS && distinct; l++)
      for (int i = 0; i < NV && distinct; i++)
        for (int j = 0; j < NV; j++)
          if (v[k][i] == v[l][j])
            {
              printf ("# streams %d and %d share a value\n", k, l);
              distinct = 0;
              break;
            }
  ok (distinct, "16 seed/stream pairs share no value among their first 1000 outputs");

  /* Streams 0 and 1 of one seed are uncorrelated: the sample correlation of
     10^5 paired uniforms has standard error 1/sqrt(10^5) = 0.0032.  */
  cc_rng_seed (&a, 99, 0);
  cc_rng_seed (&b, 99, 1);
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  const int n = 100000;
  for (int i = 0; i < n; i++)
    {
      double x = cc_rng_uniform (&a), y = cc_rng_uniform (&b);
      sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
    }
  double cov = sxy / n - (sx / n) * (sy / n);
  double corr = cov / sqrt ((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  ok (fabs (corr) < 0.016, "streams 0 and 1 uncorrelated (r = %.5f)", corr);
}

static void
test_uniform (void)
{
  /* The extreme outputs: 2^64 - 1 and 0 must still give a value strictly
     inside (0, 1).  */
  cc_rng r = { { 0, UINT64_C (0x4fc71c71c71c71c7), 0, 0 } };
  cc_rng probe = r;
  ok (cc_rng_next (&probe) == UINT64_MAX, "the crafted state gives output 2^64 - 1");
  double u = cc_rng_uniform (&r);
  ok (u > 0 && u < 1, "uniform of output 2^64 - 1 is below 1 (%.17g)", u);
  cc_rng z = { { 1, 0, 3, 4 } };
  probe = z;
  ok (cc_rng_next (&probe) == 0, "s1 = 0 gives output 0");
  u = cc_rng_uniform (&z);
  ok (u > 0 && u < 1, "uniform of output 0 is above 0 (%.17g)", u);

  /* 10^6 draws: mean 1/2 with standard error sqrt (1/12 / 10^6) = 2.9e-4
     (tolerance 1.5e-3); variance 1/12 with standard error
     sqrt ((1/80 - 1/144) / 10^6) = 7.5e-5 (tolerance 4e-4); each tenth of
     the interval holds 10^5 +- 300 draws (tolerance 1500).  */
  cc_rng_seed (&r, 7, 0);
  double sum = 0, sq = 0, mn = 1, mx = 0;
  long bins[10] = { 0 };
  for (long i = 0; i < NDRAW; i++)
    {
      u = cc_rng_uniform (&r);
      sum += u;
      sq += (u - 0.5) * (u - 0.5);
      if (u < mn)
        mn = u;
      if (u > mx)
        mx = u;
      bins[(int)(u * 10)]++;
    }
  double mean = sum / NDRAW, var = sq / NDRAW - (mean - 0.5) * (mean - 0.5);
  ok (mn > 0 && mx < 1, "10^6 uniforms in (0,1) (min %.3g, max 1 - %.3g)", mn, 1 - mx);
  ok (fabs (mean - 0.5) < 1.5e-3, "uniform mean 1/2 (%.6f)", mean);
  ok (fabs (var - 1.0 / 12) < 4e-4, "uniform variance 1/12 (%.6f)", var);
  int flat = 1;
  for (int k = 0; k < 10; k++)
    flat &= labs (bins[k] - NDRAW / 10) < 1500;
  ok (flat, "uniform deciles hold 10^5 each, +- 1500");
}

/* Chi-square statistic of cc_rng_below (N) over DRAWS draws; sets *IN_RANGE
   to whether every draw was below N.  */
static double
below_chi2 (cc_rng *r, uint64_t n, long draws, int *in_range)
{
  long count[16] = { 0 };
  *in_range = 1;
  for (long i = 0; i < draws; i++)
    {
      uint64_t x = cc_rng_below (r, n);
      if (x >= n)
        {
          *in_range = 0;
          return INFINITY;
        }
      count[x]++;
    }
  double e = (double)draws / (double)n, chi2 = 0;
  for (uint64_t k = 0; k < n; k++)
    chi2 += (count[k] - e) * (count[k] - e) / e;
  return chi2;
}

static void
test_below (void)
{
  cc_rng r;
  cc_rng_seed (&r, 11, 0);
  ok (cc_rng_below (&r, 1) == 0 && cc_rng_below (&r, 0) == 0, "below(1) and below(0) are 0");

  /* Chi-square over 10^5 draws against the 0.1 % critical values of the
     chi-square law with n - 1 degrees of freedom (tables: df 1: 10.83,
     2: 13.82, 4: 18.47, 5: 20.52, 6: 22.46, 9: 27.88, 15: 37.70).  */
  static const struct
  {
    uint64_t n;
    double crit;
  } cases[] = { { 2, 10.83 }, { 3, 13.82 },  { 5, 18.47 }, { 6, 20.52 },
                { 7, 22.46 }, { 10, 27.88 }, { 16, 37.70 } };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    {
      int in_range;
      double chi2 = below_chi2 (&r, cases[c].n, 100000, &in_range);
      ok (in_range && chi2 < cases[c].crit, "below(%llu): chi-square %.2f < %.2f",
          (unsigned long long)cases[c].n, chi2, cases[c].crit);
    }

  /* Modulo bias would show with n = 3 * 2^62: 2^64 mod n = 2^62, so a plain
     x % n makes the results below 2^62 twice as likely as the others, and
     P(result < 2^62) would be 2 * 2^62 / 2^64 = 1/2 instead of
     2^62 / n = 1/3.  Over 10^5 draws the unbiased share is 1/3 +- 0.0015.  */
  uint64_t n = UINT64_C (3) << 62;
  long low = 0, bad = 0;
  for (long i = 0; i < 100000; i++)
    {
      uint64_t x = cc_rng_below (&r, n);
      low += x < (UINT64_C (1) << 62);
      bad += x >= n;
    }
  double share = low / 1e5;
  ok (bad == 0 && fabs (share - 1.0 / 3) < 0.0075, "below(3*2^62) unbiased: P(< 2^62) = %.4f",
      share);
}

static void
test_exp_normal (void)
{
  cc_rng r;
  cc_rng_seed (&r, 5, 2);

  /* Exponential of mean 100: standard error of the mean 100 / 1000 = 0.1
     (tolerance 0.5); sd 100 with standard error about
     sqrt (E[(X - m)^4] - sd^4) / (2 sd sqrt (n)) = sqrt (9 - 1) * 100 / 2000
     = 0.14 (tolerance 0.75); P(X > 100) = 1/e = 0.367879 +- 0.00048
     (tolerance 0.0025).  */
  double sum = 0, sq = 0, mn = INFINITY;
  long above = 0;
  for (long i = 0; i < NDRAW; i++)
    {
      double x = cc_rng_exp (&r, 100);
      sum += x;
      sq += x * x;
      above += x > 100;
      if (x < mn)
        mn = x;
    }
  double mean = sum / NDRAW, sd = sqrt (sq / NDRAW - mean * mean);
  ok (mn > 0, "exponential draws are positive");
  ok (fabs (mean - 100) < 0.5, "exponential mean 100 (%.3f)", mean);
  ok (fabs (sd - 100) < 0.75, "exponential sd 100 (%.3f)", sd);
  ok (fabs (above / (double)NDRAW - exp (-1)) < 0.0025, "exponential P(X > mean) = 1/e (%.5f)",
      above / (double)NDRAW);

  /* Standard normal: mean 0 +- 0.001 (tolerance 0.005); sd 1 with standard
     error 1 / sqrt (2 n) = 7e-4 (tolerance 0.0035); P(|Z| > 1.96) = 0.05 +-
     0.00022 (tolerance 0.0011).  */
  sum = sq = 0;
  long tail = 0;
  for (long i = 0; i < NDRAW; i++)
    {
      double x = cc_rng_normal (&r);
      sum += x;
      sq += x * x;
      tail += fabs (x) > 1.959964;
    }
  mean = sum / NDRAW;
  sd = sqrt (sq / NDRAW - mean * mean);
  ok (fabs (mean) < 0.005, "normal mean 0 (%.5f)", mean);
  ok (fabs (sd - 1) < 0.0035, "normal sd 1 (%.5f)", sd);
  ok (fabs (tail / (double)NDRAW - 0.05) < 0.0011, "normal P(|Z| > 1.96) = 0.05 (%.5f)",
      tail / (double)NDRAW);

  /* The normal sequence depends only on the stream (no cached pair).  */
  cc_rng a, b;
  cc_rng_seed (&a, 8, 8);
  cc_rng_seed (&b, 8, 8);
  (void)cc_rng_normal (&a);
  (void)cc_rng_normal (&b);
  ok (cc_rng_normal (&a) == cc_rng_normal (&b), "normal draws repeat with the stream");
}

/* --------------------------------------------------------------- dist --- */

static void
test_parse_forms (void)
{
  fixed_is ("90", 90);
  fixed_is ("90s", 90);
  fixed_is ("1.5m", 90);
  fixed_is ("2h", 7200);
  fixed_is ("fixed:45", 45);
  fixed_is ("fixed:0", 0);
  fixed_is ("  12", 12);
  fixed_is ("0.25", 0.25);
  /* Zero in every spelling of a duration.  */
  fixed_is ("0", 0);
  fixed_is ("00", 0);
  fixed_is ("0s", 0);
  fixed_is ("0.0", 0);
  fixed_is ("0m", 0);
  fixed_is ("0h", 0);
  fixed_is ("0d", 0);
  fixed_is ("0w", 0);

  cc_dist d;
  ok (parse_ok ("exp:100", 0, &d) && d.kind == CC_DIST_EXP && d.a == 100 && d.mean == 100,
      "exp:100");
  ok (parse_ok ("exp:2m", 0, &d) && d.kind == CC_DIST_EXP && d.a == 120 && d.mean == 120,
      "exp:2m has mean 120");
  /* sigma^2 = ln (1 + (50/100)^2) = ln 1.25; mu = ln 100 - sigma^2 / 2.  */
  double s2 = log (1.25);
  ok (parse_ok ("lognormal:100,50", 0, &d) && d.kind == CC_DIST_LOGNORMAL
          && fabs (d.b - sqrt (s2)) < 1e-12 && fabs (d.a - (log (100) - s2 / 2)) < 1e-12
          && d.mean == 100,
      "lognormal:100,50: mu %.6f sigma %.6f", d.a, d.b);
  ok (parse_ok ("lognormal:3m,0", 0, &d) && d.kind == CC_DIST_LOGNORMAL && d.b == 0
          && fabs (d.a - log (180)) < 1e-12 && d.mean == 180,
      "lognormal:3m,0 has sigma 0");
  ok (parse_ok ("uniform:10,20", 0, &d) && d.kind == CC_DIST_UNIFORM && d.a == 10 && d.b == 20
          && d.mean == 15,
      "uniform:10,20");
  ok (parse_ok ("uniform: 0 , 1m ", 0, &d) && d.kind == CC_DIST_UNIFORM && d.a == 0 && d.b == 60
          && d.mean == 30,
      "uniform: 0 , 1m  (blanks around the bounds)");
  ok (parse_ok ("uniform:5,5", 0, &d) && d.kind == CC_DIST_UNIFORM && d.a == 5 && d.b == 5,
      "uniform:5,5");
  ok (parse_ok ("none", 1, &d) && d.kind == CC_DIST_NONE && isinf (d.mean) && d.mean > 0,
      "none where allowed");
  cc_rng r;
  cc_rng_seed (&r, 1, 1);
  double x = cc_dist_sample (&d, &r);
  ok (isinf (x) && x > 0, "none samples infinity");
  d = cc_dist_fixed (7.5);
  ok (d.kind == CC_DIST_FIXED && d.a == 7.5 && d.mean == 7.5 && d.vals == NULL
          && cc_dist_sample (&d, &r) == 7.5,
      "cc_dist_fixed");
}

static void
test_parse_errors (void)
{
  static const char *bad[] = { "",
                               "abc",
                               "-5",
                               "5x",
                               "0x0",
                               "0e5",
                               "0.",
                               "1.",
                               ".5",
                               "inf",
                               "nan",
                               "NONE",
                               "exp",
                               "exp:",
                               "exp:0",
                               "exp:0s",
                               "exp:-1",
                               "exp:abc",
                               "EXP:100",
                               "gamma:1,2",
                               ":100",
                               "fixed:",
                               "fixed:none",
                               "fixed:-1",
                               "lognormal:",
                               "lognormal:100",
                               "lognormal:0,10",
                               "lognormal:100,",
                               "lognormal:,5",
                               "lognormal:100,-5",
                               "uniform:1",
                               "uniform:1,2,3",
                               "uniform:a,b",
                               "uniform:-1,5",
                               "empirical:",
                               "none ",
                               "100 200" };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      /* The message names the spec after its leading blanks.  */
      parse_fails (bad[i], 0, bad_msg (bad[i], 0), "bad spec");
    }
  parse_fails ("exp:0", 1, bad_msg ("exp:0", 1), "bad spec, none allowed");
  parse_fails ("none", 0, "'none' is not allowed here", "none refused");
  parse_fails ("uniform:20,10", 0, "'uniform:20,10': the upper bound is below the lower",
               "reversed bounds");
  parse_fails ("  uniform:2m,1m", 0, "'uniform:2m,1m': the upper bound is below the lower",
               "reversed bounds after unit conversion");

  /* A long spec is quoted to its first 60 bytes; a duration of more than 40
     bytes is refused.  */
  char spec[200], want[512];
  memset (spec, 'z', 150);
  spec[150] = '\0';
  snprintf (want, sizeof want,
            "bad distribution '%.60s' (expected DURATION, exp:MEAN, lognormal:MEAN,SD, "
            "uniform:A,B, empirical:FILE)",
            spec);
  parse_fails (spec, 0, want, "long spec quoted to 60 bytes");
  char longdur[64];
  memset (longdur, '0', 44);
  strcpy (longdur + 44, "1");
  parse_fails (longdur, 0, bad_msg (longdur, 0), "45-byte duration");

  /* A short error buffer is truncated, not overrun.  */
  cc_dist d;
  char small[8];
  memset (small, 'x', sizeof small);
  ok (cc_dist_parse ("abc", NULL, 0, &d, small, 6) == -1 && strcmp (small, "bad d") == 0
          && small[6] == 'x',
      "the message is cut to the buffer size");
}

static void
test_lognormal_uniform (void)
{
  cc_rng r;
  cc_rng_seed (&r, 3, 4);
  cc_dist d;
  double mean, sd, lo, hi;

  /* lognormal:100,50 over 10^6 draws: standard error of the mean
     50 / 1000 = 0.05 (tolerance 0.25); sigma^2 = ln 1.25, kurtosis
     e^(4 s2) + 2 e^(3 s2) + 3 e^(2 s2) - 3 + 3 = 11.03, so the sample
     variance has standard error 2500 sqrt (11.03 - 1) / 1000 = 7.9 and the
     sd 7.9 / (2 * 50) = 0.08 (tolerance 0.4).  */
  ok (parse_ok ("lognormal:100,50", 0, &d), "parse lognormal:100,50");
  sample_moments (&d, &r, NDRAW, &mean, &sd, &lo, &hi);
  ok (fabs (mean - 100) < 0.25, "lognormal:100,50 sample mean %.3f", mean);
  ok (fabs (sd - 50) < 0.4, "lognormal:100,50 sample sd %.3f", sd);
  ok (lo > 0, "lognormal samples are positive");

  /* lognormal:30,90 (sd three times the mean): a heavy tail; the median is
     e^mu = 30 / sqrt (10) = 9.487, and half the draws fall below it
     (0.5 +- 0.0005 over 10^6; tolerance 0.0025).  */
  ok (parse_ok ("lognormal:30,90", 0, &d), "parse lognormal:30,90");
  double median = 30 / sqrt (10);
  long below = 0;
  for (long i = 0; i < NDRAW; i++)
    below += cc_dist_sample (&d, &r) < median;
  ok (fabs (below / (double)NDRAW - 0.5) < 0.0025, "lognormal:30,90 median %.4f (share %.4f)",
      median, below / (double)NDRAW);

  /* uniform:10,20: inside the bounds; mean 15 +- 10 / sqrt (12 * 10^6)
     = 0.0029 (tolerance 0.015); sd 10 / sqrt (12) = 2.88675 +- 0.0013
     (tolerance 0.007).  */
  ok (parse_ok ("uniform:10,20", 0, &d), "parse uniform:10,20");
  sample_moments (&d, &r, NDRAW, &mean, &sd, &lo, &hi);
  ok (lo >= 10 && hi <= 20 && lo < 10.001 && hi > 19.999, "uniform:10,20 samples in [%g, %g]", lo,
      hi);
  ok (fabs (mean - 15) < 0.015, "uniform:10,20 mean %.4f", mean);
  ok (fabs (sd - 10 / sqrt (12)) < 0.007, "uniform:10,20 sd %.4f", sd);
  ok (parse_ok ("uniform:5,5", 0, &d), "parse uniform:5,5");
  sample_moments (&d, &r, 1000, &mean, &sd, &lo, &hi);
  ok (lo == 5 && hi == 5, "uniform:5,5 always 5");

  /* exp:2m through cc_dist: mean 120 +- 0.12 (tolerance 0.6).  */
  ok (parse_ok ("exp:2m", 0, &d), "parse exp:2m");
  sample_moments (&d, &r, NDRAW, &mean, &sd, &lo, &hi);
  ok (fabs (mean - 120) < 0.6 && lo > 0, "exp:2m sample mean %.3f", mean);
  fixed_is ("0", 0);
}

static void
test_empirical (void)
{
  cc_dist d;
  char want[8400];

  /* Blank lines, blank-only lines, comments (also indented), CRLF ends,
     units and a zero: the values 0, 10, 20, 30, 60.  */
  const char *text = "# observed handle times\n"
                     "\n"
                     "10\n"
                     "   \n"
                     "  # indented comment\n"
                     "20s\r\n"
                     "\t30 \n"
                     "1m\n"
                     "0\n";
  write_file ("route-emp.txt", text, strlen (text));
  ok (parse_ok ("empirical:route-emp.txt", 0, &d) && d.kind == CC_DIST_EMPIRICAL && d.n == 5
          && d.vals[0] == 10 && d.vals[1] == 20 && d.vals[2] == 30 && d.vals[3] == 60
          && d.vals[4] == 0 && d.mean == 24,
      "empirical file: 5 values, mean 24");

  /* Each value is equally likely: chi-square over 10^5 draws, df 4,
     0.1 % critical value 18.47.  */
  cc_rng r;
  cc_rng_seed (&r, 21, 0);
  long count[5] = { 0 };
  int only = 1;
  for (long i = 0; i < 100000; i++)
    {
      double x = cc_dist_sample (&d, &r);
      int k = x == 10 ? 0 : x == 20 ? 1 : x == 30 ? 2 : x == 60 ? 3 : x == 0 ? 4 : -1;
      if (k < 0)
        only = 0;
      else
        count[k]++;
    }
  double chi2 = 0;
  for (int k = 0; k < 5; k++)
    chi2 += (count[k] - 20000.0) * (count[k] - 20000.0) / 20000.0;
  ok (only && chi2 < 18.47, "empirical draws are the file's values, equally likely (%.2f)", chi2);
  cc_dist_free (&d);
  ok (d.kind == CC_DIST_FIXED && d.vals == NULL && d.n == 0 && d.a == 0,
      "cc_dist_free leaves fixed 0");

  /* An absolute name ignores BASEDIR; no BASEDIR means the current
     directory.  */
  char abs[4200], err[512];
  snprintf (abs, sizeof abs, "empirical:%s/route-emp.txt", tmpdir);
  ok (cc_dist_parse (abs, "/nonexistent-base", 0, &d, err, sizeof err) == 0 && d.n == 5,
      "absolute empirical name ignores the base directory");
  cc_dist_free (&d);
  char cwd[4096];
  if (getcwd (cwd, sizeof cwd) && chdir (tmpdir) == 0)
    {
      int a = cc_dist_parse ("empirical:route-emp.txt", NULL, 0, &d, err, sizeof err) == 0
              && d.n == 5;
      cc_dist_free (&d);
      int b
          = cc_dist_parse ("empirical:route-emp.txt", "", 0, &d, err, sizeof err) == 0 && d.n == 5;
      cc_dist_free (&d);
      ok (a && b && chdir (cwd) == 0, "relative empirical name without a base directory");
    }
  else
    ok (0, "relative empirical name without a base directory (chdir failed)");

  /* One value without a final newline.  */
  write_file ("route-one.txt", "42", 2);
  ok (parse_ok ("empirical:route-one.txt", 0, &d) && d.n == 1 && d.vals[0] == 42
          && cc_dist_sample (&d, &r) == 42,
      "one value, no final newline");
  cc_dist_free (&d);

  /* Errors.  */
  const char *badline = "10\n# ok\nabc def\n20\n";
  write_file ("route-bad.txt", badline, strlen (badline));
  snprintf (want, sizeof want, "%s/route-bad.txt:3: not a duration: 'abc def'", tmpdir);
  parse_fails ("empirical:route-bad.txt", 0, want, "bad line");

  write_file ("route-neg.txt", "10\n\n-5\n", 7);
  snprintf (want, sizeof want, "%s/route-neg.txt:3: not a duration: '-5'", tmpdir);
  parse_fails ("empirical:route-neg.txt", 0, want, "negative value");

  write_file ("route-none.txt", "10\nnone\n", 8);
  snprintf (want, sizeof want, "%s/route-none.txt:2: not a duration: 'none'", tmpdir);
  parse_fails ("empirical:route-none.txt", 1, want, "none in a file");

  /* A long bad line is quoted to its first 40 bytes.  */
  char longline[200];
  memset (longline, 'q', 120);
  longline[120] = '\n';
  write_file ("route-long.txt", longline, 121);
  snprintf (want, sizeof want, "%s/route-long.txt:1: not a duration: '%.40s'", tmpdir, longline);
  parse_fails ("empirical:route-long.txt", 0, want, "long bad line");

  /* A NUL byte inside a line is not a duration (not the digits before it).  */
  write_file ("route-nul.txt",
              "10\n5\0"
              "9\n",
              6);
  snprintf (want, sizeof want, "%s/route-nul.txt:2: not a duration: NUL byte in line", tmpdir);
  parse_fails ("empirical:route-nul.txt", 0, want, "NUL byte");

  write_file ("route-empty.txt", "", 0);
  snprintf (want, sizeof want, "%s/route-empty.txt: no values", tmpdir);
  parse_fails ("empirical:route-empty.txt", 0, want, "empty file");

  const char *blank = "# only comments\n\n   \n#\n";
  write_file ("route-blank.txt", blank, strlen (blank));
  snprintf (want, sizeof want, "%s/route-blank.txt: no values", tmpdir);
  parse_fails ("empirical:route-blank.txt", 0, want, "comments and blank lines only");

  snprintf (want, sizeof want, "%s/route-missing.txt: No such file or directory", tmpdir);
  parse_fails ("empirical:route-missing.txt", 0, want, "missing file");

  char sub[4200];
  snprintf (sub, sizeof sub, "%s/route-dir", tmpdir);
  if (mkdir (sub, 0700) == 0)
    {
      snprintf (want, sizeof want, "%s/route-dir: Is a directory", tmpdir);
      parse_fails ("empirical:route-dir", 0, want, "a directory");
      rmdir (sub);
    }
  else
    ok (0, "a directory (mkdir failed)");

  static const char *names[]
      = { "route-emp.txt",  "route-one.txt", "route-bad.txt",   "route-neg.txt",  "route-none.txt",
          "route-long.txt", "route-nul.txt", "route-empty.txt", "route-blank.txt" };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    remove_file (names[i]);
}

int
main (void)
{
  const char *t = getenv ("TMPDIR");
  snprintf (tmpdir, sizeof tmpdir, "%s/test_rng.XXXXXX", t && *t ? t : "/tmp");
  if (!mkdtemp (tmpdir))
    {
      perror ("mkdtemp");
      return 99;
    }

  test_reference ();
  test_seeding ();
  test_uniform ();
  test_below ();
  test_exp_normal ();
  test_parse_forms ();
  test_parse_errors ();
  test_lognormal_uniform ();
  test_empirical ();

  rmdir (tmpdir);
  return tap_done ();
}
