"""A balance sheet's total column in standard coal against its fuel columns (round 15, K80).

A yearbook's energy balance often prints a total column, ``合计(万吨标准煤)``: each row's fuels
converted to standard coal and added. It is the sheet's own cross-check of its units: a
fuel column in the wrong unit makes every row's total disagree with its fuels, although
each fuel column still adds up on its own. carbonpath keeps this column (it is not
activity) and checks it against its own rows (:mod:`.balance_checks`); this module checks it
across: each row's stated total against the row's fuel cells converted to standard coal.

Conversion (:func:`tce_per_unit`): fuels at the bundled net calorific values of region
``CN`` (China's national defaults, the coefficients of GB/T 2589 that statistics offices
use: raw coal 20,908 kJ/kg = 0.7143 tce/t), divided by 29.3076 GJ/tce; gas volumes as
the sheet meters them (the reference condition changes them by under 10 %, inside the
tolerance); heat at its energy (0.03412 tce/GJ). Electricity has two conventions, and the
total depends on which the sheet used, so both are tried (:data:`BASES`):

* ``calorific`` (当量值): 0.1229 kgce/kWh (:data:`carbonpath.units.energy.CALORIFIC_EQUIVALENT`);
* ``coal_equivalent`` (等价值): the national thermal plants' coal rate per kWh supplied of
  the sheet's year (bundled ``thermal_power_coal_rate``; the nearest earlier year, or the
  latest without a year or for a year before the series).

A row disagrees when ``|stated - computed|`` exceeds the rounding of its printed cells
(0.005 of each cell's unit, converted, and 0.005 of the total's) plus :data:`REL_TOL` of the
row's gross (the sum of its converted cells' magnitudes, so that a transformation row's
inputs and outputs do not cancel the tolerance away). :data:`REL_TOL` is 10 %: offices
use their own coefficients for some fuels (natural gas 12.1 or 13.3 tce per 万m3, coke-oven
gas 5.7-6.1), which moves a row by a few per cent; a fuel column in a wrong unit, or a
total of a different scope, moves it by tens of per cent (the tester's sheet: 30 %).

The basis under which fewer rows disagree is named. When rows disagree under both, a
:class:`BalanceTotalWarning` names them (sheet line, row label, stated and computed) with
both bases' counts. It warns rather than refuses: a sheet converting raw coal at its own
measured calorific value (lignite, 0.4-0.5 tce/t) disagrees the same way and is right.
"""

from __future__ import annotations

import functools
import math
import warnings

import numpy as np
import pandas as pd

from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning, _tj_per_unit
from carbonpath.errors import CarbonpathError

__all__ = ["BASES", "REL_TOL", "BalanceTotalWarning", "tce_per_unit",
           "total_column_warnings", "warn_total_column"]

REL_TOL = 0.10
"""Share of a row's gross standard coal its stated total may differ by (module docstring)."""

BASES = ("calorific", "coal_equivalent")
"""Electricity conventions tried, in this order (the first wins a tie)."""

_TJ_PER_TCE = 29.3076e-3
_MAX_NAMED = 8


class BalanceTotalWarning(BalanceMagnitudeWarning):
    """A balance sheet's total column in standard coal disagrees with its fuel columns."""


@functools.lru_cache(maxsize=512)
def tce_per_unit(fuel: str, unit: str, basis: str, year: int | None) -> float | None:
    """Standard coal (tce) per one ``unit`` of ``fuel``, or None if it cannot be converted.

    Parameters
    ----------
    fuel : str
        Fuel code of the column (``raw_coal``, ``electricity``).
    unit : str
        The column's unit as the sheet prints it (``万吨``, ``亿千瓦时``, ``万吨标准煤``).
    basis : {"calorific", "coal_equivalent"}
        Electricity convention (module docstring); ignored for other fuels.
    year : int or None
        The sheet's year, for the coal rate of ``coal_equivalent``.

    Returns
    -------
    float or None
        tce per unit; None for a column without a bundled calorific value or of a unit
        that is no mass, volume or energy. Cached: the bundled tables do not change.
    """
    from carbonpath.units import Q_, parse_unit

    try:
        q = Q_(1.0, parse_unit(unit))
        if q.check("[energy]") and str(q.units).endswith("tce"):
            return float(q.to("tce").magnitude)
        if fuel == "electricity" and q.check("[energy]"):
            kwh = float(q.to("kWh").magnitude)
            if basis == "calorific":
                from carbonpath.units.energy import CALORIFIC_EQUIVALENT

                return kwh * float(CALORIFIC_EQUIVALENT.to("tce/kWh").magnitude)
            from carbonpath.factors import bundled_factors

            try:
                rate = bundled_factors().coal_rate(year or 2100, "supply").value
            except CarbonpathError:  # a year before the series: its first years' rate
                rate = bundled_factors().coal_rate(2100, "supply").value
            return kwh * float(rate.to("tce/kWh").magnitude)
        tj = _tj_per_unit(fuel, unit)
    except (CarbonpathError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return None if tj is None else tj / _TJ_PER_TCE


def _row_table(flows: pd.DataFrame, units: dict[str, str], basis: str,
               year: int | None) -> pd.DataFrame | None:
    """Per sheet line: stated total, computed, tolerance (tce); None without a total."""
    stated = flows[(flows["kind"] == "total") & flows["value"].notna()]
    if stated.empty:
        return None
    total_per = tce_per_unit("total", units.get("total", "万吨标准煤"), basis, year)
    if total_per is None:
        return None
    fuel = flows[(flows["kind"] == "fuel") & flows["value"].notna()]
    per = {f: tce_per_unit(str(f), units.get(str(f), ""), basis, year)
           for f in fuel["fuel"].unique()}
    rate = fuel["fuel"].map(lambda f: np.nan if per[f] is None else per[f]).astype(float)
    conv = fuel["value"].astype(float) * rate
    by_line = pd.DataFrame({"line": fuel["line"].to_numpy(), "conv": conv.to_numpy(),
                            "gross": conv.abs().to_numpy(), "per": rate.to_numpy(),
                            "unknown": rate.isna().to_numpy()}).groupby("line", sort=True)
    sums = by_line.agg(computed=("conv", "sum"), gross=("gross", "sum"), per=("per", "sum"),
                       unknown=("unknown", "any"))
    sums = sums[~sums["unknown"]]  # a column no conversion reaches: that row is not judged
    first = stated.drop_duplicates("line").set_index("line")
    rows = sums.join(first[["label", "value"]], how="inner")
    if rows.empty:
        return None
    return pd.DataFrame({
        "line": rows.index.astype(int), "label": rows["label"].astype(str).to_numpy(),
        "stated": rows["value"].astype(float).to_numpy() * total_per,
        "computed": rows["computed"].to_numpy(),
        "tolerance": 0.005 * (total_per + rows["per"].to_numpy())
        + REL_TOL * rows["gross"].to_numpy()})


def total_column_warnings(flows: pd.DataFrame, units: dict[str, str],
                          year: int | None = None) -> list[str]:
    """Messages for a total column that disagrees with the fuel columns (module docstring).

    Parameters
    ----------
    flows : pandas.DataFrame
        The sheet's tidy flows (``line``, ``label``, ``fuel``, ``value`` in the column's
        unit, ``kind``: ``fuel`` for energy products, ``total`` for the total column).
    units : dict
        Column code -> the column's unit (``total`` -> ``万吨标准煤``).
    year : int, optional
        The sheet's year (coal rate of the coal-equivalent basis).

    Returns
    -------
    list of str
        Empty if the sheet has no total column in standard coal, no row to compare, or every
        row agrees under one basis; else one message naming the rows that disagree under
        the basis that fits more rows, stated and computed in the total's unit.
    """
    if "kind" not in flows or not (flows["kind"] == "total").any():
        return []
    tables = {b: _row_table(flows, units, b, year) for b in BASES}
    if any(t is None for t in tables.values()):
        return []
    bad = {b: t[(t["stated"] - t["computed"]).abs() > t["tolerance"]] for b, t in tables.items()}
    best = min(BASES, key=lambda b: len(bad[b]))  # BASES order breaks a tie
    if bad[best].empty:
        return []
    unit = units.get("total", "万吨标准煤")
    per = float(tce_per_unit("total", unit, best, year) or 1.0)
    n = len(tables[best])
    named = []
    for r in bad[best].head(_MAX_NAMED).itertuples(index=False):
        off = (r.stated - r.computed) / r.computed if r.computed else math.inf
        named.append(f"line {r.line} '{r.label}': stated {r.stated / per:,.2f}, the fuels give "
                     f"{r.computed / per:,.2f} ({off:+.0%})")
    more = len(bad[best]) - len(named)
    fit = ("which fits more rows" if len(bad[best]) < max(len(b) for b in bad.values())
           else "neither fits better")
    counts = "; ".join(f"{b} electricity: {len(bad[b])} of {n} rows disagree" for b in BASES)
    text = (f"the total column ({unit}) disagrees with the fuel columns converted to "
            f"standard coal in {len(bad[best])} of {n} rows, beyond the sheet's rounding and "
            f"{REL_TOL:.0%} for offices' own coefficients ({counts}; named under {best}, "
            f"{fit}): " + "; ".join(named)
            + (f"; and {more} more" if more > 0 else "")
            + ". Probably a fuel column in a wrong unit (check each header's unit against "
            "its numbers), or a total of another scope. If the sheet converts a fuel at its "
            "own calorific value (lignite) the total may be right: then ignore this warning")
    return [text]


def warn_total_column(flows: pd.DataFrame, units: dict[str, str], name: str,
                      year: int | None = None) -> None:
    """Warn (:class:`BalanceTotalWarning`) of each of :func:`total_column_warnings`.

    Parameters
    ----------
    flows, units, year
        As :func:`total_column_warnings`.
    name : str
        The sheet's name, for the message.
    """
    for text in total_column_warnings(flows, units, year):
        warnings.warn(f"{name}: {text}", BalanceTotalWarning, stacklevel=4)
