"""The one module that talks to the solver: HiGHS, in memory, kept warm between solves.

The Pyomo model is compiled once (:func:`compile_linear`: the matrix, bounds and costs of
Pyomo's linear standard-form compiler, in its row and column order, read in one pass from the
model's linear expressions) into a HiGHS model that this module owns. Re-solves after a change
of numbers (row bounds such as a cap or the peak year, variable bounds such as a potential,
objective costs such as a price) update that HiGHS model in place and start from the previous
basis; the Pyomo model is updated too, so the two never disagree. No LP file is written.
"""

from __future__ import annotations

import contextlib
import logging
import math
import numbers
import os
import time
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import highspy
import numpy as np
import pyomo.core as pyo
from pyomo.common.gc_manager import PauseGC
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression

from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    InfeasibleError,
    IterationLimitError,
    Problem,
    SolverError,
    TimeLimitError,
    UnboundedError,
    UnknownNameError,
)
from carbonpath.model.compiler import CompiledLP, compile_linear

__all__ = ["DEFAULT_OPTIONS", "CompiledLP", "HighsModel", "SolveResult", "check_options",
           "compile_linear", "pyomo_messages", "solver_version"]

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


def check_options(options: dict[str, Any] | None) -> None:
    """Refuse solver options that are wrong before HiGHS sees them.

    HiGHS stops at once with a time limit of 0, and keeps its previous limit when given a
    negative one; neither is what a caller means.

    Raises
    ------
    DataError
        A ``time_limit`` that is not a positive number of seconds.
    """
    if options and "time_limit" in options:
        limit = options["time_limit"]
        if isinstance(limit, bool) or not isinstance(limit, numbers.Real) or not limit > 0:
            raise DataError(Problem(
                "the solver time limit must be a positive number of seconds", key="time_limit",
                value=limit, valid="a number > 0, e.g. 60 (leave time_limit out for no limit)"))


def _set_options(h: highspy.Highs, options: dict[str, Any]) -> None:
    """Set HiGHS options; an option HiGHS rejects is an error, never silently kept as before.

    Raises
    ------
    DataError
        A time limit that is not positive, an unknown option name, or a value of the wrong
        type or outside the option's range.
    """
    check_options(options)
    for name, value in options.items():
        if h.setOptionValue(name, value) == highspy.HighsStatus.kError:
            raise DataError(Problem(
                f"HiGHS rejects the solver option {name} = {value!r} (an unknown name, or a "
                "value of the wrong type or outside its range)", key=name, value=value,
                valid="HiGHS option names and values, e.g. time_limit=60, threads=2, "
                      "presolve='off'"))


class _Collect(logging.Handler):
    """A logging handler that keeps the records it is given."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record`` in :attr:`records`."""
        self.records.append(record)


@contextlib.contextmanager
def pyomo_messages() -> Any:
    """Keep Pyomo's log lines (``ERROR: Rule failed ...``) off stderr while building.

    Pyomo logs an error before re-raising it; beside carbonpath's own message that line is
    noise. If the block raises, the Pyomo lines are attached to the exception as notes;
    otherwise each warning or error line becomes a :class:`CarbonpathWarning`.
    """
    import warnings

    logger = logging.getLogger("pyomo")
    handler = _Collect()
    propagate, handlers = logger.propagate, list(logger.handlers)
    for old in handlers:  # Pyomo's own handler prints to stdout
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    except BaseException as exc:
        for record in handler.records:
            exc.add_note(f"Pyomo: {record.getMessage()}")
        raise
    else:
        for record in handler.records:
            if record.levelno >= logging.WARNING:
                warnings.warn(f"Pyomo: {record.getMessage()}", CarbonpathWarning, stacklevel=3)
    finally:
        logger.removeHandler(handler)
        for old in handlers:
            logger.addHandler(old)
        logger.propagate = propagate


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
        with PauseGC():
            self._load(model, options)
        self.compile_seconds = time.perf_counter() - start

    def _load(self, model: pyo.ConcreteModel, options: dict[str, Any] | None) -> None:
        lp_arrays = compile_linear(model)
        self.columns = lp_arrays.columns
        # the column map is made again on first use (see col_of), not held through the
        # hand-off, where the memory peaks (about 8 MiB less at 1e5 columns)
        lp_arrays.col_of = None
        self._col_of: dict[int, int] | None = None
        self.rows = lp_arrays.rows
        self._spans = lp_arrays.spans
        self._row_maps: dict[int, dict[int, int]] = {}
        self._row_of: dict[int, int] | None = None
        c = lp_arrays.cost
        n, m = len(self.columns), len(self.rows)
        bounds = np.fromiter(chain.from_iterable(v.bounds for v in self.columns), dtype=float,
                             count=2 * n).reshape(-1, 2)  # None -> nan
        col_lower = np.where(np.isnan(bounds[:, 0]), -INF, bounds[:, 0])
        col_upper = np.where(np.isnan(bounds[:, 1]), INF, bounds[:, 1])
        del bounds
        self.coefficient_range = _ranges(lp_arrays.value, c, col_lower, col_upper, lp_arrays.lower,
                                         lp_arrays.upper)
        self.highs = _new_highs()
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        _set_options(self.highs, self.options)
        sense = (highspy.ObjSense.kMaximize if lp_arrays.sense == pyo.maximize
                 else highspy.ObjSense.kMinimize)
        # the arrays overload of passModel: about ten times faster than filling a HighsLp;
        # the matrix goes row-wise, as compiled (HiGHS makes it column-wise itself)
        status = self.highs.passModel(
            n, m, lp_arrays.nnz, int(highspy.MatrixFormat.kRowwise), int(sense),
            lp_arrays.offset, c, col_lower, col_upper, lp_arrays.lower, lp_arrays.upper,
            lp_arrays.start, lp_arrays.index, lp_arrays.value, np.zeros(n, dtype=np.int32))
        if status == highspy.HighsStatus.kError:
            msg = "HiGHS rejected the compiled model"
            raise SolverError(msg, status=str(status))
        self._cost = c.copy()
        self._cost_columns: dict[Any, tuple[np.ndarray, np.ndarray]] = {}
        self.num_col = n
        self.num_row = m
        self.num_nz = lp_arrays.nnz

    @property
    def col_of(self) -> dict[int, int]:
        """``id(variable)`` -> column of the compiled model (a column left out is absent).

        The same map as :attr:`CompiledLP.col_of`, made from :attr:`columns` on first use and
        then kept, so that it is not held while the model is handed to HiGHS.
        """
        if self._col_of is None:
            self._col_of = {id(v): j for j, v in enumerate(self.columns)}
        return self._col_of

    # -- rows ------------------------------------------------------------------------------
    def row(self, con: Any) -> int | None:
        """Row of a Pyomo constraint in the compiled model (None if it was left out).

        The map of a constraint component's rows is made on its first use: the families whose
        rows are never looked up (capacity limits, storage) cost no map at all.
        """
        component = con.parent_component()
        rows = self._row_maps.get(id(component))
        if rows is None:
            span = self._spans.get(id(component))
            if span is None:
                return None
            first, stop = span
            rows = self._row_maps[id(component)] = {
                id(c): r for r, c in enumerate(self.rows[first:stop], first)}
        return rows.get(id(con))

    @property
    def row_of(self) -> dict[int, int]:
        """``id(constraint)`` -> row, for every row (made on first use)."""
        if self._row_of is None:
            self._row_of = {id(c): r for r, c in enumerate(self.rows)}
        return self._row_of

    # -- updates ---------------------------------------------------------------------------
    def set_row_bounds(self, con: Any, lower: float | None, upper: float | None) -> None:
        """Change a constraint's bounds in HiGHS and in Pyomo (None = unbounded)."""
        r = self.row(con)
        if r is None:
            msg = f"constraint {con.name} is not in the compiled model"
            raise UnknownNameError(msg)
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
            raise UnknownNameError(msg)
        self._cost[j] = cost
        self.highs.changeColCost(j, float(cost))

    def set_costs(self, columns: np.ndarray, costs: np.ndarray) -> None:
        """Change the objective coefficients of several columns in one HiGHS call.

        Parameters
        ----------
        columns : numpy.ndarray of int32, shape (k,)
            Column positions, strictly increasing (as :meth:`cost_columns` gives them).
        costs : sequence of float, shape (k,)
            The new coefficients, in the model's objective units (discounted MCNY per
            unit of each variable), one per column.
        """
        costs = np.asarray(costs, dtype=np.float64)
        self._cost[columns] = costs
        self.highs.changeColsCost(len(columns), columns, costs)

    def cost_columns(self, key: Any, variables: Any) -> tuple[np.ndarray, np.ndarray]:
        """Where ``variables`` sit in the LP, remembered under ``key`` for this instance.

        Parameters
        ----------
        key : hashable
            What the variables are (e.g. a technology's code); the same key must always
            name the same sequence of variables.
        variables : callable
            Called once per key: returns the sequence of Pyomo variables (None for one
            that the model does not have).

        Returns
        -------
        (numpy.ndarray of intp, numpy.ndarray of int32)
            The positions in the sequence of the variables that are compiled columns, and
            their columns, both ordered by column (for :meth:`set_costs`).
        """
        found = self._cost_columns.get(key)
        if found is None:
            pairs = sorted((j, i) for i, var in enumerate(variables())
                           if var is not None and (j := self.col_of.get(id(var))) is not None)
            found = (np.array([i for _, i in pairs], dtype=np.intp),
                     np.array([j for j, _ in pairs], dtype=np.int32))
            self._cost_columns[key] = found
        return found

    def set_coefficients(self, con: Any, changes: list[tuple[Any, float]],
                         expr: Any = None) -> None:
        """Change matrix coefficients of one row in HiGHS and in Pyomo.

        Parameters
        ----------
        con : pyomo constraint data
            A compiled row.
        changes : list of (pyomo variable, float)
            The new coefficient of each variable in the row (canonical model units), as
            compiled: the coefficient of the variable with every term on the left-hand side.
        expr : pyomo relational expression, optional
            The row as the model builder would write it with the new coefficients; given by
            callers that know the row's form (fast). Without it the row is rewritten from its
            standard representation.

        Raises
        ------
        KeyError
            If the row, or a variable, is not in the compiled model, or a variable that is
            not in the row would get a nonzero coefficient (a change of the matrix's shape:
            rebuild the model instead).
        """
        r = self.row(con)
        if r is None:
            msg = f"constraint {con.name} is not in the compiled model"
            raise KeyError(msg)
        for var, value in changes:
            j = self.col_of.get(id(var))
            if j is None:
                msg = f"variable {var.name} is not in the compiled model"
                raise KeyError(msg)
            self.highs.changeCoeff(r, j, float(value))
        if expr is None:
            expr = _rewritten(con, {id(v): float(c) for v, c in changes})
        con.set_value(expr)

    def set_offset(self, offset: float) -> None:
        """Set the objective's constant (discounted MCNY) in HiGHS."""
        self.highs.changeObjectiveOffset(float(offset))

    @property
    def offset(self) -> float:
        """The objective's constant in HiGHS."""
        return float(self.highs.getObjectiveOffset()[1])

    def basis(self) -> Any:
        """A copy of HiGHS's current basis (to start later solves from the same point)."""
        return self.highs.getBasis()

    def start_from(self, basis: Any) -> None:
        """Forget the solver's state and start the next solve from ``basis``.

        A solve that starts from the same basis on the same numbers gives the same answer,
        whatever was solved before: what makes sweeps reproducible bit for bit whichever
        worker solves which point.
        """
        self.highs.clearSolver()
        self.highs.setBasis(basis)

    # -- solve ---------------------------------------------------------------------------
    def solve(self, options: dict[str, Any] | None = None) -> SolveResult:
        """Solve (warm if solved before) and return the result.

        Raises
        ------
        DataError
            A solver option HiGHS rejects, or a time limit that is not positive.
        InfeasibleError, UnboundedError, TimeLimitError, IterationLimitError, SolverError
            One distinct error per non-optimal outcome; never reported as optimal.
        """
        h = self.highs
        _set_options(h, options or {})
        self.options.update(options or {})
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
        r = self.row(con)
        return 0.0 if r is None else float(result.row_dual[r])

    def lp_arrays(self) -> highspy.HighsLp:
        """Return a copy of the current HiGHS LP (for diagnosis on a separate solver)."""
        return self.highs.getLp()


def _rewritten(con: Any, changes: dict[int, float]) -> Any:
    """A constraint's relational expression with some linear coefficients replaced."""
    from pyomo.repn.standard_repn import generate_standard_repn

    repn = generate_standard_repn(con.body, compute_values=True, quadratic=False)
    if repn.nonlinear_expr is not None:
        msg = f"constraint {con.name} is not linear"
        raise ValueError(msg)
    seen = {id(v) for v in repn.linear_vars}
    missing = [k for k, c in changes.items() if k not in seen and c != 0]
    if missing:
        msg = (f"constraint {con.name}: a new nonzero coefficient of a variable not in the row "
               "changes the matrix's shape; rebuild the model instead")
        raise KeyError(msg)
    terms = [(changes.get(id(v), float(c)), v)
             for v, c in zip(repn.linear_vars, repn.linear_coefs, strict=True)]
    body = LinearExpression([MonomialTermExpression((c, v)) for c, v in terms if c])
    constant = float(repn.constant)
    lower = None if con.lower is None else pyo.value(con.lower) - constant
    upper = None if con.upper is None else pyo.value(con.upper) - constant
    if con.equality:
        return EqualityExpression((body, upper))
    return (lower, body, upper)


def _ranges(matrix: np.ndarray, cost: np.ndarray, col_lower: np.ndarray, col_upper: np.ndarray,
            row_lower: np.ndarray, row_upper: np.ndarray) -> dict[str, Any]:
    def span(values: np.ndarray) -> tuple[float, float] | None:
        """Min and max of the absolute finite nonzeros, or None."""
        values = np.abs(np.asarray(values, dtype=float))
        values = values[(values > 0) & np.isfinite(values) & (values < INF)]
        return (float(values.min()), float(values.max())) if values.size else None

    bounds = np.concatenate([col_lower, col_upper])
    rhs = np.concatenate([row_lower, row_upper])
    return {"matrix": span(matrix), "cost": span(cost), "bounds": span(bounds),
            "rhs": span(rhs)}
