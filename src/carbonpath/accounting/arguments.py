"""Domains of the numeric and code arguments of the accounting functions.

A tolerance of -1 for the totals of an energy balance, a threshold of -0.1 for the
reference approach, a gas condition of ``25C``: each was taken as given and surfaced later
as dozens of misleading messages, or none. These checks refuse such an argument first,
naming it and what is valid (:class:`~carbonpath.errors.ArgumentValueError`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from carbonpath.errors import ArgumentValueError

__all__ = ["check_gas_condition", "check_nonnegative"]


def check_nonnegative(value: Any, name: str, example: str, *, allow_none: bool = False,
                      high: float = math.inf) -> None:
    """Refuse ``value`` unless it is a finite number in [0, ``high``] (or None if allowed).

    Raises
    ------
    ArgumentValueError
        Naming the argument, the value and the domain.
    """
    if value is None and allow_none:
        return
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)) and math.isfinite(float(value)) and 0 <= float(value) <= high
    if not ok:
        upper = "" if math.isinf(high) else f" and at most {high:g}"
        msg = f"{name} = {value!r}: must be a finite number >= 0{upper}, e.g. {example}"
        raise ArgumentValueError(msg)


def check_gas_condition(value: Any, name: str = "gas_condition") -> str:
    """The reference condition named by ``value`` (``20C``, ``0C`` or ``15C``, aliases too).

    Raises
    ------
    ArgumentValueError
        ``value`` names no condition carbonpath knows.
    """
    from carbonpath.accounting.activity.uses import _resolve_condition

    code = _resolve_condition(value) if isinstance(value, str) else None
    if code is None:
        msg = (f"{name} = {value!r}: not a gas reference condition; valid: 20C (China's "
               "energy statistics), 0C (normal m3) or 15C (standard m3)")
        raise ArgumentValueError(msg)
    return code
