"""Round-3 command-line findings (issue 11): repeated values, unbounded counts, options that
do not apply, solver options named as options, and which dataset a name resolves to."""

import shutil

import pytest
from typer.testing import CliRunner

import carbonpath
from carbonpath.cli import app
from carbonpath.errors import ArgumentValueError

runner = CliRunner()


def _error(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_scenario_given_twice_is_refused(tmp_path):
    # F13: -s plan -s plan sampled plan twice and pooled the duplicates
    out = _error(["montecarlo", "tiny", "--samples", "2", "--workers", "1", "-s", "plan",
                  "-s", "plan", "--out", str(tmp_path / "F13")])
    assert "--scenario 'plan' is given twice" in out
    assert not (tmp_path / "F13").exists()


def test_macc_steps_have_a_maximum(tmp_path):
    from carbonpath.scenarios.macc import MAX_STEPS, system_macc

    assert MAX_STEPS == 200
    for steps in ("100000", "201", "0"):
        out = _error(["macc", "tiny", "--steps", steps])
        assert f"--steps must be from 1 to 200 (one re-solve each), not {steps}" in out
    # the API refuses before it loads anything: a dataset that does not exist is not read
    with pytest.raises(ArgumentValueError, match="steps from 1 to 200"):
        system_macc(str(tmp_path / "nowhere"), steps=201)


def test_sheet_on_a_csv_is_refused():
    # I08: --sheet was ignored for a CSV
    sample = carbonpath._resources.data_path("datasets") / "samples" / "activity_sample.csv"
    out = _error(["inventory", str(sample), "--sheet", "Sheet1", "--region", "CN-SD",
                  "--year", "2022", "--primary-electricity", "calorific"])
    assert "--sheet applies to an Excel workbook" in out
    assert "activity_sample.csv" in out


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_time_limit_is_refused_naming_the_option(value):
    # O01-O03: the message named the API key 'time_limit', not the option
    out = _error(["optimise", "tiny", "--time-limit", value])
    assert out.startswith("error: --time-limit:")
    assert "key 'time_limit'" not in out


def test_the_dataset_used_is_named_and_a_hidden_bundled_one_noted(tmp_path, monkeypatch):
    # N08: a local ./tiny silently replaced the bundled tiny
    bundled = carbonpath._resources.data_path("datasets") / "tiny"
    result = runner.invoke(app, ["optimise", "tiny"])
    assert result.exit_code == 0, result.output
    assert f"dataset: {bundled} (bundled 'tiny')" in result.output
    shutil.copytree(bundled, tmp_path / "tiny")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["optimise", "tiny"])
    assert result.exit_code == 0, result.output
    assert (f"note: dataset 'tiny' is the local folder {tmp_path / 'tiny'}, not the bundled "
            "dataset") in result.output


def test_workers_have_a_maximum_named_as_the_option(tmp_path):
    out = _error(["montecarlo", "tiny", "--samples", "1", "--workers", "100000",
                  "--out", str(tmp_path / "w")])
    assert "--workers must be from 1 (1 = in this process) to 1024, not 100000" in out
