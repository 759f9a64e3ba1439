#!/bin/sh
# demo.sh: show ccreport, ccroute and ccivr-sim at work on the sample data.
# Needs ccreport on PATH (./quickstart.sh puts _build/src/ccreport there);
# ccroute and ccivr-sim are taken from PATH or from beside ccreport in the
# build tree;
# runs from any directory.  Writes only under a temporary directory.
set -eu
cd "$(dirname "$0")/.."

if ! command -v ccreport >/dev/null 2>&1; then
  echo "demo.sh: ccreport is not on PATH; build it with ./quickstart.sh" >&2
  exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cctk-demo.XXXXXX")

echo "== Inbound calls per queue, one day (samples/calls.csv)"
echo
ccreport --output-format table samples/calls.csv
echo
echo "== The support queue in 30-minute intervals, Berlin time"
echo
ccreport --queue support --interval 30m --tz Europe/Berlin \
  --output-format table samples/calls.csv
echo
echo "== Chats, e-mails, SMS and social messages by channel, 60 s service level"
echo "== (samples/chats.jsonl)"
echo
ccreport --by channel --sl 60 --output-format table samples/chats.jsonl
echo
echo "== The same messages as conversations (a return within 2 hours reopens one)"
echo
ccreport --report conversations --by channel --reopen-window 2h --output-format table \
  samples/chats.jsonl
echo
echo "== An Asterisk queue_log (samples/queue_log): per queue, with its diagnostics"
echo
ccreport --from asterisk-queue-log --output-format table samples/queue_log
echo
echo "== The same log per agent: talk, ring-no-answer, pauses, login, occupancy"
echo
ccreport --from asterisk-queue-log --report agents --output-format table samples/queue_log \
  2>/dev/null
echo
echo "== Asterisk CDRs (samples/Master.csv), one row per call, per queue"
echo
ccreport --from asterisk-cdr --output-format table samples/Master.csv
echo
echo "== History: both logs kept in SQLite, then reported from the store"
echo
ccreport ingest --db "$tmp/history.sqlite" --from asterisk-queue-log samples/queue_log 2>/dev/null
ccreport ingest --db "$tmp/history.sqlite" samples/calls.csv
ccreport --db "$tmp/history.sqlite" --by queue --output-format table
echo
ccreport --from asterisk-queue-log --output-format html --interval 30m \
  -o "$tmp/report.html" samples/queue_log 2>/dev/null
echo "== The HTML report with charts: $tmp/report.html"
echo

# ccroute: on PATH, or next to ccreport in the build tree (_build/src/ccroute).
if ! command -v ccroute >/dev/null 2>&1; then
  built=$(dirname "$(command -v ccreport)")/../ccroute
  if [ -x "$built/ccroute" ]; then
    PATH="$built:$PATH"
  else
    echo "demo.sh: ccroute is not on PATH; leaving out the ccroute part" >&2
  fi
fi
if command -v ccroute >/dev/null 2>&1; then
  model="--config samples/routing.ini --tz Europe/Berlin"

  # table LABEL: ccreport CSV on stdin -> one line per queue.
  table() {
    awk -F, -v l="$1" 'NR > 1 { printf "%-24s %-8s %7s %8s %9s %7s %7s\n", l, $1, $2, $3, $4, $9, $10 }'
  }

  echo "== ccroute: the routing model of a centre in Berlin (samples/routing.ini, samples/roster.csv)"
  echo
  ccroute check $model --roster samples/roster.csv
  echo
  echo "== ccroute: a generated Monday through that model, reported by ccreport"
  echo
  ccroute $model --roster samples/roster.csv --generate --start 2026-03-02 \
    | ccreport --output-format table
  echo
  echo "== ccroute: the same Monday with five more agents on billing (samples/roster-plus5.csv)"
  echo
  ccroute $model --roster samples/roster-plus5.csv --generate --start 2026-03-02 \
    | ccreport --output-format table
  echo
  echo "== ccroute: the real day of samples/queue_log as logged, replayed with the roster,"
  echo "== and replayed with five more agents on billing"
  echo
  ccreport convert --from asterisk-queue-log samples/queue_log 2>/dev/null >"$tmp/real.csv"
  printf '%-24s %-8s %7s %8s %9s %7s %7s\n' run queue offered answered abandoned asa sl
  ccreport --from asterisk-queue-log samples/queue_log 2>/dev/null | table "as logged"
  for r in roster roster-plus5; do
    ccroute $model --roster samples/$r.csv "$tmp/real.csv" | ccreport | table "$r.csv"
  done
  echo
  echo "== ccroute erlang: agents needed per hour of samples/forecast.csv"
  echo "== (80% answered within 20 s, at most 5% abandoned; Erlang A)"
  echo
  ccroute erlang --target-sl 80 --max-abandon 5 --output-format csv samples/forecast.csv \
    | awk -F, 'NR > 1 { if (!($2 in a)) { q[++n] = $2; a[$2] = "" }
                        if ($2 == q[1]) h = h sprintf(" %2s", substr($1, 12, 2))
                        a[$2] = a[$2] sprintf(" %2s", $9) }
      END { printf "%-8s%s  (hour)\n", "queue", h
            for (i = 1; i <= n; i++) printf "%-8s%s\n", q[i], a[q[i]] }'
  echo
  echo "== ccroute: each agent on the generated Monday, from --agent-log: interactions"
  echo "== handled, hours logged in, and the average number in progress (ringing, talk,"
  echo "== wrap-up; for voice the occupancy, for chat the chats open at once)"
  echo
  ccroute $model --roster samples/roster.csv --generate --start 2026-03-02 \
    --agent-log "$tmp/agents.csv" >/dev/null
  printf '%7s %8s %12s  %s\n' handled logged_h in_progress agent
  awk -F, 'NR > 1 { if ($2 == "logged_in") on[$1] += $5; else if ($2 != "paused") busy[$1] += $5
                    if ($2 == "talk") n[$1]++ }
    END { for (a in on) printf "%7d %8.1f %12.2f  %s\n", n[a], on[a] / 3600, busy[a] / on[a], a }' \
    "$tmp/agents.csv" | sort -k4
  echo
fi

# ccivr-sim: on PATH, or next to ccreport in the build tree (_build/src/ccivr-sim).
if ! command -v ccivr-sim >/dev/null 2>&1; then
  built=$(dirname "$(command -v ccreport)")/../ccivr-sim
  if [ -x "$built/ccivr-sim" ]; then
    PATH="$built:$PATH"
  else
    echo "demo.sh: ccivr-sim is not on PATH; leaving out the ccivr-sim part" >&2
  fi
fi
if command -v ccivr-sim >/dev/null 2>&1; then
  bank=samples/bank-ivr.json
  echo "== ccivr-sim: the IVR menu of a bank (samples/bank-ivr.json), checked, with its"
  echo "== expected exits from the Markov chain (info L017)"
  echo
  ccivr-sim lint --analyse "$bank"
  echo
  echo "== ccivr-sim: the exact exit shares during opening hours, by reason"
  echo
  ccivr-sim analyse --by-reason --output-format table "$bank"
  echo
  echo "== ccivr-sim: a simulated Monday (a daily rate profile in Dublin time):"
  echo "== containment, abandonment and opt-outs, then the funnel of the menus"
  echo
  day="--start 2026-03-02 --duration 1d --tz Europe/Dublin"
  rate="08:00 300, 12:00 360, 17:00 200, 19:00 40"
  ccivr-sim run $day --rate "$rate" --summary --output-format table "$bank" \
    | awk 'NR == 1 || $1 !~ /^node\./'
  echo
  ccivr-sim run $day --rate "$rate" --node-stats --output-format table "$bank" \
    | awk 'NR == 1 || $2 == "menu" || $2 == "input"'
  echo
  echo "== ccivr-sim | ccroute | ccreport: the callers who reach a queue, routed to the"
  echo "== agents of samples/bank-routing.ini, their patience carried on (SL: 30 s)"
  echo
  if command -v ccroute >/dev/null 2>&1; then
    ccivr-sim run $day --rate "$rate" --to-queue "$bank" \
      | ccroute --config samples/bank-routing.ini --tz Europe/Dublin \
      | ccreport --sl 30 --output-format table
  else
    echo "(ccroute is not on PATH)"
  fi
  echo
  echo "== ccivr-sim: the telecom menu's two caller segments (samples/telecom-ivr.json),"
  echo "== solved apart: business callers go to an agent more often"
  echo
  for seg in consumer business; do
    ccivr-sim analyse --by-reason --segment "$seg" --output-format csv samples/telecom-ivr.json \
      | awk -F, -v s="$seg" 'NR > 1 { r = $2 ($3 != "" ? ":" $3 : "")
          if ($1 == "TOTAL") r = "mean time in the IVR (s)"
          printf "%-9s %-26s %s\n", s, r, ($1 == "TOTAL" ? $5 : sprintf("%.1f%%", 100 * $4)) }'
  done
  echo
  ccivr-sim run $day --rate "$rate" --output-format jsonl "$bank" >"$tmp/bank-run.jsonl"
  if command -v dot >/dev/null 2>&1; then
    ccivr-sim dot --stats "$tmp/bank-run.jsonl" "$bank" | dot -Tsvg >"$tmp/bank-ivr.svg"
    echo "== The menu drawn with the day's traffic on its edges: $tmp/bank-ivr.svg"
  else
    ccivr-sim dot --stats "$tmp/bank-run.jsonl" "$bank" >"$tmp/bank-ivr.dot"
    echo "== The menu with the day's traffic, as Graphviz DOT: $tmp/bank-ivr.dot"
  fi
  echo
fi
echo "More: man -l man/ccreport.1 (EXAMPLES), man -l man/ccroute.1, man -l man/ccivr-sim.1,"
echo "man -l man/cc-records.5"
