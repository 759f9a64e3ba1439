#!/usr/bin/env python3
"""Independent oracle for 'ccivr-sim analyse' (standard library only).

Reads a ccivr/1 menu with the json module and follows the "Semantics shared
with run.c" rules of ccivr-sim(1) by pushing probability mass through the
states (node, no-input count, no-match count, ss_ok, last menu, previous
menu) step by step until less than 1e-15 of it is left -- a power iteration,
not the linear solve of the tool.  Each state carries its mass and the sum
of mass x elapsed time, so the time of each exit is the conditional mean.

usage: ivr-analyse-oracle.py MENU.json [--hours open|closed|holiday]
           [--check TOOL.csv] [--nodes | --by-reason] [--segment NAME]

With sim.segments, each segment's copy of the menu (its overrides written
over the nodes' own keys) is solved apart and the figures are mixed by the
segments' shares (absent shares split the rest), or with --segment only
that segment's.

Without --check it prints the exits as CSV (exit_node, exit_reason, queue,
share, mean_ivr_s, then TOTAL) or with --nodes the visits per node; with
--check it compares TOOL.csv (the tool's CSV output) with its own figures
(shares within 1e-6, times within 1e-3 s, the same rows in the same order)
and exits 1 with the differences on stderr.
"""
import copy
import json
import math
import re
import sys


def mean(d):
    """Mean of a distribution as written in the file."""
    if d is None:
        return 0.0
    if isinstance(d, (int, float)):
        return float(d)
    k = d["dist"]
    if k == "fixed":
        return float(d["v"])
    if k == "exp":
        return float(d["mean"])
    if k == "lognormal":
        return d["median"] * math.exp(d["sigma"] ** 2 / 2)
    if k == "uniform":
        return (d["min"] + d["max"]) / 2
    if k == "weibull":
        return d["scale"] * math.gamma(1 + 1 / d["shape"])
    raise ValueError(k)


def main(argv):
    path = argv[1]
    hours = "open"
    check = None
    nodes_mode = "--nodes" in argv
    if "--hours" in argv:
        hours = argv[argv.index("--hours") + 1]
    if "--check" in argv:
        check = argv[argv.index("--check") + 1]
    segment = None
    if "--segment" in argv:
        segment = argv[argv.index("--segment") + 1]
    menu = json.load(open(path))
    order = list(menu["nodes"])
    def solve(menu):
        nodes = menu["nodes"]
        order = list(nodes)
        dflt = menu.get("defaults", {})
        d_timeout = dflt.get("timeout_s", 10)
        d_maxni = dflt.get("max_noinput", 3)
        d_maxnm = dflt.get("max_nomatch", 3)
        d_think = dflt.get("think_s", {"dist": "lognormal", "median": 2.5, "sigma": 0.6})
        after_ss = menu.get("sim", {}).get("hangup_after_self_service")
        has_parent = any(n["type"] == "goto" and n["target"] == "@parent" for n in nodes.values())

        def prompt(n):
            if "prompt_s" in n:
                return float(n["prompt_s"])
            if "text" in n:
                return len([w for w in re.split(r"[ \n\t]+", n["text"]) if w]) / 2.5
            return 0.0

        def hang_reason(nid, ss):
            if ss and after_ss:
                return after_ss
            return nodes[nid].get("hangup_as", "abandon_ivr")

        def entry(state, target):
            """State after entering node TARGET (not a replay) from STATE."""
            _, _, _, ss, last, prev = state
            if has_parent and nodes[target]["type"] == "menu" and target != last:
                prev, last = last, target
            return (target, 0, 0, ss, last, prev)

        def outcomes(state):
            """List of (probability, time, ('state', s) or ('exit', key))."""
            nid, ni, nm, ss, last, prev = state
            n = nodes[nid]
            t = n["type"]
            P = prompt(n)
            B = P / 2 if n.get("barge_in") else P
            ph = n.get("p_hangup", 0)
            out = []

            def to(ref, p, c, st=state):
                if ref is None:
                    out.append((p, c, ("exit", (nid, "system_hangup", ""))))
                else:
                    out.append((p, c, ("state", entry(st, ref))))

            def hang(c):
                out.append((ph, c, ("exit", (nid, hang_reason(nid, ss), ""))))

            def retry(kind, p, c):
                if kind == "ni":
                    if ni < n.get("max_noinput", d_maxni):
                        out.append((p, c, ("state", (nid, ni + 1, nm, ss, last, prev))))
                    else:
                        to(n.get("on_noinput"), p, c)
                else:
                    if nm < n.get("max_nomatch", d_maxnm):
                        out.append((p, c, ("state", (nid, ni, nm + 1, ss, last, prev))))
                    else:
                        to(n.get("on_nomatch"), p, c)

            if t == "prompt":
                to(n["next"], 1 - ph, P)
                hang(P)
            elif t == "menu":
                opts = n["options"]
                keys = list(opts)
                pni, pnm = n.get("p_noinput", 0), n.get("p_nomatch", 0)
                given = sum(o["p"] for o in opts.values() if "p" in o)
                free_keys = [k for k in keys if "p" not in opts[k]]
                rest = 1 - given - pni - pnm - ph
                base = {k: opts[k].get("p", rest / len(free_keys) if free_keys else 0) for k in keys}
                asr = n.get("asr")
                pc, psub, prej = (1, 0, 0) if asr is None else (
                    asr.get("p_correct", 0), asr.get("p_subst", 0), asr.get("p_reject", 0))
                eff = {k: 0.0 for k in keys}
                nomatch = pnm
                for k in keys:
                    eff[k] += pc * base[k]
                    others = [j for j in keys if j != k]
                    if others:
                        for j in others:
                            eff[j] += psub * base[k] / len(others)
                    else:
                        nomatch += psub * base[k]
                    nomatch += prej * base[k]
                think = mean(n.get("think_s", d_think))
                for k in keys:
                    o = opts[k]
                    if o.get("action") == "repeat":
                        out.append((eff[k], B + think, ("state", state)))
                    else:
                        to(o["next"], eff[k], B + think)
                retry("ni", pni, P + n.get("timeout_s", d_timeout))
                retry("nm", nomatch, B + think)
                hang(P)
            elif t == "input":
                pni, pnm = n.get("p_noinput", 0), n.get("p_nomatch", 0)
                pv = n.get("p_valid", 1 - pni - pnm - ph)
                et = B + mean(n["entry_s"] if "entry_s" in n else n.get("think_s", d_think))
                to(n["on_valid"], pv, et)
                retry("ni", pni, P + n.get("timeout_s", d_timeout))
                retry("nm", pnm, et)
                hang(P)
            elif t == "hours":
                ref = n["open"] if hours == "open" else n["closed"]
                if hours == "holiday" and "holiday" in n:
                    ref = n["holiday"]
                to(ref, 1, 0)
            elif t == "selfservice":
                pf = n.get("p_fail", 0)
                pc = n.get("p_complete", 1 - pf - ph)
                c = P + mean(n.get("duration_s"))
                to(n["on_complete"], pc, c, (nid, ni, nm, 1 if after_ss else 0, last, prev))
                to(n["on_fail"], pf, c)
                hang(c)
            elif t == "goto":
                if n["target"] == "@parent":
                    dest = prev if prev is not None else last if last is not None else menu["start"]
                    to(dest, 1, 0)
                else:
                    to(n["target"], 1, 0)
            elif t == "queue":
                out.append((1, P, ("exit", (nid, "to_queue", n["queue"]))))
            elif t == "voicemail":
                out.append((1, P + mean(n.get("duration_s")), ("exit", (nid, "voicemail", ""))))
            elif t == "hangup":
                out.append((1, P, ("exit", (nid, "system_hangup", ""))))
            elif t == "end":
                out.append((1, P, ("exit", (nid, n["outcome"], ""))))
            elif t == "transfer":
                out.append((1, P, ("exit", (nid, "transfer_external", ""))))
            return [o for o in out if o[0] > 0]

        start = entry((None, 0, 0, 0, None, None), menu["start"])
        mass = {start: (1.0, 0.0)}
        exits = {}
        visits = {k: 0.0 for k in order}
        total_t = 0.0
        cache = {}
        steps = 0
        while mass and sum(m for m, _ in mass.values()) > 1e-15:
            steps += 1
            if steps > 1000000:
                sys.exit("oracle: no convergence")
            nxt = {}
            for s, (m, tm) in mass.items():
                visits[s[0]] += m
                if s not in cache:
                    cache[s] = outcomes(s)
                for p, c, (kind, dest) in cache[s]:
                    am, atm = m * p, (tm + m * c) * p
                    if kind == "exit":
                        e = exits.setdefault(dest, [0.0, 0.0])
                        e[0] += am
                        e[1] += atm
                        total_t += atm
                    else:
                        q = nxt.get(dest, (0.0, 0.0))
                        nxt[dest] = (q[0] + am, q[1] + atm)
            mass = nxt


        return exits, visits, total_t

    segs = menu.get("sim", {}).get("segments")
    if segs:
        given = sum(v["share"] for v in segs.values() if "share" in v)
        free = [k for k, v in segs.items() if "share" not in v]
        weights = {k: v.get("share", (1 - given) / len(free) if free else 0)
                   for k, v in segs.items()}
        names = [segment] if segment else list(segs)
        exits, visits, total_t = {}, {k: 0.0 for k in order}, 0.0
        for name in names:
            w = 1.0 if segment else weights[name]
            m2 = copy.deepcopy(menu)
            for nid, ov in segs[name].get("nodes", {}).items():
                for key, val in ov.items():
                    if key == "options":
                        for k, o in val.items():
                            m2["nodes"][nid]["options"][k]["p"] = o["p"]
                    else:
                        m2["nodes"][nid][key] = val
            if "patience_s" in segs[name]:
                m2.setdefault("sim", {})["patience_s"] = segs[name]["patience_s"]
            e1, v1, t1 = solve(m2)
            for key, (sh, ts) in e1.items():
                e = exits.setdefault(key, [0.0, 0.0])
                e[0] += w * sh
                e[1] += w * ts
            for k in order:
                visits[k] += w * v1[k]
            total_t += w * t1
    else:
        if segment:
            sys.exit("oracle: the menu has no segments")
        exits, visits, total_t = solve(menu)
    nodes = menu["nodes"]

    rows = []
    for (nid, reason, queue), (share, tsum) in sorted(
            exits.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1], kv[0][2])):
        rows.append((nid, reason, queue, share, tsum / share))
    if "--by-reason" in argv:
        agg = {}
        for nid, reason, queue, share, t in rows:
            a = agg.setdefault((reason, queue), [0.0, 0.0])
            a[0] += share
            a[1] += share * t
        rows = [("", r, q, a[0], a[1] / a[0]) for (r, q), a in sorted(agg.items())]
    rows.append(("TOTAL", "", "", 1.0, total_t))
    if nodes_mode:
        rows = [(k, nodes[k]["type"], visits[k]) for k in order]

    if check is None:
        if nodes_mode:
            print("node,type,visits")
            for r in rows:
                print("%s,%s,%.6f" % r)
        else:
            print("exit_node,exit_reason,queue,share,mean_ivr_s")
            for r in rows:
                print("%s,%s,%s,%.6f,%.3f" % r)
        return 0
    got = [line.rstrip("\r\n").split(",") for line in open(check)][1:]
    bad = []
    if len(got) != len(rows):
        bad.append("%d rows, expected %d" % (len(got), len(rows)))
    for g, r in zip(got, rows):
        if nodes_mode:
            ok = g[:2] == [r[0], r[1]] and abs(float(g[2]) - r[2]) <= 1e-6
        else:
            ok = (g[:3] == [r[0], r[1], r[2]] and abs(float(g[3]) - r[3]) <= 1e-6
                  and abs(float(g[4]) - r[4]) <= 1e-3)
        if not ok:
            bad.append("got %s, expected %s" % (",".join(g), r))
    for b in bad:
        print(b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
