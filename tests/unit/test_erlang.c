/* Unit tests of cc_erlang: Erlang B, Erlang C and Erlang A.

   Oracles (published values and independent computations):
     B(17, 10) = 0.01295 (pyworkforce's code; its README's 0.0183 is wrong), and
       17 is the least trunk count with B <= 2 % at 10 E;
     15 lines at 1 % blocking carry 8.108 E (erlang.com calculator manual);
     Call Centre Helper: 100 calls / 30 min, AHT 180 s (A = 10 E), 80/20
       -> 14 agents, SL 0.8884, P(wait) 0.1741, occupancy 0.7143;
     360 calls / 30 min, AHT 240 s (A = 48 E), 55 agents: P(wait) 0.23870,
       ASA 8.184 s; 54 agents for 80/20;
     square-root staffing at A = 100: exact Erlang C(111) = 0.1998, and with
       theta = mu exact Erlang A P(wait) at 109 agents = 0.196;
     pyworkforce test_abandonment.py (exact CTMC + uniformization), the
       Call Centre Helper inputs with 5 min patience, 14 agents: P(wait)
       0.14526, P(abandon) 0.013984, occupancy 0.704297, mean wait
       0.069919 min, SL 0.916792; 13 agents: 0.22580 / 0.024963 / 0.858178.
   Independent methods in this file: direct summation of the Erlang B and C
   sums, a brute-force birth-death chain in plain products, a Poisson law (with
   theta = mu the Erlang A chain is M/M/infinity), and an RK4 integration of
   the tagged caller's waiting chain for the service level.  */
#include <config.h>

#include "cc_erlang.h"

#include <math.h>
#include <stdlib.h>

#include "tap.h"

/* Nonzero when X is within the relative (or, near 0, absolute) tolerance TOL
   of WANT.  */
static int
near (double x, double want, double tol)
{
  double scale = fabs (want) > 1.0 ? fabs (want) : 1.0;
  return isfinite (x) && fabs (x - want) <= tol * scale;
}

/* Nonzero when X is within TOL relative of WANT (WANT != 0).  */
static int
rel (double x, double want, double tol)
{
  return isfinite (x) && fabs (x - want) <= tol * fabs (want);
}

/* Erlang B by the direct sum (A^n/n!) / sum_k A^k/k! (small n only).  */
static double
direct_b (long n, double a)
{
  double term = 1.0, sum = 1.0;
  for (long k = 1; k <= n; k++)
    {
      term *= a / (double)k;
      sum += term;
    }
  return term / sum;
}

/* Erlang C by the direct sum: the stationary law of M/M/n, P(k >= n).  */
static double
direct_c (long n, double a)
{
  double term = 1.0, below = 0.0, top;
  for (long k = 0; k < n; k++)
    {
      below += term;
      term *= a / (double)(k + 1);
    }
  top = term * (double)n / ((double)n - a);
  return top / (below + top);
}

/* Brute-force Erlang A: the stationary law of the chain by plain products up
   to K states, and the service level by integrating the tagged caller's
   chain (state m = callers ahead; m -> m-1 at n mu + m theta, from 0 served at
   n mu, own abandonment at theta) with RK4, step H, up to T.  Small n and
   moderate loads only.  */
#define BK 600
static void
brute_a (long n, double lambda, double aht, double patience, double t, struct cc_erlang_a_result *r)
{
  static double pi[BK], p[BK], k1[BK], k2[BK], k3[BK], k4[BK], tmp[BK];
  double mu = 1.0 / aht, th = 1.0 / patience, nmu = (double)n * mu;
  double z = 0, zw = 0, busy = 0, ew = 0, served = 0;
  const double h = 0.002;
  long steps = (long)(t / h + 0.5), m_n = BK - n - 1;
  pi[0] = 1.0;
  for (long k = 1; k < BK; k++)
    pi[k] = pi[k - 1] * lambda / (k <= n ? (double)k * mu : nmu + (double)(k - n) * th);
  for (long k = 0; k < BK; k++)
    {
      z += pi[k];
      busy += pi[k] * (double)(k < n ? k : n);
      if (k >= n)
        {
          zw += pi[k];
          /* E[min(V, P)] for j = k - n ahead, by the first-step recursion
             E_j = 1/(rate_j) + P(advance) E_{j-1}.  */
          double e = 0;
          for (long j = 0; j <= k - n; j++)
            {
              double rate = nmu + (double)(j + 1) * th;
              e = 1.0 / rate + (nmu + (double)j * th) / rate * e;
            }
          ew += pi[k] * e;
        }
    }
  for (long m = 0; m < m_n; m++)
    p[m] = pi[n + m] / z;
  /* RK4 on dp_m/ds = -(nmu + (m+1) th) p_m + (nmu + (m+1) th) p_{m+1}, and
     d served/ds = nmu p_0.  */
  for (long s = 0; s < steps; s++)
    {
      double *ks[4] = { k1, k2, k3, k4 };
      double c[4] = { 0, 0.5, 0.5, 1.0 }, sv[4];
      for (int st = 0; st < 4; st++)
        {
          for (long m = 0; m < m_n; m++)
            tmp[m] = p[m] + (st ? c[st] * h * ks[st - 1][m] : 0.0);
          for (long m = 0; m < m_n; m++)
            {
              double out = (nmu + (double)(m + 1) * th) * tmp[m];
              double in = m + 1 < m_n ? (nmu + (double)(m + 1) * th) * tmp[m + 1] : 0.0;
              ks[st][m] = in - out;
            }
          sv[st] = nmu * tmp[0];
        }
      for (long m = 0; m < m_n; m++)
        p[m] += h / 6.0 * (k1[m] + 2 * k2[m] + 2 * k3[m] + k4[m]);
      served += h / 6.0 * (sv[0] + 2 * sv[1] + 2 * sv[2] + sv[3]);
    }
  r->p_wait = zw / z;
  r->mean_wait_s = ew / z;
  r->p_abandon = th * r->mean_wait_s;
  r->occupancy = busy / ((double)n * z);
  r->sl = 1.0 - zw / z + served;
}

/* P(Poisson(A) >= N) by summing the lower terms in log space.  */
static double
poisson_tail (long n, double a)
{
  double below = 0;
  for (long k = 0; k < n; k++)
    below += exp ((double)k * log (a) - a - lgamma ((double)k + 1.0));
  return 1.0 - below;
}

/* Check the exact identities every Erlang A result must satisfy.  */
static void
identities (const char *what, long n, double lambda, double aht, double patience,
            const struct cc_erlang_a_result *r)
{
  ok (rel (r->p_abandon, r->mean_wait_s / patience, 1e-9), "%s: P(abandon) = theta E[Wq] (%.9g)",
      what, r->p_abandon);
  ok (near (r->occupancy, lambda * aht * (1.0 - r->p_abandon) / (double)n, 1e-9),
      "%s: occupancy = lambda AHT (1 - P(ab)) / n (%.9g)", what, r->occupancy);
  ok (near (r->mean_queue, lambda * r->mean_wait_s, 1e-9), "%s: Lq = lambda E[Wq] (%.9g)", what,
      r->mean_queue);
  ok (r->p_wait >= 0 && r->p_wait <= 1 && r->p_abandon >= 0 && r->p_abandon <= r->p_wait
          && r->sl >= 0 && r->sl <= 1 && r->occupancy >= 0 && r->occupancy <= 1 && r->asa_s >= 0
          && isfinite (r->asa_s) && r->asa_s <= r->mean_wait_s / (1 - r->p_abandon) + 1e-9,
      "%s: measures finite and in range", what);
}

int
main (void)
{
  struct cc_erlang_a_result r, r2, bf;
  int rc;
  const double lam = 100.0 / 1800.0; /* Call Centre Helper: 100 calls / 30 min */

  /* Erlang B.  */
  ok (rel (cc_erlang_b (17, 10.0), 0.012949, 1e-4), "B(17, 10) = 0.01295 (%.6f)",
      cc_erlang_b (17, 10.0));
  ok (cc_erlang_b (16, 10.0) > 0.02 && cc_erlang_b (17, 10.0) <= 0.02,
      "17 trunks is the least with B <= 2 %% at 10 E");
  ok (near (cc_erlang_b (15, 8.108), 0.01, 2e-5), "15 lines carry 8.108 E at 1 %% (%.6f)",
      cc_erlang_b (15, 8.108));
  ok (rel (cc_erlang_b (1, 3.0), 0.75, 1e-15), "B(1, A) = A / (1 + A)");
  ok (cc_erlang_b (0, 5.0) == 1.0 && cc_erlang_b (3, 0.0) == 0.0, "B(0, A) = 1, B(n, 0) = 0");
  {
    int good = 1;
    for (long n = 1; n <= 40; n++)
      for (double a = 0.25; a < 60; a *= 1.7)
        good &= rel (cc_erlang_b (n, a), direct_b (n, a), 1e-12);
    ok (good, "recursion = direct sum, n 1..40, A 0.25..60");
  }
  {
    /* B(n, n) ~ sqrt(2 / (pi n)) (1 - 1/(3 sqrt...)) : within 1 % at n = 1e5.  */
    double b = cc_erlang_b (100000, 100000.0);
    ok (rel (b, sqrt (2.0 / (M_PI * 100000.0)), 0.01), "B(100000, 100000) ~ sqrt(2/(pi n)) (%.6g)",
        b);
    b = cc_erlang_b (100000, 50000.0);
    ok (b == 0.0 || (b > 0 && b < 1e-300), "B(100000, 50000) underflows cleanly (%g)", b);
  }
  ok (isnan (cc_erlang_b (-1, 1.0)) && isnan (cc_erlang_b (3, -1.0))
          && isnan (cc_erlang_b (3, NAN)),
      "B rejects negative n, negative or NaN A");

  /* Erlang C.  */
  ok (rel (cc_erlang_c (14, 10.0), 0.1741, 3e-4), "C(14, 10) = 0.1741 (%.6f)",
      cc_erlang_c (14, 10.0));
  ok (rel (cc_erlang_c_sl (14, 10.0, 180, 20), 0.8884, 1e-4), "SL(14, 10, 20 s) = 0.8884 (%.6f)",
      cc_erlang_c_sl (14, 10.0, 180, 20));
  ok (cc_erlang_agents_c (10.0, 180, 20, 0.8) == 14, "80/20 at 10 E, AHT 180 s -> 14 agents");
  ok (cc_erlang_c_sl (13, 10.0, 180, 20) < 0.8, "13 agents miss 80/20 (%.4f)",
      cc_erlang_c_sl (13, 10.0, 180, 20));
  ok (rel (cc_erlang_c (55, 48.0), 0.23870, 2e-5), "C(55, 48) = 0.23870 (%.6f)",
      cc_erlang_c (55, 48.0));
  ok (rel (cc_erlang_c_asa (55, 48.0, 240), 8.184, 1e-4), "ASA(55, 48, 240 s) = 8.184 s (%.4f)",
      cc_erlang_c_asa (55, 48.0, 240));
  ok (cc_erlang_agents_c (48.0, 240, 20, 0.8) == 54, "80/20 at 48 E, AHT 240 s -> 54 agents");
  ok (rel (cc_erlang_c (111, 100.0), 0.1998, 2e-4), "C(111, 100) = 0.1998 (%.5f)",
      cc_erlang_c (111, 100.0));
  ok (rel (cc_erlang_c (1, 0.7), 0.7, 1e-14), "M/M/1: C(1, rho) = rho");
  ok (near (cc_erlang_c_asa (1, 0.5, 60), 60.0, 1e-12), "M/M/1: ASA = rho/(1-rho) AHT");
  {
    int good = 1;
    for (long n = 1; n <= 40; n++)
      for (double a = 0.25; a < (double)n; a *= 1.3)
        {
          double b = cc_erlang_b (n, a);
          good &= rel (cc_erlang_c (n, a), direct_c (n, a), 1e-11);
          good &= rel (cc_erlang_c (n, a), (double)n * b / ((double)n - a * (1 - b)), 1e-14);
        }
    ok (good, "C = n B / (n - A (1 - B)) = direct sum, n 1..40");
  }
  ok (cc_erlang_c (10, 10.0) == 1.0 && cc_erlang_c (10, 12.0) == 1.0, "C = 1 when A >= n");
  ok (isinf (cc_erlang_c_asa (10, 10.0, 180)) && cc_erlang_c_sl (10, 12.0, 180, 20) == 0.0,
      "ASA infinite and SL 0 when A >= n");
  {
    double c = cc_erlang_c (5000, 4900.0);
    double sl = cc_erlang_c_sl (5000, 4900.0, 180, 20);
    ok (c > 0 && c < 1 && sl > 0 && sl < 1 && isfinite (cc_erlang_c_asa (5000, 4900.0, 180)),
        "n = 5000, A = 4900: finite (C %.6g, SL %.6g)", c, sl);
  }
  {
    long n = cc_erlang_agents_c (4900.0, 180, 20, 0.9);
    ok (n > 4900 && cc_erlang_c_sl (n, 4900.0, 180, 20) >= 0.9
            && cc_erlang_c_sl (n - 1, 4900.0, 180, 20) < 0.9,
        "agents for 90/20 at 4900 E is the least (%ld)", n);
  }
  ok (cc_erlang_agents_c (0.0, 180, 20, 0.8) == 1, "no load -> 1 agent");
  ok (cc_erlang_agents_c (10.0, 180, 20, 1.0) == -1 && cc_erlang_agents_c (-1.0, 180, 20, 0.8) == -1
          && cc_erlang_agents_c (10.0, 0, 20, 0.8) == -1,
      "agents_c rejects target 1, negative load, zero AHT");

  /* Erlang A: published values.  */
  rc = cc_erlang_a (14, lam, 180, 300, 20, &r);
  ok (rc == 0, "Erlang A 14 agents, patience 300 s");
  ok (rel (r.p_wait, 0.14526, 5e-5), "14: P(wait) 0.14526 (%.6f)", r.p_wait);
  ok (rel (r.p_abandon, 0.013984, 5e-5), "14: P(abandon) 0.013984 (%.7f)", r.p_abandon);
  ok (rel (r.occupancy, 0.704297, 2e-6), "14: occupancy 0.704297 (%.7f)", r.occupancy);
  ok (rel (r.mean_wait_s / 60.0, 0.069919, 2e-5), "14: mean wait of arrivals 0.069919 min (%.7f)",
      r.mean_wait_s / 60);
  ok (rel (r.sl, 0.916792, 2e-6), "14: SL 0.916792 (%.7f)", r.sl);
  identities ("14", 14, lam, 180, 300, &r);
  rc = cc_erlang_a (13, lam, 180, 300, 20, &r);
  ok (rc == 0 && rel (r.p_wait, 0.22580, 5e-5) && rel (r.p_abandon, 0.024963, 5e-5)
          && rel (r.sl, 0.858178, 2e-6),
      "13: 0.22580 / 0.024963 / 0.858178 (%.6f %.7f %.7f)", r.p_wait, r.p_abandon, r.sl);

  /* Erlang A against the brute-force chain and the RK4 service level.  */
  {
    static const struct
    {
      long n;
      double lambda, aht, patience, t;
    } cs[] = { { 14, 100.0 / 1800, 180, 300, 20 },
               { 1, 1.0 / 60, 45, 30, 10 },
               { 3, 0.05, 60, 20, 15 },
               { 8, 0.2, 60, 90, 30 },
               { 5, 0.1, 100, 50, 0 },
               { 10, 0.05, 180, 400, 60 } };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++)
      {
        rc = cc_erlang_a (cs[i].n, cs[i].lambda, cs[i].aht, cs[i].patience, cs[i].t, &r);
        brute_a (cs[i].n, cs[i].lambda, cs[i].aht, cs[i].patience, cs[i].t, &bf);
        ok (rc == 0 && rel (r.p_wait, bf.p_wait, 1e-10) && rel (r.p_abandon, bf.p_abandon, 1e-10)
                && rel (r.occupancy, bf.occupancy, 1e-10)
                && rel (r.mean_wait_s, bf.mean_wait_s, 1e-10) && near (r.sl, bf.sl, 1e-9),
            "n=%ld A=%.3g patience %g t %g: = brute force (P(w) %.9f/%.9f SL %.10f/%.10f)", cs[i].n,
            cs[i].lambda * cs[i].aht, cs[i].patience, cs[i].t, r.p_wait, bf.p_wait, r.sl, bf.sl);
        identities ("brute case", cs[i].n, cs[i].lambda, cs[i].aht, cs[i].patience, &r);
      }
  }

  /* Erlang A with theta = mu is M/M/infinity: P(wait) = P(Poisson(A) >= n).  */
  rc = cc_erlang_a (109, 100.0 / 180, 180, 180, 20, &r);
  ok (rc == 0 && rel (r.p_wait, poisson_tail (109, 100.0), 1e-9) && rel (r.p_wait, 0.196, 2e-3),
      "theta = mu, A = 100, n = 109: P(wait) = Poisson tail = 0.196 (%.6f)", r.p_wait);
  rc = cc_erlang_a (1, 2.0 / 60, 60, 60, 5, &r);
  ok (rc == 0 && rel (r.p_wait, 1 - exp (-2.0), 1e-12),
      "theta = mu, n = 1: P(wait) = 1 - e^-A (%.12f)", r.p_wait);

  /* Limits in t: SL(0) = P(no wait), SL(inf) = 1 - P(abandon).  */
  cc_erlang_a (14, lam, 180, 300, 0, &r);
  ok (near (r.sl, 1 - r.p_wait, 1e-12), "SL(0) = 1 - P(wait)");
  cc_erlang_a (14, lam, 180, 300, INFINITY, &r);
  ok (near (r.sl, 1 - r.p_abandon, 1e-12), "SL(infinity) = 1 - P(abandon)");
  cc_erlang_a (14, lam, 180, 300, 1e6, &r2);
  ok (near (r2.sl, 1 - r2.p_abandon, 1e-12), "SL(1e6 s) = 1 - P(abandon)");

  /* Erlang A -> Erlang C as the patience grows.  */
  rc = cc_erlang_a (14, lam, 180, 1e9, 20, &r);
  ok (rc == 0 && rel (r.p_wait, cc_erlang_c (14, 10.0), 1e-6)
          && rel (r.sl, cc_erlang_c_sl (14, 10.0, 180, 20), 1e-6)
          && rel (r.asa_s, cc_erlang_c_asa (14, 10.0, 180), 1e-5) && r.p_abandon < 1e-7,
      "patience 1e9 s ~ Erlang C (P(w) %.9f, SL %.9f, ASA %.6f)", r.p_wait, r.sl, r.asa_s);
  rc = cc_erlang_a (14, lam, 180, INFINITY, 20, &r);
  ok (rc == 0 && r.p_wait == cc_erlang_c (14, 10.0) && r.p_abandon == 0
          && r.sl == cc_erlang_c_sl (14, 10.0, 180, 20),
      "patience INFINITY = Erlang C");
  rc = cc_erlang_a (10, lam, 180, INFINITY, 20, &r);
  ok (rc == -1, "patience INFINITY needs A < n");
  {
    int good = 1;
    double prev = 0;
    for (double pat = 30; pat < 1e7; pat *= 4)
      {
        good &= cc_erlang_a (14, lam, 180, pat, 20, &r) == 0 && r.p_wait > prev;
        prev = r.p_wait;
      }
    ok (good && prev < cc_erlang_c (14, 10.0), "P(wait) rises with patience towards Erlang C");
  }

  /* Large n, overload.  */
  rc = cc_erlang_a (5000, 4900.0 / 180, 180, 300, 20, &r);
  ok (rc == 0 && r.p_wait > 0 && r.p_wait < 1 && r.p_wait < cc_erlang_c (5000, 4900.0),
      "n = 5000, A = 4900: finite (P(w) %.6g, P(ab) %.6g, SL %.6g)", r.p_wait, r.p_abandon, r.sl);
  identities ("n=5000", 5000, 4900.0 / 180, 180, 300, &r);
  rc = cc_erlang_a (5000, 4900.0 / 180, 180, 180, 20, &r);
  ok (rc == 0 && rel (r.p_wait, poisson_tail (5000, 4900.0), 1e-8),
      "theta = mu, n = 5000, A = 4900: P(wait) = Poisson tail (%.9f / %.9f)", r.p_wait,
      poisson_tail (5000, 4900.0));
  rc = cc_erlang_a (5000, 4900.0 / 180, 180, 1e10, 20, &r);
  ok (rc == 0 && rel (r.p_wait, cc_erlang_c (5000, 4900.0), 1e-5)
          && rel (r.sl, cc_erlang_c_sl (5000, 4900.0, 180, 20), 1e-6),
      "n = 5000, patience 1e10 s ~ Erlang C (%.9f / %.9f)", r.p_wait, cc_erlang_c (5000, 4900.0));
  rc = cc_erlang_a (5000, 6000.0 / 180, 180, 300, 20, &r);
  ok (rc == 0 && near (r.p_abandon, 1 - 5000.0 / 6000, 2e-3) && r.occupancy > 0.999,
      "n = 5000, A = 6000: P(ab) ~ 1 - n/A (%.6f), occupancy ~ 1", r.p_abandon);
  identities ("n=5000 overload", 5000, 6000.0 / 180, 180, 300, &r);
  rc = cc_erlang_a (100, 200.0 / 180, 180, 300, 20, &r);
  ok (rc == 0 && r.p_wait > 0.999 && near (r.p_abandon, 0.5, 0.01) && r.sl < 1e-3,
      "n = 100, A = 200: P(w) ~ 1, P(ab) ~ 1/2 (%.6f), SL ~ 0 (%.3g)", r.p_abandon, r.sl);
  identities ("n=100 overload", 100, 200.0 / 180, 180, 300, &r);
  rc = cc_erlang_a (14, 30.0 / 180, 180, 30, 20, &r);
  ok (rc == 0, "n = 14, A = 30, short patience");
  identities ("A=30", 14, 30.0 / 180, 180, 30, &r);
  rc = cc_erlang_a (100000, 99000.0 / 180, 180, 120, 20, &r);
  ok (rc == 0 && r.p_wait > 0 && r.p_wait < 1, "n = 100000 finite (P(w) %.6g)", r.p_wait);

  /* Arguments.  */
  rc = cc_erlang_a (14, 20.0 / 180, 180, 1e12, 20, &r);
  ok (rc == -1, "overload with patience 1e12 s needs too many states: -1");
  rc = cc_erlang_a (0, lam, 180, 300, 20, &r);
  ok (rc == -1 && cc_erlang_a (14, -1, 180, 300, 20, &r) == -1
          && cc_erlang_a (14, lam, 0, 300, 20, &r) == -1
          && cc_erlang_a (14, lam, 180, 0, 20, &r) == -1
          && cc_erlang_a (14, lam, 180, 300, -1, &r) == -1
          && cc_erlang_a (14, lam, 180, 300, 20, NULL) == -1,
      "cc_erlang_a rejects invalid arguments");
  rc = cc_erlang_a (14, 0, 180, 300, 20, &r);
  ok (rc == 0 && r.p_wait == 0 && r.sl == 1, "no arrivals: nobody waits");
  return tap_done ();
}
