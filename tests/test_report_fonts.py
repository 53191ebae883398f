"""Chinese glyphs on a machine without system fonts: figures and the HTML report.

The figure checks run in a fresh Python process whose matplotlib sees no system font: a new
MPLCONFIGDIR (no font cache), the font manager's list cut to the fonts matplotlib ships, and
carbonpath's system-font scan returning nothing. CI installs a CJK system font for other
tests, so this is how these tests hide it.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from carbonpath.report import render_report
from carbonpath.report.webfont import EMBEDDED_FAMILY, cjk_characters, font_face_css

SRC = str(Path(__file__).resolve().parents[1] / "src")

# Runs in the child: hide every system font, optionally the font package too, then draw.
CHILD = textwrap.dedent("""
    import json, sys
    hide_package = sys.argv[1] == "hide"
    if hide_package:
        sys.modules["noto_cjk_sans_otc"] = None  # import fails: the package is absent
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from matplotlib.ft2font import FT2Font
    shipped = matplotlib.get_data_path()
    font_manager.fontManager.ttflist = [
        e for e in font_manager.fontManager.ttflist if str(e.fname).startswith(shipped)]
    font_manager.fontManager._findfont_cached.cache_clear()
    from carbonpath.report import fonts
    fonts._system_font_files = lambda: []
    last_resort = [e.name for e in font_manager.fontManager.ttflist if "Last" in e.name]
    found = fonts.find_cjk_font()
    chosen = fonts.figure_fonts("zh")
    out = {"found": found, "lang": chosen.lang, "families": chosen.families,
           "last_resort": last_resort}
    if found is not None:
        import io
        with chosen.applied():
            fig = Figure(figsize=(3, 1))
            fig.text(0.1, 0.5, chosen.label("原煤 煤 6,450"))
            buf = io.StringIO()
            fig.savefig(buf, format="svg")
        out["svg"] = buf.getvalue()
        face = FT2Font(found[1], face_index=fonts._face_index(*found))
        out["postscript"] = face.postscript_name
        out["glyph"] = face.get_char_index(ord("煤"))
    print(json.dumps(out))
""")


def _child(mode: str, tmp_path: Path) -> dict:
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / mode), "PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_system_fonts_the_packaged_font_draws_chinese(tmp_path):
    out = _child("show", tmp_path)
    assert out["last_resort"], "matplotlib's last-resort font is present to be rejected"
    assert out["found"][0] == "Noto Sans CJK SC"
    assert out["lang"] == "zh"
    assert out["families"][0] == "Noto Sans CJK SC"
    svg = out["svg"]
    # svg.fonttype=path: each glyph is a <path id="<postscript name>-<glyph index in hex>">;
    # 煤 must be the Noto glyph (not index 0, .notdef) and no last-resort glyph may be used
    assert out["glyph"] != 0
    assert f'id="{out["postscript"]}-{out["glyph"]:x}"' in svg
    assert f'id="{out["postscript"]}-0"' not in svg
    assert "LastResort" not in svg


def test_without_any_cjk_font_the_last_resort_font_is_never_taken(tmp_path):
    out = _child("hide", tmp_path)
    assert out["last_resort"]  # it has a "glyph" for every character...
    assert out["found"] is None  # ...and is not taken for a CJK font
    assert out["lang"] == "en"  # the Chinese report's figures fall back to English labels
    assert "Last Resort High-Efficiency" not in out["families"]


def test_the_last_resort_font_fails_the_real_font_check():
    import matplotlib
    from matplotlib import font_manager

    from carbonpath.report.fonts import has_glyphs, is_real_font

    # the file itself: the font manager's list comes from a cache that another matplotlib
    # install of the same version may have written (with its own paths)
    shipped = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    last = next(iter(sorted(shipped.glob("LastResort*.ttf"))))
    assert font_manager.FontProperties(fname=last).get_name()  # a font file matplotlib reads
    assert has_glyphs(last, "原煤")  # why a coverage check alone is not enough
    assert not is_real_font(last, "原煤")
    assert is_real_font(shipped / "DejaVuSans.ttf", "Coal")


def test_embedded_font_covers_every_chinese_character_of_the_page():
    page = "<p>原煤（Raw coal）：达峰年份 2030，碳排放 6,450 万吨</p>"
    css = font_face_css(page)
    assert EMBEDDED_FAMILY in css
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    wanted = cjk_characters(page)
    assert set(wanted) == set("原煤（）：达峰年份碳排放万吨，")
    assert all(ord(ch) in cmap for ch in wanted)
    glyphs = {cmap[ord(ch)] for ch in wanted}
    assert len(glyphs) == len(wanted)  # one glyph per character, not one box for all
    assert font_face_css("Latin only, 2030") == ""


# -- the Chinese report in a real browser on a machine without CJK fonts --------------------

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if Path("/usr/bin/chromium").exists() else None)

# after the page's fonts load: is the embedded face loaded, and does it (not a box) cover
# every CJK character of the page's text?
PROBE = ("<script>document.fonts.ready.then(()=>{"
         "const faces=[...document.fonts].filter(f=>f.family.replace(/\"/g,'')==="
         "'carbonpath CJK');"
         "const text=[...new Set(document.body.innerText.match(/[\\u3000-\\u9fff\\uff00-\\uffef]/g)"
         "||[])].join('');"
         "document.body.setAttribute('data-faces',faces.map(f=>f.status).join(','));"
         "document.body.setAttribute('data-chars',text.length);"
         "document.body.setAttribute('data-covered',"
         "document.fonts.check('16px \"carbonpath CJK\"',text)?'yes':'no');});</script>")


def test_chinese_report_renders_its_characters_in_chromium_without_cjk_fonts(tiny_out,
                                                                            tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but CI installs it (.ci/run)")
        pytest.skip("chromium is not installed (CI installs it and runs this test)")
    out = tiny_out  # run("tiny", out, report=False), shared and read-only (tests/conftest.py)
    written = render_report(out, tmp_path / "report", lang="zh")
    page = tmp_path / "probe.html"
    page.write_text(written["html"].read_text(encoding="utf-8").replace(
        "</body>", PROBE + "</body>"), encoding="utf-8")
    # a fontconfig that knows only the fonts matplotlib ships (no CJK font at all)
    import matplotlib

    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{Path(matplotlib.get_data_path()) / 'fonts' / 'ttf'}</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    profile = tmp_path / "profile"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    match = re.search(r'data-faces="([^"]*)" data-chars="(\d+)" data-covered="(\w+)"',
                      done.stdout)
    assert match, done.stderr[-2000:]
    assert match.group(1) == "loaded"
    assert int(match.group(2)) > 50  # the page is in Chinese
    assert match.group(3) == "yes"
