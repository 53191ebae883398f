"""Compiling a linear Pyomo model into arrays in one pass (the matrix of Pyomo's standard form).

:func:`compile_linear` reads the bodies carbonpath builds directly and gives the matrix, bounds,
costs, row order and column order of Pyomo's ``LinearStandardFormCompiler``. Moved out of
:mod:`carbonpath.model.solve`, which re-exports every name.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyomo.core as pyo
from pyomo.common.gc_manager import PauseGC
from pyomo.common.numeric_types import native_numeric_types, native_types
from pyomo.core.base.var import ScalarVar, VarData
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression
from pyomo.repn.linear import LinearRepnVisitor
from pyomo.repn.util import FileDeterminism, FileDeterminism_to_SortComponents, VarRecorder

from carbonpath.errors import ArgumentValueError


@dataclass
class CompiledLP:
    """A linear Pyomo model as arrays: ``lower <= A x <= upper``, ``col_lower <= x <= col_upper``.

    Attributes
    ----------
    columns : list
        The Pyomo variables, in column order.
    col_of : dict
        ``id(variable)`` -> column.
    rows : list
        The Pyomo constraints, in row order (one row per constraint; ranged rows have both
        bounds).
    spans : dict
        ``id(constraint component)`` -> (first row, last row + 1): the rows of each indexed
        constraint are consecutive.
    start, index, value : numpy.ndarray
        The constraint matrix, row-wise (compressed sparse rows: the entries of row ``r`` are
        ``start[r]:start[r + 1]``; no explicit zeros, no duplicates).
    lower, upper : numpy.ndarray
        Row bounds (``-inf`` / ``inf`` where there is none), constants moved out of the body.
    cost : numpy.ndarray
        Objective coefficients by column.
    offset : float
        Objective constant.
    sense : int
        ``pyomo.environ.minimize`` or ``maximize``.
    """

    columns: list
    col_of: dict
    rows: list
    spans: dict
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    cost: np.ndarray
    offset: float
    sense: int

    @property
    def nnz(self) -> int:
        """Number of nonzeros of the matrix."""
        return len(self.value)

    def matrix(self) -> Any:
        """The matrix as a ``scipy.sparse.csr_matrix``.

        Needs scipy, which carbonpath itself does not require (the tests install it).
        """
        import scipy.sparse

        return scipy.sparse.csr_matrix((self.value, self.index, self.start),
                                       shape=(len(self.rows), len(self.columns)))


_SORTER = FileDeterminism_to_SortComponents(FileDeterminism.ORDERED)


_VARS = {VarData, ScalarVar}


_LINEAR = {LinearExpression, MonomialTermExpression, VarData, ScalarVar}


def compile_linear(model: pyo.ConcreteModel) -> CompiledLP:
    """Compile a linear Pyomo model (one active objective) into arrays for HiGHS.

    Gives the matrix, right-hand sides and costs of Pyomo's
    ``LinearStandardFormCompiler().write(model, mixed_form=True)``, in its row order (active
    constraints in declaration order) and column order (variable components in the order they
    are first met, objective first, each with all its members in index order; columns that
    appear nowhere dropped), with the two halves of a ranged row kept as one row. Bodies that
    are sums of ``coefficient * variable`` terms (what :mod:`carbonpath.model.components`
    builds) are read directly; any other body goes through Pyomo's ``LinearRepnVisitor``. Fixed
    variables are constants. Rows without any bound, and rows without variables (Pyomo's
    compiler keeps an empty row where all the variables are fixed), are left out; rows with an
    infinite bound are kept (so that they can be given a finite one later).

    Raises
    ------
    ValueError
        If the model has no or several active objectives, or a nonlinear expression.
    pyomo.common.errors.InfeasibleConstraintException
        If a constraint without variables is violated by its constant.
    """
    from pyomo.common.errors import InfeasibleConstraintException

    with PauseGC():
        col_of: dict[int, int] = {}
        columns: list = []
        fixed: dict[int, float] = {}
        fallback_map: dict[int, Any] = {}
        visitor = LinearRepnVisitor({}, var_recorder=VarRecorder(fallback_map, _SORTER))
        cols = array("i")
        vals = array("d")
        last: list[int] = []  # by column: the last row with an entry in it
        state = {"row": -1, "duplicates": False}

        def column(var: Any) -> int | None:
            """Column of a variable not met yet: adds its whole component (None: fixed)."""
            vid = id(var)
            if vid not in fixed:
                for v in var.parent_component().values(_SORTER):
                    i = id(v)
                    if v.fixed:
                        fixed[i] = v.value
                    elif i not in col_of:
                        col_of[i] = len(columns)
                        columns.append(v)
                        last.append(-1)
            return col_of.get(vid)

        def general(body: Any, sign: float) -> float:
            """Any linear body, through Pyomo's visitor; returns its constant."""
            repn = visitor.walk_expression(body)
            if repn.nonlinear is not None:
                msg = f"the model has a nonlinear expression: {body}"
                raise ArgumentValueError(msg)
            row = state["row"]
            for vid, coef in repn.linear.items():
                j = col_of.get(vid)
                if j is None:
                    j = column(fallback_map[vid])
                if coef:
                    if last[j] == row:
                        state["duplicates"] = True
                    last[j] = row
                    cols.append(j)
                    vals.append(sign * coef)
            return sign * float(pyo.value(repn.constant))

        def terms(body: Any, sign: float = 1.0) -> float:
            """Append the (column, sign x coefficient) pairs of a body; return sign x constant."""
            cls = body.__class__
            if cls is LinearExpression:
                args = body._args_
            elif cls is MonomialTermExpression or cls in _VARS:
                args = (body,)
            elif cls in native_numeric_types:
                return sign * float(body)
            else:
                return general(body, sign)
            start = len(cols)
            constant = 0.0
            row = state["row"]
            for a in args:
                cls = a.__class__
                if cls is MonomialTermExpression:
                    coef, v = a._args_
                    if coef.__class__ not in native_numeric_types:
                        coef = pyo.value(coef)
                elif cls in _VARS:
                    coef, v = 1.0, a
                elif cls in native_numeric_types:
                    constant += a
                    continue
                else:
                    del cols[start:], vals[start:]
                    return general(body, sign)
                j = col_of.get(id(v))
                if j is None:
                    j = column(v)
                    if j is None:
                        constant += coef * fixed[id(v)]
                        continue
                if coef:
                    if last[j] == row:  # the column twice in one row: merged at the end
                        state["duplicates"] = True
                    last[j] = row
                    cols.append(j)
                    vals.append(sign * coef if sign != 1.0 else coef)
            return sign * constant

        objectives = list(model.component_data_objects(pyo.Objective, active=True,
                                                       sort=_SORTER))
        if len(objectives) != 1:
            msg = f"the model needs exactly one active objective, found {len(objectives)}"
            raise ArgumentValueError(msg)
        objective = objectives[0]
        state["row"] = -2
        offset = terms(objective.expr)
        obj_cols = np.frombuffer(cols, dtype=np.int32).copy()
        obj_vals = np.frombuffer(vals, dtype=np.float64).copy()
        del cols[:], vals[:]

        rows: list = []
        spans: dict[int, list[int]] = {}
        lower = array("d")
        upper = array("d")
        indptr = array("i", [0])
        inf = math.inf
        for con in model.component_data_objects(pyo.Constraint, active=True, sort=_SORTER):
            expr = con.expr
            cls = expr.__class__
            right = None  # a variable right-hand side, moved to the left
            if cls is InequalityExpression or cls is EqualityExpression:
                body, ub = expr._args_
                if ub.__class__ in native_numeric_types:
                    lb = ub if cls is EqualityExpression else None
                elif ub.__class__ in _LINEAR and body.__class__ in _LINEAR:
                    right, ub = ub, 0.0  # x <= y, x == y: x - y <= 0, x - y == 0
                    lb = ub if cls is EqualityExpression else None
                else:
                    lb, body, ub = con.to_bounded_expression()
            else:
                lb, body, ub = con.to_bounded_expression()
            if lb is None and ub is None:
                continue
            if lb is not None and lb.__class__ not in native_types:
                lb = pyo.value(lb)
            if ub is not None and ub.__class__ not in native_types:
                ub = pyo.value(ub)
            start = len(cols)
            state["row"] = len(rows)
            constant = terms(body)
            if right is not None:
                constant += terms(right, -1.0)
            if len(cols) == start:
                if (lb is None or lb <= constant) and (ub is None or ub >= constant):
                    continue
                msg = f"model contains a trivially infeasible constraint, '{con.name}'"
                raise InfeasibleConstraintException(msg)
            component = con.parent_component()
            span = spans.get(id(component))
            if span is None:
                span = spans[id(component)] = [len(rows), 0]
            span[1] = len(rows) + 1
            rows.append(con)
            lower.append(-inf if lb is None else lb - constant)
            upper.append(inf if ub is None else ub - constant)
            indptr.append(len(cols))
        n = len(columns)
        start = np.frombuffer(indptr, dtype=np.int32)
        index = np.frombuffer(cols, dtype=np.int32)
        value = np.frombuffer(vals, dtype=np.float64)
        if state["duplicates"]:
            start, index, value = _merge_duplicates(start, index, value, n)
        cost = np.zeros(n)
        np.add.at(cost, obj_cols, obj_vals)
        used = (np.bincount(index, minlength=n) > 0) | (cost != 0)
        if not used.all():
            index = (np.cumsum(used) - 1).astype(np.int32)[index]
            cost = cost[used]
            columns = [v for v, u in zip(columns, used.tolist(), strict=True) if u]
            col_of = {id(v): j for j, v in enumerate(columns)}
        return CompiledLP(columns=columns, col_of=col_of, rows=rows, spans=spans, start=start,
                          index=index, value=value,
                          lower=np.frombuffer(lower, dtype=np.float64).copy(),
                          upper=np.frombuffer(upper, dtype=np.float64).copy(),
                          cost=cost, offset=float(offset), sense=objective.sense)


def _merge_duplicates(start: np.ndarray, index: np.ndarray, value: np.ndarray,
                      n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum the entries of a column that appears twice in a row; drop the zeros it leaves."""
    rows = np.repeat(np.arange(len(start) - 1, dtype=np.int64), np.diff(start))
    key = rows * n + index
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.concatenate(([True], key[1:] != key[:-1]))
    merged = np.add.reduceat(value[order], np.flatnonzero(first))
    key = key[first]
    keep = merged != 0
    key, merged = key[keep], merged[keep]
    rows = key // n
    start = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=len(start) - 1))))
    return start.astype(np.int32), (key % n).astype(np.int32), merged
