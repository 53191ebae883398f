"""Cells of ``gas_condition`` and ``energy_basis`` on rows that do not read them.

A reference condition is read only for a plain gas volume (m3, 亿立方米), and a calorific
basis only for a fuel given in J or Wh. A cell filled on any other row used to be ignored in
silence (round 10, A01-A03); the CLI already refused the same thing as an option. Each such
cell is now a problem naming the row and the column, except where it says exactly what the
unit already says (``0C`` on Nm3, ``15C`` on Sm3, ``net`` on standard coal): those are
harmless and accepted (docs/activity.md, "Columns that apply to some rows only").
"""

from __future__ import annotations

import re

import numpy as np

from carbonpath.accounting.activity.checker import _Checker, _objects
from carbonpath.codes import fuels
from carbonpath.errors import UnitError
from carbonpath.units import Q_, parse_unit

__all__ = ["is_coal_equivalent", "misplaced_cells"]

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
