#!/usr/bin/env bats
# ccroute: the simulation against queueing theory.
#
# The oracle, tests/data/route-theory-oracle.py, is written from the
# formulas (Erlang B recursion, Erlang C closed forms, Erlang A from the
# birth-death chain and the tagged caller's wait, see its header), with the
# standard library only, and is itself checked against published values.
# Each case runs
#   ccroute --config F --generate --calls N --summary --batches 20 \
#           --warmup W --sl T --output-format csv
# for one queue of n synthetic agents, Poisson arrivals of rate lambda,
# exponential handling of mean AHT and exponential patience (or none), and
# compares the TOTAL row with the theory:
#   p_wait, p_abandon, asa_s, mean_wait_s, sl:
#       |sim - theory| <= 4 CI + floor, CI = the summary's batch-means 95 %
#       half-width, floor 0.002 for probabilities and 0.002 AHT for seconds.
#       A half-width is about 2 standard errors, so k = 4 is about 8: the
#       CI is itself estimated from 20 to 39 batches (and batch means
#       underestimate it when waits are correlated), so a run must be far
#       out to fail, while a real bias of a few percent still shows in
#       runs this long (a test below checks that one agent more or less, or
#       3 % more calls, is seen).  The floor covers the rare-wait
#       cases (large n at low load) where no batch sees a wait and the CI
#       is 0.
#   occupancy: 2 % relative (no CI; see the oracle: standard error <= 0.3 %
#       and the drain after the last arrival <= 1 % of the run);
#   mean_queue: 4 lambda mean_wait_s_ci + 1 % + 0.002 (Little carries the
#       wait's CI over);
#   Little's law inside the run: mean_queue vs lambda mean_wait_s, 2 %.
# Run lengths: at least 2 * 10^5 calls and 2000 AHT / max(1, load) of
# simulated time; 10^6 calls for loads of 0.9 and more without abandonment,
# where waits are strongly correlated.  Warm-up: 2 % of the run, at least
# 20 AHT.  The whole suite takes about 10 s of CPU.

bats_require_minimum_version 1.5.0
setup() {
	load ccroute
	ORACLE=$TEST_DATA/route-theory-oracle.py
}

# theory_case DIR N LOAD AHT PATIENCE [SL]: simulate N agents at LOAD (so
# lambda = LOAD N / AHT) with exponential handling of mean AHT seconds and
# exponential patience of mean PATIENCE AHT (none: no abandonment), SL the
# service-level threshold (default 20); writes the summary to DIR and adds
# the case to DIR/cases for the oracle's compare.
theory_case() {
	local dir=$1 n=$2 load=$3 aht=$4 pat=$5 sl=${6:-20}
	local rate calls warm patience f
	rate=$(awk -v n="$n" -v l="$load" -v a="$aht" 'BEGIN { printf "%.9f", l * n / a }')
	calls=$(awk -v n="$n" -v l="$load" -v p="$pat" 'BEGIN {
		c = 2000 * n * (l < 1 ? l : 1); m = (p == "none" && l >= 0.9) ? 1000000 : 200000
		printf "%d", c < m ? m : c }')
	warm=$(awk -v c="$calls" -v r="$rate" -v a="$aht" 'BEGIN {
		w = 0.02 * c / r; printf "%d", w < 20 * a ? 20 * a : w }')
	f=$dir/case-$n-$load-$pat-$sl
	{
		printf '[queue q]\nagents = %s\nrate = %s/s\nhandle = exp:%s\n' "$n" "$rate" "$aht"
		if [[ $pat != none ]]; then
			patience=$(awk -v p="$pat" -v a="$aht" 'BEGIN { printf "%.9g", p * a }')
			printf 'patience = exp:%s\n' "$patience"
		else
			patience=none
		fi
	} >"$f.ini"
	ccroute --config "$f.ini" --generate --calls "$calls" --summary --batches 20 \
		--warmup "$warm" --sl "$sl" --output-format csv >"$f.csv"
	printf '%s %s %s %s %s none %s\n' "$f.csv" "$n" "$rate" "$aht" "$patience" "$sl" >>"$dir/cases"
}

# theory_check DIR: the oracle compares every case of DIR; prints its
# lines (all of them when one is out, so the log shows the figures).
theory_check() {
	run -0 python3 "$ORACLE" compare "$1/cases"
	refute_output --partial OUT
}

@test "theory: the oracle agrees with published Erlang B, C and A values" {
	# erlang.com: 15 lines at 8.108 E block 1 %; Call Centre Helper's inputs
	# (100 calls / 30 min, AHT 180 s, 80/20), 14 agents: SL 0.8884, P(wait)
	# 0.1741, occupancy 0.7143; pyworkforce's exact Erlang A test (patience
	# 5 min): P(wait) 0.14526, P(abandon) 0.013984, SL 0.916792, occupancy
	# 0.704297, mean wait 0.069919 min; identities (P(ab) = theta E[Wq],
	# Little, SL(inf) = 1 - P(ab), Erlang A -> C as patience -> inf); the
	# served-within-t term against a numerical convolution; Student's t.
	run -0 python3 "$ORACLE" selftest
	refute_output --partial BAD
	assert_line 'ok erlang a 14 agents sl: 0.916792 (want 0.916792)'
	assert_line 'ok erlang c 14 agents p_wait: 0.174132 (want 0.1741)'
}

@test "theory: M/M/1 and M/M/5 agree with Erlang C at loads 0.5, 0.8, 0.95" {
	local d
	d=$(scratch)
	for n in 1 5; do
		for load in 0.5 0.8 0.95; do
			theory_case "$d" "$n" "$load" 100 none
		done
	done
	theory_check "$d"
	assert_line '6 case(s), 0 figure(s) out of tolerance'
}

@test "theory: M/M/20 agrees with Erlang C at loads 0.5, 0.8, 0.95, SL 20 s and 60 s" {
	local d
	d=$(scratch)
	for load in 0.5 0.8 0.95; do
		theory_case "$d" 20 "$load" 180 none 20
	done
	theory_case "$d" 20 0.9 180 none 60
	theory_check "$d"
	assert_line '4 case(s), 0 figure(s) out of tolerance'
}

@test "theory: M/M/100 and M/M/500 agree with Erlang C at loads 0.5, 0.8, 0.95" {
	local d
	d=$(scratch)
	for n in 100 500; do
		for load in 0.5 0.8 0.95; do
			theory_case "$d" "$n" "$load" 100 none
		done
	done
	theory_check "$d"
	assert_line '6 case(s), 0 figure(s) out of tolerance'
}

@test "theory: M/M/1+M and M/M/5+M agree with Erlang A, patience 0.25, 1, 4 AHT, loads 0.8 to 3" {
	local d
	d=$(scratch)
	for n in 1 5; do
		for load in 0.8 1.1 1.5 3; do
			for p in 0.25 1 4; do
				theory_case "$d" "$n" "$load" 100 "$p"
			done
		done
	done
	theory_check "$d"
	assert_line '24 case(s), 0 figure(s) out of tolerance'
}

@test "theory: M/M/20+M agrees with Erlang A, patience 0.25, 1, 4 AHT, loads 0.8 to 3" {
	local d
	d=$(scratch)
	for load in 0.8 1.1 1.5 3; do
		for p in 0.25 1 4; do
			theory_case "$d" 20 "$load" 180 "$p"
		done
	done
	theory_check "$d"
	assert_line '12 case(s), 0 figure(s) out of tolerance'
}

@test "theory: M/M/100+M and M/M/500+M agree with Erlang A, patience 0.25, 1, 4 AHT, loads 0.8 to 3" {
	local d
	d=$(scratch)
	for load in 0.8 1.1 3; do
		for p in 0.25 1 4; do
			theory_case "$d" 100 "$load" 100 "$p"
		done
	done
	# 10^6 calls each at 500 agents: fewer cases
	for c in '0.8 1' '1.1 0.25' '1.1 4' '1.5 1' '3 0.25' '3 4'; do
		set -- $c
		theory_case "$d" 500 "$1" 100 "$2"
	done
	theory_check "$d"
	assert_line '15 case(s), 0 figure(s) out of tolerance'
}

@test "theory: the tolerance sees one agent more or less, or 3 % more calls" {
	# The same M/M/20+M run (load 1.1, patience = AHT) against the theory of
	# 19 or 21 agents, or of 3 % more arrivals, must be out on several
	# figures: the test has the power to see a simulator that is wrong by
	# that much.
	local d
	d=$(scratch)
	theory_case "$d" 20 1.1 100 1
	theory_check "$d"
	local f
	f=$(cut -d' ' -f1 "$d/cases")
	for wrong in '19 0.22' '21 0.22' '20 0.2266'; do
		printf '%s %s 100 100\n' "$f" "$wrong" >"$d/wrong"
		run -1 python3 "$ORACLE" compare "$d/wrong"
		assert_line --regexp '^1 case\(s\), [2-9] figure\(s\) out of tolerance$'
	done
}

@test "theory: a loss system (patience 0, or a 1 us timeout) agrees with Erlang B" {
	# M/M/n/n: whoever finds all n agents busy leaves at once.  ccroute has no
	# "no waiting room" (maxlen = 0 means no limit, and timeout must be above
	# 0), so the loss is made by patience = 0 (outcome abandoned) or by
	# timeout = 0.000001 (outcome timeout; an agent freed within that
	# microsecond is the only difference, with probability ~ 1e-6).
	# 15 agents at 8.108 E: B = 1 % (erlang.com); carried load 8.108 * 0.99.
	local d f
	d=$(scratch)
	for n in 15 50; do
		for loss in abandon timeout; do
			f=$d/loss-$n-$loss
			local a rate
			a=$([[ $n == 15 ]] && echo 8.108 || echo 45)
			rate=$(awk -v a="$a" 'BEGIN { printf "%.9f", a / 100 }')
			{
				printf '[queue q]\nagents = %s\nrate = %s/s\nhandle = exp:100\n' "$n" "$rate"
				[[ $loss == abandon ]] && echo 'patience = 0' || echo 'timeout = 0.000001'
			} >"$f.ini"
			ccroute --config "$f.ini" --generate --calls 400000 --summary --batches 20 \
				--warmup 2000 --output-format csv >"$f.csv"
			printf '%s %s %s 100 none %s\n' "$f.csv" "$n" "$rate" "$loss" >>"$d/cases"
		done
	done
	theory_check "$d"
	assert_line '4 case(s), 0 figure(s) out of tolerance'
	# nobody waits: the queue is always empty
	run -0 awk -F, '$1 == "TOTAL" { print $10, $13 }' "$d"/loss-*.csv
	assert_output '0.000 0.0000
0.000 0.0000
0.000 0.0000
0.000 0.0000'
}

@test "theory: the summary's batch means are recomputed from the records" {
	# The same run twice, once as records: the records (in output order, the
	# order the summary counts them) after the warm-up (arrived_at >= --start
	# + W), cut into blocks of 16 that merge in pairs whenever 2K are full,
	# give the summary's point estimates and 95 % half-widths (Student t by
	# bisection in the oracle, not the summary's series).
	local d
	d=$(scratch)
	printf '[queue q]\nagents = 20\nrate = 0.18/s\nhandle = exp:100\npatience = exp:100\n' >"$d/q.ini"
	local args=(--config "$d/q.ini" --generate --calls 30000 --seed 3
		--start 2026-03-02T08:00:00Z)
	ccroute "${args[@]}" --warmup 2000 --sl 20 --summary --batches 20 --output-format csv \
		>"$d/sum.csv"
	ccroute "${args[@]}" >"$d/rec.csv"
	run -0 python3 "$ORACLE" batches --warmup 2000 --batches 20 --sl 20 \
		--start 2026-03-02T08:00:00Z --summary "$d/sum.csv" <"$d/rec.csv"
	refute_output --partial OUT
	# 30000 arrivals at 0.18/s: about 360 in the first 2000 s
	assert_line --regexp '^29[56][0-9][0-9] interactions after the warm-up in [0-9]+ batches'
	assert_line --regexp '^ok   p_wait_ci '
	# with --batches 7 there are 7 to 13 batches
	ccroute "${args[@]}" --warmup 500 --sl 30 --summary --batches 7 --output-format csv \
		>"$d/sum7.csv"
	run -0 python3 "$ORACLE" batches --warmup 500 --batches 7 --sl 30 \
		--start 2026-03-02T08:00:00Z --summary "$d/sum7.csv" <"$d/rec.csv"
	refute_output --partial OUT
}

@test "theory: the batch-means CI is honest over 10 seeds" {
	# M/M/20+M at load 0.9, patience = AHT: for each figure the Erlang A
	# value is inside the 95 % CI in at least 8 of 10 runs (for an honest CI
	# P(<= 7 of 10) = 1.2 %), inside twice the CI in all, and the mean CI
	# over 2 is between half and twice the standard deviation of the 10 point
	# estimates (a CI sqrt(K) too wide or too narrow fails).
	local d
	d=$(scratch)
	printf '[queue q]\nagents = 20\nrate = 0.18/s\nhandle = exp:100\npatience = exp:100\n' >"$d/q.ini"
	for s in 1 2 3 4 5 6 7 8 9 10; do
		ccroute --config "$d/q.ini" --generate --calls 50000 --seed "$s" --warmup 2000 \
			--summary --batches 20 --output-format csv >"$d/s$s.csv"
	done
	run -0 python3 "$ORACLE" coverage --agents 20 --rate 0.18 --aht 100 --patience 100 \
		"$d"/s*.csv
	refute_output --partial OUT
	assert_equal "${#lines[@]}" 5
}

@test "theory: every strategy gives the same queue figures with identical agents" {
	# Identical agents, exponential handling drawn per interaction, routing
	# draws in their own stream: which free agent takes a call cannot change
	# when anyone is answered, so the summary is byte-identical for all eight
	# strategies and the records differ only in the agent column.  A
	# strategy that left an agent idle while a caller waits, or gave a call
	# to a busy one, would change them.
	local d first='' firstrec='' st
	d=$(scratch)
	for st in longest-idle round-robin fewest-calls least-talk-time random weighted-random \
		linear ring-all; do
		printf '[queue q]\nagents = 20\nrate = 0.19/s\nhandle = exp:100\npatience = exp:200\nstrategy = %s\n' \
			"$st" >"$d/$st.ini"
		ccroute --config "$d/$st.ini" --generate --calls 20000 --seed 7 --summary \
			--batches 10 --output-format csv >"$d/$st.sum"
		ccroute --config "$d/$st.ini" --generate --calls 20000 --seed 7 >"$d/$st.csv"
		if [[ -z $first ]]; then
			first=$d/$st.sum firstrec=$d/$st.csv
		else
			cmp "$first" "$d/$st.sum"
			# all columns but agent (the 9th)
			cmp <(cut -d, -f1-8,10- "$firstrec") <(cut -d, -f1-8,10- "$d/$st.csv")
		fi
	done
	# ... and the strategies did choose differently: linear prefers the
	# first free agent in roster order, so q-1 handles clearly more calls
	# than q-20; fewest-calls evens the counts out
	run -1 cmp -s "$d/linear.csv" "$d/fewest-calls.csv"
	local lin1 lin20 few1 few20
	lin1=$(cut -d, -f9 "$d/linear.csv" | grep -cx 'q-1')
	lin20=$(cut -d, -f9 "$d/linear.csv" | grep -cx 'q-20')
	few1=$(cut -d, -f9 "$d/fewest-calls.csv" | grep -cx 'q-1')
	few20=$(cut -d, -f9 "$d/fewest-calls.csv" | grep -cx 'q-20')
	((lin1 * 10 > lin20 * 12))
	((few1 * 10 < few20 * 11 && few20 * 10 < few1 * 11))
	# the figures are not trivial: there was waiting and abandonment
	run -0 awk -F, '$1 == "TOTAL" { print ($7 > 0.2 && $8 > 0.01) }' "$first"
	assert_output 1
}

@test "theory: --seed repeated gives byte-identical output, another seed differs" {
	local d
	d=$(scratch)
	printf '[queue q]\nagents = 5\nrate = 0.045/s\nhandle = exp:100\npatience = exp:300\n' >"$d/q.ini"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 >"$d/a.csv"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 >"$d/b.csv"
	cmp "$d/a.csv" "$d/b.csv"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 43 >"$d/c.csv"
	run -1 cmp -s "$d/a.csv" "$d/c.csv"
	# the default seed is 1
	ccroute --config "$d/q.ini" --generate --calls 5000 >"$d/d.csv"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 1 >"$d/e.csv"
	cmp "$d/d.csv" "$d/e.csv"
	# the summary too, and jsonl records
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 --summary --batches 5 >"$d/s1"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 --summary --batches 5 >"$d/s2"
	cmp "$d/s1" "$d/s2"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 --output-format jsonl >"$d/j1"
	ccroute --config "$d/q.ini" --generate --calls 5000 --seed 42 --output-format jsonl >"$d/j2"
	cmp "$d/j1" "$d/j2"
	# 5000 different records: the seeds gave different arrival times
	run -0 bash -c "tail -q -n +2 '$d/a.csv' '$d/c.csv' | cut -d, -f6 | sort | uniq -d | wc -l"
	assert_output 0
}

@test "theory: Little's law holds without exponential assumptions" {
	# No closed form for lognormal handling and uniform patience, but the
	# time-average queue must still equal lambda times the mean wait (2 %,
	# see the oracle).  lambda = 0.5/s.
	local d
	d=$(scratch)
	printf '[queue q]\nagents = 40\nrate = 0.5/s\nhandle = lognormal:90,120\npatience = uniform:10,200\n' >"$d/q.ini"
	run -0 --separate-stderr ccroute --config "$d/q.ini" --generate --calls 200000 \
		--warmup 4000 --summary --batches 20 --output-format csv
	printf '%s\n' "$output" >"$d/sum.csv"
	run -0 python3 "$ORACLE" little --rate 0.5 <"$d/sum.csv"
	assert_output --regexp '^ok mean_queue '
	# and fixed handling with no patience (M/D/c)
	printf '[queue q]\nagents = 10\nrate = 0.09/s\nhandle = 100\n' >"$d/d.ini"
	ccroute --config "$d/d.ini" --generate --calls 200000 --warmup 20000 --summary \
		--output-format csv >"$d/d.csv"
	run -0 python3 "$ORACLE" little --rate 0.09 <"$d/d.csv"
	assert_output --regexp '^ok mean_queue '
}
