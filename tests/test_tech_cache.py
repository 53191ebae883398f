"""The disk cache of built technologies (carbonpath.model.tech_cache, issue 15).

Every expected model data is built without the cache (``CARBONPATH_CACHE_DIR=off``); a new
process is imitated by emptying the in-process share of technologies (``_SHARED``); edits are
ones a user makes to the files or to the tables in Python.
"""

from __future__ import annotations

import dataclasses
import shutil
import warnings

import numpy as np
import pytest

import carbonpath._resources as resources
import carbonpath._warning_record as warning_record
from carbonpath import load_dataset
from carbonpath.errors import CarbonpathWarning
from carbonpath.model import shared_techs
from carbonpath.model.data import ModelData
from carbonpath.model.tech_cache import KIND, technologies_key
from carbonpath.model.techrows import TechRows


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder and no technologies shared in memory; returns the kind's folder."""
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(shared_techs, "_SHARED", type(shared_techs._SHARED)())
    # Threads other tests of the session leave idle (executor pools) would make the cache keep
    # nothing (test_nothing_is_kept_while_another_thread_runs); these tests are about what
    # is kept, so they run as a lone process would.
    monkeypatch.setattr(warning_record, "alone", lambda: True)
    return tmp_path / "cache" / KIND


@pytest.fixture
def built(monkeypatch):
    """The codes of the technologies built from their rows (a hit builds none)."""
    codes: list[str] = []
    original = TechRows._tech
    monkeypatch.setattr(TechRows, "_tech",
                        lambda self, row, *a: codes.append(row["technology"])
                        or original(self, row, *a))
    return codes


def _same(a, b, where: str) -> None:
    """Two built values equal all the way down (arrays cell by cell, with dtypes)."""
    assert type(a) is type(b), where
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype, where
        np.testing.assert_array_equal(a, b, err_msg=where)
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert repr(a) == repr(b), where


def _fresh_process() -> None:
    shared_techs._SHARED.clear()


def test_a_hit_equals_a_build_without_cache(cache, built, monkeypatch):
    ds = load_dataset("tiny")
    first = ModelData.from_dataset(ds, "baseline")  # a miss: built, then kept
    assert len(list(cache.glob("*.pickle"))) == 1
    codes = sorted(ds.tables["technologies"]["technology"])
    assert sorted(built) == codes
    built.clear()
    _fresh_process()
    hits = {s: ModelData.from_dataset(load_dataset("tiny"), s) for s in ("baseline", "plan")}
    assert built == []  # read back, none built from its rows
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    for scenario, hit in hits.items():
        _fresh_process()
        expected = ModelData.from_dataset(load_dataset("tiny"), scenario)
        _same(hit.techs, expected.techs, f"{scenario}.techs")
        _same(hit.targets, expected.targets, f"{scenario}.targets")
    _same(first.techs, hits["baseline"].techs, "first build")


def test_an_edited_input_is_another_key(cache, built, tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(resources.data_path("datasets") / "tiny", folder)
    ds = load_dataset(folder)
    key = technologies_key(ds, 4, None)
    assert key is not None
    assert technologies_key(ds, 4, None) == key
    assert technologies_key(ds, 2, None) != key  # another model resolution
    ModelData.from_dataset(ds, "baseline")
    # a parameter of one technology, edited in the file: the whole set is built again
    params = folder / "parameters.csv"
    lines = params.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines)
               if line.startswith("coal_power,capex,"))
    cells = lines[row].split(",")
    before = float(cells[3])
    cells[3] = repr(before * 2)
    lines[row] = ",".join(cells)
    params.write_text("".join(lines), encoding="utf-8")
    _fresh_process()
    built.clear()
    edited = load_dataset(folder)
    assert technologies_key(edited, 4, None) != key
    data = ModelData.from_dataset(edited, "baseline")
    assert "coal_power" in built
    assert data.techs["coal_power"].capex[0] == pytest.approx(2 * ModelData.from_dataset(
        ds, "baseline").techs["coal_power"].capex[0])
    # a table edited in Python (not in the file) is another key too
    again = load_dataset(folder)
    again.tables["parameters"].loc[again.tables["parameters"].index[0], "source"] = "x"
    assert technologies_key(again, 4, None) != technologies_key(edited, 4, None)


def test_a_factor_table_given_is_not_cached(cache):
    from carbonpath.factors import load_factors

    assert technologies_key(load_dataset("tiny"), 4, load_factors()) is None


def test_a_build_that_warned_is_given_again_and_not_kept(cache, monkeypatch):
    original = TechRows._tech

    def warning_tech(self, row, *a):
        if row["technology"] == "coal_power":
            warnings.warn("a test warning from one technology", CarbonpathWarning,
                          stacklevel=1)
        return original(self, row, *a)

    monkeypatch.setattr(TechRows, "_tech", warning_tech)
    for _ in range(2):  # each build warns: nothing was kept that would skip it
        _fresh_process()
        with pytest.warns(CarbonpathWarning, match="a test warning from one technology"):
            ModelData.from_dataset(load_dataset("tiny"), "baseline")
        assert list(cache.glob("*.pickle")) == []
    with warnings.catch_warnings():  # the caller's filters still apply to the warning
        warnings.simplefilter("error")
        _fresh_process()
        with pytest.raises(CarbonpathWarning):
            ModelData.from_dataset(load_dataset("tiny"), "baseline")


def test_a_damaged_entry_is_ignored_and_written_again(cache, built, monkeypatch):
    ModelData.from_dataset(load_dataset("tiny"), "baseline")
    (entry,) = cache.glob("*.pickle")
    blob = bytearray(entry.read_bytes())
    blob[-20] ^= 0xFF  # one flipped byte in the pickle: its digest no longer matches
    entry.write_bytes(bytes(blob))
    _fresh_process()
    built.clear()
    data = ModelData.from_dataset(load_dataset("tiny"), "baseline")
    assert sorted(built) == sorted(data.techs)  # built again from the rows
    assert entry.read_bytes() != bytes(blob)  # and a sound entry written over it
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    _fresh_process()
    _same(data.techs, ModelData.from_dataset(load_dataset("tiny"), "baseline").techs, "techs")


def test_nothing_is_kept_while_another_thread_runs(cache, built, monkeypatch):
    monkeypatch.setattr(warning_record, "alone", lambda: False)
    ModelData.from_dataset(load_dataset("tiny"), "baseline")
    assert not cache.exists() or not list(cache.glob("*.pickle"))
    built.clear()
    _fresh_process()
    ModelData.from_dataset(load_dataset("tiny"), "baseline")
    assert sorted(built) == sorted(load_dataset("tiny").tables["technologies"]["technology"])
