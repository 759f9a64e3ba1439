/* 'ccroute erlang': Erlang B, C and A figures and staffing, from arguments or
   per interval from a forecast file (erlang.c).  */
#ifndef CCROUTE_ERLANG_H
#define CCROUTE_ERLANG_H

/* Run the subcommand with its own ARGC/ARGV (ARGV[0] is "erlang").  Returns
   the exit status.  */
int rt_erlang_main (int argc, char **argv);

#endif
