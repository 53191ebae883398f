"""The HTML pages' CJK font: one cut of the packaged font per report, same bytes as before.

The report cuts the 65,000-glyph font once for all its pages (``prepare_font``) and each
page's subset from that cut. These tests check, against cuts made directly from the packaged
font (the way every page was cut before there was a first cut), that the bytes do not depend
on the cut they come from, and count the cuts of the packaged font.
"""

from __future__ import annotations

import pytest

from carbonpath.report import webfont
from carbonpath.report.fonts import package_font

PACKAGED = package_font()
pytestmark = pytest.mark.skipif(PACKAGED is None, reason="the CJK font package is not installed")

REPORT = "<p>达峰年份 2030，碳排放</p>"
ANNEX = "<td>聊城市统计年鉴 原煤 焦炭</td>"  # characters the report page does not hold


@pytest.fixture
def cuts(monkeypatch, tmp_path):
    """Fresh first-cut caches (process and folder); records the source of every cut."""
    monkeypatch.setattr(webfont, "_BASE", {})
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", str(tmp_path / "cache"))
    sources: list[str] = []
    subset = webfont._subset

    def counting(source, chars, index=0):
        sources.append("packaged" if isinstance(source, str) else "first cut")
        return subset(source, chars, index)

    monkeypatch.setattr(webfont, "_subset", counting)
    return sources


def test_a_report_cuts_the_packaged_font_once_for_all_its_pages(cuts, monkeypatch):
    webfont.prepare_font([REPORT, ANNEX])
    css = [webfont.font_face_css(page) for page in (REPORT, ANNEX)]
    assert all(webfont.EMBEDDED_FAMILY in c for c in css)
    assert cuts == ["packaged", "first cut", "first cut"]
    # without prepare_font (and without the cache folder, which now holds both pages) the
    # annex, whose characters the first cut lacks, cut it again
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    webfont._BASE.clear()
    cuts.clear()
    for page in (REPORT, ANNEX):
        webfont.font_face_css(page)
    assert cuts == ["packaged", "first cut", "packaged", "first cut"]


def test_a_page_cut_from_the_first_cut_equals_one_cut_from_the_packaged_font(cuts):
    _, path, index = PACKAGED
    webfont.prepare_font([REPORT, ANNEX])
    for page in (REPORT, ANNEX):
        chars = webfont.cjk_characters(page)
        direct = webfont._subset(path, chars, index)  # the packaged font, cut for this page
        assert webfont._cut(path, index, chars) == direct
    # a page without CJK text needs no cut at all
    cuts.clear()
    webfont.prepare_font(["Latin only, 2030"])
    assert cuts == []
