/* cc_regex: --where FIELD~REGEX filters over pcre2 (UTF-8, JIT, match limit).  */
#ifndef CC_REGEX_H
#define CC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cc_regex cc_regex;

/* Compile PATTERN.  On error returns NULL and writes a message into ERR
   (ERRSZ bytes), e.g. "missing closing parenthesis at offset 3".  */
cc_regex *cc_regex_new (const char *pattern, char *err, size_t errsz);

/* Match SUBJECT (N bytes, valid UTF-8) anywhere.  Returns 1 on a match, 0 on
   no match, -1 when the match limit was hit (the caller reports it).  Thread-safe:
   each thread gets its own match data.  */
int cc_regex_match (const cc_regex *re, const char *subject, size_t n);

void cc_regex_free (cc_regex *re);

#endif
