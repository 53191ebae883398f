"""Pushing changed model data into a built model: HiGHS and the Pyomo model in step.

:class:`WarmPushes` holds the methods of :class:`carbonpath.model.overrides.WarmState` that
write changed technology data (costs, capacity limits and their coefficients, bounds, flows),
demands and emission factors into the compiled HiGHS model and the Pyomo model in step. It
is a mix-in: the methods use the state's ``pm`` (the built model), ``highs``, and its
central values.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression

from carbonpath.errors import DataError
from carbonpath.model import components as cp
from carbonpath.model.data import TechData, _Builder
from carbonpath.model.override_checks import GDP_TARGETS, _structure
from carbonpath.model.terms import bounded, stock_above_max, stock_below_min

__all__ = ["WarmPushes"]


class WarmPushes:
    """Methods of :class:`~carbonpath.model.overrides.WarmState` that push changes."""

    def _push_costs(self, tech: TechData) -> None:
        pm, h = self.pm, self.highs
        coefficients, constant = cp.cost_coefficients(pm.data, tech)
        for name, index, coeff in coefficients:
            component = getattr(pm.model, name)
            if index in component:
                var = component[index]
                if id(var) in h.col_of:
                    h.set_cost(var, coeff)
        if tech.code not in self.central_constants:
            central = self.central_techs.get(tech.code, tech)
            self.central_constants[tech.code] = cp.cost_coefficients(pm.data, central)[1]
        self.constants[tech.code] = constant
        deltas = [self.constants[c] - self.central_constants[c] for c in sorted(self.constants)]
        h.set_offset(self.central_offset + math.fsum(deltas))

    def _push_limits(self, t: TechData) -> None:
        """Capacity limits of a technology: coefficients alpha pi K and their constants."""
        m, d, h = self.pm.model, self.pm.data, self.highs
        if not t.capacitated or t.kind == "storage":
            return
        if t.timeslice:
            profile = (None if t.availability_profile is None
                       else [float(x) for x in t.availability_profile])
            for y in d.years:
                alpha = float(t.availability[d.year_index[y]])
                constant, terms = cp.usable_terms(m, d, t, y)
                single = terms[0] if len(terms) == 1 and not constant else None
                for i in range(len(d.timeslices)):
                    key = (t.code, y, i)
                    var = m.dispatch[key]
                    coeff = alpha if profile is None else alpha * profile[i]
                    has_row = key in m.capacity_limit
                    if not (terms and coeff):
                        if has_row:
                            raise _structure(t.code, y, "availability or its profile is 0")
                        h.set_col_bounds(var, var.lb, coeff * constant)
                        continue
                    if not has_row:
                        raise _structure(t.code, y, "availability or its profile becomes > 0")
                    con = m.capacity_limit[key]
                    if single is not None:
                        new = coeff * single[0]
                        expr = InequalityExpression(
                            (var, MonomialTermExpression((new, single[1]))), False)
                        h.set_coefficients(con, [(single[1], -new)], expr)
                    else:
                        changes = [(v, -coeff * c) for c, v in terms]
                        expr = InequalityExpression(
                            (cp.linear([(1.0, var), *((c, v) for v, c in changes)]),
                             coeff * constant), False)
                        h.set_coefficients(con, changes, expr)
                        h.set_row_bounds(con, None, coeff * constant)
            return
        for y in d.years:
            k = d.year_index[y]
            coeff = float(t.availability[k] * t.utilisation[k])
            constant, terms = cp.usable_terms(m, d, t, y)
            con = m.capacity_limit_annual[t.code, y]
            changes = [(v, -coeff * c) for c, v in terms]
            body = cp.linear([(1.0, m.activity[t.code, y]), *((c, v) for v, c in changes)])
            rhs = coeff * constant
            expr = (EqualityExpression((body, rhs)) if t.fixed_utilisation
                    else InequalityExpression((body, rhs), False))
            if changes:
                h.set_coefficients(con, changes, expr)
            else:
                con.set_value(expr)
            h.set_row_bounds(con, rhs if t.fixed_utilisation else None, rhs)

    def _push_bounds(self, t: TechData) -> None:
        """Bounds of a technology's columns and its capacity-limit rows.

        A ``max_capacity`` or ``min_capacity`` year whose installed capacity is a constant
        (no vintage can stand yet, e.g. an observed year) has no row in the built model
        (:func:`carbonpath.model.terms.bounded` skips it); its new bound is checked against
        that constant as the build checks it, so it neither adds a row nor is dropped.

        Raises
        ------
        StructureError
            If a bound year with capacity columns gains or loses its row.
        DataError
            If a new bound excludes the constant capacity of a year without a row, or a new
            ``max_capacity`` lies below the residual stock of its year
            (:func:`carbonpath.model.terms.stock_above_max`).
        """
        m, d, h = self.pm.model, self.pm.data, self.highs
        self._push_column_bounds(t)
        for name, comp in (("max_capacity", m.capacity_max), ("min_capacity", m.capacity_min)):
            given = t.bounds.get(name, {})
            built = {y for (p, y) in comp if p == t.code}
            rowless = {}
            for y in set(given) - built:
                constant, terms = cp.capacity_terms(m, d, t, y)
                if terms:
                    rowless = None
                    break
                rowless[y] = constant
            if rowless is None or not built <= set(given):
                raise _structure(t.code, min(set(given) ^ built), f"{name} rows come or go")
            if name == "max_capacity":  # N84, V47: every year, before the generic refusal
                DataError.collect(stock_above_max(d, t, given, every_year=True))
            else:  # R34, L23: a stock nothing is added to, naming the row and the years
                DataError.collect(stock_below_min(d, t, given))
            for y, constant in sorted(rowless.items()):
                value = given[y]
                lower, upper = (None, value) if name == "max_capacity" else (value, None)
                bounded(lower, constant, upper, f"{name} of {t.code} in {y}", t.capacity_unit)
            for y, value in given.items():
                if y in rowless:
                    continue
                if name == "max_capacity":
                    h.set_row_bounds(comp[t.code, y], None, value)
                else:
                    h.set_row_bounds(comp[t.code, y], value, None)

    def _push_column_bounds(self, t: TechData) -> None:
        """Bounds of a technology's new capacity (decision years) and activity columns."""
        m, d, h = self.pm.model, self.pm.data, self.highs
        y0 = d.base_year
        if t.investable:
            for v in d.decision_years:  # no vintage in an observed year
                lo = t.bounds.get("min_new_capacity", {}).get(v)
                h.set_col_bounds(m.new_capacity[t.code, v], 0.0 if lo is None else lo,
                                 t.bounds.get("max_new_capacity", {}).get(v))
        if t.kind != "storage":
            for y in d.years:
                if y == y0 and (y0 in t.observed or not t.capacitated):
                    continue  # fixed to the observed base year
                lo = t.bounds.get("min_activity", {}).get(y)
                h.set_col_bounds(m.activity[t.code, y], 0.0 if lo is None else lo,
                                 t.bounds.get("max_activity", {}).get(y))

    def _push_flows(self, t: TechData) -> None:
        """Coefficients of a technology in the commodity balances (its flows per activity)."""
        m, d, h = self.pm.model, self.pm.data, self.highs
        net: dict[str, float] = {}
        for c, r in t.outputs.items():
            net[c] = net.get(c, 0.0) + r
        for c, r in t.inputs.items():
            net[c] = net.get(c, 0.0) - r
        weights = [float(x) for x in d.weights]
        for c, r in net.items():
            timeslice = d.commodities.loc[c, "balance"] == "timeslice"
            for y in d.years:
                if not timeslice:
                    h.set_coefficients(m.balance_annual[c, y], [(m.activity[t.code, y], r)])
                elif t.timeslice:
                    for i, w in enumerate(weights):
                        h.set_coefficients(m.balance[c, y, i], [(m.dispatch[t.code, y, i],
                                                                 r * w)])
                else:
                    h.set_coefficients(m.annual_net_flow_definition[c, t.load_group, y],
                                       [(m.activity[t.code, y], -r)])

    def _push_gdp_targets(self) -> None:
        """Rows of the targets that use GDP, written again from the model data's GDP.

        The rows of :data:`~carbonpath.model.override_checks.GDP_TARGETS` targets are
        generated by the same code that built them
        (:func:`carbonpath.model.targets.target_expressions`) from the current
        ``drivers`` and ``regional_drivers``; each row's coefficients (GDP ratio x the
        reference year's quantity) and bounds (reference intensity x GDP, less the row's
        constant) go into HiGHS and the Pyomo constraint in step.

        Raises
        ------
        StructureError
            If a coefficient of a row would become zero or nonzero.
        """
        from pyomo.repn.standard_repn import generate_standard_repn

        from carbonpath.model.targets import target_expressions

        m, d, h = self.pm.model, self.pm.data, self.highs
        targets = [t for t in d.targets if t["type"] in GDP_TARGETS]
        if not targets:
            return
        exprs, _ = target_expressions(m, d, targets)
        for key, (lower, body, upper) in exprs.items():
            con = m.target[key]
            new = generate_standard_repn(body, compute_values=True, quadratic=False)
            old = generate_standard_repn(con.body, compute_values=True, quadratic=False)
            terms = [(v, float(c)) for v, c in zip(new.linear_vars, new.linear_coefs,
                                                    strict=True) if c]
            if ({id(v) for v, c in zip(old.linear_vars, old.linear_coefs, strict=True) if c}
                    != {id(v) for v, _ in terms}):
                raise _structure(key[0], key[1], "a coefficient of the target's row becomes "
                                 "zero or nonzero")
            constant = float(new.constant)
            lo = None if lower is None else float(lower) - constant
            up = None if upper is None else float(upper) - constant
            linear = LinearExpression([MonomialTermExpression((c, v)) for v, c in terms])
            h.set_coefficients(con, terms, (lo, linear, up))
            h.set_row_bounds(con, lo, up)

    # -- demands and emissions ------------------------------------------------------------
    def _push_demand(self, com: str) -> None:
        m, d, h = self.pm.model, self.pm.data, self.highs
        demand = d.demand[com]
        for y in d.years:
            k = d.year_index[y]
            if d.commodities.loc[com, "balance"] == "timeslice":
                share = d.demand_share[com]
                for i in range(len(d.timeslices)):
                    rhs = float(demand[k] * share[i])
                    _set_rhs(h, m.balance, (com, y, i), rhs, com, y)
            else:
                _set_rhs(h, m.balance_annual, (com, y), float(demand[k]), com, y)

    def _recompute_emissions(self, builder: _Builder, codes: set[str] = frozenset()) -> None:
        """Emission factors that depend on drivers and demands; push the changed rows."""
        d = self.pm.data
        if self.central_emissions is None:
            self.central_emissions = {c: (t.emissions, t.scope2, t.target_factor)
                                      for c, t in d.techs.items()}
            self.central_demand_emissions = dict(d.demand_emissions)
        self.emissions_touched = True
        techs = {c: dataclasses.replace(t, emissions={}, scope2={}, provenance=[],
                                        direct_in_target=True, target_factor=None)
                 for c, t in d.techs.items()
                 if d.emissions["method"] == "gpc" or t.kind in ("import", "export")
                 or c in codes}
        tmp = dataclasses.replace(d, techs=techs, demand_emissions={})
        builder.problems = []
        builder._emission_factors(tmp)
        DataError.collect(builder.problems, "overrides")
        emissions = {c: (t.emissions, t.scope2, t.target_factor) for c, t in techs.items()}
        self._set_emissions(emissions, tmp.demand_emissions if d.emissions["method"] == "gpc"
                            else None)

    def _set_emissions(self, emissions: dict[str, tuple] | None,
                       demand_emissions: dict[str, np.ndarray] | None) -> None:
        m, d, h = self.pm.model, self.pm.data, self.highs
        changed = set()
        for code, (per_gas, scope2, factor) in (emissions or {}).items():
            t = d.techs[code]
            if not np.array_equal(t.target_factor, factor):
                changed.add(code)
            t.emissions, t.scope2, t.target_factor = per_gas, scope2, factor
        if demand_emissions is not None:
            d.demand_emissions = dict(demand_emissions)
        techs = [t for t in d.techs.values() if t.kind != "storage"]
        for y in d.years:
            k = d.year_index[y]
            con = m.emission_definition[y]
            constant = sum(float(v[k]) for v in d.demand_emissions.values())
            terms = [(1.0, m.emissions[y])] + [(-float(t.target_factor[k]), m.activity[t.code, y])
                                               for t in techs if t.target_factor[k] != 0]
            changes = [(m.activity[c, y], -float(d.techs[c].target_factor[k]))
                       for c in sorted(changed)]
            expr = EqualityExpression((cp.linear(terms), constant))
            if changes:
                h.set_coefficients(con, changes, expr)
            else:
                con.set_value(expr)
            h.set_row_bounds(con, constant, constant)


def _set_rhs(h: Any, component: Any, key: tuple, rhs: float, com: str, year: int) -> None:
    if key not in component:
        raise _structure(com, year, "the balance has no variables in the built model")
    h.set_row_bounds(component[key], rhs, rhs)


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return np.array_equal(a, b)
