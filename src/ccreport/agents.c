/* ccreport: agent, transfer and hang-up reports.  PLACEHOLDER: being written.  */
#include <config.h>

#include "report.h"

void
report_render_agents (const report *r, fold *f, cc_format fmt, FILE *out)
{
  (void) r, (void) f, (void) fmt, (void) out;
}

void
report_render_transfers (const report *r, fold *f, cc_format fmt, FILE *out)
{
  (void) r, (void) f, (void) fmt, (void) out;
}

void
report_render_hangup (const report *r, fold *f, cc_format fmt, FILE *out)
{
  (void) r, (void) f, (void) fmt, (void) out;
}

void
report_render_pauses (const report *r, fold *f, cc_format fmt, FILE *out)
{
  (void) r, (void) f, (void) fmt, (void) out;
}
