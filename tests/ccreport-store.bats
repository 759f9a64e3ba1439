#!/usr/bin/env bats
# ccreport ingest --db and ccreport --db: the SQLite history store.
#
# The store is inspected and tampered with through Python's sqlite3 module,
# not through ccreport.  Expected figures are worked out by hand in the
# comments; "equal to the report from the files" compares two independent
# paths through ccreport (the files' readers vs the store).

bats_require_minimum_version 1.5.0
setup() {
	load common
	A=$TEST_DATA/store-a.csv
	B=$TEST_DATA/store-b.jsonl
	KINDS=$TEST_DATA/store-kinds.jsonl
	ORDER=$TEST_DATA/store-order.csv
	QLOG=$TEST_DATA/store-calls.queue_log
	CUT=$TEST_DATA/store-cut.queue_log
	WHOLE=$TEST_DATA/store-whole.queue_log
	CALLS=$TOP_SRCDIR/samples/calls.csv
	CHATS=$TOP_SRCDIR/samples/chats.jsonl
	HEAD="queue,$FIGS"
}

teardown() {
	# the directories made for another user (see world_scratch)
	if [ -n "${WORLD:-}" ]; then
		chmod -R u+rwx "$WORLD" 2>/dev/null || true
		rm -rf "$WORLD"
	fi
}

# sql DB QUERY: run QUERY on DB with Python's sqlite3 module; rows on
# stdout, columns separated by '|', NULL as empty.
sql() {
	python3 - "$@" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]):
    print('|'.join('' if v is None else str(v) for v in row))
c.commit()
c.close()
EOF
}

# A scratch directory that another user can enter (for the permission
# tests); removed by teardown.  Prints its name.
world_scratch() {
	WORLD=$(mktemp -d /tmp/ccreport-store.XXXXXX)
	chmod 755 "$WORLD"
	printf '%s\n' "$WORLD"
}

# as_user CMD...: run CMD as a user to whom permissions apply: nobody when
# running as root (root ignores them), else the user itself.
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

# give_away PATH...: make PATH owned by the user of as_user.
give_away() {
	if [ "$(id -u)" = 0 ]; then chown -R 65534:65534 "$@"; fi
}

# The figure columns of a --by= report, then one row: offered is field 1.
offered() {
	ccreport --db "$1" --by= --direction all | tail -n 1 | cut -d, -f1
}

# ------------------------------------------------------------------ ingest ---

@test "ingest: records stored, duplicates by id ignored and counted" {
	local d
	d=$(scratch)
	# store-a.csv: 6 records a01..a06, all new
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$A"
	assert_output ''
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 6 records stored, 0 duplicates ignored"
	# the same file again: all 6 ids are there
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$A"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 6 duplicates ignored"
	# store-b.jsonl: a05 (stored), b01 (new), a06 (stored), b02 (new), b01
	# (a duplicate within the file): 2 stored, 3 duplicates
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$B"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 2 records stored, 3 duplicates ignored"
	run -0 sql "$d/h.sqlite" 'SELECT count(*) FROM records'
	assert_output 8
	# both files in one run into a new store: 6 + 2 stored, 3 duplicates
	run -0 --separate-stderr ccreport ingest --db "$d/one.sqlite" "$A" "$B"
	assert_equal "$stderr" "ccreport: $d/one.sqlite: 8 records stored, 3 duplicates ignored"
	# one record: singular words; -q: no message
	printf 'id,arrived_at\nx1,1772442000\n' >"$d/one.csv"
	run -0 --separate-stderr ccreport ingest --db "$d/o.sqlite" "$d/one.csv"
	assert_equal "$stderr" "ccreport: $d/o.sqlite: 1 record stored, 0 duplicates ignored"
	run -0 --separate-stderr ccreport ingest -q --db "$d/o.sqlite" "$d/one.csv"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport ingest --db "$d/o.sqlite" <"$d/one.csv"
	assert_equal "$stderr" "ccreport: $d/o.sqlite: 0 records stored, 1 duplicate ignored"
}

@test "ingest: the first record of an id is kept; the report counts each id once" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A" "$B"
	# a05 stays the abandoned chat of store-a.csv (store-b.jsonl's a05 says
	# answered); b01 is the resolved chat, not the later "other" one.
	# Inbound records: sales a01 a02 a03 b02 (no direction: inbound), support
	# a04 a05 b01; a06 is outbound.
	# sales: a01 wait 10 handle 300; a02 wait 30 handle 120; a03, b02 abandoned
	#   offered 4, answered 2, abandoned 2; abandon_rate 2/4 = 50.00
	#   asa (10 + 30)/2 = 20.00; sl: a01 only <= 20 s: 1/4 = 25.00
	#   waits 10 30: p50 rank ceil(1) = 1 -> 10; p90 rank ceil(1.8) = 2 -> 30
	#   aht (300 + 120)/2 = 210.00
	# support: a04 wait 20 handle 600; b01 resolved = answered, wait_s 15,
	#   handle_s 1.50; a05 abandoned
	#   offered 3, answered 2, abandoned 1; abandon_rate 1/3 = 33.33
	#   asa (20 + 15)/2 = 17.50; sl 2/3 = 66.67; waits 15 20: p50 15, p90 20
	#   aht (600 + 1.5)/2 = 300.75
	# TOTAL: offered 7, answered 4, abandoned 3; abandon_rate 3/7 = 42.86
	#   asa 75/4 = 18.75; sl 3/7 = 42.86; waits 10 15 20 30: p50 rank 2 -> 15,
	#   p90 rank ceil(3.6) = 4 -> 30; aht 1021.5/4 = 255.375 -> 255.38
	run -0 ccreport --db "$d/h.sqlite"
	assert_output "$HEAD
sales,4,2,2,0,0,0,50.00,20.00,25.00,10,30,30,30,30,210.00
support,3,2,1,0,0,0,33.33,17.50,66.67,15,20,20,20,20,300.75
TOTAL,7,4,3,0,0,0,42.86,18.75,42.86,15,30,30,30,30,255.38"
	run -0 sql "$d/h.sqlite" "SELECT json_extract(record, '$.channel') FROM records WHERE id = 'a05'"
	assert_output chat
}

@test "ingest: the schema: version 1, application id, WAL, the record as JSON" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	run -0 sql "$d/h.sqlite" 'PRAGMA user_version'
	assert_output 1
	# "ccrp" = 0x63 0x63 0x72 0x70 = 1667461744
	run -0 sql "$d/h.sqlite" 'PRAGMA application_id'
	assert_output 1667461744
	run -0 sql "$d/h.sqlite" 'PRAGMA journal_mode'
	assert_output wal
	run -0 sql "$d/h.sqlite" "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name"
	assert_output 'records
records_arrived'
	run -0 sql "$d/h.sqlite" "SELECT name, type, \"notnull\", pk FROM pragma_table_info('records')"
	assert_output 'seq|INTEGER|0|1
id|TEXT|1|0
arrived_at|INTEGER|0|0
record|TEXT|1|0'
	# a03 is the 3rd record; 2026-03-02T09:40:00Z = 1772442000 + 2400 s
	# (1772442000 is 09:00:00Z), in microseconds; the record keeps every
	# column in order: null for an empty CSV field, "" for a quoted one
	run -0 sql "$d/h.sqlite" "SELECT seq, id, arrived_at, record FROM records WHERE id = 'a03'"
	assert_output '3|a03|1772444400000000|{"id":"a03","channel":"voice","direction":"inbound","queue":"sales","agent":null,"outcome":"abandoned","arrived_at":"2026-03-02T09:40:00Z","answered_at":null,"ended_at":"2026-03-02T09:40:05Z","wait_s":null,"handle_s":null,"note":"says \"hi\", then left","tag":""}'
	# an epoch arrived_at (b02: 1772445600 = 10:00:00Z) and one with an
	# offset (o1: 11:00+02:00 = 09:00Z = 1772442000)
	ccreport ingest -q --db "$d/h.sqlite" "$B" "$ORDER"
	run -0 sql "$d/h.sqlite" "SELECT id, arrived_at FROM records WHERE id IN ('b02', 'o1') ORDER BY id"
	assert_output 'b02|1772445600000000
o1|1772442000000000'
}

@test "ingest: a record without an id is bad: file:line, exit 1, earlier records kept" {
	local d
	d=$(scratch)
	printf 'id,queue,arrived_at\nr1,q,1772442000\nr2,q,1772442001\n,q,1772442002\nr4,q,1772442003\n' >"$d/in.csv"
	bad_input "ccreport: $d/in.csv:4: no id (the store keeps each record under its id)" \
		ingest --db "$d/h.sqlite" "$d/in.csv"
	# r1 and r2 came before the bad record: stored (running it again after a
	# fix counts them as duplicates)
	run -0 sql "$d/h.sqlite" 'SELECT id FROM records ORDER BY seq'
	assert_output 'r1
r2'
	# JSON: a null id, no id key, an empty id
	printf '{"id":"j1","arrived_at":1772442000}\n{"id":null,"arrived_at":1772442000}\n' >"$d/n1.jsonl"
	bad_input "ccreport: $d/n1.jsonl:2: no id (the store keeps each record under its id)" \
		ingest --db "$d/h.sqlite" "$d/n1.jsonl"
	printf '{"queue":"q"}\n' >"$d/n2.jsonl"
	bad_input "ccreport: $d/n2.jsonl:1: no id (the store keeps each record under its id)" \
		ingest --db "$d/h.sqlite" "$d/n2.jsonl"
	printf '\n\n{"id":""}\n' >"$d/n3.jsonl"
	bad_input "ccreport: $d/n3.jsonl:3: no id (the store keeps each record under its id)" \
		ingest --db "$d/h.sqlite" "$d/n3.jsonl"
	# a file without an id column at all (and without arrived_at: the id is
	# checked first)
	printf 'queue\nq\n' >"$d/n4.csv"
	bad_input "ccreport: $d/n4.csv:2: no id (the store keeps each record under its id)" \
		ingest --db "$d/h.sqlite" "$d/n4.csv"
}

@test "ingest: a record without arrived_at is bad; --since reports from the store work" {
	local d
	d=$(scratch)
	local M='no arrived_at (the store keeps records by arrival time)'
	# the reviewer's case: record 2 has an empty arrived_at
	printf 'id,queue,arrived_at,outcome\n1,q,2026-01-01T00:00:00Z,abandoned\n2,q,,abandoned\n' >"$d/na.csv"
	bad_input "ccreport: $d/na.csv:3: $M" ingest --db "$d/h.sqlite" "$d/na.csv"
	# record 1, read before, is stored; record 2 is not
	run -0 sql "$d/h.sqlite" 'SELECT id, arrived_at FROM records'
	# 2026-01-01T00:00:00Z = 1767225600 (20454 days * 86400)
	assert_output '1|1767225600000000'
	# with --reject it is written with its line and reason, the rest stored
	run -0 --separate-stderr ccreport ingest --db "$d/r.sqlite" --reject "$d/rej.txt" "$d/na.csv"
	assert_equal "$stderr" "ccreport: $d/r.sqlite: 1 record stored, 0 duplicates ignored
ccreport: 1 record rejected (see $d/rej.txt)"
	run -0 cat "$d/rej.txt"
	assert_output "# $d/na.csv:3: $M
2,q,,abandoned"
	# and a report with --since from the store works: record 1, abandoned,
	# no wait: offered 1, abandoned 1, abandon_rate 100.00, sl 0/1 = 0.00,
	# no answered call (asa, waits, aht empty)
	run -0 --separate-stderr ccreport --db "$d/r.sqlite" --since 2026-01-01 --by=
	assert_output "$FIGS
1,0,1,0,0,0,100.00,,0.00,,,,,,"
	assert_equal "$stderr" ''
	# every way a record can lack it: no such column, a quoted empty CSV
	# field, JSON null, no key, an empty string; each its own line
	printf 'id,queue\nc1,q\n' >"$d/c1.csv"
	bad_input "ccreport: $d/c1.csv:2: $M" ingest --db "$d/h.sqlite" "$d/c1.csv"
	printf 'id,arrived_at\nc2,""\n' >"$d/c2.csv"
	bad_input "ccreport: $d/c2.csv:2: $M" ingest --db "$d/h.sqlite" "$d/c2.csv"
	printf '{"id":"j1","arrived_at":1772442000}\n{"id":"j2","arrived_at":null}\n' >"$d/j.jsonl"
	bad_input "ccreport: $d/j.jsonl:2: $M" ingest --db "$d/h.sqlite" "$d/j.jsonl"
	printf '\n{"id":"j3"}\n' >"$d/k.jsonl"
	bad_input "ccreport: $d/k.jsonl:2: $M" ingest --db "$d/h.sqlite" "$d/k.jsonl"
	printf '{"id":"j4","arrived_at":""}\n' >"$d/l.jsonl"
	bad_input "ccreport: $d/l.jsonl:1: $M" ingest --db "$d/h.sqlite" "$d/l.jsonl"
	# stored: 1, and j1 (read before j2)
	run -0 sql "$d/h.sqlite" 'SELECT id FROM records ORDER BY seq'
	assert_output '1
j1'
	run -0 sql "$d/h.sqlite" 'SELECT count(*) FROM records WHERE arrived_at IS NULL'
	assert_output 0
}

@test "ingest: a bad arrived_at is refused as the report refuses it" {
	local d
	d=$(scratch)
	printf 'id,arrived_at\nt1,2026-03-02T09:00:00Z\nt2,yesterday\n' >"$d/in.csv"
	bad_input "ccreport: $d/in.csv:3: bad timestamp in arrived_at: 'yesterday'" \
		ingest --db "$d/h.sqlite" "$d/in.csv"
	# the same words as a report from the file
	bad_input "ccreport: $d/in.csv:3: bad timestamp in arrived_at: 'yesterday'" --by= "$d/in.csv"
	# month 13, and a long value quoted to 40 bytes
	printf 'id,arrived_at\nt3,2026-13-02T09:00:00Z\nt4,%s\n' "$(printf 'x%.0s' {1..60})" >"$d/m.csv"
	bad_input "ccreport: $d/m.csv:2: bad timestamp in arrived_at: '2026-13-02T09:00:00Z'" \
		ingest --db "$d/h.sqlite" "$d/m.csv"
	run -0 ccreport ingest --db "$d/h.sqlite" --reject "$d/rej.txt" "$d/m.csv"
	run -0 cat "$d/rej.txt"
	assert_output "# $d/m.csv:2: bad timestamp in arrived_at: '2026-13-02T09:00:00Z'
t3,2026-13-02T09:00:00Z
# $d/m.csv:3: bad timestamp in arrived_at: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
t4,$(printf 'x%.0s' {1..60})"
	# other fields are checked when reported, not at ingest (see "bad
	# answered_at" below)
}

@test "ingest --reject: bad records written with file:line, the rest stored, exit 0" {
	local d
	d=$(scratch)
	# line 2 good, 3 no id, 4 wrong field count, 5 bad timestamp, 6 good,
	# 7 duplicate of line 2
	printf 'id,queue,arrived_at\ng1,q,2026-03-02T09:00:00Z\n,q,2026-03-02T09:01:00Z\ng3,q\ng4,q,soon\ng5,q,2026-03-02T09:02:00Z\ng1,q,2026-03-02T09:03:00Z\n' >"$d/in.csv"
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --reject "$d/rej.txt" "$d/in.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 2 records stored, 1 duplicate ignored
ccreport: 3 records rejected (see $d/rej.txt)"
	run -0 cat "$d/rej.txt"
	assert_output "# $d/in.csv:3: no id (the store keeps each record under its id)
,q,2026-03-02T09:01:00Z
# $d/in.csv:4: expected 3 fields, found 2
g3,q
# $d/in.csv:5: bad timestamp in arrived_at: 'soon'
g4,q,soon"
	run -0 sql "$d/h.sqlite" 'SELECT id FROM records ORDER BY seq'
	assert_output 'g1
g5'
	# a reject file on a full device
	run -1 --separate-stderr ccreport ingest --db "$d/h.sqlite" --reject /dev/full "$d/in.csv"
	assert_equal "${stderr##*$'\n'}" 'ccreport: write error: No space left on device'
}

@test "ingest: bad input of every kind stops with its line (or is rejected)" {
	local d
	d=$(scratch)
	local H='id,queue,arrived_at'
	# an empty file and a header alone store nothing
	: >"$d/empty.csv"
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$d/empty.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 duplicates ignored"
	printf '%s\n' "$H" >"$d/header.csv"
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$d/header.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 duplicates ignored"
	printf '%s\nw1,q\n' "$H" >"$d/count.csv"
	bad_input "ccreport: $d/count.csv:2: expected 3 fields, found 2" ingest --db "$d/h.sqlite" "$d/count.csv"
	printf '%s\nw2,"q,2026-03-02T09:00:00Z\n' "$H" >"$d/quote.csv"
	bad_input "ccreport: $d/quote.csv:2:4: unterminated quoted field" ingest --db "$d/h.sqlite" "$d/quote.csv"
	printf '%s\nw3,q\377,2026-03-02T09:00:00Z\n' "$H" >"$d/utf8.csv"
	bad_input "ccreport: $d/utf8.csv:2:5: invalid UTF-8" ingest --db "$d/h.sqlite" "$d/utf8.csv"
	printf '%s\nw4,%s,2026-03-02T09:00:00Z\n' "$H" "$(printf 'q%.0s' {1..2000})" >"$d/huge.csv"
	bad_input "ccreport: $d/huge.csv:2:4: field 2 is longer than 1000 bytes (--max-field-size)" \
		ingest --max-field-size 1000 --db "$d/h.sqlite" "$d/huge.csv"
	printf '\001\002"\003\004\n\005' >"$d/junk.bin"
	run -1 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$d/junk.bin"
	assert_output ''
	[[ "$stderr" == "ccreport: $d/junk.bin:1:"* ]]
	# none of them stored anything
	run -0 sql "$d/h.sqlite" 'SELECT count(*) FROM records'
	assert_output 0
	# with --reject each is written and the good records stored
	cat "$d/count.csv" "$d/utf8.csv" >"$d/mixed.csv"
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --reject "$d/rej.txt" "$d/mixed.csv"
	# line 2 w1 (count), line 3 is a second header line: a record with id
	# "id" and arrived_at "arrived_at" (bad timestamp), line 4 bad UTF-8
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 duplicates ignored
ccreport: 3 records rejected (see $d/rej.txt)"
}

# ------------------------------------------------------------- reporting ---

@test "--db: every report equals the one from the files, byte for byte" {
	local d o
	d=$(scratch)
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$CALLS" "$CHATS"
	# the sample files: 300 calls and 100 messages, ids unique
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 400 records stored, 0 duplicates ignored"
	local opts=(
		''
		'--by channel,queue --direction all'
		'--interval 15m --tz Europe/Berlin'
		'--interval 1d --by= --sl 30 --sl-base answered'
		'--since 2026-03-02T09:00:00Z --until 2026-03-02T12:00:00Z'
		'--since 2026-03-02 --until 2026-03-03 --tz America/New_York --interval 1h'
		'--output-format jsonl --short-abandon 5 --buckets 10,20,60'
		'--output-format table --queue support,sales'
		'--output-format markdown --by agent --no-total'
		'--output-format html'
		'--channel chat --where note~refund'
		'--report agents'
		'--report transfers --output-format jsonl'
		'--report hangup'
		'--report conversations'
		'--partial --interval 30m'
	)
	for o in "${opts[@]}"; do
		# shellcheck disable=SC2086 # each entry is a list of options
		ccreport --db "$d/h.sqlite" $o >"$d/store.out" 2>"$d/store.err"
		# shellcheck disable=SC2086
		ccreport $o "$CALLS" "$CHATS" >"$d/files.out" 2>"$d/files.err"
		[ -s "$d/store.out" ] || { echo "no output: $o"; return 1; }
		cmp "$d/files.out" "$d/store.out" || { echo "differs: $o"; diff "$d/files.out" "$d/store.out" | head; return 1; }
		cmp "$d/files.err" "$d/store.err" || { echo "stderr differs: $o"; return 1; }
	done
	# a merge of the store's partial with another
	ccreport --db "$d/h.sqlite" --partial --since 2026-03-02T12:00:00Z >"$d/p1"
	ccreport --db "$d/h.sqlite" --partial --until 2026-03-02T12:00:00Z >"$d/p2"
	run -0 ccreport merge "$d/p1" "$d/p2"
	local merged=$output
	run -0 ccreport "$CALLS" "$CHATS"
	assert_output "$merged"
}

@test "--db: --list gives back every record, every column, kinds and \"\" vs null" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	# CSV: the same bytes as the list from the file (store-a.csv is in
	# arrival order), quoted "" kept apart from an empty field
	run -0 ccreport --db "$d/h.sqlite" --list all --direction all
	local store=$output
	run -0 ccreport --list all --direction all "$A"
	assert_equal "$store" "$output"
	assert_line --index 0 'id,channel,direction,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,note,tag'
	assert_line --index 2 'a02,voice,inbound,sales,bob,answered,2026-03-02T09:20:00Z,2026-03-02T09:20:30Z,2026-03-02T09:22:30Z,,,"",'
	assert_line --index 3 'a03,voice,inbound,sales,,abandoned,2026-03-02T09:40:00Z,,2026-03-02T09:40:05Z,,,"says ""hi"", then left",""'
	assert_line --index 4 'a04,voice,inbound,support,cid,answered,2026-03-02T10:05:00Z,2026-03-02T10:05:20Z,2026-03-02T10:15:20Z,,,"line one'
	assert_line --index 5 'line two",y'
	assert_line --index 6 'a05,chat,inbound,support,,abandoned,2026-03-02T10:30:00Z,,2026-03-02T10:31:00Z,,,Köln ✓,'
	# JSON Lines: strings, null
	run -0 ccreport --db "$d/h.sqlite" --list abandoned --output-format jsonl
	assert_output '{"id":"a03","channel":"voice","direction":"inbound","queue":"sales","agent":null,"outcome":"abandoned","arrived_at":"2026-03-02T09:40:00Z","answered_at":null,"ended_at":"2026-03-02T09:40:05Z","wait_s":null,"handle_s":null,"note":"says \"hi\", then left","tag":""}
{"id":"a05","channel":"chat","direction":"inbound","queue":"support","agent":null,"outcome":"abandoned","arrived_at":"2026-03-02T10:30:00Z","answered_at":null,"ended_at":"2026-03-02T10:31:00Z","wait_s":null,"handle_s":null,"note":"Köln ✓","tag":null}'
	# store-kinds.jsonl is written as the JSON Lines writer writes (compact,
	# keys in order): numbers keep their text (1.50, -0.5e3, 1E+2), booleans,
	# null, "", a number-like string, escapes, records with other keys, a
	# numeric id; back from the store it is the file itself
	ccreport ingest -q --db "$d/k.sqlite" "$KINDS"
	run -0 bash -c 'ccreport --db "$1" --list all --output-format jsonl | cmp - "$2"' _ "$d/k.sqlite" "$KINDS"
}

@test "--db: records come out in arrival order, then by id; no arrived_at first" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$ORDER"
	# o1 (11:00+02:00) and o2 arrived at 09:00Z, o10 and o5 at 10:00Z; ties
	# by id, byte order: "o1" < "o2", "o10" < "o5"
	run -0 ccreport --db "$d/h.sqlite" --list all
	assert_output 'id,queue,arrived_at,outcome
o1,q,2026-03-02T11:00:00+02:00,other
o2,q,2026-03-02T09:00:00Z,other
o10,q,2026-03-02T10:00:00Z,other
o5,q,2026-03-02T10:00:00Z,other'
	# ingested in another order, the same output
	{ head -n 1 "$ORDER"; tail -n +2 "$ORDER" | sort -r; } >"$d/rev.csv"
	ccreport ingest -q --db "$d/rev.sqlite" "$d/rev.csv"
	run -0 ccreport --db "$d/rev.sqlite" --list all
	local rev=$output
	run -0 ccreport --db "$d/h.sqlite" --list all
	assert_output "$rev"
	# ingest refuses a record without arrived_at, but a row written by other
	# means may lack it: seq 5 after the 4 records.  It comes first, and with
	# --since it is bad, as in a file, at its seq
	sql "$d/h.sqlite" "INSERT INTO records (id, arrived_at, record) VALUES ('o9', NULL, '{\"id\":\"o9\",\"queue\":\"q\",\"arrived_at\":null,\"outcome\":\"other\"}')"
	run -0 bash -c 'ccreport --db "$1" --list all | sed -n 2p' _ "$d/h.sqlite"
	assert_output 'o9,q,,other'
	bad_input "ccreport: $d/h.sqlite:5: no arrived_at (needed by --since and --until)" \
		--db "$d/h.sqlite" --since 2026-03-02T09:30:00Z --list all
	printf 'id,queue,arrived_at,outcome\no9,q,,other\n' >"$d/o9.csv"
	bad_input "ccreport: $d/o9.csv:2: no arrived_at (needed by --since and --until)" \
		--since 2026-03-02T09:30:00Z --list all "$d/o9.csv"
	# --since 09:30Z --until 10:00:00.000001Z keeps o10 and o5 (10:00:00 <
	# until); --reject takes o9
	run -0 --separate-stderr ccreport --db "$d/h.sqlite" --since 2026-03-02T09:30:00Z \
		--until 2026-03-02T10:00:00.000001Z --list all --reject "$d/rej.txt"
	assert_output 'id,queue,arrived_at,outcome
o10,q,2026-03-02T10:00:00Z,other
o5,q,2026-03-02T10:00:00Z,other'
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej.txt)"
	run -0 cat "$d/rej.txt"
	assert_output "# $d/h.sqlite:5: no arrived_at (needed by --since and --until)
{\"id\":\"o9\",\"queue\":\"q\",\"arrived_at\":null,\"outcome\":\"other\"}"
}

@test "--db: --since and --until are pushed into the query" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	# a01 (09:00Z) is made unreadable in the store: a query that reads it
	# fails; one whose range leaves it out never sees it
	sql "$d/h.sqlite" "UPDATE records SET record = '{\"id\":\"a01\",' WHERE id = 'a01'"
	run -1 --separate-stderr ccreport --db "$d/h.sqlite"
	assert_output ''
	[[ "$stderr" == "ccreport: $d/h.sqlite:1:"*": bad stored record: "* ]]
	# from 09:10Z, inbound: a02 (wait 30, handle 120), a03 abandoned, a04
	# (wait 20, handle 600), a05 abandoned: offered 4, answered 2, abandoned 2;
	# abandon_rate 50.00; asa (30 + 20)/2 = 25.00; sl 1/4 = 25.00; waits 20 30:
	# p50 20, p90 30; aht (120 + 600)/2 = 360.00
	run -0 ccreport --db "$d/h.sqlite" --by= --since 2026-03-02T09:10:00Z
	assert_output "$FIGS
4,2,2,0,0,0,50.00,25.00,25.00,20,30,30,30,30,360.00"
	# until 09:00Z: nothing
	run -0 ccreport --db "$d/h.sqlite" --by= --until 2026-03-02T09:00:00Z
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
}

@test "--db: a stored record the report refuses, and a tampered one" {
	local d
	d=$(scratch)
	printf 'id,queue,arrived_at,answered_at\nv1,q,2026-03-02T09:00:00Z,\nv2,q,2026-03-02T09:01:00Z,later\n' >"$d/in.csv"
	# only arrived_at is checked at ingest: v2 is stored
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" "$d/in.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 2 records stored, 0 duplicates ignored"
	# the report refuses it as from the file, at the store's path and seq
	bad_input "ccreport: $d/in.csv:3: bad timestamp in answered_at: 'later'" "$d/in.csv"
	bad_input "ccreport: $d/h.sqlite:2: bad timestamp in answered_at: 'later'" --db "$d/h.sqlite"
	run -0 --separate-stderr ccreport --db "$d/h.sqlite" --by= --reject "$d/rej.txt"
	assert_line --index 1 '1,0,0,0,0,1,0.00,,0.00,,,,,,'
	run -0 cat "$d/rej.txt"
	assert_output "# $d/h.sqlite:2: bad timestamp in answered_at: 'later'
{\"id\":\"v2\",\"queue\":\"q\",\"arrived_at\":\"2026-03-02T09:01:00Z\",\"answered_at\":\"later\"}"
	# records changed by hand in the store: not JSON, a nested value, a
	# blob, a line break
	sql "$d/h.sqlite" "UPDATE records SET record = 'oops' WHERE id = 'v1'"
	sql "$d/h.sqlite" "UPDATE records SET record = '{\"id\":\"v2\",\"x\":[1]}' WHERE id = 'v2'"
	sql "$d/h.sqlite" "INSERT INTO records (id, arrived_at, record) VALUES ('v3', 1772442300000000, x'7b7d')"
	sql "$d/h.sqlite" "INSERT INTO records (id, arrived_at, record) VALUES ('v4', 1772442400000000, '{\"id\":\"v4\"}' || char(10) || '{}')"
	run -1 --separate-stderr ccreport --db "$d/h.sqlite"
	assert_output ''
	assert_equal "$stderr" "ccreport: $d/h.sqlite:1:4: bad stored record: invalid JSON: '[' or '{' expected near 'oops'"
	run -0 --separate-stderr ccreport --db "$d/h.sqlite" --reject "$d/rej.txt"
	assert_equal "$stderr" "ccreport: 4 records rejected (see $d/rej.txt)"
	# the column of a syntax error: "oops" is refused at byte 4 (jansson's
	# position), the '[' of {"id":"v2","x":[1]} is byte 16
	run -0 cat "$d/rej.txt"
	assert_output "# $d/h.sqlite:1:4: bad stored record: invalid JSON: '[' or '{' expected near 'oops'
oops
# $d/h.sqlite:2:16: bad stored record: nested array in a record (records must be flat)
{\"id\":\"v2\",\"x\":[1]}
# $d/h.sqlite:3: bad stored record: not text
# $d/h.sqlite:4: bad stored record: a line break
{\"id\":\"v4\"}
{}"
}

@test "--db: a report into a full device: write error, exit 1" {
	local d fmt
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$CALLS"
	for fmt in csv jsonl table markdown html; do
		run -1 --separate-stderr bash -c 'ccreport --db "$1" --output-format "$2" > /dev/full' _ "$d/h.sqlite" "$fmt"
		assert_equal "$stderr" 'ccreport: write error: No space left on device'
	done
	run -1 --separate-stderr bash -c 'ccreport --db "$1" --list all > /dev/full' _ "$d/h.sqlite"
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
	run -1 --separate-stderr ccreport --db "$d/h.sqlite" -o /dev/full
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
}

# ---------------------------------------------------------------- errors ---

@test "--db: a missing store cannot be opened; ingest creates it" {
	local d
	d=$(scratch)
	bad_input "ccreport: cannot open $d/none.sqlite: No such file or directory" --db "$d/none.sqlite"
	[ ! -e "$d/none.sqlite" ]
	bad_input "ccreport: cannot open $d/no/dir.sqlite: No such file or directory" --db "$d/no/dir.sqlite"
	bad_input "ccreport: cannot open $d/no/dir.sqlite: No such file or directory" \
		ingest --db "$d/no/dir.sqlite" "$A"
	[ ! -e "$d/no" ]
	bad_input "ccreport: cannot open $d: Is a directory" --db "$d"
	bad_input "ccreport: cannot open $d: Is a directory" ingest --db "$d" "$A"
	# names SQLite would read as a URI or an in-memory database are files
	( cd "$d" && ccreport ingest -q --db 'file:x.sqlite?mode=memory' "$A" && ccreport ingest -q --db :memory: "$A" )
	[ -s "$d/file:x.sqlite?mode=memory" ] && [ -s "$d/:memory:" ]
	run -0 bash -c 'cd "$1" && ccreport --db :memory: --by= | tail -n 1 | cut -d, -f1' _ "$d"
	assert_output 5
}

@test "--db: a file that is not a store is refused, and left alone" {
	local d
	d=$(scratch)
	printf 'id,queue\n' >"$d/text.sqlite"
	bad_input "ccreport: $d/text.sqlite: not a SQLite database" --db "$d/text.sqlite"
	bad_input "ccreport: $d/text.sqlite: not a SQLite database" ingest --db "$d/text.sqlite" "$A"
	run -0 cat "$d/text.sqlite"
	assert_output 'id,queue'
	# an empty file is an empty database: not a store to report from, a new
	# store for ingest
	: >"$d/empty.sqlite"
	bad_input "ccreport: $d/empty.sqlite: not a ccreport store (an empty database)" --db "$d/empty.sqlite"
	run -0 ccreport ingest -q --db "$d/empty.sqlite" "$A"
	# another program's database
	sql "$d/other.sqlite" 'CREATE TABLE t (x)'
	bad_input "ccreport: $d/other.sqlite: not a ccreport store (it holds other tables)" --db "$d/other.sqlite"
	bad_input "ccreport: $d/other.sqlite: not a ccreport store (it holds other tables)" \
		ingest --db "$d/other.sqlite" "$A"
	sql "$d/app.sqlite" 'PRAGMA application_id = 42'
	bad_input "ccreport: $d/app.sqlite: not a ccreport store (application_id 0x0000002a)" --db "$d/app.sqlite"
	run -0 sql "$d/other.sqlite" "SELECT name FROM sqlite_master"
	assert_output t
}

@test "--db: a store of a newer schema version is refused, and left alone" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	sql "$d/h.sqlite" 'PRAGMA user_version = 99'
	cp "$d/h.sqlite" "$d/before.sqlite"
	bad_input "ccreport: $d/h.sqlite: store schema version 99 is newer than this ccreport knows (1): use a newer ccreport" \
		--db "$d/h.sqlite"
	bad_input "ccreport: $d/h.sqlite: store schema version 99 is newer than this ccreport knows (1): use a newer ccreport" \
		ingest --db "$d/h.sqlite" "$B"
	cmp "$d/h.sqlite" "$d/before.sqlite"
	# a versioned database without the store's application id
	sql "$d/v.sqlite" 'PRAGMA user_version = 7'
	bad_input "ccreport: $d/v.sqlite: schema version 7 is unknown to this ccreport (it knows 1): not a ccreport store, or one of a newer ccreport" \
		--db "$d/v.sqlite"
	sql "$d/v1.sqlite" 'PRAGMA user_version = 1'
	bad_input "ccreport: $d/v1.sqlite: not a ccreport store (application_id 0, user_version 1)" \
		--db "$d/v1.sqlite"
}

@test "--db: usage errors" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	usage_error '--db reads the store: it takes no FILE' --db "$d/h.sqlite" "$A"
	usage_error '--db reads the store: it takes no --from' --db "$d/h.sqlite" --from asterisk-cdr
	usage_error "invalid --db '': a file name is needed" --db= --by=
	usage_error "invalid --db '-': the store is a file, not standard input" --db -
	usage_error "invalid --db '-': the store is a file, not standard input" ingest --db - "$A"
	usage_error 'ingest needs --db=STORE' ingest "$A"
	usage_error 'ingest writes to the store: it takes no --output-format' \
		ingest --db "$d/h.sqlite" --output-format jsonl "$A"
	usage_error 'ingest stores every record: it takes no filters, --by or --interval' \
		ingest --db "$d/h.sqlite" --since 2026-03-02 "$A"
	usage_error 'ingest stores every record: it takes no filters, --by or --interval' \
		ingest --db "$d/h.sqlite" --queue sales "$A"
	usage_error 'ingest writes records: it takes no --by, --interval, --no-total or definitions options' \
		ingest --db "$d/h.sqlite" --by agent "$A"
	usage_error 'ingest writes records: it takes no --partial, --list or --report' \
		ingest --db "$d/h.sqlite" --list all "$A"
}

@test "--db: a read-only or missing directory" {
	local w
	w=$(world_scratch)
	mkdir "$w/ro"
	ccreport ingest -q --db "$w/ro/h.sqlite" "$A"
	give_away "$w/ro"
	chmod 555 "$w/ro"
	# ingest needs the directory for the -wal and -shm files
	run -1 --separate-stderr as_user ccreport ingest --db "$w/ro/h.sqlite" "$B"
	assert_output ''
	assert_equal "$stderr" "ccreport: cannot write $w/ro/h.sqlite: its directory $w/ro: Permission denied (the -wal and -shm files go there)"
	run -1 --separate-stderr as_user ccreport ingest --db "$w/ro/new.sqlite" "$A"
	assert_equal "$stderr" "ccreport: cannot open $w/ro/new.sqlite: Permission denied"
	[ ! -e "$w/ro/new.sqlite" ]
	# a report reads it (no writer can be active in a read-only directory)
	run -0 --separate-stderr as_user ccreport --db "$w/ro/h.sqlite" --direction all --list all
	local store=$output
	run -0 ccreport --direction all --list all "$A"
	assert_equal "$store" "$output"
	run -0 ls -A "$w/ro"
	assert_output h.sqlite
	# a read-only store file in a writable directory
	chmod 755 "$w/ro"
	chmod 444 "$w/ro/h.sqlite"
	run -1 --separate-stderr as_user ccreport ingest --db "$w/ro/h.sqlite" "$B"
	assert_equal "$stderr" "ccreport: cannot write $w/ro/h.sqlite: the file is read-only"
	run -0 as_user ccreport --db "$w/ro/h.sqlite" --direction all --list all
	assert_equal "$store" "$output"
	# a missing directory
	run -1 --separate-stderr as_user ccreport ingest --db "$w/ro/none/h.sqlite" "$A"
	assert_equal "$stderr" "ccreport: cannot open $w/ro/none/h.sqlite: No such file or directory"
}

# ----------------------------------------------------------- concurrency ---

@test "--db: a report during an ingest sees whole batches (WAL); a second ingest waits" {
	local d i n=''
	d=$(scratch)
	# 50005 records r000001..r050005 with arrived_at 1772442001.. (epoch):
	# the first batch of 50000 is committed, 5 wait in the open one while the
	# input stays open
	awk 'BEGIN { print "id,queue,arrived_at"
		for (i = 1; i <= 50005; i++) printf "r%06d,q,%d\n", i, 1772442000 + i }' >"$d/big.csv"
	mkfifo "$d/fifo"
	ccreport ingest --db "$d/h.sqlite" <"$d/fifo" 2>"$d/ingest1.err" 3>&- &
	local p1=$!
	exec 5>"$d/fifo"
	cat "$d/big.csv" >&5
	for ((i = 0; i < 600; i++)); do
		n=$(offered "$d/h.sqlite" 2>/dev/null) || true
		[ "$n" = 50000 ] && break
		sleep 0.1
	done
	assert_equal "$n" 50000
	sleep 0.5
	# still one batch: the open transaction is not seen
	run -0 offered "$d/h.sqlite"
	assert_output 50000
	# another ingest (a cron run) waits for the lock instead of failing
	printf 'id,queue,arrived_at\nx1,q,1772442000\nr000001,q,1772442001\n' >"$d/small.csv"
	ccreport ingest --db "$d/h.sqlite" "$d/small.csv" 2>"$d/ingest2.err" 3>&- 5>&- &
	local p2=$!
	sleep 1
	kill -0 "$p2"
	# the end of the input: the first ingest commits and ends, then the second
	exec 5>&-
	wait "$p1"
	wait "$p2"
	run -0 cat "$d/ingest1.err"
	assert_output "ccreport: $d/h.sqlite: 50005 records stored, 0 duplicates ignored"
	run -0 cat "$d/ingest2.err"
	assert_output "ccreport: $d/h.sqlite: 1 record stored, 1 duplicate ignored"
	run -0 offered "$d/h.sqlite"
	assert_output 50006
}

# ------------------------------------------------------------- converted ---

@test "ingest --from asterisk-queue-log: the visits are stored, and reported as from the log" {
	local d
	d=$(scratch)
	# store-calls.queue_log: 3 visits; sales 1772442005.1 answered (CONNECT
	# holdtime 12, talk 120), sales 1772442095.3 abandoned after 30 s,
	# support 1772442195.4 answered (holdtime 5, talk 100)
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-queue-log "$QLOG"
	[[ "$stderr" == *"ccreport: $d/h.sqlite: 3 records stored, 0 duplicates ignored"* ]]
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-queue-log "$QLOG"
	[[ "$stderr" == *"ccreport: $d/h.sqlite: 0 records stored, 3 duplicates ignored"* ]]
	# sales: offered 2, answered 1, abandoned 1, asa 12.00; support: 1, 1, 0,
	# 5.00; TOTAL 3, 2, 1, asa (12 + 5)/2 = 8.50
	run -0 bash -c 'ccreport --db "$1" | cut -d, -f1-4,9' _ "$d/h.sqlite"
	assert_output 'queue,offered,answered,abandoned,asa
sales,2,1,1,12.00
support,1,1,0,5.00
TOTAL,3,2,1,8.50'
	ccreport --db "$d/h.sqlite" --interval 1h >"$d/store.csv"
	ccreport --from asterisk-queue-log --interval 1h "$QLOG" >"$d/log.csv" 2>/dev/null
	cmp "$d/log.csv" "$d/store.csv"
	# and the records themselves, as convert writes them
	ccreport --db "$d/h.sqlite" --list all --direction all --output-format jsonl | sort >"$d/store.jsonl"
	ccreport convert --from asterisk-queue-log --output-format jsonl "$QLOG" 2>/dev/null | grep -v '^{"_' | sort >"$d/conv.jsonl"
	cmp "$d/conv.jsonl" "$d/store.jsonl"
}

@test "ingest --from asterisk-cdr: the calls are stored, and reported as from the file" {
	local d
	d=$(scratch)
	# store-cdr.csv (cdr_csv, 16 fields): support answered 09:00:00 ->
	# 09:00:20 (wait 20, billsec 240), sales NO ANSWER, support answered
	# 09:02:00 -> 09:02:10 (wait 10, billsec 60)
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-cdr "$TEST_DATA/store-cdr.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 3 records stored, 0 duplicates ignored"
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-cdr "$TEST_DATA/store-cdr.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 3 duplicates ignored"
	# sales: offered 1, answered 0, abandoned 1; support: 2 answered, asa
	# (20 + 10)/2 = 15.00, aht (240 + 60)/2 = 150.00
	run -0 bash -c 'ccreport --db "$1" | cut -d, -f1-4,9,16' _ "$d/h.sqlite"
	assert_output 'queue,offered,answered,abandoned,asa,aht
sales,1,0,1,,
support,2,2,0,15.00,150.00
TOTAL,3,2,1,15.00,150.00'
	ccreport --db "$d/h.sqlite" --by agent --output-format jsonl >"$d/store.jsonl"
	ccreport --from asterisk-cdr --by agent --output-format jsonl "$TEST_DATA/store-cdr.csv" >"$d/cdr.jsonl"
	cmp "$d/cdr.jsonl" "$d/store.jsonl"
}

# ------------------------------------------------------------- --replace ---
# (ccreport ingest --replace: store_set_replace and store_replaced, wired in
# main.c; the end message is "N records stored, M replaced, K duplicates
# ignored")

@test "ingest --replace: a queue_log read again when complete replaces the visit cut before" {
	local d
	d=$(scratch)
	# store-cut.queue_log, exported at 10:00:10: visit A (ENTERQUEUE 09:50:00,
	# CONNECT holdtime 10, COMPLETEAGENT talk 60) is complete; visit B
	# (ENTERQUEUE 10:00:00) has an AGENTDUMP last, so it ends there: dumped
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-queue-log "$CUT"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 2 records stored, 0 duplicates ignored"
	# store-whole.queue_log, the same log later: B is CONNECTed by SIP/bob
	# (holdtime 20) and ends with COMPLETECALLER (talk 120); visit C
	# (ENTERQUEUE 10:03:20) abandons after 30 s.  Without --replace the
	# dumped B stays: C stored, A and B duplicates
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-queue-log "$WHOLE"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 1 record stored, 2 duplicates ignored"
	run -0 sql "$d/h.sqlite" "SELECT seq, json_extract(record, '$.outcome') FROM records WHERE id = '1772445595.7:sales:1772445600'"
	assert_output '2|dumped'
	# with --replace: B differs, it is replaced; A and C are the same records
	# as stored, duplicates
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" --from asterisk-queue-log "$WHOLE"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 1 replaced, 2 duplicates ignored"
	# B keeps its row (seq 2), now answered by SIP/bob
	run -0 sql "$d/h.sqlite" "SELECT seq, json_extract(record, '$.outcome'), json_extract(record, '$.agent'), json_extract(record, '$.wait_s') FROM records ORDER BY seq"
	assert_output '1|answered|SIP/ann|10
2|answered|SIP/bob|20
3|abandoned||30'
	# sales: offered 3 (A, B, C), answered 2, abandoned 1; abandon_rate
	# 1/3 = 33.33; asa (10 + 20)/2 = 15.00; sl: waits 10 and 20 <= 20 s:
	# 2/3 = 66.67; answered waits 10 20: p50 rank ceil(1) = 1 -> 10, p90
	# rank ceil(1.8) = 2 -> 20, p95 p99 max 20; aht (60 + 120)/2 = 90.00
	run -0 ccreport --db "$d/h.sqlite"
	assert_output "$HEAD
sales,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,90.00
TOTAL,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,90.00"
	# the same as from the whole log, every record too
	ccreport --from asterisk-queue-log --interval 1h "$WHOLE" >"$d/log.csv" 2>/dev/null
	run -0 bash -c 'ccreport --db "$1" --interval 1h | cmp - "$2"' _ "$d/h.sqlite" "$d/log.csv"
	ccreport convert --from asterisk-queue-log --output-format jsonl "$WHOLE" 2>/dev/null | grep -v '^{"_' >"$d/conv.jsonl"
	run -0 bash -c 'ccreport --db "$1" --list all --output-format jsonl | cmp - "$2"' _ "$d/h.sqlite" "$d/conv.jsonl"
	# run again: nothing changes
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" --from asterisk-queue-log "$WHOLE"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 replaced, 3 duplicates ignored"
}

@test "ingest --replace: a CDR export with all the rows of a call replaces the one with its first row" {
	local d
	d=$(scratch)
	# store-cdr-part.csv: the first row of call 1772445600.11 (Queue support,
	# 10:00:00 to 10:00:20, NO ANSWER): abandoned, wait 20
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-cdr "$TEST_DATA/store-cdr-part.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 1 record stored, 0 duplicates ignored"
	# store-cdr-whole.csv adds its second row (Dial SIP/1002, answered
	# 10:00:25, billsec 180, same linkedid): without --replace a duplicate
	run -0 --separate-stderr ccreport ingest --db "$d/h.sqlite" --from asterisk-cdr "$TEST_DATA/store-cdr-whole.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 1 duplicate ignored"
	run -0 sql "$d/h.sqlite" "SELECT json_extract(record, '$.outcome') FROM records"
	assert_output abandoned
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" --from asterisk-cdr "$TEST_DATA/store-cdr-whole.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 1 replaced, 0 duplicates ignored"
	# the call: queue support (the first Queue row's), answered at 10:00:25
	# by SIP/1002, wait 25 s, handle 180 s, 2 rows
	run -0 sql "$d/h.sqlite" "SELECT seq, json_extract(record, '$.outcome'), json_extract(record, '$.agent'), json_extract(record, '$.attempts') FROM records"
	assert_output '1|answered|SIP/1002|2'
	# support: offered 1, answered 1, asa 25.00, sl 0/1 (25 > 20) = 0.00,
	# waits 25, aht 180.00
	run -0 ccreport --db "$d/h.sqlite"
	assert_output "$HEAD
support,1,1,0,0,0,0,0.00,25.00,0.00,25,25,25,25,25,180.00
TOTAL,1,1,0,0,0,0,0.00,25.00,0.00,25,25,25,25,25,180.00"
}

@test "ingest --replace: same record a duplicate, the last version wins, seq kept, arrival moved" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	# the same file again: the same 6 records, duplicates
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" "$A"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 replaced, 6 duplicates ignored"
	# store-b.jsonl: a05 (differs: replaced), b01 (new), a06 (differs:
	# replaced), b02 (new), b01 again (differs from the first b01: replaced)
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" "$B"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 2 records stored, 3 replaced, 0 duplicates ignored"
	# a05 and a06 keep seq 5 and 6; b01 (seq 7) holds its last version,
	# queue other, arrived 12:00Z = 1772442000 + 3 * 3600 = 1772452800
	run -0 sql "$d/h.sqlite" "SELECT seq, id, arrived_at, json_extract(record, '$.queue') FROM records ORDER BY seq"
	assert_output '1|a01|1772442000000000|sales
2|a02|1772443200000000|sales
3|a03|1772444400000000|sales
4|a04|1772445900000000|support
5|a05|1772447400000000|support
6|a06|1772449200000000|sales
7|b01|1772452800000000|other
8|b02|1772445600000000|sales'
	run -0 bash -c 'ccreport --db "$1" --list all --direction all --output-format jsonl --since 2026-03-02T11:30:00Z' _ "$d/h.sqlite"
	assert_output '{"id":"b01","queue":"other","arrived_at":"2026-03-02T12:00:00Z","outcome":"answered","wait_s":0}'
	# 8 ids, each once; from 10:05 to 10:15 only a04 now (b01 was at 10:10)
	run -0 offered "$d/h.sqlite"
	assert_output 8
	run -0 bash -c 'ccreport --db "$1" --by= --direction all --since 2026-03-02T10:05:00Z --until 2026-03-02T10:15:00Z | tail -n 1 | cut -d, -f1' _ "$d/h.sqlite"
	assert_output 1
	# both files in one run into a new store: A's 6 stored, then B's a05 and
	# a06 replaced, b01 and b02 stored, b01 replaced
	run -0 --separate-stderr ccreport ingest --replace --db "$d/one.sqlite" "$A" "$B"
	assert_equal "$stderr" "ccreport: $d/one.sqlite: 8 records stored, 3 replaced, 0 duplicates ignored"
	run -0 bash -c 'ccreport --db "$1" --list all --direction all --output-format jsonl | cmp - <(ccreport --db "$2" --list all --direction all --output-format jsonl)' _ "$d/one.sqlite" "$d/h.sqlite"
	# singular words, and -q
	printf 'id,arrived_at\nx1,1772442000\n' >"$d/x.csv"
	printf 'id,arrived_at\nx1,1772442001\n' >"$d/y.csv"
	ccreport ingest -q --db "$d/o.sqlite" "$d/x.csv"
	run -0 --separate-stderr ccreport ingest --replace --db "$d/o.sqlite" "$d/y.csv" "$d/y.csv"
	assert_equal "$stderr" "ccreport: $d/o.sqlite: 0 records stored, 1 replaced, 1 duplicate ignored"
	run -0 --separate-stderr ccreport ingest -q --replace --db "$d/o.sqlite" "$d/x.csv"
	assert_equal "$stderr" ''
	run -0 sql "$d/o.sqlite" 'SELECT seq, arrived_at FROM records'
	assert_output '1|1772442000000000'
}

@test "ingest --replace: bad records are refused as without it; a bad record replaces nothing" {
	local d
	d=$(scratch)
	printf 'id,queue,arrived_at\ng1,q,2026-03-02T09:00:00Z\ng2,q,2026-03-02T09:01:00Z\n' >"$d/a.csv"
	ccreport ingest -q --db "$d/h.sqlite" "$d/a.csv"
	# line 2 replaces g1 (new queue), line 3 is g2 without arrived_at, line
	# 4 g2 with a bad one, line 5 no id: g2 stays as stored
	printf 'id,queue,arrived_at\ng1,r,2026-03-02T09:00:00Z\ng2,r,\ng2,r,later\n,r,2026-03-02T09:02:00Z\n' >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:3: no arrived_at (the store keeps records by arrival time)" \
		ingest --replace --db "$d/h.sqlite" "$d/b.csv"
	# g1 was replaced before the stop (its batch is committed)
	run -0 sql "$d/h.sqlite" "SELECT id, json_extract(record, '$.queue') FROM records ORDER BY seq"
	assert_output 'g1|r
g2|q'
	run -0 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" --reject "$d/rej.txt" "$d/b.csv"
	assert_equal "$stderr" "ccreport: $d/h.sqlite: 0 records stored, 0 replaced, 1 duplicate ignored
ccreport: 3 records rejected (see $d/rej.txt)"
	run -0 cat "$d/rej.txt"
	assert_output "# $d/b.csv:3: no arrived_at (the store keeps records by arrival time)
g2,r,
# $d/b.csv:4: bad timestamp in arrived_at: 'later'
g2,r,later
# $d/b.csv:5: no id (the store keeps each record under its id)
,r,2026-03-02T09:02:00Z"
	run -0 sql "$d/h.sqlite" "SELECT id, json_extract(record, '$.queue') FROM records ORDER BY seq"
	assert_output 'g1|r
g2|q'
	# a reject file on a full device
	run -1 --separate-stderr ccreport ingest --replace --db "$d/h.sqlite" --reject /dev/full "$d/b.csv"
	assert_equal "${stderr##*$'\n'}" 'ccreport: write error: No space left on device'
}

@test "--replace: a usage error without ingest" {
	local d
	d=$(scratch)
	ccreport ingest -q --db "$d/h.sqlite" "$A"
	usage_error '--replace goes with ingest' --replace --db "$d/h.sqlite"
	usage_error '--replace goes with ingest' --replace "$A"
	usage_error '--replace goes with ingest' convert --replace "$A"
}

# -------------------------------------------------------------- the page ---

@test "man page: the HISTORY example's figures" {
	# EXAMPLES: ingest samples/calls.csv into a new store, then report
	# 09:00-12:00Z by hour from it; the figures are the independent model's
	# over the file
	local cmd
	cmd=$(sed -n '/^\.SH EXAMPLES/,/^\.SH SEE ALSO/p' "$TOP_SRCDIR/man/ccreport.1" |
		sed -n '/^\$ .*ingest/,/^\.EE/p' | sed '/^\.EE/d; s/\\e$//; s/\\-/-/g; s/^\$ //' | tr -d '\n')
	[[ "$cmd" == *"ccreport ingest --db"* ]]
	run -0 --separate-stderr bash -c "cd \"\$1\" && $cmd" _ "$TOP_SRCDIR"
	local got=$output
	run -0 model --since 2026-03-02T09:00:00Z --until 2026-03-02T12:00:00Z -i 1h "$CALLS"
	assert_equal "$got" "$output"
	[[ "$stderr" == "ccreport: "*"/history.sqlite: 300 records stored, 0 duplicates ignored" ]]
}
