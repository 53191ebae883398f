"""The base year's checks of the model-data builder: observed activity against stock.

A mixin of :class:`carbonpath.model.coefficients.Coefficients` (moved out of that module
unchanged, to keep it under 600 lines): problems are collected in ``self.problems``, rows
are named in ``parameters.csv``, ``profiles.csv`` and ``reserves.csv``.

A declared peak of ``reserves.csv`` is compared with the base year's average load of its
commodity (:data:`PEAK_OVER_AVERAGE`): a peak of 0.9 MW for 0.9 GW bound nothing and one of
900 GW for 900 MW cost a million million CNY (round 18, R71/R72).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from carbonpath.errors import Problem, line_label
from carbonpath.model.datatypes import _line
from carbonpath.units import unit_factor

if TYPE_CHECKING:
    from carbonpath.model.data import ModelData

__all__ = ["PEAK_OVER_AVERAGE", "BaseYearChecks"]

PEAK_OVER_AVERAGE = (0.5, 10.0)
"""Bounds of a declared peak over the base year's average load of its commodity.

The peak of a load is at least its average (a peak half the average cannot be); a peak ten
times the average is a load factor of 10 %, below any city's electricity (Chinese provincial
grids run at 55-75 %) or a district-heat network's (a heating season of four months at half
its peak is about 17 %). A MW/GW slip is a factor of 1000, far outside both bounds."""


class BaseYearChecks:
    """Builder mixin: the base year's observed activity against stock, profiles, exports."""

    def _check_base_year(self, data: ModelData) -> None:
        y0 = data.base_year
        kind_of = data.commodities["kind"].to_dict()  # (a .loc per input cost more)
        for tech in data.techs.values():
            trades = any(kind_of[c] == "electricity" for c in tech.inputs)
            if tech.kind == "export" and trades:
                bounded = tech.bounds.get("max_activity", {})
                missing = [y for y in data.decision_years if y not in bounded]
                if missing:
                    self.problems.append(Problem(
                        f"electricity exports of '{tech.code}' must be given or bounded in every "
                        f"model year (they are never a free lever); no max_activity in "
                        f"{missing[0]}..{missing[-1]}", file="parameters.csv",
                        column="parameter", valid="max_activity (and min_activity) rows whose "
                        "years span the model years"))
        for tech in data.techs.values():
            if tech.kind == "storage" or tech.link is not None:
                continue
            has_stock = tech.capacitated and tech.residual[0] > 0
            if has_stock and y0 not in tech.observed:
                self.problems.append(Problem(
                    f"technology '{tech.code}' has stock in the base year {y0} but no observed "
                    "activity", file="parameters.csv", column="parameter",
                    valid=f"a row: {tech.code},activity,{y0},<value>,<unit>/yr,<source>"))
                continue
            if y0 not in tech.observed:
                continue
            obs = tech.observed[y0]
            gaps = [y for y in data.observed_years if y != y0 and y not in tech.observed]
            if gaps and not tech.capacitated:  # no capacity to dispatch: fixed at zero there
                self.problems.append(Problem(
                    f"technology '{tech.code}' (no capacity) has an observed activity in the "
                    f"base year {y0} but none in the observed years {_years(gaps)} (years "
                    f"before first_decision_year {data.decision_years[0]}), where it would "
                    "be fixed at zero", file="parameters.csv",
                    row=self._observed_line(tech.code, y0), column="year", value=y0,
                    valid=f"activity rows for {_years(gaps)} (0 if it stopped), or an "
                    f"earlier first_decision_year in dataset.yaml (at most {gaps[0]})"))
            if tech.capacitated:
                if tech.timeslice:
                    prof = (tech.availability_profile if tech.availability_profile is not None
                            else np.ones(len(self.timeslices)))
                    most = tech.residual[0] * tech.availability[0] * float(
                        np.dot(prof, data.weights))
                else:
                    most = tech.residual[0] * tech.availability[0] * tech.utilisation[0]
                per_year = f"{tech.activity_unit}/yr"
                if obs > most * (1 + 1e-6) + 1e-9:
                    self.problems.append(Problem(
                        f"technology '{tech.code}': observed base-year activity {obs:.6g} "
                        f"{per_year} exceeds what its base-year capacity of "
                        f"{tech.residual[0]:.6g} {tech.capacity_unit} can give ({most:.6g} "
                        f"{per_year}){self._profile_clause(tech)}"
                        f"{self._availability_clause(tech)}", file="parameters.csv",
                        row=self._observed_line(tech.code, y0), column="value"))
                if tech.fixed_utilisation and not math.isclose(
                        obs, tech.residual[0] * tech.utilisation[0], rel_tol=1e-3, abs_tol=1e-9):
                    self.problems.append(Problem(
                        f"technology '{tech.code}' runs at fixed utilisation, but observed "
                        f"activity {obs:.6g} {per_year} differs from stock x utilisation "
                        f"{tech.residual[0] * tech.utilisation[0]:.6g} {per_year}",
                        file="parameters.csv", row=self._observed_line(tech.code, y0),
                        column="value"))
        self._check_declared_peaks(data)

    def _check_declared_peaks(self, data: ModelData) -> None:
        """A declared reserve peak far from the base year's average load (see the module).

        The average load is the base year's use of the commodity over the hours of a year:
        its ``demands.csv`` demand plus the observed base-year inputs of every technology
        other than stores, exports and links (the load the reserve margin covers,
        :func:`carbonpath.model.adequacy._load_terms`).
        """
        hours = float(np.sum(data.weights))
        for com, spec in data.reserves.items():
            if spec.get("peak") is None or hours <= 0:
                continue
            try:
                to_gwh = unit_factor(str(data.commodities.loc[com, "unit"]), "GWh")
            except Exception:
                continue  # not an energy unit: refused by the reserves checks
            use = float(data.demand[com][0]) if com in data.demand else 0.0
            use += sum(t.observed.get(data.base_year, 0.0) * t.inputs[com]
                       for t in data.techs.values() if com in t.inputs
                       and t.kind not in ("storage", "export") and t.link is None)
            average = use * to_gwh / hours
            peak = float(spec["peak"][0])
            low, high = PEAK_OVER_AVERAGE
            if average <= 0 or peak <= 0 or low <= peak / average <= high:
                continue
            frame = self.ds.tables["reserves"]
            rows = frame[(frame["commodity"] == com) & (frame["parameter"] == "peak")]
            self.problems.append(Problem(
                f"the declared peak of {com} in {data.base_year}, {peak:.4g} GW, is "
                f"{peak / average:.3g} times the base year's average load ({average:.4g} GW: "
                f"{use * to_gwh:.6g} GWh of demand and use over {hours:g} h); a peak lies "
                f"between {low:g} and {high:g} times the average load; probably a unit slip "
                "(MW for GW or GW for MW: x1000)", file="reserves.csv", row=_line(rows),
                column="value", value=float(rows["value"].iloc[0]) if len(rows) else None,
                valid=f"{low * average:.4g} .. {high * average:.4g} GW in {data.base_year}, "
                      "or no peak row (the model then takes the highest load of its "
                      "profiles and demands)"))

    def _profile_clause(self, tech: Any) -> str:
        """Where a timeslice technology's hours come from, when a profile limits them (B35).

        An availability profile written in % (0.3 % for 0.3) makes the limit 100 x too small;
        the error then names profiles.csv and the profile's unit beside parameters.csv.
        """
        techs = self.ds.tables["technologies"]
        names = techs.loc[techs["technology"] == tech.code, "availability_profile"]
        name = next((str(v) for v in names if isinstance(v, str) and v), "")
        if not tech.timeslice or not name:
            return ""
        profiles = self.ds.tables["profiles"]
        units = sorted({str(u) for u in profiles.loc[profiles["profile"] == name, "unit"]})
        return (f", with its availability_profile '{name}' of profiles.csv (unit "
                f"{', '.join(units)}): check that profile's values and unit too")

    def _availability_clause(self, tech: Any) -> str:
        """The parameters.csv rows of an availability below 1 that shrink the limit (D148)."""
        if not tech.availability[0] < 1:
            return ""
        params = self.ds.tables["parameters"]
        lines = list(params.index[(params["technology"] == tech.code)
                                  & (params["parameter"] == "availability")])
        shown = ", ".join(str(line_label(x)) for x in lines)
        where = f" (parameters.csv row {shown})" if lines else ""
        return (f"; its availability {tech.availability[0]:.6g}{where} scales that limit "
                "down too")

    def _observed_line(self, code: str, year: int) -> Any:
        """The parameters.csv line of a technology's observed activity in ``year``."""
        params = self.ds.tables["parameters"]
        rows = params[(params["technology"] == code) & (params["parameter"] == "activity")
                      & (params["year"] == year)]
        return _line(rows)


def _years(years: list[int]) -> str:
    """``2025``, ``2025, 2026`` or ``2025 .. 2028`` for consecutive years."""
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]} .. {years[-1]}"
    return ", ".join(str(y) for y in years)
