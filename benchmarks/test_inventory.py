"""Inventory benchmark: carbonpath vs plain unitless pandas on the same activity rows.

``CARBONPATH_BENCH=full`` runs 300 cities x 10 years x 29 sectors (those without
sub-sectors) x 11 fuels = 957 000 rows; the default is a CI-sized 3 x 2 x 29 x 11 = 1 914
rows. Run with

    PYTHONPATH=src:benchmarks pytest benchmarks --benchmark-group-by=param:size

carbonpath's time includes reading and validating the table (codes, aliases, units, gas
conditions, duplicates), the factor lookup with its precedence, provenance and the totals by
sector and year. The pandas reference gets the factors already resolved per (fuel, sector,
unit), in t per unit of the input, and does the join, the multiplication and the group-by
(sector, year).
"""

import os

import numpy as np
import pandas as pd
import pytest
import synthetic

import carbonpath as cp

SIZES = {"tiny": (3, 2), "full": (300, 10)}
SIZE = os.environ.get("CARBONPATH_BENCH", "tiny")
GWP = {"CO2": 1.0, "CH4": 27.0, "N2O": 273.0}  # AR6, combustion CH4 non-fossil


@pytest.fixture(scope="module")
def data():
    n_cities, n_years = SIZES[SIZE]
    df = synthetic.activity(n_cities, n_years)
    table = synthetic.factor_table(n_cities)
    # resolve the factors once (outside the timing) for the plain-pandas reference
    keys = df[["fuel", "sector", "unit", "gas_condition", "use"]].drop_duplicates()
    sample = keys.assign(value=1.0, region="CN", year=2020)
    inv = cp.compute_inventory(sample, factors=table, gwp="AR6")
    per_unit = inv.emissions.pivot_table(index="row", columns="gas", values="value")
    resolved = keys.reset_index(drop=True).join(per_unit.reset_index(drop=True))
    resolved = resolved.rename(columns={g: f"f_{g}" for g in GWP})
    return df, table, resolved.drop(columns=["gas_condition", "use"])


def carbonpath_inventory(df, table):
    inv = cp.compute_inventory(df, factors=table, gwp="AR6")
    # a sum over years or regions is no one's total: by region, sector and year
    return inv.by("region", "sector", "year", gas="CO2e")


def pandas_inventory(df, resolved):
    m = df.merge(resolved, on=["fuel", "sector", "unit"], how="left")
    m["co2e"] = m["value"] * (m["f_CO2"] + GWP["CH4"] * m["f_CH4"] + GWP["N2O"] * m["f_N2O"])
    return m.groupby(["region", "sector", "year"], as_index=False)["co2e"].sum()


@pytest.mark.parametrize("size", [SIZE])
def test_carbonpath(benchmark, data, size):
    df, table, resolved = data
    benchmark.group = f"inventory-{size}-{len(df)}-rows"
    out = benchmark.pedantic(carbonpath_inventory, args=(df, table), rounds=5, iterations=1,
                             warmup_rounds=1)
    ref = pandas_inventory(df, resolved).set_index(["region", "sector", "year"])["co2e"]
    got = out.set_index(["region", "sector", "year"])["value"]
    np.testing.assert_allclose(got.loc[ref.index].to_numpy(), ref.to_numpy(), rtol=1e-9)


@pytest.mark.parametrize("size", [SIZE])
def test_plain_pandas(benchmark, data, size):
    df, _, resolved = data
    benchmark.group = f"inventory-{size}-{len(df)}-rows"
    out = benchmark.pedantic(pandas_inventory, args=(df, resolved), rounds=5, iterations=1,
                             warmup_rounds=1)
    assert isinstance(out, pd.DataFrame)
