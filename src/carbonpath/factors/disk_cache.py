"""The disk cache of validated factor tables (:mod:`carbonpath._content_cache`, ``factors/``).

Reading and validating the bundled factor tables (about 660 rows: units parsed, ranges and
cross-checks applied) costs 0.1-0.15 s of CPU at every start of a process, the same work
each time (issue 15). :func:`~carbonpath.factors.load_factors` keeps the validated
:class:`~carbonpath.factors.FactorTable` in carbonpath's cache folder and reads it back
(under 1 ms) when nothing it was made from has changed: every CSV and ``VERSION`` of the
factor folder, the plausible-ranges table, user files given by path (``extra=``,
``regions=``), ``allow_implausible`` and carbonpath's code (the key:
:func:`carbonpath._content_cache.content_key`). A user table given as a DataFrame is never
cached (it has no file whose bytes could key it); nor is a load that fails. The warning a
load gives (implausible values accepted by override) is kept with the table and given again
on every load that reads the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from carbonpath import _content_cache

__all__ = ["KIND", "cache_key", "read_entry", "write_entry"]

#: The cache subfolder of factor tables.
KIND = "factors"


def cache_key(files: Iterable[tuple[str, Path]], options: Any) -> str | None:
    """The entry name of a factor table read from ``files`` with ``options`` (None: no cache).

    See :func:`carbonpath._content_cache.content_key`.
    """
    return _content_cache.content_key(files, ("factor table", options))


def read_entry(key: str) -> tuple[Any, list[str]] | None:
    """The cached (FactorTable, warning texts) of ``key``, or None (no sound entry).

    Never raises; a damaged or foreign entry is None (the tables are validated anew).
    """
    from carbonpath.factors.table import FactorTable

    found = _content_cache.read_entry(KIND, key, FactorTable)
    if found is None or len(found) != 2 or not isinstance(found[1], list):
        return None
    return found[0], found[1]


def write_entry(key: str, table: Any, notes: list[str]) -> bool:
    """Store a freshly validated ``table`` and its warning texts under ``key`` (never raises)."""
    return _content_cache.write_entry(KIND, key, (table, list(notes)))
