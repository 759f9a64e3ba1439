#!/usr/bin/env python3
"""Generate messaging records for tests/ccreport-conv.bats, deterministically.

Usage: conv-gen.py --seed N (--rows N | --bytes N) [--csv FILE] [--jsonl FILE]
                   [--sorted FILE]

Records come in threads sharing a conversation_id; each next record of a
thread arrives after a gap drawn around the previous record's last moment:
overlapping it, touching it (gap 0), minutes later, exactly 30 minutes or
24 hours later (the windows the tests use) or one second either side of
them, or days later.  Some records have no ended_at (open), some no
answered_at, some are answered by their outcome only; some arrive at the
same instant as another record of their thread in another queue; about one
in ten has no conversation_id (missing, null or ""); a few are outbound.

--csv     the records as CSV, in a shuffled order
--jsonl   the same records as JSON Lines, in another shuffled order
--sorted  the same CSV records, sorted by arrival
"""
import argparse
import datetime as dt
import json
import random

UTC = dt.timezone.utc
T0 = int(dt.datetime(2026, 3, 2, tzinfo=UTC).timestamp()) * 1000000
HEADER = ['id', 'channel', 'direction', 'queue', 'agent', 'conversation_id', 'outcome',
          'arrived_at', 'answered_at', 'ended_at', 'wait_s']
QUEUES = ['support', 'billing', 'sales, level 2', 'tech']
CHANNELS = ['chat', 'sms', 'social', 'Chat']


def ts(r, t_us):
    """Instant T_US (microseconds) in one of the accepted forms."""
    sec, us = divmod(t_us, 1000000)
    d = dt.datetime.fromtimestamp(sec, UTC)
    frac = '' if us == 0 else ('.%06d' % us).rstrip('0')
    k = r.random()
    if k < 0.7:
        return d.strftime('%Y-%m-%dT%H:%M:%S') + frac + 'Z'
    if k < 0.85:
        o = dt.timezone(dt.timedelta(hours=r.choice([1, -5, 5.5])))
        s = d.astimezone(o).strftime('%Y-%m-%dT%H:%M:%S%z')
        return s[:-5] + frac + s[-5:-2] + ':' + s[-2:]
    return str(sec) + frac


def gap_us(r):
    """The gap between a record's last moment and the next arrival."""
    k = r.random()
    if k < 0.15:
        return -r.randint(1, 600) * 1000000          # overlaps
    if k < 0.22:
        return 0                                     # touches
    if k < 0.45:
        return r.randint(1, 1799) * 1000000 + r.choice([0, 500000])
    if k < 0.65:
        w = r.choice([1800, 86400])                  # around a window
        return (w + r.choice([-1, 0, 0, 1])) * 1000000
    if k < 0.85:
        return r.randint(1801, 86399) * 1000000
    return r.randint(86401, 4 * 86400) * 1000000


def thread(r, tid, t):
    """The records of one thread starting near T, as dicts (None = missing)."""
    recs = []
    queue = r.choice(QUEUES)
    channel = r.choice(CHANNELS)
    last = None
    for _ in range(r.choices([1, 2, 3, 4, 6, 9], [30, 25, 20, 12, 8, 5])[0]):
        if last is None:
            arr = t
        elif r.random() < 0.05 and recs:
            arr = recs[-1]['_arr']                   # same instant as the one before
        else:
            arr = max(last + gap_us(r), t)
        if r.random() < 0.1:
            queue = r.choice(QUEUES)                 # moved to another queue
        rec = dict.fromkeys(HEADER)
        rec.update(channel=channel, queue=queue, conversation_id=tid,
                   agent=r.choice(['a1', 'a2', 'a3', None]))
        rec['direction'] = r.choices([None, 'inbound', 'Inbound', 'outbound'], [50, 40, 3, 7])[0]
        wait = r.choice([r.randint(0, 60), r.randint(0, 3600), r.randint(0, 200000)]) * 1000000
        wait += r.choice([0, 0, 250000, 999999])
        handle = r.randint(0, 3600) * 1000000
        kind = r.random()
        ans = end = None
        if kind < 0.45:
            ans, end, rec['outcome'] = arr + wait, arr + wait + handle, 'resolved'
        elif kind < 0.55:
            ans, rec['outcome'] = arr + wait, r.choice(['answered', None])   # open
        elif kind < 0.62:
            rec['outcome'], rec['wait_s'] = 'Resolved', '%d' % (wait // 1000000)
        elif kind < 0.8:
            end, rec['outcome'] = arr + wait, 'abandoned'
        elif kind < 0.9:
            rec['outcome'] = None                                           # arrival only
        else:
            ans, end, rec['outcome'] = arr + wait, arr + wait, 'transferred'
            rec['wait_s'] = '%d.%06d' % divmod(wait, 1000000)
        rec['_arr'] = arr
        rec['arrived_at'] = ts(r, arr)
        rec['answered_at'] = ts(r, ans) if ans is not None else None
        rec['ended_at'] = ts(r, end) if end is not None else None
        recs.append(rec)
        mom = max(x for x in (arr, ans, end) if x is not None)
        last = mom if last is None else max(last, mom)
    return recs


def cell(v):
    if v is None:
        return ''
    if v == '' or any(c in v for c in ',"\n\r') or v != v.strip():
        return '"' + v.replace('"', '""') + '"'
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--rows', type=int)
    ap.add_argument('--bytes', type=int)
    ap.add_argument('--csv')
    ap.add_argument('--jsonl')
    ap.add_argument('--sorted')
    o = ap.parse_args()
    r = random.Random(o.seed)
    recs, size, n = [], 0, 0
    while (o.rows is not None and len(recs) < o.rows) or (o.bytes is not None and size < o.bytes):
        n += 1
        t = T0 + r.randint(0, 6 * 86400) * 1000000
        if r.random() < 0.1:
            # No conversation_id: missing (CSV empty), or "" (quoted).
            new = thread(r, None, t)[:1]
            if r.random() < 0.3:
                new[0]['conversation_id'] = ''
        else:
            tid = r.choice(['c%05d' % n, 'conv %d' % n, 'C-%d,x' % n, '%d' % (n * 7)])
            new = thread(r, tid, t)
        for rec in new:
            rec['id'] = 'm%06d' % (len(recs) + 1)
            recs.append(rec)
            size += len(','.join(cell(rec[k]) for k in HEADER)) + 1
    if o.rows is not None:
        recs = recs[:o.rows]
    head = ','.join(HEADER) + '\n'

    def write_csv(path, rows):
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(head)
            for rec in rows:
                f.write(','.join(cell(rec[k]) for k in HEADER) + '\n')

    if o.csv:
        rows = recs[:]
        r.shuffle(rows)
        write_csv(o.csv, rows)
    if o.sorted:
        write_csv(o.sorted, sorted(recs, key=lambda x: (x['_arr'], x['id'])))
    if o.jsonl:
        rows = recs[:]
        r.shuffle(rows)
        with open(o.jsonl, 'w', encoding='utf-8', newline='') as f:
            for rec in rows:
                j = {k: rec[k] for k in HEADER}
                if j['conversation_id'] is None and r.random() < 0.5:
                    del j['conversation_id']            # a key left out
                if j['wait_s'] is not None and r.random() < 0.5:
                    j['wait_s'] = float(j['wait_s']) if '.' in j['wait_s'] else int(j['wait_s'])
                if j.get('conversation_id') and j['conversation_id'].isdigit() and r.random() < 0.5:
                    j['conversation_id'] = int(j['conversation_id'])   # a JSON number
                f.write(json.dumps(j, ensure_ascii=False, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main()
