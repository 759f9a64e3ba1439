# Shared set-up for the ccivr-sim bats suites (loaded by every test's setup).
#
# make check sets PATH (the built tools first), TEST_DATA, BATS_LIB_PATH,
# LC_ALL=C.UTF-8 and TZ=UTC; the defaults below let a suite also be run by
# hand from the source tree.

bats_load_library bats-support
bats_load_library bats-assert

: "${TEST_DATA:=$BATS_TEST_DIRNAME/data}"
export LC_ALL=${LC_ALL:-C.UTF-8} TZ=${TZ:-UTC}

# The usage-error hint, the last line of every usage error.
HINT="Try 'ccivr-sim --help' for more information."

# A fresh scratch directory for this test; prints its name.
scratch() {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/t.XXXXXX")
	printf '%s\n' "$d"
}

# usage_error MESSAGE ARG...: ccivr-sim ARG... must fail with status 2, write
# nothing on stdout, and exactly "ccivr-sim: MESSAGE" and the hint on stderr.
usage_error() {
	local msg=$1
	shift
	run -2 --separate-stderr ccivr-sim "$@"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: $msg
$HINT"
}

# bad_input MESSAGE ARG...: ccivr-sim ARG... must fail with status 1, write
# nothing on stdout, and exactly "ccivr-sim: MESSAGE" on stderr.
bad_input() {
	local msg=$1
	shift
	run -1 --separate-stderr ccivr-sim "$@"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: $msg"
}
