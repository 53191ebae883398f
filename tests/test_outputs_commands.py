"""Every command that writes refuses to replace the user's files (issue 11), and the main job
writes the same bytes twice; damaged results are refused by name.

Two runs of the tiny dataset with their reports are shared by the module (one of them the
session's ``tiny_report_out``).
"""

import hashlib
import json
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath
import carbonpath.run as job
from carbonpath import OutputFolderError, ResultsError
from carbonpath.cli import app
from carbonpath.outputs import MANIFEST
from carbonpath.report import render_report

runner = CliRunner()


@pytest.fixture(scope="module")
def two_runs(tiny_report_out, tmp_path_factory):
    """Two runs of the tiny job with their reports: the session's read-only
    ``tiny_report_out`` (tests/conftest.py, ``run("tiny", out, report=True)``) and one more."""
    root = tmp_path_factory.mktemp("twice")
    return tiny_report_out, job.run("tiny", root / "b")


@pytest.fixture
def run_copy(two_runs, tmp_path):
    """A copy of a finished run folder (manifest included) that a test may change."""
    return shutil.copytree(two_runs[0], tmp_path / "run")


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_traceback(result):
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))


def test_svg_figures_on_request_are_linked_and_the_same_bytes_twice(two_runs, tmp_path):
    # the run writes PNG only; `report --svg` adds SVG files (fixed ids, no date), and the
    # Markdown links each of them
    outs = [tmp_path / "x", tmp_path / "y"]
    for out in outs:
        result = runner.invoke(app, ["report", str(two_runs[0] / "results"), "-o", str(out),
                                     "--svg"])
        _no_traceback(result)
        assert result.exit_code == 0, result.output
        assert "(PNG and SVG)" in result.output
    pngs = sorted(p.stem for p in (outs[0] / "figures").glob("*.png"))
    svgs = sorted(p.stem for p in (outs[0] / "figures").glob("*.svg"))
    assert svgs == pngs
    assert len(svgs) >= 5
    markdown = (outs[0] / "report.md").read_text(encoding="utf-8")
    html = (outs[0] / "report.html").read_text(encoding="utf-8")
    for stem in svgs:
        assert f"([SVG](figures/{stem}.svg))" in markdown
        assert _sha(outs[0] / "figures" / f"{stem}.svg") == _sha(outs[1] / "figures" /
                                                               f"{stem}.svg")
    assert "Also as PNG and SVG in figures/." in html
    # without --svg: PNG only, nothing links an SVG
    plain = (two_runs[0] / "report.md").read_text(encoding="utf-8")
    assert "[SVG]" not in plain
    assert "Also as PNG in figures/." in (two_runs[0] / "report.html").read_text(
        encoding="utf-8")


def test_the_main_job_writes_the_same_bytes_twice(two_runs):
    a, b = two_runs
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert any(f.endswith(".png") for f in files)
    assert not any(f.endswith(".svg") for f in files)  # on request only (issue 15)
    differ = [f for f in files if f not in (MANIFEST, "results/run.json")
              and _sha(a / f) != _sha(b / f)]
    assert differ == []
    metas = []
    for folder in two_runs:  # run.json differs only in its date and timing fields
        meta = json.loads((folder / "results" / "run.json").read_text(encoding="utf-8"))
        for key in ("created", "timings", "run_seconds_before_writing"):
            meta.pop(key)
        meta["solver"].pop("seconds")
        metas.append(meta)
    assert metas[0] == metas[1]
    manifests = [json.loads((f / MANIFEST).read_text(encoding="utf-8"))["files"] for f in (a, b)]
    for m in manifests:
        m.pop("results/run.json")
    assert manifests[0] == manifests[1]
    header = (a / "results" / "peak_curve.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "seconds" not in header  # timings stay in run.json


@pytest.mark.parametrize("mine", ["results/note.txt", "figures/photo.png",
                                  "results/peak_curve.csv", "report.md"])
def test_run_and_report_never_replace_a_users_file(run_copy, mine):
    path = run_copy / mine
    existed = path.exists()
    path.write_text("the user's own", encoding="utf-8")  # new, or an edited output
    with pytest.raises(OutputFolderError, match=path.name.replace(".", r"\.")):
        job.run("tiny", run_copy, report=False)
    if mine.startswith(("figures/", "report")):
        result = runner.invoke(app, ["report", str(run_copy)])
        _no_traceback(result)
        assert result.exit_code == 1  # a data error (2 is for usage errors only)
        assert str(path) in result.output
    assert path.read_text(encoding="utf-8") == "the user's own"
    assert existed == (mine in ("results/peak_curve.csv", "report.md"))


def test_report_into_a_folder_of_the_users_keeps_their_other_files(two_runs, tmp_path,
                                                                   placeholder_png):
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "notes.md").write_text("mine", encoding="utf-8")
    written = render_report(two_runs[0], mine)
    assert written["html"] == mine / "report.html"
    assert (mine / "notes.md").read_text(encoding="utf-8") == "mine"
    assert (mine / "figures" / "emissions.png").is_file()


@pytest.mark.parametrize("command", ["report", "optimise"])
def test_an_out_that_is_a_file_or_read_only_is_refused_before_any_work(
        two_runs, tmp_path, monkeypatch, command):
    def never(*args, **kwargs):
        raise AssertionError("solved or rendered before the destination was checked")

    monkeypatch.setattr(carbonpath, "optimise", never)
    monkeypatch.setattr("carbonpath.report.render.write_report", never)
    args = ["report", str(two_runs[0])] if command == "report" else ["optimise", "tiny"]
    afile = tmp_path / "table.csv"
    afile.write_text("the user's", encoding="utf-8")
    result = runner.invoke(app, [*args, "--out", str(afile)])
    _no_traceback(result)
    assert result.exit_code in (1, 2)
    assert f"{afile} exists and is a file" in result.output
    assert afile.read_text(encoding="utf-8") == "the user's"
    monkeypatch.setattr("carbonpath.outputs._writable", lambda folder: False)  # read-only
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "out")])
    _no_traceback(result)
    assert f"{tmp_path / 'out'} cannot be written" in result.output
    assert "carbonpath-tmp" not in result.output


def test_optimise_out_refuses_a_users_csv_of_a_tables_name(tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(app, ["optimise", "tiny", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "costs.csv").is_file()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "costs.csv").write_text("year,value\n2024,1\n", encoding="utf-8")  # edited
    result = runner.invoke(app, ["optimise", "tiny", "--out", str(out)])
    _no_traceback(result)
    assert result.exit_code == 1
    assert str(out / "costs.csv") in result.output
    assert "Total discounted cost" not in result.output  # refused before solving
    assert (out / "costs.csv").read_text(encoding="utf-8") == "year,value\n2024,1\n"
    pathway = carbonpath.optimise("tiny")
    with pytest.raises(OutputFolderError, match=r"costs\.csv"):
        pathway.to_csv(out)
    (out / "costs.csv").unlink()
    paths = pathway.to_csv(out)  # the user's notes stay beside the tables
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in paths) == sorted(f"{n}.csv" for n in pathway.tables)


def _damage(results, how):
    if how == "empty run.json":
        (results / "run.json").write_text("", encoding="utf-8")
        return "run.json is empty"
    if how == "truncated run.json":
        text = (results / "run.json").read_text(encoding="utf-8")
        (results / "run.json").write_text(text[: len(text) // 2], encoding="utf-8")
        return "run.json is damaged (truncated"
    if how == "missing table":
        (results / "pathways" / "plan" / "emissions_total.csv").unlink()
        return "emissions_total.csv: the table is missing"
    if how == "missing column":
        path = results / "pathways" / "plan" / "costs.csv"
        pd.read_csv(path).drop(columns=["value", "unit"]).to_csv(path, index=False)
        return "costs.csv: lacks the column(s) value, unit"
    if how == "truncated table":
        path = results / "iamc.csv"
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 7])
        return "iamc.csv: is truncated"
    if how == "run.json without scenarios":
        meta = json.loads((results / "run.json").read_text(encoding="utf-8"))
        del meta["scenarios"]
        (results / "run.json").write_text(json.dumps(meta), encoding="utf-8")
        return "lacks the key(s) 'scenarios'"
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["empty run.json", "truncated run.json", "missing table",
                                 "missing column", "truncated table",
                                 "run.json without scenarios"])
def test_a_damaged_results_folder_is_refused_naming_file_and_what_is_missing(run_copy, how):
    said = _damage(run_copy / "results", how)
    with pytest.raises(ResultsError) as info:
        job.load_results(run_copy)
    assert said in str(info.value)
    before = _sha(run_copy / "report.html")
    result = runner.invoke(app, ["report", str(run_copy)])
    _no_traceback(result)
    assert result.exit_code == 1  # a data error (2 is for usage errors only)
    assert said in result.output
    assert _sha(run_copy / "report.html") == before  # the earlier report is kept


def test_text_in_a_numeric_column_of_saved_results_is_named(run_copy):
    path = run_copy / "results" / "pathways" / "plan" / "costs.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*rows, "# my note", *rows[1:3]]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(run_copy)])
    _no_traceback(result)
    assert result.exit_code == 1  # a data error (2 is for usage errors only)
    assert f"costs.csv, row {len(rows) + 1}, column 'year': '# my note' is not a number" in (
        result.output)


def test_inventory_to_csv_replaces_its_own_file_only(tmp_path):
    frame = pd.DataFrame({"sector": ["residential"], "fuel": ["raw_coal"], "value": [10.0],
                          "unit": ["t"]})
    inv = carbonpath.compute_inventory(frame, region="CN-SD", year=2022)
    inv.to_csv(tmp_path / "e.csv")
    inv.to_csv(tmp_path / "e.csv")  # its own, unchanged: replaced
    mine = tmp_path / "p.csv"
    mine.write_text("my table", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"p\.csv"):
        inv.to_csv(mine, table="provenance")
    assert mine.read_text(encoding="utf-8") == "my table"


@pytest.mark.parametrize("given", ["run", "run/results"])
def test_report_refuses_results_edited_since_the_run_unless_accepted(run_copy, given,
                                                                     placeholder_png):
    # P05: a value changed by hand in results/ would be drawn as if the model produced it
    path = run_copy / "results" / "peak_curve.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n2", "\n9", 1), encoding="utf-8")  # 2026 -> 9026
    assert path.read_text(encoding="utf-8") != text
    before = _sha(run_copy / "report.html")
    folder = run_copy.parent / given
    result = runner.invoke(app, ["report", str(folder)])
    _no_traceback(result)
    assert result.exit_code == 1  # a data error (2 is for usage errors only)
    assert "changed (or missing) since the run wrote them" in result.output
    assert "peak_curve.csv" in result.output
    assert "--accept-edited" in result.output
    assert _sha(run_copy / "report.html") == before  # nothing rendered
    result = runner.invoke(app, ["report", str(folder), "--accept-edited",
                                 "--out", str(run_copy.parent / "edited")])
    assert result.exit_code == 0, result.output
    assert "rendering edited results" in result.output


def test_report_of_results_without_their_manifest_says_they_are_unverifiable(
        run_copy, placeholder_png):
    # X103: a copy that skipped hidden files, then a table edited: nothing can be checked,
    # so the report says so (stderr and its "Read with care" box) instead of trusting it
    from carbonpath.outputs import MANIFEST

    (run_copy / MANIFEST).unlink()
    path = run_copy / "results" / "peak_curve.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\n2", "\n9", 1), encoding="utf-8")
    out = run_copy.parent / "copy_report"
    result = runner.invoke(app, ["report", str(run_copy), "--out", str(out)])
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert f"no {MANIFEST} lists these results" in result.output
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "Read with care" in report
    assert f"no `{MANIFEST}`" in report


def test_report_of_unchanged_results_needs_no_option(run_copy):
    from carbonpath.outputs import changed_results

    assert changed_results(run_copy) == []
    assert changed_results(run_copy / "results") == []
    (run_copy / "results" / "iamc.csv").unlink()
    assert changed_results(run_copy) == [run_copy / "results" / "iamc.csv"]
    assert changed_results(run_copy.parent) is None  # no manifest: nothing to verify


def test_a_command_owning_some_names_reads_only_those_of_a_large_folder(tmp_path, monkeypatch):
    # A workbook written into a big shared folder (a desktop, /tmp): only what the command
    # owns is examined. An unreadable or vanishing sub-folder of the user's elsewhere in
    # the folder must not matter (round 13's suite3 finding: the whole of /tmp was walked
    # and a temporary folder vanishing mid-walk ended in FileNotFoundError).
    import os

    from carbonpath.outputs import prepare

    dest = tmp_path / "desktop"
    (dest / "projects" / "deep").mkdir(parents=True)
    (dest / "projects" / "deep" / "notes.txt").write_text("mine", encoding="utf-8")
    (dest / "projects" / MANIFEST).write_text("{not json", encoding="utf-8")  # not read
    walked = []
    real_scandir = os.scandir

    def spy(path=".", *args, **kwargs):
        if not isinstance(path, int):  # shutil.rmtree scans by file descriptor
            walked.append(os.fspath(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", spy)
    with prepare(dest, will_write=["book.xlsx"]) as folder:
        folder.path("book.xlsx").write_bytes(b"x")
    assert (dest / "book.xlsx").read_bytes() == b"x"
    assert not any("projects" in top for top in walked), walked
    assert (dest / "projects" / "deep" / "notes.txt").read_text(encoding="utf-8") == "mine"
