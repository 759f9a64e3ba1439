#!/usr/bin/env bats
# ccivr-sim run over bad record files: every kind of input the record
# parser can meet (empty file, header only, wrong column count, bad quotes,
# bad UTF-8, bad timestamps, a huge field, binary junk, broken JSON Lines),
# each stopping the run at its FILE:LINE[:COL] with exit 1, or going to
# --reject while the good records go on.

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
	M=ivr-run-basic.json
}

# The columns of a run over records with only id and arrived_at.
COLS=id,arrived_at,channel,direction,ivr_enter_at,ivr_s,ivr_id,ivr_version,seed,ivr_path,ivr_keys,exit_node,exit_reason,queue,skills,priority,ivr_patience_s,patience_s,patience_left_s,noinput_count,nomatch_count,max_retry_hit,zero_out,ss_task,ss_ok,hours_state
# The run's own columns, as a generated run writes them.
GEN=id,channel,direction,arrived_at,ivr_enter_at,ivr_s,ivr_id,ivr_version,seed,ivr_path,ivr_keys,exit_node,exit_reason,queue,skills,priority,ivr_patience_s,patience_s,patience_left_s,noinput_count,nomatch_count,max_retry_hit,zero_out,ss_task,ss_ok,hours_state

# fails FILE MESSAGE: the run over FILE exits 1 with "ccivr-sim: MESSAGE"
# and writes no record.
fails() {
	run -1 --separate-stderr ccivr-sim run "$M" "$1"
	assert_equal "$stderr" "ccivr-sim: $2"
	refute_output --partial 'gen-'
	refute_output --regexp $'\n'
}

@test "an empty file and a header only: no caller, the header alone" {
	: >"$D/empty.csv"
	run -0 --separate-stderr ccivr-sim run "$M" "$D/empty.csv"
	assert_output "$GEN"
	assert_equal "$stderr" ''
	printf 'id,arrived_at\n' >"$D/head.csv"
	run -0 --separate-stderr ccivr-sim run "$M" "$D/head.csv"
	assert_output "$GEN"
	run -0 --separate-stderr ccivr-sim run "$M" --output-format jsonl "$D/head.csv"
	assert_output ''
}

@test "a wrong column count, an unterminated quote, bad UTF-8: FILE:LINE[:COL]" {
	printf 'id,arrived_at\na,2026-03-02T09:00:00Z,extra\n' >"$D/w.csv"
	fails "$D/w.csv" "$D/w.csv:2: expected 2 fields, found 3"
	printf 'id,arrived_at\n"a,2026-03-02T09:00:00Z\n' >"$D/q.csv"
	fails "$D/q.csv" "$D/q.csv:2:1: unterminated quoted field"
	printf 'id,arrived_at\n\377\376,2026-03-02T09:00:00Z\n' >"$D/u.csv"
	fails "$D/u.csv" "$D/u.csv:2:1: invalid UTF-8"
}

@test "bad timestamps and a missing arrived_at" {
	printf 'id,arrived_at\na,2026-02-30T09:00:00Z\n' >"$D/t.csv"
	fails "$D/t.csv" "$D/t.csv:2: bad arrived_at '2026-02-30T09:00:00Z'"
	printf 'id,arrived_at\na,09:00\n' >"$D/t2.csv"
	fails "$D/t2.csv" "$D/t2.csv:2: bad arrived_at '09:00'"
	printf 'id,queue\na,x\n' >"$D/none.csv"
	fails "$D/none.csv" "$D/none.csv:2: missing arrived_at"
}

@test "a field over the size limit, binary junk" {
	# 17 MiB in one field: over the 16 MiB + 64 KiB record limit of the core.
	python3 -c 'import sys; sys.stdout.write("id,arrived_at\n" + "x" * (17 << 20) + ",2026-03-02T09:00:00Z\n")' >"$D/big.csv"
	fails "$D/big.csv" "$D/big.csv:2: record longer than 16842752 bytes"
	# Bytes that are neither CSV nor JSON: the header is refused.
	printf 'id,a"rr\001\002\n\000\377' >"$D/junk.bin"
	run -1 --separate-stderr ccivr-sim run "$M" "$D/junk.bin"
	assert_output ''
	assert_regex "$stderr" "^ccivr-sim: $D/junk.bin:1:[0-9]+: "
}

@test "broken JSON Lines: a cut object, a line that is no object" {
	printf '{"id":"a","arrived_at":"2026-03-02T09:00:00Z"}\n{"id":\n' >"$D/cut.jsonl"
	run -1 --separate-stderr ccivr-sim run "$M" "$D/cut.jsonl"
	assert_equal "$stderr" "ccivr-sim: $D/cut.jsonl:2:6: invalid JSON: unexpected token near end of file"
	printf '{"id":"a","arrived_at":"2026-03-02T09:00:00Z"}\n[1,2]\n' >"$D/arr.jsonl"
	run -1 --separate-stderr ccivr-sim run "$M" "$D/arr.jsonl"
	assert_regex "$stderr" "^ccivr-sim: $D/arr.jsonl:2(:[0-9]+)?: "
}

@test "--reject: the bad records go to the file with their reason, the good ones on" {
	printf 'id,arrived_at\na,2026-03-02T09:00:00Z,extra\nb,2026-03-02T09:00:05Z\n"c,2026-03-02T09:00:00Z\n' >"$D/w.csv"
	run -0 --separate-stderr ccivr-sim run "$M" --reject "$D/rej.txt" "$D/w.csv"
	assert_equal "$stderr" "ccivr-sim: 2 records rejected (see $D/rej.txt)"
	# b alone, through the basic menu: 26 s in the IVR (worked in
	# ccivr-sim-run.bats), so it leaves at 09:00:31.
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "$COLS"
	assert_line --index 1 --partial 'b,2026-03-02T09:00:31Z,voice,inbound,2026-03-02T09:00:05Z,26,'
	run cat "$D/rej.txt"
	assert_output "# $D/w.csv:2: expected 2 fields, found 3
a,2026-03-02T09:00:00Z,extra
# $D/w.csv:4:1: unterminated quoted field
\"c,2026-03-02T09:00:00Z"
	printf 'id,arrived_at\nb,2026-03-02T09:00:05Z\nc\377,2026-03-02T09:00:06Z\n' >"$D/u.csv"
	run -0 --separate-stderr ccivr-sim run "$M" --reject "$D/rej2.txt" "$D/u.csv"
	assert_equal "$stderr" "ccivr-sim: 1 record rejected (see $D/rej2.txt)"
	assert_equal "$(head -1 "$D/rej2.txt")" "# $D/u.csv:3:2: invalid UTF-8"
	# The rejected line is kept byte for byte.
	cmp <(tail -n +2 "$D/rej2.txt") <(printf 'c\377,2026-03-02T09:00:06Z\n')
}

@test "a record file that cannot be read, a --reject that cannot be written" {
	run -1 --separate-stderr ccivr-sim run "$M" "$D/nope.csv"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: cannot open $D/nope.csv: No such file or directory"
	printf 'id,arrived_at\nb,2026-03-02T09:00:05Z\n' >"$D/ok.csv"
	run -1 --separate-stderr ccivr-sim run "$M" --reject "$D/no/such/dir/r.txt" "$D/ok.csv"
	assert_output ''
	assert_regex "$stderr" "^ccivr-sim: cannot open $D/no/such/dir/r.txt: No such file or directory"
}
