r"""Build and retirement rules of the pathway model, one function per constraint family.

Indices as in :mod:`carbonpath.model.components`: technology :math:`p`, model year
:math:`y`, vintage :math:`v` (decision years), residual stock :math:`R_{p,y}`, lifetime
:math:`\ell_p`, new capacity :math:`N_{p,v}`, installed capacity :math:`\mathrm{Cap}_{p,y}`
and usable (active) capacity :math:`K_{p,y}`. Capacity in the technology's canonical unit.

* :func:`add_retirement_rules`: early retirement only where allowed, after a minimum age;
  by default the residual stock runs its declared schedule (``residual_capacity``).
* :func:`add_growth_limits`: new capacity within a share of the previous year's stock.
* :func:`add_cumulative_potential`: capacity built up to a year within a potential.
* :func:`add_committed`: committed projects with their online years.
* :func:`retirement_table`: retired capacity and its stranded annuities, for the results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pyomo.core as pyo

from carbonpath.errors import DataError, Problem
from carbonpath.model.components import _le, _rule, alive, annuity_years, capacity_terms
from carbonpath.model.data import ModelData, TechData

__all__ = [
    "add_committed",
    "add_cumulative_potential",
    "add_growth_limits",
    "add_retirement_rules",
    "eligible_residual",
    "retirement_table",
]


def eligible_residual(d: ModelData, tech: TechData, year: int) -> float:
    r"""Residual stock standing in ``year`` that is old enough to retire early.

    The residual schedule dates the stock: what leaves between years z-1 and z was built in
    :math:`z - \ell_p`, so in year y it is :math:`y - z + \ell_p` years old, at least the
    minimum retirement age :math:`a_p` when :math:`z \le y + \ell_p - a_p`. Hence

    .. math:: E^R_{p,y} = \max\big(0,\; R_{p,y} - R_{p,\min(y + \ell_p - a_p,\, y_N)}\big)

    Stock still standing at the horizon :math:`y_N` has an unknown age and is taken as too
    young (the conservative reading). Without a ``min_retirement_age`` row the residual
    stock never retires early: :math:`E^R = 0`.

    Returns
    -------
    float
        Capacity (the technology's canonical unit).
    """
    age = tech.ops.min_retirement_age
    if age is None:
        return 0.0
    later = min(year + tech.lifetime - round(age), d.years[-1])
    if later <= year:
        return 0.0
    return max(0.0, float(tech.residual[d.year_index[year]] - tech.residual[d.year_index[later]]))


def add_retirement_rules(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Early retirement only of capacity old enough: a floor under the active capacity.

    For technologies flagged ``early_retirement``, in each decision year

    .. math:: K_{p,y} - \sum_{v \in V_{p,y},\; v > y - a_p} N_{p,v} \ge R_{p,y} - E^R_{p,y}

    i.e. the capacity retired, :math:`\mathrm{Cap}_{p,y} - K_{p,y}`, is at most the residual
    stock old enough (:func:`eligible_residual`) plus the vintages at least :math:`a_p`
    (``min_retirement_age``; 0 when not given) years old. By default (no
    ``min_retirement_age``) the residual stock runs to the end of its declared schedule and
    only the model's own vintages may retire early. Where the left side is :math:`K` alone
    the floor is the variable's lower bound. (``active_within_installed`` and ``no_return``
    of :func:`~carbonpath.model.components.add_capacity_rules` keep
    :math:`K \le \mathrm{Cap}` and forbid a return.)
    """
    rows = {}
    for t in d.techs.values():
        if not t.early_retirement:
            continue
        age = round(t.ops.min_retirement_age or 0)
        for y in d.decision_years:
            floor = float(t.residual[d.year_index[y]]) - eligible_residual(d, t, y)
            young = [v for v in alive(d, t, y) if v > y - age]
            var = m.active_capacity[t.code, y]
            if not young:
                var.setlb(max(floor, 0.0))
                continue
            rows[(t.code, y)] = _le([(-1.0, var)] + [(1.0, m.new_capacity[t.code, v])
                                                     for v in young], -floor)
    m.retirement_floor = pyo.Constraint(list(rows), rule=_rule(rows))


def add_growth_limits(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Build limits as growth: new capacity within a share of the previous year's stock.

    .. math:: N_{p,y} \le g_{p,y}\, \mathrm{Cap}_{p,y-1} + s_p

    with :math:`g` the ``max_growth`` (1/yr, in the years given) and :math:`s` the
    ``growth_seed`` (capacity/yr, default 0: a technology without stock cannot start). The
    absolute limits ``max_new_capacity`` / ``min_new_capacity`` are bounds of
    :math:`N_{p,y}` (see :func:`~carbonpath.model.components.add_variables`).
    """
    rows = {}
    for t in d.techs.values():
        if not t.investable or not t.ops.max_growth:
            continue
        for y in d.decision_years:
            share = t.ops.max_growth.get(y)
            if share is None:
                continue
            constant, terms = capacity_terms(m, d, t, y - 1)
            rows[(t.code, y)] = _le([(1.0, m.new_capacity[t.code, y])]
                                    + [(-share * c, v) for c, v in terms],
                                    share * constant + t.ops.growth_seed)
    m.growth_limit = pyo.Constraint(list(rows), rule=_rule(rows))


def add_cumulative_potential(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Cumulative potential: capacity built from the first decision year up to a year.

    .. math:: \sum_{v \le y} N_{p,v} \le P_{p,y}

    (``max_cumulative_new_capacity``, in the years given; retired or not). ``max_capacity``
    bounds the standing capacity instead.
    """
    rows = {}
    for t in d.techs.values():
        if not t.investable or not t.ops.max_cumulative_new:
            continue
        for y in d.decision_years:
            if y in t.ops.max_cumulative_new:
                rows[(t.code, y)] = _le([(1.0, m.new_capacity[t.code, v])
                                         for v in d.decision_years if v <= y],
                                        t.ops.max_cumulative_new[y])
    m.cumulative_potential = pyo.Constraint(list(rows), rule=_rule(rows))


def add_committed(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Committed projects: capacity that comes online in a given year.

    A fixed online year v (``committed_new_capacity``): :math:`N_{p,v} \ge c_{p,v}`. Online
    by a year (``committed_capacity``, the date uncertain): in every year y of the project's
    life the model's standing vintages hold all projects online by then,

    .. math:: \sum_{v' \in V_{p,y}} N_{p,v'} \ge \sum_{v \le y < v + \ell_p} c_{p,v}

    A scenario moves an online date by overriding the row (another year). Both are rows
    (``committed_new``, ``committed_online``) so that an infeasibility names them.

    Raises
    ------
    DataError
        If an online year (a scenario's override) is not a decision year.
    """
    new_rows, online_rows = {}, {}
    for t in d.techs.values():
        if not t.investable:
            continue
        for v in [*t.ops.committed_new, *t.ops.committed]:
            if v not in d.decision_years:  # a scenario's override (the files are checked)
                raise DataError(Problem(
                    f"committed project of '{t.code}' with an online year {v} outside the "
                    "decision years", file="parameters.csv", column="year", value=v,
                    valid=f"{d.decision_years[0]} .. {d.decision_years[-1]}"))
        for v, amount in t.ops.committed_new.items():
            new_rows[(t.code, v)] = _le([(-1.0, m.new_capacity[t.code, v])], -amount)
        if t.ops.committed:
            for y in d.decision_years:
                live = [c for v, c in t.ops.committed.items() if v <= y < v + t.lifetime]
                if live:  # (a project of 0: a candidate year of a sampled online year)
                    need = sum(live)
                    online_rows[(t.code, y)] = _le([(-1.0, m.new_capacity[t.code, v])
                                                    for v in alive(d, t, y)], -need)
    m.committed_new = pyo.Constraint(list(new_rows), rule=_rule(new_rows))
    m.committed_online = pyo.Constraint(list(online_rows), rule=_rule(online_rows))


def retirement_table(d: ModelData, m: pyo.ConcreteModel,
                     value: Callable[[Any], float]) -> pd.DataFrame:
    r"""Capacity retired early and its stranded cost, by technology and year.

    Retired capacity is :math:`\mathrm{Cap}_{p,y} - K_{p,y}`. It is taken from the oldest
    capacity first: residual cohorts by the year they would leave, then the model's
    vintages by build year. Its stranded cost in year y is the annuity still owed on it:
    :math:`\mathrm{crf}_p I_{p,v}` per unit while y lies in the vintage's annuity years
    (:func:`~carbonpath.model.components.annuity_years`; a residual cohort leaving in z was
    built in :math:`z - \ell_p` and is valued at the base year's capex, the dataset holding
    no older one). For vintages the model built, these annuities are part of the objective's
    investment already; for the residual stock they are sunk (not in the objective): the
    table shows what retiring strands, not an extra cost.

    Returns
    -------
    pandas.DataFrame
        technology, year, retired (capacity unit), stranded (MCNY/yr, undiscounted), unit.
    """
    out = []
    for t in d.techs.values():
        if not t.early_retirement:
            continue
        crf = t.crf()
        for y in d.decision_years:
            k = d.year_index[y]
            total = float(t.residual[k]) + sum(value(m.new_capacity[t.code, v])
                                                for v in alive(d, t, y))
            retired = max(0.0, total - value(m.active_capacity[t.code, y]))
            left, stranded = retired, 0.0
            for z in range(y + 1, d.years[-1] + 1):  # residual cohorts, oldest first
                amount = min(left, max(0.0, float(t.residual[d.year_index[z - 1]]
                                                  - t.residual[d.year_index[z]])))
                built = z - t.lifetime
                if amount > 0 and built <= y <= built + t.economic_lifetime - 1:
                    stranded += amount * crf * float(t.capex[0])
                left -= amount
            for v in alive(d, t, y):
                amount = min(left, value(m.new_capacity[t.code, v]))
                if amount > 0 and y in annuity_years(d, t, v):
                    stranded += amount * crf * float(t.capex[d.year_index[v]])
                left -= amount
            out.append((t.code, y, retired, stranded, t.capacity_unit))
    return pd.DataFrame(out, columns=["technology", "year", "retired", "stranded",
                                      "capacity_unit"]).assign(cost_unit="MCNY/yr")
