"""Round 12 (tester12e, accounting side): silent and poor cases fixed by rel25."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import CarbonpathWarning, DataError

SAMPLE = "datasets/samples/activity_sample.csv"


def sample_with(line: int, use: str) -> pd.DataFrame:
    """The activity sample with the use of file line ``line`` (header = 1) changed."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.loc[line - 2, "use"] = use
    return frame


# --- E01, E02, E03, E62: a use whose carbon no total counts -----------------------------


@pytest.mark.parametrize(("line", "use", "words"), [
    (2, "transformation_input", "power and heat plants burn"),   # E01 thermal_power coal
    (4, "transformation_input", "power and heat plants burn"),   # E62 heat_supply coal
    (4, "non_energy", "power and heat plants burn"),             # E62
    (2, "feedstock", "power and heat plants burn"),              # E63 (was the first law)
    (8, "transformation_input", "makes no other fuel"),          # E02 chemicals coal
    (21, "feedstock", "which this sector does not make"),        # E03 residential coal
    (21, "non_energy", "households burn their fuel"),
    (22, "feedstock", "which this sector does not make"),        # agriculture diesel
    (15, "feedstock", "which this sector does not make"),        # transport diesel
])
def test_a_use_that_drops_the_carbon_is_refused_naming_row_and_column(line, use, words):
    # the sample's row of that line with the use changed: each of these uses leaves the
    # fuel's carbon out of combustion, and no product of the sector reports it
    with pytest.raises(DataError) as err:
        cp.read_activity(sample_with(line, use), region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert problem.column == "use"
    assert problem.row == line - 2  # a DataFrame row is named by its index label
    assert words in problem.message
    assert problem.value == use
    assert "combustion" in problem.valid


def test_uses_that_keep_their_carbon_are_read():
    # coal into coke ovens, gas as ammonia feedstock, bitumen in construction: the sample
    rows = cp.read_activity(SAMPLE, region="CN-SD", year=2022).data
    kept = set(zip(rows["sector"].astype(str), rows["use"].astype(str), strict=True))
    assert {("coking", "transformation_input"), ("chemicals", "feedstock"),
            ("construction", "non_energy"), ("ferrous_metals", "feedstock")} <= kept


def test_feedstock_of_a_sector_without_its_product_warns():
    # chemicals' feedstock gas leaves its carbon to ammonia (2B1); production of cement
    # clinker only (2A1, non-metallic minerals) reports none of it
    act = pd.DataFrame([
        {"sector": "chemicals", "fuel": "natural_gas", "value": 1e7, "unit": "Nm3",
         "use": "feedstock"},
        {"sector": "non_metallic_minerals", "fuel": "raw_coal", "value": 1e5, "unit": "t",
         "use": "combustion"}])
    clinker = pd.DataFrame([{"product": "cement_clinker", "value": 2e5, "unit": "t"}])
    with pytest.warns(CarbonpathWarning, match="feedstock rows of chemicals") as rec:
        cp.compute_inventory(act, production=clinker, region="CN-SD", year=2022)
    assert "ammonia" in str(rec[0].message)
    # with ammonia (10 t of NH3 take ~375 GJ of gas, 9,600 Nm3; so 1e7 Nm3 make ~10,400 t,
    # and far less ammonia would leave most of the gas's carbon unaccounted for, which the
    # usual-share check warns of) the same rows warn nothing
    ammonia = pd.DataFrame([{"product": "ammonia", "value": 1e4, "unit": "t"}])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CarbonpathWarning)
        cp.compute_inventory(act.iloc[:1], production=ammonia, region="CN-SD", year=2022)


# --- E10, E11: a carbon content and oxidation factor checked against the CO2 per TJ -------

BUNDLE = ("item,quantity,gas,value,unit,basis,region,year,source,status,plausibility\n"
          "raw_coal,calorific_value,,20.908,GJ/t,net,CN-SD,,my,unverified,\n"
          "raw_coal,carbon_content,,{cc},t C/TJ,,CN-SD,,my,unverified,{over}\n"
          "raw_coal,oxidation_factor,,{ox},1,,CN-SD,,my,unverified,{over}\n")


def bundle(tmp_path, cc, ox, over=""):
    path = tmp_path / "mine.csv"
    path.write_text(BUNDLE.format(cc=cc, ox=ox, over=over), encoding="utf-8")
    return path


@pytest.mark.parametrize(("cc", "ox", "row", "words"), [
    # E10: 2.618 t C/TJ x 44/12 x 0.93 = 8.927 t CO2/TJ, under raw coal's floor
    # 89.5 x 0.95 (margin) x 0.8 (least oxidation) = 68.02 t CO2/TJ: the carbon content
    (2.618, 0.93, 3, "a slip in the carbon content"),
    # E11: 26.18 x 44/12 x 0.093 = 8.927 t CO2/TJ; 0.093 x 10 = 0.93 lands it inside
    (26.18, 0.093, 4, "the oxidation factor is a share"),
    # 36 x 44/12 x 0.93 = 122.76 t CO2/TJ, above the ceiling 99.7 x 1.05 = 104.685
    (36, 0.93, 3, "a slip in the carbon content"),
])
def test_a_carbon_content_bundle_outside_the_co2_range_is_refused(tmp_path, cc, ox, row, words):
    with pytest.raises(cp.ImplausibleValueError) as err:
        cp.load_factors(extra=bundle(tmp_path, cc, ox))
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (row, "value")
    assert words in problem.message
    assert "8,927 kg CO2/TJ" in problem.message or "122,760 kg CO2/TJ" in problem.message
    assert "68,020 .. 104,685 kg CO2/TJ" in problem.message


def test_the_china_default_bundle_passes_and_an_override_is_read(tmp_path):
    # 26.18 x 44/12 x 0.93 = 89.27 t CO2/TJ, inside 68.02 .. 104.7: the bundled default
    cp.load_factors(extra=bundle(tmp_path, 26.18, 0.93))
    # a stated reason lets the slip through (and the inventory uses it: 8.927 t CO2/TJ)
    with pytest.warns(CarbonpathWarning, match="accepted by override"):
        table = cp.load_factors(extra=bundle(tmp_path, 2.618, 0.93, "override: test"))
    assert table.lookup("raw_coal", "carbon_content", region="CN-SD").value.magnitude == 2.618


def test_a_carbon_content_alone_is_checked_fully_oxidised(tmp_path):
    # no oxidation factor in the table: 2.618 x 44/12 = 9.6 t CO2/TJ even at oxidation 1
    path = tmp_path / "cc.csv"
    path.write_text(BUNDLE.format(cc=2.618, ox=0.93, over="").rsplit("raw_coal,oxid", 1)[0],
                    encoding="utf-8")
    with pytest.raises(cp.ImplausibleValueError, match="fully oxidised"):
        cp.load_factors(extra=path)


# --- E22: a balance column whose header unit is 10^4 off its numbers ---------------------

BALANCE = "datasets/samples/energy_balance_sample.csv"


def test_a_gas_header_in_wan_over_numbers_in_yi_warns(tmp_path):
    from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning

    text = Path(BALANCE).read_text(encoding="utf-8")
    assert "天然气(亿立方米)" in text
    path = tmp_path / "b22.csv"
    path.write_text(text.replace("天然气(亿立方米)", "天然气(万立方米)"), encoding="utf-8")
    # raw coal's largest cell 1137 万吨 x 20.908 GJ/t = 237,724 TJ; gas 8 万m3 (at 20C, taken
    # as Nm3) x 38.931 MJ/Nm3 = 3.1 TJ: 1.3e-5 of it, under 1e-4; read as 亿m3, 0.13
    with pytest.warns(BalanceMagnitudeWarning) as rec:
        cp.read_energy_balance(path)
    message = str(rec[0].message)
    assert "天然气(万立方米)" in message
    assert "237,724 TJ" in message
    assert "3.1 TJ" in message
    assert "万立方米 for 亿立方米" in message
    # the sheet as printed warns nothing (filterwarnings turns a warning into an error)
    cp.read_energy_balance(BALANCE)


# --- E64: the plants' coal under utilities: the advice is to move it, not to override ------


def test_plant_fuel_under_utilities_is_named_instead_of_an_override():
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.loc[0, "sector"] = "utilities"  # the power plants' 900 万吨 of raw coal
    with pytest.raises(cp.ImplausibleValueError) as err:
        cp.compute_inventory(frame, region="CN-SD", year=2022, primary_electricity="calorific",
                             production="datasets/samples/production_sample.csv")
    message = err.value.problems[0].message
    # left with the plants: gas 1.2e8 m3 at 20C = 1.2e8 x 273.15/293.15 Nm3 x 38.931 MJ/Nm3
    # = 4,352.99 TJ, and heat plants' coal 200e4 t x 20.908 GJ/t = 41,816 TJ: 46,168.99 TJ;
    # made: 215 亿kWh x 3.6 TJ/GWh = 77,400 TJ + 3500 万百万千焦 = 35,000 TJ: 112,400 TJ
    # (243 % of the fuel left, above the 110 % first-law bound)
    assert "112,400 TJ" in message
    assert "46,169 TJ" in message
    # utilities' 900e4 t x 20.908 GJ/t = 188,172 TJ would make it 112,400 / 234,341 = 48 %
    assert "utilities raw_coal 900 万吨 (row 0, 188,172 TJ)" in message
    assert "move that row to sector thermal_power" in message
    assert "counted twice" in message


# --- E57: a missing factor's advice names the command's options --------------------------


def test_a_missing_coal_rate_names_the_basis_the_tables_have_and_the_cli_option():
    from typer.testing import CliRunner

    from carbonpath.cli import app

    # the bundled coal rates (factors/thermal_power_coal_rate.csv) are supply basis only
    res = CliRunner().invoke(app, ["inventory", SAMPLE, "--region", "CN-SD", "--year", "2022",
                                   "--primary-electricity", "coal_consumption",
                                   "--coal-rate-basis", "generation"])
    assert res.exit_code == 1
    assert "--coal-rate-basis supply uses them" in res.output
    assert "(--factors FILE; docs: Factor tables)" in res.output
    assert "load_factors" not in res.output
    # the library says it in its own terms
    with pytest.raises(cp.FactorNotFoundError) as err:
        cp.compute_inventory(SAMPLE, region="CN-SD", year=2022,
                             primary_electricity="coal_consumption",
                             coal_rate_basis="generation")
    assert "coal_rate_basis='supply' uses them" in str(err.value)
    assert "load_factors(extra=...)" in str(err.value)


# --- poor messages: E06, E60, E38, E21, E70 -----------------------------------------------


def test_a_blank_oxidation_factor_unit_names_the_units_of_a_share(tmp_path):
    path = tmp_path / "f06.csv"
    path.write_text(BUNDLE.format(cc=26.18, ox=93, over="").replace(",93,1,", ",93,,"),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=path)
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (4, "unit")
    assert "93 with unit %" in problem.valid
    assert "万吨" not in problem.valid  # the units of activity data, which it had offered


@pytest.mark.parametrize(("name", "words"), [
    ("水泥", "give the clinker made (cement_clinker"),
    ("纯碱", "soda_ash_use (纯碱使用, 2A4b) is soda ash consumed"),
    ("粗钢", "bof_steel (转炉钢"),
    ("steel", "eaf_steel (电炉钢"),
])
def test_a_product_name_that_is_no_product_says_what_to_give(name, words):
    with pytest.raises(DataError) as err:
        cp.read_production(pd.DataFrame([{"product": name, "value": 100, "unit": "万吨"}]),
                           region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert problem.column == "product"
    assert words in problem.valid
    assert "did you mean" not in problem.valid


@pytest.mark.parametrize(("text", "words"), [
    ("5%", "as a fraction (0.05) in this column"),
    ("12.5 %", "as a fraction (0.125)"),
    ("(100.00)", "write it with a minus sign (-100.00)"),
    ("(1,234.5)", "(-1,234.5)"),
])
def test_a_percent_or_parenthesised_number_is_named_as_such(text, words):
    from carbonpath.numbers import number_hint

    assert words in number_hint(text)


def test_positive_plant_inputs_are_named_before_the_totals(tmp_path):
    text = Path(BALANCE).read_text(encoding="utf-8")
    # the sample's 火力发电 row (line 13) printed with its inputs as magnitudes
    lines = text.splitlines()
    assert lines[12].startswith("1.火力发电,-780.00")
    lines[12] = lines[12].replace("-", "")
    path = tmp_path / "b70.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path)
    first = err.value.problems[0]
    assert (first.row, first.column, first.value) == (13, "原煤(万吨)", 780.0)
    assert "inputs of 加工转换 are negative" in first.message
    assert "(-780.00)" in first.valid
    assert any("total does not add up" in p.message for p in err.value.problems[1:])


def test_feedstock_of_a_sector_that_makes_no_product_warns():
    act = pd.DataFrame([{"sector": "paper", "fuel": "natural_gas", "value": 1e6,
                         "unit": "Nm3", "use": "feedstock"}])
    # 1e6 Nm3 of chemicals' gas make ~1,040 t of ammonia (9,600 Nm3 per 10 t)
    ammonia = pd.DataFrame([{"product": "ammonia", "value": 1000, "unit": "t"}])
    with pytest.warns(CarbonpathWarning, match="carbonpath has no product made in this sector"):
        cp.compute_inventory(pd.concat([act.assign(sector="chemicals"), act]),
                             production=ammonia, region="CN-SD", year=2022)
