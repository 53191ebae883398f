"""Round 19 (tester V), model side: messages that must name file, row, column and what is valid.

Each test edits a copy of ``tiny`` as the tester did. tiny's rows used below (header = 1):
profiles.csv rows 2-5 are pv's hours 0-3 of day 'typical', rows 6-9 load's; so a line appended
to profiles.csv is row 10. dataset.yaml has one day, 'typical', of 4 hours.
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from carbonpath import Q_, DataError, InfeasibleError, PathwayModel, load_dataset
from carbonpath._resources import data_path
from carbonpath.catalogue import load_catalogue
from carbonpath.dataset.measure_checks import ObservedChangeWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning
from carbonpath.errors import Problem
from tests.conftest import edit


def _problems(folder):
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    return err.value.problems


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


# --- V06, V07, V42: profiles that repeat or lack a (day, hour) -----------------------------


def test_repeated_profile_hour_names_both_rows_and_the_day_hour(tiny):
    """V06: a second pv hour-2 row (row 10) beside row 4."""
    _append(tiny, "profiles.csv", "pv,typical,2,0.5,1,assumption: dup hour")
    (problem,) = _problems(tiny)
    assert (problem.file, problem.row, problem.column) == ("profiles.csv", 10, "hour")
    assert "(day 'typical', hour 2) in rows 4, 10" in problem.message
    assert "rows 4, 10" in problem.valid


def test_missing_profile_hour_is_named(tiny):
    """V07: pv's hour-3 row deleted leaves 3 of the 1 x 4 values, hour 3 missing."""
    edit(tiny, "profiles.csv", "pv,typical,3,0,1,assumption: toy (15% capacity factor)\n", "")
    (problem,) = _problems(tiny)
    assert (problem.file, problem.column) == ("profiles.csv", "profile")
    assert "has 3 of the 4 (day, hour) values it needs; missing: day 'typical' hour 3" in (
        problem.message)


def test_day_added_without_profile_rows_names_the_day_for_each_profile(tiny):
    """V42: a day 'peak' (2 days x 4 hours = 8 values) and no rows for it: each profile has 4."""
    edit(tiny, "dataset.yaml", "    - {name: typical, weight: 365}",
         "    - {name: typical, weight: 360}\n    - {name: peak, weight: 5}")
    problems = _problems(tiny)
    named = sorted(p.message.split("'")[1] for p in problems)
    assert named == ["load", "pv"]
    for p in problems:
        assert "has 4 of the 8 (day, hour) values it needs; missing: day 'peak' all 4 hours" in (
            p.message)
        assert "(typical, peak)" in p.valid


# --- V28: a scenario's override row in dataset.yaml is placed in dataset.yaml ----------------


def test_model_check_of_a_yaml_override_row_names_dataset_yaml_and_its_key(tiny):
    """V28: pv's 2024 activity 200 GWh/yr exceeds 0.1 GW x 0.15 x 8760 h = 131.4 GWh/yr."""
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n    parameters:\n"
         "      - {technology: pv, parameter: activity, year: 2024, value: 200, "
         "unit: GWh/yr, source: 'assumption: x'}\n")
    # round 21's L79: an override of observed data in one scenario only is warned of too
    with pytest.raises(DataError) as err, pytest.warns(ObservedChangeWarning, match="plan"):
        PathwayModel(load_dataset(tiny), scenario="plan")
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.key) == (
        "dataset.yaml", None, "scenarios.plan.parameters[0]")
    assert "parameters.csv, row" not in str(err.value)
    assert "131.4 GWh/yr" in problem.message


def test_a_problem_labelled_by_a_yaml_row_moves_to_dataset_yaml():
    """The rule itself: any check naming such a row points at dataset.yaml and its key."""
    p = Problem("x", file="parameters.csv", row="measures.a.changes.parameters[1]",
                column="value")
    assert (p.file, p.row, p.key, p.column) == (
        "dataset.yaml", None, "measures.a.changes.parameters[1]", "value")
    assert Problem("x", file="parameters.csv", row=12).file == "parameters.csv"


# --- V47: a max_capacity below the stock in the base year names row, stock and valid -------


def test_max_capacity_below_stock_in_every_year_names_its_row_and_the_stock(tiny):
    """V47: 3000 kW = 0.003 GW < pv's 100 MW = 0.1 GW stock, in 2024 (no vintage yet) too."""
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW", "pv,max_capacity,,3000,kW")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 15, "value")
    assert problem.value == "3000 kW"
    assert "max_capacity of pv in 2024-2030 (0.003 GW) is below its residual stock (0.1 GW)" \
        in problem.message
    assert problem.valid.startswith(">= 0.1 GW")


# --- V123: a fuel code whose factors are per another unit than its commodity's --------------


def test_gas_fuel_code_on_a_commodity_in_kt_names_the_fuel_cell(tiny):
    """V123: natural_gas's factors are per Nm3 (a volume); coal is counted in kt (a mass)."""
    edit(tiny, "commodities.csv", "annual,fuel,raw_coal,", "annual,fuel,natural_gas,")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    (problem,) = err.value.problems  # once, not again for its standard-coal coefficient
    assert (problem.file, problem.row, problem.column) == ("commodities.csv", 3, "fuel")
    assert problem.value == "natural_gas"
    assert "per Nm3" in problem.message
    assert "counted in kt" in problem.message
    assert "raw_coal" in problem.valid


# --- V95: a slip warning once per load, however many scenarios re-check the rows ------------


def test_series_slip_is_warned_once_by_one_load(tiny):
    """V95: pv capex 3000, 500, 3000 CNY/kW (2024, 2027, 2030): 500 = 1/6 of both neighbours.

    The plan scenario's own override row makes its checks compare the tables again.
    """
    edit(tiny, "parameters.csv", "pv,capex,,3000,CNY/kW,assumption: toy",
         "pv,capex,2024,3000,CNY/kW,assumption: toy\npv,capex,2027,500,CNY/kW,assumption: toy\n"
         "pv,capex,2030,3000,CNY/kW,assumption: toy")
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n    parameters:\n"
         "      - {technology: grid_import, parameter: variable_cost, value: 450, "
         "unit: CNY/MWh, source: 'assumption: x'}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    slips = [w for w in caught if issubclass(w.category, SeriesSlipWarning)]
    assert len(slips) == 1, [str(w.message) for w in slips]
    assert "500 CNY/kW in 2027" in str(slips[0].message)


# --- V152, V153: the catalogue's fuel inputs and shares checked where it is read ---------------


def _catalogue_copy(tmp_path, name, old, new):
    folder = tmp_path / "cat"
    shutil.copytree(data_path("catalogue"), folder)
    edit(folder, name, old, new)
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return folder, 1 + next(i for i, line in enumerate(lines) if line.startswith(new))


def test_catalogue_fuel_input_in_mj_for_gj_is_refused_at_its_row(tmp_path):
    """V152: 8.0 MJ/MWh = 0.0022 GJ/GJ, an efficiency of 1/0.0022 = 45,000 %; valid is
    1 .. 20 GJ per GJ (100 % .. 5 %), i.e. 3,600 .. 72,000 MJ/MWh."""
    folder, line = _catalogue_copy(tmp_path, "flows.csv", "coal_usc,raw_coal,input,8.0,7.6596,"
                                   "8.3721,GJ/MWh,", "coal_usc,raw_coal,input,8.0,7.6596,"
                                   "8.3721,MJ/MWh,")
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    problems = err.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("cat/flows.csv", line, column) for column in ("value", "low", "high")]
    assert "8 MJ/MWh implies an efficiency outside 5% .. 100%" in problems[0].message
    assert problems[0].valid.startswith("3.6e+03 .. 7.2e+04 MJ/MWh")


def test_catalogue_availability_written_as_a_percentage_is_refused_at_its_row(tmp_path):
    """V153: availability 95 (90, 100) in unit 1 is 95 times the whole year, not 95 %."""
    folder, line = _catalogue_copy(tmp_path, "parameters.csv",
                                   "pv_utility,availability,,,1.0,0.95,1.0,1,",
                                   "pv_utility,availability,,,95,90,100,1,")
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    problems = err.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("cat/parameters.csv", line, column) for column in ("value", "low", "high")]
    assert "95 reads as a percentage: write 0.95" in problems[0].message
    assert "a share in [0, 1]" in problems[0].valid


# --- V31, V62, V121: the infeasibility diagnosis names the input behind the conflict ---------


def _infeasible(model):
    with pytest.raises(InfeasibleError) as err:
        model.solve()
    return str(err.value)


def test_infeasibility_names_the_scenario_disallow(tiny):
    """V31: coal_supply disallowed (not investable, no stock): coal_power gets no coal after
    2024, and pv (<= 3 GW) with 1000 GWh/yr of imports cannot meet 2030's load."""
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n    disallow: [coal_supply]\n")
    text = _infeasible(PathwayModel(load_dataset(tiny), scenario="plan"))
    assert "'coal_supply' is disallowed by dataset.yaml key scenarios.plan.disallow" in text
    assert text.index("disallowed") < text.index("the load of electricity follows")


def test_infeasibility_names_the_update_that_holds_a_technology_down():
    """V62: coal_power's max_activity 0 leaves 2030's load to pv and the capped imports."""
    model = PathwayModel("tiny", scenario="plan")
    model.update(technology="coal_power", parameter="max_activity", value=Q_(0, "GWh/yr"))
    text = _infeasible(model)
    assert "'coal_power' is held by update(technology='coal_power', parameter='max_activity'" \
        in text


def test_infeasibility_names_a_fuel_balanced_by_timeslice(tiny):
    """V121: coal balanced by timeslice, supplied by the annual coal_supply (commodities.csv
    row 3)."""
    edit(tiny, "commodities.csv", "coal,Raw coal,kt,annual,", "coal,Raw coal,kt,timeslice,")
    text = _infeasible(PathwayModel(load_dataset(tiny), scenario="plan"))
    assert "coal (a fuel) is balanced by timeslice (commodities.csv row 3, column 'balance')" \
        in text
    assert "'coal_supply' supplies it at the annual level" in text

