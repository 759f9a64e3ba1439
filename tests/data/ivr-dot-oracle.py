#!/usr/bin/env python3
"""ivr-dot-oracle.py MENU.json RUN DOT: check the traffic drawn by
'ccivr-sim dot --stats RUN MENU.json' (the file DOT) against an independent
count of RUN (CSV or JSON Lines).

The reading of each record follows ccivr-sim(1), DOT: at a menu the next
unused key is the option taken when it leads to the next node (a repeat when
the node comes again), else the same node again is a retry and another node
the first fall-back leading there; other nodes take their first edge leading
to the next node; a goto "@parent" goes to the menu before the current one.
Among the readings that use every key, the one taking a key as early as
possible wins.  The search here is a different algorithm from the tool's
(a memoised feasibility table, then a greedy walk that only takes a key when
the rest can still be read), so the two meet only if both are right.

Every node label (its figures), fill colour, every edge's label, penwidth
and colour, the HANGUP node and the graph label are compared; @parent edges
without traffic are left out (which menus can be the parent is the static
drawing's business, not the traffic's).  Prints "ok", or the differences and
exits 1.
"""
import csv
import io
import json
import re
import sys
from fractions import Fraction
from functools import lru_cache

sys.setrecursionlimit(100000)
menu = json.load(open(sys.argv[1]))
nodes = menu["nodes"]
start = menu["start"]
after_ss = menu.get("sim", {}).get("hangup_after_self_service")
TERMINAL = {"queue", "voicemail", "hangup", "end", "transfer"}


def edges(x):
    """The drawn edges of node x, in the tool's order: (kind, target, key)."""
    nd = nodes[x]
    t = nd["type"]
    out = []
    names = {
        "prompt": ["next"],
        "menu": [],
        "input": ["on_valid", "on_noinput", "on_nomatch"],
        "hours": ["open", "closed", "holiday"],
        "selfservice": ["on_complete", "on_fail"],
        "goto": ["target"],
    }.get(t, [])
    if t == "menu":
        for k, o in nd.get("options", {}).items():
            if o.get("action") != "repeat":
                out.append(("option", o["next"], k))
        names = ["on_noinput", "on_nomatch"]
    for n in names:
        if n in nd and nd[n] != "@parent":
            out.append((n, nd[n], None))
    return out


def load(path):
    text = open(path, encoding="utf-8").read()
    if text.lstrip()[:1] == "{":
        return [json.loads(l) for l in text.splitlines() if l.strip()]
    return list(csv.DictReader(io.StringIO(text)))


recs = load(sys.argv[2])
N = len(recs)
visits = {x: 0 for x in nodes}
calls = {x: 0 for x in nodes}
retries = {x: 0 for x in nodes}
ecount = {x: [0] * len(edges(x)) for x in nodes}
repeats = {x: {} for x in nodes}
parent = {x: {} for x in nodes}
hang = {x: 0 for x in nodes}
system = {x: 0 for x in nodes}
loops = {x: 0 for x in nodes}


def own(nd):
    return {"queue": "to_queue", "voicemail": "voicemail", "transfer": "transfer_external",
            "hangup": "system_hangup"}.get(nd["type"], nd.get("outcome", "end"))


for r in recs:
    path = r["ivr_path"].split(">")
    keys = [k for k in (r.get("ivr_keys") or "").split(",") if k]
    assert path[0] == start
    # Where "@parent" leads at each step (the walker's current and previous menu).
    want = []
    L = P = None
    for x in path:
        if nodes[x]["type"] == "menu" and x != L:
            P, L = L, x
        want.append(P if P is not None else L if L is not None else start)

    def plain(i):
        x, y = path[i], path[i + 1]
        nd = nodes[x]
        if nd["type"] in ("menu", "input") and x == y:
            return ("retry",)
        if nd["type"] == "goto" and nd["target"] == "@parent":
            return ("parent",) if y == want[i] else None
        for e, (kind, tgt, _) in enumerate(edges(x)):
            if kind != "option" and tgt == y:
                return ("edge", e)
        return None

    def keyed(i, j):
        x, y = path[i], path[i + 1]
        nd = nodes[x]
        if j >= len(keys) or nd["type"] != "menu":
            return None
        o = nd["options"].get(keys[j])
        if o is None:
            return None
        if o.get("action") == "repeat":
            return ("repeat", keys[j]) if x == y else None
        if o["next"] != y:
            return None
        for e, (kind, tgt, k) in enumerate(edges(x)):
            if kind == "option" and k == keys[j]:
                return ("edge", e)
        return None

    @lru_cache(maxsize=None)
    def feasible(i, j):
        if i == len(path) - 1:
            return j == len(keys)
        if keyed(i, j) and feasible(i + 1, j + 1):
            return True
        return bool(plain(i)) and feasible(i + 1, j)

    assert feasible(0, 0), r
    j = 0
    for i in range(len(path) - 1):
        x = path[i]
        step = keyed(i, j) if keyed(i, j) and feasible(i + 1, j + 1) else None
        if step:
            j += 1
        else:
            step = plain(i)
        if step[0] == "retry":
            retries[x] += 1
        elif step[0] == "parent":
            parent[x][path[i + 1]] = parent[x].get(path[i + 1], 0) + 1
        elif step[0] == "repeat":
            repeats[x][step[1]] = repeats[x].get(step[1], 0) + 1
        else:
            ecount[x][step[1]] += 1
    for x in path:
        visits[x] += 1
    for x in set(path):
        calls[x] += 1
    z = path[-1]
    reason = r["exit_reason"]
    is_hang = reason == "abandon_ivr" or reason == nodes[z].get("hangup_as") or reason == after_ss
    if nodes[z]["type"] in TERMINAL:
        if reason != own(nodes[z]):
            assert is_hang, r
            hang[z] += 1
    elif is_hang:
        hang[z] += 1
    elif reason == "system_hangup":
        system[z] += 1
    else:
        assert reason == "error_loop", r
        loops[z] += 1


def pct(n, d):
    if d == 0:
        return "0.0"
    v = int(Fraction(n * 1000, d) + Fraction(1, 2))
    return "%d.%d" % (v // 10, v % 10)


def pw(n):
    c = min(n, N)
    v = int(Fraction((N + 4 * c) * 100, N) + Fraction(1, 2))
    return "%d.%02d" % (v // 100, v % 100)


def plural(n, word):
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


DOT = "\u00b7"
WHAT = {"queue": "queue", "selfservice": "task", "end": "outcome", "hangup": "reason",
        "voicemail": "mailbox", "transfer": "number", "goto": "target", "hours": "calendar"}
sink = "HANGUP"
k = 1
while sink in nodes:
    sink = "HANGUP_%d" % k
    k += 1

exp_nodes, exp_edges = {}, []
for x, nd in nodes.items():
    t = nd["type"]
    lab = "%s (%s)" % (x, t)
    if t in WHAT and WHAT[t] in nd:
        lab += "\\n" + nd[WHAT[t]]
    if t in TERMINAL:
        lab += "\\n%s %s %s%%" % (plural(calls[x], "call"), DOT, pct(calls[x], N))
    else:
        lab += "\\n%s %s %s%% of calls" % (plural(visits[x], "visit"), DOT, pct(calls[x], N))
    if t in ("menu", "input"):
        lab += "\\nretries %d" % retries[x]
    if system[x]:
        lab += "\\nsystem_hangup %d" % system[x]
    if loops[x]:
        lab += "\\nerror_loop %d" % loops[x]
    fill = None
    if hang[x]:
        h, c = hang[x] * 100, calls[x]
        fill = ["#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a"][
            0 if h < 5 * c else 1 if h < 15 * c else 2 if h < 30 * c else 3]
    exp_nodes[x] = (lab, fill)

    def edge(to, base, n, color=None):
        if n:
            label = (base + " %s " % DOT if base else "") + "%d (%s%%)" % (n, pct(n, visits[x]))
            exp_edges.append((x, to, label, pw(n), color))
        else:
            exp_edges.append((x, to, base, "1.00", "gray"))

    es = edges(x)
    for e, (kind, tgt, key) in enumerate(es):
        if kind == "option":
            o = nd["options"][key]
            edge(tgt, key + (" " + o["label"] if "label" in o else ""), ecount[x][e])
        else:
            if any(k2 != "option" and t2 == tgt for k2, t2, _ in es[:e]):
                continue  # drawn with the first edge leading there
            words = [k2.replace("on_", "") for k2, t2, _ in es[e:] if k2 != "option" and t2 == tgt]
            words = [w for w in words if w not in ("next", "target")]
            edge(tgt, "/".join(words) or None, ecount[x][e])
    for key, o in nd.get("options", {}).items():
        if o.get("action") == "repeat":
            edge(x, key + " repeat", repeats[x].get(key, 0))
    if retries[x]:
        edge(x, "retry", retries[x])
    for to, n in parent[x].items():
        edge(to, "@parent", n)
    if hang[x]:
        edge(sink, None, hang[x], "red")
H = sum(hang.values())
if H:
    exp_nodes[sink] = ("caller hang-up\\n%s %s %s%%" % (plural(H, "call"), DOT, pct(H, N)), None)

# The tool's DOT.
got_nodes, got_edges, graph_label = {}, [], None
ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,\]]+)')
for line in open(sys.argv[3], encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r'^  label="(.*)";$', line)
    if m:
        graph_label = m.group(1)
        continue
    m = re.match(r'^  "((?:[^"\\]|\\.)*)"(?: -> "((?:[^"\\]|\\.)*)")?(?: \[(.*)\])?;$', line)
    if not m:
        continue
    a = {k: v[1:-1] if v.startswith('"') else v for k, v in ATTR.findall(m.group(3) or "")}
    if m.group(2) is None:
        got_nodes[m.group(1)] = (a.get("label"), a.get("fillcolor"))
    else:
        if a.get("label", "").startswith("@parent") and a.get("color") == "gray":
            continue
        got_edges.append((m.group(1), m.group(2), a.get("label"), a.get("penwidth"),
                          a.get("color")))

bad = []
if graph_label != plural(N, "call"):
    bad.append("graph label %r, expected %r" % (graph_label, plural(N, "call")))
for x in sorted(set(exp_nodes) | set(got_nodes)):
    if exp_nodes.get(x) != got_nodes.get(x):
        bad.append("node %s: got %r, expected %r" % (x, got_nodes.get(x), exp_nodes.get(x)))
key = lambda e: tuple("" if v is None else v for v in e)
eg, ee = sorted(got_edges, key=key), sorted(exp_edges, key=key)
if eg != ee:
    for e in ee:
        if e not in eg:
            bad.append("missing edge %r" % (e,))
    for e in eg:
        if e not in ee:
            bad.append("unexpected edge %r" % (e,))
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("ok")
