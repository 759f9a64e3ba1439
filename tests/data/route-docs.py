#!/usr/bin/env python3
"""Helpers of tests/ccroute-docs.bats: read man/ccroute.1 and compute, from
the sample files and from the definitions of ccroute(1), what its examples
should show.  Written from the man page and the file formats, not from
ccroute's code; the standard library only.

Usage:
  route-docs.py examples PAGE        the EXAMPLES commands, NUL-separated
  route-docs.py shown PAGE           COMMAND 0x1f SHOWN-OUTPUT, NUL-separated,
                                     for the examples that show output
  route-docs.py section PAGE NAME    the text of section NAME (roff removed)
  route-docs.py check-line CONF ROSTER
                                     what 'ccroute check' prints for them
  route-docs.py summary CONF SL < RECORDS
                                     queue,offered,answered,abandoned,
                                     p_abandon,asa_s,sl of ccroute records
  route-docs.py report < RECORDS     ccreport's queue,offered,answered,
                                     abandoned,abandon_rate,asa,sl
  route-docs.py agent-log CONF ROSTER RECORDS LOG
                                     checks the agent log of a run against
                                     its records; prints the spans checked
  route-docs.py diag PAGE DOCLINE < STDERR
                                     DOCLINE is listed under DIAGNOSTICS and
                                     a line of STDERR is that message ('X'
                                     any quoted value, N a number, FILE a
                                     file name, reason and ... any text)
  route-docs.py near WANT GOT        compares two CSV files: whole numbers
                                     and text exactly, decimals within one
                                     unit of the last decimal GOT shows
"""
import csv
import fractions
import re
import sys


# ---- the man page ----

NAMED = {"aq": "'", "dq": '"', "ti": "~", "ha": "^", "rs": "\\", "at": "@",
         "em": "\u2014", "mu": "x", "lq": "\u201c", "rq": "\u201d", "bu": "*",
         "*l": "\u03bb", "*m": "\u03bc", "*h": "\u03b8", ">=": ">=", "pl": "+",
         "sr": "sqrt"}


def unroff(line, strict=True):
    """Plain text of one line of roff source (as .EX shows it)."""
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = line[i + 1] if i + 1 < len(line) else ""
        if n == "-":
            out.append("-")
            i += 2
        elif n == "e":
            out.append("\\")
            i += 2
        elif n in "&c":
            i += 2
        elif n == " ":
            out.append(" ")
            i += 2
        elif n == "(":
            name = line[i + 2:i + 4]
            if strict and name not in ("aq", "dq", "ti", "ha", "rs", "at", "em", "mu"):
                raise SystemExit("unexpected roff escape in an example: " + line)
            out.append(NAMED.get(name, "?"))
            i += 4
        elif n == "f":
            i += 3 if line[i + 2:i + 3] != "(" else 5
        else:
            raise SystemExit("unknown roff escape: " + line)
    return "".join(out)


def blocks(page, section="EXAMPLES"):
    """The .EX blocks of SECTION as lists of plain lines."""
    sec, inex, cur, res = None, False, [], []
    for line in open(page, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".SH "):
            sec = line[4:].strip().strip('"')
            continue
        if sec != section:
            continue
        if line.startswith(".EX"):
            inex, cur = True, []
        elif line.startswith(".EE"):
            inex = False
            res.append(cur)
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
                raise SystemExit("%s: example line without a command: %r" % (page, b[i]))
            cmd = b[i][2:]
            while cmd.endswith("\\"):
                i += 1
                cmd = cmd[:-1] + " " + b[i].strip()
            i += 1
            out = []
            while i < len(b) and not b[i].startswith("$ "):
                out.append(b[i])
                i += 1
            res.append((" ".join(cmd.split()), out))
    return res


def section(page, name):
    """The text of section NAME: macros dropped, escapes resolved."""
    sec, out = None, []
    for line in open(page, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".SH "):
            sec = line[4:].strip().strip('"')
            continue
        if sec != name or line.startswith('.\\"'):
            continue
        if line.startswith("."):
            parts = line.split(None, 1)
            line = parts[1] if len(parts) > 1 else ""
            line = line.replace('"', "")
        out.append(unroff(line, strict=False))
    return "\n".join(out)


# ---- the sample files ----

def ini(path):
    """[(section header, {key: value})] of a configuration file, in order."""
    res = []
    for raw in open(path, encoding="utf-8"):
        s = raw.strip()
        if not s or s[0] in "#;":
            continue
        if s.startswith("["):
            res.append((s[1:-1].strip(), {}))
        else:
            k, _, v = s.partition("=")
            res[-1][1][k.strip()] = v.strip()
    return res


def queues(path):
    """[(name, keys)] of the [queue NAME] sections."""
    return [(h.split(None, 1)[1].strip(), kv) for h, kv in ini(path)
            if h.startswith("queue ") and h.split(None, 1)[1].strip() != "*"]


def roster(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_line(conf, ros):
    qs = queues(conf)
    skills = {kv.get("skill", name) for name, kv in qs}
    channels = {kv.get("channel", "voice").lower() for name, kv in qs}
    agents = roster(ros)
    synth = sum(int(kv.get("agents", "0")) for name, kv in qs)
    for a in agents:
        for it in (a.get("skills") or "").split(";"):
            if it.strip():
                skills.add(it.rsplit(":", 1)[0].strip())
        for it in (a.get("channels") or "voice:1").split(";"):
            channels.add(it.rsplit(":", 1)[0].strip().lower())
    served = set()
    for a in agents:
        for it in (a.get("skills") or "").split(";"):
            served.add(it.rsplit(":", 1)[0].strip())
    n = len(agents) + synth
    pl = lambda k, w: "%d %s%s" % (k, w, "" if k == 1 else "s")
    line = "%s: %s, %s, %s, %s" % (conf, pl(len(qs), "queue"), pl(n, "agent"),
                                   pl(len(skills), "skill"), pl(len(channels), "channel"))
    unserved = sum(1 for name, kv in qs
                   if kv.get("skill", name) not in served and "agents" not in kv)
    if unserved:
        line += ", %d queue%s without agents" % (unserved, "" if unserved == 1 else "s")
    return line


# ---- figures from records ----

def usec(s):
    return int(fractions.Fraction(s) * 1000000)


def summary(conf, sl):
    """The summary columns that records tell, per final queue in file order."""
    order = [name for name, kv in queues(conf)]
    rows = list(csv.DictReader(sys.stdin))
    groups = {}
    for r in rows:
        groups.setdefault(r["queue"], []).append(r)
    out = ["queue,offered,answered,abandoned,p_abandon,asa_s,sl"]

    def line(name, rs):
        off = len(rs)
        ans = [usec(r["wait_s"]) for r in rs if r["answered_at"]]
        ab = sum(1 for r in rs if r["outcome"] == "abandoned")
        within = sum(1 for w in ans if w <= sl * 1000000)
        asa = "%.3f" % (sum(ans) / len(ans) / 1e6) if ans else ""
        return "%s,%d,%d,%d,%.6f,%s,%.6f" % (name, off, len(ans), ab, ab / off, asa,
                                            within / off)
    for q in order:
        if q in groups:
            out.append(line(q, groups[q]))
    out.append(line("TOTAL", rows))
    return out


def half_up2(num, den):
    r = (fractions.Fraction(num, den) * 100 + fractions.Fraction(1, 2)).__floor__()
    return "%d.%02d" % (r // 100, r % 100)


def report():
    """ccreport's default report, cut to queue, offered, answered, abandoned,
    abandon_rate, asa and sl (ccreport(1): answered = has answered_at, asa the
    mean answered wait, sl = answered within 20 s, waits rounded up to whole
    seconds, over offered, x 100; two decimals rounded half up)."""
    rows = list(csv.DictReader(sys.stdin))
    groups = {}
    for r in rows:
        groups.setdefault(r["queue"], []).append(r)
    out = ["queue,offered,answered,abandoned,abandon_rate,asa,sl"]

    def line(name, rs):
        off = len(rs)
        ans = [usec(r["wait_s"]) for r in rs if r["answered_at"]]
        ab = sum(1 for r in rs if r["outcome"] == "abandoned")
        met = sum(1 for w in ans if -(-w // 1000000) <= 20)
        asa = half_up2(sum(ans), len(ans) * 1000000) if ans else ""
        return "%s,%d,%d,%d,%s,%s,%s" % (name, off, len(ans), ab, half_up2(100 * ab, off), asa,
                                         half_up2(100 * met, off))
    for q in sorted(groups, key=lambda k: k.encode()):
        out.append(line(q, groups[q]))
    out.append(line("TOTAL", rows))
    return out


def agent_log(conf, ros, recs, log):
    """Every answered record has one talk span of its agent and id lasting
    its handle_s, then one wrapup span of the agent's wrapup_s, else its
    queue's wrapup; every span lasts ended_at - started_at.  Prints the
    number of talk spans."""
    import datetime as dt
    wrap_q = {name: kv.get("wrapup", "0") for name, kv in queues(conf)}
    wrap_a = {a["agent"]: a.get("wrapup_s") for a in roster(ros)}
    with open(recs, encoding="utf-8", newline="") as f:
        rec = {r["id"]: r for r in csv.DictReader(f)}
    with open(log, encoding="utf-8", newline="") as f:
        spans = list(csv.DictReader(f))

    def ts(s):
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        e = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
        return (t - e) // dt.timedelta(microseconds=1)
    talk, wrap = {}, {}
    for s in spans:
        if ts(s["ended_at"]) - ts(s["started_at"]) != usec(s["duration_s"]):
            raise SystemExit("span duration is not ended_at - started_at: %r" % s)
        if s["state"] in ("logged_in", "paused"):
            if s["channel"] or s["queue"] or s["id"]:
                raise SystemExit("logged_in/paused span with an interaction: %r" % s)
            continue
        key = (s["id"], s["agent"])
        d = talk if s["state"] == "talk" else wrap if s["state"] == "wrapup" else None
        if d is not None:
            if key in d:
                raise SystemExit("two %s spans for %r" % (s["state"], key))
            d[key] = s
    answered = [r for r in rec.values() if r["answered_at"]]
    for r in answered:
        k = (r["id"], r["agent"])
        if k not in talk:
            raise SystemExit("no talk span for %r" % (k,))
        if usec(talk[k]["duration_s"]) != usec(r["handle_s"]):
            raise SystemExit("talk span of %r is not its handle_s" % (k,))
        # The queue through which the agent took it: the talk span's.
        w = wrap_a.get(r["agent"]) or wrap_q[talk[k]["queue"]]
        if usec(w) == 0:
            if k in wrap:
                raise SystemExit("wrap-up span without wrap-up for %r" % (k,))
        elif k not in wrap or usec(wrap[k]["duration_s"]) != usec(w):
            raise SystemExit("wrap-up of %r is not %s s" % (k, w))
    if len(talk) != len(answered):
        raise SystemExit("%d talk spans for %d answered records" % (len(talk), len(answered)))
    print(len(talk))


def near(want, got):
    a = open(want, encoding="utf-8").read().splitlines()
    b = open(got, encoding="utf-8").read().splitlines()
    if len(a) != len(b):
        raise SystemExit("%d lines wanted, %d got" % (len(a), len(b)))
    num = re.compile(r"-?[0-9]+\.([0-9]+)$")
    for la, lb in zip(a, b):
        fa, fb = la.split(","), lb.split(",")
        if len(fa) != len(fb):
            raise SystemExit("fields differ: %r %r" % (la, lb))
        for x, y in zip(fa, fb):
            m = num.match(y)
            if m and num.match(x):
                if abs(float(x) - float(y)) > 1.000001 * 10 ** -len(m.group(1)):
                    raise SystemExit("%s is not near %s in %r" % (y, x, lb))
            elif x != y:
                raise SystemExit("%s is not %s in %r" % (y, x, lb))


def diag_lines(page):
    """The messages listed in .nf blocks of DIAGNOSTICS, continuation lines
    (indented) joined to the line before."""
    sec, nf, res = None, False, []
    for line in open(page, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".SH "):
            sec = line[4:].strip().strip('"')
        elif sec == "DIAGNOSTICS" and line == ".nf":
            nf = True
        elif line == ".fi":
            nf = False
        elif sec == "DIAGNOSTICS" and nf:
            text = unroff(line)
            if text.startswith("  ") and res:
                res[-1] += " " + text.strip()
            else:
                res.append(text)
    return res


def diag(page, docline):
    if docline not in diag_lines(page):
        raise SystemExit("not listed under DIAGNOSTICS: " + docline)
    pat, i = "", 0
    tokens = [("'X'", "'[^']*'"), ("...", ".*"), ("FILE", r"[^\s:]+"), ("reason", ".*")]
    while i < len(docline):
        for t, rx in tokens:
            if docline.startswith(t, i):
                pat += rx
                i += len(t)
                break
        else:
            if docline[i] == "N" and not docline[i - 1:i].isalpha() and not docline[i + 1:i + 2].isalpha():
                pat += "(?:N|[0-9]+)"
            else:
                pat += re.escape(docline[i])
            i += 1
    where = re.compile(r"^ccroute: [^ ]+?:(?:[0-9]+:){0,2} ")
    lines = sys.stdin.read().splitlines()
    for l in lines:
        if l.startswith("ccroute: ") and (re.fullmatch(pat, l[9:])
                                          or re.fullmatch(pat, where.sub("", l))):
            return
    raise SystemExit("no message %r in:\n%s" % (docline, "\n".join(lines)))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "examples":
        for c, out in examples(args[0]):
            sys.stdout.write(c + "\0")
    elif cmd == "shown":
        for c, out in examples(args[0]):
            if out:
                sys.stdout.write(c + "\x1f" + "\n".join(out) + "\0")
    elif cmd == "section":
        print(section(args[0], args[1]))
    elif cmd == "check-line":
        print(check_line(args[0], args[1]))
    elif cmd == "summary":
        print("\n".join(summary(args[0], int(args[1]))))
    elif cmd == "report":
        print("\n".join(report()))
    elif cmd == "agent-log":
        agent_log(*args)
    elif cmd == "diag":
        diag(*args)
    elif cmd == "near":
        near(*args)
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
