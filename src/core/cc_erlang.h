/* cc_erlang: Erlang B, Erlang C and Erlang A (Palm, M/M/n+M) queueing formulas
   for staffing (ccroute) and dialer pacing.

   Notation: A offered load in Erlangs (arrival rate times mean handling time),
   n agents (or lines), AHT mean handling time in seconds, t the service-level
   threshold in seconds.  All functions are pure (no global state, thread-safe)
   and use doubles.  Invalid arguments (negative or NaN loads, n < 0, non-positive
   AHT) give NAN from the double functions and -1 from the others.  The
   formulas: Erlang B by its stable recursion, Erlang C from Erlang B, and
   Erlang A from the exact birth-death chain of Palm's model (Garnett,
   Mandelbaum and Reiman 2002; Mandelbaum and Zeltyn 2007).  */
#ifndef CC_ERLANG_H
#define CC_ERLANG_H

/* Erlang B blocking probability B(N, A) of the loss system M/M/n/n, computed by
   the stable recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1 (O(n), no
   overflow; B underflows gracefully to 0 when it is below about 1e-308).  */
double cc_erlang_b (long n, double a);

/* Erlang C probability that an arrival waits, C(N, A) = n B / (n - A (1 - B)),
   for M/M/n with infinite patience.  1 when A >= N (unstable queue).  */
double cc_erlang_c (long n, double a);

/* Erlang C average speed of answer (mean wait of all calls, zero waits
   included) in seconds: C AHT / (n - A).  INFINITY when A >= N.  */
double cc_erlang_c_asa (long n, double a, double aht_s);

/* Erlang C service level, the share of calls answered within T_S seconds:
   1 - C exp(-(n - A) t / AHT).  0 when A >= N.  */
double cc_erlang_c_sl (long n, double a, double aht_s, double t_s);

/* The least number of agents N > A whose Erlang C service level within T_S
   seconds is at least SL_TARGET (0 <= SL_TARGET < 1).  Returns -1 for invalid
   arguments (SL_TARGET >= 1 included, as it is never reached).  */
long cc_erlang_agents_c (double a, double aht_s, double t_s, double sl_target);

/* Measures of the Erlang A queue (M/M/n+M) in steady state.  "Arrivals" are
   all offered calls; "served" are those that reach an agent.  */
struct cc_erlang_a_result
{
  double p_wait;      /* share of arrivals that find all agents busy */
  double p_abandon;   /* share of arrivals that hang up before being served */
  double asa_s;       /* mean wait of served calls (zero waits included), s */
  double mean_wait_s; /* mean wait of all arrivals (abandoned: until they hang up), s */
  double mean_queue;  /* mean number of callers waiting (Lq = lambda mean_wait) */
  double sl;          /* share of ALL arrivals answered within t_s */
  double occupancy;   /* mean share of the n agents that are busy */
};

/* Compute the Erlang A measures for N agents, Poisson arrivals at
   LAMBDA_PER_S per second, exponential handling times of mean AHT_S seconds,
   exponential patience of mean PATIENCE_S seconds (INFINITY: no abandonment,
   i.e. Erlang C, which then needs lambda AHT < n) and the service-level
   threshold T_S seconds (>= 0; INFINITY allowed).  The queue is stable for any
   load when the patience is finite.  Fills *OUT and returns 0, or returns -1
   for invalid arguments or when the chain would need more than 2^26 states
   above n (extremely long patience in overload).  */
int cc_erlang_a (long n, double lambda_per_s, double aht_s, double patience_s, double t_s,
                 struct cc_erlang_a_result *out);

#endif
