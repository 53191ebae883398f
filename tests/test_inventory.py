"""Inventories: expected values are hand arithmetic from the table values written here."""

import pandas as pd
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath import (
    DataError,
    FactorNotFoundError,
    GWPError,
    ImplausibleValueError,
    UnitError,
    compute_inventory,
)
from carbonpath.accounting.resolution import FactorBundleWarning
from carbonpath.factors import COLUMNS, bundled_factors

C2CO2 = 44 / 12
# table values used below (factors/*.csv)
CN_RAW_COAL = 20.908e-3 * 26.18 * 0.93 * C2CO2  # t CO2 per t: NCV TJ/t x t C/TJ x ox x 44/12
CN_NG_PER_NM3 = 389.31e-7 * 15.3 * 0.99 * C2CO2  # GJ/10^4 Nm3 -> TJ/Nm3, t C/TJ, ox
SD_2022 = 0.641  # t CO2/MWh, Shandong 2022


def act(rows, **kw):
    df = pd.DataFrame(rows)
    kw.setdefault("region", "CN-SD")
    kw.setdefault("year", 2022)
    return compute_inventory(df, **kw)


def user(*rows):
    return cp.load_factors(extra=pd.DataFrame([{c: r.get(c, "") for c in COLUMNS}
                                                for r in rows]))


def f(item, quantity, value, unit, region="CN-SD", **kw):
    return {"item": item, "quantity": quantity, "value": value, "unit": unit, "region": region,
            "source": "test", "status": "unverified", **kw}


def test_ipcc_worked_example_one_tonne_of_bituminous_coal():
    # IPCC 2006 Vol.2 Ch.1: 1 t other bituminous coal = 0.0258 TJ; x 94 600 kg/TJ = 2.44 t CO2
    inv = act([{"sector": "industry", "fuel": "bituminous_coal", "value": 1, "unit": "t"}],
              region="world")
    assert inv.total().magnitude == pytest.approx(0.0258 * 94.6)
    assert inv.total("CH4").magnitude == pytest.approx(0.0258 * 10e-3)  # 10 kg/TJ, Table 2.3
    assert inv.total("N2O").magnitude == pytest.approx(0.0258 * 1.5e-3)
    assert inv.energy_total("TJ").magnitude == pytest.approx(0.0258)


def test_china_default_raw_coal_carbon_content_times_oxidation():
    inv = act([{"sector": "industry", "fuel": "原煤", "value": 1, "unit": "万吨"}])
    assert inv.total().magnitude == pytest.approx(1e4 * CN_RAW_COAL)
    # standard coal by GB/T 2589: 0.7143 kgce/kg
    assert inv.energy_total("tce").magnitude == pytest.approx(1e4 * 0.7143)


def test_carbon_is_a_species_not_a_coulomb():
    cc = bundled_factors().lookup("raw_coal", "carbon_content", region="CN")
    assert cc.to("t C/TJ").magnitude == pytest.approx(26.18)
    assert cc.to("t CO2/TJ").magnitude == pytest.approx(26.18 * C2CO2)  # 44/12, not a GWP
    with pytest.raises(pint.DimensionalityError):
        cc.to("coulomb/TJ")


def test_oxidation_applied_once_and_never_to_an_emission_factor():
    t = user(f("diesel", "calorific_value", 43, "GJ/t", basis="net"),
             f("diesel", "emission_factor", 74100, "kg CO2/TJ", gas="CO2"),
             f("diesel", "oxidation_factor", 0.98, "dimensionless"))
    # round 21 J75: the unused oxidation row is named, with the reading that would use it
    with pytest.warns(FactorBundleWarning, match=r"label 2 in the DataFrame of user factors "
                      r"\(diesel oxidation_factor 0\.98\) "
                      r"is not used.*74100 x 0\.98 = 72618 kg CO2/TJ"):
        inv = act([{"sector": "industry", "fuel": "diesel", "value": 1, "unit": "t"}],
                  factors=t)
    assert inv.total().magnitude == pytest.approx(0.043 * 74.1)  # no 0.98
    t = user(f("diesel", "calorific_value", 43, "GJ/t", basis="net"),
             f("diesel", "carbon_content", 20.2, "kg C/GJ"),
             f("diesel", "oxidation_factor", 0.98, "dimensionless"))
    inv = act([{"sector": "industry", "fuel": "diesel", "value": 1, "unit": "t"}], factors=t)
    assert inv.total().magnitude == pytest.approx(0.043 * 20.2 * 0.98 * C2CO2)  # once
    assert set(inv.provenance["method"]) >= {"carbon_content"}


def test_levels_are_never_mixed():
    t = user(f("raw_coal", "calorific_value", 19.5, "GJ/t", region="CN-SD-Liaocheng",
               basis="net"))
    with pytest.raises(DataError, match="incoherent factors for fuel 'raw_coal'"):
        act([{"sector": "industry", "fuel": "raw_coal", "value": 1, "unit": "t"}], factors=t,
            region="Liaocheng")


def test_gas_volume_conditions():
    base = {"sector": "residential", "fuel": "natural_gas", "value": 1, "unit": "万立方米"}
    at20 = act([{**base, "gas_condition": "20C"}]).total().magnitude
    at0 = act([{**base, "gas_condition": "0C"}]).total().magnitude
    assert at0 == pytest.approx(1e4 * CN_NG_PER_NM3)
    assert at20 == pytest.approx(1e4 * 273.15 / 293.15 * CN_NG_PER_NM3)
    with pytest.raises(UnitError, match="reference condition"):
        act([base])


def test_gas_in_tonnes_against_a_per_volume_factor_needs_a_density():
    with pytest.raises(UnitError, match="assumes no density"):
        act([{"sector": "industry", "fuel": "natural_gas", "value": 1, "unit": "t"}])


def test_gross_calorific_energy_is_converted_explicitly():
    # IPCC 2006 Vol.2 Ch.1 1.4.1.2: gas NCV = 0.9 GCV; 100 TJ gross = 90 TJ net x 56.1 t/TJ
    inv = act([{"sector": "industry", "fuel": "natural_gas", "value": 100, "unit": "TJ",
                "energy_basis": "gross"}], region="world")
    assert inv.total().magnitude == pytest.approx(90 * 56.1)
    assert "gross to net" in set(inv.provenance["method"])


def test_implausible_derived_factor_is_rejected():
    # 120 GJ/t and 40 000 kg CO2/TJ are each possible; together: 4.8 t CO2/t = 1.31 t C/t
    t = user(f("methanol", "calorific_value", 120, "GJ/t", basis="net"),
             f("methanol", "emission_factor", 40000, "kg CO2/TJ", gas="CO2"))
    with pytest.raises(ImplausibleValueError, match="t of carbon per t"):
        act([{"sector": "industry", "fuel": "methanol", "value": 1, "unit": "t"}], factors=t)


def test_ar6_combustion_methane_takes_the_non_fossil_gwp():
    inv = act([{"sector": "residential", "fuel": "raw_coal", "value": 100, "unit": "t"}],
              gwp="AR6")
    co2, ch4, n2o = (inv.total(g).magnitude for g in ("CO2", "CH4", "N2O"))
    assert ch4 == pytest.approx(100 * 20.908e-3 * 300e-3)  # residential coal 300 kg CH4/TJ
    assert inv.total("CO2e").magnitude == pytest.approx(co2 + 27.0 * ch4 + 273 * n2o)
    assert inv.ch4_origin[0] == "non_fossil"


def test_co2e_needs_a_gwp_set():
    inv = act([{"sector": "industry", "fuel": "raw_coal", "value": 1, "unit": "t"}])
    assert inv.total().magnitude > 0  # CO2 needs none
    with pytest.raises(GWPError, match="GWP set"):
        inv.total("CO2e")


LOCAL_POWER = [
    {"sector": "thermal_power", "fuel": "raw_coal", "value": 1000, "unit": "t"},
    {"sector": "thermal_power", "fuel": "electricity", "value": 2000, "unit": "MWh",
     "use": "generation"},
    {"sector": "industry", "fuel": "electricity", "value": 2000, "unit": "MWh"},
    {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "MWh", "use": "import"},
    {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "MWh", "use": "export"},
]


def test_local_generation_is_never_counted_twice():
    prov = act(LOCAL_POWER, method="provincial", primary_electricity="calorific")
    gpc = act(LOCAL_POWER, method="gpc", primary_electricity="calorific")
    coal = 1000 * CN_RAW_COAL
    assert prov.total().magnitude == pytest.approx(coal)  # plant counted, consumption not
    assert gpc.total().magnitude == pytest.approx(2000 * SD_2022)  # consumption, not plant
    assert gpc.total(scope=1, in_total=None).magnitude == pytest.approx(coal)  # still reported
    assert gpc.total(scope=2).magnitude == pytest.approx(2000 * SD_2022)


def test_provincial_net_imports_times_grid_factor():
    rows = [*LOCAL_POWER[:3],
            {"sector": "transfers", "fuel": "electricity", "value": 500, "unit": "MWh",
             "use": "import"},
            {"sector": "transfers", "fuel": "electricity", "value": 200, "unit": "MWh",
             "use": "export"}]
    inv = act(rows, primary_electricity="calorific")
    assert inv.total().magnitude == pytest.approx(1000 * CN_RAW_COAL + 300 * SD_2022)


def test_provincial_without_import_rows_is_an_error():
    with pytest.raises(DataError, match="import/export"):
        act(LOCAL_POWER[:3])


def test_scope2_grid_factor_of_region_and_year():
    # Liaocheng 2023: Shandong's own 2022 value (nearest earlier) beats North China 2023
    inv = act([{"sector": "industry", "fuel": "电力", "value": 100, "unit": "MWh"}],
              region="聊城", year=2023, method="gpc")
    assert inv.total().magnitude == pytest.approx(100 * SD_2022)
    grid = inv.provenance[inv.provenance["item"] == "electricity"].iloc[0]
    assert "nearest earlier year (2022)" in grid["rule"]


def test_heat_consumption_uses_the_heat_factor():
    inv = act([{"sector": "residential", "fuel": "热力", "value": 1000, "unit": "GJ"}],
              method="gpc")
    assert inv.total().magnitude == pytest.approx(1000 * 0.11)


# toy outputs of a few t: round 31 S20's floor warns of them
@pytest.mark.filterwarnings("ignore::carbonpath.accounting.plausible_output.TinyOutputWarning")
def test_non_energy_feedstock_and_transformation_input_are_not_combusted():
    rows = [
        {"sector": "construction", "fuel": "bitumen", "value": 100, "unit": "t",
         "use": "non_energy"},
        # 10 t of ammonia take about 10 x 37.5 GJ = 375 GJ of gas, 9,600 Nm3 at 38.9 MJ/Nm3
        # (1,000 Nm3 held too little carbon for its 21 t CO2: round 11's carbon balance)
        {"sector": "chemicals", "fuel": "natural_gas", "value": 10000, "unit": "Nm3",
         "use": "feedstock"},
        {"sector": "coking", "fuel": "cleaned_coal", "value": 100, "unit": "t",
         "use": "transformation_input"},
    ]
    prod = pd.DataFrame([{"product": "ammonia", "value": 10, "unit": "t"}])
    inv = act(rows, production=prod)
    # only the process factor of ammonia: 10 t x 2.104 t CO2/t
    assert inv.total().magnitude == pytest.approx(10 * 2.104)
    assert set(inv.emissions["category"]) == {"process"}
    e = inv.energy.set_index("use")
    assert bool(e.loc["non_energy", "in_total"])
    assert bool(e.loc["feedstock", "in_total"])
    assert not bool(e.loc["transformation_input", "in_total"])  # its product is counted instead


def test_feedstock_without_production_warns():
    with pytest.warns(cp.CarbonpathWarning, match="feedstock"):
        act([{"sector": "chemicals", "fuel": "natural_gas", "value": 1000, "unit": "Nm3",
              "use": "feedstock"}])


# toy outputs of a few t: round 31 S20's floor warns of them
@pytest.mark.filterwarnings("ignore::carbonpath.accounting.plausible_output.TinyOutputWarning")
def test_process_emissions_and_pfcs():
    prod = pd.DataFrame([{"product": "cement_clinker", "value": 1000, "unit": "t"},
                         {"product": "primary_aluminium_prebake", "value": 1000, "unit": "t"}])
    inv = act([{"sector": "industry", "fuel": "raw_coal", "value": 0, "unit": "t"}],
              production=prod, gwp="AR5")
    assert inv.total(category="process").magnitude == pytest.approx(1000 * 0.52 + 1000 * 1.6)
    assert inv.total("CF4").magnitude == pytest.approx(0.4)
    assert inv.total("C2F6").magnitude == pytest.approx(0.04)
    assert inv.total("CO2e", category="process").magnitude == pytest.approx(
        2120 + 0.4 * 6630 + 0.04 * 11100)


def test_missing_factor_with_no_fallback():
    with pytest.raises(FactorNotFoundError, match="gangue"):
        act([{"sector": "industry", "fuel": "gangue", "value": 1, "unit": "t"}])
    with pytest.raises(FactorNotFoundError, match="electricity"):
        act([{"sector": "industry", "fuel": "electricity", "value": 1, "unit": "MWh"}],
            year=2019, method="gpc")


def test_primary_electricity_conventions():
    rows = [{"sector": "solar_power", "fuel": "electricity", "value": 1000, "unit": "MWh",
             "use": "generation"}]
    with pytest.raises(ValueError, match="primary_electricity"):
        act(rows)
    cal = act(rows, primary_electricity="calorific")
    # GB/T 2589-2020 Appendix A prints 0.1229 kgce/kWh (the exact 3.6/29.3076 is 0.12284)
    assert cal.energy_total("tce").magnitude == pytest.approx(1000 * 0.1229)
    coal = act(rows, primary_electricity="coal_consumption", coal_rate_basis="supply")
    assert coal.energy_total("tce").magnitude == pytest.approx(1000 * 300.7e-3)  # 300.7 gce/kWh
    with pytest.raises(ValueError, match="coal_rate_basis"):
        act(rows, primary_electricity="coal_consumption")


def test_sample_totals_by_sector_and_fuel_reconcile():
    folder = cp._resources.data_path("datasets") / "samples"
    inv = compute_inventory(folder / "activity_sample.csv",
                            production=folder / "production_sample.csv", region="CN-SD",
                            year=2022, primary_electricity="calorific", gwp="AR6")
    for gas in ("CO2", "CO2e"):
        total = inv.total(gas).magnitude
        assert inv.by("sector", gas=gas)["value"].sum() == pytest.approx(total, rel=1e-12)
        assert inv.by("fuel", gas=gas)["value"].sum() == pytest.approx(total, rel=1e-12)
    assert inv.emissions["value"].notna().all()
    assert (inv.provenance["version"] == bundled_factors().version).all()


def test_fuel_factors_reconcile_with_the_inventory():
    ff = cp.fuel_factors("raw_coal", "industry", "Liaocheng", 2022, historical=True)
    assert ff["unit"] == "t"
    inv = act([{"sector": "industry", "fuel": "raw_coal", "value": 1, "unit": "t"}],
              region="Liaocheng")
    assert ff["CO2"].to("t CO2/t").magnitude == pytest.approx(inv.total().magnitude)
    assert ff["CH4"].to("t CH4/t").magnitude == pytest.approx(inv.total("CH4").magnitude)
    assert ff["standard_coal"].to("kgce/t").magnitude == pytest.approx(714.3)
    gas = cp.fuel_factors("natural_gas", "residential", "CN-SD", 2022)
    assert gas["unit"] == "Nm3"
    assert gas["CO2"].to("t CO2/Nm3").magnitude == pytest.approx(CN_NG_PER_NM3)
    assert gas["CO2"].derived_from[0].quantity == "calorific_value"


def test_process_factors():
    pf = cp.process_factors("熟料", "CN-SD", 2030)
    assert pf["CO2"].to("t CO2/t").magnitude == pytest.approx(0.52)
    pf = cp.process_factors("primary_aluminium_prebake", "CN-SD", 2030, technology="swpb")
    assert pf["CF4"].to("kg CF4/t").magnitude == pytest.approx(1.6)


@given(st.lists(st.floats(min_value=0, max_value=1e3, allow_nan=False), min_size=1,
                max_size=6))
def test_totals_invariant_to_input_unit(values):
    fuels = ["raw_coal", "diesel", "gasoline", "coke", "lpg", "fuel_oil"]
    rows_wan = [{"sector": "industry", "fuel": fl, "value": v, "unit": "万吨"}
                for fl, v in zip(fuels, values, strict=False)]
    rows_t = [{**r, "value": r["value"] * 1e4, "unit": "t"} for r in rows_wan]
    a, b = act(rows_wan), act(rows_t)
    assert a.total().magnitude == pytest.approx(b.total().magnitude, rel=1e-12, abs=1e-9)
    assert a.energy_total("TJ").magnitude == pytest.approx(b.energy_total("TJ").magnitude,
                                                           rel=1e-12, abs=1e-9)


# "agriculture" replaces "chemicals" (round 10, A27): a sector beside its parent with the same
# fuel is now refused as a double count, which this invariant is not about
@given(st.lists(st.tuples(st.sampled_from(["industry", "agriculture", "residential",
                                           "commercial", "transport", "thermal_power"]),
                          st.sampled_from(["raw_coal", "diesel", "lpg", "coke"]),
                          st.floats(min_value=0, max_value=1e6, allow_nan=False)),
                min_size=1, max_size=12, unique_by=lambda x: (x[0], x[1])))
def test_sector_and_fuel_totals_agree(rows):
    inv = act([{"sector": s, "fuel": fl, "value": v, "unit": "t"} for s, fl, v in rows],
              gwp="AR5")
    for gas in ("CO2", "CO2e"):
        total = inv.total(gas).magnitude
        assert inv.by("sector", gas=gas)["value"].sum() == pytest.approx(total, rel=1e-12)
        assert inv.by("fuel", gas=gas)["value"].sum() == pytest.approx(total, rel=1e-12)


@given(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False))
def test_unit_round_trips(x):
    assert cp.Q_(x, "万吨").to("t").to("万吨").magnitude == pytest.approx(x)
    assert cp.Q_(x, "亿立方米").to("m3").magnitude == pytest.approx(x * 1e8)
    assert cp.Q_(x, "m3_20C").to("Nm3").to("m3_20C").magnitude == pytest.approx(x)
    assert cp.Q_(x, "万吨标准煤").to("TJ").to("万吨标准煤").magnitude == pytest.approx(x)


def test_csv_export_and_provenance_columns(tmp_path):
    inv = act([{"sector": "industry", "fuel": "raw_coal", "value": 1, "unit": "t"}])
    inv.to_csv(tmp_path / "e.csv")
    inv.to_csv(tmp_path / "p.csv", table="provenance")
    e = pd.read_csv(tmp_path / "e.csv")
    assert set(e["gas"]) == {"CO2", "CH4", "N2O"}
    p = pd.read_csv(tmp_path / "p.csv")
    assert {"source", "status", "rule", "file", "line", "version"} <= set(p.columns)
    assert (p["key"] == 0).all()


def test_biomass_ch4_and_n2o_count_biogenic_co2_is_a_memo_item():
    # IPCC 2006 Vol.2 Ch.1 1.4.1 and Ch.2: CO2 of biomass burnt is an information item, kept
    # out of the totals; its CH4 and N2O are included. Bundled factor rows used:
    # NCV 11.6 TJ/Gg (ipcc2006_energy.csv, Vol.2 Ch.1 Table 1.2, Other Primary Solid
    # Biomass); CO2 100 000 kg/TJ (Table 1.4); CH4 300 and N2O 4 kg/TJ for residential
    # (ipcc2006_stationary_ch4_n2o.csv, Vol.2 Ch.2 Table 2.5, sector 1A4b).
    # AR6 GWP100 (WG1 Table 7.15): CH4 non-fossil 27.0, N2O 273.
    inv = act([{"sector": "residential", "fuel": "solid_biomass", "value": 10, "unit": "万吨"}],
              gwp="AR6")
    tj = 10 * 1e4 / 1e3 * 11.6  # 10 万吨 = 100 Gg -> 1160 TJ
    ch4, n2o = tj * 300 / 1e3, tj * 4 / 1e3  # 348 t CH4, 4.64 t N2O
    assert inv.total("CH4").magnitude == pytest.approx(348.0)
    assert inv.total("N2O").magnitude == pytest.approx(4.64)
    assert inv.total("CO2e").magnitude == pytest.approx(ch4 * 27.0 + n2o * 273)  # 10 662.72
    assert inv.total("CO2").magnitude == 0.0
    memo = inv.emissions[inv.emissions["category"] == "biogenic_co2_memo"]
    assert list(memo["gas"]) == ["CO2"]
    assert not memo["in_total"].any()
    assert memo["value"].sum() == pytest.approx(tj * 100)  # 116 000 t CO2, reported only
    assert inv.total("CO2", in_total=False).magnitude == pytest.approx(tj * 100)
    assert "Inventory(activity data (DataFrame): 1 activity rows" in repr(inv)
