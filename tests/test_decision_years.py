"""first_decision_year away from base year + 1 (issue 11, FD01/FD03).

Years before ``first_decision_year`` are observed; a technology without capacity is fixed to
its observed activity there, at zero without one. With decisions from the base year, the
base year is a decision year everywhere (system MACC, the measure MACC's year).
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.dataset.scenarios import measures
from carbonpath.errors import DataError
from carbonpath.model.data import ModelData
from carbonpath.scenarios import system_macc
from tests.scenario_fixture import row, tiny_copy

# tiny's observed base-year activities (datasets/tiny/parameters.csv)
COAL = "coal_supply,activity,{year},2347.44,kt/yr,assumption: test\n"
IMPORT = "grid_import,activity,{year},0,GWh/yr,assumption: test\n"


def test_observed_years_without_activity_rows_are_named_before_solving(tmp_path):
    # decisions from 2027: 2025 and 2026 are observed; the coal supply and the grid import
    # (no capacity to dispatch) have activity rows for 2024 only
    folder = tiny_copy(tmp_path, first_decision_year=2027)
    with pytest.raises(DataError) as info:
        ModelData.from_dataset(cp.load_dataset(folder), "baseline")
    named = {p.message.split("'")[1]: p for p in info.value.problems}
    assert set(named) == {"coal_supply", "grid_import"}
    for problem in named.values():
        assert (problem.file, problem.column) == ("parameters.csv", "year")
        assert "observed years 2025, 2026" in problem.message
        assert "2025, 2026" in problem.valid
    # the observed years given: the data builds (capacitated plants are dispatched freely)
    with (folder / "parameters.csv").open("a", encoding="utf-8") as f:
        for year in (2025, 2026):
            f.write(COAL.format(year=year) + IMPORT.format(year=year))
    data = ModelData.from_dataset(cp.load_dataset(folder), "baseline")
    assert data.observed_years == [2024, 2025, 2026]
    assert data.techs["coal_supply"].observed[2026] == pytest.approx(2347.44)


def _decisions_from_the_base_year(tmp_path, **config):
    folder = tiny_copy(tmp_path, first_decision_year=2024, **config)
    params = folder / "parameters.csv"  # no observed activity in a decision year
    lines = params.read_text(encoding="utf-8").splitlines(keepends=True)
    params.write_text("".join(x for x in lines if ",activity,2024," not in x), encoding="utf-8")
    return cp.load_dataset(folder)


def test_the_base_year_is_a_decision_year_for_the_system_macc(tmp_path):
    ds = _decisions_from_the_base_year(tmp_path)
    assert ds.decision_years == list(range(2024, 2031))
    curve = system_macc(ds, year=2024, steps=1, depth=0.05)
    assert (curve.table["status"] == "optimal").all()
    # by default the base year is observed: not a decision year
    with pytest.raises(ValueError, match=r"2024 is not a decision year \(2025 \.\. 2030\)"):
        system_macc("tiny", year=2024, steps=1)


def test_the_measure_macc_may_take_the_base_year_when_it_is_decided(tmp_path):
    pv = {"name": "pv", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 1000, "MW", 2030)]}}
    ds = _decisions_from_the_base_year(tmp_path, measures={"year": 2024, "list": [pv]})
    assert [m["name"] for m in measures(ds)[1]] == ["pv"]
    with pytest.raises(DataError, match="decision year"):
        measures(cp.load_dataset(tiny_copy(tmp_path / "d", measures={
            "year": 2024, "list": [pv]})))
