"""Round-5 tester cases on Monte Carlo stores and their analysis (issue 11).

Kinds: a store read by a report is verified against its manifest (RE12 a deleted part, RE14
an edited store.json, an added part, a part replaced by a symbolic link); a part that is not
Parquet is a typed error naming it (SD06); the analysis functions refuse arguments outside
their domain with a carbonpath error naming what is valid (SD09 too few samples, SD10 a year
outside the model years, SD11 percentiles outside 0..100).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath.errors import ArgumentValueError, ResultsError
from carbonpath.report.montecarlo import montecarlo_extras
from carbonpath.sweeps import analysis, read_store
from carbonpath.sweeps.store import open_store
from carbonpath.sweeps.store_checks import check_store_files, damaged_store_files


def _rows(scenario, samples, years=(2025, 2030)):
    out = []
    for s in samples:
        out.append((scenario, s, "status", None, np.nan, "optimal"))
        out.append((scenario, s, "cost", None, float(100 + s), None))
        for y in years:
            out.append((scenario, s, "emissions", y, float(10 * s + y - 2000), None))
    return out


@pytest.fixture
def store(tmp_path):
    """A store of two parts (2 samples each) written through the store's own API."""
    fake = SimpleNamespace(checksums={"dataset.yaml": "abc"})
    inputs = pd.DataFrame({"sample": [0, 1, 2, 3], "input": "a", "value": [0.1, 0.2, 0.3, 0.4]})
    st_ = open_store(tmp_path / "mc", fake, fake, {"samples": 4}, inputs)
    st_.append(_rows("plan", [0, 1]))
    st_.append(_rows("plan", [2, 3]))
    return tmp_path / "mc"


def _extras(folder):
    sums = {"dataset.yaml": "abc"}  # the store's dataset checksums: the same dataset
    return montecarlo_extras(folder, SimpleNamespace(meta={"dataset": {"checksums": sums}}))


def test_an_unchanged_store_passes_and_reads_every_part(store):
    assert damaged_store_files(store) == []
    check_store_files(store)
    frame = read_store(store)
    # by hand: 2 parts x 2 samples x (status, cost, 2 emissions) = 16 rows
    assert len(frame) == 16


def test_a_deleted_part_is_named_missing_not_no_samples_yet(store):  # RE12
    part = store / "parts" / "part-000000.parquet"
    part.unlink()
    with pytest.raises(ResultsError, match=r"part-000000\.parquet \(missing\)"):
        _extras(store)


def test_an_edited_store_json_is_refused(store):  # RE14
    path = store / "store.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["inputs"]["settings"]["samples"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResultsError, match=r"store\.json \(changed\)"):
        _extras(store)


def test_an_added_part_and_a_linked_part_are_named(store, tmp_path):
    extra = store / "parts" / "part-000009.parquet"
    extra.write_bytes((store / "parts" / "part-000001.parquet").read_bytes())
    part = store / "parts" / "part-000000.parquet"
    copy = tmp_path / "copy.parquet"
    copy.write_bytes(part.read_bytes())
    part.unlink()
    part.symlink_to(copy)  # identical content, still refused: a link can change later
    found = {p.name: what for p, what in damaged_store_files(store)}
    assert found == {"part-000009.parquet": "not written by carbonpath",
                     "part-000000.parquet": "a symbolic link"}
    with pytest.raises(ResultsError, match="symbolic links are not accepted"):
        _extras(store)


def test_a_truncated_part_is_a_results_error_naming_it(store):  # SD06
    part = store / "parts" / "part-000001.parquet"
    part.write_bytes(part.read_bytes()[:100])
    with pytest.raises(ResultsError, match=r"part-000001\.parquet is damaged"):
        read_store(store)
    with pytest.raises(ResultsError, match=r"part-000001\.parquet \(changed\)"):
        _extras(store)


def _many(n):
    rows = _rows("plan", range(n))
    results = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                          "text"])
    inputs = pd.DataFrame({"sample": range(n), "input": "a", "value": np.linspace(0, 1, n)})
    unc = SimpleNamespace(inputs=[SimpleNamespace(name="a", group="A")])
    return results, inputs, unc


def test_sensitivity_refuses_fewer_samples_than_the_estimators_need():  # SD09
    results, inputs, unc = _many(analysis.MIN_SAMPLES - 1)
    with pytest.raises(ArgumentValueError, match=f"needs at least {analysis.MIN_SAMPLES}"):
        analysis.sensitivity(results, inputs, unc)
    results, inputs, unc = _many(analysis.MIN_SAMPLES)
    # cost = 100 + sample rises with the input: the only group, index > 0, rank 1
    frame = analysis.sensitivity(results, inputs, unc)
    assert frame["rank"].tolist() == [1]
    assert frame["index"].iloc[0] > 0


def test_sensitivity_names_the_model_years_and_the_metrics():  # SD10
    results, inputs, unc = _many(analysis.MIN_SAMPLES)
    with pytest.raises(ArgumentValueError, match="are one of 2025, 2030"):
        analysis.sensitivity(results, inputs, unc, "emissions", year=2035)
    with pytest.raises(ArgumentValueError, match=r"give year= one of 2025\.\.2030"):
        analysis.sensitivity(results, inputs, unc, "emissions")
    with pytest.raises(ArgumentValueError, match="metrics with values: cost, emissions"):
        analysis.sensitivity(results, inputs, unc, "price")
    with pytest.raises(ArgumentValueError, match="valid: plan"):
        analysis.sensitivity(results, inputs, unc, scenario="nope")
    frame = analysis.sensitivity(results, inputs, unc, "emissions", year=2030)
    assert frame["samples"].tolist() == [analysis.MIN_SAMPLES]


@given(st.lists(st.one_of(st.floats(allow_nan=True), st.integers(-500, 500)), min_size=1,
                max_size=4))
def test_bands_accepts_exactly_the_percentiles_in_0_to_100(percentiles):  # SD11
    results, _, _ = _many(4)
    valid = all(np.isfinite(p) and 0 <= p <= 100 for p in percentiles)
    if valid:
        frame = analysis.bands(results, tuple(percentiles))
        cost = frame[frame["metric"] == "cost"].iloc[0]
        # costs 100..103: numpy's linear percentile p is 100 + 3 p / 100
        for p in percentiles:
            assert cost[f"p{p:g}"] == pytest.approx(100 + 3 * p / 100)
    else:
        with pytest.raises(ArgumentValueError, match=r"numbers in 0\.\.100"):
            analysis.bands(results, tuple(percentiles))


def test_the_same_scenarios_in_another_order_resume_the_store(tmp_path):  # SD08
    from carbonpath.errors import StoreMismatchError

    fake = SimpleNamespace(checksums={"dataset.yaml": "abc"})
    inputs = pd.DataFrame({"sample": [0], "input": "a", "value": [0.1]})
    first = open_store(tmp_path / "mc", fake, fake, {"scenarios": ["baseline", "plan"]}, inputs)
    first.append(_rows("plan", [0]))
    again = open_store(tmp_path / "mc", fake, fake, {"scenarios": ["plan", "baseline"]}, inputs)
    assert again.done() == {("plan", 0)}  # resumed: the finished sample is not solved again
    with pytest.raises(StoreMismatchError, match="scenarios"):
        open_store(tmp_path / "mc", fake, fake, {"scenarios": ["plan"]}, inputs)


def test_failure_reasons_give_the_most_frequent_explanation_per_status():  # MS14
    rows = [("plan", s, "status", None, np.nan, "invalid") for s in range(3)]
    rows += [("plan", 0, "explanation", None, np.nan, "max_capacity below residual"),
             ("plan", 1, "explanation", None, np.nan, "other"),
             ("plan", 2, "explanation", None, np.nan, "max_capacity below residual"),
             ("base", 0, "status", None, np.nan, "optimal"),
             ("base", 1, "status", None, np.nan, "infeasible")]
    results = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                          "text"])
    got = analysis.failure_reasons(results).set_index(["scenario", "status"])
    # by hand: plan has 3 invalid samples, 2 of them (0 and 2) with the same reason; base's
    # infeasible sample has no explanation row; its optimal sample is not listed
    assert list(got.index) == [("base", "infeasible"), ("plan", "invalid")]
    assert tuple(got.loc[("plan", "invalid")]) == (3, "max_capacity below residual", 0, 2)
    assert tuple(got.loc[("base", "infeasible")]) == (1, "(no explanation recorded)", 1, 1)
