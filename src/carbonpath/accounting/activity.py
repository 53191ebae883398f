"""Activity data: energy use by sector and fuel, and industrial production, validated.

``read_activity`` turns a tidy table (CSV in UTF-8 or GBK, or a DataFrame) into an
:class:`Activity` whose every row has canonical codes and a quantity in a canonical unit
(t, Nm3 or TJ). ``read_production`` does the same for industrial output. Every problem of
the input is reported at once, with file, row, column, value and what would be valid;
nothing is dropped, filled or clipped. Work is done per distinct value (codes, units),
never per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint

from carbonpath._checks import checked
from carbonpath._io import read_table
from carbonpath.accounting.plausible_activity import with_plausibility
from carbonpath.accounting.technologies import technology_problems
from carbonpath.codes import CodeList, fuels, products, sectors
from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.factors import FactorTable, bundled_factors
from carbonpath.numbers import (
    YEAR_RANGE,
    check_year,
    expected_number,
    nonfinite_problems,
    number_hint,
    parse_numbers,
)
from carbonpath.units import Q_, parse_unit

__all__ = [
    "CARRIER_USES",
    "ENERGY_BASES",
    "FUEL_USES",
    "GAS_CONDITIONS",
    "Activity",
    "Production",
    "read_activity",
    "read_production",
]

#: Uses of a fuel. ``combustion``: burned (incl. power and heat plants, in sectors
#: thermal_power / heat_supply); ``non_energy``: used as a material, not burned (lubricants,
#: bitumen; reported apart); ``feedstock``: its carbon is reported under industrial processes
#: (coal and gas for ammonia, coke as blast-furnace reductant); ``transformation_input``:
#: turned into another fuel (coking, refining, gas making), counted when the product is used.
FUEL_USES = ("combustion", "non_energy", "feedstock", "transformation_input")
#: Uses of electricity and heat. ``consumption``: used in a sector; ``generation``: produced
#: in the region (sector thermal_power or heat_supply for fossil plants, nonfossil_power and
#: its children for primary electricity); ``import``/``export``: crossing the boundary
#: (sector ``transfers``).
CARRIER_USES = ("consumption", "generation", "import", "export")
#: Reference conditions of plain gas volumes -> carbonpath's unit of that amount of gas.
GAS_CONDITIONS = {"20C": "m3_20C", "0C": "Nm3", "15C": "Sm3"}
_CONDITION_ALIASES = {
    "20c": "20C", "20 c": "20C", "20°c": "20C", "20 °c": "20C", "m3_20c": "20C",
    "0c": "0C", "0 c": "0C", "0°c": "0C", "0 °c": "0C", "normal": "0C", "nm3": "0C",
    "15c": "15C", "15 c": "15C", "15°c": "15C", "15 °c": "15C", "sm3": "15C",
}
#: Calorific-value basis of energy given in J or Wh for a fuel.
ENERGY_BASES = ("net", "gross")
_BASIS_ALIASES = {"net": "net", "ncv": "net", "lhv": "net", "低位": "net", "低位发热量": "net",
                  "gross": "gross", "gcv": "gross", "hhv": "gross", "高位": "gross",
                  "高位发热量": "gross"}
_ACTIVITY_COLUMNS = ("sector", "fuel", "value", "unit", "year", "region", "use", "technology",
                     "gas_condition", "energy_basis", "note", "source", "model_region",
                     "plausibility")
_PRODUCTION_COLUMNS = ("product", "value", "unit", "year", "region", "technology", "note",
                       "source", "model_region")
#: ``model_region``: the dataset region (``dataset.yaml`` ``regions``) a row belongs to, for
#: the inventory by region (:mod:`carbonpath.accounting.regional`, which checks its values);
#: here it only keeps rows of different model regions from being duplicates.
#: canonical unit of each measure
MEASURE_UNITS = {"mass": "t", "gas": "Nm3", "energy": "TJ"}


@dataclass(frozen=True)
class Activity:
    """Validated activity data.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per input row, columns: ``row`` (file line, header = 1, or DataFrame index
        label), ``year`` (int), ``region``, ``sector``, ``fuel``, ``use``, ``technology``
        (categorical codes), ``value`` and ``unit`` (as given), ``measure`` (``mass``,
        ``gas`` or ``energy``), ``quantity`` (float, in ``t``, ``Nm3`` or ``TJ`` by measure;
        gas volumes converted from their declared condition), ``energy_basis`` (``net``,
        ``gross`` or '' for non-energy units).
    source : str
        File name, or a description of the in-memory table.
    """

    data: pd.DataFrame
    source: str

    def __len__(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Production:
    """Validated industrial production (for process emissions).

    Attributes
    ----------
    data : pandas.DataFrame
        Columns ``row``, ``year``, ``region``, ``product``, ``technology``, ``value``,
        ``unit``, ``quantity`` (t of product).
    source : str
    """

    data: pd.DataFrame
    source: str

    def __len__(self) -> int:
        return len(self.data)


# ---------------------------------------------------------------------------------------
# helpers: per-distinct-value validation


class _Checker:
    """Collects problems while validating columns of one table."""

    def __init__(self, df: pd.DataFrame, name: str, from_file: bool) -> None:
        self.df = df
        self.name = name
        self.labels = (np.arange(2, len(df) + 2) if from_file else df.index.to_numpy())
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


def _frame_and_name(source: str | Path | pd.DataFrame, name: str | None,
                    what: str) -> tuple[pd.DataFrame, str, bool]:
    if isinstance(source, pd.DataFrame):
        return source, name or f"{what} (DataFrame)", False
    path = Path(source)
    return read_table(path), name or path.name, True


def _values(chk: _Checker, decimal: str = ".", thousands: str | None = None) -> np.ndarray:
    col = chk.df["value"]
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        vals = col.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        vals, bad = parse_numbers(col, decimal, thousands)
        if bad.any():
            for v in pd.unique(col[bad])[:10]:
                hint = number_hint(str(v), decimal, thousands)
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
        chk.add(bad, "year", "year must be a whole number", col[bad].iloc[0],
                f"e.g. 2020 (years {YEAR_RANGE[0]} .. {YEAR_RANGE[1]})")
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
    return chk.codes("region", regions.resolve, regions.valid_text, "region")


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
    """Factorize a text column, then strip the distinct values (not every row)."""
    raw, uniq = pd.factorize(_objects(col), use_na_sentinel=True)
    if len(raw) and raw.min() < 0:  # missing cells keep their own text ('nan', 'None')
        raw, uniq = pd.factorize(_objects(col), use_na_sentinel=False)
    stripped = [str(u).strip() for u in uniq]
    cats = list(dict.fromkeys(stripped))
    pos = {c: j for j, c in enumerate(cats)}
    lut = np.array([pos[c] for c in stripped], dtype=np.int32)
    return lut[raw], cats


def _check_columns(df: pd.DataFrame, name: str, required: Sequence[str],
                   allowed: Sequence[str]) -> None:
    """Raise one :class:`DataError` naming missing, unknown and wrongly cased columns.

    Column names are exact (lower_snake_case, docs/data-format.md): ``Sector`` is not
    accepted as ``sector``, but the error says which renames would fix the header.
    """
    cols = [str(c) for c in df.columns]
    renames = {c: c.strip().lower() for c in cols if c not in allowed
               and c.strip().lower() in allowed and c.strip().lower() not in cols}
    missing = [c for c in required if c not in cols and c not in renames.values()]
    unknown = [c for c in cols if c not in allowed and c not in renames]
    valid = "columns " + ", ".join(allowed)
    problems = []
    if renames:
        problems.append(Problem(
            "column names are lower case: rename " + ", ".join(
                f"'{a}' to '{b}'" for a, b in renames.items()), file=name, valid=valid))
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}", file=name,
                                valid=valid))
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


# ---------------------------------------------------------------------------------------
# helpers: integer keys over several code columns

#: A key space at most this many times the row count is counted with ``np.bincount``
#: (one pass, no hashing); a sparser one is hashed by pandas.
_DENSE = 4


def _combine(parts: Sequence[np.ndarray]) -> tuple[np.ndarray, int]:
    """Combine code columns into one int64 key per row (mixed radix), and its key space.

    Parameters
    ----------
    parts : sequence of numpy.ndarray
        Non-negative integer codes, each of shape (n,). Each radix is the largest code
        present + 1, so that a dense grid of rows (every region x year x sector x fuel)
        gives a key space close to n.

    Returns
    -------
    key : numpy.ndarray of int64, shape (n,)
        Equal keys iff equal codes in every part.
    size : int
        ``0 <= key < size``.
    """
    n = len(parts[0]) if len(parts) else 0
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for codes in parts:
        radix = int(codes.max()) + 1 if n else 1
        if radix == 1:  # a constant column adds nothing
            continue
        if size == 1:  # the key so far is constant: start from this column
            key = codes.astype(np.int64)
        else:
            if size * radix >= 2**62:  # renumber the key so far rather than overflow
                codes_so_far, uniq = pd.factorize(key)
                key, size = codes_so_far.astype(np.int64), len(uniq)
            key *= radix
            key += codes
        size *= radix
    return key, size


def _duplicated(key: np.ndarray, size: int) -> np.ndarray:
    """Boolean mask, shape (n,), of the rows whose key occurs more than once."""
    n = len(key)
    if size <= _DENSE * n + 1024:
        counts = np.bincount(key, minlength=size)
        if n == 0 or counts.max() <= 1:
            return np.zeros(n, dtype=bool)
        return counts[key] > 1
    return pd.Series(key).duplicated(keep=False).to_numpy()


def _first_index(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a small-range int array and the first row of each (no sort)."""
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first = np.full(int(codes.max()) + 1, n, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
    uniq = np.flatnonzero(first < n)
    return uniq, first[uniq]


def _groups(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct keys in order of first appearance.

    Returns
    -------
    inverse : numpy.ndarray of int64, shape (n,)
        Group number of each row, 0 .. k-1.
    first : numpy.ndarray of int64, shape (k,)
        The first row of each group.
    """
    if size <= _DENSE * len(key) + 1024:
        uniq, first = _first_index(key)
        order = np.argsort(first, kind="stable")
        lut = np.zeros(max(size, 1), dtype=np.int64)
        lut[uniq[order]] = np.arange(len(uniq))
        return lut[key], first[order]
    inverse, _ = pd.factorize(key)
    inverse = inverse.astype(np.int64, copy=False)
    first = pd.Series(inverse).drop_duplicates().index.to_numpy()
    return inverse, first


# ---------------------------------------------------------------------------------------
# read_activity


@checked
def read_activity(source: str | Path | pd.DataFrame, *, region: str | None = None,
                  year: int | None = None, gas_condition: str | None = None,
                  energy_basis: str | None = None, factors: FactorTable | None = None,
                  name: str | None = None, decimal: str = ".",
                  thousands: str | None = None) -> Activity:
    """Read and validate activity data (energy use by sector and fuel).

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A CSV file (UTF-8 or GBK, detected) or a DataFrame with columns ``sector``,
        ``fuel``, ``value``, ``unit`` and optionally ``year``, ``region``, ``use``,
        ``technology``, ``gas_condition``, ``energy_basis``, ``note``, ``source``.
        Sector and fuel are codes or aliases, Chinese statistical names included
        (``src/carbonpath/data/{sectors,fuels}.csv``). ``use`` is one of
        :data:`FUEL_USES` for fuels (default ``combustion``) and :data:`CARRIER_USES` for
        electricity and heat (default ``consumption``). Units may be Chinese statistical
        units (万吨, 亿立方米, 亿千瓦时, 万吨标准煤).
    region, year : optional
        Region (code or alias) and year of every row, for tables without those columns.
    gas_condition : {"20C", "0C", "15C"}, optional
        Reference condition of plain gas volumes (m3, 亿立方米) for tables without a
        ``gas_condition`` column. China's energy statistics meter gas at 20 °C; a plain
        volume without a declared condition is an error, never assumed.
    energy_basis : {"net", "gross"}, optional
        Calorific basis of fuels given in J or Wh, for tables without an ``energy_basis``
        column (standard coal, tce, is net by definition). Gross values are converted to
        net by the inventory (IPCC 2006 Vol.2 Ch.1 §1.4.1.2 ratios), never silently.
    factors : FactorTable, optional
        Supplies the region table (default: the bundled factors).
    name : str, optional
        Name used in error messages (default: the file name).
    decimal : {".", ","}
        The decimal mark of the ``value`` column (default ``"."``). A value holding any
        other separator is refused with its row, never stripped (``"1,5"`` is neither 1.5
        nor 15 unless the reader is told); see :mod:`carbonpath.numbers`.
    thousands : {None, ",", ".", " ", "'"}
        The thousands separator of the ``value`` column (default: none allowed); groups
        must have three digits.

    Returns
    -------
    Activity
        Shape: one row per input row.

    Raises
    ------
    DataError
        Every problem at once: unknown columns, fuels, sectors, regions, uses (with the
        closest valid codes); missing, non-numeric, negative or infinite values; duplicate
        rows (same year, region, sector, fuel, use, technology).
    UnitError
        Unknown units, units of the wrong dimension (electricity in t), plain gas volumes
        without a reference condition, liquid volumes (no density), energy without a basis.
    EncodingError
        A file neither UTF-8 nor GBK.
    """
    table = factors if factors is not None else bundled_factors()
    df, name, from_file = _frame_and_name(source, name, "activity data")
    _check_columns(df, name, ("sector", "fuel", "value", "unit"), _ACTIVITY_COLUMNS)
    if df.empty:
        raise DataError(Problem("the table has no rows", file=name,
                                valid="one row per sector, fuel (and use) with its value"))
    chk = _Checker(df, name, from_file)
    fl, sl = fuels(), sectors()
    fuel_c, fuel_cats = chk.codes("fuel", fl.resolve, fl.valid_text, "fuel")
    sec_c, sec_cats = chk.codes("sector", sl.resolve, sl.valid_text, "sector")
    values = _values(chk, decimal, thousands)
    years = _years(chk, year)
    reg_c, reg_cats = _regions(chk, region, table)
    use_c, use_cats = _optional_codes(chk, "use", _resolve_use, ", ".join(FUEL_USES + CARRIER_USES))
    tech_c, tech_cats = _optional_codes(chk, "technology", _resolve_tech, "a technology code")
    chk.problems += technology_problems(fuel_c, fuel_cats, tech_c, tech_cats, table, chk.labels,
                                        name)  # accounting/technologies.py
    cond_default = ""
    if gas_condition is not None:
        cond_default = _resolve_condition(gas_condition) or ""
        if not cond_default:
            chk.problems.append(Problem("unknown gas_condition argument", file=name,
                                        value=gas_condition, valid="20C, 0C or 15C"))
    basis_default = ""
    if energy_basis is not None:
        basis_default = _BASIS_ALIASES.get(str(energy_basis).strip().lower(), "")
        if not basis_default:
            chk.problems.append(Problem("unknown energy_basis argument", file=name,
                                        value=energy_basis, valid="net or gross"))
    cond_c, cond_cats = _optional_codes(chk, "gas_condition", _resolve_condition,
                                        "20C (China's statistics), 0C (normal) or 15C",
                                        default=cond_default)
    basis_c, basis_cats = _optional_codes(chk, "energy_basis",
                                          lambda t: _BASIS_ALIASES.get(t.lower()),
                                          "net or gross", default=basis_default)
    unit_raw, unit_uniq = _stripped_codes(df["unit"])
    DataError.collect(chk.problems, name)

    # uses: as given, else by fuel kind (a lookup table of fuel x given use)
    use_final = list(FUEL_USES + CARRIER_USES)
    carrier_lut = np.array([fl.attr(c, "group") == "carrier" if c else False for c in fuel_cats])
    given_lut = np.array([use_final.index(u) if u else -1 for u in use_cats], dtype=np.int32)
    default_lut = np.where(carrier_lut, use_final.index("consumption"),
                           use_final.index("combustion")).astype(np.int32)
    use_lut = np.where(given_lut[None, :] >= 0, given_lut[None, :], default_lut[:, None])
    use_codes = use_lut[fuel_c, use_c] if len(use_cats) > 1 else use_lut[:, 0][fuel_c]

    # uses and units: checked and converted once per distinct combination of codes
    combo, first = _groups(*_combine([fuel_c, sec_c, use_codes, unit_raw, cond_c, basis_c]))
    _check_uses(chk, first, fuel_c, fuel_cats, sec_c, sec_cats, use_codes, use_final)
    measure, quantity, basis_out = _convert(chk, combo, first, fuel_c, fuel_cats, unit_raw,
                                            list(unit_uniq), cond_c, cond_cats, basis_c,
                                            basis_cats, values)
    chk.problems.extend(nonfinite_problems(quantity, chk.labels, file=name, given=values,
                                           what="activity value"))
    area_c, _ = _optional_codes(chk, "model_region", str, "a region of dataset.yaml")
    _duplicates(chk, [years - years.min() if len(years) else years, reg_c, sec_c, fuel_c,
                      use_codes, tech_c, area_c],
                "year, region, sector, fuel, use, technology and model_region")
    problems = chk.problems
    if problems:
        if all(isinstance(p, Problem) and p.column == "unit" for p in problems):
            raise UnitError(problems, name)
        DataError.collect(problems, name)

    # every column is a new array (values and labels may be views of the input): no copy
    data = pd.DataFrame({
        "row": chk.labels.copy(),
        "year": years,
        "region": _categorical(reg_c, reg_cats),
        "sector": _categorical(sec_c, sec_cats),
        "fuel": _categorical(fuel_c, fuel_cats),
        "use": _categorical(use_codes, use_final),
        "technology": _categorical(tech_c, tech_cats),
        "value": values.copy(),
        "unit": _categorical(unit_raw, [str(u) for u in unit_uniq]),
        "measure": measure,
        "quantity": quantity,
        "energy_basis": basis_out,
    }, copy=False)
    data = with_plausibility(data, df, chk.labels, name)  # accounting/plausible_activity.py
    return Activity(data=data, source=name)


def _resolve_use(text: str) -> str | None:
    t = text.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"final": "consumption", "final_use": "consumption", "nonenergy": "non_energy",
               "material": "non_energy", "用作原料、材料": "feedstock", "原料": "feedstock",
               "transformation": "transformation_input", "加工转换投入": "transformation_input",
               "inflow": "import", "调入": "import", "outflow": "export", "调出": "export",
               "发电": "generation", "终端消费": "consumption"}
    t = aliases.get(t, t)
    return t if t in FUEL_USES + CARRIER_USES else None


def _resolve_tech(text: str) -> str | None:
    t = text.strip().lower().replace("-", "_").replace(" ", "_")
    return t or None


def _resolve_condition(text: str) -> str | None:
    t = str(text).strip().lower()
    if t in ("20C".lower(), "0c", "15c"):
        return t.upper()
    return _CONDITION_ALIASES.get(t)


def _check_uses(chk: _Checker, first: np.ndarray, fuel_c: np.ndarray, fuel_cats: list[str],
                sec_c: np.ndarray, sec_cats: list[str], use_c: np.ndarray,
                use_cats: list[str]) -> None:
    """Check each distinct (fuel, sector, use) once.

    ``first`` holds a row of every distinct combination of codes that includes fuel, sector
    and use; ``*_c`` are the codes of the n rows, shape (n,).
    """
    fl, sl = fuels(), sectors()
    triples = np.stack([fuel_c[first], sec_c[first], use_c[first]], axis=1)
    for f, s, u in np.unique(triples, axis=0):
        fuel, sector, use = fuel_cats[f], sec_cats[s], use_cats[u]
        kind = sl.attr(sector, "kind")
        group = fl.attr(fuel, "group")
        msg = None
        if group == "carrier":
            if use not in CARRIER_USES:
                msg = (f"{fuel} is an energy carrier: its use is one of "
                       f"{', '.join(CARRIER_USES)}, not '{use}'", ", ".join(CARRIER_USES))
            elif use in ("import", "export") and kind != "transfer":
                msg = (f"{use} of {fuel} belongs to sector 'transfers' (调入调出), not '{sector}'",
                       "sector transfers")
            elif use == "generation" and not _generates(sector, fuel):
                where = ("sector heat_supply (heat from CHP plants included)" if fuel == "heat"
                         else "sector thermal_power or nonfossil_power (and its children)")
                msg = (f"{fuel} generation belongs to {where}, not '{sector}'",
                       "a generation sector")
            elif use == "consumption" and kind in ("transfer", "generation"):
                msg = (f"consumption of {fuel} belongs to a consuming sector, not '{sector}'",
                       "a final or energy-industry sector")
        else:
            if use not in FUEL_USES:
                msg = (f"{fuel} is a fuel: its use is one of {', '.join(FUEL_USES)}, not '{use}'",
                       ", ".join(FUEL_USES))
            elif kind in ("transfer", "generation") or sector == "industrial_processes":
                msg = (f"fuel use by sector '{sector}' is not energy use: report fuels burned by "
                       "power plants under thermal_power, feedstocks with use=feedstock in their "
                       "industry", "a final or energy-industry sector")
        if msg:
            chk.add((fuel_c == f) & (sec_c == s) & (use_c == u), "use", msg[0], use, msg[1])


def _generates(sector: str, fuel: str) -> bool:
    sl = sectors()
    if sector == "thermal_power":
        return fuel == "electricity"
    if sector == "heat_supply":
        return fuel == "heat"
    return fuel == "electricity" and sl.attr(sector, "kind") == "generation"


def _convert(chk: _Checker, combo: np.ndarray, first: np.ndarray, fuel_c: np.ndarray,
             fuel_cats: list[str], unit_c: np.ndarray, unit_uniq: list[str],
             cond_c: np.ndarray, cond_cats: list[str], basis_c: np.ndarray,
             basis_cats: list[str],
             values: np.ndarray) -> tuple[pd.Categorical, np.ndarray, pd.Categorical]:
    """Convert each row's value to its measure's canonical unit.

    One rule per distinct (fuel, unit, condition, basis); ``combo`` (shape (n,)) numbers the
    distinct combinations of codes that include them and ``first`` holds a row of each.

    Returns
    -------
    measure, quantity, basis
        Per row: ``mass``, ``gas`` or ``energy``; the value in t, Nm3 or TJ; the energy
        basis ('' for non-energy units).
    """
    k = len(first)
    factor = np.zeros(k)
    measure_lut = np.zeros(k, dtype=np.int8)
    basis_lut = np.zeros(k, dtype=np.int8)
    measures, bases = ["mass", "gas", "energy"], ["", "net", "gross"]
    quads = np.stack([fuel_c[first], unit_c[first], cond_c[first], basis_c[first]], axis=1)
    uniq, inverse = np.unique(quads, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for j, (f, u, c, b) in enumerate(uniq):
        unit = unit_uniq[u]
        try:
            m_name, fac, b_name = _unit_rule(fuel_cats[f], unit, cond_cats[c], basis_cats[b])
        except UnitError as exc:
            rows = (fuel_c == f) & (unit_c == u) & (cond_c == c) & (basis_c == b)
            for p in exc.problems:
                chk.add(rows, "unit", p.message, unit, p.valid)
            continue
        sel = inverse == j
        factor[sel] = fac
        measure_lut[sel], basis_lut[sel] = measures.index(m_name), bases.index(b_name)
    measure = pd.Categorical.from_codes(measure_lut[combo], categories=measures)
    basis = pd.Categorical.from_codes(basis_lut[combo], categories=bases)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported, not warned
        return measure, values * factor[combo], basis


def _unit_rule(fuel: str, unit: str, cond: str, basis: str) -> tuple[str, float, str]:
    """Return (measure, factor to the canonical unit, energy basis) for one combination."""
    fl = fuels()
    state = fl.attr(fuel, "state")
    group = fl.attr(fuel, "group")
    parsed = parse_unit(unit)
    q = Q_(1.0, parsed)
    if q.check("[energy]"):
        if group == "carrier":
            return "energy", float(q.to("TJ").magnitude), ""
        coal_equivalent = re.search(r"标准?煤|ce\b|coal_equivalent", unit) is not None
        if coal_equivalent:
            return "energy", float(q.to("TJ").magnitude), "net"
        if not basis:
            raise UnitError(Problem(
                f"{fuel} given in energy ({unit}) needs its calorific basis declared: an "
                "'energy_basis' column or read_activity(energy_basis=...)",
                valid="net (NCV, China's statistics and IPCC) or gross (GCV)"))
        return "energy", float(q.to("TJ").magnitude), basis
    if group == "carrier":
        raise UnitError(Problem(f"{fuel} must be given in an energy unit, not '{unit}'",
                                valid="kWh, MWh, GWh, 亿千瓦时, GJ, TJ, 万百万千焦"))
    if q.check("[mass]"):
        return "mass", float(q.to("t").magnitude), ""
    if q.check("[substance]"):
        if state != "gas":
            raise UnitError(Problem(f"{fuel} is not a gas; '{unit}' is an amount of gas",
                                    valid="a mass (t, 万吨) or an energy"))
        return "gas", float(q.to("Nm3").magnitude), ""
    if q.check("[length]**3"):
        if state != "gas":
            raise UnitError(Problem(
                f"{fuel} given as a volume ({unit}): a liquid or solid volume needs a density, "
                "which carbonpath does not assume", valid="a mass (t, 万吨) or an energy"))
        if not cond:
            raise UnitError(Problem(
                f"{fuel} given as a plain volume ({unit}) without its reference condition; "
                "declare it in a 'gas_condition' column or read_activity(gas_condition=...)",
                valid="20C (China's energy statistics), 0C (normal m3) or 15C (standard m3)"))
        geometric = float(q.to("m**3").magnitude)
        amount = Q_(geometric, GAS_CONDITIONS[cond]).to("Nm3").magnitude
        return "gas", float(amount), ""
    raise UnitError(Problem(f"'{unit}' is not a mass, gas amount, volume or energy",
                            valid="t, 万吨, Nm3, 亿立方米 (with gas_condition), TJ, tce"))


# ---------------------------------------------------------------------------------------
# read_production


@checked
def read_production(source: str | Path | pd.DataFrame, *, region: str | None = None,
                    year: int | None = None, factors: FactorTable | None = None,
                    name: str | None = None, decimal: str = ".",
                    thousands: str | None = None) -> Production:
    """Read and validate industrial production for process emissions.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        CSV (UTF-8 or GBK) or DataFrame with columns ``product``, ``value``, ``unit`` and
        optionally ``year``, ``region``, ``technology``, ``note``, ``source``. Products are
        codes or aliases of ``src/carbonpath/data/products.csv`` (``cement_clinker``,
        ``lime``, ``glass``, ``soda_ash_use``, ``ammonia``, ``nitric_acid``,
        ``adipic_acid``, ``primary_aluminium_prebake``, ``primary_aluminium_soderberg``,
        ``bof_steel``, ``eaf_steel``, ``pig_iron``, ``dri``, ``sinter``,
        ``coke_production``; 熟料, 合成氨, 电解铝 ...). Units: masses (t, 万吨).
    region, year, factors, name, decimal, thousands
        As in :func:`read_activity`.

    Returns
    -------
    Production

    Raises
    ------
    DataError, UnitError, EncodingError
        As :func:`read_activity`: every problem at once, with its location.
    """
    table = factors if factors is not None else bundled_factors()
    df, name, from_file = _frame_and_name(source, name, "production data")
    _check_columns(df, name, ("product", "value", "unit"), _PRODUCTION_COLUMNS)
    chk = _Checker(df, name, from_file)
    pl: CodeList = products()
    prod_c, prod_cats = chk.codes("product", pl.resolve, pl.valid_text, "product")
    values = _values(chk, decimal, thousands)
    years = _years(chk, year)
    reg_c, reg_cats = _regions(chk, region, table)
    tech_c, tech_cats = _optional_codes(chk, "technology", _resolve_tech, "a technology code")
    chk.problems += technology_problems(prod_c, prod_cats, tech_c, tech_cats, table, chk.labels,
                                        name, "product")  # accounting/technologies.py
    unit_raw, unit_uniq = _stripped_codes(df["unit"])
    factor = np.zeros(len(unit_uniq))
    for j, unit in enumerate(unit_uniq):
        try:
            factor[j] = Q_(1.0, parse_unit(unit)).to("t").magnitude
        except (UnitError, pint.errors.DimensionalityError):
            chk.add(unit_raw == j, "unit", f"production must be a mass, not '{unit}'", unit,
                    "t, kt, 万吨")
    with np.errstate(over="ignore", invalid="ignore"):
        quantity = values * factor[unit_raw]
    chk.problems.extend(nonfinite_problems(quantity, chk.labels, file=name, given=values,
                                           what="production", unit="t"))
    area_c, _ = _optional_codes(chk, "model_region", str, "a region of dataset.yaml")
    _duplicates(chk, [years - years.min() if len(years) else years, reg_c, prod_c, tech_c,
                      area_c], "year, region, product, technology and model_region")
    DataError.collect(chk.problems, name)
    data = pd.DataFrame({
        "row": chk.labels,
        "year": years,
        "region": _categorical(reg_c, reg_cats),
        "product": _categorical(prod_c, prod_cats),
        "technology": _categorical(tech_c, tech_cats),
        "value": values,
        "unit": pd.Categorical.from_codes(unit_raw.astype(np.int32),
                                          categories=[str(u) for u in unit_uniq]),
        "quantity": quantity,
    })
    return Production(data=data, source=name)
