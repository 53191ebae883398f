"""A conversion's variable cost that holds the price of a fuel the model prices again.

The model pays for a fuel once, where it is supplied: the ``variable_cost`` of the
``supply`` or ``import`` technology that makes the commodity (coal at 400 CNY/t) is paid on
every tonne a plant burns. A plant's own ``variable_cost`` is then its non-fuel variable
O&M (reagents, water, ash handling: 15-35 CNY/MWh for a Chinese coal unit). A 度电变动成本
copied from a tariff study includes the fuel: 180 CNY/MWh for a coal unit burning
0.4 t/MWh of 400 CNY/t coal (160 CNY/MWh of fuel) counts the coal twice, and the plan
avoided coal it should have burned (round 26 MB46: 11,578 MCNY and 2.46 Mt for 7,683 MCNY
and 4.68 Mt, with no word).

Correct data look different: the non-fuel part is a fraction of the fuel's cost (a tenth
for coal, less for gas). So a conversion whose ``variable_cost`` is at least
:data:`FUEL_SHARE` (three quarters) of the cost of its priced fuel inputs per unit of
activity is warned of (:class:`FuelCostTwiceWarning`), naming the ``parameters.csv`` row,
the fuel cost it was compared with and the value it would have without the fuel. Only
conversions whose activity is an energy (power and heat plants, boilers: MWh, GJ) are
compared, since an industrial process's cost per tonne holds its raw materials too; only
inputs of kind ``fuel`` whose commodity some ``supply``/``import`` technology prices are
counted, at the highest price any of them gives in any year (so a dear import does not
make a cheap local fuel look doubly counted); a plant whose fuel is not priced is never
warned of.

A negative ``variable_cost`` is a revenue on every unit of activity; of a ``supply`` or
``conversion`` technology with one output it is refused as a slipped sign unless overridden
(:func:`negative_cost_problem`, called with the absolute ranges of
:mod:`carbonpath.dataset.absolute`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["FUEL_SHARE", "FuelCostTwiceWarning", "negative_cost_problem",
           "warn_fuel_in_variable_cost"]

#: A conversion's variable_cost at or above this share of its priced fuel cost is warned of.
FUEL_SHARE = 0.75


class FuelCostTwiceWarning(CarbonpathWarning):
    """A conversion's variable_cost is about the cost of a fuel its supplier prices (MB46)."""


def _quantity(value: Any, unit: Any) -> Any:
    """``value unit`` as a pint quantity, or None if either cannot be read."""
    from carbonpath.units import Q_

    if is_blank(value) or is_blank(unit):
        return None
    try:
        return Q_(float(value), str(unit))
    except Exception:  # an unreadable unit is named by its own check
        return None


def _is_energy(unit: Any) -> bool:
    """Whether ``unit`` is an energy (MWh, GJ): the activity of a power or heat plant."""
    from carbonpath.units import dimension_of

    try:
        return not is_blank(unit) and dimension_of(str(unit)) == dimension_of("MWh")
    except Exception:  # an unreadable unit is named by its own check
        return False


def _prices(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The highest price per unit of each commodity a supply or import technology sells."""
    techs, flows, params = tables["technologies"], tables["flows"], tables["parameters"]
    sellers = set(techs.loc[techs["kind"].isin(["supply", "import"]), "technology"])
    costs: dict[str, list[Any]] = {}
    for _, row in records(params):
        if row["technology"] in sellers and row["parameter"] == "variable_cost":
            cost = _quantity(row["value"], row["unit"])
            if cost is not None:
                costs.setdefault(row["technology"], []).append(cost)
    prices: dict[str, Any] = {}
    for _, row in records(flows):
        ratio = _quantity(row["value"], row["unit"])
        if (row["technology"] not in costs or row["direction"] != "output" or ratio is None
                or ratio.magnitude <= 0):
            continue
        for cost in costs[row["technology"]]:
            try:
                price = (cost / ratio).to_reduced_units()
                if row["commodity"] in prices:
                    price.to(prices[row["commodity"]].units)
            except Exception:  # currency per another unit: not comparable
                continue
            old = prices.get(row["commodity"])
            if old is None or price.magnitude > old.to(price.units).magnitude:
                prices[row["commodity"]] = price
    return prices


def warn_fuel_in_variable_cost(tables: dict[str, pd.DataFrame], where: Any) -> None:
    """Warn of a conversion whose variable_cost is about the cost of its priced fuels.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (``technologies``, ``flows``, ``parameters``), indexed by
        file line.
    where : callable
        ``(table, line) -> 'parameters.csv, row N'``.

    Warns
    -----
    FuelCostTwiceWarning
        Once per ``variable_cost`` row of a conversion at or above :data:`FUEL_SHARE` of
        its fuel cost per unit of activity (inputs x the highest supply or import price),
        naming the row, the fuel cost and the non-fuel value if the row includes the fuel.
    """
    prices = _prices(tables)
    if not prices:
        return
    techs, flows, params = tables["technologies"], tables["flows"], tables["parameters"]
    coms = tables["commodities"]
    fuels = set(coms.loc[coms["kind"] == "fuel", "commodity"])
    conversions = {row["technology"] for _, row in records(techs)
                   if row["kind"] == "conversion" and _is_energy(row.get("activity_unit"))}
    fuel: dict[str, list[tuple[str, Any]]] = {}
    for _, row in records(flows):
        ratio = _quantity(row["value"], row["unit"])
        if (row["technology"] in conversions and row["direction"] == "input"
                and row["commodity"] in prices and row["commodity"] in fuels
                and ratio is not None):
            fuel.setdefault(row["technology"], []).append((row["commodity"],
                                                            ratio * prices[row["commodity"]]))
    for line, row in records(params):
        code = row["technology"]
        if code not in fuel or row["parameter"] != "variable_cost":
            continue
        cost = _quantity(row["value"], row["unit"])
        try:
            paid = sum(part.to(cost.units).magnitude for _, part in fuel[code])
        except Exception:  # no cost, or fuel per another activity unit: not comparable
            continue
        if paid <= 0 or cost.magnitude < FUEL_SHARE * paid:
            continue
        unit = f"{row['unit']}"
        names = ", ".join(f"{com} {part.to(cost.units).magnitude:.4g} {unit}"
                          for com, part in fuel[code])
        rest = cost.magnitude - paid
        notices.warn(
            f"{where('parameters', line)}, column value: the variable_cost of '{code}' "
            f"({cost.magnitude:g} {unit}) is {cost.magnitude / paid:.0%} of the cost of the "
            f"fuel it burns ({paid:.4g} {unit}: {names}, at the price of its supply or "
            "import technology), which the model already pays where the fuel is supplied. "
            "If the value includes the fuel (a 度电变动成本 or tariff figure), the fuel is "
            "counted twice: give only the non-fuel variable O&M"
            + (f" ({cost.magnitude:g} - {paid:.4g} = {rest:.4g} {unit})" if rest > 0 else "")
            + "; if it is the non-fuel cost alone, this warning can stay",
            FuelCostTwiceWarning, stacklevel=3)


def negative_cost_problem(row: Any, where: dict[str, Any], kind: str, outputs: int,
                          hint: str) -> Problem | None:
    """A negative ``variable_cost`` of a producer with no by-product (ME31), or None.

    Parameters
    ----------
    row : mapping
        ``technology``, ``parameter``, ``value`` (a number or blank) and ``unit``.
    where : dict
        The Problem's location (``file``, ``row``).
    kind : str
        The technology's kind: only ``supply`` and ``conversion`` are judged (an
        ``import``'s negative price is a gate fee, an ``export``'s a sale).
    outputs : int
        How many commodities the technology outputs (``flows.csv``); two or more leave a
        by-product whose revenue a negative cost may stand for.
    hint : str
        How to keep a value that is right.

    Returns
    -------
    Problem or None
        Naming the value, the revenue it makes of every unit of activity and the positive
        value that a slipped minus sign would have been.
    """
    if (row["parameter"] != "variable_cost" or kind not in ("supply", "conversion")
            or outputs >= 2 or is_blank(row["value"]) or not float(row["value"]) < 0):
        return None
    value = float(row["value"])
    return Problem(
        f"implausible variable_cost of {row['technology']}: {value:g} {row['unit']} is "
        f"negative, a revenue on every unit it makes, and a {kind} technology with one "
        "output has no by-product to earn it from; the model would run it for the revenue; "
        "probably a "
        f"slipped minus sign ({-value:g} {row['unit']} meant?)", column="value",
        value=row["value"],
        valid=(f"a cost of 0 or more ({-value:g} {row['unit']}); if it is a revenue (a "
               f"subsidy, a gate fee), {hint.removeprefix('if the value is right, ')}"),
        **where)
