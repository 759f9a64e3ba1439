#!/usr/bin/env bats
# ccroute erlang: Erlang B, C and A figures and staffing.
#
# Oracles: the published values of routing.md section 2.1 (Call Centre
# Helper's "Erlang C Formula - Made Simple" inputs with pyworkforce's outputs,
# the classic 360 calls / 30 min example, erlang.com's trunk table and
# pyworkforce's exact Erlang A tests), checked to the precision they were
# published with; and the independent Python model
# tests/data/route-erlang-oracle.py (Erlang B recursion, Erlang C from B, and
# Erlang A from its birth-death chain with the service level by
# uniformization of the tagged caller's chain) over the grids
# tests/data/route-erlang-grid.csv (figures) and route-erlang-staff.csv
# (staffing), compared to the last decimal the tool prints.

bats_require_minimum_version 1.5.0

setup() {
	load ccroute
	ORACLE=$TEST_DATA/route-erlang-oracle.py
	GRID=$TEST_DATA/route-erlang-grid.csv
	STAFF=$TEST_DATA/route-erlang-staff.csv
	FC=$TEST_DATA/route-erlang-forecast.csv
	FJ=$TEST_DATA/route-erlang-forecast.jsonl
	EHINT="Try 'ccroute erlang --help' for more information."
	QCOLS=model,erlangs,agents,p_wait,asa_s,sl,p_abandon,occupancy,mean_queue
	FIGS=erlangs,agents,p_wait,asa_s,sl,p_abandon,occupancy,mean_queue
}

# e_usage MESSAGE ARG...: 'ccroute erlang ARG...' fails with status 2,
# nothing on stdout, "ccroute: MESSAGE" and the subcommand's hint on stderr.
e_usage() {
	local msg=$1
	shift
	run -2 --separate-stderr ccroute erlang "$@"
	assert_output ''
	assert_equal "$stderr" "ccroute: $msg
$EHINT"
}

# e_bad MESSAGE ARG...: 'ccroute erlang ARG...' fails with status 1, nothing
# on stdout, exactly "ccroute: MESSAGE" on stderr.
e_bad() {
	local msg=$1
	shift
	run -1 --separate-stderr ccroute erlang "$@"
	assert_output ''
	assert_equal "$stderr" "ccroute: $msg"
}

# get ROW COLUMN: the value under COLUMN in data row ROW (1-based) of the CSV
# in $output (RFC 4180 quoting, no line break inside a field).  One awk
# program: a shell loop would crawl under bats' debug trap.
get() {
	printf '%s\n' "$output" | awk -v row="$1" -v col="$2" '
	function split_csv(s, f,    n, i, c, v, q) {
		n = 0; v = ""; q = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (q) {
				if (c != "\"") v = v c
				else if (substr(s, i + 1, 1) == "\"") { v = v "\""; i++ }
				else q = 0
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = v; v = "" }
			else v = v c
		}
		f[++n] = v
		return n
	}
	NR == 1 { nh = split_csv($0, h) }
	NR == row + 1 {
		n = split_csv($0, f)
		for (i = 1; i <= nh; i++) if (h[i] == col) { print f[i]; found = 1 }
	}
	END { if (!found) { print "no column " col " in row " row > "/dev/stderr"; exit 1 } }'
}

# near VALUE PUBLISHED: VALUE (6 decimals or fewer) agrees with PUBLISHED to
# PUBLISHED's decimals: within half a unit of its last decimal, plus half a
# unit of VALUE's own rounding.
near() {
	awk -v v="$1" -v w="$2" 'BEGIN {
		split(w, p, "."); d = length(p[2]); split(v, q, "."); e = length(q[2])
		tol = 0.5 * 10 ^ -d + 0.5 * 10 ^ -e + 1e-12
		diff = v - w; if (diff < 0) diff = -diff
		if (diff > tol) { printf "%s is not %s to %d decimals\n", v, w, d; exit 1 }
	}'
}

# oracle_check FIGURE-ARGS -- TOOL-ARGS: the oracle's figures over the grid
# against the tool's, column by column.
oracle_figures() {
	local d
	d=$(scratch)
	python3 "$ORACLE" figures "$@" "$GRID" >"$d/want.csv"
	ccroute erlang "$@" "$GRID" >"$d/got.csv"
	run -0 python3 "$ORACLE" compare "$d/want.csv" "$d/got.csv" "$COLS"
	assert_output "$(($(wc -l <"$GRID") - 1)) rows agree"
}

# oracle_staff ARGS...: the oracle's least agents over the staffing grid
# (a plain upward scan) against the tool's search.
oracle_staff() {
	local d
	d=$(scratch)
	python3 "$ORACLE" staff "$@" "$STAFF" >"$d/want.csv"
	ccroute erlang "$@" "$STAFF" >"$d/got.csv"
	run -0 python3 "$ORACLE" compare "$d/want.csv" "$d/got.csv" agents
	assert_output "$(($(wc -l <"$STAFF") - 1)) rows agree"
}

# ---------------------------------------------------------------- help

@test "--help documents every option and the output columns" {
	run -0 --separate-stderr ccroute erlang --help
	assert_equal "$stderr" ''
	assert_line --index 0 'Usage: ccroute erlang [OPTION]... --calls=N --aht=DUR'
	for o in --calls=N --period=DUR --rate=RATE --aht=DUR --patience=DUR --model=MODEL \
		--agents=LIST --sl=SECS --target-sl=PCT --max-abandon=PCT --max-occupancy=PCT \
		--max-blocking=PCT --input-format=FMT --reject=FILE --max-field-size=N \
		--output-format=FMT '-o, --output=FILE' '-q, --quiet' --help --version; do
		assert_output --partial "$o"
	done
	for c in p_wait asa_s sl p_abandon occupancy mean_queue blocking carried \
		calls aht_s period_s patience_s agents; do
		assert_output --partial "$c"
	done
	assert_output --partial 'share of ALL offered calls answered within --sl'
}

@test "--version names the program; --help on a full disk is a write error" {
	run -0 ccroute erlang --version
	assert_line --index 0 --partial ccroute
	run -1 --separate-stderr bash -c 'ccroute erlang --help >/dev/full'
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
}

# ---------------------------------------------------------------- published values

@test "Erlang C, Call Centre Helper: 100 calls / 30 min, AHT 180 s, 80/20 -> 14 agents" {
	# A = 100 x 180 / 1800 = 10 E.  Published: 14 agents, SL 0.8884,
	# P(wait) 0.1741, occupancy 10/14 = 0.7143.
	run -0 --separate-stderr ccroute erlang --calls 100 --aht 180
	assert_equal "$stderr" ''
	assert_line --index 0 "$QCOLS"
	assert_equal "$(get 1 model)" erlang-c
	assert_equal "$(get 1 erlangs)" 10.0000
	assert_equal "$(get 1 agents)" 14
	near "$(get 1 sl)" 0.8884
	near "$(get 1 p_wait)" 0.1741
	near "$(get 1 occupancy)" 0.7143
	assert_equal "$(get 1 p_abandon)" 0.000000
	# ASA = C AHT / (n - A) = 0.17413 x 180 / 4 = 7.836 s; Lq = lambda ASA =
	# (100/1800) x 7.836 = 0.4353
	near "$(get 1 asa_s)" 7.836
	near "$(get 1 mean_queue)" 0.4353
	# The same with the defaults spelled out, and as a rate.
	run -0 ccroute erlang --calls 100 --period 30m --aht 3m --sl 20 --target-sl 80 --model c
	assert_equal "$(get 1 agents)" 14
	run -0 ccroute erlang --rate 200/h --aht 180
	assert_equal "$(get 1 agents)" 14
	near "$(get 1 sl)" 0.8884
	# 13 agents miss 80 %: the least is 14.
	run -0 ccroute erlang --calls 100 --aht 180 --agents 13
	run awk "BEGIN { exit !($(get 1 sl) < 0.8) }"
	assert_success
}

@test "Erlang C, 360 calls / 30 min, AHT 4 min: 55 agents P(wait) 0.23870, ASA 8.184 s; 54 for 80/20" {
	run -0 ccroute erlang --calls 360 --aht 4m --agents 55
	assert_equal "$(get 1 erlangs)" 48.0000
	near "$(get 1 p_wait)" 0.23870
	near "$(get 1 asa_s)" 8.184
	run -0 ccroute erlang --calls 360 --aht 4m
	assert_equal "$(get 1 agents)" 54
	run -0 ccroute erlang --calls 360 --aht 4m --agents 53
	run awk "BEGIN { exit !($(get 1 sl) < 0.8) }"
	assert_success
	# --rate 12/m is the same load
	run -0 ccroute erlang --rate 12/m --aht 240 --agents 55
	near "$(get 1 p_wait)" 0.23870
}

@test "Erlang B: 15 lines carry 8.108 E at 1 % blocking; 10 E at 2 % needs 17 trunks" {
	# erlang.com: 15 lines at 1 % carry 8.108 E.  --calls 8.108 per 1 s with
	# AHT 1 s is an offered load of 8.108 E.
	run -0 --separate-stderr ccroute erlang --model b --calls 8.108 --period 1 --aht 1
	assert_line --index 0 'model,erlangs,agents,blocking,carried,occupancy'
	assert_equal "$(get 1 model)" erlang-b
	assert_equal "$(get 1 erlangs)" 8.1080
	assert_equal "$(get 1 agents)" 15
	near "$(get 1 blocking)" 0.01
	# carried = A (1 - B) = 8.108 x 0.99 = 8.0269; occupancy 8.0269 / 15 = 0.5351
	near "$(get 1 carried)" 8.027
	near "$(get 1 occupancy)" 0.5351
	run -0 ccroute erlang --model b --calls 8.108 --period 1 --aht 1 --agents 14
	run awk "BEGIN { exit !($(get 1 blocking) > 0.01) }"
	assert_success
	# pyworkforce's code: B(17, 10) = 0.01295, the least trunks at 2 %.
	run -0 ccroute erlang --model b --rate 36000/h --aht 1 --max-blocking 2
	assert_equal "$(get 1 agents)" 17
	near "$(get 1 blocking)" 0.01295
}

@test "Erlang A, pyworkforce exact values: 14 and 13 agents with 5 min patience" {
	# 14 agents: P(wait) 0.14526, P(ab) 0.013984, occupancy 0.704297, mean
	# wait 0.069919 min, SL 0.916792; 13 agents: 0.22580 / 0.024963 / 0.858178.
	run -0 --separate-stderr ccroute erlang --calls 100 --aht 180 --patience 5m --agents 14,13
	assert_equal "$stderr" ''
	assert_equal "$(get 1 model)" erlang-a
	assert_equal "$(get 1 agents)" 14
	near "$(get 1 p_wait)" 0.14526
	near "$(get 1 p_abandon)" 0.013984
	near "$(get 1 occupancy)" 0.704297
	near "$(get 1 sl)" 0.916792
	# Lq = lambda x mean wait of all callers = (100/1800) x 0.069919 x 60 = 0.23306
	near "$(get 1 mean_queue)" 0.2331
	assert_equal "$(get 2 agents)" 13
	near "$(get 2 p_wait)" 0.22580
	near "$(get 2 p_abandon)" 0.024963
	near "$(get 2 sl)" 0.858178
	# pyworkforce README ErlangA: 80/20, occupancy <= 85 %, abandonment <= 5 %
	# -> 13 raw agents.
	run -0 ccroute erlang --calls 100 --aht 180 --patience 300 --target-sl 80 \
		--max-occupancy 85 --max-abandon 5
	assert_equal "$(get 1 agents)" 13
}

@test "Erlang A in overload: P(abandon) tends to 1 - n/A" {
	# 30 E on 10 agents with 5 min patience: the efficiency-driven regime,
	# P(abandon) = 1 - n/A = 2/3 up to a term far below the 6th decimal
	# (the oracle: 0.66666666729), every agent busy.
	run -0 ccroute erlang --calls 300 --aht 180 --patience 300 --agents 10
	assert_equal "$(get 1 p_abandon)" 0.666667
	assert_equal "$(get 1 occupancy)" 1.000000
	assert_equal "$(get 1 p_wait)" 1.000000
	# mean queue: abandonment rate = theta Lq = lambda P(ab) -> Lq = 300/1800
	# x 2/3 x 300 = 33.3333
	assert_equal "$(get 1 mean_queue)" 33.3333
}

@test "Erlang C without a steady state: p_wait 1, sl 0, occupancy 1, asa_s and mean_queue null" {
	run -0 ccroute erlang --calls 100 --aht 180 --agents 8,10,11
	assert_line --index 1 'erlang-c,10.0000,8,1.000000,,0.000000,0.000000,1.000000,'
	assert_line --index 2 'erlang-c,10.0000,10,1.000000,,0.000000,0.000000,1.000000,'
	assert_equal "$(get 3 agents)" 11
	run -0 ccroute erlang --calls 100 --aht 180 --agents 10 --output-format jsonl
	assert_output '{"model":"erlang-c","erlangs":10.0000,"agents":10,"p_wait":1.000000,"asa_s":null,"sl":0.000000,"p_abandon":0.000000,"occupancy":1.000000,"mean_queue":null}'
}

@test "no calls need no agents; no agents answer nobody" {
	# An idle system: nothing waits or is lost; occupancy of 0 agents is null.
	run -0 ccroute erlang --calls 0 --aht 180
	assert_output "$QCOLS
erlang-c,0.0000,0,0.000000,0.000,1.000000,0.000000,,0.0000"
	run -0 ccroute erlang --calls 0 --aht 180 --patience 60 --agents 0,2
	assert_output "$QCOLS
erlang-a,0.0000,0,0.000000,0.000,1.000000,0.000000,,0.0000
erlang-a,0.0000,2,0.000000,0.000,1.000000,0.000000,0.000000,0.0000"
	# 0 agents, 10 E, 2 min patience: everyone waits out the patience:
	# Lq = lambda x patience = (100/1800) x 120 = 6.6667
	run -0 ccroute erlang --calls 100 --aht 180 --patience 2m --agents 0
	assert_line --index 1 'erlang-a,10.0000,0,1.000000,,0.000000,1.000000,,6.6667'
	run -0 ccroute erlang --model b --calls 100 --aht 180 --agents 0
	assert_line --index 1 'erlang-b,10.0000,0,1.000000,0.0000,'
	run -0 ccroute erlang --model b --calls 0 --aht 180
	assert_line --index 1 'erlang-b,0.0000,0,0.000000,0.0000,'
}

@test "--agents lists: single counts, lists and ranges, in the order given" {
	run -0 ccroute erlang --calls 100 --aht 180 --agents 16,12-14,11
	run -0 bash -c "printf '%s\n' \"\$0\" | cut -d, -f3 | tr '\n' ' '" "$output"
	assert_output 'agents 16 12 13 14 11 '
	# the largest counts: each costs O(count), so a short range
	run -0 ccroute erlang --calls 100 --aht 180 --agents 99995-100000,0
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 8
	assert_equal "$(get 6 agents)" 100000
	assert_equal "$(get 6 sl)" 1.000000
	assert_equal "$(get 7 agents)" 0
}

# ---------------------------------------------------------------- the oracle

@test "oracle: Erlang C and A figures over the grid, threshold 20 s" {
	COLS=$FIGS oracle_figures --sl 20
}

@test "oracle: the grid with thresholds 0 s and 60 s" {
	COLS=$FIGS oracle_figures --sl 0
	COLS=$FIGS oracle_figures --sl 60
}

@test "oracle: the grid as Erlang B, as Erlang C and as Erlang A with a default patience" {
	COLS=erlangs,agents,blocking,carried,occupancy oracle_figures --model b
	COLS=$FIGS oracle_figures --model c
	COLS=$FIGS oracle_figures --model a --patience 100
}

@test "oracle: staffing for one target at a time" {
	oracle_staff
	oracle_staff --target-sl 90 --sl 30
	oracle_staff --target-sl 95 --sl 0
	oracle_staff --max-occupancy 85
	oracle_staff --max-abandon 3
	oracle_staff --patience 200 --max-abandon 2
}

@test "oracle: staffing for several targets, and Erlang B staffing" {
	oracle_staff --target-sl 80 --max-occupancy 85
	oracle_staff --max-abandon 1 --target-sl 70 --max-occupancy 90
	oracle_staff --model a --patience 200
	oracle_staff --model b
	oracle_staff --model b --max-blocking 0.1
	oracle_staff --model b --max-occupancy 50
}

@test "staffing in the tens of thousands, and beyond the limit of 100000 agents" {
	# 50000 E: Erlang C needs more than 50000 agents and square-root staffing
	# puts 80/20 within a few hundred of it; the answer meets the target and
	# one agent fewer does not.
	run -0 ccroute erlang --rate 50000/s --aht 1 --sl 0.1
	local n
	n=$(get 1 agents)
	run -0 ccroute erlang --rate 50000/s --aht 1 --sl 0.1 --agents $((n - 1)),$n
	run awk "BEGIN { exit !($(get 1 sl) < 0.8 && $(get 2 sl) >= 0.8) }"
	assert_success
	run awk "BEGIN { exit !($n > 50000 && $n < 50500) }"
	assert_success
	e_bad 'no staffing up to 100000 agents meets the targets' --calls 1e9 --aht 1000
	e_bad 'no staffing up to 100000 agents meets the targets' --model b --calls 1e9 --aht 1000
}

@test "Erlang A that cannot be computed: a patience far too long for the load" {
	# 1000 E on one agent with a 1000-day patience: a queue of about 8.6e10
	# callers, beyond the 2^26 states of the chain.
	e_bad 'cannot compute Erlang A: too many callers would wait (patience too long for the load)' \
		--calls 1000 --period 1 --aht 1 --patience 1000d --agents 1
}

# ---------------------------------------------------------------- output

@test "output formats: table on request, markdown, jsonl; the SL definition in the heading" {
	run -0 ccroute erlang --calls 100 --aht 180 --output-format table
	assert_line --index 0 '# ccroute erlang: sl = share of all offered calls answered within 20 s; asa_s = mean wait of answered calls; p_abandon = share of offered calls that hang up'
	assert_line --index 1 --regexp '^model +erlangs +agents +p_wait +asa_s +sl +p_abandon +occupancy +mean_queue$'
	assert_line --index 2 --regexp '^erlang-c +10\.0000 +14 +0\.174132 '
	run -0 ccroute erlang --calls 100 --aht 180 --output-format markdown --sl 15
	assert_line --index 0 '> ccroute erlang: sl = share of all offered calls answered within 15 s; asa_s = mean wait of answered calls; p_abandon = share of offered calls that hang up'
	assert_line --partial '| model | erlangs | agents |'
	run -0 ccroute erlang --model b --calls 8.108 --period 1 --aht 1 --output-format table
	assert_line --index 0 '# ccroute erlang: Erlang B; agents = lines; blocking = share of offered calls that find every line busy; carried = erlangs carried'
	run -0 ccroute erlang --calls 100 --aht 180 --output-format jsonl --agents 14
	assert_output --regexp '^\{"model":"erlang-c","erlangs":10\.0000,"agents":14,"p_wait":0\.174132,'
}

@test "-o writes to a file; a full disk is a write error in every format" {
	local d
	d=$(scratch)
	run -0 --separate-stderr ccroute erlang --calls 100 --aht 180 -o "$d/out.csv"
	assert_output ''
	run -0 cat "$d/out.csv"
	assert_line --index 0 "$QCOLS"
	for f in csv jsonl table markdown; do
		run -1 --separate-stderr ccroute erlang --calls 100 --aht 180 --output-format $f -o /dev/full
		assert_equal "$stderr" 'ccroute: write error: No space left on device'
		run -1 --separate-stderr ccroute erlang --output-format $f -o /dev/full "$FC"
		assert_equal "$stderr" 'ccroute: write error: No space left on device'
	done
	e_bad "cannot open $d/no/such: No such file or directory" --calls 1 --aht 1 -o "$d/no/such"
}

# ---------------------------------------------------------------- forecasts

# The forecast fixture, worked out from the published values:
#  08:00 sales   100 calls, 180 s, no patience: staffed -> 14 (Call Centre Helper)
#  08:30 sales   100 calls, 180 s, patience 300, agents 13-14: pyworkforce's rows
#  09:00 support 360 calls, 240 s, agents 55: P(wait) 0.23870, ASA 8.184
#  09:15 support 180 calls per 900 s, 240 s: 48 E again, staffed -> 54
#  22:00 support 0 calls: 0 agents
@test "forecast CSV: fields passed through in order, figures appended, one row per count" {
	run -0 --separate-stderr ccroute erlang "$FC"
	assert_equal "$stderr" ''
	assert_line --index 0 "interval_start,queue,calls,aht_s,patience_s,period_s,note,$QCOLS"
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 7
	assert_line --index 1 --partial '2026-03-02T08:00:00Z,sales,100,180,,,Call Centre Helper,erlang-c,10.0000,14,'
	near "$(get 1 sl)" 0.8884
	assert_line --index 2 --partial '2026-03-02T08:30:00Z,sales,100,180,300,,pyworkforce,erlang-a,10.0000,13,'
	near "$(get 2 sl)" 0.858178
	assert_equal "$(get 3 agents)" 14
	near "$(get 3 sl)" 0.916792
	assert_line --index 4 --partial '2026-03-02T09:00:00Z,support,360,240,,,"48 E, classic",erlang-c,48.0000,55,'
	near "$(get 4 p_wait)" 0.23870
	near "$(get 4 asa_s)" 8.184
	assert_line --index 5 --partial '2026-03-02T09:15:00Z,support,180,240,,900,quarter hour,erlang-c,48.0000,54,'
	assert_line --index 6 '2026-03-02T22:00:00Z,support,0,240,,,nuit très calme,erlang-c,0.0000,0,0.000000,0.000,1.000000,0.000000,,0.0000'
}

@test "forecast JSON Lines gives the same rows; standard input as -; several files in order" {
	local d
	d=$(scratch)
	ccroute erlang "$FC" >"$d/csv"
	run -0 --separate-stderr ccroute erlang "$FJ"
	assert_output "$(cat "$d/csv")"
	run -0 --separate-stderr ccroute erlang - <"$FJ"
	assert_output "$(cat "$d/csv")"
	run -0 --separate-stderr ccroute erlang --input-format csv - <"$FC"
	assert_output "$(cat "$d/csv")"
	run -0 ccroute erlang "$FC" "$FJ"
	assert_output "$(cat "$d/csv"; tail -n +2 "$d/csv")"
	# JSON Lines out: numbers bare, the input's kinds kept
	run -0 ccroute erlang --output-format jsonl "$FJ"
	assert_line --index 0 --partial '{"interval_start":"2026-03-02T08:00:00Z","queue":"sales","calls":100,"aht_s":180,"patience_s":null,"period_s":null,"note":"Call Centre Helper","model":"erlang-c","erlangs":10.0000,"agents":14,'
}

@test "forecast defaults from the options: --aht, --patience, --period, --agents, --model" {
	local d
	d=$(scratch)
	printf 'calls,x\n100,a\n360,b\n' >"$d/f.csv"
	run -0 ccroute erlang --aht 180 --patience 300 --agents 14 "$d/f.csv"
	assert_line --index 0 "calls,x,$QCOLS"
	near "$(get 1 p_abandon)" 0.013984
	# 360 calls in 1 h with AHT 180 s is 18 E
	run -0 ccroute erlang --aht 180 --period 1h --agents 20 "$d/f.csv"
	assert_equal "$(get 2 erlangs)" 18.0000
	assert_equal "$(get 1 model)" erlang-c
	# --model b: patience_s is ignored, the columns are Erlang B's; --agents
	# serves the records without agents
	run -0 ccroute erlang --model b --agents 15 "$FC"
	assert_line --index 0 'interval_start,queue,calls,aht_s,patience_s,period_s,note,model,erlangs,agents,blocking,carried,occupancy'
	assert_line --index 1 --partial ',Call Centre Helper,erlang-b,10.0000,15,'
	assert_line --index 2 --partial ',pyworkforce,erlang-b,10.0000,13,'
	assert_line --index 4 --partial ',"48 E, classic",erlang-b,48.0000,55,'
	# --model c drops the patience of the 08:30 row: Erlang C at 13 and 14
	# (P(wait) 0.1741 at 14, Call Centre Helper)
	run -0 ccroute erlang --model c "$FC"
	assert_line --index 3 --partial ',pyworkforce,erlang-c,10.0000,14,'
	near "$(get 3 p_wait)" 0.1741
}

@test "forecast: a field named like an output column is replaced; the output reads back the same" {
	local d
	d=$(scratch)
	printf 'sl,calls,aht_s,model,agents\nold,100,180,x,14\n' >"$d/f.csv"
	run -0 ccroute erlang "$d/f.csv"
	assert_line --index 0 "calls,aht_s,$QCOLS"
	assert_line --index 1 --partial '100,180,erlang-c,10.0000,14,0.174132,'
	ccroute erlang "$FC" >"$d/once"
	run -0 ccroute erlang "$d/once"
	assert_output "$(cat "$d/once")"
}

@test "forecast: empty file and header only write nothing and succeed" {
	local d
	d=$(scratch)
	: >"$d/empty"
	printf 'calls,aht_s\n' >"$d/header.csv"
	printf '\n\n' >"$d/blank"
	for f in empty header.csv blank; do
		for fmt in csv jsonl table markdown; do
			run -0 --separate-stderr ccroute erlang --output-format $fmt "$d/$f"
			assert_output ''
			assert_equal "$stderr" ''
		done
	done
}

@test "forecast records with bad values: FILE:LINE and the reason" {
	local d
	d=$(scratch)
	printf 'calls,aht_s,patience_s,period_s,agents\n' >"$d/h"
	t() { cat "$d/h" - >"$d/f.csv"; e_bad "$d/f.csv:2: $1" "${@:2}" "$d/f.csv"; }
	t "invalid calls 'x': a number of calls from 0 to 1e12 is needed" <<<'x,180,,,'
	t "invalid calls '-3': a number of calls from 0 to 1e12 is needed" <<<'-3,180,,,'
	t "invalid calls '2e12': a number of calls from 0 to 1e12 is needed" <<<'2e12,180,,,'
	t "invalid calls ' 100': a number of calls from 0 to 1e12 is needed" <<<' 100,180,,,'
	t "invalid calls 'nan': a number of calls from 0 to 1e12 is needed" <<<'nan,180,,,'
	t "calls is missing" <<<',180,,,'
	t "invalid aht_s '0': a number of seconds above 0 is needed" <<<'10,0,,,'
	t "invalid aht_s '3m': a number of seconds above 0 is needed" <<<'10,3m,,,'
	t "aht_s is missing (or give --aht)" <<<'10,,,,'
	t "invalid patience_s '-1': a number of seconds above 0 is needed" <<<'10,180,-1,,'
	t "invalid period_s '0': a number of seconds above 0 is needed" <<<'10,180,,0,'
	t "invalid agents '1-': agent counts from 0 to 100000 (N, N,M,... or N-M) are needed" <<<'10,180,,,1-'
	t "invalid agents '100001': agent counts from 0 to 100000 (N, N,M,... or N-M) are needed" <<<'10,180,,,100001'
	t "invalid agents '5-3': agent counts from 0 to 100000 (N, N,M,... or N-M) are needed" <<<'10,180,,,5-3'
	t "invalid agents '1.5': agent counts from 0 to 100000 (N, N,M,... or N-M) are needed" <<<'10,180,,,1.5'
	t "Erlang A needs a patience: patience_s is missing (or give --patience)" --model a <<<'10,180,,,'
	t "no staffing up to 100000 agents meets the targets" <<<'1e9,1000,,,'
	# a long value is quoted to 40 bytes
	t "invalid calls '$(printf '9%.0s' {1..39})x': a number of calls from 0 to 1e12 is needed" \
		<<<"$(printf '9%.0s' {1..39})xyz,180,,,"
}

@test "forecast JSON Lines: bad kinds and missing keys" {
	local d
	d=$(scratch)
	printf '{"calls":true,"aht_s":180}\n' >"$d/a.jsonl"
	e_bad "$d/a.jsonl:1: invalid calls 'true': a number of calls from 0 to 1e12 is needed" "$d/a.jsonl"
	printf '{"aht_s":180}\n' >"$d/b.jsonl"
	e_bad "$d/b.jsonl:1: calls is missing" "$d/b.jsonl"
	printf '{"calls":"100","aht_s":"180","agents":"14"}\n' >"$d/c.jsonl"
	run -0 ccroute erlang "$d/c.jsonl"
	near "$(get 1 sl)" 0.8884
	# records with other fields: refused in CSV output, fine in JSON Lines
	printf '{"calls":100,"aht_s":180}\n{"calls":100,"aht_s":180,"queue":"q"}\n' >"$d/d.jsonl"
	run -1 --separate-stderr ccroute erlang "$d/d.jsonl"
	assert_equal "$stderr" "ccroute: $d/d.jsonl:2: fields differ from the first record's (use --output-format jsonl)"
	run -0 ccroute erlang --output-format jsonl "$d/d.jsonl"
	assert_line --index 1 --partial '{"calls":100,"aht_s":180,"queue":"q","model":"erlang-c",'
}

@test "forecast: a missing calls or aht_s column is an error at the header" {
	local d
	d=$(scratch)
	printf 'aht_s,agents\n180,14\n' >"$d/a.csv"
	e_bad "$d/a.csv:1: no calls column" "$d/a.csv"
	printf 'calls,agents\n100,14\n' >"$d/b.csv"
	e_bad "$d/b.csv:1: no aht_s column (or give --aht)" "$d/b.csv"
	run -0 ccroute erlang --aht 3m "$d/b.csv"
	near "$(get 1 sl)" 0.8884
	# a second CSV file with other columns
	printf 'calls,aht_s,x\n100,180,1\n' >"$d/c.csv"
	run -1 --separate-stderr ccroute erlang --aht 3m "$d/b.csv" "$d/c.csv"
	assert_line --index 0 "calls,$QCOLS"
	assert_equal "$stderr" "ccroute: $d/c.csv:1: columns differ from the first file's (use --output-format jsonl)"
}

@test "forecast: the reader's errors" {
	local d
	d=$(scratch)
	printf 'calls,aht_s\n1,2,3\n' >"$d/wc.csv"
	e_bad "$d/wc.csv:2: expected 2 fields, found 3" "$d/wc.csv"
	printf 'calls,aht_s\n"1,2\n' >"$d/q.csv"
	e_bad "$d/q.csv:2:1: unterminated quoted field" "$d/q.csv"
	printf 'calls,aht_s\n1\xff,2\n' >"$d/u.csv"
	e_bad "$d/u.csv:2:2: invalid UTF-8" "$d/u.csv"
	printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$d/png"
	e_bad "$d/png:1:1: bad header: invalid UTF-8" "$d/png"
	printf '{"calls":1,"aht_s":2}\n[1]\n' >"$d/j.jsonl"
	e_bad "$d/j.jsonl:2:1: a record must be a JSON object" --output-format table "$d/j.jsonl"
	printf 'calls,aht_s\n%s,2\n' "$(head -c 3000 /dev/zero | tr '\0' 1)" >"$d/big.csv"
	e_bad "$d/big.csv:2:1: field 1 is longer than 100 bytes (--max-field-size)" --max-field-size 100 "$d/big.csv"
	e_bad "cannot open $d/none: No such file or directory" "$d/none"
	# JSON Lines read as CSV on request
	printf '{"calls":1,"aht_s":2}\n' >"$d/k.jsonl"
	e_bad "$d/k.jsonl:1:2: bad header: bad quoting (a quote inside an unquoted field, or text after a closing quote)" \
		--input-format csv "$d/k.jsonl"
}

@test "forecast: a bad record after good ones stops there; what came before was written" {
	local d
	d=$(scratch)
	printf 'calls,aht_s\n100,180\n1,x\n100,180\n' >"$d/f.csv"
	run -1 --separate-stderr ccroute erlang "$d/f.csv"
	assert_equal "$stderr" "ccroute: $d/f.csv:3: invalid aht_s 'x': a number of seconds above 0 is needed"
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 2
	# table output is written at the end: nothing at all
	run -1 --separate-stderr ccroute erlang --output-format table "$d/f.csv"
	assert_output ''
}

@test "--reject keeps going and writes each bad record with its line and reason" {
	local d
	d=$(scratch)
	printf 'calls,aht_s\n100,180\n1,x\n-1,2\n1,\n360,240\n' >"$d/f.csv"
	echo stale >"$d/rej"
	run -0 --separate-stderr ccroute erlang --reject "$d/rej" "$d/f.csv"
	assert_equal "$stderr" "ccroute: 3 records rejected (see $d/rej)"
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 3
	assert_equal "$(get 1 agents)" 14
	assert_equal "$(get 2 agents)" 54
	run -0 cat "$d/rej"
	assert_output "# $d/f.csv:3: invalid aht_s 'x': a number of seconds above 0 is needed
1,x
# $d/f.csv:4: invalid calls '-1': a number of calls from 0 to 1e12 is needed
-1,2
# $d/f.csv:5: aht_s is missing (or give --aht)
1,"
	# no bad record: an empty reject file and no message
	run -0 --separate-stderr ccroute erlang --reject "$d/rej" "$FC"
	assert_equal "$stderr" ''
	[ -f "$d/rej" ] && [ ! -s "$d/rej" ]
	e_bad "cannot open $d/no/rej: No such file or directory" --reject "$d/no/rej" "$FC"
	run -1 --separate-stderr ccroute erlang --reject /dev/full "$d/f.csv"
	assert_line --index 0 --partial 'calls,aht_s,model'
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
}

# ---------------------------------------------------------------- usage errors

@test "usage errors: the load" {
	e_usage '--calls or --rate (or FORECAST files) is needed' --aht 180
	e_usage '--aht is needed' --calls 100
	e_usage '--calls and --rate cannot be used together' --calls 100 --rate 200/h --aht 180
	e_usage '--calls and --rate cannot be used with FORECAST files' --calls 100 "$FC"
	e_usage '--calls and --rate cannot be used with FORECAST files' --rate 2/m "$FC"
	e_usage '--period applies to --calls, not to --rate' --rate 200/h --period 1h --aht 180
	for v in x -1 1e13 '' 1,5 0x10 inf; do
		e_usage "invalid --calls '$v': a number of calls from 0 to 1e12 is needed" --calls "$v" --aht 180
	done
	for v in x 120/y /h -2/h; do
		e_usage "invalid --rate '$v': a rate such as 120/h, 2/m, 0.5/s or 40/30m is needed" --rate "$v" --aht 180
	done
	for v in 0 -5 x 3q ''; do
		e_usage "invalid --aht '$v': a duration above 0 such as 20, 90s, 2.5m or 1h is needed" --calls 1 --aht "$v"
		e_usage "invalid --patience '$v': a duration above 0 such as 20, 90s, 2.5m or 1h is needed" --calls 1 --aht 1 --patience "$v"
		e_usage "invalid --period '$v': a duration above 0 such as 20, 90s, 2.5m or 1h is needed" --calls 1 --aht 1 --period "$v"
	done
	e_usage "invalid --aht '101000d': a duration above 0 such as 20, 90s, 2.5m or 1h is needed" --calls 1 --aht 101000d
	for v in -1 x ''; do
		e_usage "invalid --sl '$v': a duration of 0 or more such as 20, 90s, 2.5m or 1h is needed" --calls 1 --aht 1 --sl "$v"
	done
}

@test "usage errors: agents, targets and models" {
	for v in x 1- -3 1,,2 5-3 100001 0-100001 ' 4' 4, 1.5; do
		e_usage "invalid --agents '$v': agent counts from 0 to 100000 (N, N,M,... or N-M) are needed" --calls 1 --aht 1 --agents "$v"
	done
	for v in 0 100 -5 x 100%; do
		e_usage "invalid --target-sl '$v': a percentage above 0 and below 100 is needed" --calls 1 --aht 1 --target-sl "$v"
	done
	for o in --max-abandon --max-occupancy; do
		for v in 0 101 x; do
			e_usage "invalid $o '$v': a percentage above 0 and at most 100 is needed" --calls 1 --aht 1 --patience 1 $o "$v"
		done
	done
	e_usage "invalid --max-blocking '0': a percentage above 0 and at most 100 is needed" --model b --calls 1 --aht 1 --max-blocking 0
	e_usage "invalid --model 'd': a, b or c is needed" --calls 1 --aht 1 --model d
	e_usage '--patience needs Erlang A: leave out --model or use --model=a' --calls 1 --aht 1 --patience 60 --model c
	e_usage '--patience needs Erlang A: leave out --model or use --model=a' --aht 1 --patience 60 --model b "$FC"
	e_usage '--model=a needs --patience' --calls 1 --aht 1 --model a
	e_usage '--max-abandon needs Erlang A (--patience)' --calls 1 --aht 1 --max-abandon 5
	e_usage '--max-abandon needs Erlang A (--patience)' --model c --max-abandon 5 "$FC"
	e_usage '--max-blocking needs --model=b' --calls 1 --aht 1 --max-blocking 1
	e_usage '--sl, --target-sl and --max-abandon do not apply to Erlang B' --model b --calls 1 --aht 1 --sl 20
	e_usage '--sl, --target-sl and --max-abandon do not apply to Erlang B' --model b --calls 1 --aht 1 --target-sl 80
	e_usage '--target-sl, --max-abandon, --max-occupancy and --max-blocking choose the agents: they cannot be used with --agents' \
		--calls 1 --aht 1 --agents 3 --max-occupancy 80
	# the spellings that are accepted
	run -0 ccroute erlang --calls 100 --aht 180 --target-sl 80% --max-occupancy 100 --model erlang-c
	assert_equal "$(get 1 agents)" 14
	# SL within 0 s is the share that does not wait: 1 - 0.1741 = 0.8259
	run -0 ccroute erlang --calls 100 --aht 180 --sl 0s --agents 14
	near "$(get 1 sl)" 0.8259
}

@test "usage errors: options, input and output" {
	e_usage "unrecognized option '--bogus'" --bogus
	e_usage "option '--aht' requires an argument" --calls 1 --aht
	e_usage "invalid --output-format 'html': csv, jsonl, table or markdown" --calls 1 --aht 1 --output-format html
	e_usage "invalid --input-format 'table': auto, csv or jsonl" --input-format table "$FC"
	e_usage "invalid --max-field-size '0': a whole number from 1 to 1073741824 is needed" --max-field-size 0 "$FC"
	e_usage '--reject needs FORECAST files' --calls 1 --aht 1 --reject /dev/null
	e_usage '--input-format and --max-field-size need FORECAST files' --calls 1 --aht 1 --input-format csv
}
