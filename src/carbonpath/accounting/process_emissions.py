"""The inventory's production rows: process emissions (CO2, N2O, PFCs) x production.

Moved unchanged from :mod:`carbonpath.accounting.inventory`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonpath.accounting.activity import Production
from carbonpath.accounting.inventory_rows import _DIMS, _keys, _prov_record, _raise
from carbonpath.accounting.resolution import process_gas_factors
from carbonpath.errors import Problem
from carbonpath.factors import FactorTable

__all__: list[str] = []


def _process_part(table: FactorTable, prod: Production | None, historical: bool, offset: int,
                  prov: list[pd.DataFrame]) -> pd.DataFrame:
    if prod is None or len(prod) == 0:
        return pd.DataFrame(columns=_DIMS)
    rows = prod.data
    n = len(rows)
    inverse, keys, first = _keys(table, rows, "product", False)
    by_gas = process_gas_factors(table, keys, historical=historical)
    found = np.zeros(len(keys), dtype=bool)
    for r in by_gas.values():
        found |= r["row_id"].to_numpy() >= 0
    problems = []
    for i in np.flatnonzero(~found):
        k = keys.iloc[i]
        problems.append(("missing", Problem(
            f"no process emission factor for product '{k['item']}' (technology "
            f"'{k['technology'] or 'any'}') in region {k['region']} or above, year {k['year']}",
            file=prod.source, row=rows["row"].iloc[int(first[i])], column="product",
            value=k["item"])))
    _raise(problems, "process emissions")
    frame = pd.DataFrame({
        "year": rows["year"].to_numpy(), "region": rows["region"],
        "sector": pd.Categorical(["industrial_processes"] * n),
        "fuel": pd.Categorical([""] * n), "product": rows["product"],
        "use": pd.Categorical(["process"] * n), "technology": rows["technology"],
        "category": pd.Categorical(["process"] * n), "scope": np.ones(n, dtype=np.int64),
        "in_total": np.ones(n, dtype=bool), "row": rows["row"].to_numpy(),
        "key": inverse + offset,
    })
    recs = []
    q = rows["quantity"].to_numpy()
    for gas, r in by_gas.items():
        per_t = r["canon"].to_numpy()
        frame[gas] = np.where(r["row_id"].to_numpy()[inverse] >= 0, q * per_t[inverse], np.nan)
        for i in np.flatnonzero(r["row_id"].to_numpy() >= 0):
            recs.append(_prov_record(table, int(i) + offset, keys.iloc[i], int(r["row_id"].iloc[i]),
                                     r["rule"].iloc[i], "process"))
    if recs:
        prov.append(pd.DataFrame.from_records(recs))
    return frame
