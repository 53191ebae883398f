"""Round 21 (tester L, model messages): L116 L42 L81 L26 L89 L90 L79.

Each test builds its slip on a copy of ``tiny`` (or a frame by hand) and checks the file,
row or key, column and the valid reading the message gives; the numbers are worked out
in the comments.
"""

from __future__ import annotations

import types

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import load_dataset
from carbonpath._io import read_table
from carbonpath._office_locks import LockFileWarning, locked_table
from carbonpath.dataset.measure_checks import ObservedChangeWarning
from carbonpath.dataset.scenarios import DISALLOWED_BY, measures, resolve_scenario, with_measures
from carbonpath.errors import DataError, InfeasibleError
from carbonpath.model.data import ModelData
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

#: The lock file Excel writes beside an open file: a length byte, the user's name padded
#: with spaces (165 bytes in all); carbonpath must not read it as a table.
LOCK_BYTES = b"\x05alice" + b" " * 48 + b"\x00" * 111


# --- L116: an office lock file (~$parameters.csv) in a dataset folder ------------------------

def test_l116_lock_file_names_its_table():
    tables = ["parameters.csv", "demands.csv"]
    assert locked_table("~$parameters.csv", tables) == "parameters.csv"
    assert locked_table("~$rameters.csv", tables) == "parameters.csv"  # Word-style, cut short
    assert locked_table("~$other.csv", tables) == ""  # a lock file of no table we know
    assert locked_table("parameters.csv", tables) is None
    assert locked_table("~parameters.csv", tables) is None  # not the lock prefix


def test_l116_lock_file_in_dataset_and_scenario_folders_is_skipped_with_a_warning(tiny):
    (tiny / "~$parameters.csv").write_bytes(LOCK_BYTES)
    (tiny / "scenarios" / "plan").mkdir(parents=True)
    (tiny / "scenarios" / "plan" / "~$demands.csv").write_bytes(LOCK_BYTES)
    with pytest.warns(LockFileWarning) as caught:
        ds = load_dataset(tiny)  # main refused it: "rename it to a table name"
    texts = [str(w.message) for w in caught if w.category is LockFileWarning]
    assert len(texts) == 2
    assert texts[0].startswith("~$parameters.csv: skipped, an office lock file")
    assert "'parameters.csv' is read as last saved" in texts[0]
    assert "Do not rename the lock file" in texts[0]
    assert texts[1].startswith("scenarios/plan/~$demands.csv: skipped")
    assert "'demands.csv' is open" in texts[1]
    assert not [k for k in ds.checksums if "~$" in k]  # what a run was made from


def test_l116_a_lock_file_given_as_a_table_is_refused(tmp_path):
    path = tmp_path / "~$activity.csv"
    path.write_bytes(LOCK_BYTES)
    with pytest.raises(DataError) as err:
        read_table(path)
    problem = only_problem(err)
    assert problem.file == "~$activity.csv"
    assert problem.message.startswith("an office lock file, not a table")
    assert "'activity.csv'" in problem.valid


# --- L42: a plant declared an import ---------------------------------------------------------

def test_l42_an_import_with_a_build_cost_and_no_price_names_the_kind_column(tiny):
    edit(tiny, "technologies.csv", "pv,Solar PV,solar_power,supply,",
         "pv,Solar PV,solar_power,import,")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "plan")
    problem = only_problem(err)
    # pv is the third technology: header line 1, coal_supply 2, coal_power 3, pv 4
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "technologies.csv", 4, "kind", "import")
    assert problem.valid.startswith("supply (or conversion) if it is built here")
    assert "pv,variable_cost,,<value>,CNY/MWh" in problem.valid


# --- L81: a plan bound on the capacity of an import ------------------------------------------

def test_l81_bound_on_the_capacity_of_an_import_names_quantity_activity(tiny):
    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: gib\n    type: bound\n    technology: grid_import\n"
                "    quantity: capacity\n    max: {value: 100, unit: MW}\n"
                "    years: [2030]\n    source: 'assumption: test'\n")
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, gib]")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(load_dataset(tiny), "plan")
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.value) == (
        "plan.yaml", "targets.gib.quantity", "capacity")
    # 100 MW x 8760 h/yr = 876,000 MWh/yr = 876 GWh/yr
    assert "quantity: activity with min/max in GWh/yr" in problem.valid
    assert "100 MW running all year carries at most 876 GWh/yr" in problem.valid
    assert "grid_import,max_activity,<year>,<value>,GWh/yr" in problem.valid


# --- L26: the links of an infeasible balance, with their direction --------------------------

def test_l26_link_hint_names_the_direction_columns():
    from carbonpath.model.cause_hints import link_hint

    links = pd.DataFrame({"link": ["coal", "tie"], "commodity": ["coal", "electricity"],
                          "from_region": ["captive", "captive"], "to_region": ["city", "city"],
                          "bidirectional": [False, True], "loss": [0.0, 0.01]}, index=[4, 5])
    data = types.SimpleNamespace(dataset=types.SimpleNamespace(tables={"links": links}))
    hint = link_hint(data, [("coal@city", 2023), ("electricity@city", "flat", 2023)])
    assert "check their direction: columns from_region and to_region" in hint
    assert "row 4 'coal' (coal captive -> city, one way, loss 0)" in hint
    assert "row 5 'tie' (electricity captive <-> city, both ways, loss 0.01)" in hint


# --- L89: a measure's min_capacity in the observed base year ---------------------------------

def _measure(tiny, changes):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  base: baseline\n  list:\n    - name: m1\n      changes:\n"
                f"        {changes}\n      source: 'assumption: test'\n")
    ds = load_dataset(tiny)
    base, items = measures(ds)
    return with_measures(ds, base, items, items)


def test_l89_measure_min_capacity_in_the_base_year_names_its_key_and_the_decision_years(tiny):
    ds = _measure(tiny, "parameters: [{technology: pv, parameter: min_capacity, year: 2024, "
                        "value: 1000, unit: MW, source: 'assumption: t'}]")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "_measures")
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.column, problem.value) == (
        "dataset.yaml", "measures.m1.changes.parameters[0]", "year", 2024)
    # stock 100 MW = 0.1 GW (parameters.csv residual_capacity), asked 1000 MW = 1 GW;
    # tiny's years 2024 .. 2030, 2024 observed, so the decision years are 2025 .. 2030
    assert "(1000 MW = 1 GW, dataset.yaml key measures.m1.changes.parameters[0])" in (
        problem.message)
    assert "residual stock (0.1 GW)" in problem.message
    assert problem.valid == "a year of 2025 .. 2030 (the decision years), or <= 0.1 GW in 2024"


def test_l89_blank_year_min_capacity_names_its_parameters_row(tiny):
    with open(tiny / "parameters.csv", "a", encoding="utf-8") as f:
        f.write("pv,min_capacity,,300,MW,assumption: committed programme\n")
    lines = (tiny / "parameters.csv").read_text(encoding="utf-8").splitlines()
    with pytest.raises(DataError) as err:
        cp.PathwayModel(load_dataset(tiny), "plan")
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", len(lines), "year")
    assert "a blank year sets every model year, the observed ones too" in problem.message
    assert problem.valid.startswith("a year of 2025 .. 2030")


# --- L90: an infeasible measure under macc --measures ----------------------------------------

def test_l90_measure_disallow_key_reaches_the_diagnosis(tiny):
    ds = _measure(tiny, "disallow: [coal_supply]")
    resolved = resolve_scenario(ds, "_measures")
    assert resolved.config[DISALLOWED_BY] == {"coal_supply": "measures.m1.changes.disallow"}


def test_l90_infeasible_measure_gives_the_diagnosis(tiny):
    from carbonpath.scenarios.measures import measure_contributions

    _measure(tiny, "disallow: [coal_supply]")
    with pytest.raises(InfeasibleError) as err:
        measure_contributions(load_dataset(tiny), hours=4)
    text = str(err.value)
    assert text.startswith("base 'baseline' with m1 is infeasible; without measure m1 it "
                           "solves, so the changes of m1 (dataset.yaml key measures.m1) make it "
                           "infeasible: ")
    assert "'coal_supply' is disallowed by dataset.yaml key measures.m1.changes.disallow" in text


# --- L79: a scenario changes the observed base year ------------------------------------------

def _override(tiny, scenario):
    folder = tiny / "scenarios" / scenario
    folder.mkdir(parents=True)
    (folder / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\n"
        "coal_power,activity,2024,5000,GWh/yr,assumption: revised statistics\n",
        encoding="utf-8")


def test_l79_a_scenario_changing_observed_activity_is_warned_of(tiny):
    _override(tiny, "plan")
    with pytest.warns(ObservedChangeWarning) as caught:
        load_dataset(tiny)
    texts = [str(w.message) for w in caught if w.category is ObservedChangeWarning]
    assert len(texts) == 1
    assert texts[0].startswith("scenarios/plan/parameters.csv, column value: scenario plan "
                               "changes observed data (the base year 2024 or before), so it "
                               "starts from other statistics than baseline")
    # tiny's parameters.csv line 9: coal_power,activity,2024,5868.6,GWh/yr
    assert ("row 2: activity of 'coal_power' in 2024 = 5000 GWh/yr (parameters.csv row 9: "
            "5868.6 GWh/yr)") in texts[0]


def test_l79_a_revision_every_scenario_shares_is_quiet(tiny):
    _override(tiny, "baseline")
    edit(tiny, "dataset.yaml", "targets: [peak, cap]",
         "extends: baseline\n    targets: [peak, cap]")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)
