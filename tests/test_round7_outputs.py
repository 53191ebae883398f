"""Round-7 case O02 (issue 11): what does an ``optimise --out`` folder hold?

After ``optimise tiny --scenario plan --out o1`` and then ``--scenario baseline --out o1`` the
tables were baseline's, and nothing in the folder said so. ``pathway.json`` now records the
dataset, the scenario, the peak year asked, the targets, the time blocks and the objective.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath.cli import app
from carbonpath.errors import OutputFolderError
from carbonpath.model.build import PathwayModel

runner = CliRunner()


def _described_as(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _described(folder):
    return _described_as(folder / "pathway.json")


def test_optimise_out_records_what_its_tables_hold(tmp_path):
    out = tmp_path / "o1"
    result = runner.invoke(app, ["optimise", "tiny", "--scenario", "plan", "--peak-year",
                                 "2026", "--hours", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    first = _described(out)
    assert (first["dataset"], first["scenario"], first["target_peak_year"]) == (
        "tiny", "plan", 2026)
    assert first["hours"] == 2
    assert [t["name"] for t in first["targets"]] == ["peak", "cap"]
    assert sorted(first["tables"]) == sorted(p.name for p in out.glob("*.csv"))
    # the objective is the tables' own discounted cost: the sum of costs.csv's discounted
    costs = pd.read_csv(out / "costs.csv")
    assert first["objective"] == pytest.approx(costs["discounted"].sum(), rel=1e-9)
    result = runner.invoke(app, ["optimise", "tiny", "--scenario", "baseline", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    second = _described(out)
    assert (second["scenario"], second["target_peak_year"], second["targets"]) == (
        "baseline", None, [])


def test_a_users_pathway_json_is_never_replaced(tmp_path):
    out = tmp_path / "o2"
    out.mkdir()
    (out / "pathway.json").write_text('{"mine": true}', encoding="utf-8")
    pathway = PathwayModel("tiny", scenario="baseline").solve()
    with pytest.raises(OutputFolderError, match=r"pathway\.json"):
        pathway.to_csv(out)
    assert (out / "pathway.json").read_text(encoding="utf-8") == '{"mine": true}'
    assert not list(out.glob("*.csv"))


def test_macc_out_records_what_its_tables_hold(tmp_path):
    # the kind of O02 for `macc --out`: the default scenario is the cost reference (baseline)
    out = tmp_path / "m"
    result = runner.invoke(app, ["macc", "tiny", "--year", "2030", "--steps", "1", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    described = _described_as(out / "macc.json")
    assert (described["dataset"], described["scenario"], described["year"]) == (
        "tiny", "baseline", 2030)
    assert (described["steps"], described["depth"], described["measures"]) == (1, 0.4, None)
