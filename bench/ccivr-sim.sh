#!/usr/bin/env bash
# ccivr-sim.sh: the speed of 'ccivr-sim run' against the goal of at least a
# million callers a second through a 15-node menu.
#
# The menu is bench/ivr-15.json (15 nodes, a utility's customer service:
# greeting, hours check, main menu, account number input, billing submenu,
# a self-service task, "anything else" menu, four queues, voicemail, end and
# an after-hours menu; patience in the IVR).  It is linted first
# (ccivr-sim lint --werror).  For each size N in BENCH_CALLS it times
# (the fastest of BENCH_RUNS runs)
#   summary   ccivr-sim run MENU --calls N --seed S --summary
#             (the simulation itself, figures only)
#   csv       ccivr-sim run MENU --calls N --seed S            > /dev/null
#   jsonl     ccivr-sim run MENU --calls N --seed S --output-format jsonl > /dev/null
#   to-queue  ccivr-sim run MENU --calls N --seed S --to-queue > /dev/null
# and prints wall seconds, CPU seconds of that run, max RSS, M callers/s
# (N / seconds: every caller is simulated, --to-queue writes only those who
# reach a queue), ns per caller and the ratio to the goal (callers/s /
# 1,000,000), and whether each run meets it.  The checks, cheap: the
# summary's calls is N (its node funnel gives the node count); one more
# (untimed) CSV run into wc has N data lines (its bytes give the bytes per
# record); at the smallest size, the JSON Lines run has N lines and the
# --to-queue run as many data lines as the summary's exit.to_queue.
# Exits 1 when ccivr-sim is missing, the menu has lint findings, a run
# fails or a check does not hold; a goal not met is only reported.
#
# Environment (all optional):
#   CCIVR        the ccivr-sim binary (default: src/ccivr-sim/ccivr-sim of
#                this repository, else _build/src/ccivr-sim/ccivr-sim, else
#                ccivr-sim on PATH)
#   QUICK        1: a short run (calls 10^4 10^5, one run each)
#   BENCH_DIR    work folder (default bench/out)
#   BENCH_CALLS  sizes (default "1000000 10000000")
#   BENCH_RUNS   runs per measurement, the fastest is kept (default 3)
#   BENCH_SEED   --seed (default 1)
#   BENCH_MENU   the menu (default bench/ivr-15.json)
set -euo pipefail

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_SRC/.." && pwd)
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  BENCH_CALLS=${BENCH_CALLS:-"10000 100000"}
  BENCH_RUNS=${BENCH_RUNS:-1}
fi
BENCH_DIR=${BENCH_DIR:-$BENCH_SRC/out}
BENCH_CALLS=${BENCH_CALLS:-"1000000 10000000"}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_MENU=${BENCH_MENU:-$BENCH_SRC/ivr-15.json}
# The goal of the issue: callers a second through a menu of GOAL_NODES nodes.
GOAL_CPS=1000000
GOAL_NODES=15
MODES="summary csv jsonl to-queue"

# '.' decimals everywhere (awk, printf, EPOCHREALTIME).
export LC_ALL=C

say () { printf '%s\n' "$*"; }
note () { printf '%s\n' "$*" >&2; }
die () { note "ccivr-sim.sh: $*"; exit 2; }

# Nonzero unless $1 is a positive integer.
posint () { case $1 in '' | *[!0-9]* | 0*) return 1 ;; esac; }
for v in $BENCH_CALLS; do
  posint "$v" || die "not a positive integer in BENCH_CALLS: '$v'"
done
[ -n "$BENCH_CALLS" ] || die "BENCH_CALLS is empty"
posint "$BENCH_RUNS" || die "BENCH_RUNS must be a positive integer"
posint "$BENCH_SEED" || [ "$BENCH_SEED" = 0 ] || die "BENCH_SEED must be an integer >= 0"
[ -f "$BENCH_MENU" ] || die "no menu $BENCH_MENU"

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RES=$BENCH_DIR/ccivr-sim
mkdir -p "$RES"
LOG=$RES/bench.log
: >"$LOG"

# ---------------------------------------------------------------- setup ---

# Find ccivr-sim: $CCIVR, else this repository's build (in the tree, then
# _build/), else PATH.  CCIVR is left empty when there is none.
find_ccivr () {
  if [ -n "${CCIVR:-}" ]; then
    if [ ! -x "$CCIVR" ] && ! command -v "$CCIVR" >/dev/null 2>&1; then
      note "CCIVR=$CCIVR: not an executable"
      CCIVR=
    fi
  elif [ -x "$ROOT/src/ccivr-sim/ccivr-sim" ]; then
    CCIVR=$ROOT/src/ccivr-sim/ccivr-sim
  elif [ -x "$ROOT/_build/src/ccivr-sim/ccivr-sim" ]; then
    CCIVR=$ROOT/_build/src/ccivr-sim/ccivr-sim
  elif command -v ccivr-sim >/dev/null 2>&1; then
    CCIVR=$(command -v ccivr-sim)
  else
    CCIVR=
  fi
}

# --------------------------------------------------------------- timing ---

# run_timed RUNS OUT TAG CMD...: run CMD RUNS times, stdout to OUT (a file or
# /dev/null), stderr to $RES/TAG.err; set T_WALL to the fastest wall time in
# seconds (bash's EPOCHREALTIME, microseconds), T_CPU to the user + system
# seconds of that run and T_RSS to the largest max RSS in MiB (both from GNU
# time, - without it).  Returns CMD's status.
run_timed () {
  local runs=$1 out=$2 tag=$3; shift 3
  local i t0 t1 wall kb=0 cpu=- best="" bcpu=- rss=0
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    if [ -n "$GNU_TIME" ]; then
      "$GNU_TIME" -f '%M %U %S' -o "$RES/$tag.time" "$@" >"$out" 2>"$RES/$tag.err" \
        || { T_WALL=-; T_CPU=-; T_RSS=-; return 1; }
    else
      "$@" >"$out" 2>"$RES/$tag.err" || { T_WALL=-; T_CPU=-; T_RSS=-; return 1; }
    fi
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    if [ -n "$GNU_TIME" ]; then
      read -r kb cpu < <(tail -n 1 "$RES/$tag.time" | awk '{ printf "%d %.2f\n", $1, $2 + $3 }')
    fi
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      bcpu=$cpu
    fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  T_WALL=$best
  T_CPU=$bcpu
  if [ -n "$GNU_TIME" ]; then
    T_RSS=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
  else
    T_RSS=-
  fi
}

# calc EXPR VAR=VALUE...: print the awk expression EXPR, or - when a value is
# - (a missing measurement).
calc () {
  local expr=$1; shift
  local args=() a
  for a in "$@"; do
    [ "${a#*=}" != - ] || { echo -; return 0; }
    args+=(-v "$a")
  done
  awk "${args[@]}" "BEGIN { $expr }"
}

# summary_value FILE NAME: the value of metric NAME in the CSV summary FILE,
# or -.
summary_value () {
  awk -F, -v name="$2" '$1 == name { v = $2 } END { print (v == "" ? "-" : v) }' "$1"
}

# The options of each mode, after MENU --calls N --seed S.
mode_args () {
  case $1 in
    summary) echo --summary ;;
    csv) ;;
    jsonl) echo --output-format=jsonl ;;
    to-queue) echo --to-queue ;;
  esac
}

# ----------------------------------------------------------------- main ---

find_ccivr
# GNU time, the program (not the shell keyword), measures max RSS and CPU.
GNU_TIME=$(type -P time || true)
[ -n "$GNU_TIME" ] || note "GNU time not found (Debian package time): no cpu_s nor rss_mib"
[ -n "$CCIVR" ] || {
  note "ccivr-sim: NOT FOUND (no \$CCIVR, src/ccivr-sim/ccivr-sim, _build/src/ccivr-sim/ccivr-sim"
  note "  nor ccivr-sim on PATH)"
  exit 1
}
note "ccivr-sim: $CCIVR"
STATUS=0
if ! "$CCIVR" lint --werror "$BENCH_MENU" >"$RES/lint.out" 2>&1; then
  note "ccivr-sim lint --werror $BENCH_MENU: findings (the menu must be clean):"
  head -n 10 "$RES/lint.out" >&2
  exit 1
fi

TABLE=$RES/results.tsv
printf 'mode\tcalls\tseconds\tcpu_s\trss_mib\tMcallers_per_s\tns_per_caller\tx_goal\tgoal\tcheck\n' >"$TABLE"
NOTES=()
NODES=-
read -r -a sizes <<<"$BENCH_CALLS"
first=${sizes[0]}

for n in $BENCH_CALLS; do
  sum=$RES/summary-$n.csv
  for mode in $MODES; do
    tag=$mode-$n
    out=/dev/null
    [ "$mode" != summary ] || out=$sum
    note "[ccivr-sim] $mode, $n callers"
    # shellcheck disable=SC2046 # mode_args is one word or none
    if run_timed "$BENCH_RUNS" "$out" "$tag" "$CCIVR" run "$BENCH_MENU" --calls="$n" \
      --seed="$BENCH_SEED" $(mode_args "$mode"); then
      check=ok
    else
      check=ERROR
      note "ccivr-sim failed (see $RES/$tag.err):"
      head -n 5 "$RES/$tag.err" >&2
    fi
    # The cheap checks (untimed).
    if [ "$check" = ok ]; then
      case $mode in
        summary)
          calls=$(summary_value "$sum" calls)
          NODES=$(grep -c '^node\..*\.entries,' "$sum" || true)
          if [ "$calls" != "$n" ]; then
            check=CALLS!=N
            note "summary: calls $calls, not $n ($sum)"
          fi
          ;;
        csv)
          read -r lines bytes < <("$CCIVR" run "$BENCH_MENU" --calls="$n" --seed="$BENCH_SEED" \
            2>>"$LOG" | wc -lc)
          hdr=$("$CCIVR" run "$BENCH_MENU" --calls=1 --seed="$BENCH_SEED" 2>>"$LOG" | head -n 1 | wc -c)
          if [ "$lines" != $((n + 1)) ]; then
            check=LINES!=N
            note "csv: $((lines - 1)) data lines, not $n"
          else
            NOTES+=("CSV at $n callers: $(calc 'printf "%.0f", (b - h) / n' b="$bytes" h="$hdr" n="$n") bytes per record, $(calc 'printf "%.0f", b / 1048576' b="$bytes") MiB in all")
          fi
          ;;
        jsonl)
          if [ "$n" = "$first" ]; then
            lines=$("$CCIVR" run "$BENCH_MENU" --calls="$n" --seed="$BENCH_SEED" \
              --output-format=jsonl 2>>"$LOG" | wc -l)
            [ "$lines" = "$n" ] || { check=LINES!=N; note "jsonl: $lines lines, not $n"; }
          fi
          ;;
        to-queue)
          if [ "$n" = "$first" ]; then
            want=$(summary_value "$sum" exit.to_queue)
            lines=$("$CCIVR" run "$BENCH_MENU" --calls="$n" --seed="$BENCH_SEED" --to-queue \
              2>>"$LOG" | wc -l)
            [ "$((lines - 1))" = "$want" ] \
              || { check=LINES!=TO_QUEUE; note "to-queue: $((lines - 1)) data lines, not exit.to_queue $want"; }
          fi
          ;;
      esac
    fi
    [ "$check" = ok ] || STATUS=1
    cps=$(calc 'printf "%.0f", n / w' n="$n" w="$T_WALL")
    x=$(calc 'printf "%.2f", c / g' c="$cps" g="$GOAL_CPS")
    goal=$(calc 'print (c >= g ? "met" : "NOT met")' c="$cps" g="$GOAL_CPS")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$n" "$T_WALL" "$T_CPU" "$T_RSS" \
      "$(calc 'printf "%.2f", c / 1e6' c="$cps")" "$(calc 'printf "%.0f", w * 1e9 / n' w="$T_WALL" n="$n")" \
      "$x" "$goal" "$check" >>"$TABLE"
  done
done

[ "$NODES" = "$GOAL_NODES" ] \
  || NOTES+=("the goal is for a $GOAL_NODES-node menu; $(basename "$BENCH_MENU") has $NODES nodes")
# The goal at the largest size, per mode.
last=${sizes[${#sizes[@]} - 1]}
for mode in $MODES; do
  line=$(awk -F'\t' -v m="$mode" -v n="$last" '$1 == m && $2 == n { print $6 " M callers/s, " $8 "x the goal: " $9 }' "$TABLE")
  NOTES+=("$mode at $last callers: ${line:--}")
done
# Records against the simulation alone.
for mode in csv jsonl to-queue; do
  r=$(awk -F'\t' -v m="$mode" -v n="$last" '$2 == n && $1 == "summary" { s = $3 } $2 == n && $1 == m { t = $3 }
        END { if (s + 0 > 0 && t != "" && t != "-") printf "%.1f", t / s; else print "-" }' "$TABLE")
  NOTES+=("$mode at $last callers takes ${r}x the time of --summary")
done

# ---------------------------------------------------------------- report ---

say ""
say "ccivr-sim benchmark: $(basename "$BENCH_MENU") ($NODES nodes), generated callers (60/h from"
say "  2000-01-01, seed $BENCH_SEED); goal: $GOAL_CPS callers/s through a $GOAL_NODES-node menu."
say "ccivr-sim: $CCIVR; runs per measurement: $BENCH_RUNS (fastest kept)"
say ""
awk -F'\t' '{ printf "%-9s %9s %8s %6s %8s %15s %14s %7s %8s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$TABLE"
say ""
say "seconds: wall time of the fastest run; cpu_s: user + system seconds of that run;"
say "  Mcallers_per_s: callers simulated / seconds (to-queue writes only those that"
say "  reach a queue); x_goal: callers/s / $GOAL_CPS; records go to /dev/null."
say "check: ok when the summary's calls = N, the CSV has N data lines"
say "  (an untimed run into wc), and at $first callers the JSON Lines has N lines and"
say "  --to-queue as many data lines as the summary's exit.to_queue."
say ""
for n in "${NOTES[@]}"; do say "NOTE: $n"; done
say "results: $TABLE; summaries and logs: $RES/"
if [ "$STATUS" = 0 ]; then
  say "OK"
else
  say "FAILED: see the check column and the messages above"
fi
exit "$STATUS"
