/* ccreport: the HTML report.  PLACEHOLDER: being written.  */
#include <config.h>

#include "report.h"

#include "cc_diag.h"

void
report_render_html (const report *r, fold *f, FILE *out)
{
  (void) r, (void) f;
  cc_fwrite_checked ("<!DOCTYPE html>\n", 16, out);
}
