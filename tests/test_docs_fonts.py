"""The docs ship the CJK glyphs their pages use: Chinese renders on a machine without CJK fonts.

The extension (docs/_ext/cjk_webfont.py) writes ``_static/carbonpath-cjk.css`` after an HTML
build. The first test checks the font it embeds covers every CJK character of the built pages
(and of the search index) with a glyph of its own; the second builds a one-page docs site
with the real theme and extension and renders it in Chromium under a fontconfig that knows no
CJK font (as tests/test_report_fonts.py does for the report).
"""

from __future__ import annotations

import base64
import importlib.util
import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

DOCS = Path(__file__).resolve().parents[1] / "docs"
spec = importlib.util.spec_from_file_location("cjk_webfont", DOCS / "_ext" / "cjk_webfont.py")
cjk_webfont = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cjk_webfont)


def _embedded_font(css: str) -> TTFont:
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    return TTFont(io.BytesIO(base64.b64decode(data)))


def test_the_docs_font_covers_every_cjk_character_of_the_built_pages(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "index.html").write_text(
        "<h1>排放核算</h1><table><tr><td>原煤</td><td>万吨标准煤</td></tr></table>",
        encoding="utf-8")
    (tmp_path / "api" / "page.html").write_text("<p>原料用能（feedstock）不纳入</p>",
                                                encoding="utf-8")
    (tmp_path / "searchindex.js").write_text('Search.setIndex({"titles":["碳达峰"]})',
                                             encoding="utf-8")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "theme.html").write_text("不应计入", encoding="utf-8")  # not a page
    css = cjk_webfont.write_stylesheet(tmp_path).read_text(encoding="utf-8")
    wanted = set("排放核算原煤万吨标准原料用能（）不纳入碳达峰")
    assert set(cjk_webfont.page_characters(tmp_path)) == wanted
    cmap = _embedded_font(css).getBestCmap()
    assert all(ord(ch) in cmap for ch in wanted)
    assert len({cmap[ord(ch)] for ch in wanted}) == len(wanted)  # no shared box glyph
    assert not set("应计") & {chr(c) for c in cmap}  # only what the pages use
    # the theme's stacks name the embedded family before the generic families
    stack = re.search(r"--font-stack: ([^;]+);", css).group(1)
    assert stack.index("carbonpath CJK") < stack.index("sans-serif")


CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
                 if Path(p).exists()), None)

PROBE = ("<script>document.fonts.ready.then(()=>{"
         "const faces=[...document.fonts].filter(f=>f.family.replace(/\"/g,'')==="
         "'carbonpath CJK');"
         "const text=[...new Set(document.body.innerText.match(/[\\u3000-\\u9fff\\uff00-\\uffef]/g)"
         "||[])].join('');"
         "const h=document.querySelector('h1');"
         "document.body.setAttribute('data-faces',faces.map(f=>f.status).join(','));"
         "document.body.setAttribute('data-chars',text.length);"
         "document.body.setAttribute('data-covered',"
         "document.fonts.check('16px \"carbonpath CJK\"',text)?'yes':'no');"
         "document.body.setAttribute('data-family',getComputedStyle(h).fontFamily"
         ".includes('carbonpath CJK')?'yes':'no');});</script>")


def test_a_built_docs_page_renders_its_chinese_in_chromium_without_cjk_fonts(tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but CI installs it (.ci/run)")
        pytest.skip("chromium is not installed (CI installs it and runs this test)")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        "extensions = ['myst_parser', 'cjk_webfont']\n"
        "html_theme = 'furo'\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# 能源平衡表（Energy balance）\n\n| 品种 | 单位 |\n|---|---|\n| 原煤 | 万吨 |\n"
        "| 焦炭 | 万吨标准煤 |\n", encoding="utf-8")
    out = tmp_path / "html"
    from sphinx.application import Sphinx

    app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), "html",
                 status=None, warning=io.StringIO(), warningiserror=True, freshenv=True)
    app.build()
    assert app.statuscode == 0
    page = out / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "carbonpath-cjk.css" in html
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    import matplotlib

    conf = tmp_path / "fonts.conf"  # only the fonts matplotlib ships: no CJK font at all
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{Path(matplotlib.get_data_path()) / 'fonts' / 'ttf'}</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    match = re.search(r'data-faces="([^"]*)" data-chars="(\d+)" data-covered="(\w+)" '
                      r'data-family="(\w+)"', done.stdout)
    assert match, done.stderr[-2000:]
    assert match.group(1) == "loaded"  # the embedded face was used and loaded
    assert int(match.group(2)) >= 12  # the title's and the table's characters
    assert match.group(3) == "yes"  # it holds every one of them
    assert match.group(4) == "yes"  # the heading's font stack names it
