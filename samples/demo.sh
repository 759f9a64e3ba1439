#!/bin/sh
# demo.sh: show ccreport at work on the sample data.
# Needs ccreport on PATH (./quickstart.sh puts _build/src/ccreport there);
# runs from any directory.
set -eu
cd "$(dirname "$0")/.."

if ! command -v ccreport >/dev/null 2>&1; then
  echo "demo.sh: ccreport is not on PATH; build it with ./quickstart.sh" >&2
  exit 1
fi

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
echo "More: man -l man/ccreport.1 (EXAMPLES), man -l man/cc-records.5"
