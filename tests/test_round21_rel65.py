"""Round 21 (rel65): init's mapping, inputs and workbook cases of tester K.

Hand figures:

* the bundled ``catalogue/mapping.csv`` has its header on line 1, so its rows are on the lines
  an editor shows: ``device,*,coke,...,heat`` on line 12, the natural-gas ``power`` row on
  119, the raw-coal ``heat`` row on 130, the industrial heat-pump ``option`` on 190; it has
  214 lines, so a row appended is line 215; heavy trucking's device (truck_heavy_diesel) is
  on line 41, in vkm, and the heat pump's activity is GJ;
* K11: two coal rows of 200 and 100 万千瓦 add up to 300 万千瓦; K101: 60 + 40 = 100;
* K58: a gdp rate over 2013..2021 (start 2012, end 2021) ends before the base year 2022; the
  same nine-year span from the base year is start 2022, end 2022 + 9 = 2031.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError
from carbonpath._resources import data_path
from carbonpath.init import init_dataset
from carbonpath.init.mapping import read_mapping

BUNDLED = data_path("catalogue") / "mapping.csv"
SAMPLES = data_path("datasets") / "samples"


def _mapping(tmp_path, old=None, new=None, append=None):
    text = BUNDLED.read_text(encoding="utf-8")
    if old is not None:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if append is not None:
        text += append + "\n"
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(exc):
    return [(p.file, p.row, p.column) for p in exc.value.problems]


# -- K200, K201: a power or heat row's class burning another fuel --------------------------

@pytest.mark.parametrize(("old", "new", "line", "burns"), [
    ("power,thermal_power,natural_gas,gas,gas_ccgt,", "power,thermal_power,natural_gas,gas,"
     "coal_supercritical,", 119, "burns raw_coal, not natural_gas"),
    ("heat,heat_supply,raw_coal,,heat_coal_boiler,", "heat,heat_supply,raw_coal,,"
     "heat_gas_boiler,", 130, "burns natural_gas, not raw_coal")])
def test_k200_k201_a_plant_class_of_another_fuel_is_refused(tmp_path, old, new, line, burns):
    with pytest.raises(DataError) as err:
        read_mapping(_mapping(tmp_path, old, new))
    assert _problems(err) == [("m.csv", line, "technology")]
    text = str(err.value)
    assert burns in text
    assert ("gas_ccgt" if line == 119 else "heat_coal_boiler") in text  # the valid classes


def test_k200_a_heat_boiler_as_a_power_class_makes_no_electricity(tmp_path):
    with pytest.raises(DataError, match="makes no electricity"):
        read_mapping(_mapping(tmp_path, "power,thermal_power,raw_coal,coal,coal_supercritical,",
                              "power,thermal_power,raw_coal,coal,heat_coal_boiler,"))


def test_the_bundled_table_passes_with_its_oil_units_in_the_gas_class():
    # diesel, fuel oil and crude oil in gas_ccgt / heat_gas_boiler are the table's own choice
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = read_mapping()
    assert table.lookup("power", "thermal_power", "diesel")["technology"] == "gas_ccgt"


# -- K135, K141: the service column ------------------------------------------------------------

def test_k135_a_service_in_another_case_is_refused(tmp_path):
    with pytest.raises(DataError) as err:
        read_mapping(_mapping(tmp_path, "device,*,coke,,ind_heat_coke,heat,",
                              "device,*,coke,,ind_heat_coke,Heat,"))
    assert _problems(err) == [("m.csv", 12, "service")]
    assert "valid: heat" in str(err.value)


def test_k141_an_option_for_a_service_no_device_serves_is_refused(tmp_path):
    with pytest.raises(DataError) as err:
        read_mapping(_mapping(tmp_path, "option,industry,-,,ind_heat_pump,heat,",
                              "option,industry,-,,ind_heat_pump,heta,"))
    assert _problems(err) == [("m.csv", 190, "service")]
    assert "did you mean heat?" in str(err.value)


def test_a_new_device_service_with_its_own_option_stays_quiet(tmp_path):
    # a service of the planner's own (no bundled service is spelled like it)
    path = _mapping(tmp_path, append="device,other_services,refinery_gas,,bld_heat_gas,"
                    "chilled_air,absorption chillers\n"
                    "option,other_services,-,,ind_heat_electric,chilled_air,")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = read_mapping(path)
    assert table.options("other_services", "chilled_air") == ["ind_heat_electric"]


def test_a_device_service_spelled_like_a_bundled_one_warns(tmp_path):
    from carbonpath.init.mapping_services import MappingServiceWarning

    path = _mapping(tmp_path, "device,*,coke,,ind_heat_coke,heat,",
                    "device,*,coke,,ind_heat_coke,heats,")
    with pytest.warns(MappingServiceWarning, match=r"m.csv, row 12, column 'service'.*'heat'"):
        read_mapping(path)


# -- K144: a technology delivering another unit than its service -------------------------------

def test_k144_a_heat_pump_offered_for_trucking_is_refused_at_its_row(tmp_path):
    with pytest.raises(DataError) as err:
        read_mapping(_mapping(tmp_path, append="option,transport,-,,ind_heat_pump,"
                              "truck_heavy,my slip"))
    assert _problems(err) == [("m.csv", 215, "technology")]
    text = str(err.value)
    assert "delivers GJ" in text
    assert "is in vkm (the unit of the device row 41)" in text
    assert "truck_heavy_bev" in text


# -- K139: raw coal under capacity type gas ----------------------------------------------------

def test_k139_the_capacity_error_names_the_mapping_rows_of_the_mixed_type(tmp_path):
    mapping = _mapping(tmp_path, "power,thermal_power,raw_coal,coal,",
                       "power,thermal_power,raw_coal,gas,")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError) as err:
            init_dataset(SAMPLES / "energy_balance_sample.csv",
                            capacity=SAMPLES / "init" / "sample_capacity.csv",
                            drivers=SAMPLES / "init" / "sample_drivers.csv", mapping=mapping,
                            region="CN-SD", base_year=2022, horizon=2025, model_hours=1,
                            out=tmp_path / "out")
    text = str(err.value)
    assert "m.csv puts plants of 2 classes under capacity type 'gas'" in text
    assert "raw_coal as coal_supercritical (row 105)" in text
    assert "natural_gas as gas_ccgt (row 119)" in text
    assert not (tmp_path / "out").exists()


# -- K58: a growth row no model year reads -----------------------------------------------------

def test_k58_a_growth_row_ending_before_the_base_year_is_refused():
    from types import SimpleNamespace

    from carbonpath.init.driver_years import growth_unread as _growth_unread

    growth = pd.DataFrame({"driver": ["gdp", "population"], "start": [2012, 2022],
                           "end": [2021, 2035], "rate": [0.07, -0.002], "line": [2, 3]})
    growth.attrs["file"] = "growth.csv"
    draft = SimpleNamespace(base_year=2022, horizon=2030, assumed=[])
    problems = []
    _growth_unread(draft, growth, problems)
    assert [(p.file, p.row, p.column) for p in problems] == [("growth.csv", 2, "end")]
    assert "start 2022, end 2031" in problems[0].valid
    assert draft.assumed == []
    # a plan's later period (2031..2035 beside a horizon of 2030): a README line, no error
    later = growth.assign(start=[2030, 2022], end=[2035, 2035])
    problems = []
    _growth_unread(draft, later, problems)
    assert problems == []
    assert draft.assumed == ["growth.csv, row 2: the gdp growth over 2031..2035 starts after "
                             "the horizon 2030 (not read)"]


# -- K06, K11, K101: a row listed twice ----------------------------------------------------------

def test_k11_a_capacity_type_twice_names_both_rows_and_the_sum():
    from carbonpath.init.inputs import read_capacity

    frame = pd.DataFrame({"type": ["coal", "coal"], "value": ["200", "100"],
                          "unit": ["万千瓦", "万千瓦"], "source": ["unit A", "unit B"]})
    with pytest.raises(DataError) as err:
        read_capacity(frame, ["coal", "gas"], name="cap.csv")
    p = err.value.problems[0]
    assert (p.row, p.column) == (3, "type")
    assert "row 2 gives it too" in p.message
    assert "200 + 100 = 300 万千瓦" in p.valid


def test_k101_a_captive_capacity_twice_names_both_rows_and_the_sum():
    from carbonpath.init.captive import read_captive

    frame = pd.DataFrame({"part": ["capacity", "capacity", "serves", "tie"],
                          "code": ["coal", "coal", "industry", ""],
                          "value": ["60", "40", "", "200"],
                          "unit": ["万千瓦", "万千瓦", "", "万千瓦"],
                          "source": ["park A", "park B", "b", "c"]})
    with pytest.raises(DataError) as err:
        read_captive(frame, ["coal", "gas"], name="c.csv")
    p = err.value.problems[0]
    assert (p.row, p.column) == (3, "code")
    assert "row 2 gives it too" in p.message
    assert "60 + 40 = 100 万千瓦" in p.valid


def test_k06_a_driver_year_twice_names_the_first_row_and_one_price_basis():
    from carbonpath.init.inputs import read_drivers

    frame = pd.DataFrame({"driver": ["gdp", "population", "gdp"],
                          "year": ["2022", "2022", "2022"], "value": ["2600", "600", "2750"],
                          "unit": ["亿元", "万人", "亿元"],
                          "source": ["constant", "b", "current prices"]})
    with pytest.raises(DataError) as err:
        read_drivers(frame, 2022, name="drivers.csv")
    p = err.value.problems[0]
    assert (p.row, p.column) == (4, "year")
    assert "row 2 gives gdp 2022 too" in p.message
    assert "constant prices" in p.valid


# -- K158: a file separated by ';' -------------------------------------------------------------

def test_k158_an_init_input_separated_by_semicolons_is_one_error(tmp_path):
    from carbonpath.init.inputs import read_drivers

    path = tmp_path / "d.csv"
    path.write_text("driver;year;value;unit;source\ngdp;2022;2600;亿元;a\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_drivers(path, 2022)
    assert len(err.value.problems) == 1
    assert "separated by ';'" in str(err.value)


def test_k158_a_balance_sheet_separated_by_semicolons_says_so(tmp_path):
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    path = tmp_path / "b.csv"
    path.write_text(text.replace(",", ";"), encoding="utf-8")
    with pytest.raises(DataError, match="the file looks separated by ';'"):
        cp.read_energy_balance(path, year=2022, region="CN-SD")


# -- K92: a plant's output typed negative ------------------------------------------------------

def test_k92_a_negative_plant_output_is_named_at_its_row(tmp_path):
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    # line 12 is 二、加工转换 (electricity +190.00), line 13 is 1.火力发电 (+190.00)
    assert lines[11].endswith(",190.00")
    assert lines[12].startswith("1.火力发电")
    for i in (11, 12):
        lines[i] = lines[i][: -len("190.00")] + "-190.00"
    path = tmp_path / "b.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, year=2022, region="CN-SD")
    first = err.value.problems[0]
    assert first.row == 13
    assert "电力" in str(first.column)
    assert "a negative output of a plant" in first.message
    assert first.valid.startswith("outputs positive (190.00)")


# -- K154: a production of 0 -------------------------------------------------------------------

def test_k154_a_production_of_zero_is_no_unit_slip(tmp_path):
    (tmp_path / "a.csv").write_text(
        "sector,fuel,value,unit,use\nferrous_metals,原煤,40,万吨,combustion\n",
        encoding="utf-8")
    (tmp_path / "p.csv").write_text("product,value,unit\neaf_steel,0,万吨\n", encoding="utf-8")
    inv = cp.compute_inventory(tmp_path / "a.csv", production=tmp_path / "p.csv",
                               region="CN-SD", year=2022)
    e = inv.emissions
    process = e[e["product"].astype(str).eq("eaf_steel")]
    # 0 t of EAF steel emits 0 t of process CO2, whatever its factor
    assert list(process["gas"]) == ["CO2"]
    assert float(process["value"].sum()) == 0.0


# -- K88: init_dataset names its arguments, the command its options ----------------------------

def test_k88_init_dataset_names_the_argument_not_the_option(tmp_path):
    with pytest.raises(DataError) as err:
        init_dataset(SAMPLES / "energy_balance_sample.csv",
                        capacity=SAMPLES / "init" / "sample_capacity.csv",
                        drivers=SAMPLES / "init" / "sample_drivers.csv", region="CN-SD",
                        base_year=2022, horizon=2030, out=tmp_path / "out", method="GPC")
    text = str(err.value)
    assert text.startswith("argument 'method': unknown emissions method")
    assert "--method" not in text


def test_k88_the_command_still_names_its_option(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    result = CliRunner().invoke(app, [
        "init", "--balance", str(SAMPLES / "energy_balance_sample.csv"),
        "--capacity", str(SAMPLES / "init" / "sample_capacity.csv"),
        "--drivers", str(SAMPLES / "init" / "sample_drivers.csv"), "--region", "CN-SD",
        "--base-year", "2022", "--horizon", "2030", "--method", "GPC",
        "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "option '--method': unknown emissions method" in result.output


# -- K64: merged cells in the workbook ---------------------------------------------------------

def test_k64_merged_unit_cells_are_named_with_the_cells_read_empty(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from carbonpath.init.workbook import read_workbook, write_template

    path = tmp_path / "wb.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    wb["capacity"].merge_cells("C2:C4")
    wb.save(path)
    with pytest.raises(DataError) as err:
        read_workbook(path)
    p = err.value.problems[0]
    assert (p.file, p.row, p.column) == ("wb.xlsx, sheet 'capacity'", 2, "C")
    assert "cells C2:C4 are merged" in p.message
    assert "C3, C4 read as empty" in p.message


def test_check_options_refuses_a_cli_flag_that_is_not_a_bool():
    # found by README's second command (the default hypothesis profile): a DataFrame as
    # ``cli`` raised pandas' own ValueError from ``if cli:``
    import pandas as pd

    from carbonpath.errors import ArgumentTypeError
    from carbonpath.init import check_options

    with pytest.raises(ArgumentTypeError, match="argument 'cli' must be bool"):
        check_options(2022, 2030, 4, cli=pd.DataFrame({"a": [None]}))
