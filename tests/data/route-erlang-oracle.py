#!/usr/bin/env python3
"""An independent model of 'ccroute erlang', for tests/ccroute-erlang.bats.

Written from the queueing formulas, not from ccroute's code, with the
standard library only:

  Erlang B    the recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1;
  Erlang C    C = n B / (n - A (1 - B)), ASA = C AHT / (n - A),
              SL(t) = 1 - C exp(-(n - A) t / AHT), Lq = lambda ASA;
  Erlang A    the stationary law of the birth-death chain (birth lambda,
              death min(k, n) mu + (k - n)+ theta) by plain ratios, rescaled
              to avoid overflow; P(wait) = P(k >= n); Lq = E[(k - n)+];
              P(abandon) = theta Lq / lambda (abandonment rate = theta Lq);
              occupancy = E[min(k, n)] / n.  The tagged caller who finds j
              callers waiting moves down a pure-death chain (i ahead ->
              i - 1 at n mu + i theta, from 0 served at n mu, own abandonment
              at theta).  P(served within t | j) comes from the uniformization
              of that chain (a Poisson mixture of its jump chain, summed to a
              tail below 1e-15), and the mean wait of served callers from the
              first-step recursion g(i) = s(i) / R(i) + p(i) g(i - 1), where
              s(i) = P(served | i), R(i) = n mu + (i + 1) theta and
              p(i) = (n mu + i theta) / R(i).
  staffing    the least n >= 1 (n > A for Erlang C) meeting every target, by
              a plain upward scan.

The service level is the share of ALL offered calls answered within t.

Usage:
  route-erlang-oracle.py figures [--sl T] [--model b|c|a] [--patience S] GRID.csv
      GRID.csv has columns calls, period_s, aht_s, patience_s (empty: none)
      and agents; writes CSV: erlangs, agents, p_wait, asa_s, sl, p_abandon,
      occupancy, mean_queue (asa_s and mean_queue empty for an overloaded
      Erlang C), or erlangs, agents, blocking, carried, occupancy for b;
      --patience is the patience of rows without patience_s.
  route-erlang-oracle.py staff [--sl T] [--patience S] [--target-sl P] [--max-abandon P]
      [--max-occupancy P] [--max-blocking P] [--model b|c|a] GRID.csv
      the same grid without agents; writes the least agents per row.
  route-erlang-oracle.py compare WANT.csv GOT.csv COLUMNS
      compares the named numeric columns of two CSV files: each GOT value
      must be WANT rounded to the decimals GOT shows (within one unit of the
      last decimal, for the rounding of the last digit); exits 1 on the first
      difference, naming the row and column.
"""
import argparse
import csv
import math
import sys


def erlang_b(n, a):
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c_figures(n, lam, aht, t):
    a = lam * aht
    if n == 0 or a >= n:
        if a == 0:
            return dict(p_wait=0.0, asa_s=0.0, sl=1.0, p_abandon=0.0,
                        occupancy=None if n == 0 else 0.0, mean_queue=0.0)
        return dict(p_wait=1.0, asa_s=None, sl=0.0, p_abandon=0.0,
                    occupancy=None if n == 0 else 1.0, mean_queue=None)
    b = erlang_b(n, a)
    c = n * b / (n - a * (1 - b))
    asa = c * aht / (n - a)
    return dict(p_wait=c, asa_s=asa, sl=1 - c * math.exp(-(n - a) * t / aht),
                p_abandon=0.0, occupancy=a / n, mean_queue=lam * asa)


def stationary(n, lam, mu, theta):
    """The stationary law of the Erlang A chain as a list, cut where the
    weights are below 1e-18 of their largest and falling."""
    w = [1.0]
    top = 1.0
    k = 0
    while True:
        k += 1
        death = k * mu if k <= n else n * mu + (k - n) * theta
        nxt = w[-1] * lam / death
        w.append(nxt)
        if nxt > top:
            top = nxt
        if top > 1e250:
            w = [x / top for x in w]
            top = 1.0
        if k > n and lam / death < 1 and nxt < 1e-18 * top:
            break
    z = sum(w)
    return [x / z for x in w]


def served_within(n, mu, theta, t, jmax):
    """P(served within t | j callers waiting ahead) for j = 0..jmax, by
    uniformization of the tagged caller's chain."""
    if t <= 0:
        return [0.0] * (jmax + 1)
    nmu = n * mu
    q = nmu + (jmax + 1) * theta
    qt = q * t
    # h[i]: P(in 'served' after k jumps of the uniformized jump chain | i
    # ahead at the start); h = 0 after no jump.  The share served by t is
    # sum_k P(N(t) = k) h_k, N(t) ~ Poisson(q t), summed far into the tail.
    go = [(nmu + i * theta) / q for i in range(jmax + 1)]
    stay = [1.0 - g - theta / q for g in go]
    h = [0.0] * (jmax + 1)
    acc = [0.0] * (jmax + 1)
    kmax = int(qt + 10 * math.sqrt(qt) + 25)
    for k in range(1, kmax + 1):
        down = [1.0] + h[:-1]
        h = [g * d + s * x for g, d, s, x in zip(go, down, stay, h)]
        pk = math.exp(-qt + k * math.log(qt) - math.lgamma(k + 1))
        acc = [a + pk * x for a, x in zip(acc, h)]
    return acc


def erlang_a_figures(n, lam, aht, patience, t):
    if lam == 0:
        return dict(p_wait=0.0, asa_s=0.0, sl=1.0, p_abandon=0.0,
                    occupancy=None if n == 0 else 0.0, mean_queue=0.0)
    if n == 0:
        return dict(p_wait=1.0, asa_s=None, sl=0.0, p_abandon=1.0,
                    occupancy=None, mean_queue=lam * patience)
    mu, theta = 1.0 / aht, 1.0 / patience
    pi = stationary(n, lam, mu, theta)
    jmax = len(pi) - 1 - n
    p_wait = sum(pi[n:])
    lq = sum((k - n) * pi[k] for k in range(n, len(pi)))
    busy = sum(min(k, n) * pi[k] for k in range(len(pi)))
    p_ab = theta * lq / lam
    nmu = n * mu
    # s(i), g(i) for i = 0..jmax
    s, g = [], []
    for i in range(jmax + 1):
        r = nmu + (i + 1) * theta
        p = (nmu + i * theta) / r
        if i == 0:
            s.append(nmu / r)
            g.append(s[0] / r)
        else:
            s.append(p * s[i - 1])
            g.append(s[i] / r + p * g[i - 1])
    p_ab2 = sum(pi[n + j] * (1 - s[j]) for j in range(jmax + 1))
    assert abs(p_ab - p_ab2) < 1e-9, (p_ab, p_ab2)
    served_wait = sum(pi[n + j] * g[j] for j in range(jmax + 1))
    asa = served_wait / (1 - p_ab)
    within = served_within(n, mu, theta, t, jmax)
    sl = (1 - p_wait) + sum(pi[n + j] * within[j] for j in range(jmax + 1))
    return dict(p_wait=p_wait, asa_s=asa, sl=sl, p_abandon=p_ab,
                occupancy=busy / n, mean_queue=lq)


def erlang_b_figures(n, a):
    if a == 0:
        return dict(blocking=0.0, carried=0.0, occupancy=None if n == 0 else 0.0)
    b = erlang_b(n, a)
    return dict(blocking=b, carried=a * (1 - b),
                occupancy=None if n == 0 else a * (1 - b) / n)


def row_inputs(r, args):
    calls = float(r['calls'])
    period = float(r.get('period_s') or 1800)
    aht = float(r['aht_s'])
    pat = r.get('patience_s') or args.patience
    return calls / period, aht, (float(pat) if pat else None)


def figures(model, n, lam, aht, patience, t):
    if model == 'b':
        return erlang_b_figures(n, lam * aht)
    if model == 'a' or (model is None and patience is not None):
        return erlang_a_figures(n, lam, aht, patience, t)
    return erlang_c_figures(n, lam, aht, t)


def fmt(v):
    return '' if v is None else repr(v)


def cmd_figures(args):
    cols = (['erlangs', 'agents', 'blocking', 'carried', 'occupancy'] if args.model == 'b'
            else ['erlangs', 'agents', 'p_wait', 'asa_s', 'sl', 'p_abandon',
                  'occupancy', 'mean_queue'])
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(cols)
    with open(args.grid, newline='') as f:
        for r in csv.DictReader(f):
            lam, aht, pat = row_inputs(r, args)
            n = int(r['agents'])
            d = figures(args.model, n, lam, aht, pat, args.sl)
            d['erlangs'] = lam * aht
            d['agents'] = n
            out.writerow([fmt(d[c]) for c in cols])


def meets(args, model, n, lam, aht, pat):
    a = lam * aht
    d = figures(model, n, lam, aht, pat, args.sl)
    if model != 'b' and not (model == 'a' or pat is not None) and a >= n:
        return False
    occ = d['occupancy']
    if args.max_occupancy is not None and occ is not None and occ > args.max_occupancy / 100:
        return False
    if model == 'b':
        lim = args.max_blocking if args.max_blocking is not None else (
            1 if args.max_occupancy is None else None)
        return lim is None or d['blocking'] <= lim / 100
    tsl = args.target_sl
    if tsl is None and args.max_abandon is None and args.max_occupancy is None:
        tsl = 80
    if tsl is not None and d['sl'] < tsl / 100:
        return False
    if args.max_abandon is not None and d['p_abandon'] > args.max_abandon / 100:
        return False
    return True


def cmd_staff(args):
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['agents'])
    with open(args.grid, newline='') as f:
        for r in csv.DictReader(f):
            lam, aht, pat = row_inputs(r, args)
            if lam == 0:
                out.writerow([0])
                continue
            n = 1
            while not meets(args, args.model, n, lam, aht, pat):
                n += 1
            out.writerow([n])


def cmd_compare(args):
    cols = args.columns.split(',')
    with open(args.want, newline='') as f:
        want = list(csv.DictReader(f))
    with open(args.got, newline='') as f:
        got = list(csv.DictReader(f))
    if len(want) != len(got):
        print(f'{len(want)} rows wanted, {len(got)} got')
        sys.exit(1)
    for i, (w, g) in enumerate(zip(want, got), 1):
        for c in cols:
            wv, gv = w[c], g[c]
            if wv == '' or gv == '':
                if wv != gv:
                    print(f'row {i} {c}: want {wv!r} got {gv!r}')
                    sys.exit(1)
                continue
            dec = len(gv.split('.')[1]) if '.' in gv else 0
            unit = 10.0 ** -dec
            if abs(float(gv) - float(wv)) > unit * 0.5 + 1e-9 * max(1.0, abs(float(wv))):
                print(f'row {i} {c}: want {wv} (to {dec} decimals) got {gv}')
                sys.exit(1)
    print(f'{len(want)} rows agree')


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    for name in ('figures', 'staff'):
        s = sub.add_parser(name)
        s.add_argument('--sl', type=float, default=20.0)
        s.add_argument('--model', choices=['b', 'c', 'a'])
        s.add_argument('--patience', type=float, help='patience of rows without one')
        s.add_argument('grid')
        if name == 'staff':
            s.add_argument('--target-sl', type=float)
            s.add_argument('--max-abandon', type=float)
            s.add_argument('--max-occupancy', type=float)
            s.add_argument('--max-blocking', type=float)
    s = sub.add_parser('compare')
    s.add_argument('want')
    s.add_argument('got')
    s.add_argument('columns')
    args = p.parse_args()
    {'figures': cmd_figures, 'staff': cmd_staff, 'compare': cmd_compare}[args.cmd](args)


if __name__ == '__main__':
    main()
