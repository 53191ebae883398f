"""Round 18 (tester18q): fuel uses whose carbon vanished or counted twice (rel44).

Q75: diesel with use non_energy in transport; Q150: a coking row with its use left blank;
Q76: feedstock coal in non-metallic minerals beside clinker and lime; Q112: feedstock coke
beside EAF steel only; Q113: feedstock gas ten times too large beside its ammonia.
"""

import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError
from carbonpath.accounting.plausible_carrier_bands import PowerEfficiencyWarning
from carbonpath.accounting.production_keys import FeedstockCarbonWarning
from tests.conftest import assert_no_carbonpath_warnings

SAMPLE = "datasets/samples/activity_sample.csv"


def sample_with(line: int, column: str, value: str) -> pd.DataFrame:
    """The activity sample with one cell of file line ``line`` (header = 1) changed."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.loc[line - 2, column] = value
    return frame


def only_use_problem(frame: pd.DataFrame):
    with pytest.raises(DataError) as err:
        cp.read_activity(frame, region="CN-SD", year=2022)
    problems = [p for p in err.value.problems if p.column == "use"]
    assert len(problems) == 1
    return problems[0]


# --- Q75: non_energy of a fuel that is burned, outside industry ---------------------------


@pytest.mark.parametrize(("line", "sector", "fuel"), [
    (16, "transport", "diesel"),      # Q75: 35 万吨 x 43.33 GJ/t x 20.2 t C/TJ x 0.98 x 44/12
    (22, "agriculture", "diesel"),    # = 1.10 Mt CO2 in no total
    (19, "commercial", "lpg"),
])
def test_non_energy_of_a_burned_fuel_outside_industry_is_refused(line, sector, fuel):
    problem = only_use_problem(sample_with(line, "use", "non_energy"))
    assert problem.row == line - 2  # a DataFrame row is named by its index label
    assert problem.value == "non_energy"
    assert f"{sector} burns its {fuel}" in problem.message
    assert "combustion" in problem.valid


def test_non_energy_of_a_material_or_in_industry_is_read():
    rows = pd.DataFrame([
        {"sector": "construction", "fuel": "bitumen", "value": 6, "unit": "万吨"},
        {"sector": "transport", "fuel": "lubricants", "value": 1, "unit": "万吨"},
        {"sector": "chemicals", "fuel": "diesel", "value": 1, "unit": "万吨"},  # a solvent
    ]).assign(use="non_energy")
    data = cp.read_activity(rows, region="CN-SD", year=2022).data
    assert list(data["use"].astype(str)) == ["non_energy"] * 3


# --- Q150: a blank use in a sector that turns fuel into fuel ------------------------------


def test_a_blank_use_in_coking_is_refused_not_read_as_combustion():
    # read as combustion, 110 万吨 of coking coal added 2.51 Mt (29.548 - 27.038 Mt, measured
    # on the sample before its round-18 correction), counted again in the coke and coke-oven
    # gas burned downstream
    problem = only_use_problem(sample_with(23, "use", ""))
    assert problem.row == 21
    assert "cleaned_coal in 'coking' has no use" in problem.message
    assert "transformation_input" in problem.valid
    assert "combustion" in problem.valid


def test_a_table_without_use_column_refuses_its_refining_rows_only():
    rows = pd.DataFrame([
        {"sector": "refining", "fuel": "crude_oil", "value": 100, "unit": "万吨"},
        {"sector": "thermal_power", "fuel": "raw_coal", "value": 100, "unit": "万吨"},
    ])
    problem = only_use_problem(rows)
    assert problem.row == 0
    assert "crude_oil in 'refining' has no use" in problem.message
    # a power plant's fuel is burned: a blank use there is combustion, as before
    read = cp.read_activity(rows.iloc[1:], region="CN-SD", year=2022).data
    assert list(read["use"].astype(str)) == ["combustion"]


# --- Q76: feedstock where no product of the sector holds fuel carbon ----------------------


def test_feedstock_coal_beside_clinker_and_lime_warns():
    act = pd.DataFrame([{"sector": "non_metallic_minerals", "fuel": "raw_coal", "value": 1e5,
                         "unit": "t", "use": "feedstock"}])
    prod = pd.DataFrame([{"product": "cement_clinker", "value": 2e5, "unit": "t"},
                         {"product": "lime", "value": 1e4, "unit": "t"}])
    with pytest.warns(FeedstockCarbonWarning) as rec:
        cp.compute_inventory(act, production=prod, region="CN-SD", year=2022)
    text = " ".join(str(w.message) for w in rec if w.category is FeedstockCarbonWarning)
    assert "feedstock rows of non_metallic_minerals" in text
    assert "row(s) 0" in text
    assert "cement_clinker, lime emit carbonate carbon" in text
    assert "book the fuel as combustion" in text


def test_feedstock_gas_beside_nitric_acid_only_names_ammonia():
    act = pd.DataFrame([{"sector": "chemicals", "fuel": "natural_gas", "value": 1e7,
                         "unit": "Nm3", "use": "feedstock"}])
    prod = pd.DataFrame([{"product": "nitric_acid", "value": 1e4, "unit": "t"}])
    with pytest.warns(FeedstockCarbonWarning, match="none of them \\(ammonia\\)"):
        cp.compute_inventory(act, production=prod, region="CN-SD", year=2022)


# --- Q112, Q113: feedstock carbon beyond what the products report -------------------------

# feedstock gas: 1e9 Nm3 x 38.931 MJ/Nm3 (GB/T 2589) = 38,931 TJ, at the lowest plausible
# factor 54.3 t CO2/TJ (IPCC 2006 Vol.2 Table 1.4 lower) less 5 % = 51.585 t/TJ:
# at least 2,008,256 t CO2. Ammonia: 2.104 t CO2/t (IPCC Tier 1).
GAS = pd.DataFrame([{"sector": "chemicals", "fuel": "natural_gas", "value": 1e9,
                     "unit": "Nm3", "use": "feedstock"}])
GAS_CO2 = 1e9 * 38.931e-6 * 54.3 * 0.95


def ammonia(tonnes: float) -> pd.DataFrame:
    return pd.DataFrame([{"product": "ammonia", "value": tonnes, "unit": "t"}])


def test_feedstock_gas_three_times_its_ammonia_warns_with_the_excess():
    # 300,000 t NH3 x 2.104 = 631,200 t: the gas holds 2,008,256 / 631,200 = 3.18 times it
    assert pytest.approx(2_008_256, abs=1) == GAS_CO2
    with pytest.warns(FeedstockCarbonWarning) as rec:
        cp.compute_inventory(GAS, production=ammonia(3e5), region="CN-SD", year=2022)
    text = str(rec[0].message)
    assert "the feedstock of chemicals in CN-SD, 2022 (row 0: natural_gas 1e+09 Nm3, " \
           "2.008 Mt CO2)" in text
    assert "3.2 times the 0.631 Mt" in text
    assert "at least 1.377 Mt of carbon appears in no total" in text  # 2.008 - 0.631
    assert "coal_gasification" in text


@pytest.mark.parametrize(("tonnes", "warns"), [
    (6.30e5, True),    # 1,325,520 t: the gas holds 1.515 times it
    (6.40e5, False),   # 1,346,560 t: 1.491 times, within the margin of 1.5
    (1.0e6, False),    # 2,104,000 t: less than the ammonia emits
])
def test_the_margin_is_one_and_a_half_times_the_products_co2(tonnes, warns):
    assert (1.5 * tonnes * 2.104 < GAS_CO2) == warns  # the hand calculation
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        cp.compute_inventory(GAS, production=ammonia(tonnes), region="CN-SD", year=2022)
    assert any(w.category is FeedstockCarbonWarning for w in rec) == warns


# feedstock coke: 1e5 t x 28.446 GJ/t = 2,844.6 TJ at 95.7 t CO2/TJ less 5 % = 90.915 t/TJ:
# at least 258,617 t CO2
COKE = pd.DataFrame([{"sector": "ferrous_metals", "fuel": "coke", "value": 1e5, "unit": "t",
                      "use": "feedstock"}])


def test_feedstock_coke_beside_eaf_steel_only_warns():
    # EAF steel: 1e5 t x 0.08 t CO2/t = 8,000 t, 32.3 times less than the coke holds
    eaf = pd.DataFrame([{"product": "eaf_steel", "value": 1e5, "unit": "t"}])
    with pytest.warns(FeedstockCarbonWarning) as rec:
        cp.compute_inventory(COKE, production=eaf, region="CN-SD", year=2022)
    text = str(rec[0].message)
    assert "holds at least 0.259 Mt CO2 of carbon, 32.3 times the 0.008 Mt" in text
    assert "eaf_steel row 0: 0.008 Mt" in text
    assert "bof_steel" in text  # the product that would take the coke


def test_feedstock_coke_beside_its_bof_steel_is_quiet():
    # BOF steel: 2e5 t x 1.46 t CO2/t = 292,000 t, more than the 258,617 t of the coke
    bof = pd.DataFrame([{"product": "bof_steel", "value": 2e5, "unit": "t"}])
    with assert_no_carbonpath_warnings():
        cp.compute_inventory(COKE, production=bof, region="CN-SD", year=2022)


def test_the_bundled_sample_gives_no_feedstock_warning():
    with assert_no_carbonpath_warnings():
        cp.compute_inventory(SAMPLE, production="datasets/samples/production_sample.csv",
                             region="CN-SD", year=2022, primary_electricity="calorific")


# --- Q80: thermal power making more electricity than any plant could ----------------------


def q80_file(line_28: str = "237") -> pd.DataFrame:
    """The tester's Q80 file: the sample before its correction (thermal_power raw coal 520
    万吨, heat_supply 85 万吨), thermal generation ``line_28`` 亿kWh, the solar row removed."""
    frame = sample_with(28, "value", line_28).drop(index=29 - 2)
    frame.loc[2 - 2, "value"] = "520"
    frame.loc[4 - 2, "value"] = "85"
    return frame


def test_solar_booked_under_thermal_power_warns():
    # thermal 215 -> 237 亿kWh (the 22 of solar added), the solar row removed:
    # 237 亿kWh = 23,700 GWh = 85,320 TJ; the plants burn raw coal 520e4 t x 20.908 GJ/t =
    # 108,721.6 TJ, gas 1.2e8 m3 at 20 C x 273.15 / 293.15 x 38.931 MJ/Nm3 = 4,352.99 TJ and
    # heat_supply's coal 85e4 t x 20.908 GJ/t = 17,771.8 TJ: 130,846.4 TJ, 65.2 % of it;
    # the best plants: 50 % x (108,721.6 + 17,771.8) + 64 % x 4,352.99 = 63,246.7 + 2,785.9
    # = 66,032.6 TJ
    with pytest.warns(PowerEfficiencyWarning) as rec:
        cp.compute_inventory(q80_file(), production="datasets/samples/production_sample.csv",
                             region="CN-SD", year=2022, primary_electricity="calorific")
    text = str(rec[0].message)
    assert "row 26: 237 亿千瓦时" in text  # the DataFrame's index label of file line 28
    assert "85,320 TJ of electricity" in text
    assert "from 130,846 TJ of fuel" in text
    assert "65.2% of it" in text
    assert "at most 66,032.6 TJ" in text
    assert "solar_power" in text


def test_the_uncorrected_sample_itself_warns():
    # the sample before round 18 (sample1): 215 亿kWh = 77,400 TJ from the 130,846.4 TJ above
    # (59.2 %, under the 64 % of a gas fleet) but over the 66,032.6 TJ its coal and gas allow
    frame = q80_file("215")
    frame = pd.concat([frame, sample_with(29, "value", "22").iloc[[29 - 2]]])  # solar back
    with pytest.warns(PowerEfficiencyWarning, match=r"59\.2% of it"):
        cp.compute_inventory(frame, production="datasets/samples/production_sample.csv",
                             region="CN-SD", year=2022, primary_electricity="calorific")


def coal_plant(gwh: float) -> pd.DataFrame:
    """A coal-only power plant: 1e5 t of raw coal, ``gwh`` GWh made and used."""
    return pd.DataFrame([
        {"sector": "thermal_power", "fuel": "raw_coal", "value": 1e5, "unit": "t",
         "use": "combustion"},
        {"sector": "thermal_power", "fuel": "electricity", "value": gwh, "unit": "GWh",
         "use": "generation"},
        {"sector": "industry", "fuel": "electricity", "value": gwh, "unit": "GWh",
         "use": "consumption"},
        {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "GWh", "use": "import"},
        {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "GWh",
         "use": "export"}])


@pytest.mark.parametrize(("gwh", "warns"), [
    (300.0, True),    # 1,080 TJ from 2,090.8 TJ of coal: 51.7 % (a 64 % bound was quiet)
    (280.0, False),   # 1,008 TJ: 48.2 %, a record ultra-supercritical unit
])
def test_the_coal_ceiling_is_the_best_steam_unit(gwh, warns):
    # 1e5 t x 20.908 GJ/t = 2,090.8 TJ; 50 % of it is 1,045.4 TJ = 290.4 GWh
    assert (gwh * 3.6 > 0.50 * 2090.8) == warns
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        cp.compute_inventory(coal_plant(gwh), region="CN-SD", year=2022,
                             primary_electricity="calorific")
    assert any(w.category is PowerEfficiencyWarning for w in rec) == warns


@pytest.mark.parametrize(("gwh", "warns"), [
    (700.0, True),    # 2,520 TJ from 3,893.1 TJ of gas: 64.7 %
    (680.0, False),   # 2,448 TJ: 62.9 %, a best-in-class combined cycle
])
def test_the_power_ceiling_is_the_best_combined_cycle(gwh, warns):
    # 1e8 Nm3 x 38.931 MJ/Nm3 = 3,893.1 TJ; 64 % of it is 2,491.6 TJ = 692.1 GWh
    assert (gwh * 3.6 > 0.64 * 3893.1) == warns
    rows = pd.DataFrame([
        {"sector": "thermal_power", "fuel": "natural_gas", "value": 1e8, "unit": "Nm3",
         "use": "combustion"},
        {"sector": "thermal_power", "fuel": "electricity", "value": gwh, "unit": "GWh",
         "use": "generation"},
        {"sector": "industry", "fuel": "electricity", "value": gwh, "unit": "GWh",
         "use": "consumption"},
        {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "GWh", "use": "import"},
        {"sector": "transfers", "fuel": "electricity", "value": 0, "unit": "GWh",
         "use": "export"}])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        cp.compute_inventory(rows, region="CN-SD", year=2022, primary_electricity="calorific")
    assert any(w.category is PowerEfficiencyWarning for w in rec) == warns
