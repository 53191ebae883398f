"""Checks of a value given to :meth:`PathwayModel.update` before it reaches the solver.

The dataset refuses a NaN, an infinite or a negative technology parameter when it is read
(``parameters.csv``: every parameter but ``variable_cost`` is >= 0) and a value ten times
larger or smaller than its neighbours (:mod:`carbonpath.dataset.slips`). A value given to
``update`` skips the dataset, so the same rules are applied here:

* the **domain**: a finite number; >= 0 for every parameter but ``variable_cost``
  (:class:`~carbonpath.errors.ArgumentValueError` naming the argument and the domain);
* a **slip**: a value more than :data:`STEP` times larger or smaller than the dataset's
  value of that parameter in that year (a price in CNY/kWh where CNY/MWh was meant, MW for
  GW) raises :class:`~carbonpath.errors.ImplausibleValueError`, unless the call says
  ``plausibility="override: <reason>"`` (then it warns,
  :class:`~carbonpath.errors.CarbonpathWarning`), as a dataset row does. Only values of
  the same sign with a non-zero dataset value are compared (a new zero, or a bound the
  dataset does not have, is a choice, not a slip).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from carbonpath.dataset.slips import STEP
from carbonpath.errors import ArgumentValueError, CarbonpathWarning, ImplausibleValueError, Problem
from carbonpath.plausibility import is_override

__all__ = ["check_domain", "check_override", "check_slip", "report_slips"]


def check_domain(parameter: str, number: float, value: Any) -> None:
    """Refuse a NaN, infinite or (but for ``variable_cost``) negative value.

    Parameters
    ----------
    parameter : str
        The technology parameter being changed.
    number : float
        The value in the model's unit.
    value : Any
        The value as given (for the message).

    Raises
    ------
    ArgumentValueError
        Naming ``value``, what it was given and the valid domain.
    """
    negative_ok = parameter == "variable_cost"
    domain = "a finite number" if negative_ok else "a finite number >= 0"
    if not math.isfinite(number) or (number < 0 and not negative_ok):
        msg = (f"update(parameter='{parameter}', value={value}): value must be {domain} "
               f"(the domain of '{parameter}' in parameters.csv)")
        raise ArgumentValueError(msg)


def check_override(plausibility: str | None) -> bool:
    """Return True for ``"override: <reason>"``, False for None; refuse anything else.

    Raises
    ------
    ArgumentValueError
        ``plausibility`` that is neither None nor ``"override: <reason>"``.
    """
    if plausibility is None:
        return False
    if isinstance(plausibility, str) and is_override(plausibility):
        return True
    msg = (f"update(plausibility={plausibility!r}): valid: None or 'override: <reason>' "
           "(e.g. 'override: price shock scenario')")
    raise ArgumentValueError(msg)


def check_slip(code: str, parameter: str, year: int, number: float, reference: float | None,
               unit: str) -> Problem | None:
    """Return a problem if ``number`` is more than :data:`STEP` x away from the dataset's value.

    Parameters
    ----------
    code, parameter, year
        What is changed (for the message).
    number : float
        The new value in ``unit``.
    reference : float or None
        The dataset's value in ``unit`` (None: the dataset has none; nothing to compare).
    unit : str
        The model's unit of the parameter.

    Returns
    -------
    Problem or None
        None when the ratio lies within 1 / :data:`STEP` .. :data:`STEP`.
    """
    if reference is None or not math.isfinite(reference) or reference == 0 or number == 0:
        return None
    if (number > 0) != (reference > 0):
        return None
    ratio = number / reference
    if 1 / STEP <= ratio <= STEP:
        return None
    return Problem(
        f"{parameter} of '{code}' in {year} = {number:g} {unit} is {ratio:.3g} x the "
        f"dataset's {reference:g} {unit}; probably a unit slip (e.g. CNY/kWh for CNY/MWh, "
        "MW for GW)", column=parameter, value=f"{number:g} {unit}",
        valid=(f"within x{STEP:g} of {reference:g} {unit}, or pass "
               "plausibility='override: <reason>' to update()"))


def report_slips(problems: list[Problem], override: bool) -> None:
    """Raise the slips found, or warn once when the call overrides them.

    Raises
    ------
    ImplausibleValueError
        ``problems`` not empty and ``override`` False.
    """
    if not problems:
        return
    if override:
        text = "; ".join(p.message for p in problems)
        warnings.warn(f"PathwayModel.update: {text}; accepted (plausibility override)",
                      CarbonpathWarning, stacklevel=5)
        return
    raise ImplausibleValueError(problems, "PathwayModel.update")
