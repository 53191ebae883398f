"""Warnings recorded while a result is computed for a disk cache, then issued again (issue 15).

A result kept on disk must never drop a warning: the computation is kept only when it gave
none at all (any category, from any module). To see every warning whatever the caller's
filters, it runs under :class:`warnings.catch_warnings` with every warning recorded
(:func:`recorded`); the recorded warnings are then issued again, each from its own file, line
and module, with the module's registry (:func:`warnings.warn_explicit`), so the caller's
filters ("ignore", "error", "default" once per place) apply as they would have. Because
:class:`warnings.catch_warnings` changes the filters of the whole process, it is used only
when no other thread runs (:func:`alone`). Used by :mod:`carbonpath.run_inventory` (where
these helpers were first written) and :mod:`carbonpath.model.tech_cache`.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import warnings
from collections.abc import Iterator

__all__ = ["alone", "issue_again", "recorded"]

#: Threads known not to touch the warnings filters: the terminal's progress display of
#: ``carbonpath run`` (rich's refresh thread only redraws it). A warning one of them gives
#: inside the window would be recorded and issued again like the computation's own, and the
#: result then not kept, so nothing is lost either way.
_HARMLESS_THREADS = frozenset({"rich.live._RefreshThread"})


def alone() -> bool:
    """True when no other thread runs but :data:`_HARMLESS_THREADS` (catch_warnings is safe)."""
    current = threading.current_thread()
    return all(t is current
               or f"{type(t).__module__}.{type(t).__qualname__}" in _HARMLESS_THREADS
               for t in threading.enumerate())


def issue_again(caught: list[warnings.WarningMessage]) -> None:
    """Issue recorded warnings again from their own place, under the caller's filters."""
    if not caught:
        return
    modules = {}
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file:
            modules.setdefault(file, module)
    for w in caught:
        module = modules.get(w.filename)
        namespace = getattr(module, "__dict__", None)
        registry = namespace.setdefault("__warningregistry__", {}) if namespace else None
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno,
                               module=namespace.get("__name__") if namespace else None,
                               registry=registry, module_globals=namespace)


@contextlib.contextmanager
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning of the block, then issue each again (also when it raises).

    Yields
    ------
    list of warnings.WarningMessage
        Filled with the block's warnings when it ends: empty means the block gave none.
        Call only when :func:`alone` is true.
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as found:
            warnings.simplefilter("always")
            try:
                yield caught
            finally:
                caught.extend(found)
    finally:
        issue_again(caught)
