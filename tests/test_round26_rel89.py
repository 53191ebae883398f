"""Round 26 (issue 11): model-side messages and a fuel priced twice (rel89).

MB46 a conversion's variable_cost holding the fuel its supplier prices warns; MB05 update()
of capex names scale_cost and apply(); MB20 a region cell on a one-region dataset; MB33 a
fuel code's factors per another unit than its commodity's; MB68 an unreachable min_capacity
named by its parameters.csv row.
"""

import warnings

import pytest

import carbonpath
from carbonpath import Q_, PathwayModel
from carbonpath.dataset.cost_checks import FuelCostTwiceWarning
from carbonpath.errors import DataError, InfeasibleError, UnknownNameError
from tests.conftest import edit, only_problem

COAL_COST = "coal_power,variable_cost,,20,CNY/MWh,"


def _fuel_warnings(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        carbonpath.load_dataset(folder)
    return [str(w.message) for w in caught if issubclass(w.category, FuelCostTwiceWarning)]


# -- MB46: a plant's variable_cost that holds the fuel its supplier prices -------------------


def test_fuel_inclusive_variable_cost_warns_with_the_non_fuel_part(tiny):
    # coal_power burns 0.4 t/MWh of coal that coal_supply sells at 400 CNY/t: 160 CNY/MWh of
    # fuel. 180 CNY/MWh (a fuel-inclusive cost) is 180/160 = 1.125 of it: the non-fuel part
    # would be 180 - 160 = 20 CNY/MWh. The plan had cost 11,578 MCNY for 7,683, no word.
    edit(tiny, "parameters.csv", COAL_COST, "coal_power,variable_cost,,180,CNY/MWh,")
    (message,) = _fuel_warnings(tiny)
    assert message.startswith("parameters.csv, row 7, column value:")
    assert "the variable_cost of 'coal_power' (180 CNY/MWh)" in message
    assert "(160 CNY/MWh: coal 160 CNY/MWh" in message
    assert "(180 - 160 = 20 CNY/MWh)" in message


@pytest.mark.parametrize(("cost", "warned"), [(20, False), (119, False), (120, True)])
def test_fuel_share_threshold_is_three_quarters(tiny, cost, warned):
    # 0.75 x 160 CNY/MWh = 120 CNY/MWh: 119 stays quiet (74 %), 120 warns; tiny's own 20
    # (12.5 %) is the non-fuel O&M of a coal unit and never warns
    edit(tiny, "parameters.csv", COAL_COST, f"coal_power,variable_cost,,{cost},CNY/MWh,")
    assert bool(_fuel_warnings(tiny)) is warned


def test_fuel_cost_uses_the_units_of_each_row(tiny):
    # 1.8 元/kWh x 1000 = 1800 CNY/MWh; the coal at 0.4 kt/GWh x 400 CNY/t = 160 CNY/MWh,
    # the price at 0.04 万元/t = 400 CNY/t: 1800 is 11.25 x 160, the non-fuel part 1640
    edit(tiny, "parameters.csv", COAL_COST, "coal_power,variable_cost,,0.18,CNY/kWh,")
    edit(tiny, "parameters.csv", "coal_supply,variable_cost,,400,CNY/t,",
         "coal_supply,variable_cost,,0.04,万元/t,")
    (message,) = _fuel_warnings(tiny)
    assert "(0.18 CNY/kWh)" in message
    assert "(0.18 - 0.16 = 0.02 CNY/kWh)" in message


# -- MB05: update() of a parameter it cannot change in place -------------------------------


@pytest.mark.parametrize("years", [[2024], [2030], None])
def test_update_of_capex_names_scale_cost_and_apply(tiny, years):
    # pv capex is parameters.csv row 11 (3000 CNY/kW); 2000 CNY/kW is 2000/3000 = 0.6667 of it.
    # years=[2024] had said "an observed year", sending the user to a year that cannot help.
    m = PathwayModel(carbonpath.load_dataset(tiny), "plan")
    with pytest.raises(UnknownNameError) as err:
        m.update(technology="pv", parameter="capex", value=Q_(2000, "CNY/kW"), years=years)
    text = str(err.value)
    assert "update cannot change 'pv' capex in place" in text
    assert "scale_cost('pv', 'capex', 0.6667)" in text
    assert "apply({('parameters', 11): 2000})" in text
    assert "observed year" not in text


def test_update_of_lifetime_names_the_row_to_edit(tiny):
    # pv lifetime is row 10; apply() cannot change it warm either
    m = PathwayModel(carbonpath.load_dataset(tiny), "plan")
    with pytest.raises(UnknownNameError) as err:
        m.update(technology="pv", parameter="lifetime", value=Q_(20, "yr"))
    text = str(err.value)
    assert "edit parameters.csv row 10 and build the model again" in text
    assert "scale_cost" not in text
    assert "apply({" not in text


# -- MB20: a region cell on a one-region dataset -------------------------------------------


def test_region_cell_naming_the_factor_region_says_what_that_code_is(tiny):
    # tiny's dataset.yaml has region: CN-SD-Liaocheng (factor look-ups) and no regions list
    path = tiny / "demands.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",region", lines[1] + ",CN-SD-Liaocheng", lines[2] + ",CN-SD-Heze"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        carbonpath.load_dataset(tiny)
    first, second = err.value.problems
    assert (first.file, first.row, first.column) == ("demands.csv", 2, "region")
    assert "the dataset is one region, named after its folder" in first.message
    assert "'CN-SD-Liaocheng' is dataset.yaml's region:, the code the emission factors" \
        in first.message
    assert "leave the 'region' column out" in first.valid
    assert "'cn_sd_liaocheng'" in first.valid  # a code that regions: would accept
    assert "dataset.yaml's region:" not in second.message
    assert "'cn_sd_heze'" in second.valid


# -- MB33: a fuel code whose factors are per another unit than its commodity's --------------


def test_coal_counted_in_ktce_names_the_file_unit_and_tonnes(tiny):
    # raw_coal's factors are per t (t CO2/t); its standard-coal coefficient 714.3 kgce/t makes
    # 1 ktce = 1 / 0.7143 = 1.4 kt of raw coal. The message had said "counted in GWh" (the
    # model's canonical unit) and "factors per CO2".
    edit(tiny, "commodities.csv", "coal,Raw coal,kt,", "coal,Raw coal,ktce,")
    edit(tiny, "technologies.csv", "import,annual,kt/yr,kt,", "import,annual,ktce/yr,ktce,")
    edit(tiny, "flows.csv", "coal_supply,coal,output,1,kt/kt,", "coal_supply,coal,output,1,"
         "ktce/ktce,")
    edit(tiny, "flows.csv", "coal_power,coal,input,0.4,t/MWh,", "coal_power,coal,input,"
         "0.2849,tce/MWh,")
    edit(tiny, "parameters.csv", "coal_supply,variable_cost,,400,CNY/t,",
         "coal_supply,variable_cost,,561.6,CNY/tce,")
    edit(tiny, "parameters.csv", "coal_supply,activity,2024,2347.44,kt/yr,",
         "coal_supply,activity,2024,1671.96,ktce/yr,")
    with pytest.raises(DataError) as err:
        PathwayModel(carbonpath.load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("commodities.csv", 3, "fuel", "raw_coal")
    assert "counted in ktce" in p.message
    assert "GWh" not in p.message
    assert "emission factors per t of raw_coal (t CO2/t)" in p.message
    assert "1 ktce of it is 1.4 kt" in p.message
    assert p.valid.startswith("column 'unit' in a mass unit (t, kt, 万吨)")
    assert "a unit like CO2" not in p.valid


# -- MB68: a min_capacity the stock and the build limits cannot reach ----------------------


def test_unreachable_min_capacity_names_its_row_and_the_reachable_capacity(tiny):
    # pv: 100 MW of stock + 100 MW/yr over the six decision years 2025..2030 = 700 MW by
    # 2030; min_capacity 3000 MW (300 typed x10) is 2300 MW = 2.3 GW short. The rows are
    # 24 (max_new_capacity) and 25 (min_capacity); the message had named only model rows.
    path = tiny / "parameters.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "pv,max_new_capacity,,100,MW/yr,assumption: test\n"
                      "pv,min_capacity,2030,3000,MW,assumption: test\n", encoding="utf-8")
    m = PathwayModel(carbonpath.load_dataset(tiny), "baseline")
    with pytest.raises(InfeasibleError) as err:
        m.solve()
    text = str(err.value)
    assert "min_capacity of 'pv' in 2030 (parameters.csv row 25: 3000 MW)" in text
    assert "is 2.3 GW more than the stock and the build limits reach (0.7 GW" in text
    assert "max_new_capacity row 24" in text
    assert "capacity_min[" not in text
