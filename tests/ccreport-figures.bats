#!/usr/bin/env bats
# ccreport: the figures.  Every expected value is worked out by hand in the
# comments, or computed by the independent model (tests/data/ccreport-model.py).

bats_require_minimum_version 1.5.0
setup() {
	load common
	FIG=$TEST_DATA/ccreport-figures.csv
	FIGJ=$TEST_DATA/ccreport-figures.jsonl
}

# ccreport-figures.csv (and the same records in ccreport-figures.jsonl):
#
#  id  queue    agent outcome      wait (s)               handle (s)
#  s01 sales    ann   answered     wait_s 5               handle_s 100
#  s02 sales    bob   answered     09:01:20 - 09:01:00=20  09:05:20 - 09:01:20 = 240
#  s03 sales    ann   answered     wait_s 20.1 (-> 21)     handle_s 60   (direction empty)
#  s04 sales    cid   resolved     wait_s 45               none
#  s05 sales    bob   transferred  wait_s 0.5 (-> 1)       handle_s 30.5
#  s06 sales    -     abandoned    09:10:04 - 09:10:00 = 4
#  s07 sales    -     abandoned    wait_s 12
#  s08 sales    -     abandoned    unknown
#  s09 sales    -     timeout      wait_s 300
#  s10 sales    -     overflow
#  s11 sales    -     voicemail    (other)
#  s12 sales    ann   answered     wait_s 2                handle_s 50   OUTBOUND
#  u01 support  dee   answered     wait_s 10               handle_s 50
#  u02 support  dee   answered     30.5 (-> 31)            10:03:00.5 - 10:01:30.5 = 90
#  u03 support  -     abandoned    wait_s 3
#  u04 support  -     abandoned    wait_s 5.0 (-> 5)
#  u05 support  -     abandoned    wait_s 5.2 (-> 6)
#  u06 support  dee   abandoned    wait_s 7                OUTBOUND
#  u07 support  eve   abandoned    answered_at 8 s after arrival: ANSWERED, no handle
#
# sales (inbound): offered 11 = answered 5 + abandoned 3 + timeout 1 + overflow 1 + other 1
#   abandon_rate 3/11 = 27.2727 -> 27.27
#   asa (5 + 20 + 20.1 + 45 + 0.5)/5 = 90.6/5 = 18.12
#   waits rounded up, sorted: 1 5 20 21 45; sl(20): 3 of 11 = 27.27
#   p50 rank ceil(2.5) = 3 -> 20; p90 rank ceil(4.5) = 5 -> 45; p95, p99 rank 5 -> 45; max 45
#   aht (100 + 240 + 60 + 30.5)/4 = 430.5/4 = 107.625 -> 107.63 (half away from zero)
# support (inbound): offered 6 = answered 3 (u01, u02, u07) + abandoned 3
#   abandon_rate 3/6 = 50.00; asa (10 + 30.5 + 8)/3 = 48.5/3 = 16.1666 -> 16.17
#   waits 8 10 31; sl 2 of 6 = 33.33; p50 rank 2 -> 10; p90 rank ceil(2.7) = 3 -> 31
#   aht (50 + 90)/2 = 70.00
# TOTAL: offered 17, answered 8, abandoned 6, timeout 1, overflow 1, other 1
#   abandon_rate 6/17 = 35.294 -> 35.29; asa 139.1/8 = 17.3875 -> 17.39; sl 5/17 = 29.41
#   waits 1 5 8 10 20 21 31 45: p50 rank 4 -> 10; p90 rank ceil(7.2) = 8 -> 45
#   aht (430.5 + 140)/6 = 95.083 -> 95.08
FIG_DEFAULT='queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,11,5,3,1,1,1,27.27,18.12,27.27,20,45,45,45,45,107.63
support,6,3,3,0,0,0,50.00,16.17,33.33,10,31,31,31,31,70.00
TOTAL,17,8,6,1,1,1,35.29,17.39,29.41,10,45,45,45,45,95.08'

# The sl column of a report on stdin (its 10th column with --by=queue).
sl_col() { cut -d, -f10 | tr '\n' ' '; }

@test "figures: the default report, worked out by hand" {
	run -0 --separate-stderr ccreport "$FIG"
	assert_output "$FIG_DEFAULT"
	assert_equal "$stderr" ''
}

@test "figures: the JSONL form of the records gives the same report" {
	# numbers as JSON numbers and as strings, nulls, empty strings, keys left out
	run -0 ccreport "$FIGJ"
	assert_output "$FIG_DEFAULT"
	run -0 ccreport --by=agent --short-abandon=5 --buckets=15,30 --direction=all "$FIGJ"
	local j=$output
	run -0 ccreport --by=agent --short-abandon=5 --buckets=15,30 --direction=all "$FIG"
	assert_output "$j"
}

@test "figures: one row with --by=, and one per hour with -i 1h" {
	run -0 ccreport --by= "$FIG"
	assert_output "$FIGS
17,8,6,1,1,1,35.29,17.39,29.41,10,45,45,45,45,95.08"
	# all sales records arrived 09:00-09:59, all support ones 10:00-10:59
	run -0 ccreport --by= -i 1h "$FIG"
	assert_output "interval,$FIGS
2026-03-02T09:00:00Z,11,5,3,1,1,1,27.27,18.12,27.27,20,45,45,45,45,107.63
2026-03-02T10:00:00Z,6,3,3,0,0,0,50.00,16.17,33.33,10,31,31,31,31,70.00
TOTAL,17,8,6,1,1,1,35.29,17.39,29.41,10,45,45,45,45,95.08"
}

@test "figures: grouped by agent, a missing agent first" {
	# none: s06-s11, u03-u05: 9 offered, abandoned 6, timeout, overflow, other: 6/9 = 66.67
	# ann: s01 (5 s, 100), s03 (20.1 s, 60): asa 25.1/2 = 12.55, waits 5 21, sl 1/2,
	#      p50 rank 1 -> 5, p90 rank 2 -> 21, aht 80.00
	# bob: s02 (20, 240), s05 (0.5, 30.5): asa 10.25, waits 1 20: sl 2/2, p50 1,
	#      p90 20, aht 270.5/2 = 135.25
	# cid: s04 (45, no handle); dee: u01 (10, 50), u02 (30.5, 90): asa 20.25,
	#      waits 10 31; eve: u07 (8, no handle)
	run -0 ccreport --by=agent "$FIG"
	assert_output "agent,$FIGS
,9,0,6,1,1,1,66.67,,0.00,,,,,,
ann,2,2,0,0,0,0,0.00,12.55,50.00,5,21,21,21,21,80.00
bob,2,2,0,0,0,0,0.00,10.25,100.00,1,20,20,20,20,135.25
cid,1,1,0,0,0,0,0.00,45.00,0.00,45,45,45,45,45,
dee,2,2,0,0,0,0,0.00,20.25,50.00,10,31,31,31,31,70.00
eve,1,1,0,0,0,0,0.00,8.00,100.00,8,8,8,8,8,
TOTAL,17,8,6,1,1,1,35.29,17.39,29.41,10,45,45,45,45,95.08"
}

@test "figures: --direction outbound and all" {
	# outbound: s12 (sales, answered 2 s, handle 50), u06 (support, abandoned)
	run -0 ccreport --direction=outbound "$FIG"
	assert_output "queue,$FIGS
sales,1,1,0,0,0,0,0.00,2.00,100.00,2,2,2,2,2,50.00
support,1,0,1,0,0,0,100.00,,0.00,,,,,,
TOTAL,2,1,1,0,0,0,50.00,2.00,50.00,2,2,2,2,2,50.00"
	# all: sales 12 offered, 6 answered (+s12): rate 3/12 = 25.00,
	#   asa 92.6/6 = 15.433 -> 15.43, waits 1 2 5 20 21 45: sl 4/12 = 33.33,
	#   p50 rank 3 -> 5, p90 rank ceil(5.4) = 6 -> 45, aht 480.5/5 = 96.10
	# support 7 offered, 3 answered, 4 abandoned: 4/7 = 57.14, sl 2/7 = 28.57
	# TOTAL 19 offered, 9 answered, 7 abandoned: 7/19 = 36.84, asa 141.1/9 = 15.68,
	#   sl 6/19 = 31.58, waits 1 2 5 8 10 20 21 31 45: p50 rank 5 -> 10, p90 rank 9 -> 45,
	#   aht 620.5/7 = 88.64
	run -0 ccreport --direction=all "$FIG"
	assert_output "queue,$FIGS
sales,12,6,3,1,1,1,25.00,15.43,33.33,5,45,45,45,45,96.10
support,7,3,4,0,0,0,57.14,16.17,28.57,10,31,31,31,31,70.00
TOTAL,19,9,7,1,1,1,36.84,15.68,31.58,10,45,45,45,45,88.64"
}

@test "figures: the service-level threshold, rounded-up waits meet it or not" {
	# waits (rounded up) sales 1 5 20 21 45, support 8 10 31
	# --sl 20: 20 (s02, exactly 20 s) meets, 21 (s03, 20.1 s) does not
	run -0 ccreport --sl=20 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 27.27 33.33 29.41 '
	# --sl 21: s03 meets too: 4/11 = 36.36, 2/6, 6/17 = 35.29
	run -0 ccreport --sl=21 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 36.36 33.33 35.29 '
	# --sl 10: sales 1 5 -> 2/11 = 18.18; support 8 10 -> 2/6 = 33.33; 4/17 = 23.53
	run -0 ccreport --sl=10 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 18.18 33.33 23.53 '
	# --sl 0: no wait rounds up to 0
	run -0 ccreport --sl=0 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 0.00 0.00 0.00 '
	# the threshold is in the JSONL meta record
	run -0 ccreport --sl=10 --output-format=jsonl "$FIG"
	assert_line --index 0 --partial '"sl_threshold_s":10,'
}

@test "figures: the service-level bases" {
	# met (sl 20): sales 3, support 2, total 5
	# answered:           3/5 = 60.00, 2/3 = 66.67, 5/8 = 62.50
	run -0 ccreport --sl-base=answered "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 60.00 66.67 62.50 '
	# answered+abandoned: 3/8 = 37.50, 2/6 = 33.33, 5/14 = 35.71
	run -0 ccreport --sl-base=answered+abandoned "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sl_col)" 'sl 37.50 33.33 35.71 '
	# offered (explicit): the default
	run -0 ccreport --sl-base=offered "$FIG"
	assert_output "$FIG_DEFAULT"
	# offered-short with --short-abandon 5: short = sales 1 (s06, 4 s; s08 has no
	# wait), support 2 (u03 3 s, u04 5.0 s; not u05, 5.2 -> 6 s):
	# 3/(11-1) = 30.00, 2/(6-2) = 50.00, 5/(17-3) = 35.71; sl is the 11th column now
	run -0 ccreport --sl-base=offered-short --short-abandon=5 "$FIG"
	assert_output "queue,offered,answered,abandoned,short_abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,11,5,3,1,1,1,1,27.27,18.12,30.00,20,45,45,45,45,107.63
support,6,3,3,2,0,0,0,50.00,16.17,50.00,10,31,31,31,31,70.00
TOTAL,17,8,6,3,1,1,1,35.29,17.39,35.71,10,45,45,45,45,95.08"
}

@test "figures: short abandons, rounded-up waits against the threshold" {
	# abandoned waits: sales 4 12 (s08 unknown), support 3 5 6 (5.0 and 5.2 s)
	local t want
	for t in 0:0,0,0 3:0,1,1 4:1,1,2 5:1,2,3 6:1,3,4 12:2,3,5 1000:2,3,5; do
		run -0 ccreport --short-abandon="${t%%:*}" "$FIG"
		want=${t#*:}
		assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f5 | paste -sd, -)" "$want"
		assert_line --index 0 --partial ',abandoned,short_abandoned,timeout,'
	done
	# sl with offered-short and nothing short: the offered base
	run -0 ccreport --sl-base=offered-short --short-abandon=0 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f11 | tr '\n' ' ')" 'sl 27.27 33.33 29.41 '
}

@test "figures: answer-time buckets with inclusive bounds" {
	# waits rounded up: sales 1 5 20 21 45, support 8 10 31
	run -0 ccreport --buckets=15,30 "$FIG"
	assert_line --index 0 "queue,$FIGS,ans_0_15,ans_16_30,ans_31_plus"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f17-)" '2,2,1
2,0,1
4,2,2'
	# 0..0, 1..1, 2..5, 6..20, 21+: sales 0,1,1,1,2; support 0,0,0,2,1
	run -0 ccreport --buckets=0,1,5,20 "$FIG"
	assert_line --index 0 "queue,$FIGS,ans_0_0,ans_1_1,ans_2_5,ans_6_20,ans_21_plus"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f17-)" '0,1,1,1,2
0,0,0,2,1
0,1,1,3,3'
	# one bucket; the buckets of a row add up to its answered count
	run -0 ccreport --buckets=100 "$FIG"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f3,17-)" '5,5,0
3,3,0
8,8,0'
}

@test "figures: nearest-rank percentiles (no floating-point slips)" {
	local d
	d=$(scratch)
	# waits 1..10 in scrambled order: p50 rank 5 -> 5, p90 rank 9 -> 9 (not 10:
	# 0.9 x 10 must count as exactly 9), p95 rank ceil(9.5) = 10, p99 rank 10
	mkcsv "$d/ten.csv" $(for w in 7 3 10 1 9 2 8 5 4 6; do printf 'x,voice,inbound,q,,answered,,,,%s, ' "$w"; done)
	run -0 ccreport --by= "$d/ten.csv"
	assert_output "$FIGS
10,10,0,0,0,0,0.00,5.50,100.00,5,9,10,10,10,"
	# 1..20: p50 rank 10, p90 rank 18, p95 rank 19, p99 rank ceil(19.8) = 20
	mkcsv "$d/twenty.csv" $(for w in $(seq 20 -1 1); do printf 'x,voice,inbound,q,,answered,,,,%s, ' "$w"; done)
	run -0 ccreport --by= "$d/twenty.csv"
	assert_output "$FIGS
20,20,0,0,0,0,0.00,10.50,100.00,10,18,19,20,20,"
	# 1..100: p50 50, p90 90, p95 95, p99 99, max 100; asa 5050/100 = 50.50; sl 20/100
	mkcsv "$d/hundred.csv" $(for w in $(seq 100); do printf 'x,voice,inbound,q,,answered,,,,%s, ' "$w"; done)
	run -0 ccreport --by= "$d/hundred.csv"
	assert_output "$FIGS
100,100,0,0,0,0,0.00,50.50,20.00,50,90,95,99,100,"
	# duplicates and a lone outlier: 0 x 6, 1, 2, 2, 3600:
	# p50 rank 5 -> 0, p90 rank 9 -> 2, p95/p99 rank 10 -> 3600; asa 3605/10 = 360.50
	mkcsv "$d/dup.csv" $(for w in 0 3600 0 0 2 0 1 0 2 0.0; do printf 'x,voice,inbound,q,,answered,,,,%s, ' "$w"; done)
	run -0 ccreport --by= "$d/dup.csv"
	assert_output "$FIGS
10,10,0,0,0,0,0.00,360.50,90.00,0,2,3600,3600,3600,"
}

@test "figures: waits are rounded up to whole seconds for sl, percentiles and buckets" {
	local d
	d=$(scratch)
	# 20.0 and 20 meet a 20 s target; 20.000001 and 20.5 do not (-> 21);
	# 0.000001 -> 1; 0 stays 0
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,,answered,,,,20.0,' \
		'2,voice,inbound,q,,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:20Z,,,' \
		'3,voice,inbound,q,,answered,,,,20.000001,' \
		'4,voice,inbound,q,,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:20.5Z,,,' \
		'5,voice,inbound,q,,answered,,,,0.000001,' \
		'6,voice,inbound,q,,answered,,,,0,'
	# sl 3/6 (20.0, 20, 0) + 0.000001 -> 1 also meets: 4/6 = 66.67
	# rounded up, sorted: 0 1 20 20 21 21; p50 rank 3 -> 20; p90 rank 6 -> 21
	# asa (20 + 20 + 20.000001 + 20.5 + 0.000001 + 0)/6 = 80.500002/6 = 13.4166 -> 13.42
	# buckets 0,1,20: 1, 1, 2, 2
	run -0 ccreport --by= --buckets=0,1,20 "$d/in.csv"
	assert_output "$FIGS,ans_0_0,ans_1_1,ans_2_20,ans_21_plus
6,6,0,0,0,0,0.00,13.42,66.67,20,21,21,21,21,,1,1,2,2"
}

@test "figures: rates and means are rounded half away from zero, exactly" {
	local d
	d=$(scratch)
	# asa of 0.125 s is 0.13 (not 0.12); of 2.675 s is 2.68 (2.675 as a double
	# is 2.67499...); a handle of 0.005 s averages to 0.01
	mkcsv "$d/a.csv" '1,voice,inbound,a,,answered,,,,0.125,0.005' \
		'2,voice,inbound,b,,answered,,,,2.675,1.115'
	run -0 ccreport --no-total "$d/a.csv"
	assert_output "queue,$FIGS
a,1,1,0,0,0,0,0.00,0.13,100.00,1,1,1,1,1,0.01
b,1,1,0,0,0,0,0.00,2.68,100.00,3,3,3,3,3,1.12"
	# abandon_rate 1 of 160 = 0.625 % -> 0.63; sl 159/160 = 99.375 -> 99.38
	{
		printf '%s\n' "$HEADER" '1,voice,inbound,q,,abandoned,,,,,'
		for i in $(seq 159); do printf '%s\n' "$i,voice,inbound,q,,answered,,,,1,"; done
	} >"$d/b.csv"
	run -0 ccreport --by= "$d/b.csv"
	assert_output "$FIGS
160,159,1,0,0,0,0.63,1.00,99.38,1,1,1,1,1,"
	# 2 of 3 = 66.666 -> 66.67; 1 of 3 = 33.333 -> 33.33; 1 of 8 = 12.50
	mkcsv "$d/c.csv" '1,voice,inbound,q,,abandoned,,,,,' '2,voice,inbound,q,,abandoned,,,,,' '3,voice,inbound,q,,answered,,,,30,'
	run -0 ccreport --by= "$d/c.csv"
	assert_output "$FIGS
3,1,2,0,0,0,66.67,30.00,0.00,30,30,30,30,30,"
}

@test "figures: waits of more than a day" {
	local d
	d=$(scratch)
	# 3, 86399, 86400, 86401 and 100000.5 (-> 100001) seconds
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,,answered,,,,86401,' '2,voice,inbound,q,,answered,,,,3,' \
		'3,voice,inbound,q,,answered,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,,,' \
		'4,voice,inbound,q,,answered,,,,100000.5,' '5,voice,inbound,q,,answered,,,,86399,'
	# p50 rank 3 -> 86400, p90 rank 5 -> 100001; asa 359203.5/5 = 71840.70;
	# sl 86400: 3/5 = 60.00; buckets 86400: 3 and 2
	run -0 ccreport --by= --sl=86400 --buckets=86400 "$d/in.csv"
	assert_output "$FIGS,ans_0_86400,ans_86401_plus
5,5,0,0,0,0,0.00,71840.70,60.00,86400,100001,100001,100001,100001,,3,2"
}

@test "figures: what counts as answered, abandoned, timeout, overflow, other" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,,ANSWERED,,,,1,' \
		'2,voice,inbound,q,,Resolved,,,,1,' \
		'3,voice,inbound,q,,TRANSFERRED,,,,1,' \
		'4,voice,inbound,q,,abandoned,2026-03-02T10:00:00Z,2026-03-02T10:00:01Z,,,' \
		'5,voice,inbound,q,,timeout,,2026-03-02T10:00:01Z,,1,' \
		'6,voice,inbound,q,,Abandoned,,,,,' \
		'7,voice,inbound,q,,TIMEOUT,,,,,' \
		'8,voice,inbound,q,,Overflow,,,,,' \
		'9,voice,inbound,q,,,,,,,' \
		'10,voice,inbound,q,,callback,,,,,' \
		'11,voice,inbound,q,,answered ,,,,,'
	# answered: 1-3 by outcome (any case), 4-5 by answered_at whatever the
	# outcome; abandoned 6, timeout 7, overflow 8; other: 9 (empty), 10, 11
	# (the outcome is compared whole: 'answered ' is not 'answered')
	run -0 ccreport --by= "$d/in.csv"
	assert_output "$FIGS
11,5,1,1,1,3,9.09,1.00,45.45,1,1,1,1,1,"
}

@test "figures: handle time from handle_s, else ended_at - answered_at; aht over those that have one" {
	local d
	d=$(scratch)
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,2026-03-02T10:01:10Z,,' \
		'2,voice,inbound,q,,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,2026-03-02T10:01:10Z,,30' \
		'3,voice,inbound,q,,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,,,' \
		'4,voice,inbound,q,,answered,,,2026-03-02T10:01:10Z,4,' \
		'5,voice,inbound,q,,abandoned,2026-03-02T10:00:00Z,,2026-03-02T10:01:10Z,,500'
	# handles: 1 -> 60 (ended - answered), 2 -> 30 (handle_s wins), 3 none
	# (no ended_at), 4 none (no answered_at), 5 not answered: aht (60 + 30)/2 = 45.00
	# waits 10 10 10 4: asa 34/4 = 8.50
	run -0 ccreport --by= "$d/in.csv"
	assert_output "$FIGS
5,4,1,0,0,0,20.00,8.50,80.00,10,10,10,10,10,45.00"
}

# ---------------------------------------------------------------- intervals

# ccreport-dst-berlin.csv: b1-b8 (all answered but b4), wait = 1..8 s, around
# the spring-forward in Europe/Berlin on 2026-03-29 (02:00 CET -> 03:00 CEST,
# at 01:00Z):
#  b1 03-28 22:59:59Z = 23:59:59+01   b5 03-29 01:00:00Z = 03:00:00+02
#  b2 03-28 23:00:00Z = 00:00:00+01   b6 03-29 01:10:00Z = 03:10:00+02
#  b3 03-29 00:30:00Z = 01:30:00+01   b7 03-29 21:59:59Z = 23:59:59+02
#  b4 03-29 00:59:59Z = 01:59:59+01   b8 03-29 22:00:00Z = 00:00:00+02 (03-30)
BERLIN=ccreport-dst-berlin.csv
NEWYORK=ccreport-dst-newyork.csv

# interval, offered, answered, abandoned, asa of a report on stdin
ival_cols() { cut -d, -f1-4,9; }

@test "intervals: hours in UTC" {
	run -0 ccreport --by= -i 1h "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-03-28T22:00:00Z,1,1,0,1.00
2026-03-28T23:00:00Z,1,1,0,2.00
2026-03-29T00:00:00Z,2,1,1,3.00
2026-03-29T01:00:00Z,2,2,0,5.50
2026-03-29T21:00:00Z,1,1,0,7.00
2026-03-29T22:00:00Z,1,1,0,8.00
TOTAL,8,7,1,4.57"
	# TOTAL asa (1+2+3+5+6+7+8)/7 = 32/7 = 4.571 -> 4.57
}

@test "intervals: hours across the spring-forward in Europe/Berlin" {
	run -0 ccreport --by= -i 1h --tz=Europe/Berlin "$TEST_DATA/$BERLIN"
	# no 02:00 hour; the hours on either side carry their own offsets
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-03-28T23:00:00+01:00,1,1,0,1.00
2026-03-29T00:00:00+01:00,1,1,0,2.00
2026-03-29T01:00:00+01:00,2,1,1,3.00
2026-03-29T03:00:00+02:00,2,2,0,5.50
2026-03-29T23:00:00+02:00,1,1,0,7.00
2026-03-30T00:00:00+02:00,1,1,0,8.00
TOTAL,8,7,1,4.57"
	# full rows for the two hours around the gap: b3 (3 s) + b4 (abandoned 4 s);
	# b5 (5 s) + b6 (6 s): asa 5.50, p50 rank 1 -> 5, p90 rank 2 -> 6
	assert_line --index 3 '2026-03-29T01:00:00+01:00,2,1,1,0,0,0,50.00,3.00,50.00,3,3,3,3,3,'
	assert_line --index 4 '2026-03-29T03:00:00+02:00,2,2,0,0,0,0,0.00,5.50,100.00,5,6,6,6,6,'
}

@test "intervals: half hours and quarter hours in Europe/Berlin" {
	run -0 ccreport --by= -i 30m --tz=Europe/Berlin --no-total "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-2 | tr '\n' ' ')" \
		'interval,offered 2026-03-28T23:30:00+01:00,1 2026-03-29T00:00:00+01:00,1 2026-03-29T01:30:00+01:00,2 2026-03-29T03:00:00+02:00,2 2026-03-29T23:30:00+02:00,1 2026-03-30T00:00:00+02:00,1 '
	run -0 ccreport --by= -i 15m --tz=Europe/Berlin --no-total "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-2 | tr '\n' ' ')" \
		'interval,offered 2026-03-28T23:45:00+01:00,1 2026-03-29T00:00:00+01:00,1 2026-03-29T01:30:00+01:00,1 2026-03-29T01:45:00+01:00,1 2026-03-29T03:00:00+02:00,2 2026-03-29T23:45:00+02:00,1 2026-03-30T00:00:00+02:00,1 '
}

@test "intervals: days and weeks in Europe/Berlin and in UTC" {
	# Berlin days: 03-28 (b1); 03-29, 23 hours long, from 03-28 23:00Z to
	# 03-29 22:00Z (b2-b7: 5 answered, waits 2 3 5 6 7: asa 23/5 = 4.60); 03-30 (b8)
	run -0 ccreport --by= -i 1d --tz=Europe/Berlin "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-03-28T00:00:00+01:00,1,1,0,1.00
2026-03-29T00:00:00+01:00,6,5,1,4.60
2026-03-30T00:00:00+02:00,1,1,0,8.00
TOTAL,8,7,1,4.57"
	# UTC days: b1 b2 on 03-28 (asa 1.50); b3-b8 on 03-29 (3 5 6 7 8: 29/5 = 5.80)
	run -0 ccreport --by= -i 1d "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-03-28T00:00:00Z,2,2,0,1.50
2026-03-29T00:00:00Z,6,5,1,5.80
TOTAL,8,7,1,4.57"
	# weeks start on Monday: 2026-03-23 (2026-03-02 is a Monday: 2026-01-01 is
	# a Thursday, and 03-02 is 60 days = 8 weeks + 4 days later); b8 is on
	# Monday 03-30 in Berlin, but still Sunday 03-29 in UTC
	run -0 ccreport --by= -i 1w --tz=Europe/Berlin "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-2 | tr '\n' ' ')" \
		'interval,offered 2026-03-23T00:00:00+01:00,7 2026-03-30T00:00:00+02:00,1 TOTAL,8 '
	run -0 ccreport --by= -i 1w "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-2 | tr '\n' ' ')" \
		'interval,offered 2026-03-23T00:00:00Z,8 TOTAL,8 '
}

# ccreport-dst-newyork.csv: n1-n8 (all answered but n6), wait = 1..8 s, around
# the fall-back in America/New_York on 2026-11-01 (02:00 EDT -> 01:00 EST, at
# 06:00Z), so 01:00-02:00 local happens twice:
#  n1 11-01 03:59:59Z = 10-31 23:59:59-04   n5 11-01 06:00:00Z = 01:00:00-05
#  n2 11-01 04:00:00Z = 00:00:00-04         n6 11-01 06:30:00Z = 01:30:00-05
#  n3 11-01 05:00:00Z = 01:00:00-04         n7 11-02 04:59:59Z = 11-01 23:59:59-05
#  n4 11-01 05:59:59Z = 01:59:59-04         n8 11-02 05:00:00Z = 11-02 00:00:00-05

@test "intervals: hours across the fall-back in America/New_York" {
	run -0 ccreport --by= -i 1h --tz=America/New_York "$TEST_DATA/$NEWYORK"
	# the repeated hour is two intervals, told apart by their offsets, in time order
	# TOTAL asa (1+2+3+4+5+7+8)/7 = 30/7 = 4.2857 -> 4.29
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-10-31T23:00:00-04:00,1,1,0,1.00
2026-11-01T00:00:00-04:00,1,1,0,2.00
2026-11-01T01:00:00-04:00,2,2,0,3.50
2026-11-01T01:00:00-05:00,2,1,1,5.00
2026-11-01T23:00:00-05:00,1,1,0,7.00
2026-11-02T00:00:00-05:00,1,1,0,8.00
TOTAL,8,7,1,4.29"
	run -0 ccreport --by= -i 30m --tz=America/New_York --no-total "$TEST_DATA/$NEWYORK"
	assert_equal "$(printf '%s\n' "$output" | sed -n 4,7p | cut -d, -f1-2 | tr '\n' ' ')" \
		'2026-11-01T01:00:00-04:00,1 2026-11-01T01:30:00-04:00,1 2026-11-01T01:00:00-05:00,1 2026-11-01T01:30:00-05:00,1 '
}

@test "intervals: the 25-hour day in America/New_York" {
	# 11-01 runs from 04:00Z to 11-02 05:00Z: n2-n7, answered 2 3 4 5 7: asa 21/5 = 4.20
	run -0 ccreport --by= -i 1d --tz=America/New_York "$TEST_DATA/$NEWYORK"
	assert_equal "$(printf '%s\n' "$output" | ival_cols)" "interval,offered,answered,abandoned,asa
2026-10-31T00:00:00-04:00,1,1,0,1.00
2026-11-01T00:00:00-04:00,6,5,1,4.20
2026-11-02T00:00:00-05:00,1,1,0,8.00
TOTAL,8,7,1,4.29"
}

@test "intervals: a half-hour zone, and the interval inside the groups" {
	# Asia/Kolkata is +05:30: b1 22:59:59Z = 04:29:59+05:30 -> hour 04:00+05:30
	run -0 ccreport --by= -i 1h --tz=Asia/Kolkata --no-total "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-2 | tr '\n' ' ')" \
		'interval,offered 2026-03-29T04:00:00+05:30,2 2026-03-29T06:00:00+05:30,4 2026-03-30T03:00:00+05:30,2 '
	# by queue, then interval: TOTAL leaves the interval empty
	run -0 ccreport -i 1d "$TEST_DATA/ccreport-figures.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4)" 'queue,interval,offered,answered
sales,2026-03-02T00:00:00Z,11,5
support,2026-03-02T00:00:00Z,6,3
TOTAL,,17,8'
}

@test "intervals: --tz UTC labels with Z; --tz is in the meta record" {
	run -0 ccreport --by= -i 1d --tz=UTC "$TEST_DATA/$BERLIN"
	assert_line --index 1 --partial '2026-03-28T00:00:00Z,2,'
	run -0 ccreport --by= -i 1h --tz=America/New_York --output-format=jsonl "$TEST_DATA/$NEWYORK"
	assert_line --index 0 --partial '"interval_s":3600,"tz":"America/New_York",'
	assert_line --index 1 --partial '{"interval":"2026-10-31T23:00:00-04:00","offered":1,'
	assert_line --index 7 --partial '{"interval":"TOTAL","offered":8,'
}

# ---------------------------------------------------------------- filters

# ccreport-filter.csv (each record counts once; f6 is outbound):
#  id channel dir  queue    agent  arrived_at                      tags
#  f1 voice   in   sales    alice  2026-03-01T23:59:59Z            vip
#  f2 Voice   in   sales    bob    2026-03-02T00:00:00Z            -
#  f3 CHAT    in   support  alice  2026-03-02T08:00:00Z            late;vip
#  f4 chat    -    support  carol  2026-03-02T12:00:00+02:00 = 10:00Z  late
#  f5 email   in   billing  bob    2026-03-03T00:00:00Z            vip
#  f6 voice   OUT  sales    alice  2026-03-02T09:00:00Z            vip
#  f7 voice   in   sales-eu dave   1772431200 = 2026-03-02T06:00:00Z  -
#  f8 sms     in   Sales    alice  2026-03-02T23:00:00Z            VIP
#  f9 -       in   support  -      2026-03-02T23:59:59.999Z        -
# (1772431200 = 20514 days x 86400 + 6 h: 2026-03-02 is day 56 x 365 + 14 + 59 + 1.)

# ids ARG...: the ids the filters ARG... keep, in order.
ids() {
	run -0 --separate-stderr ccreport --by=id --no-total "$@" "$TEST_DATA/ccreport-filter.csv"
	printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' '
}

@test "filters: none, then --queue and --agent (exact, lists)" {
	assert_equal "$(ids)" 'f1 f2 f3 f4 f5 f7 f8 f9 '
	assert_equal "$(ids --queue=sales)" 'f1 f2 '
	assert_equal "$(ids --queue=sales,billing)" 'f1 f2 f5 '
	assert_equal "$(ids --queue=Sales)" 'f8 '
	assert_equal "$(ids --queue=sale)" ''
	assert_equal "$(ids --agent=alice)" 'f1 f3 f8 '
	assert_equal "$(ids --agent=alice,dave)" 'f1 f3 f7 f8 '
	assert_equal "$(ids --queue=sales,support --agent=alice)" 'f1 f3 '
	# the direction filter applies first
	assert_equal "$(ids --direction=outbound --agent=alice)" 'f6 '
}

@test "filters: --channel ignores case" {
	assert_equal "$(ids --channel=voice)" 'f1 f2 f7 '
	assert_equal "$(ids --channel=VOICE)" 'f1 f2 f7 '
	assert_equal "$(ids --channel=CHAT,Sms)" 'f3 f4 f8 '
	assert_equal "$(ids --channel=chat --agent=alice)" 'f3 '
}

@test "filters: --since is inclusive, --until exclusive" {
	# a date is midnight UTC: 2026-03-02T00:00:00Z
	assert_equal "$(ids --since=2026-03-02)" 'f2 f3 f4 f5 f7 f8 f9 '
	assert_equal "$(ids --until=2026-03-02)" 'f1 '
	assert_equal "$(ids --since=2026-03-02 --until=2026-03-03)" 'f2 f3 f4 f7 f8 f9 '
	# RFC 3339 with an offset: 10:00+02:00 = 08:00Z keeps f3, drops f7 (06:00Z)
	assert_equal "$(ids --since=2026-03-02T10:00:00+02:00 --until=2026-03-03T00:00:00Z)" 'f3 f4 f8 f9 '
	# epoch seconds: 1772409600 = 2026-03-02T00:00:00Z; 1772496000 = 2026-03-03
	assert_equal "$(ids --since=1772409600 --until=1772496000)" 'f2 f3 f4 f7 f8 f9 '
	# fractions count: f9 arrived at 23:59:59.999
	assert_equal "$(ids --since=2026-03-02T23:59:59.999Z)" 'f5 f9 '
	assert_equal "$(ids --since=2026-03-02T23:59:59.9991Z)" 'f5 '
}

@test "filters: a --since/--until date is midnight in --tz" {
	# Berlin (+01:00 in March): 2026-03-02 starts at 2026-03-01T23:00Z, keeping
	# f1; 2026-03-03 at 2026-03-02T23:00Z, dropping f8 (23:00Z) and f9
	assert_equal "$(ids --tz=Europe/Berlin --since=2026-03-02 --until=2026-03-03)" 'f1 f2 f3 f4 f7 '
	# New York (-05:00): 2026-03-02 starts at 05:00Z
	assert_equal "$(ids --tz=America/New_York --since=2026-03-02)" 'f3 f4 f5 f7 f8 f9 '
	# the option order does not matter
	assert_equal "$(ids --since=2026-03-02 --tz=America/New_York)" 'f3 f4 f5 f7 f8 f9 '
	# a DST day: 2026-03-29 in Berlin is 23 hours, from 03-28 23:00Z to 03-29 22:00Z
	run -0 ccreport --by= --tz=Europe/Berlin --since=2026-03-29 --until=2026-03-30 "$TEST_DATA/$BERLIN"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1-3)" '6,5,1'
	# 2026-11-01 in New York is 25 hours, 04:00Z to 11-02 05:00Z: n2-n7
	run -0 ccreport --by= --tz=America/New_York --since=2026-11-01 --until=2026-11-02 "$TEST_DATA/$NEWYORK"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1-3)" '6,5,1'
}

@test "filters: a --since/--until date whose midnight the zone skips" {
	local d
	d=$(scratch)
	# America/Havana springs forward at midnight: 2026-03-08 00:00 CST (-05:00)
	# = 05:00Z becomes 01:00 CDT (-04:00).  That day begins at 05:00Z; 04:30Z is
	# still 2026-03-07 23:30 CST.
	mkcsv "$d/in.csv" \
		'h1,voice,inbound,q,,answered,2026-03-08T03:59:59Z,,,1,' \
		'h2,voice,inbound,q,,answered,2026-03-08T04:30:00Z,,,2,' \
		'h3,voice,inbound,q,,answered,2026-03-08T05:00:00Z,,,3,' \
		'h4,voice,inbound,q,,answered,2026-03-08T05:30:00Z,,,4,'
	run -0 ccreport --by=id --no-total -i 1d --tz=America/Havana "$d/in.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1-2 | tr '\n' ' ')" \
		'h1,2026-03-07T00:00:00-05:00 h2,2026-03-07T00:00:00-05:00 h3,2026-03-08T01:00:00-04:00 h4,2026-03-08T01:00:00-04:00 '
	# --since and --until draw the same line as the 1d interval
	run -0 ccreport --by=id --no-total --tz=America/Havana --since=2026-03-08 "$d/in.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" 'h3 h4 '
	run -0 ccreport --by=id --no-total --tz=America/Havana --until=2026-03-08 "$d/in.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" 'h1 h2 '
}

@test "filters: --where FIELD~REGEX and FIELD!~REGEX, repeated = and" {
	assert_equal "$(ids --where='queue~^sales')" 'f1 f2 f7 '
	assert_equal "$(ids --where='queue!~^s')" 'f5 f8 '
	assert_equal "$(ids --where='tags~(^|;)vip($|;)')" 'f1 f3 f5 '
	assert_equal "$(ids --where='tags~(?i)vip')" 'f1 f3 f5 f8 '
	assert_equal "$(ids --where='agent~^(alice|bob)$' --where='channel!~(?i)^voice$')" 'f3 f5 f8 '
	# a match anywhere in the value
	assert_equal "$(ids --where='id~[2-4]')" 'f2 f3 f4 '
	# with the other filters
	assert_equal "$(ids --where='tags~vip' --queue=support)" 'f3 '
	# PCRE2 with UTF: one character class matches a multi-byte character
	local d
	d=$(scratch)
	mkcsv "$d/u.csv" '1,voice,inbound,café,,answered,,,,1,' '2,voice,inbound,cafe,,answered,,,,1,'
	run -0 ccreport --by=id --no-total --where='queue~^caf.$' --where='queue~\w$' "$d/u.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" '1 2 '
	run -0 ccreport --by=id --no-total --where='queue~^caf[^e]$' "$d/u.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1)" '1'
}

@test "filters: --where matches a null, empty or missing value as the empty string" {
	local d
	d=$(scratch)
	# 1 has an agent; 2 a null one; 3 none at all; 4 an empty string
	printf '%s\n' '{"id":"1","agent":"ann","outcome":"answered","wait_s":1}' \
		'{"id":"2","agent":null,"outcome":"answered","wait_s":1}' \
		'{"id":"3","outcome":"answered","wait_s":1}' \
		'{"id":"4","agent":"","outcome":"answered","wait_s":1}' >"$d/in.jsonl"
	run -0 ccreport --by=id --no-total --where='agent~^$' "$d/in.jsonl"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" '2 3 4 '
	run -0 ccreport --by=id --no-total --where='agent!~^$' "$d/in.jsonl"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" '1 '
	# in CSV: an empty field (f9 has no channel and no agent)
	assert_equal "$(ids --where='channel~^$')" 'f9 '
	assert_equal "$(ids --where='agent!~.')" 'f9 '
}

@test "filters: the figures of what is kept" {
	# --queue=support: f3 (abandoned), f4, f9 (answered 10 s): rate 1/3 = 33.33,
	# asa 10.00, sl 2/3 = 66.67
	run -0 ccreport --by= --queue=support "$TEST_DATA/ccreport-filter.csv"
	assert_output "$FIGS
3,2,1,0,0,0,33.33,10.00,66.67,10,10,10,10,10,"
	# nothing kept: zeros
	run -0 ccreport --by= --queue=none "$TEST_DATA/ccreport-filter.csv"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
}

# ---------------------------------------------------------------- generated data

# 2500 generated records (seed 42, 2026-03-27 to 04-01, across the Berlin
# spring-forward) as CSV and JSONL, and 2000 (seed 43, around the New York
# fall-back), made once per run of this file.
gen_data() {
	G=$BATS_FILE_TMPDIR
	[ -f "$G/g.jsonl" ] && return 0
	gen --seed 42 --rows 2500 --csv "$G/g.csv" --jsonl "$G/g.jsonl"
	gen --seed 43 --rows 2000 --start 2026-10-30T00:00:00Z --days 4 --csv "$G/n.csv" --jsonl "$G/n.jsonl"
}

# same_as_model ARG...: ccreport and the model agree on ARG... (whole CSV).
same_as_model() {
	run -0 --separate-stderr ccreport "$@"
	assert_equal "$stderr" ''
	local got=$output
	run -0 model "$@"
	assert_equal "$got" "$output"
	[ "$(printf '%s\n' "$got" | wc -l)" -ge 2 ]
}

@test "generated: the default report equals the model, CSV and JSONL" {
	gen_data
	same_as_model "$G/g.csv"
	same_as_model "$G/g.jsonl"
	same_as_model --by= "$G/g.csv" "$G/g.jsonl"
}

@test "generated: every option that changes a figure, against the model" {
	gen_data
	same_as_model --by=queue,channel -i 1h --tz=Europe/Berlin --sl=30 --sl-base=answered+abandoned \
		--short-abandon=5 --buckets=10,20,60 "$G/g.csv"
	same_as_model --by=agent -i 1d --tz=America/New_York --direction=all --sl-base=offered-short \
		--short-abandon=10 "$G/g.jsonl"
	same_as_model --by=agent,queue -i 15m --sl=0 --sl-base=answered --no-total "$G/g.csv"
	same_as_model --by= -i 1w --tz=Europe/Berlin --direction=outbound "$G/g.csv"
	same_as_model --by=channel --since=2026-03-29 --until=2026-03-31T12:00:00+02:00 --tz=Europe/Berlin "$G/g.csv"
	same_as_model --by=queue --queue=sales,billing --agent=a01,a02,a03 --channel=voice,chat "$G/g.jsonl"
	same_as_model --by=direction --direction=all --buckets=0,1,2,300,86400 "$G/g.csv"
}

@test "generated: intervals around the New York fall-back, against the model" {
	gen_data
	same_as_model --by= -i 30m --tz=America/New_York "$G/n.csv"
	same_as_model --by=queue -i 1h --tz=America/New_York --buckets=0,1,2,300 "$G/n.jsonl"
	same_as_model --by=outcome -i 1d --tz=America/New_York --direction=all "$G/n.csv"
	same_as_model --by= -i 15m --tz=Asia/Kathmandu "$G/n.csv"
}

@test "generated: JSONL output carries the same figures as CSV output" {
	gen_data
	run -0 ccreport --by=queue -i 1d "$G/g.csv"
	local csv=$output
	run -0 ccreport --by=queue -i 1d --output-format=jsonl "$G/g.csv"
	# turn the JSONL rows back into CSV (nulls as empty cells) and compare
	run -0 python3 -c 'import csv, json, sys
rows = [json.loads(l) for l in sys.stdin][1:]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(list(rows[0].keys()))
for r in rows:
    w.writerow(["" if v is None else ("%.2f" % v if isinstance(v, float) else v) for v in r.values()])' <<<"$output"
	assert_equal "$output" "$csv"
}
