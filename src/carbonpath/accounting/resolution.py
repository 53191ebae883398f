"""Resolve the factors of many activity keys at once (shared by inventory and scalar API).

This is the one code path of :func:`carbonpath.compute_inventory` and of
:func:`carbonpath.accounting.fuel_factors`.

A *key* is what a factor can depend on: (fuel, IPCC sector category, technology, region,
year, measure). The inventory collapses a million activity rows to a few hundred keys
(regions and sectors without rows of their own behave like the first region or category
above them that has rows), resolves those here with joins, and maps the results back.

Combustion CO2 is resolved as one coherent bundle: the calorific value (NCV), and either a
CO2 emission factor or a carbon content with an oxidation factor, all from the same level
(user or bundled table, and region). The first level, in precedence order, that has a
complete bundle wins; a more specific level holding only part of a bundle is an error, so
that one level's NCV is never combined with another level's emission factor. An emission
factor already includes oxidation (IPCC: oxidation factor 1) and is never multiplied by an
oxidation factor; a carbon content is multiplied by its level's oxidation factor exactly
once and by 44/12.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import CarbonpathWarning
from carbonpath.factors import FactorTable, describe_rule
from carbonpath.factors.columns import user_row

__all__ = ["CO2_PER_C", "KEY_COLUMNS", "ROUTE_TOLERANCE", "FactorBundleWarning",
           "carrier_factors", "combustion_factors", "process_gas_factors", "simple_factors"]

#: Molar mass ratio CO2/C used to turn carbon into CO2 (IPCC 2006 Vol.2 Ch.1 Eq. 1.5).
CO2_PER_C = 44.0 / 12.0
#: Columns of a key frame.
KEY_COLUMNS = ("item", "sector", "technology", "region", "year")
_MEASURE_DEN = {"mass": "t", "gas": "Nm3", "energy": "TJ"}
#: Largest relative difference between a level's emission factor and its carbon content x
#: oxidation factor x 44/12 taken as one factor written twice (rounding: 26.18 t C/TJ x 0.93 x
#: 44/12 = 89.27 beside 89.3 t CO2/TJ is 0.03 %); beyond it the two are different factors.
ROUTE_TOLERANCE = 0.01


class FactorBundleWarning(CarbonpathWarning):
    """User factor rows of one fuel that do not fit together as carbonpath reads them.

    A carbon content or oxidation factor beside the emission factor that gives the CO2
    (unused, round 21 J75); a standard-coal coefficient far from the calorific value the CO2
    is computed with (round 21 J16, :mod:`carbonpath.accounting.standard_coal`).
    """


#: Largest carbon a fuel gas can carry per Nm3 (butane, C4H10: 4 x 12 g / 22.4 L = 2.1 kg).
_MAX_KG_C_PER_NM3 = 3.0


def _per_class_best(table: FactorTable, keys: pd.DataFrame, quantity: str,
                    gas: str | None = None, basis: str | None = None,
                    historical: bool = True) -> tuple[dict[int, list[Any]], np.ndarray]:
    """Best row per level (layer, region) of each key class, for one quantity.

    Keys of one class (see :meth:`FactorTable.candidates`) share their candidate rows, so
    the best row of each level is found once per class.

    Returns
    -------
    by_class : dict
        Class -> its levels' best rows (named tuples with ``row_id``, ``layer`` and the
        ranks of :meth:`FactorTable.candidates`).
    k : numpy.ndarray of int64, shape (n_keys,)
        The class of each key.
    """
    cand, k = table.candidates(keys, quantity, gas=gas, basis=basis, historical=historical)
    best = table._best(cand, ["k", "layer", "region_dist"])  # candidates come ranked
    by_class: dict[int, list[Any]] = {}
    for r in best.itertuples(index=False):
        by_class.setdefault(int(r.k), []).append(r)
    return by_class, k


def combustion_factors(table: FactorTable, keys: pd.DataFrame, measure: np.ndarray,
                       historical: bool = True) -> pd.DataFrame:
    """Resolve NCV and CO2 (coherent bundle), CH4 and N2O per key.

    Parameters
    ----------
    table : FactorTable
    keys : pandas.DataFrame
        Columns of :data:`KEY_COLUMNS` (item = fuel code; sector = IPCC category), plus
        optional boolean ``region_own`` / ``sector_own`` (False: the key stands for a region
        or sector below the one given, for the wording of the rule).
    measure : numpy.ndarray of str
        ``mass``, ``gas`` or ``energy`` per key: the canonical unit of the activity.
    historical : bool
        Allow the nearest earlier year.

    Returns
    -------
    pandas.DataFrame
        One row per key: ``ncv`` (TJ per t or Nm3; 1 for energy), ``co2`` (t CO2 per
        canonical unit), ``ch4``, ``n2o`` (t per canonical unit), ``method``
        (``emission_factor`` or ``carbon_content``), the table ``row_id`` of each factor
        used (``ncv_row``, ``ef_row``, ``cc_row``, ``ox_row``, ``ch4_row``, ``n2o_row``; -1 if
        none), their rules, and ``problem`` (a message, '' if none) for keys that cannot be
        computed (missing factor, incoherent level, wrong dimension, implausible value).
    """
    n = len(keys)
    measure = np.asarray(measure, dtype=object)
    parts = {
        "ncv": _per_class_best(table, keys, "calorific_value", basis="net",
                               historical=historical),
        "ef": _per_class_best(table, keys, "emission_factor", gas="CO2", historical=historical),
        "cc": _per_class_best(table, keys, "carbon_content", historical=historical),
        "ox": _per_class_best(table, keys, "oxidation_factor", historical=historical),
    }
    items = keys["item"].to_numpy()
    key_region = keys["region"].to_numpy()
    canon = table.rows["canon"].to_numpy()
    den = table.rows["den"].to_numpy()
    t_region = table.rows["region"].to_numpy()
    t_year = table.rows["year"].to_numpy()
    t_sector = table.rows["sector"].to_numpy()
    problems = np.full(n, "", dtype=object)
    ncv = np.full(n, np.nan)
    co2 = np.full(n, np.nan)
    method = np.full(n, "", dtype=object)
    rows = {name: np.full(n, -1, dtype=np.int64) for name in parts}
    rules = {name: np.full(n, "", dtype=object) for name in parts}
    position: dict[tuple[str, str], int] = {}  # (key region, row region) -> place in chain
    unused: dict[tuple[int, ...], str] = {}  # user rows beside an emission factor (J75)
    for i in range(n):
        item = items[i]
        # the key's levels: (layer, matched region's place in the key's region chain), each
        # with the best row of every part that has one there
        levels: dict[tuple[int, int], dict[str, Any]] = {}
        for name, (by_class, k) in parts.items():
            for r in by_class.get(int(k[i]), ()):
                where = (key_region[i], t_region[r.row_id])
                if where not in position:
                    position[where] = table.regions.chain(where[0]).index(where[1])
                levels.setdefault((int(r.layer), position[where]), {})[name] = r
        # the first complete level wins; a partial level before it (or with none) is incoherent
        chosen = None
        for level in sorted(levels):
            got = levels[level]
            if _complete(got, measure[i]):
                chosen = got
                break
            if _partial(got, measure[i]):
                problems[i] = _incoherent(table, item, [nm for nm in parts if nm in got],
                                          {nm: r.row_id for nm, r in got.items()}, measure[i])
                break
        if problems[i]:
            continue
        if chosen is None:
            problems[i] = (f"no CO2 factor for fuel '{item}': neither an emission factor nor a "
                           "carbon content with an oxidation factor (and a calorific value) at "
                           "any region level. Supply them in a user factor table.")
            continue
        for name, r in chosen.items():
            rid = int(r.row_id)
            rows[name][i] = rid
            rules[name][i] = describe_rule(
                int(r.layer), int(r.region_dist), str(t_region[rid]), int(r.year_rank),
                int(t_year[rid]), int(r.sector_rank), str(t_sector[rid]), int(r.tech_rank))
        want = _MEASURE_DEN[measure[i]]
        if measure[i] == "energy":
            ncv[i] = 1.0
            rows["ncv"][i] = -1
            rules["ncv"][i] = ""
        else:
            nrow = rows["ncv"][i]
            if den[nrow] != want:
                problems[i] = _dimension_problem(table, item, measure[i], nrow)
                continue
            ncv[i] = canon[nrow]
        erow = rows["ef"][i]
        if erow >= 0:
            method[i] = "emission_factor"
            beside = (int(rows["cc"][i]), int(rows["ox"][i]))
            rows["cc"][i] = rows["ox"][i] = -1
            rules["cc"][i] = rules["ox"][i] = ""
            if den[erow] == "TJ":
                co2[i] = canon[erow] * ncv[i]
            elif den[erow] == want:
                co2[i] = canon[erow]
            else:
                problems[i] = _dimension_problem(table, item, measure[i], erow)
                continue
            problems[i] = _beside_emission_factor(table, item, erow, beside, co2[i], ncv[i],
                                                  unused)
            if problems[i]:
                continue
        else:
            method[i] = "carbon_content"
            co2[i] = canon[rows["cc"][i]] * canon[rows["ox"][i]] * CO2_PER_C * ncv[i]
        problems[i] = _implausible(table, item, measure[i], co2[i], ncv[i], rows, i)
    res = pd.DataFrame({"ncv": ncv, "co2": co2, "method": method})
    for name in parts:
        res[f"{name}_row"] = rows[name]
        res[f"{name}_rule"] = rules[name]
    # CH4 and N2O per TJ, by sector category (no coherence constraint: IPCC Vol.2 Ch.2/3)
    for gas in ("CH4", "N2O"):
        r = table.resolve(keys, "emission_factor", gas=gas, historical=historical)
        per_tj = np.where(r["den"].to_numpy() == "TJ", r["canon"].to_numpy(), np.nan)
        res[gas.lower()] = per_tj * ncv
        res[f"{gas.lower()}_row"] = r["row_id"].to_numpy()
        res[f"{gas.lower()}_rule"] = r["rule"].to_numpy()
        wrong = (r["row_id"].to_numpy() >= 0) & (r["den"].to_numpy() != "TJ")
        for i in np.flatnonzero(wrong & (problems == "")):
            problems[i] = _dimension_problem(table, keys["item"].iloc[i], "energy",
                                             int(r["row_id"].iloc[i]))
    res["problem"] = problems
    for text in unused.values():
        warnings.warn(text, FactorBundleWarning, stacklevel=3)
    return res


def _complete(level: dict[str, Any], measure: str) -> bool:
    """Whether a level (part name -> row) gives a whole CO2 bundle.

    That is an emission factor, or a carbon content with an oxidation factor; and a calorific
    value unless the activity is energy.
    """
    co2 = "ef" in level or ("cc" in level and "ox" in level)
    return co2 and ("ncv" in level or measure == "energy")


def _partial(level: dict[str, Any], measure: str) -> bool:
    """A level that is not complete but holds part of a bundle."""
    return not _complete(level, measure) and (
        "ef" in level or "cc" in level or "ox" in level
        or ("ncv" in level and measure != "energy"))


def _incoherent(table: FactorTable, item: str, got: list[str], row_ids: dict[str, int],
                measure: str) -> str:
    names = {"ncv": "calorific_value", "ef": "emission_factor (CO2)", "cc": "carbon_content",
             "ox": "oxidation_factor"}
    where = []
    for nm in got:
        row = table.rows.iloc[int(row_ids[nm])]
        where.append(f"{names[nm]} ({row['file']} row {row['line']})")
    need = "an emission_factor for CO2, or a carbon_content and an oxidation_factor"
    if measure != "energy":
        need = "a calorific_value and " + need
    return (f"incoherent factors for fuel '{item}': a level has only {', '.join(where)}; "
            f"carbonpath takes {need} from one level (table and region) and never mixes one "
            "level's values with another's. Give the missing ones at the same level (e.g. copy "
            "the CN defaults) or remove these rows.")


def _beside_emission_factor(table: FactorTable, item: str, erow: int, beside: tuple[int, int],
                            co2: float, ncv: float, unused: dict[tuple[int, ...], str]) -> str:
    """Check the carbon-content rows of the level whose emission factor is used.

    ``beside`` holds the row ids (-1: none) of the level's carbon content and oxidation
    factor. Both present: a second complete route to the same CO2 factor, which must agree
    with the emission factor within :data:`ROUTE_TOLERANCE`, else the returned problem
    (round 21 J76: 94.6 t CO2/TJ beside 24.0 t C/TJ x 0.93 x 44/12 = 81.8 was resolved to
    the first without a word). Only one of them, from a user table: it is unused, recorded
    in ``unused`` for a :class:`FactorBundleWarning` (round 21 J75: an oxidation factor of
    0.93 beside an emission factor, which already includes oxidation).
    """
    cc, ox = beside
    rows = table.rows
    if cc >= 0 and ox >= 0:
        canon = rows["canon"].to_numpy()
        route = float(canon[cc]) * float(canon[ox]) * CO2_PER_C * ncv
        if co2 > 0 and abs(route / co2 - 1.0) <= ROUTE_TOLERANCE:
            return ""
        e, c, o = (rows.iloc[r] for r in (erow, cc, ox))
        per_tj = (co2 / ncv, route / ncv) if ncv > 0 else (co2, route)
        shown = "" if e["den"] == "TJ" else f": {per_tj[0]:.4g} t CO2/TJ"
        return (f"incoherent factors for fuel '{item}': one level gives two CO2 factors, "
                f"emission_factor {e['value']:g} {e['unit']} ({e['file']} row {e['line']}"
                f"{shown}) and carbon_content {c['value']:g} {c['unit']} "
                f"({c['file']} row {c['line']}) x oxidation_factor {o['value']:g} "
                f"({o['file']} row {o['line']}) x 44/12 = {per_tj[1]:.4g} t CO2/TJ, "
                f"{abs(route / co2 - 1.0) if co2 > 0 else 1.0:.1%} apart; carbonpath does not "
                "choose between them. Keep one route at this level: the emission_factor row, or "
                "the carbon_content and oxidation_factor rows (IPCC 2006 Vol.2 Ch.1 Eq. 1.5: "
                "the two agree when they describe one fuel)")
    for r in (cc, ox):
        if r < 0 or int(rows["layer"].iloc[r]) != 0:
            continue
        u, e = rows.iloc[r], rows.iloc[erow]
        if u["quantity"] == "oxidation_factor":
            ox_value = float(u["canon"])
            right = (f"if your guide multiplies the emission factor by the oxidation rate "
                     f"(its factor assumes full oxidation), give the emission_factor "
                     f"{e['value']:g} x {ox_value:g} = {float(e['value']) * ox_value:.5g} "
                     f"{e['unit']} instead; or give a carbon_content with the oxidation_factor "
                     "and no emission_factor; otherwise remove the oxidation_factor row")
        else:
            right = ("give its oxidation_factor at the same level and remove the "
                     "emission_factor row to use the carbon content, or remove the "
                     "carbon_content row")
        unused[(r, erow)] = (
            f"{user_row(u['file'], u['line'])} ({item} {u['quantity']} {u['value']:g}"
            f"{_unit_text(u['unit'])}) is not used: the emission_factor {e['value']:g} "
            f"{e['unit']} of the same level ({e['file']} row {e['line']}) gives the CO2 "
            "factor, and an emission factor already includes oxidation (IPCC 2006 Vol.2 "
            f"Ch.1: it is never multiplied by an oxidation factor). {right[0].upper()}"
            f"{right[1:]}")
    return ""


def _unit_text(unit: str) -> str:
    """`` unit`` for a message, nothing for a plain ratio (unit ``1`` or blank)."""
    return "" if str(unit).strip() in ("", "1", "dimensionless") else f" {unit}"


def _dimension_problem(table: FactorTable, item: str, measure: str, rid: int) -> str:
    row = table.rows.iloc[rid]
    have = {"t": "per mass", "Nm3": "per amount of gas (Nm3)", "TJ": "per energy"}[row["den"]]
    given = {"mass": "a mass", "gas": "a gas volume or amount", "energy": "an energy"}[measure]
    return (f"fuel '{item}' is given as {given}, but its {row['quantity']} "
            f"({row['file']} row {row['line']}: {row['value']} {row['unit']}) is {have}, and "
            "carbonpath assumes no density: give the activity in a unit that matches, or supply "
            "a factor in that unit")


def _implausible(table: FactorTable, item: str, measure: str, co2: float, ncv: float,
                 rows: dict[str, np.ndarray], i: int) -> str:
    carbon = co2 / CO2_PER_C  # t C per canonical unit
    if not ((measure == "mass" and carbon >= 1.0)
            or (measure == "gas" and carbon * 1e3 > _MAX_KG_C_PER_NM3)):
        return ""
    used = [table.rows.iloc[int(rows[nm][i])] for nm in rows if rows[nm][i] >= 0]
    where = "; ".join(f"{r['quantity']} {r['value']} {r['unit']} ({r['file']} row {r['line']})"
                      for r in used)
    if measure == "mass" and carbon >= 1.0:
        return (f"IMPLAUSIBLE: the factors of fuel '{item}' imply {carbon:.3g} t of carbon per t "
                f"of fuel (>= 1) from {where}: a unit slip?")
    if measure == "gas" and carbon * 1e3 > _MAX_KG_C_PER_NM3:
        return (f"IMPLAUSIBLE: the factors of fuel '{item}' imply {carbon * 1e3:.3g} kg of carbon "
                f"per Nm3 (no fuel gas has more than {_MAX_KG_C_PER_NM3}) from {where}")
    return ""


def simple_factors(table: FactorTable, keys: pd.DataFrame, quantity: str,
                   gas: str | None = None, basis: str | None = None,
                   historical: bool = True) -> pd.DataFrame:
    """Resolve one quantity per key by the plain precedence (no bundle); see FactorTable.resolve."""
    return table.resolve(keys, quantity, gas=gas, basis=basis, historical=historical)


def carrier_factors(table: FactorTable, keys: pd.DataFrame,
                    historical: bool = True) -> pd.DataFrame:
    """CO2 factor (t CO2 per TJ) of purchased electricity or heat per key (item = carrier)."""
    return table.resolve(keys, "emission_factor", gas="CO2", historical=historical)


def process_gas_factors(table: FactorTable, keys: pd.DataFrame,
                        historical: bool = True) -> dict[str, pd.DataFrame]:
    """Process emission factors (t gas per t product) per key, for every gas the table has.

    Returns
    -------
    dict
        gas -> frame of :meth:`FactorTable.resolve` (``canon`` in t gas per t product).
    """
    rows = table.rows
    items = set(keys["item"])
    gases = sorted(set(rows.loc[(rows["quantity"] == "emission_factor")
                                & rows["item"].isin(items), "gas"]))
    return {gas: table.resolve(keys, "emission_factor", gas=gas, historical=historical)
            for gas in gases}
