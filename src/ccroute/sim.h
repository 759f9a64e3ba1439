/* The ccroute simulator: a discrete-event simulation of the routing model over
   replayed or generated arrivals (sim.c), its arrivals (arrivals.c) and its
   summary (summary.c).  */
#ifndef CCROUTE_SIM_H
#define CCROUTE_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_rec.h"
#include "cc_time.h"
#include "model.h"

/* Options of one run.  */
typedef struct rt_run_opts
{
  uint64_t seed;          /* --seed */
  bool generate;          /* --generate */
  cc_usec start;          /* --start (generate: default today's midnight in --tz... see main.c) */
  cc_usec end;            /* --end or start + --duration; INT64_MAX: none */
  uint64_t calls;         /* --calls: stop generating after this many (0: no limit) */
  const char *agent_log;  /* --agent-log FILE, or NULL */
  bool summary;           /* --summary */
  int batches;            /* --batches (0: none) */
  double warmup_s;        /* --warmup */
  double sl_s;            /* --sl (NAN: the model's) */
  cc_format in_fmt;       /* --input-format */
  cc_format out_fmt;      /* --output-format */
  FILE *out;              /* where records or the summary go */
  FILE *reject;           /* --reject stream, or NULL */
  const char *reject_name;
  size_t max_field;       /* --max-field-size */
  double reorder_s;       /* --reorder-window: how far back in time an input record may be */
  bool quiet;             /* --quiet */
} rt_run_opts;

/* Run the simulation of model M with options O over the record files FILES
   (NFILES of them; "-" is stdin; ignored when generating).  Writes records or
   the summary to O->out.  Returns 0, or 1 after printing the error (bad
   input without --reject, write errors exit by themselves).  */
int rt_run (rt_model *m, const rt_run_opts *o, char *const *files, int nfiles);

#endif
