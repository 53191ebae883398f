"""The main job's independent solves on 2 cores: sequential, owner threads, thread/process pools.

    PYTHONPATH=src python benchmarks/executors.py                  # frozen job, 3 rounds
    PYTHONPATH=src python benchmarks/executors.py --rounds 5 --json out.json
    PYTHONPATH=src python benchmarks/executors.py --kinds inline,owners --old 5dfc0e8

Each run is a fresh Python process that runs ``carbonpath.run.compute`` on the frozen main job
(the Liaocheng dataset of commit ``main_job.FROZEN``, two scenarios, 12 blocks) in one of
these ways (the sweeps: the cost-of-peaking curve's 11 points and the sensitivity's 14 capex
pairs, 67 warm solves):

- ``inline``: ``executor=InlineExecutor()``: everything sequential in this thread (the two
  cold solves, then the sweeps on the models the run built);
- ``one``: ``executor=None`` with one thread (``CARBONPATH_RUN_THREADS=1``, what ``auto``
  gives on a busy machine): each model's sweep points run in this thread as soon as its
  pathway is made (:class:`carbonpath.run_sweeps.SweepPipeline` without a pool), and its
  HiGHS instance goes when they are done;
- ``owners``: ``executor=None`` with two threads (``CARBONPATH_RUN_THREADS=2``,
  :func:`carbonpath.sweeps.executor.run_threads`): the cold solves on two worker threads
  while this thread builds the next model and computes the inventory (run_solves), each
  model's sweep points on the same threads as soon as it is solved (the plan's on twins
  of its LP; run_sweeps.SweepPipeline) while this thread makes the analysis tables;
- ``thread``: ``ThreadPoolExecutor(2)`` for the sweeps (cold solves sequential); each thread
  builds its own copy of each model and starts it from the run's optimal basis;
- ``process``: ``process_pool(2)`` (forkserver) for the sweeps; each process builds and
  cold-solves its own models.

``--old REV`` adds ``owners@REV``: the ``owners`` kind run on the source tree of commit REV
(extracted from git), in the same rounds, so that the old and new owner threads are compared
under the same load (its speed-up is also against this tree's ``inline``).

Figures per kind, median (min-max) over ``--rounds`` rounds (kinds alternate within a round,
so they share the load): the solve part's wall seconds (from the first model's build to the
end of the sweeps and the analysis tables, which overlap them in ``owners``: what the
concurrency changes), the whole compute's wall and CPU seconds (CPU of this process and its
children), and whether the pathways' tables, the peak curve and the sensitivity equal the
sequential run's exactly (with the analysis tables, the measure MACC's among them, for the
kinds of this tree). The speed-up is inline's solve-part wall over the kind's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from main_job import FROZEN, extract  # noqa: E402

CHILD = r"""
import json, resource, sys, time
kind, dataset, out = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
import concurrent.futures as cf
from carbonpath.dataset import load_dataset
import carbonpath.run as run_mod
from carbonpath.run import compute
from carbonpath.sweeps.executor import InlineExecutor, process_pool

ds = load_dataset(dataset)
# the solve part: from the first build (after the inventory-free start) to the IAMC table,
# which compute makes right after the sweeps and the analysis
marks = {}
_start, _iamc = run_mod.start_scenarios, run_mod.iamc_table
def start_scenarios(*a, **k):
    marks["start"] = time.perf_counter()
    return _start(*a, **k)
def iamc_table(*a, **k):
    marks["end"] = time.perf_counter()
    return _iamc(*a, **k)
run_mod.start_scenarios, run_mod.iamc_table = start_scenarios, iamc_table
w, c = time.perf_counter(), time.process_time()
if kind == "inline":
    result = compute(ds, executor=InlineExecutor())
elif kind in ("owners", "one"):
    import carbonpath.sweeps.executor as executor_mod
    # CARBONPATH_RUN_THREADS=2 (two threads) or 1 (the run's own sequential path)
    executor_mod.run_threads = (lambda: 2) if kind == "owners" else (lambda: 1)
    result = compute(ds)
else:
    pool = cf.ThreadPoolExecutor(2) if kind == "thread" else process_pool(2)
    with pool:
        result = compute(ds, executor=pool)
wall = time.perf_counter() - w
own = time.process_time() - c
children = resource.getrusage(resource.RUSAGE_CHILDREN)
t = result.meta["timings"]
result.peak_curve.to_csv(out + "-peak.csv", index=False)
result.sensitivity.to_csv(out + "-sens.csv", index=False)
with open(out + "-pathways.csv", "w") as f:
    for name, tables in result.pathways.items():
        for key, frame in tables.items():
            if hasattr(frame, "to_csv"):
                f.write(f"# {name} {key}\n" + frame.to_csv(index=False))
with open(out + "-analysis.csv", "w") as f:  # the measure MACC's tables among them
    for key, frame in sorted((result.analysis or {}).items()):
        f.write(f"# {key}\n" + frame.to_csv(index=False))
print(json.dumps({"solve_part": marks["end"] - marks["start"],
                  "sweeps": t.get("sweeps", t.get("peak_curve", 0.0) + t.get("sensitivity", 0.0)),
                  "compute_wall": wall,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "thread_cpu": t.get("sweep_thread_cpu", []),
                  "compute_cpu": own + children.ru_utime + children.ru_stime}))
"""

KINDS = ("inline", "one", "owners", "thread", "process")


def one(kind: str, dataset: str, out: str, src: str | None = None) -> dict:
    """One fresh process running the job's compute with ``kind``; its figures.

    ``src``: the source folder to import carbonpath from (default: this process's
    ``PYTHONPATH``).
    """
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    proc = subprocess.run([sys.executable, "-c", CHILD, kind, dataset, out], env=env,
                          capture_output=True, text=True, check=False,
                          cwd=tempfile.gettempdir())
    if proc.returncode:
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run the kinds alternately; print a markdown table (and write JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dataset", help="a dataset folder (default: the frozen job)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--old", help="also run owners on the source tree of this git commit")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="comma-separated kinds to run (inline always runs: the reference)")
    args = parser.parse_args()
    kinds = ["inline", *[k for k in args.kinds.split(",") if k in KINDS and k != "inline"]]
    scratch = Path(tempfile.mkdtemp(prefix="carbonpath-executors-"))
    dataset = args.dataset or str(extract(FROZEN, "datasets/liaocheng", scratch))
    trees: dict[str, str | None] = dict.fromkeys(kinds)
    if args.old:
        (scratch / "old").mkdir()
        extract(args.old, "factors", scratch / "old")  # the bundled factor tables, beside src
        with contextlib.suppress(subprocess.CalledProcessError):  # trees before it had none
            extract(args.old, "catalogue", scratch / "old")  # the bundled catalogue, too
        label = f"owners@{args.old}"
        kinds.append(label)
        trees[label] = str(extract(args.old, "src", scratch / "old"))
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    same: dict[str, bool] = dict.fromkeys(kinds, True)
    loads = [os.getloadavg()[0]]
    for r in range(args.rounds):
        for kind in kinds:
            out = str(scratch / f"{kind}-{r}").replace("@", "-")
            runs[kind].append(one(kind.split("@")[0], dataset, out,
                                  trees[kind]))
            loads.append(os.getloadavg()[0])
            ref = scratch / f"inline-{r}"
            # the analysis (measure MACC: two warm chains since perf9) is compared for the
            # kinds of this tree; an --old tree's single chain differs at round-off
            parts = ("-peak.csv", "-sens.csv", "-pathways.csv")
            if trees[kind] is None:
                parts += ("-analysis.csv",)
            for part in parts:
                if Path(out + part).read_bytes() != Path(str(ref) + part).read_bytes():
                    same[kind] = False
            print(f"round {r + 1}: {kind} solve part {runs[kind][-1]['solve_part']:.1f} s",
                  file=sys.stderr)

    def fmt(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

    base = statistics.median(x["solve_part"] for x in runs["inline"])
    lines = ["| executor | solve part wall s | speed-up | sweeps wall s | compute wall s | "
             "compute CPU s | peak RSS MiB | same numbers |", "|---|---|---|---|---|---|---|---|"]
    for kind in kinds:
        part = [x["solve_part"] for x in runs[kind]]
        lines.append(f"| {kind} | {fmt(part)} | {base / statistics.median(part):.2f}x | "
                     f"{fmt([x['sweeps'] for x in runs[kind]])} | "
                     f"{fmt([x['compute_wall'] for x in runs[kind]])} | "
                     f"{fmt([x['compute_cpu'] for x in runs[kind]])} | "
                     f"{fmt([x['peak_rss_mib'] for x in runs[kind]])} | "
                     f"{'yes' if same[kind] else 'NO'} |")
    lines.append("")
    lines.append(f"{args.rounds} rounds; load average (1 min) {min(loads):.1f}-{max(loads):.1f} "
                 f"on {os.cpu_count()} cores (the machine's other work shares them).")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "same": same, "load_average": loads},
                                        indent=1))


if __name__ == "__main__":
    main()
