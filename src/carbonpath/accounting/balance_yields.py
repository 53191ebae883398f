"""Coking yields of a balance sheet's own 炼焦 row: a column's header unit 10^4 off (round 14).

A header unit 10^4 off its numbers (``焦炭(吨)`` over numbers in 万吨, ``焦炉煤气(万立方米)``
over numbers in 亿立方米) leaves every total of the sheet adding up, since each cell of the
column slipped alike. :mod:`carbonpath.accounting.balance_magnitude` measures such a column
against the sheet's largest one; the sheet's coking row measures it against a physical law,
as the plants' conversion check (:func:`carbonpath.accounting.plausible_energy.conversion_problems`)
does for power and heat:

* **coke yield** (:data:`COKE_YIELD`): coke made over coal charged, in mass. Coke is the part
  of the coal that does not leave as gas and tar: its ash and fixed carbon. It cannot weigh
  more than the coal (upper bound 1.0); coking blends hold 18-37 % volatile matter (dry)
  and some moisture, so coke ovens keep about 70-80 % of the charge (the sample: 80 万吨 of
  coke from 110 万吨 of washed coal, 0.727). The lower bound 0.5 leaves room for wet charges
  and sheets that round (assumption, a warning band, not a refusal);
* **gas yield** (:data:`GAS_YIELD`): coke-oven gas made per tonne of coal charged. A tonne of
  coal gives about 300-350 m3 of gas (the sample: 3.6 亿m3 from 110 万吨, 327 m3/t); the band
  30 .. 1000 m3/t is wide because a sheet may print only the gas leaving the plant (the
  ovens burn about half of it themselves).

A header unit 10^4 off in one of these columns moves its ratio 10^4 times (the sample's
coke in 吨: 80 吨 from 110 万吨 is 7.3e-5 t/t), far outside either band; a 10^4 slip of the
coal column moves both ratios alike. Each ratio outside its band warns
(:class:`BalanceYieldWarning`, a subclass of
:class:`~carbonpath.accounting.balance_magnitude.BalanceMagnitudeWarning`, so one filter
silences both), naming the sheet, the row, the columns as printed, both
quantities, the ratio, the band and the reading that would bring the ratio inside it.

A ratio is taken only where both sides have a cell of at least 1 in the column's unit
(the rounding of a sheet printed to 0.01 moves a smaller one by over 1 %) and the columns'
units have a mass (coal, coke) or a volume (gas).
"""

from __future__ import annotations

import warnings

import pandas as pd

from carbonpath.accounting.balance_magnitude import (
    BalanceMagnitudeWarning,
    reading,
    rescaled,
)
from carbonpath.errors import CarbonpathError

__all__ = ["COKE_YIELD", "COKING_COALS", "GAS_YIELD", "BalanceYieldWarning",
           "coking_yield_warnings", "warn_coking_yields"]

COKING_COALS = ("raw_coal", "cleaned_coal", "other_washed_coal")
"""Columns whose input to the coking row is the coal charged."""

COKE_YIELD = (0.5, 1.0)
"""Usual t of coke per t of coal charged (module docstring): 0.70-0.80 in coke ovens."""

GAS_YIELD = (30.0, 1000.0)
"""Usual m3 of coke-oven gas per t of coal charged (module docstring): 300-350 typically."""


class BalanceYieldWarning(BalanceMagnitudeWarning):
    """A transformation row of a balance sheet whose yield is far outside its usual band."""


def _amount(value: float, unit: str, dimension: str, to: str) -> float | None:
    """``value`` of ``unit`` in ``to`` if the unit has ``dimension``, else None."""
    from carbonpath.units import Q_, parse_unit

    try:
        q = Q_(float(value), parse_unit(unit))
    except (CarbonpathError, AttributeError, TypeError, ValueError):  # no unit: not measured
        return None
    return float(q.to(to).magnitude) if q.check(dimension) else None


def _power_into(ratio: float, band: tuple[float, float]) -> int | None:
    """The power of 10^4 (+-4 or +-8) that brings ``ratio`` inside ``band``, if any."""
    for power in (4, -4, 8, -8):
        if band[0] <= ratio * 10.0**power <= band[1]:
            return power
    return None


def coking_yield_warnings(flows: pd.DataFrame, units: dict[str, str]) -> list[str]:
    """Messages for a coking row whose coke or gas yield is far outside its band.

    Parameters
    ----------
    flows : pandas.DataFrame
        The sheet's tidy flows (``item``, ``label``, ``line``, ``fuel``, ``column`` header
        text, ``value`` in the column's unit; coking inputs negative, outputs positive).
    units : dict
        Fuel code -> the column's unit.

    Returns
    -------
    list of str
        One message per ratio outside :data:`COKE_YIELD` or :data:`GAS_YIELD`, naming the
        row, the columns as printed, both quantities, the ratio, the band and the header
        reading that would bring it inside (module docstring). Empty without a coking row.
    """
    row = flows[(flows["item"] == "coking").to_numpy()]
    if row.empty:
        return []
    charged = row[row["fuel"].isin(COKING_COALS).to_numpy() & (row["value"] < 0).to_numpy()]
    if charged.empty or float(charged["value"].abs().max()) < 1:
        return []
    tonnes = 0.0
    for _, r in charged.iterrows():
        t = _amount(-float(r["value"]), units.get(str(r["fuel"]), ""), "[mass]", "t")
        if t is None:
            return []  # coal in 万吨标准煤 or the like: no mass to weigh
        tonnes += t
    coal_text = " + ".join(f"{-float(r['value']):g} {units[str(r['fuel'])]} in "
                           f"'{r['column']}'" for _, r in charged.iterrows())
    first = row.iloc[0]
    where = f"row '{first['label']}' (line {first['line']})"
    out = []
    checks = (("coke", "[mass]", "t", "t of coke per t of coal", "coke yield", COKE_YIELD),
              ("coke_oven_gas", "[length]**3", "m**3", "m3 of gas per t of coal",
               "gas yield", GAS_YIELD))
    for fuel, dimension, to, per, name, band in checks:
        made = row[(row["fuel"] == fuel).to_numpy() & (row["value"] > 0).to_numpy()]
        if made.empty or float(made["value"].max()) < 1:
            continue
        r = made.iloc[0]
        amount = _amount(float(r["value"]), units.get(fuel, ""), dimension, to)
        if amount is None or tonnes <= 0:
            continue
        ratio = amount / tonnes
        if band[0] <= ratio <= band[1]:
            continue
        power = _power_into(ratio, band)
        # the output read 10^p larger, or the coal read 10^p smaller
        columns = [(str(r["column"]), units[fuel], power)] + [
            (str(c["column"]), units[str(c["fuel"])], None if power is None else -power)
            for _, c in charged.iterrows()]
        fixes = [f"'{h}' in {reading(u, p)}" for h, u, p in columns
                 if p is not None and rescaled(u, p)]  # one that reads: 10^4 t, not 万t (Q27)
        advice = (f"read as {' or as '.join(fixes)} (a header unit 10^{abs(power)} off "
                  f"its numbers?), the {name} would be usual: correct the header's unit"
                  if power is not None and fixes else
                  "check the header units of these columns")
        out.append(
            f"{where} makes {float(r['value']):g} {units[fuel]} in '{r['column']}' from "
            f"coal {coal_text}: a {name} of {_fmt(ratio)} {per}, outside the usual "
            f"{band[0]:g} .. {band[1]:g}; {advice}; if the sheet is right, ignore this "
            "warning")
    return out


def _fmt(x: float) -> str:
    """A ratio to 3 significant digits, in plain or e-notation."""
    return f"{x:.3g}" if x == 0 or 1e-3 <= abs(x) < 1e6 else f"{x:.2e}"


def warn_coking_yields(flows: pd.DataFrame, units: dict[str, str], name: str) -> None:
    """Warn (:class:`BalanceYieldWarning`) of each of :func:`coking_yield_warnings`.

    Parameters
    ----------
    flows, units
        As :func:`coking_yield_warnings`.
    name : str
        The sheet's name, for the message.
    """
    for text in coking_yield_warnings(flows, units):
        warnings.warn(f"{name}: {text}", BalanceYieldWarning, stacklevel=4)
