"""Measure HiGHS strategies on one dataset: cold solve and warm re-solve, one process each.

    PYTHONPATH=src python benchmarks/strategies.py liaocheng --hours 12
    PYTHONPATH=src python benchmarks/strategies.py 1e5          # a synthetic case by name

Each strategy runs in a fresh process: build, hand-off, cold solve with the strategy's options,
then a warm re-solve after moving the peak year two years earlier (the re-solve keeps the
strategy's options: HiGHS starts it from the previous basis where it has one). Prints a
markdown table; ``DEFAULT_OPTIONS`` in ``carbonpath.model.solve`` was chosen from it. (HiGHS's
new interior-point solver HiPO is not in the highspy wheel: it lacks BLAS and METIS.)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

STRATEGIES: dict[str, dict] = {
    "dual simplex, presolve": {"solver": "simplex", "presolve": "on", "threads": 1},
    "dual simplex, no presolve": {"solver": "simplex", "presolve": "off", "threads": 1},
    "primal simplex, presolve": {"solver": "simplex", "simplex_strategy": 4, "threads": 1},
    "dual simplex PAMI, 2 threads": {"solver": "simplex", "simplex_strategy": 2,
                                     "threads": 2, "parallel": "on"},
    "IPM + crossover, 1 thread": {"solver": "ipm", "run_crossover": "on", "threads": 1},
    "IPM + crossover, 2 threads": {"solver": "ipm", "run_crossover": "on", "threads": 2},
}

WORKER = r"""
import json, sys, time
from carbonpath.model.build import PathwayModel
options = json.loads(sys.argv[2])
hours = int(sys.argv[3]) or None
pm = PathwayModel(sys.argv[1], scenario="plan", hours=hours, solver_options=options)
h = pm.highs
out = {}
try:
    r = h.solve()
    out.update(solve=r.seconds, objective=r.objective, iterations=r.iterations)
    start = time.perf_counter()
    pm.update(peak_year=pm.peak_year - 2)
    r = h.solve()
    out.update(resolve=time.perf_counter() - start, resolve_iterations=r.iterations,
               resolve_objective=r.objective)
except Exception as exc:
    out["error"] = f"{type(exc).__name__}: {exc}"
out["size"] = pm.size
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", help="a dataset name or folder, or a case of model_cases")
    parser.add_argument("--hours", type=int, default=0)
    parser.add_argument("--only", default="", help="strategy names separated by ;")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    with tempfile.TemporaryDirectory() as tmp:
        dataset = args.dataset
        sys.path.insert(0, str(HERE))
        import model_cases

        if dataset in model_cases.CASES:
            dataset = str(model_cases.write_case(Path(tmp) / dataset,
                                                 model_cases.CASES[dataset]))
        rows = ["| strategy | options | cold solve s | iterations | re-solve (peak year) s | "
                "iterations | objective |", "|---|---|---|---|---|---|---|"]
        chosen = [s for s in args.only.split(";") if s] or list(STRATEGIES)
        for name in chosen:
            options = STRATEGIES[name]
            proc = subprocess.run([sys.executable, "-c", WORKER, dataset, json.dumps(options),
                                   str(args.hours)], capture_output=True, text=True, env=env,
                                  check=False)
            try:
                out = json.loads(proc.stdout.strip().splitlines()[-1])
            except (IndexError, json.JSONDecodeError):
                out = {"error": proc.stderr.strip().splitlines()[-1:]}
            if "error" in out:
                rows.append(f"| {name} | `{json.dumps(options)}` | {out['error']} | | | | |")
            else:
                rows.append(f"| {name} | `{json.dumps(options)}` | {out['solve']:.2f} | "
                            f"{out['iterations']} | {out['resolve']:.2f} | "
                            f"{out['resolve_iterations']} | {out['objective']:.6g} |")
            print(rows[-1], file=sys.stderr, flush=True)
    print(f"dataset {args.dataset}, hours {args.hours or 'default'}, size {out.get('size')}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
