"""The supply side of a dataset from a balance: plants, local generation, trade, fuels.

Calibration rule: every fuel burned in the base year by thermal power and heat plants is
reproduced exactly by a plant technology per fuel whose input per unit of output is the
balance's fuel divided by the plant's share of the balance's output (shares by fuel energy x
the catalogue efficiency). Observed activity x input = the balance's number, so the model's
base-year emissions equal the inventory's of the same balance (same factor tables).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.activity.scope import is_coal_equivalent
from carbonpath.dataset.generation import MIN_FULL_LOAD_HOURS, MIN_RENEWABLE_SHARE
from carbonpath.errors import DataError, Problem
from carbonpath.init.draft import A, Draft
from carbonpath.init.mapping import Mapping
from carbonpath.init.profiles import ProvinceProfiles
from carbonpath.units import unit_factor

__all__ = ["EFFICIENCY_MARGIN", "MIN_FULL_LOAD_HOURS", "MIN_RENEWABLE_SHARE", "FuelUnits",
           "add_generation", "add_plants", "add_supply", "add_trade", "efficiency_range"]

GENERATION_SECTORS = ("nonfossil_power", "solar_power", "wind_power", "hydro_power")
STORAGE_HOURS = {"battery_lfp": 2.0, "pumped_hydro": 6.0}


class FuelUnits:
    """Canonical model units and energy contents of the balance's commodities.

    Mass -> ``t``; plain volumes at 20 degC (China's statistics) -> ``m3_20C``; electricity
    -> ``MWh``; heat and fuels counted in energy -> ``GJ``. Energy contents (GJ per unit)
    come from the factor tables' standard-coal coefficients (GB/T 2589-2020).
    """

    def __init__(self, table: Any, region: str, year: int, sheet: str = "",
                 headers: dict[str, str] | None = None) -> None:
        self.table, self.region, self.year = table, region, year
        self.sheet, self.headers = sheet, headers or {}
        self._gj: dict[tuple[str, str, bool], float] = {}

    @staticmethod
    def canonical(fuel: str, unit: str, gas_condition: str = "") -> tuple[str, float]:
        """Return ``(model unit, factor)``: value_in_unit x factor = value in model unit.

        Electricity or heat in standard coal is refused: 当量值 and 等价值 differ 2.4 times
        for electricity and the number does not say which (round 10, A04/A25). A plain
        volume at 0 °C or 15 °C (a sheet noted 按0°C计量) is converted to 20 °C (x 293.15 /
        273.15 or / 288.15; it had been refused as a unit init "cannot place", round 25 KA79b).
        """
        if fuel in ("electricity", "heat") and is_coal_equivalent(unit):
            raise DataError(Problem(
                f"{fuel} given in standard coal ({unit}) is ambiguous: 当量值 (calorific, "
                "0.1229 kgce/kWh) or 等价值 (the coal burned to make it, about 0.3 kgce/kWh)",
                column=fuel, value=unit,
                valid="the balance in physical quantities (实物量): electricity in 亿千瓦时, "
                      "heat in 万百万千焦"))
        if fuel == "electricity":
            return "MWh", unit_factor(unit, "MWh")
        for target in ("t", "GJ"):
            try:
                return target, unit_factor(unit, target)
            except DataError:
                pass
        try:
            return "m3_20C", unit_factor(unit, "m3_20C")
        except DataError:
            pass
        if gas_condition == "20C":
            return "m3_20C", unit_factor(unit, "m3")
        if gas_condition in ("0C", "15C"):  # round 25 KA79b: a sheet noted 按0°C计量
            from carbonpath.accounting.activity.schema import GAS_CONDITIONS

            return "m3_20C", unit_factor(unit, "m3") * unit_factor(
                GAS_CONDITIONS[gas_condition], "m3_20C")
        raise DataError(Problem(f"cannot place the unit '{unit}' of '{fuel}'", column=fuel,
                                value=unit, valid="a mass, an energy or a gas volume"))

    def gj(self, fuel: str, unit: str, where: str, line: Any = None,
           ncv: bool = True) -> float:
        """GJ per model unit of ``fuel`` (raises naming ``where`` if unknown).

        The tables' standard-coal coefficient (GB/T 2589), else (``ncv``) their net
        calorific value (converter gas, naphtha, LNG: init had refused them, round 25 KA15);
        a price per GJ asks without ``ncv`` (bitumen keeps "no price given"). Neither (煤矸石)
        is a DataError naming the sheet, ``line``, the column and what init can be given.
        """
        if fuel in ("electricity", "hydrogen", "heat") or unit == "GJ":  # counted in energy
            return unit_factor(unit, "GJ")
        key = (fuel, unit, ncv)
        if key not in self._gj:
            f = None
            for quantity, basis in (("standard_coal_coefficient", None),
                                    ("calorific_value", "net"))[:2 if ncv else 1]:
                try:
                    f = self.table.lookup(fuel, quantity, region=self.region, year=self.year,
                                          historical=True, basis=basis)
                    self._gj[key] = float(f.value.to(f"GJ/({unit})").magnitude)
                    break
                except Exception:  # none, or in a unit of another dimension
                    f = None
            if f is None:
                from carbonpath.init.balance_checks import no_factor_advice

                raise DataError(Problem(
                    f"the energy content of '{fuel}' is needed for {where} (its plants' or "
                    "devices' shares by energy) but the bundled factor tables, the only ones "
                    "init reads, have none (no standard_coal_coefficient or net "
                    f"calorific_value per {unit})", file=self.sheet or None, row=line,
                    column=self.headers.get(fuel, fuel),
                    valid=no_factor_advice(fuel, self.headers.get(fuel, fuel))))
        return self._gj[key]


def _source(bs_name: str, lines: list[Any]) -> str:
    where = ", ".join(f"line {x}" for x in lines)
    return f"energy balance sheet {bs_name}, {where}"


def add_plants(d: Draft, rows: pd.DataFrame, output: pd.Series | None, role: str,
               capacity: pd.DataFrame, mapping: Mapping, units: FuelUnits, bs_name: str,
               problems: list[Problem]) -> set[str]:
    """Add one existing-plant technology per fuel of the thermal power or heat supply row.

    ``rows``: the balance's combustion rows of the sector (fuel, value in model units,
    line); ``output``: its generation row. Returns the capacity types used.
    """
    sector = "thermal_power" if role == "power" else "heat_supply"
    out_com, out_unit = ("electricity", "MWh") if role == "power" else ("heat", "GJ")
    used: set[str] = set()
    total_out = float(output["model_value"]) if output is not None else 0.0
    if rows.empty and total_out > 0:
        problems.append(Problem(f"{sector} produces {output['value']} {output['unit']} but "
                                "burns no fuel in the balance", file=bs_name,
                                row=output["line"], column=out_com,
                                valid="the fuels burned (-) in the same row, or no "
                                f"{out_com} output there"))
    if not rows.empty and total_out <= 0:
        problems.append(Problem(f"{sector} burns fuel but the balance shows no {out_com} output",
                                file=bs_name, row=int(rows["line"].iloc[0]), column=out_com,
                                valid=f"the {out_com} produced in the same row"))
    if rows.empty or total_out <= 0:
        return used
    plants = []
    for r in rows.itertuples():
        m = mapping.lookup(role, sector, r.fuel)
        if m is None:
            problems.append(Problem(f"no {role} plant is mapped for fuel '{r.fuel}' burned in "
                                    f"{sector}", file=bs_name, row=r.line, column=r.fuel,
                                    valid=f"add a '{role}' row for {r.fuel} to the mapping table"))
            continue
        cat = m["technology"]
        flows = d.catalogue.flows_of(cat)
        fin = flows[(flows["direction"] == "input") & (flows["commodity"] != "electricity")]
        to_gj = unit_factor(fin["unit"].iloc[0], f"GJ/{out_unit}")
        gj_per_act = float(fin["value"].iloc[0]) * to_gj
        gj = r.model_value * units.gj(r.fuel, r.model_unit, f"{sector} {r.fuel}", r.line)
        if not (np.isfinite(gj) and gj > 0):  # A57: a share and an efficiency divide by it
            problems.append(Problem(
                f"{sector} burns {r.value:g} {r.unit} of {r.fuel} ({gj:g} GJ): a plant "
                "cannot be calibrated on no fuel energy (its efficiency and share of the "
                f"output divide by it); check the {r.fuel} column's unit and value",
                file=bs_name, row=r.line, column=r.fuel, value=r.value,
                valid=f"a positive amount of {r.fuel}, or a blank cell if none is burned"))
            continue
        plants.append((r, cat, m["item"], gj / gj_per_act, gj,
                       (float(fin["low"].iloc[0]) * to_gj, float(fin["high"].iloc[0]) * to_gj),
                       m.name))
    if not plants:
        return used
    weight = sum(p[3] for p in plants)
    for r, cat, item, w, gj, gj_range, _ in plants:
        code = f"{'thermal' if role == 'power' else 'heatplant'}_{r.fuel}"
        out = total_out * w / weight
        ratio = r.model_value / out
        src = _source(bs_name, [r.line, output["line"]])
        plausible = _check_efficiency(d, code, cat, out * unit_factor(out_unit, "GJ") / gj,
                                      gj_range, unit_factor(out_unit, "GJ"), r, output, bs_name)
        d.technology(code, cat, sector=sector, investable=False,
                     name=f"Existing {d.catalogue.technology(cat)['name']} on {r.fuel}",
                     source=f"{src}; class {cat} of catalogue {d.catalogue.label}")
        d.flow(code, r.fuel, "input", ratio, f"{r.model_unit}/{out_unit}",
               f"calibrated: {src} (fuel / the plant's share of the output, shares by fuel "
               f"energy x the catalogue efficiency of {cat})")
        d.flow(code, out_com, "output", 1.0, f"{out_unit}/{out_unit}", A + "definition")
        d.fuel_commodity(r.fuel, r.model_unit)
        d.observe(code, out, out_unit, f"calibrated: {src}")
        life = d.catalogue_scalar(cat, "lifetime", "yr")
        d.param(code, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({cat})")
        for par in ("fixed_om", "variable_cost", "availability"):
            d.catalogue_param(code, cat, par)
        d.mapped.append({"balance": f"{sector} / {r.fuel} (line {r.line})",
                             "technology": code, "catalogue": cat, "service": out_com})
        if role == "power":
            used.add(item)
            cap_rows = capacity[capacity["type"] == item]
            if cap_rows.empty:
                problems.append(Problem(
                    f"thermal power burns {r.fuel} (capacity type '{item}') but the capacity "
                    f"input lists no '{item}' capacity: generation without capacity",
                    file=capacity.attrs.get("file", "capacity"), column="type", value=item,
                    valid=f"a '{item}' row in the capacity input"))
                continue
            same = [p for p in plants if p[2] == item]
            share = w / sum(p[3] for p in same)
            mw = float(cap_rows["mw"].iloc[0]) * share
            if plausible and same[0][0] is r:  # once per type, if the output is believable
                _check_hours(d, item, sum(total_out * p[3] / weight for p in same),
                             float(cap_rows["mw"].iloc[0]), cap_rows, capacity, output, bs_name)
            avail = d.catalogue_scalar(cat, "availability", "1", default=1.0)
            if out > mw * 8760 * avail * (1 + 1e-9):
                fuels = ", ".join(f"{p[0].fuel} {p[4]:,.0f} GJ" for p in plants)
                problems.append(Problem(  # B04: the split by fuel energy is named
                    f"{r.fuel} units generate {out:,.0f} MWh, more than {mw:,.0f} MW x 8760 h x "
                    f"availability {avail} allows; {sector}'s {total_out:,.0f} MWh are split "
                    f"by the fuel energy of {bs_name} ({fuels}) x the catalogue efficiency, "
                    f"so {r.fuel} gets {w / weight:.1%}: a capacity too small, or a fuel "
                    "column of the balance whose header unit is smaller than its numbers' "
                    "(原煤(吨) over numbers in 万吨)" + _mixed_type(same, item, mapping.file),
                    file=capacity.attrs.get("file", "capacity"),
                    row=int(cap_rows["line"].iloc[0]), column="value",
                    valid="the installed capacity at the end of the base year, in MW"))
            d.residual(code, mw, "MW", life, A + f"capacity input ({item}, share {share:.3f}) "
                       f"retiring linearly over the catalogue lifetime of {life:g} years")
        else:
            util = d.catalogue_scalar(cat, "utilisation", "GJ/MW/yr")
            d.param(code, "utilisation", util, "GJ/MW/yr", f"catalogue {d.catalogue.label}")
            d.residual(code, out / util * 1.2, "MW", life, A + "heat plants sized at 1.2 x the "
                       "base-year output at the catalogue utilisation, retiring linearly")
    return used


def _mixed_type(same: list[tuple], item: str, file: str) -> str:
    """A hint naming the mapping rows when one capacity type holds plants of several classes.

    ``same``: the plants of capacity type ``item`` (balance row, class, item, weight, GJ,
    range, mapping line). Raw coal mapped under ``gas`` beside natural gas (round 21 K139)
    had only the capacity row blamed.
    """
    classes = {p[1] for p in same}
    if len(classes) < 2:
        return ""
    rows = ", ".join(f"{p[0].fuel} as {p[1]} (row {p[6]})" for p in same)
    return (f", or a slip in the mapping's 'item' column: {file} puts plants of "
            f"{len(classes)} classes under capacity type '{item}' ({rows})")


EFFICIENCY_MARGIN = 0.25
"""Relative widening of a catalogue class's efficiency range before init refuses a calibrated
plant: old small coal units (30-33 % net, 370-410 gce/kWh) and part-load heat boilers sit
below the classes' low ends; nothing fuel-fired converts more energy than it burns (cap 100 %)."""


def efficiency_range(gj_range: tuple[float, float], out_gj: float) -> tuple[float, float]:
    """Plausible efficiency ``(low, high)`` of a calibrated plant (output / fuel energy).

    Parameters
    ----------
    gj_range : tuple of float
        The catalogue class's ``(low, high)`` fuel input, GJ per unit of output
        (``catalogue/flows.csv`` columns ``low``, ``high``).
    out_gj : float
        GJ per unit of output (3.6 for MWh, 1 for GJ).

    Returns
    -------
    tuple of float
        ``(low, high)``, dimensionless: the class's range ``out_gj / high .. out_gj / low``
        widened by :data:`EFFICIENCY_MARGIN` and capped at 1.
    """
    low, high = out_gj / gj_range[1], out_gj / gj_range[0]
    return low * (1 - EFFICIENCY_MARGIN), min(high * (1 + EFFICIENCY_MARGIN), 1.0)


def _check_efficiency(d: Draft, code: str, cat: str, eff: float,
                      gj_range: tuple[float, float], out_gj: float, r: Any, output: pd.Series,
                      bs_name: str) -> bool:
    """Record an implausible calibrated efficiency in ``d.implausible`` (S01/S02, B12).

    Returns False if it was implausible.
    """
    if not all(np.isfinite(gj_range)) or min(gj_range) <= 0:
        return True
    low, high = efficiency_range(gj_range, out_gj)
    if low <= eff <= high:
        return True
    d.implausible.append(Problem(
        f"the calibrated plant '{code}' converts {eff:.3g} ({eff:.1%}) of the fuel energy of "
        f"{r.fuel} (line {r.line}) into the {output['fuel']} of line {output['line']} "
        f"({output['value']:g} {output['unit']}), outside the range of its catalogue class "
        f"{cat} ({out_gj / gj_range[1]:.1%} .. {out_gj / gj_range[0]:.1%}, widened by "
        f"{EFFICIENCY_MARGIN:.0%}): the fuel burned and the output of the balance do not "
        "fit, probably a unit slip in one of the two columns or a fuel booked in another row",
        file=bs_name, row=r.line, column=r.fuel, value=r.value,
        valid=f"an efficiency of {low:.0%} .. {high:.0%}; or pass allow_implausible=True "
        "(CLI --allow-implausible) if the balance is right"))
    return False


def _check_hours(d: Draft, item: str, out: float, mw: float, cap_rows: pd.DataFrame,
                 capacity: pd.DataFrame, output: pd.Series, bs_name: str) -> None:
    """Record thermal full-load hours below :data:`MIN_FULL_LOAD_HOURS` (Q03)."""
    low = MIN_FULL_LOAD_HOURS.get(item)
    if low is None or mw <= 0 or out / mw >= low:
        return
    d.implausible.append(Problem(
        f"the '{item}' capacity of {mw:,.0f} MW generates the {out:,.0f} MWh that the balance "
        f"gives its fuels ({bs_name}, line {output['line']}): {out / mw:,.0f} full-load hours "
        f"a year, below the {low:,.0f} h a real '{item}' fleet runs; probably a unit or digit "
        "slip in the capacity", file=capacity.attrs.get("file", "capacity"),
        row=int(cap_rows["line"].iloc[0]), column="value",
        value=f"{mw:,.0f} MW",
        valid=f"a capacity giving {low:,.0f} .. 8,760 full-load hours (at most "
        f"{out / low:,.0f} MW); or pass allow_implausible=True (CLI --allow-implausible) if "
        "the capacity is right"))


def add_generation(d: Draft, gen: pd.DataFrame, capacity: pd.DataFrame, mapping: Mapping,
                   profiles: ProvinceProfiles, bs_name: str, problems: list[Problem]
                   ) -> set[str]:
    """Local non-fossil generation and storage from the capacity input.

    The balance's generation (by row: nonfossil_power or solar/wind/hydro) is split over the
    capacity types of that row by capacity x full-load hours of the province's profiles.
    """
    cap_file = capacity.attrs.get("file", "capacity")
    used: set[str] = set()
    types = {}
    for item in capacity["type"]:
        m = mapping.item("capacity", item)
        if m is not None:
            types[item] = m
    for item in _same_technology(types, capacity, cap_file, mapping.file, problems):
        types.pop(item)
        used.add(item)  # named there, not again as capacity without generation
    by_sector: dict[str, list[str]] = {}
    for item, m in types.items():
        if m["technology"] in STORAGE_HOURS:
            continue
        by_sector.setdefault(m["sector"], []).append(item)
    for g in gen.itertuples():
        sectors = list(by_sector) if g.sector == "nonfossil_power" else [g.sector]
        items = [i for s in sectors for i in by_sector.get(s, [])]
        if not items:
            problems.append(Problem(
                f"the balance shows {g.value} {g.unit} of local {g.sector} generation but the "
                "capacity input lists no capacity that produces it: generation without capacity",
                file=bs_name, row=g.line, column="electricity",
                valid="pv, pv_rooftop, wind_onshore, wind_offshore or hydro rows in the "
                "capacity input"))
            continue
        potential = {}
        for item in items:
            cat = types[item]["technology"]
            prof = d.catalogue.technology(cat)["availability_profile"]
            mw = float(capacity.loc[capacity["type"] == item, "mw"].iloc[0])
            if prof and prof not in profiles.names:
                line = int(capacity.loc[capacity["type"] == item, "line"].iloc[0]) \
                    if "line" in capacity else None
                if mw == 0:  # round 22 N26: 0 is the documented "none"; nothing to model
                    used.add(item)  # (the README's "not modelled" names the missing option)
                    continue
                problems.append(Problem(
                    f"capacity type '{item}' needs the profile '{prof}', which {profiles.file} "
                    "does not have", file=cap_file, row=line, column="type", value=item,
                    valid=f"a capacity type with a profile there "
                    f"({_types_with_profile(mapping, d, profiles)}); or 0 "
                    "if the region has none of it"))
                continue
            flh = profiles.full_load_hours(prof) if prof else 8760.0
            avail = d.catalogue_scalar(cat, "availability", "1", default=1.0)
            potential[item] = mw * flh * avail
        total = sum(potential.values())
        if not potential:
            continue
        if g.model_value > total * (1 + 1e-9):
            each = "; ".join(f"{_cap_row(capacity, cap_file, i)}: {p:,.0f} MWh"
                             for i, p in potential.items())
            problems.append(Problem(
                f"local generation {g.model_value:,.0f} MWh exceeds what the listed capacity can "
                f"produce with the profiles of {profiles.province} ({total:,.0f} MWh: {each}); "
                "probably a capacity 10 times too small (MW written for 万千瓦)",
                file=bs_name, row=g.line, column="electricity",
                valid="capacity and generation of the same year"))
            used.update(potential)  # their generation row is named here (round 13 G24)
            continue
        if g.model_value < MIN_RENEWABLE_SHARE * total:
            mws = {i: float(capacity.loc[capacity["type"] == i, "mw"].sum()) for i in potential}
            items_text = ", ".join(f"'{i}' {mw:,.0f} MW" for i, mw in mws.items())
            d.implausible.append(Problem(
                f"local {g.sector} generation {g.model_value:,.0f} MWh is "
                f"{g.model_value / total:.0%} of what the listed capacity ({items_text}) makes "
                f"at the full-load hours of {profiles.province}'s profiles ({total:,.0f} MWh): "
                "probably a capacity ten times too large (a unit or digit slip), or the "
                "balance's electricity column in a smaller unit than its header says",
                file=cap_file, column="value", value=items_text,
                valid=f"generation of {MIN_RENEWABLE_SHARE:.0%} .. 100 % of that potential "
                f"(curtailment and capacity added during the year); or pass "
                "allow_implausible=True (CLI --allow-implausible) if the capacity is right"))
        for item, pot in potential.items():
            cat = types[item]["technology"]
            out = g.model_value * pot / total if total > 0 else 0.0
            code = cat
            _renewable(d, code, cat, types[item]["sector"], capacity, item, out,
                       f"{_source(bs_name, [g.line])}; split by capacity x full-load hours")
            used.add(item)
            d.mapped.append({"balance": f"{g.sector} generation (line {g.line}) + capacity "
                                 f"'{item}'", "technology": code, "catalogue": cat,
                                 "service": "electricity"})
    for item, m in types.items():
        if m["technology"] in STORAGE_HOURS:
            _storage(d, m["technology"], capacity, item)
            used.add(item)
    return used


def _same_technology(types: dict[str, pd.Series], capacity: pd.DataFrame, cap_file: str,
                     map_file: str, problems: list[Problem]) -> set[str]:
    """Refuse capacity types that the mapping builds as one technology (round 18 S14).

    ``pv`` and ``pv_utility`` (or ``wind`` and ``wind_onshore``) are two names of one
    technology: init wrote its residual capacity from one row and its activity twice, and
    ``carbonpath run`` then refused the written ``parameters.csv``. Whether the rows are one
    fleet named twice or two fleets to add is not said, so neither is guessed.

    A sub-type given beside its parent is the same kind (round 20, X80): ``pv`` (built as
    ``pv_utility``) with ``pv_rooftop``, or ``wind`` with ``wind_offshore`` (a type named
    ``<parent>_...`` of the same mapping sector) is a yearbook's total beside its "of which"
    row (其中 分布式光伏) as often as two fleets, and added up it counts the sub-type twice
    (PV 2,300 MW for 1,800) and re-splits the balance's generation. It is refused too, naming
    both rows and the two unambiguous ways to write them.

    Returns the later types of each such pair (the caller leaves them out after the problem).
    """
    by_tech: dict[str, list[str]] = {}
    for item, m in types.items():
        by_tech.setdefault(str(m["technology"]), []).append(item)
    later: set[str] = set()
    for tech, items in by_tech.items():
        if len(items) < 2:
            continue
        rows = "; ".join(_cap_row(capacity, cap_file, i) for i in items)
        last = capacity.loc[capacity["type"] == items[-1], "line"]
        problems.append(Problem(
            f"capacity types {', '.join(repr(i) for i in items)} are names of one technology "
            f"'{tech}' ({map_file}): {rows}; one fleet written twice or two to add up is not "
            "said", file=cap_file, row=int(last.iloc[0]) if len(last) else None,
            column="type", value=items[-1],
            valid=f"one row for {tech}, holding its whole capacity under one of the names"))
        later.update(items[1:])
    for parent, pm in types.items():
        for item, m in types.items():
            if (item in later or not item.startswith(f"{parent}_") or str(m["sector"])
                    != str(pm["sector"]) or m["technology"] == pm["technology"]):
                continue
            mw = {i: float(capacity.loc[capacity["type"] == i, "mw"].sum())
                  for i in (parent, item)}
            line = capacity.loc[capacity["type"] == item, "line"]
            problems.append(Problem(
                f"capacity type '{item}' is a sub-type of '{parent}', given beside it: "
                f"{_cap_row(capacity, cap_file, parent)} (built as '{pm['technology']}', "
                f"{map_file}); {_cap_row(capacity, cap_file, item)}; a yearbook's total with "
                f"its 'of which' (其中) row would count {item} twice "
                f"({mw[parent] + mw[item]:,.0f} MW for {mw[parent]:,.0f}), two fleets would "
                "not, and which is meant is not said", file=cap_file,
                row=int(line.iloc[0]) if len(line) else None, column="type", value=item,
                valid=f"'{pm['technology']}' {mw[parent] - mw[item]:,.0f} MW (the total less "
                      f"{item}) and '{item}' {mw[item]:,.0f} MW if '{parent}' is the total, or "
                      f"'{pm['technology']}' {mw[parent]:,.0f} MW for '{parent}' if it "
                      f"excludes {item}"))
            later.add(item)
    return later


def _types_with_profile(mapping, d, profiles) -> str:
    """The capacity types of ``mapping`` whose catalogue technology ``profiles`` can serve.

    A type qualifies when its technology needs no availability profile or needs one that
    ``profiles`` holds. Returns them comma-separated, for the valid list of a missing-profile
    error (round 23 F51: the profile names themselves, load shapes among them, are not types).
    """
    fits = []
    for item in mapping.items("capacity"):
        tech = mapping.item("capacity", item)["technology"]
        try:
            prof = d.catalogue.technology(tech)["availability_profile"]
        except Exception:  # a type whose technology the catalogue lacks is reported elsewhere
            continue
        if not prof or prof in profiles.names:
            fits.append(item)
    return ", ".join(fits) if fits else "none"


def _cap_row(capacity: pd.DataFrame, file: str, item: str) -> str:
    """``"'pv' 180 MW (c.csv row 4)"``: a capacity type, its MW and its row, for messages."""
    rows = capacity[capacity["type"] == item]
    line = f" ({file} row {rows['line'].iloc[0]})" if "line" in rows and len(rows) else ""
    return f"'{item}' {float(rows['mw'].sum()):,.0f} MW{line}"


def _renewable(d: Draft, code: str, cat: str, sector: str, capacity: pd.DataFrame,
               item: str, out: float, src: str) -> None:
    mw = float(capacity.loc[capacity["type"] == item, "mw"].sum())
    if code not in d.technologies:
        d.technology(code, cat, sector=sector, investable=True)
        d.flow(code, "electricity", "output", 1.0, "MWh/MWh", A + "definition")
        life = d.catalogue_scalar(cat, "lifetime", "yr")
        d.param(code, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({cat})")
        for par in ("capex", "fixed_om", "availability"):
            d.catalogue_param(code, cat, par)
        d.residual(code, mw, "MW", life, A + f"capacity input '{item}' retiring linearly over "
                   f"{life:g} years")
    d.observe(code, out, "MWh", src)


def _storage(d: Draft, cat: str, capacity: pd.DataFrame, item: str) -> None:
    mw = float(capacity.loc[capacity["type"] == item, "mw"].iloc[0])
    hours = STORAGE_HOURS[cat]
    d.technology(cat, cat, sector="utilities", investable=True)
    life = d.catalogue_scalar(cat, "lifetime", "yr")
    d.param(cat, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({cat})")
    for par in ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "charge_efficiency",
                "discharge_efficiency"):
        d.catalogue_param(cat, cat, par)
    src = A + f"capacity input '{item}' with {hours:g} h of storage, retiring linearly"
    d.residual(cat, mw, "MW", life, src)
    for p in [p for p in d.parameters if p["technology"] == cat
              and p["parameter"] == "residual_capacity"]:
        d.param(cat, "residual_energy_capacity", p["value"] * hours, "MWh", src, year=p["year"])
    d.assumed.append(f"storage '{item}': {hours:g} hours of energy per MW (the capacity input "
                     "gives power only)")


def add_trade(d: Draft, trade: pd.DataFrame, peak_mw: float, bs_name: str) -> None:
    """Electricity imports and exports (transfers), fixed in the base year.

    Exports are held at the base-year level in every model year (min = max), never a free
    lever; imports are priced by the catalogue and limited by an interconnection capacity.
    """
    imp = trade.loc[trade["use"] == "import", "model_value"].sum()
    exp = trade.loc[trade["use"] == "export", "model_value"].sum()
    lines = list(trade["line"])
    src = _source(bs_name, lines) if lines else A + "the balance shows no electricity trade"
    d.technology("grid_import", "grid_import", sector="transfers", investable=False)
    d.flow("grid_import", "electricity", "output", 1.0, "MWh/MWh", A + "definition")
    d.param("grid_import", "lifetime", 50, "yr", A + "interconnection")
    d.catalogue_param("grid_import", "grid_import", "variable_cost")
    cap = max(2.0 * peak_mw, 1.5 * imp / 8760)
    d.param("grid_import", "residual_capacity", cap, "MW", A + "interconnection capacity "
            "2 x the average load (never binding in the base year)")
    d.observe("grid_import", float(imp), "MWh", src)
    d.replace_first.append("the interconnection capacity (grid_import residual_capacity) and "
                           "the price of grid electricity")
    if exp > 0:
        d.technology("grid_export", "grid_export", sector="transfers", investable=False)
        d.flow("grid_export", "electricity", "input", 1.0, "MWh/MWh", A + "definition")
        d.param("grid_export", "lifetime", 50, "yr", A + "interconnection")
        d.param("grid_export", "residual_capacity", max(2.0 * exp / 8760, 1.0), "MW",
                A + "2 x the average export")
        d.observe("grid_export", float(exp), "MWh", src)
        held = A + ("exports held at the base-year level (min = max): replace with the "
                    "provincial dispatch plan")
        for year in (d.base_year, d.horizon):
            d.param("grid_export", "min_activity", float(exp), "MWh/yr", held, year=year)
            d.param("grid_export", "max_activity", float(exp), "MWh/yr", held, year=year)
        d.replace_first.append("electricity exports after the base year (held at the "
                               "base-year level)")


def add_supply(d: Draft, use: dict[str, float], units: dict[str, str], fuel_units: FuelUnits
               ) -> None:
    """One purchase technology per fuel, its base-year activity the modelled use."""
    for fuel, amount in sorted(use.items()):
        if fuel in ("electricity", "heat", "hydrogen"):
            continue
        unit = units[fuel]
        code = f"supply_{fuel}"
        cat = code if code in d.catalogue.technologies.index else "supply_generic"
        d.technology(code, cat, sector="utilities", capacity_unit=f"{unit}/yr",
                     activity_unit=unit, investable=False,
                     name=f"{fuel} purchased" if cat == "supply_generic" else "")
        d.flow(code, fuel, "output", 1.0, f"{unit}/{unit}", A + "definition")
        if cat == "supply_generic":
            try:
                gj = fuel_units.gj(fuel, unit, f"the price of {fuel}", ncv=False)
            except DataError:
                d.param(code, "variable_cost", 0.0, f"CNY/{unit}", A + f"no price: {fuel} has "
                        "no energy content in the factor tables (a non-energy product)")
                d.replace_first.append(f"the price of {fuel} (none given)")
            else:
                d.catalogue_param(code, cat, "variable_cost", unit="CNY/GJ", scale=gj,
                                  label=f"CNY/{unit}")
                d.assumed.append(f"price of {fuel}: the catalogue's generic price per GJ")
        else:
            d.catalogue_param(code, cat, "variable_cost", unit=f"CNY/{unit}")
        d.observe(code, amount, unit, "calibrated: the modelled base-year use of the balance")
