/* fuzz_ivr_menu: libFuzzer harness for ccivr-sim's menu loader and lint.

   The input is a menu document (ccivr/1 JSON, or junk).  It is loaded and
   linted twice.  Checks:
   - no crash, leak or undefined behaviour, whatever the input;
   - the findings are the same both times (no dependence on addresses or
     uninitialised memory), sorted by position, each with a code from 1 to
     17, a severity, a position inside the document (or 0:0 for the whole
     file) and a one-line message;
   - the error and warning counts equal the findings of each severity.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
// FUZZ_SOURCES: src/ccivr-sim/menu.c src/ccivr-sim/lint.c
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/ccivr-sim/menu.h"
#include "cc_diag.h"

#define FUZZ_NAME "fuzz_ivr_menu"
#include "fuzz_common.h"

/* Load and lint DATA into *F (sorted).  */
static void
run (const uint8_t *data, size_t size, iv_findings *f)
{
  char *text = dup_exact ((const char *) data, size);
  iv_menu m;
  memset (f, 0, sizeof *f);
  iv_menu_load (&m, "menu.json", text, size, f);
  iv_lint (&m, f);
  iv_findings_sort (f);
  iv_menu_free (&m);
  free (text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static int init;
  if (!init)
    {
      cc_diag_init ("ccivr-sim");
      init = 1;
    }
  iv_findings a, b;
  run (data, size, &a);
  run (data, size, &b);
  CHECK (a.n == b.n && a.nerrors == b.nerrors && a.nwarnings == b.nwarnings);
  size_t ne = 0, nw = 0;
  uint32_t lines = 1;
  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';
  for (size_t i = 0; i < a.n; i++)
    {
      const iv_finding *x = &a.v[i], *y = &b.v[i];
      CHECK (x->code == y->code && x->severity == y->severity);
      CHECK (x->pos.line == y->pos.line && x->pos.col == y->pos.col);
      CHECK (strcmp (x->msg, y->msg) == 0);
      CHECK (x->code >= 1 && x->code <= 17);
      CHECK (x->pos.line <= lines);
      CHECK (x->msg[0] != '\0' && strchr (x->msg, '\n') == NULL);
      if (i)
        {
          const iv_finding *p = &a.v[i - 1];
          CHECK (p->pos.line < x->pos.line
                 || (p->pos.line == x->pos.line && p->pos.col <= x->pos.col));
        }
      ne += x->severity == IV_ERROR;
      nw += x->severity != IV_ERROR;
    }
  CHECK (ne == a.nerrors && nw == a.nwarnings);
  iv_findings_free (&a);
  iv_findings_free (&b);
  return 0;
}
