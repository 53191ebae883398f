"""What the inventory's parts share: its choices, the factor keys of the rows, the row frames.

Moved unchanged from :mod:`carbonpath.accounting.inventory` (which re-exports every name):
the methods and conventions, the collapse of activity rows to distinct factor keys
(:func:`_keys`), the lookups of fuel and sector attributes, the typed errors of a part's
problems (:func:`_raise`), the provenance records and the row frames of emissions
(:func:`_frame`) and energy (:func:`_energy_frame`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.activity import _combine, _groups
from carbonpath.codes import fuels, sectors
from carbonpath.errors import (
    DataError,
    FactorNotFoundError,
    ImplausibleValueError,
    Problem,
    UnitError,
    line_label,
)
from carbonpath.factors import FactorTable, bundled_factors, ipcc_category, load_factors

__all__ = ["BIOGENIC_CO2", "CH4_ORIGIN", "METHODS", "PRIMARY_ELECTRICITY"]

METHODS = ("provincial", "gpc")
PRIMARY_ELECTRICITY = ("calorific", "coal_consumption")
_TJ_PER_TCE = 29.3076e-3
_GASES = ("CO2", "CH4", "N2O", "CF4", "C2F6", "SF6")
#: Origin of combustion CH4 under AR6, and why (see docs/units.md).
CH4_ORIGIN = ("non_fossil", "combustion CH4: the CO2 factors already count all the fuel's "
              "carbon (oxidation 1 in the IPCC defaults), so the fossil GWP, which adds the CO2 "
              "of oxidised methane, would count that carbon twice")
_GRID_SECTORS = ("thermal_power", "heat_supply")
#: Category of biogenic CO2 (non-fossil fuels burnt): a memo item, never in a total.
BIOGENIC_CO2 = "biogenic_co2_memo"
_DIMS = ["year", "region", "sector", "fuel", "product", "use", "technology", "category",
         "scope", "in_total", "row", "key"]


def _table(factors: Any) -> FactorTable:
    if factors is None:
        return bundled_factors()
    if isinstance(factors, FactorTable):
        return factors
    return load_factors(extra=list(factors) if isinstance(factors, (list, tuple)) else factors)


def _fuel_attr(col: pd.Series, attr: str) -> np.ndarray:
    fl = fuels()
    cats = col.cat.categories
    lut = np.array([fl.attr(c, attr) if c else "" for c in cats] + [""], dtype=object)
    return lut[col.cat.codes.to_numpy()]


def _sector_attr(col: pd.Series, attr: str) -> np.ndarray:
    sl = sectors()
    lut = np.array([sl.attr(c, attr) if c else "" for c in col.cat.categories] + [""],
                   dtype=object)
    return lut[col.cat.codes.to_numpy()]


def _equals(col: pd.Series, value: str) -> np.ndarray:
    """Boolean mask, shape (n,), of the rows equal to ``value`` (on the codes if categorical)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        cats = col.cat.categories
        if value not in cats:
            return np.zeros(len(col), dtype=bool)
        return col.cat.codes.to_numpy() == cats.get_loc(value)
    return col.astype(str).to_numpy() == value


def _times(quantity: np.ndarray, per_key: np.ndarray, inverse: np.ndarray,
           keep: np.ndarray | None = None) -> np.ndarray:
    """Per-row quantity x per-key factor, shape (n,); NaN where ``keep`` is False.

    ``quantity`` (n,) in the canonical unit, ``per_key`` (k,) per canonical unit, ``inverse``
    (n,) the key of each row.
    """
    out = per_key.astype(np.float64, copy=False)[inverse]
    with np.errstate(over="ignore", invalid="ignore"):  # overflow: reported by _check_finite
        out *= quantity
    if keep is not None and not keep.all():
        out[~keep] = np.nan
    return out


def _keys(table: FactorTable, rows: pd.DataFrame, item_col: str, with_sector: bool,
          extra: np.ndarray | None = None) -> tuple[np.ndarray, pd.DataFrame, np.ndarray]:
    """Collapse rows to distinct factor keys, numbered in order of first appearance.

    ``extra`` (non-negative integer codes, shape (n,)) splits keys further (the measure).
    Works on the categorical codes of the n rows; strings are handled per category.

    Returns
    -------
    inverse : numpy.ndarray of int64, shape (n,)
        Key index of each row.
    keys : pandas.DataFrame
        One row per key (see :data:`~carbonpath.accounting.resolution.KEY_COLUMNS`).
    first : numpy.ndarray of int64
        First row of each key.
    """
    n = len(rows)
    # only rows of these items can serve these keys: regions, sectors and years that have no
    # row of their own collapse onto the first one above them that has
    items = set(rows[item_col].cat.categories)
    if item_col == "fuel":
        items |= {"coal", "oil", "gas"}  # groups of the gross-to-net ratios
    relevant = table.rows[table.rows["item"].isin(items)]
    present_regions = set(relevant["region"])
    present_sectors = set(relevant["sector"])
    year_specific = bool((relevant["year"] >= 0).any())
    # region -> (effective region, own)
    reg_cats = list(rows["region"].cat.categories)
    reg_eff = []
    for r in reg_cats:
        chain = table.regions.chain(r)
        eff = next((a for a in chain if a in present_regions), "world")
        reg_eff.append((eff, eff == r))
    reg_lut_codes, _ = pd.factorize(pd.Series(reg_eff, dtype=object))
    reg_code = reg_lut_codes[rows["region"].cat.codes.to_numpy()]
    parts = [rows[item_col].cat.codes.to_numpy(), reg_code,
             rows["technology"].cat.codes.to_numpy()]
    if with_sector:
        sec_eff = []
        for s in rows["sector"].cat.categories:
            cat = ipcc_category(s)
            eff = next((p for p in _prefixes(cat) if p in present_sectors), "")
            sec_eff.append((eff, eff == cat and cat != ""))
        sec_lut_codes, _ = pd.factorize(pd.Series(sec_eff, dtype=object))
        parts.append(sec_lut_codes[rows["sector"].cat.codes.to_numpy()])
    if year_specific and n:
        years = rows["year"].to_numpy()
        parts.append(years - years.min())
    if extra is not None:
        parts.append(extra)
    inverse, first = _groups(*_combine(parts))
    f = rows.iloc[first]
    reg_pairs = [reg_eff[c] for c in f["region"].cat.codes.to_numpy()]
    keys = pd.DataFrame({
        "item": f[item_col].astype(str).to_numpy(),
        "sector": "",
        "technology": f["technology"].astype(str).to_numpy(),
        "region": [p[0] for p in reg_pairs],
        "year": pd.array(f["year"].to_numpy() if year_specific else [pd.NA] * len(f),
                         dtype="Int64"),
        "region_own": [p[1] for p in reg_pairs],
        "sector_own": True,
    })
    if with_sector:
        cats = list(rows["sector"].cat.categories)
        sec_pairs = [sec_eff[cats.index(s)] for s in f["sector"].astype(str)]
        keys["sector"] = [p[0] for p in sec_pairs]
        keys["sector_own"] = [p[1] for p in sec_pairs]
    return inverse, keys, first


def _prefixes(category: str) -> list[str]:
    if not category:
        return [""]
    return [category[:i] for i in range(len(category), 0, -1)] + [""]


def _raise(problems: list[tuple[str, Problem]], what: str) -> None:
    if not problems:
        return
    kinds = {k for k, _ in problems}
    plist = [p for _, p in problems]
    if kinds == {"implausible"}:
        raise ImplausibleValueError(plist, what)
    if "dimension" in kinds:
        raise UnitError(plist, what)
    if kinds == {"missing"}:
        raise FactorNotFoundError(DataError(plist, what).args[0])
    raise DataError(plist, what)


def _classify(message: str) -> str:
    if message.startswith("IMPLAUSIBLE"):
        return "implausible"
    if "assumes no density" in message:
        return "dimension"
    if message.startswith("incoherent"):
        return "incoherent"
    return "missing"


def _row_fields(table: FactorTable, rid: int) -> dict[str, Any]:
    r = table.rows.iloc[rid]
    return {"quantity": r["quantity"], "gas": r["gas"], "value": float(r["value"]),
            "unit": r["unit"], "factor_region": r["region"],
            "factor_year": None if r["year"] < 0 else int(r["year"]), "source": r["source"],
            "status": r["status"], "file": r["file"], "line": line_label(r["line"]),
            "version": table.version + ("+user" if r["layer"] == 0 else "")}


def _provenance(table: FactorTable, keys: pd.DataFrame, links: pd.DataFrame,
                offset: int) -> pd.DataFrame:
    """Provenance rows: each key's factors, joined to the factor-table rows (vectorised)."""
    links = links[links["row_id"].to_numpy() >= 0]
    k = keys.iloc[links["key"].to_numpy()]
    t = table.rows.iloc[links["row_id"].to_numpy()]
    user = t["layer"].to_numpy() == 0
    year = k["year"].to_numpy(dtype="float64", na_value=np.nan)
    fyear = t["year"].to_numpy().astype(float)
    fyear[fyear < 0] = np.nan
    return pd.DataFrame({
        "key": links["key"].to_numpy() + offset, "item": k["item"].to_numpy(),
        "sector": k["sector"].to_numpy(), "region": k["region"].to_numpy(),
        "year": pd.array(year, dtype="Float64").astype("Int64"),
        "quantity": t["quantity"].to_numpy(), "gas": t["gas"].to_numpy(),
        "value": t["value"].to_numpy(), "unit": t["unit"].to_numpy(),
        "factor_region": t["region"].to_numpy(),
        "factor_year": pd.array(fyear, dtype="Float64").astype("Int64"),
        "source": t["source"].to_numpy(), "status": t["status"].to_numpy(),
        "file": t["file"].to_numpy(), "line": t["line"].to_numpy(),
        "version": np.where(user, table.version + "+user", table.version),
        "rule": links["rule"].to_numpy(), "method": links["method"].to_numpy(),
    })


def _prov_record(table: FactorTable, key: int, k: pd.Series, rid: int, rule: str,
                 method: str) -> dict[str, Any]:
    return {"key": key, "item": k["item"], "sector": k["sector"], "region": k["region"],
            "year": None if pd.isna(k["year"]) else int(k["year"]), **_row_fields(table, rid),
            "rule": rule, "method": method}


def _frame(rows: pd.DataFrame, category: np.ndarray, scope: int | np.ndarray,
           in_total: np.ndarray, values: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per activity row: the dimensions of :data:`_DIMS` but ``key``, then ``values``.

    The columns of ``rows`` are shared, not copied (copy-on-write keeps them apart), and
    the new arrays are taken as they are: pass only arrays nothing else writes to.
    """
    n = len(rows)
    return pd.DataFrame({
        "year": rows["year"],
        "region": rows["region"],
        "sector": rows["sector"],
        "fuel": rows["fuel"],
        "product": pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[""]),
        "use": rows["use"],
        "technology": rows["technology"],
        "category": category if isinstance(category, pd.Categorical)
        else pd.Categorical(category),
        "scope": np.full(n, scope, dtype=np.int64) if np.ndim(scope) == 0
        else np.asarray(scope, dtype=np.int64),
        "in_total": in_total.astype(bool),
        "row": rows["row"],
        **(values or {}),
    }, copy=False)


def _energy_frame(rows: pd.DataFrame, tj: np.ndarray, tce: np.ndarray, in_total: np.ndarray,
                  rule: np.ndarray, calorific: np.ndarray | None = None) -> pd.DataFrame:
    """One row per activity row: energy in TJ and t of standard coal (arrays of shape (n,)).

    ``calorific`` (shape (n,), tce): the standard coal with electricity at its calorific
    equivalent (column ``calorific_tce``); None: ``tce`` itself (rows without primary
    electricity counted by the coal-consumption method).
    """
    return pd.DataFrame({
        "year": rows["year"], "region": rows["region"], "sector": rows["sector"],
        "fuel": rows["fuel"], "use": rows["use"], "in_total": in_total.astype(bool),
        "energy_TJ": tj, "standard_coal_tce": tce,
        "tce_rule": rule if isinstance(rule, pd.Categorical) else pd.Categorical(rule),
        "row": rows["row"], "calorific_tce": tce if calorific is None else calorific,
    }, copy=False)
