"""The collector's full passes are held while carbonpath is imported (carbonpath._imports)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from carbonpath import _imports

SRC = str(Path(_imports.__file__).resolve().parents[1])


@pytest.fixture
def thresholds(monkeypatch):
    """The collector's thresholds set back after the test; no hold in force."""
    before = gc.get_threshold()
    monkeypatch.setattr(_imports, "_IMPORT_THRESHOLDS", None)
    yield before
    gc.set_threshold(*before)


def test_the_import_sets_the_thresholds_back_and_full_passes_were_held():
    code = ("import gc; gc.set_threshold(500, 7, 9); seen = []\n"
            "gc.callbacks.append(lambda phase, info: seen.append(gc.get_threshold()))\n"
            "import carbonpath\n"
            "print(gc.get_threshold() == (500, 7, 9), any(t[2] > 9 for t in seen))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out == ["True", "True"]  # set back after; raised while the modules were imported


def test_only_the_third_threshold_is_raised_and_set_back(thresholds):
    gc.set_threshold(700, 10, 10)
    assert _imports.no_full_passes()
    first, second, third = gc.get_threshold()
    assert (first, second) == (700, 10)
    assert third > 10**6
    assert not _imports.no_full_passes()  # held once
    _imports.full_passes_again()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_threshold_set_meanwhile_is_kept(thresholds):
    gc.set_threshold(700, 10, 10)
    assert _imports.no_full_passes()
    gc.set_threshold(1000, 20, 30)  # the application's own choice
    _imports.full_passes_again()
    assert gc.get_threshold() == (1000, 20, 30)


def test_nothing_is_held_when_the_collector_is_off(thresholds):
    gc.disable()
    try:
        before = gc.get_threshold()
        assert not _imports.no_full_passes()
        assert gc.get_threshold() == before
    finally:
        gc.enable()
