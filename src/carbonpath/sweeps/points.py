"""Work units of the main job's sweeps: peak-year points and capex sensitivity pairs.

Each function solves one point on the worker's cached model (:func:`cached_model`), starting
from the central solution's basis and leaving the model at its central values, so the points
can run on any executor in any order and give the same numbers.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from carbonpath.errors import InfeasibleError, SolverError
from carbonpath.sweeps.executor import ModelSpec, cached_model

__all__ = ["capex_pair", "peak_point"]


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
                out.append(model.highs.solve().objective)
            except SolverError:
                out.append(float("nan"))
        finally:
            for code in codes:
                model.scale_cost(code, "capex", 1.0)
    return out
