"""Greenhouse-gas species and GWP100 sets: :func:`gwp_value` and :func:`to_co2e`."""

from __future__ import annotations

import functools

import pint

from carbonpath._checks import checked
from carbonpath.errors import (
    GWPError,
)
from carbonpath.units.registry import ureg

__all__ = ["GAS_UNITS", "GWP_SETS", "gwp_value", "to_co2e"]


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
    IncompatibleUnitsError
        ``to`` not a unit of CO2e (``"t CO2"``, ``"kt"``): the message names the CO2e unit
        (``"t CO2e"``).
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
