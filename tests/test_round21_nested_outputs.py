"""Round 21 K117, K118, K120, K121, K123, K114: other commands' outputs inside an output folder.

``montecarlo --out r/mc``, ``report r --out r/zh`` or ``run ds --out ds/results1`` put an
output folder with its own manifest inside a folder that ``run`` or ``init`` replaces as a
whole; writing that folder again deleted them, exit 0. They are now kept across the swap
(moved into the new folder), or refused, naming them, where the command writes itself.
"""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pytest

from carbonpath import OutputFolderError
from carbonpath.errors import StoreMismatchError
from carbonpath.init.workbook import write_template
from carbonpath.init.write import check_folder, write_folder
from carbonpath.outputs import MANIFEST, check, manifest, prepare
from carbonpath.report.montecarlo import _check_dataset
from carbonpath.sweeps.store import STORE_NAMES, check_store, write_files


def _run(path, files):
    """Write ``files`` (name -> text) as ``run`` writes its folder (exclusive, command run)."""
    with prepare(path, will_write=["results/", "report.html"], exclusive=True,
                 command="run") as out:
        for name, text in files.items():
            out.path(name).write_text(text)
    return path


def _init(path, files):
    return write_folder(path, files)


def _store(path):
    write_files(path, {"store.json": lambda p: p.write_text('{"s": 1}'),
                       "summary/bands.csv": lambda p: p.write_text("b\n")})
    return path


def _report(path):
    with prepare(path, will_write=["report.zh.html", "figures.zh/"]) as out:
        out.path("report.zh.html").write_text("<p>zh")
        out.path("figures.zh/a.png").write_text("png")
    return path


def _unchecked(writer, path):
    """``writer(path)`` without round 23's up-front F15 check: a nested output placed as an
    older carbonpath (or a hand move) left it, for the checks made when the outer folder is
    written again."""
    from unittest import mock

    with mock.patch("carbonpath.output_owner.refuse_part", return_value=None):
        return writer(path)


WRITERS = {"run": (_run, {"results/run.json": "{}", "report.html": "<p>1"},
                   {"results/run.json": "{}", "report.html": "<p>2"}),
           "init": (_init, {"dataset.yaml": "name: x\n", "old.csv": "a\n"},
                    {"dataset.yaml": "name: x\n", "demands.csv": "b\n"})}


@pytest.mark.parametrize("command", list(WRITERS))
def test_other_outputs_inside_a_whole_folder_survive_its_rewrite(tmp_path, command):
    write, first, second = WRITERS[command]
    folder = write(tmp_path / "out", first)
    _store(folder / "mc")                       # K117, K120: a Monte Carlo store inside
    _run(folder / "results1", {"results/run.json": "[]"})   # K118: a run inside
    _report(folder / "deep" / "er" / "zh")      # K121, at depth 3
    (folder / "mc" / "notes.txt").write_text("mine")  # a user's file in the nested store
    write(folder, second)                        # exit 0 before, the three deleted
    assert (folder / "mc" / "store.json").read_text() == '{"s": 1}'
    assert (folder / "mc" / "summary" / "bands.csv").read_text() == "b\n"
    assert (folder / "mc" / "notes.txt").read_text() == "mine"
    assert (folder / "results1" / "results" / "run.json").read_text() == "[]"
    assert (folder / "deep" / "er" / "zh" / "figures.zh" / "a.png").read_text() == "png"
    # each keeps its own manifest; the folder's lists exactly the second write's files
    assert set(manifest(folder / "mc")) == {"store.json", "summary/bands.csv"}
    assert set(manifest(folder / "deep" / "er" / "zh")) == {"report.zh.html",
                                                             "figures.zh/a.png"}
    assert set(manifest(folder)) == set(second)
    assert not any("carbonpath-" in p.name for p in tmp_path.iterdir())  # no leftovers


def test_a_nested_output_where_the_command_writes_is_refused_before_any_work(tmp_path):
    run = _run(tmp_path / "r", {"results/run.json": "{}", "report.html": "<p>"})
    with pytest.raises(OutputFolderError, match="is part of the output of carbonpath run"):
        _store(run / "results" / "mc")  # round 23 F15: refused up front now
    _unchecked(_store, run / "results" / "mc")  # inside results/, which run replaces whole
    with pytest.raises(OutputFolderError) as info:
        check(run, ["results/", "report.html"], exclusive=True, command="run")
    message = str(info.value)
    assert f"{run / 'results' / 'mc'}, an output of carbonpath montecarlo" in message
    assert f"where carbonpath run writes {run / 'results'}" in message
    with pytest.raises(OutputFolderError):
        _run(run, {"results/run.json": "{}"})
    assert (run / "results" / "mc" / "store.json").read_text() == '{"s": 1}'


def test_init_learns_its_names_late_and_still_refuses_before_replacing(tmp_path):
    ds = _init(tmp_path / "ds", {"dataset.yaml": "name: x\n"})
    _report(ds / "scenarios")
    check_folder(ds)  # before reading its inputs init knows no file name: passes
    with pytest.raises(OutputFolderError, match=r"scenarios, an output of carbonpath report"):
        _init(ds, {"dataset.yaml": "name: y\n", "scenarios/a.yaml": "x: 1\n"})
    assert (ds / "dataset.yaml").read_text() == "name: x\n"  # nothing replaced
    assert (ds / "scenarios" / "report.zh.html").read_text() == "<p>zh"


def test_a_store_keeps_other_outputs_and_refuses_one_in_its_summary(tmp_path):
    store = _store(tmp_path / "mc")
    _report(store / "rep")
    check_store(store)
    _store(store)  # the store's next batch
    assert (store / "rep" / "report.zh.html").read_text() == "<p>zh"
    with pytest.raises(OutputFolderError, match="is part of the output of carbonpath monte"):
        _report(store / "summary" / "zh")  # round 23 F15: refused up front now
    _unchecked(_report, store / "summary" / "zh")
    with pytest.raises(OutputFolderError, match=r"summary/zh, an output of carbonpath report"):
        check_store(store)
    with pytest.raises(OutputFolderError, match=r"summary/zh, an output of carbonpath report"):
        write_files(store, {"summary/bands.csv": lambda p: p.write_text("c\n")},
                    owns=["summary/"])  # the summaries' batch replaces summary/ as a whole
    assert (store / "summary" / "zh" / "figures.zh" / "a.png").read_text() == "png"
    assert (store / "summary" / "bands.csv").read_text() == "b\n"
    assert "summary/" in STORE_NAMES


def test_a_template_folder_keeps_outputs_inside_it(tmp_path):
    pytest.importorskip("openpyxl")
    book = write_template(tmp_path / "t" / "city.xlsx")
    _run(tmp_path / "t" / "r", {"results/run.json": "{}"})
    write_template(book)  # the template replaces only its workbook
    assert (tmp_path / "t" / "r" / "results" / "run.json").read_text() == "{}"


def test_a_nested_output_left_by_a_killed_swap_is_moved_back(tmp_path, monkeypatch):
    import carbonpath.output_nested as nested

    run = _run(tmp_path / "r", {"results/run.json": "{}"})
    _store(run / "mc")

    def killed(src, dst):  # the swap is done, the move back fails (a kill, a full disk)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nested, "_move", killed)
    with pytest.raises(OutputFolderError, match="No space left"):
        _run(run, {"results/run.json": "{2}"})
    monkeypatch.undo()
    left = [p for p in tmp_path.iterdir() if "carbonpath-tmp" in p.name]
    assert len(left) == 1
    assert (left[0] / "mc" / "store.json").is_file()  # not lost
    _run(run, {"results/run.json": "{3}"})  # the next command moves it back first
    assert (run / "mc" / "store.json").read_text() == '{"s": 1}'
    assert (run / "results" / "run.json").read_text() == "{3}"
    assert not any("carbonpath-" in p.name for p in tmp_path.iterdir())


def test_a_real_run_keeps_a_store_inside_its_folder(tiny_out, tmp_path):
    from carbonpath.run import run

    folder = shutil.copytree(tiny_out, tmp_path / "r")
    _store(folder / "mc")
    run("tiny", out=folder, report=False)
    assert (folder / "mc" / "store.json").read_text() == '{"s": 1}'
    assert (folder / "results" / "run.json").is_file()


def test_a_run_s_results_folder_is_named_as_such(tmp_path):
    # K123: montecarlo --out r/results called the run's results "not an earlier carbonpath
    # output" and said to move them away
    run = _run(tmp_path / "r", {"results/run.json": "{}", "results/a.csv": "x\n",
                                "report.html": "<p>"})
    with pytest.raises(OutputFolderError) as info:
        check_store(run / "results")
    message = str(info.value)
    assert (f"{run / 'results'} is part of the output of carbonpath run (a run's results "
            f"and report) in {run}") in message
    assert "lists 2 file(s) here, e.g. results/a.csv" in message  # sorted: a.csv, run.json
    assert f"--out {tmp_path / 'r-montecarlo'}" in message
    assert "not an earlier carbonpath output" not in message
    assert json.loads((run / MANIFEST).read_text())["command"] == "run"


@pytest.mark.parametrize(("store_made", "run_made", "advice"), [
    ("2026-12-07T10:00:05+00:00", "2026-12-07T10:00:00+00:00", "`carbonpath run` on the"),
    ("2026-12-07T09:00:00+00:00", "2026-12-07T10:00:00+00:00", "`carbonpath montecarlo` on the"),
])
def test_a_store_of_edited_ranges_says_which_side_to_make_again(store_made, run_made, advice):
    # K114: uncertainty.csv widened after the run, then montecarlo: the store is the newer,
    # so the run is what to repeat (montecarlo again would give the same store)
    store = {"created": store_made, "inputs": {"dataset": {"a.csv": "1", "uncertainty.csv": "2"}}}
    result = SimpleNamespace(meta={"created": run_made, "dataset": {
        "name": "ds", "checksums": {"a.csv": "1", "uncertainty.csv": "3"}}})
    with pytest.raises(StoreMismatchError) as info:
        _check_dataset("mc", store, result)
    message = str(info.value)
    assert "uncertainty.csv differs" in message
    assert f"{advice} dataset again" in message
    assert ("uncertainty.csv is read by montecarlo only" in message) == (store_made > run_made)
