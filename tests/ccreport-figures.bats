bats_require_minimum_version 1.5.0
setup() { load common; }
