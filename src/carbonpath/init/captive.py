"""A captive region written by ``carbonpath init``: 自备电厂 and the industries they serve.

China's energy balance counts captive plants (自备电厂) inside thermal power (火力发电) and
their industries' use inside final consumption: nothing in the sheet says which part is
captive. The planner says it in the optional ``captive`` input (CSV, or the workbook's
``captive`` sheet), columns ``part, code, value, unit, source``:

``capacity``, a capacity type (``coal``, ``gas`` ...), its captive capacity (power unit)
    Part of the capacity input's total of that type.
``generation``, a capacity type, its captive generation (energy unit), optional
    Else the captive share of the type's generation is its share of the capacity.
``serves``, a sector code of the balance's final consumption (``industry``,
    ``non_ferrous_metals`` ...): the industries on the captive network, with their
    sub-sectors except ``utilities`` (:data:`SUPPLY_SECTORS`); value and unit blank.
``tie``, blank code, the rating of the captive network's tie to the public grid (power unit).
``heat_capacity`` and ``heat_output``, a heat type (``heat_coal_boiler``, ``coal_chp`` ...)
    Captive heat plants: the parks' own boilers and CHP units' heat side
    (:mod:`.captive_heat`). Optional; a captive input may state heat plants only.

:func:`apply_captive` then makes the dataset two regions, ``[city, captive]``:

* every thermal plant of a captive type is split into the city's part and a
  ``captive_<plant>`` in the captive region, by the captive share (its base-year activity
  and residual capacity; its efficiency, the balance's, unchanged); every heat plant of a
  captive heat type likewise, by its captive heat share (:func:`.captive_heat.heat_shares`);
* the served sectors' devices and options, the routes that use their services, the
  products those routes make and the sectors' service demands move to the captive region;
* a ``links.csv`` tie of electricity (bidirectional, the planner's rating, investable at an
  assumed cost, not counted as trade: each region's emissions are its own plants'), and an
  unlimited link for every other commodity used in both regions (fuels bought by the city,
  heat of the city's heat plants, hydrogen);
* ``activity.csv`` and ``production.csv`` rows with ``model_region``: the thermal power
  and heat supply rows split by the same shares, the served sectors' rows and their
  products' rows in ``captive``. The model's base year then equals the inventory by
  region and in total.

Non-energy use stays in the city region (it emits nothing, and its demand is one per fuel).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, Problem
from carbonpath.init.captive_checks import (
    MIN_HEAT_HOURS,
    CaptiveHoursWarning,
    CaptiveSizeWarning,
    beyond_a_year,
    warn_heat_hours,
    warn_hours,
    warn_size,
    warn_tie,
)
from carbonpath.init.captive_heat import HEAT_PARTS, apart, heat_shares, resized_notices
from carbonpath.init.draft import A, Draft

__all__ = ["CAPTIVE", "CITY", "MIN_HEAT_HOURS", "TIE", "Captive", "CaptiveHoursWarning",
           "CaptiveSizeWarning", "apply_captive",
           "read_captive", "regional_activity", "regional_production"]

CITY, CAPTIVE = "city", "captive"
#: The electricity link's code.
TIE = "captive_tie"
#: Capital cost of expanding the tie (CNY/kW; assumption: a 220 kV substation and a short
#: line, ~0.3-0.5 million CNY/MW in Chinese grid cost norms).
TIE_CAPEX = 400.0
PARTS = ("capacity", "generation", *HEAT_PARTS, "serves", "tie")
#: Sectors of the supply side: never moved to the captive region, even where sectors.csv
#: puts them under a served sector (``utilities`` is part of ``industry`` in China's
#: statistics; its devices and the city's fuel supply, storage and electrolysers stay).
SUPPLY_SECTORS = ("thermal_power", "heat_supply", "utilities", "transfers",
                  "industrial_processes", "nonfossil_power", "solar_power", "wind_power",
                  "hydro_power")
_SPLIT = ("residual_capacity", "activity")


@dataclass
class Captive:
    """The planner's captive input, read (:func:`read_captive`)."""

    file: str
    capacity: dict[str, tuple[float, int, str]] = field(default_factory=dict)  # MW
    generation: dict[str, tuple[float, int, str]] = field(default_factory=dict)  # MWh
    heat_capacity: dict[str, tuple[float, int, str]] = field(default_factory=dict)  # MW
    heat_output: dict[str, tuple[float, int, str]] = field(default_factory=dict)  # GJ
    heat_types: list[str] = field(default_factory=list)  # the valid heat types
    serves: dict[str, tuple[int, str]] = field(default_factory=dict)
    tie: tuple[float, int, str] = (0.0, 0, "")
    # filled by apply_captive: fuel -> captive share; the generation share; products
    shares: dict[str, float] = field(default_factory=dict)
    generation_share: float = 0.0
    heat_shares: dict[str, float] = field(default_factory=dict)  # heat supply fuel -> share
    heat_output_share: float = 0.0
    products: set[str] = field(default_factory=set)
    links: list[dict] = field(default_factory=list)


def read_captive(source: str | Path | pd.DataFrame | None, types: list[str],
                 name: str | None = None, first_line: int = 2,
                 heat_types: list[str] | None = None) -> Captive | None:
    """Read the captive input (module docstring) -> :class:`Captive`, or None if not given.

    Parameters
    ----------
    source : file, DataFrame or None
        CSV (UTF-8 or GBK) or a DataFrame with columns ``part, code, value, unit, source``.
    types : list of str
        The capacity types of fuel-burning power (the mapping table's ``power`` items).
    name : str, optional
        The input's name in messages (the workbook passes its sheet).
    heat_types : list of str, optional
        The heat types of ``heat_capacity`` and ``heat_output`` rows
        (:func:`carbonpath.init.captive_heat.heat_types` of the catalogue); none if omitted.

    Raises
    ------
    DataError
        An unknown part, capacity type or heat type (a heat type the catalogue lacks), a
        value that is not a positive power (energy for ``generation`` and ``heat_output``),
        a type given twice, ``generation`` without ``capacity`` or ``heat_output`` without
        ``heat_capacity``, neither capacity nor heat capacity, no ``serves`` row, not
        exactly one ``tie`` row, a missing source, generation or heat output above its
        capacity x 8,760 h (file, row, column, the bad value and what is valid).

    Warns
    -----
    CaptiveHoursWarning
        A type's generation below its capacity x the capacity input's least full-load hours,
        or a heat type's heat output below its heat capacity x :data:`MIN_HEAT_HOURS`
        (a unit slip such as 万千瓦时 for 亿千瓦时, 百万千焦 for 万百万千焦; the row is kept).
    CaptiveSizeWarning
        A captive capacity or heat capacity under 1 MW (a kW typed for MW or 万千瓦).
    """
    from carbonpath.init.inputs import _number, _sources, _twice, _unit, read_table

    if source is None:
        return None
    frame, label = read_table(source, "captive", name, first_line)
    problems: list[Problem] = []
    value = _number(frame, "value", label, problems)
    out = Captive(file=label, heat_types=list(heat_types or []))
    ties = []
    for line in frame.index:
        part, code, src = (frame.loc[line, c] for c in ("part", "code", "source"))
        if part not in PARTS:
            problems.append(Problem("unknown part", file=label, row=line, column="part",
                                    value=part, valid=", ".join(PARTS)))
            continue
        if part == "serves":
            for column in ("value", "unit"):
                given = frame.loc[line, column]
                if given is not None and not pd.isna(given) and str(given).strip():
                    problems.append(Problem(
                        f"a 'serves' row takes no {column} (it names a sector whose use "
                        "moves to the captive region with all its consumption)", file=label,
                        row=line, column=column, value=given,
                        valid=f"a blank {column}: 'serves,<sector>,,,<source>'"))
            if not code:
                problems.append(Problem("a 'serves' row names a sector", file=label, row=line,
                                        column="code", valid="a sector code of the balance's "
                                        "final consumption, e.g. industry"))
            elif code in out.serves:
                problems.append(Problem(f"sector listed twice (row {out.serves[code][0]} "
                                        "serves it too)", file=label, row=line,
                                        column="code", value=code,
                                        valid="one 'serves' row per sector"))
            else:
                out.serves[code] = (line, src)
            continue
        if part == "tie" and code is not None and not pd.isna(code) and str(code).strip():
            problems.append(Problem(
                "the 'tie' row takes no code (the captive network has one tie to the public "
                "grid)", file=label, row=line, column="code", value=code,
                valid="a blank code: 'tie,,<rating>,<power unit>,<source>'"))
            continue
        if part in ("capacity", "generation") and code not in types:
            problems.append(Problem(f"unknown capacity type of captive {part}", file=label,
                                    row=line, column="code", value=code,
                                    valid=", ".join(types)))
            continue
        if part in HEAT_PARTS and code not in out.heat_types:
            problems.append(Problem(f"a heat type the catalogue lacks ({part})", file=label,
                                    row=line, column="code", value=code,
                                    valid=", ".join(out.heat_types) or "none"))
            continue
        v = value[line]
        if pd.isna(v) and str(frame.loc[line, "value"]).strip():
            continue  # '500 MW': reported as not a number, not also as not positive (W03)
        if pd.isna(v) or v <= 0:
            problems.append(Problem(f"captive {part} needs a positive value", file=label,
                                    row=line, column="value", value=frame.loc[line, "value"],
                                    valid="> 0"))
            continue
        f = _unit(frame, line, {"generation": "MWh", "heat_output": "GJ"}.get(part, "MW"),
                  label, problems)
        if f is None:
            continue
        if part == "tie":
            ties.append((float(v) * f, line, src))
            continue
        table = {"capacity": out.capacity, "generation": out.generation,
                 "heat_capacity": out.heat_capacity, "heat_output": out.heat_output}[part]
        if code in table:
            problems.append(_twice(frame, table[code][1], line, f"captive {part} of '{code}'",
                                   label, "code", code))
            continue
        table[code] = (float(v) * f, line, src)
    for code, (_v, line, _s) in out.generation.items():
        if code not in out.capacity:
            problems.append(Problem(f"captive generation of '{code}' without its captive "
                                    "capacity", file=label, row=line, column="code",
                                    value=code, valid="a 'capacity' row of the same type"))
    for code, (_v, line, _s) in out.heat_output.items():
        if code not in out.heat_capacity:
            problems.append(Problem(f"captive heat output of '{code}' without its captive "
                                    "heat capacity", file=label, row=line, column="code",
                                    value=code, valid="a 'heat_capacity' row of the same type"))
    if not out.capacity and not out.heat_capacity and not problems:
        problems.append(Problem("no captive capacity", file=label, column="part",
                                valid="a row 'capacity,<type>,<value>,<power unit>,<source>' "
                                "or 'heat_capacity,<heat type>,<value>,<power unit>,<source>'"))
    if not out.serves and not problems:
        problems.append(Problem("no sector served by the captive plants", file=label,
                                column="part", valid="a row 'serves,<sector>,,,<source>'"))
    if len(ties) != 1 and not problems:
        problems.append(Problem(f"{len(ties)} tie rows: the captive network has one tie to "
                                "the public grid", file=label, column="part",
                                valid="exactly one row 'tie,,<rating>,<power unit>,<source>'"))
    _sources(frame, label, problems)
    if not problems:
        problems.extend(beyond_a_year(out, frame, label))
    DataError.collect(problems, label)
    out.tie = ties[0]
    warn_hours(out, frame, label)
    warn_heat_hours(out, frame, label)
    warn_size(out, frame, label)
    return out


def _below(sector: str, served: set[str]) -> bool:
    """Whether ``sector`` is one of ``served`` or below one (sectors.csv parents).

    A sector of :data:`SUPPLY_SECTORS` never is.
    """
    from carbonpath.codes import sectors

    if sector in SUPPLY_SECTORS:
        return False
    codes = sectors()
    seen = set()
    while sector and sector not in seen:
        if sector in served:
            return True
        seen.add(sector)
        sector = codes.attr(sector, "parent") if sector in codes.codes else ""
    return False


def apply_captive(d: Draft, cap: Captive, capacity: pd.DataFrame, mapping: Any) -> None:
    """Make ``d`` two regions, ``[city, captive]`` (module docstring); fills ``cap``.

    Parameters
    ----------
    d : Draft
        The calibrated one-region dataset (:func:`carbonpath.init.build.build_draft`).
    cap : Captive
        The planner's captive input.
    capacity : pandas.DataFrame
        The capacity input (:func:`carbonpath.init.inputs.read_capacity`).
    mapping : Mapping
        The mapping table (capacity type of each thermal plant's fuel).

    Raises
    ------
    DataError
        A served sector without final consumption in the balance, a captive type the balance
        burns no fuel of in thermal power, captive capacity above the type's total or captive
        generation above the type's, captive heat the balance's heat supply cannot give
        (:func:`.captive_heat.heat_shares`), captive heat while no served sector consumes
        heat, a tie rated below the base year's average exchange (file, row, column, and
        what is valid).

    Warns
    -----
    CaptiveSizeWarning
        A tie above :data:`.captive_checks.TIE_RATIO` x the capacity input's total (B152).
    """
    problems: list[Problem] = []
    file = cap.file
    sectors = {t["sector"] for t in d.technologies.values()} - set(SUPPLY_SECTORS)
    for sector, (line, _src) in cap.serves.items():
        if not any(_below(s, {sector}) for s in sectors):
            problems.append(Problem(f"the balance has no final consumption in sector "
                                    f"'{sector}'", file=file, row=line, column="code",
                                    value=sector, valid=", ".join(sorted(sectors))))
    plants: dict[str, list[str]] = {}
    for code, t in d.technologies.items():
        if code.startswith("thermal_") and t["investable"] == "false":
            m = mapping.lookup("power", "thermal_power", code[len("thermal_"):])
            if m is not None:
                plants.setdefault(str(m["item"]), []).append(code)
    cap_file = capacity.attrs.get("file", "capacity")
    for item, (mw, line, src) in cap.capacity.items():
        codes = plants.get(item, [])
        if not codes:
            problems.append(Problem(f"captive '{item}' capacity, but thermal power burns no "
                                    f"fuel of type '{item}' in the balance", file=file,
                                    row=line, column="code", value=item,
                                    valid=", ".join(sorted(plants)) or "none"))
            continue
        total = float(capacity.loc[capacity["type"] == item, "mw"].sum())
        if mw > total * (1 + 1e-9):
            a, b = apart(mw, total)
            problems.append(Problem(f"captive '{item}' capacity {a} MW exceeds the "
                                    f"city's {b} MW of {cap_file}", file=file,
                                    row=line, column="value", valid=f"<= {b} MW "
                                    "(the capacity input counts captive units too)"))
            continue
        out = sum(d.observed.get(c, 0.0) for c in codes)
        if item in cap.generation:
            gen, gline, gsrc = cap.generation[item]
            share, why = gen / out, f"its generation ({file} line {gline}: {gsrc})"
            if share > 1 + 1e-9:
                a, b = apart(gen, out)
                problems.append(Problem(f"captive '{item}' generation {a} MWh exceeds "
                                        f"the balance's {b} MWh of that type",
                                        file=file, row=gline, column="value",
                                        valid=f"<= {b} MWh"))
                continue
        else:
            share, why = mw / total, f"its capacity ({file} line {line})"
        for code in codes:
            _split_plant(d, cap, code, min(share, 1.0), f"captive share {share:.6g} of "
                         f"'{item}' by {why}; captive capacity: {src}")
    if cap.heat_capacity:
        _served_heat(d, cap, problems)
        for code, share, why in heat_shares(d, cap, problems):
            _split_plant(d, cap, code, share, why)
    DataError.collect(problems, file)
    d.notices.extend(resized_notices(d, cap, plants))  # C07: stated capacity resized
    _move(d, cap)
    _links(d, cap)
    _check_tie(d, cap, problems)
    DataError.collect(problems, file)
    warn_tie(cap, capacity)
    d.read.append(f"captive input `{file}`: {len(cap.capacity)} captive type(s), "
                  f"{len(cap.heat_capacity)} captive heat type(s), sectors "
                  f"{', '.join(cap.serves)} on the captive network, tie "
                  f"{cap.tie[0]:,.0f} MW")
    d.assumed.append("captive region: the captive units have the efficiency of the city's "
                     "units of their fuel (the balance gives one per fuel), captive heat "
                     "plants those of the city's heat plants of their fuel; captive heat "
                     "capacity is compared with heat plants sized at 1.2 x their base-year "
                     "output; the served sectors' "
                     "non-energy use stays in the city region; the tie may be expanded at "
                     f"{TIE_CAPEX:,.0f} CNY/kW")
    d.replace_first.append("the captive network: its tie rating and cost, and which "
                           "industries it serves (the captive input)")


def _served_heat(d: Draft, cap: Captive, problems: list[Problem]) -> None:
    """Captive heat needs a served sector that consumes heat (a device with a heat input)."""
    heat_in = {f["technology"] for f in d.flows
               if f["commodity"] == "heat" and f["direction"] == "input"}
    served = set(cap.serves)
    if any(_below(t["sector"], served) for c, t in d.technologies.items() if c in heat_in):
        return
    users = sorted({t["sector"] for c, t in d.technologies.items()
                    if c in heat_in and t["sector"] not in SUPPLY_SECTORS})
    for sector, (line, _src) in cap.serves.items():
        problems.append(Problem(
            f"captive heat plants are given, but the served sector '{sector}' consumes no heat "
            "in the balance (nor does any other served sector)", file=cap.file, row=line,
            column="code", value=sector, valid="a sector consuming heat: "
            + (", ".join(users) or "none (the balance's final consumption has no heat)")))


def _split_plant(d: Draft, cap: Captive, code: str, share: float, why: str) -> None:
    """``captive_<code>``: the plant's captive part (activity and residual capacity x share).

    ``code`` is a thermal plant (``thermal_<fuel>``) or a heat plant (``heatplant_<fuel>``).
    """
    heat = code.startswith("heatplant_")
    fuel = code.split("_", 1)[1]
    (cap.heat_shares if heat else cap.shares)[fuel] = share
    new = f"captive_{code}"
    row = dict(d.technologies[code])
    row.update(technology=new, name=f"Captive {row['name']}", region=CAPTIVE,
               source=f"{row['source']}; {why}")
    d.technologies[new] = row
    d.flows.extend([{**f, "technology": new} for f in d.flows if f["technology"] == code])
    for p in [p for p in d.parameters if p["technology"] == code]:
        q = dict(p, technology=new)
        if p["parameter"] in _SPLIT:
            q["value"] = float(p["value"]) * share
            q["source"] = f"{p['source']}; x {share:.6g} ({why})"
            p["value"] = float(p["value"]) * (1 - share)
            p["source"] = f"{p['source']}; x (1 - {share:.6g}): the captive part is {new}"
        d.parameters.append(q)
    d.ranges.extend([dict(r, technology=new) for r in d.ranges if r["technology"] == code])
    obs = d.observed.get(code, 0.0)
    d.observed[new] = obs * share
    d.observed[code] = obs * (1 - share)
    d.mapped.append({"balance": f"{'heat_supply' if heat else 'thermal_power'} / {fuel}: "
                     f"captive share {share:.6g}", "technology": new,
                     "catalogue": row["_catalogue"],
                     "service": "heat" if heat else "electricity"})


def _move(d: Draft, cap: Captive) -> None:
    """Served sectors' technologies, the routes using their services, products, demands."""
    served = set(cap.serves)
    outputs: dict[str, set[str]] = {}
    inputs: dict[str, set[str]] = {}
    for f in d.flows:
        (outputs if f["direction"] == "output" else inputs).setdefault(
            f["technology"], set()).add(f["commodity"])
    moved = {c for c, t in d.technologies.items() if _below(t["sector"], served)}
    services = {com for c in moved for com in outputs.get(c, ())
                if d.commodities.get(com, {}).get("kind") == "service"}
    moved |= {c for c in d.technologies
              if (inputs.get(c, set()) | outputs.get(c, set())) & services}
    products = {com for c in moved for com in outputs.get(c, ())
                if d.commodities.get(com, {}).get("kind") == "material"}
    moved |= {c for c in d.technologies if outputs.get(c, set()) & products}
    for c in moved:
        d.technologies[c]["region"] = CAPTIVE
    for r in d.demands:
        if r["commodity"] in services | products:
            r["region"] = CAPTIVE
    cap.products = products


def _links(d: Draft, cap: Captive) -> None:
    """The tie and an unlimited link for every other commodity used in both regions."""
    where: dict[str, set[str]] = {}
    for f in d.flows:
        where.setdefault(f["commodity"], set()).add(
            d.technologies[f["technology"]].get("region") or CITY)
    for t in d.technologies.values():
        if t.get("storage_commodity"):
            where.setdefault(t["storage_commodity"], set()).add(t.get("region") or CITY)
    for r in d.demands:
        where.setdefault(r["commodity"], set()).add(r.get("region") or CITY)
    mw, line, src = cap.tie
    cap.links.append({"link": TIE, "name": "Captive network tie to the public grid "
                      "(自备电厂并网联络线)", "commodity": "electricity",
                      "from_region": CAPTIVE, "to_region": CITY, "bidirectional": "true",
                      "loss": 0.0, "capacity_unit": "MW", "activity_unit": "MWh",
                      "investable": "true", "counted": "false",
                      "source": f"{src} ({cap.file} line {line}); not counted as trade: each "
                      "region's emissions are its own plants'"})
    d.param(TIE, "lifetime", 40, "yr", A + "substations and lines")
    d.param(TIE, "residual_capacity", mw, "MW", f"{src} ({cap.file} line {line})")
    d.param(TIE, "capex", TIE_CAPEX, "CNY/kW", A + "expanding the tie: a 220 kV substation "
            "and a short line (~0.3-0.5 million CNY/MW); replace with the grid company's cost")
    for com in sorted(where):
        if com == "electricity" or where[com] != {CITY, CAPTIVE}:
            continue
        info = d.commodities[com]
        timeslice = info["balance"] == "timeslice"
        cap.links.append({"link": f"captive_{com}", "name": f"{com} between the city and the "
                          "captive network", "commodity": com, "from_region": CITY,
                          "to_region": CAPTIVE, "bidirectional": "true", "loss": 0.0,
                          "capacity_unit": "MW" if timeslice else f"({info['unit']})/yr",
                          "activity_unit": "MWh" if timeslice else info["unit"],
                          "investable": "false", "counted": "false",
                          "source": A + f"{com} moves freely between the city and the captive "
                          "network (bought or made in the city; no loss, no limit)"})


def _check_tie(d: Draft, cap: Captive, problems: list[Problem]) -> None:
    """The tie must carry the base year's average exchange of the captive region."""
    net = 0.0
    for f in d.flows:
        t = d.technologies[f["technology"]]
        if f["commodity"] != "electricity" or (t.get("region") or CITY) != CAPTIVE:
            continue
        sign = 1.0 if f["direction"] == "output" else -1.0
        net += sign * float(f["value"]) * d.observed.get(f["technology"], 0.0)
    made = sum(v for c, v in d.observed.items() if c.startswith("captive_thermal_"))
    total = sum(d.observed.get(c, 0.0) for c, t in d.technologies.items()
                if t["sector"] == "thermal_power" and t["investable"] == "false")
    cap.generation_share = made / total if total > 0 else 0.0
    heat = sum(v for c, v in d.observed.items() if c.startswith("captive_heatplant_"))
    whole = sum(d.observed.get(c, 0.0) for c, t in d.technologies.items()
                if t["sector"] == "heat_supply" and t["investable"] == "false")
    cap.heat_output_share = heat / whole if whole > 0 else 0.0
    mw, line, _src = cap.tie
    need = abs(net) / 8760
    if need > mw * (1 + 1e-9):
        problems.append(Problem(
            f"the captive network {'sends' if net > 0 else 'takes'} {abs(net):,.0f} MWh in the "
            f"base year, {need:,.0f} MW on average, more than the tie's {mw:,.0f} MW",
            file=cap.file, row=line, column="value",
            valid=f">= {need:,.0f} MW, or less captive capacity or fewer served sectors"))


def regional_activity(frame: pd.DataFrame, cap: Captive) -> pd.DataFrame:
    """``activity.csv`` with ``model_region``: plant rows split, served sectors captive.

    Parameters
    ----------
    frame : pandas.DataFrame
        The activity rows init writes (``sector, fuel, value, unit, year, use,
        gas_condition, source``), in the balance's units.
    cap : Captive
        After :func:`apply_captive` (its shares).

    Returns
    -------
    pandas.DataFrame
        The rows, a thermal power (heat supply) row of a captive fuel as two rows (city,
        captive) whose values add up to the balance's, and column ``model_region`` before
        ``source``.
    """
    rows = []
    for r in frame.to_dict("records"):
        share = None
        if r["sector"] == "thermal_power" and r["use"] == "combustion":
            share = cap.shares.get(r["fuel"])
        elif r["sector"] == "thermal_power" and r["use"] == "generation":
            share = cap.generation_share
        elif r["sector"] == "heat_supply" and r["use"] == "combustion":
            share = cap.heat_shares.get(r["fuel"])
        elif r["sector"] == "heat_supply" and r["use"] == "generation":
            share = cap.heat_output_share
        if share:
            whole = float(r["value"])
            rows.append({**r, "value": whole * (1 - share), "model_region": "",
                         "source": f"{r['source']}; x (1 - {share:.6g}): the city's units"})
            rows.append({**r, "value": whole * share, "model_region": CAPTIVE,
                         "source": f"{r['source']}; x {share:.6g}: the captive units"})
            continue
        captive = (r["use"] in ("combustion", "consumption")
                   and _below(str(r["sector"]), set(cap.serves)))
        rows.append({**r, "model_region": CAPTIVE if captive else ""})
    out = pd.DataFrame(rows)
    cols = [c for c in frame.columns if c != "source"] + ["model_region", "source"]
    return out[cols]


def regional_production(frame: pd.DataFrame, cap: Captive) -> pd.DataFrame:
    """``production.csv`` with ``model_region``: products made in the captive region."""
    out = frame.copy()
    out.insert(len(out.columns) - 1, "model_region",
               [CAPTIVE if p in cap.products else "" for p in out["product"]])
    return out
