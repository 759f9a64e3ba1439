# Shared set-up for the ccroute bats suites (loaded by every test's setup).
#
# make check sets PATH (the built tools first), TEST_DATA, BATS_LIB_PATH,
# LC_ALL=C.UTF-8 and TZ=UTC; the defaults below let a suite also be run by
# hand from the source tree.

bats_load_library bats-support
bats_load_library bats-assert

: "${TEST_DATA:=$BATS_TEST_DIRNAME/data}"
export LC_ALL=${LC_ALL:-C.UTF-8} TZ=${TZ:-UTC}

# The usage-error hint, the last line of every usage error.
HINT="Try 'ccroute --help' for more information."

# A fresh scratch directory for this test; prints its name.
scratch() {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/t.XXXXXX")
	printf '%s\n' "$d"
}

# usage_error MESSAGE ARG...: ccroute ARG... must fail with status 2, write
# nothing on stdout, and exactly "ccroute: MESSAGE" and the hint on stderr.
usage_error() {
	local msg=$1
	shift
	run -2 --separate-stderr ccroute "$@"
	assert_output ''
	assert_equal "$stderr" "ccroute: $msg
$HINT"
}

# bad_input MESSAGE ARG...: ccroute ARG... must fail with status 1, write
# nothing on stdout, and exactly "ccroute: MESSAGE" on stderr.
bad_input() {
	local msg=$1
	shift
	run -1 --separate-stderr ccroute "$@"
	assert_output ''
	assert_equal "$stderr" "ccroute: $msg"
}
