"""The disk cache of validated datasets (load_dataset, carbonpath._content_cache, issue 15).

Every expected dataset is the one validated without the cache (``CARBONPATH_CACHE_DIR=off``),
an independent path through the loader; edits are the ones a user makes to the files.
"""

from __future__ import annotations

import ast
import contextlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
import carbonpath.dataset.load as dataset_load
from carbonpath import DataError
from carbonpath.dataset.edits import check_unedited
from carbonpath.errors import CarbonpathWarning
from tests.conftest import edit
from tests.test_dataset_slips import add_column


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder; returns its ``datasets/`` subfolder."""
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "datasets"


@pytest.fixture
def validations(monkeypatch):
    """Count the loads that read and validate the files (cache misses)."""
    calls = []
    real = dataset_load._read_and_check

    def counted(folder):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(dataset_load, "_read_and_check", counted)
    return calls


def uncached(folder, monkeypatch):
    with monkeypatch.context() as mp:
        mp.setenv("CARBONPATH_CACHE_DIR", "off")
        return cp.load_dataset(folder)


def same_dataset(a, b):
    assert (a.name, a.path, a.config, a.targets, a.checksums) == (
        b.name, b.path, b.config, b.targets, b.checksums)
    assert sorted(a.tables) == sorted(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])


def entries(folder):
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_a_second_load_reads_the_entry(tiny, cache, validations, monkeypatch):
    first = cp.load_dataset(tiny)
    assert len(validations) == 1
    assert len(entries(cache)) == 1
    second = cp.load_dataset(tiny)
    assert len(validations) == 1
    expected = uncached(tiny, monkeypatch)
    same_dataset(second, expected)
    same_dataset(first, expected)
    assert second is not first  # each load its own objects: editing one leaves the other


def test_a_dataset_read_from_the_cache_refuses_edits_as_a_fresh_one(tiny, cache, validations):
    cp.load_dataset(tiny)
    ds = cp.load_dataset(tiny)
    assert len(validations) == 1
    check_unedited(ds)  # unedited: passes
    params = ds.tables["parameters"]
    params.loc[params.index[0], "value"] = -3000
    with pytest.raises(DataError, match="changed in Python after load_dataset"):
        check_unedited(ds)


def test_a_changed_file_is_validated_anew(tiny, cache, validations):
    before = cp.load_dataset(tiny)
    assert 7200.0 in set(before.tables["demands"]["value"])
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,7300,")
    after = cp.load_dataset(tiny)
    assert len(validations) == 2
    values = set(after.tables["demands"]["value"])
    assert 7300.0 in values
    assert 7200.0 not in values


def test_a_new_file_or_folder_is_part_of_the_key(tiny, cache, validations):
    cp.load_dataset(tiny)
    (tiny / "Parameters.csv").write_text("technology\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"Parameters\.csv"):
        cp.load_dataset(tiny)  # validated anew: the unknown file is refused
    (tiny / "Parameters.csv").unlink()
    cp.load_dataset(tiny)
    assert len(validations) == 2  # the first entry again
    (tiny / "notes").mkdir()
    with contextlib.suppress(DataError):  # whatever it says of an unknown folder, afresh
        cp.load_dataset(tiny)
    assert len(validations) == 3


def test_hidden_files_are_not_part_of_the_key(tiny, cache, validations):
    cp.load_dataset(tiny)
    (tiny / ".DS_Store").write_bytes(b"\x00\x01 debris")
    (tiny / ".ipynb_checkpoints").mkdir()
    (tiny / ".ipynb_checkpoints" / "demands-checkpoint.csv").write_text("x\n", encoding="utf-8")
    cp.load_dataset(tiny)
    assert len(validations) == 1


def test_the_same_files_elsewhere_are_another_entry(tiny, tmp_path, cache, validations):
    import shutil

    other = tmp_path / "elsewhere" / "tiny"
    shutil.copytree(tiny, other)
    a, b = cp.load_dataset(tiny), cp.load_dataset(other)
    assert len(validations) == 2
    assert (a.path, b.path) == (tiny.resolve(), other.resolve())


def test_a_load_that_warns_is_not_kept_and_warns_every_time(tiny, cache, validations):
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,72,")
    add_column(tiny, "demands.csv", "plausibility", {3: "override: the plant closes"})
    for _ in range(2):
        with pytest.warns(CarbonpathWarning, match="explicit plausibility override"):
            ds = cp.load_dataset(tiny)
        assert ds.tables["demands"].loc[3, "value"] == 72.0
    assert len(validations) == 2
    assert entries(cache) == []


def test_a_failed_load_is_not_kept(tiny, cache, validations):
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,-7200,")
    for _ in range(2):
        with pytest.raises(DataError):
            cp.load_dataset(tiny)
    assert len(validations) == 2
    assert entries(cache) == []


def test_a_damaged_entry_is_ignored_and_rewritten(tiny, cache, validations, monkeypatch):
    cp.load_dataset(tiny)
    (entry,) = entries(cache)
    sound = entry.read_bytes()
    i = len(sound) // 2
    entry.write_bytes(sound[:i] + bytes([sound[i] ^ 0xFF]) + sound[i + 1:])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ignored without a word
        ds = cp.load_dataset(tiny)
    assert len(validations) == 2
    assert entry.read_bytes() == sound  # rewritten: the same validated dataset
    cp.load_dataset(tiny)
    assert len(validations) == 2
    same_dataset(ds, uncached(tiny, monkeypatch))


def test_no_dataset_check_warns_past_the_collector():
    # a warning given with warnings.warn in carbonpath/dataset would be lost on a cache hit
    # (the cache keeps only loads without warnings, as counted by dataset/notices.py)
    folder = Path(dataset_load.__file__).parent
    direct = []
    for path in sorted(folder.glob("*.py")):
        if path.name == "notices.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "warn"
                    and getattr(node.func.value, "id", None) == "warnings"):
                direct.append(f"{path.name}:{node.lineno}")
    assert direct == []
