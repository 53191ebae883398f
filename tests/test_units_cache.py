"""The unit registry's parsed pint definitions in the cache folder (issue 15: start-up time).

pint unpickles its cache entries unchecked; carbonpath must start with a damaged or
half-written entry all the same (parsing anew), and must not keep a damaged entry.
"""

from __future__ import annotations

import pickle

import pytest

from carbonpath import _cache
from carbonpath.units import registry


def test_a_damaged_pint_cache_entry_is_removed_and_parsed_anew(monkeypatch, tmp_path):
    monkeypatch.setenv(_cache.ENV, str(tmp_path))
    first = registry._make_registry()  # parses pint's definitions and keeps them
    entries = sorted((tmp_path / "pint").glob("*.pickle"))
    assert entries
    for entry in entries:  # cut short, as a write another process has not finished
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    second = registry._make_registry()
    for ureg in (first, second):  # pint's units and carbonpath's own both work
        assert ureg.Quantity(3, "万吨").to("t").magnitude == 30000
        assert ureg.Quantity(1, "kWh").to("MJ").magnitude == pytest.approx(3.6, rel=1e-12)
    assert list((tmp_path / "pint").glob("*.pickle")) == []  # the damaged entries are gone
    registry._make_registry()  # the next start keeps them again, readable
    for entry in sorted((tmp_path / "pint").glob("*.pickle")):
        with entry.open("rb") as handle:
            assert pickle.load(handle) is not None


def test_without_a_cache_folder_nothing_is_written(monkeypatch, tmp_path):
    monkeypatch.setenv(_cache.ENV, "off")
    monkeypatch.chdir(tmp_path)
    ureg = registry._make_registry()
    assert ureg.Quantity(2, "t").to("kg").magnitude == 2000
    assert list(tmp_path.iterdir()) == []
