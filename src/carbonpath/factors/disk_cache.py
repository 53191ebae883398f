"""A disk cache of validated factor tables, keyed by the content of what they were read from.

Reading and validating the bundled factor tables (about 660 rows: units parsed, ranges and
cross-checks applied) costs 0.1-0.15 s of CPU at every start of a process, the same work
each time (issue 15). :func:`~carbonpath.factors.load_factors` therefore keeps the validated
:class:`~carbonpath.factors.FactorTable` in carbonpath's cache folder
(:mod:`carbonpath._cache`, subfolder ``factors/``) and reads it back (under 1 ms) when
nothing it was made from has changed.

The key (:func:`cache_key`) is a BLAKE2b digest of

- the name and the bytes of every file the table is read from: every CSV and ``VERSION`` of
  the factor folder, the plausible-ranges table, and user files given by path (``extra=``,
  ``regions=``), in the order they are read;
- the options that change the result (``allow_implausible``);
- the schema code (:func:`schema_code`): the bytes of carbonpath's modules and data files
  that read, check and hold the tables (``factors/``, ``plausibility.py``, ``codes.py``,
  ``numbers.py``, ``_io.py``, ``units/``, ``units.txt``, the code lists in ``data/``) and
  ``carbonpath/__init__.py`` (its version);
- the versions of Python, pandas, numpy, pyarrow and pint (the pickle's readers).

So any change of a table, of the code that validates it or of a library that stores it is
another key: the old entry is simply not found. A user table given as a DataFrame is never
cached (it has no file whose bytes could key it); nor is a load that fails.

An entry is ``MAGIC``, a BLAKE2b digest of the payload, then the payload (a pickle of the
table and the warning text the load gave, re-issued on every hit). It is written through a
temporary file and a rename (:func:`carbonpath._cache.write_atomic`), so two processes
writing at once each leave a whole entry, and a reader sees a whole entry or none. An entry
whose magic or digest does not match, or that does not unpickle to a ``FactorTable``, is
ignored (the tables are validated anew and the entry rewritten): nothing unchecked is
trusted. The :data:`KEEP` newest entries are kept (each edit of a table makes a new one).
``CARBONPATH_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import platform
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from carbonpath._cache import cache_folder, write_atomic

__all__ = ["cache_key", "read_entry", "schema_code", "write_entry"]

#: The first bytes of every entry (the format's version: a new layout is a new magic).
MAGIC = b"carbonpath-factor-table-1\n"
_DIGEST = 32  # bytes of the BLAKE2b digest of the payload

#: carbonpath's files (relative to the package folder) whose bytes are the schema code.
SCHEMA_FILES = ("__init__.py", "factors", "plausibility.py", "codes.py", "numbers.py",
                "_io.py", "units", "units.txt", "data")


@functools.lru_cache(maxsize=1)
def schema_code() -> str:
    """A digest of the code that reads, validates and holds factor tables (hex, 64 chars).

    The bytes of :data:`SCHEMA_FILES` (folders: every ``.py`` and ``.csv`` in them, by name)
    and the versions of Python and of the libraries the pickle holds objects of. Computed
    once per process (about 1 ms).
    """
    package = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=_DIGEST)
    for name in SCHEMA_FILES:
        path = package / name
        files = (sorted(p for p in path.iterdir() if p.suffix in (".py", ".csv"))
                 if path.is_dir() else [path])
        for file in files:
            h.update(f"{file.relative_to(package).as_posix()}\0".encode())
            h.update(file.read_bytes() if file.is_file() else b"<missing>")
            h.update(b"\0")
    for module in ("pandas", "numpy", "pyarrow", "pint"):
        version = getattr(sys.modules.get(module), "__version__", "-")
        h.update(f"{module}={version}\0".encode())
    h.update(f"python={platform.python_version()}\0".encode())
    return h.hexdigest()


def cache_key(files: Iterable[tuple[str, Path]], options: Any) -> str | None:
    """The entry name for a table read from ``files`` with ``options`` (None: do not cache).

    Parameters
    ----------
    files : iterable of (str, pathlib.Path)
        (role, path) of every file the table is read from, in reading order; the role is how
        the loader uses the file (e.g. ``"table"``, ``"extra 1"``) and the file's name and
        bytes are hashed with it.
    options : object
        Anything else that changes the result (its ``repr`` is hashed).

    Returns
    -------
    str or None
        A hex digest (the entry's file name without suffix); None if a file cannot be read
        (the loader then reports that file in its own terms).
    """
    h = hashlib.blake2b(digest_size=_DIGEST)
    h.update(MAGIC)
    h.update(schema_code().encode())
    h.update(repr(options).encode())
    for role, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        h.update(f"\0{role}\0{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _entry(key: str) -> Path | None:
    folder = cache_folder("factors")
    return None if folder is None else folder / f"{key}.pickle"


def read_entry(key: str) -> tuple[Any, list[str]] | None:
    """The cached (table, warning texts) of ``key``, or None when there is no sound entry.

    An entry is used only if its magic and its payload's digest match and it unpickles to a
    :class:`~carbonpath.factors.FactorTable`; anything else (missing, torn, damaged, of
    another format) returns None, and the caller validates the tables anew. Never raises.
    """
    from carbonpath.factors.table import FactorTable

    path = _entry(key)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST
    payload = blob[head:]
    if (blob[:len(MAGIC)] != MAGIC or len(blob) <= head
            or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != blob[len(MAGIC):head]):
        return None
    try:
        table, notes = pickle.loads(payload)  # our own entry, digest checked
    except Exception:  # whatever a damaged pickle raises
        return None
    if not isinstance(table, FactorTable) or not isinstance(notes, list):
        return None
    return table, notes


def write_entry(key: str, table: Any, notes: list[str]) -> bool:
    """Store ``table`` (a freshly validated FactorTable) and its warning texts under ``key``.

    Written atomically (a temporary file renamed over the entry); returns False, without
    raising, when there is no cache folder or it cannot be written.
    """
    path = _entry(key)
    if path is None:
        return False
    try:
        payload = pickle.dumps((table, list(notes)), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an object that does not pickle: no entry, the load still stands
        return False
    digest = hashlib.blake2b(payload, digest_size=_DIGEST).digest()
    written = write_atomic(path, MAGIC + digest + payload)
    if written:
        _prune(path.parent)
    return written


#: Entries kept in the folder; older ones (by modification time) are removed on a write.
KEEP = 16


def _prune(folder: Path) -> None:
    """Remove all but the :data:`KEEP` newest entries (each edit of a table makes one)."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    except OSError:  # an entry removed meanwhile by another process: prune next time
        return
    for old in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
