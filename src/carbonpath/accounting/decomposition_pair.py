"""What the two inventories of a decomposition must share, and their common sector level.

:func:`carbonpath.accounting.decompose` explains one region's change between two years. Two
inventories that count the same things differently put the difference of convention into
the effects without a word (round 22):

* primary electricity by another convention (calorific 0.1229 kgce/kWh in one year, the
  coal-consumption method's ~0.30 in the other) moved +1,978 kt into energy intensity and
  -794 kt into fuel mix (M158); the coal-consumption method on another coal-rate basis
  (supply, generation) is the same kind;
* CO2e under two GWP sets (AR5 CH4 28, AR6 27) put the switch into the emission-factor
  effect (M161).

:func:`pair_problems` refuses them, naming both inventories, as it refuses two regions.

A sector given as its parent in one year and as its sub-sectors in the other (a yearbook's
``industry`` beside the planner's own industry branches) left cells that exist in one year
only, whose whole change the zero-value limits give to the fuel mix: every Kaya effect was
13 % low (M130). :func:`common_level` sums such cells into the parent in both years (the
``parent`` column of ``sectors.csv``), with a :class:`SectorLevelWarning` naming them.

Two inventories whose activity is the same in every row (sector, fuel, use and energy to the
last digit) are no two years' statistics: the same file given as START and END (round 25
Z35: the sample twice, with ``--years 2021 2022``) gave an energy-intensity effect of -1,396
kt and a total of -86 kt, the change of the drivers and of the year's factors alone, exit 0.
:func:`warn_identical_activity` names them (an :class:`IdenticalActivityWarning`); it warns
rather than refuses, since holding the activity fixed may be meant (the effect of the
drivers and factors alone). The same for production (round 27 ZC80: one production file
for both years made the process effect nil without a word): the process rows alike.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.codes import sectors
from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["FactorSourceWarning", "IdenticalActivityWarning", "ReverseYearsWarning",
           "SectorLevelWarning", "common_level", "pair_problems", "warn_factor_sources",
           "warn_identical_activity", "warn_reverse_years"]


class SectorLevelWarning(CarbonpathWarning):
    """A sector is its parent in one inventory and its sub-sectors in the other."""


class FactorSourceWarning(CarbonpathWarning):
    """A factor is the user's in one inventory and the bundled table's in the other."""


def warn_factor_sources(start: Any, end: Any) -> None:
    """Warn of a factor taken from a user file in one year and from the bundled tables in the other.

    A factor file holding a row of one year only (a grid factor published for the end year,
    round 24 H29) gives that year the user's value and the other year the bundled one: the
    difference of the two sources, not only of the two years, enters the emission-factor
    effect. It may be right (the bundled value is the other year's published one), so it is
    a warning, naming the factor, both values and where each comes from.

    Parameters
    ----------
    start, end : Inventory
        Their ``provenance`` (``item``, ``quantity``, ``gas``, ``value``, ``unit``, ``file``,
        ``line``, ``factor_year``, ``rule``: a user row's rule begins with ``user``).

    Warns
    -----
    FactorSourceWarning
        One per (item, quantity, gas) whose every row is the user's in one inventory and
        the bundled tables' in the other, with different values.
    """
    provs = [inv.provenance for inv in (start, end)]
    if not all(len(p) and {"rule", "item", "quantity", "gas"} <= set(p.columns)
               for p in provs):
        return
    key = ["item", "quantity", "gas"]
    sides = []
    for p in provs:
        user = p["rule"].astype(str).str.startswith("user")
        frame = p.assign(user=user.to_numpy())
        frame[key] = frame[key].astype(object).where(frame[key].notna(), "")
        sides.append(dict(list(frame.groupby(key, sort=True))))
    for k in sorted(set(sides[0]) & set(sides[1])):
        a, b = sides[0][k], sides[1][k]
        if not ((a["user"].all() and not b["user"].any())
                or (b["user"].all() and not a["user"].any())):
            continue
        if sorted(a["value"].round(12)) == sorted(b["value"].round(12)):
            continue
        said = []
        for inv, g in ((start, a), (end, b)):
            r = g.iloc[0]
            where = (f"the user's {r['file']} row {int(r['line'])}" if g["user"].all()
                     else f"the bundled {r['file']} line {int(r['line'])}")
            said.append(f"{inv.source} {r['value']:g} {r['unit']} from {where}")
        item, quantity, gas = k
        warnings.warn(FactorSourceWarning(
            f"decompose: the {item} {quantity}{' ' + gas if gas else ''} comes from a user "
            f"factor file in one year and from the bundled tables in the other ("
            f"{'; '.join(said)}): the emission-factor effect includes the change of source; "
            "if the two values are not comparable, give the factor of both years in the file "
            "(a row for each year)"), stacklevel=3)


class IdenticalActivityWarning(CarbonpathWarning):
    """The two inventories of a decomposition hold the same activity in every row."""


_SAME = ["sector", "fuel", "use", "energy_TJ"]
"""Columns of the energy frame compared by :func:`warn_identical_activity`."""


def warn_identical_activity(start: Any, end: Any, years: tuple[int, int]) -> None:
    """Warn when both inventories' activity rows, or production rows, are the same.

    The energy rows (sector, fuel, use, energy in TJ) identical: module docstring (Z35).
    The process rows identical (product, technology and every gas's tonnes, which are the
    production times its factors) while there are some: the same production file given for
    both years (round 27 ZC80, ``decompose --production p.csv p.csv``), whose process effect
    is then nil to the last digit, exit 0. Both warn rather than refuse (a product's output
    may be held fixed on purpose).

    Parameters
    ----------
    start, end : Inventory
        The inventories decomposed.
    years : tuple of int
        Their years, for the message.

    Warns
    -----
    IdenticalActivityWarning
        Every row of one inventory's energy frame is a row of the other's (at least one),
        or every process row (at least one): names both sources, the number of rows and
        the years.
    """
    same_energy = _same_rows((start.energy, end.energy), _SAME, ["sector", "fuel", "use"])
    process = (getattr(start, "_process", None), getattr(end, "_process", None))
    gases = sorted(set(getattr(process[0], "columns", [])) & set(_PROCESS_GASES))
    same_process = _same_rows(process, ["product", "technology", *gases],
                              ["product", "technology"])
    if same_energy:
        also = (f"; their {same_process} production rows are identical too"
                if same_process else "")
        warnings.warn(
            f"the start inventory ({start.source}, {years[0]}) and the end inventory "
            f"({end.source}, {years[1]}) hold the same activity: all {same_energy} rows "
            f"(sector, fuel, use, energy) are identical{also}; the decomposition then "
            "explains no change of activity, only the change of the drivers and of the "
            "year's factors. Give END the activity of its own year (START and END typed "
            "twice?); if the activity is held fixed on purpose, ignore this warning",
            IdenticalActivityWarning, stacklevel=4)
    elif same_process:
        warnings.warn(
            f"the start inventory ({start.source}, {years[0]}) and the end inventory "
            f"({end.source}, {years[1]}) hold the same production: all {same_process} "
            "process rows (product, technology, process emissions) are identical, so the "
            "process effect is zero. Give each year its own production data (decompose "
            "--production START_FILE END_FILE: the same file twice?); if output is held "
            "fixed on purpose, ignore this warning", IdenticalActivityWarning, stacklevel=4)


_PROCESS_GASES = ("CO2", "CH4", "N2O", "HFC", "PFC", "CF4", "C2F6", "SF6", "NF3")
"""Gas columns of the process frame compared by :func:`warn_identical_activity`."""


class ReverseYearsWarning(CarbonpathWarning):
    """The start inventory is of a later year than the end inventory (round 31 ZG10)."""


def warn_reverse_years(start: Any, end: Any, years: tuple[int, int]) -> None:
    """Warn when START's year is later than END's: the change is then read backward.

    ``decompose a2022.csv a2024.csv --years 2024 2022`` (the years typed in the wrong order,
    the files in the right one) paired each year's drivers with the other year's activity
    and printed "CO2 change 2024 -> 2022" with energy intensity +9,945 kt for -4,230, exit
    0. A reverse decomposition made on purpose (files and years both swapped) looks the
    same, so this warns and goes on.

    Parameters
    ----------
    start, end : Inventory
        The inventories decomposed (``source`` names them).
    years : tuple of int
        Their years (start, end).

    Warns
    -----
    ReverseYearsWarning
        ``years[0] > years[1]``: names both years, both sources and the forward reading.
    """
    if years[0] <= years[1]:
        return
    warnings.warn(
        f"the start inventory ({start.source}) is of {years[0]}, later than the end "
        f"inventory ({end.source}) of {years[1]}: the change is read backward, "
        f"{years[0]} -> {years[1]}, each effect with the sign of going back in time. If "
        f"{start.source} is the activity of {years[1]} and {end.source} of {years[0]} (the "
        f"years typed in the wrong order), give the years in time order (decompose ... "
        f"--years {years[1]} {years[0]}); for the forward change of these files give the "
        f"earlier year's file first; if the reverse decomposition is meant, ignore this "
        "warning", ReverseYearsWarning, stacklevel=4)


def _same_rows(frames: tuple[Any, Any], columns: list[str], text: list[str]) -> int:
    """The number of rows if both frames hold the same rows (in any order), else 0."""
    got = []
    for frame in frames:
        if frame is None or not len(frame) or not set(columns) <= set(frame.columns):
            return 0
        got.append(frame[columns].astype(dict.fromkeys(text, str)).fillna(0.0)
                   .sort_values(columns).reset_index(drop=True))
    if len(got[0]) != len(got[1]) or not got[0].equals(got[1]):
        return 0
    return len(got[0])


def _primary_rule(inv: Any) -> str:
    """How the inventory counted primary electricity ('' if it has none)."""
    e = inv.energy
    if not len(e):
        return ""
    fuel = e["fuel"].astype(str).to_numpy()
    use = e["use"].astype(str).to_numpy()
    codes = sectors()
    names = e["sector"].astype(str)
    kinds = {s: codes.attr(s, "kind") if s in codes.codes else "" for s in set(names)}
    kind = names.map(kinds).to_numpy()
    primary = (fuel == "electricity") & (((use == "generation") & (kind == "generation"))
                                         | np.isin(use, ["import", "export"]))
    if not primary.any():
        return ""
    rules = sorted({str(r) for r in e["tce_rule"].to_numpy()[primary]})
    return "; ".join(rules)


def pair_problems(start: Any, end: Any, gas: str) -> list[Problem]:
    """Choices that differ between the two inventories of a decomposition.

    Parameters
    ----------
    start, end : Inventory
    gas : str
        The gas decomposed (the GWP set matters for ``CO2e`` only).

    Returns
    -------
    list of Problem
        Primary electricity counted by different conventions (or coal-rate bases) where both
        inventories have primary electricity; different GWP sets or AR6 CH4 origins with
        ``gas="CO2e"``. Each names both inventories and their choices.
    """
    problems = []
    rules = (_primary_rule(start), _primary_rule(end))
    if all(rules) and rules[0] != rules[1]:
        problems.append(Problem(
            f"the inventories count primary electricity differently: {start.source} by "
            f"'{rules[0]}' (primary_electricity={start.primary_electricity!r}), {end.source} "
            f"by '{rules[1]}' (primary_electricity={end.primary_electricity!r}); the change "
            "of convention would enter the energy-intensity and fuel-mix effects",
            file=end.source, column="primary_electricity", value=end.primary_electricity,
            valid=f"both inventories computed with one primary_electricity (and "
                  f"coal_rate_basis), e.g. {start.primary_electricity!r} as {start.source}"))
    if gas == "CO2e":
        if start.gwp != end.gwp:
            problems.append(Problem(
                f"CO2e of inventories under different GWP sets: {start.source} {start.gwp}, "
                f"{end.source} {end.gwp}; the switch of weights would enter the "
                "emission-factor effect", file=end.source, column="gwp", value=end.gwp,
                valid=f"both inventories computed with one gwp, e.g. {start.gwp!r}"))
        elif start.gwp == "AR6" and start.ch4_origin[0] != end.ch4_origin[0]:
            problems.append(Problem(
                f"AR6 CO2e with another CH4 origin: {start.source} {start.ch4_origin[0]}, "
                f"{end.source} {end.ch4_origin[0]}", file=end.source, column="gwp",
                valid="one CH4 origin in both inventories"))
    return problems


def check_pair(start: Any, end: Any, gas: str) -> None:
    """Raise :class:`~carbonpath.errors.DataError` with every :func:`pair_problems`."""
    DataError.collect(pair_problems(start, end, gas), "decompose")


def _ancestors(sector: str) -> list[str]:
    """The parents of ``sector`` in ``sectors.csv``, nearest first."""
    out: list[str] = []
    codes = sectors()
    s = sector
    while s in codes.codes:
        parent = str(codes.attr(s, "parent") or "").strip()
        if not parent or parent in ("nan", "None") or parent in out:
            break
        out.append(parent)
        s = parent
    return out


def common_level(cells: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Sum sub-sector cells into their parent where the other year has only the parent.

    Parameters
    ----------
    cells : pandas.DataFrame
        Index (sector, fuel); columns ``E0``, ``C0``, ``E1``, ``C1`` (energy, tce, and
        emissions, t, of the two years; 0 where a year lacks the cell).
    years : tuple of int
        The two years, for the warning.

    Returns
    -------
    pandas.DataFrame
        ``cells`` itself when no cell (P, fuel) of one year only has sub-sector cells
        (S, fuel) of the other year only; else the same columns with, for each such fuel,
        every cell of P's sub-sectors summed into (P, fuel) in both years.

    Warns
    -----
    SectorLevelWarning
        Naming the parent, the sub-sectors, the fuel and the years.
    """
    only = {t: {k for k, r in cells.iterrows() if (r[f"E{t}"] or r[f"C{t}"])
                and not (r[f"E{1 - int(t)}"] or r[f"C{1 - int(t)}"])} for t in ("0", "1")}
    mapping: dict[tuple[str, str], str] = {}
    said = []
    for t, other in (("0", "1"), ("1", "0")):
        for parent, fuel in sorted(only[t]):
            subs = sorted(s for s, f in only[other] if f == fuel and parent in _ancestors(s))
            if not subs:
                continue
            for s, f in cells.index:
                if f == fuel and parent in _ancestors(s):
                    mapping[(s, f)] = parent
            said.append(f"{fuel}: {parent} in {years[int(t)]}, its sub-sectors "
                        f"{', '.join(subs)} in {years[int(other)]}")
    if not mapping:
        return cells
    warnings.warn(
        "a sector is its parent in one inventory and its sub-sectors in the other ("
        + "; ".join(said) + "): their cells are summed into the parent in both years, so "
        "that the change is decomposed at the level both years share (cells of one year "
        "only would give their whole change to the fuel mix); give both years at one "
        "level for the sub-sectors' effects", SectorLevelWarning, stacklevel=4)
    index = [(mapping.get((s, f), s), f) for s, f in cells.index]
    moved = cells.set_axis(pd.MultiIndex.from_tuples(index, names=cells.index.names))
    return moved.groupby(level=[0, 1], sort=True).sum()
