"""Emission and energy coefficients of technologies, and the base-year checks.

A mixin of the model-data builder (:class:`carbonpath.model.data._Builder`): factors come
from carbonpath's factor tables (the same resolution code the inventory uses) unless
``emissions.csv`` overrides them; problems are collected in ``self.problems``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.dataset import expand_years
from carbonpath.dataset.tables import records
from carbonpath.errors import Problem, UnitError
from carbonpath.model.base_year_checks import BaseYearChecks, _years  # noqa: F401  (moved)
from carbonpath.model.datatypes import GASES, TechData
from carbonpath.model.emission_rows import (
    ambiguous_row,
    fuel_factor_problems,
    unused_rows,
    warn_own_generation,
)
from carbonpath.units import gwp_value, unit_factor

if TYPE_CHECKING:
    from carbonpath.model.data import ModelData

__all__ = ["Coefficients"]


class Coefficients(BaseYearChecks):
    """Builder mixin: emission factors, energy (standard coal) factors, base-year checks."""

    # -- emission and energy coefficients -------------------------------------------------
    def _overrides(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        """emissions.csv rows by (technology, gas, input commodity; '' for activity basis)."""
        frame = self.ds.tables.get("emissions")
        out: dict[tuple[str, str, str], pd.DataFrame] = {}
        if frame is None:
            return out
        for (tech, gas, basis, com), group in frame.fillna("").groupby(
                ["technology", "gas", "basis", "commodity"]):
            out[(tech, gas, com if basis == "input" else "")] = group
        return out

    def _emission_factors(self, data: ModelData) -> None:
        """Every technology's emission factors per gas (kt per unit of activity, by year).

        The rule of ``emissions.csv`` (docs/data-format.md): a row overrides exactly what it
        names. An ``input`` row of (technology, gas, commodity) replaces the factor tables'
        combustion factor of that gas of that input, the other gases of the input keep
        theirs; an ``activity`` row of (technology, gas) replaces the tables' process factor
        of that gas (for an electricity import or export: its traded factor). An
        ``activity`` row of a gas that a burned fuel of the technology also emits by the
        tables is ambiguous (the plant's whole factor, or its process part?) and is refused
        unless that fuel's factor of the gas is given too (an ``input`` row, 0 if the
        activity row holds it all). A row no technology's factor uses is refused (H99-H108).
        """
        overrides = self._overrides()
        used: set[tuple[str, str, str]] = set()
        region = self.ds.region
        method = data.emissions["method"]
        grid = data.drivers.get("grid_emission_factor")
        zeros = np.zeros(len(self.years))
        for tech in data.techs.values():
            per_gas = {g: zeros.copy() for g in GASES}
            if tech.link is not None:  # a link moves a commodity; it burns nothing
                tech.emissions = per_gas
                self._trade_factor(tech, data, method, grid)
                continue
            electricity_out = [c for c in tech.outputs
                               if self._cell(c, "kind") == "electricity"]
            electricity_in = [c for c in tech.inputs
                              if self._cell(c, "kind") == "electricity"]
            if tech.kind in ("import", "export") and (electricity_out or electricity_in):
                self._traded_factors(tech, per_gas, overrides, used, method, grid)
                tech.emissions = per_gas
                continue
            fuel_gases: dict[str, list[str]] = {}  # gas -> burned inputs the tables give it for
            for com, ratio in tech.inputs.items():
                fuel = self._cell(com, "fuel")
                use = tech.uses.get(com, "combustion")
                base = self._cell(com, "base")
                given = set()
                for gas in GASES:
                    key = (tech.code, gas, base)
                    if key in overrides:
                        unit = self._cell(com, "unit")
                        per_gas[gas] = per_gas[gas] + ratio * self._override(
                            overrides[key], f"kt {gas} / ({unit})", f"{tech.code} {gas}")
                        tech.provenance.append(_override_provenance(overrides[key], gas, com))
                        used.add(key)
                        given.add(gas)
                if not fuel or use != "combustion" or fuel in ("electricity", "heat",
                                                               "hydrogen"):
                    continue
                if "CO2" in given and not _is_nonfossil_fuel(fuel):  # MA72: per kt for per t
                    self._check_fuel_factor(tech, com, fuel, overrides[(tech.code, "CO2", base)])
                if {"CO2", "CH4", "N2O"} <= given:  # every combustion gas given: no look-up
                    continue
                for gas, factor in self._fuel_factors(fuel, tech, com, region, given).items():
                    per_gas[gas] = per_gas[gas] + ratio * factor
                    if np.any(factor != 0):
                        fuel_gases.setdefault(gas, []).append(com)
            for gas in GASES:
                key = (tech.code, gas, "")
                if key in overrides:
                    if gas in fuel_gases:
                        self.problems.append(ambiguous_row(tech.code, gas, overrides[key],
                                                           fuel_gases[gas]))
                    per_gas[gas] = per_gas[gas] + self._override(
                        overrides[key], f"kt {gas} / ({tech.activity_unit})", f"{tech.code} {gas}")
                    tech.provenance.append(_override_provenance(overrides[key], gas, ""))
                    used.add(key)
            if self._process_item(tech):
                for gas, factor in self._process_factors(tech, region).items():
                    if (tech.code, gas, "") not in overrides:  # the row replaces the tables'
                        per_gas[gas] = per_gas[gas] + factor
            tech.emissions = per_gas
        self.problems += unused_rows(overrides, used, data)
        if method == "gpc":
            self._consumption_scope(data)
        gas = data.emissions["gas"]
        for tech in data.techs.values():
            if gas == "CO2":
                total = tech.emissions["CO2"].copy()
            else:
                gwp = data.emissions["gwp"]
                total = zeros.copy()
                for g, values in tech.emissions.items():
                    if values.any():
                        origin = "non_fossil" if g == "CH4" else None
                        total = total + values * gwp_value(g, gwp, origin)
            if not tech.direct_in_target:
                total = zeros.copy()
            for values in tech.scope2.values():
                total = total + values
            tech.target_factor = total

    def _trade_factor(self, tech: TechData, data: ModelData, method: str,
                      grid: np.ndarray | None) -> None:
        """A counted electricity link's factor: the grid factor x what arrives (provincial).

        Under the GPC method electricity already counts where it is consumed, in every
        region, so a link counts nothing there.
        """
        link = tech.link
        if not link.counted or method == "gpc":
            link.trade_factor = np.zeros(len(self.years))
            return
        if grid is None:
            self.problems.append(Problem(
                f"link '{link.link}' counts as trade, so drivers.csv needs the "
                "grid_emission_factor trajectory over every model year", file="drivers.csv",
                column="driver"))
            grid = np.zeros(len(self.years))
        target, arrives = next(iter(tech.outputs.items()))
        to_gwh = unit_factor(self._cell(target, "unit"), "GWh")
        link.trade_factor = grid * arrives * to_gwh

    def _traded_factors(self, tech: TechData, per_gas: dict[str, np.ndarray],
                        overrides: dict, used: set, method: str,
                        grid: np.ndarray | None) -> None:
        """An electricity import's (export's) factors: emissions.csv's, else the grid's CO2.

        A CO2 ``activity`` row replaces the ``grid_emission_factor`` driver; a row of another
        gas adds that gas (the driver is CO2 only). Imports count +, exports -, nothing under
        the GPC method (electricity counts where it is consumed).
        """
        tech.emission_scope = ("electricity_import" if tech.kind == "import"
                               else "electricity_export")
        sign = 0.0 if method == "gpc" else 1.0 if tech.kind == "import" else -1.0
        for gas in GASES:
            own = overrides.get((tech.code, gas, ""))
            if own is None:
                continue
            per_gas[gas] = sign * self._override(
                own, f"kt {gas} / ({tech.activity_unit})", f"{tech.code} {gas}")
            tech.provenance.append(_override_provenance(own, gas, ""))
            used.add((tech.code, gas, ""))
        if (tech.code, "CO2", "") in overrides:  # the market's own factor of traded electricity
            return
        if grid is None:
            self.problems.append(Problem(
                f"technology '{tech.code}' trades electricity, so drivers.csv needs the "
                "grid_emission_factor trajectory over every model year",
                file="drivers.csv", column="driver"))
            grid = np.zeros(len(self.years))
        per_gas["CO2"] = sign * grid
        tech.provenance.append({"gas": "CO2", "commodity": "electricity",
                                "source": "drivers.csv grid_emission_factor",
                                "rule": f"{method} method, {tech.kind}"})

    def _consumption_scope(self, data: ModelData) -> None:
        """GPC method: count electricity and heat where they are consumed (scope 2).

        Power and heat plants (sectors ``thermal_power`` and ``heat_supply`` and their
        children) keep their direct emissions in the results but out of the total, as the
        accounting core's ``gpc`` inventory does; every consumer of electricity (and every
        exogenous demand of it) carries the year's grid factor, every consumer of heat the
        heat factor of the factor tables (region, base year).
        """
        grid = data.drivers.get("grid_emission_factor")
        kinds = data.commodities["kind"]
        factors: dict[str, np.ndarray] = {}
        if (kinds == "electricity").any():
            if grid is None:
                self.problems.append(Problem(
                    "the gpc method counts electricity at its consumers, so drivers.csv needs "
                    "the grid_emission_factor trajectory over every model year",
                    file="drivers.csv", column="driver"))
                grid = np.zeros(len(self.years))
            factors["electricity"] = grid
        if (kinds == "heat").any():
            from carbonpath.factors import bundled_factors

            table = self.factors if self.factors is not None else bundled_factors()
            try:
                heat = table.lookup("heat", "emission_factor", gas="CO2", region=self.ds.region,
                                    year=self.ds.base_year)
                per_gwh = heat.value.to("kt CO2 / GWh").magnitude
            except Exception as exc:
                self.problems.append(Problem(f"no emission factor of purchased heat: {exc}",
                                             file="factors"))
                per_gwh = 0.0
            factors["heat"] = np.full(len(self.years), per_gwh)
        for tech in data.techs.values():
            if _is_generation_sector(tech.sector):
                tech.direct_in_target = False
            if tech.kind == "export" or tech.link is not None:
                continue
            for com, ratio in tech.inputs.items():
                kind = kinds[com]
                if kind in factors:
                    unit = self._cell(com, "unit")
                    to_gwh = unit_factor(unit, "GWh")
                    tech.scope2[kind] = tech.scope2.get(kind, 0.0) + ratio * to_gwh * factors[kind]
        warn_own_generation(data.techs.values(), self.ds.tables, kinds, factors)  # G125
        for com, demand in data.demand.items():
            kind = kinds[com]
            if kind in factors:
                to_gwh = unit_factor(self._cell(com, "unit"), "GWh")
                data.demand_emissions[com] = demand * to_gwh * factors[kind]

    def _known_region(self) -> bool:
        """False (with one problem naming dataset.yaml's ``region``) if no factor has it.

        Every factor lookup would otherwise fail on its own, each naming a table the region
        never came from.
        """
        from carbonpath.factors import bundled_factors

        table = self.factors if self.factors is not None else bundled_factors()
        regions = getattr(table, "regions", None)
        if regions is None or regions.resolve(self.ds.region) is not None:
            return True
        self.problems.append(Problem(
            "unknown region: no factor table knows it", file="dataset.yaml", key="region",
            value=self.ds.region, valid=regions.valid_text(self.ds.region)))
        return False

    def _override(self, rows: pd.DataFrame, target: str, what: str) -> np.ndarray:
        factors = np.array([unit_factor(u, target) for u in rows["unit"]])
        rows = rows.assign(year=[None if y == "" else y for y in rows["year"]])
        return expand_years(rows, self.years, "emissions.csv", what, self.problems, factors)

    def _tech_row(self, code: str) -> dict[str, Any]:
        """A technology's row of technologies.csv, as a dict (the rows are read once).

        The cells are those ``set_index("technology").loc[code]`` gives (Python scalars);
        a dict look-up instead of one ``.loc`` per technology and question.
        """
        rows = self.__dict__.get("_techs_by_code")
        if rows is None:
            rows = self._techs_by_code = {
                row["technology"]: row for _, row in records(self.ds.tables["technologies"])}
        return rows[code]

    def _process_item(self, tech: TechData) -> str:
        return self._tech_row(tech.code)["process_item"] or ""

    def _process_technology(self, tech: TechData) -> str | None:
        return self._tech_row(tech.code).get("process_technology") or None

    def _warn_unused_user_factors(self, techs: dict[str, TechData]) -> None:
        """Warn of user factor rows no technology's fuel look-up asks for (issue 11, I79).

        The model looks up a burned fuel's factors by (fuel, technology's sector) in the
        dataset's region, with no technology code, so a user row of another sector or with
        a technology is never used: :func:`carbonpath.accounting.factor_reach.
        warn_unused_user_rows` names it, as for an inventory. Only the fuels some
        technology burns are judged.

        Warns
        -----
        CarbonpathWarning
            ``N user factor row(s) are never used``, with file, line and why.
        """
        if self.factors is None or not hasattr(self.factors, "rows"):
            return
        from carbonpath.accounting.factor_reach import warn_unused_user_rows
        from carbonpath.codes import sectors

        asked = []
        for tech in techs.values():
            if tech.link is not None or sectors().resolve(str(tech.sector)) is None:
                continue
            for com in tech.inputs:
                fuel = self._cell(com, "fuel")
                if (isinstance(fuel, str) and fuel and fuel not in ("electricity", "heat",
                                                                     "hydrogen")
                        and tech.uses.get(com, "combustion") == "combustion"):
                    asked.append((self.ds.region, tech.sector, fuel, ""))
        frame = pd.DataFrame(asked, columns=["region", "sector", "fuel", "technology"])
        warn_unused_user_rows(self.factors, frame, asker="model technology", scope="model")

    def _prefetch_factors(self, data: ModelData) -> None:
        """Resolve the fuel factors the technologies may ask for, all in one pass.

        Every (fuel, sector) of a technology's input or output commodity (but electricity,
        heat and hydrogen) not yet in the look-up cache is resolved by
        :func:`carbonpath.accounting.scalar.fuel_factors_many` (one search of the factor
        table instead of one per pair: frozen main job, 28 pairs, about 0.6 s less per
        run); :meth:`_factors_of` then finds them cached, with the same numbers and the same
        errors as one look-up each. A pair no technology asks for is only cached.
        """
        from carbonpath.accounting.scalar import fuel_factors_many

        fuel_of = data.commodities["fuel"]
        region, year = self.ds.region, self.ds.base_year
        pairs = []
        for tech in data.techs.values():
            for com in (*tech.inputs, *tech.outputs):
                fuel = fuel_of.get(com)
                if not fuel or not isinstance(fuel, str) or fuel in ("electricity", "heat",
                                                                     "hydrogen"):
                    continue
                if (fuel, tech.sector, region, year) not in self._factor_cache:
                    pairs.append((fuel, tech.sector))
        if not pairs:
            return
        try:
            found = fuel_factors_many(pairs, region, year, factors=self.factors,
                                      historical=True)
        except Exception:  # a pair that breaks the whole pass: one look-up each, as before
            return
        for (fuel, sector), value in found.items():
            self._factor_cache[(fuel, sector, region, year)] = value

    def _factors_of(self, fuel: str, sector: str) -> dict[str, Any]:
        """The accounting core's factors of a fuel burned in a sector, in the base year.

        Fuel properties do not change over the horizon, so the base year's factors hold for
        every model year (unlike the grid factor, an explicit trajectory). Cached per
        (fuel, sector, region, year) and factor table, for every model of the process.
        """
        from carbonpath import accounting

        key = (fuel, sector, self.ds.region, self.ds.base_year)
        if key not in self._factor_cache:
            try:
                self._factor_cache[key] = accounting.fuel_factors(
                    fuel, sector, self.ds.region, self.ds.base_year, factors=self.factors,
                    historical=True)
            except Exception as exc:
                self._factor_cache[key] = exc
        found = self._factor_cache[key]
        if isinstance(found, Exception):
            raise found
        return found

    def _check_fuel_factor(self, tech: TechData, com: str, fuel: str,
                           rows: pd.DataFrame) -> None:
        """Name emissions.csv CO2 rows of a burned fossil fuel far from the tables' factor."""
        unit = f"t CO2 / ({self._cell(com, 'unit')})"
        try:
            table = float(self._factors_of(fuel, tech.sector)["CO2"].value.to(unit).magnitude)
        except Exception:  # no factor, or another unit: the tables' own checks name it
            return
        if table > 0:
            self.problems += fuel_factor_problems(tech.code, com, fuel, rows, table, unit)

    def _fuel_unit_slip(self, com: str, fuel: str, found: dict[str, Any], key: str,
                        unit: str) -> None:
        """Name commodities.csv's fuel cell of ``com`` once: its factors are per another unit.

        ``found`` is the fuel's factors (:meth:`_factors_of`), ``key`` the one that did not
        convert (``CO2``, ``standard_coal``): its unit is shown as the tables write it
        (``t CO2/t``), not as pint reduces it (``CO2``: round 26 MB33).
        """
        from carbonpath.dataset.fuel_checks import fuel_unit_problem

        factor = found[key]
        shown = str(getattr(factor, "unit", "") or "")
        if not shown:
            shown = f"{factor.value.units:~}".replace(" * ", " ").replace(" ** ", "^")
        coal = found.get("standard_coal")
        energy = coal.value if coal is not None and coal is not factor else None
        problem = fuel_unit_problem(self.ds.tables["commodities"], com, fuel, shown, unit,
                                    energy)
        if not any((p.file, p.row, p.column) == (problem.file, problem.row, "fuel")
                   for p in self.problems):
            self.problems.append(problem)

    def _fuel_factors(self, fuel: str, tech: TechData, com: str, region: str,
                      skip: set[str] | frozenset = frozenset()) -> dict[str, np.ndarray]:
        """Combustion factors (kt gas per commodity unit) from the factor tables.

        ``skip``: gases emissions.csv gives for this input (left out).
        """
        unit = self._cell(com, "unit")
        out: dict[str, np.ndarray] = {}
        try:
            found = self._factors_of(fuel, tech.sector)
        except Exception as exc:
            self.problems.append(Problem(
                f"no combustion emission factor for fuel '{fuel}' of commodity '{com}' used "
                f"by '{tech.code}' (sector {tech.sector}): {exc}", file="emissions.csv",
                valid="add a sourced row to emissions.csv, or fix the fuel code"))
            return out
        for gas in ("CO2", "CH4", "N2O"):
            factor = found.get(gas)
            if factor is None or gas in skip:
                continue
            if gas == "CO2" and _is_nonfossil_fuel(fuel):
                tech.provenance.append({
                    "gas": gas, "commodity": com, "value": 0.0, "unit": f"kt {gas}/{unit}",
                    "source": factor.source,
                    "rule": "biogenic CO2: a memo item, not counted (IPCC 2006 Vol.2 Ch.1 1.4.2)"})
                continue
            try:
                value = factor.value.to(f"kt {gas} / ({unit})").magnitude
            except UnitError:  # V123: a fuel code metered otherwise than its commodity
                self._fuel_unit_slip(com, fuel, found, gas, unit)
                return out
            out[gas] = np.full(len(self.years), value)
            tech.provenance.append({"gas": gas, "commodity": com, "value": value,
                                    "unit": f"kt {gas}/{unit}", "source": factor.source,
                                    "rule": getattr(factor, "rule", "")})
        return out

    def _prefetch_process_factors(self, data: ModelData) -> None:
        """Resolve the process factors of every technology with a process item in one pass.

        The (item, process technology) pairs not yet in the look-up cache are resolved by
        :func:`carbonpath.accounting.scalar.process_factors_many` (one search of the factor
        table per gas instead of one per gas and technology); :meth:`_process_factors` then
        finds them cached, with the same factors and errors as one look-up each. A pair that
        no technology asks for (its emissions.csv overrides them) is only cached.
        """
        from carbonpath.accounting.scalar import process_factors_many

        region, year = self.ds.region, self.ds.base_year
        pairs = []
        for tech in data.techs.values():
            item = self._process_item(tech) if tech.link is None else ""
            if item:
                pair = (item, self._process_technology(tech))
                if ("process", *pair, region, year) not in self._factor_cache:
                    pairs.append(pair)
        if not pairs:
            return
        try:
            found = process_factors_many(pairs, region, year, factors=self.factors,
                                         historical=True)
        except Exception:  # a pair that breaks the whole pass: one look-up each, as before
            return
        for pair, value in found.items():
            self._factor_cache[("process", *pair, region, year)] = value

    def _no_process_factor(self, item: str, tech: TechData, exc: Exception) -> None:
        self.problems.append(Problem(
            f"no process emission factor for item '{item}' of '{tech.code}': {exc}",
            file="technologies.csv", column="process_item"))

    def _process_factors(self, tech: TechData, region: str) -> dict[str, np.ndarray]:
        from carbonpath import accounting

        item = self._process_item(tech)
        out: dict[str, np.ndarray] = {}
        found = self._factor_cache.get(("process", item, self._process_technology(tech),
                                         region, self.ds.base_year))
        if found is None:  # not prefetched: one look-up (its error is not kept)
            try:
                found = accounting.process_factors(item, region, self.ds.base_year,
                                                   factors=self.factors,
                                                   technology=self._process_technology(tech),
                                                   historical=True)
            except Exception as exc:
                self._no_process_factor(item, tech, exc)
                return out
        if isinstance(found, Exception):
            self._no_process_factor(item, tech, found)
            return out
        for gas, factor in found.items():
            value = factor.value.to(f"kt {gas} / ({tech.activity_unit})").magnitude
            out[gas] = np.full(len(self.years), value)
            tech.provenance.append({"gas": gas, "commodity": "", "value": value,
                                    "unit": f"kt {gas}/{tech.activity_unit}",
                                    "source": factor.source, "rule": getattr(factor, "rule", "")})
        return out

    def _energy_factors(self, data: ModelData) -> None:
        """Energy consumption (ktce) and its non-fossil part per unit of activity."""
        n = len(self.years)
        conv = self._electricity_conversion(data)
        share = data.drivers.get("grid_nonfossil_share")
        for tech in data.techs.values():
            energy = np.zeros(n)
            nonfossil = np.zeros(n)
            kinds = {c: self._cell(c, "kind") for c in tech.outputs}
            electricity = [c for c, k in kinds.items() if k == "electricity"]
            if tech.kind == "import" and electricity:
                energy = energy + conv * tech.outputs[electricity[0]]
                if share is None:
                    self.problems.append(Problem(
                        f"'{tech.code}' imports electricity: drivers.csv needs "
                        "grid_nonfossil_share for the non-fossil share of energy",
                        file="drivers.csv", column="driver"))
                else:
                    nonfossil = nonfossil + conv * share * tech.outputs[electricity[0]]
            elif tech.kind == "export" and tech.inputs and any(
                    self._cell(c, "kind") == "electricity" for c in tech.inputs):
                energy = energy - conv * sum(v for c, v in tech.inputs.items()
                                             if self._cell(c, "kind") == "electricity")
            elif tech.nonfossil and electricity:
                energy = energy + conv * tech.outputs[electricity[0]]
                nonfossil = energy.copy()
            elif tech.kind in ("import", "supply"):
                for com, ratio in tech.outputs.items():
                    fuel = self._cell(com, "fuel")
                    if not fuel or fuel in ("electricity", "heat", "hydrogen"):
                        continue
                    unit = self._cell(com, "unit")
                    try:
                        found = self._factors_of(fuel, tech.sector)
                        coeff = found["standard_coal"].value.to(f"ktce / ({unit})").magnitude
                    except UnitError:  # V123
                        self._fuel_unit_slip(com, fuel, found, "standard_coal", unit)
                        continue
                    except Exception as exc:
                        self.problems.append(Problem(
                            f"no standard-coal coefficient for fuel '{fuel}' ({com}) supplied by "
                            f"'{tech.code}': {exc}", file="commodities.csv", column="fuel"))
                        continue
                    energy = energy + ratio * coeff
                    if _is_nonfossil_fuel(fuel):
                        nonfossil = nonfossil + ratio * coeff
            tech.energy_tce = energy
            tech.nonfossil_tce = nonfossil

    def _electricity_conversion(self, data: ModelData) -> np.ndarray:
        n = len(self.years)
        if data.primary_electricity == "calorific":
            from carbonpath.units import CALORIFIC_EQUIVALENT

            return np.full(n, CALORIFIC_EQUIVALENT.to("ktce/GWh").magnitude)
        rate = data.drivers.get("thermal_power_coal_rate")
        if rate is None:
            needs = any(t.nonfossil or t.kind in ("import", "export") for t in data.techs.values())
            if needs:
                self.problems.append(Problem(
                    "the coal-consumption method needs drivers.csv thermal_power_coal_rate "
                    "(the year's average coal rate of thermal power) over every model year",
                    file="drivers.csv", column="driver"))
            return np.zeros(n)
        return rate


def _is_generation_sector(sector: str) -> bool:
    """True for power and heat plants: ``thermal_power``, ``heat_supply`` and their children."""
    from carbonpath.codes import sectors

    seen = set()
    while sector and sector not in seen:
        if sector in ("thermal_power", "heat_supply"):
            return True
        seen.add(sector)
        sector = sectors().column("parent").get(sector, "")
    return False


def _override_provenance(rows: pd.DataFrame, gas: str, com: str) -> dict[str, Any]:
    row = rows.iloc[0]
    return {"gas": gas, "commodity": com, "value": float(row["value"]), "unit": row["unit"],
            "source": row["source"], "rule": "dataset override (emissions.csv)"}


def _is_nonfossil_fuel(fuel: str) -> bool:
    from carbonpath.dataset.tables import fuel_is_fossil

    return not fuel_is_fossil(fuel)
