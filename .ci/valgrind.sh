#!/usr/bin/env bash
# .ci/valgrind.sh BUILDDIR: run ccreport and the unit tests of BUILDDIR under
# valgrind (memcheck; definite and indirect leaks count as errors).
#
# Inputs: the CSV and JSON Lines files under tests/data and samples/, with
# grouping, intervals, zones, filters, --list, the output formats, stdin and
# a reject file; bad input with and without --reject (exit 1 expected
# without); and generated files over 4 MiB, so that the parallel scan runs
# with --threads 2.  Valgrind's own exit status is 99 (ccreport uses 1 for
# bad input).  One line per run; exits 1 if any run had a valgrind error or
# an unexpected exit status.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
[ $# -eq 1 ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
[ -d "$1" ] || { echo "valgrind.sh: no directory $1" >&2; exit 2; }
bld=$(cd "$1" && pwd)
tool=$bld/src/ccreport/ccreport
[ -x "$tool" ] || { echo "valgrind.sh: $tool not built" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not installed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cctk-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
vg=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    -q --num-callers=30)

runs=0 bad=0
# vgrun NAME EXPECTED-STATUSES(comma-separated) COMMAND...  (stdin from $IN if set)
vgrun() {
  local name=$1 want=$2
  shift 2
  runs=$((runs + 1))
  local log=$tmp/vg.$runs.log rc
  "${vg[@]}" --log-file="$log" "$@" <"${IN:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "$rc" = 99 ] || [ -s "$log" ]; then
    bad=$((bad + 1))
    echo "FAIL valgrind error: $name (exit $rc)"
    sed 's/^/    /' "$log" | head -60
  elif [[ ",$want," != *",$rc,"* ]]; then
    bad=$((bad + 1))
    echo "FAIL exit $rc (expected $want): $name"
    sed 's/^/    /' "$tmp/err" | head -10
  else
    echo "ok   $name (exit $rc)"
  fi
}

# Every sample and test data file, plainly.
csvs=() jsonls=()
for f in tests/data/*.csv samples/*.csv; do [ -f "$f" ] && csvs+=("$f"); done
for f in tests/data/*.jsonl samples/*.jsonl; do [ -f "$f" ] && jsonls+=("$f"); done
for f in "${csvs[@]}" "${jsonls[@]}"; do
  vgrun "ccreport $f" 0,1 "$tool" "$f"
done

# Options over a CSV and a JSON Lines file, when there are some.
c=${csvs[0]:-} j=${jsonls[0]:-}
[ -f samples/calls.csv ] && c=samples/calls.csv
[ -f samples/chats.jsonl ] && j=samples/chats.jsonl
for f in $c $j; do
  vgrun "--by=queue,channel --interval=1h --tz=Europe/Berlin $f" 0 \
    "$tool" --by=queue,channel --interval=1h --tz=Europe/Berlin --sl=30 --buckets=15,30,60 "$f"
  vgrun "--interval=15m --tz=America/New_York --output-format=jsonl $f" 0 \
    "$tool" --interval=15m --tz=America/New_York --output-format=jsonl --no-total "$f"
  vgrun "--by= --interval=1w --sl-base=answered --short-abandon=5 markdown $f" 0 \
    "$tool" --by= --interval=1w --sl-base=answered --short-abandon=5 --output-format=markdown "$f"
  vgrun "--where=queue~^s --where=agent!~x --since --until $f" 0 \
    "$tool" --where='queue~^s' --where='agent!~x' --since=2026-03-02 --until=2026-03-09T00:00:00Z \
    --direction=all "$f"
  vgrun "--list=all --reject -o $f" 0 \
    "$tool" --list=all --reject="$tmp/rej" -o "$tmp/list.out" "$f"
  vgrun "--list=abandoned table, two inputs $f" 0 \
    "$tool" --list=abandoned --output-format=table "$f" "$f"
  IN=$f vgrun "stdin < $f, --threads 2" 0 "$tool" --threads=2 -
  vgrun "--partial --interval=1h $f" 0 "$tool" --partial --interval=1h -o "$tmp/part.jsonl" "$f"
  vgrun "merge of two partials $f" 0 "$tool" merge --buckets=15,30 "$tmp/part.jsonl" "$tmp/part.jsonl"
  IN=$f vgrun "merge of a non-partial (exit 1) $f" 1 "$tool" merge
done

# Bad input: fails without --reject, is rejected with it.
printf 'id,queue,arrived_at,answered_at,ended_at,outcome\n%s\n%s\n%s\n%s\n%s\n%s\n%s' \
  '1,sales,2026-03-02T08:00:00Z,,2026-03-02T08:00:30Z,abandoned' \
  '2,sales,"2026-03-02T08:01:00Z" x,,,abandoned' \
  '3,sales,2026-03-02T08:02:00Z' \
  $'4,s\xffles,2026-03-02T08:03:00Z,,,abandoned' \
  $'5,sales,2026-03-02T08:04:00Z\r,,,abandoned' \
  '6,sales,not-a-time,,,abandoned' \
  '7,"open quote,2026-03-02T08:05:00Z,,,abandoned' >"$tmp/bad.csv"
printf '%s\n' '{"queue":"sales","arrived_at":"2026-03-02T08:00:00Z","outcome":"abandoned"}' \
  '{"queue":"sales","queue":"x"}' '{"queue":{"nested":1}}' '[1,2]' '{"queue":"a\u0000b"}' \
  '{"queue":"sales","arrived_at":12' 'not json' >"$tmp/bad.jsonl"
printf 'a,,b\n1,2,3\n' >"$tmp/badheader.csv"
vgrun "bad CSV, fail-fast" 1 "$tool" "$tmp/bad.csv"
vgrun "bad CSV, --reject" 0 "$tool" --reject="$tmp/rej" "$tmp/bad.csv"
vgrun "bad JSONL, fail-fast" 1 "$tool" "$tmp/bad.jsonl"
vgrun "bad JSONL, --reject" 0 "$tool" --reject="$tmp/rej" "$tmp/bad.jsonl"
vgrun "bad header" 1 "$tool" "$tmp/badheader.csv"
vgrun "missing file" 1 "$tool" "$tmp/no-such-file.csv"
vgrun "bad option" 2 "$tool" --interval=7x "$tmp/bad.csv"
vgrun "unknown zone" 2 "$tool" --tz=No/Such_Zone "$tmp/bad.csv"

# Over 4 MiB, so the parallel scan runs: quoted fields with line ends (a
# chunk may start inside one and be parsed again), and some bad records.
awk 'BEGIN {
  print "id,channel,direction,queue,agent,arrived_at,answered_at,ended_at,outcome,note"
  srand(7)
  for (i = 1; i <= 46000; i++) {
    t = 1772438400 + i * 7; w = int(rand() * 90); q = (i % 3 == 0) ? "sales" : "support"
    note = (i % 11 == 0) ? "\"multi\nline, \"\"quoted\"\" note\"" : "plain note " i
    if (i % 997 == 0) note = "bad\"quote"
    out = (i % 5 == 0) ? "abandoned" : "answered"
    ans = (out == "answered") ? strftime("%Y-%m-%dT%H:%M:%SZ", t + w, 1) : ""
    printf "%d,voice,inbound,%s,agent%d,%s,%s,%s,%s,%s\n", i, q, i % 17,
      strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), ans, strftime("%Y-%m-%dT%H:%M:%SZ", t + w + 120, 1),
      out, note
  }
}' >"$tmp/big.csv" 2>/dev/null
if ! [ -s "$tmp/big.csv" ] || [ "$(wc -c <"$tmp/big.csv")" -le $((4 << 20)) ]; then
  # awk without strftime (mawk): epoch seconds are valid timestamps too.
  awk 'BEGIN {
    print "id,channel,direction,queue,agent,arrived_at,answered_at,ended_at,outcome,note"
    for (i = 1; i <= 46000; i++) {
      t = 1772438400 + i * 7; w = i % 90; q = (i % 3 == 0) ? "sales" : "support"
      note = (i % 11 == 0) ? "\"multi\nline, \"\"quoted\"\" note\"" : "plain note number " i
      if (i % 997 == 0) note = "bad\"quote"
      out = (i % 5 == 0) ? "abandoned" : "answered"; ans = (out == "answered") ? t + w : ""
      printf "%d,voice,inbound,%s,agent%d,%d,%s,%d,%s,%s\n", i, q, i % 17, t, ans, t + w + 120, out, note
    }
  }' >"$tmp/big.csv"
fi
awk -F, 'NR > 1 && NF == 10 && $1 ~ /^[0-9]+$/ && $10 !~ /"/ {
  ans = $7 == "" ? "null" : "\"" $7 "\""
  printf "{\"id\":%s,\"channel\":\"chat\",\"queue\":\"%s\",\"agent\":\"%s\",\"arrived_at\":\"%s\",\"answered_at\":%s,\"ended_at\":\"%s\",\"outcome\":\"%s\",\"note\":\"%s\"}\n", $1, $4, $5, $6, ans, $8, $9, $10
}' "$tmp/big.csv" >"$tmp/big.jsonl"
echo "     (big.csv $(wc -c <"$tmp/big.csv") bytes, big.jsonl $(wc -c <"$tmp/big.jsonl") bytes)"
vgrun "big CSV, --threads 2 --reject --interval=1h" 0 \
  "$tool" --threads=2 --reject="$tmp/rej" --interval=1h --by=queue "$tmp/big.csv"
vgrun "big CSV, --threads 2, fail-fast" 1 "$tool" --threads=2 "$tmp/big.csv"
vgrun "big JSONL, --threads 2 --tz=Europe/Berlin --interval=1d" 0 \
  "$tool" --threads=2 --tz=Europe/Berlin --interval=1d --by=queue,agent "$tmp/big.jsonl"

# Real PBX logs, the report kinds, the store and the HTML page.
for f in samples/queue_log tests/data/qlog-*.queue_log tests/data/qlog-v11-*.csv; do
  vgrun "--from asterisk-queue-log $f" 0 "$tool" --from=asterisk-queue-log --output-format=table "$f"
done
q=samples/queue_log
vgrun "queue_log --report agents jsonl" 0 "$tool" --from=asterisk-queue-log --report=agents \
  --output-format=jsonl "$q"
vgrun "queue_log --report pauses" 0 "$tool" --from=asterisk-queue-log --report=pauses "$q"
vgrun "queue_log --report transfers, hangup" 0 "$tool" --from=asterisk-queue-log --report=transfers "$q"
vgrun "queue_log --report hangup --interval 1h" 0 "$tool" --from=asterisk-queue-log --report=hangup \
  --interval=1h "$q"
vgrun "queue_log --list abandoned --reject" 0 "$tool" --from=asterisk-queue-log --list=abandoned \
  --reject="$tmp/rej" tests/data/qlog-messy.queue_log
vgrun "convert queue_log jsonl" 0 "$tool" convert --from=asterisk-queue-log --output-format=jsonl "$q"
vgrun "queue_log html" 0 "$tool" --from=asterisk-queue-log --output-format=html --interval=30m \
  -o "$tmp/q.html" tests/data/qlog-messy.queue_log
for f in samples/Master.csv tests/data/cdr-*.csv; do
  vgrun "--from asterisk-cdr $f" 0,1 "$tool" --from=asterisk-cdr "$f"
done
vgrun "convert cdr --reject" 0 "$tool" convert --from=asterisk-cdr --reject="$tmp/rej" samples/Master.csv
vgrun "html of the calls" 0 "$tool" --output-format=html --by=queue,channel --interval=1h \
  --tz=Europe/Berlin -o "$tmp/c.html" samples/calls.csv
vgrun "conversations" 0 "$tool" --report=conversations --reopen-window=2h --by=channel samples/chats.jsonl
vgrun "conversations --threads 2 big" 0 "$tool" --report=conversations --threads=2 "$tmp/big.jsonl"
vgrun "agents from records" 0 "$tool" --report=agents samples/calls.csv
vgrun "ingest records" 0 "$tool" ingest --db="$tmp/h.sqlite" samples/calls.csv samples/chats.jsonl
vgrun "ingest queue_log, again (duplicates)" 0 "$tool" ingest --db="$tmp/h.sqlite" \
  --from=asterisk-queue-log "$q"
vgrun "ingest queue_log twice" 0 "$tool" ingest --db="$tmp/h.sqlite" --from=asterisk-queue-log "$q"
vgrun "--db report --since --until --interval" 0 "$tool" --db="$tmp/h.sqlite" --interval=1h \
  --since=2026-03-02 --until=2026-03-03
vgrun "--db --list all jsonl" 0 "$tool" --db="$tmp/h.sqlite" --list=all --output-format=jsonl
vgrun "--db missing store (exit 1)" 1 "$tool" --db="$tmp/none.sqlite"

# ccroute: the model loader, generated and replayed arrivals with most routing
# features, the summary, the agent log, erlang, and bad input.
rt=$bld/src/ccroute/ccroute
cat >"$tmp/rt.ini" <<'EOF'
[sim]
default_queue = billing
[queue *]
handle = fixed:30
[queue billing]
expand = 10:1, 20:5
timeout = 40
on_timeout = queue:sales
rna = 0.2
rna_pause = 3
wrapup = 2
rate = 08:00 120/h, 12:00 60/h, 18:00 0
handle = exp:120
patience = exp:60
agents = 2
[queue sales]
strategy = round-robin
maxlen = 3
on_full = voicemail
timeout = 30
on_timeout = callback
rate = 30/h
handle = lognormal:100,50
answer_delay = uniform:0,2
agents = 1
[queue chat]
channel = chat
strategy = weighted-random
rate = 40/h
handle = exp:300
agents = 1
capacity = 3
EOF
printf 'agent,skills,channels,shift,wrapup_s,weight\nann,billing:0;sales:1,voice:1;chat:2,08:00-12:00;13:00-17:00,5,2\nbob,sales,voice:1,,,1\n' >"$tmp/rt.csv"
vgrun "ccroute check" 0 "$rt" check --config="$tmp/rt.ini" --roster="$tmp/rt.csv"
vgrun "ccroute generate records + agent log" 0 "$rt" --config="$tmp/rt.ini" --roster="$tmp/rt.csv" \
  --generate --start=2026-03-02 --duration=1d --agent-log="$tmp/alog.csv"
vgrun "ccroute generate summary batches" 0 "$rt" --config="$tmp/rt.ini" --generate --calls=3000 \
  --summary --batches=10 --warmup=1h --output-format=table
"$tool" convert --from=asterisk-queue-log "$q" >"$tmp/day.csv" 2>/dev/null
vgrun "ccroute replay a converted queue_log" 0 "$rt" --config="$tmp/rt.ini" --roster="$tmp/rt.csv" \
  --tz=Europe/Berlin "$tmp/day.csv"
vgrun "ccroute replay jsonl, --reject" 0 "$rt" --config="$tmp/rt.ini" --output-format=jsonl \
  --reject="$tmp/rej" "$tmp/bad.jsonl" samples/chats.jsonl
vgrun "ccroute replay bad (exit 1)" 1 "$rt" --config="$tmp/rt.ini" "$tmp/bad.csv"
vgrun "ccroute bad config (exit 1)" 1 "$rt" check --config="$tmp/bad.csv"
vgrun "ccroute erlang" 0 "$rt" erlang --calls=100 --aht=180 --patience=300 --agents=10-16
vgrun "ccroute erlang staffing" 0 "$rt" erlang --calls=360 --aht=240 --target-sl=80

# ccivr-sim lint: the samples, every lint fixture, bad files.
iv=$bld/src/ccivr-sim/ccivr-sim
for f in samples/*-ivr.json tests/data/ivr-lint-*.json; do
  vgrun "ccivr-sim lint $f" 0,1 "$iv" lint "$f"
done
vgrun "ccivr-sim lint junk (exit 1)" 1 "$iv" lint "$tmp/bad.csv"
IN=samples/bank-ivr.json vgrun "ccivr-sim lint stdin" 0 "$iv" lint -
for f in samples/*-ivr.json; do
  vgrun "ccivr-sim run $f" 0 "$iv" run --calls=300 --seed=3 "$f"
  vgrun "ccivr-sim run --summary $f" 0 "$iv" run --calls=300 --summary "$f"
  vgrun "ccivr-sim analyse $f" 0 "$iv" analyse --nodes "$f"
  vgrun "ccivr-sim analyse closed $f" 0 "$iv" analyse --hours=closed --by-reason "$f"
  vgrun "ccivr-sim dot $f" 0 "$iv" dot "$f"
done
vgrun "ccivr-sim run --to-queue jsonl" 0 "$iv" run --to-queue --calls=200 --output-format=jsonl \
  samples/bank-ivr.json
vgrun "ccivr-sim analyse bad menu (exit 1)" 1 "$iv" analyse tests/data/ivr-lint-L005.json
vgrun "ccivr-sim lint --analyse" 0 "$iv" lint --analyse --max-ivr-s=30 samples/bank-ivr.json \
  samples/telecom-ivr.json
vgrun "ccivr-sim analyse --segment" 0 "$iv" analyse --segment=business samples/telecom-ivr.json
vgrun "ccivr-sim run --node-stats, a rate profile" 0 "$iv" run --node-stats --duration=1d \
  --rate='08:00 60, 18:00 0' --tz=Europe/Dublin samples/telecom-ivr.json
"$iv" run --calls=200 --seed=4 --output-format=jsonl samples/telecom-ivr.json >"$tmp/ivr-run.jsonl"
vgrun "ccivr-sim run replayed with segments" 0 "$iv" run samples/telecom-ivr.json "$tmp/ivr-run.jsonl"
vgrun "ccivr-sim dot --stats" 0 "$iv" dot --stats="$tmp/ivr-run.jsonl" samples/telecom-ivr.json
vgrun "ccivr-sim dot --stats, a run of another menu (exit 1)" 1 "$iv" dot \
  --stats="$tmp/ivr-run.jsonl" samples/bank-ivr.json

# The unit tests.
n=0
for t in "$bld"/tests/unit/test_*; do
  [ -f "$t" ] && [ -x "$t" ] || continue
  n=$((n + 1))
  vgrun "unit test $(basename "$t")" 0 "$t"
done
[ $n -gt 0 ] || echo "     (no unit test binaries in $bld/tests/unit: run make check first)"

echo "valgrind: $runs runs, $bad failed"
[ $bad -eq 0 ]
