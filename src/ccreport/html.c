/* ccreport: the report as one self-contained HTML page.

   The page holds, in order: a header with the period and the definitions
   line; the headline figures of all the records; the charts, drawn as inline
   SVG (offered, answered and abandoned per chart interval; service level per
   interval against the target; ASA per interval; the distribution of answered
   waits; handled interactions per agent); the report table, cell for cell the
   CSV report; the per-agent table; and the diagnostics of a converted log.
   The styles sit in one <style> element; there is no script and no reference
   to anything outside the page.  Every string from the input (group values,
   column names, agent names, file names, messages) is escaped.

   The charts read the fold's extra folds: F->ivals (one group per chart
   interval, empty key) and F->agents (one group per agent name, answered
   records only).  A merged report has neither: its interval charts then come
   from the main groups when the report has --interval, and its agent chart
   from them when --by names the agent column.  */
#include <config.h>

#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_num.h"
#include "rows.h"

/* The service-level target drawn on the chart and the cards, in percent:
   --sl-target (default 80, the common "80/20" convention).  */
#define SL_TARGET ((int) r->sl_target)

#define VW 960        /* viewBox width of every chart */
#define PLOT_L 72     /* left margin of a chart (y-axis labels) */
#define PLOT_R 24     /* right margin */
#define PLOT_T 16     /* top margin */
#define PLOT_B 58     /* bottom margin (x-axis labels and title) */
#define MAX_SLOTS 200 /* most bars of an interval chart before coarser intervals */
#define MAX_AGENTS 50 /* most bars of the agents chart */
#define MAX_BINS 24   /* most bins of the wait histogram (then one overflow bin) */
#define LABEL_MAX 24  /* characters of an agent name shown beside its bar */

/* ---- text ---- */

/* Append P[0..N) to B escaped for HTML text and attribute values: the five
   special characters as references, and control characters shown as the
   table format shows them ("\n", "\t", "\r", "\xHH") so that nothing of the
   value is lost or hidden.  */
static void
esc (cc_buf *b, const char *p, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  /* What stands for each byte that is not itself.  */
  static const char *const subst[128] = {
    ['&'] = "&amp;", ['<'] = "&lt;",  ['>'] = "&gt;",  ['"'] = "&quot;",
    ['\''] = "&#39;", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
  };
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      if (c < 128 && subst[c])
        cc_buf_adds (b, subst[c]);
      else if (c < 0x20 || c == 0x7f)
        {
          char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
          cc_buf_add (b, e, 4);
        }
      else
        cc_buf_addc (b, (char) c);
    }
}

/* Append the NUL-terminated S escaped.  */
static void
esc_s (cc_buf *b, const char *s)
{
  esc (b, s, strlen (s));
}

/* Append NUM/DEN with DIGITS decimals (rounded half away from zero).  */
static void
fixed (cc_buf *b, int64_t num, int64_t den, int digits)
{
  char t[40];
  size_t k = cc_num_fixed (t, num, den, digits);
  cc_buf_add (b, t, k);
}

/* Append the coordinate V with one decimal, independent of the locale.  */
static void
coord (cc_buf *b, double v)
{
  long long t = (long long) (v * 10 + (v >= 0 ? 0.5 : -0.5));
  if (t < 0)
    {
      cc_buf_addc (b, '-');
      t = -t;
    }
  cc_buf_printf (b, "%lld.%lld", t / 10, t % 10);
}

/* Append " NAME=\"V\"" for the coordinate V.  */
static void
attr_c (cc_buf *b, const char *name, double v)
{
  cc_buf_printf (b, " %s=\"", name);
  coord (b, v);
  cc_buf_addc (b, '"');
}

/* Append the line <line x1 x2 y1 y2/> from (X1, Y1) to (X2, Y2).  */
static void
svg_line (cc_buf *b, double x1, double x2, double y1, double y2)
{
  cc_buf_adds (b, "<line");
  attr_c (b, "x1", x1);
  attr_c (b, "x2", x2);
  attr_c (b, "y1", y1);
  attr_c (b, "y2", y2);
  cc_buf_adds (b, "/>");
}

/* Append the RFC 3339 text of instant S (seconds), in the report zone when
   one is set (as the interval column of the table shows it).  */
static void
instant (cc_buf *b, int64_t s)
{
  char t[48];
  size_t k = cc_time_format (t, s * CC_USEC_PER_SEC, cc_tz_name () != NULL);
  cc_buf_add (b, t, k);
}

/* ---- cells ---- */

/* The service-level base in words, for legends.  */
static const char *
base_words (const report *r)
{
  static const char *const w[] = { "offered", "answered", "answered + abandoned",
                                   "offered \xe2\x88\x92 short abandons" };
  return w[r->sl_base];
}

/* Append one HTML table row holding the cells of RB to the buffer UD (a
   cc_buf): a number as <td class="num">, a null cell empty (as in the CSV
   report), a string escaped; TOTAL: the row of class total.  */
static void
html_row (void *ud, rowb *rb, bool total)
{
  cc_buf *b = ud;
  cc_buf_adds (b, total ? "<tr class=\"total\">" : "<tr>");
  for (size_t i = 0; i < rb->n; i++)
    {
      const char *p = rb->text.p + rb->off[i];
      if (rb->kind[i] == CC_NULL)
        cc_buf_adds (b, "<td class=\"null\"></td>");
      else if (rb->kind[i] == CC_NUM)
        {
          cc_buf_adds (b, "<td class=\"num\">");
          cc_buf_add (b, p, rb->len[i]);
          cc_buf_adds (b, "</td>");
        }
      else
        {
          cc_buf_adds (b, "<td>");
          esc (b, p, rb->len[i]);
          cc_buf_adds (b, "</td>");
        }
    }
  cc_buf_adds (b, "</tr>\n");
}

/* ---- chart scaffolding ---- */

/* A "nice" axis step NUM/DEN (1, 2 or 5 times a power of ten) shown with
   DIGITS decimals.  */
typedef struct step
{
  int64_t num; /* numerator */
  int64_t den; /* denominator (a power of ten) */
  int digits;  /* decimals of the labels */
} step;

/* The nice step that cuts 0..MAXV into about WANT parts; whole numbers only
   when INTEGER.  */
static step
nice_step (double maxv, int want, bool integer)
{
  double raw = maxv > 0 ? maxv / want : 1;
  int e = 0;
  double mag = 1;
  while (mag * 10 <= raw && e < 15)
    mag *= 10, e++;
  while (mag > raw && e > -6)
    mag /= 10, e--;
  double q = raw / mag;
  int m = q <= 1 ? 1 : q <= 2 ? 2 : q <= 5 ? 5 : 10;
  if (m == 10)
    m = 1, e++;
  step s = { m, 1, 0 };
  if (e < 0 && integer)
    return (step) { 1, 1, 0 };
  for (int i = 0; i < (e < 0 ? -e : e); i++)
    if (e > 0)
      s.num *= 10;
    else
      s.den *= 10;
  s.digits = e < 0 ? -e : 0;
  return s;
}

/* The plot area of a chart in viewBox units.  */
typedef struct frame
{
  double l, t, w, h; /* left, top, width, height */
  double ymax;       /* value at the top of the area */
} frame;

/* The y position of value V.  */
static double
fy (const frame *fr, double v)
{
  double y = fr->t + fr->h - (fr->ymax > 0 ? v / fr->ymax * fr->h : 0);
  return y < fr->t ? fr->t : y;
}

/* Open a chart: its box, the <svg> with id ID and height VH, labelled LABEL.  */
static void
svg_open (cc_buf *b, const char *id, int vh, const char *label)
{
  cc_buf_printf (b, "<div class=\"chartbox\"><svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" "
                    "role=\"img\" aria-label=\"",
                 id, VW, vh);
  esc_s (b, label);
  cc_buf_adds (b, "\">\n");
}

static void
svg_close (cc_buf *b)
{
  cc_buf_adds (b, "</svg></div>\n");
}

/* Draw the y axis of FR: grid lines and labels from 0 to a nice maximum
   above MAXV (whole numbers when INTEGER; 0..100 % when PCT), and the axis
   title TITLE.  Sets FR->ymax.  */
static void
y_axis (cc_buf *b, frame *fr, double maxv, bool integer, bool pct, const char *title)
{
  step s = pct ? (step) { 20, 1, 0 } : nice_step (maxv, 5, integer);
  int64_t k = 1;
  if (!pct)
    while ((double) (k * s.num) / (double) s.den < maxv && k < 1000)
      k++;
  else
    k = 5;
  fr->ymax = (double) (k * s.num) / (double) s.den;
  cc_buf_adds (b, "<g class=\"grid\">");
  for (int64_t i = 0; i <= k; i++)
    {
      double y = fy (fr, (double) (i * s.num) / (double) s.den);
      svg_line (b, fr->l, fr->l + fr->w, y, y);
    }
  cc_buf_adds (b, "</g>\n<g class=\"axis y\">");
  for (int64_t i = 0; i <= k; i++)
    {
      double y = fy (fr, (double) (i * s.num) / (double) s.den);
      cc_buf_adds (b, "<text text-anchor=\"end\"");
      attr_c (b, "x", fr->l - 8);
      attr_c (b, "y", y + 4);
      cc_buf_adds (b, ">");
      fixed (b, i * s.num, s.den, s.digits);
      if (pct)
        cc_buf_adds (b, " %");
      cc_buf_adds (b, "</text>");
    }
  svg_line (b, fr->l, fr->l, fr->t, fr->t + fr->h);
  svg_line (b, fr->l, fr->l + fr->w, fr->t + fr->h, fr->t + fr->h);
  double cy = fr->t + fr->h / 2;
  cc_buf_adds (b, "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(15,");
  coord (b, cy);
  cc_buf_adds (b, ") rotate(-90)\">");
  esc_s (b, title);
  cc_buf_adds (b, "</text></g>\n");
}

/* The x-axis title TITLE under the plot area of FR in a chart VH high.  */
static void
x_title (cc_buf *b, const frame *fr, int vh, const char *title)
{
  cc_buf_adds (b, "<text class=\"axis-title\" text-anchor=\"middle\"");
  attr_c (b, "x", fr->l + fr->w / 2);
  attr_c (b, "y", vh - 6);
  cc_buf_adds (b, ">");
  esc_s (b, title);
  cc_buf_adds (b, "</text>\n");
}

/* A bar: a rect of class CLS from value 0 to V at X, W wide, with the data
   value DV and the tooltip TITLE (both already escaped text).  */
static void
vbar (cc_buf *b, const frame *fr, const char *cls, double x, double w, double v, const char *dv,
      const char *title)
{
  double y = fy (fr, v);
  cc_buf_printf (b, "<rect class=\"bar %s\"", cls);
  attr_c (b, "x", x);
  attr_c (b, "y", y);
  attr_c (b, "width", w);
  attr_c (b, "height", fr->t + fr->h - y);
  cc_buf_printf (b, " data-value=\"%s\"><title>%s</title></rect>", dv, title);
}

/* A horizontal reference line at value V across FR, of class CLS, with the
   label LABEL at its right end.  */
static void
ref_line (cc_buf *b, const frame *fr, const char *cls, double v, const char *label)
{
  double y = fy (fr, v);
  cc_buf_printf (b, "<g class=\"%s\">", cls);
  svg_line (b, fr->l, fr->l + fr->w, y, y);
  cc_buf_adds (b, "<text text-anchor=\"end\"");
  attr_c (b, "x", fr->l + fr->w - 4);
  attr_c (b, "y", y - 5);
  cc_buf_adds (b, ">");
  esc_s (b, label);
  cc_buf_adds (b, "</text></g>\n");
}

/* A legend entry: a swatch of class CLS (KIND "sw" for a box, "ln" for a
   line) and its text.  */
static void
legend (cc_buf *b, const char *kind, const char *cls, const char *text)
{
  cc_buf_printf (b, "<li><span class=\"%s %s\"></span>", kind, cls);
  esc_s (b, text);
  cc_buf_adds (b, "</li>");
}

/* ---- the interval series ---- */

/* One bar position of the interval charts.  */
typedef struct islot
{
  int64_t start; /* interval start, UTC seconds */
  acc a;         /* figures of the records that arrived in it */
} islot;

/* The intervals of the charts, from the first to the last with records,
   with the empty ones in between.  */
typedef struct series
{
  islot *s;      /* slots in time order */
  size_t n;      /* how many */
  int64_t width; /* interval width used, seconds */
  int64_t asked; /* the width the records were folded at */
} series;

static int
i64_cmp (const void *a, const void *b)
{
  int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
  return x < y ? -1 : x > y;
}

/* The start of the interval of width W after the one that starts at CUR.  */
static int64_t
next_start (int64_t cur, int64_t w)
{
  int64_t nx = cc_interval_start (cur + w + w / 2, w);
  return nx > cur ? nx : cur + w;
}

/* How many intervals of width W from the one holding FIRST to the one
   holding LAST, counting no further than LIMIT + 1.  */
static size_t
count_slots (int64_t first, int64_t last, int64_t w, size_t limit)
{
  int64_t cur = cc_interval_start (first, w), end = cc_interval_start (last, w);
  size_t n = 1;
  while (cur < end && n <= limit)
    cur = next_start (cur, w), n++;
  return n;
}

/* Build the chart series of F into *SE: from F->ivals, or from the main
   groups of a report with --interval when there are none (a merge).  Returns
   false when there is nothing to chart.  The caller frees with
   series_free.  */
static bool
series_build (const report *r, const fold *f, series *se)
{
  memset (se, 0, sizeof *se);
  const fold *src = NULL;
  if (f && f->ivals && f->ivals->ng)
    {
      src = f->ivals;
      se->asked = r->chart_interval > 0 ? r->chart_interval : 3600;
    }
  else if (f && r->interval && f->ng)
    {
      src = f;
      se->asked = r->interval;
    }
  if (!src)
    return false;

  int64_t first = src->g[0]->ival, last = first;
  for (size_t i = 1; i < src->ng; i++)
    {
      if (src->g[i]->ival < first)
        first = src->g[i]->ival;
      if (src->g[i]->ival > last)
        last = src->g[i]->ival;
    }
  /* Coarser intervals that nest the asked ones, when there would be too
     many bars.  */
  int64_t cand[4] = { se->asked, 3600, 86400, 604800 };
  se->width = se->asked;
  for (int i = 0; i < 4; i++)
    {
      int64_t w = cand[i];
      if (i > 0 && (w <= se->asked || (w < 86400 && w % se->asked != 0)))
        continue;
      se->width = w;
      if (count_slots (first, last, w, MAX_SLOTS) <= MAX_SLOTS)
        break;
    }
  int64_t w = se->width;

  /* Every interval from the first to the last, and the interval of every
     group (so that none is lost whatever a zone's transitions do).  */
  size_t n = 0, cap = 64;
  int64_t *st = cc_xmalloc (cap * sizeof *st);
  int64_t end = cc_interval_start (last, w);
  for (int64_t cur = cc_interval_start (first, w);; cur = next_start (cur, w))
    {
      if (n == cap)
        st = cc_xrealloc (st, (cap *= 2) * sizeof *st);
      st[n++] = cur;
      if (cur >= end)
        break;
    }
  for (size_t i = 0; i < src->ng; i++)
    {
      if (n == cap)
        st = cc_xrealloc (st, (cap *= 2) * sizeof *st);
      st[n++] = cc_interval_start (src->g[i]->ival, w);
    }
  qsort (st, n, sizeof *st, i64_cmp);
  size_t u = 0;
  for (size_t i = 0; i < n; i++)
    if (u == 0 || st[i] != st[u - 1])
      st[u++] = st[i];
  se->s = cc_xcalloc (u, sizeof *se->s);
  se->n = u;
  for (size_t i = 0; i < u; i++)
    se->s[i].start = st[i];
  free (st);
  for (size_t i = 0; i < src->ng; i++)
    {
      int64_t s = cc_interval_start (src->g[i]->ival, w);
      size_t lo = 0, hi = se->n;
      while (lo < hi)
        {
          size_t mid = lo + (hi - lo) / 2;
          if (se->s[mid].start < s)
            lo = mid + 1;
          else
            hi = mid;
        }
      acc_merge (&se->s[lo].a, &src->g[i]->a);
    }
  return true;
}

static void
series_free (series *se)
{
  for (size_t i = 0; i < se->n; i++)
    acc_free (&se->s[i].a);
  free (se->s);
}

/* Describe the width W in words ("15 min", "1 h", "1 day", "1 week").  */
static void
width_words (cc_buf *b, int64_t w)
{
  if (w == 604800)
    cc_buf_adds (b, "1 week");
  else if (w % 86400 == 0)
    cc_buf_printf (b, "%lld day%s", (long long) (w / 86400), w == 86400 ? "" : "s");
  else if (w % 3600 == 0)
    cc_buf_printf (b, "%lld h", (long long) (w / 3600));
  else if (w % 60 == 0)
    cc_buf_printf (b, "%lld min", (long long) (w / 60));
  else
    cc_buf_printf (b, "%lld s", (long long) w);
}

/* The labels of the x axis under the slots of SE in FR: the local time of
   every K-th slot start ("HH:MM", with the date under the first one and where
   the date changes; the date alone for days and weeks).  */
static void
x_labels (cc_buf *b, const frame *fr, const series *se)
{
  double gw = fr->w / (double) se->n;
  bool daily = se->width >= 86400;
  size_t k = (size_t) ((daily ? 84.0 : 56.0) / gw) + 1;
  char prev[16] = "";
  cc_buf_adds (b, "<g class=\"axis x\">");
  for (size_t i = 0; i < se->n; i += k)
    {
      char t[48];
      cc_time_format (t, se->s[i].start * CC_USEC_PER_SEC, cc_tz_name () != NULL);
      double x = fr->l + ((double) i + 0.5) * gw;
      svg_line (b, x, x, fr->t + fr->h, fr->t + fr->h + 4);
      cc_buf_adds (b, "<text text-anchor=\"middle\"");
      attr_c (b, "x", x);
      attr_c (b, "y", fr->t + fr->h + 18);
      cc_buf_adds (b, ">");
      if (daily)
        cc_buf_add (b, t, 10);
      else
        cc_buf_add (b, t + 11, 5);
      cc_buf_adds (b, "</text>");
      if (!daily && memcmp (prev, t, 10) != 0)
        {
          cc_buf_adds (b, "<text class=\"date\" text-anchor=\"middle\"");
          attr_c (b, "x", x);
          attr_c (b, "y", fr->t + fr->h + 33);
          cc_buf_adds (b, ">");
          cc_buf_add (b, t, 10);
          cc_buf_adds (b, "</text>");
          memcpy (prev, t, 10);
        }
    }
  cc_buf_adds (b, "</g>\n");
}

/* The x-axis title of the interval charts.  */
static void
x_title_ivals (cc_buf *b, const frame *fr, int vh, const series *se)
{
  cc_buf t = { 0 };
  cc_buf_adds (&t, "interval start (");
  width_words (&t, se->width);
  cc_buf_printf (&t, " intervals, %s)", report_zone ());
  x_title (b, fr, vh, cc_buf_cstr (&t));
  cc_buf_free (&t);
}

/* The tooltip prefix of slot S: its start, RFC 3339.  */
static void
slot_title (cc_buf *b, const islot *s)
{
  instant (b, s->start);
}

/* Close an interval chart of SE in FR, VH high: its x labels and title,
   the <svg> and the section; free its scratch buffers T and V.  */
static void
ivals_close (cc_buf *b, const frame *fr, int vh, const series *se, cc_buf *t, cc_buf *v)
{
  x_labels (b, fr, se);
  x_title_ivals (b, fr, vh, se);
  svg_close (b);
  cc_buf_adds (b, "</section>\n");
  cc_buf_free (t);
  cc_buf_free (v);
}

/* A paragraph saying how the intervals of SE were chosen.  */
static void
series_note (cc_buf *b, const series *se)
{
  cc_buf_adds (b, "<p class=\"note\">Records by the interval they arrived in (");
  width_words (b, se->width);
  cc_buf_printf (b, " intervals in %s", report_zone ());
  if (se->width != se->asked)
    {
      cc_buf_adds (b, "; the ");
      width_words (b, se->asked);
      cc_buf_printf (b, " intervals would need more than %d bars", MAX_SLOTS);
    }
  cc_buf_printf (b, "), %zu interval%s from ", se->n, se->n == 1 ? "" : "s");
  instant (b, se->s[0].start);
  cc_buf_adds (b, " to ");
  instant (b, next_start (se->s[se->n - 1].start, se->width));
  cc_buf_adds (b, ".</p>\n");
}

/* ---- the charts ---- */

/* Offered, answered and abandoned per interval: three bars per slot.  */
static void
chart_volume (cc_buf *b, const series *se)
{
  const int vh = 320;
  cc_buf_adds (b, "<section id=\"volume\"><h2>Offered, answered and abandoned per interval</h2>\n");
  series_note (b, se);
  cc_buf_adds (b, "<ul class=\"legend\">");
  legend (b, "sw", "offered", "offered");
  legend (b, "sw", "answered", "answered");
  legend (b, "sw", "abandoned", "abandoned");
  cc_buf_adds (b, "</ul>\n");
  svg_open (b, "chart-volume", vh, "offered, answered and abandoned per interval");
  frame fr = { PLOT_L, PLOT_T, VW - PLOT_L - PLOT_R, vh - PLOT_T - PLOT_B, 0 };
  uint64_t mx = 0;
  for (size_t i = 0; i < se->n; i++)
    if (se->s[i].a.offered > mx)
      mx = se->s[i].a.offered;
  y_axis (b, &fr, (double) mx, true, false, "interactions");
  double gw = fr.w / (double) se->n, bw = gw * 0.8 / 3;
  cc_buf t = { 0 }, v = { 0 };
  cc_buf_adds (b, "<g class=\"slots\">\n");
  for (size_t i = 0; i < se->n; i++)
    {
      const islot *s = &se->s[i];
      cc_buf_adds (b, "<g class=\"slot\" data-interval=\"");
      instant (b, s->start);
      cc_buf_adds (b, "\">");
      static const char *const cls[3] = { "offered", "answered", "abandoned" };
      uint64_t val[3] = { s->a.offered, s->a.answered, s->a.abandoned };
      for (int k = 0; k < 3; k++)
        {
          t.n = v.n = 0;
          slot_title (&t, s);
          cc_buf_printf (&t, ": %s %llu", cls[k], (unsigned long long) val[k]);
          cc_buf_printf (&v, "%llu", (unsigned long long) val[k]);
          vbar (b, &fr, cls[k], fr.l + (double) i * gw + gw * 0.1 + k * bw, bw, (double) val[k],
                cc_buf_cstr (&v), cc_buf_cstr (&t));
        }
      cc_buf_adds (b, "</g>\n");
    }
  cc_buf_adds (b, "</g>\n");
  ivals_close (b, &fr, vh, se, &t, &v);
}

/* The service level per interval: a line through the intervals where it is
   defined (a gap where its base is 0), points coloured by whether they meet
   the target, and the target line.  */
static void
chart_sl (cc_buf *b, const report *r, const series *se)
{
  const int vh = 300;
  cc_buf_adds (b, "<section id=\"service-level\"><h2>Service level per interval</h2>\n");
  cc_buf_printf (b, "<p class=\"note\">Answered within %lld s / %s \xc3\x97 100, per interval; "
                    "no point where nothing counts in the base.</p>\n",
                 (long long) r->sl_secs, base_words (r));
  cc_buf t = { 0 }, v = { 0 };
  cc_buf_adds (b, "<ul class=\"legend\">");
  cc_buf_printf (&t, "service level (answered within %lld s)", (long long) r->sl_secs);
  legend (b, "ln", "sl", cc_buf_cstr (&t));
  t.n = 0;
  cc_buf_printf (&t, "target %d %% (--sl-target)", SL_TARGET);
  legend (b, "ln", "target", cc_buf_cstr (&t));
  legend (b, "dot", "met", "meets the target");
  legend (b, "dot", "missed", "below the target");
  cc_buf_adds (b, "</ul>\n");
  svg_open (b, "chart-sl", vh, "service level per interval against the target");
  frame fr = { PLOT_L, PLOT_T, VW - PLOT_L - PLOT_R, vh - PLOT_T - PLOT_B, 0 };
  y_axis (b, &fr, 100, false, true, "service level");
  t.n = 0;
  cc_buf_printf (&t, "target %d %%", SL_TARGET);
  ref_line (b, &fr, "target", SL_TARGET, cc_buf_cstr (&t));
  double gw = fr.w / (double) se->n;
  /* The line: one polyline per run of defined values.  */
  bool open = false;
  for (size_t i = 0; i < se->n; i++)
    {
      int64_t num, den;
      if (!report_sl (r, &se->s[i].a, &num, &den))
        {
          if (open)
            cc_buf_adds (b, "\"/>\n");
          open = false;
          continue;
        }
      cc_buf_adds (b, open ? " " : "<polyline class=\"sl-line\" points=\"");
      open = true;
      coord (b, fr.l + ((double) i + 0.5) * gw);
      cc_buf_addc (b, ',');
      coord (b, fy (&fr, (double) num / (double) den));
    }
  if (open)
    cc_buf_adds (b, "\"/>\n");
  double rad = gw / 3 < 4.5 ? gw / 3 : 4.5;
  if (rad < 1.5)
    rad = 1.5;
  cc_buf_adds (b, "<g class=\"points\">\n");
  for (size_t i = 0; i < se->n; i++)
    {
      int64_t num, den;
      if (!report_sl (r, &se->s[i].a, &num, &den))
        continue;
      t.n = v.n = 0;
      fixed (&v, num, den, 2);
      slot_title (&t, &se->s[i]);
      cc_buf_printf (&t, ": service level %s %%", cc_buf_cstr (&v));
      cc_buf_printf (b, "<circle class=\"pt %s\"",
                     num >= (int64_t) SL_TARGET * den ? "met" : "missed");
      attr_c (b, "cx", fr.l + ((double) i + 0.5) * gw);
      attr_c (b, "cy", fy (&fr, (double) num / (double) den));
      attr_c (b, "r", rad);
      cc_buf_adds (b, " data-interval=\"");
      instant (b, se->s[i].start);
      cc_buf_printf (b, "\" data-value=\"%s\"><title>%s</title></circle>\n", cc_buf_cstr (&v),
                     cc_buf_cstr (&t));
    }
  cc_buf_adds (b, "</g>\n");
  ivals_close (b, &fr, vh, se, &t, &v);
}

/* The ASA per interval: one bar per slot (none where nothing was answered)
   and the service-level threshold as a reference line.  */
static void
chart_asa (cc_buf *b, const report *r, const series *se)
{
  const int vh = 300;
  cc_buf_adds (b, "<section id=\"asa\"><h2>Average speed of answer per interval</h2>\n"
                  "<p class=\"note\">Mean wait of the interactions answered in each interval, "
                  "in seconds; no bar where nothing was answered.</p>\n");
  cc_buf t = { 0 }, v = { 0 };
  cc_buf_adds (b, "<ul class=\"legend\">");
  legend (b, "sw", "asa", "ASA");
  cc_buf_printf (&t, "service-level threshold %lld s", (long long) r->sl_secs);
  legend (b, "ln", "threshold", cc_buf_cstr (&t));
  cc_buf_adds (b, "</ul>\n");
  svg_open (b, "chart-asa", vh, "average speed of answer per interval");
  frame fr = { PLOT_L, PLOT_T, VW - PLOT_L - PLOT_R, vh - PLOT_T - PLOT_B, 0 };
  double mx = (double) r->sl_secs;
  for (size_t i = 0; i < se->n; i++)
    {
      int64_t num, den;
      if (report_asa (&se->s[i].a, &num, &den) && (double) num / (double) den > mx)
        mx = (double) num / (double) den;
    }
  y_axis (b, &fr, mx, false, false, "seconds");
  double gw = fr.w / (double) se->n;
  cc_buf_adds (b, "<g class=\"slots\">\n");
  for (size_t i = 0; i < se->n; i++)
    {
      int64_t num, den;
      if (!report_asa (&se->s[i].a, &num, &den))
        continue;
      t.n = v.n = 0;
      fixed (&v, num, den, 2);
      slot_title (&t, &se->s[i]);
      cc_buf_printf (&t, ": ASA %s s over %llu answered", cc_buf_cstr (&v),
                     (unsigned long long) se->s[i].a.answered);
      cc_buf_adds (b, "<g class=\"slot\" data-interval=\"");
      instant (b, se->s[i].start);
      cc_buf_adds (b, "\">");
      vbar (b, &fr, "asa", fr.l + (double) i * gw + gw * 0.15, gw * 0.7,
            (double) num / (double) den, cc_buf_cstr (&v), cc_buf_cstr (&t));
      cc_buf_adds (b, "</g>\n");
    }
  cc_buf_adds (b, "</g>\n");
  t.n = 0;
  cc_buf_printf (&t, "threshold %lld s", (long long) r->sl_secs);
  ref_line (b, &fr, "threshold", (double) r->sl_secs, cc_buf_cstr (&t));
  ivals_close (b, &fr, vh, se, &t, &v);
}

/* The widths the wait histogram's bins may have, seconds.  */
static const int64_t bin_widths[] = { 1,    2,    5,    10,    15,    20,    30,   60,
                                      120,  300,  600,  900,   1800,  3600,  7200, 14400,
                                      21600, 43200, 86400 };

/* The distribution of answered waits of TOT: bins of a nice width W (the
   first 0..W, then W+1..2W and so on, in whole seconds rounded up: the waits
   over (k-1)W and up to kW), covering the 99th percentile (and the
   threshold, when a wait exceeds it) in at most MAX_BINS bins, and one more
   bin for the longer waits.  A bin that the threshold cuts is drawn as
   beyond it, with its waits within it as a green foot.  */
static void
chart_waits (cc_buf *b, const report *r, const acc *tot)
{
  const int vh = 320;
  uint64_t n = tot->answered, T = (uint64_t) r->sl_secs;
  cc_buf_adds (b, "<section id=\"waits\"><h2>Wait before answer</h2>\n");
  if (n == 0)
    {
      cc_buf_adds (b, "<p class=\"empty\">No interaction was answered: there is no wait to "
                      "show.</p>\n</section>\n");
      return;
    }
  uint64_t p99 = cc_hist_percentile (&tot->wait, 99), mx = tot->wait.max;
  uint64_t R = p99;
  if ((T < mx ? T : mx) > R)
    R = T < mx ? T : mx;
  if (R < 1)
    R = 1;
  size_t nw = sizeof bin_widths / sizeof bin_widths[0], i0 = nw;
  for (size_t i = 0; i < nw; i++)
    if ((R + (uint64_t) bin_widths[i] - 1) / (uint64_t) bin_widths[i] <= MAX_BINS)
      {
        i0 = i;
        break;
      }
  uint64_t w;
  if (i0 == nw)
    w = 86400 * ((R + 86400 * MAX_BINS - 1) / (86400 * MAX_BINS));
  else
    {
      /* Rather a width that puts the threshold on a bin edge.  */
      w = (uint64_t) bin_widths[i0];
      if (T > 0 && T <= R && T % w != 0)
        for (size_t i = i0 + 1; i < nw && i <= i0 + 2; i++)
          if (T % (uint64_t) bin_widths[i] == 0)
            {
              w = (uint64_t) bin_widths[i];
              break;
            }
    }
  uint64_t nb = (R + w - 1) / w;
  uint64_t over = n - cc_hist_count_le (&tot->wait, nb * w);
  size_t nbars = (size_t) nb + (over ? 1 : 0);

  if (w == 1)
    cc_buf_printf (b, "<p class=\"note\">Waits of the %llu answered interactions, in whole "
                      "seconds rounded up, one bar per second (the first holds 0 and 1 s)",
                   (unsigned long long) n);
  else
    cc_buf_printf (b, "<p class=\"note\">Waits of the %llu answered interactions, in whole "
                      "seconds rounded up, in bins of %llu s (the first from 0 to %llu s, then "
                      "%llu to %llu s and so on)",
                   (unsigned long long) n, (unsigned long long) w, (unsigned long long) w,
                   (unsigned long long) w + 1, (unsigned long long) (2 * w));
  if (over)
    cc_buf_printf (b, "; the last bar holds the %llu waits longer than %llu s (the longest: "
                      "%llu s)",
                   (unsigned long long) over, (unsigned long long) (nb * w),
                   (unsigned long long) mx);
  cc_buf_adds (b, ".</p>\n");
  cc_buf t = { 0 }, v = { 0 };
  cc_buf_adds (b, "<ul class=\"legend\">");
  cc_buf_printf (&t, "answered within %llu s", (unsigned long long) T);
  legend (b, "sw", "within", cc_buf_cstr (&t));
  t.n = 0;
  cc_buf_printf (&t, "answered after %llu s", (unsigned long long) T);
  legend (b, "sw", "beyond", cc_buf_cstr (&t));
  t.n = 0;
  if (T <= nb * w)
    cc_buf_printf (&t, "service-level threshold %llu s", (unsigned long long) T);
  else
    cc_buf_printf (&t, "service-level threshold %llu s: beyond the longest wait",
                   (unsigned long long) T);
  legend (b, "ln", "threshold", cc_buf_cstr (&t));
  cc_buf_adds (b, "</ul>\n");
  svg_open (b, "chart-waits", vh, "distribution of the waits before answer");
  frame fr = { PLOT_L, PLOT_T, VW - PLOT_L - PLOT_R, vh - PLOT_T - PLOT_B, 0 };
  uint64_t big = 0, prev = 0;
  for (uint64_t i = 0; i < nb; i++)
    {
      uint64_t le = cc_hist_count_le (&tot->wait, (i + 1) * w);
      if (le - prev > big)
        big = le - prev;
      prev = le;
    }
  if (over > big)
    big = over;
  y_axis (b, &fr, (double) big, true, false, "answered interactions");
  double bw = fr.w / (double) nbars;
  cc_buf_adds (b, "<g class=\"bins\">\n");
  prev = 0;
  for (size_t i = 0; i < nbars; i++)
    {
      bool last = i == nb;
      uint64_t lo = i == 0 ? 0 : i * w + 1, hi = (i + 1) * w;
      uint64_t c = last ? over : cc_hist_count_le (&tot->wait, hi) - prev;
      if (!last)
        prev += c;
      t.n = v.n = 0;
      if (last)
        cc_buf_printf (&t, "over %llu s", (unsigned long long) (nb * w));
      else
        cc_buf_printf (&t, "%llu\xe2\x80\x93%llu s", (unsigned long long) lo,
                       (unsigned long long) hi);
      cc_buf_printf (&t, ": %llu answered (", (unsigned long long) c);
      fixed (&t, (int64_t) c * 100, (int64_t) n, 2);
      cc_buf_adds (&t, " %)");
      cc_buf_printf (&v, "%llu", (unsigned long long) c);
      double y = fy (&fr, (double) c);
      cc_buf_printf (b, "<rect class=\"bar %s\"", last || hi > T ? "beyond" : "within");
      attr_c (b, "x", fr.l + (double) i * bw + 0.5);
      attr_c (b, "y", y);
      attr_c (b, "width", bw - 1 > 0.5 ? bw - 1 : 0.5);
      attr_c (b, "height", fr.t + fr.h - y);
      if (last)
        cc_buf_printf (b, " data-lo=\"%llu\"", (unsigned long long) (nb * w + 1));
      else
        cc_buf_printf (b, " data-lo=\"%llu\" data-hi=\"%llu\"", (unsigned long long) lo,
                       (unsigned long long) hi);
      cc_buf_printf (b, " data-value=\"%s\"><title>%s</title></rect>", cc_buf_cstr (&v),
                     cc_buf_cstr (&t));
      if (!last && T >= lo && T < hi && c)
        {
          /* The threshold falls inside this bin: its waits within the
             threshold are drawn over the bar's foot.  */
          uint64_t in = cc_hist_count_le (&tot->wait, T)
                        - (i == 0 ? 0 : cc_hist_count_le (&tot->wait, i * w));
          double yi = fy (&fr, (double) in);
          cc_buf_adds (b, "<rect class=\"part within\"");
          attr_c (b, "x", fr.l + (double) i * bw + 0.5);
          attr_c (b, "y", yi);
          attr_c (b, "width", bw - 1 > 0.5 ? bw - 1 : 0.5);
          attr_c (b, "height", fr.t + fr.h - yi);
          cc_buf_printf (b, " data-value=\"%llu\"><title>%llu\xe2\x80\x93%llu s: %llu answered "
                            "(within the threshold)</title></rect>",
                         (unsigned long long) in, (unsigned long long) lo, (unsigned long long) T,
                         (unsigned long long) in);
        }
      if (c && bw >= 14)
        {
          cc_buf_adds (b, "<text class=\"value\" text-anchor=\"middle\"");
          attr_c (b, "x", fr.l + ((double) i + 0.5) * bw);
          attr_c (b, "y", y - 4);
          cc_buf_printf (b, ">%llu</text>", (unsigned long long) c);
        }
      cc_buf_addc (b, '\n');
    }
  cc_buf_adds (b, "</g>\n<g class=\"axis x\">");
  /* Edge labels, about 50 units apart.  */
  uint64_t k = (uint64_t) (50.0 / bw) + 1;
  for (uint64_t i = 0; i <= nb; i += k)
    {
      double x = fr.l + (double) i * bw;
      svg_line (b, x, x, fr.t + fr.h, fr.t + fr.h + 4);
      cc_buf_adds (b, "<text text-anchor=\"middle\"");
      attr_c (b, "x", x);
      attr_c (b, "y", fr.t + fr.h + 18);
      cc_buf_printf (b, ">%llu</text>", (unsigned long long) (i * w));
    }
  if (over)
    {
      cc_buf_adds (b, "<text text-anchor=\"middle\"");
      attr_c (b, "x", fr.l + ((double) nb + 0.5) * bw);
      attr_c (b, "y", fr.t + fr.h + 33);
      cc_buf_printf (b, ">&gt; %llu</text>", (unsigned long long) (nb * w));
    }
  cc_buf_adds (b, "</g>\n");
  if (T <= nb * w)
    {
      double x = fr.l + (double) T / (double) w * bw;
      cc_buf_adds (b, "<g class=\"threshold\">");
      svg_line (b, x, x, fr.t, fr.t + fr.h);
      /* The label right of the line, or left of it in the right third of
         the plot, so that it is never cut at the edge.  */
      bool left = x > fr.l + fr.w * 2 / 3;
      cc_buf_adds (b, left ? "<text text-anchor=\"end\"" : "<text");
      attr_c (b, "x", left ? x - 4 : x + 4);
      attr_c (b, "y", fr.t + 12);
      cc_buf_printf (b, ">threshold %llu s</text></g>\n", (unsigned long long) T);
    }
  x_title (b, &fr, vh, "wait before answer (seconds)");
  svg_close (b);
  cc_buf_adds (b, "</section>\n");
  cc_buf_free (&t);
  cc_buf_free (&v);
}

/* One agent of the chart and the table.  */
typedef struct agent_row
{
  const char *name; /* name bytes (in a group key or an agent group) */
  size_t len;       /* their length */
  acc a;            /* figures of the records the agent answered */
} agent_row;

/* Order agents by handled interactions, most first, then by name.  */
static int
agent_cmp (const void *x, const void *y)
{
  const agent_row *a = x, *b = y;
  if (a->a.answered != b->a.answered)
    return a->a.answered > b->a.answered ? -1 : 1;
  int c = memcmp (a->name, b->name, a->len < b->len ? a->len : b->len);
  if (c)
    return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* The agents of F into *OUT (sorted; the caller frees the array and the
   histograms): from F->agents, or from the main groups when --by names the
   agent column and there is no agent fold (a merge).  *HAVE is false when
   neither is there.  Returns how many.  */
static size_t
agents_build (const report *r, const fold *f, agent_row **out, bool *have)
{
  *out = NULL;
  *have = true;
  if (!f)
    return 0;
  size_t n = 0;
  agent_row *v = NULL;
  if (f->agents)
    {
      v = cc_xcalloc (f->agents->ng + 1, sizeof *v);
      for (size_t i = 0; i < f->agents->ng; i++)
        {
          const group *g = f->agents->g[i];
          v[n].name = g->key;
          v[n].len = g->keylen;
          acc_merge (&v[n].a, &g->a);
          n++;
        }
    }
  else
    {
      size_t col = r->nby;
      for (size_t i = 0; i < r->nby; i++)
        if (strcmp (r->by[i], "agent") == 0)
          col = i;
      if (col == r->nby)
        {
          *have = !f->ng;
          return 0;
        }
      v = cc_xcalloc (f->ng + 1, sizeof *v);
      for (size_t i = 0; i < f->ng; i++)
        {
          const char *p;
          uint32_t len;
          if (!report_key_part (f->g[i]->key, col, &p, &len) || len == 0
              || f->g[i]->a.answered == 0)
            continue;
          size_t j;
          for (j = 0; j < n; j++)
            if (v[j].len == len && memcmp (v[j].name, p, len) == 0)
              break;
          if (j == n)
            {
              v[n].name = p;
              v[n].len = len;
              n++;
            }
          /* Only the answered records count for an agent: the unanswered
             ones of the group are left out.  */
          acc a = f->g[i]->a;
          acc only = { 0 };
          only.offered = a.answered;
          only.answered = a.answered;
          only.wait_sum = a.wait_sum;
          only.handled = a.handled;
          only.handle_sum = a.handle_sum;
          only.wait = a.wait;
          acc_merge (&v[j].a, &only);
        }
    }
  if (n)
    qsort (v, n, sizeof *v, agent_cmp);
  *out = v;
  return n;
}

/* Append at most LABEL_MAX characters of P[0..N), escaped, with an ellipsis
   when cut.  */
static void
short_label (cc_buf *b, const char *p, size_t n)
{
  size_t chars = 0, i = 0;
  while (i < n && chars < LABEL_MAX)
    {
      i++;
      while (i < n && ((unsigned char) p[i] & 0xC0) == 0x80)
        i++;
      chars++;
    }
  esc (b, p, i);
  if (i < n)
    cc_buf_adds (b, "\xe2\x80\xa6");
}

/* Handled interactions per agent: horizontal bars, most first.  HAVE is
   false when the figures hold no agents at all (merged partials without
   --by agent).  */
static void
chart_agents (cc_buf *b, const agent_row *ag, size_t n, bool have)
{
  cc_buf_adds (b, "<section id=\"agents\"><h2>Handled interactions per agent</h2>\n");
  if (n == 0)
    {
      cc_buf_adds (b, have ? "<p class=\"empty\">No answered interaction names an agent.</p>\n"
                           : "<p class=\"empty\">The partials hold no per-agent figures "
                             "(write them with --by agent to have this chart).</p>\n");
      cc_buf_adds (b, "</section>\n");
      return;
    }
  size_t shown = n < MAX_AGENTS ? n : MAX_AGENTS;
  cc_buf_printf (b, "<p class=\"note\">Answered interactions per agent, most first");
  if (shown < n)
    cc_buf_printf (b, "; the %zu agents with the most are shown (all %zu are in the table "
                      "below)",
                   shown, n);
  cc_buf_adds (b, ".</p>\n");
  const double lab = 200, row = 24;
  int vh = (int) (PLOT_T + row * (double) shown + 44);
  svg_open (b, "chart-agents", vh, "handled interactions per agent");
  frame fr = { lab, PLOT_T, VW - lab - 56, row * (double) shown, 0 };
  uint64_t mx = ag[0].a.answered;
  step s = nice_step ((double) mx, 5, true);
  int64_t k = 1;
  while ((double) (k * s.num) < (double) mx && k < 1000)
    k++;
  fr.ymax = (double) (k * s.num);
  cc_buf_adds (b, "<g class=\"grid\">");
  for (int64_t i = 0; i <= k; i++)
    {
      double x = fr.l + (double) (i * s.num) / fr.ymax * fr.w;
      svg_line (b, x, x, fr.t, fr.t + fr.h);
    }
  cc_buf_adds (b, "</g>\n<g class=\"axis x\">");
  for (int64_t i = 0; i <= k; i++)
    {
      double x = fr.l + (double) (i * s.num) / fr.ymax * fr.w;
      cc_buf_adds (b, "<text text-anchor=\"middle\"");
      attr_c (b, "x", x);
      attr_c (b, "y", fr.t + fr.h + 16);
      cc_buf_printf (b, ">%lld</text>", (long long) (i * s.num));
    }
  svg_line (b, fr.l, fr.l, fr.t, fr.t + fr.h);
  cc_buf_adds (b, "</g>\n<g class=\"agents\">\n");
  cc_buf t = { 0 };
  for (size_t i = 0; i < shown; i++)
    {
      const agent_row *a = &ag[i];
      double y = fr.t + (double) i * row, w = (double) a->a.answered / fr.ymax * fr.w;
      t.n = 0;
      esc (&t, a->name, a->len);
      cc_buf_adds (b, "<g class=\"agent\"><text class=\"name\" text-anchor=\"end\"");
      attr_c (b, "x", fr.l - 8);
      attr_c (b, "y", y + row / 2 + 4);
      cc_buf_adds (b, ">");
      short_label (b, a->name, a->len);
      cc_buf_adds (b, "</text><rect class=\"bar handled\"");
      attr_c (b, "x", fr.l);
      attr_c (b, "y", y + 4);
      attr_c (b, "width", w);
      attr_c (b, "height", row - 8);
      cc_buf_printf (b, " data-agent=\"%s\" data-value=\"%llu\"><title>%s: %llu handled</title>"
                        "</rect><text class=\"value\"",
                     cc_buf_cstr (&t), (unsigned long long) a->a.answered, cc_buf_cstr (&t),
                     (unsigned long long) a->a.answered);
      attr_c (b, "x", fr.l + w + 6);
      attr_c (b, "y", y + row / 2 + 4);
      cc_buf_printf (b, ">%llu</text></g>\n", (unsigned long long) a->a.answered);
    }
  cc_buf_adds (b, "</g>\n");
  x_title (b, &fr, vh, "handled (answered) interactions");
  svg_close (b);
  cc_buf_free (&t);
  cc_buf_adds (b, "</section>\n");
}

/* ---- the tables ---- */

/* The report table: the columns and cells of the CSV report, made by the
   same functions (rows.h).  */
static void
table_report (cc_buf *b, const report *r, fold *f)
{
  cc_buf_adds (b, "<section id=\"report\"><h2>Report</h2>\n<p class=\"note\">The figures of the "
                  "table report (the same cells as <code>--output-format csv</code>; an empty "
                  "cell is null).</p>\n<div class=\"scroll\"><table id=\"report-table\">\n"
                  "<thead><tr>");
  cc_buf names = { 0 };
  const char **cols;
  size_t ncol = report_columns (r, &names, &cols);
  size_t keys = r->nby + (r->interval ? 1 : 0);
  for (size_t i = 0; i < ncol; i++)
    {
      cc_buf_adds (b, i < keys ? "<th>" : "<th class=\"num\">");
      esc_s (b, cols[i]);
      cc_buf_adds (b, "</th>");
    }
  cc_buf_free (&names);
  free (cols);
  cc_buf_adds (b, "</tr></thead>\n<tbody>\n");
  report_rows (r, f, report_figures, html_row, b);
  cc_buf_adds (b, "</tbody></table></div>\n</section>\n");
}

/* The agents table: handled, ASA and AHT per agent.  */
static void
table_agents (cc_buf *b, const agent_row *ag, size_t n)
{
  if (n == 0)
    return;
  cc_buf_adds (b, "<section id=\"agent-table\"><h2>Agents</h2>\n<p class=\"note\">handled = "
                  "answered interactions that name the agent; asa = their mean wait; aht = their "
                  "mean handle time, in seconds.</p>\n<div class=\"scroll\"><table "
                  "id=\"agents-table\">\n<thead><tr><th>agent</th><th class=\"num\">handled</th>"
                  "<th class=\"num\">asa</th><th class=\"num\">aht</th></tr></thead>\n<tbody>\n");
  rowb rb = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      int64_t num, den;
      rowb_cell (&rb, CC_STR, ag[i].name, ag[i].len);
      rowb_u (&rb, ag[i].a.answered);
      report_asa (&ag[i].a, &num, &den);
      rowb_ratio (&rb, num, den);
      report_aht (&ag[i].a, &num, &den);
      rowb_ratio (&rb, num, den);
      html_row (b, &rb, false);
      rowb_clear (&rb);
    }
  rowb_free (&rb);
  cc_buf_adds (b, "</tbody></table></div>\n</section>\n");
}

/* The diagnostics of a converted log: counts by kind, then the listed
   entries.  */
static void
table_diag (cc_buf *b, const cc_srcdiag *d)
{
  cc_buf_adds (b, "<section id=\"diagnostics\"><h2>Diagnostics</h2>\n<p class=\"note\">What the "
                  "converted log holds that does not fit the figures: counted, listed and left "
                  "out of them.</p>\n<table id=\"diag-kinds\">\n<thead><tr><th>kind</th>"
                  "<th class=\"num\">count</th></tr></thead>\n<tbody>\n");
  rowb rb = { 0 };
  for (size_t k = 0; k < d->nkinds; k++)
    {
      rowb_cell (&rb, CC_STR, d->kinds[k], strlen (d->kinds[k]));
      rowb_u (&rb, d->counts[k]);
      html_row (b, &rb, false);
      rowb_clear (&rb);
    }
  rowb_free (&rb);
  cc_buf_adds (b, "</tbody></table>\n");
  if (d->nlist)
    {
      cc_buf_adds (b, "<div class=\"scroll\"><table id=\"diag-list\">\n<thead><tr><th>where</th>"
                      "<th>kind</th><th>message</th></tr></thead>\n<tbody>\n");
      for (size_t i = 0; i < d->nlist; i++)
        {
          const cc_srcdiag_entry *e = &d->list[i];
          cc_buf_adds (b, "<tr><td>");
          esc_s (b, e->file);
          if (e->line)
            cc_buf_printf (b, ":%llu", (unsigned long long) e->line);
          cc_buf_adds (b, "</td><td>");
          esc_s (b, d->kinds[e->kind]);
          cc_buf_adds (b, "</td><td class=\"msg\">");
          esc_s (b, e->message);
          cc_buf_adds (b, "</td></tr>\n");
        }
      cc_buf_adds (b, "</tbody></table></div>\n");
    }
  if (d->unlisted)
    cc_buf_printf (b, "<p class=\"note\" id=\"diag-unlisted\">&#8230; and %llu more (not "
                      "listed).</p>\n",
                   (unsigned long long) d->unlisted);
  cc_buf_adds (b, "</section>\n");
}

/* ---- the page ---- */

static const char style[] =
  ":root{color-scheme:light}\n"
  "*{box-sizing:border-box}\n"
  "body{margin:0;background:#f3f5f8;color:#1f2933;font:15px/1.45 system-ui,-apple-system,"
  "\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
  "main{max-width:1120px;margin:0 auto;padding:24px 16px 40px}\n"
  "header h1{font-size:1.7rem;margin:0 0 2px}\n"
  "header .sub{color:#52606d;margin:0 0 10px}\n"
  "nav{font-size:.9rem;margin:0 0 8px}nav a{color:#0b5c99;margin-right:14px}\n"
  "section{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:16px 20px;"
  "margin:16px 0;box-shadow:0 1px 2px rgba(15,30,50,.05)}\n"
  "h2{font-size:1.15rem;margin:0 0 4px}\n"
  ".note{color:#52606d;font-size:.88rem;margin:2px 0 8px}\n"
  ".empty{color:#52606d;font-size:1rem;padding:12px 0}\n"
  "#definitions{font-size:.8rem;color:#616e7c}\n"
  ".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;"
  "margin:12px 0}\n"
  ".kpi{background:#fff;border:1px solid #dde3ea;border-left:5px solid #7b8794;"
  "border-radius:8px;padding:10px 14px}\n"
  ".kpi .v{display:block;font-size:1.4rem;font-weight:650;font-variant-numeric:tabular-nums;"
  "white-space:nowrap}\n"
  ".kpi .k{display:block;color:#52606d;font-size:.82rem}\n"
  ".kpi.offered{border-left-color:#8fb8de}.kpi.answered{border-left-color:#1f6fb2}"
  ".kpi.abandoned{border-left-color:#d55e00}.kpi.met{border-left-color:#009e73}"
  ".kpi.missed{border-left-color:#d55e00}.kpi.asa{border-left-color:#e69f00}\n"
  ".legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;"
  "margin:4px 0 6px;font-size:.86rem;color:#3e4c59}\n"
  ".legend li{display:flex;align-items:center}\n"
  ".legend .sw{width:13px;height:13px;border-radius:3px;margin-right:6px}\n"
  ".legend .ln{width:22px;height:0;border-top:3px solid;margin-right:6px}\n"
  ".legend .dot{width:10px;height:10px;border-radius:50%;margin-right:6px}\n"
  ".sw.offered{background:#8fb8de}.sw.answered{background:#1f6fb2}"
  ".sw.abandoned{background:#d55e00}.sw.asa{background:#e69f00}"
  ".sw.within{background:#009e73}.sw.beyond{background:#e69f00}"
  ".ln.sl{border-color:#1f6fb2}.ln.target{border-top:3px dashed #3e4c59}"
  ".ln.threshold{border-top:3px dashed #7b2cbf}"
  ".dot.met{background:#009e73}.dot.missed{background:#d55e00}\n"
  ".chartbox{overflow-x:auto}\n"
  "svg.chart{display:block;width:100%;height:auto;min-width:640px}\n"
  "svg.chart text{font-size:12px;fill:#3e4c59}\n"
  "svg.chart .axis-title{font-size:13px;fill:#1f2933}\n"
  "svg.chart text.date{fill:#7b8794;font-size:11px}\n"
  ".grid line{stroke:#e4e7eb;stroke-width:1}\n"
  ".axis line{stroke:#9aa5b1;stroke-width:1}\n"
  "rect.offered{fill:#8fb8de}rect.answered{fill:#1f6fb2}rect.abandoned{fill:#d55e00}"
  "rect.asa{fill:#e69f00}rect.within{fill:#009e73}rect.beyond{fill:#e69f00}"
  "rect.handled{fill:#1f6fb2}\n"
  "rect.bar:hover{opacity:.8}\n"
  ".sl-line{fill:none;stroke:#1f6fb2;stroke-width:2.5;stroke-linejoin:round}\n"
  "circle.met{fill:#009e73;stroke:#fff;stroke-width:1}"
  "circle.missed{fill:#d55e00;stroke:#fff;stroke-width:1}\n"
  ".target line{stroke:#3e4c59;stroke-width:1.5;stroke-dasharray:6 4}"
  ".target text{fill:#3e4c59;font-weight:600}\n"
  ".target text,.threshold text,text.value{paint-order:stroke;stroke:#fff;stroke-width:3px;"
  "stroke-linejoin:round}\n"
  ".threshold line{stroke:#7b2cbf;stroke-width:1.5;stroke-dasharray:6 4}"
  ".threshold text{fill:#7b2cbf;font-weight:600}\n"
  "svg.chart text.value{fill:#1f2933;font-weight:600}\n"
  ".scroll{overflow-x:auto}\n"
  "table{border-collapse:collapse;font-size:.85rem;font-variant-numeric:tabular-nums}\n"
  "th,td{padding:5px 9px;border-bottom:1px solid #e4e7eb;text-align:left;white-space:nowrap}\n"
  "th{background:#f3f5f8;font-weight:600}\n"
  "td.num,th.num{text-align:right}\n"
  "td.msg{white-space:normal}\n"
  "#diag-kinds{margin-bottom:14px}\n"
  "tbody tr:nth-child(even){background:#fafbfc}\n"
  "tr.total td{font-weight:650;border-top:2px solid #9aa5b1}\n"
  "footer{color:#7b8794;font-size:.8rem;text-align:center}\n"
  "@media (max-width:640px){main{padding:12px 8px}section{padding:12px}"
  "header h1{font-size:1.35rem}svg.chart text,svg.chart .axis-title{font-size:14px}"
  "svg.chart text.date{font-size:13px}}\n"
  "@media print{body{background:#fff}section{box-shadow:none;break-inside:avoid}}\n";

/* A headline card: value V (escaped text), its caption K, the class CLS.  */
static void
card (cc_buf *b, const char *id, const char *cls, const char *v, const char *k)
{
  cc_buf_printf (b, "<div class=\"kpi %s\" id=\"kpi-%s\"><span class=\"v\">%s</span>"
                    "<span class=\"k\">",
                 cls, id, v);
  esc_s (b, k);
  cc_buf_adds (b, "</span></div>\n");
}

/* Set V to the figure NUM/DEN with two decimals and the unit UNIT, or to a
   dash when HAVE is false (the figure is null).  */
static void
card_value (cc_buf *v, bool have, int64_t num, int64_t den, const char *unit)
{
  v->n = 0;
  if (!have)
    {
      cc_buf_adds (v, "\xe2\x80\x93");
      return;
    }
  fixed (v, num, den, 2);
  cc_buf_adds (v, unit);
}

/* The headline cards of TOT.  */
static void
cards (cc_buf *b, const report *r, const acc *tot)
{
  cc_buf v = { 0 }, k = { 0 };
  int64_t num, den;
  cc_buf_adds (b, "<div class=\"kpis\" id=\"kpis\">\n");
  cc_buf_printf (&v, "%llu", (unsigned long long) tot->offered);
  card (b, "offered", "offered", cc_buf_cstr (&v), "offered");
  v.n = 0;
  cc_buf_printf (&v, "%llu", (unsigned long long) tot->answered);
  card (b, "answered", "answered", cc_buf_cstr (&v), "answered");
  v.n = 0;
  cc_buf_printf (&v, "%llu", (unsigned long long) tot->abandoned);
  if (tot->offered)
    {
      cc_buf_adds (&k, "abandoned (");
      fixed (&k, (int64_t) tot->abandoned * 100, (int64_t) tot->offered, 2);
      cc_buf_adds (&k, " % of offered)");
    }
  else
    cc_buf_adds (&k, "abandoned");
  card (b, "abandoned", "abandoned", cc_buf_cstr (&v), cc_buf_cstr (&k));
  v.n = k.n = 0;
  bool have = report_sl (r, tot, &num, &den);
  card_value (&v, have, num, den, " %");
  cc_buf_printf (&k, "service level (within %lld s; target %d %%)", (long long) r->sl_secs,
                 SL_TARGET);
  card (b, "sl", !have ? "" : num >= (int64_t) SL_TARGET * den ? "met" : "missed",
        cc_buf_cstr (&v), cc_buf_cstr (&k));
  have = report_asa (tot, &num, &den);
  card_value (&v, have, num, den, " s");
  card (b, "asa", "asa", cc_buf_cstr (&v), "average speed of answer");
  v.n = 0;
  if (tot->answered)
    cc_buf_printf (&v, "%llu s", (unsigned long long) cc_hist_percentile (&tot->wait, 90));
  else
    cc_buf_adds (&v, "\xe2\x80\x93");
  card (b, "wait-p90", "", cc_buf_cstr (&v), "90 % answered within");
  have = report_aht (tot, &num, &den);
  card_value (&v, have, num, den, " s");
  card (b, "aht", "", cc_buf_cstr (&v), "average handle time");
  cc_buf_adds (b, "</div>\n");
  cc_buf_free (&v);
  cc_buf_free (&k);
}

void
report_render_html (const report *r, fold *f, FILE *out)
{
  cc_buf b = { 0 }, t = { 0 };
  acc tot = { 0 };
  if (f)
    for (size_t i = 0; i < f->ng; i++)
      acc_merge (&tot, &f->g[i]->a);
  series se;
  bool have_series = series_build (r, f, &se);
  agent_row *ag;
  bool have_agents;
  size_t nag = agents_build (r, f, &ag, &have_agents);

  cc_buf_adds (&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"ccreport " PACKAGE_VERSION "\">\n"
                   "<title>Contact-center report");
  if (have_series)
    {
      cc_buf_adds (&b, ", ");
      instant (&b, se.s[0].start);
    }
  cc_buf_printf (&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n"
                     "<h1>Contact-center report</h1>\n<p class=\"sub\">",
                 style);
  cc_buf_printf (&b, "%s interactions",
                 r->dir == DIR_INBOUND ? "Inbound" : r->dir == DIR_OUTBOUND ? "Outbound" : "All");
  if (r->nby)
    {
      cc_buf_adds (&b, " by ");
      for (size_t i = 0; i < r->nby; i++)
        {
          if (i)
            cc_buf_adds (&b, ", ");
          esc_s (&b, r->by[i]);
        }
    }
  if (have_series)
    {
      cc_buf_adds (&b, ", arrived from ");
      instant (&b, se.s[0].start);
      cc_buf_adds (&b, " to ");
      instant (&b, next_start (se.s[se.n - 1].start, se.width));
    }
  cc_buf_printf (&b, " (times in %s).</p>\n", report_zone ());
  if (tot.offered)
    {
      cc_buf_adds (&b, "<nav>");
      if (have_series)
        cc_buf_adds (&b, "<a href=\"#volume\">Volume</a><a href=\"#service-level\">Service "
                         "level</a><a href=\"#asa\">ASA</a>");
      cc_buf_adds (&b, "<a href=\"#waits\">Waits</a><a href=\"#agents\">Agents</a>"
                       "<a href=\"#report\">Table</a>");
      if (r->diag && r->diag->nkinds)
        cc_buf_adds (&b, "<a href=\"#diagnostics\">Diagnostics</a>");
      cc_buf_adds (&b, "</nav>\n");
    }
  report_definitions (r, &t);
  cc_buf_adds (&b, "<p id=\"definitions\">");
  esc (&b, t.p, t.n);
  cc_buf_adds (&b, "</p>\n</header>\n");

  if (tot.offered == 0)
    cc_buf_adds (&b, "<section id=\"no-records\"><h2>No records</h2>\n<p class=\"empty\">No "
                     "interaction matched: there is nothing to chart.</p>\n</section>\n");
  else
    {
      cards (&b, r, &tot);
      if (have_series)
        {
          chart_volume (&b, &se);
          chart_sl (&b, r, &se);
          chart_asa (&b, r, &se);
        }
      else
        cc_buf_adds (&b, "<section id=\"volume\"><h2>Intervals</h2>\n<p class=\"empty\">The "
                         "records have no arrival times (or, merged, no --interval): there "
                         "are no interval charts.</p>\n</section>\n");
      chart_waits (&b, r, &tot);
      chart_agents (&b, ag, nag, have_agents);
    }
  table_report (&b, r, f);
  if (tot.offered)
    table_agents (&b, ag, nag);
  if (r->diag && r->diag->nkinds)
    table_diag (&b, r->diag);
  cc_buf_adds (&b, "<footer>Written by ccreport " PACKAGE_VERSION
                   ": a self-contained page, with no script and nothing fetched.</footer>\n"
                   "</main>\n</body>\n</html>\n");

  cc_fwrite_checked (b.p, b.n, out);
  if (fflush (out) != 0)
    cc_die_write (errno);
  cc_buf_free (&b);
  cc_buf_free (&t);
  acc_free (&tot);
  if (have_series)
    series_free (&se);
  for (size_t i = 0; i < nag; i++)
    acc_free (&ag[i].a);
  free (ag);
}
