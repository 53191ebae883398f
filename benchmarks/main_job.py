"""What a user waits for: the main job from a cold process to the written report, by stage.

    PYTHONPATH=src python benchmarks/main_job.py                       # 3 runs of this tree
    PYTHONPATH=src python benchmarks/main_job.py --repeat 5 --json out.json
    python benchmarks/main_job.py --old 81ef6cd --src src --bytecode compile  # as stop 13
    python benchmarks/main_job.py --old 81ef6cd --src src               # old and new, one run
    python benchmarks/main_job.py --without pyarrow,scipy,dask          # as a core install

The job is frozen: by default the dataset is the Liaocheng dataset as it was at commit
``FROZEN`` (the main job the performance goals were set on), taken from git, so that later
changes to the bundled dataset do not move the goal (``--dataset liaocheng`` runs today's).
``--old REV`` adds the source tree of commit REV (extracted from git into a temporary folder)
as the first tree, so that old and new code are measured in one session.

Each run is a fresh Python process (imports included) that runs ``carbonpath.run.run`` on the
frozen copy of the job (``--dataset``, default the bundled ``liaocheng``) into a temporary
folder. Stages are measured by wrapping the functions that do each job, wall and CPU seconds
(CPU = the CPU time of the thread that ran the stage, so that a solve in a worker thread and
the main thread's work meanwhile are each counted once; the total is the process's user +
system time; wall = the main thread's; a stage run in worker threads, as the solves of the
default run are, has its wall time listed apart as "<stage>, wall in worker threads", outside
the sums, since it overlaps the main thread's stages):

- ``imports``: ``import carbonpath.run`` (what ``carbonpath run`` imports) and, when the run
  has written its results, the report's modules (matplotlib), as a user's run loads them;
- ``data``: ``load_dataset`` and ``ModelData.from_dataset`` (data preparation per scenario);
- ``build``: the Pyomo build (``PathwayModel._build``);
- ``handoff``: compiling the Pyomo model and passing it to HiGHS (``HighsModel._load``);
- ``solves``: every ``HighsModel.solve`` (cold and warm, the diagnosis's too);
- ``extraction``: ``make_pathway`` (result tables from a solution);
- ``figures``: ``Figure.savefig`` calls of the report (layout and file writing of figures);
- ``report``: the rest of ``write_report`` (``render_report`` in trees before it existed):
  templates, tables, figure drawing, the embedded font subset;
- ``writing``: ``_write_results`` (``save_results`` in older trees): CSV and JSON files;
- ``other``: the rest of the wall time (inventory, sweeps' bookkeeping, folder handling).

Stages nest nowhere (each wrapped function is outside the others) except ``figures``, which is
taken out of ``report``. Memory: ``rss_growth`` is how much the peak resident set size
(``ru_maxrss``) grew during each stage (``imports`` from the process start); the growths add
up to the peak RSS, so they show where the peak is reached. With ``--src`` given more than
once, the trees run alternately in the same session, so that their ratio is measured under
the same load. Figures reported: median,
min and max over the runs (not best-of-N).

Bytecode (``--bytecode``): an installed carbonpath reads its modules from the ``.pyc`` files
that the installer compiled, but a source tree on ``PYTHONPATH`` is compiled again in every
process where ``PYTHONDONTWRITEBYTECODE`` is set (as on the build machine: about 0.2 s of the
imports). By default (``cached``) every tree is therefore run once untimed, with
``PYTHONPYCACHEPREFIX`` pointing at a scratch folder, and the timed runs read the bytecode
from there (site-packages' too, which the prefix also holds), so that old and new trees are
both measured as installed. ``--bytecode compile`` keeps the environment's setting (the
figures of stop 13 and before were measured so).
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
FROZEN = "81ef6cd"  # the main job of the performance issue: Liaocheng, two scenarios, 12 blocks


def extract(rev: str, path: str, dest: Path) -> Path:
    """Extract ``path`` of commit ``rev`` of this repository into ``dest``; return the copy."""
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, path],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / path

CHILD = r"""
import json, os, resource, sys, time, tempfile
for _name in filter(None, os.environ.get("MAIN_JOB_WITHOUT", "").split(",")):
    sys.modules[_name] = None  # as if not installed (--without)
t0, c0 = time.perf_counter(), time.process_time()
import carbonpath.run as run_mod  # what `carbonpath run` imports before it starts
stages = {"imports": [time.perf_counter() - t0, time.process_time() - c0]}

def maxrss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

# growth of the peak RSS during each stage (the peak is monotonic: the growths add up to it)
memory = {"start": 0.0, "imports": maxrss()}
depth = [0]

import threading
MAIN = threading.main_thread()
LOCAL = threading.local()
thread_wall = {}  # wall seconds of stages run in worker threads (they overlap the main thread)

def timed(stage, func):
    # CPU: the calling thread's (time.thread_time), so that a solve in a worker thread and the
    # main thread's work meanwhile are each counted once; wall: of the main thread's stages
    # only (a worker thread's stage overlaps them: its wall is kept apart, in thread_wall);
    # memory: growth during the main thread's stages (worker threads' growth included)
    def wrapper(*args, **kwargs):
        main = threading.current_thread() is MAIN
        w, c = time.perf_counter(), time.thread_time()
        r = maxrss()
        outer = getattr(LOCAL, "depth", 0)
        LOCAL.depth = outer + 1
        try:
            return func(*args, **kwargs)
        finally:
            LOCAL.depth = outer
            acc = stages.setdefault(stage, [0.0, 0.0])
            acc[1] += time.thread_time() - c
            if main:
                acc[0] += time.perf_counter() - w
                memory[stage] = memory.get(stage, 0.0) + maxrss() - r
                if outer:  # a stage inside another (figures in the report): not counted twice
                    memory["_nested"] = memory.get("_nested", 0.0) + maxrss() - r
            else:
                thread_wall[stage] = thread_wall.get(stage, 0.0) + time.perf_counter() - w
    wrapper.__wrapped_stage__ = stage
    return wrapper

def patch(module_names, name, stage):
    # replace the function wherever a carbonpath module holds it (``from x import f`` aliases);
    # modules are chosen by their key in sys.modules: touching the attributes of other entries
    # resolves Pyomo's deferred imports (scipy.stats: +56 MiB, which a real run never loads)
    original = None
    for key, mod in list(sys.modules.items()):
        if mod is None or not key.startswith(module_names):
            continue
        if name in vars(mod) and original is None:
            original = vars(mod)[name]
    if original is None:
        return
    wrapped = timed(stage, original)
    for key, mod in list(sys.modules.items()):
        if mod is not None and key.startswith("carbonpath"):
            if vars(mod).get(name) is original:
                setattr(mod, name, wrapped)

import carbonpath.model.build as build_mod
import carbonpath.model.data as data_mod
import carbonpath.model.solve as solve_mod

def patch_report():
    # The report's modules (matplotlib) are imported when the run first needs them, as in a
    # user's run (a tree that imports them earlier pays for them there): here, right after
    # the results are written, timed as imports; then its functions are wrapped.
    w, c, r = time.perf_counter(), time.process_time(), maxrss()
    import carbonpath.report.render as render_mod
    import matplotlib.figure
    stages["imports"][0] += time.perf_counter() - w
    stages["imports"][1] += time.process_time() - c
    memory["imports"] += maxrss() - r
    # ``write_report`` where the run calls it (newer trees), else ``render_report``
    if hasattr(render_mod, "write_report"):
        patch("carbonpath.report.render", "write_report", "report")
    else:
        patch("carbonpath.report.render", "render_report", "report")
    matplotlib.figure.Figure.savefig = timed("figures", matplotlib.figure.Figure.savefig)

patch("carbonpath.dataset", "load_dataset", "data")
patch("carbonpath.model.results", "make_pathway", "extraction")
# writing the results: ``_write_results`` where the run has it (newer trees), else
# ``save_results``
WRITER = "_write_results" if hasattr(run_mod, "_write_results") else "save_results"
patch("carbonpath.run", WRITER, "writing")
_writing = getattr(run_mod, WRITER)

def save_then_patch(*args, **kwargs):
    try:
        return _writing(*args, **kwargs)
    finally:
        if not getattr(save_then_patch, "done", False):
            save_then_patch.done = True
            patch_report()

for _key, _mod in list(sys.modules.items()):
    if _key.startswith("carbonpath") and vars(_mod).get(WRITER) is _writing:
        setattr(_mod, WRITER, save_then_patch)
original_from = data_mod.ModelData.from_dataset.__func__
data_mod.ModelData.from_dataset = classmethod(timed("data", original_from))
build_mod.PathwayModel._build = timed("build", build_mod.PathwayModel._build)
solve_mod.HighsModel._load = timed("handoff", solve_mod.HighsModel._load)
solve_mod.HighsModel.solve = timed("solves", solve_mod.HighsModel.solve)

dataset = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    run_mod.run(dataset, out=f"{tmp}/out")
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
if "report" in stages and "figures" in stages:
    stages["report"] = [a - b for a, b in zip(stages["report"], stages["figures"])]
known = [sum(v[i] for v in stages.values()) for i in (0, 1)]
stages["other"] = [wall - known[0], cpu - known[1]]
for _stage, _seconds in thread_wall.items():  # overlapped: outside the sums above
    stages[f"{_stage}, wall in worker threads"] = [_seconds, 0.0]
rss = maxrss()
if "report" in memory:
    memory["report"] -= memory.pop("_nested", 0.0)
memory.pop("_nested", None)
memory["other"] = rss - sum(v for k, v in memory.items())
print(json.dumps({"wall": wall, "cpu": cpu, "peak_rss_mib": rss, "stages": stages,
                  "rss_growth": memory}))
"""


def one_run(src: str, dataset: str, without: str = "", pycache: Path | None = None) -> dict:
    """Run the job once in a fresh process with ``src`` first on the path; return its figures.

    ``without``: comma-separated modules made unimportable in the child (as if not installed).
    ``pycache``: a folder for compiled bytecode (``PYTHONPYCACHEPREFIX``, written and read as
    an installed package's ``.pyc`` files are); None: the environment's own setting (this
    machine sets ``PYTHONDONTWRITEBYTECODE=1``, so every run compiles carbonpath's sources).
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["MAIN_JOB_WITHOUT"] = without
    env["PYTHONPATH"] = os.pathsep.join([str(Path(src).resolve()), env.get("PYTHONPATH", "")])
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run([sys.executable, "-c", CHILD, dataset], capture_output=True, text=True,
                          env=env, check=False, cwd=tempfile.gettempdir())
    if proc.returncode:
        raise RuntimeError(f"the job failed with {src}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summary(runs: list[dict]) -> dict:
    """Median, min and max of every figure over the runs."""
    def stats(values: list[float]) -> dict:
        return {"median": statistics.median(values), "min": min(values), "max": max(values)}

    out = {key: stats([r[key] for r in runs]) for key in ("wall", "cpu", "peak_rss_mib")}
    names = sorted({s for r in runs for s in r["stages"]})
    out["stages"] = {
        s: {"wall": stats([r["stages"].get(s, [0.0, 0.0])[0] for r in runs]),
            "cpu": stats([r["stages"].get(s, [0.0, 0.0])[1] for r in runs])} for s in names}
    grown = sorted({s for r in runs for s in r.get("rss_growth", {})})
    out["rss_growth"] = {s: stats([r.get("rss_growth", {}).get(s, 0.0) for r in runs])
                         for s in grown}
    out["cpu_outside_solves"] = stats([r["cpu"] - r["stages"].get("solves", [0, 0])[1]
                                       for r in runs])
    out["runs"] = len(runs)
    return out


def table(label: str, s: dict) -> str:
    """A markdown table of one tree's summary."""
    def fmt(x: dict) -> str:
        return f"{x['median']:.2f} ({x['min']:.2f}-{x['max']:.2f})"

    lines = [f"### {label} ({s['runs']} runs; median (min-max))", "",
             "| stage | wall s | CPU s |", "|---|---|---|"]
    for name, v in s["stages"].items():
        lines.append(f"| {name} | {fmt(v['wall'])} | {fmt(v['cpu'])} |")
    lines.append(f"| **total** | {fmt(s['wall'])} | {fmt(s['cpu'])} |")
    lines.append(f"| CPU outside HiGHS solves | | {fmt(s['cpu_outside_solves'])} |")
    lines.append(f"| peak RSS MiB | {fmt(s['peak_rss_mib'])} | |")
    if s.get("rss_growth"):
        lines += ["", "Growth of the peak RSS by stage, MiB (they add up to the peak):", "",
                  "| stage | MiB |", "|---|---|"]
        lines += [f"| {name} | {fmt(v)} |" for name, v in s["rss_growth"].items()]
    return "\n".join(lines)


def main() -> None:
    """Parse the options, run the trees alternately, print the tables (and write JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", help="a source tree (repeatable)")
    parser.add_argument("--old", help="also run the source tree of this git commit (first)")
    parser.add_argument("--dataset", help="a dataset name or folder (default: the frozen job)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--without", default="",
                        help="modules to hide, as in an install without them, e.g. "
                             "pyarrow,scipy,dask (the extras a core install lacks)")
    parser.add_argument("--bytecode", choices=("cached", "compile"), default="cached",
                        help="cached (default): every tree's modules are compiled once, in an "
                             "untimed warm-up run, and read from bytecode afterwards, as in an "
                             "installed package; compile: the environment's setting (with "
                             "PYTHONDONTWRITEBYTECODE=1, every run compiles the sources)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="carbonpath-main-job-"))
    dataset = args.dataset or str(extract(FROZEN, "datasets/liaocheng", scratch))
    trees = args.src or [str(HERE.parent / "src")]
    if args.old:
        (scratch / "old").mkdir()
        extract(args.old, "factors", scratch / "old")  # the bundled factor tables, beside src
        trees = [str(extract(args.old, "src", scratch / "old")), *trees]
    runs: dict[str, list[dict]] = {t: [] for t in trees}
    pycache = scratch / "pycache" if args.bytecode == "cached" else None
    if pycache is not None:  # one prefix for all trees: their files have different paths
        for tree in trees:
            one_run(tree, dataset, args.without, pycache)
            print(f"warm-up run of {tree} (bytecode written, not counted)", file=sys.stderr)
    loads = [os.getloadavg()[0]]
    for i in range(args.repeat):
        for tree in trees:
            runs[tree].append(one_run(tree, dataset, args.without, pycache))
            loads.append(os.getloadavg()[0])
            print(f"run {i + 1}/{args.repeat} of {tree}: {runs[tree][-1]['wall']:.1f} s",
                  file=sys.stderr)
    result = {tree: summary(r) for tree, r in runs.items()}
    for tree, s in result.items():
        print(table(tree, s), "\n")
    print(f"Load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f} "
          f"on {os.cpu_count()} cores. Bytecode: {args.bytecode}.\n")
    if len(trees) > 1:
        print(comparison(result[trees[0]], result[trees[-1]], args.old or trees[0]), "\n")
        base = result[trees[0]]
        for tree in trees[1:]:
            s = result[tree]
            print(f"{tree} / {trees[0]}: wall {s['wall']['median'] / base['wall']['median']:.2f}x,"
                  f" CPU outside solves {s['cpu_outside_solves']['median'] / base['cpu_outside_solves']['median']:.2f}x")  # noqa: E501
    if args.json:
        args.json.write_text(json.dumps({**result, "load_average": loads,
                                         "bytecode": args.bytecode}, indent=1))


#: The issue's goals for the main job, as (figure, goal as text, test of new against old).
GOALS = {"peak_rss_mib": "<= 300 MiB", "cpu_outside_solves": "<= 0.4x", "wall": "<= 0.6x"}


def comparison(old: dict, new: dict, old_label: str) -> str:
    """The summary table for benchmarks/README.md: old and new medians, ratios, goals."""
    def fmt(x: dict) -> str:
        return f"{x['median']:.2f} ({x['min']:.2f}-{x['max']:.2f})"

    rows = [("peak RSS MiB", "peak_rss_mib"), ("CPU outside HiGHS solves s", "cpu_outside_solves"),
            ("wall s", "wall"), ("CPU s (total)", "cpu")]
    lines = [f"| figure | {old_label} | this tree | new / old | goal |", "|---|---|---|---|---|"]
    for label, key in rows:
        ratio = new[key]["median"] / old[key]["median"]
        lines.append(f"| {label} | {fmt(old[key])} | {fmt(new[key])} | {ratio:.2f} | "
                     f"{GOALS.get(key, '')} |")
    lines += ["", "CPU s by stage, median (old -> new):", "",
              "| stage | old | new | new / old |", "|---|---|---|---|"]
    for name in sorted(set(old["stages"]) | set(new["stages"])):
        a = old["stages"].get(name, {}).get("cpu", {}).get("median", 0.0)
        b = new["stages"].get(name, {}).get("cpu", {}).get("median", 0.0)
        lines.append(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.2f} |" if a else
                     f"| {name} | {a:.2f} | {b:.2f} | |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
