"""Sphinx extension: the docs ship the CJK glyphs their pages use, as a web font.

A browser on a machine without a Chinese font draws the docs' Chinese (page titles,
headings, tables, the API pages' docstrings) as boxes, whatever families the theme names.
When an HTML build has finished, this extension reads every built page (and the search
index, whose titles the search page shows), cuts from the packaged Noto Sans CJK SC (SIL
Open Font License 1.1, which allows embedded subsets) exactly the CJK characters found, with
:func:`carbonpath.report.webfont.font_face_css` (the report's own embedding), and writes it as
``_static/carbonpath-cjk.css``: an ``@font-face`` rule with a ``unicode-range`` (Latin text
keeps the theme's fonts) and furo's font stacks naming the embedded family before the generic
families, with the usual CJK system families as further fallbacks. Every page links the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from carbonpath.report.webfont import EMBEDDED_FAMILY, cjk_characters, font_face_css

STYLESHEET = "carbonpath-cjk.css"

#: furo's default stacks with the embedded family (and system CJK families) before the
#: generic ones: a character the Latin fonts lack falls through to the embedded glyphs.
_CJK_FAMILIES = (f'"{EMBEDDED_FAMILY}", "Noto Sans CJK SC", "Source Han Sans SC", '
                 '"PingFang SC", "Microsoft YaHei"')
_STACKS = (
    "body {\n"
    "  --font-stack: -apple-system, BlinkMacSystemFont, \"Segoe UI\", Helvetica, Arial, "
    f"{_CJK_FAMILIES}, sans-serif, \"Apple Color Emoji\", \"Segoe UI Emoji\";\n"
    "  --font-stack--headings: var(--font-stack);\n"
    "  --font-stack--monospace: \"SFMono-Regular\", Menlo, Consolas, Monaco, "
    f"\"Liberation Mono\", \"Lucida Console\", {_CJK_FAMILIES}, monospace;\n"
    "}\n")


def page_characters(outdir: str | Path) -> str:
    """The distinct CJK characters of every built page and the search index, sorted."""
    root = Path(outdir)
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(root.rglob("*.html")) if "_static" not in p.parts]
    index = root / "searchindex.js"
    if index.is_file():
        texts.append(index.read_text(encoding="utf-8", errors="replace"))
    return cjk_characters("".join(texts))


def write_stylesheet(outdir: str | Path) -> Path:
    """Write ``_static/carbonpath-cjk.css`` for the pages of an HTML build in ``outdir``.

    Returns
    -------
    pathlib.Path
        The stylesheet: the font stacks, preceded by the ``@font-face`` rule when the pages
        have CJK characters and the font package is installed.
    """
    chars = page_characters(outdir)
    target = Path(outdir) / "_static" / STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    header = (f"/* carbonpath docs: glyphs of Noto Sans CJK SC (SIL OFL 1.1) for the "
              f"{len(chars)} CJK characters of the built pages */\n")
    target.write_text(header + font_face_css(chars) + _STACKS, encoding="utf-8")
    return target


def _finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_stylesheet(app.outdir)


def setup(app: Any) -> dict[str, Any]:
    """Register the stylesheet on every page and write it when the build has finished."""
    app.add_css_file(STYLESHEET)
    app.connect("build-finished", _finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
