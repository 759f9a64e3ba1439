#!/usr/bin/env bats
# ccivr-sim analyse (the menu as an absorbing Markov chain) and ccivr-sim dot
# (the menu as a Graphviz graph).
#
# The small menus in tests/data/ivr-analyse-*.json are worked out by hand
# below (geometric series for retries and repeats); the samples are checked
# against tests/data/ivr-analyse-oracle.py, an independent model of the same
# semantics that pushes probability mass through the states step by step
# instead of solving the linear system.

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
}

ORACLE() { python3 "$TEST_DATA/ivr-analyse-oracle.py" "$@"; }

# ---- hand-worked menus -------------------------------------------------------

# main: prompt 10 s, think 2 s (fixed), timeout 5 s.  Per pass: 1 -> q_a 0.6,
# 2 -> done 0.2, no-input 0.1 (one replay, then q_b), no-match 0.05 (no
# replay: bye), hang-up 0.05.  The second pass is reached with 0.1.
#   q_a  0.6 + 0.1*0.6 = 0.66;  done 0.2 + 0.02 = 0.22;  q_b 0.1*0.1 = 0.01;
#   bye  0.05 + 0.005 = 0.055;  abandon 0.05 + 0.005 = 0.055.
# Times: a key pass 10+2 = 12, a no-input pass 10+5 = 15, a hang-up 10, then
# the terminal's prompt (q_a 3, done 2, q_b 0, bye 1):
#   q_a  (0.6*15 + 0.06*30)/0.66 = 10.8/0.66 = 16.3636
#   done (0.2*14 + 0.02*29)/0.22 = 3.38/0.22 = 15.3636
#   q_b  15 + 15 = 30;  bye (0.05*13 + 0.005*28)/0.055 = 14.3636
#   abandon (0.05*10 + 0.005*25)/0.055 = 11.3636
#   TOTAL 10.8 + 3.38 + 0.3 + 0.79 + 0.625 = 15.895
@test "analyse: retries of a menu (no-input replayed once, no-match not)" {
	run -0 --separate-stderr ccivr-sim analyse ivr-analyse-retry.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
main,abandon_ivr,,0.055000,11.364
q_a,to_queue,alpha,0.660000,16.364
q_b,to_queue,beta,0.010000,30.000
done,self_service,,0.220000,15.364
bye,system_hangup,,0.055000,14.364
TOTAL,,,1.000000,15.895'
	assert_equal "$stderr" ''
}

@test "analyse: --nodes gives the expected passes per node (replays counted)" {
	run -0 ccivr-sim analyse --nodes ivr-analyse-retry.json
	assert_output 'node,type,visits
main,menu,1.100000
q_a,queue,0.660000
q_b,queue,0.010000
done,end,0.220000
bye,hangup,0.055000'
}

# m: prompt 8 s with barge-in (4 s on average before a key), think uniform
# [0, 2] (mean 1): a key pass takes 5 s, a hang-up the whole prompt, 8 s.
# Per pass: q 0.4, repeat 0.4, hang-up 0.2 (hangup_as gave_up).  Passes are
# geometric with end probability 0.6: 1/0.6 = 1.666667 passes, and
# 0.4/0.6 = 2/3 repeats on average whichever the exit:
#   q 0.4/0.6 = 0.666667, 2/3*5 + 5 = 8.333;  gave_up 1/3, 2/3*5 + 8 = 11.333
#   TOTAL 2/3*8.3333 + 1/3*11.3333 = 9.333
@test "analyse: a repeat option and barge-in (a geometric number of passes)" {
	run -0 ccivr-sim analyse --output-format csv ivr-analyse-repeat.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
m,gave_up,,0.333333,11.333
q,to_queue,main,0.666667,8.333
TOTAL,,,1.000000,9.333'
	run -0 ccivr-sim analyse --nodes ivr-analyse-repeat.json
	assert_line --index 1 'm,menu,1.666667'
}

# top: 1 -> sub 0.5, 2 -> task 0.5.  sub: # -> back (@parent = top) 0.5,
# 0 -> q 0.5.  task (10 s): complete 0.5 -> top (ss_ok), fail 0.25 -> q,
# hang-up 0.25.  From each visit of top: back to top 0.25 + 0.25, q
# 0.25 + 0.125, hang-up 0.125, so top is visited 1/0.5 = 2 times; q
# 0.375/0.5 = 0.75, hang-ups 0.25.  A hang-up before any completion
# (abandon_ivr): A = 0.125 + 0.25 A (back keeps ss_ok unset), A = 1/6; after
# one, "contained" (sim.hangup_after_self_service): 0.25 - 1/6 = 1/12.
# Time per visit of top: 1 (think) + 0.5*1 (sub) + 0.5*10 (task) = 6.5;
# TOTAL 2*6.5 = 13.  sub and task are visited 1 time each, back 0.5.
# Times given the exit.  abandon_ivr: K loops through back (2 s each, ratio
# 0.25 against 0.125 + 0.25 for leaving the unset phase), E[K] = 1/3, then
# top + task 11 s: 2/3 + 11 = 11.667.  contained: the same 2/3 + 11 up to the
# first completion, then L loops (each back 2 s or completion 11 s, 0.25 each,
# against a 0.125 hang-up: E[L] = 0.5/0.5 = 1, 6.5 s on average) and the
# hang-up 11 s: 2/3 + 11 + 6.5 + 11 = 29.167.
@test "analyse: '@parent' goes back, ss_ok changes the hang-up reason" {
	run -0 ccivr-sim analyse ivr-analyse-parent.json
	assert_line --index 1 'task,abandon_ivr,,0.166667,11.667'
	assert_line --index 2 'task,contained,,0.083333,29.167'
	assert_line --index 3 --regexp '^q,to_queue,agents,0\.750000,'
	assert_line --index 4 'TOTAL,,,1.000000,13.000'
	assert_equal "${#lines[@]}" 5
	ccivr-sim analyse ivr-analyse-parent.json >"$D/a.csv"
	ORACLE ivr-analyse-parent.json --check "$D/a.csv"
	run -0 ccivr-sim analyse --nodes ivr-analyse-parent.json
	assert_output 'node,type,visits
top,menu,2.000000
sub,menu,1.000000
back,goto,0.500000
task,selfservice,1.000000
q,queue,0.750000'
}

# acct (input): prompt 4 s, entry 6 s, timeout 5 s; p_valid absent, so
# 1 - 0.2 - 0.1 = 0.7 (10 s) -> m; no-input 0.2 (9 s) replayed once, then qc;
# hang-up 0.1 (4 s).  m reached with 0.7 + 0.2*0.7 = 0.84, after 10 s (0.7)
# or 19 s (0.14): 10.5/0.84 = 11.5 s on average, then 1 s of think.  asr:
# each option 0.5, recognised 0.8, replaced by the other 0.1, rejected 0.1
# (a no-match, no replay: qc).  qa = qb = 0.84*(0.5*0.8 + 0.5*0.1) = 0.378,
# 12.5 s;  qc = 0.84*0.1 + 0.2*0.2 = 0.124, (0.084*12.5 + 0.04*18)/0.124 =
# 14.274 s;  abandon 0.1 + 0.02 = 0.12, (0.1*4 + 0.02*13)/0.12 = 5.5 s;
# TOTAL 0.756*12.5 + 1.77 + 0.66 = 11.88.
@test "analyse: an input without p_valid and a menu with speech recognition" {
	run -0 ccivr-sim analyse ivr-analyse-asr.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
acct,abandon_ivr,,0.120000,5.500
qa,to_queue,a,0.378000,12.500
qb,to_queue,b,0.378000,12.500
qc,to_queue,c,0.124000,14.274
TOTAL,,,1.000000,11.880'
	ccivr-sim analyse ivr-analyse-asr.json >"$D/a.csv"
	ORACLE ivr-analyse-asr.json --check "$D/a.csv"
}

# Closed, the bank goes greeting (hang-up 0.008) -> night: 1 -> q_cards_urgent
# 0.28, * repeat 0.02, no-input 0.10 and no-match 0.03 each replayed once.
# With f(ni, nm) the share reaching the queue and r = 1/0.98:
#   f(1,1) = 0.28 r = 0.2857143
#   f(0,1) = r (0.28 + 0.10 f(1,1)) = 0.3148688
#   f(1,0) = r (0.28 + 0.03 f(1,1)) = 0.2944606
#   f(0,0) = r (0.28 + 0.10 f(1,0) + 0.03 f(0,1)) = 0.3254001
# and 0.992 f(0,0) = 0.322797.
@test "analyse: --hours closed takes the closed branch (bank, worked by hand)" {
	run -0 ccivr-sim analyse --hours closed "$TOP_SRCDIR/samples/bank-ivr.json"
	assert_line --index 1 'greeting,abandon_ivr,,0.008000,4.000'
	assert_line --regexp '^q_cards_urgent,to_queue,cards_urgent,0\.322797,'
	refute_line --partial 'q_service'
}

# ---- the samples against the independent oracle -------------------------------

@test "analyse: bank sample agrees with the oracle (open, closed, holiday)" {
	for h in open closed holiday; do
		ccivr-sim analyse --hours "$h" "$TOP_SRCDIR/samples/bank-ivr.json" >"$D/$h.csv"
		ORACLE "$TOP_SRCDIR/samples/bank-ivr.json" --hours "$h" --check "$D/$h.csv"
	done
	ccivr-sim analyse --nodes "$TOP_SRCDIR/samples/bank-ivr.json" >"$D/n.csv"
	ORACLE "$TOP_SRCDIR/samples/bank-ivr.json" --nodes --check "$D/n.csv"
}

@test "analyse: telecom sample agrees with the oracle (open, closed, holiday)" {
	for h in open closed holiday; do
		ccivr-sim analyse --hours "$h" "$TOP_SRCDIR/samples/telecom-ivr.json" >"$D/$h.csv"
		ORACLE "$TOP_SRCDIR/samples/telecom-ivr.json" --hours "$h" --check "$D/$h.csv"
	done
	ccivr-sim analyse --nodes "$TOP_SRCDIR/samples/telecom-ivr.json" >"$D/n.csv"
	ORACLE "$TOP_SRCDIR/samples/telecom-ivr.json" --nodes --check "$D/n.csv"
}

@test "analyse: the oracle itself finds the hand-worked figures" {
	run -0 ORACLE ivr-analyse-retry.json
	assert_line 'q_a,to_queue,alpha,0.660000,16.364'
	assert_line 'TOTAL,,,1.000000,15.895'
}

# The retry menu's exits have distinct reasons but for the two queues, so
# --by-reason gives the rows above without exit_node, ordered by reason.
@test "analyse: --by-reason merges the exits of one reason and queue" {
	run -0 ccivr-sim analyse --by-reason ivr-analyse-retry.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
,abandon_ivr,,0.055000,11.364
,self_service,,0.220000,15.364
,system_hangup,,0.055000,14.364
,to_queue,alpha,0.660000,16.364
,to_queue,beta,0.010000,30.000
TOTAL,,,1.000000,15.895'
	for f in bank telecom; do
		ccivr-sim analyse --by-reason "$TOP_SRCDIR/samples/$f-ivr.json" >"$D/r.csv"
		ORACLE "$TOP_SRCDIR/samples/$f-ivr.json" --by-reason --check "$D/r.csv"
	done
}

# ---- formats and input -----------------------------------------------------------

@test "analyse: jsonl writes numbers bare and empty cells as null" {
	run -0 ccivr-sim analyse --output-format jsonl ivr-analyse-repeat.json
	assert_line --index 1 '{"exit_node":"q","exit_reason":"to_queue","queue":"main","share":0.666667,"mean_ivr_s":8.333}'
	assert_line --index 2 '{"exit_node":"TOTAL","exit_reason":null,"queue":null,"share":1.000000,"mean_ivr_s":9.333}'
}

@test "analyse: table and markdown" {
	run -0 ccivr-sim analyse --output-format table ivr-analyse-repeat.json
	assert_line --index 0 --regexp '^exit_node +exit_reason +queue +share +mean_ivr_s$'
	assert_line --index 3 --regexp '^TOTAL +- +- +1\.000000 +9\.333$'
	run -0 ccivr-sim analyse --output-format markdown ivr-analyse-repeat.json
	assert_output --partial '| q '
}

@test "analyse: reads the menu from standard input" {
	run -0 sh -c 'ccivr-sim analyse < ivr-analyse-repeat.json'
	assert_line --index 3 'TOTAL,,,1.000000,9.333'
	run -0 sh -c 'ccivr-sim analyse - < ivr-analyse-repeat.json'
	assert_line --index 3 'TOTAL,,,1.000000,9.333'
}

# ---- refusals -------------------------------------------------------------------

@test "analyse: a loop with no exit (L005) is refused by lint" {
	run -1 --separate-stderr ccivr-sim analyse ivr-analyse-noexit.json
	assert_output ''
	assert_equal "${stderr_lines[0]}" "ccivr-sim: ivr-analyse-noexit.json:5:5: L005: no way out of node 'a': every path from it loops without reaching a queue, voicemail, hangup, end or transfer"
	assert_equal "${stderr_lines[2]}" "ccivr-sim: ivr-analyse-noexit.json: 2 errors: run 'ccivr-sim lint ivr-analyse-noexit.json' for the details"
}

# Lint sees a way out of m and m2 (their 0 options), but it has probability
# 0: the chain never absorbs, and analyse says so instead of dividing by 0.
@test "analyse: a chain whose exits all have probability 0 is refused" {
	bad_input "ivr-analyse-trap.json:5:5: calls at node 'm' never leave the IVR: every path with a probability above 0 loops" \
		analyse ivr-analyse-trap.json
}

@test "analyse: a missing file" {
	bad_input 'cannot open no-such.json: No such file or directory' analyse no-such.json
}

@test "analyse: usage errors" {
	usage_error 'analyse takes one MENU.json' analyse a.json b.json
	usage_error "invalid --hours 'never': open, closed or holiday" analyse --hours never a.json
	usage_error "invalid --output-format 'html': csv, jsonl, table or markdown" \
		analyse --output-format html a.json
	usage_error "unrecognized option '--seed'" analyse --seed 1 a.json
}

@test "analyse: a full disk is an error" {
	run -1 --separate-stderr sh -c 'ccivr-sim analyse ivr-analyse-retry.json >/dev/full'
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
	run -1 --separate-stderr sh -c 'ccivr-sim analyse --help >/dev/full'
}

@test "analyse: --help" {
	run -0 ccivr-sim analyse --help
	assert_line --index 0 'Usage: ccivr-sim analyse [OPTION]... [MENU.json]'
	assert_output --partial '--hours=STATE'
	run -0 ccivr-sim --help
	assert_output --partial 'ccivr-sim analyse'
	assert_output --partial 'ccivr-sim dot'
}

# ---- dot -------------------------------------------------------------------------

@test "dot: shapes by type, edge labels and styles" {
	run -0 --separate-stderr ccivr-sim dot "$TOP_SRCDIR/samples/bank-ivr.json"
	assert_line --index 0 'digraph "harbourside-bank" {'
	assert_line '  "greeting" [shape=ellipse, label="greeting (prompt)", penwidth=2];'
	assert_line '  "open_check" [shape=diamond, label="open_check (hours)\nbranch_phone"];'
	assert_line '  "top" [shape=box, label="top (menu)"];'
	assert_line '  "login" [shape=parallelogram, label="login (input)"];'
	assert_line '  "balance" [shape=component, label="balance (selfservice)\nbalance"];'
	assert_line '  "q_cards" [shape=house, label="q_cards (queue)\ncards"];'
	assert_line '  "messages" [shape=doublecircle, label="messages (voicemail)\nservice"];'
	assert_line '  "greeting" -> "open_check";'
	assert_line '  "open_check" -> "top" [label="open"];'
	assert_line '  "open_check" -> "night" [label="closed"];'
	assert_line '  "open_check" -> "night" [label="holiday"];'
	assert_line '  "top" -> "card_menu" [label="2 Cards"];'
	assert_line '  "top" -> "q_service" [label="noinput", style=dashed];'
	assert_line '  "login" -> "q_service" [label="nomatch", style=dashed];'
	assert_line '  "top" -> "top" [label="* repeat", style=dotted, constraint=false];'
	assert_line '  "anything_else" -> "top" [label="1 Main menu", style=dotted, constraint=false];'
	assert_line '  "back" -> "top" [label="@parent", style=dotted, constraint=false];'
	assert_line '  "balance" -> "anything_else" [label="complete"];'
	assert_line '  "activate" -> "q_cards" [label="fail"];'
	assert_line --index $((${#lines[@]} - 1)) '}'
	assert_equal "$stderr" ''
}

@test "dot: renders with graphviz and the SVG has every node" {
	for f in "$TOP_SRCDIR/samples/bank-ivr.json" "$TOP_SRCDIR/samples/telecom-ivr.json" ivr-analyse-parent.json; do
		ccivr-sim dot "$f" >"$D/m.dot"
		dot -Tsvg "$D/m.dot" >"$D/m.svg"
		python3 - "$f" "$D/m.svg" <<'PY'
import json, re, sys
ids = list(json.load(open(sys.argv[1]))["nodes"])
svg = open(sys.argv[2]).read()
titles = set(re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', svg))
missing = [i for i in ids if i not in titles]
assert not missing and len(titles) == len(ids), (missing, len(titles), len(ids))
PY
	done
}

@test "dot: quotes and backslashes in names are escaped" {
	cat >"$D/q.json" <<'EOF'
{"format": "ccivr/1", "id": "a \"b\" \\ c", "start": "x\"y",
 "nodes": {"x\"y": {"type": "end", "outcome": "self_service"}}}
EOF
	run -0 ccivr-sim dot "$D/q.json"
	assert_line --index 0 'digraph "a \"b\" \\ c" {'
	assert_line '  "x\"y" [shape=doublecircle, label="x\"y (end)\nself_service", penwidth=2];'
	ccivr-sim dot "$D/q.json" | dot -Tsvg >/dev/null
}

@test "dot: refusals, usage errors and a full disk" {
	run -1 --separate-stderr ccivr-sim dot ivr-analyse-noexit.json
	assert_output ''
	assert_equal "${stderr_lines[2]}" "ccivr-sim: ivr-analyse-noexit.json: 2 errors: run 'ccivr-sim lint ivr-analyse-noexit.json' for the details"
	usage_error 'dot takes one MENU.json' dot a.json b.json
	run -1 --separate-stderr sh -c 'ccivr-sim dot ivr-analyse-retry.json >/dev/full'
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
	run -0 ccivr-sim dot --help
	assert_line --index 0 'Usage: ccivr-sim dot [MENU.json]'
}
