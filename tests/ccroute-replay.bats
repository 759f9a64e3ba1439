#!/usr/bin/env bats
# ccroute: replaying the records of a generated run reproduces the run.
#
# Generated arrivals, handling times and patience are kept on the
# microsecond grid of the output, and a replayed record keeps its
# arrived_at, handle_s and patience_s.  So feeding a run's own records back
# through the same model must give the same records byte for byte: every
# routing decision (strategy, levels, expansion, ring-no-answer draws,
# overflow, wrap-up, capacity) is taken again from the same state.  A bug in
# the replay reader (a field misread, a time rounded, an order changed) or a
# routing decision that depended on something outside the model would show
# up as a difference.

bats_require_minimum_version 1.5.0

setup() {
	load ccroute
}

# A model with several queues, strategies, levels and overflow.
model() {
	cat >"$1" <<'INI'
[queue billing]
strategy = longest-idle
expand = 15:1
timeout = 45
on_timeout = queue:sales
wrapup = 5
rate = 140/h
handle = exp:120
patience = exp:90
agents = 3
[queue sales]
strategy = round-robin
rate = 60/h
handle = lognormal:150,80
patience = exp:120
rna = 0.1
retry = 3
agents = 2
[queue chat]
channel = chat
strategy = fewest-calls
rate = 90/h
handle = exp:400
patience = exp:600
agents = 2
capacity = 3
INI
	printf 'agent,skills,channels\nflex,billing:1;sales:0,voice:1\n' >"$2"
}

@test "replaying a generated day gives the same records, CSV" {
	d=$(scratch)
	model "$d/m.ini" "$d/r.csv"
	run -0 ccroute --config "$d/m.ini" --roster "$d/r.csv" --generate --start 2026-03-02 \
		--duration 8h --seed 11 -o "$d/gen.csv"
	# A day of traffic: 8 h at 140 + 60 + 90 per hour is about 2320
	# interactions; some of them overflowed billing>sales.
	n=$(($(wc -l <"$d/gen.csv") - 1))
	[ "$n" -gt 2000 ] && [ "$n" -lt 2700 ]
	grep -q 'billing>sales' "$d/gen.csv"
	grep -q ',abandoned,' "$d/gen.csv"
	# The same seed: ring-no-answer draws come from it.
	run -0 ccroute --config "$d/m.ini" --roster "$d/r.csv" --seed 11 -o "$d/replay.csv" "$d/gen.csv"
	run -0 cmp "$d/gen.csv" "$d/replay.csv"
}

@test "replaying a generated run gives the same records, JSON Lines and summary" {
	d=$(scratch)
	model "$d/m.ini" "$d/r.csv"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --generate --calls 3000 --seed 5 \
		--output-format jsonl >"$d/gen.jsonl"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --seed 5 --output-format jsonl "$d/gen.jsonl" \
		>"$d/replay.jsonl"
	run -0 cmp "$d/gen.jsonl" "$d/replay.jsonl"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --generate --calls 3000 --seed 5 \
		--summary --output-format csv >"$d/gen.sum"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --summary --output-format csv \
		--seed 5 "$d/gen.jsonl" >"$d/replay.sum"
	# Every figure but the time averages (occupancy, mean_queue): a replay's
	# clock starts at its first arrival, a generated run's at --start.
	run -0 cmp <(cut -d, -f1-11,14 "$d/gen.sum") <(cut -d, -f1-11,14 "$d/replay.sum")
	# The summary's TOTAL offered is the number of records.
	run -0 awk -F, '$1 == "TOTAL" { print $2 }' "$d/gen.sum"
	assert_output 3000
}

@test "ccreport reads the same figures from the generated and the replayed records" {
	d=$(scratch)
	model "$d/m.ini" "$d/r.csv"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --generate --calls 2000 --seed 3 >"$d/gen.csv"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --seed 3 "$d/gen.csv" >"$d/replay.csv"
	ccreport --output-format csv "$d/gen.csv" >"$d/a"
	ccreport --output-format csv "$d/replay.csv" >"$d/b"
	run -0 cmp "$d/a" "$d/b"
	# Offered per queue in ccreport = the records per final queue.
	run -0 awk -F, 'NR > 1 { n[$4]++ } END { printf "%d %d %d\n", n["billing"], n["sales"], n["chat"] }' "$d/gen.csv"
	want=$output
	run -0 awk -F, '$1 != "queue" && $1 != "TOTAL" { n[$1] = $2 } END { printf "%d %d %d\n", n["billing"], n["sales"], n["chat"] }' "$d/a"
	assert_output "$want"
}

@test "a different roster changes the replayed outcome and nothing else of the records" {
	d=$(scratch)
	model "$d/m.ini" "$d/r.csv"
	ccroute --config "$d/m.ini" --roster "$d/r.csv" --generate --calls 2000 --seed 9 >"$d/gen.csv"
	# Five more billing agents.
	{
		cat "$d/r.csv"
		for i in 1 2 3 4 5; do printf 'extra%d,billing,voice:1\n' "$i"; done
	} >"$d/r5.csv"
	ccroute --config "$d/m.ini" --roster "$d/r5.csv" --seed 9 "$d/gen.csv" >"$d/plus5.csv"
	# Same interactions (id, queue, arrival, handling time of the answered,
	# patience), written in another order (records come out as they end) ...
	run -0 cmp <(cut -d, -f1,4,6,13 "$d/gen.csv" | sort) <(cut -d, -f1,4,6,13 "$d/plus5.csv" | sort)
	# ... fewer billing abandons with eight billing agents than with three.
	a=$(awk -F, '$4 == "billing" && $10 == "abandoned"' "$d/gen.csv" | wc -l)
	b=$(awk -F, '$4 == "billing" && $10 == "abandoned"' "$d/plus5.csv" | wc -l)
	[ "$b" -lt "$a" ]
}
