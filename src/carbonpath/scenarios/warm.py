"""Measure coalitions as warm re-solves of one built model.

A coalition (the base scenario with some of the measures) differs from the base with every
measure only in the rows the other measures change. :class:`CoalitionModel` builds the model
of the base with every measure once and reaches each coalition by changing numbers of that
model, then re-solves it from the previous basis:

* technologies named by the measures (their ``parameters`` rows, their ``technologies``)
  take the coalition's values, computed by the same model-data code as a rebuild
  (:class:`carbonpath.model.overrides.WarmState`): costs, availability, activity and new
  capacity bounds, capacity rows;
* a ``min_capacity`` or ``max_capacity`` row that only a missing measure gives is relaxed
  (both bounds infinite), which is the rebuilt model without the row, as capacity is never
  negative;
* a technology measure left out closes the technology's new capacity (bounds 0): the rebuilt
  model makes it not investable, the same feasible set;
* a target added by a missing measure has its rows relaxed;
* demands (``demands`` rows) take the coalition's values.

Anything else (target values, a measure that disallows technologies, drivers other than the
grid emission factor, a frozen-technology base whose rows depend on what may be built, or any
change of the matrix's shape) makes that coalition a cold solve of its own rebuilt model: it
is never approximated. :attr:`CoalitionModel.cold` counts them.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from carbonpath.dataset import Dataset
from carbonpath.dataset.scenarios import _resolve, resolve_scenario, with_measures
from carbonpath.errors import DataError, Problem
from carbonpath.model.overrides import WARM_DRIVERS, StructureError, WarmState

__all__ = ["CoalitionModel", "warm_reason"]

NAME = "_measures"


def warm_reason(dataset: Dataset, base: str, items: list[dict[str, Any]]) -> str:
    """Why the measures cannot be reached warm ('' if they can).

    Parameters
    ----------
    dataset : Dataset
    base : str
        The scenario the measures are added to.
    items : list of dict
        The measures (:func:`carbonpath.dataset.scenarios.measures`).

    Returns
    -------
    str
        A sentence naming the first obstacle, or ``''``.
    """
    if "_frozen_mix" in _base_targets(dataset, base):
        return (f"the base '{base}' is a frozen-technology BAU, whose rows depend on what "
                "each coalition may build")
    for m in items:
        changes = m.get("changes") or {}
        for key in ("target_values", "disallow", "allow"):
            if changes.get(key):
                return f"measure '{m['name']}' changes {key}"
        for r in changes.get("drivers") or []:
            if r.get("driver") not in WARM_DRIVERS:
                return f"measure '{m['name']}' changes the driver '{r.get('driver')}'"
    return ""


def _base_targets(dataset: Dataset, base: str) -> list[str]:
    """The resolved target list of the base scenario."""
    return list(resolve_scenario(dataset, base).config["scenarios"][base]["targets"])


def _shared_keys(items: list[dict[str, Any]]) -> bool:
    """True if two measures override rows of the same key.

    Their rows were never checked apart, so such coalitions are checked in full.
    """
    seen: set[tuple] = set()
    for m in items:
        changes = m.get("changes") or {}
        keys = {("parameters", r.get("technology"), r.get("parameter"))
                for r in changes.get("parameters") or []}
        keys |= {("demands", r.get("commodity")) for r in changes.get("demands") or []}
        keys |= {("drivers", r.get("driver")) for r in changes.get("drivers") or []}
        if keys & seen:
            return True
        seen |= keys
    return False


class _CoalitionState(WarmState):
    """WarmState that relaxes capacity rows a coalition does not give, and closes builds."""

    def __init__(self, pm: Any, factors: Any = None) -> None:
        super().__init__(pm, factors)
        lp = self.highs.lp_arrays()  # the central bounds, once
        self.row_lower = np.asarray(lp.row_lower_).copy()
        self.row_upper = np.asarray(lp.row_upper_).copy()
        self.closed: dict[int, tuple[Any, Any, Any]] = {}  # id(var) -> (var, lb, ub)
        self.relaxed: dict[int, Any] = {}  # id(con) -> con

    def relax(self, con: Any) -> None:
        """Make a compiled row free (both bounds infinite); a row compiled away is skipped."""
        if self.highs.row(con) is None or id(con) in self.relaxed:
            return
        self.relaxed[id(con)] = con
        self.highs.set_row_bounds(con, None, None)

    def close(self, var: Any) -> None:
        """Bounds 0 on a variable (new capacity of a technology measure left out)."""
        if id(var) in self.closed or id(var) not in self.highs.col_of:
            return
        self.closed[id(var)] = (var, var.lb, var.ub)
        self.highs.set_col_bounds(var, 0.0, 0.0)

    def restore(self) -> None:
        """Central values: technologies, demands, emissions, relaxed rows, closed builds."""
        for var, lb, ub in self.closed.values():
            self.highs.set_col_bounds(var, lb, ub)
        self.closed = {}
        for con in self.relaxed.values():
            r = self.highs.row(con)
            lo, up = float(self.row_lower[r]), float(self.row_upper[r])
            self.highs.set_row_bounds(con, None if math.isinf(lo) else lo,
                                      None if math.isinf(up) else up)
        self.relaxed = {}
        super().restore()

    def _push_bounds(self, t: Any) -> None:
        m, h = self.pm.model, self.highs
        given_rows = {}
        for name, comp in (("max_capacity", m.capacity_max), ("min_capacity", m.capacity_min)):
            given = t.bounds.get(name, {})
            built = {y for (p, y) in comp if p == t.code}
            # a row the build left out (the base year) must keep its built value
            central = self.central_techs.get(t.code, t).bounds.get(name, {})
            odd = [y for y in set(given) - built if central.get(y) != given[y]]
            if odd:
                raise StructureError(Problem(
                    f"'{t.code}' in {min(odd)}: a {name} row the built model does not have",
                    valid="measures whose rows the base with every measure also has"))
            given_rows[name] = (comp, given, built)
        self._push_column_bounds(t)  # new capacity and activity, as WarmState
        for name, (comp, given, built) in given_rows.items():
            for y in sorted(built):
                con = comp[t.code, y]
                if y not in given:
                    self.relax(con)
                    continue
                self.relaxed.pop(id(con), None)
                if name == "max_capacity":
                    h.set_row_bounds(con, None, given[y])
                else:
                    h.set_row_bounds(con, given[y], None)

    def set_technology(self, code: str, new: Any) -> None:
        """Give technology ``code`` the coalition's data ``new`` (pushing what differs)."""
        tech = self.pm.data.techs[code]
        if new.investable and not tech.investable:
            raise StructureError(Problem(f"'{code}' may be built only in the coalition"))
        if new.capacitated != tech.capacitated or new.kind != tech.kind:
            raise StructureError(Problem(f"'{code}' changes kind"))
        if self._set_tech(tech, new):
            self._recompute_emissions(self._last_builder, {code})
        self._push_bounds(tech)  # also when only the rows present differ
        if tech.investable and not new.investable:
            m = self.pm.model
            for v in self.pm.data.years[1:]:
                for comp in (m.new_capacity, getattr(m, "new_energy_capacity", {})):
                    if (code, v) in comp:
                        self.close(comp[code, v])


class CoalitionModel:
    """The base scenario with every measure, built once; coalitions reached warm.

    Parameters
    ----------
    dataset : Dataset
    base : str
        The scenario the measures are added to.
    items : list of dict
        Every measure (:func:`carbonpath.dataset.scenarios.measures`).
    solver_options : dict, optional
    hours : int, optional

    Attributes
    ----------
    warm, cold : int
        Coalitions solved warm and cold so far.
    reason : str
        Why coalitions are solved cold ('' when they can be reached warm).
    seconds : list of (frozenset, str, float)
        Per solved coalition: its measures, "warm" or "cold", seconds (changes, solve and
        extraction; a cold one includes its build).
    """

    def __init__(self, dataset: Dataset, base: str, items: list[dict[str, Any]],
                 solver_options: dict[str, Any] | None = None, hours: int | None = None):
        from carbonpath.model import PathwayModel

        self.dataset, self.base, self.items = dataset, base, items
        self.solver_options, self.hours = solver_options, hours
        self.reason = warm_reason(dataset, base, items)
        self.warm = self.cold = 0
        self.seconds: list[tuple[frozenset, str, float]] = []
        self.model: Any = None
        self._state: _CoalitionState | None = None
        if not self.reason:
            self._base = _base_targets(dataset, base)
            self._check = _shared_keys(items)
            every = with_measures(dataset, base, items, items, NAME, base_targets=self._base)
            self.model = PathwayModel(every, NAME, solver_options=solver_options, hours=hours)
            self._techs = set()
            self._coms = set()
            self._targets: dict[str, list[int]] = {}
            for i, m in enumerate(items):
                changes = m.get("changes") or {}
                self._techs |= set(m.get("technologies") or [])
                self._techs |= {r["technology"] for r in changes.get("parameters") or []}
                self._coms |= {r["commodity"] for r in changes.get("demands") or []}
                for t in changes.get("targets") or []:
                    if t not in self._base:  # a target the base has stays whatever is chosen
                        self._targets.setdefault(t, []).append(i)
            self._drivers = any((m.get("changes") or {}).get("drivers") for m in items)

    def solve(self, chosen: frozenset[int], diagnose: bool = False,
              cold: bool = True) -> Any:
        """Solve the base with the measures at positions ``chosen`` (warm if it can).

        Parameters
        ----------
        chosen : frozenset of int
            Positions in ``items``.
        diagnose : bool
            Explain an infeasible coalition target by target.
        cold : bool
            False: a coalition that cannot be reached warm is not rebuilt here; None comes
            back (nothing counted), and the model is back at its central values (for a
            worker thread, which must not build Pyomo models).

        Returns
        -------
        carbonpath.Pathway or None

        Raises
        ------
        InfeasibleError, SolverError
            As :meth:`carbonpath.PathwayModel.solve`.
        """
        start = time.perf_counter()
        if self.model is not None:
            try:
                self._reach(chosen)
            except (StructureError, DataError) as exc:
                self._state.restore()
                self.reason = self.reason or f"a coalition changes the model's shape ({exc})"
                if not cold:
                    return None
            else:
                pathway = self.model.solve(diagnose_infeasible=diagnose)
                self.warm += 1
                self.seconds.append((chosen, "warm", time.perf_counter() - start))
                return pathway
        if not cold:
            return None
        from carbonpath.scenarios.compare import solve_scenario

        picked = [self.items[i] for i in sorted(chosen)]
        ds = with_measures(self.dataset, self.base, picked, self.items, NAME)
        pathway = solve_scenario(ds, NAME, self.solver_options, self.hours, diagnose=diagnose)
        self.cold += 1
        self.seconds.append((chosen, "cold", time.perf_counter() - start))
        return pathway

    def _reach(self, chosen: frozenset[int]) -> None:
        """Change the built model's numbers to the coalition ``chosen``."""
        pm = self.model
        if self._state is None:
            pm.highs  # compile before the central bounds are read  # noqa: B018
            self._state = _CoalitionState(pm, pm.factors)
        state = self._state
        state.restore()
        picked = [self.items[i] for i in sorted(chosen)]
        ds = with_measures(self.dataset, self.base, picked, self.items, NAME,
                           base_targets=self._base)
        # every row was checked when the base and the base with every measure were resolved
        builder = state._builder(_resolve(ds, NAME, check=self._check))
        state._last_builder = builder
        if self._techs:
            params = builder._params()
            if state._profiles is None:
                state._profiles = builder._profiles()
            techs = builder.ds.tables["technologies"].set_index("technology", drop=False)
            for code in sorted(self._techs):
                new = builder._tech(techs.loc[code], params, state._profiles)
                DataError.collect(builder.problems, "measures")
                state.set_technology(code, new)
        by_table: dict[str, dict] = {}
        if self._coms:
            frame = builder.ds.tables["demands"]
            by_table["demands"] = dict.fromkeys(frame.index[frame["commodity"].isin(self._coms)],
                                                0.0)
        if self._drivers:
            by_table["drivers"] = dict.fromkeys(builder.ds.tables["drivers"].index, 0.0)
        if by_table:
            if state._profiles is None:
                state._profiles = builder._profiles()
            state._apply(builder.ds, builder, by_table)
        for name, owners in self._targets.items():
            if not any(i in chosen for i in owners):
                for key, row in pm.target_rows.items():
                    if row.target == name:
                        state.relax(pm.model.target[key])
