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
from weakref import WeakKeyDictionary

import pyomo.environ as pyo
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression

from carbonpath.errors import DataError, Problem
from carbonpath.model.data import ModelData, TechData

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

#: Terms w_t A_{p,y,t} made by add_activity_definition for add_balances, by model.
_weighted_dispatch: WeakKeyDictionary = WeakKeyDictionary()

#: A linear form as (constant, [(coefficient, variable), ...]).
Terms = tuple[float, list[tuple[float, Any]]]


def linear(terms: list[tuple[float, Any]], constant: float = 0.0) -> Any:
    """Return the Pyomo expression ``constant + sum(c * x)``, built directly.

    The expression is one ``LinearExpression`` of ``MonomialTermExpression`` terms (a bare
    variable where the coefficient is 1), made without operator overloading: the same
    expression Pyomo builds from ``sum(c * x for ...)``, at a fraction of the cost. Terms with
    a zero coefficient are left out; a form without terms is its constant (a float). A term
    with coefficient 1 may hold a ready-made ``MonomialTermExpression`` instead of a variable.
    """
    args: list[Any] = [constant] if constant else []
    for c, v in terms:
        if c == 1:
            args.append(v)
        elif c:
            args.append(MonomialTermExpression((c, v)))
    if len(args) == (1 if constant else 0):
        return float(constant)
    return LinearExpression(args)


def _le(terms: list[tuple[float, Any]], upper: float) -> Any:
    """``sum(c * x) <= upper`` as a Pyomo relational expression."""
    return InequalityExpression((linear(terms), upper), False)


def _eq(terms: list[tuple[float, Any]], rhs: float) -> Any:
    """``sum(c * x) == rhs`` as a Pyomo relational expression."""
    return EqualityExpression((linear(terms), rhs))


def _rule(rows: dict) -> Any:
    """A Constraint rule that returns prepared relational expressions by index."""
    def rule(_m, *index):
        """Build one row of the family from its index."""
        return rows[index if len(index) > 1 else index[0]]
    return rule


def _sparse(index: Any, rows: dict) -> Any:
    """An indexed Constraint over a variable's index set, with rows where ``rows`` has one.

    Sharing the variable's set (instead of a new set of the rows' keys) saves a set entry per
    row; the indices without a row are skipped, so the constraint holds only its rows.
    """
    skip = pyo.Constraint.Skip

    def rule(_m, *key):
        """Build one row of the family from its index."""
        return rows.get(key, skip)
    return pyo.Constraint(index, rule=rule)


def alive(d: ModelData, tech: TechData, year: int) -> list[int]:
    """Vintages of ``tech`` built in decision years that still stand in ``year``.

    A vintage built in year v stands from v to v + lifetime - 1.
    """
    if not tech.investable or not d.decision_years:
        return []
    first = max(d.decision_years[0], year - tech.lifetime + 1)
    return list(range(first, year + 1))


def bounded(lower: float | None, expr, upper: float | None, what: str, unit: str):
    """Return a Pyomo constraint body ``(lower, expr, upper)``.

    A constant ``expr`` within the bounds gives ``Constraint.Skip``; a constant outside them
    raises :class:`DataError` naming both numbers in ``unit`` (the row's canonical unit).
    """
    if isinstance(expr, (int, float)):
        if (lower is None or expr >= lower - 1e-9) and (upper is None or expr <= upper + 1e-9):
            return pyo.Constraint.Skip
        if lower == upper:
            wanted = f"= {lower:.6g}"
        elif upper is None:
            wanted = f">= {lower:.6g}"
        elif lower is None:
            wanted = f"<= {upper:.6g}"
        else:
            wanted = f"in [{lower:.6g}, {upper:.6g}]"
        raise DataError(Problem(f"{what}: the data fix it at {expr:.6g} {unit}, but it must "
                                f"be {wanted} {unit}", file="parameters.csv"))
    return (lower, expr, upper)


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


def _has_capacity_column(tech: TechData) -> bool:
    """Investable technologies whose capacity enters rows of every timeslice."""
    return tech.investable and tech.timeslice and (tech.kind == "storage"
                                                   or tech.capacitated)


def capacity_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int,
                   column: bool = True) -> Terms:
    r"""Installed capacity :math:`\mathrm{Cap}_{p,y}` as (constant, [(coefficient, variable)]).

    The ``installed_capacity`` column where it exists (``column=True``), else the residual
    stock plus the standing vintages.
    """
    if column and tech.investable and year >= d.decision_years[0] and _has_capacity_column(tech):
        return 0.0, [(1.0, m.installed_capacity[tech.code, year])]
    i = d.year_index[year]
    nc = m.new_capacity
    return float(tech.residual[i]), [(1.0, nc[tech.code, v]) for v in alive(d, tech, year)]


def capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Installed capacity of a technology in a year.

    .. math:: \mathrm{Cap}_{p,y} = R_{p,y} + \sum_{v \le y < v + \ell_p} N_{p,v}

    :math:`R_{p,y}` is the residual stock (``residual_capacity``) and :math:`\ell_p` the
    technical lifetime. Returns a linear expression in the technology's capacity unit (the
    ``installed_capacity`` variable where the model has one, see :func:`add_variables`), or
    a float where no vintage stands.
    """
    constant, terms = capacity_terms(m, d, tech, year)
    return linear(terms, constant)


def usable_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int) -> Terms:
    """Capacity that can operate: active capacity if early retirement is allowed."""
    if tech.early_retirement:
        return 0.0, [(1.0, m.active_capacity[tech.code, year])]
    return capacity_terms(m, d, tech, year)


def energy_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int,
                 column: bool = True) -> Terms:
    r"""Storage energy capacity :math:`\mathrm{Cap}^E_{s,y}` as (constant, terms)."""
    if column and tech.investable and year >= d.decision_years[0]:
        return 0.0, [(1.0, m.installed_energy_capacity[tech.code, year])]
    i = d.year_index[year]
    ne = m.new_energy_capacity
    return (float(tech.storage.residual_energy[i]),
            [(1.0, ne[tech.code, v]) for v in alive(d, tech, year)])


def energy_capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Storage energy capacity :math:`R^E_{s,y} + \sum_{v \le y < v + \ell_s} N^E_{s,v}`."""
    constant, terms = energy_terms(m, d, tech, year)
    return linear(terms, constant)


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
    m.capacity_max = pyo.Constraint(upper, rule=lambda _m, p, y: bounded(
        None, capacity(m, d, techs[p], y), techs[p].bounds["max_capacity"][y],
        f"max_capacity of {p} in {y}", techs[p].capacity_unit))
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


def add_storage(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Storage: power and energy capacity, level continuity within each representative day.

    .. math::
        L_{s,y,(d,h)} = (1-\lambda_s)^{\Delta} L_{s,y,(d,h-1)}
                        + \Delta \left(\eta^c_s C_{s,y,(d,h)} - D_{s,y,(d,h)} / \eta^d_s\right)

    with :math:`(d,-1) \equiv (d,H-1)`: the level is cyclic within each representative day
    and nothing carries over from one representative day to another (they are not
    consecutive). Charge efficiency applies to what enters, discharge efficiency to what
    leaves; a round trip returns :math:`\eta^c \eta^d`.

    .. math:: C_{s,y,t} \le K_{s,y},\quad D_{s,y,t} \le K_{s,y},\quad
              L_{s,y,t} \le \mathrm{Cap}^E_{s,y},\quad
              \underline{\delta}_s K_{s,y} \le \mathrm{Cap}^E_{s,y} \le \overline{\delta}_s K_{s,y}

    Investable stores have one energy-capacity column per decision year
    (``installed_energy_capacity``, defined by ``energy_capacity_definition``:
    :math:`\mathrm{Cap}^E_{s,y} - \sum_v N^E_{s,v} = R^E_{s,y}`), like the power capacity of
    :func:`add_capacity_limits`. Where :math:`K_{s,y}` or :math:`\mathrm{Cap}^E_{s,y}` is a
    constant, the three limits are upper bounds of :math:`C, D, L` instead of rows.

    =====================  =====================  =====
    symbol                 Pyomo name             unit
    =====================  =====================  =====
    :math:`L`              ``level``              GWh
    :math:`C, D`           ``charge, discharge``  GW
    :math:`\eta^c,\eta^d`  (data)                 1
    :math:`\lambda_s`      (data) standing loss   1 / h
    :math:`\delta_s`       (data) duration        h
    =====================  =====================  =====
    """
    stores = [t for t in d.techs.values() if t.kind == "storage"]
    H = d.hours
    slots = range(len(d.day_names) * H)
    techs = d.techs
    dt = d.block_hours
    level, charge, discharge = (dict(m.level.items()), dict(m.charge.items()),
                                dict(m.discharge.items()))
    keys = {key: key for key in level}
    definition = {}
    for s in stores:
        if s.investable:
            for y in d.decision_years:
                constant, terms = energy_terms(m, d, s, y, column=False)
                definition[(s.code, y)] = _eq(
                    [(1.0, m.installed_energy_capacity[s.code, y])]
                    + [(-c, v) for c, v in terms], constant)
    m.energy_capacity_definition = pyo.Constraint(list(definition), rule=_rule(definition))

    balance, charge_limit, discharge_limit, energy_limit = {}, {}, {}, {}
    for s in stores:
        st = s.storage
        keep = (1.0 - st.standing_loss) ** dt
        into = dt * st.charge_efficiency
        out = dt / st.discharge_efficiency
        p = s.code
        for y in d.years:
            power_constant, power = usable_terms(m, d, s, y)
            power = [(-c, v) for c, v in power]
            energy_constant, energy = energy_terms(m, d, s, y)
            energy = [(-c, v) for c, v in energy]
            power_var = power[0][1] if len(power) == 1 and power[0][0] == -1.0 and not \
                power_constant else None
            energy_var = energy[0][1] if len(energy) == 1 and energy[0][0] == -1.0 and not \
                energy_constant else None
            for i in slots:
                day, hour = divmod(i, H)
                prev = day * H + (hour - 1) % H
                key = keys[(p, y, i)]  # the variables' own index tuple (shared, not copied)
                lv, ch, dis = level[key], charge[key], discharge[key]
                balance[key] = _eq([(1.0, lv), (-keep, level[p, y, prev]), (-into, ch),
                                    (out, dis)], 0.0)
                if power_var is not None:  # C <= K, D <= K as such: no term objects
                    charge_limit[key] = InequalityExpression((ch, power_var), False)
                    discharge_limit[key] = InequalityExpression((dis, power_var), False)
                elif power:
                    charge_limit[key] = _le([(1.0, ch), *power], power_constant)
                    discharge_limit[key] = _le([(1.0, dis), *power], power_constant)
                else:
                    ch.setub(power_constant)
                    dis.setub(power_constant)
                if energy_var is not None:
                    energy_limit[key] = InequalityExpression((lv, energy_var), False)
                elif energy:
                    energy_limit[key] = _le([(1.0, lv), *energy], energy_constant)
                else:
                    lv.setub(energy_constant)
    slots = m.charge.index_set()
    m.storage_level = _sparse(slots, balance)
    m.storage_charge_limit = _sparse(slots, charge_limit)
    m.storage_discharge_limit = _sparse(slots, discharge_limit)
    m.storage_energy_limit = _sparse(slots, energy_limit)
    dur_min = [(s.code, y) for s in stores if s.storage.min_duration for y in d.years]
    dur_max = [(s.code, y) for s in stores if s.storage.max_duration for y in d.years]
    m.storage_duration_min = pyo.Constraint(dur_min, rule=lambda _m, p, y: bounded(
        0.0, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.min_duration * capacity(m, d, techs[p], y), None,
        f"min_duration of {p} in {y}", techs[p].storage.energy_unit))
    m.storage_duration_max = pyo.Constraint(dur_max, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.max_duration * capacity(m, d, techs[p], y), 0.0,
        f"max_duration of {p} in {y}", techs[p].storage.energy_unit))
    emax = [(s.code, y) for s in stores for y in d.years if y in s.storage.max_energy]
    m.storage_energy_max = pyo.Constraint(emax, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y), techs[p].storage.max_energy[y],
        f"max_energy_capacity of {p} in {y}", techs[p].storage.energy_unit))


def add_balances(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Commodity balances: supply equals use plus demand.

    Timeslice commodities (electricity, heat, hydrogen), every year and timeslice, in
    energy per timeslice:

    .. math::
        \sum_{p \in TS} (o_{p,c} - i_{p,c})\, w_t A_{p,y,t}
        + \sum_{p \in AN} (o_{p,c} - i_{p,c})\, \sigma_{p,t} \bar A_{p,y}
        + \sum_{s \in S_c} w_t (D_{s,y,t} - C_{s,y,t}) = \mathrm{Dem}_{c,y}\, \sigma_{c,t}

    Annual commodities (fuels, materials, services), every year:

    .. math:: \sum_p (o_{p,c} - i_{p,c})\, \bar A_{p,y} = \mathrm{Dem}_{c,y}

    Annual technologies draw timeslice commodities through their load shares
    :math:`\sigma_{p,t}` (:math:`\sum_t \sigma_{p,t} = 1`). Technologies sharing a load
    profile g are summed once per year into :math:`X_{c,g,y} = \sum_{p \in g} (o_{p,c} -
    i_{p,c}) \bar A_{p,y}` (``annual_net_flow``), which enters each timeslice as
    :math:`\sigma_{g,t} X_{c,g,y}`: the same balance with far fewer nonzeros (no dense
    columns for the solver). The balances are equalities on
    purpose: with free disposal a peak-year target would reward burning fuel for nothing
    before the peak year (a higher peak loosens the rows after it). Surplus that the data
    really produce (heat from CHP, vehicles beyond demand) needs an explicit technology or
    early retirement. Curtailment of PV and wind is dispatch below availability. The row
    duals are the commodities' marginal costs (discounted MCNY per unit).

    In the base year, whose activities are fixed to observed data, each balance has a
    statistical difference :math:`S_{c,t}` (like the 平衡差额 row of an energy balance sheet),
    bounded by the dataset's ``base_year_tolerance`` (default 1e-6) times the commodity's
    base-year throughput, so that rounding in published data does not make the model
    infeasible while a real inconsistency still does. The results report it.

    ========================  ==========  ===========================================
    symbol                    Pyomo name  unit
    ========================  ==========  ===========================================
    :math:`o_{p,c}, i_{p,c}`  (data)      commodity unit / activity unit
    :math:`\sigma_{p,t}`      (data)      1 (share of the annual flow in timeslice t)
    :math:`\mathrm{Dem}`      (data)      commodity unit / yr
    ========================  ==========  ===========================================
    """
    com = d.commodities
    T = range(len(d.timeslices))
    w = [float(x) for x in d.weights]
    net: dict[str, list[tuple[TechData, float]]] = {c: [] for c in com.index}
    for t in d.techs.values():
        for c, r in t.outputs.items():
            net[c].append((t, r))
        for c, r in t.inputs.items():
            net[c].append((t, -r))
    stores: dict[str, list[TechData]] = {c: [] for c in com.index}
    for t in d.techs.values():
        if t.storage is not None:
            stores[t.storage.commodity].append(t)
    timeslice = [c for c in com.index if com.loc[c, "balance"] == "timeslice"]
    annual = [c for c in com.index if com.loc[c, "balance"] == "annual"]
    y0 = d.base_year
    tolerance = float(d.dataset.config.get("base_year_tolerance", 1e-6))

    def throughput_in(y: int) -> dict[str, float]:
        """Observed throughput of each commodity in an observed year (0 in other years)."""
        if y not in d.observed_years:
            return dict.fromkeys(com.index, 0.0)
        k = d.year_index[y]
        return {c: sum(abs(r) * t.observed.get(y, 0.0) for t, r in net[c])
                + (float(d.demand[c][k]) if c in d.demand else 0.0) for c in com.index}

    throughput = throughput_in(y0)
    m.statistical_difference = pyo.Var(
        [(c, i) for c in timeslice for i in T] + [(c, -1) for c in annual],
        bounds=lambda _m, c, i: (-tolerance * throughput[c], tolerance * throughput[c]))
    # observed years after the base year (first_decision_year later than the year after it)
    later = {y: throughput_in(y) for y in d.observed_years if y != y0}
    m.statistical_difference_observed = pyo.Var(
        [(c, y, i) for y in later for c in timeslice for i in T]
        + [(c, y, -1) for y in later for c in annual],
        bounds=lambda _m, c, y, i: (-tolerance * later[y][c], tolerance * later[y][c]))
    stat_later = m.statistical_difference_observed

    # annual technologies' net flows of timeslice commodities, summed per load profile
    groups: dict[tuple[str, str], list[tuple[TechData, float]]] = {}
    for c in timeslice:
        for t, r in net[c]:
            if not t.timeslice:
                groups.setdefault((c, t.load_group), []).append((t, r))
    share = {key: members[0][0].load_share for key, members in groups.items()}
    m.annual_net_flow = pyo.Var([(c, g, y) for (c, g) in groups for y in d.years],
                                domain=pyo.Reals)
    flow_rows = {(c, g, y): _eq([(1.0, m.annual_net_flow[c, g, y])]
                                + [(-r, m.activity[t.code, y]) for t, r in members], 0.0)
                 for (c, g), members in groups.items() for y in d.years}
    m.annual_net_flow_definition = pyo.Constraint(list(flow_rows), rule=_rule(flow_rows))

    disp, dis, cha = dict(m.dispatch.items()), dict(m.discharge.items()), dict(m.charge.items())
    weighted = _weighted_dispatch.pop(m, {})
    flow = m.annual_net_flow
    stat = m.statistical_difference
    coarse = coarse_commodities(d)
    blocks: dict[tuple[str, int, int], tuple[list, list[float]]] = {}
    rows = {}
    for c in timeslice:
        producers = [(t.code, r) for t, r in net[c] if t.timeslice]
        profiles = [(g, [float(x) for x in sh]) for (cc, g), sh in share.items() if cc == c]
        demand = d.demand.get(c)
        for y in d.years:
            k = d.year_index[y]
            for i in T:
                terms = [(1.0, weighted[p, y, i]) if r == 1.0 and (p, y, i) in weighted
                         else (r * w[i], disp[p, y, i]) for p, r in producers]
                terms += [(sh[i], flow[c, g, y]) for g, sh in profiles]
                for s in stores[c]:
                    terms += [(w[i], dis[s.code, y, i]), (-w[i], cha[s.code, y, i])]
                if y == y0 and throughput[c] > 0:
                    terms.append((1.0, stat[c, i]))
                elif y in later and later[y][c] > 0:
                    terms.append((1.0, stat_later[c, y, i]))
                rhs = 0.0 if demand is None else float(demand[k] * d.demand_share[c][i])
                if c in coarse:  # one row per block of timeslices: the sum of their rows
                    block = blocks.setdefault((c, y, balance_slot(d, i)), ([], [0.0]))
                    block[0].extend(terms)
                    block[1][0] += rhs
                    if balance_slot(d, i + 1) != balance_slot(d, i) or i + 1 == len(T):
                        terms, rhs = block[0], block[1][0]
                        i = balance_slot(d, i)
                    else:
                        continue
                body = linear(terms)
                rows[(c, y, i)] = (bounded(rhs, body, rhs, f"balance of {c} in {y}",
                                           f"{d.commodities.loc[c, 'unit']}/yr")
                                   if body.__class__ is float else EqualityExpression((body, rhs)))
    m.balance = pyo.Constraint([(c, y, i) for c in timeslice for y in d.years for i in T
                                if c not in coarse or balance_slot(d, i) == i],
                               rule=_rule(rows))

    annual_rows = {}
    for c in annual:
        demand = d.demand.get(c)
        for y in d.years:
            terms = [(r, m.activity[t.code, y]) for t, r in net[c]]
            if y == y0 and throughput[c] > 0:
                terms.append((1.0, stat[c, -1]))
            elif y in later and later[y][c] > 0:
                terms.append((1.0, stat_later[c, y, -1]))
            rhs = 0.0 if demand is None else float(demand[d.year_index[y]])
            body = linear(terms)
            annual_rows[(c, y)] = (bounded(rhs, body, rhs, f"balance of {c} in {y}",
                                           f"{d.commodities.loc[c, 'unit']}/yr")
                                   if body.__class__ is float else EqualityExpression((body, rhs)))
    m.balance_annual = pyo.Constraint([(c, y) for c in annual for y in d.years],
                                      rule=_rule(annual_rows))


def coarse_commodities(d: ModelData) -> set[str]:
    """Timeslice commodities balanced per block of timeslices (``coarse_balance_hours``).

    Every timeslice-balanced commodity whose kind is not ``electricity``, when
    ``d.coarse_slices`` > 1; none otherwise.
    """
    if d.coarse_slices <= 1:
        return set()
    com = d.commodities
    return {c for c in com.index if com.loc[c, "balance"] == "timeslice"
            and com.loc[c, "kind"] != "electricity"}


def balance_slot(d: ModelData, i: int) -> int:
    """The first timeslice of the balance block of timeslice ``i`` (coarse commodities).

    Blocks are ``d.coarse_slices`` consecutive timeslices of one representative day.
    """
    within = i % d.hours
    return i - within % d.coarse_slices


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


def annuity_years(d: ModelData, tech: TechData, vintage: int) -> range:
    """The model years in which the annuity of a vintage is paid.

    ``economic_lifetime`` years from the build year (``annuity_timing: build_year``, the
    default) or from the year after it (``next_year``), never after the horizon.
    """
    first = vintage + (1 if d.annuity_timing == "next_year" else 0)
    return range(first, min(first + tech.economic_lifetime - 1, d.years[-1]) + 1)


def discounted_annuity_years(d: ModelData, tech: TechData, vintage: int) -> float:
    """Sum of discount factors over the years the annuity of a vintage is paid.

    See :func:`annuity_years`: from the vintage year (or the year after it) for
    ``economic_lifetime`` years, and never after the horizon.
    """
    return float(sum(d.discount_factor[d.year_index[y]] for y in annuity_years(d, tech, vintage)))


def cost_coefficients(d: ModelData, t: TechData
                      ) -> tuple[list[tuple[str, tuple, float]], float]:
    """Objective coefficients of one technology's variables, and its constant cost.

    Returns
    -------
    (list of (variable name, index, coefficient), float)
        Discounted MCNY per unit of each variable, and the discounted fixed O&M of the
        residual stock (a constant).
    """
    df = d.discount_factor
    out: list[tuple[str, tuple, float]] = []
    constant = 0.0
    crf = t.crf()
    if t.investable:
        for v in d.decision_years:
            k = d.year_index[v]
            standing = range(v, min(v + t.lifetime - 1, d.years[-1]) + 1)
            coeff = float(t.capex[k]) * crf * discounted_annuity_years(d, t, v)
            if not t.early_retirement:
                coeff += sum(float(df[d.year_index[y]] * t.fixed_om[d.year_index[y]])
                             for y in standing)
            out.append(("new_capacity", (t.code, v), coeff))
            if t.storage is not None:
                ecoeff = float(t.storage.capex_energy[k]) * crf * discounted_annuity_years(
                    d, t, v)
                ecoeff += sum(float(df[d.year_index[y]]
                                    * t.storage.fixed_om_energy[d.year_index[y]])
                              for y in standing)
                out.append(("new_energy_capacity", (t.code, v), ecoeff))
    for y in d.years:
        k = d.year_index[y]
        if t.early_retirement:
            out.append(("active_capacity", (t.code, y), float(df[k] * t.fixed_om[k])))
        elif t.capacitated:
            constant += float(df[k] * t.fixed_om[k] * t.residual[k])
        if t.storage is not None:
            constant += float(df[k] * t.storage.fixed_om_energy[k]
                              * t.storage.residual_energy[k])
        elif t.price_profile is not None and t.timeslice:
            out.extend(("dispatch", (t.code, y, i), float(df[k] * t.variable_cost[k] * w * f))
                       for i, (w, f) in enumerate(zip(d.weights, t.price_profile, strict=True)))
        else:
            out.append(("activity", (t.code, y), float(df[k] * t.variable_cost[k])))
    return out, constant


def add_objective(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Minimise the discounted sum of annual system costs over the model years.

    .. math::
        \min \sum_y \delta_y \Big[ \sum_p \sum_{v:\, v \le y < v + \ell^e_p}
            \mathrm{crf}_p\, I_{p,v} N_{p,v}
          + \sum_p F_{p,y} K_{p,y} + \sum_p c_{p,y} \bar A_{p,y}
          + \text{the same terms for storage energy capacity} \Big]

    with :math:`\delta_y = (1+r)^{-(y-y_d)}`, :math:`y_d` the ``discount_year`` (default the
    base year :math:`y_0`). Investment is paid as annuities (capital recovery factor at the
    technology's discount rate over its economic lifetime) in each model year the vintage's
    annuity runs (:func:`annuity_years`: from the build year, or with ``annuity_timing:
    next_year`` from the year after it), within the horizon and never after it; no salvage
    value is credited. Costs of a year are discounted as a single payment (y - y_d) years
    after the discount year. Fixed O&M of the residual stock enters as a constant.

    ======================  ====================  =========================
    symbol                  Pyomo name            unit
    ======================  ====================  =========================
    :math:`I_{p,v}`         (data) capex          MCNY / capacity unit
    :math:`F_{p,y}`         (data) fixed_om       MCNY / capacity unit / yr
    :math:`c_{p,y}`         (data) variable_cost  MCNY / activity unit
    :math:`\mathrm{crf}_p`  (data)                1 / yr
    ======================  ====================  =========================
    """
    terms = []
    constant = 0.0
    for t in d.techs.values():
        coefficients, fixed = cost_coefficients(d, t)
        constant += fixed
        terms.extend((c, getattr(m, name)[index]) for name, index, c in coefficients if c)
    m.objective = pyo.Objective(expr=linear(terms, constant), sense=pyo.minimize)
