"""A second HiGHS copy of a solved model, for warm re-solves on another core.

A :class:`~carbonpath.model.PathwayModel` is not thread-safe, so one thread at a time may
re-solve it. The run's sweeps change only row bounds (the cost-of-peaking curve moves the
peak target's rows) or objective costs (the capex sensitivity), so they need no new Pyomo
rows: a twin holds its own HiGHS instance, loaded with a copy of the model's LP
(``passModel(getLp())``, the same options), and the column maps of the model (read only).
:class:`PeakTwin` moves the peak rows; :class:`CostTwin` scales the capex of a few
technologies, of which it keeps private copies. Their points run in one thread while the
model itself re-solves other points in another; the model is not touched by a twin.

Started from the same basis, a twin takes the same simplex path as the model and gives the
same numbers bit for bit (tests/test_warm_twin.py checks it against the model's own points).
"""

from __future__ import annotations

import copy
from typing import Any

import highspy

from carbonpath.errors import ArgumentValueError, UnknownNameError

__all__ = ["CostTwin", "PeakTwin", "settle", "shed_solver"]

INF = highspy.kHighsInf


def _copy_highs(source: Any) -> Any:
    """A shallow copy of a HighsModel with its own ``highspy.Highs`` (the LP and options copied).

    The copy shares the column and row maps (read only); its cost array is its own.
    """
    twin = copy.copy(source)
    twin.highs = highspy.Highs()
    twin.highs.passOptions(source.highs.getOptions())
    twin.highs.passModel(source.highs.getLp())
    twin._cost = source._cost.copy()
    twin._row_maps = {}
    twin.options = dict(source.options)
    return twin


def settle(twin: Any, basis: Any) -> None:
    """Solve a new twin once at the model's central values, from their optimal basis.

    HiGHS fixes part of an instance's solver state at its first solve, from the LP it holds
    then: on today's Liaocheng job a capex point solved first on a fresh copy of the plan's
    LP came out 1544050.5505261363 where the model, first solved at its central values,
    gives 1544050.550526136 for the same point from the same basis. Solved once at the
    central values first (0 iterations from the optimal basis), a twin gives the model's
    numbers bit for bit, whatever its points are and in whatever order (all 32 capex points
    of that plan, in three parts, in one or two threads).

    Parameters
    ----------
    twin : PeakTwin or CostTwin
        Made a moment ago, its LP at the model's central values.
    basis : highspy.HighsBasis
        The model's optimal basis at those values.

    Raises
    ------
    SolverError
        If the central values do not solve to optimality (they did in the model).
    """
    twin.highs.start_from(basis)
    twin.highs.solve()


def shed_solver(model: Any) -> None:
    """Give a solved model a fresh HiGHS instance holding only its LP and options.

    HiGHS keeps a solver's working memory (about 20 MiB at 12 blocks) until the instance is
    deleted (``clearSolver`` keeps it). A model whose points all go to twins needs its LP
    only, to copy: with this the old instance, and its working memory, goes before the
    twins are made (and the freed pages go back to the system). The model's column and row
    maps, cost array and last result stay; a later solve starts cold (or from a basis set
    with ``start_from``).

    Parameters
    ----------
    model : PathwayModel
        Built and compiled, owned by the calling thread.
    """
    from carbonpath._memory import release_memory

    source = model.highs
    lp, options = source.highs.getLp(), source.highs.getOptions()
    source.highs = None  # the old instance goes first: one copy of the LP more, not two
    release_memory(collect=False)  # its pages back to the system
    source.highs = highspy.Highs()
    source.highs.passOptions(options)
    source.highs.passModel(lp)


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
        self.highs = _copy_highs(source)
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


class CostTwin:
    """The capex of a few technologies of a solved model, scaled on a private HiGHS copy.

    Has the attributes of :class:`~carbonpath.model.PathwayModel` that a capex point reads
    (``highs``, ``model``, ``data``) and its ``scale_cost``, so
    :func:`carbonpath.sweeps.points.capex_point` runs on it unchanged, in a thread of its
    own while the model re-solves other points.

    ``scale_cost`` is the model's own method (``type(model).scale_cost``) run on the twin's
    state: the twin's ``data`` is a shallow copy of the model's whose ``techs`` dict holds
    private deep copies of ``technologies``, so the scaled cost arrays are the twin's and
    the coefficients are computed by the same code from the same numbers (bit for bit).

    Parameters
    ----------
    model : PathwayModel
        Built, compiled and at its central values. Read once, here, in the thread that owns
        it (the twin shares its Pyomo objects, its column map and the unscaled data for
        reading), so the model must not be rebuilt while the twin is used.
    technologies : iterable of str
        The technologies whose costs the twin may scale.

    Attributes
    ----------
    highs : carbonpath.model.solve.HighsModel
        A shallow copy of the model's HiGHS model with its own ``highspy.Highs``.

    Raises
    ------
    UnknownNameError
        A technology the model does not have (a ``KeyError``).
    """

    def __init__(self, model: Any, technologies: Any) -> None:
        codes = list(dict.fromkeys(technologies))
        unknown = [c for c in codes if c not in model.data.techs]
        if unknown:
            msg = (f"technologies {unknown} are not in the model "
                   f"(known: {', '.join(sorted(model.data.techs))})")
            raise UnknownNameError(msg)
        data = copy.copy(model.data)  # shares everything but the scaled technologies
        data.techs = dict(model.data.techs)
        for code in codes:
            data.techs[code] = copy.deepcopy(model.data.techs[code])
        self.highs = _copy_highs(model.highs)
        self.model = model.model
        self.data = data
        self.peak_year = model.peak_year
        self.changes: list[dict[str, Any]] = []
        self._original_costs: dict[tuple[str, str], list[Any]] = {}
        self._own = set(codes)
        self._scale = type(model).scale_cost

    def scale_cost(self, technology: str, parameter: str, factor: float) -> None:
        """Scale a technology's cost in the twin's LP only (as ``PathwayModel.scale_cost``).

        Parameters
        ----------
        technology : str
            One of the twin's ``technologies``.
        parameter : {"capex", "fixed_om", "variable_cost"}
        factor : float
            Multiplier of the dataset's value (1 restores it).

        Raises
        ------
        UnknownNameError
            A technology the twin holds no private copy of, or an unknown parameter.
        ArgumentValueError
            A negative or infinite factor.
        """
        if technology not in self._own:
            msg = (f"technology {technology!r} is not one this twin may scale "
                   f"({', '.join(sorted(self._own)) or 'none'})")
            raise UnknownNameError(msg)
        self._scale(self, technology, parameter, factor)
