"""The IPCC reference approach, compared with the sectoral approach fuel by fuel.

IPCC 2006 Guidelines Vol.2 Ch.6 (Eq. 6.1): per fossil fuel,

    CO2 = (apparent consumption x NCV x carbon content - excluded carbon) x oxidation x 44/12

with apparent consumption = production + imports - exports - international bunkers - stock
change (for a province or city, + inflows from other provinces - outflows), and excluded
carbon the carbon of fuel used as a material (non-energy use) or as a feedstock whose
emissions are reported under industrial processes. carbonpath takes the supply side from an
energy balance sheet (:func:`carbonpath.read_energy_balance`) and the same coherent factor
bundle per fuel as the inventory (so ``carbon x oxidation x 44/12`` is the CO2 per unit of
fuel the inventory uses).

The difference to the sectoral approach (fuel combustion of the inventory) is explained per
fuel with the balance identity. For one fuel, in physical units,

    reference - sectoral = statistical difference + losses
                           + (inputs to transformation that is not combustion - outputs of
                              transformation)

because apparent consumption = final consumption + losses + transformation inputs -
transformation outputs + statistical difference, and the sectoral approach counts final
combustion plus the fuel burned by power and heat plants. These are the explanation
categories IPCC 2006 Vol.2 Ch.6 gives for differences (statistical differences, losses,
transformation, non-energy use); what the identity leaves (``other``) comes from factors that
differ between the two approaches (sector-specific CO2 factors), and is 0 with the bundled
tables. Transformation moves carbon between fuels (coking coal into coke and coke-oven gas),
so per-fuel differences of transformed fuels are large while their sum is small: compare
the totals and the fuel groups, as the IPCC does.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.activity import _unit_rule
from carbonpath.accounting.arguments import check_nonnegative, refuse_other_region_year
from carbonpath.accounting.balance_sheet import COMBUSTION_ROWS, BalanceSheet, _is_plain_volume
from carbonpath.accounting.inventory import Inventory, compute_inventory
from carbonpath.accounting.resolution import CO2_PER_C, combustion_factors
from carbonpath.accounting.scalar import _table
from carbonpath.codes import fuels
from carbonpath.errors import (
    ArgumentValueError,
    DataError,
    FactorNotFoundError,
    ImplausibleValueError,
    Problem,
    ReferenceApproachWarning,
)
from carbonpath.factors import FactorTable

__all__ = ["EXPLANATIONS", "ReferenceApproach", "reference_approach"]

#: Explanation categories of the difference (reference - sectoral), in t CO2.
EXPLANATIONS = ("statistical_difference", "losses", "transformation", "other")
_GROUPS = {"coal": "solid", "oil": "liquid", "gas": "gaseous"}


@dataclass(frozen=True)
class ReferenceApproach:
    """Result of :func:`reference_approach`.

    Attributes
    ----------
    by_fuel : pandas.DataFrame
        One row per fossil fuel (index): ``group`` (solid, liquid, gaseous), ``unit``,
        ``apparent_consumption`` and ``excluded`` (non-energy and feedstock use) in the
        sheet's unit, ``energy_TJ`` (apparent consumption x NCV), ``carbon_tC`` (x carbon
        content), ``excluded_carbon_tC``, ``oxidation``, ``reference_tCO2``,
        ``sectoral_tCO2``, ``difference_tCO2`` (reference - sectoral), ``difference_pct``
        (of the sectoral value; NaN where it is 0), and one column per
        :data:`EXPLANATIONS` (t CO2) that add up to ``difference_tCO2``.
    by_group : pandas.DataFrame
        The same sums by fuel group, plus a ``total`` row.
    threshold : float
        Relative difference beyond which a :class:`ReferenceApproachWarning` was issued.
    flagged : list of str
        Groups (and ``total``) whose difference exceeded the threshold.
    """

    by_fuel: pd.DataFrame
    by_group: pd.DataFrame
    threshold: float
    flagged: list[str]

    @property
    def total(self) -> pd.Series:
        """The ``total`` row of :attr:`by_group`."""
        return self.by_group.loc["total"]


@checked
def reference_approach(balance: BalanceSheet,
                       factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                       inventory: Inventory | None = None, *, region: str | None = None,
                       year: int | None = None, threshold: float = 0.05,
                       historical: bool = True) -> ReferenceApproach:
    """Compute the reference approach and compare it with the sectoral approach.

    Parameters
    ----------
    balance : BalanceSheet
        From :func:`carbonpath.read_energy_balance`: its supply side gives apparent
        consumption, its activity the excluded (non-energy, feedstock) amounts and, unless
        ``inventory`` is given, the sectoral approach.
    factors : FactorTable, path or list of paths, optional
        Default: the bundled tables. Use the same as the inventory's.
    inventory : Inventory, optional
        The sectoral inventory to compare with; default: computed from the balance's
        activity (fuel rows only) with the same factors.
    region, year : optional
        Default: the balance sheet's.
    threshold : float
        Relative difference abs(reference - sectoral) / sectoral beyond which a
        :class:`~carbonpath.ReferenceApproachWarning` is issued, checked for the total and
        for each fuel group: a share in [0, 1) (5 % is 0.05; 5 is refused). Default 0.05
        (IPCC 2006 Vol.2 Ch.6: investigate differences above 5%).
    historical : bool
        Allow factors of the nearest earlier year (default True).

    Returns
    -------
    ReferenceApproach

    Raises
    ------
    ArgumentValueError
        ``threshold`` negative or 1 and above (a percent typed for a share); ``region`` or
        ``year`` other than the balance sheet's own, or an ``inventory`` of
        another region or year than the sheet's (round 22 M124).
    DataError
        No region or year.
    FactorNotFoundError
        A fossil fuel with non-zero apparent consumption has no CO2 factor.

    Warns
    -----
    ReferenceApproachWarning
        The difference exceeds ``threshold`` for the total or a fuel group.
    """
    check_nonnegative(threshold, "threshold", "0.05 for 5 %")  # accounting/arguments.py
    if threshold >= 1:  # round 22 M121: 5 meant 5 % and silenced the check (500 %)
        raise ArgumentValueError(
            f"threshold = {threshold!r}: a share, not a percent; must be below 1, e.g. 0.05 "
            f"for 5 %" + (f" ({threshold:g} % is {threshold / 100:g})" if threshold < 100
                          else ""))
    table = _table(factors)
    refuse_other_region_year(balance, inventory, region, year, table)  # round 22 M124
    region = region or balance.region
    year = year if year is not None else balance.year
    if region is None or year is None:
        raise DataError(Problem("the reference approach needs a region and a year: "
                                "read_energy_balance(..., region=, year=) or pass them here",
                                file=balance.source), "reference approach")
    fl = fuels()
    supply = balance.supply
    kinds = balance.flows.drop_duplicates("fuel").set_index("fuel")["kind"]
    codes = [c for c in balance.units if kinds.get(c) == "fuel" and c in fl.codes
             and fl.attr(c, "fossil") == "yes"]
    act = balance.activity
    excluded = (act[act["use"].isin(["non_energy", "feedstock"])]
                .groupby("fuel")["value"].sum())
    sd = balance.statistical_difference["computed"]
    losses = balance.losses
    tr = balance.flows[(balance.flows["role"] == "transformation") & balance.flows["leaf"]]
    burned_in = tr["item"].isin(COMBUSTION_ROWS) & (tr["value"] < 0)
    transformation = -tr[~burned_in].groupby("fuel")["value"].sum()

    per_unit, carbon_unit, ox, canon, ncv = _factors(table, codes, balance, region, year,
                                                    historical)
    sectoral = _sectoral(balance, inventory, table, region, year)
    rows = []
    for i, fuel in enumerate(codes):
        ac = float(supply["apparent_consumption"].get(fuel, 0.0))
        ex = float(excluded.get(fuel, 0.0))
        k = canon[i]
        ref = (ac - ex) * k * per_unit[i]
        sec = float(sectoral.get(fuel, 0.0))
        parts = {"statistical_difference": float(sd.get(fuel, 0.0)) * k * per_unit[i],
                 "losses": float(losses.get(fuel, 0.0)) * k * per_unit[i],
                 "transformation": float(transformation.get(fuel, 0.0)) * k * per_unit[i]}
        parts["other"] = (ref - sec) - sum(parts.values())
        rows.append({"fuel": fuel, "group": _GROUPS.get(fl.attr(fuel, "group"), "other"),
                     "unit": balance.units[fuel], "apparent_consumption": ac, "excluded": ex,
                     "energy_TJ": ac * k * ncv[i],
                     "carbon_tC": ac * k * carbon_unit[i],
                     "excluded_carbon_tC": ex * k * carbon_unit[i], "oxidation": ox[i],
                     "reference_tCO2": ref, "sectoral_tCO2": sec,
                     "difference_tCO2": ref - sec, **parts})
    missing = sorted(set(sectoral.index) - set(codes))
    for fuel in missing:  # burned but absent from the supply side: all "other"
        sec = float(sectoral[fuel])
        rows.append({"fuel": fuel, "group": _GROUPS.get(fl.attr(fuel, "group"), "other"),
                     "unit": balance.units.get(fuel, ""), "reference_tCO2": 0.0,
                     "sectoral_tCO2": sec, "difference_tCO2": -sec,
                     "statistical_difference": 0.0, "losses": 0.0, "transformation": 0.0,
                     "other": -sec})
    by_fuel = pd.DataFrame(rows).set_index("fuel")
    by_fuel["difference_pct"] = _pct(by_fuel)
    sums = ["carbon_tC", "excluded_carbon_tC", "energy_TJ", "reference_tCO2",
            "sectoral_tCO2", "difference_tCO2", *EXPLANATIONS]
    by_group = by_fuel.groupby("group")[sums].sum()
    by_group.loc["total"] = by_fuel[sums].sum()
    by_group["difference_pct"] = _pct(by_group)
    flagged = [g for g, p in by_group["difference_pct"].items()
               if np.isfinite(p) and abs(p) > threshold * 100]
    if flagged:
        warnings.warn(_warning_text(by_group, flagged, threshold), ReferenceApproachWarning,
                      stacklevel=2)
    return ReferenceApproach(by_fuel, by_group, threshold, flagged)


def _pct(frame: pd.DataFrame) -> np.ndarray:
    sec = frame["sectoral_tCO2"].to_numpy(dtype=float)
    diff = frame["difference_tCO2"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sec != 0, diff / np.where(sec != 0, sec, 1.0) * 100, np.nan)


def _warning_text(by_group: pd.DataFrame, flagged: list[str], threshold: float) -> str:
    parts = []
    for g in flagged:
        r = by_group.loc[g]
        main = max(EXPLANATIONS, key=lambda c: abs(r[c]))
        parts.append(f"{g}: reference {r['reference_tCO2']:,.0f} t vs sectoral "
                     f"{r['sectoral_tCO2']:,.0f} t CO2 ({r['difference_pct']:+.1f}%; largest "
                     f"part: {main} {r[main]:+,.0f} t)")
    return (f"reference and sectoral approaches differ by more than {threshold:.0%} "
            "(IPCC 2006 Vol.2 Ch.6 suggests investigating): " + "; ".join(parts))


def _factors(table: Any, codes: list[str], balance: BalanceSheet, region: str, year: int,
             historical: bool) -> tuple[np.ndarray, ...]:
    """Per-fuel factors of the reference approach.

    Returns t CO2 and t C (before oxidation) per canonical unit (t, Nm3 or TJ), the
    oxidation factor, the factor from the sheet's unit to the canonical unit, and TJ per
    canonical unit.
    """
    n = len(codes)
    measure = np.empty(n, dtype=object)
    canon = np.zeros(n)
    for i, fuel in enumerate(codes):
        cond = balance.gas_condition if _is_volume(balance.units[fuel]) else ""
        m, factor, _ = _unit_rule(fuel, balance.units[fuel], cond, "")
        measure[i], canon[i] = m, factor
    keys = table._keys_frame(codes, [None] * n, [None] * n, [region] * n, [year] * n)
    res = combustion_factors(table, keys, measure, historical=historical)
    problems = res["problem"].to_numpy()
    for i in np.flatnonzero(problems != ""):
        msg = str(problems[i])
        if msg.startswith("IMPLAUSIBLE"):
            raise ImplausibleValueError(Problem(msg, column="fuel", value=codes[i]))
        if msg.startswith("no CO2"):
            raise FactorNotFoundError(msg)
        raise DataError(Problem(msg, column="fuel", value=codes[i]), "reference approach")
    rows = table.rows["canon"].to_numpy()
    co2 = res["co2"].to_numpy(dtype=float)
    ox = np.ones(n)
    has_ox = res["ox_row"].to_numpy() >= 0
    ox[has_ox] = rows[res["ox_row"].to_numpy()[has_ox]]
    carbon = co2 / CO2_PER_C / ox
    ncv = res["ncv"].to_numpy(dtype=float)
    return co2, carbon, ox, canon, ncv


def _is_volume(unit: str) -> bool:
    return _is_plain_volume(unit)


def _sectoral(balance: BalanceSheet, inventory: Inventory | None, table: Any, region: str,
              year: int) -> pd.Series:
    """Fuel-combustion CO2 (t) by fuel, power and heat plants included."""
    if inventory is None:
        act = balance.activity
        act = act[~act["fuel"].isin(["electricity", "heat"])]
        act = act.drop(columns=[c for c in ("region", "year") if c in act.columns])
        inventory = compute_inventory(act, factors=table, region=region, year=year)
    by = inventory.by("fuel", gas="CO2", category="combustion", in_total=None)
    return by.set_index("fuel")["value"] if len(by) else pd.Series(dtype=float)
