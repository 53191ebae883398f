"""The cache folder of the HTML pages' font cuts (issue 15): same bytes, no cut when warm.

Cutting the packaged 65,000-glyph CJK font takes about a second; its cuts are kept in
carbonpath's cache folder (``CARBONPATH_CACHE_DIR``). These tests check that a warm cache
gives the bytes a cold one gave without cutting anything, that a damaged, stale or foreign
entry is never read (the cut is made again and the entry replaced), that an unusable folder
only turns the cache off, and that the folder keeps a bounded number of entries.
"""

from __future__ import annotations

import os
import shutil

import matplotlib
import pytest

from carbonpath import _cache
from carbonpath.report import webfont
from carbonpath.report.fonts import package_font

PACKAGED = package_font()
REPORT = "<p>达峰年份 2030，碳排放</p>"
ANNEX = "<td>聊城市统计年鉴 原煤 焦炭</td>"


@pytest.fixture
def folder(monkeypatch, tmp_path):
    """A fresh cache folder and no first cut in this process."""
    monkeypatch.setattr(webfont, "_BASE", {})
    monkeypatch.setenv(_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "fonts"


def _no_cutting(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("cut the font although the cache folder held the cut")

    monkeypatch.setattr(webfont, "_subset", refuse)


@pytest.mark.skipif(PACKAGED is None, reason="the CJK font package is not installed")
def test_a_warm_cache_gives_the_cold_bytes_without_cutting(folder, monkeypatch):
    webfont.prepare_font([REPORT, ANNEX])
    cold = [webfont.font_face_css(page) for page in (REPORT, ANNEX)]
    _, path, index = PACKAGED
    key = webfont._font_key(path, index)
    # the first cut and each page's subset
    assert set(folder.glob("*.cut")) == {webfont._entry(key, None), *(
        webfont._entry(key, webfont.cjk_characters(page)) for page in (REPORT, ANNEX))}
    webfont._BASE.clear()  # a new process: only the folder is left
    _no_cutting(monkeypatch)
    webfont.prepare_font([REPORT, ANNEX])
    assert [webfont.font_face_css(page) for page in (REPORT, ANNEX)] == cold
    assert webfont._BASE == {}  # the pages' cuts were read; the first cut was not needed


@pytest.mark.skipif(PACKAGED is None, reason="the CJK font package is not installed")
def test_a_damaged_page_entry_is_cut_again_from_the_cached_first_cut(folder, monkeypatch):
    _, path, index = PACKAGED
    chars = webfont.cjk_characters(REPORT)
    good = webfont._cut(path, index, chars)
    page = webfont._entry(webfont._font_key(path, index), chars)
    raw = bytearray(page.read_bytes())
    raw[-100] ^= 0xFF  # one flipped byte in the font data: its SHA-256 no longer matches
    page.write_bytes(bytes(raw))
    webfont._BASE.clear()
    sources = []
    subset = webfont._subset

    def counting(source, wanted, face=0):
        sources.append("packaged" if isinstance(source, str) else "first cut")
        return subset(source, wanted, face)

    monkeypatch.setattr(webfont, "_subset", counting)
    assert webfont._cut(path, index, chars) == good
    assert sources == ["first cut"]  # the first cut's entry was intact: no 65,000-glyph cut
    assert page.read_bytes() != bytes(raw)  # the damaged entry was replaced ...
    webfont._BASE.clear()
    _no_cutting(monkeypatch)
    assert webfont._cut(path, index, chars) == good  # ... by a good one


def test_an_entry_is_read_only_under_its_own_key(folder, tmp_path):
    # the key follows the font file: another modification time (a font package upgraded in
    # place) gives another key, and an entry written under one key is not read under another
    font = tmp_path / "DejaVuSans.ttf"
    shutil.copy(os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans.ttf"),
                font)
    old = webfont._font_key(str(font), 0)
    os.utime(font, ns=(1_000_000_000, 1_000_000_000))
    new = webfont._font_key(str(font), 0)
    assert old != new
    assert webfont._font_key(str(font), 1) != new  # another face of a collection
    entry = webfont._entry(old, "碳")
    webfont._write(entry, old, "碳", b"font bytes")
    assert webfont._read(entry, old) == ("碳", b"font bytes")
    assert webfont._read(entry, new) is None
    entry.write_bytes(b"not an entry")
    assert webfont._read(entry, old) is None
    entry.write_bytes(entry.read_bytes()[:5])
    assert webfont._read(entry, old) is None


def test_an_unusable_cache_folder_turns_the_cache_off(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(_cache.ENV, str(blocker))
    assert _cache.cache_folder("fonts") is None
    assert webfont._entry("k" * 64, "碳") is None
    webfont._write(None, "k" * 64, "碳", b"x")  # nothing to write to: no error
    monkeypatch.setenv(_cache.ENV, "off")
    assert _cache.cache_folder("fonts") is None
    monkeypatch.setenv(_cache.ENV, str(tmp_path / "c"))
    assert _cache.cache_folder("fonts") == tmp_path / "c" / "fonts"
    assert _cache.write_atomic(tmp_path / "c" / "fonts" / "e.cut", b"abc")
    assert not _cache.write_atomic(tmp_path / "missing" / "e.cut", b"abc")
    assert sorted(p.name for p in (tmp_path / "c" / "fonts").iterdir()) == ["e.cut"]


def test_the_folder_keeps_the_most_recently_used_entries(folder, monkeypatch):
    key = "k" * 64
    entries = [webfont._entry(key, chars) for chars in ("一", "二", "三")]
    for i, (entry, chars) in enumerate(zip(entries, ("一", "二", "三"), strict=True)):
        webfont._write(entry, key, chars, b"x")
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # written in this order, long ago
    monkeypatch.setattr(webfont, "_KEEP", 2)
    assert webfont._read(entries[0], key) == ("一", b"x")  # used now: the most recent
    webfont._write(webfont._entry(key, "四"), key, "四", b"x")
    assert sorted(folder.glob("*.cut")) == sorted([entries[0], webfont._entry(key, "四")])
