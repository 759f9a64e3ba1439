/* Reading the ccroute roster (placeholder until written; rt_model_load in
   config.c calls rt_roster_load).  */
#include <config.h>

#include "model.h"
#include "roster.h"

int
rt_roster_load (rt_model *m, const char *path)
{
  (void) m;
  (void) path;
  return -1;
}
