#!/usr/bin/env bash
# ccreport.sh: benchmark ccreport against peer tools, and check that every
# peer computes the same figures.
#
# For each size in BENCH_ROWS it generates a CSV file of interaction records
# (and a JSON Lines file of the same records) with bench/gen-records.c, times
#   ccreport --by queue --output-format csv --no-total FILE
# on both, times each peer computing the same per-queue figures over inbound
# rows (queue, offered, answered, abandoned, asa, wait_p90, wait_max), checks
# that every peer's figures equal ccreport's, and prints wall time, max RSS
# and the ratio peer time / ccreport time.  Exits 1 when any figure differs,
# a tool fails, or ccreport is missing (the peers are then checked against
# each other).
#
# Environment (all optional):
#   BENCH_DIR           work folder (default bench/out)
#   BENCH_ROWS          sizes, e.g. "20000" (default "1000000 10000000")
#   BENCH_PEERS         subset of "duckdb awk datamash mlr sqlite3" (default: all)
#   BENCH_RUNS          runs per measurement, the fastest is kept (default 1)
#   BENCH_SEED          generator seed (default 42)
#   BENCH_QUOTED_SHARE  share of rows with a quoted customer (default 0.33)
#   BENCH_INSTALL       0 to install nothing (default 1: apt-get as root, npm)
#   CCREPORT            the ccreport binary (default: src/ccreport/ccreport
#                       of this repository, else ccreport on PATH)
set -euo pipefail

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_SRC/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$BENCH_SRC/out}
BENCH_ROWS=${BENCH_ROWS:-"1000000 10000000"}
BENCH_PEERS=${BENCH_PEERS:-"duckdb awk datamash mlr sqlite3"}
BENCH_RUNS=${BENCH_RUNS:-1}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_QUOTED_SHARE=${BENCH_QUOTED_SHARE:-0.33}
BENCH_INSTALL=${BENCH_INSTALL:-1}
PEERS_DIR=$BENCH_SRC/peers

# Figures every tool computes, in output order.
ALL_COLS=queue,offered,answered,abandoned,asa,wait_p90,wait_max
RSS_GOAL_MIB=32

# Byte-order sorting and '.' decimals everywhere (awk, sort, EPOCHREALTIME).
export LC_ALL=C

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
LOG=$BENCH_DIR/bench.log
: >"$LOG"

say () { printf '%s\n' "$*"; }
note () { printf '%s\n' "$*" >&2; }

for p in $BENCH_PEERS; do
  case $p in
    duckdb | awk | datamash | mlr | sqlite3) ;;
    *) note "ccreport.sh: unknown peer '$p' (known: duckdb awk datamash mlr sqlite3)"; exit 2 ;;
  esac
done
case $BENCH_RUNS in '' | *[!0-9]* | 0) note "ccreport.sh: BENCH_RUNS must be a positive integer"; exit 2 ;; esac

# True when peer $1 was selected in BENCH_PEERS.
peer_selected () {
  case " $BENCH_PEERS " in *" $1 "*) return 0 ;; esac
  return 1
}

# ---------------------------------------------------------------- setup ---

# Install the Debian packages of the selected peers that are missing (and
# GNU time, which measures RSS), when running as root with apt-get; apt-get
# update is run only when the first install attempt fails.
install_debian_tools () {
  local want=() pkgs=()
  type -P time >/dev/null || pkgs+=(time)
  peer_selected awk && want+=(gawk:gawk)
  peer_selected datamash && want+=(datamash:datamash)
  peer_selected mlr && want+=(mlr:miller)
  peer_selected sqlite3 && want+=(sqlite3:sqlite3)
  local w
  for w in "${want[@]}"; do
    command -v "${w%%:*}" >/dev/null 2>&1 || pkgs+=("${w#*:}")
  done
  [ ${#pkgs[@]} -gt 0 ] || return 0
  if [ "$BENCH_INSTALL" = 0 ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    note "missing: ${pkgs[*]} (not installing: needs root and apt-get, and BENCH_INSTALL != 0)"
    return 0
  fi
  note "installing with apt-get: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1 \
    || { apt-get update >>"$LOG" 2>&1 && apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1; } \
    || note "apt-get install failed (see $LOG); the peers that need it are skipped"
}

# Install @duckdb/node-api into $BENCH_DIR/node when the duckdb peer is
# selected and it is not there yet, and put the peer's script beside it.
install_duckdb () {
  peer_selected duckdb || return 0
  local nd=$BENCH_DIR/node
  if [ ! -d "$nd/node_modules/@duckdb/node-api" ]; then
    if [ "$BENCH_INSTALL" = 0 ] || ! command -v npm >/dev/null 2>&1; then
      note "@duckdb/node-api missing (needs npm, and BENCH_INSTALL != 0)"
      return 0
    fi
    note "installing @duckdb/node-api into $nd"
    mkdir -p "$nd"
    npm install --prefix "$nd" --no-audit --no-fund @duckdb/node-api >>"$LOG" 2>&1 \
      || { note "npm install failed (see $LOG); duckdb is skipped"; return 0; }
  fi
  cp "$PEERS_DIR/duckdb-report.mjs" "$nd/duckdb-report.mjs"
}

# Build the generator when missing or older than its source.
build_generator () {
  GEN=$BENCH_DIR/gen-records
  if [ ! -x "$GEN" ] || [ "$BENCH_SRC/gen-records.c" -nt "$GEN" ]; then
    cc -O2 -std=c11 -o "$GEN" "$BENCH_SRC/gen-records.c" -lm
  fi
}

# Generate the records file $1 (rows $2, format $3) unless an up-to-date one
# is there; written to a temporary name first so a broken run leaves none.
generate () {
  local file=$1 rows=$2 format=$3
  if [ -s "$file" ] && [ "$file" -nt "$GEN" ]; then
    return 0
  fi
  note "generating $rows rows as $format: $file"
  "$GEN" --rows "$rows" --seed "$BENCH_SEED" --format "$format" \
    --quoted-share "$BENCH_QUOTED_SHARE" >"$file.tmp"
  mv "$file.tmp" "$file"
}

# Find ccreport: $CCREPORT, else this repository's build, else PATH.
# CCREPORT is left empty when there is none.
find_ccreport () {
  if [ -n "${CCREPORT:-}" ]; then
    if [ ! -x "$CCREPORT" ] && ! command -v "$CCREPORT" >/dev/null 2>&1; then
      note "CCREPORT=$CCREPORT: not an executable"
      CCREPORT=
    fi
  elif [ -x "$ROOT/src/ccreport/ccreport" ]; then
    CCREPORT=$ROOT/src/ccreport/ccreport
  elif command -v ccreport >/dev/null 2>&1; then
    CCREPORT=$(command -v ccreport)
  else
    CCREPORT=
  fi
}

# --------------------------------------------------------------- timing ---

# run_timed OUT CMD...: run CMD BENCH_RUNS times, stdout to OUT and stderr to
# OUT.err; set T_WALL to the fastest wall time in seconds (from bash's
# EPOCHREALTIME, so milliseconds are real) and T_RSS to the largest max RSS
# in MiB reported by GNU time.  For a pipeline run under bash -c, GNU time
# reports the largest single process, not the sum.  Returns CMD's status.
run_timed () {
  local out=$1; shift
  local i t0 t1 wall kb best="" rss=0
  for ((i = 0; i < BENCH_RUNS; i++)); do
    t0=$EPOCHREALTIME
    if ! "$GNU_TIME" -f '%M' -o "$out.time" "$@" >"$out" 2>"$out.err"; then
      T_WALL=-; T_RSS=-
      return 1
    fi
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    kb=$(tail -n 1 "$out.time")
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
    fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  T_WALL=$best
  T_RSS=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
}

# ---------------------------------------------------------------- peers ---

# The columns peer $1 computes (datamash has no nearest-rank percentile).
peer_cols () {
  case $1 in
    datamash) echo queue,offered,answered,abandoned,asa,wait_max ;;
    *) echo "$ALL_COLS" ;;
  esac
}

# Whether peer $1 can run here (its tools are installed).
peer_available () {
  case $1 in
    duckdb) command -v node >/dev/null 2>&1 && [ -f "$BENCH_DIR/node/duckdb-report.mjs" ] ;;
    awk) command -v gawk >/dev/null 2>&1 ;;
    datamash) command -v datamash >/dev/null 2>&1 ;;
    mlr) command -v mlr >/dev/null 2>&1 ;;
    sqlite3) command -v sqlite3 >/dev/null 2>&1 ;;
  esac
}

# run_peer NAME CSV OUT: time peer NAME computing the figures of CSV into OUT.
run_peer () {
  local name=$1 csv=$2 out=$3
  case $name in
    duckdb)
      run_timed "$out" node "$BENCH_DIR/node/duckdb-report.mjs" "$csv" ;;
    awk)
      run_timed "$out" gawk -f "$PEERS_DIR/report.gawk" "$csv" ;;
    datamash)
      # The whole pipeline is timed: awk prep, datamash, awk format.
      # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash
      run_timed "$out" bash -c 'set -o pipefail
        awk -f "$1/datamash-prep.awk" "$2" \
          | datamash -t, -s --narm -g 1 count 1 sum 2 sum 3 sum 4 max 4 \
          | awk -f "$1/datamash-format.awk"' _ "$PEERS_DIR" "$csv" ;;
    mlr)
      # shellcheck disable=SC2016 # $direction is Miller's, not the shell's
      run_timed "$out" mlr --icsv --ocsv filter '$direction == "inbound"' \
        'then' put -q -f "$PEERS_DIR/report.mlr" 'then' sort -f queue "$csv" ;;
    sqlite3)
      # In-memory database: .import then the query, both timed.
      local script=$out.sql
      { printf '.import --csv "%s" t\n' "$csv"; cat "$PEERS_DIR/report.sqlite.sql"; } >"$script"
      # shellcheck disable=SC2016 # $1 is expanded by the inner bash
      run_timed "$out" bash -c 'sqlite3 -batch -bail <"$1"' _ "$script" ;;
  esac
}

# normalize RAW COLS NORM: the columns COLS of the CSV file RAW, header first
# and rows sorted, into NORM; what the checks diff.
normalize () {
  local raw=$1 cols=$2 norm=$3
  awk -v cols="$cols" -f "$PEERS_DIR/select-columns.awk" "$raw" >"$norm.tmp" || return 1
  { head -n 1 "$norm.tmp"; tail -n +2 "$norm.tmp" | sort; } >"$norm"
  rm -f "$norm.tmp"
  [ "$(wc -l <"$norm")" -gt 1 ] # at least one queue
}

# check NAME RAW REF_RAW COLS DIR: compare the columns COLS of RAW with those
# of REF_RAW; sets CHECK to PASS or FAIL (printing the differences).
check () {
  local name=$1 raw=$2 ref=$3 cols=$4 dir=$5
  CHECK=FAIL
  if ! normalize "$raw" "$cols" "$dir/$name.norm"; then
    note "MISMATCH: $name: no usable $cols in its output ($raw)"
  elif ! normalize "$ref" "$cols" "$dir/$name.ref.norm"; then
    note "MISMATCH: $name: the reference lacks $cols"
  elif ! diff -u "$dir/$name.ref.norm" "$dir/$name.norm" >"$dir/$name.diff"; then
    note "MISMATCH: $name (columns $cols), reference first:"
    head -n 40 "$dir/$name.diff" >&2
  else
    CHECK=PASS
  fi
}

# ----------------------------------------------------------------- main ---

install_debian_tools
install_duckdb
build_generator
find_ccreport
# GNU time, the program (not the shell keyword), measures max RSS.
GNU_TIME=$(type -P time || true)
if [ -z "$GNU_TIME" ]; then
  note "ccreport.sh: GNU time (Debian package time) is needed"
  exit 2
fi
if [ -n "$CCREPORT" ]; then
  note "ccreport: $CCREPORT"
else
  note "ccreport: NOT FOUND (no \$CCREPORT, src/ccreport/ccreport, nor ccreport on PATH);"
  note "  the peers are checked against each other and the run will exit 1"
fi

STATUS=0
TABLE=$BENCH_DIR/results.tsv
printf 'rows\ttool\twall_s\trss_mib\tratio\tcheck\n' >"$TABLE"
NOTES=()

# Add a row to the results table.
record () { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$TABLE"; }

# ratio A B: A / B with two decimals, or - when either is missing.
ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 <= 0) print "-"; else printf "%.2f", a / b }'
}

# measure_size ROWS: generate the files of ROWS records, time ccreport (CSV
# and JSONL) and every selected peer on them, then check each tool's figures
# against the reference -- ccreport's CSV output, or without it the first
# peer that computes every figure -- and add the rows to the results table.
measure_size () {
  local rows=$1 tools=() t p f ref='' refname='' cc_wall=-
  local data=$BENCH_DIR/data res=$BENCH_DIR/results/$1
  local base=$data/records-$rows-s$BENCH_SEED-q$BENCH_QUOTED_SHARE
  local csv=$base.csv jsonl=$base.jsonl
  local -A wall=() rss=() state=()
  mkdir -p "$data" "$res"
  rm -f "$res"/*
  generate "$csv" "$rows" csv
  [ -z "$CCREPORT" ] || generate "$jsonl" "$rows" jsonl

  # Run and time everything; state is ran, ERROR or SKIP.
  if [ -n "$CCREPORT" ]; then
    for t in ccreport ccreport-jsonl; do
      tools+=("$t")
      if [ "$t" = ccreport ]; then f=$csv; else f=$jsonl; fi
      note "[$rows] $t"
      if run_timed "$res/$t.out" "$CCREPORT" --by queue --output-format csv --no-total "$f"; then
        state[$t]=ran
      else
        state[$t]=ERROR
        note "$t failed on $f (see $res/$t.out.err)"
      fi
      wall[$t]=$T_WALL
      rss[$t]=$T_RSS
    done
  fi
  for p in $BENCH_PEERS; do
    tools+=("$p")
    wall[$p]=-
    rss[$p]=-
    if ! peer_available "$p"; then
      state[$p]=SKIP
      note "[$rows] $p: not installed, skipped"
      continue
    fi
    note "[$rows] $p"
    if run_peer "$p" "$csv" "$res/$p.out"; then
      state[$p]=ran
    else
      state[$p]=ERROR
      note "$p failed (see $res/$p.out.err)"
    fi
    wall[$p]=$T_WALL
    rss[$p]=$T_RSS
  done

  # The reference: the first tool (ccreport when it ran) whose output holds
  # every figure.  ccreport's output lacking one is a failure.
  for t in "${tools[@]}"; do
    [ "$t" != ccreport-jsonl ] || continue
    if [ "${state[$t]}" != ran ] || [ "$(peer_cols "$t")" != "$ALL_COLS" ]; then
      continue
    fi
    if normalize "$res/$t.out" "$ALL_COLS" "$res/$t.norm"; then
      ref=$res/$t.out
      refname=$t
      break
    fi
    if [ "$t" = ccreport ]; then
      state[$t]=FAIL
      note "ccreport: no usable $ALL_COLS in its output ($res/$t.out)"
    fi
  done
  [ "${state[ccreport]:-}" != ran ] || cc_wall=${wall[ccreport]}

  # Check and record.
  for t in "${tools[@]}"; do
    if [ "${state[$t]}" = ran ]; then
      if [ "$t" = "$refname" ]; then
        CHECK=REF
        [ "$t" = ccreport ] || CHECK="REF($t)"
      elif [ -n "$ref" ]; then
        check "$t" "$res/$t.out" "$ref" "$(peer_cols "$t")" "$res"
      else
        CHECK=-
      fi
    else
      CHECK=${state[$t]}
    fi
    case $CHECK in FAIL | ERROR) STATUS=1 ;; esac
    # The ratio is the tool's time / ccreport's CSV time (for ccreport-jsonl
    # that is JSONL time / CSV time).
    record "$rows" "$t" "${wall[$t]}" "${rss[$t]}" "$(ratio "${wall[$t]}" "$cc_wall")" "$CHECK"
  done
  if [ "$cc_wall" != - ]; then
    if awk -v r="${rss[ccreport]}" -v g="$RSS_GOAL_MIB" 'BEGIN { exit !(r < g) }'; then
      NOTES+=("ccreport max RSS at $rows rows: ${rss[ccreport]} MiB, under the goal of $RSS_GOAL_MIB MiB")
    else
      NOTES+=("ccreport max RSS at $rows rows: ${rss[ccreport]} MiB, NOT under the goal of $RSS_GOAL_MIB MiB")
    fi
  fi
}

for rows in $BENCH_ROWS; do
  case $rows in '' | *[!0-9]*) note "ccreport.sh: bad size in BENCH_ROWS: $rows"; exit 2 ;; esac
  measure_size "$rows"
done

# ---------------------------------------------------------------- report ---

say ""
say "ccreport benchmark: figures per queue over inbound rows ($ALL_COLS)"
say "ccreport: ${CCREPORT:-not found}; runs per measurement: $BENCH_RUNS (fastest kept); seed $BENCH_SEED"
say ""
awk -F'\t' '{ printf "%-10s %-16s %9s %9s %7s  %s\n", $1, $2, $3, $4, $5, $6 }' "$TABLE"
say ""
say "wall_s: wall-clock seconds; rss_mib: max resident set, MiB (of the largest"
say "  single process for pipelines); ratio: tool time / ccreport CSV time (for"
say "  ccreport-jsonl: JSONL time / CSV time); check: figures equal to the reference."
say "duckdb: the whole node process (@duckdb/node-api, threads=2, read_csv + query)."
say "awk: gawk, quote-aware splitting, exact per-second wait counts."
say "datamash: includes the awk prep step (drops the quoted customer field,"
say "  computes the wait) and a small awk format step; wait_p90 is not compared"
say "  (datamash perc interpolates, it is not the nearest rank)."
say "mlr: filter + put (DSL tallies, exact nearest-rank p90) + sort."
say "sqlite3: in-memory .import --csv plus the query, both timed."
for n in "${NOTES[@]}"; do say "NOTE: $n"; done
say "results: $TABLE; outputs and diffs: $BENCH_DIR/results/"

if [ -z "$CCREPORT" ]; then
  say "FAIL: ccreport not found; peers were only checked against each other"
  STATUS=1
fi
if [ "$STATUS" = 0 ]; then
  say "OK: every tool's figures agree"
else
  say "FAILED: see the check column and the messages above"
fi
exit "$STATUS"
