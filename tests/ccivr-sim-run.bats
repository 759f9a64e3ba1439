#!/usr/bin/env bats
# ccivr-sim run: callers through a menu, one record per caller.
#
# The small menus tests/data/ivr-run-*.json have fixed durations and
# probabilities 0 or 1, so that every path and time below is worked out by
# hand from the rules at the top of src/ccivr-sim/analyse.c ("Semantics
# shared with run.c"); the menus with real probabilities are checked against
# shares computed by hand and against 'ccivr-sim analyse' within binomial
# sampling error (tests/data/ivr-run-compare.py).

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
}

# The columns of a replayed record with only id and arrived_at.
COLS=id,arrived_at,channel,direction,ivr_enter_at,ivr_s,ivr_id,ivr_version,seed,ivr_path,ivr_keys,exit_node,exit_reason,queue,skills,priority,ivr_patience_s,patience_s,patience_left_s,noinput_count,nomatch_count,max_retry_hit,zero_out,ss_task,ss_ok,hours_state

# field FILE.csv NAME: the values of column NAME, one a line.
field() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r[sys.argv[2]])' "$1" "$2"
}

@test "a prompt, a menu, a task and an end: path and times by hand" {
	# welcome 4 s; main 6 s + think 2 s (no barge-in), key 1; ss prompt 1 s +
	# task 10 s, completed; done 3 s: 26 s, leaving at 09:00:26.
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/in.csv"
	run -0 --separate-stderr ccivr-sim run ivr-run-basic.json "$D/in.csv"
	assert_output "$COLS
c1,2026-03-02T09:00:26Z,voice,inbound,2026-03-02T09:00:00Z,26,t-basic,1,1,welcome>main>ss>done,1,done,self_service,,,,,,,0,0,false,false,balance,true,"
	assert_equal "$stderr" ''
}

@test "generated callers: ids, Poisson arrivals from --start, exit = enter + ivr_s" {
	ccivr-sim run ivr-run-basic.json --calls 50 --rate 120/h --start 2026-03-02T09:00:00Z \
		--seed 4 -o "$D/out.csv"
	run python3 - "$D/out.csv" <<'PY'
import csv, sys
from datetime import datetime
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["id"] for r in rows] == ["gen-%d" % i for i in range(1, 51)], "ids"
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
start = t("2026-03-02T09:00:00Z")
enter = [t(r["ivr_enter_at"]) for r in rows]
assert all(b > a for a, b in zip([start] + enter, enter)), "arrivals increase"
for r in rows:
    assert r["ivr_s"] == "26" and abs(t(r["arrived_at"]) - t(r["ivr_enter_at"]) - 26) < 1e-6
    assert r["seed"] == "4" and r["channel"] == "voice" and r["direction"] == "inbound"
# 50 gaps of mean 30 s: their mean is within 4.5 standard errors (30/sqrt 50).
mean = (enter[-1] - start) / 50
assert abs(mean - 30) < 4.5 * 30 / 50 ** 0.5, mean
print("ok")
PY
	assert_output ok
}

@test "no-input retries: max_noinput 2 replays twice, the third goes to on_noinput" {
	# 3 passes of prompt 6 s + timeout 5 s, then the queue prompt 2 s: 35 s.
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/in.csv"
	ccivr-sim run ivr-run-retry.json --output-format jsonl "$D/in.csv" >"$D/out.jsonl"
	run cat "$D/out.jsonl"
	assert_output '{"id":"c1","arrived_at":"2026-03-02T09:00:35Z","channel":"voice","direction":"inbound","ivr_enter_at":"2026-03-02T09:00:00Z","ivr_s":35,"ivr_id":"t-retry","ivr_version":"1","seed":1,"ivr_path":"main>main>main>q","ivr_keys":"","exit_node":"q","exit_reason":"to_queue","queue":"general","skills":"general","priority":5,"ivr_patience_s":null,"patience_s":null,"patience_left_s":null,"noinput_count":3,"nomatch_count":0,"max_retry_hit":true,"zero_out":false,"ss_task":null,"ss_ok":false,"hours_state":null}'
}

@test "patience: runs out in the IVR, or carries on to ccroute as what is left" {
	# sim.patience_s 20: the second pass of main (11 s + 11 s) passes it.
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/a.csv"
	ccivr-sim run ivr-run-patience.json "$D/a.csv" >"$D/a.out"
	run field "$D/a.out" ivr_path
	assert_output 'main>main'
	assert_equal "$(field "$D/a.out" exit_reason)/$(field "$D/a.out" ivr_s)" abandon_ivr/20
	assert_equal "$(field "$D/a.out" ivr_patience_s)/$(field "$D/a.out" patience_s)" 20/0
	assert_equal "$(field "$D/a.out" arrived_at)" 2026-03-02T09:00:20Z
	# A record's own patience_s (40) replaces the menu's: 35 s in the IVR,
	# 5 s left for the queue.
	printf 'id,arrived_at,patience_s\nc1,2026-03-02T09:00:00Z,40\n' >"$D/b.csv"
	ccivr-sim run ivr-run-patience.json "$D/b.csv" >"$D/b.out"
	assert_equal "$(field "$D/b.out" exit_reason)/$(field "$D/b.out" ivr_s)" to_queue/35
	assert_equal "$(field "$D/b.out" ivr_patience_s)/$(field "$D/b.out" patience_s)" 40/5
	# --no-patience: no abandonment, no patience written.
	ccivr-sim run ivr-run-patience.json --no-patience "$D/a.csv" >"$D/c.out"
	assert_equal "$(field "$D/c.out" exit_reason)/$(field "$D/c.out" ivr_s)" to_queue/35
	assert_equal "$(field "$D/c.out" patience_s)" ''
}

@test "a hang-up after a completed task takes hangup_after_self_service before hangup_as" {
	# ss 1 + 10 s, completed; more: hang-up after its prompt, 2 s: 13 s.
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/in.csv"
	ccivr-sim run ivr-run-ss.json "$D/in.csv" >"$D/out.csv"
	assert_equal "$(field "$D/out.csv" ivr_path)/$(field "$D/out.csv" exit_reason)" 'ss>more/self_service'
	assert_equal "$(field "$D/out.csv" ivr_s)/$(field "$D/out.csv" ss_ok)" 13/true
}

@test "@parent goes back to the menu before; the loop guard stops at 200 visits" {
	# main > cards > back (goto @parent = main) > main ...: 200 visits are
	# 66 rounds and main, cards; 134 menu passes of 1 s + 1 s = 268 s.
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/in.csv"
	run -0 --separate-stderr ccivr-sim run ivr-run-loop.json -o "$D/out.csv" "$D/in.csv"
	assert_equal "$stderr" 'ccivr-sim: warning: 1 caller stopped after 200 node visits (error_loop)'
	want=$(python3 -c 'print(">".join((["main", "cards", "back"] * 67)[:200]))')
	assert_equal "$(field "$D/out.csv" ivr_path)" "$want"
	assert_equal "$(field "$D/out.csv" exit_reason)/$(field "$D/out.csv" exit_node)" error_loop/cards
	assert_equal "$(field "$D/out.csv" ivr_s)" 268
	keys=$(python3 -c 'print(",".join(["2", "#"] * 67))')
	assert_equal "$(field "$D/out.csv" ivr_keys)" "$keys"
}

@test "hours by the local time of the menu's zone; priority rules; columns passed through" {
	# Europe/London, mon-fri 09:00-17:00, 2026-12-25 a holiday, 2026-12-24
	# 09:00-12:00.  Open: auth 3 + 4 s, queue 2 s = 9 s, priority 4 (auth=yes,
	# the second rule); closed: 2 s; holiday: 1 s.
	run -0 ccivr-sim run ivr-run-hours.json ivr-run-hours.csv
	assert_line --index 0 "id,arrived_at,segment,channel,direction,ivr_enter_at,ivr_s,ivr_id,ivr_version,seed,ivr_path,ivr_keys,exit_node,exit_reason,queue,skills,priority,ivr_patience_s,patience_s,patience_left_s,noinput_count,nomatch_count,max_retry_hit,zero_out,ss_task,ss_ok,hours_state"
	assert_line --index 1 'r8,2026-03-02T09:00:01Z,retail,voice,inbound,2026-03-02T08:59:59Z,2,t-hours,2,1,hours>closed_msg,"",closed_msg,system_hangup,,,,,,,0,0,false,false,,false,closed'
	assert_line --index 2 'r1,2026-03-02T09:30:09Z,retail,voice,inbound,2026-03-02T09:30:00Z,9,t-hours,2,1,hours>auth>q,"",q,to_queue,general,general,4,,,,0,0,false,false,,false,open'
	assert_line --index 3 --partial 'r4,2026-03-07T10:00:02Z,retail,'
	assert_line --index 3 --partial ',closed'
	assert_line --index 4 --partial 'r2,2026-07-01T08:30:09Z,retail,'
	assert_line --index 4 --partial ',open'
	assert_line --index 5 --partial 'r3,2026-07-01T16:30:02Z,business,'
	assert_line --index 5 --partial ',closed'
	assert_line --index 6 --partial 'r6,2026-12-24T11:00:09Z,'
	assert_line --index 6 --partial ',open'
	assert_line --index 7 --partial 'r7,2026-12-24T13:00:02Z,'
	assert_line --index 7 --partial ',closed'
	assert_line --index 8 'r5,2026-12-25T10:00:01Z,retail,voice,inbound,2026-12-25T10:00:00Z,1,t-hours,2,1,hours>hol,"",hol,holiday_msg,,,,,,,0,0,false,false,,false,holiday'
	assert_equal "${#lines[@]}" 9
}

@test "--tz writes local times with their offset" {
	run -0 ccivr-sim run ivr-run-hours.json --tz Europe/London --output-format jsonl ivr-run-hours.csv
	assert_line --index 3 --partial '"id":"r2","arrived_at":"2026-07-01T09:30:09+01:00","segment":"retail","channel":"voice","direction":"inbound","ivr_enter_at":"2026-07-01T09:30:00+01:00"'
	assert_line --index 0 --partial '"arrived_at":"2026-03-02T09:00:01+00:00"'
}

@test "a menu with real probabilities: exit shares and mean time as worked by hand" {
	# main: key 1 (0.5) -> self_service, key 0 (0.3) -> queue, no input 0.2,
	# max_noinput 1 -> bye.  Shares: 0.5 + 0.2 * 0.5 = 0.6, 0.3 + 0.2 * 0.3 =
	# 0.36, 0.2^2 = 0.04.  Time: a key is U * 2 s (barge-in) + 1 s think, in
	# [1, 3], mean 2; a no-input 2 + 3 = 5 s.  Mean 0.8 * 2 + 0.16 * 7 +
	# 0.04 * 10 = 3.12, variance 15.36 - 3.12^2 = 5.6256.
	ccivr-sim run ivr-run-mix.json --calls 8000 --rate 3600/h --seed 7 -o "$D/out.csv"
	run python3 - "$D/out.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
n = len(rows)
assert n == 8000
for reason, p in (("self_service", 0.6), ("to_queue", 0.36), ("system_hangup", 0.04)):
    k = sum(r["exit_reason"] == reason for r in rows)
    assert abs(k / n - p) <= 4.5 * math.sqrt(p * (1 - p) / n), (reason, k)
mean = sum(float(r["ivr_s"]) for r in rows) / n
assert abs(mean - 3.12) <= 4.5 * math.sqrt(5.6256 / n), mean
for r in rows:
    t = float(r["ivr_s"])
    if r["ivr_path"] in ("main>q", "main>done"):
        assert 1 <= t <= 3 and r["noinput_count"] == "0", r
    elif r["ivr_path"] in ("main>main>q", "main>main>done"):
        assert 6 <= t <= 8 and r["noinput_count"] == "1", r
    else:
        assert r["ivr_path"] == "main>main>bye" and t == 10 and r["max_retry_hit"] == "true", r
    assert (r["zero_out"] == "true") == (r["exit_node"] == "q")
print("ok")
PY
	assert_output ok
}

@test "the simulation agrees with 'ccivr-sim analyse' on the samples (patience off)" {
	# Each exit's share within 4.5 binomial standard deviations, the mean
	# time within 4.5 standard errors; hours open, and closed for telecom.
	ccivr-sim analyse --output-format csv ../../samples/bank-ivr.json >"$D/bank.csv"
	ccivr-sim run ../../samples/bank-ivr.json --no-patience --start 2026-03-02T10:00:00Z \
		--calls 20000 --rate 20000/h --output-format jsonl >"$D/bank.jsonl"
	run -0 python3 ivr-run-compare.py "$D/bank.csv" "$D/bank.jsonl"
	assert_output --partial 'ok 20000'
	ccivr-sim analyse --output-format csv ../../samples/telecom-ivr.json >"$D/tel.csv"
	ccivr-sim run ../../samples/telecom-ivr.json --no-patience --start 2026-03-02T16:00:00Z \
		--calls 20000 --rate 20000/h --output-format jsonl >"$D/tel.jsonl"
	run -0 python3 ivr-run-compare.py "$D/tel.csv" "$D/tel.jsonl"
	assert_output --partial 'ok 20000'
	# 02:00 in Chicago on a Tuesday: closed.
	ccivr-sim analyse --hours closed --output-format csv ../../samples/telecom-ivr.json >"$D/night.csv"
	ccivr-sim run ../../samples/telecom-ivr.json --no-patience --start 2026-03-03T08:00:00Z \
		--calls 20000 --rate 20000/h --output-format jsonl >"$D/night.jsonl"
	run -0 python3 ivr-run-compare.py "$D/night.csv" "$D/night.jsonl"
	assert_output --partial 'ok 20000'
}

@test "seeds: the same seed gives the same bytes, a caller does not depend on --calls" {
	ccivr-sim run ../../samples/bank-ivr.json --calls 300 --seed 9 >"$D/a.csv"
	ccivr-sim run ../../samples/bank-ivr.json --calls 300 --seed 9 >"$D/b.csv"
	cmp "$D/a.csv" "$D/b.csv"
	ccivr-sim run ../../samples/bank-ivr.json --calls 300 --seed 10 >"$D/c.csv"
	run ! cmp -s "$D/a.csv" "$D/c.csv"
	# Each caller draws from its own stream: the first 100 callers of 300
	# are the 100 callers of a run of 100 (sorted by id, the exit order aside).
	ccivr-sim run ../../samples/bank-ivr.json --calls 100 --seed 9 --output-format jsonl >"$D/s.jsonl"
	ccivr-sim run ../../samples/bank-ivr.json --calls 300 --seed 9 --output-format jsonl >"$D/l.jsonl"
	run python3 -c '
import json, sys
a = {json.loads(l)["id"]: l for l in open(sys.argv[1])}
b = {json.loads(l)["id"]: l for l in open(sys.argv[2])}
print(len(a), all(b[k] == v for k, v in a.items()))' "$D/s.jsonl" "$D/l.jsonl"
	assert_output '100 True'
}

@test "records come out in order of arrived_at (the queue entry time)" {
	ccivr-sim run ../../samples/bank-ivr.json --calls 2000 --rate 600/h --seed 2 -o "$D/out.csv"
	run python3 -c '
import csv, sys
from datetime import datetime
t = [datetime.fromisoformat(r["arrived_at"].replace("Z", "+00:00"))
     for r in csv.DictReader(open(sys.argv[1], newline=""))]
print(len(t), all(a <= b for a, b in zip(t, t[1:])))' "$D/out.csv"
	assert_output '2000 True'
}

@test "--to-queue | ccroute | ccreport: the IVR's queue callers are routed and reported" {
	cat >"$D/routing.ini" <<'INI'
[queue general]
handle = 60
patience = exp:120
agents = 2
INI
	ccivr-sim run ivr-run-mix.json --calls 400 --rate 60/h --seed 5 >"$D/all.csv"
	want=$(field "$D/all.csv" exit_reason | grep -c '^to_queue$')
	ccivr-sim run ivr-run-mix.json --calls 400 --rate 60/h --seed 5 --to-queue >"$D/q.csv"
	assert_equal "$(($(wc -l <"$D/q.csv") - 1))" "$want"
	# The same callers, the same records, but only those to a queue.
	assert_equal "$(grep -c ',to_queue,' "$D/all.csv")" "$want"
	cmp <(grep ',to_queue,' "$D/all.csv") <(tail -n +2 "$D/q.csv")
	ccivr-sim run ivr-run-mix.json --calls 400 --rate 60/h --seed 5 --to-queue |
		ccroute --config "$D/routing.ini" --seed 5 >"$D/routed.csv"
	assert_equal "$(($(wc -l <"$D/routed.csv") - 1))" "$want"
	# ccroute took arrived_at (the IVR exit) as the queue arrival.
	assert_equal "$(field "$D/routed.csv" arrived_at | sort)" "$(field "$D/q.csv" arrived_at | sort)"
	run -0 ccreport "$D/routed.csv"
	assert_line --index 1 --partial "general,$want,"
	# Without --to-queue ccroute refuses the first caller that has no queue.
	run -1 --separate-stderr ccroute --config "$D/routing.ini" "$D/all.csv"
	line=$(awk 'NR > 1 && !/,to_queue,/ { print NR; exit }' "$D/all.csv")
	assert_equal "$stderr" "ccroute: $D/all.csv:$line: no queue (and no default_queue in the configuration)"
}

@test "--summary: containment, abandonment, opt-outs, exit reasons and the funnel" {
	run -0 ccivr-sim run ivr-run-basic.json --calls 10 --summary
	assert_line --index 0 metric,value
	assert_line --index 1 calls,10
	assert_line --index 2 containment,1.0000
	assert_line --index 3 containment_with_hangups,1.0000
	assert_line --index 4 unassisted,1.0000
	assert_line --index 5 abandon_ivr,0.0000
	assert_line --index 6 hangup_ivr,0.0000
	assert_line --index 7 zero_out,0.0000
	assert_line --index 8 to_queue,0.0000
	assert_line --index 9 mean_ivr_s,26.000
	assert_line --index 10 exit.self_service,10
	assert_line node.main.entries,10
	assert_line node.main.calls,10
	assert_line node.ss.exits,0
	assert_line node.done.exits,10
	assert_line node.ss.entries,10
	assert_line node.q.entries,0
	run -0 ccivr-sim run ivr-run-retry.json --calls 7 --summary
	assert_line to_queue,1.0000
	assert_line mean_ivr_s,35.000
	assert_line node.main.entries,21
	assert_line node.main.calls,7
	assert_line node.main.replays,14
	assert_line node.main.noinput,21
	assert_line node.main.retry_limit,7
	assert_line node.q.entries,7
	assert_line node.q.exits,7
	assert_line unassisted,0.0000
	run -0 ccivr-sim run ivr-run-patience.json --calls 4 --summary
	assert_line abandon_ivr,1.0000
	assert_line hangup_ivr,1.0000
	assert_line node.main.hangups,4
	assert_line node.main.exits,4
	assert_line mean_ivr_s,20.000
}

@test "output formats: JSON types, table and markdown" {
	printf 'id,arrived_at\nc1,2026-03-02T09:00:00Z\n' >"$D/in.csv"
	run -0 ccivr-sim run ivr-run-basic.json --output-format markdown "$D/in.csv"
	assert_line --index 0 --partial '| id | arrived_at |'
	assert_line --index 2 --partial '| c1 | 2026-03-02T09:00:26Z |'
	run -0 ccivr-sim run ivr-run-basic.json --output-format table "$D/in.csv"
	assert_line --index 1 --regexp '^c1 +2026-03-02T09:00:26Z '
	printf '{"id":"j1","arrived_at":"2026-03-02T09:00:00Z","n":3}\n' >"$D/in.jsonl"
	run -0 ccivr-sim run ivr-run-basic.json --output-format jsonl "$D/in.jsonl"
	assert_output --partial '{"id":"j1","arrived_at":"2026-03-02T09:00:26Z","n":3,"channel":"voice"'
	assert_output --partial '"ivr_s":26,'
	assert_output --partial '"zero_out":false,'
}

@test "bad records stop the run at their line, or go to --reject" {
	printf 'id,arrived_at,patience_s\na,2026-03-02T09:00:00Z,\nb,,\nc,yesterday,\nd,2026-03-02T09:01:00Z,-3\ne,2026-03-02T09:02:00Z,30\n' >"$D/bad.csv"
	run -1 --separate-stderr ccivr-sim run ivr-run-basic.json "$D/bad.csv"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: $D/bad.csv:3: missing arrived_at"
	run -0 --separate-stderr ccivr-sim run ivr-run-basic.json --reject "$D/rej.txt" "$D/bad.csv"
	assert_equal "$stderr" "ccivr-sim: 3 records rejected (see $D/rej.txt)"
	assert_equal "$(field <(printf '%s\n' "$output") id | tr '\n' ' ')" 'a e '
	run cat "$D/rej.txt"
	assert_output "# $D/bad.csv:3: missing arrived_at
b,,
# $D/bad.csv:4: bad arrived_at 'yesterday'
c,yesterday,
# $D/bad.csv:5: bad patience_s '-3'
d,2026-03-02T09:01:00Z,-3"
}

@test "a broken menu is refused with the lint errors" {
	printf '{"format": "ccivr/1"}\n' >"$D/m.json"
	run -1 --separate-stderr ccivr-sim run "$D/m.json" --calls 1
	assert_output ''
	[[ $stderr == *"ccivr-sim: $D/m.json:1:1: L001: missing 'start'"* ]]
	[[ $stderr == *"run 'ccivr-sim lint $D/m.json' for the details" ]]
	run -1 --separate-stderr ccivr-sim run "$D/none.json" --calls 1
	assert_output ''
	[[ $stderr == "ccivr-sim: cannot open $D/none.json: No such file or directory" ]]
}

@test "a full disk is an error" {
	run -1 --separate-stderr ccivr-sim run ivr-run-basic.json --calls 2000 -o /dev/full
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
	run -1 --separate-stderr ccivr-sim run ivr-run-basic.json --calls 10 --summary -o /dev/full
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
}

@test "usage errors" {
	usage_error "missing menu: use 'ccivr-sim run MENU.json --calls=N'" run
	usage_error "invalid --calls '0': a whole number from 1 to 1000000000000 is needed" \
		run ivr-run-basic.json --calls 0
	usage_error "invalid --rate 'fast': a positive number per hour, or N/s, N/m, N/h or N/d is needed" \
		run ivr-run-basic.json --calls 3 --rate fast
	usage_error "invalid --rate '3/week': a positive number per hour, or N/s, N/m, N/h or N/d is needed" \
		run ivr-run-basic.json --calls 3 --rate 3/week
	usage_error "generated arrivals need --calls, --end or --duration" run ivr-run-basic.json --rate 10/h
	usage_error "--end and --duration cannot be used together" \
		run ivr-run-basic.json --end 2026-03-03 --duration 1h
	usage_error "--end must be after --start" \
		run ivr-run-basic.json --start 2026-03-03 --end 2026-03-02
	usage_error "generated arrivals (--calls, --start, --end, --duration, --rate) read no records" \
		run ivr-run-basic.json --calls 3 ivr-run-hours.csv
	usage_error "--input-format and --reject apply to replayed records" \
		run ivr-run-basic.json --calls 3 --reject x
	usage_error "unknown time zone 'Mars/Olympus'" run ivr-run-basic.json --calls 3 --tz Mars/Olympus
	usage_error "invalid --output-format 'html': csv, jsonl, table or markdown" \
		run ivr-run-basic.json --calls 3 --output-format html
	usage_error "--summary counts every caller: --to-queue does not apply" \
		run ivr-run-basic.json --calls 3 --summary --to-queue
	usage_error "invalid --seed '-1': a whole number from 0 to 2^64-1 is needed" \
		run ivr-run-basic.json --calls 3 --seed -1
	usage_error "invalid --start 'soon': use RFC 3339, epoch seconds or YYYY-MM-DD" \
		run ivr-run-basic.json --start soon --calls 3
	run -2 --separate-stderr ccivr-sim run --bogus
	assert_equal "$stderr" "ccivr-sim: unrecognized option '--bogus'
$HINT"
	run -0 ccivr-sim run --help
	assert_line --index 0 'Usage: ccivr-sim run [OPTION]... MENU.json --calls=N|--duration=DUR|--end=TIME'
	run -0 ccivr-sim --help
	assert_output --partial 'ccivr-sim run [OPTION]... MENU.json [RECORDS]...'
}

@test "--duration and --end bound generated arrivals" {
	ccivr-sim run ivr-run-basic.json --start 2026-03-02T09:00:00Z --duration 1h --rate 60/m \
		--seed 3 >"$D/d.csv"
	ccivr-sim run ivr-run-basic.json --start 2026-03-02T09:00:00Z --end 2026-03-02T10:00:00Z \
		--rate 60/m --seed 3 >"$D/e.csv"
	cmp "$D/d.csv" "$D/e.csv"
	run python3 -c '
import csv, sys
from datetime import datetime
t = [datetime.fromisoformat(r["ivr_enter_at"].replace("Z", "+00:00")).timestamp()
     for r in csv.DictReader(open(sys.argv[1], newline=""))]
a = datetime.fromisoformat("2026-03-02T09:00:00+00:00").timestamp()
# Poisson of mean 3600: within 4.5 standard deviations (60).
print(abs(len(t) - 3600) < 270, max(t) < a + 3600, min(t) > a)' "$D/d.csv"
	assert_output 'True True True'
	# A date is midnight in --tz: 2026-03-02 in Tokyo is 2026-03-01T15:00Z.
	ccivr-sim run ivr-run-basic.json --start 2026-03-02 --tz Asia/Tokyo --calls 5 \
		--output-format jsonl >"$D/t.jsonl"
	run python3 -c '
import json, sys
print(all(json.loads(l)["ivr_enter_at"].startswith("2026-03-02T00:") for l in open(sys.argv[1])))' "$D/t.jsonl"
	assert_output True
}
