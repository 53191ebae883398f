"""Checks of ``carbonpath init``'s options and :func:`init_dataset`'s argument types.

Run before any file is read, so a slip in an option is named first (as the CLI option or the
Python argument it came from).
"""

from __future__ import annotations

from typing import Any

from carbonpath._checks import checked
from carbonpath.errors import DataError, Problem

__all__ = ["check_options"]


def _check_argument_types(region: Any, base_year: Any, horizon: Any, out: Any, method: Any,
                          name: Any, title: Any, model_hours: Any, catalogue: Any, names: Any,
                          targets: Any, allow_implausible: Any = False) -> None:
    """init_dataset's arguments of the wrong type, named (A02, A06, A08, KA83), before any work.

    Raises
    ------
    ArgumentTypeError
        Naming the argument, what it must be and what was given.
    ArgumentValueError
        A ``names`` key that names no input (:func:`carbonpath.init.inputs.check_names`);
        an empty ``out`` (:func:`carbonpath._checks.check_types`).
    """
    import os

    from carbonpath._checks import check_types
    from carbonpath.catalogue.load import Catalogue

    check_types("init_dataset", region=(region, str), base_year=(base_year, int),
                horizon=(horizon, int), out=(out, (str, os.PathLike)), method=(method, str),
                name=(name, str, None), title=(title, str, None),
                model_hours=(model_hours, int, None), names=(names, dict, None),
                targets=(targets, list, None), allow_implausible=(allow_implausible, bool))
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        from carbonpath.errors import ArgumentTypeError

        msg = (f"init_dataset(): argument 'catalogue' must be a Catalogue (from "
               f"carbonpath.catalogue.load_catalogue(folder)) or None, not "
               f"{type(catalogue).__name__} {catalogue!r:.60}")
        raise ArgumentTypeError(msg)
    from carbonpath.init.inputs import check_names

    check_names(names)


@checked
def check_options(base_year: Any, horizon: Any, model_hours: Any, method: Any = "provincial",
                  *, cli: bool = False) -> None:
    """Refuse the options the dataset loader would refuse later (method, years, model hours).

    ``cli``: name them as the command's options (``--method``), else as the Python
    arguments (``argument 'method'``): an API caller of :func:`init_dataset` was told of an
    option ``--method`` it never used (round 21 K88). The command checks its options first
    with ``cli=True``.

    Raises
    ------
    ArgumentTypeError
        ``cli`` not a bool (the API sweep's default profile gave it a DataFrame).
    DataError
        Naming the option or argument, the value and what is valid: an unknown ``method``,
        a ``horizon`` not after ``base_year``, a year out of range, ``model_hours`` not
        dividing 24.
    """
    from carbonpath.numbers import YEAR_RANGE

    def named(option: str, message: str, **kw: Any) -> Problem:
        """A problem of ``option``, named as the CLI option or the function's argument."""
        if cli:
            return Problem(message, column=option, **kw)
        return Problem(f"argument '{option[2:].replace('-', '_')}': {message}", **kw)

    if method not in ("provincial", "gpc"):
        raise DataError(named("--method", "unknown emissions method", value=method,
                              valid="provincial, gpc"))
    if not horizon > base_year:
        raise DataError(named("--horizon", "the horizon must be after the base year",
                              value=horizon, valid=f"a year after {base_year}"))
    problems = [named(option, f"{option if cli else option[2:].replace('-', '_')} {value} is "
                      "out of range", value=value,
                      valid=f"a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
                for option, value in (("--base-year", base_year), ("--horizon", horizon))
                if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]]
    if model_hours is not None and (not isinstance(model_hours, int) or isinstance(
            model_hours, bool) or model_hours <= 0 or 24 % model_hours):
        problems.append(named(
            "--model-hours", f"{model_hours!r} blocks per representative day must be a "
            "positive whole number that divides the 24 profile hours", value=model_hours,
            valid=", ".join(str(h) for h in range(1, 25) if 24 % h == 0)))
    DataError.collect(problems, "carbonpath init options")
