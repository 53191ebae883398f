r"""The pathway model's variables and constraint families, one function each.

Every function takes the Pyomo model ``m`` and the :class:`~carbonpath.model.data.ModelData`
``d`` (plain floats in canonical units) and adds one family. Indices: technology :math:`p`,
commodity :math:`c`, model year :math:`y` (base year :math:`y_0` .. horizon :math:`y_N`),
vintage :math:`v` (decision years :math:`y_0 < v \le y_N`), timeslice :math:`t = (d, h)`
with weight :math:`w_t` hours per year (:math:`\sum_t w_t = 8760`) and hour-block length
:math:`\Delta` hours. Canonical units: GW, GWh, kt, MCNY (see ``carbonpath.model.data``).
"""

from __future__ import annotations

import pyomo.environ as pyo

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
]


def alive(d: ModelData, tech: TechData, year: int) -> list[int]:
    """Vintages of ``tech`` built in decision years that still stand in ``year``.

    A vintage built in year v stands from v to v + lifetime - 1.
    """
    if not tech.investable:
        return []
    first = max(d.base_year + 1, year - tech.lifetime + 1)
    return list(range(first, year + 1))


def bounded(lower: float | None, expr, upper: float | None, what: str):
    """Return a Pyomo constraint body ``(lower, expr, upper)``.

    A constant ``expr`` within the bounds gives ``Constraint.Skip``; a constant outside them
    raises :class:`DataError`.
    """
    if isinstance(expr, (int, float)):
        if (lower is None or expr >= lower - 1e-9) and (upper is None or expr <= upper + 1e-9):
            return pyo.Constraint.Skip
        raise DataError(Problem(f"{what}: the data fix it at {expr:.6g}, outside "
                                f"[{lower}, {upper}]", file="parameters.csv"))
    return (lower, expr, upper)


def add_variables(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Declare the decision variables (sparse: only the indices that exist).

    ============================  =====================  ===========================
    symbol                        Pyomo name             unit
    ============================  =====================  ===========================
    :math:`N_{p,v}`               ``new_capacity``       capacity unit (GW, kveh ...)
    :math:`A_{p,y,t}`             ``dispatch``           GW (rate in timeslice t)
    :math:`\bar A_{p,y}`          ``activity``           activity unit per year
    :math:`K_{p,y}`               ``active_capacity``    capacity unit (early retirement)
    :math:`N^E_{s,v}`             ``new_energy_capacity``  storage energy unit
    :math:`C_{s,y,t}, D_{s,y,t}`  ``charge, discharge``  GW
    :math:`L_{s,y,t}`             ``level``              storage energy unit
    :math:`E_y`                   ``emissions``          kt of the target gas basis
    ============================  =====================  ===========================
    """
    decision = d.years[1:]
    techs = list(d.techs.values())
    T = range(len(d.timeslices))
    m.new_capacity = pyo.Var([(t.code, v) for t in techs if t.investable for v in decision],
                             domain=pyo.NonNegativeReals)
    m.dispatch = pyo.Var([(t.code, y, i) for t in techs if t.timeslice and t.kind != "storage"
                          for y in d.years for i in T], domain=pyo.NonNegativeReals)
    m.activity = pyo.Var([(t.code, y) for t in techs if t.kind != "storage" for y in d.years],
                         domain=pyo.NonNegativeReals)
    m.active_capacity = pyo.Var([(t.code, y) for t in techs if t.early_retirement
                                 for y in d.years], domain=pyo.NonNegativeReals)
    stores = [t for t in techs if t.kind == "storage"]
    m.new_energy_capacity = pyo.Var([(s.code, v) for s in stores if s.investable
                                     for v in decision], domain=pyo.NonNegativeReals)
    index = [(s.code, y, i) for s in stores for y in d.years for i in T]
    m.charge = pyo.Var(index, domain=pyo.NonNegativeReals)
    m.discharge = pyo.Var(index, domain=pyo.NonNegativeReals)
    m.level = pyo.Var(index, domain=pyo.NonNegativeReals)
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


def capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Installed capacity of a technology in a year.

    .. math:: \mathrm{Cap}_{p,y} = R_{p,y} + \sum_{v \le y < v + \ell_p} N_{p,v}

    :math:`R_{p,y}` is the residual stock (``residual_capacity``) and :math:`\ell_p` the
    technical lifetime. Returns a linear expression in the technology's capacity unit.
    """
    i = d.year_index[year]
    vintages = alive(d, tech, year)
    return tech.residual[i] + sum(m.new_capacity[tech.code, v] for v in vintages)


def usable_capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    """Capacity that can operate: active capacity if early retirement is allowed."""
    if tech.early_retirement:
        return m.active_capacity[tech.code, year]
    return capacity(m, d, tech, year)


def energy_capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Storage energy capacity :math:`R^E_{s,y} + \sum_{v \le y < v + \ell_s} N^E_{s,v}`."""
    i = d.year_index[year]
    vintages = alive(d, tech, year)
    return tech.storage.residual_energy[i] + sum(m.new_energy_capacity[tech.code, v]
                                                 for v in vintages)


def add_activity_definition(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Annual activity of timeslice technologies from their dispatch.

    .. math:: \bar A_{p,y} = \sum_t w_t A_{p,y,t}

    ===================  ================  ==========
    symbol               Pyomo name        unit
    ===================  ================  ==========
    :math:`\bar A_{p,y}` ``activity``      GWh / yr
    :math:`A_{p,y,t}`    ``dispatch``      GW
    :math:`w_t`          (data)            h / yr
    ===================  ================  ==========
    """
    w = d.weights
    T = range(len(d.timeslices))
    index = [(t.code, y) for t in d.techs.values() if t.timeslice and t.kind != "storage"
             for y in d.years]

    def rule(_m, p, y):
        return m.activity[p, y] == sum(w[i] * m.dispatch[p, y, i] for i in T)

    m.activity_definition = pyo.Constraint(index, rule=rule)


def add_capacity_limits(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Activity within capacity.

    Timeslice technologies, every timeslice:

    .. math:: A_{p,y,t} \le \alpha_{p,y}\, \pi_{p,t}\, K_{p,y}

    Annual technologies:

    .. math:: \bar A_{p,y} \le \alpha_{p,y}\, u_{p,y}\, K_{p,y}
              \quad (= \text{ with fixed utilisation})

    where :math:`K_{p,y}` is the usable capacity (installed capacity, or the active capacity
    of technologies that may retire early).

    ====================  =========================  =====================================
    symbol                Pyomo name                 unit
    ====================  =========================  =====================================
    :math:`\alpha_{p,y}`  (data) ``availability``    1
    :math:`\pi_{p,t}`     (data) availability profile  1 (capacity factor)
    :math:`u_{p,y}`       (data) ``utilisation``     activity / (capacity yr)
    ====================  =========================  =====================================
    """
    T = range(len(d.timeslices))
    ts = [t for t in d.techs.values() if t.timeslice and t.kind != "storage" and t.capacitated]
    an = [t for t in d.techs.values() if not t.timeslice and t.capacitated]
    techs = d.techs

    def ts_rule(_m, p, y, i):
        t = techs[p]
        prof = 1.0 if t.availability_profile is None else float(t.availability_profile[i])
        coeff = float(t.availability[d.year_index[y]]) * prof
        return m.dispatch[p, y, i] - coeff * usable_capacity(m, d, t, y) <= 0

    m.capacity_limit = pyo.Constraint([(t.code, y, i) for t in ts for y in d.years for i in T],
                                      rule=ts_rule)

    def an_rule(_m, p, y):
        t = techs[p]
        k = d.year_index[y]
        coeff = float(t.availability[k] * t.utilisation[k])
        if t.fixed_utilisation:
            return m.activity[p, y] - coeff * usable_capacity(m, d, t, y) == 0
        return m.activity[p, y] - coeff * usable_capacity(m, d, t, y) <= 0

    m.capacity_limit_annual = pyo.Constraint([(t.code, y) for t in an for y in d.years],
                                             rule=an_rule)


def add_capacity_rules(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Capacity bounds (potentials) and early retirement.

    .. math:: \underline{K}_{p,y} \le \mathrm{Cap}_{p,y} \le \overline{K}_{p,y}

    Early retirement (technologies flagged ``early_retirement``): the active capacity
    :math:`K_{p,y}` never exceeds the installed one and grows only by new builds, so a
    retired unit never returns:

    .. math:: K_{p,y} \le \mathrm{Cap}_{p,y},\qquad K_{p,y} \le K_{p,y-1} + N_{p,y},
              \qquad K_{p,y_0} = \mathrm{Cap}_{p,y_0}

    Its investment annuities are still paid (stranded capital); its fixed O&M is charged on
    :math:`K`.
    """
    techs = d.techs
    upper = [(p, y) for p, t in techs.items() for y in d.years
             if y in t.bounds.get("max_capacity", {})]
    lower = [(p, y) for p, t in techs.items() for y in d.years
             if y in t.bounds.get("min_capacity", {})]
    m.capacity_max = pyo.Constraint(upper, rule=lambda _m, p, y: bounded(
        None, capacity(m, d, techs[p], y), techs[p].bounds["max_capacity"][y],
        f"max_capacity of {p} in {y}"))
    m.capacity_min = pyo.Constraint(lower, rule=lambda _m, p, y: bounded(
        techs[p].bounds["min_capacity"][y], capacity(m, d, techs[p], y), None,
        f"min_capacity of {p} in {y}"))
    early = [t for t in techs.values() if t.early_retirement]
    idx = [(t.code, y) for t in early for y in d.years]
    m.active_within_installed = pyo.Constraint(idx, rule=lambda _m, p, y: (
        m.active_capacity[p, y] - capacity(m, d, techs[p], y) <= 0 if y > d.base_year
        else m.active_capacity[p, y] - capacity(m, d, techs[p], y) == 0))

    def no_return(_m, p, y):
        t = techs[p]
        new = m.new_capacity[p, y] if t.investable else 0
        return m.active_capacity[p, y] - m.active_capacity[p, y - 1] - new <= 0

    m.no_return = pyo.Constraint([(t.code, y) for t in early for y in d.years[1:]],
                                 rule=no_return)


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

    ====================  ==================  ===========
    symbol                Pyomo name          unit
    ====================  ==================  ===========
    :math:`L`             ``level``           GWh
    :math:`C, D`          ``charge, discharge``  GW
    :math:`\eta^c,\eta^d` (data)              1
    :math:`\lambda_s`     (data) standing loss  1 / h
    :math:`\delta_s`      (data) duration     h
    ====================  ==================  ===========
    """
    stores = [t for t in d.techs.values() if t.kind == "storage"]
    H = d.hours
    ndays = len(d.day_names)
    index = [(s.code, y, i) for s in stores for y in d.years for i in range(ndays * H)]
    techs = d.techs
    dt = d.block_hours

    def level_rule(_m, p, y, i):
        st = techs[p].storage
        day, hour = divmod(i, H)
        prev = day * H + (hour - 1) % H
        keep = (1.0 - st.standing_loss) ** dt
        return (m.level[p, y, i] - keep * m.level[p, y, prev]
                - dt * st.charge_efficiency * m.charge[p, y, i]
                + dt / st.discharge_efficiency * m.discharge[p, y, i]) == 0

    m.storage_level = pyo.Constraint(index, rule=level_rule)
    m.storage_charge_limit = pyo.Constraint(index, rule=lambda _m, p, y, i: (
        m.charge[p, y, i] - usable_capacity(m, d, techs[p], y) <= 0))
    m.storage_discharge_limit = pyo.Constraint(index, rule=lambda _m, p, y, i: (
        m.discharge[p, y, i] - usable_capacity(m, d, techs[p], y) <= 0))
    m.storage_energy_limit = pyo.Constraint(index, rule=lambda _m, p, y, i: (
        m.level[p, y, i] - energy_capacity(m, d, techs[p], y) <= 0))
    dur_min = [(s.code, y) for s in stores if s.storage.min_duration for y in d.years]
    dur_max = [(s.code, y) for s in stores if s.storage.max_duration for y in d.years]
    m.storage_duration_min = pyo.Constraint(dur_min, rule=lambda _m, p, y: bounded(
        0.0, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.min_duration * capacity(m, d, techs[p], y), None,
        f"min_duration of {p} in {y}"))
    m.storage_duration_max = pyo.Constraint(dur_max, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.max_duration * capacity(m, d, techs[p], y), 0.0,
        f"max_duration of {p} in {y}"))
    emax = [(s.code, y) for s in stores for y in d.years if y in s.storage.max_energy]
    m.storage_energy_max = pyo.Constraint(emax, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y), techs[p].storage.max_energy[y],
        f"max_energy_capacity of {p} in {y}"))


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

    ======================  ==========  =========================================
    symbol                  Pyomo name  unit
    ======================  ==========  =========================================
    :math:`o_{p,c}, i_{p,c}` (data)     commodity unit / activity unit
    :math:`\sigma_{p,t}`    (data)      1 (share of the annual flow in timeslice t)
    :math:`\mathrm{Dem}`    (data)      commodity unit / yr
    ======================  ==========  =========================================
    """
    com = d.commodities
    T = range(len(d.timeslices))
    w = d.weights
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
    k0 = d.year_index[y0]
    throughput = {c: sum(abs(r) * t.observed.get(y0, 0.0) for t, r in net[c])
                  + (float(d.demand[c][k0]) if c in d.demand else 0.0) for c in com.index}
    tolerance = float(d.dataset.config.get("base_year_tolerance", 1e-6))
    m.statistical_difference = pyo.Var(
        [(c, i) for c in timeslice for i in T] + [(c, -1) for c in annual],
        bounds=lambda _m, c, i: (-tolerance * throughput[c], tolerance * throughput[c]))

    # annual technologies' net flows of timeslice commodities, summed per load profile
    groups: dict[tuple[str, str], list[tuple[TechData, float]]] = {}
    for c in timeslice:
        for t, r in net[c]:
            if not t.timeslice:
                groups.setdefault((c, t.load_group), []).append((t, r))
    share = {key: members[0][0].load_share for key, members in groups.items()}
    m.annual_net_flow = pyo.Var([(c, g, y) for (c, g) in groups for y in d.years],
                                domain=pyo.Reals)
    m.annual_net_flow_definition = pyo.Constraint(
        [(c, g, y) for (c, g) in groups for y in d.years],
        rule=lambda _m, c, g, y: m.annual_net_flow[c, g, y] - sum(
            r * m.activity[t.code, y] for t, r in groups[(c, g)]) == 0)

    def ts_rule(_m, c, y, i):
        terms = []
        for t, r in net[c]:
            if t.timeslice:
                terms.append(r * w[i] * m.dispatch[t.code, y, i])
        for (cc, g), sh in share.items():
            if cc == c:
                terms.append(float(sh[i]) * m.annual_net_flow[c, g, y])
        for s in stores[c]:
            terms.append(w[i] * (m.discharge[s.code, y, i] - m.charge[s.code, y, i]))
        if y == y0 and throughput[c] > 0:
            terms.append(m.statistical_difference[c, i])
        demand = d.demand.get(c)
        rhs = 0.0 if demand is None else float(demand[d.year_index[y]] * d.demand_share[c][i])
        if not terms:
            return bounded(rhs, 0.0, rhs, f"balance of {c} in {y}")
        return sum(terms) == rhs

    m.balance = pyo.Constraint([(c, y, i) for c in timeslice for y in d.years for i in T],
                               rule=ts_rule)

    def an_rule(_m, c, y):
        terms = [r * m.activity[t.code, y] for t, r in net[c]]
        if y == y0 and throughput[c] > 0:
            terms.append(m.statistical_difference[c, -1])
        demand = d.demand.get(c)
        rhs = 0.0 if demand is None else float(demand[d.year_index[y]])
        if not terms:
            return bounded(rhs, 0.0, rhs, f"balance of {c} in {y}")
        return sum(terms) == rhs

    m.balance_annual = pyo.Constraint([(c, y) for c in annual for y in d.years], rule=an_rule)


def add_base_year(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Fix the base year to the observed data: :math:`\bar A_{p,y_0} = \bar A^{obs}_{p}`.

    Technologies with an observed base-year activity are fixed to it (as variable bounds, so
    that they stay in the LP). No new capacity exists in the base year (vintages start the
    year after), so technologies without stock cannot operate in it.
    """
    y0 = d.base_year
    for t in d.techs.values():
        if t.kind == "storage":
            continue
        if y0 in t.observed:
            m.activity[t.code, y0].setlb(t.observed[y0])
            m.activity[t.code, y0].setub(t.observed[y0])
        elif not t.capacitated:
            m.activity[t.code, y0].setlb(0.0)
            m.activity[t.code, y0].setub(0.0)


def add_emissions(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Emissions of each year on the targets' basis (method and gas of the dataset).

    .. math:: E_y = \sum_p \epsilon_{p,y} \bar A_{p,y}

    :math:`\epsilon_{p,y}` (kt per activity unit) adds, per the dataset's method, combustion
    factors of the technology's input fuels (factor tables by sector and fuel, or the
    dataset's overrides), process factors per unit of activity, and for electricity trade the
    grid factor of the year: imports count :math:`+g_y`; exports :math:`-g_y` under China's
    provincial method and 0 under the GPC method. The dual of this row, undiscounted, is the
    marginal cost of emitting one more tonne in year y.
    """
    techs = [t for t in d.techs.values() if t.kind != "storage"]

    def rule(_m, y):
        k = d.year_index[y]
        terms = [float(t.target_factor[k]) * m.activity[t.code, y] for t in techs
                 if t.target_factor[k] != 0]
        return m.emissions[y] - sum(terms) == 0

    m.emission_definition = pyo.Constraint(d.years, rule=rule)


def discounted_annuity_years(d: ModelData, tech: TechData, vintage: int) -> float:
    """Sum of discount factors over the years the annuity of a vintage is paid.

    Paid from the vintage year for ``economic_lifetime`` years, and never after the horizon.
    """
    last = min(vintage + tech.economic_lifetime - 1, d.years[-1])
    return float(sum(d.discount_factor[d.year_index[y]] for y in range(vintage, last + 1)))


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
        for v in d.years[1:]:
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

    with :math:`\delta_y = (1+r)^{-(y-y_0)}`. Investment is paid as annuities (capital
    recovery factor at the technology's discount rate over its economic lifetime) in each
    model year the vintage's annuity runs, within the horizon and never after it; no salvage
    value is credited. Costs of a year are discounted as a single payment (y - y0) years after
    the base year. Fixed O&M of the residual stock enters as a constant.

    =====================  ==========  ======================================
    symbol                 Pyomo name  unit
    =====================  ==========  ======================================
    :math:`I_{p,v}`        (data) capex  MCNY / capacity unit
    :math:`F_{p,y}`        (data) fixed_om  MCNY / capacity unit / yr
    :math:`c_{p,y}`        (data) variable_cost  MCNY / activity unit
    :math:`\mathrm{crf}_p` (data)      1 / yr
    =====================  ==========  ======================================
    """
    terms = []
    constant = 0.0
    for t in d.techs.values():
        coefficients, fixed = cost_coefficients(d, t)
        constant += fixed
        terms.extend(c * getattr(m, name)[index] for name, index, c in coefficients if c)
    m.objective = pyo.Objective(expr=sum(terms) + constant, sense=pyo.minimize)
