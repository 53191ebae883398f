"""The dataset's driver checks, applied to the drivers of a decomposition.

:func:`carbonpath.accounting.decompose` and :func:`carbonpath.accounting.intensities` read
population and GDP by year from a drivers file (``driver, year, value, unit, price_year``).
A slip there changes the affluence and intensity effects without a word: GDP in 元 for 亿元
gave intensities of 88 million tce/万元 (round 19, T61), GDP 110 for 1100 亿元 an affluence
effect of -44.8 Mt (T63). The checks are those of a dataset's ``drivers.csv``
(:mod:`carbonpath.dataset.slips`, :mod:`carbonpath.dataset.absolute`,
:mod:`carbonpath.dataset.series_slips`):

* refused (:class:`~carbonpath.errors.ImplausibleValueError`): a population outside
  :data:`~carbonpath.dataset.absolute.DRIVER_RANGES`; a step of more than
  :data:`~carbonpath.dataset.slips.STEP` (x10) between two given years; GDP per person outside
  :data:`~carbonpath.dataset.absolute.GDP_PER_PERSON` (a 元 or 万元 for 亿元 slip);
* warned of: GDP per person outside the usual band of real cities,
  :data:`~carbonpath.dataset.absolute.GDP_PER_PERSON_USUAL` (10,000 .. 350,000 CNY,
  :class:`~carbonpath.dataset.absolute.UnusualDriverWarning`); a GDP whose mean annual change
  between two given years leaves :data:`~carbonpath.dataset.series_slips.GDP_GROWTH`, or one
  year x5 off both neighbours
  (:class:`~carbonpath.dataset.series_slips.SeriesSlipWarning`); GDP of two given years
  equal (:class:`CopiedDriverWarning`, round 30 ZF227: a cell copied from the year before,
  far more often than an economy that did not grow; the affluence effect is then nil and
  the whole change of energy per GDP is booked as intensity: 2600 亿元 in 2021 and 2022 gave
  an intensity effect of +1,053 kt CO2 where 2750 gave -585). Population is not judged so:
  a population rounded to 万人 is often the same in two years.

A row whose ``plausibility`` column reads ``override: <reason>`` turns a refusal into a
warning, as in a dataset.

Before the values, the table's shape (:func:`table_problems`, round 20): a column carbonpath
does not read is refused, as ``init``'s ``drivers.csv`` refuses it (a ``region`` column of
CN-ZJ had been ignored and Zhejiang's drivers used for Shandong, W76; two population rows
told apart only by it were "two values for 2021", W77); and a gdp row with a blank
``price_year`` beside gdp rows that state one is refused (it had taken the other rows' year,
though a blank may be a current-price figure, W133).
"""

from __future__ import annotations

import itertools
import re
import warnings
from typing import Any

import pandas as pd

from carbonpath._headers import labelled_headers, labelled_text
from carbonpath.errors import CarbonpathWarning, DataError, Problem
from carbonpath.numbers import parse_number

__all__ = ["COLUMNS", "READ_ELSEWHERE", "CopiedDriverWarning", "blank_year_problem",
           "check_drivers", "copied_gdp_warnings", "file_price_year", "price_year_problems",
           "table_problems", "unread_driver_problems"]

class CopiedDriverWarning(CarbonpathWarning):
    """A decomposition's GDP is the same in two given years (a copied cell?, round 30)."""


#: the columns of a decomposition's drivers table (``source`` and ``note`` are free text)
COLUMNS = ("driver", "year", "value", "unit", "price_year", "plausibility", "source", "note")
_REGION_COLUMNS = ("region", "地区", "city", "城市", "province", "省份")
#: Drivers of a dataset's ``drivers.csv`` whose quantity an inventory takes from the factor
#: tables instead: name -> (factor item, quantity, unit compared in, what it is). decompose
#: reads only gdp and population; such a row that disagrees with the factor the inventories
#: applied is refused (round 22 M14: a grid factor of 0.60 -> 0.58 was dropped without a
#: word while the bundled 0.6838 -> 0.641 made the emission-factor effect).
READ_ELSEWHERE = {
    "grid_emission_factor": ("electricity", "emission_factor", "t CO2/MWh",
                             "the grid factor of net electricity imports"),
    "thermal_power_coal_rate": ("electricity", "coal_rate", "gce/kWh",
                                "the coal rate of primary electricity (coal_consumption)")}


def table_problems(df: pd.DataFrame, name: str, price_year: int | None) -> list[Problem]:
    """Unread columns, and gdp rows without a price year beside rows with one.

    Parameters
    ----------
    df : pandas.DataFrame
        The drivers table as read (row ``i`` is file line ``i + 2``).
    name : str
        The file's name, for messages.
    price_year : int or None
        The ``gdp_price_year=`` option (``--gdp-price-year``): it states the price year of
        gdp rows whose ``price_year`` cell is blank.

    Returns
    -------
    list of Problem
        Empty when the table's shape is sound.
    """
    problems = []
    labelled = labelled_headers([str(c).strip() for c in df.columns], COLUMNS)
    for col in df.columns:
        c = str(col).strip()
        if c in COLUMNS:
            continue
        why = ("unknown column: it would not be read" if c not in labelled
               else labelled_text(c, labelled[c]))  # round 28 KD92: 指标 driver
        if c.lower() in _REGION_COLUMNS:
            values = sorted({str(v).strip() for v in df[col]} - {"", "nan", "None"})
            why = (f"a {c} column ({', '.join(values[:4]) or 'blank'}) is not read: the "
                   "drivers of a decomposition are those of its inventories' one region, "
                   "whatever the column says; keep that region's rows only and drop the "
                   "column")
        problems.append(Problem(why, file=name, row=1, column=c, valid=", ".join(COLUMNS)))
    if "price_year" in df.columns and "driver" in df.columns and price_year is None:
        gdp = [(i + 2, str(v).strip()) for i, (v, d) in enumerate(
            zip(df["price_year"], df["driver"], strict=True)) if str(d).strip() == "gdp"]
        stated = [(line, v) for line, v in gdp if v not in ("", "nan", "None")]
        blank = [line for line, v in gdp if v in ("", "nan", "None")]
        if stated and blank:
            line, year = stated[0]
            year = year[:-2] if year.endswith(".0") else year
            problems.extend(Problem(
                f"gdp has no price_year while row {line} states {year}: a blank is not "
                f"taken as {year} (it may be a current-price figure)", file=name, row=b,
                column="price_year", valid=f"the year of this row's constant prices ({year} "
                f"if it is at {year} prices; deflate a current-price figure first)")
                for b in blank)
    return problems



def blank_year_problem(driver: str, others: list[tuple[int, dict]], blank: tuple[int, dict],
                       name: str) -> Problem:
    """A row without a year beside other rows of its driver (round 26 ZA33).

    A blank year holds every year (as in a dataset's ``drivers.csv``, which refuses the
    mix), so a blank-year row beside rows with a year gives two values for each of their
    years, and a second blank-year row two values for every year: population 2021 595 and
    2022 598 万人 beside ``population,,600,万人`` had dropped the 600 without a word (the
    last of two blank rows had been taken likewise).

    Parameters
    ----------
    driver : str
        ``population`` or ``gdp``.
    others : list of (int, dict)
        The driver's other rows (file line, row as read), all dated or one blank.
    blank : (int, dict)
        The row without a year (file line, row as read), where the problem is named.
    name : str
        The file's name.

    Returns
    -------
    Problem
        Naming the blank row, the others with their values and years, and the cure.
    """
    line, row = blank

    def shown(at: int, r: dict) -> str:
        """``row 3: 598 万人 in 2022`` (no year: ``row 6: 600 万人``)."""
        year = _year_text(r.get("year"))
        return f"row {at}: {r['value']} {r['unit']}" + (f" in {year}" if year else "")

    years = [_year_text(r.get("year")) for _, r in others]
    dated = [y for y in years if y]
    listed = (", ".join(dated[:-1]) + " and " if len(dated) > 1 else "") + (dated or [""])[-1]
    clash = (f"two {driver} values for {listed}" if dated
             else f"two {driver} values for every year")
    kind = "rows with a year" if dated else "another row without a year"
    return Problem(
        f"{driver} has a row without a year ({shown(line, row)}), which holds every year, "
        f"beside {kind} ({'; '.join(shown(at, r) for at, r in others[:6])}"
        f"{' ...' if len(others) > 6 else ''}): {clash}; carbonpath does not pick between "
        "them", file=name, row=line, column="year",
        valid=f"give every {driver} row its year, or keep one {driver} row without a year "
              "(as a dataset's drivers.csv); delete the row that is wrong")


def _year_text(value: Any) -> str:
    """A year cell as written: ``2022`` for 2022 or 2022.0, ``""`` for a blank."""
    text = str(value).strip()
    if text in ("", "nan", "None"):
        return ""
    return text[:-2] if text.endswith(".0") else text

def _rows_text(rows: list[int]) -> str:
    """``row 2`` or ``rows 2 and 3`` or ``rows 2, 3 ... 7``."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    shown = ", ".join(map(str, rows[:-1][:5])) + (" ..." if len(rows) > 6 else "")
    return f"rows {shown} and {rows[-1]}"


def file_price_year(df: pd.DataFrame, name: str,
                    price_year: int | None) -> tuple[int | None, list[int]]:
    """The GDP price year the gdp rows' ``price_year`` column states, with its rows.

    Parameters
    ----------
    df : pandas.DataFrame
        The drivers table as read (row ``i`` is file line ``i + 2``).
    name : str
        The file's name, for messages.
    price_year : int or None
        The ``gdp_price_year=`` option (``--gdp-price-year``).

    Returns
    -------
    (int or None, list of int)
        The year (the column's, else the option's, else None) and the rows that state it
        (empty when it is the option's).

    Raises
    ------
    DataError
        Naming the rows (round 25 Z143: the messages named the column only): a price year
        that is not a whole year (``2021年``: write 2021), gdp rows of several price years,
        or a column's year other than the option's (round 15 K20).
    """
    if "price_year" not in df.columns:
        return price_year, []
    said: dict[str, list[int]] = {}
    for i, (v, d) in enumerate(zip(df["price_year"], df["driver"], strict=True)):
        text = str(v).strip()
        if str(d).strip() == "gdp" and text not in ("", "nan", "None", "<NA>"):
            said.setdefault(text[:-2] if text.endswith(".0") else text, []).append(i + 2)
    if not said:
        return price_year, []
    if len(said) > 1:
        each = "; ".join(f"{y} ({_rows_text(r)})" for y, r in said.items())
        raise DataError(Problem(f"GDP in prices of several years: {each}", file=name,
                                row=next(iter(said.values()))[0], column="price_year",
                                valid="one price year for every gdp row (deflate the others "
                                      "to it)"), name)
    text, rows = next(iter(said.items()))
    if not text.lstrip("+-").isdigit():
        year = re.fullmatch(r"\s*(\d{4})\s*年?\s*(?:价格|不变价)?\s*", text)
        raise DataError(Problem(
            f"price_year must be a whole year ({_rows_text(rows)} of the gdp rows)", file=name,
            row=rows[0], column="price_year", value=text,
            valid=f"{year[1]} (the year alone)" if year else "a year, e.g. 2020"), name)
    if price_year is not None and int(text) != price_year:  # round 15 K20
        raise DataError(Problem(
            f"the gdp rows state price_year {int(text)} ({_rows_text(rows)}), the option "
            f"(--gdp-price-year / gdp_price_year=) {price_year}: the option would silently "
            "relabel GDP in another year's prices", file=name, row=rows[0],
            column="price_year", value=int(text),
            valid=f"leave the option out (the file's {int(text)}), or give GDP at "
                  f"{price_year} prices and write {price_year} in the column"), name)
    return int(text), rows


def price_year_problems(price_year: int, name: str,
                        rows: list[int] | None = None) -> list[Problem]:
    """A GDP price year later than this calendar year (round 22 M152).

    Constant prices are those of a year whose price index is known: GDP "at 2030 prices"
    of 2021 and 2022 cannot have been deflated, and was labelled so in every intensity.
    A later price year than the inventories' (a series rebased to 2020 prices for 2015 ..
    2019) is usual and passes.

    ``rows``: the file's rows that state the year (none: the option's year).

    Returns
    -------
    list of Problem
        Empty, or one naming the option/column value (and rows) and the years that are valid.
    """
    import datetime

    now = datetime.date.today().year
    if price_year <= now:
        return []
    where = f" ({_rows_text(rows)})" if rows else ""
    return [Problem(f"GDP at constant prices of {price_year}{where}: the prices of "
                    f"{price_year} are not known yet (this is {now}), so no GDP can have been "
                    "deflated to them", file=name, row=rows[0] if rows else None,
                    column="price_year", value=price_year,
                    valid=f"the year whose constant prices the GDP is in, {now} or earlier "
                          "(often a census or base year such as 2020)")]


def unread_driver_problems(others: tuple[str, list[tuple[int, dict]]],
                           inventories: list[tuple[int, Any]]) -> list[Problem]:
    """Rows of :data:`READ_ELSEWHERE` drivers that disagree with the factor applied.

    Parameters
    ----------
    others : tuple
        ``(file name, [(file line, row as read), ...])``: the rows of drivers other than gdp
        and population.
    inventories : list of (int, Inventory)
        The decomposition's years and inventories; a row of another year, or of a quantity
        an inventory did not apply (no electricity imports), is not compared.

    Returns
    -------
    list of Problem
        One per row whose value differs from the applied factor by more than 0.5 %,
        naming the file, row, both values and how to use the row's value.
    """
    from carbonpath.units import Q_, parse_unit

    name, rows = others
    problems = []
    for line, r in rows:
        d = str(r.get("driver", "")).strip()
        if d not in READ_ELSEWHERE:
            continue
        item, quantity, unit, what = READ_ELSEWHERE[d]
        ytext = str(r.get("year", "")).strip().removesuffix(".0")
        for year, inv in inventories:
            if ytext not in ("", "nan", "None", str(year)):
                continue
            prov = inv.provenance
            if not len(prov):
                continue
            used = prov[(prov["item"] == item) & (prov["quantity"] == quantity)]
            if not len(used):
                continue  # the inventory has no row that applies it
            try:
                given = float(Q_(parse_number(r["value"]), parse_unit(str(r["unit"])))
                              .to(unit).magnitude)
                applied = [float(Q_(float(v), parse_unit(str(u))).to(unit).magnitude)
                           for v, u in zip(used["value"], used["unit"], strict=True)]
            except Exception:  # a row carbonpath cannot read is not compared
                continue
            if all(abs(given - a) <= 0.005 * abs(a) for a in applied):
                continue
            text = ", ".join(f"{a:g}" for a in dict.fromkeys(applied))
            problems.append(Problem(
                f"{d} of {year} ({given:g} {unit}) is not read by decompose: {what} of the "
                f"{year} inventory comes from the factor tables ({text} {unit}), so the "
                "row would be dropped and the emission-factor and intensity effects rest "
                "on another value", file=name, row=line, column="driver", value=d,
                valid=f"the row's value as a user factor row ({item},{quantity},...,{year}; "
                      "--factors / factors=, docs/factors.md) for the inventories, or "
                      "drop the row"))
            break
    return problems


def check_drivers(values: dict[str, dict[int, float]],
                  rows: dict[str, dict[int, tuple[int, dict]]], name: str,
                  every: dict[str, tuple[int, dict]] | None = None,
                  copies: bool = True) -> None:
    """Check a decomposition's population and GDP (see the module docstring).

    Parameters
    ----------
    values : dict
        ``{"population": {year: persons}, "gdp": {year: 万元}}``, converted.
    rows : dict
        ``{driver: {year: (file line, row as read)}}`` of the rows with a year (the row has
        ``value``, ``unit`` and, optionally, ``plausibility``).
    name : str
        The drivers file's name, for messages.
    every : dict, optional
        ``{driver: (file line, row as read)}`` of a row without a year (the value of every
        year without a row of its own).
    copies : bool
        Whether to warn of GDP equal in two years (:func:`copied_gdp_warnings`): a table's
        cells; not drivers given as a mapping of Quantities, written in code on purpose.

    Raises
    ------
    ImplausibleValueError
        Naming the file, row, column ``value``, the value and the range or value compared
        with.

    Warns
    -----
    UnusualDriverWarning, SeriesSlipWarning
        As in a dataset.
    CopiedDriverWarning
        GDP equal in two given years of a table (round 30 ZF227).
    """
    from carbonpath.dataset.absolute import (
        DRIVER_RANGES,
        UnusualDriverWarning,
        per_person_problems,
        usual_per_person,
    )
    from carbonpath.dataset.series_slips import SeriesSlipWarning, driver_series_warnings
    from carbonpath.dataset.slips import OVERRIDE_HINT, STEP, within_step
    from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
    from carbonpath.plausibility import is_override

    every = every or {}
    found: list[tuple[Problem, list[Any]]] = []
    pop = DRIVER_RANGES["population"]
    dated = [(y, line, r, values["population"][y])
             for y, (line, r) in sorted(rows["population"].items())]
    if "population" in every and any(y not in rows["population"]
                                     for y in values["population"]):
        y = next(y for y in sorted(values["population"]) if y not in rows["population"])
        dated.append((y, *every["population"], values["population"][y]))
    for y, line, r, persons in dated:
        if not pop.low <= persons <= pop.high:
            found.append((Problem(
                f"implausible population of {y}: {persons:.4g} persons, "
                f"outside {pop.low:g} .. {pop.high:g} ({pop.basis}); probably a unit slip "
                "(人 for 万人)", file=name, row=line, column="value", value=r["value"],
                valid=f"{pop.low:g} .. {pop.high:g} person; {OVERRIDE_HINT}"), [r]))
    for d, given in rows.items():
        for y0, y1 in itertools.pairwise(sorted(given)):
            ratio = values[d][y1] / values[d][y0]
            if within_step(ratio):
                continue
            (_, r0), (line, r1) = given[y0], given[y1]
            found.append((Problem(
                f"implausible {d}: {r1['value']} {r1['unit']} in {y1} is {ratio:.3g} times "
                f"the {r0['value']} {r0['unit']} of {y0} (x{STEP:g} or /{STEP:g} or more "
                "between two given years); probably a unit or digit slip "
                f"({'人 for 万人' if d == 'population' else '万元 for 亿元'})",
                file=name, row=line, column="value", value=r1["value"],
                valid=f"less than x{STEP:g} from {r0['value']} {r0['unit']}; {OVERRIDE_HINT}"),
                [r0, r1]))
    frame = _frame(values, rows, every)

    def file_row(_table: str, line: Any) -> dict[str, Any]:
        """The ``file`` and ``row`` fields naming ``line`` of this file, for a Problem."""
        return {"file": name, "row": line}

    if not found:  # a step or population already named: no follow-on per-person finding
        found += per_person_problems(frame, file_row)  # round 19 T61
    out = []
    for problem, involved in found:
        if any(is_override(r.get("plausibility")) for r in involved):
            warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=5)
        else:
            out.append(problem)
    if out:
        raise ImplausibleValueError(out, name)
    if found:
        return  # overridden: the warnings below would repeat them
    years = sorted(values["gdp"])
    for text in usual_per_person(frame, years[-1] if years else 0, file_row):
        warnings.warn(text, UnusualDriverWarning, stacklevel=5)  # round 19 T61
    for text in driver_series_warnings(frame, lambda line: f"{name}, row {line}"):
        warnings.warn(text, SeriesSlipWarning, stacklevel=5)  # round 19 T63
    for text in copied_gdp_warnings(values["gdp"], rows["gdp"], name) if copies else []:
        warnings.warn(text, CopiedDriverWarning, stacklevel=5)  # round 30 ZF227


def copied_gdp_warnings(gdp: dict[int, float], rows: dict[int, tuple[int, dict]],
                        name: str) -> list[str]:
    """One text per pair of given years (next to each other) whose GDP is the same.

    Parameters
    ----------
    gdp : dict
        ``{year: GDP in 万元}``, converted.
    rows : dict
        ``{year: (file line, row as read)}`` of the gdp rows with a year.
    name : str
        The drivers file's name, for messages.

    Returns
    -------
    list of str
        Naming both rows, the value, and what to give instead; empty when a row of the
        pair holds ``override: <reason>`` in its ``plausibility`` column.
    """
    from carbonpath.plausibility import OVERRIDE, is_override

    out = []
    for y0, y1 in itertools.pairwise(sorted(rows)):
        (line0, r0), (line1, r1) = rows[y0], rows[y1]
        if gdp[y0] != gdp[y1] or any(is_override(r.get("plausibility")) for r in (r0, r1)):
            continue
        out.append(
            f"{name}, row {line1}: gdp of {y1} ({r1['value']} {r1['unit']}) is the same as "
            f"gdp of {y0} (row {line0}: {r0['value']} {r0['unit']}): a cell copied from the "
            "other year? With GDP unchanged the affluence effect is nil (population alone "
            "moves it) and the whole change of energy per GDP is booked as energy intensity. "
            f"Give {y1}'s GDP (at the price year of {y0}'s); if the economy did not grow, "
            f"write '{OVERRIDE} <reason>' in a 'plausibility' column of either row")
    return out


def _frame(values: dict[str, dict[int, float]], rows: dict[str, dict[int, tuple[int, dict]]],
           every: dict[str, tuple[int, dict]]) -> pd.DataFrame:
    """The drivers as a dataset's ``drivers.csv`` rows as written (index = file line).

    The rows with a year, and a row without a year (year blank) where some year uses it.
    """
    recs, index = [], []
    for d in ("gdp", "population"):
        used = [(line, r, y) for y, (line, r) in sorted(rows[d].items())]
        if d in every and any(y not in rows[d] for y in values[d]):
            used.append((*every[d], None))
        for line, r, y in used:
            recs.append({"driver": d, "year": y, "value": parse_number(r["value"]),
                         "unit": str(r["unit"]).strip(), "plausibility": r.get("plausibility")})
            index.append(line)
    return pd.DataFrame(recs, index=index,
                        columns=["driver", "year", "value", "unit", "plausibility"])
