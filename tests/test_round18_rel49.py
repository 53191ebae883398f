"""Round 18's model parameter, reserve and target cases (rel49).

R86-R88: a lost cost row (battery capex_energy, grid_import or coal_supply variable_cost)
made that thing free; it is refused, naming the row to add. Expected values are read off
tiny's files by hand (see each test).
"""

import pytest

from carbonpath import DataError, load_dataset
from carbonpath.model.data import ModelData
from tests.conftest import edit, only_problem

COAL_PRICE = "coal_supply,variable_cost,,400,CNY/t,assumption: toy coal price\n"


# -- R86-R88: a cost row every technology of its kind must have ---------------------------------
@pytest.mark.parametrize(("row", "tech", "name", "unit"), [
    ("battery,capex_energy,,800,CNY/kWh,assumption: toy energy cost\n", "battery",
     "capex_energy", "CNY/kWh"),  # battery stores electricity (GWh): quoted per kWh
    ("grid_import,variable_cost,,450,CNY/MWh,assumption: toy wholesale price\n", "grid_import",
     "variable_cost", "CNY/MWh"),  # activity unit MWh
    (COAL_PRICE, "coal_supply",
     "variable_cost", "CNY/kt"),  # activity unit kt
])
def test_r86_r88_a_lost_cost_row_is_refused_naming_the_row_to_add(tiny, row, tech, name, unit):
    edit(tiny, "parameters.csv", row, "")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.column, p.value) == ("parameters.csv", "parameter", name)
    assert f"technology '{tech}'" in p.message
    assert f"no {name} row" in p.message
    assert f"{tech},{name},,<value>,{unit},<source>" in p.valid
    assert "write 0" in p.valid


def test_r86_r88_a_written_zero_cost_is_taken_as_meant(tiny):
    edit(tiny, "parameters.csv", "grid_import,variable_cost,,450,", "grid_import,variable_cost,,0,")
    data = ModelData.from_dataset(load_dataset(tiny), "plan")
    assert data.techs["grid_import"].variable_cost.max() == 0.0


def test_r86_a_built_technology_without_capex_is_refused(tiny):
    edit(tiny, "parameters.csv", "pv,capex,,3000,CNY/kW,assumption: toy\n", "")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert p.value == "capex"
    assert "pv,capex,,<value>,CNY/kW,<source>" in p.valid


def test_r88_a_supply_of_a_fuel_needs_a_price_a_solar_plant_does_not(tiny):
    # coal_supply as local mining (kind supply) of the fuel coal: still needs a price;
    # pv (supply of electricity) has no variable_cost row in tiny and is accepted
    edit(tiny, "technologies.csv", "coal_supply,Coal purchases,thermal_power,import,",
         "coal_supply,Coal purchases,thermal_power,supply,")
    edit(tiny, "parameters.csv", COAL_PRICE, "")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    # (a supply has capacity, so it now also lacks a lifetime and a residual stock: those
    # are the capacity checks' problems)
    mine = [p for p in err.value.problems if p.value == "variable_cost"]
    assert len(mine) == 1
    assert mine[0].message.startswith("technology 'coal_supply' (supply) has no variable_cost")
    assert "the fuel coal" in mine[0].message
