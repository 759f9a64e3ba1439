#!/usr/bin/env bats
# ccreport --report agents, pauses, transfers and hangup.  Every expected
# figure is worked out by hand in the comments, or counted by an independent
# Python computation written here.

bats_require_minimum_version 1.5.0
setup() {
	load common
	CALLS=$TEST_DATA/agents-calls.csv
	CALLSJ=$TEST_DATA/agents-calls.jsonl
	QLOG=$TEST_DATA/agents-day.queue_log
}

# agents-calls.csv (and the same records in agents-calls.jsonl):
#
#  id  dir  queue   agent  outcome      wait   handle  transfer  hangup_by
#  a01 in   sales   ann    answered     5      100     -         caller
#  a02 in   sales   ann    answered     12 (09:05:12 - 09:05:00)  240 (09:09:12 - 09:05:12)
#                                                      blind     agent
#  a03 in   sales   bob    transferred  20.5   60.25   -         caller  (outcome: other kind)
#  a04 in   sales   bob    answered     3      -       Attended  AGENT
#  a05 in   sales   -      abandoned    14     -       -         -
#  a11 in   sales   ""     answered     6      20      -         caller  (empty agent)
#  a06 in   support cid    answered     8      90      consult   system  (other kind, unknown)
#  a07 in   support ann    answered     1.5    30.5    -         -
#  a08 in   support -      answered     4      45      blind     caller
#  a09 OUT  support ann    answered     2      50      blind     agent
#  a10 in   support dee    timeout      300    -       blind     caller  (not answered)
#
# agents (inbound; a05, a08 and a11 have no agent: 3 left out, 2 answered):
#   ann: a01 a02 a07: handled 3, talk 100 + 240 + 30.5 = 370.50, aht 370.5/3 = 123.50,
#        asa (5 + 12 + 1.5)/3 = 6.1666 -> 6.17
#   bob: a03 a04: handled 2, talk 60.25, aht 60.25/1 (a04 has no handle time) = 60.25,
#        asa (20.5 + 3)/2 = 11.75
#   cid: a06: 1, 90.00, 90.00, 8.00
#   dee: a10 timed out: handled 0, talk 0.00, aht and asa null
#   TOTAL: handled 6, talk 370.5 + 60.25 + 90 = 520.75, aht 520.75/5 = 104.15,
#          asa (18.5 + 23.5 + 8)/6 = 50/6 = 8.333 -> 8.33
#   records only: rna, pauses, pause_s, login_s, idle_s, occupancy null
AGENTS='agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,3,370.50,123.50,6.17,,,,,,
bob,2,60.25,60.25,11.75,,,,,,
cid,1,90.00,90.00,8.00,,,,,,
dee,0,0.00,,,,,,,,
TOTAL,6,520.75,104.15,8.33,,,,,,'
AGENTS_DEF='ccreport 0.1.0: agents report of inbound interactions; one row per agent (records without an agent are left out: 3 here, 2 of them answered); handled = answered records of the agent; talk_s = sum of their known handle times; aht = talk_s / handled records with a known handle time; asa = mean wait of handled; rna, pauses, pause_s, login_s, idle_s and occupancy need the agent events of a queue_log (--from asterisk-queue-log): null here'

# transfers per queue (inbound, answered only):
#   sales: answered a01 a02 a03 a04 a11 = 5; a02 blind, a04 attended (any case),
#          a03 outcome transferred (other): transferred 3, rate 3/5 = 60.00
#   support: answered a06 a07 a08 = 3 (a10 timed out: its transfer does not count);
#          a08 blind, a06 consult (other): 2, rate 2/3 = 66.67
#   TOTAL: 8 answered, 5 transferred, 2 blind, 1 attended, 2 other, 5/8 = 62.50
TRANSFERS='queue,answered,transferred,blind,attended,other,transfer_rate
sales,5,3,1,1,1,60.00
support,3,2,1,0,1,66.67
TOTAL,8,5,2,1,2,62.50'
TRANSFERS_DEF='ccreport 0.1.0: transfers report of inbound interactions; answered = has answered_at (without it: outcome answered, resolved or transferred); transferred = answered with a transfer value (blind, attended, any other: other) or, without one, outcome transferred; transfer_rate = transferred / answered x 100'

# hangup per queue (inbound, answered only):
#   sales: a01 caller, a02 agent, a03 caller, a04 AGENT, a11 caller: 5 = 3 + 2 + 0,
#          3/5 = 60.00, 2/5 = 40.00
#   support: a06 system (unknown), a07 none (unknown), a08 caller: 3 = 1 + 0 + 2,
#          1/3 = 33.33, 0.00
#   TOTAL: 8 = 4 + 2 + 2, 4/8 = 50.00, 2/8 = 25.00
HANGUP='queue,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
sales,5,3,2,0,60.00,40.00
support,3,1,0,2,33.33,0.00
TOTAL,8,4,2,2,50.00,25.00'
HANGUP_DEF='ccreport 0.1.0: hangup report of inbound interactions; answered = has answered_at (without it: outcome answered, resolved or transferred); caller_hangup, agent_hangup = answered whose hangup_by is caller, agent; unknown_hangup = the other answered; caller_rate, agent_rate = caller_hangup, agent_hangup / answered x 100'

# ------------------------------------------------------------------ agents

@test "agents: from records, worked out by hand; JSONL records give the same" {
	run -0 --separate-stderr ccreport --report agents "$CALLS"
	assert_output "$AGENTS"
	assert_equal "$stderr" ''
	run -0 ccreport --report agents "$CALLSJ"
	assert_output "$AGENTS"
	# the records of both files together: every count and sum doubles, the means stay
	run -0 ccreport --report agents "$CALLS" "$CALLSJ"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,6,741.00,123.50,6.17,,,,,,
bob,4,120.50,60.25,11.75,,,,,,
cid,2,180.00,90.00,8.00,,,,,,
dee,0,0.00,,,,,,,,
TOTAL,12,1041.50,104.15,8.33,,,,,,'
}

@test "agents: table, markdown and JSON Lines carry the definitions line" {
	run -0 ccreport --report agents --output-format table "$CALLS"
	assert_output "# $AGENTS_DEF
agent  handled  talk_s     aht    asa  rna  pauses  pause_s  login_s  idle_s  occupancy
ann          3  370.50  123.50   6.17  -    -       -        -        -       -
bob          2   60.25   60.25  11.75  -    -       -        -        -       -
cid          1   90.00   90.00   8.00  -    -       -        -        -       -
dee          0    0.00       -      -  -    -       -        -        -       -
TOTAL        6  520.75  104.15   8.33  -    -       -        -        -       -"
	run -0 ccreport --report agents --output-format markdown "$CALLS"
	assert_output "> $AGENTS_DEF

| agent | handled | talk_s | aht | asa | rna | pauses | pause_s | login_s | idle_s | occupancy |
|---|--:|--:|--:|--:|---|---|---|---|---|---|
| ann | 3 | 370.50 | 123.50 | 6.17 |  |  |  |  |  |  |
| bob | 2 | 60.25 | 60.25 | 11.75 |  |  |  |  |  |  |
| cid | 1 | 90.00 | 90.00 | 8.00 |  |  |  |  |  |  |
| dee | 0 | 0.00 |  |  |  |  |  |  |  |  |
| TOTAL | 6 | 520.75 | 104.15 | 8.33 |  |  |  |  |  |  |"
	run -0 ccreport --report agents --output-format jsonl "$CALLS"
	assert_output "{\"_meta\":\"ccreport\",\"version\":\"0.1.0\",\"report\":\"agents\",\"direction\":\"inbound\",\"agent_events\":false,\"without_agent\":3,\"without_agent_answered\":2,\"definitions\":\"$AGENTS_DEF\"}
{\"agent\":\"ann\",\"handled\":3,\"talk_s\":370.50,\"aht\":123.50,\"asa\":6.17,\"rna\":null,\"pauses\":null,\"pause_s\":null,\"login_s\":null,\"idle_s\":null,\"occupancy\":null}
{\"agent\":\"bob\",\"handled\":2,\"talk_s\":60.25,\"aht\":60.25,\"asa\":11.75,\"rna\":null,\"pauses\":null,\"pause_s\":null,\"login_s\":null,\"idle_s\":null,\"occupancy\":null}
{\"agent\":\"cid\",\"handled\":1,\"talk_s\":90.00,\"aht\":90.00,\"asa\":8.00,\"rna\":null,\"pauses\":null,\"pause_s\":null,\"login_s\":null,\"idle_s\":null,\"occupancy\":null}
{\"agent\":\"dee\",\"handled\":0,\"talk_s\":0.00,\"aht\":null,\"asa\":null,\"rna\":null,\"pauses\":null,\"pause_s\":null,\"login_s\":null,\"idle_s\":null,\"occupancy\":null}
{\"agent\":\"TOTAL\",\"handled\":6,\"talk_s\":520.75,\"aht\":104.15,\"asa\":8.33,\"rna\":null,\"pauses\":null,\"pause_s\":null,\"login_s\":null,\"idle_s\":null,\"occupancy\":null}"
	# every line is JSON
	ccreport --report agents --output-format jsonl "$CALLS" | python3 -c '
import json, sys
for line in sys.stdin:
    json.loads(line)'
}

@test "agents: --no-total, --agent, --direction all" {
	run -0 ccreport --report agents --no-total "$CALLS"
	assert_output "$(printf '%s\n' "$AGENTS" | sed '$d')"
	# --agent keeps the named agents (zed took nothing: no row); the TOTAL is theirs:
	# handled 3 + 0, talk 370.50, aht 123.50, asa 6.17
	run -0 ccreport --report agents --agent ann,dee,zed "$CALLS"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,3,370.50,123.50,6.17,,,,,,
dee,0,0.00,,,,,,,,
TOTAL,3,370.50,123.50,6.17,,,,,,'
	# --direction all adds a09 (ann, wait 2, handle 50): ann handled 4, talk 420.50,
	# aht 420.5/4 = 105.125 -> 105.13, asa (18.5 + 2)/4 = 5.125 -> 5.13;
	# TOTAL handled 7, talk 570.75, aht 570.75/6 = 95.125 -> 95.13, asa 52/7 = 7.428 -> 7.43
	run -0 ccreport --report agents --direction all "$CALLS"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,4,420.50,105.13,5.13,,,,,,
bob,2,60.25,60.25,11.75,,,,,,
cid,1,90.00,90.00,8.00,,,,,,
dee,0,0.00,,,,,,,,
TOTAL,7,570.75,95.13,7.43,,,,,,'
	# --direction outbound: a09 alone
	run -0 ccreport --report agents --direction outbound --output-format table "$CALLS"
	assert_line --index 0 '# ccreport 0.1.0: agents report of outbound interactions; one row per agent (records without an agent are left out: 0 here, 0 of them answered); handled = answered records of the agent; talk_s = sum of their known handle times; aht = talk_s / handled records with a known handle time; asa = mean wait of handled; rna, pauses, pause_s, login_s, idle_s and occupancy need the agent events of a queue_log (--from asterisk-queue-log): null here'
	assert_line --index 2 'ann          1   50.00  50.00  2.00  -    -       -        -        -       -'
}

@test "agents: no records, or none with an agent" {
	d=$(scratch)
	printf '%s\n' "$HEADER" > "$d/empty.csv"
	run -0 ccreport --report agents "$d/empty.csv"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
TOTAL,0,0.00,,,,,,,,'
	run -0 ccreport --report agents --no-total "$d/empty.csv"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy'
	# an empty input (no header at all) adds nothing either
	: > "$d/nothing"
	run -0 ccreport --report agents --no-total "$d/nothing"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy'
	# two answered records without an agent: no row, counted in the definitions
	mkcsv "$d/none.csv" \
		'1,voice,inbound,q,,answered,,,,5,10' \
		'2,voice,inbound,q,"",answered,,,,5,10' \
		'3,voice,inbound,q,,abandoned,,,,5,'
	run -0 ccreport --report agents --output-format jsonl "$d/none.csv"
	assert_line --index 0 --partial '"without_agent":3,"without_agent_answered":2,'
	assert_line --index 1 '{"agent":"TOTAL","handled":0,"talk_s":0.00,"aht":null,"asa":null,"rna":null,"pauses":null,"pause_s":null,"login_s":null,"idle_s":null,"occupancy":null}'
	[ "${#lines[@]}" -eq 2 ]
}

@test "agents: names are sorted by bytes and kept as they are" {
	d=$(scratch)
	# "Zoe" < "ann" < "bob, jr" < "é" in bytes; a name with a comma is quoted in CSV
	mkcsv "$d/in.csv" \
		'1,voice,inbound,q,é,answered,,,,1,1' \
		'2,voice,inbound,q,"bob, jr",answered,,,,2,2' \
		'3,voice,inbound,q,ann,answered,,,,3,3' \
		'4,voice,inbound,q,Zoe,answered,,,,4,4'
	run -0 ccreport --report agents "$d/in.csv"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
Zoe,1,4.00,4.00,4.00,,,,,,
ann,1,3.00,3.00,3.00,,,,,,
"bob, jr",1,2.00,2.00,2.00,,,,,,
é,1,1.00,1.00,1.00,,,,,,
TOTAL,4,10.00,2.50,2.50,,,,,,'
}

# --------------------------------------------------------------- transfers

@test "transfers: per queue, worked out by hand, in every format" {
	run -0 --separate-stderr ccreport --report transfers "$CALLS"
	assert_output "$TRANSFERS"
	assert_equal "$stderr" ''
	run -0 ccreport --report transfers "$CALLSJ"
	assert_output "$TRANSFERS"
	run -0 ccreport --report transfers --output-format table "$CALLS"
	assert_output "# $TRANSFERS_DEF
queue    answered  transferred  blind  attended  other  transfer_rate
sales           5            3      1         1      1          60.00
support         3            2      1         0      1          66.67
TOTAL           8            5      2         1      2          62.50"
	run -0 ccreport --report transfers --output-format markdown "$CALLS"
	assert_output "> $TRANSFERS_DEF

| queue | answered | transferred | blind | attended | other | transfer_rate |
|---|--:|--:|--:|--:|--:|--:|
| sales | 5 | 3 | 1 | 1 | 1 | 60.00 |
| support | 3 | 2 | 1 | 0 | 1 | 66.67 |
| TOTAL | 8 | 5 | 2 | 1 | 2 | 62.50 |"
	run -0 ccreport --report transfers --output-format jsonl "$CALLS"
	assert_output "{\"_meta\":\"ccreport\",\"version\":\"0.1.0\",\"report\":\"transfers\",\"direction\":\"inbound\",\"interval_s\":null,\"tz\":\"UTC\",\"definitions\":\"$TRANSFERS_DEF\"}
{\"queue\":\"sales\",\"answered\":5,\"transferred\":3,\"blind\":1,\"attended\":1,\"other\":1,\"transfer_rate\":60.00}
{\"queue\":\"support\",\"answered\":3,\"transferred\":2,\"blind\":1,\"attended\":0,\"other\":1,\"transfer_rate\":66.67}
{\"queue\":\"TOTAL\",\"answered\":8,\"transferred\":5,\"blind\":2,\"attended\":1,\"other\":2,\"transfer_rate\":62.50}"
	run -0 ccreport --report transfers --no-total "$CALLS"
	assert_output "$(printf '%s\n' "$TRANSFERS" | sed '$d')"
}

@test "transfers: --by=, --interval, --by agent, --direction all" {
	run -0 ccreport --report transfers --by= "$CALLS"
	assert_output 'answered,transferred,blind,attended,other,transfer_rate
8,5,2,1,2,62.50'
	# 09:00-09:59 are the sales records, 10:00-10:59 the support ones
	run -0 ccreport --report transfers --by= -i 1h "$CALLS"
	assert_output 'interval,answered,transferred,blind,attended,other,transfer_rate
2026-03-02T09:00:00Z,5,3,1,1,1,60.00
2026-03-02T10:00:00Z,3,2,1,0,1,66.67
TOTAL,8,5,2,1,2,62.50'
	# the definitions say how the intervals were cut; in Berlin (UTC+1) the hours shift
	run -0 ccreport --report transfers --by= -i 1h --tz Europe/Berlin --output-format jsonl "$CALLS"
	assert_line --index 0 --partial '"interval_s":3600,"tz":"Europe/Berlin","definitions":'
	assert_line --index 0 --partial '; intervals of 3600 s by arrived_at in Europe/Berlin"}'
	assert_line --index 1 '{"interval":"2026-03-02T10:00:00+01:00","answered":5,"transferred":3,"blind":1,"attended":1,"other":1,"transfer_rate":60.00}'
	# per agent: null agent (a05, a08) first, then "" (a11), then by name
	#   null: a08 answered, blind: 1,1,1,0,0,100.00;  "": a11, no transfer: 1,0,...,0.00
	#   ann: a01 a02(blind) a07: 3,1,1,0,0,33.33;  bob: a03(other) a04(attended): 2,2,0,1,1,100.00
	#   cid: a06(other) 1,1,0,0,1,100.00;  dee: nothing answered: 0,...,null
	run -0 ccreport --report transfers --by agent "$CALLS"
	assert_output 'agent,answered,transferred,blind,attended,other,transfer_rate
,1,1,1,0,0,100.00
"",1,0,0,0,0,0.00
ann,3,1,1,0,0,33.33
bob,2,2,0,1,1,100.00
cid,1,1,0,0,1,100.00
dee,0,0,0,0,0,
TOTAL,8,5,2,1,2,62.50'
	# --direction all adds a09 (support, answered, blind): support 4,3,2,0,1,75.00;
	# TOTAL 9,6,3,1,2, 6/9 = 66.67
	run -0 ccreport --report transfers --direction all "$CALLS"
	assert_output 'queue,answered,transferred,blind,attended,other,transfer_rate
sales,5,3,1,1,1,60.00
support,4,3,2,0,1,75.00
TOTAL,9,6,3,1,2,66.67'
}

@test "transfers and hangup: no records" {
	d=$(scratch)
	printf '%s\n' "$HEADER" > "$d/empty.csv"
	run -0 ccreport --report transfers "$d/empty.csv"
	assert_output 'queue,answered,transferred,blind,attended,other,transfer_rate
TOTAL,0,0,0,0,0,'
	run -0 ccreport --report transfers --by= "$d/empty.csv"
	assert_output 'answered,transferred,blind,attended,other,transfer_rate
0,0,0,0,0,'
	run -0 ccreport --report hangup --no-total "$d/empty.csv"
	assert_output 'queue,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate'
	run -0 ccreport --report hangup --by= "$d/empty.csv"
	assert_output 'answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
0,0,0,0,,'
}

# ------------------------------------------------------------------ hangup

@test "hangup: per queue, worked out by hand, in every format" {
	run -0 --separate-stderr ccreport --report hangup "$CALLS"
	assert_output "$HANGUP"
	assert_equal "$stderr" ''
	run -0 ccreport --report hangup "$CALLSJ"
	assert_output "$HANGUP"
	run -0 ccreport --report hangup --output-format table "$CALLS"
	assert_output "# $HANGUP_DEF
queue    answered  caller_hangup  agent_hangup  unknown_hangup  caller_rate  agent_rate
sales           5              3             2               0        60.00       40.00
support         3              1             0               2        33.33        0.00
TOTAL           8              4             2               2        50.00       25.00"
	run -0 ccreport --report hangup --output-format markdown "$CALLS"
	assert_output "> $HANGUP_DEF

| queue | answered | caller_hangup | agent_hangup | unknown_hangup | caller_rate | agent_rate |
|---|--:|--:|--:|--:|--:|--:|
| sales | 5 | 3 | 2 | 0 | 60.00 | 40.00 |
| support | 3 | 1 | 0 | 2 | 33.33 | 0.00 |
| TOTAL | 8 | 4 | 2 | 2 | 50.00 | 25.00 |"
	run -0 ccreport --report hangup --output-format jsonl "$CALLS"
	assert_output "{\"_meta\":\"ccreport\",\"version\":\"0.1.0\",\"report\":\"hangup\",\"direction\":\"inbound\",\"interval_s\":null,\"tz\":\"UTC\",\"definitions\":\"$HANGUP_DEF\"}
{\"queue\":\"sales\",\"answered\":5,\"caller_hangup\":3,\"agent_hangup\":2,\"unknown_hangup\":0,\"caller_rate\":60.00,\"agent_rate\":40.00}
{\"queue\":\"support\",\"answered\":3,\"caller_hangup\":1,\"agent_hangup\":0,\"unknown_hangup\":2,\"caller_rate\":33.33,\"agent_rate\":0.00}
{\"queue\":\"TOTAL\",\"answered\":8,\"caller_hangup\":4,\"agent_hangup\":2,\"unknown_hangup\":2,\"caller_rate\":50.00,\"agent_rate\":25.00}"
	run -0 ccreport --report hangup --no-total "$CALLS"
	assert_output "$(printf '%s\n' "$HANGUP" | sed '$d')"
}

@test "hangup: per agent, with the records that have no agent as groups" {
	#   null (a05 abandoned, a08 caller): 1 = 1 + 0 + 0;  "" (a11 caller): 1 = 1 + 0 + 0
	#   ann: a01 caller, a02 agent, a07 none: 3 = 1 + 1 + 1, 33.33, 33.33
	#   bob: a03 caller, a04 AGENT: 2 = 1 + 1 + 0, 50.00, 50.00
	#   cid: a06 system: 1 = 0 + 0 + 1;  dee: nothing answered: rates null
	run -0 ccreport --report hangup --by agent "$CALLS"
	assert_output 'agent,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
,1,1,0,0,100.00,0.00
"",1,1,0,0,100.00,0.00
ann,3,1,1,1,33.33,33.33
bob,2,1,1,0,50.00,50.00
cid,1,0,0,1,0.00,0.00
dee,0,0,0,0,,
TOTAL,8,4,2,2,50.00,25.00'
	run -0 ccreport --report hangup --by queue,agent --no-total --queue support "$CALLS"
	assert_output 'queue,agent,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
support,,1,1,0,0,100.00,0.00
support,ann,1,0,0,1,0.00,0.00
support,cid,1,0,0,1,0.00,0.00
support,dee,0,0,0,0,,'
}

# ------------------------------------------------------- partial and merge

# gen_calls N FILE: N deterministic JSONL records with agents, transfers and
# hang-up sides (a few without an agent, some unanswered, some outbound).
gen_calls() {
	python3 - "$1" "$2" <<'EOF'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
r = random.Random(7)
with open(path, "w") as f:
    for i in range(n):
        rec = {"id": "g%05d" % i, "queue": r.choice(["sales", "support", "billing"]),
               "direction": "outbound" if r.random() < 0.1 else "inbound",
               "arrived_at": 1772438400 + i * 7}
        ag = r.choice(["ann", "bob", "cid", "dee", "", None])
        if ag is not None:
            rec["agent"] = ag
        if r.random() < 0.8:
            rec["outcome"] = r.choice(["answered", "answered", "transferred"])
            rec["wait_s"] = r.randrange(0, 120) / 2
            if r.random() < 0.9:
                rec["handle_s"] = r.randrange(10, 900) / 4
            rec["transfer"] = r.choice([None, None, "", "blind", "Attended", "consult"])
            rec["hangup_by"] = r.choice(["caller", "agent", "Caller", "x", None])
        else:
            rec["outcome"] = r.choice(["abandoned", "timeout"])
            rec["wait_s"] = r.randrange(0, 60)
        f.write(json.dumps(rec) + "\n")
EOF
}

@test "partial: agents, transfers and hangup merged from parallel parts equal one process byte for byte" {
	d=$(scratch)
	gen_calls 3000 "$d/calls.jsonl"
	for rep in agents transfers hangup; do
		opts=(--report "$rep")
		[ "$rep" = agents ] || opts+=(--by queue --interval 1h)
		for fmt in csv jsonl table markdown; do
			ccreport "${opts[@]}" --output-format $fmt "$d/calls.jsonl" > "$d/single.$rep.$fmt"
		done
		rm -f "$d"/part.*
		parallel --pipepart -a "$d/calls.jsonl" --block 16k \
			"ccreport ${opts[*]} --partial > $d/part.{#}.jsonl"
		n=$(ls "$d"/part.*.jsonl | wc -l)
		[ "$n" -ge 5 ]
		# the partial names the report, grouped by agent for the agents report
		head -1 "$d/part.1.jsonl" | grep -q "\"report\":\"$rep\""
		[ "$rep" != agents ] || head -1 "$d/part.1.jsonl" | grep -q '"by":\["agent"\]'
		for fmt in csv jsonl table markdown; do
			ccreport merge --output-format $fmt $(ls -r "$d"/part.*.jsonl) > "$d/merged.$rep.$fmt"
			cmp "$d/single.$rep.$fmt" "$d/merged.$rep.$fmt"
		done
		ccreport merge --no-total "$d"/part.*.jsonl > "$d/nt.csv"
		ccreport "${opts[@]}" --no-total "$d/calls.jsonl" | cmp - "$d/nt.csv"
	done
}

@test "partial: merged agents, transfers and hangup figures equal an independent count" {
	d=$(scratch)
	gen_calls 2000 "$d/calls.jsonl"
	split -l 300 "$d/calls.jsonl" "$d/piece."
	for rep in agents transfers hangup; do
		for f in "$d"/piece.??; do ccreport --report $rep --partial "$f" > "$f.$rep"; done
		ccreport merge "$d"/piece.*."$rep" > "$d/$rep.csv"
	done
	# The definitions, computed again in exact fractions, rounded half away from zero.
	python3 - "$d" <<'EOF'
import collections, csv, json, sys
from fractions import Fraction as F
d = sys.argv[1]

def fix(x):
    if x is None:
        return ""
    q = (abs(x) * 100 + F(1, 2)).__floor__()
    return ("-" if x < 0 else "") + "%d.%02d" % (q // 100, q % 100)

def ratio(a, b):
    return fix(F(a) / b) if b else ""

ag = collections.defaultdict(lambda: [0, 0, F(0), F(0)])   # handled, known, talk, wait
xf = collections.defaultdict(lambda: [0, 0, 0, 0])          # answered, xfer, blind, attended
hg = collections.defaultdict(lambda: [0, 0, 0])             # answered, caller, agent
for line in open(d + "/calls.jsonl"):
    r = json.loads(line)
    if r["direction"] == "outbound":
        continue
    ans = r["outcome"] in ("answered", "transferred")
    a = r.get("agent")
    if a:
        s = ag[a]
        if ans:
            s[0] += 1
            s[3] += F(r["wait_s"])
            if "handle_s" in r:
                s[1] += 1
                s[2] += F(r["handle_s"])
    if not ans:
        continue
    q = r["queue"]
    t = (r.get("transfer") or "").lower()
    xf[q][0] += 1
    if t or r["outcome"] == "transferred":
        xf[q][1] += 1
        xf[q][2] += t == "blind"
        xf[q][3] += t == "attended"
    h = (r.get("hangup_by") or "").lower()
    hg[q][0] += 1
    hg[q][1] += h == "caller"
    hg[q][2] += h == "agent"

rows = []
tot = [0, 0, F(0), F(0)]
for a in sorted(ag, key=lambda s: s.encode()):
    h, k, talk, wait = ag[a]
    rows.append([a, str(h), fix(talk), ratio(talk, k), ratio(wait, h)] + [""] * 6)
    tot = [tot[0] + h, tot[1] + k, tot[2] + talk, tot[3] + wait]
rows.append(["TOTAL", str(tot[0]), fix(tot[2]), ratio(tot[2], tot[1]), ratio(tot[3], tot[0])] + [""] * 6)
got = list(csv.reader(open(d + "/agents.csv")))[1:]
assert got == rows, (got, rows)

rows, tot = [], [0, 0, 0, 0]
for q in sorted(xf):
    a, x, b, t = xf[q]
    rows.append([q, str(a), str(x), str(b), str(t), str(x - b - t), ratio(100 * x, a)])
    tot = [u + v for u, v in zip(tot, xf[q])]
a, x, b, t = tot
rows.append(["TOTAL", str(a), str(x), str(b), str(t), str(x - b - t), ratio(100 * x, a)])
got = list(csv.reader(open(d + "/transfers.csv")))[1:]
assert got == rows, (got, rows)

rows, tot = [], [0, 0, 0]
for q in sorted(hg):
    a, c, g = hg[q]
    rows.append([q, str(a), str(c), str(g), str(a - c - g), ratio(100 * c, a), ratio(100 * g, a)])
    tot = [u + v for u, v in zip(tot, hg[q])]
a, c, g = tot
rows.append(["TOTAL", str(a), str(c), str(g), str(a - c - g), ratio(100 * c, a), ratio(100 * g, a)])
got = list(csv.reader(open(d + "/hangup.csv")))[1:]
assert got == rows, (got, rows)
EOF
}

# ------------------------------------------------------------ usage errors

@test "usage errors of the agent, pause, transfer and hang-up reports" {
	usage_error "--report agents groups by agent: it takes no --by or --interval" \
		--report agents --by queue "$CALLS"
	usage_error "--report agents groups by agent: it takes no --by or --interval" \
		--report agents -i 1h "$CALLS"
	usage_error "--report pauses groups by agent: it takes no --by or --interval" \
		--report pauses --by agent --from asterisk-queue-log "$QLOG"
	usage_error "--report pauses groups by agent: it takes no --by or --interval" \
		--report pauses --interval 15m --from asterisk-queue-log "$QLOG"
	usage_error "--report pauses needs the agent events of --from asterisk-queue-log" \
		--report pauses "$CALLS"
	usage_error "--report pauses needs the agent events of --from asterisk-queue-log" \
		--report pauses --from asterisk-cdr "$CALLS"
	usage_error "--report pauses needs the agent events of --from asterisk-queue-log" \
		--report pauses --db "$BATS_TEST_TMPDIR/none.sqlite"
	usage_error "--partial takes no --report conversations or pauses, nor --report agents of a queue_log" \
		--report pauses --partial --from asterisk-queue-log "$QLOG"
	usage_error "--partial takes no --report conversations or pauses, nor --report agents of a queue_log" \
		--report agents --partial --from asterisk-queue-log "$QLOG"
	usage_error "merge takes no --report conversations or pauses" merge --report pauses
	usage_error "--output-format html goes with the queues report only" \
		--report agents --output-format html "$CALLS"
	usage_error "--output-format html goes with the queues report only" \
		--report transfers --output-format html "$CALLS"
	usage_error "--output-format html goes with the queues report only" \
		--report hangup --output-format html "$CALLS"
	usage_error "invalid --report 'agent': queues, agents, pauses, transfers, hangup or conversations" \
		--report agent "$CALLS"
	usage_error "convert writes records: it takes no --partial, --list or --report" \
		convert --report agents "$CALLS"
	usage_error "--list writes records: it takes no --report or --reopen-window" \
		--report transfers --list all --no-total "$CALLS"
	# the store is not touched by a usage error
	[ ! -e "$BATS_TEST_TMPDIR/none.sqlite" ]
}

# --------------------------------------------------------------- bad input

@test "bad input stops the agent, transfer and hang-up reports with its line" {
	d=$(scratch)
	mkcsv "$d/bad.csv" \
		'1,voice,inbound,q,ann,answered,,,,5,10' \
		'2,voice,inbound,q,ann,answered,,,,5,ten'
	for rep in agents transfers hangup; do
		bad_input "ccreport: $d/bad.csv:3: bad number of seconds in handle_s: 'ten'" \
			--report $rep "$d/bad.csv"
	done
	# --reject keeps going: the good record makes the report
	run -0 --separate-stderr ccreport --report agents --reject "$d/rej" "$d/bad.csv"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,1,10.00,10.00,5.00,,,,,,
TOTAL,1,10.00,10.00,5.00,,,,,,'
	assert_equal "$stderr" "ccreport: 1 record rejected (see $d/rej)"
	assert_equal "$(cat "$d/rej")" "# $d/bad.csv:3: bad number of seconds in handle_s: 'ten'
2,voice,inbound,q,ann,answered,,,,5,ten"
	# the agents report needs an agent column
	printf 'id,queue,outcome,wait_s\n1,q,answered,5\n' > "$d/noagent.csv"
	bad_input "ccreport: $d/noagent.csv:1: no column 'agent' (needed by --report agents)" \
		--report agents "$d/noagent.csv"
	# wrong column count, bad quotes, bad UTF-8, a bad timestamp, a huge field, binary junk
	printf 'id,agent,outcome,wait_s\n1,ann,answered\n' > "$d/ragged.csv"
	bad_input "ccreport: $d/ragged.csv:2: expected 4 fields, found 3" --report agents "$d/ragged.csv"
	printf 'id,queue,agent,outcome,wait_s\n1,q,"ann,answered,5\n' > "$d/quote.csv"
	bad_input "ccreport: $d/quote.csv:2:5: unterminated quoted field" --report hangup "$d/quote.csv"
	printf 'id,queue,agent,outcome,wait_s\n1,q,a"nn,answered,5\n' > "$d/quote2.csv"
	bad_input "ccreport: $d/quote2.csv:2:6: bad quoting (a quote inside an unquoted field, or text after a closing quote)" \
		--report transfers "$d/quote2.csv"
	printf 'id,agent,outcome,wait_s\n1,a\xffn,answered,5\n' > "$d/utf8.csv"
	bad_input "ccreport: $d/utf8.csv:2:4: invalid UTF-8" --report agents "$d/utf8.csv"
	printf 'id,queue,agent,outcome,arrived_at,wait_s\n1,q,ann,answered,yesterday,5\n' > "$d/ts.csv"
	bad_input "ccreport: $d/ts.csv:2: bad timestamp in arrived_at: 'yesterday'" \
		--report transfers "$d/ts.csv"
	{ printf 'id,agent,outcome,wait_s\n1,'; head -c 2000 /dev/zero | tr '\0' a; printf ',answered,5\n'; } > "$d/huge.csv"
	bad_input "ccreport: $d/huge.csv:2:3: field 2 is longer than 1000 bytes (--max-field-size)" \
		--report agents --max-field-size 1000 "$d/huge.csv"
	printf 'id,queue\n\x00\x01\xfe\x02,q\n' > "$d/junk"
	bad_input "ccreport: $d/junk:2:1: NUL byte" --report hangup "$d/junk"
	printf '\x00\x01\x02\x7f' > "$d/junk2"
	bad_input "ccreport: $d/junk2:1:1: bad header: NUL byte" --report agents "$d/junk2"
}

@test "a report into a full device: one write error line, exit 1" {
	for rep in agents transfers hangup; do
		for fmt in csv jsonl table markdown; do
			run -1 --separate-stderr bash -c 'ccreport --report "$1" --output-format "$2" "$3" > /dev/full' \
				_ "$rep" "$fmt" "$CALLS"
			assert_output ''
			assert_equal "$stderr" 'ccreport: write error: No space left on device'
		done
		run -1 --separate-stderr bash -c 'ccreport --report "$1" --partial "$2" | ccreport merge --output-format table > /dev/full' \
			_ "$rep" "$CALLS"
		assert_equal "$stderr" 'ccreport: write error: No space left on device'
	done
}

# ------------------------------------------------------------ the examples

@test "the agents and transfers examples of ccreport(1) give the figures of the definitions" {
	src=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}
	# the commands exactly as the EXAMPLES section shows them
	run -0 bash -c 'cd "$1" && ccreport --report agents --output-format table samples/calls.csv' _ "$src"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/agents.txt"
	run -0 bash -c 'cd "$1" && ccreport --report transfers --output-format markdown samples/calls.csv' _ "$src"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/transfers.md"
	# The same figures from the records, by the definitions, in exact fractions.
	python3 - "$src/samples/calls.csv" "$BATS_TEST_TMPDIR" <<'PYEOF'
import collections, csv, datetime as dt, sys
from fractions import Fraction as F
recs, d = sys.argv[1], sys.argv[2]

def t(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))

def fix(x):
    q = (x * 100 + F(1, 2)).__floor__()
    return "%d.%02d" % (q // 100, q % 100)

ag = collections.defaultdict(lambda: [0, F(0), F(0)])
xf = collections.defaultdict(lambda: [0, 0])
noagent = 0
for r in csv.DictReader(open(recs, encoding="utf-8")):
    if r["direction"] == "outbound":
        continue
    ans = bool(r["answered_at"]) or r["outcome"].lower() in ("answered", "resolved", "transferred")
    if not r["agent"]:
        noagent += 1
    if ans:
        xf[r["queue"]][0] += 1
        if r.get("transfer") or r["outcome"].lower() == "transferred":
            xf[r["queue"]][1] += 1
    if not ans or not r["agent"]:
        if r["agent"]:
            ag[r["agent"]]
        continue
    s = ag[r["agent"]]
    s[0] += 1
    s[1] += F((t(r["ended_at"]) - t(r["answered_at"])).total_seconds())
    s[2] += F((t(r["answered_at"]) - t(r["arrived_at"])).total_seconds())

want = []
tot = [0, F(0), F(0)]
for a in sorted(ag, key=lambda s: s.encode()):
    h, talk, wait = ag[a]
    want.append([a, str(h), fix(talk), fix(talk / h) if h else "-", fix(wait / h) if h else "-"] + ["-"] * 6)
    tot = [tot[0] + h, tot[1] + talk, tot[2] + wait]
want.append(["TOTAL", str(tot[0]), fix(tot[1]), fix(tot[1] / tot[0]), fix(tot[2] / tot[0])] + ["-"] * 6)
lines = open(d + "/agents.txt").read().splitlines()
assert lines[0].startswith("# ccreport 0.1.0: agents report of inbound interactions; one row per agent "
                           "(records without an agent are left out: %d here" % noagent), lines[0]
assert lines[1].split() == ["agent", "handled", "talk_s", "aht", "asa", "rna", "pauses", "pause_s",
                            "login_s", "idle_s", "occupancy"], lines[1]
got = [l.split() for l in lines[2:]]
assert got == want, (got, want)

want = []
ta = tx = 0
for q in sorted(xf):
    a, x = xf[q]
    want.append("| %s | %d | %d | 0 | 0 | %d | %s |" % (q, a, x, x, fix(F(100 * x, a))))
    ta, tx = ta + a, tx + x
want.append("| TOTAL | %d | %d | 0 | 0 | %d | %s |" % (ta, tx, tx, fix(F(100 * tx, ta))))
lines = open(d + "/transfers.md").read().splitlines()
assert lines[0].startswith("> ccreport 0.1.0: transfers report of inbound interactions;"), lines[0]
assert lines[2] == "| queue | answered | transferred | blind | attended | other | transfer_rate |", lines[2]
assert lines[4:] == want, (lines[4:], want)
PYEOF
}

# --------------------------------------------------------- from a queue_log

# agents-day.queue_log, written by hand (times from T = 1772438400 =
# 2026-03-02T08:00:00Z; every agent event is in one queue at a time, except
# alice's logins, which overlap):
#
#  alice  ADDMEMBER sales T+0, support T+60; REMOVEMEMBER support T+1800, sales T+7200
#         login = the union [T+0, T+7200] = 7200 s
#         RINGNOANSWER on c1 at T+315: rna 1
#         PAUSE lunch T+3600 .. UNPAUSE T+5400 = 1800 s; PAUSE (no reason) T+6000 .. T+6300 = 300 s
#         pauses 2, pause 2100 s
#         c4 (sales): CONNECT T+5508 wait 8, BLINDTRANSFER calltime 100 (5608 - 5508)
#         idle 7200 - 100 - 2100 = 5000; occupancy 100 / 5100 = 1.9607 -> 1.96
#  bob    ADDMEMBER sales T+0, REMOVEMEMBER T+3600: login 3600 s
#         PAUSE break T+1000 .. T+1300 = 300, break T+2000 .. T+2150 = 150,
#         training T+2500 .. T+3100 = 600: pauses 3, pause 1050 s (break 2 / 450, training 1 / 600)
#         c1 (sales): CONNECT T+320 wait 20, COMPLETECALLER calltime 120 (440 - 320)
#         idle 3600 - 120 - 1050 = 2430; occupancy 120 / 2550 = 4.7058 -> 4.71
#  carol  ADDMEMBER support T+600, PAUSE meeting T+7000, REMOVEMEMBER T+7500 while paused
#         login 6900 s; pause 500 s (ended by the removal)
#         c2: wait 12, COMPLETEAGENT calltime 300 (1012 - 712); c5: wait 5, COMPLETECALLER 295
#         handled 2, talk 595, aht 297.50, asa 17/2 = 8.50
#         idle 6900 - 595 - 500 = 5805; occupancy 595 / 6400 = 9.2968 -> 9.30
#  dave   a static member: never added or removed, RINGNOANSWER twice on c3: rna 2, login unknown
#  c3     sales, ABANDON after 30 s: no agent
#
#  TOTAL  handled 4, talk 100 + 120 + 595 = 815.00, aht 815/4 = 203.75,
#         asa (8 + 20 + 12 + 5)/4 = 11.25, rna 3, pauses 6, pause 2100 + 1050 + 500 = 3650.00,
#         login (alice, bob, carol) 17700.00, idle 5000 + 2430 + 5805 = 13235.00,
#         occupancy 815 / (815 + 13235) = 815 / 14050 = 5.8007 -> 5.80
QAGENTS='agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
alice,1,100.00,100.00,8.00,1,2,2100.00,7200.00,5000.00,1.96
bob,1,120.00,120.00,20.00,0,3,1050.00,3600.00,2430.00,4.71
carol,2,595.00,297.50,8.50,0,1,500.00,6900.00,5805.00,9.30
dave,0,0.00,,,2,0,0.00,,,
TOTAL,4,815.00,203.75,11.25,3,6,3650.00,17700.00,13235.00,5.80'
QAGENTS_DEF='ccreport 0.1.0: agents report of inbound interactions; one row per agent (records without an agent are left out: 1 here, 0 of them answered); handled = answered records of the agent; talk_s = sum of their known handle times; aht = talk_s / handled records with a known handle time (a queue_log has no hold or after-call work: aht is the mean talk time); asa = mean wait of handled; rna, pauses, pause_s, login_s from the queue_log'"'"'s agent events over the whole log; idle_s = login_s - talk_s - pause_s, at least 0; occupancy = talk_s / (talk_s + idle_s) x 100'

# pauses, share = pause / the agent's login:
#   alice "" 300 / 7200 = 4.1666 -> 4.17; lunch 1800 / 7200 = 25.00
#   bob break 450 / 3600 = 12.50; training 600 / 3600 = 16.666 -> 16.67
#   carol meeting 500 / 6900 = 7.246 -> 7.25
#   TOTAL 6 pauses, 3650 s, 3650 / 17700 = 20.621 -> 20.62
QPAUSES='agent,reason,pauses,pause_s,share
alice,"",1,300.00,4.17
alice,lunch,1,1800.00,25.00
bob,break,2,450.00,12.50
bob,training,1,600.00,16.67
carol,meeting,1,500.00,7.25
TOTAL,,6,3650.00,20.62'
QPAUSES_DEF="ccreport 0.1.0: pauses report from the queue_log's agent events (over the whole log, all queues); one row per agent and PAUSE reason (an empty reason: none logged); pauses = pauses started; pause_s = time paused; share = pause_s / the agent's login_s x 100 (null when the log does not show the login; TOTAL: over the agents whose login is known, those who never paused included)"

@test "queue_log: the agents report, every figure worked out by hand" {
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report agents "$QLOG"
	assert_output "$QAGENTS"
	assert_equal "$stderr" ''
	run -0 ccreport --from asterisk-queue-log --report agents --output-format table "$QLOG"
	assert_output "# $QAGENTS_DEF
agent  handled  talk_s     aht    asa  rna  pauses  pause_s   login_s    idle_s  occupancy
alice        1  100.00  100.00   8.00    1       2  2100.00   7200.00   5000.00       1.96
bob          1  120.00  120.00  20.00    0       3  1050.00   3600.00   2430.00       4.71
carol        2  595.00  297.50   8.50    0       1   500.00   6900.00   5805.00       9.30
dave         0    0.00       -      -    2       0     0.00         -         -          -
TOTAL        4  815.00  203.75  11.25    3       6  3650.00  17700.00  13235.00       5.80"
	run -0 ccreport --from asterisk-queue-log --report agents --output-format jsonl "$QLOG"
	assert_line --index 0 "{\"_meta\":\"ccreport\",\"version\":\"0.1.0\",\"report\":\"agents\",\"direction\":\"inbound\",\"agent_events\":true,\"without_agent\":1,\"without_agent_answered\":0,\"definitions\":\"$QAGENTS_DEF\"}"
	assert_line --index 4 '{"agent":"dave","handled":0,"talk_s":0.00,"aht":null,"asa":null,"rna":2,"pauses":0,"pause_s":0.00,"login_s":null,"idle_s":null,"occupancy":null}'
	assert_line --index 5 '{"agent":"TOTAL","handled":4,"talk_s":815.00,"aht":203.75,"asa":11.25,"rna":3,"pauses":6,"pause_s":3650.00,"login_s":17700.00,"idle_s":13235.00,"occupancy":5.80}'
	run -0 ccreport --from asterisk-queue-log --report agents --output-format markdown --no-total "$QLOG"
	assert_line --index 3 '| alice | 1 | 100.00 | 100.00 | 8.00 | 1 | 2 | 2100.00 | 7200.00 | 5000.00 | 1.96 |'
	assert_line --index 6 '| dave | 0 | 0.00 |  |  | 2 | 0 | 0.00 |  |  |  |'
	[ "${#lines[@]}" -eq 7 ] # bats leaves out the empty line
	# from standard input too
	run -0 bash -c 'ccreport --from asterisk-queue-log --report agents < "$1"' _ "$QLOG"
	assert_output "$QAGENTS"
}

@test "queue_log: the pauses report, every figure worked out by hand" {
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report pauses "$QLOG"
	assert_output "$QPAUSES"
	assert_equal "$stderr" ''
	run -0 ccreport --from asterisk-queue-log --report pauses --output-format table "$QLOG"
	assert_output "# $QPAUSES_DEF
agent  reason    pauses  pause_s  share
alice                 1   300.00   4.17
alice  lunch          1  1800.00  25.00
bob    break          2   450.00  12.50
bob    training       1   600.00  16.67
carol  meeting        1   500.00   7.25
TOTAL  -              6  3650.00  20.62"
	run -0 ccreport --from asterisk-queue-log --report pauses --output-format jsonl "$QLOG"
	assert_output "{\"_meta\":\"ccreport\",\"version\":\"0.1.0\",\"report\":\"pauses\",\"direction\":\"inbound\",\"definitions\":\"$QPAUSES_DEF\"}
{\"agent\":\"alice\",\"reason\":\"\",\"pauses\":1,\"pause_s\":300.00,\"share\":4.17}
{\"agent\":\"alice\",\"reason\":\"lunch\",\"pauses\":1,\"pause_s\":1800.00,\"share\":25.00}
{\"agent\":\"bob\",\"reason\":\"break\",\"pauses\":2,\"pause_s\":450.00,\"share\":12.50}
{\"agent\":\"bob\",\"reason\":\"training\",\"pauses\":1,\"pause_s\":600.00,\"share\":16.67}
{\"agent\":\"carol\",\"reason\":\"meeting\",\"pauses\":1,\"pause_s\":500.00,\"share\":7.25}
{\"agent\":\"TOTAL\",\"reason\":null,\"pauses\":6,\"pause_s\":3650.00,\"share\":20.62}"
	run -0 ccreport --from asterisk-queue-log --report pauses --output-format markdown "$QLOG"
	assert_line --index 3 '| alice |  | 1 | 300.00 | 4.17 |'
	assert_line --index 8 '| TOTAL |  | 6 | 3650.00 | 20.62 |'
	run -0 ccreport --from asterisk-queue-log --report pauses --no-total "$QLOG"
	assert_output "$(printf '%s\n' "$QPAUSES" | sed '$d')"
}

@test "queue_log: --agent chooses the rows; the other filters narrow only the calls" {
	# bob and dave: TOTAL handled 1, talk 120, rna 0 + 2, pauses 3, pause 1050,
	# login 3600 (dave's is unknown), idle 2430, occupancy 120/2550 = 4.71
	run -0 ccreport --from asterisk-queue-log --report agents --agent bob,dave "$QLOG"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
bob,1,120.00,120.00,20.00,0,3,1050.00,3600.00,2430.00,4.71
dave,0,0.00,,,2,0,0.00,,,
TOTAL,1,120.00,120.00,20.00,2,3,1050.00,3600.00,2430.00,4.71'
	# alice's pauses: 2100 / 7200 = 29.166 -> 29.17
	run -0 ccreport --from asterisk-queue-log --report pauses --agent alice "$QLOG"
	assert_output 'agent,reason,pauses,pause_s,share
alice,"",1,300.00,4.17
alice,lunch,1,1800.00,25.00
TOTAL,,2,2100.00,29.17'
	# --queue support keeps carol's calls only; logins and pauses stay whole:
	#   alice talk 0: idle 7200 - 2100 = 5100, occupancy 0.00; bob idle 3600 - 1050 = 2550
	#   TOTAL idle 5100 + 2550 + 5805 = 13455, occupancy 595 / 14050 = 4.2348 -> 4.23
	run -0 ccreport --from asterisk-queue-log --report agents --queue support "$QLOG"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
alice,0,0.00,,,1,2,2100.00,7200.00,5100.00,0.00
bob,0,0.00,,,0,3,1050.00,3600.00,2550.00,0.00
carol,2,595.00,297.50,8.50,0,1,500.00,6900.00,5805.00,9.30
dave,0,0.00,,,2,0,0.00,,,
TOTAL,2,595.00,297.50,8.50,3,6,3650.00,17700.00,13455.00,4.23'
	# the pauses report is the same whatever the queue filter
	run -0 ccreport --from asterisk-queue-log --report pauses --queue support "$QLOG"
	assert_output "$QPAUSES"
	# but logins and pauses are cut to --since/--until: the log is all on
	# 2026-03-02, so from 2026-03-03 on nobody paused or was logged in
	run -0 ccreport --from asterisk-queue-log --report pauses --since 2026-03-03 "$QLOG"
	assert_output 'agent,reason,pauses,pause_s,share
TOTAL,,0,0.00,'
}

# agents-overlap.queue_log (T = 1772467200 = 2026-03-02T16:00:00Z):
#  erin  ADDMEMBER T+0, REMOVEMEMBER T+100 during her call c6 (CONNECT T+10 wait 5,
#        COMPLETEAGENT T+180 calltime 170): login 100, talk 170, pause 0:
#        idle 100 - 170 - 0 < 0 -> 0.00; occupancy 170 / (170 + 0) = 100.00
#  fay   ADDMEMBER T+0, REMOVEMEMBER T+200; c7 CONNECT T+30 wait 10, COMPLETECALLER T+90
#        calltime 60; PAUSE "after call" T+40 (during the call) .. UNPAUSE T+150 = 110 s:
#        idle 200 - 60 - 110 = 30.00 (talk and pause overlap and both count);
#        occupancy 60 / 90 = 66.666 -> 66.67
#  TOTAL handled 2, talk 230.00, aht 115.00, asa 7.50, pause 110.00, login 300.00,
#        idle 30.00, occupancy 230 / 260 = 88.4615 -> 88.46
@test "queue_log: idle time is never below zero; a pause during a call still counts" {
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report agents \
		"$TEST_DATA/agents-overlap.queue_log"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
erin,1,170.00,170.00,5.00,0,0,0.00,100.00,0.00,100.00
fay,1,60.00,60.00,10.00,0,1,110.00,200.00,30.00,66.67
TOTAL,2,230.00,115.00,7.50,0,1,110.00,300.00,30.00,88.46'
	assert_equal "$stderr" ''
	# fay: 110 / 200 = 55.00; TOTAL 110 / (100 + 200) = 36.666 -> 36.67 (erin never paused)
	run -0 ccreport --from asterisk-queue-log --report pauses "$TEST_DATA/agents-overlap.queue_log"
	assert_output 'agent,reason,pauses,pause_s,share
fay,after call,1,110.00,55.00
TOTAL,,1,110.00,36.67'
	# both logs in one run: the agents of both
	run -0 ccreport --from asterisk-queue-log --report agents --no-total "$QLOG" \
		"$TEST_DATA/agents-overlap.queue_log"
	assert_output "$(printf '%s\n' "$QAGENTS" | sed '$d')
erin,1,170.00,170.00,5.00,0,0,0.00,100.00,0.00,100.00
fay,1,60.00,60.00,10.00,0,1,110.00,200.00,30.00,66.67"
}

# transfers and hang-up side of the day's answered calls:
#   sales: c1 (COMPLETECALLER), c4 (BLINDTRANSFER): answered 2, 1 blind, 50.00;
#          hang-up: c1 caller, c4 neither (transferred): 2 = 1 + 0 + 1
#   support: c2 (COMPLETEAGENT), c5 (COMPLETECALLER): no transfer; 2 = 1 + 1 + 0
#   TOTAL 4 answered, 1 transferred (25.00); 4 = 2 + 1 + 1, 50.00, 25.00
@test "queue_log: the transfers and hang-up reports, worked out by hand" {
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report transfers "$QLOG"
	assert_output 'queue,answered,transferred,blind,attended,other,transfer_rate
sales,2,1,1,0,0,50.00
support,2,0,0,0,0,0.00
TOTAL,4,1,1,0,0,25.00'
	assert_equal "$stderr" ''
	run -0 ccreport --from asterisk-queue-log --report hangup "$QLOG"
	assert_output 'queue,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
sales,2,1,0,1,50.00,0.00
support,2,1,1,0,50.00,50.00
TOTAL,4,2,1,1,50.00,25.00'
	# from a queue_log these take --partial: merged, the same bytes
	for rep in transfers hangup; do
		ccreport --from asterisk-queue-log --report $rep --output-format table "$QLOG" > "$BATS_TEST_TMPDIR/one"
		ccreport --from asterisk-queue-log --report $rep --partial "$QLOG" |
			ccreport merge --output-format table | cmp - "$BATS_TEST_TMPDIR/one"
	done
}

# agents-xfer.queue_log (T = 1772470800 = 2026-03-02T17:00:00Z), transfers of every kind:
#  c8  sales, ann: CONNECT T+5 wait 5, TRANSFER (Asterisk before 12) calltime 60: "transfer", other
#  c9  sales, bob: CONNECT T+14 wait 4, ATTENDEDTRANSFER BRIDGE|id|4|90|2: attended, talk 90
#  c10 sales, cid: CONNECT T+26 wait 6, then ENTERQUEUE support at T+86 with no transfer line:
#      "unlogged" (other), talk 86 - 26 = 60, one transfer_not_logged diagnostic;
#      then support, dee: CONNECT T+90 wait 4, COMPLETECALLER calltime 60: caller
#  transfers: sales 3 answered, 3 transferred = 0 blind + 1 attended + 2 other, 100.00;
#             support 1, 0, 0.00; TOTAL 4, 3, 0, 1, 2, 3/4 = 75.00
#  hangup: sales 3 answered, none said: 3 unknown; support 1 caller; TOTAL 4 = 1 + 0 + 3, 25.00, 0.00
#  agents: one call each, no login events: login, idle and occupancy null, also in the TOTAL;
#          TOTAL talk 60 + 90 + 60 + 60 = 270, aht 270/4 = 67.50, asa (5 + 4 + 6 + 4)/4 = 4.75
@test "queue_log: transfers of every kind, an unlogged one among them" {
	X=$TEST_DATA/agents-xfer.queue_log
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report transfers "$X"
	assert_output 'queue,answered,transferred,blind,attended,other,transfer_rate
sales,3,3,0,1,2,100.00
support,1,0,0,0,0,0.00
TOTAL,4,3,0,1,2,75.00'
	assert_equal "$stderr" 'ccreport: diagnostics: 1 transfer_not_logged'
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report hangup "$X"
	assert_output 'queue,answered,caller_hangup,agent_hangup,unknown_hangup,caller_rate,agent_rate
sales,3,0,0,3,0.00,0.00
support,1,1,0,0,100.00,0.00
TOTAL,4,1,0,3,25.00,0.00'
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report agents "$X"
	assert_output 'agent,handled,talk_s,aht,asa,rna,pauses,pause_s,login_s,idle_s,occupancy
ann,1,60.00,60.00,5.00,0,0,0.00,,,
bob,1,90.00,90.00,4.00,0,0,0.00,,,
cid,1,60.00,60.00,6.00,0,0,0.00,,,
dee,1,60.00,60.00,4.00,0,0,0.00,,,
TOTAL,4,270.00,67.50,4.75,0,0,0.00,,,'
	# table output: the diagnostics section follows the report
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report transfers --output-format table "$X"
	assert_line --index 4 'TOTAL           4            3      0         1      2          75.00'
	assert_line --index 5 'Diagnostics:'
	assert_line --index 6 '  transfer_not_logged    1'
	# no agent paused: the pauses report has only its TOTAL row, share over the logins (none)
	run -0 --separate-stderr ccreport --from asterisk-queue-log --report pauses "$X"
	assert_output 'agent,reason,pauses,pause_s,share
TOTAL,,0,0.00,'
}

@test "queue_log: agents and pauses reports into a full device" {
	for rep in agents pauses; do
		for fmt in csv jsonl table markdown; do
			run -1 --separate-stderr bash -c 'ccreport --from asterisk-queue-log --report "$1" --output-format "$2" "$3" > /dev/full' \
				_ "$rep" "$fmt" "$QLOG"
			assert_output ''
			assert_equal "$stderr" 'ccreport: write error: No space left on device'
		done
	done
}
