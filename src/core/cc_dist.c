/* cc_dist: duration distributions from text specs (see cc_dist.h).  */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_dist.h"
#include "cc_time.h"
#include "cc_utf8.h"

/* Parse a duration (zero allowed) of N bytes at P into *OUT.  */
static int
parse_dur (const char *p, size_t n, double *out)
{
  while (n && (*p == ' ' || *p == '\t'))
    p++, n--;
  while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  if (n == 0 || n > 40)
    return -1;
  char buf[48];
  memcpy (buf, p, n);
  buf[n] = '\0';
  /* cc_duration_parse refuses zero; accept the spellings of zero here, in
     its grammar: digits, optionally '.' and digits, optionally one unit.  */
  const char *q = buf;
  int nonzero = 0;
  while (*q >= '0' && *q <= '9')
    nonzero |= *q++ != '0';
  if (q > buf && *q == '.')
    {
      const char *f = ++q;
      while (*q >= '0' && *q <= '9')
        nonzero |= *q++ != '0';
      if (q == f)
        return -1;
    }
  if (q > buf && !nonzero && (*q == '\0' || (strchr ("smhdw", *q) && q[1] == '\0')))
    {
      *out = 0.0;
      return 0;
    }
  return cc_duration_parse (buf, out);
}

cc_dist
cc_dist_fixed (double v)
{
  cc_dist d = { 0 };
  d.kind = CC_DIST_FIXED;
  d.a = v;
  d.mean = v;
  return d;
}

/* Read the values of the empirical file NAME (relative names under BASEDIR)
   into D->vals, D->n and D->mean.  Returns 0, or -1 with a message in ERR
   and *D all zero (fixed 0, nothing owned).  */
static int
read_empirical (const char *name, const char *basedir, cc_dist *d, char *err, size_t errsz)
{
  char *path;
  if (name[0] != '/' && basedir && basedir[0])
    {
      size_t nb = strlen (basedir), nn = strlen (name);
      path = cc_xmalloc (nb + nn + 2);
      memcpy (path, basedir, nb);
      path[nb] = '/';
      memcpy (path + nb + 1, name, nn + 1);
    }
  else
    path = cc_xstrdup (name);
  FILE *f = fopen (path, "r");
  if (!f)
    {
      snprintf (err, errsz, "%s: %s", path, strerror (errno));
      free (path);
      return -1;
    }
  size_t cap = 0;
  char *line = NULL;
  ssize_t len;
  unsigned long lineno = 0;
  double sum = 0;
  while ((len = getline (&line, &cap, f)) >= 0)
    {
      lineno++;
      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
      const char *p = line;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0' || *p == '#')
        continue;
      double v;
      if (memchr (p, '\0', (size_t)(line + len - p)))
        {
          snprintf (err, errsz, "%s:%lu: not a duration: NUL byte in line", path, lineno);
          goto fail;
        }
      if (parse_dur (p, strlen (p), &v) < 0)
        {
          snprintf (err, errsz, "%s:%lu: not a duration: '%.*s'", path, lineno,
                    cc_utf8_cut (p, strlen (p), 40), p);
          goto fail;
        }
      if (d->n % 1024 == 0)
        d->vals = cc_xrealloc (d->vals, (d->n + 1024) * sizeof *d->vals);
      d->vals[d->n++] = v;
      sum += v;
    }
  if (ferror (f))
    {
      snprintf (err, errsz, "%s: %s", path, strerror (errno));
      goto fail;
    }
  if (d->n == 0)
    {
      snprintf (err, errsz, "%s: no values", path);
      goto fail;
    }
  d->mean = sum / (double) d->n;
  fclose (f);
  free (line);
  free (path);
  return 0;
fail:
  fclose (f);
  free (line);
  free (path);
  free (d->vals);
  memset (d, 0, sizeof *d);
  return -1;
}

int
cc_dist_parse (const char *spec, const char *basedir, int allow_none, cc_dist *d, char *err,
               size_t errsz)
{
  memset (d, 0, sizeof *d);
  while (*spec == ' ' || *spec == '\t')
    spec++;
  const char *colon = strchr (spec, ':');
  if (!colon)
    {
      if (strcmp (spec, "none") == 0)
        {
          if (!allow_none)
            {
              snprintf (err, errsz, "'none' is not allowed here");
              return -1;
            }
          d->kind = CC_DIST_NONE;
          d->mean = INFINITY;
          return 0;
        }
      double v;
      if (parse_dur (spec, strlen (spec), &v) < 0)
        goto bad;
      *d = cc_dist_fixed (v);
      return 0;
    }
  size_t kl = (size_t) (colon - spec);
  const char *arg = colon + 1;
  const char *comma = strchr (arg, ',');
  double x, y;
  if (kl == 5 && memcmp (spec, "fixed", 5) == 0)
    {
      if (parse_dur (arg, strlen (arg), &x) < 0)
        goto bad;
      *d = cc_dist_fixed (x);
      return 0;
    }
  if (kl == 3 && memcmp (spec, "exp", 3) == 0)
    {
      if (parse_dur (arg, strlen (arg), &x) < 0 || !(x > 0))
        goto bad;
      d->kind = CC_DIST_EXP;
      d->a = x;
      d->mean = x;
      return 0;
    }
  if ((kl == 9 && memcmp (spec, "lognormal", 9) == 0)
      || (kl == 7 && memcmp (spec, "uniform", 7) == 0))
    {
      if (!comma || parse_dur (arg, (size_t) (comma - arg), &x) < 0
          || parse_dur (comma + 1, strlen (comma + 1), &y) < 0)
        goto bad;
      if (kl == 7)
        {
          if (y < x)
            {
              snprintf (err, errsz, "'%.*s': the upper bound is below the lower",
                        cc_utf8_cut (spec, strlen (spec), 60), spec);
              return -1;
            }
          d->kind = CC_DIST_UNIFORM;
          d->a = x;
          d->b = y;
          d->mean = (x + y) / 2;
          return 0;
        }
      if (!(x > 0))
        goto bad;
      /* Mean m and sd s of the variate give sigma^2 = ln(1 + s^2/m^2) and
         mu = ln m - sigma^2/2 of its logarithm.  */
      double s2 = log1p ((y / x) * (y / x));
      d->kind = CC_DIST_LOGNORMAL;
      d->a = log (x) - s2 / 2;
      d->b = sqrt (s2);
      d->mean = x;
      return 0;
    }
  if (kl == 9 && memcmp (spec, "empirical", 9) == 0)
    {
      if (!*arg)
        goto bad;
      if (read_empirical (arg, basedir, d, err, errsz) < 0)
        return -1;
      d->kind = CC_DIST_EMPIRICAL;
      return 0;
    }
bad:
  snprintf (err, errsz,
            "bad distribution '%.*s' (expected DURATION, exp:MEAN, lognormal:MEAN,SD, "
            "uniform:A,B, empirical:FILE%s)",
            cc_utf8_cut (spec, strlen (spec), 60), spec, allow_none ? " or none" : "");
  memset (d, 0, sizeof *d);
  return -1;
}

double
cc_dist_sample (const cc_dist *d, cc_rng *r)
{
  switch (d->kind)
    {
    case CC_DIST_EXP:
      return cc_rng_exp (r, d->a);
    case CC_DIST_LOGNORMAL:
      return exp (d->a + d->b * cc_rng_normal (r));
    case CC_DIST_UNIFORM:
      return d->a + (d->b - d->a) * cc_rng_uniform (r);
    case CC_DIST_EMPIRICAL:
      return d->vals[cc_rng_below (r, d->n)];
    case CC_DIST_NONE:
      return INFINITY;
    default:
      return d->a;
    }
}

void
cc_dist_free (cc_dist *d)
{
  free (d->vals);
  *d = cc_dist_fixed (0);
}
