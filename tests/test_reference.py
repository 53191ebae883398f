"""Reference approach: expected values are hand arithmetic on the sample sheet and table values."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, ReferenceApproachWarning, reference_approach
from carbonpath.accounting.plausible_carrier_bands import PowerEfficiencyWarning

SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "energy_balance_sample.csv"
C2CO2 = 44 / 12
# China's defaults (factors/china_fuel_defaults.csv): NCV (TJ/t or TJ/Nm3), t C/TJ, oxidation
RAW_COAL = 20.908e-3 * 26.18 * 0.93 * C2CO2          # t CO2 per t
CLEANED_COAL = 26.344e-3 * 25.4 * 0.93 * C2CO2       # t CO2 per t
COG = 173.854e-7 * 13.6 * 0.99 * C2CO2               # t CO2 per Nm3
M3_20C = 273.15 / 293.15                             # Nm3 per m3 metered at 20 °C


@pytest.fixture(scope="module")
def result():
    bs = cp.read_energy_balance(SAMPLE, year=2022, region="CN-SD")
    return reference_approach(bs)


def test_raw_coal_by_hand(result):
    r = result.by_fuel.loc["raw_coal"]
    # apparent consumption 292 + 950 - 100 - 5 = 1137 万吨, of which 10 used as raw material
    assert r["apparent_consumption"] == 1137
    assert r["excluded"] == 10
    assert r["carbon_tC"] == pytest.approx(1137e4 * 20.908e-3 * 26.18)
    assert r["excluded_carbon_tC"] == pytest.approx(10e4 * 20.908e-3 * 26.18)
    assert r["reference_tCO2"] == pytest.approx((1137 - 10) * 1e4 * RAW_COAL)
    # burned: power 780 + heat 220 + industry 120 - 10 + rural 15 = 1125
    assert r["sectoral_tCO2"] == pytest.approx(1125e4 * RAW_COAL)
    # the 2 万吨 difference is the sheet's statistical difference
    assert r["statistical_difference"] == pytest.approx(2e4 * RAW_COAL)
    assert r["transformation"] == pytest.approx(0, abs=1e-6)


def test_transformed_fuels_explained(result):
    cc = result.by_fuel.loc["cleaned_coal"]
    # 110 万吨 supplied and all of it coked: reference counts it, the sectoral approach not
    assert cc["reference_tCO2"] == pytest.approx(110e4 * CLEANED_COAL)
    assert cc["sectoral_tCO2"] == 0
    assert cc["transformation"] == pytest.approx(110e4 * CLEANED_COAL)
    cog = result.by_fuel.loc["coke_oven_gas"]
    # nothing supplied; 3.6 made by coking, 0.1 lost, 0.5 + 3.0 burned (亿 m3 at 20 °C)
    assert cog["reference_tCO2"] == 0
    assert cog["sectoral_tCO2"] == pytest.approx(3.5e8 * M3_20C * COG)
    assert cog["losses"] == pytest.approx(0.1e8 * M3_20C * COG)
    assert cog["transformation"] == pytest.approx(-3.6e8 * M3_20C * COG)


def test_coke_of_the_raw_material_line_is_excluded_and_totals_by_hand(result):
    coke = 28.446e-3 * 29.4 * 0.93 * C2CO2  # t CO2 per t
    ck = result.by_fuel.loc["coke"]
    # apparent: inflow 10 - outflow 40 - stock 1 = -31 万吨 (coking's 80 is transformation);
    # excluded: industry's 48 in 其中:用作原料、材料 (the blast furnaces' reductant); none burned
    assert ck["apparent_consumption"] == -31
    assert ck["excluded"] == 48
    assert ck["reference_tCO2"] == pytest.approx((-31 - 48) * 1e4 * coke)
    assert ck["sectoral_tCO2"] == 0
    # every fuel (docs/reference-approach.md): reference (apparent - excluded) x factor
    gasoline, diesel = 44.8e-3 * 18.9 * 0.98 * C2CO2, 43.33e-3 * 20.2 * 0.98 * C2CO2
    gas = M3_20C * 389.31e-7 * 15.3 * 0.99 * C2CO2  # t CO2 per m3 at 20 °C
    reference = ((1137 - 10) * 1e4 * RAW_COAL + 110e4 * CLEANED_COAL + (-31 - 48) * 1e4 * coke
                 + 20e4 * gasoline + 41e4 * diesel + (8 - 0.6) * 1e8 * gas)
    sectoral = (1125e4 * RAW_COAL + 3.5e8 * M3_20C * COG + 20e4 * gasoline + 40e4 * diesel
                + 7.2e8 * gas)
    assert round(reference, 1) == 24_681_729.7
    assert round(sectoral, 1) == 24_595_565.4
    assert result.total["reference_tCO2"] == pytest.approx(reference, rel=1e-9)
    assert result.total["sectoral_tCO2"] == pytest.approx(sectoral, rel=1e-9)
    assert round(result.total["difference_pct"], 2) == 0.35


def test_explanations_add_up_and_group_totals(result):
    f = result.by_fuel
    parts = f[["statistical_difference", "losses", "transformation", "other"]].sum(axis=1)
    np.testing.assert_allclose(parts, f["difference_tCO2"], rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(f["other"], 0, atol=1e-6)  # same factors on both sides
    total = result.total
    assert total["reference_tCO2"] == pytest.approx(f["reference_tCO2"].sum())
    assert total["difference_pct"] == pytest.approx(
        (f["reference_tCO2"].sum() - f["sectoral_tCO2"].sum()) / f["sectoral_tCO2"].sum()
        * 100)
    assert abs(total["difference_pct"]) < 5  # no warning at the default 5%
    assert result.flagged == []


def test_warning_beyond_threshold():
    bs = cp.read_energy_balance(SAMPLE, year=2022, region="CN-SD")
    with pytest.warns(ReferenceApproachWarning, match=r"total: reference .* sectoral"):
        r = reference_approach(bs, threshold=0.001)
    assert "total" in r.flagged


def test_given_inventory_is_compared():
    bs = cp.read_energy_balance(SAMPLE, year=2022, region="CN-SD")
    # a sectoral inventory of one's own, missing coal (without the balance's notes: with
    # them its heat plants' halved coal, 10x under their heat, is refused, round 22 M21)
    half = bs.activity.drop(columns="note")
    half.loc[half["fuel"] == "raw_coal", "value"] /= 2
    # half the coal makes the power plants 61.7 % efficient, which the inventory rightly warns of
    with pytest.warns(PowerEfficiencyWarning, match="61.7%"):
        inv = cp.compute_inventory(half, primary_electricity="calorific")
    with pytest.warns(ReferenceApproachWarning, match="solid"):
        r = reference_approach(bs, inventory=inv)
    coal = r.by_fuel.loc["raw_coal"]
    assert coal["sectoral_tCO2"] == pytest.approx(1125e4 / 2 * RAW_COAL)
    assert coal["other"] == pytest.approx(1125e4 / 2 * RAW_COAL)  # not explained by the sheet


def test_needs_region_and_year():
    bs = cp.read_energy_balance(SAMPLE)
    with pytest.raises(DataError, match="region and a year"):
        reference_approach(bs)
    r = reference_approach(bs, region="CN-SD", year=2022)
    assert isinstance(r.by_group, pd.DataFrame)
