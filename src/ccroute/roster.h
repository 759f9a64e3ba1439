/* Reading the roster file into the model (roster.c).  */
#ifndef CCROUTE_ROSTER_H
#define CCROUTE_ROSTER_H

#include "model.h"

/* Read the roster PATH (CSV or JSON Lines) and append its agents to M, whose
   queues, skills and channels the configuration has set.  Errors are printed
   as "ccroute: FILE:LINE: message"; returns 0 or -1.  */
int rt_roster_load (rt_model *m, const char *path);

#endif
