/* The simulator (placeholder).  */
#include <config.h>

#include "cc_diag.h"
#include "sim.h"

int
rt_run (rt_model *m, const rt_run_opts *o, char *const *files, int nfiles)
{
  (void) m;
  (void) o;
  (void) files;
  (void) nfiles;
  cc_err ("simulator not built yet");
  return 1;
}
