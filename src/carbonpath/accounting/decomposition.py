"""LMDI decomposition of the change in emissions between two inventories (Kaya factors).

Additive LMDI-I (Ang 2005, "The LMDI approach to decomposition analysis: a practical
guide", Energy Policy 33; Ang 2015, "LMDI decomposition approach: a guide for
implementation", Energy Policy 86). Emissions of sector i and fuel j are written as

    C_ij = P x (G / P) x (E / G) x (E_ij / E) x (C_ij / E_ij)
           population, affluence (GDP per capita), energy intensity, fuel mix, emission factor

(with ``sector_structure=True`` the mix splits into E_i / E, the sectors' shares of energy,
and E_ij / E_i, the fuel mix within a sector). The effect of factor x is

    dC_x = sum_ij L(C_ij^T, C_ij^0) ln(x_ij^T / x_ij^0),   L(a, b) = (a - b) / ln(a / b),

and the effects add up to C^T - C^0 exactly (the identity holds cell by cell, so LMDI-I
leaves no residual).

**Zero values.** A cell that appears (C^0 = 0) or disappears (C^T = 0) has a zero factor
in one period. Ang 2005 replaces zeros by a small number (1e-10 to 1e-20); Ang and Liu
(2007, "Handling zero values in the logarithmic mean Divisia index decomposition approach",
Energy Policy 35) show the results converge, as the number goes to zero, to analytical
limits: L(C, 0) ln(x / x) -> 0 for every factor that is non-zero in both periods, and the
factor that is zero in one period takes the cell's whole change. carbonpath uses these limits
directly: they are exact (the small-number substitution leaves a residual of order
delta x ln delta and depends on the number chosen) and keep the decomposition residual-free.
The factor that is zero is the fuel mix when the cell had no energy (a new fuel in a
sector), the sector structure when the whole sector had none, and the emission factor when
the cell had energy but no emissions. Cells without emissions in either period contribute
nothing. A cell whose emissions change sign, or that has emissions but no energy, cannot be
written as Kaya factors and raises.

Process emissions (no energy) are not Kaya factors: their change is reported as its own line
(``process``), so that the lines still add up to the total change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath._headers import index_text, labelled_headers
from carbonpath._io import read_table
from carbonpath.accounting.decomposition_drivers import (
    COLUMNS,
    blank_year_problem,
    check_drivers,
    file_price_year,
    price_year_problems,
    table_problems,
    unread_driver_problems,
)
from carbonpath.accounting.decomposition_pair import (
    check_pair,
    common_level,
    warn_factor_sources,
    warn_identical_activity,
    warn_reverse_years,
)
from carbonpath.accounting.inventory import Inventory
from carbonpath.accounting.production_keys import warn_one_sided_production
from carbonpath.codes import closest_choice
from carbonpath.errors import ArgumentValueError, DataError, Problem, UnitError
from carbonpath.numbers import YEAR_RANGE, check_year, nonfinite_problems, parse_number
from carbonpath.units import Q_, parse_unit

__all__ = ["Decomposition", "decompose", "intensities", "lmdi_additive", "log_mean"]

KAYA = ("population", "affluence", "energy_intensity", "fuel_mix", "emission_factor")
KAYA_STRUCTURE = ("population", "affluence", "energy_intensity", "sector_structure",
                  "fuel_mix", "emission_factor")


def log_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Logarithmic mean L(a, b) = (a - b) / ln(a / b), elementwise.

    L(a, a) = a; L(a, 0) = L(0, b) = 0 (the limit); defined for a and b of one sign
    (negative pairs give a negative mean).

    Parameters
    ----------
    a, b : numpy.ndarray
        Same shape.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        A pair of opposite signs.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if np.any(a * b < 0):
        raise ArgumentValueError("log_mean of values of opposite sign is undefined")
    out = np.zeros(np.broadcast(a, b).shape)
    both = (a != 0) & (b != 0)
    same = both & np.isclose(a, b, rtol=1e-12, atol=0)
    diff = both & ~same
    safe_b = np.where(diff, b, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        # ln(a / b) as log1p((a - b) / b) when a and b are close (no cancellation in a / b),
        # as ln|a| - ln|b| when they are far apart (log1p would lose 1 + x to cancellation,
        # a / b could underflow)
        rel = np.where(diff, (a - b) / safe_b, 1.0)
        far = np.log(np.abs(np.where(diff, a, 2.0))) - np.log(np.abs(safe_b))
        log_ratio = np.where(np.abs(rel) < 0.5, np.log1p(rel), far)
        out = np.where(diff, (a - b) / log_ratio, out)
    return np.where(same, (a + b) / 2, out)


def lmdi_additive(c0: np.ndarray, c1: np.ndarray, x0: np.ndarray, x1: np.ndarray,
                  zero_factor: np.ndarray | None = None) -> np.ndarray:
    """Additive LMDI-I effects per cell and factor (Ang 2005, with the zero-value limits).

    Parameters
    ----------
    c0, c1 : numpy.ndarray, shape (n,)
        The aggregate per cell in the two periods, C = prod of its factors.
    x0, x1 : numpy.ndarray, shape (n, k)
        The factors per cell. Where a cell's C is 0 in a period its factors there may be
        NaN (undefined).
    zero_factor : numpy.ndarray of int, shape (n,), optional
        For cells with C = 0 in exactly one period, the factor (column) that is zero there
        and takes the cell's whole change; default: the first factor that is 0 or NaN in
        that period.

    Returns
    -------
    numpy.ndarray, shape (n, k)
        Effects; each row sums to c1 - c0 (to rounding).

    Raises
    ------
    ValueError
        A cell changing sign, or a non-zero cell with a non-positive factor ratio.
    """
    c0 = np.asarray(c0, dtype=float)
    c1 = np.asarray(c1, dtype=float)
    x0 = np.asarray(x0, dtype=float)
    x1 = np.asarray(x1, dtype=float)
    if np.any(c0 * c1 < 0):
        raise ArgumentValueError("a cell changes sign between the periods: LMDI needs one sign")
    n, k = x0.shape
    effects = np.zeros((n, k))
    both = (c0 != 0) & (c1 != 0)
    if both.any():
        w = log_mean(c1[both], c0[both])
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = x1[both] / x0[both]
        if np.any(~(ratio > 0)):
            raise ArgumentValueError("a factor changes sign or is zero in a cell with emissions in "
                             "both periods")
        effects[both] = w[:, None] * np.log(ratio)
    one = (c0 == 0) ^ (c1 == 0)
    if one.any():
        idx = np.flatnonzero(one)
        if zero_factor is None:
            xz = np.where((c0[idx] == 0)[:, None], x0[idx], x1[idx])
            bad = (xz == 0) | np.isnan(xz)
            zf = np.where(bad.any(axis=1), bad.argmax(axis=1), k - 1)
        else:
            zf = np.asarray(zero_factor)[idx]
        effects[idx, zf] = c1[idx] - c0[idx]
    return effects


@dataclass(frozen=True)
class Decomposition:
    """Result of :func:`decompose`.

    Attributes
    ----------
    effects : pandas.DataFrame
        One row per factor (and ``process`` if any): ``effect`` (t of ``gas``), ``share_pct``
        (of the change); a ``total`` row equals ``end - start``.
    by_sector : pandas.DataFrame
        Sectors (index) x factors (columns), t; rows add up to each sector's change and
        columns to ``effects``.
    intensities : pandas.DataFrame
        One row per year: population (person), GDP (万元, constant prices of
        ``price_year``), energy (tce), emissions (t), energy per GDP (tce/万元), emissions
        per GDP (t/万元), emissions per person (t/person).
    start, end : float
        Totals (t of ``gas``) of the two inventories, counted rows.
    years : tuple of int
    gas : str
    price_year : int
    factors : tuple of str
    zero_handling : str
    """

    effects: pd.DataFrame
    by_sector: pd.DataFrame
    intensities: pd.DataFrame
    start: float
    end: float
    years: tuple[int, int]
    gas: str
    price_year: int
    factors: tuple[str, ...]
    zero_handling: str = ("analytical limits (Ang and Liu 2007): the factor that is zero in "
                          "one period takes the cell's whole change")

    @property
    def change(self) -> float:
        """The change, end - start (t)."""
        return self.end - self.start


def _drivers(drivers: Any, years: tuple[int, int], price_year: int | None,
             name: str = "drivers") -> tuple[dict[int, float], dict[int, float], int, tuple]:
    """Population (person) and GDP (万元) by year, the price year, the other drivers' rows.

    The last is ``(file name, [(line, row), ...])``, for :func:`unread_driver_problems`.
    """
    if isinstance(drivers, (str, Path)):
        name = Path(drivers).name
        drivers = read_table(drivers)
    typed = not isinstance(drivers, Mapping)  # a table's cells, not Quantities in code
    if isinstance(drivers, Mapping):
        recs = []
        for year, d in drivers.items():
            if not isinstance(d, Mapping) or not all(hasattr(q, "units") for q in d.values()):
                raise DataError(Problem(
                    "drivers given as a mapping must map each year to {driver: quantity}",
                    file=name, key=str(year), value=d,
                    valid="{2020: {'population': Q_(6.1e6, 'person'), "
                          "'gdp': Q_(2.9e7, '万元')}, ...}"))
            for k, q in d.items():
                recs.append({"driver": k, "year": year, "value": q.magnitude,
                             "unit": str(q.units)})
        drivers = pd.DataFrame(recs)
    df = drivers
    labelled = labelled_headers([str(c).strip() for c in df.columns], COLUMNS)  # KD92
    missing = [c for c in ("driver", "year", "value", "unit") if c not in df.columns
               and c not in labelled.values()]  # a labelled header: table_problems names it
    if missing:
        raise DataError(Problem(f"missing column(s) {', '.join(missing)}"
                                f"{index_text(df, missing)}", file=name,
                                valid="driver, year, value, unit (and price_year)"), name)
    DataError.collect(table_problems(df, name, price_year), name)  # round 20 W76 W133
    price_year, stated = file_price_year(df, name, price_year)  # round 25 Z143: rows named
    if price_year is not None:
        price_year = check_year(price_year, "the GDP price year", file=name)
        DataError.collect(price_year_problems(price_year, name, stated), name)  # M152
    if price_year is None:
        raise DataError(Problem(
            "GDP must be in constant prices of a stated year: give gdp_price_year= or a "
            "price_year column", file=name, column="price_year", valid="e.g. 2020"), name)
    out: dict[str, dict[int, float]] = {"population": {}, "gdp": {}}
    target = {"population": "person", "gdp": "万元"}
    problems = []
    any_year: dict[str, float] = {}
    every: dict[str, tuple[int, dict]] = {}  # driver -> its row without a year
    rows: dict[str, dict[int, tuple[int, dict]]] = {"population": {}, "gdp": {}}
    refused: set[tuple[str, str]] = set()  # (driver, year text) of rows already refused
    unread: dict[str, int] = {}  # other drivers' names -> first row (not read here)
    others: list[tuple[int, dict]] = []  # their rows (round 22 M14: checked by the caller)
    for i, r in enumerate(df.to_dict("records")):
        d = str(r["driver"]).strip()
        ytext = str(r["year"]).strip()
        if d not in out:
            near = closest_choice(d, out)  # round 18 Q39: GDP, 人口 had been skipped
            if near is not None:
                problems.append(Problem(f"unknown driver '{d}': its row would not be read",
                                        file=name, row=i + 2, column="driver", value=d,
                                        valid=f"did you mean {near}? (driver names are "
                                        "carbonpath's codes: gdp, population)"))
                refused.add((near, ytext[:-2] if ytext.endswith(".0") else ytext))
            else:
                unread.setdefault(d, i + 2)
                others.append((i + 2, r))
            continue
        try:
            number = parse_number(r["value"])
        except ValueError as exc:
            problems.append(Problem(f"{d} is not a number: {exc}", file=name, row=i + 2,
                                    column="value", value=r["value"],
                                    valid="a number with '.' as the decimal mark"))
            refused.add((d, ytext[:-2] if ytext.endswith(".0") else ytext))
            continue
        try:
            v = float(Q_(number, parse_unit(str(r["unit"]))).to(target[d]).magnitude)
        except Exception as exc:
            why = _unit_reason(exc)  # round 15 K23: one 'valid:' per problem
            if d == "gdp" and any(c in str(r["unit"]) for c in ("美元", "USD", "$", "欧元")):
                why += ("; GDP in another currency: convert it to CNY at the price year's "
                        "exchange rate")
            problems.append(Problem(
                f"{d} in a unit that does not convert to {target[d]}: {why}", file=name,
                row=i + 2, column="unit", value=r["unit"],
                valid="万人 or person" if d == "population" else "亿元, 万元 or CNY"))
            refused.add((d, ytext[:-2] if ytext.endswith(".0") else ytext))
            continue
        if ytext in ("", "nan", "None"):
            if d in every:  # round 26 ZA33: the last had been taken in silence
                problems.append(blank_year_problem(d, [every[d]], (i + 2, r), name))
            any_year[d] = v  # a blank year: the value of every year
            every[d] = (i + 2, r)
            continue
        if ytext.endswith(".0"):  # a year column that pandas read as float
            ytext = ytext[:-2]
        if not ytext.lstrip("+-").isdigit() or not (
                YEAR_RANGE[0] <= int(ytext) <= YEAR_RANGE[1]):
            problems.append(Problem(f"{d}: year must be a whole year", file=name, row=i + 2,
                                    column="year", value=r["year"],
                                    valid=f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}"))
            continue
        y = int(ytext)
        over = nonfinite_problems([v], [i + 2], file=name, what=f"{d} of {y}",
                                  unit=target[d], given=[number])
        if over:
            problems.extend(over)
            continue
        if y in out[d]:
            problems.append(Problem(f"two {d} values for {y}", file=name, row=i + 2,
                                    valid="one per year"))
        out[d][y] = v
        rows[d][y] = (i + 2, r)
    problems += [blank_year_problem(d, sorted(rows[d].values(), key=lambda lr: lr[0]),
                                    every[d], name)
                 for d in every if rows[d]]  # round 26 ZA33: a blank year holds every year
    for d, v in any_year.items():
        for y in years:
            out[d].setdefault(y, v)
    for d in out:
        for y in years:
            if y not in out[d]:
                if refused & {(d, str(y)), (d, ""), (d, "nan"), (d, "None")}:
                    continue  # its row is refused above: no follow-on problem
                other = "; ".join(f"'{k}' (row {v})" for k, v in list(unread.items())[:5])
                problems.append(Problem(f"no {d} for {y}", file=name, column="driver",
                                        valid=f"a row driver={d}, year={y}" + (
                                            f"; rows of other drivers, not read: {other}"
                                            if other else "")))
            elif not out[d][y] > 0:
                problems.append(Problem(f"{d} of {y} must be > 0", file=name, value=out[d][y]))
    if problems:
        raise (UnitError if all(p.column == "unit" for p in problems) else DataError)(
            problems, name)
    check_drivers(out, rows, name, every, copies=typed)  # accounting/decomposition_drivers.py
    return out["population"], out["gdp"], price_year, (name, others)


def _unit_reason(exc: Exception) -> str:
    """Why a unit did not convert, without the error's own ``valid:`` list or repetition."""
    text = str(exc).split("; valid:")[0].strip()
    head, _, tail = text.partition(" (")
    return head if tail.rstrip(")") == head else text


def _year(inv: Inventory) -> int:
    years = sorted(set(inv.energy["year"].tolist()) | set(inv.emissions["year"].tolist()))
    if len(years) != 1:
        raise DataError(Problem(f"inventory {inv.source} covers years {years}; decompose "
                                "needs one year per inventory", file=inv.source), "decompose")
    return int(years[0])


def _cells(inv: Inventory, gas: str) -> tuple[pd.DataFrame, float]:
    """Energy (tce) and emissions (t) of the counted energy cells; process emissions."""
    e = inv.energy[inv.energy["in_total"]]
    energy = e.groupby([e["sector"].astype(str), e["fuel"].astype(str)])[
        "standard_coal_tce"].sum()
    em = inv.by("sector", "fuel", gas=gas)
    process = float(em.loc[em["fuel"] == "", "value"].sum())
    em = em[em["fuel"] != ""].set_index(["sector", "fuel"])["value"]
    cells = pd.concat({"E": energy, "C": em}, axis=1).fillna(0.0)
    cells.index.names = ["sector", "fuel"]
    return cells, process


@checked
def intensities(inventory: Inventory, drivers: str | Path | pd.DataFrame | Mapping,
                gdp_price_year: int | None = None,
                gas: str = "CO2") -> pd.DataFrame:
    """Energy and emission intensities of one inventory's year.

    Parameters
    ----------
    inventory : Inventory
    drivers : DataFrame, path or dict
        As in :func:`decompose`.
    gdp_price_year : int, optional
        The year whose constant prices the GDP is in (or a ``price_year`` column; both
        given and different is a :class:`~carbonpath.DataError` naming both).
    gas : str
        ``CO2`` (default) or another gas / ``CO2e``.

    Returns
    -------
    pandas.DataFrame
        One row: ``year``, ``population`` (person), ``gdp_10k_CNY`` (万元, constant
        ``price_year`` prices), ``price_year``, ``energy_tce`` (the inventory's energy
        total), ``emissions_t`` (counted), ``energy_per_gdp`` (tce/万元),
        ``emissions_per_gdp`` (t/万元), ``emissions_per_person`` (t/person).

    Raises
    ------
    DataError
        Missing drivers, GDP without a price year (or one after this year), or a
        ``grid_emission_factor`` / ``thermal_power_coal_rate`` drivers row of the year that
        disagrees with the factor the inventory applied (round 22 M14).
    """
    y = _year(inventory)
    pop, gdp, py, others = _drivers(drivers, (y, y), gdp_price_year)
    DataError.collect(unread_driver_problems(others, [(y, inventory)]), others[0])  # M14
    return _intensity_rows([(y, inventory)], pop, gdp, py, gas)


def _intensity_rows(pairs: list[tuple[int, Inventory]], pop: dict[int, float],
                    gdp: dict[int, float], py: int, gas: str) -> pd.DataFrame:
    rows = []
    for y, inv in pairs:
        energy = float(inv.energy.loc[inv.energy["in_total"], "standard_coal_tce"].sum())
        counted = inv.by("year", gas=gas)  # (by() needs a dimension: round 26 ZA177)
        c = float(counted["value"].sum()) if len(counted) else 0.0
        rows.append({"year": y, "population": pop[y], "gdp_10k_CNY": gdp[y], "price_year": py,
                     "energy_tce": energy, "emissions_t": c,
                     "energy_per_gdp": energy / gdp[y], "emissions_per_gdp": c / gdp[y],
                     "emissions_per_person": c / pop[y]})
    return pd.DataFrame(rows)


@checked
def decompose(start: Inventory, end: Inventory,
              drivers: str | Path | pd.DataFrame | Mapping, *,
              gdp_price_year: int | None = None, gas: str = "CO2",
              sector_structure: bool = False) -> Decomposition:
    """Decompose the change of counted emissions between two inventories (additive LMDI-I).

    Parameters
    ----------
    start, end : Inventory
        Inventories of two years (one year each), computed with ``method="provincial"``
        (energy and emissions counted on the same rows: fossil combustion and net
        electricity imports).
    drivers : pandas.DataFrame, path or dict
        Population and GDP of both years: a table with columns ``driver``
        (``population``, ``gdp``), ``year`` (blank = every year), ``value``, ``unit``
        (``万人``, ``person``; ``亿元``, ``万元``, ``CNY``) and optionally ``price_year``,
        as ``datasets/*/drivers.csv``; or ``{year: {"population": Q_(595, "万人"),
        "gdp": Q_(2880, "亿元")}}``.
    gdp_price_year : int, optional
        The year whose constant prices the GDP is in; required unless the table has a
        ``price_year`` column. Both years' GDP must be in these prices; a column that states
        another year is a :class:`~carbonpath.DataError` naming both.
    gas : str
        ``CO2`` (default), or another gas or ``CO2e`` of the inventories.
    sector_structure : bool
        Split the fuel mix into the sectors' energy shares and the fuel mix within each
        sector (six factors instead of five).

    Returns
    -------
    Decomposition

    Raises
    ------
    DataError
        Missing drivers, GDP without a price year (or one after this year), an inventory
        covering several years, two inventories of the same year, inventories of different
        regions, of two primary-electricity conventions or (CO2e) two GWP sets
        (:mod:`~carbonpath.accounting.decomposition_pair`), a ``grid_emission_factor`` or
        ``thermal_power_coal_rate`` drivers row of a decomposed year that disagrees with the
        factor applied (:mod:`~carbonpath.accounting.decomposition_drivers`), or a cell
        that cannot be decomposed (emissions changing sign, emissions without energy),
        named with its sector and fuel.
    ValueError
        Inventories not computed with the provincial method.

    Warns
    -----
    SectorLevelWarning
        A sector that is its parent in one inventory and its sub-sectors in the other: the
        sub-sectors' cells of that fuel are summed into the parent in both years.
    FactorSourceWarning
        A factor that is a user file's in one inventory and the bundled tables' in the
        other (:func:`~carbonpath.accounting.decomposition_pair.warn_factor_sources`).
    IdenticalActivityWarning
        Both inventories hold the same activity in every row (sector, fuel, use, energy):
        the same file given twice?
    """
    for inv in (start, end):
        if inv.method != "provincial":
            msg = (f"decompose needs inventories with method='provincial' (energy and "
                   f"emissions counted on the same rows); {inv.source} has '{inv.method}'")
            raise ArgumentValueError(msg)
    years = (_year(start), _year(end))
    if years[0] == years[1]:  # the drivers' change would be read as zero, all to intensity
        raise DataError(Problem(
            f"the start inventory ({start.source}) and the end inventory ({end.source}) "
            f"are both of the year {years[0]}: decompose explains the change between two "
            "years, "
            "and with one year the population and GDP effects would be zero",
            file=end.source, column="year", value=years[1],
            valid=f"an end inventory of a later (or earlier) year than {years[0]}, computed "
                  "from that year's activity"), "decompose")
    places = [sorted({str(r) for r in inv.emissions["region"]} | {str(r) for r in
                                                                  inv.energy["region"]})
              for inv in (start, end)]
    if places[0] != places[1]:  # the change of one region between two years, never two
        raise DataError(Problem(
            f"the inventories are of different regions ({', '.join(places[0])} in "
            f"{start.source}; {', '.join(places[1])} in {end.source}); decompose explains "
            "one region's change between two years", file=end.source, column="region",
            valid=f"an inventory of {', '.join(places[0])}"), "decompose")
    check_pair(start, end, gas)  # round 22 M158, M161: one convention, one GWP set
    warn_identical_activity(start, end, years)  # round 25 Z35: one file typed twice
    warn_reverse_years(start, end, years)  # round 31 ZG10: START later than END
    pop, gdp, py, others = _drivers(drivers, years, gdp_price_year)
    DataError.collect(unread_driver_problems(  # round 22 M14
        others, [(years[0], start), (years[1], end)]), others[0])
    warn_one_sided_production((start._process, end._process), (start.source, end.source),
                              years)  # round 18 Q181
    warn_factor_sources(start, end)  # round 24 H29: a user factor of one year only
    c0, p0 = _cells(start, gas)
    c1, p1 = _cells(end, gas)
    cells = c0.add_suffix("0").join(c1.add_suffix("1"), how="outer").fillna(0.0)
    cells = common_level(cells, years)  # round 22 M130: a parent in one year only
    problems = []
    for (sector, fuel), r in cells.iterrows():
        for t in ("0", "1"):
            if r[f"C{t}"] != 0 and r[f"E{t}"] == 0:
                problems.append(Problem(
                    f"sector {sector}, fuel {fuel}: emissions without energy in "
                    f"{years[int(t)]}", valid="energy counted wherever emissions are"))
        if r["C0"] * r["C1"] < 0:
            problems.append(Problem(f"sector {sector}, fuel {fuel}: emissions change sign "
                                    f"({r['C0']:g} -> {r['C1']:g})",
                                    valid="cells of one sign (a net exporter's electricity "
                                          "cannot turn into a net importer's)"))
    DataError.collect(problems, "decompose")
    names = KAYA_STRUCTURE if sector_structure else KAYA
    x, zero = [], []
    for t, y in (("0", years[0]), ("1", years[1])):
        e_cell = cells[f"E{t}"].to_numpy()
        c_cell = cells[f"C{t}"].to_numpy()
        e_tot = e_cell.sum()
        e_sec = cells[f"E{t}"].groupby(level="sector").transform("sum").to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            cols = [np.full(len(cells), pop[y]), np.full(len(cells), gdp[y] / pop[y]),
                    np.full(len(cells), e_tot / gdp[y])]
            if sector_structure:
                cols += [e_sec / e_tot, np.where(e_sec != 0, e_cell / e_sec, np.nan)]
            else:
                cols += [e_cell / e_tot]
            cols += [np.where(e_cell != 0, c_cell / e_cell, np.nan)]
        x.append(np.column_stack(cols))
        # the factor that is zero where the cell has no emissions in this period
        mix = names.index("fuel_mix")
        zf = np.where(e_cell == 0, mix, len(names) - 1)
        if sector_structure:
            zf = np.where(e_sec == 0, names.index("sector_structure"), zf)
        zero.append(zf)
    cc0, cc1 = cells["C0"].to_numpy(), cells["C1"].to_numpy()
    zero_factor = np.where(cc0 == 0, zero[0], zero[1])
    eff = lmdi_additive(cc0, cc1, x[0], x[1], zero_factor=zero_factor)
    per = pd.DataFrame(eff, index=cells.index, columns=list(names))
    by_sector = per.groupby(level="sector").sum()
    if p0 or p1:
        by_sector.loc["industrial_processes", "process"] = p1 - p0
        by_sector = by_sector.fillna(0.0)
    total_effects = by_sector.sum()
    start_t, end_t = float(cc0.sum() + p0), float(cc1.sum() + p1)
    change = end_t - start_t
    effects = pd.DataFrame({"effect": total_effects})
    effects.loc["total"] = change
    effects["share_pct"] = effects["effect"] / change * 100 if change else np.nan
    inten = _intensity_rows([(years[0], start), (years[1], end)], pop, gdp, py, gas)
    return Decomposition(effects, by_sector, inten, start_t, end_t, years, gas, py,
                         tuple(by_sector.columns))
