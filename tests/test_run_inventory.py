"""The disk cache of a run's base-year inventory (carbonpath.run_inventory, issue 15).

Every expected inventory is computed without the cache (``CARBONPATH_CACHE_DIR=off``, or
:func:`carbonpath.run.dataset_inventory` called directly); edits are ones a user makes to
the files.
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
import carbonpath._resources as resources
import carbonpath.run
from carbonpath.errors import CarbonpathWarning
from carbonpath.run import dataset_inventory, run
from carbonpath.run_inventory import KIND, cached_inventory, inventory_key


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder; returns its ``inventories/`` subfolder."""
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / KIND


@pytest.fixture
def lone(monkeypatch):
    """The inventory kept as in a process of one thread.

    Threads another test file of the session leaves idle (dask's offload thread, once a dask
    cluster ran in this process) make the cache keep nothing
    (test_not_kept_while_another_thread_runs); the tests using this are about what is kept
    and how warnings are issued again, so they run as a lone process would, whatever file
    ran before them in the process.
    """
    monkeypatch.setattr(carbonpath.run_inventory, "_alone", lambda: True)


@pytest.fixture
def tiny(tmp_path):
    """A copy of the tiny dataset the test may edit."""
    folder = tmp_path / "tiny"
    shutil.copytree(resources.data_path("datasets") / "tiny", folder)
    return folder


class Counted:
    """``dataset_inventory`` counting its calls (the cache's misses)."""

    def __init__(self, warn: str | None = None):
        self.calls = 0
        self.warn = warn

    def __call__(self, ds):
        self.calls += 1
        if self.warn:
            warnings.warn(self.warn, CarbonpathWarning, stacklevel=1)
        return dataset_inventory(ds)


def assert_same(found, expected):
    """Every attribute of two inventories equal (frames cell by cell, with dtypes)."""
    assert type(found) is type(expected)
    assert vars(found).keys() == vars(expected).keys()
    for name, value in vars(expected).items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(vars(found)[name], value)
        else:
            assert vars(found)[name] == value, name


@pytest.mark.usefixtures("lone")
def test_a_hit_equals_the_computation_without_cache(cache, monkeypatch):
    ds = cp.load_dataset("tiny")
    compute = Counted()
    first = cached_inventory(ds, compute)
    second = cached_inventory(ds, compute)
    assert compute.calls == 1  # the second was read back
    assert len(list(cache.glob("*.pickle"))) == 1
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    expected = dataset_inventory(cp.load_dataset("tiny"))
    assert_same(first, expected)
    assert_same(second, expected)


@pytest.mark.usefixtures("lone")
def test_an_edited_activity_file_is_another_key(cache, tiny):
    before = inventory_key(cp.load_dataset(tiny))
    path = tiny / "activity.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ds = cp.load_dataset(tiny)
    assert inventory_key(ds) not in (None, before)
    compute = Counted()
    assert_same(cached_inventory(ds, compute), dataset_inventory(ds))
    assert compute.calls == 1


def test_an_edited_factor_file_is_another_key(cache, tmp_path, monkeypatch):
    ds = cp.load_dataset("tiny")
    before = inventory_key(ds)
    factors = tmp_path / "factors"
    shutil.copytree(resources.data_path("factors"), factors)
    real = resources.data_path
    monkeypatch.setattr(resources, "data_path",
                        lambda name: factors if name == "factors" else real(name))
    assert inventory_key(ds) == before  # the same bytes elsewhere: the same key
    table = sorted(factors.glob("*.csv"))[0]
    table.write_bytes(table.read_bytes() + b"\n")
    assert inventory_key(ds) not in (None, before)


@pytest.mark.usefixtures("lone")
def test_a_dataset_edited_in_python_is_another_key_or_not_cached(cache):
    ds = cp.load_dataset("tiny")
    before = inventory_key(ds)
    assert before is not None
    ds.config["title"] = "edited"  # a config edit the checks accept: part of the key
    assert inventory_key(ds) not in (None, before)
    parameters = ds.tables["parameters"]
    parameters.loc[parameters.index[0], "value"] = 123.0  # refused by check_unedited
    assert inventory_key(ds) is None
    compute = Counted()
    cached_inventory(ds, compute)
    assert compute.calls == 1
    assert not cache.exists() or not list(cache.glob("*.pickle"))


@pytest.mark.parametrize("action", ["default", "ignore"])
@pytest.mark.usefixtures("lone")
def test_a_computation_that_warned_is_not_kept_and_warns_every_time(cache, action):
    ds = cp.load_dataset("tiny")
    compute = Counted(warn="a note the inventory gives")
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.filterwarnings(action, "a note the inventory gives")
            cached_inventory(ds, compute)
        if action == "default":  # shown, from the place it was given
            assert [str(w.message) for w in caught] == ["a note the inventory gives"]
            assert caught[0].filename == __file__
            assert caught[0].category is CarbonpathWarning
        else:  # the caller's filter still applies
            assert caught == []
    assert compute.calls == 2  # never read back: each call computed and warned
    assert not cache.exists() or not list(cache.glob("*.pickle"))


@pytest.mark.usefixtures("lone")
def test_the_warnings_before_an_error_are_issued(cache):
    ds = cp.load_dataset("tiny")

    def failing(ds):
        warnings.warn("before the error", CarbonpathWarning, stacklevel=1)
        raise ValueError("bad")

    with pytest.warns(CarbonpathWarning, match="before the error"), \
            pytest.raises(ValueError, match="bad"):
        cached_inventory(ds, failing)


@pytest.mark.usefixtures("lone")
def test_a_damaged_entry_is_ignored(cache):
    ds = cp.load_dataset("tiny")
    compute = Counted()
    cached_inventory(ds, compute)
    (entry,) = cache.glob("*.pickle")
    blob = bytearray(entry.read_bytes())
    blob[-5] ^= 0xFF
    entry.write_bytes(bytes(blob))
    assert_same(cached_inventory(ds, compute), dataset_inventory(ds))
    assert compute.calls == 2  # computed again (and the entry rewritten)
    cached_inventory(ds, compute)
    assert compute.calls == 2


def test_not_kept_while_another_thread_runs(cache):
    ds = cp.load_dataset("tiny")
    compute = Counted()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        cached_inventory(ds, compute)
    finally:
        stop.set()
        other.join()
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_the_run_reads_the_inventory_back(cache, tmp_path, monkeypatch):
    """Two runs of tiny: the second reads the inventory, and writes the same tables."""
    alone = threading.active_count() == 1  # (else nothing is kept: see the test above)
    compute = Counted()
    monkeypatch.setattr(carbonpath.run, "dataset_inventory", compute)
    outs = [run("tiny", tmp_path / f"out{i}", report=False, peak_years=[],
                sensitivity=0.0) for i in range(2)]
    assert len(list(cache.glob("*.pickle"))) == (1 if alone else 0)
    assert compute.calls == (1 if alone else 2)
    tables = [sorted((Path(o) / "results" / "inventory").iterdir()) for o in outs]
    assert [p.name for p in tables[0]] == [p.name for p in tables[1]]
    assert any(p.name.startswith("emissions") for p in tables[0])
    for first, second in zip(*tables, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_kept_beside_the_terminals_progress_display(cache):
    """`carbonpath run`'s progress display (rich's refresh thread) does not stop the cache."""
    from rich.console import Console
    from rich.live import Live

    ds = cp.load_dataset("tiny")
    compute = Counted()
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    with open(os.devnull, "w") as sink, Live("", console=Console(file=sink), auto_refresh=True):
        assert threading.active_count() == len(others) + 2  # its refresh thread runs
        cached_inventory(ds, compute)
    assert len(list(cache.glob("*.pickle"))) == (0 if others else 1)
