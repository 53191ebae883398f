"""Rows of technologies.csv and links.csv as :class:`~carbonpath.model.datatypes.TechData`.

A mixin of the model-data builder (:class:`carbonpath.model.data._Builder`): it uses the
builder's unit helpers (``_series``, ``_scalar``, ``_given``, ``_converted``, ``_key``) and
collects problems in ``self.problems``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset.tables import PARAMETERS, is_blank, records
from carbonpath.errors import Problem
from carbonpath.model.cost_rows import missing_cost_problems
from carbonpath.model.datatypes import LinkData, StorageData, TechData, _line, canonical_unit
from carbonpath.model.opdata import read_operations
from carbonpath.units import unit_factor

__all__ = ["TechRows"]


class TechRows:
    """Builder mixin: one technology row (or one link row) to canonical floats."""

    def _tech(self, row: pd.Series | dict[str, Any], params: pd.DataFrame,
              profiles: dict[str, np.ndarray]) -> TechData:
        code = row["technology"]
        region = row.get("region")
        region = self.regions[0] if is_blank(region) or region == "" else region
        by, empty = self._rows_of(params, code)
        by_recs = self._records_of(params, code)

        def rows(name: str) -> pd.DataFrame:
            """The parameter rows of one parameter of this technology."""
            return by.get(name, empty)

        def recs(name: str) -> list[tuple[Any, dict[str, Any]]]:
            """The same rows as ``(line, dict)`` pairs (no pandas row access)."""
            return by_recs.get(name, [])

        def series(name: str, target: str, default: float | None) -> np.ndarray:
            """A parameter's year series in ``target`` (see ``_series``)."""
            return self._series(rows(name), target, f"{code} {name}", default, recs(name))

        cap_u = canonical_unit(row["capacity_unit"])
        act_u = canonical_unit(row["activity_unit"])
        if row["level"] == "timeslice":
            cap_u, act_u = "GW", "GWh"
        capacitated = row["kind"] not in ("import", "export", "link") or any(
            name in by for name in ("residual_capacity", "max_capacity", "capex"))
        stored_unit = None
        if row["kind"] == "storage":
            stored_unit = self._cell(self._key(row["storage_commodity"], region), "unit")

        def dim(name: str) -> str:
            """The canonical unit of a parameter of this technology."""
            template = PARAMETERS[name].dimension
            out = template.replace("{capacity}", f"({cap_u})").replace(
                "{activity}", f"({act_u})").replace("CNY", "MCNY")
            return out.replace("{energy}", f"({stored_unit or 'GWh'})")

        lifetime = self._scalar(recs("lifetime"), "yr", None)
        if capacitated and lifetime is None:
            # G57: a supply with no capacity rows at all is likely an import typed 'supply'
            bare = row["kind"] == "supply" and not any(
                name in by for name in ("residual_capacity", "max_capacity", "capex"))
            hint = ("; it has no residual_capacity, max_capacity or capex rows either: if it is "
                    "bought from outside the region (grid electricity, purchased fuel), its kind "
                    "in technologies.csv (column 'kind') is 'import', which has no capacity"
                    if bare else "")
            self.problems.append(Problem(f"technology '{code}' has capacity but no lifetime"
                                         f"{hint}", file="parameters.csv", column="parameter",
                                         valid="a row: <tech>,lifetime,,<years>,yr,<source>"
                                               + (", or kind 'import'" if bare else "")))
            lifetime = 1.0
        econ = self._scalar(recs("economic_lifetime"), "yr", None)
        rate = self._scalar(recs("discount_rate"), "1", float(self.ds.config["discount_rate"]))
        for name, value in (("lifetime", lifetime), ("economic_lifetime", econ)):
            if value is not None and round(value) < 1:
                self.problems.append(Problem(
                    f"technology '{code}': {name} of {value:g} years; a vintage stands at least "
                    "one model year", file="parameters.csv", row=_line(rows(name)),
                    column="value", value=value, valid=">= 1 yr"))
        if not 0 <= rate < 1:
            self.problems.append(Problem(f"technology '{code}': discount rate {rate:g}",
                                         file="parameters.csv", row=_line(rows("discount_rate")),
                                         column="value", value=rate, valid="0 <= r < 1"))
        lifetime = max(1, round(lifetime or 1.0))
        econ = max(1, round(econ)) if econ else lifetime
        # default utilisation: 1 in consistent units (e.g. full-load hours 8760 h/yr)
        util_default = None
        try:
            util_default = unit_factor("1", dim("utilisation"))
        except Exception:
            util_default = None
        utilisation = series("utilisation", dim("utilisation"), util_default)
        if row["level"] == "annual" and capacitated and np.isnan(utilisation).any():
            self.problems.append(Problem(
                f"technology '{code}': activity ({row['activity_unit']}) and capacity "
                f"({row['capacity_unit']}) differ in dimension, so a utilisation is required",
                file="parameters.csv", column="parameter",
                valid=f"a 'utilisation' row in {row['activity_unit']}/{row['capacity_unit']}/yr"))
        observed = {int(r["year"]): self._converted(r, dim("activity"), "parameters.csv", line,
                                                    f"{code} activity")
                    for line, r in recs("activity")}
        bounds = {name: self._given(recs(name), dim(name))
                  for name in ("max_capacity", "min_capacity", "max_new_capacity",
                               "min_new_capacity", "max_activity", "min_activity",
                               "max_energy_capacity") if name in by}
        self._crossed_bounds(code, bounds, rows, {"activity": f"{act_u}/yr",
                                                  "capacity": cap_u})
        inputs, outputs, uses = {}, {}, {}
        for line, f in self._flows_of(code):
            com = self._key(f["commodity"], region)
            com_unit = self._cell(com, "unit")
            value = self._converted(f, f"({com_unit}) / ({act_u})", "flows.csv", line,
                                    f"{code} {f['direction']} of {f['commodity']}")
            (inputs if f["direction"] == "input" else outputs)[com] = value
            if f["direction"] == "input":
                uses[com] = f["use"] or "combustion"
        techs = self.ds.tables["technologies"]
        self.problems += missing_cost_problems(  # a lost cost row: model/cost_rows.py
            row, by, capacitated, lambda key: self._cell(key, "kind"), list(outputs),
            stored_unit, _line(techs[techs["technology"] == code]))
        avail_profile = None
        if row["availability_profile"]:
            avail_profile = profiles[row["availability_profile"]]
            if avail_profile.max() > 1 + 1e-9:
                frame = self.ds.tables["profiles"]
                mine = frame[frame["profile"] == row["availability_profile"]]
                worst = mine["value"].astype(float).idxmax()
                self.problems.append(Problem(
                    f"availability profile '{row['availability_profile']}' exceeds 1",
                    file="profiles.csv", row=worst, column="value",
                    value=float(mine.loc[worst, "value"]), valid="capacity factors in [0, 1]"))
        load_share = None
        if row["level"] == "annual":
            prof = profiles[row["load_profile"]] if row["load_profile"] else None
            load_share = self._share(prof, f"technology {code}", row["load_profile"] or None)
        storage = None
        if row["kind"] == "storage":
            storage = StorageData(
                commodity=self._key(row["storage_commodity"], region),
                charge_efficiency=self._scalar(recs("charge_efficiency"), "1", 1.0),
                discharge_efficiency=self._scalar(recs("discharge_efficiency"), "1", 1.0),
                standing_loss=self._scalar(recs("standing_loss"), "1/hour", 0.0),
                energy_unit=stored_unit,
                capex_energy=series("capex_energy", dim("capex_energy"), 0.0),
                fixed_om_energy=series("fixed_om_energy", dim("fixed_om_energy"), 0.0),
                residual_energy=series("residual_energy_capacity",
                                       dim("residual_energy_capacity"), 0.0),
                max_energy=bounds.pop("max_energy_capacity", {}),
                min_duration=self._scalar(recs("min_duration"), "hour", None),
                max_duration=self._scalar(recs("max_duration"), "hour", None),
            )
            self._crossed_durations(code, storage, rows)
            for eff in ("charge_efficiency", "discharge_efficiency"):
                value = getattr(storage, eff)
                if not 0 < value <= 1:
                    self.problems.append(Problem(f"{code} {eff} must be in (0, 1]",
                                                 file="parameters.csv", row=_line(rows(eff)),
                                                 column="value", value=value))
        availability = series("availability", "1", 1.0)
        if (availability > 1 + 1e-9).any():
            self.problems.append(Problem(f"{code} availability exceeds 1", file="parameters.csv",
                                         row=_line(rows("availability")), column="value",
                                         valid="a share in [0, 1]"))
        return TechData(
            code=code, name=row["name"] or code, sector=row["sector"], kind=row["kind"],
            level=row["level"], group=row["group"] or "",
            fixed_utilisation=bool(row["fixed_utilisation"]),
            early_retirement=bool(row["early_retirement"]),
            investable=bool(row["investable"]) and capacitated, nonfossil=bool(row["nonfossil"]),
            capacitated=capacitated, capacity_unit=cap_u, activity_unit=act_u,
            lifetime=lifetime, economic_lifetime=econ, discount_rate=float(rate),
            capex=series("capex", dim("capex"), 0.0),
            fixed_om=series("fixed_om", dim("fixed_om"), 0.0),
            variable_cost=series("variable_cost", dim("variable_cost"), 0.0),
            availability=availability, utilisation=utilisation,
            residual=series("residual_capacity", dim("residual_capacity"), 0.0),
            observed=observed, bounds=bounds, inputs=inputs, outputs=outputs, uses=uses,
            availability_profile=avail_profile, load_share=load_share, storage=storage,
            load_group=row["load_profile"] or "flat", region=region,
            price_profile=(profiles[row["price_profile"]] if row.get("price_profile")
                           else None),
            ops=read_operations(code, by, empty, dim, self._given, self.years, self.problems),
        )

    def _rows_of(self, params: pd.DataFrame,
                 code: str) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
        """A technology's rows of ``params`` by parameter name (sorted), and an empty frame.

        The table is grouped by (technology, parameter) once per builder and table (not
        filtered and grouped again for every technology); each group holds the same rows,
        in the same order, as ``params[params["technology"] == code]`` grouped by parameter.
        """
        cached = self.__dict__.get("_param_groups")
        if cached is None or cached[0] is not params:
            grouped: dict[str, dict[str, pd.DataFrame]] = {}
            for (tech, name), rows in params.groupby(["technology", "parameter"], sort=True):
                grouped.setdefault(tech, {})[name] = rows
            cached = self._param_groups = (params, grouped, params.iloc[0:0])
        return cached[1].get(code, {}), cached[2]

    def _records_of(self, params: pd.DataFrame,
                    code: str) -> dict[str, list[tuple[Any, dict[str, Any]]]]:
        """A technology's rows of ``params`` by parameter name, as ``(line, dict)`` pairs.

        The same rows in the same order as :meth:`_rows_of`'s frames (one
        :func:`~carbonpath.dataset.tables.records` pass over the table per builder and
        table), so that the technology's scalars, bounds and one-row series are read
        without building a pandas row for each.
        """
        cached = self.__dict__.get("_param_records")
        if cached is None or cached[0] is not params:
            grouped: dict[str, dict[str, list[tuple[Any, dict[str, Any]]]]] = {}
            for line, row in records(params):
                grouped.setdefault(row["technology"], {}).setdefault(
                    row["parameter"], []).append((line, row))
            cached = self._param_records = (params, grouped)
        return cached[1].get(code, {})

    def _flows_of(self, code: str) -> list[tuple[Any, dict[str, Any]]]:
        """A technology's rows of flows.csv, in file order, as ``(line, row)`` (grouped once)."""
        flows = self.ds.tables["flows"]
        cached = self.__dict__.get("_flow_groups")
        if cached is None or cached[0] is not flows:
            grouped: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
            for line, row in records(flows):
                grouped.setdefault(row["technology"], []).append((line, row))
            cached = self._flow_groups = (flows, grouped)
        return cached[1].get(code, [])

    def _link(self, row: pd.Series, params: pd.DataFrame,
              profiles: dict[str, np.ndarray]) -> list[TechData]:
        """A link of ``links.csv`` as one technology per direction.

        The forward direction holds the capacity (residual, vintages, capex, fixed O&M, its
        parameters.csv rows); the backward one (``<link>~back``, for a bidirectional link)
        uses the same capacity through the link-limit rows of
        :func:`carbonpath.model.network.add_link_limits`, at the same loss and tariff.
        """
        com = self.ds.tables["commodities"].set_index("commodity").loc[row["commodity"]]
        level = "timeslice" if com["balance"] == "timeslice" else "annual"
        tech_row = pd.Series({
            "technology": row["link"], "name": row["name"] or row["link"],
            "sector": "transfers", "kind": "link", "level": level,
            "capacity_unit": row["capacity_unit"], "activity_unit": row["activity_unit"],
            "group": "", "fixed_utilisation": False, "early_retirement": False,
            "investable": bool(row["investable"]), "nonfossil": False,
            "availability_profile": row["availability_profile"] or "", "load_profile": "",
            "storage_commodity": "", "region": row["from_region"],
            "price_profile": row["price_profile"] or ""})
        forward = self._tech(tech_row, params, profiles)
        loss = float(row["loss"] or 0.0)
        source = self._key(row["commodity"], row["from_region"])
        target = self._key(row["commodity"], row["to_region"])
        com_unit = self._cell(source, "unit")
        ratio = unit_factor(f"({forward.activity_unit})", f"({com_unit})")
        forward.inputs, forward.outputs = {source: ratio}, {target: ratio * (1.0 - loss)}
        forward.uses = {source: "non_energy"}
        forward.link = LinkData(row["link"], row["commodity"], row["from_region"],
                                row["to_region"], loss, backward=False,
                                counted=bool(row["counted"]))
        out = [forward]
        if row["bidirectional"]:
            zeros = np.zeros(len(self.years))
            back = replace(
                forward, code=f"{row['link']}~back", region=row["to_region"],
                inputs={target: ratio}, outputs={source: ratio * (1.0 - loss)},
                uses={target: "non_energy"}, investable=False, capacitated=False,
                residual=zeros, capex=zeros.copy(), fixed_om=zeros.copy(),
                variable_cost=forward.variable_cost.copy(), bounds={}, observed={},
                provenance=[], link=replace(forward.link, backward=True))
            out.append(back)
        return out

    def _crossed_durations(self, code: str, storage: StorageData, rows: Any) -> None:
        """Add a Problem for a ``min_duration`` above the ``max_duration`` (round 22 P83).

        Both are plain data (hours of the rated power the store holds), so the pair is
        refused at load naming both rows, as :meth:`_crossed_bounds` does for the bounds;
        without it the store could never be built, silently, or the solve failed naming
        only model rows.
        """
        from carbonpath.model.base_balance import row_place

        low, high = storage.min_duration, storage.max_duration
        if low is None or high is None or not low > high * (1 + 1e-9) + 1e-12:
            return
        places = {name: ", ".join(row_place(i, "parameters") for i in rows(name).index)
                  for name in ("min_duration", "max_duration")}
        first = rows("min_duration").index[0]
        file, row = ("parameters.csv", first) if not isinstance(first, str) else (
            first.rpartition(":")[0] or "dataset.yaml", first.rpartition(":")[2])
        self.problems.append(Problem(
            f"technology '{code}': min_duration {low:.6g} h exceeds max_duration {high:.6g} h, "
            f"so no store can meet both: min_duration at {places['min_duration']}, "
            f"max_duration at {places['max_duration']}", file=file, row=row, column="value",
            valid=f"min_duration at most max_duration ({high:.6g} h)"))

    def _crossed_bounds(self, code: str, bounds: dict[str, dict[int, float]],
                        rows: Any, units: dict[str, str]) -> None:
        """Add a Problem for a ``min_*`` bound above its ``max_*`` in some year (B160).

        Both are plain data, so the pair is refused before any solve, naming the
        parameters.csv rows of both (HiGHS could only name the variable's bounds). Values
        are compared in canonical units (``units``: activity, capacity), years after
        interpolation, as the model uses them.
        """
        from carbonpath.model.base_balance import row_place

        for low, high in (("min_activity", "max_activity"), ("min_capacity", "max_capacity"),
                          ("min_new_capacity", "max_new_capacity")):
            lo, hi = bounds.get(low, {}), bounds.get(high, {})
            years = [y for y in lo if y in hi and lo[y] > hi[y] * (1 + 1e-9) + 1e-12]
            if not years:
                continue
            places = {name: ", ".join(row_place(i, "parameters") for i in rows(name).index)
                      for name in (low, high)}
            first = rows(low).index[0]
            file, row = ("parameters.csv", first) if not isinstance(first, str) else (
                first.rpartition(":")[0] or "dataset.yaml", first.rpartition(":")[2])
            y, unit = years[0], units["activity" if low.endswith("activity") else "capacity"]
            more = f" and {len(years) - 1} more year(s)" if len(years) > 1 else ""
            self.problems.append(Problem(
                f"technology '{code}': {low} {lo[y]:.6g} {unit} exceeds {high} {hi[y]:.6g} "
                f"{unit} in {y}{more}, so nothing can meet both: {low} at {places[low]}, "
                f"{high} at {places[high]}", file=file, row=row, column="value",
                valid=f"{low} at most {high} in every year"))
