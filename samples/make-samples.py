#!/usr/bin/env python3
"""make-samples.py: write samples/calls.csv and samples/chats.jsonl.

One made-up Monday (2026-03-02, 08:00-18:00 in Berlin, 07:00-17:00 UTC) of a
small contact centre: 300 voice calls (255 inbound, 45 outbound) over four
queues, and 100 chats, e-mails, SMS and social messages.  Deterministic (fixed seed): running it again writes
the same bytes.  The chats, SMS and social messages carry a conversation_id;
some of them are customers writing again in an earlier conversation.  Run from anywhere: python3 samples/make-samples.py
"""
import csv
import datetime as dt
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = dt.datetime(2026, 3, 2, 7, 0, 0, tzinfo=dt.timezone.utc)  # 08:00 in Berlin
rng = random.Random(20260302)

# Share of the day's arrivals in each hour from 07:00 UTC.
HOURS = [6, 13, 15, 13, 8, 9, 12, 11, 8, 5]
# Between 09:30 and 11:00 UTC an outage makes every queue five times slower.
SURGE = (dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc),
         dt.datetime(2026, 3, 2, 11, 0, tzinfo=dt.timezone.utc))

AGENTS = {
    "billing": ["a.schmidt", "j.nowak", "m.keller"],
    "sales": ["s.yilmaz", "t.fischer", "l.moreau"],
    "support": ["k.weber", "p.rossi", "e.hansen", "d.okafor"],
    "tech": ["r.bauer", "n.kowalski", "h.lindqvist"],
}
# queue: (inbound calls, mean wait s, mean handle s, language skill)
QUEUES = {
    "billing": (70, 14, 240, "de"),
    "sales": (55, 8, 300, "de"),
    "support": (80, 20, 360, "en"),
    "tech": (50, 28, 480, "en"),
}
SURNAMES = ["Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann",
            "Schulz", "Koch", "Richter", "Wolf", "Özdemir", "Nguyen",
            "Kowalczyk", "Dubois", "García", "Jensen", "O'Brien", "Smith",
            "Lange", "Krüger", "Zimmermann", "Hartmann", "Brandt", "Vogel"]
GIVEN = ["Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Lea", "Paul",
         "Emma", "Elias", "Mia", "Ben", "Zoë", "Łukasz", "Chloé", "Aylin"]
NOTES = {
    "billing": ["invoice 2026-0114 disputed, credit note promised",
                "changed bank details", "asked for a payment plan, 3 instalments",
                "duplicate charge, refund of 19.99 EUR"],
    "sales": ["upgrade to Business plan", "wants a quote, 25 seats",
              "renewal, 10% discount offered"],
    "support": ["password reset", "parcel late, new date: Thursday",
                "address change, moved to Köln"],
    "tech": ["router firmware 4.2.1, reboot fixed it",
             "ticket TCK-8812 opened, escalated to 2nd level",
             "VPN drops every 10 min; logs requested"],
}


def ts(t, ms=False):
    """RFC 3339 UTC, whole seconds (or milliseconds when MS)."""
    t = t.astimezone(dt.timezone.utc)
    if ms:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def arrival():
    h = rng.choices(range(len(HOURS)), weights=HOURS)[0]
    return DAY + dt.timedelta(hours=h, seconds=rng.randrange(3600))


def customer():
    return "%s, %s" % (rng.choice(SURNAMES), rng.choice(GIVEN))


def secs(x):
    return dt.timedelta(seconds=x)


def calls():
    rows = []
    for q, (n, mwait, mhandle, lang) in QUEUES.items():
        for _ in range(n):
            arr = arrival()
            slow = 5 if SURGE[0] <= arr < SURGE[1] else 1
            wait = int(rng.expovariate(1 / (mwait * slow)))
            # Some callers hang up at once (a misdial, the menu); most wait.
            if rng.random() < 0.04:
                patience = rng.randint(1, 8)
            else:
                patience = 20 + int(rng.expovariate(1 / 240))
            r = dict(channel="voice", direction="inbound", queue=q,
                     priority=rng.choices([0, 1, 2], weights=[80, 15, 5])[0],
                     skills="%s;%s" % (q, lang), customer=customer(), agent="",
                     arrived_at=arr, answered_at=None, ended_at=None, outcome="", note="")
            if q in ("support", "tech") and wait > 180 and patience > 180:
                r.update(ended_at=arr + secs(180), outcome="timeout")
            elif q == "billing" and wait > 60 and patience > 60:
                r.update(ended_at=arr + secs(60), outcome="overflow",
                         note="overflowed to support after 60 s")
            elif patience < wait:
                if rng.random() < 0.2:
                    r.update(ended_at=arr + secs(patience + 35), outcome="voicemail")
                else:
                    r.update(ended_at=arr + secs(patience), outcome="abandoned")
            else:
                handle = int(rng.lognormvariate(0, 0.5) * mhandle) + 20
                r.update(agent=rng.choice(AGENTS[q]), answered_at=arr + secs(wait),
                         ended_at=arr + secs(wait + handle),
                         outcome="transferred" if rng.random() < 0.06 else "answered")
                if rng.random() < 0.3:
                    r["note"] = rng.choice(NOTES[q])
            rows.append(r)
    # Outbound: sales call-backs and billing reminders.
    for q, n in (("sales", 30), ("billing", 15)):
        for _ in range(n):
            arr = arrival()
            ring = rng.randint(4, 28)
            r = dict(channel="voice", direction="outbound", queue=q, priority=0,
                     skills=q, customer=customer(), agent=rng.choice(AGENTS[q]),
                     arrived_at=arr, answered_at=None, ended_at=None, outcome="", note="")
            out = rng.choices(["answered", "no_answer", "busy", "machine", "failed"],
                              weights=[55, 20, 10, 12, 3])[0]
            if out == "answered":
                handle = int(rng.lognormvariate(0, 0.5) * 200) + 15
                r.update(answered_at=arr + secs(ring), ended_at=arr + secs(ring + handle))
            elif out == "failed":
                r.update(ended_at=arr + secs(1))
            else:
                r.update(ended_at=arr + secs(ring))
            r["outcome"] = out
            rows.append(r)
    rows.sort(key=lambda r: r["arrived_at"])
    # Notes as agents type them: one quotes the customer, one runs over two lines.
    answered = [r for r in rows if r["answered_at"] and r["direction"] == "inbound"]
    answered[10]["note"] = 'customer said "the app, not the website" crashes'
    answered[40]["note"] = "callback wanted after 16:00\nnumber on file is old"
    out = io.StringIO()
    cols = ["id", "channel", "direction", "queue", "priority", "skills", "customer",
            "agent", "arrived_at", "answered_at", "ended_at", "outcome", "note"]
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for i, r in enumerate(rows, 1):
        r["id"] = "call-%04d" % i
        for k in ("arrived_at", "answered_at", "ended_at"):
            r[k] = ts(r[k]) if r[k] else ""
        w.writerow([r[c] for c in cols])
    return out.getvalue()


def threads(recs):
    """Give the chat, SMS and social records (sorted by arrival) a
    conversation_id: about one in three is a customer writing again on the
    same channel and queue, after an earlier record of theirs ended, so it
    continues that thread (its id, and the customer's name).  E-mails get no
    conversation_id.  A random generator of its own leaves the other fields
    as they were drawn."""
    trng = random.Random(20260303)
    open_threads = []  # [conversation_id, channel, queue, customer, ended_at]
    n = 0
    for r in recs:
        if r["channel"] == "email":
            continue
        ends = [r[k] for k in ("answered_at", "ended_at") if r[k]]
        earlier = [t for t in open_threads
                   if t[1] == r["channel"] and t[2] == r["queue"] and t[4] < r["arrived_at"]]
        if earlier and trng.random() < 0.35:
            t = trng.choice(earlier)
            r["customer"] = t[3]
        else:
            n += 1
            t = ["conv-%04d" % n, r["channel"], r["queue"], r["customer"], ""]
            open_threads.append(t)
        t[4] = max([t[4]] + ends + [r["arrived_at"]])
        r["conversation_id"] = t[0]


def chats():
    recs = []
    plan = [("chat", "support", 40), ("chat", "billing", 18), ("email", "billing", 14),
            ("email", "support", 12), ("sms", "support", 10), ("social", "support", 6)]
    for ch, q, n in plan:
        for _ in range(n):
            arr = arrival() + dt.timedelta(milliseconds=rng.randrange(1000))
            rec = {"channel": ch, "direction": "inbound", "queue": q, "agent": None,
                   "customer": customer(), "language": rng.choice(["de", "de", "en"]),
                   "arrived_at": ts(arr, True), "answered_at": None, "ended_at": None,
                   "outcome": None}
            if ch == "email":
                # First reply within hours; handle_s is the agent's working time.
                del rec["direction"]
                wait = rng.uniform(600, 5 * 3600)
                rec.update(agent=rng.choice(AGENTS[q]), answered_at=ts(arr + secs(wait), True),
                           outcome="resolved", handle_s=rng.randint(120, 900))
            elif ch == "chat" and rng.random() < 0.12:
                # Solved by the bot before reaching an agent.
                rec.update(ended_at=ts(arr + secs(rng.uniform(30, 180)), True),
                           outcome="self_service", bot=True)
            else:
                mean = {"chat": 25, "sms": 150, "social": 600}[ch]
                wait = rng.expovariate(1 / mean)
                patience = rng.expovariate(1 / (8 * mean))
                if patience < wait:
                    rec.update(ended_at=ts(arr + secs(patience), True), outcome="abandoned")
                else:
                    handle = rng.lognormvariate(0, 0.4) * (420 if ch == "chat" else 600)
                    rec.update(agent=rng.choice(AGENTS[q]),
                               answered_at=ts(arr + secs(wait), True),
                               ended_at=ts(arr + secs(wait + handle), True),
                               outcome=rng.choice(["resolved", "resolved", "answered",
                                                   "transferred"]))
                    if rng.random() < 0.5:
                        rec["csat"] = rng.choices([1, 2, 3, 4, 5], weights=[3, 4, 10, 30, 40])[0]
            recs.append(rec)
    recs.sort(key=lambda r: r["arrived_at"])
    threads(recs)
    lines = []
    for i, r in enumerate(recs, 1):
        cid = r.pop("conversation_id", None)
        r = {"id": "%s-%04d" % (r["channel"], i),
             **({"conversation_id": cid} if cid else {}), **r}
        lines.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    with open(os.path.join(HERE, "calls.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(calls())
    with open(os.path.join(HERE, "chats.jsonl"), "w", encoding="utf-8", newline="") as f:
        f.write(chats())
