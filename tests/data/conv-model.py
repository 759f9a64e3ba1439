#!/usr/bin/env python3
"""An independent model of 'ccreport --report conversations', for the tests.

Usage: conv-model.py [--reopen-window SECS] [--by COLS] [--interval SECS]
                     [--direction inbound|outbound|all] [--no-total] FILE...

Written from the definitions in ccreport(1), CONVERSATIONS, not from
ccreport's code: each conversation_id's records are sorted by arrival and
walked one by one (ccreport keeps merged spans instead).  Intervals are cut
in UTC and must divide a day.  Writes the report as CSV on stdout.
"""
import argparse
import csv
import datetime as dt
import fractions
import json
import sys

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
FIGS = ['conversations', 'records', 'without_id', 'reopened', 'reopens', 'reopen_rate',
        'answered', 'frt', 'frt_p50', 'frt_p90', 'frt_max', 'duration']


def csv_rows(data):
    """The rows of CSV text DATA (RFC 4180: quoted fields may hold commas,
    quotes doubled and line breaks): a quoted field is a string, an empty
    unquoted one None.  Blank lines are skipped."""
    rows, row, i, n = [], [], 0, len(data)
    while i < n:
        if data[i] == '"':
            j, text = i + 1, []
            while True:
                k = data.index('"', j)
                text.append(data[j:k])
                if data[k + 1:k + 2] == '"':
                    text.append('"')
                    j = k + 2
                else:
                    break
            row.append(''.join(text))
            i = k + 1
        else:
            j = i
            while j < n and data[j] not in ',\r\n':
                j += 1
            row.append(data[i:j] or None)
            i = j
        if i < n and data[i] == ',':
            i += 1
            if i < n:
                continue
            row.append(None)          # a comma at the very end
        while i < n and data[i] in '\r\n':
            i += 1
        if row != [None]:
            rows.append(row)
        row = []
    return rows


def records(path):
    """The records of PATH (CSV or JSON Lines) as dicts of text or None."""
    with open(path, encoding='utf-8', newline='') as f:
        data = f.read()
    if data.lstrip()[:1] == '{':
        for line in data.split('\n'):
            if line.strip():
                rec = json.loads(line, parse_float=str, parse_int=str)
                yield {k: (None if v is None else str(v)) for k, v in rec.items()}
    else:
        rows = csv_rows(data)
        for row in rows[1:]:
            yield dict(zip(rows[0], row))


def usec(s):
    """Microseconds since the epoch of RFC 3339 or epoch-seconds text S."""
    if all(c.isdigit() or c == '.' for c in s):
        return int(fractions.Fraction(s) * 1000000)
    t = dt.datetime.fromisoformat(s.replace('Z', '+00:00'))
    return (t - EPOCH) // dt.timedelta(microseconds=1)


def fixed2(num, den):
    if den == 0:
        return ''
    q = (fractions.Fraction(num, den) * 100 + fractions.Fraction(1, 2)).__floor__()
    return '%d.%02d' % (q // 100, q % 100)


def rowkey(key):
    """Row order of a tuple of --by values: null first, then bytes."""
    return [(v is not None, (v or '').encode()) for v in key]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reopen-window', type=fractions.Fraction, default=86400)
    ap.add_argument('--by', default='queue')
    ap.add_argument('--interval', type=int, default=0)
    ap.add_argument('--direction', default='inbound')
    ap.add_argument('--no-total', action='store_true')
    ap.add_argument('files', nargs='+')
    o = ap.parse_args()
    by = o.by.split(',') if o.by else []
    window = o.reopen_window * 1000000
    threads, convs = {}, []
    for path in o.files:
        for rec in records(path):
            g = lambda k: rec.get(k) if rec.get(k) != '' else None
            d = (g('direction') or 'inbound').lower()
            if o.direction != 'all' and d != o.direction:
                continue
            arr = usec(g('arrived_at'))
            ans = usec(g('answered_at')) if g('answered_at') else None
            end = usec(g('ended_at')) if g('ended_at') else None
            answered = ans is not None or (g('outcome') or '').lower() in (
                'answered', 'resolved', 'transferred')
            r = dict(arr=arr, ans=ans, end=end, answered=answered,
                     key=tuple(rec.get(k) for k in by),
                     last=max(x for x in (arr, ans, end) if x is not None))
            cid = g('conversation_id')
            if cid is None:
                convs.append(([r], 0, True))
            else:
                threads.setdefault(cid, []).append(r)
    for recs in threads.values():
        recs.sort(key=lambda r: (r['arr'], rowkey(r['key'])))
        cur, reopens, L, is_open = [recs[0]], 0, recs[0]['last'], recs[0]['end'] is None
        for r in recs[1:]:
            if r['arr'] > L + window:
                convs.append((cur, reopens, False))
                cur, reopens = [r], 0
            else:
                if r['arr'] > L and not is_open:
                    reopens += 1
                cur.append(r)
            if r['last'] > L:
                L, is_open = r['last'], r['end'] is None
            elif r['last'] == L:
                is_open = is_open or r['end'] is None
        convs.append((cur, reopens, False))

    groups = {}
    for recs, reopens, no_id in convs:
        first = recs[0]
        s = first['arr'] // 1000000
        ival = s - s % o.interval if o.interval else 0
        frt = None
        answers = [r['ans'] for r in recs if r['ans'] is not None]
        if answers:
            frt = min(answers) - first['arr']
        dur = max(r['last'] for r in recs) - first['arr']
        groups.setdefault((first['key'], ival), []).append(
            (len(recs), no_id, reopens, any(r['answered'] for r in recs), frt, dur))

    def figures(cs):
        n = len(cs)
        frts = [c[4] for c in cs if c[4] is not None]
        secs = sorted(-(-f // 1000000) for f in frts)
        pct = lambda p: str(secs[max(1, -(-p * len(secs) // 100)) - 1]) if secs else ''
        reopened = sum(1 for c in cs if c[2] > 0)
        return [str(n), str(sum(c[0] for c in cs)), str(sum(1 for c in cs if c[1])),
                str(reopened), str(sum(c[2] for c in cs)), fixed2(100 * reopened, n),
                str(sum(1 for c in cs if c[3])), fixed2(sum(frts), len(frts) * 1000000),
                pct(50), pct(90), str(secs[-1]) if secs else '',
                fixed2(sum(c[5] for c in cs), n * 1000000)]

    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(by + (['interval'] if o.interval else []) + FIGS)
    everything = [c for k in groups for c in groups[k]]
    grouped = bool(by) or bool(o.interval)
    if not grouped:
        w.writerow(figures(everything))
        return
    for key, ival in sorted(groups, key=lambda k: (rowkey(k[0]), k[1])):
        iv = [dt.datetime.fromtimestamp(ival, dt.timezone.utc).strftime(
            '%Y-%m-%dT%H:%M:%SZ')] if o.interval else []
        w.writerow([v if v is not None else '' for v in key] + iv + figures(groups[(key, ival)]))
    if not o.no_total:
        w.writerow(['TOTAL'] + [''] * (len(by) + (1 if o.interval else 0) - 1)
                   + figures(everything))


if __name__ == '__main__':
    main()
