#!/usr/bin/env bats
# ccreport --from asterisk-cdr: Asterisk CDR files (cdr_csv's Master.csv,
# cdr_custom, database exports) as interaction records.  The fixtures
# tests/data/cdr-*.csv are written by hand from cdr_csv's format (see
# cc-asterisk(5), ASTERISK CDR); every expected figure is worked out in the
# comments, or by the independent Python reading of samples/Master.csv below.

bats_require_minimum_version 1.5.0
setup() {
	load common
	D=$TEST_DATA
	COLS='id,channel,direction,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,src,dst,clid,dcontext,disposition,accountcode,userfield,uniqueid,linkedid,attempts'
	# the CDR columns passed through from a cdr_csv file, after attempts
	XCOLS='dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,amaflags,peeraccount,sequence'
	LEGACY='clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,sequence'
	# A good 16-field row, in pieces so that a test can break one field and
	# know its byte column: fields 1-9 (and the comma), start, answer, end,
	# then duration, billsec, disposition and amaflags.
	P9='"","1001","600","from-trunk","""A"" <1001>","SIP/trunk-00000001","SIP/1001-00000002","Queue","support",'
	START='"2026-03-02 09:00:00"'
	ANS='"2026-03-02 09:00:10"'
	END='"2026-03-02 09:01:10"'
	TAIL='70,60,"ANSWERED","DOCUMENTATION"'
	G="$P9$START,$ANS,$END,$TAIL"
}

# cdr ARG...: ccreport --from asterisk-cdr ARG...
cdr() {
	ccreport --from asterisk-cdr "$@"
}

# The ids of a CSV record stream on stdin made from the rows (cdr-HEX) are
# replaced by ID, so the other columns can be compared as written by hand.
noid() {
	sed -E 's/^cdr-[0-9a-f]{16},/ID,/'
}

# The 21 columns every record has, of a CSV record stream on stdin (the
# fixtures have no comma in them; the passed-through lastdata may).
base() {
	cut -d, -f1-21
}

# The passed-through columns of a JSONL record stream on stdin: what follows
# attempts.
extras() {
	sed -E 's/^.*"attempts":[0-9]+,?/{/'
}

# ------------------------------------------------------------ Asterisk 1.8-11

# cdr-ast18.csv: Asterisk 1.8-11, 16 fields, one row per call, times in UTC.
#   1 support  SIP/1001 answered  09:00:00 -> 09:00:25 wait 25, billsec 300
#   2 support  -        abandoned (Queue, NO ANSWER, answer unset) 09:10:00-09:10:40: 40
#   3 sales    SIP/1002 answered  wait 10, billsec 120 (clid quotes not doubled)
#   4 sales    -        abandoned (Queue, ANSWERED by the PBX, no dstchannel) 5 s
#                                 (clid quotes escaped with backslashes)
#   5 from-internal busy;  6 from-trunk no_answer;  7 from-internal failed;
#   8 from-internal congestion;  9 from-trunk voicemail (dstchannel of the failed
#     Dial kept, lastapp VoiceMail);  10 ivr-main self_service (Playback, ANSWERED)
#  11 support  SIP/1001 answered  10:50:00 -> 10:51:00 wait 60, billsec 120
#
# support: offered 3, answered 2, abandoned 1: 1/3 = 33.33; asa (25+60)/2 = 42.50;
#   sl(20): none of 25, 60: 0.00; p50 rank ceil(1) = 1 -> 25, p90 rank 2 -> 60;
#   aht (300+120)/2 = 210.00
# sales: offered 2, answered 1 (10 s), abandoned 1: 50.00, asa 10.00, sl 1/2 = 50.00,
#   aht 120.00
# from-internal 3, from-trunk 2, ivr-main 1: all other
# TOTAL: 11 offered, 3 answered, 2 abandoned, 6 other: 2/11 = 18.18;
#   asa (25+10+60)/3 = 31.666 -> 31.67; sl 1/11 = 9.09; waits 10 25 60: p50 rank 2
#   -> 25, p90 rank 3 -> 60; aht (300+120+120)/3 = 180.00
AST18_REPORT='queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
from-internal,3,0,0,0,0,3,0.00,,0.00,,,,,,
from-trunk,2,0,0,0,0,2,0.00,,0.00,,,,,,
ivr-main,1,0,0,0,0,1,0.00,,0.00,,,,,,
sales,2,1,1,0,0,0,50.00,10.00,50.00,10,10,10,10,10,120.00
support,3,2,1,0,0,0,33.33,42.50,0.00,25,60,60,60,60,210.00
TOTAL,11,3,2,0,0,6,18.18,31.67,9.09,25,60,60,60,60,180.00'

@test "cdr: an Asterisk 1.8 Master.csv (16 fields), figures worked out by hand" {
	run -0 --separate-stderr cdr "$D/cdr-ast18.csv"
	assert_output "$AST18_REPORT"
	assert_equal "$stderr" 'ccreport: diagnostics: 2 quotes_repaired'
}

@test "cdr: convert writes one record per call, checked column by column" {
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$D/cdr-ast18.csv"
	# ids: no uniqueid in a 16-field file, so cdr- and a hash of the row
	local ids
	ids=$(printf '%s\n' "$output" | sed 1d | cut -d, -f1)
	assert_equal "$(printf '%s\n' "$ids" | grep -cE '^cdr-[0-9a-f]{16}$')" 11
	assert_equal "$(printf '%s\n' "$ids" | sort -u | wc -l)" 11
	# every column of every record, from the rows by the rules of ccreport(1):
	# queue = lastdata's queue for Queue rows, else dcontext; agent = the peer of
	# the answering dstchannel; wait = answer - start, or end - start unanswered;
	# handle = billsec; disposition of the row; accountcode when set.
	assert_equal "$(printf '%s\n' "$output" | sed -n 1p)" "$COLS,$XCOLS"
	assert_equal "$(printf '%s\n' "$output" | noid | base)" "$COLS
ID,voice,,support,SIP/1001,answered,2026-03-02T09:00:00Z,2026-03-02T09:00:25Z,2026-03-02T09:05:25Z,25,300,5551001,600,\"\"\"Alice Smith\"\" <5551001>\",from-trunk,ANSWERED,,,,,1
ID,voice,,support,,abandoned,2026-03-02T09:10:00Z,,2026-03-02T09:10:40Z,40,,5551002,600,\"\"\"Bob\"\" <5551002>\",from-trunk,NO ANSWER,,,,,1
ID,voice,,sales,SIP/1002,answered,2026-03-02T09:20:00Z,2026-03-02T09:20:10Z,2026-03-02T09:22:10Z,10,120,5551003,700,\"\"\"Carol Jones\"\" <5551003>\",from-trunk,ANSWERED,,,,,1
ID,voice,,sales,,abandoned,2026-03-02T09:30:00Z,,2026-03-02T09:30:05Z,5,,5551004,700,\"\"\"Dan\"\" <5551004>\",from-trunk,ANSWERED,,,,,1
ID,voice,,from-internal,,busy,2026-03-02T09:40:00Z,,2026-03-02T09:40:03Z,3,,1001,1002,\"\"\"Agent One\"\" <1001>\",from-internal,BUSY,,,,,1
ID,voice,,from-trunk,,no_answer,2026-03-02T10:00:00Z,,2026-03-02T10:00:20Z,20,,5551006,1003,\"\"\"Eve\"\" <5551006>\",from-trunk,NO ANSWER,,,,,1
ID,voice,,from-internal,,failed,2026-03-02T10:10:00Z,,2026-03-02T10:10:01Z,1,,1001,0044201234567,\"\"\"Agent One\"\" <1001>\",from-internal,FAILED,sales,,,,1
ID,voice,,from-internal,,congestion,2026-03-02T10:20:00Z,,2026-03-02T10:20:02Z,2,,1002,0044207654321,\"\"\"Agent Two\"\" <1002>\",from-internal,CONGESTION,sales,,,,1
ID,voice,,from-trunk,,voicemail,2026-03-02T10:30:00Z,,2026-03-02T10:31:00Z,60,,5551009,1003,\"\"\"Frank\"\" <5551009>\",from-trunk,ANSWERED,,,,,1
ID,voice,,ivr-main,,self_service,2026-03-02T10:40:00Z,,2026-03-02T10:40:31Z,31,,5551010,s,\"\"\"Grace\"\" <5551010>\",ivr-main,ANSWERED,,,,,1
ID,voice,,support,SIP/1001,answered,2026-03-02T10:50:00Z,2026-03-02T10:51:00Z,2026-03-02T10:53:00Z,60,120,5551011,600,\"\"\"Heidi\"\" <5551011>\",from-trunk,ANSWERED,,,,,1"
	assert_equal "$stderr" 'ccreport: diagnostics: 2 quotes_repaired'
}

@test "cdr: a row's id does not depend on the file's name or the row's place" {
	local d
	d=$(scratch)
	run -0 ccreport convert --from asterisk-cdr "$D/cdr-ast18.csv"
	local a=$output
	# the same rows, in reverse order, in a file of another name
	tac "$D/cdr-ast18.csv" >"$d/other.csv"
	run -0 ccreport convert --from asterisk-cdr "$d/other.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | sort)" "$(printf '%s\n' "$a" | sed 1d | sort)"
}

@test "cdr: malformed clid quoting is repaired and listed, on stdout in table and jsonl" {
	run -0 --separate-stderr cdr --output-format table "$D/cdr-ast18.csv"
	assert_line '  quotes_repaired        2'
	assert_line "  $D/cdr-ast18.csv:3: quotes_repaired: quotes inside a field were not doubled: read as literal quotes"
	assert_line "  $D/cdr-ast18.csv:4: quotes_repaired: quotes inside a field were not doubled: read as literal quotes"
	run -0 --separate-stderr cdr --output-format jsonl "$D/cdr-ast18.csv"
	assert_line '{"_diagnostic":"quotes_repaired","count":2}'
	assert_line "{\"_diagnostic\":\"quotes_repaired\",\"file\":\"$D/cdr-ast18.csv\",\"line\":3,\"message\":\"quotes inside a field were not doubled: read as literal quotes\"}"
	# the repaired values: the quotes kept, the backslashes gone
	run -0 ccreport convert --from asterisk-cdr --output-format jsonl "$D/cdr-ast18.csv"
	assert_line --partial '"clid":"\"Carol Jones\" <5551003>"'
	assert_line --partial '"clid":"\"Dan\" <5551004>"'
}

# ------------------------------------------------------------ Asterisk 13+

# cdr-ast13.csv: Asterisk 13, loguniqueid + newcdrcolumns (20 fields), rows of one
# call sharing linkedid, not next to each other.
#   line 1 + 3: call .16, support: rang PJSIP/1001 11:00:00-11:00:15 (NO ANSWER), then
#     PJSIP/1002 answered 11:00:30, end 11:03:50, billsec 200: wait 30, 2 attempts
#   line 2 + 4: call .18, sales: rang PJSIP/1003 (NO ANSWER), then alone in the queue
#     until 11:01:45: abandoned, wait 11:01:45 - 11:01:00 = 45, 2 attempts
#   line 5 + 6: call .31, support, FreePBX style: the caller's row to
#     Local/1002@from-queue-...;1 (start 11:10:00) and the Local;2 row to PJSIP/1002,
#     read first; both answered 11:10:12: the real phone is the agent, wait 12,
#     billsec 120; the caller's row is the first (earliest start: line 6)
#   line 7: line 3 again: duplicate, left out
#   line 8: call .35, support: answered 11:20:08, end 11:22:08, billsec 90 though
#     end - answer = 120: billsec_mismatch, handle 120, wait 8
#   line 9: end before start: time_order, left out (no call)
#   line 10: uniqueid and sequence of line 2, other end: duplicate, left out
#   line 11: disposition CANCEL: unknown_disposition, left out
#   line 12: call .41, sales: wait 5, billsec 60; duration 90 but end - start 65:
#     duration_mismatch, used
#
# support: 3 offered, 3 answered (30, 12, 8): asa 50/3 = 16.67, sl 2/3 = 66.67,
#   p50 rank 2 -> 12, p90 rank 3 -> 30; aht (200+120+120)/3 = 146.67
# sales: 2 offered, 1 answered (5 s, 60 s), 1 abandoned: 50.00, asa 5.00, sl 50.00
# TOTAL: 5 offered, 4 answered, 1 abandoned: 20.00; asa 55/4 = 13.75; sl 3/5 = 60.00;
#   waits 5 8 12 30: p50 rank 2 -> 8, p90 rank 4 -> 30; aht 500/4 = 125.00
AST13_REPORT='queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,2,1,1,0,0,0,50.00,5.00,50.00,5,5,5,5,5,60.00
support,3,3,0,0,0,0,0.00,16.67,66.67,12,30,30,30,30,146.67
TOTAL,5,4,1,0,0,0,20.00,13.75,60.00,8,30,30,30,30,125.00'

@test "cdr: Asterisk 13 rows of one call (linkedid) become one record" {
	run -0 --separate-stderr cdr "$D/cdr-ast13.csv"
	assert_output "$AST13_REPORT"
	assert_equal "$stderr" 'ccreport: diagnostics: 2 duplicate
ccreport: diagnostics: 1 billsec_mismatch
ccreport: diagnostics: 1 time_order
ccreport: diagnostics: 1 unknown_disposition
ccreport: diagnostics: 1 duration_mismatch'
}

@test "cdr: Asterisk 13 diagnostics are listed with their lines" {
	run -0 --separate-stderr cdr --output-format jsonl "$D/cdr-ast13.csv"
	local f=$D/cdr-ast13.csv
	assert_line '{"_diagnostic":"duplicate","count":2}'
	assert_line '{"_diagnostic":"billsec_mismatch","count":1}'
	assert_line "{\"_diagnostic\":\"duplicate\",\"file\":\"$f\",\"line\":7,\"message\":\"the same row as line 3\"}"
	assert_line "{\"_diagnostic\":\"billsec_mismatch\",\"file\":\"$f\",\"line\":8,\"message\":\"billsec 90 but end - answer is 120 s (the times are used)\"}"
	assert_line "{\"_diagnostic\":\"time_order\",\"file\":\"$f\",\"line\":9,\"message\":\"end is before start\"}"
	assert_line "{\"_diagnostic\":\"duplicate\",\"file\":\"$f\",\"line\":10,\"message\":\"uniqueid and sequence 22 as line 2\"}"
	assert_line "{\"_diagnostic\":\"unknown_disposition\",\"file\":\"$f\",\"line\":11,\"message\":\"disposition 'CANCEL' is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION\"}"
	assert_line "{\"_diagnostic\":\"duration_mismatch\",\"file\":\"$f\",\"line\":12,\"message\":\"duration 90 but end - start is 65 s\"}"
}

@test "cdr: Asterisk 13 convert, the merged calls column by column" {
	run -0 --separate-stderr ccreport convert --from asterisk-cdr --output-format jsonl "$D/cdr-ast13.csv"
	assert_equal "${#lines[@]}" 5
	assert_equal "${lines[0]}" '{"id":"1772449200.16","channel":"voice","direction":null,"queue":"support","agent":"PJSIP/1002","outcome":"answered","arrived_at":"2026-03-02T11:00:00Z","answered_at":"2026-03-02T11:00:30Z","ended_at":"2026-03-02T11:03:50Z","wait_s":30,"handle_s":200,"src":"5552001","dst":"600","clid":"\"Frank\" <5552001>","dcontext":"from-pstn","disposition":"ANSWERED","accountcode":null,"userfield":null,"uniqueid":"1772449200.16","linkedid":"1772449200.16","attempts":2,"dstchannel":"PJSIP/1002-00000014","lastapp":"Queue","lastdata":"support,,,,300","start":"2026-03-02 11:00:15","answer":"2026-03-02 11:00:30","end":"2026-03-02 11:03:50","duration":215,"billsec":200,"amaflags":"DOCUMENTATION","peeraccount":null,"sequence":21}'
	assert_equal "${lines[1]}" '{"id":"1772449260.18","channel":"voice","direction":null,"queue":"sales","agent":null,"outcome":"abandoned","arrived_at":"2026-03-02T11:01:00Z","answered_at":null,"ended_at":"2026-03-02T11:01:45Z","wait_s":45,"handle_s":null,"src":"5552002","dst":"700","clid":"\"Gina\" <5552002>","dcontext":"from-pstn","disposition":"NO ANSWER","accountcode":null,"userfield":null,"uniqueid":"1772449260.18","linkedid":"1772449260.18","attempts":2,"dstchannel":"PJSIP/1003-00000013","lastapp":"Queue","lastdata":"sales","start":"2026-03-02 11:01:00","answer":null,"end":"2026-03-02 11:01:20","duration":20,"billsec":0,"amaflags":"DOCUMENTATION","peeraccount":null,"sequence":22}'
	# the Local channel call: first row line 6 (the caller's), agent the phone;
	# the passed-through columns are those of the answering row: line 5, the
	# phone's (answered at the same time as line 6, which went to a Local
	# channel); of the unanswered .18, its first row (line 2, the earliest start)
	assert_equal "${lines[2]}" '{"id":"1772449800.31","channel":"voice","direction":null,"queue":"support","agent":"PJSIP/1002","outcome":"answered","arrived_at":"2026-03-02T11:10:00Z","answered_at":"2026-03-02T11:10:12Z","ended_at":"2026-03-02T11:12:12Z","wait_s":12,"handle_s":120,"src":"5552004","dst":"600","clid":"\"Ivan\" <5552004>","dcontext":"from-pstn","disposition":"ANSWERED","accountcode":null,"userfield":null,"uniqueid":"1772449800.31","linkedid":"1772449800.31","attempts":2,"dstchannel":"PJSIP/1002-00000021","lastapp":"Dial","lastdata":"PJSIP/1002,,Ttr","start":"2026-03-02 11:10:05","answer":"2026-03-02 11:10:12","end":"2026-03-02 11:12:12","duration":127,"billsec":120,"amaflags":"DOCUMENTATION","peeraccount":null,"sequence":31}'
	assert_equal "${lines[3]}" '{"id":"1772450400.35","channel":"voice","direction":null,"queue":"support","agent":"PJSIP/1001","outcome":"answered","arrived_at":"2026-03-02T11:20:00Z","answered_at":"2026-03-02T11:20:08Z","ended_at":"2026-03-02T11:22:08Z","wait_s":8,"handle_s":120,"src":"5552006","dst":"600","clid":"\"Judy\" <5552006>","dcontext":"from-pstn","disposition":"ANSWERED","accountcode":null,"userfield":null,"uniqueid":"1772450400.35","linkedid":"1772450400.35","attempts":1,"dstchannel":"PJSIP/1001-00000023","lastapp":"Queue","lastdata":"support,,,,300","start":"2026-03-02 11:20:00","answer":"2026-03-02 11:20:08","end":"2026-03-02 11:22:08","duration":128,"billsec":90,"amaflags":"DOCUMENTATION","peeraccount":null,"sequence":35}'
	assert_equal "${lines[4]}" '{"id":"1772451600.41","channel":"voice","direction":null,"queue":"sales","agent":"PJSIP/1003","outcome":"answered","arrived_at":"2026-03-02T11:40:00Z","answered_at":"2026-03-02T11:40:05Z","ended_at":"2026-03-02T11:41:05Z","wait_s":5,"handle_s":60,"src":"5552009","dst":"700","clid":"\"Mia\" <5552009>","dcontext":"from-pstn","disposition":"ANSWERED","accountcode":null,"userfield":null,"uniqueid":"1772451600.41","linkedid":"1772451600.41","attempts":1,"dstchannel":"PJSIP/1003-00000029","lastapp":"Queue","lastdata":"sales","start":"2026-03-02 11:40:00","answer":"2026-03-02 11:40:05","end":"2026-03-02 11:41:05","duration":90,"billsec":60,"amaflags":"DOCUMENTATION","peeraccount":null,"sequence":41}'
}

@test "cdr: with --reject, each diagnostic and its line go to the reject file" {
	local d
	d=$(scratch)
	run -0 --separate-stderr cdr --reject "$d/rej" "$D/cdr-ast13.csv"
	assert_output "$AST13_REPORT"
	# the six diagnostics of cdr-ast13.csv, each with its line
	run -0 grep -c '^# ' "$d/rej"
	assert_output 6
	run -0 sed -n 1,4p "$d/rej"
	assert_output "# $D/cdr-ast13.csv:7: duplicate: the same row as line 3
$(sed -n 7p "$D/cdr-ast13.csv")
# $D/cdr-ast13.csv:8: billsec_mismatch: billsec 90 but end - answer is 120 s (the times are used)
$(sed -n 8p "$D/cdr-ast13.csv")"
}

@test "cdr: rows of one call in two files (a rotation) are merged" {
	local d
	d=$(scratch)
	head -3 "$D/cdr-ast13.csv" >"$d/Master.csv.1"
	tail -n +4 "$D/cdr-ast13.csv" >"$d/Master.csv"
	run -0 --separate-stderr cdr "$d/Master.csv.1" "$d/Master.csv"
	assert_output "$AST13_REPORT"
	# and from standard input, as - or with no file
	run -0 --separate-stderr cdr - <"$D/cdr-ast13.csv"
	assert_output "$AST13_REPORT"
	run -0 --separate-stderr cdr <"$D/cdr-ast13.csv"
	assert_output "$AST13_REPORT"
}

# ------------------------------------------------------------ the variants

# cdr-uniqueid.csv: loguniqueid=yes (17 fields).
#   call .61 support: answered 13:00:20 (wait 20), billsec 240; its uniqueid again on
#     line 4 (the caller in a survey until 13:04:30): merged, 2 attempts, ended 13:04:30
#   call .63 sales: abandoned after 50 s
#   call pbx1-...65 (a systemname prefix) support: wait 10, billsec 60
# support: 2 offered, 2 answered: asa 15.00, sl 2/2 = 100.00 (20 <= 20), p50 rank 1
#   -> 10, p90 rank 2 -> 20, aht 150.00; sales: 1 abandoned: 100.00
# TOTAL: 3, 2, 1: 33.33, asa 15.00, sl 2/3 = 66.67, aht 150.00
@test "cdr: loguniqueid (17 fields): rows of one uniqueid merged" {
	run -0 --separate-stderr cdr "$D/cdr-uniqueid.csv"
	assert_output 'queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,1,0,1,0,0,0,100.00,,0.00,,,,,,
support,2,2,0,0,0,0,0.00,15.00,100.00,10,20,20,20,20,150.00
TOTAL,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,150.00'
	assert_equal "$stderr" ''
	run -0 ccreport convert --from asterisk-cdr "$D/cdr-uniqueid.csv"
	# the passed-through columns of .61 are its answering row's (line 1: line 4
	# has no dstchannel), unset ones empty; no peeraccount and sequence in 17
	# fields
	assert_output "$COLS,$XCOLS
1772456400.61,voice,,support,SIP/1001,answered,2026-03-02T13:00:00Z,2026-03-02T13:00:20Z,2026-03-02T13:04:30Z,20,240,5554001,600,\"\"\"Amy\"\" <5554001>\",from-trunk,ANSWERED,,,1772456400.61,,2,SIP/1001-00000042,Queue,support,2026-03-02 13:00:00,2026-03-02 13:00:20,2026-03-02 13:04:20,260,240,DOCUMENTATION,,
1772456460.63,voice,,sales,,abandoned,2026-03-02T13:01:00Z,,2026-03-02T13:01:50Z,50,,5554002,700,\"\"\"Ben\"\" <5554002>\",from-trunk,NO ANSWER,,,1772456460.63,,1,,Queue,sales,2026-03-02 13:01:00,,2026-03-02 13:01:50,50,0,DOCUMENTATION,,
pbx1-1772456520.65,voice,,support,SIP/1002,answered,2026-03-02T13:02:00Z,2026-03-02T13:02:10Z,2026-03-02T13:03:10Z,10,60,5554003,600,\"\"\"Cat\"\" <5554003>\",from-trunk,ANSWERED,,,pbx1-1772456520.65,,1,SIP/1002-00000046,Queue,support,2026-03-02 13:02:00,2026-03-02 13:02:10,2026-03-02 13:03:10,70,60,DOCUMENTATION,,"
}

# cdr-userfield.csv: loguserfield=yes, no uniqueid (17 fields): userfield "", "vip",
# "ticket 4711"; each row its own call (no id).
@test "cdr: loguserfield (17 fields): the 17th field is the userfield" {
	run -0 ccreport convert --from asterisk-cdr "$D/cdr-userfield.csv"
	assert_equal "$(printf '%s\n' "$output" | noid | base)" "$COLS
ID,voice,,support,SIP/1001,answered,2026-03-02T14:00:00Z,2026-03-02T14:00:05Z,2026-03-02T14:01:45Z,5,100,5555001,600,\"\"\"Dora\"\" <5555001>\",from-trunk,ANSWERED,,,,,1
ID,voice,,sales,SIP/1003,answered,2026-03-02T14:02:00Z,2026-03-02T14:02:30Z,2026-03-02T14:03:20Z,30,50,5555002,700,\"\"\"Earl\"\" <5555002>\",from-trunk,ANSWERED,,vip,,,1
ID,voice,,sales,,abandoned,2026-03-02T14:04:00Z,,2026-03-02T14:04:12Z,12,,5555003,700,\"\"\"Fay\"\" <5555003>\",from-trunk,NO ANSWER,,ticket 4711,,,1"
	# a userfield that looks like a uniqueid is read as one (documented)
	local d
	d=$(scratch)
	sed 's/"vip"$/"1772456400.99"/' "$D/cdr-userfield.csv" >"$d/m.csv"
	run -0 ccreport convert --from asterisk-cdr "$d/m.csv"
	assert_line --index 2 --partial '1772456400.99,voice,,sales,SIP/1003,answered,'
}

# cdr-variants.csv: the other field counts, one call each:
#   18 uniqueid + userfield "gold"; 19 newcdrcolumns only (linkedid, no uniqueid);
#   20 userfield "silver" + newcdrcolumns; 21 all (accountcode acme, "bronze")
@test "cdr: 18, 19, 20 and 21 fields" {
	run -0 ccreport convert --from asterisk-cdr "$D/cdr-variants.csv"
	# one header for all field counts; peeraccount and sequence only where
	# newcdrcolumns wrote them (lines 2-4), peeraccount peer1 on line 4
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,22-)" "id,$XCOLS
1772463600.71,SIP/1001-00000062,Queue,support,2026-03-02 15:00:00,2026-03-02 15:00:10,2026-03-02 15:01:10,70,60,DOCUMENTATION,,
1772463900.73,PJSIP/1002-00000064,Queue,support,2026-03-02 15:05:00,2026-03-02 15:05:20,2026-03-02 15:07:20,140,120,DOCUMENTATION,,73
1772464200.75,,Queue,sales,2026-03-02 15:10:00,,2026-03-02 15:10:33,33,0,DOCUMENTATION,,75
1772464500.77,PJSIP/1003-00000068,Queue,sales,2026-03-02 15:15:00,2026-03-02 15:15:07,2026-03-02 15:16:07,67,60,BILLING,peer1,77"
	assert_equal "$(printf '%s\n' "$output" | base)" "$COLS
1772463600.71,voice,,support,SIP/1001,answered,2026-03-02T15:00:00Z,2026-03-02T15:00:10Z,2026-03-02T15:01:10Z,10,60,5556001,600,\"\"\"Gus\"\" <5556001>\",from-trunk,ANSWERED,,gold,1772463600.71,,1
1772463900.73,voice,,support,PJSIP/1002,answered,2026-03-02T15:05:00Z,2026-03-02T15:05:20Z,2026-03-02T15:07:20Z,20,120,5556002,600,\"\"\"Hal\"\" <5556002>\",from-pstn,ANSWERED,,,,1772463900.73,1
1772464200.75,voice,,sales,,abandoned,2026-03-02T15:10:00Z,,2026-03-02T15:10:33Z,33,,5556003,700,\"\"\"Ida\"\" <5556003>\",from-pstn,NO ANSWER,,silver,,1772464200.75,1
1772464500.77,voice,,sales,PJSIP/1003,answered,2026-03-02T15:15:00Z,2026-03-02T15:15:07Z,2026-03-02T15:16:07Z,7,60,5556004,700,\"\"\"Jon\"\" <5556004>\",from-pstn,ANSWERED,acme,bronze,1772464500.77,1772464500.77,1"
}

# cdr-custom.csv: cdr_custom with the legacy sample mapping (19 fields, everything
# quoted but sequence, an unset answer as "").
#   .51 support: wait 15, billsec 120;  .53 support: abandoned (30 s)
#   .55 sales: two rows (lines 3 and 5): rang SIP/1003 12:10:00-12:10:20, then
#       SIP/1004 answered 12:10:25: wait 25, billsec 120, 2 attempts
#   .57 sales: wait 4, billsec 60, accountcode acme, userfield vip
# support: 2 offered, 1 answered, 1 abandoned: 50.00, asa 15.00, sl 1/2, aht 120.00
# sales: 2 offered, 2 answered (25, 4): asa 14.50, sl 1/2 = 50.00, p50 rank 1 -> 4,
#   p90 rank 2 -> 25, aht (120+60)/2 = 90.00
# TOTAL: 4, 3, 1: 25.00, asa 44/3 = 14.67, sl 2/4 = 50.00, waits 4 15 25: p50 15,
#   p90 25, aht 300/3 = 100.00
@test "cdr: a cdr_custom file with --cdr-columns (the legacy sample mapping)" {
	run -0 --separate-stderr cdr --cdr-columns "$LEGACY" "$D/cdr-custom.csv"
	assert_output 'queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,2,2,0,0,0,0,0.00,14.50,50.00,4,25,25,25,25,90.00
support,2,1,1,0,0,0,50.00,15.00,50.00,15,15,15,15,15,120.00
TOTAL,4,3,1,0,0,0,25.00,14.67,50.00,15,25,25,25,25,100.00'
	assert_equal "$stderr" ''
	run -0 ccreport convert --from asterisk-cdr --cdr-columns "$LEGACY" "$D/cdr-custom.csv"
	# the passed-through columns in the order of the list, without channel
	# (and no peeraccount: the list has none); .55's from its answering row,
	# line 5; the quoted numbers as numbers
	assert_line --index 0 "$COLS,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,amaflags,sequence"
	assert_line --index 3 "1772453400.55,voice,,sales,SIP/1004,answered,2026-03-02T12:10:00Z,2026-03-02T12:10:25Z,2026-03-02T12:12:25Z,25,120,5553003,700,\"\"\"Xia\"\" <5553003>\",from-trunk,ANSWERED,,,1772453400.55,,2,SIP/1004-00000037,Queue,sales,2026-03-02 12:10:20,2026-03-02 12:10:25,2026-03-02 12:12:25,125,120,DOCUMENTATION,56"
	assert_line --index 4 "1772454000.57,voice,,sales,SIP/1003,answered,2026-03-02T12:20:00Z,2026-03-02T12:20:04Z,2026-03-02T12:21:04Z,4,60,5553004,700,\"\"\"Will\"\" <5553004>\",from-trunk,ANSWERED,acme,vip,1772454000.57,,1,SIP/1003-00000039,Queue,sales,2026-03-02 12:20:00,2026-03-02 12:20:04,2026-03-02 12:21:04,64,60,DOCUMENTATION,57"
	# names: any case, spaces around them, "-" for a column to skip
	run -0 cdr --cdr-columns "$(printf '%s' "$LEGACY" | sed 's/clid/ CLID /; s/amaflags/-/; s/userfield/-/')" \
		"$D/cdr-custom.csv"
	assert_line --index 3 'TOTAL,4,3,1,0,0,0,25.00,14.67,50.00,15,25,25,25,25,100.00'
}

@test "cdr: a cdr_custom file read in cdr_csv's order is refused at its first row" {
	# field 12 (end, for cdr_csv) holds the duration 135: not a date
	local pre
	pre=$(head -1 "$D/cdr-custom.csv" | cut -d, -f1-11)
	bad_input "ccreport: $D/cdr-custom.csv:1:$((${#pre} + 2)): bad date in end: '135'" \
		--from asterisk-cdr "$D/cdr-custom.csv"
	# the legacy mapping on a cdr_csv file: 16 fields, not 19
	bad_input "ccreport: $D/cdr-ast18.csv:1: 16 fields, --cdr-columns names 19" \
		--from asterisk-cdr --cdr-columns "$LEGACY" "$D/cdr-ast18.csv"
}

@test "cdr: --cdr-columns errors are usage errors" {
	usage_error "invalid --cdr-columns 'src,foo': unknown column 'foo'" \
		--from asterisk-cdr --cdr-columns src,foo /dev/null
	usage_error "invalid --cdr-columns 'start,end,billsec,disposition,end': column 'end' named twice" \
		--from asterisk-cdr --cdr-columns start,end,billsec,disposition,end /dev/null
	usage_error "invalid --cdr-columns 'end,billsec,disposition': no start (or calldate) column" \
		--from asterisk-cdr --cdr-columns end,billsec,disposition /dev/null
	usage_error "invalid --cdr-columns 'start,billsec,disposition': no end (or duration) column" \
		--from asterisk-cdr --cdr-columns start,billsec,disposition /dev/null
	usage_error "invalid --cdr-columns 'start,end,disposition': no answer (or billsec) column" \
		--from asterisk-cdr --cdr-columns start,end,disposition /dev/null
	usage_error "invalid --cdr-columns 'start,end,billsec': no disposition column" \
		--from asterisk-cdr --cdr-columns start,end,billsec /dev/null
	usage_error "invalid --cdr-columns '': no columns" \
		--from asterisk-cdr --cdr-columns '' /dev/null
	usage_error "invalid --cdr-columns 'start,,end': column 2 has no name" \
		--from asterisk-cdr --cdr-columns start,,end /dev/null
	usage_error "--cdr-columns goes with --from asterisk-cdr" --cdr-columns "$LEGACY" /dev/null
	usage_error "invalid --from 'asterisk-cdrs': records, asterisk-queue-log or asterisk-cdr" \
		--from asterisk-cdrs /dev/null
}

# cdr-export.csv: a database export (FreePBX asteriskcdrdb.cdr style) with a header,
# calldate instead of start/answer/end, NULLs and columns ccreport ignores.
#   .81 support: calldate 16:00:00, duration 130, billsec 120: ends 16:02:10,
#       answered 16:00:10: wait 10, handle 120
#   .83 support: NO ANSWER, 45 s: abandoned, wait 45 (dstchannel NULL: missing)
#   .85 sales: two rows: 16:10:00 +15 s NO ANSWER; 16:10:15 +75 s, billsec 60:
#       ends 16:11:30, answered 16:10:30: wait 30, handle 60, 2 attempts
# support: 2, 1, 1: 50.00, asa 10.00, sl 50.00; sales: 1, 1: asa 30.00, sl 0.00
# TOTAL: 3, 2, 1: 33.33, asa 20.00, sl 1/3 = 33.33, p50 rank 1 -> 10, p90 rank 2 -> 30,
#   aht 90.00
@test "cdr: a database export with a header, calldate and NULL" {
	run -0 --separate-stderr cdr "$D/cdr-export.csv"
	assert_output 'queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,1,1,0,0,0,0,0.00,30.00,0.00,30,30,30,30,30,60.00
support,2,1,1,0,0,0,50.00,10.00,50.00,10,10,10,10,10,120.00
TOTAL,3,2,1,0,0,0,33.33,20.00,33.33,10,30,30,30,30,90.00'
	assert_equal "$stderr" ''
	run -0 ccreport convert --from asterisk-cdr "$D/cdr-export.csv"
	# the header's other columns passed through in its order (channel not):
	# calldate dstchannel lastapp lastdata duration billsec amaflags, the
	# unknown did recordingfile cnum, then sequence peeraccount; NULL missing;
	# .85's from its answering row (line 5)
	assert_line --index 0 "$COLS,calldate,dstchannel,lastapp,lastdata,duration,billsec,amaflags,did,recordingfile,cnum,sequence,peeraccount"
	assert_line --index 2 "1772467500.83,voice,,support,,abandoned,2026-03-02T16:05:00Z,,2026-03-02T16:05:45Z,45,,5557002,600,\"\"\"Lou\"\" <5557002>\",from-pstn,NO ANSWER,,,1772467500.83,1772467500.83,1,2026-03-02 16:05:00,,Queue,support,45,0,3,600,,5557002,83,"
	assert_line --index 3 "1772467800.85,voice,,sales,PJSIP/1003,answered,2026-03-02T16:10:00Z,2026-03-02T16:10:30Z,2026-03-02T16:11:30Z,30,60,5557003,700,\"\"\"Max\"\" <5557003>\",from-pstn,ANSWERED,,,1772467800.85,1772467800.85,2,2026-03-02 16:10:15,PJSIP/1003-00000077,Queue,sales,75,60,3,700,,5557003,86,"
}

# cdr-header.csv: an export whose header has columns ccreport does not know:
# Queue (one of the record's own names: not passed), tenant, Tag, TAG (Tag
# again, case ignored: not passed), channel (not passed), mycol.
#   H1: line 2 rang PJSIP/1001 (NO ANSWER) 09:00:00-09:00:20; line 3 PJSIP/1002
#       answered 09:00:30, ends 09:02:30, billsec 120: wait 30, 2 attempts; the
#       passed-through values are line 3's (the answering row)
#   H2: never answered; line 5 starts first (09:10:00), line 4 at 09:10:15,
#       ends 09:10:40: abandoned, wait 40; the values are line 5's (the first
#       row), its mycol NULL: missing
@test "cdr: a header's other columns are passed through, from the answering or first row" {
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$D/cdr-header.csv"
	assert_output "$COLS,start,answer,end,billsec,dstchannel,lastapp,lastdata,tenant,Tag,mycol
H1,voice,,support,PJSIP/1002,answered,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:02:30Z,30,120,,,,,ANSWERED,,,,H1,2,2026-03-02 09:00:20,2026-03-02 09:00:30,2026-03-02 09:02:30,120,PJSIP/1002-2,Queue,support,t1,answering,m2
H2,voice,,support,,abandoned,2026-03-02T09:10:00Z,,2026-03-02T09:10:40Z,40,,,,,,NO ANSWER,,,,H2,2,2026-03-02 09:10:00,,2026-03-02 09:10:15,0,PJSIP/1001-3,Queue,support,t2,h2-first,"
	assert_equal "$stderr" ''
	# in JSON Lines: billsec a number, the missing values null
	run -0 ccreport convert --from asterisk-cdr --output-format jsonl "$D/cdr-header.csv"
	assert_equal "$(printf '%s\n' "$output" | extras)" '{"start":"2026-03-02 09:00:20","answer":"2026-03-02 09:00:30","end":"2026-03-02 09:02:30","billsec":120,"dstchannel":"PJSIP/1002-2","lastapp":"Queue","lastdata":"support","tenant":"t1","Tag":"answering","mycol":"m2"}
{"start":"2026-03-02 09:10:00","answer":null,"end":"2026-03-02 09:10:15","billsec":0,"dstchannel":"PJSIP/1001-3","lastapp":"Queue","lastdata":"support","tenant":"t2","Tag":"h2-first","mycol":null}'
	# tenant is a known export column: --by takes it (t1: H1 answered in 30 s;
	# t2: H2 abandoned)
	run -0 --separate-stderr cdr --by tenant --no-total "$D/cdr-header.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9)" 'tenant,offered,answered,abandoned,asa
t1,1,1,0,30.00
t2,1,0,1,'
	# Tag is known only once the file is read: a report refuses it, a
	# conversion first gives it
	bad_input "ccreport: $D/cdr-header.csv: no column 'Tag' (named by --by)" \
		--from asterisk-cdr --by Tag "$D/cdr-header.csv"
	run -0 --separate-stderr bash -c 'ccreport convert --from asterisk-cdr --output-format jsonl "$1" | ccreport --by Tag --no-total' _ "$D/cdr-header.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9)" 'Tag,offered,answered,abandoned,asa
answering,1,1,0,30.00
h2-first,1,0,1,'
}

@test "cdr: --by dstchannel and --where did use the passed-through columns" {
	# ast13 by the answering row's dstchannel (the first row's when unanswered):
	# .16 PJSIP/1002-00000014 (30 s), .18 PJSIP/1003-00000013 (abandoned), .31
	# PJSIP/1002-00000021 (the phone, 12 s), .35 PJSIP/1001-00000023 (8 s), .41
	# PJSIP/1003-00000029 (5 s)
	run -0 --separate-stderr cdr --by dstchannel --no-total "$D/cdr-ast13.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9)" 'dstchannel,offered,answered,abandoned,asa
PJSIP/1001-00000023,1,1,0,8.00
PJSIP/1002-00000014,1,1,0,30.00
PJSIP/1002-00000021,1,1,0,12.00
PJSIP/1003-00000013,1,0,1,
PJSIP/1003-00000029,1,1,0,5.00'
	# cdr-export.csv's did: 600 for .81 (10 s) and .83 (abandoned), 700 for .85
	# (30 s)
	run -0 --separate-stderr cdr --by did --no-total "$D/cdr-export.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9)" 'did,offered,answered,abandoned,asa
600,2,1,1,10.00
700,1,1,0,30.00'
	run -0 --separate-stderr cdr --where 'did~^70' "$D/cdr-export.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9,10)" 'queue,offered,answered,abandoned,asa,sl
sales,1,1,0,30.00,0.00
TOTAL,1,1,0,30.00,0.00'
	run -0 --separate-stderr cdr --list abandoned --where 'did~^60' "$D/cdr-export.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,6,29)" 'id,outcome,did
1772467500.83,abandoned,600'
	# and convert takes --where too
	run -0 --separate-stderr ccreport convert --from asterisk-cdr --where 'did~^70' "$D/cdr-export.csv"
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1)" '1772467800.85'
}

@test "cdr: a passed-through column the input lacks stops the run at that input" {
	local m="not among the CDR columns of this input"
	bad_input "ccreport: $D/cdr-ast13.csv: no column 'did' ($m)" \
		--from asterisk-cdr --by did "$D/cdr-ast13.csv"
	bad_input "ccreport: $D/cdr-ast13.csv: no column 'did' ($m)" \
		convert --from asterisk-cdr --where 'did~^6' "$D/cdr-ast13.csv"
	bad_input "ccreport: $D/cdr-ast18.csv: no column 'calldate' ($m)" \
		--from asterisk-cdr --by calldate "$D/cdr-ast18.csv"
	# the legacy cdr_custom mapping has no peeraccount
	bad_input "ccreport: $D/cdr-custom.csv: no column 'peeraccount' ($m)" \
		--from asterisk-cdr --cdr-columns "$LEGACY" --by peeraccount "$D/cdr-custom.csv"
	# a header without dstchannel, even with no rows
	local d
	d=$(scratch)
	printf 'calldate,duration,billsec,disposition\n' >"$d/h.csv"
	bad_input "ccreport: $d/h.csv: no column 'dstchannel' ($m)" \
		--from asterisk-cdr --by dstchannel "$d/h.csv"
	# a second input without it, after a first one with it
	run -1 --separate-stderr cdr --by did "$D/cdr-export.csv" "$D/cdr-ast13.csv"
	assert_output ''
	assert_equal "$stderr" "ccreport: $D/cdr-ast13.csv: no column 'did' ($m)"
}

@test "cdr: inputs of two layouts: records of two shapes, as JSON Lines" {
	# ast13 (5 calls, cdr_csv's columns) then the export (3 calls, its header's)
	run -0 --separate-stderr ccreport convert --from asterisk-cdr --output-format jsonl \
		"$D/cdr-ast13.csv" "$D/cdr-export.csv"
	assert_equal "${#lines[@]}" 8
	assert_equal "$(printf '%s\n' "$output" | grep -c '"peeraccount":null,"sequence":')" 5
	assert_equal "$(printf '%s\n' "$output" | grep -c '"did":"')" 3
	# CSV has one header: the first record of the other shape is refused
	run -1 --separate-stderr ccreport convert --from asterisk-cdr "$D/cdr-ast13.csv" "$D/cdr-export.csv"
	assert_equal "${#lines[@]}" 6
	assert_equal "$stderr" "ccreport: $D/cdr-export.csv:2: fields differ from the first listed record's (use --output-format jsonl)"
}

@test "cdr: an empty file, blank lines, a header alone: no calls" {
	local d
	d=$(scratch)
	: >"$d/empty.csv"
	printf '\n  \n\r\n' >"$d/blank.csv"
	head -1 "$D/cdr-export.csv" >"$d/header.csv"
	for f in empty blank header; do
		run -0 --separate-stderr cdr --by= "$d/$f.csv"
		assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
		assert_equal "$stderr" ''
		run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/$f.csv"
		assert_output ''
	done
}

@test "cdr: CRLF line ends and a byte-order mark are read" {
	local d
	d=$(scratch)
	{ printf '\357\273\277'; sed 's/$/\r/' "$D/cdr-ast13.csv"; } >"$d/crlf.csv"
	run -0 --separate-stderr cdr "$d/crlf.csv"
	assert_output "$AST13_REPORT"
}

# ------------------------------------------------------------ time zones

@test "cdr: --tz is the zone the dates are read in" {
	# 2026-03-02 09:00:00 in Berlin (CET, +01:00) is 08:00:00Z; in New York (EST,
	# -05:00) 14:00:00Z; answer 09:00:25 likewise; the wait stays 25 s
	run -0 ccreport convert --from asterisk-cdr --tz Europe/Berlin "$D/cdr-ast18.csv"
	assert_line --index 1 --partial ',support,SIP/1001,answered,2026-03-02T08:00:00Z,2026-03-02T08:00:25Z,2026-03-02T08:05:25Z,25,300,'
	run -0 ccreport convert --from asterisk-cdr --tz America/New_York "$D/cdr-ast18.csv"
	assert_line --index 1 --partial ',support,SIP/1001,answered,2026-03-02T14:00:00Z,2026-03-02T14:00:25Z,2026-03-02T14:05:25Z,25,300,'
	# the figures do not move; the hours do: with --tz Europe/Berlin calls 1-5 start
	# 09:00-09:40 local (interval 08:00Z), 6-11 10:00-10:50 (09:00Z)
	run -0 cdr --by= -i 1h --tz Europe/Berlin --output-format jsonl "$D/cdr-ast18.csv"
	assert_line --index 1 --partial '"offered":5,"answered":2,"abandoned":2'
	assert_line --index 2 --partial '"offered":6,"answered":1,"abandoned":0'
}

@test "cdr: dates in the hours that summer time skips or repeats" {
	local d
	d=$(scratch)
	# 2026-03-29 02:30 does not exist in Berlin: the offset before (+01:00), 01:30Z;
	# 2026-10-25 02:30 happens twice: the first pass (+02:00), 00:30Z
	{
		printf '%s\n' "$P9\"2026-03-29 02:30:00\",\"2026-03-29 02:30:10\",\"2026-03-29 02:31:10\",$TAIL"
		printf '%s\n' "$P9\"2026-10-25 02:30:00\",\"2026-10-25 02:30:10\",\"2026-10-25 02:31:10\",$TAIL"
	} >"$d/dst.csv"
	run -0 ccreport convert --from asterisk-cdr --tz Europe/Berlin "$d/dst.csv"
	assert_line --index 1 --partial ',2026-03-29T01:30:00Z,2026-03-29T01:30:10Z,2026-03-29T01:31:10Z,10,60,'
	assert_line --index 2 --partial ',2026-10-25T00:30:00Z,2026-10-25T00:30:10Z,2026-10-25T00:31:10Z,10,60,'
}

# ------------------------------------------------------------ the window

# cdr-window.csv (19 fields: newcdrcolumns, no uniqueid; line 3 and 9: 16 fields):
#   1 call .1 support: rang PJSIP/1001 08:00:00-08:00:20 (NO ANSWER)
#   2 call .2 sales: rang PJSIP/1003 08:10:00-08:10:30
#   3 a call without id (BUSY, ends 08:20:10)
#   4 call .4 support: answered, ends 09:00:00
#   5 call .2: answered by PJSIP/1004 at 08:10:40, ends 09:50:00: merged (09:50 is
#     less than 2 h after 08:10:30)
#   6 call .5 support, ends 10:05:00: 2 h after 08:00:20 have passed, call .1 is
#     reported (with only its first row: abandoned, wait 20)
#   7 call .1's answered row, ends 10:06:00: late_row, left out
#   8 call .6 sales, ends 10:40:00: the call of line 3 is reported
#   9 line 3 again: a duplicate of a call already reported
# Order of the records: .1 and line 3 as they were reported, then the rest at the
# end in the order their first row was read: .2, .4, .5, .6.
@test "cdr: calls are held for 2 hours of input; later rows are late_row" {
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$D/cdr-window.csv"
	assert_equal "$(printf '%s\n' "$output" | noid | cut -d, -f1,4-11,21)" 'id,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,attempts
1772438400.1,support,,abandoned,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,20,,1
ID,from-internal,,busy,2026-03-02T08:20:00Z,,2026-03-02T08:20:10Z,10,,1
1772439000.2,sales,PJSIP/1004,answered,2026-03-02T08:10:00Z,2026-03-02T08:10:40Z,2026-03-02T09:50:00Z,40,5960,2
1772440200.4,support,PJSIP/1001,answered,2026-03-02T08:30:00Z,2026-03-02T08:30:05Z,2026-03-02T09:00:00Z,5,1795,1
1772445600.5,support,PJSIP/1002,answered,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,2026-03-02T10:05:00Z,10,290,1
1772447400.6,sales,PJSIP/1003,answered,2026-03-02T10:30:00Z,2026-03-02T10:30:20Z,2026-03-02T10:40:00Z,20,580,1'
	assert_equal "$stderr" 'ccreport: diagnostics: 1 late_row
ccreport: diagnostics: 1 duplicate'
	run -0 --separate-stderr cdr --output-format table "$D/cdr-window.csv"
	assert_line "  $D/cdr-window.csv:7: late_row: a row of call '1772438400.1', already reported: its other rows ended over 2 hours before"
	assert_line "  $D/cdr-window.csv:9: duplicate: the same row as one read more than 2 hours before"
}

@test "cdr: a call of more than 1000 rows keeps 1000 (too_many_rows)" {
	local d
	d=$(scratch)
	# 1002 attempts of one linkedid, each rang 1 s from 09:00:00 + i s
	python3 - "$d/m.csv" <<-'EOF'
		import sys, datetime as dt
		t0 = dt.datetime(2026, 3, 2, 9, 0, 0)
		with open(sys.argv[1], "w") as f:
		    for i in range(1002):
		        s, e = t0 + dt.timedelta(seconds=i), t0 + dt.timedelta(seconds=i + 1)
		        f.write('"","1","600","c","x","SIP/t-1","SIP/1001-%08x","Queue","support",'
		                '"%s",,"%s",1,0,"NO ANSWER","DOCUMENTATION","","L1",%d\n'
		                % (i, s.strftime("%Y-%m-%d %H:%M:%S"), e.strftime("%Y-%m-%d %H:%M:%S"), i))
	EOF
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/m.csv"
	# the call keeps rows 1-1000: 09:00:00 to 09:16:40 (1000 s), abandoned
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,6,7,9,10,21)" 'id,outcome,arrived_at,ended_at,wait_s,attempts
L1,abandoned,2026-03-02T09:00:00Z,2026-03-02T09:16:40Z,1000,1000'
	assert_equal "$stderr" 'ccreport: diagnostics: 2 too_many_rows'
}

@test "cdr: more than 250000 calls open at once: the oldest is reported early" {
	local d
	d=$(scratch)
	# 250002 calls without id, all within one hour: two past the limit
	python3 - "$d/m.csv" <<-'EOF'
		import sys
		with open(sys.argv[1], "w") as f:
		    for i in range(250002):
		        s = i % 3599
		        f.write('"","%d","600","c","x","SIP/t-1","","Queue","q","2026-03-02 09:%02d:%02d",,'
		                '"2026-03-02 09:%02d:%02d",1,0,"NO ANSWER","DOCUMENTATION"\n'
		                % (i, s // 60, s % 60, (s + 1) // 60, (s + 1) % 60))
	EOF
	run -0 --separate-stderr cdr --by= "$d/m.csv"
	# every call is still counted once: 250002 offered, all abandoned (Queue)
	assert_output "$FIGS
250002,0,250002,0,0,0,100.00,,0.00,,,,,,"
	assert_equal "$stderr" 'ccreport: diagnostics: 2 window_full'
}

# cdr-jump.csv (19 fields: newcdrcolumns, linkedid J1..J6):
#   1 J1 support: rang PJSIP/1001 09:00:00-09:00:20 (NO ANSWER)
#   2 J2 sales: PJSIP/1003 answered 09:05:10, ends 09:06:10, billsec 60: wait 10
#   3 J3: dated 2027-01-01, ends 00:00:05: more than 2 h after the clock
#     (09:06:10) and after line 4 (09:10:00): a wild date, time_jump, left out
#   4 J1: PJSIP/1002 answered 09:00:30, ends 09:10:00, billsec 570: merged with
#     line 1 (the wild row did not release J1): wait 30, 2 attempts
#   5 J4 support: PJSIP/1001 answered 09:20:05, ends 09:25:05: wait 5, handle 300
#   6 J5 support, the next day: ends 2026-03-03 09:01:10, more than 2 h after the
#     clock (09:25:05), but line 7 ends after it: a real gap, taken; the clock
#     moves to 03-03 09:01:10 and J1, J2, J4 are reported
#   7 J6 sales, 03-03 09:02:00-09:02:40, NO ANSWER: abandoned, wait 40
#   8 J4's survey row (ends 03-02 09:25:30): J4 was reported (the clock did
#     move at the gap): late_row, left out
JUMP_CALLS='id,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,attempts
J1,support,PJSIP/1002,answered,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,30,570,2
J2,sales,PJSIP/1003,answered,2026-03-02T09:05:00Z,2026-03-02T09:05:10Z,2026-03-02T09:06:10Z,10,60,1
J4,support,PJSIP/1001,answered,2026-03-02T09:20:00Z,2026-03-02T09:20:05Z,2026-03-02T09:25:05Z,5,300,1
J5,support,PJSIP/1002,answered,2026-03-03T09:00:00Z,2026-03-03T09:00:10Z,2026-03-03T09:01:10Z,10,60,1
J6,sales,,abandoned,2026-03-03T09:02:00Z,,2026-03-03T09:02:40Z,40,,1'

@test "cdr: one wild date is left out (time_jump) and releases no call; a real gap does" {
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$D/cdr-jump.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,4-11,21)" "$JUMP_CALLS"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump
ccreport: diagnostics: 1 late_row'
	run -0 cdr --output-format table "$D/cdr-jump.csv"
	assert_line "  $D/cdr-jump.csv:3: time_jump: ends at 2027-01-01T00:00:05Z, more than 2 hours after the rows around it: left out"
	assert_line "  $D/cdr-jump.csv:8: late_row: a row of call 'J4', already reported: its other rows ended over 2 hours before"
	# the report: support J1 (30 s), J4 (5 s), J5 (10 s): asa 45/3 = 15.00, sl
	# (<= 20 s) 2/3 = 66.67; sales J2 answered (10 s), J6 abandoned: asa 10.00,
	# sl 1/2 = 50.00; TOTAL asa 55/4 = 13.75, sl 3/5 = 60.00; nothing dated 2027
	run -0 --separate-stderr cdr "$D/cdr-jump.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9,10)" 'queue,offered,answered,abandoned,asa,sl
sales,2,1,1,10.00,50.00
support,3,3,0,15.00,66.67
TOTAL,5,4,1,13.75,60.00'
	# with --reject the left-out row is written there after its reason
	local d
	d=$(scratch)
	run -0 --separate-stderr cdr --reject "$d/rej" "$D/cdr-jump.csv"
	run -0 sed -n 1,2p "$d/rej"
	assert_output "# $D/cdr-jump.csv:3: time_jump: ends at 2027-01-01T00:00:05Z, more than 2 hours after the rows around it: left out
$(sed -n 3p "$D/cdr-jump.csv")"
}

@test "cdr: a wild first row is judged by the second; a wild last row is taken" {
	local d
	d=$(scratch)
	# the 2027 row first, then lines 1, 2, 4, 5: line 1 of the new file ends more
	# than 2 h after the next row: left out; J1, J2, J4 as above
	{ sed -n 3p "$D/cdr-jump.csv"; sed -n '1,2p;4,5p' "$D/cdr-jump.csv"; } >"$d/first.csv"
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/first.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,4-11,21)" "$(printf '%s\n' "$JUMP_CALLS" | sed -n 1,4p)"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
	run -0 cdr --output-format table "$d/first.csv"
	assert_line "  $d/first.csv:1: time_jump: ends at 2027-01-01T00:00:05Z, more than 2 hours after the rows around it: left out"
	# last: no next row to tell a gap from a wild date: J3 is a call (Dial, NO
	# ANSWER: no_answer, 5 s), reported after the others
	{ sed -n '1,2p;4,5p' "$D/cdr-jump.csv"; sed -n 3p "$D/cdr-jump.csv"; } >"$d/last.csv"
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/last.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,4-11,21)" "$(printf '%s\n' "$JUMP_CALLS" | sed -n 1,4p)
J3,from-internal,,no_answer,2027-01-01T00:00:00Z,,2027-01-01T00:00:05Z,5,,1"
	assert_equal "$stderr" ''
}

@test "cdr: a wild date among 250100 calls: memory stays bounded (no window_full)" {
	local d
	d=$(scratch)
	# one abandoned call every 20 s from 2026-03-01 (58 days), the 5th row dated
	# 2030: it is left out; the clock follows the others, so about 2 h / 20 s =
	# 360 calls are held at a time, never 250000 (a clock moved to 2030 would
	# hold every later call: 250095 > 250000, window_full)
	python3 - "$d/m.csv" <<-'EOF2'
		import sys, datetime as dt
		t0 = dt.datetime(2026, 3, 1)
		with open(sys.argv[1], "w") as f:
		    for i in range(250100):
		        s = t0 + dt.timedelta(seconds=20 * i)
		        if i == 4:
		            s = dt.datetime(2030, 1, 1)
		        e = s + dt.timedelta(seconds=15)
		        f.write('"","%d","600","c","x","SIP/t-1","","Queue","q","%s",,"%s",15,0,'
		                '"NO ANSWER","DOCUMENTATION"\n'
		                % (i, s.strftime("%Y-%m-%d %H:%M:%S"), e.strftime("%Y-%m-%d %H:%M:%S")))
	EOF2
	run -0 --separate-stderr cdr --by= "$d/m.csv"
	# 250100 - 1 left out = 250099 offered, all abandoned, 15 s each
	assert_output "$FIGS
250099,0,250099,0,0,0,100.00,,0.00,,,,,,"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
}

# ------------------------------------------------------------ row diagnostics

@test "cdr: answer_missing and billsec without an answer" {
	local d
	d=$(scratch)
	{
		# ANSWERED, answer unset, billsec 60: answered at end - 60 = 09:00:10
		printf '%s\n' "$P9$START,,$END,$TAIL"
		# ANSWERED, neither answer nor billsec: not answered by a party: abandoned
		printf '%s\n' "${P9/1001/1002}$START,,$END,70,,\"ANSWERED\",\"DOCUMENTATION\""
		# NO ANSWER with billsec 5: billsec_mismatch, still no_answer... in a queue:
		# abandoned
		printf '%s\n' "${P9/1001/1003}$START,,$END,70,5,\"NO ANSWER\",\"DOCUMENTATION\""
		# answer after end: time_order, left out
		printf '%s\n' "${P9/1001/1004}$START,\"2026-03-02 09:02:00\",$END,$TAIL"
		# answer before start: time_order, left out
		printf '%s\n' "${P9/1001/1005}$START,\"2026-03-02 08:59:00\",$END,$TAIL"
	} >"$d/m.csv"
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/m.csv"
	assert_equal "$(printf '%s\n' "$output" | noid | cut -d, -f1,5-11)" 'id,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s
ID,SIP/1001,answered,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:01:10Z,10,60
ID,,abandoned,2026-03-02T09:00:00Z,,2026-03-02T09:01:10Z,70,
ID,,abandoned,2026-03-02T09:00:00Z,,2026-03-02T09:01:10Z,70,'
	assert_equal "$stderr" 'ccreport: diagnostics: 2 answer_missing
ccreport: diagnostics: 1 billsec_mismatch
ccreport: diagnostics: 2 time_order'
	run -0 cdr --output-format table "$d/m.csv"
	assert_line "  $d/m.csv:1: answer_missing: ANSWERED without an answer time: taken as end - billsec"
	assert_line "  $d/m.csv:2: answer_missing: ANSWERED without an answer time or billsec: not counted as answered"
	assert_line "  $d/m.csv:3: billsec_mismatch: billsec 5 without an answer time"
	assert_line "  $d/m.csv:4: time_order: end is before answer"
	assert_line "  $d/m.csv:5: time_order: answer is before start"
}

@test "cdr: zero dates (0000-00-00, the Unix epoch) are unset" {
	local d
	d=$(scratch)
	{
		# ANSWERED, answer MySQL's zero date, billsec 60: unset, so answered at
		# end - 60 = 09:00:10 (answer_missing): wait 10, handle 60
		printf '%s\n' "$P9$START,\"0000-00-00 00:00:00\",$END,$TAIL"
		# NO ANSWER in a queue, answer the Unix epoch: unset (not an answer before
		# start): abandoned, wait end - start = 70
		printf '%s\n' "${P9/1001/1002}$START,\"1970-01-01 00:00:00\",$END,70,0,\"NO ANSWER\",\"DOCUMENTATION\""
		# the zero date without a time, unquoted: unset
		printf '%s\n' "${P9/1001/1003}$START,0000-00-00,$END,70,0,\"NO ANSWER\",\"DOCUMENTATION\""
		# the epoch written in Berlin time (01:00 there): unset
		printf '%s\n' "${P9/1001/1004}$START,\"1970-01-01 01:00:00\",$END,70,0,\"NO ANSWER\",\"DOCUMENTATION\""
	} >"$d/m.csv"
	run -0 --separate-stderr ccreport convert --from asterisk-cdr --tz Europe/Berlin "$d/m.csv"
	# 09:00 Berlin is 08:00Z; the passed-through answer (column 26) is missing
	assert_equal "$(printf '%s\n' "$output" | noid | cut -d, -f1,5-11,26)" 'id,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,answer
ID,SIP/1001,answered,2026-03-02T08:00:00Z,2026-03-02T08:00:10Z,2026-03-02T08:01:10Z,10,60,
ID,,abandoned,2026-03-02T08:00:00Z,,2026-03-02T08:01:10Z,70,,
ID,,abandoned,2026-03-02T08:00:00Z,,2026-03-02T08:01:10Z,70,,
ID,,abandoned,2026-03-02T08:00:00Z,,2026-03-02T08:01:10Z,70,,'
	assert_equal "$stderr" 'ccreport: diagnostics: 1 answer_missing'
	# a start or an end that is unset makes the line bad, as an empty one does
	bad "$P9\"0000-00-00 00:00:00\",$ANS,$END,$TAIL\n" '1: no start time'
	bad "$P9$START,$ANS,\"1970-01-01 00:00:00\",$TAIL\n" '1: no end time'
	# 1970-01-02 is a date: an answer before the start
	printf '%s\n' "$P9$START,\"1970-01-02 00:00:00\",$END,$TAIL" >"$d/n.csv"
	run -0 --separate-stderr cdr --by= "$d/n.csv"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_order'
}

@test "cdr: VoiceMail is voicemail; VoiceMailMain, the owner's mailbox check, self_service" {
	local d
	d=$(scratch)
	local me='"","1003","*97","from-internal","""Me"" <1003>","SIP/1003-00000001"'
	{
		# a caller sent to mailbox 1003: voicemail
		printf '%s\n' '"","5551020","1003","from-trunk","""Ann"" <5551020>","SIP/trunk-00000020","","VoiceMail","1003@default,u","2026-03-02 09:00:00","2026-03-02 09:00:20","2026-03-02 09:01:00",60,40,"ANSWERED","DOCUMENTATION"'
		# 1003 listening to its messages: self_service
		printf '%s\n' "$me,\"\",\"VoiceMailMain\",\"1003@default\",\"2026-03-02 09:10:00\",\"2026-03-02 09:10:01\",\"2026-03-02 09:12:01\",121,120,\"ANSWERED\",\"DOCUMENTATION\""
		# the same with the dstchannel of a failed Dial kept (Asterisk before
		# 12): not answered by a party, self_service too
		printf '%s\n' "$me,\"SIP/1004-00000002\",\"VoiceMailMain\",\"1003@default\",\"2026-03-02 09:20:00\",\"2026-03-02 09:20:01\",\"2026-03-02 09:21:01\",61,60,\"ANSWERED\",\"DOCUMENTATION\""
	} >"$d/vm.csv"
	run -0 --separate-stderr ccreport convert --from asterisk-cdr "$d/vm.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f4-6,10,16)" 'queue,agent,outcome,wait_s,disposition
from-trunk,,voicemail,60,ANSWERED
from-internal,,self_service,121,ANSWERED
from-internal,,self_service,61,ANSWERED'
	# and the page says so
	cd "$TOP_SRCDIR"
	run -1 grep -F 'its lastapp is VoiceMail or VoiceMailMain' man/cc-asterisk.5
	run -0 grep -A2 -F 'its lastapp is VoiceMail (the caller was sent to a mailbox); VoiceMailMain' man/cc-asterisk.5
	assert_line 'agent, so it is self_service; NO ANSWER is no_answer, BUSY busy, FAILED'
}

# ------------------------------------------------------------ bad lines

# bad FILE-CONTENT MESSAGE [ARG...]: a one-line file with CONTENT (printf %b)
# must stop ccreport with exactly "ccreport: FILE:MESSAGE" and status 1.
bad() {
	local d
	d=$(scratch)
	printf '%b' "$1" >"$d/m.csv"
	local msg=$2
	shift 2
	bad_input "ccreport: $d/m.csv:$msg" --from asterisk-cdr "$@" "$d/m.csv"
}

@test "cdr: bad lines stop the report with the line, column and reason" {
	# wrong field counts
	bad "$G,\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"\n" '1: 22 fields: Master.csv rows have 16 to 21 (--cdr-columns gives another order)'
	bad "${G%,*}\n" '1: 15 fields: Master.csv rows have 16 to 21 (--cdr-columns gives another order)'
	bad 'x\n' '1: 1 field: Master.csv rows have 16 to 21 (--cdr-columns gives another order)'
	# bad quotes (the lenient reading does not fit either)
	bad '"a,b\n' '1:1: unterminated quoted field'
	bad '"a"b\n' '1:4: text after the closing quote of a field'
	bad 'ab"c\n' '1:3: quote inside an unquoted field'
	# (the quote after the opening one that is followed by neither a comma nor a
	# quote: the 21st byte of the field)
	bad "$G\n$P9\"2026-03-02 09:00:00,$ANS,$END,$TAIL\n" "2:$((${#P9} + 23)): text after the closing quote of a field"
	# bytes, in place of the A of the clid
	local a=${P9%%A*}
	a=$((${#a} + 1))
	bad "${P9/A/\\xff}$START,$ANS,$END,$TAIL\n" "1:$a: invalid UTF-8"
	bad "${P9/A/\\x00}$START,$ANS,$END,$TAIL\n" "1:$a: NUL byte"
	bad "${P9/A/\\x01}$START,$ANS,$END,$TAIL\n" "1:$a: control character 0x01"
	bad "${P9/A/\\r}$START,$ANS,$END,$TAIL\n" "1:$a: carriage return inside a line"
	bad '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n' '1:1: invalid UTF-8'
	# dates and numbers
	local c=$((${#P9} + 1))
	bad "$P9\"2026-02-30 09:00:00\",$ANS,$END,$TAIL\n" "1:$c: bad date in start: '2026-02-30 09:00:00'"
	bad "$P9\"1772442000\",$ANS,$END,$TAIL\n" "1:$c: bad date in start: '1772442000'"
	bad "$P9\"yesterday\",$ANS,$END,$TAIL\n" "1:$c: bad date in start: 'yesterday'"
	bad "$P9,$ANS,$END,$TAIL\n" '1: no start time'
	bad "$P9$START,$ANS,,$TAIL\n" '1: no end time'
	local p="$P9$START,$ANS,$END,70,"
	bad "${p}6O,\"ANSWERED\",\"DOCUMENTATION\"\n" "1:$((${#p} + 1)): bad number in billsec: '6O' (a whole number of seconds is needed)"
	bad "${p}-5,\"ANSWERED\",\"DOCUMENTATION\"\n" "1:$((${#p} + 1)): bad number in billsec: '-5' (a whole number of seconds is needed)"
	bad "${p}1000000001,\"ANSWERED\",\"DOCUMENTATION\"\n" "1:$((${#p} + 1)): bad number in billsec: '1000000001' (a whole number of seconds is needed)"
	bad "$G,\"\",\"L\",x\n" "1:$((${#G} + 9)): bad number in sequence: 'x'"
	# a field over --max-field-size: the clid of 25 bytes with a limit of 19
	local p4='"","1001","600","from-trunk",'
	bad "$p4\"abcdefghijklmnopqrstuvwxy\",${P9#*<1001>\",}$START,$ANS,$END,$TAIL\n" \
		"1:$((${#p4} + 1)): field 5 is longer than 19 bytes (--max-field-size)" --max-field-size 19
	# a line over 16 x --max-field-size + 65536 bytes
	local long
	long=$(head -c 70000 /dev/zero | tr '\0' x)
	bad "\"$long\"\n" '1: line longer than 65552 bytes' --max-field-size 1
}

@test "cdr: a file that cannot be read" {
	bad_input 'ccreport: cannot open /nonexistent/Master.csv: No such file or directory' \
		--from asterisk-cdr /nonexistent/Master.csv
	bad_input 'ccreport: /: read error: Is a directory' --from asterisk-cdr /
}

@test "cdr: --reject keeps going and writes each bad line after its reason" {
	local d long
	d=$(scratch)
	long=$(head -c 70000 /dev/zero | tr '\0' x)
	{
		printf '%s\n' "$G"
		printf '%s\n' '"a,b'
		printf '%s\n' "${P9/1001/1002}$START,$ANS,$END,$TAIL"
		printf '\377\n'
		printf '"%s"\n' "$long"
		printf '%s\n' "${P9/1001/1003}$START,,$END,70,0,\"NO ANSWER\",\"DOCUMENTATION\""
	} >"$d/m.csv"
	run -0 --separate-stderr cdr --by= --max-field-size 100 --reject "$d/rej" "$d/m.csv"
	# the good rows: 1001 and 1002 answered (10 s, 60 s), 1003 abandoned (70 s)
	assert_output "$FIGS
3,2,1,0,0,0,33.33,10.00,66.67,10,10,10,10,10,60.00"
	assert_equal "$stderr" "ccreport: 3 records rejected (see $d/rej)"
	{
		printf '# %s:2:1: unterminated quoted field\n"a,b\n' "$d/m.csv"
		printf '# %s:4:1: invalid UTF-8\n\377\n' "$d/m.csv"
		printf '# %s:5: line longer than 67136 bytes\n"%s\n' "$d/m.csv" "$(printf '%s' "$long" | head -c 1023)"
	} >"$d/expected"
	run -0 cmp "$d/rej" "$d/expected"
}

@test "cdr: a full device: one write error line, exit 1" {
	for sub in "" convert; do
		for fmt in csv jsonl table; do
			run -1 --separate-stderr bash -c 'ccreport $1 --from asterisk-cdr --output-format "$2" "$3" > /dev/full' \
				_ "$sub" "$fmt" "$D/cdr-uniqueid.csv"
			assert_output ''
			assert_equal "$stderr" 'ccreport: write error: No space left on device'
		done
	done
}

@test "cdr: --list, --queue and --by work on the calls" {
	# ast18's abandoned calls: Bob (support) and Dan (sales)
	run -0 --separate-stderr cdr --list abandoned "$D/cdr-ast18.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f4,6,12)" 'queue,outcome,src
support,abandoned,5551002
sales,abandoned,5551004'
	# the agents of ast13: PJSIP/1002 two calls (30, 12 s), PJSIP/1001 one (8 s),
	# PJSIP/1003 one (5 s); the abandoned call has no agent
	run -0 --separate-stderr cdr --by agent --no-total "$D/cdr-ast13.csv"
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4,9)" 'agent,offered,answered,abandoned,asa
,1,0,1,
PJSIP/1001,1,1,0,8.00
PJSIP/1002,2,2,0,21.00
PJSIP/1003,1,1,0,5.00'
	run -0 --separate-stderr cdr --queue support --by= "$D/cdr-ast13.csv"
	assert_output "$FIGS
3,3,0,0,0,0,0.00,16.67,66.67,12,30,30,30,30,146.67"
}

@test "cdr: --partial and merge give the report of one run" {
	run -0 --separate-stderr cdr "$D/cdr-ast13.csv"
	local one=$output
	run -0 --separate-stderr bash -c 'ccreport --from asterisk-cdr --partial "$1" | ccreport merge' _ "$D/cdr-ast13.csv"
	assert_output "$one"
}

# ------------------------------------------------------------ the sample day

# An independent reading of a 20-field Master.csv (loguniqueid + newcdrcolumns),
# written from ccreport(1)'s rules: exact duplicate lines dropped, rows grouped by
# linkedid, the answering row (ANSWERED, answer, dstchannel, not VoiceMail) with the
# earliest answer, queue of the Queue rows (else dcontext), wait from the earliest
# start. Prints "queue offered answered abandoned sum-of-answered-waits
# answered-within-20s" per queue, and per agent of the from-pstn calls.
MODEL='
import collections, csv, datetime as dt, sys
from zoneinfo import ZoneInfo
tz = ZoneInfo("Europe/Berlin")
def t(s):
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz) if s else None
seen, calls = set(), collections.OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    if line in seen:
        continue
    seen.add(line)
    r = next(csv.reader([line]))
    calls.setdefault(r[18], []).append(r)
queues, agents = collections.defaultdict(lambda: [0] * 5), collections.defaultdict(lambda: [0] * 5)
for rows in calls.values():
    first = min(rows, key=lambda r: t(r[9]))
    ans = [r for r in rows if r[14] == "ANSWERED" and r[10] and r[6] and r[7] != "VoiceMail"]
    a = min(ans, key=lambda r: t(r[10])) if ans else None
    qrows = [r for r in rows if r[7] == "Queue"]
    queue = (a if a and a[7] == "Queue" else min(qrows, key=lambda r: t(r[9])))[8].split(",")[0] if qrows else first[3]
    agent = a[6].rsplit("-", 1)[0] if a else ""
    for key, tab, use in ((queue, queues, True), (agent, agents, first[3] == "from-pstn")):
        if not use:
            continue
        f = tab[key]
        f[0] += 1
        if a:
            w = (t(a[10]) - t(first[9])).total_seconds()
            f[1] += 1; f[3] += w; f[4] += w <= 20
        elif qrows:
            f[2] += 1
for name, tab in (("queue", queues), ("agent", agents)):
    for k in sorted(tab):
        print(name, k or "-", *[int(x) for x in tab[k]])
'

# ASA and SL as ccreport rounds them: half away from zero, two decimals.
FIGS_PY='
import sys
from fractions import Fraction as F
def r2(x):
    q = x * 100
    n = int(q + F(1, 2)) if q >= 0 else -int(-q + F(1, 2))
    return "%d.%02d" % (n // 100, n % 100)
for line in sys.stdin:
    kind, k, off, ans, abn, wsum, w20 = line.split()
    off, ans, abn, wsum, w20 = map(int, (off, ans, abn, wsum, w20))
    print(k if k != "-" else "", off, ans, abn, r2(F(wsum, ans)) if ans else "", r2(F(w20 * 100, off)) if off else "", sep=",")
'

@test "cdr: samples/Master.csv is what samples/make-cdr.py writes" {
	local d
	d=$(scratch)
	run -0 python3 "$TOP_SRCDIR/samples/make-cdr.py" "$d/Master.csv"
	run -0 cmp "$d/Master.csv" "$TOP_SRCDIR/samples/Master.csv"
}

@test "cdr: the CDR examples of ccreport(1) give the figures of an independent reading" {
	cd "$TOP_SRCDIR"
	local model
	model=$(python3 -c "$MODEL" samples/Master.csv)
	# 1. per queue, the three queues
	run -0 --separate-stderr ccreport --from asterisk-cdr --tz Europe/Berlin \
		--queue support,sales,billing samples/Master.csv
	local expected
	expected=$(printf '%s\n' "$model" | grep '^queue \(billing\|sales\|support\) ' | python3 -c "$FIGS_PY")
	assert_equal "$(printf '%s\n' "$output" | sed '1d;$d' | cut -d, -f1-4,9,10)" "$expected"
	assert_equal "$stderr" 'ccreport: diagnostics: 2 duplicate'
	# 2. convert: one record per linkedid, attempts adding up to the rows read
	#    but the 2 duplicates
	run -0 --separate-stderr ccreport convert --from asterisk-cdr --tz Europe/Berlin \
		--output-format jsonl samples/Master.csv
	local rows calls
	rows=$(sort -u samples/Master.csv | wc -l)
	calls=$(python3 -c 'import csv, sys; print(len({r[18] for r in csv.reader(open(sys.argv[1], encoding="utf-8"))}))' samples/Master.csv)
	assert_equal "${#lines[@]}" "$calls"
	assert_equal "$(printf '%s\n' "$output" | sed 's/.*"attempts":\([0-9]*\),.*/\1/' | awk '{ s += $1 } END { print s }')" "$rows"
	# 3. the calls from the trunk, per agent
	run -0 --separate-stderr ccreport --from asterisk-cdr --tz Europe/Berlin \
		--where 'dcontext~^from-pstn$' --by agent samples/Master.csv
	expected=$(printf '%s\n' "$model" | grep '^agent ' | python3 -c "$FIGS_PY")
	assert_equal "$(printf '%s\n' "$output" | sed '1d;$d' | cut -d, -f1-4,9,10)" "$expected"
	# and the examples are in the page
	run -0 grep -c 'samples/Master.csv' man/ccreport.1
	assert [ "$output" -ge 3 ]
}

@test "cdr: ingest twice into the store: every call stored once, also without ids" {
	local d
	d=$(scratch)
	for f in cdr-ast13 cdr-ast18; do
		run -0 ccreport ingest --db "$d/$f.sqlite" --from asterisk-cdr "$D/$f.csv"
		# the second ingest (a copy of the file under another name) adds nothing:
		# linkedids, and for cdr-ast18 the ids made from the rows, are the same
		cp "$D/$f.csv" "$d/again.csv"
		run -0 ccreport ingest --db "$d/$f.sqlite" --from asterisk-cdr "$d/again.csv"
		run -0 ccreport --db "$d/$f.sqlite"
		if [ "$f" = cdr-ast13 ]; then
			assert_output "$AST13_REPORT"
		else
			assert_output "$AST18_REPORT"
		fi
	done
}
