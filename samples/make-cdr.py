#!/usr/bin/env python3
"""make-cdr.py: write samples/Master.csv, one made-up day of Asterisk CDRs.

The same Monday as make-samples.py (2026-03-02, 08:00-18:00 in Berlin) on a
small Asterisk 13+ system whose cdr.conf [csv] section has loguniqueid=yes
and newcdrcolumns=yes (20 fields a row, no userfield) and writes local
(Berlin) time, so read it with --tz Europe/Berlin:

- 180 inbound calls from the PSTN trunk into three queues (support 600,
  sales 700, billing 800), each member rung in turn for up to 15 s (one CDR
  row per attempt: NO ANSWER, now and then FAILED for a phone that is not
  registered, and the ANSWERED one), some callers hanging up while waiting;
- 25 outbound calls placed by agents (from-internal to the trunk), 12
  internal calls between extensions, 10 callers who only listened to the
  opening-hours announcement (ivr-main) and 6 who were sent to voicemail
  after ringing an extension;
- as Asterisk writes them: every row of a call is written when the caller
  hangs up (rows of one call together, calls in the order they ended), an
  unset answer as an empty unquoted field, quotes in names doubled;
- two rows written twice (a disk hiccup), which ccreport reports as
  duplicates.

Deterministic (fixed seed): running it again writes the same bytes.
Run from anywhere: python3 samples/make-cdr.py [OUTPUT] (default: Master.csv
beside this script).
"""
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BERLIN = dt.timezone(dt.timedelta(hours=1))  # CET on 2026-03-02
DAY = dt.datetime(2026, 3, 2, 8, 0, 0, tzinfo=BERLIN)
rng = random.Random(2026030201)

QUEUES = {
    # name: (extension, members, calls, mean patience s)
    "support": ("600", ["1001", "1002", "1003", "1004"], 80, 90),
    "sales": ("700", ["2001", "2002", "2003"], 55, 60),
    "billing": ("800", ["3001", "3002"], 45, 75),
}
GIVEN = ["Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Lea", "Paul",
         "Emma", "Elias", "Mia", "Ben", "Zoë", "Łukasz", "Chloé", "Aylin"]
SURNAMES = ["Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann",
            "Schulz", "Koch", "Richter", "Wolf", "Özdemir", "Nguyen",
            "Kowalczyk", "Dubois", "García", "Jensen", "O'Brien", "Smith"]
AGENT_NAMES = {"1001": "Karl Weber", "1002": "Paola Rossi", "1003": "Erik Hansen",
               "1004": "Dayo Okafor", "2001": "Selin Yilmaz", "2002": "Tom Fischer",
               "2003": "Lina Moreau", "3001": "Anja Schmidt", "3002": "Jan Nowak"}

chan_seq = [0x1000]
uid_seq = [100]
cdr_seq = [1000]
last_end = [None]  # end of the last row made


def chan(tech_peer):
    chan_seq[0] += 1
    return "%s-%08x" % (tech_peer, chan_seq[0])


def uniqueid(t):
    uid_seq[0] += 1
    return "%d.%d" % (int(t.timestamp()), uid_seq[0])


def q(s):
    """A cdr_csv string field: quoted, quotes doubled."""
    return '"' + s.replace('"', '""') + '"'


def date(t):
    return q(t.strftime("%Y-%m-%d %H:%M:%S")) if t else ""


def row(src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start,
        answer, end, disposition, uid, linkedid):
    """One Master.csv line (20 fields: loguniqueid + newcdrcolumns)."""
    cdr_seq[0] += 1
    last_end[0] = end
    duration = int((end - start).total_seconds())
    billsec = int((end - answer).total_seconds()) if answer else 0
    fields = [q(""), q(src), q(dst), q(dcontext), q(clid), q(channel), q(dstchannel),
              q(lastapp), q(lastdata), date(start), date(answer), date(end),
              str(duration), str(billsec), q(disposition), q("DOCUMENTATION"), q(uid),
              q(""), q(linkedid), str(cdr_seq[0])]
    return ",".join(fields)


def caller():
    name = "%s %s" % (rng.choice(GIVEN), rng.choice(SURNAMES))
    number = "0%d" % rng.randint(301000000, 899999999)
    return number, '"%s" <%s>' % (name, number)


def arrival():
    """A time of day, busier mid-morning and early afternoon."""
    while True:
        s = rng.uniform(0, 10 * 3600)
        h = s / 3600
        weight = 1.0 if 1.5 < h < 4 or 5 < h < 7.5 else 0.55
        if rng.random() < weight:
            return DAY + dt.timedelta(seconds=int(s))


calls = []  # (end time, [rows])
busy_until = {}  # agent -> time when free


def queue_call(t0, qname):
    ext, members, _, patience_mean = QUEUES[qname]
    number, clid = caller()
    trunk = chan("PJSIP/telco")
    uid = uniqueid(t0)
    patience = rng.expovariate(1 / patience_mean) + 3
    hangup_at = t0 + dt.timedelta(seconds=int(patience))
    rows = []
    t = t0 + dt.timedelta(seconds=2)  # the greeting before the first ring
    order = members[:]
    rng.shuffle(order)
    k = 0
    while True:
        agent = order[k % len(order)]
        k += 1
        attempt_start = t if rows else t0
        if busy_until.get(agent, DAY) > t:
            # A member on another call is not rung; try the next one soon.
            t += dt.timedelta(seconds=1)
            if t >= hangup_at or k > 40:
                end = max(hangup_at, t)
                rows.append(row(number, ext, "from-pstn", clid, trunk, "", "Queue",
                                "%s,t,,,300" % qname, attempt_start, None, end,
                                "NO ANSWER", uid, uid))
                break
            continue
        agent_chan = chan("PJSIP/%s" % agent)
        if rng.random() < 0.04:
            # Phone not registered: the attempt fails at once.
            rows.append(row(number, ext, "from-pstn", clid, trunk, agent_chan, "Queue",
                            "%s,t,,,300" % qname, attempt_start, None, t, "FAILED", uid,
                            uid))
            t += dt.timedelta(seconds=1)
            continue
        ring = rng.randint(3, 25)
        answer = t + dt.timedelta(seconds=ring)
        if ring > 15:
            ring_end = t + dt.timedelta(seconds=15)
            if hangup_at <= ring_end:
                rows.append(row(number, ext, "from-pstn", clid, trunk, agent_chan, "Queue",
                                "%s,t,,,300" % qname, attempt_start, None,
                                max(hangup_at, t), "NO ANSWER", uid, uid))
                break
            rows.append(row(number, ext, "from-pstn", clid, trunk, agent_chan, "Queue",
                            "%s,t,,,300" % qname, attempt_start, None, ring_end,
                            "NO ANSWER", uid, uid))
            t = ring_end
            continue
        if hangup_at <= answer:
            rows.append(row(number, ext, "from-pstn", clid, trunk, agent_chan, "Queue",
                            "%s,t,,,300" % qname, attempt_start, None, max(hangup_at, t),
                            "NO ANSWER", uid, uid))
            break
        talk = int(rng.lognormvariate(5.3, 0.6)) + 20
        end = answer + dt.timedelta(seconds=talk)
        busy_until[agent] = end
        rows.append(row(number, ext, "from-pstn", clid, trunk, agent_chan, "Queue",
                        "%s,t,,,300" % qname, attempt_start, answer, end, "ANSWERED",
                        uid, uid))
        break
    calls.append((last_end[0], rows))


def outbound_call(t0):
    agent = rng.choice([m for v in QUEUES.values() for m in v[1]])
    number = "0049%d" % rng.randint(301000000, 899999999)
    src_chan = chan("PJSIP/%s" % agent)
    dst_chan = chan("PJSIP/telco")
    uid = uniqueid(t0)
    clid = '"%s" <%s>' % (AGENT_NAMES[agent], agent)
    r = rng.random()
    if r < 0.7:
        answer = t0 + dt.timedelta(seconds=rng.randint(4, 20))
        end = answer + dt.timedelta(seconds=rng.randint(30, 400))
        disp = "ANSWERED"
    elif r < 0.85:
        answer, end, disp = None, t0 + dt.timedelta(seconds=rng.randint(20, 45)), "NO ANSWER"
    else:
        answer, end, disp = None, t0 + dt.timedelta(seconds=rng.randint(2, 6)), "BUSY"
    calls.append((end, [row(agent, number, "from-internal", clid, src_chan, dst_chan, "Dial",
                            "PJSIP/%s@telco,60" % number, t0, answer, end, disp, uid,
                            uid)]))


def internal_call(t0):
    agents = [m for v in QUEUES.values() for m in v[1]]
    a, b = rng.sample(agents, 2)
    uid = uniqueid(t0)
    clid = '"%s" <%s>' % (AGENT_NAMES[a], a)
    if rng.random() < 0.75:
        answer = t0 + dt.timedelta(seconds=rng.randint(2, 10))
        end = answer + dt.timedelta(seconds=rng.randint(15, 180))
        disp = "ANSWERED"
    else:
        answer, end, disp = None, t0 + dt.timedelta(seconds=20), "NO ANSWER"
    calls.append((end, [row(a, b, "from-internal", clid, chan("PJSIP/%s" % a),
                            chan("PJSIP/%s" % b), "Dial", "PJSIP/%s,20" % b, t0, answer, end,
                            disp, uid, uid)]))


def ivr_call(t0):
    number, clid = caller()
    uid = uniqueid(t0)
    answer = t0 + dt.timedelta(seconds=1)
    end = answer + dt.timedelta(seconds=rng.randint(15, 40))
    calls.append((end, [row(number, "s", "ivr-main", clid, chan("PJSIP/telco"), "",
                            "Playback", "custom/opening-hours", t0, answer, end, "ANSWERED",
                            uid, uid)]))


def voicemail_call(t0):
    agent = rng.choice(["1001", "2001", "3001"])
    number, clid = caller()
    uid = uniqueid(t0)
    trunk = chan("PJSIP/telco")
    ring_end = t0 + dt.timedelta(seconds=20)
    vm_end = ring_end + dt.timedelta(seconds=rng.randint(10, 50))
    rows = [row(number, agent, "from-did", clid, trunk, chan("PJSIP/%s" % agent), "Dial",
                "PJSIP/%s,20" % agent, t0, None, ring_end, "NO ANSWER", uid, uid),
            row(number, agent, "from-did", clid, trunk, "", "VoiceMail",
                "%s@default,u" % agent, ring_end, ring_end, vm_end, "ANSWERED", uid, uid)]
    calls.append((vm_end, rows))


def main():
    # The day's calls, placed in time order (agents busy on one call are
    # skipped by the queue).
    todo = []
    for qname, (_, _, n, _) in QUEUES.items():
        todo += [(arrival(), "queue", qname) for _ in range(n)]
    for kind, n in (("outbound", 25), ("internal", 12), ("ivr", 10), ("voicemail", 6)):
        todo += [(arrival(), kind, None) for _ in range(n)]
    todo.sort(key=lambda c: (c[0], c[1], c[2] or ""))
    for t0, kind, qname in todo:
        if kind == "queue":
            queue_call(t0, qname)
        else:
            {"outbound": outbound_call, "internal": internal_call, "ivr": ivr_call,
             "voicemail": voicemail_call}[kind](t0)
    calls.sort(key=lambda c: c[0])
    lines = [r for _, rows in calls for r in rows]
    # A disk hiccup: two lines written twice.
    for i in (37, 150):
        lines.insert(i + 1, lines[i])
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "Master.csv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
