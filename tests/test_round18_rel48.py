"""Round 18 (tester R), model side: technology and flow definitions (issue 11).

Each test edits a copy of ``tiny`` (or of the catalogue) as the tester did and checks that
the slip is refused or named where it lies: file, row, column and what would be valid.
tiny's rows used below (line numbers as an editor shows them, header = 1):
technologies.csv row 3 coal_power, row 4 pv; flows.csv row 3 coal_power's coal input;
commodities.csv row 3 coal; demands.csv rows 2 (2024) and 3 (2030); parameters.csv has 22
rows, so a line appended to it is row 24; pv's residual_capacity is 100 MW (0.1 GW).
"""

from __future__ import annotations

import shutil
import warnings

import pytest

from carbonpath import DataError, InfeasibleError, PathwayModel, load_dataset
from carbonpath._resources import data_path
from carbonpath.catalogue import load_catalogue
from carbonpath.dataset.checks import variable_renewable
from carbonpath.dataset.operations import UnusedBuildLimitWarning
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

PV = "pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,true,pv,,"
COAL = "coal_power,Coal power plant,thermal_power,conversion,timeslice,MW,MWh,true,false,,,"


def _refused(folder):
    """The one problem of loading ``folder``."""
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    return only_problem(err)


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


# --- R08, R36: profiles a technology's level leaves unused; variable renewables by name --------


def test_annual_technology_with_an_availability_profile_is_refused(tiny):
    """R08: PV set to annual ignored its profile and ran 8,760 h (7,208 GWh from 0.82 GW)."""
    edit(tiny, "technologies.csv", PV, PV.replace(",timeslice,", ",annual,"))
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 4, "level")
    assert "availability_profile 'pv' would be ignored" in problem.message
    assert problem.valid.startswith("timeslice")


def test_annual_variable_renewable_without_profile_making_electricity_is_refused(tiny):
    edit(tiny, "technologies.csv", PV, PV.replace(",timeslice,", ",annual,")
         .replace(",pv,,", ",,,"))
    problem = _refused(tiny)
    assert (problem.row, problem.column) == (4, "level")
    assert "variable renewable (sector solar_power) at the annual level" in problem.message


def test_timeslice_technology_with_a_load_profile_is_refused(tiny):
    """A load_profile shapes only an annual technology's flows (balances.py groups them)."""
    edit(tiny, "technologies.csv", "technology,name,sector,kind,level,capacity_unit,"
         "activity_unit,investable,nonfossil,availability_profile,storage_commodity,source",
         "technology,name,sector,kind,level,capacity_unit,activity_unit,investable,nonfossil,"
         "availability_profile,storage_commodity,source,load_profile")
    text = (tiny / "technologies.csv").read_text(encoding="utf-8").splitlines()
    text = [text[0]] + [line + (",load" if line.startswith("coal_power,") else ",")
                        for line in text[1:]]
    (tiny / "technologies.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    problem = _refused(tiny)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 3, "load_profile")
    assert "'coal_power' is a timeslice technology" in problem.message


def test_pv_outside_the_solar_sector_still_needs_its_profile(tiny):
    """R36: sector utilities and a blank profile ran PV at full output every hour."""
    edit(tiny, "technologies.csv", PV, PV.replace("solar_power", "utilities")
         .replace(",pv,,", ",,,"))
    problem = _refused(tiny)
    assert (problem.row, problem.column) == (4, "availability_profile")
    assert "variable renewable (technology 'pv' (reads as solar_power))" in problem.message
    assert problem.valid == "a profile of profiles.csv (load, pv)"


@pytest.mark.parametrize(("row", "expected"), [
    ({"technology": "pv_rooftop", "name": "", "sector": "utilities", "kind": "supply",
      "nonfossil": True},
     "technology 'pv_rooftop' (reads as solar_power)"),
    ({"technology": "gen3", "name": "Onshore wind farm", "sector": "utilities",
      "kind": "supply", "nonfossil": True}, "name 'Onshore wind farm' (reads as wind_power)"),
    ({"technology": "gen4", "name": "集中式光伏", "sector": "utilities", "kind": "supply",
      "nonfossil": True},
     "name '集中式光伏' (reads as solar_power)"),
    ({"technology": "wind_onshore", "name": "", "sector": "wind_power", "kind": "supply"},
     "sector wind_power"),
    ({"technology": "pv_battery", "name": "", "sector": "utilities", "kind": "storage",
      "nonfossil": True}, ""),
    ({"technology": "pv", "name": "", "sector": "thermal_power", "kind": "supply",
      "nonfossil": False}, ""),
    ({"technology": "nuclear", "name": "Nuclear plant", "sector": "nuclear_power",
      "kind": "supply", "nonfossil": True}, ""),
    ({"technology": "grid_import_green", "name": "Green electricity over the UHV lines",
      "sector": "utilities", "kind": "import", "nonfossil": False}, ""),
])
def test_variable_renewable_by_sector_code_or_name(row, expected):
    assert variable_renewable(row) == expected


# --- R32, R34: build parameters of a technology that may not be built ----------------------------


def _not_investable(tiny, line):
    edit(tiny, "technologies.csv", PV, PV.replace(",true,true,", ",false,true,"))
    edit(tiny, "parameters.csv", "pv,capex,,3000,", "pv,capex,,0,")  # D96: read by nothing
    _append(tiny, "parameters.csv", line)


def test_min_new_capacity_of_a_non_investable_technology_is_refused(tiny):
    """R32: the 100 MW/yr minimum was dropped; pv built nothing in 2027."""
    _not_investable(tiny, "pv,min_new_capacity,2027,100,MW/yr,assumption: x")
    problem = _refused(tiny)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 24, "parameter")
    assert "'pv' has a min_new_capacity but is not investable" in problem.message
    assert problem.valid.startswith("investable true in technologies.csv")


# D15: 2027 alone
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.year_slips.SingleYearBoundWarning")
def test_build_limit_of_a_non_investable_technology_warns(tiny):
    _not_investable(tiny, "pv,max_new_capacity,2027,100,MW/yr,assumption: x")
    with pytest.warns(UnusedBuildLimitWarning, match=r"parameters.csv, row 24: "
                      r"max_new_capacity of 'pv' limits new builds"):
        load_dataset(tiny)


def test_min_capacity_above_the_stock_of_a_non_investable_technology_names_row_and_fix(tiny):
    """R34: 500 MW asked of pv, whose whole capacity is its 100 MW stock."""
    _not_investable(tiny, "pv,min_capacity,2027,500,MW,assumption: x")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="baseline")
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 24, "value")
    assert ("min_capacity of pv in 2027 (0.5 GW, parameters.csv row 24) is above its residual "
            "stock (0.1 GW), and 'pv' is not investable") in problem.message
    assert problem.valid == ("<= 0.1 GW (the residual_capacity of those years), or investable "
                             "true in technologies.csv")


# --- R37-R42: fuels burned without emissions --------------------------------------------------


@pytest.mark.parametrize("activity", [True, False])
def test_non_energy_use_in_a_power_plant_is_refused(tiny, activity):
    """R42 (no activity.csv) and R37 (with it): coal_power's coal as non_energy emitted 0."""
    flows = (tiny / "flows.csv").read_text(encoding="utf-8").splitlines()
    flows = [flows[0].replace(",unit,", ",unit,use,")] + [
        line.replace("t/MWh,", "t/MWh,non_energy,", 1) if line.startswith("coal_power,coal,")
        else line.replace("/kt,", "/kt,,").replace("/MWh,", "/MWh,,") for line in flows[1:]]
    (tiny / "flows.csv").write_text("\n".join(flows) + "\n", encoding="utf-8")
    if not activity:
        (tiny / "activity.csv").unlink()
    problem = _refused(tiny)
    assert (problem.file, problem.row, problem.column) == ("flows.csv", 3, "use")
    assert "'coal_power' takes coal with use non_energy" in problem.message
    assert problem.valid == "use combustion"


@pytest.mark.parametrize(("kind", "activity", "reason"), [
    ("fuel", False, "a fuel with no fuel code has no emission factor"),  # R41
    ("fuel", True, "a fuel with no fuel code has no emission factor"),  # R38
    ("material", True, "'coal' reads as the fossil fuel raw_coal, but as kind material"),  # R40
])
def test_burned_commodity_without_a_fuel_code_is_refused(tiny, kind, activity, reason):
    edit(tiny, "commodities.csv", "coal,Raw coal,kt,annual,fuel,raw_coal,",
         f"coal,Raw coal,kt,annual,{kind},,")
    if not activity:
        (tiny / "activity.csv").unlink()
    problem = _refused(tiny)
    assert (problem.file, problem.row, problem.column) == ("commodities.csv", 3, "fuel")
    assert reason in problem.message
    assert "burning it ('coal_power', flows.csv use combustion) would emit nothing" \
        in problem.message
    assert problem.valid.startswith("a fuel code of carbonpath/data/fuels.csv (raw_coal")


def test_commodity_without_fuel_code_is_accepted_with_its_factors_given(tiny):
    """Factors of the burning technology in emissions.csv: the fuel code is not needed."""
    edit(tiny, "commodities.csv", "coal,Raw coal,kt,annual,fuel,raw_coal,",
         "coal,Raw coal,kt,annual,fuel,,")
    (tiny / "activity.csv").unlink()
    (tiny / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        "coal_power,CO2,input,coal,,1.9,t CO2/t,assumption: test\n", encoding="utf-8")
    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        load_dataset(tiny)


# --- R44, R48: the catalogue's values within the dataset's absolute ranges -------------------


def _catalogue_copy(tmp_path, old, new):
    folder = tmp_path / "cat"
    shutil.copytree(data_path("catalogue"), folder)
    edit(folder, "parameters.csv", old, new)
    lines = (folder / "parameters.csv").read_text(encoding="utf-8").splitlines()
    return folder, 1 + next(i for i, line in enumerate(lines) if line.startswith(new))


@pytest.mark.parametrize(("old", "new", "text"), [
    # R44: 2,800 CNY/W is 2.8e6 CNY/kW, above the 1e6 CNY/kW bound
    ("pv_utility,capex,,2030,2800,2240.0,3360.0,CNY/kW,", "pv_utility,capex,,2030,2800,2240.0,"
     "3360.0,CNY/W,", "implausible capex of pv_utility: 2800 CNY/W is 2.8e+06 CNY/kW"),
    # R48: a 250-year lifetime, above the 150-year bound
    ("pv_utility,lifetime,,,25,20,30,yr,", "pv_utility,lifetime,,,250,200,300,yr,",
     "implausible lifetime of pv_utility: 250 yr"),
])
def test_catalogue_values_outside_the_absolute_ranges_are_refused(tmp_path, old, new, text):
    folder, line = _catalogue_copy(tmp_path, old, new)
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    problems = err.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("cat/parameters.csv", line, column) for column in ("value", "low", "high")]
    assert text in problems[0].message
    assert "the catalogue takes no override" in problems[0].valid


# --- R98, R115, R13 ------------------------------------------------------------------------------


def test_demand_with_two_profiles_names_its_rows(tiny):
    """R98: 2024 row 'load', 2030 row 'pv'."""
    edit(tiny, "demands.csv", "electricity,2030,7200,GWh/yr,load,",
         "electricity,2030,7200,GWh/yr,pv,")
    problem = _refused(tiny)
    assert (problem.file, problem.row, problem.column) == ("demands.csv", 3, "profile")
    assert "names 2 profiles (row 2 'load', row 3 'pv')" in problem.message
    assert problem.valid == ("the same profile in every row of the demand (e.g. 'load', as "
                             "in row 2)")


def test_plan_bound_on_capacity_below_the_stock_is_refused_before_the_solve(tiny):
    """R115: at most 3000 kW (0.003 GW) of pv in 2030, whose stock is 100 MW (0.1 GW)."""
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, pvb]")
    _append(tiny, "plan.yaml", "  - {name: pvb, type: bound, technology: pv, quantity: "
            "capacity, max: {value: 3000, unit: kW}, years: [2030], source: 'assumption: x'}")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("plan.yaml", "targets.pvb.max")
    assert ("target 'pvb' (bound): capacity of pv in 2030 at most (3000 kW = 0.003 GW) is "
            "below its residual stock (0.1 GW)") in problem.message
    assert problem.valid.startswith(">= 0.1 GW")


def test_infeasibility_of_an_annual_power_plant_names_its_level(tiny):
    """R13: coal_power annual gives flat output under a shaped load; the diagnosis blamed
    only the load profile."""
    edit(tiny, "technologies.csv", COAL, COAL.replace(",timeslice,", ",annual,"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(InfeasibleError) as err:
            PathwayModel(load_dataset(tiny), scenario="baseline").solve()
    assert ("'coal_power' is annual (technologies.csv row 3, column 'level'): its output of "
            "electricity enters every timeslice flat (no load_profile)") in str(err.value)
