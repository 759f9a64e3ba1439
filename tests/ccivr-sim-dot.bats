#!/usr/bin/env bats
# ccivr-sim dot --stats RUN: the traffic of a run's records drawn on the menu.
#
# tests/data/ivr-dot-small.json with the 14 hand-written records of
# tests/data/ivr-dot-small.csv (the same in .jsonl) is worked out by hand
# below, record by record.  The samples are run through 'ccivr-sim run' and
# checked against tests/data/ivr-dot-oracle.py, an independent count of the
# records (its own reading of each path, a memoised search instead of the
# tool's depth-first one, and its own formatting of every figure), and
# against the simulator's own counters ('run --summary').  The dot tests
# without --stats are in ccivr-sim-analyse.bats.

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
}

ORACLE() { python3 "$TEST_DATA/ivr-dot-oracle.py" "$@"; }

# rec FILE LINE...: a CSV of records with the four fields dot reads.
rec() {
	local f=$1
	shift
	printf 'ivr_path,ivr_keys,exit_node,exit_reason\n' >"$f"
	printf '%s\n' "$@" >>"$f"
}

# ---- the hand-worked menu ------------------------------------------------------

# The records, read by the rules of ccivr-sim(1), DOT (top: 1 q_a, 2 sub,
# 0 q_b, * repeat, noinput sub, nomatch bye; sub: 1 done, 2 q_b, # back,
# noinput and nomatch q_a; back: @parent):
#   r01 top 1                     r08 hang-up at top
#   r02 top retry, noinput; sub fall-back    r09 top 2; hang-up at sub (hangup_as)
#   r03 top *, 1                  r10 hang-up at hi
#   r04 top retry, 1              r11 top retry, nomatch -> bye (its own exit)
#   r05 top 2, sub #, @parent top, top 1     r12 top *, * then error_loop at top
#   r06 top 2, sub retry, fall-back          r13 top noinput, sub 2 (the key is sub's:
#   r07 top 2, sub 1 -> done                     taken at top, sub would have none)
#   r14 top 2, sub #, @parent top, hang-up at top (the hangup_after_self_service reason)
# 14 calls.  hi: 14 visits, 13 on to top, 1 hang-up (1/14 = 7.1%: fill 5-15%).
# top: 21 visits (r01 1, r02-r04 2, r05 2, r06-r09 1, r11 2, r12 3, r13 1,
# r14 2) in 13 calls (92.9%): 1 four times (r01 r03 r04 r05: 19.0% of 21),
# 2 five times (r05 r06 r07 r09 r14: 23.8%), 0 never, noinput 2 (r02 r13:
# 9.5%), nomatch 1 (4.8%), * 3 (14.3%), retries 3 (r02 r04 r11: 14.3%),
# hang-ups 2 (r08 r14: 9.5%), error_loop 1; 4+5+2+1+3+3+2+1 = 21.  Drop-off
# 2/13 = 15.4%: fill 15-30%.
# sub: 8 visits in 7 calls (50.0%): 1, 2 once each (12.5%), # twice (25.0%),
# fall-back twice (r02 r06: 25.0%), retry once, hang-up once (1/7 = 14.3%:
# fill 5-15%).  back: 2 visits (14.3% of calls), both @parent to top.
# q_a 6 calls (42.9%), q_b, bye, done 1 each (7.1%); HANGUP 4 (28.6%).
# penwidth 1 + 4 n / 14: 13 -> 4.71, 1 -> 1.29, 2 -> 1.57, 3 -> 1.86,
# 4 -> 2.14, 5 -> 2.43.
@test "dot --stats: the hand-worked menu, line by line" {
	run -0 --separate-stderr ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json
	assert_equal "$stderr" ''
	assert_output - <<'EOF'
digraph "dot-small" {
  rankdir=LR;
  node [fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  labelloc=t;
  label="14 calls";
  "hi" [shape=ellipse, label="hi (prompt)\n14 visits · 100.0% of calls", penwidth=2, style=filled, fillcolor="#fcbba1"];
  "top" [shape=box, label="top (menu)\n21 visits · 92.9% of calls\nretries 3\nerror_loop 1", style=filled, fillcolor="#fc9272"];
  "sub" [shape=box, label="sub (menu)\n8 visits · 50.0% of calls\nretries 1", style=filled, fillcolor="#fcbba1"];
  "back" [shape=circle, label="back (goto)\n@parent\n2 visits · 14.3% of calls"];
  "q_a" [shape=house, label="q_a (queue)\na\n6 calls · 42.9%"];
  "q_b" [shape=house, label="q_b (queue)\nb\n1 call · 7.1%"];
  "bye" [shape=doublecircle, label="bye (hangup)\nno_match\n1 call · 7.1%"];
  "done" [shape=doublecircle, label="done (end)\nself_service\n1 call · 7.1%"];
  "HANGUP" [shape=doublecircle, label="caller hang-up\n4 calls · 28.6%", color=red];
  "hi" -> "top" [label="13 (92.9%)", penwidth=4.71];
  "hi" -> "HANGUP" [label="1 (7.1%)", penwidth=1.29, color=red];
  "top" -> "q_a" [label="1 Agent · 4 (19.0%)", penwidth=2.14];
  "top" -> "sub" [label="2 More · 5 (23.8%)", penwidth=2.43];
  "top" -> "q_b" [label="0 Operator", penwidth=1.00, color=gray];
  "top" -> "sub" [label="noinput · 2 (9.5%)", style=dashed, penwidth=1.57];
  "top" -> "bye" [label="nomatch · 1 (4.8%)", style=dashed, penwidth=1.29];
  "top" -> "top" [label="* repeat · 3 (14.3%)", style=dotted, constraint=false, penwidth=1.86];
  "top" -> "top" [label="retry · 3 (14.3%)", style=dashed, constraint=false, penwidth=1.86];
  "top" -> "HANGUP" [label="2 (9.5%)", penwidth=1.57, color=red];
  "sub" -> "done" [label="1 · 1 (12.5%)", penwidth=1.29];
  "sub" -> "q_b" [label="2 · 1 (12.5%)", penwidth=1.29];
  "sub" -> "back" [label="# · 2 (25.0%)", penwidth=1.57];
  "sub" -> "q_a" [label="noinput/nomatch · 2 (25.0%)", style=dashed, penwidth=1.57];
  "sub" -> "sub" [label="retry · 1 (12.5%)", style=dashed, constraint=false, penwidth=1.29];
  "sub" -> "HANGUP" [label="1 (12.5%)", penwidth=1.29, color=red];
  "back" -> "top" [label="@parent · 2 (100.0%)", style=dotted, constraint=false, penwidth=1.57];
}
EOF
}

@test "dot --stats: the independent count agrees on the hand-worked menu" {
	ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json >"$D/s.dot"
	run -0 ORACLE ivr-dot-small.json ivr-dot-small.csv "$D/s.dot"
	assert_output ok
}

@test "dot --stats: CSV, JSON Lines, standard input and --input-format agree" {
	ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json >"$D/csv.dot"
	run -0 ccivr-sim dot --stats ivr-dot-small.jsonl ivr-dot-small.json
	assert_output "$(cat "$D/csv.dot")"
	run -0 ccivr-sim dot --stats=- ivr-dot-small.json <ivr-dot-small.jsonl
	assert_output "$(cat "$D/csv.dot")"
	run -0 ccivr-sim dot --stats ivr-dot-small.csv --input-format=csv - <ivr-dot-small.json
	assert_output "$(cat "$D/csv.dot")"
	run -0 ccivr-sim dot --input-format jsonl --stats ivr-dot-small.jsonl ivr-dot-small.json
	assert_output "$(cat "$D/csv.dot")"
	# Forcing the wrong format is an error of the reader.
	run -1 --separate-stderr ccivr-sim dot --stats ivr-dot-small.csv --input-format=jsonl ivr-dot-small.json
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: ivr-dot-small.csv:1:2: invalid JSON: '[' or '{' expected near 'id'"
}

@test "dot --stats: a key that belongs to a later menu is found by the search" {
	# hi>top>sub>q_b with the one key 2: taking it at top (option 2 -> sub)
	# leaves sub without a key, so top went to sub by no input and sub took 2.
	rec "$D/r.csv" 'hi>top>sub>q_b,2,q_b,to_queue'
	run -0 ccivr-sim dot --stats "$D/r.csv" ivr-dot-small.json
	assert_line '  "top" -> "sub" [label="2 More", penwidth=1.00, color=gray];'
	assert_line '  "top" -> "sub" [label="noinput · 1 (100.0%)", style=dashed, penwidth=5.00];'
	assert_line '  "sub" -> "q_b" [label="2 · 1 (100.0%)", penwidth=5.00];'
	# With two keys both menus take one.
	rec "$D/r.csv" 'hi>top>sub>q_b,"2,2",q_b,to_queue'
	run -0 ccivr-sim dot --stats "$D/r.csv" ivr-dot-small.json
	assert_line '  "top" -> "sub" [label="2 More · 1 (100.0%)", penwidth=5.00];'
	assert_line '  "top" -> "sub" [label="noinput", style=dashed, penwidth=1.00, color=gray];'
	assert_line '  "sub" -> "q_b" [label="2 · 1 (100.0%)", penwidth=5.00];'
}

@test "dot --stats: hang-ups at a terminal, system_hangup at a menu, penwidth capped at 5" {
	# 3 calls: two hang up in q_a's prompt, one is hung up on at top.  top
	# is visited 4 times: 1 three times (more than the 3 calls: penwidth 5).
	rec "$D/r.csv" 'hi>top>q_a,1,q_a,abandon_ivr' 'hi>top>q_a,1,q_a,contained' \
		'hi>top>top>top>q_a,"*,*,1",q_a,to_queue' 'hi>top,,top,system_hangup'
	run -0 ccivr-sim dot --stats "$D/r.csv" ivr-dot-small.json
	assert_line '  label="4 calls";'
	assert_line '  "top" [shape=box, label="top (menu)\n6 visits · 100.0% of calls\nretries 0\nsystem_hangup 1"];'
	# q_a: 3 calls, 2 of them hang-ups (66.7% >= 30%).
	assert_line '  "q_a" [shape=house, label="q_a (queue)\na\n3 calls · 75.0%", style=filled, fillcolor="#fb6a4a"];'
	assert_line '  "HANGUP" [shape=doublecircle, label="caller hang-up\n2 calls · 50.0%", color=red];'
	assert_line '  "q_a" -> "HANGUP" [label="2 (66.7%)", penwidth=3.00, color=red];'
	assert_line '  "top" -> "q_a" [label="1 Agent · 3 (50.0%)", penwidth=4.00];'
	assert_line '  "top" -> "top" [label="* repeat · 2 (33.3%)", style=dotted, constraint=false, penwidth=3.00];'
	refute_line --partial '"top" -> "HANGUP"'
	refute_line --partial '"top" -> "top" [label="retry'
}

@test "dot --stats: the fill colour by drop-off, at the bucket edges" {
	# hi is in every call; K of N calls hang up there.
	fill() {
		local n=$1 k=$2 i
		printf 'ivr_path,ivr_keys,exit_node,exit_reason\n' >"$D/f.csv"
		for ((i = 0; i < k; i++)); do echo 'hi,,hi,abandon_ivr'; done >>"$D/f.csv"
		for ((i = k; i < n; i++)); do echo 'hi>top>q_a,1,q_a,to_queue'; done >>"$D/f.csv"
		ccivr-sim dot --stats "$D/f.csv" ivr-dot-small.json | grep '^  "hi" \['
	}
	run fill 21 1 # 4.8%
	assert_output --partial 'fillcolor="#fee0d2"'
	run fill 20 1 # 5%
	assert_output --partial 'fillcolor="#fcbba1"'
	run fill 41 6 # 14.6%
	assert_output --partial 'fillcolor="#fcbba1"'
	run fill 20 3 # 15%
	assert_output --partial 'fillcolor="#fc9272"'
	run fill 21 6 # 28.6%
	assert_output --partial 'fillcolor="#fc9272"'
	run fill 20 6 # 30%
	assert_output --partial 'fillcolor="#fb6a4a"'
	run fill 20 20 # 100%
	assert_output --partial 'fillcolor="#fb6a4a"'
	run fill 20 0
	refute_output --partial 'fillcolor'
}

@test "dot --stats: percentages round half up, from the counts" {
	# 16 calls, 1 hang-up at hi: 6.25% -> 6.3%; 15 on: 93.75% -> 93.8%;
	# penwidth 1 + 4/16 = 1.25 and 1 + 60/16 = 4.75.
	printf 'ivr_path,ivr_keys,exit_node,exit_reason\nhi,,hi,abandon_ivr\n' >"$D/r.csv"
	for i in $(seq 15); do echo 'hi>top>q_a,1,q_a,to_queue'; done >>"$D/r.csv"
	run -0 ccivr-sim dot --stats "$D/r.csv" ivr-dot-small.json
	assert_line '  "hi" -> "HANGUP" [label="1 (6.3%)", penwidth=1.25, color=red];'
	assert_line '  "hi" -> "top" [label="15 (93.8%)", penwidth=4.75];'
	assert_line '  "q_a" [shape=house, label="q_a (queue)\na\n15 calls · 93.8%"];'
}

@test "dot --stats: no records, and a menu with a node called HANGUP" {
	printf 'ivr_path,exit_reason\n' >"$D/empty.csv"
	run -0 ccivr-sim dot --stats "$D/empty.csv" ivr-dot-small.json
	assert_line '  label="0 calls";'
	assert_line '  "hi" [shape=ellipse, label="hi (prompt)\n0 visits · 0.0% of calls", penwidth=2];'
	assert_line '  "q_b" [shape=house, label="q_b (queue)\nb\n0 calls · 0.0%"];'
	assert_line '  "hi" -> "top" [penwidth=1.00, color=gray];'
	assert_line '  "back" -> "top" [label="@parent", style=dotted, constraint=false, penwidth=1.00, color=gray];'
	refute_line --partial 'HANGUP'
	: >"$D/none.jsonl"
	run -0 ccivr-sim dot --stats "$D/none.jsonl" ivr-dot-small.json
	assert_line '  label="0 calls";'
	# A node called HANGUP: the sink is HANGUP_2 (HANGUP_1 is taken too).
	cat >"$D/h.json" <<'EOF'
{"format": "ccivr/1", "id": "h", "start": "m",
 "nodes": {"m": {"type": "menu", "options": {"1": {"next": "HANGUP"}, "2": {"next": "HANGUP_1"}},
                 "on_noinput": "HANGUP", "on_nomatch": "HANGUP"},
           "HANGUP": {"type": "end", "outcome": "self_service"},
           "HANGUP_1": {"type": "end", "outcome": "self_service"}}}
EOF
	rec "$D/h.csv" 'm>HANGUP,1,HANGUP,self_service' 'm,,m,abandon_ivr'
	run -0 ccivr-sim dot --stats "$D/h.csv" "$D/h.json"
	assert_line '  "HANGUP_2" [shape=doublecircle, label="caller hang-up\n1 call · 50.0%", color=red];'
	assert_line '  "m" -> "HANGUP_2" [label="1 (50.0%)", penwidth=3.00, color=red];'
	assert_line '  "m" -> "HANGUP" [label="1 · 1 (50.0%)", penwidth=3.00];'
	assert_line '  "HANGUP" [shape=doublecircle, label="HANGUP (end)\nself_service\n1 call · 50.0%"];'
}

# ---- the samples against independent counts -----------------------------------

@test "dot --stats: the samples agree with the independent count" {
	cd "$TOP_SRCDIR/samples"
	# bank: from Monday 07:00 Dublin for 1500 calls at 300/h, so that the
	# open and the closed branches, login, the tasks and @parent all see calls.
	ccivr-sim run bank-ivr.json --calls=1500 --rate=300/h --start=2026-03-02T06:00:00Z \
		--seed=5 --output-format=jsonl >"$D/bank.jsonl"
	ccivr-sim dot --stats "$D/bank.jsonl" bank-ivr.json >"$D/bank.dot"
	run -0 ORACLE bank-ivr.json "$D/bank.jsonl" "$D/bank.dot"
	assert_output ok
	grep -q '"back" -> "top" \[label="@parent · ' "$D/bank.dot"
	grep -q '"open_check" -> "night" \[label="closed/holiday · ' "$D/bank.dot"
	# telecom: language's option 1 and its fall-backs all lead to care_hours.
	ccivr-sim run telecom-ivr.json --calls=3000 --rate=400/h --start=2026-03-02T12:00:00Z \
		--seed=9 >"$D/tel.csv"
	ccivr-sim dot --stats "$D/tel.csv" telecom-ivr.json >"$D/tel.dot"
	run -0 ORACLE telecom-ivr.json "$D/tel.csv" "$D/tel.dot"
	assert_output ok
	grep -q '"language" -> "care_hours" \[label="noinput/nomatch · ' "$D/tel.dot"
}

@test "dot --stats: visits, retries and hang-ups agree with the simulator's counters" {
	cd "$TOP_SRCDIR/samples"
	for m in bank-ivr telecom-ivr; do
		args=(--calls=2000 --rate=300/h --start=2026-03-02T06:00:00Z --seed=11 "$m.json")
		ccivr-sim run "${args[@]}" >"$D/r.csv"
		ccivr-sim run --summary --output-format=csv "${args[@]}" >"$D/sum.csv"
		ccivr-sim dot --stats "$D/r.csv" "$m.json" >"$D/m.dot"
		run -0 python3 - "$m.json" "$D/sum.csv" "$D/m.dot" <<'PY'
import csv, json, re, sys
menu = json.load(open(sys.argv[1]))
s = {r["metric"]: int(float(r["value"])) for r in csv.DictReader(open(sys.argv[2]))}
dot = open(sys.argv[3], encoding="utf-8").read()
for x, nd in menu["nodes"].items():
    lab = re.search(r'^  "%s" \[.*label="([^"]*)"' % re.escape(x), dot, re.M).group(1)
    n = int(re.search(r"\\n(\d+) (?:visit|call)s? ", lab).group(1))
    assert n == s["node.%s.entries" % x], (x, n, s["node.%s.entries" % x])
    h = re.search(r'^  "%s" -> "HANGUP" \[label="(\d+) ' % re.escape(x), dot, re.M)
    h = int(h.group(1)) if h else 0
    if nd.get("outcome") and nd["outcome"] == menu.get("sim", {}).get("hangup_after_self_service"):
        # A hang-up there after a task gives the end's own reason: an exit.
        assert h <= s["node.%s.hangups" % x], x
    else:
        assert h == s["node.%s.hangups" % x], (x, h, s["node.%s.hangups" % x])
    if nd["type"] in ("menu", "input"):
        # Every no-input and no-match is a retry or a fall-back (all have handlers).
        r = int(re.search(r"\\nretries (\d+)", lab).group(1))
        fb = sum(int(v) for v in re.findall(
            r'^  "%s" -> "[^"]*" \[label="(?:noinput|nomatch)[a-z/]* · (\d+) ' % re.escape(x), dot, re.M))
        assert r + fb == s["node.%s.noinput" % x] + s["node.%s.nomatch" % x], (x, r, fb)
print("ok")
PY
		assert_output ok
	done
}

@test "dot --stats: renders with graphviz, every node, edge and figure in the SVG" {
	cd "$TOP_SRCDIR/samples"
	ccivr-sim run bank-ivr.json --calls=800 --rate=300/h --start=2026-03-02T06:00:00Z \
		--seed=2 >"$D/r.csv"
	for m in "$TOP_SRCDIR/samples/bank-ivr.json" "$TEST_DATA/ivr-dot-small.json"; do
		r=$D/r.csv
		[ "$m" = "$TEST_DATA/ivr-dot-small.json" ] && r=$TEST_DATA/ivr-dot-small.csv
		ccivr-sim dot --stats "$r" "$m" >"$D/m.dot"
		run -0 --separate-stderr dot -Tsvg "$D/m.dot" -o "$D/m.svg"
		assert_equal "$stderr" ''
		run -0 python3 - "$m" "$D/m.dot" "$D/m.svg" <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET
ids = list(json.load(open(sys.argv[1]))["nodes"])
dot = open(sys.argv[2], encoding="utf-8").read()
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[3]).getroot()
nodes, edges = {}, []
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    title = g.find("s:title", ns).text if g.find("s:title", ns) is not None else None
    texts = [t.text or "" for t in g.findall(".//s:text", ns)]
    shapes = [e for e in g if e.tag.split("}")[1] in ("polygon", "ellipse", "path")]
    if g.get("class") == "node":
        nodes[title] = (texts, shapes)
    elif g.get("class") == "edge":
        edges.append((title, " ".join(texts), shapes))
assert set(nodes) == set(ids) | {"HANGUP"}, sorted(nodes)
# Every DOT edge is in the SVG with its label, red edges stroked red.
want = re.findall(r'^  "([^"]*)" -> "([^"]*)" \[(?:label="([^"]*)")?(.*)\];$', dot, re.M)
assert len(want) == len(edges), (len(want), len(edges))
got = sorted((t, l) for t, l, _ in edges)
exp = sorted(("%s->%s" % (a, b), l) for a, b, l, _ in want)
assert got == exp, [x for x in exp if x not in got][:5]
red = sum(1 for _, b, _, rest in want if b == "HANGUP")
assert red > 0 and red == sum(1 for t, _, sh in edges if sh and sh[0].get("stroke") == "red")
# Node figures and fill colours.
for x, label, fill in re.findall(r'^  "([^"]*)" \[shape=[a-z]+, label="([^"]*)"[^\n]*?(?:fillcolor="(#\w+)")?\];$', dot, re.M):
    texts, shapes = nodes[x]
    assert texts == label.split("\\n"), (x, texts, label)
    if fill:
        assert shapes[0].get("fill") == fill, (x, fill)
    else:
        assert shapes[0].get("fill") == "none", x
assert nodes["HANGUP"][0][0] == "caller hang-up"
print("ok")
PY
		assert_output ok
	done
}

# ---- errors --------------------------------------------------------------------

# bad_rec MESSAGE LINE...: a record file of the LINEs fails with FILE:2: MESSAGE.
bad_rec() {
	local msg=$1
	shift
	rec "$D/bad.csv" "$@"
	bad_input "$D/bad.csv:2: $msg" dot --stats "$D/bad.csv" ivr-dot-small.json
}

@test "dot --stats: bad records stop with FILE:LINE and exit 1, nothing written" {
	bad_rec "ivr_path names node 'nowhere', which is not in the menu" 'hi>nowhere,,nowhere,abandon_ivr'
	bad_rec "ivr_path names node '', which is not in the menu" 'hi>>top,,top,abandon_ivr'
	bad_rec "ivr_path starts at 'top', not at the start node 'hi'" 'top>q_a,1,q_a,to_queue'
	bad_rec "missing ivr_path" ',,hi,abandon_ivr'
	bad_rec "no edge from 'hi' to 'sub' in the menu" 'hi>sub,,sub,abandon_ivr'
	bad_rec "no edge from 'q_a' to 'top' in the menu" 'hi>top>q_a>top,1,top,abandon_ivr'
	bad_rec "no edge from 'back' to 'sub' in the menu (@parent leads to 'top' there)" \
		'hi>top>sub>back>sub,"2,#",sub,abandon_ivr'
	bad_rec "bad ivr_keys '1,': keys are 0-9, * or # joined by commas" 'hi>top>q_a,"1,",q_a,to_queue'
	bad_rec "bad ivr_keys '12': keys are 0-9, * or # joined by commas" 'hi>top>q_a,12,q_a,to_queue'
	bad_rec "bad ivr_keys 'a': keys are 0-9, * or # joined by commas" 'hi>top>q_a,a,q_a,to_queue'
	bad_rec "exit_node 'q_b' is not the last node of ivr_path ('q_a')" 'hi>top>q_a,1,q_b,to_queue'
	bad_rec "missing exit_reason" 'hi>top>q_a,1,q_a,'
	bad_rec "exit_reason 'voicemail' cannot end a call at 'q_a' (queue)" 'hi>top>q_a,1,q_a,voicemail'
	bad_rec "exit_reason 'to_queue' cannot end a call at 'top' (menu)" 'hi>top,,top,to_queue'
	bad_rec "exit_reason 'sub_hangup' cannot end a call at 'top' (menu)" 'hi>top,,top,sub_hangup'
	bad_rec "key '0' (key 1 of ivr_keys) does not lead from 'top' to 'q_a'" 'hi>top>q_a,0,q_a,to_queue'
	bad_rec "ivr_keys has no key left for 'top' -> 'q_a'" 'hi>top>top>q_a,*,q_a,to_queue'
	bad_rec "ivr_keys has 1 key left over after ivr_path: '1'" 'hi>top>q_a,"1,1",q_a,to_queue'
	bad_rec "ivr_keys has 2 keys left over after ivr_path: '*,#'" 'hi,"*,#",hi,abandon_ivr'
}

@test "dot --stats: the line of the bad record, missing columns and fields, unreadable files" {
	rec "$D/r.csv" 'hi>top>q_a,1,q_a,to_queue' 'hi>top>q_a,1,q_a,to_queue' 'hi>q_a,,q_a,to_queue'
	bad_input "$D/r.csv:4: no edge from 'hi' to 'q_a' in the menu" dot --stats "$D/r.csv" ivr-dot-small.json
	# A quoted field over two lines: the record starts on line 3.
	printf 'ivr_path,ivr_keys,exit_node,exit_reason\nhi,,hi,abandon_ivr\n"hi>\ntop",,top,abandon_ivr\n' >"$D/q.csv"
	bad_input "$D/q.csv:3: ivr_path names node '?top', which is not in the menu" dot --stats "$D/q.csv" ivr-dot-small.json
	printf 'ivr_keys,exit_node,exit_reason\n1,q_a,to_queue\n' >"$D/c.csv"
	bad_input "$D/c.csv:1: no ivr_path column" dot --stats "$D/c.csv" ivr-dot-small.json
	printf 'ivr_path,ivr_keys\nhi,\n' >"$D/c.csv"
	bad_input "$D/c.csv:1: no exit_reason column" dot --stats "$D/c.csv" ivr-dot-small.json
	printf '{"ivr_path":"hi","exit_reason":"abandon_ivr"}\n\n{"exit_reason":"abandon_ivr"}\n' >"$D/j.jsonl"
	bad_input "$D/j.jsonl:3: missing ivr_path" dot --stats "$D/j.jsonl" ivr-dot-small.json
	printf '{"ivr_path":"hi","ivr_keys":null,"exit_node":null,"exit_reason":null}\n' >"$D/j.jsonl"
	bad_input "$D/j.jsonl:1: missing exit_reason" dot --stats "$D/j.jsonl" ivr-dot-small.json
	printf '{"ivr_path":"hi","exit_reason":"abandon_ivr"}\n{"ivr_path":"hi",\n' >"$D/j.jsonl"
	bad_input "$D/j.jsonl:2:17: invalid JSON: string or '}' expected near end of file" \
		dot --stats "$D/j.jsonl" ivr-dot-small.json
	run -1 --separate-stderr bash -c "printf 'ivr_path,exit_reason\nhi>x,abandon_ivr\n' | ccivr-sim dot --stats - ivr-dot-small.json"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: -:2: ivr_path names node 'x', which is not in the menu"
	bad_input "cannot open $D/none.csv: No such file or directory" dot --stats "$D/none.csv" ivr-dot-small.json
	# The menu is read (and refused) first.
	run -1 --separate-stderr ccivr-sim dot --stats "$D/none.csv" ivr-analyse-noexit.json
	assert_output ''
	assert_equal "${stderr_lines[2]}" "ccivr-sim: ivr-analyse-noexit.json: 2 errors: run 'ccivr-sim lint ivr-analyse-noexit.json' for the details"
	run -1 --separate-stderr sh -c 'ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json >/dev/full'
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
}

@test "dot --stats: usage errors, and --help" {
	usage_error '--stats and the menu cannot both be standard input' dot --stats - -
	usage_error '--stats and the menu cannot both be standard input' dot --stats=-
	usage_error '--stats needs a file of records' dot --stats= ivr-dot-small.json
	usage_error "option '--stats' requires an argument" dot --stats
	usage_error '--input-format applies to --stats' dot --input-format=csv ivr-dot-small.json
	usage_error "invalid --input-format 'xml': auto, csv or jsonl" dot --stats ivr-dot-small.csv --input-format=xml ivr-dot-small.json
	usage_error 'dot takes one MENU.json' dot --stats ivr-dot-small.csv a.json b.json
	usage_error "unrecognized option '--nodes'" dot --nodes ivr-dot-small.json
	run -0 --separate-stderr ccivr-sim dot --help
	assert_line --index 0 'Usage: ccivr-sim dot [MENU.json]'
	assert_line --index 1 '  or:  ccivr-sim dot --stats=RUN [--input-format=FMT] [MENU.json]'
	assert_line --regexp '^      --stats=RUN +draw the traffic'
	assert_line --regexp '^      --input-format=FMT +the format of RUN'
	assert_equal "$stderr" ''
}

@test "dot --stats: the menu alone is unchanged, and the same run gives the same bytes" {
	run -0 ccivr-sim dot ivr-dot-small.json
	refute_output --partial 'visit'
	refute_output --partial 'HANGUP'
	refute_output --partial 'penwidth=1'
	assert_line '  "top" -> "q_b" [label="0 Operator"];'
	assert_line '  "sub" -> "q_a" [label="noinput", style=dashed];'
	assert_line '  "sub" -> "q_a" [label="nomatch", style=dashed];'
	assert_line '  "hi" -> "top";'
	a=$(ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json | md5sum)
	b=$(ccivr-sim dot --stats ivr-dot-small.csv ivr-dot-small.json | md5sum)
	assert_equal "$a" "$b"
}
