#!/usr/bin/env bats
# ccroute-docs.bats: ccroute(1), the README, cctk(7) and the samples say
# what ccroute does.
#
# The examples are taken from the roff source mechanically, as in
# ccreport-docs.bats: in the EXAMPLES section each line inside an .EX/.EE
# block that starts with "$ " is a command (a line ending in "\e" goes on
# with the next), and the lines after it, up to the next command or .EE,
# are its output as shown.  Every command runs; every shown output is what
# ccroute prints; and the figures are worked out independently where they
# can be: by hand (the desk examples, arithmetic in the comments), from the
# sample files (tests/data/route-docs.py, written from the man page), from
# the records of the same run (counts and ratios the summary must agree
# with), and from the Erlang formulas (tests/data/route-erlang-oracle.py,
# an independent model), against which the simulated queues must lie within
# their confidence half-widths.
#
# Environment (from AM_TESTS_ENVIRONMENT): PATH has the built ccroute and
# ccreport, TOP_SRCDIR is the source tree, TEST_DATA tests/data.
bats_require_minimum_version 1.5.0

setup() {
	load ccroute
	: "${TOP_SRCDIR:?TOP_SRCDIR is not set: run through make check}"
	command -v python3 >/dev/null || {
		echo "python3 is needed by this test file (it checks the figures)" >&2
		return 1
	}
	PAGE=$TOP_SRCDIR/man/ccroute.1
	ORACLE=$TEST_DATA/route-erlang-oracle.py
	S=$TOP_SRCDIR/samples
	TMP=$BATS_TEST_TMPDIR
}

helper() { python3 "$TEST_DATA/route-docs.py" "$@"; }

# The text of section NAME of ccroute(1).
section() { helper section "$PAGE" "$1"; }

# The output shown for the example whose command contains TEXT (the first
# one).
shown_for() {
	local cmd out
	while IFS=$'\x1f' read -r -d '' cmd out; do
		if [[ $cmd == *"$1"* ]]; then
			printf '%s\n' "$out"
			return 0
		fi
	done < <(helper shown "$PAGE")
	echo "no example with output contains: $1" >&2
	return 1
}

# Run a shell command from the top of the source tree.
in_top() { (cd "$TOP_SRCDIR" && bash -o pipefail -c "$1"); }

# ---- options, sections, names ----------------------------------------------

@test "every option in ccroute --help is in ccroute(1) OPTIONS" {
	run -0 ccroute --help
	opts=$(grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' <<<"$output" | tr -d ' ,' | sort -u)
	[ "$(wc -l <<<"$opts")" -ge 24 ]
	text=$(section OPTIONS)
	missing=
	for o in $opts; do
		grep -qE -- "(^|[^a-z-])${o}([^a-z-]|\$)" <<<"$text" || missing="$missing $o"
	done
	[ -z "$missing" ] || { echo "not in OPTIONS:$missing"; false; }
}

@test "every option in ccroute erlang --help is in the ERLANG section" {
	run -0 ccroute erlang --help
	opts=$(grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' <<<"$output" | tr -d ' ,' | sort -u)
	[ "$(wc -l <<<"$opts")" -ge 20 ]
	text=$(section ERLANG)
	missing=
	for o in $opts; do
		grep -qE -- "(^|[^a-z-])${o}([^a-z-]|\$)" <<<"$text" || missing="$missing $o"
	done
	[ -z "$missing" ] || { echo "not in ERLANG:$missing"; false; }
}

@test "ccroute(1) has the sections it should, and is under 100 kB" {
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "CONFIGURATION FILE" ROSTER ARRIVALS \
		ROUTING OUTPUT ERLANG THEORY "EXIT STATUS" DIAGNOSTICS LIMITS EXAMPLES \
		"SEE ALSO"; do
		grep -qx "\.SH \"*$s\"*" "$PAGE" || { echo "no section $s"; false; }
	done
	for s in Strategies Ringing Targets Wrap-up Shifts "Capacity and channels" \
		Records Outcomes "Agent log" Summary "Batch means" Staffing; do
		grep -qx "\.SS \"*$s\"*" "$PAGE" || { echo "no subsection $s"; false; }
	done
	[ "$(wc -c <"$PAGE")" -lt 100000 ]
}

@test "every configuration key of the reader is in CONFIGURATION FILE" {
	keys=$(sed -n '/key_names\[NKEYS\] = {/,/};/p' "$TOP_SRCDIR/src/ccroute/config.c" \
		| grep -oE '"[a-z_]+"' | tr -d '"')
	[ "$(wc -l <<<"$keys")" -ge 29 ]
	text=$(section "CONFIGURATION FILE")
	missing=
	for k in $keys; do
		grep -qE "^$k +=" <<<"$text" || missing="$missing $k"
	done
	[ -z "$missing" ] || { echo "keys not documented:$missing"; false; }
}

@test "every strategy name and alias is in ccroute(1)" {
	names=$(sed -n '/^} strategies\[\] = {/,/^};/p' "$TOP_SRCDIR/src/ccroute/config.c" \
		| grep -oE '"[a-z-]+"' | tr -d '"')
	[ "$(wc -l <<<"$names")" -ge 13 ]
	text=$(section "CONFIGURATION FILE")
	for n in $names; do
		grep -qw -- "$n" <<<"$text" || { echo "strategy $n not documented"; false; }
	done
	routing=$(section ROUTING)
	for n in longest-idle fewest-calls least-talk-time linear round-robin random \
		weighted-random ring-all; do
		grep -qx -- "$n" <<<"$routing" || { echo "ROUTING does not explain $n"; false; }
	done
}

@test "every roster column and every replayed field read is documented" {
	cols=$(sed -n '/slot_names\[NSLOTS\]/,/;/p' "$TOP_SRCDIR/src/ccroute/roster.c" \
		| grep -oE '"[a-z_]+"' | tr -d '"')
	[ "$(wc -l <<<"$cols")" -eq 6 ]
	text=$(section ROSTER)
	for c in $cols; do
		grep -qx -- "$c" <<<"$text" || { echo "roster column $c not in ROSTER"; false; }
	done
	fields=$(sed -n '/slot_names\[S_N\]/,/;/p' "$TOP_SRCDIR/src/ccroute/replay.c" \
		| grep -oE '"[a-z_]+"' | tr -d '"')
	[ "$(wc -l <<<"$fields")" -eq 10 ]
	text=$(section ARRIVALS)
	for f in $fields; do
		grep -qw -- "$f" <<<"$text" || { echo "field $f not in ARRIVALS"; false; }
	done
}

@test "every column ccroute writes is in OUTPUT, every erlang column in ERLANG" {
	d=$(scratch)
	printf '%s\n' '[queue q]' 'agents = 2' 'rate = 60/h' 'handle = exp:1m' >"$d/q.ini"
	run -0 ccroute --config "$d/q.ini" --generate --calls 20 --agent-log "$d/a.csv"
	gen=$(head -n 1 <<<"$output")
	run -0 ccroute --config "$d/q.ini" --generate --calls 20 --summary --batches 2 \
		--output-format csv
	sum=$(head -n 1 <<<"$output")
	alog=$(head -n 1 "$d/a.csv")
	text=$(section OUTPUT)
	missing=
	for c in ${gen//,/ } ${sum//,/ } ${alog//,/ }; do
		grep -qw -- "$c" <<<"$text" || missing="$missing $c"
	done
	[ -z "$missing" ] || { echo "not in OUTPUT:$missing"; false; }
	run -0 ccroute erlang --calls 10 --aht 60 --agents 1
	c=$(head -n 1 <<<"$output")
	run -0 ccroute erlang --model b --calls 10 --aht 60 --agents 1
	b=$(head -n 1 <<<"$output")
	text=$(section ERLANG)
	for x in ${c//,/ } ${b//,/ } erlang-a erlang-b erlang-c; do
		grep -qw -- "$x" <<<"$text" || { echo "erlang column $x not in ERLANG"; false; }
	done
}

@test "every outcome and every agent-log state is described" {
	outcomes=$(sed -n '/outcome_name\[O_COUNT\] = {/,/};/p' "$TOP_SRCDIR/src/ccroute/sim.c" \
		| grep -oE '"[a-z_]+"' | tr -d '"')
	[ "$(wc -l <<<"$outcomes")" -eq 9 ]
	text=$(section OUTPUT)
	for o in $outcomes; do
		grep -qx -- "$o" <<<"$text" || { echo "outcome $o has no entry in OUTPUT"; false; }
	done
	for s in logged_in paused ringing talk wrapup; do
		grep -qw -- "$s" <<<"$text" || { echo "state $s not in OUTPUT"; false; }
	done
}

# ---- the messages ------------------------------------------------------------

# diag STATUS DOCLINE ARG...: 'ccroute ARG...' exits with STATUS and prints
# the message DOCLINE that DIAGNOSTICS lists ('X' standing for any quoted
# value, N for a number, FILE for a file name).
diag() {
	local status=$1 doc=$2
	shift 2
	run "-$status" --separate-stderr ccroute "$@"
	helper diag "$PAGE" "$doc" <<<"$stderr" || {
		echo "command: ccroute $*"
		return 1
	}
}

# conf LINE...: write the configuration $D/c.ini.
conf() { printf '%s\n' "$@" >"$D/c.ini"; }

# ros LINE...: write the roster $D/r.csv.
ros() { printf '%s\n' "$@" >"$D/r.csv"; }

@test "the usage errors listed in DIAGNOSTICS are those ccroute prints" {
	D=$(scratch)
	conf '[queue q]' 'agents = 1' 'rate = 1/h' 'handle = 60'
	c=$D/c.ini
	diag 2 '--config is required'
	diag 2 'check takes only --config, --roster and --tz' check --config "$c" --seed 2
	diag 2 '--generate reads no files' --config "$c" --generate "$c"
	diag 2 '--input-format, --reject, --max-field-size and --reorder-window apply to replayed records, not to --generate' \
		--config "$c" --generate --reorder-window 0
	diag 2 '--start, --end, --duration and --calls need --generate' --config "$c" --calls 5
	diag 2 '--end and --duration cannot be used together' --config "$c" --generate \
		--end 2026-03-03 --duration 1h
	diag 2 '--end must be after --start' --config "$c" --generate --start 2026-03-02 \
		--end 2026-03-01
	diag 2 '--batches, --warmup and --sl need --summary' --config "$c" --batches 5
	diag 2 "unknown time zone 'X'" --config "$c" --tz Nowhere/City
	diag 2 "invalid --start 'X': use RFC 3339, epoch seconds or YYYY-MM-DD" --config "$c" \
		--generate --start yesterday
	diag 2 "invalid --duration 'X': a duration such as 90, 15m, 2h or 1d is needed" \
		--config "$c" --generate --duration soon
	diag 2 "invalid --sl 'X': a duration of at most a day is needed" --config "$c" --summary \
		--sl 2d
	diag 2 "invalid --calls 'X': a whole number from 1 to 1000000000000 is needed" \
		--config "$c" --generate --calls 0
	diag 2 "invalid --seed 'X': a whole number from 0 to 2^64-1 is needed" --config "$c" \
		--seed -1
	diag 2 "invalid --output-format 'X': csv, jsonl, table or markdown" --config "$c" \
		--output-format html
}

@test "the configuration messages listed in DIAGNOSTICS are those ccroute prints" {
	D=$(scratch)
	c=$D/c.ini
	conf '[queue q]' 'hello'
	diag 1 "expected '[section]' or 'key = value'" check --config "$c"
	conf '[queue q]' '= 3'
	diag 1 "missing key before '='" check --config "$c"
	conf '[queue q'
	diag 1 "'[' without ']'" check --config "$c"
	conf '[ ]'
	diag 1 'empty section header (expected [sim], [queue NAME] or [queue *])' check --config "$c"
	conf '[queue q] x'
	diag 1 "text after ']'" check --config "$c"
	conf '[desk]'
	diag 1 "unknown section 'X' (expected [sim], [queue NAME] or [queue *])" check --config "$c"
	conf '[sim x]'
	diag 1 'section [sim] takes no name' check --config "$c"
	conf '[sim]' '[queue q]' '[sim]'
	diag 1 'duplicate section [sim] (first at line N)' check --config "$c"
	conf '[queue]'
	diag 1 'section [queue] needs a name: [queue NAME] or [queue *]' check --config "$c"
	conf '[queue billing]' '[queue billing]'
	diag 1 'duplicate section [queue billing] (first at line N)' check --config "$c"
	conf 'timeout = 1'
	diag 1 "key 'X' outside a section" check --config "$c"
	conf '[queue billing]' 'colour = red'
	diag 1 "unknown key 'X' in [queue billing]" check --config "$c"
	conf '[queue q]' 'timeout = 1' 'timeout = 2'
	diag 1 "duplicate key 'timeout' (first at line N)" check --config "$c"
	conf '[queue q]' 'handle ='
	diag 1 "empty value for 'handle'" check --config "$c"
	conf '[sim]' 'skill_levels = stars' '[queue q]'
	diag 1 "bad skill_levels 'X' (expected penalty or proficiency)" check --config "$c"
	conf '[queue q]' 'skill = a;b'
	diag 1 "bad skill 'X' (a skill name may not hold ':', ';' or control characters)" \
		check --config "$c"
	conf '[queue q]' 'timeout = soon'
	diag 1 "bad timeout 'X' (expected a duration above 0 such as 90, 30s or 2m, or none)" \
		check --config "$c"
	conf '[queue q]' 'wrapup = -5'
	diag 1 "bad wrapup '-5' (a duration cannot be negative)" check --config "$c"
	conf '[queue q]' 'maxlen = many'
	diag 1 "bad maxlen 'X' (expected a whole number from 0 to 1000000000)" check --config "$c"
	conf '[queue q]' 'join_empty = maybe'
	diag 1 "bad join_empty 'X' (expected yes or no)" check --config "$c"
	conf '[queue q]' 'strategy = best'
	diag 1 "bad strategy 'X' (expected longest-idle, round-robin, ... or ring-all)" \
		check --config "$c"
	conf '[queue q]' 'rna = 1'
	diag 1 "bad rna 'X' (expected a probability from 0 to below 1, such as 0.1)" \
		check --config "$c"
	conf '[queue q]' 'on_timeout = elsewhere'
	diag 1 "bad on_timeout 'X' (expected hangup, voicemail, callback, overflow or queue:NAME)" \
		check --config "$c"
	conf '[queue q]' 'on_timeout = queue:nowhere'
	diag 1 "on_timeout: unknown queue 'X'" check --config "$c"
	conf '[queue q]' 'on_timeout = queue:q'
	diag 1 "on_timeout: queue 'X' is this queue itself" check --config "$c"
	conf '[queue q]' 'handle = gauss:3'
	diag 1 "handle: bad distribution 'X' (expected DURATION, exp:MEAN, ...)" check --config "$c"
	conf '[queue q]' 'handle = empirical:x.txt'
	diag 1 'handle: FILE: No such file or directory' check --config "$c"
	conf '[queue q]' 'expand = 30'
	diag 1 "bad expand step 'X' (expected SECONDS:LEVEL, such as 30:1, ...)" check --config "$c"
	conf '[queue q]' 'expand = 30:1, 20:2'
	diag 1 "bad expand step 'X' (the times must increase)" check --config "$c"
	conf '[queue q]' 'expand = 30:3, 60:1'
	diag 1 'bad expand step 2: level 1 does not widen level 3 (with penalties the levels must increase)' \
		check --config "$c"
	conf '[sim]' 'skill_levels = proficiency' '[queue q]' 'start_level = 2' 'expand = 30:4'
	diag 1 'bad expand step 1: level 4 does not widen start_level 2 (with proficiencies the levels must decrease)' \
		check --config "$c"
	conf '[queue q]' 'start_level = top'
	diag 1 "bad start_level 'X' (expected a whole number from 0 to 1000)" check --config "$c"
	conf '[queue q]' 'handle = 60' 'rate = lots'
	diag 1 "bad rate 'X' (expected N/UNIT such as 120/h, 2/m or 40/30m, a bare N per hour, or comma-separated HH:MM RATE steps)" \
		check --config "$c"
	conf '[queue q]' 'handle = 60' 'rate = 08:00 1/h, soon'
	diag 1 "bad rate step 'X' (expected HH:MM RATE, such as 08:00 120/h)" check --config "$c"
	conf '[queue q]' 'handle = 60' 'rate = 08:00 1/h, 07:00 2/h'
	diag 1 "bad rate step 'X' (the times must increase)" check --config "$c"
	conf '[queue q]' 'rate = 1/h'
	diag 1 "'rate' needs 'handle' (the handling time of generated arrivals)" check --config "$c"
	conf '[queue q]' 'capacity = 2'
	diag 1 "'capacity' needs 'agents' (it is the capacity of the synthetic agents)" \
		check --config "$c"
	conf '[queue *]' 'agents = 2'
	diag 1 "[queue *] may not have 'agents'" check --config "$c"
	for i in $(seq 1 16); do printf '[queue q%d]\nchannel = c%d\n' "$i" "$i"; done >"$c"
	diag 1 'too many channels (at most 16)' check --config "$c"
	conf '[sim]' 'default_queue = x' '[queue q]'
	diag 1 "unknown default_queue 'X' (no such queue and no [queue *])" check --config "$c"
	conf '[queue q]' 'patience = exp:1m'
	diag 0 "warning: queue 'X' has no agents: its callers will time out or abandon" \
		check --config "$c"
	conf '[queue q]'
	diag 0 "warning: queue 'X' has no agents: its callers will wait for ever (no timeout, no patience)" \
		check --config "$c"
	conf '[queue q]' 'join_empty = no'
	diag 0 "warning: queue 'X' has no agents: its callers will be turned away (join_empty = no)" \
		check --config "$c"
	# The file without queues, in the text after the list.
	conf '[sim]'
	run -1 --separate-stderr ccroute check --config "$c"
	assert_equal "$stderr" "ccroute: $c: no queues (a [queue NAME] or [queue *] section is needed)"
	grep -qF 'CONF: no queues (a [queue NAME] or [queue *] section is needed)' \
		<<<"$(section DIAGNOSTICS)"
}

@test "the roster messages listed in DIAGNOSTICS are those ccroute prints" {
	D=$(scratch)
	conf '[queue billing]' '[queue chat]' 'channel = chat'
	c=$D/c.ini r=$D/r.csv
	ros 'name,skills' 'ann,billing'
	diag 1 "the roster has no 'agent' column" check --config "$c" --roster "$r"
	ros 'agent,skills' ',billing'
	diag 1 'missing agent name' check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,billing' 'ann,billing'
	diag 1 "duplicate agent 'X' (first at FILE:N)" check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,cooking'
	diag 1 "unknown skill 'X'" check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,billing:high'
	diag 1 "bad level 'X' of skill 'billing' (expected a whole number from 0 to 1000)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,billing;billing:2'
	diag 1 "skill 'X' given twice" check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,billing;;chat'
	diag 1 "empty item in skills 'X'" check --config "$c" --roster "$r"
	printf '%s\n' '[queue billing]' 'skill = money' '[queue *]' >"$D/t.ini"
	ros 'agent,skills' 'ann,billing'
	diag 1 "unknown skill 'X' (queue 'X' needs skill 'X')" check --config "$D/t.ini" --roster "$r"
	ros 'agent,skills,channels' 'ann,chat,chat:2;chat:3'
	diag 1 "channel 'X' given twice" check --config "$c" --roster "$r"
	ros 'agent,skills,channels' 'ann,billing,voice'
	diag 1 "bad channels item 'X' (expected CHANNEL:CAPACITY, such as chat:3)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,channels' 'ann,chat,chat:lots'
	diag 1 "bad capacity 'X' of channel 'chat' (expected a whole number from 0 to 1000)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,channels' 'ann,chat,voice:1'
	diag 1 "agent 'X' serves queue 'chat' (chat) but has no chat capacity" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,shift' 'ann,billing,mornings'
	diag 1 "bad shift span 'X' (expected HH:MM-HH:MM or TIME/TIME)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,shift' 'ann,billing,2026-03-02T10:00:00Z/2026-03-02T09:00:00Z'
	diag 1 "bad shift span 'X' (its end is not after its start)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,shift' 'ann,billing,08:00-12:00;11:00-15:00'
	diag 1 "shift spans '08:00-12:00' and '11:00-15:00' overlap" \
		check --config "$c" --roster "$r"
	ros 'agent,skills,shift' 'ann,billing,08:00-12:00;2026-03-02T13:00:00Z/2026-03-02T17:00:00Z'
	diag 1 'shift mixes daily (HH:MM-HH:MM) and dated (TIME/TIME) spans' \
		check --config "$c" --roster "$r"
	ros 'agent,skills,wrapup_s' 'ann,billing,-30'
	diag 1 "bad wrapup_s '-30' (a duration cannot be negative)" check --config "$c" --roster "$r"
	ros 'agent,skills,weight' 'ann,billing,heavy'
	diag 1 "bad weight 'X' (expected a number above 0, at most 1000000)" \
		check --config "$c" --roster "$r"
	ros 'agent,skills' 'ann,billing' 'bob,'
	diag 0 "warning: agent 'X' has no skill of any queue" check --config "$c" --roster "$r"
	ros 'agent,skills,channels' 'ann,billing,voice:1;email:2'
	diag 0 "warning: channel 'X' is the channel of no queue" check --config "$c" --roster "$r"
	ros 'agent,skills'
	diag 0 'warning: the roster has no agents' check --config "$c" --roster "$r"
}

@test "the record messages listed in DIAGNOSTICS are those ccroute prints" {
	D=$(scratch)
	conf '[queue q]' 'agents = 1' '[queue x]' 'agents = 1' 'handle = 60'
	c=$D/c.ini
	t=2026-03-02T09:00:00Z
	rec() { printf '%s\n' "$@" >"$D/in.csv"; }
	rec 'id,queue,handle_s' 'a,q,60'
	diag 1 'no arrived_at' --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s' 'a,q,nine,60'
	diag 1 "bad arrived_at 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s' "a,q,$t,60" 'b,q,2026-03-02T08:00:00Z,60'
	diag 1 'arrived_at is earlier than records already simulated (records must come in arrival order, within --reorder-window)' \
		--config "$c" --reorder-window 0 "$D/in.csv"
	rec 'id,arrived_at,handle_s' "a,$t,60"
	diag 1 'no queue (and no default_queue in the configuration)' --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s' "a,elsewhere,$t,60"
	diag 1 "unknown queue 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,skills' "a,q,$t,60,french"
	diag 1 "unknown skill 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,skills' "a,q,$t,60,x:fluent"
	diag 1 "bad skill level in 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,priority' "a,q,$t,60,high"
	diag 1 "bad priority 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,answered_at' "a,q,$t,60,soon"
	diag 1 "bad answered_at 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,ended_at' "a,q,$t,60,later"
	diag 1 "bad ended_at 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,wait_s' "a,q,$t,60,-3"
	diag 1 "bad wait_s 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s' "a,q,$t,long"
	diag 1 "bad handle_s 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s,patience_s' "a,q,$t,60,forever"
	diag 1 "bad patience_s 'X'" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at' "a,q,$t"
	diag 1 "no handle_s, and queue 'X' has no handle distribution" --config "$c" "$D/in.csv"
	rec 'id,queue,arrived_at,handle_s' "a,q,$t,60"
	printf '%s\n' 'id,queue,arrived_at,handle_s,note' "b,q,$t,60,hi" >"$D/in2.csv"
	diag 1 "fields differ from the first record's (use --output-format jsonl)" \
		--config "$c" "$D/in.csv" "$D/in2.csv"
}

@test "the other messages listed in DIAGNOSTICS are those ccroute prints" {
	D=$(scratch)
	c=$D/c.ini
	t=2026-03-02T09:00:00Z
	conf '[queue q]' 'agents = 1' '[queue *]' 'patience = 1m'
	printf '%s\n' 'id,queue,arrived_at,handle_s' "a,new,$t,60" >"$D/in.csv"
	diag 0 "warning: queue 'X' is not configured: made from [queue *], nobody serves it" \
		--config "$c" "$D/in.csv"
	conf '[queue q]' '[queue p]' 'agents = 1'
	printf '%s\n' 'id,queue,arrived_at,handle_s' "a,q,$t,60" "b,q,$t,60" >"$D/in.csv"
	diag 0 "warning: N interactions in queue 'X' could never be served" \
		--config "$c" "$D/in.csv"
	conf '[queue a]' 'timeout = 1' 'on_timeout = queue:b' '[queue b]' 'timeout = 1' \
		'on_timeout = queue:a'
	printf '%s\n' 'id,queue,arrived_at,handle_s' "a,a,$t,60" "b,a,$t,60" >"$D/in.csv"
	diag 0 'warning: N interactions moved between queues 32 times and ended there' \
		--config "$c" "$D/in.csv"
	conf '[queue q]' 'agents = 1'
	printf '%s\n' 'id,queue,arrived_at,handle_s' "a,q,$t,x" "b,q,$t,y" "c,q,$t,60" >"$D/in.csv"
	diag 0 'N records rejected (see FILE)' --config "$c" --reject "$D/rej" "$D/in.csv"
	diag 1 'cannot open FILE: reason' --config "$D/none.ini"
	printf '%s\n' 'id,queue,arrived_at,handle_s' "a,q,$t,60" >"$D/in.csv"
	diag 1 'write error: No space left on device' --config "$c" -o /dev/full "$D/in.csv"
}

# ---- rendering ---------------------------------------------------------------

@test "ccroute(1) renders without warnings" {
	for p in man/ccroute.1 man/cctk.7; do
		warn=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
			man --warnings -E UTF-8 -l -Tutf8 -Z "$TOP_SRCDIR/$p" 2>&1 >/dev/null)
		[ -z "$warn" ] || { echo "man: $p: $warn"; false; }
		warn=$(groff -man -ww -z "$TOP_SRCDIR/$p" 2>&1)
		[ -z "$warn" ] || { echo "groff: $p: $warn"; false; }
	done
}

@test "lexgrog reads the NAME line of ccroute(1)" {
	run -0 lexgrog "$PAGE"
	[[ $output == *': "ccroute - '* ]] || { echo "$output"; false; }
}

@test "ccroute(1) carries the version ccroute reports" {
	run -0 ccroute --version
	version=$(head -n 1 <<<"$output" | awk '{print $NF}')
	grep -q "^\.TH CCROUTE 1 .*\"cctk $version\"" "$PAGE"
}

# ---- the examples ------------------------------------------------------------

@test "every example in ccroute(1) runs and prints something" {
	n=0
	while IFS= read -r -d '' cmd; do
		n=$((n + 1))
		out=$(in_top "$cmd" 2>"$TMP/err") || {
			echo "example failed: $cmd"
			cat "$TMP/err"
			false
		}
		[ -n "$out" ] || { echo "example printed nothing: $cmd"; false; }
	done < <(helper examples "$PAGE")
	[ "$n" -ge 5 ] && [ "$n" -le 40 ] || { echo "examples: $n"; false; }
}

@test "the output shown in ccroute(1) is what the commands print" {
	n=0
	while IFS=$'\x1f' read -r -d '' cmd shown; do
		n=$((n + 1))
		actual=$(in_top "$cmd" 2>/dev/null)
		[ "$shown" = "$actual" ] || {
			echo "example: $cmd"
			diff <(echo "$shown") <(echo "$actual")
			false
		}
	done < <(helper shown "$PAGE")
	[ "$n" -ge 12 ]
}

@test "the check line shown is what the sample files hold" {
	want=$(cd "$TOP_SRCDIR" && helper check-line samples/routing.ini samples/roster.csv)
	assert_equal "$(shown_for 'ccroute check')" "$want"
}

@test "the desk examples show what a hand simulation gives" {
	# One agent, 10 s wrap-up, fifo within priority.  c1 arrives 09:00:00,
	# answered at once (wait 0), ends 09:01:00, wrap-up to 09:01:10.  c2
	# (priority 0, 09:00:30) and c3 (priority 1, 09:00:40) wait; at 09:01:10
	# the agent takes c3 (higher priority): wait 30, ends 09:01:40, wrap-up
	# to 09:01:50; then c2: wait 09:01:50 - 09:00:30 = 80.
	assert_equal "$(shown_for 'cut -d, -f1,3,6,8,10')" "id,priority,answered_at,agent,wait_s
c1,0,2026-03-02T09:00:00Z,desk-1,0
c3,1,2026-03-02T09:01:10Z,desk-1,30
c2,0,2026-03-02T09:01:50Z,desk-1,80"
	# With c2's patience 60 s it hangs up at 09:01:30 (wait 60), before the
	# agent is free at 09:01:50.  offered 3, answered 2 (c1, c3), abandoned
	# 1; p_wait 2/3 (c2 and c3 found the agent busy); p_abandon 1/3; asa
	# (0 + 30) / 2 = 15; mean wait (0 + 60 + 30) / 3 = 30; sl: waits <= 20
	# answered: c1 only, 1/3; the time averages run from 09:00:00 to the
	# last arrival, 09:00:40: occupancy, the agent busy with c1 all 40 s = 1;
	# mean_queue: c2 waits from 09:00:30 (c3 arrives at 09:00:40, the end),
	# 10 / 40 = 0.25; events: 3 arrivals, 2 ends of handling, 2 ends of
	# wrap-up, 1 patience timer = 8; agents: desk-1.
	assert_equal "$(shown_for 'ccroute --config $d/desk.ini --summary')" \
		"queue,offered,answered,abandoned,timeout,other,p_wait,p_abandon,asa_s,mean_wait_s,sl,occupancy,mean_queue,events,agents
desk,3,2,1,0,0,0.666667,0.333333,15.000,30.000,0.333333,1.000000,0.2500,,1
TOTAL,3,2,1,0,0,0.666667,0.333333,15.000,30.000,0.333333,1.000000,0.2500,8,1"
}

@test "the generated summaries agree with the records of the same runs" {
	args='--config samples/routing.ini --generate --start 2026-03-02 --tz Europe/Berlin'
	for r in roster roster-plus5; do
		in_top "ccroute $args --roster samples/$r.csv" >"$TMP/$r.csv"
		(cd "$TOP_SRCDIR" && helper summary samples/routing.ini 20) <"$TMP/$r.csv" >"$TMP/want"
		shown_for "ccroute --config samples/routing.ini --roster samples/$r.csv --generate --start 2026-03-02 --tz Europe/Berlin --summary" >"$TMP/got"
		helper near "$TMP/want" "$TMP/got"
	done
	# What the text says: how many of billing's callers overflow to sales
	# with five more billing agents and with the roster (counted in the
	# records), and that billing's service level rises.
	base_n=$(grep -c ',billing>sales,' "$TMP/roster.csv")
	plus_n=$(grep -c ',billing>sales,' "$TMP/roster-plus5.csv")
	[ "$plus_n" -lt "$base_n" ]
	section EXAMPLES | tr '\n' ' ' \
		| grep -q "only $plus_n of billing's callers overflow to sales instead of $base_n"
	base=$(helper summary "$TOP_SRCDIR/samples/routing.ini" 20 <"$TMP/roster.csv" \
		| awk -F, '$1 == "billing" { print $7 }')
	plus=$(helper summary "$TOP_SRCDIR/samples/routing.ini" 20 <"$TMP/roster-plus5.csv" \
		| awk -F, '$1 == "billing" { print $7 }')
	awk -v a="$base" -v b="$plus" 'BEGIN { exit !(b > a + 0.2) }'
}

@test "the replayed real day is reported as its records say" {
	in_top 'ccreport convert --from asterisk-queue-log samples/queue_log 2>/dev/null' \
		>"$TMP/real.csv"
	n=$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1]))))' \
		"$TMP/real.csv")
	[ "$n" -eq 113 ]
	for r in roster roster-plus5; do
		(cd "$TOP_SRCDIR" && ccroute --config samples/routing.ini --roster "samples/$r.csv" \
			--tz Europe/Berlin) <"$TMP/real.csv" >"$TMP/sim-$r.csv"
		# Every call of the day, once, with the same ids and queues (no
		# overflow happened on this day).
		diff <(cut -d, -f1,5 "$TMP/real.csv" | sort) <(cut -d, -f1,5 "$TMP/sim-$r.csv" | sort)
		want=$(helper report <"$TMP/sim-$r.csv")
		got=$(shown_for "--roster samples/$r.csv --tz Europe/Berlin | ccreport | cut")
		assert_equal "$got" "$want"
	done
	# The handling times of the real day are kept.
	python3 - "$TMP/real.csv" "$TMP/sim-roster.csv" <<-'EOF'
		import csv, sys
		real = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
		for r in csv.DictReader(open(sys.argv[2])):
		    if real[r["id"]]["handle_s"] and r["answered_at"]:
		        assert r["handle_s"] == real[r["id"]]["handle_s"], r["id"]
	EOF
}

@test "the agent log agrees with the records and the wrap-up rules" {
	d=$(scratch)
	in_top 'ccreport convert --from asterisk-queue-log samples/queue_log 2>/dev/null' \
		| (cd "$TOP_SRCDIR" && ccroute --config samples/routing.ini \
			--roster samples/roster.csv --tz Europe/Berlin --agent-log "$d/a.csv") >"$d/r.csv"
	run -0 helper agent-log "$TOP_SRCDIR/samples/routing.ini" "$TOP_SRCDIR/samples/roster.csv" \
		"$d/r.csv" "$d/a.csv"
	# One talk span per answered record (the helper checks that), most of
	# the day's 113 calls.
	[ "$output" -eq "$(tail -n +2 "$d/r.csv" | cut -d, -f9 | grep -c .)" ] && [ "$output" -gt 100 ]
	assert_equal "$(shown_for 'head -5 $d/agents.csv')" \
		"$(head -n 5 "$d/a.csv" | cut -d, -f1,2,5,7,8)"
	# Also over the generated day, with its chats, pauses and shifts.
	in_top 'ccroute --config samples/routing.ini --roster samples/roster.csv --generate \
		--start 2026-03-02 --tz Europe/Berlin --agent-log '"$d/g.csv" >"$d/gr.csv"
	run -0 helper agent-log "$TOP_SRCDIR/samples/routing.ini" "$TOP_SRCDIR/samples/roster.csv" \
		"$d/gr.csv" "$d/g.csv"
	[ "$output" -gt 1000 ]
	grep -q ',paused,' "$d/g.csv" && grep -q ',logged_in,' "$d/g.csv"
}

@test "the replications are five different days, the first the summary's" {
	mapfile -t rows < <(shown_for 'for s in 1 2 3 4 5')
	[ "${#rows[@]}" -eq 5 ]
	[ "$(printf '%s\n' "${rows[@]}" | sort -u | wc -l)" -eq 5 ]
	first=$(shown_for 'roster.csv --generate --start 2026-03-02 --tz Europe/Berlin --summary' \
		| awk -F, '$1 == "billing" { print $1 "," $2 "," $7 }')
	assert_equal "${rows[0]}" "$first"
}

# The Erlang figures of rate R/h, aht A s, patience P s (empty: none) and N
# agents, by the independent oracle.
oracle() {
	local rate=$1 aht=$2 pat=$3 n=$4
	printf 'calls,period_s,aht_s,patience_s,agents\n%s,3600,%s,%s,%s\n' "$rate" "$aht" "$pat" "$n" \
		>"$TMP/grid.csv"
	python3 "$ORACLE" figures "$TMP/grid.csv"
}

# close SIM THEORY CI FLOOR: |SIM - THEORY| <= 4 CI + FLOOR.
close() {
	awk -v s="$1" -v t="$2" -v c="$3" -v f="$4" \
		'BEGIN { d = s - t; if (d < 0) d = -d; exit !(d <= 4 * c + f) }' || {
		echo "simulated $1, theory $2, half-width $3"
		return 1
	}
}

@test "the simulated M/M/10 agrees with Erlang C within its confidence interval" {
	# 480 calls an hour of 60 s: 8 erlangs on 10 agents, load 0.8.
	th=$(oracle 480 60 '' 10 | tail -n 1)
	IFS=, read -r _ _ pw asa sl _ occ lq <<<"$th"
	sim=$(shown_for 'mmc.ini --generate' | awk -F, '$1 == "TOTAL"')
	IFS=, read -r _ spw sasa ssl socc slq cpw casa csl <<<"$sim"
	close "$spw" "$pw" "$cpw" 0.002
	close "$sasa" "$asa" "$casa" 0.2
	close "$ssl" "$sl" "$csl" 0.002
	close "$socc" "$occ" 0 0.01
	close "$slq" "$lq" 0 "$(awk -v l="$lq" 'BEGIN { print 0.1 * l }')"
	# The Erlang C line shown is the oracle's, to the last decimal.
	shown_for 'ccroute erlang --rate 480/h --aht 60 --agents 10' | cut -d, -f2- >"$TMP/got"
	oracle 480 60 '' 10 >"$TMP/want"
	python3 "$ORACLE" compare "$TMP/want" "$TMP/got" erlangs,agents,p_wait,asa_s,sl,occupancy,mean_queue
	section EXAMPLES | tr '\n' ' ' | grep -q 'M/M/10 queue at load 0.8 (480 calls an hour, 60 s each)'
}

@test "the simulated overloaded M/M/10+M agrees with Erlang A within its confidence interval" {
	# 720 calls an hour of 60 s: 12 erlangs on 10 agents, load 1.2;
	# patience 120 s.
	th=$(oracle 720 60 120 10 | tail -n 1)
	IFS=, read -r _ _ pw asa sl pab occ _ <<<"$th"
	sim=$(shown_for 'mmcm.ini --generate' | awk -F, '$1 == "TOTAL"')
	IFS=, read -r _ spw spab sasa ssl socc cpw cpab casa csl <<<"$sim"
	close "$spw" "$pw" "$cpw" 0.002
	close "$spab" "$pab" "$cpab" 0.002
	close "$sasa" "$asa" "$casa" 0.2
	close "$ssl" "$sl" "$csl" 0.002
	close "$socc" "$occ" 0 0.01
	shown_for 'ccroute erlang --rate 720/h --aht 60 --patience 2m' | cut -d, -f2- >"$TMP/got"
	oracle 720 60 120 10 >"$TMP/want"
	python3 "$ORACLE" compare "$TMP/want" "$TMP/got" \
		erlangs,agents,p_wait,asa_s,sl,p_abandon,occupancy,mean_queue
	section EXAMPLES | tr '\n' ' ' | grep -q '720 calls an hour for the same ten agents (load 1.2), patience two minutes'
}

@test "the Erlang examples show what the formulas give" {
	# 100 calls per 30 minutes of 180 s: 10 erlangs; the least agents for
	# 80% within 20 s.
	printf 'calls,period_s,aht_s,patience_s\n100,1800,180,\n' >"$TMP/g.csv"
	staff=$(python3 "$ORACLE" staff --target-sl 80 "$TMP/g.csv" | tail -n 1)
	[ "$staff" = 14 ]
	printf 'calls,period_s,aht_s,patience_s,agents\n100,1800,180,,14\n' >"$TMP/g.csv"
	python3 "$ORACLE" figures "$TMP/g.csv" >"$TMP/want"
	shown_for 'ccroute erlang --calls 100 --period 30m --aht 180 --target-sl 80' \
		| cut -d, -f2- >"$TMP/got"
	python3 "$ORACLE" compare "$TMP/want" "$TMP/got" erlangs,agents,p_wait,asa_s,sl,occupancy,mean_queue
	# The Erlang A grid, 12 to 15 agents, patience 300 s.
	{
		echo calls,period_s,aht_s,patience_s,agents
		for n in 12 13 14 15; do echo "100,1800,180,300,$n"; done
	} >"$TMP/g.csv"
	python3 "$ORACLE" figures "$TMP/g.csv" >"$TMP/want"
	shown_for 'ccroute erlang --calls 100 --aht 180 --patience 5m --agents 12-15' \
		| cut -d, -f2- >"$TMP/got"
	python3 "$ORACLE" compare "$TMP/want" "$TMP/got" \
		erlangs,agents,p_wait,asa_s,sl,p_abandon,occupancy,mean_queue
	# Erlang B: 8.108 erlangs on 15 lines block 1% (erlang.com's table).
	printf 'calls,period_s,aht_s,patience_s,agents\n8.108,3600,3600,,15\n' >"$TMP/g.csv"
	python3 "$ORACLE" figures --model b "$TMP/g.csv" >"$TMP/want"
	shown_for 'ccroute erlang --model b' | cut -d, -f2- >"$TMP/got"
	python3 "$ORACLE" compare "$TMP/want" "$TMP/got" erlangs,agents,blocking,carried,occupancy
	[[ $(shown_for 'ccroute erlang --model b') == *,0.010000,* ]]
}

@test "the staffing of the forecast shown is what the formulas give" {
	# The oracle reads the forecast as its grid (calls, period_s, aht_s,
	# patience_s): the least agents per interval for both targets.
	python3 "$ORACLE" staff --target-sl 80 --max-abandon 5 "$S/forecast.csv" >"$TMP/staff"
	want=$(python3 - "$S/forecast.csv" "$TMP/staff" <<-'EOF'
		import csv, sys
		rows = list(csv.DictReader(open(sys.argv[1])))
		staff = open(sys.argv[2]).read().split()[1:]
		print("interval_start,calls,aht_s,agents")
		for r, n in zip(rows, staff):
		    if r["queue"] == "billing":
		        print(",".join((r["interval_start"], r["calls"], r["aht_s"], n)))
	EOF
	)
	assert_equal "$(shown_for 'samples/forecast.csv | grep')" "$want"
}

# ---- the README, cctk(7), the demo and the samples ---------------------------

@test "README's ccroute pipeline runs and replays every call of the real day" {
	cmd=$(sed -n '/<!-- pipeline-route -->/,/<!-- \/pipeline-route -->/p' "$TOP_SRCDIR/README.md" \
		| grep -v -e '^<!--' -e '^```')
	[ -n "$cmd" ]
	run -0 bash -o pipefail -c "cd \"\$TOP_SRCDIR\" && $cmd"
	total=$(printf '%s\n' "$output" | awk '$1 == "TOTAL" { print $2 }')
	# Independently: the calls ccreport convert finds in the log.
	want=$(in_top 'ccreport convert --from asterisk-queue-log samples/queue_log 2>/dev/null' \
		| python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(sys.stdin)))')
	[ "$want" -eq 113 ]
	[ "$total" = "$want" ]
	[[ $output == *billing* ]] && [[ $output == *sales* ]] && [[ $output == *support* ]]
}

@test "cctk(7) lists ccroute as a tool of this release" {
	text=$(sed -n '/^\.SH TOOLS/,/^\.SH THE SHARED/p' "$TOP_SRCDIR/man/cctk.7")
	grep -q '^\.BR ccroute (1)' <<<"$text"
	grep -q 'ccroute erlang' <<<"$text"
	grep -q '^\.BR ccroute (1)' <(sed -n '/^\.SH SEE ALSO/,$p' "$TOP_SRCDIR/man/cctk.7")
}

@test "samples/demo.sh runs the ccroute part" {
	cd "$TMP"
	run -0 "$TOP_SRCDIR/samples/demo.sh"
	[[ $output == *"== Inbound calls per queue"* ]]
	[[ $output == *"samples/routing.ini: 4 queues, 30 agents, 4 skills, 2 channels"* ]]
	[[ $output == *"== ccroute: the real day"* ]]
	[[ $output == *"as logged"*"roster.csv"*"roster-plus5.csv"* ]]
	[[ $output == *"== ccroute erlang"* ]]
	[[ $output == *"== ccroute: each agent"* ]]
	[[ $output == *"Anna Weber"* ]]
	# With only ccreport to be found, the ccroute part is left out, saying so.
	mkdir "$TMP/bin"
	for t in dirname ccreport mktemp cat awk sort; do ln -s "$(command -v "$t")" "$TMP/bin/$t"; done
	run -0 --separate-stderr env PATH="$TMP/bin" "$TOP_SRCDIR/samples/demo.sh"
	[[ $stderr == *"ccroute is not on PATH"* ]]
	[[ $output != *"== ccroute"* ]]
}

@test "the generated sample day, replayed through the same model, comes out the same" {
	# ARRIVALS: generated times on the microsecond grid, so replaying the
	# records reproduces them (here with answer delays, ring-no-answer,
	# expansion, overflow, callbacks, shifts, voice_blocks and chat capacity).
	args='--config samples/routing.ini --roster samples/roster.csv --tz Europe/Berlin'
	in_top "ccroute $args --generate --start 2026-03-02" >"$TMP/gen.csv"
	(cd "$TOP_SRCDIR" && ccroute $args "$TMP/gen.csv") >"$TMP/again.csv"
	[ "$(wc -l <"$TMP/gen.csv")" -gt 1000 ]
	cmp "$TMP/gen.csv" "$TMP/again.csv"
}

@test "the samples load cleanly and are what the documentation says" {
	for r in roster roster-plus5; do
		run -0 --separate-stderr ccroute check --config "$S/routing.ini" --roster "$S/$r.csv" \
			--tz Europe/Berlin
		assert_equal "$stderr" ''
	done
	python3 - "$S" <<-'EOF'
		import csv, os, re, sys
		s = sys.argv[1]
		base = list(csv.DictReader(open(os.path.join(s, "roster.csv"), encoding="utf-8")))
		plus = list(csv.DictReader(open(os.path.join(s, "roster-plus5.csv"), encoding="utf-8")))
		assert 25 <= len(base) <= 40, len(base)
		# roster-plus5: the roster and five more agents, all billing specialists.
		assert plus[:len(base)] == base and len(plus) == len(base) + 5
		for a in plus[len(base):]:
		    assert "billing:0" in a["skills"].split(";"), a
		# Chat agents taking three chats, wrap-up overrides, lunch breaks.
		assert any("chat:3" in a["channels"].split(";") for a in base)
		assert any(a["wrapup_s"] for a in base)
		assert any(";" in a["shift"] for a in base)
		# The forecast's calls per hour are the rates of routing.ini.
		rates, q = {}, None
		for line in open(os.path.join(s, "routing.ini"), encoding="utf-8"):
		    m = re.match(r"\[queue (\w+)\]", line)
		    if m:
		        q = m.group(1)
		    if line.startswith("rate = "):
		        rates[q] = [(int(t[:2]), float(r.split("/")[0])) for t, r in
		                    (step.split() for step in line[7:].split(","))]
		n = 0
		for r in csv.DictReader(open(os.path.join(s, "forecast.csv"))):
		    h = int(r["interval_start"][11:13])
		    want = [x for t, x in rates[r["queue"]] if t <= h][-1]
		    assert float(r["calls"]) == want and r["period_s"] == "3600", r
		    n += 1
		assert n == 36
	EOF
}
