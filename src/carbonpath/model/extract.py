"""Reading a solution vector: where each variable and row sits, made once per model.

:class:`Layout` holds, for every variable family the results read (``new_capacity``,
``activity``, ``dispatch``, ``charge`` ...), an array of the columns of its members in the
order of the result tables (technologies in dataset order, then years, then timeslices), and
the rows of the constraints whose duals are read. It is made on the first extraction of a
:class:`~carbonpath.model.build.PathwayModel` and kept for its later re-solves, so that a
result set is read from the solution with a few numpy gathers instead of one Pyomo index and
one dictionary look-up per value. :func:`solution_arrays` gathers the arrays of one solve;
:mod:`carbonpath.model.results` turns them into tables and :func:`sweep_point` reads only
what a sweep needs.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
from pyomo.common.gc_manager import PauseGC

from carbonpath.model.components import alive, balance_slot, coarse_commodities
from carbonpath.model.costs import annuity_weights
from carbonpath.model.peaks import peak_index
from carbonpath.model.solve import SolveResult

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["Layout", "SolutionArrays", "SweepPoint", "layout_of", "solution_arrays",
           "sweep_point"]

_ABSENT = -2  # the member does not exist (value 0)
_COMPILED_AWAY = -1  # the member exists but has no column (value: its lower bound, else 0)


class _Gather:
    """Columns of a set of variable members, and the members without a column.

    ``position`` maps a member's index to its place in the flat result (None: not read).
    """

    def __init__(self, h: Any, comp: Any, position: Callable[[Any], int | None], size: int,
                 shape: tuple[int, ...]) -> None:
        col_of = h.col_of
        index = np.full(size, _ABSENT, dtype=np.int64)
        self.away: list[tuple[int, Any]] = []
        for key, var in comp.items():
            pos = position(key)
            if pos is None:
                continue
            j = col_of.get(id(var))
            if j is None:
                index[pos] = _COMPILED_AWAY
                self.away.append((pos, var))
            else:
                index[pos] = j
        self.index = index
        self.shape = shape
        self.present = index >= 0

    def values(self, col: np.ndarray) -> np.ndarray:
        """The members' values in the solution ``col`` (0 where absent), in ``shape``."""
        out = np.zeros(len(self.index))
        out[self.present] = col[self.index[self.present]]
        for pos, var in self.away:
            out[pos] = float(var.lb) if var.lb is not None else 0.0
        return out.reshape(self.shape)


def _rows(h: Any, comp: Any, keys: list) -> np.ndarray:
    """Rows of constraint members (-1 where absent or compiled away), in ``keys`` order."""
    out = np.full(len(keys), -1, dtype=np.int64)
    for pos, key in enumerate(keys):
        if key in comp:
            r = h.row(comp[key])
            if r is not None:
                out[pos] = r
    return out


def _running_sum(values: np.ndarray) -> np.ndarray:
    """Sum over the last axis as a running sum from zero (the order of Python's ``sum``)."""
    if values.shape[-1] == 0:
        return np.zeros(values.shape[:-1])
    return np.cumsum(values, axis=-1)[..., -1]


def _duals(row_dual: np.ndarray, rows: np.ndarray) -> np.ndarray:
    out = np.zeros(rows.shape)
    ok = rows >= 0
    out[ok] = row_dual[rows[ok]]
    return out


class Layout:
    """Where the results of a :class:`~carbonpath.model.build.PathwayModel` sit in its LP.

    Made once per compiled model by :func:`layout_of`. Technology arrays are
    ``(technologies, years)`` in dataset and year order; timeslice arrays
    ``(technologies of the family, years, timeslices)``.

    Attributes
    ----------
    techs : list of TechData
        The technologies, in dataset order.
    alive : numpy.ndarray
        ``(technologies, years, years)``: 1 where the vintage of the last axis stands in the
        year of the middle one (:func:`~carbonpath.model.components.alive`).
    annuity : numpy.ndarray
        ``(technologies, years, years)``: the annuities of the vintage of the last axis
        counted in the year of the middle one, 1 a year (decision years of investable
        technologies; :func:`~carbonpath.model.costs.annuity_weights`).
    """

    def __init__(self, pm: PathwayModel) -> None:
        # many small objects and no garbage cycles: the collector's passes over a large
        # model would cost more than the layout itself
        with PauseGC():
            self._make(pm)
        # what the tables need, without the model: a Pathway keeps this, not the Pyomo model
        self.static = SimpleNamespace(
            techs=self.techs, dispatchers=self.dispatchers, stores=self.stores,
            alive=self.alive, annuity=self.annuity, commodities=self.commodities,
            annual=self.annual, balance_rows=self.balance_rows, stat_owner=self.stat_owner,
            target_keys=self.target_keys)

    def _make(self, pm: PathwayModel) -> None:
        d, m, h = pm.data, pm.model, pm.highs
        self.highs = weakref.ref(h)
        self.techs = list(d.techs.values())
        years = list(d.years)
        ny, ns = len(years), len(d.timeslices)
        pos = {y: k for k, y in enumerate(years)}
        codes = [t.code for t in self.techs]
        nt = len(codes)
        tpos = {c: k for k, c in enumerate(codes)}
        size = nt * ny

        def pair(key: tuple) -> int | None:
            """The flat position of a (technology, year) key, or ``None`` if either is unknown."""
            k, y = tpos.get(key[0]), pos.get(key[1])
            return None if k is None or y is None else k * ny + y

        self.new_capacity = _Gather(h, m.new_capacity, pair, size, (nt, ny))
        self.new_energy = _Gather(h, m.new_energy_capacity, pair, size, (nt, ny))
        self.active = _Gather(h, m.active_capacity, pair, size, (nt, ny))
        self.activity = _Gather(h, m.activity, pair, size, (nt, ny))
        self.dispatchers = [k for k, t in enumerate(self.techs)
                            if t.storage is None and t.timeslice]
        self.stores = [k for k, t in enumerate(self.techs) if t.storage is not None]

        def triple(which: list[int]) -> Callable[[tuple], int | None]:
            """A function giving the flat position of a (tech, year, slice) key among ``which``."""
            place = {codes[k]: n for n, k in enumerate(which)}

            def position(key: tuple) -> int | None:
                """The flat position of a (technology, year, slice) key, or ``None`` if unknown."""
                n, y = place.get(key[0]), pos.get(key[1])
                return None if n is None or y is None else (n * ny + y) * ns + key[2]
            return position

        disp = triple(self.dispatchers)
        shape = (len(self.dispatchers), ny, ns)
        self.dispatch = _Gather(h, m.dispatch, disp, int(np.prod(shape)), shape)
        store = triple(self.stores)
        shape = (len(self.stores), ny, ns)
        size = int(np.prod(shape))
        self.charge = _Gather(h, m.charge, store, size, shape)
        self.discharge = _Gather(h, m.discharge, store, size, shape)
        self.level = _Gather(h, m.level, store, size, shape)
        self.emissions = _Gather(h, m.emissions, pos.get, ny, (ny,))
        slots = range(ns)
        self.emission_rows = _rows(h, m.emission_definition, years)
        self.alive = np.zeros((nt, ny, ny))
        self.annuity = np.zeros((nt, ny, ny))
        decision = set(d.decision_years)
        for k, t in enumerate(self.techs):
            for y in years:
                for v in alive(d, t, y):
                    self.alive[k, pos[y], pos[v]] = 1.0
            if t.investable:
                for v in d.decision_years:
                    for y, weight in annuity_weights(d, t, v).items():
                        if y in pos and v in decision:
                            self.annuity[k, pos[y], pos[v]] = weight
        # commodity balances: rows of the prices, columns of the statistical difference
        self.commodities = list(d.commodities.index)
        annual = d.commodities["balance"] == "annual"
        self.annual = [bool(annual[c]) for c in self.commodities]
        self.balance_rows = {}
        coarse = coarse_commodities(d)
        for c, is_annual in zip(self.commodities, self.annual, strict=True):
            if is_annual:
                self.balance_rows[c] = _rows(h, m.balance_annual, [(c, y) for y in years])
            else:  # a coarse commodity's timeslices share their block's row
                slot = ((lambda i: balance_slot(d, i)) if c in coarse else (lambda i: i))
                self.balance_rows[c] = _rows(h, m.balance, [(c, y, slot(i)) for y in years
                                                            for i in slots]).reshape(ny, ns)
        stat_keys = [(c, -1) if a else (c, i) for c, a in zip(self.commodities, self.annual,
                                                              strict=True)
                     for i in (slots if not a else [-1])]
        self.stat_owner = np.array([self.commodities.index(c) for c, _ in stat_keys],
                                   dtype=np.int64)
        stat_pos = {key: n for n, key in enumerate(stat_keys)}
        self.statistical = _Gather(h, m.statistical_difference, stat_pos.get, len(stat_keys),
                                   (len(stat_keys),))
        self.target_keys = list(pm.target_rows)
        self.target_rows = _rows(h, m.target, self.target_keys)


def layout_of(pm: PathwayModel) -> Layout:
    """The :class:`Layout` of a model's compiled LP (made on first use, then kept)."""
    layout = pm.__dict__.get("_results_layout")
    if layout is None or layout.highs() is not pm.highs:
        layout = Layout(pm)
        pm.__dict__["_results_layout"] = layout
    return layout


@dataclass
class SolutionArrays:
    """One solution read into arrays (canonical units; see :class:`Layout` for the shapes).

    Cost coefficients are copied at read time: a later ``update`` or ``scale_cost`` of the
    model does not change the costs of a result already read.
    """

    layout: Any  # Layout.static: the layout without the model
    new_capacity: np.ndarray
    new_energy: np.ndarray
    active: np.ndarray
    activity: np.ndarray
    total: np.ndarray  # residual + standing vintages, (technologies, years)
    energy_total: np.ndarray  # storage energy capacity, (technologies, years)
    emissions: np.ndarray  # (years,), kt on the targets' basis
    emission_duals: np.ndarray  # (years,), discounted
    target_duals: np.ndarray  # (target rows,), discounted
    row_dual: np.ndarray
    col_value: np.ndarray
    dispatch: np.ndarray  # (dispatched technologies, years, timeslices), GW
    charge: np.ndarray  # (stores, years, timeslices), GW
    discharge: np.ndarray
    level: np.ndarray  # energy units
    statistical: np.ndarray  # base-year statistical differences, Layout's order
    costs: dict[str, np.ndarray] = field(default_factory=dict)


def solution_arrays(pm: PathwayModel, result: SolveResult) -> SolutionArrays:
    """Gather the values of one solve into arrays (no tables).

    Parameters
    ----------
    pm : PathwayModel
        The model that was solved (its current compiled LP).
    result : SolveResult
        A result of that LP.
    """
    lay = layout_of(pm)
    col, dual = result.col_value, result.row_dual
    techs = lay.techs
    new = lay.new_capacity.values(col)
    new_energy = lay.new_energy.values(col)
    residual = np.array([t.residual for t in techs], dtype=float).reshape(new.shape)
    total = residual + _running_sum(lay.alive * new[:, None, :])
    res_energy = np.array([t.storage.residual_energy if t.storage is not None
                           else np.zeros(new.shape[1]) for t in techs],
                          dtype=float).reshape(new.shape)
    energy_total = res_energy + _running_sum(lay.alive * new_energy[:, None, :])
    zeros = np.zeros(new.shape[1])
    costs = {
        "capex": np.array([t.capex for t in techs], dtype=float),
        "fixed_om": np.array([t.fixed_om for t in techs], dtype=float),
        "variable_cost": np.array([t.variable_cost for t in techs], dtype=float),
        "capex_energy": np.array([t.storage.capex_energy if t.storage is not None else zeros
                                  for t in techs], dtype=float),
        "fixed_om_energy": np.array([t.storage.fixed_om_energy if t.storage is not None
                                     else zeros for t in techs], dtype=float),
        "crf": np.array([t.crf() if t.investable else 0.0 for t in techs]),
    }
    return SolutionArrays(
        layout=lay.static, dispatch=lay.dispatch.values(col), charge=lay.charge.values(col),
        discharge=lay.discharge.values(col), level=lay.level.values(col),
        statistical=lay.statistical.values(col), new_capacity=new, new_energy=new_energy,
        active=lay.active.values(col),
        activity=lay.activity.values(col), total=total, energy_total=energy_total,
        emissions=lay.emissions.values(col), emission_duals=_duals(dual, lay.emission_rows),
        target_duals=_duals(dual, lay.target_rows), row_dual=dual, col_value=col, costs=costs)


@dataclass
class SweepPoint:
    """What a sweep reads from one solve: no tables.

    Attributes
    ----------
    status : str
        Solver status (``"Optimal"``).
    objective : float
        Total discounted system cost, MCNY.
    emissions : dict of int to float
        Emissions on the targets' basis by model year, kt/yr (the ``emissions_total`` table).
    peak_year : int
        Year of the highest of those emissions (the first, if several are equal).
    peak_level : float
        Those emissions, kt/yr.
    duals : dict of (str, int) to float
        Per target row ``(target, year)``: its dual, undiscounted (MCNY per unit of the
        target; the ``undiscounted`` column of the ``duals`` table).
    seconds : float
        Solve wall time, s.
    iterations : int
        Simplex plus interior-point iterations.
    """

    status: str
    objective: float
    emissions: dict[int, float]
    peak_year: int
    peak_level: float
    duals: dict[tuple[str, int], float]
    seconds: float
    iterations: int


def sweep_point(pm: PathwayModel, result: SolveResult) -> SweepPoint:
    """Read the few numbers a sweep needs from a solve, building no table.

    Gives the same numbers as the :class:`~carbonpath.model.results.Pathway` of the same
    result (``objective``, ``peak_year``, ``peak_level``, the ``emissions_total`` values and
    the ``undiscounted`` target duals), at the cost of a few array gathers.

    Parameters
    ----------
    pm : PathwayModel
        The solved model.
    result : SolveResult
        Its result (e.g. ``pm.last_result``, or what ``pm.highs.solve()`` returns).

    Returns
    -------
    SweepPoint
        The numbers, no tables.
    """
    lay = layout_of(pm)
    d = pm.data
    emissions = lay.emissions.values(result.col_value)
    df = dict(zip(d.years, d.discount_factor, strict=True))
    duals = _duals(result.row_dual, lay.target_rows)
    undiscounted = {}
    for key, dual in zip(lay.target_keys, duals.tolist(), strict=True):
        year = pm.target_rows[key].year
        undiscounted[key] = dual / df[year] if year in df else dual
    k = peak_index(emissions)  # the first year at the top, round-off aside (F15)
    return SweepPoint(status=result.status, objective=result.objective,
                      emissions=dict(zip(d.years, emissions.tolist(), strict=True)),
                      peak_year=d.years[k], peak_level=float(emissions[k]), duals=undiscounted,
                      seconds=result.seconds, iterations=result.iterations)
