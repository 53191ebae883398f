"""Warm overrides: change values of a built model's dataset rows without rebuilding it.

An override names a row of a dataset table by its file line and gives the row a new value
(in the row's own unit): ``{("parameters", 12): 2600.0, ("demands", 5): 7500.0}``. Applying
it to a built :class:`~carbonpath.PathwayModel` recomputes the canonical data that depend on
the changed rows with the same code that builds the model data from a dataset (so the warm
model equals a model rebuilt from the dataset with the values written), and pushes the
differences into the compiled HiGHS model and the Pyomo model in step: objective costs,
variable and row bounds, right-hand sides and matrix coefficients (availability and its
profiles, utilisation, the flows of new conversion and demand technologies with the emission
factors that follow from them, grid emission factors). Nothing changes the matrix's shape: a change
that would (a coefficient that is zero in the built model becoming nonzero) raises.

:class:`WarmState` keeps the central (as built) values of everything it touched, so
:meth:`WarmState.restore` returns the model exactly to them, and each sample starts from the
same numbers and the same basis whatever was solved before.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pyomo.core.expr.numeric_expr import MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression

from carbonpath.dataset.domains import domain_problems
from carbonpath.dataset.tables import is_blank
from carbonpath.errors import DataError, Problem
from carbonpath.model import components as cp
from carbonpath.model import online_years
from carbonpath.model.data import TechData, _Builder
from carbonpath.model.online_years import check_online

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["COST_PARAMETERS", "WARM_DRIVERS", "WARM_PARAMETERS", "Overrides", "WarmState",
           "check_overrides"]

#: A set of overrides: (table, file line) -> new value in the row's unit; or
#: ("parameters", file line, "year") -> a committed project's new online year (see
#: :mod:`carbonpath.model.online_years`).
Overrides = Mapping[tuple[str, Hashable], float]

COST_PARAMETERS = ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "variable_cost")
BOUND_PARAMETERS = ("max_capacity", "min_capacity", "max_new_capacity", "min_new_capacity",
                    "max_activity", "min_activity")
COEFFICIENT_PARAMETERS = ("availability", "utilisation")
#: parameters.csv parameters whose rows can be changed in a built model.
WARM_PARAMETERS = COST_PARAMETERS + BOUND_PARAMETERS + COEFFICIENT_PARAMETERS
#: drivers.csv drivers whose rows can be changed in a built model.
WARM_DRIVERS = ("grid_emission_factor",)
WARM_TABLES = ("parameters", "demands", "drivers", "profiles", "flows")
#: Technology kinds whose flows a built model can change (the others feed the accounting
#: of energy consumption at its standard-coal coefficients).
WARM_FLOW_KINDS = ("conversion", "demand")


class StructureError(DataError):
    """An override would change the shape of the built model's matrix; rebuild instead."""


def check_overrides(dataset: Any, overrides: Overrides, file: str = "overrides") -> None:
    """Check that every override names an existing row that a built model can change.

    Parameters
    ----------
    dataset : carbonpath.Dataset
        The dataset the overrides refer to.
    overrides : mapping
        (table, file line) -> value.
    file : str
        Where the overrides came from (for messages).

    Raises
    ------
    DataError
        Listing every override whose table or row does not exist, whose value is not a
        finite number, or whose parameter or driver cannot be changed warm (names the
        supported ones).
    """
    problems = []
    for key, value in overrides.items():
        if len(key) == 3:  # (table, line, "year"): a committed project's online year
            table, line, column = key
            if table != "parameters" or column != "year":
                problems.append(Problem(f"only the year of a parameters.csv row can be "
                                        f"changed, not {table}.{column}", file=file,
                                        value=column, valid="('parameters', line, 'year')"))
                continue
            problems += check_online(dataset, line, value, file)
            continue
        table, line = key
        if table not in WARM_TABLES:
            problems.append(Problem(f"table '{table}' cannot be changed in a built model",
                                    file=file, value=table, valid=", ".join(WARM_TABLES)))
            continue
        frame = dataset.tables[table]
        if line not in frame.index:
            text = (f"; a line is an int ({int(line)}, not {line!r})" if isinstance(line, str)
                    and line.strip().isdigit() else "")
            ints = [x for x in frame.index if isinstance(x, (int, np.integer))]
            problems.append(Problem(f"{table}.csv has no row {line!r}{text}", file=file,
                                    value=line, valid=f"file lines of {table}.csv: "
                                    f"{min(ints)} .. {max(ints)}" if ints else None))
            continue
        if not isinstance(value, (int, float, np.floating, np.integer)) or not math.isfinite(
                float(value)):
            problems.append(Problem(f"{table}.csv row {line}: the new value is not a finite "
                                    "number", file=file, value=value))
        else:  # the loader's domain of the row (dataset/domains.py)
            problems += domain_problems(dataset.tables, table, line, value, file)
        if table == "parameters":
            name = frame.loc[line, "parameter"]
            if name not in WARM_PARAMETERS:
                problems.append(Problem(
                    f"parameter '{name}' cannot be changed in a built model",
                    file=f"{table}.csv", row=line, column="parameter", value=name,
                    valid=", ".join(WARM_PARAMETERS)))
        elif table == "drivers":
            name = frame.loc[line, "driver"]
            if name not in WARM_DRIVERS:
                problems.append(Problem(
                    f"driver '{name}' cannot be changed in a built model", file="drivers.csv",
                    row=line, column="driver", value=name, valid=", ".join(WARM_DRIVERS)))
        elif table == "flows":
            problems += _flow_problems(dataset, frame, line)
        elif table == "profiles":
            name = frame.loc[line, "profile"]
            techs = dataset.tables["technologies"]
            if "load_profile" in techs and (techs["load_profile"] == name).any():
                problems.append(Problem(
                    f"profile '{name}' is the load profile of annual technologies, which a "
                    "built model cannot change (availability and demand profiles can)",
                    file="profiles.csv", row=line, column="profile", value=name))
    DataError.collect(problems, "overrides")


def _changed(table: pd.DataFrame, lines: dict[Hashable, float],
             years: dict[Hashable, int] | None = None) -> pd.DataFrame:
    """A copy of a table with new values (``value`` column) or years in some lines."""
    out = table.copy()
    if lines:
        out.loc[list(lines), "value"] = list(lines.values())
    if years:
        out.loc[list(years), "year"] = list(years.values())
    return out


class _WarmBuilder(_Builder):
    """The model-data builder, with the technology table's look-ups made once."""

    def _row(self, code: str) -> pd.Series:
        rows = getattr(self, "_rows", None)
        if rows is None:
            rows = self._rows = self.ds.tables["technologies"].set_index("technology")
        return rows.loc[code]

    def _process_item(self, tech: TechData) -> str:
        return self._row(tech.code)["process_item"] or ""

    def _process_technology(self, tech: TechData) -> str | None:
        return self._row(tech.code).get("process_technology") or None


class WarmState:
    """The overrides in force on a built model, and the central values to return to.

    Parameters
    ----------
    pm : PathwayModel
        A built (and compiled) model; its current numbers are the central values.
    factors : carbonpath.FactorTable, optional
        The factor tables the model was built with.
    """

    def __init__(self, pm: PathwayModel, factors: Any = None) -> None:
        self.pm = pm
        self.factors = factors
        self.highs = pm.highs
        self.central_offset = self.highs.offset
        self.central_techs: dict[str, TechData] = {}
        self.central_constants: dict[str, float] = {}
        self.constants: dict[str, float] = {}
        self.central_demand: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
        self.central_drivers: dict[str, np.ndarray] | None = None
        self.central_emissions: dict[str, tuple] | None = None
        self.central_demand_emissions: dict[str, np.ndarray] | None = None
        self.emissions_touched = False
        self._profiles: dict[str, np.ndarray] | None = None
        self.active: dict[tuple[str, Hashable], float] = {}

    # -- public ---------------------------------------------------------------------------
    def apply(self, overrides: Overrides) -> None:
        """Restore the central values, then apply ``overrides`` (see module docstring).

        Raises
        ------
        DataError
            An override of a row that does not exist or cannot be changed warm (see
            :func:`check_overrides`); :class:`StructureError` if it would change the shape of
            the matrix. The model is left at its central values.
        """
        self.restore()
        if not overrides:
            return
        ds = self.pm.dataset
        check_overrides(ds, overrides)
        by_table: dict[str, dict[Hashable, float]] = {}
        years: dict[Hashable, int] = {}  # parameters.csv line -> new online year
        for key, value in overrides.items():
            if len(key) == 3:
                years[key[1]] = round(float(value))
                by_table.setdefault(key[0], {})
            else:
                by_table.setdefault(key[0], {})[key[1]] = float(value)
        self.years = years
        tables = dict(ds.tables)
        for table, lines in by_table.items():
            tables[table] = _changed(ds.tables[table], lines,
                                     years if table == "parameters" else None)
        changed = dataclasses.replace(ds, tables=tables)
        builder = self._builder(changed)
        try:
            self._apply(changed, builder, by_table)
        except BaseException:
            self.active = dict(overrides)
            self.restore()
            raise
        self.active = dict(overrides)

    def restore(self) -> None:
        """Return every changed value to its central (as built) value."""
        pm, d = self.pm, self.pm.data
        for code, central in self.central_techs.items():
            self._set_tech(pm.data.techs[code], central)
        for com, (demand, share) in self.central_demand.items():
            if not (np.array_equal(d.demand[com], demand) and _same(d.demand_share.get(com),
                                                                    share)):
                d.demand[com] = demand.copy()
                if share is not None:
                    d.demand_share[com] = share.copy()
                self._push_demand(com)
        if self.central_drivers is not None:
            d.drivers = {k: v.copy() for k, v in self.central_drivers.items()}
        if self.emissions_touched:
            self._set_emissions(self.central_emissions, self.central_demand_emissions)
            self.emissions_touched = False
        self.active = {}

    # -- internals ------------------------------------------------------------------------
    def _builder(self, dataset: Any) -> _Builder:
        pm, d = self.pm, self.pm.data
        builder = _WarmBuilder(dataset, pm.scenario, self.factors, d.hours)
        builder.timeslices = d.timeslices
        builder.weights = d.weights
        builder.commodities = d.commodities
        builder.drivers = d.drivers
        return builder

    def _apply(self, ds: Any, builder: _Builder, by_table: dict[str, dict]) -> None:
        d = self.pm.data
        profiles_changed = "profiles" in by_table
        names = set()
        if profiles_changed:
            frame = ds.tables["profiles"]
            names = {frame.loc[line, "profile"] for line in by_table["profiles"]}
        if profiles_changed:
            profiles = builder._profiles()
        else:  # the central profiles, computed once
            if self._profiles is None:
                self._profiles = builder._profiles()
            profiles = self._profiles
        # technologies whose parameters or availability profiles changed
        codes = set()
        if "parameters" in by_table:
            frame = ds.tables["parameters"]
            codes |= {frame.loc[line, "technology"] for line in by_table["parameters"]}
            codes |= {frame.loc[line, "technology"] for line in getattr(self, "years", {})}
        if "flows" in by_table:
            frame = ds.tables["flows"]
            codes |= {frame.loc[line, "technology"] for line in by_table["flows"]}
        techs = ds.tables["technologies"]
        if names:
            codes |= set(techs.loc[techs["availability_profile"].isin(names), "technology"])
        flows_changed = set()
        if codes:
            params = builder._params()
            for code in sorted(codes):
                row = techs[techs["technology"] == code].iloc[0]
                new = builder._tech(row, params, profiles)
                DataError.collect(builder.problems, "overrides")
                if self._set_tech(d.techs[code], new):
                    flows_changed.add(code)
        # demands (values or their profiles)
        coms = set()
        if "demands" in by_table:
            frame = ds.tables["demands"]
            coms |= {frame.loc[line, "commodity"] for line in by_table["demands"]}
            for line in by_table["demands"]:
                year = frame.loc[line, "year"]
                if not is_blank(year) and int(year) in d.observed_years[1:]:
                    raise DataError(Problem(
                        f"the override changes the demand of observed year {int(year)}, which is "
                        "history fixed in the model; change rows of decision years "
                        f"(from {d.decision_years[0]})", file="demands.csv", row=line,
                        column="year", value=int(year)))
        if names:
            frame = ds.tables["demands"]
            coms |= set(frame.loc[frame["profile"].isin(names), "commodity"])
        if coms:
            frame = ds.tables["demands"]
            builder.ds = dataclasses.replace(
                ds, tables={**ds.tables, "demands": frame[frame["commodity"].isin(coms)]})
            demand, share = builder._demands(profiles)
            builder.ds = ds
            DataError.collect(builder.problems, "overrides")
            # the builder's keys are regional (commodity@region) in a model of several regions
            for com in sorted(k for k in demand if k.split("@")[0] in coms):
                k0 = d.year_index[d.base_year]
                if demand[com][k0] != d.demand[com][k0]:
                    raise DataError(Problem(
                        f"the override changes the base-year ({d.base_year}) demand of {com}, "
                        "which is observed data fixed in the model; change rows of later years",
                        file="demands.csv", column="value"))
                if com not in self.central_demand:
                    self.central_demand[com] = (d.demand[com].copy(),
                                                None if com not in d.demand_share
                                                else d.demand_share[com].copy())
                # observed years after the base year are history too: a sampled later row
                # moves the decision years only (interpolation would otherwise reach back)
                for y in d.observed_years:
                    k = d.year_index[y]
                    demand[com][k] = self.central_demand[com][0][k]
                d.demand[com] = demand[com]
                if com in share:
                    d.demand_share[com] = share[com]
                self._push_demand(com)
        if "drivers" in by_table:
            drivers = builder._drivers()
            DataError.collect(builder.problems, "overrides")
            if self.central_drivers is None:
                self.central_drivers = {k: v.copy() for k, v in d.drivers.items()}
            d.drivers = drivers
        if ("drivers" in by_table or flows_changed
                or (coms and d.emissions["method"] == "gpc")):
            self._recompute_emissions(builder, flows_changed)

    # -- technologies ---------------------------------------------------------------------
    def _set_tech(self, tech: TechData, new: TechData) -> bool:
        """Make ``tech`` (the model's) hold the values of ``new``; push what differs.

        Returns True if its flows changed (its emission factors then need recomputing).
        """
        if tech.code not in self.central_techs:
            self.central_techs[tech.code] = copy.deepcopy(tech)
        costs = any(not np.array_equal(getattr(tech, n), getattr(new, n))
                    for n in ("capex", "fixed_om", "variable_cost"))
        if tech.storage is not None:
            costs = costs or any(not np.array_equal(getattr(tech.storage, n),
                                                    getattr(new.storage, n))
                                 for n in ("capex_energy", "fixed_om_energy"))
        limits = (not np.array_equal(tech.availability, new.availability)
                  or not np.array_equal(tech.utilisation, new.utilisation, equal_nan=True)
                  or not _same(tech.availability_profile, new.availability_profile))
        bounds = tech.bounds != new.bounds
        committed = online_years.changed(tech, new)
        flows = tech.inputs != new.inputs or tech.outputs != new.outputs
        if flows:
            tech.inputs, tech.outputs = dict(new.inputs), dict(new.outputs)
            self._push_flows(tech)
        for name in ("capex", "fixed_om", "variable_cost", "availability", "utilisation"):
            setattr(tech, name, getattr(new, name).copy())
        tech.availability_profile = (None if new.availability_profile is None
                                     else new.availability_profile.copy())
        tech.bounds = copy.deepcopy(new.bounds)
        if tech.storage is not None:
            tech.storage.capex_energy = new.storage.capex_energy.copy()
            tech.storage.fixed_om_energy = new.storage.fixed_om_energy.copy()
        if costs:
            self._push_costs(tech)
        if limits:
            self._push_limits(tech)
        if bounds:
            self._push_bounds(tech)
        if committed:
            tech.ops.committed_new = dict(new.ops.committed_new)
            tech.ops.committed = dict(new.ops.committed)
            online_years.push_committed(self.pm, tech)
        return flows

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
        m, h = self.pm.model, self.highs
        self._push_column_bounds(t)
        for name, comp in (("max_capacity", m.capacity_max), ("min_capacity", m.capacity_min)):
            given = t.bounds.get(name, {})
            built = {y for (p, y) in comp if p == t.code}
            if set(given) != built:
                raise _structure(t.code, min(set(given) ^ built), f"{name} rows come or go")
            for y, value in given.items():
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


def _flow_problems(dataset: Any, frame: pd.DataFrame, line: Hashable) -> list[Problem]:
    """Why a flow row cannot be changed in a built model (empty if it can)."""
    code = frame.loc[line, "technology"]
    techs = dataset.tables["technologies"].set_index("technology")
    kind, nonfossil = techs.loc[code, "kind"], bool(techs.loc[code, "nonfossil"])
    if kind not in WARM_FLOW_KINDS or nonfossil:
        return [Problem(f"the flows of '{code}' ({kind}{', non-fossil' if nonfossil else ''}) "
                        "feed the accounting of energy consumption and cannot be changed in a "
                        "built model", file="flows.csv", row=line, column="technology",
                        value=code, valid="flows of fossil conversion and demand technologies")]
    params = dataset.tables["parameters"]
    observed = params[(params["technology"] == code) & (params["parameter"] == "activity")
                      & (params["value"] != 0)]
    if len(observed):
        return [Problem(f"'{code}' has an observed base-year activity (parameters.csv row "
                        f"{observed.index[0]}), fixed in the model with its flows; flows have no "
                        "year, so changing one would contradict the observed base year",
                        file="flows.csv", row=line, column="value",
                        valid="flows of technologies without base-year activity (new ones)")]
    return []


def _set_rhs(h: Any, component: Any, key: tuple, rhs: float, com: str, year: int) -> None:
    if key not in component:
        raise _structure(com, year, "the balance has no variables in the built model")
    h.set_row_bounds(component[key], rhs, rhs)


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return np.array_equal(a, b)


def _structure(name: str, year: int, why: str) -> StructureError:
    return StructureError(Problem(
        f"'{name}' in {year}: {why}, which changes the shape of the built model's matrix",
        valid="ranges that keep zero values zero and nonzero values nonzero, or a rebuilt "
              "model"))
