"""The gas reference condition a balance sheet's own notes declare (round 15, K104).

China's energy balances meter gas at 20 °C, and a sheet often says so in a note under the
table (the sample: ``天然气和焦炉煤气按20°C计量 ... gas volumes at 20 °C``). An option that
contradicts the sheet's own note is a slip of the option (or of the sheet): taken without
a word, ``--gas-condition 0C`` on the sample moved the city by 0.13 Mt CO2. The CLI's rule
for options the input contradicts (``--year``, ``--region`` against the rows' own) applies:
:func:`declared_gas_condition` reads the note, and
:func:`carbonpath.read_energy_balance` refuses a ``gas_condition`` that disagrees with it,
naming both, and takes the note's condition when none is given.

Recognised: a temperature with ``°C``, ``℃``, ``度`` or ``摄氏度`` after ``按``, ``at``
or ``于`` within a note that speaks of gas (``气``, ``gas``), one of 0, 15 or 20; and
``标准状况`` / ``标况`` / ``normal conditions`` (0 °C). Notes naming two conditions are
ambiguous and read as none by :func:`declared_gas_condition`; :func:`gas_condition_parts`
gives each condition with the part of the note that says it, so that a note contradicting
itself (``按0°C计量 ... gas volumes at 20 °C``, round 16 M68) is refused naming both parts.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

from carbonpath.errors import ArgumentValueError, CarbonpathWarning, DataError, Problem

__all__ = ["check_note_agrees", "declared_gas_condition", "gas_condition_parts"]

_DEGREES = re.compile(r"(?:按|at|于)\s*(\d{1,2})\s*(?:°\s*C|℃|摄氏度|度|degrees? C)",
                      re.IGNORECASE)
_NORMAL = re.compile(r"标准状况|标况|normal conditions", re.IGNORECASE)
_KNOWN = {"0": "0C", "15": "15C", "20": "20C"}
#: Where a note's clauses end: Chinese and Latin sentence and clause marks (a full stop only
#: before a space or the end, so that 101.325 kPa stays whole).
_CLAUSE = re.compile(r"[。；;！!？?]|\.(?=\s|$)")


def declared_gas_condition(notes: Iterable[str]) -> tuple[str, str] | None:
    """The gas reference condition the notes declare, and the note that says it.

    Parameters
    ----------
    notes : iterable of str
        The note lines under (or above) a balance sheet's table, as
        :attr:`carbonpath.accounting.balance_sheet.BalanceSheet.notes` holds them.

    Returns
    -------
    tuple of (str, str) or None
        (``"20C"``, ``"0C"`` or ``"15C"``, the note's text); None when no note about gas
        names a condition, or notes name different ones.
    """
    found: dict[str, str] = {}
    for note in notes:
        text = str(note)
        for condition, _ in _conditions(text):
            found.setdefault(condition, text)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def gas_condition_parts(notes: Iterable[str]) -> list[tuple[str, str]]:
    """Each gas condition the notes name, with the clause of the note that names it first.

    Parameters
    ----------
    notes : iterable of str
        As for :func:`declared_gas_condition`.

    Returns
    -------
    list of (str, str)
        (``"20C"``, ``"0C"`` or ``"15C"``, the clause, e.g. ``天然气和焦炉煤气按0°C计量``),
        in the order the notes name them; more than one item means the notes contradict
        each other (or one note itself).
    """
    found: dict[str, str] = {}
    for note in notes:
        for condition, clause in _conditions(str(note)):
            found.setdefault(condition, clause)
    return list(found.items())


def _conditions(text: str) -> list[tuple[str, str]]:
    """(condition, clause) of every condition one note about gas names, in order."""
    if "气" not in text and "gas" not in text.lower():
        return []
    out: list[tuple[str, str]] = []
    start = 0
    for end in [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]:
        clause = text[start:end].strip()
        start = end + 1
        out += [(_KNOWN[m.group(1)], clause) for m in _DEGREES.finditer(clause)
                if m.group(1) in _KNOWN]
        if _NORMAL.search(clause):
            out.append(("0C", clause))
    return out


def check_note_agrees(notes: Iterable[str], name: str, given: str | None) -> None:
    """Refuse (or, with a condition given, warn of) notes that name two gas conditions.

    Parameters
    ----------
    notes : iterable of str
        The sheet's notes.
    name : str
        The sheet's name, for the messages.
    given : {"20C", "0C", "15C"} or None
        The ``gas_condition`` option, if given.

    Raises
    ------
    DataError
        The notes name two or more conditions and no option chooses: names each part.
    ArgumentValueError
        The option names a condition none of those parts says.

    Warns
    -----
    CarbonpathWarning
        The option chooses one of the notes' conditions: names the parts and the choice.
    """
    parts = gas_condition_parts(notes)
    if len(parts) < 2:
        return
    listed = " and ".join(f"'{clause}' ({cond})" for cond, clause in parts)
    choices = " or ".join(cond for cond, _ in parts)
    said = f"the sheet's notes declare its gas volumes at {len(parts)} conditions: {listed}"
    if given is None:
        raise DataError(Problem(
            f"{said}, so its gas rows cannot be read one sure way: correct the note, or "
            f"choose with --gas-condition (gas_condition=) {choices}", file=name,
            valid="one gas condition in the notes"))
    if given not in {cond for cond, _ in parts}:
        raise ArgumentValueError(
            f"{name}: the option gas_condition (--gas-condition) {given} is none of the "
            f"conditions the sheet's notes declare: {listed}; valid: {choices}")
    warnings.warn(f"{name}: {said}; the option's {given} is used (correct the note)",
                  CarbonpathWarning, stacklevel=4)
