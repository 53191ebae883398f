"""Cells of the planner's workbook that read otherwise than Excel shows them (round 21 K64)."""

from __future__ import annotations

from pathlib import Path

from carbonpath.errors import Problem

__all__ = ["holds_nothing", "merged_ranges"]


def holds_nothing(ws: object) -> bool:
    """Whether a sheet of the workbook holds no value carbonpath could read.

    A chart sheet holds no cells at all; a worksheet Excel or WPS added (``Sheet1``) may be
    blank, or hold only blanks and spaces. Neither can hold rows that would be ignored, so
    the planner's workbook reader passes over them instead of refusing them as a renamed
    or copied sheet (round 30 KF18, KF50).
    """
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        return True
    return not any(v is not None and str(v).strip() for row in ws.iter_rows(values_only=True)
                   for v in row)


def merged_ranges(path: Path, sheets: list[str]) -> list[Problem]:
    """Merged cells in the input sheets: each named, with the cells that read as empty.

    Excel shows a merged range's value on every row it spans, but only its top-left cell
    holds it: unit cells C2:C4 merged read as 万千瓦 on row 2 and blank on rows 3 and 4,
    which were refused as an unknown unit '' (round 21 K64). The balance sheet is not
    checked (a yearbook's merged titles are read as they are). The sheets' XML is scanned
    first, so a workbook without merged cells is not opened a second time.

    Returns
    -------
    list of Problem
        One per merged range of an input sheet (sheet, row, column letter, what is valid).
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            if not any(b"<mergeCell " in z.read(n) for n in z.namelist()
                       if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                return []
    except (OSError, zipfile.BadZipFile, KeyError):
        return []
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, data_only=True)
    problems = []
    for sheet in sheets:
        ws = wb[sheet]
        for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            first = ws.cell(rng.min_row, rng.min_col)
            rest = [f"{get_column_letter(c)}{r}" for r in range(rng.min_row, rng.max_row + 1)
                    for c in range(rng.min_col, rng.max_col + 1)][1:]
            shown = ", ".join(rest[:4]) + (f" and {len(rest) - 4} more" if len(rest) > 4 else "")
            problems.append(Problem(
                f"cells {rng.coord} are merged: Excel shows {first.value!r} in each, but only "
                f"{first.coordinate} holds it and {shown} read as empty",
                file=f"{path.name}, sheet '{sheet}'", row=rng.min_row,
                column=first.column_letter, valid="unmerge the range (Home > Merge & "
                "Center off) and fill each row's cell"))
    wb.close()
    return problems
