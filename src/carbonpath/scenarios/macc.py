"""Marginal abatement cost curves: the system curve from the model and the measure curve.

**System curve.** Starting from a scenario (default: the cost reference), a cap on the
emissions of one year (or a budget over the horizon, ``year=None``) is stepped down from the
scenario's own emissions, re-solving one built model warm at every step. Each point gives the
abatement and the marginal cost (the cap's shadow price, CNY/t, undiscounted for a year; for
the budget it is in CNY of the base year per tonne). Or a carbon price is stepped up
(``prices=``): the price enters the cost of every year's emissions (discounted like every
cost) and the point gives the abatement it buys. A step that makes the model infeasible ends
the curve, and the reachable range is reported (the last level reached, the first not).

**Measure curve.** Measures sorted by cost per tonne, bar width = abatement, from
:func:`carbonpath.scenarios.measure_contributions` (negative-cost measures left of zero).
"""

from __future__ import annotations

import copy
import dataclasses
import math
import numbers
import time
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import resolve_scenario, roles
from carbonpath.errors import ArgumentValueError, CarbonpathError, InfeasibleError, SolverError
from carbonpath.scenarios.compare import discount_factors, map_jobs

__all__ = ["MAX_STEPS", "SystemMACC", "measure_macc_figure", "system_macc", "system_macc_figure"]

CAP = "_macc_cap"

MAX_STEPS = 200
"""Most cap steps of a system MACC: each is one warm re-solve, and 200 steps resolve a 40 %
cut in 0.2 % slices, finer than any input is known."""


@dataclass
class SystemMACC:
    """A system marginal abatement cost curve.

    Attributes
    ----------
    table : pandas.DataFrame
        step, mode (cap or price), level (Mt, the cap; NaN for prices), price (CNY/t: the
        marginal cost at the cap, or the price set), emissions (Mt in the year, or over the
        horizon), abatement (Mt), cost (MCNY discounted, above the start), status, seconds.
    reachable : dict
        ``lowest_reached`` (Mt) and ``first_unreachable`` (Mt or None), in the year or
        cumulative; with a message when a step was infeasible. After an infeasible step,
        8 warm bisection solves narrow the limit to 1/256 of the last step.
    year : int or None
        The year, or None for the cumulative horizon.
    discount_year : int or None
        The year the costs are discounted to (the dataset's ``discount_year``; DY06).
    """

    table: pd.DataFrame
    reachable: dict[str, Any]
    year: int | None
    discount_year: int | None = None


def _with_cap(ds: Dataset, scenario: str, year: int | None, level_kt: float) -> Dataset:
    """The resolved scenario with one extra cap (a year) or budget (the horizon) target."""
    res = resolve_scenario(ds, scenario)
    targets = dict(res.targets)
    gas = "CO2" if res.config["emissions"]["gas"] == "CO2" else "CO2e"
    if year is None:
        targets[CAP] = {"name": CAP, "type": "budget", "start": res.years[0],
                        "end": res.years[-1], "value": level_kt, "unit": f"kt {gas}",
                        "status": "assumption", "source": "assumption: MACC step"}
    else:
        targets[CAP] = {"name": CAP, "type": "cap", "years": [year], "value": level_kt,
                        "unit": f"kt {gas}", "status": "assumption",
                        "source": "assumption: MACC step"}
    config = copy.deepcopy(res.config)
    config["scenarios"][scenario]["targets"] = [*config["scenarios"][scenario]["targets"], CAP]
    return dataclasses.replace(res, config=config, targets=targets)


def _measure(pathway: Any, year: int | None) -> float:
    e = pathway.tables["emissions_total"]
    if year is None:
        return float(e["value"].sum()) / 1e3
    return float(e.loc[e["year"] == year, "value"].iloc[0]) / 1e3


@checked(skip=("dataset", "executor"))  # load_dataset checks the dataset; dask clients too
def system_macc(dataset: Dataset | str, scenario: str | None = None, year: int | None = None,
                steps: int = 8, depth: float = 0.4, prices: list[float] | None = None,
                executor: Executor | None = None, solver_options: dict[str, Any] | None = None,
                hours: int | None = None) -> SystemMACC:
    """Step a cap (or a carbon price) and re-solve warm: the system MACC.

    Parameters
    ----------
    dataset : Dataset or str
    scenario : str, optional
        Start scenario; default the cost reference (see :func:`roles`).
    year : int, optional
        The year whose emissions are capped; None caps the cumulative emissions of the
        horizon (a budget).
    steps : int
        Cap steps from the start's emissions down by ``depth`` (a share) in equal steps,
        at most :data:`MAX_STEPS` (each step is one re-solve).
    depth : float
        Deepest cut as a share of the start's emissions (0 < depth < 1).
    prices : list of float, optional
        Carbon prices (CNY/t) to step instead of a cap; applied to the chosen year only,
        or to every year with ``year=None``. Solved and listed in rising order; a price
        given twice is an ArgumentValueError.
    executor : concurrent.futures.Executor, optional
        The curve is one chain of warm re-solves of one model, so it runs as one job
        (through the executor when given, else here).
    solver_options : dict, optional
    hours : int, optional

    Returns
    -------
    SystemMACC

    Raises
    ------
    UnknownNameError
        Unknown scenario.
    ArgumentValueError
        ``depth`` outside (0, 1), ``steps`` outside 1 .. :data:`MAX_STEPS`, a price that
        is not a finite number >= 0 (NaN, inf, or a negative price: a subsidy to emit), or
        a ``year`` that is not a decision year (the base year included, round 17's P27).
        A subclass of ``ValueError``.
    InfeasibleError
        If the start scenario itself is infeasible.
    """
    if not 0 < depth < 1 or not 1 <= steps <= MAX_STEPS:
        msg = (f"depth must be in (0, 1) and steps from 1 to {MAX_STEPS}, got depth={depth}, "
               f"steps={steps}")
        raise ArgumentValueError(msg)
    prices = _check_prices(prices)
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    scenario = scenario or roles(ds)["cost_reference"] or ds.scenarios[0]
    ds.scenario(scenario)
    decided = ds.decision_years
    if year is not None and year not in decided:
        msg = (f"year {year} is not a decision year ({decided[0]} .. {decided[-1]}) of "
               f"dataset '{ds.name}' (observed years, from the base year {ds.years[0]}, are "
               "not decided); give one of those years, or year=None for the whole pathway")
        raise ArgumentValueError(msg)
    job = (ds, scenario, year, steps, depth, prices, solver_options, hours)
    return map_jobs(_curve, [job], executor)[0]


def _check_prices(prices: Any) -> list[float] | None:
    """The carbon prices in CNY/t; refuse those that are not finite numbers >= 0.

    A NaN price had given a step marked 'optimal' with a NaN cost, an infinite one a bare
    solver status, a negative one (a subsidy to emit) a step of zero abatement (S04, S05,
    S06). A pint quantity of money per mass (``Q_(0.02, 'CNY/(kg CO2)')``) is converted
    (API05 had been a numpy error).
    """
    if prices is None:
        return None
    prices = [_cny_per_t(p) for p in prices]
    bad = [p for p in prices if isinstance(p, bool) or not isinstance(p, numbers.Real)
           or not math.isfinite(float(p)) or float(p) < 0]
    if bad:
        why = ("; a negative price would pay for emitting" if isinstance(bad[0], numbers.Real)
               and float(bad[0]) < 0 else "")
        msg = (f"prices must be finite carbon prices >= 0 CNY/t, got {bad[0]!r} in prices="
               f"{list(prices)!r}{why}")
        raise ArgumentValueError(msg)
    values = [float(p) for p in prices]
    twice = sorted({p for p in values if values.count(p) > 1})
    if twice:  # B112: a repeated price was solved and listed twice
        msg = (f"prices holds {twice[0]:g} CNY/t more than once (prices={list(prices)!r}); "
               "each price is one step of the curve: give each once")
        raise ArgumentValueError(msg)
    return sorted(values)  # a curve rises with the price, whatever order they came in


def _cny_per_t(price: Any) -> Any:
    """A pint price in CNY/t (the gas in its unit, 'CNY/(t CO2)', dropped); else as given."""
    if not (hasattr(price, "magnitude") and hasattr(price, "units")):
        return price
    from carbonpath.units import ureg

    q = price
    for dim, unit in (("[carbon]", "CO2"), ("[carbon_dioxide_equivalent]", "CO2e")):
        power = q.dimensionality.get(dim, 0)
        if power:
            q = q / ureg.Quantity(1, unit) ** power
    try:
        return float(q.to("CNY/t").magnitude)
    except (CarbonpathError, ValueError, TypeError):
        msg = f"a carbon price is money per tonne (CNY/t), got {price}"
        raise ArgumentValueError(msg) from None


def _curve(ds: Dataset, scenario: str, year: int | None, steps: int, depth: float,
           prices: list[float] | None, solver_options: Any, hours: Any,
           refine: int = 8) -> SystemMACC:
    from carbonpath.model import PathwayModel

    rows = []
    reach: dict[str, Any] = {"lowest_reached": None, "first_unreachable": None, "message": ""}
    if prices is None:
        model = PathwayModel(_with_cap(ds, scenario, year, 1e12), scenario,
                             solver_options=solver_options, hours=hours)
    else:
        model = PathwayModel(resolve_scenario(ds, scenario), scenario,
                             solver_options=solver_options, hours=hours)
    start = time.perf_counter()
    first = model.solve()
    e0, c0 = _measure(first, year), first.objective
    gas = "CO2" if ds.config["emissions"]["gas"] == "CO2" else "CO2e"
    rows.append((0, "cap" if prices is None else "price", np.nan, 0.0, e0, 0.0, 0.0, "optimal",
                 time.perf_counter() - start))
    reach["lowest_reached"] = e0
    if prices is None:
        levels = [e0 * (1 - depth * (i + 1) / steps) for i in range(steps)]
        for i, level in enumerate(levels, start=1):
            model.update(target=CAP, value=(level * 1e3, f"kt {gas}"))
            t0 = time.perf_counter()
            try:
                p = model.solve(diagnose_infeasible=False)
            except (InfeasibleError, SolverError) as exc:
                rows.append((i, "cap", level, np.nan, np.nan, np.nan, np.nan,
                             "infeasible" if isinstance(exc, InfeasibleError)
                             else (exc.status or "error"),
                             time.perf_counter() - t0))
                low, high = _bisect(model, gas, reach["lowest_reached"], level, refine)
                reach["lowest_reached"], reach["first_unreachable"] = low, high
                reach["message"] = (f"a cap of {level:.4g} Mt is infeasible: the reachable range "
                                    f"is {low:.4g} .. {e0:.4g} Mt (the lowest level found by "
                                    f"{refine} warm bisection steps; {high:.4g} Mt is not "
                                    "reachable; steps beyond it are not shown)")
                break
            d = p.tables["duals"]
            price = float(d.loc[d["target"] == CAP, "shadow_price"].sum())
            e = _measure(p, year)
            rows.append((i, "cap", level, price, e, e0 - e, p.objective - c0, "optimal",
                         time.perf_counter() - t0))
            reach["lowest_reached"] = e
    else:
        df = discount_factors(ds)
        years = [year] if year is not None else model.data.years
        highs = model.highs  # the price is a cost on the emission variables (warm)
        for i, price in enumerate(prices, start=1):
            for y in years:
                highs.set_cost(model.model.emissions[y], price * 1e-3 * df[y])
            t0 = time.perf_counter()
            p = model.solve(diagnose_infeasible=False)
            e = _measure(p, year)
            paid = sum(price * 1e-3 * df[y] * p.emissions_in(y) for y in years)
            rows.append((i, "price", np.nan, float(price), e, e0 - e,
                         p.objective - paid - c0, "optimal", time.perf_counter() - t0))
            reach["lowest_reached"] = min(reach["lowest_reached"], e)
    table = pd.DataFrame(rows, columns=["step", "mode", "level", "price", "emissions",
                                        "abatement", "cost", "status", "seconds"])
    table["units"] = (f"Mt {gas}{'' if year is not None else ' (cumulative)'}; CNY/t; "
                      f"MCNY (discounted to {ds.discount_year}, without the carbon payments)")
    return SystemMACC(table, reach, year, int(ds.discount_year))


def _bisect(model: Any, gas: str, feasible: float, infeasible: float,
            steps: int) -> tuple[float, float]:
    """Narrow the reachable limit between a feasible and an infeasible cap (warm solves)."""
    for _ in range(steps):
        mid = 0.5 * (feasible + infeasible)
        model.update(target=CAP, value=(mid * 1e3, f"kt {gas}"))
        try:
            model.solve(diagnose_infeasible=False)
            feasible = mid
        except SolverError:
            infeasible = mid
    return feasible, infeasible


@checked
def system_macc_figure(curve: SystemMACC, title: str | None = None) -> Any:
    """Marginal cost (CNY/t) against abatement (Mt): a step line of the system curve.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    t = curve.table[curve.table["status"] == "optimal"]
    ax.step(t["abatement"], t["price"].fillna(0.0), where="pre", marker="o")  # cost up to a point
    where = "cumulative" if curve.year is None else str(curve.year)
    ax.set_xlabel(f"abatement ({where}), Mt")
    ax.set_ylabel("marginal cost, CNY/t")
    ax.axhline(0, color="0.5", lw=0.5)
    if curve.reachable.get("first_unreachable") is not None:
        ax.annotate("infeasible beyond", xy=(t["abatement"].iloc[-1], t["price"].iloc[-1]),
                    xytext=(5, -12), textcoords="offset points", fontsize=8)
    ax.set_title(title or f"System MACC ({where})")
    fig.tight_layout()
    return fig


@checked
def measure_macc_figure(contributions: Any, title: str | None = None) -> Any:
    """The classic MACC: measures sorted by CNY/t, bar width = cumulative abatement (Mt).

    Measures with negative cost per tonne are drawn below zero; a measure that increases
    emissions (negative abatement) cannot be drawn as a width and is listed in the title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ArgumentTypeError
        If ``contributions`` is not what :func:`measure_contributions` returns.
    """
    from matplotlib.figure import Figure

    from carbonpath._checks import check_types
    from carbonpath.scenarios.measures import MeasureContributions

    check_types("measure_macc_figure", contributions=(contributions, MeasureContributions))
    t = contributions.table.sort_values("cost_per_tonne")
    fig = Figure(figsize=(6.5, 4))
    ax = fig.add_subplot()
    x = 0.0
    left_out = []
    for _, r in t.iterrows():
        w = float(r["abatement_cumulative"])
        if not w > 0 or not np.isfinite(r["cost_per_tonne"]):
            left_out.append(str(r["measure"]))
            continue
        c = float(r["cost_per_tonne"])
        ax.bar(x, c, width=w, align="edge", color="tab:green" if c < 0 else "tab:blue",
               edgecolor="white")
        ax.text(x + w / 2, c, str(r["measure"]), ha="center",
                va="bottom" if c >= 0 else "top", fontsize=8)
        x += w
    ax.axhline(0, color="0.3", lw=0.6)
    ax.set_xlabel("cumulative abatement, Mt")
    ax.set_ylabel("cost, CNY/t (discounted cost / discounted abatement)")
    extra = f" (not drawn: {', '.join(left_out)})" if left_out else ""
    ax.set_title((title or "Measure MACC") + extra, fontsize=10)
    fig.tight_layout()
    return fig
