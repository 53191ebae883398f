"""The report reads a Monte Carlo store: peak probability, fan chart, what decides the peak."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath import load_dataset
from carbonpath.cli import app
from carbonpath.errors import StoreMismatchError
from carbonpath.report import render_report
from carbonpath.report.montecarlo import MIN_SAMPLES, _check_hours, sensitivity_groups
from carbonpath.sweeps import analysis, montecarlo
from carbonpath.sweeps.store import open_store

TARGET = 2026  # tiny's plan: no increase after 2026 (datasets/tiny/plan.yaml)


SAMPLES = 8


@pytest.fixture(scope="module")
def runs(tiny_out, tmp_path_factory) -> tuple[Path, Path]:
    """tiny's results and a store of a few samples of both scenarios, in this process."""
    root = tmp_path_factory.mktemp("report-mc")
    results = tiny_out / "results"
    montecarlo("tiny", samples=SAMPLES, seed=3, workers=1, out=root / "mc")
    return results, root / "mc"


def _peak_table(html: str) -> dict[str, list[str]]:
    table = re.search(r'id="table-peak">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", table, re.S)
    return {name: re.findall(r"<td[^>]*>(.*?)</td>", rest) for name, rest in rows}


def test_the_report_shows_the_store_s_probability_of_peaking(runs, tmp_path, placeholder_png):
    results, store = runs
    # by hand, from the store's Parquet parts: samples whose peak year is <= the target,
    # over all samples of the scenario (a status row each; infeasible ones count as not peaked)
    rows = pd.concat([pd.read_parquet(p) for p in sorted((store / "parts").glob("*.parquet"))])
    expected = {}
    for scenario in ("baseline", "plan"):
        mine = rows[rows["scenario"] == scenario]
        samples = (mine["metric"] == "status").sum()
        peaks = mine[mine["metric"] == "peak_year"]["value"]
        assert samples == SAMPLES
        expected[scenario] = int((peaks <= TARGET).sum()) / samples
    written = render_report(results, tmp_path / "out", montecarlo=store)
    html = written["html"].read_text(encoding="utf-8")
    table = _peak_table(html)
    for scenario, p in expected.items():
        assert f"{p * 100:.0f} %" in table[scenario], (scenario, p, table[scenario])
    assert 0 < expected["baseline"] < 1  # a probability that is not trivially 0 or 1
    assert f"{SAMPLES} Monte Carlo samples" in html
    overview = re.search(r'<section id="overview">(.*?)</section>', html, re.S).group(1)
    assert 'id="figure-fan"' in overview
    # too few samples for a global ranking: the one-at-a-time tornado stays
    assert 'id="figure-decides"' not in overview


def test_the_global_ranking_of_the_peak_year_replaces_the_tornado(runs, tmp_path,
                                                                  placeholder_png):
    results, _ = runs
    # MIN_SAMPLES baseline samples, stored without the store's own (slow) cost summaries
    mc = montecarlo("tiny", samples=MIN_SAMPLES, seed=3, workers=1, scenarios=["baseline"])
    store = open_store(tmp_path / "mc", load_dataset("tiny"), mc.uncertainty,
                       {"samples": MIN_SAMPLES}, mc.inputs)
    store.append(list(mc.results[list(mc.results.columns)].itertuples(index=False,
                                                                       name=None)))
    written = render_report(results, tmp_path / "out", montecarlo=tmp_path / "mc")
    html = written["html"].read_text(encoding="utf-8")
    overview = re.search(r'<section id="overview">(.*?)</section>', html, re.S).group(1)
    assert 'id="figure-decides"' in overview
    assert 'id="figure-tornado"' not in overview
    # the ranking named equals SALib's PAWN over the dataset's declared groups (the report
    # recovers the groups from the samples' ranks)
    expected = analysis.sensitivity(mc.results, mc.inputs, mc.uncertainty, metric="peak_year",
                                    method="pawn", scenario="baseline")
    assert expected["index"].max() > 0
    top = expected[expected["index"] > 0].sort_values(["rank", "group"])["group"].head(3)
    assert f"most, ranked on its {MIN_SAMPLES} Monte Carlo samples" in overview
    assert f"(SALib): {', '.join(top)}." in overview


def test_groups_are_recovered_from_shared_ranks():
    inputs = pd.DataFrame({"sample": [0, 1, 2] * 3, "input": ["a"] * 3 + ["b"] * 3 + ["c"] * 3,
                           "value": [1.0, 3.0, 2.0, 10.0, 30.0, 20.0, 5.0, 4.0, 6.0]})
    groups = {s.name: s.group for s in sensitivity_groups(inputs).inputs}
    assert groups == {"a": "a", "b": "a", "c": "c"}


def test_a_store_of_another_dataset_is_refused(runs, tmp_path):
    results, store = runs
    other = shutil.copytree(store, tmp_path / "mc")
    manifest = json.loads((other / "store.json").read_text(encoding="utf-8"))
    name = sorted(manifest["inputs"]["dataset"])[0]
    manifest["inputs"]["dataset"][name] = "0" * 64  # as if that file had other contents
    (other / "store.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreMismatchError, match=re.escape(name)):
        render_report(results, tmp_path / "out", montecarlo=other)
    assert not (tmp_path / "out" / "report.html").exists()
    result = CliRunner().invoke(app, ["report", str(results), "--out", str(tmp_path / "o2"),
                                      "--montecarlo", str(other)])
    assert result.exit_code == 1  # a data error (2 is for usage errors only)
    assert "another dataset" in result.output


@pytest.mark.parametrize("hours", [2, 1])
def test_a_store_solved_at_other_hours_is_refused(runs, tmp_path, hours):
    # B97: a store made with `montecarlo --hours 2` against results run at tiny's own 4
    # blocks a day (datasets/tiny/dataset.yaml timeslices.hours: 4). The fixture's store (no
    # --hours) is accepted by the tests above. The edited store.json is also "damaged", but
    # the resolution is named first, as another dataset is.
    results, store = runs
    other = shutil.copytree(store, tmp_path / "mc")
    manifest = json.loads((other / "store.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["settings"]["hours"] is None  # the fixture's store: no --hours
    manifest["inputs"]["settings"]["hours"] = hours  # as if solved with --hours
    (other / "store.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreMismatchError, match=rf"solved at {hours} block\(s\) a day.*"
                                                 r"these results at 4") as err:
        render_report(results, tmp_path / "out", montecarlo=other, formats=["png"])
    assert err.value.differences == ["hours"]


def _meta(run_hours: int) -> SimpleNamespace:
    """Results as run.json records them: a dataset of 24 profile hours, model_hours 12."""
    return SimpleNamespace(meta={
        "dataset": {"name": "city", "timeslices": {"hours": 24, "model_hours": 12}},
        "scenarios": {"plan": {"resolution": {"hours": run_hours, "days": 4}}}})


def test_a_store_without_hours_is_at_the_dataset_s_model_hours(tmp_path):
    # round 18 R12: `montecarlo` without --hours solves at the dataset's model_hours (12 here,
    # as carbonpath.model.data.model_hours chooses), so results run at 12 match the store;
    # results run at --hours 24 do not, and the store is named as solved at 12, not 24.
    store = {"inputs": {"settings": {"hours": None}}}
    _check_hours(tmp_path / "mc", store, _meta(12))  # accepted
    with pytest.raises(StoreMismatchError, match=r"solved at 12 block\(s\) a day.*"
                                                 r"these results at 24"):
        _check_hours(tmp_path / "mc", store, _meta(24))
    # a store made with --hours 24 against the same dataset's results run at 24: accepted
    _check_hours(tmp_path / "mc", {"inputs": {"settings": {"hours": 24}}}, _meta(24))
