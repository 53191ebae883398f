"""Scenario sweeps: MACC points and time, decomposition residuals, cold vs warm scenarios.

Run from the repository root::

    PYTHONPATH=src python benchmarks/scenarios.py [--out benchmarks/scenarios-results]

It writes ``results.md`` (the numbers) and PNG figures into the output folder. Times are
wall-clock on whatever machine runs it; compare them by ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib
import yaml

matplotlib.use("Agg")

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.scenarios import (
    compare_scenarios,
    lever_decomposition,
    measure_contributions,
    measure_macc_figure,
    solve_scenario,
    system_macc,
    system_macc_figure,
)


def _rows(tech: str, unit: str, points: tuple) -> list[dict]:
    return [{"technology": tech, "parameter": "min_capacity", "year": y, "value": v,
             "unit": unit, "source": "assumption: benchmark measure"} for y, v in points]


LIAOCHENG_MEASURES = [  # forced builds the least-cost baseline does not make
    {"name": "alumina_advanced", "changes": {"parameters": _rows(
        "alumina_bayer_advanced", "t/yr", ((2024, 0), (2030, 2.0e6), (2040, 5.0e6)))}},
    {"name": "textile_efficient", "changes": {"parameters": _rows(
        "textile_mill_efficient", "t/yr", ((2024, 0), (2030, 5.0e5), (2040, 1.0e6)))}},
    {"name": "pipe_electric", "changes": {"parameters": _rows(
        "steel_pipe_mill_electric", "t/yr", ((2024, 0), (2030, 1.5e6), (2040, 3.0e6)))}},
]
TINY_MEASURES = [
    {"name": "pv_buildout", "changes": {"parameters": [
        {"technology": "pv", "parameter": "min_capacity", "year": y, "value": v, "unit": "MW",
         "source": "assumption: benchmark"} for y, v in ((2025, 100), (2030, 1500))]}},
    {"name": "imports", "changes": {"parameters": [
        {"technology": "grid_import", "parameter": "min_activity", "year": y, "value": v,
         "unit": "GWh/yr", "source": "assumption: benchmark"} for y, v in ((2025, 0),
                                                                            (2030, 800))]}},
    {"name": "battery", "technologies": ["battery"]},
]


def with_measures(name: str, items: list[dict], extra: dict | None = None) -> cp.Dataset:
    folder = Path(tempfile.mkdtemp()) / name
    shutil.copytree(data_path("datasets") / name, folder)
    path = folder / "dataset.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["measures"] = {"base": "baseline",
                          "list": [dict(m, source="assumption: benchmark") for m in items]}
    config["scenarios"].update(extra or {})
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return cp.load_dataset(folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="benchmarks/scenarios-results")
    parser.add_argument("--datasets", default="tiny,liaocheng")
    args = parser.parse_args()
    chosen = args.datasets.split(",")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = ["# Scenario sweeps", ""]
    for name, year, items in (("tiny", 2030, TINY_MEASURES),
                              ("liaocheng", 2030, LIAOCHENG_MEASURES)):
        if name not in chosen:
            continue
        extra = {f"variant_{k}": {"extends": "plan"} for k in range(2)}
        ds = with_measures(name, items, extra)
        lines += [f"## {name}", ""]
        # system MACC, one year and cumulative
        for y in (year, None):
            t0 = time.perf_counter()
            curve = system_macc(ds, year=y, steps=8, depth=0.4)
            total = time.perf_counter() - t0
            t = curve.table
            ok = t[t["status"] == "optimal"]
            warm = ok["seconds"].iloc[1:].mean() if len(ok) > 1 else float("nan")
            where = "cumulative" if y is None else str(y)
            lines.append(f"- system MACC ({where}): {len(ok)} points of {len(t)} steps in "
                         f"{total:.1f} s (first solve {t['seconds'].iloc[0]:.2f} s, warm "
                         f"re-solve {warm:.3f} s mean); "
                         f"{curve.reachable.get('message') or 'all reachable'}")
            lines.append("  - " + "; ".join(f"{r.abatement:.3f} Mt at {r.price:.1f} CNY/t"
                                             for r in ok.itertuples()))
            fig = system_macc_figure(curve, title=f"{name}: system MACC ({where})")
            fig.savefig(out / f"{name}_system_macc_{where}.png", dpi=110)
        # measures: Shapley, residual, figure
        t0 = time.perf_counter()
        contrib = measure_contributions(ds)
        total = time.perf_counter() - t0
        lines.append(f"- measures ({contrib.method}, {contrib.solves} solves) in {total:.1f} s; "
                     f"max relative residual {contrib.max_relative_residual():.2e}")
        for r in contrib.table.sort_values("cost_per_tonne").itertuples():
            lines.append(f"  - {r.measure}: {r.abatement_cumulative:.3f} Mt cumulative, "
                         f"{r.cost:.1f} MCNY, {r.cost_per_tonne:.1f} CNY/t")
        measure_macc_figure(contrib, title=f"{name}: measure MACC").savefig(
            out / f"{name}_measure_macc.png", dpi=110)
        # lever decomposition of baseline vs plan
        base, plan = solve_scenario(ds, "baseline"), solve_scenario(ds, "plan")
        levers = lever_decomposition(ds, base, plan)
        scale = float(levers["gap"].abs().max())
        rel = float(levers["residual"].abs().max()) / scale if scale else 0.0
        lines.append(f"- levers baseline - plan: max |gap| {scale:.1f} kt, max relative "
                     f"residual {rel:.2e}")
        # cold vs warm: each extra scenario solved cold, vs an extra warm re-solve
        names = ["baseline", "plan", *extra]
        t0 = time.perf_counter()
        comp = compare_scenarios(ds, names)
        cold = time.perf_counter() - t0
        with ProcessPoolExecutor(2) as pool:
            t0 = time.perf_counter()
            compare_scenarios(ds, names, executor=pool)
            parallel = time.perf_counter() - t0
        per = cold / len(names)
        lines.append(f"- {len(names)} scenarios cold: {cold:.1f} s ({per:.2f} s per scenario; "
                     f"build+solve {min(comp.seconds.values()):.2f}-"
                     f"{max(comp.seconds.values()):.2f} s); through a 2-process pool "
                     f"{parallel:.1f} s; a warm MACC re-solve {warm:.3f} s = 1/{per / warm:.0f} "
                     "of a cold scenario")
        lines.append("")
        (out / f"results-{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines), flush=True)
        lines = []


if __name__ == "__main__":
    main()
