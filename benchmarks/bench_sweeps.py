"""Benchmarks of the sweep executor and the Monte Carlo (issue 14); not tests.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_sweeps.py [--samples 200] [--quick]

Cases (all in one run, so their ratios compare like with like on a loaded machine):

1. warm sample vs cold solve, Liaocheng plan at 12 blocks: median of warm samples (apply the
   sample's overrides, solve from the central basis, read the metrics) against a cold solve of
   the same LP (HiGHS's state cleared, no basis) and against build + hand-off + cold solve;
2. throughput of 1 worker (in process) vs 2 local processes vs 2 threads on the same
   samples, after a small warm-up run in which each worker builds its model (the warm-up's
   time is reported too);
3. dask LocalCluster (2 worker processes) overhead per sample against the process pool;
4. N Liaocheng samples x 2 scenarios on 2 local processes: wall time, and peak memory of each
   worker against a process that builds and solves the model once.

Prints a JSON record; benchmarks/README.md quotes it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

SINGLE = """
import resource, sys
sys.path.insert(0, {src!r})
from carbonpath import PathwayModel
m = PathwayModel("liaocheng", "plan")
m.solve()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _rss_monitor(stop: threading.Event, peaks: dict[int, int]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                rss = child.memory_info().rss
            except psutil.Error:
                continue
            peaks[child.pid] = max(peaks.get(child.pid, 0), rss)
        time.sleep(0.2)


def warm_vs_cold(samples: int) -> dict:
    """Case 1."""
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty
    from carbonpath.sweeps.executor import ModelSpec, cached_model
    from carbonpath.sweeps.montecarlo import _one
    from carbonpath.sweeps.sampling import draw_samples

    ds = load_dataset("liaocheng")
    unc = load_uncertainty(ds)
    drawn = draw_samples(unc, samples, seed=1).values.to_numpy()
    start = time.perf_counter()
    cached = cached_model(ModelSpec(ds, "plan"))
    build_and_cold = time.perf_counter() - start
    model = cached.model
    colds = []
    for _ in range(2):
        model.highs.highs.clearSolver()
        t0 = time.perf_counter()
        model.highs.solve()
        colds.append(time.perf_counter() - t0)
    warm, iterations = [], []
    for i in range(samples):
        t0 = time.perf_counter()
        rows = _one("plan", i, unc.overrides(drawn[i]), model, cached.basis, True)
        warm.append(time.perf_counter() - t0)
        iterations += [r[4] for r in rows if r[2] == "iterations"]
    cold = statistics.median(colds)
    return {"cold_solve_s": colds, "build_handoff_cold_solve_s": build_and_cold,
            "central_iterations": cached.central.iterations,
            "warm_sample_median_s": statistics.median(warm), "warm_sample_min_s": min(warm),
            "warm_sample_max_s": max(warm), "warm_iterations_median": statistics.median(
                iterations) if iterations else None,
            "ratio_warm_to_cold_solve": statistics.median(warm) / cold,
            "ratio_warm_to_build_and_cold": statistics.median(warm) / build_and_cold}


def timed_unit(spec, part, diagnose):
    """A work unit that also says where and when it ran (worker pid, wall-clock start, end)."""
    from carbonpath.sweeps.montecarlo import solve_samples

    started = time.time()
    rows = solve_samples(spec, part, diagnose)
    return os.getpid(), started, time.time(), rows


def _units(samples: int, seed: int, chunk: int) -> list[tuple]:
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty
    from carbonpath.sweeps.montecarlo import _tasks
    from carbonpath.sweeps.sampling import draw_samples

    ds = load_dataset("liaocheng")
    unc = load_uncertainty(ds)
    drawn = draw_samples(unc, samples, seed)
    return _tasks(ds, ["plan"], drawn, unc, None, (), set(), chunk, None, False)


def _measure(executor, workers: int, samples: int, chunk: int) -> dict:
    """Warm up (each worker builds its model), then time ``samples`` samples."""
    from carbonpath.sweeps.executor import run_tasks

    t0 = time.perf_counter()
    run_tasks(timed_unit, _units(max(4, 2 * workers), 99, 1), executor)
    warmup = time.perf_counter() - t0
    units = _units(samples, 2, chunk)
    load = os.getloadavg()
    t0 = time.perf_counter()
    results, _ = run_tasks(timed_unit, units, executor)
    wall = time.perf_counter() - t0
    busy = sum(end - start for _, start, end, _ in results)
    by_worker: dict[int, list] = {}
    for pid, start, end, _ in results:
        by_worker.setdefault(pid, []).append((start, end))
    gaps = []  # idle time of a worker between the end of one unit and the start of its next
    for spans in by_worker.values():
        spans.sort()
        gaps += [b[0] - a[1] for a, b in itertools.pairwise(spans)]
    seconds = [r[4] for *_, rows in results for r in rows if r[2] == "seconds"]
    return {"warmup_s": warmup, "wall_s": wall, "samples_per_s": samples / wall,
            "load_before": load, "workers_seen": len(by_worker),
            "busy_s": busy, "sample_solve_mean_s": statistics.mean(seconds),
            # worker time not spent in units (dispatch, transfer, scheduling, idle tail)
            "overhead_per_sample_s": (workers * wall - busy) / samples,
            "overhead_share": (workers * wall - busy) / busy,
            # the executor's own cost between two units on a busy worker (no idle tail)
            "gap_mean_s": statistics.mean(gaps) if gaps else None,
            "gap_share_of_unit": (statistics.mean(gaps) / (busy / len(results)))
            if gaps else None,
            "rows": [r for *_, rows in results for r in rows if r[2] != "seconds"]}


def throughput(samples: int, chunk: int = 1) -> dict:
    """Cases 2 and 3: 1 worker vs 2 local processes vs a dask LocalCluster of 2 processes."""
    from distributed import Client, LocalCluster

    from carbonpath.sweeps import executor as executor_module
    from carbonpath.sweeps.executor import InlineExecutor, process_pool

    executor_module._PROCESS_CACHE.clear()  # the in-process run builds its model too
    out: dict = {"samples": samples, "chunk": chunk}
    out["inline"] = _measure(InlineExecutor(), 1, samples, chunk)
    pool = process_pool(2)
    try:
        out["processes_2"] = _measure(pool, 2, samples, chunk)
    finally:
        pool.shutdown()
    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        out["dask_cluster_start_s"] = time.perf_counter() - t0
        out["dask_2"] = _measure(client.get_executor(), 2, samples, chunk)
    base = out["inline"].pop("rows")
    for name in ("processes_2", "dask_2"):
        out[name]["same_numbers_as_inline"] = out[name].pop("rows") == base
    out["ratio_processes_2_to_1"] = (out["processes_2"]["samples_per_s"]
                                     / out["inline"]["samples_per_s"])
    out["ratio_dask_2_to_1"] = out["dask_2"]["samples_per_s"] / out["inline"]["samples_per_s"]
    # dask's own cost per sample against the process pool's, as a share of a sample's solve
    solve = out["dask_2"]["sample_solve_mean_s"]
    out["dask_overhead_per_sample_share_of_solve"] = out["dask_2"]["gap_mean_s"] / chunk / solve
    return out


def full_run(samples: int) -> dict:
    """Case 4."""
    from carbonpath.sweeps.executor import process_pool
    from carbonpath.sweeps.montecarlo import montecarlo

    single = subprocess.run([sys.executable, "-c", SINGLE.format(src=str(SRC))],
                            capture_output=True, text=True, check=True)
    single_rss = int(single.stdout.strip().splitlines()[-1]) * 1024
    stop = threading.Event()
    peaks: dict[int, int] = {}
    monitor = threading.Thread(target=_rss_monitor, args=(stop, peaks), daemon=True)
    monitor.start()
    pool = process_pool(2)
    t0 = time.perf_counter()
    try:
        result = montecarlo("liaocheng", samples=samples, scenarios=["baseline", "plan"],
                            seed=3, executor=pool)
    finally:
        wall = time.perf_counter() - t0
        pool.shutdown()
        stop.set()
        monitor.join()
    workers = sorted(peaks.values(), reverse=True)[:2]
    status = result.status()
    return {"samples": samples, "scenarios": 2, "wall_s": wall,
            "status": status.to_dict("records"),
            "peak_probability_2030": result.peak_probability().query("year == 2030")[
                ["scenario", "probability"]].to_dict("records"),
            "single_solve_peak_rss_mib": single_rss / 2**20,
            "worker_peak_rss_mib": [w / 2**20 for w in workers],
            "ratio_worker_to_single": max(workers) / single_rss if workers else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="few samples (a smoke run)")
    parser.add_argument("--chunk", type=int, default=1, help="samples per unit (throughput)")
    parser.add_argument("--throughput-samples", type=int, default=24)
    parser.add_argument("--cases", default="warm,throughput,full",
                        help="comma-separated: warm, throughput, full")
    args = parser.parse_args()
    cases = set(args.cases.split(","))
    warm_n, thr_n, full_n = ((4, 4, 6) if args.quick
                             else (20, args.throughput_samples, args.samples))
    record = {"machine": f"{os.cpu_count()} cores (shared), load {os.getloadavg()}",
              "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    if "warm" in cases:
        record["warm_vs_cold"] = warm_vs_cold(warm_n)
    if "throughput" in cases:
        record["throughput"] = throughput(thr_n, args.chunk)
    if "full" in cases:
        record["full_run"] = full_run(full_n)
    record["load_after"] = os.getloadavg()
    print(json.dumps(record, indent=2, default=str))


if __name__ == "__main__":
    main()
