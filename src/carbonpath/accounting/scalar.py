"""Per-unit factors of one fuel or product, for the pathway model.

The pathway model takes its technologies' emission factors from here, and this module goes
through the same resolution code as the inventory
(:func:`carbonpath.accounting.resolution.combustion_factors`), so the model's base-year
emissions reconcile with the inventory's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.resolution import CO2_PER_C, combustion_factors, process_gas_factors
from carbonpath.accounting.standard_coal import RULES as STANDARD_COAL_RULES
from carbonpath.accounting.standard_coal import standard_coal_factors
from carbonpath.accounting.technologies import technology_problems
from carbonpath.codes import fuels, products
from carbonpath.errors import DataError, FactorNotFoundError, ImplausibleValueError, Problem
from carbonpath.factors import Factor, FactorTable, bundled_factors, ipcc_category, load_factors
from carbonpath.units import Q_

__all__ = ["fuel_factors", "fuel_factors_many", "process_factors", "process_factors_many"]

#: What ``factors=`` takes: a table, or user factor tables for ``load_factors(extra=...)``
#: (round 27 MC91: anything else is an ArgumentTypeError naming ``factors``).
FactorsArgument = (FactorTable | str | Path | pd.DataFrame
                   | Sequence[str | Path | pd.DataFrame] | None)

_DEN_UNIT = {"t": "t", "Nm3": "Nm3"}


def _table(factors: Any) -> FactorTable:
    if factors is None:
        return bundled_factors()
    if isinstance(factors, FactorTable):
        return factors
    return load_factors(extra=factors)


def _key(table: FactorTable, item: str, sector: str | None, technology: str | None,
         region: str, year: int | None) -> pd.DataFrame:
    if technology:  # a code no factor row of the item has: accounting/technologies.py
        found = technology_problems(np.zeros(1, dtype=np.int64), [item],
                                    np.ones(1, dtype=np.int64), ["", str(technology)], table,
                                    [None], "", "item", sec_c=np.zeros(1, dtype=np.int64),
                                    sec_cats=[str(sector or "")])  # round 22 M09
        DataError.collect([Problem(p.message, key="technology", value=p.value, valid=p.valid)
                           for p in found])
    return table._keys_frame([item], [sector], [technology], [region], [year])


@checked
def fuel_factors(fuel: str, sector: str, region: str, year: int | None,
                 factors: FactorsArgument = None, historical: bool = False,
                 technology: str | None = None) -> dict[str, Any]:
    """Return the per-unit factors of a fuel burned in a sector, region and year.

    The unit of the fuel is the unit of its calorific value at the level the coherent CO2
    bundle was found (see :mod:`carbonpath.accounting.resolution`): ``t`` for solids and
    liquids, ``Nm3`` (0 °C, 101.325 kPa) for gases with a volumetric NCV (China's defaults).
    Convert the model's fuel flows to that unit (``result["unit"]``) with carbonpath's
    registry; a gas metered at 20 °C is ``m3_20C``.

    Parameters
    ----------
    fuel : str
        Fuel code or alias (``raw_coal``, ``天然气``).
    sector : str
        carbonpath sector code or IPCC category (CH4 and N2O depend on it).
    region : str
        Region code or alias (walks up the region table).
    year : int or None
        The year; ``None`` uses only rows valid for any year.
    factors : FactorTable, path or list of paths, optional
        Default: the bundled tables.
    historical : bool
        ``False`` (default, for projections): a year-specific factor is never carried
        forward from an earlier year. ``True`` for base-year calibration.
    technology : str, optional
        Technology of CH4/N2O factors (road vehicles: ``uncontrolled`` ...).

    Returns
    -------
    dict
        ``unit`` (str, ``"t"`` or ``"Nm3"``); ``ncv``: Factor, energy per unit (TJ/unit);
        ``CO2``, ``CH4``, ``N2O``: Factor, t of gas per unit (derived: NCV x emission factor,
        or NCV x carbon content x oxidation x 44/12; ``derived_from`` holds the table
        factors); ``standard_coal``: Factor, kgce per unit (GB/T 2589-2020 Appendix A, or
        NCV / 29.3076 MJ/kgce if the standard has no row in this unit or the calorific value
        is the more specific: :mod:`carbonpath.accounting.standard_coal`);
        ``method``: ``emission_factor`` or ``carbon_content``.

    Raises
    ------
    FactorNotFoundError
        No complete factor set for the fuel.
    DataError
        Incoherent levels, unknown codes, or a factor in a unit that does not fit.
    ImplausibleValueError
        Factors implying a carbon fraction >= 1.
    """
    table = _table(factors)
    code = _fuel_code(fuel)
    keys = _key(table, code, sector, technology, region, year)
    res, sce = _resolve_bundles(table, keys, [_measures(code)], historical)
    return _bundle(table, code, sector, res.iloc[0], sce.iloc[0])


#: What to call instead of :func:`fuel_factors` for an energy carrier (round 18 Q51).
_CARRIER_CALLS = {
    "electricity": "the grid emission factor: load_factors().grid_factor(region, year) "
                   "(t CO2/MWh; factors/grid_factors.csv)",
    "heat": "the heat emission factor: load_factors().grid_factor(region, year, "
            "item='heat') (t CO2/GJ; factors/heat_supply.csv)",
    "hydrogen": "the factors of what makes it: the fuels or electricity of its production "
                "(hydrogen burnt emits no CO2)"}


def _fuel_code(fuel: str) -> str:
    """The fuel's code.

    Raises
    ------
    DataError
        An unknown fuel (naming the valid codes); an energy carrier (electricity, heat,
        hydrogen), which is not burnt in the region and has no combustion factors: the
        message names the call that prices it (round 18 Q51: ``fuel_factors("electricity")``
        had said to add a calorific value to the grid factor's level).
    """
    code = fuels().resolve(fuel)
    if code is None:
        raise DataError(Problem("unknown fuel", column="fuel", value=fuel,
                                valid=fuels().valid_text(fuel)))
    if fuels().attr(code, "group") == "carrier":
        burnt = [c for c in fuels().codes if fuels().attr(c, "group") != "carrier"]
        raise DataError(Problem(
            f"{code} is an energy carrier, not a fuel burnt: it has no combustion factors",
            column="fuel", value=fuel, valid=f"for {code}, "
            f"{_CARRIER_CALLS.get(code, 'its own factor')}; fuel_factors() takes a fuel "
            f"burnt ({', '.join(burnt)})"))
    return code


def _measures(code: str) -> list[str]:
    """The measures to try for a fuel: the NCV of the bundle decides, mass or gas amount."""
    state = fuels().attr(code, "state")
    return ["gas", "mass"] if state == "gas" else ["mass", "gas"]


def _resolve_bundles(table: FactorTable, keys: pd.DataFrame, orders: list[list[str]],
                     historical: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Combustion bundles and standard-coal coefficients of many keys in one pass each.

    Each key tries its measures in order (the next one only where the first found a bundle
    that assumes no density), as one key at a time would; the rows of the results follow the
    keys.
    """
    measure = np.array([o[0] for o in orders], dtype=object)
    res = combustion_factors(table, keys, measure, historical=historical)
    retry = [i for i, text in enumerate(res["problem"]) if text and "assumes no density" in text]
    if retry:
        again = combustion_factors(table, keys.iloc[retry].reset_index(drop=True),
                                   np.array([orders[i][1] for i in retry], dtype=object),
                                   historical=historical)
        res = res.copy()
        for j, i in enumerate(retry):
            res.iloc[i] = again.iloc[j]
            measure[i] = orders[i][1]
    # standard coal on the bundle's calorific basis, as the inventory (J16/J21)
    ok = (res["problem"] == "").to_numpy()
    sce = pd.DataFrame({"tce": np.nan, "rule": 1, "row_id": -1, "den": "", "lookup_rule": ""},
                       index=range(len(keys)))
    if ok.any():
        found = standard_coal_factors(table, keys[ok].reset_index(drop=True),
                                      res[ok].reset_index(drop=True), measure[ok],
                                      historical=historical)
        sce.loc[np.flatnonzero(ok)] = found.to_numpy()
    return res, sce


def fuel_factors_many(pairs: list[tuple[str, str]], region: str, year: int | None,
                      factors: FactorsArgument = None,
                      historical: bool = False) -> dict[tuple[str, str], Any]:
    """:func:`fuel_factors` of many (fuel, sector) pairs, resolved in one pass.

    The same numbers, rules and sources as one :func:`fuel_factors` call per pair (no
    technology), at a fraction of the cost: the factor table is searched once for all keys.

    Parameters
    ----------
    pairs : list of (str, str)
        (fuel code or alias, sector) pairs; repeats are resolved once.
    region, year, factors, historical
        As :func:`fuel_factors`.

    Returns
    -------
    dict
        (fuel, sector) -> the :func:`fuel_factors` dict, or the exception that call would
        raise for that pair (DataError, FactorNotFoundError, ImplausibleValueError).
    """
    table = _table(factors)
    out: dict[tuple[str, str], Any] = {}
    todo: list[tuple[tuple[str, str], str]] = []
    for pair in dict.fromkeys(pairs):
        try:
            todo.append((pair, _fuel_code(pair[0])))
        except DataError as exc:
            out[pair] = exc
    if not todo:
        return out
    n = len(todo)
    keys = table._keys_frame([c for _, c in todo], [p[1] for p, _ in todo], [None] * n,
                             [region] * n, [year] * n)
    res, sce = _resolve_bundles(table, keys, [_measures(c) for _, c in todo], historical)
    res_rows, sce_rows = res.to_dict("records"), sce.to_dict("records")  # not .iloc each
    for i, (pair, code) in enumerate(todo):
        try:
            out[pair] = _bundle(table, code, pair[1], res_rows[i], sce_rows[i])
        except (DataError, FactorNotFoundError, ImplausibleValueError) as exc:
            out[pair] = exc
    return out


def _bundle(table: FactorTable, code: str, sector: str, r: pd.Series | dict[str, Any],
            sce: pd.Series | dict[str, Any]) -> dict[str, Any]:
    """The :func:`fuel_factors` dict of one resolved key.

    ``r`` is the key's row of :func:`_resolve_bundles`' bundles, ``sce`` its row of the
    standard-coal coefficients.

    Raises
    ------
    FactorNotFoundError, DataError, ImplausibleValueError
        As :func:`fuel_factors`.
    """
    if r["problem"]:
        msg = str(r["problem"])
        if msg.startswith("IMPLAUSIBLE"):
            raise ImplausibleValueError(Problem(msg, column="fuel", value=code))
        if msg.startswith("no CO2"):
            raise FactorNotFoundError(msg)
        raise DataError(Problem(msg, column="fuel", value=code))
    ncv_f = table.factor(int(r["ncv_row"]), str(r["ncv_rule"]))
    unit = "t" if table.rows.at[int(r["ncv_row"]), "den"] == "t" else "Nm3"
    ncv = _derived(ncv_f, "calorific_value", "", Q_(float(r["ncv"]), f"TJ/{unit}"),
                   f"calorific value of {code}", (ncv_f,), f"TJ/{unit}")
    out: dict[str, Any] = {"unit": unit, "ncv": ncv, "method": r["method"]}
    parts = tuple(table.factor(int(r[f"{n}_row"]), str(r[f"{n}_rule"]))
                  for n in ("ef", "cc", "ox") if int(r[f"{n}_row"]) >= 0)
    formula = ("NCV x emission factor" if r["method"] == "emission_factor"
               else f"NCV x carbon content x oxidation factor x 44/12 ({CO2_PER_C:.6f})")
    out["CO2"] = _derived(ncv_f, "emission_factor", "CO2", Q_(float(r["co2"]), f"t CO2/{unit}"),
                          formula, (ncv_f, *parts), f"t CO2/{unit}")
    for gas in ("CH4", "N2O"):
        rid = int(r[f"{gas.lower()}_row"])
        if rid < 0:
            out[gas] = None
            continue
        f = table.factor(rid, str(r[f"{gas.lower()}_rule"]))
        out[gas] = _derived(ncv_f, "emission_factor", gas,
                            Q_(float(r[gas.lower()]), f"t {gas}/{unit}"),
                            f"NCV x {gas} emission factor of IPCC category "
                            f"{ipcc_category(sector) or '(any)'}", (ncv_f, f), f"t {gas}/{unit}")
    srow = int(sce["row_id"])
    if srow >= 0:
        f = table.factor(srow, str(sce["lookup_rule"]))
        out["standard_coal"] = _derived(f, "standard_coal_coefficient", "",
                                        Q_(float(sce["tce"]) * 1e3, f"kgce/{unit}"),
                                        "GB/T 2589-2020 coefficient", (f,), f"kgce/{unit}")
    else:
        why = STANDARD_COAL_RULES[int(sce["rule"])].split(" (", 1)[1].rstrip(")")
        out["standard_coal"] = _derived(ncv_f, "standard_coal_coefficient", "",
                                        Q_(float(r["ncv"]), f"TJ/{unit}").to(f"kgce/{unit}"),
                                        f"NCV / 29.3076 MJ per kgce ({why})", (ncv_f,),
                                        f"kgce/{unit}")
    return out


def _derived(base: Factor, quantity: str, gas: str, value: Any, formula: str,
             inputs: tuple[Factor, ...], unit: str) -> Factor:
    status = "verified" if all(f.status == "verified" for f in inputs) else "unverified"
    sources = "; ".join(dict.fromkeys(f.source for f in inputs))
    return Factor(item=base.item, quantity=quantity, gas=gas, value=value,
                  unit=unit, source=f"derived: {formula} [{sources}]",
                  status=status, rule=base.rule, region=base.region, year=base.year,
                  version=base.version, derived_from=inputs)


@checked
def process_factors(item: str, region: str, year: int | None,
                    factors: FactorsArgument = None, technology: str | None = None,
                    historical: bool = False) -> dict[str, Factor]:
    """Return the process emission factors of a product, per t of product.

    Parameters
    ----------
    item : str
        Product code or alias (``cement_clinker``, ``primary_aluminium_prebake``, 熟料).
    region : str
        Region code or alias.
    year : int or None
    factors : FactorTable, path or list of paths, optional
    technology : str, optional
        E.g. ``cwpb`` / ``swpb`` for prebake aluminium PFCs; ``None`` takes the rows valid
        for any technology (the documented defaults).
    historical : bool
        As in :func:`fuel_factors`.

    Returns
    -------
    dict
        gas -> Factor (value in the table's unit, e.g. ``t CO2/t``, ``kg CF4/t``).
        Sources: ``factors/process_ipcc2006.csv`` (IPCC 2006 Vol.3 Tier 1).

    Raises
    ------
    FactorNotFoundError
        No process factor for the product.
    DataError
        Unknown product or region.
    """
    table = _table(factors)
    code = products().resolve(item)
    if code is None:
        raise DataError(Problem("unknown product", column="product", value=item,
                                valid=products().valid_text(item)))
    keys = _key(table, code, None, technology, region, year)
    out = {}
    for gas, r in process_gas_factors(table, keys, historical=historical).items():
        rid = int(r["row_id"].iloc[0])
        if rid >= 0:
            out[gas] = table.factor(rid, str(r["rule"].iloc[0]))
    if not out:
        raise FactorNotFoundError(
            f"no process emission factor for '{code}' (technology {technology or 'any'}) in "
            f"region {region} or above, year {year}; supply one in a user factor table")
    return out


def process_factors_many(requests: list[tuple[str, str | None]], region: str, year: int | None,
                         factors: FactorsArgument = None,
                         historical: bool = False) -> dict[tuple[str, str | None], Any]:
    """:func:`process_factors` of many (item, technology) pairs, resolved in one pass.

    The same factors, rules and errors as one :func:`process_factors` call per pair, but the
    factor table is searched once per gas for all pairs (one key each) instead of once per
    gas and pair (frozen main job: six products, about 20 ms less).

    Parameters
    ----------
    requests : list of (str, str or None)
        (product code or alias, technology or None) pairs; repeats are resolved once.
    region, year, factors, historical
        As :func:`process_factors`.

    Returns
    -------
    dict
        (item, technology) -> the :func:`process_factors` dict (gas -> Factor), or the
        exception that call would raise for that pair (DataError, FactorNotFoundError).

    Raises
    ------
    DataError
        An unknown region, or two factor rows that tie for one of the keys (the caller may
        then resolve the pairs one at a time, to learn which).
    """
    table = _table(factors)
    out: dict[tuple[str, str | None], Any] = {}
    todo: list[tuple[tuple[str, str | None], str]] = []
    for pair in dict.fromkeys(requests):
        item, technology = pair
        code = products().resolve(item)
        if code is None:
            out[pair] = DataError(Problem("unknown product", column="product", value=item,
                                          valid=products().valid_text(item)))
            continue
        try:
            if technology:  # the check of _key, without its one-key frame
                _key(table, code, None, technology, region, year)
        except DataError as exc:
            out[pair] = exc.with_traceback(None)  # kept: no frames held through it
            continue
        todo.append((pair, code))
    if not todo:
        return out
    n = len(todo)
    keys = table._keys_frame([c for _, c in todo], [None] * n, [p[1] for p, _ in todo],
                             [region] * n, [year] * n)
    by_gas = process_gas_factors(table, keys, historical=historical)
    for i, ((item, technology), code) in enumerate(todo):
        found = {}
        for gas, r in by_gas.items():
            rid = int(r["row_id"].iat[i])
            if rid >= 0:
                found[gas] = table.factor(rid, str(r["rule"].iat[i]))
        out[(item, technology)] = found or FactorNotFoundError(
            f"no process emission factor for '{code}' (technology {technology or 'any'}) in "
            f"region {region} or above, year {year}; supply one in a user factor table")
    return out
