"""The HTML report's Chinese text: a subset of the packaged CJK font, embedded in the page.

A browser on a machine without a Chinese font draws Chinese text as boxes, whatever font
families the stylesheet names. :func:`font_face_css` therefore embeds, as a data URI in an
``@font-face`` rule, the glyphs of the packaged Noto Sans CJK SC
(:func:`~carbonpath.report.fonts.package_font`, SIL Open Font License 1.1, which allows
embedding subsets) for exactly the CJK characters the page uses; fontTools (a dependency of
matplotlib) cuts the subset. The rule carries a ``unicode-range``, so Latin text keeps the
system's fonts. The stylesheet names further CJK families as fallbacks.

Cutting the 65,000-glyph font is slow (about half a second to a second, pure Python), so the
cuts are kept in carbonpath's cache folder (:mod:`carbonpath._cache`, ``fonts/``): the *first
cut* (every character any report has asked for so far, from which page subsets are cut
quickly) and each page's subset, keyed by the font file's identity (path, size, modification
time, face), the fontTools and carbonpath versions and the character set. An entry carries
the SHA-256 of its bytes and its key: a damaged or stale entry is not read but cut again and
replaced. A subset does not depend on what it was cut from, so a report gives the same bytes
with a cold cache, a warm one or none (``CARBONPATH_CACHE_DIR=off``).
"""

from __future__ import annotations

import base64
import contextlib
import gc
import hashlib
import io
import json
import os
import re
from pathlib import Path

from carbonpath import __version__
from carbonpath._cache import cache_folder, write_atomic
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


#: The cut entries' format: bump it when :func:`_subset`'s options change (older entries are
#: then stale and cut again).
_FORMAT = 1
#: The first line of a cache entry; a JSON header line and the font's bytes follow.
_MAGIC = b"carbonpath font cut\n"
#: How many cache entries are kept (the least recently used beyond go; ~50-100 kB each).
_KEEP = 64

#: The first cut of each font in this process: font key -> (characters, font bytes).
_BASE: dict[str, tuple[frozenset[str], bytes]] = {}


def _font_key(path: str, index: int) -> str:
    """What a cut depends on besides its characters: the font file, face and the cutters."""
    import fontTools

    stat = os.stat(path)
    identity = [os.path.realpath(path), stat.st_size, stat.st_mtime_ns, index,
                fontTools.version, __version__, _FORMAT]
    return hashlib.sha256(json.dumps(identity).encode("utf-8")).hexdigest()


def _entry(key: str, chars: str | None) -> Path | None:
    """The cache file of the first cut (``chars`` None) or of one page's subset."""
    folder = cache_folder("fonts")
    if folder is None:
        return None
    name = "base" if chars is None else hashlib.sha256(chars.encode("utf-8")).hexdigest()[:32]
    return folder / f"{key[:32]}-{name}.cut"


def _read(file: Path | None, key: str) -> tuple[str, bytes] | None:
    """An entry's characters and font bytes; None if missing, damaged or of another key."""
    if file is None:
        return None
    try:
        raw = file.read_bytes()
        if not raw.startswith(_MAGIC):
            return None
        line, data = raw[len(_MAGIC):].split(b"\n", 1)
        header = json.loads(line)
        if (header.get("key") != key or header.get("size") != len(data)
                or header.get("sha256") != hashlib.sha256(data).hexdigest()):
            return None
        chars = header["chars"]
        if not isinstance(chars, str):
            return None
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    with contextlib.suppress(OSError):  # a read-only folder: still a good entry
        os.utime(file)  # most recently used: kept by _prune
    return chars, data


def _write(file: Path | None, key: str, chars: str, data: bytes) -> None:
    """Store a cut (atomically); a folder that cannot be written is skipped silently."""
    if file is None:
        return
    header = {"key": key, "chars": chars, "size": len(data),
              "sha256": hashlib.sha256(data).hexdigest()}
    if write_atomic(file, _MAGIC + json.dumps(header).encode("utf-8") + b"\n" + data):
        _prune(file.parent)


def _prune(folder: Path) -> None:
    """Keep the :data:`_KEEP` most recently used entries of ``folder``."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob("*.cut"), key=lambda f: f.stat().st_mtime_ns,
                         reverse=True)
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)


def _base(path: str, index: int, chars: str) -> tuple[frozenset[str], bytes]:
    """The first cut of the packaged font, holding at least ``chars`` (cut anew if not).

    Looked up in this process, then in the cache folder; a cut anew holds ``chars`` and
    every character of the cut it replaces, and is stored in both.
    """
    key = _font_key(path, index)
    base = _BASE.get(key)
    if base is None:
        stored = _read(_entry(key, None), key)
        base = None if stored is None else (frozenset(stored[0]), stored[1])
    if base is None or not set(chars) <= base[0]:
        release_memory()  # the cut's 30-40 MiB go where the figures' garbage was (peak RSS)
        wanted = "".join(sorted(set(chars) | (base[0] if base else set())))
        base = (frozenset(wanted), _subset(path, wanted, index))
        gc.collect()  # the 65,000-glyph font's objects hold cycles: free them now (peak RSS)
        _write(_entry(key, None), key, wanted, base[1])
    _BASE[key] = base
    return base


def _cut(path: str, index: int, chars: str) -> bytes:
    """The subset of ``chars``: from the cache folder, else cut from the first cut."""
    key = _font_key(path, index)
    file = _entry(key, chars)
    stored = _read(file, key)
    if stored is not None and stored[0] == chars:
        return stored[1]
    data = _subset(io.BytesIO(_base(path, index, chars)[1]), chars)
    _write(file, key, chars, data)
    return data


def prepare_font(texts: list[str]) -> None:
    """Cut the packaged font once for the CJK characters of all ``texts``.

    The pages of one report embed subsets cut from this one cut (:func:`font_face_css`),
    instead of cutting the 65,000-glyph font again for a page that holds characters the
    first page did not (the annex: dataset names and sources). Nothing happens when the
    texts hold no CJK character, when every page's subset is in the cache folder, when the
    cached first cut holds every character already, or when the font package is not
    installed.

    Parameters
    ----------
    texts : list of str
        Every page the report will embed the font in (HTML is fine).
    """
    packaged = package_font()
    if packaged is None:
        return
    _, path, index = packaged
    key = _font_key(path, index)
    missing = set()
    for text in texts:  # pages whose subset is in the cache folder need no first cut
        chars = cjk_characters(text)
        stored = _read(_entry(key, chars), key) if chars else None
        if chars and (stored is None or stored[0] != chars):
            missing |= set(chars)
    if missing:
        _base(path, index, "".join(sorted(missing)))


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
