#!/usr/bin/env bats
# ccreport-docs.bats: the man pages, the README and the samples say what
# ccreport does.
#
# The examples are taken from the roff sources mechanically: in the EXAMPLES
# section of a page, each line inside an .EX/.EE block that starts with "$ "
# is a command (a line ending in "\e" goes on with the next one), and the
# lines after it, up to the next command or .EE, are its output as shown.
# Shown figures are checked twice: against a computation of the definitions
# written here in Python (independent of ccreport's code), and against what
# ccreport prints.
#
# Environment (from AM_TESTS_ENVIRONMENT): PATH has the built ccreport,
# TOP_SRCDIR is the source tree, LC_ALL=C.UTF-8, TZ=UTC.
bats_require_minimum_version 1.5.0

setup() {
  load common
  : "${TOP_SRCDIR:?TOP_SRCDIR is not set: run through make check}"
  command -v python3 >/dev/null || {
    echo "python3 is needed by this test file (it checks the figures)" >&2
    return 1
  }
  TMP=$BATS_TEST_TMPDIR
}

# The Python helper: "examples PAGE", "shown PAGE", "compute COMMAND",
# "section PAGE NAME", "inputs PAGE".
# shellcheck disable=SC2016
HELPER='
import csv, datetime as dt, fractions, io, json, re, shlex, sys

def unroff(line):
    """Plain text of one line of roff source as .EX shows it."""
    out, i = [], 0
    named = {"aq": "\x27", "dq": "\"", "ti": "~", "ha": "^", "rs": "\\",
             "at": "@", "em": "--", "mu": "x"}
    while i < len(line):
        c = line[i]
        if c != "\\":
            out.append(c); i += 1; continue
        n = line[i + 1] if i + 1 < len(line) else ""
        if n == "-": out.append("-"); i += 2
        elif n == "e": out.append("\\"); i += 2
        elif n == "&": i += 2
        elif n == "(":
            out.append(named.get(line[i + 2:i + 4], "?")); i += 4
        elif n == "f":
            i += 3 if line[i + 2:i + 3] != "(" else 5
        else:
            raise SystemExit("unknown roff escape in example: " + line)
    return "".join(out)

def blocks(page, section="EXAMPLES"):
    """The .EX blocks of SECTION as lists of plain lines."""
    sec, inex, cur, res = None, False, [], []
    for line in open(page, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".SH "):
            sec = line[4:].strip().strip("\"")
            continue
        if sec != section:
            continue
        if line.startswith(".EX"):
            inex, cur = True, []
        elif line.startswith(".EE"):
            inex = False; res.append(cur)
        elif inex:
            cur.append(unroff(line))
    return res

def examples(page):
    """[(command, [shown output lines])] of the EXAMPLES section."""
    res = []
    for b in blocks(page):
        i = 0
        while i < len(b):
            if not b[i].startswith("$ "):
                raise SystemExit("%s: example block line without a command: %r" % (page, b[i]))
            cmd = b[i][2:]
            while cmd.endswith("\\"):
                i += 1
                cmd = cmd[:-1] + " " + b[i].strip()
            i += 1
            out = []
            while i < len(b) and not b[i].startswith("$ "):
                out.append(b[i]); i += 1
            res.append((" ".join(cmd.split()), out))
    return res

# ---- an independent computation of the report definitions of ccreport(1) ----

def read_records(path):
    if open(path, "rb").read(1) == b"{":
        for line in open(path, encoding="utf-8"):
            if line.strip():
                yield json.loads(line, parse_float=str, parse_int=str)
    else:
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                yield {k: (v if v != "" else None) for k, v in r.items()}

def usec(ts):
    t = dt.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return (t - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) // dt.timedelta(microseconds=1)

def secs_usec(s):
    return int(fractions.Fraction(str(s)) * 1000000)

def ceil_s(us):
    return -(-us // 1000000)

def fixed2(num, den):
    """NUM / DEN with two decimals, half away from zero (both >= 0)."""
    if den == 0:
        return ""
    r = (fractions.Fraction(num, den) * 100 + fractions.Fraction(1, 2)).__floor__()
    return "%d.%02d" % (r // 100, r % 100)

def report(files, by=("queue",), sl=20, direction="inbound", base="offered",
           short=None, total=True):
    groups = {}
    for path in files:
        for r in read_records(path):
            g = lambda k: r.get(k) if r.get(k) not in ("",) else None
            d = (g("direction") or "inbound").lower()
            if direction != "all" and d != direction:
                continue
            outcome = (g("outcome") or "").lower()
            answered = g("answered_at") is not None or outcome in ("answered", "resolved", "transferred")
            wait = None
            if g("wait_s") is not None:
                wait = secs_usec(g("wait_s"))
            else:
                end = g("answered_at") if answered else g("ended_at")
                if g("arrived_at") and end:
                    wait = usec(end) - usec(g("arrived_at"))
            handle = None
            if answered:
                if g("handle_s") is not None:
                    handle = secs_usec(g("handle_s"))
                elif g("answered_at") and g("ended_at"):
                    handle = usec(g("ended_at")) - usec(g("answered_at"))
            key = tuple(g(k) for k in by)
            a = groups.setdefault(key, [])
            a.append((answered, outcome, wait, handle))
    def row(recs):
        offered = len(recs)
        ans = [w for (an, o, w, h) in recs if an]
        hs = [h for (an, o, w, h) in recs if an and h is not None]
        unans = [(o, w) for (an, o, w, h) in recs if not an]
        abandoned = [w for (o, w) in unans if o == "abandoned"]
        timeout = sum(1 for (o, w) in unans if o == "timeout")
        overflow = sum(1 for (o, w) in unans if o == "overflow")
        other = len(unans) - len(abandoned) - timeout - overflow
        nshort = sum(1 for w in abandoned if short is not None and w is not None and ceil_s(w) <= short)
        met = sum(1 for w in ans if ceil_s(w) <= sl)
        den = {"offered": offered, "answered": len(ans),
               "answered+abandoned": len(ans) + len(abandoned),
               "offered-short": offered - nshort}[base]
        ws = sorted(ceil_s(w) for w in ans)
        pct = lambda p: str(ws[max(1, -(-p * len(ws) // 100)) - 1]) if ws else ""
        cells = [str(offered), str(len(ans)), str(len(abandoned))]
        if short is not None:
            cells.append(str(nshort))
        cells += [str(timeout), str(overflow), str(other),
                  fixed2(100 * len(abandoned), offered),
                  fixed2(sum(ans), len(ans) * 1000000),
                  fixed2(100 * met, den),
                  pct(50), pct(90), pct(95), pct(99), str(ws[-1]) if ws else "",
                  fixed2(sum(hs), len(hs) * 1000000)]
        return cells
    head = list(by) + ["offered", "answered", "abandoned"] + (["short_abandoned"] if short is not None else []) + [
        "timeout", "overflow", "other", "abandon_rate", "asa", "sl", "wait_p50",
        "wait_p90", "wait_p95", "wait_p99", "wait_max", "aht"]
    everything = [x for k in groups for x in groups[k]]
    if not by:
        return [head, row(everything)]
    lines = [head]
    order = sorted(groups, key=lambda k: [(v is not None, (v or "").encode()) for v in k])
    for k in order:
        lines.append([v or "" for v in k] + row(groups[k]))
    if total:
        lines.append(["TOTAL"] + [""] * (len(by) - 1) + row(everything))
    return lines

def cut(lines, spec):
    keep = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        keep += range(int(lo), int(hi or lo) + 1) if "-" in part else [int(lo)]
    return [[l[i - 1] for i in sorted(set(keep)) if i <= len(l)] for l in lines]

def compute(command):
    """The shown output of an example command, computed here."""
    stages = [shlex.split(s) for s in command.split("|")]
    argv = stages[0]
    if argv[0] != "ccreport":
        raise SystemExit("cannot compute: " + command)
    kw, files, i = {}, [], 1
    while i < len(argv):
        a = argv[i]
        if a.startswith("--") and "=" in a:
            opt, val = a.split("=", 1)
        elif a in ("--no-total",):
            opt, val = a, None
        elif a.startswith("-"):
            opt, val = a, argv[i + 1]; i += 1
        else:
            files.append(a); i += 1; continue
        i += 1
        if opt in ("--by", "-b"):
            kw["by"] = tuple(val.split(",")) if val else ()
        elif opt == "--sl":
            kw["sl"] = int(val)
        elif opt == "--direction":
            kw["direction"] = val
        elif opt == "--sl-base":
            kw["base"] = val
        elif opt == "--short-abandon":
            kw["short"] = int(val)
        elif opt == "--no-total":
            kw["total"] = False
        elif opt == "--output-format" and val == "csv":
            pass
        else:
            raise SystemExit("cannot compute option %s in: %s" % (opt, command))
    lines = report(files, **kw)
    for st in stages[1:]:
        if st[0] == "cut" and st[1] == "-d," and st[2].startswith("-f"):
            lines = cut(lines, st[2][2:])
        else:
            raise SystemExit("cannot compute stage %s in: %s" % (st, command))
    return [",".join(l) for l in lines]

cmd = sys.argv[1]
if cmd == "examples":
    for c, out in examples(sys.argv[2]):
        sys.stdout.write(c + "\0")
elif cmd == "shown":
    for c, out in examples(sys.argv[2]):
        if out:
            sys.stdout.write(c + "\x1f" + "\n".join(out) + "\0")
elif cmd == "compute":
    print("\n".join(compute(sys.argv[2])))
elif cmd == "inputs":
    for b in blocks(sys.argv[2])[:2]:
        sys.stdout.write("\n".join(b) + "\n\0")
elif cmd == "section":
    name, sec = sys.argv[3], None
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.startswith(".SH "):
            sec = line[4:].strip().strip("\"")
        elif sec == name:
            sys.stdout.write(re.sub(r"\\-", "-", line))
'

helper() { python3 -c "$HELPER" "$@"; }

# The roff source of PAGE with \- turned into -, for searching.
plain() { sed 's/\\-/-/g' "$TOP_SRCDIR/$1"; }

@test "every long option in ccreport --help is in ccreport(1)" {
  run -0 ccreport --help
  opts=$(grep -oE -- '--[a-z][a-z-]*' <<<"$output" | sort -u)
  [ "$(wc -l <<<"$opts")" -ge 20 ]
  page=$(plain man/ccreport.1)
  missing=
  for o in $opts; do
    grep -qE -- "${o}([^a-z-]|\$)" <<<"$page" || missing="$missing $o"
  done
  [ -z "$missing" ] || { echo "not in man/ccreport.1:$missing"; false; }
}

@test "ccreport(1) lists every column ccreport can write" {
  run -0 ccreport --by= --short-abandon 5 --buckets 10 --interval 1h \
    --output-format csv "$TOP_SRCDIR/samples/calls.csv"
  header=$(head -n 1 <<<"$output")
  cols=$(helper section "$TOP_SRCDIR/man/ccreport.1" "COLUMNS WRITTEN")
  missing=
  for c in ${header//,/ }; do
    case $c in ans_*) c=ans_LO_HI ;; esac
    grep -qw -- "$c" <<<"$cols" || missing="$missing $c"
  done
  [ -z "$missing" ] || { echo "not in COLUMNS WRITTEN:$missing"; false; }
}

@test "ccreport(1) has the sections it should" {
  for s in NAME SYNOPSIS DESCRIPTION OPTIONS "FIELDS READ" "COLUMNS WRITTEN" \
    DEFINITIONS INPUT "BAD INPUT" "OUTPUT FORMATS" PERFORMANCE "EXIT STATUS" \
    ENVIRONMENT EXAMPLES "SEE ALSO"; do
    grep -qx "\.SH \"*$s\"*" "$TOP_SRCDIR/man/ccreport.1" || { echo "no section $s"; false; }
  done
  for f in id channel direction queue agent outcome arrived_at answered_at \
    ended_at wait_s handle_s; do
    helper section "$TOP_SRCDIR/man/ccreport.1" "FIELDS READ" | grep -qw "$f" \
      || { echo "FIELDS READ lacks $f"; false; }
  done
}

@test "the man pages render without warnings" {
  for p in man/ccreport.1 man/cc-records.5 man/cctk.7; do
    if command -v man >/dev/null; then
      warn=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings -E UTF-8 -l -Tutf8 -Z "$TOP_SRCDIR/$p" 2>&1 >/dev/null)
    elif command -v groff >/dev/null; then
      warn=$(groff -man -ww -z "$TOP_SRCDIR/$p" 2>&1)
    elif command -v nroff >/dev/null; then
      warn=$(nroff -man -ww "$TOP_SRCDIR/$p" 2>&1 >/dev/null)
    else
      echo "neither man, groff nor nroff is installed: cannot check $p" >&2
      false
    fi
    [ -z "$warn" ] || { echo "$p: $warn"; false; }
  done
}

@test "lexgrog reads the NAME line of every man page" {
  command -v lexgrog >/dev/null || skip "lexgrog (man-db) is not installed"
  for p in ccreport.1 cc-records.5 cctk.7; do
    run -0 lexgrog "$TOP_SRCDIR/man/$p"
    [[ $output == *": \"${p%.*} - "* ]] || { echo "$output"; false; }
  done
}

@test "the man pages carry the version ccreport reports" {
  run -0 ccreport --version
  version=$(head -n 1 <<<"$output" | awk '{print $NF}')
  for p in ccreport.1 cc-records.5 cctk.7; do
    grep -q "^\.TH .*\"cctk $version\"" "$TOP_SRCDIR/man/$p" \
      || { echo "$p: .TH does not say cctk $version"; false; }
  done
  grep -q "^$version " "$TOP_SRCDIR/NEWS" || { echo "NEWS has no $version entry"; false; }
}

# Run every example command of PAGE in the source tree; each must exit 0 and
# print something.
run_examples() {
  local n=0 cmd out
  while IFS= read -r -d '' cmd; do
    n=$((n + 1))
    out=$(cd "$TOP_SRCDIR" && bash -o pipefail -c "$cmd" 2>"$TMP/err") || {
      echo "example failed: $cmd"; cat "$TMP/err"; return 1
    }
    [ -n "$out" ] || { echo "example printed nothing: $cmd"; return 1; }
  done < <(helper examples "$TOP_SRCDIR/$1")
  echo "$n"
}

@test "every example in ccreport(1) runs and prints a report" {
  run -0 run_examples man/ccreport.1
  [ "$output" -ge 5 ] && [ "$output" -le 40 ] || { echo "examples: $output"; false; }
}

@test "every example in cctk(7) runs and prints a report" {
  run -0 run_examples man/cctk.7
  [ "$output" -ge 1 ]
}

@test "figures shown in ccreport(1) are those the definitions give" {
  n=0
  while IFS=$'\x1f' read -r -d '' cmd shown; do
    n=$((n + 1))
    expected=$(cd "$TOP_SRCDIR" && helper compute "$cmd")
    [ "$shown" = "$expected" ] || {
      echo "example: $cmd"; diff <(echo "$shown") <(echo "$expected"); false
    }
  done < <(helper shown "$TOP_SRCDIR/man/ccreport.1")
  [ "$n" -ge 2 ]
}

@test "figures shown in ccreport(1) are those ccreport prints" {
  n=0
  while IFS=$'\x1f' read -r -d '' cmd shown; do
    n=$((n + 1))
    actual=$(cd "$TOP_SRCDIR" && bash -o pipefail -c "$cmd")
    [ "$shown" = "$actual" ] || {
      echo "example: $cmd"; diff <(echo "$shown") <(echo "$actual"); false
    }
  done < <(helper shown "$TOP_SRCDIR/man/ccreport.1")
  [ "$n" -ge 2 ]
}

@test "the input examples in cc-records(5) are read as described" {
  mapfile -d '' inputs < <(helper inputs "$TOP_SRCDIR/man/cc-records.5")
  [ "${#inputs[@]}" -eq 2 ]
  printf '%s' "${inputs[0]}" >"$TMP/ex.csv"
  printf '%s' "${inputs[1]}" >"$TMP/ex.jsonl"
  # CSV: 4 records; c-1004 timed out with no wait; waits 18 and 7.5 s.
  run -0 ccreport --by= --output-format csv "$TMP/ex.csv"
  [ "$output" = "$(cd "$TMP" && helper compute 'ccreport --by= ex.csv')" ]
  [[ ${lines[1]} == 4,2,1,1,0,0,* ]]
  # JSON Lines: the number and the string wait_s are both read.
  run -0 ccreport --by= --output-format csv "$TMP/ex.jsonl"
  [ "$output" = "$(cd "$TMP" && helper compute 'ccreport --by= ex.jsonl')" ]
  [[ ${lines[1]} == 4,2,1,1,0,0,* ]]
  # CSV: "" is an empty string, an empty field is missing.
  run -0 ccreport --by customer --output-format jsonl "$TMP/ex.csv"
  [[ $output == *'{"customer":null,'* ]] && [[ $output == *'{"customer":"",'* ]]
  [[ $output == *'{"customer":"Rossi, \"Pia\"",'* ]]
}

@test "README's pipeline runs" {
  cmd=$(sed -n '/<!-- pipeline -->/,/<!-- \/pipeline -->/p' "$TOP_SRCDIR/README.md" \
    | grep -v -e '^<!--' -e '^```')
  [ -n "$cmd" ]
  run -0 bash -o pipefail -c "cd \"\$TOP_SRCDIR\" && $cmd"
  [ -n "$output" ]
  [[ $output == *TOTAL* ]]
  # The TOTAL row counts the answered inbound calls whose note mentions a
  # refund, counted here by python's csv module.
  want=$(python3 -c '
import csv, re, sys
n = 0
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["direction"] != "outbound" and r["answered_at"] and re.search("(?i)refund", r["note"]):
        n += 1
print(n)' "$TOP_SRCDIR/samples/calls.csv")
  [ "$want" -gt 0 ]
  total=$(printf '%s\n' "$output" | awk '$1 == "TOTAL" { print $2 }')
  [ "$total" = "$want" ]
}

@test "README's queue_log pipeline lists every abandoned call of the log" {
  cmd=$(sed -n '/<!-- pipeline-qlog -->/,/<!-- \/pipeline-qlog -->/p' "$TOP_SRCDIR/README.md" \
    | grep -v -e '^<!--' -e '^```')
  [ -n "$cmd" ]
  run -0 bash -o pipefail -c "cd \"\$TOP_SRCDIR\" && $cmd"
  # Independently: every ABANDON line of the log, its visit's ENTERQUEUE time
  # (RFC 3339 UTC), its wait (data3), and its positions at entry (data2,
  # origposition) and at exit (data1), in the order of the ABANDON lines.
  want=$(python3 -c '
import datetime, sys
enter, rows = {}, ["queue,arrived_at,wait_s,position,exit_position"]
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("|")
    if len(f) < 5:
        continue
    if f[4] == "ENTERQUEUE":
        enter[(f[2], f[1])] = int(f[0])
    elif f[4] == "ABANDON":
        t = datetime.datetime.fromtimestamp(enter[(f[2], f[1])], datetime.timezone.utc)
        rows.append("%s,%s,%s,%s,%s" % (f[2], t.strftime("%Y-%m-%dT%H:%M:%SZ"), f[7], f[6], f[5]))
print("\n".join(rows))' "$TOP_SRCDIR/samples/queue_log")
  [ "$(printf '%s\n' "$want" | wc -l)" -gt 3 ]
  [ "$output" = "$want" ]
}

@test "samples/demo.sh runs from any directory" {
  cd "$TMP"
  run -0 "$TOP_SRCDIR/samples/demo.sh"
  [[ $output == *"== Inbound calls per queue"* ]]
  [[ $output == *"support  2026-03-02T09:30:00+01:00"* ]]
  [[ $output == *"email "* ]]
  # Without ccreport on PATH it says so.
  mkdir "$TMP/bin"
  ln -s "$(command -v dirname)" "$TMP/bin/dirname"
  run -1 env PATH="$TMP/bin" "$TOP_SRCDIR/samples/demo.sh"
  [[ $output == *"ccreport is not on PATH"* ]]
}

@test "samples/make-samples.py writes the samples as committed" {
  cp "$TOP_SRCDIR/samples/make-samples.py" "$TMP/"
  run -0 python3 "$TMP/make-samples.py"
  cmp "$TMP/calls.csv" "$TOP_SRCDIR/samples/calls.csv"
  cmp "$TMP/chats.jsonl" "$TOP_SRCDIR/samples/chats.jsonl"
}

@test "the samples are as the documentation describes them" {
  run -0 ccreport --by= --direction all --output-format csv "$TOP_SRCDIR/samples/calls.csv"
  [[ ${lines[1]} == 300,* ]]
  run -0 ccreport --by= --direction all --output-format csv "$TOP_SRCDIR/samples/chats.jsonl"
  [[ ${lines[1]} == 100,* ]]
  # Four queues, and quoted fields with commas that pass through.
  run -0 ccreport --by queue --no-total --direction all --output-format csv \
    "$TOP_SRCDIR/samples/calls.csv"
  [ "${#lines[@]}" -eq 5 ]
  grep -q '"[^"]*,[^"]*"' "$TOP_SRCDIR/samples/calls.csv"
}
