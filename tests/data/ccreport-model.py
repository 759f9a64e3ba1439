#!/usr/bin/env python3
"""An independent model of ccreport, for the test suites.

It computes the report from the definitions (not from ccreport's code):
Python's csv and json modules read the records, datetime and zoneinfo cut
the intervals, and fractions.Fraction keeps every figure exact until it is
rounded half away from zero to two decimals.  Only good input is modelled:
bad records are the test's business.

Usage: ccreport-model.py [--by COLS] [-i DUR] [--tz ZONE] [--sl SECS]
       [--sl-base BASE] [--short-abandon SECS] [--buckets LIST]
       [--direction DIR] [--since T] [--until T] [--queue L] [--agent L]
       [--channel L] [--no-total] FILE...
Writes the report as CSV on standard output.
"""
import argparse
import csv
import datetime as dt
import io
import json
import math
import re
import sys
from fractions import Fraction
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
US = 1000000


def parse_time(s):
    """RFC 3339 or epoch seconds -> integer microseconds."""
    m = re.fullmatch(r'(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?'
                     r'(?:([Zz])|([+-])(\d\d):(\d\d))', s)
    if m:
        y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
        frac = m.group(7) or ''
        usec = int((frac + '000000')[:6])
        base = dt.datetime(y, mo, d, h, mi, tzinfo=UTC).timestamp()
        off = 0
        if m.group(9):
            off = (int(m.group(10)) * 3600 + int(m.group(11)) * 60) * (1 if m.group(9) == '+' else -1)
        return (int(base) + se - off) * US + usec
    m = re.fullmatch(r'(-?)(\d{1,12})(?:\.(\d{1,9}))?', s)
    if m:
        frac = m.group(3) or ''
        v = int(m.group(2)) * US + int((frac + '000000')[:6])
        return -v if m.group(1) else v
    raise ValueError('bad timestamp %r' % s)


def parse_secs(s):
    """A decimal number of seconds -> microseconds, rounded half up."""
    if not re.fullmatch(r'\d+(\.\d+)?', s):
        raise ValueError('bad seconds %r' % s)
    f = Fraction(s) * US
    return math.floor(f + Fraction(1, 2))


def ceil_s(us):
    return -((-us) // US)


def fixed2(num, den):
    """NUM/DEN with two decimals, half away from zero; '' for no denominator."""
    if den <= 0:
        return ''
    q = Fraction(num) / Fraction(den)
    neg = q < 0
    r = math.floor(abs(q) * 100 + Fraction(1, 2))
    s = '%d.%02d' % (r // 100, r % 100)
    return '-' + s if neg and r else s


def csv_cell(v):
    if v is None:
        return ''
    if v == '' or any(c in v for c in ',"\r\n') or v[0] in ' \t' or v[-1] in ' \t':
        return '"' + v.replace('"', '""') + '"'
    return v


def read_records(path):
    with open(path, 'rb') as fh:
        data = fh.read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    text = data.decode('utf-8')
    if text.lstrip(' \t\r\n').startswith('{'):
        for line in text.split('\n'):
            if line.strip(' \t\r') == '':
                continue
            obj = json.loads(line)
            rec = {}
            for k, v in obj.items():
                if v is None:
                    rec[k] = None
                elif isinstance(v, bool):
                    rec[k] = 'true' if v else 'false'
                elif isinstance(v, (int, float)):
                    rec[k] = json.dumps(v) if not isinstance(v, float) else repr(v)
                else:
                    rec[k] = v
            yield rec
        return
    # CSV: an unquoted empty field is null (the model cannot tell "" from
    # empty, so test data keeps quoted empty strings out of grouped columns).
    rows = csv.reader(io.StringIO(text, newline=''))
    header = None
    for row in rows:
        if row == []:
            continue
        if header is None:
            header = row
            continue
        yield {k: (v if v != '' else None) for k, v in zip(header, row)}


class Acc:
    def __init__(self):
        self.offered = self.answered = self.abandoned = 0
        self.timeout = self.overflow = self.other = 0
        self.waits = []          # answered waits, microseconds
        self.handles = []        # handle times of answered, microseconds
        self.ab_waits = []       # abandoned waits (when known), microseconds

    def add(self, o):
        for k in ('offered', 'answered', 'abandoned', 'timeout', 'overflow', 'other'):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.waits += o.waits
        self.handles += o.handles
        self.ab_waits += o.ab_waits


def figures(a, opt):
    out = [a.offered, a.answered, a.abandoned]
    short = None
    if opt.short_abandon is not None:
        short = sum(1 for w in a.ab_waits if ceil_s(w) <= opt.short_abandon)
        out.append(short)
    out += [a.timeout, a.overflow, a.other]
    out.append(fixed2(100 * a.abandoned, a.offered))
    out.append(fixed2(Fraction(sum(a.waits), US), a.answered) if a.answered else '')
    ceils = sorted(ceil_s(w) for w in a.waits)
    met = sum(1 for c in ceils if c <= opt.sl)
    base = {'offered': a.offered, 'answered': a.answered,
            'answered+abandoned': a.answered + a.abandoned,
            'offered-short': a.offered - (short or 0)}[opt.sl_base]
    out.append(fixed2(100 * met, base))
    n = len(ceils)
    for p in (50, 90, 95, 99):
        out.append(ceils[max(1, -(-p * n // 100)) - 1] if n else '')
    out.append(ceils[-1] if n else '')
    out.append(fixed2(Fraction(sum(a.handles), US), len(a.handles)) if a.handles else '')
    if opt.buckets:
        lo = 0
        for b in opt.buckets:
            out.append(sum(1 for c in ceils if lo <= c <= b))
            lo = b + 1
        out.append(sum(1 for c in ceils if c >= lo))
    return [str(x) for x in out]


def interval_start(t_us, opt):
    """(UTC seconds of the start, label) of the interval holding T_US."""
    tz = ZoneInfo(opt.tz) if opt.tz else UTC
    t = t_us // US
    local = dt.datetime.fromtimestamp(t, tz)
    w = opt.interval
    if w < 86400:
        sod = local.hour * 3600 + local.minute * 60 + local.second
        sod -= sod % w
        start = local.replace(hour=sod // 3600, minute=sod // 60 % 60, second=0)
        # Same pass of the clock as T (fold kept); check it really is.
        start = start.replace(fold=local.fold)
        st = int(start.timestamp())
        assert st <= t and dt.datetime.fromtimestamp(st, tz).utcoffset() == local.utcoffset()
    else:
        day = local.date()
        if w == 604800:
            day -= dt.timedelta(days=day.weekday())
        start = dt.datetime(day.year, day.month, day.day, tzinfo=tz)
        st = int(start.timestamp())
    lab = dt.datetime.fromtimestamp(st, tz)
    if opt.tz:
        off = int(lab.utcoffset().total_seconds())
        sign = '+' if off >= 0 else '-'
        label = lab.strftime('%Y-%m-%dT%H:%M:%S') + '%s%02d:%02d' % (sign, abs(off) // 3600, abs(off) // 60 % 60)
    else:
        label = lab.strftime('%Y-%m-%dT%H:%M:%SZ')
    return st, label


def when(s, opt):
    if re.fullmatch(r'\d{4}-\d\d-\d\d', s):
        tz = ZoneInfo(opt.tz) if opt.tz else UTC
        y, m, d = map(int, s.split('-'))
        return int(dt.datetime(y, m, d, tzinfo=tz).timestamp()) * US
    return parse_time(s)


def duration(s):
    """15m, 1h, 1d, 1w ... in seconds."""
    m = re.fullmatch(r'(\d+)([smhdw]?)', s)
    return int(m.group(1)) * {'': 1, 's': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800}[m.group(2)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--by', default='queue')
    ap.add_argument('-i', '--interval', type=duration, default=0)
    ap.add_argument('--tz')
    ap.add_argument('--sl', type=int, default=20)
    ap.add_argument('--sl-base', default='offered')
    ap.add_argument('--short-abandon', type=int)
    ap.add_argument('--buckets')
    ap.add_argument('--direction', default='inbound')
    ap.add_argument('--since')
    ap.add_argument('--until')
    ap.add_argument('--queue')
    ap.add_argument('--agent')
    ap.add_argument('--channel')
    ap.add_argument('--no-total', action='store_true')
    ap.add_argument('files', nargs='+')
    opt = ap.parse_args()
    opt.buckets = [int(x) for x in opt.buckets.split(',')] if opt.buckets else []
    by = [c for c in opt.by.split(',')] if opt.by else []
    since = when(opt.since, opt) if opt.since else None
    until = when(opt.until, opt) if opt.until else None
    queues = opt.queue.split(',') if opt.queue else None
    agents = opt.agent.split(',') if opt.agent else None
    channels = [c.lower() for c in opt.channel.split(',')] if opt.channel else None

    groups = {}
    labels = {}
    for path in opt.files:
        for r in read_records(path):
            def g(k):
                return r.get(k) if r.get(k) != '' else None
            d = (g('direction') or 'inbound').lower()
            assert d in ('inbound', 'outbound'), d
            if opt.direction != 'all' and d != opt.direction:
                continue
            arr = parse_time(g('arrived_at')) if g('arrived_at') else None
            if since is not None and arr < since:
                continue
            if until is not None and arr >= until:
                continue
            if queues is not None and r.get('queue') not in queues:
                continue
            if agents is not None and r.get('agent') not in agents:
                continue
            if channels is not None and (r.get('channel') or '\0').lower() not in channels:
                continue
            ans = parse_time(g('answered_at')) if g('answered_at') else None
            end = parse_time(g('ended_at')) if g('ended_at') else None
            outcome = (r.get('outcome') or '').lower()
            answered = ans is not None or outcome in ('answered', 'resolved', 'transferred')
            wait = parse_secs(g('wait_s')) if g('wait_s') else None
            if wait is None and arr is not None:
                to = ans if answered else end
                if to is not None:
                    wait = to - arr
                    assert wait >= 0
            handle = parse_secs(g('handle_s')) if g('handle_s') else None
            if handle is None and answered and ans is not None and end is not None:
                handle = end - ans
            key = tuple(r.get(c) if r.get(c) != '' else None for c in by)
            ival = 0
            if opt.interval:
                ival, labels[ival] = interval_start(arr, opt)
            a = groups.setdefault((key, ival), Acc())
            a.offered += 1
            if answered:
                assert wait is not None
                a.answered += 1
                a.waits.append(wait)
                if handle is not None:
                    a.handles.append(handle)
            elif outcome == 'abandoned':
                a.abandoned += 1
                if wait is not None:
                    a.ab_waits.append(wait)
            elif outcome == 'timeout':
                a.timeout += 1
            elif outcome == 'overflow':
                a.overflow += 1
            else:
                a.other += 1

    cols = list(by)
    if opt.interval:
        cols.append('interval')
    cols += ['offered', 'answered', 'abandoned']
    if opt.short_abandon is not None:
        cols.append('short_abandoned')
    cols += ['timeout', 'overflow', 'other', 'abandon_rate', 'asa', 'sl', 'wait_p50',
             'wait_p90', 'wait_p95', 'wait_p99', 'wait_max', 'aht']
    if opt.buckets:
        lo = 0
        for b in opt.buckets:
            cols.append('ans_%d_%d' % (lo, b))
            lo = b + 1
        cols.append('ans_%d_plus' % lo)
    sys.stdout.write(','.join(cols) + '\n')

    def sortkey(item):
        (key, ival), _ = item
        return ([(0, b'') if v is None else (1, v.encode()) for v in key], ival)

    grouped = bool(by) or bool(opt.interval)
    total = Acc()
    for (key, ival), a in sorted(groups.items(), key=sortkey):
        cells = [csv_cell(v) for v in key]
        if opt.interval:
            cells.append(labels[ival])
        sys.stdout.write(','.join(cells + figures(a, opt)) + '\n')
        total.add(a)
    if not grouped and not groups:
        sys.stdout.write(','.join(figures(total, opt)) + '\n')
    elif grouped and not opt.no_total:
        keys = len(by) + (1 if opt.interval else 0)
        cells = ['TOTAL'] + [''] * (keys - 1)
        sys.stdout.write(','.join(cells + figures(total, opt)) + '\n')


if __name__ == '__main__':
    main()
