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
	for i in $(seq -w 1 16); do
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
	[ "$n" -eq 5 ]
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
	# dot: Graphviz reads it, with every node of the menu.
	run -0 bash -c 'ccivr-sim dot samples/telecom-ivr.json | dot -Tsvg >/dev/null'
}
