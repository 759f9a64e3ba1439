/* 'ccroute erlang' (placeholder until written).  */
#include <config.h>

#include <stdio.h>

#include "cc_diag.h"
#include "erlang.h"

int
rt_erlang_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  cc_err ("erlang: not built yet");
  return 1;
}
