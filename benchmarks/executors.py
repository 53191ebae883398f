"""The main job's independent solves on 2 cores: in this process, a thread pool, a process pool.

    PYTHONPATH=src python benchmarks/executors.py                  # frozen job, 3 rounds
    PYTHONPATH=src python benchmarks/executors.py --rounds 5 --json out.json

Each run is a fresh Python process that runs ``carbonpath.run.compute`` on the frozen main job
(the Liaocheng dataset of commit ``main_job.FROZEN``, two scenarios, 12 blocks) with one
executor for the run's own sweeps (the cost-of-peaking curve's 11 points and the sensitivity's
14 capex pairs, 39 warm solves); the scenarios themselves are built and solved first, in
the process, whatever the executor. Kinds:

- ``inline``: in this process, on the models the run built (``executor=None``, sequential);
- ``thread``: ``ThreadPoolExecutor(2)``; each thread builds its own copy of each model and
  starts its first solve from the run's optimal basis (0 iterations);
- ``process``: ``process_pool(2)`` (forkserver); each process builds and cold-solves its own.

Figures per kind, median (min-max) over ``--rounds`` rounds (kinds alternate within a round,
so they share the load): the sweeps' wall seconds (``meta["timings"]`` peak_curve +
sensitivity: what the executor changes), the whole compute's wall and CPU seconds (CPU of
this process and its children), and whether the peak curve and the sensitivity equal the
in-process run's exactly. The speed-up is inline's sweep wall over the kind's.
"""

from __future__ import annotations

import argparse
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
from carbonpath.run import compute
from carbonpath.sweeps.executor import process_pool

ds = load_dataset(dataset)
w, c = time.perf_counter(), time.process_time()
if kind == "inline":
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
print(json.dumps({"sweeps": t.get("peak_curve", 0.0) + t.get("sensitivity", 0.0),
                  "peak_curve": t.get("peak_curve", 0.0),
                  "sensitivity": t.get("sensitivity", 0.0),
                  "compute_wall": wall,
                  "compute_cpu": own + children.ru_utime + children.ru_stime}))
"""

KINDS = ("inline", "thread", "process")


def one(kind: str, dataset: str, out: str) -> dict:
    """One fresh process running the job's compute with ``kind``; its figures."""
    env = dict(os.environ)
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
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="carbonpath-executors-"))
    dataset = args.dataset or str(extract(FROZEN, "datasets/liaocheng", scratch))
    runs: dict[str, list[dict]] = {k: [] for k in KINDS}
    same: dict[str, bool] = dict.fromkeys(KINDS, True)
    loads = [os.getloadavg()[0]]
    for r in range(args.rounds):
        for kind in KINDS:
            out = str(scratch / f"{kind}-{r}")
            runs[kind].append(one(kind, dataset, out))
            loads.append(os.getloadavg()[0])
            ref = scratch / f"inline-{r}"
            for part in ("-peak.csv", "-sens.csv"):
                if Path(out + part).read_bytes() != Path(str(ref) + part).read_bytes():
                    same[kind] = False
            print(f"round {r + 1}: {kind} sweeps {runs[kind][-1]['sweeps']:.1f} s",
                  file=sys.stderr)

    def fmt(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

    base = statistics.median(x["sweeps"] for x in runs["inline"])
    lines = ["| executor | sweeps wall s | speed-up | compute wall s | compute CPU s | "
             "same numbers |", "|---|---|---|---|---|---|"]
    for kind in KINDS:
        sweeps = [x["sweeps"] for x in runs[kind]]
        lines.append(f"| {kind} | {fmt(sweeps)} | {base / statistics.median(sweeps):.2f}x | "
                     f"{fmt([x['compute_wall'] for x in runs[kind]])} | "
                     f"{fmt([x['compute_cpu'] for x in runs[kind]])} | "
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
