/* gen-records: a seeded generator of contact-center interaction records.

   Writes N records as CSV (with a header) or as JSON Lines to stdout, for the
   ccreport benchmark (bench/ccreport.sh).  The same --rows and --seed give the
   same records in both formats, byte for byte the same values.

   Usage: gen-records [--rows N] [--seed S] [--format csv|jsonl]
                      [--quoted-share F]

   Records (one interaction each):
     id           c00000001, c00000002, ... (8 digits, more when N needs them)
     channel      voice 60 %, chat 25 %, email 15 %
     direction    inbound 90 %, outbound 10 %
     queue        one of 8 names, weighted
     arrived_at   RFC 3339 UTC, whole seconds, non-decreasing over 30 days
                  from 2026-03-02T00:00:00Z, with a daily and weekly pattern
     answered_at  arrived_at + wait for answered rows (about 85 %), else empty
     ended_at     answered_at + handle (30..1200 s) when answered,
                  else arrived_at + wait (time until the caller gave up)
     agent        a001..a240 when answered, else empty
     outcome      answered; or abandoned (most), timeout, overflow
     customer     "First Last"; in about --quoted-share of rows "Last, First",
                  which CSV writes quoted, sometimes with an embedded '"'
                  that CSV doubles ("O""Brien, Pat")
   In JSON Lines an empty answered_at or agent is written as null.

   Plain C11, libc and libm only; lines are built in a buffer by hand (no
   printf per field) so that 10 million rows take a few seconds.  */

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- PRNG --- */

/* splitmix64: used only to expand the user's seed into xoshiro's state.  */
static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += UINT64_C (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static uint64_t rng_s[4]; /* xoshiro256** state */

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

/* xoshiro256**: the next 64 random bits.  */
static inline uint64_t
rng_next (void)
{
  uint64_t result = rotl (rng_s[1] * 5, 7) * 9;
  uint64_t t = rng_s[1] << 17;
  rng_s[2] ^= rng_s[0];
  rng_s[3] ^= rng_s[1];
  rng_s[1] ^= rng_s[2];
  rng_s[0] ^= rng_s[3];
  rng_s[2] ^= t;
  rng_s[3] = rotl (rng_s[3], 45);
  return result;
}

/* Seed the generator: four splitmix64 outputs of SEED (never all zero).  */
static void
rng_seed (uint64_t seed)
{
  for (int i = 0; i < 4; i++)
    rng_s[i] = splitmix64 (&seed);
}

/* A uniform double in [0, 1), from the top 53 bits.  */
static inline double
rng_unit (void)
{
  return (double) (rng_next () >> 11) * 0x1.0p-53;
}

/* A uniform integer in [0, N), N > 0 (multiply-shift; the bias is far below
   anything a benchmark could notice).  */
static inline uint32_t
rng_below (uint32_t n)
{
  return (uint32_t) (((rng_next () >> 32) * (uint64_t) n) >> 32);
}

/* An exponential variate with the given mean, as a double.  */
static inline double
rng_exp (double mean)
{
  return -mean * log (1.0 - rng_unit ());
}

/* Pick an index from a table of cumulative weights CUM[0..N-1] (the last one
   being the total): the first index whose cumulative weight exceeds a uniform
   draw.  */
static unsigned
pick_weighted (const unsigned *cum, unsigned n)
{
  uint32_t r = rng_below (cum[n - 1]);
  unsigned i = 0;
  while (cum[i] <= r)
    i++;
  return i;
}

/* ------------------------------------------------------------- Tables --- */

/* A string with its length, so lines are built with memcpy only.  */
typedef struct
{
  const char *s;
  size_t n;
} str;
#define S(lit) { lit, sizeof lit - 1 }

static const str channels[] = { S ("voice"), S ("chat"), S ("email") };
static const unsigned channel_cum[] = { 60, 85, 100 };

static const str queues[] = { S ("billing"),   S ("sales"),  S ("support"),
                              S ("tech"),      S ("retention"), S ("claims"),
                              S ("onboarding"), S ("collections") };
static const unsigned queue_cum[] = { 18, 32, 54, 70, 78, 87, 94, 100 };
/* Per-queue probability (per mille) that an interaction is answered; the
   weighted mean is about 850.  */
static const unsigned queue_answer_pm[] = { 860, 880, 840, 820, 900, 850, 870, 830 };

static const str first_names[] = {
  S ("Ann"),      S ("Patrick"),  S ("Lee"),       S ("Maria"),    S ("Jonathan"),
  S ("Fatima"),   S ("Wei"),      S ("Olga"),      S ("Carlos"),   S ("Aisha"),
  S ("Thomas"),   S ("Grace"),    S ("Ivan"),      S ("Mei"),      S ("Noah"),
  S ("Sofia"),    S ("Liam"),     S ("Emma"),      S ("Kenji"),    S ("Priya"),
  S ("Lucas"),    S ("Charlotte"), S ("Omar"),     S ("Hannah"),   S ("Diego"),
  S ("Zoe"),      S ("Mateo"),    S ("Eleanor"),   S ("Samuel"),   S ("Leila"),
  S ("Erik"),     S ("Amara"),
};
static const str last_names[] = {
  S ("Lee"),       S ("Smith"),     S ("Garcia"),     S ("Nguyen"),    S ("Kowalski"),
  S ("Okafor"),    S ("Schmidt"),   S ("Rossi"),      S ("Tanaka"),    S ("Haddad"),
  S ("Johnson"),   S ("Martin"),    S ("Dubois"),     S ("Silva"),     S ("Novak"),
  S ("Andersen"),  S ("Khan"),      S ("Murphy"),     S ("Moreau"),    S ("Petrov"),
  S ("Fischer"),   S ("Wong"),      S ("Hernandez"),  S ("Larsen"),    S ("Ibrahim"),
  S ("Costa"),     S ("Yilmaz"),    S ("Kim"),        S ("Walsh"),     S ("Bauer"),
  S ("Mensah"),    S ("Quinn"),     S ("Papadopoulos"), S ("Abernathy"), S ("Rodriguez"),
  S ("Vasquez"),   S ("Christensen"), S ("Lindqvist"), S ("Montgomery"), S ("Wojciechowski"),
};
/* Last names written with an embedded double quote (CSV doubles it).  */
static const str quote_last_names[] = { S ("O\"Brien"), S ("D\"Angelo"),
                                        S ("O\"Neil"), S ("N\"Dour") };
static const str nick_names[] = { S ("Annie"), S ("Red"), S ("Doc"), S ("Kit") };

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* ------------------------------------------------------ Arrival times --- */

#define DAYS 30
#define MINUTES (DAYS * 1440)
/* 2026-03-02T00:00:00Z, a Monday.  */
#define START_EPOCH INT64_C (1772409600)

static double arrival_cum[MINUTES]; /* cumulative intensity, per minute */

/* Relative arrival intensity at each whole hour of the day (0..23); minutes
   in between are interpolated linearly.  */
static const double hour_profile[25] = {
  0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.20, 0.50, 0.90, 1.00, 1.00, 0.95,
  0.80, 0.90, 1.00, 0.95, 0.85, 0.60, 0.40, 0.30, 0.22, 0.16, 0.11, 0.08,
  0.06
};

/* Fill arrival_cum: per minute, the hour profile times a weekday factor
   (weekends are quieter) times a small random day-to-day variation, summed.  */
static void
arrival_init (void)
{
  double sum = 0;
  for (int d = 0; d < DAYS; d++)
    {
      double dayf = (d % 7 >= 5) ? 0.5 : 1.0;
      dayf *= 0.9 + 0.2 * rng_unit ();
      for (int m = 0; m < 1440; m++)
        {
          int h = m / 60;
          double f = (m % 60) / 60.0;
          double w = hour_profile[h] * (1 - f) + hour_profile[h + 1] * f;
          sum += w * dayf;
          arrival_cum[d * 1440 + m] = sum;
        }
    }
}

/* The arrival time (epoch seconds) of row I of N.  Row I maps to the point
   (I + jitter) / N of the total intensity, which is inverted through
   arrival_cum by a cursor that only moves forward: times never decrease.  */
static int64_t
arrival_time (uint64_t i, uint64_t n)
{
  static size_t cursor = 0;
  double total = arrival_cum[MINUTES - 1];
  double u = ((double) i + rng_unit ()) / (double) n * total;
  while (cursor < MINUTES - 1 && arrival_cum[cursor] <= u)
    cursor++;
  double lo = cursor ? arrival_cum[cursor - 1] : 0;
  double frac = (u - lo) / (arrival_cum[cursor] - lo);
  int sec = (int) (frac * 60);
  if (sec < 0)
    sec = 0;
  if (sec > 59)
    sec = 59;
  return START_EPOCH + (int64_t) cursor * 60 + sec;
}

/* ------------------------------------------------------------ Output --- */

#define OUTBUF (1u << 20)
static char outbuf[OUTBUF + 4096]; /* room for one more line past OUTBUF */
static size_t outlen;

/* Write the buffer to stdout; exit on a write error.  */
static void
flush_out (void)
{
  if (outlen && fwrite (outbuf, 1, outlen, stdout) != outlen)
    {
      perror ("gen-records: write");
      exit (1);
    }
  outlen = 0;
}

/* Append N bytes.  */
static inline void
put (const char *s, size_t n)
{
  memcpy (outbuf + outlen, s, n);
  outlen += n;
}

static inline void
putc1 (char c)
{
  outbuf[outlen++] = c;
}

#define PUTLIT(lit) put (lit, sizeof lit - 1)

/* Append V as decimal, zero-padded to at least WIDTH digits.  */
static void
put_uint (uint64_t v, int width)
{
  char tmp[24];
  int n = 0;
  do
    {
      tmp[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v);
  while (n < width)
    tmp[n++] = '0';
  while (n)
    putc1 (tmp[--n]);
}

/* The date of day number Z since 1970-01-01 (Howard Hinnant's algorithm).  */
static void
civil_from_days (int64_t z, int *y, int *m, int *d)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t yy = (int64_t) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yy + (*m <= 2));
}

/* Append T (epoch seconds) as "YYYY-MM-DDTHH:MM:SSZ".  The date part is
   cached per day since consecutive calls mostly share it.  */
static void
put_time (int64_t t)
{
  static int64_t cached_day = INT64_MIN;
  static char date[11];
  int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int sod = (int) (t - day * 86400);
  if (day != cached_day)
    {
      int y, m, d;
      civil_from_days (day, &y, &m, &d);
      date[0] = (char) ('0' + y / 1000 % 10);
      date[1] = (char) ('0' + y / 100 % 10);
      date[2] = (char) ('0' + y / 10 % 10);
      date[3] = (char) ('0' + y % 10);
      date[4] = '-';
      date[5] = (char) ('0' + m / 10);
      date[6] = (char) ('0' + m % 10);
      date[7] = '-';
      date[8] = (char) ('0' + d / 10);
      date[9] = (char) ('0' + d % 10);
      date[10] = 'T';
      cached_day = day;
    }
  int hh = sod / 3600, mm = sod / 60 % 60, ss = sod % 60;
  char *p = outbuf + outlen;
  memcpy (p, date, 11);
  p[11] = (char) ('0' + hh / 10);
  p[12] = (char) ('0' + hh % 10);
  p[13] = ':';
  p[14] = (char) ('0' + mm / 10);
  p[15] = (char) ('0' + mm % 10);
  p[16] = ':';
  p[17] = (char) ('0' + ss / 10);
  p[18] = (char) ('0' + ss % 10);
  p[19] = 'Z';
  outlen += 20;
}

/* Append S with every '"' written twice (CSV) or escaped as \" (JSON).  */
static void
put_escaped (const str *s, int json)
{
  for (size_t i = 0; i < s->n; i++)
    {
      char c = s->s[i];
      if (c == '"')
        putc1 (json ? '\\' : '"');
      putc1 (c);
    }
}

/* ------------------------------------------------------------ Records --- */

enum outcome
{
  OUT_ANSWERED,
  OUT_ABANDONED,
  OUT_TIMEOUT,
  OUT_OVERFLOW
};
static const str outcomes[] = { S ("answered"), S ("abandoned"), S ("timeout"),
                                S ("overflow") };

/* One generated record, before formatting.  */
typedef struct
{
  uint64_t id;
  unsigned channel, queue, agent;
  int inbound;
  int64_t arrived, answered, ended; /* answered < 0 when unanswered */
  enum outcome outcome;
  /* customer name: FIRST [MIDDLE] LAST[-LAST2], in the order cust_kind says;
     MIDDLE and LAST2 have n == 0 when absent */
  str first, middle, last, last2, nick;
  int cust_kind; /* 0 "First Last", 1 "Last, First", 2 "Last, First "Nick"" */
} record;

/* Seconds a caller waits before an answer: mostly 0..120, exponential, with
   a longer exponential tail beyond 120 s, redrawn until it is below 1800.  */
static int64_t
draw_wait (void)
{
  double w = rng_exp (40);
  if (w > 120)
    do
      w = 120 + rng_exp (300);
    while (w >= 1800);
  return (int64_t) w;
}

/* Fill R with record number I (1-based) of N; every random draw is made
   whatever the output format, so CSV and JSONL hold the same records.  */
static void
make_record (record *r, uint64_t i, uint64_t n, double quoted_share)
{
  r->id = i;
  r->channel = pick_weighted (channel_cum, NELEM (channel_cum));
  r->inbound = rng_below (100) < 90;
  r->queue = pick_weighted (queue_cum, NELEM (queue_cum));
  r->arrived = arrival_time (i - 1, n);

  if (rng_below (1000) < queue_answer_pm[r->queue])
    {
      int64_t wait = draw_wait ();
      int64_t handle = 30 + (int64_t) rng_exp (240);
      if (handle > 1200)
        handle = 1200;
      r->answered = r->arrived + wait;
      r->ended = r->answered + handle;
      r->outcome = OUT_ANSWERED;
      r->agent = 1 + rng_below (240);
    }
  else
    {
      uint32_t k = rng_below (100);
      int64_t gave_up;
      if (k < 80)
        {
          r->outcome = OUT_ABANDONED;
          gave_up = (int64_t) rng_exp (60);
          if (gave_up > 1800)
            gave_up = 1800;
        }
      else if (k < 92)
        {
          r->outcome = OUT_TIMEOUT;
          gave_up = 600 + rng_below (5);
        }
      else
        {
          r->outcome = OUT_OVERFLOW;
          gave_up = 20 + rng_below (70);
        }
      r->answered = -1;
      r->ended = r->arrived + gave_up;
      r->agent = 0;
    }

  uint32_t fi = rng_below (NELEM (first_names));
  r->first = first_names[fi];
  /* a middle name other than the first name */
  r->middle = first_names[(fi + 1 + rng_below (NELEM (first_names) - 1))
                          % NELEM (first_names)];
  if (rng_below (2))
    r->middle.n = 0;
  r->last = last_names[rng_below (NELEM (last_names))];
  r->last2 = last_names[rng_below (NELEM (last_names))];
  if (rng_below (10) >= 4)
    r->last2.n = 0;
  r->nick = nick_names[rng_below (NELEM (nick_names))];
  r->cust_kind = 0;
  if (rng_unit () < quoted_share)
    {
      uint32_t k = rng_below (100);
      r->cust_kind = 1;
      if (k < 8)
        r->last = quote_last_names[k % NELEM (quote_last_names)];
      else if (k < 12)
        r->cust_kind = 2;
    }
}

/* Append the customer name of R, its quotes escaped for CSV or JSON (the
   caller writes the enclosing quotes): "First [Middle] Last[-Last2]", or
   "Last[-Last2], First [Middle]" with an optional quoted nickname.  */
static void
put_customer (const record *r, int json)
{
  if (r->cust_kind == 0)
    {
      put (r->first.s, r->first.n);
      putc1 (' ');
      if (r->middle.n)
        {
          put (r->middle.s, r->middle.n);
          putc1 (' ');
        }
      put (r->last.s, r->last.n);
      if (r->last2.n)
        {
          putc1 ('-');
          put (r->last2.s, r->last2.n);
        }
      return;
    }
  put_escaped (&r->last, json);
  if (r->last2.n)
    {
      putc1 ('-');
      put (r->last2.s, r->last2.n);
    }
  PUTLIT (", ");
  put (r->first.s, r->first.n);
  if (r->middle.n)
    {
      putc1 (' ');
      put (r->middle.s, r->middle.n);
    }
  if (r->cust_kind == 2)
    {
      PUTLIT (" ");
      str q = S ("\"");
      put_escaped (&q, json);
      put (r->nick.s, r->nick.n);
      put_escaped (&q, json);
    }
}

/* Append R as one CSV line.  */
static void
put_csv (const record *r, int idwidth)
{
  putc1 ('c');
  put_uint (r->id, idwidth);
  putc1 (',');
  put (channels[r->channel].s, channels[r->channel].n);
  if (r->inbound)
    PUTLIT (",inbound,");
  else
    PUTLIT (",outbound,");
  put (queues[r->queue].s, queues[r->queue].n);
  putc1 (',');
  put_time (r->arrived);
  putc1 (',');
  if (r->answered >= 0)
    put_time (r->answered);
  putc1 (',');
  put_time (r->ended);
  putc1 (',');
  if (r->agent)
    {
      putc1 ('a');
      put_uint (r->agent, 3);
    }
  putc1 (',');
  put (outcomes[r->outcome].s, outcomes[r->outcome].n);
  putc1 (',');
  if (r->cust_kind)
    {
      putc1 ('"');
      put_customer (r, 0);
      putc1 ('"');
    }
  else
    put_customer (r, 0);
  putc1 ('\n');
}

/* Append R as one JSON object on its own line.  */
static void
put_jsonl (const record *r, int idwidth)
{
  PUTLIT ("{\"id\":\"c");
  put_uint (r->id, idwidth);
  PUTLIT ("\",\"channel\":\"");
  put (channels[r->channel].s, channels[r->channel].n);
  if (r->inbound)
    PUTLIT ("\",\"direction\":\"inbound\",\"queue\":\"");
  else
    PUTLIT ("\",\"direction\":\"outbound\",\"queue\":\"");
  put (queues[r->queue].s, queues[r->queue].n);
  PUTLIT ("\",\"arrived_at\":\"");
  put_time (r->arrived);
  if (r->answered >= 0)
    {
      PUTLIT ("\",\"answered_at\":\"");
      put_time (r->answered);
      PUTLIT ("\",\"ended_at\":\"");
    }
  else
    PUTLIT ("\",\"answered_at\":null,\"ended_at\":\"");
  put_time (r->ended);
  if (r->agent)
    {
      PUTLIT ("\",\"agent\":\"a");
      put_uint (r->agent, 3);
      PUTLIT ("\",\"outcome\":\"");
    }
  else
    PUTLIT ("\",\"agent\":null,\"outcome\":\"");
  put (outcomes[r->outcome].s, outcomes[r->outcome].n);
  PUTLIT ("\",\"customer\":\"");
  put_customer (r, 1);
  PUTLIT ("\"}\n");
}

/* -------------------------------------------------------------- Main --- */

static void
usage (FILE *f)
{
  fputs ("Usage: gen-records [--rows N] [--seed S] [--format csv|jsonl]"
         " [--quoted-share F]\n"
         "Writes N (default 1000000) seeded interaction records to stdout.\n",
         f);
}

/* Parse an unsigned decimal option value, or exit with a message.  */
static uint64_t
parse_u64 (const char *opt, const char *s)
{
  char *end;
  errno = 0;
  unsigned long long v = strtoull (s, &end, 10);
  if (errno || end == s || *end || *s == '-')
    {
      fprintf (stderr, "gen-records: %s: not a non-negative integer: %s\n", opt, s);
      exit (2);
    }
  return v;
}

int
main (int argc, char **argv)
{
  uint64_t rows = 1000000, seed = 1;
  int json = 0;
  double quoted_share = 0.33;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (!strcmp (a, "--help") || !strcmp (a, "-h"))
        {
          usage (stdout);
          return 0;
        }
      if (i + 1 >= argc)
        {
          usage (stderr);
          return 2;
        }
      const char *v = argv[++i];
      if (!strcmp (a, "--rows"))
        rows = parse_u64 (a, v);
      else if (!strcmp (a, "--seed"))
        seed = parse_u64 (a, v);
      else if (!strcmp (a, "--format"))
        {
          if (!strcmp (v, "csv"))
            json = 0;
          else if (!strcmp (v, "jsonl"))
            json = 1;
          else
            {
              fprintf (stderr, "gen-records: --format: csv or jsonl, not %s\n", v);
              return 2;
            }
        }
      else if (!strcmp (a, "--quoted-share"))
        {
          char *end;
          quoted_share = strtod (v, &end);
          if (end == v || *end || !(quoted_share >= 0 && quoted_share <= 1))
            {
              fprintf (stderr, "gen-records: --quoted-share: a number in [0, 1], not %s\n", v);
              return 2;
            }
        }
      else
        {
          usage (stderr);
          return 2;
        }
    }

  rng_seed (seed);
  arrival_init ();

  int idwidth = 8;
  for (uint64_t lim = 100000000; rows >= lim && idwidth < 20; lim *= 10)
    idwidth++;

  if (!json)
    PUTLIT ("id,channel,direction,queue,arrived_at,answered_at,ended_at,agent,"
            "outcome,customer\n");
  record r;
  for (uint64_t i = 1; i <= rows; i++)
    {
      make_record (&r, i, rows, quoted_share);
      if (json)
        put_jsonl (&r, idwidth);
      else
        put_csv (&r, idwidth);
      if (outlen >= OUTBUF)
        flush_out ();
    }
  flush_out ();
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      perror ("gen-records: write");
      return 1;
    }
  return 0;
}
