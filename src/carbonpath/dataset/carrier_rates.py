"""Conversion rates between energy carriers: what a technology makes against what it takes.

The fossil-input rule of :mod:`carbonpath.dataset.slips` (5 .. 100 % efficiency) judges one
fossil fuel against the activity; a carrier made from electricity was not judged at all
(round 26): an electrolyser writing ``0.2,t/MWh`` of hydrogen (50 kWh/kg typed as 5, MB57)
made 667 % of its electricity's energy, an electric steam boiler ``13,t/MWh`` of steam for
1.3 (MB96) and an electric boiler taking ``0.0278,MWh/GJ`` for 0.278 (MB58) ten times the
heat of its electricity. This module compares, per technology and unit of activity, the
energy of its declared inputs with that of the carriers it makes:

* **energy in**: every input whose energy is known (an energy unit; hydrogen counted in mass
  or in normal cubic metres, at its higher heating value; steam counted in mass (kind
  ``heat``) at :data:`STEAM_GJ_PER_T`'s upper end; a fuel with a bundled calorific value of
  its ``fuel`` code). A technology with an input of unknown energy (a material, a fuel
  without a calorific value) is not judged: that input may carry the energy;
* **electricity and hydrogen out** (kinds ``electricity`` and ``hydrogen``; hydrogen at its
  lower heating value) above the energy in: no conversion makes work-like energy from less.
  Refused as implausible (an ``override: <reason>`` in a ``plausibility`` column of a row
  involved accepts it with a warning, as for the other slip checks);
* **heat out** (kind ``heat``; steam at :data:`STEAM_GJ_PER_T`'s lower end) with the
  electricity and hydrogen above :data:`HEAT_COP` times the energy in: a heat pump takes
  heat from the air, water or ground, which is no flow, so heat above the energy in is
  right up to its coefficient of performance (large heat pumps 2.5 .. 4, the best about 6);
  above :data:`HEAT_COP` the heat comes mostly from a source not in ``flows.csv`` (waste
  heat, geothermal) or a slip. Warned of (:class:`CarrierRateWarning`), naming the x10
  reading when it lands within an electric boiler's or a heat pump's range.

Technologies declared ``nonfossil``, of a non-fossil power sector, or storage are not
judged: their main source of energy is no flow. Fuels made (kind ``fuel``: a coal mine's
coal from its electricity) and services (useful energy, a car's travel) are not outputs
judged.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank
from carbonpath.errors import CarbonpathWarning, Problem, UnitError
from carbonpath.plausibility import is_override
from carbonpath.units import parse_unit, unit_factor

__all__ = ["HEAT_COP", "HYDROGEN_GJ_PER_T", "STEAM_GJ_PER_T", "CarrierRateWarning",
           "carrier_rate_problems", "fuel_rate_reading", "percent",
           "warn_carrier_rates"]

HYDROGEN_GJ_PER_T = (119.96, 141.8)
"""Hydrogen's lower and higher heating values, GJ/t (241.8 and 285.8 kJ/mol at 2.016 g/mol,
physical constants)."""

_HYDROGEN_KJ_PER_MOL = (241.8, 285.8)

STEAM_GJ_PER_T = (2.2, 3.8)
"""Heat a tonne of steam carries, GJ/t: from the latent heat of low-pressure saturated steam
(2.26 GJ/t at 1 bar, what it gives when it condenses) to the enthalpy of superheated
high-pressure steam above water at 0 C (3.47 GJ/t at 10 MPa and 540 C), steam tables,
rounded outwards."""

HEAT_COP = 7.0
"""Heat made per unit of energy in above which a technology is warned of. Large electric
heat pumps reach a seasonal coefficient of performance of 2.5 .. 4, the best with warm
sources about 6; an electric boiler 0.95 .. 1."""

_NONFOSSIL_SECTORS = ("hydro_power", "nuclear_power", "wind_power", "solar_power",
                      "nonfossil_power")
_WORK = ("electricity", "hydrogen")


class CarrierRateWarning(CarbonpathWarning):
    """Heat made from more than :data:`HEAT_COP` times a technology's declared energy in."""


@functools.lru_cache(maxsize=4096)
def _factor(unit: str, target: str) -> float | None:
    try:
        f = unit_factor(unit, target)
    except (UnitError, KeyError, TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


@functools.lru_cache(maxsize=256)
def _calorific(code: str, unit: str) -> float | None:
    """GJ per ``unit`` of the fuel ``code`` from its bundled calorific value, else None."""
    from carbonpath.factors import bundled_factors

    try:
        value = bundled_factors().lookup(code, "calorific_value", region="CN").value
        return float((value * parse_unit(unit)).to("GJ").magnitude)
    except Exception:  # no bundled value, or one of another basis: unknown
        return None


def energy_per_unit(com: Any, high: bool) -> float | None:
    """GJ per unit of a commodity (its row of ``commodities.csv``), or None if unknown.

    ``high`` picks the upper end of a range (hydrogen's HHV, the most heat of steam) for
    an input, the lower for an output, so that every judgement is the most lenient one.
    """
    unit, kind = str(com.get("unit")), str(com.get("kind"))
    energy = _factor(f"({unit})", "GJ")
    if energy is not None:
        return energy
    end = 1 if high else 0
    if kind == "hydrogen":
        mass = _factor(f"({unit})", "t")
        if mass is not None:
            return mass * HYDROGEN_GJ_PER_T[end]
        mol = _factor(f"({unit})", "mol")
        return None if mol is None else mol * _HYDROGEN_KJ_PER_MOL[end] * 1e-6
    if kind == "heat":
        mass = _factor(f"({unit})", "t")
        return None if mass is None else mass * STEAM_GJ_PER_T[end]
    code = com.get("fuel")
    if kind == "fuel" and isinstance(code, str) and code:
        return _calorific(code, unit)
    return None


def _judged(tables: dict[str, pd.DataFrame]) -> list[tuple[str, Any, list[tuple]]]:
    """Each technology judged: (code, its row, its flows of known energy).

    Each flow as (line, flow row, GJ per unit of activity, commodity kind, is an input,
    commodity unit); a technology with an input of unknown energy, or none with energy,
    is left out (see the module docstring for the others left out).
    """
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    flows = tables["flows"]
    out = []
    for code, rows in flows.groupby("technology", sort=False):
        if code not in techs.index:
            continue
        tech = techs.loc[code]
        nonfossil = tech.get("nonfossil")
        if (tech.get("kind") == "storage" or str(tech.get("sector")) in _NONFOSSIL_SECTORS
                or (not is_blank(nonfossil) and bool(nonfossil))):
            continue
        act = str(tech["activity_unit"])
        judged, unknown = [], False
        for line, flow in rows.iterrows():
            c = flow["commodity"]
            if c not in com.index or is_blank(flow["value"]):
                unknown = True
                break
            entry = com.loc[c]
            inward = flow["direction"] == "input"
            per = energy_per_unit(entry, high=inward)
            ratio = _factor(str(flow["unit"]), f"({entry['unit']}) / ({act})")
            if per is None or ratio is None:
                if inward:
                    unknown = True
                    break
                continue
            judged.append((line, flow, float(flow["value"]) * ratio * per, str(entry["kind"]),
                           inward, str(entry["unit"])))
        if not unknown and any(j[4] for j in judged):
            out.append((code, tech, judged))
    return out


def _named(judged: list[tuple], outputs: list[tuple]) -> tuple:
    """The row to name: a made carrier's row unless it is the activity's own (ratio 1)."""
    def identity(item: tuple) -> bool:
        """Whether the flow row is the activity's own (a pure ratio of 1)."""
        pure = _factor(str(item[1]["unit"]), "1")
        return pure is not None and abs(float(item[1]["value"]) * pure - 1) < 1e-9

    inputs = [j for j in judged if j[4] and j[2] > 0]
    free_out = [o for o in outputs if not identity(o)]
    if free_out:
        return max(free_out, key=lambda o: o[2])
    free_in = [i for i in inputs if not identity(i)]
    return max(free_in or inputs, key=lambda i: i[2])


def _sums(judged: list[tuple], kinds: tuple[str, ...]) -> tuple[float, list[tuple], float]:
    """Energy in, the outputs of ``kinds`` above zero, and their energy (GJ per activity)."""
    energy_in = sum(j[2] for j in judged if j[4])
    outputs = [j for j in judged if not j[4] and j[3] in kinds and j[2] > 0]
    return energy_in, outputs, sum(o[2] for o in outputs)


def _reading(row: tuple, made: float, energy_in: float, limit: float, low: float,
             shown: Callable[[float], str]) -> tuple[float, str]:
    """The named row's value at ``limit`` (made / in), and a reading in ``low .. limit``.

    Only the named row changes. An input below 1 is first read as the efficiency typed for
    the input per unit of output (1/0.45 for 0.45: round 30 MF99); else x10^k: an output's
    energy is divided by k, an input's multiplied.
    """
    value, part = float(row[1]["value"]), row[2]
    need = (made / limit - (energy_in - part) if row[4]  # an input's energy for the limit
            else limit * energy_in - (made - part))
    bound = value * max(need, 0.0) / part
    if row[4] and 0 < value < 1:  # MF99: the efficiency typed for the input per output
        new = made / (energy_in - part + part / value ** 2)
        if low <= new <= limit:
            return bound, (f"; 1/{value:g} = {1 / value:.3g} {row[1]['unit']} (the efficiency "
                           f"typed where the input per unit of output belongs?) would give "
                           f"{shown(new)}")
    for k in (10.0, 100.0, 1000.0):
        new = (made / (energy_in - part + part * k) if row[4]
               else (made - part + part / k) / energy_in)
        if low <= new <= limit:
            fixed = value * k if row[4] else value / k
            return bound, f"; {fixed:g} {row[1]['unit']} (x{k:g}) would give {shown(new)}"
    return bound, ""


def fuel_rate_reading(value: float, unit: str, given: float, band: tuple[float, float],
                  per_output: float, activity_unit: str) -> str:
    """The likely slip behind a fuel input rate ``given`` (GJ in per GJ out) outside ``band``.

    An efficiency typed where the input per unit of output belongs (0.45 for 1/0.45 = 2.22,
    or 45 in percent: round 30 MF99), else a factor of 1000 (MJ for GJ, or GJ for MJ), else
    a unit slip. ``value`` is the row's number in ``unit``; ``per_output`` GJ per
    ``activity_unit``; ``band`` the plausible rates, 1/100 % .. 1/5 %
    (:func:`carbonpath.dataset.slips.fuel_rate_problem`'s judgement, which calls this).
    """
    def right(rate: float) -> str:
        """The rate ``rate`` (GJ/GJ) in the row's unit, and in GJ per unit of activity."""
        shown = f"{value * rate / given:.3g} {unit}"
        own = f"{rate * per_output:.3g} GJ/{activity_unit}"
        return shown if unit.replace(" ", "") == f"GJ/{activity_unit}" else f"{shown} ({own})"

    low, high = band
    for scale, what, wrong in ((1.0, "", given < low), (100.0, " in percent", given > high)):
        eff = value / scale  # the number as typed, read as an efficiency
        if wrong and 1 / high <= eff < 1 / low:
            return (f"probably the efficiency ({eff:.0%}) typed{what} where the input per "
                    f"unit of output belongs: at {eff:.0%} that is {scale:g}/{value:g} = "
                    f"{right(1 / eff)}")
    for k, slip in ((1000.0, "MJ for GJ"), (1e-3, "GJ for MJ")):
        if low <= given * k <= high:
            return (f"probably a unit slip ({slip}: {given * k * per_output:.3g} "
                    f"GJ/{activity_unit} would be an efficiency of {1 / (given * k):.0%})")
    return "probably a unit slip"


def percent(share: float) -> str:
    """A share as a percentage: whole percent, two digits below 1 % (0.045 %)."""
    return f"{share:,.0%}" if share >= 0.01 else f"{share * 100:.2g}%"


def carrier_rate_problems(tables: dict[str, pd.DataFrame], file_row: Callable,
                          hint: str) -> list[tuple[Problem, list[Any]]]:
    """Electricity and hydrogen made from less energy than a technology takes in.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``technologies``, ``commodities`` and ``flows`` (index = file line, or a scenario
        row's key).
    file_row : callable
        ``(table, line) -> {'file': ..., 'row' or 'key': ...}`` (the slips module's).
    hint : str
        How to keep a value that is right (the override).

    Returns
    -------
    list of (Problem, list of rows)
        One per technology: the row named (column ``value``), the efficiency, the value at
        100 % in the row's unit and the x10 reading when one lands in 30 .. 100 %; the rows
        whose ``plausibility`` may override it.
    """
    out = []
    for code, tech, judged in _judged(tables):
        energy_in, outputs, made = _sums(judged, _WORK)
        if energy_in <= 0 or made <= energy_in * (1 + 1e-6):
            continue
        ratio = made / energy_in
        row = _named(judged, outputs)
        bound, reading = _reading(row, made, energy_in, 1.0, 0.3,
                                  lambda x: f"an efficiency of {x:.0%}")
        what = ", ".join(f"{o[1]['commodity']} {o[2]:.3g} GJ" for o in outputs)
        taken = ", ".join(f"{j[1]['commodity']} {j[2]:.3g} GJ" for j in judged if j[4])
        side = "at least" if row[4] else "at most"
        out.append((Problem(
            f"implausible conversion of '{code}': per {tech['activity_unit']} of activity it "
            f"makes {what} from {taken}, {ratio:.0%} of the energy it takes in (more than "
            f"100 %); probably a unit slip or a lost digit in the {row[1]['commodity']} "
            f"{row[1]['direction']} ({float(row[1]['value']):g} {row[1]['unit']}){reading}",
            column="value", value=row[1]["value"],
            valid=f"{side} {bound:.4g} {row[1]['unit']} (100 %; hydrogen at 120 GJ/t LHV); "
                  f"{hint}", **file_row("flows", row[0])),
            [j[1] for j in judged]))
    return out


def warn_carrier_rates(tables: dict[str, pd.DataFrame], where: Callable) -> None:
    """Warn of heat made from more than :data:`HEAT_COP` times the energy taken in.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``technologies``, ``commodities`` and ``flows``.
    where : callable
        ``where(table, line)`` -> ``"flows.csv, row 8"``.

    Warns
    -----
    CarrierRateWarning
        Naming the row, the coefficient of performance, the value at a COP of 6 and the
        x10 reading that gives an electric boiler's or a heat pump's (0.5 .. 6). A row
        of the technology whose ``plausibility`` cell reads ``override: <reason>`` keeps
        it quiet (heat from a source not in ``flows.csv``).
    """
    for code, tech, judged in _judged(tables):
        energy_in, outputs, heat = _sums(judged, ("heat",))
        _, _, work = _sums(judged, _WORK)
        if energy_in <= 0 or heat <= 0 or heat + work <= energy_in * HEAT_COP:
            continue
        if any(is_override(j[1].get("plausibility")) for j in judged):
            continue
        cop = (heat + work) / energy_in
        row = _named(judged, outputs)
        bound, reading = _reading(row, heat + work, energy_in, 6.0, 0.5,
                                  lambda x: f"a COP of {x:.2g}")
        side = "at least" if row[4] else "at most"
        steam = any(_factor(f"({o[5]})", "GJ") is None for o in outputs)
        notices.warn(
            f"{where('flows', row[0])}, column value: '{code}' makes {heat + work:.3g} GJ of "
            f"heat{' and power' if work else ''} per {tech['activity_unit']} of activity "
            f"from {energy_in:.3g} GJ it takes in ({row[1]['commodity']} "
            f"{float(row[1]['value']):g} {row[1]['unit']}"
            f"{f', steam at {STEAM_GJ_PER_T[0]:g} GJ/t' if steam else ''}): a coefficient "
            f"of performance of {cop:.3g}, above {HEAT_COP:g} (the best heat pumps give about "
            f"6, {side} {bound:.4g} {row[1]['unit']} here; an electric boiler 0.95 .. 1); a "
            f"unit slip or a lost digit?{reading.replace('; ', ' ', 1)}"
            f"{'.' if reading else ''} If the heat comes from a "
            "source that is no flow (waste heat, geothermal), write 'override: <reason>' in a "
            "'plausibility' column of the row", CarrierRateWarning, stacklevel=3)
