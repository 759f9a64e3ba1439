/* The commands of ccivr-sim and what they share (load.c).  */
#ifndef CCIVR_CMDS_H
#define CCIVR_CMDS_H

#include <stddef.h>

#include "menu.h"

/* The largest menu file read: 64 MiB.  */
#define MAX_MENU_BYTES ((size_t) 64 << 20)

/* Read all of FILE ("-": standard input) into *TEXT (NUL-terminated, caller
   frees) and *N.  Returns 0, or -1 after printing why.  */
int iv_read_file (const char *file, char **text, size_t *n);

/* Read, load and lint menu FILE into *M for a command that uses it.  Errors
   of the lint are printed as "ccivr-sim: FILE:LINE:COL: LNNN: message" with
   a last line pointing at 'ccivr-sim lint'; warnings are not printed.
   Returns 0 (free *M with iv_menu_free), or -1 (*M freed).  */
int iv_menu_read (const char *file, iv_menu *m);

/* The commands other than lint: ARGV[0] is the program name, the command's
   options follow.  Each returns the exit status.  */
int iv_run_main (int argc, char **argv);     /* run.c */
int iv_analyse_main (int argc, char **argv); /* analyse.c */
int iv_dot_main (int argc, char **argv);     /* dot.c */

#endif
