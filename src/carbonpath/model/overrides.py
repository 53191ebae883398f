"""Warm overrides: change values of a built model's dataset rows without rebuilding it.

An override names a row of a dataset table by its file line and gives the row a new value
(in the row's own unit): ``{("parameters", 12): 2600.0, ("demands", 5): 7500.0}``. Applying
it to a built :class:`~carbonpath.PathwayModel` recomputes the canonical data that depend on
the changed rows with the same code that builds the model data from a dataset (so the warm
model equals a model rebuilt from the dataset with the values written), and pushes the
differences into the compiled HiGHS model and the Pyomo model in step: objective costs,
variable and row bounds, right-hand sides and matrix coefficients (availability and its
profiles, utilisation, the flows of new conversion and demand technologies with the emission
factors that follow from them, grid emission factors, the emission factors of import and
export technologies, ``emissions.csv`` rows, and GDP: the coefficients and right-hand sides of
the intensity targets' rows). Nothing changes the matrix's shape: a change
that would (a coefficient that is zero in the built model becoming nonzero) raises.

:class:`WarmState` keeps the central (as built) values of everything it touched, so
:meth:`WarmState.restore` returns the model exactly to them, and each sample starts from the
same numbers and the same basis whatever was solved before.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.dataset.tables import is_blank
from carbonpath.errors import DataError, Problem
from carbonpath.model import online_years
from carbonpath.model.data import TechData, _Builder
from carbonpath.model.override_checks import (  # noqa: F401 (re-exported, old import paths)
    BOUND_PARAMETERS,
    COEFFICIENT_PARAMETERS,
    COST_PARAMETERS,
    WARM_DRIVERS,
    WARM_EMISSION_KINDS,
    WARM_FLOW_KINDS,
    WARM_PARAMETERS,
    WARM_TABLES,
    Overrides,
    StructureError,
    _emission_problems,
    _flow_problems,
    _structure,
    check_overrides,
)
from carbonpath.model.warm_push import WarmPushes, _same, _set_rhs  # noqa: F401

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["COST_PARAMETERS", "WARM_DRIVERS", "WARM_PARAMETERS", "Overrides", "WarmState",
           "check_overrides"]


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


class WarmState(WarmPushes):
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
        self.central_regional: dict[tuple[str, str], np.ndarray] = {}
        self.gdp_touched = False
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
            d.regional_drivers = {k: v.copy() for k, v in self.central_regional.items()}
            if self.gdp_touched:
                self._push_gdp_targets()
                self.gdp_touched = False
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
                        file="demands.csv", column="value",
                        row=_demand_line(frame, by_table["demands"], com, d.base_year)))
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
        grid = False  # a driver other than GDP changed: emission factors follow
        if "drivers" in by_table:
            drivers = builder._drivers()
            regional = builder.regional_drivers
            DataError.collect(builder.problems, "overrides")
            if self.central_drivers is None:
                self.central_drivers = {k: v.copy() for k, v in d.drivers.items()}
                self.central_regional = {k: v.copy() for k, v in d.regional_drivers.items()}
            gdp = not (_same(drivers.get("gdp"), d.drivers.get("gdp")) and all(
                _same(v, d.regional_drivers.get(k)) for k, v in regional.items()
                if k[0] == "gdp"))
            grid = (any(not _same(v, d.drivers.get(k)) for k, v in drivers.items()
                        if k != "gdp")
                    or any(not _same(v, d.regional_drivers.get(k)) for k, v in regional.items()
                           if k[0] != "gdp"))
            d.drivers = drivers
            d.regional_drivers = regional
            if gdp:
                self.gdp_touched = True
                self._push_gdp_targets()
        traded = set()  # import and export technologies whose emissions.csv rows changed
        if "emissions" in by_table:
            frame = ds.tables["emissions"]
            traded = {frame.loc[line, "technology"] for line in by_table["emissions"]}
        if (grid or flows_changed or traded
                or (coms and d.emissions["method"] == "gpc")):
            self._recompute_emissions(builder, flows_changed | traded)

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


def _demand_line(frame: Any, lines: Any, com: str, year: int) -> Any:
    """The overridden demands.csv line of ``com`` (``commodity@region``) reaching ``year``.

    A row of that year, else the first overridden row of the commodity (MR09: the error had
    named no row).
    """
    commodity, _, region = com.partition("@")
    mine = [line for line in lines if frame.loc[line, "commodity"] == commodity
            and (not region or "region" not in frame.columns
                 or frame.loc[line, "region"] in (region, "", None))]
    exact = [line for line in mine if not is_blank(frame.loc[line, "year"])
             and int(frame.loc[line, "year"]) == year]
    return (exact or mine or [None])[0]
