"""The steps of :meth:`PathwayModel.update <carbonpath.model.build.PathwayModel.update>`.

A mixin of :class:`carbonpath.model.build.PathwayModel`, moved out of ``model/build.py``
unchanged to keep that module under 600 lines: moving the peak year, changing a target's
value, and changing a technology's parameter in place, each checked first.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from typing import Any

from carbonpath.dataset.cost_checks import negative_cost_problem
from carbonpath.dataset.slips import STEP, within_step
from carbonpath.dataset.target_domains import check_domains
from carbonpath.errors import (
    ArgumentValueError,
    CarbonpathWarning,
    DataError,
    Problem,
    UnitError,
    UnknownNameError,
    unknown_name,
)
from carbonpath.model.targets import TargetRow
from carbonpath.model.terms import _bound_row, stock_above_max
from carbonpath.model.update_checks import (
    absolute_problem,
    check_domain,
    check_slip,
    report_slips,
    unknown_target,
)
from carbonpath.model.update_values import (
    IN_PLACE,
    _magnitude,
    _model_year,
    decision_years_of,
    not_in_place,
)
from carbonpath.units import unit_factor

__all__ = ["UpdateSteps"]


class UpdateSteps:
    """Mixin of :class:`~carbonpath.model.build.PathwayModel`: the checked update steps."""

    def _update_peak(self, peak_year: int) -> None:
        rows = [(k, r) for k, r in self.target_rows.items() if r.type == "peak_year"]
        if not rows:
            msg = "the model has no peak target; build it with peak_year=... to add one"
            raise UnknownNameError(msg)
        peak_year = _model_year(peak_year, self.data.years, "the peak year")
        for key, row in rows:
            upper = 0.0 if row.year >= peak_year else math.inf
            self.highs.set_row_bounds(self.model.target[key], None, upper)
        self.peak_year = peak_year
        self.built_peak_year = peak_year  # pathway.json lists the year solved (P83)

    def _update_target(self, name: str, value: Any, override: bool = False) -> None:
        rows = [(k, r) for k, r in self.target_rows.items() if r.target == name]
        if not rows:
            raise unknown_target(name, self.target_rows.values())
        kind = rows[0][1].type
        if kind == "peak_year":  # round 22 P145: the peak year has its own in-place update
            msg = (f"target '{name}' is the peak-year target: change its year in place with "
                   f"update(peak_year={value!r}), not update(target='{name}', value=...)")
            raise UnknownNameError(msg)
        if kind not in ("cap", "budget", "bound"):
            msg = (f"target '{name}' of type '{kind}' cannot be changed in place (cap, budget "
                   "and bound targets can, and the peak year with update(peak_year=...)); "
                   "rebuild the model with the new value")
            raise UnknownNameError(msg)
        gas = "CO2" if self.data.emissions["gas"] == "CO2" else "CO2e"
        self._check_target_level(name, kind, rows[0][1], value, gas, override)
        self._check_new_value(name, kind, rows[0][1], value, gas, override)
        if kind == "bound":  # round 30 MF66: 300 MW for a bound on activity
            self._warn_bound_power(name, rows[0][1], value)
        for key, row in rows:
            unit = f"kt {gas}" if kind in ("cap", "budget") else row.unit
            number = _magnitude(value, unit)
            con = self.model.target[key]
            if kind == "bound" and row.sense == ">=":
                self.highs.set_row_bounds(con, number, con.upper)
            else:
                self.highs.set_row_bounds(con, con.lower, number)
        for t in self.data.targets:
            if t["name"] != name:
                continue
            if kind == "bound":  # MA182: the diagnosis reads the bound's own key
                side = "min" if rows[0][1].sense == ">=" else "max"
                t[side] = {"value": float(_magnitude(value, rows[0][1].unit)),
                           "unit": rows[0][1].unit}
            else:
                t["value"] = float(_magnitude(value, f"kt {gas}"))
                t["unit"] = f"kt {gas}"

    def _warn_bound_power(self, name: str, row: TargetRow, value: Any) -> None:
        """Warn of a bound on activity updated in a power (``Q_(300, 'MW')``, MF66).

        The ``update(target=...)`` side of
        :func:`carbonpath.dataset.target_domains.bound_power_notes`.
        """
        from carbonpath.dataset.role_checks import PowerUnitWarning
        from carbonpath.dataset.target_domains import bound_power_notes

        target = next(t for t in self.data.targets if t["name"] == name)
        if hasattr(value, "units") and hasattr(value, "magnitude"):
            number, unit = float(value.magnitude), f"{value.units:~}"
        elif isinstance(value, tuple) and len(value) == 2:
            number, unit = float(value[0]), str(value[1])
        else:
            return
        side = "min" if row.sense == ">=" else "max"
        changed = dict(target, **{side: {"value": number, "unit": unit}})
        for text in bound_power_notes(changed, f"update(target='{name}'), the bound's {{side}}",
                                      self.data.dataset.tables, (side,)):
            warnings.warn(text, PowerUnitWarning, stacklevel=5)  # the caller of update()

    def _check_new_value(self, name: str, kind: str, row: TargetRow, value: Any,
                         gas: str, override: bool = False) -> None:
        """A new target value must lie in the target's domain, as in plan.yaml.

        ``override``: the call's plausibility override stands for the target's own (a bound
        beyond the demand's x1000 is then accepted with a warning, as in plan.yaml).
        """
        unit = f"kt {gas}" if kind != "bound" else row.unit
        target = next(t for t in self.data.targets if t["name"] == name)
        span = (int(target["start"]), int(target["end"])) if kind == "budget" else None
        number = _magnitude(value, unit, span)
        if kind == "bound":
            side = "min" if row.sense == ">=" else "max"
            changed = dict(target, **{side: {"value": number, "unit": unit}})
        else:
            changed = dict(target, value=number, unit=unit)
        if override:
            changed["plausibility"] = "override: given to update()"
        problems: list[Problem] = []
        ds = self.data.dataset
        check_domains(changed, f"targets.{name}", ds.config, ds.tables, problems,
                      file="update()")
        DataError.collect(problems, f"the new value of target '{name}'")

    def _check_target_level(self, name: str, kind: str, row: TargetRow, value: Any,
                            gas: str, override: bool) -> None:
        """A new level far from what plan.yaml would accept is a unit slip (MA93, MA182).

        A cap or budget is held to plan.yaml's range against the base year's emissions
        (:func:`carbonpath.model.target_levels.level_problems`: 1 % .. 10 times; 4.5 Gt
        typed for 4.5 Mt); a bound to :data:`~carbonpath.dataset.slips.STEP` of the
        plan's own value (:func:`~carbonpath.model.update_checks.check_slip`, as a
        technology parameter's update is: 5000 GW typed for 5000 MW). ``override``
        (``plausibility="override: <reason>"``) accepts it with a warning.
        """
        from carbonpath.model.target_levels import (
            HundredSlipWarning,
            _base_values,
            level_problems,
        )

        target = next(t for t in self.data.targets if t["name"] == name)
        unit = f"kt {gas}" if kind != "bound" else row.unit
        span = (int(target["start"]), int(target["end"])) if kind == "budget" else None
        level = _magnitude(value, unit, span)
        if not math.isfinite(level) or level < 0:
            return  # outside the domain: _check_new_value names it
        if kind == "bound":
            side = "min" if row.sense == ">=" else "max"
            refs, key = self._update_references, (f"target {name}", side, 0)
            if key not in refs:  # the plan's value and unit, before any update
                spec = target.get(side) or {}
                try:
                    refs[key] = (float(spec["value"]) * unit_factor(str(spec["unit"]),
                                                                    row.unit),
                                 float(spec["value"]), str(spec["unit"]))
                except (KeyError, TypeError, ValueError, UnitError):
                    refs[key] = None
            problems = []
            if refs[key] and refs[key][0] and level > 0 \
                    and not within_step(level / refs[key][0]):
                reference, shown, plan_unit = refs[key]
                asked = level * unit_factor(row.unit, plan_unit)
                problems.append(Problem(
                    f"the {side} of bound target '{name}' = {asked:g} {plan_unit} is "
                    f"{level / reference:.3g} x plan.yaml's {shown:g} {plan_unit}; "
                    "probably a unit slip (GW for MW, TWh for GWh)", file="update()",
                    key="value", value=f"{value}",
                    valid=f"less than x{STEP:g} from {shown:g} {plan_unit}, or pass "
                          "plausibility='override: <reason>' to update()"))
            report_slips(problems, override,
                         f"PathwayModel.update(target='{name}', value={value})")
            return
        if kind not in ("cap", "budget") or self.data.base_year not in self.data.year_index:
            return
        number, given = level, unit
        if isinstance(value, tuple):  # the level as the call wrote it, for the message
            number, given = float(value[0]), str(value[1])
        elif hasattr(value, "units"):
            number, given = float(value.magnitude), f"{value.units:~}".replace(" * ", " ")
        try:
            unit_factor(given, unit)
        except (UnitError, KeyError, ValueError):
            number, given = level, unit
        changed = dict(target, value=number, unit=given, plausibility=None, name=name)
        emissions, coal, energy = _base_values(self.data)
        call = f"PathwayModel.update(target='{name}', value={value})"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CarbonpathWarning)
            problems = level_problems([changed], emissions, coal, gas, self.data.base_year,
                                      lambda i, t, key: {"file": "update()", "key": "value"},
                                      energy, where=lambda i, key: call)
        if not override:  # KD89: 35 万吨 for 35 Mt, just above the 1 % floor
            for w in caught:
                if w.category is HundredSlipWarning:
                    warnings.warn(str(w.message).replace(
                        "plausibility: \"override: <reason>\" in the target (plan.yaml)",
                        "plausibility='override: <reason>' passed to update()"),
                        HundredSlipWarning, stacklevel=5)
        problems = [Problem(p.message, file=p.file, key=p.key, value=f"{value}",
                            valid=(p.valid or "").split("; if right")[0]
                            + "; if right, pass plausibility='override: <reason>' to update()")
                    for p in problems]
        report_slips(problems, override, call)

    def _check_update(self, code: str, parameter: str, value: Any, years: list[int],
                      override: bool) -> None:
        """Check a technology value against its domain and the dataset's values (no change)."""
        tech = self.data.techs[code]
        if parameter == "variable_cost":
            unit = f"MCNY / ({tech.activity_unit})"
        elif parameter in ("max_new_capacity", "min_new_capacity", "max_activity",
                           "min_activity"):
            new = parameter.endswith("new_capacity")
            unit = f"({tech.capacity_unit if new else tech.activity_unit}) / yr"
        elif parameter in ("max_capacity", "min_capacity"):
            unit = tech.capacity_unit
        else:
            return  # the update itself names the valid parameters
        number = _magnitude(value, unit)
        check_domain(parameter, number, value)
        self._check_crossed(code, parameter, number, value, years, unit)
        if parameter in ("max_activity", "min_activity"):  # L06: a rating given as MW
            _warn_power(code, parameter, value, tech.activity_unit)
        refs = self._update_references
        slips = [p for p in [absolute_problem(code, parameter, value, tech.kind),
                             _demand_problem(self.data.dataset.tables, code, parameter, value)]
                 if p is not None]
        for y in years:
            key = (code, parameter, y)
            if key not in refs:  # the dataset's value, before any update or scaling
                if parameter == "variable_cost":
                    original = self._original_costs.get((code, parameter))
                    array = original[0] if original else tech.variable_cost
                    refs[key] = float(array[self.data.year_index[y]])
                else:
                    refs[key] = tech.bounds.get(parameter, {}).get(y)
            slip = check_slip(code, parameter, y, number, refs[key], unit)
            if slip is not None:
                slips.append(slip)
        if parameter == "variable_cost" and not any(refs[(code, parameter, y)] for y in years):
            given = getattr(value, "units", None)  # no dataset sign to compare with (ME31)
            row = {"technology": code, "parameter": parameter, "value": number,
                   "unit": unit if given is None else f"{given:~}"}
            if given is not None:
                row["value"] = float(value.magnitude)
            hit = negative_cost_problem(row, {}, tech.kind, len(tech.outputs),
                                        "pass plausibility='override: <reason>' to update()")
            slips += [] if hit is None else [dataclasses.replace(hit, column=parameter)]
        report_slips(slips, override)

    def _check_crossed(self, code: str, parameter: str, number: float, value: Any,
                       years: list[int], unit: str) -> None:
        """Refuse a ``min_*`` update above its ``max_*`` (or a max below its min), P26.

        The files route refuses the pair at load naming both rows (``_crossed_bounds``);
        an update is checked the same before anything changes, naming the update, the
        partner bound's value in the model (as the dataset gave it or an earlier update
        left it) and its row.
        """
        low = parameter.startswith("min_")
        partner = ("max_" if low else "min_") + parameter[4:]
        given = self.data.techs[code].bounds.get(partner, {})
        crossed = [y for y in years if y in given and (
            number > given[y] * (1 + 1e-9) + 1e-12 if low
            else given[y] > number * (1 + 1e-9) + 1e-12)]
        if not crossed:
            return
        y, unit = crossed[0], unit.replace("(", "").replace(")", "").replace(" / ", "/")
        place, _written = _bound_row(self.data, code, partner, [y])
        at = (f"dataset.yaml key {place['key']}" if "key" in place else
              f"{place['file']} row {place['row']}" if place.get("row") is not None else
              "an earlier update()")
        more = f" and {len(crossed) - 1} more year(s)" if len(crossed) > 1 else ""
        msg = (f"update(technology='{code}', parameter='{parameter}', value={value}): "
               f"{parameter} {number:.6g} {unit} is {'above' if low else 'below'} {partner} "
               f"{given[y]:.6g} {unit} in {y}{more} ({at}), so nothing could meet both; "
               f"valid: {parameter} {'at most' if low else 'at least'} {given[y]:.6g} {unit}, "
               f"or update {partner} first")
        raise ArgumentValueError(msg)

    def _update_parameter(self, code: str, parameter: str, value: Any,
                          years: list[int] | None, override: bool = False) -> None:
        d, m = self.data, self.model
        if code not in d.techs:
            raise unknown_name("technology", code, d.techs)
        tech = d.techs[code]
        if parameter not in _UPDATABLE:  # MB05: before the years, which cannot help
            raise not_in_place(d, code, parameter, value)
        every = years is None
        years = d.decision_years if years is None else decision_years_of(
            years, d.years, d.decision_years, f"'{code}' {parameter}")  # F47
        _check_applies(tech, parameter)
        self._check_update(code, parameter, value, years, override)
        if parameter == "variable_cost":
            number = _magnitude(value, f"MCNY / ({tech.activity_unit})")
            if every:
                self._warn_observed_cost(code, number, value)
            for y in years:
                k = d.year_index[y]
                tech.variable_cost[k] = number
                if tech.price_profile is not None and tech.timeslice:  # time-of-use costs
                    for i, (w, f) in enumerate(zip(d.weights, tech.price_profile, strict=True)):
                        self.highs.set_cost(m.dispatch[code, y, i],
                                            float(d.discount_factor[k] * number * w * f))
                else:
                    self.highs.set_cost(m.activity[code, y],
                                        float(d.discount_factor[k]) * number)
        elif parameter in ("max_new_capacity", "min_new_capacity", "max_activity",
                           "min_activity"):
            new = parameter.endswith("new_capacity")
            unit = f"({tech.capacity_unit if new else tech.activity_unit}) / yr"
            number = _magnitude(value, unit)
            for y in years:
                var = m.new_capacity[code, y] if new else m.activity[code, y]
                lo, hi = var.lb, var.ub
                if parameter.startswith("max_"):
                    hi = number
                else:
                    lo = number
                self.highs.set_col_bounds(var, lo, hi)
                tech.bounds.setdefault(parameter, {})[y] = number
        elif parameter in ("max_capacity", "min_capacity"):
            number = _magnitude(value, tech.capacity_unit)
            comp = m.capacity_max if parameter == "max_capacity" else m.capacity_min
            missing = [y for y in years if (code, y) not in comp]
            if missing:  # checked before any change, so a refused call changes nothing
                msg = (f"'{code}' has no {parameter} row in {missing[0]}; give one in the "
                       "dataset to make it updatable, or rebuild")
                raise UnknownNameError(msg)
            if parameter == "max_capacity":  # N84: a potential below the stock never holds
                DataError.collect(stock_above_max(d, tech, dict.fromkeys(years, number),
                                                  file="update()"),
                                  f"update(technology='{code}', parameter='max_capacity')")
            for y in years:
                con = comp[code, y]
                if parameter == "max_capacity":
                    self.highs.set_row_bounds(con, None, number)
                else:
                    self.highs.set_row_bounds(con, number, None)
                tech.bounds.setdefault(parameter, {})[y] = number
        else:
            raise unknown_name("parameter to change in place", parameter, (
                "variable_cost", "max_capacity", "min_capacity", "max_new_capacity",
                "min_new_capacity", "max_activity", "min_activity"))

    def _warn_observed_cost(self, code: str, number: float, value: Any) -> None:
        """Warn that observed years keep the dataset's price, and what that is worth (L48).

        ``update()`` changes decision years only (observed years are fixed to the data,
        round 12's F47), but the observed years' fixed activity is costed in the objective
        at the dataset's price. ``apply()`` of the ``parameters.csv`` row, or the file, moves
        that cost too, so the same new price gave objectives apart by
        ``sum over observed years of (new - old) x activity x discount factor`` without a word
        (round 15's L48). Only a technology with fixed, non-zero activity in an observed year
        and a price different there warns, once per model and technology; a price profile's
        weighting is not worked out.
        """
        d, m = self.data, self.model
        tech = d.techs[code]
        warned = self.__dict__.setdefault("_observed_warned", set())
        if code in warned:  # once per model and technology: the same years, the same words
            return
        prices = tech.variable_cost  # what the objective holds now (scaled or applied too)
        held, worth = [], 0.0
        for y in d.years:
            if y in d.decision_years or (code, y) not in m.activity:
                continue
            var, k = m.activity[code, y], d.year_index[y]
            if var.lb is None or var.lb != var.ub or var.lb == 0 or prices[k] == number:
                continue
            held.append(y)
            worth += (number - float(prices[k])) * float(var.lb) * float(d.discount_factor[k])
        if not held:
            return
        warned.add(code)
        amount = ("" if tech.price_profile is not None and tech.timeslice else
                  f" (at the new price it would add {worth:+.3f} MCNY to the objective)")
        warnings.warn(
            f"update() changed '{code}' variable_cost to {value} in the decision years "
            f"{d.decision_years[0]}..{d.decision_years[-1]} only: observed year(s) "
            f"{', '.join(map(str, held))} keep the dataset's price, and their fixed activity "
            f"stays costed at it in the objective{amount}. apply() of the parameters.csv row, "
            "or an edit of the file, changes the observed years' price too; give "
            "update() years=[...] (decision years) to say you mean those only",
            CarbonpathWarning, stacklevel=5)  # the caller of update(), past the check



_UPDATABLE = IN_PLACE


def _check_applies(tech: Any, parameter: str) -> None:
    """Refuse a parameter the technology's kind has no model column for (Y40).

    A storage technology has no activity column (it charges and discharges), so its
    ``variable_cost``, ``max_activity`` and ``min_activity`` have nothing to change; a
    technology that is not investable has no new-capacity column, so ``max_new_capacity``
    and ``min_new_capacity`` have none either. Without this check pyomo's raw ``KeyError``
    surfaced (round 20's Y40).

    Raises
    ------
    UnknownNameError
        Naming the technology, its kind, the parameter and the parameters that apply.
    """
    if parameter not in _UPDATABLE:
        return  # the update names the valid parameters
    storage = tech.kind == "storage"
    blocked = set()
    if storage:
        blocked |= {"variable_cost", "max_activity", "min_activity"}
    if not tech.investable:
        blocked |= {"max_new_capacity", "min_new_capacity"}
    if parameter not in blocked:
        return
    why = (f"a {tech.kind} technology has no activity to cost or bound (it charges and "
           "discharges)" if parameter in ("variable_cost", "max_activity", "min_activity")
           else "it is not investable (technologies.csv, column investable), so it has no "
           "new capacity")
    fits = [p for p in _UPDATABLE if p not in blocked]
    msg = (f"update(technology='{tech.code}', parameter='{parameter}'): {why}; "
           f"parameters that apply to '{tech.code}' (kind {tech.kind}"
           f"{', not investable' if not tech.investable else ''}): {', '.join(fits)}")
    raise UnknownNameError(msg)


def _demand_problem(tables: dict, code: str, parameter: str, value: Any) -> Problem | None:
    """A capacity or build limit beyond the demand the file route refuses (MG51).

    The rule of :func:`carbonpath.dataset.generation.capacity_demand_problem` (a
    ``parameters.csv`` row's), so ``update(max_new_capacity=Q_(5000, "GW/yr"))`` of a city
    demanding 7.2 TWh/yr is refused as the same row in the file is.
    """
    from carbonpath.dataset.generation import CAPACITY_PARAMETERS, capacity_demand_problem

    unit = getattr(value, "units", None)
    if parameter not in CAPACITY_PARAMETERS or unit is None:
        return None
    found = capacity_demand_problem(tables, code, float(value.magnitude), f"{unit:~}",
                                    f"implausible {parameter}:")
    if found is None:
        return None
    return Problem(found[0], column=parameter, value=f"{value}",
                   valid=f"{found[1]}; pass plausibility='override: <reason>' to update()")


def _warn_power(code: str, parameter: str, value: Any, energy: str) -> None:
    """Warn of an annual activity bound given in a power (``Q_(1000, 'MW')``, round 21 L06).

    The ``update()`` side of :func:`carbonpath.dataset.role_checks.power_message`.
    """
    from carbonpath.dataset.role_checks import PowerUnitWarning, power_message

    if hasattr(value, "units") and hasattr(value, "magnitude"):
        number, unit = float(value.magnitude), f"{value.units:~}"
    elif isinstance(value, tuple) and len(value) == 2:
        number, unit = float(value[0]), str(value[1])
    else:
        return
    text = power_message(f"update(technology='{code}', parameter='{parameter}')",
                         f"{code} {parameter}", number, unit, energy)
    if text:
        warnings.warn(text, PowerUnitWarning, stacklevel=6)  # the caller of update()
