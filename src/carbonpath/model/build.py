"""``PathwayModel``: build the Pyomo model from a dataset, solve it, update and re-solve it.

The constraint families are added in a fixed order by the functions of
:mod:`carbonpath.model.components` and :mod:`carbonpath.model.targets`; exactly one module,
:mod:`carbonpath.model.solve`, talks to HiGHS.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pint

# pyomo.core, not pyomo.environ: the model needs no solver or transformation plugins, whose
# registration cost every process about 0.07 s (python -X importtime); the LP goes to HiGHS
# through carbonpath.model.compiler
import pyomo.core as pyo
from pyomo.common.gc_manager import PauseGC

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.edits import check_unedited
from carbonpath.dataset.scenarios import resolved_name
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathWarning,
    InfeasibleError,
    UnboundedError,
    unknown_name,
)
from carbonpath.factors import FactorTable
from carbonpath.model import adequacy, fleet
from carbonpath.model import components as cp
from carbonpath.model import network as net
from carbonpath.model.change_record import coverage, supersede
from carbonpath.model.data import ModelData
from carbonpath.model.diagnose import diagnose, explain_unbounded
from carbonpath.model.results import Pathway, make_pathway
from carbonpath.model.solve import HighsModel, SolveResult, check_options, pyomo_messages
from carbonpath.model.targets import TargetRow, add_targets
from carbonpath.model.update_checks import (
    SAMPLED,
    change_key,
    check_override,
    check_overrides_type,
    override_slips,
    report_slips,
    row_label,
)
from carbonpath.model.update_steps import UpdateSteps
from carbonpath.model.update_values import _model_year

__all__ = ["PathwayModel", "optimise"]


class PathwayModel(UpdateSteps):
    """The least-cost pathway model of a dataset and scenario.

    Parameters
    ----------
    dataset : Dataset or str or pathlib.Path
        A loaded dataset, or a bundled dataset's name or a folder to load.
    scenario : str, optional
        A scenario of the dataset (its targets and parameter overrides); None = no targets,
        except for a dataset returned by :func:`carbonpath.resolve_scenario`, which is its
        one scenario (targets included), as in :func:`optimise`.
    factors : carbonpath.FactorTable, path or list of paths, optional
        Factor tables for emission factors (default: the bundled tables); a path or list of
        user factor CSVs is read with ``load_factors(extra=...)``. Anything else raises
        ArgumentTypeError naming ``factors`` (round 27 MC91).
    peak_year : int, optional
        Overrides the scenario's peak year (or adds a peak target).
    solver_options : dict, optional
        HiGHS options (e.g. ``{"time_limit": 60, "threads": 2}``).
    hours : int, optional
        Time blocks per representative day (the model's resolution; default: the dataset's
        ``timeslices.model_hours``, else its profile hours).

    Attributes
    ----------
    data : ModelData
        The dataset in canonical floats.
    model : pyomo.environ.ConcreteModel
        The Pyomo model (variables ``new_capacity``, ``dispatch``, ``activity`` ...).
    target_rows : dict
        (target, year) -> :class:`~carbonpath.model.targets.TargetRow`.
    timings : dict
        Seconds spent in ``data``, ``build``, ``handoff``, ``solve`` (last solve).

    Raises
    ------
    DataError
        If the dataset or scenario cannot be turned into a model (every problem listed), or
        a solver ``time_limit`` is not a positive number of seconds.

    Examples
    --------
    >>> from carbonpath import PathwayModel
    >>> model = PathwayModel("tiny", scenario="plan")
    >>> pathway = model.solve()
    >>> model.update(peak_year=2028)
    >>> later = model.solve()          # warm re-solve, no rebuild
    """

    @checked(skip=("peak_year",))  # its own check names the valid years
    def __init__(self, dataset: Dataset | str | Path, scenario: str | None = None,
                 factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                 peak_year: int | None = None,
                 solver_options: dict[str, Any] | None = None,
                 hours: int | None = None) -> None:
        if not isinstance(dataset, Dataset):
            dataset = load_dataset(dataset)
        check_unedited(dataset)  # tables changed in Python after validation: dataset/edits.py
        self.dataset = dataset
        self.scenario = scenario = resolved_name(dataset, scenario)  # B178
        self.solver_options = dict(solver_options or {})
        check_options(self.solver_options)
        self.timings: dict[str, float] = {}
        start = time.perf_counter()
        self.data = ModelData.from_dataset(dataset, scenario, factors, hours)
        self.timings["data"] = time.perf_counter() - start
        if peak_year is not None:
            peak_year = _model_year(peak_year, self.data.years, "the peak year")
        self.peak_year = peak_year if peak_year is not None else next(
            (int(t["year"]) for t in self.data.targets if t["type"] == "peak_year"), None)
        self.built_peak_year = self.peak_year  # pathway.json's targets (D135)
        start = time.perf_counter()
        self.model = self._build(peak_year)
        self.timings["build"] = time.perf_counter() - start
        self._highs: HighsModel | None = None
        self.last_result: SolveResult | None = None
        self._original_costs: dict[tuple[str, str], list] = {}
        #: id of an update() entry of :attr:`changes` -> (technology, parameter, value)
        self._update_given: dict[int, tuple[str, str, Any]] = {}
        self._update_references: dict[tuple[str, str, int], float | None] = {}
        self.factors = factors
        self._warm: Any = None
        #: What update(), apply() and scale_cost() changed since the build, in force now;
        #: each solve's Pathway records it (settings["changes"], pathway.json).
        self.changes: list[dict[str, Any]] = []

    def _build(self, peak_year: int | None) -> pyo.ConcreteModel:
        # the build makes millions of small objects and no garbage cycles: without pausing
        # the cyclic garbage collector, its passes over them cost about half the build
        with PauseGC(), pyomo_messages():
            return self._build_families(peak_year)

    def _build_families(self, peak_year: int | None) -> pyo.ConcreteModel:
        m = pyo.ConcreteModel(name=f"carbonpath {self.dataset.name}")
        d = self.data
        cp.add_variables(m, d)
        cp.add_activity_definition(m, d)
        cp.add_capacity_limits(m, d)
        cp.add_capacity_rules(m, d)
        fleet.add_retirement_rules(m, d)
        fleet.add_growth_limits(m, d)
        fleet.add_cumulative_potential(m, d)
        fleet.add_committed(m, d)
        cp.add_storage(m, d)
        cp.add_balances(m, d)
        adequacy.add_reserve_margin(m, d)
        adequacy.add_min_output(m, d)
        adequacy.add_ramping(m, d)
        adequacy.add_full_load_hours(m, d)
        cp.add_base_year(m, d)
        cp.add_emissions(m, d)
        net.add_link_limits(m, d)
        net.add_regional_emissions(m, d)
        self.target_rows: dict[tuple[str, int], TargetRow] = add_targets(m, d, peak_year)
        cp.add_objective(m, d)
        return m

    @property
    def highs(self) -> HighsModel:
        """The compiled HiGHS model (compiled on first use)."""
        if self._highs is None:
            start = time.perf_counter()
            with pyomo_messages():
                self._highs = HighsModel(self.model, self.solver_options)
            self.timings["handoff"] = time.perf_counter() - start
        return self._highs

    @property
    def size(self) -> dict[str, int]:
        """Columns, rows and nonzeros of the compiled LP."""
        h = self.highs
        return {"columns": h.num_col, "rows": h.num_row, "nonzeros": h.num_nz}

    @checked
    def solve(self, diagnose_infeasible: bool = True, **options: Any) -> Pathway:
        """Solve (warm if solved before) and return the :class:`Pathway`.

        Parameters
        ----------
        diagnose_infeasible : bool
            If True (default) an infeasible model is explained target by target.
        **options
            HiGHS options for this and later solves (``time_limit=30``, ``threads=2`` ...).

        Raises
        ------
        DataError
            A solver option HiGHS rejects, or a ``time_limit`` that is not positive.
        InfeasibleError
            With ``diagnosis``: per target, the value asked and the best reachable with
            every other target held.
        UnboundedError, TimeLimitError, IterationLimitError, SolverError
            For the other non-optimal outcomes.
        """
        highs = self.highs
        try:
            result = highs.solve(options)
        except InfeasibleError as exc:
            if not diagnose_infeasible:
                raise
            table, message = diagnose(self)
            raise InfeasibleError(message, diagnosis=table, status=exc.status) from None
        except UnboundedError as exc:  # name the culprit: a negative cost without a bound
            message = explain_unbounded(self) or str(exc)
            raise UnboundedError(message, status=exc.status, details=exc.details) from None
        self.timings["solve"] = result.seconds
        self.last_result = result
        return make_pathway(self, result)

    # -- updates -------------------------------------------------------------------------
    @checked(skip=("years", "peak_year"))  # its own checks name the valid years
    def update(self, *, peak_year: int | None = None, target: str | None = None,
               value: Any = None, technology: str | None = None, parameter: str | None = None,
               years: list[int] | None = None, plausibility: str | None = None) -> None:
        """Change numbers of the built model for a warm re-solve (no rebuild).

        One call changes one thing, named by keyword arguments only:

        * ``update(peak_year=P)``: move the peak year of the peak target;
        * ``update(target=name, value=Q)``: the level of a ``cap``, ``budget`` or ``bound``
          target (a pint quantity, e.g. ``Q_(45, "Mt CO2")``). A cap or budget is held to
          plan.yaml's range (1 % .. 10 times the base year's emissions, a budget by its
          yearly average), a bound to within x10 of plan.yaml's value, unless
          ``plausibility="override: <reason>"`` (round 25, MA93 and MA182: 4.5 Gt for 4.5
          Mt, GW for MW);
        * ``update(technology=p, parameter=name, value=Q, years=None)``: a technology's
          ``variable_cost`` (a price), ``max_capacity`` or ``min_capacity`` (a potential),
          ``max_new_capacity`` / ``min_new_capacity`` (a build limit) or ``max_activity`` /
          ``min_activity``, in the given years (default: every decision year). The value
          must lie in the parameter's domain (finite; >= 0 but for ``variable_cost``) and
          within x10 of the dataset's value in each year (a unit slip, see
          :mod:`carbonpath.model.update_checks`) unless ``plausibility="override: <reason>"``.
          Observed years (the base year, and any before ``first_decision_year``) are fixed
          to the data and cannot be given in ``years``; a ``variable_cost`` changed without
          ``years`` warns (``CarbonpathWarning``, once per technology) where an observed
          year's fixed activity stays costed at the dataset's price, which ``apply()`` of
          the row would change too (round 15's L48). Another parameter of the dataset
          (``capex``, ``fixed_om``, ``lifetime`` ...) is refused before the years are looked
          at, naming ``scale_cost`` with the factor of the asked value and ``apply()`` of its
          row where they can change it, or the row to edit before a rebuild (round 26 MB05).

        Raises
        ------
        UnknownNameError
            Unknown target, technology or parameter, or a target type whose value cannot be
            changed in place (rebuild the model for those); an observed year in ``years``;
            a ``KeyError``.
        UnitError
            A value whose unit does not fit what it changes.
        TypeError
            A positional argument (``update("cap", 3)``; the message gives the signature);
            more than one change in one call, or an argument the change does not use (names
            them); no change; a value that is an array quantity, not one number; a peak
            year, or a year in ``years``, that is not an integer
            (numpy and pandas integers are integers, a bool is not); ``years`` that is not
            a non-empty list.
        DataError
            A peak year, or a year in ``years``, outside the model years (names the range);
            a ``max_capacity`` below the technology's residual stock in one of the years
            (names the stock; nothing is changed).
        ArgumentValueError
            A value that is NaN, infinite, or negative where the parameter's domain forbids
            it; a ``plausibility`` that is not ``"override: <reason>"``.
        ImplausibleValueError
            A technology value more than x10 or less than /10 of the dataset's value for
            that parameter and year, a target level outside the ranges above, without
            ``plausibility="override: <reason>"``.
        """
        given = {k: v for k, v in (("peak_year", peak_year), ("target", target),
                                   ("technology", technology), ("parameter", parameter),
                                   ("value", value), ("years", years),
                                   ("plausibility", plausibility)) if v is not None}
        forms = {"peak_year": {"peak_year"}, "target": {"target", "value", "plausibility"},
                 "technology": {"technology", "parameter", "value", "years", "plausibility"}}
        heads = [k for k in forms if k in given]
        if len(heads) > 1:
            msg = (f"update() changes one thing per call, but got {' and '.join(heads)}; "
                   "call it once for each change")
            raise ArgumentTypeError(msg)
        extra = [k for k in given if heads and k not in forms[heads[0]]]
        if extra:
            msg = (f"update({heads[0]}=...) does not use {', '.join(extra)}; one call changes "
                   "one thing")
            raise ArgumentTypeError(msg)
        if isinstance(value, pint.Quantity) and getattr(value.magnitude, "ndim", 0) != 0:
            msg = (f"update(value={value!r}): expected one number with its unit (a scalar "
                   "quantity such as Q_(2800, 'MW')); for one value a year, call update "
                   "once per year with years=[y]")
            raise ArgumentTypeError(msg)
        if peak_year is not None:
            self._update_peak(peak_year)
        elif target is not None:
            self._update_target(target, value, check_override(plausibility))
        elif technology is not None and parameter is not None:
            self._update_parameter(technology, parameter, value, years,
                                   check_override(plausibility))
        else:
            msg = "update() needs peak_year, target and value, or technology, parameter, value"
            raise ArgumentTypeError(msg)
        entry = {"call": "update", **{k: v if isinstance(v, int | str | list) else str(v)
                                      for k, v in given.items()}}
        # a later update of the same thing replaces the earlier one (one entry each), and
        # it replaces the values earlier changes gave in the years it covers
        self.changes = [c for c in self.changes if change_key(c) != change_key(entry)]
        self._supersede(entry)
        self.changes.append(entry)
        if technology is not None:  # apply() and restore() push it again (_unscaled)
            live = {id(c) for c in self.changes}
            self._update_given = {k: v for k, v in self._update_given.items() if k in live}
            self._update_given[id(entry)] = (technology, parameter, value)

    def _supersede(self, entry: dict[str, Any]) -> None:
        """Drop or narrow the recorded changes whose values ``entry`` replaces.

        See :mod:`carbonpath.model.change_record`.
        """
        params = self.dataset.tables["parameters"]
        years, decision = list(self.data.years), list(self.data.decision_years)
        cover = coverage(entry, params, years, decision)
        if cover:
            self.changes = supersede(self.changes, cover, params, years, decision)
        for (code, parameter), covered in cover.items():  # a set enters the scale's base
            base = self._original_costs.get((code, parameter))
            if base is not None:
                tech = self.data.techs[code]
                for y in covered:
                    k = self.data.year_index[y]
                    base[0][k] = getattr(tech, parameter)[k]

    @checked
    def apply(self, overrides: Any, *, plausibility: str | None = None) -> None:
        """Give rows of the dataset new values in the built model (no rebuild).

        The model first returns to its central values (so the order of samples does not
        matter), then takes the new values: the warm equivalent of rebuilding the model from
        the dataset with those values written in its files. See
        :mod:`carbonpath.model.overrides`.

        Parameters
        ----------
        overrides : mapping
            ``(table, file line) -> value`` in the row's unit, e.g.
            ``{("parameters", 12): 2600.0}``. Tables: ``parameters`` (costs, bounds,
            availability, utilisation), ``flows`` (of new conversion and demand
            technologies), ``demands``, ``drivers`` (grid emission factor), ``profiles``
            (availability and demand profiles), ``emissions`` (of import and export
            technologies).
        plausibility : str, optional
            ``"override: <reason>"`` accepts, with a warning, values that the slip checks
            refuse (below).

        Raises
        ------
        DataError
            A row that does not exist or cannot be changed warm, or a new value outside the
            domain of the row (:mod:`carbonpath.dataset.domains`); the model is left at its
            central values.
        ArgumentTypeError
            ``overrides`` that is not a mapping (a list of pairs), or a key that is not a
            ``(table, line)`` tuple.
        ImplausibleValueError
            A new ``parameters.csv`` value of the opposite sign of the dataset's, or outside
            the parameter's absolute range; a new parameter, demand, driver, flow, emission
            or demand or price profile value more than x10 or less than /10 of the row's
            dataset value (a row whose value is 0 has no scale: only its domain is checked);
            an emission factor of the opposite sign; a driver or an emission factor outside
            its absolute range (a grid factor above 1.5 t CO2/MWh, a CO2 factor above 2 t/MWh)
            (:func:`carbonpath.model.update_checks.override_slips`), without
            ``plausibility="override: <reason>"``. A Monte Carlo sample
            (``plausibility=SAMPLED``) skips these checks: ``uncertainty.csv`` was checked.
        """
        from carbonpath.model.overrides import WarmState

        check_overrides_type(overrides)
        if plausibility != SAMPLED:  # a Monte Carlo sample was checked by uncertainty.csv
            report_slips(override_slips(self.dataset.tables, overrides),
                         check_override(plausibility), "PathwayModel.apply")
        if self._warm is None:
            self._warm = WarmState(self, self.factors)
        entry = {"call": "apply", "rows": {row_label(key): value
                                           for key, value in overrides.items()}}
        self._unscaled(lambda: self._warm.apply(overrides), entry)

    def _unscaled(self, call: Any, entry: dict[str, Any] | None) -> None:
        """Run a :class:`WarmState` call on unscaled costs, record ``entry``, scale again.

        The warm state returns the technologies it touched to their central values, which
        must not hold a factor of :meth:`scale_cost`; after the call, each scaled cost's
        unscaled value is the current one and its factor acts in the years its (narrowed)
        entry in :attr:`changes` still governs.
        """
        for (code, parameter), base in self._original_costs.items():
            tech = self.data.techs[code]
            getattr(tech, parameter)[:] = base[0]
            if len(base) > 1:
                getattr(tech.storage, f"{parameter}_energy")[:] = base[1]
        try:
            call()
            # apply() first returns to the central values: it replaces the previous apply()
            self.changes = [c for c in self.changes if c["call"] != "apply"]
            if entry is not None:
                self._supersede(entry)
                self.changes.append(entry)
        finally:
            touched = self._warm.central_techs if self._warm is not None else {}
            for c in self.changes:  # updates of the techs the call rebuilt, in force still
                given = self._update_given.get(id(c))
                if given is not None and given[0] in touched:
                    with warnings.catch_warnings():  # accepted when first given
                        warnings.simplefilter("ignore", CarbonpathWarning)
                        self._update_parameter(*given, c.get("years"), True)
            for (code, parameter), base in self._original_costs.items():
                tech = self.data.techs[code]
                base[0] = getattr(tech, parameter).copy()
                scale = next((c for c in self.changes
                              if c.get("scaled") == [code, parameter]), None)
                if len(base) > 1:
                    base[1] = getattr(tech.storage, f"{parameter}_energy").copy()
                if scale is not None:
                    for y in scale.get("years") or self.data.years:
                        k = self.data.year_index[y]
                        getattr(tech, parameter)[k] = base[0][k] * scale["factor"]
                    if len(base) > 1:
                        getattr(tech.storage, f"{parameter}_energy")[:] = (
                            base[1] * scale["factor"])
                self._push_costs(code)

    @checked
    def restore(self) -> None:
        """Return every value changed by :meth:`apply` to its central (dataset) value."""
        if self._warm is not None:
            self._unscaled(self._warm.restore, None)
        self.changes = [c for c in self.changes if c["call"] != "apply"]

    @checked
    def scale_cost(self, technology: str, parameter: str, factor: float) -> None:
        """Scale a technology's cost to ``factor`` x its value before scaling, warm.

        The value scaled is the cost's unscaled value: the dataset's, with what every
        ``update``/``apply`` of it set written in. A ``scale_cost`` after such a set scales
        the set value (the two compose; both stay in :attr:`changes`, in order); an
        ``update``/``apply`` after a ``scale_cost`` sets its value plainly in the years it
        covers, so the factor acts only in the other years (the scale's entry in
        :attr:`changes` is narrowed to them) until ``scale_cost`` is called again
        (:mod:`carbonpath.model.change_record`).

        Parameters
        ----------
        technology : str
            Technology code.
        parameter : {"capex", "fixed_om", "variable_cost"}
            The cost (storage: capex and fixed_om scale the energy part too).
        factor : float
            Multiplier of the dataset's value (1 restores it).

        Raises
        ------
        UnknownNameError
            Unknown technology or parameter (a ``KeyError``).
        ValueError
            A negative factor.
        """
        if parameter not in ("capex", "fixed_om", "variable_cost"):
            raise unknown_name("cost to scale", parameter, ("capex", "fixed_om", "variable_cost"))
        if technology not in self.data.techs:
            raise unknown_name("technology", technology, self.data.techs)
        if not (factor >= 0 and math.isfinite(factor)):
            msg = f"a cost can be scaled by a finite factor >= 0, not {factor}"
            raise ArgumentValueError(msg)
        tech = self.data.techs[technology]
        key = (technology, parameter)
        if key not in self._original_costs:
            arrays = [getattr(tech, parameter).copy()]
            if tech.storage is not None and parameter != "variable_cost":
                arrays.append(getattr(tech.storage, f"{parameter}_energy").copy())
            self._original_costs[key] = arrays
        original = self._original_costs[key]
        getattr(tech, parameter)[:] = original[0] * factor
        self.changes = [c for c in self.changes if c.get("scaled") != [technology, parameter]]
        if factor != 1:  # 1 restores the unscaled value
            self.changes.append({"call": "scale_cost", "scaled": [technology, parameter],
                                 "factor": factor})
        if len(original) > 1:
            getattr(tech.storage, f"{parameter}_energy")[:] = original[1] * factor
        self._push_costs(technology)

    def _push_costs(self, technology: str) -> None:
        """Give HiGHS the objective coefficients of a technology's current costs."""
        tech = self.data.techs[technology]
        coefficients, _ = cp.cost_coefficients(self.data, tech)
        h = self.highs  # one changeColsCost: the columns of each technology found once
        at, columns = h.cost_columns(technology, lambda: [
            getattr(self.model, name)[index] if index in getattr(self.model, name) else None  # noqa: SIM401
            for name, index, _ in coefficients])
        h.set_costs(columns, [coefficients[i][2] for i in at])


class _DefaultScenario(str):
    """``optimise``'s default scenario, ``"plan"``, told apart from a ``"plan"`` given."""

    __slots__ = ()


_PLAN = _DefaultScenario("plan")


@checked
def optimise(dataset: Dataset | str | Path, scenario: str | None = _PLAN,
             peak_year: int | None = None,
             factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
             solver_options: dict[str, Any] | None = None, hours: int | None = None
             ) -> Pathway:
    """Build and solve the least-cost pathway of a dataset's scenario.

    Parameters
    ----------
    dataset : Dataset or str or pathlib.Path
        A dataset or a bundled dataset's name or folder.
    scenario : str, optional
        Scenario name (default ``"plan"``, or, for a dataset returned by
        :func:`~carbonpath.scenarios.resolve_scenario`, the one scenario it holds, as
        :class:`PathwayModel` reads it; round 15's L89); None solves without targets.
    peak_year : int, optional
        Override the scenario's peak year.
    factors : FactorTable, path or list of paths, optional
        Factor tables (default: bundled), as :class:`PathwayModel` takes them.
    solver_options : dict, optional
        HiGHS options.
    hours : int, optional
        Time blocks per representative day (see :class:`PathwayModel`).

    Returns
    -------
    Pathway
        Tidy results with units, duals and provenance.

    Raises
    ------
    DataError, InfeasibleError, UnboundedError, TimeLimitError, IterationLimitError
    """
    if scenario is _PLAN:  # not given: a resolved dataset is its own scenario
        scenario = resolved_name(dataset, None) or "plan"
    model = PathwayModel(dataset, scenario, factors=factors, peak_year=peak_year,
                         solver_options=solver_options, hours=hours)
    return model.solve()
