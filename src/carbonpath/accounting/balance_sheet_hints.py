"""Hints added to the errors of :func:`carbonpath.read_energy_balance`.

A column of numbers under a blank header cell is named as such (:func:`blank_header`).
A workbook whose first sheet is a notes page (说明) and whose balance is on another sheet
gives "no header row" on the first sheet; the error then names the workbook's other sheets
and the ``sheet=`` argument (``--sheet`` on the command line).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["blank_header", "with_other_sheets"]


def blank_header(j: int, lines: list[Any], name: str) -> Problem:
    """The problem of a sheet's column of numbers under a blank header cell (round 29 ZE58).

    It had been "unrecognised column '(blank header, column 12)' ... did you mean
    cleaned_coal?": a fuel guessed for a name that is not there, and a mapping offered for
    a label no mapping can give.

    Parameters
    ----------
    j : int
        The column's 0-based position.
    lines : list
        The sheet's lines holding a number in the column (at least one).
    name : str
        The sheet's name.
    """
    return Problem(
        f"column {j + 1} has a blank header but holds {len(lines)} number(s) (first on line "
        f"{lines[0]}): numbers of no named fuel", file=name,
        column=f"(blank header, column {j + 1})",
        valid="write the fuel's name and unit in its header cell (原煤(万吨), 天然气(亿立方米) "
              "...), or delete the column if its numbers belong to no fuel")


def with_other_sheets(exc: DataError, source: Any, sheet: str | int | None) -> DataError:
    """``exc`` with the workbook's other sheets named, when the first sheet was read by default.

    Parameters
    ----------
    exc : DataError
        The error of reading the first sheet's layout.
    source : str, pathlib.Path or pandas.DataFrame
        What :func:`carbonpath.read_energy_balance` was given.
    sheet : str, int or None
        Its ``sheet`` argument (None: the first sheet, by default).

    Returns
    -------
    DataError
        ``exc`` itself unless ``source`` is a workbook of several sheets read by default;
        else a copy whose first problem names the other sheets.
    """
    if sheet is not None or isinstance(source, pd.DataFrame) or not exc.problems:
        return exc
    path = Path(source)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return exc
    from carbonpath._io import open_workbook

    try:
        wb = open_workbook(path, path.name)
        names = list(wb.sheetnames)
        wb.close()
    except (DataError, OSError, ValueError):
        return exc
    if len(names) < 2:
        return exc
    others = ", ".join(f"'{n}'" for n in names[1:])
    first = exc.problems[0]
    hint = (f"; this is the workbook's first sheet '{names[0]}', read because no sheet was "
            f"given; it also has {others}: give sheet='NAME' (--sheet NAME on the command "
            "line) for the sheet of the balance")
    problems = [replace(first, message=first.message + hint), *exc.problems[1:]]
    return DataError(problems, "energy balance")

