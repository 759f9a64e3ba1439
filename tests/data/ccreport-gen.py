#!/usr/bin/env python3
"""Generate interaction records for the ccreport test suites, deterministically.

Usage: ccreport-gen.py --seed N (--rows N | --bytes N) [--start RFC3339] [--days N]
                       [--notes] [--bad EVERY] --csv FILE [--clean FILE]
                       [--rejects FILE] [--jsonl FILE] [--starts FILE]

--csv      the records as CSV (a notes column when --notes)
--notes    about half the records get a quoted multi-line note holding commas
           and "" escapes
--bad K    about one record in K is replaced by a bad one; then
--clean    the same CSV without the bad records, and
--rejects  what ccreport --reject=FILE must write for --csv (line numbers
           counted here, from the bytes written)
--jsonl    the good records as JSON Lines (numbers, strings, nulls, missing keys)
--starts   the byte offset of every record start in --csv, one a line
"""
import argparse
import datetime as dt
import json
import random

UTC = dt.timezone.utc
HEADER = ['id', 'channel', 'direction', 'queue', 'agent', 'outcome', 'arrived_at',
          'answered_at', 'ended_at', 'wait_s', 'handle_s']


def ts(r, t_us):
    """Write instant T_US (microseconds) in one of several accepted forms."""
    sec, us = divmod(t_us, 1000000)
    d = dt.datetime.fromtimestamp(sec, UTC)
    k = r.random()
    frac = '' if us == 0 else '.%06d' % us
    if frac and r.random() < 0.5:
        frac = frac.rstrip('0')
    if k < 0.75:
        return d.strftime('%Y-%m-%dT%H:%M:%S') + frac + 'Z'
    if k < 0.9:
        off = r.choice([2, -5, 5.5])
        o = dt.timezone(dt.timedelta(hours=off))
        s = d.astimezone(o).strftime('%Y-%m-%dT%H:%M:%S%z')
        return s[:-5] + frac + s[-5:-2] + ':' + s[-2:]
    return str(sec) + frac


def secs(r, v_us):
    """A duration in microseconds as a decimal string."""
    s, us = divmod(v_us, 1000000)
    if us == 0:
        return str(s) if r.random() < 0.8 else '%d.0' % s
    return ('%d.%06d' % (s, us)).rstrip('0')


def wait_us(r):
    k = r.random()
    if k < 0.01:                    # over a day: the sparse part of a histogram
        return r.randint(86390, 200000) * 1000000 + r.choice([0, 500000])
    if k < 0.5:
        return r.randint(0, 60) * 1000000
    if k < 0.8:
        return r.randint(0, 240) * 1000000 + r.choice([0, 250000, 500000, 1, 999999])
    return r.randint(0, 900) * 1000000 + r.randint(0, 999999)


def record(r, i, t0, span):
    """One good record: a dict of HEADER fields ('' for empty)."""
    rec = dict.fromkeys(HEADER, '')
    rec['id'] = 'r%06d' % i
    rec['channel'] = r.choice(['voice', 'voice', 'Voice', 'chat', 'CHAT', 'email', 'sms'])
    rec['direction'] = r.choices(['inbound', '', 'outbound', 'Inbound'], [70, 15, 10, 5])[0]
    rec['queue'] = r.choice(['sales', 'support', 'billing', 'tech, level 2', 'vip "gold"'])
    rec['agent'] = r.choice(['a%02d' % k for k in range(1, 9)] + [''])
    outcome = r.choices(['answered', 'resolved', 'transferred', 'abandoned', 'timeout',
                         'overflow', 'voicemail', '', 'Abandoned'],
                        [50, 5, 5, 20, 5, 5, 4, 2, 4])[0]
    rec['outcome'] = outcome
    arr = t0 + r.randint(0, span - 1) * 1000000 + r.choice([0, 0, 0, 500000])
    rec['arrived_at'] = ts(r, arr)
    w = wait_us(r)
    if outcome in ('answered', 'resolved', 'transferred'):
        h = r.randint(5, 1800) * 1000000 + r.choice([0, 0, 250000])
        mode = r.random()
        if mode < 0.45:                       # timestamps only
            rec['answered_at'] = ts(r, arr + w)
            rec['ended_at'] = ts(r, arr + w + h)
        elif mode < 0.8:                      # wait_s and handle_s
            rec['wait_s'] = secs(r, w)
            rec['handle_s'] = secs(r, h)
            if r.random() < 0.5:
                rec['answered_at'] = ts(r, arr + w)
        elif mode < 0.9:                      # wait_s, no handle time at all
            rec['wait_s'] = secs(r, w)
        else:                                 # answered_at, no ended_at: no handle
            rec['answered_at'] = ts(r, arr + w)
    elif r.random() < 0.05:
        # answered_at makes it answered whatever the outcome says
        rec['answered_at'] = ts(r, arr + w)
        rec['wait_s'] = secs(r, w)
    else:
        mode = r.random()
        if mode < 0.5:
            rec['ended_at'] = ts(r, arr + w)
        elif mode < 0.85:
            rec['wait_s'] = secs(r, w)
        # else: no wait known
    return rec


def note_pool(r):
    """Notes to pick from: one to six lines holding commas, quotes and UTF-8."""
    words = ['call', 'back', 'refund', 'a, b', 'said "hi"', 'line', 'ok', 'ümlaut', '€']
    pool = []
    for _ in range(400):
        lines = []
        for _ in range(r.randint(1, 6)):
            ws = [r.choice(words) for _ in range(r.randint(1, 14))]
            ws.append('x' * r.randint(0, 240))
            lines.append(' '.join(ws))
        pool.append('\n'.join(lines))
    return pool


def cell(v):
    if v == '':
        return ''
    if ',' in v or '"' in v or '\n' in v or '\r' in v:
        return '"' + v.replace('"', '""') + '"'
    return v


def bad_record(r, rec, kind, ncols):
    """Make REC bad: returns its fields, ccreport's reason and the column (or None)."""
    f = [cell(rec[k]) for k in HEADER]
    if kind == 0:
        f[9] = 'x1'
        return f, "bad number of seconds in wait_s: 'x1'", None
    if kind == 1:
        f[2] = 'sideways'
        return f, "bad direction: 'sideways' (inbound or outbound)", None
    if kind == 2:
        f = f[:-1]
        return f, 'expected %d fields, found %d' % (ncols, ncols - 1), None
    if kind == 3:
        f[6] = '2026-02-30T10:00:00Z'
        return f, "bad timestamp in arrived_at: '2026-02-30T10:00:00Z'", None
    # kind 4: a quote inside an unquoted field; the column is that of the quote
    f[4] = 'ag"ent'
    col = len(','.join(f[:4])) + 1 + 3
    return f, ('bad quoting (a quote inside an unquoted field, or text after a '
               'closing quote)'), col


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--rows', type=int)
    ap.add_argument('--bytes', type=int)
    ap.add_argument('--start', default='2026-03-27T00:00:00Z')
    ap.add_argument('--days', type=int, default=5)
    ap.add_argument('--notes', action='store_true')
    ap.add_argument('--bad', type=int)
    ap.add_argument('--csv', required=True)
    ap.add_argument('--clean')
    ap.add_argument('--rejects')
    ap.add_argument('--jsonl')
    ap.add_argument('--starts')
    o = ap.parse_args()
    r = random.Random(o.seed)
    t0 = int(dt.datetime.fromisoformat(o.start.replace('Z', '+00:00')).timestamp()) * 1000000
    span = o.days * 86400
    header = HEADER + (['notes'] if o.notes else [])
    ncols = len(header)
    notes = note_pool(r) if o.notes else None

    out = open(o.csv, 'w', encoding='utf-8', newline='')
    clean = open(o.clean, 'w', encoding='utf-8', newline='') if o.clean else None
    rej = open(o.rejects, 'w', encoding='utf-8', newline='') if o.rejects else None
    js = open(o.jsonl, 'w', encoding='utf-8', newline='') if o.jsonl else None
    starts = open(o.starts, 'w') if o.starts else None
    head = ','.join(header) + '\n'
    out.write(head)
    if clean:
        clean.write(head)
    line = 2          # the line the next record starts on
    size = len(head.encode())
    i = 0
    while (o.rows is not None and i < o.rows) or (o.bytes is not None and size < o.bytes):
        i += 1
        rec = record(r, i, t0, span)
        nt = r.choice(notes) if o.notes and r.random() < 0.5 else ''
        is_bad = o.bad and r.randrange(o.bad) == 0
        if is_bad:
            kind = r.randrange(5)
            f, why, col = bad_record(r, rec, kind, ncols)
            if o.notes:
                if kind == 4:
                    nt = ''           # keep the bad-quoting record on one line
                f.append(cell(nt))
            text = ','.join(f)
            if rej:
                rej.write('# %s:%d%s: %s\n%s\n' % (o.csv, line, ':%d' % col if col else '', why, text))
        else:
            f = [cell(rec[k]) for k in HEADER] + ([cell(nt)] if o.notes else [])
            text = ','.join(f)
            if clean:
                clean.write(text + '\n')
            if js:
                obj = {}
                for k in HEADER:
                    v = rec[k]
                    roll = r.random()
                    if v == '':
                        if roll < 0.4:
                            continue           # key left out
                        obj[k] = None if roll < 0.8 else ''
                        if obj[k] == '' and k in ('queue', 'agent', 'outcome', 'channel'):
                            obj[k] = None      # the model treats '' as null
                    elif (k in ('wait_s', 'handle_s') and roll < 0.5
                          and 'e' not in json.dumps(json.loads(v))):
                        obj[k] = json.loads(v)  # as a JSON number
                    else:
                        obj[k] = v
                if nt:
                    obj['notes'] = nt
                js.write(json.dumps(obj, ensure_ascii=r.random() < 0.5) + '\n')
        if starts:
            starts.write('%d\n' % size)
        data = (text + '\n').encode()
        out.write(text + '\n')
        size += len(data)
        line += text.count('\n') + 1
    for fh in (out, clean, rej, js, starts):
        if fh:
            fh.close()


if __name__ == '__main__':
    main()
