"""Fonts for the figures: a real CJK font, or English labels; never a last-resort font.

A fresh machine may have no font with Chinese glyphs. carbonpath depends on the package
``noto-cjk-sans-otc``, which ships Google's Noto Sans CJK (SIL Open Font License 1.1) as an
OpenType collection; :func:`package_font` registers its simplified-Chinese face ("Noto Sans
CJK SC") with matplotlib's font manager, so every machine draws the same Chinese glyphs.
matplotlib itself ships a *last-resort* font (Last Resort High-Efficiency) that has a glyph for
every character, but each glyph is a box naming the Unicode block: :func:`is_real_font` rejects
it (and any font that maps different characters to one glyph), so it is never taken for a CJK
font. :func:`figure_fonts` decides once per report which fonts the figures use and in which
language their labels are written, and :class:`FigureFonts` checks each label before it is
drawn (:meth:`FigureFonts.label`), so a figure never shows a missing glyph: labels a font
chain cannot draw are simplified or replaced by their codes.
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

from carbonpath._checks import checked

__all__ = ["CJK_FAMILIES", "PACKAGE_FAMILY", "FigureFonts", "figure_fonts", "find_cjk_font",
           "has_glyphs", "is_real_font", "package_font"]

#: The simplified-Chinese face of the font package carbonpath depends on.
PACKAGE_FAMILY = "Noto Sans CJK SC"

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
def _face(path: str, index: int = 0) -> FT2Font | None:
    try:  # face_index exists from matplotlib 3.10 on
        return FT2Font(path, face_index=index) if index else FT2Font(path)
    except (OSError, RuntimeError, ValueError, TypeError):
        return None


def has_glyphs(path: str | Path, text: str, index: int = 0) -> bool:
    """Return whether the font file at ``path`` has a glyph for every character of ``text``.

    Parameters
    ----------
    path : str or pathlib.Path
        A TrueType/OpenType font file or collection (``.ttc``).
    text : str
        Characters to check; whitespace is ignored.
    index : int
        The face of a collection (0 for a single font).

    Returns
    -------
    bool
        False if the file cannot be read or lacks any glyph.
    """
    face = _face(str(path), index)
    if face is None:
        return False
    return all(face.get_char_index(ord(ch)) != 0 for ch in text if not ch.isspace())


#: Family names of last-resort fonts: a box for every character (matplotlib ships one).
LAST_RESORT = ("last resort",)


def is_real_font(path: str | Path, text: str = "", index: int = 0) -> bool:
    """Return whether a font draws ``text`` with real glyphs (not a last-resort font).

    A last-resort font (matplotlib's ``LastResortHE-Regular.ttf``) maps every character of a
    Unicode block to one box glyph. A font counts as real when its family is not a known
    last-resort family and it maps the distinct characters of ``text`` to distinct glyphs.

    Parameters
    ----------
    path : str or pathlib.Path
        The font file.
    text : str
        Characters to check (default :data:`CJK_PROBE`); whitespace is ignored.
    index : int
        The face of a collection.

    Returns
    -------
    bool
    """
    face = _face(str(path), index)
    if face is None:
        return False
    if any(name in str(face.family_name).lower() for name in LAST_RESORT):
        return False
    chars = {ch for ch in (text or CJK_PROBE) if not ch.isspace()}
    glyphs = {face.get_char_index(ord(ch)) for ch in chars}
    return 0 not in glyphs and len(glyphs) == len(chars)


def _cjk_capable(path: str | Path, index: int = 0) -> bool:
    return has_glyphs(path, CJK_PROBE, index) and is_real_font(path, CJK_PROBE, index)


@lru_cache(maxsize=1)
def package_font() -> tuple[str, str, int] | None:
    """Register the packaged Noto Sans CJK with matplotlib and return its SC face.

    The font comes from the ``noto-cjk-sans-otc`` package (a dependency of carbonpath; Noto
    Sans CJK, SIL Open Font License 1.1). It is added to matplotlib's font manager once.

    Returns
    -------
    tuple of (str, str, int) or None
        Family name (:data:`PACKAGE_FAMILY` where matplotlib registers every face of a
        collection), font file and face index; None when the package is not installed or
        its font cannot be read.
    """
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    path = str(noto_cjk_sans_otc.FONT_PATH)
    first = _face(path)
    if first is None:
        return None
    if path not in {str(e.fname) for e in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    # the SC face when matplotlib registers every face of a collection (3.10 on), else the
    # first face (Noto Sans CJK JP: the same character set, Japanese glyph forms for a few)
    registered = {(e.name, int(getattr(e, "index", 0))) for e in
                  font_manager.fontManager.ttflist if str(e.fname) == path}
    for name, index in sorted(registered, key=lambda x: (x[0] != PACKAGE_FAMILY, x[1])):
        if _cjk_capable(path, index):
            return name, path, index
    return None


def _known_fonts() -> list[font_manager.FontEntry]:
    return list(font_manager.fontManager.ttflist)


def _system_font_files() -> list[str]:
    try:
        return list(font_manager.findSystemFonts())
    except Exception:  # a broken fontconfig must not break a report
        return []


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, str] | None:
    """Find a font that draws simplified Chinese: the packaged one first, then installed ones.

    The packaged Noto Sans CJK SC (:func:`package_font`) comes first, so that figures look the
    same on every machine. Without it, looks for the families of :data:`CJK_FAMILIES` known to
    matplotlib's font manager, then at any font known to it, then at system font files
    matplotlib's cached list does not hold yet (added to the font manager). A candidate counts
    only if it has a glyph for every character of :data:`CJK_PROBE` and is a real font
    (:func:`is_real_font`: never matplotlib's last-resort font).

    Returns
    -------
    tuple of (str, str) or None
        The family name and the font file, or None if no CJK-capable font exists.
    """
    packaged = package_font()
    if packaged is not None:
        return packaged[0], packaged[1]
    entries = _known_fonts()
    by_name: dict[str, list[font_manager.FontEntry]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry)
    for family in CJK_FAMILIES:
        for entry in by_name.get(family, []):
            if _cjk_capable(entry.fname, getattr(entry, "index", 0)):
                return entry.name, str(entry.fname)
    for entry in entries:
        if _cjk_capable(entry.fname, getattr(entry, "index", 0)):
            return entry.name, str(entry.fname)
    known = {str(e.fname) for e in entries}
    for path in _system_font_files():
        if path in known or not any(h in Path(path).name.lower() for h in _FILE_HINTS):
            continue
        if _cjk_capable(path):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name(), path
    return None


def _face_index(family: str, path: str) -> int:
    """The face of ``path`` whose family is ``family`` (0 for a single font)."""
    for entry in font_manager.fontManager.ttflist:
        if entry.name == family and str(entry.fname) == path:
            return int(getattr(entry, "index", 0))
    return 0


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
    indices : list of int
        The face of each of ``paths`` (collections); 0 for each when empty.
    unicode_minus : bool
        Whether negative numbers use the minus sign U+2212 (only if a font in the chain
        draws it; otherwise the ASCII hyphen-minus, never an empty box).
    """

    lang: str
    requested: str
    families: list[str]
    paths: list[str] = field(default_factory=list)
    unicode_minus: bool = True
    indices: list[int] = field(default_factory=list)

    @property
    def fallback(self) -> bool:
        """True when a Chinese report draws its figure labels in English (no CJK font)."""
        return self.requested != self.lang

    def can_draw(self, text: str) -> bool:
        """Return whether some font of the chain has a glyph for every character of ``text``."""
        faces = list(zip(self.paths, self.indices or [0] * len(self.paths), strict=True))
        return all(any(has_glyphs(p, ch, i) and is_real_font(p, ch, i) for p, i in faces)
                   for ch in set(text) if not ch.isspace())

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


@checked
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
    families, paths, indices = [BASE_FAMILY], [base], [0]
    if cjk is not None:
        name, path = cjk
        index = _face_index(name, path)
        families = [name, BASE_FAMILY] if lang == "zh" else [BASE_FAMILY, name]
        paths = [path, base] if lang == "zh" else [base, path]
        indices = [index, 0] if lang == "zh" else [0, index]
    label_lang = "zh" if lang == "zh" and cjk is not None else "en"
    minus = any(has_glyphs(p, "\u2212", i) for p, i in zip(paths, indices, strict=True))
    return FigureFonts(lang=label_lang, requested=lang, families=families, paths=paths,
                       unicode_minus=minus, indices=indices)
