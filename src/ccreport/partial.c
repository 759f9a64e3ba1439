/* ccreport: partial state for scale-out.

   `ccreport --partial` writes the folded groups instead of a report: one JSON
   Lines header naming the grouping (the --by columns, the interval, the zone
   and the direction), then one line per group with its counts, its sums in
   microseconds and its two whole-second histograms as [value, count] pairs.
   `ccreport merge` reads any number of such files, in any order, adds them up
   (every figure is a count or a sum, so the order does not matter) and
   renders the report as if one process had read all the input.  */
#include <config.h>

#include "report.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_out.h"

#define PARTIAL_FORMAT 2 /* bumped when the layout changes */

static const char *const dir_names[] = { "inbound", "outbound", "all" };
static const char *const kind_names[] = { "queues", "agents", "transfers", "hangup" };

/* Append one [value,count] pair to the buffer UD.  */
static void
put_pair (void *ud, uint64_t v, uint64_t n)
{
  cc_buf *b = ud;
  cc_buf_printf (b, "%s[%llu,%llu]", b->p[b->n - 1] == '[' ? "" : ",", (unsigned long long) v,
                 (unsigned long long) n);
}

void
report_write_partial (const report *r, fold *f, FILE *out)
{
  cc_buf b = { 0 };
  cc_buf_printf (&b, "{\"_partial\":\"ccreport\",\"format\":%d,\"version\":", PARTIAL_FORMAT);
  cc_json_escape (&b, PACKAGE_VERSION, strlen (PACKAGE_VERSION));
  cc_buf_adds (&b, ",\"by\":[");
  for (size_t i = 0; i < r->nby; i++)
    {
      if (i)
        cc_buf_addc (&b, ',');
      cc_json_escape (&b, r->by[i], strlen (r->by[i]));
    }
  cc_buf_printf (&b, "],\"interval_s\":%lld,\"tz\":", (long long) r->interval);
  const char *tz = cc_tz_name () ? cc_tz_name () : "UTC";
  cc_json_escape (&b, tz, strlen (tz));
  cc_buf_printf (&b, ",\"direction\":\"%s\",\"report\":\"%s\"}\n", dir_names[r->dir],
                 kind_names[r->kind]);
  cc_fwrite_checked (b.p, b.n, out);

  report_sort (r, f);
  for (size_t i = 0; i < f->ng; i++)
    {
      const group *g = f->g[i];
      const acc *a = &g->a;
      b.n = 0;
      cc_buf_adds (&b, "{\"key\":[");
      size_t off = 0;
      for (size_t k = 0; k < r->nby; k++)
        {
          uint32_t len;
          memcpy (&len, g->key + off, 4);
          off += 4;
          if (k)
            cc_buf_addc (&b, ',');
          if (len == UINT32_MAX)
            cc_buf_adds (&b, "null");
          else
            {
              cc_json_escape (&b, g->key + off, len);
              off += len;
            }
        }
      cc_buf_printf (&b,
                     "],\"ival\":%lld,\"offered\":%llu,\"answered\":%llu,\"abandoned\":%llu,"
                     "\"timeout\":%llu,\"overflow\":%llu,\"other\":%llu,\"wait_sum_us\":%lld,"
                     "\"handled\":%llu,\"handle_sum_us\":%lld,\"wait\":[",
                     (long long) g->ival, (unsigned long long) a->offered,
                     (unsigned long long) a->answered, (unsigned long long) a->abandoned,
                     (unsigned long long) a->timeout, (unsigned long long) a->overflow,
                     (unsigned long long) a->other, (long long) a->wait_sum,
                     (unsigned long long) a->handled, (long long) a->handle_sum);
      cc_hist_each (&a->wait, put_pair, &b);
      cc_buf_adds (&b, "],\"abandon_wait\":[");
      cc_hist_each (&a->abandon_wait, put_pair, &b);
      cc_buf_printf (&b, "],\"xfer\":%llu,\"xfer_blind\":%llu,\"xfer_attended\":%llu,"
                         "\"hang_caller\":%llu,\"hang_agent\":%llu}\n",
                     (unsigned long long) a->xfer, (unsigned long long) a->xfer_blind,
                     (unsigned long long) a->xfer_attended, (unsigned long long) a->hang_caller,
                     (unsigned long long) a->hang_agent);
      cc_fwrite_checked (b.p, b.n, out);
    }
  cc_buf_free (&b);
  if (fflush (out) != 0)
    cc_die_write (errno);
}

/* Read a non-negative integer member NAME of object O into *V.  */
static bool
get_u (json_t *o, const char *name, uint64_t *v)
{
  json_t *j = json_object_get (o, name);
  if (!json_is_integer (j) || json_integer_value (j) < 0)
    return false;
  *v = (uint64_t) json_integer_value (j);
  return true;
}

/* Read a histogram of [value,count] pairs.  */
static bool
get_hist (json_t *o, const char *name, cc_hist *h)
{
  json_t *a = json_object_get (o, name);
  size_t i;
  json_t *pair;
  if (!json_is_array (a))
    return false;
  json_array_foreach (a, i, pair)
    {
      json_t *v = json_array_get (pair, 0), *n = json_array_get (pair, 1);
      if (!json_is_array (pair) || json_array_size (pair) != 2 || !json_is_integer (v)
          || !json_is_integer (n) || json_integer_value (v) < 0 || json_integer_value (n) < 1)
        return false;
      cc_hist_add_n (h, (uint64_t) json_integer_value (v), (uint64_t) json_integer_value (n));
    }
  return true;
}

/* Check the header line of a partial against the report R (the first partial
   sets R's grouping).  Returns NULL or a reason.  */
static const char *
check_header (report *r, json_t *h, bool first, char *why, size_t whysz)
{
  json_t *by = json_object_get (h, "by"), *tz = json_object_get (h, "tz");
  json_t *dir = json_object_get (h, "direction"), *iv = json_object_get (h, "interval_s");
  json_t *kind = json_object_get (h, "report");
  if (!json_is_string (json_object_get (h, "_partial"))
      || strcmp (json_string_value (json_object_get (h, "_partial")), "ccreport") != 0)
    return "not a ccreport partial (no \"_partial\":\"ccreport\" header)";
  if (json_integer_value (json_object_get (h, "format")) != PARTIAL_FORMAT)
    return "partial of another format version";
  if (!json_is_array (by) || !json_is_string (tz) || !json_is_string (dir)
      || !json_is_integer (iv) || !json_is_string (kind))
    return "bad partial header";
  int rk = -1;
  for (int k = 0; k < 4; k++)
    if (strcmp (json_string_value (kind), kind_names[k]) == 0)
      rk = k;
  if (rk < 0)
    return "bad partial header";
  int d = -1;
  for (int k = 0; k < 3; k++)
    if (strcmp (json_string_value (dir), dir_names[k]) == 0)
      d = k;
  if (d < 0)
    return "bad partial header";
  if (first)
    {
      r->nby = json_array_size (by);
      r->by = cc_xmalloc ((r->nby + 1) * sizeof *r->by);
      for (size_t i = 0; i < r->nby; i++)
        {
          json_t *s = json_array_get (by, i);
          if (!json_is_string (s))
            return "bad partial header";
          r->by[i] = cc_xstrdup (json_string_value (s));
        }
      r->interval = json_integer_value (iv);
      r->dir = (enum direction) d;
      r->kind = (enum report_kind) rk;
      if (strcmp (json_string_value (tz), "UTC") != 0 && cc_tz_set (json_string_value (tz)) != 0)
        {
          snprintf (why, whysz, "unknown time zone '%s'", json_string_value (tz));
          return why;
        }
      return NULL;
    }
  bool same = json_array_size (by) == r->nby && r->interval == json_integer_value (iv)
              && (int) r->dir == d && (int) r->kind == rk
              && strcmp (json_string_value (tz), cc_tz_name () ? cc_tz_name () : "UTC") == 0;
  for (size_t i = 0; same && i < r->nby; i++)
    same = json_is_string (json_array_get (by, i))
           && strcmp (json_string_value (json_array_get (by, i)), r->by[i]) == 0;
  if (!same)
    return "partial of another report (its --report, --by, --interval, --tz or --direction differ)";
  return NULL;
}

int
report_read_partial (report *r, fold **fp, const char *path, bool first)
{
  FILE *in = strcmp (path, "-") == 0 ? stdin : fopen (path, "r");
  if (!in)
    {
      cc_err ("cannot open %s: %s", path, strerror (errno));
      return -1;
    }
  char *line = NULL, why[256];
  size_t cap = 0;
  ssize_t len;
  uint64_t lineno = 0;
  int rc = 0;
  cc_buf key = { 0 };
  while ((len = getline (&line, &cap, in)) > 0)
    {
      lineno++;
      json_error_t je;
      json_t *o = json_loadb (line, (size_t) len, 0, &je);
      const char *bad = NULL;
      if (!o || !json_is_object (o))
        {
          snprintf (why, sizeof why, "invalid JSON: %s", o ? "not an object" : je.text);
          bad = why;
        }
      else if (lineno == 1 || json_object_get (o, "_partial"))
        {
          /* A header: the file's first line, or the start of another partial
             concatenated after the first.  */
          bad = check_header (r, o, first, why, sizeof why);
          if (!bad && first)
            *fp = fold_new (r);
          first = false;
        }
      else
        {
          json_t *k = json_object_get (o, "key"), *iv = json_object_get (o, "ival");
          acc a = { 0 };
          key.n = 0;
          if (!json_is_array (k) || json_array_size (k) != r->nby || !json_is_integer (iv))
            bad = "bad partial group";
          for (size_t i = 0; !bad && i < r->nby; i++)
            {
              json_t *s = json_array_get (k, i);
              uint32_t n = UINT32_MAX;
              if (json_is_string (s))
                n = (uint32_t) json_string_length (s);
              else if (!json_is_null (s))
                bad = "bad partial group";
              cc_buf_add (&key, &n, 4);
              if (json_is_string (s))
                cc_buf_add (&key, json_string_value (s), n);
            }
          uint64_t ws, hs;
          if (!bad
              && !(get_u (o, "offered", &a.offered) && get_u (o, "answered", &a.answered)
                   && get_u (o, "abandoned", &a.abandoned) && get_u (o, "timeout", &a.timeout)
                   && get_u (o, "overflow", &a.overflow) && get_u (o, "other", &a.other)
                   && get_u (o, "wait_sum_us", &ws) && get_u (o, "handled", &a.handled)
                   && get_u (o, "handle_sum_us", &hs) && get_hist (o, "wait", &a.wait)
                   && get_hist (o, "abandon_wait", &a.abandon_wait) && get_u (o, "xfer", &a.xfer)
                   && get_u (o, "xfer_blind", &a.xfer_blind)
                   && get_u (o, "xfer_attended", &a.xfer_attended)
                   && get_u (o, "hang_caller", &a.hang_caller)
                   && get_u (o, "hang_agent", &a.hang_agent)))
            bad = "bad partial group";
          if (!bad)
            {
              a.wait_sum = (int64_t) ws;
              a.handle_sum = (int64_t) hs;
              acc_merge (fold_group (*fp, key.p ? key.p : "", key.n, json_integer_value (iv)), &a);
            }
          cc_hist_free (&a.wait);
          cc_hist_free (&a.abandon_wait);
        }
      json_decref (o);
      if (bad)
        {
          cc_err_at (path, lineno, 0, "%s", bad);
          rc = -1;
          break;
        }
    }
  if (rc == 0 && ferror (in))
    {
      cc_err ("%s: read error: %s", path, strerror (errno));
      rc = -1;
    }
  if (rc == 0 && lineno == 0)
    {
      cc_err_at (path, 0, 0, "empty partial (no header)");
      rc = -1;
    }
  free (line);
  cc_buf_free (&key);
  if (in != stdin)
    fclose (in);
  return rc;
}
