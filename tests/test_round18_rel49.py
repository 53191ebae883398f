"""Round 18's model parameter, reserve and target cases (rel49).

R86-R88: a lost cost row (battery capex_energy, grid_import or coal_supply variable_cost)
made that thing free; it is refused, naming the row to add. Expected values are read off
tiny's files by hand (see each test).
"""

import pytest

import carbonpath as cp
from carbonpath import DataError, load_dataset
from carbonpath.dataset.series_slips import SeriesSlipWarning, UnusedYearWarning
from carbonpath.errors import ImplausibleValueError
from carbonpath.model.data import ModelData
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

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


# -- R112: a spike inside a parameter trajectory (and a demand series) --------------------------
def test_r112_a_coal_price_spike_warns_naming_its_row(tiny):
    edit(tiny, "parameters.csv", COAL_PRICE,
         "coal_supply,variable_cost,2024,400,CNY/t,assumption: x\n"
         "coal_supply,variable_cost,2027,4000,CNY/t,assumption: x (typo for 400)\n"
         "coal_supply,variable_cost,2030,450,CNY/t,assumption: x\n")
    with pytest.warns(SeriesSlipWarning) as record:
        load_dataset(tiny)
    mine = [str(w.message) for w in record if issubclass(w.category, SeriesSlipWarning)]
    assert len(mine) == 1
    # 4000 / 450 = 8.89 (the nearer neighbour), rows 2, 3, 4 of the file: the 2027 row is 3
    assert mine[0].startswith("parameters.csv, row 3: coal_supply variable_cost: 4000 CNY/t "
                              "in 2027 is 8.89 times both neighbouring years")


def test_r112_a_smooth_price_rise_and_a_bound_in_one_year_stay_quiet(tiny):
    # x3 then /2 (below x5 on both sides): a real price path; a max_activity loosened in one
    # year is a bound ('range'), not a trajectory
    edit(tiny, "parameters.csv", COAL_PRICE,
         "coal_supply,variable_cost,2024,400,CNY/t,assumption: x\n"
         "coal_supply,variable_cost,2027,1200,CNY/t,assumption: x\n"
         "coal_supply,variable_cost,2030,600,CNY/t,assumption: x\n")
    edit(tiny, "parameters.csv", "grid_import,max_activity,,1000,GWh/yr",
         "grid_import,max_activity,2024,1000,GWh/yr,x\ngrid_import,max_activity,2027,9000,GWh/yr,x\n"
         "grid_import,max_activity,2030,1000,GWh/yr")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_r112_a_demand_spike_between_x5_and_x10_warns(tiny):
    # tiny's demand 6000 GWh in 2024, 7200 in 2030; a 2027 row of 40000 GWh is 40000/7200 =
    # 5.56 times the nearer neighbour: under the x10 step refusal, so only a warning
    edit(tiny, "demands.csv", "electricity,2030,", "electricity,2027,40000,GWh/yr,load,x\n"
         "electricity,2030,")
    with pytest.warns(SeriesSlipWarning, match=r"demands\.csv, row 3: demand of electricity: "
                                               r"40000 GWh/yr in 2027 is 5\.56 times"):
        load_dataset(tiny)


# -- R113/R114: an energy_cap level against the base year's energy consumption -----------------
def _energy_cap(folder, value, unit):
    """tiny's plan with an energy_cap of ``value unit`` in 2030."""
    with (folder / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write(f"  - name: energy\n    type: energy_cap\n    value: {value}\n    unit: {unit}\n"
                "    years: [2030]\n    source: \"assumption: test\"\n")
    edit(folder, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, energy]")


# tiny's base-year energy by hand: coal 2347.44 kt x 0.7143 ktce/kt = 1676.78 ktce, plus PV
# 131.4 GWh at the coal rate 300 gce/kWh (primary_electricity: coal_consumption) = 39.42 ktce:
# 1716.2 ktce
@pytest.mark.parametrize(("value", "unit", "ratio", "said"), [
    (1800, "万吨标准煤", "10.5", "would bind nothing"),  # 18,000 / 1716.2 = 10.49
    (1800, "tce", "0.00105", "below 1 %"),  # 1.8 / 1716.2 = 0.00105
])
def test_r113_r114_an_energy_cap_unit_slip_is_refused(tiny, value, unit, ratio, said):
    _energy_cap(tiny, value, unit)
    with pytest.raises(ImplausibleValueError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.key) == ("plan.yaml", "targets.energy.value")
    assert f"is {ratio} times the base year's energy consumption (1716 ktce in 2024)" in p.message
    assert said in p.message
    assert p.valid.startswith("17.16 .. 1.716e+04 ktce")


def test_r113_an_energy_cap_near_the_base_year_is_taken(tiny):
    _energy_cap(tiny, 1800, "ktce")  # 1.05 times the base year: a plausible cap
    data = ModelData.from_dataset(load_dataset(tiny), "plan")
    assert any(t["type"] == "energy_cap" for t in data.targets)


# -- R67, R71, R72: reserves.csv margins and declared peaks -------------------------------------
def _reserves(folder, *rows):
    """tiny with a reserves.csv of ``rows`` and coal_power counted firm (capacity_credit 1)."""
    (folder / "reserves.csv").write_text(
        "commodity,parameter,year,value,unit,source\n" + "".join(r + ",x\n" for r in rows),
        encoding="utf-8")
    with (folder / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("coal_power,capacity_credit,,1,1,assumption: firm\n")


def test_r67_a_margin_typed_as_a_percentage_is_refused(tiny):
    _reserves(tiny, "electricity,margin,,12,1")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("reserves.csv", 2, "value", 12)
    # 12 as a share is 1200 % of the peak: firm capacity 13 times the peak
    assert "reads as 12 = 1200 % of the peak (firm capacity 13 times the peak)" in p.message
    assert "write 0.12 (or 12 %)" in p.valid


@pytest.mark.parametrize(("margin", "share"), [("0.12,1", 0.12), ("12,%", 0.12), ("1,1", 1.0)])
def test_r67_margins_as_shares_are_taken(tiny, margin, share):
    _reserves(tiny, f"electricity,margin,,{margin}")
    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        data = ModelData.from_dataset(load_dataset(tiny), "plan")
    # 12 %, 12 % and 100 %: shares of the peak, in every model year 2024 .. 2030
    assert data.reserves["electricity"]["margin"].tolist() == [pytest.approx(share)] * 7


# tiny's base-year average load: 6000 GWh of demand (no technology draws electricity in 2024:
# the battery is a store, not load) over 8760 h = 0.6849 GW
@pytest.mark.parametrize(("peak", "ratio"), [
    ("0.9,MW", "0.00131"),  # 0.0009 GW / 0.6849 GW
    ("900,GW", "1.31e+03"),  # 900 / 0.6849 = 1314
])
def test_r71_r72_a_declared_peak_off_the_base_year_load_is_refused(tiny, peak, ratio):
    _reserves(tiny, "electricity,margin,,0.12,1", f"electricity,peak,,{peak}")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("reserves.csv", 3, "value")
    assert f"is {ratio} times the base year's average load (0.6849 GW" in p.message
    assert p.valid.startswith("0.3425 .. 6.849 GW in 2024")  # 0.5 and 10 times 0.6849


def test_r71_a_declared_peak_near_the_load_is_taken(tiny):
    # 0.9 GW: 1.31 times the average load, a load factor of 76 %
    _reserves(tiny, "electricity,margin,,0.12,1", "electricity,peak,,0.9,GW")
    data = ModelData.from_dataset(load_dataset(tiny), "plan")
    assert data.reserves["electricity"]["peak"][0] == pytest.approx(0.9)


# -- R90: a dated row before the base year that no model year reads -------------------------------
def test_r90_a_demand_row_before_the_base_year_warns_naming_it(tiny):
    # tiny: 2024 (base year) 6000 and 2030 7200 GWh; a 2003 row beside the 2024 one is read by
    # no model year (np.interp from 2024 on); its digits give 2030 (already given) and 2300,
    # 3002, 3020, 3200 (outside 2024..2030): no year suggested
    with (tiny / "demands.csv").open("a", encoding="utf-8") as f:
        f.write("electricity,2003,6500,GWh/yr,load,x\n")
    with pytest.warns(UnusedYearWarning) as record:
        load_dataset(tiny)
    mine = [str(w.message) for w in record if issubclass(w.category, UnusedYearWarning)]
    assert mine == ["demands.csv, row 4: demand of electricity: the row of 2003 lies before "
                    "the base year 2024 and demands.csv, row 2 gives 2024, so no model year "
                    "uses it (the model interpolates from 2024 on)"]


# the 2035 row also makes 2030 interpolated towards it: warned of too (round 20's Y06)
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.series.HorizonInterpolationWarning")
def test_r90_the_year_meant_is_named_when_its_digits_give_a_missing_model_year(tiny):
    # tiny's 2030 demand row retyped 2003, with a 2035 row keeping the series whole: the
    # digits of 2003 give 2030 (a model year, 2024..2030, not given) and 2300, 3002, 3020,
    # 3200 (not model years)
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2003,7200,")
    with (tiny / "demands.csv").open("a", encoding="utf-8") as f:
        f.write("electricity,2035,8200,GWh/yr,load,x\n")
    with pytest.warns(UnusedYearWarning, match=r"demands\.csv, row 3: demand of electricity: "
                                               r"the row of 2003 .* 2030 typed as 2003\?$"):
        load_dataset(tiny)


def test_r90_a_series_starting_before_the_base_year_is_quiet(tiny):
    # 2020 and 2030: the 2020 row is the series' start, read by the base year's interpolation
    edit(tiny, "demands.csv", "electricity,2024,6000,", "electricity,2020,5200,")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# -- R84: a x100 slip (万千瓦时 for GWh) of one activity row is named on that row --------------
def test_r84_a_consumption_in_wan_kwh_for_gwh_is_named_on_its_row(tiny):
    # tiny's activity.csv: generation 5868.6 + 131.4 = 6000 GWh (rows 3, 4), industry
    # consumption row 5 6000 GWh -> 6000 万千瓦时 = 60 GWh (1 GWh = 100 万kWh). Only row 5
    # x100 closes the balance (60 x 100 = 6000); row 3 / 100 gives 58.7 + 131.4 = 190 GWh of
    # supply against 60 of use (0.32, outside 0.8 .. 1.1)
    edit(tiny, "activity.csv", "industry,electricity,6000,GWh,",
         "industry,electricity,6000,万千瓦时,")
    activity = cp.read_activity(tiny / "activity.csv", year=2024, region="CN-SD-Liaocheng")
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(activity, primary_electricity="coal_consumption",
                             coal_rate_basis="supply")
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("activity.csv", 5, "value")
    assert "the row most likely slipped is consumption in industry: 6000 万千瓦时" in p.message
    assert "100 times apart" in p.message


def test_r112_a_reserve_margin_dip_warns(tiny):
    # 0.12, 0.012, 0.15: the 2027 margin is 0.012 / 0.12 = 1/10 of the nearer neighbour
    _reserves(tiny, "electricity,margin,2024,0.12,1", "electricity,margin,2027,0.012,1",
              "electricity,margin,2030,0.15,1")
    with pytest.warns(SeriesSlipWarning, match=r"reserves\.csv, row 3: electricity margin: "
                                               r"0\.012 in 2027 is 1/10 of both"):
        load_dataset(tiny)
