"""Peak-year questions: the earliest feasible peak, the cost of the peak rule, sector peaks.

The cost of peaking by year P is measured against the same scenario **without the peak
rule** (every other target kept), so it is the cost of the peak rule alone; where the rule
does not bind (no peak row has a non-zero shadow price and the cost does not change) the
table says ``does not bind`` instead of showing the cost of the other targets. Binding is
judged by the cost (the objective rises by more than 1e-7 of itself without the rule), not
by the duals: when a cap is also active the LP is degenerate and the peak rows may carry a
dual although dropping them costs nothing.
"""

from __future__ import annotations

import time
from concurrent.futures import Executor
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.errors import ArgumentValueError, InfeasibleError, SolverError
from carbonpath.model.peaks import peak_index
from carbonpath.scenarios.compare import map_jobs
from carbonpath.units.parse import gas_of

__all__ = ["earliest_peak_year", "peak_cost_curve", "sector_peaks"]

BINDS = 1e-7  # relative to the objective: below it the peak rule costs nothing


def _model(ds: Dataset, scenario: str | None, solver_options: Any, hours: Any) -> Any:
    from carbonpath.model import PathwayModel

    ds = ds if isinstance(ds, Dataset) else load_dataset(ds)
    scenario = scenario or roles(ds)["plan"]
    last = ds.years[-1]
    return PathwayModel(ds, scenario, peak_year=None if _has_peak(ds, scenario) else last,
                        solver_options=solver_options, hours=hours)


def _has_peak(ds: Dataset, scenario: str) -> bool:
    from carbonpath.dataset.scenarios import resolve_scenario

    res = resolve_scenario(ds, scenario)
    return any(res.targets[t]["type"] == "peak_year"
               for t in res.config["scenarios"][scenario]["targets"])


def _feasible(model: Any, year: int) -> Any:
    model.update(peak_year=year)
    try:
        return model.solve(diagnose_infeasible=False)
    except InfeasibleError:
        return None


@checked
def earliest_peak_year(dataset: Dataset | str, scenario: str | None = None,
                       executor: Executor | None = None,
                       solver_options: dict[str, Any] | None = None,
                       hours: int | None = None) -> dict[str, Any]:
    """The earliest year P for which "peak no later than P" is feasible with the other targets.

    Later peak years only drop rows, so feasibility is monotone in P: a bisection over the
    decision years by warm re-solves of one model finds it (about log2(years) solves).

    Parameters
    ----------
    dataset : Dataset or str
    scenario : str, optional
        Default: the plan role. A scenario without a peak target gets one.
    executor : concurrent.futures.Executor, optional
        The search is one chain of warm re-solves, run as one job.

    Returns
    -------
    dict
        ``year`` (int, or None if even the horizon is infeasible), ``solves`` (int),
        ``peak_level`` (kt at that peak), ``scenario``.
    """
    return map_jobs(_earliest, [(dataset, scenario, solver_options, hours)], executor)[0]


def _earliest(dataset: Any, scenario: Any, solver_options: Any, hours: Any) -> dict[str, Any]:
    model = _model(dataset, scenario, solver_options, hours)
    years = model.data.years[:-1]
    lo, hi, solves, best = 0, len(years) - 1, 0, None
    top = _feasible(model, years[hi])
    solves += 1
    if top is None:
        return {"year": None, "solves": solves, "peak_level": np.nan,
                "scenario": model.scenario}
    best = (years[hi], top)
    while lo < hi:
        mid = (lo + hi) // 2
        p = _feasible(model, years[mid])
        solves += 1
        if p is None:
            lo = mid + 1
        else:
            hi = mid
            best = (years[mid], p)
    if best[0] != years[lo]:
        best = (years[lo], _feasible(model, years[lo]))
        solves += 1
    return {"year": best[0], "solves": solves, "peak_level": best[1].peak_level,
            "scenario": model.scenario}


@checked
def peak_cost_curve(dataset: Dataset | str, years: list[int] | None = None,
                    scenario: str | None = None, executor: Executor | None = None,
                    solver_options: dict[str, Any] | None = None,
                    hours: int | None = None) -> pd.DataFrame:
    """The cost of the peak rule for each peak year, only where it binds.

    Parameters
    ----------
    years : list of int, optional
        Peak years (default: every decision year but the last).
    scenario : str, optional
        Default: the plan role.

    Returns
    -------
    pandas.DataFrame
        One row per peak year asked (a year asked twice is one row): peak_year, status
        (``binds``, ``does not bind``, ``infeasible``), objective (MCNY),
        cost_of_peaking (MCNY discounted: objective minus the same scenario without the peak
        rule; NaN where it does not bind), max_shadow_price (CNY/t: the largest dual of the
        peak rows, the carbon price of the peak rule; NaN where it does not bind, since
        with a cap also active the LP is degenerate and the peak rows may then carry a dual
        that is the cap's price shared out, not a price of the peak rule), peak_level (kt),
        peak_at, seconds.

    Raises
    ------
    ArgumentValueError
        An empty list of years.
    DataError, ArgumentTypeError
        A year that is not a model year, or not an integer.
    """
    if years is not None:
        if not list(years):
            raise ArgumentValueError(
                "peak_cost_curve: 'years' is empty; give at least one peak year, or None for "
                "every decision year but the last")
        asked = list(years)
        years = [y for i, y in enumerate(asked) if y not in asked[:i]]  # asked twice: once
    return map_jobs(_curve, [(dataset, years, scenario, solver_options, hours)], executor)[0]


def _curve(dataset: Any, years: Any, scenario: Any, solver_options: Any,
           hours: Any) -> pd.DataFrame:
    model = _model(dataset, scenario, solver_options, hours)
    last = model.data.years[-1]
    free = _feasible(model, last)  # no peak row is active when P is the last year
    years = years or model.data.years[1:-1]
    rows = []
    for year in years:
        t0 = time.perf_counter()
        try:
            p = _feasible(model, year)
        except SolverError as exc:
            rows.append((year, exc.status or "error", *[np.nan] * 4, None,
                         time.perf_counter() - t0))
            continue
        if p is None:
            rows.append((year, "infeasible", *[np.nan] * 4, None, time.perf_counter() - t0))
            continue
        d = p.tables["duals"]
        shadow = d.loc[d["type"] == "peak_year", "shadow_price"].abs()  # inactive rows: 0
        top = float(shadow.max()) if len(shadow) else 0.0
        extra = p.objective - free.objective if free is not None else np.nan
        # judged by the cost: with a cap also active the LP is degenerate and the peak rows
        # may carry a dual although dropping them would cost nothing
        binds = extra > BINDS * max(1.0, abs(p.objective))
        rows.append((year, "binds" if binds else "does not bind", p.objective,
                     extra if binds else np.nan, top if binds else np.nan, p.peak_level,
                     p.peak_year,
                     time.perf_counter() - t0))
    return pd.DataFrame(rows, columns=["peak_year", "status", "objective", "cost_of_peaking",
                                       "max_shadow_price", "peak_level", "peak_at", "seconds"])


@checked
def sector_peaks(pathway: Any) -> pd.DataFrame:
    """The year each sector's emissions (in the targets' total) peak, and the level.

    Returns
    -------
    pandas.DataFrame
        sector, peak_year, peak_level, first_year_level, last_year_level, unit (kt/yr);
        a sector whose emissions keep rising to the horizon has ``peak_year`` = the horizon
        and ``still_rising`` True.

    Raises
    ------
    ArgumentTypeError
        If ``pathway`` is not a :class:`~carbonpath.Pathway`.
    """
    from carbonpath._checks import check_types
    from carbonpath.model.results import Pathway

    check_types("sector_peaks", pathway=(pathway, Pathway))
    e = pathway.tables["emissions"]
    gas = gas_of(pathway.tables["emissions_total"]["unit"].iloc[0])
    e = e[e["in_total"] & (e["gas"] == gas)]
    by = e.groupby(["sector", "year"])["value"].sum().reset_index()
    rows = []
    for sector, g in by.groupby("sector"):
        g = g.sort_values("year")
        i = peak_index(g["value"].to_numpy())  # the first year at the top (F15)
        rows.append((sector, int(g["year"].iloc[i]), float(g["value"].iloc[i]),
                     float(g["value"].iloc[0]), float(g["value"].iloc[-1]),
                     bool(i == len(g) - 1 and len(g) > 1
                          and g["value"].iloc[-1] > g["value"].iloc[-2] + 1e-9),
                     f"kt {gas}/yr"))
    return pd.DataFrame(rows, columns=["sector", "peak_year", "peak_level", "first_year_level",
                                       "last_year_level", "still_rising", "unit"])
