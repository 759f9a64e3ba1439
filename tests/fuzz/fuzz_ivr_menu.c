/* fuzz_ivr_menu: libFuzzer harness for ccivr-sim's menu loader and lint.

   The input is a menu document (ccivr/1 JSON, or junk).  It is loaded and
   linted twice.  Checks:
   - no crash, leak or undefined behaviour, whatever the input;
   - the findings are the same both times (no dependence on addresses or
     uninitialised memory), sorted by position, each with a code from 1 to
     17, a severity, a position inside the document (or 0:0 for the whole
     file) and a one-line message;
   - the error and warning counts equal the findings of each severity;
   - a menu without errors whose chain is small enough is solved by
     iv_analyse (analyse.c) for each hours branch and each segment: the
     exit shares are in [0, 1] and sum to 1, the times and visits are
     finite and not negative, and the start node is visited at least once.
   Any failure aborts.

   Build and run with tests/fuzz/run.sh.  */
// FUZZ_SOURCES: src/ccivr-sim/menu.c src/ccivr-sim/lint.c src/ccivr-sim/analyse.c src/ccivr-sim/load.c
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/ccivr-sim/analyse.h"
#include "../../src/ccivr-sim/menu.h"
#include "cc_diag.h"

#define FUZZ_NAME "fuzz_ivr_menu"
#include "fuzz_common.h"

/* Solve M (no errors) for each hours branch and segment and check the
   figures.  */
static void
analyse (const iv_menu *m)
{
  static const int hours[3] = { IV_E_OPEN, IV_E_CLOSED, IV_E_HOLIDAY };
  for (int h = 0; h < 3; h++)
    for (long s = -1; s < (long)m->nsegments; s++)
      {
        iv_analysis a;
        int rc = iv_analyse (m, hours[h], s, &a);
        CHECK (rc == IV_AN_OK || rc == IV_AN_TOO_BIG || rc == IV_AN_TRAPPED);
        if (rc == IV_AN_TRAPPED)
          CHECK (a.bad_node >= 0 && (size_t)a.bad_node < m->nnodes);
        if (rc != IV_AN_OK)
          continue;
        double sum = 0;
        for (size_t e = 0; e < a.nexits; e++)
          {
            CHECK (a.exits[e].share >= -1e-9 && a.exits[e].share <= 1 + 1e-9);
            CHECK (isfinite (a.exits[e].tsum) && a.exits[e].tsum >= -1e-6);
            sum += a.exits[e].share;
          }
        CHECK (fabs (sum - 1) < 1e-6);
        CHECK (isfinite (a.total_s) && a.total_s >= -1e-6);
        for (size_t i = 0; i < m->nnodes; i++)
          CHECK (isfinite (a.visits[i]) && a.visits[i] >= -1e-9);
        CHECK (a.visits[m->start.node] >= 1 - 1e-9);
        iv_analysis_by_reason (&a);
        iv_analysis_free (&a);
      }
}

/* Load and lint DATA into *F (sorted); with SOLVE, analyse a menu
   without errors.  */
static void
run (const uint8_t *data, size_t size, iv_findings *f, int solve)
{
  char *text = dup_exact ((const char *) data, size);
  iv_menu m;
  memset (f, 0, sizeof *f);
  iv_menu_load (&m, "menu.json", text, size, f);
  iv_lint (&m, f);
  iv_findings_sort (f);
  if (solve && f->nerrors == 0)
    analyse (&m);
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
      /* Dense LU is cubic: keep each input fast.  */
      iv_analyse_max_states = 200;
      init = 1;
    }
  iv_findings a, b;
  run (data, size, &a, 1);
  run (data, size, &b, 0);
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
