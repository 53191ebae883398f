"""Arguments of :func:`carbonpath.accounting.uncertainty.uncertainty`, checked first.

An uncertainty is a relative 95 % half-width: 0.05 is ±5 %. A percentage typed for a
share (5 for 0.05) gives ±500 % and negative lower bounds; a NaN makes every result NaN; a
key of a mapping that names nothing (a misspelt sector, ``oxidation`` for
``oxidation_factor``) is never used, and the ``"*"`` value silently applies instead. So:

* ``activity_uncertainty``: each value finite and in [0, 1) (activity data known to worse
  than ±100 % is no activity data); keys ``"*"``, a sector, a fuel or product, or
  ``"sector:item"``, each a code of carbonpath's code lists;
* ``factor_uncertainty``: each value finite and in [0, 10] (IPCC 2006 Vol.1 Ch.3 gives
  N2O factors uncertain to an order of magnitude, so up to ±1000 %); keys ``"*"``, a
  quantity (``calorific_value``, ``carbon_content``, ``oxidation_factor``,
  ``emission_factor``), a gas, or ``"quantity:gas"``;
* ``draws``: a whole number from 2 to :data:`MAX_DRAWS` (Approach 2; the same bound as
  ``montecarlo --samples``: 10**10 typed for 10**5 would run for hours with no output);
  ``seed``: a whole number >= 0.

Anything else is an :class:`~carbonpath.errors.ArgumentValueError` naming the argument,
the key and what is valid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from carbonpath.codes import fuels, products, sectors
from carbonpath.errors import ArgumentValueError

__all__ = ["MAX_DRAWS", "check_uncertainty_args"]

QUANTITIES = ("calorific_value", "carbon_content", "oxidation_factor", "emission_factor")
GASES = ("CO2", "CH4", "N2O")

#: The most Monte Carlo draws or samples carbonpath accepts, shared by
#: :func:`carbonpath.uncertainty` (``draws``) and ``montecarlo --samples``.
MAX_DRAWS = 10_000_000


def _number(value: Any, name: str, high: float, high_open: bool, hint: str) -> None:
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))
    number = float(value) if ok else math.nan
    above = number >= high if high_open else number > high
    if not ok or not math.isfinite(number) or number < 0 or above:
        shown = f"[0, {high:g})" if high_open else f"[0, {high:g}]"
        msg = (f"{name} = {value!r}: an uncertainty is a relative 95 % half-width, a finite "
               f"number in {shown}, e.g. 0.05 for ±5 %{hint}")
        raise ArgumentValueError(msg)


def _code(text: str, kinds: tuple) -> bool:
    return any(k().resolve(text) == text for k in kinds)


def check_uncertainty_args(activity_uncertainty: Any, factor_uncertainty: Any, draws: Any,
                           seed: Any) -> None:
    """Refuse uncertainty arguments outside their domains (see the module docstring).

    Raises
    ------
    ArgumentValueError
        Naming the argument (and key), the value and what is valid.
    """
    slip = " (a percentage typed for a share? write 0.05, not 5)"
    for arg, given, high, high_open in (("activity_uncertainty", activity_uncertainty, 1.0,
                                         True),
                                        ("factor_uncertainty", factor_uncertainty, 10.0, False)):
        if given is None and arg == "factor_uncertainty":
            continue
        if isinstance(given, Mapping):
            if not given:
                msg = f"{arg} is an empty mapping; give a number or keys such as '*'"
                raise ArgumentValueError(msg)
            for key, value in given.items():
                _number(value, f"{arg}[{key!r}]", high, high_open, slip)
                _check_key(arg, key)
        else:
            _number(given, arg, high, high_open, slip)
    if isinstance(draws, (bool, np.bool_)) or not isinstance(draws, (int, np.integer)) or (
            not 2 <= draws <= MAX_DRAWS):
        msg = (f"draws = {draws!r}: the number of Monte Carlo draws is a whole number from 2 "
               f"to {MAX_DRAWS:,} (20,000 usually suffice)")
        raise ArgumentValueError(msg)
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or (
            seed < 0):
        msg = f"seed = {seed!r}: a seed is a whole number >= 0"
        raise ArgumentValueError(msg)


def _check_key(arg: str, key: Any) -> None:
    text = str(key)
    if text == "*":
        return
    if arg == "activity_uncertainty":
        parts = text.split(":")
        ok = (len(parts) == 1 and _code(text, (sectors, fuels, products))) or (
            len(parts) == 2 and _code(parts[0], (sectors,))
            and _code(parts[1], (fuels, products)))
        valid = ("'*', a sector code (industry), a fuel or product code (raw_coal, "
                 "cement_clinker) or 'sector:item' (industry:raw_coal)")
    else:
        parts = text.split(":")
        ok = (len(parts) == 1 and (text in QUANTITIES or text in GASES)) or (
            len(parts) == 2 and parts[0] in QUANTITIES and parts[1] in GASES)
        valid = (f"'*', a quantity ({', '.join(QUANTITIES)}), a gas ({', '.join(GASES)}) or "
                 "'quantity:gas' (emission_factor:CH4)")
    if not ok:
        msg = f"{arg} key {text!r} names nothing, so it would never be used; valid: {valid}"
        raise ArgumentValueError(msg)
