/* Unit tests of cc_rng and cc_dist (placeholder).  */
#include <config.h>

#include "cc_rng.h"
#include "tap.h"

int
main (void)
{
  cc_rng r;
  cc_rng_seed (&r, 1, 0);
  double u = cc_rng_uniform (&r);
  ok (u > 0 && u < 1, "uniform in (0,1)");
  return tap_done ();
}
