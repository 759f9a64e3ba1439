#!/usr/bin/env python3
"""Compare a 'ccivr-sim run' (JSON Lines records) with 'ccivr-sim analyse'
(CSV): every exit's share and the mean time in the IVR must agree within
sampling error.

usage: ivr-run-compare.py ANALYSE.csv RUN.jsonl

For an exit of exact share p among N simulated callers, the count is
binomial: the observed share must be within 4.5 standard deviations,
sqrt(p (1 - p) / N), plus 1/N.  The mean time must be within 4.5 standard
errors (the sample standard deviation over sqrt(N)).  Exits the simulation
found but the analysis did not are errors too.  Prints one line per
mismatch and exits 1 if there is any; else prints "ok N EXITS".
"""
import csv
import json
import math
import sys

Z = 4.5


def main():
    exact = {}
    total_mean = None
    with open(sys.argv[1], newline="") as f:
        for r in csv.DictReader(f):
            if r["exit_node"] == "TOTAL":
                total_mean = float(r["mean_ivr_s"])
                continue
            exact[(r["exit_node"], r["exit_reason"])] = float(r["share"])
    counts = {}
    times = []
    with open(sys.argv[2]) as f:
        for line in f:
            rec = json.loads(line)
            k = (rec["exit_node"], rec["exit_reason"])
            counts[k] = counts.get(k, 0) + 1
            times.append(float(rec["ivr_s"]))
    n = len(times)
    bad = []
    for k in sorted(set(exact) | set(counts)):
        p = exact.get(k, 0.0)
        got = counts.get(k, 0) / n
        tol = Z * math.sqrt(p * (1 - p) / n) + 1.0 / n
        if abs(got - p) > tol:
            bad.append("%s %s: share %.5f, exact %.5f, tolerance %.5f" % (k + (got, p, tol)))
    mean = sum(times) / n
    sd = math.sqrt(sum((t - mean) ** 2 for t in times) / (n - 1))
    tol = Z * sd / math.sqrt(n)
    if abs(mean - total_mean) > tol:
        bad.append("mean ivr_s %.3f, exact %.3f, tolerance %.3f" % (mean, total_mean, tol))
    for b in bad:
        print(b)
    if bad:
        sys.exit(1)
    print("ok %d %d" % (n, len(exact)))


main()
