# Placeholder: the suite is being written.
bats_require_minimum_version 1.5.0
setup() { load common; }

@test "ccreport --help names --from" {
	run -0 ccreport --help
	[[ "$output" == *"--from=KIND"* ]]
}
