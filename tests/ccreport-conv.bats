#!/usr/bin/env bats
# ccreport --report conversations: records sharing a conversation_id cut into
# conversations by --reopen-window.  Every expected figure is worked out by
# hand in the comments, or computed by the independent model
# tests/data/conv-model.py (which walks each id's records in arrival order,
# from the definitions in ccreport(1), CONVERSATIONS) on records written by
# tests/data/conv-gen.py.

bats_require_minimum_version 1.5.0
setup() {
	load common
	SMALL=$TEST_DATA/conv-small.csv
	SMALLJ=$TEST_DATA/conv-small.jsonl
	SRC=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}
}

# convm ARG...: the model (CSV on stdout).
convm() { python3 "$TEST_DATA/conv-model.py" "$@"; }

# convgen ARG...: the generator.
convgen() { python3 "$TEST_DATA/conv-gen.py" "$@"; }

# conv ARG...: ccreport --report conversations ARG...
conv() { ccreport --report conversations "$@"; }

CONVFIGS='conversations,records,without_id,reopened,reopens,reopen_rate,answered,frt,frt_p50,frt_p90,frt_max,duration'

# tests/data/conv-small.csv (records in no order; conv-small.jsonl holds the
# same records, reordered, with other timestamp forms), all on 2026-03-02 UTC,
# times hh:mm[:ss] as arrived - answered - ended:
#
#  id  A (support, chat)                         conversation_id
#  m01 09:00  09:00:40  09:10  resolved           A
#  m12 09:20  09:20     09:21  answered  OUTBOUND A   (agent's message)
#  m07 09:30  09:31     09:40  resolved           A   20 min after 09:10: reopen
#  m08 11:00  11:02     11:05  resolved           A   80 min after 09:40
#  B (billing, sms)
#  m02 09:50  -         09:55  abandoned          B
#  m03 10:20  10:25:30  10:40  resolved           B   25 min after 09:55: reopen
#  C (support, chat): overlapping
#  m04 10:00  10:00:10  10:30  resolved           C
#  m05 10:10  10:10:05  10:20  transferred        C   inside m04: continues
#  m06 10:30  -         10:31  abandoned          C   at m04's end: continues
#  D (support, social): no ended_at, so always open
#  m09 12:00  -         -      (none)             D
#  m10 12:30  12:45     -      answered           D   after 12:00, open: continues
#  m11 14:00  -         -      (none)             D   75 min after 12:45
#  E: two records at the same instant
#  m13 13:00  13:00:20  13:05  resolved  billing, agent cid   E
#  m14 13:00  13:01     13:20  resolved  support, agent ann   E
#  1001 (support, chat)
#  m15 15:00  15:00:05  15:10  resolved           1001
#  m16 16:10  16:11     16:15  resolved           1001 exactly 60 min after 15:10
#  G (billing, sms)
#  m17 11:30  -         11:32  abandoned          G
#  no conversation_id: conversations of their own
#  m18 09:15  09:15:12  09:20  resolved  support, chat      (empty field)
#  m19 10:05  -         10:06  abandoned billing, sms       ("" in CSV, "" in JSONL)
#
# Default window 24 h (outbound m12 left out):
#  A: 1 conversation, 3 records, 2 reopens (m07, m08); frt 09:00:40-09:00 = 40;
#     duration 11:05-09:00 = 7500
#  B: 2 records, 1 reopen; frt 10:25:30-09:50 = 2130; duration 10:40-09:50 = 3000
#  C: 3 records, 0 reopens; frt 10; duration 10:31-10:00 = 1860
#  D: 3 records, 0 reopens (open); frt 12:45-12:00 = 2700; duration 14:00-12:00 = 7200
#  E: first record of the tie: --by queue values billing < support: billing;
#     2 records; frt 20; duration 13:20-13:00 = 1200
#  1001: 2 records, 1 reopen; frt 5; duration 16:15-15:00 = 4500
#  G: 1 record, unanswered, duration 120;  m18: frt 12, duration 300;
#  m19: unanswered, duration 60
# billing: B E G m19 = 4 conversations, 2+2+1+1 = 6 records, 1 without id,
#   reopened 1 (B), reopens 1, rate 1/4 = 25.00, answered 2 (B, E)
#   frt (2130+20)/2 = 1075.00; sorted 20 2130: p50 rank 1 = 20, p90 rank 2 = 2130
#   duration (3000+1200+120+60)/4 = 4380/4 = 1095.00
# support: A C D 1001 m18 = 5, records 3+3+3+2+1 = 12, without id 1,
#   reopened 2 (A, 1001), reopens 3, rate 40.00, answered 5
#   frt 40 10 2700 5 12: 2767/5 = 553.40; sorted 5 10 12 40 2700: p50 rank 3 = 12,
#   p90 rank 5 = 2700; duration (7500+1860+7200+4500+300)/5 = 21360/5 = 4272.00
# TOTAL: 9, 18, 2, reopened 3, reopens 4, 3/9 = 33.33, answered 7
#   frt 4917/7 = 702.428 -> 702.43; sorted 5 10 12 20 40 2130 2700: p50 rank 4 = 20,
#   p90 rank ceil(6.3) = 7 = 2700; duration 25740/9 = 2860.00
SMALL_DEFAULT="queue,$CONVFIGS
billing,4,6,1,1,1,25.00,2,1075.00,20,2130,2130,1095.00
support,5,12,1,2,3,40.00,5,553.40,12,2700,2700,4272.00
TOTAL,9,18,2,3,4,33.33,7,702.43,20,2700,2700,2860.00"

# --reopen-window 1h: A's m08 comes 80 min after 09:40 and D's m11 75 min after
# 12:45: both start new conversations; 1001's m16 is exactly 60 min after
# 15:10 and still reopens; B unchanged (25 min).
#  A  = m01 m07: 2 records, 1 reopen, frt 40, duration 09:40-09:00 = 2400
#  A' = m08: frt 11:02-11:00 = 120, duration 300
#  D  = m09 m10: frt 2700, duration 12:45-12:00 = 2700;  D' = m11: unanswered, 0
# billing as before.
# support: A A' C D D' 1001 m18 = 7, records 2+1+3+2+1+2+1 = 12, reopened 2,
#   reopens 2, 2/7 = 28.571 -> 28.57, answered 6 (not D')
#   frt 40 120 10 2700 5 12: 2887/6 = 481.166 -> 481.17; sorted 5 10 12 40 120 2700:
#   p50 rank 3 = 12, p90 rank ceil(5.4) = 6 = 2700
#   duration (2400+300+1860+2700+0+4500+300)/7 = 12060/7 = 1722.857 -> 1722.86
# TOTAL: 11, 18, 2, 3, 3, 3/11 = 27.27, answered 8;
#   frt (2887+2150)/8 = 5037/8 = 629.625 -> 629.63 (half away from zero);
#   sorted 5 10 12 20 40 120 2130 2700: p50 rank 4 = 20, p90 rank 8 = 2700
#   duration (4380+12060)/11 = 16440/11 = 1494.545 -> 1494.55
SMALL_1H="queue,$CONVFIGS
billing,4,6,1,1,1,25.00,2,1075.00,20,2130,2130,1095.00
support,7,12,1,2,2,28.57,6,481.17,12,2700,2700,1722.86
TOTAL,11,18,2,3,3,27.27,8,629.63,20,2700,2700,1494.55"

@test "conversations: the small fixture with the default 24 h window, by hand" {
	run -0 --separate-stderr conv "$SMALL"
	assert_output "$SMALL_DEFAULT"
	assert_equal "$stderr" ''
}

@test "conversations: a return outside the window is a new conversation; exactly the window reopens" {
	run -0 conv --reopen-window 1h "$SMALL"
	assert_output "$SMALL_1H"
	run -0 conv --reopen-window=60m "$SMALL"
	assert_output "$SMALL_1H"
	# One second less: 1001's m16 (60 min after) starts a conversation too.
	# support: A A' C D D' 1001 1001' m18 = 8, reopened 1 (A), 1/8 = 12.50,
	#   answered 7; frt 40 120 10 2700 5 60 12 = 2947/7 = 421.00;
	#   sorted 5 10 12 40 60 120 2700: p50 rank 4 = 40, p90 rank 7 = 2700
	#   duration 2400+300+1860+2700+0+600+300+300 = 8460/8 = 1057.50
	# TOTAL: 12, reopened 2, reopens 2, 2/12 = 16.67, answered 9,
	#   frt (2947+2150)/9 = 566.33; sorted ... 20 40 60 ...: p50 rank 5 = 40
	#   duration (8460+4380)/12 = 1070.00
	run -0 conv --reopen-window 3599 "$SMALL"
	assert_output "queue,$CONVFIGS
billing,4,6,1,1,1,25.00,2,1075.00,20,2130,2130,1095.00
support,8,12,1,1,1,12.50,7,421.00,40,2700,2700,1057.50
TOTAL,12,18,2,2,2,16.67,9,566.33,40,2700,2700,1070.00"
	# A window of a week changes nothing here (the longest gap is 80 min).
	run -0 conv --reopen-window 1w "$SMALL"
	assert_output "$SMALL_DEFAULT"
}

@test "conversations: the JSON Lines form of the fixture gives the same reports" {
	# numbers as epoch seconds and JSON numbers (conversation_id 1001), offsets,
	# nulls, keys left out, "" as conversation_id
	local o
	for o in "" "--reopen-window 1h" "--by agent" "--by channel,queue -i 1h" "--direction all"; do
		# shellcheck disable=SC2086
		run -0 conv $o "$SMALL"
		local want=$output
		# shellcheck disable=SC2086
		run -0 conv $o "$SMALLJ"
		assert_output "$want"
	done
	run -0 conv "$SMALLJ"
	assert_output "$SMALL_DEFAULT"
}

@test "conversations: the order of the records does not matter" {
	local d
	d=$(scratch)
	{ head -n 1 "$SMALL"; tail -n +2 "$SMALL" | tac; } >"$d/rev.csv"
	{ head -n 1 "$SMALL"; tail -n +2 "$SMALL" | sort -t, -k7,7; } >"$d/sorted.csv"
	{ head -n 1 "$SMALL"; tail -n +2 "$SMALL" | sort -t, -k7,7r; } >"$d/backwards.csv"
	local f
	for f in rev sorted backwards; do
		run -0 conv "$d/$f.csv"
		assert_output "$SMALL_DEFAULT"
		run -0 conv --reopen-window 1h "$d/$f.csv"
		assert_output "$SMALL_1H"
	done
	# A thread split over two inputs (even of two formats) is one thread.
	{ head -n 1 "$SMALL"; tail -n +2 "$SMALL" | sed -n '1~2p'; } >"$d/odd.csv"
	{ head -n 1 "$SMALL"; tail -n +2 "$SMALL" | sed -n '2~2p'; } >"$d/even.csv"
	run -0 conv "$d/even.csv" "$d/odd.csv"
	assert_output "$SMALL_DEFAULT"
	run -0 conv "$d/odd.csv" "$SMALLJ" --direction outbound
	# only m12 is outbound, in both inputs: A's outbound record twice, one
	# conversation (the two overlap), 2 records, frt 0, duration 60
	assert_output "queue,$CONVFIGS
support,1,2,0,0,0,0.00,1,0.00,0,0,0,60.00
TOTAL,1,2,0,0,0,0.00,1,0.00,0,0,0,60.00"
}

@test "conversations: by agent and channel; a tie at the first arrival goes to the --by values that sort first" {
	# E's m13 (agent cid) and m14 (agent ann) both arrived at 13:00: E goes to ann.
	# agents of the first records: A ann, B null, C bob, D null, E ann,
	# 1001 bob, G null, m18 ann, m19 null
	# null: B D G m19 = 4, records 2+3+1+1 = 7, without id 1, reopened 1 (B), 1,
	#   25.00, answered 2; frt 2130 2700 = 2415.00, p50 rank 1 = 2130, p90 = 2700;
	#   duration (3000+7200+120+60)/4 = 2595.00
	# ann: A E m18 = 3, records 3+2+1 = 6, without id 1, reopened 1, reopens 2,
	#   33.33, answered 3; frt 40 20 12 = 72/3 = 24.00, p50 rank 2 = 20, p90 rank 3 = 40
	#   duration (7500+1200+300)/3 = 3000.00
	# bob: C 1001 = 2, records 5, reopened 1, 1, 50.00, answered 2; frt 10 5 = 7.50,
	#   p50 rank 1 = 5, p90 rank 2 = 10; duration (1860+4500)/2 = 3180.00
	run -0 conv --by agent "$SMALL"
	assert_output "agent,$CONVFIGS
,4,7,1,1,1,25.00,2,2415.00,2130,2700,2700,2595.00
ann,3,6,1,1,2,33.33,3,24.00,20,40,40,3000.00
bob,2,5,0,1,1,50.00,2,7.50,5,10,10,3180.00
TOTAL,9,18,2,3,4,33.33,7,702.43,20,2700,2700,2860.00"
	# chat: A C E 1001 m18 = 5, records 3+3+2+2+1 = 11, 1, reopened 2, reopens 3,
	#   40.00, answered 5; frt 40 10 20 5 12 = 87/5 = 17.40, sorted 5 10 12 20 40:
	#   p50 12, p90 40; duration (7500+1860+1200+4500+300)/5 = 3072.00
	# sms: B G m19 = 3, records 4, 1, 1, 1, 33.33, answered 1, frt 2130;
	#   duration (3000+120+60)/3 = 1060.00
	# social: D = 1, 3 records, frt 2700, duration 7200
	run -0 conv --by channel "$SMALL"
	assert_output "channel,$CONVFIGS
chat,5,11,1,2,3,40.00,5,17.40,12,40,40,3072.00
sms,3,4,1,1,1,33.33,1,2130.00,2130,2130,2130,1060.00
social,1,3,0,0,0,0.00,1,2700.00,2700,2700,2700,7200.00
TOTAL,9,18,2,3,4,33.33,7,702.43,20,2700,2700,2860.00"
	# Two columns: E under billing/chat (billing < support), never support/chat.
	run -0 conv --by queue,channel --no-total "$SMALL"
	assert_line --index 1 'billing,chat,1,2,0,0,0,0.00,1,20.00,20,20,20,1200.00'
	assert_line --index 2 'billing,sms,3,4,1,1,1,33.33,1,2130.00,2130,2130,2130,1060.00'
	assert_line --index 3 'support,chat,4,9,1,2,3,50.00,4,16.75,10,40,40,3540.00'
	assert_line --index 4 'support,social,1,3,0,0,0,0.00,1,2700.00,2700,2700,2700,7200.00'
	# support,chat: A C 1001 m18: frt 40 10 5 12 = 67/4 = 16.75; sorted 5 10 12 40:
	#   p50 rank 2 = 10; duration (7500+1860+4500+300)/4 = 14160/4 = 3540.00
	[ "${#lines[@]}" -eq 5 ]
}

@test "conversations: a conversation counts in the interval of its first arrival" {
	# B arrives 09:50 and ends 10:40: it is in the 09:00 row with both records.
	# support 09:00: A and m18: records 3+1, reopens 2; frt 40 12 = 26.00,
	#   p50 rank 1 = 12, p90 rank 2 = 40; duration (7500+300)/2 = 3900.00
	run -0 conv -i 1h "$SMALL"
	assert_output "queue,interval,$CONVFIGS
billing,2026-03-02T09:00:00Z,1,2,0,1,1,100.00,1,2130.00,2130,2130,2130,3000.00
billing,2026-03-02T10:00:00Z,1,1,1,0,0,0.00,0,,,,,60.00
billing,2026-03-02T11:00:00Z,1,1,0,0,0,0.00,0,,,,,120.00
billing,2026-03-02T13:00:00Z,1,2,0,0,0,0.00,1,20.00,20,20,20,1200.00
support,2026-03-02T09:00:00Z,2,4,1,1,2,50.00,2,26.00,12,40,40,3900.00
support,2026-03-02T10:00:00Z,1,3,0,0,0,0.00,1,10.00,10,10,10,1860.00
support,2026-03-02T12:00:00Z,1,3,0,0,0,0.00,1,2700.00,2700,2700,2700,7200.00
support,2026-03-02T15:00:00Z,1,2,0,1,1,100.00,1,5.00,5,5,5,4500.00
TOTAL,,9,18,2,3,4,33.33,7,702.43,20,2700,2700,2860.00"
	# In Berlin every record is on 2 March (10:00 to 17:15 local).
	run -0 conv --tz Europe/Berlin -i 1d --no-total "$SMALL"
	assert_output "queue,interval,$CONVFIGS
billing,2026-03-02T00:00:00+01:00,4,6,1,1,1,25.00,2,1075.00,20,2130,2130,1095.00
support,2026-03-02T00:00:00+01:00,5,12,1,2,3,40.00,5,553.40,12,2700,2700,4272.00"
	run -0 conv --by= "$SMALL"
	assert_output "$CONVFIGS
9,18,2,3,4,33.33,7,702.43,20,2700,2700,2860.00"
}

@test "conversations: directions and filters apply to records before they are grouped" {
	# --direction all adds m12 (09:20-09:21) to A: it reopens A 10 min after
	# 09:10, and m07 then reopens it 9 min after 09:21: A has 4 records and
	# 3 reopens; its frt (09:00:40) and duration stay.
	run -0 conv --direction all "$SMALL"
	assert_output "queue,$CONVFIGS
billing,4,6,1,1,1,25.00,2,1075.00,20,2130,2130,1095.00
support,5,13,1,2,4,40.00,5,553.40,12,2700,2700,4272.00
TOTAL,9,19,2,3,5,33.33,7,702.43,20,2700,2700,2860.00"
	# --since 10:00 leaves out m01 m07 m02 m18 (and m12, outbound):
	#  A = m08 alone: frt 120, duration 300;  B = m03 alone: frt 10:25:30-10:20 = 330,
	#  duration 10:40-10:20 = 1200
	# billing: B E G m19 = 4, records 1+2+1+1 = 5, 1, 0, 0, 0.00, answered 2;
	#   frt 330 20 = 175.00; duration (1200+1200+120+60)/4 = 645.00
	# support: A C D 1001 = 4, records 1+3+3+2 = 9, 0, 1, 1, 25.00, answered 4;
	#   frt 120 10 2700 5 = 2835/4 = 708.75; sorted 5 10 120 2700: p50 rank 2 = 10
	#   duration (300+1860+7200+4500)/4 = 3465.00
	# TOTAL: 8, 14, 1, 1, 1, 12.50, 6; frt 3185/6 = 530.83; sorted 5 10 20 120 330 2700:
	#   p50 rank 3 = 20, p90 rank 6 = 2700; duration 16440/8 = 2055.00
	run -0 conv --since 2026-03-02T10:00:00Z "$SMALL"
	assert_output "queue,$CONVFIGS
billing,4,5,1,0,0,0.00,2,175.00,20,330,330,645.00
support,4,9,0,1,1,25.00,4,708.75,10,2700,2700,3465.00
TOTAL,8,14,1,1,1,12.50,6,530.83,20,2700,2700,2055.00"
	# Only queue billing: E is its own (m13 only): frt 20, duration 300.
	run -0 conv --queue billing --no-total "$SMALL"
	assert_output "queue,$CONVFIGS
billing,4,5,1,1,1,25.00,2,1075.00,20,2130,2130,870.00"
	# records 2+1+1+1 = 5; duration (3000+300+120+60)/4 = 3480/4 = 870.00
}

@test "conversations: answered by the outcome only, no timestamps to answer" {
	local d
	d=$(scratch)
	printf '%s\n' 'conversation_id,queue,arrived_at,answered_at,ended_at,outcome,wait_s' \
		'x,q,2026-03-02T10:00:00Z,,,resolved,12' \
		'x,q,2026-03-02T10:00:30.5Z,,2026-03-02T10:05:00.25Z,abandoned,' \
		'y,q,1772445600,,,,' >"$d/o.csv"
	# x: answered (outcome resolved), no answered_at: no frt; its first record
	#   has no end (its last moment is its arrival) and the second arrives 30.5 s
	#   later: open, it continues; duration 10:05:00.25-10:00 = 300.25
	# y: 10:00, no answer, duration 0
	# frt columns null; duration (300.25+0)/2 = 150.125 -> 150.13
	run -0 conv --by= "$d/o.csv"
	assert_output "$CONVFIGS
2,3,0,0,0,0.00,1,,,,,150.13"
}

@test "conversations: output formats table, markdown and jsonl" {
	run -0 conv --output-format jsonl --reopen-window 90m -i 1d "$SMALL"
	assert_line --index 0 --partial '{"_meta":"ccreport","version":"'
	assert_line --index 0 --partial '"report":"conversations","direction":"inbound","reopen_window_s":5400,"interval_s":86400,"tz":"UTC","definitions":"ccreport '
	assert_line --index 0 --partial 'more than 5400 s after the latest moment'
	assert_line --index 1 '{"queue":"billing","interval":"2026-03-02T00:00:00Z","conversations":4,"records":6,"without_id":1,"reopened":1,"reopens":1,"reopen_rate":25.00,"answered":2,"frt":1075.00,"frt_p50":20,"frt_p90":2130,"frt_max":2130,"duration":1095.00}'
	assert_line --index 3 '{"queue":"TOTAL","interval":null,"conversations":9,"records":18,"without_id":2,"reopened":3,"reopens":4,"reopen_rate":33.33,"answered":7,"frt":702.43,"frt_p50":20,"frt_p90":2700,"frt_max":2700,"duration":2860.00}'
	[ "${#lines[@]}" -eq 4 ]
	# A fractional window is written as it is.
	run -0 conv --output-format jsonl --reopen-window 1.5s --by= "$SMALL"
	assert_line --index 0 --partial '"reopen_window_s":1.5,"interval_s":null,'
	run -0 conv --output-format table -i 1h --by= "$SMALL"
	assert_line --index 0 --partial '# ccreport '
	assert_line --index 0 --partial 'conversations of inbound interactions'
	assert_line --index 1 'interval              conversations  records  without_id  reopened  reopens  reopen_rate  answered      frt  frt_p50  frt_p90  frt_max  duration'
	# 10:00: C and m19: frt 10, durations (1860+60)/2 = 960.00
	assert_line --index 3 '2026-03-02T10:00:00Z              2        4           1         0        0         0.00         1    10.00       10       10       10    960.00'
	# 11:00: G alone (A's m08 is in A, which started at 09:00): nulls as -
	assert_line --index 4 '2026-03-02T11:00:00Z              1        1           0         0        0         0.00         0        -        -        -        -    120.00'
	run -0 conv --output-format markdown --no-total "$SMALL"
	assert_line --index 0 --partial '> ccreport '
	assert_line --index 1 '| queue | conversations | records | without_id | reopened | reopens | reopen_rate | answered | frt | frt_p50 | frt_p90 | frt_max | duration |'
	assert_line --index 2 '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
	assert_line --index 3 '| billing | 4 | 6 | 1 | 1 | 1 | 25.00 | 2 | 1075.00 | 20 | 2130 | 2130 | 1095.00 |'
}

@test "conversations: no records" {
	local d
	d=$(scratch)
	: >"$d/empty.csv"
	printf '%s\n' 'id,queue,conversation_id,arrived_at' >"$d/head.csv"
	local f
	for f in empty head; do
		run -0 conv "$d/$f.csv"
		assert_output "queue,$CONVFIGS
TOTAL,0,0,0,0,0,,0,,,,,"
		run -0 conv --by= "$d/$f.csv"
		assert_output "$CONVFIGS
0,0,0,0,0,,0,,,,,"
		run -0 conv --no-total "$d/$f.csv"
		assert_output "queue,$CONVFIGS"
	done
	# Every record left out by a filter: the same.
	run -0 conv --by= --queue nosuch "$SMALL"
	assert_output "$CONVFIGS
0,0,0,0,0,,0,,,,,"
}

@test "conversations: records without the conversation_id column are one each" {
	# samples/calls.csv has no conversation_id: each of its 255 inbound calls
	# is a conversation (as many as the queues report offers).
	run -0 ccreport --by= "$SRC/samples/calls.csv"
	local offered=${lines[1]%%,*}
	[ "$offered" -eq 255 ]
	run -0 conv --by= --output-format csv "$SRC/samples/calls.csv"
	[[ ${lines[1]} == "255,255,255,0,0,0.00,"* ]]
	# and the model agrees on every figure
	run -0 conv --by queue "$SRC/samples/calls.csv"
	local want=$output
	run -0 convm --by queue "$SRC/samples/calls.csv"
	assert_output "$want"
}

@test "conversations: the model agrees on 3000 generated records" {
	local d
	d=$(scratch)
	convgen --seed 11 --rows 3000 --csv "$d/g.csv" --jsonl "$d/g.jsonl" --sorted "$d/s.csv"
	# The generator hits the window edges: gaps of exactly 30 min and 24 h.
	local pair
	for pair in "|" "--reopen-window 1800|--reopen-window 30m" \
		"--reopen-window 1800 --by queue,channel|--reopen-window 30m --by queue,channel" \
		"--reopen-window 1799 --by channel|--reopen-window 1799s --by channel" \
		"--reopen-window 86401 --by=|--reopen-window 86401 --by=" \
		"--by= --interval 3600|--by= --interval 1h" \
		"--direction all --by channel|--direction all --by channel" \
		"--direction outbound --by agent|--direction outbound --by agent" \
		"--no-total --by agent --interval 86400|--no-total --by agent --interval 1d"; do
		# shellcheck disable=SC2086
		run -0 convm ${pair%%|*} "$d/g.csv"
		local want=$output
		[ "${#lines[@]}" -ge 2 ]
		local f
		for f in g.csv g.jsonl s.csv; do
			# shellcheck disable=SC2086
			run -0 conv ${pair#*|} "$d/$f"
			assert_output "$want"
		done
	done
	# Not a degenerate sample: many reopens, several new conversations per id.
	run -0 convm --by= "$d/g.csv"
	local reopens convs
	convs=$(printf '%s\n' "${lines[1]}" | cut -d, -f1)
	reopens=$(printf '%s\n' "${lines[1]}" | cut -d, -f5)
	[ "$reopens" -ge 300 ] && [ "$convs" -ge 1000 ]
}

# Over 4 MiB of records (read by several threads), as CSV and JSON Lines,
# generated once for this file.
big_data() {
	B=$BATS_FILE_TMPDIR
	[ -f "$B/big.jsonl" ] && return 0
	convgen --seed 12 --bytes 4700000 --csv "$B/big.csv" --jsonl "$B/big.jsonl" --sorted "$B/bigs.csv"
}

@test "conversations: a file over 4 MiB gives the same report with 1 and 3 threads" {
	big_data
	[ "$(($(stat -c %s "$B/big.csv") - $(head -n 1 "$B/big.csv" | wc -c)))" -gt $((4 << 20)) ]
	local o f
	for o in "--reopen-window 30m" "--by queue,channel -i 1d"; do
		# shellcheck disable=SC2086
		run -0 conv $o --threads 1 "$B/big.csv"
		local want=$output
		for f in big.csv bigs.csv big.jsonl; do
			# shellcheck disable=SC2086
			run -0 conv $o --threads 3 "$B/$f"
			assert_output "$want"
		done
		# shellcheck disable=SC2086
		run -0 conv $o --threads 2 "$B/bigs.csv"
		assert_output "$want"
	done
	run -0 conv --reopen-window 30m --threads 3 "$B/big.csv"
	local got=$output
	run -0 convm --reopen-window 1800 "$B/big.csv"
	assert_output "$got"
}

@test "conversations: one conversation_id on 120000 records in random order, over 4 MiB" {
	local d
	d=$(scratch)
	# gaps of -5 min (overlap), 0, 1 min, exactly 30 min, 30 min + 1 s, 2 h and
	# more than a day; records with and without ended_at and answered_at
	python3 -c 'import random, sys
r = random.Random(3)
rows, t = [], 1772409600
for i in range(120000):
    t = max(1772409600, t + r.choice([-300, 0, 60, 1800, 1801, 7200, 100000]))
    end = t + r.randint(0, 600) if r.random() < 0.8 else None
    ans = t + r.randint(0, 60) if r.random() < 0.6 else None
    if ans is not None and end is not None and end < ans:
        end = ans
    rows.append("m%d,q%d,same,%d,%s,%s" % (i, r.randint(1, 3), t, "" if ans is None else ans,
                                          "" if end is None else end))
r.shuffle(rows)
with open(sys.argv[1], "w") as f:
    f.write("id,queue,conversation_id,arrived_at,answered_at,ended_at\n" + "\n".join(rows) + "\n")
' "$d/same.csv"
	[ "$(stat -c %s "$d/same.csv")" -gt $((4 << 20)) ]
	run -0 conv --reopen-window 30m --threads 1 "$d/same.csv"
	local want=$output
	run -0 conv --reopen-window 30m --threads 3 "$d/same.csv"
	assert_output "$want"
	run -0 convm --reopen-window 1800 "$d/same.csv"
	assert_output "$want"
}

@test "usage errors: --reopen-window" {
	local v
	for v in x '' 0 0s -1h 1y 367d 53w 1e3 ' 5m' 5M; do
		usage_error "invalid --reopen-window '$v': a duration such as 30m, 24h or 7d" \
			--report conversations --reopen-window "$v" "$SMALL"
	done
	usage_error "invalid --reopen-window 'x': a duration such as 30m, 24h or 7d" \
		--report=conversations --reopen-window=x
	usage_error '--reopen-window goes with --report conversations' --reopen-window 1h "$SMALL"
	usage_error '--reopen-window goes with --report conversations' --report queues --reopen-window 1h
	usage_error '--partial takes no --report conversations or pauses, nor --report agents of a queue_log' \
		--report conversations --partial "$SMALL"
	usage_error 'merge takes no --report conversations or pauses' merge --report conversations
	usage_error '--output-format html goes with the queues report only' \
		--report conversations --output-format html "$SMALL"
	# the limits: 366 days and fractions are fine
	run -0 conv --reopen-window 366d --by= "$SMALL"
	run -0 conv --reopen-window 0.5 --by= "$SMALL"
	# 0.5 s: every gap is longer, so only the overlapping records stay together
	# (C; E's tie): A 3 conversations (frt 40, 60, 120; durations 600, 600, 300),
	# B 2 (-, 330; 300, 1200), C 1 (10; 1860), D 3 (-, 900, -; 0, 900, 0),
	# E 1 (20; 1200), 1001 2 (5, 60; 600, 300), G (-; 120), m18 (12; 300), m19 (-; 60)
	# = 15 conversations, 18 records, no reopens, 10 answered;
	# frt 40+60+120+330+10+900+20+5+60+12 = 1557/10 = 155.70;
	#   sorted 5 10 12 20 40 60 60 120 330 900: p50 rank 5 = 40, p90 rank 9 = 330
	# duration 8340/15 = 556.00
	assert_output "$CONVFIGS
15,18,2,0,0,0.00,10,155.70,40,330,900,556.00"
}

# The records of the bad-record tests: a good one, then one bad of each kind.
bad_file() {
	printf '%s\n' 'id,queue,conversation_id,arrived_at,answered_at,ended_at,outcome,wait_s,handle_s,direction' \
		'g1,q,A,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,2026-03-02T10:05:00Z,resolved,,,' \
		'b1,q,A,yesterday,,,,,,' \
		'b2,q,A,,,2026-03-02T10:00:00Z,abandoned,,,' \
		'b3,q,A,2026-03-02T10:00:00Z,2026-03-02T09:59:00Z,,answered,5,,' \
		'b4,q,A,2026-03-02T10:00:00Z,2026-03-02T09:59:00Z,,answered,,,' \
		'b5,q,A,2026-03-02T10:00:00Z,,2026-03-02T09:00:00Z,abandoned,3,,' \
		'b6,q,A,2026-03-02T10:00:00Z,2026-03-02T10:01:00Z,2026-03-02T10:00:30Z,resolved,,30,' \
		'b7,q,A,2026-03-02T10:00:00Z,2026-03-02T25:00:00Z,,answered,,,' \
		'b8,q,A,2026-03-02T10:00:00Z,,,,,,sideways' \
		'b9,q,,2026-03-02T10:00:00Z,,,,x1,,' \
		'b10,q,,,,,,,,' \
		'g2,q,A,2026-03-02T10:30:00Z,,2026-03-02T10:31:00Z,abandoned,,,' >"$1"
}

BAD_WHY=(
	"bad timestamp in arrived_at: 'yesterday'"
	'no arrived_at (needed by --report conversations)'
	'answered_at is before arrived_at'
	'answered_at is before arrived_at'
	'ended_at is before arrived_at'
	'ended_at is before answered_at'
	"bad timestamp in answered_at: '2026-03-02T25:00:00Z'"
	"bad direction: 'sideways' (inbound or outbound)"
	"bad number of seconds in wait_s: 'x1'"
	'no arrived_at (needed by --report conversations)'
)

@test "bad records: each stops the report with its line and reason" {
	local d
	d=$(scratch)
	bad_file "$d/all.csv"
	# (bats' run sets a variable i: the loop counter has another name)
	local bad
	for bad in "${!BAD_WHY[@]}"; do
		# the header, g1 and the bad record (line 3 of its own file)
		sed -n "1,2p;$((bad + 3))p" "$d/all.csv" >"$d/one.csv"
		bad_input "ccreport: $d/one.csv:3: ${BAD_WHY[$bad]}" --report conversations "$d/one.csv"
		# b2, b3, b5, b6 and b10 pass the queues report's checks (no arrived_at
		# needed; wait_s or handle_s given)
		case $bad in
			1 | 2 | 4 | 5 | 9) run -0 ccreport --by= "$d/one.csv" ;;
			*) run -1 ccreport --by= "$d/one.csv" ;;
		esac
	done
	# fail-fast: the first bad record, whatever the threads
	bad_input "ccreport: $d/all.csv:3: ${BAD_WHY[0]}" --report conversations --threads 3 "$d/all.csv"
	# A CSV without arrived_at: every record is bad, the first one stops.
	printf '%s\n' 'id,conversation_id' 'm1,A' >"$d/noarr.csv"
	bad_input "ccreport: $d/noarr.csv:2: no arrived_at (needed by --report conversations)" \
		--report conversations --by= "$d/noarr.csv"
}

@test "bad records: --reject keeps going and the report covers the good ones" {
	local d
	d=$(scratch)
	bad_file "$d/all.csv"
	run -0 --separate-stderr conv --by= --reject="$d/rej" "$d/all.csv"
	assert_equal "$stderr" "ccreport: 10 records rejected (see $d/rej)"
	# g1 10:00-10:05 and g2 10:30-10:31 (25 min later, g1 ended): one
	# conversation, 2 records, a reopen; frt 10; duration 31 min = 1860
	assert_output "$CONVFIGS
1,2,0,1,1,100.00,1,10.00,10,10,10,1860.00"
	local want bad
	want=$(for bad in "${!BAD_WHY[@]}"; do
		printf '# %s:%d: %s\n' "$d/all.csv" $((bad + 3)) "${BAD_WHY[$bad]}"
		sed -n "$((bad + 3))p" "$d/all.csv"
	done)
	assert_equal "$(cat "$d/rej")" "$want"
}

@test "bad input of every kind the reader meets, in the conversations report" {
	local d H='id,channel,direction,queue,agent,conversation_id,arrived_at,answered_at,ended_at,outcome'
	d=$(scratch)
	printf '%s\nm1,chat,,support,,A,2026-03-02T09:00:00Z,,\n' "$H" >"$d/few.csv"
	bad_input "ccreport: $d/few.csv:2: expected 10 fields, found 9" --report conversations "$d/few.csv"
	printf '%s\nm1,chat,,support,,"A"x,2026-03-02T09:00:00Z,,,\n' "$H" >"$d/q.csv"
	bad_input "ccreport: $d/q.csv:2:22: bad quoting (a quote inside an unquoted field, or text after a closing quote)" \
		--report conversations "$d/q.csv"
	printf '%s\nm1,chat,,support,,"A\n' "$H" >"$d/u.csv"
	bad_input "ccreport: $d/u.csv:2:19: unterminated quoted field" --report conversations "$d/u.csv"
	printf '%s\nm1,chat,,support,,A\377,2026-03-02T09:00:00Z,,,\n' "$H" >"$d/utf.csv"
	bad_input "ccreport: $d/utf.csv:2:20: invalid UTF-8" --report conversations "$d/utf.csv"
	printf '%s\nm1,chat,,support,,AAAAAAAAAAAAAAAAAAAA,2026-03-02T09:00:00Z,,,\n' "$H" >"$d/huge.csv"
	bad_input "ccreport: $d/huge.csv:2:19: field 6 is longer than 16 bytes (--max-field-size)" \
		--report conversations --max-field-size 16 "$d/huge.csv"
	printf '\000\001\002\376\377\200junk\n' >"$d/junk.bin"
	bad_input "ccreport: $d/junk.bin:1:1: bad header: NUL byte" --report conversations "$d/junk.bin"
	printf '{"id":"m1","conversation_id":"A","arrived_at":"2026-03-02T09:00:00Z"\n' >"$d/b.jsonl"
	bad_input "ccreport: $d/b.jsonl:1:68: invalid JSON: '}' expected near end of file" \
		--report conversations "$d/b.jsonl"
	printf '{"id":"m1","conversation_id":["A"],"arrived_at":"2026-03-02T09:00:00Z"}\n' >"$d/n.jsonl"
	bad_input "ccreport: $d/n.jsonl:1:30: nested array in a record (records must be flat)" \
		--report conversations "$d/n.jsonl"
	printf 'id,queue,arrived_at\nm1,q,2026-03-02T09:00:00Z\n' >"$d/nq.csv"
	bad_input "ccreport: $d/nq.csv:1: no column 'channel' (named by --by)" \
		--report conversations --by channel "$d/nq.csv"
}

@test "conversations: a write to a full device is an error" {
	local fmt
	for fmt in csv jsonl table markdown; do
		run -1 --separate-stderr bash -c 'ccreport --report conversations --output-format="$1" "$2" > /dev/full' _ "$fmt" "$SMALL"
		assert_equal "$stderr" 'ccreport: write error: No space left on device'
	done
	run -1 --separate-stderr conv -o /dev/full "$SMALL"
	assert_output ''
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
}

# The conversations example of ccreport(1), EXAMPLES, joined into one line.
man_example() {
	sed -n '/^\.SH EXAMPLES/,/^\.SH SEE ALSO/p' "$SRC/man/ccreport.1" | sed 's/\\-/-/g' |
		awk '/^\$ ccreport --report conversations/ { on = 1 }
			on { line = line $0; if (line ~ /\\e$/) { sub(/\\e$/, " ", line); next } print line; exit }' |
		sed 's/^\$ //; s/  */ /g'
}

@test "the man page's conversations example runs and its figures are right" {
	run -0 man_example
	assert_output 'ccreport --report conversations --by channel --reopen-window 2h samples/chats.jsonl'
	local cmd=$output
	run -0 bash -c "cd \"\$1\" && $cmd" _ "$SRC"
	local got=$output
	run -0 convm --by channel --reopen-window 7200 "$SRC/samples/chats.jsonl"
	assert_output "$got"
	# Counted apart: 100 records, of which the 26 e-mails have no
	# conversation_id; with an endless window, one conversation per id.
	run -0 python3 -c 'import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
ids = {r["conversation_id"] for r in recs if r.get("conversation_id")}
print(len(recs), sum(1 for r in recs if not r.get("conversation_id")), len(ids))' \
		"$SRC/samples/chats.jsonl"
	read -r n noid nids <<<"$output"
	[ "$n" -eq 100 ] && [ "$noid" -eq 26 ] && [ "$nids" -ge 50 ]
	run -0 conv --by= --reopen-window 366d "$SRC/samples/chats.jsonl"
	[[ ${lines[1]} == "$((nids + noid)),100,26,"* ]]
	[[ $got == *$'\nemail,26,26,26,0,0,0.00,26,'* ]]
	# Some returns fall within two hours, some beyond: reopens and new ones.
	local total
	total=$(printf '%s\n' "$got" | grep '^TOTAL,')
	local convs reopens
	convs=$(cut -d, -f2 <<<"$total")
	reopens=$(cut -d, -f6 <<<"$total")
	[ "$reopens" -ge 3 ] && [ "$convs" -gt $((nids + noid)) ]
}

@test "ccreport(1) describes every column of the conversations report" {
	local sec c missing=
	sec=$(sed -n '/^\.SH CONVERSATIONS/,/^\.SH HISTORY/p' "$SRC/man/ccreport.1" | sed 's/\\-/-/g')
	for c in ${CONVFIGS//,/ } conversation_id reopen_window_s --reopen-window; do
		grep -qw -- "$c" <<<"$sec" || missing="$missing $c"
	done
	[ -z "$missing" ] || { echo "not in CONVERSATIONS:$missing"; false; }
	run -0 ccreport --help
	assert_output --partial '--reopen-window=DUR'
	assert_output --partial 'conversations'
}
