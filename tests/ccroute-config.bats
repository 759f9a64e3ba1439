#!/usr/bin/env bats
# ccroute: the configuration file and the roster, through 'ccroute check'.
#
# The summary line of 'ccroute check' is
#   FILE: N queues, M agents, K skills, C channels[, U queues without agents]
# and every count below is worked out by hand from the fixture, in a comment.
# Every error is "ccroute: FILE:LINE: message" with exit status 1.

bats_require_minimum_version 1.5.0
setup() {
	load ccroute
	D=$(scratch)
	FULL=$TEST_DATA/route-conf-full.ini
	RCSV=$TEST_DATA/route-conf-roster.csv
	RJSONL=$TEST_DATA/route-conf-roster.jsonl
}

# put FILE LINE...: write the lines to $D/FILE.
put() {
	local f=$D/$1
	shift
	printf '%s\n' "$@" >"$f"
}

# conf_error AT MESSAGE LINE...: a configuration of these lines must fail
# with "ccroute: $D/c.ini:AT: MESSAGE".
conf_error() {
	local at=$1 msg=$2
	shift 2
	put c.ini "$@"
	bad_input "$D/c.ini:$at: $msg" check --config "$D/c.ini"
}

# roster_error AT MESSAGE LINE...: $D/c.ini (written by the test) with a
# roster of these lines must fail with "ccroute: $D/r.csv:AT: MESSAGE".
roster_error() {
	local at=$1 msg=$2
	shift 2
	put r.csv "$@"
	bad_input "$D/r.csv:$at: $msg" check --config "$D/c.ini" --roster "$D/r.csv"
}

# minutes N: N one-minute shift spans from 00:00, ';'-separated.
minutes() {
	local i out=
	for ((i = 0; i < $1; i++)); do
		out+=$(printf '%02d:%02d-%02d:%02d;' $((i / 60)) $((i % 60)) $(((i + 1) / 60)) $(((i + 1) % 60)))
	done
	printf '%s\n' "${out%;}"
}

# The base configuration of the roster tests:
#   sales (skill sales, voice), chat (skill chat, channel chat),
#   mail (skill email-skill, channel email, agents mail-1 and mail-2 made at line 7).
base_conf() {
	put c.ini '[queue sales]' '[queue chat]' 'channel = chat' '[queue mail]' \
		'skill = email-skill' 'channel = email' 'agents = 2'
}

# ---- Good files -------------------------------------------------------------

# route-conf-full.ini with route-conf-roster.csv:
#   queues: sales, support, billing (the file's sections, in order), general
#     (default_queue, made from [queue *]), returns (dee's skill, made from
#     [queue *]) = 5
#   agents: support-1..3 (agents = 3) + ann, bob, cid, dee, eve = 8
#   skills: selling (sales's skill =), support, billing, general, returns = 5
#   channels: voice (always), chat (support's "Chat", lower-cased), email
#     ([queue *]) = 3
#   served: sales by ann, bob; support by support-N, cid; billing by ann, cid;
#     returns by dee; general by nobody = 1 queue without agents, whose
#     patience (the template's lognormal) makes its callers abandon.
#   warnings: eve has no skill (roster line 6); general (made at the [queue *]
#     header, line 51).
@test "config: every key, template queues, synthetic agents and a CSV roster" {
	cd "$D" # the empirical file is found beside the configuration, not here
	run -0 --separate-stderr ccroute check --config "$FULL" --roster "$RCSV"
	assert_output "$FULL: 5 queues, 8 agents, 5 skills, 3 channels, 1 queue without agents"
	assert_equal "$stderr" "ccroute: $RCSV:6: warning: agent 'eve' has no skill of any queue
ccroute: $FULL:51: warning: queue 'general' (made from [queue *]) has no agents: its callers will time out or abandon"
}

@test "config: the JSON Lines roster gives the same model as the CSV one" {
	run -0 --separate-stderr ccroute check --config "$FULL" --roster "$RJSONL"
	assert_output "$FULL: 5 queues, 8 agents, 5 skills, 3 channels, 1 queue without agents"
	# eve is on line 5: JSON Lines has no header.
	assert_equal "$stderr" "ccroute: $RJSONL:5: warning: agent 'eve' has no skill of any queue
ccroute: $FULL:51: warning: queue 'general' (made from [queue *]) has no agents: its callers will time out or abandon"
}

@test "config: the roster from standard input, and --tz" {
	run -0 --separate-stderr ccroute check --tz Europe/Berlin --config "$FULL" --roster - <"$RCSV"
	assert_output "$FULL: 5 queues, 8 agents, 5 skills, 3 channels, 1 queue without agents"
	assert_equal "$(printf '%s\n' "$stderr" | head -1)" \
		"ccroute: -:6: warning: agent 'eve' has no skill of any queue"
}

# Without the roster: queues sales, support, billing, general (default_queue)
# = 4; agents support-1..3 = 3; skills selling, support, billing, general = 4;
# channels voice, chat, email = 3; sales, billing and general unserved = 3.
# sales has patience exp:45, billing no timeout and no patience.
@test "config: without a roster, only the synthetic agents" {
	run -0 --separate-stderr ccroute check --config "$FULL"
	assert_output "$FULL: 4 queues, 3 agents, 4 skills, 3 channels, 3 queues without agents"
	assert_equal "$stderr" "ccroute: $FULL:10: warning: queue 'sales' has no agents: its callers will time out or abandon
ccroute: $FULL:47: warning: queue 'billing' has no agents: its callers will wait for ever (no timeout, no patience)
ccroute: $FULL:51: warning: queue 'general' (made from [queue *]) has no agents: its callers will time out or abandon"
}

# route-conf-prof.ini (proficiency): queues chat, voice-en = 2; agents chat-1,
# chat-2, p1, p2 = 4; skills chat, english = 2; channels voice, chat = 2; both
# queues served (chat by chat-N and p1, voice-en by p1 and p2).
@test "config: proficiency levels, the roster speaking in proficiencies" {
	run -0 --separate-stderr ccroute check --config "$TEST_DATA/route-conf-prof.ini" \
		--roster "$TEST_DATA/route-conf-prof.csv"
	assert_output "$TEST_DATA/route-conf-prof.ini: 2 queues, 4 agents, 2 skills, 2 channels"
	assert_equal "$stderr" ''
}

@test "config: proficiency levels must decrease, penalties increase" {
	conf_error 5 'bad expand step 2: level 3 does not widen level 1 (with proficiencies the levels must decrease)' \
		'[sim]' 'skill_levels = proficiency' '[queue a]' 'start_level = 5' 'expand = 20:1, 40:3'
	# The default start_level is the best level: proficiency 1000.
	conf_error 4 'bad expand step 1: level 1000 does not widen start_level 1000 (with proficiencies the levels must decrease)' \
		'[sim]' 'skill_levels = proficiency' '[queue a]' 'expand = 20:1000'
	conf_error 2 'bad expand step 2: level 1 does not widen level 2 (with penalties the levels must increase)' \
		'[queue a]' 'expand = 30:2, 60:1'
	# The default start_level is penalty 0.
	conf_error 2 'bad expand step 1: level 0 does not widen start_level 0 (with penalties the levels must increase)' \
		'[queue a]' 'expand = 30:0'
	# Reported at the expand line, wherever start_level is.
	conf_error 2 'bad expand step 1: level 2 does not widen start_level 3 (with penalties the levels must increase)' \
		'[queue a]' 'expand = 30:2, 60:4' 'start_level = 3'
	# In proficiency mode the same steps read the other way round are good:
	# one queue, its skill, voice, unserved (no timeout, no patience).
	put c.ini '[queue a]' 'expand = 30:2, 60:1' 'start_level = 3' '[sim]' 'skill_levels = proficiency'
	run -0 --separate-stderr ccroute check --config "$D/c.ini"
	assert_output "$D/c.ini: 1 queue, 0 agents, 1 skill, 1 channel, 1 queue without agents"
}

@test "config: a byte-order mark, CRLF line ends, comments and blank lines" {
	printf '\xef\xbb\xbf# comment\r\n; comment\r\n\r\n  [queue a]  \r\n\tagents = 2\r\n' >"$D/c.ini"
	run -0 --separate-stderr ccroute check --config "$D/c.ini"
	assert_output "$D/c.ini: 1 queue, 2 agents, 1 skill, 1 channel"
	assert_equal "$stderr" ''
}

@test "config: the configuration from standard input" {
	run -0 --separate-stderr ccroute check --config - < <(printf '[queue a]\nagents = 1\n')
	assert_output "-: 1 queue, 1 agent, 1 skill, 1 channel"
}

# Only a template: no queue yet (the records will make them), no skill, voice.
@test "config: a template alone, and default_queue made from it" {
	put c.ini '[queue *]' 'timeout = 1m'
	run -0 --separate-stderr ccroute check --config "$D/c.ini"
	assert_output "$D/c.ini: 0 queues, 0 agents, 0 skills, 1 channel"
	assert_equal "$stderr" ''
	put c.ini '[sim]' 'default_queue = misc' '[queue *]'
	run -0 --separate-stderr ccroute check --config "$D/c.ini"
	assert_output "$D/c.ini: 1 queue, 0 agents, 1 skill, 1 channel, 1 queue without agents"
	assert_equal "$stderr" "ccroute: $D/c.ini:3: warning: queue 'misc' (made from [queue *]) has no agents: its callers will wait for ever (no timeout, no patience)"
}

@test "config: the three warnings about queues no agent serves" {
	put c.ini '[queue a]' '[queue b]' 'timeout = 1m' '[queue c]' 'join_empty = no' \
		'[queue d]' 'patience = exp:30'
	run -0 --separate-stderr ccroute check --config "$D/c.ini"
	assert_output "$D/c.ini: 4 queues, 0 agents, 4 skills, 1 channel, 4 queues without agents"
	assert_equal "$stderr" "ccroute: $D/c.ini:1: warning: queue 'a' has no agents: its callers will wait for ever (no timeout, no patience)
ccroute: $D/c.ini:2: warning: queue 'b' has no agents: its callers will time out or abandon
ccroute: $D/c.ini:4: warning: queue 'c' has no agents: its callers will be turned away (join_empty = no)
ccroute: $D/c.ini:6: warning: queue 'd' has no agents: its callers will time out or abandon"
}

# Two queues sharing skill x: 2 queues, 1 skill; the agent serves both.
@test "config: queues sharing a skill, zero spellings, forward targets" {
	put c.ini '[sim]' 'sl = 0' '[queue a]' 'skill = x' 'on_timeout = queue:b' 'timeout = 90s' \
		'retry = 0s' 'wrapup = 0.0' 'rna_pause = 0m' 'answer_delay = 0' 'rna = 0' \
		'[queue b]' 'skill = x' 'on_full = queue:a' 'rate = 0' 'handle = fixed:2m'
	put r.csv 'agent,skills' 'ann,x:7'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 2 queues, 1 agent, 1 skill, 1 channel"
	assert_equal "$stderr" ''
}

@test "config: check writes to a full disk" {
	put c.ini '[queue a]' 'agents = 2'
	run -1 --separate-stderr sh -c 'ccroute check --config "$1" >/dev/full' sh "$D/c.ini"
	assert_output ''
	assert_equal "$stderr" "ccroute: write error: No space left on device"
}

# ---- Files that cannot be read ------------------------------------------------

@test "config: files that cannot be read" {
	bad_input "cannot open $D/none.ini: No such file or directory" check --config "$D/none.ini"
	bad_input "$D: read error: Is a directory" check --config "$D"
	put c.ini '[queue a]'
	bad_input "cannot open $D/none.csv: No such file or directory" \
		check --config "$D/c.ini" --roster "$D/none.csv"
}

@test "config: an empty file, comments only, [sim] only" {
	: >"$D/c.ini"
	bad_input "$D/c.ini: no queues (a [queue NAME] or [queue *] section is needed)" check --config "$D/c.ini"
	put c.ini '# nothing' '; here'
	bad_input "$D/c.ini: no queues (a [queue NAME] or [queue *] section is needed)" check --config "$D/c.ini"
	put c.ini '[sim]' 'sl = 20'
	bad_input "$D/c.ini: no queues (a [queue NAME] or [queue *] section is needed)" check --config "$D/c.ini"
}

@test "config: bad UTF-8 and NUL bytes, with their column" {
	# "skill = caf" is 11 bytes: the lone 0xC3 is byte 12.
	printf '[queue a]\nskill = caf\xc3\n' >"$D/c.ini"
	bad_input "$D/c.ini:2:12: invalid UTF-8" check --config "$D/c.ini"
	printf '[queue a]\n# \xff\xfe\n' >"$D/c.ini"
	bad_input "$D/c.ini:2:3: invalid UTF-8" check --config "$D/c.ini"
	printf '[queue a]\nx\0y = 1\n' >"$D/c.ini"
	bad_input "$D/c.ini:2:2: NUL byte" check --config "$D/c.ini"
	# Binary junk.
	printf '\x7fELF\x02\x01\x01\x00\x00\x00' >"$D/c.ini"
	bad_input "$D/c.ini:1:8: NUL byte" check --config "$D/c.ini"
}

# ---- Syntax -----------------------------------------------------------------

@test "config: section headers" {
	conf_error 1 "'[' without ']'" '[queue a'
	conf_error 1 "text after ']'" '[queue a] # comment'
	conf_error 1 "unknown section 'queues' (expected [sim], [queue NAME] or [queue *])" '[queues a]'
	conf_error 1 "unknown section 'SIM' (expected [sim], [queue NAME] or [queue *])" '[SIM]'
	conf_error 1 "empty section header (expected [sim], [queue NAME] or [queue *])" '[  ]'
	conf_error 1 "section [queue] needs a name: [queue NAME] or [queue *]" '[queue  ]'
	conf_error 1 "section [sim] takes no name" '[sim main]'
	conf_error 3 "duplicate section [sim] (first at line 1)" '[sim]' '[queue a]' '[sim]'
	conf_error 3 "duplicate section [queue a] (first at line 1)" '[queue a]' '' '[ queue   a ]'
	conf_error 2 "duplicate section [queue *] (first at line 1)" '[queue *]' '[queue *]'
	conf_error 1 "queue name with a control character" "$(printf '[queue a\001b]')"
}

@test "config: lines that are not key = value" {
	conf_error 1 "key 'sl' outside a section" 'sl = 20' '[sim]'
	conf_error 2 "expected '[section]' or 'key = value'" '[queue a]' 'agents 3'
	conf_error 2 "missing key before '='" '[queue a]' ' = 3'
	conf_error 2 "empty value for 'agents'" '[queue a]' 'agents ='
	conf_error 2 "empty value for 'agents'" '[queue a]' 'agents =   	'
	conf_error 2 "unknown key 'sl' in [queue a]" '[queue a]' 'sl = 20'
	conf_error 2 "unknown key 'skill' in [sim]" '[sim]' 'skill = x' '[queue a]'
	conf_error 2 "unknown key 'Agents' in [queue a]" '[queue a]' 'Agents = 3'
	conf_error 2 "unknown key 'foo' in [queue *]" '[queue *]' 'foo = 1'
	conf_error 4 "duplicate key 'agents' (first at line 2)" '[queue a]' 'agents = 3' '# again' 'agents = 4'
	# No comments after a value.
	conf_error 2 "bad agents '3 # three' (expected a whole number from 1 to 1000000)" '[queue a]' 'agents = 3 # three'
}

# ---- [sim] values ---------------------------------------------------------------

@test "config: bad [sim] values" {
	conf_error 2 "bad sl 'fast' (expected a duration such as 0, 90, 30s or 2m)" '[sim]' 'sl = fast' '[queue a]'
	conf_error 2 "bad sl '-5' (a duration cannot be negative)" '[sim]' 'sl = -5' '[queue a]'
	conf_error 2 "bad skill_levels 'skill' (expected penalty or proficiency)" '[sim]' 'skill_levels = skill' '[queue a]'
	conf_error 2 "bad voice_blocks 'true' (expected yes or no)" '[sim]' 'voice_blocks = true' '[queue a]'
	conf_error 3 "unknown default_queue 'nowhere' (no such queue and no [queue *])" '[queue a]' '[sim]' 'default_queue = nowhere'
}

# ---- [queue] values -------------------------------------------------------------

@test "config: bad names, strategies, numbers" {
	conf_error 2 "bad skill 'a;b' (a skill name may not hold ':', ';' or control characters)" '[queue a]' 'skill = a;b'
	conf_error 2 "bad channel 'chat:2' (a channel name may not hold ':', ';' or control characters)" '[queue a]' 'channel = chat:2'
	conf_error 2 "bad strategy 'fifo' (expected longest-idle, round-robin, fewest-calls, least-talk-time, random, weighted-random, linear or ring-all)" '[queue a]' 'strategy = fifo'
	conf_error 2 "bad strategy 'Linear' (expected longest-idle, round-robin, fewest-calls, least-talk-time, random, weighted-random, linear or ring-all)" '[queue a]' 'strategy = Linear'
	conf_error 2 "bad weight '1000001' (expected a whole number from 0 to 1000000)" '[queue a]' 'weight = 1000001'
	conf_error 2 "bad weight '1.5' (expected a whole number from 0 to 1000000)" '[queue a]' 'weight = 1.5'
	conf_error 2 "bad priority '-1000001' (expected a whole number from -1000000 to 1000000)" '[queue a]' 'priority = -1000001'
	conf_error 2 "bad maxlen '-1' (expected a whole number from 0 to 1000000000)" '[queue a]' 'maxlen = -1'
	conf_error 2 "bad agents '0' (expected a whole number from 1 to 1000000)" '[queue a]' 'agents = 0'
	conf_error 2 "bad agents '1000001' (expected a whole number from 1 to 1000000)" '[queue a]' 'agents = 1000001'
	conf_error 3 "bad capacity '1001' (expected a whole number from 1 to 1000)" '[queue a]' 'agents = 1' 'capacity = 1001'
	conf_error 2 "bad start_level 'high' (expected a whole number from 0 to 1000)" '[queue a]' 'start_level = high'
	conf_error 2 "bad start_level '1001' (expected a whole number from 0 to 1000)" '[queue a]' 'start_level = 1001'
	conf_error 2 "bad join_empty '1' (expected yes or no)" '[queue a]' 'join_empty = 1'
	conf_error 2 "bad leave_empty 'Yes' (expected yes or no)" '[queue a]' 'leave_empty = Yes'
	conf_error 2 "bad rna '1' (expected a probability from 0 to below 1, such as 0.1)" '[queue a]' 'rna = 1'
	conf_error 2 "bad rna '.5' (expected a probability from 0 to below 1, such as 0.1)" '[queue a]' 'rna = .5'
	conf_error 2 "bad rna '-0.1' (expected a probability from 0 to below 1, such as 0.1)" '[queue a]' 'rna = -0.1'
}

@test "config: bad durations" {
	conf_error 2 "bad timeout '0' (expected a duration above 0 such as 90, 30s or 2m, or none)" '[queue a]' 'timeout = 0'
	conf_error 2 "bad timeout 'never' (expected a duration above 0 such as 90, 30s or 2m, or none)" '[queue a]' 'timeout = never'
	conf_error 2 "bad ring_timeout '0' (expected a duration above 0 such as 90, 30s or 2m)" '[queue a]' 'ring_timeout = 0'
	conf_error 2 "bad ring_timeout 'none' (expected a duration above 0 such as 90, 30s or 2m)" '[queue a]' 'ring_timeout = none'
	conf_error 2 "bad retry '5x' (expected a duration such as 0, 90, 30s or 2m)" '[queue a]' 'retry = 5x'
	conf_error 2 "bad rna_pause '-1' (a duration cannot be negative)" '[queue a]' 'rna_pause = -1'
	conf_error 2 "bad wrapup '1y' (expected a duration such as 0, 90, 30s or 2m)" '[queue a]' 'wrapup = 1y'
	# 101 years is past the limit of 100.
	conf_error 2 "bad wrapup '36900d' (expected a duration such as 0, 90, 30s or 2m)" '[queue a]' 'wrapup = 36900d'
}

@test "config: bad distributions" {
	conf_error 2 "answer_delay: 'none' is not allowed here" '[queue a]' 'answer_delay = none'
	conf_error 2 "handle: 'none' is not allowed here" '[queue a]' 'handle = none'
	conf_error 2 "handle: bad distribution 'exp:0' (expected DURATION, exp:MEAN, lognormal:MEAN,SD, uniform:A,B, empirical:FILE)" '[queue a]' 'handle = exp:0'
	conf_error 2 "patience: bad distribution 'gamma:3' (expected DURATION, exp:MEAN, lognormal:MEAN,SD, uniform:A,B, empirical:FILE or none)" '[queue a]' 'patience = gamma:3'
	conf_error 2 "patience: 'uniform:9,3': the upper bound is below the lower" '[queue a]' 'patience = uniform:9,3'
	# Empirical files are looked up beside the configuration.
	conf_error 2 "handle: $D/missing.txt: No such file or directory" '[queue a]' 'handle = empirical:missing.txt'
	put h.txt '30' 'abc'
	conf_error 2 "handle: $D/h.txt:2: not a duration: 'abc'" '[queue a]' 'handle = empirical:h.txt'
}

@test "config: bad targets" {
	conf_error 2 "on_timeout: unknown queue 'nowhere'" '[queue a]' 'on_timeout = queue:nowhere'
	conf_error 2 "on_full: queue 'a' is this queue itself" '[queue a]' 'on_full = queue: a'
	conf_error 2 "bad on_empty 'drop' (expected hangup, voicemail, callback, overflow or queue:NAME)" '[queue a]' 'on_empty = drop'
	conf_error 2 "bad on_empty 'queue:' (expected hangup, voicemail, callback, overflow or queue:NAME)" '[queue a]' 'on_empty = queue:'
	# The template is no queue to send callers to.
	conf_error 3 "on_timeout: unknown queue '*'" '[queue *]' '[queue a]' 'on_timeout = queue:*'
}

@test "config: bad expand steps" {
	local step="(expected SECONDS:LEVEL, such as 30:1, with SECONDS above 0 and LEVEL a whole number from 0 to 1000)"
	conf_error 2 "bad expand step '30' $step" '[queue a]' 'expand = 30'
	conf_error 2 "bad expand step '0:1' $step" '[queue a]' 'expand = 0:1'
	conf_error 2 "bad expand step '30:1001' $step" '[queue a]' 'expand = 30:1001'
	conf_error 2 "bad expand step '30:-1' $step" '[queue a]' 'expand = 30:-1'
	conf_error 2 "bad expand step '' $step" '[queue a]' 'expand = 30:1,, 60:2'
	conf_error 2 "bad expand step '20:2' (the times must increase)" '[queue a]' 'expand = 30:1, 20:2'
	conf_error 2 "bad expand step '30s:2' (the times must increase)" '[queue a]' 'expand = 30:1, 30s:2'
	# 65 steps 1:1, 2:2, ... 65:65.
	conf_error 2 "too many expand steps (at most 64)" '[queue a]' "expand = $(seq -s, 65 | sed 's/\([0-9][0-9]*\)/\1:\1/g')"
}

@test "config: bad rates" {
	local rate="(expected N/UNIT such as 120/h, 2/m or 40/30m, a bare N per hour, or comma-separated HH:MM RATE steps)"
	conf_error 2 "bad rate 'lots' $rate" '[queue a]' 'rate = lots' 'handle = 3m'
	conf_error 2 "bad rate '-5/h' $rate" '[queue a]' 'rate = -5/h' 'handle = 3m'
	conf_error 2 "bad rate '5/0' $rate" '[queue a]' 'rate = 5/0' 'handle = 3m'
	conf_error 2 "bad rate '5/' $rate" '[queue a]' 'rate = 5/' 'handle = 3m'
	conf_error 2 "bad rate '5/hour' $rate" '[queue a]' 'rate = 5/hour' 'handle = 3m'
	conf_error 2 "bad rate step '24:00 5/h' (expected HH:MM RATE, such as 08:00 120/h)" '[queue a]' 'rate = 24:00 5/h' 'handle = 3m'
	conf_error 2 "bad rate step '9/h' (expected HH:MM RATE, such as 08:00 120/h)" '[queue a]' 'rate = 08:00 5/h, 9/h' 'handle = 3m'
	conf_error 2 "bad rate step '8:60 5/h' (expected HH:MM RATE, such as 08:00 120/h)" '[queue a]' 'rate = 8:60 5/h' 'handle = 3m'
	conf_error 2 "bad rate step '07:00 5/h' (the times must increase)" '[queue a]' 'rate = 08:00 10/h, 07:00 5/h' 'handle = 3m'
	conf_error 2 "bad rate step '8:00 5/h' (the times must increase)" '[queue a]' 'rate = 08:00 10/h, 8:00 5/h' 'handle = 3m'
	conf_error 2 "'rate' needs 'handle' (the handling time of generated arrivals)" '[queue a]' 'rate = 10/h' 'patience = 1m'
}

@test "config: what the template may not have, capacity without agents" {
	conf_error 2 "[queue *] may not have 'agents'" '[queue *]' 'agents = 2'
	conf_error 2 "[queue *] may not have 'rate'" '[queue *]' 'rate = 10/h' 'handle = 1m'
	conf_error 2 "[queue *] may not have 'capacity'" '[queue *]' 'capacity = 2'
	conf_error 2 "[queue *] may not have 'skill' (a queue made from it needs the skill of its name)" '[queue *]' 'skill = x'
	conf_error 2 "'capacity' needs 'agents' (it is the capacity of the synthetic agents)" '[queue a]' 'capacity = 2'
	# The synthetic agents of a have skill x, which the chat queue b needs too.
	conf_error 3 "the agents of queue 'a' also serve queue 'b' (chat) but have no chat capacity" \
		'[queue a]' 'skill = x' 'agents = 2' '[queue b]' 'skill = x' 'channel = chat'
}

@test "config: the limits of the model" {
	# voice and c1 .. c15 are 16 channels: c16, at line 32, is one too many.
	local lines=() i
	for i in $(seq 16); do lines+=("[queue q$i]" "channel = c$i"); done
	conf_error 32 "too many channels (at most 16)" "${lines[@]}"
	# 600000 + 400001 synthetic agents.
	conf_error 4 "too many agents (at most 1000000)" '[queue a]' 'agents = 600000' '[queue b]' 'agents = 400001'
	# 100001 queues: the last header is line 100001.
	seq -f '[queue q%.0f]' 100001 >"$D/c.ini"
	bad_input "$D/c.ini:100001: too many queues (at most 100000)" check --config "$D/c.ini"
	# 100000 queues and a template: no room for the default queue (line
	# 100003) or for a new skill of the roster.
	{ seq -f '[queue q%.0f]' 100000; printf '[queue *]\n[sim]\ndefault_queue = new\n'; } >"$D/c.ini"
	bad_input "$D/c.ini:100003: default_queue 'new': too many queues (at most 100000)" check --config "$D/c.ini"
	{ seq -f '[queue q%.0f]' 100000; printf '[queue *]\n'; } >"$D/c.ini"
	put r.csv 'agent,skills' 'ann,q7' 'bob,new'
	bad_input "$D/r.csv:3: too many queues (at most 100000) for skill 'new'" \
		check --config "$D/c.ini" --roster "$D/r.csv"
	# 1000000 synthetic agents and one more in the roster.
	put c.ini '[queue a]' 'agents = 1000000'
	put r.csv 'agent' 'zed'
	bad_input "$D/r.csv:2: too many agents (at most 1000000)" check --config "$D/c.ini" --roster "$D/r.csv"
}

# ---- The roster -----------------------------------------------------------------

@test "roster: an empty roster and a header alone are warnings" {
	base_conf
	: >"$D/r.csv"
	# sales and chat are not served; mail has mail-1 and mail-2.
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 2 agents, 3 skills, 3 channels, 2 queues without agents"
	assert_equal "$stderr" "ccroute: $D/r.csv: warning: the roster has no agents
ccroute: $D/c.ini:1: warning: queue 'sales' has no agents: its callers will wait for ever (no timeout, no patience)
ccroute: $D/c.ini:2: warning: queue 'chat' has no agents: its callers will wait for ever (no timeout, no patience)"
	put r.csv 'agent,skills,channels'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 2 agents, 3 skills, 3 channels, 2 queues without agents"
	assert_equal "$(printf '%s\n' "$stderr" | head -1)" "ccroute: $D/r.csv: warning: the roster has no agents"
}

# Roster defaults: no channels column is voice:1; sales served by ann; chat by
# bea (chat:2 only); mail-1, mail-2 and cy (email-skill, email:1).
@test "roster: defaults and other columns ignored" {
	base_conf
	put r.csv 'team,agent,skills,channels' 'x,ann,sales,' 'y,bea,chat:5,chat:2' 'z,cy,email-skill:0,email:1'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 5 agents, 3 skills, 3 channels"
	assert_equal "$stderr" ''
}

@test "roster: the reader's errors, with their line" {
	base_conf
	roster_error 1 "the roster has no 'agent' column" 'name,skills' 'ann,sales'
	roster_error 2 "expected 2 fields, found 3" 'agent,skills' 'ann,sales,x'
	roster_error 3 "expected 2 fields, found 1" 'agent,skills' 'ann,sales' 'bob'
	# Where the reader gives a column, it is the byte of the line: the quote
	# is byte 2 of 'a"nn,sales', the quoted field starts at byte 1.
	roster_error 2:2 "bad quoting (a quote inside an unquoted field, or text after a closing quote)" 'agent,skills' 'a"nn,sales'
	roster_error 2:1 "unterminated quoted field" 'agent,skills' '"ann,sales'
	printf 'agent,skills\nann\xe9,sales\n' >"$D/r.csv"
	bad_input "$D/r.csv:2:4: invalid UTF-8" check --config "$D/c.ini" --roster "$D/r.csv"
	printf 'agent,skills\nann,sa\0les\n' >"$D/r.csv"
	bad_input "$D/r.csv:2:7: NUL byte" check --config "$D/c.ini" --roster "$D/r.csv"
	# A field of 1 MiB + 1 byte.
	{ printf 'agent,skills\n'; head -c 1048577 /dev/zero | tr '\0' x; printf ',sales\n'; } >"$D/r.csv"
	bad_input "$D/r.csv:2:1: field 1 is longer than 1048576 bytes (--max-field-size)" \
		check --config "$D/c.ini" --roster "$D/r.csv"
	# Binary junk is read as a CSV header.
	printf '\x7fELF\x02\x01\x01\x00\x00\x00' >"$D/r.csv"
	bad_input "$D/r.csv:1:8: bad header: NUL byte" check --config "$D/c.ini" --roster "$D/r.csv"
	printf '{"agent":"ann"\n' >"$D/r.csv"
	# jansson points at the last byte of the 14-byte line.
	bad_input "$D/r.csv:1:14: invalid JSON: '}' expected near end of file" \
		check --config "$D/c.ini" --roster "$D/r.csv"
	printf '{"agent":["ann"]}\n' >"$D/r.csv"
	bad_input "$D/r.csv:1:10: nested array in a record (records must be flat)" \
		check --config "$D/c.ini" --roster "$D/r.csv"
}

@test "roster: agent names" {
	base_conf
	roster_error 2 "missing agent name" 'agent,skills' ',sales'
	roster_error 3 "missing agent name" 'agent,skills' 'ann,sales' '"",sales'
	roster_error 1 "missing agent name" '{"skills":"sales"}'
	roster_error 1 "missing agent name" '{"agent":null,"skills":"sales"}'
	roster_error 1 "agent name with a control character" '{"agent":"a\tb"}'
	roster_error 4 "duplicate agent 'ann' (first at $D/r.csv:2)" 'agent,skills' 'ann,sales' 'bob,sales' 'ann,sales'
	roster_error 2 "duplicate agent 'ann' (first at $D/r.csv:1)" '{"agent":"ann","skills":"sales"}' '{"agent":"ann","skills":"sales"}'
	# mail-2 is made by "agents = 2" at line 7 of the configuration.
	roster_error 2 "duplicate agent 'mail-2' (first at $D/c.ini:7)" 'agent,skills' 'mail-2,sales'
}

@test "roster: skills and levels" {
	base_conf
	roster_error 2 "unknown skill 'billing'" 'agent,skills' 'ann,sales;billing'
	roster_error 2 "unknown skill 'mail'" 'agent,skills' 'ann,mail'
	roster_error 2 "bad level 'high' of skill 'sales' (expected a whole number from 0 to 1000)" 'agent,skills' 'ann,sales:high'
	roster_error 2 "bad level '1001' of skill 'sales' (expected a whole number from 0 to 1000)" 'agent,skills' 'ann,sales:1001'
	roster_error 2 "bad level '-1' of skill 'sales' (expected a whole number from 0 to 1000)" 'agent,skills' 'ann,sales:-1'
	roster_error 2 "bad level '' of skill 'sales' (expected a whole number from 0 to 1000)" 'agent,skills' 'ann,sales:'
	roster_error 2 "skill 'sales' given twice" 'agent,skills' 'ann,sales; sales:2'
	roster_error 2 "empty item in skills 'sales;'" 'agent,skills' 'ann,sales;'
	roster_error 2 "empty skill name in skills ':3'" 'agent,skills' 'ann,:3'
	# Proficiencies have the same range.
	put c.ini '[sim]' 'skill_levels = proficiency' '[queue english]'
	roster_error 3 "bad level '1001' of skill 'english' (expected a whole number from 0 to 1000)" \
		'agent,skills' 'p1,english:1000' 'p2,english:1001'
}

@test "roster: a template makes queues for new skills, on its channel" {
	put c.ini '[queue sales]' '[queue *]' 'channel = chat'
	roster_error 2 "agent 'ann' serves queue 'new' (chat) but has no chat capacity" 'agent,skills' 'ann,new'
	# Queues: sales, new, other = 3; skills the same 3; channels voice, chat = 2;
	# ann serves sales and new, bob other: none unserved.
	put r.csv 'agent,skills,channels' 'ann,sales;new,voice:1;chat:1' 'bob,other;new,chat:4'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 2 agents, 3 skills, 2 channels"
	assert_equal "$stderr" ''
	# The template does not make a queue with a control character in its name.
	roster_error 1 "skill name with a control character" '{"agent":"ann","skills":"a\u0001b"}'
	# A skill named like a queue that needs another skill is unknown.
	put c.ini '[queue sales]' 'skill = selling' '[queue *]'
	roster_error 2 "unknown skill 'sales' (queue 'sales' needs skill 'selling')" 'agent,skills' 'ann,sales'
}

@test "roster: channels and capacity" {
	base_conf
	roster_error 2 "bad channels item 'chat' (expected CHANNEL:CAPACITY, such as chat:3)" 'agent,skills,channels' 'ann,sales,chat'
	roster_error 2 "bad channels item ':3' (expected CHANNEL:CAPACITY, such as chat:3)" 'agent,skills,channels' 'ann,sales,:3'
	roster_error 2 "bad channels item 'a:b:1' (expected CHANNEL:CAPACITY, such as chat:3)" 'agent,skills,channels' 'ann,sales,a:b:1'
	roster_error 2 "bad capacity 'x' of channel 'chat' (expected a whole number from 0 to 1000)" 'agent,skills,channels' 'ann,sales,voice:1;chat:x'
	roster_error 2 "bad capacity '1001' of channel 'chat' (expected a whole number from 0 to 1000)" 'agent,skills,channels' 'ann,sales,voice:1;chat:1001'
	roster_error 2 "bad capacity '-1' of channel 'chat' (expected a whole number from 0 to 1000)" 'agent,skills,channels' 'ann,sales,voice:1;chat:-1'
	roster_error 2 "bad capacity '1.5' of channel 'chat' (expected a whole number from 0 to 1000)" 'agent,skills,channels' 'ann,sales,voice:1;chat:1.5'
	roster_error 2 "channel 'chat' given twice" 'agent,skills,channels' 'ann,sales,chat:1;Chat:2'
	roster_error 2 "agent 'ann' serves queue 'chat' (chat) but has no chat capacity" 'agent,skills,channels' 'ann,chat,voice:1'
	roster_error 2 "agent 'ann' serves queue 'sales' (voice) but has no voice capacity" 'agent,skills,channels' 'ann,sales,voice:0;chat:1'
	roster_error 2 "agent 'ann' serves queue 'mail' (email) but has no email capacity" 'agent,skills' 'ann,email-skill'
}

@test "roster: a channel no queue uses is a warning, too many channels an error" {
	base_conf
	# fax is the 4th channel; only its first mention is reported.
	put r.csv 'agent,skills,channels' 'ann,sales,voice:1;FAX:1' 'bob,sales,voice:1;fax:2'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 4 agents, 3 skills, 4 channels, 1 queue without agents"
	assert_equal "$stderr" "ccroute: $D/r.csv:2: warning: channel 'fax' is the channel of no queue
ccroute: $D/c.ini:2: warning: queue 'chat' has no agents: its callers will wait for ever (no timeout, no patience)"
	# voice and c1 .. c15 are 16 channels already.
	local lines=() i
	for i in $(seq 15); do lines+=("[queue q$i]" "channel = c$i"); done
	put c.ini "${lines[@]}"
	roster_error 2 "too many channels (at most 16)" 'agent,channels' 'ann,c16:1'
}

@test "roster: shifts" {
	base_conf
	local span="(expected HH:MM-HH:MM or TIME/TIME)"
	roster_error 2 "bad shift span '25:00-26:00' $span" 'agent,skills,shift' 'ann,sales,25:00-26:00'
	roster_error 2 "bad shift span '8-16' $span" 'agent,skills,shift' 'ann,sales,8-16'
	roster_error 2 "bad shift span '-08:00-10:00' $span" 'agent,skills,shift' 'ann,sales,-08:00-10:00'
	roster_error 2 "bad shift span '24:00-08:00' $span" 'agent,skills,shift' 'ann,sales,24:00-08:00'
	roster_error 2 "bad shift span '08:00-24:01' $span" 'agent,skills,shift' 'ann,sales,08:00-24:01'
	roster_error 2 "bad shift span '08:00' $span" 'agent,skills,shift' 'ann,sales,08:00'
	roster_error 2 "bad shift span '' $span" 'agent,skills,shift' 'ann,sales,08:00-12:00;'
	roster_error 2 "bad shift span '2026-13-02T08:00:00Z/2026-03-02T09:00:00Z' $span" \
		'agent,skills,shift' 'ann,sales,2026-13-02T08:00:00Z/2026-03-02T09:00:00Z'
	roster_error 2 "bad shift span '2026-03-02T10:00:00Z/2026-03-02T09:00:00Z' (its end is not after its start)" \
		'agent,skills,shift' 'ann,sales,2026-03-02T10:00:00Z/2026-03-02T09:00:00Z'
	roster_error 2 "bad shift span '1772438400/1772438400' (its end is not after its start)" \
		'agent,skills,shift' 'ann,sales,1772438400/1772438400'
	roster_error 2 "shift spans '08:00-12:00' and '11:00-13:00' overlap" 'agent,skills,shift' 'ann,sales,08:00-12:00;11:00-13:00'
	# 22:00-06:00 runs past midnight into 05:00-07:00.
	roster_error 2 "shift spans '22:00-06:00' and '05:00-07:00' overlap" 'agent,skills,shift' 'ann,sales,22:00-06:00;05:00-07:00'
	# 09:00-09:00 is the whole day.
	roster_error 2 "shift spans '09:00-09:00' and '12:00-13:00' overlap" 'agent,skills,shift' 'ann,sales,09:00-09:00;12:00-13:00'
	# 1772438400 is 2026-03-02T08:00:00Z: 08:00-09:00 and 08:30-10:00.
	roster_error 2 "shift spans '1772438400/1772442000' and '2026-03-02T08:30:00Z/2026-03-02T10:00:00Z' overlap" \
		'agent,skills,shift' 'ann,sales,1772438400/1772442000;2026-03-02T08:30:00Z/2026-03-02T10:00:00Z'
	roster_error 2 "shift mixes daily (HH:MM-HH:MM) and dated (TIME/TIME) spans" 'agent,skills,shift' 'ann,sales,08:00-12:00;1772438400/1772442000'
	# 65 one-minute spans 00:00-00:01, 00:01-00:02, ... 01:04-01:05.
	roster_error 2 "too many shift spans (at most 64)" 'agent,skills,shift' "ann,sales,$(minutes 65)"
	# Touching spans, 24:00 as an end, spans past midnight, 64 spans: all
	# good (sales is served by them, chat is not).
	put r.csv 'agent,skills,shift' 'ann,sales,08:00-12:00;12:00-16:00' 'bob,sales,16:00-24:00' \
		'cy,sales,22:00-06:00;06:00-22:00' "dee,sales,$(minutes 64)"
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 6 agents, 3 skills, 3 channels, 1 queue without agents"
}

@test "roster: wrapup_s and weight" {
	base_conf
	roster_error 2 "bad wrapup_s '-5' (a duration cannot be negative)" 'agent,skills,wrapup_s' 'ann,sales,-5'
	roster_error 2 "bad wrapup_s 'soon' (expected a duration such as 0, 30, 30s or 2m)" 'agent,skills,wrapup_s' 'ann,sales,soon'
	roster_error 1 "bad wrapup_s '-1.5' (a duration cannot be negative)" '{"agent":"ann","skills":"sales","wrapup_s":-1.5}'
	roster_error 2 "bad weight '0' (expected a number above 0, at most 1000000)" 'agent,skills,weight' 'ann,sales,0'
	roster_error 2 "bad weight '-1' (expected a number above 0, at most 1000000)" 'agent,skills,weight' 'ann,sales,-1'
	roster_error 2 "bad weight 'heavy' (expected a number above 0, at most 1000000)" 'agent,skills,weight' 'ann,sales,heavy'
	roster_error 2 "bad weight '1000001' (expected a number above 0, at most 1000000)" 'agent,skills,weight' 'ann,sales,1000001'
	roster_error 1 "bad weight '1e3' (expected a number above 0, at most 1000000)" '{"agent":"ann","skills":"sales","weight":1e3}'
}

@test "roster: an agent with no skill is a warning" {
	base_conf
	# The warning about bob comes before the error about cy.
	put r.csv 'agent,skills' 'ann,sales' 'bob,' 'cy,chat'
	run -1 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output ''
	assert_equal "$stderr" "ccroute: $D/r.csv:3: warning: agent 'bob' has no skill of any queue
ccroute: $D/r.csv:4: agent 'cy' serves queue 'chat' (chat) but has no chat capacity"
	put r.csv 'agent,skills' 'ann,sales' 'bob,'
	run -0 --separate-stderr ccroute check --config "$D/c.ini" --roster "$D/r.csv"
	assert_output "$D/c.ini: 3 queues, 4 agents, 3 skills, 3 channels, 1 queue without agents"
	assert_equal "$stderr" "ccroute: $D/r.csv:3: warning: agent 'bob' has no skill of any queue
ccroute: $D/c.ini:2: warning: queue 'chat' has no agents: its callers will wait for ever (no timeout, no patience)"
}
