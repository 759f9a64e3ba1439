/* cc_dist: probability distributions of durations, given as short text specs,
   for the simulators (handling times, patience, think times, answer delays).

   Spec grammar (durations take cc_duration_parse units: 90, 90s, 1.5m, 2h):
     D                 fixed duration D ("fixed:D" too)
     exp:MEAN          exponential of mean MEAN
     lognormal:MEAN,SD lognormal with that mean and standard deviation
     uniform:A,B       uniform on [A, B]
     empirical:FILE    one of the values listed in FILE, each equally likely:
                       one duration per line, blank lines and lines starting
                       with '#' ignored (a bootstrap of observed values)
     none              never (an infinite duration: patience that never runs
                       out); allowed only where the caller says so
   Zero is allowed as a fixed value ("0").  */
#ifndef CC_DIST_H
#define CC_DIST_H

#include <stddef.h>
#include "cc_rng.h"

/* Kinds.  */
enum cc_dist_kind
{
  CC_DIST_FIXED = 0,
  CC_DIST_EXP,
  CC_DIST_LOGNORMAL,
  CC_DIST_UNIFORM,
  CC_DIST_EMPIRICAL,
  CC_DIST_NONE
};

/* One distribution.  */
typedef struct cc_dist
{
  int kind;        /* enum cc_dist_kind */
  double a, b;     /* fixed: a; exp: a = mean; lognormal: a = mu, b = sigma of
                      the log; uniform: [a, b] */
  double mean;     /* the distribution's mean (INFINITY for none) */
  double *vals;    /* empirical values (owned), n of them */
  size_t n;
} cc_dist;

/* Parse SPEC into *D.  Relative empirical file names are looked up in BASEDIR
   (NULL or "": the current directory).  ALLOW_NONE permits "none".  Returns 0,
   or -1 with a message in ERR (ERRSZ bytes; lower-case, no period; for an
   empirical file it names FILE:LINE).  */
int cc_dist_parse (const char *spec, const char *basedir, int allow_none, cc_dist *d,
                   char *err, size_t errsz);

/* A fixed distribution of value V.  */
cc_dist cc_dist_fixed (double v);

/* One sample, in seconds (INFINITY for none).  */
double cc_dist_sample (const cc_dist *d, cc_rng *r);

/* Free what *D owns (the empirical values); *D becomes fixed 0.  */
void cc_dist_free (cc_dist *d);

#endif
