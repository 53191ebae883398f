"""Round 26 (tester26za) accounting cases ZA190 ZA191 ZA33 ZA37 ZA149 ZA131.

Expected values are computed by hand in each test (raw coal in CN-SD: 20.908 GJ/t net, 26.18
t C/TJ, oxidation 0.93; CO2 = carbon x 44/12, IPCC 2006 Vol.2 Ch.1 Eq. 1.5).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.cli import app
from carbonpath.errors import DataError

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
HEAD = "sector,fuel,value,unit,use\n"


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _gpc(source) -> cp.Inventory:
    return cp.compute_inventory(source, region="CN-SD", year=2022, method="gpc")


# --- ZA190, ZA191: under gpc, the plants' output that no row consumes or exports ---------

HEAT_PLANT = (HEAD + "heat_supply,raw_coal,10,万吨,combustion\n"
              "residential,raw_coal,1,万吨,combustion\n")


def test_gpc_heat_plant_without_heat_rows_is_refused_at_its_fuel(tmp_path):
    """ZA191: heat_supply burns 10 万吨 of coal and no row has heat.

    Under gpc its 10 x 18,665.37 = 186,653.7 t are left out of the total (its heat counts
    at the consumers), and no consumer row exists: the total was the homes' 18,665 t only.
    """
    with pytest.raises(DataError) as err:
        _gpc(_csv(tmp_path, "a.csv", HEAT_PLANT))
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("a.csv", 2, "fuel")
    assert "heat_supply" in p.message
    assert "consumes or exports heat" in p.message
    assert "method='provincial'" in p.valid


def test_gpc_heat_generation_without_consumers_is_named_at_the_generation_row(tmp_path):
    """ZA190: a heat generation row and no heat consumption or export.

    1600 TJ of heat from 10 万吨 x 20.908 GJ/t = 2090.8 TJ of coal (76.5 %, a plausible
    boiler) passes the conversion checks; under gpc the coal's 186,654 t counted nowhere.
    """
    path = _csv(tmp_path, "a.csv", HEAT_PLANT + "heat_supply,heat,1600,TJ,generation\n")
    with pytest.raises(DataError) as err:
        _gpc(path)
    (p,) = err.value.problems
    assert p.row == 4
    assert p.value == "heat"
    assert "row 2" in p.message  # the fuel and the output named
    assert "row 4" in p.message


def test_gpc_power_plant_without_electricity_use_is_refused(tmp_path):
    """The same kind for electricity: thermal_power's coal, no electricity consumed."""
    path = _csv(tmp_path, "a.csv", HEAD + "thermal_power,raw_coal,10,万吨,combustion\n")
    with pytest.raises(DataError, match="consumes or exports electricity") as err:
        _gpc(path)
    assert err.value.problems[0].row == 2


def test_gpc_heat_plant_whose_heat_is_exported_counts_only_the_homes(tmp_path):
    """Heat made and exported: the plants' emissions are not the city's under gpc.

    By hand: the homes' 1 万吨 of coal, 1e4 t x 20.908 GJ/t = 209.08 TJ x 26.18 t C/TJ x
    0.93 x 44/12 = 18,665.37 t CO2; the heat_supply coal and the exported heat are
    reported, not counted.
    """
    path = _csv(tmp_path, "a.csv", HEAT_PLANT + "heat_supply,heat,1600,TJ,generation\n"
                "transfers,heat,1500,TJ,export\n")
    total = _gpc(path).total("CO2").to("t CO2").magnitude
    assert total == pytest.approx(1e4 * 20.908e-3 * 26.18 * 0.93 * 44 / 12, rel=1e-6)


def test_gpc_cli_names_the_heat_generation_row(tmp_path):
    """ZA190 on the command line: exit 1, no total printed."""
    path = _csv(tmp_path, "a.csv", HEAT_PLANT + "heat_supply,heat,1600,TJ,generation\n")
    result = CliRunner().invoke(app, ["inventory", str(path), "--region", "CN-SD", "--year",
                                      "2022", "--method", "gpc"])
    assert result.exit_code == 1
    assert "a.csv, row 4" in result.output
    assert "City total" not in result.output


# --- ZA33: a drivers row without a year beside rows with one --------------------------

def _inventory(year: int, coal_t: float) -> cp.Inventory:
    activity = pd.DataFrame({"sector": ["other_manufacturing"], "fuel": ["raw_coal"],
                             "value": [coal_t], "unit": ["t"], "year": [year]})
    return cp.compute_inventory(activity, region="CN-SD", method="provincial")


DRIVERS = ("driver,year,value,unit,price_year\n"
           "population,2021,595,万人,\npopulation,2022,598,万人,\n"
           "gdp,2021,2800,亿元,2021\ngdp,2022,2950,亿元,2021\n")


def test_blank_year_driver_beside_dated_rows_is_refused_naming_both(tmp_path):
    """ZA33: population,,600 (every year) beside 595 (2021) and 598 (2022) was dropped."""
    path = _csv(tmp_path, "d.csv", DRIVERS + "population,,600,万人,\n")
    with pytest.raises(DataError) as err:
        cp.decompose(_inventory(2021, 1000), _inventory(2022, 1100), path)
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("d.csv", 6, "year")
    assert "two population values for 2021 and 2022" in p.message
    assert "row 2: 595 万人 in 2021" in p.message
    assert "row 3: 598 万人 in 2022" in p.message


def test_two_blank_year_rows_of_one_driver_are_refused(tmp_path):
    """ZA33 kind: the last of two rows without a year had been taken in silence."""
    path = _csv(tmp_path, "d.csv", "driver,year,value,unit,price_year\n"
                "population,,600,万人,\npopulation,,610,万人,\ngdp,,2800,亿元,2021\n")
    with pytest.raises(DataError, match="two population values for every year") as err:
        cp.decompose(_inventory(2021, 1000), _inventory(2022, 1100), path)
    assert err.value.problems[0].row == 3


def test_one_blank_year_row_still_holds_both_years(tmp_path):
    """A lone population row without a year is both years' population: its effect is 0.

    By hand: LMDI population effect = L(C1, C0) x ln(P1/P0) = L x ln(600/600) = 0; the
    change (1100 - 1000 t coal x 1.8665 t CO2/t = 186.654 t) goes to the other factors.
    """
    path = _csv(tmp_path, "d.csv", "driver,year,value,unit,price_year\n"
                "population,,600,万人,\ngdp,2021,2800,亿元,2021\ngdp,2022,2950,亿元,2021\n")
    d = cp.decompose(_inventory(2021, 1000), _inventory(2022, 1100), path)
    assert d.effects.loc["population", "effect"] == 0.0
    assert d.change == pytest.approx(100 * 20.908e-3 * 26.18 * 0.93 * 44 / 12, rel=1e-6)


# --- ZA37: --year that every row contradicts, before the factor lookup ------------------

OLD_YEAR = ("sector,fuel,value,unit,use,year\n"
            "industry,electricity,10,亿千瓦时,consumption,2000\n"
            "transfers,electricity,10,亿千瓦时,import,2000\n"
            "transfers,electricity,0,亿千瓦时,export,2000\n")


def test_inventory_year_option_contradicted_by_every_row_comes_first(tmp_path):
    """ZA37: rows of 2000 and --year 2021: the option is named, not a 2000 grid factor."""
    path = _csv(tmp_path, "s.csv", OLD_YEAR)
    result = CliRunner().invoke(app, ["inventory", str(path), "--region", "CN-SD",
                                      "--year", "2021", "--primary-electricity", "calorific"])
    assert result.exit_code == 1
    assert ("--year 2021 gives the year of rows without one, but every row of s.csv gives "
            "its own (2000)") in result.output
    assert "emission_factor" not in result.output


def test_decompose_years_option_contradicted_by_every_row_comes_first(tmp_path):
    """ZA37 through decompose: --years (START) named before START's factors are looked up."""
    start = _csv(tmp_path, "s.csv", OLD_YEAR)
    end = _csv(tmp_path, "e.csv", OLD_YEAR.replace(",2000", ",2022"))
    drivers = _csv(tmp_path, "d.csv", DRIVERS)
    result = CliRunner().invoke(app, ["decompose", str(start), str(end), "--drivers",
                                      str(drivers), "--region", "CN-SD", "--years", "2021",
                                      "2022", "--primary-electricity", "calorific"])
    assert result.exit_code == 1
    assert "--years (START) 2021 gives the year of rows without one" in result.output
    assert "emission_factor" not in result.output


# --- ZA149: --balance-sheet on a tidy file ----------------------------------------------

@pytest.mark.parametrize("command", ["inventory", "decompose"])
def test_balance_sheet_flag_on_tidy_file_says_leave_it_out(tmp_path, command):
    """ZA149: the advice is the command's own flag, not other commands or functions."""
    tidy = SAMPLES / "activity_sample.csv"
    args = ([command, str(tidy), "--balance-sheet", "--region", "CN-SD", "--year", "2022"]
            if command == "inventory" else
            [command, str(tidy), str(SAMPLES / "energy_balance_sample.csv"), "--balance-sheet",
             "--drivers", str(_csv(tmp_path, "d.csv", DRIVERS)), "--region", "CN-SD",
             "--years", "2021", "2022"])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "activity_sample.csv, row 1" in result.output
    assert f"valid: leave --balance-sheet out: carbonpath {command}" in result.output
    assert "read_activity" not in result.output
    assert "compute_inventory" not in result.output


# --- ZA131: a production table given as activity, activity as production ----------------

def test_production_table_as_activity_file_is_named_on_the_command_line():
    """ZA131: inventory p.csv --production a.csv (the two swapped)."""
    result = CliRunner().invoke(app, [
        "inventory", str(SAMPLES / "production_sample.csv"), "--production",
        str(SAMPLES / "activity_sample.csv"), "--region", "CN-SD", "--year", "2022"])
    assert result.exit_code == 1
    assert "production_sample.csv, row 1: the file is industrial production" in result.output
    assert "give it as --production, and the activity as FILE" in result.output


def test_activity_table_as_production_option_is_named_on_the_command_line():
    """ZA131 the other way round: a tidy activity table given as --production."""
    result = CliRunner().invoke(app, [
        "inventory", str(SAMPLES / "activity_sample.csv"), "--production",
        str(SAMPLES / "activity_sample.csv"), "--region", "CN-SD", "--year", "2022"])
    assert result.exit_code == 1
    assert "the file given as --production is tidy activity data" in result.output


@pytest.mark.parametrize(("reader", "given", "kind"), [
    (cp.read_activity, "production_sample.csv", "industrial production"),
    (cp.read_production, "activity_sample.csv", "activity data")])
def test_swapped_tables_are_named_by_the_readers(reader, given, kind):
    """ZA131 through the API (and a dataset's or init's reader): one problem, the table's kind."""
    with pytest.raises(DataError) as err:
        reader(SAMPLES / given, region="CN-SD", year=2022)
    (p,) = err.value.problems
    assert (p.file, p.row) == (given, 1)
    assert p.message.startswith(f"the table is {kind} (columns")
