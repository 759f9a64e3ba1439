/* Reading the ccroute configuration file (placeholder until written).  */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "model.h"

int
rt_model_load (rt_model *m, const char *conf, const char *roster)
{
  (void) roster;
  memset (m, 0, sizeof *m);
  cc_err ("%s: configuration reader not built yet", conf);
  return -1;
}

void
rt_model_free (rt_model *m)
{
  memset (m, 0, sizeof *m);
}

int
rt_model_queue (const rt_model *m, const char *name, size_t n)
{
  for (size_t i = 0; i < m->nqueues; i++)
    if (strlen (m->queues[i].name) == n && memcmp (m->queues[i].name, name, n) == 0)
      return (int) i;
  return -1;
}

int
rt_model_add_queue (rt_model *m, const char *name, size_t n)
{
  (void) m;
  (void) name;
  (void) n;
  return -1;
}

int
rt_model_skill (const rt_model *m, const char *name, size_t n)
{
  for (size_t i = 0; i < m->nskills; i++)
    if (strlen (m->skills[i]) == n && memcmp (m->skills[i], name, n) == 0)
      return (int) i;
  return -1;
}

int
rt_model_channel (const rt_model *m, const char *name, size_t n)
{
  (void) m;
  (void) name;
  (void) n;
  return -1;
}

int
rt_parse_rate (const char *s, double *out)
{
  (void) s;
  (void) out;
  return -1;
}
