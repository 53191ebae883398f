"""carbonpath's cache folder: files a run can make again, kept to save time on the next run.

Five kinds of entry live there: ``pint/``, pint's parsed unit definitions
(:mod:`carbonpath.units.registry`), ``fonts/``, the HTML report's CJK font cuts
(:mod:`carbonpath.report.webfont`), ``jinja/``, the report templates' compiled code
(:mod:`carbonpath.report.templating`), and ``factors/`` and ``datasets/``, validated factor
tables and datasets keyed by the bytes they were read from (:mod:`carbonpath._content_cache`).

Nothing in it is needed: every entry is remade when it is missing, damaged or stale, and the
folder may be deleted at any time. Where it is:

- ``CARBONPATH_CACHE_DIR``, when set: that folder (``off`` turns the cache off);
- else the user's cache folder (:func:`platformdirs.user_cache_dir`: ``~/.cache/carbonpath``
  on Linux, ``~/Library/Caches/carbonpath`` on macOS, ``%LOCALAPPDATA%/carbonpath/Cache``
  on Windows).

A folder that cannot be created or written turns the cache off for that use (the work is
done as if there were no cache); it never fails a run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["ENV", "cache_folder", "write_atomic"]

#: The environment variable naming the cache folder (``off``: no cache).
ENV = "CARBONPATH_CACHE_DIR"


def cache_folder(kind: str) -> Path | None:
    """The cache folder for ``kind`` of entries (created), or None when there is no cache.

    Parameters
    ----------
    kind : str
        A subfolder name, one per kind of entry (e.g. ``"fonts"``).

    Returns
    -------
    pathlib.Path or None
        ``<cache>/<kind>``; None when ``CARBONPATH_CACHE_DIR`` is ``off`` or the folder cannot
        be created (read-only home, a file in the way). Never raises.
    """
    root = os.environ.get(ENV)
    if root is not None and root.strip().lower() == "off":
        return None
    if not root:
        import platformdirs  # a dependency of pint

        root = platformdirs.user_cache_dir("carbonpath", appauthor=False)
    folder = Path(root) / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if folder.is_dir() else None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename (no torn entries).

    Another process reading ``path`` meanwhile sees the old file or the new one, never a
    part of either. Returns False (and leaves no temporary file) when the folder cannot be
    written; never raises.
    """
    try:
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True
