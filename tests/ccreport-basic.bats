#!/usr/bin/env bats
# ccreport: options, usage errors, output formats and the shape of the report.

bats_require_minimum_version 1.5.0
setup() { load common; }

SMALL=
setup_small() { SMALL=$TEST_DATA/ccreport-small.csv; }

# ccreport-small.csv, inbound records only (record 3 is outbound):
#   1 sales     answered_at - arrived_at = 10 s, ended_at - answered_at = 300 s
#   2 sales     abandoned (direction empty = inbound), ended after 5 s
#   4 support   timeout, wait 120 s
#   5 "back office, ""EU"""  answered, wait 12.5 s (13 s rounded up), handle 200 s
# Per queue (sorted by bytes: 'b' < 's'):
#   back office: offered 1, answered 1: asa 12.50, sl 1/1 = 100.00, p* = max = 13, aht 200.00
#   sales: 2 offered, 1 answered, 1 abandoned: rate 1/2 = 50.00, asa 10.00,
#          sl 1/2 = 50.00 (10 <= 20), p* = 10, aht 300.00
#   support: 1 offered, 1 timeout: rate 0.00, sl 0/1 = 0.00, no answered: empty cells
#   TOTAL: 4 offered, 2 answered, 1 abandoned, 1 timeout: rate 1/4 = 25.00,
#          asa (10 + 12.5)/2 = 11.25, sl 2/4 = 50.00, waits {10, 13}:
#          p50 rank ceil(0.5*2) = 1 -> 10, p90/95/99 rank 2 -> 13, aht (300+200)/2 = 250.00
SMALL_CSV='queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
"back office, ""EU""",1,1,0,0,0,0,0.00,12.50,100.00,13,13,13,13,13,200.00
sales,2,1,1,0,0,0,50.00,10.00,50.00,10,10,10,10,10,300.00
support,1,0,0,1,0,0,0.00,,0.00,,,,,,
TOTAL,4,2,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00'

# The definitions line for the default options.
DEFS_TAIL='inbound interactions; answered = has answered_at (without it: outcome answered, resolved or transferred); abandon_rate = abandoned / offered x 100; sl = answered within 20 s / offered x 100; asa, wait_p50..p99, wait_max over answered waits (percentiles nearest-rank on waits rounded up to whole seconds); aht = mean handle time of answered'

version() { ccreport --version | sed -n '1s/^ccreport (cctk) //p'; }

# ---------------------------------------------------------------- help, version

@test "--help prints the usage on stdout and exits 0" {
	run -0 --separate-stderr ccreport --help
	assert_equal "$stderr" ''
	assert_line --index 0 'Usage: ccreport [OPTION]... [FILE]...'
	# every option the parser knows is documented
	for o in -b,\ --by= -i,\ --interval= --tz= --no-total --list= --sl= --sl-base= --short-abandon= \
		--buckets= --direction= --since= --until= --queue= --agent= --channel= --where= \
		--input-format= --output-format= -o,\ --output= --reject= --max-field-size= \
		--threads= -q,\ --quiet --help --version; do
		assert_output --partial "  $o"
	done
	assert_line 'Exit status: 0 success, 1 bad input or a runtime failure, 2 usage error.'
}

@test "--help wins over later bad options and ignores files" {
	run -0 --separate-stderr ccreport --help --sl=x /nonexistent
	assert_line --index 0 'Usage: ccreport [OPTION]... [FILE]...'
	assert_equal "$stderr" ''
}

@test "--version prints name, package and version on stdout and exits 0" {
	run -0 --separate-stderr ccreport --version
	assert_equal "$stderr" ''
	assert_line --index 0 --regexp '^ccreport \(cctk\) [0-9]+\.[0-9]+(\.[0-9]+)?$'
	assert_line --index 1 'Copyright (C) 2026 the cctk authors.'
	assert_equal "${#lines[@]}" 5
}

@test "--help and --version into a full device: write error, exit 1" {
	run -1 --separate-stderr bash -c 'ccreport --help > /dev/full'
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
	run -1 --separate-stderr bash -c 'ccreport --version > /dev/full'
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
}

@test "a report into a full device: one write error line, exit 1" {
	setup_small
	for fmt in csv jsonl table markdown; do
		run -1 --separate-stderr bash -c 'ccreport --output-format="$1" "$2" > /dev/full' _ "$fmt" "$SMALL"
		assert_equal "$stderr" 'ccreport: write error: No space left on device'
	done
}

@test "-o into a full device: one write error line, exit 1" {
	setup_small
	run -1 --separate-stderr ccreport -o /dev/full "$SMALL"
	assert_output ''
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
}

# ---------------------------------------------------------------- usage errors

@test "usage error: unknown options and missing arguments" {
	usage_error "unrecognized option '--bogus'" --bogus
	usage_error "invalid option -- 'z'" -z
	usage_error "option '--sl' requires an argument" --sl
	usage_error "option requires an argument -- 'b'" -b
	usage_error "option '--no-total' doesn't allow an argument" --no-total=1
}

@test "usage error: --sl and --short-abandon need whole seconds" {
	usage_error "invalid --sl 'x': a whole number of seconds is needed" --sl=x
	usage_error "invalid --sl '-1': a whole number of seconds is needed" --sl=-1
	usage_error "invalid --sl '1.5': a whole number of seconds is needed" --sl=1.5
	usage_error "invalid --sl '': a whole number of seconds is needed" --sl=
	# at most 366 days = 31622400 s
	usage_error "invalid --sl '31622401': a whole number of seconds is needed" --sl=31622401
	usage_error "invalid --short-abandon 'five': a whole number of seconds is needed" --short-abandon=five
	usage_error "invalid --short-abandon '-3': a whole number of seconds is needed" --short-abandon -3
}

@test "usage error: --sl-base" {
	usage_error "invalid --sl-base 'foo': offered, answered, answered+abandoned or offered-short" --sl-base=foo
	usage_error "invalid --sl-base 'Offered': offered, answered, answered+abandoned or offered-short" --sl-base=Offered
	usage_error "--sl-base=offered-short needs --short-abandon" --sl-base=offered-short
}

@test "usage error: --interval must divide a day, or be 1d or 1w" {
	for v in 7m 0 0s 2d 25h 1.5d abc 10x ''; do
		usage_error "invalid --interval '$v': a divisor of a day (15m, 30m, 1h ...), 1d or 1w" --interval="$v"
	done
	usage_error "invalid --interval '7s': a divisor of a day (15m, 30m, 1h ...), 1d or 1w" -i 7s
}

@test "usage error: --tz must name a zone" {
	usage_error "invalid --tz 'Mars/Olympus_Mons': no such time zone" --tz=Mars/Olympus_Mons
	usage_error "invalid --tz '': no such time zone" --tz=
	usage_error "invalid --tz '../../etc/passwd': no such time zone" --tz=../../etc/passwd
	usage_error "invalid --tz '/usr/share/zoneinfo/UTC': no such time zone" --tz=/usr/share/zoneinfo/UTC
	# zoneinfo holds tables that are not zones
	usage_error "invalid --tz 'zone.tab': no such time zone" --tz=zone.tab
}

@test "usage error: --buckets must be ascending whole seconds" {
	for v in 30,15 15,15 a 15,,30 15, -5,10 1.5; do
		usage_error "invalid --buckets '$v': ascending whole seconds are needed" --buckets="$v"
	done
	usage_error "invalid --buckets '': ascending whole seconds are needed" --buckets=
}

@test "usage error: --direction" {
	usage_error "invalid --direction 'up': inbound, outbound or all" --direction=up
	usage_error "invalid --direction '': inbound, outbound or all" --direction=
}

@test "usage error: --where needs FIELD~REGEX or FIELD!~REGEX and a valid pattern" {
	for v in foo '~x' '!~x' ''; do
		usage_error "invalid --where '$v': FIELD~REGEX or FIELD!~REGEX is needed" --where="$v"
	done
	usage_error "invalid --where 'queue~(': missing closing parenthesis at offset 1" --where='queue~('
	usage_error "invalid --where 'queue!~[a-': missing terminating ] for character class at offset 3" \
		--where='queue!~[a-'
}

@test "usage error: --input-format and --output-format" {
	usage_error "invalid --input-format 'xml': auto, csv or jsonl" --input-format=xml
	usage_error "invalid --input-format 'table': auto, csv or jsonl" --input-format=table
	usage_error "invalid --input-format 'CSV': auto, csv or jsonl" --input-format=CSV
	usage_error "invalid --output-format 'auto': csv, jsonl, table, markdown or html" --output-format=auto
	usage_error "invalid --output-format 'xml': csv, jsonl, table, markdown or html" --output-format=xml
}

@test "usage error: --threads and --max-field-size ranges" {
	for v in 0 65 x -1 ''; do
		usage_error "invalid --threads '$v': 1 to 64" --threads="$v"
	done
	for v in 0 1073741825 x -1; do
		usage_error "invalid --max-field-size '$v': 1 to 1073741824 bytes" --max-field-size="$v"
	done
}

@test "usage error: --since and --until" {
	usage_error "invalid --since 'yesterday': use RFC 3339, epoch seconds or YYYY-MM-DD" --since=yesterday
	usage_error "invalid --until '2026-02-30': use RFC 3339, epoch seconds or YYYY-MM-DD" --until=2026-02-30
	usage_error "invalid --since '2026-03-02T25:00:00Z': use RFC 3339, epoch seconds or YYYY-MM-DD" \
		--since=2026-03-02T25:00:00Z
	usage_error "invalid --until '2026-3-2': use RFC 3339, epoch seconds or YYYY-MM-DD" --until=2026-3-2
}

@test "usage error: --list and what it cannot be combined with" {
	usage_error "invalid --list 'some': all, answered, abandoned or unanswered" --list=some
	usage_error "invalid --list '': all, answered, abandoned or unanswered" --list=
	for o in --by=queue --by= -i1h --no-total; do
		usage_error "--list writes records: it takes no --by, --interval or --no-total" --list=all "$o"
	done
}

@test "long options may be abbreviated to an unambiguous prefix" {
	setup_small
	run -0 ccreport --no-t --sl-b=answered --by= "$SMALL"
	# sl over answered: 2 of 2 within 20 s
	assert_output "$FIGS
4,2,1,1,0,0,25.00,11.25,100.00,10,13,13,13,13,250.00"
	usage_error "option '--s' is ambiguous; possibilities: '--sl' '--sl-base' '--short-abandon' '--since' '--sl-target'" --s 5
}

@test "usage error: --by with an empty column name" {
	usage_error "invalid --by 'queue,,agent': empty column name" --by=queue,,agent
	usage_error "invalid --by ',': empty column name" --by=,
}

@test "usage errors are found before any input is read" {
	# the input does not exist; the usage error wins
	usage_error "invalid --sl 'x': a whole number of seconds is needed" --sl=x /nonexistent/input.csv
}

# ---------------------------------------------------------------- files

@test "an input that cannot be opened: message, exit 1, no report" {
	bad_input 'ccreport: cannot open /nonexistent/in.csv: No such file or directory' /nonexistent/in.csv
	# also when an earlier input was fine: no partial report
	setup_small
	bad_input 'ccreport: cannot open /nonexistent/in.csv: No such file or directory' "$SMALL" /nonexistent/in.csv
}

@test "a directory as input: read error, exit 1" {
	local d
	d=$(scratch)
	bad_input "ccreport: $d: read error: Is a directory" "$d"
}

@test "-o FILE writes the report there and nothing on stdout" {
	setup_small
	local d
	d=$(scratch)
	run -0 --separate-stderr ccreport -o "$d/out.csv" "$SMALL"
	assert_output ''
	assert_equal "$stderr" ''
	assert_equal "$(cat "$d/out.csv")" "$SMALL_CSV"
	run -0 ccreport --output="$d/out2.csv" "$SMALL"
	assert_equal "$(cat "$d/out2.csv")" "$SMALL_CSV"
}

@test "-o FILE that cannot be created: one message, exit 1" {
	setup_small
	local d
	d=$(scratch)
	bad_input "ccreport: cannot open $d/no/out.csv: No such file or directory" -o "$d/no/out.csv" "$SMALL"
}

@test "-o FILE is written only when the report is: a failed run leaves it alone" {
	setup_small
	local d
	d=$(scratch)
	echo 'an earlier report' >"$d/out.csv"
	mkcsv "$d/bad.csv" '1,voice,inbound,q,a,answered,,,,x,'
	bad_input "ccreport: $d/bad.csv:2: bad number of seconds in wait_s: 'x'" -o "$d/out.csv" "$d/bad.csv"
	assert_equal "$(cat "$d/out.csv")" 'an earlier report'
	bad_input "ccreport: cannot open $d/none.csv: No such file or directory" -o "$d/out.csv" "$SMALL" "$d/none.csv"
	assert_equal "$(cat "$d/out.csv")" 'an earlier report'
	# a bad output name is found after the input was read
	bad_input "ccreport: $d/bad.csv:2: bad number of seconds in wait_s: 'x'" -o "$d/no/out.csv" "$d/bad.csv"
}

@test "--reject FILE that cannot be created: message, exit 1" {
	setup_small
	local d
	d=$(scratch)
	bad_input "ccreport: cannot open $d/no/rej.txt: No such file or directory" --reject="$d/no/rej.txt" "$SMALL"
}

@test "standard input: no file, or -" {
	setup_small
	run -0 --separate-stderr bash -c 'ccreport < "$1"' _ "$SMALL"
	assert_output "$SMALL_CSV"
	run -0 --separate-stderr bash -c 'cat "$1" | ccreport -' _ "$SMALL"
	assert_output "$SMALL_CSV"
	assert_equal "$stderr" ''
}

@test "several inputs fold into one report" {
	setup_small
	# the same file twice (once through stdin): every count doubles, the
	# rates and means stay; the percentiles over {10,10,13,13}: p50 rank 2 -> 10
	run -0 bash -c 'ccreport --by= "$1" - < "$1"' _ "$SMALL"
	assert_output "$FIGS
8,4,2,2,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00"
}

@test "a CSV file and a JSONL file fold into one report" {
	local d
	d=$(scratch)
	mkcsv "$d/a.csv" 'c1,voice,inbound,q,,answered,,,,4,'
	printf '%s\n' '{"id":"j1","queue":"q","outcome":"answered","wait_s":30}' >"$d/b.jsonl"
	# waits {4, 30}: asa 17.00, sl 1/2 = 50.00, p50 rank 1 -> 4, p90 rank 2 -> 30
	run -0 ccreport --by= "$d/a.csv" "$d/b.jsonl"
	assert_output "$FIGS
2,2,0,0,0,0,0.00,17.00,50.00,4,30,30,30,30,"
}

# ---------------------------------------------------------------- output formats

@test "CSV is the default output when stdout is not a terminal" {
	setup_small
	run -0 --separate-stderr ccreport "$SMALL"
	assert_output "$SMALL_CSV"
	assert_equal "$stderr" ''
	run -0 ccreport --output-format=csv "$SMALL"
	assert_output "$SMALL_CSV"
}

@test "JSONL output: a _meta record, then one object per row" {
	setup_small
	local v
	v=$(version)
	run -0 --separate-stderr ccreport --output-format=jsonl "$SMALL"
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 5
	assert_line --index 0 "{\"_meta\":\"ccreport\",\"version\":\"$v\",\"direction\":\"inbound\",\"sl_threshold_s\":20,\"sl_base\":\"offered\",\"short_abandon_s\":null,\"interval_s\":null,\"tz\":\"UTC\",\"definitions\":\"ccreport $v: $DEFS_TAIL\"}"
	assert_line --index 1 '{"queue":"back office, \"EU\"","offered":1,"answered":1,"abandoned":0,"timeout":0,"overflow":0,"other":0,"abandon_rate":0.00,"asa":12.50,"sl":100.00,"wait_p50":13,"wait_p90":13,"wait_p95":13,"wait_p99":13,"wait_max":13,"aht":200.00}'
	assert_line --index 3 '{"queue":"support","offered":1,"answered":0,"abandoned":0,"timeout":1,"overflow":0,"other":0,"abandon_rate":0.00,"asa":null,"sl":0.00,"wait_p50":null,"wait_p90":null,"wait_p95":null,"wait_p99":null,"wait_max":null,"aht":null}'
	assert_line --index 4 '{"queue":"TOTAL","offered":4,"answered":2,"abandoned":1,"timeout":1,"overflow":0,"other":0,"abandon_rate":25.00,"asa":11.25,"sl":50.00,"wait_p50":10,"wait_p90":13,"wait_p95":13,"wait_p99":13,"wait_max":13,"aht":250.00}'
	# every line is valid JSON; json, ndjson name the same format
	printf '%s\n' "$output" | python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]'
	local j=$output
	run -0 ccreport --output-format=json "$SMALL"
	assert_output "$j"
	run -0 ccreport --output-format=ndjson "$SMALL"
	assert_output "$j"
}

@test "JSONL output: the _meta record follows the options" {
	setup_small
	run -0 ccreport --output-format=jsonl --direction=all --sl=30 --sl-base=answered+abandoned \
		--short-abandon=5 -i 1h --tz=Europe/Berlin "$SMALL"
	local meta=${lines[0]}
	run python3 -c 'import json, sys
m = json.loads(sys.argv[1])
print(m["direction"], m["sl_threshold_s"], m["sl_base"], m["short_abandon_s"], m["interval_s"], m["tz"])
print(m["definitions"])' "$meta"
	assert_line --index 0 'all 30 answered+abandoned 5 3600 Europe/Berlin'
	assert_line --index 1 --partial ': all interactions; '
	assert_line --index 1 --partial '; sl = answered within 30 s / (answered + abandoned) x 100; short abandon = abandoned within 5 s; '
	assert_line --index 1 --partial '; intervals of 3600 s by arrived_at in Europe/Berlin'
}

@test "table output: definitions comment, then aligned columns" {
	setup_small
	local v
	v=$(version)
	run -0 --separate-stderr ccreport --output-format=table "$SMALL"
	assert_equal "$stderr" ''
	# Text left-aligned, numbers right-aligned, two spaces apart; each column as
	# wide as its widest cell (queue: 'back office, "EU"' = 17); null as '-';
	# no trailing spaces.
	local f='%-17s  %7s  %8s  %9s  %7s  %8s  %5s  %12s  %5s  %6s  %8s  %8s  %8s  %8s  %8s  %6s\n'
	local want
	want=$({
		printf '# ccreport %s: %s\n' "$v" "$DEFS_TAIL"
		printf "$f" queue offered answered abandoned timeout overflow other abandon_rate asa sl \
			wait_p50 wait_p90 wait_p95 wait_p99 wait_max aht
		printf "$f" 'back office, "EU"' 1 1 0 0 0 0 0.00 12.50 100.00 13 13 13 13 13 200.00
		printf "$f" sales 2 1 1 0 0 0 50.00 10.00 50.00 10 10 10 10 10 300.00
		printf "$f" support 1 0 0 1 0 0 0.00 - 0.00 - - - - - -
		printf "$f" TOTAL 4 2 1 1 0 0 25.00 11.25 50.00 10 13 13 13 13 250.00
	} | sed 's/ *$//')
	assert_output "$want"
}

@test "markdown output: quoted definitions, then a pipe table" {
	setup_small
	local v
	v=$(version)
	run -0 --separate-stderr ccreport --output-format=markdown "$SMALL"
	assert_equal "$stderr" ''
	assert_output "> ccreport $v: $DEFS_TAIL

| queue | offered | answered | abandoned | timeout | overflow | other | abandon_rate | asa | sl | wait_p50 | wait_p90 | wait_p95 | wait_p99 | wait_max | aht |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
| back office, \"EU\" | 1 | 1 | 0 | 0 | 0 | 0 | 0.00 | 12.50 | 100.00 | 13 | 13 | 13 | 13 | 13 | 200.00 |
| sales | 2 | 1 | 1 | 0 | 0 | 0 | 50.00 | 10.00 | 50.00 | 10 | 10 | 10 | 10 | 10 | 300.00 |
| support | 1 | 0 | 0 | 1 | 0 | 0 | 0.00 |  | 0.00 |  |  |  |  |  |  |
| TOTAL | 4 | 2 | 1 | 1 | 0 | 0 | 25.00 | 11.25 | 50.00 | 10 | 13 | 13 | 13 | 13 | 250.00 |"
	local m=$output
	run -0 ccreport --output-format=md "$SMALL"
	assert_output "$m"
}

@test "group values with CSV and JSON specials are escaped in the output" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" \
		'1,voice,inbound,"two
lines",,answered,,,,1,' \
		'2,voice,inbound,"pipe | and \ back",,answered,,,,2,' \
		'3,voice,inbound," padded ",,answered,,,,3,'
	run -0 ccreport --no-total "$d/in.csv"
	# sorted by bytes: ' ' < 'p' < 't'; a leading space forces quotes
	assert_output "queue,$FIGS
\" padded \",1,1,0,0,0,0,0.00,3.00,100.00,3,3,3,3,3,
pipe | and \\ back,1,1,0,0,0,0,0.00,2.00,100.00,2,2,2,2,2,
\"two
lines\",1,1,0,0,0,0,0.00,1.00,100.00,1,1,1,1,1,"
	run -0 ccreport --no-total --output-format=jsonl "$d/in.csv"
	assert_line --index 2 --partial '{"queue":"pipe | and \\ back","offered":1,'
	assert_line --index 3 --partial '{"queue":"two\nlines","offered":1,'
	run -0 ccreport --no-total --output-format=markdown "$d/in.csv"
	assert_line --partial '| pipe \| and \ back | 1 |'
	assert_line --partial '| two<br>lines | 1 |'
	run -0 ccreport --no-total --output-format=table "$d/in.csv"
	assert_line --regexp '^two\\nlines +1 '
}

# ---------------------------------------------------------------- report shape

@test "--by= gives one row without group columns and without TOTAL" {
	setup_small
	run -0 ccreport --by= "$SMALL"
	assert_output "$FIGS
4,2,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00"
}

@test "--no-total leaves the TOTAL row out" {
	setup_small
	run -0 ccreport --no-total "$SMALL"
	assert_output "$(printf '%s\n' "$SMALL_CSV" | sed '$d')"
}

@test "two group columns: sorted by both, TOTAL with the second one empty" {
	setup_small
	run -0 ccreport --by=channel,queue "$SMALL"
	# inbound: (voice,sales) x2, (chat,support), (email,back office)
	assert_output "channel,queue,$FIGS
chat,support,1,0,0,1,0,0,0.00,,0.00,,,,,,
email,\"back office, \"\"EU\"\"\",1,1,0,0,0,0,0.00,12.50,100.00,13,13,13,13,13,200.00
voice,sales,2,1,1,0,0,0,50.00,10.00,50.00,10,10,10,10,10,300.00
TOTAL,,4,2,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00"
	run -0 ccreport --by=channel,queue --output-format=jsonl "$SMALL"
	assert_line --index 4 --partial '{"channel":"TOTAL","queue":null,"offered":4,'
}

@test "a group column missing from a record is null: sorted first" {
	setup_small
	run -0 ccreport --by=agent "$SMALL"
	# inbound: ann (1), bob (2), none (4), cid (5)
	assert_output "agent,$FIGS
,1,0,0,1,0,0,0.00,,0.00,,,,,,
ann,1,1,0,0,0,0,0.00,10.00,100.00,10,10,10,10,10,300.00
bob,1,0,1,0,0,0,100.00,,0.00,,,,,,
cid,1,1,0,0,0,0,0.00,12.50,100.00,13,13,13,13,13,200.00
TOTAL,4,2,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00"
	run -0 ccreport --by=agent --output-format=jsonl "$SMALL"
	assert_line --index 1 --partial '{"agent":null,"offered":1,'
}

@test "an empty string is a group of its own, apart from a missing value" {
	local d
	d=$(scratch)
	# record 1: queue missing (empty unquoted field); 2: the empty string ""
	mkcsv "$d/in.csv" '1,voice,inbound,,,answered,,,,1,' '2,voice,inbound,"",,answered,,,,2,'
	run -0 ccreport --no-total "$d/in.csv"
	assert_output "queue,$FIGS
,1,1,0,0,0,0,0.00,1.00,100.00,1,1,1,1,1,
\"\",1,1,0,0,0,0,0.00,2.00,100.00,2,2,2,2,2,"
	run -0 ccreport --no-total --output-format=jsonl "$d/in.csv"
	assert_line --index 1 --partial '{"queue":null,"offered":1,'
	assert_line --index 2 --partial '{"queue":"","offered":1,'
}

@test "group by any column, also one only the by option names" {
	local d
	d=$(scratch)
	printf '%s\n' 'queue,skill,outcome,wait_s' 'q,en,answered,1' 'q,de,answered,2' 'q,en,answered,3' >"$d/in.csv"
	run -0 ccreport --by=skill "$d/in.csv"
	assert_output "skill,$FIGS
de,1,1,0,0,0,0,0.00,2.00,100.00,2,2,2,2,2,
en,2,2,0,0,0,0,0.00,2.00,100.00,1,3,3,3,3,
TOTAL,3,3,0,0,0,0,0.00,2.00,100.00,2,3,3,3,3,"
}

@test "--by a column the CSV header lacks: message naming it, exit 1" {
	setup_small
	bad_input "ccreport: $SMALL:1: no column 'skill' (named by --by)" --by=skill "$SMALL"
	bad_input "ccreport: $SMALL:1: no column 'Queue' (named by --by)" --by=Queue "$SMALL"
}

@test "the optional columns: interval, short_abandoned and the buckets" {
	setup_small
	run -0 ccreport --by=queue -i 1h --short-abandon=5 --buckets=5,10,20 "$SMALL"
	assert_line --index 0 'queue,interval,offered,answered,abandoned,short_abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht,ans_0_5,ans_6_10,ans_11_20,ans_21_plus'
	# sales in 09:00: the abandon after 5 s is short (5 <= 5); the wait of
	# 10 s falls in 6..10; TOTAL: 10 in 6..10, 13 in 11..20
	assert_line --index 2 'sales,2026-03-02T09:00:00Z,2,1,1,1,0,0,0,50.00,10.00,50.00,10,10,10,10,10,300.00,0,1,0,0'
	assert_line --index 4 'TOTAL,,4,2,1,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00,0,1,1,0'
}

@test "no records: one row of zeros, or only a TOTAL row when grouped" {
	local d
	d=$(scratch)
	: >"$d/empty.csv"
	run -0 --separate-stderr ccreport "$d/empty.csv"
	assert_output "queue,$FIGS
TOTAL,0,0,0,0,0,0,,,,,,,,,"
	assert_equal "$stderr" ''
	run -0 ccreport --by= "$d/empty.csv"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
	run -0 ccreport --by= --output-format=jsonl "$d/empty.csv"
	assert_line --index 1 '{"offered":0,"answered":0,"abandoned":0,"timeout":0,"overflow":0,"other":0,"abandon_rate":null,"asa":null,"sl":null,"wait_p50":null,"wait_p90":null,"wait_p95":null,"wait_p99":null,"wait_max":null,"aht":null}'
	run -0 ccreport --no-total "$d/empty.csv"
	assert_output "queue,$FIGS"
}

@test "--quiet and -q change nothing off a terminal" {
	setup_small
	run -0 --separate-stderr ccreport -q "$SMALL"
	assert_output "$SMALL_CSV"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport --quiet "$SMALL"
	assert_output "$SMALL_CSV"
}

@test "options may follow the files; the last of a repeated option wins" {
	setup_small
	run -0 ccreport "$SMALL" --by= --sl=5 --sl=20
	assert_output "$FIGS
4,2,1,1,0,0,25.00,11.25,50.00,10,13,13,13,13,250.00"
	run -0 ccreport --by=agent --by=queue -- "$SMALL"
	assert_output "$SMALL_CSV"
}

@test "the TZ environment variable is not used; TZDIR is searched for --tz zones" {
	local berlin=$TEST_DATA/ccreport-dst-berlin.csv d
	# the first record arrived at 2026-03-28T22:59:59Z
	TZ=Europe/Berlin run -0 ccreport --by= -i 1h --no-total "$berlin"
	assert_line --index 1 --partial '2026-03-28T22:00:00Z,1,'
	TZ=America/New_York run -0 ccreport --by= --since=2026-03-29 "$berlin"
	# midnight UTC, not New York: b3-b8
	assert_line --index 1 --partial '6,5,1,'
	d=$(scratch)
	mkdir -p "$d/zones/Test"
	cp /usr/share/zoneinfo/Asia/Kolkata "$d/zones/Test/Plus0530"
	# +05:30: 22:59:59Z is 04:29:59 on 03-29
	TZDIR=$d/zones run -0 ccreport --by= -i 1h --no-total --tz=Test/Plus0530 "$berlin"
	assert_line --index 1 --partial '2026-03-29T04:00:00+05:30,2,'
	# zones not under TZDIR are still found in /usr/share/zoneinfo
	TZDIR=$d/zones run -0 ccreport --by= -i 1h --no-total --tz=Europe/Berlin "$berlin"
	assert_line --index 1 --partial '2026-03-28T23:00:00+01:00,1,'
	run -2 --separate-stderr ccreport --tz=Test/Plus0530 "$berlin"
	assert_equal "$stderr" "ccreport: invalid --tz 'Test/Plus0530': no such time zone
$HINT"
}

# ---------------------------------------------------------------- --list

# ids of a CSV list on stdin (first column), space-separated
list_ids() { sed 1d | cut -d, -f1 | tr '\n' ' '; }

@test "--list: which records each kind writes" {
	local fig=$TEST_DATA/ccreport-figures.csv
	# answered: by outcome (s01-s05, u01, u02) or by answered_at (u07); not s12 (outbound)
	run -0 --separate-stderr ccreport --list=answered "$fig"
	assert_line --index 0 "$HEADER"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 's01 s02 s03 s04 s05 u01 u02 u07 '
	# abandoned: not answered, outcome abandoned (not u07, which has answered_at)
	run -0 ccreport --list=abandoned "$fig"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 's06 s07 s08 u03 u04 u05 '
	# unanswered: abandoned, timeout, overflow, other
	run -0 ccreport --list=unanswered "$fig"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 's06 s07 s08 s09 s10 s11 u03 u04 u05 '
	run -0 ccreport --list=all "$fig"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 's01 s02 s03 s04 s05 s06 s07 s08 s09 s10 s11 u01 u02 u03 u04 u05 u07 '
	# the direction and the filters apply
	run -0 ccreport --list=all --direction=outbound "$fig"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 's12 u06 '
	run -0 ccreport --list=answered --queue=support --where='agent~^d' "$fig"
	assert_equal "$(printf '%s\n' "$output" | list_ids)" 'u01 u02 '
}

@test "--list: the records are passed through whole and unchanged" {
	setup_small
	# every column, the input's text (the quoted queue quoted again)
	run -0 ccreport --list=answered "$SMALL"
	assert_output "$HEADER
1,voice,inbound,sales,ann,answered,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:05:10Z,,
5,email,inbound,\"back office, \"\"EU\"\"\",cid,answered,2026-03-02T09:04:00Z,,,12.5,200"
	# JSON Lines: CSV values as strings, missing ones as null
	run -0 ccreport --list=abandoned --output-format=jsonl "$SMALL"
	assert_output '{"id":"2","channel":"voice","direction":null,"queue":"sales","agent":"bob","outcome":"abandoned","arrived_at":"2026-03-02T09:01:00Z","answered_at":null,"ended_at":"2026-03-02T09:01:05Z","wait_s":null,"handle_s":null}'
	# JSON Lines in, JSON Lines out: each record with its own keys and values
	local d
	d=$(scratch)
	printf '%s\n' '{"queue":"q","outcome":"answered","wait_s":1.50,"vip":true,"n":null}' \
		'{"wait_s":"2","queue":"r","outcome":"answered"}' >"$d/in.jsonl"
	run -0 ccreport --list=all --output-format=jsonl "$d/in.jsonl"
	assert_output '{"queue":"q","outcome":"answered","wait_s":1.50,"vip":true,"n":null}
{"wait_s":"2","queue":"r","outcome":"answered"}'
}

@test "--list: CSV needs the same fields in every listed record" {
	local d
	d=$(scratch)
	printf '%s\n' '{"id":"1","queue":"q","outcome":"answered","wait_s":1}' \
		'{"id":"2","queue":"q","outcome":"answered","wait_s":2,"extra":"x"}' >"$d/in.jsonl"
	# the records listed before the bad one have been written (the list streams)
	run -1 --separate-stderr ccreport --list=all --output-format=csv "$d/in.jsonl"
	assert_output 'id,queue,outcome,wait_s
1,q,answered,1'
	assert_equal "$stderr" "ccreport: $d/in.jsonl:2: fields differ from the first listed record's (use --output-format jsonl)"
	run -0 --separate-stderr ccreport --list=all --output-format=csv --reject="$d/rej" "$d/in.jsonl"
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/in.jsonl:2: fields differ from the first listed record's (use --output-format jsonl)
{\"id\":\"2\",\"queue\":\"q\",\"outcome\":\"answered\",\"wait_s\":2,\"extra\":\"x\"}"
}

@test "--list: nothing at all when no record is listed; bad records still count" {
	setup_small
	run -0 --separate-stderr ccreport --list=all --queue=none "$SMALL"
	assert_output ''
	assert_equal "$stderr" ''
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" '1,voice,outbound,q,a,answered,,,,x,'
	bad_input "ccreport: $d/in.csv:2: bad number of seconds in wait_s: 'x'" --list=all "$d/in.csv"
}

@test "getopt's messages name the program, however it was started" {
	# Started by its full path, the messages still say "ccreport:".
	run -2 --separate-stderr "$(command -v ccreport)" --no-such-option
	[ "${stderr_lines[0]}" = "ccreport: unrecognized option '--no-such-option'" ]
	[ "${stderr_lines[1]}" = "$HINT" ]
	run -2 --separate-stderr "$(command -v ccreport)" convert --by
	[ "${stderr_lines[0]}" = "ccreport: option '--by' requires an argument" ]
}

@test "usage errors of convert and ingest: options that do not apply" {
	usage_error "convert writes records: it takes no --by, --interval, --no-total or definitions options" \
		convert --by queue
	usage_error "convert writes records: it takes no --by, --interval, --no-total or definitions options" \
		convert --sl 30
	usage_error "ingest writes records: it takes no --by, --interval, --no-total or definitions options" \
		ingest --db x.sqlite --no-total
	usage_error "convert writes records: csv, jsonl, table or markdown" convert --output-format html
	usage_error "ingest writes to the store: it takes no -o" ingest --db x.sqlite -o out
	usage_error "--input-format goes with record files, not with --from or --db" \
		--from asterisk-queue-log --input-format csv
	usage_error "--input-format goes with record files, not with --from or --db" \
		--db x.sqlite --input-format jsonl
	[ ! -e x.sqlite ] && [ ! -e out ]
}
