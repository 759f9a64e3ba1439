/* cc_out: CSV, JSON Lines, aligned-table and markdown writers.

   CSV and JSON Lines are streamed: each line is built in one reused buffer and
   written with a single checked fwrite, with no allocation or printf per field.
   TABLE and MARKDOWN copy every cell (already escaped for display) into one text
   arena and lay the table out in cc_out_finish().  */
#include <config.h>

#include "cc_out.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_utf8.h"

/* One buffered cell of a TABLE or MARKDOWN writer.  */
struct cell
{
  size_t off;   /* offset of its display text in the writer's arena */
  size_t n;     /* length of the display text in bytes */
  uint8_t kind; /* enum cc_kind of the original value */
};

struct cc_out
{
  FILE *f;            /* output stream */
  cc_format fmt;      /* CC_FMT_CSV, _JSONL, _TABLE or _MARKDOWN */
  cc_buf line;        /* the line being built (streamed formats) */
  bool have_cols;     /* cc_out_columns (or a first record) set the columns */
  size_t ncols;       /* number of columns */
  cc_str *cols;       /* column names, pointing into colmem */
  char *colmem;       /* copies of the column names */
  cc_buf jkeys;       /* JSONL: each column name escaped, then ':' */
  size_t *jkey;       /* JSONL: ncols + 1 offsets into jkeys */
  cc_buf arena;       /* TABLE/MARKDOWN: display text of cells and comments */
  struct cell *cells; /* TABLE/MARKDOWN: all cells, row after row */
  size_t ncells;      /* cells used */
  size_t capcells;    /* cells allocated */
  size_t *rows;       /* TABLE/MARKDOWN: index of each row's first cell (ncols each) */
  size_t nrows;       /* rows buffered */
  size_t caprows;     /* entries allocated in rows */
  struct cell *notes; /* TABLE/MARKDOWN: comments, in arena (kind unused) */
  size_t nnotes;      /* comments buffered */
  size_t capnotes;    /* comments allocated */
};

/* Return array P of *CAP elements of SIZE bytes grown to hold at least NEED
   elements (doubling), updating *CAP.  */
static void *
grow (void *p, size_t *cap, size_t need, size_t size)
{
  if (need <= *cap)
    return p;
  size_t c = *cap ? *cap : 16;
  while (c < need)
    {
      if (c > SIZE_MAX / 2 / size)
        cc_die (CC_EXIT_FAIL, "memory exhausted");
      c *= 2;
    }
  *cap = c;
  return cc_xrealloc (p, c * size);
}

cc_out *
cc_out_new (FILE *f, cc_format fmt)
{
  if (fmt != CC_FMT_CSV && fmt != CC_FMT_JSONL && fmt != CC_FMT_TABLE
      && fmt != CC_FMT_MARKDOWN)
    cc_die (CC_EXIT_FAIL, "internal error: no writer for output format %d",
            (int) fmt);
  cc_out *o = cc_xcalloc (1, sizeof *o);
  o->f = f;
  o->fmt = fmt;
  return o;
}

/* Write the line buffer to the stream and empty it.  */
static void
emit (cc_out *o)
{
  cc_fwrite_checked (o->line.p, o->line.n, o->f);
  o->line.n = 0;
}

/* ---- CSV ---- */

/* Bytes that force quoting anywhere in a CSV field.  */
static const unsigned char csv_special[256] = {
  ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

/* Append one CSV field.  It is quoted when it holds a comma, quote, CR or LF,
   starts or ends with a space or tab, or is an empty string of kind CC_STR (so
   that "" and null stay distinct); quotes inside are doubled.  */
static void
csv_field (cc_buf *b, const char *p, size_t n, int kind)
{
  const unsigned char *s = (const unsigned char *) p;
  bool quote;
  if (n == 0)
    quote = kind == CC_STR;
  else
    {
      quote = s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t';
      size_t i = 0;
      /* Eight bytes at a time: a byte of W equal to one of , " LF CR makes
         the matching XOR zero, which HAS_ZERO finds.  */
#define HAS_ZERO(x) (((x) - UINT64_C (0x0101010101010101)) & ~(x) & UINT64_C (0x8080808080808080))
      for (; !quote && i + 8 <= n; i += 8)
        {
          uint64_t w;
          memcpy (&w, s + i, 8);
          quote = (HAS_ZERO (w ^ UINT64_C (0x2c2c2c2c2c2c2c2c))
                   | HAS_ZERO (w ^ UINT64_C (0x2222222222222222))
                   | HAS_ZERO (w ^ UINT64_C (0x0a0a0a0a0a0a0a0a))
                   | HAS_ZERO (w ^ UINT64_C (0x0d0d0d0d0d0d0d0d)))
                  != 0;
        }
#undef HAS_ZERO
      for (; !quote && i < n; i++)
        quote = csv_special[s[i]];
    }
  if (!quote)
    {
      cc_buf_add (b, p, n);
      return;
    }
  cc_buf_reserve (b, n + 2);
  b->p[b->n++] = '"';
  size_t start = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '"')
      {
        cc_buf_add (b, p + start, i + 1 - start);  /* up to and with the quote */
        cc_buf_addc (b, '"');
        start = i + 1;
      }
  cc_buf_add (b, p + start, n - start);
  cc_buf_addc (b, '"');
}

/* ---- JSON ---- */

/* Append the JSON escape of the byte C (a quote, a backslash or a control
   character): the short forms where RFC 8259 has one, else \u00XX.  */
static void
json_escape_byte (cc_buf *b, unsigned char c)
{
  static const char hex[] = "0123456789abcdef";
  char e[6] = { '\\', 0, 0, 0, 0, 0 };
  size_t k = 2;
  switch (c)
    {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    default:
      e[1] = 'u';
      e[2] = '0';
      e[3] = '0';
      e[4] = hex[c >> 4];
      e[5] = hex[c & 15];
      k = 6;
      break;
    }
  cc_buf_add (b, e, k);
}

/* Copy runs of bytes that need no escape in one piece; escape the rest.  Bytes
   of 0x80 and above are valid UTF-8 already and pass through raw.  */
void
cc_json_escape (cc_buf *b, const char *p, size_t n)
{
  const unsigned char *s = (const unsigned char *) p;
  size_t i = 0;
  cc_buf_reserve (b, n + 2);
  b->p[b->n++] = '"';
  while (i < n)
    {
      size_t j = i;
      while (j < n && s[j] >= 0x20 && s[j] != '"' && s[j] != '\\')
        j++;
      cc_buf_add (b, p + i, j - i);
      if (j == n)
        break;
      json_escape_byte (b, s[j]);
      i = j + 1;
    }
  cc_buf_addc (b, '"');
}

/* Append one value as JSON: numbers and booleans bare (an empty one as null),
   strings escaped, null as null.  */
static void
json_value (cc_buf *b, const cc_val *v)
{
  switch (v->kind)
    {
    case CC_NULL:
      cc_buf_add (b, "null", 4);
      break;
    case CC_NUM:
    case CC_BOOL:
      if (v->n)
        cc_buf_add (b, v->p, v->n);
      else
        cc_buf_add (b, "null", 4);
      break;
    default:
      cc_json_escape (b, v->p, v->n);
      break;
    }
}

/* Write one JSON object line with keys NAMES (escaped here) and values VALS.  */
static void
json_object (cc_out *o, const cc_str *names, const cc_val *vals, size_t n)
{
  cc_buf *b = &o->line;
  cc_buf_addc (b, '{');
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        cc_buf_addc (b, ',');
      cc_json_escape (b, names[i].p, names[i].n);
      cc_buf_addc (b, ':');
      json_value (b, &vals[i]);
    }
  cc_buf_add (b, "}\n", 2);
  emit (o);
}

/* ---- columns ---- */

/* Copy the column names into one block, and for JSONL pre-escape each as
   '"name":' so rows only copy the keys.  For CSV the first call writes the
   header line.  */
void
cc_out_columns (cc_out *o, const cc_str *names, size_t n)
{
  if (o->nrows && n != o->ncols)
    cc_die (CC_EXIT_FAIL, "internal error: %zu columns after rows of %zu",
            n, o->ncols);
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += names[i].n;
  char *mem = cc_xmalloc (total);
  cc_str *cols = cc_xcalloc (n, sizeof *cols);
  size_t at = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (names[i].n)
        memcpy (mem + at, names[i].p, names[i].n);
      cols[i].p = mem + at;
      cols[i].n = names[i].n;
      at += names[i].n;
    }
  free (o->cols);
  free (o->colmem);
  o->cols = cols;
  o->colmem = mem;
  o->ncols = n;

  if (o->fmt == CC_FMT_JSONL)
    {
      o->jkeys.n = 0;
      o->jkey = cc_xrealloc (o->jkey, (n + 1) * sizeof *o->jkey);
      for (size_t i = 0; i < n; i++)
        {
          o->jkey[i] = o->jkeys.n;
          cc_json_escape (&o->jkeys, cols[i].p, cols[i].n);
          cc_buf_addc (&o->jkeys, ':');
        }
      o->jkey[n] = o->jkeys.n;
    }
  else if (o->fmt == CC_FMT_CSV && !o->have_cols)
    {
      for (size_t i = 0; i < n; i++)
        {
          if (i)
            cc_buf_addc (&o->line, ',');
          csv_field (&o->line, cols[i].p, cols[i].n, CC_STR);
        }
      cc_buf_addc (&o->line, '\n');
      emit (o);
    }
  o->have_cols = true;
}

/* ---- buffered formats ---- */

/* Append the display text of P[0..N) to the arena: for TABLE, newline, tab and
   CR as "\n", "\t", "\r" and other control characters as "\xHH" so that each
   cell stays on one line; for MARKDOWN, '|' as "\|" and each line break (LF,
   CR or CRLF) as "<br>".  */
static void
display (cc_out *o, const char *p, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  cc_buf *b = &o->arena;
  const unsigned char *s = (const unsigned char *) p;
  size_t start = 0;
  cc_buf_reserve (b, n);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = s[i];
      if (o->fmt == CC_FMT_TABLE ? c >= 0x20 && c != 0x7f
                                 : c != '|' && c != '\n' && c != '\r')
        continue;
      cc_buf_add (b, p + start, i - start);
      start = i + 1;
      if (o->fmt == CC_FMT_MARKDOWN)
        {
          if (c == '|')
            cc_buf_add (b, "\\|", 2);
          else
            {
              if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                start = ++i + 1;
              cc_buf_add (b, "<br>", 4);
            }
        }
      else if (c == '\n')
        cc_buf_add (b, "\\n", 2);
      else if (c == '\t')
        cc_buf_add (b, "\\t", 2);
      else if (c == '\r')
        cc_buf_add (b, "\\r", 2);
      else
        {
          char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
          cc_buf_add (b, e, 4);
        }
    }
  cc_buf_add (b, p + start, n - start);
}

/* Buffer one row of exactly NCOLS cells (missing values as null): each value's
   display text goes to the arena.  */
static void
buffer_row (cc_out *o, const cc_val *vals, size_t n)
{
  o->rows = grow (o->rows, &o->caprows, o->nrows + 1, sizeof *o->rows);
  o->cells = grow (o->cells, &o->capcells, o->ncells + o->ncols,
                   sizeof *o->cells);
  o->rows[o->nrows++] = o->ncells;
  for (size_t i = 0; i < o->ncols; i++)
    {
      struct cell *c = &o->cells[o->ncells++];
      c->off = o->arena.n;
      c->kind = i < n ? vals[i].kind : CC_NULL;
      if (c->kind != CC_NULL)
        display (o, vals[i].p, vals[i].n);
      c->n = o->arena.n - c->off;
    }
}

/* ---- rows ---- */

/* Write or buffer one row.  Values beyond the columns are the caller's error;
   missing trailing values are written as null.  */
/* Append the CSV or JSONL line of the row VALS (N <= ncols values) to B.  */
static void
render_row (cc_out *o, cc_buf *b, const cc_val *vals, size_t n)
{
  if (o->fmt == CC_FMT_CSV)
    {
      for (size_t i = 0; i < o->ncols; i++)
        {
          if (i)
            cc_buf_addc (b, ',');
          if (i < n)
            csv_field (b, vals[i].p, vals[i].n, vals[i].kind);
        }
      cc_buf_addc (b, '\n');
      return;
    }
  cc_buf_addc (b, '{');
  for (size_t i = 0; i < o->ncols; i++)
    {
      if (i)
        cc_buf_addc (b, ',');
      cc_buf_add (b, o->jkeys.p + o->jkey[i], o->jkey[i + 1] - o->jkey[i]);
      if (i < n)
        json_value (b, &vals[i]);
      else
        cc_buf_add (b, "null", 4);
    }
  cc_buf_add (b, "}\n", 2);
}

void
cc_out_row (cc_out *o, const cc_val *vals, size_t n)
{
  if (n > o->ncols)
    cc_die (CC_EXIT_FAIL, "internal error: a row of %zu values for %zu columns",
            n, o->ncols);
  switch (o->fmt)
    {
    case CC_FMT_CSV:
    case CC_FMT_JSONL:
      render_row (o, &o->line, vals, n);
      emit (o);
      break;
    default:
      buffer_row (o, vals, n);
      break;
    }
}

void
cc_out_render_row (cc_out *o, cc_buf *dst, const cc_val *vals, size_t n)
{
  if (o->fmt != CC_FMT_CSV && o->fmt != CC_FMT_JSONL)
    cc_die (CC_EXIT_FAIL, "internal error: rows are rendered for CSV and JSON Lines only");
  if (n > o->ncols)
    cc_die (CC_EXIT_FAIL, "internal error: a rendered row of %zu values for %zu columns", n,
            o->ncols);
  render_row (o, dst, vals, n);
}

void
cc_out_raw (cc_out *o, const char *p, size_t n)
{
  cc_fwrite_checked (p, n, o->f);
}

/* JSONL writes the record's own names; the other formats take the names as
   the columns when none were set yet, then write the values as a row.  */
void
cc_out_record (cc_out *o, const cc_str *names, const cc_val *vals, size_t n)
{
  if (o->fmt == CC_FMT_JSONL)
    {
      json_object (o, names, vals, n);
      return;
    }
  if (!o->have_cols)
    cc_out_columns (o, names, n);
  cc_out_row (o, vals, n);
}

/* Comments are buffered for TABLE and MARKDOWN and dropped otherwise.  */
void
cc_out_comment (cc_out *o, const char *text)
{
  if (o->fmt != CC_FMT_TABLE && o->fmt != CC_FMT_MARKDOWN)
    return;
  o->notes = grow (o->notes, &o->capnotes, o->nnotes + 1, sizeof *o->notes);
  struct cell *c = &o->notes[o->nnotes++];
  c->off = o->arena.n;
  c->n = strlen (text);
  c->kind = CC_STR;
  cc_buf_add (&o->arena, text, c->n);
}

void
cc_out_meta (cc_out *o, const cc_str *names, const cc_val *vals, size_t n)
{
  if (o->fmt == CC_FMT_JSONL)
    json_object (o, names, vals, n);
}

/* ---- finishing TABLE and MARKDOWN ---- */

/* Write the comments, each line of each one prefixed: "# " for TABLE; for
   MARKDOWN "> " with a blank line after each comment, so a comment renders as
   a quote rather than as a heading.  No line gets trailing spaces.  */
static void
write_notes (cc_out *o)
{
  bool md = o->fmt == CC_FMT_MARKDOWN;
  for (size_t k = 0; k < o->nnotes; k++)
    {
      const char *p = o->arena.p + o->notes[k].off;
      size_t n = o->notes[k].n;
      size_t start = 0;
      for (;;)
        {
          const char *nl = memchr (p + start, '\n', n - start);
          size_t end = nl ? (size_t) (nl - p) : n;
          size_t len = end - start;
          if (len && p[start + len - 1] == '\r')
            len--;
          cc_buf_addc (&o->line, md ? '>' : '#');
          if (len)
            {
              cc_buf_addc (&o->line, ' ');
              cc_buf_add (&o->line, p + start, len);
            }
          cc_buf_addc (&o->line, '\n');
          if (!nl)
            break;
          start = end + 1;
        }
      if (md)
        cc_buf_addc (&o->line, '\n');
      emit (o);
    }
}

/* A column is numeric when it has at least one CC_NUM cell and all its
   non-null cells are CC_NUM.  Returns a new array of NCOLS flags.  */
static bool *
find_numeric (const cc_out *o)
{
  size_t w = o->ncols;
  bool *numeric = cc_xcalloc (w ? w : 1, sizeof *numeric);
  bool *other = cc_xcalloc (w ? w : 1, sizeof *other);
  for (size_t r = 0; r < o->nrows; r++)
    for (size_t j = 0; j < w; j++)
      {
        uint8_t kind = o->cells[o->rows[r] + j].kind;
        if (kind == CC_NUM)
          numeric[j] = true;
        else if (kind != CC_NULL)
          other[j] = true;
      }
  for (size_t j = 0; j < w; j++)
    numeric[j] = numeric[j] && !other[j];
  free (other);
  return numeric;
}

/* Put the display text of the column names in the arena; returns a new array
   of NCOLS cells of kind CC_STR.  */
static struct cell *
header_cells (cc_out *o)
{
  struct cell *head = cc_xcalloc (o->ncols ? o->ncols : 1, sizeof *head);
  for (size_t j = 0; j < o->ncols; j++)
    {
      head[j].off = o->arena.n;
      head[j].kind = CC_STR;
      display (o, o->cols[j].p, o->cols[j].n);
      head[j].n = o->arena.n - head[j].off;
    }
  return head;
}

/* Append TEXT (N bytes, TW code points) padded with spaces to WIDTH code
   points, on the left when RIGHT (right-aligned) else on the right.  */
static void
pad_cell (cc_buf *b, const char *text, size_t n, size_t tw, size_t width,
          bool right)
{
  if (right)
    for (size_t k = tw; k < width; k++)
      cc_buf_addc (b, ' ');
  cc_buf_add (b, text, n);
  if (!right)
    for (size_t k = tw; k < width; k++)
      cc_buf_addc (b, ' ');
}

/* Append one TABLE line of NCOLS cells, two spaces apart, each padded to its
   column's width, without trailing spaces.  A null cell shows as "-"; a cell is
   right-aligned when it is CC_NUM, or is the header or a null in a numeric
   column.  */
static void
table_line (cc_out *o, const struct cell *cells, bool is_head,
            const size_t *width, const bool *numeric)
{
  cc_buf *b = &o->line;
  for (size_t j = 0; j < o->ncols; j++)
    {
      const struct cell *c = &cells[j];
      if (j)
        cc_buf_add (b, "  ", 2);
      if (c->kind == CC_NULL)
        pad_cell (b, "-", 1, 1, width[j], numeric[j]);
      else
        {
          const char *t = o->arena.p + c->off;
          bool right = is_head ? numeric[j] : c->kind == CC_NUM;
          pad_cell (b, t, c->n, cc_utf8_width (t, c->n), width[j], right);
        }
    }
  while (b->n && b->p[b->n - 1] == ' ')
    b->n--;
  cc_buf_addc (b, '\n');
  emit (o);
}

/* Lay out the TABLE: each column as wide as its widest cell or header, in code
   points, then the header line and the rows.  Nothing is written without
   columns.  */
static void
finish_table (cc_out *o, const bool *numeric)
{
  if (o->ncols == 0)
    return;
  struct cell *head = header_cells (o);
  size_t *width = cc_xcalloc (o->ncols, sizeof *width);
  for (size_t j = 0; j < o->ncols; j++)
    width[j] = cc_utf8_width (o->arena.p + head[j].off, head[j].n);
  for (size_t r = 0; r < o->nrows; r++)
    for (size_t j = 0; j < o->ncols; j++)
      {
        const struct cell *c = &o->cells[o->rows[r] + j];
        size_t cw = c->kind == CC_NULL
                    ? 1 : cc_utf8_width (o->arena.p + c->off, c->n);
        if (cw > width[j])
          width[j] = cw;
      }
  table_line (o, head, true, width, numeric);
  for (size_t r = 0; r < o->nrows; r++)
    table_line (o, o->cells + o->rows[r], false, width, numeric);
  free (width);
  free (head);
}

/* Append one markdown line "| a | b |" of NCOLS cells (a null cell empty).  */
static void
md_line (cc_out *o, const struct cell *cells)
{
  for (size_t j = 0; j < o->ncols; j++)
    {
      cc_buf_add (&o->line, "| ", 2);
      if (cells[j].kind != CC_NULL)
        cc_buf_add (&o->line, o->arena.p + cells[j].off, cells[j].n);
      cc_buf_addc (&o->line, ' ');
    }
  cc_buf_add (&o->line, "|\n", 2);
  emit (o);
}

/* Write the GitHub pipe table: the header, the alignment row ("---", or "--:"
   for numeric columns), then the rows, whose cells were escaped when
   buffered.  Nothing is written without columns.  */
static void
finish_markdown (cc_out *o, const bool *numeric)
{
  if (o->ncols == 0)
    return;
  struct cell *head = header_cells (o);
  md_line (o, head);
  cc_buf_addc (&o->line, '|');
  for (size_t j = 0; j < o->ncols; j++)
    cc_buf_add (&o->line, numeric[j] ? "--:|" : "---|", 4);
  cc_buf_addc (&o->line, '\n');
  emit (o);
  for (size_t r = 0; r < o->nrows; r++)
    md_line (o, o->cells + o->rows[r]);
  free (head);
}

/* Lay out the buffered table, flush the stream (a failure is a write error),
   and free everything.  */
static void cc_out_end (cc_out *o, bool write);

void
cc_out_finish (cc_out *o)
{
  cc_out_end (o, true);
}

void
cc_out_discard (cc_out *o)
{
  cc_out_end (o, false);
}

/* Write the buffered rows when WRITE, flush, and free the writer.  */
static void
cc_out_end (cc_out *o, bool write)
{
  if (write && (o->fmt == CC_FMT_TABLE || o->fmt == CC_FMT_MARKDOWN))
    {
      write_notes (o);
      bool *numeric = find_numeric (o);
      if (o->fmt == CC_FMT_TABLE)
        finish_table (o, numeric);
      else
        finish_markdown (o, numeric);
      free (numeric);
    }
  errno = 0;
  if (fflush (o->f) != 0 || ferror (o->f))
    cc_die_write (errno);
  cc_buf_free (&o->line);
  cc_buf_free (&o->jkeys);
  cc_buf_free (&o->arena);
  free (o->jkey);
  free (o->cols);
  free (o->colmem);
  free (o->cells);
  free (o->rows);
  free (o->notes);
  free (o);
}

/* ---- value helpers ---- */

cc_val
cc_v_strn (const char *s, size_t n)
{
  if (n > UINT32_MAX)
    cc_die (CC_EXIT_FAIL, "internal error: a value of %zu bytes", n);
  cc_val v = { s, (uint32_t) n, CC_STR };
  return v;
}

cc_val
cc_v_str (const char *s)
{
  return cc_v_strn (s, strlen (s));
}

cc_val
cc_v_num (const char *s)
{
  cc_val v = cc_v_strn (s, strlen (s));
  v.kind = CC_NUM;
  return v;
}

cc_val
cc_v_null (void)
{
  cc_val v = { NULL, 0, CC_NULL };
  return v;
}
