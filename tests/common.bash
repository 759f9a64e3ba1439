# Shared set-up for the ccreport bats suites (loaded by every test's setup).
#
# make check sets PATH (the built ccreport first), TEST_DATA, BATS_LIB_PATH,
# LC_ALL=C.UTF-8 and TZ=UTC; the defaults below let a suite also be run by
# hand from the source tree.

bats_load_library bats-support
bats_load_library bats-assert

: "${TEST_DATA:=$BATS_TEST_DIRNAME/data}"
export LC_ALL=${LC_ALL:-C.UTF-8} TZ=${TZ:-UTC}

# The header of the record files the tests write.
HEADER='id,channel,direction,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s'

# The figure columns, after any group columns.
FIGS='offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht'

# The usage-error hint, the last line of every usage error.
HINT="Try 'ccreport --help' for more information."

# A fresh scratch directory for this test; prints its name.
scratch() {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/t.XXXXXX")
	printf '%s\n' "$d"
}

# mkcsv FILE LINE...: write HEADER and then each LINE as a line of FILE.
mkcsv() {
	local f=$1
	shift
	{
		printf '%s\n' "$HEADER"
		[ $# -eq 0 ] || printf '%s\n' "$@"
	} >"$f"
}

# model ARG...: the independent Python model of ccreport (CSV on stdout).
model() {
	python3 "$TEST_DATA/ccreport-model.py" "$@"
}

# gen ARG...: the deterministic record generator.
gen() {
	python3 "$TEST_DATA/ccreport-gen.py" "$@"
}

# usage_error MESSAGE ARG...: ccreport ARG... must fail with status 2, write
# nothing on stdout, and exactly "ccreport: MESSAGE" and the hint on stderr.
usage_error() {
	local msg=$1
	shift
	run -2 --separate-stderr ccreport "$@"
	assert_output ''
	assert_equal "$stderr" "ccreport: $msg
$HINT"
}

# bad_input MESSAGE ARG...: ccreport ARG... must fail with status 1, write no
# report, and exactly MESSAGE (a whole line) on stderr.
bad_input() {
	local msg=$1
	shift
	run -1 --separate-stderr ccreport "$@"
	assert_output ''
	assert_equal "$stderr" "$msg"
}

# csv_column NAME: from CSV on stdin without quoted fields, print column NAME.
csv_column() {
	awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		{ print $c }'
}
