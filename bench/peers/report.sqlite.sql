-- report.sqlite.sql: the benchmark's per-queue figures in SQLite.
-- The script feeds sqlite3 (in-memory database) a line
--   .import --csv "FILE" t
-- first, which creates table t from the header with every column as TEXT;
-- an empty CSV field is ''.
--
-- One scan groups inbound rows by (queue, wait), wait being NULL for rows
-- not answered; every figure comes from those few groups.  wait_p90 is the
-- nearest rank: the smallest wait whose running count reaches
-- ceil(0.9 * n) = (9 * n + 9) / 10 (integer division).  asa is rounded half
-- away from zero in integer arithmetic: (200 * sum + n) / (2 * n) hundredths.
.headers on
.mode list
.separator ,
WITH g AS (
  SELECT queue,
         CASE WHEN answered_at <> '' THEN unixepoch(answered_at) - unixepoch(arrived_at) END AS wait,
         count(*) AS n,
         sum(outcome = 'abandoned' AND answered_at = '') AS ab
  FROM t
  WHERE direction = 'inbound'
  GROUP BY 1, 2
),
a AS (
  SELECT queue,
         sum(n) AS offered,
         sum(CASE WHEN wait IS NOT NULL THEN n ELSE 0 END) AS answered,
         sum(ab) AS abandoned,
         sum(wait * n) AS wsum,
         max(wait) AS wmax
  FROM g GROUP BY queue
),
c AS (
  SELECT queue, wait, sum(n) OVER (PARTITION BY queue ORDER BY wait) AS cum
  FROM g WHERE wait IS NOT NULL
),
p AS (
  SELECT c.queue, min(c.wait) AS p90
  FROM c JOIN a ON a.queue = c.queue
  WHERE c.cum >= (9 * a.answered + 9) / 10
  GROUP BY c.queue
)
SELECT a.queue AS queue, offered, answered, abandoned,
       CASE WHEN answered > 0
            THEN printf('%d.%02d', ((200 * wsum + answered) / (2 * answered)) / 100,
                                   ((200 * wsum + answered) / (2 * answered)) % 100)
            ELSE '' END AS asa,
       coalesce(p.p90, '') AS wait_p90,
       coalesce(wmax, '') AS wait_max
FROM a LEFT JOIN p ON p.queue = a.queue
ORDER BY a.queue;
