"""Warnings of the dataset checks, counted per load (for the dataset cache).

Every warning a dataset check gives (a value accepted by a plausibility override, a
measure's note) goes through :func:`warn`, which issues it as :func:`warnings.warn` would,
from the same place, and also counts it in the collector of the load under way
(:func:`collecting`). :func:`carbonpath.load_dataset` keeps a validated dataset on disk
(:mod:`carbonpath._content_cache`) only when its load gave no warning, so that a dataset read
back from the cache never misses one. A context variable holds the collector, so loads in
two threads count apart. ``tests/test_dataset_cache.py`` checks that no module of
:mod:`carbonpath.dataset` calls :func:`warnings.warn` directly.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = ["collecting", "warn"]

_SINK: ContextVar[list[str] | None] = ContextVar("carbonpath_dataset_notices", default=None)


def warn(message: str, category: type[Warning], stacklevel: int = 1) -> None:
    """Issue ``message`` as ``warnings.warn(message, category, stacklevel)`` from the caller.

    Parameters
    ----------
    message : str
        The warning's text.
    category : type
        A :class:`Warning` subclass (:class:`~carbonpath.errors.CarbonpathWarning`).
    stacklevel : int
        As for :func:`warnings.warn`, counted from the caller of this function.

    Within one load (:func:`collecting`), a text already given is not given again: the
    checks of each scenario compare the dataset's own rows again, and one slip had been
    printed once per scenario (V95).
    """
    sink = _SINK.get()
    if sink is not None:
        if message in sink:  # V95: the scenario checks compare the same rows again: once a load
            return
        sink.append(message)
    warnings.warn(message, category, stacklevel=stacklevel + 1)


@contextlib.contextmanager
def collecting() -> Iterator[list[str]]:
    """Collect the texts of the warnings :func:`warn` gives inside the block (nested: own)."""
    sink: list[str] = []
    token = _SINK.set(sink)
    try:
        yield sink
    finally:
        _SINK.reset(token)
