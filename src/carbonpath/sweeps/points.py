"""Work units of the main job's sweeps: peak-year points and chains, capex sensitivity points.

Each function solves one point on the worker's cached model (:func:`cached_model`), starting
from the central solution's basis and leaving the model at its central values, so the points
can run on any executor in any order and give the same numbers.

A point that changes costs only (:func:`capex_pair`) leaves the central basis primal
feasible, so it is re-solved by the primal simplex (HiGHS ``simplex_strategy`` 4) unless the
caller chose a strategy: on the frozen main job's 28 capex solves per scenario that takes
about 2,000 iterations in all, against about 33,000 with HiGHS's default dual simplex, which
has to repair the dual infeasibility first (benchmarks/README.md, "Warm re-solves"). A point
that moves a row bound (:func:`peak_point`) keeps the basis dual feasible: the default dual
simplex suits it.
"""

from __future__ import annotations

import time
from typing import Any

from carbonpath.errors import InfeasibleError, SolverError
from carbonpath.model.peaks import peak_index
from carbonpath.sweeps.executor import ModelSpec, cached_model

__all__ = ["capex_pair", "capex_point", "peak_chain", "peak_chains", "peak_point",
           "solve_cost_change"]

#: HiGHS ``simplex_strategy`` of the primal simplex.
PRIMAL = 4


def solve_cost_change(spec: ModelSpec, model: Any) -> Any:
    """Solve a model whose costs (only) changed since its basis was optimal: primal simplex.

    Parameters
    ----------
    spec : ModelSpec
        The model's spec; a ``simplex_strategy`` in its solver options is kept as given.
    model : PathwayModel
        The model, its basis already set (``model.highs.start_from``).

    Returns
    -------
    SolveResult
        As :meth:`carbonpath.model.solve.HighsModel.solve`; the model's simplex strategy is
        back to what it was afterwards, whatever happened.

    Raises
    ------
    SolverError
        As :meth:`carbonpath.model.solve.HighsModel.solve` (infeasible, unbounded, limits).
    """
    if any(name == "simplex_strategy" for name, _ in spec.solver_options):
        return model.highs.solve()
    h = model.highs.highs
    before = h.getOptionValue("simplex_strategy")
    before = before[1] if isinstance(before, tuple) else before  # (status, value) in highspy
    h.setOptionValue("simplex_strategy", PRIMAL)
    try:
        return model.highs.solve()
    finally:
        h.setOptionValue("simplex_strategy", before)


def _peak_solve(model: Any, year: int, basis: Any, start: float) -> tuple:
    """Move the peak year and solve from ``basis`` (None: the basis the model holds)."""
    model.update(peak_year=year)
    if basis is not None:
        model.highs.start_from(basis)
    try:
        result = model.highs.solve()
    except InfeasibleError:
        return ("infeasible", float("nan"), float("nan"), None, time.perf_counter() - start)
    except SolverError as exc:
        return (exc.status or "error", float("nan"), float("nan"), None,
                time.perf_counter() - start)
    h, m = model.highs, model.model
    years = model.data.years
    emissions = [h.value(result, m.emissions[y]) for y in years]
    peak = peak_index(emissions)  # the first year at the top (F15)
    return ("optimal", result.objective, emissions[peak], years[peak],
            time.perf_counter() - start)


def peak_point(spec: ModelSpec, year: int) -> tuple:
    """Solve the scenario with its peak target moved to ``year``.

    Returns
    -------
    tuple
        (status, objective MCNY, peak level kt, year of the peak, seconds); NaN and None
        where the point is not optimal.
    """
    cached = cached_model(spec)
    model = cached.model
    original = model.peak_year
    start = time.perf_counter()
    try:
        return _peak_solve(model, year, cached.basis, start)
    finally:
        if original is not None:
            model.update(peak_year=original)


def peak_chain(spec: ModelSpec, years: tuple[int, ...]) -> list[tuple]:
    """Solve the scenario with its peak target moved to each of ``years`` in turn.

    The first solve starts from the central solution's basis, each later one from the
    optimal basis of the one before (after a point that is not optimal: from the central
    basis again). Neighbouring peak years differ by one row bound, so a chain that walks
    away from the scenario's own peak year needs far fewer iterations than points that each
    start from the centre (frozen main job: 4,748 against 16,361 for its 11 points). A chain
    is one task: it always starts from the same basis and walks the same years in the same
    order, so its numbers do not depend on the executor or the worker.

    Returns
    -------
    list of tuple
        One :func:`peak_point` tuple per year, in the order of ``years``.
    """
    cached = cached_model(spec)
    model = cached.model
    original = model.peak_year
    out: list[tuple] = []
    try:
        basis = cached.basis
        for year in years:
            point = _peak_solve(model, year, basis, time.perf_counter())
            out.append(point)
            # the next point starts where this one ended, unless it ended without an optimum
            basis = None if point[0] == "optimal" else cached.basis
        return out
    finally:
        if original is not None:
            model.update(peak_year=original)


def peak_chains(years: list[int], central: int | None) -> list[tuple[int, ...]]:
    """The peak years as chains that walk away from the central peak year.

    Returns
    -------
    list of tuple of int
        The years before ``central``, latest first, and the others, earliest first (empty
        chains left out); without a central year, one chain in order.
    """
    if central is None:
        return [tuple(years)]
    down = tuple(sorted((y for y in years if y < central), reverse=True))
    up = tuple(sorted(y for y in years if y >= central))
    return [chain for chain in (down, up) if chain]


def capex_point(spec: ModelSpec, codes: tuple[str, ...], scale: float) -> float:
    """Objective of one scenario with the capex of ``codes`` scaled by ``scale``.

    Returns
    -------
    float
        The objective (MCNY); NaN where the solve is not optimal.
    """
    cached = cached_model(spec)
    model: Any = cached.model
    try:
        for code in codes:
            model.scale_cost(code, "capex", scale)
        model.highs.start_from(cached.basis)
        try:
            return solve_cost_change(spec, model).objective
        except SolverError:
            return float("nan")
    finally:
        for code in codes:
            model.scale_cost(code, "capex", 1.0)


def capex_pair(specs: tuple[ModelSpec, ...], codes: tuple[str, ...], scale: float) -> list:
    """Objectives of each scenario with the capex of ``codes`` scaled by ``scale``.

    Returns
    -------
    list of float
        One objective per spec (:func:`capex_point`; NaN where the solve is not optimal).
    """
    return [capex_point(spec, codes, scale) for spec in specs]
