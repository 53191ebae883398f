"""Round-23 tester cases on Monte Carlo stores and uncertainty.csv (issue 11).

Kinds: a part of another store is refused with or without the store's manifest, by the
inputs each part records and by samples two parts both hold (F72); a store without a
manifest is reported as unverified, as a results folder is (F69); a store of another dataset
names both datasets (F12); a store resumes without ``--hours`` when the dataset's own
resolution is the store's (F97); a relative range on rows whose value is 0 is refused (F128);
a discrete value listed twice is warned of (F45).
"""

from __future__ import annotations

import shutil
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from carbonpath import load_dataset
from carbonpath.dataset.distributions import RepeatedValueWarning
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.errors import DataError, StoreMismatchError
from carbonpath.output_changes import UnverifiedResultsWarning
from carbonpath.outputs import MANIFEST
from carbonpath.report.caveats import caveats
from carbonpath.report.montecarlo import montecarlo_extras
from carbonpath.sweeps import read_store
from carbonpath.sweeps.store import open_store

SUMS = {"dataset.yaml": "abc"}


def _rows(scenario, samples):
    return [row for s in samples for row in (
        (scenario, s, "status", None, np.nan, "optimal"),
        (scenario, s, "emissions", 2030, float(10 * s), None))]


def _store(folder, settings, samples):
    fake = SimpleNamespace(checksums=SUMS)
    inputs = pd.DataFrame({"sample": list(samples), "input": "a", "value": 0.5})
    store = open_store(folder, fake, fake, {"samples": len(samples), **settings}, inputs)
    store.append(_rows("plan", samples))
    return folder


def _result(name="base"):
    return SimpleNamespace(meta={"dataset": {"checksums": SUMS, "name": name}})


def test_a_part_of_a_store_at_other_hours_is_refused_without_the_manifest(tmp_path):  # F72
    mine = _store(tmp_path / "mc", {"hours": 4}, [0, 1])
    other = _store(tmp_path / "h2", {"hours": 2}, [2, 3])  # other sample ids: no overlap
    (mine / MANIFEST).unlink()  # a copy that skipped hidden files
    shutil.copy(other / "parts" / "part-000000.parquet", mine / "parts" / "part-000001.parquet")
    with pytest.raises(StoreMismatchError, match=r"part-000001\.parquet \(hours 4 -> 2\)"):
        read_store(mine)
    # the store's own part alone reads: 2 samples x (status, emissions) = 4 rows
    (mine / "parts" / "part-000001.parquet").unlink()
    assert len(read_store(mine)) == 4


def test_parts_holding_the_same_samples_are_refused_naming_both(tmp_path):  # F72, old parts
    folder = _store(tmp_path / "mc", {}, [0, 1, 2, 3])
    (folder / MANIFEST).unlink()
    # a part written before parts recorded their inputs: plain Parquet, samples 0..2 again
    frame = pd.DataFrame(_rows("plan", [0, 1, 2]),
                         columns=["scenario", "sample", "metric", "year", "value", "text"])
    frame.to_parquet(folder / "parts" / "part-000001.parquet", index=False)
    with pytest.raises(StoreMismatchError, match=r"part-000001\.parquet holds sample\(s\) "
                                                 r"plan 0, plan 1, plan 2 that "
                                                 r"parts/part-000000\.parquet holds"):
        read_store(folder)


def test_a_store_without_its_manifest_is_reported_unverified(tmp_path):  # F69
    folder = _store(tmp_path / "mc", {}, [0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnverifiedResultsWarning)
        extras = montecarlo_extras(folder, _result())  # with its manifest: quiet
    assert "unverified_montecarlo" not in extras
    (folder / MANIFEST).unlink()
    with pytest.warns(UnverifiedResultsWarning, match=r"no \.carbonpath-manifest\.json lists "
                                                      "the store's files"):
        extras = montecarlo_extras(folder, _result())
    texts = caveats(lambda key, **_: key, {}, extras)
    assert texts == ["caveat_unverified_montecarlo"]


def test_a_store_of_another_dataset_names_both_datasets(tmp_path):  # F12
    folder = _store(tmp_path / "mc", {"dataset": "tiny"}, [0, 1])
    other = SimpleNamespace(meta={"dataset": {"checksums": {"dataset.yaml": "xyz"},
                                              "name": "base"}})
    with pytest.raises(StoreMismatchError) as caught:
        montecarlo_extras(folder, other)
    text = str(caught.value)
    assert "made from dataset 'tiny', these results from dataset 'base'" in text
    assert "carbonpath run" not in text  # running base again cannot make it match


def _dataset(model_hours):
    return SimpleNamespace(checksums=SUMS, hours=24,
                           config={"timeslices": {"model_hours": model_hours}})


def test_a_store_resumes_without_hours_at_the_dataset_s_own_resolution(tmp_path):  # F97
    inputs = pd.DataFrame({"sample": [0], "input": "a", "value": [0.5]})
    first = open_store(tmp_path / "mc", _dataset(4), _dataset(4), {"hours": 4}, inputs)
    first.append(_rows("plan", [0]))
    again = open_store(tmp_path / "mc", _dataset(4), _dataset(4), {"hours": None}, inputs)
    assert again.done() == {("plan", 0)}
    # the dataset's own is 2 blocks a day (24 divisible by 2): another model, named
    with pytest.raises(StoreMismatchError, match=r"hours 4 -> the dataset's own \(2\)"):
        open_store(tmp_path / "mc", _dataset(2), _dataset(2), {"hours": None}, inputs)


UNCERTAINTY = ("input,table,technology,parameter,year,scale,distribution,low,high,values,"
               "weights,unit,group,source\n")


def test_a_relative_range_on_a_zero_value_is_refused(tiny):  # F128
    path = tiny / "parameters.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "battery,capex,,600,", "battery,capex,,0,"), encoding="utf-8")
    (tiny / "uncertainty.csv").write_text(
        UNCERTAINTY + "bat,parameters,battery,capex,,relative,uniform,0.5,1.5,,,1,,x\n",
        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_uncertainty(load_dataset(tiny))
    (problem,) = caught.value.problems
    # by hand: 0 x 0.5 = 0 x 1.5 = 0, the same in every sample
    assert (problem.row, problem.column) == (2, "scale")
    assert "would be 0 in every sample" in problem.message
    assert "scale absolute" in problem.valid
    assert "CNY/kW" in problem.valid
    # an absolute range on the same row is a cost given to a placeholder: accepted
    (tiny / "uncertainty.csv").write_text(
        UNCERTAINTY + "bat,parameters,battery,capex,,absolute,uniform,300,500,,,CNY/kW,,x\n",
        encoding="utf-8")
    assert load_uncertainty(load_dataset(tiny)).inputs[0].name == "bat"


def test_a_repeated_discrete_value_is_warned_naming_the_row(tiny):  # F45
    (tiny / "uncertainty.csv").write_text(
        UNCERTAINTY + "pv,parameters,pv,capex,,relative,discrete,,,0.9 1.0 1.0,,1,,x\n",
        encoding="utf-8")
    dataset = load_dataset(tiny)
    with pytest.warns(RepeatedValueWarning) as caught:
        load_uncertainty(dataset)
    text = str(caught[0].message)
    # by hand: 1.0 is 2 of the 3 equally likely values; the same draw is 0.9 1.0 weighted 1 2
    assert "row 2 'values'" in text
    assert "probability 2/3" in text
    assert "values 0.9 1.0 with weights 1 2" in text
    (tiny / "uncertainty.csv").write_text(
        UNCERTAINTY + "pv,parameters,pv,capex,,relative,discrete,,,0.9 1.0 1.1,,1,,x\n",
        encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RepeatedValueWarning)
        assert load_uncertainty(load_dataset(tiny)).inputs[0].distribution.values == (
            0.9, 1.0, 1.1)
