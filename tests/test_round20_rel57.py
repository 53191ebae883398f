"""Round 20 (tester Y), rel57: magnitudes the model data let through.

Y37/Y47 exactly x10, Y02 a coal input judged with its own NCV, Y18 a grid import's factor,
Y48 a PV lifetime, Y52 a rising residual stock, Y133/Y134 a base-year stock in 万千瓦.
"""

from __future__ import annotations

import warnings

import pytest

import carbonpath as cp
from carbonpath.dataset.series_slips import SeriesSlipWarning
from carbonpath.dataset.slips import within_step
from carbonpath.errors import ImplausibleValueError
from carbonpath.model.update_checks import check_slip
from tests.conftest import edit, new_coal_plant, only_problem


def _quiet_load(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.load_dataset(folder)
    return [w for w in caught if issubclass(w.category, cp.CarbonpathWarning)]


# -- Y37, Y47: one zero added or lost is exactly x10, a slip -----------------------------------

def test_exactly_ten_times_is_outside_the_step():
    assert not within_step(10.0)
    assert not within_step(0.1)
    assert not within_step(60000 / 6000)
    assert not within_step(400 / 4000)
    assert within_step(9.99)
    assert within_step(1 / 9.99)
    assert within_step(1.0)
    # a rounding error still counts as on the end: 0.1 x 3 / 0.03 = 10.000000000000002
    assert not within_step(0.1 * 3 / 0.03)


def test_update_refuses_a_price_exactly_ten_times_the_dataset():
    # Y37: coal 400 CNY/t in tiny; 4000 is one zero too many (ratio 10, exactly)
    problem = check_slip("coal_supply", "variable_cost", 2025, 4000.0, 400.0, "CNY/t")
    assert problem is not None
    assert "10 x the dataset's 400 CNY/t" in problem.message
    assert check_slip("coal_supply", "variable_cost", 2025, 3999.0, 400.0, "CNY/t") is None


def test_a_demand_step_of_exactly_ten_is_refused(tiny):
    # Y47: 6000 GWh/yr in 2024, 60000 in 2030 (6000 meant): 60000 / 6000 = 10
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,60000,")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row) == ("demands.csv", 3)
    assert "10 times the 6000 GWh/yr of 2024" in problem.message


# -- Y02: a coal input rate judged with raw coal's own NCV -------------------------------------

def test_a_coal_input_over_100_percent_at_its_own_ncv_is_refused(tmp_path):
    # raw_coal 20.908 GJ/t (bundled): 0.08 t/MWh is 1.673 GJ per 3.6 GJ out = 215 %.
    # bounds: 3.6 / 20.908 = 0.1722 t/MWh (100 %) .. 0.1722 / 0.05 = 3.444 t/MWh (5 %)
    folder = new_coal_plant(tmp_path)
    edit(folder, "flows.csv", "coal_new,coal,input,0.3,", "coal_new,coal,input,0.08,")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(folder)
    problem = only_problem(err)
    assert (problem.file, problem.column) == ("flows.csv", "value")
    assert "20.908 GJ/t" in problem.message
    assert problem.valid.startswith("0.172 .. 3.44 t/MWh")


def test_a_coal_input_inside_its_own_ncv_range_stays_quiet(tmp_path):
    # 0.3 t/MWh x 20.908 GJ/t = 6.27 GJ per 3.6 GJ out: 57 %
    assert not _quiet_load(new_coal_plant(tmp_path))


# -- Y18: a grid import's factor held to the grid factor's range -------------------------------

def _grid_factors(folder, *rows):
    (folder / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        + "".join(f"grid_import,CO2,activity,,{y},{v},t CO2/MWh,assumption: test\n"
                  for y, v in rows), encoding="utf-8")


def test_a_grid_factor_slipped_in_one_year_is_refused(tiny):
    # 0.641 in 2024 is a grid's factor (0.08 .. 1.5), so 0.05 in 2030 (0.50 meant) is a slip
    _grid_factors(tiny, (2024, 0.641), (2030, 0.05))
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row) == ("emissions.csv", 3)
    assert problem.valid.startswith("0.08 .. 1.5 t CO2/MWh")


def test_a_green_import_contract_keeps_its_low_factor(tiny):
    # every year below 0.08: a contracted low-carbon supply (Liaocheng's UHV line), not judged
    _grid_factors(tiny, (2024, 0.05), (2030, 0.05))
    assert not _quiet_load(tiny)
    _grid_factors(tiny, (2024, 0.641), (2030, 0.5))
    assert not _quiet_load(tiny)


# -- Y48: a power generator's lifetime ---------------------------------------------------------

def test_a_pv_lifetime_of_two_and_a_half_years_is_refused(tiny):
    edit(tiny, "parameters.csv", "pv,lifetime,,25,yr", "pv,lifetime,,2.5,yr")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 10, "value")
    assert "25 yr meant?" in problem.message
    assert problem.valid.startswith("5 .. 150 yr")


def test_a_battery_is_not_held_to_the_generator_floor(tiny):
    # storage is not a generator: its 1 .. 150 yr range alone applies
    edit(tiny, "parameters.csv", "battery,lifetime,,15,yr", "battery,lifetime,,4,yr")
    assert not _quiet_load(tiny)


# -- Y52: a residual stock that grows tenfold --------------------------------------------------

def test_a_residual_stock_rising_tenfold_warns_naming_both_rows(tiny):
    edit(tiny, "parameters.csv", "pv,residual_capacity,,100,MW,assumption: toy",
         "pv,residual_capacity,2024,100,MW,assumption: toy\n"
         "pv,residual_capacity,2030,1000,MW,assumption: test")
    with pytest.warns(SeriesSlipWarning) as caught:
        cp.load_dataset(tiny)
    message = str(caught[0].message)
    assert "parameters.csv, row 14" in message
    assert "parameters.csv, row 13" in message
    assert "1000 MW in 2030 is 10 times the 100 MW of 2024" in message


def test_a_residual_stock_rising_ninefold_stays_quiet(tiny):
    # 900 / 100 = 9 (committed builds may raise a stock; Liaocheng's rise up to x5.5)
    edit(tiny, "parameters.csv", "pv,residual_capacity,,100,MW,assumption: toy",
         "pv,residual_capacity,2024,100,MW,assumption: toy\n"
         "pv,residual_capacity,2030,900,MW,assumption: test")
    assert not _quiet_load(tiny)


# -- Y133, Y134: the base-year stock against its observed activity -----------------------------

def test_a_coal_stock_in_wan_kilowatt_is_refused_by_its_hours(tiny):
    # 1000 万千瓦 = 10,000 MW; 5,868.6 GWh / 10,000 MW = 587 h, under coal's 1,500 h;
    # at most 5,868,600 MWh / 1,500 h = 3,912 MW
    edit(tiny, "parameters.csv", "coal_power,residual_capacity,,1000,MW",
         "coal_power,residual_capacity,,1000,万千瓦")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 8, "value")
    assert "587 full-load hours" in problem.message
    assert "1,500 h" in problem.message
    assert "1,000 MW would run 5,869 h" in problem.message
    assert "at most 3,912 MW" in problem.valid


def test_a_pv_stock_in_wan_kilowatt_is_refused_by_its_hours(tiny):
    # 100 万千瓦 = 1,000 MW; 131.4 GWh / 1,000 MW = 131 h, under 0.4 x 700 = 280 h
    edit(tiny, "parameters.csv", "pv,residual_capacity,,100,MW", "pv,residual_capacity,,100,万千瓦")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row) == ("parameters.csv", 13)
    assert "131 full-load hours" in problem.message
    assert "280 h" in problem.message
