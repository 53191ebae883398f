"""Carrier balances and plant conversions whose one side is zero (round 30).

:mod:`carbonpath.accounting.plausible_energy` compares two sides of a balance by their
ratio, so it skips a side of 0: electricity or heat made or used from nothing passed
silently. Three cases are judged here instead:

* **output without fuel** (:func:`fuelless_output_problems`, round 30 ZF219, ZF218):
  ``thermal_power`` generates electricity, or ``thermal_power`` / ``heat_supply`` heat,
  while neither burns any fuel in that year and region. The first law cannot hold: the
  plants' fuel was forgotten (its CO2 is in no total) or booked under another sector
  (``utilities``: with ``--method gpc`` it is then counted twice). Refused, naming the
  output row and any row burned elsewhere whose fuel would make the output possible.
* **use without supply** (:func:`zero_supply_problems`, round 30 ZF220, ZF221): electricity
  or heat consumed (or exported) where the supply rows written (imports, generation) are
  all 0 and no plant of the region burns fuel. With an import of a tenth of the use the
  balance is refused already; an import of 0 is the limit of that, so it is refused alike,
  named at the import row. Where the plants burn fuel but give no generation row, supply is
  partial (the provincial method needs no generation rows) and nothing is said.
* **net export without local generation** (:func:`warn_net_export_without_plants`, round 30
  ZF02): more electricity or heat exported than imported, in a region with no generation
  row of the carrier and no plant fuel. A region of hydro or wind power that lists no
  generation can do so, so it is a :class:`CarrierBalanceWarning`, naming the import and
  export rows and the balance if they were swapped.

Refusals are :class:`~carbonpath.errors.ImplausibleValueError` problems, overridable like
every activity plausibility check (``override: <reason>`` in the ``plausibility`` column).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.plausible_carrier_bands import CarrierBalanceWarning
from carbonpath.accounting.plausible_energy import (
    _GWH_PER_TJ,
    BALANCE_BAND,
    MAX_CONVERSION,
    WITHOUT_GENERATION,
    _burnt_elsewhere,
    _fuel_elsewhere,
    _rows,
)
from carbonpath.errors import Problem

__all__ = ["fuelless_output_problems", "warn_net_export_without_plants",
           "zero_supply_problems"]

_PLANTS = ("thermal_power", "heat_supply")
_CARRIERS = ("electricity", "heat")
#: Carrier -> the plants whose fuel can make it (CHP heat may be booked under thermal_power).
_MAKERS = {"electricity": ("thermal_power",), "heat": _PLANTS}


def _burning(data: pd.DataFrame) -> set[tuple[Any, str, str]]:
    """(year, region, sector) of the plants with a fuel row above 0 (use combustion)."""
    rows = data[data["sector"].astype(str).isin(_PLANTS).to_numpy()
                & (data["use"].astype(str) == "combustion").to_numpy()
                & ~data["fuel"].astype(str).isin(_CARRIERS).to_numpy()
                & (pd.to_numeric(data["value"], errors="coerce").fillna(0.0) > 0).to_numpy()]
    return set(zip(rows["year"].tolist(), rows["region"].astype(str).tolist(),
                   rows["sector"].astype(str).tolist(), strict=True))


def _in_band(carrier: str, m: float, u: float, generated: bool) -> bool:
    low, high = BALANCE_BAND[carrier]
    return m > 0 and low <= u / m <= (high if generated else WITHOUT_GENERATION)


def fuelless_output_problems(data: pd.DataFrame, energy: pd.DataFrame, source: str,
                             hint: str) -> list[tuple[Problem, list[Any]]]:
    """Power and heat plants' output in a year and region where they burn no fuel (ZF219).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``quantity`` in TJ for carriers, ``value``, ``unit``).
    energy : pandas.DataFrame
        The inventory's energy frame (``row``, ``energy_TJ`` in TJ), for rows burned
        elsewhere that could be the plants' fuel.
    source : str
        The file or DataFrame name, for messages.
    hint : str
        How to override, appended to each problem's ``valid``.

    Returns
    -------
    list of (Problem, list)
        One problem per year and region whose ``thermal_power`` electricity generation or
        ``thermal_power`` / ``heat_supply`` heat generation is above 0 while neither burns
        fuel; named at the largest output row (column ``value``), with the output rows.
    """
    if data.empty:
        return []
    sector = data["sector"].astype(str).to_numpy()
    fuel = data["fuel"].astype(str).to_numpy()
    use = data["use"].astype(str).to_numpy()
    q = data["quantity"].to_numpy(dtype=float)
    out_mask = ((use == "generation") & (q > 0)
                & (((sector == "thermal_power") & (fuel == "electricity"))
                   | (np.isin(sector, _PLANTS) & (fuel == "heat"))))
    if not out_mask.any():
        return []
    burning = {(y, r) for y, r, _ in _burning(data)}
    outputs = data[out_mask]
    found: list[tuple[Problem, list[Any]]] = []
    elsewhere = _burnt_elsewhere(data, energy) if {"row", "energy_TJ"} <= set(
        energy.columns) else data.iloc[:0].assign(_tj=0.0)
    for (year, region), g in outputs.groupby([outputs["year"], outputs["region"].astype(str)],
                                             sort=True):
        if (year, region) in burning:
            continue  # judged by plausible_energy.conversion_problems
        made = float(g["quantity"].sum())
        named = g.loc[g["quantity"].idxmax()]
        there = elsewhere[(elsewhere["year"].to_numpy() == year)
                          & (elsewhere["region"].astype(str).to_numpy() == region)]
        other = _fuel_elsewhere(there, made, 0.0)
        power = float(g[(g["fuel"].astype(str) == "electricity").to_numpy()]["quantity"].sum())
        makers = sorted(g["sector"].astype(str).unique())
        what = ("electricity" if power == made else "heat" if not power else
                f"electricity and heat ({power * _GWH_PER_TJ:,.6g} GWh of electricity)")
        if power == made:
            what += f" ({power * _GWH_PER_TJ:,.6g} GWh)"
        found.append((Problem(
            f"implausible conversion of {region} in {int(year)}: {' and '.join(makers)} "
            f"make{'s' if len(makers) == 1 else ''} {made:,.6g} TJ of {what} ({_rows(g)}) but "
            "no row gives fuel they burn (sector thermal_power or heat_supply, use "
            f"combustion, above 0), so they would need at least {made / MAX_CONVERSION:,.6g} "
            "TJ of fuel that no row holds: the plants' fuel is missing and its CO2 is in no "
            f"total{other}",
            file=source, row=named["row"], column="value", value=named["value"],
            valid="the fuel rows of the plants that make this output (sector thermal_power "
                  "or heat_supply, use combustion), or no generation row if the output is "
                  f"not made in {region}; {hint}"),
            g["row"].tolist()))
    return found


def zero_supply_problems(data: pd.DataFrame, source: str,
                         hint: str) -> list[tuple[Problem, list[Any]]]:
    """Electricity or heat used where every supply row is 0 and no plant burns fuel (ZF220).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (as :func:`fuelless_output_problems`).
    source : str
        The file or DataFrame name, for messages.
    hint : str
        How to override, appended to each problem's ``valid``.

    Returns
    -------
    list of (Problem, list)
        One problem per carrier, year and region with supply rows (``generation``,
        ``import``) that sum to 0, use (``consumption``, ``export``) above 0 and no plant
        fuel that could make the carrier (:data:`_MAKERS`); named at the first import row
        (else generation row), column ``value``, with the carrier's rows.
    """
    rows = data[data["fuel"].astype(str).isin(_CARRIERS).to_numpy()
                & data["use"].astype(str).isin(("generation", "import", "consumption",
                                                "export")).to_numpy()]
    if rows.empty:
        return []
    burning = _burning(data)
    found: list[tuple[Problem, list[Any]]] = []
    for (carrier, year, region), g in rows.groupby(
            [rows["fuel"].astype(str), rows["year"], rows["region"].astype(str)], sort=True):
        use = g["use"].astype(str).to_numpy()
        supply = np.isin(use, ("generation", "import"))
        q = g["quantity"].to_numpy(dtype=float)
        m, u = float(q[supply].sum()), float(q[~supply].sum())
        if not supply.any() or m > 0 or u <= 0 or any(
                (year, region, s) in burning for s in _MAKERS[carrier]):
            continue
        imports = g[(use == "import")]
        named = (imports if len(imports) else g[supply]).iloc[0]
        unit, scale = ("GWh", _GWH_PER_TJ) if carrier == "electricity" else ("TJ", 1.0)
        low, high = BALANCE_BAND[carrier]
        makers = " or ".join(_MAKERS[carrier])
        found.append((Problem(
            f"implausible {carrier} balance of {region} in {int(year)}: use (consumption + "
            f"export: {_rows(g[~supply])}) is {u * scale:,.6g} {unit} but supply "
            f"(generation + import: {_rows(g[supply])}) is 0, and no {makers} row burns "
            f"fuel there: the {carrier} comes from nowhere and its CO2 is in no total "
            "(an import written 0, or the plants left out)",
            file=source, row=named["row"], column="value", value=named["value"],
            valid=f"the {carrier} imported (use / supply within {low:g} .. "
                  f"{WITHOUT_GENERATION if not (use == 'generation').any() else high:g}), or "
                  f"the generation row and fuel of the plants that make it; {hint}"),
            g["row"].tolist()))
    return found


def warn_net_export_without_plants(data: pd.DataFrame, source: str) -> None:
    """Warn of a net export of a carrier that no local plant makes (round 30 ZF02).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (as :func:`fuelless_output_problems`), inside the refusal
        bands.
    source : str
        The file or DataFrame name, for messages.

    Warns
    -----
    CarrierBalanceWarning
        Per carrier, year and region with no generation row of the carrier and no plant
        fuel that could make it (:data:`_MAKERS`) whose exports exceed its imports; naming
        the import and export rows, the net export and use / supply if the two were
        swapped. The provincial method credits a net export at the grid factor, so swapped
        rows turn a net import into a credit.
    """
    rows = data[data["fuel"].astype(str).isin(_CARRIERS).to_numpy()]
    if rows.empty:
        return
    burning = _burning(data)
    for (carrier, year, region), g in rows.groupby(
            [rows["fuel"].astype(str), rows["year"], rows["region"].astype(str)], sort=True):
        use = g["use"].astype(str).to_numpy()
        q = g["quantity"].to_numpy(dtype=float)
        imp, exp = float(q[use == "import"].sum()), float(q[use == "export"].sum())
        if ((use == "generation").any() or exp <= imp or not (use == "import").any()
                or any((year, region, s) in burning for s in _MAKERS[carrier])):
            continue
        cons = float(q[use == "consumption"].sum())
        swapped = (f"; swapped, use / supply would be {(cons + imp) / exp:.3g}"
                   if _in_band(carrier, exp, cons + imp, False) else "")
        unit, scale = ("GWh", _GWH_PER_TJ) if carrier == "electricity" else ("TJ", 1.0)
        trade = g[np.isin(use, ("import", "export"))]
        warnings.warn(
            f"{source}, rows {', '.join(str(r) for r in trade['row'])}, column 'value': "
            f"{region} exports more {carrier} than it imports in {int(year)} (export "
            f"{exp * scale:,.6g} {unit}, import {imp * scale:,.6g} {unit}: a net export of "
            f"{(exp - imp) * scale:,.6g} {unit}, credited at the {carrier} factor under the "
            f"provincial method) though no row generates {carrier} and no "
            f"{' or '.join(_MAKERS[carrier])} row burns fuel there. Check whether import "
            f"and export are swapped ({_rows(trade)}){swapped}; if the region makes the "
            f"{carrier} (hydro, wind, solar), add its generation row",
            CarrierBalanceWarning, stacklevel=4)
