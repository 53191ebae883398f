"""Uncertainty: Approach 1 against hand propagation (IPCC 2006 Vol.1 Ch.3 Eqs. 3.1, 3.2),
Approach 2 against Approach 1 where Approach 1 is exact."""

import math

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, uncertainty


def inventory(rows, region="CN-SD", **kw):
    return cp.compute_inventory(pd.DataFrame(rows), region=region, year=2022, **kw)


TWO_COAL_ROWS = [{"sector": "industry", "fuel": "raw_coal", "value": 100, "unit": "t"},
                 {"sector": "residential", "fuel": "raw_coal", "value": 50, "unit": "t"}]


def test_sum_of_rows_eq_3_2():
    inv = inventory(TWO_COAL_ROWS)
    u = uncertainty(inv, {"industry": 0.05, "residential": 0.10}, factor_uncertainty=0.0)
    # E = f x (100, 50): U = sqrt((5% x 100 f)^2 + (10% x 50 f)^2) / 150 f = sqrt(50) / 150
    assert u.total["U_pct"] == pytest.approx(math.sqrt(25 + 25) / 150 * 100)
    by = u.table.set_index("sector")
    assert by.loc["industry", "U_pct"] == pytest.approx(5)
    assert by.loc["residential", "U_pct"] == pytest.approx(10)


def test_shared_factor_stays_correlated():
    inv = inventory(TWO_COAL_ROWS)
    u = uncertainty(inv, {"industry": 0.05, "residential": 0.10},
                    factor_uncertainty={"oxidation_factor": 0.10, "*": 0.0})
    # one oxidation factor for both rows: its part is 10% x 150 f, not a root-sum-square
    assert u.total["U_pct"] == pytest.approx(math.sqrt(5 ** 2 + 5 ** 2 + 15 ** 2) / 150 * 100)
    # per row, Eq. 3.1: sqrt(5^2 + 10^2) and sqrt(10^2 + 10^2)
    by = u.table.set_index("sector")
    assert by.loc["industry", "U_pct"] == pytest.approx(math.sqrt(125))
    assert by.loc["residential", "U_pct"] == pytest.approx(math.sqrt(200))
    assert any("oxidation_factor ±10%" in a for a in u.assumptions)
    ox = u.inputs[u.inputs["origin"] == "assumption"]
    assert len(ox) == 3  # NCV, carbon content, oxidation of China's raw-coal bundle


def test_ipcc_ranges_eq_3_1():
    inv = inventory([{"sector": "industry", "fuel": "anthracite", "value": 1000, "unit": "t"}],
                    region="world")
    u = uncertainty(inv, 0.02)
    # Table 1.2 NCV 26.7 (21.6-32.2): the larger side 32.2 - 26.7 = 5.5
    # Table 1.4 EF 98 300 (94 600-101 000): the larger side 98 300 - 94 600 = 3 700
    u_ncv, u_ef = 5.5 / 26.7, 3700 / 98300
    expected = math.sqrt(0.02 ** 2 + u_ncv ** 2 + u_ef ** 2) * 100
    assert u.total["U_pct"] == pytest.approx(expected)
    assert set(u.inputs["origin"]) == {"argument", "range"}


def test_factor_without_range_raises_with_its_location():
    inv = inventory(TWO_COAL_ROWS)
    with pytest.raises(DataError, match=r"china_fuel_defaults.csv, row \d+.*no low/high"):
        uncertainty(inv, 0.05)
    with pytest.raises(DataError, match="no activity uncertainty for sector residential"):
        uncertainty(inv, {"industry": 0.05}, factor_uncertainty=0.0)


def test_approach_2_agrees_where_approach_1_is_exact():
    # a sum of independent normal rows (factors exact): Approach 1 is exact
    rows = [{"sector": s, "fuel": f, "value": v, "unit": "t"}
            for s, f, v in [("industry", "raw_coal", 400), ("residential", "raw_coal", 80),
                            ("industry", "diesel", 120), ("transport", "diesel", 300),
                            ("agriculture", "diesel", 30)]]
    inv = inventory(rows)
    given = {"industry": 0.03, "residential": 0.25, "transport": 0.08, "agriculture": 0.4}
    a1 = uncertainty(inv, given, factor_uncertainty=0.0, by=("fuel",))
    a2 = uncertainty(inv, given, factor_uncertainty=0.0, by=("fuel",), approach=2,
                     draws=200_000, seed=7)
    np.testing.assert_allclose(a2.table["U_pct"], a1.table["U_pct"], rtol=0.02)
    np.testing.assert_allclose(a2.table["mean"], a1.table["value"], rtol=0.002)
    again = uncertainty(inv, given, factor_uncertainty=0.0, by=("fuel",), approach=2,
                        draws=200_000, seed=7)
    pd.testing.assert_frame_equal(again.table, a2.table)  # seeded


def test_co2e_by_gas_and_lognormal():
    inv = inventory(TWO_COAL_ROWS, gwp="AR6")
    u = uncertainty(inv, 0.05, gas="CO2e", by=("gas",), approach=2, draws=20_000,
                    factor_uncertainty={"emission_factor:CH4": 1.5, "*": 0.05},
                    distribution="lognormal")
    ch4 = u.table.set_index("gas").loc["CH4"]
    assert ch4["low"] > 0  # lognormal keeps a ±150% factor positive
    assert ch4["U_high_pct"] > ch4["U_low_pct"]
    assert u.total["value"] == pytest.approx(inv.total("CO2e").magnitude)
