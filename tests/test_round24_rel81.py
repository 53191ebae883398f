"""Round 24 H13, H29, H118, H124, H125, H129, H131 (tester H) and BA10 (tester B).

Hand values:

* 1 亿Nm³ = 10^8 Nm3 (亿 = 10^8); 2 Nm³ x 1 GJ/Nm3 = 2 GJ.
* The sample balance's 第三产业 row: 汽油 10 = 8 (交通运输) + 2 (其他) 万吨.
* H29's pair: 1000 MWh imported both years, 100 t of coal both years, drivers unchanged:
  the whole change is the grid factor's, 1000 MWh x (0.5 - 0.6838) t CO2/MWh = -183.8 t
  (0.6838: the bundled MEE/NBS factor of Shandong for 2021; 0.5: the user's for 2022).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.accounting.activity.scope import GasConditionWarning
from carbonpath.accounting.decomposition_pair import FactorSourceWarning
from carbonpath.cli import app
from carbonpath.errors import ArgumentTypeError, ArgumentValueError, DataError, UnknownUnitError
from carbonpath.units.parse import parse_unit
from tests.conftest import assert_no_carbonpath_warnings, only_problem
from tests.init_sample import BALANCE, SAMPLE, SAMPLES

SHEET = SAMPLES / "energy_balance_sample.csv"
ACTIVITY = SAMPLES / "activity_sample.csv"


# --- H118, H125: a gas amount's cube written as an exponent -------------------------------

@pytest.mark.parametrize(("text", "plain"), [
    ("Nm³", "Nm3"), ("Nm^3", "Nm3"), ("Nm**3", "Nm3"), ("亿Nm³", "亿Nm3"), ("万Nm³", "万Nm3"),
    ("Sm³", "Sm3"), ("m³_20C", "m3_20C"), ("GJ/Nm³", "GJ/Nm3")])
def test_cubed_gas_units_are_the_units_written_with_a_digit(text, plain):
    assert cp.Q_(1, text).to(plain).magnitude == pytest.approx(1.0, rel=1e-12)
    assert parse_unit(text) == parse_unit(plain)


def test_nm3_with_superscript_multiplies_out():
    assert cp.Q_(1.2, "亿Nm³").to("Nm3").magnitude == pytest.approx(1.2e8)
    energy = cp.Q_(2, "Nm³") * cp.Q_(1, "GJ/Nm3")
    assert energy.to("GJ").magnitude == pytest.approx(2.0)
    assert cp.Q_(1, "m³").to("m**3").magnitude == 1  # a plain cube stays a volume


def test_superscript_unit_in_an_activity_file_reads_as_the_plain_one(tmp_path):
    text = ACTIVITY.read_text(encoding="utf-8")
    row = "thermal_power,天然气,1.2,亿立方米,combustion,20C,"
    assert row in text
    paths = []
    for unit in ("亿Nm³", "亿Nm3"):
        p = tmp_path / f"a{len(paths)}.csv"
        p.write_text(text.replace(row, f"thermal_power,天然气,1.2,{unit},combustion,,"),
                     encoding="utf-8")
        paths.append(p)
    got = []
    for p in paths:  # (Nm3 is at 0 C beside the file's 20 C rows: warned, both spellings)
        with pytest.warns(GasConditionWarning, match="row 3, column 'unit'"):
            got.append(cp.compute_inventory(
                p, region="CN-SD", year=2022, primary_electricity="calorific",
                production=SAMPLES / "production_sample.csv").total().magnitude)
    assert got[0] == pytest.approx(got[1], rel=1e-12)


# --- H129: unit advice wherever pint parses a unit -----------------------------------------

def _small_inventory():
    frame = pd.DataFrame({"sector": ["other_manufacturing"], "fuel": ["raw_coal"],
                          "value": [1000.0], "unit": ["t"], "year": [2022]})
    return cp.compute_inventory(frame, region="CN-SD")


def test_total_with_glued_unit_names_the_spaced_one():
    inv = _small_inventory()
    with pytest.raises(UnknownUnitError, match=r"'万吨 CO2' \(a space"):
        inv.total("CO2", unit="万吨CO2")
    tonnes = inv.total("CO2").magnitude
    assert inv.total("CO2", unit="万吨 CO2").magnitude == pytest.approx(tonnes / 1e4)


@pytest.mark.parametrize(("call", "advice"), [
    (lambda: cp.Q_(1, "t CO2").to("万吨CO2"), "'万吨 CO2'"),
    (lambda: cp.ureg("萬噸"), "write '万吨'"),
    (lambda: cp.ureg.parse_units("万吨标煤"), "write '万吨标准煤'")])
def test_registry_unit_errors_carry_the_readers_advice(call, advice):
    with pytest.raises(UnknownUnitError) as err:
        call()
    assert advice in str(err.value)


# --- H124: an empty string given as a path --------------------------------------------------

@pytest.mark.parametrize(("kwargs", "named"), [
    ({"factors": ""}, "'factors'"), ({"production": " "}, "'production'"),
    ({"factors": ["", "x.csv"]}, "'factors' (element 0)")])
def test_empty_path_arguments_are_named(kwargs, named):
    with pytest.raises(ArgumentValueError, match=r"compute_inventory\(\): argument "
                       + re.escape(named) + r" is an empty path"):
        cp.compute_inventory(ACTIVITY, region="CN-SD", year=2022, **kwargs)


def test_empty_paths_in_init_and_report(tmp_path):
    from carbonpath.init import init_dataset, init_from_workbook
    from carbonpath.report.render import render_report

    with pytest.raises(ArgumentValueError, match="argument 'capacity' is an empty path"):
        init_dataset(BALANCE, out=tmp_path / "c", **{**SAMPLE, "capacity": ""})
    with pytest.raises(ArgumentValueError, match="argument 'out' is an empty path"):
        init_dataset(BALANCE, out="", **SAMPLE)
    with pytest.raises(ArgumentValueError, match="argument 'workbook' is an empty path"):
        init_from_workbook("", out=tmp_path / "w", region="CN-SD", base_year=2022,
                           horizon=2030)
    with pytest.raises(ArgumentValueError, match="argument 'results_dir' is an empty path"):
        render_report("", tmp_path / "r")


# --- H13: a second table pasted below the first ------------------------------------------

def _with_second_table(tmp_path, unit):
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("项目,"))
    heads = lines[header].split(",")
    second = ["", "能源平衡表(标准量)",
              ",".join([heads[0]] + [h.split("(")[0] + f"({unit})" for h in heads[1:]]),
              "一、可供本地区消费的能源量," + ",".join(["1"] * (len(heads) - 1))]
    path = tmp_path / "b.csv"
    path.write_text("\n".join(lines + second) + "\n", encoding="utf-8")
    return path, len(lines) + 3  # the second header's line (1-based)


def test_second_table_in_other_units_is_one_problem(tmp_path):
    path, line = _with_second_table(tmp_path, "万吨标准煤")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    problem = only_problem(err)
    assert problem.row == line
    assert "a second table starts here" in problem.message
    assert f"after its title, row {line - 1}: '能源平衡表(标准量)'" in problem.message
    assert "'原煤(万吨标准煤)'" in problem.message
    assert "'原煤(万吨)'" in problem.message
    assert f"the first table ends before row {line - 1}" in problem.valid


def test_second_table_with_the_same_header_is_named_too(tmp_path):
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("项目,"))
    path = tmp_path / "b.csv"
    path.write_text("\n".join([*lines, header, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    problem = only_problem(err)
    assert problem.row == len(lines) + 1
    assert "second table" in problem.message


def test_sample_sheet_stays_quiet_and_reads():
    with assert_no_carbonpath_warnings():
        bs = cp.read_energy_balance(SHEET, region="CN-SD", year=2022)
    assert len(bs.activity)


# --- H131: a final-use subtotal without its parts --------------------------------------------

_PARTS = ("1.交通运输、仓储和邮政业", "2.批发、零售业和住宿、餐饮业", "3.其他")


def _without_tertiary_parts(tmp_path):
    lines = [line for line in SHEET.read_text(encoding="utf-8").splitlines()
             if not line.startswith(_PARTS)]
    assert len(lines) == len(SHEET.read_text(encoding="utf-8").splitlines()) - 3
    path = tmp_path / "b.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    row = next(i for i, line in enumerate(lines, 1) if line.startswith("(三)第三产业"))
    return path, row


def test_subtotal_without_parts_names_its_own_parts(tmp_path):
    path, row = _without_tertiary_parts(tmp_path)
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    problem = only_problem(err)  # one per row, not one per column
    assert problem.row == row
    assert "(tertiary_industry)" in problem.message
    assert "5 value(s)" in problem.message
    assert "交通运输、仓储和邮政业, 批发、零售业和住宿、餐饮业, 其他" in problem.valid
    assert "工业" not in problem.valid
    assert "mapping={'rows': {'(三)第三产业': 'other_services'}}" in problem.valid


def test_the_advised_mapping_reads_the_row_whole(tmp_path):
    path, _ = _without_tertiary_parts(tmp_path)
    bs = cp.read_energy_balance(path, region="CN-SD", year=2022,
                                mapping={"rows": {"(三)第三产业": "other_services"}})
    act = bs.activity
    gasoline = act[(act["sector"] == "other_services") & (act["fuel"] == "gasoline")]
    assert gasoline["value"].sum() == pytest.approx(8 + 2)


def test_subtotal_advice_is_the_commands_own(tmp_path):
    path, _ = _without_tertiary_parts(tmp_path)
    result = CliRunner().invoke(app, ["inventory", str(path), "--balance-sheet", "--region",
                                      "CN-SD", "--year", "2022"])
    assert result.exit_code == 1
    assert "--mapping FILE" in result.output
    assert "'row,(三)第三产业,other_services'" in result.output
    assert "mapping={" not in result.output
    from carbonpath.init import init_dataset

    with pytest.raises(DataError, match=r"relabel it '其他' in the sheet \(other_services\)"):
        init_dataset(path, out=tmp_path / "c", **SAMPLE)


# --- H29: one factor file for decompose's two inventories ---------------------------------

_FACTOR = ("item,quantity,gas,sector,technology,value,unit,basis,region,year,source,status\n"
           "electricity,emission_factor,CO2,,,0.5,t CO2/MWh,,CN-SD,{year},announcement,"
           "verified\n")


def _pair(tmp_path, factor_year):
    rows = ("sector,fuel,value,unit,use\ntransfers,electricity,1000,MWh,import\n"
            "other_manufacturing,raw_coal,100,t,combustion\n")
    for name in ("s.csv", "e.csv"):
        (tmp_path / name).write_text(rows, encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        "driver,year,value,unit,price_year\npopulation,2021,100,万人,\npopulation,2022,100,"
        "万人,\ngdp,2021,1000,亿元,2020\ngdp,2022,1000,亿元,2020\n", encoding="utf-8")
    (tmp_path / "f.csv").write_text(_FACTOR.format(year=factor_year), encoding="utf-8")
    return ["decompose", str(tmp_path / "s.csv"), str(tmp_path / "e.csv"), "--drivers",
            str(tmp_path / "d.csv"), "--years", "2021", "2022", "--region", "CN-SD",
            "--factors", str(tmp_path / "f.csv"), "--primary-electricity", "calorific",
            "--format", "json"]


def test_end_year_factor_is_used_by_the_end_inventory(tmp_path):
    result = CliRunner().invoke(app, _pair(tmp_path, 2022))
    assert result.exit_code == 0, result.output
    assert re.search(r"warning: decompose: the electricity emission_factor CO2 .*0\.6838 "
                     r"t CO2/MWh from the bundled .*0\.5 t CO2/MWh from the user's f\.csv "
                     r"row 2", result.output)
    out = json.loads(result.output[result.output.index("{"):])
    effects = {e["factor"]: e["effect"] for e in out["effects_t"]}
    assert effects["emission_factor"] == pytest.approx(1000 * (0.5 - 0.6838))
    assert effects["population"] == pytest.approx(0.0, abs=1e-9)


def test_factor_later_than_both_years_is_still_refused(tmp_path):
    result = CliRunner().invoke(app, _pair(tmp_path, 2023))
    assert result.exit_code == 1
    assert "of year 2023 is never used" in result.output
    assert "2021, 2022" in result.output


# the pair's activity is the same in both years on purpose (only the factor's source changes),
# which round 25's IdenticalActivityWarning (Z35) rightly names
@pytest.mark.filterwarnings(
    "ignore::carbonpath.accounting.decomposition_pair.IdenticalActivityWarning")
def test_api_decompose_warns_of_mixed_factor_sources(tmp_path):
    _pair(tmp_path, 2022)
    drivers = {y: {"population": cp.Q_(100, "万人"), "gdp": cp.Q_(1000, "亿元")}
               for y in (2021, 2022)}
    start = cp.compute_inventory(tmp_path / "s.csv", region="CN-SD", year=2021,
                                 primary_electricity="calorific")
    end = cp.compute_inventory(tmp_path / "e.csv", factors=tmp_path / "f.csv",
                               region="CN-SD", year=2022, primary_electricity="calorific")
    with pytest.warns(FactorSourceWarning, match="includes the change of source"):
        result = cp.decompose(start, end, drivers, gdp_price_year=2020)
    assert result.effects.loc["emission_factor", "effect"] == pytest.approx(
        1000 * (0.5 - 0.6838))


def test_single_inventory_advice_says_when_a_year_fits(tmp_path):
    _pair(tmp_path, 2022)
    with pytest.raises(DataError) as err:
        cp.compute_inventory(tmp_path / "s.csv", factors=tmp_path / "f.csv", region="CN-SD",
                             year=2021, primary_electricity="calorific")
    valid = only_problem(err).valid
    assert "only if the value is right for 2021 too" in valid
    assert "leave this file out of this inventory" in valid


# --- BA10: init_dataset(names=) keys ---------------------------------------------------------

def test_init_names_key_naming_no_input_is_refused(tmp_path):
    from carbonpath.init import init_dataset

    with pytest.raises(ArgumentValueError, match=r"'zzz', which names no input.*valid keys: "
                       r"balance, capacity, drivers"):
        init_dataset(BALANCE, out=tmp_path / "c", names={"zzz": "x"}, **SAMPLE)
    with pytest.raises(ArgumentValueError, match="did you mean 'capacity'"):
        init_dataset(BALANCE, out=tmp_path / "c", names={"capacty": "x"}, **SAMPLE)
    with pytest.raises(ArgumentTypeError, match="gives 'capacity' the name int 3"):
        init_dataset(BALANCE, out=tmp_path / "c", names={"capacity": 3}, **SAMPLE)
