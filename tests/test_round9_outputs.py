"""Round-9 R06: a command that adds files to a folder (optimise, macc, report --out) is
refused a folder that run, init or montecarlo wrote as a whole, before any solving."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from carbonpath.cli import app
from tests.test_round8_output_owner import MAKERS, _init_folder, _run_folder

runner = CliRunner()


COMMANDS = {"optimise": ["optimise", "tiny", "--out"],
            "macc": ["macc", "tiny", "--steps", "1", "--out"]}


@pytest.mark.parametrize("writer", list(MAKERS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_tables_are_not_written_into_another_commands_folder(tmp_path, writer, command):
    folder = MAKERS[writer](tmp_path / "r6")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = runner.invoke(app, [*COMMANDS[command], str(folder)])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert f"written by carbonpath {writer}" in text
    assert f"--out r6-{command}" in text  # a separate folder is named
    assert "Objective" not in text  # refused before solving
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_report_may_not_write_into_a_dataset(tmp_path):
    # a run's folder is where its report belongs (R11's re-render); a dataset folder is not
    run_dir = _run_folder(tmp_path / "run")
    dataset = _init_folder(tmp_path / "ds")
    result = runner.invoke(app, ["report", str(run_dir), "--out", str(dataset)])
    assert result.exit_code == 1
    assert "written by carbonpath init" in " ".join(result.output.split())
    assert not (dataset / "report.html").exists()
