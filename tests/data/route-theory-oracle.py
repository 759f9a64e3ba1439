#!/usr/bin/env python3
"""Queueing theory as the oracle of the ccroute simulator, for
tests/ccroute-theory.bats.  Standard library only; written from the
formulas, not from ccroute's code.

Notation: lambda arrival rate, mu = 1/AHT, A = lambda/mu, n agents,
theta = 1/mean patience, t the service-level threshold.

  Erlang B   B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)).
  Erlang C   C = n B / (n - A (1 - B)) = P(wait); mean wait (every call is
             answered, so ASA = mean wait of all) C / (n mu - lambda);
             SL(t) = 1 - C exp(-(n mu - lambda) t); Lq = C A / (n - A);
             occupancy A / n.
  Erlang A   (M/M/n+M) the stationary law pi_k of the birth-death chain
             (birth lambda, death min(k, n) mu + (k - n)+ theta), in log
             space and cut where the tail is below e^-60 of the mode.  By
             PASTA an arrival sees pi.  One that finds j >= 0 callers waiting
             has the offered wait V = sum_{i=0..j} Exp(n mu + i theta) (the
             i callers ahead leave by service or abandonment), and is served
             iff V < its own patience Exp(theta); with a = n mu / theta,
             e^{-theta V} ~ Beta(a, j + 1), so
               P(served | j)          = a / (a + j + 1)
               E[time in queue | j]   = (j + 1) / (n mu + (j + 1) theta)
               E[V; served | j]       = P(served | j) sum_{i=1..j+1} 1/(n mu + i theta)
               P(served within t | j) = P(served | j) (1 - I_x(a + 1, j + 1)),
                                        x = e^{-theta t}
             where I_x(a, b) for integer b is the negative-binomial sum
             x^a sum_{k<b} Gamma(a+k) / (Gamma(a) k!) (1-x)^k.  Then
             P(wait) = P(k >= n), P(abandon) = sum pi_{n+j} (1 - P(served | j)),
             SL = share of ALL arrivals answered within t, ASA = mean wait of
             the answered (zero waits included), mean wait of all,
             Lq = E[(k - n)+], occupancy = lambda (1 - P(abandon)) / (n mu).

Commands:
  theory --agents N --rate L --aht S [--patience P|none] [--sl T]
         [--loss none|abandon|timeout]
      prints name=value lines: p_wait p_abandon asa_s mean_wait_s sl
      occupancy mean_queue blocking (blocking = Erlang B).  Without
      --patience (or with none) Erlang C, whose load must be below 1; with
      --loss abandon|timeout the loss system M/M/n/n (P(wait) = B).
  compare [--k K] [--sl T] CASES
      CASES has one run a line: SUMMARY N RATE AHT PATIENCE [LOSS [SL]]
      (SUMMARY a ccroute --summary --batches CSV file, PATIENCE a mean or
      none, LOSS none|abandon|timeout, SL the threshold, default --sl or
      20).  Each TOTAL row is checked against the theory: p_wait,
      p_abandon, asa_s, mean_wait_s and sl within K ci + floor (K default 4;
      floor 0.002 for probabilities, 0.002 AHT for seconds); occupancy
      within 2 % relative; mean_queue within K lambda mean_wait_s_ci + 1 %
      + 0.002; Little's law (mean_queue against lambda mean_wait_s) within
      2 % + 0.002; for LOSS timeout also timeout / offered against B.
      Prints one line per figure ("ok" or "OUT") and a count; exits 1 if
      any figure is out.
  little --rate L
      reads a summary on stdin: mean_queue against lambda mean_wait_s
      (Little's law) within 2 % relative + 0.002; exits 1 if not.
  batches --warmup W --batches K [--sl T] [--start TIME] --summary FILE
      reads the records of the same run (CSV, in output order) on stdin and
      redoes the summary's batch means: the interactions that arrived at or
      after TIME + W (TIME default 2000-01-01T00:00:00Z), in order, in
      blocks of 16; when 2K blocks are full they are merged in pairs (the
      block size doubles); the partial last block joins the last full one;
      95 % half-widths with Student's t (its quantile by bisection of the t
      distribution function).  Checks them against FILE's TOTAL row (counts
      exactly, figures to the decimals printed); exits 1 on a difference.
  coverage --agents N --rate L --aht S [--patience P] [--sl T]
           [--min-within M] SUMMARY...
      runs of several seeds: per figure, the theory must lie within the CI
      in at least M runs (default 8), within twice the CI in all, and the
      mean CI / 2 must be between half and twice the standard deviation of
      the point estimates; exits 1 if not.
  selftest
      checks this oracle against published values, identities and a direct
      numerical integration; exits 1 on a mismatch.
"""
import argparse
import csv
import math
import sys
from datetime import datetime, timezone


# ---------------------------------------------------------------- formulas

def erlang_b(n, a):
    """Blocking probability of M/M/n/n with A = a Erlangs."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(n, lam, aht, t):
    """Erlang C figures (dict); the load lam * aht / n must be below 1."""
    mu = 1.0 / aht
    a = lam * aht
    if a >= n:
        raise ValueError("Erlang C needs a load below 1")
    b = erlang_b(n, a)
    c = n * b / (n - a * (1.0 - b))
    gap = n * mu - lam
    w = c / gap
    return {
        "p_wait": c,
        "p_abandon": 0.0,
        "asa_s": w,
        "mean_wait_s": w,
        "sl": 1.0 - c * math.exp(-gap * t),
        "occupancy": a / n,
        "mean_queue": c * a / (n - a),
        "blocking": b,
    }


def stationary(n, lam, mu, th):
    """The stationary law of the M/M/n+M chain as a list of probabilities
    (index = callers in the system), cut where negligible."""
    lp = [0.0]
    la = math.log(lam)
    for k in range(1, n + 1):
        lp.append(lp[-1] + la - math.log(k * mu))
    j = 0
    top = max(lp)
    while True:
        j += 1
        death = n * mu + j * th
        lp.append(lp[-1] + la - math.log(death))
        top = max(top, lp[-1])
        if death > lam and lp[-1] < top - 60.0:
            break
    z = math.fsum(math.exp(v - top) for v in lp)
    return [math.exp(v - top) / z for v in lp]


def nb_terms(a, m, tt):
    """The negative-binomial probabilities Gamma(a+k)/(Gamma(a) k!) x^a
    (1-x)^k for k = 0..m-1, x = e^-tt (so that their partial sums are
    I_x(a, k+1))."""
    if tt <= 0.0:
        return [1.0] + [0.0] * (m - 1)
    lx = -tt
    l1x = math.log(-math.expm1(-tt))
    ga = math.lgamma(a)
    return [math.exp(a * lx + math.lgamma(a + k) - ga - math.lgamma(k + 1) + k * l1x)
            for k in range(m)]


def erlang_a(n, lam, aht, patience, t):
    """Erlang A (M/M/n+M) figures (dict)."""
    mu = 1.0 / aht
    th = 1.0 / patience
    pi = stationary(n, lam, mu, th)
    q = pi[n:]                      # q[j]: an arrival finds j waiting
    m = len(q)
    nm = n * mu
    a = nm / th
    terms = nb_terms(a + 1.0, m, th * t)
    p_wait = math.fsum(q)
    ab = []
    wall = []
    wserved = []
    within = []
    inv = 0.0                       # sum_{i=1..j+1} 1 / (n mu + i theta)
    cum = 0.0                       # I_x(a + 1, j + 1)
    for j in range(m):
        ps = a / (a + j + 1.0)
        inv += 1.0 / (nm + (j + 1) * th)
        cum += terms[j]
        ab.append(q[j] * (1.0 - ps))
        wall.append(q[j] * (j + 1.0) / (nm + (j + 1) * th))
        wserved.append(q[j] * ps * inv)
        within.append(q[j] * ps * max(0.0, 1.0 - cum))
    p_ab = math.fsum(ab)
    return {
        "p_wait": p_wait,
        "p_abandon": p_ab,
        "asa_s": math.fsum(wserved) / (1.0 - p_ab),
        "mean_wait_s": math.fsum(wall),
        "sl": (1.0 - p_wait) + math.fsum(within),
        "occupancy": lam * (1.0 - p_ab) / nm,
        "mean_queue": math.fsum(j * q[j] for j in range(m)),
        "blocking": erlang_b(n, lam * aht),
    }


def theory(n, lam, aht, patience, t):
    """Erlang A when PATIENCE is a number, else Erlang C."""
    if patience is None:
        return erlang_c(n, lam, aht, t)
    return erlang_a(n, lam, aht, patience, t)


# ---------------------------------------------------------------- Student t

def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b) by its continued fraction
    (modified Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - betainc(b, a, 1.0 - x)
    lbt = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
           + a * math.log(x) + b * math.log1p(-x))
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    f = d
    for m in range(1, 400):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            f *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return math.exp(lbt) * f / a


def t_cdf(x, df):
    """Student's t distribution function."""
    p = 0.5 * betainc(df / 2.0, 0.5, df / (df + x * x))
    return 1.0 - p if x > 0 else p


def t975(df):
    """The 97.5 % quantile of Student's t, by bisection."""
    lo, hi = 0.0, 100.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < 0.975:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


# ---------------------------------------------------------------- commands

def parse_time(s):
    """RFC 3339 or epoch seconds to epoch seconds (float)."""
    if s[:1].isdigit() and "T" not in s:
        return float(s)
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    return datetime.fromisoformat(s).astimezone(timezone.utc).timestamp()


def read_total(f):
    """The TOTAL row of the summary CSV in open file F (a dict of strings)."""
    for row in csv.DictReader(line for line in f if not line.startswith("#")):
        if row["queue"] == "TOTAL":
            return row
    sys.exit("oracle: no TOTAL row in the summary")


def cmd_theory(o):
    if o.loss != "none":
        th = loss_theory(o.agents, o.rate, o.aht)
    else:
        th = theory(o.agents, o.rate, o.aht, o.patience, o.sl)
    for k in ("p_wait", "p_abandon", "asa_s", "mean_wait_s", "sl", "occupancy",
              "mean_queue", "blocking"):
        print("%s=%.9g" % (k, th[k]))


def loss_theory(n, lam, aht):
    """The figures of a loss system (M/M/n/n): whoever finds every agent
    busy leaves at once (patience 0), so P(wait) = P(abandon) = B."""
    b = erlang_b(n, lam * aht)
    return {"p_wait": b, "p_abandon": b, "asa_s": 0.0, "mean_wait_s": 0.0,
            "sl": 1.0 - b, "occupancy": lam * aht * (1.0 - b) / n,
            "mean_queue": 0.0, "blocking": b}


def check(bad, desc, name, sim, want, tol, ci=None):
    """Print one comparison; returns BAD plus one if it is out."""
    ok = abs(sim - want) <= tol
    print("%-4s %s %-11s sim %.6f theory %.6f diff %+.6f tol %.6f%s"
          % ("ok" if ok else "OUT", desc, name, sim, want, sim - want, tol,
             "" if ci is None else " (ci %.6f)" % ci))
    return bad + (not ok)


def compare_one(row, n, lam, aht, patience, loss, t, k):
    """Check the TOTAL row ROW of a run of n agents, arrival rate lam, mean
    handling AHT, mean patience PATIENCE (None: none) and loss kind LOSS
    (none, abandon: patience 0, timeout: a 1 us timeout) against the theory;
    prints a line per figure and returns the number out of tolerance."""
    if loss != "none":
        th = loss_theory(n, lam, aht)
        if loss == "timeout":
            th["p_abandon"] = 0.0
    else:
        th = theory(n, lam, aht, patience, t)
    bad = 0
    desc = "n=%d lambda=%g aht=%g patience=%s loss=%s load=%.3f" % (
        n, lam, aht, "none" if patience is None else "%g" % patience, loss, lam * aht / n)
    # Probabilities: a floor of 0.002 (rare-wait cases, large n at low load,
    # see no waiting at all in some batches and get a zero CI); seconds: a
    # floor of 0.002 AHT.
    floors = {"p_wait": 0.002, "p_abandon": 0.002, "sl": 0.002,
              "asa_s": 0.002 * aht, "mean_wait_s": 0.002 * aht}
    for name, fl in floors.items():
        sim, ci = float(row[name]), float(row[name + "_ci"] or 0)
        bad = check(bad, desc, name, sim, th[name], k * ci + fl, ci)
    if loss == "timeout":
        # the blocked leave by a timeout, not by abandoning
        sim = int(row["timeout"]) / int(row["offered"])
        bad = check(bad, desc, "timeout", sim, th["blocking"],
                    k * float(row["p_wait_ci"] or 0) + 0.002)
    # Occupancy has no CI.  Its relative standard error is about
    # sqrt(2 / calls) (the work is a sum of exponential handling times),
    # <= 0.32 % for the 2 * 10^5 calls or more of the grid; and the agents'
    # capacity time runs on until the last interaction ends, lowering it by
    # the share of the drain (about AHT ln n) in the run, <= 1 % when the
    # run lasts 2000 AHT / max(1, load) or more.  2 % relative covers both.
    bad = check(bad, desc, "occupancy", float(row["occupancy"]), th["occupancy"],
                0.02 * th["occupancy"])
    # mean_queue = lambda mean_wait_s (Little), so it inherits the wait's CI
    # scaled by lambda; 1 % relative for the edges (the drain), 0.002
    # absolute.
    bad = check(bad, desc, "mean_queue", float(row["mean_queue"]), th["mean_queue"],
                k * lam * float(row["mean_wait_s_ci"] or 0)
                + 0.01 * th["mean_queue"] + 0.002)
    # Little's law on the simulation alone: mean_queue against lambda
    # mean_wait_s (both from the run).  The time average and the arrival
    # average cover the same interactions but for the edges (callers waiting
    # across the warm-up cut, the drain) and the run's own arrival rate
    # differs from lambda by about 1 / sqrt(calls) (0.2 % at 2 * 10^5):
    # 2 % relative + 0.002.
    lq, w = float(row["mean_queue"]), float(row["mean_wait_s"])
    bad = check(bad, desc, "little", lq, lam * w, 0.02 * lq + 0.002)
    return bad


def cmd_compare(o):
    bad = 0
    cases = 0
    with open(o.cases) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            path, n, lam, aht, pat = w[0], int(w[1]), float(w[2]), float(w[3]), w[4]
            loss = w[5] if len(w) > 5 else "none"
            t = float(w[6]) if len(w) > 6 else o.sl
            with open(path) as s:
                row = read_total(s)
            bad += compare_one(row, n, lam, aht, None if pat == "none" else float(pat),
                               loss, t, o.k)
            cases += 1
    print("%d case(s), %d figure(s) out of tolerance" % (cases, bad))
    return 1 if bad or not cases else 0


def cmd_little(o):
    row = read_total(sys.stdin)
    lq, w = float(row["mean_queue"]), float(row["mean_wait_s"])
    tol = 0.02 * lq + 0.002
    ok = abs(lq - o.rate * w) <= tol
    print("%s mean_queue %.4f lambda*mean_wait_s %.4f tol %.4f"
          % ("ok" if ok else "OUT", lq, o.rate * w, tol))
    return 0 if ok else 1


def fig_values(f):
    """The five batch figures of a block [offered, queued, abandoned,
    answered, within, wait_answered, wait_all]."""
    off, qd, ab, ans, win, wans, wall = f
    nan = float("nan")
    return [qd / off if off else nan, ab / off if off else nan,
            wans / ans if ans else nan, wall / off if off else nan,
            win / off if off else nan]


def cmd_batches(o):
    cut = parse_time(o.start) + o.warmup
    size = 16
    blocks = []
    zero = [0, 0, 0, 0, 0, 0.0, 0.0]
    cur = list(zero)
    tot = list(zero)
    for r in csv.DictReader(sys.stdin):
        if parse_time(r["arrived_at"]) < cut:
            continue
        w = float(r["wait_s"])
        answered = r["answered_at"] != ""
        add = [1, 1 if w > 0 else 0, 1 if r["outcome"] == "abandoned" else 0,
               1 if answered else 0, 1 if answered and w <= o.sl + 1e-9 else 0,
               w if answered else 0.0, w]
        tot = [x + y for x, y in zip(tot, add)]
        cur = [x + y for x, y in zip(cur, add)]
        if cur[0] >= size:
            blocks.append(cur)
            cur = list(zero)
            if len(blocks) >= 2 * o.batches:
                blocks = [[x + y for x, y in zip(blocks[2 * i], blocks[2 * i + 1])]
                          for i in range(len(blocks) // 2)]
                size *= 2
    if blocks and cur[0]:
        blocks[-1] = [x + y for x, y in zip(blocks[-1], cur)]
    names = ["p_wait", "p_abandon", "asa_s", "mean_wait_s", "sl"]
    point = fig_values(tot)
    half = []
    for k in range(5):
        v = [fig_values(b)[k] for b in blocks]
        v = [x for x in v if not math.isnan(x)]
        if len(v) < 2:
            half.append(float("nan"))
            continue
        mean = math.fsum(v) / len(v)
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in v) / (len(v) - 1))
        half.append(t975(len(v) - 1) * sd / math.sqrt(len(v)))
    print("%d interactions after the warm-up in %d batches of %d or more"
          % (tot[0], len(blocks), size))
    with open(o.summary) as f:
        row = read_total(f)
    bad = 0
    if not o.batches <= len(blocks) < 2 * o.batches:
        print("OUT number of batches %d not in [%d, %d)" % (len(blocks), o.batches, 2 * o.batches))
        bad += 1
    for name, want in (("offered", tot[0]), ("answered", tot[3]), ("abandoned", tot[2])):
        ok = int(row[name]) == want
        bad += not ok
        print("%-4s %-14s summary %s records %d" % ("ok" if ok else "OUT", name, row[name], want))
    # The summary prints probabilities with 6 decimals, seconds with 3:
    # half a unit of the last decimal, plus the records' microsecond
    # rounding of each wait for the means of seconds.  The half-widths: the
    # same, plus 0.05 % for the summary's series approximation of t.
    for k, name in enumerate(names):
        unit = 0.5e-3 + 1e-6 if name.endswith("_s") else 0.5e-6 + 1e-12
        for label, mine, rel in ((name, point[k], 0.0), (name + "_ci", half[k], 5e-4)):
            got = float(row[label])
            ok = abs(got - mine) <= unit + rel * abs(mine)
            bad += not ok
            print("%-4s %-14s summary %s records %.9f"
                  % ("ok" if ok else "OUT", label, row[label], mine))
    return 1 if bad else 0


def cmd_coverage(o):
    th = theory(o.agents, o.rate, o.aht, o.patience, o.sl)
    rows = []
    for path in o.summaries:
        with open(path) as f:
            rows.append(read_total(f))
    m = len(rows)
    bad = 0
    for name in ("p_wait", "p_abandon", "asa_s", "mean_wait_s", "sl"):
        v = [float(r[name]) for r in rows]
        ci = [float(r[name + "_ci"]) for r in rows]
        if th[name] == 0.0:
            continue
        in1 = sum(abs(x - th[name]) <= c for x, c in zip(v, ci))
        in2 = sum(abs(x - th[name]) <= 2 * c for x, c in zip(v, ci))
        mean = math.fsum(v) / m
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in v) / (m - 1))
        ratio = (math.fsum(ci) / m / 2.0) / sd if sd > 0 else float("inf")
        ok = in1 >= o.min_within and in2 == m and 0.5 <= ratio <= 2.0
        bad += not ok
        print("%-4s %-11s theory %.6f: %d of %d runs within the CI, %d within 2 CI; "
              "mean CI / 2 / sd across runs = %.3f"
              % ("ok" if ok else "OUT", name, th[name], in1, m, in2, ratio))
    return 1 if bad else 0


def near(got, want, rel, what):
    """Print and return whether GOT is within REL (relative) of WANT."""
    ok = abs(got - want) <= rel * abs(want)
    print("%s %s: %.6g (want %.6g)" % ("ok" if ok else "BAD", what, got, want))
    return ok


def cmd_selftest(o):
    ok = True
    # Erlang B: erlang.com's manual, 15 lines carry 8.108 E at 1 % blocking;
    # B(17, 10) = 0.01295 (routing notes).
    ok &= near(erlang_b(15, 8.108), 0.0100, 0.005, "erlang b 15 lines 8.108 E")
    ok &= near(erlang_b(17, 10.0), 0.01295, 0.001, "erlang b 17 lines 10 E")
    # Erlang C: Call Centre Helper's inputs (100 calls / 30 min, AHT 180 s,
    # 80/20), pyworkforce's outputs for 14 agents.
    lam = 100 / 1800.0
    c = erlang_c(14, lam, 180.0, 20.0)
    ok &= near(c["sl"], 0.8884, 0.0001, "erlang c 14 agents sl")
    ok &= near(c["p_wait"], 0.1741, 0.0005, "erlang c 14 agents p_wait")
    ok &= near(c["occupancy"], 0.7143, 0.0001, "erlang c 14 agents occupancy")
    # pyworkforce's exact Erlang A test: the same with patience 5 minutes.
    e = erlang_a(14, lam, 180.0, 300.0, 20.0)
    ok &= near(e["p_wait"], 0.14526, 0.0001, "erlang a 14 agents p_wait")
    ok &= near(e["p_abandon"], 0.013984, 0.0001, "erlang a 14 agents p_abandon")
    ok &= near(e["sl"], 0.916792, 0.00001, "erlang a 14 agents sl")
    ok &= near(e["occupancy"], 0.704297, 0.00001, "erlang a 14 agents occupancy")
    ok &= near(e["mean_wait_s"] / 60.0, 0.069919, 0.0001, "erlang a 14 agents mean wait (min)")
    # Identities: P(abandon) = theta E[Wq]; Lq = lambda E[Wq] (Little);
    # SL(t -> infinity) = 1 - P(abandon); Erlang A -> Erlang C as the
    # patience grows; overloaded: P(abandon) ~ 1 - n/A.
    ok &= near(e["p_abandon"], e["mean_wait_s"] / 300.0, 1e-9, "theta E[Wq] = P(abandon)")
    ok &= near(e["mean_queue"], lam * e["mean_wait_s"], 1e-9, "Little's law Lq = lambda E[Wq]")
    e9 = erlang_a(14, lam, 180.0, 300.0, 1e6)
    ok &= near(e9["sl"], 1 - e9["p_abandon"], 1e-9, "sl(infinity) = 1 - p_abandon")
    big = erlang_a(14, lam, 180.0, 1e9, 20.0)
    for k in ("p_wait", "asa_s", "sl", "mean_queue"):
        ok &= near(big[k], c[k], 1e-4, "erlang a -> c as patience -> infinity: " + k)
    over = erlang_a(500, 3 * 500 / 100.0, 100.0, 25.0, 20.0)
    ok &= near(over["p_abandon"], 1 - 1 / 3.0, 0.01, "overload 3: p_abandon ~ 1 - n/A")
    # The served-within-t sum against a direct integration, for j = 3
    # waiting in a small case: P(V <= s < patience) with V the sum of
    # Exp(n mu + i theta), i = 0..3, by convolving densities on a grid.
    n, mu, th, t, j = 2, 1 / 100.0, 1 / 50.0, 40.0, 3
    a = n * mu / th
    cum = math.fsum(nb_terms(a + 1.0, j + 1, th * t))
    want = a / (a + j + 1) * (1 - cum)
    h = 0.1
    steps = int(t / h)
    dens = None
    for i in range(j + 1):
        r = n * mu + i * th
        f = [r * math.exp(-r * h * s) for s in range(steps + 1)]
        if dens is None:
            dens = f
        else:
            dens = [h * (math.fsum(dens[u] * f[s - u] for u in range(s + 1))
                         - 0.5 * (dens[0] * f[s] + dens[s] * f[0]))
                    for s in range(steps + 1)]
    g = [dens[s] * math.exp(-th * h * s) for s in range(steps + 1)]
    got = h * (math.fsum(g) - 0.5 * (g[0] + g[-1]))
    ok &= near(want, got, 1e-3, "P(served within t | j = 3) against integration")
    # The mean wait of the served against the first-step recursion of the
    # tagged caller's chain: g(i) = s(i) / R(i) + p(i) g(i - 1), with
    # R(i) = n mu + (i + 1) theta its total rate at i ahead, p(i) = (n mu +
    # i theta) / R(i) the chance to move up, s(i) = P(served | i).
    n, mu, th = 14, 1 / 180.0, 1 / 300.0
    a = n * mu / th
    g = 0.0
    inv = 0.0
    for i in range(60):
        r = n * mu + (i + 1) * th
        g = (a / (a + i + 1)) / r + (n * mu + i * th) / r * g
        inv += 1.0 / r
    ok &= near(a / (a + 60) * inv, g, 1e-12, "E[V; served | j = 59] against the recursion")
    # Student's t: 2.0930 at 19 degrees of freedom, 1.96 as df grows.
    ok &= near(t975(19), 2.0930, 1e-4, "t975(19)")
    ok &= near(t975(10 ** 6), 1.95996, 1e-5, "t975(1e6)")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description="queueing theory oracle for ccroute")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("theory")
    p.add_argument("--agents", type=int, required=True)
    p.add_argument("--rate", type=float, required=True, help="arrivals per second")
    p.add_argument("--aht", type=float, required=True)
    p.add_argument("--patience", type=lambda s: None if s == "none" else float(s))
    p.add_argument("--sl", type=float, default=20.0)
    p.add_argument("--loss", choices=("none", "abandon", "timeout"), default="none")
    p = sub.add_parser("compare")
    p.add_argument("--sl", type=float, default=20.0)
    p.add_argument("--k", type=float, default=4.0)
    p.add_argument("cases")
    p = sub.add_parser("little")
    p.add_argument("--rate", type=float, required=True)
    p = sub.add_parser("batches")
    p.add_argument("--warmup", type=float, required=True)
    p.add_argument("--batches", type=int, required=True)
    p.add_argument("--sl", type=float, default=20.0)
    p.add_argument("--start", default="2000-01-01T00:00:00Z")
    p.add_argument("--summary", required=True)
    p = sub.add_parser("coverage")
    p.add_argument("--agents", type=int, required=True)
    p.add_argument("--rate", type=float, required=True)
    p.add_argument("--aht", type=float, required=True)
    p.add_argument("--patience", type=lambda s: None if s == "none" else float(s))
    p.add_argument("--sl", type=float, default=20.0)
    p.add_argument("--min-within", type=int, default=8)
    p.add_argument("summaries", nargs="+")
    sub.add_parser("selftest")
    o = ap.parse_args()
    return {"theory": cmd_theory, "compare": cmd_compare, "little": cmd_little,
            "batches": cmd_batches, "coverage": cmd_coverage,
            "selftest": cmd_selftest}[o.cmd](o) or 0


if __name__ == "__main__":
    sys.exit(main())
