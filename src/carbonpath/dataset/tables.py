"""Read a dataset's CSV tables and check each column against the data dictionary.

The data dictionary is ``columns.csv`` (table, column, type, required, default, description)
and ``parameters.csv`` (parameter, dimension, default, per_year, description) beside this
module. Both drive validation and the data-format documentation page.
"""

from __future__ import annotations

import csv
import difflib
import functools
import math
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath import codes
from carbonpath._headers import labelled_headers, labelled_text
from carbonpath._io import decode, separator_problem, structure_problems, unnamed_columns
from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.numbers import YEAR_RANGE, number_hint, parse_number
from carbonpath.units import parse_unit

__all__ = ["COLUMNS", "PARAMETERS", "ColumnSpec", "ParameterSpec", "annual_balance",
           "read_table", "records"]

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_INT = re.compile(r"^[+-]?[0-9]+$")
_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the data dictionary."""

    table: str
    column: str
    type: str
    required: bool
    default: str
    description: str


@dataclass(frozen=True)
class ParameterSpec:
    """One technology parameter of the data dictionary (``parameters.csv``)."""

    parameter: str
    dimension: str
    default: str
    by_year: str
    description: str

    @property
    def per_year(self) -> bool:
        """True if the parameter may vary by year."""
        return self.by_year != "no"


def _read_dictionary(name: str) -> list[dict[str, str]]:
    text = resources.files("carbonpath.dataset").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def _columns() -> dict[str, dict[str, ColumnSpec]]:
    out: dict[str, dict[str, ColumnSpec]] = {}
    for row in _read_dictionary("columns.csv"):
        spec = ColumnSpec(row["table"], row["column"], row["type"], row["required"] == "yes",
                          row["default"], row["description"])
        out.setdefault(spec.table, {})[spec.column] = spec
    return out


@functools.cache
def _parameters() -> dict[str, ParameterSpec]:
    return {
        row["parameter"]: ParameterSpec(row["parameter"], row["dimension"], row["default"],
                                        row["by_year"], row["description"])
        for row in _read_dictionary("parameters.csv")
    }


COLUMNS = _columns()
"""The data dictionary: {table: {column: ColumnSpec}}."""

PARAMETERS = _parameters()
"""The technology parameters: {parameter: ParameterSpec}."""


def resolve_code(kind: str, text: str) -> str | None:
    """Return the carbonpath code of a fuel or sector name or alias, or None if unknown."""
    return (codes.fuels() if kind == "fuels" else codes.sectors()).resolve(text)


def closest(text: str, valid: list[str] | set[str], n: int = 3) -> str:
    """Return a 'did you mean' list of the closest valid codes, or all of them if few."""
    valid = sorted(valid)
    near = difflib.get_close_matches(text, valid, n=n, cutoff=codes.spelling_cutoff(text))
    if near:
        return "did you mean " + ", ".join(repr(v) for v in near)
    if len(valid) <= 12:
        return ", ".join(valid)
    return ", ".join(valid[:12]) + ", ..."


def records(frame: pd.DataFrame) -> Iterator[tuple[Hashable, dict[str, Any]]]:
    """``(index label, {column: value})`` for every row, in order: ``iterrows`` without a Series.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table (its index is the file line the checks name).

    Returns
    -------
    iterator of (label, dict)
        The cells of each row as Python scalars (``DataFrame.to_dict("records")``); a row
        is a plain dict, so ``row["unit"]`` and ``row.get("plausibility")`` work as on the
        Series ``iterrows`` makes, at a fraction of the cost (the dataset checks read a few
        cells of thousands of rows: ``iterrows`` built one Series per row). Blank cells are
        None or NaN as in the frame (:func:`is_blank` takes both).
    """
    return zip(frame.index, frame.to_dict("records"), strict=True)


def is_blank(value: object) -> bool:
    """True for a blank cell: None, or the NaN that ``DataFrame.iterrows`` may turn it into.

    A row whose typed cells are all blank comes out of ``iterrows`` with NaN in place of
    None (pandas infers a float row), so ``row["year"] is None`` alone is not a blank check.
    """
    return value is None or (isinstance(value, float) and value != value)


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV file as strings (blanks kept as ''), trying UTF-8 then GBK.

    Returns
    -------
    pandas.DataFrame
        All columns as str, stripped; the index is the file line number (header = 1).

    Raises
    ------
    EncodingError
        If the file decodes neither as UTF-8 nor as GBK.
    DataError
        A quote never closed, a column named twice (:func:`carbonpath._io.structure_problems`),
        values under a blank header cell (:func:`carbonpath._io.unnamed_columns`; a column
        blank to the end is dropped).
    """
    text, _ = decode(path.read_bytes(), path.name)
    DataError.collect(structure_problems(text, path.name))
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        return pd.DataFrame()
    header = [h.strip() for h in rows[0]]
    body = [r + [""] * (len(header) - len(r)) for r in rows[1:] if any(c.strip() for c in r)]
    lines = [i + 2 for i, r in enumerate(rows[1:]) if any(c.strip() for c in r)]
    frame = pd.DataFrame([[c.strip() for c in r[: len(header)]] for r in body], columns=header,
                         index=pd.Index(lines, name="line"), dtype=object)
    return unnamed_columns(frame, header, path.name)  # ZE58: a blank header, as tidy files


def read_table(folder: Path, table: str, context: dict, problems: list[Problem],
               optional: bool = False) -> pd.DataFrame | None:
    """Read and check one dataset table; append every problem found to ``problems``.

    Parameters
    ----------
    folder : pathlib.Path
        The dataset folder.
    table : str
        Table name (file ``<table>.csv``), a key of :data:`COLUMNS`.
    context : dict
        Known codes for cross references: ``days`` (list), ``hours`` (int).
    problems : list of Problem
        Collector of problems (nothing is raised here, so every problem is reported).
    optional : bool
        If True a missing file gives None instead of a problem.

    Returns
    -------
    pandas.DataFrame or None
        Typed columns: numbers as float, bools as bool, codes resolved; index = file line.
    """
    path = folder / f"{table}.csv"
    name = f"{table}.csv"
    if not path.exists():
        if not optional:
            problems.append(Problem("the table is missing", file=name))
        return None
    try:
        frame = read_csv_text(path)
    except DataError as exc:  # an encoding, an unclosed quote, a column named twice
        problems.extend(exc.problems)
        return None
    specs = COLUMNS[table]
    if frame.columns.empty:
        problems.append(Problem("the file is empty", file=name,
                                valid=f"a header row ({', '.join(specs)}), then data rows"))
        return None
    wrong_separator = separator_problem(list(frame.columns), name)
    if wrong_separator is not None:  # the one cause of every missing and unknown column
        problems.append(wrong_separator)
        return None
    missing = [c for c, s in specs.items() if s.required and c not in frame.columns]
    labelled = labelled_headers(frame.columns, specs)  # round 28 KD92: 指标 driver
    for col in missing:
        if col not in labelled.values():
            problems.append(Problem("required column is missing", file=name, column=col,
                                    valid=f"columns: {', '.join(specs)}"))
    for col in frame.columns:
        if col not in specs:
            problems.append(Problem(labelled_text(col, labelled[col]) if col in labelled
                                    else "unknown column", file=name, column=col,
                                    valid=", ".join(specs)))
    if missing:
        return None
    for col, spec in specs.items():
        if col not in frame.columns:
            frame[col] = spec.default
        frame[col] = _check_column(frame, name, spec, context, problems)
    return frame


def _check_column(frame: pd.DataFrame, name: str, spec: ColumnSpec, context: dict,
                  problems: list[Problem]) -> pd.Series:
    col = spec.column
    values = frame[col]
    out = []
    for line, text in values.items():
        text = "" if text is None else str(text)
        if text == "" and spec.type == "bool":  # a flag left blank is not read as its default
            problems.append(Problem(
                "a true/false cell is blank", file=name, row=line, column=col,
                valid=f"true or false (leave the whole column out for the default, "
                      f"{spec.default})"))
            out.append(None)
            continue
        if text == "":
            text = spec.default
        if text == "" and spec.required:
            problems.append(Problem("a value is required", file=name, row=line, column=col,
                                    valid=_expected(spec)))
            out.append(None)
            continue
        out.append(_check_value(text, line, name, spec, context, problems))
    return pd.Series(out, index=values.index, dtype=object)


def _pattern_number(text: str) -> bool:
    """True if ``text`` reads as a plain number (never a unit)."""
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def _expected(spec: ColumnSpec) -> str:
    """What a column holds, in words, for an error message."""
    kinds = {"number": "a number", "int": "a whole number", "year": "a year such as 2030",
             "unit": "a unit such as t, GWh, MW, CNY/kW", "bool": "true or false",
             "source": "a document and table, or 'assumption: why'",
             "code": "a lower_snake_case code", "fuel": "a fuel code such as raw_coal",
             "sector": "a sector code such as thermal_power"}
    if spec.type.startswith("choice:"):
        return ", ".join(spec.type.split(":", 1)[1].split("|"))
    return kinds.get(spec.type, spec.description)


def _code_problem(text: str, line: int, name: str, col: str, context: dict) -> Problem:
    """A cell of a code column that is not lower_snake_case (a region names the regions)."""
    regions = context.get("regions") if col.endswith("region") else None
    if regions and callable(context.get("region_problem")):  # MB20: as a snake_case one
        return context["region_problem"](text, name, line, col)
    if not regions:
        return Problem(f"'{text}' is not a lower_snake_case code", file=name, row=line,
                       column=col, valid="e.g. coal_power")
    near = closest(text, set(regions))
    hint = f"{near}; " if near.startswith("did you mean") else ""
    return Problem(f"'{text}' is not a region of the dataset (region codes are "
                   "lower_snake_case)", file=name, row=line, column=col,
                   valid=f"{hint}the dataset's regions: {', '.join(regions)}")


NUMBER_VALID = {
    ("uncertainty_correlations.csv", "rank_correlation"):
        "a number from -1 to 1 (a Spearman rank correlation, e.g. 0.6 or -0.3)",
}
"""What a number column bounded by its meaning holds, by (file, column): the ``valid`` of a
cell that is no finite number names the range, not a generic number (round 30, KF42)."""


def _check_value(text: str, line: int, name: str, spec: ColumnSpec, context: dict,
                 problems: list[Problem]) -> object:
    col, kind = spec.column, spec.type
    if text == "":
        return None if kind not in ("bool",) else False
    if kind in ("text", "source", "commodity", "technology", "profile", "day", "parameter"):
        if kind == "source" and not text.strip():
            problems.append(Problem("every value needs a source (a document and table, or "
                                    "'assumption: why')", file=name, row=line, column=col))
        return text
    if kind == "code":
        if not _CODE.match(text):
            problems.append(_code_problem(text, line, name, col, context))
        return text
    if kind.startswith("choice:"):
        choices = kind.split(":", 1)[1].split("|")
        if text not in choices:
            near = codes.closest_choice(text, choices)  # round 18 Q39: GDP, 人口
            problems.append(Problem(f"'{text}' is not allowed here", file=name, row=line,
                                    column=col, valid=(f"did you mean {near}? " if near else "")
                                    + ", ".join(choices)))
        return text
    if kind in ("fuel", "sector"):
        code_list = codes.fuels() if kind == "fuel" else codes.sectors()
        code = code_list.resolve(text)
        if code is None:
            problems.append(Problem(f"unknown {kind} '{text}'", file=name, row=line, column=col,
                                    valid=code_list.valid_text(text)))
        return code
    if kind == "bool":
        low = text.casefold()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        problems.append(Problem(f"'{text}' is not true or false", file=name, row=line,
                                column=col, valid="true, false"))
        return False
    if kind == "unit":
        if text != "1" and _pattern_number(text):  # "1": dimensionless
            problems.append(Problem(f"'{text}' is a number, not a unit (a value in the unit "
                                    "column: a shifted column, or a comma inside a number?)",
                                    file=name, row=line, column=col,
                                    valid="a unit such as t, GWh, MW, CNY/kW"))
            return text
        try:
            parse_unit(text)
        except UnitError as exc:
            problems.append(Problem(exc.problems[0].message, file=name, row=line, column=col,
                                    valid=exc.problems[0].valid))
        return text
    if kind == "number":
        bounded = NUMBER_VALID.get((name, col))  # round 30 KF42: not "12.5" for a correlation
        try:
            number = parse_number(text)
        except ValueError:
            hint = number_hint(text)
            problems.append(Problem(
                f"'{text}' is not a finite number" + ("" if hint.endswith("is not a number")
                                                      else f": {hint}"),
                file=name, row=line, column=col,
                valid=(bounded or "a number such as 12.5 or 1e4")
                + " ('.' as the decimal mark, no thousands separator)"))
            return None
        if not math.isfinite(number):
            problems.append(Problem(f"'{text}' is not a finite number", file=name, row=line,
                                    column=col, valid=bounded or "a number such as 12.5 or 1e4"))
            return None
        return number
    if kind in ("int", "year"):
        if not _INT.match(text):
            whole = re.fullmatch(r"\s*([+-]?\d+)\.0*\s*", text)
            why = (f" (written as a decimal, as pandas writes a column of numbers with blank "
                   f"cells: write {whole.group(1)})" if whole else "")
            problems.append(Problem(f"'{text}' is not a whole number{why}", file=name,
                                    row=line, column=col,
                                    valid="e.g. 2030" if kind == "year" else "0, 1"))
            return None
        number = int(text)
        if kind == "year" and not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            problems.append(Problem(f"year {number} is out of range", file=name, row=line,
                                    column=col, valid=f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}"))
        return number
    msg = f"data dictionary type '{kind}' of {name}:{col} is not implemented"
    raise AssertionError(msg)



def fuel_is_fossil(fuel: str) -> bool:
    """Return True for fossil fuels (``fossil = yes`` in the fuel code list)."""
    return codes.fuels().column("fossil").get(fuel, "yes") == "yes"


def annual_balance(commodities: pd.DataFrame, code: str) -> tuple[str, str]:
    """Why ``code`` cannot be used hour by hour, and the valid ways out (D56).

    A check of another table (a store's ``storage_commodity``, a link's profile) that needs
    a commodity balanced by ``timeslice`` blames its own cell, but the slip may be the
    commodity's ``balance`` in ``commodities.csv`` (``annual`` typed for electricity): both
    are named.

    Parameters
    ----------
    commodities : pandas.DataFrame
        ``commodities.csv`` (index = file line; ``commodity`` and ``balance`` columns).
    code : str
        The commodity, balanced ``annual``.

    Returns
    -------
    tuple of str
        ``("'electricity' is balanced annual (commodities.csv row 2, column balance)",
        "balance timeslice for 'electricity' in commodities.csv row 2 (...), or a commodity
        balanced by timeslice: heat")``; the list is left out when the dataset has none.
    """
    rows = commodities[commodities["commodity"] == code]
    at = f"commodities.csv row {rows.index[0]}" if len(rows) else "commodities.csv"
    balance = rows["balance"].iloc[0] if len(rows) else "annual"
    others = sorted(str(c) for c in commodities.loc[commodities["balance"] == "timeslice",
                                                      "commodity"].unique())
    return (f"'{code}' is balanced {balance} ({at}, column balance)",
            f"balance timeslice for '{code}' in {at} (electricity, heat and hydrogen are "
            "used hour by hour)" + (f", or a commodity balanced by timeslice: "
                                     f"{', '.join(others)}" if others else ""))
