"""Round 27 KC01, KC101, KC19, KC119: report folders of another run, a store.json edited
after the sweep, a ';'-separated dataset table."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from carbonpath._io import structure_problems
from carbonpath.errors import OutputFolderError, StoreMismatchError
from carbonpath.report.destination import refuse_other_run, run_mark
from carbonpath.sweeps.store_checks import check_parts, write_part


def _run(folder, name, region, created):
    (folder / "results").mkdir(parents=True)
    body = {"created": created, "dataset": {"name": name, "region": region,
                                            "base_year": 2022, "horizon": 2030}}
    (folder / "results" / "run.json").write_text(json.dumps(body), encoding="utf-8")
    return folder


def test_kc01_report_into_another_runs_folder_is_refused(tmp_path):
    base = _run(tmp_path / "rbase", "base", "CN-SD", "t1")
    coast = _run(tmp_path / "rcoast", "coast", "CN-ZJ", "t2")
    with pytest.raises(OutputFolderError) as info:
        refuse_other_run(coast, base, "--out")
    text = str(info.value)
    assert "another run's results" in text
    assert "'coast'" in text
    assert "'base'" in text
    refuse_other_run(base, base, "--out")  # its own folder: the place of its report
    refuse_other_run(tmp_path / "new", base, "--out")  # a new folder


def test_kc101_report_folder_of_another_run_is_refused(tmp_path):
    base = _run(tmp_path / "rbase", "base", "CN-SD", "t1")
    coast = _run(tmp_path / "rcoast", "coast", "CN-ZJ", "t2")
    rep = tmp_path / "rep"
    rep.mkdir()
    mark = run_mark(coast, "../rcoast/results")
    # the checksum of run.json without its date ("created"), keys sorted
    kept = {"dataset": {"base_year": 2022, "horizon": 2030, "name": "coast", "region": "CN-ZJ"}}
    sha = hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()
    assert mark == f"<!-- carbonpath-run results=../rcoast/results/ sha256={sha} -->\n"
    # two runs of the same inputs differ only in the date and timings: the same mark, so
    # the main job writes the same report bytes twice (issue 11)
    again = _run(tmp_path / "again", "coast", "CN-ZJ", "t3")
    assert run_mark(again, "../rcoast/results") == mark
    (rep / "report.zh.md").write_text("# 报告\n" + mark, encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"report\.zh\.md, the report of another run"):
        refuse_other_run(rep, base, "--out")
    refuse_other_run(rep, coast, "--out")  # the same run again: replaced as before
    # a copy of the same run (same run.json) elsewhere is the same run
    copy = tmp_path / "copy"
    (copy / "results").mkdir(parents=True)
    (copy / "results" / "run.json").write_bytes((coast / "results" / "run.json").read_bytes())
    refuse_other_run(rep, copy, "--out")


def _part(path, inputs):
    frame = pd.DataFrame({"scenario": ["bau"], "sample": [0], "metric": ["status"],
                          "year": [0], "value": [1.0]})
    write_part(frame, path, inputs)
    return frame


def test_kc19_store_json_edited_is_named_not_the_part(tmp_path):
    store = tmp_path / "mc"
    (store / "parts").mkdir(parents=True)
    written = {"dataset": {}, "uncertainty": {}, "settings": {"samples": 8}}
    paths = [store / "parts" / "part-000000.parquet", store / "parts" / "part-000001.parquet"]
    frames = [_part(paths[0], written), _part(paths[1], written)]
    frames[1]["sample"] = [1]
    edited = {"dataset": {}, "uncertainty": {}, "settings": {"samples": 4}}
    with pytest.raises(StoreMismatchError) as info:
        check_parts(store, paths, frames, edited)
    text = str(info.value)
    assert "store.json and its parts disagree (samples 4 -> 8" in text
    assert "all 2 parts agree" in text
    assert "not its own" not in text
    # one part of other inputs beside one of the store's own: that part is named
    other = store / "parts" / "part-000002.parquet"
    frames.append(_part(other, written))
    frames[2]["sample"] = [2]
    _part(paths[1], edited)
    with pytest.raises(StoreMismatchError, match="not its own"):
        check_parts(store, [*paths, other], frames, edited)


def test_kc119_semicolon_table_is_one_problem():
    text = ("input;table;source\n"
            "a;parameters;catalogue (coal, fixed_om): low, high\n"
            "b;parameters;note, with commas\n")
    problems = structure_problems(text, "uncertainty.csv")
    assert len(problems) == 1  # not one ragged row per line (2 here)
    assert "separated by ';'" in problems[0].message
