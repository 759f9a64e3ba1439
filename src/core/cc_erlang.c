/* cc_erlang: Erlang B, Erlang C and Erlang A (Palm, M/M/n+M) formulas.

   Erlang A method.  The number in system is a birth-death chain with birth
   rate lambda and death rate k mu (k <= n) or n mu + (k - n) theta (k > n),
   mu = 1/AHT, theta = 1/patience.  Its stationary weights are kept in log
   space (log w(k) = log w(k-1) + log(lambda / death(k))) so that n in the
   thousands and overload do not overflow; the chain is cut above n where the
   geometric bound on the rest of the tail falls below e^-46 (1e-20) of the
   largest weight.  By PASTA an arrival sees the stationary law.  An arrival
   that finds j >= 0 callers waiting has the offered wait (the time until an
   agent would take it if it never hung up) V = sum_{i=0..j} Exp(n mu + i theta),
   and it is served when V is below its own patience P ~ Exp(theta).  Then,
   exactly (a = n mu / theta, x = exp(-theta t)):
     P(served)            = n mu / (n mu + (j+1) theta)          (telescoping)
     E[min(V, P)]         = (j+1) / (n mu + (j+1) theta)
     E[V; served]         = P(served) sum_{i=1..j+1} 1 / (n mu + i theta)
                            (minus the derivative of the Laplace transform of V
                            at theta)
     P(V <= t, served)    = E[exp(-theta V); V <= t]
                          = P(served) (1 - I_x(a + 1, j + 1)),
   since V = -ln(U)/theta with U ~ Beta(a, j+1) (Renyi's representation), and
   E[U; U >= x] = a/(a+b) (1 - I_x(a+1, b)).  For integer b = j+1 the
   regularized incomplete beta I_x(a+1, j+1) is the negative-binomial CDF
   sum_{k=0..j} Gamma(a+1+k) / (Gamma(a+1) k!) x^(a+1) (1-x)^k, whose terms are
   accumulated in log space state by state, so all states cost O(1) each and
   nothing is approximated beyond the truncation and rounding.  P(abandon) is
   then theta E[Wq], SL(infinity) = 1 - P(abandon), and the limit theta -> 0 is
   Erlang C (handled directly when the patience is INFINITY).  */
#include <config.h>

#include "cc_erlang.h"

#include <math.h>
#include <stddef.h>

#define TAIL_LOG_EPS 46.0           /* cut the chain where the tail is < e^-46 */
#define MAX_QUEUE_STATES (1L << 26) /* states above n before giving up */
#define MAX_AGENT_STEPS 100000000L  /* agents tried by cc_erlang_agents_c */

/* True when X is a finite number >= 0.  */
static int
nonneg (double x)
{
  return x >= 0 && isfinite (x);
}

/* X limited to [0, 1].  */
static double
clamp01 (double x)
{
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Erlang B by the recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1.  Every
   step is a ratio of positive numbers below 1, so there is no overflow and no
   cancellation.  Returns NAN for N < 0 or A negative, NaN or infinite.  */
double
cc_erlang_b (long n, double a)
{
  double b = 1.0;
  if (n < 0 || !nonneg (a))
    return NAN;
  for (long k = 1; k <= n; k++)
    b = a * b / ((double)k + a * b);
  return b;
}

/* Erlang C from Erlang B: C = n B / (n - A (1 - B)); 1 when A >= N.  The
   denominator is n - A + A B > 0 for A < n, so the formula is well
   conditioned.  */
double
cc_erlang_c (long n, double a)
{
  double b, c;
  if (n < 0 || !nonneg (a))
    return NAN;
  if (a >= (double)n)
    return 1.0;
  b = cc_erlang_b (n, a);
  c = (double)n * b / ((double)n - a * (1.0 - b));
  return c > 1.0 ? 1.0 : c;
}

/* Erlang C average speed of answer C AHT / (n - A) in seconds (all calls,
   zero waits included); INFINITY when A >= N, NAN for invalid arguments.  */
double
cc_erlang_c_asa (long n, double a, double aht_s)
{
  double c;
  if (!(aht_s > 0) || !isfinite (aht_s))
    return NAN;
  c = cc_erlang_c (n, a);
  if (isnan (c))
    return NAN;
  if (a >= (double)n)
    return INFINITY;
  return c * aht_s / ((double)n - a);
}

/* Erlang C service level 1 - C exp(-(n - A) t / AHT); 0 when A >= N (the
   queue grows without bound), NAN for invalid arguments.  */
double
cc_erlang_c_sl (long n, double a, double aht_s, double t_s)
{
  double c;
  if (!(aht_s > 0) || !isfinite (aht_s) || !(t_s >= 0))
    return NAN;
  c = cc_erlang_c (n, a);
  if (isnan (c))
    return NAN;
  if (a >= (double)n)
    return 0.0;
  return 1.0 - c * exp (-((double)n - a) * t_s / aht_s);
}

/* Search upwards from the least N > A (and >= 1), updating Erlang B by one
   recursion step per agent, so the whole search is O(answer).  Returns -1 for
   invalid arguments, SL_TARGET >= 1 (or NaN), or when the search runs away.  */
long
cc_erlang_agents_c (double a, double aht_s, double t_s, double sl_target)
{
  double b = 1.0, fl;
  long n, n0;
  if (!nonneg (a) || !(aht_s > 0) || !isfinite (aht_s) || !(t_s >= 0) || !(sl_target < 1.0)
      || isnan (sl_target) || a > 1e15)
    return -1;
  fl = floor (a);
  n0 = (long)fl + 1;
  for (long k = 1; k < n0; k++)
    b = a * b / ((double)k + a * b);
  for (n = n0; n < n0 + MAX_AGENT_STEPS; n++)
    {
      double c, sl;
      b = a * b / ((double)n + a * b);
      c = (double)n * b / ((double)n - a * (1.0 - b));
      sl = 1.0 - c * exp (-((double)n - a) * t_s / aht_s);
      if (sl >= sl_target)
        return n;
    }
  return -1;
}

/* Walk the Erlang A chain.  Pass 1 (LMAX null) finds the largest log weight
   and the last state kept, *KEND; pass 2 accumulates the measures with the
   weights exp(l - *LMAX) over states 0..*KEND.  Returns 0, or -1 when the
   tail would need more than MAX_QUEUE_STATES states.  */
static int
erlang_a_walk (long n, double lambda, double mu, double theta, double t, const double *lmax,
               long *kend, double *plmax, struct cc_erlang_a_result *out)
{
  double nmu = (double)n * mu;
  double l = 0.0, top = 0.0;
  /* Sums of weights: all, waiting states, busy agents, queue length, expected
     min(V, P), served wait, served within t, abandoned.  */
  double z = 0, zw = 0, busy = 0, lq = 0, ew = 0, ews = 0, sls = 0, ab = 0;
  /* Negative-binomial log term, its CDF, and the harmonic-type sum.  */
  double shape = nmu / theta + 1.0;
  double lx1 = log (-expm1 (-theta * t)); /* log (1 - x), -inf when t = 0 */
  double lp = -(nmu + theta) * t;         /* log NB pmf at 0: (a+1) log x */
  double cdf = 0, harm = 0;

  for (long k = 0;; k++)
    {
      if (k > 0)
        {
          double death = k <= n ? (double)k * mu : nmu + (double)(k - n) * theta;
          l += log (lambda / death);
        }
      if (!lmax)
        {
          if (l > top || k == 0)
            top = l;
        }
      else
        {
          double w = exp (l - *lmax);
          z += w;
          busy += w * (double)(k < n ? k : n);
          if (k >= n)
            {
              long j = k - n;
              double rate = nmu + (double)(j + 1) * theta; /* out of head state */
              double ps = nmu / rate;                      /* P(served | j) */
              double tail;
              if (j > 0)
                lp += log ((shape + (double)j - 1.0) / (double)j) + lx1;
              cdf += exp (lp);
              harm += 1.0 / rate;
              tail = 1.0 - cdf;
              if (tail < 0)
                tail = 0;
              zw += w;
              lq += w * (double)j;
              ew += w * (double)(j + 1) / rate;
              ews += w * ps * harm;
              sls += w * ps * tail;
              ab += w * (double)(j + 1) * theta / rate;
            }
          if (k == *kend)
            break;
          continue;
        }
      /* Pass 1: stop above n once the weights fall and the geometric bound
         w(k) r / (1 - r) on the rest, r = lambda / death(k+1), is negligible.  */
      if (k >= n)
        {
          double r = lambda / (nmu + (double)(k + 1 - n) * theta);
          if (r < 1.0 && (l + log (r / (1.0 - r)) < top - TAIL_LOG_EPS || isinf (l)))
            {
              *kend = k;
              *plmax = top;
              return 0;
            }
          if (k - n > MAX_QUEUE_STATES)
            return -1;
        }
    }

  out->p_wait = zw / z;
  out->p_abandon = ab / z;
  out->mean_wait_s = ew / z;
  out->asa_s = out->p_abandon < 1.0 ? ews / (z - ab) : 0.0;
  out->mean_queue = lq / z;
  out->sl = (z - zw + sls) / z;
  out->occupancy = busy / ((double)n * z);
  /* Rounding can push a share a few ulps past 1.  */
  out->p_wait = clamp01 (out->p_wait);
  out->p_abandon = clamp01 (out->p_abandon);
  out->sl = clamp01 (out->sl);
  out->occupancy = clamp01 (out->occupancy);
  return 0;
}

/* Erlang A measures; see the comment at the top of this file for the method.
   With PATIENCE_S = INFINITY the Erlang C closed forms are used.  */
int
cc_erlang_a (long n, double lambda_per_s, double aht_s, double patience_s, double t_s,
             struct cc_erlang_a_result *out)
{
  double mu, theta, lmax = 0;
  long kend = 0;
  if (!out || n < 1 || !nonneg (lambda_per_s) || !(aht_s > 0) || !isfinite (aht_s)
      || !(patience_s > 0) || !(t_s >= 0))
    return -1;
  mu = 1.0 / aht_s;
  if (isinf (patience_s))
    {
      double a = lambda_per_s * aht_s;
      if (!(a < (double)n))
        return -1;
      out->p_wait = cc_erlang_c (n, a);
      out->p_abandon = 0.0;
      out->asa_s = cc_erlang_c_asa (n, a, aht_s);
      out->mean_wait_s = out->asa_s;
      out->mean_queue = lambda_per_s * out->mean_wait_s;
      out->sl = cc_erlang_c_sl (n, a, aht_s, t_s);
      out->occupancy = a / (double)n;
      return 0;
    }
  theta = 1.0 / patience_s;
  if (lambda_per_s == 0)
    {
      out->p_wait = out->p_abandon = out->asa_s = out->mean_wait_s = 0.0;
      out->mean_queue = out->occupancy = 0.0;
      out->sl = 1.0;
      return 0;
    }
  if (erlang_a_walk (n, lambda_per_s, mu, theta, t_s, NULL, &kend, &lmax, out) != 0)
    return -1;
  return erlang_a_walk (n, lambda_per_s, mu, theta, t_s, &lmax, &kend, &lmax, out);
}
