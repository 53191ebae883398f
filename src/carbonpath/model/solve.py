"""The one module that talks to the solver: HiGHS, in memory, kept warm between solves.

The Pyomo model is compiled once (Pyomo's linear standard-form compiler) into a HiGHS model
that this module owns. Re-solves after a change of numbers (row bounds such as a cap or the
peak year, variable bounds such as a potential, objective costs such as a price) update that
HiGHS model in place and start from the previous basis; the Pyomo model is updated too, so the
two never disagree. No LP file is written.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np
import pyomo.environ as pyo
from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

from carbonpath.errors import (
    InfeasibleError,
    IterationLimitError,
    SolverError,
    TimeLimitError,
    UnboundedError,
)

__all__ = ["DEFAULT_OPTIONS", "HighsModel", "SolveResult", "solver_version"]

INF = highspy.kHighsInf

#: HiGHS options carbonpath sets unless the caller overrides them (chosen by measurement,
#: see benchmarks/README.md).
DEFAULT_OPTIONS: dict[str, Any] = {
    "output_flag": False,
    "solver": "simplex",
    "presolve": "on",
    "threads": 1,
    "random_seed": 0,
}

_BANNER_SHOWN = False


def _new_highs() -> highspy.Highs:
    """Create a Highs instance; the first one of a process prints a banner, hidden here."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return highspy.Highs()
    _BANNER_SHOWN = True
    with _quiet_stdout():
        return highspy.Highs()


@contextlib.contextmanager
def _quiet_stdout():
    try:
        fd = os.dup(1)
    except OSError:  # no real stdout (embedded): nothing to hide
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(fd, 1)
        os.close(fd)


def solver_version() -> str:
    """Return ``"HiGHS <version> (<git hash>)"``."""
    h = _new_highs()
    return f"HiGHS {h.version()} ({h.githash()})"


@dataclass
class SolveResult:
    """The solver's answer: status, objective, primal and dual values, timings.

    Attributes
    ----------
    status : str
        HiGHS model status as text (``"Optimal"`` ...).
    objective : float
        Objective value (discounted MCNY), constant included.
    col_value, row_dual, col_dual : numpy.ndarray
        Primal values of the columns, duals of the rows (d objective / d row bound), reduced
        costs of the columns, in the compiled order.
    seconds : float
        Wall time of the solve.
    iterations : int
        Simplex plus interior-point iterations.
    options : dict
        The HiGHS options in force.
    """

    status: str
    objective: float
    col_value: np.ndarray
    row_dual: np.ndarray
    col_dual: np.ndarray
    seconds: float
    iterations: int
    options: dict[str, Any] = field(default_factory=dict)


class HighsModel:
    """A Pyomo LP compiled into a HiGHS model that can be changed and re-solved warm.

    Parameters
    ----------
    model : pyomo.environ.ConcreteModel
        A linear model with one active objective.
    options : dict, optional
        HiGHS options (names as in the HiGHS documentation), merged over
        :data:`DEFAULT_OPTIONS`.

    Attributes
    ----------
    compile_seconds : float
        Time to compile the Pyomo model and hand it to HiGHS.
    coefficient_range : dict
        min and max absolute nonzero of the matrix, costs, bounds and right-hand sides.
    """

    def __init__(self, model: pyo.ConcreteModel, options: dict[str, Any] | None = None):
        start = time.perf_counter()
        info = LinearStandardFormCompiler().write(model, mixed_form=True, set_sense=None)
        self.columns = info.columns
        self.col_of = {id(v): j for j, v in enumerate(self.columns)}
        # merge the two halves of ranged rows into one HiGHS row
        keep: list[int] = []
        lower: list[float] = []
        upper: list[float] = []
        self.rows: list[Any] = []
        self.row_of: dict[int, int] = {}
        for k, (entry, rhs) in enumerate(zip(info.rows, info.rhs, strict=True)):
            con, kind = entry.constraint, entry.bound_type
            rhs = float(rhs)
            if id(con) in self.row_of:
                r = self.row_of[id(con)]
                if kind < 0:
                    lower[r] = rhs
                else:
                    upper[r] = rhs
                continue
            self.row_of[id(con)] = len(self.rows)
            self.rows.append(con)
            keep.append(k)
            lower.append(rhs if kind <= 0 else -INF)
            upper.append(rhs if kind >= 0 else INF)
        A = info.A.tocsr()[keep].tocsc()
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.columns)
        lp.num_row_ = len(self.rows)
        c = info.c.toarray().ravel() if info.c.shape[0] else np.zeros(len(self.columns))
        lp.col_cost_ = c
        lp.offset_ = float(info.c_offset[0]) if len(info.c_offset) else 0.0
        lp.col_lower_ = np.array([-INF if v.lb is None else float(v.lb) for v in self.columns])
        lp.col_upper_ = np.array([INF if v.ub is None else float(v.ub) for v in self.columns])
        lp.row_lower_ = np.array([-INF if math.isinf(x) and x < 0 else x for x in lower])
        lp.row_upper_ = np.array([INF if math.isinf(x) and x > 0 else x for x in upper])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = A.indptr.astype(np.int32)
        lp.a_matrix_.index_ = A.indices.astype(np.int32)
        lp.a_matrix_.value_ = A.data.astype(float)
        self.coefficient_range = _ranges(A.data, c, lp)
        self.highs = _new_highs()
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        for name, value in self.options.items():
            self.highs.setOptionValue(name, value)
        self.highs.passModel(lp)
        self._cost = c.copy()
        self.compile_seconds = time.perf_counter() - start
        self.num_col = lp.num_col_
        self.num_row = lp.num_row_
        self.num_nz = int(A.nnz)

    # -- updates ---------------------------------------------------------------------------
    def set_row_bounds(self, con: Any, lower: float | None, upper: float | None) -> None:
        """Change a constraint's bounds in HiGHS and in Pyomo (None = unbounded)."""
        r = self.row_of[id(con)]
        lo = -INF if lower is None or (math.isinf(lower) and lower < 0) else float(lower)
        up = INF if upper is None or (math.isinf(upper) and upper > 0) else float(upper)
        self.highs.changeRowBounds(r, lo, up)
        # an inactive row keeps an infinite bound so that it stays compiled and updatable
        con.set_value((None if lo == -INF else lo, con.body, up if lo == -INF or up < INF
                       else None))

    def set_col_bounds(self, var: Any, lower: float | None, upper: float | None) -> None:
        """Change a variable's bounds in HiGHS and in Pyomo (None = unbounded)."""
        j = self.col_of.get(id(var))
        var.setlb(lower)
        var.setub(upper)
        if j is not None:
            self.highs.changeColBounds(j, -INF if lower is None else float(lower),
                                       INF if upper is None else float(upper))

    def set_cost(self, var: Any, cost: float) -> None:
        """Change a variable's objective coefficient in HiGHS.

        The Pyomo objective expression is not rewritten; :class:`carbonpath.PathwayModel`
        keeps its cost data (and so the reported costs) in step.
        """
        j = self.col_of.get(id(var))
        if j is None:
            msg = f"variable {var.name} is not in the compiled model"
            raise KeyError(msg)
        self._cost[j] = cost
        self.highs.changeColCost(j, float(cost))

    # -- solve ---------------------------------------------------------------------------
    def solve(self, options: dict[str, Any] | None = None) -> SolveResult:
        """Solve (warm if solved before) and return the result.

        Raises
        ------
        InfeasibleError, UnboundedError, TimeLimitError, IterationLimitError, SolverError
            One distinct error per non-optimal outcome; never reported as optimal.
        """
        h = self.highs
        for name, value in (options or {}).items():
            h.setOptionValue(name, value)
            self.options[name] = value
        start = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - start
        status = h.getModelStatus()
        text = h.modelStatusToString(status)
        if status == highspy.HighsModelStatus.kUnboundedOrInfeasible:
            # presolve could not tell which: ask again without it
            h.setOptionValue("presolve", "off")
            h.run()
            h.setOptionValue("presolve", self.options.get("presolve", "on"))
            status = h.getModelStatus()
            text = h.modelStatusToString(status)
        info = h.getInfo()
        details = {"seconds": seconds, "simplex_iterations": info.simplex_iteration_count,
                   "ipm_iterations": info.ipm_iteration_count}
        if status == highspy.HighsModelStatus.kInfeasible:
            raise InfeasibleError("the model is infeasible", status=text)
        if status in (highspy.HighsModelStatus.kUnbounded,
                      highspy.HighsModelStatus.kUnboundedOrInfeasible):
            raise UnboundedError("the objective is unbounded: some activity earns money "
                                 "without limit (a missing cost, bound or demand)", status=text,
                                 details=details)
        if status == highspy.HighsModelStatus.kTimeLimit:
            raise TimeLimitError(f"HiGHS stopped at its time limit after {seconds:.1f} s "
                                 "without proving optimality", status=text, details=details)
        if status == highspy.HighsModelStatus.kIterationLimit:
            raise IterationLimitError("HiGHS stopped at its iteration limit without proving "
                                      "optimality", status=text, details=details)
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverError(f"HiGHS ended with status '{text}'", status=text, details=details)
        sol = h.getSolution()
        return SolveResult(
            status=text, objective=float(info.objective_function_value),
            col_value=np.asarray(sol.col_value), row_dual=np.asarray(sol.row_dual),
            col_dual=np.asarray(sol.col_dual), seconds=seconds,
            iterations=int(info.simplex_iteration_count + info.ipm_iteration_count),
            options=dict(self.options),
        )

    def value(self, result: SolveResult, var: Any) -> float:
        """Primal value of a Pyomo variable in a result (0 if it was compiled away)."""
        j = self.col_of.get(id(var))
        if j is None:
            return float(var.lb) if var.lb is not None and var.lb == var.ub else 0.0
        return float(result.col_value[j])

    def dual(self, result: SolveResult, con: Any) -> float:
        """Dual of a Pyomo constraint: d objective / d bound, in objective units per row unit."""
        r = self.row_of.get(id(con))
        return 0.0 if r is None else float(result.row_dual[r])

    def lp_arrays(self) -> highspy.HighsLp:
        """Return a copy of the current HiGHS LP (for diagnosis on a separate solver)."""
        return self.highs.getLp()


def _ranges(matrix: np.ndarray, cost: np.ndarray, lp: highspy.HighsLp) -> dict[str, Any]:
    def span(values: np.ndarray) -> tuple[float, float] | None:
        values = np.abs(np.asarray(values, dtype=float))
        values = values[(values > 0) & np.isfinite(values) & (values < INF)]
        return (float(values.min()), float(values.max())) if values.size else None

    bounds = np.concatenate([lp.col_lower_, lp.col_upper_])
    rhs = np.concatenate([lp.row_lower_, lp.row_upper_])
    return {"matrix": span(matrix), "cost": span(cost), "bounds": span(bounds),
            "rhs": span(rhs)}
