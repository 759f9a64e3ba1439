#!/usr/bin/env bash
# tests/fuzz/run.sh: build the libFuzzer harnesses and run each one briefly.
#
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]
#
# SECONDS per harness (default 20); HARNESS names (fuzz_csv, fuzz_jsonl,
# fuzz_time, fuzz_scan, fuzz_qlog, fuzz_cdr, fuzz_route_conf, fuzz_route_sim, fuzz_jdoc,
# fuzz_ivr_menu, fuzz_ivr_stats; default all).  Needs clang with libFuzzer and a
# bootstrapped tree (./configure present, as after ./quickstart.sh).
#
# 1. configures a private VPATH build directory _fuzz/ with clang (once; the
#    source tree itself is never configured) for config.h;
# 2. compiles src/core/*.c and gnulib's progname.c with ASan + UBSan and
#    links each harness with libFuzzer;
# 3. runs each harness for SECONDS on a copy of tests/fuzz/corpus/HARNESS in
#    a temporary directory (the committed corpus never grows);
# 4. exits 1 if any harness found a crash, leak, timeout or failed invariant,
#    printing the input in hex and as a printf string; the inputs are kept
#    under fuzz-out/HARNESS/.  Reproduce with: _fuzz/fuzz/HARNESS FILE
#
# Environment: CLANG (default clang), FUZZ_JOBS (harnesses run at once,
# default: all if there are 4 CPUs or more, else 1), FUZZ_CFLAGS (extra
# compiler flags, e.g. -DFUZZ_LAX_ERRORS; see the harnesses).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
top=$PWD
secs=${1:-20}
case $secs in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [HARNESS...]" >&2; exit 2 ;; esac
shift $(($# > 0 ? 1 : 0))
all=(fuzz_csv fuzz_jsonl fuzz_time fuzz_scan fuzz_qlog fuzz_cdr fuzz_route_conf fuzz_route_sim fuzz_jdoc fuzz_ivr_menu fuzz_ivr_stats)
if [ $# -gt 0 ]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi
for h in "${harnesses[@]}"; do
  [ -f "tests/fuzz/$h.c" ] || { echo "run.sh: no harness tests/fuzz/$h.c" >&2; exit 2; }
done
cc=${CLANG:-clang}
bld=${FUZZ_BUILD:-_fuzz}
out=$bld/fuzz

say() { echo "fuzz: $*"; }
die() { echo "fuzz: $*" >&2; exit 1; }

command -v "$cc" >/dev/null || die "$cc not found (apt-get install clang)"
[ -x configure ] || die "no ./configure: bootstrap first (./quickstart.sh does)"
if [ -f config.status ]; then
  die "the source tree is configured in place; run 'make distclean' there (builds are VPATH)"
fi

# 1. A private configured build directory, for config.h.
if [ ! -f $bld/config.h ] || [ ! -f $bld/config.status ] || [ configure -nt $bld/config.status ]; then
  say "configuring $bld/"
  mkdir -p $bld
  (cd $bld && CC=$cc ../configure -q) >$bld/configure.out 2>&1 \
    || { tail -30 $bld/configure.out; die "configure failed"; }
fi

# 2. Build.  Every core source is compiled, so a harness may use any of them.
mkdir -p $out/obj
cflags=(-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
        -I$bld -I$bld/lib -Ilib -Isrc/core ${FUZZ_CFLAGS:-})
libs=(-lcsv -ljansson -lpcre2-8 -lpthread -lm)
rm -f $out/obj/*.o
pids=()
for src in src/core/*.c lib/progname.c; do
  o=$out/obj/$(basename "$src" .c).o
  "$cc" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$o" 2>$o.err &
  pids+=($!)
done
ok=1
for p in "${pids[@]}"; do wait "$p" || ok=0; done
if [ $ok = 0 ]; then cat $out/obj/*.err >&2; die "compiling the core failed"; fi
for h in "${harnesses[@]}"; do
  # A harness may name tool sources on a line "// FUZZ_SOURCES: FILE...".
  extra=($(sed -n 's|^// FUZZ_SOURCES:||p' "tests/fuzz/$h.c"))
  for s in "${extra[@]}"; do extra+=("-I$(dirname "$s")"); done
  "$cc" "${cflags[@]}" -fsanitize=fuzzer "tests/fuzz/$h.c" "${extra[@]}" $out/obj/*.o "${libs[@]}" -o $out/$h \
    || die "building $h failed"
done
say "built ${harnesses[*]} in $out/"

# 3. Run.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cctk-fuzz.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
jobs=${FUZZ_JOBS:-}
if [ -z "$jobs" ]; then
  if [ "$(nproc 2>/dev/null || echo 1)" -ge 4 ]; then jobs=${#harnesses[@]}; else jobs=1; fi
fi

run_one() {
  local h=$1
  mkdir -p "$tmp/$h/corpus" "$tmp/$h/art"
  if [ -d "tests/fuzz/corpus/$h" ]; then cp -R "tests/fuzz/corpus/$h/." "$tmp/$h/corpus/"; fi
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$top/$out/$h" -max_len=4096 -timeout=10 -max_total_time="$secs" -print_final_stats=1 \
      -artifact_prefix="$tmp/$h/art/" "$tmp/$h/corpus" >"$tmp/$h/log" 2>&1
  echo $? >"$tmp/$h/rc"
}

running=0
for h in "${harnesses[@]}"; do
  say "running $h for ${secs}s"
  run_one "$h" &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then wait -n 2>/dev/null || true; running=$((running - 1)); fi
done
wait

# 4. Report.
failed=0
for h in "${harnesses[@]}"; do
  rc=$(cat "$tmp/$h/rc" 2>/dev/null || echo 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$h/log" | tail -1)
  arts=$(find "$tmp/$h/art" -type f 2>/dev/null | sort)
  if [ "$rc" = 0 ] && [ -z "$arts" ]; then
    say "$h: ok (${runs:-?} runs)"
    continue
  fi
  failed=$((failed + 1))
  say "$h: FAILED (exit $rc, ${runs:-?} runs)"
  grep -E 'invariant failed|^fuzz_[a-z]+: |^  [a-z ]+: status|ERROR: |SUMMARY: |runtime error|^    #[0-9]+ ' "$tmp/$h/log" \
    | grep -v 'in fuzzer::\|in main \|__libc_start\|in _start\|__sanitizer_print_stack_trace\|libc.so\|pthread_kill\|in raise \|in abort ' | head -40 | sed 's/^/  /'
  mkdir -p "fuzz-out/$h"
  for a in $arts; do
    cp "$a" "fuzz-out/$h/"
    say "$h: input $(basename "$a") ($(wc -c <"$a") bytes), kept as fuzz-out/$h/$(basename "$a"):"
    echo "  hex:"
    od -An -v -tx1 "$a" | head -64 | sed 's/^/   /'
    printf '  printf: '
    od -An -v -to1 "$a" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/\([0-7][0-7]*\)/\\\1/g; s/ //g' | head -c 2000
    echo
    echo "  reproduce: $out/$h fuzz-out/$h/$(basename "$a")"
  done
  if [ -z "$arts" ]; then tail -20 "$tmp/$h/log" | sed 's/^/  /'; fi
done
if [ $failed -gt 0 ]; then say "$failed of ${#harnesses[@]} harnesses failed"; exit 1; fi
say "all ${#harnesses[@]} harnesses passed"
