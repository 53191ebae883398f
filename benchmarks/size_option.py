"""The size case of the performance issue with and without ``coarse_balance_hours``.

    PYTHONPATH=src python benchmarks/size_option.py [--hours 24] [--time-limit 900]

Writes a Liaocheng-like case of 8 representative days x 24 h x 18 years (2023-2040): the
bundled Liaocheng dataset with each of its four seasonal days split into two days of half the
weight (same profiles), at the profiles' full 24 blocks a day. Then, each in a fresh process
(peak memory is per process), builds and cold-solves the ``plan`` scenario twice: as it is,
and with ``timeslices.coarse_balance_hours: 24`` (hydrogen, Liaocheng's one non-electricity
timeslice commodity, balanced per day). Prints the LP size, the cold-solve seconds, the peak
RSS and the objective of both, and their ratios (same run, same load). A solve that reaches
``--time-limit`` is reported as such.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
from carbonpath import PathwayModel, load_dataset
from carbonpath.errors import TimeLimitError
folder, limit = sys.argv[1], float(sys.argv[2])
t = time.perf_counter()
pm = PathwayModel(load_dataset(folder), scenario="plan", solver_options={"time_limit": limit})
h = pm.highs
out = {"setup": time.perf_counter() - t, "columns": h.num_col, "rows": h.num_row,
       "nonzeros": h.num_nz}
try:
    r = h.solve()
    out.update(solve=r.seconds, objective=r.objective, status=r.status)
except TimeLimitError as exc:
    out.update(solve=exc.details.get("seconds"), objective=None, status="time limit")
out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def write_case(dest: Path, coarse: int | None) -> Path:
    """The 8-day Liaocheng-like case (``coarse``: coarse_balance_hours, None = off)."""
    src = HERE.parent / "datasets" / "liaocheng"
    shutil.copytree(src, dest)
    config = yaml.safe_load((dest / "dataset.yaml").read_text(encoding="utf-8"))
    ts = config["timeslices"]
    days = []
    for day in ts["days"]:
        w = int(day["weight"])
        days += [{"name": f"{day['name']}_a", "weight": w // 2},
                 {"name": f"{day['name']}_b", "weight": w - w // 2}]
    ts["days"] = days
    ts.pop("model_hours", None)
    if coarse is not None:
        ts["coarse_balance_hours"] = coarse
    (dest / "dataset.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                       encoding="utf-8")
    lines = (dest / "profiles.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    out = [header]
    for suffix in ("_a", "_b"):
        for row in csv.reader(io.StringIO("\n".join(rows))):
            row[1] = row[1] + suffix
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(row)
            out.append(buf.getvalue())
    (dest / "profiles.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return dest


def run(folder: Path, limit: float) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(limit)],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coarse", type=int, default=24)
    parser.add_argument("--time-limit", type=float, default=900.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="carbonpath-size-") as tmp:
        full = run(write_case(Path(tmp) / "full", None), args.time_limit)
        print("full", json.dumps(full), file=sys.stderr, flush=True)
        coarse = run(write_case(Path(tmp) / "coarse", args.coarse), args.time_limit)
        print("coarse", json.dumps(coarse), file=sys.stderr, flush=True)
    ratios = {k: coarse[k] / full[k] for k in ("columns", "rows", "nonzeros", "solve",
                                               "peak_rss_mib") if full.get(k) and coarse.get(k)}
    diff = (None if full.get("objective") is None or coarse.get("objective") is None
            else (coarse["objective"] - full["objective"]) / full["objective"])
    print(json.dumps({"full": full, "coarse": coarse, "coarse_over_full": ratios,
                      "objective_relative_difference": diff}, indent=1))


if __name__ == "__main__":
    main()
