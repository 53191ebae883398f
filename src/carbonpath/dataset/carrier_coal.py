"""Electricity or heat written in standard coal in a dataset's rows (round 29, KE16).

A tce figure of electricity is its calorific equivalent (当量值, 0.1229 kgce/kWh) or the coal
thermal power burns for it (等价值, about 0.3 kgce/kWh, the dataset's
``thermal_power_coal_rate``): the two differ 2.4 times and the number does not say which.
Activity data and ``carbonpath init`` refuse such a figure unless its basis is given
(:func:`carbonpath.accounting.activity.uses._carrier_in_coal`,
:meth:`carbonpath.init.supply.FuelUnits.canonical`). A dataset's ``demands.csv`` and
``flows.csv`` rows, and the absolute inputs of ``uncertainty.csv``, have no basis column:
carbonpath's units read standard coal at its calorific value, which may be right, so such a
row warns (:class:`CarrierCoalWarning`) naming both readings in the row's unit, the
coal-consumption one at the dataset's own coal rate of that year where it counts
electricity so (``energy.primary_electricity: coal_consumption``).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, UnitError

__all__ = ["CarrierCoalWarning", "coal_readings", "warn_carrier_coal"]

#: A typical coal rate of China's thermal fleet (kgce/kWh), when the dataset gives none.
TYPICAL_RATE = 0.300

_ELECTRIC = re.compile(r"Wh|瓦时")


class CarrierCoalWarning(CarbonpathWarning):
    """Electricity or heat given in standard coal: 当量值 or 等价值 (round 29, KE16)."""


def carrier_of(tables: dict[str, pd.DataFrame], commodity: Any) -> str | None:
    """``"electricity"`` for a commodity counted in Wh, ``"heat"`` for one of kind heat."""
    com = tables["commodities"]
    rows = com[com["commodity"] == commodity] if "commodity" in com else com.iloc[0:0]
    if rows.empty:
        return None
    row = rows.iloc[0]
    if _ELECTRIC.search(str(row.get("unit", ""))):
        return "electricity"
    return "heat" if row.get("kind") == "heat" else None


def _coal_rate(tables: dict[str, pd.DataFrame], config: dict, year: Any) -> float | None:
    """The dataset's thermal_power_coal_rate of ``year`` (kgce/kWh), interpolated, or None.

    None unless the dataset counts electricity by the coal-consumption method.
    """
    from carbonpath.units import unit_factor

    if (config.get("energy") or {}).get("primary_electricity") != "coal_consumption":
        return None
    drivers = tables["drivers"]
    rows = drivers[(drivers["driver"] == "thermal_power_coal_rate")
                   & drivers["region"].map(is_blank)]
    try:
        values = [float(v) * unit_factor(str(u), "kgce/kWh")
                  for v, u in zip(rows["value"], rows["unit"], strict=True)]
    except (UnitError, TypeError, ValueError):
        return None
    years = [None if is_blank(y) else float(y) for y in rows["year"]]
    if not values:
        return None
    if any(y is None for y in years) or is_blank(year):
        return values[0] if len(values) == 1 else None
    order = np.argsort(years)
    return float(np.interp(float(year), np.asarray(years)[order], np.asarray(values)[order]))


def coal_readings(value: float, unit: str, row_unit: str, carrier: str,
                  tables: dict[str, pd.DataFrame], config: dict, year: Any = None) -> str:
    """The two readings of ``value`` ``unit`` (standard coal) in ``row_unit``, as text.

    Parameters
    ----------
    value : float
        The figure in ``unit`` (a standard-coal unit, e.g. 万吨标准煤/yr).
    unit, row_unit : str
        Its unit and the unit of the row it is (MWh/yr; per unit of activity for a flow).
    carrier : {"electricity", "heat"}
    tables, config : dict
        The dataset's tables and ``dataset.yaml`` (its coal rate and convention).
    year : int, optional
        The row's year (its coal rate).

    Returns
    -------
    str
        ``"read at its calorific equivalent ... it would be ..."``.
    """
    from carbonpath.units import unit_factor

    calorific = value * unit_factor(unit, row_unit)
    if carrier == "heat":
        return (f"read at its calorific equivalent (当量值, 0.03412 tce/GJ) as {calorific:.4g} "
                f"{row_unit}; if it is 等价值 (the coal boilers burn for the heat, 15-40 % "
                f"more than the heat), the heat is {calorific / 1.4:.4g} .. "
                f"{calorific / 1.15:.4g} {row_unit}")
    per_kgce = unit_factor("kgce", "kWh")  # kWh of electricity per kgce, calorific
    rate = _coal_rate(tables, config, year)
    own = rate is not None
    rate = rate if own else TYPICAL_RATE
    coal = calorific / (per_kgce * rate)
    where = (f"this dataset counts electricity by the coal-consumption method (等价值, "
             f"{rate * 1000:.4g} gce/kWh" + (f" in {int(float(year))}" if not is_blank(year)
                                             else "") + ")"
             if own else f"at a thermal fleet's coal rate (等价值, about {rate * 1000:.0f} "
                         "gce/kWh)")
    return (f"read at its calorific equivalent (当量值, 3.6 MJ per kWh: about 0.1229 "
            f"kgce/kWh) as {calorific:.4g} {row_unit}; {where}, at which it is "
            f"{coal:.4g} {row_unit}, {calorific / coal:.2f} times less")


def warn_carrier_coal(tables: dict[str, pd.DataFrame], config: dict) -> None:
    """Warn of each demands.csv or flows.csv row of electricity or heat in standard coal."""
    from carbonpath.accounting.activity.scope import is_coal_equivalent

    units = dict(zip(tables["commodities"]["commodity"], tables["commodities"]["unit"],
                     strict=True))
    techs = tables["technologies"]
    activity = dict(zip(techs["technology"], techs["activity_unit"], strict=True))
    for table in ("demands", "flows"):
        for line, row in records(tables[table]):
            unit = str(row.get("unit", ""))
            carrier = carrier_of(tables, row["commodity"])
            if carrier is None or is_blank(row["value"]) or not is_coal_equivalent(unit):
                continue
            per = "yr" if table == "demands" else activity.get(row["technology"])
            own = f"{units[row['commodity']]}/{per}"
            try:
                text = coal_readings(float(row["value"]), unit, own, carrier, tables, config,
                                     row.get("year"))
            except UnitError:
                continue  # the unit's dimension is reported by the table checks
            notices.warn(
                f"{table}.csv row {line} 'unit': {carrier} given in standard coal ({unit}) is "
                f"ambiguous: {text}; give the {carrier} itself ({own}) to say which",
                CarrierCoalWarning, stacklevel=2)
