"""Work units of the main job's sweeps: peak-year points and capex sensitivity pairs.

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

import numpy as np

from carbonpath.errors import InfeasibleError, SolverError
from carbonpath.sweeps.executor import ModelSpec, cached_model

__all__ = ["capex_pair", "peak_point", "solve_cost_change"]

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
        model.update(peak_year=year)
        model.highs.start_from(cached.basis)
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
        peak = int(np.argmax(emissions))
        return ("optimal", result.objective, emissions[peak], years[peak],
                time.perf_counter() - start)
    finally:
        if original is not None:
            model.update(peak_year=original)


def capex_pair(specs: tuple[ModelSpec, ...], codes: tuple[str, ...], scale: float) -> list:
    """Objectives of each scenario with the capex of ``codes`` scaled by ``scale``.

    Returns
    -------
    list of float
        One objective per spec (NaN where the solve is not optimal).
    """
    out: list[float] = []
    for spec in specs:
        cached = cached_model(spec)
        model: Any = cached.model
        try:
            for code in codes:
                model.scale_cost(code, "capex", scale)
            model.highs.start_from(cached.basis)
            try:
                out.append(solve_cost_change(spec, model).objective)
            except SolverError:
                out.append(float("nan"))
        finally:
            for code in codes:
                model.scale_cost(code, "capex", 1.0)
    return out
