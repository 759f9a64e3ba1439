/* cc_qlog: Asterisk queue_log as interaction records (see cc_qlog.h).
   PLACEHOLDER: being written.  */
#include <config.h>

#include "cc_qlog.h"

#include <stdlib.h>

#include "cc_diag.h"

const char *const cc_qlog_columns[] = { "id", "queue", NULL };

struct cc_qlog
{
  int unused; /* placeholder */
};

cc_qlog *
cc_qlog_new (const cc_qlog_opts *o)
{
  (void) o;
  return cc_xcalloc (1, sizeof (cc_qlog));
}

int
cc_qlog_read (cc_qlog *q, const char *path, cc_sink *sink, cc_srcdiag *diag)
{
  (void) q, (void) sink, (void) diag;
  cc_err ("%s: queue_log reading is not implemented yet", path);
  return -1;
}

int
cc_qlog_finish (cc_qlog *q, cc_sink *sink, cc_srcdiag *diag, cc_qlog_agents *agents)
{
  (void) q, (void) sink, (void) diag;
  if (agents)
    agents->a = NULL, agents->n = 0;
  return 0;
}

void
cc_qlog_free (cc_qlog *q)
{
  free (q);
}

void
cc_qlog_agents_free (cc_qlog_agents *a)
{
  (void) a;
}
