"""Poor messages of the fresh user's findings: each names what the user wrote and where.

A38 (unclosed quote), A27 (column named twice), A13 (1e400 quoted as 'inf'), D41 (a UTF-16
dataset.yaml told to save as CSV), H36 (the API naming the CLI's --hours), F05/F10
(montecarlo --seed/--samples), E08 (an empty --out taken as the current folder).
"""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.cli import app
from carbonpath.errors import ArgumentValueError, DataError
from carbonpath.sweeps.sampling import MAX_SAMPLES, draw_samples

HEADER = "sector,fuel,value,unit,use,source\n"


def _inventory(path):
    return cp.compute_inventory(path, region="CN-SD-Liaocheng", year=2024)


def test_an_unclosed_quote_names_the_file_and_row(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + 'industry,electricity,10,GWh,consumption,x\n'
                    'thermal_power,raw_coal,"2347.44,kt,combustion,x\n'
                    'industry,electricity,6000,GWh,consumption,x\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        _inventory(path)
    problem = err.value.problems[0]
    assert (problem.file, problem.row) == ("a.csv", 3)
    assert "never closed" in problem.message


def test_an_unclosed_quote_in_a_dataset_table_names_it(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / "demands.csv").read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("electricity", '"electricity', 1)
    (folder / "demands.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    assert any((p.file, p.row) == ("demands.csv", 3) and "never closed" in p.message
               for p in err.value.problems)


def test_a_column_named_twice_is_named_as_written(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,value,unit,use,source\n"
                    "thermal_power,raw_coal,1,2,kt,combustion,x\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        _inventory(path)
    problem = err.value.problems[0]
    assert problem.column == "value"
    assert "appears 2 times" in problem.message
    assert "value.1" not in str(err.value)


def test_an_overflowing_value_is_quoted_as_written(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "thermal_power,raw_coal,1e400,kt,combustion,x\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        _inventory(path)
    assert err.value.problems[0].value == "1e400"


def test_a_utf16_yaml_is_told_to_save_as_text_not_csv(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    yaml = folder / "dataset.yaml"
    yaml.write_bytes(yaml.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    problem = err.value.problems[0]
    assert problem.file == "dataset.yaml"
    assert problem.valid == "save it as UTF-8 (or GBK) text"


def test_the_api_names_its_argument_and_the_cli_its_option():
    with pytest.raises(DataError) as err:
        cp.PathwayModel("tiny", hours=0)
    assert "hours=..." in str(err.value)
    assert "--hours" not in str(err.value)
    result = CliRunner().invoke(app, ["optimise", "tiny", "--hours", "0"])
    assert result.exit_code == 1
    assert "from --hours" in result.output


@pytest.mark.parametrize(("args", "text"), [
    (["--samples", "100000000000000000000"], f"--samples must be from 1 to {MAX_SAMPLES:,}"),
    (["--samples", "0"], "--samples must be from 1"),
    (["--samples", "2", "--seed", "-1"], "--seed must be a whole number >= 0, not -1"),
])
def test_montecarlo_options_out_of_range_are_named(tmp_path, args, text):
    result = CliRunner().invoke(app, ["montecarlo", "tiny", *args, "--workers", "1",
                                      "--out", str(tmp_path / "mc")])
    assert result.exit_code == 1
    assert text in result.output
    assert not (tmp_path / "mc").exists()


def test_draw_samples_refuses_what_numpy_cannot_do():
    unc = None  # checked before the inputs are used
    with pytest.raises(ArgumentValueError, match="samples"):
        draw_samples(unc, 10**20)
    with pytest.raises(ArgumentValueError, match="seed"):
        draw_samples(unc, 2, seed=-1)


@pytest.mark.parametrize("out", [["--out", ""], ["--out="], ["--out", "  "]])
def test_an_empty_out_is_refused_not_taken_as_the_current_folder(out, tmp_path,
                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["run", "tiny"], ["optimise", "tiny"]):
        result = CliRunner().invoke(app, [*command, *out])
        assert result.exit_code == 1
        assert "--out is empty" in result.output
    assert list(tmp_path.iterdir()) == []


def _tiny_edit(tmp_path, file, old, new):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_a_zero_gdp_is_refused_not_divided_by(tmp_path):
    # finding X02: gdp 2030 = 0 gave exit 0 and numpy "divide by zero" warnings
    folder = _tiny_edit(tmp_path, "drivers.csv", "gdp,2030,1300,", "gdp,2030,0,")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("drivers.csv", 3, "value")


def test_an_unknown_region_names_the_dataset_yaml_key_once(tmp_path):
    # finding D16: named emissions.csv and commodities.csv, never dataset.yaml's region
    folder = _tiny_edit(tmp_path, "dataset.yaml", "region: CN-SD-Liaocheng",
                        "region: XX-Atlantis")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(folder)
    assert len(err.value.problems) == 1
    problem = err.value.problems[0]
    assert (problem.file, problem.key, problem.value) == ("dataset.yaml", "region",
                                                          "XX-Atlantis")
    result = CliRunner().invoke(app, ["optimise", str(folder)])
    assert result.exit_code == 1
    assert "dataset.yaml, key 'region'" in result.output
    assert str(result.output).count("valid:") == 1


def test_factors_item_takes_an_alias():
    # finding X04: 原煤 is raw_coal's alias in activity files; factors --item refused it
    result = CliRunner().invoke(app, ["factors", "--item", "原煤"])
    assert result.exit_code == 0, result.output
    assert "raw_coal calorific_value" in result.output


def test_an_unknown_region_argument_is_named_as_the_argument():
    # finding B02/H13: named a file column for an option or argument
    with pytest.raises(DataError) as err:
        cp.compute_inventory(data_path("datasets") / "tiny" / "activity.csv", region="XX",
                             year=2024)
    assert err.value.problems[0].column is None
    assert "region=..." in str(err.value)
    result = CliRunner().invoke(app, ["factors", "--region", "XX-NOWHERE"])
    assert result.exit_code == 1
    assert "given as --region" in result.output
    assert "column 'region'" not in result.output


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self"), reason="needs Linux /proc")
def test_an_out_where_no_file_can_be_created_is_refused_before_solving():
    # finding C13: /proc passes the permission bits for root; it was found after solving
    result = CliRunner().invoke(app, ["optimise", "tiny", "--out", "/proc/cptest"])
    assert result.exit_code == 1
    assert "--out /proc/cptest cannot be written" in result.output
    assert "least-cost pathway" not in result.output
