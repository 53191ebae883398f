"""The inventory's fuel rows: energy, combustion CO2, CH4 and N2O, standard coal.

Moved unchanged from :mod:`carbonpath.accounting.inventory`: energy = quantity x NCV (gross
input converted to net), CO2 of combustion from one coherent level of the factor tables
(:mod:`carbonpath.accounting.resolution`), CH4 and N2O by IPCC sector category, biogenic CO2
as a memo item; non-energy use, feedstock and transformation input carry energy but no
combustion emissions; standard coal by GB/T 2589-2020 coefficients, or by the calorific
value where it is the more specific (:mod:`carbonpath.accounting.standard_coal`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.inventory_rows import (
    _GRID_SECTORS,
    _TJ_PER_TCE,
    BIOGENIC_CO2,
    _classify,
    _energy_frame,
    _equals,
    _frame,
    _fuel_attr,
    _keys,
    _provenance,
    _raise,
    _row_fields,
    _times,
)
from carbonpath.accounting.resolution import combustion_factors
from carbonpath.accounting.standard_coal import RULES as STANDARD_COAL_RULES
from carbonpath.accounting.standard_coal import standard_coal_factors
from carbonpath.codes import fuels
from carbonpath.errors import Problem
from carbonpath.factors import FactorTable

__all__: list[str] = []


def _fuel_part(table: FactorTable, rows: pd.DataFrame, source: str, historical: bool,
               method: str, prov: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    n = len(rows)
    if n == 0:
        empty = _frame(rows, np.zeros(0, dtype=object), 1, np.zeros(0, dtype=bool))
        for col in ("CO2", "CH4", "N2O"):
            empty[col] = np.zeros(0)
        empty["key"] = np.zeros(0, dtype=np.int64)
        return empty, _energy_frame(rows, np.zeros(0), np.zeros(0), np.zeros(0, bool),
                                    np.zeros(0, dtype=object)), 0
    measure_codes = rows["measure"].cat.codes.to_numpy()
    inverse, keys, first = _keys(table, rows, "fuel", True, extra=measure_codes)
    key_measure = np.asarray(rows["measure"].cat.categories, dtype=object)[
        measure_codes[first]]
    res = combustion_factors(table, keys, key_measure, historical=historical)
    use_cats = list(rows["use"].cat.categories)
    use_codes = rows["use"].cat.codes.to_numpy()
    combusted = use_codes == use_cats.index("combustion")
    problems: list[tuple[str, Problem]] = []
    comb_keys = np.zeros(len(keys), dtype=bool)
    comb_keys[inverse if combusted.all() else inverse[combusted]] = True
    for i in np.flatnonzero(res["problem"].to_numpy() != ""):
        msg = res["problem"].iloc[i]
        row_idx = int(first[i])
        problems.append((_classify(msg), Problem(msg, file=source, row=rows["row"].iloc[row_idx],
                                                 column="fuel", value=keys["item"].iloc[i])))
    for gas in ("ch4", "n2o"):
        missing = comb_keys & (res[f"{gas}_row"].to_numpy() < 0) & (res["problem"].to_numpy() == "")
        for i in np.flatnonzero(missing):
            problems.append(("missing", Problem(
                f"no {gas.upper()} emission factor for fuel '{keys['item'].iloc[i]}' in IPCC "
                f"sector category {keys['sector'].iloc[i] or '(none)'} (sector "
                f"'{rows['sector'].iloc[int(first[i])]}'); supply one in a user factor table",
                file=source, row=rows["row"].iloc[int(first[i])], column="sector")))
    _raise(problems, "inventory")

    # gross -> net for energy given on a gross basis (IPCC 2006 Vol.2 Ch.1 1.4.1.2)
    quantity = rows["quantity"].to_numpy()
    gross = _equals(rows["energy_basis"], "gross")
    ratio_rows: dict[int, Any] = {}
    if gross.any():
        quantity = quantity.copy()
        groups = _fuel_attr(rows["fuel"], "group")
        # by the row's region, year, sector and technology, as any factor (round 30: a
        # user's Shandong ratio was read by nothing, the world ratio applied without a word)
        where = pd.DataFrame({"grp": groups, "region": rows["region"].astype(str).to_numpy(),
                              "year": rows["year"].to_numpy(),
                              "sector": rows["sector"].astype(str).to_numpy(),
                              "tech": rows["technology"].astype(object).to_numpy()})[gross]
        for (grp, region, year, sector, tech), part in where.groupby(
                ["grp", "region", "year", "sector", "tech"], sort=False, dropna=False):
            f = table.lookup(grp if grp in ("coal", "oil", "gas") else "coal", "ncv_gcv_ratio",
                             sector=sector, technology=tech if tech and tech == tech else None,
                             region=region, year=int(year), historical=historical)
            quantity[part.index.to_numpy()] *= f.value.magnitude
            ratio_rows[int(f.row_id)] = f
    energy_tj = _times(quantity, res["ncv"].to_numpy(), inverse)
    fuel_codes = rows["fuel"].cat.codes.to_numpy()
    fossil_lut = np.array([fuels().attr(c, "fossil") == "yes" for c in rows["fuel"].cat.categories])
    fossil = fossil_lut[fuel_codes]
    co2 = _times(quantity, res["co2"].to_numpy(), inverse, keep=combusted)
    ch4 = _times(quantity, res["ch4"].to_numpy(), inverse, keep=combusted)
    n2o = _times(quantity, res["n2o"].to_numpy(), inverse, keep=combusted)
    # CH4 and N2O of every fuel burnt count; CO2 of biomass is a memo item (own rows below)
    cat_names = [*use_cats, BIOGENIC_CO2]
    biogenic = combusted & ~fossil
    category = pd.Categorical.from_codes(use_codes.astype(np.int32, copy=False),
                                         categories=cat_names)
    in_total = combusted.copy()
    if method == "gpc":
        grid_lut = np.isin(np.asarray(rows["sector"].cat.categories, dtype=object), _GRID_SECTORS)
        in_total &= ~grid_lut[rows["sector"].cat.codes.to_numpy()]
    # standard coal on the calorific basis of the CO2 (accounting/standard_coal.py, J16/J21)
    sce = standard_coal_factors(table, keys, res, key_measure, historical=historical)
    by_ncv = sce["rule"].to_numpy() != 0
    tce = _times(quantity, sce["tce"].to_numpy(), inverse)
    if by_ncv.any():  # the same as tce per unit, from the row's own energy
        np.divide(energy_tj, _TJ_PER_TCE, out=tce, where=by_ncv[inverse])
    frame = _frame(rows, category, 1, in_total,
                   {"key": inverse, "CO2": np.where(biogenic, np.nan, co2), "CH4": ch4,
                    "N2O": n2o})
    if biogenic.any():
        frame = pd.concat([frame, _biogenic_memo(rows, biogenic, cat_names, inverse, co2)],
                          ignore_index=True)
    energy = _energy_frame(rows, energy_tj, tce,
                           use_codes != use_cats.index("transformation_input"),
                           pd.Categorical.from_codes(
                               sce["rule"].to_numpy().astype(np.int8)[inverse],
                               categories=list(STANDARD_COAL_RULES)))
    # provenance per key: (key, table row, rule, method), joined to the table rows at once
    links = [pd.DataFrame({"key": np.arange(len(keys)), "row_id": res[f"{name}_row"],
                           "rule": res[f"{name}_rule"], "method": res["method"]})
             for name in ("ncv", "ef", "cc", "ox", "ch4", "n2o")]
    links.append(pd.DataFrame({"key": np.arange(len(keys)), "row_id": sce["row_id"],
                               "rule": sce["lookup_rule"], "method": "standard coal"})
                 [~by_ncv])
    prov.append(_provenance(table, keys, pd.concat(links, ignore_index=True), 0))
    if ratio_rows:
        recs = [{"key": -1, "item": f.item, "sector": f.sector, "region": f.region,
                 "year": f.year,
                 **_row_fields(table, rid), "rule": f.rule, "method": "gross to net"}
                for rid, f in ratio_rows.items()]
        prov.append(pd.DataFrame.from_records(recs))
    return frame, energy, len(keys)


def _biogenic_memo(rows: pd.DataFrame, biogenic: np.ndarray, cat_names: list[str],
                   inverse: np.ndarray, co2: np.ndarray) -> pd.DataFrame:
    """Rows of biogenic CO2 (category :data:`BIOGENIC_CO2`), reported but never counted.

    IPCC 2006 Guidelines Vol.2 Ch.1 1.4.1 and Ch.2: CO2 from biomass burnt for energy is
    reported as an information item, not in the sectoral or national totals (its net
    emission belongs to AFOLU); the CH4 and N2O of the same fuel are included, so they stay
    in the ``combustion`` rows and the totals.
    """
    n = int(biogenic.sum())
    category = pd.Categorical.from_codes(np.full(n, len(cat_names) - 1, dtype=np.int32),
                                         categories=cat_names)
    nan = np.full(n, np.nan)
    return _frame(rows[biogenic].reset_index(drop=True), category, 1, np.zeros(n, dtype=bool),
                  {"key": inverse[biogenic], "CO2": co2[biogenic], "CH4": nan, "N2O": nan})
