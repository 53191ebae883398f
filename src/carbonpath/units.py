"""The one unit registry of carbonpath, GWP conversions and China's energy conventions.

Use ``carbonpath.ureg`` and ``carbonpath.Q_`` everywhere; never create another registry
(quantities of two registries cannot be combined).

What the registry adds to pint's defaults is in ``units.txt`` beside this module:

* energy in standard coal (GB/T 2589-2020: 1 kgce = 29.3076 MJ), ``kgce``, ``tce``,
  ``gce`` with SI prefixes (``Mtce``), and pint's ``toe`` (41.868 GJ);
* greenhouse-gas species as dimensions of their own (``t CO2``, ``t CH4``, ``t N2O``,
  ``t SF6``, ``t CF4``, ``t C2F6``); carbon ``t C`` converts to CO2 by 44/12 and to nothing
  else; ``CO2e`` is reached only through :func:`to_co2e` with an explicit GWP set;
* gas volumes at stated reference conditions as amounts of gas: ``Nm3`` (0 °C),
  ``Sm3`` (15 °C), ``m3_20C`` (20 °C, China's energy statistics), all at 101.325 kPa;
* currencies as dimensions (``CNY``, ``USD``; ``MCNY`` = 1e6 CNY), counts (``vehicle``,
  ``person``, ``passenger``) and service units (``vkm``, ``pkm``, ``tkm``);
* Chinese statistical units: 万吨, 万吨标准煤, 吨标准煤, 千克标准煤, 亿千瓦时, 万千瓦时, 万千瓦,
  亿立方米, 万立方米, 万元, 亿元, 万人 and more (万 = 1e4, 亿 = 1e8).

Two pint defaults are replaced on purpose: ``year`` is 365 days (8760 h, the sum of the
timeslice weights) instead of the Julian year, and ``kt`` is the kilotonne, not the knot.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

import numpy as np
import pint

from carbonpath._checks import checked
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathError,
    GWPError,
    ImplausibleValueError,
    IncompatibleUnitsError,
    Problem,
    UnitError,
    UnknownUnitError,
)

__all__ = [
    "CALORIFIC_EQUIVALENT",
    "GAS_UNITS",
    "GWP_SETS",
    "Q_",
    "electricity_to_standard_coal",
    "gwp_value",
    "parse_unit",
    "to_co2e",
    "ureg",
]


def _translated(exc: Exception) -> Exception:
    """Return a pint unit error as the carbonpath error that is also its class (others as is)."""
    if isinstance(exc, CarbonpathError):
        return exc
    if isinstance(exc, pint.errors.DimensionalityError):
        return IncompatibleUnitsError(exc.units1, exc.units2, exc.dim1, exc.dim2, exc.extra_msg)
    if isinstance(exc, pint.errors.UndefinedUnitError):
        return UnknownUnitError(exc.unit_names)
    return exc


def _raising_carbonpath_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a pint method so that its unit errors are raised as carbonpath's (see above)."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """Call the pint method; re-raise a unit error as its carbonpath counterpart."""
        try:
            return method(*args, **kwargs)
        except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError) as exc:
            new = _translated(exc)
            if new is exc:
                raise
            raise new from None

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


def _make_registry() -> pint.UnitRegistry:
    # on_redefinition="ignore" lets units.txt replace three pint defaults (year, kt, C);
    # tests/test_units.py checks that each replacement took effect.
    registry = Registry(on_redefinition="ignore", cache_folder=None)
    text = resources.files("carbonpath").joinpath("units.txt").read_text(encoding="utf-8")
    registry.load_definitions(text.splitlines())
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
    try:
        q = ureg.Quantity(value, units)
    except CarbonpathError:
        raise
    except (TypeError, ValueError, AttributeError, pint.errors.PintError) as exc:
        msg = f"Q_({value!r}, {units!r}): not a quantity ({exc})"
        raise ArgumentValueError(msg) from None
    _check_finite(q.magnitude, value, units)
    return q


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

#: The unit of each gas species, as used in inventory tables (gas column -> unit symbol).
GAS_UNITS: dict[str, str] = {
    "CO2": "CO2",
    "CH4": "CH4",
    "N2O": "N2O",
    "SF6": "SF6",
    "CF4": "CF4",
    "C2F6": "C2F6",
}

#: Names of the GWP100 sets carbonpath knows (values in ``factors/gwp100.csv``).
GWP_SETS: tuple[str, ...] = ("AR4", "AR5", "AR6")

_CH4_ORIGINS = ("fossil", "non_fossil")


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string, Chinese statistical units included.

    Parameters
    ----------
    text : str
        A unit such as ``"t"``, ``"万吨标准煤"``, ``"kg CO2/TJ"``, ``"GJ/(10^4 Nm3)"``.
        A leading number is allowed (``"10^4 Nm3"``) and folded into the unit.

    Returns
    -------
    pint.Unit
        The parsed unit. A leading number becomes part of a scaled unit.

    Raises
    ------
    UnitError
        If the text is empty or is not a unit carbonpath's registry knows.
    """
    if not isinstance(text, str) or not text.strip():
        raise UnitError(Problem("a unit is required", value=text, valid="e.g. t, 万吨, TJ, GWh"))
    cleaned = _normalise_unit_text(text)
    if cleaned in ("1", "-", "dimensionless", "fraction"):
        return ureg.dimensionless
    try:
        parsed = ureg.parse_expression(cleaned)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, SyntaxError,
            AttributeError, TypeError, ValueError) as exc:
        raise UnitError(
            Problem(
                f"'{text}' is not a unit carbonpath knows ({exc})",
                value=text,
                valid="a pint unit such as t, kt, TJ, GWh, Nm3, kg CO2/TJ, or a Chinese "
                "statistical unit such as 万吨, 万吨标准煤, 亿千瓦时, 亿立方米",
            )
        ) from None
    if isinstance(parsed, pint.Quantity):
        magnitude = float(parsed.magnitude)
        if magnitude == 1.0:
            return parsed.units
        return _scaled_unit(magnitude, f"{parsed.units:D}")
    if isinstance(parsed, (int, float)):
        raise UnitError(Problem(f"'{text}' is a number, not a unit", value=text))
    return parsed


def _normalise_unit_text(text: str) -> str:
    out = text.strip()
    for old, new in (("（", "("), ("）", ")"), ("／", "/"), ("·", "*"), ("×", "*"),
                     ("³", "**3"), ("²", "**2"), ("m^3", "m**3"), ("10^", "10**")):
        out = out.replace(old, new)
    return out


@functools.lru_cache(maxsize=256)
def _scaled_unit(magnitude: float, base: str) -> pint.Unit:
    """Define (once) and return a unit equal to ``magnitude * base``."""
    digits = format(magnitude, ".12g").replace(".", "p").replace("+", "").replace("-", "m")
    name = "scaled_" + digits
    name += "_" + "".join(ch if ch.isalnum() else "_" for ch in base)
    if name not in ureg:
        ureg.define(f"{name} = {magnitude!r} * ({base})")
    return ureg.Unit(name)


# ---------------------------------------------------------------------------------------
# GWP sets


@functools.lru_cache(maxsize=1)
def _gwp_table() -> dict[tuple[str, str, str], tuple[float, str]]:
    """Read ``factors/gwp100.csv`` into {(set, gas, origin): (value, source)}."""
    import csv

    from carbonpath._resources import data_path

    table: dict[tuple[str, str, str], tuple[float, str]] = {}
    path = data_path("factors") / "gwp100.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["gwp_set"].strip(), row["gas"].strip(), row.get("origin", "").strip())
            table[key] = (float(row["value"]), row["source"].strip())
    return table


@checked
def gwp_value(gas: str, gwp: str | None, ch4_origin: str | None = None) -> float:
    """Return the GWP100 of a gas in a named set, in t CO2e per t of gas.

    Parameters
    ----------
    gas : str
        Gas code: ``CO2``, ``CH4``, ``N2O``, ``SF6``, ``CF4`` or ``C2F6``.
    gwp : str
        The GWP set: ``"AR4"``, ``"AR5"`` (28/265, without climate-carbon feedback) or
        ``"AR6"`` (fossil and non-fossil CH4 apart). Values and sources: ``factors/gwp100.csv``
        (IPCC AR4 WG1 Table 2.14, AR5 WG1 Table 8.A.1, AR6 WG1 Table 7.15).
    ch4_origin : {"fossil", "non_fossil"}, optional
        Required for CH4 under AR6; ignored by sets that have one CH4 value.

    Returns
    -------
    float
        The GWP100 (dimensionless, t CO2e per t gas). CO2 is 1 in every set.

    Raises
    ------
    GWPError
        No set given, an unknown set, a gas the set lacks, or AR6 CH4 without an origin.
    """
    if gwp is None:
        raise GWPError(
            f"a CO2-equivalent of {gas} needs a GWP set; pass gwp='AR4', 'AR5' or 'AR6' "
            "(CO2-only totals need none)"
        )
    if gwp not in GWP_SETS:
        raise GWPError(f"unknown GWP set '{gwp}'; valid: {', '.join(GWP_SETS)}")
    if gas == "CO2":
        return 1.0
    table = _gwp_table()
    if (gwp, gas, "") in table:
        return table[(gwp, gas, "")][0]
    origins = [o for (s, g, o) in table if s == gwp and g == gas and o]
    if not origins:
        known = sorted({g for (s, g, _) in table if s == gwp} | {"CO2"})
        raise GWPError(f"GWP set {gwp} has no value for {gas}; gases it covers: {known}")
    if ch4_origin is None:
        raise GWPError(
            f"{gwp} gives {gas} a different GWP by origin ({', '.join(sorted(origins))}); "
            "state the origin (ch4_origin='fossil' for fossil-fuel combustion and fugitive "
            "emissions, 'non_fossil' for biomass, agriculture and waste)"
        )
    if (gwp, gas, ch4_origin) not in table:
        raise GWPError(f"unknown {gas} origin '{ch4_origin}'; valid: {', '.join(_CH4_ORIGINS)}")
    return table[(gwp, gas, ch4_origin)][0]


def gwp_source(gas: str, gwp: str, ch4_origin: str | None = None) -> str:
    """Return the source text of a GWP value (see :func:`gwp_value` for the arguments)."""
    if gas == "CO2":
        return "GWP of CO2 is 1 by definition"
    table = _gwp_table()
    key = (gwp, gas, "") if (gwp, gas, "") in table else (gwp, gas, ch4_origin or "")
    return table[key][1] if key in table else ""


def _species_of(units: pint.Unit) -> tuple[str, int]:
    """Return (gas code, exponent) of the one species dimension in ``units``."""
    dims = units.dimensionality
    species = {
        "[carbon]": "CO2",
        "[methane]": "CH4",
        "[nitrous_oxide]": "N2O",
        "[sulfur_hexafluoride]": "SF6",
        "[tetrafluoromethane]": "CF4",
        "[hexafluoroethane]": "C2F6",
    }
    found = [(gas, dims[d]) for d, gas in species.items() if dims.get(d, 0)]
    if len(found) != 1 or found[0][1] != 1:
        raise GWPError(
            f"to_co2e needs a quantity of exactly one gas species, got units '{units}'"
        )
    return found[0]


@checked
def to_co2e(quantity: pint.Quantity, gwp: str | None, ch4_origin: str | None = None,
            to: str | None = None) -> pint.Quantity:
    """Convert a quantity of one gas to CO2-equivalent under a named GWP100 set.

    Works on any quantity with one species in its units: ``t CH4``, ``kt N2O / yr``,
    ``kg CH4/TJ``; the species is replaced by ``CO2e`` and the magnitude multiplied by the
    GWP. Carbon (``t C``) converts through CO2 by 44/12 first. Magnitudes may be arrays.

    Parameters
    ----------
    quantity : pint.Quantity
        Scalar or array quantity of one gas.
    gwp : str
        ``"AR4"``, ``"AR5"`` or ``"AR6"``; required even for CO2 so that every CO2e total
        records the set it used.
    ch4_origin : {"fossil", "non_fossil"}, optional
        Required for CH4 under AR6.
    to : str, optional
        Target unit (e.g. ``"kt CO2e"``). Defaults to the input's units with CO2e.

    Returns
    -------
    pint.Quantity
        The CO2-equivalent.

    Raises
    ------
    GWPError
        Missing or unknown GWP set, a quantity that is not one gas, AR6 CH4 without origin.
    """
    gas, _ = _species_of(quantity.units)
    factor = gwp_value(gas, gwp, ch4_origin)
    canonical = _SPECIES_UNIT[gas]
    container = {}
    for name, exponent in quantity.units._units.items():
        if ureg.Unit(name).dimensionality.keys() & _SPECIES_DIMS:
            container[canonical] = container.get(canonical, 0) + exponent
        else:
            container[name] = container.get(name, 0) + exponent
    in_canonical = quantity.to(ureg.Unit(pint.util.UnitsContainer(container)))
    container["carbon_dioxide_equivalent"] = container.pop(canonical)
    result = ureg.Quantity(in_canonical.magnitude * factor,
                           ureg.Unit(pint.util.UnitsContainer(container)))
    return result.to(to) if to is not None else result


_SPECIES_UNIT = {
    "CO2": "carbon_dioxide",
    "CH4": "methane",
    "N2O": "nitrous_oxide",
    "SF6": "sulfur_hexafluoride",
    "CF4": "tetrafluoromethane",
    "C2F6": "hexafluoroethane",
}
_SPECIES_DIMS = {
    "[carbon]", "[methane]", "[nitrous_oxide]", "[sulfur_hexafluoride]",
    "[tetrafluoromethane]", "[hexafluoroethane]",
}


# ---------------------------------------------------------------------------------------
# Primary electricity in standard coal


#: Calorific equivalent of electricity in standard coal as China's statistics use it:
#: 0.1229 kgce/kWh (GB/T 2589-2020 Appendix A, 电力当量值). The exact ratio of 3.6 MJ to
#: 29.3076 MJ/kgce is 0.12284; the standard prints 0.1229 (860 kcal per kWh / 7000 kcal per
#: kgce), and carbonpath follows the standard so that its totals match official ones.
CALORIFIC_EQUIVALENT = ureg.Quantity(0.1229, "kgce/kWh")


COAL_RATE_RANGE = (150.0, 600.0)
"""Plausible coal rate of a thermal power fleet, gce/kWh (as ``drivers.csv``
``thermal_power_coal_rate``, :mod:`carbonpath.dataset.absolute`)."""


@checked
def electricity_to_standard_coal(
    energy: pint.Quantity,
    method: str,
    coal_rate: pint.Quantity | None = None,
) -> pint.Quantity:
    """Convert primary (non-fossil) electricity to standard coal by a named convention.

    China's energy statistics use two conventions, and results differ by a factor of about
    2.5, so the caller must choose:

    * ``"calorific"`` (电热当量法, calorific equivalent): 0.1229 kgce/kWh as GB/T 2589-2020
      Appendix A prints it (:data:`CALORIFIC_EQUIVALENT`; the exact 3.6 MJ / 29.3076 MJ is
      0.12284);
    * ``"coal_consumption"`` (发电煤耗法, coal-consumption method): the coal that thermal power
      would have burned to make it, at the year's average coal rate of thermal power
      (about 0.3 kgce/kWh); China's official non-fossil share uses this method. Pass the
      rate, with its basis (generation 发电 or supply 供电), e.g. from
      :meth:`carbonpath.FactorTable.coal_rate`.

    Parameters
    ----------
    energy : pint.Quantity
        Electricity, any energy unit (kWh, 亿千瓦时, GWh, TJ); scalar or array.
    method : {"calorific", "coal_consumption"}
        The convention.
    coal_rate : pint.Quantity, optional
        Coal per unit of electricity (e.g. ``Q_(300.7, "gce/kWh")``); required by, and
        only allowed with, ``"coal_consumption"``.

    Returns
    -------
    pint.Quantity
        Standard coal in tce.

    Raises
    ------
    UnitError
        If ``energy`` is not an energy or ``coal_rate`` not coal per energy.
    ValueError
        If ``method`` is unknown or ``coal_rate`` is missing or superfluous.
    ImplausibleValueError
        A ``coal_rate`` outside :data:`COAL_RATE_RANGE` (150 .. 600 gce/kWh; 300 kgce/kWh
        is a kgce-for-gce slip).
    """
    _require_dimension(energy, "[energy]", "energy")
    if method == "calorific":
        if coal_rate is not None:
            msg = "coal_rate is only used by method='coal_consumption'"
            raise ArgumentValueError(msg)
        return (energy * CALORIFIC_EQUIVALENT).to("tce")
    if method == "coal_consumption":
        if coal_rate is None:
            msg = (
                "method='coal_consumption' needs the year's thermal-power coal rate, e.g. "
                "coal_rate=Q_(300.7, 'gce/kWh'), with its basis (generation or supply) stated"
            )
            raise ArgumentValueError(msg)
        _require_dimension(coal_rate, "", "coal per unit of electricity (e.g. gce/kWh)")
        rate = float(np.max(np.abs(np.asarray(coal_rate.to("gce/kWh").magnitude, dtype=float))))
        low, high = COAL_RATE_RANGE
        if not low <= rate <= high:  # the range of drivers.csv (dataset/absolute.py)
            raise ImplausibleValueError(Problem(
                f"coal_rate {coal_rate} is {rate:.4g} gce/kWh, outside what any thermal power "
                f"fleet burns (123 gce/kWh is 100 % efficiency; the oldest small units burn "
                f"under 500); probably a unit slip (kgce for gce)", key="coal_rate",
                value=str(coal_rate), valid=f"{low:g} .. {high:g} gce/kWh, e.g. 300.7"))
        return (energy * coal_rate).to("tce")
    msg = f"unknown method '{method}'; valid: 'calorific', 'coal_consumption'"
    raise ArgumentValueError(msg)


def _require_dimension(q: Any, dim: str, what: str) -> None:
    if not isinstance(q, pint.Quantity):
        raise UnitError(Problem(f"expected a quantity of {what}, got {type(q).__name__}"))
    if dim and not q.check(dim):
        raise UnitError(Problem(f"expected {what}, got units '{q.units}'", valid=dim))
    if not dim and not q.dimensionless:
        raise UnitError(Problem(f"expected {what} (a ratio of energies), got '{q.units}'"))


def conversion_factors(units: np.ndarray | list[str], target: str) -> np.ndarray:
    """Return the factor that converts each unit string of an array to ``target``.

    Conversion is done once per distinct unit, so a million rows in a few units cost a few
    pint conversions (vectorised, never row by row).

    Parameters
    ----------
    units : array-like of str
        Unit strings, one per row.
    target : str
        The unit to convert to.

    Returns
    -------
    numpy.ndarray of float
        Same length as ``units``; multiply magnitudes by it.

    Raises
    ------
    UnitError
        If a unit is unknown or of another dimension than ``target``; the message lists
        the offending unit.
    """
    arr = np.asarray(units, dtype=object)
    uniques, inverse = np.unique(arr.astype(str), return_inverse=True)
    target_unit = parse_unit(target)
    factors = np.empty(len(uniques))
    for i, u in enumerate(uniques):
        factors[i] = unit_factor(u, target_unit)
    return factors[inverse]


def unit_factor(unit: str | pint.Unit, target: str | pint.Unit) -> float:
    """Return the number that converts a magnitude in ``unit`` to ``target``.

    Raises
    ------
    UnitError
        If the two are of different dimensions (names both and their dimensions).
    """
    src = parse_unit(unit) if isinstance(unit, str) else unit
    dst = parse_unit(target) if isinstance(target, str) else target
    try:
        return float(ureg.Quantity(1.0, src).to(dst).magnitude)
    except pint.errors.DimensionalityError:
        raise UnitError(
            Problem(
                f"'{unit}' cannot be converted to '{target}' "
                f"({ureg.Quantity(1, src).dimensionality} vs "
                f"{ureg.Quantity(1, dst).dimensionality})",
                value=str(unit),
                valid=f"a unit of the same dimension as {target}",
            )
        ) from None


def is_finite_number(value: Any) -> bool:
    """Return True if ``value`` is a real, finite number (bools excluded)."""
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def dimension_of(unit: str) -> Mapping[str, float]:
    """Return the dimensionality of a unit string (raises :class:`UnitError` if unknown)."""
    return parse_unit(unit).dimensionality
