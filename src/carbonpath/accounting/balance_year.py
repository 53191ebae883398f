"""Which year an energy balance is of: its sheet's name and its title (A81, A82).

A workbook of several yearly sheets (``2021``, ``2022``) read for ``year=2022`` without a
sheet named read the first sheet, and a CSV titled ``聊城市2021年能源平衡表`` read for 2022 was
labelled 2022 without a word. :func:`pick_sheet` chooses the sheet named after the year (or
refuses when none or several could be meant); :func:`check_title_year` warns when the title
above the header names other years only, naming the title cell. :func:`check_title_region`
does the same for the region (round-11 C135: a balance titled ``浙江省宁波市2022年能源平衡表``
read with ``--region 聊城`` got Shandong's grid factor without a word).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Any

from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["BalanceRegionWarning", "BalanceYearWarning", "HiddenSheetWarning",
           "check_sheet_year", "check_title_region", "check_title_year", "pick_sheet",
           "years_in"]

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年|(?:year|yr)\s*((?:19|20)\d{2})(?!\d)",
                         re.I)


class BalanceYearWarning(CarbonpathWarning):
    """A balance is read for a year its title does not name (A82)."""


class HiddenSheetWarning(CarbonpathWarning):
    """A workbook's hidden sheets were passed over when choosing the sheet (round 13 G83)."""


class BalanceRegionWarning(CarbonpathWarning):
    """A balance is read for a region its title does not name (round 11 C135)."""


def years_in(text: str) -> set[int]:
    """The four-digit years (1900-2099) written in a sheet name."""
    return {int(y) for y in _YEAR.findall(str(text))}


def pick_sheet(names: Sequence[str], year: int | None, file: str,
               hidden: Sequence[str] = ()) -> str:
    """The sheet of a workbook to read when no sheet is given.

    Parameters
    ----------
    names : sequence of str
        The workbook's sheet names, in order.
    year : int or None
        The year the balance is read for (``--year``, init's base year).
    file : str
        The workbook's name, for messages.
    hidden : sequence of str, optional
        The sheets Excel does not show (hidden or very hidden). They are never chosen
        without ``--sheet``: a hidden first sheet (an old draft) was read in place of the
        sheet the user sees (round 13 G83).

    Returns
    -------
    str
        Of the visible sheets: the one sheet whose name holds ``year`` (``"2022"``,
        ``"2022年"``, ``"Table 2022"``); the first visible sheet if there is one, no year
        is given, or no sheet name holds a year.

    Raises
    ------
    DataError
        If several sheet names hold ``year``, or sheet names hold years but not ``year``
        (the first sheet would be a balance of another year), or only a hidden sheet is
        named after ``year``, naming the sheets and ``--sheet``.

    Warns
    -----
    HiddenSheetWarning
        When hidden sheets were passed over, naming them and ``--sheet``.
    """
    skipped = [n for n in names if n in set(hidden)]
    visible = [n for n in names if n not in set(hidden)]
    if not skipped or not visible:
        return _pick_visible(list(names), year, file)
    if year is not None and not any(year in years_in(n) for n in visible) and any(
            year in years_in(n) for n in skipped):
        raise DataError(Problem(
            f"only hidden sheets are named after the year {year} "
            f"({', '.join(n for n in skipped if year in years_in(n))}): Excel does not show "
            "them, so which sheet is meant is unclear", file=file, column="sheet", value=year,
            valid="--sheet (sheet=) naming the sheet to read, one of: " + ", ".join(names)),
            "energy balance")
    chosen = _pick_visible(visible, year, file)
    warnings.warn(HiddenSheetWarning(
        f"{file}: read the visible sheet '{chosen}'; the hidden sheet(s) "
        f"{', '.join(repr(n) for n in skipped)} were not read (--sheet names one to read it)"),
        stacklevel=2)
    return chosen


def _pick_visible(names: list[str], year: int | None, file: str) -> str:
    """:func:`pick_sheet` among the sheets a user sees."""
    if year is None:
        return names[0]
    named = {n: years_in(n) for n in names}
    match = [n for n, ys in named.items() if year in ys]
    if len(match) == 1:
        return match[0]
    dated = [n for n, ys in named.items() if ys]
    if len(names) == 1 and dated:  # round 21 J113: one sheet, named after another year
        shown = ", ".join(str(y) for y in sorted(named[names[0]]))
        msg = (f"the workbook's one sheet '{names[0]}' is named after the year {shown}, not "
               f"{year}: it would be read as a balance of {year}, with {year}'s factors")
        valid = (f"--year {shown} (year=) if the balance is of that year; or --sheet "
                 f"'{names[0]}' (sheet=) to read it as {year} all the same (a yearbook edition "
                 f"named {shown} may hold an earlier year's balance)")
    elif len(match) > 1:
        msg = f"{len(match)} sheets are named after the year {year}, so the one meant is unclear"
        valid = "--sheet (sheet=) naming one of: " + ", ".join(match)
    elif dated:
        msg = (f"no sheet is named after the year {year}, but sheets are named after other "
               f"years ({', '.join(dated)}): the first sheet would be a balance of another year")
        valid = (f"--sheet (sheet=) naming the sheet of {year}, one of: " + ", ".join(names))
    else:
        return names[0]
    raise DataError(Problem(msg, file=file, column="sheet", value=year, valid=valid),
                    "energy balance")


def check_sheet_year(sheet: str | None, year: int | None, file: str) -> None:
    """Warn if the sheet read (named by ``--sheet``) is named after years but not ``year``.

    Without a sheet named, :func:`pick_sheet` refuses a workbook whose sheets are named
    after other years only; a sheet named on purpose is read, and this says what it is
    read as (round 21 J113: ``--sheet 2022 --year 2021`` read 2022's balance with 2021's
    factors without a word).

    Parameters
    ----------
    sheet : str or None
        The sheet read (None: a CSV, nothing to check).
    year : int or None
        The year the balance is read for.
    file : str
        The file's name (with the sheet), for the message.

    Warns
    -----
    BalanceYearWarning
        Naming the sheet, the years its name holds and ``year``.
    """
    years = years_in(sheet) if sheet is not None else set()
    if year is None or not years or year in years:
        return
    shown = ", ".join(str(y) for y in sorted(years))
    warnings.warn(
        f"{file}: the sheet '{sheet}' is named after the year {shown}, but the balance is "
        f"read as the year {year}: every factor of {year} (the grid factor of its net "
        f"imports) is applied to it; pass the year {shown} if the sheet is that year's "
        f"balance, or ignore this if it holds {year}'s (a yearbook edition named after the "
        "year it is published)", BalanceYearWarning, stacklevel=4)


def check_title_year(cells: list[list[Any]], lines: list[Any], header: int,
                     year: int | None, file: str) -> None:
    """Warn if the lines above the header name a year (``2021年``) but not ``year``.

    Parameters
    ----------
    cells : list of list
        The sheet's cells by row.
    lines : list
        The line label (file line, Excel row) of each row.
    header : int
        Index of the header row in ``cells``; only the rows above it are the title.
    year : int or None
        The year the balance is read for; None: nothing to check.
    file : str
        The file's name, for the message.

    Warns
    -----
    BalanceYearWarning
        Naming the title cell (file, line, column number), the years it names and ``year``.
    """
    if year is None:
        return
    for i, row in enumerate(cells[:header]):
        for j, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            years = {int(a or b) for a, b in _TITLE_YEAR.findall(text)}
            if years and year not in years:
                shown = ", ".join(str(y) for y in sorted(years))
                warnings.warn(
                    f"{file}, line {lines[i]}, column {j + 1}: the title '{text.strip()}' "
                    f"names the year {shown}, but the balance is read as the year {year}: "
                    f"every factor of {year} (the grid factor of its net imports) is applied "
                    f"to it; pass the year {shown} if the balance is of that year, or use "
                    f"the {year} balance", BalanceYearWarning, stacklevel=4)
                return


_TITLE_LEVELS = ("province", "city", "county", "district")


def _named_regions(text: str) -> set[str]:
    """Codes of the bundled regions (provinces and below) whose Chinese name is in ``text``."""
    from carbonpath.factors.load import bundled_factors

    table = bundled_factors().regions.table
    found = set()
    for code, r in table.iterrows():
        if str(r["level"]) not in _TITLE_LEVELS:
            continue
        names = [str(r["name_zh"]), *str(r["aliases"]).split(";")]
        if any(len(n) >= 2 and re.search(r"[\u4e00-\u9fff]", n) and n in text
               for n in names):
            found.add(str(code))
    return found


def check_title_region(cells: list[list[Any]], lines: list[Any], header: int,
                       region: str | None, file: str) -> None:
    """Warn if the lines above the header name a region but not the one read.

    The title's regions are the bundled region table's provinces and cities whose Chinese
    name or alias (``浙江``, ``浙江省``, ``聊城市``) the title holds. Nothing is checked when
    it names none (a city the table does not hold) or ``region`` is not in the table.

    Parameters
    ----------
    cells : list of list
        The sheet's cells by row.
    lines : list
        The line label (file line, Excel row) of each row.
    header : int
        Index of the header row in ``cells``; only the rows above it are the title.
    region : str or None
        The region the balance is read for (a code or name, ``--region``); None: nothing
        to check.
    file : str
        The file's name, for the message.

    Warns
    -----
    BalanceRegionWarning
        When the title does not name ``region``, or also names a region inside it (a city's
        balance read as its province), naming the title cell (file, line, column number),
        the regions it names and ``region``.
    """
    if region is None:
        return
    from carbonpath.factors.load import bundled_factors

    regions = bundled_factors().regions
    code = regions.resolve(region)
    if code is None:
        return
    for i, row in enumerate(cells[:header]):
        for j, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            named = _named_regions(text)
            if not named:
                continue
            inside = {n for n in named if n != code and code in regions.chain(n)}
            if code in named and not inside:
                return
            shown = ", ".join(sorted(named))
            warnings.warn(
                f"{file}, line {lines[i]}, column {j + 1}: the title '{text.strip()}' names "
                f"{shown}, but the balance is read as {code}: every factor of {code} (the "
                f"grid factor of its net imports) and its totals are labelled {code}; pass "
                f"--region naming the region of the title, or use the balance of {code}",
                BalanceRegionWarning, stacklevel=4)
            return
