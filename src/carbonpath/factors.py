"""Emission factors, calorific values and other coefficients, with their sources.

``load_factors()`` reads and validates every CSV table in ``factors/`` (and any user table),
parses each unit once and returns a :class:`FactorTable`. Lookups follow one precedence,
most specific first:

1. a user-supplied table (``extra=``) before the bundled tables;
2. the exact region, then each region above it in the region table (city -> province ->
   grid region -> country -> ``world``, where the IPCC defaults live);
3. within a region: the exact year, then a row valid for any year (blank year), then
   (``historical=True`` only) the nearest earlier year; projections never freeze a last value;
4. within a region and year: the most specific sector along the IPCC category prefix chain
   (``1A2f`` -> ``1A2`` -> ``1A`` -> ``1`` -> any), then the exact technology before any.

Two rows that tie on all of these raise a :class:`~carbonpath.errors.DataError`.
The lookups are vectorised: :meth:`FactorTable.resolve` resolves a whole frame of keys by
joins on the few distinct (region chain, sector chain, year) classes, never row by row.
"""

from __future__ import annotations

import difflib
import functools
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint

from carbonpath._checks import checked
from carbonpath._io import read_table
from carbonpath._resources import data_path
from carbonpath.codes import fuels, products, sectors
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    FactorNotFoundError,
    ImplausibleValueError,
    InputNotFoundError,
    Problem,
    UnitError,
    unknown_name,
)
from carbonpath.numbers import YEAR_RANGE, check_year, nonfinite_problems, number_hint, parse_number
from carbonpath.plausibility import FILE as RANGES_FILE
from carbonpath.plausibility import find_range, is_override, read_ranges
from carbonpath.units import GAS_UNITS, Q_, parse_unit

__all__ = ["QUANTITIES", "Factor", "FactorTable", "RegionTable", "load_factors"]

#: Factor-table columns, in file order (``low``, ``high``, ``source_item``, ``note``,
#: ``plausibility`` optional).
COLUMNS = ("item", "quantity", "gas", "sector", "technology", "value", "unit", "basis",
           "region", "year", "low", "high", "source", "source_item", "status", "note",
           "plausibility")
_REQUIRED = ("item", "quantity", "value", "unit", "region", "source", "status")

#: quantity -> (canonical numerator, allowed denominators, what it is)
QUANTITIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "calorific_value": ("TJ", ("t", "Nm3"), "energy per unit of fuel (basis net or gross)"),
    "carbon_content": ("t C", ("TJ",), "carbon per unit of energy"),
    "oxidation_factor": ("", ("",), "share of the carbon oxidised (dimensionless)"),
    "emission_factor": ("t {gas}", ("TJ", "t", "Nm3"),
                        "gas per unit of energy, fuel, product or electricity"),
    "standard_coal_coefficient": ("tce", ("t", "Nm3", "TJ"), "standard coal per unit"),
    "coal_rate": ("gce/kWh", ("",), "coal per unit of thermal electricity (basis stated)"),
    "ncv_gcv_ratio": ("", ("",), "net over gross calorific value (dimensionless)"),
}
_BASES = {"calorific_value": ("net", "gross"), "coal_rate": ("generation", "supply")}
_STATUSES = ("verified", "unverified")
_DEN_UNITS = {"t": "t", "Nm3": "Nm3", "TJ": "TJ", "": ""}
_BELOW = "|below"  # marks a key standing for a region or sector below the one named
#: Items a lookup asks for besides fuel and product codes: fuel groups of the gross-to-net
#: ratios and the grid-factor variants of :meth:`FactorTable.grid_factor`.
LOOKUP_ITEMS = ("coal", "oil", "gas", "electricity_excl_market_nonfossil", "electricity_fossil")


# ---------------------------------------------------------------------------------------
# Factor: the result of one lookup


@dataclass(frozen=True)
class Factor:
    """One coefficient with its provenance, as returned by a lookup.

    Attributes
    ----------
    item, quantity, gas : str
        What the factor is (``gas`` is ``""`` for non-emission quantities).
    value : pint.Quantity
        The value in the unit of the table (``unit``); derived factors in the unit stated.
    unit : str
        The unit as written in the table.
    source : str
        The original document and table (for a derived factor: the formula and its inputs).
    status : str
        ``verified`` or ``unverified`` (see ``factors/README.md``); a derived factor is
        ``verified`` only if all its inputs are.
    rule : str
        Which precedence rule selected the row (e.g. ``"region above (CN), any year"``).
    region, year, sector, technology, basis : str or int or None
        The matched row's keys (``year`` None = any year).
    file, row : str, int
        File name and line number (header = 1) of the row; ``row_id`` its index in the table.
    low, high : pint.Quantity or None
        The range printed by the source, if any.
    note : str
        The row's note (mapping, assumption, transcription).
    version : str
        Factor-set version (``factors/VERSION``; ``user`` appended for user tables).
    derived_from : tuple of Factor
        The factors a derived value was computed from.
    """

    item: str
    quantity: str
    gas: str
    value: pint.Quantity
    unit: str
    source: str
    status: str
    rule: str
    region: str = ""
    year: int | None = None
    sector: str = ""
    technology: str = ""
    basis: str = ""
    file: str = ""
    row: int | None = None
    row_id: int | None = None
    low: pint.Quantity | None = None
    high: pint.Quantity | None = None
    note: str = ""
    version: str = ""
    derived_from: tuple[Factor, ...] = ()

    def to(self, unit: str) -> pint.Quantity:
        """Return the value converted to ``unit`` (raises ``DimensionalityError``)."""
        return self.value.to(parse_unit(unit))

    def __str__(self) -> str:
        gas = f" {self.gas}" if self.gas else ""
        return (f"{self.item} {self.quantity}{gas} = {self.value.magnitude:g} {self.unit} "
                f"[{self.source}; {self.rule}]")


# ---------------------------------------------------------------------------------------
# Region table


@dataclass(frozen=True)
class RegionTable:
    """The region hierarchy that lookups walk (``factors/regions.csv`` plus user regions).

    Attributes
    ----------
    table : pandas.DataFrame
        Columns region, name_en, name_zh, parent, level, aliases; indexed by region code.
    aliases : dict
        Normalised alias -> code.
    chains : dict
        Region code -> tuple of codes from itself up to ``world``.
    """

    table: pd.DataFrame
    aliases: dict[str, str]
    chains: dict[str, tuple[str, ...]]

    def resolve(self, text: Any) -> str | None:
        """Return the region code ``text`` names (code, name or alias), else ``None``."""
        if text is None or (isinstance(text, float) and math.isnan(text)):
            return None
        return self.aliases.get(_norm(text))

    def chain(self, region: str) -> tuple[str, ...]:
        """Return the region and every region above it, ending with ``world``."""
        return self.chains[region]

    def valid_text(self, text: str | None = None) -> str:
        """Describe valid region codes for an error message."""
        import difflib

        close = difflib.get_close_matches(_norm(text or ""), list(self.aliases), n=3, cutoff=0.6)
        codes = sorted({self.aliases[c] for c in close})
        head = f"did you mean {', '.join(codes)}? " if codes else ""
        return head + "a region code of factors/regions.csv (e.g. CN, CN-SD, CN-SD-Liaocheng)"


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


def _read_regions(frames: Sequence[tuple[str, pd.DataFrame]]) -> RegionTable:
    problems: list[Problem] = []
    parts = []
    for name, df in frames:
        missing = [c for c in ("region", "parent", "level") if c not in df.columns]
        if missing:
            problems.append(Problem(f"missing column(s) {missing}", file=name,
                                    valid="region, name_en, name_zh, parent, level, aliases"))
            continue
        df = df.fillna("").astype(str).copy()
        df["_file"] = name
        df["_line"] = np.arange(2, len(df) + 2)
        parts.append(df)
    DataError.collect(problems, "region table")
    table = pd.concat(parts, ignore_index=True)
    for col in ("name_en", "name_zh", "aliases"):
        if col not in table:
            table[col] = ""
    dup = table[table.duplicated("region", keep=False)]
    for _, r in dup.iterrows():
        problems.append(Problem("region code defined twice", file=r["_file"], row=int(r["_line"]),
                                column="region", value=r["region"]))
    codes = set(table["region"])
    for _, r in table.iterrows():
        if r["parent"] and r["parent"] not in codes:
            problems.append(Problem("parent region is not in the region table", file=r["_file"],
                                    row=int(r["_line"]), column="parent", value=r["parent"],
                                    valid="a region code defined in a region table"))
        if not r["parent"] and r["region"] != "world":
            problems.append(Problem("only 'world' may have no parent", file=r["_file"],
                                    row=int(r["_line"]), column="parent", value=r["parent"]))
    DataError.collect(problems, "region table")
    table = table.set_index("region", drop=False)
    parent = dict(zip(table["region"], table["parent"], strict=True))
    chains: dict[str, tuple[str, ...]] = {}
    for code in table["region"]:
        chain = [code]
        while parent[chain[-1]]:
            nxt = parent[chain[-1]]
            if nxt in chain:
                raise DataError(Problem("the region table has a cycle", column="parent",
                                        value=" -> ".join([*chain, nxt])), "region table")
            chain.append(nxt)
        chains[code] = tuple(chain)
    aliases: dict[str, str] = {}
    for _, r in table.iterrows():
        for alias in [r["region"], r["name_en"], r["name_zh"], *r["aliases"].split(";")]:
            key = _norm(alias)
            if key and key not in aliases:
                aliases[key] = r["region"]
    return RegionTable(table=table.drop(columns=["_file", "_line"]), aliases=aliases, chains=chains)


# ---------------------------------------------------------------------------------------
# Reading and validating factor tables


@functools.lru_cache(maxsize=512)
def _canonical(quantity: str, gas: str, unit: str) -> tuple[str, float]:
    """Return (denominator, factor) converting ``unit`` to the quantity's canonical unit.

    Raises UnitError with a message (no location) when the unit does not fit.
    """
    num, dens, what = QUANTITIES[quantity]
    num = num.format(gas=GAS_UNITS.get(gas, gas))
    parsed = parse_unit(unit)
    for den in dens:
        target = f"{num} / {_DEN_UNITS[den]}" if den else (num or "dimensionless")
        if not num and den:
            target = f"1 / {_DEN_UNITS[den]}"
        try:
            factor = float(Q_(1.0, parsed).to(parse_unit(target)).magnitude)
        except (pint.errors.DimensionalityError, UnitError):
            continue
        return den, factor
    volume = (any(v in unit for v in ("m3", "m**3", "m^3", "立方米"))
              and not any(c in unit for c in ("Nm3", "Sm3", "m3_20C")))
    hint = (" (a plain m3 has no gas reference condition: write Nm3, Sm3 or m3_20C)"
            if volume else "")
    raise UnitError(Problem(f"'{unit}' is not a unit of {quantity} ({what}){hint}",
                            value=unit, valid=_valid_units(quantity, gas)))


def _valid_units(quantity: str, gas: str) -> str:
    examples = {
        "calorific_value": "TJ/Gg, GJ/t, GJ/(10^4 Nm3), MJ/m3_20C",
        "carbon_content": "kg C/GJ, t C/TJ",
        "oxidation_factor": "dimensionless",
        "emission_factor": f"kg {gas or 'CO2'}/TJ, t {gas or 'CO2'}/t, t {gas or 'CO2'}/MWh",
        "standard_coal_coefficient": "kgce/kg, kgce/m3_20C, kgce/kWh",
        "coal_rate": "gce/kWh",
        "ncv_gcv_ratio": "dimensionless",
    }
    return examples[quantity]


def _validate(df: pd.DataFrame, name: str, regions: RegionTable, from_file: bool = True,
              ranges: dict | None = None, allow_implausible: bool = False,
              accepted: list[Problem] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate one factor table; return it with parsed columns and the problems found.

    Implausible rows overridden (per row or by ``allow_implausible``) go to ``accepted``.
    """
    problems: list[Problem] = []
    cols = set(df.columns)
    missing = [c for c in _REQUIRED if c not in cols]
    unknown = sorted(cols - set(COLUMNS))
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}", file=name,
                                valid=", ".join(COLUMNS)))
    if unknown:
        problems.append(Problem(f"unknown column(s): {', '.join(unknown)}", file=name,
                                valid=", ".join(COLUMNS)))
    if problems:
        return df, problems
    df = df.copy()
    for col in COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df = df[list(COLUMNS)]
    lines = np.arange(2, len(df) + 2) if from_file else df.index.to_numpy()
    text_cols = [c for c in COLUMNS if c not in ("value", "low", "high", "year")]
    for col in text_cols:
        df[col] = df[col].fillna("").astype(str).str.strip()
    out_value = np.full(len(df), np.nan)
    out_low = np.full(len(df), np.nan)
    out_high = np.full(len(df), np.nan)
    out_year = np.full(len(df), -1, dtype=np.int64)
    canon = np.full(len(df), np.nan)
    den = np.empty(len(df), dtype=object)
    region_out = np.empty(len(df), dtype=object)

    def bad(i: int, col: str, message: str, value: Any, valid: str | None = None,
            cls: type = Problem) -> None:
        """Record a problem of one row of a factor table."""
        problems.append(cls(message, file=name, row=int(lines[i]), column=col, value=value,
                            valid=valid))

    plausibility: list[Problem] = []
    items_out = df["item"].to_numpy(dtype=object).copy()  # codes of aliases, set after
    for i, r in enumerate(df.itertuples(index=False)):
        q = r.quantity
        if q not in QUANTITIES:
            bad(i, "quantity", "unknown quantity", q, ", ".join(QUANTITIES))
            continue
        if not r.item:
            bad(i, "item", "item is required", r.item, "a fuel, product or carrier code")
        else:
            code = _item_or_none(r.item)
            if code is None:
                bad(i, "item", "unknown item: no lookup would ever use this row", r.item,
                    _valid_items(r.item))
            else:
                items_out[i] = code
        if q == "emission_factor":
            if r.gas not in GAS_UNITS:
                bad(i, "gas", "emission factors need a gas", r.gas, ", ".join(GAS_UNITS))
                continue
        elif r.gas:
            bad(i, "gas", f"{q} takes no gas", r.gas, "blank")
        if r.sector and not (r.sector[0].isdigit() and r.sector.isalnum()):
            bad(i, "sector", "sector must be an IPCC category code or blank", r.sector,
                "e.g. 1A1, 1A2, 1A3b, 1A4a, 1A4b (blank = any sector)")
        elif r.sector and r.sector not in _used_categories():
            bad(i, "sector", "no sector has this IPCC category (or one below it): no lookup "
                "would ever use this row", r.sector, _valid_categories(r.sector))
        if q in _BASES:
            if r.basis not in _BASES[q]:
                bad(i, "basis", f"{q} needs its basis", r.basis, " or ".join(_BASES[q]))
        elif r.basis:
            bad(i, "basis", f"{q} takes no basis", r.basis, "blank")
        code = regions.resolve(r.region)
        if code is None:
            bad(i, "region", "unknown region", r.region, regions.valid_text(r.region))
        region_out[i] = code
        if r.status not in _STATUSES:
            bad(i, "status", "unknown status", r.status, "verified or unverified")
        if not r.source:
            bad(i, "source", "every factor needs its source (document and table)", r.source)
        value = _number(r.value)
        if value is None or value < 0:
            bad(i, "value", _not_number(r.value, "value must be a finite number >= 0"), r.value,
                "a number >= 0 with '.' as the decimal mark and no thousands separator")
            continue
        out_value[i] = value
        for col, arr in (("low", out_low), ("high", out_high)):
            raw = getattr(r, col)
            if _number(raw) is None and str(raw).strip() in ("", "nan", "None"):
                continue
            num = _number(raw)
            if num is None:
                bad(i, col, _not_number(raw, f"{col} must be a number or blank"), raw)
            else:
                arr[i] = num
        if not np.isnan(out_low[i]) and out_low[i] > value:
            bad(i, "low", "low is above value", r.low, f"<= {value}")
        if not np.isnan(out_high[i]) and out_high[i] < value:
            bad(i, "high", "high is below value", r.high, f">= {value}")
        year = r.year
        if year is not None and str(year).strip() not in ("", "nan"):
            y = _number(year)
            if y is None or y != int(y):
                bad(i, "year", "year must be an integer or blank (any year)", year)
            elif not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
                bad(i, "year", "year is out of range", year,
                    f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}, or blank (any year)")
            else:
                out_year[i] = int(y)
        try:
            d, f = _canonical(q, r.gas, r.unit)
        except UnitError as exc:
            for p in exc.problems:
                bad(i, "unit", p.message, r.unit, p.valid)
            continue
        den[i] = d
        canon[i] = value * f
        over = nonfinite_problems([canon[i]], [lines[i]], file=name, what=q, given=[value])
        if over:
            problems.extend(over)
            continue
        override = is_override(r.plausibility)
        if override is None:
            bad(i, "plausibility", "plausibility must be blank or 'override: <reason>'",
                r.plausibility, "override: <why this value is right>")
        msg = _implausible(q, d, canon[i], r.unit, value, ranges or {}, str(items_out[i]),
                           r.gas)
        if msg:
            found = Problem(msg, file=name, row=int(lines[i]), column="value", value=value,
                            valid="a value within the range, or a 'plausibility' cell reading "
                                  "'override: <reason>' (or load_factors(allow_implausible="
                                  "True))")
            if (override or allow_implausible) and accepted is not None:
                accepted.append(found)
            else:
                plausibility.append(found)
    df["item"] = items_out
    df["value"] = out_value
    df["low"] = out_low
    df["high"] = out_high
    df["year"] = out_year
    df["region"] = region_out
    df["canon"] = canon
    df["den"] = den
    df["file"] = name
    df["line"] = lines
    if plausibility and not problems:
        raise ImplausibleValueError(plausibility, f"factor table {name}")
    return df, problems + plausibility


def _implausible(quantity: str, den: str, canon: float, unit: str, value: float,
                 ranges: dict, item: str, gas: str) -> str:
    """Return a message if a row is outside its plausible range (plausibility.py), else ''."""
    rng = find_range(ranges, item, quantity, gas, den)
    if rng is None or rng.low <= canon <= rng.high:
        return ""
    shown = canon * rng.to_unit
    converted = "" if unit.replace(" ", "") == rng.unit.replace(" ", "") else (
        f" is {shown:.4g} {rng.unit},")
    return (f"{item} {quantity}{' ' + gas if gas else ''} {value:g} {unit}{converted} "
            f"outside the plausible range {rng.text} [{rng.source}] "
            "(a unit slip such as kg vs t, or m3 vs 10^4 m3?)")


def _item_or_none(item: str) -> str | None:
    """The code a factor row's item names (a fuel, product or lookup item), else None."""
    if item in LOOKUP_ITEMS:
        return item
    return fuels().resolve(item) or products().resolve(item)


def _valid_items(item: str) -> str:
    """Closest valid items, for the message of an unknown item."""
    valid = set(fuels().aliases) | set(products().aliases) | set(LOOKUP_ITEMS)
    near = difflib.get_close_matches(str(item).strip().lower(), sorted(valid), n=3, cutoff=0.5)
    codes = []
    for n in near:
        code = fuels().resolve(n) or products().resolve(n) or n
        if code not in codes:
            codes.append(code)
    head = f"did you mean {', '.join(codes)}? " if codes else ""
    return (head + f"a fuel code ({fuels().file}), a product code ({products().file}) or "
            + ", ".join(LOOKUP_ITEMS))


@functools.lru_cache(maxsize=1)
def _used_categories() -> frozenset[str]:
    """Every IPCC category a lookup can walk: each sector's category and those above it."""
    out: set[str] = set()
    for cat in sectors().column("ipcc_category").values():
        out.update(p for p in _prefixes(cat) if p)
    return frozenset(out)


def _valid_categories(text: str) -> str:
    near = difflib.get_close_matches(text, sorted(_used_categories()), n=3, cutoff=0.5)
    head = f"did you mean {', '.join(near)}? " if near else ""
    return head + ("an IPCC category of a sector (src/carbonpath/data/sectors.csv) or one above "
                   "it, e.g. 1A1, 1A2, 1A3b, 1A4a; blank = any sector")


def _number(value: Any) -> float | None:
    """A finite number in carbonpath's plain form (``.`` decimal mark, no separators), else None."""
    if isinstance(value, (bool, np.bool_)):
        return None
    try:
        out = parse_number(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _not_number(value: Any, what: str) -> str:
    """The message for a cell that is not a finite number (why, if a separator is the cause)."""
    hint = number_hint(str(value))
    return what if hint.endswith("is not a number") else f"{what}: {hint}"


def _duplicates(df: pd.DataFrame) -> list[Problem]:
    keys = ["layer", "item", "quantity", "gas", "sector", "technology", "basis", "region", "year"]
    dup = df[df.duplicated(keys, keep=False)]
    problems = []
    for _, grp in dup.groupby(keys, sort=False):
        first = grp.iloc[0]
        where = ", ".join(f"{r.file} row {r.line}" for r in grp.itertuples())
        problems.append(Problem(
            f"{len(grp)} rows give the same factor ({first['item']} {first['quantity']} "
            f"{first['gas']} sector '{first['sector']}' technology '{first['technology']}' "
            f"region {first['region']} "
            f"year {first['year'] if first['year'] >= 0 else 'any'}): {where}; "
            "a lookup could not choose between them",
            file=str(first["file"]), row=int(first["line"]), valid="one row per key"))
    return problems


# ---------------------------------------------------------------------------------------
# FactorTable


@dataclass(frozen=True)
class _Subset:
    """The rows of one quantity (and gas, basis), for :meth:`FactorTable.candidates`.

    ``index`` maps (item, region, sector) to row positions; the arrays hold, per position,
    the row's technology, year (-1 = any), layer and ``row_id``.
    """

    regions: set[str]
    sectors: set[str]
    index: dict[tuple[str, str, str], list[int]]
    technology: np.ndarray
    year: np.ndarray
    layer: np.ndarray
    row_id: np.ndarray


class FactorTable:
    """Validated factor tables with a region hierarchy; looks factors up by precedence.

    Build it with :func:`load_factors`. ``rows`` is the tidy table (one row per factor; extra
    columns ``canon`` = value in the canonical unit of its quantity, ``den`` = canonical
    denominator, ``layer`` = 0 for user rows and 1 for bundled rows, ``file``, ``line``).

    Parameters
    ----------
    rows : pandas.DataFrame
        Validated rows.
    regions : RegionTable
        The region hierarchy.
    version : str
        The factor-set version recorded on every result.
    """

    def __init__(self, rows: pd.DataFrame, regions: RegionTable, version: str) -> None:
        self.rows = rows.reset_index(drop=True)
        self.rows["row_id"] = np.arange(len(self.rows))
        self._items = frozenset(self.rows["item"])
        self._subsets: dict[tuple[str, str | None, str | None], _Subset] = {}
        self.regions = regions
        self.version = version

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"FactorTable({len(self)} rows, version {self.version})"

    # -- scalar lookups ---------------------------------------------------------------

    @checked
    def lookup(self, item: str, quantity: str, gas: str | None = None, sector: str | None = None,
               technology: str | None = None, region: str | None = None,
               year: int | None = None, historical: bool = True,
               basis: str | None = None) -> Factor:
        """Return the factor for one key, by the table's precedence (module docstring).

        Parameters
        ----------
        item : str
            Fuel, product or carrier code (``raw_coal``, ``cement_clinker``, ``electricity``).
        quantity : str
            One of :data:`QUANTITIES` (``calorific_value``, ``emission_factor`` ...).
        gas : str, optional
            Required for ``emission_factor`` (``CO2``, ``CH4``, ``N2O``, ``CF4`` ...).
        sector : str, optional
            A carbonpath sector code or an IPCC category (``1A2f``); ``None`` = only rows
            valid for any sector.
        technology : str, optional
            ``None`` = only rows valid for any technology.
        region : str, optional
            Region code or alias; default ``world`` (IPCC defaults only).
        year : int, optional
            ``None`` = only rows valid for any year.
        historical : bool
            Allow the nearest earlier year (accounting); ``False`` for projections.
        basis : str, optional
            ``net``/``gross`` for calorific values, ``generation``/``supply`` for coal rates.

        Returns
        -------
        Factor

        Raises
        ------
        FactorNotFoundError
            No row matches after every fallback.
        DataError
            Unknown region or sector, or two rows tie.
        """
        if item not in self._items:
            item = item_code(item)
        keys = self._keys_frame([item], [sector], [technology], [region], [year])
        res = self.resolve(keys, quantity, gas=gas, basis=basis, historical=historical)
        rid = int(res["row_id"].iloc[0])
        if rid < 0:
            raise FactorNotFoundError(self._not_found(item, quantity, gas, sector, technology,
                                                      keys["region"].iloc[0], year, historical,
                                                      basis))
        return self.factor(rid, str(res["rule"].iloc[0]))

    def grid_factor(self, region: str, year: int, historical: bool = True,
                    item: str = "electricity") -> Factor:
        """Return the CO2 emission factor of grid electricity for a region and year.

        Walks the region table (Liaocheng -> Shandong -> North China grid -> CN). Values:
        ``factors/grid_factors.csv`` (MEE and NBS announcements of 2021-2023 factors).
        With ``historical=False`` (projections) a year without its own value raises instead
        of repeating the last one.

        Raises
        ------
        FactorNotFoundError
            No value for the region (or above) and year.
        """
        return self.lookup(item, "emission_factor", gas="CO2", region=region, year=year,
                           historical=historical)

    def coal_rate(self, year: int, basis: str, region: str = "CN",
                  historical: bool = True) -> Factor:
        """Return the average coal rate of thermal power (gce/kWh) for a year.

        Parameters
        ----------
        year : int
        basis : {"supply", "generation"}
            Per kWh sent out (供电) or generated (发电); required, never assumed.
        region : str
            Default ``CN`` (the national series of ``factors/thermal_power_coal_rate.csv``).
        historical : bool
            Allow the nearest earlier year.

        Raises
        ------
        FactorNotFoundError
            No value (e.g. no generation-basis series is bundled).
        """
        return self.lookup("electricity", "coal_rate", region=region, year=year,
                           historical=historical, basis=basis)

    def factor(self, row_id: int, rule: str = "") -> Factor:
        """Return the :class:`Factor` of table row ``row_id`` (with the rule that chose it)."""
        r = self.rows.iloc[row_id]
        unit = parse_unit(r["unit"])
        low = None if np.isnan(r["low"]) else Q_(float(r["low"]), unit)
        high = None if np.isnan(r["high"]) else Q_(float(r["high"]), unit)
        return Factor(
            item=r["item"], quantity=r["quantity"], gas=r["gas"], value=Q_(float(r["value"]), unit),
            unit=r["unit"], source=r["source"], status=r["status"], rule=rule, region=r["region"],
            year=None if r["year"] < 0 else int(r["year"]), sector=r["sector"],
            technology=r["technology"], basis=r["basis"], file=r["file"], row=int(r["line"]),
            row_id=int(row_id), low=low, high=high, note=r["note"],
            version=self.version + ("+user" if r["layer"] == 0 else ""),
        )

    # -- vectorised resolution --------------------------------------------------------

    def _keys_frame(self, items: Iterable[Any], sector: Iterable[Any], technology: Iterable[Any],
                    region: Iterable[Any], year: Iterable[Any]) -> pd.DataFrame:
        regions_out = []
        for r in region:
            if r is None:
                regions_out.append("world")
                continue
            code = self.regions.resolve(r)
            if code is None:
                raise DataError(Problem("unknown region", column="region", value=r,
                                        valid=self.regions.valid_text(str(r))))
            regions_out.append(code)
        return pd.DataFrame({
            "item": list(items),
            "sector": [ipcc_category(s) for s in sector],
            "technology": ["" if t is None else str(t) for t in technology],
            "region": regions_out,
            "year": pd.array([pd.NA if y is None else check_year(y, "the lookup year")
                              for y in year], dtype="Int64"),
        })

    def candidates(self, keys: pd.DataFrame, quantity: str, gas: str | None = None,
                   basis: str | None = None,
                   historical: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
        """Return every row that could serve each key, ranked, and the key-class map.

        ``keys`` has columns item, sector (IPCC category or ''), technology (''), region
        (code), year (Int64, NA = any). Keys are first collapsed into classes that share the
        same effective region chain and sector chain (regions and sectors without rows of
        their own behave like the first one above them that has rows), so a million keys
        cost a few hundred joins' worth of work.

        Returns
        -------
        candidates : pandas.DataFrame
            Columns ``k`` (class index), ``row_id``, ``layer``, ``region_dist``, ``year_rank``
            (0 exact, 1 any year, 2 earlier), ``year_gap``, ``sector_rank``, ``tech_rank``.
        inverse : numpy.ndarray
            For each key, its class index ``k``.
        """
        sub = self._subset(quantity, gas, basis)
        present_regions, present_sectors = sub.regions, sub.sectors
        n = len(keys)
        if n == 0:
            return pd.DataFrame(columns=["k", "row_id", *_RANK]), np.zeros(0, dtype=np.int64)
        # region classes; a key may stand for a region below the one named (region_own False)
        own_r = (keys["region_own"].to_numpy(dtype=bool) if "region_own" in keys
                 else np.ones(n, dtype=bool))
        reg_codes, reg_uniques = pd.factorize(
            keys["region"].astype(str).to_numpy() + np.where(own_r, "", _BELOW))
        reg_names = [u.removesuffix(_BELOW) for u in reg_uniques]
        reg_class = [tuple(a for a in self.regions.chain(r) if a in present_regions)
                     for r in reg_names]
        reg_own = [r if (r in present_regions and not u.endswith(_BELOW)) else ""
                   for r, u in zip(reg_names, reg_uniques, strict=True)]
        # sector classes (IPCC category prefix chains)
        own_s = (keys["sector_own"].to_numpy(dtype=bool) if "sector_own" in keys
                 else np.ones(n, dtype=bool))
        sec_codes, sec_uniques = pd.factorize(
            keys["sector"].astype(str).to_numpy() + np.where(own_s, "", _BELOW))
        sec_names = [u.removesuffix(_BELOW) for u in sec_uniques]
        sec_class = [tuple(p for p in _prefixes(s) if p in present_sectors) for s in sec_names]
        sec_is_own = [(s in present_sectors and not u.endswith(_BELOW))
                      for s, u in zip(sec_names, sec_uniques, strict=True)]
        # collapse keys to classes (region chain, sector chain, item, technology, year)
        reg_class_id = pd.factorize(pd.Series(list(zip(reg_own, reg_class, strict=True)),
                                              dtype=object))[0]
        sec_class_id = pd.factorize(pd.Series(
            list(zip(sec_is_own, sec_class, strict=True)), dtype=object))[0]
        k, uniq = _factorize_rows(pd.DataFrame({
            "item": keys["item"].to_numpy(),
            "technology": keys["technology"].to_numpy(),
            "year": keys["year"].to_numpy(dtype="float64", na_value=np.nan),
            "regc": reg_class_id[reg_codes],
            "secc": sec_class_id[sec_codes],
        }))
        # each class's chains, with distances from the key's own region / sector (0 only if
        # it has rows itself); the first key of a class stands for it
        reg_chain: dict[int, list[tuple[str, int]]] = {}
        for i, c in enumerate(reg_class_id):
            reg_chain.setdefault(int(c), [(a, d + (0 if reg_own[i] else 1))
                                          for d, a in enumerate(reg_class[i])])
        sec_chain: dict[int, list[tuple[str, int]]] = {}
        for i, c in enumerate(sec_class_id):
            sec_chain.setdefault(int(c), [(s, d + (0 if sec_is_own[i] else 1))
                                          for d, s in enumerate(sec_class[i])])
        # join each class to the rows of its (item, region, sector) combinations
        pairs = [(kk, pos, rd, sr)
                 for kk, (item, rc, sc) in enumerate(zip(uniq["item"], uniq["regc"],
                                                         uniq["secc"], strict=True))
                 for region, rd in reg_chain[int(rc)] for sector, sr in sec_chain[int(sc)]
                 for pos in sub.index.get((item, region, sector), ())]
        kk, pos, region_dist, sector_rank = np.array(pairs, dtype=np.int64).reshape(-1, 4).T
        row_tech = sub.technology[pos]
        tech_ok = (row_tech == "") | (row_tech == uniq["technology"].to_numpy()[kk])
        ky = uniq["year"].to_numpy()[kk]
        ry = sub.year[pos].astype(float)
        ry[ry < 0] = np.nan
        exact = ry == ky
        anyyear = np.isnan(ry)
        earlier = (ry < ky) & historical
        keep = tech_ok & (exact | anyyear | earlier)
        kk, pos, ky = kk[keep], pos[keep], ky[keep]
        year_rank = np.where(exact[keep], 0, np.where(anyyear[keep], 1, 2))
        cand = pd.DataFrame({
            "k": kk, "row_id": sub.row_id[pos], "layer": sub.layer[pos],
            "region_dist": region_dist[keep], "year_rank": year_rank,
            "year_gap": np.where(year_rank == 2, ky - sub.year[pos], 0.0),
            "sector_rank": sector_rank[keep],
            "tech_rank": np.where(row_tech[keep] == "", 1, 0),
        })
        cand = cand.sort_values(_RANK, kind="stable").reset_index(drop=True)
        return cand, k

    def _subset(self, quantity: str, gas: str | None, basis: str | None) -> _Subset:
        """Rows of one quantity (and gas, basis), indexed for :meth:`candidates`; cached."""
        key = (quantity, gas, basis)
        if key not in self._subsets:
            sub = self.rows[self.rows["quantity"] == quantity]
            if gas is not None:
                sub = sub[sub["gas"] == gas]
            if basis is not None:
                sub = sub[sub["basis"] == basis]
            index: dict[tuple[str, str, str], list[int]] = {}
            for i, combo in enumerate(zip(sub["item"], sub["region"], sub["sector"],
                                          strict=True)):
                index.setdefault(combo, []).append(i)
            self._subsets[key] = _Subset(
                regions=set(sub["region"]), sectors=set(sub["sector"]), index=index,
                technology=sub["technology"].to_numpy(dtype=object),
                year=sub["year"].to_numpy(dtype=np.int64),
                layer=sub["layer"].to_numpy(dtype=np.int64),
                row_id=sub["row_id"].to_numpy(dtype=np.int64))
        return self._subsets[key]

    def resolve(self, keys: pd.DataFrame, quantity: str, gas: str | None = None,
                basis: str | None = None, historical: bool = True) -> pd.DataFrame:
        """Resolve many keys at once (vectorised); one output row per key, same order.

        Parameters
        ----------
        keys : pandas.DataFrame
            Columns item, sector (IPCC category or ''), technology (''), region (code),
            year (Int64; NA = any year).
        quantity, gas, basis, historical
            As in :meth:`lookup`.

        Returns
        -------
        pandas.DataFrame
            Columns ``row_id`` (-1 where nothing matched), ``canon`` (value in the
            canonical unit, NaN if unmatched), ``den`` and ``rule``.

        Raises
        ------
        DataError
            Two rows tie for a key.
        """
        cand, k = self.candidates(keys, quantity, gas=gas, basis=basis, historical=historical)
        best = self._best(cand, ["k"])
        n_classes = int(k.max()) + 1 if len(k) else 0
        row_id = np.full(n_classes, -1, dtype=np.int64)
        row_id[best["k"].to_numpy()] = best["row_id"].to_numpy()
        rules = np.full(n_classes, "", dtype=object)
        rules[best["k"].to_numpy()] = self._rules(best)
        found = row_id >= 0
        canon = np.where(found, self.rows["canon"].to_numpy()[row_id], np.nan)
        den = np.where(found, self.rows["den"].to_numpy()[row_id], "")
        return pd.DataFrame({"row_id": row_id[k], "canon": canon[k], "den": den[k],
                             "rule": rules[k]})

    def _best(self, cand: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        """First candidate per group; raise on a genuine tie (same rank as the second)."""
        first = cand.drop_duplicates(by, keep="first")
        dup = cand.duplicated([*by, *_RANK], keep=False)
        if dup.any():
            tied = cand[dup].merge(first[[*by, *_RANK]], on=[*by, *_RANK])
            if len(tied):
                rows = tied["row_id"].to_numpy()[:2]
                a, b = (self.rows.iloc[int(i)] for i in rows)
                raise DataError(Problem(
                    f"two factors tie for the same lookup: {a['file']} row {a['line']} and "
                    f"{b['file']} row {b['line']} ({a['item']} {a['quantity']} {a['gas']}); "
                    "make one more specific (sector, technology, year) or remove one",
                    file=str(a["file"]), row=int(a["line"]), valid="one best row per lookup"))
        return first

    def _rules(self, best: pd.DataFrame) -> np.ndarray:
        """The rule (:func:`describe_rule`) of each row of ``best`` (candidates), as text."""
        row_id = best["row_id"].to_numpy()
        found = row_id >= 0
        rid = np.where(found, row_id, 0)
        region = self.rows["region"].to_numpy()[rid]
        year = self.rows["year"].to_numpy()[rid]
        sector = self.rows["sector"].to_numpy()[rid]
        cols = [best[c].to_numpy() for c in ("layer", "region_dist", "year_rank", "sector_rank",
                                             "tech_rank")]
        out = np.full(len(best), "", dtype=object)
        for i in np.flatnonzero(found):
            layer, region_dist, year_rank, sector_rank, tech_rank = (int(c[i]) for c in cols)
            out[i] = describe_rule(layer, region_dist, str(region[i]), year_rank, int(year[i]),
                                   sector_rank, str(sector[i]), tech_rank)
        return out

    def _not_found(self, item: str, quantity: str, gas: str | None, sector: str | None,
                   technology: str | None, region: str, year: int | None, historical: bool,
                   basis: str | None) -> str:
        sub = self.rows[(self.rows["item"] == item) & (self.rows["quantity"] == quantity)]
        if gas:
            sub = sub[sub["gas"] == gas]
        chain = " -> ".join(self.regions.chain(region))
        msg = (f"no {quantity}{' of ' + gas if gas else ''} for '{item}'"
               f"{' (basis ' + basis + ')' if basis else ''}, sector {sector or '(any)'}, "
               f"technology {technology or '(any)'}, regions {chain}, year {year or '(any)'}"
               f"{'' if historical else ' (projection: earlier years are not carried forward)'}")
        if len(sub):
            have = sub[["region", "year", "sector", "technology", "basis"]]
            have = have.drop_duplicates().head(8)
            desc = "; ".join(
                f"{r.region} {'any year' if r.year < 0 else r.year}"
                f"{' sector ' + r.sector if r.sector else ''}"
                f"{' technology ' + r.technology if r.technology else ''}"
                f"{' basis ' + r.basis if r.basis else ''}" for r in have.itertuples())
            msg += f"; the tables have it for: {desc}"
        else:
            items = sorted(set(self.rows.loc[self.rows["quantity"] == quantity, "item"]))
            if items:
                msg += f"; items with a {quantity}: {', '.join(items[:40])}"
            else:
                known = sorted(set(self.rows["quantity"]))
                near = difflib.get_close_matches(quantity, known, n=3, cutoff=0.5)
                msg += (f"; no factor has the quantity '{quantity}'"
                        + (f" (did you mean {', '.join(near)}?)" if near else "")
                        + f"; quantities: {', '.join(known)}")
        return msg + ". Supply it in a user factor table (load_factors(extra=...))."

    @checked
    def select(self, item: str | None = None, quantity: str | None = None,
               region: str | None = None, gas: str | None = None) -> pd.DataFrame:
        """Return the rows matching the filters, for listing.

        ``item`` is a code or alias of a fuel or product (``原煤``), else a text that item
        codes contain.

        Raises
        ------
        UnknownNameError
            A quantity or gas no row has, or an item text no item contains (with the
            closest names).
        DataError
            An unknown region.
        """
        df = self.rows
        code = (fuels().resolve(item) or products().resolve(item)) if item else None
        if code is not None and (df["item"] == code).any():  # an alias: 原煤 is raw_coal
            df = df[df["item"] == code]
        elif item:
            df = df[df["item"].str.contains(item, case=False, regex=False)]
            if df.empty:
                raise unknown_name("factor item (no item contains it)", item,
                                   set(self.rows["item"]))
        if quantity:
            if quantity not in set(self.rows["quantity"]):
                raise unknown_name("quantity", quantity, set(self.rows["quantity"]))
            df = df[df["quantity"] == quantity]
        if gas:
            gases = {g for g in set(self.rows["gas"]) if g}
            match = {g.casefold(): g for g in gases}.get(gas.casefold())
            if match is None:
                raise unknown_name("gas", gas, gases)
            df = df[df["gas"] == match]
        if region:
            code = self.regions.resolve(region)
            if code is None:
                raise DataError(Problem("unknown region given as region=...", value=region,
                                        valid=self.regions.valid_text(region)))
            df = df[df["region"].isin(self.regions.chain(code))]
        out = df[[*COLUMNS, "file", "line"]].copy()
        out["year"] = out["year"].where(out["year"] >= 0, pd.NA).astype("Int64")
        return out


_RANK = ["layer", "region_dist", "year_rank", "year_gap", "sector_rank", "tech_rank"]


def describe_rule(layer: int, region_dist: int, region: str, year_rank: int, year: int,
                  sector_rank: int, sector: str, tech_rank: int) -> str:
    """Describe which precedence rule selected a row, in words (recorded as provenance)."""
    parts = ["user table" if layer == 0 else "bundled table"]
    if region == "world":
        parts.append("IPCC default (world)" if region_dist else "region world")
    else:
        parts.append("exact region" if region_dist == 0 else f"region above ({region})")
    parts.append({0: "exact year", 1: "any year"}.get(year_rank, f"nearest earlier year ({year})"))
    if sector:
        parts.append(f"sector {sector}" + ("" if sector_rank == 0 else " (broader category)"))
    if tech_rank == 0:
        parts.append("exact technology")
    return ", ".join(parts)


def item_code(item: str) -> str:
    """Return the code of a fuel or product named by code or alias (else ``item`` as given)."""
    return fuels().resolve(item) or products().resolve(item) or str(item)


def _prefixes(category: str) -> list[str]:
    """IPCC category prefix chain, most specific first: '1A2f' -> ['1A2f','1A2','1A','1','']."""
    if not category:
        return [""]
    return [category[:i] for i in range(len(category), 0, -1)] + [""]


def ipcc_category(sector: Any) -> str:
    """Return the IPCC category of a carbonpath sector code, or the text if it is one.

    ``None`` or '' gives '' (only rows valid for any sector match).

    Raises
    ------
    DataError
        The text is neither a sector code/alias nor an IPCC category.
    """
    if sector is None or (isinstance(sector, float) and math.isnan(sector)) or sector == "":
        return ""
    text = str(sector).strip()
    code = sectors().resolve(text)
    if code is not None:
        return sectors().attr(code, "ipcc_category")
    if text[0].isdigit() and text.isalnum():
        return text
    raise DataError(Problem("unknown sector", column="sector", value=text,
                            valid=sectors().valid_text(text)))


def _factorize_rows(df: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Factorize rows of a small-cardinality frame: (codes per row, unique rows)."""
    if len(df) == 0:
        return np.zeros(0, dtype=np.int64), df.iloc[:0].copy()
    codes = np.zeros(len(df), dtype=np.int64)
    for col in df.columns:
        c, u = pd.factorize(df[col], use_na_sentinel=False)
        codes = codes * (len(u) + 1) + c
    k, first = np.unique(codes, return_index=True)
    inverse = np.searchsorted(k, codes)
    return inverse, df.iloc[first].copy()


# ---------------------------------------------------------------------------------------
# load_factors


@checked
def load_factors(path: str | Path | None = None,
                 extra: str | Path | pd.DataFrame
                 | Sequence[str | Path | pd.DataFrame] | None = None,
                 regions: str | Path | pd.DataFrame | None = None,
                 allow_implausible: bool = False) -> FactorTable:
    """Read and validate carbonpath's factor tables, and any user table on top.

    Parameters
    ----------
    path : str or Path, optional
        A folder of factor CSVs to use instead of the bundled ``factors/`` (it must hold a
        ``regions.csv`` and may hold a ``VERSION``). Default: the bundled folder.
    extra : path, DataFrame or list of them, optional
        User factor tables (same columns as the bundled ones). They take precedence over
        every bundled row (see the module docstring); their version is recorded as
        ``<version>+user``.
    regions : path or DataFrame, optional
        Extra regions (columns region, name_en, name_zh, parent, level, aliases), e.g.
        cities not in the bundled table.
    allow_implausible : bool
        Accept every value outside its plausible range (``factors/plausible_ranges.csv``)
        instead of raising; a :class:`~carbonpath.errors.CarbonpathWarning` lists them. To
        accept one row only, write ``override: <reason>`` in its ``plausibility`` column.

    Returns
    -------
    FactorTable

    Raises
    ------
    DataError
        Every problem of every file at once (file, row, column, value, what is valid):
        unknown columns, quantities, gases, regions or units; a volumetric unit without a
        gas reference condition; missing sources; duplicate keys.
    ImplausibleValueError
        A value outside the plausible range of its quantity and item
        (``factors/plausible_ranges.csv``: IPCC 2006 Vol.2 Ch.1 Tables 1.2 and 1.4 lower and
        upper values for fuels, physical limits otherwise, e.g. a natural-gas NCV outside
        28-45 MJ/Nm3, a grid factor above 1.5 t CO2/MWh, an oxidation factor above 1),
        unless overridden. Unknown items and IPCC categories no sector has are DataErrors
        (no lookup could use the row).
    EncodingError
        A file that is neither UTF-8 nor GBK.
    InputNotFoundError
        If ``path`` is not a folder, or a file it needs does not exist.
    """
    folder = Path(path) if path is not None else data_path("factors")
    if not folder.is_dir():
        what = "is a file; give a folder of factor CSVs (or the file as extra=)" if (
            folder.exists()) else "no such folder"
        raise InputNotFoundError(f"{folder}: {what}", folder)
    region_frames = [("regions.csv", read_table(folder / "regions.csv"))]
    if regions is not None:
        region_frames.append(_named_frame(regions, "user regions"))
    region_table = _read_regions(region_frames)
    version_file = folder / "VERSION"
    version = (version_file.read_text(encoding="utf-8").strip() if version_file.exists()
               else "unversioned")
    frames: list[tuple[str, pd.DataFrame, int, bool]] = []
    for csv_path in sorted(folder.glob("*.csv")):
        if csv_path.name in ("regions.csv", "gwp100.csv", RANGES_FILE):
            continue
        frames.append((csv_path.name, read_table(csv_path), 1, True))
    if extra is not None:
        extras = extra if isinstance(extra, (list, tuple)) else [extra]
        for i, e in enumerate(extras):
            label = f"user factors {i + 1}" if len(extras) > 1 else "user factors"
            name, df = _named_frame(e, label)
            if df.empty:  # a header-only table would change nothing, without a word
                raise DataError(Problem("the user factor table has no rows", file=name,
                                        valid="one row per factor (docs: Factor tables)"))
            frames.append((name, df, 0, not isinstance(e, pd.DataFrame)))
    range_file = folder / RANGES_FILE
    ranges = read_ranges(range_file if range_file.exists()
                         else data_path("factors") / RANGES_FILE, _canonical)
    problems: list[Problem] = []
    accepted: list[Problem] = []
    parts = []
    for name, df, layer, from_file in frames:
        checked, found = _validate(df, name, region_table, from_file, ranges,
                                   allow_implausible, accepted)
        problems.extend(found)
        if not found:
            checked["layer"] = layer
            parts.append(checked)
    DataError.collect(problems, "factor tables")
    rows = pd.concat(parts, ignore_index=True)
    DataError.collect(_duplicates(rows), "factor tables")
    if accepted:
        warnings.warn(f"{len(accepted)} implausible factor value(s) accepted by override: "
                      + "; ".join(str(p) for p in accepted[:5])
                      + (" ..." if len(accepted) > 5 else ""), CarbonpathWarning, stacklevel=2)
    return FactorTable(rows, region_table, version)


def _named_frame(source: str | Path | pd.DataFrame, default: str) -> tuple[str, pd.DataFrame]:
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        return default, df
    p = Path(source)
    return p.name, read_table(p)


@functools.lru_cache(maxsize=1)
def bundled_factors() -> FactorTable:
    """The bundled factor table, loaded once per process (``load_factors()``)."""
    return load_factors()
