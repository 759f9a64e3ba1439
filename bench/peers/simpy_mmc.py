#!/usr/bin/env python3
"""simpy_mmc.py: M/M/c and M/M/c+M (exponential abandonment) in SimPy 2.3.1,
the peer of bench/ccroute.sh.

Written for the SimPy 2 process API (Debian's python3-simpy, module
"SimPy"): a Process per caller, "yield hold", a Resource of C agents with
FIFO queueing, and abandonment by the compound renege statement
    yield (request, self, agents), (hold, self, patience)
followed by self.acquired(agents).  SimPy 3 and later (module "simpy") have a
different API and are not used.

Poisson arrivals of RATE per second stop after CALLS callers; the run goes on
until every caller has been served or has abandoned.  Model events are
counted as in ccroute's summary: arrivals + completions + abandonments.

Prints one line of tab-separated key=value pairs:
    calls agents events arrivals completions abandoned answered_waited
    asa_s p_abandon sim_s wall_s events_per_s
wall_s is the time of the simulation itself (model set-up and simulate()),
without the interpreter's start-up; bench/ccroute.sh times the whole process.

usage: simpy_mmc.py --calls N --agents C --rate PER_S --handle MEAN_S
                    [--patience MEAN_S] [--seed S]
"""

import argparse
import random
import sys
import time

try:
    import SimPy
    from SimPy.Simulation import Simulation, Process, Resource, hold, request, release
except ImportError:
    sys.stderr.write(
        "simpy_mmc.py: SimPy 2 is missing (Debian: apt-get install -y python3-simpy)\n"
    )
    sys.exit(3)


class Stats(object):
    """Tallies of one run."""

    def __init__(self):
        self.arrivals = 0
        self.completions = 0
        self.abandoned = 0
        self.waited = 0  # answered callers who waited (wait > 0)
        self.wait_sum = 0.0  # total wait of answered callers


class Caller(Process):
    """One interaction: queue for an agent, talk, hang up (or give up)."""

    def plain(self, agents, talk, st):
        """M/M/c: wait for ever."""
        t0 = self.sim._t
        yield request, self, agents
        w = self.sim._t - t0
        st.wait_sum += w
        if w > 0:
            st.waited += 1
        yield hold, self, talk
        yield release, self, agents
        st.completions += 1

    def renege(self, agents, talk, patience, st):
        """M/M/c+M: give up when PATIENCE runs out before an agent answers."""
        t0 = self.sim._t
        yield (request, self, agents), (hold, self, patience)
        if self.acquired(agents):
            w = self.sim._t - t0
            st.wait_sum += w
            if w > 0:
                st.waited += 1
            yield hold, self, talk
            yield release, self, agents
            st.completions += 1
        else:
            st.abandoned += 1


class Source(Process):
    """Poisson arrivals: CALLS callers, exponential gaps of mean 1 / RATE."""

    def generate(self, calls, rate, handle, patience, agents, rng, st):
        sim = self.sim
        for i in range(calls):
            c = Caller(name="caller", sim=sim)
            talk = rng.expovariate(1.0 / handle)
            if patience is None:
                sim.activate(c, c.plain(agents, talk, st))
            else:
                sim.activate(c, c.renege(agents, talk, rng.expovariate(1.0 / patience), st))
            st.arrivals += 1
            if i + 1 < calls:
                yield hold, self, rng.expovariate(rate)


def main():
    ap = argparse.ArgumentParser(description="M/M/c(+M) in SimPy 2.3.1")
    ap.add_argument("--calls", type=int, required=True)
    ap.add_argument("--agents", type=int, required=True)
    ap.add_argument("--rate", type=float, required=True, help="arrivals per second")
    ap.add_argument("--handle", type=float, required=True, help="mean handling time, s")
    ap.add_argument("--patience", type=float, default=None, help="mean patience, s")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.calls < 1 or a.agents < 1 or not a.rate > 0 or not a.handle > 0:
        ap.error("--calls and --agents must be >= 1, --rate and --handle > 0")
    if a.patience is not None and not a.patience > 0:
        ap.error("--patience must be > 0")

    t0 = time.perf_counter()
    sim = Simulation()
    sim.initialize()
    st = Stats()
    rng = random.Random(a.seed)
    agents = Resource(capacity=a.agents, name="agents", sim=sim)
    src = Source(name="source", sim=sim)
    sim.activate(src, src.generate(a.calls, a.rate, a.handle, a.patience, agents, rng, st))
    sim.simulate(until=float("inf"))
    wall = time.perf_counter() - t0

    events = st.arrivals + st.completions + st.abandoned
    answered = st.completions
    fields = [
        ("simpy", SimPy.__version__),
        ("calls", a.calls),
        ("agents", a.agents),
        ("events", events),
        ("arrivals", st.arrivals),
        ("completions", st.completions),
        ("abandoned", st.abandoned),
        ("answered_waited", st.waited),
        ("asa_s", "%.3f" % (st.wait_sum / answered if answered else 0.0)),
        ("p_abandon", "%.5f" % (st.abandoned / float(st.arrivals))),
        ("sim_s", "%.1f" % sim.now()),
        ("wall_s", "%.3f" % wall),
        ("events_per_s", "%.0f" % (events / wall if wall > 0 else 0.0)),
    ]
    print("\t".join("%s=%s" % kv for kv in fields))
    if st.arrivals != a.calls or st.completions + st.abandoned != a.calls:
        sys.stderr.write("simpy_mmc.py: not every caller finished\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
