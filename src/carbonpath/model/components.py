r"""The pathway model's variables and constraint families, one function each.

Every function takes the Pyomo model ``m`` and the :class:`~carbonpath.model.data.ModelData`
``d`` (plain floats in canonical units) and adds one family. Indices: technology :math:`p`,
commodity :math:`c`, model year :math:`y` (base year :math:`y_0` .. horizon :math:`y_N`),
vintage :math:`v` (decision years :math:`y_0 < v \le y_N`), timeslice :math:`t = (d, h)`
with weight :math:`w_t` hours per year (:math:`\sum_t w_t = 8760`) and hour-block length
:math:`\Delta` hours. Canonical units: GW, GWh, kt, MCNY (see ``carbonpath.model.data``).
"""

from __future__ import annotations

from typing import Any

import pyomo.core as pyo
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression

from carbonpath.errors import DataError

# the families and helpers that moved out, re-exported from their old home
from carbonpath.model.balances import (  # noqa: F401
    add_balances,
    balance_slot,
    coarse_commodities,
)
from carbonpath.model.costs import (  # noqa: F401
    add_objective,
    annuity_years,
    cost_coefficients,
    discounted_annuity_years,
)
from carbonpath.model.data import ModelData, TechData  # noqa: F401
from carbonpath.model.storage import add_storage
from carbonpath.model.terms import (  # noqa: F401
    Terms,
    _eq,
    _has_capacity_column,
    _le,
    _rule,
    _sparse,
    _weighted_dispatch,
    alive,
    bounded,
    capacity,
    capacity_terms,
    energy_capacity,
    energy_terms,
    linear,
    stock_above_max,
    stock_below_min,
    usable_terms,
)

__all__ = [
    "add_activity_definition",
    "add_balances",
    "add_base_year",
    "add_capacity_limits",
    "add_capacity_rules",
    "add_emissions",
    "add_objective",
    "add_storage",
    "add_variables",
    "capacity",
    "cost_coefficients",
    "energy_capacity",
    "linear",
]


def add_variables(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Declare the decision variables (sparse: only the indices that exist).

    ============================  =============================  ================================
    symbol                        Pyomo name                     unit
    ============================  =============================  ================================
    :math:`N_{p,v}`               ``new_capacity``               capacity unit (GW, kveh ...)
    :math:`A_{p,y,t}`             ``dispatch``                   GW (rate in timeslice t)
    :math:`\bar A_{p,y}`          ``activity``                   activity unit per year
    :math:`K_{p,y}`               ``active_capacity``            capacity unit (early retirement)
    :math:`\mathrm{Cap}_{p,y}`    ``installed_capacity``         GW (see below)
    :math:`N^E_{s,v}`             ``new_energy_capacity``        storage energy unit
    :math:`\mathrm{Cap}^E_{s,y}`  ``installed_energy_capacity``  storage energy unit
    :math:`C_{s,y,t}, D_{s,y,t}`  ``charge, discharge``          GW
    :math:`L_{s,y,t}`             ``level``                      storage energy unit
    :math:`E_y`                   ``emissions``                  kt of the target gas basis
    ============================  =============================  ================================

    ``installed_capacity`` and ``installed_energy_capacity`` exist for investable
    timeslice technologies and stores in the decision years, where a capacity limit is
    repeated in every timeslice: one column, defined once a year (see
    :func:`add_capacity_limits`), stands for the sum over the standing vintages in all those
    rows, which keeps the matrix sparse.
    """
    decision = d.decision_years
    techs = list(d.techs.values())
    T = list(range(len(d.timeslices)))  # one int object per timeslice, shared by the keys
    m.new_capacity = pyo.Var([(t.code, v) for t in techs if t.investable for v in decision],
                             domain=pyo.NonNegativeReals)
    m.dispatch = pyo.Var([(t.code, y, i) for t in techs if t.timeslice and t.kind != "storage"
                          for y in d.years for i in T], domain=pyo.NonNegativeReals)
    m.activity = pyo.Var([(t.code, y) for t in techs if t.kind != "storage" for y in d.years],
                         domain=pyo.NonNegativeReals)
    m.active_capacity = pyo.Var([(t.code, y) for t in techs if t.early_retirement
                                 for y in d.years], domain=pyo.NonNegativeReals)
    m.installed_capacity = pyo.Var([(t.code, y) for t in techs if _has_capacity_column(t)
                                    for y in decision], domain=pyo.NonNegativeReals)
    stores = [t for t in techs if t.kind == "storage"]
    m.new_energy_capacity = pyo.Var([(s.code, v) for s in stores if s.investable
                                     for v in decision], domain=pyo.NonNegativeReals)
    m.installed_energy_capacity = pyo.Var([(s.code, y) for s in stores if s.investable
                                           for y in decision], domain=pyo.NonNegativeReals)
    index = [(s.code, y, i) for s in stores for y in d.years for i in T]
    m.charge = pyo.Var(index, domain=pyo.NonNegativeReals)
    slots = m.charge.index_set()  # one index set for the three (and their rows)
    m.discharge = pyo.Var(slots, domain=pyo.NonNegativeReals)
    m.level = pyo.Var(slots, domain=pyo.NonNegativeReals)
    m.emissions = pyo.Var(d.years, domain=pyo.Reals)
    # build limits and bounds on annual activity are variable bounds (cheap to update)
    for t in techs:
        if t.investable:
            for v in decision:
                lo = t.bounds.get("min_new_capacity", {}).get(v)
                hi = t.bounds.get("max_new_capacity", {}).get(v)
                m.new_capacity[t.code, v].setlb(lo)
                m.new_capacity[t.code, v].setub(hi)
        if t.kind != "storage":
            for y in d.years:
                m.activity[t.code, y].setlb(t.bounds.get("min_activity", {}).get(y))
                m.activity[t.code, y].setub(t.bounds.get("max_activity", {}).get(y))


def add_activity_definition(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Annual activity of timeslice technologies from their dispatch.

    .. math:: \bar A_{p,y} = \sum_t w_t A_{p,y,t}

    ====================  ============  ========
    symbol                Pyomo name    unit
    ====================  ============  ========
    :math:`\bar A_{p,y}`  ``activity``  GWh / yr
    :math:`A_{p,y,t}`     ``dispatch``  GW
    :math:`w_t`           (data)        h / yr
    ====================  ============  ========
    """
    w = [float(x) for x in d.weights]
    T = range(len(d.timeslices))
    act = m.activity
    # the terms w_t A_{p,y,t} are kept for the balances, which reuse them (expressions are
    # immutable): one term object per dispatch variable instead of two
    weighted = _weighted_dispatch[m] = {key: MonomialTermExpression((w[key[2]], var))
                                        for key, var in m.dispatch.items()}
    rows = {(t.code, y): EqualityExpression((LinearExpression(
        [*(weighted[t.code, y, i] for i in T), MonomialTermExpression((-1.0, act[t.code, y]))]),
        0.0))
            for t in d.techs.values() if t.timeslice and t.kind != "storage"
            for y in d.years}
    m.activity_definition = pyo.Constraint(list(rows), rule=_rule(rows))


def add_capacity_limits(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Activity within capacity.

    Timeslice technologies, every timeslice:

    .. math:: A_{p,y,t} \le \alpha_{p,y}\, \pi_{p,t}\, K_{p,y}

    Annual technologies:

    .. math:: \bar A_{p,y} \le \alpha_{p,y}\, u_{p,y}\, K_{p,y}
              \quad (= \text{ with fixed utilisation})

    where :math:`K_{p,y}` is the usable capacity (installed capacity, or the active capacity
    of technologies that may retire early). Investable timeslice technologies have one
    column :math:`\mathrm{Cap}_{p,y}` (``installed_capacity``) per decision year, defined by

    .. math:: \mathrm{Cap}_{p,y} - \sum_{v \le y < v + \ell_p} N_{p,v} = R_{p,y}

    (``capacity_definition``), so that each timeslice row holds two nonzeros instead of one
    per standing vintage. Where :math:`K_{p,y}` is a constant (no investment and no early
    retirement, or the base year) or :math:`\alpha \pi = 0`, the timeslice limit is the upper
    bound of :math:`A_{p,y,t}` instead of a row.

    ====================  ===========================  ========================
    symbol                Pyomo name                   unit
    ====================  ===========================  ========================
    :math:`\alpha_{p,y}`  (data) ``availability``      1
    :math:`\pi_{p,t}`     (data) availability profile  1 (capacity factor)
    :math:`u_{p,y}`       (data) ``utilisation``       activity / (capacity yr)
    ====================  ===========================  ========================
    """
    # links: both directions share one capacity, in rows of carbonpath.model.network
    ts = [t for t in d.techs.values() if t.timeslice and t.kind != "storage" and t.capacitated
          and t.link is None]
    an = [t for t in d.techs.values() if not t.timeslice and t.capacitated and t.link is None]
    disp = dict(m.dispatch.items())
    definition = {}
    for t in d.techs.values():
        if _has_capacity_column(t):
            for y in d.decision_years:
                constant, terms = capacity_terms(m, d, t, y, column=False)
                definition[(t.code, y)] = _eq(
                    [(1.0, m.installed_capacity[t.code, y])] + [(-c, v) for c, v in terms],
                    constant)
    m.capacity_definition = pyo.Constraint(list(definition), rule=_rule(definition))
    rows = {}
    ts_codes = {t.code for t in ts}
    current = None
    # rows are keyed by the dispatch variables' own index tuples (shared, not copied)
    for key, var in disp.items():
        p, y, i = key
        if p not in ts_codes:
            continue
        if (p, y) != current:
            current = (p, y)
            t = d.techs[p]
            profile = (None if t.availability_profile is None
                       else [float(x) for x in t.availability_profile])
            alpha = float(t.availability[d.year_index[y]])
            constant, terms = usable_terms(m, d, t, y)
            single = terms[0] if len(terms) == 1 and not constant else None
            shared: dict[float, Any] = {}
        coeff = alpha if profile is None else alpha * profile[i]
        if not (terms and coeff):
            var.setub(coeff * constant)
        elif single is not None:
            # the common case, A <= (alpha pi) K, written as such; rows with the same
            # coefficient share the term (expressions are immutable): less memory
            term = shared.get(coeff)
            if term is None:
                term = shared[coeff] = MonomialTermExpression((coeff * single[0], single[1]))
            rows[key] = InequalityExpression((var, term), False)
        else:
            rows[key] = _le([(1.0, var)] + [(-coeff * c, v) for c, v in terms],
                            coeff * constant)
    m.capacity_limit = _sparse(m.dispatch.index_set(), rows)

    annual = {}
    for t in an:
        for y in d.years:
            k = d.year_index[y]
            coeff = float(t.availability[k] * t.utilisation[k])
            constant, terms = usable_terms(m, d, t, y)
            body = [(1.0, m.activity[t.code, y])] + [(-coeff * c, v) for c, v in terms]
            annual[(t.code, y)] = (_eq(body, coeff * constant) if t.fixed_utilisation
                                   else _le(body, coeff * constant))
    m.capacity_limit_annual = pyo.Constraint(list(annual), rule=_rule(annual))


def add_capacity_rules(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Capacity bounds (potentials) and early retirement.

    .. math:: \underline{K}_{p,y} \le \mathrm{Cap}_{p,y} \le \overline{K}_{p,y}

    Early retirement (technologies flagged ``early_retirement``): the active capacity
    :math:`K_{p,y}` never exceeds the installed one and grows only by new builds, so a
    retired unit never returns:

    .. math:: K_{p,y} \le \mathrm{Cap}_{p,y},\qquad
              K_{p,y} \le K_{p,y-1} + N_{p,y} + \max(0, R_{p,y} - R_{p,y-1}),
              \qquad K_{p,y} = \mathrm{Cap}_{p,y} \text{ in observed years}

    (stock the residual schedule adds may come into use). Its investment annuities are
    still paid (stranded capital); its fixed O&M is charged on :math:`K`. Which capacity may
    retire, and from what age, is :func:`carbonpath.model.fleet.add_retirement_rules`.
    """
    techs = d.techs
    upper = [(p, y) for p, t in techs.items() for y in d.years
             if y in t.bounds.get("max_capacity", {})]
    lower = [(p, y) for p, t in techs.items() for y in d.years
             if y in t.bounds.get("min_capacity", {})]
    # N84, V47: before the rows, whose constant years (the base year) met a generic refusal
    DataError.collect([q for t in techs.values() if t.bounds.get("max_capacity")
                       for q in stock_above_max(d, t, t.bounds["max_capacity"], rows=True)])
    m.capacity_max = pyo.Constraint(upper, rule=lambda _m, p, y: bounded(
        None, capacity(m, d, techs[p], y), techs[p].bounds["max_capacity"][y],
        f"max_capacity of {p} in {y}", techs[p].capacity_unit))
    DataError.collect([q for t in techs.values() if t.bounds.get("min_capacity")  # R34
                       for q in stock_below_min(d, t, t.bounds["min_capacity"])])
    m.capacity_min = pyo.Constraint(lower, rule=lambda _m, p, y: bounded(
        techs[p].bounds["min_capacity"][y], capacity(m, d, techs[p], y), None,
        f"min_capacity of {p} in {y}", techs[p].capacity_unit))
    early = [t for t in techs.values() if t.early_retirement]
    decided = set(d.decision_years)
    within = {}
    for t in early:
        for y in d.years:
            constant, terms = capacity_terms(m, d, t, y)
            body = [(1.0, m.active_capacity[t.code, y])] + [(-c, v) for c, v in terms]
            within[(t.code, y)] = (_le(body, constant) if y in decided
                                   else _eq(body, constant))
    m.active_within_installed = pyo.Constraint(list(within), rule=_rule(within))
    no_return = {}
    for t in early:
        for y in d.years[1:]:
            body = [(1.0, m.active_capacity[t.code, y]), (-1.0, m.active_capacity[t.code, y - 1])]
            if t.investable and y in decided:
                body.append((-1.0, m.new_capacity[t.code, y]))
            k = d.year_index[y]
            no_return[(t.code, y)] = _le(body, max(0.0, float(t.residual[k]
                                                              - t.residual[k - 1])))
    m.no_return = pyo.Constraint(list(no_return), rule=_rule(no_return))


def add_base_year(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Fix the observed years to the data: :math:`\bar A_{p,y} = \bar A^{obs}_{p,y}`.

    The observed years are the base year and any year before ``first_decision_year``
    (default: the base year alone; none when the first model year is a decision year).
    Technologies with an observed activity are fixed to it (as variable bounds, so that they
    stay in the LP). No new capacity exists in an observed year (vintages start in the first
    decision year), so technologies without stock cannot operate in it, and a technology
    without capacity and without an observed activity (an import) is fixed at zero. Links move
    what the regions' observed data need in an observed year, within their capacity, unless
    their own activity is observed.
    """
    for y0 in d.observed_years:
        for t in d.techs.values():
            if t.kind == "storage":
                continue
            if y0 in t.observed:
                m.activity[t.code, y0].setlb(t.observed[y0])
                m.activity[t.code, y0].setub(t.observed[y0])
            elif t.link is not None:
                continue
            elif not t.capacitated:
                m.activity[t.code, y0].setlb(0.0)
                m.activity[t.code, y0].setub(0.0)


def add_emissions(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Emissions of each year on the targets' basis (method and gas of the dataset).

    .. math:: E_y = \sum_p \epsilon_{p,y} \bar A_{p,y} + \sum_c \epsilon^D_{c,y}

    :math:`\epsilon_{p,y}` (kt per activity unit) follows the dataset's method:

    * ``provincial``: combustion factors of the technology's input fuels (factor tables by
      sector and fuel, or the dataset's overrides) and process factors per unit of activity;
      electricity trade at the grid factor of the year: imports :math:`+g_y`, exports
      :math:`-g_y`.
    * ``gpc``: the same direct emissions, except those of power and heat plants (sectors
      ``thermal_power``, ``heat_supply``), which stay in the results but out of the total;
      every consumer's electricity at :math:`g_y` and heat at the heat factor (scope 2); trade
      counts nothing (electricity is counted where it is consumed). :math:`\epsilon^D_{c,y}`
      is the scope 2 of exogenous demands of electricity and heat (a constant).

    The dual of this row, undiscounted, is the marginal cost of emitting one more tonne in
    year y.
    """
    techs = [t for t in d.techs.values() if t.kind != "storage"]
    rows = {}
    for y in d.years:
        k = d.year_index[y]
        constant = sum(float(v[k]) for v in d.demand_emissions.values())
        rows[y] = _eq([(1.0, m.emissions[y])]
                      + [(-float(t.target_factor[k]), m.activity[t.code, y]) for t in techs
                         if t.target_factor[k] != 0], constant)
    m.emission_definition = pyo.Constraint(d.years, rule=_rule(rows))
