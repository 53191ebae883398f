"""How an activity file is told from an energy balance sheet (inventory, decompose)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import carbonpath
from carbonpath._headers import swapped_table, table_kind
from carbonpath.accounting.balance_activity import sheet_labelled
from carbonpath.errors import DataError, Problem

# ---------------------------------------------------------------------------------------
# energy balance sheets and decomposition (issue 3)


_EXCEL = (".xlsx", ".xlsm", ".xls")
_TIDY = ("sector", "fuel", "value", "unit")


def _header(path: Path) -> list[str]:
    """The first line of a CSV file, split at commas (lower case, quotes and space stripped)."""
    from carbonpath._io import decode

    data = path.read_bytes()
    head = data[:65536]
    if len(data) > len(head) and b"\n" in head:  # whole lines: no character cut in two
        head = head[:head.rindex(b"\n") + 1]
    text, _ = decode(head, path.name)
    lines = text.splitlines()
    return [c.strip().strip('"').lower() for c in lines[0].split(",")] if lines else []


def _is_balance_sheet(path: Path) -> bool:
    """True for Excel files and CSVs whose header is not the tidy activity layout."""
    return path.suffix.lower() in _EXCEL or not set(_TIDY[:3]) <= set(_header(path))


def _tidy_workbook(path: Path, sheet: str | int | None) -> bool:
    """Whether the sheet's first row is a tidy activity header (sector, fuel, value)."""
    from carbonpath._io import open_workbook

    try:
        wb = open_workbook(path, path.name)
        try:
            names = wb.sheetnames
            from carbonpath.accounting.balance_grid import resolve_sheet

            ws = wb[names[0] if sheet is None else resolve_sheet(names, sheet, path.name)]
            first = next(ws.iter_rows(values_only=True, max_row=1), ())
        finally:
            wb.close()
    except (DataError, OSError, ValueError, KeyError, IndexError):
        return False
    head = {str(c).strip().lower() for c in first if c is not None}
    return set(_TIDY[:3]) <= head


def _not_tidy(head: list[str]) -> str:
    """Why a CSV header is not a tidy activity table's (for an error message)."""
    if not any(head):
        return "the file is empty"
    if head[0].startswith("#"):  # a comment line taken as the header (_io.comment_problem)
        return "its first line is a comment ('#'), which would be taken as the header: delete it"
    from carbonpath._io import separator_problem

    problem = separator_problem(head, "")
    if problem is not None:
        return problem.message
    missing = [c for c in _TIDY if c not in head]
    return f"its header lacks the column(s) {', '.join(missing)}"


def _located(p: Problem) -> str:
    """``"row N, column 'c': "`` of a problem of the sheet (empty when it names neither)."""
    parts = [f"row {p.row}" if p.row is not None else "",
             f"column '{p.column}'" if p.column is not None else ""]
    text = ", ".join(x for x in parts if x)
    return f"{text}: " if text else ""


def _activity_source(file: Path, balance_sheet: bool, sheet: str | None, region: str | None,
                     year: int | None, gas_condition: str | None = None,
                     energy_basis: str | None = None, mapping: Path | None = None,
                     command: str = "inventory") -> Any:
    """The activity to compute: the file itself, or the activity of its balance sheet.

    ``gas_condition`` (``--gas-condition``) is the condition of a balance sheet's gas
    volumes (default 20C, China's statistics), as ``read_energy_balance(gas_condition=)``.
    ``energy_basis`` (``--energy-basis calorific``) reads a standard-quantity sheet's
    electricity and heat as 当量值. ``mapping`` (``--mapping``): a CSV of extra labels of
    the sheet, as ``read_energy_balance(mapping=)``. ``command`` (``inventory``,
    ``decompose``) is named in the advice for ``--balance-sheet`` on a tidy file, which is
    to leave the flag out (round 26 ZA149: decompose's message had sent the user to other
    commands).
    """
    if not (balance_sheet or _is_balance_sheet(file)):
        return file
    sheet_arg = sheet  # a sheet's name, or digits: its number (balance_grid.resolve_sheet)
    condition = {} if gas_condition is None else {"gas_condition": gas_condition}
    try:
        bs = carbonpath.read_energy_balance(file, sheet=sheet_arg, year=year, region=region,
                                            mapping=mapping, **condition)
    except DataError as exc:
        if balance_sheet and file.suffix.lower() not in _EXCEL and set(_TIDY[:3]) <= set(
                _header(file)):
            raise DataError(_tidy_flagged(file, command)) from None
        if file.suffix.lower() in _EXCEL and _tidy_workbook(file, sheet_arg):
            problem = Problem(
                "this workbook's sheet is a tidy activity table (columns sector, fuel, "
                "value, unit), which carbonpath reads from CSV only; a workbook is read as an "
                "energy balance sheet", file=file.name,
                valid="save the sheet as CSV (UTF-8) and give the .csv file, or read it with "
                      "pandas.read_excel and pass the DataFrame to compute_inventory")
            raise DataError(problem) from None
        if balance_sheet or file.suffix.lower() in _EXCEL:
            raise
        if mapping is not None and any(p.file == Path(mapping).name for p in exc.problems):
            raise  # round 18 Q94: the --mapping file's own error, not the sheet's kind
        from carbonpath.accounting.balance_sheet import has_balance_header

        if has_balance_header(file, mapping):  # the sheet's own error: file, line, column
            raise  # (round 18: not hidden in "read neither ... nor ...")
        if table_kind(_header(file)) == "production":  # round 26 ZA131: files swapped
            raise DataError(_production_as_activity(file, command)) from None
        if table_kind(_header(file)) == "factors":  # round 30 ZF228: a factor table
            raise DataError(swapped_table(_header(file), "activity", file.name)) from None
        why = "; ".join(_located(p) + p.message.split("; the widest")[0]
                        for p in exc.problems)  # round 10 A19: the cell, not only the file
        problem = Problem(
            f"read neither as a tidy activity table ({_not_tidy(_header(file))}) nor as an "
            f"energy balance ({why})", file=file.name,
            valid="a CSV with columns sector, fuel, value, unit (docs: Activity data), or an "
                  "energy balance sheet (docs: Energy balance sheets)")
        raise DataError(problem) from None
    return carbonpath.read_activity(  # errors name the file, not an internal DataFrame
        sheet_labelled(bs), region=region, year=year, energy_basis=energy_basis,
        name=f"{file.name} (its activity rows as read from the balance, each named by the "
             "sheet's line and column)")



def _tidy_flagged(file: Path, command: str) -> Problem:
    """``--balance-sheet`` on a tidy activity CSV: the flag is the mistake (round 26 ZA149).

    Both commands tell a balance sheet from tidy activity by the file's header; the flag
    only makes them read every file as a sheet. ``decompose`` reads its two files each by
    its own kind, so a balance for START and tidy rows for END run without the flag.
    """
    which = ("carbonpath decompose tells each of START and END by its header (an energy "
             "balance sheet or tidy activity, one of each works)" if command == "decompose"
             else f"carbonpath {command} reads it as tidy activity")
    return Problem(
        "the first line is a tidy activity table's header (sector, fuel, value, unit), not "
        "an energy balance sheet's, but --balance-sheet reads the file as a balance sheet",
        file=file.name, row=1, valid=f"leave --balance-sheet out: {which}")


def _production_as_activity(file: Path, command: str) -> Problem:
    """A production table given where the activity goes (round 26 ZA131)."""
    files = ("START or END" if command == "decompose" else "FILE")
    option = ("one of --production's two files (START's, END's)" if command == "decompose"
              else "--production")
    files_valid = "each year's activity as START and END" if command == "decompose" else \
        "the activity as FILE"
    return Problem(
        "the file is industrial production (columns product, value, unit), not activity "
        f"data: it was given as {files}, where the activity goes (tidy rows sector, fuel, "
        "value, unit, or an energy balance sheet)", file=file.name, row=1,
        valid=f"give it as {option}, and {files_valid}")

def year_option_error(exc: Exception, year: int | None, option: str) -> Exception:
    """``exc`` said again with its cause when a balance sheet's year came from an option.

    A balance sheet's activity rows carry no year: the year of every row is the command's
    ``--year`` / ``--years``. An error about that year (a factor the tables lack for it)
    names a cell of the sheet, but its cause is the option (round 15 K86).

    Parameters
    ----------
    exc : Exception
        The error of computing the sheet's inventory.
    year : int or None
        The year the option gave the sheet (None: the error is returned unchanged).
    option : str
        The option as the user wrote it (``--year``, ``--years (START)``).

    Returns
    -------
    Exception
        An :class:`~carbonpath.errors.ArgumentValueError` whose message ends with the cause,
        when the message speaks of ``year``; else ``exc`` itself.
    """
    from carbonpath.errors import ArgumentValueError, CarbonpathError

    if year is None or not isinstance(exc, CarbonpathError) or f"year {year}" not in str(exc):
        return exc
    return ArgumentValueError(
        f"{str(exc).rstrip('. ')}. The year {year} is the option {option}'s: a balance "
        f"sheet's rows have no year of their own, so every row takes it. Give {option} the "
        f"year the sheet is of, or a factor table for {year} (--factors)")


def dataset_only_columns(files: dict[str, Path | None]) -> list[Problem]:
    """Columns of a plain activity or production file that only a dataset reads.

    ``model_region`` says which of a dataset's regions (``dataset.yaml`` ``regions``) a row
    of ``activity.csv`` / ``production.csv`` belongs to; ``carbonpath inventory FILE``
    computes one region and no reader uses it there, so it would be ignored (round 17 O78).

    Parameters
    ----------
    files : dict
        How each file is named on the command line (``activity FILE``, ``--production``)
        -> its path (None or a non-CSV file: not looked at).

    Returns
    -------
    list of Problem
        One per file with the column, naming the file, row 1 and the column.
    """
    out = []
    for option, path in files.items():
        if path is None or path.suffix.lower() != ".csv" or not path.is_file():
            continue
        if "model_region" in _header(path):
            from carbonpath.accounting.regional import model_region_problem

            out.append(model_region_problem(path.name, option, row=1))
    return out


def balance_as_production(path: Path | None, region: str | None, year: int | None
                          ) -> list[Problem]:
    """An energy balance sheet given as ``--production`` (round 17 O66).

    Parameters
    ----------
    path : Path or None
        The ``--production`` file; only a CSV without a ``product`` column is looked at.
    region, year : str or int or None
        As given on the command line (passed to :func:`carbonpath.read_energy_balance`).

    Returns
    -------
    list of Problem
        One problem naming the file when it reads as an energy balance sheet (which the
        production reader would refuse line by line, each quoting the sheet's title as
        the header) or has a tidy activity header (round 26 ZA131); empty otherwise.
    """
    if path is None or path.suffix.lower() != ".csv" or not path.is_file():
        return []
    head = _header(path)
    if table_kind(head) == "activity":  # round 26 ZA131: files swapped
        return [Problem(
            "the file given as --production is tidy activity data (columns sector, fuel, "
            "value, unit), not industrial production (columns product, value, unit)",
            file=path.name, row=1, valid="give it as the activity (FILE; START or END of "
            "decompose), and as --production a CSV with columns product, value, unit")]
    if "product" in head:
        return []
    try:
        carbonpath.read_energy_balance(path, region=region, year=year)
    except (DataError, ValueError, OSError):
        return []
    return [Problem(
        "the file given as --production is an energy balance sheet (it reads as one), not "
        "industrial production: it has no column product", file=path.name,
        valid="--production takes a CSV with columns product, value, unit (docs: Activity "
              "data, Production); give the balance sheet as the activity FILE")]
