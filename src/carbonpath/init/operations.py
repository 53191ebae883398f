"""Operating limits, adequacy and uncertainty of a dataset written by ``carbonpath init``.

The dataset format grew past the first ``init`` (docs/data-format.md, "Adequacy and
operating limits"; docs/montecarlo.md): this module writes those parts from the catalogue.

* :func:`add_operations`: ``capacity_credit`` of every timeslice technology of electricity
  (catalogue rows), the import's ``firm_capacity``, ``min_output`` of coal units (catalogue)
  and, when the balance's heat supply burns coal, a must-run share of the existing coal
  units on the winter day (heat-led CHP in the heating season, an assumption).
* :func:`reserves_table`: ``reserves.csv`` (planning reserve margin of electricity).
* :func:`add_committed`: committed projects (``committed_new_capacity``) from the optional
  ``committed`` input.
* :func:`uncertainty_table`: ``uncertainty.csv`` from the catalogue's low/high ranges of the
  values the dataset took from it: one input per technology and parameter (the whole
  trajectory moves), one group per catalogue class and parameter (the technologies of one
  class move together); then the ranges of the projections (demand growth, the grid
  factor) of :mod:`carbonpath.init.spread`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.init.draft import A, Draft

__all__ = ["MUST_RUN_WINTER", "RESERVE_MARGIN", "add_committed", "add_operations",
           "reserves_table", "uncertainty_table"]

#: Planning reserve margin of electricity over the city's own peak (assumption).
RESERVE_MARGIN = 0.12
#: Hours of full output a store needs to count fully at the peak (assumption).
STORAGE_HOURS = 4
#: Must-run share of existing coal units on the winter day when the city's heat supply
#: burns coal (heat-led CHP in the heating season; assumption).
MUST_RUN_WINTER = 0.6
#: Parameters a built model can change (carbonpath.model.overrides.WARM_PARAMETERS minus
#: bounds, which the catalogue does not give).
_UNCERTAIN = ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "variable_cost",
              "availability", "utilisation")
_COEFFICIENTS = ("availability", "utilisation")


def add_operations(d: Draft, *, winter_day: str | None, heat_from_coal: bool) -> None:
    """Add capacity credits, the import's firm capacity, minimum and must-run output.

    Parameters
    ----------
    d : Draft
        The dataset being written (technologies, flows and the grid import already added).
    winter_day : str or None
        The representative day of the heating season (``winter`` in the bundled profiles);
        None: no must-run row.
    heat_from_coal : bool
        Whether the balance's heat supply (供热) burns coal: then the existing coal units
        (thermal power burning coal or coal products) must run at :data:`MUST_RUN_WINTER`
        of their available capacity on ``winter_day``.

    Notes
    -----
    Sources: ``capacity_credit`` and ``min_output`` are catalogue rows (each with its own
    source and range); the firm import and the must-run share are assumptions written with
    their reasoning into ``parameters.csv``.
    """
    makes_power = {f["technology"] for f in d.flows
                   if f["commodity"] == "electricity" and f["direction"] == "output"}
    for code, tech in d.technologies.items():
        cat = tech["_catalogue"]
        if tech["level"] != "timeslice" or code in ("grid_import", "grid_export"):
            continue
        if code in makes_power or tech.get("storage_commodity") == "electricity":
            d.catalogue_param(code, cat, "capacity_credit")
            d.catalogue_param(code, cat, "min_output")
    if "grid_import" in d.technologies:
        cap = max(float(p["value"]) for p in d.parameters
                  if p["technology"] == "grid_import" and p["parameter"] == "residual_capacity")
        d.param("grid_import", "firm_capacity", cap, "MW",
                A + "the provincial grid backs the city up to the interconnection capacity "
                "(the reserve margin is the city's own peak; replace with the firm share the "
                "provincial dispatch grants)")
    if heat_from_coal and winter_day:
        coal = [c for c, t in d.technologies.items() if c.startswith("thermal_")
                and t["_catalogue"].startswith("coal_")]
        for code in coal:
            d.param(code, "min_output", MUST_RUN_WINTER, "1",
                    A + f"must-run in the heating season: the city's heat supply burns coal, "
                    f"so its coal units run heat-led at >= {MUST_RUN_WINTER:.0%} of their "
                    "available capacity on the winter day (extraction CHP); replace with the "
                    "units' heat contracts", day=winter_day)
        if coal:
            d.assumed.append(f"must-run: existing coal units at >= {MUST_RUN_WINTER:.0%} of "
                             f"their available capacity on the '{winter_day}' day (heat-led "
                             "CHP, because the heat supply burns coal)")
    d.assumed.append(f"reserve margin: {RESERVE_MARGIN:.0%} over the city's own peak load, "
                     "firm capacity by the catalogue's capacity credits, imports firm up to "
                     "the interconnection capacity")


def reserves_table(d: Draft) -> pd.DataFrame:
    """The rows of ``reserves.csv``: electricity's margin and storage hours (assumptions)."""
    rows = [{"commodity": "electricity", "parameter": "margin", "year": "",
             "value": RESERVE_MARGIN, "unit": "1",
             "source": A + f"{RESERVE_MARGIN:.0%} planning reserve over the city's own peak "
             "load (Chinese provincial planning uses 12-15%); the peak is the highest load of "
             "the profiles and demands (fixed exports are a contract, not local load)"},
            {"commodity": "electricity", "parameter": "storage_hours", "year": "",
             "value": float(STORAGE_HOURS), "unit": "hour",
             "source": A + f"a store counts fully at the peak with {STORAGE_HOURS} h of full "
             "output (provincial storage rules count 2-4 h stores)"}]
    return pd.DataFrame(rows)


def uncertainty_table(d: Draft) -> pd.DataFrame:
    """The rows of ``uncertainty.csv`` from the catalogue ranges the dataset used.

    One input per (technology, parameter) whose catalogue row has a low and a high around a
    positive value: a relative triangular distribution (low / value, 1, high / value; the
    widest ratios over the trajectory's years) moving the whole trajectory. Inputs of one
    catalogue class and parameter share a group (they move together). Availability never
    exceeds 1 (the catalogue's high is at most 1). Availability and utilisation of
    technologies with an observed base-year activity stay fixed: their base-year capacity
    was sized from them, and a lower sampled value would make the base year infeasible.

    The ranges of the projections (demand growth, the grid factor) follow: assumptions of
    :mod:`carbonpath.init.spread`, each row with its reason.

    Returns
    -------
    pandas.DataFrame
        Columns of ``uncertainty.csv`` (docs/montecarlo.md); empty when nothing has a range.
    """
    from carbonpath.init.spread import projection_rows

    cols = ["input", "table", "technology", "parameter", "commodity", "driver", "year",
            "scale", "distribution", "low", "mode", "high", "mean", "sd", "unit", "group",
            "source"]
    ranges = pd.DataFrame(d.ranges)
    if ranges.empty:
        return pd.DataFrame(projection_rows(d), columns=cols)
    ranges = ranges[ranges["parameter"].isin(_UNCERTAIN)]
    ranges = ranges[(ranges["low"] != "") & (ranges["high"] != "")]
    rows = []
    for (tech, par), grp in ranges.groupby(["technology", "parameter"], sort=False):
        value = grp["value"].astype(float)
        if par in _COEFFICIENTS and tech in d.observed:
            continue  # the base year's fixed activity needs the calibrated coefficient
        if (value <= 0).any():
            continue
        low = float((grp["low"].astype(float) / value).min())
        high = float((grp["high"].astype(float) / value).max())
        if not low < high or not low <= 1.0 <= high or low <= 0:
            continue
        cat = d.technologies[tech]["_catalogue"]
        rows.append({"input": f"{tech}_{par}", "table": "parameters", "technology": tech,
                     "parameter": par, "commodity": "", "driver": "", "year": "",
                     "scale": "relative", "distribution": "triangular", "low": round(low, 6),
                     "mode": 1.0, "high": round(high, 6), "mean": "", "sd": "", "unit": "1",
                     "group": f"{cat}_{par}",
                     "source": f"catalogue {d.catalogue.label} ({cat}, {par}): its low/high "
                     "range around the value, the whole trajectory moving together"})
    return pd.DataFrame(rows + projection_rows(d), columns=cols)


def add_committed(d: Draft, committed: pd.DataFrame, mapping: Any, capacity: Any = None,
                  profiles: Any = None) -> None:
    """Committed projects: ``committed_new_capacity`` rows of the technology of each type.

    The technology is the dataset's investable one for the capacity type: the type's own
    technology (PV, wind, storage: ``capacity`` rows of the mapping) or, for a fuel type
    (``coal``, ``gas``: ``power`` rows), the investable power option burning one of its
    fuels (``coal_usc``, ``gas_ccgt``). A build-rate limit below a year's committed
    capacity is raised to it in that year (the commitment is a fact, the limit an
    assumption). Several projects of one technology in one year (two PV parks) are one
    row, their sum, whose source names each project's row (I14: two rows had made a
    dataset that init wrote but the loader refused as duplicates).

    ``capacity`` (the capacity input) and ``profiles`` (the region's profiles), when given,
    let the refusal of a type say why the dataset has no option for it (round 19, U157:
    an offshore wind project in a region whose profiles have no offshore wind).

    Raises
    ------
    DataError
        A type for which the dataset has no investable technology (names the file, row
        and column, the reason and the types that have one).
    """
    from carbonpath.errors import DataError, Problem

    problems = []
    file = committed.attrs.get("file", "committed")
    use = _electricity_mwh(d)
    projects: dict[tuple[str, int], list[Any]] = {}
    for r in committed.itertuples():
        if use > 0 and r.mw * 8760.0 > COMMITTED_RATIO * use:
            problems.append(Problem(
                f"implausible committed '{r.type}' of {r.mw:,.0f} MW in {r.year}: running all "
                f"year it would make {r.mw * 8.76:,.0f} GWh, {r.mw * 8760.0 / use:,.0f} times "
                f"the {use / 1e3:,.0f} GWh of electricity the city generates or imports in the "
                f"base year (more than x{COMMITTED_RATIO:g}); probably a unit slip (万千瓦 for "
                "千瓦 or MW)", file=file, row=r.line, column="value", value=r.mw,
                valid=f"at most {COMMITTED_RATIO * use / 8760.0:,.0f} MW (full-year output "
                      f"x{COMMITTED_RATIO:g} the base year's electricity)"))
            continue
        code = _committed_technology(d, r.type, mapping)
        if code is None:
            have = [t for t in dict.fromkeys(mapping.table.loc[
                mapping.table["role"].isin(("capacity", "power")), "item"])
                if t != r.type and _committed_technology(d, t, mapping) is not None]
            problems.append(Problem(f"no investable technology in the dataset builds "
                                    f"'{r.type}' capacity: "
                                    + _no_option(d, r.type, mapping, capacity, profiles),
                                    file=file, row=r.line, column="type", value=r.type,
                                    valid="a capacity type this dataset builds: "
                                    + (", ".join(have) or "none")))
            continue
        projects.setdefault((code, int(r.year)), []).append(r)
    for (code, year), rows in projects.items():  # round 22 N51: as the capacity input does
        named = list(dict.fromkeys(r.type for r in rows))
        if len(named) > 1:
            problems.append(Problem(
                f"committed types {', '.join(repr(t) for t in named)} are names of one "
                f"technology '{code}' in {year}: "
                + "; ".join(f"row {r.line} {r.type} {r.mw:g} MW" for r in rows)
                + "; one project written under both names and two projects to add up look "
                "alike", file=file, row=int(rows[-1].line), column="type", value=rows[-1].type,
                valid=f"one type name for {code}'s projects: the same name in each row if "
                "they are several projects, or one row if they are one"))
    DataError.collect(problems, file)
    _check_size(d, projects, committed, mapping, capacity, file)
    for (code, year), rows in projects.items():
        sources = "; ".join(f"{r.source} (committed project, {file} line {r.line})"
                            for r in rows)
        total = sum(float(r.mw) for r in rows)
        d.param(code, "committed_new_capacity", total, "MW",
                sources if len(rows) == 1 else f"sum of {len(rows)} projects: {sources}",
                year=year)
    for code in dict.fromkeys(c for c in (_committed_technology(d, t, mapping)
                                          for t in committed["type"]) if c):
        _raise_limits(d, code)


COMMITTED_LIMIT_RATIO = 10.0
"""A year's committed capacity of one technology above both its whole existing fleet and this
many times init's build-rate limit (5 % of the base year's average load per year, so x10 is
half the average load) is warned of (round 22 N50: 500 万千瓦 for 50, 36 x the limit and 2.8 x
the PV fleet, raised the limit without a word). A first plant of its kind may be right, so a
warning only."""


def _check_size(d: Draft, projects: dict[tuple[str, int], list[Any]], committed: Any,
                mapping: Any, capacity: Any, file: str) -> None:
    """Warn of a year's committed capacity far above the technology's fleet and limit.

    Warns :class:`~carbonpath.init.inputs.CommittedSizeWarning` when it exceeds both the
    capacity input's fleet of the technology and :data:`COMMITTED_LIMIT_RATIO` x its limit.
    """
    import warnings

    from carbonpath.init.inputs import CommittedSizeWarning

    fleet: dict[str, float] = {}
    if capacity is not None and len(capacity):
        for t, mw in zip(capacity["type"], capacity["mw"], strict=True):
            code = _committed_technology(d, str(t), mapping)
            if code is not None:
                fleet[code] = fleet.get(code, 0.0) + float(mw)
    for (code, year), rows in projects.items():
        total = sum(float(r.mw) for r in rows)
        limit = next((float(p["value"]) for p in d.parameters if p["technology"] == code
                      and p["parameter"] == "max_new_capacity" and p["year"] == ""
                      and str(p["unit"]).startswith("(MW)")), None)
        have = fleet.get(code, 0.0)
        if limit is None or total <= have or total <= COMMITTED_LIMIT_RATIO * limit:
            continue
        where = ", ".join(f"row {r.line}" for r in rows)
        warnings.warn(
            f"{file}, {where}, column 'value': committed "
            f"{'/'.join(dict.fromkeys(r.type for r in rows))} ({code}) of {total:,.6g} MW in "
            f"{year} "
            f"is more than the whole existing fleet ({have:,.6g} MW in the capacity input) and "
            f"{total / limit:,.1f} times init's build limit of {limit:,.6g} MW/yr (max_new_capacity"
            "), which is raised to it; probably a slip of a digit or "
            f"unit; valid: the project's size (a tenth, {total / 10:,.6g} MW, if a digit slipped), "
            "or keep it if the project is that large", CommittedSizeWarning, stacklevel=3)


COMMITTED_RATIO = 100.0
"""Largest ratio of a committed project's full-year output (MW x 8,760 h) to the electricity
the city generates or imports in the base year: one project a hundred times the city's
whole supply is beyond any real plan (a 万千瓦-for-千瓦 slip is x10,000)."""


def _electricity_mwh(d: Draft) -> float:
    """The base year's electricity made or imported (MWh/yr).

    The observed activity in MWh/yr of the technologies with an electricity output flow.
    """
    makers = {f["technology"] for f in d.flows
              if f.get("commodity") == "electricity" and f.get("direction") == "output"}
    total = 0.0
    for p in d.parameters:
        if (p["technology"] in makers and p["parameter"] == "activity"
                and str(p["year"]) == str(d.base_year) and p["unit"] == "MWh/yr"):
            total += float(p["value"])
    return total


def _no_option(d: Draft, item: str, mapping: Any, capacity: Any, profiles: Any) -> str:
    """Why the dataset has no investable technology for capacity type ``item`` (a clause)."""
    row = mapping.item("capacity", item)
    if row is None:
        table = mapping.table
        fuels = sorted(set(table[(table["role"] == "power") & (table["item"] == item)]["fuel"]))
        return (f"no power plant of the dataset burns its fuels ({', '.join(fuels) or 'none'}); "
                "init writes one only for fuels the balance's power generation uses")
    code = str(row["technology"])
    if code in d.technologies:
        return f"its technology '{code}' is not investable in this dataset"
    why = [f"init writes a '{code}' technology only for a fleet in the capacity input"
           + (f" ({capacity.attrs.get('file', 'capacity')})" if capacity is not None else "")
           + f", which has no '{item}' row"]
    known = code in d.catalogue.technologies.index
    prof = d.catalogue.technology(code).get("availability_profile") if known else None
    if profiles is not None and isinstance(prof, str) and prof and prof not in profiles.names:
        why.append(f", and the region's profiles ({profiles.file}) have no '{prof}' "
                   f"availability, so a '{item}' fleet cannot be modelled here")
    else:
        why.append(f"(add a '{item}' row, 0 if none is installed yet, to build it)")
    return "".join(why) if len(why) > 1 and why[1].startswith(",") else " ".join(why)


def _committed_technology(d: Draft, item: str, mapping: Any) -> str | None:
    row = mapping.item("capacity", item)
    if row is not None:
        code = row["technology"]
        tech = d.technologies.get(code)
        return code if tech is not None and tech["investable"] == "true" else None
    table = mapping.table
    fuels = set(table[(table["role"] == "power") & (table["item"] == item)]["fuel"])
    for code, tech in d.technologies.items():
        if tech["investable"] != "true":
            continue
        ins = {f["commodity"] for f in d.flows if f["technology"] == code
               and f["direction"] == "input"}
        outs = {f["commodity"] for f in d.flows if f["technology"] == code
                and f["direction"] == "output"}
        if "electricity" in outs and ins & fuels:
            return code
    return None


def _raise_limits(d: Draft, code: str) -> None:
    """Year rows of ``max_new_capacity`` that let each year's committed capacity be built."""
    limits = [p for p in d.parameters if p["technology"] == code
              and p["parameter"] == "max_new_capacity"]
    if not limits:
        return
    if len(limits) != 1 or limits[0]["year"] != "":
        return  # a trajectory of limits was written on purpose: left to the planner
    row = limits[0]
    due: dict[int, float] = {}
    for p in d.parameters:
        if p["technology"] == code and p["parameter"] == "committed_new_capacity":
            due[int(p["year"])] = due.get(int(p["year"]), 0.0) + float(p["value"])
    if all(v <= float(row["value"]) for v in due.values()):
        return
    d.parameters.remove(row)
    for year in d.years[1:]:
        value = max(float(row["value"]), due.get(year, 0.0))
        d.param(code, "max_new_capacity", value, row["unit"], row["source"]
                + ("; raised to the committed projects of the year" if year in due
                   and due[year] > float(row["value"]) else ""), year=year)
