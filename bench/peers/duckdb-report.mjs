// duckdb-report.mjs: the benchmark's per-queue figures in DuckDB, through
// the @duckdb/node-api package.  Usage: node duckdb-report.mjs FILE.csv
// Prints queue,offered,answered,abandoned,asa,wait_p90,wait_max as CSV.
// The benchmark script copies this file next to the node_modules folder it
// installed the package in, so that the import below resolves.
//
// The CSV is read with every column as VARCHAR (an empty field is NULL);
// timestamps are parsed with strptime as UTC with whole seconds.  One scan
// groups inbound rows by (queue, wait) and every figure comes from those
// groups.  wait_p90 is computed as the nearest rank by hand: DuckDB's
// quantile_disc is not documented to be the nearest rank, so the running
// count over the wait groups is compared with ceil(0.9 * n) = (9n + 9) // 10.
// asa is rounded half away from zero in integer arithmetic.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb-report.mjs FILE.csv');
  process.exit(2);
}
const lit = "'" + file.replaceAll("'", "''") + "'";
const ts = (col) => `strptime(${col}, '%Y-%m-%dT%H:%M:%SZ')`;

const sql = `
WITH t AS (
  SELECT * FROM read_csv(${lit}, header = true, all_varchar = true,
                         delim = ',', quote = '"', escape = '"')
),
g AS (
  SELECT queue,
         CASE WHEN answered_at <> ''
              THEN date_diff('second', ${ts('arrived_at')}, ${ts('answered_at')}) END AS wait,
         count(*) AS n,
         count(*) FILTER (WHERE outcome = 'abandoned' AND coalesce(answered_at, '') = '') AS ab
  FROM t
  WHERE direction = 'inbound'
  GROUP BY ALL
),
a AS (
  SELECT queue,
         sum(n)::BIGINT AS offered,
         coalesce(sum(n) FILTER (WHERE wait IS NOT NULL), 0)::BIGINT AS answered,
         sum(ab)::BIGINT AS abandoned,
         sum(wait * n)::BIGINT AS wsum,
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
  WHERE c.cum >= (9 * a.answered + 9) // 10
  GROUP BY c.queue
)
SELECT a.queue, offered, answered, abandoned,
       CASE WHEN answered > 0
            THEN printf('%d.%02d', ((200 * wsum + answered) // (2 * answered)) // 100,
                                   ((200 * wsum + answered) // (2 * answered)) % 100)
            ELSE '' END AS asa,
       coalesce(p.p90::VARCHAR, '') AS wait_p90,
       coalesce(wmax::VARCHAR, '') AS wait_max
FROM a LEFT JOIN p ON p.queue = a.queue
ORDER BY a.queue
`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const lines = ['queue,offered,answered,abandoned,asa,wait_p90,wait_max'];
for (const row of reader.getRows())
  lines.push(row.map((v) => String(v)).join(','));
process.stdout.write(lines.join('\n') + '\n');
connection.closeSync();
