"""The one rewriting of unit text before pint reads it (a pint preprocessor of ``ureg``).

pint reads ``10 000 t`` as ``10 * 000 * t`` (0 t) and ``10 8 kWh`` as 80 kWh: two numbers
side by side are multiplied. Statistical tables print thousands grouped by a space or a
comma (the China Energy Statistical Yearbook's English headers: ``Raw Coal (10 000 tons)``),
so every unit string of every file and every call (``parse_unit``, ``Q_``, ``ureg(...)``)
goes through :func:`unit_text` first, registered as a pint preprocessor
(``ureg.preprocessors``), which

* joins digits grouped by thousands (``10 000``, ``10,000``, ``1 000 000``: a first group of
  1-3 digits, then groups of exactly 3, one separator kind) into one number;
* refuses any other run of numbers separated by spaces or commas (``1 0 t``, ``10 8 kWh``,
  ``10, 000 t``): its magnitude is ambiguous, so it is never multiplied;
* reads a mass symbol written against a gas (``tCO2/TJ``, ``kgC/GJ``, ``MtCO2e``) as the
  mass of that gas (``t CO2/TJ``), the usual notation of emission-factor tables.
"""

from __future__ import annotations

import re

from carbonpath.errors import Problem, UnitError

__all__ = ["unit_text"]

#: Spaces a spreadsheet may put between digit groups (no-break, thin, narrow no-break).
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " "})
#: Numbers separated only by spaces or commas: 10 000, 10,000, 1 0, 10 8.
_NUMBER_RUN = re.compile(r"(?<![\w.])\d+(?:[ ,]+\d+)+")
_THOUSANDS = re.compile(r"\d{1,3}(?:( |,)\d{3})(?:\1\d{3})*")
#: A mass symbol directly followed by a gas symbol (tCO2, kgC, MtCO2e).
_MASS_GAS = re.compile(r"(?<![A-Za-z0-9_])(g|kg|t|kt|Mt|Gt)(CO2e|CO2|CH4|N2O|C)(?![A-Za-z0-9_])")


def unit_text(text: str) -> str:
    """Rewrite a unit string so that pint reads the magnitude the writer meant.

    Parameters
    ----------
    text : str
        A unit string as written in a file or passed to ``Q_`` (``"10 000 tons"``,
        ``"tCO2/TJ"``).

    Returns
    -------
    str
        The same unit with grouped digits joined (``"10000 tons"``) and a mass written
        against a gas separated from it (``"t CO2/TJ"``); other text unchanged.

    Raises
    ------
    UnitError
        If numbers are separated by spaces or commas in any other way than thousands
        groups (``"1 0 t"``, ``"10 8 kWh"``): the magnitude is ambiguous (a product? one
        number?), so it is refused rather than multiplied.
    """
    if not isinstance(text, str):
        return text
    out = text.translate(_SPACES)
    if any(ch.isdigit() for ch in out):
        out = _NUMBER_RUN.sub(lambda m: _joined(m, text), out)
    if "C" in out:
        out = _MASS_GAS.sub(r"\1 \2", out)
    return out


def _joined(match: re.Match[str], text: str) -> str:
    """One number for digits grouped by thousands; anything else is refused."""
    run = match.group(0)
    if _THOUSANDS.fullmatch(run):
        return run.replace(" ", "").replace(",", "")
    raise UnitError(Problem(
        f"the unit '{text}' has numbers separated by spaces or commas ('{run}') that are not "
        "thousands groups, so its magnitude is ambiguous (pint would multiply them)",
        value=text,
        valid="one number, digits grouped by thousands at most: 10000 t, 10 000 t, "
        "10,000 t, 10^4 t"))
