#!/usr/bin/env bats
# ccreport: reading input: formats, framing, every kind of bad record (fail-fast
# and --reject), and the same answer whatever the number of threads.

bats_require_minimum_version 1.5.0
setup() { load common; }

# A good record: answered after 5 s.  In "1,voice,inbound,q,a,..." the queue
# field starts at column 17 (16 bytes "1,voice,inbound," before it).
GOOD='1,voice,inbound,q,a,answered,,,,5,'
# The report of N such records (--by=).
one_row() { printf '%s\n%s,%s,0,0,0,0,0.00,5.00,100.00,5,5,5,5,5,' "$FIGS" "$1" "$1"; }

# ---------------------------------------------------------------- framing

@test "an empty file (0 bytes) gives a report of zero counts" {
	local d
	d=$(scratch)
	: >"$d/e"
	for f in auto csv jsonl; do
		run -0 --separate-stderr ccreport --by= --input-format=$f "$d/e"
		assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
		assert_equal "$stderr" ''
	done
}

@test "a header-only CSV (with or without its line end) gives zero counts" {
	local d
	d=$(scratch)
	printf '%s\n' "$HEADER" >"$d/h1.csv"
	printf '%s' "$HEADER" >"$d/h2.csv"
	printf '%s\r\n\r\n\n' "$HEADER" >"$d/h3.csv"
	for f in h1 h2 h3; do
		run -0 --separate-stderr ccreport "$d/$f.csv"
		assert_output "queue,$FIGS
TOTAL,0,0,0,0,0,0,,,,,,,,,"
		assert_equal "$stderr" ''
	done
}

@test "a file of blank lines only gives zero counts" {
	local d
	d=$(scratch)
	printf '\n\n\r\n\n' >"$d/b"
	run -0 ccreport --by= "$d/b"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
}

@test "CSV: blank lines are skipped but counted in line numbers" {
	local d
	d=$(scratch)
	# lines: 1-2 blank, 3 header, 4 good, 5-6 blank, 7 good, 8 blank, 9 bad
	printf '\n\n%s\n%s\n\n\n%s\n\n%s\n' "$HEADER" "$GOOD" "$GOOD" '9,voice,inbound,q,a,answered,,,,x,' >"$d/in.csv"
	bad_input "ccreport: $d/in.csv:9: bad number of seconds in wait_s: 'x'" "$d/in.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/in.csv"
	assert_output "$(one_row 2)"
}

@test "JSONL: blank and white-space lines are skipped but counted" {
	local d
	d=$(scratch)
	printf '\n  \n{"queue":"q","outcome":"answered","wait_s":5}\n\t\n\n{"queue":"q","wait_s":"x"}\n' >"$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:6: bad number of seconds in wait_s: 'x'" "$d/in.jsonl"
}

@test "the format is detected from the first non-blank byte" {
	local d
	d=$(scratch)
	# JSONL after blank lines and spaces
	printf '\n \t\n  {"queue":"q","outcome":"answered","wait_s":5}\n' >"$d/a"
	run -0 ccreport --by= "$d/a"
	assert_output "$(one_row 1)"
	# a CSV whose first column name starts with a brace is still CSV...
	printf '%s\n' 'x{,queue,outcome,wait_s' '1,q,answered,5' >"$d/b"
	run -0 ccreport --by= "$d/b"
	assert_output "$(one_row 1)"
	# ...but a leading brace makes the input JSONL
	printf '%s\n' '{x,queue,outcome,wait_s' '1,q,answered,5' >"$d/c"
	bad_input "ccreport: $d/c:1:2: invalid JSON: string or '}' expected near 'x'" "$d/c"
}

@test "--input-format forces the reader" {
	local d
	d=$(scratch)
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":5}' >"$d/in.jsonl"
	mkcsv "$d/in.csv" "$GOOD"
	bad_input "ccreport: $d/in.jsonl:1:2: bad header: bad quoting (a quote inside an unquoted field, or text after a closing quote)" \
		--input-format=csv "$d/in.jsonl"
	bad_input "ccreport: $d/in.csv:1:2: invalid JSON: '[' or '{' expected near 'id'" --input-format=jsonl "$d/in.csv"
	run -0 ccreport --by= --input-format=jsonl "$d/in.jsonl"
	assert_output "$(one_row 1)"
	run -0 ccreport --by= --input-format=csv "$d/in.csv"
	assert_output "$(one_row 1)"
	run -0 ccreport --by= --input-format=auto "$d/in.csv"
	assert_output "$(one_row 1)"
}

@test "a UTF-8 byte-order mark is skipped, in CSV and JSONL" {
	local d
	d=$(scratch)
	printf '\xef\xbb\xbf%s\n%s\n%s\n' "$HEADER" "$GOOD" '3,voice,inbound,q,a,answered,,,,x,' >"$d/in.csv"
	# the header's first column is "id", not "<BOM>id"
	run -0 --separate-stderr ccreport --by=id --no-total --reject="$d/rej" "$d/in.csv"
	assert_output "id,$FIGS
1,1,1,0,0,0,0,0.00,5.00,100.00,5,5,5,5,5,"
	bad_input "ccreport: $d/in.csv:3: bad number of seconds in wait_s: 'x'" "$d/in.csv"
	printf '\xef\xbb\xbf\n{"queue":"q","outcome":"answered","wait_s":5}\n{"queue":"q","wait_s":"x"}\n' >"$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:3: bad number of seconds in wait_s: 'x'" "$d/in.jsonl"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/in.jsonl"
	assert_output "$(one_row 1)"
	# a BOM alone is an empty input
	printf '\xef\xbb\xbf' >"$d/bom"
	run -0 ccreport --by= "$d/bom"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
}

@test "CRLF line ends read like LF ones, quoted line breaks kept" {
	local d
	d=$(scratch)
	mkcsv "$d/lf.csv" "$GOOD" '2,voice,inbound,"multi
line",a,answered,,,,7,' '3,voice,inbound,q,a,abandoned,,,,2,'
	sed 's/$/\r/' "$d/lf.csv" >"$d/crlf.csv"
	run -0 ccreport --by= "$d/lf.csv"
	local want=$output
	# waits 5 and 7: asa 6.00; one abandon of three: 33.33; sl 2/3 = 66.67
	assert_output "$FIGS
3,2,1,0,0,0,33.33,6.00,66.67,5,7,7,7,7,"
	run -0 ccreport --by= "$d/crlf.csv"
	assert_output "$want"
	# the quoted CRLF stays in the value
	run -0 ccreport --by=queue --no-total --output-format=jsonl "$d/crlf.csv"
	assert_line --index 1 --partial '{"queue":"multi\r\nline",'
	# JSONL with CRLF
	printf '{"queue":"q","outcome":"answered","wait_s":5}\r\n\r\n{"queue":"q","wait_s":"x"}\r\n' >"$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:3: bad number of seconds in wait_s: 'x'" "$d/in.jsonl"
}

@test "quoted fields with line breaks, commas and \"\" escapes; later line numbers count the breaks" {
	local d
	d=$(scratch)
	# record 1 spans lines 2-4, record 2 is line 5, record 3 lines 6-7, record 4 line 8
	mkcsv "$d/in.csv" \
		'1,voice,inbound,"a, ""b""
c
d",x,answered,,,,1,' \
		'2,voice,inbound,q,x,answered,,,,2,' \
		'3,voice,inbound,q,"line one
line two",answered,,,,3,' \
		'4,voice,inbound,q,x,answered,,,,bad,'
	bad_input "ccreport: $d/in.csv:8: bad number of seconds in wait_s: 'bad'" "$d/in.csv"
	run -0 --separate-stderr ccreport --no-total --reject="$d/rej" "$d/in.csv"
	assert_output "queue,$FIGS
\"a, \"\"b\"\"
c
d\",1,1,0,0,0,0,0.00,1.00,100.00,1,1,1,1,1,
q,2,2,0,0,0,0,0.00,2.50,100.00,2,3,3,3,3,"
	assert_equal "$(cat "$d/rej")" "# $d/in.csv:8: bad number of seconds in wait_s: 'bad'
4,voice,inbound,q,x,answered,,,,bad,"
}

@test "a last record without a line end is read" {
	local d
	d=$(scratch)
	printf '%s\n%s\n%s' "$HEADER" "$GOOD" "$GOOD" >"$d/a.csv"
	run -0 ccreport --by= "$d/a.csv"
	assert_output "$(one_row 2)"
	printf '{"queue":"q","outcome":"answered","wait_s":5}' >"$d/a.jsonl"
	run -0 ccreport --by= "$d/a.jsonl"
	assert_output "$(one_row 1)"
}

# ---------------------------------------------------------------- bad CSV records

@test "wrong number of fields" {
	local d
	d=$(scratch)
	mkcsv "$d/few.csv" "$GOOD" '2,voice,inbound,q,a,answered,,,,5'
	bad_input "ccreport: $d/few.csv:3: expected 11 fields, found 10" "$d/few.csv"
	mkcsv "$d/many.csv" '1,voice,inbound,q,a,answered,,,,5,,'
	bad_input "ccreport: $d/many.csv:2: expected 11 fields, found 12" "$d/many.csv"
	# a quoted comma is not a separator; a line of spaces is a one-field record
	mkcsv "$d/q.csv" '1,voice,inbound,"q,r",a,answered,,,,5' '  '
	bad_input "ccreport: $d/q.csv:2: expected 11 fields, found 10" "$d/q.csv"
}

@test "bad quoting: a quote inside an unquoted field, text after a closing quote" {
	local d
	d=$(scratch)
	local why='bad quoting (a quote inside an unquoted field, or text after a closing quote)'
	# the stray quote is byte 18: "1,voice,inbound,q" is 17 bytes
	mkcsv "$d/a.csv" '1,voice,inbound,q"x,a,answered,,,,5,'
	bad_input "ccreport: $d/a.csv:2:18: $why" "$d/a.csv"
	# after the closing quote of "q" (bytes 17-19) comes x at 20
	mkcsv "$d/b.csv" '1,voice,inbound,"q"x,a,answered,,,,5,'
	bad_input "ccreport: $d/b.csv:2:20: $why" "$d/b.csv"
	# a space after the closing quote is text too
	mkcsv "$d/c.csv" '1,voice,inbound,"q" ,a,answered,,,,5,'
	bad_input "ccreport: $d/c.csv:2:20: $why" "$d/c.csv"
	# on the second line of a multi-line record: line 3, byte 5
	mkcsv "$d/d.csv" '1,voice,inbound,"q
r"x",a,answered,,,,5,'
	bad_input "ccreport: $d/d.csv:3:3: $why" "$d/d.csv"
}

@test "an unterminated quote: reported at its opening quote" {
	local d
	d=$(scratch)
	# the quote that opens the queue field (byte 17 of line 2) is never closed
	printf '%s\n%s' "$HEADER" '1,voice,inbound,"q,a,answered,,,,5,' >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:17: unterminated quoted field" "$d/a.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/a.csv"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/a.csv:2:17: unterminated quoted field
1,voice,inbound,\"q,a,answered,,,,5,"
	# the same with a line end after it
	printf '%s\n%s\n' "$HEADER" '1,voice,inbound,"q,a,answered,,,,5,' >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:2:17: unterminated quoted field" "$d/b.csv"
	# the quote of the second field on line 3, after a good multi-line record
	printf '%s\n%s\n%s\n' 'queue,note,wait_s' 'q,"one' 'two",1' 'q,"three,4' >"$d/c.csv"
	bad_input "ccreport: $d/c.csv:4:3: unterminated quoted field" "$d/c.csv"
}

@test "an unterminated quote rejects its first line only: the next lines are read again" {
	local d
	d=$(scratch)
	printf '%s\n%s\n%s\n' "$HEADER" '1,voice,inbound,"q,a,answered,,,,5,' "$GOOD" >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:17: unterminated quoted field" "$d/a.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/a.csv"
	assert_output "$(one_row 1)"
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/a.csv:2:17: unterminated quoted field
1,voice,inbound,\"q,a,answered,,,,5,"
}

@test "invalid UTF-8: the column of the first bad byte" {
	local d
	d=$(scratch)
	# "1,voice,inbound,q" is 17 bytes: the bad byte is the 18th
	printf '%s\n1,voice,inbound,q\xff,a,answered,,,,5,\n' "$HEADER" >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:18: invalid UTF-8" "$d/a.csv"
	# an overlong encoding of '/', a UTF-16 surrogate, a truncated sequence
	printf '%s\n1,voice,inbound,q\xc0\xaf,a,answered,,,,5,\n' "$HEADER" >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:2:18: invalid UTF-8" "$d/b.csv"
	printf '%s\n1,voice,inbound,q\xed\xa0\x80,a,answered,,,,5,\n' "$HEADER" >"$d/c.csv"
	bad_input "ccreport: $d/c.csv:2:18: invalid UTF-8" "$d/c.csv"
	printf '%s\n1,voice,inbound,q,a,answered,,,,5,\xe2\x82\n' "$HEADER" >"$d/e.csv"
	bad_input "ccreport: $d/e.csv:2:35: invalid UTF-8" "$d/e.csv"
	# in a line with quotes the field is named: "q<FF>" is field 4, byte 19
	printf '%s\n1,voice,inbound,"q\xff",a,answered,,,,5,\n' "$HEADER" >"$d/f.csv"
	bad_input "ccreport: $d/f.csv:2:19: invalid UTF-8 in field 4" "$d/f.csv"
	# valid multi-byte text passes
	printf '%s\n1,voice,inbound,\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80,a,answered,,,,5,\n' "$HEADER" >"$d/ok.csv"
	run -0 ccreport --no-total "$d/ok.csv"
	assert_line --index 1 'é€😀,1,1,0,0,0,0,0.00,5.00,100.00,5,5,5,5,5,'
}

@test "a NUL byte" {
	local d
	d=$(scratch)
	printf '%s\n1,voice,inbound,q\0x,a,answered,,,,5,\n' "$HEADER" >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:18: NUL byte" "$d/a.csv"
	# with quotes elsewhere on the line: "1,voice,\"inbound\",q" is 19 bytes
	printf '%s\n1,voice,"inbound",q\0x,a,answered,,,,5,\n' "$HEADER" >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:2:20: NUL byte in field 4" "$d/b.csv"
}

@test "a carriage return inside a line: the column of the CR" {
	local d
	d=$(scratch)
	local why='carriage return inside a line (bare CR line ends are not supported)'
	printf '%s\n1,voice,inbound,q\rx,a,answered,,,,5,\n' "$HEADER" >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:18: $why" "$d/a.csv"
	# two CRs before the LF: the first is inside the line (byte 35)
	printf '%s\n1,voice,inbound,q,a,answered,,,,5,\r\r\n' "$HEADER" >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:2:35: $why" "$d/b.csv"
	# in the header: "id,queue" is 8 bytes
	printf 'id,queue\rx,y\n1,q\n' >"$d/c.csv"
	bad_input "ccreport: $d/c.csv:1:9: bad header: $why" "$d/c.csv"
}

@test "a carriage return inside a line with quotes: the column of the CR" {
	local d
	d=$(scratch)
	local why='carriage return inside a line (bare CR line ends are not supported)'
	# '1,voice,inbound,"q"' is 19 bytes: the CR is byte 20
	printf '%s\n1,voice,inbound,"q"\rx,a,answered,,,,5,\n' "$HEADER" >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:2:20: $why" "$d/a.csv"
	# '1,voice,inbound,"q",a' is 21 bytes: the CR is byte 22
	printf '%s\n1,voice,inbound,"q",a\rx,answered,,,,5,\n' "$HEADER" >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:2:22: $why" "$d/b.csv"
}

@test "fields longer than --max-field-size" {
	local d
	d=$(scratch)
	# the longest header name, answered_at, is 11 bytes
	mkcsv "$d/in.csv" '1,voice,inbound,qqqqqqqqqqqq,a,answered,,,,5,'
	bad_input "ccreport: $d/in.csv:2:17: field 4 is longer than 11 bytes (--max-field-size)" \
		--max-field-size=11 "$d/in.csv"
	mkcsv "$d/q.csv" '1,voice,inbound,"qq""qqqqqqqqq",a,answered,,,,5,'
	bad_input "ccreport: $d/q.csv:2:17: field 4 is longer than 11 bytes (--max-field-size)" \
		--max-field-size=11 "$d/q.csv"
	# 11 bytes is allowed (the quoted one unescapes to 11)
	mkcsv "$d/ok.csv" '1,voice,inbound,qqqqqqqqqqq,a,answered,,,,5,' '1,voice,inbound,"qq""qqqqqqqq",a,answered,,,,5,'
	run -0 ccreport --by= --max-field-size=11 "$d/ok.csv"
	assert_output "$(one_row 2)"
	# the header is held to the limit too
	bad_input "ccreport: $d/ok.csv:1:53: bad header: field 8 is longer than 10 bytes (--max-field-size)" \
		--max-field-size=10 "$d/ok.csv"
}

@test "a quoted field over the limit that spans lines: the whole record is rejected" {
	local d
	d=$(scratch)
	# the queue field "first line<LF>second line" (22 bytes) is closed on line 3:
	# the record is lines 2-3, the next record (line 4) is good
	mkcsv "$d/in.csv" '1,voice,inbound,"first line
second line",a,answered,,,,5,' "$GOOD"
	bad_input "ccreport: $d/in.csv:2:17: field 4 is longer than 11 bytes (--max-field-size)" \
		--max-field-size=11 "$d/in.csv"
	run -0 --separate-stderr ccreport --by= --max-field-size=11 --reject="$d/rej" "$d/in.csv"
	assert_output "$(one_row 1)"
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/in.csv:2:17: field 4 is longer than 11 bytes (--max-field-size)
1,voice,inbound,\"first line
second line\",a,answered,,,,5,"
}

@test "the default field limit is 1 MiB" {
	local d
	d=$(scratch)
	# agent is field 5, from byte 19 ("1,voice,inbound,q," is 18 bytes)
	python3 -c 'import sys
n = int(sys.argv[1])
print(sys.argv[2])
print("1,voice,inbound,q," + "a" * n + ",answered,,,,5,")' 1048577 "$HEADER" >"$d/big.csv"
	bad_input "ccreport: $d/big.csv:2:19: field 5 is longer than 1048576 bytes (--max-field-size)" "$d/big.csv"
	python3 -c 'import sys
n = int(sys.argv[1])
print(sys.argv[2])
print("1,voice,inbound,q," + "a" * n + ",answered,,,,5,")' 1048576 "$HEADER" >"$d/ok.csv"
	run -0 ccreport --by= "$d/ok.csv"
	assert_output "$(one_row 1)"
	run -0 --separate-stderr ccreport --by= --max-field-size=1048575 --reject="$d/rej" "$d/ok.csv"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
}

@test "bad header: duplicate or empty column names, bad quoting" {
	local d
	d=$(scratch)
	printf '%s\n' 'queue,wait_s,queue' 'q,1,q' >"$d/a.csv"
	bad_input "ccreport: $d/a.csv:1: bad header: duplicate column 'queue'" "$d/a.csv"
	printf '%s\n' 'queue,,wait_s' 'q,,1' >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:1: bad header: column 2 has no name" "$d/b.csv"
	printf '%s\n' 'que"ue,wait_s' 'q,1' >"$d/c.csv"
	bad_input "ccreport: $d/c.csv:1:4: bad header: bad quoting (a quote inside an unquoted field, or text after a closing quote)" "$d/c.csv"
	# header errors stop the run even with --reject
	bad_input "ccreport: $d/a.csv:1: bad header: duplicate column 'queue'" --reject="$d/rej" "$d/a.csv"
}

@test "bad timestamps" {
	local d
	d=$(scratch)
	mkcsv "$d/a.csv" '1,voice,inbound,q,a,answered,2026-02-29T10:00:00Z,,,5,'
	bad_input "ccreport: $d/a.csv:2: bad timestamp in arrived_at: '2026-02-29T10:00:00Z'" "$d/a.csv"
	mkcsv "$d/b.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,2026-03-02 10:00:05,,,'
	bad_input "ccreport: $d/b.csv:2: bad timestamp in answered_at: '2026-03-02 10:00:05'" "$d/b.csv"
	mkcsv "$d/c.csv" '1,voice,inbound,q,a,abandoned,2026-03-02T10:00:00Z,,2026-03-02T10:00:05+25:00,,'
	bad_input "ccreport: $d/c.csv:2: bad timestamp in ended_at: '2026-03-02T10:00:05+25:00'" "$d/c.csv"
	# a long value is quoted to 40 bytes
	mkcsv "$d/e.csv" '1,voice,inbound,q,a,answered,yesterday-at-ten-in-the-morning-or-so-roughly,,,5,'
	bad_input "ccreport: $d/e.csv:2: bad timestamp in arrived_at: 'yesterday-at-ten-in-the-morning-or-so-ro'" "$d/e.csv"
	# bad values are reported even in records the filters leave out
	mkcsv "$d/f.csv" '1,voice,outbound,q,a,answered,2026-13-01T00:00:00Z,,,5,'
	bad_input "ccreport: $d/f.csv:2: bad timestamp in arrived_at: '2026-13-01T00:00:00Z'" "$d/f.csv"
}

@test "accepted timestamp forms: Z, offsets, lower-case t and z, space, fractions, epoch" {
	local d
	d=$(scratch)
	# each answered 12.5 s after arriving at 2026-03-02T10:00:00Z = 1772445600
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:12.5Z,,,' \
		'2,voice,inbound,q,a,answered,2026-03-02T12:00:00+02:00,2026-03-02T05:00:12.500-05:00,,,' \
		'3,voice,inbound,q,a,answered,2026-03-02t10:00:00z,2026-03-02 10:00:12.500000000Z,,,' \
		'4,voice,inbound,q,a,answered,1772445600,1772445612.5,,,'
	run -0 ccreport --by= -i 1h "$d/in.csv"
	assert_output "interval,$FIGS
2026-03-02T10:00:00Z,4,4,0,0,0,0,0.00,12.50,100.00,13,13,13,13,13,
TOTAL,4,4,0,0,0,0,0.00,12.50,100.00,13,13,13,13,13,"
}

@test "a record longer than 16 x --max-field-size + 64 KiB, from a file or a pipe" {
	local d
	d=$(scratch)
	# --max-field-size=1: the limit is 16 + 65536 = 65552 bytes
	python3 -c 'print("{\"a\":\"" + "x" * 70000 + "\"}")' >"$d/in.jsonl"
	printf '%s\n' '{"b":"1"}' >>"$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:1: record longer than 65552 bytes" --max-field-size=1 "$d/in.jsonl"
	run -1 --separate-stderr bash -c 'ccreport --max-field-size=1 < "$1"' _ "$d/in.jsonl"
	assert_equal "$stderr" "ccreport: -:1: record longer than 65552 bytes"
	# with --reject: its first 1024 bytes, and the next line is read
	run -0 --separate-stderr ccreport --by= --max-field-size=1 --reject="$d/rej" "$d/in.jsonl"
	assert_output "$FIGS
1,0,0,0,0,1,0.00,,0.00,,,,,,"
	head -c 1024 "$d/in.jsonl" >"$d/raw"
	assert_equal "$(cat "$d/rej")" "# $d/in.jsonl:1: record longer than 65552 bytes
$(cat "$d/raw")"
}

@test "second 60 is the first second of the next minute" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:60Z,,,'
	run -0 ccreport --by= "$d/in.csv"
	assert_output "$FIGS
1,1,0,0,0,0,0.00,60.00,0.00,60,60,60,60,60,"
	mkcsv "$d/bad.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:61Z,,,'
	bad_input "ccreport: $d/bad.csv:2: bad timestamp in answered_at: '2026-03-02T10:00:61Z'" "$d/bad.csv"
}

@test "waits and handle times that cannot be used" {
	local d
	d=$(scratch)
	mkcsv "$d/a.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:10Z,2026-03-02T10:00:00Z,,,'
	bad_input "ccreport: $d/a.csv:2: answered_at is before arrived_at" "$d/a.csv"
	mkcsv "$d/b.csv" '1,voice,inbound,q,a,abandoned,2026-03-02T10:00:00Z,,2026-03-02T09:59:59Z,,'
	bad_input "ccreport: $d/b.csv:2: ended_at is before arrived_at" "$d/b.csv"
	mkcsv "$d/c.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:05Z,2026-03-02T10:00:04Z,,'
	bad_input "ccreport: $d/c.csv:2: ended_at is before answered_at" "$d/c.csv"
	for v in -5 abc 1e3 1:30 .5 5. '" 5"' '"5,5"'; do
		mkcsv "$d/w.csv" "1,voice,inbound,q,a,answered,,,,$v,"
		local shown=${v#\"}
		shown=${shown%\"}
		bad_input "ccreport: $d/w.csv:2: bad number of seconds in wait_s: '$shown'" "$d/w.csv"
	done
	mkcsv "$d/h.csv" '1,voice,inbound,q,a,answered,,,,5,1:30'
	bad_input "ccreport: $d/h.csv:2: bad number of seconds in handle_s: '1:30'" "$d/h.csv"
	mkcsv "$d/n.csv" '1,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,,,,'
	bad_input "ccreport: $d/n.csv:2: answered but no wait: needs wait_s, or arrived_at and answered_at" "$d/n.csv"
	mkcsv "$d/o.csv" '1,voice,inbound,q,a,resolved,,2026-03-02T10:00:00Z,,,'
	bad_input "ccreport: $d/o.csv:2: answered but no wait: needs wait_s, or arrived_at and answered_at" "$d/o.csv"
}

@test "direction: inbound, outbound (any case) or empty; anything else is bad" {
	local d
	d=$(scratch)
	mkcsv "$d/a.csv" '1,voice,sideways,q,a,answered,,,,5,'
	bad_input "ccreport: $d/a.csv:2: bad direction: 'sideways' (inbound or outbound)" "$d/a.csv"
	# also under --direction all
	bad_input "ccreport: $d/a.csv:2: bad direction: 'sideways' (inbound or outbound)" --direction=all "$d/a.csv"
	mkcsv "$d/b.csv" '1,voice,INBOUND,q,a,answered,,,,5,' '2,voice,,q,a,answered,,,,5,' \
		'3,voice,Outbound,q,a,answered,,,,5,' '4,voice,"",q,a,answered,,,,5,'
	run -0 ccreport --by=id --no-total "$d/b.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1 | tr '\n' ' ')" 'id 1 2 4 '
	run -0 ccreport --by=id --no-total --direction=outbound "$d/b.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1 | tr '\n' ' ')" 'id 3 '
}

@test "columns a report needs but the header lacks" {
	local d
	d=$(scratch)
	printf '%s\n' 'queue,outcome,wait_s' 'q,answered,5' >"$d/in.csv"
	bad_input "ccreport: $d/in.csv:1: no column 'arrived_at' (needed by --interval)" -i 1h "$d/in.csv"
	bad_input "ccreport: $d/in.csv:1: no column 'arrived_at' (needed by --since and --until)" --since=2026-01-01 "$d/in.csv"
	bad_input "ccreport: $d/in.csv:1: no column 'skill' (named by --where)" --where='skill~x' "$d/in.csv"
	# the header ends on line 3 after two blank lines
	printf '\n\n%s\n%s\n' 'queue,outcome,wait_s' 'q,answered,5' >"$d/b.csv"
	bad_input "ccreport: $d/b.csv:3: no column 'agent' (named by --by)" --by=agent "$d/b.csv"
	# columns the report does not need may be missing: no direction = inbound
	run -0 ccreport --by= "$d/in.csv"
	assert_output "$(one_row 1)"
}

@test "records that lack a value a filter or interval needs" {
	local d
	d=$(scratch)
	printf '%s\n' 'queue,outcome,wait_s,arrived_at' 'q,answered,5,' >"$d/in.csv"
	bad_input "ccreport: $d/in.csv:2: no arrived_at (needed by --interval)" -i 1h "$d/in.csv"
	bad_input "ccreport: $d/in.csv:2: no arrived_at (needed by --since and --until)" --until=2030-01-01 "$d/in.csv"
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":5}' >"$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:1: no arrived_at (needed by --interval)" -i 1h "$d/in.jsonl"
	bad_input "ccreport: $d/in.jsonl:1: no arrived_at (needed by --since and --until)" --since=2020-01-01 "$d/in.jsonl"
}

@test "standard input is named - in messages" {
	run -1 --separate-stderr bash -c 'printf "%s\n%s\n" "$1" "1,voice,inbound,q,a,answered,,,,x," | ccreport' _ "$HEADER"
	assert_output ''
	assert_equal "$stderr" "ccreport: -:2: bad number of seconds in wait_s: 'x'"
}

# ---------------------------------------------------------------- bad JSONL records

@test "JSONL: invalid JSON is reported with jansson's message and column" {
	local d
	d=$(scratch)
	local ok='{"queue":"q","outcome":"answered","wait_s":5}'
	printf '%s\n%s\n' "$ok" '{"queue":"q",}' >"$d/a.jsonl"
	bad_input "ccreport: $d/a.jsonl:2:14: invalid JSON: string or '}' expected near '}'" "$d/a.jsonl"
	printf '%s\n%s\n' "$ok" '{"queue" "q"}' >"$d/b.jsonl"
	bad_input "ccreport: $d/b.jsonl:2:12: invalid JSON: ':' expected near '\"q\"'" "$d/b.jsonl"
	printf '%s\n' "$ok x" >"$d/c.jsonl"
	bad_input "ccreport: $d/c.jsonl:1:47: invalid JSON: end of file expected near 'x'" "$d/c.jsonl"
	printf '%s\n' "$ok{\"a\":1}" >"$d/e.jsonl"
	bad_input "ccreport: $d/e.jsonl:1:46: invalid JSON: end of file expected near '{'" "$d/e.jsonl"
	printf '{"queue":"q\xff","outcome":"answered"}\n' >"$d/f.jsonl"
	bad_input "ccreport: $d/f.jsonl:1:11: invalid JSON: unable to decode byte 0xff near '\"q'" "$d/f.jsonl"
	printf '{"queue":"q\0","outcome":"answered"}\n' >"$d/g.jsonl"
	bad_input "ccreport: $d/g.jsonl:1:11: invalid JSON: control character 0x0 near '\"q'" "$d/g.jsonl"
	printf '{"queue":"q\r","outcome":"answered"}\n' >"$d/h.jsonl"
	bad_input "ccreport: $d/h.jsonl:1:11: invalid JSON: control character 0xd near '\"q'" "$d/h.jsonl"
	printf '%s\n' '{"queue":"\ud83d","outcome":"answered"}' >"$d/i.jsonl"
	bad_input "ccreport: $d/i.jsonl:1:17: invalid JSON: invalid Unicode '\\uD83D' near '\"\\ud83d\"'" "$d/i.jsonl"
}

@test "JSONL: lines that are not one flat object" {
	local d
	d=$(scratch)
	local ok='{"queue":"q","outcome":"answered","wait_s":5}'
	printf '%s\n' '{"queue":"q","x":{"a":1},"outcome":"answered"}' >"$d/a.jsonl"
	bad_input "ccreport: $d/a.jsonl:1:18: nested object in a record (records must be flat)" "$d/a.jsonl"
	printf '%s\n' '{"queue":"q","x":[1,2],"outcome":"answered"}' >"$d/b.jsonl"
	bad_input "ccreport: $d/b.jsonl:1:18: nested array in a record (records must be flat)" "$d/b.jsonl"
	printf '%s\n%s\n' "$ok" '[1,2]' >"$d/c.jsonl"
	bad_input "ccreport: $d/c.jsonl:2:1: a record must be a JSON object" "$d/c.jsonl"
	printf '%s\n%s\n' "$ok" '42' >"$d/e.jsonl"
	bad_input "ccreport: $d/e.jsonl:2:2: invalid JSON: '[' or '{' expected near '42'" "$d/e.jsonl"
	printf '%s\n%s\n' "$ok" '"text"' >"$d/f.jsonl"
	bad_input "ccreport: $d/f.jsonl:2:6: invalid JSON: '[' or '{' expected near '\"text\"'" "$d/f.jsonl"
	# a duplicate key: the column of the second key's name
	printf '%s\n' '{"queue":"q","queue":"r","outcome":"answered","wait_s":5}' >"$d/g.jsonl"
	bad_input "ccreport: $d/g.jsonl:1:15: duplicate key \"queue\"" "$d/g.jsonl"
}

@test "JSONL: values the report cannot use" {
	local d
	d=$(scratch)
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":1e3}' >"$d/a.jsonl"
	bad_input "ccreport: $d/a.jsonl:1: bad number of seconds in wait_s: '1e3'" "$d/a.jsonl"
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":true}' >"$d/b.jsonl"
	bad_input "ccreport: $d/b.jsonl:1: bad number of seconds in wait_s: 'true'" "$d/b.jsonl"
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":-2}' >"$d/c.jsonl"
	bad_input "ccreport: $d/c.jsonl:1: bad number of seconds in wait_s: '-2'" "$d/c.jsonl"
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":5,"direction":5}' >"$d/e.jsonl"
	bad_input "ccreport: $d/e.jsonl:1: bad direction: '5' (inbound or outbound)" "$d/e.jsonl"
	printf '%s\n' '{"queue":"q","outcome":"answered","arrived_at":1772445600.5,"answered_at":"x"}' >"$d/f.jsonl"
	bad_input "ccreport: $d/f.jsonl:1: bad timestamp in answered_at: 'x'" "$d/f.jsonl"
	printf '%s\n' '{"queue":"q","outcome":"answered"}' >"$d/g.jsonl"
	bad_input "ccreport: $d/g.jsonl:1: answered but no wait: needs wait_s, or arrived_at and answered_at" "$d/g.jsonl"
	# a value over --max-field-size: the column of the value (byte 10)
	printf '%s\n' '{"queue":"qqqqqqqqqqq","outcome":"answered","wait_s":5}' >"$d/h.jsonl"
	bad_input "ccreport: $d/h.jsonl:1:10: value longer than 10 bytes (--max-field-size)" --max-field-size=10 "$d/h.jsonl"
}

@test "JSONL: escapes, numbers as text or as numbers, nulls and missing keys" {
	local d
	d=$(scratch)
	printf '%s\n' \
		'{"queue":"caf\u00e9 \ud83d\ude00","outcome":"answered","wait_s":"2.5","handle_s":10}' \
		'{"queue":"café 😀","outcome":"ANSWERED","wait_s":1.50,"handle_s":null,"extra":false}' \
		'{"queue":"café 😀","outcome":"abandoned","direction":null}' >"$d/a.jsonl"
	# waits 2.5 (3) and 1.5 (2): asa 2.00, p50 rank 1 -> 2, p90 rank 2 -> 3;
	# one abandon of three: 33.33; sl 2/3 = 66.67; aht over the one handle: 10.00
	run -0 ccreport --no-total "$d/a.jsonl"
	assert_output "queue,$FIGS
café 😀,3,2,1,0,0,0,33.33,2.00,66.67,2,3,3,3,3,10.00"
}

# ---------------------------------------------------------------- binary junk

@test "binary junk is refused with a precise message" {
	local d
	d=$(scratch)
	# a PNG signature: byte 1 (0x89) is not UTF-8
	printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\1\0' >"$d/png"
	bad_input "ccreport: $d/png:1:1: bad header: invalid UTF-8" "$d/png"
	# gzip: 0x1f is a control character but UTF-8; 0x8b is not
	printf '\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0' >"$d/gz"
	bad_input "ccreport: $d/gz:1:2: bad header: invalid UTF-8" "$d/gz"
	# zip: "PK\3\4\x14" then a NUL at byte 6
	printf 'PK\x03\x04\x14\0\0\0\x08\0' >"$d/zip"
	bad_input "ccreport: $d/zip:1:6: bad header: NUL byte" "$d/zip"
	# a brace first makes it JSONL
	printf '{\x01\x02\xff\xfe}\n' >"$d/brace"
	# (jansson quotes the offending byte, 0x01, as it is)
	bad_input "ccreport: $d/brace:1:2: invalid JSON: string or '}' expected near '"$'\x01'"'" "$d/brace"
	# fatal with --reject too
	bad_input "ccreport: $d/png:1:1: bad header: invalid UTF-8" --reject="$d/rej" "$d/png"
}

@test "binary junk among CSV records is rejected record by record" {
	local d
	d=$(scratch)
	printf '%s\n%s\n\x01\x02\x03,\xc3\x28\x00\n\xff\xfe\xfd\n%s\n' 'queue,outcome,wait_s' 'q,answered,5' 'q,answered,5' >"$d/in.csv"
	# line 3: \xc3\x28 is a lead byte without its continuation, at byte 5
	bad_input "ccreport: $d/in.csv:3:5: invalid UTF-8" "$d/in.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/in.csv"
	assert_output "$(one_row 2)"
	assert_equal "$stderr" "ccreport: 2 records rejected (see $d/rej)"
	printf '# %s:3:5: invalid UTF-8\n\x01\x02\x03,\xc3\x28\x00\n# %s:4:1: invalid UTF-8\n\xff\xfe\xfd\n' "$d/in.csv" "$d/in.csv" >"$d/want"
	cmp "$d/want" "$d/rej"
}

# ---------------------------------------------------------------- --reject

# A file with every kind of bad CSV record (line numbers on the left):
#  1 header             7 bad wait_s          13 bad timestamp (2026 is no leap year)
#  2 g1 good (5 s)      8-9 bad direction,    14 answered without a wait
#  3 b1 10 fields           two lines         15 answered before arrival
#  4 blank             10 invalid UTF-8       16 CR inside the line
#  5-6 g2 good (7 s),  11 stray quote         17 NUL byte
#      two lines       12 g3 abandoned (3 s)  18 g4 good (9 s), no line end
make_mixed() {
	printf '%s\n' "$HEADER" \
		'g1,voice,inbound,q,a,answered,,,,5,' \
		'b1,voice,inbound,q,a,answered,,,,5' \
		'' \
		'g2,voice,inbound,q,"ann' \
		'smith, ""jr""",answered,,,,7,' \
		'b2,voice,inbound,q,a,answered,,,,x,' \
		'b3,voice,sideways,q,"two' \
		'lines",answered,,,,5,' >"$1"
	printf 'b4,voice,inbound,q\xff,a,answered,,,,5,\n' >>"$1"
	printf '%s\n' \
		'b5,voice,inbound,q,a"b,answered,,,,5,' \
		'g3,voice,inbound,q,a,abandoned,,,,3,' \
		'b6,voice,inbound,q,a,answered,2026-02-29T00:00:00Z,,,5,' \
		'b7,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,,,,' \
		'b8,voice,inbound,q,a,answered,2026-03-02T10:00:10Z,2026-03-02T10:00:00Z,,,' >>"$1"
	printf 'b9,voice,inbound,q\rx,a,answered,,,,5,\n' >>"$1"
	printf 'b10,voice,inbound,q\0x,a,answered,,,,5,\n' >>"$1"
	printf 'g4,voice,inbound,q,a,answered,,,,9,' >>"$1"
}

# What --reject must write for make_mixed's file $1.
mixed_rejects() {
	printf '# %s:3: expected 11 fields, found 10\n%s\n' "$1" 'b1,voice,inbound,q,a,answered,,,,5'
	printf '# %s:7: bad number of seconds in wait_s: '\''x'\''\n%s\n' "$1" 'b2,voice,inbound,q,a,answered,,,,x,'
	printf '# %s:8: bad direction: '\''sideways'\'' (inbound or outbound)\n%s\n' "$1" 'b3,voice,sideways,q,"two
lines",answered,,,,5,'
	# "b4,voice,inbound,q" is 18 bytes; "b5,voice,inbound,q,a" is 20
	printf '# %s:10:19: invalid UTF-8\nb4,voice,inbound,q\xff,a,answered,,,,5,\n' "$1"
	printf '# %s:11:21: bad quoting (a quote inside an unquoted field, or text after a closing quote)\n%s\n' "$1" 'b5,voice,inbound,q,a"b,answered,,,,5,'
	printf '# %s:13: bad timestamp in arrived_at: '\''2026-02-29T00:00:00Z'\''\n%s\n' "$1" 'b6,voice,inbound,q,a,answered,2026-02-29T00:00:00Z,,,5,'
	printf '# %s:14: answered but no wait: needs wait_s, or arrived_at and answered_at\n%s\n' "$1" 'b7,voice,inbound,q,a,answered,2026-03-02T10:00:00Z,,,,'
	printf '# %s:15: answered_at is before arrived_at\n%s\n' "$1" 'b8,voice,inbound,q,a,answered,2026-03-02T10:00:10Z,2026-03-02T10:00:00Z,,,'
	printf '# %s:16:19: carriage return inside a line (bare CR line ends are not supported)\nb9,voice,inbound,q\rx,a,answered,,,,5,\n' "$1"
	printf '# %s:17:20: NUL byte\nb10,voice,inbound,q\0x,a,answered,,,,5,\n' "$1"
}

@test "fail-fast: the first bad record stops the run, no report" {
	local d
	d=$(scratch)
	make_mixed "$d/m.csv"
	bad_input "ccreport: $d/m.csv:3: expected 11 fields, found 10" "$d/m.csv"
}

@test "--reject: every bad record, verbatim after its reason; the good ones counted" {
	local d
	d=$(scratch)
	make_mixed "$d/m.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/m.csv"
	# good: answered 5, 7, 9 s, abandoned 3 s: rate 1/4 = 25.00, asa 21/3 = 7.00,
	# sl 3/4 = 75.00, p50 rank ceil(1.5) = 2 -> 7, p90 rank 3 -> 9
	assert_output "$FIGS
4,3,1,0,0,0,25.00,7.00,75.00,7,9,9,9,9,"
	# 14 records read = 4 counted + 10 rejected
	assert_equal "$stderr" "ccreport: 10 records rejected (see $d/rej)"
	mixed_rejects "$d/m.csv" >"$d/want"
	cmp "$d/want" "$d/rej"
}

@test "--reject with CRLF line ends: the same records, the same line numbers" {
	local d
	d=$(scratch)
	make_mixed "$d/lf.csv"
	# CRLF everywhere, also inside the quoted line breaks
	sed 's/$/\r/' "$d/lf.csv" >"$d/m.csv"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/m.csv"
	assert_output "$FIGS
4,3,1,0,0,0,25.00,7.00,75.00,7,9,9,9,9,"
	assert_equal "$stderr" "ccreport: 10 records rejected (see $d/rej)"
	# the same rejects: each record without its line end, so only the inner
	# line break of the two-line record keeps its CR
	mixed_rejects "$d/m.csv" | sed 's/^\(b3,voice,sideways,q,"two\)$/\1\r/' >"$d/want"
	cmp "$d/want" "$d/rej"
}

@test "--reject with one bad record says so in the singular" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" "$GOOD" '2,voice,inbound,q,a,answered,,,,x,'
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/in.csv"
	assert_output "$(one_row 1)"
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
}

@test "--reject without bad records: an empty file and no message" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" "$GOOD"
	echo stale >"$d/rej"
	run -0 --separate-stderr ccreport --by= --reject="$d/rej" "$d/in.csv"
	assert_output "$(one_row 1)"
	assert_equal "$stderr" ''
	[ -f "$d/rej" ] && [ ! -s "$d/rej" ]
}

@test "--reject over several inputs, CSV and JSONL, stdin too" {
	local d
	d=$(scratch)
	mkcsv "$d/a.csv" "$GOOD" '2,voice,inbound,q,a,answered,,,,x,'
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":5}' '{"queue":"q","queue":"r"}' '[]' >"$d/b.jsonl"
	run -0 --separate-stderr bash -c 'ccreport --by= --reject="$1" "$2" - < "$3"' _ "$d/rej" "$d/a.csv" "$d/b.jsonl"
	assert_output "$(one_row 2)"
	assert_equal "$stderr" "ccreport: 3 records rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/a.csv:3: bad number of seconds in wait_s: 'x'
2,voice,inbound,q,a,answered,,,,x,
# -:2:15: duplicate key \"queue\"
{\"queue\":\"q\",\"queue\":\"r\"}
# -:3:1: a record must be a JSON object
[]"
}

@test "--reject does not hide a missing input" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" "$GOOD"
	bad_input "ccreport: cannot open $d/none.csv: No such file or directory" --reject="$d/rej" "$d/in.csv" "$d/none.csv"
}

@test "records read = counted + rejected, counted independently" {
	local d
	d=$(scratch)
	gen --seed 11 --rows 3000 --bad 7 --csv "$d/g.csv" --clean "$d/clean.csv" --rejects "$d/want"
	run -0 --separate-stderr ccreport --by= --direction=all --reject="$d/rej" "$d/g.csv"
	local offered rejected total
	offered=$(printf '%s\n' "$output" | csv_column offered)
	rejected=$(grep -c '^# ' "$d/rej")
	total=$(python3 -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$d/g.csv")
	assert_equal "$total" 3000
	assert_equal "$((offered + rejected))" "$total"
	assert_equal "$stderr" "ccreport: $rejected records rejected (see $d/rej)"
	cmp "$d/want" "$d/rej"
}

# ---------------------------------------------------------------- threads

# Ten megabytes of records, generated once per run of this file: about half
# carry a quoted note of one to six lines with commas and "" escapes, about
# one in 300 is bad (and listed in big.rej with its absolute line number).
big_data() {
	B=$BATS_FILE_TMPDIR
	[ -f "$B/big.csv" ] && return 0
	gen --seed 7 --bytes 10500000 --notes --bad 300 --csv "$B/big.csv" --clean "$B/clean.csv" \
		--rejects "$B/big.rej" --starts "$B/big.starts"
}

# Ten megabytes of good records, as CSV (with notes) and as JSONL.
twin_data() {
	T=$BATS_FILE_TMPDIR
	[ -f "$T/twin.jsonl" ] && return 0
	gen --seed 8 --bytes 10500000 --notes --csv "$T/twin.csv" --jsonl "$T/twin.jsonl" --starts "$T/twin.starts"
}

@test "a 10 MB CSV: chunk cuts fall inside quoted line breaks (test data check)" {
	big_data
	# With N threads the data after the header is cut into 4N chunks; a chunk
	# first guesses its start at the line after its cut.  Count the guesses
	# that are not record starts.
	run -0 python3 -c 'import sys
data = open(sys.argv[1], "rb").read()
starts = set(int(x) for x in open(sys.argv[2]))
ds = data.index(b"\n") + 1
for th in (2, 3):
    n = 4 * th
    span = (len(data) - ds) // n
    guesses = [data.index(b"\n", ds + span * k - 1) + 1 for k in range(1, n)]
    print(th, sum(1 for g in guesses if g not in starts))' "$B/big.csv" "$B/big.starts"
	local inside2 inside3
	inside2=$(printf '%s\n' "$output" | awk '$1 == 2 { print $2 }')
	inside3=$(printf '%s\n' "$output" | awk '$1 == 3 { print $2 }')
	[ "$inside2" -ge 1 ] && [ "$inside3" -ge 1 ]
	[ "$(stat -c %s "$B/big.csv")" -gt $((8 << 20)) ]
}

@test "a 10 MB CSV with --reject: the same bytes with 1, 2 and 3 threads, and right" {
	big_data
	local t
	for t in 1 2 3; do
		run -0 --separate-stderr ccreport --buckets=60,86400 --threads=$t --reject="$B/rej$t" "$B/big.csv"
		printf '%s\n' "$output" >"$B/out$t"
		assert_equal "$stderr" "ccreport: $(grep -c '^# ' "$B/big.rej") records rejected (see $B/rej$t)"
		cmp "$B/big.rej" "$B/rej$t"
	done
	cmp "$B/out1" "$B/out2"
	cmp "$B/out1" "$B/out3"
	model --buckets=60,86400 "$B/clean.csv" >"$B/model"
	cmp "$B/model" "$B/out1"
}

@test "a 10 MB CSV, fail-fast: the first bad record deep in the file, for any thread count" {
	twin_data
	local d
	d=$(scratch)
	# the twin's good records with a bad two-line record inserted at the first
	# record start past 70 % of the file and another one past 90 %
	run -0 python3 -c 'import sys
data = open(sys.argv[1], "rb").read()
starts = [int(x) for x in open(sys.argv[2])]
a = min(s for s in starts if s >= len(data) * 7 // 10)
b = min(s for s in starts if s >= len(data) * 9 // 10)
bad1 = b"x1,voice,inbound,q,a,answered,yesterday,,,5,,\"two\nlines\"\n"
bad2 = b"x2,voice,inbound,q,a,answered,,,,x,,\n"
open(sys.argv[3], "wb").write(data[:a] + bad1 + data[a:b] + bad2 + data[b:])
print(data.count(b"\n", 0, a) + 1)' "$T/twin.csv" "$T/twin.starts" "$d/one.csv"
	local line=$output
	[ "$line" -gt 10000 ]
	for t in 1 2 3; do
		bad_input "ccreport: $d/one.csv:$line: bad timestamp in arrived_at: 'yesterday'" --threads=$t "$d/one.csv"
	done
	# with --reject both are found, at their absolute lines (the second one
	# after the two lines of the first)
	local l2
	l2=$(grep -n '^x2,' "$d/one.csv" | cut -d: -f1)
	for t in 1 3; do
		run -0 --separate-stderr ccreport --threads=$t --reject="$d/rej$t" "$d/one.csv"
		assert_equal "$stderr" "ccreport: 2 records rejected (see $d/rej$t)"
		assert_equal "$(cat "$d/rej$t")" "# $d/one.csv:$line: bad timestamp in arrived_at: 'yesterday'
x1,voice,inbound,q,a,answered,yesterday,,,5,,\"two
lines\"
# $d/one.csv:$l2: bad number of seconds in wait_s: 'x'
x2,voice,inbound,q,a,answered,,,,x,,"
	done
}

@test "a 10 MB JSONL: the same bytes for any thread count, and as its CSV twin" {
	twin_data
	run -0 ccreport --by=queue,channel --short-abandon=5 --threads=1 "$T/twin.jsonl"
	local one=$output
	run -0 ccreport --by=queue,channel --short-abandon=5 --threads=3 "$T/twin.jsonl"
	assert_output "$one"
	run -0 ccreport --by=queue,channel --short-abandon=5 --threads=2 "$T/twin.csv"
	assert_output "$one"
	# (the figures themselves are checked against the model on big.csv)
	[ "${#lines[@]}" -gt 20 ]
}

@test "records the strict CSV judge must read are read the same wherever a read ends" {
	local d
	d=$(scratch)
	# 2600 copies of a two-line record: the quote opened on its first line is
	# closed at the start of the second, and the "b" after it is text after a
	# closing quote (line 2i+3, byte 2).  The second line is long, so however
	# the 5 MB are read (in blocks, by chunks, from a pipe), some read ends
	# inside one of these records.
	python3 -c 'import sys
blk = b"x,\"note\n\"b" + b"y" * 2000 + b",z\n"
open(sys.argv[1], "wb").write(b"id,note\n" + blk * 2600)
with open(sys.argv[2], "wb") as f:
    for i in range(2600):
        f.write(b"# %s:%d:2: bad quoting (a quote inside an unquoted field, or text after a closing quote)\n"
                % (sys.argv[1].encode(), 2 * i + 3))
        f.write(blk)' "$d/many.csv" "$d/want"
	local t
	for t in 1 2 3; do
		run -0 --separate-stderr ccreport --by= --threads=$t --reject="$d/rej$t" "$d/many.csv"
		assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
		assert_equal "$stderr" "ccreport: 2600 records rejected (see $d/rej$t)"
		cmp "$d/want" "$d/rej$t"
	done
	run -0 --separate-stderr bash -c 'cat "$1" | ccreport --by= --reject="$2"' _ "$d/many.csv" "$d/rejp"
	assert_equal "$stderr" "ccreport: 2600 records rejected (see $d/rejp)"
	sed "s|^# -:|# $d/many.csv:|" "$d/rejp" | cmp "$d/want" -
}

@test "a 10 MB CSV from a pipe (one reader) gives what the threads give" {
	big_data
	run -0 --separate-stderr bash -c 'cat "$1" | ccreport --threads=3 --reject=/dev/null' _ "$B/big.csv"
	local piped=$output
	run -0 --separate-stderr ccreport --threads=3 --reject=/dev/null "$B/big.csv"
	assert_equal "$piped" "$output"
}

@test "sums past 64 bits: an error, never a wrapped figure" {
	d=$(scratch)
	# wait_s 999999999999 s = 10^18 us, the largest accepted; ten of them sum
	# to 10^19 us, past 2^63 - 1 (about 9.22 * 10^18).
	{
		printf '%s\n' "$HEADER"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			printf '%s,voice,inbound,q,a,answered,,,,999999999999,1\n' "$i"
		done
	} > "$d/big.csv"
	run -1 --separate-stderr ccreport "$d/big.csv"
	[ "$stderr" = "ccreport: figures overflow: a sum passes 2^63 microseconds (about 292000 years); the input's times are not plausible" ]
	[ -z "$output" ]
	# Nine of them fit: 9 * 10^18 us < 2^63 - 1; asa = 10^12 s exactly.
	head -10 "$d/big.csv" > "$d/nine.csv"
	run -0 ccreport --by= --output-format csv "$d/nine.csv"
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -d, -f8)" = "999999999999.00" ]
	# The agents report's sums, the same way.
	run -1 --separate-stderr ccreport --report agents "$d/big.csv"
	[ "$stderr" = "ccreport: figures overflow: a sum passes 2^63 microseconds (about 292000 years); the input's times are not plausible" ]
}
