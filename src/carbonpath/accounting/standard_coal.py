"""Standard coal per unit of a fuel, on the calorific basis its CO2 is computed with.

Shared by the inventory (:mod:`carbonpath.accounting.combustion`) and the per-unit factors
of the pathway model (:func:`carbonpath.accounting.fuel_factors`), so that both count a
fuel's standard coal alike.

A fuel's standard coal is its energy at the net calorific value divided by 29.3076 MJ per
kgce (GB/T 2589-2020: 1 kgce = 7000 kcal); the coefficients of the standard's Appendix A
(raw coal 0.7143 kgce/kg, from an average 20,908 kJ/kg) are reference values for a fuel whose
own calorific value is not known. So, per key (fuel, sector, region, year):

* the standard-coal coefficient of the factor tables is used where it is at least as specific
  a level (user table before bundled, then the nearer region) as the calorific value of the
  key's CO2 bundle (:func:`carbonpath.accounting.resolution.combustion_factors`): with the
  bundled tables alone, GB/T 2589's coefficients, as China's statistics count standard coal;
* the calorific value is used (energy / 29.3076 MJ per kgce) where it is the more specific,
  or where no coefficient exists in the fuel's unit. Round 21 J21: a user raw coal of
  4000 kcal/kg (16.747 GJ/t) changed the CO2 but its standard coal stayed at the national
  0.7143 kgce/kg, 25 % above the 0.5714 of the coal's own calorific value.

A coefficient that is used beside a calorific value of the same fuel and key, one of the two
from a user table, is compared with it: more than :data:`COEFFICIENT_TOLERANCE` apart, a
:class:`~carbonpath.accounting.resolution.FactorBundleWarning` names both rows, their
calorific values and what to give if the coefficient is the fuel's (round 21 J16: a local
0.5 kgce/kg, i.e. 14.65 GJ/t, set the energy while CO2 stayed at the national 20.908 GJ/t).
The bundled tables' own pairs are not compared: their two sources (GB/T 2589 and the
national guideline's calorific values) differ by up to 7 % (blast-furnace gas, LPG), and more
for two fuels the factor documentation names (other washed coal, solid biomass).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from carbonpath.accounting.resolution import FactorBundleWarning
from carbonpath.factors import FactorTable

__all__ = ["COEFFICIENT_TOLERANCE", "RULES", "TJ_PER_TCE", "standard_coal_factors"]

#: TJ per tce (GB/T 2589-2020: 1 kgce = 29.3076 MJ).
TJ_PER_TCE = 29.3076e-3

COEFFICIENT_TOLERANCE = 0.10
"""Largest relative difference between a standard-coal coefficient and the calorific value
of the same fuel's CO2, one of them a user row, taken without a warning. The bundled tables'
own pairs differ by up to 7.3 % (blast-furnace gas: GB/T 2589's 0.1286 kgce/m3 at 20 degC is
4.04 MJ/Nm3 beside the guideline's 3.769; LPG 6.2 %), so 10 % leaves a user's rounding of
either convention quiet and names a different fuel (a lignite-like coal of 0.5 kgce/kg beside
raw coal's 20.908 GJ/t is 30 % apart)."""

#: The rules of the ``rule`` codes of :func:`standard_coal_factors`, as the inventory's
#: ``tce_rule`` names them.
RULES = ("GB/T 2589 coefficient",
         "NCV energy / 29.3076 MJ per kgce (no GB/T 2589 coefficient in this unit)",
         "NCV energy / 29.3076 MJ per kgce (its calorific value is more specific than the "
         "standard-coal coefficient)")

_MEASURE_DEN = {"mass": "t", "gas": "Nm3", "energy": "TJ"}


def standard_coal_factors(table: FactorTable, keys: pd.DataFrame, bundles: pd.DataFrame,
                          measure: np.ndarray, historical: bool = True) -> pd.DataFrame:
    """Standard coal per canonical unit of each key, on its CO2 bundle's calorific basis.

    Parameters
    ----------
    table : FactorTable
    keys : pandas.DataFrame
        The keys of ``bundles`` (columns of
        :data:`carbonpath.accounting.resolution.KEY_COLUMNS`).
    bundles : pandas.DataFrame
        :func:`carbonpath.accounting.resolution.combustion_factors` of ``keys``: ``ncv``
        (TJ per canonical unit) and ``ncv_row`` per key.
    measure : numpy.ndarray of str, shape (n_keys,)
        ``mass``, ``gas`` or ``energy``: the canonical unit (t, Nm3, TJ) of each key.
    historical : bool
        As :meth:`FactorTable.resolve`.

    Returns
    -------
    pandas.DataFrame
        One row per key: ``tce`` (tce per canonical unit; NaN where the bundle has no
        calorific value), ``rule`` (int, an index of :data:`RULES`), and ``row_id``, ``den``
        and ``lookup_rule`` of the coefficient used (-1, '' and '' where the calorific value
        is used).

    Warns
    -----
    FactorBundleWarning
        A coefficient used beside a calorific value of the key, one of the two a user row,
        more than :data:`COEFFICIENT_TOLERANCE` apart (once per pair of rows).
    """
    sce = table.resolve(keys, "standard_coal_coefficient", historical=historical)
    rows = table.rows
    want = np.array([_MEASURE_DEN[m] for m in measure], dtype=object)
    srow = sce["row_id"].to_numpy()
    usable = (srow >= 0) & (sce["den"].to_numpy() == want)
    ncv = bundles["ncv"].to_numpy(dtype=float)
    nrow = bundles["ncv_row"].to_numpy()
    layer = rows["layer"].to_numpy()
    t_region = rows["region"].to_numpy()
    key_region = keys["region"].to_numpy()
    canon = rows["canon"].to_numpy()
    rule = np.where(usable, 0, 1)
    places: dict[tuple[str, str], int] = {}

    def level(i: int, rid: int) -> tuple[int, int]:
        """(layer, place of the row's region in the key's region chain): lower = nearer."""
        where = (str(key_region[i]), str(t_region[rid]))
        if where not in places:
            places[where] = table.regions.chain(where[0]).index(where[1])
        return int(layer[rid]), places[where]

    apart: dict[tuple[int, int], str] = {}
    for i in np.flatnonzero(usable & (nrow >= 0)):
        s, v = int(srow[i]), int(nrow[i])
        if level(i, v) < level(i, s):
            rule[i] = 2
        elif (layer[s] == 0 or layer[v] == 0) and (s, v) not in apart and ncv[i] > 0:
            implied = canon[s] * TJ_PER_TCE  # TJ per canonical unit
            if abs(implied / ncv[i] - 1.0) > COEFFICIENT_TOLERANCE:
                apart[(s, v)] = _apart_text(table, s, v, implied, float(ncv[i]))
    for text in apart.values():
        warnings.warn(text, FactorBundleWarning, stacklevel=3)
    by_ncv = rule != 0
    tce = np.where(by_ncv, ncv / TJ_PER_TCE, np.where(usable, canon[np.maximum(srow, 0)],
                                                      np.nan))
    return pd.DataFrame({"tce": tce, "rule": rule,
                         "row_id": np.where(by_ncv, -1, srow),
                         "den": np.where(by_ncv, "", sce["den"].to_numpy()),
                         "lookup_rule": np.where(by_ncv, "", sce["rule"].to_numpy())})


def _apart_text(table: FactorTable, s: int, v: int, implied: float, ncv: float) -> str:
    """The warning of a standard-coal coefficient (row ``s``) far from a calorific value (``v``)."""
    a, b = table.rows.iloc[s], table.rows.iloc[v]
    per = "t" if a["den"] == "t" else "Nm3"
    gj = implied * 1e3 if per == "t" else implied * 1e6
    have = ncv * 1e3 if per == "t" else ncv * 1e6
    unit = "GJ/t" if per == "t" else "MJ/Nm3"
    whose = "user" if a["layer"] == 0 else "bundled"
    return (
        f"{a['item']}: the {whose} standard_coal_coefficient {a['value']:g} {a['unit']} "
        f"({a['file']} row {a['line']}) is a calorific value of {gj:.5g} {unit}, "
        f"{implied / ncv - 1.0:+.0%} from the {have:.5g} {unit} its CO2 is computed with "
        f"({b['file']} row {b['line']}, {b['region']}): the energy in standard coal and the CO2 "
        f"rest on different fuels. If the fuel's calorific value is {gj:.5g} {unit}, give it as "
        "a calorific_value row (basis net) with the fuel's CO2 factors at the same level, and "
        "both follow it; if the coefficient is only your statistics' convention and the "
        f"{have:.5g} {unit} is right for CO2, this warning can be ignored")
