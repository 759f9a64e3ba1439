#!/usr/bin/env bats
# ccroute: the simulator (sim.c, replay.c, summary.c) on small scenarios whose
# every figure is worked out by hand in the comments.
#
# Most tests replay records whose arrivals are given as offsets from
# T = 2026-03-02T09:00:00Z, with fixed handle times, and compare the simulated
# records projected by proj (below) to one line per interaction, in output
# order (the order in which the interactions end):
#   id answered agent ended outcome wait handle route rna
# where answered and ended are seconds after T and "-" marks an empty field.
# Simultaneous events are avoided everywhere: their order is not specified.

bats_require_minimum_version 1.5.0
setup() {
	load ccroute
	cd "$(scratch)"
}

# at N: the RFC 3339 UTC time N seconds after T (0 <= N < 54000).
at() {
	printf '2026-03-02T%02d:%02d:%02dZ' $((9 + $1 / 3600)) $(($1 / 60 % 60)) $(($1 % 60))
}

# proj: CSV records (a header, no quoted fields) on stdin, projected as
# described above.  Times must be UTC ("Z") in March 2026; each day after
# 2026-03-02 adds 86400.
proj() {
	awk -F, '
	function rel(t,  d, h, m, s) {
		if (t == "") return "-"
		d = substr(t, 9, 2); h = substr(t, 12, 2); m = substr(t, 15, 2)
		s = substr(t, 18); sub(/Z$/, "", s)
		return (d - 2) * 86400 + h * 3600 + m * 60 + s - 32400
	}
	function f(name) { return (name in col) ? $col[name] : "" }
	function d(x) { return x == "" ? "-" : x }
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ print d(f("id")), rel(f("answered_at")), d(f("agent")), rel(f("ended_at")),
	  f("outcome"), d(f("wait_s")), d(f("handle_s")), d(f("route")), f("rna") }'
}

# proj_log FILE: an --agent-log CSV file, one line per span:
#   agent state start end duration queue id   (start and end after T)
proj_log() {
	awk -F, '
	function rel(t,  d, h, m, s) {
		d = substr(t, 9, 2); h = substr(t, 12, 2); m = substr(t, 15, 2)
		s = substr(t, 18); sub(/Z$/, "", s)
		return (d - 2) * 86400 + h * 3600 + m * 60 + s - 32400
	}
	function d(x) { return x == "" ? "-" : x }
	NR == 1 { next }
	{ print $1, $2, rel($3), rel($4), $5, d($7), d($8) }' "$1"
}

# simp ARG...: run ccroute ARG..., which must exit 0; print its records
# through proj, then every line it wrote on stderr as "stderr: LINE".
simp() {
	local rc=0
	ccroute "$@" >sim.out 2>sim.err || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "exit status $rc"
		cat sim.err
		return 1
	fi
	proj <sim.out
	sed 's/^/stderr: /' sim.err
}

# roster LINE...: write r.csv.
roster() {
	printf '%s\n' "$@" >r.csv
}

# conf LINE...: write c.ini.
conf() {
	printf '%s\n' "$@" >c.ini
}

# ---- Strategies --------------------------------------------------------------

# Six calls to two agents ann and bob (roster order), one queue:
#   c1 at 0 (100 s), c2 at 10, c3 at 30, c4 at 50 (10 s each): ann takes c1
#   (a tie at T: both logged in at T, roster order), bob c2, c3 and c4 (ann is
#   busy until 100).  Then c5 at 200, c6 at 300, c7 at 400, c8 at 500 (10 s),
#   each alone, so each strategy's choice shows:
#   state before c5: ann 1 call, 100 s of talk, free since 100;
#                    bob 3 calls, 30 s of talk, free since 60.
strategy_fixture() {
	roster agent,skills ann,s bob,s
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,10
		c3,$(at 30),s,10
		c4,$(at 50),s,10
		c5,$(at 200),s,10
		c6,$(at 300),s,10
		c7,$(at 400),s,10
		c8,$(at 500),s,10
	EOF
}

# The first four lines of every strategy (c1 .. c4 are forced).
FIRST4='c2 10 bob 20 answered 0 10 - 0
c3 30 bob 40 answered 0 10 - 0
c4 50 bob 60 answered 0 10 - 0
c1 0 ann 100 answered 0 100 - 0'

@test "strategy longest-idle: the agent free the longest (the default)" {
	strategy_fixture
	conf '[queue s]'
	# c5 at 200: ann free since 100, bob since 60 -> bob (free again at 210)
	# c6 at 300: ann since 100, bob since 210 -> ann (310)
	# c7 at 400: ann since 310, bob since 210 -> bob (410)
	# c8 at 500: ann since 310, bob since 410 -> ann
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$FIRST4
c5 200 bob 210 answered 0 10 - 0
c6 300 ann 310 answered 0 10 - 0
c7 400 bob 410 answered 0 10 - 0
c8 500 ann 510 answered 0 10 - 0"
	# the alias, and the explicit name, give the same bytes
	local def=$output
	conf '[queue s]' 'strategy = leastrecent'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$def"
	conf '[queue s]' 'strategy = longest-idle'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$def"
}

@test "strategy fewest-calls: fewest interactions taken from the queue" {
	strategy_fixture
	conf '[queue s]' 'strategy = fewest-calls'
	# c5: ann 1 call, bob 3 -> ann (2); c6: ann 2, bob 3 -> ann (3)
	# c7: 3 and 3, a tie -> roster order: ann (4); c8: ann 4, bob 3 -> bob
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$FIRST4
c5 200 ann 210 answered 0 10 - 0
c6 300 ann 310 answered 0 10 - 0
c7 400 ann 410 answered 0 10 - 0
c8 500 bob 510 answered 0 10 - 0"
	local fc=$output
	conf '[queue s]' 'strategy = fewestcalls'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$fc"
}

@test "strategy least-talk-time: least handling time so far" {
	strategy_fixture
	conf '[queue s]' 'strategy = least-talk-time'
	# bob has 30 s of talk against ann's 100: bob takes c5 .. c8 (40, 50,
	# 60, 70 s: still below 100)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$FIRST4
c5 200 bob 210 answered 0 10 - 0
c6 300 bob 310 answered 0 10 - 0
c7 400 bob 410 answered 0 10 - 0
c8 500 bob 510 answered 0 10 - 0"
}

@test "strategy linear: always the first free agent in roster order" {
	strategy_fixture
	conf '[queue s]' 'strategy = linear'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$FIRST4
c5 200 ann 210 answered 0 10 - 0
c6 300 ann 310 answered 0 10 - 0
c7 400 ann 410 answered 0 10 - 0
c8 500 ann 510 answered 0 10 - 0"
}

@test "strategy round-robin: the next agent after the last one used (memory)" {
	strategy_fixture
	conf '[queue s]' 'strategy = round-robin'
	# c1 ann (last: ann); c2 bob; c3: after bob comes ann (busy), then bob;
	# c4 likewise bob; c5: after bob -> ann; c6 bob; c7 ann; c8 bob
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "$FIRST4
c5 200 ann 210 answered 0 10 - 0
c6 300 bob 310 answered 0 10 - 0
c7 400 ann 410 answered 0 10 - 0
c8 500 bob 510 answered 0 10 - 0"
}

@test "strategy round-robin: three agents, the memory skips busy ones and wraps" {
	roster agent,skills a,s b,s c,s
	conf '[queue s]' 'strategy = rrmemory'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,10
		c2,$(at 100),s,10
		c3,$(at 200),s,300
		c4,$(at 210),s,10
		c5,$(at 300),s,10
		c6,$(at 400),s,10
		c7,$(at 600),s,10
	EOF
	# c1 a; c2 b; c3 c (busy 200-500); c4: after c, wrap -> a; c5: b;
	# c6: after b comes c (busy) -> a; c7 at 600: after a -> b
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 a 10 answered 0 10 - 0
c2 100 b 110 answered 0 10 - 0
c4 210 a 220 answered 0 10 - 0
c5 300 b 310 answered 0 10 - 0
c6 400 a 410 answered 0 10 - 0
c3 200 c 500 answered 0 300 - 0
c7 600 b 610 answered 0 10 - 0'
}

# 4000 calls 10 s apart, 1 s each: every call finds both agents free.
many_calls() {
	awk 'BEGIN { print "id,arrived_at,queue,handle_s"
		for (i = 0; i < 4000; i++) print "c" i "," 1772442000 + 10 * i ",s,1" }' >many.csv
}

# count AGENT: how many of the records in sim.out went to AGENT.
count() {
	awk -F, -v a="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "agent") k = i; next }
		$k == a { n++ } END { print n + 0 }' sim.out
}

@test "strategy random: uniform over the free agents (binomial tolerance)" {
	many_calls
	roster agent,skills,weight a,s,1 b,s,3
	conf '[queue s]' 'strategy = random'
	# the weights do not matter: n = 4000, p = 1/2, sd = sqrt(4000/4) = 31.6;
	# 4 sd: 2000 +- 126
	run -0 simp -c c.ini -r r.csv many.csv
	local na nb
	na=$(count a) nb=$(count b)
	assert_equal $((na + nb)) 4000
	((na >= 1874 && na <= 2126))
	# another seed gives other choices, the same seed the same bytes
	cp sim.out one.csv
	run -0 simp -c c.ini -r r.csv many.csv
	cmp sim.out one.csv
	run -0 simp --seed 2 -c c.ini -r r.csv many.csv
	run ! cmp -s sim.out one.csv
	na=$(count a)
	((na >= 1874 && na <= 2126))
}

@test "strategy weighted-random: weights 1:3 give 25 % / 75 %" {
	many_calls
	roster agent,skills,weight a,s,1 b,s,3
	conf '[queue s]' 'strategy = weighted-random'
	# n = 4000, p = 1/4: mean 1000, sd = sqrt(4000 * 1/4 * 3/4) = 27.4;
	# 4 sd: 1000 +- 110, for each of three seeds
	local seed na
	for seed in 1 2 3; do
		run -0 simp --seed $seed -c c.ini -r r.csv many.csv
		na=$(count a)
		assert_equal $((na + $(count b))) 4000
		((na >= 890 && na <= 1110))
	done
	conf '[queue s]' 'strategy = wrandom'
	run -0 simp -c c.ini -r r.csv many.csv
	na=$(count a)
	((na >= 890 && na <= 1110))
}

@test "strategy weighted-random: an absent agent's weight does not count" {
	many_calls
	# z (weight 1000, between a and b in the roster) is never logged in:
	# still 1:3 between a and b
	roster agent,skills,weight,shift a,s,1, \
		z,s,1000,1999-01-01T00:00:00Z/1999-01-02T00:00:00Z b,s,3,
	conf '[queue s]' 'strategy = weighted-random'
	run -0 simp -c c.ini -r r.csv many.csv
	local na
	na=$(count a)
	assert_equal "$(count z)" 0
	assert_equal $((na + $(count b))) 4000
	((na >= 890 && na <= 1110))
}

@test "strategy ring-all: a random agent answers after the answer_delay" {
	many_calls
	roster agent,skills a,s b,s
	conf '[queue s]' 'strategy = ring-all' 'answer_delay = 3'
	# each call rings 3 s, then 1 s of talk: answered at +3, ended at +4,
	# wait 3; the winner is uniform: 2000 +- 126 (as for random)
	run -0 simp -c c.ini -r r.csv many.csv
	local na
	na=$(count a)
	assert_equal $((na + $(count b))) 4000
	((na >= 1874 && na <= 2126))
	run awk '{ a = substr($1, 2) * 10 } $2 != a + 3 || $4 != a + 4 || $6 != 3' <<<"$(proj <sim.out)"
	assert_output ''
	conf '[queue s]' 'strategy = ringall' 'answer_delay = 3'
	cp sim.out one.csv
	run -0 simp -c c.ini -r r.csv many.csv
	cmp sim.out one.csv
}

# Two chat agents of capacity 3; chats in pairs (at 100 k and 100 k + 1 s,
# 10 s each): the second of a pair must go to the agent with nothing in
# progress, whatever the strategy ("all prefer fewer interactions in
# progress on the channel first").
@test "every strategy prefers the agent with fewer interactions in progress" {
	roster agent,skills,channels ann,chat,chat:3 bob,chat,chat:3
	awk 'BEGIN { print "id,arrived_at,queue,handle_s"
		for (i = 0; i < 200; i++) {
			print "a" i "," 1772442000 + 100 * i ",chat,10"
			print "b" i "," 1772442000 + 100 * i + 1 ",chat,10" } }' >pairs.csv
	local st all= want=
	for st in longest-idle fewest-calls least-talk-time linear round-robin random \
		weighted-random ring-all; do
		conf '[queue chat]' 'channel = chat' "strategy = $st"
		run -0 simp -c c.ini -r r.csv pairs.csv
		# pairs whose two chats went to the same agent
		run awk -v st="$st" '{ k = substr($1, 2); ag[k] = ag[k] $3 }
			END { for (k in ag) if (ag[k] == "annann" || ag[k] == "bobbob") n++; print st, n + 0 }' \
			<<<"$output"
		all+="$output "
		want+="$st 0 "
	done
	assert_equal "$all" "$want"
}

@test "round-robin: a chat goes to the idle agent, not to the busy next one" {
	roster agent,skills,channels ann,chat,chat:2 bob,chat,chat:2
	conf '[queue chat]' 'channel = chat' 'strategy = round-robin'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),chat,100
		c2,$(at 1),chat,5
		c3,$(at 10),chat,5
	EOF
	# c1 ann; c2 bob (next after ann); at 10 ann has 1 chat, bob none:
	# c3 goes to bob although ann comes next in the rotation
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 1 bob 6 answered 0 5 - 0
c3 10 bob 15 answered 0 5 - 0
c1 0 ann 100 answered 0 100 - 0'
}

# ---- Levels, expansion, priority, skills -----------------------------------

# p2 (penalty 2), p1 (1), p0 (0) in this roster order; four calls of 100 s
# at 0, 10, 20, 30.
levels_fixture() {
	roster agent,skills p2,s:2 p1,s:1 p0,s:0
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,100
		c3,$(at 20),s,100
		c4,$(at 30),s,100
	EOF
}

@test "penalties: the lowest level first, whatever the roster order" {
	levels_fixture
	conf '[queue s]'
	# c1 p0, c2 p1, c3 p2 (without expand every level is accepted at once);
	# c4 waits for the first free: p0 at 100 (wait 70)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 p0 100 answered 0 100 - 0
c2 10 p1 110 answered 0 100 - 0
c3 20 p2 120 answered 0 100 - 0
c4 100 p0 200 answered 70 100 - 0'
}

@test "expand = 30:1, 60:2: wider levels after 30 and 60 s in the queue" {
	levels_fixture
	conf '[queue s]' 'expand = 30:1, 60:2'
	# start_level 0: c1 p0 at once.  c2 (10) accepts level 1 at 40 -> p1.
	# c3 (20): level 1 at 50 (p1 busy), level 2 at 80 -> p2.
	# c4 (30): level 1 at 60, level 2 at 90, both busy; p0 frees at 100.
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 p0 100 answered 0 100 - 0
c2 40 p1 140 answered 30 100 - 0
c3 80 p2 180 answered 60 100 - 0
c4 100 p0 200 answered 70 100 - 0'
}

@test "expand with start_level: level 1 accepted from the start" {
	levels_fixture
	conf '[queue s]' 'expand = 60:2' 'start_level = 1'
	# c1 p0, c2 p1 at once; c3 (20) level 2 at 80 -> p2; c4 (30): level 2
	# at 90, p2 busy -> p0 at 100
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 p0 100 answered 0 100 - 0
c2 10 p1 110 answered 0 100 - 0
c3 80 p2 180 answered 60 100 - 0
c4 100 p0 200 answered 70 100 - 0'
}

@test "proficiency mode: the highest proficiency first, expansion downwards" {
	roster agent,skills lo,s:3 mid,s:5 hi,s:9
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,100
		c3,$(at 20),s,100
		c4,$(at 30),s,100
	EOF
	conf '[sim]' 'skill_levels = proficiency' '[queue s]'
	# without expand: hi, mid, lo; c4 waits for hi (100)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 hi 100 answered 0 100 - 0
c2 10 mid 110 answered 0 100 - 0
c3 20 lo 120 answered 0 100 - 0
c4 100 hi 200 answered 70 100 - 0'
	# start at 9, then 5 after 30 s, 3 after 60 s (as the penalty case)
	conf '[sim]' 'skill_levels = proficiency' '[queue s]' 'expand = 30:5, 60:3' \
		'start_level = 9'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 hi 100 answered 0 100 - 0
c2 40 mid 140 answered 30 100 - 0
c3 80 lo 180 answered 60 100 - 0
c4 100 hi 200 answered 70 100 - 0'
	# start_level defaults to the highest level (1000): nobody at first,
	# so c1 waits 30 s for level 5 -> hi (30-130); c2 (10) -> mid at 40;
	# c3 (20) level 3 at 80 -> lo; c4: hi frees at 130
	conf '[sim]' 'skill_levels = proficiency' '[queue s]' 'expand = 30:5, 60:3'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 30 hi 130 answered 30 100 - 0
c2 40 mid 140 answered 30 100 - 0
c3 80 lo 180 answered 60 100 - 0
c4 130 hi 230 answered 100 100 - 0'
}

@test "proficiency mode: a record's skills give the least proficiency" {
	roster agent,skills lo,s:3 mid,s:5 hi,s:9
	conf '[sim]' 'skill_levels = proficiency' '[queue s]' 'strategy = linear'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,skills
		c1,$(at 0),s,100,s:4
		c2,$(at 10),s,100,s:4
		c3,$(at 20),s,10,s:6
	EOF
	# c1 needs proficiency >= 4: hi (the best tier); c2 likewise: mid;
	# c3 needs >= 6: only hi, free at 100
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 hi 100 answered 0 100 - 0
c2 10 mid 110 answered 0 100 - 0
c3 100 hi 110 answered 80 10 - 0'
}

@test "caller priority: higher first, then arrival order; queue default priority" {
	roster agent,skills ann,s
	conf '[queue s]' 'priority = 1'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,priority
		c1,$(at 0),s,100,
		c2,$(at 10),s,10,
		c3,$(at 20),s,10,5
		c4,$(at 30),s,10,0
		c5,$(at 40),s,10,5
		c6,$(at 50),s,10,-3
		c7,$(at 60),s,10,
	EOF
	# priorities: c2 1 (queue default), c3 5, c4 0, c5 5, c6 -3, c7 1;
	# from 100, 10 s each: c3 c5 (5), c2 c7 (1), c4 (0), c6 (-3)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c3 100 ann 110 answered 80 10 - 0
c5 110 ann 120 answered 70 10 - 0
c2 120 ann 130 answered 110 10 - 0
c7 130 ann 140 answered 70 10 - 0
c4 140 ann 150 answered 110 10 - 0
c6 150 ann 160 answered 100 10 - 0'
}

@test "queue weight: a shared agent serves the heavier queue first" {
	roster agent,skills ann,lo\;hi
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,priority
		c0,$(at 0),lo,100,
		l1,$(at 10),lo,10,
		h1,$(at 20),hi,10,
		l2,$(at 30),lo,10,9
		h2,$(at 40),hi,10,
	EOF
	# weight 10 on hi: at 100 h1, h2, then lo by priority: l2 (9), l1
	conf '[queue lo]' '[queue hi]' 'weight = 10'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c0 0 ann 100 answered 0 100 - 0
h1 100 ann 110 answered 80 10 - 0
h2 110 ann 120 answered 70 10 - 0
l2 120 ann 130 answered 90 10 - 0
l1 130 ann 140 answered 120 10 - 0'
	# equal weights: priority first (l2), then the earliest entry over both
	# queues: l1 (10), h1 (20), h2 (40)
	conf '[queue lo]' '[queue hi]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c0 0 ann 100 answered 0 100 - 0
l2 100 ann 110 answered 70 10 - 0
l1 110 ann 120 answered 100 10 - 0
h1 120 ann 130 answered 100 10 - 0
h2 130 ann 140 answered 90 10 - 0'
}

@test "a record's skills: only agents with every extra skill, at the level" {
	roster agent,skills ann,s\;es:3 bob,s cid,s\;es:1
	conf '[queue s]' '[queue es]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,skills
		c1,$(at 0),s,100,es
		c2,$(at 10),s,100,es
		c3,$(at 20),s,100,es:1
		c4,$(at 30),s,100,
		c5,$(at 40),s,50,es:2
	EOF
	# c1 needs es: ann (roster order among ann and cid); c2: cid;
	# c3 needs es at penalty <= 1: only cid, busy until 110; c4: bob;
	# c5 needs es <= 2: only cid; ann frees at 100 but takes neither;
	# cid: c3 at 110 (the earlier), c5 at 210
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 10 cid 110 answered 0 100 - 0
c4 30 bob 130 answered 0 100 - 0
c3 110 cid 210 answered 90 100 - 0
c5 210 cid 260 answered 170 50 - 0'
}

# ---- Leaving the queue: timeout, maxlen, join and leave empty ---------------

# ann serves s, bob serves t; c1 at 0 holds ann for 100 s, c2 arrives at 10.
timeout_fixture() {
	roster agent,skills ann,s bob,t
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,20
	EOF
}

@test "timeout with on_timeout = hangup (the default): outcome timeout" {
	timeout_fixture
	conf '[queue s]' 'timeout = 30' '[queue t]'
	# c2 leaves at 10 + 30 = 40, wait 30, no agent, no handle
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 40 timeout 30 - - 0
c1 0 ann 100 answered 0 100 - 0'
	conf '[queue s]' 'timeout = 30s' 'on_timeout = hangup' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 40 timeout 30 - - 0
c1 0 ann 100 answered 0 100 - 0'
}

@test "timeout to voicemail and to overflow" {
	timeout_fixture
	conf '[queue s]' 'timeout = 30' 'on_timeout = voicemail' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 40 voicemail 30 - - 0
c1 0 ann 100 answered 0 100 - 0'
	conf '[queue s]' 'timeout = 30' 'on_timeout = overflow' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 40 overflow 30 - - 0
c1 0 ann 100 answered 0 100 - 0'
}

@test "timeout to queue:t: the call moves, route s>t, queue still s" {
	timeout_fixture
	conf '[queue s]' 'timeout = 30' 'on_timeout = queue:t' '[queue t]'
	# c2 moves to t at 40, bob answers at once: wait 30 (from arrival), 20 s;
	# queue keeps the queue it arrived in, route tells the rest
	run -0 ccroute -c c.ini -r r.csv in.csv
	assert_output "id,arrived_at,queue,handle_s,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c2,$(at 10),s,20,$(at 40),$(at 60),bob,answered,30,,s>t,0
c1,$(at 0),s,100,$(at 0),$(at 100),ann,answered,0,,,0"
}

@test "timeout to callback: no more abandoning, keeps its place, outcome callback" {
	roster agent,skills ann,s
	conf '[queue s]' 'timeout = 30' 'on_timeout = callback'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c1,$(at 0),s,100,
		c2,$(at 10),s,10,50
		c3,$(at 20),s,10,
		c4,$(at 35),s,10,
	EOF
	# c2 (patience 50: would abandon at 60) asks for a callback at 40 and
	# keeps its place (entered at 10) ahead of c4 (entered at 35); c3 at 50,
	# c4 at 65 likewise.  ann from 100: c2, c3, c4, all outcome callback
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 100 ann 110 callback 90 10 - 0
c3 110 ann 120 callback 90 10 - 0
c4 120 ann 130 callback 85 10 - 0'
}

@test "timeouts bouncing between two queues end after 32 moves" {
	conf '[queue s]' 'timeout = 1' 'on_timeout = queue:t' \
		'[queue t]' 'timeout = 1' 'on_timeout = queue:s'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
	EOF
	# moves at 1, 2, ..., 32 (the 32nd back into s), then the timeout at 33
	# ends it there: outcome timeout, wait 33, a route of 33 queue names
	local r=s i
	for ((i = 1; i <= 32; i++)); do
		((i % 2)) && r+='>t' || r+='>s'
	done
	run -0 simp -c c.ini in.csv
	assert_output "c1 - - 33 timeout 33 - $r 0
stderr: ccroute: c.ini:1: warning: queue 's' has no agents: its callers will time out or abandon
stderr: ccroute: c.ini:4: warning: queue 't' has no agents: its callers will time out or abandon
stderr: ccroute: warning: 1 interaction moved between queues 32 times and ended there"
}

@test "maxlen: an arrival finding maxlen callers waiting is busy" {
	roster agent,skills ann,s
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,10
		c3,$(at 20),s,10
		c4,$(at 30),s,10
		c5,$(at 105),s,10
		c6,$(at 106),s,10
		c7,$(at 107),s,10
	EOF
	conf '[queue s]' 'maxlen = 2'
	# c2, c3 wait; c4 finds 2 waiting: busy at once (wait 0).  At 100 c2 is
	# answered: c5 (105) joins c3; c6, c7 find 2: busy.  c3 110, c5 120.
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c4 - - 30 busy 0 - - 0
c1 0 ann 100 answered 0 100 - 0
c6 - - 106 busy 0 - - 0
c7 - - 107 busy 0 - - 0
c2 100 ann 110 answered 90 10 - 0
c3 110 ann 120 answered 90 10 - 0
c5 120 ann 130 answered 15 10 - 0'
	# maxlen 1 to voicemail: c3 and c4 find c2 waiting; c5 finds nobody
	# (c2 answered at 100), c6 and c7 find c5
	conf '[queue s]' 'maxlen = 1' 'on_full = voicemail'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c3 - - 20 voicemail 0 - - 0
c4 - - 30 voicemail 0 - - 0
c1 0 ann 100 answered 0 100 - 0
c6 - - 106 voicemail 0 - - 0
c7 - - 107 voicemail 0 - - 0
c2 100 ann 110 answered 90 10 - 0
c5 110 ann 120 answered 5 10 - 0'
}

@test "on_full = callback: the callback is served by any level" {
	# ann has penalty 1 (no expand: every level is accepted)
	roster agent,skills ann,s:1
	conf '[queue s]' 'maxlen = 1' 'on_full = callback'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,10
		c3,$(at 20),s,10
	EOF
	# c3 finds c2 waiting: callback, at the tail (entered at 20)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 100 ann 110 answered 90 10 - 0
c3 110 ann 120 callback 90 10 - 0'
}

@test "join_empty = no: an arrival with no agent logged in goes to on_empty" {
	# ann serves s from 09:01 (60), bob serves t all the time
	roster agent,skills,shift ann,s,09:01-09:10 bob,t,
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 30),s,100
	EOF
	conf '[queue s]' 'join_empty = no' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 - - 30 no_agent 0 - - 0'
	conf '[queue s]' 'join_empty = no' 'on_empty = queue:t' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 30 bob 130 answered 0 100 s>t 0'
	# join_empty = yes (the default): it waits for ann's login at 60
	conf '[queue s]' '[queue t]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 60 ann 160 answered 30 100 - 0'
}

@test "leave_empty = yes: callers leave when the last agent logs out" {
	# ann logged in 09:00-09:01 every day
	roster agent,skills,shift ann,s,09:00-09:01
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,20
	EOF
	# ann keeps c1 (0-100) past her logout at 60; c2 leaves at 60: no_agent,
	# wait 50
	conf '[queue s]' 'leave_empty = yes'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 60 no_agent 50 - - 0
c1 0 ann 100 answered 0 100 - 0'
	conf '[queue s]' 'leave_empty = yes' 'on_empty = voicemail'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 - - 60 voicemail 50 - - 0
c1 0 ann 100 answered 0 100 - 0'
	# leave_empty = no: c2 waits for the next day's login at 09:00
	# (86400): wait 86390
	conf '[queue s]'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 86400 ann 86420 answered 86390 20 - 0'
}

@test "leave_empty: callers stay while another member is logged in" {
	roster agent,skills,shift ann,s,09:00-09:01 bob,s,09:00-09:05
	conf '[queue s]' 'leave_empty = yes'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 1),s,100
		c3,$(at 10),s,20
	EOF
	# ann logs out at 60 but bob is still in: c3 waits for bob (101)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 1 bob 101 answered 0 100 - 0
c3 101 bob 121 answered 91 20 - 0'
}

# ---- Ring-no-answer, answer delay ---------------------------------------------

@test "rna = 0.5: geometric numbers of attempts, each costing ring + retry" {
	roster agent,skills ann,s
	conf '[queue s]' 'rna = 0.5'
	awk 'BEGIN { print "id,arrived_at,queue,handle_s"
		for (i = 0; i < 2000; i++) print "c" i "," 1772442000 + 1000 * i ",s,1" }' >in.csv
	# every call is alone: k unanswered rings cost k * (15 + 5) s of wait.
	# k is geometric: P(k) = 0.5^(k+1), mean 1, variance 2: the sum over
	# 2000 calls is 2000 +- 4 * sqrt(4000) = 2000 +- 253; the calls
	# answered at the first ring: 1000 +- 4 * sqrt(500) = 1000 +- 89
	run -0 simp -c c.ini -r r.csv in.csv
	run awk '$6 != 20 * $9 || $5 != "answered" { bad++ } { n++; sum += $9; zero += $9 == 0 }
		END { print n, bad + 0, (sum >= 1747 && sum <= 2253), (zero >= 911 && zero <= 1089) }' <<<"$output"
	assert_output '2000 0 1 1'
}

@test "rna near 1: the caller abandons while ringing and between attempts" {
	roster agent,skills ann,s
	conf '[queue s]' 'rna = 0.999999'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c1,$(at 0),s,100,50
	EOF
	# ring 0-15 (no answer), retry 5 s, ring 20-35, retry, ring 40-55:
	# the caller hangs up at 50 during the third ring: 2 ring-no-answers
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c1 - - 50 abandoned 50 - - 2'
	run proj_log log.csv
	assert_output 'ann ringing 0 15 15 s c1
ann ringing 20 35 15 s c1
ann ringing 40 50 10 s c1
ann logged_in 0 50 50 - -'
	# patience 38: it hangs up at 38, during the retry after the second ring
	sed -i 's/,50$/,38/' in.csv
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 - - 38 abandoned 38 - - 2'
}

@test "rna near 1: the queue timeout ends the ringing" {
	roster agent,skills ann,s
	conf '[queue s]' 'rna = 0.999999' 'ring_timeout = 10' 'retry = 2' 'timeout = 30' \
		'on_timeout = voicemail'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
	EOF
	# rings 0-10, 12-22, 24-34: the timeout at 30 cuts the third one
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 - - 30 voicemail 30 - - 2'
}

# c0 and c0b (queue pre, no rna) hold ann until 20 and bob until 30; c1
# (queue s, rna near 1, patience 68) arrives at 5 and waits.  linear.
pause_fixture() {
	roster agent,skills ann,s\;pre bob,s\;pre
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c0,$(at 0),pre,20,
		c0b,$(at 1),pre,29,
		c1,$(at 5),s,100,68
	EOF
}

@test "rna_pause: an agent who does not answer is paused" {
	pause_fixture
	conf '[queue pre]' 'strategy = linear' '[queue s]' 'strategy = linear' \
		'rna = 0.999999' 'rna_pause = 60'
	# 20: ann free, rings c1 20-35, no answer: paused 35-95; c1 out 35-40
	# 30: bob free.  40: c1 back, ann paused: bob rings 40-55, paused 55-115
	# 60: c1 back, nobody free; 73: it hangs up (5 + 68): wait 68, 2 rna.
	# Nothing else can happen: the run ends at 73 and closes the open spans.
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c0 0 ann 20 answered 0 20 - 0
c0b 1 bob 30 answered 0 29 - 0
c1 - - 73 abandoned 68 - - 2'
	run proj_log log.csv
	assert_output 'ann talk 0 20 20 pre c0
bob talk 1 30 29 pre c0b
ann ringing 20 35 15 s c1
bob ringing 40 55 15 s c1
ann logged_in 0 73 73 - -
ann paused 35 73 38 - -
bob logged_in 0 73 73 - -
bob paused 55 73 18 - -'
	# without the pause ann (linear) rings again at 40 and at 60
	conf '[queue pre]' 'strategy = linear' '[queue s]' 'strategy = linear' \
		'rna = 0.999999'
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c0 0 ann 20 answered 0 20 - 0
c0b 1 bob 30 answered 0 29 - 0
c1 - - 73 abandoned 68 - - 2'
	run proj_log log.csv
	assert_output 'ann talk 0 20 20 pre c0
bob talk 1 30 29 pre c0b
ann ringing 20 35 15 s c1
ann ringing 40 55 15 s c1
ann ringing 60 73 13 s c1
ann logged_in 0 73 73 - -
bob logged_in 0 73 73 - -'
}

@test "rna_pause: the pause ends and the agent takes a waiting caller" {
	roster agent,skills ann,s\;pre
	conf '[queue pre]' '[queue s]' 'rna = 0.999999' 'rna_pause = 30' 'retry = 5'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c0,$(at 0),pre,10,
		c1,$(at 2),s,100,22
		p1,$(at 3),pre,40,
	EOF
	# at 10 ann takes the earliest waiting caller of her two queues: c1
	# (entered at 2; p1 at 3) and rings it 10-25; c1 hangs up at 2 + 22 =
	# 24 during the ring (no ring-no-answer counted), which ends there:
	# ann takes p1 at 24 (24-64, wait 21)
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c0 0 ann 10 answered 0 10 - 0
c1 - - 24 abandoned 22 - - 0
p1 24 ann 64 answered 21 40 - 0'
	# patience 40: the ring 10-25 goes unanswered, ann is paused 25-55, c1
	# waits out of the list 25-30, then in it, and hangs up at 42; p1 waits
	# for the end of the pause: 55-95 (wait 52)
	sed -i 's/,22$/,40/' in.csv
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c0 0 ann 10 answered 0 10 - 0
c1 - - 42 abandoned 40 - - 1
p1 55 ann 95 answered 52 40 - 0'
	run proj_log log.csv
	assert_output 'ann talk 0 10 10 pre c0
ann ringing 10 25 15 s c1
ann paused 25 55 30 - -
ann talk 55 95 40 pre p1
ann logged_in 0 95 95 - -'
}

@test "answer_delay: the agent answers after the delay; the caller may hang up" {
	roster agent,skills ann,s
	conf '[queue s]' 'answer_delay = 10'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c1,$(at 0),s,100,
		c2,$(at 200),s,100,5
	EOF
	# c1 rings 0-10 and talks 10-110: wait 10; c2 hangs up at 205, ringing
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c1 10 ann 110 answered 10 100 - 0
c2 - - 205 abandoned 5 - - 0'
	run proj_log log.csv
	assert_output 'ann ringing 0 10 10 s c1
ann talk 10 110 100 s c1
ann ringing 200 205 5 s c2
ann logged_in 0 205 205 - -'
}

# ---- Wrap-up, shifts, channels ------------------------------------------------

@test "wrap-up: the queue's, and the roster's wrapup_s overriding it" {
	roster agent,skills,wrapup_s ann,s, bob,s,8
	conf '[queue s]' 'wrapup = 30'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,100
		c3,$(at 20),s,10
		c4,$(at 30),s,10
	EOF
	# ann: talk 0-100, wrap-up 30 s to 130; bob: 10-110, wrap-up 8 s to 118
	# c3 -> bob at 118 (wait 98), wraps 128-136; c4 -> ann at 130 (wait 100)
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 10 bob 110 answered 0 100 - 0
c3 118 bob 128 answered 98 10 - 0
c4 130 ann 140 answered 100 10 - 0'
	run proj_log log.csv
	assert_output 'ann talk 0 100 100 s c1
bob talk 10 110 100 s c2
bob wrapup 110 118 8 s c2
bob talk 118 128 10 s c3
ann wrapup 100 130 30 s c1
bob wrapup 128 136 8 s c3
ann talk 130 140 10 s c4
ann wrapup 140 170 30 s c4
ann logged_in 0 170 170 - -
bob logged_in 0 170 170 - -'
}

@test "shifts: daily and absolute spans; an agent logging out finishes its call" {
	roster agent,skills,shift ann,s,09:00-09:01 \
		bob,s,2026-03-02T09:00:30Z/2026-03-02T09:05:00Z
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,50
		c3,$(at 40),s,30
		c4,$(at 70),s,200
		c5,$(at 100),s,10
	EOF
	# ann 0-60 every day, bob 30-300 once.  c1 ann 0-100 (past her logout);
	# c2 waits for bob's login at 30; c3 bob at 80; c4 bob at 110-310 (past
	# his logout at 300); c5 waits for ann's next login, 86400
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c2 30 bob 80 answered 20 50 - 0
c1 0 ann 100 answered 0 100 - 0
c3 80 bob 110 answered 40 30 - 0
c4 110 bob 310 answered 40 200 - 0
c5 86400 ann 86410 answered 86300 10 - 0'
	# An agent whose shift ends while it holds an interaction stays logged
	# in (staffed, taking nothing new) until it finishes: ann 0-100, bob
	# 30-310.
	run proj_log log.csv
	assert_output 'bob talk 30 80 50 s c2
ann talk 0 100 100 s c1
ann logged_in 0 100 100 - -
bob talk 80 110 30 s c3
bob talk 110 310 200 s c4
bob logged_in 30 310 280 - -
ann talk 86400 86410 10 s c5
ann logged_in 86400 86410 10 - -'
}

@test "shifts: a daily span across midnight, and 24:00" {
	roster agent,skills,shift ann,s,23:00-01:00
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,2026-03-02T00:30:00Z,s,60
		c2,2026-03-02T02:00:00Z,s,60
	EOF
	# c1 in the span of 03-01 23:00 - 03-02 01:00; c2 waits for 23:00
	run -0 ccroute -c c.ini -r r.csv in.csv
	assert_output 'id,arrived_at,queue,handle_s,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c1,2026-03-02T00:30:00Z,s,60,2026-03-02T00:30:00Z,2026-03-02T00:31:00Z,ann,answered,0,,,0
c2,2026-03-02T02:00:00Z,s,60,2026-03-02T23:00:00Z,2026-03-02T23:01:00Z,ann,answered,75600,,,0'
	roster agent,skills,shift ann,s,09:00-24:00
	# c1 and c2 wait for 09:00: 8 h 30 min = 30600 s, 7 h 1 min = 25260 s
	run -0 ccroute -c c.ini -r r.csv in.csv
	assert_output 'id,arrived_at,queue,handle_s,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c1,2026-03-02T00:30:00Z,s,60,2026-03-02T09:00:00Z,2026-03-02T09:01:00Z,ann,answered,30600,,,0
c2,2026-03-02T02:00:00Z,s,60,2026-03-02T09:01:00Z,2026-03-02T09:02:00Z,ann,answered,25260,,,0'
}

@test "--tz: daily shifts in local time, output times with the offset" {
	roster agent,skills,shift ann,s,10:01-10:05
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,30
		c2,2026-03-02T10:04:00+01:00,s,30
	EOF
	# in Paris (UTC+1 in March) the shift is 09:01Z-09:05Z: c1 waits 60 s;
	# c2 arrives at 09:04Z and is answered at once
	run -0 --separate-stderr ccroute --tz Europe/Paris -c c.ini -r r.csv in.csv
	assert_output 'id,arrived_at,queue,handle_s,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c1,2026-03-02T09:00:00Z,s,30,2026-03-02T10:01:00+01:00,2026-03-02T10:01:30+01:00,ann,answered,60,,,0
c2,2026-03-02T10:04:00+01:00,s,30,2026-03-02T10:04:00+01:00,2026-03-02T10:04:30+01:00,ann,answered,0,,,0'
	# in UTC the shift is 10:01Z: c1 waits 3660 s, c2 (09:04Z) after it
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 3660 ann 3690 answered 3660 30 - 0
c2 3690 ann 3720 answered 3450 30 - 0'
}

@test "channel capacity: a chat agent takes three chats at once" {
	roster agent,skills,channels ann,chat,chat:3
	conf '[queue chat]' 'channel = chat'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),chat,100
		c2,$(at 1),chat,100
		c3,$(at 2),chat,100
		c4,$(at 3),chat,100
		c5,$(at 4),chat,10
	EOF
	# c1 c2 c3 at once; c4 waits for the first slot (100), c5 for the
	# second (101)
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 1 ann 101 answered 0 100 - 0
c3 2 ann 102 answered 0 100 - 0
c5 101 ann 111 answered 97 10 - 0
c4 100 ann 200 answered 97 100 - 0'
	# two such agents: the chats alternate (fewer in progress first, then
	# roster order): ann bob ann bob ann
	roster agent,skills,channels ann,chat,chat:3 bob,chat,chat:3
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c5 4 ann 14 answered 0 10 - 0
c1 0 ann 100 answered 0 100 - 0
c2 1 bob 101 answered 0 100 - 0
c3 2 ann 102 answered 0 100 - 0
c4 3 bob 103 answered 0 100 - 0'
}

@test "voice_blocks: a voice call needs an agent with nothing in progress" {
	roster agent,skills,channels ann,v\;c,voice:1\;chat:2
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),c,100
		v1,$(at 10),v,50
		c2,$(at 20),c,10
		v2,$(at 200),v,50
		c3,$(at 210),c,10
	EOF
	# with voice_blocks: v1 waits while c1 is in progress (c2 still fits
	# the second chat slot) until 100; v2 (200-250) holds off c3 until 250
	conf '[sim]' 'voice_blocks = yes' '[queue v]' '[queue c]' 'channel = chat'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 20 ann 30 answered 0 10 - 0
c1 0 ann 100 answered 0 100 - 0
v1 100 ann 150 answered 90 50 - 0
v2 200 ann 250 answered 0 50 - 0
c3 250 ann 260 answered 40 10 - 0'
	# without it, voice and chat run side by side
	conf '[queue v]' '[queue c]' 'channel = chat'
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c2 20 ann 30 answered 0 10 - 0
v1 10 ann 60 answered 0 50 - 0
c1 0 ann 100 answered 0 100 - 0
c3 210 ann 220 answered 0 10 - 0
v2 200 ann 250 answered 0 50 - 0'
}

# ---- Abandonment and the replay rules ------------------------------------------

@test "patience: patience_s, an abandoned record's observed wait, answered ones" {
	roster agent,skills ann,s
	conf '[queue s]' 'patience = 20'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s,outcome,wait_s,answered_at,ended_at
		c1,$(at 0),s,300,,answered,,,
		c2,$(at 10),s,10,30,,,,
		c3,$(at 20),s,10,,abandoned,25,,
		c4,$(at 30),s,10,,abandoned,,,$(at 42)
		c5,$(at 40),s,,,answered,,$(at 45),$(at 55)
		c6,$(at 50),s,10,,,,,
		c7,$(at 60),s,10,none,,,,
	EOF
	# ann is busy with c1 until 300.  Patience:
	#   c1 answered without answered_at: a draw, 20 (fixed)
	#   c2 patience_s 30 -> hangs up at 40
	#   c3 abandoned, wait_s 25 -> 45
	#   c4 abandoned, ended_at - arrived_at = 12 -> 42
	#   c5 answered after 45 - 40 = 5 s: 5 + a draw (20) = 25 -> 65
	#      (its handle_s is ended_at - answered_at = 10)
	#   c6 a draw: 20 -> 70
	#   c7 none: waits until 300
	run -0 ccroute -c c.ini -r r.csv in.csv
	assert_output "id,arrived_at,queue,handle_s,patience_s,outcome,wait_s,answered_at,ended_at,agent,route,rna
c2,$(at 10),s,,30,abandoned,30,,$(at 40),,,0
c4,$(at 30),s,,12,abandoned,12,,$(at 42),,,0
c3,$(at 20),s,,25,abandoned,25,,$(at 45),,,0
c5,$(at 40),s,,25,abandoned,25,,$(at 65),,,0
c6,$(at 50),s,,20,abandoned,20,,$(at 70),,,0
c1,$(at 0),s,300,20,answered,0,$(at 0),$(at 300),ann,,0
c7,$(at 60),s,10,none,answered,240,$(at 300),$(at 310),ann,,0"
}

@test "patience: an answered record's observed wait carries over; none = never" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,outcome,answered_at
		c1,$(at 0),s,300,answered,
		c2,$(at 10),s,10,answered,$(at 100)
		c3,$(at 20),s,10,abandoned,
	EOF
	# no patience in the queue: answered records never hang up (c2 waited
	# 90 s in reality, here 290); c3, abandoned without a wait, is a draw of
	# "none": it waits as well
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 300 answered 0 300 - 0
c2 300 ann 310 answered 290 10 - 0
c3 310 ann 320 answered 290 10 - 0'
}

@test "handle time: handle_s, else ended_at - answered_at, else the queue's" {
	roster agent,skills ann,s
	conf '[queue s]' 'handle = 42'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,answered_at,ended_at
		c1,$(at 0),s,7.5,$(at 3),$(at 9)
		c2,$(at 100),s,,$(at 103),$(at 109)
		c3,$(at 200),s,,,$(at 209)
		c4,$(at 300),s,,,
	EOF
	# c1 7.5 s (given); c2 109 - 103 = 6 s; c3 (no answered_at) and c4: 42
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 7.5 answered 0 7.5 - 0
c2 100 ann 106 answered 0 6 - 0
c3 200 ann 242 answered 0 42 - 0
c4 300 ann 342 answered 0 42 - 0'
}

@test "replay: the default queue, and queues made from [queue *]" {
	roster agent,skills ann,s
	conf '[sim]' 'default_queue = s' '[queue s]' '[queue *]' 'patience = 30'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),,10
		c2,$(at 5),other,10
		c3,$(at 6),other,10
	EOF
	# c1 goes to s; "other" is made from the template (patience 30, nobody
	# serves it: both hang up after 30 s); one warning for the queue
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "c1 0 ann 10 answered 0 10 - 0
c2 - - 35 abandoned 30 - - 0
c3 - - 36 abandoned 30 - - 0
stderr: ccroute: warning: queue 'other' is not configured: made from [queue *], nobody serves it"
}

@test "replay: a record without a queue goes to the queue of its first skill" {
	roster agent,skills ann,s bob,es
	conf '[sim]' 'default_queue = es' '[queue s]' '[queue es]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,skills
		c1,$(at 0),,10,es
		c2,$(at 1),,10,s;es
		c3,$(at 2),,10,
	EOF
	# c1 -> es (bob); c2 -> s, its first skill, and it needs es as well:
	# the only member of s, ann, lacks es: never served; c3 (no skills) ->
	# the default queue es: bob at 10
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 bob 10 answered 0 10 - 0
c3 10 bob 20 answered 8 10 - 0
c2 - - - unserved - - - 0
stderr: ccroute: warning: 1 interaction in queue '"'"'s'"'"' could never be served'
	# the routed queue fills the empty queue field
	run -0 --separate-stderr ccroute -c c.ini -r r.csv in.csv
	assert_line --index 1 "c1,$(at 0),es,10,es,$(at 0),$(at 10),bob,answered,0,,,0"
}

@test "replay: blanks around a record's skills and levels are ignored" {
	roster agent,skills ann,s\;es:1 bob,s
	conf '[queue s]' '[queue es]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,skills
		c1,$(at 0),s,10, es:2 
		c2,$(at 1),s,10,es : 1
	EOF
	# both need es (ann, level 1): c1 0-10, c2 10-20
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0
c2 10 ann 20 answered 9 10 - 0'
}

@test "replay: table and markdown output of records" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,10\n' "$(at 0)" >in.csv
	run -0 ccroute -c c.ini -r r.csv --output-format table in.csv
	assert_output "id  arrived_at            queue  handle_s  answered_at           ended_at              agent  outcome   wait_s  patience_s  route  rna
c1  $(at 0)  s            10  $(at 0)  $(at 10)  ann    answered       0  -           -        0"
	run -0 ccroute -c c.ini -r r.csv --output-format markdown in.csv
	assert_output "| id | arrived_at | queue | handle_s | answered_at | ended_at | agent | outcome | wait_s | patience_s | route | rna |
|---|---|---|--:|---|---|---|---|--:|---|---|--:|
| c1 | $(at 0) | s | 10 | $(at 0) | $(at 10) | ann | answered | 0 |  |  | 0 |"
}

@test "replay: callers nobody can ever serve end as unserved, with a warning" {
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,x
		c1,$(at 0),s,10,a
		c2,$(at 5),s,10,b
	EOF
	run -0 --separate-stderr ccroute -c c.ini in.csv
	assert_output "id,arrived_at,queue,handle_s,x,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c1,$(at 0),s,,a,,,,unserved,,,,0
c2,$(at 5),s,,b,,,,unserved,,,,0"
	assert_equal "$stderr" "ccroute: c.ini:1: warning: queue 's' has no agents: its callers will wait for ever (no timeout, no patience)
ccroute: warning: 2 interactions in queue 's' could never be served"
}

@test "replay: a caller no member can take ends although shifts go on" {
	# ann (daily shift) serves s but lacks es; the caller needs es: it can
	# never be served, and the run must end (not run through the days)
	roster agent,skills,shift ann,s,09:00-17:00 bob,es,
	conf '[queue s]' '[queue es]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,skills
		c1,$(at 0),s,100,es
	EOF
	run -0 --separate-stderr timeout 3 ccroute -c c.ini -r r.csv in.csv
	assert_output "id,arrived_at,queue,handle_s,skills,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna
c1,$(at 0),s,,es,,,,unserved,,,,0"
	assert_equal "$stderr" "ccroute: warning: 1 interaction in queue 's' could never be served"
}

@test "replay: unknown columns kept in order, simulated ones replaced in place" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.csv <<-EOF
		note,agent,arrived_at,queue,outcome,handle_s,x,wait_s
		"a, ""b""",old,$(at 0),s,abandoned,30,1,99
		é,,$(at 10),s,,5,2,
	EOF
	# agent, outcome, handle_s and wait_s are replaced where they stand;
	# answered_at, ended_at, patience_s, route and rna are appended in that
	# order; note and x pass through (quoted as needed).  The first record,
	# abandoned after 99 s in reality, has that patience (99): answered
	# at once here; the second has none (the queue has no patience)
	run -0 --separate-stderr ccroute -c c.ini -r r.csv in.csv
	assert_output "note,agent,arrived_at,queue,outcome,handle_s,x,wait_s,answered_at,ended_at,patience_s,route,rna
\"a, \"\"b\"\"\",ann,$(at 0),s,answered,30,1,0,$(at 0),$(at 30),99,,0
é,ann,$(at 10),s,answered,5,2,20,$(at 30),$(at 35),,,0"
	assert_equal "$stderr" ''
}

@test "replay: JSON Lines in, JSON Lines and CSV out" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.jsonl <<-EOF
		{"id":"j1","arrived_at":"$(at 0)","queue":"s","handle_s":30,"n":null,"flag":true}
		{"id":"j2","arrived_at":"$(at 10)","handle_s":"5","queue":"s","flag":false}
	EOF
	run -0 ccroute -c c.ini -r r.csv --output-format jsonl in.jsonl
	assert_output "{\"id\":\"j1\",\"arrived_at\":\"$(at 0)\",\"queue\":\"s\",\"handle_s\":30,\"n\":null,\"flag\":true,\"answered_at\":\"$(at 0)\",\"ended_at\":\"$(at 30)\",\"agent\":\"ann\",\"outcome\":\"answered\",\"wait_s\":0,\"patience_s\":null,\"route\":null,\"rna\":0}
{\"id\":\"j2\",\"arrived_at\":\"$(at 10)\",\"handle_s\":5,\"queue\":\"s\",\"flag\":false,\"answered_at\":\"$(at 30)\",\"ended_at\":\"$(at 35)\",\"agent\":\"ann\",\"outcome\":\"answered\",\"wait_s\":20,\"patience_s\":null,\"route\":null,\"rna\":0}"
	# CSV out: the keys differ in order (handle_s before queue in j2)
	run -1 --separate-stderr ccroute -c c.ini -r r.csv in.jsonl
	assert_output ''
	assert_equal "$stderr" "ccroute: in.jsonl:2: fields differ from the first record's (use --output-format jsonl)"
	# the same keys in the same order: CSV is fine
	sed -i '2s/.*/{"id":"j2","arrived_at":"'"$(at 10)"'","queue":"s","handle_s":5,"n":1,"flag":false}/' in.jsonl
	run -0 simp -c c.ini -r r.csv --input-format jsonl in.jsonl
	assert_output 'j1 0 ann 30 answered 0 30 - 0
j2 30 ann 35 answered 20 5 - 0'
	# CSV in, JSON Lines out
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,2.5\n' "$(at 0)" >in.csv
	run -0 ccroute -c c.ini -r r.csv --output-format jsonl in.csv
	assert_output "{\"id\":\"c1\",\"arrived_at\":\"$(at 0)\",\"queue\":\"s\",\"handle_s\":2.5,\"answered_at\":\"$(at 0)\",\"ended_at\":\"2026-03-02T09:00:02.500Z\",\"agent\":\"ann\",\"outcome\":\"answered\",\"wait_s\":0,\"patience_s\":null,\"route\":null,\"rna\":0}"
}

@test "replay: CSV files with different headers are refused (fields differ)" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,10\n' "$(at 0)" >f1.csv
	printf 'arrived_at,id,queue,handle_s\n%s,c2,s,10\n' "$(at 20)" >f2.csv
	printf 'id,arrived_at,queue,handle_s\nc3,%s,s,10\n' "$(at 40)" >f3.csv
	run -0 simp -c c.ini -r r.csv f1.csv f3.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0
c3 40 ann 50 answered 0 10 - 0'
	bad_input "f2.csv:2: fields differ from the first record's (use --output-format jsonl)" \
		-c c.ini -r r.csv f1.csv f2.csv f3.csv
	# --reject keeps going
	run -0 --separate-stderr ccroute -c c.ini -r r.csv --reject rej.txt f1.csv f2.csv f3.csv
	assert_equal "$(proj <<<"$output")" 'c1 0 ann 10 answered 0 10 - 0
c3 40 ann 50 answered 0 10 - 0'
	assert_equal "$stderr" 'ccroute: 1 record rejected (see rej.txt)'
	assert_equal "$(cat rej.txt)" "# f2.csv:2: fields differ from the first record's (use --output-format jsonl)
$(at 20),c2,s,10"
	# JSON Lines output takes both
	run -0 ccroute -c c.ini -r r.csv --output-format jsonl f1.csv f2.csv
	assert_line --index 1 "{\"arrived_at\":\"$(at 20)\",\"id\":\"c2\",\"queue\":\"s\",\"handle_s\":10,\"answered_at\":\"$(at 20)\",\"ended_at\":\"$(at 30)\",\"agent\":\"ann\",\"outcome\":\"answered\",\"wait_s\":0,\"patience_s\":null,\"route\":null,\"rna\":0}"
}

@test "replay: records slightly out of order are sorted within --reorder-window" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c3,$(at 20),s,10
		c2,$(at 10),s,10
	EOF
	# c2 (10) comes after c3 (20) in the file but is served first
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 100 ann 110 answered 90 10 - 0
c3 110 ann 120 answered 90 10 - 0'
	run -0 simp --reorder-window 15 -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 100 ann 110 answered 90 10 - 0
c3 110 ann 120 answered 90 10 - 0'
}

@test "replay: a record earlier than those already simulated is refused" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,10
		c2,$(at 4000),s,10
		c3,$(at 8000),s,10
		c4,$(at 3000),s,10
		c5,$(at 9000),s,10
	EOF
	# window 1 h: c3 (8000) lets c1 and c2 (<= 8000 - 3600) be simulated;
	# c4 (3000) is earlier than c2.  Fail-fast: the records of what ended
	# before (c1 at 10; c2 is still talking at 4000) are written, then the
	# error, exit 1
	local msg='arrived_at is earlier than records already simulated (records must come in arrival order, within --reorder-window)'
	local head='id,arrived_at,queue,handle_s,answered_at,ended_at,agent,outcome,wait_s,patience_s,route,rna'
	run -1 --separate-stderr ccroute -c c.ini -r r.csv in.csv
	assert_output "$head
c1,$(at 0),s,10,$(at 0),$(at 10),ann,answered,0,,,0"
	assert_equal "$stderr" "ccroute: in.csv:5: $msg"
	run -0 --separate-stderr ccroute --reject rej.txt -c c.ini -r r.csv in.csv
	assert_equal "$(proj <<<"$output")" 'c1 0 ann 10 answered 0 10 - 0
c2 4000 ann 4010 answered 0 10 - 0
c3 8000 ann 8010 answered 0 10 - 0
c5 9000 ann 9010 answered 0 10 - 0'
	assert_equal "$stderr" 'ccroute: 1 record rejected (see rej.txt)'
	assert_equal "$(cat rej.txt)" "# in.csv:5: $msg
c4,$(at 3000),s,10"
	# a window of 0: every record is simulated when read (c2 ends at 4010,
	# before c3 at 8000); 2 h takes c4 in
	run -1 --separate-stderr ccroute --reorder-window 0 -c c.ini -r r.csv in.csv
	assert_output "$head
c1,$(at 0),s,10,$(at 0),$(at 10),ann,answered,0,,,0
c2,$(at 4000),s,10,$(at 4000),$(at 4010),ann,answered,0,,,0"
	assert_equal "$stderr" "ccroute: in.csv:5: $msg"
	run -0 simp --reorder-window 2h -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0
c4 3000 ann 3010 answered 0 10 - 0
c2 4000 ann 4010 answered 0 10 - 0
c3 8000 ann 8010 answered 0 10 - 0
c5 9000 ann 9010 answered 0 10 - 0'
}

@test "replay: several files and stdin are one stream" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,100\n' "$(at 0)" >f1.csv
	printf 'id,arrived_at,queue,handle_s\nc2,%s,s,10\n' "$(at 10)" >f2.csv
	run -0 simp -c c.ini -r r.csv f1.csv - <f2.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0
c2 100 ann 110 answered 90 10 - 0'
	run -0 simp -c c.ini -r r.csv <f1.csv
	assert_output 'c1 0 ann 100 answered 0 100 - 0'
}

# ---- Generated arrivals ----------------------------------------------------------

@test "--generate: columns, ids, determinism, fixed handle times" {
	conf '[queue s]' 'rate = 120/h' 'handle = 30' 'agents = 2' 'priority = 3'
	run -0 --separate-stderr ccroute -c c.ini --generate --calls 3
	assert_line --index 0 'id,channel,direction,queue,priority,arrived_at,answered_at,ended_at,agent,outcome,wait_s,handle_s,patience_s,route,rna'
	assert_equal "${#lines[@]}" 4
	run awk -F, 'NR > 1 { print $1, $2, $3, $4, $5, $10, $12, $13, $15 }' <<<"$output"
	assert_output 'gen-1 voice inbound s 3 answered 30  0
gen-2 voice inbound s 3 answered 30  0
gen-3 voice inbound s 3 answered 30  0'
	# one day (the default duration) from 2000-01-01: about 2880 calls
	# (Poisson, sd 54: +- 4 sd); every one answered after its wait, 30 s
	ccroute -c c.ini --generate >g1.csv
	ccroute -c c.ini --generate >g2.csv
	cmp g1.csv g2.csv
	ccroute -c c.ini --generate --seed 7 >g3.csv
	run ! cmp -s g1.csv g3.csv
	run awk -F, 'NR > 1 { n++; if ($6 < "2000-01-01T00" || $6 >= "2000-01-02T00" || $12 != 30) bad++ }
		END { print (n >= 2664 && n <= 3096), bad + 0 }' g1.csv
	assert_output '1 0'
	# --duration 1h: about 120 (sd 11: 76 .. 164); --start moves the clock
	run -0 ccroute -c c.ini --generate --start 2026-03-02 --duration 1h
	run awk -F, 'NR > 1 { n++; if (substr($6, 1, 13) != "2026-03-02T00") bad++ }
		END { print (n >= 76 && n <= 164), bad + 0 }' <<<"$output"
	assert_output '1 0'
}

@test "--generate: --calls counts the arrivals of all queues" {
	conf '[queue s]' 'rate = 60/h' 'handle = 10' 'agents = 1' \
		'[queue t]' 'rate = 60/h' 'handle = 10' 'agents = 1'
	run -0 ccroute -c c.ini --generate --calls 7
	assert_equal "${#lines[@]}" 8
	# ids gen-1 .. gen-7, each once
	run bash -c "cut -d, -f1 <<<\"\$1\" | sed 1d | sort -t- -k2n | tr '\n' ' '" _ "$output"
	assert_output 'gen-1 gen-2 gen-3 gen-4 gen-5 gen-6 gen-7 '
}

@test "--generate: a queue's draws do not depend on the other queues" {
	conf '[queue s]' 'rate = 60/h' 'handle = exp:100' 'patience = exp:60' 'agents = 1'
	ccroute -c c.ini --generate --duration 2h | awk -F, 'NR > 1 { $1 = ""; print }' | sort >one.txt
	conf '[queue s]' 'rate = 60/h' 'handle = exp:100' 'patience = exp:60' 'agents = 1' \
		'[queue t]' 'rate = 200/h' 'handle = 10' 'agents = 1'
	ccroute -c c.ini --generate --duration 2h | awk -F, 'NR > 1 && $4 == "s" { $1 = ""; print }' | sort >two.txt
	[ -s one.txt ]
	cmp one.txt two.txt
}

# ---- Agent log and summary ---------------------------------------------------------

@test "--agent-log: spans and the summary's occupancy, by hand" {
	# ann 09:00-09:05, bob 09:01-09:03; answer delay 5, wrap-up 10
	roster agent,skills,shift ann,s,2026-03-02T09:00:00Z/2026-03-02T09:05:00Z \
		bob,s,2026-03-02T09:01:00Z/2026-03-02T09:03:00Z
	conf '[queue s]' 'wrapup = 10' 'answer_delay = 5'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,60
		c2,$(at 100),s,30
		c3,$(at 110),s,25
	EOF
	# c1 ann: ring 0-5, talk 5-65, wrap-up 65-75
	# c2 at 100: ann free since 75, bob since his login at 60 -> bob:
	#    ring 100-105, talk 105-135, wrap-up 135-145
	# c3 at 110 -> ann: ring 110-115, talk 115-140, wrap-up 140-150
	# the run ends at 150, which closes the logged_in spans
	run -0 simp -c c.ini -r r.csv --agent-log log.csv in.csv
	assert_output 'c1 5 ann 65 answered 5 60 - 0
c2 105 bob 135 answered 5 30 - 0
c3 115 ann 140 answered 5 25 - 0'
	assert_equal "$(head -1 log.csv)" 'agent,state,started_at,ended_at,duration_s,channel,queue,id'
	assert_equal "$(sed -n 2p log.csv)" "ann,ringing,$(at 0),$(at 5),5,voice,s,c1"
	run proj_log log.csv
	assert_output 'ann ringing 0 5 5 s c1
ann talk 5 65 60 s c1
ann wrapup 65 75 10 s c1
bob ringing 100 105 5 s c2
ann ringing 110 115 5 s c3
bob talk 105 135 30 s c2
ann talk 115 140 25 s c3
bob wrapup 135 145 10 s c2
ann wrapup 140 150 10 s c3
ann logged_in 0 150 150 - -
bob logged_in 60 150 90 - -'
	# occupancy = (ringing + talk + wrap-up) / logged-in time, both from the
	# end of the warm-up (0) to the last arrival (110; the drain after it
	# is left out): ann 5 + 60 + 10 = 75 (c3 starts at 110), bob's ring
	# 100-110 = 10: 85 / (ann 110 + bob 50) = 0.531250
	# waits 5, 5, 5: asa 5, all within 20 s; nobody queued
	# events: 3 arrivals, 3 ring ends, 3 ends of talk, 3 of wrap-up,
	#   bob's login (ann's at the start is no event): 13
	run -0 ccroute -c c.ini -r r.csv --summary in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,3,3,0,0,0,0.000000,0.000000,5.000,5.000,1.000000,0.531250,0.0000,,2
TOTAL,3,3,0,0,0,0.000000,0.000000,5.000,5.000,1.000000,0.531250,0.0000,13,2'
	# JSON Lines agent log with --output-format jsonl
	run -0 ccroute -c c.ini -r r.csv --agent-log log.jsonl --output-format jsonl in.csv
	assert_equal "$(head -1 log.jsonl)" "{\"agent\":\"ann\",\"state\":\"ringing\",\"started_at\":\"$(at 0)\",\"ended_at\":\"$(at 5)\",\"duration_s\":5,\"channel\":\"voice\",\"queue\":\"s\",\"id\":\"c1\"}"
	assert_equal "$(tail -1 log.jsonl)" "{\"agent\":\"bob\",\"state\":\"logged_in\",\"started_at\":\"$(at 60)\",\"ended_at\":\"$(at 150)\",\"duration_s\":90,\"channel\":null,\"queue\":null,\"id\":null}"
}

@test "--summary: occupancy never exceeds 1 when a call runs past a logout" {
	# ann (queue s) logs out at 60 but talks to c1 until 100; bob (queue t)
	# takes c2, the last arrival, at 100.  Measured up to 100: ann works
	# 100 s and is staffed, busy, until 100: s occupancy 100 / 100 = 1;
	# TOTAL (ann 100 + bob 0) / (100 + 100) = 0.5.  Counting her logged-in
	# time only to 60 would give 100 / 60 = 1.67, which no agent can do.
	roster agent,skills,shift ann,s,2026-03-02T09:00:00Z/2026-03-02T09:01:00Z bob,t,
	conf '[queue s]' '[queue t]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,100\nc2,%s,t,10\n' "$(at 0)" "$(at 100)" >in.csv
	run -0 ccroute -c c.ini -r r.csv --summary in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,1,1,0,0,0,0.000000,0.000000,0.000,0.000,1.000000,1.000000,0.0000,,1
t,1,1,0,0,0,0.000000,0.000000,0.000,0.000,1.000000,0.000000,0.0000,,1
TOTAL,2,2,0,0,0,0.000000,0.000000,0.000,0.000,1.000000,0.500000,0.0000,5,2'
}

# One agent, timeout 100: c1 answered at once (100 s), c2 waits 90, c3
# hangs up after 30, c4 answered at once (200 s), c5 times out after 100.
summary_fixture() {
	roster agent,skills ann,s
	conf '[queue s]' 'timeout = 100'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s,patience_s
		c1,$(at 0),s,100,
		c2,$(at 10),s,50,
		c3,$(at 20),s,10,30
		c4,$(at 160),s,200,
		c5,$(at 170),s,10,
	EOF
}

@test "--summary: every column on a tiny case, by hand" {
	summary_fixture
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output 'c3 - - 50 abandoned 30 - - 0
c1 0 ann 100 answered 0 100 - 0
c2 100 ann 150 answered 90 50 - 0
c5 - - 270 timeout 100 - - 0
c4 160 ann 360 answered 0 200 - 0'
	# offered 5: answered 3, abandoned 1, timeout 1, other 0
	# p_wait: c2, c3, c5 queued: 3/5 = 0.6; p_abandon 1/5 = 0.2
	# asa (0 + 90 + 0) / 3 = 30; mean wait (0 + 90 + 30 + 0 + 100) / 5 = 44
	# sl (wait <= 20 among offered): c1, c4: 2/5 = 0.4
	# occupancy and mean_queue run to the last arrival, 170:
	#   talk 100 + 50 + (170 - 160) = 160 s / 170 s logged in = 0.941176
	#   waiting 10-100, 20-50 (c5 from 170 on is left out): 120 / 170 = 0.7059
	# events: 5 arrivals + 2 timers (c3's patience, c5's timeout) + 3 ends
	run -0 --separate-stderr ccroute -c c.ini -r r.csv --summary in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,5,3,1,1,0,0.600000,0.200000,30.000,44.000,0.400000,0.941176,0.7059,,1
TOTAL,5,3,1,1,0,0.600000,0.200000,30.000,44.000,0.400000,0.941176,0.7059,10,1'
	assert_equal "$stderr" ''
	# --sl 90: c2 (90) counts too: 3/5; the table names the definition
	run -0 ccroute -c c.ini -r r.csv --summary --sl 90 --output-format table in.csv
	assert_output '# sl: answered within 90 s / offered; waits in seconds; warm-up 0 s
queue  offered  answered  abandoned  timeout  other    p_wait  p_abandon   asa_s  mean_wait_s        sl  occupancy  mean_queue  events  agents
s            5         3          1        1      0  0.600000   0.200000  30.000       44.000  0.600000   0.941176      0.7059       -       1
TOTAL        5         3          1        1      0  0.600000   0.200000  30.000       44.000  0.600000   0.941176      0.7059      10       1'
	# [sim] sl = 90 likewise
	conf '[sim]' 'sl = 90' '[queue s]' 'timeout = 100'
	run -0 ccroute -c c.ini -r r.csv --summary --output-format jsonl in.csv
	assert_line --index 1 '{"queue":"TOTAL","offered":5,"answered":3,"abandoned":1,"timeout":1,"other":0,"p_wait":0.600000,"p_abandon":0.200000,"asa_s":30.000,"mean_wait_s":44.000,"sl":0.600000,"occupancy":0.941176,"mean_queue":0.7059,"events":10,"agents":1}'
}

@test "--summary: one row per queue the interactions arrived in, other outcomes" {
	roster agent,skills ann,s bob,t
	conf '[queue s]' 'timeout = 30' 'on_timeout = queue:t' 'maxlen = 1' \
		'[queue t]' '[queue u]' 'timeout = 5' 'on_timeout = voicemail' '[queue idle]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,100
		c2,$(at 10),s,20
		c3,$(at 20),s,10
		c4,$(at 30),u,10
	EOF
	# c2 waits and moves to t at 40 (bob, 40-60, wait 30); c3 finds c2
	# waiting: busy (other); c4 in u (nobody) goes to voicemail at 35;
	# idle has no members and no traffic: left out.  Time averages run to
	# the last arrival, 30.
	# s (c1, c2, c3): answered 2, other 1; p_wait 1/3 (c2); asa (0 + 30) / 2
	#    = 15; mean wait (0 + 30 + 0) / 3 = 10; sl 1/3 (c1); occupancy of
	#    its member ann 30 / 30; c2 waiting 10-30: 20 / 30 = 0.6667
	# t: no arrivals; bob idle until 30: 0; nobody waited in t
	# u (c4): other 1, queued, mean wait 5; no members: no occupancy,
	#    agents 0; waiting 30-35 is after 30: 0
	# TOTAL: offered 4, answered 2, other 2; queued c2, c4: 0.5
	#   asa 15, mean wait (0 + 30 + 0 + 5) / 4 = 8.75, sl 1/4
	#   occupancy 30 / 60 = 0.5; mean_queue 20 / 30 = 0.6667
	#   events: 4 arrivals + 2 timeouts + 2 ends = 8; agents 2
	run -0 simp -c c.ini -r r.csv in.csv
	assert_output "c3 - - 20 busy 0 - - 0
c4 - - 35 voicemail 5 - - 0
c2 40 bob 60 answered 30 20 s>t 0
c1 0 ann 100 answered 0 100 - 0
stderr: ccroute: c.ini:6: warning: queue 'u' has no agents: its callers will time out or abandon
stderr: ccroute: c.ini:9: warning: queue 'idle' has no agents: its callers will wait for ever (no timeout, no patience)"
	run -0 --separate-stderr ccroute -c c.ini -r r.csv --summary in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,3,2,0,0,1,0.333333,0.000000,15.000,10.000,0.333333,1.000000,0.6667,,1
t,0,0,0,0,0,,,,,,0.000000,0.0000,,1
u,1,0,0,0,1,1.000000,0.000000,,5.000,0.000000,,0.0000,,0
TOTAL,4,2,0,0,2,0.500000,0.000000,15.000,8.750,0.250000,0.500000,0.6667,8,2'
}

@test "--summary --batches and --warmup on a case worked out by hand" {
	roster agent,skills ann,s
	conf '[queue s]'
	# 32 calls 100 s apart (no waiting), then 16 pairs 1 s apart: the second
	# of each pair waits 9 s.  64 calls of 10 s, the last ends at 4720.
	awk 'BEGIN { print "id,arrived_at,queue,handle_s"
		for (i = 0; i < 32; i++) print "a" i "," 1772442000 + 100 * i ",s,10"
		for (i = 0; i < 16; i++) {
			print "b" i "," 1772445200 + 100 * i ",s,10"
			print "c" i "," 1772445201 + 100 * i ",s,10" } }' >in.csv
	# --batches 2: blocks of 16 finished calls, merged in pairs at 4 blocks:
	# two batches of 32.  p_wait 0 and 0.5: mean 0.25, sd sqrt(0.125),
	# half-width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 0.25 = 3.176550;
	# asa and mean wait 0 and 4.5: 12.7062 * 2.25 = 28.589; sl 1 and 1: 0
	# whole run: p_wait 16/64 = 0.25, asa 144/64 = 2.25, events 64 + 64;
	# up to the last arrival (c15 at 4701): 62 calls done + 1 s of b15
	# (4700-4710) = 621 s of work / 4701 = 0.132100; waits of c0 .. c14,
	# 9 s each (c15's starts at 4701): 135 / 4701 = 0.0287
	run -0 ccroute -c c.ini -r r.csv --summary --batches 2 in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,p_wait_ci,p_abandon_ci,asa_s_ci,mean_wait_s_ci,sl_ci,agents
s,64,64,0,0,0,0.250000,0.000000,2.250,2.250,1.000000,0.132100,0.0287,,,,,,,1
TOTAL,64,64,0,0,0,0.250000,0.000000,2.250,2.250,1.000000,0.132100,0.0287,128,3.176550,0.000000,28.589,28.589,0.000000,1'
	# --warmup 3200: only the 32 calls of the pairs (arrived from 3200):
	# p_wait 0.5, asa 4.5; from 3200 to 4701: work 300 + 1 = 301 s,
	# occupancy 301 / 1501 = 0.200533; mean_queue 135 / 1501 = 0.0899
	run -0 ccroute -c c.ini -r r.csv --summary --warmup 3200 in.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,32,32,0,0,0,0.500000,0.000000,4.500,4.500,1.000000,0.200533,0.0899,,1
TOTAL,32,32,0,0,0,0.500000,0.000000,4.500,4.500,1.000000,0.200533,0.0899,128,1'
}

@test "ccroute | ccreport: a day replayed with another roster" {
	# handle = 60 only for r3, which nobody answers in either case
	conf '[queue s]' 'timeout = 100' 'handle = 60'
	# the real day: old records from the PBX (agent x answered them)
	cat >day.csv <<-EOF
		id,arrived_at,queue,answered_at,ended_at,agent,outcome
		r1,$(at 0),s,$(at 0),$(at 100),x,answered
		r2,$(at 10),s,$(at 15),$(at 65),x,answered
		r3,$(at 20),s,,$(at 50),,abandoned
		r4,$(at 160),s,$(at 160),$(at 360),x,answered
		r5,$(at 170),s,$(at 175),$(at 185),x,answered
	EOF
	# handle times 100, 50, -, 200, 10; r3's patience is its observed 30 s.
	# One agent (ann): r1 0-100, r2 waits 90 (100-150), r3 hangs up at 50,
	# r4 160-360, r5 times out at 270.  ccreport: offered 5, answered 3,
	# abandoned 1, timeout 1; abandon rate 20 %, asa 90/3 = 30, sl 2/5 =
	# 40 %, answered waits 0 0 90: p50 0, p90 90; aht 350/3 = 116.67
	roster agent,skills ann,s
	run -0 bash -c 'ccroute -c c.ini -r r.csv day.csv | ccreport'
	assert_output 'queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
s,5,3,1,1,0,0,20.00,30.00,40.00,0,90,90,90,90,116.67
TOTAL,5,3,1,1,0,0,20.00,30.00,40.00,0,90,90,90,90,116.67'
	# two agents: r1 ann, r2 bob (10-60), r3 hangs up at 50 (both busy),
	# r4 bob (free since 60, ann since 100) 160-360, r5 ann 170-180:
	# answered 4 at once, abandoned 1: 20 %, asa 0, sl 4/5 = 80 %,
	# aht (100 + 50 + 200 + 10) / 4 = 90
	roster agent,skills ann,s bob,s
	run -0 bash -c 'ccroute -c c.ini -r r.csv day.csv | ccreport'
	assert_output 'queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
s,5,4,1,0,0,0,20.00,0.00,80.00,0,0,0,0,0,90.00
TOTAL,5,4,1,0,0,0,20.00,0.00,80.00,0,0,0,0,0,90.00'
	run -0 bash -c 'ccroute -c c.ini -r r.csv --output-format jsonl day.csv | ccreport --by agent'
	assert_output 'agent,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
,1,0,1,0,0,0,100.00,,0.00,,,,,,
ann,2,2,0,0,0,0,0.00,0.00,100.00,0,0,0,0,0,55.00
bob,2,2,0,0,0,0,0.00,0.00,100.00,0,0,0,0,0,125.00
TOTAL,5,4,1,0,0,0,20.00,0.00,80.00,0,0,0,0,0,90.00'
}

@test "--generate | ccreport: every generated interaction is counted" {
	conf '[queue s]' 'rate = 360/h' 'handle = 20' 'agents = 3'
	ccroute -c c.ini --generate --duration 1h --seed 3 >g.csv
	local n
	n=$(($(wc -l <g.csv) - 1))
	run -0 ccreport --by= g.csv
	# offered = answered = n; aht 20.00
	assert_line --index 1 --regexp "^$n,$n,0,0,0,0,0.00,.*,20.00$"
}

# ---- Empty and bad input ------------------------------------------------------------

@test "empty input, header only, blank lines: no records, exit 0" {
	roster agent,skills ann,s
	conf '[queue s]'
	: >empty.csv
	echo id,arrived_at,queue,handle_s >header.csv
	printf '\n\n' >blank.csv
	local f
	for f in empty.csv header.csv blank.csv; do
		run -0 --separate-stderr ccroute -c c.ini -r r.csv --agent-log log.csv "$f"
		assert_output ''
		assert_equal "$stderr" ''
		[ ! -s log.csv ]
	done
	# the summary still lists the queue (it has a member), with no figures
	run -0 ccroute -c c.ini -r r.csv --summary header.csv
	assert_output 'queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
s,0,0,0,0,0,,,,,,,,,1
TOTAL,0,0,0,0,0,,,,,,,,0,1'
}

# bad_record HEADER ROW MESSAGE: ROW (line 2 after HEADER) must be refused
# with MESSAGE, fail-fast and with --reject.
bad_record() {
	printf '%s\n%s\n' "$1" "$2" >bad.csv
	bad_input "bad.csv:2: $3" -c c.ini -r r.csv bad.csv
	run -0 --separate-stderr ccroute -c c.ini -r r.csv --reject rej.txt bad.csv
	assert_output ''
	assert_equal "$stderr" 'ccroute: 1 record rejected (see rej.txt)'
	assert_equal "$(cat rej.txt)" "# bad.csv:2: $3
$2"
}

@test "bad records: every reason, fail-fast and with --reject" {
	roster agent,skills ann,s\;es
	conf '[queue s]' '[queue es]'
	local h=id,arrived_at,queue,handle_s,skills,priority,answered_at,ended_at,wait_s,patience_s
	local t
	t=$(at 0)
	bad_record $h "b1,,s,10,,,,,," 'no arrived_at'
	bad_record $h "b2,yesterday,s,10,,,,,," "bad arrived_at 'yesterday'"
	bad_record $h "b3,$t,,10,,,,,," 'no queue (and no default_queue in the configuration)'
	bad_record $h "b4,$t,nope,10,,,,,," "unknown queue 'nope'"
	bad_record $h "b5,$t,s,10,klingon,,,,," "unknown skill 'klingon'"
	bad_record $h "b6,$t,s,10,es:x,,,,," "bad skill level in 'es:x'"
	bad_record $h "b7,$t,s,10,es:1001,,,,," "bad skill level in 'es:1001'"
	bad_record $h "b8,$t,s,10,,high,,,," "bad priority 'high'"
	bad_record $h "b9,$t,s,10,,1000001,,,," "bad priority '1000001'"
	bad_record $h "b10,$t,s,10,,,soon,,," "bad answered_at 'soon'"
	bad_record $h "b11,$t,s,10,,,,later,," "bad ended_at 'later'"
	bad_record $h "b12,$t,s,10,,,,,-3," "bad wait_s '-3'"
	bad_record $h "b13,$t,s,-1,,,,,," "bad handle_s '-1'"
	bad_record $h "b14,$t,s,ten,,,,,," "bad handle_s 'ten'"
	bad_record $h "b15,$t,s,,,,,,," "no handle_s, and queue 's' has no handle distribution"
	bad_record $h "b16,$t,s,10,,,,,,forever" "bad patience_s 'forever'"
	local many
	many=$(printf 'es;%.0s' {1..65})
	bad_record $h "b17,$t,s,10,$many,,,,," 'too many skills (at most 64)'
}

@test "bad records: the count of several, the good ones simulated" {
	roster agent,skills ann,s
	conf '[queue s]'
	cat >in.csv <<-EOF
		id,arrived_at,queue,handle_s
		c1,$(at 0),s,10
		b1,$(at 1),nope,10
		c2,$(at 2),s,10
		b2,never,s,10
	EOF
	run -1 --separate-stderr ccroute -c c.ini -r r.csv in.csv
	assert_output ''
	assert_equal "$stderr" "ccroute: in.csv:3: unknown queue 'nope'"
	run -0 --separate-stderr ccroute -c c.ini -r r.csv --reject rej.txt in.csv
	assert_equal "$(proj <<<"$output")" 'c1 0 ann 10 answered 0 10 - 0
c2 10 ann 20 answered 8 10 - 0'
	assert_equal "$stderr" 'ccroute: 2 records rejected (see rej.txt)'
	assert_equal "$(cat rej.txt)" "# in.csv:3: unknown queue 'nope'
b1,$(at 1),nope,10
# in.csv:5: bad arrived_at 'never'
b2,never,s,10"
}

@test "bad input the reader meets: quotes, UTF-8, columns, NUL, huge fields" {
	roster agent,skills ann,s
	conf '[queue s]'
	local h='id,arrived_at,queue,handle_s' t
	t=$(at 0)
	printf '%s\nc1,%s,s,10\nc2,"%s,s,10\n' $h "$t" "$t" >bad.csv
	bad_input 'bad.csv:3:4: unterminated quoted field' -c c.ini -r r.csv bad.csv
	printf '%s\nc1,a"b,s,10\n' $h >bad.csv
	bad_input 'bad.csv:2:5: bad quoting (a quote inside an unquoted field, or text after a closing quote)' \
		-c c.ini -r r.csv bad.csv
	printf '%s\nc1,%s,s,10\nc2,%s,s\n' $h "$t" "$t" >bad.csv
	bad_input 'bad.csv:3: expected 4 fields, found 3' -c c.ini -r r.csv bad.csv
	printf '%s\nc1,%s,s,10,\n' $h "$t" >bad.csv
	bad_input 'bad.csv:2: expected 4 fields, found 5' -c c.ini -r r.csv bad.csv
	printf '%s\nc1,%s,s\xff,10\n' $h "$t" >bad.csv
	bad_input 'bad.csv:2:26: invalid UTF-8' -c c.ini -r r.csv bad.csv
	printf '%s\nc1,%s,s,10\n\x00\x01\x02\xfe\n' $h "$t" >bad.csv
	bad_input 'bad.csv:3:1: NUL byte' -c c.ini -r r.csv bad.csv
	printf '\x89PNG\r\n\x1a\n\x00\x00' >bad.csv
	bad_input 'bad.csv:1:1: bad header: invalid UTF-8' -c c.ini -r r.csv bad.csv
	# a 2000-byte field: refused at 1000, accepted at 2000 (--max-field is
	# an abbreviation of --max-field-size)
	printf '%s,note\nc1,%s,s,10,%s\n' $h "$t" "$(printf 'x%.0s' {1..2000})" >big.csv
	bad_input 'big.csv:2:30: field 5 is longer than 1000 bytes (--max-field-size)' \
		--max-field-size 1000 -c c.ini -r r.csv big.csv
	bad_input 'big.csv:2:30: field 5 is longer than 1000 bytes (--max-field-size)' \
		--max-field 1000 -c c.ini -r r.csv big.csv
	run -0 simp --max-field-size 2000 -c c.ini -r r.csv big.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0'
	# JSON Lines: not flat, not JSON
	printf '{"arrived_at":"%s","queue":"s","handle_s":1,"tags":[1]}\n' "$t" >bad.jsonl
	bad_input 'bad.jsonl:1:70: nested array in a record (records must be flat)' \
		-c c.ini -r r.csv bad.jsonl
	# a bad row with --reject: written verbatim, the rest simulated
	printf '%s\nc1,%s,s,10\nc2,%s,s\nc3,%s,s,10\n' $h "$t" "$t" "$(at 5)" >bad.csv
	run -0 --separate-stderr ccroute --reject rej.txt -c c.ini -r r.csv bad.csv
	assert_equal "$(proj <<<"$output")" 'c1 0 ann 10 answered 0 10 - 0
c3 10 ann 20 answered 5 10 - 0'
	assert_equal "$stderr" 'ccroute: 1 record rejected (see rej.txt)'
	assert_equal "$(cat rej.txt)" "# bad.csv:3: expected 4 fields, found 3
c2,$t,s"
}

@test "files that cannot be opened or written" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,10\n' "$(at 0)" >in.csv
	bad_input 'cannot open missing.csv: No such file or directory' -c c.ini -r r.csv missing.csv
	bad_input 'cannot open nodir/x: No such file or directory' -c c.ini -r r.csv -o nodir/x in.csv
	bad_input 'cannot open nodir/x: No such file or directory' -c c.ini -r r.csv --reject nodir/x in.csv
	bad_input 'cannot open nodir/x: No such file or directory' -c c.ini -r r.csv --agent-log nodir/x in.csv
	bad_input 'cannot open missing.ini: No such file or directory' -c missing.ini in.csv
	# -o FILE
	run -0 --separate-stderr ccroute -c c.ini -r r.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$(proj <out.csv)" 'c1 0 ann 10 answered 0 10 - 0'
}

@test "a write to /dev/full is an error" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,10\n' "$(at 0)" >in.csv
	local opts
	for opts in '' --summary '--output-format jsonl' '--summary --output-format table'; do
		run -1 --separate-stderr bash -c 'ccroute $1 -c c.ini -r r.csv in.csv >/dev/full' _ "$opts"
		assert_equal "$stderr" 'ccroute: write error: No space left on device'
	done
	run -1 --separate-stderr ccroute -c c.ini -r r.csv -o /dev/full in.csv
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
	run -1 --separate-stderr ccroute -c c.ini -r r.csv --agent-log /dev/full in.csv
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
	printf 'id,arrived_at,queue,handle_s\nb1,%s,nope,10\n' "$(at 0)" >bad.csv
	run -1 --separate-stderr ccroute -c c.ini -r r.csv --reject /dev/full bad.csv
	assert_equal "$stderr" 'ccroute: 1 record rejected (see /dev/full)
ccroute: write error: /dev/full: No space left on device'
	run -1 --separate-stderr bash -c 'ccroute --help >/dev/full'
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
	run -1 --separate-stderr bash -c 'ccroute --version >/dev/full'
	assert_equal "$stderr" 'ccroute: write error: No space left on device'
}

# ---- Options --------------------------------------------------------------------

@test "usage errors of the run options, with exact messages" {
	conf '[queue s]'
	usage_error '--config is required'
	usage_error '--config is required' --summary
	usage_error "option requires an argument -- 'c'" -c
	usage_error "unrecognized option '--bogus'" -c c.ini --bogus
	usage_error "invalid option -- 'x'" -c c.ini -x
	usage_error "option '--summary' doesn't allow an argument" -c c.ini --summary=yes
	usage_error "invalid --start 'tomorrow': use RFC 3339, epoch seconds or YYYY-MM-DD" \
		-c c.ini --generate --start tomorrow
	usage_error "invalid --end '2000-13-01': use RFC 3339, epoch seconds or YYYY-MM-DD" \
		-c c.ini --generate --end 2000-13-01
	usage_error "invalid --duration '5x': a duration such as 90, 15m, 2h or 1d is needed" \
		-c c.ini --generate --duration 5x
	usage_error "invalid --duration '0': a duration such as 90, 15m, 2h or 1d is needed" \
		-c c.ini --generate --duration 0
	usage_error "invalid --warmup '-1': a duration such as 90, 15m, 2h or 1d is needed" \
		-c c.ini --summary --warmup -1
	usage_error "invalid --reorder-window 'abc': a duration such as 90, 15m, 2h or 1d is needed" \
		-c c.ini --reorder-window abc
	usage_error "invalid --calls '0': a whole number from 1 to 1000000000000 is needed" \
		-c c.ini --generate --calls 0
	usage_error "invalid --batches '1': a whole number from 2 to 1000 is needed" \
		-c c.ini --summary --batches 1
	usage_error "invalid --batches '1001': a whole number from 2 to 1000 is needed" \
		-c c.ini --summary --batches 1001
	usage_error "invalid --sl '86401': a duration of at most a day is needed" \
		-c c.ini --summary --sl 86401
	usage_error "invalid --sl 'x': a duration such as 90, 15m, 2h or 1d is needed" \
		-c c.ini --summary --sl x
	usage_error "--input-format, --reject, --max-field-size and --reorder-window apply to replayed records, not to --generate" \
		-c c.ini --generate --reject r.txt
	usage_error "--input-format, --reject, --max-field-size and --reorder-window apply to replayed records, not to --generate" \
		-c c.ini --generate --reorder-window 5m
	usage_error "invalid --max-field-size '0': a whole number from 1 to 1073741824 is needed" \
		-c c.ini --max-field-size 0
	usage_error "invalid --seed '-1': a whole number from 0 to 2^64-1 is needed" -c c.ini --seed -1
	usage_error "invalid --seed '': a whole number from 0 to 2^64-1 is needed" -c c.ini --seed ''
	usage_error "invalid --seed '18446744073709551616': a whole number from 0 to 2^64-1 is needed" \
		-c c.ini --seed 18446744073709551616
	usage_error "invalid --input-format 'table': auto, csv or jsonl" -c c.ini --input-format table
	usage_error "invalid --output-format 'html': csv, jsonl, table or markdown" \
		-c c.ini --output-format html
	usage_error "invalid --output-format 'auto': csv, jsonl, table or markdown" \
		-c c.ini --output-format auto
	usage_error 'check takes only --config, --roster and --tz' check -c c.ini --seed 2
	usage_error 'check takes only --config, --roster and --tz' check -c c.ini in.csv
	usage_error '--generate reads no files' -c c.ini --generate in.csv
	usage_error '--start, --end, --duration and --calls need --generate' -c c.ini --calls 5
	usage_error '--start, --end, --duration and --calls need --generate' -c c.ini --start 2000-01-01
	usage_error '--end and --duration cannot be used together' \
		-c c.ini --generate --end 2000-01-02 --duration 1h
	usage_error '--batches, --warmup and --sl need --summary' -c c.ini --sl 20
	usage_error '--batches, --warmup and --sl need --summary' -c c.ini --batches 5
	usage_error '--batches, --warmup and --sl need --summary' -c c.ini --warmup 1h
	usage_error "unknown time zone 'Mars/Base'" -c c.ini --tz Mars/Base
	usage_error '--end must be after --start' -c c.ini --generate --start 2000-01-02 --end 2000-01-01
	usage_error '--end must be after --start' -c c.ini --generate --start 2000-01-02 --end 2000-01-02
}

@test "--seed: the largest seed is accepted; seeds change random runs only" {
	roster agent,skills ann,s
	conf '[queue s]'
	printf 'id,arrived_at,queue,handle_s\nc1,%s,s,10\n' "$(at 0)" >in.csv
	run -0 simp --seed 18446744073709551615 -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0'
	run -0 simp --seed 0 -c c.ini -r r.csv in.csv
	assert_output 'c1 0 ann 10 answered 0 10 - 0'
}

@test "--help and --version" {
	run -0 --separate-stderr ccroute --help
	assert_line --index 0 'Usage: ccroute [OPTION]... --config=FILE [FILE]...'
	assert_line --index 1 '  or:  ccroute [OPTION]... --config=FILE --generate'
	assert_line --index 2 '  or:  ccroute check --config=FILE [--roster=FILE]'
	assert_line --index 3 '  or:  ccroute erlang [OPTION]... [FORECAST]...'
	local opt
	for opt in --config --roster --tz --generate --start --end --duration --calls --seed \
		--reorder-window --summary --batches --warmup --sl --agent-log --input-format \
		--output-format --output --reject --max-field-size --quiet --help --version; do
		assert_output --partial -- "$opt"
	done
	assert_line 'Exit status: 0 success, 1 bad input, a bad configuration or roster, or a'
	assert_equal "$stderr" ''
	run -0 --separate-stderr ccroute --version
	assert_line --index 0 --regexp '^ccroute \(cctk\) [0-9]'
	assert_equal "$stderr" ''
	# --help wins over a missing --config
	run -0 ccroute --summary --help
	assert_line --index 0 --partial 'Usage: ccroute'
}
