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
           "check_part_year", "check_sheet_year", "check_title_region", "check_title_year",
           "part_of_year", "pick_sheet", "title_places", "years_in"]

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


#: A part of a year written in a title or sheet name, and the months it covers (a group
#: function of the match): 1-6月 (not 1-12月), 上半年, 一季度, 前三季度, 2022年6月, Q1, H1.
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PART_YEAR = (
    (re.compile(r"(?<!\d)(\d{1,2})\s*[-–—~～至到]\s*(\d{1,2})\s*月"),
     lambda m: int(m.group(2)) - int(m.group(1)) + 1),
    (re.compile(r"[上下]半年"), lambda m: 6),
    (re.compile(r"前([二三])季度?"), lambda m: 3 * _DIGITS[m.group(1)]),
    (re.compile(r"第?([一二三四1-4])\s*季度"), lambda m: 3),
    (re.compile(r"(?:19|20)\d{2}\s*年\s*(\d{1,2})\s*月(?!\s*(?:[-–—~～至到\d日号底末]|份?末))"),
     lambda m: 1),
    (re.compile(r"(?<![A-Za-z])Q[1-4](?![A-Za-z0-9])"), lambda m: 3),
    (re.compile(r"(?<![A-Za-z])H[12](?![A-Za-z0-9])"), lambda m: 6),
)


def part_of_year(text: str) -> tuple[str, int] | None:
    """The part of a year a title or sheet name states, as (the words, months), or None.

    Parameters
    ----------
    text : str
        A title cell or sheet name (``"聊城市能源平衡表 2022年1-6月"``).

    Returns
    -------
    (str, int) or None
        The words (``"1-6月"``) and the months they cover (6), for a range of months other
        than the whole year (1-12月), a half year (上半年), quarters (一季度, 前三季度), one
        month after a year (2022年6月), Q1-Q4 or H1-H2; None when the text names none.
    """
    for pattern, months in _PART_YEAR:
        m = pattern.search(str(text))
        if m is not None and 0 < months(m) < 12:
            return m.group(0).strip(), months(m)
    return None


def check_part_year(cells: list[list[Any]], lines: list[Any], header: int,
                    sheet: str | None, year: int | None, file: str) -> None:
    """Warn if the title above the header, or the sheet read, names a part of a year.

    A balance titled ``聊城市能源平衡表 2022年1-6月`` (a half-year table) was read as the
    year's balance: half a year of energy given as the annual inventory, with no word
    (round 29 ZE83). The inventory is of a whole year, so a title or sheet name naming part
    of one (:func:`part_of_year`) warns; the table may still hold the year (a title copied
    from a monthly table), so it does not refuse.

    Parameters
    ----------
    cells : list of list
        The sheet's cells by row.
    lines : list
        The line label (file line, Excel row) of each row.
    header : int
        Index of the header row in ``cells``; only the rows above it are the title.
    sheet : str or None
        The sheet read (None: a CSV or DataFrame).
    year : int or None
        The year the balance is read for, for the message.
    file : str
        The file's name, for the message.

    Warns
    -----
    BalanceYearWarning
        Naming the title cell (file, line, column number) or the sheet, the words, the
        months they cover and the share of a year's energy the table would hold.
    """
    places = [(f"{file}, line {lines[i]}, column {j + 1}: the title", str(cell))
              for i, row in enumerate(cells[:header]) for j, cell in enumerate(row)
              if cell is not None]
    if sheet is not None:
        places.insert(0, (f"{file}: the sheet", str(sheet)))
    for where, text in places:
        found = part_of_year(text)
        if found is None:
            continue
        words, months = found
        as_year = f"the year {year}" if year is not None else "a whole year"
        warnings.warn(
            f"{where} '{text.strip()}' names part of a year ({words}: {months} month"
            f"{'s' if months > 1 else ''}), but the balance is read as {as_year}: the "
            f"inventory, its totals and what is built on them (per-capita and intensity "
            f"figures, a pathway's base year) would hold about {months}/12 of a year's "
            "energy as the year's; use the whole year's balance (1-12月), or ignore this if "
            "the table holds the whole year", BalanceYearWarning, stacklevel=4)
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


#: A place name: a stem and an administrative suffix (自治区 before 区), or a one-character
#: county (莘县). Read from the start of each run of Chinese characters of the title's text
#: before 能源 (the place slot of 山东省德州市2022年能源平衡表), tokens one after another.
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,9}?"
                    r"(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|县|区|盟|旗)"
                    r"|[\u4e00-\u9fff]县")
#: Tokens of that shape that name no place (分地区: by region; 全县: the whole county).
_NOT_PLACES = frozenset({"分地区", "本地区", "全地区", "该地区", "各地区", "市辖区", "全辖区",
                         "本辖区", "全县", "本县", "该县", "各县", "分县", "分地市", "各地市"})


def title_places(text: str) -> list[str]:
    """Place names (``山东省``, ``德州市``, ``莘县``) a balance title states before 能源.

    Parameters
    ----------
    text : str
        One title cell (``"德州市能源平衡表(实物量) 2022年"``).

    Returns
    -------
    list of str
        The place tokens, in order, each a stem and an administrative suffix read from the
        start of a run of Chinese characters (a year's 年 dropped), until a run holds no
        more; empty when the cell holds no 能源 (a unit line, a source line) or no place.
    """
    at = text.find("能源")
    if at < 0:
        return []
    found = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text[:at]):
        run, pos = run.lstrip("年度月份"), 0
        while (m := _PLACE.match(run, pos)) is not None:
            if m.group(0) not in _NOT_PLACES:
                found.append(m.group(0))
            pos = m.end()
    return found


def _unknown_places(text: str, regions: Any) -> list[str]:
    """Places :func:`title_places` reads in ``text`` holding no bundled region's name."""
    names = [n for _, r in regions.table.iterrows()
             for n in [str(r["name_zh"]), *str(r["aliases"]).split(";")]
             if len(n) >= 2 and re.search(r"[\u4e00-\u9fff]", n)]
    return [p for p in title_places(text) if not any(n in p for n in names)]


def check_title_region(cells: list[list[Any]], lines: list[Any], header: int,
                       region: str | None, file: str) -> None:
    """Warn if the lines above the header name a region but not the one read.

    The title's regions are the bundled region table's provinces and cities whose Chinese
    name or alias (``浙江``, ``浙江省``, ``聊城市``) the title holds, and the places the table
    does not hold that the title states before 能源 (:func:`title_places`: ``德州市``,
    ``东昌府区``; round 29 ZE81: another city of Shandong had passed as Liaocheng). Nothing
    is checked when it names none or ``region`` is not in the table.

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
        balance read as its province), or a place the region table does not hold (another
        city, a district of the city), naming the title cell (file, line, column number),
        the regions and places it names and ``region``.
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
            unknown = _unknown_places(text, regions)
            if not named and not unknown:
                continue
            inside = {n for n in named if n != code and code in regions.chain(n)}
            if code in named and not inside and not unknown:
                return
            shown = ", ".join([*sorted(named), *unknown])
            own = list(dict.fromkeys(
                str(n) for n in (regions.table.at[code, "name_zh"],
                                 *str(regions.table.at[code, "aliases"]).split(";"))
                if re.search(r"[\u4e00-\u9fff]", str(n))))
            other = ((f" ({'; '.join(unknown) + ': ' if named else ''}a place other than "
                      f"{code}, whose names are {', '.join(own) or code})") if unknown else "")
            warnings.warn(
                f"{file}, line {lines[i]}, column {j + 1}: the title '{text.strip()}' names "
                f"{shown}{other}, but the balance is read as {code}: every factor of {code} "
                f"(the grid factor of its net imports) and its totals are labelled {code}; "
                f"pass --region naming the region of the title, or use the balance of {code}",
                BalanceRegionWarning, stacklevel=4)
            return
