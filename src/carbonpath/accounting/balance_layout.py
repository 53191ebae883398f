"""The layout of an energy balance sheet (part of :mod:`.balance_sheet`).

Where the header, the label column, the unit row and the title's unit are; the unit of
every column; the data rows as tidy records. Moved unchanged out of
``balance_sheet.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.accounting.balance_grid import (
    _grid,
    _number,
    _same_unit,
    _split_header,
    _text,
    _unit_refusal,
    _unit_text,
)
from carbonpath.accounting.balance_mapping import BalanceMapping, balance_mapping, norm_label
from carbonpath.accounting.balance_sheet_hints import blank_header
from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.numbers import expected_number, number_hint

_UNIT_WORDS = {"单位", "计量单位", "实物单位", "unit", "units", "unit of measurement"}
_NOTE = re.compile(r"^\s*(注|资料来源|说明|note|notes|source)\s*[:：]?", re.IGNORECASE)
_TITLE_UNIT = re.compile(r"单位\s*[:：]\s*([^,，;；)）\n]+)|unit\s*[:：]\s*([^,;)\n]+)", re.I)


@dataclass
class _Layout:
    header: int
    label_col: int
    columns: dict[int, tuple[str, str, str]]  # col -> (code, header text, unit from header)
    unit_row: int | None
    title_unit: str


def header_row(cells: list[list[Any]], cmap: BalanceMapping
               ) -> tuple[dict[int, tuple[str, str, str]] | None, int]:
    """The header of a balance sheet: the first of 40 lines naming two energy columns.

    Parameters
    ----------
    cells : list of list
        The sheet's cells by row.
    cmap : BalanceMapping
        The labels of columns (bundled, with a user's ``mapping``).

    Returns
    -------
    (dict or None, int)
        Column position -> (fuel code, header text, unit of the header), and the row's
        position; ``(None, -1)`` when no line has the shape of a balance sheet's header
        (two energy columns, or one beside a label only).
    """
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
            return cols, i
    return None, -1


def has_balance_header(source: str | Path, mapping: Any = None) -> bool:
    """Whether a file has the shape of an energy balance sheet (a header of fuel columns).

    A file whose first 40 lines hold a header naming at least two energy columns (原煤,
    天然气, 电力 ..., with ``mapping``'s labels) is recognisably a balance sheet: an error
    reading it is the sheet's own (a cell, a total), to be shown as it is rather than as
    "neither a tidy activity file nor a balance sheet" (round 18).

    Parameters
    ----------
    source : str or Path
        A CSV file.
    mapping : dict, path or None
        As :func:`read_energy_balance`'s ``mapping``.

    Returns
    -------
    bool
        False also when the file cannot be read as text, or the mapping is bad.
    """
    try:
        cells, _, _, _ = _grid(source, None, None)
        cmap = balance_mapping(mapping)
        return header_row(cells, cmap)[0] is not None or bool(separated_header(cells, cmap))
    except (DataError, OSError, ValueError):
        return False


def separated_file(source: str | Path) -> Problem | None:
    """The problem of a CSV balance sheet separated by ';' or a tab, else None.

    :func:`separated_header` of the file's lines, with the file and line named; None also
    when the file cannot be read as text (its reader says why).
    """
    try:
        cells, lines, name, _ = _grid(source, None, None)
        found = separated_header(cells, balance_mapping(None))
    except (DataError, OSError, ValueError):
        return None
    return None if found is None else dataclasses.replace(found, file=name,
                                                          row=lines[found.row])


#: Separators a spreadsheet may save a "CSV" with in other locales (round 25 Z124).
_OTHER_SEPARATORS = ((";", "';'"), ("\t", "a tab"))


def separated_header(cells: list[list[Any]], cmap: BalanceMapping) -> Problem | None:
    """The problem of a sheet whose lines are separated by ';' or a tab, else None.

    A balance sheet saved as CSV by a spreadsheet whose locale separates by ';' (and often
    writes decimal commas, ``1137,00``) or as tab-separated text reads, at its commas, as
    lines of broken cells; the reader said only that no header of energy columns was
    found, the widest line being the title cut at its commas (round 25 Z124). Each of the
    first 40 lines is joined again and split at the other separator; a header of energy
    columns found so names the separator, the line and the columns.

    Returns
    -------
    Problem or None
        Without file and row (the caller adds them: the row is at index ``row`` of
        ``cells``, given in ``Problem.row`` as that index).
    """
    for sep, shown in _OTHER_SEPARATORS:
        split = []
        for row in cells[:40]:
            texts = [_text(c) for c in row]
            while texts and not texts[-1]:
                texts.pop()
            split.append(",".join(texts).split(sep))
        if sum(len(r) > 1 for r in split) < 2:
            continue
        cols, i = header_row(split, cmap)
        if cols is None:
            continue
        named = [split[i][j].strip() for j in sorted(cols)]
        decimal = any(re.fullmatch(r"-?\d+,\d+", c.strip()) for r in split for c in r)
        return Problem(
            f"the file looks separated by {shown}, not by commas: this line, split at "
            f"{shown}, is a header naming the energy columns {', '.join(named[:4])}"
            f"{' ...' if len(named) > 4 else ''}; carbonpath reads comma-separated CSV",
            row=i, valid="the same sheet saved as comma-separated CSV (UTF-8 or GBK)"
            + (", its numbers with '.' as the decimal mark (1137.00, not 1137,00)"
               if decimal else "") + ", or the workbook itself (.xlsx)")
    return None


def _layout(cells: list[list[Any]], lines: list[Any], cmap: BalanceMapping,
            name: str) -> _Layout:
    best, best_row = header_row(cells, cmap)
    first = {_text(c).lower() for c in cells[0]} if cells else set()
    if best is None and {"sector", "fuel", "value"} <= first:  # round 21 J15
        raise DataError(Problem(
            "the first line is a tidy activity table's header (sector, fuel, value, unit), "
            "not an energy balance sheet's: this file is tidy activity data", file=name,
            row=lines[0], valid="read it as activity: compute_inventory or read_activity "
            "(carbonpath inventory reads it without --balance-sheet)"), "energy balance")
    separated = separated_header(cells, cmap) if best is None else None
    if separated is not None:  # round 25 Z124: a ';' or tab-separated file
        raise DataError(dataclasses.replace(separated, file=name, row=lines[separated.row]),
                        "energy balance")
    if best is None:
        widest = max(range(min(len(cells), 40)),
                     key=lambda i: sum(bool(_text(c)) for c in cells[i]), default=0)
        shown = [_text(c) for c in cells[widest]] if cells else []
        one_cell = [next(_text(c) for c in r if _text(c)) for r in cells[:40]
                    if sum(bool(_text(c)) for c in r) == 1]
        semi = ("; every line reads as one cell holding ';': the file looks separated by "
                "';' (save it as comma-separated CSV)"
                if len(one_cell) >= 3 and len(one_cell) == sum(
                    any(_text(c) for c in r) for r in cells[:40])
                and sum(t.count(";") >= 2 for t in one_cell) >= 3 else "")  # round 21 K158
        raise DataError(Problem(
            "no header row naming at least two energy columns was found in the first 40 "
            f"lines; the widest line reads: {shown}{semi}", file=name,
            row=lines[widest] if cells else None,
            valid="headers such as 原煤, 天然气, 电力 (fuels.csv names or aliases), or "
                  "mapping={'columns': {'<header>': '<fuel code>'}}"), "energy balance")
    header = cells[best_row]
    first_fuel = min(best)
    label_col = next((j for j in range(first_fuel) if any(
        _text(r[j]) and _number(r[j])[0] is None for r in cells[best_row + 1:])), 0)
    title_unit = ""
    for row, line in zip(cells[:best_row], lines, strict=False):
        for cell in row:
            m = _TITLE_UNIT.search(_text(cell))
            if m:
                title_unit = _title_unit((m.group(1) or m.group(2)).strip(), name,
                                         line) or title_unit
    unit_row = None
    if best_row + 1 < len(cells):
        nxt = cells[best_row + 1]
        lab = norm_label(nxt[label_col]) if label_col < len(nxt) else ""
        vals = [_text(nxt[j]) for j in best if _text(nxt[j])]
        if lab in _UNIT_WORDS or (not lab and vals and all(_unit_text(v) for v in vals)):
            unit_row = best_row + 1
    _unrecognised_columns(cells, lines, header, best, label_col, best_row, cmap, name)
    return _Layout(best_row, label_col, best, unit_row, title_unit)


def _title_unit(said: str, name: str, line: Any) -> str:
    """The unit a title line states (``单位: 万吨标准煤``), or '' if it states none.

    The words after ``单位:`` are read whole, then without their last words (``万吨标准煤
    2022年``), so ``10 000 tons`` is one unit (round 18: only ``10`` had been read). A title
    whose unit the unit reader names a spelling for (``万吨标煤``, ``104 tce``, ``万t``) is
    refused: ignored, it had left every column in its physical default unit (万吨 for a sheet
    in 万吨标准煤), exit 0.

    Raises
    ------
    UnitError
        Naming the title line, its unit and the spelling to write.
    """
    words = said.split()
    tried = list(dict.fromkeys(" ".join(words[:k]) for k in range(len(words), 0, -1)))
    for text in tried:
        unit = _unit_text(text)
        if unit:
            return unit
    for text in tried:
        said_, spelled = _unit_words(text)
        if said_ != f"'{text}' is not a unit carbonpath knows" and "is a number" not in said_:
            raise UnitError(Problem(
                f"the title line's unit {said_}", file=name, row=line, value=text,
                valid=spelled + "a title such as 单位: 万吨标准煤, or units in the headers"),
                "energy balance")
    return ""


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
        text = _text(cell)
        if not text:  # round 29 ZE58: no name to map, nor to liken to a fuel's
            problems.append(blank_header(j, numbers, name))
            continue
        unit_problem = _unknown_unit(text, cmap, name, numbers[0])  # A75: 原煤(万t)
        if unit_problem is not None:
            problems.append(unit_problem)
            continue
        label = _split_header(text)[0]
        if label.lstrip().startswith("其中"):  # round 15 K79: 其中:水电, a part of a column
            problems.append(Problem(
                f"column '{text}' is a breakdown ('其中', of which) of another column, whose "
                f"numbers already hold it ({len(numbers)} number(s), first on line "
                f"{numbers[0]}); counted as a fuel of its own it would be counted twice",
                file=name, column=text,
                valid="delete the column from the sheet (carbonpath reads no breakdown "
                      "column); do not map it to a fuel"))
            continue
        close = cmap.suggest_column(label)
        code = close[0] if close and close[0] in ("total", "coal_total", "oil_total") \
            else "<fuel code>"
        methane = next((w for w in _METHANE if w in label), None)
        if methane:  # round 25 KA137: not a coal gas, though its name ends in 气
            close, code = [], "natural_gas"
        problems.append(Problem(
            f"unrecognised column '{text}' with {len(numbers)} number(s) (first on line "
            f"{numbers[0]})" + (f": {_METHANE[methane]}" if methane else ""),
            file=name, column=text,
            valid=(f"did you mean {', '.join(close)}? " if close else "")
            + f"map it: mapping={{'columns': {{'{label}': '{code}'}}}}"
            + (" if it is of pipeline quality (where the sheet has a 天然气 column too, add "
               "its numbers into that column instead); else add it into 天然气 converted by "
               "energy content (x its methane share)" if methane else "")))
    DataError.collect(problems, "energy balance")


#: Columns of methane some provinces print beside 天然气 (Shanxi's 煤层气), which the closest
#: names (焦炉煤气, 高炉煤气 ...) do not describe (round 25 KA137).
_METHANE = {
    "煤层气": "coalbed methane, methane drained from coal seams: of pipeline quality it is "
            "natural gas (天然气) in energy and CO2 per m3; coal-mine methane of low "
            "concentration (瓦斯) holds less energy per m3",
    "页岩气": "shale gas, natural gas (天然气) from shale",
    "瓦斯": "coal-mine methane of varying concentration: its energy per m3 is its methane "
          "share of natural gas's",
}


def _unknown_unit(text: str, cmap: BalanceMapping, name: str, line: Any) -> Problem | None:
    """A header naming a known fuel with a unit carbonpath does not know, as a Problem."""
    m = re.match(r"^(.*?)\s*[（(]([^()（）]*)[)）]\s*$", text, re.S)
    if not m or not m.group(2).strip() or cmap.resolve_column(m.group(1).strip()) is None:
        return None
    code = cmap.resolve_column(m.group(1).strip())[0]
    unit = m.group(2).strip()
    gas = _condition_problem(text, m.group(1).strip(), unit, name, line)
    if gas is not None:
        return gas
    said, spelled = _unit_words(unit)
    return Problem(
        f"column '{text}' is {code}, but its unit {said} (numbers from line {line})",
        file=name, column=text, value=unit,
        valid=spelled + f"a header such as '{m.group(1).strip()}("
              f"{cmap.default_unit(code) or '万吨'})' (the column's usual unit): a unit such "
              "as 万吨, 吨, 10^4 t, 亿立方米, 亿千瓦时, 万吨标准煤, 万百万千焦 (pint units too: "
              "t, GJ, MWh)")


def _condition_problem(text: str, label: str, unit: str, name: str,
                       line: Any) -> Problem | None:
    """The problem of a header whose unit carries a gas condition (round 25 KA79b).

    ``天然气(亿立方米，标准状态)`` had been refused as "'标准状态' is not a unit", with the
    advice ``天然气(亿立方米)``, which reads the gas at the default 20 °C: the message now
    says where a condition is read (a note line under the table; on the command line
    ``--gas-condition``) and, for 标准状态, that it names no temperature.
    """
    from carbonpath.units.parse import condition_in_unit

    found = condition_in_unit(unit)
    if found is None or not found[0] or not _unit_text(found[0]):
        return None
    rest, words, condition = found
    temp = {"0C": "0", "15C": "15", "20C": "20"}
    if condition is None:
        which = (f"'{words}' (standard state) names no temperature: 0 °C in physics and "
                 "chemistry (标准状况), 20 °C in China's gas statistics and trade (GB/T 19205); "
                 "the sheet's source says which")
        note = "a note line under the table such as '注: 天然气按0°C计量' (or 按20°C计量)"
    else:
        which = f"'{words}' is {temp[condition]} °C"
        note = (f"a note line under the table such as '注: 天然气按{temp[condition]}°C计量'")
    return Problem(
        f"column '{text}' gives a gas condition in its unit ('{unit}'): a header's unit is "
        f"read as a unit only, and {which}; without a note the sheet's gas is read at 20 °C "
        f"(numbers from line {line})",
        file=name, column=text, value=unit,
        valid=f"the header '{label}({rest})' and {note}, which read_energy_balance, "
              "inventory and init read (inventory also takes --gas-condition 0C / 20C)")


def _unit_words(unit: str) -> tuple[str, str]:
    """What the unit reader says of a printed unit, and the spellings it names.

    Returns ``(said, spelled)``: ``said`` begins with the unit (``'104 tons' would be a
    unit of 104 tons ...: it is 10^4 tons (万吨) ...``, ``'亿千瓦小时' is not a unit
    carbonpath knows (...): write '亿千瓦时'``, ``'万t' is not a unit carbonpath knows (for
    '万t' write '万吨' or '10^4 t' ...)``); ``spelled`` is ``"<spellings>; else "`` or ''
    (round 18 Q24, Q155-Q157: the sheet's message had named no spelling).
    """
    problem = _unit_refusal(unit)
    bare = f"'{unit}' is not a unit carbonpath knows"
    if problem is None:
        return bare, ""
    valid = str(problem.valid or "")
    spelled = next((valid.split(sep)[0] + "; else " for sep in ("; else ", "; or, if")
                    if sep in valid), "")
    said = problem.message
    if said == bare and spelled.startswith("for '"):  # 万t: the hint only in valid
        said += f" ({spelled[:-len('; else ')]})"
    return said, spelled


def _column_units(cells: list[list[Any]], lines: list[Any], layout: _Layout,
                  cmap: BalanceMapping, units: str | Mapping[str, str] | None,
                  name: str) -> dict[str, str]:
    keys, problems = cmap.unit_keys(units)  # ZE84's kind: a key '原煤(万吨)' named nothing
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for j, (code, text, head_unit) in layout.columns.items():
        given: list[tuple[str, str]] = []
        head, own = _split_header(text)
        mapped = (cmap.resolve_column(head) or ("", ""))[1]
        # the header's and the mapping's units are both heard: the mapping's does not replace
        # the header's (round 19 T103: 原煤(万吨) mapped in 万吨标准煤 had read tce)
        if own or not mapped:
            given += [("header", own or head_unit)] if own or head_unit else []
        if mapped:
            given.append((cmap.column_origin(head), mapped))
        if layout.unit_row is not None:
            u = _text(cells[layout.unit_row][j])
            if u:
                given.append((f"unit row (line {lines[layout.unit_row]})", u))
        if isinstance(units, str):
            given.append(("units argument", units))
        elif units:
            given += [("units argument", u) for k, u in units.items() if keys[k] == code]
        if layout.title_unit:
            given.append(("title line", layout.title_unit))
        canon = []
        for where, u in given:
            c = _unit_text(u)
            if not c:
                said, spelled = _unit_words(u)
                problems.append(Problem(
                    f"unknown unit in the {where}: {said}", file=name, column=text, value=u,
                    valid=spelled + "万吨, 亿立方米, 亿千瓦时, 万百万千焦, 万吨标准煤, t, TJ"))
                continue
            canon.append((where, c))
        if any(not _same_unit(canon[0][1], c) for _, c in canon[1:]):
            mapping = next((w for w, _ in canon if w.startswith("mapping")), "")
            problems.append(Problem(
                "mixed units in one column: " + "; ".join(f"{u} ({w})" for w, u in canon),
                file=name, column=text, valid="one unit per column" + (
                    f" (the header states its unit: leave the unit of the {mapping} "
                    "blank, or correct the header)" if mapping and any(
                        w == "header" for w, _ in canon) else "")))
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
    above: tuple[str, Any] | None = None  # the last row read: (label, line)
    for i in range(start, len(cells)):
        row = cells[i]
        label = _text(row[layout.label_col])
        nums: dict[int, float] = {}
        cell_problems = []
        for j, (_code, text, _u) in layout.columns.items():
            v, ok = _number(row[j], *fmt)
            if not ok:
                cell_problems.append(Problem(
                    "cell is not a number: " + _in_header_unit(number_hint(_text(row[j]), *fmt),
                                                              text), file=name,
                    row=lines[i], column=text, value=_text(row[j]),
                    valid=expected_number(*fmt) + ", or blank / - for none"))
            elif v is not None:
                nums[j] = v
        second = cell_problems and second_table(cells, lines, i, layout, cmap, name)
        if second:  # round 24 H13: another table pasted below: its header, not bad cells
            problems.append(second)
            break
        problems += cell_problems
        if not label:
            if nums:
                problems.append(Problem("a row with numbers but no label", file=name,
                                        row=lines[i], valid="a row label naming the item"))
            continue
        if _NOTE.match(label) and not nums:
            notes.append(label)
            continue
        at, item = section, cmap.resolve_row(label, section)  # (at: for ZE89's message)
        if item is None:
            if nums and _OF_WHICH.match(label):  # round 25 Z139, KA23: 其中:钢铁 under 工业
                unknown.append(Problem(
                    f"unrecognised row '{label}' with {len(nums)} number(s): a breakdown "
                    "('其中', of which) of the row above it, whose numbers already hold "
                    "it; carbonpath reads no breakdown the layout does not have "
                    "(balance_rows.csv), and counted as a sector of its own it would be "
                    "counted twice", file=name, row=lines[i], value=label,
                    valid="delete the row from the sheet; or " + _of_which(label, above)))
            elif nums:
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
        if item != "memo":  # a user's memo row (Q97) belongs to no section: keep the current
            section = cmap.rows.at[item, "section"]
        if item in seen and item != "memo":  # (memo rows: any number, round 25 Z139)
            said, fix = cmap.mapped_rows([seen[item], (lines[i], label, at)])  # ZE89
            problems.append(Problem(f"row '{item}' appears twice (lines {seen[item][0]} and "
                                    f"{lines[i]}){said}", file=name, row=lines[i], value=label,
                                    valid=_of_which(label, above) if _OF_WHICH.match(label)
                                    else fix or "each row once; map one of them to another "
                                                "item"))
            continue
        seen[item] = (lines[i], label, at)
        if item != "memo":
            above = (label, lines[i])
        r = cmap.rows.loc[item]
        for j, v in nums.items():
            code, text, _u = layout.columns[j]
            records.append({"line": lines[i], "item": item, "label": label,
                            "section": r["section"], "role": r["role"], "fuel": code,
                            "column": text, "value": v})
    DataError.collect(unknown + problems, "energy balance")
    cols = ["line", "item", "label", "section", "role", "fuel", "column", "value"]
    return pd.DataFrame.from_records(records, columns=cols), notes, skipped


def second_table(cells: list[list[Any]], lines: list[Any], i: int, layout: _Layout,
                 cmap: BalanceMapping, name: str) -> Problem | None:
    """The problem of a second table's header at row ``i`` of a balance sheet, else None.

    A yearbook prints the balance twice, in physical quantities (实物量) and in standard
    coal (标准量), with the same row labels; pasted one below the other into one sheet, the
    second table's header row gave one "cell is not a number" per column ('原煤(万吨标准煤)'
    in the column '原煤(万吨)') and its rows "appears twice" errors, and no message said a
    second table starts there (round 24 H13). Row ``i`` is a second header when its cells
    name energy columns as a header does (:func:`header_row`: two or more, or one beside
    the label) and, for a single one, its label is the header's (项目). The title line right
    above it (a label alone, no row the sheet knows) is named as where that table starts.
    """
    cols, _ = header_row([cells[i]], cmap)
    label = _text(cells[i][layout.label_col])
    if not cols or (len(cols) < 2 and label != _text(cells[layout.header][layout.label_col])):
        return None
    start = i
    above = cells[i - 1] if i - 1 > layout.header else []
    if sum(bool(_text(c)) for c in above) == 1 and cmap.resolve_row(
            next(_text(c) for c in above if _text(c)), None) is None:
        start = i - 1  # the second table's title (能源平衡表(标准量))
    shown = [_text(cells[i][j]) for j in sorted(cols)][:3]
    first = [layout.columns[j][1] for j in sorted(cols) if j in layout.columns][:3]
    differs = [(a, b) for a, b in zip(shown, first, strict=False) if a != b]
    units = (f"; its columns read {', '.join(repr(a) for a, _ in differs)} where the first "
             f"table's header reads {', '.join(repr(b) for _, b in differs)}" if differs else "")
    said = [_text(c) for c in cells[start] if _text(c)]
    title = f" (after its title, row {lines[start]}: '{said[0]}')" if start < i else ""
    shown_row = [_text(c) for c in cells[i] if _text(c)]
    return Problem(
        f"a second table starts here: this row is a header naming the energy columns again"
        f"{title}{units}; a sheet (or CSV file) is read as one balance table, so its rows "
        "cannot follow the first table's", file=name, row=lines[i],
        value=", ".join(shown_row[:4]) + (", ..." if len(shown_row) > 4 else ""),
        valid=f"one table per sheet or file: the first table ends before row {lines[start]}; "
              "delete the second table from the sheet, or put it in a file (or sheet) of "
              "its own and read that")


def _in_header_unit(hint: str, header: str) -> str:
    """A number hint for a balance cell: its unit is the column header's (round 17 O69).

    :func:`carbonpath.numbers.number_hint` speaks of a tidy table's 'unit' column, which a
    balance sheet does not have.
    """
    return hint.replace("in the unit of the row's 'unit' column",
                        f"in the unit of the column's header ('{header}')")


#: An "of which" line of a yearbook's balance (其中:规模以上工业, 其中：高耗能行业).
_OF_WHICH = re.compile(r"\s*其中\s*[:：]?")


def _of_which(label: str, above: tuple[str, Any] | None) -> str:
    """What a '其中' line of a balance sheet may be mapped to (round 25 Z139).

    A city yearbook prints 其中:规模以上工业 or 其中:高耗能行业 under 工业: a part of the row
    above, already counted in it. The hints had offered the nearest item by spelling
    (industry, other_services), whose mapping then made the row twice; ``memo`` keeps it
    in the flows without counting it.
    """
    of = f" ('{above[0]}', line {above[1]})" if above else ""
    return (f"a '其中' (of which) line is a part of the row above it{of}, already counted "
            f"there, not a row of its own: map it: mapping={{'rows': {{'{label}': 'memo'}}}} "
            "(kept in the flows, counted in no total; a sheet may have several memo rows)")
