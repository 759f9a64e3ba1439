#!/usr/bin/env bash
# ccroute.sh: the speed of ccroute's simulation, and its ratio to SimPy.
#
# Two models, with the same parameters in ccroute and in SimPy 2.3.1
# (bench/peers/simpy_mmc.py): M/M/c (Poisson arrivals, exponential handling
# of mean BENCH_HANDLE seconds, c agents, load BENCH_LOAD, callers wait for
# ever) and M/M/c+M (the same with exponential patience of mean
# BENCH_PATIENCE seconds).  The arrival rate is scaled with c so that the
# load stays fixed.  For each model, agent count and number of calls it
# times
#   ccroute --config FILE --generate --calls N --seed S --summary \
#     --output-format jsonl -q
# (the fastest of BENCH_RUNS runs), reads the model events (arrivals +
# completions + abandonments) from the summary's "events" column, and prints
# seconds, M events/s, ns per event, the growth of the cost per event from
# one size to the next, and max RSS.  It then runs the SimPy model at c = 50
# for the sizes in SIMPY_CALLS and prints ccroute's speed / SimPy's, and
# times the record-output path (records to /dev/null, no --summary).
# Exits 1 when ccroute is missing or fails, or its event count is not
# 2 x calls (every call arrives and then completes or abandons).
#
# Environment (all optional):
#   CCROUTE         the ccroute binary (default: src/ccroute/ccroute of this
#                   repository, else _build/src/ccroute/ccroute, else PATH)
#   QUICK           1: a short run (calls 10^4 10^5, agents 10 50 500, one
#                   run each, SimPy at 10^4, records at 10^5)
#   BENCH_DIR       work folder (default bench/out)
#   BENCH_CALLS     sizes (default "100000 1000000 10000000")
#   BENCH_AGENTS    agent counts (default "10 50 500 5000")
#   BENCH_RUNS      runs per ccroute measurement, the fastest is kept (default 3)
#   BENCH_SEED      --seed of ccroute, seed of SimPy's generator (default 1)
#   BENCH_LOAD      offered load per agent (default 0.95)
#   BENCH_HANDLE    mean handling time, seconds (default 100)
#   BENCH_PATIENCE  mean patience of the abandonment model, seconds (default 300)
#   SIMPY_CALLS     SimPy sizes (default "100000 1000000"); a size is skipped
#                   when the last one, scaled, predicts more than SIMPY_LIMIT
#   SIMPY_LIMIT     seconds (default 60)
#   RECORD_CALLS    size of the record-output runs (default 1000000)
#   PYTHON          a Python 3 that can import SimPy 2 (default: python3 on
#                   PATH, else the system's /usr/bin/python3, where Debian's
#                   python3-simpy installs)
#   BENCH_INSTALL   0 to install nothing (default 1: apt-get install
#                   python3-simpy time when running as root)
set -euo pipefail

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_SRC/.." && pwd)
PEERS_DIR=$BENCH_SRC/peers
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  BENCH_CALLS=${BENCH_CALLS:-"10000 100000"}
  BENCH_AGENTS=${BENCH_AGENTS:-"10 50 500"}
  BENCH_RUNS=${BENCH_RUNS:-1}
  SIMPY_CALLS=${SIMPY_CALLS:-10000}
  RECORD_CALLS=${RECORD_CALLS:-100000}
fi
BENCH_DIR=${BENCH_DIR:-$BENCH_SRC/out}
BENCH_CALLS=${BENCH_CALLS:-"100000 1000000 10000000"}
BENCH_AGENTS=${BENCH_AGENTS:-"10 50 500 5000"}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_LOAD=${BENCH_LOAD:-0.95}
BENCH_HANDLE=${BENCH_HANDLE:-100}
BENCH_PATIENCE=${BENCH_PATIENCE:-300}
SIMPY_CALLS=${SIMPY_CALLS:-"100000 1000000"}
SIMPY_LIMIT=${SIMPY_LIMIT:-60}
RECORD_CALLS=${RECORD_CALLS:-1000000}
BENCH_INSTALL=${BENCH_INSTALL:-1}
SIMPY_AGENTS=50
# The goals of the issue: M events/s, and times SimPy with abandonment.
GOAL_MEPS=5
GOAL_RATIO=100

# '.' decimals everywhere (awk, printf, EPOCHREALTIME).
export LC_ALL=C

say () { printf '%s\n' "$*"; }
note () { printf '%s\n' "$*" >&2; }
die () { note "ccroute.sh: $*"; exit 2; }

# Nonzero unless $1 is a positive integer.
posint () { case $1 in '' | *[!0-9]* | 0*) return 1 ;; esac; }
for v in $BENCH_CALLS $BENCH_AGENTS $SIMPY_CALLS $RECORD_CALLS; do
  posint "$v" || die "not a positive integer in BENCH_CALLS, BENCH_AGENTS, SIMPY_CALLS or RECORD_CALLS: '$v'"
done
posint "$BENCH_RUNS" || die "BENCH_RUNS must be a positive integer"
posint "$BENCH_SEED" || [ "$BENCH_SEED" = 0 ] || die "BENCH_SEED must be an integer >= 0"
for v in BENCH_LOAD BENCH_HANDLE BENCH_PATIENCE SIMPY_LIMIT; do
  awk -v x="${!v}" 'BEGIN { exit !(x ~ /^[0-9]+(\.[0-9]+)?$/ && x + 0 > 0) }' \
    || die "$v must be a number > 0"
done

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RES=$BENCH_DIR/ccroute
mkdir -p "$RES"
LOG=$RES/bench.log
: >"$LOG"

# ---------------------------------------------------------------- setup ---

# Whether python $1 imports SimPy 2 (the "SimPy" package of 2.x).
simpy_in () {
  "$1" -c 'import SimPy, SimPy.Simulation; import sys; sys.exit(not SimPy.__version__.startswith("2."))' \
    >/dev/null 2>&1
}

# Set PY to a Python that imports SimPy 2, or empty.
find_python () {
  PY=
  local c
  for c in ${PYTHON:-python3 /usr/bin/python3}; do
    if command -v "$c" >/dev/null 2>&1 && simpy_in "$c"; then
      PY=$(command -v "$c")
      return 0
    fi
  done
}

# Install what is missing (Debian's python3-simpy and GNU time) with apt-get
# when running as root; otherwise say how.  apt-get update is run only when
# the first attempt fails.
install_debian_tools () {
  local pkgs=()
  type -P time >/dev/null || pkgs+=(time)
  find_python
  [ -n "$PY" ] || pkgs+=(python3-simpy)
  [ ${#pkgs[@]} -gt 0 ] || return 0
  if [ "$BENCH_INSTALL" = 0 ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    note "missing: ${pkgs[*]} (install with: apt-get install -y ${pkgs[*]};"
    note "  not installing here: needs root and apt-get, and BENCH_INSTALL != 0)"
    return 0
  fi
  note "installing with apt-get: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1 \
    || { apt-get update >>"$LOG" 2>&1 && apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$LOG" 2>&1; } \
    || note "apt-get install failed (see $LOG)"
  find_python
}

# Find ccroute: $CCROUTE, else this repository's build (in the tree, then
# _build/), else PATH.  CCROUTE is left empty when there is none.
find_ccroute () {
  if [ -n "${CCROUTE:-}" ]; then
    if [ ! -x "$CCROUTE" ] && ! command -v "$CCROUTE" >/dev/null 2>&1; then
      note "CCROUTE=$CCROUTE: not an executable"
      CCROUTE=
    fi
  elif [ -x "$ROOT/src/ccroute/ccroute" ]; then
    CCROUTE=$ROOT/src/ccroute/ccroute
  elif [ -x "$ROOT/_build/src/ccroute/ccroute" ]; then
    CCROUTE=$ROOT/_build/src/ccroute/ccroute
  elif command -v ccroute >/dev/null 2>&1; then
    CCROUTE=$(command -v ccroute)
  else
    CCROUTE=
  fi
}

# --------------------------------------------------------------- timing ---

# run_timed RUNS OUT TAG CMD...: run CMD RUNS times, stdout to OUT (a file or
# /dev/null), stderr to $RES/TAG.err; set T_WALL to the fastest wall time in
# seconds (bash's EPOCHREALTIME, microseconds), T_CPU to the user + system
# seconds of that run and T_RSS to the largest max RSS in MiB (both from GNU
# time).  Returns CMD's status.
run_timed () {
  local runs=$1 out=$2 tag=$3; shift 3
  local i t0 t1 wall kb cpu best="" bcpu=- rss=0
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    if ! "$GNU_TIME" -f '%M %U %S' -o "$RES/$tag.time" "$@" >"$out" 2>"$RES/$tag.err"; then
      T_WALL=-; T_CPU=-; T_RSS=-
      return 1
    fi
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    read -r kb cpu < <(tail -n 1 "$RES/$tag.time" | awk '{ printf "%d %.2f\n", $1, $2 + $3 }')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      bcpu=$cpu
    fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  T_WALL=$best
  T_CPU=$bcpu
  T_RSS=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
}

# calc EXPR VAR=VALUE...: print the awk expression EXPR, or - when a value is
# - (a missing measurement) or the expression divides by zero.
calc () {
  local expr=$1; shift
  local args=() a
  for a in "$@"; do
    [ "${a#*=}" != - ] || { echo -; return 0; }
    args+=(-v "$a")
  done
  awk "${args[@]}" "BEGIN { $expr }"
}

# ---------------------------------------------------------------- model ---

# The arrival rate per second at AGENTS $1: load x agents / handle.
rate_of () { awk -v c="$1" -v l="$BENCH_LOAD" -v h="$BENCH_HANDLE" 'BEGIN { printf "%.9g", l * c / h }'; }

# config MODEL AGENTS: write the ccroute configuration of MODEL (mmc or
# mmcm) at AGENTS agents and print its name.
config () {
  local model=$1 c=$2 f=$RES/$1-$2.ini
  {
    say "# bench/ccroute.sh: $model, load $BENCH_LOAD"
    say "[queue q]"
    say "agents = $c"
    say "rate = $(rate_of "$c")/s"
    say "handle = exp:$BENCH_HANDLE"
    [ "$model" = mmc ] || say "patience = exp:$BENCH_PATIENCE"
  } >"$f"
  printf '%s\n' "$f"
}

# model_name MODEL AGENTS: M/M/50 or M/M/50+M.
model_name () { if [ "$1" = mmc ]; then echo "M/M/$2"; else echo "M/M/$2+M"; fi; }

# The largest "events" value among the JSON Lines of the summary file $1 (the
# queue's row, or the total when there is one), or - when there is none.
summary_events () {
  awk 'match($0, /"events": *[0-9]+/) {
         v = substr($0, RSTART, RLENGTH); sub(/.*: */, "", v)
         if (v + 0 > best) best = v + 0; found = 1 }
       END { if (found) printf "%d\n", best; else print "-" }' "$1"
}

# summary_field FILE NAME: the value of NAME in the summary row of FILE that
# holds the events count (the TOTAL row), or -.
summary_field () {
  awk -v name="$2" '/"events": *[0-9]/ {
         if (match($0, "\"" name "\": *(\"[^\"]*\"|[-0-9.eE+]+|null)")) {
           v = substr($0, RSTART, RLENGTH); sub(/^[^:]*: */, "", v); gsub(/"/, "", v); val = v } }
       END { print (val == "" ? "-" : val) }' "$1"
}

# Results, by "MODEL/AGENTS/CALLS".
declare -A C_WALL=() C_CPU=() C_RSS=() C_EV=() C_STATE=()

# measure MODEL AGENTS CALLS: time ccroute's summary run (once per key).
measure () {
  local model=$1 c=$2 n=$3 key=$1/$2/$3 tag=$1-$2-$3 f ev
  [ -z "${C_STATE[$key]:-}" ] || return 0
  f=$(config "$model" "$c")
  note "[ccroute] $(model_name "$model" "$c"), $n calls"
  if run_timed "$BENCH_RUNS" "$RES/$tag.jsonl" "$tag" "$CCROUTE" --config "$f" --generate \
    --calls "$n" --seed "$BENCH_SEED" --summary --output-format jsonl -q; then
    ev=$(summary_events "$RES/$tag.jsonl")
    if [ "$ev" = - ]; then
      C_STATE[$key]=NO-EVENTS
      note "ccroute: no \"events\" in the summary ($RES/$tag.jsonl)"
    elif [ "$ev" != $((2 * n)) ]; then
      C_STATE[$key]=EVENTS!=2N
      note "ccroute: $ev events for $n calls, not $((2 * n)) ($RES/$tag.jsonl)"
    else
      C_STATE[$key]=ok
    fi
  else
    ev=-
    C_STATE[$key]=ERROR
    note "ccroute failed (see $RES/$tag.err):"
    head -n 5 "$RES/$tag.err" >&2
  fi
  [ "${C_STATE[$key]}" = ok ] || STATUS=1
  C_WALL[$key]=$T_WALL
  C_CPU[$key]=$T_CPU
  C_RSS[$key]=$T_RSS
  C_EV[$key]=$ev
}

# Results of SimPy, by "MODEL/CALLS": wall of the whole process, the
# simulation's own events/s, its output line.
declare -A S_WALL=() S_CPU=() S_EV=() S_EPS_IN=() S_LINE=()

# simpy MODEL CALLS: run the SimPy model (BENCH_RUNS times when one run
# takes under 10 s, else once).
simpy () {
  local model=$1 n=$2 key=$1/$2 tag=simpy-$1-$2 runs=1 args
  args=(--calls "$n" --agents "$SIMPY_AGENTS" --rate "$(rate_of "$SIMPY_AGENTS")"
    --handle "$BENCH_HANDLE" --seed "$BENCH_SEED")
  [ "$model" = mmc ] || args+=(--patience "$BENCH_PATIENCE")
  note "[simpy] $(model_name "$model" "$SIMPY_AGENTS"), $n calls"
  if ! run_timed 1 "$RES/$tag.out" "$tag" "$PY" "$PEERS_DIR/simpy_mmc.py" "${args[@]}"; then
    note "simpy_mmc.py failed (see $RES/$tag.err)"
    S_WALL[$key]=-
    return 0
  fi
  if [ "$BENCH_RUNS" -gt 1 ] && awk -v w="$T_WALL" 'BEGIN { exit !(w < 10) }'; then
    local first=$T_WALL first_cpu=$T_CPU
    if ! run_timed $((BENCH_RUNS - 1)) "$RES/$tag.out" "$tag" "$PY" "$PEERS_DIR/simpy_mmc.py" "${args[@]}" \
      || awk -v a="$first" -v b="$T_WALL" 'BEGIN { exit !(a < b) }'; then
      T_WALL=$first T_CPU=$first_cpu
    fi
  fi
  S_WALL[$key]=$T_WALL
  S_CPU[$key]=$T_CPU
  S_LINE[$key]=$(cat "$RES/$tag.out")
  S_EV[$key]=$(tr '\t' '\n' <"$RES/$tag.out" | sed -n 's/^events=//p')
  S_EPS_IN[$key]=$(tr '\t' '\n' <"$RES/$tag.out" | sed -n 's/^events_per_s=//p')
}

# ----------------------------------------------------------------- main ---

install_debian_tools
find_ccroute
# GNU time, the program (not the shell keyword), measures max RSS.
GNU_TIME=$(type -P time || true)
[ -n "$GNU_TIME" ] || die "GNU time (Debian package time) is needed"
STATUS=0
if [ -z "$CCROUTE" ]; then
  note "ccroute: NOT FOUND (no \$CCROUTE, src/ccroute/ccroute, _build/src/ccroute/ccroute"
  note "  nor ccroute on PATH); only SimPy is run and the run will exit 1"
  STATUS=1
else
  note "ccroute: $CCROUTE"
fi
if [ -n "$PY" ]; then
  note "SimPy: $("$PY" -c 'import SimPy; print(SimPy.__version__)') with $PY"
else
  note "SimPy 2 NOT FOUND: install Debian's python3-simpy (apt-get install -y python3-simpy)"
  note "  or set PYTHON to a Python 3 that imports SimPy 2.3; the SimPy ratios are skipped"
fi

TABLE=$RES/results.tsv
printf 'model\tcalls\tagents\tseconds\tcpu_s\tMev_per_s\tns_per_event\tgrowth\trss_mib\tcheck\n' >"$TABLE"
NOTES=()

# The grid: per model and agent count, every size; growth is the cost per
# event at this size / at the previous size.
if [ -n "$CCROUTE" ]; then
  for model in mmc mmcm; do
    for c in $BENCH_AGENTS; do
      prev=-
      for n in $BENCH_CALLS; do
        measure "$model" "$c" "$n"
        key=$model/$c/$n
        w=${C_WALL[$key]} ev=${C_EV[$key]}
        meps=$(calc 'printf "%.2f", e / w / 1e6' e="$ev" w="$w")
        ns=$(calc 'printf "%.1f", w * 1e9 / e' e="$ev" w="$w")
        growth=$(calc 'printf "%.2f", a / b' a="$ns" b="$prev")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(model_name "$model" "$c")" "$n" "$c" \
          "$w" "${C_CPU[$key]}" "$meps" "$ns" "$growth" "${C_RSS[$key]}" "${C_STATE[$key]}" >>"$TABLE"
        prev=$ns
      done
    done
  done
fi

# SimPy at c = 50, and ccroute at the same sizes (run here when the grid
# does not hold them).
SIMPY_TABLE=$RES/simpy.tsv
printf 'model\tcalls\tsimpy_s\tsimpy_Mev_per_s\tsimpy_inner_Mev_per_s\tccroute_s\tccroute_Mev_per_s\tratio\tratio_cpu\n' >"$SIMPY_TABLE"
if [ -n "$PY" ]; then
  for model in mmc mmcm; do
    last_n='' last_w=''
    for n in $SIMPY_CALLS; do
      if [ -n "$last_n" ] && [ "$last_w" != - ] \
        && ! awk -v w="$last_w" -v a="$last_n" -v b="$n" -v l="$SIMPY_LIMIT" 'BEGIN { exit !(w * b / a <= l) }'; then
        NOTES+=("SimPy $(model_name "$model" "$SIMPY_AGENTS") at $n calls skipped: predicted over $SIMPY_LIMIT s")
        continue
      fi
      simpy "$model" "$n"
      key=$model/$n
      last_n=$n last_w=${S_WALL[$key]}
      [ "$last_w" != - ] || continue
      ckey=$model/$SIMPY_AGENTS/$n
      if [ -n "$CCROUTE" ]; then
        measure "$model" "$SIMPY_AGENTS" "$n"
      else
        C_WALL[$ckey]=- C_CPU[$ckey]=- C_EV[$ckey]=-
      fi
      s_meps=$(calc 'printf "%.3f", e / w / 1e6' e="${S_EV[$key]}" w="${S_WALL[$key]}")
      s_in=$(calc 'printf "%.3f", x / 1e6' x="${S_EPS_IN[$key]:--}")
      c_meps=$(calc 'printf "%.2f", e / w / 1e6' e="${C_EV[$ckey]}" w="${C_WALL[$ckey]}")
      ratio=$(calc 'printf "%.0f", a / b' a="$c_meps" b="$s_meps")
      # The same by CPU seconds (GNU time counts in 0.01 s: - below 0.1 s).
      rcpu=$(calc 'if (c < 0.1) print "-"; else printf "%.0f", s / c' s="${S_CPU[$key]}" c="${C_CPU[$ckey]}")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(model_name "$model" "$SIMPY_AGENTS")" "$n" \
        "${S_WALL[$key]}" "$s_meps" "$s_in" "${C_WALL[$ckey]}" "$c_meps" "$ratio" "$rcpu" >>"$SIMPY_TABLE"
      if [ "$model" = mmcm ] && [ "$ratio" != - ]; then
        if awk -v r="$ratio" -v g="$GOAL_RATIO" 'BEGIN { exit !(r >= g) }'; then
          NOTES+=("ccroute / SimPy with abandonment at $n calls: ${ratio}x, goal ${GOAL_RATIO}x met")
        else
          NOTES+=("ccroute / SimPy with abandonment at $n calls: ${ratio}x, goal ${GOAL_RATIO}x NOT met")
        fi
      fi
    done
  done
fi

# The record-output path: the same runs writing every record to /dev/null
# (CSV, the default, and JSON Lines); events from the summary run of the
# same model and size; bytes per record from one more run into wc -c.
REC_TABLE=$RES/records.tsv
printf 'model\tcalls\tformat\tseconds\tcpu_s\tMrecords_per_s\tMev_per_s\tbytes_per_record\tvs_summary\trss_mib\n' >"$REC_TABLE"
if [ -n "$CCROUTE" ]; then
  for model in mmc mmcm; do
    n=$RECORD_CALLS c=$SIMPY_AGENTS
    measure "$model" "$c" "$n"
    f=$(config "$model" "$c")
    for fmt in csv jsonl; do
      tag=records-$model-$fmt-$n
      note "[ccroute records] $(model_name "$model" "$c"), $n calls, $fmt"
      if run_timed "$BENCH_RUNS" /dev/null "$tag" "$CCROUTE" --config "$f" --generate \
        --calls "$n" --seed "$BENCH_SEED" --output-format "$fmt" -q; then
        bytes=$("$CCROUTE" --config "$f" --generate --calls "$n" --seed "$BENCH_SEED" \
          --output-format "$fmt" -q | wc -c)
        # Less the CSV header line.
        [ "$fmt" = jsonl ] || bytes=$((bytes - $("$CCROUTE" --config "$f" --generate --calls 1 \
          --seed "$BENCH_SEED" --output-format csv -q | head -n 1 | wc -c)))
      else
        note "ccroute failed (see $RES/$tag.err)"
        STATUS=1
        bytes=-
      fi
      key=$model/$c/$n
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(model_name "$model" "$c")" "$n" "$fmt" "$T_WALL" "$T_CPU" \
        "$(calc 'printf "%.2f", n / w / 1e6' n="$n" w="$T_WALL")" \
        "$(calc 'printf "%.2f", e / w / 1e6' e="${C_EV[$key]}" w="$T_WALL")" \
        "$(calc 'printf "%.0f", b / n' b="$bytes" n="$n")" \
        "$(calc 'printf "%.2f", a / b' a="$T_WALL" b="${C_WALL[$key]}")" "$T_RSS" >>"$REC_TABLE"
    done
  done
fi

# ---------------------------------------------------------------- notes ---

if [ -n "$CCROUTE" ]; then
  # Speed against the goal, at the largest size with c = 50 (else the
  # largest agent count measured).
  for model in mmc mmcm; do
    best_key=
    for c in $BENCH_AGENTS; do
      for n in $BENCH_CALLS; do
        key=$model/$c/$n
        [ "${C_STATE[$key]:-}" = ok ] || continue
        if [ "$c" = "$SIMPY_AGENTS" ] || [ -z "$best_key" ]; then best_key=$key; fi
      done
    done
    [ -n "$best_key" ] || continue
    IFS=/ read -r _ c n <<<"$best_key"
    meps=$(calc 'printf "%.2f", e / w / 1e6' e="${C_EV[$best_key]}" w="${C_WALL[$best_key]}")
    if awk -v m="$meps" -v g="$GOAL_MEPS" 'BEGIN { exit !(m >= g) }'; then
      NOTES+=("$(model_name "$model" "$c") at $n calls: $meps M events/s, goal $GOAL_MEPS met")
    else
      NOTES+=("$(model_name "$model" "$c") at $n calls: $meps M events/s, goal $GOAL_MEPS NOT met")
    fi
  done
  # Memory against the number of calls: max RSS at the smallest and the
  # largest size, per model and agent count.
  read -r -a sizes <<<"$BENCH_CALLS"
  first=${sizes[0]}
  last=${sizes[${#sizes[@]} - 1]}
  if [ "$first" != "$last" ]; then
    for model in mmc mmcm; do
      line=
      for c in $BENCH_AGENTS; do
        line+=" c=$c: ${C_RSS[$model/$c/$first]:--} -> ${C_RSS[$model/$c/$last]:--};"
      done
      NOTES+=("max RSS MiB, $first -> $last calls, $(model_name "$model" c):${line%;}")
    done
  fi
fi

# ---------------------------------------------------------------- report ---

say ""
say "ccroute benchmark: generated Poisson arrivals, exp:$BENCH_HANDLE handling, load $BENCH_LOAD per agent;"
say "  +M: exp:$BENCH_PATIENCE patience.  Model events = arrivals + completions + abandonments."
say "ccroute: ${CCROUTE:-not found}; runs per measurement: $BENCH_RUNS (fastest kept); seed $BENCH_SEED"
say ""
say "ccroute --summary (events/s of the whole process):"
awk -F'\t' '{ printf "%-12s %9s %6s %9s %7s %10s %13s %7s %8s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$TABLE"
say ""
say "growth: ns per event at this size / at the previous size (cost per event"
say "  growing like log n would give $(awk 'BEGIN { printf "%.2f", log(1e6) / log(1e5) }') from 10^5 to 10^6 and $(awk 'BEGIN { printf "%.2f", log(1e7) / log(1e6) }') from 10^6 to 10^7;"
say "  1.00 is a cost per event independent of the run's length)."
say "cpu_s: user + system seconds of the fastest run (well below seconds: the"
say "  machine was busy with other work).  check: ok when events = 2 x calls."
say ""
if [ -n "$PY" ]; then
  say "SimPy $("$PY" -c 'import SimPy; print(SimPy.__version__)') (bench/peers/simpy_mmc.py) against ccroute, c = $SIMPY_AGENTS:"
  awk -F'\t' '{ printf "%-10s %9s %8s %15s %21s %9s %17s %6s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$SIMPY_TABLE"
  say ""
  say "simpy_s, ccroute_s: wall seconds of the whole process; simpy_inner: SimPy's"
  say "  events/s without the interpreter's start-up; ratio: ccroute events/s / SimPy events/s;"
  say "  ratio_cpu: the same by user + system seconds (steadier on a busy machine; - when"
  say "  ccroute's run took under 0.1 s of CPU, GNU time's resolution being 0.01 s)."
  say "The same model in both (a check that they simulate the same queue; the"
  say "  figures differ by sampling noise only):"
  for key in "${!S_LINE[@]}"; do
    model=${key%/*} n=${key#*/}
    line=$(tr '\t' '\n' <<<"${S_LINE[$key]}" | sed -n 's/^\(asa_s\|p_abandon\)=/\1 /p' | tr '\n' ' ')
    say "  $(model_name "$model" "$SIMPY_AGENTS") $n calls: SimPy ${line% }"
    f=$RES/$model-$SIMPY_AGENTS-$n.jsonl
    if [ -n "$CCROUTE" ] && [ -s "$f" ]; then
      say "  $(model_name "$model" "$SIMPY_AGENTS") $n calls: ccroute asa_s $(summary_field "$f" asa_s) p_abandon $(summary_field "$f" p_abandon)"
    fi
  done | sort
  if [ -n "$CCROUTE" ]; then
    # The stationary figures, from ccroute erlang (Erlang C, Erlang A).
    for model in mmc mmcm; do
      args=(--rate "$(rate_of "$SIMPY_AGENTS")/s" --aht "$BENCH_HANDLE" --agents "$SIMPY_AGENTS")
      [ "$model" = mmc ] || args+=(--patience "$BENCH_PATIENCE")
      if "$CCROUTE" erlang "${args[@]}" --output-format jsonl >"$RES/erlang-$model.jsonl" 2>>"$LOG"; then
        say "  $(model_name "$model" "$SIMPY_AGENTS") theory (ccroute erlang): asa_s $(sed -n 's/.*"asa_s": *\([^,}]*\).*/\1/p' "$RES/erlang-$model.jsonl") p_abandon $(sed -n 's/.*"p_abandon": *\([^,}]*\).*/\1/p' "$RES/erlang-$model.jsonl")"
      fi
    done
  fi
  say ""
else
  say "SimPy: not run (install Debian's python3-simpy: apt-get install -y python3-simpy)"
  say ""
fi
if [ -n "$CCROUTE" ]; then
  say "ccroute record output to /dev/null (no --summary), c = $SIMPY_AGENTS:"
  awk -F'\t' '{ printf "%-10s %9s %6s %9s %6s %15s %10s %17s %11s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$REC_TABLE"
  say ""
  say "Mev_per_s: the summary run's events / this run's seconds; vs_summary: seconds /"
  say "  the --summary run's seconds at the same size."
  say ""
fi
for n in "${NOTES[@]}"; do say "NOTE: $n"; done
say "results: $RES/results.tsv, simpy.tsv, records.tsv; outputs: $RES/"
if [ "$STATUS" = 0 ]; then
  say "OK"
else
  say "FAILED: see the check column and the messages above"
fi
exit "$STATUS"
