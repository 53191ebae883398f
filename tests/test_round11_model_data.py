"""Round 11's model-side data cases refused before any solve, naming the data rows (rel24).

D40: a measure whose changes do not resolve, refused when the dataset loads; a load profile
with every cell blank; B160: crossed bounds; B74: a flow unit slip named by the slip that
closes the base-year balance.
"""

import pytest

from carbonpath import DataError, load_dataset
from carbonpath.model.data import ModelData
from tests.conftest import edit, only_problem


def _model_data(folder, scenario=None):
    return ModelData.from_dataset(load_dataset(folder), scenario)


def test_d40_a_measure_that_does_not_resolve_is_refused_when_the_dataset_loads(tiny):
    with (tiny / "dataset.yaml").open("a", encoding="utf-8") as f:  # only a 2030 row
        f.write("measures:\n  base: baseline\n  list:\n    - name: demand_cut\n"
                "      changes:\n        demands:\n          - {commodity: electricity, "
                "year: 2030, value: 6800, unit: GWh/yr, profile: load, source: x}\n"
                "      source: \"assumption: z\"\n")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)  # before: accepted here, refused at the MACC after every solve
    p = only_problem(err)
    assert p.key == "measures.demand_cut.changes.demands[0]"
    assert p.column == "year"
    assert "2030..2030" in p.message


def _blank_load(text):
    """``text`` with the value cell of every 'load' row of profiles.csv blanked."""
    out = []
    for line in text.splitlines(keepends=True):
        f = line.rstrip("\n").split(",")
        out.append(",".join([*f[:3], "", *f[4:]]) + "\n" if f[0] == "load" else line)
    return "".join(out)


@pytest.mark.parametrize("where", ["dataset", "scenario"])
def test_a_load_profile_with_every_cell_blank_is_refused_not_read_flat(tiny, where):
    text = (tiny / "profiles.csv").read_text(encoding="utf-8")
    if where == "dataset":  # file lines 6-9 hold the load profile
        path, rows = tiny / "profiles.csv", [6, 7, 8, 9]
        path.write_text(_blank_load(text), encoding="utf-8")
    else:  # the scenario's own file, lines 2-5
        (tiny / "scenarios" / "plan").mkdir(parents=True)
        path, rows = tiny / "scenarios" / "plan" / "profiles.csv", [2, 3, 4, 5]
        load = [line for line in text.splitlines(keepends=True) if line.startswith("load,")]
        path.write_text(text.splitlines(keepends=True)[0] + _blank_load("".join(load)),
                        encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    file = "profiles.csv" if where == "dataset" else "scenarios/plan/profiles.csv"
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [
        (file, r, "value") for r in rows]


def test_b160_a_min_activity_above_its_max_names_both_rows(tiny):
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:  # file line 24
        f.write("grid_import,min_activity,,1500,GWh/yr,assumption: test\n")
    with pytest.raises(DataError) as err:
        _model_data(tiny)  # before any solve
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "value")
    # tiny's max_activity of grid_import is 1000 GWh/yr on line 23
    assert "min_activity 1500 GWh/yr exceeds max_activity 1000 GWh/yr" in p.message
    assert "max_activity at parameters.csv row 23" in p.message


def test_b74_a_flow_unit_slip_is_named_not_the_demand(tiny):
    edit(tiny, "flows.csv", "pv,electricity,output,1,MWh/MWh", "pv,electricity,output,1,GWh/MWh")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    # pv's 131.4 GWh x 1000 = 131400 GWh: with coal's 5868.6, 137268.6 against the 6000
    # demand; divided by 1000 again it gives 5868.6 + 131.4 = 6000, the demand exactly
    assert (p.file, p.row, p.column) == ("flows.csv", 5, "unit")
    assert "pv activity 1.314e+05 off by x1000 would close it" in p.message
    assert "parameters.csv row 14 and flows.csv row 5 (1 GWh/MWh)" in p.message


def test_b132_optimise_prints_the_pathways_own_warnings(tiny):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    # tiny's observed 2024 burns 2347.44 kt of raw coal (about 1.9 t CO2 per t: over 4.0 Mt),
    # above a 4.0 Mt cap that applies from the first decision year, 2025: one warning line
    edit(tiny, "plan.yaml", "value: 4.8", "value: 4.0")
    out = CliRunner().invoke(app, ["optimise", str(tiny), "--scenario", "plan"])
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1
    assert "above the cap 'cap' (4.00 Mt), which applies from 2025" in lines[0]


def test_b149_an_availability_shape_as_the_load_names_the_demand_profile(tiny):
    from carbonpath import InfeasibleError, PathwayModel

    edit(tiny, "demands.csv", "GWh/yr,load,", "GWh/yr,pv,")  # both rows (file lines 2, 3)
    with pytest.raises(InfeasibleError) as err:
        PathwayModel(tiny).solve()
    text = str(err.value)
    assert "the load of electricity follows profile 'pv' (demands.csv row 2, demands.csv " \
           "row 3, column 'profile')" in text
    # profiles.csv pv: 0, 0.3, 0.3, 0 over the day's four equal blocks: a block of 0.3
    # holds 0.3 / 0.6 = 50 % of the year's demand
    assert "50.0% of the year's demand in typical block" in text
    # the IIS holds grid_import's base-year bound: its observed 0 on parameters.csv line 22
    assert "fixed to observed data: 'grid_import' 0 GWh/yr in 2024 (parameters.csv row 22)" \
        in text
