"""Where the pathway model's memory goes: RSS and tracemalloc by stage, against raw highspy.

    PYTHONPATH=src python benchmarks/memory.py --case 1e5 --repeat 3 [--trace] [--no-operations]
        [--skip-preimport] [--old OLD_TREE]

For the case (``model_cases.CASES``; the families of issue 12 on unless
``--no-operations``) it writes the synthetic dataset once, then runs in turns, each in a
fresh process (``bench_model.py``):

1. ``carbonpath --stages`` (RSS now and peak after each stage), which also saves the LP's
   arrays and the names of every module it loaded;
2. ``raw`` on those arrays (the reference);
3. ``carbonpath --stages --preimport``: the same, with every module of run 1 imported
   before the start figure is taken, so that the imports the route makes lazily
   (while loading, building and handing over) count as imports;
4. with ``--trace``, ``carbonpath --stages --trace`` (tracemalloc by stage; slower);
5. with ``--old OLD_TREE`` (a folder holding another version's ``src``, e.g. from
   ``git archive REV src | tar -x -C OLD_TREE``), ``carbonpath --stages`` of that version on
   the same dataset, with this ``bench_model.py`` copied into ``OLD_TREE/benchmarks``.

``--skip-preimport`` leaves run 3 out. ``--generator FILE`` writes the case with another
version's ``model_cases.py`` (the dataset an older tree can read).

It prints one JSON object: per run the figures of ``bench_model.py``, and the medians of the
ratios of peak memory after the hand-off, net of each process's memory after its imports
(the figure of ``run_all.py``), with and without the lazy imports counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import model_cases  # noqa: E402
from run_all import run_route  # noqa: E402


def _net(fig: dict) -> float:
    return fig["rss_handoff"] - fig["rss_start"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="1e5")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--no-operations", action="store_true")
    parser.add_argument("--skip-preimport", action="store_true")
    parser.add_argument("--old", default=None)
    parser.add_argument("--generator", default=None)
    args = parser.parse_args()
    cases = model_cases
    if args.generator:
        import importlib.util

        spec = importlib.util.spec_from_file_location("generator", args.generator)
        cases = importlib.util.module_from_spec(spec)
        sys.modules["generator"] = cases  # (dataclasses look their module up)
        spec.loader.exec_module(cases)
    if args.old:
        import shutil

        (Path(args.old) / "benchmarks").mkdir(exist_ok=True)
        shutil.copy(HERE / "bench_model.py", Path(args.old) / "benchmarks" / "bench_model.py")
    case = cases.CASES[args.case]
    if args.no_operations:
        from dataclasses import replace

        case = replace(case, operations=False)
    runs = []
    with tempfile.TemporaryDirectory(prefix="carbonpath-memory-") as tmp:
        data = str(cases.write_case(Path(tmp) / f"case_{args.case}", case))
        arrays, modules = str(Path(tmp) / "lp.npz"), str(Path(tmp) / "modules.txt")
        for i in range(args.repeat):
            print(f"round {i + 1}", file=sys.stderr, flush=True)
            run = {"carbonpath": run_route("carbonpath", data, False, arrays,
                                           extra=["--stages", "--modules", modules])}
            run["raw"] = run_route("raw", arrays, False, None)
            if not args.skip_preimport:
                run["preimported"] = run_route("carbonpath", data, False, None,
                                               extra=["--stages", "--preimport", modules])
            if args.old:
                run["old"] = run_route("carbonpath", data, False, None, extra=["--stages"],
                                       script=Path(args.old) / "benchmarks" / "bench_model.py")
            if args.trace:
                run["traced"] = run_route("carbonpath", data, False, None,
                                          extra=["--stages", "--trace"])
            runs.append(run)
    out: dict = {"case": args.case, "operations": not args.no_operations, "runs": runs}
    for name in ("carbonpath", "preimported", "old"):
        if name not in runs[0]:
            continue
        net = [_net(r[name]) / _net(r["raw"]) for r in runs]
        speed = [(r[name]["build"] + r[name]["handoff"]) / r["raw"]["build_handoff"]
                 for r in runs]
        out[name] = {"net_memory_ratios": net, "median_net_memory_ratio": statistics.median(net),
                     "total_memory_ratios": [r[name]["rss_handoff"] / r["raw"]["rss_handoff"]
                                             for r in runs],
                     "build_handoff_ratios": speed,
                     "median_build_handoff_ratio": statistics.median(speed)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
