"""Round 19 (tester T), helper rel52: T144 T81 T51 T50 T61 T63 T54 T117 T128."""

import csv
import io
import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError, decompose, intensities, read_energy_balance
from carbonpath.accounting import compute_inventory
from carbonpath.accounting.production_keys import FeedstockCarbonWarning
from carbonpath.cli import app
from carbonpath.cli.activity_files import _activity_source
from carbonpath.dataset.absolute import UnusualDriverWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning
from tests.init_sample import BALANCE

# --- T144: a parent's total beside a child's row of the same fuel, with another use -------

COKE = [{"sector": "industry", "fuel": "焦炭", "value": 70, "unit": "万吨", "use": "combustion"},
        {"sector": "ferrous_metals", "fuel": "焦炭", "value": 60, "unit": "万吨",
         "use": "feedstock"}]


@pytest.mark.filterwarnings("ignore::carbonpath.accounting.production_keys.FeedstockCarbonWarning")
def test_a_parent_total_beside_a_child_of_the_same_fuel_with_another_use_is_refused():
    # industry's 70 万吨 of coke is the yearbook's 工业 total: the 60 万吨 that ferrous_metals
    # gives as blast-furnace feedstock is inside it, whatever the use column says
    with pytest.raises(ImplausibleValueError) as err:
        compute_inventory(pd.DataFrame(COKE), region="CN-SD", year=2022)
    problem, = err.value.problems
    assert (problem.row, problem.column) == (1, "sector")
    assert "part of industry (row 0)" in problem.message
    assert "feedstock in ferrous_metals, combustion in industry" in problem.message
    # industry given only its remainder, 70 - 60 = 10 万吨, in another fuel's row is fine;
    # the override accepts both rows with a warning
    over = pd.DataFrame([{**COKE[0], "value": 10, "plausibility": "override: the remainder"},
                         {**COKE[1], "plausibility": ""}])
    with pytest.warns(Warning, match="counted twice"):
        compute_inventory(over, region="CN-SD", year=2022)


# --- T81: a product's route against the fuel its sector's feedstock holds ----------------

def _ammonia(fuel, value, unit, technology):
    # chemicals also burns 40 万吨 of coal (combustion), as in the sample
    act = pd.DataFrame([{"sector": "chemicals", "fuel": fuel, "value": value, "unit": unit,
                         "use": "feedstock", "gas_condition": "20C" if fuel == "天然气" else ""},
                        {"sector": "chemicals", "fuel": "原煤", "value": 40, "unit": "万吨",
                         "use": "combustion", "gas_condition": ""}])
    prod = pd.DataFrame([{"product": "ammonia", "value": 25, "unit": "万吨",
                          "technology": technology}])
    return act, prod


def test_coal_route_ammonia_beside_gas_feedstock_warns_naming_both_rows():
    # 25 万吨 NH3 x 3.646 t CO2/t (coal route) = 0.9115 Mt, of a coal the chemicals
    # feedstock (8,000 万m3 of natural gas only) does not hold
    act, prod = _ammonia("天然气", 8000, "万立方米", "coal_gasification")
    with pytest.warns(FeedstockCarbonWarning) as rec:
        compute_inventory(act, production=prod, region="CN-SD", year=2022)
    msg = [str(w.message) for w in rec if "column 'technology'" in str(w.message)]
    assert len(msg) == 1
    assert "row 0, column 'technology': ammonia 25 万吨 with technology coal_gasification" in msg[0]
    assert "row 0: natural_gas 8000 万立方米" in msg[0]
    assert "Leave the technology blank" in msg[0]


def test_gas_route_ammonia_beside_coal_feedstock_warns_and_matching_routes_are_quiet():
    # the mirror: modern_reforming (natural gas) beside a chemicals feedstock of coal only
    act, prod = _ammonia("原煤", 49, "万吨", "modern_reforming")
    with pytest.warns(FeedstockCarbonWarning) as rec:  # with round 18's Q113 warning
        compute_inventory(act, production=prod, region="CN-SD", year=2022)
    assert any("Give technology coal_gasification" in str(w.message) for w in rec)
    # matching routes: 49 万吨 raw coal (~0.95 Mt CO2 of carbon) for 0.91 Mt of coal-route
    # process CO2, and gas for the gas route: no route warning
    for fuel, value, unit, tech in (("原煤", 49, "万吨", "coal_gasification"),
                                    ("天然气", 8000, "万立方米", "modern_reforming")):
        act, prod = _ammonia(fuel, value, unit, tech)
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            compute_inventory(act, production=prod, region="CN-SD", year=2022)
        assert not [w for w in rec if "column 'technology'" in str(w.message)]


# --- T51, T50: a workbook's sheet named by digits; errors name the sheet ---------------------

def _sheet_rows(scale=1.0, unbalanced=False):
    """The sample balance's cells, numbers times ``scale`` (row 32 原煤 +1 if unbalanced)."""
    out = []
    for i, row in enumerate(csv.reader(BALANCE.read_text(encoding="utf-8").splitlines())):
        cells = []
        for j, cell in enumerate(row):
            try:
                cells.append(round(float(cell) * scale, 6) + (i == 31 and j == 1 and unbalanced))
            except ValueError:
                cells.append(cell or None)
        out.append(cells)
    return out


def _book(path, sheets):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _power_coal(activity):
    sel = activity[(activity["sector"] == "thermal_power") & (activity["fuel"] == "raw_coal")]
    return float(sel["value"].sum())


def test_sheet_digits_read_the_sheet_of_that_name_and_an_ambiguous_number_is_refused(tmp_path):
    # sheet '1' holds the sample (power coal 780 万吨), sheet '2' the same x 0.9 (702)
    path = _book(tmp_path / "b.xlsx", [("1", _sheet_rows()), ("2", _sheet_rows(0.9))])
    # --sheet 1 on the command line: the sheet named '1', not the sheet number 1 ('2')
    act = _activity_source(path, False, "1", "CN-SD", 2022)
    assert _power_coal(act.data) == pytest.approx(780)
    assert _power_coal(read_energy_balance(path, sheet="1").activity) == pytest.approx(780)
    # the int 1 is sheet '1' by name and sheet '2' by number: refused, naming both
    with pytest.raises(DataError) as err:
        read_energy_balance(path, sheet=1)
    problem, = err.value.problems
    assert "the sheet named '1' (number 0) or the sheet number 1 (named '2')" in problem.message
    # digits that are no sheet's name still read the sheet of that number ('a', 'b')
    other = _book(tmp_path / "c.xlsx", [("a", _sheet_rows()), ("b", _sheet_rows(0.9))])
    assert _power_coal(_activity_source(other, False, "1", "CN-SD", 2022).data) == (
        pytest.approx(702))


def test_a_workbook_balance_error_names_the_sheet(tmp_path):
    # sheet '2021' states 1136 万吨 of raw coal consumed where its rows give 1135
    path = _book(tmp_path / "b.xlsx", [("2022", _sheet_rows()),
                                       ("2021", _sheet_rows(unbalanced=True))])
    with pytest.raises(DataError) as err:
        read_energy_balance(path, sheet="2021")
    problem, = err.value.problems
    assert (problem.file, problem.row) == ("b.xlsx, sheet '2021'", 32)
    assert "does not add up" in problem.message


# --- T61, T63: the dataset's driver checks on a decomposition's drivers ---------------------

def _coal(tonnes, year):
    return compute_inventory(pd.DataFrame([{"sector": "industry", "fuel": "raw_coal",
                                            "value": tonnes, "unit": "t"}]),
                             region="CN-SD", year=year)


def _drivers(gdp0, gdp1, unit="亿元", year1=2022):
    return pd.DataFrame({"driver": ["population", "gdp", "gdp"], "year": ["", 2020, year1],
                         "value": [100, gdp0, gdp1], "unit": ["万人", unit, unit],
                         "price_year": [None, 2020, 2020]})


def test_gdp_in_yuan_for_yi_yuan_is_refused_and_an_unusual_gdp_per_person_warns():
    a, b = _coal(1000, 2020), _coal(1100, 2022)
    # 1000 元 over 100 万人 = 1e3 / 1e6 = 0.001 CNY a person, under the 1,000 of any city
    with pytest.raises(ImplausibleValueError) as err:
        decompose(a, b, _drivers(1000, 1100, "元"))
    first = err.value.problems[0]
    assert (first.row, first.column) == (3, "value")  # the table's second line: 2020's gdp
    assert "0.001 CNY per person" in first.message
    assert "元 or 万元 for 亿元" in first.message
    # 50 亿元 over 100 万人 = 5e9 / 1e6 = 5,000 CNY a person: a slip or a very poor place,
    # under the 10,000 .. 350,000 of China's cities: a warning, not a refusal
    with pytest.warns(UnusualDriverWarning) as rec:  # 55 亿元 in 2022: 5,500 CNY a person
        decompose(a, b, _drivers(50, 55))
    assert [str(w.message)[:59] for w in rec] == [
        "drivers, row 3: unusual gdp: 50 亿元 in 2020 is 5,000 CNY per",
        "drivers, row 4: unusual gdp: 55 亿元 in 2022 is 5,500 CNY per"]
    assert "with the population of 100 万人" in str(rec[0].message)
    # 1000 亿元 = 100,000 CNY a person: quiet
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        intensities(a, _drivers(1000, 1100))


def test_a_gdp_falling_faster_than_any_city_warns_naming_the_row():
    a, b = _coal(1000, 2020), _coal(1100, 2022)
    # 1000 -> 110 亿元 in two years: (110 / 1000) ** (1 / 2) - 1 = -0.668, -67 % a year,
    # inside the x10 step (0.11) and the per-person range (11,000 CNY a person)
    with pytest.warns(SeriesSlipWarning) as rec:
        decompose(a, b, _drivers(1000, 110))
    text, = [str(w.message) for w in rec]
    assert text.startswith("drivers, row 4: driver gdp: 110 亿元 in 2022 after "
                           "1000 亿元 in 2020 is -67% a year")
    # +10 % in two years (1000 -> 1100, 4.9 % a year) is quiet
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        decompose(a, b, _drivers(1000, 1100))


# --- T54: decompose says its own year option ------------------------------------------------

def test_decompose_names_its_years_option_not_the_inventory_year_option(tmp_path):
    for year in (2021, 2023):
        (tmp_path / f"a{year}.csv").write_text(
            f"sector,fuel,value,unit,year\nindustry,raw_coal,100,t,{year}\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("product,value,unit\ncement_clinker,10,t\n",
                                    encoding="utf-8")  # no year column
    (tmp_path / "d.csv").write_text("driver,year,value,unit,price_year\npopulation,,100,万人,\n"
                                    "gdp,,1000,亿元,2020\n", encoding="utf-8")
    result = CliRunner().invoke(app, [
        "decompose", str(tmp_path / "a2021.csv"), str(tmp_path / "a2023.csv"), "--drivers",
        str(tmp_path / "d.csv"), "--region", "CN-SD", "--production", str(tmp_path / "p.csv"),
        str(tmp_path / "p.csv")])
    assert result.exit_code == 1
    assert "give a 'year' column or --years START END;" in result.output


# --- T117: factors --region marks the factor an inventory of the region applies -------------

def test_factors_by_region_shows_and_marks_the_bundle_an_inventory_applies():
    result = CliRunner().invoke(app, ["factors", "--item", "natural_gas", "--gas", "CO2",
                                      "--region", "CN-SD"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    # China's bundle: 15.3 kg C/GJ x 0.99 x 44/12 = 55.539 t CO2/TJ (not IPCC's 56.1)
    assert "natural_gas burned in CN-SD: an inventory applies 55.54 t CO2/TJ" in out
    assert "natural_gas carbon_content = 0.0153 t C/GJ (CN, any year; unverified) " \
           "[applied in CN-SD]" in out
    assert "natural_gas oxidation_factor = 0.99 dimensionless (CN, any year; unverified) " \
           "[applied in CN-SD]" in out
    assert "natural_gas emission_factor CO2 = 56100 kg CO2/TJ (world, any year; verified) " \
           "[not applied in CN-SD]" in out
    # the csv carries the mark as a column
    csv_out = CliRunner().invoke(app, ["factors", "--item", "natural_gas", "--gas", "CO2",
                                       "--region", "CN-SD", "--format", "csv"]).output
    table = pd.read_csv(io.StringIO(csv_out))
    marks = dict(zip(table["quantity"], table["applied_in_region"], strict=True))
    assert marks == {"emission_factor": "no", "calorific_value": "yes",
                     "carbon_content": "yes", "oxidation_factor": "yes"}


# --- T128: a sector name in a factor table's sector column -----------------------------------

@pytest.mark.parametrize(("sector", "said", "category"), [
    ("工业", "'工业' is the sector industry, whose IPCC category is 1A2", "1A2"),
    ("居民生活", "'居民生活' is the sector residential, whose IPCC category is 1A4b", "1A4b"),
])
def test_a_sector_name_in_a_factor_table_says_its_ipcc_category(sector, said, category):
    # sectors.csv: 工业 = industry, category 1A2; 居民生活 = residential, 1A4b
    rows = pd.DataFrame([{"item": "raw_coal", "quantity": "calorific_value", "sector": sector,
                          "value": 20.908, "unit": "GJ/t", "basis": "net", "region": "CN-SD",
                          "source": "s", "status": "unverified"}])
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=rows)
    problem, = err.value.problems
    assert problem.column == "sector"
    assert said in problem.message
    assert problem.valid.startswith(f"{category} (a row of {category} applies to")
