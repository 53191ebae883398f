"""The one pint registry (``ureg``), whose unit errors are carbonpath errors, and ``Q_``."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

import numpy as np
import pint

from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathError,
    IncompatibleUnitsError,
    Problem,
    UnitError,
    UnknownUnitError,
)
from carbonpath.units.text import refuse_lost_superscript, unit_text

__all__ = ["Q_", "ureg"]


def _translated(exc: Exception) -> Exception:
    """Return a pint unit error as the carbonpath error that is also its class (others as is)."""
    if isinstance(exc, CarbonpathError):
        return exc
    if isinstance(exc, pint.errors.DimensionalityError):
        return IncompatibleUnitsError(exc.units1, exc.units2, exc.dim1, exc.dim2, exc.extra_msg,
                                      valid=_gas_advice(exc))
    if isinstance(exc, pint.errors.UndefinedUnitError):
        return UnknownUnitError(exc.unit_names, _parse_unit_advice(exc.unit_names))
    return exc


#: True while :func:`carbonpath.units.parse_unit` parses (it words its own advice).
_PARSING = contextvars.ContextVar("carbonpath_units_parsing", default=False)


@contextlib.contextmanager
def wording_own_advice() -> Iterator[None]:
    """Within: an unknown unit raises the plain :class:`UnknownUnitError` (no advice asked).

    :func:`carbonpath.units.parse_unit` parses inside this: it words its own advice for the
    text it refuses, so the registry does not ask it again (which would parse twice).
    """
    token = _PARSING.set(True)
    try:
        yield
    finally:
        _PARSING.reset(token)


def _parse_unit_advice(names: Any) -> Problem | None:
    """parse_unit's wording for an unknown unit met through the registry (round 24 H129).

    ``Q_(1, '万吨CO2')`` names the fix (``'万吨 CO2'``), as the CSV readers do; the same
    text given where pint parses a unit itself (``q.to('万吨CO2')``,
    ``Inventory.total(unit='万吨CO2')``, ``ureg('万吨CO2')``) raised the generic list
    only. Returns the :class:`Problem` :func:`~carbonpath.units.parse_unit` gives for the
    first of ``names`` it refuses with more than the generic words, else None (the
    default wording). Advice only: any other failure gives None.
    """
    if _PARSING.get():
        return None
    from carbonpath.units.parse import GENERIC_VALID, parse_unit  # (parse builds on this)

    for name in [names] if isinstance(names, str) else list(names or ()):
        try:
            parse_unit(str(name))
        except UnitError as refused:
            problem = refused.problems[0]
            if problem.valid != GENERIC_VALID or not problem.message.endswith(
                    "is not a unit carbonpath knows"):
                return problem
        except Exception:  # advice only: the unknown-unit error is raised whatever this does
            continue
    return None


#: A gas's own dimension -> the gas a unit names to carry it (``t CO2``; C shares [carbon]).
_GAS_DIMS = {"[carbon]": "CO2", "[carbon_dioxide_equivalent]": "CO2e", "[methane]": "CH4",
             "[nitrous_oxide]": "N2O", "[sulfur_hexafluoride]": "SF6",
             "[tetrafluoromethane]": "CF4", "[hexafluoroethane]": "C2F6"}


def _gas_advice(exc: pint.errors.DimensionalityError) -> str | None:
    """What to write when a quantity of a gas is converted to a bare unit (round 23 E46).

    ``Q_(1, 't CO2e').to('kt')`` differs from the target only by the gas: the generic
    advice ("a unit of the same dimension, mass to mass") reads as satisfied by ``kt``, so
    the message says to name the gas, ``'kt CO2e'`` (as :meth:`carbonpath.Inventory.total`
    does). None for any other mismatch.
    """
    d1, d2 = exc.dim1, exc.dim2
    if not (hasattr(d1, "items") and hasattr(d2, "items")):
        return None
    given, target = dict(d1.items()), dict(d2.items())
    for dim, gas in _GAS_DIMS.items():
        if given.get(dim) == 1 and dim not in target and target == {
                k: v for k, v in given.items() if k != dim}:
            try:
                shown = f"{ureg.Unit(exc.units2):~}"
            except Exception:  # advice only: the error itself is raised
                shown = str(exc.units2)
            example = (f"'{shown} {gas}'" if target == {"[mass]": 1}
                       else f"the gas beside the mass, as in 'kg {gas}/TJ'")
            return (f"a unit naming the gas, e.g. {example}: the quantity is an amount of "
                    f"{gas}, which converts to an amount of {gas}, not to a bare '{shown}'")
    return _other_gas_advice(exc, given, target) or volume_advice(given, target)


#: The amounts of gas a plain volume may be written as, by reference condition.
_CONDITIONS = ("'m3_20C' (20 °C, China's energy statistics), 'Nm3' (0 °C) or 'Sm3' (15 °C)")


def volume_advice(given: Any, target: Any) -> str | None:
    """What to write when a plain volume meets an amount of gas (round 28 ZD40).

    ``Q_(1, '亿立方米').to('Nm3')``: a plain ``m3`` (立方米) is a geometric volume; an amount
    of gas (``Nm3``, ``Sm3``, ``m3_20C``) is that volume at a stated temperature, so the two
    do not convert and the generic advice ("mass to mass") does not say what to write. Also
    per unit (``MJ/m3`` to ``MJ/Nm3``) and the other way (``Nm3`` to ``m3``).

    Parameters
    ----------
    given, target : mapping
        The dimensionalities (dimension -> exponent) of the quantity and of the target.

    Returns
    -------
    str or None
        The advice naming the conditions to write; None when the two differ in more than
        a volume ([length] ** 3) in place of an amount of gas ([substance]).
    """
    given, target = dict(given), dict(target)
    for volume, amount in ((given, target), (target, given)):
        k = volume.get("[length]", 0) - amount.get("[length]", 0)
        if k in (0, None) or k % 3 or amount.get("[substance]", 0) != k / 3 or \
                "[substance]" in volume:
            continue
        rest = {d: e for d, e in amount.items() if d != "[substance]"}
        if {d: e - (k if d == "[length]" else 0) for d, e in volume.items()
                if e - (k if d == "[length]" else 0)} != rest:
            continue
        if volume is given:
            return (f"a plain volume (m3, 立方米, 亿立方米) has no reference condition, so it "
                    f"is no amount of gas: write the volume with its condition, {_CONDITIONS}"
                    ", e.g. Q_(1e8, 'm3_20C') for 1 亿立方米 of China's statistics (it then "
                    "converts to Nm3); in a table, the row's gas_condition says it")
        return (f"an amount of gas ({_CONDITIONS.replace(' or ', ', ')}): it converts to "
                "another amount of gas, not to a plain volume (m3, 立方米), which has no "
                "reference condition")
    return None


_PLAIN_VOLUME = re.compile(r"立方米|(?<![A-Za-z_])m3(?![_A-Za-z0-9])")
_AMOUNT_OF_GAS = re.compile(r"m3_20C|(?<![A-Za-z_])[NS]m3(?![_A-Za-z0-9])")


def condition_spelling(given: str, target: str) -> str | None:
    """``given`` with its plain volume at ``target``'s gas condition (round 29 KE46).

    ``'亿立方米/yr'`` against a row in ``'m3_20C/yr'`` is ``'亿m3_20C/yr'``: the same number
    in a unit that converts. None when ``given`` has no plain volume (立方米, m3),
    ``target`` names no condition (m3_20C, Nm3, Sm3) or the spelling still does not convert.
    """
    from carbonpath.errors import UnitError
    from carbonpath.units.parse import unit_factor

    found = _AMOUNT_OF_GAS.search(str(target))
    if found is None or not _PLAIN_VOLUME.search(str(given)):
        return None
    spelled = _PLAIN_VOLUME.sub(found.group(0), str(given))
    try:
        unit_factor(spelled, target)
    except UnitError:
        return None
    return spelled


def volume_valid(given: str, target: str, default: str) -> str:
    """What a table's ``valid`` says for ``given`` against ``target`` (round 29 KE46).

    The condition spelling (:func:`condition_spelling`) with the conditions to choose from,
    else ``default``.
    """
    spelled = condition_spelling(given, target)
    if spelled is None:
        return default
    plain = _PLAIN_VOLUME.search(str(given)).group(0)
    return (f"'{spelled}' if the figure is at the row's condition ({plain} in '{given}' is a "
            f"plain volume, with no reference condition, so no amount of gas; write "
            f"{_CONDITIONS}, whichever the figure was measured at)")


def _other_gas_advice(exc: pint.errors.DimensionalityError, given: dict[str, Any],
                      target: dict[str, Any]) -> str | None:
    """What to write when an amount of one gas is converted to another's (round 26 ZA53).

    ``to_co2e(Q_(1, 'kt N2O'), 'AR4', to='t CO2')`` and ``Q_(1, 't CO2e').to('t CO2')``:
    both are masses, so the generic advice ("mass to mass") reads as satisfied. The target
    with the given gas in place of its own is named (``'t CO2e'``). None when the two
    differ in more than the gas.
    """
    ours, theirs = ([d for d in dims if d in _GAS_DIMS] for dims in (given, target))
    if len(ours) != 1 or len(theirs) != 1 or ours == theirs or given[ours[0]] != target[
            theirs[0]] or {k: v for k, v in given.items() if k != ours[0]} != {
            k: v for k, v in target.items() if k != theirs[0]}:
        return None
    gas, other = _GAS_DIMS[ours[0]], _GAS_DIMS[theirs[0]]
    try:
        mine = next(u for u in exc.units1 if ureg.Unit(u).dimensionality.get(ours[0]))
        swapped = {(mine if ureg.Unit(u).dimensionality.get(theirs[0]) else u): e
                   for u, e in exc.units2.items()}
        shown = f"{ureg.Unit(pint.util.UnitsContainer(swapped)):~}".replace(" * ", " ")
        fixed = "'" + shown.replace(" / ", "/") + "'"  # 't CO2e', 'kg CH4/GJ'"
    except Exception:  # advice only: the error itself is raised
        fixed = f"a unit of {gas}"
    why = ("a CO2-equivalent weighs every gas by its GWP, so it is no amount of CO2"
           if gas == "CO2e" else f"an amount of {gas} becomes CO2e only through a GWP "
           "(carbonpath.to_co2e)" if other == "CO2e" else
           f"{gas} and {other} are different gases")
    return (f"{fixed}, an amount of {gas} as the quantity is; it does not convert to an "
            f"amount of {other}: {why}")


def _raising_carbonpath_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a pint method so that its unit errors are raised as carbonpath's (see above)."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """Call the pint method; re-raise a unit error as its carbonpath counterpart."""
        try:
            return method(*args, **kwargs)
        except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError) as exc:
            if isinstance(exc, CarbonpathError):  # (raised by a wrapped call inside)
                raise
            # No reference cycle may hold the frames of a caught error: through its traceback
            # they keep every caller's frame and locals alive until a full collection (issue
            # 15: the models being built, in the main job). So no local holds the error
            # raised here, and pint's own error drops its traceback (pint's convert keeps it
            # in a local of the frame that raised it: a cycle through the traceback).
            exc.__traceback__ = None
            raise _translated(exc) from None

    return wrapper


#: The Quantity and registry methods through which a unit error reaches a user: converting,
#: comparing, adding, parsing. Each raises carbonpath's errors (which are also pint's).
_QUANTITY_METHODS = (
    "__new__", "to", "ito", "m_as", "to_base_units", "ito_base_units", "to_reduced_units",
    "to_compact", "to_root_units", "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__",
    "__isub__", "__lt__", "__le__", "__gt__", "__ge__", "__float__", "__int__",
    "__complex__", "__array_ufunc__", "__array_function__", "__pow__", "__rpow__",
    "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "__floordiv__", "__mod__",
    "compare", "magnitude_as",
)
_UNIT_METHODS = ("__new__", "__init__", "from_", "m_from", "__mul__", "__truediv__")
_REGISTRY_METHODS = ("parse_units", "parse_expression", "__call__", "__getattr__",
                     "__getitem__", "get_name", "get_symbol", "get_dimensionality",
                     "convert", "get_base_units", "get_root_units")


def _wrap_all(cls: type, names: tuple[str, ...]) -> type:
    """Wrap those of ``names`` that ``cls`` has (set on ``cls`` itself)."""
    for name in names:
        method = getattr(cls, name, None)
        if method is None:
            continue
        wrapped = _raising_carbonpath_errors(method)
        setattr(cls, name, staticmethod(wrapped) if name == "__new__" else wrapped)
    return cls


class _Quantity(pint.UnitRegistry.Quantity):  # type: ignore[misc,valid-type]
    """pint's Quantity whose unit errors are carbonpath errors (also pint's classes)."""


class _Unit(pint.UnitRegistry.Unit):  # type: ignore[misc,valid-type]
    """pint's Unit whose unit errors are carbonpath errors (also pint's classes)."""


_wrap_all(_Quantity, _QUANTITY_METHODS)
_wrap_all(_Unit, _UNIT_METHODS)
_Quantity.__name__ = _Quantity.__qualname__ = "Quantity"  # as pint names its own in messages
_Unit.__name__ = _Unit.__qualname__ = "Unit"


class Registry(pint.UnitRegistry):
    """carbonpath's unit registry: pint's, raising carbonpath errors for unit mistakes.

    A conversion to a unit of another dimension raises
    :class:`~carbonpath.errors.IncompatibleUnitsError` and an unknown unit
    :class:`~carbonpath.errors.UnknownUnitError`; both are :class:`~carbonpath.errors.UnitError`
    and also pint's ``DimensionalityError`` / ``UndefinedUnitError``, so code catching
    either keeps working. (pint's documented way to extend its classes: a registry subclass
    naming its own ``Quantity`` and ``Unit``.)
    """

    Quantity = _Quantity
    Unit = _Unit


_wrap_all(Registry, _REGISTRY_METHODS)


def _pint_registry() -> Registry:
    """A registry of pint's default definitions, parsed once, kept in the cache folder.

    Parsing pint's definition file is most of the registry's start-up (0.15 s; 0.04 s from
    the cache). pint keeps the parsed file in ``<cache>/pint`` (:mod:`carbonpath._cache`;
    none with ``CARBONPATH_CACHE_DIR=off``), keyed by the file's content and the pint and
    Python versions. pint writes its entries in place and unpickles them unchecked, so an
    entry that cannot be read (damaged, or half-written by another process) is not trusted:
    the folder's entries are removed and the definitions parsed anew (the next start writes
    them again).
    """
    from carbonpath._cache import cache_folder

    folder = cache_folder("pint")
    if folder is not None:
        try:
            return Registry(on_redefinition="ignore", cache_folder=folder)
        except Exception:  # a damaged entry, whatever pickle makes of it
            for entry in folder.glob("*"):
                entry.unlink(missing_ok=True)
    return Registry(on_redefinition="ignore", cache_folder=None)


def _make_registry() -> pint.UnitRegistry:
    # on_redefinition="ignore" lets units.txt replace three pint defaults (year, kt, C);
    # tests/test_units.py checks that each replacement took effect.
    registry = _pint_registry()
    text = resources.files("carbonpath").joinpath("units.txt").read_text(encoding="utf-8")
    registry.load_definitions(text.splitlines())
    # every unit string pint reads (parse_unit, Q_, ureg(...)) goes through unit_text first:
    # digits grouped by thousands are one number, other numbers side by side are refused
    registry.preprocessors.append(unit_text)
    # display: abbreviated, in the order written ("29.8 t·CO2e", not "29.8 CO2e * t")
    registry.formatter.default_format = "~P"
    registry.formatter.default_sort_func = None
    return registry


ureg: pint.UnitRegistry = _make_registry()
"""carbonpath's unit registry (pint)."""

#: What Q_ takes as units (pint would take more, and fail later in its own terms).
_UNIT_TYPES = (str, pint.Unit, pint.Quantity, pint.util.UnitsContainer)


def Q_(value: Any, units: Any = None) -> pint.Quantity:
    """Construct a quantity of carbonpath's registry: ``Q_(3, "万吨")``.

    Parameters
    ----------
    value : number, array-like, pint.Quantity or str
        The magnitude; a string only without ``units`` (then it is parsed as a whole,
        ``Q_("3 t")``).
    units : str or pint.Unit, optional
        The unit.

    Returns
    -------
    pint.Quantity
        A quantity of :data:`ureg` (``isinstance(q, ureg.Quantity)``).

    Raises
    ------
    ArgumentTypeError
        If the magnitude is text (``Q_("abc", "t")``; pint would keep the text as the
        magnitude), a boolean, None or not a number or array of numbers, or if ``units``
        is not a str or pint unit (``Q_(1, 5)``).
    ArgumentValueError
        If the magnitude (or an element of an array magnitude) is NaN or infinite.
    UnknownUnitError
        If the unit is not one the registry knows (also pint's ``UndefinedUnitError``).
    UnitError
        If ``units`` begins with 10 and an exponent (``"104 t"``, ``"108 m3"``): a 10⁴ or
        10⁸ with its superscript lost (:func:`carbonpath.units.text.refuse_lost_superscript`).
    """
    if (units is not None and isinstance(value, (str, bytes))) or isinstance(value, bool) or (
            value is None or isinstance(value, (dict, set, bytes, complex))):
        hint = " (write Q_(3, 't') or Q_('3 t'))" if isinstance(value, (str, bytes)) else ""
        msg = (f"Q_: the magnitude must be a number or an array of numbers, not "
               f"{type(value).__name__} {value!r}{hint}")
        raise ArgumentTypeError(msg)
    if units is not None and not isinstance(units, _UNIT_TYPES):
        msg = (f"Q_: units must be a str such as 't' or '万吨标准煤', or a pint unit, not "
               f"{type(units).__name__} {units!r}")
        raise ArgumentTypeError(msg)
    if isinstance(units, str):
        refuse_lost_superscript(units)  # Q_(1, "104 t"): 10⁴ t with its superscript lost
    try:
        q = ureg.Quantity(value, units)
    except (CarbonpathError, TypeError, ValueError, AttributeError,
            pint.errors.PintError) as exc:
        unknown = isinstance(exc, UnknownUnitError) or not isinstance(exc, CarbonpathError)
        names, ours, said = getattr(exc, "unit_names", None), isinstance(
            exc, CarbonpathError), str(exc)
        del exc  # (no frame of this call may hold the error it raises: issue 15)
        q = _as_parse_unit_reads(value, units, unknown, names)
        if q is None and ours:
            raise
        if q is None:
            msg = f"Q_({value!r}, {units!r}): not a quantity ({said})"
            raise ArgumentValueError(msg) from None
    _check_finite(q.magnitude, value, units)
    return q


#: A leading number and the unit text after it (``"5 万 吨"``), for :func:`Q_`'s advice.
#: The unit text does not start with more digits (``"0,500 t"``, ``"0 500 t"``: numbers side
#: by side that are no thousands groups stay refused, not read as 0 x 500 t, round 27 ZC73).
_NUMBER_THEN_UNIT = re.compile(
    r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?![,.']?\d)(\S.*)")


def _as_parse_unit_reads(value: Any, units: Any, unknown: bool,
                         names: Any) -> pint.Quantity | None:
    """Retry a quantity pint refused through :func:`~carbonpath.units.parse_unit`.

    parse_unit folds a leading number into a scaled unit (``Q_(2, "10^4 t")``, which pint
    refuses as a unit with a scaling factor, round 19 T108) and words its advice for the
    spellings it refuses (``Q_("5 万 吨")``: write 万吨 without spaces, round 19 T107), as the
    CSV readers do. Returns the quantity where it reads the text, None where the text is no
    unit text (the caller raises its own error). Where parse_unit refuses and pint's error
    was an unknown unit (``unknown``; ``names``, its unit names), raises
    :class:`UnknownUnitError` with parse_unit's wording.
    """
    from carbonpath.units.parse import parse_unit  # (parse builds on this registry)

    number, text = value, units
    if units is None and isinstance(value, str):
        match = _NUMBER_THEN_UNIT.fullmatch(value)
        number, text = (float(match[1]), match[2]) if match else (None, None)
    if not isinstance(text, str):
        return None
    try:
        return ureg.Quantity(number, parse_unit(text))
    except UnitError as advice:
        problem = advice.problems[0]
    if not unknown:
        return None
    raise UnknownUnitError(names or text, problem)


def _check_finite(magnitude: Any, value: Any, units: Any) -> None:
    """Refuse a NaN or infinite magnitude (or array element) of :func:`Q_`."""
    try:
        finite = np.isfinite(np.asarray(magnitude, dtype=float))
    except (TypeError, ValueError):
        msg = (f"Q_({value!r}, {units!r}): the magnitude must be a number or an array of "
               "numbers")
        raise ArgumentTypeError(msg) from None
    if not np.all(finite):
        bad = np.asarray(magnitude, dtype=float)[~finite].ravel()[0]
        where = "" if np.ndim(finite) == 0 else f" ({int((~finite).sum())} element(s))"
        msg = (f"Q_: the magnitude must be a finite number, got {bad}{where}; valid: a "
               "finite number or array of finite numbers (leave a missing value out, do not "
               "write NaN)")
        raise ArgumentValueError(msg)

pint.set_application_registry(ureg)
