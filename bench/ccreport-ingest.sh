#!/usr/bin/env bash
# ccreport-ingest.sh: time 'ccreport ingest' into the SQLite history store
# against the sqlite3 shell's .import of the same CSV, and check that the
# store reports what the file reports.
#
# It generates BENCH_ROWS interaction records as CSV and as JSON Lines with
# bench/gen-records.c (as bench/ccreport.sh does), then times, each into a
# new database file on the same file system:
#   ccreport ingest     the CSV into a new store (WAL, one transaction per
#                       batch, duplicates by id checked)
#   ccreport ingest     the same CSV again: every record a duplicate
#   ccreport ingest     the JSON Lines file into a new store
#   sqlite3 .import     the CSV into a plain table (no index, no id check),
#                       the peer
# and the report of the store against the report of the file.  It prints
# wall time, max RSS, and the ratio to the sqlite3 import, and checks: the
# record counts (the store's rows, the import's rows, the ingest messages),
# and that 'ccreport --db STORE --by queue --interval 1d' equals
# 'ccreport --by queue --interval 1d FILE' byte for byte (both stores).
# Exits 1 when a check fails or a tool fails.
#
# Environment (all optional):
#   BENCH_DIR      work folder (default bench/out)
#   BENCH_ROWS     records (default 1000000)
#   BENCH_RUNS     runs per measurement, the fastest is kept (default 1)
#   BENCH_SEED     generator seed (default 42)
#   BENCH_INSTALL  0 to install nothing (default 1: apt-get sqlite3 and time
#                  as root when missing)
#   CCREPORT       the ccreport binary (default: src/ccreport/ccreport of
#                  this repository, else ccreport on PATH)
set -euo pipefail

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_SRC/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$BENCH_SRC/out}
BENCH_ROWS=${BENCH_ROWS:-1000000}
BENCH_RUNS=${BENCH_RUNS:-1}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_INSTALL=${BENCH_INSTALL:-1}

export LC_ALL=C

note () { printf '%s\n' "$*" >&2; }

case $BENCH_ROWS in '' | *[!0-9]* | 0) note "ccreport-ingest.sh: BENCH_ROWS must be a positive integer"; exit 2 ;; esac
case $BENCH_RUNS in '' | *[!0-9]* | 0) note "ccreport-ingest.sh: BENCH_RUNS must be a positive integer"; exit 2 ;; esac

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
WORK=$BENCH_DIR/ingest
mkdir -p "$WORK"
LOG=$WORK/bench.log
: >"$LOG"

# Install sqlite3 (the peer) and GNU time when missing, as root with apt-get.
install_tools () {
  local pkgs=()
  command -v sqlite3 >/dev/null 2>&1 || pkgs+=(sqlite3)
  type -P time >/dev/null || pkgs+=(time)
  [ ${#pkgs[@]} -gt 0 ] || return 0
  if [ "$BENCH_INSTALL" = 0 ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    note "missing: ${pkgs[*]} (not installing: needs root and apt-get, and BENCH_INSTALL != 0)"
    return 0
  fi
  note "installing with apt-get: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1 \
    || { apt-get update >>"$LOG" 2>&1 && apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1; } \
    || note "apt-get install failed (see $LOG)"
}

# Find ccreport: $CCREPORT, else this repository's build, else PATH.
find_ccreport () {
  if [ -n "${CCREPORT:-}" ]; then
    if [ ! -x "$CCREPORT" ] && ! command -v "$CCREPORT" >/dev/null 2>&1; then
      note "CCREPORT=$CCREPORT: not an executable"
      exit 2
    fi
  elif [ -x "$ROOT/src/ccreport/ccreport" ]; then
    CCREPORT=$ROOT/src/ccreport/ccreport
  elif command -v ccreport >/dev/null 2>&1; then
    CCREPORT=$(command -v ccreport)
  else
    note "ccreport-ingest.sh: no ccreport (set CCREPORT, or build src/ccreport/ccreport)"
    exit 2
  fi
}

# Build the generator when missing or older than its source; write the
# records file $1 in format $2 unless an up-to-date one is there.
GEN=$BENCH_DIR/gen-records
build_generator () {
  if [ ! -x "$GEN" ] || [ "$BENCH_SRC/gen-records.c" -nt "$GEN" ]; then
    cc -O2 -std=c11 -o "$GEN" "$BENCH_SRC/gen-records.c" -lm
  fi
}
generate () {
  local file=$1 format=$2
  if [ -s "$file" ] && [ "$file" -nt "$GEN" ]; then
    return 0
  fi
  note "generating $BENCH_ROWS records as $format: $file"
  "$GEN" --rows "$BENCH_ROWS" --seed "$BENCH_SEED" --format "$format" >"$file.tmp"
  mv "$file.tmp" "$file"
}

# run_timed NAME PREP CMD...: BENCH_RUNS times, run PREP (a shell command
# that removes the target database), then time CMD with stdout to
# $WORK/NAME.out and stderr to $WORK/NAME.err; T_WALL gets the fastest wall
# time in seconds, T_RSS the largest max RSS in MiB.  Returns CMD's status.
run_timed () {
  local name=$1 prep=$2
  shift 2
  local i t0 t1 wall kb best="" rss=0
  for ((i = 0; i < BENCH_RUNS; i++)); do
    bash -c "$prep"
    t0=$EPOCHREALTIME
    if ! "$GNU_TIME" -f '%M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
      T_WALL=-; T_RSS=-
      return 1
    fi
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    kb=$(tail -n 1 "$WORK/$name.time")
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
    fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  T_WALL=$best
  T_RSS=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
}

# ratio A B: A / B with two decimals, or - when either is missing.
ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 <= 0) print "-"; else printf "%.2f", a / b }'
}

STATUS=0
fail () { note "FAIL: $*"; STATUS=1; }

install_tools
find_ccreport
build_generator
GNU_TIME=$(type -P time || true)
[ -n "$GNU_TIME" ] || { note "ccreport-ingest.sh: GNU time (Debian package time) is needed"; exit 2; }
note "ccreport: $CCREPORT"

DATA=$BENCH_DIR/data
mkdir -p "$DATA"
CSV=$DATA/records-$BENCH_ROWS-s$BENCH_SEED.csv
JSONL=$DATA/records-$BENCH_ROWS-s$BENCH_SEED.jsonl
generate "$CSV" csv
generate "$JSONL" jsonl

STORE=$WORK/store.sqlite
STOREJ=$WORK/store-jsonl.sqlite
IMPORT=$WORK/import.sqlite
rmdb () { printf 'rm -f %q %q-wal %q-shm' "$1" "$1" "$1"; }

declare -A wall=() rss=()
TOOLS=()
measure () {
  local name=$1
  shift
  TOOLS+=("$name")
  note "[$BENCH_ROWS] $name"
  if ! run_timed "$name" "$@"; then
    fail "$name failed (see $WORK/$name.err)"
  fi
  wall[$name]=$T_WALL
  rss[$name]=$T_RSS
}

measure ingest-csv "$(rmdb "$STORE")" "$CCREPORT" ingest --db "$STORE" "$CSV"
measure ingest-again "true" "$CCREPORT" ingest --db "$STORE" "$CSV"
measure ingest-jsonl "$(rmdb "$STOREJ")" "$CCREPORT" ingest --db "$STOREJ" "$JSONL"
if command -v sqlite3 >/dev/null 2>&1; then
  measure sqlite3-import "$(rmdb "$IMPORT")" sqlite3 -batch -bail "$IMPORT" ".import --csv $CSV t"
else
  fail "sqlite3 is not installed: no peer"
fi
REPORT=(--by queue --interval 1d --output-format csv)
measure report-store "true" "$CCREPORT" --db "$STORE" "${REPORT[@]}"
measure report-file "true" "$CCREPORT" "${REPORT[@]}" "$CSV"

# ----------------------------------------------------------------- checks ---

want_new="ccreport: $STORE: $BENCH_ROWS records stored, 0 duplicates ignored"
want_dup="ccreport: $STORE: 0 records stored, $BENCH_ROWS duplicates ignored"
want_json="ccreport: $STOREJ: $BENCH_ROWS records stored, 0 duplicates ignored"
[ "$(cat "$WORK/ingest-csv.err")" = "$want_new" ] || fail "ingest-csv said: $(cat "$WORK/ingest-csv.err")"
[ "$(cat "$WORK/ingest-again.err")" = "$want_dup" ] || fail "ingest-again said: $(cat "$WORK/ingest-again.err")"
[ "$(cat "$WORK/ingest-jsonl.err")" = "$want_json" ] || fail "ingest-jsonl said: $(cat "$WORK/ingest-jsonl.err")"
if command -v sqlite3 >/dev/null 2>&1; then
  n=$(sqlite3 "$STORE" 'SELECT count(*) FROM records')
  [ "$n" = "$BENCH_ROWS" ] || fail "the store holds $n records, not $BENCH_ROWS"
  n=$(sqlite3 "$IMPORT" 'SELECT count(*) FROM t')
  [ "$n" = "$BENCH_ROWS" ] || fail "the import holds $n rows, not $BENCH_ROWS"
fi
if ! cmp -s "$WORK/report-file.out" "$WORK/report-store.out"; then
  fail "the store's report differs from the file's:"
  diff "$WORK/report-file.out" "$WORK/report-store.out" | head -n 20 >&2 || true
fi
"$CCREPORT" --db "$STOREJ" "${REPORT[@]}" >"$WORK/report-store-jsonl.out" \
  || fail "the report of the JSON Lines store failed"
cmp -s "$WORK/report-file.out" "$WORK/report-store-jsonl.out" \
  || fail "the JSON Lines store's report differs from the file's"
[ "$(wc -l <"$WORK/report-file.out")" -gt 2 ] || fail "the report has no rows"

# ----------------------------------------------------------------- report ---

peer=${wall[sqlite3-import]:--}
printf '\nccreport ingest benchmark: %s records (%s, %s MiB CSV)\n' "$BENCH_ROWS" "$CSV" \
  "$(awk -v b="$(stat -c %s "$CSV")" 'BEGIN { printf "%.0f", b / 1048576 }')"
printf 'ccreport: %s; runs per measurement: %s (fastest kept); seed %s\n\n' "$CCREPORT" "$BENCH_RUNS" "$BENCH_SEED"
printf '%-16s %9s %9s %9s %12s\n' step wall_s rss_mib ratio records_per_s
for t in "${TOOLS[@]}"; do
  rate=$(awk -v n="$BENCH_ROWS" -v w="${wall[$t]}" 'BEGIN { if (w == "-" || w + 0 <= 0) print "-"; else printf "%.0f", n / w }')
  printf '%-16s %9s %9s %9s %12s\n' "$t" "${wall[$t]}" "${rss[$t]}" "$(ratio "${wall[$t]}" "$peer")" "$rate"
done
printf '\nratio: wall time / the sqlite3 import'"'"'s (sqlite3 -batch FILE ".import --csv CSV t":\n'
printf '  one table of text columns, no index, no id check, rollback journal).\n'
printf 'ingest-csv, ingest-jsonl: into a new store; ingest-again: the CSV again, all duplicates.\n'
printf 'report-store / report-file: ccreport %s from the store / from the CSV.\n' "${REPORT[*]}"
printf 'store size: %s MiB; import size: %s MiB\n' \
  "$(awk -v b="$(stat -c %s "$STORE")" 'BEGIN { printf "%.0f", b / 1048576 }')" \
  "$( [ -f "$IMPORT" ] && awk -v b="$(stat -c %s "$IMPORT")" 'BEGIN { printf "%.0f", b / 1048576 }' || echo -)"
printf 'check (the store'"'"'s report equals the file'"'"'s, counts as expected): %s\n' \
  "$( [ "$STATUS" = 0 ] && echo PASS || echo FAIL)"
printf 'outputs: %s\n' "$WORK"
exit "$STATUS"
