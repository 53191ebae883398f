"""Fonts for the figures: find a CJK-capable font, or fall back to English labels.

A fresh machine may have no font with Chinese glyphs; matplotlib would then draw empty boxes
("Glyph ... missing from font"). :func:`figure_fonts` decides once per report which fonts
the figures use and in which language their labels are written, and :class:`FigureFonts`
checks each label before it is drawn (:meth:`FigureFonts.label`), so a figure never shows a
missing glyph: labels a font chain cannot draw are simplified or replaced by their codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

__all__ = ["CJK_FAMILIES", "FigureFonts", "figure_fonts", "find_cjk_font", "has_glyphs"]

#: Font families known to cover simplified Chinese, in order of preference.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK JP", "Noto Sans CJK TC",
    "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Hiragino Sans GB", "Heiti SC", "STHeiti", "Sarasa Gothic SC", "Droid Sans Fallback",
    "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "AR PL UKai CN", "SimSun",
)

#: Characters a font must draw to count as CJK-capable (common report words and the
#: full-width punctuation the Chinese labels use).
CJK_PROBE = "中国碳排放达峰年份万吨标准煤电力氢能（）：，"

#: The font matplotlib ships with; it covers Latin, Greek, the minus sign and subscripts.
BASE_FAMILY = "DejaVu Sans"

_FILE_HINTS = ("cjk", "wqy", "sourcehan", "source-han", "simhei", "msyh", "yahei", "pingfang",
               "droidsansfallback", "sarasa", "uming", "ukai", "simsun", "hei")


@lru_cache(maxsize=64)
def _face(path: str) -> FT2Font | None:
    try:
        return FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return None


def has_glyphs(path: str | Path, text: str) -> bool:
    """Return whether the font file at ``path`` has a glyph for every character of ``text``.

    Parameters
    ----------
    path : str or pathlib.Path
        A TrueType/OpenType font file (``.ttc`` collections: the first face).
    text : str
        Characters to check; whitespace is ignored.

    Returns
    -------
    bool
        False if the file cannot be read or lacks any glyph.
    """
    face = _face(str(path))
    if face is None:
        return False
    return all(face.get_char_index(ord(ch)) != 0 for ch in text if not ch.isspace())


def _known_fonts() -> list[font_manager.FontEntry]:
    return list(font_manager.fontManager.ttflist)


def _system_font_files() -> list[str]:
    try:
        return list(font_manager.findSystemFonts())
    except Exception:  # a broken fontconfig must not break a report
        return []


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, str] | None:
    """Find an installed font that draws simplified Chinese.

    Looks first for the families of :data:`CJK_FAMILIES` known to matplotlib's font manager,
    then at any font known to it, then at system font files matplotlib's cached list does not
    hold yet (a font installed after the cache was built; it is added to the font manager).
    A candidate counts only if it has a glyph for every character of :data:`CJK_PROBE`.

    Returns
    -------
    tuple of (str, str) or None
        The family name and the font file, or None if no CJK-capable font is installed.
    """
    entries = _known_fonts()
    by_name: dict[str, list[font_manager.FontEntry]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry)
    for family in CJK_FAMILIES:
        for entry in by_name.get(family, []):
            if has_glyphs(entry.fname, CJK_PROBE):
                return entry.name, str(entry.fname)
    for entry in entries:
        if has_glyphs(entry.fname, CJK_PROBE):
            return entry.name, str(entry.fname)
    known = {str(e.fname) for e in entries}
    for path in _system_font_files():
        if path in known or not any(h in Path(path).name.lower() for h in _FILE_HINTS):
            continue
        if has_glyphs(path, CJK_PROBE):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name(), path
    return None


_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")
_EMPTY_BRACKETS = re.compile(r"\s*[(\[（]\s*[,;:/、，]*\s*[)\]）]")


@dataclass
class FigureFonts:
    """The fonts and label language of a report's figures.

    Attributes
    ----------
    lang : str
        Language of the figure labels (``"en"`` or ``"zh"``).
    requested : str
        Language of the report.
    families : list of str
        The font family chain given to matplotlib (CJK font first when there is one, then
        :data:`BASE_FAMILY`; matplotlib takes each glyph from the first font that has it).
    paths : list of str
        The font files of ``families``, used to check labels before they are drawn.
    unicode_minus : bool
        Whether negative numbers use the minus sign U+2212 (only if a font in the chain
        draws it; otherwise the ASCII hyphen-minus, never an empty box).
    """

    lang: str
    requested: str
    families: list[str]
    paths: list[str] = field(default_factory=list)
    unicode_minus: bool = True

    @property
    def fallback(self) -> bool:
        """True when a Chinese report draws its figure labels in English (no CJK font)."""
        return self.requested != self.lang

    def can_draw(self, text: str) -> bool:
        """Return whether some font of the chain has a glyph for every character of ``text``."""
        return all(any(has_glyphs(p, ch) for p in self.paths) for ch in set(text)
                   if not ch.isspace())

    def label(self, text: str, code: str | None = None) -> str:
        """Return ``text`` if it can be drawn, else a drawable version of it.

        Runs of CJK characters are removed first (a name such as ``"Utility PV (集中式光伏)"``
        becomes ``"Utility PV"``); if that leaves nothing or still cannot be drawn, ``code``
        (a lower_snake_case ASCII code) is returned, else the text with undrawable
        characters replaced by ``?``.
        """
        text = str(text)
        if self.can_draw(text):
            return text
        stripped = _EMPTY_BRACKETS.sub("", _CJK_RUN.sub("", text)).strip(" -_,;:/")
        if stripped and self.can_draw(stripped):
            return stripped
        if code is not None and self.can_draw(str(code)):
            return str(code)
        return "".join(ch if self.can_draw(ch) else "?" for ch in text)

    def rc(self) -> dict[str, object]:
        """Matplotlib rcParams that apply these fonts."""
        return {"font.family": list(self.families), "axes.unicode_minus": self.unicode_minus,
                "svg.fonttype": "path"}

    @contextmanager
    def applied(self) -> Iterator[None]:
        """Context manager: draw with these fonts (matplotlib's rc_context)."""
        with mpl.rc_context(self.rc()):
            yield


def _base_path() -> str:
    return str(font_manager.findfont(font_manager.FontProperties(family=BASE_FAMILY),
                                     fallback_to_default=True))


def figure_fonts(lang: str = "en") -> FigureFonts:
    """Decide the figure fonts and label language for a report in ``lang``.

    Parameters
    ----------
    lang : {"en", "zh"}
        The report's language.

    Returns
    -------
    FigureFonts
        For ``"zh"`` with a CJK font installed: Chinese labels with that font first in the
        chain. For ``"zh"`` without one: English labels (``fallback`` is True; the report says
        so). For ``"en"``: English labels, with a CJK font in the chain when there is one so
        that Chinese names in the data can still be drawn.
    """
    base = _base_path()
    cjk = find_cjk_font()
    families, paths = [BASE_FAMILY], [base]
    if cjk is not None:
        name, path = cjk
        families = [name, BASE_FAMILY] if lang == "zh" else [BASE_FAMILY, name]
        paths = [path, base] if lang == "zh" else [base, path]
    label_lang = "zh" if lang == "zh" and cjk is not None else "en"
    minus = any(has_glyphs(p, "\u2212") for p in paths)
    return FigureFonts(lang=label_lang, requested=lang, families=families, paths=paths,
                       unicode_minus=minus)
