"""Round 21 (tester J, accounting): options no row reads, and clearer messages (rel63).

J108 / J118: an argument that every row overrides (energy_basis, gas_condition, region,
year) was ignored in silence by the Python API; J113: a one-sheet workbook named after
another year; then the messages of J12, J15, J23, J26, J31, J37, J40, J52, J56, J110, J120.
"""

from __future__ import annotations

import csv
import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.accounting.balance_year import BalanceYearWarning
from carbonpath.cli import app
from carbonpath.codes import sectors
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathError,
    DataError,
    IncompatibleUnitsError,
    UnitError,
)
from carbonpath.numbers import number_hint
from carbonpath.units import Q_, parse_unit

SAMPLES = data_path("datasets") / "samples"
OPTS = ["--region", "CN-SD", "--year", "2022", "--primary-electricity", "calorific"]


def _rows(*lines, header="sector,fuel,value,unit,use,energy_basis"):
    return pd.DataFrame([dict(zip(header.split(","), line.split(","), strict=True))
                         for line in lines])


# --- J108: an energy_basis (gas_condition) every row that reads it overrides ----------------

def test_j108_energy_basis_every_row_overrides_is_refused_by_the_api():
    df = _rows("residential,原煤,1000,GJ,combustion,net", "industry,原煤,10,t,combustion,")
    with pytest.raises(DataError) as err:
        cp.read_activity(df, region="CN-SD", year=2022, energy_basis="gross")
    text = str(err.value)
    assert "energy_basis='gross'" in text
    assert "would be ignored" in text
    assert "these rows say net" in text
    assert err.value.problems[0].column == "energy_basis"
    # a blank cell reads the argument: row 0 keeps its own net, row 1 (GJ, blank) is gross
    # (one table on two bases warns since round 29, ZE70)
    from carbonpath.accounting.activity.scope import EnergyBasisWarning

    df = _rows("residential,原煤,1000,GJ,combustion,net", "industry,原煤,500,GJ,combustion,")
    with pytest.warns(EnergyBasisWarning, match="row 1, column 'energy_basis'"):
        act = cp.read_activity(df, region="CN-SD", year=2022, energy_basis="gross")
    assert list(act.data["energy_basis"]) == ["net", "gross"]


def test_j108_gas_condition_every_gas_row_overrides_is_refused_by_the_api():
    df = _rows("residential,天然气,1,亿立方米,combustion,20C",
               header="sector,fuel,value,unit,use,gas_condition")
    with pytest.raises(DataError, match=r"gas_condition='0C'.*these rows say 20C"):
        cp.read_activity(df, region="CN-SD", year=2022, gas_condition="0C")
    # the same condition as the cells: harmless, read
    cp.read_activity(df, region="CN-SD", year=2022, gas_condition="20C")


def test_j108_cli_energy_basis_beside_rows_naming_their_own(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,use,energy_basis\n"
                    "residential,原煤,1672.64,TJ,combustion,net\n", encoding="utf-8")
    for basis in ("gross", "net"):  # gross contradicts the cell; net would be ignored
        res = CliRunner().invoke(app, ["inventory", str(path), *OPTS, "--energy-basis", basis])
        assert res.exit_code == 1, res.output
        said = " ".join(res.output.split())
        assert f"--energy-basis {basis}" in said, said
        assert "would be ignored" in said, said


# --- J118: region / year that no row reads, and conversions beside a read Activity ----------

def test_j118_region_and_year_beside_an_activity_of_another_region_are_refused():
    act = cp.read_activity(SAMPLES / "activity_sample.csv", region="CN-ZJ", year=2022)
    with pytest.raises(ArgumentValueError) as err:
        cp.compute_inventory(act, region="CN-SD", year=2021, primary_electricity="calorific")
    text = str(err.value)
    assert "year=2021" in text
    assert "(2022)" in text
    assert "region='CN-SD'" in text
    assert "(CN-ZJ)" in text
    with pytest.raises(ArgumentValueError, match=r"gas_condition='20C'.*read_activity"):
        cp.compute_inventory(act, gas_condition="20C", primary_electricity="calorific")


def test_j118_region_argument_beside_a_region_column_is_refused():
    df = _rows("industry,原煤,100,万吨,combustion,CN-ZJ",
               header="sector,fuel,value,unit,use,region")
    with pytest.raises(ArgumentValueError, match=r"region='CN-SD' \(CN-SD\).*\(CN-ZJ\)"):
        cp.compute_inventory(df, region="CN-SD", year=2022)
    # the arguments the rows agree with are read: the same total as without them
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = cp.compute_inventory(df, region="CN-ZJ", year=2022).total().magnitude
        b = cp.compute_inventory(df, year=2022).total().magnitude
    assert a == pytest.approx(b)
    assert a > 0


# --- J113: a one-sheet workbook named after another year ---------------------------------------

@pytest.fixture
def workbook_2022(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022"
    with open(SAMPLES / "energy_balance_sample.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            ws.append([float(c) if c.replace(".", "").replace("-", "").isdigit() else (c or None)
                       for c in row])
    path = tmp_path / "b.xlsx"
    wb.save(path)
    return path


def test_j113_one_sheet_named_after_another_year(workbook_2022):
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(workbook_2022, year=2021, region="CN-SD")
    text = str(err.value)
    assert "one sheet '2022'" in text
    assert "not 2021" in text
    assert "--sheet '2022'" in text
    with pytest.warns(BalanceYearWarning, match="sheet '2022' is named after the year 2022"):
        cp.read_energy_balance(workbook_2022, sheet="2022", year=2021, region="CN-SD")
    with warnings.catch_warnings():  # the year the sheet is named after: read, no word
        warnings.simplefilter("error", BalanceYearWarning)
        bs = cp.read_energy_balance(workbook_2022, year=2022, region="CN-SD")
    assert bs.sheet == "2022"


# --- J12, J26, J37: unit spellings -------------------------------------------------------------

def test_j12_oil_equivalent_names_toe():
    with pytest.raises(UnitError, match="write '10\\^4 toe'"):
        parse_unit("万吨标准油")
    with pytest.raises(UnitError, match="write 'toe'"):
        parse_unit("吨标准油")
    # the spelling named reads: 10^4 toe = 10^4 x 41.868 GJ (10^10 international calories)
    assert Q_(1, "10^4 toe").to("GJ").magnitude == pytest.approx(418_680.0)


def test_j26_traditional_characters_name_the_simplified_unit():
    with pytest.raises(UnitError, match="write '万吨'"):
        parse_unit("萬噸")
    with pytest.raises(UnitError, match="write '亿千瓦时'"):
        parse_unit("億千瓦時")


def test_j37_chinese_unit_glued_to_a_gas():
    with pytest.raises(CarbonpathError, match="'万吨 CO2' \\(a space"):
        Q_(1, "万吨CO2")
    assert Q_(1, "万吨 CO2").to("t CO2").magnitude == pytest.approx(1e4)


# --- J23, J56: subtotals and commerce as sectors -----------------------------------------------

def test_j23_j56_sector_subtotals_and_commerce_get_their_codes():
    said = sectors().valid_text("第二产业")
    assert "industry" in said
    assert "construction" in said
    assert "subtotal" in said
    assert "agriculture" not in said
    said = sectors().valid_text("第三产业")
    assert "transport" in said
    assert "commercial" in said
    assert "other_services" in said
    assert "commercial" in sectors().valid_text("商业")
    assert "industry" not in sectors().valid_text("商业")
    df = _rows("第二产业,原煤,165,万吨,combustion", header="sector,fuel,value,unit,use")
    with pytest.raises(DataError, match=r"industry .*construction"):
        cp.read_activity(df, region="CN-SD", year=2022)


# --- J15: a tidy file read as a balance sheet --------------------------------------------------

def test_j15_tidy_file_as_balance_sheet_says_so():
    with pytest.raises(DataError, match=r"tidy activity data.*without --balance-sheet"):
        cp.read_energy_balance(SAMPLES / "activity_sample.csv", region="CN-SD", year=2022)


# --- J31: CHP heat in the 火力发电 row ------------------------------------------------------------

def test_j31_heat_in_the_thermal_power_row_names_the_heat_supply_row(tmp_path):
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    old_tp = "1.火力发电,-780.00,,,-0.50,,,,-1.20,,190.00"
    old_hs = "2.供热,-220.00,,,,,,,-0.30,3800.00,"
    assert old_tp in text
    assert old_hs in text
    text = text.replace(old_tp, "1.火力发电,-780.00,,,-0.50,,,,-1.20,3800.00,190.00")
    path = tmp_path / "b.csv"
    path.write_text(text.replace(old_hs, "2.供热,-220.00,,,,,,,-0.30,,"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022).activity  # noqa: B018
    text = str(err.value)
    assert "供热 row (heat_supply)" in text
    assert "row 13" in text


# --- J40, J41: a gas total asked in another gas's unit -----------------------------------------

def test_j40_j41_total_in_another_gas_unit_names_the_right_call():
    df = _rows("industry,原煤,100,万吨,combustion", header="sector,fuel,value,unit,use")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inv = cp.compute_inventory(df, region="CN-SD", year=2022, gwp="AR6")
    with pytest.raises(IncompatibleUnitsError) as err:
        inv.total("CH4", unit="t CO2e")
    assert "total('CO2e', unit='t CO2e')" in str(err.value)
    assert "unit='t CH4'" in str(err.value)
    with pytest.raises(IncompatibleUnitsError, match="total\\('CO2e', unit='Mt CO2e'\\)"):
        inv.total("CO2", unit="Mt CO2e")


# --- J52: a DataFrame where a FactorTable is wanted --------------------------------------------

def test_j52_factor_dataframe_points_to_load_factors():
    f = pd.DataFrame([{"item": "electricity", "quantity": "emission_factor", "gas": "CO2",
                       "value": 0.6, "unit": "t CO2/MWh", "region": "CN-SD", "year": 2022,
                       "source": "x", "status": "unverified"}])
    df = _rows("industry,原煤,100,万吨,combustion", header="sector,fuel,value,unit,use")
    with pytest.raises(ArgumentTypeError) as err:
        cp.compute_inventory(df, region="CN-SD", year=2022, factors=f)
    text = str(err.value)
    assert "load_factors(extra=df)" in text
    assert "shape (1, 9)" in text
    assert "\n" not in text  # the DataFrame is not printed


# --- J110: the header repeated mid-file -------------------------------------------------------

def test_j110_repeated_header_line_is_named(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit\nindustry,原煤,100,万吨\ntransport,柴油,10,万吨\n"
                    "sector,fuel,value,unit\nindustry,原煤,100,万吨\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_activity(path, region="CN-SD", year=2022)
    p = err.value.problems[0]
    assert p.row == 4
    assert "repeats the header" in p.message
    assert "5 (= row 2)" in p.message


# --- J120: Excel's leading apostrophe ----------------------------------------------------------

def test_j120_leading_apostrophe_is_named_as_excels_text_mark():
    said = number_hint("'900")
    assert "apostrophe" in said
    assert "write 900 without it" in said
    assert "separator" not in said.split("(")[0]
    df = _rows("industry,原煤,'900,万吨,combustion", header="sector,fuel,value,unit,use")
    with pytest.raises(DataError, match="Excel's mark of a number stored as text"):
        cp.read_activity(df, region="CN-SD", year=2022)
