"""Observed years' commodity balances refused before any solve, naming the data rows (rel24).

Round 11's D92, D133, D134 and D147 (and round 10's B109): a base-year balance that the
observed activities cannot close. Expected numbers are worked by hand from tiny's files:
coal_power's observed 5868.6 GWh at 0.4 t/MWh (= 0.4 kt/GWh) burns 5868.6 x 0.4 = 2347.44 kt.
"""

import pytest

from carbonpath import DataError, load_dataset
from carbonpath.model.data import ModelData
from tests.conftest import edit, only_problem

COAL_SUPPLY = "coal_supply,activity,2024,2347.44,kt/yr"


def _model_data(folder, scenario=None):
    return ModelData.from_dataset(load_dataset(folder), scenario)


def test_d92_a_fixed_coal_supply_short_of_the_plant_names_rows_and_numbers(tiny):
    edit(tiny, "parameters.csv", COAL_SUPPLY, "coal_supply,activity,2024,2000,kt/yr")
    with pytest.raises(DataError) as err:
        _model_data(tiny)  # model data only: nothing is solved
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 3, "value")  # coal_supply's row
    assert "cannot balance coal" in p.message
    assert "Supply 2000 kt/yr" in p.message
    assert "Use 2347.44 kt/yr" in p.message
    assert "by 347.44 kt/yr" in p.message  # 2347.44 - 2000
    # coal_power's activity (parameters.csv line 9) and its coal input (flows.csv line 3)
    assert "5868.6 GWh/yr x 0.4 kt/GWh = 2347.44 kt/yr (parameters.csv row 9, flows.csv row 3)" \
        in p.message
    assert "2347.44" in p.valid


def test_d133_a_coal_demand_beside_fixed_supply_names_the_demand_rows(tiny):
    with (tiny / "demands.csv").open("a", encoding="utf-8") as f:  # file lines 4 and 5
        f.write("coal,2024,100,kt/yr,,assumption: test\ncoal,2030,100,kt/yr,,assumption: test\n")
    with pytest.raises(DataError) as err:
        _model_data(tiny)
    p = only_problem(err)
    assert "Demand 100 kt/yr (demands.csv row 4, demands.csv row 5)" in p.message
    assert "by 100 kt/yr" in p.message
    assert "supply would need 2447.44 kt/yr" in p.valid  # 2347.44 + 100


def test_d147_a_scenario_flow_override_of_an_observed_plant_is_named_with_a_hint(tiny):
    (tiny / "scenarios" / "plan").mkdir(parents=True)
    (tiny / "scenarios" / "plan" / "flows.csv").write_text(
        "technology,commodity,direction,value,unit,source\n"
        "coal_power,coal,input,0.35,t/MWh,assumption: upgrade\n", encoding="utf-8")
    ds = load_dataset(tiny)
    ModelData.from_dataset(ds, "baseline")  # the dataset's own flows still balance
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(ds, "plan")
    p = only_problem(err)
    assert (p.file, p.row) == ("scenarios/plan/flows.csv", "2")
    # 5868.6 GWh x 0.35 kt/GWh = 2054.01 kt used against 2347.44 kt supplied: 293.43 over
    assert "= 2054.01 kt/yr" in p.message
    assert "exceeds use and demand by 293.43" in p.message
    assert "needs a new technology" in p.message


def test_a_base_year_within_the_tolerance_still_builds(tiny):
    # 2347.44 x (1 + 4e-7): inside base_year_tolerance 1e-6 of the throughput (2 x 2347.44)
    edit(tiny, "parameters.csv", COAL_SUPPLY, "coal_supply,activity,2024,2347.440939,kt/yr")
    data = _model_data(tiny)
    assert data.techs["coal_supply"].observed[2024] == pytest.approx(2347.440939)
