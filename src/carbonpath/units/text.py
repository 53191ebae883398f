"""The one rewriting of unit text before pint reads it (a pint preprocessor of ``ureg``).

pint reads ``10 000 t`` as ``10 * 000 * t`` (0 t) and ``10 8 kWh`` as 80 kWh: two numbers
side by side are multiplied. Statistical tables print thousands grouped by a space or a
comma (the China Energy Statistical Yearbook's English headers: ``Raw Coal (10 000 tons)``),
so every unit string of every file and every call (``parse_unit``, ``Q_``, ``ureg(...)``)
goes through :func:`unit_text` first, registered as a pint preprocessor
(``ureg.preprocessors``), which

* joins digits grouped by thousands (``10 000``, ``10,000``, ``1 000 000``: a first group of
  1-3 digits not starting with 0, then groups of exactly 3, one separator kind) into one
  number (``0,500 t`` is refused: a decimal comma, not 500 t);
* refuses any other run of numbers separated by spaces or commas (``1 0 t``, ``10 8 kWh``,
  ``10, 000 t``): its magnitude is ambiguous, so it is never multiplied;
* reads a mass symbol written against a gas (``tCO2/TJ``, ``kgC/GJ``, ``MtCO2e``) as the
  mass of that gas (``t CO2/TJ``), the usual notation of emission-factor tables;
* reads the gas-amount units written with their cube as an exponent (``Nm³``, ``Nm^3``,
  ``Nm**3``; ``Sm³``; ``m³_20C``), the usual typography of the normal cubic metre, as the
  units they are (``Nm3``, ``Sm3``, ``m3_20C``): pint would read ``Nm³`` as the cube of
  ``Nm``, its textile unit number_meter (km/kg), and ``亿Nm³`` as no unit (round 24
  H118, H125).
"""

from __future__ import annotations

import re

from carbonpath.errors import Problem, UnitError

__all__ = ["refuse_lost_superscript", "unit_text"]

#: Spaces a spreadsheet may put between digit groups (no-break, thin, narrow no-break).
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " "})
#: Numbers separated only by spaces or commas: 10 000, 10,000, 1 0, 10 8.
_NUMBER_RUN = re.compile(r"(?<![\w.])\d+(?:[ ,]+\d+)+")
#: Digits grouped by thousands: a first group of 1-3 digits that does not start with 0
#: (``0,500`` is a decimal comma, not 500: round 27 ZC73), then groups of exactly 3.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:( |,)\d{3})(?:\1\d{3})*")
#: A mass symbol directly followed by a gas symbol (tCO2, kgC, MtCO2e).
_MASS_GAS = re.compile(r"(?<![A-Za-z0-9_])(g|kg|t|kt|Mt|Gt)(CO2e|CO2|CH4|N2O|C)(?![A-Za-z0-9_])")
#: A gas-amount unit with its cube written as an exponent: Nm³, Nm^3, Nm**3, Sm³, m³_20C.
#: (A Chinese number word may stand before it: 亿Nm³ is the registry's 亿Nm3.)
_CUBED_GAS_UNIT = re.compile(
    r"(?<![A-Za-z0-9_])(?:([NS]m)(?:³|\^\s*3|\*\*\s*3)(?![\w.])|m(?:³|\^\s*3|\*\*\s*3)_20C(?![\w.]))")


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
        The same unit with grouped digits joined (``"10000 tons"``), a mass written
        against a gas separated from it (``"t CO2/TJ"``) and a gas-amount unit's cube
        written as a digit (``"亿Nm³"`` -> ``"亿Nm3"``); other text unchanged.

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
    if "m" in out:
        out = _CUBED_GAS_UNIT.sub(lambda m: f"{m[1]}3" if m[1] else "m3_20C", out)
    return out


def _joined(match: re.Match[str], text: str) -> str:
    """One number for digits grouped by thousands; anything else is refused."""
    run = match.group(0)
    if _THOUSANDS.fullmatch(run):
        return run.replace(" ", "").replace(",", "")
    comma = (f" (a decimal comma? write {run.replace(',', '.')})"
             if re.fullmatch(r"0+,\d+", run) else "")
    raise UnitError(Problem(
        f"the unit '{text}' has numbers separated by spaces or commas ('{run}') that are not "
        f"thousands groups, so its magnitude is ambiguous (pint would multiply them){comma}",
        value=text,
        valid="one number, digits grouped by thousands at most: 10000 t, 10 000 t, "
        "10,000 t, 10^4 t"))


#: A number 10^e (e = 2 .. 12) before a unit with its exponent's superscript lost in a copy
#: from a PDF: ``104 t`` for 10⁴ t, ``108 m3`` for 10⁸ m3, ``1010 kJ`` for 10¹⁰ kJ (Q24).
_LOST_SUPERSCRIPT = re.compile(
    r"(?<![\w.^*])(?<!\d[ ,])(?<!\d, )(?<!\d  )"  # not the last group of 1 104 or 1,104
    r"10([2-9]|1[0-2])(?![\d.,])\s*([^\W\d_][\w*]*)")
#: The Chinese statistical unit of each 10^e and pint unit (lower case) that has one.
_CHINESE_POWERS = {(4, "t"): "万吨", (4, "tons"): "万吨", (4, "tonnes"): "万吨",
                   (4, "ton"): "万吨", (4, "tce"): "万吨标准煤", (4, "kwh"): "万千瓦时",
                   (4, "m3"): "万立方米", (4, "m**3"): "万立方米", (8, "t"): "亿吨",
                   (8, "tons"): "亿吨", (8, "kwh"): "亿千瓦时", (8, "m3"): "亿立方米",
                   (8, "m**3"): "亿立方米", (10, "kj"): "万百万千焦"}


def refuse_lost_superscript(text: str, cleaned: str | None = None) -> None:
    """Refuse ``104 t``, ``108 m3``: a yearbook's 10⁴, 10⁸ with the superscript lost (Q24).

    A number before a unit is folded into it (``10000 t``, ``10^4 t``). A yearbook's English
    header prints ``(10⁴ tons)``, ``(10⁸ cu.m)``; copied from a PDF the superscript becomes
    a plain digit, ``104 tons``, which pint reads as a unit of 104 t: the numbers of the
    column or row come out 96 (10⁴/104) or 925,926 (10⁸/108) times too small, exit 0. No
    table prints a unit of 10 followed by a digit or two (102 .. 1012) of anything, so such
    a number is refused, naming the two spellings of what it was (万吨 or 10^4 t).

    Parameters
    ----------
    text : str
        A unit as written (for the message).
    cleaned : str, optional
        The same after carbonpath's rewriting of unit text (default: ``text``).

    Raises
    ------
    UnitError
        Naming the number, the power of ten it stands for and the spellings to write.
    """
    hit = _LOST_SUPERSCRIPT.search(text if cleaned is None else cleaned)
    if not hit:
        return
    power, rest = int(hit[1]), hit[2]
    chinese = _CHINESE_POWERS.get((power, rest.lower()))
    spelled = f"'10^{power} {rest}'" + (f" or '{chinese}'" if chinese else "")
    raise UnitError(Problem(
        f"'{text}' would be a unit of 10{power} {rest}, which no table "
        f"prints: it is 10^{power} {rest}"
        + (f" ({chinese})" if chinese else "")
        + f" with the superscript of 10^{power} lost in a copy (a PDF's 10{_superscript(power)}"
        f" pasted as 10{power})", value=text,
        valid=f"{spelled}; or, if 10{power} is an amount, 10{power} in the value and {rest} "
              "as the unit"))


def _superscript(power: int) -> str:
    """``4`` -> ``⁴``; ``10`` -> ``¹⁰``."""
    return str(power).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
