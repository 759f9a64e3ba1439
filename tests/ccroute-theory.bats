#!/usr/bin/env bats
# ccroute theory tests (placeholder).

setup() {
	load ccroute
}

@test "ccroute --version names the program" {
	run -0 ccroute --version
	assert_line --index 0 --partial ccroute
}
