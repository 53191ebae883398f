"""The published energy balance sheet (能源平衡表) -> carbonpath's tidy activity data.

China's statistical yearbooks publish a region's energy balance as a wide table: rows from
supply (production, inflows, imports, outflows, exports, bunkers, stock change) through
transformation (inputs negative, outputs positive: thermal power, heat supply, coal
washing, coking, refining, gas making ...), losses and final consumption by sector to the
statistical difference and total consumption; columns are energy products in physical
units (万吨, 亿立方米 at 20 °C, 亿千瓦时, 万百万千焦 = 1e10 kJ) and often a total in 万吨标准煤.

:func:`read_energy_balance` reads such a sheet (CSV in UTF-8 or GBK, Excel, or a
DataFrame), checks its totals, and returns a :class:`BalanceSheet` holding

* ``flows``: every number of the sheet as a tidy table (lossless; :meth:`BalanceSheet.to_wide`
  writes it back);
* ``activity``: the core's tidy activity table (:func:`carbonpath.read_activity`), built so
  that nothing is counted twice: fuel burned by thermal power and heat plants is combustion
  in ``thermal_power`` / ``heat_supply``; fuel entering coking, refining, gas making and the
  other transformation rows is ``transformation_input`` (counted where its products are
  used); transformation outputs, losses, the statistical difference and totals stay in the
  flows and are reported, not turned into activity;
* ``supply``: the supply side by fuel, for the reference approach.

How the sheet's rows and columns map to carbonpath codes is documented data
(:mod:`carbonpath.accounting.balance_mapping`), extendable by the user.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath._io import decode, open_workbook, read_input
from carbonpath.accounting.balance_mapping import BalanceMapping, balance_mapping, norm_label
from carbonpath.codes import fuels
from carbonpath.errors import ArgumentValueError, DataError, Problem, UnitError
from carbonpath.numbers import check_format, check_year, expected_number, number_hint, parse_number
from carbonpath.units import Q_, parse_unit

__all__ = ["DEFAULT_NON_ENERGY_FUELS", "BalanceSheet", "read_energy_balance"]

#: Products whose final consumption is non-energy use (IPCC 2006 Vol.2 Ch.1 §1.2 and Vol.3
#: Ch.5: lubricants, paraffin waxes, bitumen and white spirit are used as materials and
#: solvents, not burned).
DEFAULT_NON_ENERGY_FUELS = ("lubricants", "paraffin", "bitumen", "white_spirit")
#: Transformation rows whose fuel inputs are burned (their outputs are electricity or heat).
COMBUSTION_ROWS = ("thermal_power", "heat_supply")
_GENERATES = {"thermal_power": "electricity", "heat_supply": "heat"}
_CARRIERS = ("electricity", "heat")
_BLANKS = {"", "-", "--", "—", "——", "－", "…", "...", "……", "·", "nan", "none", "x"}
_UNIT_WORDS = {"单位", "计量单位", "实物单位", "unit", "units", "unit of measurement"}
_NOTE = re.compile(r"^\s*(注|资料来源|说明|note|notes|source)\s*[:：]?", re.IGNORECASE)
_TITLE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；)）]+)|unit\s*[:：]\s*([^,;)]+)", re.I)
_ENGLISH_UNITS = {
    "10000 tons": "万吨", "10000 t": "万吨", "10^4 t": "万吨", "10 000 t": "万吨",
    "10000 tonnes": "万吨", "100 million cu.m": "亿立方米", "100 million cu. m": "亿立方米",
    "100 million m3": "亿立方米", "10^8 m3": "亿立方米", "100 million kwh": "亿千瓦时",
    "10^8 kwh": "亿千瓦时", "10^10 kj": "万百万千焦", "10000 tce": "万吨标准煤",
    "10000 tons of sce": "万吨标准煤", "10000 tons of standard coal equivalent": "万吨标准煤",
    "10000 tons sce": "万吨标准煤",
}


# ---------------------------------------------------------------------------------------
# the result


@dataclass(frozen=True)
class BalanceSheet:
    """An energy balance sheet read into tidy tables.

    Attributes
    ----------
    flows : pandas.DataFrame
        One row per number of the sheet (blank cells have none): ``line`` (file line,
        header = the line shown in an editor; Excel row; or DataFrame index label),
        ``item`` (row code of ``balance_rows.csv``), ``label`` (as printed), ``section``,
        ``role``, ``fuel`` (column code), ``column`` (header as printed), ``value`` (float:
        as printed, except that rows printed with ``(-)`` (outflow, exports, bunkers to
        foreign carriers, closing stock) are stored negative whatever sign the sheet used),
        ``unit``, ``activity`` (the activity row it went into, e.g. ``thermal_power
        combustion``, or '' with the reason in ``note``), ``note``.
    activity : pandas.DataFrame
        The core's tidy activity table: ``sector``, ``fuel``, ``use``, ``value``, ``unit``,
        ``gas_condition``, ``note`` (and ``year``, ``region`` if given). Read it with
        :func:`carbonpath.read_activity` or pass it to :func:`carbonpath.compute_inventory`.
    checks : pandas.DataFrame
        Every total checked: ``line``, ``item``, ``fuel``, ``column``, ``stated``,
        ``computed``, ``difference``, ``tolerance``, ``ok``.
    source : str
        File name or description.
    units : dict
        Column code -> unit.
    gas_condition : str
        Reference condition of plain gas volumes (``20C``: China's energy statistics).
    year, region : optional
        As given.
    notes, skipped : list of str
        Note lines under the table; labelled lines without numbers that were not
        recognised (headings, English label lines): kept here, never silently lost.
    """

    flows: pd.DataFrame
    activity: pd.DataFrame
    checks: pd.DataFrame
    source: str
    units: dict[str, str]
    gas_condition: str = "20C"
    year: int | None = None
    region: str | None = None
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"BalanceSheet({self.source}: {self.flows['item'].nunique()} rows x "
                f"{self.flows['fuel'].nunique()} columns, {len(self.activity)} activity rows)")

    # -- reported parts -----------------------------------------------------------------

    def _pivot(self, roles: Sequence[str], fuel_only: bool = True) -> pd.DataFrame:
        f = self.flows[self.flows["role"].isin(roles) & self.flows["leaf"]]
        if fuel_only:
            f = f[f["kind"] == "fuel"]
        out = f.pivot_table(index="fuel", columns="item", values="value", aggfunc="sum",
                            observed=True, sort=False).fillna(0.0)
        out.columns.name = None
        out = out.reindex([c for c in self.units if c in out.index])
        out.insert(0, "unit", [self.units[c] for c in out.index])
        return out

    @property
    def supply(self) -> pd.DataFrame:
        """Supply by fuel (index) and supply row (columns), signed as contributions.

        Outflows, exports, bunkers to foreign carriers and closing stocks are negative;
        ``stock_change`` is as printed (an increase in stock is negative). Column
        ``apparent_consumption`` is their sum (IPCC 2006 Vol.2 Ch.6 Eq. 6.1's production +
        imports - exports - international bunkers - stock change, with a province's
        inflows counted as imports and outflows as exports); ``unit`` the column's unit.
        """
        roles = ("supply", "supply_out", "stock_change", "stock_opening", "stock_closing")
        out = self._pivot(roles)
        out["apparent_consumption"] = out.drop(columns="unit").sum(axis=1)
        return out

    @property
    def losses(self) -> pd.Series:
        """Losses by fuel, in the column's unit (reported; not emissions)."""
        t = self._pivot(("loss",))
        return t.drop(columns="unit").sum(axis=1) if len(t.columns) > 1 else pd.Series(
            dtype=float)

    @property
    def statistical_difference(self) -> pd.DataFrame:
        """Statistical difference by fuel.

        Columns ``stated`` (NaN if the sheet has no such row), ``computed`` (available +
        transformation - losses - final consumption) and ``unit``.
        """
        return _difference_table(self)

    @property
    def transformation(self) -> pd.DataFrame:
        """Transformation rows by fuel (index) and row (columns): inputs < 0, outputs > 0."""
        return self._pivot(("transformation",))

    def to_wide(self, language: str = "zh", totals: bool = False) -> pd.DataFrame:
        """Write the flows back in the wide layout (the inverse of :func:`read_energy_balance`).

        Parameters
        ----------
        language : {"zh", "en"}
            Row labels and column headers in Chinese or English (header ``name (unit)``).
        totals : bool
            Add the total rows the flows lack (section totals, subtotals), computed from
            their parts, so that a reader checking totals finds them consistent.

        Returns
        -------
        pandas.DataFrame
            First column ``项目`` / ``item`` holds the row labels; one column per fuel.
        """
        return to_wide(self.flows, self.units, language=language, totals=totals)


# ---------------------------------------------------------------------------------------
# reading the grid


def _grid(source: Any, sheet: str | int | None,
          name: str | None) -> tuple[list[list[Any]], list[Any], str]:
    """Return (cells by row, line label of each row, name) for any supported source."""
    if isinstance(source, pd.DataFrame):
        df = source if isinstance(source.index, pd.RangeIndex) else source.reset_index()
        cells = [[str(c) for c in df.columns]]
        cells += [list(r) for r in df.itertuples(index=False)]
        lines: list[Any] = ["header", *list(source.index)]
        return cells, lines, name or "energy balance (DataFrame)"
    path = Path(source)
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return (*_excel(path, sheet, name), name)
    if suffix == ".xls":
        raise DataError(Problem("old .xls workbooks are not read; save the sheet as .xlsx "
                                "or CSV", file=name, valid=".xlsx, .xlsm or .csv"),
                        "energy balance")
    text, _ = decode(read_input(path), name)
    rows = list(csv.reader(io.StringIO(text)))
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], list(range(1, len(rows) + 1)), name


def _excel(path: Path, sheet: str | int | None, name: str) -> tuple[list[list[Any]], list[Any]]:
    try:
        import openpyxl  # noqa: F401  (available: open_workbook needs it)
    except ImportError as exc:  # pragma: no cover - exercised by monkeypatching in tests
        msg = ("reading Excel energy balances needs openpyxl, which carbonpath's 'excel' "
               "extra installs: pip install 'carbonpath[excel]'")
        raise ImportError(msg) from exc
    wb = open_workbook(path, name)
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb[names[0]]
        elif isinstance(sheet, int) and not 0 <= sheet < len(names) and str(sheet) in names:
            ws = wb[str(sheet)]  # a sheet named by its year (2022): the name, not an index
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise DataError(Problem(f"no sheet number {sheet}", file=name,
                                        valid=f"0..{len(names) - 1}: {', '.join(names)}"),
                                "energy balance")
            ws = wb[names[sheet]]
        else:
            if sheet not in names:
                raise DataError(Problem(f"no sheet named '{sheet}'", file=name,
                                        valid="sheets " + ", ".join(names)), "energy balance")
            ws = wb[sheet]
        cells = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    width = max((len(r) for r in cells), default=0)
    return [r + [None] * (width - len(r)) for r in cells], list(range(1, len(cells) + 1))


def _text(cell: Any) -> str:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    return str(cell).strip()


def _number(cell: Any, decimal: str = ".",
            thousands: str | None = ",") -> tuple[float | None, bool]:
    """(value, ok): None for a blank cell; ok False for text that is not a number.

    Text is read with the sheet's decimal mark and thousands separator (default ``.`` and
    ``,``, as China's statistical yearbooks print; groups of three digits only), never by
    stripping characters: ``1,5`` is refused, ``1,234.5`` is 1234.5.
    """
    if cell is None:
        return None, True
    if isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool):
        v = float(cell)
        return (None, True) if np.isnan(v) else (v, True)
    t = str(cell).strip().replace("，", ",").replace("．", ".")
    t = t.replace("－", "-").replace("−", "-").replace("＋", "+")
    if t.lower() in _BLANKS:
        return None, True
    try:
        v = parse_number(t, decimal, thousands)
    except ValueError:
        return None, False
    return (None, True) if np.isnan(v) else (v, True)


def _split_header(text: str) -> tuple[str, str]:
    r"""Split ``原煤(万吨)`` / ``原煤\\n万吨`` / ``Raw Coal (10000 tons)`` into name and unit."""
    t = text.strip()
    m = re.match(r"^(.*?)\s*[（(]([^()（）]*)[)）]\s*$", t, re.S)
    if m and _unit_text(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    parts = [p.strip() for p in re.split(r"[\r\n]+", t) if p.strip()]
    if len(parts) >= 2 and _unit_text(parts[-1]):
        return " ".join(parts[:-1]), parts[-1]
    return t, ""


def _unit_text(text: str) -> str:
    """Canonical unit text for a printed unit, or '' if it is not a unit carbonpath knows."""
    t = str(text).strip()
    if not t:
        return ""
    t = _ENGLISH_UNITS.get(" ".join(t.lower().split()), t)
    try:
        parse_unit(t)
    except Exception:
        return ""
    return t


# ---------------------------------------------------------------------------------------
# read_energy_balance


@dataclass
class _Layout:
    header: int
    label_col: int
    columns: dict[int, tuple[str, str, str]]  # col -> (code, header text, unit from header)
    unit_row: int | None
    title_unit: str


@checked
def read_energy_balance(source: str | Path | pd.DataFrame, sheet: str | int | None = None,
                        mapping: Any = None, *, year: int | None = None,
                        region: str | None = None,
                        units: str | Mapping[str, str] | None = None,
                        gas_condition: str = "20C", feedstock_use: str = "non_energy",
                        non_energy_fuels: Iterable[str] = DEFAULT_NON_ENERGY_FUELS,
                        check_totals: bool = True, tolerance: float | None = None,
                        name: str | None = None, decimal: str = ".",
                        thousands: str | None = ",") -> BalanceSheet:
    """Read a wide energy balance sheet (能源平衡表) into tidy tables.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A CSV file (UTF-8 or GBK, detected), an Excel workbook (``.xlsx``; needs the
        ``excel`` extra, openpyxl), or a DataFrame whose first text column holds the row
        labels. Title lines above the header and note lines below the table are allowed.
        Headers in Chinese or English; a header may carry its unit (``原煤(万吨)``,
        ``Raw Coal (10000 tons)``), or a row under the header starting with ``单位`` /
        ``unit`` may give the units, or a title line ``单位: 万吨标准煤`` may give one unit
        for every column.
    sheet : str or int, optional
        Excel sheet name or 0-based number; default the first sheet. A number that is no
        sheet's index but a sheet's name (a yearbook's sheet "2022") picks that sheet.
    mapping : dict, path or DataFrame, optional
        Extra labels: ``{"rows": {label: item}, "columns": {label: fuel or (fuel, unit)}}``
        or a CSV with columns ``axis, label, code, unit``
        (:meth:`~carbonpath.accounting.balance_mapping.BalanceMapping.extended`).
    year, region : optional
        Written into the activity table (else give them to ``compute_inventory``).
    units : str or dict, optional
        One unit for every column, or column code -> unit. A unit given twice that
        disagrees (header, unit row, this argument, title line) is an error. Columns
        without any take the unit of China's physical sheets (``balance_columns.csv``:
        万吨 for solids and liquids, 亿立方米 for gases, 亿千瓦时, 万百万千焦, 万吨标准煤).
    gas_condition : {"20C", "0C", "15C"}
        Reference condition of the sheet's gas volumes. China's energy statistics meter gas
        at 20 °C (101.325 kPa), the default.
    feedstock_use : {"non_energy", "feedstock"}
        Use of industry's ``用作原料、材料`` (used as raw material) part: ``non_energy``
        (default: carbon stored in products, no emissions counted) or ``feedstock`` (carbon
        reported as process emissions from production data, e.g. ammonia).
    non_energy_fuels : iterable of str
        Fuels whose final consumption is non-energy use (default
        :data:`DEFAULT_NON_ENERGY_FUELS`).
    check_totals : bool
        Raise on totals that do not add up (default). ``False`` records them in
        ``checks`` only.
    tolerance : float, optional
        Absolute tolerance of a total, in the column's unit. Default: half a unit of the
        second decimal per summed term, (terms + 1) x 0.005, the rounding of a table printed
        to two decimals.
    name : str, optional
        Name used in messages (default: the file name).
    decimal : {".", ","}
        Decimal mark of the sheet's text cells (default ``"."``, as China's yearbooks).
    thousands : {",", None, ".", " ", "'"}
        Thousands separator of text cells (default ``","``); groups must have three digits,
        so ``1,5`` is refused (with its row and column) rather than read as 15 or 1.5.
        Numeric cells of a workbook or DataFrame are taken as they are.

    Returns
    -------
    BalanceSheet

    Raises
    ------
    DataError
        Unrecognised rows or columns (each listed with its line or header, closest known
        items and the mapping that would fix it); totals that do not add up (row, column,
        stated and computed totals); a cell that is not a number; a row printed twice; a
        transformation output where none can be (raw coal out of thermal power); final
        consumption under a total without a sector (第二产业 without 工业 and 建筑业).
    UnitError
        Mixed units in a column, or an unknown unit.
    EncodingError
        A CSV that is neither UTF-8 nor GBK.
    ImportError
        An Excel file without openpyxl installed (install ``carbonpath[excel]``).
    """
    check_format(decimal, thousands)
    cmap = balance_mapping(mapping)
    cells, lines, name = _grid(source, sheet, name)
    if feedstock_use not in ("non_energy", "feedstock"):
        raise ArgumentValueError(f"feedstock_use must be 'non_energy' or 'feedstock', not "
                         f"'{feedstock_use}'")
    try:
        layout = _layout(cells, lines, cmap, name)
    except DataError as exc:  # a notes page first: name the other sheets (XL02)
        from carbonpath.accounting.balance_sheet_hints import with_other_sheets

        raise with_other_sheets(exc, source, sheet) from None
    col_units = _column_units(cells, lines, layout, cmap, units, name)
    raw = _data_rows(cells, lines, layout, cmap, name, (decimal, thousands))
    flows, notes, skipped = raw
    flows = _tree(flows, cmap)
    flows, checks = _check(flows, cmap, name, tolerance, check_totals)
    flows["unit"] = flows["fuel"].map(col_units).astype(object)
    flows["kind"] = flows["fuel"].map(cmap.column_kind)
    activity, flows = _activity(flows, cmap, name, gas_condition, feedstock_use,
                                set(non_energy_fuels), year, region)
    order = ["line", "item", "label", "section", "role", "fuel", "column", "value", "unit",
             "activity", "note", "kind", "leaf"]
    return BalanceSheet(flows=flows[order].reset_index(drop=True), activity=activity,
                        checks=checks, source=name, units=col_units,
                        gas_condition=gas_condition, year=year, region=region, notes=notes,
                        skipped=skipped)


def _layout(cells: list[list[Any]], lines: list[Any], cmap: BalanceMapping,
            name: str) -> _Layout:
    best, best_row = None, -1
    for i, row in enumerate(cells[:40]):
        cols = {}
        for j, cell in enumerate(row):
            text = _text(cell)
            if not text or (_number(cell)[1] and _number(cell)[0] is not None):
                continue
            head, unit = _split_header(text)
            hit = cmap.resolve_column(head)
            if hit is not None:
                cols[j] = (hit[0], text, hit[1] or unit)
        filled = sum(bool(_text(c)) for c in row)
        if len(cols) >= 2 or (len(cols) == 1 and filled == 2):
            best, best_row = cols, i
            break
    if best is None:
        widest = max(range(min(len(cells), 40)),
                     key=lambda i: sum(bool(_text(c)) for c in cells[i]), default=0)
        shown = [_text(c) for c in cells[widest]] if cells else []
        raise DataError(Problem(
            "no header row naming at least two energy columns was found in the first 40 "
            f"lines; the widest line reads: {shown}", file=name,
            row=lines[widest] if cells else None,
            valid="headers such as 原煤, 天然气, 电力 (fuels.csv names or aliases), or "
                  "mapping={'columns': {'<header>': '<fuel code>'}}"), "energy balance")
    header = cells[best_row]
    first_fuel = min(best)
    label_col = next((j for j in range(first_fuel) if any(
        _text(r[j]) and _number(r[j])[0] is None for r in cells[best_row + 1:])), 0)
    title_unit = ""
    for row in cells[:best_row]:
        for cell in row:
            m = _TITLE_UNIT.search(_text(cell))
            if m:
                title_unit = _unit_text((m.group(1) or m.group(2)).strip()) or title_unit
    unit_row = None
    if best_row + 1 < len(cells):
        nxt = cells[best_row + 1]
        lab = norm_label(nxt[label_col]) if label_col < len(nxt) else ""
        vals = [_text(nxt[j]) for j in best if _text(nxt[j])]
        if lab in _UNIT_WORDS or (not lab and vals and all(_unit_text(v) for v in vals)):
            unit_row = best_row + 1
    _unrecognised_columns(cells, lines, header, best, label_col, best_row, cmap, name)
    return _Layout(best_row, label_col, best, unit_row, title_unit)


def _unrecognised_columns(cells: list[list[Any]], lines: list[Any], header: list[Any],
                          cols: dict[int, Any], label_col: int, header_row: int,
                          cmap: BalanceMapping, name: str) -> None:
    problems = []
    for j, cell in enumerate(header):
        if j in cols or j == label_col:
            continue
        numbers = [lines[i] for i in range(header_row + 1, len(cells))
                   if _number(cells[i][j])[0] is not None]
        if not numbers:
            continue  # a text column (English labels, codes): no number is lost
        text = _text(cell) or f"(blank header, column {j + 1})"
        close = cmap.suggest_column(_split_header(text)[0])
        problems.append(Problem(
            f"unrecognised column '{text}' with {len(numbers)} number(s) (first on line "
            f"{numbers[0]})", file=name, column=text,
            valid=(f"did you mean {', '.join(close)}? " if close else "")
            + f"map it: mapping={{'columns': {{'{text}': '<fuel code>'}}}}"))
    DataError.collect(problems, "energy balance")


def _column_units(cells: list[list[Any]], lines: list[Any], layout: _Layout,
                  cmap: BalanceMapping, units: str | Mapping[str, str] | None,
                  name: str) -> dict[str, str]:
    problems: list[Problem] = []
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for j, (code, text, head_unit) in layout.columns.items():
        given: list[tuple[str, str]] = []
        if head_unit:
            given.append(("header", head_unit))
        if layout.unit_row is not None:
            u = _text(cells[layout.unit_row][j])
            if u:
                given.append((f"unit row (line {lines[layout.unit_row]})", u))
        if isinstance(units, str):
            given.append(("units argument", units))
        elif units:
            for k, u in units.items():
                if (cmap.resolve_column(k) or ("",))[0] == code:
                    given.append(("units argument", u))
        if layout.title_unit:
            given.append(("title line", layout.title_unit))
        canon = []
        for where, u in given:
            c = _unit_text(u)
            if not c:
                problems.append(Problem(
                    f"unknown unit '{u}' ({where})", file=name, column=text, value=u,
                    valid="万吨, 亿立方米, 亿千瓦时, 万百万千焦, 万吨标准煤, t, TJ"))
                continue
            canon.append((where, c))
        if any(not _same_unit(canon[0][1], c) for _, c in canon[1:]):
            problems.append(Problem(
                "mixed units in one column: " + "; ".join(f"{u} ({w})" for w, u in canon),
                file=name, column=text, valid="one unit per column"))
        unit = canon[0][1] if canon else cmap.default_unit(code)
        if not unit:
            problems.append(Problem(f"no unit for column '{text}'", file=name, column=text,
                                    valid="a unit in the header, a unit row or units="))
        if code in out:
            if not _same_unit(out[code], unit or out[code]):
                problems.append(Problem(
                    f"mixed units in one column: '{code}' appears twice, in {out[code]} "
                    f"(column {seen[code] + 1}) and {unit} (column {j + 1})", file=name,
                    column=text, valid="one column per fuel, one unit per column"))
            else:
                problems.append(Problem(f"column '{code}' appears twice (columns "
                                        f"{seen[code] + 1} and {j + 1})", file=name,
                                        column=text, valid="one column per fuel"))
            continue
        out[code], seen[code] = unit, j
    if problems:
        raise UnitError(problems, "energy balance")
    return out


def _data_rows(cells: list[list[Any]], lines: list[Any], layout: _Layout, cmap: BalanceMapping,
               name: str, fmt: tuple[str, str | None] = (".", ",")
               ) -> tuple[pd.DataFrame, list[str], list[str]]:
    start = layout.header + 1 + (layout.unit_row is not None)
    section: str | None = "supply"
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    unknown: list[Problem] = []
    notes: list[str] = []
    skipped: list[str] = []
    seen: dict[str, Any] = {}
    for i in range(start, len(cells)):
        row = cells[i]
        label = _text(row[layout.label_col])
        nums: dict[int, float] = {}
        for j, (_code, text, _u) in layout.columns.items():
            v, ok = _number(row[j], *fmt)
            if not ok:
                problems.append(Problem(
                    "cell is not a number: " + number_hint(_text(row[j]), *fmt), file=name,
                    row=lines[i], column=text, value=_text(row[j]),
                    valid=expected_number(*fmt) + ", or blank / - for none"))
            elif v is not None:
                nums[j] = v
        if not label:
            if nums:
                problems.append(Problem("a row with numbers but no label", file=name,
                                        row=lines[i], valid="a row label naming the item"))
            continue
        if _NOTE.match(label) and not nums:
            notes.append(label)
            continue
        item = cmap.resolve_row(label, section)
        if item is None:
            if nums:
                close = cmap.suggest_row(label)
                unknown.append(Problem(
                    f"unrecognised row '{label}' with {len(nums)} number(s)", file=name,
                    row=lines[i], value=label,
                    valid=(f"did you mean {', '.join(close)}? " if close else "")
                    + f"map it: mapping={{'rows': {{'{label}': '<item>'}}}} (items: "
                    "balance_rows.csv)"))
            else:
                skipped.append(label)
            continue
        section = cmap.rows.at[item, "section"]
        if item in seen:
            problems.append(Problem(f"row '{item}' appears twice (lines {seen[item]} and "
                                    f"{lines[i]})", file=name, row=lines[i], value=label,
                                    valid="each row once; map one of them to another item"))
            continue
        seen[item] = lines[i]
        r = cmap.rows.loc[item]
        for j, v in nums.items():
            code, text, _u = layout.columns[j]
            records.append({"line": lines[i], "item": item, "label": label,
                            "section": r["section"], "role": r["role"], "fuel": code,
                            "column": text, "value": v})
    DataError.collect(unknown + problems, "energy balance")
    cols = ["line", "item", "label", "section", "role", "fuel", "column", "value"]
    return pd.DataFrame.from_records(records, columns=cols), notes, skipped


# ---------------------------------------------------------------------------------------
# hierarchy, signs, checks


def _ancestors(cmap: BalanceMapping, item: str) -> list[str]:
    out = []
    parent = cmap.rows.at[item, "parent"]
    while parent:
        out.append(parent)
        parent = cmap.rows.at[parent, "parent"]
    return out


def _tree(flows: pd.DataFrame, cmap: BalanceMapping) -> pd.DataFrame:
    """Add ``parent`` (nearest present ancestor) and ``leaf``; normalise (-) row signs."""
    present = list(dict.fromkeys(flows["item"]))
    parent = {}
    for item in present:
        parent[item] = next((a for a in _ancestors(cmap, item) if a in present), "")
    has_children = {parent[i] for i in present if cmap.rows.at[i, "role"] != "memo"}
    flows = flows.copy()
    flows["parent"] = flows["item"].map(parent)
    flows["leaf"] = ~flows["item"].isin(has_children)
    minus = flows["role"].isin(["supply_out", "stock_closing"]).to_numpy()
    flows["value"] = np.where(minus, -np.abs(flows["value"].to_numpy()), flows["value"])
    return flows


def _check(flows: pd.DataFrame, cmap: BalanceMapping, name: str, tolerance: float | None,
           raise_: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    value = flows.set_index(["item", "fuel"])["value"]
    line = flows.drop_duplicates("item").set_index("item")["line"]
    column = flows.drop_duplicates("fuel").set_index("fuel")["column"]

    def record(item: str, fuel: str, stated: float, computed: float, terms: int,
               what: str) -> None:
        """Record one checked total (stated, computed, difference)."""
        tol = tolerance if tolerance is not None else 0.005 * (terms + 1)
        tol += 1e-9 * max(abs(stated), abs(computed))
        ok = abs(stated - computed) <= tol
        records.append({"line": line[item], "item": item, "fuel": fuel,
                        "column": column[fuel], "stated": stated, "computed": computed,
                        "difference": stated - computed, "tolerance": tol, "ok": ok,
                        "rule": what})
        if not ok:
            problems.append(Problem(
                f"total does not add up: row '{item}' states {stated:g}, its {what} give "
                f"{computed:g} (difference {stated - computed:+g}, tolerance {tol:g})",
                file=name, row=line[item], column=column[fuel], value=stated))

    kids = flows[(flows["parent"] != "") & (flows["role"] != "memo")]
    kid_sum = kids.groupby(["parent", "fuel"], sort=False)["value"].agg(["sum", "size"])
    kid_names = kids.groupby("parent", sort=False)["item"].agg(
        lambda s: ", ".join(dict.fromkeys(s)))
    for r in flows[flows["item"].isin(set(kids["parent"]))].itertuples(index=False):
        key = (r.item, r.fuel)
        total, terms = (kid_sum.loc[key, "sum"], kid_sum.loc[key, "size"]) \
            if key in kid_sum.index else (0.0, 0)
        record(r.item, r.fuel, float(r.value), float(total), int(terms),
               f"parts ({kid_names[r.item]})")
    sections = _section_totals(flows)
    for fuel in flows["fuel"].unique():
        s = sections.get(fuel, {})
        if ("statistical_difference", fuel) in value.index:
            computed = s.get("supply", 0.0) + s.get("transformation", 0.0) \
                - s.get("losses", 0.0) - s.get("final", 0.0)
            record("statistical_difference", fuel,
                   float(value[("statistical_difference", fuel)]), computed, 4,
                   "available + transformation - losses - final consumption")
        if ("consumption_total", fuel) in value.index:
            computed = s.get("final", 0.0) + s.get("losses", 0.0) + s.get("inputs", 0.0)
            record("consumption_total", fuel, float(value[("consumption_total", fuel)]),
                   computed, 3, "final consumption + losses + transformation inputs")
    checks = pd.DataFrame.from_records(records, columns=[
        "line", "item", "fuel", "column", "stated", "computed", "difference", "tolerance",
        "ok", "rule"])
    if raise_:
        DataError.collect(problems, "energy balance")
    return flows, checks


def _section_totals(flows: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Per fuel: supply, transformation, losses, final, inputs (leaf rows, contributions)."""
    leaf = flows[flows["leaf"] & (flows["role"] != "memo")]
    out: dict[str, dict[str, float]] = {}
    for fuel, g in leaf.groupby("fuel", sort=False):
        sec = g.groupby("section")["value"].sum()
        tr = g.loc[g["section"] == "transformation", "value"]
        out[fuel] = {"supply": float(sec.get("supply", 0.0)),
                     "transformation": float(sec.get("transformation", 0.0)),
                     "losses": float(sec.get("losses", 0.0)),
                     "final": float(sec.get("final", 0.0)),
                     "inputs": float(-tr[tr < 0].sum())}
    return out


def _difference_table(bs: BalanceSheet) -> pd.DataFrame:
    f = bs.flows
    sections = _section_totals(f)
    stated = f[f["item"] == "statistical_difference"].set_index("fuel")["value"]
    fuels_ = [c for c in dict.fromkeys(f["fuel"]) if c in sections]
    rows = []
    for fuel in fuels_:
        s = sections[fuel]
        rows.append({"fuel": fuel, "stated": float(stated.get(fuel, np.nan)),
                     "computed": s["supply"] + s["transformation"] - s["losses"] - s["final"],
                     "unit": bs.units[fuel]})
    return pd.DataFrame(rows).set_index("fuel") if rows else pd.DataFrame(
        columns=["stated", "computed", "unit"])


# ---------------------------------------------------------------------------------------
# activity


def _activity(flows: pd.DataFrame, cmap: BalanceMapping, name: str, gas_condition: str,
              feedstock_use: str, non_energy: set[str], year: int | None,
              region: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    parts: list[dict[str, Any]] = []
    flows = flows.copy()
    act = np.full(len(flows), "", dtype=object)
    note = np.full(len(flows), "", dtype=object)
    memo = flows[flows["item"] == "industry_feedstock"].set_index("fuel")["value"]
    has_elec = "electricity" in set(flows["fuel"])
    for k, r in enumerate(flows.itertuples(index=False)):
        fuel, item, role, v = r.fuel, r.item, r.role, float(r.value)
        where = f"{item}, line {r.line}"
        if cmap.column_kind(fuel) != "fuel":
            note[k] = "total column: kept, not activity"
            continue
        if not r.leaf:
            note[k] = "total of the rows below it: checked, not activity"
            continue
        carrier = fuel in _CARRIERS
        sector = cmap.rows.at[item, "sector"]

        def add(sec: str, use: str, value: float, k: int = k, where: str = where,
                fuel: str = fuel) -> None:
            """Add one tidy activity row."""
            parts.append({"sector": sec, "fuel": fuel, "use": use, "value": value,
                          "note": where})
            act[k] = (act[k] + "; " if act[k] else "") + f"{sec} {use}"

        if role in ("supply", "supply_out"):
            if carrier and item in ("inflow", "imports"):
                add("transfers", "import", v)
            elif carrier and item in ("outflow", "exports"):
                add("transfers", "export", -v)
            elif fuel == "electricity" and item == "production":
                add("nonfossil_power", "generation", v)
            else:
                note[k] = "supply: used by the reference approach"
        elif role == "transformation":
            if v < 0 and not sector:
                problems.append(Problem(
                    f"transformation input in row '{item}', which has no sector", file=name,
                    row=r.line, column=r.column, value=v,
                    valid="map the row to a transformation item with a sector "
                          "(thermal_power, heat_supply, coking, refining, ...)"))
            elif v < 0 and carrier:
                add(sector, "consumption", -v)
            elif v < 0:
                add(sector, "combustion" if sector in COMBUSTION_ROWS
                    else "transformation_input", -v)
            elif v > 0 and _GENERATES.get(sector) == fuel:
                add(sector, "generation", v)
            elif v > 0 and sector in COMBUSTION_ROWS:
                problems.append(Problem(
                    f"an output of {fuel} from '{item}': {sector} produces only "
                    f"{_GENERATES[sector]}", file=name, row=r.line, column=r.column,
                    value=v, valid=f"inputs (negative) of fuels, output of "
                                   f"{_GENERATES[sector]}; check the sign"))
            else:
                note[k] = ("transformation output: counted where it is used" if v > 0
                           else "zero")
        elif role == "final":
            if not sector:
                problems.append(Problem(
                    f"final consumption in row '{item}' has no breakdown into sectors",
                    file=name, row=r.line, column=r.column, value=v,
                    valid="the rows below it (工业, 建筑业 ...) or mapping={'rows': "
                          "{...}} to a row with a sector"))
                continue
            if carrier:
                add(sector, "consumption", v)
                continue
            if fuel in non_energy:
                add(sector, "non_energy", v)
                continue
            raw = float(memo.get(fuel, 0.0)) if item == "industry" else 0.0
            if raw > v + 1e-9 * abs(v):
                problems.append(Problem(
                    f"industry's 用作原料、材料 ({raw:g}) exceeds industry's consumption "
                    f"({v:g})", file=name, row=r.line, column=r.column, value=v,
                    valid="a part no larger than its whole"))
                continue
            add(sector, "combustion", v - raw)
            if raw:
                add(sector, feedstock_use, raw)
        elif item == "industry_feedstock":
            note[k] = ("part of industry: " + (feedstock_use if fuel not in _CARRIERS
                                               else "carriers stay consumption"))
        else:
            note[k] = {"loss": "losses: reported", "difference": "statistical difference: "
                       "reported", "consumption_total": "total: checked",
                       "memo": "memo row: kept"}.get(role, "")
    DataError.collect(problems, "energy balance")
    if has_elec:
        for use in ("import", "export"):
            if not any(p["sector"] == "transfers" and p["fuel"] == "electricity"
                       and p["use"] == use for p in parts):
                parts.append({"sector": "transfers", "fuel": "electricity", "use": use,
                              "value": 0.0, "note": f"no {use} row in the sheet: 0"})
    flows["activity"] = act
    flows["note"] = note
    df = pd.DataFrame.from_records(parts, columns=["sector", "fuel", "use", "value", "note"])
    units = flows.drop_duplicates("fuel").set_index("fuel")["unit"]
    if len(df):
        df = df.groupby(["sector", "fuel", "use"], sort=False, as_index=False).agg(
            value=("value", "sum"), note=("note", "; ".join))
    df["unit"] = df["fuel"].map(units)
    plain_volume = df["unit"].map(lambda u: _is_plain_volume(u)).astype(bool)
    df["gas_condition"] = np.where(plain_volume, gas_condition, "")
    df["note"] = "balance sheet: " + df["note"]
    if year is not None:
        df.insert(0, "year", check_year(year, "the year argument"))
    if region is not None:
        df.insert(0, "region", region)
    cols = [c for c in ("region", "year") if c in df.columns]
    return df[[*cols, "sector", "fuel", "use", "value", "unit", "gas_condition", "note"]], flows


def _same_unit(a: str, b: str) -> bool:
    """True if units ``a`` and ``b`` are the same unit (same dimension, factor 1)."""
    try:
        return abs(float(Q_(1.0, parse_unit(a)).to(parse_unit(b)).magnitude) - 1.0) < 1e-12
    except Exception:
        return False


def _is_plain_volume(unit: str) -> bool:
    try:
        return parse_unit(unit).dimensionality == parse_unit("m3").dimensionality
    except Exception:
        return False


# ---------------------------------------------------------------------------------------
# tidy -> wide


def to_wide(flows: pd.DataFrame, units: Mapping[str, str], language: str = "zh",
            totals: bool = False, mapping: BalanceMapping | None = None) -> pd.DataFrame:
    """Write tidy balance flows in the wide layout (rows x fuel columns).

    Parameters
    ----------
    flows : pandas.DataFrame
        Columns ``item``, ``fuel``, ``value`` (as :attr:`BalanceSheet.flows`).
    units : dict
        Fuel code -> unit; every fuel of ``flows`` needs one.
    language : {"zh", "en"}
        Labels and headers in Chinese or English.
    totals : bool
        Add missing total rows, computed from their parts.
    mapping : BalanceMapping, optional
        Default: the bundled mapping.

    Returns
    -------
    pandas.DataFrame
        Label column (``项目`` or ``item``) and one column per fuel, headed
        ``name(unit)``; rows in the order of ``balance_rows.csv``; blank cells NaN.

    Raises
    ------
    UnitError
        A fuel without a unit, or two units for one fuel (mixed units in a column).
    DataError
        An unknown item or fuel, or two values for one cell.
    """
    cmap = mapping or balance_mapping()
    if language not in ("zh", "en"):
        raise ArgumentValueError(f"language must be 'zh' or 'en', not '{language}'")
    problems = []
    if "unit" in flows.columns:
        per_fuel = flows.groupby("fuel")["unit"].agg(lambda s: sorted(set(map(str, s))))
        for fuel, us in per_fuel.items():
            if any(not _same_unit(us[0], u) for u in us[1:]):
                problems.append(Problem(f"mixed units in one column: {fuel} in {', '.join(us)}",
                                        column=str(fuel), valid="one unit per fuel"))
    for fuel in dict.fromkeys(flows["fuel"]):
        if fuel not in units:
            problems.append(Problem(f"no unit for {fuel}", column=str(fuel),
                                    valid="units={fuel: unit}"))
    if problems:
        raise UnitError(problems, "balance flows")
    bad = [i for i in dict.fromkeys(flows["item"]) if i not in cmap.rows.index]
    if bad:
        raise DataError(Problem(f"unknown row item(s) {bad}", column="item",
                                valid=", ".join(cmap.rows.index)), "balance flows")
    dup = flows.duplicated(["item", "fuel"], keep=False)
    if dup.any():
        r = flows[dup].iloc[0]
        raise DataError(Problem(f"two values for row {r['item']}, column {r['fuel']}",
                                valid="one value per cell"), "balance flows")
    table = flows.pivot(index="item", columns="fuel", values="value")
    if totals:
        table = _add_totals(table, cmap)
    order = [i for i in cmap.rows.index if i in table.index]
    present = set(flows["fuel"])
    fuel_order = [f for f in units if f in present]
    table = table.loc[order, fuel_order]
    name_col = "name_zh" if language == "zh" else "name_en"
    labels = [cmap.rows.at[i, name_col] for i in order]
    headers = []
    for fuel in fuel_order:
        if language == "zh":
            base = cmap.columns.at[fuel, "name_zh"] if fuel in cmap.columns.index else \
                fuels().attr(fuel, "name_zh")
        else:
            base = fuels().attr(fuel, "name_en") if fuel in fuels().codes else fuel
        headers.append(f"{base}({units[fuel]})")
    out = pd.DataFrame(table.to_numpy(), columns=headers)
    out.insert(0, "项目" if language == "zh" else "item", labels)
    return out


def _add_totals(table: pd.DataFrame, cmap: BalanceMapping) -> pd.DataFrame:
    """Add every ancestor total row the table lacks, as the sum of its present parts."""
    table = table.copy()
    for _ in range(6):  # the tree is at most a few levels deep
        present = set(table.index)
        added = False
        for item in list(cmap.rows.index):
            if item in present or cmap.rows.at[item, "role"] in ("memo",):
                continue
            kids = [i for i in present if cmap.rows.at[i, "parent"] == item
                    and cmap.rows.at[i, "role"] != "memo"]
            if kids:
                table.loc[item] = table.loc[kids].sum(axis=0, min_count=1)
                added = True
        if not added:
            break
    return table
