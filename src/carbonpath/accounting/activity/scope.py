"""Cells of ``gas_condition`` and ``energy_basis`` on rows that do not read them.

A reference condition is read only for a plain gas volume (m3, 亿立方米), and a calorific
basis only for a fuel given in J or Wh. A cell filled on any other row used to be ignored in
silence (round 10, A01-A03); the CLI already refused the same thing as an option. Each such
cell is now a problem naming the row and the column, except where it says exactly what the
unit already says (``0C`` on Nm3, ``15C`` on Sm3, ``net`` on standard coal): those are
harmless and accepted (docs/activity.md, "Columns that apply to some rows only").

One table meters its gas volumes at one reference condition (China's energy statistics at
20 °C). Plain gas volumes of one file at two conditions (round 18 Q79: one row at 0C among
rows at 20C, +11 kt CO2 without a word) warn (:func:`warn_mixed_conditions`), naming the
rows of each condition and what the odd rows would hold at the usual one: a file put
together from two sources may be right, so it is not refused.

One table gives its fuels in J or Wh on one calorific basis too (China's statistics: net).
Rows of one file at net and at gross (round 29 ZE70: ``--energy-basis gross`` filling a
blank cell beside a row saying ``net``, 7.5 % of the gas's CO2 off without a word) warn
the same way (:func:`warn_mixed_bases`), naming the rows of each basis and the ratio the
odd rows' energy would take on the usual one.
"""

from __future__ import annotations

import math
import re
import warnings
from typing import Any

import numpy as np

from carbonpath.accounting.activity.checker import _Checker, _objects
from carbonpath.codes import fuels
from carbonpath.errors import CarbonpathWarning, UnitError
from carbonpath.units import Q_, parse_unit

__all__ = ["EnergyBasisWarning", "GasConditionWarning", "is_coal_equivalent",
           "misplaced_cells", "overridden_defaults", "warn_mixed_bases",
           "warn_mixed_conditions"]

#: Temperature (K) of each reference condition, all at 101.325 kPa.
_KELVIN = {"0C": 273.15, "15C": 288.15, "20C": 293.15}
#: The units that name a reference condition, by condition (for messages).
_UNIT_NAMES = {"0C": "Nm3, normal m3", "15C": "Sm3, standard m3", "20C": "m3_20C"}


def _unit_condition(q: Any) -> str:
    """The reference condition an amount-of-gas unit names (``Nm3``: 0C), else ''.

    ``q`` is one of the unit (a pint Quantity). A unit that is a power of ten of ``Nm3``,
    ``Sm3`` or ``m3_20C`` names that unit's condition; a plain volume names none.
    """
    if not q.check("[substance]"):
        return ""
    for cond, unit in (("0C", "Nm3"), ("15C", "Sm3"), ("20C", "m3_20C")):
        power = math.log10(float((q / Q_(1.0, unit)).to("").magnitude))
        if abs(power - round(power)) < 1e-9:
            return cond
    return ""


class GasConditionWarning(CarbonpathWarning):
    """Gas volumes of one table at two reference conditions (one of them a slip?).

    Also a balance sheet's gas note naming its condition by a word without a temperature
    (``标准状态``: :func:`carbonpath.accounting.balance_gas_note.warn_vague_gas_notes`).
    """

class EnergyBasisWarning(CarbonpathWarning):
    """Fuels in J or Wh of one table on two calorific bases, net and gross (round 29 ZE70)."""


#: Net over gross calorific value by fuel group, for messages only (IPCC 2006 Vol.2 Ch.1
#: 1.4.1.2; the inventory converts with the factor table's ``ncv_gcv_ratio``, whose bundled
#: rows hold these values; a group other than coal, oil and gas takes coal's, as there).
_NCV_GCV = {"gas": 0.9, "coal": 0.95, "oil": 0.95}

_LABELS = {"0C": "0C: 0 °C, 101.325 kPa", "15C": "15C: 15 °C, 101.325 kPa"}
_COAL_EQUIVALENT = re.compile(r"标准?煤|ce\b|coal_equivalent")


def is_coal_equivalent(unit: str) -> bool:
    """Whether an energy unit is standard coal (tce, 万吨标准煤), net by definition.

    Parameters
    ----------
    unit : str
        A unit as written in an activity row.

    Returns
    -------
    bool
        True for spellings of standard coal equivalent (29.3076 GJ/tce, GB/T 2589-2020).
    """
    return _COAL_EQUIVALENT.search(unit) is not None


def _given(chk: _Checker, column: str) -> np.ndarray:
    """Rows whose cell of ``column`` holds text (shape (n,), bool)."""
    if column not in chk.df.columns:
        return np.zeros(len(chk.df), dtype=bool)
    text = np.array([str(v).strip() for v in _objects(chk.df[column])], dtype=object)
    return ~np.isin(text, ["", "nan", "None", "<NA>", "NaN"])


def _implied_condition(q) -> str:
    """The condition an amount-of-gas unit states: 0C for (万, 亿)Nm3, 15C for Sm3."""
    for cond, base in (("0C", "Nm3"), ("15C", "Sm3")):
        exponent = np.log10(float(q.to(base).magnitude))
        if abs(exponent - round(exponent)) < 1e-9:
            return cond
    return ""


def _condition_problem(fuel: str, unit: str, cond: str) -> tuple[str, str] | None:
    """Why a ``gas_condition`` cell does not apply to a row of ``fuel`` in ``unit``."""
    q = Q_(1.0, parse_unit(unit))
    gas = fuels().attr(fuel, "state") == "gas"
    if gas and q.check("[length]**3"):
        return None
    if gas and q.check("[substance]"):
        implied = _implied_condition(q)
        if cond == implied:
            return None  # says what the unit says: harmless
        return (f"{unit} is already a volume at a stated condition "
                f"({_LABELS.get(implied, 'an amount of gas')}); gas_condition {cond} "
                "contradicts it",
                "leave gas_condition empty on this row, or give the metered volume in m3 "
                "(亿立方米) with its condition")
    return (f"gas_condition applies only to plain gas volumes (m3, 亿立方米); this row is "
            f"{fuel} in {unit}, which it would not change",
            "leave gas_condition empty on this row")


def _basis_problem(fuel: str, unit: str, basis: str) -> tuple[str, str] | None:
    """Why an ``energy_basis`` cell does not apply to a row of ``fuel`` in ``unit``."""
    q = Q_(1.0, parse_unit(unit))
    if not q.check("[energy]"):
        return (f"energy_basis applies only to fuels given in J or Wh; this row is {fuel} in "
                f"{unit}, which it would not change", "leave energy_basis empty on this row")
    if fuels().attr(fuel, "group") == "carrier":
        if fuel in ("electricity", "heat") and is_coal_equivalent(unit):
            return None  # read, or refused with its reason, by the unit rule (uses.py)
        return (f"{fuel} in {unit} has no calorific basis (energy_basis is for fuels given in "
                "J or Wh, and for electricity or heat in standard coal)",
                "leave energy_basis empty on this row")
    if is_coal_equivalent(unit) and basis in ("calorific", "equivalent"):
        return (f"energy_basis {basis} is for electricity or heat in standard coal; {fuel} in "
                f"{unit} is net by definition (29.3076 GJ/tce, GB/T 2589)",
                "leave energy_basis empty (or net) on this row")
    if basis in ("calorific", "equivalent"):
        return None  # a fuel in J or Wh: refused by the unit rule, with its reason
    if is_coal_equivalent(unit):
        if basis == "net":
            return None  # standard coal is net by definition: harmless
        return (f"standard coal ({unit}) is net by definition (29.3076 GJ/tce, GB/T 2589); "
                f"energy_basis {basis} contradicts it",
                "leave energy_basis empty (or net) on this row")
    return None


def misplaced_cells(chk: _Checker, fuel_c: np.ndarray, fuel_cats: list[str],
                    unit_c: np.ndarray, unit_uniq: list[str], cond_c: np.ndarray,
                    cond_cats: list[str], basis_c: np.ndarray, basis_cats: list[str]) -> None:
    """Record a problem for each filled cell of a row that does not read it.

    Only cells written in the table count: a default from ``read_activity(gas_condition=...)``
    or ``energy_basis=...`` applies to the rows that read it and is checked by the caller.

    Parameters
    ----------
    chk : _Checker
        The table's checker; problems are appended to ``chk.problems``.
    fuel_c, unit_c, cond_c, basis_c : numpy.ndarray
        Codes per row, shape (n,), into ``fuel_cats``, ``unit_uniq``, ``cond_cats`` and
        ``basis_cats``.
    """
    for column, codes, cats, why in (("gas_condition", cond_c, cond_cats, _condition_problem),
                                     ("energy_basis", basis_c, basis_cats, _basis_problem)):
        given = _given(chk, column)
        if not given.any():
            continue
        triples = np.unique(np.stack([fuel_c[given], unit_c[given], codes[given]], axis=1),
                            axis=0)
        for f, u, c in triples:
            if not cats[c] or not fuel_cats[f]:
                continue  # an unknown value or fuel: reported already
            try:
                found = why(fuel_cats[f], unit_uniq[u], cats[c])
            except UnitError:  # an unknown unit: reported by the unit check
                continue
            if found:
                rows = given & (fuel_c == f) & (unit_c == u) & (codes == c)
                chk.add(rows, column, found[0], cats[c], found[1])


def _reads(fuel: str, unit: str, column: str, default: str) -> bool:
    """Whether a row of ``fuel`` in ``unit`` reads a ``column`` default of ``default``."""
    try:
        q = Q_(1.0, parse_unit(unit))
    except UnitError:
        return False  # an unknown unit: reported by the unit check
    if column == "gas_condition":
        return fuels().attr(fuel, "state") == "gas" and q.check("[length]**3")
    if not q.check("[energy]"):
        return False
    if default in ("calorific", "equivalent"):  # electricity or heat in standard coal
        return fuel in ("electricity", "heat") and is_coal_equivalent(unit)
    return fuels().attr(fuel, "group") != "carrier" and not is_coal_equivalent(unit)


def overridden_defaults(chk: _Checker, fuel_c: np.ndarray, fuel_cats: list[str],
                        unit_c: np.ndarray, unit_uniq: list[str],
                        defaults: dict[str, tuple[str, np.ndarray, list[str]]]) -> None:
    """Record a problem for an argument default that every row reading it overrides.

    ``read_activity(energy_basis='gross')`` gives the basis of rows in J or Wh whose
    ``energy_basis`` cell is blank. When every such row names its own basis and some say
    another one, the argument is read by no row and would be ignored in silence (round 21
    J108: ``--energy-basis gross`` beside a row saying ``net``); the same for
    ``gas_condition`` and plain gas volumes (round 13 G76, which the CLI refused alone).

    Parameters
    ----------
    chk : _Checker
        The table's checker; problems are appended to ``chk.problems``.
    fuel_c, unit_c : numpy.ndarray
        Codes per row, shape (n,), into ``fuel_cats`` and ``unit_uniq``.
    defaults : dict
        Per column (``gas_condition``, ``energy_basis``): the argument as given, and the
        column's codes per row (shape (n,)) into its categories as read (blank cells take
        the argument). Columns whose argument is None are left out.
    """
    for column, (given_arg, codes, cats) in defaults.items():
        default = _resolved_default(column, given_arg)
        given = _given(chk, column)
        if not default or not given.any():
            continue
        reads = np.zeros(len(fuel_c), dtype=bool)
        for f, u in {(int(f), int(u)) for f, u in zip(fuel_c, unit_c, strict=True)}:
            if fuel_cats[f] and _reads(fuel_cats[f], unit_uniq[u], column, default):
                reads |= (fuel_c == f) & (unit_c == u)
        if not reads.any() or (reads & ~given).any():
            continue  # no row reads it (the CLI says so), or a blank cell takes it
        said = np.asarray(cats, dtype=object)[codes]
        other = reads & (said != default)
        if not other.any():
            continue  # every cell says what the argument says: harmless
        noun = ("gas volume" if column == "gas_condition"
                else "standard-coal electricity or heat" if default in (
                    "calorific", "equivalent") else "J or Wh fuel")
        chk.add(other, column,
                f"{column}={given_arg!r} gives the {column.replace('_', ' ')} of {noun} rows "
                f"whose {column} cell is blank, but every {noun} row of the input names its "
                f"own in its {column} cell, so it would be ignored; these rows say "
                f"{', '.join(sorted(set(said[other])))}",
                str(said[other][0]),
                f"correct the rows' {column} cells (the argument applies to blank cells only) "
                f"or leave {column}=... out")


def _resolved_default(column: str, value: str) -> str:
    """The code of an argument default (empty if unknown: reported by read_activity)."""
    from carbonpath.accounting.activity.schema import _BASIS_ALIASES
    from carbonpath.accounting.activity.uses import _resolve_condition

    if value is None:
        return ""
    if column == "gas_condition":
        return _resolve_condition(str(value)) or ""
    return _BASIS_ALIASES.get(str(value).strip().lower(), "")


def warn_mixed_conditions(name: str, labels: np.ndarray, fuel_c: np.ndarray,
                          fuel_cats: list[str], unit_c: np.ndarray, unit_uniq: list[str],
                          cond_c: np.ndarray, cond_cats: list[str]) -> None:
    """Warn when a table's plain gas volumes are at two or more reference conditions.

    Parameters
    ----------
    name : str
        The file or DataFrame name, for messages.
    labels : numpy.ndarray
        Row labels (file lines), shape (n,).
    fuel_c, unit_c, cond_c : numpy.ndarray
        Codes per row, shape (n,), into ``fuel_cats``, ``unit_uniq`` and ``cond_cats`` (the
        condition as read, a default of ``read_activity(gas_condition=...)`` included).

    Warns
    -----
    GasConditionWarning
        Per condition other than the one most rows use, naming its rows, the usual
        condition and its rows, and the factor T_odd / T_usual (0.9318 for 0C among 20C)
        the odd rows' amounts of gas would take at the usual condition.
    """
    reads = np.zeros((max(len(fuel_cats), 1), max(len(unit_uniq), 1)), dtype=bool)
    fixed = np.full(reads.shape, "", dtype=object)  # the condition a unit names (Nm3: 0C)
    pairs = np.unique(np.stack([fuel_c, unit_c], axis=1), axis=0) if len(fuel_c) else []
    for f, u in pairs:
        try:
            q = Q_(1.0, parse_unit(unit_uniq[u]))
        except UnitError:
            continue
        gas = bool(fuel_cats[f]) and fuels().attr(fuel_cats[f], "state") == "gas"
        fixed[f, u] = _unit_condition(q) if gas else ""
        reads[f, u] = gas and (q.check("[length]**3") or bool(fixed[f, u]))
    mask = reads[fuel_c, unit_c] if len(fuel_c) else np.zeros(0, dtype=bool)
    conds = np.asarray(cond_cats, dtype=object)[cond_c[mask]]
    by_unit = fixed[fuel_c, unit_c][mask] if len(fuel_c) else np.zeros(0, dtype=object)
    conds = np.where(by_unit != "", by_unit, conds)  # round 22 M153: 万Nm3 among 20C rows
    found = [c for c in dict.fromkeys(conds) if c in _KELVIN]
    if len(found) < 2:
        return
    count = {c: int((conds == c).sum()) for c in found}
    usual = max(found, key=lambda c: count[c])
    rows = {c: [str(x) for x in np.asarray(labels)[mask][conds == c]] for c in found}
    for odd in (c for c in found if c != usual):
        unit = bool((by_unit[conds == odd] != "").all())
        said = (f"column 'unit': {count[odd]} gas volume row(s) in a unit at {odd} "
                f"({_UNIT_NAMES[odd]})" if unit else
                f"column 'gas_condition': {count[odd]} gas volume row(s) at {odd}")
        warnings.warn(
            f"{name}, {'rows' if count[odd] > 1 else 'row'} {', '.join(rows[odd])}, "
            f"{said}, while "
            f"{count[usual]} other(s) of the table (rows "
            f"{', '.join(rows[usual])}) are at {usual}; one table meters its gas at one "
            f"reference condition (China's energy statistics: 20C). At {usual} these rows "
            f"would hold {_KELVIN[odd] / _KELVIN[usual]:.4g} times the gas they hold at "
            f"{odd} ({_KELVIN[odd]:g} K / {_KELVIN[usual]:g} K). Check the rows' "
            + ("unit (a figure at 20C typed with Nm3?)" if unit else "gas_condition")
            + "; if they are right, ignore this warning",
            GasConditionWarning, stacklevel=4)


def warn_mixed_bases(name: str, labels: np.ndarray, fuel_c: np.ndarray,
                     fuel_cats: list[str], unit_c: np.ndarray, unit_uniq: list[str],
                     basis_c: np.ndarray, basis_cats: list[str],
                     given: np.ndarray | None = None) -> None:
    """Warn when a table's fuels in J or Wh are on both calorific bases, net and gross.

    Parameters
    ----------
    name : str
        The file or DataFrame name, for messages.
    labels : numpy.ndarray
        Row labels (file lines), shape (n,).
    fuel_c, unit_c, basis_c : numpy.ndarray
        Codes per row, shape (n,), into ``fuel_cats``, ``unit_uniq`` and ``basis_cats`` (the
        basis as read, a default of ``read_activity(energy_basis=...)`` included).
    given : numpy.ndarray, optional
        Rows whose ``energy_basis`` cell is written (shape (n,), bool); the others took
        the argument, which the message then names.

    Warns
    -----
    EnergyBasisWarning
        Naming the rows of the basis fewer rows use (gross on a tie: China's statistics
        are net), the rows of the other, and per fuel group of the odd rows the ratio
        their energy would take read on the usual basis (net = 0.9 x gross for gas, 0.95
        for coal and oil). Rows in standard coal (net by definition) and carriers are not
        counted: they read no basis.
    """
    if not len(fuel_c):
        return
    reads = np.zeros((max(len(fuel_cats), 1), max(len(unit_uniq), 1)), dtype=bool)
    for f, u in np.unique(np.stack([fuel_c, unit_c], axis=1), axis=0):
        if not fuel_cats[f] or fuels().attr(fuel_cats[f], "group") == "carrier":
            continue
        try:
            q = Q_(1.0, parse_unit(unit_uniq[u]))
        except UnitError:
            continue
        reads[f, u] = q.check("[energy]") and not is_coal_equivalent(unit_uniq[u])
    mask = reads[fuel_c, unit_c]
    said = np.asarray(basis_cats, dtype=object)[basis_c]
    count = {b: int((mask & (said == b)).sum()) for b in ("net", "gross")}
    if not (count["net"] and count["gross"]):
        return
    odd = "gross" if count["gross"] <= count["net"] else "net"
    usual = "net" if odd == "gross" else "gross"
    rows = {b: [str(x) for x in np.asarray(labels)[mask & (said == b)]] for b in count}
    sel = mask & (said == odd)
    groups = sorted({str(fuels().attr(fuel_cats[f], "group")) for f in np.unique(fuel_c[sel])})
    ratios = []
    for grp in groups:
        r = _NCV_GCV.get(grp, _NCV_GCV["coal"])
        ratios.append(f"{grp} {r:g}" if odd == "gross" else f"{grp} {1 / r:.4g}")
    blank = given is not None and not bool(given[sel].any())
    how = (f"blank cells, which take the energy_basis argument {odd} (--energy-basis {odd})"
           if blank else f"cells saying {odd}")
    if odd == "gross":
        effect = (f"they are counted at net = gross x ncv_gcv_ratio ({', '.join(ratios)}); "
                  f"if they are net like the other rows, their energy and CO2 are "
                  f"{', '.join(f'{1 / _NCV_GCV.get(g, 0.95):.4g}' for g in groups)} times "
                  "what is counted")
    else:
        effect = (f"they are counted as net; if they are gross like the other rows, their "
                  f"energy and CO2 are {', '.join(ratios)} times what is counted (net = "
                  "gross x ncv_gcv_ratio)")
    def _rows(b: str) -> str:
        return ("rows " if len(rows[b]) > 1 else "row ") + ", ".join(rows[b])

    warnings.warn(
        f"{name}, {_rows(odd)}, column 'energy_basis': {len(rows[odd])} fuel row(s) in J or "
        f"Wh on the {odd} calorific basis ({how}), while {len(rows[usual])} other(s) "
        f"({_rows(usual)}) are {usual}; one table states its energy on one basis (China's "
        f"energy statistics: net, NCV): {effect}. Check the rows' energy_basis"
        + (" and the energy_basis argument" if blank else "")
        + "; if they are right, ignore this warning", EnergyBasisWarning, stacklevel=4)
