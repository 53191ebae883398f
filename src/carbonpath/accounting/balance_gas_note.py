"""The gas reference condition a balance sheet's own notes declare (round 15, K104).

China's energy balances meter gas at 20 °C, and a sheet often says so in a note under the
table (the sample: ``天然气和焦炉煤气按20°C计量 ... gas volumes at 20 °C``). An option that
contradicts the sheet's own note is a slip of the option (or of the sheet): taken without
a word, ``--gas-condition 0C`` on the sample moved the city by 0.13 Mt CO2. The CLI's rule
for options the input contradicts (``--year``, ``--region`` against the rows' own) applies:
:func:`declared_gas_condition` reads the note, and
:func:`carbonpath.read_energy_balance` refuses a ``gas_condition`` that disagrees with it,
naming both, and takes the note's condition when none is given.

Recognised: a temperature with ``°C``, ``℃`` or ``摄氏度`` anywhere within a note that
speaks of gas (``气``, ``gas``), or with ``度`` after ``按``, ``at`` or ``于``, one of 0, 15
or 20 (round 25 Z19: ``按标准状态(0°C)计量`` and ``按(0°C)计量`` had been passed over and
read as 20 °C); and ``标准状况`` / ``标况`` / ``normal conditions`` (0 °C).

A gas note that names its condition by a word without a temperature that is 0 °C to some
and 20 °C to others (``标准状态``: 0 °C in physics and chemistry, 20 °C in China's gas trade;
``标准立方米``, ``standard conditions``; :data:`VAGUE_WORDS`), or a temperature carbonpath has
no condition for (25 °C), is read as no condition; :func:`vague_gas_notes` gives those
clauses, and the sheet reader warns (a :class:`GasConditionWarning`) when no option chooses
(round 25 Z21: ``天然气按标准状态计量`` was read at 20 °C without a word).

Notes naming two conditions are ambiguous and read as none by
:func:`declared_gas_condition`; :func:`gas_condition_parts` gives each condition with the
part of the note that says it, so that a note contradicting itself (``按0°C计量 ... gas
volumes at 20 °C``, round 16 M68) is refused naming both parts.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

from carbonpath.errors import ArgumentValueError, CarbonpathWarning, DataError, Problem

__all__ = ["VAGUE_WORDS", "check_note_agrees", "declared_gas_condition", "gas_condition_parts",
           "vague_gas_notes", "warn_vague_gas_notes"]

_DEGREES = re.compile(r"(?:(?:按|at|于)\s*(\d{1,2})\s*(?:度|degrees? C)"
                      r"|(?<![\d.])(\d{1,2})\s*(?:°\s*C|℃|摄氏度))", re.IGNORECASE)
VAGUE_WORDS = re.compile(r"标准状态|标准条件|标准立方米|标立方米|标方"
                         r"|standard (?:conditions?|state|cubic met)", re.IGNORECASE)
"""Words naming a gas reference condition that is 0 °C to some and 20 °C to others: 标准状态
(standard state: 0 °C, 101.325 kPa in physics and chemistry, where it is 标准状况; 20 °C,
101.325 kPa in China's gas trade and energy statistics), 标准条件, 标准立方米 (the Nm3 of
engineering, 0 °C; the trade's standard cubic metre, 20 °C), standard conditions (15 °C in ISO
13443)."""
_NORMAL = re.compile(r"标准状况|标况|normal conditions", re.IGNORECASE)
_KNOWN = {"0": "0C", "15": "15C", "20": "20C"}
_GAS_WORDS = re.compile(r"天然气|煤气|燃气|液化气|气体|气量|立方米|计量|m3|gas|volume",
                        re.IGNORECASE)
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
        out += [(_KNOWN[t], clause) for t in _temperatures(clause) if t in _KNOWN]
        if _NORMAL.search(clause):
            out.append(("0C", clause))
    return out


def _temperatures(clause: str) -> list[str]:
    """The temperatures (degrees C, as written) a clause names, in order.

    One after ``按``, ``at`` or ``于`` counts in any clause of a gas note; one elsewhere
    (``标准状态(0°C)``) only in a clause that names a gas or a metering (:data:`_GAS_WORDS`),
    so that an air temperature (``平均气温15℃``) is not read as a gas condition.
    """
    metered = _GAS_WORDS.search(clause) is not None
    return [m.group(1) or m.group(2) for m in _DEGREES.finditer(clause)
            if m.group(1) or metered]


def vague_gas_notes(notes: Iterable[str]) -> list[tuple[str, str]]:
    """Clauses of gas notes that name a condition carbonpath cannot read one sure way.

    Parameters
    ----------
    notes : iterable of str
        As for :func:`declared_gas_condition`.

    Returns
    -------
    list of (str, str)
        (what the clause says: a word of :data:`VAGUE_WORDS` or a temperature other than 0,
        15 and 20 °C, the clause), for each clause about gas that names no condition
        :func:`gas_condition_parts` reads.
    """
    out: list[tuple[str, str]] = []
    for note in notes:
        text = str(note)
        if "气" not in text and "gas" not in text.lower():
            continue
        start = 0
        for end in [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]:
            clause = text[start:end].strip()
            start = end + 1
            temps = _temperatures(clause)
            if any(t in _KNOWN for t in temps) or _NORMAL.search(clause):
                continue
            word = VAGUE_WORDS.search(clause)
            odd = [t for t in temps if t not in _KNOWN]
            if word or odd:
                out.append((word.group(0) if word else f"{odd[0]} °C", clause))
    return out


def warn_vague_gas_notes(notes: Iterable[str], name: str, used: str) -> None:
    """Warn of each :func:`vague_gas_notes` clause, saying the condition used.

    Parameters
    ----------
    notes : iterable of str
        The sheet's notes.
    name : str
        The sheet's name, for the message.
    used : {"20C", "0C", "15C"}
        The condition the sheet's gas volumes are read at.

    Warns
    -----
    GasConditionWarning
        Naming the clause, what it says, the condition used and the option that decides.
    """
    from carbonpath.accounting.activity.scope import GasConditionWarning

    for said, clause in vague_gas_notes(notes):
        what = (f"'{said}' names no temperature: 0 °C (101.325 kPa) to some (标准状况, the Nm3 "
                "of engineering), 20 °C to others (China's gas trade and energy statistics)"
                if not said.endswith("°C") else
                f"{said} is no condition carbonpath reads (0, 15 or 20 °C)")
        warnings.warn(
            f"{name}: the note '{clause}' gives the gas reference condition, but {what}; the "
            f"sheet's gas volumes are read at {used[:-1]} °C. Give gas_condition (--gas-condition) "
            "0C or 20C to say which (the warning then goes), or write the temperature in the "
            "note (按0℃计量)", GasConditionWarning, stacklevel=5)


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
