"""Validated inputs kept on disk, keyed by the bytes they were made from (issue 15).

Reading and validating the same files again costs the same CPU at every start of a process:
the bundled factor tables (0.1-0.15 s) and a dataset folder (0.2-0.3 s for Liaocheng). Their
loaders (:func:`carbonpath.factors.load_factors`, :func:`carbonpath.load_dataset`) keep the
validated object in carbonpath's cache folder (:mod:`carbonpath._cache`, one subfolder per
kind) and read it back in a few milliseconds when nothing it was made from has changed.

The key (:func:`content_key`) is a BLAKE2b digest of

- the name and the bytes of every file the object is read from, in reading order;
- the options that change the result;
- the code (:func:`code_digest`): the bytes of every ``.py``, ``.csv``, ``.txt`` and
  ``.yaml`` file of the installed carbonpath package (the validating code, the code lists,
  the unit definitions, the version in ``__init__.py``), and the versions of Python,
  pandas, numpy, pyarrow and pint (the pickle's readers).

So any change of an input, of carbonpath or of a library that stores the object is another
key: the old entry is simply not found. Only what was read from files is cached, and only a
load that succeeds.

An entry is :data:`MAGIC`, a BLAKE2b digest of the payload, then the payload (a pickle). It
is written through a temporary file and a rename (:func:`carbonpath._cache.write_atomic`), so
two processes writing at once each leave a whole entry, and a reader sees a whole entry or
none. An entry whose magic or digest does not match, that does not unpickle, or whose
object is not of the expected type is ignored (the inputs are validated anew and the entry
rewritten): nothing unchecked is trusted. The :data:`KEEP` newest entries of each kind are
kept (each edit of an input makes a new one). ``CARBONPATH_CACHE_DIR=off`` turns the cache
off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from carbonpath._cache import cache_folder, write_atomic

__all__ = ["catalogue_files", "code_digest", "content_key", "read_entry", "write_entry"]

#: The first bytes of every entry (the format's version: a new layout is a new magic).
MAGIC = b"carbonpath-content-cache-1\n"
DIGEST = 32  # bytes of the BLAKE2b digests
#: The suffixes of the package's files whose bytes are part of :func:`code_digest`.
CODE_SUFFIXES = (".py", ".csv", ".txt", ".yaml")
#: Entries kept per kind; older ones (by modification time) are removed on a write.
KEEP = 16


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of carbonpath's code and data files and of the libraries' versions (hex).

    Every file of the package folder with a suffix in :data:`CODE_SUFFIXES` (by relative
    path, ``__pycache__`` left out), then the versions of Python, pandas, numpy, pyarrow and
    pint. Computed once per process (about 5 ms: 2.3 MB of sources).
    """
    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=DIGEST)
    for file in sorted(package.rglob("*")):
        if file.suffix not in CODE_SUFFIXES or "__pycache__" in file.parts:
            continue
        try:
            data = file.read_bytes()
        except OSError:  # a folder named like a file, an unreadable file: its name only
            data = b"<unreadable>"
        h.update(f"{file.relative_to(package).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    for module in ("pandas", "numpy", "pyarrow", "pint"):
        version = getattr(sys.modules.get(module), "__version__", "-")
        h.update(f"{module}={version}\0".encode())
    h.update(f"python={sys.version}\0".encode())
    return h.hexdigest()


def content_key(files: Iterable[tuple[str, Path]], options: Any) -> str | None:
    """The entry name for an object read from ``files`` with ``options`` (None: no cache).

    Parameters
    ----------
    files : iterable of (str, pathlib.Path)
        (role, path) of every file the object is read from, in reading order; the role is
        how the loader uses the file (e.g. ``"table"``, ``"extra 1"``, a path relative to a
        dataset folder), hashed with the file's bytes.
    options : object
        Anything else that changes the result (its ``repr`` is hashed).

    Returns
    -------
    str or None
        A hex digest (the entry's file name without suffix); None if a file cannot be read
        (the loader then reports that file in its own terms).
    """
    h = hashlib.blake2b(digest_size=DIGEST)
    h.update(MAGIC)
    h.update(code_digest().encode())
    h.update(repr(options).encode())
    for role, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        h.update(f"\0{role}\0{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def catalogue_files() -> list[tuple[str, Path]] | None:
    """(role, path) of every file of the bundled catalogue (fuels, sectors), for a key.

    In a source checkout the catalogue lies outside the package, so :func:`code_digest`
    does not hold it; a key of something computed from it adds these files
    (:mod:`carbonpath.run_inventory`, :mod:`carbonpath.model.tech_cache`). None when there is
    no catalogue folder (then nothing is cached).
    """
    from carbonpath._resources import data_path
    from carbonpath.errors import CarbonpathError

    try:
        root = data_path("catalogue")
        files = sorted(p for p in root.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts)
    except (OSError, CarbonpathError):  # no catalogue folder: not cached
        return None
    return [(p.relative_to(root).as_posix(), p) for p in files]


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_folder(kind)
    return None if folder is None else folder / f"{key}.pickle"


def read_entry(kind: str, key: str, expect: type) -> Any | None:
    """The cached object of ``key``, or None when there is no sound entry.

    Parameters
    ----------
    kind : str
        The cache subfolder (``"factors"``, ``"datasets"``).
    key : str
        From :func:`content_key`.
    expect : type
        The payload must be a tuple whose first item is of this type.

    Returns
    -------
    tuple or None
        The payload given to :func:`write_entry`; None if the entry is missing, torn,
        damaged, of another format or of another type. Never raises.
    """
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + DIGEST
    payload = blob[head:]
    if (blob[:len(MAGIC)] != MAGIC or len(blob) <= head
            or hashlib.blake2b(payload, digest_size=DIGEST).digest() != blob[len(MAGIC):head]):
        return None
    try:
        found = pickle.loads(payload)  # our own entry, its digest checked
    except Exception:  # whatever a damaged pickle raises
        return None
    if not (isinstance(found, tuple) and found and isinstance(found[0], expect)):
        return None
    return found


def write_entry(kind: str, key: str, payload: tuple) -> bool:
    """Store ``payload`` (a tuple, the validated object first) under ``key``.

    Written atomically (a temporary file renamed over the entry), then the folder is pruned
    to the :data:`KEEP` newest entries; returns False, without raising, when there is no
    cache folder, it cannot be written or the payload does not pickle.
    """
    path = _entry(kind, key)
    if path is None:
        return False
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an object that does not pickle: no entry, the load still stands
        return False
    digest = hashlib.blake2b(data, digest_size=DIGEST).digest()
    written = write_atomic(path, MAGIC + digest + data)
    if written:
        _prune(path.parent)
    return written


def _prune(folder: Path) -> None:
    """Remove all but the :data:`KEEP` newest entries of a kind's folder."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    except OSError:  # an entry removed meanwhile by another process: prune next time
        return
    for old in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
