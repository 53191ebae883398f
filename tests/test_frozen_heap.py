"""``frozen_heap`` (issue 15): the report's collector passes skip older objects, and only then.

While the report is written, the objects that existed before are in the collector's
permanent generation; afterwards they are collectable again, and an application's own
frozen objects are left as they were. Also: the report's figure formats are checked.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from carbonpath._memory import break_cycles, frozen_heap, rare_full_passes, release_memory
from carbonpath.errors import ArgumentTypeError, ArgumentValueError
from carbonpath.report import render_report
from carbonpath.report.figures import check_formats


class _Cycle:
    def __init__(self):
        self.me = self


def test_older_objects_are_frozen_inside_and_collectable_after():
    assert gc.get_freeze_count() == 0
    before = _Cycle()
    older = weakref.ref(before)
    with frozen_heap():
        assert gc.get_freeze_count() > 0
        del before  # unreachable now; only the collector can free a cycle
        young = weakref.ref(_Cycle())
        gc.collect()
        assert young() is None  # the block's own cycles are collected
        assert older() is not None  # the older one is skipped (frozen)
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert older() is None  # and not lost: collected after the block


def test_garbage_at_entry_is_collected_not_frozen():
    # a cycle already unreachable when the block starts would otherwise sit in the permanent
    # generation for the whole report (the main job's peak RSS grew by about 10 MiB)
    cycle = _Cycle()
    dead = weakref.ref(cycle)
    del cycle
    with frozen_heap():
        assert dead() is None


def test_an_applications_own_freeze_is_left_alone():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen  # not unfrozen by the report
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        with frozen_heap():
            assert gc.get_freeze_count() == 0  # the collector is off: nothing to spare
    finally:
        gc.enable()


def test_figure_formats(tmp_path):
    with pytest.raises(ArgumentTypeError, match="formats"):
        render_report(tmp_path, tmp_path / "out", formats="png")  # a str, not a sequence
    with pytest.raises(ArgumentValueError, match="holding png"):
        render_report(tmp_path, tmp_path / "out", formats=["svg"])
    assert not (tmp_path / "out").exists()  # refused before anything was written
    assert check_formats(["svg", "png"]) == ("png", "svg")
    assert check_formats(("png", "png")) == ("png",)
    for bad in (("svg",), ("png", "pdf"), "png", ()):
        with pytest.raises(ArgumentValueError, match="holding png"):
            check_formats(bad)


def test_release_memory_inside_the_block_collects_the_older_objects_too():
    before = _Cycle()
    older = weakref.ref(before)
    with frozen_heap():
        del before
        release_memory()  # what the report calls before the large font cut (peak RSS)
        assert older() is None
        assert gc.get_freeze_count() > 0  # and the block's freeze is in force again
    assert gc.get_freeze_count() == 0


def test_blocks_nest_and_the_outermost_unfreezes():
    # the run holds a block for its whole length and the report's block nests in it: the
    # inner one collects its own garbage and freezes what was made since; nothing goes back
    # until the outer block ends
    outer_obj = _Cycle()
    outer_ref = weakref.ref(outer_obj)
    with frozen_heap(generation=1):
        outer_count = gc.get_freeze_count()
        assert outer_count > 0
        middle = _Cycle()
        middle_ref = weakref.ref(middle)
        dead = weakref.ref(_Cycle())  # garbage made in the outer block, before the inner one
        with frozen_heap():
            assert dead() is None  # collected at the inner block's entry
            assert gc.get_freeze_count() > outer_count  # `middle` is frozen now too
            del middle, outer_obj
            gc.collect()
            assert middle_ref() is not None  # both frozen
            assert outer_ref() is not None
        assert gc.get_freeze_count() >= outer_count  # still frozen: the outer block holds on
        young = weakref.ref(_Cycle())
        release_memory(older=False)  # the run's pass over its own objects (the models)
        assert young() is None
        assert middle_ref() is not None  # the frozen ones were not walked
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert middle_ref() is None  # not lost: collected after
    assert outer_ref() is None


def _pyomo_model(break_them: bool) -> None:
    # a small LP built as the model builder does: indexed variables, indexed constraints
    # made by a rule whose closure holds the block
    import pyomo.core as pc

    block = pc.ConcreteModel()
    block.t = pc.Set(initialize=range(200))
    block.x = pc.Var(block.t, bounds=(0, None))
    block.y = pc.Var(block.t, bounds=(0, None))

    def balance(b, t):
        return block.x[t] + 2 * b.y[t] >= t

    block.balance = pc.Constraint(block.t, rule=balance)
    block.cost = pc.Objective(expr=sum(block.x[t] + block.y[t] for t in block.t))
    if break_them:
        break_cycles(block)
    # `block` goes here: refcounting frees what no cycle holds


def test_break_cycles_lets_refcounting_free_a_model():
    # the run frees its models so, instead of a collector pass over their 335,000 objects;
    # nothing of this block is left for the collector
    gc.collect()
    gc.disable()
    try:
        _pyomo_model(break_them=False)
        in_cycles = gc.collect()  # a built model is a web of cycles: only the collector frees it
        _pyomo_model(break_them=True)
        left = gc.collect()
    finally:
        gc.enable()
    assert in_cycles > 1000
    assert left < in_cycles / 10
    break_cycles(None)  # anything but a block is left alone
    break_cycles(object())


def test_rare_full_passes_raises_the_third_threshold_and_sets_it_back():
    before = gc.get_threshold()
    with rare_full_passes(10):
        assert gc.get_threshold() == (before[0], before[1], before[2] * 10)
    assert gc.get_threshold() == before
    with rare_full_passes(10):
        gc.set_threshold(before[0], before[1], 3)  # set inside the block: kept
    try:
        assert gc.get_threshold() == (before[0], before[1], 3)
    finally:
        gc.set_threshold(*before)
    with pytest.raises(RuntimeError), rare_full_passes(10):
        raise RuntimeError("a failed run")
    assert gc.get_threshold() == before  # set back when the block fails too


def test_rare_full_passes_nest_and_raise_once():
    before = gc.get_threshold()
    with rare_full_passes(10):
        with rare_full_passes(10):  # a second run at once (another thread): raised once
            assert gc.get_threshold()[2] == before[2] * 10
        assert gc.get_threshold()[2] == before[2] * 10  # still the outer block's
    assert gc.get_threshold() == before


def test_heap_frozen_answers_without_counting_inside_the_block(monkeypatch):
    # gc.get_freeze_count walks every frozen object (about 170,000 in the main job's report);
    # the report asked it once per figure. Inside the block the answer comes from the block.
    from carbonpath._memory import heap_frozen

    assert gc.get_freeze_count() == 0
    assert heap_frozen() is False
    with frozen_heap():
        def no_walk():
            raise AssertionError("gc.get_freeze_count called inside the block")

        monkeypatch.setattr(gc, "get_freeze_count", no_walk)
        assert heap_frozen() is True
        with frozen_heap():  # a nested block (the report's inside the run's) asks nothing
            assert heap_frozen() is True
        monkeypatch.undo()
    assert heap_frozen() is False
    gc.freeze()  # an application's own freeze still counts as frozen
    try:
        assert heap_frozen() is True
    finally:
        gc.unfreeze()
