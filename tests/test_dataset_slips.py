"""Dataset-side reliability (issue 11): unit slips found against the dataset's own numbers,
override files no scenario reads, declarations taken on trust, and messages that name the
input. Each case is a copy of datasets/tiny with one edit, as a user would make it."""

import shutil
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError
from carbonpath._io import structure_problems
from carbonpath.dataset.slips import check_slips
from carbonpath.errors import CarbonpathWarning, InfeasibleError
from tests.conftest import TINY, edit, only_problem


def add_column(folder, name, column, values):
    """Append a column; ``values`` maps a 1-based file line to its cell."""
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{line},{column if i == 0 else values.get(i + 1, '')}"
             for i, line in enumerate(lines)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- 1. unit slips against the dataset's own numbers -----------------------------------------

def test_a_demand_slip_between_declared_years_names_the_row(tiny):
    # M05: 72 GWh in 2030 after 6000 GWh in 2024 is a 1/83 step (6000 / 72 = 83.3)
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,72,")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("demands.csv", 3, "value", 72.0)
    assert "6000 GWh/yr of 2024" in p.message
    assert "override:" in p.valid


def test_a_gdp_in_wan_yuan_for_yi_yuan_is_refused(tiny):
    # M01: 1300 万元 = 0.13 亿元 after 1000 亿元: a step of 1.3e-4
    edit(tiny, "drivers.csv", "gdp,2030,1300,亿元", "gdp,2030,1300,万元")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("drivers.csv", 3, "value")
    assert "0.00013 times" in p.message


def test_an_explicit_override_accepts_the_row_with_a_warning(tiny):
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,72,")
    add_column(tiny, "demands.csv", "plausibility", {3: "override: the plant closes"})
    with pytest.warns(CarbonpathWarning, match="explicit plausibility override"):
        ds = cp.load_dataset(tiny)
    assert ds.tables["demands"].loc[3, "value"] == 72.0


@given(st.floats(min_value=1e-4, max_value=1e4))
def test_steps_beyond_x10_are_refused_and_within_are_not(factor):
    # invariant on the 2024 -> 2030 demand step: refused exactly when outside (1/10, 10): the
    # ends x10 and /10 themselves are slips (round 20, Y47); a ratio within 1e-9 of an end
    # counts as on it
    ds = _loaded()
    tables = dict(ds.tables)
    demands = tables["demands"].copy()
    demands.loc[3, "value"] = 6000.0 * factor  # 2024 is 6000 GWh/yr
    tables["demands"] = demands
    found = [p for p in check_slips(tables, ds.config) if p.file == "demands.csv"]
    ratio = demands.loc[3, "value"] / 6000.0
    assert bool(found) == (ratio >= 10 / (1 + 1e-9) or ratio <= (1 + 1e-9) / 10)


_CACHE = {}


def _loaded():
    if "tiny" not in _CACHE:
        _CACHE["tiny"] = cp.load_dataset("tiny")
    return _CACHE["tiny"]


def test_a_fixed_activity_in_t_for_kt_breaks_the_base_year_balance(tiny):
    # M18: coal_supply 2347.44 t/yr supplies 2.347 kt but coal_power burns
    # 5868.6 GWh x 0.4 t/MWh = 2347.44 kt: 1000 times apart
    edit(tiny, "parameters.csv", "coal_supply,activity,2024,2347.44,kt/yr",
         "coal_supply,activity,2024,2347.44,t/yr")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 3, "value")
    assert "coal produced 2.347 kt" in p.message
    assert "used 2347 kt" in p.message


def test_a_scenario_override_slip_names_its_key(tiny):
    # S08: the override gives 2347440 kt where 2347.44 kt is burnt
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]",
         "    targets: [peak, cap]\n    parameters:\n      - {technology: coal_supply, "
         "parameter: activity, year: 2024, value: 2347440, unit: kt/yr, source: 'x: y'}")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key, p.column) == ("dataset.yaml", "scenarios.plan.parameters[0]",
                                         "value")


def test_a_demand_override_in_mwh_names_its_file_and_row(tiny):
    # V10: 6000 MWh = 6 GWh of demand against 6000 GWh generated in 2024
    (tiny / "scenarios" / "plan").mkdir(parents=True)
    (tiny / "scenarios" / "plan" / "demands.csv").write_text(
        "commodity,year,value,unit,profile,source\nelectricity,2024,6000,MWh/yr,load,x: y\n"
        "electricity,2030,7200,MWh/yr,load,x: y\n", encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row) == ("scenarios/plan/demands.csv", 2)


def test_a_coal_rate_in_kg_for_t_is_refused_with_bounds_in_its_unit(tiny):
    # M02: 400 t/MWh; bounds at raw_coal's own NCV (Y02: 20.908 GJ/t, bundled):
    # 3.6 GJ/MWh / 20.908 GJ/t = 0.1722 t/MWh (100 %) .. 0.1722 / 0.05 = 3.444 t/MWh (5 %)
    edit(tiny, "flows.csv", "coal_power,coal,input,0.4,t/MWh", "coal_power,coal,input,400,t/MWh")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)  # the balance of coal, broken by the same slip, is not repeated
    assert (p.file, p.row, p.column) == ("flows.csv", 3, "value")
    assert p.valid.startswith("0.172 .. 3.44 t/MWh")


def test_target_levels_far_from_the_base_year_are_refused(tiny):
    # T27: a cap of 4.8 Gt for a city emitting a few Mt (2347.44 kt of coal in 2024)
    edit(tiny, "plan.yaml", "unit: Mt CO2", "unit: Gt CO2")
    with pytest.raises(ImplausibleValueError) as err:
        cp.PathwayModel(cp.load_dataset(tiny), scenario="plan")
    p = only_problem(err)
    assert (p.file, p.key) == ("plan.yaml", "targets.cap.value")


def test_an_overridden_emission_limit_is_diagnosed_in_mt(tiny):
    # T12: a limit of 4.5 kt (meant: Mt) is refused; overridden, the infeasibility names
    # 0.0045 Mt asked (not the former garbled 'met asked, short by ... reachable')
    text = (tiny / "plan.yaml").read_text(encoding="utf-8")
    (tiny / "plan.yaml").write_text(text + "  - name: lim\n    type: emission_limits\n"
                                    "    values: {2030: 4.5}\n    unit: kt CO2\n"
                                    "    source: 'assumption: x'\n", encoding="utf-8")
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [lim]")
    with pytest.raises(ImplausibleValueError) as err:
        cp.PathwayModel(cp.load_dataset(tiny), scenario="plan")
    assert only_problem(err).key == "targets.lim.values.2030"
    edit(tiny, "plan.yaml", "unit: kt CO2\n", "unit: kt CO2\n    plausibility: 'override: x'\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        model = cp.PathwayModel(cp.load_dataset(tiny), scenario="plan")
    with pytest.raises(InfeasibleError) as err:
        model.solve()
    assert "'lim' (emission limits): 0.0045 Mt asked" in str(err.value)
    assert "met asked" not in str(err.value)


def test_an_absolute_uncertainty_row_in_kwh_is_refused(tiny):
    # U06: 7200 kWh/yr replaces the 7200 GWh/yr of demands.csv row 3 (1e-6 of it)
    edit(tiny, "uncertainty.csv", "7200,400,,,GWh/yr", "7200,400,,,kWh/yr")
    from carbonpath.dataset.uncertainty import load_uncertainty

    with pytest.raises(ImplausibleValueError) as err:
        load_uncertainty(cp.load_dataset(tiny))
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("uncertainty.csv", 5, "unit")


# -- 2. target values outside their domain -----------------------------------------------

def test_a_negative_coal_cap_is_refused_at_load(tiny):
    text = (tiny / "plan.yaml").read_text(encoding="utf-8")
    (tiny / "plan.yaml").write_text(text + "  - name: t9\n    type: coal_cap\n    value: -1\n"
                                    "    unit: Mtce\n    source: 'assumption: x'\n",
                                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key, p.value) == ("plan.yaml", "targets.t9.value", -1)


# -- 3. override files no scenario reads ----------------------------------------------------

@pytest.mark.parametrize(("path", "expect"), [
    ("scenarios/plan/emisions.csv", "not an override table"),     # V04
    ("scenarios/plann/parameters.csv", "names no scenario"),      # V05
    ("scenarios/parameters.csv", "directly in scenarios/"),       # V18
    ("scenarios/plan/parameters.xlsx", "a workbook"),              # V19
])
def test_override_files_no_scenario_reads_are_errors(tiny, path, expect):
    target = tiny / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("technology,parameter,year,day,value,unit,source\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert expect in p.message
    assert p.file == path.rsplit("/", 1)[0] if "plann" in path else p.file == path


# -- 4. declarations -------------------------------------------------------------------------

def test_a_nonfossil_coal_plant_is_refused(tiny):
    edit(tiny, "technologies.csv", "MW,MWh,true,false,,,assumption: toy\npv",
         "MW,MWh,true,true,,,assumption: toy\npv")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("technologies.csv", 3, "nonfossil")
    assert "coal" in p.message


# -- 5. messages ------------------------------------------------------------------------------

def test_a_short_row_is_reported_once_as_that(tiny):
    # R12: a region column added to the header, one row left a field short
    path = tiny / "technologies.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0].replace("technology,", "technology,region,", 1)] + [
        line.replace(",", ",,", 1) for line in lines[1:5]] + lines[5:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row) == ("technologies.csv", 6)
    assert "12 fields but the header has 13" in p.message


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=-3, max_value=3)
       .filter(lambda n: n != 0))
def test_every_ragged_row_is_named_once(row, extra):
    # invariant of the one CSV structure check every reader uses
    header = "a,b,c,d"
    rows = ["1,2,3,4"] * 4
    cells = rows[row - 1].split(",")
    cells = cells[:extra] if extra < 0 else cells + ["x"] * extra
    rows[row - 1] = ",".join(cells)
    found = structure_problems("\n".join([header, *rows]) + "\n", "t.csv")
    assert [(p.file, p.row) for p in found] == [("t.csv", row + 1)]


def test_blank_extra_fields_from_a_spreadsheet_are_allowed():
    assert structure_problems("a,b\n1,2,,\n", "t.csv") == []


def test_an_unknown_reserves_parameter_names_file_row_column(tiny):
    (tiny / "reserves.csv").write_text("commodity,parameter,year,value,unit,source\n"
                                       "electricity,marign,,0.12,1,assumption: x\n",
                                       encoding="utf-8")
    with pytest.raises(DataError) as err:  # Q02: was a bare KeyError 'marign'
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("reserves.csv", 2, "parameter")
    assert "margin" in p.valid


def test_links_without_regions_ask_for_a_regions_list(tiny):
    (tiny / "links.csv").write_text(
        "link,commodity,from_region,to_region,capacity_unit,activity_unit,source\n"
        "tie,electricity,city,captive,MW,MWh,assumption: x\n", encoding="utf-8")
    with pytest.raises(DataError) as err:  # R01
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key) == ("dataset.yaml", "regions")
    assert "[city, captive]" in p.valid


def test_timeslice_hours_not_matching_the_profiles_names_the_yaml_key(tiny):
    edit(tiny, "dataset.yaml", "  hours: 4 ", "  hours: 3 ")  # M10
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key, p.value) == ("dataset.yaml", "timeslices.hours", 3)


def test_blank_uncertainty_keys_are_not_reported(tiny):
    # U04: only the real problem (values separated by ';'), no 'not a key' for blank cells
    edit(tiny, "uncertainty.csv", "0.45 0.50 0.55,0.25 0.5 0.25", "0.45;0.50;0.55,")
    from carbonpath.dataset.uncertainty import load_uncertainty

    with pytest.raises(DataError) as err:
        load_uncertainty(cp.load_dataset(tiny))
    p = only_problem(err)
    assert (p.row, p.column) == (6, "values")


def test_activity_consumption_in_mwh_for_gwh_is_told_against_the_model(tiny):
    # M15: activity.csv counts 6000 MWh = 6 GWh consumed; the model's base year uses the
    # 6000 GWh demand. Emissions agree (consumption carries none), so they cannot tell.
    from carbonpath.dataset.activity_match import activity_mismatch

    edit(tiny, "activity.csv", "industry,electricity,6000,GWh", "industry,electricity,6000,MWh")
    ds = cp.load_dataset(tiny)
    rows = cp.read_activity(ds.file("activity.csv"), region=ds.region, year=ds.base_year).data
    found = activity_mismatch(ds.tables, ds.base_year, rows)
    assert len(found) == 1
    assert "6 GWh of electricity consumed" in found[0]
    assert "uses 6000 GWh" in found[0]
    shutil.copy(TINY / "activity.csv", tiny / "activity.csv")
    rows = cp.read_activity(ds.file("activity.csv"), region=ds.region, year=ds.base_year).data
    assert activity_mismatch(ds.tables, ds.base_year, rows) == []


def test_optimise_tells_the_activity_slip_too(tiny):
    # M15 through `carbonpath optimise`: since round 5 the activity's own electricity
    # balance refuses it before solving (6 GWh consumed against 6000 GWh generated), naming
    # the consumption row whose x1000 restores the balance
    from typer.testing import CliRunner

    from carbonpath.cli import app

    edit(tiny, "activity.csv", "industry,electricity,6000,GWh", "industry,electricity,6000,MWh")
    result = CliRunner().invoke(app, ["optimise", str(tiny), "--scenario", "baseline"])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "activity.csv, row 5, column 'value'" in text
    assert "consumption in industry: 6000 MWh" in text
