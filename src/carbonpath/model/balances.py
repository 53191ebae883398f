r"""Commodity balances of the pathway model, per timeslice or per year.

Notation as in :mod:`carbonpath.model.components`.
"""

from __future__ import annotations

import pyomo.core as pyo
from pyomo.core.expr.relational_expr import EqualityExpression

from carbonpath.model.data import ModelData, TechData
from carbonpath.model.terms import _eq, _rule, _weighted_dispatch, bounded, linear

__all__ = ["add_balances", "balance_slot", "coarse_commodities"]


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
