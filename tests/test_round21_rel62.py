"""Round 21 (tester J) accounting factor consistency: J10 J16 J21 J17 J75 J76 J66.

Expected values are hand calculations written out here: GB/T 2589-2020 (1 kgce = 29.3076 MJ;
electricity 0.1229 kgce/kWh as Appendix A prints it), China's raw-coal defaults (20.908
GJ/t, 26.18 t C/TJ, 0.93) and Shandong's 2022 grid factor 0.641 t CO2/MWh.
"""

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError
from carbonpath.accounting import compute_inventory, fuel_factors
from carbonpath.accounting.resolution import FactorBundleWarning
from carbonpath.errors import CarbonpathWarning
from carbonpath.factors import COLUMNS
from tests.conftest import assert_no_carbonpath_warnings

C2CO2 = 44 / 12
SD_2022 = 0.641  # t CO2/MWh, Shandong 2022 (factors/grid_factors.csv)


def act(rows, **kw):
    kw.setdefault("region", "CN-SD")
    kw.setdefault("year", 2022)
    return compute_inventory(pd.DataFrame(rows), **kw)


def user(*rows):
    return cp.load_factors(extra=pd.DataFrame([{c: r.get(c, "") for c in COLUMNS}
                                                for r in rows]))


def f(item, quantity, value, unit, region="CN-SD", **kw):
    return {"item": item, "quantity": quantity, "value": value, "unit": unit, "region": region,
            "source": "test", "status": "unverified", **kw}


COAL = [{"sector": "industry", "fuel": "原煤", "value": 1, "unit": "万吨"}]


# --- J10: electricity in tce is read back at the 0.1229 kgce/kWh energy -> tce uses ---------


def test_electricity_import_in_tce_gives_back_the_kwh_and_the_tce_it_came_from():
    # 60 亿kWh x 0.1229 kgce/kWh = 73.74 万tce; read back: 737,400 tce / 0.1229 = 6e9 kWh,
    # CO2 6e6 MWh x 0.641 = 3,846,000 t, and its energy 737,400 tce again (main read
    # 737,400 x 29.3076 / 3.6 = 6.0031e6 MWh: 3,848,034 t and 737,790 tce)
    with assert_no_carbonpath_warnings():
        inv = act([{"sector": "transfers", "fuel": "电力", "value": 73.74, "unit": "万吨标准煤",
                    "use": "import", "energy_basis": "calorific"}],
                  primary_electricity="calorific")
    assert inv.total().magnitude == pytest.approx(3_846_000, rel=1e-9)
    assert inv.energy_total("tce").magnitude == pytest.approx(737_400, rel=1e-9)


# --- J21: a user calorific value sets the standard coal too ----------------------------------

LOCAL_COAL = (f("raw_coal", "calorific_value", 4000, "kcal/kg", basis="net"),
              f("raw_coal", "carbon_content", 26.18, "t C/TJ"),
              f("raw_coal", "oxidation_factor", 0.93, "1"))


def test_a_user_calorific_value_sets_the_standard_coal_as_it_sets_the_co2():
    # 4000 kcal/kg over GB/T 2589's 7000 kcal/kgce = 0.571429 kgce/kg (16.747 GJ/t), not the
    # national 0.7143: 1e4 t -> 5,714.29 tce; CO2 1e4 t x 16.7472e-3 TJ/t x 26.18 x 0.93 x 44/12
    table = user(*LOCAL_COAL)
    with assert_no_carbonpath_warnings():
        inv = act(COAL, factors=table)
    assert inv.energy_total("tce").magnitude == pytest.approx(1e4 * 4000 / 7000, rel=1e-9)
    assert inv.total().magnitude == pytest.approx(
        1e4 * 4000 * 4.1868e-6 * 26.18 * 0.93 * C2CO2, rel=1e-9)
    assert "more specific" in str(inv.energy["tce_rule"].iloc[0])
    # the model's per-unit factors (fuel_factors) count it alike: 571.43 kgce/t
    found = fuel_factors("raw_coal", "industry", "CN-SD", 2022, factors=table)
    assert found["standard_coal"].value.to("kgce/t").magnitude == pytest.approx(4000 / 7)


def test_the_bundled_coefficient_stays_where_no_user_calorific_value_is_given():
    # GB/T 2589-2020 Appendix A: raw coal 0.7143 kgce/kg
    inv = act(COAL)
    assert inv.energy_total("tce").magnitude == pytest.approx(7143, rel=1e-9)


# --- J16: a user standard-coal coefficient far from the calorific value of the CO2 -----------


def test_a_user_coefficient_far_from_the_co2_calorific_value_warns_naming_both():
    # 0.5 kgce/kg x 29.3076 = 14.654 GJ/t beside the bundled 20.908 GJ/t: -30 %
    table = user(f("raw_coal", "standard_coal_coefficient", 0.5, "kgce/kg"))
    with pytest.warns(FactorBundleWarning, match=r"0\.5 kgce/kg \(user factors row 0\) is a "
                      r"calorific value of 14\.654 GJ/t, -30% from the 20\.908 GJ/t"):
        inv = act(COAL, factors=table)
    assert inv.energy_total("tce").magnitude == pytest.approx(5000, rel=1e-9)  # as given
    with pytest.warns(FactorBundleWarning, match="14.654 GJ/t"):
        fuel_factors("raw_coal", "industry", "CN-SD", 2022, factors=table)


def test_a_user_coefficient_close_to_the_calorific_value_is_quiet():
    # a yearbook's 0.7143 beside 20.908 GJ/t: 0.7143 x 29.3076 = 20.934 GJ/t, +0.13 %
    table = user(f("raw_coal", "standard_coal_coefficient", 0.7143, "kgce/kg"))
    with assert_no_carbonpath_warnings():
        inv = act(COAL, factors=table)
    assert inv.energy_total("tce").magnitude == pytest.approx(7143, rel=1e-9)


# --- J75: a user row beside the emission factor that gives the CO2 is named -----------------


def test_an_oxidation_row_beside_an_emission_factor_is_named_with_the_product_it_means():
    table = user(f("raw_coal", "calorific_value", 20.908, "GJ/t", basis="net"),
                 f("raw_coal", "emission_factor", 94.6, "t CO2/TJ", gas="CO2"),
                 f("raw_coal", "oxidation_factor", 0.93, "1"))
    # 94.6 x 0.93 = 87.978 t CO2/TJ is what a guide multiplying by the oxidation rate means
    with pytest.warns(FactorBundleWarning, match=r"label 2 in the DataFrame of user factors "
                      r"\(raw_coal oxidation_factor 0\.93\) "
                      r"is not used.*94\.6 x 0\.93 = 87\.978 t CO2/TJ"):
        inv = act(COAL, factors=table)
    assert inv.total().magnitude == pytest.approx(1e4 * 20.908e-3 * 94.6, rel=1e-9)


def test_a_carbon_content_without_oxidation_beside_an_emission_factor_is_named():
    table = user(f("raw_coal", "calorific_value", 20.908, "GJ/t", basis="net"),
                 f("raw_coal", "emission_factor", 94.6, "t CO2/TJ", gas="CO2"),
                 f("raw_coal", "carbon_content", 26.18, "t C/TJ"))
    with pytest.warns(FactorBundleWarning, match=r"raw_coal carbon_content 26\.18 t C/TJ\) is "
                      "not used"):
        fuel_factors("raw_coal", "industry", "CN-SD", 2022, factors=table)


# --- J76: two complete CO2 routes at one level ----------------------------------------------


def test_two_disagreeing_co2_routes_at_one_level_are_refused():
    # 24.0 t C/TJ x 0.93 x 44/12 = 81.84 t CO2/TJ beside 94.6: 13.5 % apart
    table = user(f("raw_coal", "calorific_value", 20.908, "GJ/t", basis="net"),
                 f("raw_coal", "emission_factor", 94.6, "t CO2/TJ", gas="CO2"),
                 f("raw_coal", "carbon_content", 24.0, "t C/TJ"),
                 f("raw_coal", "oxidation_factor", 0.93, "1"))
    with pytest.raises(DataError, match=r"two CO2 factors.*= 81\.84 t CO2/TJ, 13\.5% apart"):
        act(COAL, factors=table)
    with pytest.raises(DataError, match="two CO2 factors"):
        fuel_factors("raw_coal", "industry", "CN-SD", 2022, factors=table)


def test_two_agreeing_co2_routes_at_one_level_are_read_quietly():
    # 26.18 x 0.93 x 44/12 = 89.274 beside 89.3 t CO2/TJ: 0.03 % apart, one factor written twice
    table = user(f("raw_coal", "calorific_value", 20.908, "GJ/t", basis="net"),
                 f("raw_coal", "emission_factor", 89.3, "t CO2/TJ", gas="CO2"),
                 f("raw_coal", "carbon_content", 26.18, "t C/TJ"),
                 f("raw_coal", "oxidation_factor", 0.93, "1"))
    with assert_no_carbonpath_warnings():
        inv = act(COAL, factors=table)
    assert inv.total().magnitude == pytest.approx(1e4 * 20.908e-3 * 89.3, rel=1e-9)


# --- J17: a heat factor per MWh typed for per GJ -------------------------------------------


def test_china_heat_factor_typed_per_mwh_is_refused_naming_the_per_gj_reading():
    # 0.11 t CO2/MWh = 0.11 / 3.6 = 0.03056 t CO2/GJ, under a gas boiler at 100 % (0.0561)
    # less 25 %: 0.042
    with pytest.raises(ImplausibleValueError,
                       match=r"0\.03056 t CO2/GJ, outside the plausible range 0\.042 \.\. 0\.25"
                             r".*read per GJ it is 0\.11 t CO2/GJ"):
        user(f("heat", "emission_factor", 0.11, "t CO2/MWh", gas="CO2", year=2022))
    # a gas-fired district heat, 0.0561 / 0.9 = 0.0623 t CO2/GJ, is read
    user(f("heat", "emission_factor", 0.0623, "t CO2/GJ", gas="CO2", year=2022))


def test_a_grid_factor_typed_per_gj_names_the_per_mwh_reading():
    # 0.641 t CO2/GJ = 2.31 t CO2/MWh, above 1.5; read per MWh it is Shandong's 0.641
    with pytest.raises(ImplausibleValueError, match=r"read per MWh it is 0\.641 t CO2/MWh"):
        user(f("electricity", "emission_factor", 0.641, "t CO2/GJ", gas="CO2", year=2022))


# --- J66: a blank-year user row over a bundled exact year ----------------------------------


def test_a_blank_year_user_grid_factor_over_the_bundled_exact_year_warns_with_both_values():
    # 0.58 / 0.641 - 1 = -9.5 %
    power = [{"sector": "industry", "fuel": "电力", "value": 1, "unit": "亿千瓦时",
              "use": "consumption"}]
    table = user(f("electricity", "emission_factor", 0.58, "t CO2/MWh", gas="CO2"))
    with pytest.warns(CarbonpathWarning, match=r"blank year: every year; 0\.58 t CO2/MWh\) "
                      r"replaces the bundled factor of the exact year 2022.*0\.641 t CO2/MWh, "
                      r"-9\.5%"):
        inv = act(power, factors=table, method="gpc")
    assert inv.total().magnitude == pytest.approx(1e5 * 0.58, rel=1e-9)  # user rows win
    dated = user(f("electricity", "emission_factor", 0.58, "t CO2/MWh", gas="CO2", year=2022))
    with assert_no_carbonpath_warnings():
        act(power, factors=dated, method="gpc")
