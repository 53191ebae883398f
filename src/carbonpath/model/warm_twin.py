"""A second HiGHS copy of a solved model, for peak-year re-solves on another core.

A :class:`~carbonpath.model.PathwayModel` is not thread-safe, so one thread at a time may
re-solve it. The cost-of-peaking curve moves only the bounds of the peak target's rows, so it
needs no Pyomo at all: :class:`PeakTwin` holds its own HiGHS instance, loaded with a copy of
the model's LP (``passModel(getLp())``, the same options), the row of each peak-year target
and the column maps of the model (read only). Its peak points can run in one thread while
the model itself re-solves other points (the capex sensitivity) in another; the model is not
touched by the twin.

Started from the same basis, the twin takes the same simplex path as the model and gives the
same numbers bit for bit (tests/test_warm_twin.py checks it against the model's own chain).
"""

from __future__ import annotations

import copy
from typing import Any

import highspy

from carbonpath.errors import ArgumentValueError, UnknownNameError

__all__ = ["PeakTwin", "settle"]

INF = highspy.kHighsInf


class PeakTwin:
    """The peak-year rows of a solved model on a private copy of its HiGHS LP.

    Has the attributes of :class:`~carbonpath.model.PathwayModel` that a peak point reads
    (``highs``, ``model``, ``data``, ``peak_year``) and its ``update(peak_year=...)``, so
    :func:`carbonpath.sweeps.points.peak_chain` runs on it unchanged.

    Parameters
    ----------
    model : PathwayModel
        Built, compiled and at its central values (peak year included). It is read once,
        here, in the thread that owns it; later the twin never touches it, but it shares
        the model's Pyomo objects and column map for reading results, so the model must not
        be rebuilt while the twin is used.

    Attributes
    ----------
    highs : carbonpath.model.solve.HighsModel
        A shallow copy of the model's HiGHS model with its own ``highspy.Highs`` (the LP and
        the options copied; costs array copied).
    peak_year : int
        The peak year the twin's rows hold now.

    Raises
    ------
    UnknownNameError
        If the model has no peak-year target (a ``KeyError``).
    """

    def __init__(self, model: Any) -> None:
        source = model.highs
        rows = []
        for key, row in model.target_rows.items():
            if row.type == "peak_year":
                r = source.row(model.model.target[key])
                if r is None:
                    msg = f"peak-year row {key} is not in the compiled model"
                    raise UnknownNameError(msg)
                rows.append((r, int(row.year)))
        if not rows:
            msg = "the model has no peak target; a peak twin needs one"
            raise UnknownNameError(msg)
        _ = source.col_of  # made now (it is made on first use), so that the twin shares it
        twin = copy.copy(source)  # shares the column and row maps (read only)
        twin.highs = highspy.Highs()
        twin.highs.passOptions(source.highs.getOptions())
        twin.highs.passModel(source.highs.getLp())
        twin._cost = source._cost.copy()
        twin._row_maps = {}
        twin.options = dict(source.options)
        self.highs = twin
        self.model = model.model
        self.data = model.data
        self.peak_year = model.peak_year
        self._rows = rows
        self._years = set(model.data.years)

    def update(self, *, peak_year: int) -> None:
        """Move the peak year in the twin's LP only (as ``PathwayModel.update(peak_year=)``).

        Parameters
        ----------
        peak_year : int
            A model year: rows of years at or after it get the upper bound 0, earlier rows
            none.

        Raises
        ------
        ArgumentValueError
            A year that is not a model year (a ``ValueError``).
        """
        if peak_year not in self._years:
            msg = (f"peak year {peak_year!r} is not a model year "
                   f"({min(self._years)}-{max(self._years)})")
            raise ArgumentValueError(msg)
        for r, year in self._rows:
            self.highs.highs.changeRowBounds(r, -INF, 0.0 if year >= peak_year else INF)
        self.peak_year = peak_year
        self.built_peak_year = peak_year  # a pathway's targets list the year solved (P83)


def settle(twin: PeakTwin, basis: Any) -> None:
    """Solve a new twin once at the model's central values, from their optimal basis.

    HiGHS fixes part of an instance's solver state at its first solve, from the LP it holds
    then. A twin's first point would otherwise be that first solve, where the model's first
    point is its second; on today's Liaocheng job a point solved first on a fresh copy of the
    plan's LP came out 1544050.5505261363 against the model's 1544050.550526136 from the same
    basis (branch perf12's measurement). Solved once at the central values first (0
    iterations from the optimal basis), a twin gives the model's numbers bit for bit, so the
    peak curve does not depend on the thread count.

    Parameters
    ----------
    twin : PeakTwin
        Made a moment ago, its LP at the model's central values (no peak year moved yet).
    basis : highspy.HighsBasis
        The model's optimal basis at those values.

    Raises
    ------
    SolverError
        If the central values do not solve to optimality (they did in the model).
    """
    twin.highs.start_from(basis)
    twin.highs.solve()
