"""Round 25 (rel83): unit hints, factors listing without --region, coal-rate basis words,
DataFrames in factors=[...], ';'-separated balance sheets, 其中 lines, price_year rows."""

import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import DataError, UnitError, read_energy_balance
from carbonpath._resources import data_path
from carbonpath.accounting import compute_inventory, intensities
from carbonpath.cli import app
from carbonpath.errors import ArgumentTypeError, ArgumentValueError, CarbonpathWarning
from tests.conftest import edit, only_problem

SAMPLES = data_path("datasets") / "samples"
BALANCE = SAMPLES / "energy_balance_sample.csv"
ACTIVITY = SAMPLES / "activity_sample.csv"

# --- Z50, Z67: the spelling of a CO2 mass and of a kgce --------------------------------


@pytest.mark.parametrize(("unit", "fixed"), [
    ("万吨二氧化碳", "万吨 CO2"), ("吨二氧化碳", "吨 CO2"), ("吨二氧化碳当量", "吨 CO2e"),
    ("万吨CO2当量", "万吨 CO2e"), ("吨二氧化碳/万元", "吨 CO2/万元"), ("吨碳/太焦", "吨 C/太焦"),
    ("公斤标准煤", "千克标准煤"), ("公斤标准煤/万元", "千克标准煤/万元"),
    ("克标准煤/千瓦时", "gce/千瓦时")])
def test_a_chinese_gas_or_kgce_spelling_names_the_unit_that_reads(unit, fixed):
    with pytest.raises(UnitError, match=f"write '{fixed}'"):
        cp.Q_(1, unit)
    cp.Q_(1, fixed)  # the spelling named reads


def test_the_spellings_named_convert_as_their_words_say():
    # 1 万吨 CO2 = 10^4 t CO2; 1 千克标准煤 = 29.3076 MJ (GB/T 2589-2020);
    # 300 gce/kWh = 0.3 kgce/kWh
    assert cp.Q_(1, "万吨 CO2").to("t CO2").magnitude == pytest.approx(1e4)
    assert cp.Q_(1, "千克标准煤").to("MJ").magnitude == pytest.approx(29.3076)
    assert cp.Q_(300, "gce/千瓦时").to("kgce/kWh").magnitude == pytest.approx(0.3)


def test_a_factor_file_unit_in_chinese_gas_words_names_the_fix(tmp_path):
    f = tmp_path / "f.csv"
    f.write_text("item,quantity,gas,value,unit,region,source,status\n"
                 "raw_coal,emission_factor,CO2,94600,kg二氧化碳/TJ,CN-SD,me,verified\n",
                 encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=f)
    problem = only_problem(err)
    assert (problem.row, problem.column) == (2, "unit")
    assert "'kg CO2/TJ'" in str(problem)


# --- Z111: 供电 / 发电 ----------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::carbonpath.errors.CarbonpathWarning")
def test_coal_rate_basis_reads_the_chinese_words():
    def total(basis):
        return compute_inventory(ACTIVITY, region="CN-SD", year=2022,
                                 primary_electricity="coal_consumption",
                                 coal_rate_basis=basis).energy_total()

    supply = total("supply")
    assert total("供电") == supply
    assert total("Supply") == supply
    with pytest.raises(ArgumentValueError, match="'supply' \\(or 供电"):
        total("sent out")


def test_dataset_yaml_coal_rate_basis_reads_gongdian(tiny):
    edit(tiny, "dataset.yaml", "coal_rate_basis: supply", "coal_rate_basis: 供电")
    assert cp.load_dataset(tiny).config["energy"]["coal_rate_basis"] == "supply"


def test_the_cli_reads_gongdian():
    args = ["inventory", str(ACTIVITY), "--region", "CN-SD", "--year", "2022",
            "--primary-electricity", "coal_consumption", "--format", "csv"]
    words = CliRunner().invoke(app, [*args, "--coal-rate-basis", "供电"])
    code = CliRunner().invoke(app, [*args, "--coal-rate-basis", "supply"])
    assert words.exit_code == 0, words.output
    assert words.stdout == code.stdout


# --- Z113: a DataFrame in factors=[...] -------------------------------------------------

GRID_2021 = pd.DataFrame({  # blank low/high/basis...: float columns of NaN, as read_csv gives
    "item": ["electricity"], "quantity": ["emission_factor"], "gas": ["CO2"],
    "sector": [float("nan")], "technology": [float("nan")], "value": [0.62],
    "unit": ["t CO2/MWh"], "basis": [float("nan")], "region": ["CN-SD"], "year": [2021],
    "low": [float("nan")], "high": [float("nan")], "source": ["me"],
    "source_item": [float("nan")], "status": ["verified"], "note": [float("nan")]})


def test_a_dataframe_inside_factors_is_refused_as_a_bare_one():
    with pytest.raises(ArgumentTypeError) as err:
        compute_inventory(ACTIVITY, region="CN-SD", year=2022, factors=[GRID_2021])
    assert "list whose element 0 is DataFrame" in str(err.value)
    assert "load_factors(extra=df)" in str(err.value)


def test_a_dataframe_factor_table_reads_without_foreign_warnings_and_names_its_label():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = cp.load_factors(extra=GRID_2021)
        table.grid_factor("CN-SD", 2022)  # the 2021 user row replaces the bundled 2022 row
    foreign = [str(w.message) for w in caught if not issubclass(w.category, CarbonpathWarning)]
    assert not foreign, foreign
    said = [str(w.message) for w in caught if "replaces the bundled factor" in str(w.message)]
    assert said
    assert said[0].startswith(
        "user factor of index label 0 in the DataFrame of user factors (electricity")


# --- Z124: a balance sheet separated by ';' or a tab -------------------------------------


def _resaved(tmp_path, sep, decimal):
    text = BALANCE.read_text(encoding="utf-8").splitlines()
    out = [text[0]]  # the title line keeps its comma, as a spreadsheet writes it in one cell
    for line in text[1:]:
        cells = line.split(",")
        out.append(sep.join(c.replace(".", ",") if decimal and c[:1].isdigit() else c
                            for c in cells))
    path = tmp_path / "b.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("sep", "decimal", "shown"), [
    (";", True, "';'"), (";", False, "';'"), ("\t", False, "a tab")])
def test_a_balance_saved_with_another_separator_is_named_so(tmp_path, sep, decimal, shown):
    path = _resaved(tmp_path, sep, decimal)
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    problem = only_problem(err)
    assert problem.row == 2  # the header line (line 1 is the title)
    assert f"separated by {shown}" in problem.message
    assert "原煤(万吨)" in problem.message
    assert ("decimal mark" in problem.valid) == decimal
    with pytest.raises(DataError, match=f"balance sheet, and the file looks separated by {shown}"):
        compute_inventory(path, region="CN-SD", year=2022)  # the tidy reader says so too
    result = CliRunner().invoke(app, ["inventory", str(path), "--region", "CN-SD",
                                      "--year", "2022"])
    assert result.exit_code == 1
    assert f"separated by {shown}" in result.output
    assert "read neither" not in result.output


def test_the_comma_separated_sample_reads_as_before():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CarbonpathWarning)
        assert len(read_energy_balance(BALANCE, region="CN-SD", year=2022).activity)


# --- Z139: 其中 lines ----------------------------------------------------------------------

SIZE = "其中:规模以上工业,100.00,,40.00,2.50,,3.00,,2.00,1200.00,130.00"
HEAVY = "其中:高耗能行业,80.00,,30.00,2.00,,2.00,,1.50,1000.00,100.00"


def _with_lines(tmp_path, *extra):
    lines = BALANCE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1.工业,")) + 1
    path = tmp_path / "b.csv"
    path.write_text("\n".join([*lines[:at], *extra, *lines[at:]]) + "\n", encoding="utf-8")
    return path, at  # the industry row is file line ``at``


@pytest.mark.parametrize("line", [SIZE, HEAVY])
def test_an_of_which_line_names_the_row_above_and_memo(tmp_path, line):
    path, industry = _with_lines(tmp_path, line)
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    problem = only_problem(err)
    label = line.split(",")[0]
    assert problem.row == industry + 1
    assert f"('1.工业', line {industry})" in problem.valid
    assert f"{{'{label}': 'memo'}}" in problem.valid
    assert "did you mean" not in problem.valid


def test_an_of_which_line_mapped_to_its_parent_names_memo(tmp_path):
    path, _ = _with_lines(tmp_path, SIZE)
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022,
                            mapping={"rows": {SIZE.split(",")[0]: "industry"}})
    problem = only_problem(err)
    assert "appears twice" in problem.message
    assert "'memo'" in problem.valid


@pytest.mark.filterwarnings("ignore::carbonpath.errors.CarbonpathWarning")
def test_two_memo_lines_count_in_no_total(tmp_path):
    path, _ = _with_lines(tmp_path, SIZE, HEAVY)
    memo = {"rows": {SIZE.split(",")[0]: "memo", HEAVY.split(",")[0]: "memo"}}
    bs = read_energy_balance(path, region="CN-SD", year=2022, mapping=memo)
    plain = read_energy_balance(BALANCE, region="CN-SD", year=2022)
    # the memo rows hold 100 + 80 万吨 of raw coal; the activity is the plain sample's
    assert bs.flows.loc[bs.flows["item"] == "memo", "value"].sum() == pytest.approx(
        100 + 40 + 2.5 + 3 + 2 + 1200 + 130 + 80 + 30 + 2 + 2 + 1.5 + 1000 + 100)
    pd.testing.assert_frame_equal(bs.activity.drop(columns="note").reset_index(drop=True),
                                  plain.activity.drop(columns="note").reset_index(drop=True))


# --- Z143: price_year rows -------------------------------------------------------------


@pytest.fixture(scope="module")
def inventory():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        return compute_inventory(ACTIVITY, region="CN-SD", year=2022,
                                 primary_electricity="calorific")


def _drivers(tmp_path, gdp_years):
    rows = ["driver,year,value,unit,price_year"]
    rows += [f"gdp,{y},{v},亿元,{p}" for y, v, p in gdp_years]
    rows += ["population,2021,2000,万人,", "population,2022,2010,万人,"]
    path = tmp_path / "d.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_price_year_with_nian_names_its_rows_and_the_year(tmp_path, inventory):
    path = _drivers(tmp_path, [(2021, 30000, "2021年"), (2022, 31500, "2021年")])
    with pytest.raises(DataError) as err:
        intensities(inventory, path)
    problem = only_problem(err)
    assert (problem.row, problem.column) == (2, "price_year")
    assert problem.valid == "2021 (the year alone)"
    assert "rows 2 and 3" in problem.message


def test_several_price_years_name_each_rows(tmp_path, inventory):
    path = _drivers(tmp_path, [(2021, 30000, 2021), (2022, 31500, 2020)])
    with pytest.raises(DataError) as err:
        intensities(inventory, path)
    assert "2021 (row 2); 2020 (row 3)" in only_problem(err).message


def test_factor_listing_without_region_names_each_levels_co2_factor():
    from carbonpath.accounting.factor_listing import regional_routes

    table = cp.load_factors()
    rows = table.select(item="原煤", gas="CO2")
    assert list(rows["region"]) == ["world"]  # the listing itself: the IPCC row only
    line, = regional_routes(table, rows)
    # CN: 26.18 kg C/GJ x 0.93 x 44/12 = 89.27 t CO2/TJ; world: 94,600 kg CO2/TJ
    assert line.startswith("raw_coal: an inventory applies 89.27 t CO2/TJ in CN and below")
    assert "94.6 t CO2/TJ in any other region" in line
    out = CliRunner().invoke(app, ["factors", "--item", "原煤", "--gas", "CO2"])
    assert out.exit_code == 0
    assert "89.27 t CO2/TJ in CN" in out.stdout
