"""Benchmarks of the sweep executor and the Monte Carlo (issue 14); not tests.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_sweeps.py [--samples 200] [--quick]

Cases (all in one run, so their ratios compare like with like on a loaded machine):

1. warm sample vs cold solve, Liaocheng plan at 12 blocks: median of warm samples (apply the
   sample's overrides, solve from the central basis, read the metrics) against a cold solve of
   the same LP (HiGHS's state cleared, no basis) and against build + hand-off + cold solve;
2. throughput of 1 worker (in process) vs 2 local processes (fork server) vs a dask
   LocalCluster of 2 worker processes, after a warm-up in which each worker builds its model
   (reported too). The three run the same samples in turns, for a few rounds, so that a
   load that changes meanwhile weighs on all alike; each work unit records where and when
   it ran, which gives the workers' idle time between units (the executor's own cost per
   unit: dispatch, pickling, transfer, scheduling) apart from the idle tail;
3. from the same run, dask's overhead per sample against a sample's solve time;
4. N Liaocheng samples x 2 scenarios on 2 local processes: wall time, and peak memory of each
   worker against a process that builds and solves the model once.

Prints a JSON record, then a markdown table of the issue's figures (measured against goal,
with the machine and its load) ready for benchmarks/README.md.
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


def _rss_monitor(stop: threading.Event, peaks: dict[int, int],
                 cpu: dict[int, float] | None = None) -> None:
    """Peak RSS (and the latest CPU seconds, user + system) of every child process."""
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                rss = child.memory_info().rss
                times = child.cpu_times()
            except psutil.Error:
                continue
            peaks[child.pid] = max(peaks.get(child.pid, 0), rss)
            if cpu is not None:
                cpu[child.pid] = times.user + times.system
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

    started, cpu = time.time(), time.process_time()
    rows = solve_samples(spec, part, diagnose)
    rows.append(("", -1, "unit_cpu_s", None, time.process_time() - cpu, None))
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


def _warm_up(executor, workers: int) -> float:
    """Let each worker build its model (kept in the worker's cache); its wall time."""
    from carbonpath.sweeps.executor import run_tasks

    t0 = time.perf_counter()
    run_tasks(timed_unit, _units(max(4, 2 * workers), 99, 1), executor)
    return time.perf_counter() - t0


def _measure(executor, workers: int, units: list[tuple]) -> dict:
    """Time the units on a warmed-up executor; where the workers' time went."""
    from carbonpath.sweeps.executor import run_tasks

    samples = sum(len(u[1]) for u in units)
    t0, c0 = time.perf_counter(), time.process_time()
    results, _ = run_tasks(timed_unit, units, executor)
    wall, main_cpu = time.perf_counter() - t0, time.process_time() - c0
    busy = sum(end - start for _, start, end, _ in results)
    by_worker: dict[int, list] = {}
    for pid, start, end, _ in results:
        by_worker.setdefault(pid, []).append((start, end))
    gaps = []  # idle time of a worker between the end of one unit and the start of its next
    for spans in by_worker.values():
        spans.sort()
        gaps += [b[0] - a[1] for a, b in itertools.pairwise(spans)]
    seconds = [r[4] for *_, rows in results for r in rows if r[2] == "seconds"]
    unit_cpu = sum(r[4] for *_, rows in results for r in rows if r[2] == "unit_cpu_s")
    return {"wall_s": wall, "samples": samples, "busy_s": busy, "workers_seen": len(by_worker),
            "solve_s": sum(seconds), "gaps": gaps, "units": len(results),
            "unit_cpu_s": unit_cpu, "main_cpu_s": main_cpu,
            "rows": [r for *_, rows in results for r in rows
                     if r[2] not in ("seconds", "unit_cpu_s")]}


def _same(a: list, b: list) -> bool:
    """Rows equal, NaN equal to NaN."""
    import pandas as pd

    return pd.DataFrame(a).equals(pd.DataFrame(b))


def throughput(samples: int, chunk: int = 1, rounds: int = 3) -> dict:
    """Cases 2 and 3: 1 worker vs 2 local processes vs a dask LocalCluster of 2 processes.

    The three run the same samples in turns, ``rounds`` times (each round new samples), so
    that a load that changes during the benchmark weighs on all three alike.
    """
    from distributed import Client, LocalCluster

    from carbonpath.sweeps import executor as executor_module
    from carbonpath.sweeps.executor import InlineExecutor, process_pool

    executor_module._PROCESS_CACHE.clear()  # the in-process run builds its model too
    out: dict = {"samples_per_round": samples, "rounds": rounds, "chunk": chunk,
                 "load_before": os.getloadavg()}
    pool = process_pool(2)
    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        out["dask_cluster_start_s"] = time.perf_counter() - t0
        executors = {"inline": (InlineExecutor(), 1), "processes_2": (pool, 2),
                     "dask_2": (client.get_executor(), 2)}
        for name, (ex, n) in executors.items():
            out[f"{name}_warmup_s"] = _warm_up(ex, n)
        runs: dict[str, list] = {name: [] for name in executors}
        for r in range(rounds):
            units = _units(samples, 10 + r, chunk)
            for name, (ex, n) in executors.items():
                runs[name].append(_measure(ex, n, units))
        pool.shutdown()
    out["load_after"] = os.getloadavg()
    for name, (_, n) in executors.items():
        parts = runs[name]
        wall = sum(p["wall_s"] for p in parts)
        busy = sum(p["busy_s"] for p in parts)
        done = sum(p["samples"] for p in parts)
        gaps = [g for p in parts for g in p["gaps"]]
        units = sum(p["units"] for p in parts)
        out[name] = {"wall_s": wall, "samples_per_s": done / wall,
                     "walls_by_round_s": [p["wall_s"] for p in parts],
                     "workers_seen": max(p["workers_seen"] for p in parts),
                     "solve_mean_s": sum(p["solve_s"] for p in parts) / done,
                     "unit_mean_s": busy / units,
                     # worker time not in units (dispatch, transfer, scheduling, idle tail)
                     "overhead_per_sample_s": (n * wall - busy) / done,
                     "overhead_share_of_unit_time": (n * wall - busy) / busy,
                     # the executor's own cost between two units on a busy worker
                     "gap_mean_s": statistics.mean(gaps) if gaps else 0.0,
                     # CPU seconds (not inflated by waiting for a core): in the units, and
                     # of the main process beyond them (pickling, dispatch, gathering)
                     "unit_cpu_per_sample_s": sum(p["unit_cpu_s"] for p in parts) / done,
                     "main_cpu_per_sample_s": (sum(p["main_cpu_s"] for p in parts) - (
                         sum(p["unit_cpu_s"] for p in parts) if n == 1 else 0.0)) / done}
        out[name]["gap_share_of_solve"] = (out[name]["gap_mean_s"] * units / done
                                           / out[name]["solve_mean_s"])
        if name != "inline":
            out[name]["same_numbers_as_inline"] = all(
                _same(a["rows"], b["rows"]) for a, b in zip(parts, runs["inline"], strict=True))
    for name in ("processes_2", "dask_2"):
        out[f"ratio_{name}_to_1"] = out[name]["samples_per_s"] / out["inline"]["samples_per_s"]
        # the speed-up two free cores would give, from CPU seconds: one worker needs u1 + m1
        # per sample; two need u2 + m2 per sample shared by two cores, and each worker
        # u2 + its gap per sample (the larger of the two bounds the time)
        one = out["inline"]["unit_cpu_per_sample_s"] + out["inline"]["main_cpu_per_sample_s"]
        run = out[name]
        per_unit_gap = run["gap_mean_s"] / chunk  # gaps are per unit of `chunk` samples
        two = max((run["unit_cpu_per_sample_s"] + run["main_cpu_per_sample_s"]) / 2,
                  (run["unit_cpu_per_sample_s"] + per_unit_gap) / 2)
        out[f"cpu_bound_ratio_{name}_to_1"] = one / two
    return out


def full_run(samples: int) -> dict:
    """Case 4."""
    from carbonpath.sweeps.executor import process_pool
    from carbonpath.sweeps.montecarlo import montecarlo

    single = subprocess.run([sys.executable, "-c", SINGLE.format(src=str(SRC))],
                            capture_output=True, text=True, check=True)
    single_rss = int(single.stdout.strip().splitlines()[-1]) * 1024
    import tempfile

    stop = threading.Event()
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    monitor = threading.Thread(target=_rss_monitor, args=(stop, peaks, cpu), daemon=True)
    monitor.start()
    pool = process_pool(2)
    load = os.getloadavg()
    t0 = time.perf_counter()
    c0 = time.process_time()
    try:
        with tempfile.TemporaryDirectory() as folder:  # with its store, as the CLI runs
            result = montecarlo("liaocheng", samples=samples, scenarios=["baseline", "plan"],
                                seed=3, executor=pool, out=Path(folder) / "store")
    finally:
        wall = time.perf_counter() - t0
        main_cpu = time.process_time() - c0
        time.sleep(0.5)  # a last reading of the workers' CPU time
        stop.set()
        monitor.join()
        pool.shutdown()
    workers = sorted(peaks.values(), reverse=True)[:2]
    status = result.status()
    worker_cpu = sorted(cpu.values(), reverse=True)[:2]
    return {"samples": samples, "scenarios": 2, "wall_s": wall, "load_before": load,
            "load_after": os.getloadavg(),
            # CPU seconds, which the load does not inflate (much): what 2 free cores need
            "main_process_cpu_s": main_cpu, "worker_cpu_s": worker_cpu,
            "wall_on_2_free_cores_estimate_s": max(worker_cpu) if worker_cpu else None,
            "reruns": result.report.rerun_count,
            "status": status.to_dict("records"),
            "peak_probability_2030": result.peak_probability().query("year == 2030")[
                ["scenario", "probability"]].to_dict("records"),
            "single_solve_peak_rss_mib": single_rss / 2**20,
            "worker_peak_rss_mib": [w / 2**20 for w in workers],
            "ratio_worker_to_single": max(workers) / single_rss if workers else None}


def _x(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}x"


def _pct(value: float | None) -> str:
    return "not measured" if value is None else f"{100 * value:.1f} %"


def summary_table(record: dict) -> str:
    """The issue's figures from one run's record, as a markdown table.

    Rows: warm sample against cold solve; 2 local processes and a dask LocalCluster of 2
    workers against 1 (and whether their numbers equal the in-process run's); dask's own cost
    per sample against a sample's solve time (idle gap between units; with the idle tail);
    the N x 2 Liaocheng run's wall time; memory per worker against a single solve.
    """
    warm = record.get("warm_vs_cold", {})
    thr = record.get("throughput", {})
    full = record.get("full_run", {})
    dask = thr.get("dask_2", {})
    procs = thr.get("processes_2", {})
    rows = ["| figure | measured | goal |", "|---|---|---|"]

    def row(figure: str, measured: str, goal: str) -> None:
        rows.append(f"| {figure} | {measured} | {goal} |")

    row("warm sample / cold solve (Liaocheng plan, 12 blocks)",
        _x(warm.get("ratio_warm_to_cold_solve")), "<= 0.3x")
    same = {k: v.get("same_numbers_as_inline") for k, v in (("processes", procs),
                                                            ("dask", dask))}
    row("2 local processes / 1 worker, samples per second",
        _x(thr.get("ratio_processes_2_to_1")) + (
            "" if same["processes"] is None else
            f" (same numbers as in process: {'yes' if same['processes'] else 'NO'})"),
        ">= 1.7x")
    row("dask LocalCluster of 2 workers / 1 worker, samples per second",
        _x(thr.get("ratio_dask_2_to_1")) + (
            "" if same["dask"] is None else
            f" (same numbers as in process: {'yes' if same['dask'] else 'NO'})"), "")
    row("2 processes / 1 on two free cores, estimated from CPU seconds",
        _x(thr.get("cpu_bound_ratio_processes_2_to_1")), "")
    row("dask overhead per sample / its solve time (idle gap between units)",
        _pct(dask.get("gap_share_of_solve")), "<= 5 %")
    row("dask overhead per sample / unit time (all worker time outside units, idle tail "
        "included)", _pct(dask.get("overhead_share_of_unit_time")), "")
    if full:
        row(f"{full['samples']} Liaocheng samples x {full['scenarios']} scenarios, 2 local "
            "processes, wall", f"{full['wall_s']:.0f} s (re-runs {full['reruns']})",
            "<= 600 s")
        peaks = ", ".join(f"{m:.0f}" for m in full["worker_peak_rss_mib"])
        row("peak memory per worker / a single solve",
            f"{_x(full['ratio_worker_to_single'])} ({peaks} against "
            f"{full['single_solve_peak_rss_mib']:.0f} MiB)", "<= 1.5x")
    else:
        row("N Liaocheng samples x 2 scenarios, wall", "not measured", "<= 600 s")
        row("peak memory per worker / a single solve", "not measured", "<= 1.5x")
    loads = [thr.get("load_before"), thr.get("load_after"), full.get("load_before"),
             full.get("load_after"), record.get("load_after")]
    shown = ", ".join(f"{load[0]:.1f}" for load in loads if load)
    head = (f"Machine: {record.get('machine', '?')}; started {record.get('started', '?')}; "
            f"1-minute load average during the cases: {shown or '?'}.")
    return "\n".join([head, "", *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="few samples (a smoke run)")
    parser.add_argument("--chunk", type=int, default=1, help="samples per unit (throughput)")
    parser.add_argument("--throughput-samples", type=int, default=12, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
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
        record["throughput"] = throughput(thr_n, args.chunk, args.rounds)
    if "full" in cases:
        record["full_run"] = full_run(full_n)
    record["load_after"] = os.getloadavg()
    print(json.dumps(record, indent=2, default=str))
    print()
    print(summary_table(record))


if __name__ == "__main__":
    main()
