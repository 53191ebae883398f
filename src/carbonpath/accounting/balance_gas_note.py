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
ambiguous and read as none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["declared_gas_condition"]

_DEGREES = re.compile(r"(?:按|at|于)\s*(\d{1,2})\s*(?:°\s*C|℃|摄氏度|度|degrees? C)",
                      re.IGNORECASE)
_NORMAL = re.compile(r"标准状况|标况|normal conditions", re.IGNORECASE)
_KNOWN = {"0": "0C", "15": "15C", "20": "20C"}


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
        if "气" not in text and "gas" not in text.lower():
            continue
        for m in _DEGREES.finditer(text):
            if m.group(1) in _KNOWN:
                found.setdefault(_KNOWN[m.group(1)], text)
        if _NORMAL.search(text):
            found.setdefault("0C", text)
    if len(found) != 1:
        return None
    return next(iter(found.items()))
