"""Reading an energy balance sheet's cells (part of :mod:`.balance_sheet`).

Files and workbooks to a grid of cells with their line labels, a cell's text and number,
a header split into name and unit, and the unit helpers the reader shares. Moved
unchanged out of ``balance_sheet.py``; the reader imports from here.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._io import (
    OLD_WORKBOOKS,
    SAVE_AS_XLSX,
    decode,
    old_workbook,
    open_workbook,
    read_input,
    uncached_formulas,
)
from carbonpath.errors import ArgumentValueError, DataError, Problem, UnitError
from carbonpath.numbers import parse_number
from carbonpath.units import Q_, parse_unit

_BLANKS = {"", "-", "--", "—", "——", "－", "…", "...", "……", "·", "nan", "none", "x"}
_ENGLISH_UNITS = {
    "10000 tons": "万吨", "10000 t": "万吨", "10^4 t": "万吨", "10 000 t": "万吨",
    "10000 tonnes": "万吨", "100 million cu.m": "亿立方米", "100 million cu. m": "亿立方米",
    "100 million m3": "亿立方米", "10^8 m3": "亿立方米", "100 million kwh": "亿千瓦时",
    "10^8 kwh": "亿千瓦时", "10^10 kj": "万百万千焦", "10000 tce": "万吨标准煤",
    "10000 tons of sce": "万吨标准煤", "10000 tons of standard coal equivalent": "万吨标准煤",
    "10000 tons sce": "万吨标准煤",
}


# ---------------------------------------------------------------------------------------
# reading the grid


def _grid(source: Any, sheet: str | int | None, name: str | None,
          year: int | None = None) -> tuple[list[list[Any]], list[Any], str, str | None]:
    """Return (cells by row, line label of each row, name, sheet read) for any source.

    A workbook read without ``sheet`` for a ``year`` reads the sheet named after the year
    (:func:`~carbonpath.accounting.balance_year.pick_sheet`); the sheet read is None for a
    CSV or DataFrame.
    """
    if isinstance(source, pd.DataFrame):
        _sheet_applies(sheet, name or "the DataFrame", "a DataFrame")
        df = source if isinstance(source.index, pd.RangeIndex) else source.reset_index()
        cells = [[str(c) for c in df.columns]]
        cells += [list(r) for r in df.itertuples(index=False)]
        lines: list[Any] = ["header", *list(source.index)]
        return cells, lines, name or "energy balance (DataFrame)", None
    path = Path(source)
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        cells, lines, title = _excel(path, sheet, name, year)
        return cells, lines, name, title
    if suffix in OLD_WORKBOOKS:  # one message with init's workbook (round 22, N164)
        raise DataError(Problem(f"{old_workbook(path)}, which carbonpath does not read",
                                file=name, valid=SAVE_AS_XLSX + " (or a CSV of the sheet)"),
                        "energy balance")
    text, _ = decode(read_input(path), name)
    _sheet_applies(sheet, name, "a CSV file")
    rows = list(csv.reader(io.StringIO(text)))
    width = max((len(r) for r in rows), default=0)
    return ([r + [""] * (width - len(r)) for r in rows], list(range(1, len(rows) + 1)), name,
            None)


def _sheet_applies(sheet: str | int | None, name: str, kind: str) -> None:
    """Refuse a sheet named for an input that has none (round 25 KA130).

    ``init --balance b.csv --sheet 2022`` and ``read_energy_balance(df, sheet=0)`` read the
    one table there is and said nothing, so a user who meant another file (the workbook
    holding the sheet) was not told; ``inventory FILE.csv --sheet S`` was already an error.

    Raises
    ------
    ArgumentValueError
        ``sheet`` given (not None), naming the input and what to do.
    """
    if sheet is None:
        return
    msg = (f"{name}: sheet={sheet!r} (--sheet) picks a sheet of an Excel workbook (.xlsx, "
           f".xlsm), but this balance is {kind}, a single table without sheets; leave the "
           "sheet out, or give the workbook that holds the sheet")
    raise ArgumentValueError(msg)


def _excel(path: Path, sheet: str | int | None, name: str,
           year: int | None = None) -> tuple[list[list[Any]], list[Any], str]:
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
            from carbonpath.accounting.balance_year import pick_sheet, years_in

            hidden = [w.title for w in wb.worksheets
                      if getattr(w, "sheet_state", "visible") != "visible"]
            title = pick_sheet(names, year, name, hidden)  # A81, G83: visible, of the year
            if year is None or year not in years_in(title):  # the first sheet: is it the one?
                title = only_balance(wb, [n for n in names if n not in hidden], title, name)
            ws = wb[title]
        else:
            ws = wb[resolve_sheet(names, sheet, name)]
        DataError.collect(uncached_formulas(path, wb, (ws.title,), name), "energy balance")
        cells = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    width = max((len(r) for r in cells), default=0)
    return ([r + [None] * (width - len(r)) for r in cells], list(range(1, len(cells) + 1)),
            ws.title)


def only_balance(wb: Any, visible: list[str], chosen: str, name: str) -> str:
    """The one visible sheet holding an energy balance, else ``chosen`` (round 22 N134).

    A workbook read without ``sheet`` whose sheets are not told apart by the year used to
    give its first sheet: last year's balance beside this year's (``上年``, ``本年``) was read
    without a word, and a note sheet before the balance was read as one. A sheet holds a
    balance when its first 40 lines have a balance header (two energy columns of the bundled
    labels, :func:`~carbonpath.accounting.balance_layout.header_row`).

    Returns
    -------
    str
        The only sheet with a balance header; ``chosen`` when none has one (the reader's
        own message says why) or there is one visible sheet.

    Raises
    ------
    DataError
        Several sheets have a balance header, naming them and ``--sheet`` (``sheet=``).
    """
    if len(visible) < 2:
        return chosen
    from carbonpath.accounting.balance_layout import header_row
    from carbonpath.accounting.balance_mapping import balance_mapping

    cmap = balance_mapping(None)
    like = [n for n in visible if header_row(
        [list(r) for r in wb[n].iter_rows(max_row=40, values_only=True)], cmap)[0] is not None]
    if len(like) > 1:
        raise DataError(Problem(
            f"{len(like)} sheets hold an energy balance ({', '.join(like)}), so the one meant "
            f"is unclear: without a sheet named the first ('{like[0]}') would be read",
            file=name, column="sheet", valid="--sheet (sheet=) naming one of: "
            + ", ".join(like)), "energy balance")
    return like[0] if like else chosen


def resolve_sheet(names: list[str], sheet: str | int, name: str) -> str:
    """The title of the workbook sheet that ``sheet`` names.

    A name that is a sheet's title reads that sheet, also when it is made of digits (a
    sheet named ``1`` for ``--sheet 1``, round 19 T51). Digits that are no sheet's title
    read the sheet of that 0-based number. An ``int`` is a number, unless a sheet bears it
    as its title: then the title when the number is no sheet's index (a yearbook's sheet
    ``2022``), and an error when it is also the index of *another* sheet (``1`` with sheets
    ``1`` and ``2``: the name or the number?).

    Parameters
    ----------
    names : list of str
        The workbook's sheet titles, in order.
    sheet : str or int
        The ``sheet`` argument (``--sheet`` on the command line, a string).
    name : str
        The workbook's name, for messages.

    Returns
    -------
    str
        The sheet's title.

    Raises
    ------
    DataError
        No sheet of that name or number, or an ``int`` that is one sheet's title and
        another's number (naming both).
    """
    if isinstance(sheet, str) and sheet in names:
        return sheet
    if isinstance(sheet, str) and not sheet.strip().isdigit():
        raise DataError(Problem(f"no sheet named '{sheet}'", file=name,
                                valid="sheets " + ", ".join(names)), "energy balance")
    number = int(sheet)
    if isinstance(sheet, int) and str(sheet) in names:
        if not 0 <= number < len(names) or names[number] == str(sheet):
            return str(sheet)  # a sheet named by its year (2022): the name, not an index
        raise DataError(Problem(
            f"sheet {sheet} is ambiguous: the sheet named '{sheet}' (number "
            f"{names.index(str(sheet))}) or the sheet number {sheet} (named "
            f"'{names[number]}')", file=name,
            valid=f"sheet='{sheet}' (a string) for the sheet named '{sheet}', or "
                  f"sheet='{names[number]}' for the other"), "energy balance")
    if not 0 <= number < len(names):
        what = "sheet named or numbered" if isinstance(sheet, str) else "sheet number"
        raise DataError(Problem(f"no {what} {sheet}", file=name,
                                valid=f"0..{len(names) - 1}: {', '.join(names)}"),
                        "energy balance")
    return names[number]


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
    key = " ".join(t.lower().split())
    key = re.sub(r"(?<=\d) (?=\d{3}\b)", "", key)  # the yearbook's "10 000 tons"
    t = _ENGLISH_UNITS.get(key, t)
    try:
        parse_unit(t)
    except Exception:
        return ""
    return t


def _unit_refusal(text: str) -> Problem | None:
    """The problem :func:`~carbonpath.units.parse_unit` raises for a printed unit, or None.

    Its message and its valid spellings (``104 tons`` is 10^4 t with the superscript lost,
    write 万吨; ``亿千瓦小时`` is written 亿千瓦时; ``万t``: 万吨 or 10^4 t), for the sheet's
    own messages about an unknown unit (round 18 Q24, Q155-Q157).
    """
    key = re.sub(r"(?<=\d) (?=\d{3}\b)", "", " ".join(str(text).strip().lower().split()))
    try:
        parse_unit(_ENGLISH_UNITS.get(key, str(text).strip()))
    except UnitError as exc:
        return exc.problems[0] if exc.problems else None
    except Exception:  # a unit pint fails on otherwise: no hint beyond the caller's
        return None
    return None


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
