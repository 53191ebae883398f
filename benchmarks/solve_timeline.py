"""A timeline of the main job's solve part: what each thread does when, and where it waits.

    PYTHONPATH=src python benchmarks/solve_timeline.py                 # two threads
    PYTHONPATH=src python benchmarks/solve_timeline.py --threads 1     # sequential
    PYTHONPATH=src python benchmarks/solve_timeline.py --dataset datasets/liaocheng

Runs ``carbonpath.run.compute`` once, in this process, on the frozen main job (the Liaocheng
dataset of commit ``main_job.FROZEN``) or on ``--dataset``, with ``CARBONPATH_RUN_THREADS``
set to ``--threads``, and wraps the functions that do the work: model builds, HiGHS solves
(cold and warm), pathway extraction, the inventory, the sweep groups (peak chains, capex
points), the analysis tables. It prints one line per span (thread, what, start, end, wall,
the thread's CPU seconds in it: wall well above CPU means the thread waited for a core or for
Python's lock), warm solves shorter than 30 ms left out, then per thread its busy wall and CPU
and the wall of the whole solve part. One run, no medians: a picture, not a measurement
(``executors.py`` measures).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from main_job import FROZEN, extract  # noqa: E402


def main() -> None:
    """Run compute once with the wrappers on; print the spans and a per-thread summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", choices=("1", "2"), default="2")
    parser.add_argument("--dataset", help="a dataset folder (default: the frozen job)")
    args = parser.parse_args()
    os.environ["CARBONPATH_RUN_THREADS"] = args.threads
    import carbonpath.run as run_mod
    import carbonpath.scenarios.run_tables as tables
    import carbonpath.sweeps.points as points
    from carbonpath.dataset import load_dataset
    from carbonpath.model import PathwayModel
    from carbonpath.model.solve import HighsModel

    spans: list[tuple[str, str, float, float, float]] = []
    origin = [0.0]

    def wrap(owner, name: str, label) -> None:
        inner = getattr(owner, name)

        def timed(*a, **k):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return inner(*a, **k)
            finally:
                spans.append((threading.current_thread().name, label(a),
                              t - origin[0], time.perf_counter() - origin[0],
                              time.thread_time() - c))
        setattr(owner, name, timed)

    wrap(PathwayModel, "__init__", lambda a: f"build {a[2] if len(a) > 2 else ''}")
    wrap(PathwayModel, "solve", lambda a: "pathway")
    wrap(HighsModel, "solve", lambda a: "highs solve")
    wrap(run_mod, "dataset_inventory", lambda a: "inventory")
    wrap(tables, "run_analysis", lambda a: "analysis")
    wrap(points, "peak_chain", lambda a: f"peak chain {a[1][0]}..{a[1][-1]}")
    wrap(points, "capex_point", lambda a: f"capex {a[0].scenario} x{a[2]:.2f}")
    folder = args.dataset or str(extract(FROZEN, "datasets/liaocheng",
                                         Path(tempfile.mkdtemp(prefix="carbonpath-tl-"))))
    ds = load_dataset(folder)
    load = os.getloadavg()[0]
    origin[0] = time.perf_counter()
    run_mod.compute(ds)
    end = time.perf_counter() - origin[0]
    spans.sort(key=lambda s: (s[2], -s[3]))
    busy: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    reach: dict[str, float] = {}  # per thread: the end of its last top-level span
    for thread, what, start, stop, cpu in spans:
        if start >= reach.get(thread, -1.0):  # not inside another span of this thread
            reach[thread] = stop
            busy[thread][0] += stop - start
            busy[thread][1] += cpu
        if what.startswith("highs") and stop - start < 0.03:
            continue
        print(f"{thread[:22]:22s} {what[:34]:34s} {start:6.2f} {stop:6.2f} "
              f"wall {stop - start:5.2f} cpu {cpu:5.2f}")
    print(f"\nsolve part to the end of compute: {end:.2f} s wall; load average {load:.1f} "
          f"(1 min) on {os.cpu_count()} cores; CARBONPATH_RUN_THREADS={args.threads}")
    for thread, (wall, cpu) in busy.items():
        print(f"  {thread}: in spans {wall:.2f} s wall, {cpu:.2f} s CPU; idle "
              f"{end - wall:.2f} s of the {end:.2f} s")


if __name__ == "__main__":
    main()
