r"""Measures and their contributions: an exact split of the emissions gap and of the cost.

A measure (``dataset.yaml`` ``measures:``) is a named group of changes to a base scenario,
or a named group of technologies that may be built only with the measure. Measures
interact, so one-at-a-time differences do not add up. carbonpath attributes the gap with
one stated method that adds up exactly:

* **Shapley values** (Shapley 1953) when there are at most ``max_shapley`` measures: with
  :math:`v(S)` the emissions (or cost) of the base scenario with the measures in S,

  .. math:: \phi_i = \sum_{S \subseteq N \setminus \{i\}}
            \frac{|S|!\,(n-|S|-1)!}{n!}\,\bigl(v(S) - v(S \cup \{i\})\bigr)

  (abatement: emissions without minus with), which needs :math:`2^n` solves and is
  independent of any order;
* otherwise a **sequential order** (the order of the list): measure i is credited with
  :math:`v(\{1..i-1\}) - v(\{1..i\})`; n + 1 solves; the result depends on the order.

Both add up by construction: :math:`\sum_i \phi_i = v(\emptyset) - v(N)` in every year, for
emissions and for cost. A measure's cost per tonne is its share of the discounted system
cost over its discounted abatement (CNY/t, discounted at the dataset's rate: the constant
carbon price that would pay for it), the same number the measure MACC plots.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from concurrent.futures import Executor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import measures as read_measures
from carbonpath.dataset.scenarios import with_measures
from carbonpath.errors import CarbonpathError, InfeasibleError
from carbonpath.scenarios.compare import discount_factors, map_jobs, solve_scenario

__all__ = ["MeasureContributions", "measure_contributions", "wedge_figure"]


@dataclass
class MeasureContributions:
    """Each measure's abatement and cost, adding up exactly to the gap.

    Attributes
    ----------
    method : str
        ``"shapley"`` or ``"sequential"``.
    base : str
        The scenario the measures are added to.
    by_year : pandas.DataFrame
        measure, year, abatement (Mt/yr; positive = less emitted), unit.
    table : pandas.DataFrame
        measure, abatement_cumulative (Mt), abatement_discounted (Mt, discounted to the
        discount year, as the costs), cost (MCNY, discounted), cost_per_tonne (CNY/t; blank
        for a measure that does not abate, whose cost over a negative abatement would read as
        a negative cost), note, method (``shapley`` or ``sequential``, as :attr:`method`),
        units.
    gap : pandas.DataFrame
        year, without (emissions of the base scenario), with (all measures), gap, attributed
        (sum over measures), residual (Mt/yr).
    solves : int
        Scenarios solved.
    warm, cold : int
        Coalitions solved warm (one built model, :mod:`carbonpath.scenarios.warm`) and cold
        (each built anew).
    cold_reason : str
        Why coalitions were solved cold ('' if none was, or ``warm=False`` was asked).
    discount_year : int or None
        The year costs and the discounted abatement are discounted to (named in ``units``).
    """

    method: str
    base: str
    by_year: pd.DataFrame
    table: pd.DataFrame
    gap: pd.DataFrame
    solves: int
    warm: int = 0
    cold: int = 0
    cold_reason: str = ""
    discount_year: int | None = None

    @checked
    def max_relative_residual(self) -> float:
        """The largest absolute residual over the years, relative to the largest gap."""
        scale = float(self.gap["gap"].abs().max())
        return float(self.gap["residual"].abs().max()) / scale if scale else 0.0


def _values(pathway: Any) -> tuple[np.ndarray, float]:
    e = pathway.tables["emissions_total"].sort_values("year")["value"].to_numpy() / 1e3
    return e, float(pathway.objective)


@checked(skip=("dataset", "executor"))  # load_dataset checks the dataset; dask clients too
def measure_contributions(dataset: Dataset | str, executor: Executor | None = None,
                          max_shapley: int = 6, solver_options: dict[str, Any] | None = None,
                          hours: int | None = None, warm: bool = True,
                          chains: int = 2) -> MeasureContributions:
    """Attribute the emissions gap and the cost between the base and all measures.

    Parameters
    ----------
    dataset : Dataset or str
        A dataset with ``measures`` in ``dataset.yaml``.
    executor : concurrent.futures.Executor, optional
        Runs the independent coalition solves; None solves them one after another.
    max_shapley : int
        Shapley values up to this many measures (2^n solves), else the sequential order.
    solver_options : dict, optional
        HiGHS options.
    hours : int, optional
        Time blocks per representative day.
    warm : bool
        True (default): build the base with every measure once per chain (``chains``) and
        reach each coalition by changing numbers of that model, re-solving from the previous
        basis (:class:`carbonpath.scenarios.warm.CoalitionModel`; each chain runs as one job,
        through ``executor`` when given). A coalition that cannot be reached warm is built
        and solved cold, and the result says why. False: every coalition is an independent
        cold solve, spread over ``executor``.
    chains : int
        With ``warm``: the coalitions, ordered from the built one outwards (most measures
        first), are cut into this many contiguous parts of (nearly) equal size, each a chain
        on its own built model (default 2: one per core, with or without an ``executor``,
        so that a run's numbers do not depend on its threads; 1: one chain). Each
        chain's numbers depend only on its own coalitions, so they are the same bit for bit
        however the chains are run: one after another without ``executor``; as jobs of a
        process or dask ``executor``; with a :class:`~concurrent.futures.ThreadPoolExecutor`
        (the run's solve threads), every chain's model is built here (Pyomo stays in this
        thread), the first chain runs here and the others on the pool, and a coalition of a
        pool chain that must be rebuilt cold is built here afterwards.

    Returns
    -------
    MeasureContributions

    Raises
    ------
    DataError
        Bad measures (see :func:`carbonpath.dataset.scenarios.measures`).
    InfeasibleError
        A combination of measures cannot be solved (names the measures).
    ArgumentValueError
        ``chains`` below 1.
    """
    if chains < 1:
        from carbonpath.errors import ArgumentValueError

        raise ArgumentValueError(f"chains={chains!r}: the number of warm chains must be an "
                                 "integer >= 1 (2, the default: one chain per core)")
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    base, items = read_measures(ds)
    n = len(items)
    method = "shapley" if n <= max_shapley else "sequential"
    if method == "shapley":
        subsets = [frozenset(c) for r in range(n + 1) for c in itertools.combinations(range(n), r)]
    else:
        subsets = [frozenset(range(i)) for i in range(n + 1)]
    counts = (0, 0, "")
    if warm:
        results, counts = _warm_chains(ds, base, items, subsets, solver_options, hours,
                                       executor, chains)
    else:
        jobs = []
        for s in subsets:
            chosen = [items[i] for i in sorted(s)]
            jobs.append((with_measures(ds, base, chosen, items), "_measures", solver_options,
                         hours))
        results = map_jobs(_solve, jobs, executor)
    values = {}
    for s, result in zip(subsets, results, strict=True):
        if isinstance(result, str):  # the first, hence smallest, infeasible coalition
            raise _infeasible(ds, base, items, s, result, solver_options, hours,
                              {c for c, r in zip(subsets, results, strict=True)
                               if not isinstance(r, str)})
        values[s] = _values(result)
    years = ds.years
    phi_e = np.zeros((n, len(years)))
    phi_c = np.zeros(n)
    if method == "shapley":
        for i in range(n):
            others = [j for j in range(n) if j != i]
            for r in range(n):
                w = math.factorial(r) * math.factorial(n - r - 1) / math.factorial(n)
                for c in itertools.combinations(others, r):
                    s = frozenset(c)
                    e0, c0 = values[s]
                    e1, c1 = values[s | {i}]
                    phi_e[i] += w * (e0 - e1)
                    phi_c[i] += w * (c1 - c0)
    else:
        for i in range(n):
            e0, c0 = values[frozenset(range(i))]
            e1, c1 = values[frozenset(range(i + 1))]
            phi_e[i] = e0 - e1
            phi_c[i] = c1 - c0
    unit = f"Mt {ds.config['emissions']['gas']}/yr"
    df = np.array([discount_factors(ds)[y] for y in years])
    names = [m["name"] for m in items]
    by_year = pd.DataFrame([(names[i], y, phi_e[i, k], unit) for i in range(n)
                            for k, y in enumerate(years)],
                           columns=["measure", "year", "abatement", "unit"])
    disc = phi_e @ df
    table = pd.DataFrame({
        "measure": names, "abatement_cumulative": phi_e.sum(axis=1),
        "abatement_discounted": disc, "cost": phi_c,
        "cost_per_tonne": [phi_c[i] / disc[i] if disc[i] > 1e-12 else np.nan
                           for i in range(n)],
        "note": ["" if disc[i] > 1e-12 else "raises emissions: no cost per tonne abated"
                 if disc[i] < -1e-12 else "no abatement" for i in range(n)]})
    table["method"] = method  # shapley or sequential: the numbers depend on it
    year = ds.discount_year
    table["units"] = f"Mt; Mt (discounted to {year}); MCNY (discounted to {year}); CNY/t"
    e_without, e_with = values[frozenset()][0], values[frozenset(range(n))][0]
    gap = pd.DataFrame({"year": years, "without": e_without, "with": e_with,
                        "gap": e_without - e_with, "attributed": phi_e.sum(axis=0)})
    gap["residual"] = gap["gap"] - gap["attributed"]
    gap["unit"] = unit
    return MeasureContributions(method, base, by_year, table, gap, len(subsets), *counts,
                                discount_year=year)


def _infeasible(ds: Dataset, base: str, items: list[dict[str, Any]], s: frozenset[int],
                first: str, solver_options: Any, hours: Any,
                solved: set[frozenset[int]]) -> InfeasibleError:
    """The error of an infeasible coalition, with the diagnosis optimise gives (L90).

    The coalitions are solved without the diagnosis (one per coalition would cost a solve
    each); the one that failed is solved again with it, so the error names the conflicting
    rows, the measure keys behind them (``measures.<name>.changes.disallow``) and, when the
    base (or the coalition less one measure) solves, the measure whose changes made it
    infeasible. ``first`` (the short message) stands if the diagnosis cannot be had.
    """
    names = [items[i]["name"] for i in sorted(s)]
    try:
        _solve_diagnosed(with_measures(ds, base, [items[i] for i in sorted(s)], items),
                         solver_options, hours)
        why = first
    except InfeasibleError as exc:
        why = str(exc)
    except CarbonpathError:  # the short message is still right
        why = first
    if not s:
        return InfeasibleError(f"base '{base}' is infeasible without any measure (the "
                               f"scenario itself, before the measures change it): {why}")
    blamed = [items[i]["name"] for i in sorted(s) if s - {i} in solved]
    cause = (f"; without measure {blamed[0]} it solves, so the changes of {blamed[0]} "
             f"(dataset.yaml key measures.{blamed[0]}) make it infeasible" if len(blamed) == 1
             else f"; without any one of {', '.join(blamed)} it solves, so they conflict "
             "together" if blamed else "")
    return InfeasibleError(f"base '{base}' with {', '.join(names)} is infeasible{cause}: "
                           f"{why}")


def _solve_diagnosed(dataset: Dataset, solver_options: Any, hours: Any) -> Any:
    """Solve the ``_measures`` scenario of ``dataset`` with the infeasibility diagnosis."""
    return solve_scenario(dataset, "_measures", solver_options, hours, diagnose=True)


def _parts(subsets: list[frozenset[int]], chains: int) -> list[list[frozenset[int]]]:
    """The coalitions from the built one outwards, cut into ``chains`` contiguous parts."""
    order = sorted(subsets, key=len, reverse=True)  # stable: the same cut every run
    k = min(chains, len(order))
    size, extra = divmod(len(order), k)
    cuts = [0]
    for i in range(k):
        cuts.append(cuts[-1] + size + (i < extra))
    return [order[cuts[i]:cuts[i + 1]] for i in range(k)]


def _warm_chains(ds: Dataset, base: str, items: list[dict[str, Any]],
                 subsets: list[frozenset[int]], solver_options: Any, hours: Any,
                 executor: Executor | None, chains: int
                 ) -> tuple[list[Any], tuple[int, int, str]]:
    """Every coalition's pathway (or infeasibility message), in the order of ``subsets``."""
    from carbonpath.scenarios.warm import CoalitionModel, warm_reason

    parts = _parts(subsets, chains)
    jobs = [(ds, base, items, part, solver_options, hours) for part in parts]
    if (not isinstance(executor, ThreadPoolExecutor) or len(parts) < 2
            or warm_reason(ds, base, items)):
        # one after another, or one job per chain on a process or dask executor (every
        # coalition cold: the builds stay in this thread)
        pool = executor if not isinstance(executor, ThreadPoolExecutor) else None
        done = map_jobs(_solve_warm, jobs, pool)
    else:
        # every model built and compiled here (Pyomo builds stay in this thread); a pool
        # chain is queued as soon as its model is, the first chain's model built last
        models: dict[int, Any] = {}
        futures = {}
        found: dict[int, dict[frozenset[int], Any]] = {}
        try:
            for i in range(len(parts) - 1, -1, -1):
                models[i] = CoalitionModel(ds, base, items, solver_options, hours)
                models[i].model.highs  # noqa: B018
                if i:
                    with contextlib.suppress(RuntimeError):  # a pool shut down: run here
                        futures[i] = executor.submit(_chain, models[i], parts[i], False)
            found[0] = _chain(models[0], parts[0], True)
        finally:  # the pool's chains end before anything is raised here
            wait(list(futures.values()))
        for i, future in futures.items():
            found[i] = future.result()
        done = []
        for i, part in enumerate(parts):
            got = found[i] if i in found else _chain(models[i], part, True)
            for s in part:
                if got[s] is None:  # to be rebuilt cold: here, not on the pool
                    got[s] = _one(models[i], s, True)
            done.append(([got[s] for s in part], _counts([models[i]])))
    by = {}
    for part, (results, _) in zip(parts, done, strict=True):
        by.update(zip(part, results, strict=True))
    counts = (sum(c[0] for _, c in done), sum(c[1] for _, c in done),
              next((c[2] for _, c in done if c[2]), ""))
    return [by[s] for s in subsets], counts


def _counts(chains: list[Any]) -> tuple[int, int, str]:
    """(warm, cold, why cold) of the chains."""
    return (sum(c.warm for c in chains), sum(c.cold for c in chains),
            next((c.reason for c in chains if c.cold), ""))


def _one(chain: Any, s: frozenset[int], cold: bool) -> Any:
    """One coalition of a chain: its pathway, its infeasibility message, or None (not warm)."""
    try:
        return chain.solve(s, cold=cold)
    except InfeasibleError as exc:
        return str(exc).splitlines()[0]


def _chain(chain: Any, part: list[frozenset[int]], cold: bool) -> dict[frozenset[int], Any]:
    """Solve the coalitions of ``part`` on ``chain`` in order; by coalition.

    ``cold=False`` (on a worker thread): a coalition that cannot be reached warm comes back
    as None and is left to the caller, so no model is built off the calling thread.
    """
    return {s: _one(chain, s, cold) for s in part}


def _solve_warm(dataset: Dataset, base: str, items: list[dict[str, Any]],
                part: list[frozenset[int]], solver_options: Any, hours: Any
                ) -> tuple[list[Any], tuple[int, int, str]]:
    """Solve one chain's coalitions on one built model (infeasible ones as messages)."""
    from carbonpath.scenarios.warm import CoalitionModel

    chain = CoalitionModel(dataset, base, items, solver_options, hours)
    found = _chain(chain, part, True)
    return [found[s] for s in part], _counts([chain])


def _solve(dataset: Dataset, scenario: str, solver_options: Any, hours: Any) -> Any:
    """Solve one coalition; an infeasible one comes back as its message (picklable)."""
    try:
        return solve_scenario(dataset, scenario, solver_options, hours, diagnose=False)
    except InfeasibleError as exc:
        return str(exc).splitlines()[0]


@checked
def wedge_figure(contributions: MeasureContributions, title: str | None = None) -> Any:
    """The wedge figure: emissions without the measures, each measure's wedge below it.

    Wedges are stacked from the top (emissions of the base scenario) down to the emissions
    with every measure; a measure that raises emissions in a year adds its wedge above the
    line of the base instead. The wedges add up to the gap exactly (the same numbers as
    :attr:`MeasureContributions.by_year`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    gap = contributions.gap
    years = gap["year"].to_numpy()
    by = contributions.by_year.pivot(index="year", columns="measure", values="abatement")
    fig = Figure(figsize=(6.5, 4))
    ax = fig.add_subplot()
    top = gap["without"].to_numpy().astype(float)
    ax.plot(years, top, color="black", lw=1.2, label=f"{contributions.base} (without)")
    level = top.copy()
    for name in by.columns:
        cut = by[name].reindex(years).to_numpy()
        ax.fill_between(years, level, level - cut, label=name, alpha=0.8)
        level = level - cut
    ax.plot(years, gap["with"].to_numpy(), color="black", lw=1.2, ls="--",
            label="with every measure")
    ax.set_xlabel("year")
    ax.set_ylabel(str(gap["unit"].iloc[0]))
    ax.legend(fontsize=8, loc="best")
    ax.set_title(title or f"Wedges ({contributions.method})", fontsize=10)
    fig.tight_layout()
    return fig
