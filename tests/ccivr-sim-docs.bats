#!/usr/bin/env bats
# ccivr-sim(1): every option of every command is documented, the page renders
# cleanly, and every EXAMPLES command runs with figures that hold up.

bats_require_minimum_version 1.5.0

setup() {
	load ccivr
	: "${TOP_SRCDIR:=$BATS_TEST_DIRNAME/..}"
	PAGE=$TOP_SRCDIR/man/ccivr-sim.1
}

@test "ccivr-sim(1) renders without warnings" {
	run -0 groff -man -ww -z "$PAGE"
	assert_output ''
	run -0 --separate-stderr man -l "$PAGE"
	assert_equal "$stderr" ''
	assert_output --regexp 'ccivr-sim +- +IVR +menus +as +data'
}

@test "every option of every command's --help is in ccivr-sim(1)" {
	for cmd in lint run analyse dot; do
		run -0 ccivr-sim "$cmd" --help
		# The options are the help lines that start with one.
		opts=$(printf '%s\n' "$output" | grep -E '^ +(-[a-z], )?--' | grep -oE -- '--[a-z][a-z-]*' | sort -u)
		[ -n "$opts" ]
		for o in $opts; do
			# roff writes a hyphen in an option as \-.
			esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
			grep -q -- "$esc" "$PAGE" || {
				echo "ccivr-sim $cmd: $o is not in ccivr-sim(1)"
				return 1
			}
		done
	done
}

@test "every lint code and node type is in ccivr-sim(1)" {
	for i in $(seq -w 1 17); do
		grep -q "^\.B L0$i\$" "$PAGE" || { echo "L0$i missing"; return 1; }
	done
	for t in prompt menu input hours selfservice queue voicemail hangup end transfer goto; do
		grep -qw "$t" "$PAGE" || { echo "type $t missing"; return 1; }
	done
}

# The EXAMPLES commands, from the source tree.
examples() {
	sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$PAGE" | sed -n 's/^\$ //p'
}

@test "EXAMPLES: every command runs" {
	cd "$TOP_SRCDIR"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		run -0 bash -c "$cmd"
	done < <(examples)
	[ "$n" -eq 10 ]
}

@test "EXAMPLES: the figures hold up" {
	cd "$TOP_SRCDIR"
	# lint: a clean menu prints nothing.
	run -0 --separate-stderr ccivr-sim lint samples/bank-ivr.json
	assert_output ''
	# analyse: the exit shares add up to 1 (the TOTAL row's share), and the
	# TOTAL mean time is the share-weighted mean of the rows.
	run -0 ccivr-sim analyse --by-reason --output-format csv samples/bank-ivr.json
	run -0 awk -F, 'NR > 1 && $1 != "TOTAL" { s += $4; t += $4 * $5 }
		$1 == "TOTAL" { ts = $4; tt = $5 }
		END { d = s - 1; if (d < 0) d = -d; e = t - tt; if (e < 0) e = -e
		      print (d < 1e-5 && ts == 1 && e < 0.01 * tt) ? "ok" : "bad " s " " t " " tt }' \
		<<<"$output"
	assert_output ok
	# run --summary: 1000 callers.
	run -0 ccivr-sim run --calls=1000 --summary --output-format csv samples/telecom-ivr.json
	assert_line 'calls,1000'
	# --to-queue: at most 100 records, every one to_queue with a queue.
	run -0 ccivr-sim run --to-queue --calls=100 --seed=7 samples/bank-ivr.json
	run -0 python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert 0 < len(rows) <= 100, len(rows)
assert all(r["exit_reason"] == "to_queue" and r["queue"] for r in rows)
print("ok")' <<<"$output"
	assert_output ok
	# lint --analyse: one info line per hours branch (open, closed, holiday),
	# shares summing to 100 % within the rounding, and no warning (the open
	# branch is 55 s on average, the closed 32 s: both under 60).
	run -0 --separate-stderr ccivr-sim lint --analyse --max-ivr-s=60 samples/bank-ivr.json
	assert_equal "${#lines[@]}" 3
	assert_equal "$stderr" ''
	run -0 python3 -c '
import re, sys
for line in sys.stdin:
    shares = [float(x) for x in re.findall(r"([0-9.]+)%", line)]
    assert abs(sum(shares) - 100) <= 0.05 * len(shares), line
print("ok")' <<<"$output"
	assert_output ok
	# analyse --segment: the business rows are the oracle's.
	ccivr-sim analyse --segment=business samples/telecom-ivr.json >"$BATS_TEST_TMPDIR/b.csv"
	python3 "$TEST_DATA/ivr-analyse-oracle.py" samples/telecom-ivr.json --segment business \
		--check "$BATS_TEST_TMPDIR/b.csv"
	# --node-stats: one row per node, every call starts at the greeting, and
	# the exits add up to the calls.
	run -0 ccivr-sim run --node-stats --start=2026-03-02 --duration=1d --tz=Europe/Dublin \
		--rate='08:00 300, 19:00 40' samples/bank-ivr.json
	run -0 python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert len(rows) == 19, len(rows)
calls = int(rows[0]["calls"])
assert rows[0]["node"] == "greeting" and rows[0]["share_of_calls"] == "1.0000"
assert sum(int(r["exits"]) for r in rows) == calls
# 11 h at 300/h and 13 h at 40/h: 3820 expected, within 4 sigma.
assert abs(calls - 3820) < 4 * 3820 ** 0.5, calls
print("ok")' <<<"$output"
	assert_output ok
	# The pipeline: every queue caller reaches the report.
	run -0 bash -o pipefail -c 'ccivr-sim run --to-queue --calls=2000 --rate=300/h \
		--start=2026-03-02T09:00:00Z samples/bank-ivr.json |
		ccroute --config=samples/bank-routing.ini | ccreport --sl=30'
	q=$(ccivr-sim run --to-queue --calls=2000 --rate=300/h --start=2026-03-02T09:00:00Z \
		samples/bank-ivr.json | tail -n +2 | wc -l)
	assert_line --partial "TOTAL,$q,"
	# dot: Graphviz reads it, with every node of the menu.
	run -0 bash -c 'ccivr-sim dot samples/telecom-ivr.json | dot -Tsvg >/dev/null'
	# dot --stats: the graph is labelled with the 5000 calls, the greeting
	# (every call's first node) has 5000 visits, and Graphviz reads it.
	run -0 bash -o pipefail -c 'ccivr-sim run --calls=5000 --output-format=jsonl samples/bank-ivr.json |
		ccivr-sim dot --stats=- samples/bank-ivr.json'
	assert_output --partial '5000 calls'
	assert_output --regexp '"greeting" \[[^]]*5000 visits'
	dot -Tsvg >/dev/null <<<"$output"
}

@test "README's ccivr-sim pipeline routes every caller who reaches a queue" {
	cmd=$(sed -n '/<!-- pipeline-ivr -->/,/<!-- \/pipeline-ivr -->/p' "$TOP_SRCDIR/README.md" \
		| grep -v -e '^<!--' -e '^```')
	[ -n "$cmd" ]
	run -0 bash -o pipefail -c "cd \"\$TOP_SRCDIR\" && $cmd"
	total=$(printf '%s\n' "$output" | awk '$1 == "TOTAL" { print $2 }')
	# Independently: the same run without --to-queue, its to_queue callers
	# counted by exit_reason.
	want=$(cd "$TOP_SRCDIR" && ccivr-sim run --start 2026-03-02 --duration 1d --tz Europe/Dublin \
		--rate '08:00 300, 12:00 360, 17:00 200, 19:00 40' samples/bank-ivr.json |
		python3 -c 'import csv,sys; print(sum(r["exit_reason"] == "to_queue" for r in csv.DictReader(sys.stdin)))')
	[ "$want" -gt 1000 ]
	assert_equal "$total" "$want"
	for q in cards cards_urgent lending service; do
		assert_line --regexp "^$q +[0-9]+ "
	done
}

@test "samples/demo.sh runs the ccivr-sim part" {
	cd "$BATS_TEST_TMPDIR"
	run -0 "$TOP_SRCDIR/samples/demo.sh"
	[[ $output == *"== ccivr-sim: the IVR menu of a bank"* ]]
	[[ $output == *"info L017: expected exits with hours open"* ]]
	[[ $output == *"containment_with_hangups"* ]]
	[[ $output == *"== ccivr-sim | ccroute | ccreport"* ]]
	[[ $output == *"business  mean time in the IVR (s)"* ]]
	[[ $output == *"bank-ivr.svg"* ]]
	svg=$(printf '%s\n' "$output" | sed -n 's/^== The menu drawn.*: //p')
	[ -s "$svg" ]
	grep -q '<svg' "$svg"
}

@test "cctk(7) and the README list ccivr-sim as a tool of this release" {
	text=$(sed -n '/^\.SH TOOLS/,/^\.SH THE SHARED/p' "$TOP_SRCDIR/man/cctk.7")
	grep -q '^\.BR ccivr-sim (1)' <<<"$text"
	run ! grep -q 'planned' <<<"$(sed -n '/^\.BR ccivr-sim (1)/,/^\.PP/p' <<<"$text")"
	grep -q '^\.BR ccivr-sim (1)' <(sed -n '/^\.SH SEE ALSO/,$p' "$TOP_SRCDIR/man/cctk.7")
	grep -q '^| `ccivr-sim` | .* | in this release |$' "$TOP_SRCDIR/README.md"
}
