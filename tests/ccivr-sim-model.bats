#!/usr/bin/env bats
# ccivr-sim: the caller model -- caller segments (sim.segments) in lint, run
# and analyse; lint --analyse and --max-ivr-s (L017); run --node-stats and
# the --summary figures; --rate daily profiles; patience_left_s.
#
# The fixtures tests/data/ivr-model-*.json have fixed durations and simple
# probabilities (mostly 0 or 1 per segment), so that every path, share and
# time below is worked out by hand (the arithmetic is in the comments) from
# the rules at the top of src/ccivr-sim/analyse.c and ccivr-sim(1).  The
# samples are checked by independent computations in Python over the output:
# the mixture of the segments recomputed from the per-segment figures, the
# oracle tests/data/ivr-analyse-oracle.py, the funnel recounted from the
# records of the same run, and counts against binomial or Poisson bounds of
# 4 standard deviations or more (the runs are seeded, so never flaky).

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
}

TEL=../../samples/telecom-ivr.json
BANK=../../samples/bank-ivr.json
ORACLE() { python3 "$TEST_DATA/ivr-analyse-oracle.py" "$@"; }

# The columns of a generated record (no segment column: the menu has none).
GEN_COLS=id,channel,direction,arrived_at,ivr_enter_at,ivr_s,ivr_id,ivr_version,seed,ivr_path,ivr_keys,exit_node,exit_reason,queue,skills,priority,ivr_patience_s,patience_s,patience_left_s,noinput_count,nomatch_count,max_retry_hit,zero_out,ss_task,ss_ok,hours_state

# field FILE.csv NAME: the values of column NAME, one a line.
field() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r[sys.argv[2]])' "$1" "$2"
}

# ---- segments: lint -----------------------------------------------------------

# Positions counted in tests/data/ivr-lint-segments.json (columns from 1):
#   5:17  the '{' after "segments": (4 spaces + '"segments": ' = 16 chars);
#         shares a 0.5 + b 0.7 = 1.2 (c has none);
#   7:9   "main" of segment a (8 spaces): p_hangup 0.2 + options 0.5 + 0.5;
#   8:9   "nowhere" of segment a;
#   10:18 "p_valid" (8 + '"main": {' 9 = 17), a key of input nodes only;
#   10:34 "colour" (18 + '"p_valid": 0.5, ' 16);
#   10:59 "7" (34 + '"colour": 1, ' 13 = 47, + '"options": {' 12);
#   11:18 "p_hangup" of the end node 'done';
#   12:13 "shares" (6 spaces + '"c": {' 6 = 12).
@test "segments: lint reports the errors of sim.segments at their positions" {
	run -1 --separate-stderr ccivr-sim lint ivr-lint-segments.json
	assert_output "ivr-lint-segments.json:5:17: error L011: the shares of the segments sum to 1.2, more than 1
ivr-lint-segments.json:7:9: error L011: option and no-input, no-match and hang-up probabilities of node 'main' in segment 'a' sum to 1.2, not 1
ivr-lint-segments.json:8:9: error L002: segment 'a' sets node 'nowhere', which is not a node
ivr-lint-segments.json:10:18: error L001: node 'main' of segment 'b' sets 'p_valid', which a menu node does not have
ivr-lint-segments.json:10:34: error L001: unknown key 'colour' in node 'main' of segment 'b': a segment sets p_noinput, p_nomatch, p_hangup, p_valid, p_complete, p_fail and options
ivr-lint-segments.json:10:59: error L002: node 'main' of segment 'b' sets option '7', which node 'main' does not have
ivr-lint-segments.json:11:18: error L001: node 'done' of segment 'b' sets 'p_hangup', which an end node does not have
ivr-lint-segments.json:12:13: error L001: unknown key 'shares' in segment 'c'"
	assert_equal "$stderr" 'ccivr-sim: 8 errors, 0 warnings'
	# The other commands refuse it.
	run -1 --separate-stderr ccivr-sim analyse ivr-lint-segments.json
	assert_output ''
	[[ $stderr == *"run 'ccivr-sim lint ivr-lint-segments.json' for the details" ]]
}

@test "segments: the hand-worked fixture and the samples lint clean" {
	run -0 --separate-stderr ccivr-sim lint ivr-model-segments.json ivr-model-summary.json \
		ivr-model-hours.json ivr-model-zero.json ivr-model-stuck.json "$TEL"
	assert_output ''
	assert_equal "$stderr" ''
}

# ---- segments: analyse ----------------------------------------------------------

# ivr-model-segments.json: main prompt 6 s, think 2 s, no barge-in: a key
# takes 8 s.  diy (share 0.25) presses 1 -> done (3 s): 11 s; agent (no
# share: 1 - 0.25 = 0.75) presses 0 -> q (1 s): 9 s.
#   mixture: done 0.25, 11 s; q 0.75, 9 s; TOTAL 0.25*11 + 0.75*9 = 9.5 s.
@test "segments: analyse mixes the hand-worked segments by share (0.25 and 0.75)" {
	run -0 --separate-stderr ccivr-sim analyse --output-format csv ivr-model-segments.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,0.250000,11.000
q,to_queue,general,0.750000,9.000
TOTAL,,,1.000000,9.500'
	assert_equal "$stderr" ''
	run -0 ccivr-sim analyse --output-format csv --segment diy ivr-model-segments.json
	assert_line --index 1 'done,self_service,,1.000000,11.000'
	assert_line 'TOTAL,,,1.000000,11.000'
	run -0 ccivr-sim analyse --output-format csv --segment agent ivr-model-segments.json
	assert_line 'q,to_queue,general,1.000000,9.000'
	assert_line 'TOTAL,,,1.000000,9.000'
	# Expected visits: main once, done 0.25, q 0.75.
	run -0 ccivr-sim analyse --nodes ivr-model-segments.json
	assert_output 'node,type,visits
main,menu,1.000000
done,end,0.250000
q,queue,0.750000'
	# The oracle agrees on the mixture.
	ccivr-sim analyse ivr-model-segments.json >"$D/mix.csv"
	ORACLE ivr-model-segments.json --check "$D/mix.csv"
}

# The mixture, recomputed from the per-segment figures with the shares read
# from the menu: share(e) = sum w_s share_s(e); mean(e) = sum w_s share_s(e)
# t_s(e) / share(e); TOTAL = sum w_s TOTAL_s.  Tolerances: shares printed
# with 6 decimals (0.5e-6 each), times with 3 (0.5e-3 each) -- the error a
# rounded share makes in a weighted mean is bounded term by term.
@test "segments: analyse without --segment is the share-weighted mixture (telecom, open and closed)" {
	for h in open closed; do
		ccivr-sim analyse --hours "$h" --output-format csv "$TEL" >"$D/mix-$h.csv"
		for s in consumer business; do
			ccivr-sim analyse --hours "$h" --segment "$s" --output-format csv "$TEL" >"$D/$s-$h.csv"
		done
		run -0 python3 - "$TEL" "$D/mix-$h.csv" consumer "$D/consumer-$h.csv" business "$D/business-$h.csv" <<'PY'
import csv, json, sys
menu = json.load(open(sys.argv[1]))
segs = menu["sim"]["segments"]
given = {k: v["share"] for k, v in segs.items() if "share" in v}
rest = [k for k in segs if k not in given]
w = dict(given)
for k in rest:
    w[k] = (1 - sum(given.values())) / len(rest)
assert abs(sum(w.values()) - 1) < 1e-12 and w == {"consumer": 0.85, "business": 0.15}, w

def load(path):
    rows, total = {}, None
    for r in csv.DictReader(open(path, newline="")):
        if r["exit_node"] == "TOTAL":
            total = float(r["mean_ivr_s"])
        elif float(r["share"]) > 0:
            rows[(r["exit_node"], r["exit_reason"], r["queue"])] = (float(r["share"]), float(r["mean_ivr_s"]))
    return rows, total

mix, mix_total = load(sys.argv[2])
per = {sys.argv[i]: load(sys.argv[i + 1]) for i in range(3, len(sys.argv), 2)}
keys = set(mix)
for rows, _ in per.values():
    keys |= set(rows)
assert set(mix) == keys, keys ^ set(mix)
for k in sorted(keys):
    terms = [(w[s], rows.get(k, (0.0, 0.0))) for s, (rows, _) in per.items()]
    share = sum(ws * sh for ws, (sh, _) in terms)
    assert abs(mix[k][0] - share) <= 1.01e-6, (k, mix[k][0], share)
    t = sum(ws * sh * tt for ws, (sh, tt) in terms) / share
    tol = 1e-3 + sum(ws * 5e-7 * abs(tt - t) for ws, (sh, tt) in terms if sh > 0) / share + 1e-9
    assert abs(mix[k][1] - t) <= tol, (k, mix[k][1], t, tol)
total = sum(w[s] * tot for s, (_, tot) in per.items())
assert abs(mix_total - total) <= 1.001e-3, (mix_total, total)
print("ok", len(keys))
PY
		assert_output --regexp '^ok [0-9]+$'
	done
}

@test "segments: analyse --segment agrees with the independent oracle (telecom)" {
	for s in consumer business; do
		for h in open closed; do
			ccivr-sim analyse --segment "$s" --hours "$h" --output-format csv "$TEL" >"$D/$s-$h.csv"
			ORACLE "$TEL" --segment "$s" --hours "$h" --check "$D/$s-$h.csv"
		done
		ccivr-sim analyse --segment "$s" --nodes --output-format csv "$TEL" >"$D/$s-n.csv"
		ORACLE "$TEL" --segment "$s" --nodes --check "$D/$s-n.csv"
	done
	# The two segments differ (business presses 0 more often: 0.26 against
	# 0.11 at main), so --segment does change the figures.
	ccivr-sim analyse --segment consumer --output-format csv "$TEL" >"$D/c.csv"
	ccivr-sim analyse --segment business --output-format csv "$TEL" >"$D/b.csv"
	run ! cmp -s "$D/c.csv" "$D/b.csv"
}

@test "segments: analyse --segment with an unknown name, or on a menu without segments" {
	grep -q '"id": "lumen-mobile-care"' "$TEL"
	# A bad option value: a usage error naming the segments there are.
	usage_error "invalid --segment 'nope': menu 'lumen-mobile-care' has the segments consumer, business" \
		analyse --segment nope "$TEL"
	usage_error "invalid --segment 'x': menu 't-basic' has no segments (sim.segments)" \
		analyse --segment x ivr-run-basic.json
}

# ivr-model-stuck.json: segment 'stuck' (share 0.1) always presses 2, which
# goes back to main: its callers never leave.  Segment 'normal' keeps the
# node's own 1 -> done 0.5, 2 -> main 0.2, 0 -> q 0.3: passes are geometric
# with end probability 0.8, 1.25 passes of 3 + 1 s = 5 s; done
# 0.5/0.8 = 0.625, q 0.375.  The position of the analyse error is the
# segment's key (line 10, 6 spaces: column 7); L017 is at the start value
# (line 5, '  "start": ' is 11 chars: column 12).
@test "segments: a segment whose calls never leave the IVR" {
	bad_input "ivr-model-stuck.json:10:7: calls at node 'main' (segment 'stuck') never leave the IVR: every path with a probability above 0 loops" \
		analyse ivr-model-stuck.json
	bad_input "ivr-model-stuck.json:10:7: calls at node 'main' (segment 'stuck') never leave the IVR: every path with a probability above 0 loops" \
		analyse --segment stuck ivr-model-stuck.json
	run -0 ccivr-sim analyse --segment normal --output-format csv ivr-model-stuck.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,0.625000,5.000
q,to_queue,general,0.375000,5.000
TOTAL,,,1.000000,5.000'
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-model-stuck.json
	assert_output "ivr-model-stuck.json:5:12: warning L017: calls at node 'main' in segment 'stuck' never leave the IVR: every path with a probability above 0 loops"
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
}

# ---- segments: run -------------------------------------------------------------

@test "segments: run writes a segment column only for a menu with segments" {
	run -0 ccivr-sim run ivr-run-basic.json --calls 1
	assert_line --index 0 "$GEN_COLS"
	run -0 ccivr-sim run ivr-model-segments.json --calls 1
	assert_line --index 0 "$GEN_COLS,segment"
	run -0 ccivr-sim run ivr-model-segments.json --calls 3 --output-format jsonl
	assert_line --index 0 --regexp '"hours_state":null,"segment":"(diy|agent)"}$'
	run -0 ccivr-sim run ivr-run-basic.json --calls 3 --output-format jsonl
	refute_output --partial '"segment"'
}

# diy: main>done, key 1, self_service, 11 s; agent: main>q, key 0 (a
# zero_out option), to_queue, 9 s (see the analyse test above).  2000
# callers: diy is binomial(2000, 0.25), mean 500, sd sqrt(2000*0.25*0.75) =
# 19.36; 4 sd = 77.5.
@test "segments: each caller's path follows its segment; the counts are binomial; --summary counts them" {
	ccivr-sim run ivr-model-segments.json --calls 2000 --seed 5 -o "$D/out.csv"
	run -0 python3 - "$D/out.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
n = len(rows)
assert n == 2000
want = {"diy": ("main>done", "1", "done", "self_service", "11", "false"),
        "agent": ("main>q", "0", "q", "to_queue", "9", "true")}
for r in rows:
    got = (r["ivr_path"], r["ivr_keys"], r["exit_node"], r["exit_reason"], r["ivr_s"], r["zero_out"])
    assert got == want[r["segment"]], r
k = sum(r["segment"] == "diy" for r in rows)
assert abs(k - 500) <= 4 * math.sqrt(2000 * 0.25 * 0.75), k
print(k, n - k)
PY
	read -r diy agent <<<"$output"
	# The same seed and calls: the same callers, counted by --summary.
	run -0 ccivr-sim run ivr-model-segments.json --calls 2000 --seed 5 --summary
	assert_line --index 1 calls,2000
	assert_line --index 9 --regexp '^mean_ivr_s,'
	assert_line --index 10 "segment.diy,$diy"
	assert_line --index 11 "segment.agent,$agent"
	assert_line --index 12 --regexp '^exit\.'
	assert_line "exit.self_service,$diy"
	assert_line "exit.to_queue,$agent"
	assert_equal "$((diy + agent))" 2000
	# mean_ivr_s = (11 diy + 9 agent) / 2000 with 3 decimals, zero_out =
	# agent / 2000 with 4 (halves rounded up, exactly).
	fixed() {
		python3 -c 'import sys; from decimal import Decimal as D, ROUND_HALF_UP as U
print((D(sys.argv[1]) / D(sys.argv[2])).quantize(D(1).scaleb(-int(sys.argv[3])), rounding=U))' "$@"
	}
	assert_line "mean_ivr_s,$(fixed $((11 * diy + 9 * agent)) 2000 3)"
	assert_line "zero_out,$(fixed "$agent" 2000 4)"
}

# sim.patience_s is 50; diy has its own patience_s 100, agent none: diy
# leaves after 11 s with 89 s left, agent after 9 s with 50 - 9 = 41 s.
@test "segments: a segment's patience_s replaces sim.patience_s for its callers" {
	ccivr-sim run ivr-model-segments.json --calls 300 --seed 2 -o "$D/out.csv"
	run -0 python3 - "$D/out.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
want = {"diy": ("100", "89", "89"), "agent": ("50", "41", "41")}
for r in rows:
    assert (r["ivr_patience_s"], r["patience_s"], r["patience_left_s"]) == want[r["segment"]], r
print(sorted({r["segment"] for r in rows}))
PY
	assert_output "['agent', 'diy']"
	# --no-patience: no patience at all.
	ccivr-sim run ivr-model-segments.json --calls 50 --no-patience -o "$D/np.csv"
	assert_equal "$(field "$D/np.csv" ivr_patience_s | sort -u)" ''
	assert_equal "$(field "$D/np.csv" patience_left_s | sort -u)" ''
	# A record's own patience_s beats the segment's: 5 s is spent in main's
	# 8 s, the caller abandons there (main has no hangup_as).
	printf 'id,arrived_at,segment,patience_s\nr1,2026-03-02T09:00:00Z,diy,5\nr2,2026-03-02T09:01:00Z,agent,\n' >"$D/in.csv"
	ccivr-sim run ivr-model-segments.json "$D/in.csv" >"$D/rec.csv"
	assert_equal "$(field "$D/rec.csv" exit_reason | tr '\n' ' ')" 'abandon_ivr to_queue '
	assert_equal "$(field "$D/rec.csv" ivr_s | tr '\n' ' ')" '5 9 '
	assert_equal "$(field "$D/rec.csv" ivr_patience_s | tr '\n' ' ')" '5 50 '
	assert_equal "$(field "$D/rec.csv" patience_left_s | tr '\n' ' ')" '0 41 '
}

@test "segments: replayed records keep their segment column in place; empty draws one; unknown is rejected" {
	printf 'id,segment,arrived_at\nr1,diy,2026-03-02T09:00:00Z\nr2,agent,2026-03-02T09:01:00Z\nr3,,2026-03-02T09:02:00Z\nr4,x,2026-03-02T09:03:00Z\nr5,agent,2026-03-02T09:04:00Z\n' >"$D/in.csv"
	run -0 --separate-stderr ccivr-sim run ivr-model-segments.json --reject "$D/rej.txt" "$D/in.csv"
	assert_equal "$stderr" "ccivr-sim: 1 record rejected (see $D/rej.txt)"
	# The segment column stays second, and is not added again at the end.
	want_cols=$(printf '%s' "$GEN_COLS" | sed 's/^id,channel,direction,arrived_at,/id,segment,arrived_at,channel,direction,/')
	assert_line --index 0 "$want_cols"
	# r1: diy, 09:00 + 11 s, patience 100, 89 left, not a queue.
	assert_line --index 1 'r1,diy,2026-03-02T09:00:11Z,voice,inbound,2026-03-02T09:00:00Z,11,t-segments,1,1,main>done,1,done,self_service,,,,100,89,89,0,0,false,false,,false,'
	printf '%s\n' "$output" >"$D/out.csv"
	assert_equal "$(field "$D/out.csv" id | tr '\n' ' ')" 'r1 r2 r3 r5 '
	run -0 python3 - "$D/out.csv" <<'PY'
import csv, sys
rows = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
path = {"diy": "main>done", "agent": "main>q"}
assert rows["r2"]["segment"] == "agent" and rows["r2"]["ivr_path"] == "main>q"
assert rows["r2"]["arrived_at"] == "2026-03-02T09:01:09Z" and rows["r2"]["patience_left_s"] == "41"
assert rows["r3"]["segment"] in path, rows["r3"]  # drawn
assert rows["r3"]["ivr_path"] == path[rows["r3"]["segment"]]
print("ok")
PY
	assert_output ok
	run cat "$D/rej.txt"
	assert_output "# $D/in.csv:5: unknown segment 'x'
r4,x,2026-03-02T09:03:00Z"
	# Without --reject the run stops at that line (what was written before
	# it may stay: CSV is streamed).
	run -1 --separate-stderr ccivr-sim run ivr-model-segments.json "$D/in.csv"
	assert_equal "$stderr" "ccivr-sim: $D/in.csv:5: unknown segment 'x'"
	refute_output --partial 'r4,'
	refute_output --partial 'r5,'
	# JSON Lines: null draws a segment, the unknown one is refused.
	printf '{"id":"j1","arrived_at":"2026-03-02T09:00:00Z","segment":"diy"}\n{"id":"j2","arrived_at":"2026-03-02T09:00:30Z","segment":null}\n{"id":"j3","arrived_at":"2026-03-02T09:01:00Z","segment":"nope"}\n' >"$D/in.jsonl"
	run -1 --separate-stderr ccivr-sim run ivr-model-segments.json "$D/in.jsonl"
	assert_equal "$stderr" "ccivr-sim: $D/in.jsonl:3: unknown segment 'nope'"
	head -n 2 "$D/in.jsonl" >"$D/ok.jsonl"
	run -0 ccivr-sim run ivr-model-segments.json --output-format jsonl "$D/ok.jsonl"
	assert_line --index 0 --partial '{"id":"j1","arrived_at":"2026-03-02T09:00:11Z","segment":"diy",'
	assert_line --index 1 --regexp '^\{"id":"j2","arrived_at":"[^"]*","segment":"(diy|agent)",'
	# A menu without segments passes a segment column through untouched.
	run -0 ccivr-sim run ivr-run-basic.json "$D/in.csv"
	assert_line --index 4 --partial 'r4,x,2026-03-02T09:03:26Z,'
}

# Patience off, 20000 callers from Monday 10:00 in Chicago (open): the
# records of each segment against 'analyse --segment', every exit's share
# within 4.5 binomial sd and the mean within 4.5 standard errors
# (tests/data/ivr-run-compare.py).
@test "segments: the simulation agrees with 'ccivr-sim analyse --segment' (telecom)" {
	ccivr-sim run "$TEL" --no-patience --start 2026-03-02T16:00:00Z --calls 20000 --rate 20000/h \
		--output-format jsonl >"$D/tel.jsonl"
	for s in business consumer; do
		ccivr-sim analyse --segment "$s" --output-format csv "$TEL" >"$D/$s.csv"
		python3 -c '
import json, sys
for line in open(sys.argv[1]):
    if json.loads(line)["segment"] == sys.argv[2]:
        sys.stdout.write(line)' "$D/tel.jsonl" "$s" >"$D/$s.jsonl"
		run -0 python3 ivr-run-compare.py "$D/$s.csv" "$D/$s.jsonl"
		assert_output --regexp '^ok [0-9]+ [0-9]+$'
	done
	# business is binomial(20000, 0.15): 3000 +- 4 sd (4 * 50.5).
	n=$(wc -l <"$D/business.jsonl")
	((n > 3000 - 202 && n < 3000 + 202))
	assert_equal "$((n + $(wc -l <"$D/consumer.jsonl")))" 20000
}

# ---- lint --analyse and --max-ivr-s (L017) ---------------------------------------------

# ivr-run-basic.json: welcome 4 s, main 6 + 2 s (key 1, p 1), ss 1 + 10 s
# (completed, p 1), done 3 s: 26 s, self_service with probability 1.  The
# option 0 -> q has p 0: q is no exit at all, so neither analyse (as the
# oracle, which pushes probability mass) nor L017 lists it.
# "start": "welcome" is on line 5, its value at column 12.
@test "lint --analyse: the basic menu, self_service 100% in 26 s" {
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-run-basic.json
	assert_output 'ivr-run-basic.json:5:12: info L017: expected exits: self_service 100.0%; mean time in the IVR 26.0 s'
	assert_equal "$stderr" ''
	run -0 ccivr-sim analyse --output-format csv ivr-run-basic.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,1.000000,26.000
TOTAL,,,1.000000,26.000'
	ccivr-sim analyse ivr-run-basic.json >"$D/a.csv"
	ORACLE ivr-run-basic.json --check "$D/a.csv"
}

# ivr-model-zero.json: main 4 + 1 s, key 1 (p 1) -> done (no prompt): 5 s.
# Key 2 (p 0) leads to 'loop', whose key 1 (p 1) goes back to itself: a trap,
# but one no caller reaches.  It must neither stop the analysis nor be
# reported, and q (p 0 only) is no exit.
@test "lint --analyse and analyse: what only probability 0 reaches is no trap and no exit" {
	run -0 --separate-stderr ccivr-sim analyse --output-format csv ivr-model-zero.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,1.000000,5.000
TOTAL,,,1.000000,5.000'
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-model-zero.json
	assert_output 'ivr-model-zero.json:5:12: info L017: expected exits: self_service 100.0%; mean time in the IVR 5.0 s'
	assert_equal "$stderr" ''
	run -0 ORACLE ivr-model-zero.json
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,1.000000,5.000
TOTAL,,,1.000000,5.000'
}

# ivr-model-stuck.json with the shares 1 and 0: no caller is in segment
# 'stuck', so the mixture is segment 'normal' alone (done 0.625, q 0.375,
# 5 s, see above); only --segment stuck asks for the trap.
@test "analyse and lint --analyse: a segment of share 0 weighs nothing in the mixture" {
	sed 's/"normal": {"share": 0.9}/"normal": {"share": 1}/; s/"stuck": {"share": 0.1,/"stuck": {"share": 0,/' \
		ivr-model-stuck.json >"$D/m.json"
	grep -q '"stuck": {"share": 0,' "$D/m.json"
	run -0 --separate-stderr ccivr-sim analyse --output-format csv "$D/m.json"
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,0.625000,5.000
q,to_queue,general,0.375000,5.000
TOTAL,,,1.000000,5.000'
	run -0 --separate-stderr ccivr-sim lint --analyse "$D/m.json"
	assert_output "$D/m.json:5:12: info L017: expected exits: self_service 62.5%, to_queue 37.5%; mean time in the IVR 5.0 s"
	assert_equal "$stderr" ''
	run -1 ccivr-sim analyse --segment stuck "$D/m.json"
	# No caller is drawn into it.
	run -0 ccivr-sim run "$D/m.json" --calls 100 --summary
	assert_line segment.normal,100
	assert_line segment.stuck,0
}

# ivr-model-hours.json, start "hours" (line 6, column 12), with a holiday
# branch, so three lines.  Open: main 5 + 1 s; done 0.4 (no prompt): 6 s;
# qa 0.3 (queue a, 2 s): 8 s; qb 0.3 (queue b, 4 s): 10 s.  to_queue merges
# qa and qb: 60%; mean 0.4*6 + 0.3*8 + 0.3*10 = 2.4 + 2.4 + 3 = 7.8 s.
# Closed: closed_msg, a hangup node of 3 s: system_hangup 100%, 3.0 s.
# Holiday: hol, an end 'holiday_msg' of 1 s.
@test "lint --analyse: one line per hours state, reasons merged over nodes and queues" {
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-model-hours.json
	assert_output 'ivr-model-hours.json:6:12: info L017: expected exits with hours open: to_queue 60.0%, self_service 40.0%; mean time in the IVR 7.8 s
ivr-model-hours.json:6:12: info L017: expected exits with hours closed: system_hangup 100.0%; mean time in the IVR 3.0 s
ivr-model-hours.json:6:12: info L017: expected exits with hours holiday: holiday_msg 100.0%; mean time in the IVR 1.0 s'
	assert_equal "$stderr" ''
}

# ivr-model-summary.json without patience: five segments without a share,
# 1/5 each, one exit each: contained 2 + 11 + 4 + 3 = 20 s (self_service),
# hangs 2 + 11 + 2 = 15 s (ss_hangup), agent 2 + 11 + 4 + 2 = 19 s
# (to_queue), fails 2 + 11 + 1 = 14 s (transfer_external), quits 2 + 11 =
# 13 s (abandon_ivr): 20% each (equal shares in order of name), mean
# (20 + 15 + 19 + 14 + 13) / 5 = 16.2 s.
@test "lint --analyse: the segments mixed by share" {
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-model-summary.json
	assert_output 'ivr-model-summary.json:5:12: info L017: expected exits: abandon_ivr 20.0%, self_service 20.0%, ss_hangup 20.0%, to_queue 20.0%, transfer_external 20.0%; mean time in the IVR 16.2 s'
	# ivr-model-segments.json: 0.75 to_queue, 0.25 self_service, 9.5 s.
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-model-segments.json
	assert_output 'ivr-model-segments.json:5:12: info L017: expected exits: to_queue 75.0%, self_service 25.0%; mean time in the IVR 9.5 s'
}

# The samples: one line per hours state (open and closed, and holiday when a
# node has a holiday branch, read from the JSON), each share and the mean
# within rounding (0.05 % and 0.05 s) of the oracle's figures, reasons in
# order of decreasing share.  Both have "start" on line 7, column 12.
@test "lint --analyse: the samples agree with the oracle" {
	for f in "$TEL" "$BANK"; do
		run -0 --separate-stderr ccivr-sim lint --analyse "$f"
		assert_equal "$stderr" ''
		printf '%s\n' "$output" >"$D/lint.txt"
		for h in open closed holiday; do
			ORACLE "$f" --hours "$h" >"$D/oracle-$h.csv"
		done
		run -0 python3 - "$f" "$D/lint.txt" "$D" <<'PY'
import csv, json, re, sys
f, lint, d = sys.argv[1:4]
menu = json.load(open(f))
hours = [n for n in menu["nodes"].values() if n["type"] == "hours"]
states = ["open", "closed"] + (["holiday"] if any("holiday" in n for n in hours) else [])
lines = open(lint).read().splitlines()
assert len(lines) == len(states), lines
for h, line in zip(states, lines):
    m = re.fullmatch(re.escape(f) + r":7:12: info L017: expected exits with hours " + h
                     + r": (.*); mean time in the IVR ([0-9]+\.[0-9]) s", line)
    assert m, line
    share, total = {}, None
    for r in csv.DictReader(open("%s/oracle-%s.csv" % (d, h), newline="")):
        if r["exit_node"] == "TOTAL":
            total = float(r["mean_ivr_s"])
        else:
            share[r["exit_reason"]] = share.get(r["exit_reason"], 0) + float(r["share"])
    listed = [re.fullmatch(r"(\S+) ([0-9]+\.[0-9])%", x).groups() for x in m.group(1).split(", ")]
    assert sorted(r for r, _ in listed) == sorted(r for r, s in share.items() if s > 0), (listed, share)
    for reason, pct in listed:
        assert abs(float(pct) - 100 * share[reason]) <= 0.0501 + 1e-4 * len(share), (reason, pct, share)
    exact = [share[r] for r, _ in listed]
    assert all(a >= b - 2e-5 for a, b in zip(exact, exact[1:])), listed
    assert abs(float(m.group(2)) - total) <= 0.0506, (m.group(2), total)
print("ok", len(states))
PY
		assert_output --regexp '^ok [23]$'
	done
}

@test "lint --max-ivr-s: a warning per hours state over the limit; --werror fails" {
	# Only the open branch (7.8 s) is over 5 s; the warning follows its info.
	run -0 --separate-stderr ccivr-sim lint --analyse --max-ivr-s 5 ivr-model-hours.json
	assert_output 'ivr-model-hours.json:6:12: info L017: expected exits with hours open: to_queue 60.0%, self_service 40.0%; mean time in the IVR 7.8 s
ivr-model-hours.json:6:12: warning L017: the expected time in the IVR with hours open is 7.8 s, more than --max-ivr-s 5
ivr-model-hours.json:6:12: info L017: expected exits with hours closed: system_hangup 100.0%; mean time in the IVR 3.0 s
ivr-model-hours.json:6:12: info L017: expected exits with hours holiday: holiday_msg 100.0%; mean time in the IVR 1.0 s'
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
	# Without --analyse only the warnings: open 7.8 and closed 3.0 are over
	# 2.5 s, holiday 1.0 is not.
	run -0 --separate-stderr ccivr-sim lint --max-ivr-s=2.5 ivr-model-hours.json
	assert_output 'ivr-model-hours.json:6:12: warning L017: the expected time in the IVR with hours open is 7.8 s, more than --max-ivr-s 2.5
ivr-model-hours.json:6:12: warning L017: the expected time in the IVR with hours closed is 3.0 s, more than --max-ivr-s 2.5'
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 2 warnings'
	# No hours nodes: no "with hours"; 26 s is over 20 s (written 20s).
	run -1 --separate-stderr ccivr-sim lint --werror --max-ivr-s 20s ivr-run-basic.json
	assert_output 'ivr-run-basic.json:5:12: warning L017: the expected time in the IVR is 26.0 s, more than --max-ivr-s 20'
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
	# A limit above every branch: nothing at all (2m = 120 s > 7.8 s).
	run -0 --separate-stderr ccivr-sim lint --werror --max-ivr-s 2m ivr-model-hours.json
	assert_output ''
	assert_equal "$stderr" ''
	# 0.25m is 15 s.
	run -0 --separate-stderr ccivr-sim lint --max-ivr-s 0.25m ivr-run-basic.json
	assert_output 'ivr-run-basic.json:5:12: warning L017: the expected time in the IVR is 26.0 s, more than --max-ivr-s 15'
	# 26 s is not more than 26 s.
	run -0 --separate-stderr ccivr-sim lint --max-ivr-s 26 ivr-run-basic.json
	assert_output ''
}

@test "lint --analyse: info lines are not counted; with only infos stderr stays empty" {
	# Only infos: exit 0, nothing on stderr, also with --werror.
	run -0 --separate-stderr ccivr-sim lint --werror --analyse ivr-model-hours.json
	assert_equal "${#lines[@]}" 3
	assert_equal "$stderr" ''
	# With a warning (L004) the count has that warning only.
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-lint-L004.json
	assert_line --index 0 --regexp '^ivr-lint-L004\.json:3:12: info L017: expected exits: '
	assert_line --index 1 "ivr-lint-L004.json:8:5: warning L004: node 'old_promo' is unreachable from start 'main'"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
	# -q drops the counts, not the infos.
	run -0 --separate-stderr ccivr-sim lint -q --analyse ivr-lint-L004.json
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" ''
	# Several files: the infos of each, in argument order.
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-run-basic.json ivr-model-segments.json
	assert_line --index 0 --partial 'ivr-run-basic.json:5:12: info L017: '
	assert_line --index 1 --partial 'ivr-model-segments.json:5:12: info L017: '
	assert_equal "$stderr" ''
}

@test "lint --analyse: a menu with errors gets no L017" {
	run -1 --separate-stderr ccivr-sim lint --analyse --max-ivr-s 1 ivr-lint-L007.json
	assert_output "ivr-lint-L007.json:8:5: error L007: dead end: prompt node 'notice' leads nowhere"
	assert_equal "$stderr" 'ccivr-sim: 1 error, 0 warnings'
	run -1 --separate-stderr ccivr-sim lint --analyse ivr-lint-segments.json
	refute_output --partial L017
}

# ivr-analyse-trap.json: m and m2 send every caller to each other (p 1); their
# 0 options, the only ways out, have p 0.  Lint alone finds nothing; the
# analysis finds the trap.  "start": "m" is on line 3, column 12.
@test "lint --analyse: calls that can never leave the IVR" {
	run -0 --separate-stderr ccivr-sim lint ivr-analyse-trap.json
	assert_output ''
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-analyse-trap.json
	assert_output "ivr-analyse-trap.json:3:12: warning L017: calls at node 'm' never leave the IVR: every path with a probability above 0 loops"
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
	run -1 --separate-stderr ccivr-sim lint --werror --max-ivr-s 10 ivr-analyse-trap.json
	assert_output "ivr-analyse-trap.json:3:12: warning L017: calls at node 'm' never leave the IVR: every path with a probability above 0 loops"
}

# ivr-run-loop.json: main -> cards -> back (goto @parent = main) with p 1,
# the 0 options (p 0) being the only ways out: the run's loop guard case.
@test "lint --analyse: the loop of ivr-run-loop.json never leaves the IVR" {
	run -0 --separate-stderr ccivr-sim lint --analyse ivr-run-loop.json
	assert_output "ivr-run-loop.json:5:12: warning L017: calls at node 'main' never leave the IVR: every path with a probability above 0 loops"
	assert_equal "$stderr" 'ccivr-sim: 0 errors, 1 warning'
}

@test "lint: usage errors of --max-ivr-s" {
	usage_error "invalid --max-ivr-s 'abc': a duration such as 45, 90s or 2m is needed" \
		lint --max-ivr-s abc ivr-run-basic.json
	usage_error "invalid --max-ivr-s '0': a duration such as 45, 90s or 2m is needed" \
		lint --max-ivr-s 0 ivr-run-basic.json
	usage_error "invalid --max-ivr-s '-3': a duration such as 45, 90s or 2m is needed" \
		lint --max-ivr-s -3 ivr-run-basic.json
	usage_error "option '--max-ivr-s' requires an argument" lint --max-ivr-s
	run -0 ccivr-sim lint --help
	assert_output --partial '--analyse'
	assert_output --partial '--max-ivr-s=DUR'
}

# ---- --node-stats and --summary ----------------------------------------------------------

NS_COLS=node,type,calls,share_of_calls,entries,replays,noinput,nomatch,retry_limit,hangups,drop_off,exits,mean_s

# ivr-run-retry.json: main (prompt 6 s, timeout 5 s) always gets no input:
# 3 passes of 11 s (the first and 2 replays, max_noinput 2), the third
# no-input is past the limit and goes to q (2 s).  7 callers: main calls 7,
# entries 21, replays 14, noinput 21, retry_limit 7, 11.000 s per entry;
# q 7 calls, 7 entries, 7 exits, 2.000 s.
@test "--node-stats: the retry menu by hand" {
	run -0 --separate-stderr ccivr-sim run ivr-run-retry.json --calls 7 --node-stats
	assert_output "$NS_COLS
main,menu,7,1.0000,21,14,21,0,7,0,0.0000,0,11.000
q,queue,7,1.0000,7,0,0,0,0,0,0.0000,7,2.000"
	assert_equal "$stderr" ''
}

# ivr-run-basic.json, 10 callers: welcome 4 s, main 6 + 2 = 8 s, ss 1 + 10
# = 11 s, done 3 s (the exit); q is never reached.
@test "--node-stats: the basic menu by hand; a node no caller reached" {
	run -0 ccivr-sim run ivr-run-basic.json --calls 10 --node-stats
	assert_line --index 0 "$NS_COLS"
	assert_line --index 1 'welcome,prompt,10,1.0000,10,0,0,0,0,0,0.0000,0,4.000'
	assert_line --index 2 'main,menu,10,1.0000,10,0,0,0,0,0,0.0000,0,8.000'
	assert_line --index 3 'ss,selfservice,10,1.0000,10,0,0,0,0,0,0.0000,0,11.000'
	assert_line --index 4 'done,end,10,1.0000,10,0,0,0,0,0,0.0000,10,3.000'
	assert_line --index 5 --regexp '^q,queue,0,0\.0000,0,0,0,0,0,0,'
	assert_equal "${#lines[@]}" 6
	# q: 0 calls, so drop_off (hangups / calls) and mean_s (per entry) have
	# nothing to divide; whatever the form, they must read as 0.
	run python3 -c '
import sys
r = sys.argv[1].split(",")
print(float(r[10]) == 0 and float(r[12]) == 0)' "${lines[5]}"
	assert_output True
	# JSON Lines: numbers, not strings.
	run -0 ccivr-sim run ivr-run-basic.json --calls 10 --node-stats --output-format jsonl
	assert_line --index 1 '{"node":"main","type":"menu","calls":10,"share_of_calls":1.0000,"entries":10,"replays":0,"noinput":0,"nomatch":0,"retry_limit":0,"hangups":0,"drop_off":0.0000,"exits":0,"mean_s":8.000}'
}

# ivr-run-loop.json: main > cards > back > main ... until the loop guard at
# 200 visits: main 67, cards 67 (the last, where the call ends), back 66.
# main and cards take 1 s of prompt + 1 s of think a visit, the goto none:
# 134 * 2 = 268 s, the record's ivr_s.
@test "--node-stats: the loop guard ends the call at the last node visited" {
	run -0 --separate-stderr ccivr-sim run ivr-run-loop.json --calls 1 --node-stats
	assert_equal "$stderr" 'ccivr-sim: warning: 1 caller stopped after 200 node visits (error_loop)'
	assert_line --index 1 'main,menu,1,1.0000,67,0,0,0,0,0,0.0000,0,2.000'
	assert_line --index 2 'cards,menu,1,1.0000,67,0,0,0,0,0,0.0000,1,2.000'
	assert_line --index 3 'back,goto,1,1.0000,66,0,0,0,0,0,0.0000,0,0.000'
	assert_line --index 4 --regexp '^q,queue,0,0\.0000,0,0,0,0,0,0,'
}

# ivr-model-summary.json replayed: each record names its segment, so every
# caller's path is known.  hello 2 s (hangup_as early_hangup), ss 1 + 10 s,
# more 2 + 2 s on a key, 2 s on a hang-up; done 3 s, q 2 s, xfer 1 s;
# sim.hangup_after_self_service "ss_hangup".
#   c1, c2 contained: hello ss more done, 20 s, self_service
#   c3 hangs: hello ss more, 2 + 11 + 2 = 15 s, ss_hangup (task done first)
#   c4 agent: hello ss more q, 19 s, to_queue, zero_out
#   c5 fails: hello ss xfer, 14 s, transfer_external
#   c6 quits: hello ss, 13 s, a hang-up in the task: abandon_ivr
#   c7 contained, patience 1 s: out of patience in hello (2 s): 1 s,
#      early_hangup (hello's hangup_as)
#   c8 contained, patience 16 s: hello + ss = 13 s, then more's 4 s passes
#      it: 16 s, after a completed task: ss_hangup
# 8 calls: containment 2/8 = 0.25; with hangups + c3, c8: 4/8 = 0.5;
# unassisted 8 - 1 queue - 1 transfer = 6/8 = 0.75; abandon_ivr 1/8;
# hang-ups c3 c6 c7 c8: 4/8 = 0.5; zero_out 1/8; to_queue 1/8;
# mean (20 + 20 + 15 + 19 + 14 + 13 + 1 + 16) / 8 = 118/8 = 14.75 s.
write_summary_records() {
	printf '%s\n' id,arrived_at,segment,patience_s \
		c1,2026-03-02T09:00:00Z,contained, c2,2026-03-02T09:01:00Z,contained, \
		c3,2026-03-02T09:02:00Z,hangs, c4,2026-03-02T09:03:00Z,agent, \
		c5,2026-03-02T09:04:00Z,fails, c6,2026-03-02T09:05:00Z,quits, \
		c7,2026-03-02T09:06:00Z,contained,1 c8,2026-03-02T09:07:00Z,contained,16 >"$1"
}

@test "--summary: containment, containment with hang-ups, unassisted, hang-ups, by hand" {
	write_summary_records "$D/in.csv"
	ccivr-sim run ivr-model-summary.json "$D/in.csv" >"$D/rec.csv"
	assert_equal "$(field "$D/rec.csv" exit_reason | tr '\n' ' ')" \
		'self_service self_service ss_hangup to_queue transfer_external abandon_ivr early_hangup ss_hangup '
	assert_equal "$(field "$D/rec.csv" ivr_s | tr '\n' ' ')" '20 20 15 19 14 13 1 16 '
	run -0 --separate-stderr ccivr-sim run ivr-model-summary.json --summary "$D/in.csv"
	assert_equal "$stderr" ''
	assert_line --index 0 metric,value
	assert_line --index 1 calls,8
	assert_line --index 2 containment,0.2500
	assert_line --index 3 containment_with_hangups,0.5000
	assert_line --index 4 unassisted,0.7500
	assert_line --index 5 abandon_ivr,0.1250
	assert_line --index 6 hangup_ivr,0.5000
	assert_line --index 7 zero_out,0.1250
	assert_line --index 8 to_queue,0.1250
	assert_line --index 9 mean_ivr_s,14.750
	# The segments in file order.
	assert_line --index 10 segment.contained,4
	assert_line --index 11 segment.hangs,1
	assert_line --index 12 segment.agent,1
	assert_line --index 13 segment.fails,1
	assert_line --index 14 segment.quits,1
	# The exit reasons (in no particular order), then the funnel.
	assert_equal "$(printf '%s\n' "${lines[@]:15:6}" | sort | tr '\n' ' ')" \
		'exit.abandon_ivr,1 exit.early_hangup,1 exit.self_service,2 exit.ss_hangup,2 exit.to_queue,1 exit.transfer_external,1 '
	assert_line --index 21 node.hello.calls,8
	assert_equal "${#lines[@]}" $((21 + 6 * 8))
	local want=() n
	for n in 'hello 8 8 1 1' 'ss 7 7 1 1' 'more 5 5 2 2' 'done 2 2 0 2' 'q 1 1 0 1' 'xfer 1 1 0 1'; do
		set -- $n
		want+=("node.$1.calls,$2" "node.$1.entries,$3" "node.$1.replays,0" "node.$1.noinput,0"
			"node.$1.nomatch,0" "node.$1.retry_limit,0" "node.$1.hangups,$4" "node.$1.exits,$5")
	done
	assert_equal "$(printf '%s\n' "${lines[@]:21}")" "$(printf '%s\n' "${want[@]}")"
}

# ivr-run-ss.json: the task completes, then every caller hangs up at 'more';
# sim.hangup_after_self_service is "self_service", so the exit reason is
# self_service -- but a hang-up all the same: containment (the honest
# figure) is 0, containment_with_hangups 1, hangup_ivr 1.
@test "--summary: a hang-up written as self_service is not containment" {
	run -0 ccivr-sim run ivr-run-ss.json --calls 4 --summary
	assert_line --index 1 calls,4
	assert_line --index 2 containment,0.0000
	assert_line --index 3 containment_with_hangups,1.0000
	assert_line --index 4 unassisted,1.0000
	assert_line --index 5 abandon_ivr,0.0000
	assert_line --index 6 hangup_ivr,1.0000
	assert_line --index 9 mean_ivr_s,13.000
	assert_line --index 10 exit.self_service,4
	assert_line node.more.hangups,4
}

# The same records, per node: share_of_calls = calls / 8, drop_off =
# hangups / calls, mean_s per entry: hello (7 * 2 + 1) / 8 = 1.875; ss 11;
# more (4 + 4 + 2 + 4 + 3) / 5 = 3.4 (c8 had 16 - 13 = 3 s there); done 3,
# q 2, xfer 1.  Their sum over entries, 15 + 77 + 17 + 6 + 2 + 1 = 118 s, is
# the callers' total time.
@test "--node-stats: the funnel of the replayed records by hand" {
	write_summary_records "$D/in.csv"
	run -0 ccivr-sim run ivr-model-summary.json --node-stats "$D/in.csv"
	# ss: 1/7 = 0.142857; more 2/5.
	assert_output "$NS_COLS
hello,prompt,8,1.0000,8,0,0,0,0,1,0.1250,1,1.875
ss,selfservice,7,0.8750,7,0,0,0,0,1,0.1429,1,11.000
more,menu,5,0.6250,5,0,0,0,0,2,0.4000,2,3.400
done,end,2,0.2500,2,0,0,0,0,0,0.0000,2,3.000
q,queue,1,0.1250,1,0,0,0,0,0,0.0000,1,2.000
xfer,transfer,1,0.1250,1,0,0,0,0,0,0.0000,1,1.000"
}

# A sample with patience, segments, retries, repeats: the funnel recounted
# from the records of the same run (same seed and calls).  A node's entries
# are its occurrences in ivr_path, its calls the records whose path holds it,
# its exits the records with that exit_node; neither sample has an option
# whose next is its own node, so a replay is the node twice in a row.
@test "--node-stats agrees with the records of the same run (samples)" {
	for f in "$TEL" "$BANK"; do
		ccivr-sim run "$f" --calls 3000 --seed 11 --start 2026-03-02T15:00:00Z --rate 600/h \
			-o "$D/rec.csv" 2>/dev/null
		ccivr-sim run "$f" --calls 3000 --seed 11 --start 2026-03-02T15:00:00Z --rate 600/h \
			--node-stats -o "$D/ns.csv" 2>/dev/null
		run -0 python3 - "$f" "$D/rec.csv" "$D/ns.csv" <<'PY'
import csv, json, sys
from decimal import Decimal
menu = json.load(open(sys.argv[1]))
recs = list(csv.DictReader(open(sys.argv[2], newline="")))
ns = list(csv.DictReader(open(sys.argv[3], newline="")))
n = len(recs)
assert n == 3000
assert [r["node"] for r in ns] == list(menu["nodes"]), "one row per node, in file order"
hang = {"abandon_ivr"} | {v["hangup_as"] for v in menu["nodes"].values() if "hangup_as" in v}
if menu.get("sim", {}).get("hangup_after_self_service"):
    hang.add(menu["sim"]["hangup_after_self_service"])
# A hang-up: the patience ran out (the time in the IVR is the patience), or
# a caller hang-up, which only these types have, with a hang-up reason (not
# system_hangup or error_loop).  The reason alone is not enough: the bank's
# hangup_after_self_service is "self_service", an end node's outcome too.
def hung(r):
    if r["ivr_patience_s"] and Decimal(r["ivr_s"]) == Decimal(r["ivr_patience_s"]):
        return True
    return (menu["nodes"][r["exit_node"]]["type"] in ("prompt", "menu", "input", "selfservice")
            and r["exit_reason"] in hang)
paths = [r["ivr_path"].split(">") for r in recs]
total_time, tol = Decimal(0), Decimal(0)
for row in ns:
    x = row["node"]
    c = {k: int(row[k]) for k in ("calls", "entries", "replays", "noinput", "nomatch",
                                  "retry_limit", "hangups", "exits")}
    assert row["type"] == menu["nodes"][x]["type"], row
    assert c["calls"] == sum(x in p for p in paths), row
    assert c["entries"] == sum(p.count(x) for p in paths), row
    assert c["exits"] == sum(r["exit_node"] == x for r in recs), row
    assert c["replays"] == sum(a == b == x for p in paths for a, b in zip(p, p[1:])), row
    assert c["entries"] - c["replays"] == sum(1 for p in paths for i, a in enumerate(p)
                                              if a == x and (i == 0 or p[i - 1] != x)), row
    assert c["calls"] <= c["entries"], row
    assert c["hangups"] == sum(r["exit_node"] == x and hung(r) for r in recs), row
    assert abs(float(row["share_of_calls"]) - c["calls"] / n) <= 5e-5 + 1e-12, row
    if c["calls"]:
        assert abs(float(row["drop_off"]) - c["hangups"] / c["calls"]) <= 5e-5 + 1e-12, row
    total_time += Decimal(row["mean_s"]) * c["entries"]
    tol += Decimal("0.0005") * c["entries"]
assert sum(int(r["exits"]) for r in ns) == n
assert sum(int(r["noinput"]) for r in ns) == sum(int(r["noinput_count"]) for r in recs)
assert sum(int(r["nomatch"]) for r in ns) == sum(int(r["nomatch_count"]) for r in recs)
assert sum(int(r["retry_limit"]) for r in ns) >= sum(r["max_retry_hit"] == "true" for r in recs)
ivr = sum(Decimal(r["ivr_s"]) for r in recs)
assert abs(total_time - ivr) <= tol + Decimal("0.001"), (total_time, ivr, tol)
print("ok", sum(int(r["replays"]) > 0 for r in ns), sum(int(r["hangups"]) > 0 for r in ns))
PY
		# Replays and hang-ups do happen at some nodes, so they are tested.
		assert_output --regexp '^ok [1-9][0-9]* [1-9][0-9]*$'
	done
}

@test "--node-stats: usage errors" {
	usage_error "--summary and --node-stats cannot be used together" \
		run ivr-run-basic.json --calls 3 --node-stats --summary
	usage_error "--node-stats counts every caller: --to-queue does not apply" \
		run ivr-run-basic.json --calls 3 --node-stats --to-queue
	run -0 ccivr-sim run --help
	assert_output --partial '--node-stats'
}

# ---- --rate daily profiles ----------------------------------------------------------------

# Python helpers of the --rate tests: rows(FILE) reads CSV or JSON Lines,
# t(S) parses an RFC 3339 time.
ENTER_PY='
import csv, json, sys
from datetime import datetime, timezone
def rows(path):
    if path.endswith(".jsonl"):
        return [json.loads(l) for l in open(path)]
    return list(csv.DictReader(open(path, newline="")))
def t(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))
'

# 600/h from 09:00 to 10:00 UTC, 0 the rest of the day: Poisson of mean
# 600 (sd 24.5; 4 sd = 98), every arrival in [09:00, 10:00).
@test "--rate profile: one busy hour in a day" {
	ccivr-sim run ivr-run-basic.json --start 2026-03-02 --duration 1d --rate '09:00 600, 10:00 0' \
		--seed 3 -o "$D/out.csv"
	run -0 python3 -c "$ENTER_PY"'
r = rows(sys.argv[1])
e = [t(x["ivr_enter_at"]) for x in r]
lo, hi = t("2026-03-02T09:00:00Z"), t("2026-03-02T10:00:00Z")
assert all(lo <= x < hi for x in e), (min(e), max(e))
assert all(a <= b for a, b in zip(e, e[1:]))
assert abs(len(e) - 600) <= 4 * 600 ** 0.5, len(e)
print("ok")' "$D/out.csv"
	assert_output ok
	# The same profile in calls a minute: the same callers.
	ccivr-sim run ivr-run-basic.json --start 2026-03-02 --duration 1d --rate '09:00 10/m, 10:00 0/h' \
		--seed 3 -o "$D/m.csv"
	cmp "$D/out.csv" "$D/m.csv"
}

# 0 from 08:00 to 20:00, 120/h from 20:00 past midnight to 08:00: 12 hours
# of 120/h in the day from midnight, mean 1440, sd 37.9 (4 sd = 152): 960
# before 08:00 and 480 after 20:00 on average.
@test "--rate profile: the last step carries on past midnight to the first" {
	ccivr-sim run ivr-run-basic.json --start 2026-03-02 --duration 1d --rate '08:00 0, 20:00 120' \
		--seed 4 -o "$D/out.csv"
	run -0 python3 -c "$ENTER_PY"'
e = [t(x["ivr_enter_at"]) for x in rows(sys.argv[1])]
day = t("2026-03-02T00:00:00Z")
assert all(x.date() == day.date() and (x.hour < 8 or x.hour >= 20) for x in e), e
early = sum(x.hour < 8 for x in e)
late = len(e) - early
assert abs(len(e) - 1440) <= 4 * 1440 ** 0.5, len(e)
assert abs(early - 960) <= 4 * 960 ** 0.5 and abs(late - 480) <= 4 * 480 ** 0.5, (early, late)
print("ok")' "$D/out.csv"
	assert_output ok
}

# Under --tz Europe/London the steps are London time: on 2026-07-01 (BST,
# +01:00) the busy hour 09:00-10:00 is 08:00-09:00 UTC, and --start
# 2026-07-01 is London's midnight, 2026-06-30T23:00Z.
@test "--rate profile: the steps are in --tz" {
	ccivr-sim run ivr-run-basic.json --tz Europe/London --start 2026-07-01 --duration 1d \
		--rate '09:00 600, 10:00 0' --seed 5 --output-format jsonl >"$D/out.jsonl"
	run -0 python3 -c "$ENTER_PY"'
r = rows(sys.argv[1])
assert all(x["ivr_enter_at"].startswith("2026-07-01T09:") and x["ivr_enter_at"].endswith("+01:00")
           for x in r), r[:2]
e = [t(x["ivr_enter_at"]).astimezone(timezone.utc) for x in r]
assert all(t("2026-07-01T08:00:00Z") <= x < t("2026-07-01T09:00:00Z") for x in e)
assert abs(len(e) - 600) <= 4 * 600 ** 0.5, len(e)
print("ok")' "$D/out.jsonl"
	assert_output ok
	# Without --tz the same profile is UTC: 09:00-10:00Z.
	ccivr-sim run ivr-run-basic.json --start 2026-07-01 --duration 1d \
		--rate '09:00 600, 10:00 0' --seed 5 -o "$D/utc.csv"
	run -0 python3 -c "$ENTER_PY"'
assert all(x["ivr_enter_at"].startswith("2026-07-01T09:") and x["ivr_enter_at"].endswith("Z")
           for x in rows(sys.argv[1]))
print("ok")' "$D/utc.csv"
	assert_output ok
}

@test "--rate profile: --calls N gives exactly N callers, all in the open steps" {
	ccivr-sim run ivr-run-basic.json --calls 250 --start 2026-03-02 \
		--rate '00:00 0, 09:00 600, 09:30 0, 21:00 60/m, 21:10 0' --seed 6 -o "$D/out.csv"
	run -0 python3 -c "$ENTER_PY"'
r = rows(sys.argv[1])
assert [x["id"] for x in r] == ["gen-%d" % i for i in range(1, 251)]
for x in r:
    e = t(x["ivr_enter_at"])
    m = e.hour * 60 + e.minute
    assert 540 <= m < 570 or 1260 <= m < 1270, e
print("ok")' "$D/out.csv"
	assert_output ok
}

@test "--rate profile: usage errors" {
	local fmt="a profile is 'HH:MM RATE, HH:MM RATE, ...' (RATE per hour, or N/s, N/m, N/h or N/d)"
	usage_error "invalid --rate '10:00 5, 09:00 6': the steps must be in increasing time of day" \
		run ivr-run-basic.json --calls 3 --rate '10:00 5, 09:00 6'
	usage_error "invalid --rate '09:00 5, 09:00 6': the steps must be in increasing time of day" \
		run ivr-run-basic.json --calls 3 --rate '09:00 5, 09:00 6'
	usage_error "invalid --rate '23:59 1, 00:00 3': the steps must be in increasing time of day" \
		run ivr-run-basic.json --calls 3 --rate '23:59 1, 00:00 3'
	usage_error "invalid --rate '08:00 0, 20:00 0/h': every step is 0, so no call would arrive" \
		run ivr-run-basic.json --calls 3 --rate '08:00 0, 20:00 0/h'
	usage_error "invalid --rate '24:00 5': $fmt" run ivr-run-basic.json --calls 3 --rate '24:00 5'
	usage_error "invalid --rate '9:00 5': $fmt" run ivr-run-basic.json --calls 3 --rate '9:00 5'
	usage_error "invalid --rate '09:60 5': $fmt" run ivr-run-basic.json --calls 3 --rate '09:60 5'
	usage_error "invalid --rate '09:00': $fmt" run ivr-run-basic.json --calls 3 --rate '09:00'
	usage_error "invalid --rate '09:00 fast': $fmt" run ivr-run-basic.json --calls 3 --rate '09:00 fast'
	usage_error "invalid --rate '09:00 -5': $fmt" run ivr-run-basic.json --calls 3 --rate '09:00 -5'
	usage_error "invalid --rate '09:00 5/week': $fmt" run ivr-run-basic.json --calls 3 --rate '09:00 5/week'
	usage_error "invalid --rate '09:00 5,': $fmt" run ivr-run-basic.json --calls 3 --rate '09:00 5,'
	usage_error "generated arrivals need --calls, --end or --duration" \
		run ivr-run-basic.json --rate '09:00 5'
}

# ---- patience_left_s -----------------------------------------------------------------------

@test "patience_left_s is the patience left on leaving the IVR: ivr_patience_s - ivr_s" {
	ccivr-sim run "$TEL" --calls 3000 --seed 8 --start 2026-03-02T16:00:00Z --rate 3000/h \
		-o "$D/out.csv"
	run -0 python3 - "$D/out.csv" <<'PY'
import csv, sys
from decimal import Decimal
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
q = [r for r in rows if r["exit_reason"] == "to_queue"]
assert len(q) > 1000, len(q)
for r in rows:
    left = Decimal(r["ivr_patience_s"]) - Decimal(r["ivr_s"])
    assert Decimal(r["patience_left_s"]) == left and r["patience_s"] == r["patience_left_s"], r
for r in q:
    assert Decimal(r["patience_left_s"]) > 0, r
# Callers who ran out of patience have none left.
out = [r for r in rows if r["ivr_s"] == r["ivr_patience_s"]]
assert out and all(Decimal(r["patience_left_s"]) == 0 and r["exit_reason"] != "to_queue" for r in out)
print("ok")
PY
	assert_output ok
	# Without patience: null.
	run -0 ccivr-sim run "$TEL" --calls 20 --no-patience --output-format jsonl
	refute_output --regexp '"patience_left_s":[^n]'
	assert_line --index 0 --partial '"ivr_patience_s":null,"patience_s":null,"patience_left_s":null,'
}

# ---- limits and edge cases found in review --------------------------------

@test "limits: at most 100 segments, and segments x nodes at most 100000" {
	python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
def menu(nseg, nnodes):
    nodes = {"main": {"type": "menu", "options": {"1": {"next": "done"}, "0": {"next": "q"}},
                      "on_noinput": "q", "on_nomatch": "q"},
             "done": {"type": "end", "outcome": "self_service"},
             "q": {"type": "queue", "queue": "general", "skill": "general"}}
    for i in range(nnodes - 3):
        nodes["x%d" % i] = {"type": "end", "outcome": "self_service"}
    return {"format": "ccivr/1", "start": "main",
            "sim": {"segments": {"s%d" % i: {} for i in range(nseg)}}, "nodes": nodes}
# "segments" opens at line 1, column 45 of a one-line document.
open(d + "/many.json", "w").write(json.dumps(menu(101, 3)))
open(d + "/big.json", "w").write(json.dumps(menu(50, 2001)))
open(d + "/fine.json", "w").write(json.dumps(menu(100, 1000)))
PY
	run -1 --separate-stderr ccivr-sim lint -q "$D/many.json"
	assert_output --regexp "^$D/many.json:1:[0-9]+: error L001: more than 100 segments"
	run -1 --separate-stderr ccivr-sim lint -q "$D/big.json"
	assert_output --partial "error L001: 50 segments of 2001 nodes: segments x nodes may be at most 100000 (each segment has its own copy of the nodes)"
	# 100 x 1000 is at the limit; the 997 extra ends are unreachable (L004).
	run -0 --separate-stderr ccivr-sim lint -q "$D/fine.json"
	refute_output --partial 'error'
}

@test "limits: a distribution whose mean is over a day, a node id with '>'" {
	cat >"$D/m.json" <<'JSON'
{"format": "ccivr/1", "start": "main",
 "defaults": {"think_s": {"dist": "weibull", "shape": 0.01, "scale": 86400}},
 "nodes": {
  "main": {"type": "menu", "think_s": {"dist": "lognormal", "median": 1000, "sigma": 3},
    "options": {"1": {"next": "a>b"}, "0": {"next": "q"}}, "on_noinput": "q", "on_nomatch": "q"},
  "a>b": {"type": "end", "outcome": "self_service"},
  "q": {"type": "queue", "queue": "general", "skill": "general"}}}
JSON
	# Means: Weibull scale * gamma(1 + 1/shape) = 86400 * 100! = 86400 *
	# 9.3326e157 = 8.06e162; lognormal median * exp(sigma^2 / 2) = 1000 *
	# exp(4.5) = 90017 (printed with 3 significant digits, 9e+04).  The
	# positions are those of the distribution objects.
	run -1 --separate-stderr ccivr-sim lint "$D/m.json"
	assert_line "$D/m.json:2:26: error L001: 'think_s' of defaults has a mean of 8.06e+162 seconds: more than a day (86400)"
	assert_line "$D/m.json:4:39: error L001: 'think_s' of node 'main' has a mean of 9e+04 seconds: more than a day (86400)"
	assert_line "$D/m.json:6:3: error L001: node id 'a>b' holds '>', which separates the nodes of ivr_path"
}

@test "replay: records with other fields than the first stop at their line (CSV), or go to --reject" {
	printf '{"id":"a","arrived_at":"2026-03-02T09:00:00Z"}\n{"id":"b","arrived_at":"2026-03-02T09:00:01Z","note":"x"}\n{"id":"c","arrived_at":"2026-03-02T09:00:02Z"}\n' >"$D/mix.jsonl"
	msg="other fields than the first record's: one csv header cannot hold both (use --output-format=jsonl)"
	run -1 --separate-stderr ccivr-sim run ivr-run-basic.json "$D/mix.jsonl"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: $D/mix.jsonl:2: $msg"
	run -0 --separate-stderr ccivr-sim run ivr-run-basic.json --reject "$D/rej.txt" "$D/mix.jsonl"
	assert_equal "$stderr" "ccivr-sim: 1 record rejected (see $D/rej.txt)"
	assert_equal "$(cut -d, -f1 <<<"$output" | tr '\n' ' ')" 'id a c '
	assert_equal "$(head -1 "$D/rej.txt")" "# $D/mix.jsonl:2: $msg"
	# JSON Lines output keeps each record's own fields.
	run -0 ccivr-sim run ivr-run-basic.json --output-format jsonl "$D/mix.jsonl"
	assert_equal "${#lines[@]}" 3
	assert_line --index 1 --partial '"note":"x"'
	# Figures only: the fields do not matter.
	run -0 ccivr-sim run ivr-run-basic.json --summary "$D/mix.jsonl"
	assert_line calls,3
}

@test "probabilities summing to 1 within lint's 0.001 are taken relative to their sum" {
	cat >"$D/tol.json" <<'JSON'
{"format": "ccivr/1", "start": "main",
 "nodes": {
  "main": {"type": "menu", "prompt_s": 4, "think_s": 2,
    "options": {"1": {"next": "done", "p": 0.4995}, "0": {"next": "q", "p": 0.5}},
    "on_noinput": "q", "on_nomatch": "q"},
  "done": {"type": "end", "outcome": "self_service", "prompt_s": 1},
  "q": {"type": "queue", "queue": "general", "skill": "general", "prompt_s": 2}}}
JSON
	run -0 --separate-stderr ccivr-sim lint "$D/tol.json"
	refute_output --partial error
	# 0.4995 / 0.9995 = 0.499750, 0.5 / 0.9995 = 0.500250; times 4 + 2 + 1 = 7
	# and 4 + 2 + 2 = 8 s, so TOTAL 7 * 0.49975 + 8 * 0.50025 = 7.500 s.
	run -0 ccivr-sim analyse --output-format csv "$D/tol.json"
	assert_output 'exit_node,exit_reason,queue,share,mean_ivr_s
done,self_service,,0.499750,7.000
q,to_queue,general,0.500250,8.000
TOTAL,,,1.000000,7.500'
	# The simulation draws them the same way: 20000 callers within 4 sigma.
	run -0 ccivr-sim run --calls 20000 --no-patience --summary "$D/tol.json"
	n=$(printf '%s\n' "$output" | sed -n 's/^exit.self_service,//p')
	python3 -c "import sys; n=$n; p=0.4995/0.9995; s=(20000*p*(1-p))**0.5; sys.exit(abs(n-20000*p) > 4*s)"
}

@test "--tz with a historical offset in seconds: the time still names the instant" {
	# Dublin in 1900 was 25 minutes 21 seconds behind UTC: the offset is
	# written as -00:25 and the time shifted by 25 minutes exactly.
	ccivr-sim run --calls 20 --start 1900-06-01T12:00:00Z ivr-run-basic.json >"$D/utc.csv"
	ccivr-sim run --calls 20 --start 1900-06-01T12:00:00Z --tz Europe/Dublin ivr-run-basic.json >"$D/dub.csv"
	run -0 python3 - "$D/utc.csv" "$D/dub.csv" <<'PY'
import csv, sys
from datetime import datetime
def inst(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))
u = list(csv.DictReader(open(sys.argv[1])))
d = list(csv.DictReader(open(sys.argv[2])))
assert len(u) == len(d) == 20
for a, b in zip(u, d):
    for f in ("arrived_at", "ivr_enter_at"):
        assert inst(a[f]) == inst(b[f]), (a[f], b[f])
        assert b[f].endswith("-00:25"), b[f]
print("ok")
PY
	assert_output ok
}

@test "--max-ivr-s on a chain too big to solve is a warning, not a silent pass" {
	cat >"$D/big.json" <<'JSON'
{"format": "ccivr/1", "start": "main",
 "nodes": {
  "main": {"type": "menu", "max_noinput": 60, "max_nomatch": 60, "p_noinput": 0.3, "p_nomatch": 0.3,
    "options": {"1": {"next": "done"}, "0": {"next": "q"}}, "on_noinput": "q", "on_nomatch": "q"},
  "done": {"type": "end", "outcome": "self_service"},
  "q": {"type": "queue", "queue": "general", "skill": "general"}}}
JSON
	# (60 + 1) x (60 + 1) = 3721 states of main alone: over 3000.  The line
	# is at the start value, "main" at column 32.
	run -0 --separate-stderr ccivr-sim lint --analyse "$D/big.json"
	assert_line "$D/big.json:1:32: info L017: not analysed: the chain has more than 3000 states"
	run -1 --separate-stderr ccivr-sim lint --werror --max-ivr-s 60 "$D/big.json"
	assert_line "$D/big.json:1:32: warning L017: not analysed: the chain has more than 3000 states"
}
