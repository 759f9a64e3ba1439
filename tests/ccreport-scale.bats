# ccreport --partial and ccreport merge: scale-out by mergeable partial state.
bats_require_minimum_version 1.5.0
setup() { load common; }

# A JSON Lines copy of the sample calls, every record (both directions).
calls_jsonl() {
	ccreport --list all --direction all --output-format jsonl "$TEST_DATA/../../samples/calls.csv"
}

@test "partial: GNU parallel --pipepart over many jobs, merged, equals one process byte for byte" {
	d=$(scratch)
	calls_jsonl > "$d/calls.jsonl"
	opts=(--by queue,channel --interval 1h --tz Europe/Berlin)
	defs=(--short-abandon 5 --buckets 15,30 --sl-base offered-short --sl 30)
	for fmt in csv jsonl table markdown; do
		ccreport "${opts[@]}" "${defs[@]}" --output-format $fmt "$d/calls.jsonl" > "$d/single.$fmt"
	done
	# Small blocks so the file is cut into many parts.
	parallel --pipepart -a "$d/calls.jsonl" --block 4k \
		"ccreport ${opts[*]} --partial > $d/part.{#}.jsonl"
	n=$(ls "$d"/part.*.jsonl | wc -l)
	[ "$n" -ge 5 ]
	for fmt in csv jsonl table markdown; do
		ccreport merge "${defs[@]}" --output-format $fmt "$d"/part.*.jsonl > "$d/merged.$fmt"
		cmp "$d/single.$fmt" "$d/merged.$fmt"
	done
	# The order of the partials does not matter.
	ccreport merge "${defs[@]}" --output-format csv $(ls -r "$d"/part.*.jsonl) > "$d/rev.csv"
	cmp "$d/single.csv" "$d/rev.csv"
}

@test "partial: merged figures equal an independent count of the records" {
	d=$(scratch)
	calls_jsonl > "$d/calls.jsonl"
	split -l 37 "$d/calls.jsonl" "$d/piece."
	for f in "$d"/piece.*; do ccreport --by= --partial "$f" > "$f.part"; done
	run -0 ccreport merge --output-format csv "$d"/piece.*.part
	# offered, answered, abandoned over inbound records, counted by python.
	want=$(python3 -c '
import json, sys
o = a = b = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("direction") == "outbound":
        continue
    o += 1
    if r.get("answered_at"):
        a += 1
    elif (r.get("outcome") or "").lower() == "abandoned":
        b += 1
print(f"{o},{a},{b}")' "$d/calls.jsonl")
	got=$(printf '%s\n' "$output" | sed -n 2p | cut -d, -f1-3)
	[ "$got" = "$want" ]
}

@test "partial: the header names the grouping; groups carry counts, sums and histograms" {
	d=$(scratch)
	mkcsv "$d/in.csv" \
		'1,voice,inbound,billing,a1,answered,2026-03-02T08:00:00Z,2026-03-02T08:00:10Z,2026-03-02T08:05:10Z,,' \
		'2,voice,inbound,billing,,abandoned,2026-03-02T08:01:00Z,,2026-03-02T08:01:30Z,,'
	run -0 ccreport --partial --interval 15m "$d/in.csv"
	[ "${lines[0]}" = '{"_partial":"ccreport","format":2,"version":"0.1.0","by":["queue"],"interval_s":900,"tz":"UTC","direction":"inbound","report":"queues"}' ]
	# 2026-03-02T08:00:00Z = 1772438400 (date -u -d 2026-03-02T08:00:00Z +%s); one answered
	# wait of 10 s and handle of 300 s, one abandon after 30 s.
	[ "${lines[1]}" = '{"key":["billing"],"ival":1772438400,"offered":2,"answered":1,"abandoned":1,"timeout":0,"overflow":0,"other":0,"wait_sum_us":10000000,"handled":1,"handle_sum_us":300000000,"wait":[[10,1]],"abandon_wait":[[30,1]],"xfer":0,"xfer_blind":0,"xfer_attended":0,"hang_caller":0,"hang_agent":0}' ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "merge: partials of different reports are refused" {
	d=$(scratch)
	ccreport --partial --by queue "$TEST_DATA/ccreport-small.csv" > "$d/q.jsonl"
	ccreport --partial --by agent "$TEST_DATA/ccreport-small.csv" > "$d/a.jsonl"
	ccreport --partial --by queue --tz Europe/Berlin "$TEST_DATA/ccreport-small.csv" > "$d/z.jsonl"
	run -1 --separate-stderr ccreport merge "$d/q.jsonl" "$d/a.jsonl"
	[ "$stderr" = "ccreport: $d/a.jsonl:1: partial of another report (its --report, --by, --interval, --tz or --direction differ)" ]
	[ -z "$output" ]
	run -1 --separate-stderr ccreport merge "$d/q.jsonl" "$d/z.jsonl"
	[ "$stderr" = "ccreport: $d/z.jsonl:1: partial of another report (its --report, --by, --interval, --tz or --direction differ)" ]
}

@test "merge: bad partial input" {
	d=$(scratch)
	printf '{"queue":"x"}\n' > "$d/rec.jsonl"
	run -1 --separate-stderr ccreport merge "$d/rec.jsonl"
	[ "$stderr" = "ccreport: $d/rec.jsonl:1: not a ccreport partial (no \"_partial\":\"ccreport\" header)" ]
	: > "$d/empty"
	run -1 --separate-stderr ccreport merge "$d/empty"
	[ "$stderr" = "ccreport: $d/empty: empty partial (no header)" ]
	ccreport --partial "$TEST_DATA/ccreport-small.csv" | head -1 > "$d/p.jsonl"
	printf '{"key":["x"],"ival":0,"offered":-1}\n' >> "$d/p.jsonl"
	run -1 --separate-stderr ccreport merge "$d/p.jsonl"
	[ "$stderr" = "ccreport: $d/p.jsonl:2: bad partial group" ]
	printf 'not json\n' > "$d/junk"
	run -1 --separate-stderr ccreport merge "$d/junk"
	[[ $stderr == "ccreport: $d/junk:1: invalid JSON: "* ]]
	run -1 --separate-stderr ccreport merge "$d/missing"
	[ "$stderr" = "ccreport: cannot open $d/missing: No such file or directory" ]
}

@test "merge and --partial: usage errors" {
	run -2 --separate-stderr ccreport merge --by agent x
	[ "${stderr_lines[0]}" = "ccreport: merge takes only the definitions options, --no-total, --output-format and -o" ]
	[ "${stderr_lines[1]}" = "$HINT" ]
	run -2 --separate-stderr ccreport --partial --output-format csv x
	[ "${stderr_lines[0]}" = "ccreport: --partial writes JSON Lines state: it takes no --output-format or --list" ]
	[ "${stderr_lines[1]}" = "$HINT" ]
}

@test "merge: several partials concatenated in one stream, as parallel -S collects them" {
	d=$(scratch)
	calls_jsonl > "$d/calls.jsonl"
	ccreport --by agent "$d/calls.jsonl" > "$d/single.csv"
	parallel --pipepart -a "$d/calls.jsonl" --block 4k ccreport --by agent --partial > "$d/all.jsonl"
	[ "$(grep -c '"_partial"' "$d/all.jsonl")" -ge 5 ]
	ccreport merge "$d/all.jsonl" > "$d/merged.csv"
	cmp "$d/single.csv" "$d/merged.csv"
	# A later header that differs is refused with its own line number.
	ccreport --partial --by queue "$TEST_DATA/ccreport-small.csv" >> "$d/all.jsonl"
	n=$(grep -n '"by":\["queue"\]' "$d/all.jsonl" | cut -d: -f1)
	run -1 --separate-stderr ccreport merge "$d/all.jsonl"
	[ "$stderr" = "ccreport: $d/all.jsonl:$n: partial of another report (its --report, --by, --interval, --tz or --direction differ)" ]
}

@test "merge reads a partial from standard input and writes to -o" {
	d=$(scratch)
	ccreport --by= "$TEST_DATA/ccreport-small.csv" > "$d/single.csv"
	ccreport --by= --partial "$TEST_DATA/ccreport-small.csv" | ccreport merge -o "$d/out.csv"
	cmp "$d/single.csv" "$d/out.csv"
}

@test "partial and merge: a write to /dev/full fails" {
	run -1 --separate-stderr bash -c 'ccreport --partial "$1" > /dev/full' _ "$TEST_DATA/ccreport-small.csv"
	[ "$stderr" = "ccreport: write error: No space left on device" ]
	run -1 --separate-stderr bash -c 'ccreport --partial "$1" | ccreport merge > /dev/full' _ "$TEST_DATA/ccreport-small.csv"
	[ "$stderr" = "ccreport: write error: No space left on device" ]
}

@test "partial of a converted log: the diagnostics go to stderr, the merged report equals one run" {
	d=$(scratch)
	log=$TEST_DATA/qlog-messy.queue_log
	run -0 --separate-stderr ccreport --from asterisk-queue-log --output-format csv "$log"
	single=$output single_err=$stderr
	# The messy log has diagnostics: the same summary lines whatever the output.
	[[ "$single_err" == *"ccreport: diagnostics: "* ]]
	run -0 --separate-stderr ccreport --from asterisk-queue-log --partial "$log"
	[ "$stderr" = "$single_err" ]
	printf '%s\n' "$output" > "$d/p.jsonl"
	run -0 ccreport merge --output-format csv "$d/p.jsonl"
	[ "$output" = "$single" ]
}
