"""The measure coalitions' warm chains: the same numbers bit for bit on one thread or two."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
import carbonpath.scenarios.compare as compare
from carbonpath.errors import ArgumentValueError, Problem
from carbonpath.model.overrides import StructureError
from carbonpath.scenarios import measure_contributions
from carbonpath.scenarios.measures import _parts
from carbonpath.scenarios.warm import CoalitionModel
from tests.scenario_fixture import row, tiny_copy

PV = {"name": "pv_buildout", "source": "assumption: test", "changes": {"parameters": [
    row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1500, "MW", 2030)]}}
IMPORTS = {"name": "imports", "source": "assumption: test", "changes": {"parameters": [
    row("grid_import", "min_activity", 0, "GWh/yr", 2025),
    row("grid_import", "min_activity", 800, "GWh/yr", 2030)]}}
BATTERY = {"name": "battery", "source": "assumption: test", "technologies": ["battery"]}


def _dataset(tmp_path):
    return cp.load_dataset(tiny_copy(tmp_path, measures={"base": "baseline",
                                                         "list": [PV, IMPORTS, BATTERY]}))


def _same(a, b) -> None:
    """Every table of two results equal bit for bit (NaN where NaN)."""
    for name in ("by_year", "table", "gap"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    assert (a.warm, a.cold, a.cold_reason) == (b.warm, b.cold, b.cold_reason)


def test_parts_cut_the_coalitions_from_the_built_one_outwards():
    # 3 measures: 8 coalitions, sizes 3,2,2,2,1,1,1,0; two chains of four, the first holding
    # the coalition the model is built with (every measure)
    subsets = [frozenset(c) for c in ([], [0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2])]
    first, second = _parts(subsets, 2)
    assert [len(s) for s in first] == [3, 2, 2, 2]
    assert [len(s) for s in second] == [1, 1, 1, 0]
    assert sorted(first + second, key=sorted) == sorted(subsets, key=sorted)
    # three chains of 8: 3, 3, 2; more chains than coalitions: one each
    assert [len(p) for p in _parts(subsets, 3)] == [3, 3, 2]
    assert [len(p) for p in _parts(subsets[:2], 5)] == [1, 1]


def test_two_threads_give_the_sequential_numbers_bit_for_bit(tmp_path, monkeypatch):
    ds = _dataset(tmp_path)
    seen: list[str] = []
    solve = CoalitionModel.solve

    def traced(self, chosen, *a, **k):
        seen.append(threading.current_thread().name)
        return solve(self, chosen, *a, **k)

    monkeypatch.setattr(CoalitionModel, "solve", traced)
    alone = measure_contributions(ds)
    assert set(seen) == {"MainThread"}
    seen.clear()
    with ThreadPoolExecutor(2, thread_name_prefix="pool") as pool:
        both = measure_contributions(ds, pool)
    # half of the 8 coalitions ran on the pool
    assert seen.count("MainThread") == 4
    assert len(seen) == 8
    _same(alone, both)
    assert (both.warm, both.cold) == (8, 0)
    # one chain reaches the same optima (other bases, so equal to round-off only)
    one = measure_contributions(ds, chains=1)
    assert one.table["cost"].to_numpy() == pytest.approx(both.table["cost"].to_numpy(),
                                                         rel=1e-9, abs=1e-9)
    assert np.abs(one.gap["gap"].to_numpy() - both.gap["gap"].to_numpy()).max() < 1e-9
    # the coalitions differ: the test compares different optima
    assert both.table["cost"].nunique() == 3


def test_a_pool_chain_leaves_its_cold_rebuild_to_the_calling_thread(tmp_path, monkeypatch):
    ds = _dataset(tmp_path)
    reach = CoalitionModel._reach

    def odd(self, chosen):  # the empty coalition (the second chain's last) is not warm
        if not chosen:
            raise StructureError(Problem("test: not warm"))
        return reach(self, chosen)

    monkeypatch.setattr(CoalitionModel, "_reach", odd)
    built: list[str] = []
    cold = compare.solve_scenario

    def traced(*a, **k):
        built.append(threading.current_thread().name)
        return cold(*a, **k)

    monkeypatch.setattr(compare, "solve_scenario", traced)
    alone = measure_contributions(ds)
    assert built == ["MainThread"]
    built.clear()
    with ThreadPoolExecutor(2, thread_name_prefix="pool") as pool:
        both = measure_contributions(ds, pool)
    assert built == ["MainThread"]  # rebuilt here, not on the pool
    assert (both.warm, both.cold) == (7, 1)
    assert "test: not warm" in both.cold_reason
    _same(alone, both)


def test_chains_below_one_are_refused(tmp_path):
    with pytest.raises(ArgumentValueError, match="chains=0"):
        measure_contributions(_dataset(tmp_path), chains=0)
