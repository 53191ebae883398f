"""Keep third-party import hooks from loading modules carbonpath does not use.

Imported first by :mod:`carbonpath` (before pint, pandas, Pyomo or matplotlib), once per
process. It also holds the collector's full passes while carbonpath is imported
(:func:`no_full_passes`; set back at the end of ``carbonpath/__init__.py``).

Pyomo (``pyomo.common.dependencies``) registers post-import callbacks on ``sys.meta_path``:
as soon as anything imports ``scipy``, it imports ``scipy.stats``, ``scipy.sparse``,
``scipy.spatial`` and ``scipy.integrate``; as soon as anything imports ``matplotlib``, it
imports ``matplotlib.pyplot``, ``matplotlib.pylab`` and ``matplotlib.backends``. pint imports
bare ``scipy`` whenever it is installed (the ``montecarlo`` and ``test`` extras install it),
so every carbonpath process paid for the whole of ``scipy.stats`` (about 50 MiB of resident
memory and 0.6-1 s on a 2-core machine, measured with ``benchmarks/main_job.py``), and the
report paid for pyplot, which it does not use (figures are drawn on
:class:`matplotlib.figure.Figure` without pyplot state).

:func:`lean_pyomo_hooks` removes those two callbacks. Pyomo's own deferred imports
(``pyomo.common.dependencies.scipy`` and ``.matplotlib``) are left as they are: Pyomo code that
uses them resolves them, and their callbacks run then, as Pyomo intends. carbonpath's own
code imports what it uses (``scipy.stats`` in the Monte Carlo, for example) directly.

pint (0.25) imports ``dask.base`` when it is imported, wherever dask is installed (the
``distributed`` extra installs it), for three functions it calls only when a quantity wrapping
a dask array is computed, persisted or visualised: about 0.13 s of CPU in every carbonpath
process (``python -X importtime``; jinja2 and yaml come with it, loaded early).
:func:`pint_without_eager_dask` imports pint with those three functions and pint's dask array
type resolved on first use instead, as pint already does for ``dask.array``.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module
from importlib.util import find_spec
from typing import Any

__all__ = ["full_passes_again", "lean_pyomo_hooks", "no_full_passes", "pint_without_eager_dask"]

#: Modules whose Pyomo post-import callback only loads submodules carbonpath does not use.
HOOKS_DROPPED = ("scipy", "matplotlib")


def lean_pyomo_hooks() -> list[str]:
    """Drop Pyomo's post-import callbacks for :data:`HOOKS_DROPPED`.

    Returns
    -------
    list of str
        The modules whose callback was dropped (empty where Pyomo has no such hook, e.g. a
        Pyomo version without ``DeferredImportCallbackFinder``, or where the module was
        already imported before carbonpath, so the callback already ran).

    Notes
    -----
    Reads the class attribute ``DeferredImportCallbackFinder._callbacks`` of
    ``pyomo.common.dependencies`` (Pyomo 6.7 to 6.10); if its layout differs, nothing is
    changed. No error is raised: the hook only costs memory and time.
    """
    try:
        from pyomo.common import dependencies
    except ImportError:  # pragma: no cover - Pyomo is a core dependency
        return []
    finder = getattr(dependencies, "DeferredImportCallbackFinder", None)
    callbacks = getattr(finder, "_callbacks", None)
    if not isinstance(callbacks, dict):
        return []
    return [name for name in HOOKS_DROPPED if callbacks.pop(name, None) is not None]


def _lazy_dask_function(name: str) -> Any:
    """``dask.base.<name>``, imported when first called (pint's ``compute`` and the like)."""
    def call(*args: Any, **kwargs: Any) -> Any:
        """dask.base's function of this name, imported on first use."""
        return getattr(import_module("dask.base"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``dask.base.{name}``, imported on first use (carbonpath._imports)."
    return call


class _LazyDaskArray:
    """``dask.array``, imported on first attribute access (as pint's own lazy module)."""

    def __getattr__(self, attr: str) -> Any:
        return getattr(import_module("dask.array"), attr)


#: The names pint's ``compat`` and ``facets.dask`` bind when dask is installed.
_PINT_DASK_NAMES = ("compute", "persist", "visualize")


#: The lines of ``pint/compat.py`` that :func:`pint_without_eager_dask` relies on.
_PINT_COMPAT_LINES = ('HAS_DASK = find_spec("dask") is not None',
                      "from dask.base import compute, persist, visualize",
                      "compute, persist, visualize = None, None, None",
                      "dask_array = None")


def _pint_compat_known() -> bool:
    """True if pint's ``compat.py`` (read, not imported) binds dask as this module expects."""
    spec = find_spec("pint")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        try:
            with open(f"{folder}/compat.py", encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        return all(line in text for line in _PINT_COMPAT_LINES)
    return False


def pint_without_eager_dask() -> bool:
    """Import pint without its eager ``import dask.base``; dask stays usable with pint.

    pint decides at import whether dask is installed (``find_spec("dask")`` in
    ``pint.compat``) and, if so, imports ``dask.base`` for ``compute``, ``persist`` and
    ``visualize``. Here pint is imported while ``dask`` reads as not installed, and then
    given what it would have had, each bound lazily: the three functions import
    ``dask.base`` when called, ``dask_array`` imports ``dask.array`` on first use, and
    ``HAS_DASK`` is True. A quantity wrapping a dask array behaves as before.

    Returns
    -------
    bool
        True if pint was imported this way; False (nothing changed, pint is imported later
        as usual) where pint or dask was already imported, dask is not installed, or pint's
        ``compat.py`` does not have the lines this relies on (:data:`_PINT_COMPAT_LINES`;
        another pint version). An ImportError of pint itself propagates.
    """
    if "pint" in sys.modules or "dask" in sys.modules or find_spec("dask") is None:
        return False
    if not _pint_compat_known():
        return False
    sys.modules["dask"] = None  # type: ignore[assignment]  # find_spec("dask") -> None
    try:
        import pint.compat as compat
    finally:
        if sys.modules.get("dask", 0) is None:
            del sys.modules["dask"]
    facet = sys.modules.get("pint.facets.dask")
    holders = [m for m in (compat, facet) if m is not None]
    if getattr(compat, "HAS_DASK", None) is not False or not all(
            all(getattr(m, name, 0) is None for name in (*_PINT_DASK_NAMES, "dask_array"))
            for m in holders):  # pragma: no cover - the source was checked just before
        raise ImportError("carbonpath could not restore pint's dask support; please report "
                          "the pint version")
    for module in holders:
        for name in _PINT_DASK_NAMES:
            setattr(module, name, _lazy_dask_function(name))
        module.dask_array = _LazyDaskArray()
    compat.HAS_DASK = True
    return True


#: The collector's thresholds while carbonpath is imported (:func:`no_full_passes`), and the
#: ones before; None when nothing was changed.
_IMPORT_THRESHOLDS: tuple[tuple[int, ...], tuple[int, ...]] | None = None


def no_full_passes() -> bool:
    """Hold the collector's automatic full passes until :func:`full_passes_again`.

    Importing carbonpath makes about 185,000 objects (pandas, pint, Pyomo, highspy and
    carbonpath's own modules), nearly all of which live as long as the process: the full
    passes the collector starts meanwhile walk every object of the process and free next to
    nothing (two passes, 0.05-0.07 s of CPU, 30 objects freed; ``python -X importtime``
    and :data:`gc.callbacks`, benchmarks/README.md, branch perf16). The third threshold is
    raised for the imports only; the young generations are collected as before.

    Returns
    -------
    bool
        True if the threshold was raised (False where the collector is off or its third
        threshold is 0, or this was done before).
    """
    global _IMPORT_THRESHOLDS
    before = gc.get_threshold()
    if _IMPORT_THRESHOLDS is not None or not gc.isenabled() or len(before) < 3 or not before[2]:
        return False
    raised = (before[0], before[1], 1 << 30)
    gc.set_threshold(*raised)
    _IMPORT_THRESHOLDS = (raised, before)
    return True


def full_passes_again() -> None:
    """Set back the thresholds :func:`no_full_passes` changed (at the end of the imports).

    A threshold set meanwhile by someone else is kept. Called at the end of
    :mod:`carbonpath`'s ``__init__``; if an import fails before, the raised threshold stays
    and only the automatic full passes are missed (the young generations are still
    collected, and :func:`gc.collect` works as always).
    """
    global _IMPORT_THRESHOLDS
    if _IMPORT_THRESHOLDS is None:
        return
    raised, before = _IMPORT_THRESHOLDS
    _IMPORT_THRESHOLDS = None
    if gc.get_threshold() == raised:
        gc.set_threshold(*before)


no_full_passes()
DROPPED = lean_pyomo_hooks()
PINT_LAZY_DASK = pint_without_eager_dask()
