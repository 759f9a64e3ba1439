/* cc_rec: formats, slots and value comparisons.  */
#include <config.h>

#include "cc_rec.h"
#include "cc_utf8.h"

#include <string.h>

/* Names accepted for each format; the first is the canonical one.  */
static const struct
{
  const char *name; /* as typed on the command line */
  cc_format fmt;    /* what it means */
} format_names[] = {
  { "auto", CC_FMT_AUTO },       { "csv", CC_FMT_CSV },
  { "jsonl", CC_FMT_JSONL },     { "json", CC_FMT_JSONL },
  { "ndjson", CC_FMT_JSONL },    { "table", CC_FMT_TABLE },
  { "markdown", CC_FMT_MARKDOWN }, { "md", CC_FMT_MARKDOWN },
  { "html", CC_FMT_HTML },
};

int
cc_format_parse (const char *s, cc_format *out)
{
  for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
    if (strcmp (s, format_names[i].name) == 0)
      {
        *out = format_names[i].fmt;
        return 0;
      }
  return -1;
}

const char *
cc_format_name (cc_format f)
{
  for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
    if (format_names[i].fmt == f)
      return format_names[i].name;
  return "?";
}

int
cc_slots_find (const cc_slots *s, const char *name, size_t n)
{
  for (size_t i = 0; i < s->n; i++)
    if (strlen (s->names[i]) == n && memcmp (s->names[i], name, n) == 0)
      return (int) i;
  return -1;
}

bool
cc_val_eq (const cc_val *v, const char *s)
{
  size_t n = strlen (s);
  return v && v->kind != CC_NULL && v->n == n && memcmp (v->p, s, n) == 0;
}

bool
cc_val_eq_ci (const cc_val *v, const char *s)
{
  size_t n = strlen (s);
  if (!v || v->kind == CC_NULL || v->n != n)
    return false;
  if (memcmp (v->p, s, n) == 0)
    return true;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char a = (unsigned char) v->p[i], b = (unsigned char) s[i];
      if (a >= 'A' && a <= 'Z')
        a += 32;
      if (b >= 'A' && b <= 'Z')
        b += 32;
      if (a != b)
        return false;
    }
  return true;
}

int
cc_val_quote_len (const cc_val *v)
{
  return cc_utf8_cut (v->p, v->n, 40);
}
