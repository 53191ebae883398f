"""The measure MACC says how it attributes (issue 11, M15).

Shapley values need 2^n solves; above ``max_shapley`` measures the attribution is the
sequential order of the list, whose numbers depend on that order. The command's help says
so, a run names the method used, and the table records it.
"""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from carbonpath.cli import app
from tests.scenario_fixture import row, tiny_copy


def _two_measures(tmp_path):
    pv = {"name": "pv", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1000, "MW", 2030)]}}
    imports = {"name": "imports", "source": "assumption: test", "changes": {"parameters": [
        row("grid_import", "min_activity", 0, "GWh/yr", 2025),
        row("grid_import", "min_activity", 800, "GWh/yr", 2030)]}}
    return tiny_copy(tmp_path, measures={"list": [pv, imports]})


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_the_help_says_when_the_order_counts():
    result = CliRunner().invoke(app, ["macc", "--help"], env={"COLUMNS": "200"})
    text = _flat(result.output)
    assert "Shapley values (2^n solves) up to --max-shapley measures" in text
    assert "above that the sequential order of the list" in text


def test_more_measures_than_max_shapley_are_named_sequential(tmp_path):
    folder = _two_measures(tmp_path)
    out = tmp_path / "out"
    args = ["macc", str(folder), "--year", "2030", "--steps", "1", "--measures"]
    result = CliRunner().invoke(app, [*args, "--max-shapley", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = _flat(result.output)
    assert "note: 2 measures, more than --max-shapley 1: attributed in the sequential order" \
        in text
    assert "(--max-shapley 2: 2^2 = 4 solves)" in text
    assert set(pd.read_csv(out / "measures.csv")["method"]) == {"sequential"}
    # within the limit: Shapley values, no note, recorded as such
    shapley = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert shapley.exit_code == 0, shapley.output
    assert "note:" not in shapley.output
    assert "Measures (shapley, 4 solves" in shapley.output
    assert set(pd.read_csv(out / "measures.csv")["method"]) == {"shapley"}


def test_max_shapley_outside_its_range_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["macc", "tiny", "--measures", "--max-shapley", "13"])
    assert result.exit_code != 0
    assert "--max-shapley must be from 0 to 12" in _flat(result.output)
    assert "Traceback" not in result.output
