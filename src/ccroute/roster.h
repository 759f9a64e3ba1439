/* Reading the roster file into the model (roster.c), and the helpers the
   configuration reader (config.c) shares with it.  */
#ifndef CCROUTE_ROSTER_H
#define CCROUTE_ROSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Read the roster PATH (CSV or JSON Lines) and append its agents to M, whose
   queues, skills, channels and synthetic agents the configuration has set.
   A skill no queue needs makes a queue from the [queue *] template when
   there is one.  Errors are printed as "ccroute: FILE:LINE: message" and
   warnings as "ccroute: FILE:LINE: warning: message"; returns 0 or -1 (the
   caller frees M either way).  */
int rt_roster_load (rt_model *m, const char *path);

/* The index of channel NAME (N bytes, lower-cased), registering it when
   new; -1 when RT_MAX_CHANNELS channels are known already.  */
int rt_model_add_channel (rt_model *m, const char *name, size_t n);

/* Parse the duration P[0..N): cc_duration_parse's forms ("90", "90s",
   "1.5m", "2h", "1d", "1w"), at most 100 years, and zero ("0", "0.0", "0s")
   when ZERO_OK.  Returns 0 with *OUT in seconds, or -1.  */
int rt_parse_dur (const char *p, size_t n, bool zero_ok, double *out);

/* Parse the decimal P[0..N): DIGITS or DIGITS.DIGITS, no sign, no exponent,
   at most 40 bytes.  Returns 0 with *OUT, or -1.  */
int rt_parse_decimal (const char *p, size_t n, double *out);

/* Parse the time of day P[0..N) "H:MM" or "HH:MM" (00:00 to 23:59, and 24:00
   when END_OK) into seconds after midnight.  Returns 0 or -1.  */
int rt_parse_hhmm (const char *p, size_t n, bool end_ok, int32_t *sec);

/* FNV-1a of S[0..N), folded to size_t: the hash of the name tables.  */
size_t rt_name_hash (const char *s, size_t n);

/* Trim the blanks (spaces and tabs) around *P[0..*N).  */
void rt_trim (const char **p, size_t *n);

/* True when P[0..N) holds an ASCII control character.  */
bool rt_has_control (const char *p, size_t n);

#endif
