#!/usr/bin/env bats
# ccreport --output-format html: one self-contained page with the report
# tables and inline SVG charts.  The pages are rendered by headless Chromium
# (Debian's chromium package, which .ci/run installs); what Chromium makes of
# them (its --dump-dom output and its screenshots) is read by
# tests/data/html-dom.py, which does not share any code with ccreport.  Every
# expected figure is worked out by hand in the comments.

bats_require_minimum_version 1.5.0
setup() {
	load common
	CALLS=$TEST_DATA/html-calls.csv
	TMP=$(scratch)
}

# dom CMD FILE ARG...: query a page or a DOM dump (see tests/data/html-dom.py).
dom() {
	python3 "$TEST_DATA/html-dom.py" "$@"
}

# The values of attribute NAME of the elements SEL of FILE, on one line.
attrs() {
	dom attr "$1" "$2" "$3" | tr '\n' ' ' | sed 's/ $//'
}

# browser ARG...: headless Chromium with the flags of a sandboxed, offline
# run; a missing chromium is an error, never a reason to skip.
browser() {
	command -v chromium >/dev/null \
		|| fail "chromium is needed by this suite: apt-get install chromium (Debian's package; .ci/run installs it)"
	local prof
	prof=$(mktemp -d "$BATS_TEST_TMPDIR/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" "$@" 2>"$prof.log" || {
		echo "chromium failed:" >&2
		cat "$prof.log" >&2
		return 1
	}
}

# render ARG...: ccreport --output-format html ARG... into $TMP/page.html, then
# Chromium's DOM of it into $TMP/dom.html.
render() {
	ccreport --output-format html "$@" >"$TMP/page.html"
	browser --dump-dom "file://$TMP/page.html" >"$TMP/dom.html"
	[ -s "$TMP/dom.html" ] || fail "chromium wrote no DOM"
}

# html-calls.csv (sl 20 s, base offered; all inbound but d1):
#
#  id  arrived  queue   agent channel outcome    wait (s, rounded up)  handle
#  a1  09:00    sales   ann   voice   answered   5                     100
#  a2  09:05    sales   bob   voice   answered   25                    200
#  a3  09:10    sales   -     voice   abandoned  12
#  a4  09:20    support ann   chat    answered   15                    60
#  a5  09:30    support -     voice   timeout    300
#  d1  09:40    sales   ann   voice   answered   2   OUTBOUND: left out everywhere
#  b1  10:00    sales   ann   voice   answered   40                    120
#  b2  10:15    sales   cid   chat    answered   0.5 (-> 1)            30
#  b3  10:40    support -     voice   abandoned  3
#  c1  12:05    support -     voice   abandoned  50
#  c2  12:10    support -     voice   abandoned  8
#
# Hourly chart intervals (no --interval: the charts use 1 h), 09:00 to 12:00
# with 11:00 empty, so 4 slots:
#  09:00 offered 5 (a1-a5), answered 3, abandoned 1; sl: a1, a4 within 20 s:
#        2/5 = 40.00; asa (5 + 25 + 15)/3 = 15.00
#  10:00 offered 3, answered 2, abandoned 1; sl 1/3 = 33.33 (b2);
#        asa (40 + 0.5)/2 = 20.25
#  11:00 nothing: no sl point (base 0), no asa bar
#  12:00 offered 2, answered 0, abandoned 2; sl 0/2 = 0.00; no asa bar
# Totals: offered 10, answered 5, abandoned 4, timeout 1; abandon rate
#   4/10 = 40.00; sl 3/10 = 30.00; asa (5+25+15+40+0.5)/5 = 85.5/5 = 17.10;
#   waits 1 5 15 25 40: p50 rank 3 -> 15, p90 rank ceil(4.5) = 5 -> 40;
#   aht (100+200+60+120+30)/5 = 102.00
# sales: a1 a2 a3 b1 b2: offered 5, answered 4, abandoned 1 (20.00);
#   asa (5+25+40+0.5)/4 = 17.625 -> 17.63; sl 2/5 = 40.00; waits 1 5 25 40:
#   p50 rank 2 -> 5, p90 rank 4 -> 40; aht (100+200+120+30)/4 = 112.50
# support: a4 a5 b3 c1 c2: offered 5, answered 1, abandoned 3, timeout 1
#   (60.00); asa 15.00; sl 1/5 = 20.00; waits 15; aht 60.00
CALLS_CSV='queue,offered,answered,abandoned,timeout,overflow,other,abandon_rate,asa,sl,wait_p50,wait_p90,wait_p95,wait_p99,wait_max,aht
sales,5,4,1,0,0,0,20.00,17.63,40.00,5,40,40,40,40,112.50
support,5,1,3,1,0,0,60.00,15.00,20.00,15,15,15,15,15,60.00
TOTAL,10,5,4,1,0,0,40.00,17.10,30.00,15,40,40,40,40,102.00'

@test "html: one self-contained page: no script, nothing fetched, no clock" {
	run -0 --separate-stderr ccreport --output-format html "$CALLS"
	assert_equal "$stderr" ''
	printf '%s\n' "$output" >"$TMP/page.html"
	[[ "$output" == "<!DOCTYPE html>"* ]]
	[[ "$output" == *'<meta charset="utf-8">'* ]]
	[[ "$output" == *"</html>" ]]
	# nothing that runs or loads: no script, no URL, no external resource
	[[ "$output" != *"<script"* && "$output" != *"javascript:"* ]]
	[[ "$output" != *"http://"* && "$output" != *"https://"* ]]
	[[ "$output" != *"src="* && "$output" != *"url("* && "$output" != *"@import"* ]]
	[[ "$output" != *"<link"* && "$output" != *"<iframe"* && "$output" != *"<object"* ]]
	[[ "$output" != *"<img"* && "$output" != *"<embed"* ]]
	run -1 grep -Ei '<[^>]* on[a-z]+=' "$TMP/page.html"
	# links only inside the page
	local h
	for h in $(grep -o 'href="[^"]*"' "$TMP/page.html"); do
		[[ "$h" == 'href="#'* ]] || fail "external link: $h"
	done
	# the same bytes every time: no clock in the page
	sleep 1
	run -0 cmp "$TMP/page.html" <(ccreport --output-format html "$CALLS")
}

@test "html: Chromium renders the four kinds of chart, with figures worked out by hand" {
	render "$CALLS"
	for id in chart-volume chart-sl chart-asa chart-waits chart-agents; do
		assert_equal "$(dom count "$TMP/dom.html" "svg#$id")" 1
	done
	# volume: 4 slots of 1 h (11:00 empty but drawn), 3 bars each
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval)" \
		"2026-03-02T09:00:00Z 2026-03-02T10:00:00Z 2026-03-02T11:00:00Z 2026-03-02T12:00:00Z"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume rect.bar')" 12
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value)" "5 3 0 2"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.answered' data-value)" "3 2 0 0"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.abandoned' data-value)" "1 1 0 2"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-volume rect.bar.offered title' | head -1)" \
		"2026-03-02T09:00:00Z: offered 5"
	[[ "$(dom text "$TMP/dom.html" 'svg#chart-volume text.axis-title')" == *"1 h intervals, UTC"* ]]
	# service level: points at 09, 10 and 12 (none at 11: nothing offered),
	# 40.00 33.33 0.00, all below the 80 % target; the line breaks at 11:00
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-sl circle.pt' data-interval)" \
		"2026-03-02T09:00:00Z 2026-03-02T10:00:00Z 2026-03-02T12:00:00Z"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-sl circle.pt' data-value)" "40.00 33.33 0.00"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl circle.pt.missed')" 3
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl polyline.sl-line')" 2
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-sl g.target text')" "target 80 %"
	[[ "$(dom text "$TMP/dom.html" 'section#service-level ul.legend')" == *"target 80 % (--sl-target)"* ]]
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-sl circle.pt title' | head -1)" \
		"2026-03-02T09:00:00Z: service level 40.00 %"
	# the target line sits at 80 % of the plot height: y = top + h * (1 - 0.8)
	local y1 top bottom
	y1=$(dom attr "$TMP/dom.html" 'svg#chart-sl g.target line' y1)
	top=$(dom attr "$TMP/dom.html" 'svg#chart-sl g.axis line' y1 | head -1)
	bottom=$(dom attr "$TMP/dom.html" 'svg#chart-sl g.axis line' y2 | head -1)
	python3 -c "import sys; t, b, y = map(float, sys.argv[1:]); assert abs(y - (t + (b - t) * 0.2)) < 0.2, (t, b, y)" \
		"$top" "$bottom" "$y1"
	# asa: bars at 09 and 10 only (nothing answered at 11 and 12)
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-asa rect.bar.asa' data-value)" "15.00 20.25"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-asa g.slot' data-interval)" \
		"2026-03-02T09:00:00Z 2026-03-02T10:00:00Z"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-asa g.threshold text')" "threshold 20 s"
	# waits 1 5 15 25 40: p99 = 40 covers the threshold; bins of 1 s would
	# need 40 > 24, so 2 s: 0-2, 3-4, ..., 39-40 (20 bins, no overflow bin);
	# 1 in 0-2, 5 in 5-6, 15 in 15-16, 25 in 25-26, 40 in 39-40
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar')" 20
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar' data-value)" \
		"1 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 0 0 1"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar' data-lo | cut -d' ' -f1-4)" "0 3 5 7"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar' data-hi | cut -d' ' -f1-3,20)" "2 4 6 40"
	# bins up to 20 s (the first 10) are within the threshold
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar.within')" 10
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar.beyond')" 10
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-waits rect.bar title' | sed -n 8p)" \
		"15–16 s: 1 answered (20.00 %)"
	# agents (inbound answered): ann a1 a4 b1 = 3, bob a2 = 1, cid b2 = 1;
	# most first, ties by name; d1 (outbound) is not counted
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-agents rect.bar.handled' data-agent)" "ann bob cid"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-agents rect.bar.handled' data-value)" "3 1 1"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-agents text.value' | tr '\n' ' ')" "3 1 1 "
	# the headline figures
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-offered span.v')" 10
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-answered span.v')" 5
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-abandoned')" "4abandoned (40.00 % of offered)"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-sl span.v')" "30.00 %"
	assert_equal "$(dom attr "$TMP/dom.html" 'div#kpi-sl' class)" "kpi missed"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-asa span.v')" "17.10 s"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-wait-p90 span.v')" "40 s"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-aht span.v')" "102.00 s"
	# the agents table: ann asa (5+15+40)/3 = 20.00, aht (100+60+120)/3 = 93.33
	run -0 dom table "$TMP/dom.html" 'table#agents-table'
	assert_output 'agent,handled,asa,aht
ann,3,20.00,93.33
bob,1,25.00,200.00
cid,1,0.50,30.00'
}

@test "html: the report table holds the cells of the CSV report" {
	render "$CALLS"
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_output "$CALLS_CSV"
	# and the definitions line of the table format
	local def
	def=$(ccreport --output-format table "$CALLS" | head -1)
	assert_equal "# $(dom text "$TMP/dom.html" 'p#definitions')" "$def"
	# every option that changes the columns or the figures: cell for cell
	local opts
	for opts in "--by=" "--by agent,channel --interval 30m" "--no-total -i 1h" \
		"--short-abandon 5 --buckets 10,30 --sl 15 --sl-base answered" \
		"--sl-base answered+abandoned --direction all --by channel" \
		"--short-abandon 3 --sl-base offered-short --by queue,agent" \
		"--queue nobody"; do
		# shellcheck disable=SC2086
		ccreport --output-format html $opts "$CALLS" >"$TMP/o.html"
		# shellcheck disable=SC2086
		run -0 ccreport --output-format csv $opts "$CALLS"
		local want=$output
		run -0 dom table "$TMP/o.html" 'table#report-table'
		assert_equal "$output" "$want" || { echo "options: $opts"; false; }
	done
}

@test "html: --by agent,channel with --interval 30m" {
	render --by agent,channel --interval 30m "$CALLS"
	# 30-min chart intervals 09:00 ... 12:00: 7 slots, 21 bars
	#  09:00 a1 a2 a3 a4: offered 4, answered 3, abandoned 1
	#  09:30 a5 (timeout): 1 0 0;  10:00 b1 b2: 2 2 0;  10:30 b3: 1 0 1
	#  11:00, 11:30: empty;  12:00 c1 c2: 2 0 2
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume g.slot')" 7
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume rect.bar')" 21
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval | cut -d' ' -f2,7)" \
		"2026-03-02T09:30:00Z 2026-03-02T12:00:00Z"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value)" "4 1 2 1 0 0 2"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.answered' data-value)" "3 0 2 0 0 0 0"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.abandoned' data-value)" "1 0 0 1 0 0 2"
	# sl per half hour: 09:00 a1 a4 of 4 = 50.00; 09:30 0/1 = 0.00; 10:00
	# b2 of 2 = 50.00; 10:30 0/1; 12:00 0/2; three runs of the line
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-sl circle.pt' data-value)" "50.00 0.00 50.00 0.00 0.00"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl polyline.sl-line')" 2
	[[ "$(dom text "$TMP/dom.html" 'svg#chart-volume text.axis-title')" == *"30 min intervals, UTC"* ]]
	# the table: agent, channel, interval, then the figures; a4 is ann's
	# only chat: 1 answered in 15 s, handle 60
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_line --index 0 "agent,channel,interval,$FIGS"
	assert_line "ann,chat,2026-03-02T09:00:00Z,1,1,0,0,0,0,0.00,15.00,100.00,15,15,15,15,15,60.00"
	assert_line --regexp '^TOTAL,,,10,5,4,1,0,0,40.00,17.10,30.00,'
	assert_equal "$(dom text "$TMP/dom.html" 'header p.sub')" \
		"Inbound interactions by agent, channel, arrived from 2026-03-02T09:00:00Z to 2026-03-02T12:30:00Z (times in UTC)."
}

@test "html: --sl and --sl-base move the points, the colours and the histogram's threshold" {
	# --sl 60 --sl-base answered: 09:00 waits 5 25 15 all within: 100.00 (meets
	# 80 %); 10:00 40 and 1: 100.00; 12:00 nothing answered: no point
	render --sl 60 --sl-base answered "$CALLS"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-sl circle.pt' data-value)" "100.00 100.00"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl circle.pt.met')" 2
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl polyline.sl-line')" 1
	assert_equal "$(dom attr "$TMP/dom.html" 'div#kpi-sl' class)" "kpi met"
	# --sl 10: bins still 2 s wide (10 is a multiple); within: bins up to
	# 10 s, holding waits 1 and 5
	render --sl 10 "$CALLS"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar.within')" 5
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar.within' data-value)" "1 0 1 0 0"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-waits g.threshold text')" "threshold 10 s"
}

@test "html: a long tail of waits goes to an overflow bin" {
	# 100 answered calls waiting 1, 2, ..., 100 s and one waiting 1000 s:
	# p99 is rank ceil(0.99 * 101) = 100 -> 100 s; 5-s bins give 20 bins
	# (0-5, 6-10, ..., 96-100) of 5 waits each, and one bin over 100 s with 1
	{
		printf '%s\n' "$HEADER"
		for i in $(seq 1 100) 1000; do
			printf 'w%s,voice,inbound,q,ann,answered,2026-03-02T09:00:00Z,,,%s,10\n' "$i" "$i"
		done
	} >"$TMP/tail.csv"
	render "$TMP/tail.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar')" 21
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar' data-value)" \
		"5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 1"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-waits rect.bar' data-lo | cut -d' ' -f1,2,21)" "0 6 101"
	# within 20 s: 0-5 6-10 11-15 16-20
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar.within')" 4
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-waits rect.bar title' | tail -1)" \
		"over 100 s: 1 answered (0.99 %)"
	[[ "$(dom text "$TMP/dom.html" 'section#waits p.note')" == *"the 1 waits longer than 100 s (the longest: 1000 s)"* ]]
	# --sl 23: neither 5 nor the next widths (10, 15) divide 23, so the bins
	# stay 5 s wide and 21-25 is cut by the threshold: drawn beyond, with a
	# foot for its waits 21 22 23 within it
	render --sl 23 "$TMP/tail.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.bar.within')" 4
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-waits rect.part.within')" 1
	assert_equal "$(dom attr "$TMP/dom.html" 'svg#chart-waits rect.part.within' data-value)" 3
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-waits rect.part.within title')" \
		"21–23 s: 3 answered (within the threshold)"
	assert_equal "$(dom attr "$TMP/dom.html" 'svg#chart-waits rect.bar' class | sed -n 5p)" "bar beyond"
}

@test "html: the screenshot shows the charts in their colours, wide and narrow" {
	ccreport --output-format html "$CALLS" >"$TMP/page.html"
	browser --hide-scrollbars --window-size=1280,2600 --screenshot="$TMP/wide.png" \
		"file://$TMP/page.html" >/dev/null
	[ -s "$TMP/wide.png" ] || fail "no screenshot"
	# WIDTH HEIGHT COLOURS, then the pixels near: the page background, the
	# answered blue, the abandoned vermillion, the ASA orange, the within-
	# threshold green
	run -0 dom png "$TMP/wide.png" f3f5f8 1f6fb2 d55e00 e69f00 009e73
	read -r w h colours bg blue red orange green <<<"$output"
	assert_equal "$w $h" "1280 2600"
	# a blank page has one colour; text and charts bring hundreds (anti-aliasing)
	(( colours > 200 )) || fail "only $colours colours: $output"
	(( bg > 100000 )) || fail "background: $output"
	(( blue > 2000 && red > 500 && orange > 2000 && green > 500 )) || fail "chart colours: $output"
	# a phone-sized window: the page fits its width, the charts stay drawn
	browser --hide-scrollbars --window-size=420,1600 --screenshot="$TMP/narrow.png" \
		"file://$TMP/page.html" >/dev/null
	run -0 dom png "$TMP/narrow.png" 1f6fb2
	read -r w h colours blue <<<"$output"
	assert_equal "$w" 420
	(( colours > 100 && blue > 500 )) || fail "narrow: $output"
}

@test "html: a queue named <b>&\"x\" and other markup in the input is shown, not obeyed" {
	printf '%s\n' 'id,queue,agent,<note>,outcome,arrived_at,wait_s,handle_s' \
		'1,"<b>&""x""",<i>'"'"'y'"'"'</i>,"a<br>b",answered,2026-03-02T09:00:00Z,4,30' \
		'2,"<b>&""x""",,"a<br>b",abandoned,2026-03-02T09:10:00Z,9,' >"$TMP/esc.csv"
	render --by 'queue,<note>' "$TMP/esc.csv"
	run -0 cat "$TMP/page.html"
	[[ "$output" == *'<td>&lt;b&gt;&amp;&quot;x&quot;</td>'* ]]
	[[ "$output" == *'<th>&lt;note&gt;</th>'* ]]
	[[ "$output" == *'data-agent="&lt;i&gt;&#39;y&#39;&lt;/i&gt;"'* ]]
	[[ "$output" != *'<b>'* && "$output" != *'<i>'* && "$output" != *'<br>'* ]]
	[[ "$output" != *'<note>'* ]]
	# Chromium built no element from the values, and shows them as text
	assert_equal "$(dom count "$TMP/dom.html" b)" 0
	assert_equal "$(dom count "$TMP/dom.html" i)" 0
	assert_equal "$(dom count "$TMP/dom.html" br)" 0
	assert_equal "$(dom count "$TMP/dom.html" note)" 0
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	# 1 answered in 4 s of 2 offered, 1 abandoned: sl 1/2 = 50.00
	assert_output --partial 'queue,<note>,offered'
	assert_output --partial '"<b>&""x""",a<br>b,2,1,1,0,0,0,50.00,4.00,50.00,4,4,4,4,4,30.00'
	assert_equal "$(dom attr "$TMP/dom.html" 'svg#chart-agents rect.bar' data-agent)" "<i>'y'</i>"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-agents text.name')" "<i>'y'</i>"
	assert_equal "$(dom text "$TMP/dom.html" 'header p.sub' | cut -d, -f1)" "Inbound interactions by queue"
	[[ "$(dom text "$TMP/dom.html" 'header p.sub')" == *"by queue, <note>, arrived"* ]]
}

@test "html: control characters and long names in the input" {
	# a tab and a newline in a queue name are shown escaped, as the table
	# format shows them; an agent name of 30 characters is cut to 24 beside
	# its bar, with the whole name in the tooltip and the table
	printf '%s\n' 'id,queue,agent,outcome,arrived_at,wait_s' \
		'1,"a	b",abcdefghijklmnopqrstuvwxyz0123,answered,2026-03-02T09:00:00Z,4' \
		'2,"c
d",,abandoned,2026-03-02T09:00:00Z,4' >"$TMP/ctl.csv"
	render "$TMP/ctl.csv"
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_line --index 1 --regexp '^a\\tb,1,1,0,'
	assert_line --index 2 --regexp '^c\\nd,1,0,1,'
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-agents text.name')" "abcdefghijklmnopqrstuvwx…"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-agents rect.bar title')" \
		"abcdefghijklmnopqrstuvwxyz0123: 1 handled"
}

@test "html: an empty input is a valid page that says there are no records" {
	: >"$TMP/empty.csv"
	printf '%s\n' "$HEADER" >"$TMP/header.csv"
	local f
	for f in "$TMP/empty.csv" "$TMP/header.csv"; do
		render "$f"
		run -0 cat "$TMP/page.html"
		[[ "$output" == "<!DOCTYPE html>"*"</html>" ]]
		assert_equal "$(dom text "$TMP/dom.html" 'section#no-records h2')" "No records"
		assert_equal "$(dom count "$TMP/dom.html" svg)" 0
		# the table is the CSV report: a TOTAL row of zeros and nulls
		run -0 dom table "$TMP/dom.html" 'table#report-table'
		assert_output "queue,$FIGS
TOTAL,0,0,0,0,0,0,,,,,,,,,"
	done
	# --by= without records: one row of zeros, as the CSV report
	render --by= "$TMP/header.csv"
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_output "$FIGS
0,0,0,0,0,0,,,,,,,,,"
	# filters that leave nothing
	render --queue nobody "$CALLS"
	assert_equal "$(dom count "$TMP/dom.html" 'section#no-records')" 1
}

@test "html: records without arrival times have no interval charts" {
	printf '%s\n' 'id,queue,agent,outcome,wait_s,handle_s' '1,q,ann,answered,3,10' \
		'2,q,,abandoned,7,' >"$TMP/noarr.csv"
	render "$TMP/noarr.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume')" 0
	[[ "$(dom text "$TMP/dom.html" 'section#volume p.empty')" == *"no arrival times"* ]]
	# the waits and the agents are still drawn: 1 answered in 3 s
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-agents rect.bar' data-value)" 1
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-offered span.v')" 2
}

@test "html: many intervals are drawn as days" {
	# one call a day at noon for 10 days with --interval 15m: 9 days x 96 + 1
	# = 865 quarter hours would be more than 200 bars, 217 hours too, so the
	# charts use days: 10 bars of 1 offered each
	{
		printf '%s\n' "$HEADER"
		for d in $(seq 1 10); do
			printf 'c%s,voice,inbound,q,ann,answered,2026-03-%02dT12:00:00Z,,,5,60\n' "$d" "$d"
		done
	} >"$TMP/days.csv"
	render --interval 15m "$TMP/days.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume g.slot')" 10
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value)" "1 1 1 1 1 1 1 1 1 1"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval | cut -d' ' -f1,10)" \
		"2026-03-01T00:00:00Z 2026-03-10T00:00:00Z"
	[[ "$(dom text "$TMP/dom.html" 'section#volume p.note')" == *"1 day intervals in UTC; the 15 min intervals would need more than 200 bars"* ]]
	# the table keeps the quarter hours: 10 rows and TOTAL
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_equal "${#lines[@]}" 12
}

@test "html: --tz cuts the chart intervals and labels them in the zone" {
	# 09:00Z is 10:00 in Berlin (CET, +01:00 in March before the switch)
	render --tz Europe/Berlin "$CALLS"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval | cut -d' ' -f1)" \
		"2026-03-02T10:00:00+01:00"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-volume g.axis.x text' | head -2 | tr '\n' ' ')" \
		"10:00 2026-03-02 "
	[[ "$(dom text "$TMP/dom.html" 'svg#chart-volume text.axis-title')" == *"Europe/Berlin"* ]]
	# clocks go forward on 2026-03-29 at 02:00 (UTC 01:00): ccreport-dst-berlin.csv
	# runs from 23:00+01:00 on the 28th to 00:00+02:00 on the 30th: 3 hours
	# of the 28th and 29th in winter time, the 21 hours from 03:00+02:00 to
	# 23:00+02:00 and 00:00 of the 30th, 25 slots with no 02:00
	render --tz Europe/Berlin -i 1h "$TEST_DATA/ccreport-dst-berlin.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-volume g.slot')" 25
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval | cut -d' ' -f3,4)" \
		"2026-03-29T01:00:00+01:00 2026-03-29T03:00:00+02:00"
	# b1 22:59:59Z (23:59:59+01:00 on the 28th), b2 ... b7 on the 29th, b8
	# 22:00Z (00:00+02:00 on the 30th)
	render --tz Europe/Berlin -i 1d "$TEST_DATA/ccreport-dst-berlin.csv"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value)" "1 6 1"
	# clocks go back on 2026-10-25 at 03:00 (UTC 01:00): 02:30+02:00 and
	# 02:30+01:00 are two hours, two slots
	printf '%s\n' "$HEADER" 'x1,voice,inbound,q,,answered,2026-10-25T00:30:00Z,,,1,' \
		'x2,voice,inbound,q,,answered,2026-10-25T01:30:00Z,,,2,' >"$TMP/back.csv"
	render --tz Europe/Berlin "$TMP/back.csv"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume g.slot' data-interval)" \
		"2026-10-25T02:00:00+02:00 2026-10-25T02:00:00+01:00"
}

@test "html: ccreport merge draws the same page from partials" {
	# with --by agent and --interval the partials hold all the charts need:
	# the merged page is the single-process page, byte for byte
	ccreport --by agent -i 1h --output-format html "$CALLS" >"$TMP/one.html"
	head -6 "$CALLS" >"$TMP/p1.csv"
	{ head -1 "$CALLS"; tail -n +7 "$CALLS"; } >"$TMP/p2.csv"
	ccreport --partial --by agent -i 1h "$TMP/p2.csv" >"$TMP/p2.jsonl"
	ccreport --partial --by agent -i 1h "$TMP/p1.csv" >"$TMP/p1.jsonl"
	run -0 ccreport merge --output-format html "$TMP/p2.jsonl" "$TMP/p1.jsonl"
	cmp <(echo "$output") "$TMP/one.html"
	# by queue: the interval charts, but no agents in the partials
	ccreport --partial -i 1h "$CALLS" | ccreport merge --output-format html >"$TMP/page.html"
	browser --dump-dom "file://$TMP/page.html" >"$TMP/dom.html"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value)" "5 3 0 2"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-agents')" 0
	[[ "$(dom text "$TMP/dom.html" 'section#agents p.empty')" == *"--by agent"* ]]
	run -0 dom table "$TMP/dom.html" 'table#report-table'
	assert_output --partial "sales,2026-03-02T09:00:00Z,3,2,1,0,0,0,33.33,15.00,33.33,"
}

@test "html: the diagnostics of a converted queue_log are a section of the page" {
	# html-messy.queue_log: call 1 (lines 1-3) is answered and completed,
	# call 2 (lines 4-5) abandoned; line 6 connects a call that never entered
	# the queue (an orphan event) and the call of line 7 is still open at the
	# end of the file.  Whatever the kinds are called, the page lists the
	# kinds and counts of the summary on stderr, and entries for lines 6 and 7.
	run -0 --separate-stderr ccreport --from asterisk-queue-log --output-format html \
		"$TEST_DATA/html-messy.queue_log"
	printf '%s\n' "$output" >"$TMP/page.html"
	browser --dump-dom "file://$TMP/page.html" >"$TMP/dom.html"
	assert_equal "$(dom count "$TMP/dom.html" 'section#diagnostics')" 1
	local want
	want=$(printf '%s\n' "$stderr" | sed -n 's/^ccreport: diagnostics: \([0-9]*\) \(.*\)$/\2,\1/p' | sort)
	[ -n "$want" ] || fail "no diagnostics on stderr: $stderr"
	run -0 dom table "$TMP/dom.html" 'table#diag-kinds'
	assert_equal "$(printf '%s\n' "$output" | tail -n +2 | sort)" "$want"
	run -0 dom text "$TMP/dom.html" 'table#diag-list td'
	assert_output --partial "html-messy.queue_log:6"
	assert_output --partial "html-messy.queue_log:7"
	# and neither of them is in the figures: call 1 answered after 6 s,
	# call 2 abandoned after 12 s
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-offered span.v')" 2
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-answered span.v')" 1
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-asa span.v')" "6.00 s"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.abandoned' data-value)" 1
}

@test "html: the agents chart shows the 50 busiest of 60 agents, the table all of them" {
	# agent gNN answers NN calls (NN = 1 ... 60): the chart holds g60 ... g11
	{
		printf '%s\n' "$HEADER"
		for a in $(seq 1 60); do
			for i in $(seq 1 "$a"); do
				printf 'c%s-%s,voice,inbound,q,g%02d,answered,2026-03-02T09:00:00Z,,,1,10\n' \
					"$a" "$i" "$a"
			done
		done
	} >"$TMP/many.csv"
	render "$TMP/many.csv"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-agents rect.bar')" 50
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-agents rect.bar' data-agent | cut -d' ' -f1,2,50)" \
		"g60 g59 g11"
	assert_equal "$(attrs "$TMP/dom.html" 'svg#chart-agents rect.bar' data-value | cut -d' ' -f1,50)" "60 11"
	[[ "$(dom text "$TMP/dom.html" 'section#agents p.note')" == *"the 50 agents with the most are shown (all 60"* ]]
	# 60 rows and the header; 1 + 2 + ... + 60 = 1830 calls
	run -0 dom table "$TMP/dom.html" 'table#agents-table'
	assert_equal "${#lines[@]}" 61
	assert_line --index 60 "g01,1,1.00,10.00"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-offered span.v')" 1830
}

@test "html: goes with the queues report only (usage errors)" {
	usage_error "--output-format html goes with the queues report only" \
		--output-format html --list all "$CALLS"
	usage_error "--output-format html goes with the queues report only" \
		--output-format html --list abandoned "$CALLS"
	usage_error "--output-format html goes with the queues report only" \
		--output-format html --report agents "$CALLS"
	usage_error "--output-format html goes with the queues report only" \
		--output-format html --report transfers "$CALLS"
	usage_error "--partial writes JSON Lines state: it takes no --output-format or --list" \
		--output-format html --partial "$CALLS"
	usage_error "invalid --output-format 'htm': csv, jsonl, table, markdown or html" \
		--output-format htm "$CALLS"
}

@test "html: a write error is reported (/dev/full)" {
	run -1 --separate-stderr bash -c 'ccreport --output-format html "$1" >/dev/full' _ "$CALLS"
	assert_output ''
	assert_equal "$stderr" "ccreport: write error: No space left on device"
	# the empty-input page and the merged page too
	run -1 --separate-stderr bash -c 'ccreport --output-format html /dev/null >/dev/full'
	assert_equal "$stderr" "ccreport: write error: No space left on device"
	run -1 --separate-stderr bash -c \
		'ccreport --partial -i 1h "$1" | ccreport merge --output-format html >/dev/full' _ "$CALLS"
	assert_equal "$stderr" "ccreport: write error: No space left on device"
	run -1 --separate-stderr ccreport --output-format html -o /dev/full "$CALLS"
	assert_equal "$stderr" "ccreport: write error: No space left on device"
}

@test "html: the man page's recipe writes a page with -o" {
	# ccreport(1), HTML: ccreport --output-format html --interval 30m -o report.html calls.csv
	cd "$TMP"
	run -0 --separate-stderr ccreport --output-format html --interval 30m -o report.html \
		"$TOP_SRCDIR/samples/calls.csv"
	assert_output ''
	# samples/calls.csv has 255 inbound calls (see the EXAMPLES of ccreport(1))
	browser --dump-dom "file://$TMP/report.html" >"$TMP/dom.html"
	assert_equal "$(dom text "$TMP/dom.html" 'div#kpi-offered span.v')" 255
	local sum
	sum=$(attrs "$TMP/dom.html" 'svg#chart-volume rect.bar.offered' data-value | tr ' ' '+')
	assert_equal "$((sum))" 255
}

@test "html: --sl-target moves the target line and the met/missed marks" {
	# The same fixture as above: sl per interval 40.00, 33.33 and 0.00.  With
	# a target of 35 % the first point meets it, the others do not.
	render --sl-target 35 "$CALLS"
	assert_equal "$(dom text "$TMP/dom.html" 'svg#chart-sl g.target text')" "target 35 %"
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl circle.pt.met')" 1
	assert_equal "$(dom count "$TMP/dom.html" 'svg#chart-sl circle.pt.missed')" 2
	usage_error "invalid --sl-target '101': a whole percentage from 0 to 100 is needed" \
		--output-format html --sl-target 101 "$CALLS"
	usage_error "invalid --sl-target 'x': a whole percentage from 0 to 100 is needed" \
		--output-format html --sl-target x "$CALLS"
	usage_error "--sl-target goes with --output-format html" --sl-target 90 "$CALLS"
}
