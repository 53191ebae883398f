"""The disk cache of validated factor tables (carbonpath.factors.disk_cache, issue 15).

The store itself (keys, entries, damage, pruning) is carbonpath._content_cache.

Every expected table is the one validated without the cache (``CARBONPATH_CACHE_DIR=off``),
an independent path through the loader; expected values of edited rows are the numbers the
test writes into the files.
"""

from __future__ import annotations

import shutil
import threading
import warnings

import pandas as pd
import pytest

import carbonpath as cp
import carbonpath.factors.load as factor_load
from carbonpath import _content_cache
from carbonpath._resources import data_path
from carbonpath.errors import CarbonpathWarning
from carbonpath.factors.columns import COLUMNS


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder; returns its ``factors/`` subfolder."""
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "factors"


@pytest.fixture(scope="module")
def uncached():
    """The bundled tables validated with the cache off (the reference)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CARBONPATH_CACHE_DIR", "off")
        return cp.load_factors()


@pytest.fixture
def validations(monkeypatch):
    """Count the loads that read and validate the CSVs (cache misses)."""
    calls = []
    real = factor_load._read_and_validate

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(factor_load, "_read_and_validate", counted)
    return calls


def entries(folder):
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def same_table(a, b):
    pd.testing.assert_frame_equal(a.rows, b.rows)
    pd.testing.assert_frame_equal(a.regions.table, b.regions.table)
    assert a.regions.chains == b.regions.chains
    assert a.regions.aliases == b.regions.aliases
    assert a.version == b.version


def user_file(path, value, plausibility=""):
    """A one-row user factor file: the 2024 grid factor of Liaocheng."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(item="electricity", quantity="emission_factor", gas="CO2", value=value,
               unit="t CO2/MWh", region="CN-SD-Liaocheng", year=2024,
               source="test document, table 1", status="unverified",
               plausibility=plausibility)
    pd.DataFrame([row]).to_csv(path, index=False)
    return path


def test_second_load_reads_the_entry_and_not_the_files(cache, uncached, validations):
    first = cp.load_factors()
    assert len(validations) == 1
    assert len(entries(cache)) == 1
    second = cp.load_factors()
    assert len(validations) == 1  # not validated again
    same_table(second, uncached)
    same_table(first, uncached)
    assert second.lookup("raw_coal", "calorific_value", region="CN").value == (
        uncached.lookup("raw_coal", "calorific_value", region="CN").value)


def test_a_changed_table_is_validated_anew(cache, tmp_path, validations):
    folder = tmp_path / "factors"
    shutil.copytree(data_path("factors"), folder)
    before = cp.load_factors(folder)
    assert before.grid_factor("CN", 2021).value.magnitude == pytest.approx(0.5568)
    grid = folder / "grid_factors.csv"
    text = grid.read_text(encoding="utf-8")
    assert text.count(",0.5568,") == 1
    grid.write_text(text.replace(",0.5568,", ",0.6123,"), encoding="utf-8")
    after = cp.load_factors(folder)
    assert len(validations) == 2
    assert len(entries(cache)) == 2
    assert after.grid_factor("CN", 2021).value.magnitude == pytest.approx(0.6123)
    # the first content is still cached, and found again when the file is changed back
    grid.write_text(text, encoding="utf-8")
    assert cp.load_factors(folder).grid_factor("CN", 2021).value.magnitude == (
        pytest.approx(0.5568))
    assert len(validations) == 2


def test_a_user_file_is_keyed_by_its_content(cache, tmp_path, validations):
    mine = user_file(tmp_path / "mine.csv", 0.45)
    assert cp.load_factors(extra=mine).grid_factor(
        "CN-SD-Liaocheng", 2024).value.magnitude == pytest.approx(0.45)
    user_file(mine, 0.52)
    assert cp.load_factors(extra=mine).grid_factor(
        "CN-SD-Liaocheng", 2024).value.magnitude == pytest.approx(0.52)
    assert len(validations) == 2
    # the same bundled tables without the user file: a third key
    assert cp.load_factors().grid_factor("CN-SD-Liaocheng", 2024).value.magnitude != (
        pytest.approx(0.52))
    assert len(validations) == 3
    assert len(entries(cache)) == 3


def test_tables_given_as_dataframes_are_never_cached(cache, tmp_path, validations):
    frame = pd.read_csv(user_file(tmp_path / "mine.csv", 0.45), dtype=str,
                        keep_default_na=False)
    for _ in range(2):
        got = cp.load_factors(extra=frame)
        assert got.grid_factor("CN-SD-Liaocheng", 2024).value.magnitude == pytest.approx(0.45)
    assert len(validations) == 2
    assert entries(cache) == []


def test_options_are_part_of_the_key(cache, validations):
    cp.load_factors()
    cp.load_factors(allow_implausible=True)
    assert len(validations) == 2
    assert len(entries(cache)) == 2


def test_a_change_of_the_code_is_another_key(cache, monkeypatch, validations):
    cp.load_factors()
    monkeypatch.setattr(_content_cache, "code_digest", lambda: "another version of the code")
    cp.load_factors()
    assert len(validations) == 2


def test_the_code_digest_covers_the_validating_code(tmp_path, monkeypatch):
    # a copy of the package with one byte of the factor validation changed digests apart
    import carbonpath

    package = tmp_path / "carbonpath"
    shutil.copytree(carbonpath.__path__[0], package,
                    ignore=shutil.ignore_patterns("__pycache__", "*.ttf", "*.otf", "*.woff2"))
    digest_of = _content_cache.code_digest.__wrapped__
    monkeypatch.setattr(_content_cache, "__file__", str(package / "_content_cache.py"))
    copied = digest_of()
    assert copied == _content_cache.code_digest()
    validate = package / "factors" / "validate.py"
    validate.write_text(validate.read_text(encoding="utf-8") + "\n# changed\n",
                        encoding="utf-8")
    assert digest_of() != copied


def test_an_accepted_override_warns_on_every_load(cache, tmp_path, validations):
    # 2.5 t CO2/MWh is above the plausible grid factor (1.5); the row overrides the range
    mine = user_file(tmp_path / "mine.csv", 2.5, plausibility="override: test of the cache")
    for _ in range(2):
        with pytest.warns(CarbonpathWarning, match="1 implausible factor value"):
            got = cp.load_factors(extra=mine)
        assert got.grid_factor("CN-SD-Liaocheng", 2024).value.magnitude == pytest.approx(2.5)
    assert len(validations) == 1


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "garbage", "empty",
                                    "not a table"])
def test_a_damaged_entry_is_ignored_and_rewritten(cache, uncached, validations, damage):
    cp.load_factors()
    (entry,) = entries(cache)
    sound = entry.read_bytes()
    head = len(_content_cache.MAGIC) + 32
    if damage == "truncated":
        bad = sound[: len(sound) // 2]
    elif damage == "flipped byte":
        i = head + (len(sound) - head) // 2
        bad = sound[:i] + bytes([sound[i] ^ 0xFF]) + sound[i + 1:]
    elif damage == "garbage":
        bad = b"not a pickle at all" * 10
    elif damage == "empty":
        bad = b""
    else:  # a sound entry of something else than a factor table: not trusted either
        import hashlib
        import pickle

        payload = pickle.dumps(({"rows": 1}, []))
        bad = _content_cache.MAGIC + hashlib.blake2b(payload, digest_size=32).digest() + payload
    entry.write_bytes(bad)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ignored silently, no warning
        got = cp.load_factors()
    same_table(got, uncached)
    assert len(validations) == 2  # validated anew
    assert entry.read_bytes() != bad  # and rewritten
    cp.load_factors()
    assert len(validations) == 2  # the rewritten entry is sound


def test_two_writers_at_once_leave_one_sound_entry(cache, uncached, validations):
    results = []
    threads = [threading.Thread(target=lambda: results.append(cp.load_factors()))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    for got in results:
        same_table(got, uncached)
    assert [p.name for p in cache.iterdir()] == [entries(cache)[0].name]  # no temp files
    before = len(validations)
    same_table(cp.load_factors(), uncached)
    assert len(validations) == before


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch, validations):
    monkeypatch.setattr(_content_cache, "KEEP", 2)
    mine = tmp_path / "mine.csv"
    for value in (0.41, 0.42, 0.43):
        cp.load_factors(extra=user_file(mine, value))
    assert len(entries(cache)) == 2
    assert cp.load_factors(extra=user_file(mine, 0.43)).grid_factor(
        "CN-SD-Liaocheng", 2024).value.magnitude == pytest.approx(0.43)
    assert len(validations) == 3  # the newest is kept


def test_no_cache_when_turned_off(tmp_path, monkeypatch, uncached, validations):
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    for _ in range(2):
        same_table(cp.load_factors(), uncached)
    assert len(validations) == 2
