/* cc_regex: compiled pcre2 patterns for --where filters.

   Patterns are compiled once with UTF and UCP, JIT-compiled when the platform
   allows, and matched with a match limit so a pathological pattern fails
   cleanly instead of running for minutes.  Match data is per thread.  */
#include <config.h>

#include "cc_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "cc_diag.h"

#define MATCH_LIMIT 1000000 /* backtracking steps per match */

struct cc_regex
{
  pcre2_code *code;          /* the compiled pattern */
  pcre2_match_context *mctx; /* carries the match limit */
};

/* Per-thread match data, freed when the thread ends.  */
static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;

/* Free one thread's match data.  */
static void
md_free (void *p)
{
  pcre2_match_data_free (p);
}

static void
md_init (void)
{
  if (pthread_key_create (&md_key, md_free) != 0)
    cc_die (CC_EXIT_FAIL, "cannot create a thread key");
}

cc_regex *
cc_regex_new (const char *pattern, char *err, size_t errsz)
{
  int ec;
  PCRE2_SIZE off;
  pcre2_code *code = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
  if (!code)
    {
      PCRE2_UCHAR msg[160];
      pcre2_get_error_message (ec, msg, sizeof msg);
      snprintf (err, errsz, "%s at offset %zu", (const char *) msg, (size_t) off);
      return NULL;
    }
  pcre2_jit_compile (code, PCRE2_JIT_COMPLETE); /* the interpreter is the fallback */
  cc_regex *re = cc_xcalloc (1, sizeof *re);
  re->code = code;
  re->mctx = pcre2_match_context_create (NULL);
  if (!re->mctx)
    cc_die (CC_EXIT_FAIL, "memory exhausted");
  pcre2_set_match_limit (re->mctx, MATCH_LIMIT);
  return re;
}

int
cc_regex_match (const cc_regex *re, const char *subject, size_t n)
{
  pthread_once (&md_once, md_init);
  pcre2_match_data *md = pthread_getspecific (md_key);
  if (!md)
    {
      md = pcre2_match_data_create (32, NULL);
      if (!md || pthread_setspecific (md_key, md) != 0)
        cc_die (CC_EXIT_FAIL, "memory exhausted");
    }
  int rc = pcre2_match (re->code, (PCRE2_SPTR) subject, n, 0, 0, md, re->mctx);
  if (rc >= 0)
    return 1;
  if (rc == PCRE2_ERROR_NOMATCH)
    return 0;
  return -1;
}

void
cc_regex_free (cc_regex *re)
{
  if (!re)
    return;
  pcre2_code_free (re->code);
  pcre2_match_context_free (re->mctx);
  free (re);
}
