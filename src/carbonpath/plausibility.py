"""Plausible ranges of factor values, by quantity and item (``factors/plausible_ranges.csv``).

A factor outside its range is almost always a slip (kg vs t, m3 vs 10^4 m3, t CO2/MWh typed
for kg CO2/MWh), so :func:`carbonpath.load_factors` refuses it with an
:class:`~carbonpath.errors.ImplausibleValueError` naming the file, row, column, value and
the range with its source. A user who knows better overrides explicitly, per row (a
``plausibility`` column reading ``override: <reason>``) or for a whole load
(``load_factors(allow_implausible=True)``); either way a
:class:`~carbonpath.errors.CarbonpathWarning` lists the rows accepted.

The range table has one row per (``applies_to``, ``quantity``, ``gas``, denominator of
``unit``): ``applies_to`` is an item code, ``fuel`` (every fuel code), ``product`` (every
product code) or ``any``; the most specific row wins. ``low`` and ``high`` are as the source
prints them; ``margin`` widens them (``low * (1 - margin)``, ``high * (1 + margin)``): the
IPCC 2006 lower/upper values of Vol.2 Ch.1 Tables 1.2 and 1.4 bound the default's 95 %
interval, and national defaults sit at their edges.

Magnitudes (:data:`CEILINGS`) are bounded only where a sound bound exists: one activity row of
a city or province cannot hold more energy than the whole world consumes in a year, nor emit
more CO2 than the world's fossil emissions of a year; an overnight investment per kW of
power capacity cannot be far above the costliest power plants built. Above a ceiling is an
:class:`~carbonpath.errors.ImplausibleValueError` (almost always a unit or digit slip:
``2347440000`` for ``2347.44`` kt); these bounds are far outside any real input, so there is
no override.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._io import read_table
from carbonpath._resources import data_path
from carbonpath.codes import fuels, products
from carbonpath.errors import DataError, Problem, UnitError

__all__ = ["CEILINGS", "OVERRIDE", "Ceiling", "PlausibleRange", "bundled_range",
           "ceiling_problems", "find_range", "is_override", "read_ranges"]

OVERRIDE = "override:"
"""How a factor row's ``plausibility`` cell starts when the user overrides the range."""

FILE = "plausible_ranges.csv"


@dataclass(frozen=True)
class PlausibleRange:
    """One plausible range.

    Attributes
    ----------
    applies_to, quantity, gas, den : str
        What it applies to (``den`` = canonical denominator, ``t``, ``Nm3``, ``TJ`` or '').
    low, high : float
        Bounds in the canonical unit of the quantity, margin applied.
    text : str
        The range in words, as the source gives it (for messages).
    unit : str
        The unit the range is written in; ``to_unit`` converts canonical values to it.
    to_unit : float
        Canonical value x ``to_unit`` = value in ``unit``.
    source : str
        The source and the line of ``plausible_ranges.csv``.
    """

    applies_to: str
    quantity: str
    gas: str
    den: str
    low: float
    high: float
    text: str
    unit: str
    to_unit: float
    source: str


@dataclass(frozen=True)
class Ceiling:
    """An upper bound on the magnitude of one kind of input value.

    Attributes
    ----------
    value : float
        The bound, in ``unit``.
    unit : str
        Its unit (pint syntax of :data:`carbonpath.ureg`).
    text : str
        What the bound is, in words (for messages).
    source : str
        Where the number comes from.
    """

    value: float
    unit: str
    text: str
    source: str


CEILINGS: dict[str, Ceiling] = {
    "activity_energy": Ceiling(
        620.0, "EJ", "the world's primary energy consumption of a year (about 620 EJ in 2023)",
        "Energy Institute, Statistical Review of World Energy 2024 (world primary energy "
        "consumption 2023: about 620 EJ; recalled, not read in a copy)"),
    "row_co2": Ceiling(
        36.8, "Gt CO2", "the world's fossil CO2 emissions of a year (about 36.8 Gt in 2023)",
        "Global Carbon Budget 2023 (Friedlingstein et al., Earth Syst. Sci. Data 15, 2023: "
        "fossil CO2 emissions 2023 about 36.8 Gt; recalled, not read in a copy)"),
    "power_capex": Ceiling(
        1.0e6, "CNY/kW", "1,000,000 CNY/kW of power capacity, more than ten times the overnight "
                         "cost of the costliest power plants built (nuclear and offshore wind "
                         "below about USD 12,000/kW, i.e. about 85,000 CNY/kW)",
        "IEA/NEA Projected Costs of Generating Electricity 2020 (overnight costs by "
        "technology; recalled, not read in a copy); the bound is an order of magnitude above"),
}
"""The magnitude ceilings: see the module docstring."""


def ceiling_problems(values: Any, rows: Any, ceiling: Ceiling, *, file: str, column: str,
                     what: str, given: Any = None) -> list[Problem]:
    """Problems for every value whose magnitude is above a ceiling.

    Parameters
    ----------
    values : array-like of float, shape (n,)
        The values, in ``ceiling.unit``; NaN is skipped (its reader reports it).
    rows : array-like, shape (n,)
        The row label of each value (file line), for the message.
    ceiling : Ceiling
        The bound.
    file, column : str
        Where the values came from.
    what : str
        What the values are, in words.
    given : array-like, shape (n,), optional
        The values as written (for the message); default ``values``.

    Returns
    -------
    list of Problem
        One problem per value above the ceiling (empty if none).
    """
    arr = np.abs(np.asarray(values, dtype=float))
    over = np.flatnonzero(arr > ceiling.value)
    shown = list(given) if given is not None else list(arr)
    rows = list(rows)
    return [Problem(f"implausible {what}: {arr[i]:.3g} {ceiling.unit}, more than "
                    f"{ceiling.text} (source: {ceiling.source}); probably a unit or digit slip",
                    file=file, row=rows[i], column=column, value=shown[i],
                    valid=f"at most {ceiling.value:g} {ceiling.unit}")
            for i in over]


Canonical = Callable[[str, str, str], tuple[str, float]]


def read_ranges(path: Path, canonical: Canonical) -> dict[tuple[str, str, str, str],
                                                          PlausibleRange]:
    """Read a plausible-range table.

    Parameters
    ----------
    path : Path
        The CSV (columns applies_to, quantity, gas, low, high, unit, margin, source,
        source_item, status, note).
    canonical : callable
        ``(quantity, gas, unit) -> (denominator, factor to the canonical unit)``, the
        conversion of :mod:`carbonpath.factors`.

    Returns
    -------
    dict
        (applies_to, quantity, gas, den) -> :class:`PlausibleRange`.

    Raises
    ------
    DataError
        A row that is not a valid range (unit, numbers, low above high).
    """
    return dict(_read(str(path), canonical))


@functools.lru_cache(maxsize=4)
def _read(path: str, canonical: Canonical) -> tuple[tuple[tuple[str, str, str, str],
                                                        PlausibleRange], ...]:
    df = read_table(path)
    problems: list[Problem] = []
    out: dict[tuple[str, str, str, str], PlausibleRange] = {}
    for i, r in enumerate(df.to_dict("records")):
        line = i + 2
        try:
            den, factor = canonical(r["quantity"], r["gas"], r["unit"])
            low, high, margin = float(r["low"]), float(r["high"]), float(r["margin"] or 0)
        except (UnitError, ValueError, KeyError) as exc:
            problems.append(Problem(f"not a valid range: {exc}", file=FILE, row=line))
            continue
        if not low <= high:
            problems.append(Problem(f"low {low:g} is above high {high:g}: the range is reversed "
                                    "(low and high swapped?)", file=FILE, row=line,
                                    column="low", value=low, valid=f"low <= high, e.g. low "
                                    f"{high:g}, high {low:g}"))
            continue
        widened = f", widened by {margin:.0%}" if margin else ""
        item = r["source_item"] or r["applies_to"]
        out[(r["applies_to"], r["quantity"], r["gas"], den)] = PlausibleRange(
            applies_to=r["applies_to"], quantity=r["quantity"], gas=r["gas"], den=den,
            low=low * (1 - margin) * factor, high=high * (1 + margin) * factor,
            text=f"{low:g} .. {high:g} {r['unit']} ({item}){widened}", unit=r["unit"],
            to_unit=1.0 / factor, source=f"{r['source']}; {FILE} line {line}")
    DataError.collect(problems, FILE)
    return tuple(out.items())


def bundled_range(applies_to: str, quantity: str, gas: str = "") -> tuple[float, float, str,
                                                                           str]:
    """One row of the bundled ``factors/plausible_ranges.csv``, as written (no margin).

    The one range of a quantity that other readers share (a driver ``grid_emission_factor``
    is held to the factor tables' grid-factor range, a ``thermal_power_coal_rate`` to the
    coal-rate range), so that no path accepts what another refuses.

    Parameters
    ----------
    applies_to, quantity, gas : str
        The row's key (``electricity``, ``emission_factor``, ``CO2``).

    Returns
    -------
    tuple of (float, float, str, str)
        ``(low, high, unit, source)``: the bounds in ``unit`` and the row's source with its
        line in the file.

    Raises
    ------
    KeyError
        No such row (a bug: the keys used are fixed in the code).
    """
    return _bundled(applies_to, quantity, gas)


@functools.lru_cache(maxsize=16)
def _bundled(applies_to: str, quantity: str, gas: str) -> tuple[float, float, str, str]:
    df = read_table(str(data_path("factors") / FILE))
    for i, r in enumerate(df.to_dict("records")):
        if (r["applies_to"], r["quantity"], r["gas"] or "") == (applies_to, quantity, gas):
            return (float(r["low"]), float(r["high"]), str(r["unit"]),
                    f"{r['source']}; factors/{FILE} line {i + 2}")
    raise KeyError((applies_to, quantity, gas))


def find_range(ranges: dict[tuple[str, str, str, str], PlausibleRange], item: str,
               quantity: str, gas: str, den: str) -> PlausibleRange | None:
    """The most specific range for a factor: the item, then its kind, then any.

    Kinds: ``fossil_fuel`` (a fuel of ``fuels.csv`` with ``fossil`` yes, whose CO2 factors
    have a floor), then ``fuel``; ``product``; ``any``.
    """
    kinds = [item]
    code = fuels().resolve(item)
    if code is not None:
        if fuels().attr(code, "fossil") == "yes":
            kinds.append("fossil_fuel")
        kinds.append("fuel")
    if products().resolve(item) is not None:
        kinds.append("product")
    kinds.append("any")
    for kind in kinds:
        hit = ranges.get((kind, quantity, gas, den))
        if hit is not None:
            return hit
    return None


def is_override(text: object) -> bool | None:
    """True for ``override: <reason>``, False for blank, None for anything else (an error)."""
    t = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).strip()
    if not t:
        return False
    if t.lower().startswith(OVERRIDE) and t[len(OVERRIDE):].strip():
        return True
    return None
