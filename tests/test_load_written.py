"""``load_written`` (issue 15): the run's report reads the results it has just written on demand.

The tables are those ``load_results`` reads (so the run's report is ``carbonpath report``'s,
byte for byte), but each is read on its first access: the IAMC table and the dispatch, which
the report never shows, are never parsed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from carbonpath.run_files import load_results, load_written


@pytest.fixture(scope="module")
def out(tiny_report_out):
    """The tiny job, run with its report (from ``load_written``): the session's read-only
    ``tiny_report_out`` (tests/conftest.py)."""
    return tiny_report_out


@pytest.fixture(scope="module")
def saved(out):
    return out / "results"


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


def test_the_runs_report_is_the_rerendered_report_byte_for_byte(out, tiny_rerendered):
    # `carbonpath report <out> --out <again>` (render_report from load_results, every table
    # read and checked), rendered once per session (tests/conftest.py)
    again = tiny_rerendered
    files = sorted(p.relative_to(out) for p in out.rglob("*")
                   if p.is_file() and not p.name.startswith(".")
                   and p.relative_to(out).parts[0] != "results")
    assert any(f.suffix == ".png" for f in files)
    assert any(f.suffix == ".html" for f in files)
    for rel in files:
        mine, theirs = (out / rel).read_bytes(), (again / rel).read_bytes()
        if rel.suffix in (".html", ".md"):  # the links to results/ are relative to the page
            link = os.path.relpath(out / "results", again).encode()
            theirs = theirs.replace(link + b"/", b"results/")
        assert mine == theirs, rel
