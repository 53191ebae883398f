"""Values given to :meth:`carbonpath.PathwayModel.update`: model years and quantities.

Moved unchanged from :mod:`carbonpath.model.build`, which imports them.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pint

from carbonpath.errors import ArgumentTypeError, DataError, Problem, UnitError, UnknownNameError
from carbonpath.units import unit_factor, ureg


def _model_year(value: Any, years: list[int], what: str) -> int:
    """Return ``value`` as a model year (numpy and pandas integers too, never a bool).

    Raises
    ------
    TypeError
        If ``value`` is not an integer (a text, a float or a bool).
    DataError
        If it is an integer outside the model years.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        msg = f"{what} must be an integer year, not {value!r}"
        raise ArgumentTypeError(msg)
    year = int(value)
    if year not in years:
        raise DataError(Problem(f"{year} is not a model year ({what})",
                                valid=f"{years[0]} .. {years[-1]}"))
    return year


def _model_years(given: Any, years: list[int]) -> list[int]:
    """Return ``given`` (a list of model years) as a list of int, each checked.

    Raises
    ------
    TypeError
        If ``given`` is not a non-empty list (or other sequence) of integers.
    DataError
        If one of them is not a model year.
    """
    if isinstance(given, (str, bytes, Mapping)) or not isinstance(given, Iterable):
        msg = (f"years must be a list of model years ({years[0]} .. {years[-1]}), "
               f"not {given!r}; e.g. years=[{years[-1]}]")
        raise ArgumentTypeError(msg)
    out = [_model_year(y, years, "a year in years") for y in given]
    if not out:
        msg = ("years is empty; give a list of model years, or leave it out for every "
               "decision year")
        raise ArgumentTypeError(msg)
    return out


def decision_years_of(given: Any, years: list[int], decision: list[int], what: str) -> list[int]:
    """``given`` checked by :func:`_model_years`, refusing observed years (round 12's F47).

    An observed year's activity is fixed to the data: a price changed there moves only the
    objective, and a later update "in every decision year" would leave it changed.

    Raises
    ------
    UnknownNameError
        Naming ``what``, the first observed year and the decision years.
    """
    out = _model_years(given, years)
    observed = [y for y in out if y not in decision]
    if observed:
        msg = (f"{what} cannot change in {observed[0]}: it is an observed year, fixed to "
               f"data; update changes decision years {decision[0]}..{decision[-1]}")
        raise UnknownNameError(msg)
    return out


def _not_convertible(value: Any, unit: str, span: tuple[int, int] | None = None) -> Problem:
    """Why ``value`` is not in ``unit``; a rate per year given for an amount says so (UP14).

    ``span``: the (start, end) years of a budget, whose value is the total over them
    (docs/data-format.md), so a rate is worded for a total, not a year's amount (J166).
    """
    try:  # Q_(4.8, 'Mt CO2/yr') for a cap: the amount emitted in the cap's year
        amount = (value * ureg.Quantity(1, "year")).to(unit)
    except pint.DimensionalityError:
        return Problem(f"{value} cannot be converted to {unit}", value=str(value),
                       valid=f"a quantity like Q_(1, '{unit}')")
    if span is not None:
        years = span[1] - span[0] + 1
        return Problem(f"{value} is a rate per year, but a budget is the total emitted over "
                       f"{span[0]}..{span[1]} ({years} years, in {unit}): drop the '/yr' if "
                       f"{value.magnitude:g} is that total, or multiply a yearly average by the "
                       f"{years} years", value=str(value),
                       valid=f"Q_({amount.magnitude:g}, '{unit}') (the total), or "
                             f"Q_({amount.magnitude * years:g}, '{unit}') ({years} years at "
                             "that rate)")
    return Problem(f"{value} is a rate per year, but the value is the amount in its year "
                   f"({unit}): drop the '/yr'", value=str(value),
                   valid=f"Q_({amount.magnitude:g}, '{unit}')")


def _magnitude(value: Any, unit: str, span: tuple[int, int] | None = None) -> float:
    """``value`` (a quantity, or a (number, unit) pair) as a number in ``unit``.

    ``span``: a budget's (start, end) years, for the message (:func:`_not_convertible`).

    Raises
    ------
    UnitError
        ``value`` is not convertible to ``unit`` (a rate per year where an amount is read
        says so, with the amount to write).
    ArgumentTypeError
        ``value`` has no unit.
    """
    if isinstance(value, pint.Quantity):
        try:
            number = float(value.to(unit).magnitude)
        except pint.DimensionalityError:
            raise UnitError(_not_convertible(value, unit, span)) from None
    elif isinstance(value, tuple) and len(value) == 2:
        number = float(value[0]) * unit_factor(str(value[1]), unit)
    else:
        number = None
    if number is not None:
        return number
    msg = f"give the value with its unit (a pint quantity such as Q_(45, 'Mt CO2')), got {value!r}"
    raise ArgumentTypeError(msg)


IN_PLACE = ("variable_cost", "max_capacity", "min_capacity", "max_new_capacity",
            "min_new_capacity", "max_activity", "min_activity")
SCALABLE = ("capex", "fixed_om", "variable_cost")


def not_in_place(data: Any, code: str, parameter: str, value: Any) -> UnknownNameError:
    """The error of ``update(technology=code, parameter=...)`` for a parameter it cannot change.

    Checked before the years, so ``years=[base year]`` does not send the user to a year
    change that could not work either (round 26 MB05). A cost that ``scale_cost`` takes
    (``capex``, ``fixed_om``) names ``scale_cost`` with the factor the asked value is of
    the dataset's row (``Q_(2000, 'CNY/kW')`` for a row of 3000 CNY/kW: 0.6667), and
    ``apply()`` of that row by its file line; another parameter names ``apply()`` of its
    row, or a rebuild from the edited dataset.

    Parameters
    ----------
    data : ModelData
        The built model's data (its dataset's parameters rows are searched).
    code, parameter : str
        The technology and the parameter asked for.
    value : Any
        The value given to update (a pint quantity, or anything).

    Returns
    -------
    UnknownNameError
        To be raised; it lists the parameters update changes in place.
    """
    from carbonpath.errors import unknown_name
    from carbonpath.model.override_checks import WARM_PARAMETERS
    from carbonpath.model.terms import _bound_row

    years = getattr(data, "decision_years", None) or [0]
    place, written = _bound_row(data, code, parameter, list(years))
    if written is None and parameter not in SCALABLE:  # a misspelling: the closest names
        return unknown_name("parameter to change in place", parameter, IN_PLACE)
    given = ""
    if written is not None:
        try:
            given = f"{float(value.to(written.partition(' ')[2]).magnitude):g}"
        except Exception:  # not a quantity of the row's kind: the form only
            given = ""
    row = (f"{place['file']} row {place['row']}" if place.get("row") is not None else
           f"dataset.yaml key {place['key']}" if "key" in place else "")
    apply = (f"apply({{('parameters', {place['row']}): {given or '<value in its unit>'}}}) of "
             f"{row} ({written})" if place.get("row") is not None and place.get("file") ==
             "parameters.csv" else "apply() of its parameters.csv row")
    ways = []
    if parameter in SCALABLE:
        factor = ""
        if written is not None:
            number, _, unit = written.partition(" ")
            try:
                ratio = float((value / ureg.Quantity(float(number), unit)).to("").magnitude)
                factor = f"{ratio:.4g}"
            except Exception:  # no quantity, or a unit of another kind: the form only
                factor = ""
        ways.append(f"scale_cost('{code}', '{parameter}', {factor or 'factor'})"
                    + (f" ({value} is {factor} x {written})" if factor else
                       " (factor x the dataset's value)"))
    if parameter in WARM_PARAMETERS:
        ways.append(("or " if ways else "") + apply)
    msg = (f"update cannot change '{code}' {parameter} in place: it changes only "
           f"{', '.join(IN_PLACE)}; to change {parameter}, "
           + ("use " + "; ".join(ways) + " (warm, no rebuild)" if ways else
              f"edit {row or 'its parameters.csv row'} and build the model again (a built "
              f"model cannot change {parameter}, not even by apply())"))
    return UnknownNameError(msg)
