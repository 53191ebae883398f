"""Round 21 (tester L, model data): a year after the horizon with its digits swapped (L18,
L51), a power unit in a column of energy per year (L06), a listed region left empty by the
order of ``regions`` (L97), a ``min_capacity`` row with a blank year reaching the observed
base year (L23).

Expected values are worked by hand in the comments (tiny: base year 2024, horizon 2030,
first decision year 2025, 100 MW of PV, electricity demand 6000 GWh in 2024 and 7200 in 2030).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import DataError, load_dataset
from carbonpath.dataset.regions import EmptyRegionWarning
from carbonpath.dataset.role_checks import PowerUnitWarning, is_power
from carbonpath.dataset.series import HorizonInterpolationWarning
from carbonpath.dataset.year_slips import UnusedYearWarning, swapped_years
from carbonpath.model.build import PathwayModel
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _texts(record, category):
    return [str(w.message) for w in record if issubclass(w.category, category)]


def _load(folder):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        load_dataset(folder)
    return record


# -- L18, L51: a year after the horizon that swaps a model year's digits --------------------------
def test_swapped_years_are_the_model_years_the_series_lacks():
    # 2072's digits in 2024..2030: 2027 only (2207, 2270, 2702, 2720, 7022 ... lie outside)
    assert swapped_years(2072, 2024, 2030, [2024, 2030]) == [2027]
    assert swapped_years(2072, 2024, 2030, [2024, 2027]) == []  # 2027 is given already
    # projections past the horizon have no model year among their digits
    assert swapped_years(2035, 2024, 2030, []) == []  # 2053, 2305, 2350, 3025 ...
    assert swapped_years(2060, 2023, 2040, []) == []  # 2006, 2600, 6002 ...


def test_l18_a_cost_row_after_the_horizon_that_no_year_reads_warns(tiny):
    # pv capex 2024 3000, 2072 2000 (2027 meant), 2030 2400 CNY/kW: the 2030 row ends the
    # interpolation, so the 2072 row (row 12; the header is row 1, pv capex was row 11) is read
    # by no model year; 2072's digits give 2027, a model year the series lacks
    edit(tiny, "parameters.csv", "pv,capex,,3000,CNY/kW,assumption: toy\n",
         "pv,capex,2024,3000,CNY/kW,a\npv,capex,2072,2000,CNY/kW,b\npv,capex,2030,2400,CNY/kW,c\n")
    assert _texts(_load(tiny), UnusedYearWarning) == [
        "parameters.csv, row 12, column year: pv capex: the row of 2072 lies after the horizon "
        "2030; parameters.csv, row 13 gives 2030, so no model year uses it (the model "
        "interpolates up to 2030); 2027 typed as 2072?"]


def test_l51_a_bound_read_towards_a_row_after_the_horizon_warns_with_its_value(tiny):
    # pv max_capacity 2024 300 MW and 2072 3000 MW (2027 meant): the bound is interpolated
    # between them, in 2030 300 + (3000 - 300) x (2030 - 2024) / (2072 - 2024) = 300 + 337.5
    # = 637.5 MW, where a 2027 row would have ended the bound in 2027
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW,",
         "pv,max_capacity,2024,300,MW,a\npv,max_capacity,2072,3000,MW,")
    assert _texts(_load(tiny), UnusedYearWarning) == [
        "parameters.csv, row 16, column year: pv max_capacity: the row of 2072 lies after the "
        "horizon 2030; the model years after 2024 are interpolated towards it (637.5 MW in "
        "2030), where a 2027 row would end the bound in 2027; 2027 typed as 2072?"]


def test_l18_a_driver_row_after_the_horizon_warns_too(tiny):
    # gdp 2024 1000, 2030 1300 and 2062 1500 亿元: 2062's digits give 2026 (2206, 2260 ...
    # outside); the 2030 row (row 3) ends the interpolation
    with (tiny / "drivers.csv").open("a", encoding="utf-8") as f:
        f.write("gdp,2062,1500,亿元,x\n")
    assert _texts(_load(tiny), UnusedYearWarning) == [
        "drivers.csv, row 10, column year: driver gdp: the row of 2062 lies after the horizon "
        "2030; drivers.csv, row 3 gives 2030, so no model year uses it (the model "
        "interpolates up to 2030); 2026 typed as 2062?"]


def test_l18_a_demand_read_from_after_the_horizon_names_the_year_meant_once(tiny):
    # electricity 2024 6000 and 2072 7200 GWh (2030 meant 2027? no: 2072 -> 2027): 2030 is
    # interpolated 6000 + 1200 x 6/48 = 6150 GWh; round 20's Y06 warning names it and now the
    # year meant; no second warning of the same row
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2072,7200,")
    record = _load(tiny)
    assert _texts(record, UnusedYearWarning) == []
    (text,) = _texts(record, HorizonInterpolationWarning)
    assert "(6150 GWh/yr)" in text
    assert text.endswith("; 2027 typed as 2072? (its digits)")


def test_l18_projections_after_the_horizon_stay_quiet(tiny):
    # 2035 and 2040 give no model year (2053, 2305 ...; 2004, 2400 ...): right as written
    edit(tiny, "parameters.csv", "pv,capex,,3000,CNY/kW,assumption: toy\n",
         "pv,capex,2024,3000,CNY/kW,a\npv,capex,2030,2400,CNY/kW,c\n"
         "pv,capex,2035,2000,CNY/kW,b\npv,capex,2040,1800,CNY/kW,b\n")
    with (tiny / "drivers.csv").open("a", encoding="utf-8") as f:
        f.write("gdp,2035,1500,亿元,x\n")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_l18_init_names_the_users_driver_row_after_the_horizon(tmp_path):
    # the sample city's drivers (base year 2022, horizon 2024) with gdp 2042 = 3000 亿元 beside
    # 2022 = 2600: init interpolates 2024 towards it, 2600 + 400 x 2/20 = 2640; 2042's digits
    # give 2024, the horizon (init's own step, on the rows read_drivers gives build_draft)
    from types import SimpleNamespace

    from carbonpath.init.driver_years import late_years as _late_years
    from carbonpath.init.inputs import read_drivers
    from tests.init_sample import SAMPLE

    path = tmp_path / "drivers.csv"
    path.write_text(SAMPLE["drivers"].read_text(encoding="utf-8") + "gdp,2042,3000,亿元,x\n",
                    encoding="utf-8")
    drivers = read_drivers(path, 2022)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _late_years(SimpleNamespace(base_year=2022, horizon=2024), drivers)
    assert _texts(record, UnusedYearWarning) == [
        "drivers.csv, row 4, column year: driver gdp: the row of 2042 lies after the horizon "
        "2024; the model years after 2022 are interpolated towards it (2640 亿元 in 2024); "
        "2024 typed as 2042?"]


# -- L06: a power in a column of energy per year -------------------------------------------------
@pytest.mark.parametrize(("unit", "power"), [("MW", True), ("万千瓦", True), ("10^4 kW", True),
                                             ("GWh/yr", False), ("MWh/h", False), ("t", False)])
def test_a_power_is_a_rate_of_energy_without_a_time_unit(unit, power):
    assert is_power(unit) is power


def test_l06_a_peak_load_typed_as_the_years_demand_warns(tiny):
    # 1100 MW read as an average: 1100 MW x 8760 h = 9,636,000 MWh = 9,636 GWh/yr
    edit(tiny, "demands.csv", "electricity,2030,7200,GWh/yr,", "electricity,2030,1100,MW,")
    (text,) = _texts(_load(tiny), PowerUnitWarning)
    assert text.startswith("demands.csv, row 3, column unit: demand of electricity is 1100 MW, "
                           "a power; the value is an energy per year (GWh/yr), so it is read "
                           "as an average over the year's 8,760 hours: 9,636 GWh/yr;")


def test_l06_an_interconnector_rating_typed_as_max_activity_warns(tiny):
    # grid_import max_activity 1000 MW: 1000 x 8760 h = 8,760 GWh/yr (activity unit MWh)
    edit(tiny, "parameters.csv", "grid_import,max_activity,,1000,GWh/yr,",
         "grid_import,max_activity,,1000,MW,")
    (text,) = _texts(_load(tiny), PowerUnitWarning)
    assert text.startswith("parameters.csv, row 23, column unit: grid_import max_activity is "
                           "1000 MW, a power; the value is an energy per year (MWh/yr), so "
                           "it is read as an average over the year's 8,760 hours: 8.76e+06 "
                           "MWh/yr;")


def test_l06_update_of_an_activity_bound_in_a_power_warns(tiny):
    # update(grid_import max_activity = 1000 MW): 1000 MW x 8760 h = 8,760 GWh/yr (the model's
    # activity unit of an electricity import is GWh); given in GWh/yr it stays quiet
    import carbonpath as cp

    pm = PathwayModel(load_dataset(tiny), "plan")
    with pytest.warns(PowerUnitWarning, match=r"^update\(technology='grid_import', parameter="
                      r"'max_activity'\): grid_import max_activity is 1000 MW, a power; .*: "
                      r"8,760 GWh/yr;"):
        pm.update(technology="grid_import", parameter="max_activity", value=cp.Q_(1000, "MW"))
    with assert_no_carbonpath_warnings():
        pm.update(technology="grid_import", parameter="max_activity",
                  value=cp.Q_(1000, "GWh/yr"))


# -- L97: a listed region left with no technology and no demand ----------------------------------
def test_l97_a_region_the_order_left_empty_warns(tiny):
    # every technology (5) and demand row (2) of tiny has a blank region: all go to the first
    # region listed, 'north', and 'south' holds nothing
    edit(tiny, "dataset.yaml", "horizon: 2030\n", "horizon: 2030\nregions: [north, south]\n")
    (text,) = _texts(_load(tiny), EmptyRegionWarning)
    assert text == (
        "dataset.yaml, key regions: region 'south' holds no technology and no demand, so the "
        "model gives it nothing to do and reports zero for it; the first region listed, "
        "'north', is the default and takes every row with a blank region (5 technologies and "
        "2 demands with a blank region); if those rows are the rows of 'south', list it first "
        "(regions: [south, north]), or remove 'south' from the list if it is not modelled")


def test_l97_regions_that_each_hold_a_row_stay_quiet(tiny):
    # a region column naming 'south' for the grid import alone: each region holds a row
    edit(tiny, "dataset.yaml", "horizon: 2030\n", "horizon: 2030\nregions: [north, south]\n")
    lines = (tiny / "technologies.csv").read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",region"] + [
        line + (",south" if line.startswith("grid_import,") else ",") for line in lines[1:]]
    (tiny / "technologies.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    record = _load(tiny)
    assert _texts(record, EmptyRegionWarning) == []


# -- L23: a min_capacity row with a blank year reaches the observed base year --------------------
def test_l23_a_blank_year_minimum_above_the_base_year_stock_names_row_column_and_years(tiny):
    # pv: 100 MW = 0.1 GW of stock in 2024, the observed base year (nothing is built before the
    # first decision year 2025); the minimum 300 MW = 0.3 GW holds every year, 2024 too
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("pv,min_capacity,,300,MW,committed programme\n")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "year")
    # merged with rel60's L89 message: the row as written, its place, the blank year's reach
    assert p.message.startswith("min_capacity of pv in 2024 (300 MW = 0.3 GW, parameters.csv "
                                "row 24) is above its residual stock (0.1 GW)")
    assert "a blank year sets every model year, the observed ones too" in p.message
    assert p.valid.startswith("a year of 2025 .. 2030 (the decision years)")


def test_l23_the_same_minimum_from_the_first_decision_year_builds(tiny):
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("pv,min_capacity,2025,300,MW,committed programme\n"
                "pv,min_capacity,2030,300,MW,committed programme\n")
    data = PathwayModel(load_dataset(tiny), "plan").data
    assert data.techs["pv"].bounds["min_capacity"][2025] == pytest.approx(0.3)
    assert 2024 not in data.techs["pv"].bounds["min_capacity"]


def test_l23_apply_names_the_row_of_a_minimum_raised_above_the_base_year_stock(tiny):
    # 50 MW (under the 100 MW stock) builds; apply() raising it to 300 MW meets 2024's fixed
    # 0.1 GW as the build would
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("pv,min_capacity,,50,MW,committed programme\n")
    pm = PathwayModel(load_dataset(tiny), "plan")
    with pytest.raises(DataError) as err:
        pm.apply({("parameters", 24): 300.0})
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "year")
    assert "min_capacity of pv in 2024 (0.3 GW" in p.message


def test_l18_a_scenario_override_row_after_the_horizon_warns_naming_its_file(tiny):
    # the L18 series as scenarios/plan/parameters.csv rows 2-4: row 3 (2072) is read by no year
    folder = tiny / "scenarios" / "plan"
    folder.mkdir(parents=True)
    (folder / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\npv,capex,2024,3000,CNY/kW,a\n"
        "pv,capex,2072,2000,CNY/kW,b\npv,capex,2030,2400,CNY/kW,c\n", encoding="utf-8")
    assert _texts(_load(tiny), UnusedYearWarning) == [
        "scenarios/plan/parameters.csv, row 3, column year: pv capex: the row of 2072 lies "
        "after the horizon 2030; scenarios/plan/parameters.csv, row 4 gives 2030, so no model "
        "year uses it (the model interpolates up to 2030); 2027 typed as 2072?"]
