"""Checks of a run against its inventory: warnings where the pathways and activity.csv disagree.

Moved out of :mod:`carbonpath.run`, which re-exports every name.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.errors import CarbonpathError, CarbonpathWarning
from carbonpath.model import Pathway


def _base_year_mismatch(ds: Dataset, inv: Any, pathways: dict[str, Pathway],
                        tolerance: float = 0.02) -> list[str]:
    """Warn where a scenario's base-year emissions differ from the inventory's total.

    Both are on the dataset's emissions method and gas basis; the inventory counts the rows
    in its total. ``tolerance`` is relative (2 %, the calibration tolerance).
    """
    gas = ds.config["emissions"]["gas"]
    counted = float(inv.total(gas, in_total=True).to(f"Mt {gas}").magnitude)
    found = []
    for name, pathway in pathways.items():
        modelled = pathway.emissions_in(ds.base_year) / 1e3  # kt -> Mt
        diff = modelled - counted
        if abs(diff) > tolerance * abs(counted):
            msg = (f"base year {ds.base_year}: the pathway's emissions ({modelled:.2f} Mt "
                   f"{gas}) differ from the inventory of activity.csv ({counted:.2f} Mt {gas}) "
                   f"by {diff:+.2f} Mt ({_share(diff, counted)}, more than {tolerance:.0%}); "
                   "activity.csv and the technologies' observed base-year activity "
                   "(parameters.csv 'activity') probably disagree" + _overridden(ds, name)
                   + _own_factors(ds) + "; "
                   + _emitting_rows(inv) + _fuel_hint(ds, inv))
            warnings.warn(f"{name}: {msg}", CarbonpathWarning, stacklevel=3)
            found.append(f"{name}: {msg}")
    return found


def _overridden(ds: Dataset, name: str) -> str:
    """', or the scenario's rows changing that activity (...)' where it has some (L79)."""
    from carbonpath.dataset.measure_checks import observed_rows
    from carbonpath.dataset.scenarios import resolve_scenario

    try:
        rows = list(observed_rows(resolve_scenario(ds, name).tables, ds.base_year))
    except CarbonpathError:  # a hint only; the scenario was solved already
        return ""
    if not rows:
        return ""
    places = ", ".join(f"{r.rpartition(':')[0]} row {r.rpartition(':')[2]}" if ".csv:" in r
                       else f"dataset.yaml key {r}" for r in rows[:5])
    return (f", or scenario '{name}' changes that observed activity ({places}), so it starts "
            "from other statistics than the inventory")


def _own_factors(ds: Dataset) -> str:
    """', or emissions.csv's own factors (rows ...) differ from the tables' (H100, H102)."""
    own = ds.tables.get("emissions")
    if own is None or own.empty:
        return ""
    lines = ", ".join(map(str, list(own.index)[:5])) + (" ..." if len(own) > 5 else "")
    return (", or emissions.csv's own factors (rows " + lines + ") differ from the factor "
            "tables the inventory uses")


def _regional_mismatch(ds: Dataset, by_region: pd.DataFrame, pathways: dict[str, Pathway],
                       tolerance: float = 0.02) -> list[str]:
    """Warn where a region's base-year emissions differ from its inventory's counted total.

    The inventory by region (:func:`carbonpath.accounting.regional.inventory_by_region`)
    against each pathway's ``emissions_region`` rows of the regions in the base year, both
    on the dataset's basis; ``tolerance`` relative to the region's inventory total.
    """
    gas = ds.config["emissions"]["gas"]
    counted = by_region.set_index("region")["total"] / 1e3  # t -> kt
    found = []
    for name, pathway in pathways.items():
        table = pathway.tables.get("emissions_region")
        if table is None:
            continue
        rows = table[(table["kind"] == "region") & (table["year"] == ds.base_year)]
        for region, modelled in zip(rows["region"], rows["value"], strict=True):
            inventory = float(counted.get(region, 0.0))
            diff = float(modelled) - inventory
            if abs(diff) > tolerance * abs(inventory) and abs(diff) > 1e-6:
                msg = (f"base year {ds.base_year}, region {region}: the pathway's emissions "
                       f"({modelled / 1e3:.3f} Mt {gas}) differ from the inventory of its "
                       f"activity.csv rows ({inventory / 1e3:.3f} Mt {gas}) by "
                       f"{diff / 1e3:+.3f} Mt ({_share(diff, inventory)}); check the rows' "
                       "model_region and the technologies' observed base-year activity")
                warnings.warn(f"{name}: {msg}", CarbonpathWarning, stacklevel=3)
                found.append(f"{name}: {msg}")
    return found


def _emitting_rows(inv: Any, most: int = 5) -> str:
    """The activity.csv rows that carry the inventory's counted CO2, largest first (words)."""
    em = inv.emissions
    em = em[em["in_total"].astype(bool) & (em["gas"] == "CO2")]
    if "row" not in em:
        return "check activity.csv, columns 'value' and 'unit'"
    by_row = em.groupby("row", sort=False).agg(
        co2=("value", "sum"), sector=("sector", "first"), fuel=("fuel", "first"),
        use=("use", "first")).sort_values("co2", ascending=False, key=abs)
    by_row = by_row[by_row["co2"] != 0]
    if by_row.empty:
        return "no activity.csv row carries counted CO2: check its rows, columns 'value' and 'unit'"
    shown = [f"row {int(line)} ({r.sector} {r.fuel} {r.use}: {r.co2 / 1e6:.3g} Mt CO2)"
             for line, r in by_row.head(most).iterrows()]
    more = f" and {len(by_row) - most} more" if len(by_row) > most else ""
    return (f"check activity.csv columns 'value' and 'unit' of {', '.join(shown)}{more}, "
            "and the 'activity' rows of parameters.csv")


def _fuel_hint(ds: Dataset, inv: Any) -> str:
    """A clause naming the fuel commodities whose ``fuel`` no activity.csv row burns.

    The model prices their emissions with another fuel's factors than the inventory (B144:
    coal mapped to coke); '' when every fuel commodity's fuel is burnt in activity.csv.
    """
    com = ds.tables["commodities"]
    if "fuel" not in com or "fuel" not in inv.emissions:
        return ""
    burnt = {str(f) for f in inv.emissions["fuel"].dropna()}
    odd = [(line, row["commodity"], row["fuel"]) for line, row in com.iterrows()
           if row.get("kind") == "fuel" and isinstance(row["fuel"], str) and row["fuel"]
           and row["fuel"] not in burnt]
    if not odd:
        return ""
    named = ", ".join(f"row {line} ('{c}' as {f})" for line, c, f in odd[:3])
    return (f"; or commodities.csv column 'fuel' maps a commodity to a fuel that activity.csv "
            f"does not burn: {named} (activity.csv burns {', '.join(sorted(burnt)[:6])})")


def _use_mismatch(ds: Dataset) -> list[str]:
    """Warn where activity.csv's use of a fuel is x10 away from the model's base year.

    Emissions alone do not reconcile a consumption row that carries none (electricity
    consumed under the provincial method); see
    :func:`carbonpath.dataset.activity_match.activity_mismatch`.
    """
    from carbonpath.accounting import read_activity
    from carbonpath.dataset.activity_match import activity_mismatch

    activity = read_activity(ds.file("activity.csv"), region=ds.region, year=ds.base_year)
    found = activity_mismatch(ds.tables, ds.base_year, activity.data)
    for msg in found:
        warnings.warn(msg, CarbonpathWarning, stacklevel=3)
    return found


def _share(part: float, whole: float) -> str:
    """``part`` as a signed percentage of ``whole`` (``n/a`` when ``whole`` is zero)."""
    return f"{part / whole:+.1%}" if whole else "n/a"
