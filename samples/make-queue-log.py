#!/usr/bin/env python3
"""make-queue-log.py: write samples/queue_log, one made-up day of Asterisk's queue_log.

A small centre on Monday 2026-03-02, 08:00-17:00 in Berlin (07:00-16:00 UTC),
running Asterisk 18 with log_membername_as_agent=yes: three queues (billing,
sales, support), seven agents who log in with AddQueueMember (ADDMEMBER),
take a lunch and short breaks (PAUSE/UNPAUSE with a reason) and log out
(REMOVEMEMBER).  Callers are answered (COMPLETECALLER/COMPLETEAGENT), ring
agents who do not answer (RINGNOANSWER), hang up while waiting (ABANDON,
RINGCANCELED), time out after 240 s (EXITWITHTIMEOUT), press 0 for the
operator (EXITWITHKEY) or are transferred (BLINDTRANSFER, ATTENDEDTRANSFER).
FreePBX's DID line follows each ENTERQUEUE (ccreport counts it as an
unknown event).  Asterisk restarts at 12:40 UTC: the calls waiting or
talking then never end in the log (QUEUESTART).

Deterministic (fixed seed): running it again writes the same bytes.
Run from anywhere: python3 samples/make-queue-log.py [-o FILE]
(default: samples/queue_log).  With --expect it writes nothing and prints, per queue, what the simulation
knows (offered, answered, abandoned, timeout, other, the sum of the answered
waits and of the talk times, in seconds) and the calls cut by the restart:
figures to check ccreport against.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1772434800          # 2026-03-02T07:00:00Z, 08:00 in Berlin
END = T0 + 9 * 3600      # 16:00 UTC
RESTART = T0 + 5 * 3600 + 40 * 60   # 12:40:00 UTC: QUEUESTART
DOWN = RESTART - 50      # the last moment before the crash
TIMEOUT = 240            # Queue(...,,,,240)
rng = random.Random(20260302)

# agent: (queues, login, lunch start, logout), times in hours from T0
AGENTS = {
    "Anna": (["billing", "support"], 0.0, 4.0, 9.0),
    "Bernd": (["billing"], 0.1, 4.5, 8.5),
    "Chiara": (["sales"], 0.0, 4.0, 9.0),
    "Deniz": (["sales", "support"], 0.5, 5.0, 9.0),
    "Emil": (["support"], 0.0, 4.5, 8.0),
    "Femke": (["support"], 1.0, 5.5, 9.0),
    "Goran": (["billing", "sales"], 2.0, 6.0, 9.0),
}
# queue: (calls, mean talk s, caller patience s)
QUEUES = {"billing": (36, 330, 100), "sales": (30, 380, 130), "support": (48, 420, 90)}
DID = {"billing": "4930123401", "sales": "4930123402", "support": "4930123403"}

lines = []   # (time, seq, text)
seq = [0]


def log(t, callid, queue, agent, event, *data):
    seq[0] += 1
    lines.append((t, seq[0], "|".join([str(t), callid, queue, agent, event] + [str(d) for d in data])))


def hours(h):
    return T0 + int(h * 3600)


# Agent sessions and pauses: busy[agent] = list of (start, end) when the agent
# cannot take a call (paused, logged out, or talking).
busy = {a: [] for a in AGENTS}
avail = {}
log(T0 - 60, "NONE", "NONE", "NONE", "QUEUESTART", "")
for name, (queues, login, lunch, logout) in AGENTS.items():
    t_in, t_out = hours(login) + rng.randint(0, 300), hours(logout) + rng.randint(0, 300)
    avail[name] = (t_in, t_out)
    for q in queues:
        log(t_in, "MANAGER", q, name, "ADDMEMBER", "")
        log(t_out, "MANAGER", q, name, "REMOVEMEMBER", "")
    pauses = [(hours(lunch) + rng.randint(0, 600), 1800 + rng.randint(0, 900), "lunch")]
    for _ in range(2):
        pauses.append((rng.randint(t_in + 1800, t_out - 1800), 300 + rng.randint(0, 300), "break"))
    if name == "Emil":
        pauses.append((hours(1.5), 2700, "training"))
    for start, length, reason in pauses:
        if DOWN - length - 60 < start < RESTART + 60:
            continue  # no pause across the restart, to keep the sample plain
        for q in queues:
            log(start, "NONE", q, name, "PAUSE", reason)
            log(start + length, "NONE", q, name, "UNPAUSE", "")
        busy[name].append((start, start + length))


def free_at(agent, t, length):
    """The first time >= t at which AGENT can talk for LENGTH seconds, or None."""
    t_in, t_out = avail[agent]
    t = max(t, t_in)
    for s, e in sorted(busy[agent]):
        if t + length <= s:
            break
        if e > t:
            t = max(t, e) + 5
    return t if t < t_out else None


# The calls, in arrival order.
calls = []
for q, (n, talk, patience) in QUEUES.items():
    for i in range(n):
        # more calls in the morning and after lunch
        h = rng.choice([0.3, 0.8, 1.2, 1.7, 2.1, 2.5, 3.0, 3.6, 4.2, 5.2, 5.9, 6.5, 7.1, 7.8, 8.4])
        t = hours(h) + rng.randint(0, 1800)
        if DOWN - 60 < t < RESTART + 30:
            t += 120
        calls.append((t, q))
calls.sort()

expect = {q: dict(offered=0, answered=0, abandoned=0, timeout=0, other=0, wait=0, talk=0)
          for q in QUEUES}
cut = 0
uid = 0
for t, q in calls:
    uid += 1
    callid = "%d.%d" % (t - rng.randint(5, 40), uid)   # created in the IVR a little before
    caller = "0%d" % rng.randint(151000000, 179999999)
    n, mean_talk, mean_pat = QUEUES[q]
    talk = max(30, int(rng.expovariate(1 / mean_talk)))
    patience = int(rng.expovariate(1 / mean_pat)) + 3
    # the agent who can answer first, and when
    best = None
    for a, (queues, *_rest) in AGENTS.items():
        if q in queues:
            f = free_at(a, t + 2, talk)
            if f is not None and (best is None or f < best[0]):
                best = (f, a)
    ring = rng.choice([2, 3, 4, 5, 6])
    key = rng.random() < 0.04
    rna = best is not None and rng.random() < 0.15
    r = rng.random()
    # the call's events: (time, agent, event, data...)
    evs = [(t, "NONE", "ENTERQUEUE", "", caller, 1), (t, "NONE", "DID", DID[q])]
    if best is not None:
        f, a = best
        if rna:
            evs.append((f, a, "RINGNOANSWER", 15000))
            f += 15
        answer = f + ring
    else:
        answer = None
    if key:
        w = rng.randint(8, 40)
        evs.append((t + w, "NONE", "EXITWITHKEY", 0, 1, 1, w))
        kind, end = "other", t + w
    elif answer is None or min(patience, TIMEOUT) < answer - t:
        # an agent who rang after the caller left did not ring at all
        evs = [e for e in evs if e[0] <= t + min(patience, TIMEOUT)]
        if patience < TIMEOUT:
            end = t + patience
            if best is not None and best[0] < end and not rna:
                evs.append((end, best[1], "RINGCANCELED", (end - best[0]) * 1000))
            evs.append((end, "NONE", "ABANDON", 1, 1, patience))
            kind = "abandoned"
        else:
            end = t + TIMEOUT
            evs.append((end, "NONE", "EXITWITHTIMEOUT", 1, 1, TIMEOUT))
            kind = "timeout"
    else:
        a, wait, end = best[1], answer - t, answer + talk
        busy[a].append((answer, end))
        evs.append((answer, a, "CONNECT", wait, "%d.%d" % (answer, uid + 5000), ring))
        if r < 0.06:
            evs.append((end, a, "BLINDTRANSFER", "200", "from-internal", wait, talk, 1))
        elif r < 0.09:
            evs.append((end, a, "ATTENDEDTRANSFER", "BRIDGE",
                        "bd7c%04x-9e1a-4c1b-8f3e-2a6d%08x" % (uid, answer), wait, talk, 1))
        else:
            evs.append((end, a, "COMPLETECALLER" if r < 0.7 else "COMPLETEAGENT", wait, talk, 1))
        kind = "answered"
    if t < RESTART and end > DOWN:
        # Asterisk went down during the call: what came after is lost.
        evs = [e for e in evs if e[0] <= DOWN]
        cut += 1
    else:
        e = expect[q]
        e["offered"] += 1
        e[kind] += 1
        if kind == "answered":
            e["wait"] += wait
            e["talk"] += talk
    for ev in evs:
        log(ev[0], callid, q, ev[1], ev[2], *ev[3:])
log(RESTART, "NONE", "NONE", "NONE", "QUEUESTART", "")

lines.sort()
# Nothing is written between the crash and the restart.
out = [text for t, s, text in lines if not (DOWN < t < RESTART)]

if len(sys.argv) > 1 and sys.argv[1] == "--expect":
    for q in sorted(expect):
        e = expect[q]
        print("%s %d %d %d %d %d %d %d" % (q, e["offered"], e["answered"], e["abandoned"],
                                            e["timeout"], e["other"], e["wait"], e["talk"]))
    print("cut_by_restart %d" % cut)
    print("lines %d" % len(out))
    sys.exit(0)
path = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "-o" else os.path.join(HERE, "queue_log")
with open(path, "w", encoding="utf-8", newline="\n") as f:
    for text in out:
        f.write(text + "\n")
