"""The run's own sweeps: the cost-of-peaking curve and the capex sensitivity (warm re-solves).

Moved out of :mod:`carbonpath.run`, which re-exports every name.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.model import Pathway, PathwayModel

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def _spec(ds: Dataset, scenario: str, solver_options: dict[str, Any] | None,
          hours: int | None) -> Any:
    from carbonpath.sweeps.executor import ModelSpec

    return ModelSpec(ds, scenario, hours, tuple(sorted((solver_options or {}).items())))


@contextlib.contextmanager
def _seeded(specs: dict[str, Any], models: dict[str, PathwayModel]):
    """The built models in this process's sweep cache while the sweeps run (no rebuild)."""
    from carbonpath.sweeps.executor import forget, seed_cache

    for name, spec in specs.items():
        seed_cache(spec, models[name])
    try:
        yield
    finally:
        for spec in specs.values():
            forget(spec)


def _peak_curve(ds: Dataset, model: PathwayModel | None, baseline: Pathway | None,
                peak_years: list[int] | None, progress: Progress,
                timings: dict[str, Any], spec: Any = None, executor: Any = None) -> pd.DataFrame:
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import peak_point

    columns = ["peak_year", "status", "objective", "cost_of_peaking", "peak_level", "peak_at",
               "binds"]
    if model is None or not any(r.type == "peak_year" for r in model.target_rows.values()) \
            or (peak_years is not None and not list(peak_years)):  # [] asks for no curve
        return pd.DataFrame(columns=columns)
    years = peak_years or [y for y in range(2026, 2036) if y in ds.years[1:-1]]
    progress(f"cost of peaking: {len(years)} peak years by warm re-solves")
    t0 = time.perf_counter()
    # the cost of the peak rule is measured against the same scenario without it (every
    # other target kept; the peak year at the horizon leaves no peak row active), not against
    # the baseline (carbonpath.scenarios.peak); the last task is that point
    tasks = [(spec, year) for year in [*years, ds.years[-1]]]
    points, _ = run_tasks(peak_point, tasks, executor)
    for point in points:
        if isinstance(point, BaseException):
            raise point
    free_status, free = points[-1][0], points[-1][1]
    if free_status != "optimal":
        free = baseline.objective if baseline is not None else float("nan")
    rows = []
    seconds: dict[str, float] = {}  # timings go to run.json only: result tables reproduce
    for year, point in zip(years, points[:-1], strict=True):
        status, objective, level, at, seconds[str(year)] = point
        if status != "optimal":
            rows.append((year, status, objective, float("nan"), level, at, None))
            continue
        cost = objective - free
        binds = bool(cost > 1e-7 * max(1.0, abs(objective)))
        rows.append((year, status, objective, cost if binds else 0.0, level, at, binds))
    timings["peak_curve"] = time.perf_counter() - t0
    timings["peak_curve_years"] = seconds
    return pd.DataFrame(rows, columns=columns)


def _estimated(source: str) -> bool:
    text = (source or "").strip().lower()
    return text.startswith(("assumption", "estimate"))


def _sensitivity(ds: Dataset, models: dict[str, PathwayModel], pathways: dict[str, Pathway],
                 factor: float, progress: Progress, timings: dict[str, Any],
                 specs: dict[str, Any] | None = None, executor: Any = None) -> pd.DataFrame:
    """Re-solve with each sector's estimated capex scaled by 1 -+ factor (warm)."""
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import capex_pair

    columns = ["group", "technologies", "parameter", "factor", "plan_objective",
               "baseline_objective", "cost_of_target", "change"]
    if not factor or "baseline" not in models or len(models) < 2:
        return pd.DataFrame(columns=columns)
    plan_name = "plan" if "plan" in models else next(k for k in models if k != "baseline")
    plan = models[plan_name]
    params = ds.tables["parameters"]
    estimated = params[(params["parameter"].isin(["capex", "capex_energy"]))
                       & params["source"].map(_estimated)]
    groups: dict[str, list[str]] = {}
    for code in sorted(set(estimated["technology"])):
        tech = plan.data.techs[code]
        if tech.investable:
            groups.setdefault(tech.sector, []).append(code)
    if not groups:
        return pd.DataFrame(columns=columns)
    reference = pathways[plan_name].objective - pathways["baseline"].objective
    progress(f"sensitivity: estimated capex of {len(groups)} sector(s) at +-{factor:.0%}")
    t0 = time.perf_counter()
    pair = (specs[plan_name], specs["baseline"])
    points = [(group, codes, scale) for group, codes in groups.items()
              for scale in (1 - factor, 1 + factor)]
    results, _ = run_tasks(capex_pair, [(pair, tuple(codes), scale)
                                        for _, codes, scale in points], executor)
    rows = []
    for (group, codes, scale), objectives in zip(points, results, strict=True):
        if isinstance(objectives, BaseException):
            raise objectives
        cost = objectives[0] - objectives[1]
        rows.append((group, " ".join(codes), "capex", scale, objectives[0], objectives[1],
                     cost, cost - reference))
    timings["sensitivity"] = time.perf_counter() - t0
    return pd.DataFrame(rows, columns=columns)
