"""A per-mass (or per-Nm3) CO2 factor checked against its fuel's calorific value.

A CO2 factor per t of fuel is the fuel's calorific value times its CO2 factor per TJ. Where a
table gives both rows of one fuel (same region and year), their quotient must lie in the
plausible range of the per-TJ factor (``plausible_ranges.csv``: IPCC 2006 Vol.2 Ch.1
Table 1.4 lower and upper values): round 10's A30, ``1.9 t CO2/万吨`` for ``1.9 t CO2/t``
beside an NCV of 20.908 GJ/t, is 0.009 t CO2/TJ for raw coal (89.5-99.7).

A carbon content with an oxidation factor is the other way to the same CO2 per TJ
(carbon content x 44/12 x oxidation, IPCC 2006 Vol.2 Ch.1 Eq. 1.5 with China's oxidation
factors): :func:`carbon_content_problems` holds it to the same range, its floor lowered by
:data:`MIN_OXIDATION` (round 12, E10: ``2.618 t C/TJ`` for 26.18; E11: oxidation ``0.093``
for 0.93; both gave 8.9 t CO2/TJ for raw coal and halved the city total).

A standard-coal coefficient per unit of energy is fixed by the definition of standard coal
(GB/T 2589-2020: 1 kgce = 29.3076 MJ, so 34.12 tce per TJ): no table can set another.
:func:`energy_coal_problem` names a row that tries (round 25 Z79: electricity's 等价值
``0.3 kgce/kWh`` copied from a yearbook; Z81: heat ``0.04 tce/GJ``), which carbonpath read,
validated and never used: electricity and heat are counted by their calorific equivalent
(primary electricity's 等价值 is the coal-consumption method with a ``coal_rate`` row), and
a fuel given in energy units holds its energy in standard coal.

A CO2 emission factor written in carbon (``t C/TJ``) converts to CO2 by 44/12 and is then
taken as fully oxidised; the figure a Chinese guide prints per unit of energy in carbon is
the carbon content (单位热值含碳量), which carbonpath multiplies by an oxidation factor (round
25 Z13: raw coal's 26.18 t C/TJ typed as an emission factor gave 95.99 t CO2/TJ instead of
89.27 with the bundled 0.93, +7.5 %, without a word). :func:`carbon_unit_notes` words the
warning of each such row, with the CO2 the carbon-content reading would give.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from carbonpath.errors import CarbonpathWarning, Problem
from carbonpath.plausibility import find_range

__all__ = ["CARBON_NOTE", "CONDITION_NOTE", "CONDITION_TOLERANCE", "ENERGY_COAL_TOLERANCE",
           "MIN_OXIDATION", "TCE_PER_TJ", "CarbonUnitWarning", "GasConditionWarning",
           "carbon_content_problems", "carbon_unit_notes", "condition_notes",
           "energy_coal_problem", "in_carbon", "per_mass_problems"]

MIN_OXIDATION = 0.8
"""Least oxidation factor taken as plausible (assumption): IPCC 2006 assumes 1; China's
provincial inventory guideline (2011) and the NDRC enterprise guides use 0.85-0.99 (coal in
small boilers and stoves at the low end; the bundled raw-coal default 0.93). The per-TJ
range's floor is multiplied by it for a carbon content with an oxidation factor, since the
IPCC range assumes full oxidation."""

_CO2_PER_C = 44.0 / 12.0

TCE_PER_TJ = 1.0 / 29.3076e-3
"""Standard coal per TJ by definition (GB/T 2589-2020: 1 kgce = 29.3076 MJ): 34.12."""

ENERGY_COAL_TOLERANCE = 0.05
"""Largest relative difference of a standard-coal coefficient per unit of energy from
:data:`TCE_PER_TJ` taken as that definition written (GB/T 2589's printed 0.1229 kgce/kWh is
0.05 % above 3.6 MJ / 29.3076; a rounded 0.12 is 2.3 % below); electricity's 等价值 (about
0.3 kgce/kWh) is 2.4 times it, a heat 等价值 with a boiler efficiency 15-40 % above it."""

CARBON_NOTE = "is written in carbon"
"""Text of every :func:`carbon_unit_notes` message (the loader gives those as
:class:`CarbonUnitWarning`)."""


class CarbonUnitWarning(CarbonpathWarning):
    """A CO2 emission factor of a fuel written in carbon (``t C/TJ``), likely a carbon content."""


def per_mass_problems(quantity: Sequence[str], gas: Sequence[str], item: Sequence[str],
                      basis: Sequence[str], den: Sequence[object], canon: np.ndarray,
                      region: Sequence[object], year: np.ndarray, lines: np.ndarray,
                      ranges: dict, name: str) -> list[tuple[int, Problem]]:
    """Problems of CO2 factors per t or Nm3 that disagree with their fuel's calorific value.

    Parameters
    ----------
    quantity, gas, item, basis, den, region : sequence of str, shape (n,)
        Per row of one factor table, as validated (item codes, canonical denominators).
    canon : numpy.ndarray of float, shape (n,)
        Each row's value in its canonical unit (t CO2/t, TJ/t, ...); NaN where invalid.
    year : numpy.ndarray of int, shape (n,)
        The row's year, -1 for any year.
    lines : numpy.ndarray, shape (n,)
        Row labels (file lines) for the messages.
    ranges : dict
        The plausible ranges (:func:`carbonpath.plausibility.read_ranges`).
    name : str
        The table's name.

    Returns
    -------
    list of (int, Problem)
        The index of the CO2 row and its problem (column ``value``), one per implausible pair.
    """
    ncv: dict[tuple, int] = {}
    for j, q in enumerate(quantity):
        if q == "calorific_value" and basis[j] == "net" and np.isfinite(canon[j]) and canon[j] > 0:
            ncv.setdefault((item[j], den[j], region[j], int(year[j])), j)
    out: list[tuple[int, Problem]] = []
    for i, q in enumerate(quantity):
        if q != "emission_factor" or gas[i] != "CO2" or den[i] not in ("t", "Nm3"):
            continue
        j = ncv.get((item[i], den[i], region[i], int(year[i])))
        if j is None or not np.isfinite(canon[i]):
            continue
        implied = canon[i] / canon[j]  # t CO2 per TJ
        rng = find_range(ranges, str(item[i]), "emission_factor", "CO2", "TJ")
        if rng is None or rng.low <= implied <= rng.high:
            continue
        per = "t" if den[i] == "t" else "Nm3"
        out.append((i, Problem(
            f"{item[i]} CO2 factor {canon[i]:.4g} t CO2/{per} over its calorific value "
            f"{canon[j] * 1e3:.4g} GJ/{per} (row {lines[j]}) is {implied * rng.to_unit:.4g} "
            f"{rng.unit}, outside the plausible range {rng.text} [{rng.source}] (a unit slip "
            "in one of the two rows, such as t vs 万吨?)",
            file=name, row=int(lines[i]), column="value", value=canon[i],
            valid="a CO2 factor per unit of fuel = calorific value x CO2 factor per TJ, or a "
                  "'plausibility' cell reading 'override: <reason>'")))
    return out


def carbon_content_problems(quantity: Sequence[str], item: Sequence[str],
                            key: Sequence[tuple], canon: np.ndarray, lines: np.ndarray,
                            ranges: dict, name: str) -> list[tuple[int, Problem]]:
    """Problems of carbon contents whose CO2 per TJ is outside their fuel's range.

    The CO2 per TJ implied by a carbon content (t C/TJ) and the oxidation factor of the same
    fuel, region, year, sector and technology in this table is ``C x 44/12 x oxidation``;
    it must lie within the fuel's per-TJ CO2 range (``plausible_ranges.csv``), the floor
    lowered by :data:`MIN_OXIDATION`. A carbon content without an oxidation factor in the
    table is checked with the oxidation anywhere in ``MIN_OXIDATION .. 1``.

    Parameters
    ----------
    quantity, item : sequence of str, shape (n,)
        Per row of one factor table, as validated (item codes).
    key : sequence of tuple, shape (n,)
        Per row (region, year, sector, technology): rows of one key pair up.
    canon : numpy.ndarray of float, shape (n,)
        Each row's value in its canonical unit (t C/TJ, dimensionless); NaN where invalid.
    lines : numpy.ndarray, shape (n,)
        Row labels (file lines) for the messages.
    ranges : dict
        The plausible ranges (:func:`carbonpath.plausibility.read_ranges`).
    name : str
        The table's name.

    Returns
    -------
    list of (int, Problem)
        The index of the row most likely slipped (the oxidation factor when ten or a hundred
        times it lands the CO2 inside the range and stays at most 1, else the carbon
        content) and its problem (column ``value``), one per implausible fuel and key.
    """
    ox: dict[tuple, int] = {}
    for j, q in enumerate(quantity):
        if q == "oxidation_factor" and np.isfinite(canon[j]):
            ox.setdefault((item[j], *key[j]), j)
    out: list[tuple[int, Problem]] = []
    for i, q in enumerate(quantity):
        if q != "carbon_content" or not np.isfinite(canon[i]) or canon[i] <= 0:
            continue
        rng = find_range(ranges, str(item[i]), "emission_factor", "CO2", "TJ")
        if rng is None:
            continue
        low, high = rng.low * MIN_OXIDATION, rng.high
        j = ox.get((item[i], *key[i]))
        full = canon[i] * _CO2_PER_C
        if j is None:
            if low <= full and full * MIN_OXIDATION <= high:
                continue
            implied, named, text = full, i, (
                f"carbon content {canon[i]:.4g} t C/TJ is {full * rng.to_unit:,.0f} {rng.unit} "
                "fully oxidised")
        else:
            implied = full * canon[j]
            if low <= implied <= high:
                continue
            named = j if any(low <= implied * k <= high and canon[j] * k <= 1
                             for k in (10.0, 100.0)) else i
            text = (f"carbon content {canon[i]:.4g} t C/TJ (row {lines[i]}) x 44/12 x "
                    f"oxidation factor {canon[j]:.4g} (row {lines[j]}) is "
                    f"{implied * rng.to_unit:,.0f} {rng.unit}")
        slip = ("the oxidation factor is a share (0.93, or 93 %), not a percent divided by "
                "ten" if named != i else "a slip in the carbon content (a factor of ten, or kg "
                "C/TJ for t C/TJ)")
        out.append((named, Problem(
            f"{item[i]}: {text}, outside its CO2 range {low * rng.to_unit:,.0f} .. "
            f"{high * rng.to_unit:,.0f} {rng.unit} ({rng.text} [{rng.source}], its floor x "
            f"{MIN_OXIDATION:g}, the least plausible oxidation factor): probably {slip}",
            file=name, row=int(lines[named]), column="value", value=canon[named],
            valid="carbon content x 44/12 x oxidation factor within the fuel's CO2 range per "
                  "TJ (raw coal: 26.18 t C/TJ x 44/12 x 0.93 = 89.3 t CO2/TJ), or a "
                  "'plausibility' cell reading 'override: <reason>'")))
    return out


def energy_coal_problem(item: str, canon: float) -> tuple[str, str] | None:
    """The problem of a standard-coal coefficient per unit of energy, or None if it is fine.

    Parameters
    ----------
    item : str
        The row's item code (``electricity``, ``heat``, a fuel).
    canon : float
        Its value in tce per TJ.

    Returns
    -------
    (str, str) or None
        (message, what is valid) when ``canon`` is more than :data:`ENERGY_COAL_TOLERANCE`
        from :data:`TCE_PER_TJ`; None otherwise.
    """
    if abs(canon / TCE_PER_TJ - 1.0) <= ENERGY_COAL_TOLERANCE:
        return None
    fixed = ("standard coal per unit of energy is fixed by definition (GB/T 2589-2020: 1 kgce "
             "= 29.3076 MJ, so 0.03412 tce/GJ, 0.1229 kgce/kWh); no table sets another, and "
             "this row would never be used")
    if item == "electricity":
        rate = canon * 3.6e-3  # kgce per kWh
        return (f"electricity standard_coal_coefficient of {rate:.4g} kgce/kWh: {fixed}. "
                "Electricity's calorific equivalent (当量值) is 0.1229 kgce/kWh; its 等价值 (the "
                "coal burned to make it, about 0.3 kgce/kWh) is the coal-consumption method, "
                "primary_electricity='coal_consumption', with a coal_rate",
                f"remove the row; for the 等价值, an electricity coal_rate row of {rate * 1e3:.4g} "
                "gce/kWh (basis supply or generation), with primary_electricity="
                "'coal_consumption' and that coal_rate_basis")
    if item == "heat":
        return (f"heat standard_coal_coefficient of {canon * 1e-3:.4g} tce/GJ: {fixed}. Heat is "
                "counted by its calorific equivalent (当量值, 0.03412 tce/GJ); the coal burned "
                "to make it is counted in the heat plants' own rows (heat_supply)",
                "remove the row (or 0.03412 tce/GJ)")
    return (f"{item} standard_coal_coefficient of {canon * 1e-3:.4g} tce/GJ: {fixed}. A fuel "
            "given in units of energy holds that energy in standard coal",
            f"remove the row, or give {item}'s coefficient per unit of fuel (kgce/kg, "
            "kgce/m3_20C)")


def in_carbon(unit: str) -> bool:
    """Whether a unit counts its gas as carbon (``t C/TJ``, ``kg C/GJ``, ``tC/t``)."""
    from carbonpath.units import parse_unit

    try:
        return "carbon" in dict(parse_unit(unit)._units)
    except Exception:  # (a unit carbonpath cannot read names no carbon; its reader says so)
        return False


def carbon_unit_notes(rows, oxidation) -> list[str]:
    """The warning texts of CO2 emission factors of fuels written in carbon units.

    Parameters
    ----------
    rows : pandas.DataFrame
        A validated factor table's rows (``item``, ``quantity``, ``gas``, ``unit``,
        ``value``, ``canon``, ``den``, ``file``, ``line``, ``region``, ``year``, ``sector``,
        ``technology``).
    oxidation : callable
        ``oxidation(row) -> (value, where) or None``: the oxidation factor a carbon content
        of the row's item and key would be multiplied by, and where it is from.

    Returns
    -------
    list of str
        One text per row of quantity ``emission_factor``, gas CO2, a fuel item and a unit
        in carbon (``t C/TJ``, ``kg C/GJ``; each holds :data:`CARBON_NOTE`), with the CO2
        as read and as a carbon content.
    """
    from carbonpath.codes import fuels

    out = []
    pick = rows[(rows["quantity"] == "emission_factor") & (rows["gas"] == "CO2")]
    for r in pick.itertuples(index=False):
        group = fuels().attr(str(r.item), "group") if str(r.item) in fuels().codes else ""
        if group in ("", "carrier") or not in_carbon(str(r.unit)):
            continue
        per = {"TJ": "TJ", "t": "t", "Nm3": "Nm3"}.get(str(r.den), str(r.den))
        read = float(r.canon)
        ox = oxidation(r)
        if ox is None:
            right = ("with an oxidation factor at the same level (China's guides: 0.93 for "
                     "raw coal, 0.98 for oil products, 0.99 for gas)")
        else:
            right = (f"{read * ox[0]:.4g} t CO2/{per} ({ox[0] - 1:+.1%}) with the oxidation "
                     f"factor {ox[0]:g} ({ox[1]})")
        out.append(
            f"factor table {r.file} line {r.line} ({r.item} emission_factor CO2 {r.value:g} "
            f"{r.unit}) {CARBON_NOTE}: it is read as {read:.4g} t CO2/{per} (x 44/12), the "
            "carbon fully oxidised. A fuel's carbon is what China's guides print as its "
            "carbon content (单位热值含碳量, per unit of energy), which carbonpath multiplies by "
            f"an oxidation factor: as a carbon content it would give {right}. If it is the "
            "carbon content, give it as quantity carbon_content (per unit of energy: t C/TJ) "
            "with an oxidation_factor row at the same level and no emission_factor; if it is "
            f"the carbon emitted, write it in t CO2/{per} ({read:.4g}) and this warning goes")
    return out


CONDITION_NOTE = "reads as the bundled value at another reference condition"
"""Text of every :func:`condition_notes` message (the loader gives those as
:class:`GasConditionWarning`)."""

CONDITION_TOLERANCE = 0.001
"""Largest relative distance of a user value per Nm3 from a bundled value times a ratio of
reference temperatures taken as that conversion (0.1 %: a converted value rounded to three
digits, 36.3 for 36.275, is 0.07 % off; a measured NCV lands in so narrow a band by chance
rarely)."""

#: Reference temperatures of gas volumes (K): m3_20C (China's energy statistics), Nm3, Sm3.
_TEMPERATURES = {"m3_20C": 293.15, "Nm3": 273.15, "Sm3": 288.15}
_LABELS = {"m3_20C": "m3 at 20 °C (m3_20C)", "Nm3": "Nm3 (0 °C)", "Sm3": "Sm3 (15 °C)"}
#: The pairs (written, meant) whose slip is looked for: a value per m3 at 20 °C or 15 °C
#: typed per Nm3, and the other way (15 °C against 20 °C, 1.7 % apart, is too close to
#: tell from a measured value).
_SLIPS = (("Nm3", "m3_20C"), ("m3_20C", "Nm3"), ("Nm3", "Sm3"), ("Sm3", "Nm3"))


class GasConditionWarning(CarbonpathWarning):
    """A user factor per gas volume that is a bundled value at another reference condition.

    Given by :func:`carbonpath.load_factors` for the texts of :func:`condition_notes`.
    """


def _unit_condition(unit: str) -> str:
    """The reference condition a factor unit names (``Nm3``, ``Sm3``, ``m3_20C``), or ''."""
    text = str(unit)
    for name in ("m3_20C", "Sm3", "Nm3"):
        if name.lower() in text.lower():
            return name
    return ""


def condition_notes(rows) -> list[str]:
    """Warning texts of user factors per gas volume read at the wrong reference condition.

    A gas's calorific value per m3 at 20 °C typed per Nm3 (round 28 ZD81: ``36.28 MJ/Nm3``,
    the bundled 38.931 MJ/Nm3 x 273.15/293.15) is inside the plausible range and lowers
    the gas's CO2 by 6.8 % without a word. A user row (layer 0) per unit of gas volume whose
    value is, within :data:`CONDITION_TOLERANCE`, a bundled row's value (same item,
    quantity, gas and basis) times the ratio of the two reference temperatures of a slip
    in :data:`_SLIPS` is named, with the unit that would read it as the bundled value. A
    measured value may land there (so a warning, not a refusal); a ``plausibility`` cell
    reading ``override: <reason>`` silences it.

    Parameters
    ----------
    rows : pandas.DataFrame
        A validated factor table's rows (``item``, ``quantity``, ``gas``, ``basis``,
        ``unit``, ``value``, ``canon``, ``den``, ``layer``, ``file``, ``line``,
        ``plausibility``); ``canon`` per Nm3 where ``den`` is ``Nm3``.

    Returns
    -------
    list of str
        One text per such user row (each holds :data:`CONDITION_NOTE`).
    """
    from carbonpath.factors.columns import user_row
    from carbonpath.plausibility import is_override

    gas = rows[(rows["den"] == "Nm3") & np.isfinite(rows["canon"].to_numpy(dtype=float))
               & (rows["canon"].to_numpy(dtype=float) > 0)]
    user, bundled = gas[gas["layer"] == 0], gas[gas["layer"] == 1]
    out = []
    for u in user.itertuples(index=False):
        written = _unit_condition(str(u.unit))
        if not written or is_override(getattr(u, "plausibility", "")):
            continue
        same = bundled[(bundled["item"] == u.item) & (bundled["quantity"] == u.quantity)
                       & (bundled["gas"] == u.gas) & (bundled["basis"] == u.basis)]
        for b in same.itertuples(index=False):
            hit = next((meant for w, meant in _SLIPS if w == written and abs(
                float(u.canon) / float(b.canon) * _TEMPERATURES[meant] / _TEMPERATURES[w]
                - 1.0) <= CONDITION_TOLERANCE), None)
            if hit is None:
                continue
            ratio = _TEMPERATURES[written] / _TEMPERATURES[hit]
            fixed = str(u.unit).replace(written, hit) if written in str(u.unit) else hit
            out.append(
                f"{user_row(str(u.file), u.line)} ({u.item} {u.quantity} {u.value:g} "
                f"{u.unit}) {CONDITION_NOTE}: it is the bundled {b.value:g} {b.unit} "
                f"({b.file} line {b.line}, {b.region}) x {_TEMPERATURES[written]:g}/"
                f"{_TEMPERATURES[hit]:g} = {ratio:.4f}, which is what a value per {_LABELS[hit]} "
                f"becomes when typed per {_LABELS[written]}. If the figure is per {hit}, "
                f"write its unit {fixed} (it is then read as the bundled value); if it was "
                f"measured per {written}, keep it and write 'override: <reason>' in its "
                "plausibility cell (the warning then goes)")
            break
    return out
