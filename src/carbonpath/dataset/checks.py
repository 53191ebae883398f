"""Checks across a dataset's tables: references, unit magnitudes, year coverage."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import regions as _regions
from carbonpath.dataset.dataset import Dataset
from carbonpath.dataset.profile_keys import (
    availability_problems,
    profile_key_problems,
    warn_blank_demand_profiles,
    warn_price_profiles,
)
from carbonpath.dataset.schema import DRIVER_DIMENSIONS
from carbonpath.dataset.series import expand_years, warn_horizon_interpolated
from carbonpath.dataset.tables import PARAMETERS, annual_balance, closest, is_blank, records
from carbonpath.errors import (
    Problem,
    UnitError,
)
from carbonpath.plausibility import CEILINGS, ceiling_problems
from carbonpath.units import parse_unit, unit_factor
from carbonpath.units.registry import volume_valid


def _template_unit(template: str, tech: Mapping[str, Any], commodities: pd.DataFrame) -> str:
    out = template.replace("{capacity}", f"({tech['capacity_unit']})")
    out = out.replace("{activity}", f"({tech['activity_unit']})")
    if "{energy}" in out:
        stored = tech.get("storage_commodity")
        unit = commodities.loc[stored, "unit"] if stored in commodities.index else "MWh"
        out = out.replace("{energy}", f"({unit})")
    return out


def _same_dimension(unit: str, expected: str) -> bool:
    """True if ``unit`` has the dimension of ``expected``.

    A unit that does not parse counts as matching here: reading the column already
    reported it, and one bad unit is one problem. So does an ``expected`` built from
    another row's unit that does not parse (G176: a commodity in ``万kWh``, refused in
    commodities.csv, must not make every flow, demand and cost row of it offer
    ``(万kWh) / yr`` as the valid unit).
    """
    expected = expected or "1"
    try:
        given = parse_unit(unit)
    except UnitError:
        return True
    try:
        wanted = parse_unit(expected)
    except UnitError:
        return True  # the unit it is built from is reported where it is written
    except KeyError:  # pint on a bare number (reported by the column)
        return False
    return given.dimensionality == wanted.dimensionality


#: What :func:`_check_magnitudes` bounds: (table, parameter or None, unit the value must
#: convert to, ceiling of :data:`carbonpath.plausibility.CEILINGS`, what in words).
_MAGNITUDES = (
    ("parameters", "capex", "CNY/kW", "power_capex", "capex per unit of power capacity"),
    ("parameters", "activity", "EJ/yr", "activity_energy", "observed activity (energy)"),
    ("demands", None, "EJ/yr", "activity_energy", "demand (energy)"),
)


def _check_magnitudes(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Values above a sound bound (:data:`carbonpath.plausibility.CEILINGS`).

    Bounded only where one exists: a capex per kW of power capacity above ten times the
    costliest power plants built, an energy activity or demand of one row above the world's
    primary energy consumption of a year. Rows of other units are not bounded.
    """
    problems: list[Problem] = []
    for table, parameter, unit, key, what in _MAGNITUDES:
        frame = tables[table]
        if parameter is not None:
            frame = frame[frame["parameter"] == parameter]
        ceiling = replace(CEILINGS[key], unit=unit)  # EJ (of a year) as EJ/yr
        for line, row in records(frame):
            if is_blank(row["value"]) or not _same_dimension(row["unit"], unit):
                continue
            try:
                value = float(row["value"]) * unit_factor(row["unit"], unit)
            except (UnitError, TypeError, ValueError):
                continue  # the unit or the number is reported by its own check
            if not np.isfinite(value):
                continue  # overflowed in the conversion: the model data's finite check names it
            problems += ceiling_problems([value], [line], ceiling, file=f"{table}.csv",
                                         column="value", what=what, given=[row["value"]])
    return problems


#: Sectors of variable renewables: a timeslice technology of one must name its hourly
#: availability (a capacity factor profile), else it would be available every hour (B147).
VARIABLE_SECTORS = ("solar_power", "wind_power")


def variable_renewable(row: Mapping[str, Any]) -> str:
    """What makes a technology row a variable renewable (solar, wind), or '' if nothing does.

    Its sector (``solar_power``, ``wind_power``), or, for a technology declared
    ``nonfossil``, a word of its code or name that is a code or alias of one of those
    sectors in ``carbonpath/data/sectors.csv`` (``pv``, ``solar``, ``wind``, 光伏, 风电 ...):
    a PV plant filed under ``utilities`` is still PV (round 18's R36). Storage is never one;
    nor is a technology not declared non-fossil outside those sectors (a toy model's flat
    "pv" plant in thermal_power keeps its meaning).
    """
    if row["kind"] == "storage":
        return ""
    if row["sector"] in VARIABLE_SECTORS:
        return f"sector {row['sector']}"
    if str(row.get("nonfossil")).strip().lower() not in ("true", "1", "yes"):
        return ""
    for column in ("technology", "name"):
        text = str(row.get(column) or "")
        for word in _words(text):
            if _sectors_by_word().get(word) in VARIABLE_SECTORS:
                return f"{column} '{text}' (reads as {_sectors_by_word()[word]})"
    return ""


def _words(text: str) -> list[str]:
    """Lower-case words of a code or name, and its runs of CJK characters' known aliases."""
    words = [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]
    words += [alias for alias in _sectors_by_word() if not alias.isascii() and alias in text]
    return words


@functools.lru_cache(maxsize=1)
def _sectors_by_word() -> dict[str, str]:
    """Single-word aliases of the variable renewable sectors -> the sector code."""
    from carbonpath.codes import sectors

    return {alias: code for alias, code in sectors().aliases.items()
            if code in VARIABLE_SECTORS and " " not in alias}


def _timeslice_flows(flows: pd.DataFrame, com_rows: Mapping[str, Mapping[str, Any]]
                     ) -> dict[str, set[str]]:
    """Technology -> the directions ('input', 'output') of its flows of timeslice commodities."""
    out: dict[str, set[str]] = {}
    for tech, com, direction in zip(flows["technology"], flows["commodity"],
                                    flows["direction"], strict=True):
        if com in com_rows and com_rows[com]["balance"] == "timeslice":
            out.setdefault(tech, set()).add(direction)
    return out


def _check_level_profiles(row: Mapping[str, Any], line: Any, profile_names: set[str],
                          timeslice_flows: dict[str, set[str]],
                          problems: list[Problem]) -> None:
    """Profiles a technology's level leaves unused, and variable renewables without theirs.

    An annual technology is not dispatched by the hour: an ``availability_profile`` on it
    would be ignored (R08: PV set to annual ran 8,760 hours), and a variable renewable
    making a timeslice commodity at the annual level would deliver by the load profile,
    at night too. A timeslice technology is dispatched hour by hour: a ``load_profile``
    (the shape of an annual technology's flows) would be ignored. A timeslice variable
    renewable needs its availability profile (B147), whatever its sector (R36).
    """
    file, code = "technologies.csv", row["technology"]
    vre = variable_renewable(row)
    if row["level"] != "timeslice":
        if row["availability_profile"]:
            problems.append(Problem(
                f"'{code}' is annual, so its availability_profile "
                f"'{row['availability_profile']}' would be ignored: an annual technology is "
                "not dispatched by the hour (its flows of timeslice commodities follow its "
                "load_profile, flat if blank)", file=file, row=line, column="level",
                value=row["level"], valid="timeslice (to follow the availability profile), "
                "or a blank availability_profile"))
        elif vre and "output" in timeslice_flows.get(code, set()):
            problems.append(Problem(
                f"'{code}' is a variable renewable ({vre}) at the annual level: its output "
                "of a timeslice commodity would follow its load_profile (flat if blank), "
                "at night and in calm hours too", file=file, row=line, column="level",
                value=row["level"], valid="timeslice, with an availability_profile"))
        return
    if row["level"] == "timeslice" and row.get("fixed_utilisation") is True:
        problems.append(Problem(  # G02/G08: decision years dispatch it freely all the same
            f"'{code}' is a timeslice technology, so fixed_utilisation would be ignored in "
            "the decision years: only an annual technology's activity is tied to its "
            "capacity by utilisation", file=file, row=line, column="fixed_utilisation",
            value=True, valid="false for a timeslice technology (bound its hours with "
            "min_full_load_hours = max_full_load_hours in parameters.csv), or level annual"))
    if row.get("load_profile"):
        problems.append(Problem(
            f"'{code}' is a timeslice technology, so its load_profile "
            f"'{row['load_profile']}' would be ignored: a load_profile shapes the flows of an "
            "annual technology; a timeslice one is dispatched hour by hour", file=file,
            row=line, column="load_profile", value=row["load_profile"],
            valid="blank, or level annual"))
    if vre and not row["availability_profile"]:
        # B147: a blank profile read as 1 ran PV all 8,760 hours at full output
        problems.append(Problem(
            f"a variable renewable ({vre}) needs an availability_profile: without one it "
            "would run every hour at full output", file=file, row=line,
            column="availability_profile", value="", valid=_profile_valid(profile_names)))


def _profile_valid(names: set[str]) -> str:
    """The valid values of a missing availability profile: the dataset's profiles, or how."""
    shown = ", ".join(sorted(names)[:8])
    return (f"a profile of profiles.csv ({shown})" if shown
            else "a profile added to profiles.csv (hourly availability, 0..1)")


def _used_profiles(techs: pd.DataFrame, demands: pd.DataFrame,
                   tables: dict[str, pd.DataFrame]) -> set[str]:
    """The profiles the technologies, links, demands and uncertainty rows name."""
    used: set[str] = set()
    for frame, columns in ((techs, ("availability_profile", "load_profile", "price_profile")),
                           (demands, ("profile",))):
        for column in columns:
            if column in frame:
                used |= {str(v) for v in frame[column] if not is_blank(v) and v}
    for name, frame in tables.items():  # e.g. uncertainty rows naming a profile
        if name not in ("profiles", "demands", "technologies") and "profile" in frame:
            used |= {str(v) for v in frame["profile"] if not is_blank(v) and v}
    return used


def _check_demand_profiles(demands: pd.DataFrame, com_rows: Mapping[str, Mapping[str, Any]],
                           problems: list[Problem]) -> None:
    """A demand of a timeslice commodity naming different profiles in different rows (R98).

    The hourly shape of a demand (one commodity in one region) is one profile for every
    year: the model cannot change it between years, so rows naming two profiles are
    refused, each row named with its profile.
    """
    if demands.empty:
        return
    named = demands[demands["profile"].map(lambda p: bool(p) and not is_blank(p))]
    if named.empty:
        return
    region = (named["region"].fillna("") if "region" in named
              else pd.Series("", index=named.index))
    for (com, where), group in named.groupby([named["commodity"], region], sort=False):
        if com not in com_rows or com_rows[com]["balance"] != "timeslice":
            continue
        names = list(dict.fromkeys(group["profile"]))
        if len(names) < 2:
            continue
        rows = ", ".join(f"{_place(line)} '{p}'" for line, p in group["profile"].items())
        first = group.index[group["profile"] != names[0]][0]
        text = str(first)
        file, row = (text.rpartition(":")[0], int(text.rpartition(":")[2])) if ".csv:" in text \
            else ("demands.csv", first)
        problems.append(Problem(
            f"the demand of {com}{f' in {where}' if where else ''} names "
            f"{len(names)} profiles ({rows}); its hourly shape is one profile for every year",
            file=file, row=row, column="profile", value=group.loc[first, "profile"],
            valid=f"the same profile in every row of the demand (e.g. '{names[0]}', as in "
                  f"{_place(group.index[0])})"))


def _place(line: Any) -> str:
    """``row 3`` of demands.csv, or ``scenarios/plan/demands.csv row 3`` of an override."""
    text = str(line)
    if ".csv:" in text:
        file, _, number = text.rpartition(":")
        return f"{file} row {number}"
    return f"row {text}"


def _check_references(tables: dict[str, pd.DataFrame], config: dict,
                      problems: list[Problem]) -> None:
    com = tables["commodities"]
    tech = tables["technologies"]
    for name, frame, key in (("commodities.csv", com, "commodity"),
                             ("technologies.csv", tech, "technology")):
        dup = frame[key][frame[key].duplicated(keep=False)]
        for line, code in dup.items():
            problems.append(Problem(f"duplicate {key} '{code}'", file=name, row=line, column=key))
    com_idx = com.drop_duplicates("commodity").set_index("commodity", drop=False)
    links = tables.get("links")
    known = tech if links is None else pd.concat([tech, _regions.link_rows(links)])
    tech_idx = known.drop_duplicates("technology").set_index("technology", drop=False)
    # rows by code as dicts: a label lookup (.loc) per row of the larger tables cost more
    # than the checks themselves (the same cells, as records() gives them)
    com_rows = dict(records(com_idx))
    tech_rows = dict(records(tech_idx))
    profiles = tables["profiles"]
    profile_names = set(profiles["profile"])
    days = [d["name"] for d in config["timeslices"]["days"]]
    hours = int(config["timeslices"].get("hours", 24))

    def ref(value: Any, valid: Any, file: str, line: int, column: str, what: str) -> bool:
        """Record a problem if ``value`` is not among ``valid``; return whether it is."""
        if value not in valid:
            problems.append(Problem(f"unknown {what} '{value}'", file=file, row=line,
                                    column=column, valid=closest(str(value), set(valid))))
            return False
        return True

    timeslice_flows = _timeslice_flows(tables["flows"], com_rows)
    for line, row in records(tech):
        cap, act = row["capacity_unit"], row["activity_unit"]
        if row["level"] == "timeslice":
            if not _same_dimension(cap, "MW"):
                problems.append(Problem("a timeslice technology's capacity must be a power",
                                        file="technologies.csv", row=line,
                                        column="capacity_unit", value=cap, valid="MW, GW, 万千瓦"))
            if not _same_dimension(act, "MWh"):
                problems.append(Problem("a timeslice technology's activity must be an energy",
                                        file="technologies.csv", row=line,
                                        column="activity_unit", value=act, valid="MWh, GWh"))
        if row["price_profile"] and row["level"] != "timeslice":
            problems.append(Problem("a price_profile needs a timeslice technology",
                                    file="technologies.csv", row=line, column="price_profile"))
        for column in ("availability_profile", "load_profile", "price_profile"):
            if row[column]:
                ref(row[column], profile_names, "technologies.csv", line, column, "profile")
        _check_level_profiles(row, line, profile_names, timeslice_flows, problems)
        if row["kind"] == "storage":
            if row["level"] != "timeslice":
                problems.append(Problem("storage must be a timeslice technology",
                                        file="technologies.csv", row=line, column="level"))
            if not row["storage_commodity"]:
                problems.append(Problem("storage needs the commodity it stores",
                                        file="technologies.csv", row=line,
                                        column="storage_commodity"))
            elif ref(row["storage_commodity"], com_idx.index, "technologies.csv", line,
                     "storage_commodity", "commodity"):
                stored = com_rows[row["storage_commodity"]]
                if stored["balance"] != "timeslice":  # D56: the commodity's row named
                    why, valid = annual_balance(com, row["storage_commodity"])
                    problems.append(Problem(f"storage must store a timeslice commodity: {why}",
                                            file="technologies.csv", row=line,
                                            column="storage_commodity",
                                            value=row["storage_commodity"], valid=valid))
                if not _same_dimension(stored["unit"], act):
                    problems.append(Problem("storage activity must be in the stored "
                                            "commodity's dimension", file="technologies.csv",
                                            row=line, column="activity_unit", value=act))
        elif row["storage_commodity"]:  # G13: read only for storage
            problems.append(Problem(
                f"'{row['technology']}' is a {row['kind']} technology, so its storage_commodity "
                f"'{row['storage_commodity']}' would be ignored: only storage stores a "
                "commodity (the commodities a technology makes are its flows.csv rows)",
                file="technologies.csv", row=line, column="storage_commodity",
                value=row["storage_commodity"],
                valid="blank, or kind storage if it is a store"))

    flows = tables["flows"]
    seen: set[tuple] = set()
    for line, row in records(flows):
        ok = ref(row["technology"], tech_idx.index, "flows.csv", line, "technology", "technology")
        ok &= ref(row["commodity"], com_idx.index, "flows.csv", line, "commodity", "commodity")
        key = (row["technology"], row["commodity"], row["direction"])
        if key in seen:
            problems.append(Problem("duplicate flow", file="flows.csv", row=line,
                                    column="commodity", value=row["commodity"]))
        seen.add(key)
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a flow ratio cannot be negative", file="flows.csv",
                                    row=line, column="value", value=row["value"],
                                    valid=">= 0 (use direction to say input or output)"))
        if ok:
            t = tech_rows[row["technology"]]
            expected = f"({com_rows[row['commodity']]['unit']}) / ({t['activity_unit']})"
            if not _same_dimension(row["unit"], expected):
                problems.append(Problem("flow unit must be commodity unit per activity unit",
                                        file="flows.csv", row=line, column="unit",
                                        value=row["unit"],
                                        valid=volume_valid(row["unit"], expected, expected)))
            if t["kind"] == "storage":
                problems.append(Problem("storage takes no flows (it charges from and "
                                        "discharges to its storage_commodity)",
                                        file="flows.csv", row=line, column="technology"))
    no_output = set(tech_idx.index[~tech_idx["kind"].isin(["storage", "export", "link"])]) - set(
        flows.loc[flows["direction"] == "output", "technology"])
    for code in sorted(no_output):
        problems.append(Problem(f"technology '{code}' has no output flow", file="flows.csv",
                                valid="one row with direction output"))

    params = tables["parameters"]
    dup = params.duplicated(["technology", "parameter", "year", "day"], keep=False)
    for line in params.index[dup]:
        problems.append(Problem("duplicate parameter row (same technology, parameter, year, "
                                "day)",
                                file="parameters.csv", row=line, column="parameter"))
    for line, row in records(params):
        if not ref(row["technology"], tech_idx.index, "parameters.csv", line, "technology",
                   "technology"):
            continue
        spec = PARAMETERS.get(row["parameter"])
        if spec is None:
            problems.append(Problem(f"unknown parameter '{row['parameter']}'",
                                    file="parameters.csv", row=line, column="parameter",
                                    valid=closest(row["parameter"], set(PARAMETERS))))
            continue
        if not is_blank(row["year"]) and not spec.per_year:
            problems.append(Problem(f"'{row['parameter']}' does not vary by year; leave year "
                                    "blank", file="parameters.csv", row=line, column="year"))
        expected = _template_unit(spec.dimension, tech_rows[row["technology"]], com_idx)
        if not _same_dimension(row["unit"], expected):
            problems.append(Problem(f"unit of '{row['parameter']}' has the wrong dimension",
                                    file="parameters.csv", row=line, column="unit",
                                    value=row["unit"], valid=volume_valid(
                                        row["unit"], expected, f"a unit like {expected}")
                                    + (" (20 %/yr: 20 with unit %/yr, or 0.2 with unit 1/yr)"
                                       if expected.replace(" ", "") == "1/yr" else "")))
        if not is_blank(row["value"]) and row["value"] < 0 and row["parameter"] != "variable_cost":
            problems.append(Problem(f"'{row['parameter']}' cannot be negative",
                                    file="parameters.csv", row=line, column="value",
                                    value=row["value"]))
    demands = tables["demands"]
    unused = profile_names - _used_profiles(known, demands, tables) - {""}
    for line, row in records(demands):
        if not ref(row["commodity"], com_idx.index, "demands.csv", line, "commodity",
                   "commodity"):
            continue
        expected = f"({com_rows[row['commodity']]['unit']}) / yr"
        if not _same_dimension(row["unit"], expected):
            problems.append(Problem("demand unit must be commodity unit per year",
                                    file="demands.csv", row=line, column="unit",
                                    value=row["unit"],
                                    valid=volume_valid(row["unit"], expected, expected)))
        if row["profile"]:
            ref(row["profile"], profile_names, "demands.csv", line, "profile", "profile")
        elif unused and com_rows[row["commodity"]]["balance"] == "timeslice":
            # D128: a blank profile made the load flat, silently, beside a load profile that
            # nothing used; a blank one where every profile is used stays a flat load
            problems.append(Problem(
                f"a demand of '{row['commodity']}' (balanced by timeslice) names no profile, "
                "so its load would be flat, the same every hour, while profiles.csv has "
                f"{', '.join(repr(n) for n in sorted(unused))} that nothing uses",
                file="demands.csv", row=line, column="profile", value="",
                valid=f"a profile of profiles.csv ({', '.join(sorted(unused))})"))
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a demand cannot be negative", file="demands.csv", row=line,
                                    column="value", value=row["value"]))
    dup = demands.duplicated(["commodity", "region", "year"], keep=False)
    for line in demands.index[dup]:
        problems.append(Problem("duplicate demand row (same commodity, region and year)",
                                file="demands.csv", row=line, column="year",
                                valid="one row per commodity, region and year: the total "
                                "demand, the other row deleted"))
    _check_demand_profiles(demands, com_rows, problems)
    warn_blank_demand_profiles(demands, {c for c, r in com_rows.items()
                                         if r["balance"] == "timeslice"})
    given = sorted({int(h) for h in profiles["hour"] if not is_blank(h)})
    per_day = len(given)
    if given and given == list(range(per_day)) and per_day != hours:  # one cause, told once
        problems.append(Problem(
            f"timeslices.hours is {hours} but profiles.csv gives {per_day} hours per day "
            f"(0 .. {per_day - 1})", file="dataset.yaml", key="timeslices.hours", value=hours,
            valid=f"{per_day} (the profiles' hours), or profiles with hours 0 .. {hours - 1}"))
        hours = per_day  # the profiles' other checks run on their own hours
    for line, row in records(profiles):
        ref(row["day"], days, "profiles.csv", line, "day", "representative day")
        if not is_blank(row["hour"]) and not 0 <= row["hour"] < hours:
            problems.append(Problem(f"hour {row['hour']} is outside the day", file="profiles.csv",
                                    row=line, column="hour", valid=f"0 .. {hours - 1}"))
        if not _same_dimension(row["unit"], ""):
            problems.append(Problem("profile values are dimensionless", file="profiles.csv",
                                    row=line, column="unit", value=row["unit"], valid="1"))
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a profile value cannot be negative", file="profiles.csv",
                                    row=line, column="value", value=row["value"]))
    problems.extend(profile_key_problems(profiles, days, hours))
    weights = {d["name"]: float(d["weight"]) for d in config["timeslices"]["days"]
               if isinstance(d, dict) and "name" in d and "weight" in d}
    warn_price_profiles(tables["technologies"], profiles, weights)  # P99: prices for ratios
    problems.extend(availability_problems(tables, weights, hours))  # MA34, MA106
    drivers = tables["drivers"]
    for line, row in records(drivers):
        expected = DRIVER_DIMENSIONS.get(row["driver"], "")
        if row["driver"] in DRIVER_DIMENSIONS and not _same_dimension(row["unit"], expected):
            problems.append(Problem(f"unit of driver '{row['driver']}' has the wrong dimension",
                                    file="drivers.csv", row=line, column="unit",
                                    value=row["unit"], valid=f"a unit like {expected or '1'}"))
        if row["driver"] in ("gdp", "population") and not is_blank(row["value"]) and (
                row["value"] <= 0):  # intensities divide by them
            problems.append(Problem(f"'{row['driver']}' must be above zero (intensities per "
                                    "unit of it divide by it)", file="drivers.csv", row=line,
                                    column="value", value=row["value"], valid="a number > 0"))
    dup = drivers.duplicated(["driver", "region", "year"], keep=False)
    for line in drivers.index[dup]:
        problems.append(Problem("duplicate driver row (same driver, region and year)",
                                file="drivers.csv", row=line, column="year",
                                valid="one value per driver, region and year (gdp at one "
                                "constant-price basis), the other row deleted"))
    emissions = tables.get("emissions")
    if emissions is not None:
        for line, row in records(emissions):
            if not ref(row["technology"], tech_idx.index, "emissions.csv", line, "technology",
                       "technology"):
                continue
            t = tech_rows[row["technology"]]
            if row["basis"] == "input":
                if not row["commodity"]:
                    problems.append(Problem("basis 'input' needs the input commodity",
                                            file="emissions.csv", row=line, column="commodity"))
                    continue
                if not ref(row["commodity"], com_idx.index, "emissions.csv", line, "commodity",
                           "commodity"):
                    continue
                per = com_rows[row["commodity"]]["unit"]
            else:
                per = t["activity_unit"]
            expected = f"t {row['gas']} / ({per})"
            if not _same_dimension(row["unit"], expected):
                problems.append(Problem("emission factor unit has the wrong dimension",
                                        file="emissions.csv", row=line, column="unit",
                                        value=row["unit"], valid=f"a unit like {expected}"))


def _covered(params: pd.DataFrame, years: list[int]) -> pd.Series:
    """Rows of interpolated parameters whose series surely covers the model years.

    Per (technology, parameter, day): one row without a year, or rows that all have a year
    with the first at or before the first model year and the last at or after the last.
    :func:`~carbonpath.dataset.series.expand_years` finds no problem in those (it is called
    only for the other series, which gives the same problems in the same order, at a fraction
    of the cost: one group-by instead of one interpolation per series).
    """
    if params.empty:
        return pd.Series(False, index=params.index)
    mode = params["parameter"].map(lambda name: PARAMETERS[name].by_year)
    year = pd.to_numeric(params["year"], errors="coerce")
    frame = pd.DataFrame({"key": list(zip(params["technology"], params["parameter"],
                                          params["day"].fillna(""), strict=True)),
                          "blank": year.isna().to_numpy(), "year": year.to_numpy()},
                         index=params.index)
    by = frame.groupby("key", sort=False)
    n = by["blank"].transform("size")
    blank = by["blank"].transform("sum")
    low, high = by["year"].transform("min"), by["year"].transform("max")
    whole = ((n == 1) & (blank == 1)) | ((blank == 0) & (low <= years[0]) & (high >= years[-1]))
    return whole & (mode == "interpolate")


def _check_coverage(dataset: Dataset, problems: list[Problem]) -> None:
    """Every year-indexed series must cover base year .. horizon (no silent extension)."""
    years = dataset.years
    params = dataset.tables["parameters"]
    params = params[params["value"].notna() & params["parameter"].isin(PARAMETERS)]
    params = params[~_covered(params, years)]  # what surely passes is not looked at again
    for (tech, name), group in params.groupby(["technology", "parameter"], sort=False):
        mode = PARAMETERS[name].by_year
        if mode == "interpolate":
            for _, by_day in group.groupby(group["day"].fillna(""), sort=False):
                expand_years(by_day, years, "parameters.csv", f"{tech} {name}", problems)
        elif mode == "observed":
            last = dataset.first_decision_year - 1
            for line, year in group["year"].items():
                if year is None or year > last:
                    problems.append(Problem(
                        f"{tech} {name}: observed activity is given for the observed years "
                        f"(the base year {dataset.base_year} up to the year before the first "
                        f"decision year {dataset.first_decision_year})", file="parameters.csv",
                        row=line, column="year", value=year,
                        valid="no row: the first model year is a decision year" if last <
                        dataset.base_year else f"{dataset.base_year} .. {last}"))
        elif mode == "range":  # a bound holds between its first and last given year
            dated = group["year"].dropna()
            if len(dated) and (dated.max() < years[0] or dated.min() > years[-1]):
                line = dated.idxmax() if dated.max() < years[0] else dated.idxmin()
                problems.append(Problem(
                    f"{tech} {name}: given for {int(dated.min())}..{int(dated.max())}, which "
                    f"covers no model year ({years[0]}..{years[-1]}), so the bound would "
                    "have no effect", file="parameters.csv", row=line, column="year",
                    value=group.loc[line, "year"],
                    valid=f"a year in {years[0]}..{years[-1]}, or blank for every year"))
    reserves = dataset.tables.get("reserves")
    if reserves is not None:
        chosen = reserves[reserves["value"].notna() & (reserves["parameter"] != "storage_hours")]
        for (com, name), group in chosen.groupby(["commodity", "parameter"], sort=False):
            expand_years(group, years, "reserves.csv", f"{name} of {com}", problems)
    demands = dataset.tables["demands"]
    for (com, region), group in demands[demands["value"].notna()].groupby(
            ["commodity", "region"], sort=False, dropna=False):
        where = f" in {region}" if isinstance(region, str) and region else ""
        expand_years(group, years, "demands.csv", f"demand of {com}{where}", problems)
        # Y06; not drivers: a grid factor published for 2030 and 2035 is interpolated by right
        warn_horizon_interpolated(group, years, "demands.csv", f"the demand of {com}{where}")
    drivers = dataset.tables["drivers"]
    for (drv, region), group in drivers[drivers["value"].notna()].groupby(
            ["driver", "region"], sort=False, dropna=False):
        where = f" of {region}" if isinstance(region, str) and region else ""
        expand_years(group, years, "drivers.csv", f"driver {drv}{where}", problems)
