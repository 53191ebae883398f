"""Round-27 tester cases on uncertainty.csv rows and init inputs (issue 11, rel99).

Kinds: a normal or lognormal sd far under its mean (KC05: 0.15 typed for 15 % of 2800 CNY/kW
in an absolute row; a relative sd of 0.002 for +-20 %) warns; a group of one input one slip
from a group of several (KC74: ``demand_grwoth``) warns; a blank-year grid-factor row that
selects the base year's (the inventory's) factor is refused like a base-year demand (KC124);
init passes on the inventory's warning of a factor years older than the base year, and lists
it in the README (KC68); a new device service named like a bundled service whose options no
device serves any more warns (KC83: ``truck`` for ``truck_heavy``).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.errors import DataError
from tests.conftest import assert_no_carbonpath_warnings, uncertainty_with_warnings

HEAD = ("input,table,technology,parameter,driver,year,scale,distribution,low,mode,high,mean,"
        "sd,values,weights,unit,group,source\n")


def _load(tiny, *rows):
    return uncertainty_with_warnings(tiny, HEAD, *rows)


# -- KC05: an sd typed as a share ---------------------------------------------------------

def test_an_absolute_sd_typed_as_a_share_warns_with_the_sd_meant(tiny):
    # tiny's pv capex is 3000 CNY/kW; sd 0.15 is 0.15 / 3000 = 0.005 % of the mean;
    # read as a share of the mean: 0.15 x 3000 = 450 CNY/kW
    _, found = _load(tiny, "pv,parameters,pv,capex,,,absolute,normal,2000,,4000,3000,0.15,"
                           ",,CNY/kW,,x")
    (text,) = found
    assert "uncertainty.csv row 2 'sd'" in text
    assert "sd 0.15 CNY/kW is 0.005 % of the mean 3000 CNY/kW" in text
    assert "sd 450 CNY/kW" in text


def test_a_relative_sd_a_hundred_times_too_small_warns(tiny):
    # KC05b: lognormal mean 1, sd 0.002 = 0.2 % of the multiplier (+-20 % is sd 0.2)
    _, found = _load(tiny, "pv,parameters,pv,capex,,,relative,lognormal,,,,1.0,0.002,,,1,,x")
    (text,) = found
    assert "sd 0.002 is 0.2 % of the mean 1" in text
    assert "0.15 for ±15 %" in text


@pytest.mark.parametrize(("sd", "warns"), [(15.0, False), (14.9, True), (400.0, False)])
def test_the_narrow_sd_bound_is_half_a_percent_of_the_mean(tiny, sd, warns):
    # 0.5 % of 3000 = 15: sd 15 is at the bound (quiet), 14.9 under it
    _, found = _load(tiny, f"pv,parameters,pv,capex,,,absolute,normal,2000,,4000,3000,{sd},"
                           ",,CNY/kW,,x")
    assert bool(found) is warns


# -- KC74: a group name slip ----------------------------------------------------------------

def test_a_lone_group_one_letter_swap_from_a_shared_group_warns(tiny):
    _, found = _load(
        tiny,
        "pv_capex,parameters,pv,capex,,,relative,uniform,0.9,,1.1,,,,,1,cost_growth,x",
        "coal_capex,parameters,coal_power,capex,,,relative,uniform,0.9,,1.1,,,,,1,cost_growth,x",
        "pv_om,parameters,pv,fixed_om,,,relative,uniform,0.9,,1.1,,,,,1,cost_grwoth,x")
    (text,) = found
    assert "uncertainty.csv row 4 'group'" in text
    assert "only one of group 'cost_grwoth', spelled like group 'cost_growth' of 2 inputs" in text


def test_lone_groups_unlike_a_shared_one_stay_quiet(tiny):
    # bus_cost is three letters from car_cost; pv_om's group is its own name
    _, found = _load(
        tiny,
        "pv_capex,parameters,pv,capex,,,relative,uniform,0.9,,1.1,,,,,1,car_cost,x",
        "coal_capex,parameters,coal_power,capex,,,relative,uniform,0.9,,1.1,,,,,1,car_cost,x",
        "pv_om,parameters,pv,fixed_om,,,relative,uniform,0.9,,1.1,,,,,1,bus_cost,x",
        "car_cosx,parameters,coal_power,fixed_om,,,relative,uniform,0.9,,1.1,,,,,1,,x")
    assert found == []


@pytest.mark.parametrize(("a", "b", "one"), [
    ("demand_grwoth", "demand_growth", True),   # two neighbours swapped
    ("demand_growt", "demand_growth", True),    # one dropped
    ("Demand-Growth", "demand_growth", True),   # case and separator
    ("demand_grxwth", "demand_growth", True),   # one changed
    ("bus_bev_fixed_om", "car_bev_fixed_om", False),  # b-u-s against c-a-r: three
    ("demand_gro", "demand_growth", False),     # three dropped
])
def test_one_slip_by_hand(a, b, one):
    from carbonpath.dataset.uncertainty_rules import _one_slip

    assert _one_slip(a, b) is one


# -- KC124: the base year's grid factor -----------------------------------------------------

def test_a_blank_year_grid_factor_row_selecting_the_base_year_is_refused(tiny):
    # tiny's base year is 2024; drivers.csv line 5 is grid_emission_factor 2024 (observed)
    with pytest.raises(DataError) as err:
        _load(tiny, "gef,drivers,,,grid_emission_factor,,relative,uniform,0.8,,1.2,,,,,1,,x")
    (problem,) = err.value.problems
    assert (problem.row, problem.column) == (2, "year")
    assert "drivers.csv row 5 holds the base year 2024" in problem.message
    assert "rows after 2024" in problem.valid


def test_a_grid_factor_row_of_a_later_year_is_kept(tiny):
    unc, _ = _load(tiny, "gef,drivers,,,grid_emission_factor,2030,relative,uniform,0.8,,1.2,"
                         ",,,,1,,x")
    assert unc.inputs[0].central == (0.50,)


# -- KC83: a device service that leaves a bundled service's options idle --------------------

def test_truck_for_truck_heavy_warns_naming_the_dropped_options(tmp_path):
    from carbonpath.init.mapping import read_mapping
    from carbonpath.init.mapping_services import MappingServiceWarning
    from tests.test_round21_rel65 import _mapping

    path = _mapping(tmp_path, "truck_heavy_diesel,truck_heavy,", "truck_heavy_diesel,truck,")
    with pytest.warns(MappingServiceWarning) as caught:
        read_mapping(path)
    (text,) = [str(w.message) for w in caught]
    assert "m.csv, row 41, column 'service'" in text
    assert "options for 'truck_heavy' (truck_heavy_bev, truck_heavy_lng)" in text


def test_devices_taken_out_of_a_copy_stay_quiet(tmp_path):
    from carbonpath.init.mapping import read_mapping
    from tests.test_round21_rel65 import _mapping

    path = _mapping(tmp_path, "device,transport,diesel,,truck_heavy_diesel,truck_heavy,road "
                              "diesel: heavy trucks (the largest share)\n", "")
    with assert_no_carbonpath_warnings():
        read_mapping(path)


# -- KC68: init's base year after the factor tables' years ----------------------------------

def test_init_passes_on_an_old_factor_and_lists_it_in_the_readme(tmp_path):
    from carbonpath.accounting.factor_years import OldFactorWarning
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, INIT, SAMPLE

    for name in ("drivers", "growth"):  # the sample's inputs re-dated 2022 -> 2025
        text = (INIT / f"sample_{name}.csv").read_text(encoding="utf-8")
        (tmp_path / f"{name}.csv").write_text(text.replace(",2022,", ",2025,"),
                                              encoding="utf-8")
    args = {**SAMPLE, "drivers": tmp_path / "drivers.csv", "growth": tmp_path / "growth.csv",
            "base_year": 2025, "horizon": 2027}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = init_dataset(BALANCE, out=tmp_path / "city", **args)
    old = sorted(str(w.message) for w in caught if issubclass(w.category, OldFactorWarning))
    # the bundled tables' last years: Shandong's grid factor and the national coal rate of
    # 2022, used for 2025: 2025 - 2022 = 3 years, over the two carried quietly
    assert len(old) == 2
    assert all("of 2022" in t and "3 year(s) later" in t for t in old)
    assert any("emission_factor" in t and "CN-SD" in t for t in old)
    assert any("coal_rate" in t for t in old)
    readme = (result.folder / "README.md").read_text(encoding="utf-8")
    assert "(an older year's factor used for the base year 2025)" in readme


def test_the_sample_init_gives_no_old_factor_warning(sample_init_warnings):
    from carbonpath.accounting.factor_years import OldFactorWarning

    # base year 2022 = the factors' year
    assert not [w for w in sample_init_warnings if issubclass(w.category, OldFactorWarning)]
