#!/usr/bin/env bats
# ccreport --from asterisk-queue-log: Asterisk's queue_log, native and as a
# table export, of several Asterisk versions, tidy and messy.  The fixtures
# (tests/data/qlog-*) were written by hand from the formats of the reference
# (app_queue.c, logger.c); every figure below is worked out by hand in the
# comments from the lines of the fixture, never pasted from ccreport's output.

bats_require_minimum_version 1.5.0
setup() {
	load common
	V11=$TEST_DATA/qlog-v11.queue_log
	V14=$TEST_DATA/qlog-v14.queue_log
	V13=$TEST_DATA/qlog-v13.queue_log
	V20=$TEST_DATA/qlog-v20.queue_log
	MESSY=$TEST_DATA/qlog-messy.queue_log
	QL=(--from asterisk-queue-log)
	COLS='id,callid,channel,direction,queue,agent,outcome,arrived_at,answered_at,ended_at,wait_s,handle_s,ring_s,caller,caller_name,position,exit_position,rna,hangup_by,transfer,transfer_to,exit_key,end_event'
}

# The columns NAMES (comma-separated) of a CSV without quoted fields on stdin.
csv_cols() {
	awk -F, -v want="$1" 'BEGIN { n = split(want, w, ",") }
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ s = ""; for (k = 1; k <= n; k++) s = s (k > 1 ? "," : "") $(c[w[k]]); print s }'
}

# ------------------------------------------------------- Asterisk 1.8 to 11
#
# qlog-v11.queue_log, T = 1772442000 = 2026-03-02T09:00:00Z; Alice, Bob
# (sales) and Carol, Alice (support) are added at T+10.
#
#  call            queue    entered  events                                  outcome
#  c1 ...095.1     sales    T+100    RNA Bob, CONNECT Alice T+108 8|..|3,     answered  wait 8  talk 120
#                                    COMPLETECALLER 8|120|1 (T+228)
#  c2 ...198.3     sales    T+200    CONNECT Bob 15|..|2, COMPLETEAGENT        answered  wait 15 talk 300
#                                    15|300|1 (T+515)
#  c3 ...299.5     sales    T+300    ABANDON 1|1|12                          abandoned wait 12
#  c4 ...399.6     sales    T+400    EXITWITHTIMEOUT 1|1|60                  timeout   wait 60
#  c5 ...497.7     support  T+500    CONNECT Carol 30|..|4, TRANSFER           transferred (answered)
#                                    200|from-internal|30|120|1 (T+650)         wait 30 talk 120
#  c6 ...598.9     support  T+600    EXITWITHKEY 5|1|1|10                    exit_key  wait 10 (other)
#  c7 ...699.10    support  T+700    EXITEMPTY 1|1|5                         exit_empty wait 5 (other)
#  c8 ...797.11    support  T+800    CONNECT Alice 25|..|5, COMPLETECALLER     answered  wait 25 talk 200
#                                    25|200|1 (T+1025)
#
# sales: offered 4, answered 2, abandoned 1, timeout 1; abandon_rate 1/4 = 25.00;
#   asa (8 + 15)/2 = 11.50; sl(20) 2/4 = 50.00; waits 8 15: p50 rank 1 -> 8, p90..max 15;
#   aht (120 + 300)/2 = 210.00
# support: offered 4, answered 2 (c5 transferred, c8), other 2; rate 0.00;
#   asa (30 + 25)/2 = 27.50; sl 0/4 = 0.00; waits 25 30: p50 25, p90 30; aht (120 + 200)/2 = 160.00
# TOTAL: offered 8, answered 4, abandoned 1, timeout 1, other 2; rate 1/8 = 12.50;
#   asa 78/4 = 19.50; sl 2/8 = 25.00; waits 8 15 25 30: p50 rank 2 -> 15, p90 rank 4 -> 30;
#   aht 740/4 = 185.00
V11_REPORT="queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,4,2,1,1,0,0,25.00,11.50,50.00,8,15,15,15,15,210.00
support,4,2,0,0,0,2,0.00,27.50,0.00,25,30,30,30,30,160.00
TOTAL,8,4,1,1,0,2,12.50,19.50,25.00,15,30,30,30,30,185.00"

@test "1.8-11: the queues report, every figure worked out by hand" {
	run -0 --separate-stderr ccreport "${QL[@]}" "$V11"
	assert_output "$V11_REPORT"
	assert_equal "$stderr" ''
	# one row: the TOTAL figures
	run -0 --separate-stderr ccreport "${QL[@]}" --by= "$V11"
	assert_output "$FIGS
8,4,1,1,0,2,12.50,19.50,25.00,15,30,30,30,30,185.00"
	# --sl 10 on answered: 8 only -> 1/2 = 50.00, 0/2, 1/4 = 25.00
	run -0 --separate-stderr ccreport "${QL[@]}" --sl 10 --sl-base answered "$V11"
	assert_equal "$(cut -d, -f10 <<<"$output" | tr '\n' ' ')" 'sl 50.00 0.00 25.00 '
	# from standard input, the same
	run -0 bash -c 'ccreport --from asterisk-queue-log < "$1"' _ "$V11"
	assert_output "$V11_REPORT"
}

@test "1.8-11: convert writes one record per visit, column by column" {
	# In the order the visits ended: c1 T+228, c3 T+312, c4 T+460, c2 T+515, c6 T+610,
	# c5 T+650, c7 T+705, c8 T+1025.  id = callid:queue:ENTERQUEUE epoch; times
	# T+100 = 09:01:40 ...; position from ENTERQUEUE's origposition (1); exit_position
	# from the exit event's position; rna: c1 rang Bob once; hangup_by from COMPLETECALLER /
	# COMPLETEAGENT; TRANSFER: transfer, exten@context.
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$V11"
	assert_output "$COLS
1772442095.1:sales:1772442100,1772442095.1,voice,inbound,sales,Alice,answered,2026-03-02T09:01:40Z,2026-03-02T09:01:48Z,2026-03-02T09:03:48Z,8,120,3,5550101,,1,,1,caller,,,,COMPLETECALLER
1772442299.5:sales:1772442300,1772442299.5,voice,inbound,sales,,abandoned,2026-03-02T09:05:00Z,,2026-03-02T09:05:12Z,12,,,5550103,,1,1,0,,,,,ABANDON
1772442399.6:sales:1772442400,1772442399.6,voice,inbound,sales,,timeout,2026-03-02T09:06:40Z,,2026-03-02T09:07:40Z,60,,,5550104,,1,1,0,,,,,EXITWITHTIMEOUT
1772442198.3:sales:1772442200,1772442198.3,voice,inbound,sales,Bob,answered,2026-03-02T09:03:20Z,2026-03-02T09:03:35Z,2026-03-02T09:08:35Z,15,300,2,5550102,,1,,0,agent,,,,COMPLETEAGENT
1772442598.9:support:1772442600,1772442598.9,voice,inbound,support,,exit_key,2026-03-02T09:10:00Z,,2026-03-02T09:10:10Z,10,,,5550106,,1,1,0,,,,5,EXITWITHKEY
1772442497.7:support:1772442500,1772442497.7,voice,inbound,support,Carol,transferred,2026-03-02T09:08:20Z,2026-03-02T09:08:50Z,2026-03-02T09:10:50Z,30,120,4,5550105,,1,,0,,transfer,200@from-internal,,TRANSFER
1772442699.10:support:1772442700,1772442699.10,voice,inbound,support,,exit_empty,2026-03-02T09:11:40Z,,2026-03-02T09:11:45Z,5,,,5550107,,1,1,0,,,,,EXITEMPTY
1772442797.11:support:1772442800,1772442797.11,voice,inbound,support,Alice,answered,2026-03-02T09:13:20Z,2026-03-02T09:13:45Z,2026-03-02T09:17:05Z,25,200,5,5550108,,1,,0,caller,,,,COMPLETECALLER"
	assert_equal "$stderr" ''
	# JSON Lines: numbers as numbers, missing values as null
	run -0 --separate-stderr ccreport convert "${QL[@]}" --output-format jsonl "$V11"
	assert_line --index 0 '{"id":"1772442095.1:sales:1772442100","callid":"1772442095.1","channel":"voice","direction":"inbound","queue":"sales","agent":"Alice","outcome":"answered","arrived_at":"2026-03-02T09:01:40Z","answered_at":"2026-03-02T09:01:48Z","ended_at":"2026-03-02T09:03:48Z","wait_s":8,"handle_s":120,"ring_s":3,"caller":"5550101","caller_name":null,"position":1,"exit_position":null,"rna":1,"hangup_by":"caller","transfer":null,"transfer_to":null,"exit_key":null,"end_event":"COMPLETECALLER"}'
	# the records read back give the same report
	ccreport convert "${QL[@]}" "$V11" > "$BATS_TEST_TMPDIR/v11.csv"
	run -0 --separate-stderr ccreport "$BATS_TEST_TMPDIR/v11.csv"
	assert_output "$V11_REPORT"
}

@test "1.8-11: the agent figures (rna, pauses, logged-in time)" {
	# Alice: ADDMEMBER sales and support T+10, REMOVEMEMBER both T+3700: the union
	#   [T+10, T+3700] = 3690 s; PAUSE break in both queues T+1100, UNPAUSE both T+1400:
	#   one pause of 300 s (paused in at least one queue); rna 0
	# Bob: sales T+10 .. T+3600 = 3590 s; PAUSE lunch T+1000 .. T+1600 = 600 s; rna 1 (c1)
	# Carol: support T+10 .. T+3610 = 3600 s; no pause
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$V11"
	assert_equal "$(csv_cols agent,rna,pauses,pause_s,login_s <<<"$output")" 'Alice,0,1,300.00,3690.00
Bob,1,1,600.00,3590.00
Carol,0,0,0.00,3600.00
TOTAL,1,2,900.00,10880.00'
	run -0 --separate-stderr ccreport "${QL[@]}" --report pauses "$V11"
	assert_equal "$(csv_cols agent,reason,pauses,pause_s <<<"$output")" 'Alice,break,1,300.00
Bob,lunch,1,600.00
TOTAL,,2,900.00'
}

@test "1.8-11: --list abandoned shows queue, wait, position and exit_position" {
	# c3: sales, ABANDON 1|1|12: position at entry 1 (ENTERQUEUE), at exit 1, wait 12
	run -0 --separate-stderr ccreport "${QL[@]}" --list abandoned "$V11"
	assert_equal "$(csv_cols callid,queue,outcome,wait_s,position,exit_position <<<"$output")" \
		'1772442299.5,sales,abandoned,12,1,1'
	[ "${#lines[@]}" -eq 2 ]
	# unanswered: c3, c4 (timeout 60), c6 (exit_key 10), c7 (exit_empty 5), in the order they ended
	run -0 --separate-stderr ccreport "${QL[@]}" --list unanswered --output-format table "$V11"
	assert_line --index 0 --regexp '^id +callid +channel +direction +queue +agent +outcome '
	[ "${#lines[@]}" -eq 5 ]
	assert_line --index 2 --regexp '^1772442399.6:sales:1772442400 +1772442399.6 +voice +inbound +sales +- +timeout +2026-03-02T09:06:40Z +- +2026-03-02T09:07:40Z +60 '
}

@test "visits carry over from one input to the next" {
	# c5 ... c8 and the REMOVEMEMBERs in the second file: the same figures
	local d
	d=$(scratch)
	head -n 17 "$V11" > "$d/a.log"
	tail -n +18 "$V11" > "$d/b.log"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/a.log" "$d/b.log"
	assert_output "$V11_REPORT"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$d/a.log" "$d/b.log"
	assert_line --index 1 --partial 'Alice,2,320.00,'
	assert_line --index 1 --partial ',0,1,300.00,3690.00,'
	# and the same records
	diff <(ccreport convert "${QL[@]}" "$V11") \
		<(ccreport convert "${QL[@]}" "$d/a.log" "$d/b.log")
}

# ------------------------------------------------------------------ 1.4
#
# qlog-v14.queue_log, T = 1772528400 = 2026-03-03T09:00:00Z, queue helpdesk.
# ENTERQUEUE has url|callerid (no position), CONNECT holdtime|bridged (no ring time),
# COMPLETE* holdtime|calltime, EXITWITHTIMEOUT only the position, EXITWITHKEY key|position,
# TRANSFER exten|context|holdtime|calltime; chan_agent callback logins.
#
#  c1 T+100  CONNECT Agent/1001 10, COMPLETEAGENT 10|60       answered wait 10 talk 60
#  c2 T+200  EXITWITHTIMEOUT 1 at T+245                      timeout, wait 245 - 200 = 45
#  c3 T+300  EXITWITHKEY 2|1 at T+307                        exit_key 2, wait 7 (other)
#  c4 T+400  ABANDON 1|1|9                                   abandoned wait 9, position 1
#  c5 T+500  CONNECT Agent/1002 20, TRANSFER 300|default|20|90   transferred wait 20 talk 90
#  c6 T+600  AGENTDUMP by Agent/1001 at T+612, then nothing  dumped, wait 12 (other)
#
# helpdesk: offered 6, answered 2, abandoned 1, timeout 1, other 2; rate 1/6 = 16.67;
#   asa 15.00; sl 2/6 = 33.33; waits 10 20: p50 10, p90 20; aht (60 + 90)/2 = 75.00
@test "1.4: short events, waits from the timestamps, AGENTDUMP" {
	run -0 --separate-stderr ccreport "${QL[@]}" "$V14"
	assert_output "queue,$FIGS
helpdesk,6,2,1,1,0,2,16.67,15.00,33.33,10,20,20,20,20,75.00
TOTAL,6,2,1,1,0,2,16.67,15.00,33.33,10,20,20,20,20,75.00"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$V14"
	assert_equal "$(csv_cols callid,agent,outcome,ended_at,wait_s,handle_s,ring_s,caller,position,exit_position,transfer,transfer_to,exit_key,end_event <<<"$output")" \
		'1772528499.3,Agent/1001,answered,2026-03-03T09:02:50Z,10,60,,5550201,,,,,,COMPLETEAGENT
1772528599.5,,timeout,2026-03-03T09:04:05Z,45,,,5550202,,1,,,,EXITWITHTIMEOUT
1772528699.6,,exit_key,2026-03-03T09:05:07Z,7,,,5550203,,1,,,2,EXITWITHKEY
1772528799.7,,abandoned,2026-03-03T09:06:49Z,9,,,5550204,1,1,,,,ABANDON
1772528899.8,Agent/1002,transferred,2026-03-03T09:10:10Z,20,90,,5550205,,,transfer,300@default,,TRANSFER
1772528999.10,Agent/1001,dumped,2026-03-03T09:10:12Z,12,,,5550206,,,,,,AGENTDUMP'
}

@test "1.4: callback agents' logins and a pause without a reason" {
	# Agent/1001: AGENTCALLBACKLOGIN T+5, AGENTCALLBACKLOGOFF T+3605: 3600 s
	# Agent/1002: AGENTCALLBACKLOGIN T+5, no logoff: closed at the last line, T+3605: 3600 s;
	#   PAUSE (no reason) T+700 .. UNPAUSE T+1000 = 300 s
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$V14"
	assert_equal "$(csv_cols agent,rna,pauses,pause_s,login_s <<<"$output")" 'Agent/1001,0,0,0.00,3600.00
Agent/1002,0,1,300.00,3600.00
TOTAL,0,1,300.00,7200.00'
	run -0 --separate-stderr ccreport "${QL[@]}" --report pauses "$V14"
	assert_equal "$(csv_cols agent,reason,pauses,pause_s <<<"$output")" 'Agent/1002,"",1,300.00
TOTAL,,1,300.00'
}

# --------------------------------------------------------------- 12 to 18
#
# qlog-v13.queue_log, T = 1772614800 = 2026-03-04T09:00:00Z.
#
#  c1 sales   T+100  RNA Dave, RNA Agent/2001, CONNECT Dave 14|..|6,
#                    BLINDTRANSFER 600|from-internal|14|120|1         blind, wait 14 talk 120, rna 2
#  c2 sales   T+200  CONNECT Agent/2001 5, ATTENDEDTRANSFER BRIDGE|<id>|5|160|1
#                                                                      attended, wait 5 talk 160
#  c3 billing T+300  CONNECT Dave 9, ATTENDEDTRANSFER APP|VoiceMail|9|100|1  attended 9 / 100
#  c4 billing T+400  RINGCANCELED Dave, ABANDON 1|1|3                  abandoned wait 3
#  c5 billing T+500  CONNECT Agent/2001 12, ATTENDEDTRANSFER LINK|<chan1>|<chan2>|12|140|2
#                    (6 fields: calltime is the second-last)            attended 12 / 140, position 2
#  c6 sales   T+600  SYSCOMPAT Dave at T+606                          failed, wait 6 (other)
#  c7 sales   T+700  CONNECT Dave 30, COMPLETEAGENT 30|100|1            answered 30 / 100
#
# billing: offered 3, answered 2, abandoned 1; rate 33.33; asa 10.50; sl 2/3 = 66.67;
#   waits 9 12: p50 9, p90 12; aht (100 + 140)/2 = 120.00
# sales: offered 4, answered 3, other 1; asa (14 + 5 + 30)/3 = 16.333 -> 16.33;
#   sl 2/4 = 50.00; waits 5 14 30: p50 rank 2 -> 14, p90 rank 3 -> 30;
#   aht (120 + 160 + 100)/3 = 126.666 -> 126.67
# TOTAL: offered 7, answered 5, abandoned 1, other 1; rate 1/7 = 14.2857 -> 14.29;
#   asa 70/5 = 14.00; sl 4/7 = 57.14; waits 5 9 12 14 30: p50 rank 3 -> 12, p90 rank 5 -> 30;
#   aht 620/5 = 124.00
@test "12-18: blind and attended transfers (BRIDGE, APP, LINK), SYSCOMPAT" {
	run -0 --separate-stderr ccreport "${QL[@]}" "$V13"
	assert_output "queue,$FIGS
billing,3,2,1,0,0,0,33.33,10.50,66.67,9,12,12,12,12,120.00
sales,4,3,0,0,0,1,0.00,16.33,50.00,14,30,30,30,30,126.67
TOTAL,7,5,1,0,0,1,14.29,14.00,57.14,12,30,30,30,30,124.00"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$V13"
	assert_equal "$(csv_cols callid,queue,agent,outcome,wait_s,handle_s,ring_s,position,rna,transfer,transfer_to,end_event <<<"$output")" \
		'1772614898.2,sales,Dave,transferred,14,120,6,1,2,blind,600@from-internal,BLINDTRANSFER
1772614998.4,sales,Agent/2001,transferred,5,160,5,1,0,attended,BRIDGE:1f2e3d4c-aaaa-bbbb-cccc-0123456789ab,ATTENDEDTRANSFER
1772615198.8,billing,,abandoned,3,,,1,0,,,ABANDON
1772615098.6,billing,Dave,transferred,9,100,9,1,0,attended,APP:VoiceMail,ATTENDEDTRANSFER
1772615398.11,sales,Dave,failed,6,,,1,0,,,SYSCOMPAT
1772615298.9,billing,Agent/2001,transferred,12,140,2,2,0,attended,LINK:Local/700@from-queue-00000001;1|Local/700@from-queue-00000001;2,ATTENDEDTRANSFER
1772615498.12,sales,Dave,answered,30,100,2,1,0,,,COMPLETEAGENT'
	# the transfer report reads the transfer column: sales 3 answered, 2 transferred
	# (c1 blind, c2 attended); billing 2 answered, both attended
	run -0 --separate-stderr ccreport "${QL[@]}" --report transfers "$V13"
	assert_line --index 1 'billing,2,2,0,2,0,100.00'
	assert_line --index 2 'sales,3,2,1,1,0,66.67'
}

@test "12-18: AGENTLOGIN/AGENTLOGOFF, PAUSEALL under the interface name" {
	# Agent/2001: AGENTLOGIN T+20, AGENTLOGOFF T+3620: 3600 s; rna 1 (c1)
	# Dave: ADDMEMBER billing, sales T+20, REMOVEMEMBER both T+3700: 3680 s; rna 1 (c1);
	#   PAUSE lunch in both queues T+1000 .. UNPAUSE T+2800: one pause, 1800 s
	# PJSIP/201: PAUSEALL lunch T+1000 .. UNPAUSEALL T+2800 (Asterisk logs the interface
	#   there): 1800 s, its login is not in the log
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$V13"
	assert_equal "$(csv_cols agent,handled,rna,pauses,pause_s,login_s <<<"$output")" 'Agent/2001,2,1,0,0.00,3600.00
Dave,3,1,1,1800.00,3680.00
PJSIP/201,0,0,1,1800.00,
TOTAL,5,2,2,3600.00,7280.00'
}

# ------------------------------------------------------------- 20.14 and later
#
# qlog-v20.queue_log, T = 1772701200 = 2026-03-05T09:00:00Z, queue support.
#
#  c1 T+100  ENTERQUEUE ||5550401|1|Müller_ Anna; CONNECT Erin 16, COMPLETECALLER 16|200|1
#  c2 T+200  ENTERQUEUE ...|1|Bob Smith; WITHDRAW 1|1|60|callback requested   withdrawn wait 60
#  c3 T+300  ENTERQUEUE |||1| (caller id withheld); ABANDON 1|1|30
#  c4 T+900  ENTERQUEUE ...|Carla; CONNECT Frank 5, COMPLETEAGENT 5|100|1
#
# support: offered 4, answered 2, abandoned 1, other 1 (withdrawn); rate 25.00;
#   asa (16 + 5)/2 = 10.50; sl 2/4 = 50.00; waits 5 16: p50 5, p90 16; aht 150.00
@test "20.14+: the caller name, WITHDRAW, pause reasons changing" {
	run -0 --separate-stderr ccreport "${QL[@]}" "$V20"
	assert_output "queue,$FIGS
support,4,2,1,0,0,1,25.00,10.50,50.00,5,16,16,16,16,150.00
TOTAL,4,2,1,0,0,1,25.00,10.50,50.00,5,16,16,16,16,150.00"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$V20"
	assert_equal "$(csv_cols callid,outcome,wait_s,caller,caller_name,position,exit_position <<<"$output")" \
		'1772701399.3,withdrawn,60,5550402,Bob Smith,1,1
1772701299.1,answered,16,5550401,Müller_ Anna,1,
1772701499.4,abandoned,30,,,1,1
1772702099.5,answered,5,5550404,Carla,1,'
	# Erin: support T+10 .. T+3610 = 3600 s; PAUSE break T+500, then (as
	#   log_unpause_on_reason_change logs it) UNPAUSE + PAUSE meeting T+800, UNPAUSE T+1100:
	#   break 300, meeting 300
	# Frank: added PAUSED T+10 (no reason) .. UNPAUSE T+400 = 390; PAUSE lunch T+1200, then
	#   PAUSE training T+1500 with no UNPAUSE between (a new reason: a new pause) ..
	#   UNPAUSE T+1800: lunch 300, training 300; 3 pauses, 990 s
	run -0 --separate-stderr ccreport "${QL[@]}" --report pauses "$V20"
	assert_equal "$(csv_cols agent,reason,pauses,pause_s <<<"$output")" 'Erin,break,1,300.00
Erin,meeting,1,300.00
Frank,"",1,390.00
Frank,lunch,1,300.00
Frank,training,1,300.00
TOTAL,,5,1590.00'
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$V20"
	assert_equal "$(csv_cols agent,pauses,pause_s,login_s <<<"$output")" 'Erin,2,600.00,3600.00
Frank,3,990.00,3600.00
TOTAL,5,1590.00,7200.00'
}

# ------------------------------------------------------------------ messy
#
# qlog-messy.queue_log (Asterisk 11), T = 1772787600 = 2026-03-06T09:00:00Z.
# Gina (sales) and Hank (support) are added at T+5; Ivan is a static member.
#
#  line  what                                                     counted as
#   4-9  m1 sales: ENTERQUEUE, DID (FreePBX), CONNECT Gina 10,     answered 10 / 120;
#        COMPLETECALLER 10|120|1 ... and the same line again         unknown_event, duplicate
#   7-14 m2: CONNECT Ivan 6 in sales (T+206), then ENTERQUEUE in   sales: transferred
#        support at T+300 while connected: the transfer was not       (unlogged), wait 6,
#        logged; support: CONNECT Hank 10, COMPLETECALLER 10|90|1;    talk 300 - 206 = 94;
#        the sales COMPLETECALLER that follows is its late end        support answered 10 / 90;
#                                                                     transfer_not_logged
#  15-17 m3: waiting in sales, ENTERQUEUE in support at T+540,     end_not_logged (sales left
#        ABANDON 1|1|10 there                                         out); support abandoned 10
#  18-19 m4 sales: COMPLETEAGENT with no CONNECT                    out_of_sequence (left out)
#  20-22 m5 sales: ABANDON 1|1|15, then a RINGNOANSWER              abandoned 15; after_end
#  23-25 m6: ENTERQUEUE in support under a Local channel's id,      orphan x2; the Local
#        CONNECT and COMPLETECALLER under the caller's id (issue 759)   visit: cut_by_restart
#  26-28 m7 sales: CALLSTATUS (VICIdial), EXITWITHTIMEOUT 1|1|30    unknown_event; timeout 30
#  29    FULL (Wazo) in sales                                       not_joined
#  30    a line from T-6000, 7200 s before the latest (T+1200)      out_of_order
#  31-34 m9 support: CONNECT Hank 20, CONNECT again, COMPLETEAGENT  out_of_sequence (ignored);
#        20|100|1                                                     answered 20 / 100
#  35-37 m10 sales: CONNECT Gina, then ABANDON                      out_of_sequence (left out)
#  38-41 m11 waiting in support, m12 connected in sales, QUEUESTART  cut_by_restart x2
#  42-44 m13 sales: CONNECT Gina 7, COMPLETECALLER 7|100|1          answered 7 / 100
#  45-47 m14 waiting in support, m15 connected in sales at the end  incomplete x2
#  48-49 m16 support: AGENTDUMP by Hank at T+2412, nothing after    dumped, wait 12 (other)
#
# sales: m1, m2, m5, m7, m13: offered 5, answered 3, abandoned 1, timeout 1;
#   rate 1/5 = 20.00; asa (10 + 6 + 7)/3 = 7.666 -> 7.67; sl 3/5 = 60.00;
#   waits 6 7 10: p50 rank 2 -> 7, p90 rank 3 -> 10; aht (120 + 94 + 100)/3 = 104.666 -> 104.67
# support: m2, m3, m9, m16: offered 4, answered 2, abandoned 1, other 1; rate 25.00;
#   asa (10 + 20)/2 = 15.00; sl 2/4 = 50.00 (20 <= 20); waits 10 20; aht (90 + 100)/2 = 95.00
# TOTAL: offered 9, answered 5, abandoned 2, timeout 1, other 1; rate 2/9 = 22.22;
#   asa 53/5 = 10.60; sl 5/9 = 55.56; waits 6 7 10 10 20: p50 rank 3 -> 10, p90 rank 5 -> 20;
#   aht 504/5 = 100.80
MESSY_REPORT="queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,5,3,1,1,0,0,20.00,7.67,60.00,7,10,10,10,10,104.67
support,4,2,1,0,0,1,25.00,15.00,50.00,10,20,20,20,20,95.00
TOTAL,9,5,2,1,0,1,22.22,10.60,55.56,10,20,20,20,20,100.80"
MESSY_SUMMARY='ccreport: diagnostics: 2 unknown_event
ccreport: diagnostics: 1 duplicate
ccreport: diagnostics: 1 transfer_not_logged
ccreport: diagnostics: 1 end_not_logged
ccreport: diagnostics: 3 out_of_sequence
ccreport: diagnostics: 1 after_end
ccreport: diagnostics: 2 orphan
ccreport: diagnostics: 1 not_joined
ccreport: diagnostics: 1 out_of_order
ccreport: diagnostics: 3 cut_by_restart
ccreport: diagnostics: 2 incomplete'

@test "messy: nothing stops the report and nothing odd reaches the figures" {
	run -0 --separate-stderr ccreport "${QL[@]}" "$MESSY"
	assert_output "$MESSY_REPORT"
	assert_equal "$stderr" "$MESSY_SUMMARY"
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$MESSY"
	assert_equal "$(csv_cols callid,queue,agent,outcome,wait_s,handle_s,transfer,transfer_to,end_event <<<"$output")" \
		'1772787699.1,sales,Gina,answered,10,120,,,COMPLETECALLER
1772787799.3,sales,Ivan,transferred,6,94,unlogged,support,ENTERQUEUE
1772787799.3,support,Hank,answered,10,90,,,COMPLETECALLER
1772788099.6,support,,abandoned,10,,,,ABANDON
1772788399.8,sales,,abandoned,15,,,,ABANDON
1772788699.10,sales,,timeout,30,,,,EXITWITHTIMEOUT
1772788999.13,support,Hank,answered,20,100,,,COMPLETEAGENT
1772789599.20,sales,Gina,answered,7,100,,,COMPLETECALLER
1772789999.25,support,Hank,dumped,12,,,,AGENTDUMP'
	assert_equal "$stderr" "$MESSY_SUMMARY"
}

@test "messy: the diagnostics listed in table, markdown and JSON Lines" {
	local f=$MESSY
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$MESSY"
	assert_line --index 5 'Diagnostics:'
	assert_line --index 6 '  unknown_event          2'
	assert_line --index 11 '  after_end              1'
	assert_line --index 16 '  incomplete             2'
	assert_line --index 17 "  $f:5: unknown_event: event DID is not read: ignored (later ones are counted, not listed)"
	assert_line --index 18 "  $f:10: duplicate: the same as $f:9: ignored"
	assert_line --index 19 "  $f:11: transfer_not_logged: call 1772787799.3 entered queue support while connected to Ivan in queue sales (entered at $f:7): that visit is counted as answered and transferred, ending here"
	assert_line --index 20 "  $f:15: end_not_logged: call 1772788099.6 entered queue support at $f:16 while waiting in queue sales: the end of this visit was not logged, it is left out"
	assert_line --index 21 "  $f:19: out_of_sequence: COMPLETEAGENT for call 1772788199.7 in queue sales before any CONNECT: the visit (entered at $f:18) is left out"
	assert_line --index 22 "  $f:22: after_end: RINGNOANSWER for call 1772788399.8 in queue sales after its visit ended at $f:21: ignored"
	assert_line --index 23 "  $f:24: orphan: CONNECT for call 1772788490.9 in queue support, which it never entered: ignored"
	assert_line --index 24 "  $f:25: orphan: COMPLETECALLER for call 1772788490.9 in queue support, which it never entered: ignored"
	assert_line --index 25 "  $f:27: unknown_event: event CALLSTATUS is not read: ignored (later ones are counted, not listed)"
	assert_line --index 26 "  $f:29: not_joined: FULL: call 1772788799.11 could not join queue sales: not offered"
	assert_line --index 27 "  $f:30: out_of_order: 7200 s earlier than the latest line read (more than 3600 s back; give the inputs oldest first): ignored"
	assert_line --index 28 "  $f:33: out_of_sequence: CONNECT for call 1772788999.13 in queue support already connected: ignored"
	assert_line --index 29 "  $f:37: out_of_sequence: ABANDON for call 1772789199.15 in queue sales after CONNECT: the visit (entered at $f:35) is left out"
	assert_line --index 30 "  $f:23: cut_by_restart: call 1772788499.30 in queue support was still waiting when Asterisk restarted (QUEUESTART at $f:41): left out"
	assert_line --index 31 "  $f:38: cut_by_restart: call 1772789399.17 in queue support was still waiting when Asterisk restarted (QUEUESTART at $f:41): left out"
	assert_line --index 32 "  $f:39: cut_by_restart: call 1772789409.18 in queue sales was still connected when Asterisk restarted (QUEUESTART at $f:41): left out"
	assert_line --index 33 "  $f:45: incomplete: call 1772789799.22 in queue support still waiting at the end of the input: left out"
	assert_line --index 34 "  $f:46: incomplete: call 1772789899.23 in queue sales still connected to Gina at the end of the input: left out"
	[ "${#lines[@]}" -eq 35 ]
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format markdown "$MESSY"
	assert_line '### Diagnostics'
	assert_line '- out_of_sequence: 3'
	assert_line "- \`$f:46\` incomplete: call 1772789899.23 in queue sales still connected to Gina at the end of the input: left out"
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format jsonl "$MESSY"
	assert_line '{"_diagnostic":"cut_by_restart","count":3}'
	assert_line "{\"_diagnostic\":\"orphan\",\"file\":\"$f\",\"line\":25,\"message\":\"COMPLETECALLER for call 1772788490.9 in queue support, which it never entered: ignored\"}"
	# 4 figure lines (meta, sales, support, TOTAL), 11 kinds, 18 entries
	[ "${#lines[@]}" -eq 33 ]
}

@test "messy: the agents' logins around the restart" {
	# The QUEUESTART at T+1900 ends the sessions at the last line before it (T+1815);
	# the persistent members go on from T+1900.
	# Gina: [T+5, T+1815] + [T+1900, T+3600 REMOVEMEMBER] = 1810 + 1700 = 3510 s
	# Hank: [T+5, T+1815] + [T+1900, T+3600, the last line] = 3510 s
	# Ivan: a static member: login unknown; his only call (m2 in sales, talk 94) counts
	# No rna: the only RINGNOANSWER came after its visit ended.
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$MESSY"
	assert_equal "$(csv_cols agent,handled,talk_s,rna,login_s <<<"$output")" 'Gina,2,220.00,0,3510.00
Hank,2,190.00,0,3510.00
Ivan,1,94.00,0,
TOTAL,5,504.00,0,7020.00'
}

@test "messy: --reject writes each diagnostic with its line" {
	local d f=$MESSY
	d=$(scratch)
	run -0 --separate-stderr ccreport "${QL[@]}" --reject "$d/rej" "$MESSY"
	assert_output "$MESSY_REPORT"
	assert_equal "$stderr" "$MESSY_SUMMARY"
	# 18 diagnostics, each a "# " line and the line itself
	[ "$(grep -c '^# ' "$d/rej")" -eq 18 ]
	[ "$(wc -l < "$d/rej")" -eq 36 ]
	run -0 sed -n '1,4p;37,40p' "$d/rej"
	assert_output "# $f:5: unknown_event: event DID is not read: ignored (later ones are counted, not listed)
1772787701|1772787699.1|sales|NONE|DID|5551000
# $f:10: duplicate: the same as $f:9: ignored
1772787830|1772787699.1|sales|Gina|COMPLETECALLER|10|120|1"
	run -0 sed -n '33,36p' "$d/rej"
	assert_output "# $f:45: incomplete: call 1772789799.22 in queue support still waiting at the end of the input: left out
1772789800|1772789799.22|support|NONE|ENTERQUEUE||5550514|1
# $f:46: incomplete: call 1772789899.23 in queue sales still connected to Gina at the end of the input: left out
1772789900|1772789899.23|sales|NONE|ENTERQUEUE||5550515|1"
}

@test "the same log read twice: duplicates and lines out of order, the same figures" {
	# The second copy: its lines within an hour of the latest line read (T+3700), from
	# T+100 on, are duplicates: lines 6-36, 31 of them; the 5 before (QUEUESTART at T+0,
	# the ADDMEMBERs at T+10) are out of order.
	run -0 --separate-stderr ccreport "${QL[@]}" "$V11" "$V11"
	assert_output "$V11_REPORT"
	assert_equal "$stderr" 'ccreport: diagnostics: 5 out_of_order
ccreport: diagnostics: 31 duplicate'
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$V11" "$V11"
	assert_line --index 1 --partial ',0,1,300.00,3690.00,'
}

@test "unknown events are counted, each name listed once" {
	# the sample day: a DID line after every ENTERQUEUE (FreePBX): 114 of them
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$TOP_SRCDIR/samples/queue_log"
	assert_line --partial '  unknown_event          114'
	[ "$(grep -c 'unknown_event: event DID' <<<"$output")" -eq 1 ]
	assert_line '  ... and 113 more'
	# with --reject all 114 are written
	run -0 --separate-stderr ccreport "${QL[@]}" --reject "$BATS_TEST_TMPDIR/rej" "$TOP_SRCDIR/samples/queue_log"
	[ "$(grep -c '^# .*: unknown_event: event DID is not read' "$BATS_TEST_TMPDIR/rej")" -eq 114 ]
}

# ------------------------------------------------------------ table exports
#
# qlog-v11-table.csv holds the lines of qlog-v11.queue_log as Asterisk's realtime
# (adaptive) driver stores them: time as Berlin wall-clock time with microseconds
# (T = 10:00:00 local, UTC+1 in March; the call lines carry fractions, the agent lines
# none), data1..data5 with data5 keeping the rest (ATTENDEDTRANSFER would need it).
# qlog-v11-freepbx.csv: FreePBX's asteriskcdrdb.queue_log (id, time, ..., a single data
# column with the pipes, data1..data5 empty), CRLF line ends; qlog-v11-qm.csv:
# QueueMetrics (partition, time_id epoch, call_id, queue, agent, verb, data1..5, serverid,
# unique_row_count).
@test "table exports: the same calls give the same reports as the native file" {
	local f
	for f in qlog-v11-table.csv qlog-v11-freepbx.csv; do
		run -0 --separate-stderr ccreport "${QL[@]}" --tz Europe/Berlin "$TEST_DATA/$f"
		assert_output "$V11_REPORT"
		assert_equal "$stderr" ''
		for r in agents pauses transfers hangup; do
			diff <(ccreport "${QL[@]}" --report $r "$V11") \
				<(ccreport "${QL[@]}" --tz Europe/Berlin --report $r "$TEST_DATA/$f")
		done
	done
	# QueueMetrics: epoch seconds, no zone needed
	run -0 --separate-stderr ccreport "${QL[@]}" "$TEST_DATA/qlog-v11-qm.csv"
	assert_output "$V11_REPORT"
	diff <(ccreport "${QL[@]}" --report agents "$V11") \
		<(ccreport "${QL[@]}" --report agents "$TEST_DATA/qlog-v11-qm.csv")
	# the same records, but for the fractions of the table's times
	diff <(ccreport convert "${QL[@]}" "$V11") \
		<(ccreport convert "${QL[@]}" --tz Europe/Berlin "$TEST_DATA/qlog-v11-freepbx.csv")
	diff <(ccreport convert "${QL[@]}" "$V11") \
		<(ccreport convert "${QL[@]}" "$TEST_DATA/qlog-v11-qm.csv")
	diff <(ccreport convert "${QL[@]}" "$V11" | cut -d, -f1-7,11-) \
		<(ccreport convert "${QL[@]}" --tz Europe/Berlin "$TEST_DATA/qlog-v11-table.csv" | cut -d, -f1-7,11-)
}

@test "table exports: --tz reads the wall-clock times" {
	# c1 entered at 10:01:40.185585 Berlin time (the table's call lines carry a fraction
	# of (N - 1) x 37117 microseconds modulo 1 s, N the line of the native file: c1's
	# ENTERQUEUE is line 6, 5 x 37117 = 185585) = 09:01:40.185585Z
	run -0 --separate-stderr ccreport convert "${QL[@]}" --tz Europe/Berlin "$TEST_DATA/qlog-v11-table.csv"
	assert_equal "$(csv_cols callid,arrived_at <<<"$output" | head -n 1)" \
		'1772442095.1,2026-03-02T09:01:40.185585Z'
	# without --tz the same wall-clock time is read as UTC: an hour later
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$TEST_DATA/qlog-v11-table.csv"
	assert_equal "$(csv_cols callid,arrived_at <<<"$output" | head -n 1)" \
		'1772442095.1,2026-03-02T10:01:40.185585Z'
	# hourly intervals: every call of the native file is in 09:00Z (10:00 Berlin)
	run -0 --separate-stderr ccreport "${QL[@]}" --by= -i 1h --tz Europe/Berlin "$TEST_DATA/qlog-v11-table.csv"
	assert_line --index 0 'interval,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht'
	assert_line --index 1 --partial '2026-03-02T10:00:00+01:00,8,4,1,1,0,2,'
	[ "${#lines[@]}" -eq 3 ]
	run -0 --separate-stderr ccreport "${QL[@]}" --by= -i 1h --tz Europe/Berlin "$V11"
	assert_line --index 1 --partial '2026-03-02T10:00:00+01:00,8,4,1,1,0,2,'
	# read as UTC, the table's calls fall in 10:00Z
	run -0 --separate-stderr ccreport "${QL[@]}" --by= -i 1h "$TEST_DATA/qlog-v11-table.csv"
	assert_line --index 1 --partial '2026-03-02T10:00:00Z,8,4,1,1,0,2,'
}

@test "table exports: a header in any case, quoted, with a BOM; NULL data" {
	local d
	d=$(scratch)
	printf '\xef\xbb\xbf"TIME","CallID","QueueName","Agent","Event","Data1","Data2","Data3","Data4","Data5"\n%s\n%s\n%s\n' \
		'2026-03-02 09:00:00,c1,q,NONE,ENTERQUEUE,NULL,5550101,1,NULL,NULL' \
		'2026-03-02 09:00:09,c1,q,Alice,CONNECT,9,x,2,\N,\N' \
		'2026-03-02 09:01:09,c1,q,Alice,COMPLETEAGENT,9,60,1,NULL,NULL' > "$d/t.csv"
	# one call: wait 9, talk 60, caller 5550101
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$d/t.csv"
	assert_equal "$(csv_cols id,agent,outcome,arrived_at,wait_s,handle_s,ring_s,caller,position <<<"$output")" \
		'c1:q:1772442000,Alice,answered,2026-03-02T09:00:00Z,9,60,2,5550101,1'
	# a header only: nothing, no error
	head -n 1 "$d/t.csv" > "$d/h.csv"
	run -0 --separate-stderr ccreport "${QL[@]}" --by= "$d/h.csv"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
	assert_equal "$stderr" ''
}

# --------------------------------------------------------------- bad lines

@test "bad lines: every message, exit 1, no report" {
	local d q='1772442000|NONE|NONE|NONE|QUEUESTART|'
	d=$(scratch)
	printf '%s\n1772442001|c|q|a\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: 4 fields where EPOCH|CALLID|QUEUE|AGENT|EVENT[|DATA...] is expected" "${QL[@]}" "$d/a"
	printf 'abc|c|q|a|ENTERQUEUE||1|1\n' > "$d/a"
	bad_input "ccreport: $d/a:1:1: bad time 'abc' (epoch seconds expected)" "${QL[@]}" "$d/a"
	printf '%s\n-5|c|q|a|ENTERQUEUE\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2:1: bad time '-5' (epoch seconds expected)" "${QL[@]}" "$d/a"
	printf '%s\n99999999999999|c|q|a|ENTERQUEUE\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2:1: bad time '99999999999999' (epoch seconds expected)" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c\377|q|a|ENTERQUEUE\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2:13: invalid UTF-8" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c\0|q|a|ENTERQUEUE\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2:13: NUL byte" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: empty event name" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|CONNECT|x|y|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: bad number in data1 of CONNECT: 'x'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|ABANDON|1|1|-3\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: bad number in data3 of ABANDON: '-3'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|ATTENDEDTRANSFER|APP|x|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: ATTENDEDTRANSFER with 3 data fields (at least 4 expected: method|...|holdtime|calltime|origposition)" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|ATTENDEDTRANSFER|APP|x|1|2|p\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: bad number in data5 of ATTENDEDTRANSFER: 'p'" "${QL[@]}" "$d/a"
	# a line over --max-field-size (40 bytes here; the first line has 36)
	printf '%s\n1772442001|c|q|a|ENTERQUEUE||123|1|a caller name long enough\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: line longer than 40 bytes (--max-field-size)" "${QL[@]}" --max-field-size=40 "$d/a"
	# a huge field, binary junk
	{ printf '%s\n1772442001|' "$q"; head -c 2000000 /dev/zero | tr '\0' x; printf '|q|a|ENTERQUEUE\n'; } > "$d/a"
	bad_input "ccreport: $d/a:2: line longer than 1048576 bytes (--max-field-size)" "${QL[@]}" "$d/a"
	printf '%s\n\001\002\003\377\376\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2:4: invalid UTF-8" "${QL[@]}" "$d/a"
	# a table export without its header
	printf '2026-03-02 10:00:00,c,q,NONE,ENTERQUEUE,\n' > "$d/a"
	bad_input "ccreport: $d/a:1: 1 field where EPOCH|CALLID|QUEUE|AGENT|EVENT[|DATA...] is expected (a table export needs its header line)" "${QL[@]}" "$d/a"
	# convert stops the same way (what was listed before stays written)
	printf '%s\n1772442001|c|q|a|CONNECT|x\n' "$q" > "$d/a"
	run -1 --separate-stderr ccreport convert "${QL[@]}" "$d/a"
	assert_equal "$stderr" "ccreport: $d/a:2: bad number in data1 of CONNECT: 'x'"
}

@test "bad lines of a table export: every message" {
	local d h='time,callid,queuename,agent,event,data1,data2,data3,data4,data5'
	d=$(scratch)
	printf '%s\n2026-03-02 10:00:00,c,q,NONE,ENTERQUEUE,,1,1,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2: 9 fields where the header has 10" "${QL[@]}" "$d/t"
	printf '%s\n2026-03-02 10:00:00,c,q,NONE,ENTERQUEUE,"x"y,1,1,,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2:44: bad quoting (a quote inside an unquoted field, or text after a closing quote)" "${QL[@]}" "$d/t"
	printf '%s\nyesterday,c,q,NONE,ENTERQUEUE,,1,1,,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2: bad time 'yesterday' (YYYY-MM-DD HH:MM:SS[.FRACTION] in --tz, or epoch seconds)" "${QL[@]}" "$d/t"
	printf '%s\n2026-02-30 10:00:00,c,q,NONE,ENTERQUEUE,,1,1,,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2: bad time '2026-02-30 10:00:00' (YYYY-MM-DD HH:MM:SS[.FRACTION] in --tz, or epoch seconds)" "${QL[@]}" "$d/t"
	printf '%s\n2026-03-02 10:00:00,c\377,q,NONE,ENTERQUEUE,,1,1,,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2:22: invalid UTF-8" "${QL[@]}" "$d/t"
	printf '%s\n2026-03-02 10:00:00,c,q,NONE,CONNECT,soon,,,,\n' "$h" > "$d/t"
	bad_input "ccreport: $d/t:2: bad number in data1 of CONNECT: 'soon'" "${QL[@]}" "$d/t"
	printf '%s\n2026-03-02 10:00:00,c,q,NONE,ENTERQUEUE,"%s",1,1,,\n' "$h" "$(head -c 100 /dev/zero | tr '\0' x)" > "$d/t"
	bad_input "ccreport: $d/t:2: record longer than 64 bytes (--max-field-size)" "${QL[@]}" --max-field-size=64 "$d/t"
	# a quote never closed: the record runs past the limit
	{ printf '%s\n2026-03-02 10:00:00,c,q,NONE,ENTERQUEUE,"' "$h"; for i in $(seq 20); do printf 'line %s\n' "$i"; done; } > "$d/t"
	bad_input "ccreport: $d/t:2: record longer than 100 bytes (--max-field-size)" "${QL[@]}" --max-field-size=100 "$d/t"
	# a header without a needed column stops even with --reject
	printf 'time,queuename,agent,event,data\n2026-03-02 10:00:00,q,NONE,ENTERQUEUE,\n' > "$d/t"
	run -1 --separate-stderr ccreport "${QL[@]}" --reject "$d/rej" "$d/t"
	assert_output ''
	assert_equal "$stderr" "ccreport: $d/t:1: bad table header: no column callid (or call_id)"
}

@test "bad lines with --reject: written there, counted, the rest reported" {
	local d
	d=$(scratch)
	# c1 answered (wait 8, talk 120) survives; the bad lines are a CONNECT of c2 with a bad
	# number (so c2 then ends with a COMPLETE before any CONNECT: out_of_sequence), a short
	# line, and junk
	printf '%s\n' '1772442000|NONE|NONE|NONE|QUEUESTART|' \
		'1772442100|c1|sales|NONE|ENTERQUEUE||5550101|1' \
		'1772442108|c1|sales|Alice|CONNECT|8|x|3' \
		'1772442200|c2|sales|NONE|ENTERQUEUE||5550102|1' \
		'1772442215|c2|sales|Bob|CONNECT|fifteen|x|2' \
		'1772442228|c1|sales|Alice|COMPLETECALLER|8|120|1' \
		'1772442229|c1|sales' \
		'junk' \
		'1772442515|c2|sales|Bob|COMPLETEAGENT|15|300|1' > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" --by= --reject "$d/rej" "$d/a"
	assert_output "$FIGS
1,1,0,0,0,0,0.00,8.00,100.00,8,8,8,8,8,120.00"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 out_of_sequence
ccreport: 3 records rejected (see '"$d/rej"')'
	run -0 cat "$d/rej"
	assert_output "# $d/a:5: bad number in data1 of CONNECT: 'fifteen'
1772442215|c2|sales|Bob|CONNECT|fifteen|x|2
# $d/a:7: 3 fields where EPOCH|CALLID|QUEUE|AGENT|EVENT[|DATA...] is expected
1772442229|c1|sales
# $d/a:8: 1 field where EPOCH|CALLID|QUEUE|AGENT|EVENT[|DATA...] is expected
junk
# $d/a:9: out_of_sequence: COMPLETEAGENT for call c2 in queue sales before any CONNECT: the visit (entered at $d/a:4) is left out
1772442515|c2|sales|Bob|COMPLETEAGENT|15|300|1"
}

@test "empty inputs, blank lines, CRLF, a byte-order mark" {
	local d
	d=$(scratch)
	: > "$d/empty"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/empty"
	assert_output "queue,$FIGS
TOTAL,0,0,0,0,0,0,,,,,,,,,"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$d/empty"
	assert_output ''
	printf '\n\r\n\n' > "$d/blank"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/blank"
	assert_line --index 1 'TOTAL,0,0,0,0,0,0,,,,,,,,,'
	# the v11 day with a BOM, CRLF line ends and blank lines: the same report
	{ printf '\xef\xbb\xbf\n'; sed 's/$/\r/' "$V11"; printf '\r\n'; } > "$d/crlf"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/crlf"
	assert_output "$V11_REPORT"
	assert_equal "$stderr" ''
	# lines are counted with the blank ones: c1's CONNECT (line 8) is line 9 here
	{ printf '\xef\xbb\xbf\n'; sed 's/$/\r/' "$V11"; } | sed '9s/CONNECT|8|/CONNECT|eight|/' > "$d/crlf"
	bad_input "ccreport: $d/crlf:9: bad number in data1 of CONNECT: 'eight'" "${QL[@]}" "$d/crlf"
}

@test "errors: a missing input, a write to a full device" {
	bad_input "ccreport: cannot open $BATS_TEST_TMPDIR/none.log: No such file or directory" \
		"${QL[@]}" "$BATS_TEST_TMPDIR/none.log"
	run -1 --separate-stderr bash -c 'ccreport --from asterisk-queue-log "$1" > /dev/full' _ "$V11"
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
	run -1 --separate-stderr bash -c 'ccreport convert --from asterisk-queue-log "$1" > /dev/full' _ "$V11"
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
	run -1 --separate-stderr bash -c 'ccreport --from asterisk-queue-log --output-format table "$1" > /dev/full' _ "$MESSY"
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
	run -1 --separate-stderr ccreport "${QL[@]}" --reject /dev/full "$MESSY"
	assert_equal "$stderr" 'ccreport: write error: No space left on device'
}

# ------------------------------------------------- wild times and real gaps
#
# A line whose time is wrong costs only itself.  W1 is a CONFIGRELOAD of 2026-09-21
# (1790000000, 17557990 s after the ADDMEMBERs at T+10 = 1772442010), P1 one of 2001
# (1000000000).  Each copy of the v11 day below gets one of them and must give the v11
# figures (reports and agents) with one diagnostic for that line.
@test "time: one line with a wild time costs only itself" {
	local d W1='1790000000|NONE|NONE|NONE|CONFIGRELOAD|' P1='1000000000|NONE|NONE|NONE|CONFIGRELOAD|'
	d=$(scratch)
	{ head -n 2 "$V11"; echo "$W1"; tail -n +3 "$V11"; } > "$d/ahead"
	{ head -n 2 "$V11"; echo "$P1"; tail -n +3 "$V11"; } > "$d/behind"
	{ echo "$W1"; cat "$V11"; } > "$d/first"
	{ head -n 1 "$V11"; echo "$P1"; tail -n +2 "$V11"; } > "$d/second"
	{ cat "$V11"; echo "$W1"; } > "$d/last"
	local f
	for f in ahead behind first second last; do
		run -0 --separate-stderr ccreport "${QL[@]}" "$d/$f"
		assert_output "$V11_REPORT"
		diff <(ccreport "${QL[@]}" --report agents "$V11") \
			<(ccreport "${QL[@]}" --report agents "$d/$f" 2>/dev/null)
		diff <(ccreport convert "${QL[@]}" "$V11") <(ccreport convert "${QL[@]}" "$d/$f" 2>/dev/null)
	done
	# ahead: held, and the next line (T+10) goes back to the clock: the held line is wrong
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/ahead"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
	assert_line "  $d/ahead:3: time_jump: 17557990 s after the latest line read, and the next line ($d/ahead:4) goes back to the earlier time: a wrong time, ignored"
	# behind: 1772442010 - 1000000000 = 772442010 s back, more than the hour: out of order
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/behind"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 out_of_order'
	assert_line "  $d/behind:3: out_of_order: 772442010 s earlier than the latest line read (more than 3600 s back; give the inputs oldest first): ignored"
	# first: W1 is the first line; the QUEUESTART (T) is 17558000 s before it, and the
	# ADDMEMBER after it agrees with the QUEUESTART: W1 is wrong
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/first"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
	assert_line "  $d/first:1: time_jump: the first line, 17558000 s after the next line ($d/first:2), and the line after that ($d/first:3) agrees with the next one: a wrong time, ignored"
	# second: P1 right after the first line, 772442000 s before it; the line after agrees
	# with the first line: P1 is the wrong one
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/second"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 out_of_order'
	assert_line "  $d/second:2: out_of_order: 772442000 s earlier than the latest line read (more than 3600 s back; give the inputs oldest first): ignored"
	# last: 1790000000 - 1772445700 (the last REMOVEMEMBER) = 17554300 s ahead, and no line
	# follows to show that the log goes on from there
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/last"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
	assert_line "  $d/last:37: time_jump: 17554300 s after the latest line read, and the last line: nothing shows that the log goes on from its time, ignored"
	# with --reject the line is written there
	run -0 --separate-stderr ccreport "${QL[@]}" --reject "$d/rej" "$d/ahead"
	run -0 cat "$d/rej"
	assert_output "# $d/ahead:3: time_jump: 17557990 s after the latest line read, and the next line ($d/ahead:4) goes back to the earlier time: a wrong time, ignored
$W1"
}

@test "time: the reviewer's log with a jump gives the figures of the log without it" {
	# my.qlog-like: one call answered (wait 15, talk 100), one abandoned (wait 30), and a
	# CONFIGRELOAD 10000000 s ahead after the first two lines
	local d
	d=$(scratch)
	printf '%s\n' '1780000000|MANAGER|q1|Anna|ADDMEMBER|' \
		'1780000010|c1.1|q1|NONE|ENTERQUEUE||100|1' \
		'1790000000|NONE|NONE|NONE|CONFIGRELOAD|' \
		'1780000025|c1.1|q1|Anna|CONNECT|15|c1b.1|5' \
		'1780000125|c1.1|q1|Anna|COMPLETECALLER|15|100|1' \
		'1780000200|c2.1|q1|NONE|ENTERQUEUE||101|2' \
		'1780000230|c2.1|q1|NONE|ABANDON|1|2|30' \
		'1780003600|MANAGER|q1|Anna|REMOVEMEMBER|' > "$d/jump"
	# offered 2, answered 1, abandoned 1: rate 50.00, asa 15.00, sl 1/2 = 50.00, aht 100.00
	run -0 --separate-stderr ccreport "${QL[@]}" --by= "$d/jump"
	assert_output "$FIGS
2,1,1,0,0,0,50.00,15.00,50.00,15,15,15,15,15,100.00"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump'
	# Anna: [1780000000, 1780003600] = 3600 s, not up to the wild time
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$d/jump"
	assert_equal "$(csv_cols agent,login_s <<<"$output")" 'Anna,3600.00
TOTAL,3600.00'
}

@test "time: a wild line does not move the windows of duplicates and ended visits" {
	# After c3's ABANDON (line 13, T+312): the wild line, the ABANDON again and a late
	# RINGNOANSWER of c3 (T+313).  The clock stays at T+312, so the copy is a duplicate
	# and the RINGNOANSWER is after_end (its visit ended 1 s before), not an orphan.
	local d
	d=$(scratch)
	{ head -n 13 "$V11"; echo '1790000000|NONE|NONE|NONE|CONFIGRELOAD|'; sed -n 13p "$V11"
		echo '1772442313|1772442299.5|sales|Bob|RINGNOANSWER|1000'; tail -n +14 "$V11"; } > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/a"
	assert_output "$V11_REPORT"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_jump
ccreport: diagnostics: 1 duplicate
ccreport: diagnostics: 1 after_end'
}

# qlog-night.queue_log: an evening, a quiet night with a QUEUESTART at 02:00, a morning.
#   2026-03-02 17:00Z (1772470800) Alice added; n1 17:01:40 CONNECT 10, COMPLETECALLER
#   10|100; Alice removed 18:00.  QUEUESTART 2026-03-03 02:00Z (8 h later, alone).
#   07:00Z (5 h later) Alice added; n2 07:01:40 CONNECT 20, COMPLETEAGENT 20|60; n3
#   07:03:20 ABANDON 1|1|30; Alice removed 08:00.
# sales: offered 3, answered 2, abandoned 1; rate 33.33; asa (10 + 20)/2 = 15.00;
#   sl 2/3 = 66.67 (10 and 20 within 20 s); waits 10 20: p50 10, p90 20; aht (100 + 60)/2 = 80.00
# Alice: 3600 + 3600 = 7200 s logged in; talk 160, idle 7040, occupancy 160/7200 = 2.22
@test "time: a quiet night is a real gap, not a jump; newest first is out of order" {
	local N=$TEST_DATA/qlog-night.queue_log
	run -0 --separate-stderr ccreport "${QL[@]}" "$N"
	assert_output "queue,$FIGS
sales,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,80.00
TOTAL,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,80.00"
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$N"
	assert_line --index 1 'Alice,2,160.00,80.00,15.00,0,0,0.00,7200.00,7040.00,2.22'
	assert_equal "$stderr" ''
	# the evening and the morning as two files, in order: the same
	local d
	d=$(scratch)
	head -n 5 "$N" > "$d/evening"
	tail -n +6 "$N" > "$d/morning"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/evening" "$d/morning"
	assert_output --partial 'TOTAL,3,2,1,0,0,0,33.33,15.00,66.67,10,20,20,20,20,80.00'
	assert_equal "$stderr" ''
	# newest first: the 5 evening lines are 13 h behind the morning: out of order; the
	# morning alone: n2 answered (wait 20, talk 60), n3 abandoned; Alice 3600 s
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/morning" "$d/evening"
	assert_output "queue,$FIGS
sales,2,1,1,0,0,0,50.00,20.00,50.00,20,20,20,20,20,60.00
TOTAL,2,1,1,0,0,0,50.00,20.00,50.00,20,20,20,20,20,60.00"
	assert_equal "$stderr" 'ccreport: diagnostics: 5 out_of_order'
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$d/morning" "$d/evening"
	assert_line --index 1 --partial ',3600.00,'
}

# ----------------------------------------------------------- time order in a visit

@test "time: an event before its visit's previous one leaves the visit out (time_order)" {
	# n1: ENTERQUEUE +1000, CONNECT +400 (600 s back: within the hour, so not out of
	# order, but before the ENTERQUEUE) with no holdtime, COMPLETECALLER +300 with no
	# calltime.  n2: ENTERQUEUE +500, ABANDON +510 (1|1|10).
	local d
	d=$(scratch)
	printf '%s\n' '1780001000|n1.1|q|NONE|ENTERQUEUE||1|1' \
		'1780000400|n1.1|q|A|CONNECT||x|2' \
		'1780000300|n1.1|q|A|COMPLETECALLER|||1' \
		'1780000500|n2.1|q|NONE|ENTERQUEUE||1|1' \
		'1780000510|n2.1|q|NONE|ABANDON|1|1|10' > "$d/back"
	# only n2 is a record: arrived 1780000500 = 2026-05-28T20:35:00Z, wait 10
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$d/back"
	assert_equal "$(csv_cols id,outcome,arrived_at,ended_at,wait_s <<<"$output")" \
		'n2.1:q:1780000500,abandoned,2026-05-28T20:35:00Z,2026-05-28T20:35:10Z,10'
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_order
ccreport: diagnostics: 1 after_end'
	# no zero wait or talk in the figures: offered 1, abandoned 1, no asa, no aht
	run -0 --separate-stderr ccreport "${QL[@]}" --by= --output-format table "$d/back"
	assert_line --index 2 --regexp '^ +1 +0 +1 +0 +0 +0 +100.00 +- +0.00 '
	assert_line "  $d/back:2: time_order: CONNECT for call n1.1 in queue q is 600 s earlier than the visit's previous event ($d/back:1): the visit (entered at $d/back:1) is left out"
	assert_line "  $d/back:3: after_end: COMPLETECALLER for call n1.1 in queue q after its visit ended at $d/back:2: ignored"
	# the conversations report reads it without complaint: 1 conversation of 1 record
	run -0 --separate-stderr ccreport "${QL[@]}" --report conversations "$d/back"
	assert_line --index 2 --partial 'TOTAL,1,1,'
	# an ENTERQUEUE in another queue before the connected visit's CONNECT: that visit is
	# left out (not a transfer ending before it began); q2's visit counts: abandoned, 10 s
	printf '%s\n' '1780000000|c1|q1|NONE|ENTERQUEUE||100|1' \
		'1780000100|c1|q1|Anna|CONNECT|100|b|2' \
		'1780000050|c1|q2|NONE|ENTERQUEUE||100|1' \
		'1780000060|c1|q2|NONE|ABANDON|1|1|10' > "$d/xfer"
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$d/xfer"
	assert_equal "$(csv_cols id,outcome,wait_s <<<"$output")" 'c1:q2:1780000050,abandoned,10'
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_order'
	run -0 --separate-stderr ccreport "${QL[@]}" --reject "$d/rej" "$d/xfer"
	run -0 head -n 1 "$d/rej"
	assert_output "# $d/xfer:3: time_order: call c1 entered queue q2 50 s before the last event ($d/xfer:2) of its visit to queue q1, connected: that visit (entered at $d/xfer:1) is left out"
}

@test "time: an agent event before the agent's previous one counts at that one's time" {
	# Anna: added +0, PAUSE lunch +1000, UNPAUSE +900 (100 s back): counted at +1000, so
	# the pause is 1 pause of 0 s; removed +2000: logged in 2000 s
	local d
	d=$(scratch)
	printf '%s\n' '1780000000|MANAGER|q|Anna|ADDMEMBER|' \
		'1780001000|NONE|q|Anna|PAUSE|lunch' \
		'1780000900|NONE|q|Anna|UNPAUSE|' \
		'1780002000|MANAGER|q|Anna|REMOVEMEMBER|' > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --output-format table "$d/a"
	assert_line --regexp '^Anna +0 +0.00 +- +- +0 +1 +0.00 +2000.00 +2000.00 +0.00$'
	assert_line "  $d/a:3: time_order: UNPAUSE of agent Anna is 100 s earlier than the agent's previous event ($d/a:2): counted at the time of that event"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 time_order'
}

# ------------------------------------------------------------------ limits
#
# Every number of a data field is at most 10000000 (CC_QLOG_MAX_S: seconds, a position;
# RINGNOANSWER's milliseconds 10000000000): the sums of the reports stay far from 64 bits.

@test "limits: numbers over 10^7 make the line bad, numbers at it are read" {
	local d q='1772442000|NONE|NONE|NONE|QUEUESTART|'
	d=$(scratch)
	printf '%s\n1772442001|c|q|a|CONNECT|10000001|y|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: holdtime over 10000000 s (115 days) in data1 of CONNECT: '10000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|CONNECT|9999999999999999999999999999999999999999|y|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: holdtime over 10000000 s (115 days) in data1 of CONNECT: '9999999999999999999999999999999999999999'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|CONNECT|1|y|10000001\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: ringtime over 10000000 s (115 days) in data3 of CONNECT: '10000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|COMPLETEAGENT|1|999999999999|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: calltime over 10000000 s (115 days) in data2 of COMPLETEAGENT: '999999999999'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|ABANDON|1|1|10000001\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: waittime over 10000000 s (115 days) in data3 of ABANDON: '10000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|NONE|ENTERQUEUE||555|10000001\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: origposition over 10000000 in data3 of ENTERQUEUE: '10000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|RINGNOANSWER|10000000001\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: ringtime over 10000000000 ms in data1 of RINGNOANSWER: '10000000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|c|q|a|ATTENDEDTRANSFER|BRIDGE|b1|5|10000001|1\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: calltime over 10000000 s (115 days) in data4 of ATTENDEDTRANSFER: '10000001'" "${QL[@]}" "$d/a"
	printf '%s\n1772442001|NONE|NONE|Agent/1|AGENTLOGOFF|SIP/1|10000001\n' "$q" > "$d/a"
	bad_input "ccreport: $d/a:2: logintime over 10000000 s (115 days) in data2 of AGENTLOGOFF: '10000001'" "${QL[@]}" "$d/a"
	# at the limit: read
	printf '%s\n1772442001|c|q|a|RINGNOANSWER|10000000000\n' "$q" > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" "$d/a"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 orphan'
}

@test "limits: 12 calls with the largest holdtime and calltime give exact figures" {
	# Call i (1..12) enters at T + 10i, CONNECT 10000000|..|1 at T + 10i + 1 and
	# COMPLETECALLER 10000000|10000000|1 at T + 10i + 2: asa = 12 x 10^7 / 12 = 10000000.00,
	# aht the same; sl 0/12; every wait percentile 10000000
	local d i
	d=$(scratch)
	for i in $(seq 12); do
		printf '%d|c%d|q|NONE|ENTERQUEUE||1|1\n' $((1772442000 + 10 * i)) "$i"
		printf '%d|c%d|q|A|CONNECT|10000000|x|1\n' $((1772442001 + 10 * i)) "$i"
		printf '%d|c%d|q|A|COMPLETECALLER|10000000|10000000|1\n' $((1772442002 + 10 * i)) "$i"
	done > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" --by= "$d/a"
	assert_output "$FIGS
12,12,0,0,0,0,0.00,10000000.00,0.00,10000000,10000000,10000000,10000000,10000000,10000000.00"
	assert_equal "$stderr" ''
	# one more digit: every CONNECT and COMPLETECALLER is bad (24 lines rejected), the 12
	# visits stay open at the end (incomplete), nothing is counted
	sed 's/|10000000|/|100000000|/' "$d/a" > "$d/b"
	run -0 --separate-stderr ccreport "${QL[@]}" --by= --reject "$d/rej" "$d/b"
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
	assert_equal "$stderr" "ccreport: diagnostics: 12 incomplete
ccreport: 24 records rejected (see $d/rej)"
}

@test "limits: a visit longer than 10^7 s from its times is left out (long_visit)" {
	# c1 enters at T; its CONNECT (no holdtime) comes 10000001 s later, held until the
	# COMPLETECALLER 60 s after it shows the log goes on from there: the wait from the
	# times is 10000001 s, over the limit.  c2 the same with 10000000 s: a record.
	local d T=1772442000
	d=$(scratch)
	printf '%s\n' "$T|c1|q|NONE|ENTERQUEUE||1|1" "$((T + 10000001))|c1|q|A|CONNECT||x|1" \
		"$((T + 10000061))|c1|q|A|COMPLETECALLER||60|1" > "$d/a"
	run -0 --separate-stderr ccreport convert "${QL[@]}" --output-format table "$d/a"
	assert_equal "$stderr" 'ccreport: diagnostics: 1 long_visit'
	run -0 --separate-stderr ccreport "${QL[@]}" --output-format table "$d/a"
	assert_line "  $d/a:1: long_visit: call c1 in queue q (COMPLETECALLER at $d/a:3) waited 10000001 s, over the limit of 10000000 s (115 days): left out"
	printf '%s\n' "$T|c2|q|NONE|ENTERQUEUE||1|1" "$((T + 10000000))|c2|q|A|CONNECT||x|1" \
		"$((T + 10000060))|c2|q|A|COMPLETECALLER||60|1" > "$d/b"
	run -0 --separate-stderr ccreport convert "${QL[@]}" "$d/b"
	assert_equal "$(csv_cols id,wait_s,handle_s <<<"$output")" "c2:q:$T,10000000,60"
	assert_equal "$stderr" ''
}

@test "limits: 40 agents logged in from 1970 to 9999 count 10^7 s each (long_session)" {
	# ADDMEMBER at epoch 1, REMOVEMEMBER at 253402300799 (9999-12-31T23:59:59Z) for a01 ..
	# a40; a01 is also paused over the same span.  Each run is 253402300798 s long:
	# counted as 10000000 s; TOTAL login 40 x 10^7 = 400000000 s; a01's pause 10^7 s, so
	# its idle is 0.  41 long_session diagnostics.
	local d i
	d=$(scratch)
	{ for i in $(seq -w 1 40); do echo "1|MANAGER|q|a$i|ADDMEMBER|"; done
		echo '1|NONE|q|a01|PAUSE|away'
		echo '253402300799|NONE|q|a01|UNPAUSE|'
		for i in $(seq -w 1 40); do echo "253402300799|MANAGER|q|a$i|REMOVEMEMBER|"; done; } > "$d/a"
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents "$d/a"
	assert_equal "$(csv_cols agent,pauses,pause_s,login_s,idle_s <<<"$output" | sed -n '1p;2p;41p')" \
		'a01,1,10000000.00,10000000.00,0.00
a02,0,0.00,10000000.00,10000000.00
TOTAL,1,10000000.00,400000000.00,390000000.00'
	assert_equal "$stderr" 'ccreport: diagnostics: 41 long_session'
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --output-format table "$d/a"
	assert_line "  $d/a:42: long_session: agent a01 was paused for 253402300798 s without a break (1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z): counted as 10000000 s, the limit"
	assert_line "  $d/a:43: long_session: agent a01 was logged in for 253402300798 s without a break (1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z): counted as 10000000 s, the limit"
}

# ------------------------------------------------------------ the report range
#
# The v11 day (see above) with --since/--until: logged-in time and pauses are cut to
# [since, until), over all queues; rna counts the visits that entered in the range.

@test "range: logins and pauses are cut to --since/--until, with the calls" {
	# [T+100, T+1000) = 09:01:40 .. 09:16:40: every call entered in it (T+100 .. T+800).
	# Alice: login [T+100, T+1000) = 900 s; her break (T+1100) is outside: 0 pauses;
	#   talk 120 + 200 = 320; idle 900 - 320 = 580; occupancy 320/900 = 35.56
	# Bob: 900 s; his lunch starts at T+1000 = until: outside; talk 300, idle 600, 33.33;
	#   rna 1 (c1 entered at T+100)
	# Carol: 900 s; talk 120, idle 780, 13.33
	# TOTAL: talk 740, login 2700, idle 1960, occupancy 740/2700 = 27.41
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --since 2026-03-02T09:01:40Z \
		--until 2026-03-02T09:16:40Z "$V11"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
Alice,2,320.00,160.00,16.50,0,0,0.00,900.00,580.00,35.56
Bob,1,300.00,300.00,15.00,1,0,0.00,900.00,600.00,33.33
Carol,1,120.00,120.00,30.00,0,0,0.00,900.00,780.00,13.33
TOTAL,4,740.00,185.00,19.50,1,0,0.00,2700.00,1960.00,27.41'
	assert_equal "$stderr" ''
	# no pause in the range: the pauses report has only its TOTAL (login known: 0/2700)
	run -0 --separate-stderr ccreport "${QL[@]}" --report pauses --since 2026-03-02T09:01:40Z \
		--until 2026-03-02T09:16:40Z "$V11"
	assert_output 'agent,reason,pauses,pause_s,share
TOTAL,,0,0.00,0.00'
	# [T+1200, T+1500) = 09:20 .. 09:25: no call; 300 s of login each.  Alice's break
	#   [T+1100, T+1400) gives [T+1200, T+1400) = 200 s, 1 pause (started before the range);
	#   idle 100, occupancy 0/100 = 0.00.  Bob's lunch [T+1000, T+1600) gives 300 s: idle 0,
	#   occupancy null (0/0).  Carol idle 300.  c1 entered before the range: rna 0.
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --since 2026-03-02T09:20:00Z \
		--until 2026-03-02T09:25:00Z "$V11"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
Alice,0,0.00,,,0,1,200.00,300.00,100.00,0.00
Bob,0,0.00,,,0,1,300.00,300.00,0.00,
Carol,0,0.00,,,0,0,0.00,300.00,300.00,0.00
TOTAL,0,0.00,,,0,2,500.00,900.00,400.00,0.00'
	# share: 200/300 = 66.67, 300/300 = 100.00; TOTAL 500/900 = 55.56
	run -0 --separate-stderr ccreport "${QL[@]}" --report pauses --since 2026-03-02T09:20:00Z \
		--until 2026-03-02T09:25:00Z "$V11"
	assert_output 'agent,reason,pauses,pause_s,share
Alice,break,1,200.00,66.67
Bob,lunch,1,300.00,100.00
TOTAL,,2,500.00,55.56'
	# only --since (T+3650 = 10:00:50): Alice until her REMOVEMEMBER at T+3700: 50 s; Bob was
	# removed at T+3600 and Carol at T+3610: 0 s
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --since 2026-03-02T10:00:50Z "$V11"
	assert_equal "$(csv_cols agent,login_s <<<"$output")" 'Alice,50.00
Bob,0.00
Carol,0.00
TOTAL,50.00'
}

@test "range: --queue narrows the calls, not the logged-in time" {
	# [T+100, T+1000) and --queue sales: Alice keeps 900 s (sales and support) but handled
	# only c1 (talk 120): idle 780, occupancy 120/900 = 13.33; Bob c2: 300, idle 600, 33.33;
	# Carol (support) handled 0: idle 900, 0.00
	run -0 --separate-stderr ccreport "${QL[@]}" --report agents --queue sales \
		--since 2026-03-02T09:01:40Z --until 2026-03-02T09:16:40Z "$V11"
	assert_equal "$(csv_cols agent,handled,talk_s,login_s,idle_s,occupancy <<<"$output")" 'Alice,1,120.00,900.00,780.00,13.33
Bob,1,300.00,900.00,600.00,33.33
Carol,0,0.00,900.00,900.00,0.00
TOTAL,2,420.00,2700.00,2280.00,15.56'
}

# ---------------------------------------------------------- the sample day

# samples/queue_log is what samples/make-queue-log.py writes; its --expect option prints
# the simulation's own count per queue (offered, answered, abandoned, timeout, other,
# the sums of the answered waits and talk times) and of the calls cut by the restart.
@test "samples/queue_log: written by its generator, its figures those of the simulation" {
	python3 "$TOP_SRCDIR/samples/make-queue-log.py" -o "$BATS_TEST_TMPDIR/q"
	cmp "$BATS_TEST_TMPDIR/q" "$TOP_SRCDIR/samples/queue_log"
	local n
	n=$(wc -l < "$TOP_SRCDIR/samples/queue_log")
	[ "$n" -ge 300 ] && [ "$n" -le 600 ]
	run -0 python3 "$TOP_SRCDIR/samples/make-queue-log.py" --expect
	local expect=$output
	# ccreport's offered..other, and asa x answered and aht x answered (two decimals:
	# compared as the rounded quotients the simulation's sums give)
	run -0 --separate-stderr ccreport "${QL[@]}" --no-total "$TOP_SRCDIR/samples/queue_log"
	local got
	got=$(awk -F, 'NR > 1 { print $1, $2, $3, $4, $5, $7, $9, $16 }' <<<"$output")
	want=$(awk '$1 != "cut_by_restart" && $1 != "lines" {
		printf "%s %d %d %d %d %d %.2f %.2f\n", $1, $2, $3, $4, $5, $6, $7 / $3 + 1e-9, $8 / $3 + 1e-9 }' <<<"$expect")
	assert_equal "$got" "$want"
	assert_line --index 1 --partial 'billing,'
	[[ $stderr == *"ccreport: diagnostics: $(awk '$1 == "cut_by_restart" { print $2 }' <<<"$expect") cut_by_restart"* ]]
}

@test "the examples of ccreport(1) on the sample day" {
	cd "$TOP_SRCDIR"
	run -0 python3 samples/make-queue-log.py --expect
	local expect=$output
	# the queues report as a table: offered and answered per queue as simulated
	run -0 --separate-stderr ccreport --from asterisk-queue-log --output-format table samples/queue_log
	for q in billing sales support; do
		local o a
		o=$(awk -v q=$q '$1 == q { print $2 }' <<<"$expect")
		a=$(awk -v q=$q '$1 == q { print $3 }' <<<"$expect")
		assert_line --regexp "^$q +$o +$a "
	done
	# the abandoned calls: as many as simulated, each with its queue, wait and positions
	run -0 --separate-stderr ccreport --from asterisk-queue-log --list abandoned \
		--output-format table samples/queue_log
	local ab
	ab=$(awk '$1 != "cut_by_restart" && $1 != "lines" { n += $4 } END { print n }' <<<"$expect")
	[ "${#lines[@]}" -eq $((ab + 1)) ]
	assert_line --index 1 --regexp ' abandoned +2026-03-02T'
	# the examples are in the man page as run here
	grep -qF '$ ccreport \-\-from asterisk\-queue\-log \-\-output\-format table samples/queue_log' man/ccreport.1
	grep -qF '$ ccreport \-\-from asterisk\-queue\-log \-\-list abandoned \e' man/ccreport.1
}
