"""Round-10 model-side cases (issue 11) outside the scenario roles (test_round10_roles.py).

B147: a PV technology whose ``availability_profile`` was left blank ran all 8,760 hours at
full output (emissions 0 from 2025, cost 2,733 instead of 7,683 MCNY) without a word.
"""

from __future__ import annotations

import pytest

from carbonpath.dataset import load_dataset
from carbonpath.errors import DataError
from tests.conftest import edit


def test_a_variable_renewable_without_a_profile_is_refused(tiny):
    # B147: technologies.csv line 4 is pv (line 1 the header, then coal_supply, coal_power)
    edit(tiny, "technologies.csv", "true,true,pv,,", "true,true,,,")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    found = [p for p in err.value.problems if p.column == "availability_profile"]
    assert len(found) == 1
    assert (found[0].file, found[0].row) == ("technologies.csv", 4)
    assert "solar_power" in found[0].message
    assert "every hour" in found[0].message
    assert "pv" in found[0].valid  # the dataset's own profile is offered


def test_a_wind_technology_without_a_profile_is_refused_too(tiny):
    edit(tiny, "technologies.csv", "pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,true,pv",
         "pv,Wind,wind_power,supply,timeslice,MW,MWh,true,true,")
    with pytest.raises(DataError, match=r"technologies\.csv.*availability_profile"):
        load_dataset(tiny)


def test_a_scenario_override_without_a_profile_is_refused(tiny):
    # the same through scenarios/plan/technologies.csv (its line 2)
    folder = tiny / "scenarios" / "plan"
    folder.mkdir(parents=True)
    header, *rows = (tiny / "technologies.csv").read_text(encoding="utf-8").splitlines()
    pv = next(r for r in rows if r.startswith("pv,")).replace("true,true,pv,,", "true,true,,,")
    (folder / "technologies.csv").write_text(f"{header}\n{pv}\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    found = [p for p in err.value.problems if p.column == "availability_profile"]
    assert len(found) == 1
    assert found[0].row == "scenarios/plan/technologies.csv:2"


# -- B61/B63/B66: results read back (report --accept-edited) are checked as data are --------

@pytest.fixture(scope="module")
def saved_run(tmp_path_factory):
    from carbonpath.run import compute, save_results

    folder = tmp_path_factory.mktemp("run") / "r"
    save_results(compute(load_dataset("tiny"), peak_years=[], sensitivity=0), folder)
    return folder


def _edited(saved_run, tmp_path, change):
    """A copy of the saved run with plan/emissions_total.csv's text changed by ``change``."""
    import shutil

    copy = tmp_path / "r"
    shutil.copytree(saved_run, copy)
    path = copy / "pathways" / "plan" / "emissions_total.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return copy, lines


def _row_of(lines, year):
    return next(i for i, line in enumerate(lines) if line.startswith(f"{year},"))


@pytest.mark.parametrize("blank", ["n/a", ""])
def test_a_blank_result_is_refused_not_read_as_zero(saved_run, tmp_path, blank):
    from carbonpath.errors import ResultsError
    from carbonpath.run import load_results

    def change(lines):
        i = _row_of(lines, 2030)  # header is line 1, so the file's line is i + 1
        cells = lines[i].split(",")
        cells[1] = blank
        lines[i] = ",".join(cells)
        return lines

    folder, lines = _edited(saved_run, tmp_path, change)
    assert lines[0].split(",")[:2] == ["year", "value"]
    with pytest.raises(ResultsError, match=rf"emissions_total\.csv, row {_row_of(lines, 2030) + 1}"
                                           r", column 'value': blank or n/a"):
        load_results(folder)


def test_a_result_converted_to_another_unit_is_refused(saved_run, tmp_path):
    from carbonpath.errors import ResultsError
    from carbonpath.run import load_results

    def change(lines):  # B63: values / 1000 and the unit column to Mt
        head = lines[0].split(",")
        v, u = head.index("value"), head.index("unit")
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(",")
            cells[v] = str(float(cells[v]) / 1000)
            cells[u] = "Mt CO2/yr"
            out.append(",".join(cells))
        return out

    folder, _ = _edited(saved_run, tmp_path, change)
    with pytest.raises(ResultsError, match=r"row 2, column 'unit': 'Mt CO2/yr' is not the unit "
                                           r"carbonpath wrote \(kt CO2/yr\)"):
        load_results(folder)


def test_a_duplicated_year_is_named(saved_run, tmp_path):
    from carbonpath.errors import ResultsError
    from carbonpath.run import load_results

    def change(lines):  # B66: the 2027 row twice
        i = _row_of(lines, 2027)
        return [*lines[:i + 1], lines[i], *lines[i + 1:]]

    folder, lines = _edited(saved_run, tmp_path, change)
    row = _row_of(lines, 2027) + 1
    with pytest.raises(ResultsError, match=rf"rows {row} and {row + 1}: the same year 2027 twice"):
        load_results(folder)


def test_a_resolved_scenario_passed_in_keeps_its_targets():
    # B178: PathwayModel(resolve_scenario(ds, "plan")) had solved the baseline (7663.49,
    # emissions rising to 5.28 Mt) though r holds only the plan; optimise(r) kept the plan
    from carbonpath import optimise
    from carbonpath.dataset.scenarios import resolve_scenario
    from carbonpath.model import PathwayModel

    ds = load_dataset("tiny")
    r = resolve_scenario(ds, "plan")
    model = PathwayModel(r)
    assert model.scenario == "plan"
    got = model.solve()
    named = PathwayModel(ds, scenario="plan").solve()
    assert got.objective == pytest.approx(named.objective, rel=1e-9)
    assert optimise(r).objective == pytest.approx(named.objective, rel=1e-9)
    # the plan's peak target (2026, datasets/tiny/plan.yaml) holds: no year after it is higher
    em = got.tables["emissions_total"].set_index("year")["value"]
    assert all(em[y] <= em[2026] * (1 + 1e-9) for y in range(2027, 2031))
    no_targets = PathwayModel(ds).solve()
    assert no_targets.objective < got.objective - 1.0  # the targets cost something


# -- B54, B95, B181: Monte Carlo inputs and outcomes that cannot inform ---------------------

HEADER = ("input,table,technology,parameter,commodity,driver,profile,day,hour,year,scale,"
          "distribution,low,mode,high,mean,sd,values,weights,unit,group,source\n")


def test_a_factor_on_a_whole_load_shape_is_refused(tiny):
    # B54: tiny's 'load' (demands.csv profile column) is normalised to sum to one over the
    # year, so load x 0.5 .. 1.5 on every row is undone in every sample
    from carbonpath.dataset.uncertainty import load_uncertainty

    (tiny / "uncertainty.csv").write_text(
        HEADER + "shape,profiles,,,,,load,,,,relative,uniform,0.5,,1.5,,,,,1,,assumption: t\n",
        encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_uncertainty(load_dataset(tiny))
    found = [p for p in err.value.problems if p.column == "profile"]
    assert len(found) == 1
    assert (found[0].file, found[0].row) == ("uncertainty.csv", 2)
    assert "change nothing" in found[0].message


def test_a_factor_on_some_hours_of_a_load_shape_is_a_change_of_shape(tiny):
    # one block of the four changes the shape: accepted
    from carbonpath.dataset.uncertainty import load_uncertainty

    (tiny / "uncertainty.csv").write_text(
        HEADER + "eve,profiles,,,,,load,,3,,relative,uniform,0.8,,1.2,,,,,1,,assumption: t\n",
        encoding="utf-8")
    unc = load_uncertainty(load_dataset(tiny))
    assert [i.name for i in unc.inputs] == ["eve"]


def test_workers_and_an_executor_together_are_refused():
    # B95: workers=2 was silently ignored beside an executor
    from carbonpath.errors import ArgumentValueError
    from carbonpath.sweeps import montecarlo
    from carbonpath.sweeps.executor import InlineExecutor

    with pytest.raises(ArgumentValueError, match="workers= or executor=, not both"):
        montecarlo("tiny", samples=2, executor=InlineExecutor(), workers=2)


def test_a_monte_carlo_run_without_a_usable_sample_exits_1(tiny, tmp_path):
    # B181: PV's max_capacity x 0.001 .. 0.03 puts every sample below its 100 MW residual
    from typer.testing import CliRunner

    from carbonpath.cli import app

    (tiny / "uncertainty.csv").write_text(
        HEADER + "pvmax,parameters,pv,max_capacity,,,,,,,relative,uniform,0.001,,0.03,,,,,1,,"
        "assumption: t\n", encoding="utf-8")
    found = CliRunner().invoke(app, ["montecarlo", str(tiny), "--samples", "2", "--workers",
                                     "1", "--scenario", "baseline", "--out",
                                     str(tmp_path / "mc")])
    assert found.exit_code == 1, found.output
    assert "no sample of 'baseline' gave a result" in found.output


def test_a_bool_is_not_taken_for_a_number_in_apply():
    # B22: True had been read as 1.0 (then refused as x0.0025 of the coal price)
    from carbonpath.errors import ArgumentTypeError
    from carbonpath.model import PathwayModel

    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(ArgumentTypeError, match=r"the value of \(.parameters., 2\) is a bool"):
        model.apply({("parameters", 2): True})


def test_system_macc_prices_are_solved_in_rising_order_and_once_each():
    # B112: prices=[50, 0, 20, 20] had been solved in the given order, 20 twice
    from carbonpath.errors import ArgumentValueError
    from carbonpath.scenarios.macc import _check_prices

    with pytest.raises(ArgumentValueError, match="holds 20 CNY/t more than once"):
        _check_prices([50, 0, 20, 20])
    assert _check_prices([50, 0, 20]) == [0.0, 20.0, 50.0]


def test_a_partial_profile_override_names_the_scenario_file(tiny):
    # B110: one pv row in scenarios/plan/profiles.csv; the error named the dataset's
    # (complete) profiles.csv only. tiny has 1 day x 4 blocks, so pv needs 4 rows.
    folder = tiny / "scenarios" / "plan"
    folder.mkdir(parents=True)
    (folder / "profiles.csv").write_text("profile,day,hour,value,unit,source\n"
                                         "pv,typical,1,0.35,1,assumption: t\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    found = [p for p in err.value.problems if "of the 4 (day, hour)" in p.message]
    assert len(found) == 1
    assert found[0].row == "scenarios/plan/profiles.csv:2"
    assert "replaces the whole profile" in found[0].message


def test_pathway_to_csv_onto_a_file_names_no_cli_option(tmp_path):
    # B86: a Python call has no --out
    from carbonpath.errors import OutputFolderError
    from carbonpath.model import PathwayModel

    afile = tmp_path / "afile.txt"
    afile.write_text("mine", encoding="utf-8")
    pathway = PathwayModel("tiny").solve()
    with pytest.raises(OutputFolderError) as err:
        pathway.to_csv(afile)
    assert str(err.value).startswith(f"the output folder {afile} exists and is a file")
    assert "--out" not in str(err.value)
    assert afile.read_text(encoding="utf-8") == "mine"


def test_a_commodity_burnt_as_another_fuel_is_named_in_the_base_year_warning(tiny):
    # B144: tiny's coal commodity (commodities.csv line 3) mapped to coke; the warning had
    # blamed activity.csv and parameters.csv only
    from carbonpath.errors import CarbonpathWarning
    from carbonpath.model import PathwayModel
    from carbonpath.run import dataset_inventory
    from carbonpath.run_checks import _base_year_mismatch

    edit(tiny, "commodities.csv", "fuel,raw_coal,", "fuel,coke,")
    ds = load_dataset(tiny)
    pathway = PathwayModel(ds, scenario="baseline").solve()
    with pytest.warns(CarbonpathWarning) as caught:
        found = _base_year_mismatch(ds, dataset_inventory(ds), {"baseline": pathway})
    assert len(found) == 1
    assert "commodities.csv column 'fuel'" in found[0]
    assert "row 3 ('coal' as coke)" in found[0]
    assert "burns electricity, raw_coal" in found[0]
    assert len(caught) == 1


def test_an_activity_above_capacity_names_the_availability_profile(tiny):
    # B35: pv's midday block typed 0.3 with unit % (0.003); the error named parameters.csv's
    # activity row only. 100 MW x 365 d x 6 h x (0 + 0.003 + 0.3 + 0) = 66.357 GWh, below
    # the 131.4 GWh observed (the same with 0.3 + 0.3).
    from carbonpath.model import PathwayModel

    edit(tiny, "profiles.csv", "pv,typical,1,0.3,1,", "pv,typical,1,0.3,%,")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    text = str(err.value)
    assert "parameters.csv" in text
    assert "can give (66.357 GWh/yr)" in text
    assert "availability_profile 'pv' of profiles.csv (unit %, 1)" in text
