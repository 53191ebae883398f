"""Measure coalitions: warm re-solves of one built model against cold rebuilds.

Run from the repository root::

    PYTHONPATH=src python benchmarks/measures_warm.py [--datasets tiny,liaocheng]

For each dataset (with the benchmark measures of ``benchmarks/scenarios.py``) it solves every
coalition (2^n) twice in one process, alternately: warm on one built model
(:class:`carbonpath.scenarios.warm.CoalitionModel`) and cold (each built and solved anew), and
prints the seconds per extra coalition (median, the first built coalition left out), the
ratio, and the largest difference in objective and emissions. Times are wall-clock on
whatever machine runs it: compare the ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from scenarios import LIAOCHENG_MEASURES, TINY_MEASURES, with_measures

from carbonpath.dataset.scenarios import measures
from carbonpath.dataset.scenarios import with_measures as coalition
from carbonpath.scenarios import solve_scenario
from carbonpath.scenarios.warm import CoalitionModel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", default="tiny,liaocheng")
    args = parser.parse_args()
    for name in args.datasets.split(","):
        items = TINY_MEASURES if name == "tiny" else LIAOCHENG_MEASURES
        ds = with_measures(name, items)
        base, found = measures(ds)
        n = len(found)
        subsets = [frozenset(c) for r in range(n, -1, -1)
                   for c in itertools.combinations(range(n), r)]
        t0 = time.perf_counter()
        chain = CoalitionModel(ds, base, found)
        build = time.perf_counter() - t0
        warm, cold, d_obj, d_em = [], [], 0.0, 0.0
        for s in subsets:
            t0 = time.perf_counter()
            pw = chain.solve(s)
            ew = pw.emissions_total["value"].to_numpy()
            warm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            pc = solve_scenario(coalition(ds, base, [found[i] for i in sorted(s)], found),
                                "_measures")
            ec = pc.emissions_total["value"].to_numpy()
            cold.append(time.perf_counter() - t0)
            d_obj = max(d_obj, abs(pw.objective - pc.objective) / abs(pc.objective))
            d_em = max(d_em, float(np.abs(ew - ec).max() / np.abs(ec).max()))
        w, c = statistics.median(warm[1:]), statistics.median(cold[1:])
        print(f"{name}: {n} measures, {len(subsets)} coalitions ({chain.warm} warm, "
              f"{chain.cold} cold); build of the base with every measure {build:.2f} s; "
              f"per extra coalition warm {w:.3f} s vs cold {c:.3f} s (median), ratio "
              f"{c / w:.1f}x; largest relative difference: objective {d_obj:.1e}, emissions "
              f"{d_em:.1e}; load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
