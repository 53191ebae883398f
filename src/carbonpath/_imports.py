"""Keep third-party import hooks from loading modules carbonpath does not use.

Imported first by :mod:`carbonpath` (before pint, pandas, Pyomo or matplotlib), once per
process.

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
"""

from __future__ import annotations

__all__ = ["lean_pyomo_hooks"]

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


DROPPED = lean_pyomo_hooks()
