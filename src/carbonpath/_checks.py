"""Argument type checks of the public API: one helper, one error type.

Every public function checks the types of its arguments on entry with :func:`check_types`,
so that ``PathwayModel(123)`` or ``to_co2e(5)`` raise an
:class:`~carbonpath.errors.ArgumentTypeError` saying what was expected, instead of a raw
``AttributeError`` deep inside pandas or pint.
"""

from __future__ import annotations

import numbers
import os
from typing import Any

from carbonpath.errors import ArgumentTypeError

__all__ = ["check_types", "describe"]

#: How an expected type is named in messages.
_NAMES = {str: "a str", int: "an int", float: "a number", bool: "True or False",
          list: "a list", dict: "a dict", tuple: "a tuple", os.PathLike: "a path",
          type(None): "None"}


def _matches(value: Any, kind: Any) -> bool:
    """Match isinstance with the numeric tower: int accepts numpy integers, float any real number.

    bool is neither an int nor a number here (``year=True`` is a mistake).
    """
    if kind is None:
        return value is None
    if kind is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if kind is list:
        return isinstance(value, list | tuple)
    return isinstance(value, kind)


def describe(kind: Any) -> str:
    """How ``kind`` (a type, or None) is named in a message."""
    if kind is None:
        return "None"
    return _NAMES.get(kind, f"a {getattr(kind, '__name__', kind)}")


def check_types(where: str, **arguments: tuple[Any, ...]) -> None:
    """Raise if an argument is of none of its allowed types.

    Parameters
    ----------
    where : str
        The function or class being called (``"to_co2e"``), for the message.
    **arguments : tuple
        ``name=(value, type_or_tuple_of_types, ..., None)``: the value, then each allowed
        type; a bare ``None`` allows None. ``int`` accepts numpy integers and ``float`` any
        real number, neither accepts bool; ``list`` accepts tuples.

    Raises
    ------
    ArgumentTypeError
        Naming the function, the argument, what was expected and what was given.
    """
    for name, (value, *allowed) in arguments.items():
        kinds: list[Any] = []
        for kind in allowed:
            kinds.extend(kind if isinstance(kind, tuple) else (kind,))
        if any(_matches(value, kind) for kind in kinds):
            continue
        expected = " or ".join(dict.fromkeys(describe(k) for k in kinds))
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        msg = (f"{where}(): argument '{name}' must be {expected}, not "
               f"{type(value).__name__} {shown}")
        raise ArgumentTypeError(msg)
