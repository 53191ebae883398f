"""The dataset being written by ``carbonpath init``: tables as lists of rows, and notes.

:class:`Draft` collects the rows of every table, the catalogue values it used (with their
ranges) and what the README must say: what was read, what was assumed, what the planner
should replace first, what the model leaves out. The builders (:mod:`.supply`,
:mod:`.demand`) fill it; :mod:`.readme` and :mod:`.write` turn it into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.catalogue import Catalogue
from carbonpath.errors import DataError, Problem
from carbonpath.units import unit_factor

__all__ = ["ACCEPTED", "Draft"]

#: How a README line of an implausible value accepted by ``allow_implausible`` begins;
#: such lines also become the dataset's ``caveats`` (round-9 X05).
ACCEPTED = "accepted as given (allow_implausible)"

A = "assumption: "


@dataclass
class Draft:
    """Rows of a dataset under construction (see the module docstring)."""

    catalogue: Catalogue
    region: str
    chain: tuple[str, ...]
    base_year: int
    horizon: int
    commodities: dict[str, dict] = field(default_factory=dict)
    technologies: dict[str, dict] = field(default_factory=dict)
    flows: list[dict] = field(default_factory=list)
    parameters: list[dict] = field(default_factory=list)
    demands: list[dict] = field(default_factory=list)
    drivers: list[dict] = field(default_factory=list)
    ranges: list[dict] = field(default_factory=list)
    emissions: list[dict] = field(default_factory=list)
    observed: dict[str, float] = field(default_factory=dict)  # tech -> base-year activity
    read: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    replace_first: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # a planner's value changed: printed
    not_modelled: list[str] = field(default_factory=list)
    mapped: list[dict] = field(default_factory=list)
    implausible: list[Problem] = field(default_factory=list)  # refused unless overridden

    @property
    def years(self) -> list[int]:
        """Model years, base year to horizon."""
        return list(range(self.base_year, self.horizon + 1))

    # -- rows ------------------------------------------------------------------------------
    def commodity(self, code: str, name: str, unit: str, balance: str, kind: str,
                  fuel: str = "", source: str = "") -> None:
        """Add a commodity once (a second call with the same code is ignored)."""
        if code not in self.commodities:
            self.commodities[code] = {"commodity": code, "name": name, "unit": unit,
                                          "balance": balance, "kind": kind, "fuel": fuel,
                                          "source": source or A + "carbonpath init: " + name}

    def fuel_commodity(self, fuel: str, unit: str) -> None:
        """Add a fuel or carrier commodity under its carbonpath fuel code."""
        kind = fuel if fuel in ("electricity", "heat", "hydrogen") else "fuel"
        balance = "timeslice" if fuel in ("electricity", "hydrogen") else "annual"
        self.commodity(fuel, fuel, unit, balance, kind, fuel,
                       source=A + f"a commodity of the balance ({fuel}), in {unit}")

    def technology(self, code: str, catalogue_code: str, *, name: str = "", sector: str,
                   kind: str | None = None, level: str | None = None, capacity_unit: str |
                   None = None, activity_unit: str | None = None, investable: bool = True,
                   group: str = "", load_profile: str = "", process_item: str = "",
                   process_technology: str = "", nonfossil: bool | None = None,
                   source: str = "") -> dict:
        """Add a technology of the dataset from a catalogue class (attributes overridable)."""
        cat = self.catalogue.technology(catalogue_code)
        row = {"technology": code, "name": name or f"{cat['name']} ({cat['name_zh']})",
                   "sector": sector, "kind": kind or cat["kind"], "level": level or cat["level"],
                   "capacity_unit": capacity_unit or cat["capacity_unit"],
                   "activity_unit": activity_unit or cat["activity_unit"], "group": group,
                   "fixed_utilisation": "false", "early_retirement": "false",
                   "investable": str(bool(investable)).lower(),
                   "nonfossil": (str(nonfossil).lower() if nonfossil is not None
                              else cat["nonfossil"]),
                   "availability_profile": cat["availability_profile"],
                   "load_profile": load_profile, "storage_commodity": cat["storage_commodity"],
                   "process_item": process_item, "process_technology": process_technology,
                   "source": source or f"catalogue {self.catalogue.label}: {catalogue_code}"}
        self.technologies[code] = row
        row["_catalogue"] = catalogue_code
        return row

    def flow(self, tech: str, commodity: str, direction: str, value: float, unit: str,
             source: str, use: str = "") -> None:
        """Add a flow row (value per unit of activity)."""
        self.flows.append({"technology": tech, "commodity": commodity, "direction": direction,
                               "value": _num(value), "unit": unit, "use": use, "source": source})

    def param(self, tech: str, parameter: str, value: float, unit: str, source: str,
              year: int | str = "", day: str = "") -> None:
        """Add a parameter row (``day``: a representative day, for ``min_output`` only)."""
        self.parameters.append({"technology": tech, "parameter": parameter, "year": year,
                                "day": day, "value": _num(value), "unit": unit,
                                "source": source})

    def demand(self, commodity: str, values: dict[int, float], unit: str, source: str,
               profile: str = "") -> None:
        """Add demand rows, one per year given."""
        for year, value in values.items():
            self.demands.append({"commodity": commodity, "year": year, "value": _num(value),
                                     "unit": unit, "profile": profile, "source": source})

    # -- catalogue values ------------------------------------------------------------------
    def catalogue_param(self, tech: str, catalogue_code: str, parameter: str,
                        unit: str | None = None, scale: float = 1.0,
                        label: str | None = None) -> bool:
        """Copy a catalogue parameter into parameters.csv and its range into ranges.csv.

        A trajectory is written at its own years inside the model years and interpolated
        at the base year and the horizon.

        ``unit`` converts the catalogue's value, ``scale`` multiplies it further (e.g. GJ
        per physical unit) and ``label`` names the resulting unit. Returns False if the
        catalogue has no such parameter.
        """
        rows = self.catalogue.parameter_rows(catalogue_code, parameter, self.chain)
        if rows.empty:
            return False
        cat_unit = str(rows.iloc[0]["unit"])
        factor = scale * (unit_factor(cat_unit, unit) if unit else 1.0)
        out_unit = label or unit or cat_unit
        if pd.isna(rows.iloc[0]["year"]):
            years: list[int | str] = [""]
        else:
            inner = [int(y) for y in rows["year"] if self.base_year < int(y) < self.horizon]
            years = [self.base_year, *inner, self.horizon]
        for year in years:
            found = self.catalogue.value(catalogue_code, parameter,
                                         int(year) if year != "" else self.base_year,
                                         self.chain)
            assert found is not None
            value, low, high, _, source = found
            status = "catalogue " + self.catalogue.label
            self.param(tech, parameter, value * factor, out_unit,
                       f"{status} ({catalogue_code}): {source}", year=year)
            self.ranges.append({"technology": tech, "parameter": parameter, "year": year,
                                    "value": _num(value * factor),
                                    "low": _num(low * factor) if np.isfinite(low) else "",
                                    "high": _num(high * factor) if np.isfinite(high) else "",
                                    "unit": out_unit, "source": f"catalogue {catalogue_code}"})
        return True

    def catalogue_scalar(self, catalogue_code: str, parameter: str, unit: str,
                         default: float | None = None) -> float:
        """A catalogue parameter's base-year value in ``unit`` (or ``default``)."""
        found = self.catalogue.value(catalogue_code, parameter, self.base_year, self.chain)
        if found is None:
            if default is None:
                raise DataError(Problem(
                    f"the catalogue has no '{parameter}' for '{catalogue_code}'",
                    file=self.catalogue.file("parameters.csv"), column="parameter",
                    valid=f"add a '{parameter}' row for {catalogue_code}"))
            return default
        return found[0] * unit_factor(found[3], unit)

    def residual(self, tech: str, capacity: float, unit: str, life: float,
                 source: str) -> None:
        """Residual capacity retiring linearly to zero over ``life`` years from the base year."""
        end = self.base_year + life
        points = {self.base_year: capacity}
        if end < self.horizon:
            points[int(np.ceil(end))] = capacity * max(0.0, 1 - (np.ceil(end) - self.base_year)
                                                       / life)
            points[self.horizon] = 0.0
        else:
            points[self.horizon] = capacity * (1 - (self.horizon - self.base_year) / life)
        for year, value in points.items():
            self.param(tech, "residual_capacity", value, unit, source, year=year)

    def observe(self, tech: str, activity: float, unit: str, source: str) -> None:
        """Fix a technology's base-year activity."""
        self.observed[tech] = self.observed.get(tech, 0.0) + activity
        self.param(tech, "activity", activity, f"{unit}/yr", source, year=self.base_year)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables as DataFrames in the dataset's column order."""
        techs = [{k: v for k, v in t.items() if not k.startswith("_")}
                 for t in self.technologies.values()]
        return {
            "commodities": pd.DataFrame(list(self.commodities.values())),
            "technologies": pd.DataFrame(techs),
            "flows": pd.DataFrame(self.flows),
            "parameters": pd.DataFrame(self.parameters),
            "demands": pd.DataFrame(self.demands),
            "drivers": pd.DataFrame(self.drivers),
            "emissions": pd.DataFrame(self.emissions, columns=[
                "technology", "gas", "basis", "commodity", "year", "value", "unit", "source"]),
            "ranges": pd.DataFrame(self.ranges, columns=["technology", "parameter", "year",
                                                          "value", "low", "high", "unit",
                                                          "source"]),
        }


def _num(value: Any) -> Any:
    """A float written with full precision (repr), so that calibration is exact."""
    if isinstance(value, (int, float, np.floating, np.integer)):
        return float(value)
    return value
