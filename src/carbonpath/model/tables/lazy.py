""":class:`LazyTables`: a mapping of table name to table, each built on first access."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import pandas as pd

__all__ = ["LazyTables"]


class LazyTables(MutableMapping):
    """A mapping of table name to table whose tables are built on first access.

    Iterating, ``len`` and ``in`` build nothing; reading a table builds it (and the raw tables
    it derives from) once and cleans its round-off with ``clean``. Tables can be set and
    deleted like a dict's. Pickling and copying give a plain ``dict`` of every table.

    Parameters
    ----------
    builders : dict of str to callable
        Name -> function of a context returning the raw table, in table order.
    context : callable
        Makes the builders' context from this mapping (called once, on the first build).
    clean : callable
        Applied to a raw table before it is handed out.
    """

    def __init__(self, builders: dict[str, Callable[[Any], pd.DataFrame]],
                 context: Callable[[LazyTables], Any],
                 clean: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
        self._builders = dict(builders)
        self._names = list(builders)
        self._context_of = context
        self._context: Any = None
        self._clean = clean
        self._raw: dict[str, pd.DataFrame] = {}
        self._done: dict[str, pd.DataFrame] = {}

    def raw(self, name: str) -> pd.DataFrame:
        """The table before its round-off is cleaned (built if needed)."""
        if name not in self._raw:
            if self._context is None:
                self._context = self._context_of(self)
            self._raw[name] = self._builders[name](self._context)
        return self._raw[name]

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._done:
            return self._done[name]
        if name not in self._builders:
            raise KeyError(name)
        table = self._clean(self.raw(name))
        self._done[name] = table
        self._raw.pop(name, None)  # (a table another one derives from is rebuilt if needed)
        return table

    def __setitem__(self, name: str, table: pd.DataFrame) -> None:
        if name not in self._names:
            self._names.append(name)
        self._builders.pop(name, None)
        self._done[name] = table

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._builders.pop(name, None)
        self._done.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def built(self) -> list[str]:
        """Names of the tables built so far."""
        return [n for n in self._names if n in self._done]

    def __reduce__(self) -> tuple:
        return (dict, (dict(self.items()),))

    def __repr__(self) -> str:
        return f"LazyTables({self._names}, built={self.built()})"
