"""Round-7 cases (tester7): silent results and tracebacks, fixed by kind (IDs in the names)."""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.errors import DataError


def _line(frame, **keys):
    mask = True
    for k, v in keys.items():
        mask = mask & (frame[k] == v)
    (line,) = frame.index[mask]
    return line


def test_mr12_a_links_parameter_given_to_apply_is_a_typed_error_not_an_index_error(tmp_path):
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    model = cp.PathwayModel(folder, scenario="plan")
    params = model.dataset.tables["parameters"]
    line = _line(params, technology="ab", parameter="variable_cost")  # a link's tariff
    with pytest.raises(DataError) as info:
        model.apply({("parameters", line): 20.0})
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", line, "technology")
    assert "'ab' is a link" in problem.message
    assert "update(technology='ab'" in problem.valid
    model.restore()
    model.update(technology="ab", parameter="variable_cost",  # the way that works
                 value=cp.Q_(20, "CNY/MWh"))


def test_mr12_a_links_parameter_in_uncertainty_csv_is_refused_when_read(tmp_path):
    from carbonpath.dataset.uncertainty import load_uncertainty
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    (folder / "uncertainty.csv").write_text(
        "input,table,technology,parameter,scale,distribution,low,high,unit,source\n"
        "tariff,parameters,ab,variable_cost,relative,uniform,0.5,1.5,1,assumption: x\n",
        encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_uncertainty(cp.load_dataset(folder))
    (problem,) = info.value.problems
    assert (problem.file, problem.row) == ("uncertainty.csv", 2)
    assert "'ab' is a link" in problem.message


@pytest.mark.parametrize("prices", [[float("nan")], [float("inf")], [-10.0, 100.0], ["5"]])
def test_s04_s05_s06_carbon_prices_must_be_finite_and_not_negative(prices):
    from carbonpath.errors import ArgumentValueError
    from carbonpath.scenarios import system_macc

    with pytest.raises(ArgumentValueError, match="finite carbon prices >= 0") as info:
        system_macc("tiny", prices=prices)
    assert repr(prices[0]) in str(info.value)


def _measures(folder, text):
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  base: baseline\n  list:\n" + text)


@pytest.mark.parametrize(("measure", "key", "said"), [
    ("    - {name: a, source: 'assumption: t', changes: {targets: [peek]}}\n",
     "measures.a.changes.targets", "adds unknown target 'peek'"),  # M06: was a bare KeyError
    ("    - {name: a, source: 'assumption: t', changes: {target_values: {cap: {value: 4.0}}}}\n",
     "measures.a.changes.target_values.cap", "can never act"),  # M07: was 0 Mt, exit 0
    ("    - {name: '', source: 'assumption: t', technologies: [battery]}\n",
     "measures.list[0].name", "a measure needs a name"),  # M09: a blank MACC label
])
def test_m06_m07_m09_measures_that_cannot_act_or_be_named_are_refused(tiny, measure, key,
                                                                      said):
    from carbonpath.dataset.scenarios import measures

    _measures(tiny, measure)
    with pytest.raises(DataError) as info:
        measures(cp.load_dataset(tiny))
    (problem,) = info.value.problems
    assert (problem.file, problem.key) == ("dataset.yaml", key)
    assert said in problem.message
    if "peek" in measure:
        assert "did you mean 'peak'" in problem.valid


def test_m07_a_target_the_measure_adds_may_have_its_values_changed(tiny):
    from carbonpath.dataset.scenarios import measures

    _measures(tiny, "    - {name: a, source: 'assumption: t', changes: {targets: [cap], "
                    "target_values: {cap: {value: 4.0}}}}\n")
    base, found = measures(cp.load_dataset(tiny))
    assert base == "baseline"
    assert [m["name"] for m in found] == ["a"]


def test_m01_the_macc_command_never_prints_nan(tiny, tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    _measures(tiny, "    - {name: pvm, source: 'assumption: t', changes: {parameters: [{"
                    "technology: pv, parameter: min_capacity, year: 2030, value: 1000, "
                    "unit: MW, source: 'assumption: t'}]}}\n"
                    "    - {name: bat, source: 'assumption: t', technologies: [battery]}\n")
    result = CliRunner().invoke(app, ["macc", str(tiny), "--measures", "--steps", "1"])
    assert result.exit_code == 0, result.output
    assert "nan" not in result.output.lower()
    (bat,) = [line for line in result.output.splitlines() if line.startswith("  bat:")]
    assert bat == "  bat: 0.000 Mt (no abatement)"  # the battery alone abates nothing


def test_i14_two_committed_projects_of_one_year_are_one_row_of_their_sum(tmp_path):
    import pandas as pd

    from carbonpath.init import init_dataset
    from tests.test_init import HOURS, SAMPLE, SAMPLES

    parks = pd.DataFrame({"type": ["pv", "pv"], "year": [2024, 2024], "value": [50, 30],
                          "unit": ["万千瓦", "万千瓦"], "source": ["park A", "park B"]})
    init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o",
                 model_hours=HOURS, committed=parks, **SAMPLE)
    params = cp.load_dataset(tmp_path / "o").tables["parameters"]  # loads: no duplicate
    rows = params[params["parameter"] == "committed_new_capacity"]
    assert len(rows) == 1
    assert float(rows["value"].iloc[0]) == pytest.approx(800.0)  # (50 + 30) 万千瓦 = 800 MW
    assert "park A" in rows["source"].iloc[0]
    assert "park B" in rows["source"].iloc[0]
