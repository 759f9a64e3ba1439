#!/usr/bin/env bats
# ccivr-sim lint: every check L001-L016 on a broken menu in tests/data, the
# samples linting clean, bad input and the command line.
#
# A finding is one line on stdout, FILE:LINE:COL: error|warning LNNN: message,
# sorted by position; "ccivr-sim: N errors, M warnings" follows on stderr
# when there is any finding.  Exit status 1 on an error, else 0.  Every
# position below was counted by hand in the fixture (columns from 1).

bats_require_minimum_version 1.5.0
setup() {
	load ccivr
	D=$(scratch)
	cd "$TEST_DATA"
}

# lint STATUS SUMMARY FILE LINE...: 'ccivr-sim lint FILE' (run in tests/data)
# must exit with STATUS, print exactly the LINEs, each prefixed "FILE:",
# and "ccivr-sim: SUMMARY" on stderr.
lint() {
	local status=$1 summary=$2 file=$3 l out=
	shift 3
	for l in "$@"; do
		out+="$file:$l"$'\n'
	done
	run "-$status" --separate-stderr ccivr-sim lint "$file"
	assert_output "${out%$'\n'}"
	assert_equal "$stderr" "ccivr-sim: $summary"
}

# ---- clean menus ------------------------------------------------------------

@test "clean: the minimal menu lints clean" {
	run -0 --separate-stderr ccivr-sim lint ivr-lint-clean.json
	assert_output ''
	assert_equal "$stderr" ''
}

@test "clean: samples/bank-ivr.json lints clean" {
	run -0 --separate-stderr ccivr-sim lint "$TOP_SRCDIR/samples/bank-ivr.json"
	assert_output ''
	assert_equal "$stderr" ''
}

@test "clean: samples/telecom-ivr.json lints clean" {
	run -0 --separate-stderr ccivr-sim lint "$TOP_SRCDIR/samples/telecom-ivr.json"
	assert_output ''
	assert_equal "$stderr" ''
}

@test "clean: several files, and - for standard input" {
	run -0 --separate-stderr sh -c 'ccivr-sim lint ivr-lint-clean.json - <ivr-lint-clean.json'
	assert_output ''
	assert_equal "$stderr" ''
	run -0 --separate-stderr sh -c 'ccivr-sim lint <ivr-lint-clean.json'
	assert_output ''
}

# ---- L001 structure ---------------------------------------------------------

@test "L001: unknown type, missing type" {
	lint 1 '2 errors, 0 warnings' ivr-lint-L001-type.json \
		"8:22: error L001: unknown type 'finish' of node 'done': use prompt, menu, input, hours, selfservice, queue, voicemail, hangup, end, goto or transfer" \
		"9:5: error L001: node 'agent' has no 'type'"
}

@test "L001: start is not a node" {
	lint 1 '1 error, 0 warnings' ivr-lint-L001-start.json \
		"3:12: error L001: start 'welcome' is not a node"
}

@test "L001: missing format and start" {
	lint 1 '2 errors, 0 warnings' ivr-lint-L001-format.json \
		"1:1: error L001: missing 'format': a menu starts with \"format\": \"ccivr/1\"" \
		"1:1: error L001: missing 'start': the node every call begins at"
}

@test "L001: unknown keys, wrong kinds, missing required keys" {
	lint 1 '5 errors, 1 warning' ivr-lint-L001-keys.json \
		"5:30: error L001: unknown key 'promt_s' in node 'main'" \
		"5:56: error L001: 'barge_in' of node 'main' must be a boolean, not a string" \
		"6:19: warning L012: option '1' of node 'main' has no 'p' while others have: it gets an equal share of what is left" \
		"6:46: error L001: 'p' of option '1' of node 'main' must be a number, not a string" \
		"8:5: error L001: node 'done' has no 'outcome'" \
		"10:19: error L001: 'priority' of node 'agent' must be a whole number from -1000000 to 1000000, not 2.5"
}

@test "L001: a JSON syntax error at its position" {
	lint 1 '1 error, 0 warnings' ivr-lint-L001-syntax.json \
		"5:70: error L001: trailing comma"
}

@test "L001: wrong format version, not an object" {
	printf '{"format": "ccivr/2", "start": "a",\n "nodes": {"a": {"type": "end", "outcome": "x"}}}\n' >"$D/v2.json"
	run -1 --separate-stderr ccivr-sim lint "$D/v2.json"
	assert_output "$D/v2.json:1:12: error L001: unsupported format 'ccivr/2': ccivr-sim reads ccivr/1"
	printf '  [1, 2]\n' >"$D/arr.json"
	run -1 --separate-stderr ccivr-sim lint "$D/arr.json"
	assert_output "$D/arr.json:1:3: error L001: a menu must be a JSON object, not an array"
}

# ---- L002 references --------------------------------------------------------

@test "L002: option, calendar and @parent outside a goto" {
	lint 1 '3 errors, 0 warnings' ivr-lint-L002.json \
		"7:44: error L002: 'calendar' of node 'hours' names 'ofice', which is not a calendar" \
		"9:56: error L002: option '2' of node 'main' goes to 'cards2', which is not a node" \
		"10:21: error L002: 'on_noinput' of node 'main' goes to '@parent', which only a goto node's 'target' may name"
}

@test "L002: goto @parent with no previous menu" {
	lint 1 '1 error, 0 warnings' ivr-lint-L002-parent.json \
		"8:40: error L002: 'target' of node 'back' goes to '@parent', but no menu comes before the menu it is reached from"
}

@test "L002: goto @parent back to the previous menu is fine (the bank sample)" {
	run -0 ccivr-sim lint "$TOP_SRCDIR/samples/bank-ivr.json"
	grep -q '"@parent"' "$TOP_SRCDIR/samples/bank-ivr.json"
}

# ---- L003 keys --------------------------------------------------------------

@test "L003: duplicate option key names both positions" {
	lint 1 '1 error, 0 warnings' ivr-lint-L003.json \
		"9:9: error L003: duplicate key '1' (first at line 7, column 9)"
}

@test "L003: invalid option keys" {
	lint 1 '2 errors, 0 warnings' ivr-lint-L003-key.json \
		"6:66: error L003: invalid option key '11' in node 'main': use 0-9, '*' or '#'" \
		"6:91: error L003: invalid option key 'A' in node 'main': use 0-9, '*' or '#'"
}

@test "L003: duplicate node ids" {
	printf '{"format": "ccivr/1", "start": "a", "nodes": {\n  "a": {"type": "end", "outcome": "x"},\n  "a": {"type": "end", "outcome": "y"}}}\n' >"$D/dup.json"
	run -1 --separate-stderr ccivr-sim lint "$D/dup.json"
	assert_output "$D/dup.json:3:3: error L003: duplicate key 'a' (first at line 2, column 3)"
}

# ---- L004-L007 graph ------------------------------------------------------------

@test "L004: unreachable node is a warning (exit 0)" {
	lint 0 '0 errors, 1 warning' ivr-lint-L004.json \
		"8:5: warning L004: node 'old_promo' is unreachable from start 'main'"
}

@test "L005: a loop of menus with no exit" {
	lint 1 '2 errors, 0 warnings' ivr-lint-L005.json \
		"8:5: error L005: no way out of node 'info': every path from it loops without reaching a queue, voicemail, hangup, end or transfer" \
		"11:5: error L005: no way out of node 'more': every path from it loops without reaching a queue, voicemail, hangup, end or transfer"
}

@test "L006: a cycle of prompt, hours and goto needing no input" {
	lint 1 '1 error, 0 warnings' ivr-lint-L006.json \
		"7:5: error L006: cycle with no caller input: welcome -> hours -> closed_msg -> again -> welcome"
}

@test "L006: a prompt that goes to itself" {
	printf '{"format": "ccivr/1", "start": "a", "nodes": {\n  "a": {"type": "prompt", "next": "a"}}}\n' >"$D/self.json"
	run -1 --separate-stderr ccivr-sim lint "$D/self.json"
	assert_output "$D/self.json:2:3: error L005: no way out of node 'a': every path from it loops without reaching a queue, voicemail, hangup, end or transfer
$D/self.json:2:3: error L006: cycle with no caller input: a -> a"
}

@test "L007: dead end" {
	lint 1 '1 error, 0 warnings' ivr-lint-L007.json \
		"8:5: error L007: dead end: prompt node 'notice' leads nowhere"
}

# ---- L008-L010 menus ------------------------------------------------------------

@test "L008: missing handlers, max 0 without a handler" {
	lint 0 '0 errors, 2 warnings' ivr-lint-L008.json \
		"5:5: warning L008: node 'main' has no 'on_noinput': the call is hung up after 4 no-inputs" \
		"10:22: warning L008: node 'pin' has 'max_nomatch' 0 and no 'on_nomatch': the first no-match hangs up"
}

@test "L009: too many and too few options" {
	lint 0 '0 errors, 2 warnings' ivr-lint-L009.json \
		"6:18: warning L009: menu 'main' has 6 options: callers remember 5 at most" \
		"10:18: warning L009: menu 'a' has only one option: a menu offers a choice"
}

@test "L010: no agent within three menu levels" {
	lint 0 '0 errors, 1 warning' ivr-lint-L010.json \
		"3:12: warning L010: no option leads to an agent within 3 menu levels of start; menus without '0': main, m2, m3, m4"
}

# ---- L011-L016 values -----------------------------------------------------------

@test "L011: sums and ranges of probabilities" {
	lint 1 '3 errors, 0 warnings' ivr-lint-L011.json \
		"5:5: error L011: option and no-input, no-match and hang-up probabilities of node 'main' sum to 0.92, not 1" \
		"10:36: error L011: 'p_noinput' of node 'pin' is -0.1, outside 0 to 1" \
		"12:5: error L011: 'p_complete', 'p_fail' and 'p_hangup' of node 'task' sum to 1.1, more than 1"
}

@test "L012: p on some options only; p on '*' that is no repeat" {
	lint 0 '0 errors, 2 warnings' ivr-lint-L012.json \
		"8:9: warning L012: option '0' of node 'main' has no 'p' while others have: it gets an equal share of what is left" \
		"9:36: warning L012: option '*' of node 'main' has a 'p' but is not a repeat: callers press '*' to hear the menu again"
}

@test "L013: time zone, windows, days, times, holidays, special days" {
	lint 1 '7 errors, 1 warning' ivr-lint-L013.json \
		"3:15: error L013: unknown time zone 'Europe/Londn'" \
		"8:55: error L013: weekly window 1 of calendar 'office' closes at 09:00, which is not after it opens at 18:00" \
		"9:18: error L013: bad days 'sun-mon' in weekly window 2 of calendar 'office': use mon, tue, wed, thu, fri, sat, sun and forward ranges such as mon-fri, separated by commas" \
		"10:33: error L013: bad open time '9:00' in weekly window 3 of calendar 'office': use HH:MM from 00:00 to 23:59" \
		"10:50: error L013: bad close time '25:00' in weekly window 3 of calendar 'office': use HH:MM from 00:00 to 24:00" \
		"12:48: error L013: bad holiday '2026-02-29' in calendar 'office': use a real date YYYY-MM-DD" \
		"12:62: warning L013: holiday 2062-01-01 of calendar 'office' is outside its years 2025 to 2027" \
		"13:68: error L013: special day 1 of calendar 'office' closes at 09:00, which is not after it opens at 09:00"
}

@test "L013: hours without a time zone" {
	lint 0 '0 errors, 1 warning' ivr-lint-L013-notz.json \
		"6:5: warning L013: no 'timezone': the hours of node 'hours' are read in UTC"
}

@test "L014: timeouts and retries, in defaults and nodes" {
	lint 0 '0 errors, 4 warnings' ivr-lint-L014.json \
		"4:29: warning L014: 'timeout_s' of defaults is 45: callers need 2 to 30 seconds" \
		"4:48: warning L014: 'max_nomatch' of defaults is 8: more than 5 replays tire callers" \
		"6:43: warning L014: 'timeout_s' of node 'main' is 1.5: callers need 2 to 30 seconds" \
		"6:63: warning L014: 'max_noinput' of node 'main' is 6: more than 5 replays tire callers"
}

@test "L015: self-service failure with no way to an agent" {
	lint 0 '0 errors, 1 warning' ivr-lint-L015.json \
		"9:41: warning L015: 'on_fail' of node 'pay' leads to no queue: a caller the task fails cannot reach an agent"
}

@test "L016: queue without queue (error) or skill (warning)" {
	lint 1 '1 error, 1 warning' ivr-lint-L016.json \
		"8:5: warning L016: node 'sales' has no 'skill': ccroute takes the queue name 'sales'" \
		"9:5: error L016: node 'agent' has no 'queue'"
}

# ---- options ------------------------------------------------------------------

@test "--werror makes warnings fail; -q drops the counts" {
	run -1 --separate-stderr ccivr-sim lint --werror ivr-lint-L004.json
	assert_output "ivr-lint-L004.json:8:5: warning L004: node 'old_promo' is unreachable from start 'main'"
	run -0 --separate-stderr ccivr-sim lint -q ivr-lint-L004.json
	assert_equal "$stderr" ''
	run -1 --separate-stderr ccivr-sim lint --quiet ivr-lint-L007.json
	assert_equal "$stderr" ''
}

@test "several files: findings per file in argument order, one count" {
	run -1 --separate-stderr ccivr-sim lint ivr-lint-L007.json ivr-lint-clean.json ivr-lint-L004.json
	assert_output "ivr-lint-L007.json:8:5: error L007: dead end: prompt node 'notice' leads nowhere
ivr-lint-L004.json:8:5: warning L004: node 'old_promo' is unreachable from start 'main'"
	assert_equal "$stderr" 'ccivr-sim: 1 error, 1 warning'
}

# ---- bad input ----------------------------------------------------------------

@test "bad input: empty file, not JSON, binary junk" {
	: >"$D/empty.json"
	run -1 --separate-stderr ccivr-sim lint "$D/empty.json"
	assert_output "$D/empty.json:1:1: error L001: empty document"
	printf 'hello\n' >"$D/text.json"
	run -1 --separate-stderr ccivr-sim lint "$D/text.json"
	assert_output "$D/text.json:1:1: error L001: invalid literal 'hello'"
	printf '\x00\x01\x02\xfe\xff' >"$D/junk.bin"
	run -1 --separate-stderr ccivr-sim lint "$D/junk.bin"
	assert_output --regexp "^$D/junk.bin:1:1: error L001: [a-z]"
	assert_equal "$stderr" 'ccivr-sim: 1 error, 0 warnings'
}

@test "bad input: invalid UTF-8 at its column" {
	printf '{"format": "ccivr/1",\n "id": "caf\xe9"}\n' >"$D/latin1.json"
	run -1 --separate-stderr ccivr-sim lint "$D/latin1.json"
	assert_output "$D/latin1.json:2:12: error L001: invalid UTF-8"
}

@test "bad input: nesting deeper than 200" {
	# The object is depth 1, so the 200th '[' (column 27 + 200) is depth 201.
	python3 -c 'print("{\"format\": \"ccivr/1\", \"x\": " + "["*250 + "]"*250 + "}")' >"$D/deep.json"
	run -1 --separate-stderr ccivr-sim lint "$D/deep.json"
	assert_output "$D/deep.json:1:227: error L001: nesting deeper than 200"
}

@test "bad input: control characters in names stay on one line" {
	printf '{"format": "ccivr/1", "start": "a\\nb", "nodes": {"a": {"type": "end", "outcome": "x"}}}' >"$D/nl.json"
	run -1 --separate-stderr ccivr-sim lint "$D/nl.json"
	assert_output "$D/nl.json:1:32: error L001: start 'a\\nb' is not a node"
}

@test "bad input: a file over 64 MiB is refused" {
	truncate -s 65M "$D/huge.json"
	run -1 --separate-stderr ccivr-sim lint "$D/huge.json"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: $D/huge.json: larger than 64 MiB: not a menu"
}

@test "bad input: a 20000-node menu lints in linear time" {
	python3 - "$D/big.json" <<'PY'
import json, sys
n = 20000
nodes = {"p%d" % i: {"type": "prompt", "next": "p%d" % (i + 1)} for i in range(n)}
nodes["p%d" % n] = {"type": "queue", "queue": "q", "skill": "q"}
json.dump({"format": "ccivr/1", "start": "p0", "nodes": nodes}, open(sys.argv[1], "w"), indent=1)
PY
	run -0 --separate-stderr timeout 20 ccivr-sim lint "$D/big.json"
	assert_output ''
}

@test "bad input: missing file, directory" {
	run -1 --separate-stderr ccivr-sim lint "$D/none.json"
	assert_output ''
	assert_equal "$stderr" "ccivr-sim: cannot open $D/none.json: No such file or directory"
	run -1 --separate-stderr ccivr-sim lint "$D"
	assert_equal "$stderr" "ccivr-sim: cannot read $D: Is a directory"
}

@test "output: a full disk is an error" {
	run -1 --separate-stderr sh -c 'ccivr-sim lint -q ivr-lint-L007.json >/dev/full'
	assert_output ''
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
	run -1 --separate-stderr sh -c 'ccivr-sim --help >/dev/full'
	assert_equal "$stderr" 'ccivr-sim: write error: No space left on device'
}

# ---- command line ----------------------------------------------------------------

@test "usage: no command, unknown commands, unknown options" {
	usage_error "missing command: use 'ccivr-sim lint MENU.json'"
	usage_error "unknown command 'simulate'" simulate menu.json
	usage_error "unknown command 'analyze'" analyze
	usage_error "unrecognized option '--bogus'" lint --bogus x.json
	usage_error "unrecognized option '--bogus'" --bogus
	usage_error "invalid option -- 'x'" lint -x
}

@test "--help lists the commands; --version" {
	run -0 ccivr-sim --help
	assert_line --index 0 'Usage: ccivr-sim lint [OPTION]... [MENU.json]...'
	assert_line --index 1 "  or:  ccivr-sim run [OPTION]... MENU.json [RECORDS]...  (see 'ccivr-sim run --help')"
	assert_line --index 2 "  or:  ccivr-sim analyse [OPTION]... [MENU.json]  (see 'ccivr-sim analyse --help')"
	assert_line --index 3 "  or:  ccivr-sim dot [--stats=RUN] [MENU.json]  (see 'ccivr-sim dot --help')"
	run -0 ccivr-sim lint --help
	assert_line --index 0 'Usage: ccivr-sim lint [OPTION]... [MENU.json]...'
	run -0 ccivr-sim --version
	assert_line --index 0 --regexp '^ccivr-sim \(cctk\) '
	run -0 ccivr-sim lint --version
	assert_line --index 0 --regexp '^ccivr-sim \(cctk\) '
}

@test "-- ends options" {
	cp ivr-lint-clean.json "$D/--werror"
	cd "$D"
	run -0 --separate-stderr ccivr-sim lint -- --werror
	assert_output ''
}
