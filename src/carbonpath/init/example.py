"""The worked example inside the planner's workbook, and how ``init`` recognises it.

``carbonpath template`` fills its sheets with the bundled synthetic sample city
(``datasets/samples``: a Shandong-like industrial city; invented numbers, not statistics),
so that ``carbonpath template t.xlsx`` followed by ``carbonpath init --workbook t.xlsx
--region CN-SD --base-year 2023 --horizon 2035 --out o`` writes a dataset a planner can
study. Every example row's ``source`` begins with :data:`MARK`; the balance sheet is
recognised as the example when its numbers are the example's.

:func:`sort_examples` is what ``init --workbook`` does with them: if the balance is still
the example, the workbook is the worked example and every example row is kept (one notice
says the dataset is a demonstration); if the planner has entered a balance, example rows
left in the other sheets are skipped, each sheet with a notice naming the rows.
"""

from __future__ import annotations

import numbers
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["EXAMPLE_YEAR", "MARK", "example_balance", "example_rows", "sort_examples"]

#: The first words of every example row's source.
MARK = "示例 example"
#: The base year of the example (the command in the template's instructions).
EXAMPLE_YEAR = 2023
_NOTE = "synthetic sample city of carbonpath (invented numbers, not statistics)"


def _samples() -> Any:
    from carbonpath._resources import data_path

    return data_path("datasets") / "samples"


def example_balance(columns: list[str]) -> dict[tuple[str, str], float]:
    """The example's balance: (row item, column fuel code) -> value in the column's unit.

    Parameters
    ----------
    columns : list of str
        Fuel codes of the template's balance columns; the sample's units are those of
        the template (checked: a column of another unit raises).

    Raises
    ------
    ValueError
        If a sample fuel is not a template column or is given in another unit (a change
        of the template that the example must follow).
    """
    from carbonpath.accounting import read_energy_balance
    from carbonpath.accounting.balance_mapping import balance_mapping

    units = balance_mapping().columns.set_index("code")["unit"]
    bs = read_energy_balance(_samples() / "energy_balance_sample.csv", region="CN-SD",
                             year=EXAMPLE_YEAR)
    out: dict[tuple[str, str], float] = {}
    for r in bs.flows.itertuples():
        if r.fuel not in columns or str(units[r.fuel]) != str(r.unit):
            raise ValueError(f"the template's example: sample column {r.fuel} ({r.unit}) is "
                             "not a template column of that unit")
        out[(r.item, r.fuel)] = float(r.value)
    return out


def example_rows() -> dict[str, list[list[Any]]]:
    """Rows of the template's sheets (capacity ... targets, committed; captive stays empty).

    Taken from the bundled sample inputs (``datasets/samples/init/sample_*.csv`` and
    ``production_sample.csv``), moved to the base year :data:`EXAMPLE_YEAR`; each source
    begins with :data:`MARK`.
    """
    s = _samples()
    cap = pd.read_csv(s / "init" / "sample_capacity.csv", dtype=str)
    prod = pd.read_csv(s / "production_sample.csv", dtype=str)
    y = EXAMPLE_YEAR
    mark = f"{MARK}: {_NOTE}"
    return {
        "capacity": [[r.type, float(r.value), r.unit, mark] for r in cap.itertuples()],
        "drivers": [["gdp", y, 2600.0, "亿元", f"{mark}; GDP at {y} prices"],
                    ["population", y, 600.0, "万人", mark]],
        "growth": [["gdp", y, 2030, 0.05, f"{mark}; 5 %/yr"],
                   ["gdp", 2030, 2035, 0.04, f"{mark}; 4 %/yr"],
                   ["population", y, 2035, -0.002, f"{mark}; slow decline"]],
        "production": [[r.product, float(r.value), r.unit, "", mark]
                       for r in prod.itertuples()],
        "committed": [["pv", y + 2, 50.0, "万千瓦", f"{mark}; a PV project approved for "
                       f"{y + 2}"]],
        "targets": [["peak", "peak_year", 2030, "", "", "", "commitment",
                     f"{MARK}: 国发〔2021〕23号 2030年前碳达峰 (the national commitment; "
                     "replace with the city's plan)"]],
    }


def _is_example(frame: pd.DataFrame) -> pd.Series:
    return frame["source"].fillna("").astype(str).str.strip().str.startswith(MARK)


def _cell(value: Any) -> Any:
    """A cell as compared with the example: blank -> None, numbers (typed or as text) -> float."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return value


def _show(value: Any) -> str:
    return "a blank" if value is None else f"{value:g}" if isinstance(value, float) else repr(value)


def _edited(frame: pd.DataFrame, sheet: str, mask: pd.Series, name: str) -> tuple[
        pd.Series, list[Problem]]:
    """Rows with the example's source whose other cells are not an example row's.

    A row is the template's example only if every cell but ``source`` equals one of the
    sheet's example rows (:func:`example_rows`); a row whose values were typed over
    keeps the example's source and is refused, naming the cells that differ (round 17
    O36: such rows were skipped as example rows and the city's numbers vanished).
    """
    from carbonpath.init.workbook import SHEETS

    columns = [c for c, *_ in SHEETS[sheet] if c != "source"]
    examples = [dict(zip([c for c, *_ in SHEETS[sheet]], r, strict=False))
                for r in example_rows().get(sheet, [])]
    edited = pd.Series(False, index=frame.index)
    problems = []
    for idx in frame.index[mask]:
        got = {c: _cell(frame.at[idx, c]) for c in columns}
        diffs = [[c for c in columns if got[c] != _cell(e.get(c))] for e in examples]
        best = min(range(len(diffs)), key=lambda i: len(diffs[i]), default=None)
        if best is not None and not diffs[best]:
            continue
        edited[idx] = True
        said = ("" if best is None else ": " + "; ".join(
            f"{c} holds {_show(got[c])} where the example has {_show(_cell(examples[best].get(c)))}"
            for c in diffs[best]))
        problems.append(Problem(
            "this row was changed from the template's example" + said + ", but its source "
            f"is still the example's ('{MARK}...'): not skipped as an example row, and the "
            "city's numbers need their own source",
            file=name, row=int(idx), column="source", value=str(frame.at[idx, "source"]),
            valid="the source of the city's numbers (the yearbook and table, a document) or "
                  "'assumption: why'; or delete the row"))
    return edited, problems


def sort_examples(wb: dict[str, Any], balance_is_example: bool, sheets: list[str]
                  ) -> tuple[dict[str, Any], list[str]]:
    """Keep or skip the template's example rows of a read workbook; say what was done.

    A row is an example row when its source begins with :data:`MARK` and each of its
    other cells equals one of the sheet's example rows (:func:`example_rows`; numbers
    compared as numbers, blank and empty text alike).

    Parameters
    ----------
    wb : dict
        :func:`carbonpath.init.workbook.read_workbook`'s result (frames indexed by Excel
        row; ``names`` maps each sheet to how messages name it).
    balance_is_example : bool
        Whether the balance sheet still holds the example's numbers.
    sheets : list of str
        The tabular sheets to look at.

    Returns
    -------
    (dict, list of str)
        The workbook with example rows skipped where the planner entered a balance, and
        the notices to print.

    Raises
    ------
    DataError
        Where the planner entered a balance: a row whose source is the example's but whose
        other cells were changed (the city's numbers typed over an example row), naming
        sheet, Excel row, the cells that differ from the example and asking for the
        numbers' source; never dropped. While the balance is still the example's, such rows
        are kept (a demonstration) and a notice names them.
    """
    out = dict(wb)
    found = {}
    problems: list[Problem] = []
    for sheet in sheets:
        frame = wb.get(sheet)
        if isinstance(frame, pd.DataFrame) and len(frame):
            mask = _is_example(frame)
            if mask.any():
                name = wb.get("names", {}).get(sheet, f"sheet '{sheet}'")
                edited, found_problems = _edited(frame, sheet, mask, name)
                problems += found_problems
                mask = mask & ~edited
                if mask.any():
                    found[sheet] = (frame, mask)
    if balance_is_example:  # a demonstration: every row kept, the edited ones named
        where = ", ".join(["balance", *found])
        return out, [f"this workbook still holds the template's worked example ({_NOTE}) "
                     f"in sheets {where}: the dataset written is a demonstration; enter the "
                     "city's statistics over the example rows",
                     *(f"{p.file}, row {p.row}: {p.message}; kept (the balance is the "
                       "example's), but give the row its own source" for p in problems)]
    DataError.collect(problems, "the workbook's rows typed over the template's example")
    notices = []
    for sheet, (frame, mask) in found.items():
        rows = ", ".join(str(i) for i in frame.index[mask])
        notices.append(f"sheet '{sheet}': skipped {int(mask.sum())} example row(s) of the "
                       f"template (rows {rows}, source '{MARK}...')")
        rest = frame[~mask]
        out[sheet] = rest if len(rest) else None
    return out, notices
