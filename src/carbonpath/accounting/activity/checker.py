"""Column checks shared by the activity and production readers (:class:`_Checker`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._headers import (
    TABLE_COLUMNS,
    index_text,
    labelled_headers,
    labelled_text,
    swapped_table,
)
from carbonpath._io import line_numbers, read_table
from carbonpath.accounting.activity.keys import _combine, _duplicated
from carbonpath.errors import DataError, Problem, frame_labels
from carbonpath.factors import FactorTable
from carbonpath.numbers import (
    YEAR_RANGE,
    check_year,
    expected_number,
    not_a_number,
    number_hint,
    parse_numbers,
)

# ---------------------------------------------------------------------------------------
# helpers: per-distinct-value validation


class _Checker:
    """Collects problems while validating columns of one table."""

    def __init__(self, df: pd.DataFrame, name: str, from_file: bool) -> None:
        self.df = df
        self.name = name
        self.labels = line_numbers(df) if from_file else frame_labels(df)  # ZC72
        self.problems: list[Problem] = []

    def where(self, mask: np.ndarray) -> tuple[Any, str]:
        """Where a problem of a row is: file, row label and column."""
        idx = np.flatnonzero(mask)
        first = self.labels[idx[0]]
        first = int(first) if isinstance(first, (np.integer, int)) else first
        more = len(idx) - 1
        extra = ""
        if more:
            shown = ", ".join(str(self.labels[i]) for i in idx[1:4])
            extra = f" (also row(s) {shown}{f' and {more - 3} more' if more > 3 else ''})"
        return first, extra

    def add(self, mask: np.ndarray, column: str, message: str, value: Any,
            valid: str | None = None) -> None:
        """Record a problem of the rows selected by ``mask``."""
        row, extra = self.where(mask)
        self.problems.append(Problem(message + extra, file=self.name, row=row, column=column,
                                     value=value, valid=valid))

    def codes(self, column: str, resolve: Callable[[str], str | None],
              valid: Callable[[str], str], what: str) -> tuple[np.ndarray, list[str]]:
        """Factorize a text column and map each distinct value to a code."""
        col = self.df[column]
        if isinstance(col.dtype, pd.CategoricalDtype):
            raw_codes = col.cat.codes.to_numpy()
            uniques = list(col.cat.categories)
            if (raw_codes < 0).any():
                self.add(raw_codes < 0, column, f"{what} is missing", None, valid(""))
        else:
            raw_codes, uniq = pd.factorize(_objects(col), use_na_sentinel=True)
            uniques = list(uniq)
            if (raw_codes < 0).any():
                self.add(raw_codes < 0, column, f"{what} is missing", None, valid(""))
        mapped: list[str] = []
        for i, text in enumerate(uniques):
            code = resolve(str(text)) if str(text).strip() else None
            if code is None:
                self.add(raw_codes == i, column, f"unknown {what} '{text}'" if str(text).strip()
                         else f"{what} is missing", text, valid(str(text)))
                code = ""
            mapped.append(code)
        cats = sorted(set(mapped))
        pos = {c: j for j, c in enumerate(cats)}
        lut = np.array([pos[c] for c in mapped] + [0], dtype=np.int32)
        return lut[raw_codes], cats


def _objects(col: pd.Series) -> np.ndarray | pd.Series:
    """A text column as an object array (factorizes faster than a string-dtype Series)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col
    return col.to_numpy(dtype=object)


def _categorical(codes: np.ndarray, cats: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int32, copy=False), categories=list(cats))


def _balance_words(df: pd.DataFrame) -> str:
    """', its rows as read from the balance sheet' for ``BalanceSheet.activity``, else ''.

    Every row of a balance sheet's activity has a note ``balance sheet: <row>, line <n>``;
    the name then carries the mark the plausibility checks read (as the CLI's name does:
    a balance books a CHP plant's fuel with its heat, round 22 M21).
    """
    notes = df["note"] if "note" in df and len(df) else None
    if notes is None or not notes.astype(str).str.startswith("balance sheet: ").all():
        return ""
    return ", its rows as read from the balance sheet"


def _frame_and_name(source: str | Path | pd.DataFrame, name: str | None,
                    what: str) -> tuple[pd.DataFrame, str, bool]:
    if isinstance(source, pd.DataFrame):
        return source, name or f"{what} (DataFrame{_balance_words(source)})", False
    path = Path(source)
    try:
        df = read_table(path)
    except DataError:
        if what == "activity data":
            _refuse_balance_sheet(path, name or path.name)
        raise
    if what == "activity data" and not {"sector", "fuel", "value"} <= {
            str(c).strip().lower() for c in df.columns}:
        _refuse_balance_sheet(path, name or path.name)
    return df, name or path.name, True


def _refuse_balance_sheet(path: Path, name: str) -> None:
    """Refuse an energy balance sheet given where tidy activity data is read (round 23 E97).

    ``compute_inventory('balance.csv')`` reported every row of the sheet as having more
    fields than its one-cell title line; the reverse slip (a tidy file given to
    :func:`carbonpath.read_energy_balance`) names the right reader, and so does this.

    Raises
    ------
    DataError
        When the file has a balance sheet's header of fuel columns (nothing otherwise).
    """
    from carbonpath.accounting.balance_layout import has_balance_header, separated_file

    separated = separated_file(path)  # round 25 Z124: a ';'-separated sheet says so here too
    if separated is not None:
        raise DataError(dataclasses.replace(
            separated, message="this file is an energy balance sheet, and "
            + separated.message), "activity data")
    if has_balance_header(path):
        raise DataError(Problem(
            "this file is an energy balance sheet (能源平衡表: a header of fuel columns), not "
            "tidy activity data (sector, fuel, value, unit)", file=name,
            valid="read it with read_energy_balance(path, year=..., region=...) and pass "
                  "its .activity to compute_inventory (carbonpath inventory reads the sheet "
                  "as it is)"), "activity data")


def _values(chk: _Checker, decimal: str = ".", thousands: str | None = None) -> np.ndarray:
    col = chk.df["value"]
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        vals = col.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        vals, bad = parse_numbers(col, decimal, thousands)
        if bad.any():
            for v in pd.unique(col[bad])[:10]:
                hint = number_hint(v, decimal, thousands)
                text = col.astype(str).str.strip()
                chk.add((text == str(v).strip()).to_numpy() & bad, "value",  # None too
                        "value is not a number"
                        + ("" if hint.endswith("is not a number") else f": {hint}"), v,
                        expected_number(decimal, thousands))
            vals = np.where(bad, 0.0, vals)
    missing = np.isnan(vals)
    if missing.any():
        chk.add(missing, "value", "value is missing (NaN or blank); carbonpath never fills it",
                None, "a number >= 0 (write 0 for a true zero)")
    inf = np.isinf(vals)
    if inf.any():
        written = chk.df["value"][inf].iloc[0]  # as written: 1e400 is too large, not 'inf'
        chk.add(inf, "value", "value is infinite (too large for a number)",
                written.strip() if isinstance(written, str) else written,
                "a finite number >= 0")
    neg = vals < 0
    if neg.any():
        chk.add(neg, "value", "value is negative", float(vals[np.flatnonzero(neg)[0]]),
                "a number >= 0 (exports and outflows are positive rows with use=export)")
    return vals


def _years(chk: _Checker, year: int | None) -> np.ndarray:
    n = len(chk.df)
    if "year" not in chk.df.columns:
        if year is None:
            chk.problems.append(Problem("no year: give a 'year' column or read_activity(year=...)",
                                        file=chk.name, column="year", valid="e.g. 2020"))
            return np.zeros(n, dtype=np.int64)
        return np.full(n, check_year(year, "the year argument"), dtype=np.int64)
    col = chk.df["year"]
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu":  # plain integers
        raw, bad = col.to_numpy(dtype=np.float64), np.zeros(len(col), dtype=bool)
    elif pd.api.types.is_bool_dtype(col):
        raw, bad = np.zeros(len(col)), np.ones(len(col), dtype=bool)
    else:
        raw, bad = parse_numbers(col)
    bad = bad | ~np.isfinite(raw) | (raw != np.round(raw))
    if bad.any():
        start = len(chk.problems)
        first = col[bad].iloc[0]  # round 25 KA102: '2022年' named as a year with its 年
        said = not_a_number(first, "year must be a whole number") if isinstance(
            first, str) else "year must be a whole number"
        chk.add(bad, "year", said, first,
                f"e.g. 2020 (years {YEAR_RANGE[0]} .. {YEAR_RANGE[1]})")
        _blank_with_option(chk, start, "year", year)
        raw = np.where(bad, 0, raw)
    out = raw.astype(np.int64)
    absurd = ~bad & ((out < YEAR_RANGE[0]) | (out > YEAR_RANGE[1]))
    if absurd.any():
        chk.add(absurd, "year", "year is out of range", int(out[np.flatnonzero(absurd)[0]]),
                f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}")
    return out


def _regions(chk: _Checker, region: str | None, table: FactorTable) -> tuple[np.ndarray, list[str]]:
    n = len(chk.df)
    regions = table.regions
    if "region" not in chk.df.columns:
        if region is None:
            chk.problems.append(Problem(
                "no region: give a 'region' column or read_activity(region=...)", file=chk.name,
                column="region", valid="a region code, e.g. CN-SD-Liaocheng"))
            return np.zeros(n, dtype=np.int32), [""]
        code = regions.resolve(region)
        if code is None:
            chk.problems.append(Problem("unknown region given as read_activity(region=...)",
                                        value=region, valid=regions.valid_text(region)))
            code = ""
        return np.zeros(n, dtype=np.int32), [code]
    start = len(chk.problems)
    out = chk.codes("region", regions.resolve, regions.valid_text, "region")
    _blank_with_option(chk, start, "region", region)
    return out


def _blank_with_option(chk: _Checker, start: int, column: str, given: Any) -> None:
    """Say, on a blank cell's problem, that the option given fills no column (O60).

    ``region=`` / ``year=`` (``--region`` / ``--year``) is the region or year of a file
    without that column; a blank cell of the column is not filled from it.
    """
    import dataclasses

    if given is None:
        return
    for i in range(start, len(chk.problems)):
        p = chk.problems[i]
        if p.column == column and (p.value is None or not str(p.value).strip()):
            chk.problems[i] = dataclasses.replace(p, message=(
                f"{p.message}: the {column} given beside the file ({given}, as an option "
                f"or a dataset's {column}) applies only to a file without a "
                f"'{column}' column and fills no blank cell of one; fill the cell, or "
                "remove the column"))


def _optional_codes(chk: _Checker, column: str, resolve: Callable[[str], str | None],
                    valid: str, default: str = "") -> tuple[np.ndarray, list[str]]:
    n = len(chk.df)
    if column not in chk.df.columns:
        return np.zeros(n, dtype=np.int32), [default]
    raw, uniq = pd.factorize(_objects(chk.df[column]), use_na_sentinel=True)
    mapped = []
    for i, value in enumerate(uniq):
        text = str(value).strip()
        if text == "" or text.lower() == "nan":
            mapped.append(default)
            continue
        code = resolve(text)
        if code is None:
            chk.add(raw == i, column, f"unknown {column} '{text}'", text, valid)
            code = default
        mapped.append(code)
    cats = sorted({*mapped, default})
    pos = {c: j for j, c in enumerate(cats)}
    lut = np.array([pos[c] for c in mapped] + [pos[default]], dtype=np.int32)
    return lut[raw], cats


def _stripped_codes(col: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Factorize a text column, then strip the distinct values (not every row).

    A missing cell (an emptied workbook cell, a None or NaN of a DataFrame) is blank text
    ``""``, as an empty CSV cell is: its unit is then "required", not a unit named 'nan'
    that "has the magnitude nan" (round 20, X94).
    """
    raw, uniq = pd.factorize(_objects(col), use_na_sentinel=True)
    if len(raw) and raw.min() < 0:  # missing cells: one code more, read as blank text
        uniq = [*uniq, ""]
        raw = np.where(raw < 0, len(uniq) - 1, raw)
    stripped = [str(u).strip() for u in uniq]
    cats = list(dict.fromkeys(stripped))
    pos = {c: j for j, c in enumerate(cats)}
    lut = np.array([pos[c] for c in stripped], dtype=np.int32)
    return lut[raw], cats


def _check_columns(df: pd.DataFrame, name: str, required: Sequence[str],
                   allowed: Sequence[str]) -> None:
    """Raise one :class:`DataError` naming missing, unknown and wrongly cased columns.

    Column names are exact (lower_snake_case, docs/data-format.md): ``Sector`` is not
    accepted as ``sector``, but the error says which renames would fix the header. A
    production table read as activity, or activity read as production (files swapped), is
    said so in one problem, with where each table goes (round 26 ZA131: the columns
    missing and unknown had been listed, never the table it is).
    """
    cols = [str(c) for c in df.columns]
    wanted = next((k for k, need in TABLE_COLUMNS.items() if tuple(required) == need), None)
    swapped = swapped_table(cols, wanted, name) if wanted is not None else None
    if swapped is not None:
        raise DataError(swapped, name)
    renames = {c: c.strip().lower() for c in cols if c not in allowed
               and c.strip().lower() in allowed and c.strip().lower() not in cols}
    labelled = labelled_headers([c for c in cols if c not in renames], allowed)  # KD92
    missing = [c for c in required if c not in cols and c not in renames.values()
               and c not in labelled.values()]
    unknown = [c for c in cols if c not in allowed and c not in renames and c not in labelled]
    valid = "columns " + ", ".join(allowed)
    problems = [Problem(labelled_text(c, n), file=name, column=c, valid=valid)
                for c, n in labelled.items()]
    if renames:
        problems.append(Problem(
            "column names are lower case: rename " + ", ".join(
                f"'{a}' to '{b}'" for a, b in renames.items()), file=name, valid=valid))
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}"
                                f"{index_text(df, missing)}", file=name, valid=valid))
    if unknown:
        problems.append(Problem(f"unknown column(s): {', '.join(unknown)}", file=name,
                                valid=valid))
    DataError.collect(problems, name)


def _duplicates(chk: _Checker, parts: Sequence[np.ndarray], key_names: str) -> None:
    """Report rows that share one key (``parts``: non-negative codes, each of shape (n,))."""
    key, size = _combine(parts)
    dup = _duplicated(key, size)
    if dup.any():
        first_key = key[np.flatnonzero(dup)[0]]
        rows = np.flatnonzero(key == first_key)
        others = int(dup.sum()) - len(rows)
        chk.problems.append(Problem(
            f"duplicate rows: rows {', '.join(str(chk.labels[i]) for i in rows)} have the same "
            f"{key_names}" + (f" ({others} more duplicated rows)" if others else "")
            + "; carbonpath does not add or pick between them",
            file=chk.name, row=chk.labels[rows[0]], valid="one row per " + key_names))
