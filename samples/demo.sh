#!/bin/sh
# demo.sh: show ccreport at work on the sample data.
# Needs ccreport on PATH (./quickstart.sh puts _build/src/ccreport there);
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
echo "More: man -l man/ccreport.1 (EXAMPLES), man -l man/cc-records.5"
