r"""Adequacy and operating limits of the pathway model, one function per constraint family.

Indices as in :mod:`carbonpath.model.components`: technology :math:`p`, commodity
:math:`c`, decision year :math:`y`, timeslice :math:`t = (d, h)` of weight :math:`w_t`
hours per year and hour-block length :math:`\Delta`; dispatch :math:`A_{p,y,t}` (GW),
annual activity :math:`\bar A_{p,y}` (GWh/yr), usable capacity :math:`K_{p,y}` (GW). The
families apply in the decision years only (observed years are fixed to data).

* :func:`add_reserve_margin`: firm capacity >= (1 + margin) x peak load.
* :func:`add_min_output`: minimum stable output, optionally by representative day.
* :func:`add_ramping`: ramping limits between consecutive blocks of a day (cyclic).
* :func:`add_full_load_hours`: minimum and maximum full-load hours per year.
* :func:`capacity_price_table`: the reserve rows' duals as a capacity price.
* :func:`reserve_check_table`: the margin achieved in every model year, so that observed
  years (history, where the margin is checked, not imposed) are reported and warned about.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyomo.core as pyo
from pyomo.core.expr.relational_expr import InequalityExpression

from carbonpath.errors import DataError, Problem
from carbonpath.model.components import (
    _le,
    _rule,
    energy_terms,
    linear,
    usable_terms,
)
from carbonpath.model.data import ModelData, TechData

__all__ = [
    "add_full_load_hours",
    "add_min_output",
    "add_ramping",
    "add_reserve_margin",
    "capacity_price_table",
    "reserve_check_table",
    "reserve_warnings",
]


def _ge(terms: list[tuple[float, Any]], lower: float) -> Any:
    """``sum(c * x) >= lower`` as a Pyomo relational expression."""
    return InequalityExpression((lower, linear(terms)), False)


def _firm_terms(m: pyo.ConcreteModel, d: ModelData, c: str, y: int
                ) -> tuple[float, list[tuple[float, Any]]]:
    r"""Firm capacity of commodity ``c`` in year ``y`` as (constant, terms), GW.

    .. math:: F_{c,y} = \sum_{p} \kappa_{p,y}\, o_{p,c}\, K_{p,y} + \sum_p \Phi_{p,y}
              + \sum_{s \in S_c} F^S_{s,y}

    with the capacity credit :math:`\kappa` of timeslice technologies, the declared firm
    capacity :math:`\Phi` (imports) and the firm part of stores :math:`F^S`.
    """
    k = d.year_index[y]
    constant, terms = 0.0, []
    for t in d.techs.values():
        ops = t.ops
        if t.storage is not None:
            if t.storage.commodity == c and ops.capacity_credit is not None:
                terms.append((1.0, m.storage_firm[t.code, y]))
            continue
        if c not in t.outputs:
            continue
        if y in ops.firm_capacity:
            constant += ops.firm_capacity[y]
        if ops.capacity_credit is not None and t.capacitated and t.timeslice:
            coeff = float(ops.capacity_credit[k]) * t.outputs[c]
            const, cap = usable_terms(m, d, t, y)
            constant += coeff * const
            terms += [(coeff * a, v) for a, v in cap]
    return constant, terms


def _load_parts(m: pyo.ConcreteModel, d: ModelData, c: str) -> tuple[list, list]:
    """The annual groups (name, load share) and timeslice consumers (code, ratio) of ``c``."""
    groups = {}
    for t in d.techs.values():
        if not t.timeslice and (c in t.inputs or c in t.outputs):
            groups.setdefault(t.load_group, t.load_share)
    consumers = [(t.code, t.inputs[c]) for t in d.techs.values()
                 if t.timeslice and t.kind not in ("storage", "export") and c in t.inputs]
    return sorted(groups.items()), consumers


def _load_terms(m: pyo.ConcreteModel, d: ModelData, c: str, y: int, i: int,
                parts: tuple[list, list]) -> tuple[float, list[tuple[float, Any]]]:
    r"""Load of commodity ``c`` in timeslice ``i`` of year ``y`` as (constant, terms), GW.

    .. math:: L_{c,y,t} = \frac{\mathrm{Dem}_{c,y}\sigma_{c,t}
              - \sum_g \sigma_{g,t} X_{c,g,y}}{w_t}
              + \sum_{p \in TS,\ p \notin \mathrm{export}} i_{p,c} A_{p,y,t}

    Exogenous demand, the net draw of annual technologies (their net flows
    :math:`X_{c,g,y}` by load profile; an annual producer lowers the load) and the inputs of
    timeslice technologies other than exports; storage charging is not load.
    """
    w = float(d.weights[i])
    k = d.year_index[y]
    constant = 0.0
    if c in d.demand:
        constant = float(d.demand[c][k] * d.demand_share[c][i]) / w
    groups, consumers = parts
    terms = [(-float(share[i]) / w, m.annual_net_flow[c, g, y]) for g, share in groups]
    terms += [(ratio, m.dispatch[p, y, i]) for p, ratio in consumers]
    return constant, terms


def add_reserve_margin(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Reserve margin per commodity and decision year: firm capacity covers the peak.

    With a declared peak :math:`P_{c,y}` (``reserves.csv`` parameter ``peak``), one row

    .. math:: F_{c,y} \ge (1 + \mu_{c,y})\, P_{c,y}

    otherwise the peak is the highest load of the profiles and demands, as a row in every
    timeslice (the load follows the model's own electrification):

    .. math:: F_{c,y} \ge (1 + \mu_{c,y})\, L_{c,y,t} \quad \forall t

    Firm capacity :math:`F` and load :math:`L`: :func:`_firm_terms`, :func:`_load_terms`.
    A store counts :math:`F^S_{s,y} \le \kappa_{s,y} K_{s,y}` and
    :math:`F^S_{s,y} \le \kappa_{s,y}\, \mathrm{Cap}^E_{s,y} / h_c` (``storage_firm``), with
    :math:`h_c` the reserve's ``storage_hours`` (default 4): a store counts fully only if it
    can hold its output that long. The sum of the rows' duals, undiscounted, is the capacity
    price of the year (:func:`capacity_price_table`, CNY/kW-yr).

    Raises
    ------
    DataError
        If the firm capacity is a constant below the requirement (reserves.csv row named).
    """
    reserves = d.reserves
    stores = [t for t in d.techs.values() if t.storage is not None
              and t.storage.commodity in reserves and t.ops.capacity_credit is not None]
    m.storage_firm = pyo.Var([(s.code, y) for s in stores for y in d.decision_years],
                             domain=pyo.NonNegativeReals)
    store_rows = {}
    for s in stores:
        hours = reserves[s.storage.commodity]["storage_hours"]
        for y in d.decision_years:
            kappa = float(s.ops.capacity_credit[d.year_index[y]])
            var = m.storage_firm[s.code, y]
            const, cap = usable_terms(m, d, s, y)
            store_rows[(s.code, y, "power")] = _le(
                [(1.0, var)] + [(-kappa * a, v) for a, v in cap], kappa * const)
            const, energy = energy_terms(m, d, s, y)
            store_rows[(s.code, y, "energy")] = _le(
                [(1.0, var)] + [(-kappa * a / hours, v) for a, v in energy],
                kappa * const / hours)
    m.storage_firm_limit = pyo.Constraint(list(store_rows), rule=_rule(store_rows))
    rows = {}
    T = range(len(d.timeslices))
    for c, spec in reserves.items():
        parts = _load_parts(m, d, c)
        for y in d.decision_years:
            k = d.year_index[y]
            factor = 1.0 + float(spec["margin"][k])
            constant, firm = _firm_terms(m, d, c, y)
            slices = [(-1, float(spec["peak"][k]), [])] if spec["peak"] is not None else [
                (i, *_load_terms(m, d, c, y, i, parts)) for i in T]
            for i, load, load_terms in slices:
                terms = firm + [(-factor * a, v) for a, v in load_terms]
                lower = factor * load - constant
                if not any(a for a, _ in terms):
                    if lower > 1e-9:
                        raise DataError(Problem(
                            f"the reserve margin of {c} in {y} needs {lower:.4g} GW more "
                            "firm capacity than the data can give (nothing firm is "
                            "investable)", file="reserves.csv", row=spec["line"],
                            column="value"))
                    continue
                rows[(c, y, i)] = _ge(terms, lower)
    m.reserve_margin = pyo.Constraint(list(rows), rule=_rule(rows))


def _min_output_share(t: TechData, day: str, k: int) -> float:
    """The minimum output share of a day (its own row, else the every-day row, else 0)."""
    series = t.ops.min_output.get(day, t.ops.min_output.get(""))
    return 0.0 if series is None else float(series[k])


def add_min_output(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Minimum stable output: dispatch at least a share of the available capacity.

    .. math:: A_{p,y,t} \ge \underline{m}_{p,d,y}\, \alpha_{p,y}\, \pi_{p,t}\, K_{p,y}

    in every timeslice :math:`t = (d, h)` of the decision years, with the share
    :math:`\underline{m}` of ``min_output`` for day :math:`d` (its own row, else the row
    without a day). Must-run CHP in the heating season: a row for the winter day only.
    """
    rows = {}
    H = d.hours
    for t in d.techs.values():
        if not t.ops.min_output or not t.timeslice or t.storage is not None:
            continue
        for y in d.decision_years:
            k = d.year_index[y]
            alpha = float(t.availability[k])
            const, cap = usable_terms(m, d, t, y)
            for i in range(len(d.timeslices)):
                share = _min_output_share(t, d.day_names[i // H], k)
                pi = 1.0 if t.availability_profile is None else float(t.availability_profile[i])
                coeff = share * alpha * pi
                if coeff <= 0:
                    continue
                rows[(t.code, y, i)] = _ge([(1.0, m.dispatch[t.code, y, i])]
                                           + [(-coeff * a, v) for a, v in cap], coeff * const)
    m.min_output = pyo.Constraint(list(rows), rule=_rule(rows))


def add_ramping(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Ramping limits between consecutive hour blocks of a representative day.

    .. math:: -\rho_p \Delta K_{p,y} \le A_{p,y,(d,h)} - A_{p,y,(d,h-1)} \le \rho_p \Delta K_{p,y}

    with :math:`(d,-1) \equiv (d,H-1)`: cyclic within each day, as the storage level is, and
    nothing between days (they are not consecutive). :math:`\rho` is ``ramp_rate`` (share
    of usable capacity per hour). Where :math:`\rho \Delta \ge 1` the limit cannot bind
    (dispatch stays within :math:`[0, K]`) and no row is written.
    """
    up, down = {}, {}
    H = d.hours
    dt = d.block_hours
    for t in d.techs.values():
        rate = t.ops.ramp_rate
        if rate is None or rate * dt >= 1 or not t.timeslice or t.storage is not None or H < 2:
            continue
        for y in d.decision_years:
            const, cap = usable_terms(m, d, t, y)
            limit = [(-rate * dt * a, v) for a, v in cap]
            for i in range(len(d.timeslices)):
                day, hour = divmod(i, H)
                prev = day * H + (hour - 1) % H
                now, before = m.dispatch[t.code, y, i], m.dispatch[t.code, y, prev]
                up[(t.code, y, i)] = _le([(1.0, now), (-1.0, before), *limit],
                                         rate * dt * const)
                down[(t.code, y, i)] = _le([(1.0, before), (-1.0, now), *limit],
                                           rate * dt * const)
    m.ramp_up = pyo.Constraint(list(up), rule=_rule(up))
    m.ramp_down = pyo.Constraint(list(down), rule=_rule(down))


def add_full_load_hours(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Minimum and maximum full-load hours per year.

    .. math:: \underline{h}_{p,y} K_{p,y} \le \bar A_{p,y} \le \overline{h}_{p,y} K_{p,y}

    (``min_full_load_hours``, ``max_full_load_hours``, h/yr, in the decision years given).
    """
    low, high = {}, {}
    for t in d.techs.values():
        ops = t.ops
        if not (ops.min_full_load_hours or ops.max_full_load_hours) or t.storage is not None:
            continue
        for y in d.decision_years:
            const, cap = usable_terms(m, d, t, y)
            act = m.activity[t.code, y]
            for bound, out, sense in ((ops.min_full_load_hours.get(y), low, ">="),
                                      (ops.max_full_load_hours.get(y), high, "<=")):
                if bound is None:
                    continue
                terms = [(1.0, act)] + [(-bound * a, v) for a, v in cap]
                out[(t.code, y)] = (_ge(terms, bound * const) if sense == ">="
                                    else _le(terms, bound * const))
    m.full_load_min = pyo.Constraint(list(low), rule=_rule(low))
    m.full_load_max = pyo.Constraint(list(high), rule=_rule(high))


def capacity_price_table(d: ModelData, m: pyo.ConcreteModel, dual: Any) -> pd.DataFrame:
    """The capacity price of each reserve margin: its rows' duals, undiscounted.

    Parameters
    ----------
    d : ModelData
    m : pyomo.environ.ConcreteModel
    dual : callable
        Constraint -> its dual (MCNY per GW, discounted to the discount year).

    Returns
    -------
    pandas.DataFrame
        commodity, year, value, unit (CNY/kW/yr: 1 MCNY/GW = 1 CNY/kW), binding (the
        timeslices whose row binds, or ``peak`` for a declared peak).
    """
    out = []
    for c in d.reserves:
        for y in d.decision_years:
            keys = [key for key in m.reserve_margin if key[0] == c and key[1] == y]
            values = [(key[2], dual(m.reserve_margin[key])) for key in keys]
            total = sum(v for _, v in values) / float(d.discount_factor[d.year_index[y]])
            binding = ", ".join("peak" if i < 0 else "/".join(map(str, d.timeslices[i]))
                                for i, v in values if abs(v) > 1e-12)
            out.append((c, y, total, "CNY/kW/yr", binding))
    return pd.DataFrame(out, columns=["commodity", "year", "value", "unit", "binding"])


def _firm_value(m: pyo.ConcreteModel, d: ModelData, c: str, y: int, value: Any,
                hours: float) -> float:
    r"""Firm capacity of ``c`` in year ``y`` at the solution, GW (any model year).

    :math:`F_{c,y}` of :func:`_firm_terms`, with each store at the most it can count,
    :math:`\kappa_{s,y} \min(K_{s,y}, \mathrm{Cap}^E_{s,y} / h_c)`.
    """
    k = d.year_index[y]

    def at(form: tuple[float, list]) -> float:
        """A linear form's value at the solution."""
        const, terms = form
        return const + sum(a * value(v) for a, v in terms)

    total = 0.0
    for t in d.techs.values():
        ops = t.ops
        if t.storage is not None:
            if t.storage.commodity == c and ops.capacity_credit is not None:
                kappa = float(ops.capacity_credit[k])
                power = at(usable_terms(m, d, t, y))
                energy = at(energy_terms(m, d, t, y, column=y in d.decision_years))
                total += kappa * min(power, energy / hours)
            continue
        if c not in t.outputs:
            continue
        total += ops.firm_capacity.get(y, 0.0)
        if ops.capacity_credit is not None and t.capacitated and t.timeslice:
            total += float(ops.capacity_credit[k]) * t.outputs[c] * at(usable_terms(m, d, t, y))
    return total


def reserve_check_table(d: ModelData, m: pyo.ConcreteModel, value: Any) -> pd.DataFrame:
    r"""The reserve margin achieved in every model year, observed years included.

    In the decision years :func:`add_reserve_margin` imposes the margin; the observed years
    (the base year and any year before ``first_decision_year``) are history, fixed to data,
    so there the margin is checked, not imposed: a row below its requirement is reported
    (and :func:`reserve_warnings` warns about it) rather than made infeasible.

    The achieved margin is :math:`F_{c,y} / P_{c,y} - 1` with the firm capacity of
    :func:`_firm_value` and the peak :math:`P_{c,y}`: the declared one, else the highest
    load :math:`\max_t L_{c,y,t}` (:func:`_load_terms`) at the solution.

    Parameters
    ----------
    d : ModelData
    m : pyomo.environ.ConcreteModel
        The solved model.
    value : callable
        Variable -> its solution value.

    Returns
    -------
    pandas.DataFrame
        commodity, year, imposed (False in observed years), firm (GW), peak (GW), peak_at
        (``declared`` or the timeslice ``day/hour``), required (margin, 1), achieved
        (margin, 1; NaN without load), unit (``GW``).
    """
    rows = []
    for c, spec in d.reserves.items():
        parts = _load_parts(m, d, c)
        for y in d.years:
            k = d.year_index[y]
            firm = _firm_value(m, d, c, y, value, float(spec["storage_hours"]))
            if spec["peak"] is not None:
                peak, at = float(spec["peak"][k]), "declared"
            else:
                loads = []
                for i in range(len(d.timeslices)):
                    const, terms = _load_terms(m, d, c, y, i, parts)
                    loads.append(const + sum(a * value(v) for a, v in terms))
                i = max(range(len(loads)), key=loads.__getitem__)
                peak, at = loads[i], "/".join(map(str, d.timeslices[i]))
            achieved = firm / peak - 1.0 if peak > 0 else float("nan")
            rows.append((c, y, y in d.decision_years, firm, peak, at,
                         float(spec["margin"][k]), achieved, "GW"))
    return pd.DataFrame(rows, columns=["commodity", "year", "imposed", "firm", "peak",
                                       "peak_at", "required", "achieved", "unit"])


def reserve_warnings(table: pd.DataFrame, tolerance: float = 1e-6) -> list[str]:
    """Warnings for the observed years whose achieved margin is below the requirement.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`reserve_check_table`.
    tolerance : float
        Margin (share) below the requirement tolerated as round-off.
    """
    out = []
    low = table[~table["imposed"] & (table["achieved"] < table["required"] - tolerance)]
    for row in low.itertuples(index=False):
        short = (1.0 + row.required) * row.peak - row.firm
        out.append(
            f"reserve margin of {row.commodity} in {row.year} (observed, checked not imposed): "
            f"{row.firm:.4g} GW firm against a peak of {row.peak:.4g} GW is a margin of "
            f"{row.achieved:.1%}, below the required {row.required:.1%} ({short:.4g} GW short)")
    return out
