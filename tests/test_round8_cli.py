"""Round-8 cases MS05 and DY06 of the macc command."""

from __future__ import annotations

from typer.testing import CliRunner

from carbonpath.cli import app
from tests.scenario_fixture import tiny_copy


def test_ms05_max_shapley_without_measures_is_a_usage_error():
    result = CliRunner().invoke(app, ["macc", "tiny", "--max-shapley", "2"])
    assert result.exit_code == 1
    assert "--max-shapley applies to the measure curve: give it with --measures" \
        in result.output
    assert "System MACC" not in result.output  # refused before any solve


def test_dy06_macc_cost_label_names_the_discount_year(tmp_path):
    folder = tiny_copy(tmp_path, discount_year=2030)
    result = CliRunner().invoke(app, ["macc", str(folder), "--steps", "1"])
    assert result.exit_code == 0, result.output
    assert "cost MCNY (discounted to 2030)" in result.output
