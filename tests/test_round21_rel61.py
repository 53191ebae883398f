"""Round 21 (tester J), helper rel61: J05 J06 (fuel carbon counted in combustion and in a
product's process CO2), J73 J74 (a blank use of what a power or heat plant makes)."""

import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath import DataError, ImplausibleValueError, read_activity
from carbonpath.accounting import compute_inventory
from carbonpath.accounting.plausible_carbon import CombustedFeedstockWarning
from carbonpath.cli import app
from tests.init_sample import BALANCE, SAMPLE, SAMPLES

WHERE = {"region": "CN-SD", "year": 2022}

# Hand calculations with the bundled CN fuel defaults (factors/china_fuel_defaults.csv):
# coke 28.446 GJ/t x 0.0294 t C/GJ x 0.93 x 44/12 = 2.85183 t CO2/t;
# natural gas at 20 C: 273.15 / 293.15 = 0.931776 Nm3/m3, x 38.931 MJ/Nm3 x 15.3 t C/TJ x 0.99
# x 44/12. Process factors (factors/process_ipcc2006.csv): BOF steel 1.46, ammonia (gas
# route) 2.104 t CO2/t.
COKE_T = 28.446 * 0.0294 * 0.93 * 44 / 12  # t CO2 per t of coke


def _combusted(act: pd.DataFrame, prod: pd.DataFrame) -> list[str]:
    """The CombustedFeedstockWarning messages of an inventory of ``act`` and ``prod``."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        compute_inventory(act, production=prod, **WHERE)
    return [str(w.message) for w in rec if issubclass(w.category, CombustedFeedstockWarning)]


def _row(sector, fuel, value, unit, use, cond=""):
    return {"sector": sector, "fuel": fuel, "value": value, "unit": unit, "use": use,
            "gas_condition": cond}


# --- J05: blast-furnace coke booked as combustion beside BOF steel ----------------------

def test_coke_burned_beside_bof_steel_warns_naming_both_rows_and_the_carbon_counted_twice():
    # 60 万吨 coke x 2.85183 = 1.711 Mt CO2 in combustion; 250 万吨 BOF steel x 1.46 =
    # 3.650 Mt of process CO2 that holds that coke's carbon: up to 1.711 Mt counted twice
    assert round(60e4 * COKE_T / 1e6, 3) == 1.711
    act = pd.DataFrame([_row("ferrous_metals", "焦炭", 60, "万吨", "combustion"),
                        _row("ferrous_metals", "焦炉煤气", 3.5, "亿立方米", "combustion", "20C")])
    prod = pd.DataFrame([{"product": "bof_steel", "value": 250, "unit": "万吨"}])
    msg, = _combusted(act, prod)
    assert "row 0, column 'product': bof_steel 250 万吨 (3.650 Mt of process CO2)" in msg
    assert "row 0: ferrous_metals coke 60 万吨 combustion, 1.711 Mt CO2" in msg
    assert "up to 1.711 Mt CO2 in CN-SD, 2022" in msg
    assert "use=feedstock in ferrous_metals" in msg
    # the sample's reading, coke as feedstock, is quiet
    act.loc[0, "use"] = "feedstock"
    assert _combusted(act, prod) == []
    # and EAF steel's 0.08 t CO2/t is electrodes' carbon, clinker's carbonate carbon: neither
    # holds the carbon of the coke burned
    act = pd.DataFrame([_row("ferrous_metals", "焦炭", 60, "万吨", "combustion"),
                        _row("non_metallic_minerals", "焦炭", 10, "万吨", "combustion"),
                        _row("non_metallic_minerals", "原煤", 95, "万吨", "combustion")])
    prod = pd.DataFrame([{"product": "eaf_steel", "value": 100, "unit": "万吨"},
                         {"product": "cement_clinker", "value": 450, "unit": "万吨"}])
    assert _combusted(act, prod) == []


RAW_LINE = "其中:用作原料、材料,10.00,,48.00,,,,,0.60,,"  # the bundled sheet's line 22


def _coke_burned(tmp_path):
    """The bundled balance as it was before round 21: industry's 48 万吨 of coke outside the
    line 其中:用作原料、材料, so read as combustion (line 21)."""
    text = BALANCE.read_text(encoding="utf-8")
    assert text.count(RAW_LINE) == 1
    path = tmp_path / "energy_balance_sample.csv"
    path.write_text(text.replace(RAW_LINE, "其中:用作原料、材料,10.00,,,,,,,0.60,,"),
                    encoding="utf-8")
    return path


def test_the_balance_sheet_route_names_the_sheets_coke_cell(tmp_path):
    # industry's coke 48 万吨 as combustion (line 21) beside the sample's 250 万吨 of BOF
    # steel: 48e4 x 2.85183 = 1.369 Mt counted twice
    assert round(48e4 * COKE_T / 1e6, 3) == 1.369
    args = ["--region", "CN-SD", "--year", "2022", "--primary-electricity", "calorific",
            "--production", str(SAMPLE["production"])]
    result = CliRunner().invoke(app, ["inventory", str(_coke_burned(tmp_path)), *args])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert ("row 21 [焦炭(万吨)]: industry coke 48 万吨 combustion, 1.369 Mt CO2" in out)
    assert "up to 1.369 Mt CO2" in out
    assert "其中:用作原料、材料" in out
    # the bundled sheet books that coke in the line (round 21): quiet, and its total is the
    # sheet's 25.878 Mt (tests/test_balance_sheet.py, by hand) + the process CO2 of
    # production_sample.csv: clinker 450 万吨 x 0.52 + lime 30 x 0.75 + ammonia 25 x 2.104
    # + prebake aluminium 60 x 1.6 + BOF steel 250 x 1.46 = 7.701 Mt
    process = (450 * 0.52 + 30 * 0.75 + 25 * 2.104 + 60 * 1.6 + 250 * 1.46) / 100
    assert round(process, 3) == 7.701
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        result = CliRunner().invoke(app, ["inventory", str(BALANCE), *args])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower()
    assert not [w for w in rec if issubclass(w.category, CombustedFeedstockWarning)]
    assert f"City total (provincial): {25.8776 + process:.3f} Mt CO2" in result.output


def test_init_passes_the_warning_on_naming_the_sheets_cell(sample_init_warnings, tmp_path):
    # init's base-year total (which sizes the plan's caps) held the same coke twice, silently
    from carbonpath.init import init_dataset

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        init_dataset(_coke_burned(tmp_path), out=tmp_path / "city", **SAMPLE)
    msgs = [str(w.message) for w in rec if issubclass(w.category, CombustedFeedstockWarning)]
    assert len(msgs) == 1
    assert msgs[0].startswith("production_sample.csv, row 6, column 'product': bof_steel")
    assert ("the balance sheet energy_balance_sample.csv books as combustion (row 21 "
            "[焦炭(万吨)]: industry coke 48 万吨 combustion, 1.369 Mt CO2)") in msgs[0]
    # the bundled sample city, its coke in the raw-material line: quiet
    assert not [w for w in sample_init_warnings
                if issubclass(w.category, CombustedFeedstockWarning)]


# --- J06: ammonia's feedstock gas merged into the combustion row -----------------------

def test_ammonia_beside_gas_burned_with_no_feedstock_row_warns():
    # 2.3 亿m3 at 20 C: 2.3e8 x 0.931776 x 38.931e-6 TJ x 15.3 x 0.99 x 44/12 = 0.463 Mt;
    # ammonia 25 万吨 x 2.104 = 0.526 Mt of process CO2 holding the plant's gas carbon
    gas = 2.3e8 * 273.15 / 293.15 * 38.931e-6 * 15.3 * 0.99 * 44 / 12
    assert round(gas / 1e6, 3) == 0.463
    act = pd.DataFrame([_row("chemicals", "原煤", 40, "万吨", "combustion"),
                        _row("chemicals", "天然气", 2.3, "亿立方米", "combustion", "20C")])
    prod = pd.DataFrame([{"product": "ammonia", "value": 25, "unit": "万吨"}])
    msg, = _combusted(act, prod)
    assert "ammonia 25 万吨 (0.526 Mt of process CO2)" in msg
    assert "row 1: chemicals natural_gas 2.3 亿立方米 combustion, 0.463 Mt CO2" in msg
    assert "raw_coal" not in msg  # coal is not the gas route's fuel
    assert "up to 0.463 Mt CO2" in msg
    # the sample's split into feedstock and combustion is quiet
    split = pd.DataFrame([_row("chemicals", "原煤", 40, "万吨", "combustion"),
                          _row("chemicals", "天然气", 0.8, "亿立方米", "feedstock", "20C"),
                          _row("chemicals", "天然气", 1.5, "亿立方米", "combustion", "20C")])
    assert _combusted(split, prod) == []
    # coal burned beside gas-route ammonia: the plant's gas is missing, not counted twice
    coal = pd.DataFrame([_row("chemicals", "原煤", 40, "万吨", "combustion")])
    assert _combusted(coal, prod) == []


# --- J73, J74: a blank use of electricity or heat in a power or heat plant ---------------

@pytest.mark.parametrize(("sector", "fuel", "value", "unit", "valid"), [
    ("heat_supply", "热力", 3800, "万百万千焦", "generation (the heat heat_supply makes)"),
    ("thermal_power", "电力", 215, "亿千瓦时", "generation (the electricity thermal_power makes)"),
    ("thermal_power", "热力", 500, "万百万千焦", "heat_supply with use generation"),
])
def test_a_blank_use_of_what_a_plant_makes_is_refused(sector, fuel, value, unit, valid):
    # read as consumption, heat_supply's 3800 万百万千焦 (38,000 TJ x 0.11 t/GJ = 4.18 Mt
    # in GPC scope 2) was heat the plants consumed (J74)
    act = pd.DataFrame([_row("residential", "原煤", 8, "万吨", "combustion"),
                        _row(sector, fuel, value, unit, "")])
    with pytest.raises(DataError) as err:
        read_activity(act, **WHERE)
    problem, = err.value.problems
    assert (problem.row, problem.column, problem.value) == (1, "use", "")
    assert "has no use" in problem.message
    assert "read as consumption" in problem.message
    assert valid in problem.valid
    assert "consumption (the plants' own use)" in problem.valid
    # electricity of a heat plant (its pumps) with a blank use is still consumption
    act = pd.DataFrame([_row("heat_supply", "电力", 0.9, "亿千瓦时", "")])
    assert list(read_activity(act, **WHERE).data["use"].astype(str)) == ["consumption"]


@pytest.mark.filterwarnings("ignore::carbonpath.accounting.production_keys.FeedstockCarbonWarning")
def test_a_plants_output_written_as_its_own_use_is_named_not_the_import():
    # the sample with thermal power's 215 亿千瓦时 written as consumption (J73): use 210 + 30
    # + 35 + 5 + 215 + 40 (export) = 535 亿千瓦时 against supply 22 + 8 + 60 (import) = 90,
    # 5.94; read as generation, 320 / 305 = 1.049, inside 0.8 .. 1.1
    act = pd.read_csv(SAMPLES / "activity_sample.csv", keep_default_na=False)
    at = (act["sector"] == "thermal_power") & (act["fuel"] == "电力")
    act.loc[at, "use"] = "consumption"
    with pytest.raises(ImplausibleValueError) as err:
        compute_inventory(act, primary_electricity="calorific", **WHERE)
    problem, = err.value.problems
    assert (problem.row, problem.column, problem.value) == (act.index[at][0], "use",
                                                            "consumption")
    assert "use / supply is 5.94" in problem.message
    assert "read as its generation, use / supply is 1.05" in problem.message
    assert "use generation" in problem.valid
