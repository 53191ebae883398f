"""Synthetic activity data for benchmarks: N cities x years x sectors x fuels.

The cities are synthetic regions (``BENCH-0001`` ...) under real provinces, passed to
``load_factors(regions=...)`` as a user region table. Values are random; only the shape and
the code paths matter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import carbonpath as cp
from carbonpath.codes import sectors

PROVINCES = ["CN-SD", "CN-JS", "CN-HE", "CN-HA", "CN-GD", "CN-SC", "CN-LN", "CN-SN", "CN-ZJ",
             "CN-HB"]
FUELS = {  # fuel -> unit of China's statistics
    "raw_coal": "万吨", "cleaned_coal": "万吨", "other_washed_coal": "万吨", "briquettes": "万吨",
    "coke": "万吨", "diesel": "万吨", "gasoline": "万吨", "fuel_oil": "万吨", "lpg": "万吨",
    "natural_gas": "亿立方米", "lng": "万吨",
}


def combustion_sectors() -> list[str]:
    """Final and transformation sectors without sub-sectors (a parent beside its own
    sub-sectors would count their fuel twice, which the inventory refuses)."""
    table = sectors().table
    parents = set(table["parent"].dropna())
    keep = table["kind"].isin(["final", "transformation"]) & ~table.index.isin(parents)
    return list(table.index[keep])


def regions(n_cities: int) -> pd.DataFrame:
    return pd.DataFrame({
        "region": [f"BENCH-{i:04d}" for i in range(n_cities)],
        "name_en": [f"bench city {i}" for i in range(n_cities)],
        "name_zh": "", "parent": [PROVINCES[i % len(PROVINCES)] for i in range(n_cities)],
        "level": "city", "aliases": "",
    })


def activity(n_cities: int, n_years: int, seed: int = 0) -> pd.DataFrame:
    """Return a tidy activity table of n_cities x n_years x sectors x fuels rows."""
    rng = np.random.default_rng(seed)
    secs = combustion_sectors()
    fuels = list(FUELS)
    cities = regions(n_cities)["region"].to_numpy()
    years = np.arange(2014, 2014 + n_years)
    grid = np.meshgrid(np.arange(n_cities), years, np.arange(len(secs)), np.arange(len(fuels)),
                       indexing="ij")
    c, y, s, f = (g.ravel() for g in grid)
    fuel = np.asarray(fuels, dtype=object)[f]
    unit = np.asarray([FUELS[x] for x in fuels], dtype=object)[f]
    return pd.DataFrame({
        "region": cities[c], "year": y, "sector": np.asarray(secs, dtype=object)[s],
        "fuel": fuel, "value": rng.uniform(0, 50, len(c)).round(3), "unit": unit,
        "gas_condition": np.where(fuel == "natural_gas", "20C", ""),
        # every row burned: a blank use in a fuel-making sector is refused (round 18, Q150)
        "use": "combustion",
    })


def factor_table(n_cities: int) -> cp.FactorTable:
    return cp.load_factors(regions=regions(n_cities))
