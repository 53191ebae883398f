"""Round-16 model-side cases (issue 11): blank flags, target changes, records, stock bounds.

N38: a blank cell of a true/false column (technologies.csv pv ``nonfossil``) was read as the
column's default (false), so PV's generation left the non-fossil energy without a word. A
blank flag cell is now refused; a column left out still takes its documented default.

N51: a scenario's ``target_values`` change of a target that neither it nor a scenario
extending it applies did nothing without a word (the same change in a measure was already a
DataError). It is now refused naming the scenario, the key and the targets it applies.

N63: after ``update(target="cap", ...)`` pathway.json listed the new cap with plan.yaml's
source text under a note saying the listed targets were the values *before* the changes. One
rule now: the targets listed are the values solved, and a changed one names the scenario's
value in its source.

N84: ``update(pv max_capacity = 0 MW)`` below pv's residual stock (100 MW) was taken, and the
solve blamed the data at large. Installed capacity includes the stock, so such a bound can
never hold: it is refused at update, at apply and when the model is built from the files or a
scenario's override rows.

Hand values (datasets/tiny): pv has ``residual_capacity`` 100 MW in every year and a
``max_capacity`` row (line 15 of parameters.csv) of 3000 MW; plan.yaml's cap is 4.8 Mt CO2 and
the baseline's 2030 emissions (5.28 Mt) are above 4.6 Mt, so a 4.6 Mt cap binds in 2030.
"""

from __future__ import annotations

import json

import pytest

from carbonpath import Q_
from carbonpath.dataset import load_dataset
from carbonpath.dataset.tables import read_table
from carbonpath.errors import CarbonpathWarning, DataError
from carbonpath.model import PathwayModel
from carbonpath.model.update_checks import SAMPLED
from tests.conftest import edit, only_problem

# --- N38: blank true/false cells -------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "column"), [
    ("pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,true,pv",
     "pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,,pv", "nonfossil"),
    ("pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,true,pv",
     "pv,Solar PV,solar_power,supply,timeslice,MW,MWh,,true,pv", "investable"),
])
def test_blank_flag_cell_is_refused(tiny, old, new, column):
    edit(tiny, "technologies.csv", old, new)
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 4, column)
    assert "blank" in problem.message
    assert problem.valid.startswith("true or false")


def test_blank_flag_cell_of_links_is_refused(tmp_path):
    (tmp_path / "links.csv").write_text(
        "link,commodity,from_region,to_region,bidirectional,capacity_unit,activity_unit,"
        "counted,source\n"
        "wire,electricity,a,b,,MW,MWh,false,assumption: x\n"
        "wire2,electricity,a,b,true,MW,MWh,,assumption: x\n", encoding="utf-8")
    problems: list = []
    read_table(tmp_path, "links", {"regions": ["a", "b"]}, problems)
    assert [(p.row, p.column) for p in problems] == [(2, "bidirectional"), (3, "counted")]


def test_flag_column_left_out_takes_its_default(tiny):
    """The documented default still applies to a column that is not in the file at all."""
    path = tiny / "technologies.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    at = rows[0].index("investable")
    path.write_text("\n".join(",".join(r[:at] + r[at + 1:]) for r in rows) + "\n",
                    encoding="utf-8")
    techs = load_dataset(tiny).tables["technologies"].set_index("technology")
    assert techs["investable"].tolist() == [True] * 5  # the default of columns.csv: true


# --- N51: a scenario's change of a target nothing applies -------------------------------------


def test_scenario_change_of_a_target_it_does_not_apply_is_refused(tiny):
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n  s1:\n    extends: baseline\n"
         "    target_values:\n      cap: {value: 4.6}\n")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert problem.key == "scenarios.s1.target_values.cap"
    assert "can never act" in problem.message
    assert "add 'cap' to scenarios.s1.targets" in problem.valid
    assert "'s1' applies no target" in problem.valid


def test_change_that_acts_in_an_extending_scenario_is_kept(tiny):
    """A parent may set a value that only a scenario extending it applies."""
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n  values:\n    extends: baseline\n"
         "    target_values:\n      cap: {value: 4.6}\n"
         "  strict:\n    extends: values\n    targets: [cap]\n")
    pathway = PathwayModel(load_dataset(tiny), scenario="strict").solve()
    assert pathway.emissions_in(2030) == pytest.approx(4600.0, rel=1e-6)  # the cap binds


# --- N63: pathway.json lists the targets as solved --------------------------------------------


def test_pathway_json_lists_an_updated_cap_as_solved(tmp_path):
    model = PathwayModel("tiny", scenario="plan")
    model.update(target="cap", value=Q_(4.6, "Mt CO2"))
    pathway = model.solve()
    pathway.to_csv(tmp_path / "o")
    record = json.loads((tmp_path / "o" / "pathway.json").read_text(encoding="utf-8"))
    listed = {t["name"]: t for t in record["targets"]}
    cap, peak = listed["cap"], listed["peak"]
    assert (cap["value"], cap["unit"]) == (4600.0, "kt CO2")
    assert pathway.emissions_in(2030) == pytest.approx(cap["value"], rel=1e-6)  # as solved
    assert cap["source"].startswith("set by update() (the scenario's value: 4.8 Mt CO2;")
    assert "assumption: a toy peak-level control" in cap["source"]
    assert peak["source"] == "assumption: a toy target, emissions may not rise after 2026"
    assert "the targets listed above are the values solved" in record["note"]
    assert record["changes"] == [{"call": "update", "target": "cap", "value": "4.6 Mt·CO2"}]


def test_pathway_json_without_changes_keeps_the_sources():
    targets = PathwayModel("tiny", scenario="plan").solve().description()["targets"]
    cap = next(t for t in targets if t["name"] == "cap")
    assert (cap["value"], cap["unit"], cap["source"]) == (
        4.8, "Mt CO2", "assumption: a toy peak-level control")


# --- N84: a potential below the residual stock ------------------------------------------------


def test_update_max_capacity_below_stock_is_refused_and_changes_nothing():
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(DataError) as err:
        model.update(technology="pv", parameter="max_capacity", value=Q_(0, "MW"))
    problem = only_problem(err)
    assert "max_capacity of pv in 2025-2030 (0 GW) is below its residual stock (0.1 GW)" \
        in problem.message
    assert problem.valid.startswith(">= 0.1 GW")
    assert model.changes == []
    fresh = PathwayModel("tiny", scenario="plan").solve()
    assert model.solve().objective == pytest.approx(fresh.objective, rel=1e-9)


def test_update_max_capacity_at_the_stock_is_taken():
    model = PathwayModel("tiny", scenario="baseline")  # (the plan's cap needs new PV)
    with pytest.warns(CarbonpathWarning, match="0.0333 x the dataset's 3 GW"):
        model.update(technology="pv", parameter="max_capacity", value=Q_(100, "MW"),
                     plausibility="override: pv held at its stock")
    assert len(model.changes) == 1  # the bound equal to the stock is taken (the refusal is >)
    pv = model.solve().tables["capacity"].query("technology == 'pv' and year == 2030")
    assert float(pv["total"].iloc[0]) == pytest.approx(0.1, rel=1e-6)  # GW: the stock only


def test_apply_max_capacity_below_stock_is_refused_and_changes_nothing(tiny):
    """A potential given for 2025 and 2030 (no 2024 row, whose constant capacity the build
    has always checked): apply's 50 MW for 2030 lies below the 100 MW standing then."""
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW,",
         "pv,max_capacity,2025,3000,MW,assumption: x\npv,max_capacity,2030,3000,MW,")
    dataset = load_dataset(tiny)
    params = dataset.tables["parameters"]  # indexed by file line, as apply's keys are
    line = params.index[(params["technology"] == "pv") & (params["parameter"] == "max_capacity")
                        & (params["year"] == 2030)][0]
    model = PathwayModel(dataset, scenario="plan")
    central = model.solve().objective
    with pytest.raises(DataError, match=r"max_capacity of pv in 2030 \(0\.05 GW\) is "
                                         r"below its residual stock \(0\.1 GW\)"):
        model.apply({("parameters", int(line)): 50.0}, plausibility=SAMPLED)
    assert model.solve().objective == pytest.approx(central, rel=1e-12)


# D15: file: 2030 alone
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.year_slips.SingleYearBoundWarning")
@pytest.mark.parametrize("where", ["file", "scenario"])
def test_built_max_capacity_below_stock_is_refused(tiny, where):
    if where == "file":
        edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW",
             "pv,max_capacity,,3000,MW\npv,max_capacity,2030,50,MW")
        edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW\n", "")
    else:
        edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
             "    targets: [peak, cap]\n    parameters:\n"
             # an override replaces the whole series, so it holds in every model year (P04)
             "      - {technology: pv, parameter: max_capacity, year: 2024, value: 3000, "
             "unit: MW, source: 'assumption: x'}\n"
             "      - {technology: pv, parameter: max_capacity, year: 2029, value: 3000, "
             "unit: MW, source: 'assumption: x'}\n"
             "      - {technology: pv, parameter: max_capacity, year: 2030, value: 50, "
             "unit: MW, source: 'assumption: x'}\n")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    problem = only_problem(err)
    assert "max_capacity of pv in 2030 (0.05 GW) is below its residual stock (0.1 GW)" \
        in problem.message
