"""``load_written`` (issue 15): the run's report reads the results it has just written on demand.

The tables are those ``load_results`` reads (so the run's report is ``carbonpath report``'s,
byte for byte), but each is read on its first access: the IAMC table and the dispatch, which
the report never shows, are never parsed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from carbonpath.dataset import load_dataset
from carbonpath.report import render_report
from carbonpath.run import compute, run, save_results
from carbonpath.run_files import load_results, load_written


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run") / "r"
    save_results(compute(load_dataset("tiny"), peak_years=[], sensitivity=0.3), folder)
    return folder


def _same_tables(lazy, eager):
    assert list(lazy) == list(eager)  # the same tables, in the same order
    for name in eager:
        pd.testing.assert_frame_equal(lazy[name], eager[name], check_exact=True)


def test_the_tables_are_those_load_results_reads(saved):
    eager, lazy = load_results(saved), load_written(saved)
    assert lazy.meta == eager.meta
    assert list(lazy.pathways) == list(eager.pathways)
    for scenario in eager.pathways:
        _same_tables(lazy.pathways[scenario], eager.pathways[scenario])
    for group in ("inventory", "dataset_tables", "analysis"):
        _same_tables(getattr(lazy, group), getattr(eager, group))
    for table in ("peak_curve", "sensitivity", "iamc"):
        pd.testing.assert_frame_equal(getattr(lazy, table), getattr(eager, table),
                                      check_exact=True)


def test_a_table_is_read_on_its_first_access_only(saved, monkeypatch):
    read = []
    real = pd.read_csv

    def counting(path, **kwargs):
        read.append(Path(path).relative_to(saved).as_posix())
        return real(path, **kwargs)

    monkeypatch.setattr(pd, "read_csv", counting)
    lazy = load_written(saved)
    assert sorted(read) == ["iamc.csv", "peak_curve.csv", "sensitivity.csv"]  # the fields
    assert "dispatch" in lazy.pathways["plan"]  # listed without being read
    first = lazy.pathways["plan"]["emissions_total"]
    assert lazy.pathways["plan"]["emissions_total"] is first
    assert read.count("pathways/plan/emissions_total.csv") == 1
    assert "pathways/plan/dispatch.csv" not in read


def test_the_runs_report_is_the_rerendered_report_byte_for_byte(tmp_path):
    out = run("tiny", tmp_path / "out", report=True)
    first = tmp_path / "first"
    shutil.copytree(out, first, ignore=shutil.ignore_patterns("results"))
    render_report(out, out)  # from load_results, every table read and checked
    files = sorted(p.relative_to(first) for p in first.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    assert any(f.suffix == ".png" for f in files)
    assert any(f.suffix == ".html" for f in files)
    for rel in files:
        assert (out / rel).read_bytes() == (first / rel).read_bytes(), rel
