"""The HTML report's Chinese text: a subset of the packaged CJK font, embedded in the page.

A browser on a machine without a Chinese font draws Chinese text as boxes, whatever font
families the stylesheet names. :func:`font_face_css` therefore embeds, as a data URI in an
``@font-face`` rule, the glyphs of the packaged Noto Sans CJK SC
(:func:`~carbonpath.report.fonts.package_font`, SIL Open Font License 1.1, which allows
embedding subsets) for exactly the CJK characters the page uses; fontTools (a dependency of
matplotlib) cuts the subset. The rule carries a ``unicode-range``, so Latin text keeps the
system's fonts. The stylesheet names further CJK families as fallbacks.
"""

from __future__ import annotations

import base64
import gc
import io
import re

from carbonpath._memory import release_memory
from carbonpath.report.fonts import package_font

__all__ = ["EMBEDDED_FAMILY", "cjk_characters", "font_face_css", "prepare_font"]

#: The family name the embedded subset is declared under.
EMBEDDED_FAMILY = "carbonpath CJK"

#: CJK punctuation, ideographs, compatibility ideographs and full-width forms.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_RANGE = "U+3000-303F, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF"


def cjk_characters(text: str) -> str:
    """The distinct CJK characters of ``text``, sorted (what the subset must hold)."""
    return "".join(sorted(set(_CJK.findall(text))))


def _subset(source: str | io.BytesIO, chars: str, index: int = 0) -> bytes:
    """An OpenType font holding only ``chars`` (and .notdef) of ``source``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # the source's own timestamp: the same page gives the same bytes on every run
    font = TTFont(source, fontNumber=index, lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]  # keeps the font's name table, with its licence notice
    # horizontal text without OpenType features: no layout tables (much faster to cut)
    options.layout_features = []
    options.layout_closure = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


#: A first cut of the packaged font (characters, font bytes): later pages are cut from it
#: when it holds their characters, which is much faster than cutting the 65,000-glyph font
#: (and gives the same bytes: a subset does not depend on what it was cut from).
_BASE: dict[str, tuple[frozenset[str], bytes]] = {}


def _base(path: str, index: int, chars: str) -> tuple[frozenset[str], bytes]:
    """The first cut of the packaged font, holding at least ``chars`` (cut anew if not)."""
    key = f"{path}#{index}"
    base = _BASE.get(key)
    if base is None or not set(chars) <= base[0]:
        release_memory()  # the cut's 30-40 MiB go where the figures' garbage was (peak RSS)
        wanted = set(chars) | (base[0] if base else set())
        base = (frozenset(wanted), _subset(path, "".join(sorted(wanted)), index))
        _BASE[key] = base
        gc.collect()  # the 65,000-glyph font's objects hold cycles: free them now (peak RSS)
    return base


def _cut(path: str, index: int, chars: str) -> bytes:
    return _subset(io.BytesIO(_base(path, index, chars)[1]), chars)


def prepare_font(texts: list[str]) -> None:
    """Cut the packaged font once for the CJK characters of all ``texts``.

    The pages of one report embed subsets cut from this one cut (:func:`font_face_css`),
    instead of cutting the 65,000-glyph font again for a page that holds characters the
    first page did not (the annex: dataset names and sources). Nothing happens when the
    texts hold no CJK character or the font package is not installed.

    Parameters
    ----------
    texts : list of str
        Every page the report will embed the font in (HTML is fine).
    """
    chars = cjk_characters(" ".join(texts))
    packaged = package_font()
    if chars and packaged is not None:
        _, path, index = packaged
        _base(path, index, chars)


def font_face_css(text: str) -> str:
    """An ``@font-face`` rule embedding the packaged CJK font's glyphs for ``text``.

    Parameters
    ----------
    text : str
        Everything the page shows (its HTML is fine: only CJK characters are kept).

    Returns
    -------
    str
        CSS declaring :data:`EMBEDDED_FAMILY` with an OpenType subset as a base64 data URI
        (about 20 kB per hundred characters); '' when ``text`` has no CJK character or the
        font package is not installed.
    """
    chars = cjk_characters(text)
    packaged = package_font()
    if not chars or packaged is None:
        return ""
    _, path, index = packaged
    data = base64.b64encode(_cut(path, index, chars)).decode("ascii")
    return (f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; font-style: normal; '
            f"font-weight: 100 900; unicode-range: {_RANGE}; "
            f'src: url(data:font/otf;base64,{data}) format("opentype"); }}\n')
