"""The one-pass compiler gives Pyomo's standard-form compiler's LP, row for row."""

import numpy as np
import pyomo.environ as pyo
import pytest
from pyomo.common.errors import InfeasibleConstraintException
from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

from carbonpath import PathwayModel
from carbonpath.model.solve import compile_linear


def standard_form(model):
    """Pyomo's compiler, with the two halves of each ranged row merged into one row."""
    info = LinearStandardFormCompiler().write(model, mixed_form=True, set_sense=None)
    keep, where, lower, upper = [], {}, [], []
    for k, (entry, rhs) in enumerate(zip(info.rows, info.rhs, strict=True)):
        con, kind = entry.constraint, entry.bound_type
        if id(con) in where:
            (lower if kind < 0 else upper)[where[id(con)]] = rhs
            continue
        where[id(con)] = len(keep)
        keep.append(k)
        lower.append(rhs if kind <= 0 else -np.inf)
        upper.append(rhs if kind >= 0 else np.inf)
    A = info.A.tocsr()[keep].tocsc()
    rows = [info.rows[k].constraint for k in keep]
    return info, A, rows, np.array(lower), np.array(upper)


def assert_same(model):
    info, A, rows, lower, upper = standard_form(model)
    lp = compile_linear(model)
    assert [id(v) for v in lp.columns] == [id(v) for v in info.columns]
    assert [id(c) for c in lp.rows] == [id(c) for c in rows]
    assert (lp.matrix() != A).nnz == 0
    np.testing.assert_array_equal(lp.lower, lower)
    np.testing.assert_array_equal(lp.upper, upper)
    np.testing.assert_array_equal(lp.cost, info.c.toarray().ravel())
    assert lp.offset == pytest.approx(float(info.c_offset[0]))


@pytest.mark.parametrize(("dataset", "hours"), [("tiny", None), ("liaocheng", 2)])
def test_compile_matches_pyomos_standard_form(dataset, hours):
    assert_same(PathwayModel(dataset, scenario="plan", hours=hours).model)


def test_compile_handles_general_expressions_fixed_variables_and_ranges():
    m = pyo.ConcreteModel()
    m.x = pyo.Var([1, 2, 3], bounds=(0, 10))
    m.y = pyo.Var()
    m.p = pyo.Param(initialize=2.0, mutable=True)
    m.x[3].fix(4.0)
    m.c1 = pyo.Constraint(expr=2 * (m.x[1] + 3 * m.y) - m.x[2] <= 7)  # nested: visitor
    m.c2 = pyo.Constraint(expr=(1, m.p * m.x[1] + m.x[3] + 1, 9))  # ranged, Param, fixed
    m.c3 = pyo.Constraint(expr=m.y == m.x[2])  # variables on both sides
    m.c5 = pyo.Constraint(expr=m.x[1] + 0 * m.y >= 0)
    m.c7 = pyo.Constraint(expr=m.x[1] + m.x[2] - 0.5 * m.x[1] <= 3)  # a column twice
    m.c8 = pyo.Constraint(expr=m.x[2] + m.y - m.x[2] >= -1)  # twice, cancelling
    m.o = pyo.Objective(expr=m.x[1] + 2 * m.x[2] + m.x[3] + 1, sense=pyo.maximize)
    assert_same(m)
    # a row of fixed variables only is a constant: left out (Pyomo's compiler keeps it empty)
    m.c4 = pyo.Constraint(expr=m.x[3] <= 5)
    lp = compile_linear(m)
    assert lp.sense == pyo.maximize
    assert lp.offset == pytest.approx(5.0)
    assert [c.name for c in lp.rows] == ["c1", "c2", "c3", "c5", "c7", "c8"]
    m.c6 = pyo.Constraint(expr=m.x[3] >= 5)
    with pytest.raises(InfeasibleConstraintException):
        compile_linear(m)


def test_column_map_is_made_on_first_use_and_matches_the_compiler():
    pm = PathwayModel("tiny", scenario="plan")
    h = pm.highs
    assert h._col_of is None  # not held through the hand-off (the memory peak)
    compiled = compile_linear(pm.model)
    expected = {id(v): j for j, v in enumerate(compiled.columns)}
    assert compiled.col_of == expected
    assert h.col_of == expected
    assert h.col_of is h.col_of  # made once
