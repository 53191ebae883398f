"""Round-8 cases L01/L05/L06: a command replaces only a folder the same command wrote."""

from __future__ import annotations

import json

import pytest

from carbonpath import OutputFolderError
from carbonpath.init.write import check_folder, write_folder
from carbonpath.output_owner import writer_of
from carbonpath.outputs import MANIFEST, check, prepare
from carbonpath.run import run
from carbonpath.sweeps.store import check_store, write_files


def _run_folder(path):
    with prepare(path, will_write=["results/", "report.html"], exclusive=True,
                 command="run") as out:
        out.path("results/run.json").write_text("{}")
        out.path("report.html").write_text("<p>")
    return path


def _init_folder(path):
    return write_folder(path, {"dataset.yaml": "name: x\n", "demand.csv": "a\n"})


def _store_folder(path):
    write_files(path, {"store.json": lambda p: p.write_text("{}")})
    return path


MAKERS = {"run": _run_folder, "init": _init_folder, "montecarlo": _store_folder}


def _check_run(folder):  # run's own check, before loading the dataset
    run("tiny", out=folder)


CHECKS = {"run": _check_run, "init": check_folder, "montecarlo": check_store}


@pytest.mark.parametrize("writer", list(MAKERS))
@pytest.mark.parametrize("command", list(CHECKS))
def test_each_command_against_each_others_folder(tmp_path, writer, command):
    folder = MAKERS[writer](tmp_path / "out")
    assert writer_of(folder) == writer  # the manifest names the writing command
    before = sorted(p.name for p in folder.rglob("*"))
    if writer == command:
        if command == "run":  # the same command may replace it: checked without solving
            check(folder, ["results/"], exclusive=True, command="run")
        else:
            CHECKS[command](folder)
        return
    with pytest.raises(OutputFolderError) as info:
        CHECKS[command](folder)
    message = str(info.value)
    assert str(folder) in message
    assert f"written by carbonpath {writer}" in message
    assert sorted(p.name for p in folder.rglob("*")) == before  # nothing touched


def test_a_manifest_written_before_commands_were_recorded_is_read_by_its_files(tmp_path):
    for name, command in [("dataset.yaml", "init"), ("store.json", "montecarlo"),
                          ("results/run.json", "run"), ("report.html", None)]:
        folder = tmp_path / name.replace("/", "_")
        folder.mkdir()
        (folder / MANIFEST).write_text(json.dumps(
            {"format": "carbonpath-manifest/1", "files": {name: "0" * 64}}))
        assert writer_of(folder) == command


def test_a_report_written_into_a_run_folder_keeps_the_run_as_writer(tmp_path):
    folder = _run_folder(tmp_path / "r")
    with prepare(folder, will_write=["extra.md"]) as out:  # a non-exclusive writer
        out.path("extra.md").write_text("x")
    assert writer_of(folder) == "run"
    assert "extra.md" in json.loads((folder / MANIFEST).read_text())["files"]
