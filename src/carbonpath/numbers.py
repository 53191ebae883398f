"""Reading numbers written as text, with an explicit decimal mark and no guessing.

carbonpath reads a number only in one of the forms its reader was told to expect. By
default that is the plain form every carbonpath file uses: an optional sign, digits, an
optional ``.`` decimal part and an optional exponent (``1234.5``, ``-0.25``, ``1.2e4``).
A comma, a space, an apostrophe or an underscore inside a number is refused, never
stripped: ``"1,5"`` may mean one and a half (a decimal comma) or fifteen (a misplaced
thousands separator), and ``"1.000,5"`` is a thousand and a half only under a decimal comma.

A reader that accepts other forms says so with two options, the same wherever they exist
(``read_activity``, ``read_production``, ``read_energy_balance``):

``decimal``
    The decimal mark, ``"."`` (default) or ``","``.
``thousands``
    The thousands separator, ``None`` (default: none allowed), ``","``, ``"."``, ``" "`` or
    ``"'"``. Groups must be exactly three digits (``1,234,567``), so ``"1,5"`` with
    ``thousands=","`` is still refused, and the first group does not start with a 0: a
    grouped number never does, so ``"0,600"`` or ``"00.700"`` (a decimal mark written
    where the separator was declared) is refused, not read as 600 or 700 (round 27 ZC73).

Blank text reads as NaN (missing, the caller decides); ``nan`` and ``inf`` read as such so
that callers can report them as missing or infinite in their own words.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["DECIMAL_MARKS", "THOUSANDS_SEPARATORS", "not_a_number", "number_hint",
           "parse_number", "parse_numbers"]

DECIMAL_MARKS = (".", ",")
"""Decimal marks a reader may be told to expect."""
THOUSANDS_SEPARATORS = (None, ",", ".", " ", "'")
"""Thousands separators a reader may be told to expect (``None``: none)."""

_SPECIAL = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity",
            "-infinity"}
# dashes that pass for a minus sign in text pasted from a PDF, a word processor or a
# Chinese input method (round 22 P123)
_UNICODE_MINUS = re.compile("[\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d]")
_SEPARATORS = re.compile(r"[,.'\s_\u00a0\u202f\u2009\uff0c\u066b\u066c]")


def check_format(decimal: Any, thousands: Any) -> None:
    """Raise :class:`~carbonpath.errors.DataError` for an unknown decimal/thousands option."""
    problems = []
    if decimal not in DECIMAL_MARKS:
        problems.append(Problem("unknown decimal mark", column="decimal", value=decimal,
                                valid="'.' (default) or ','"))
    if thousands not in THOUSANDS_SEPARATORS:
        problems.append(Problem("unknown thousands separator", column="thousands",
                                value=thousands, valid="None (default), ',', '.', ' ' or \"'\""))
    elif thousands is not None and thousands == decimal:
        problems.append(Problem("the thousands separator equals the decimal mark",
                                column="thousands", value=thousands,
                                valid="a separator other than the decimal mark"))
    DataError.collect(problems, "number format")


@functools.lru_cache(maxsize=16)
def _pattern(decimal: str, thousands: str | None) -> re.Pattern[str]:
    d = re.escape(decimal)
    # a grouped number's first group starts with 1-9: 0,600 / 00.700 are no groups (ZC73)
    whole = ("[0-9]+" if thousands is None
             else rf"(?:[1-9][0-9]{{0,2}}(?:{re.escape(thousands)}[0-9]{{3}})+|[0-9]+)")
    return re.compile(rf"^[+-]?(?:{whole}(?:{d}[0-9]*)?|{d}[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def _expected(decimal: str, thousands: str | None) -> str:
    if decimal == "." and thousands is None:
        return ("a plain number with '.' as the decimal mark and no thousands separator, "
                "e.g. 1234.5 or 1.2e4 (a reader that has the option takes decimal=',' or "
                "thousands=',' when the file is written so)")
    sep = "no thousands separator" if thousands is None else f"{thousands!r} between groups of 3"
    return f"a number with {decimal!r} as the decimal mark and {sep}"


#: A date or time as spreadsheets write them (2022-01-15, 2022/1/15 00:00:00, 15-Jan): Excel
#: turns entries such as ``15.00`` or ``1-15`` into dates, and a reader sees the date.
_DATE = re.compile(r"^(\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
                   r"|\d{1,2}-[A-Za-z]{3}(-\d{2,4})?|\d{1,2}:\d{2}(:\d{2})?)$")


#: A number followed by a unit (``500 MW``, ``300 万千瓦``, ``1.2e3 t/yr``): digits, then a
#: tail that starts with a letter (any script) or a percent or degree sign.
_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([^\W\d_%°].*|[%°].*)$")


#: A number followed by a footnote mark, as yearbooks print them (``-780.00①``, ``12.5*``,
#: ``3.2²``): circled or parenthesised numbers, superscript digits, asterisks, daggers, ※, #.
_FOOTNOTE = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*"
                       "([\u2460-\u24ff\u2776-\u2793\u00b9\u00b2\u00b3\u2070-\u2079"
                       "*\u2020\u2021\u203b#]+)" r"\s*$")
#: Digits with the letter O typed for a zero (``1O``, ``O.5``, ``2O5O``; round 30 ZF109).
_LETTER_O = re.compile(r"\s*([-+]?(?=[\d.Oo]*\d)(?=[\d.Oo]*[Oo])[\d.Oo]+)\s*")
#: The unit words of a year typed with its number (``2023年``, ``2023 yr``).
_YEAR = re.compile(r"年|年度|yr|year|AD", re.IGNORECASE)


def number_hint(text: Any, decimal: str = ".", thousands: str | None = None) -> str:
    """Why ``text`` is not a number of the expected form, in one sentence.

    A date (``2022-01-15 00:00:00``, ``15-Jan``, or a ``datetime`` cell that Excel made
    of a typed number) is named as one: a spreadsheet's conversion of a typed number, not
    a separator inside a number. A pint Quantity (a DataFrame column of ``Q_(100, 't')``)
    is named as one: the table wants its magnitude, with the unit in its own column; so
    is a number typed with its unit (``500 MW``, W03/A04), a number with a yearbook's
    footnote mark (``-780.00①``: no unit, round 25 KA95) and a year typed with 年
    (``2023年``: the year alone, not "in the unit of the row's unit column", KA102).
    """
    if hasattr(text, "magnitude") and hasattr(text, "units"):
        return (f"'{text}' is a pint Quantity, not a number: put its magnitude in the column "
                f"and its unit ('{text.units:~}') in the 'unit' column, e.g. q.m_as(unit) "
                "for a column of one unit")
    if isinstance(text, (datetime.date, datetime.time)):
        text = str(text)
    text = str(text)
    if _DATE.match(text.strip()):
        return (f"'{text}' is a date or time, not a number: a spreadsheet turns entries such as "
                "15.00 or 1-15 into dates; format the cell as a number (or text) and type "
                "the value again")
    unit = _WITH_UNIT.match(text)
    # W03/A04: '500 MW' (or a Quantity written as text) is not a decimal comma; '1e' is a
    # cut exponent, not a unit
    if re.fullmatch(r"\(\s*[-+]?[\d.,]+\s*\)", text.strip()):  # round 12 E21
        inner = text.strip()[1:-1].strip()
        return (f"'{text}' is an accounting-style negative in parentheses, which carbonpath "
                f"does not read as one: write it with a minus sign (-{inner})")
    if unit and unit.group(2).strip() == "%":  # round 12 E38: a rate or share typed as 5%
        share = float(unit.group(1)) / 100
        return (f"'{text}' is a percent, not a plain number: give it as a fraction "
                f"({share:g}) in this column, or, where the table has a 'unit' column, the "
                f"number alone ({unit.group(1)}) with unit %")
    mark = _FOOTNOTE.match(text)
    if mark:  # round 25 KA95: a yearbook's footnote mark is no unit
        return (f"'{text}' ends in a footnote mark ('{mark[2]}'), not a unit: delete the mark "
                f"and keep the number ({mark[1]}); the note it points to is not read")
    if unit and _YEAR.fullmatch(unit.group(2).strip()) and re.fullmatch(
            r"(1[89]|2[01])\d\d", unit.group(1)):  # round 25 KA102: 2023年 is a year
        return (f"'{text}' is a year written with '{unit.group(2).strip()}': give the year "
                f"alone ({unit.group(1)})")
    letter_o = _LETTER_O.fullmatch(text)
    if letter_o:  # round 30 ZF109: '1O' was answered "give the number alone (1)", x10 low
        read = letter_o[1].replace("O", "0").replace("o", "0")
        return (f"'{text}' holds the letter O among its digits, not the digit zero: read as "
                f"a zero it is {read}; type the digit 0 where it belongs (not a unit: the "
                "unit goes in the row's 'unit' column)")
    if unit and not re.fullmatch(r"[eE][-+]?\d*", unit.group(2)):
        return (f"'{text}' is a number with a unit ('{unit.group(2).strip()}'), not a plain "
                f"number: give the number alone ({unit.group(1)}) in this column, in the "
                "unit of the row's 'unit' column (convert it if that unit differs)")
    dash = _UNICODE_MINUS.search(text)
    if dash and any(ch.isdigit() for ch in text):  # round 22 P123: a minus pasted from a PDF
        ascii_text = _UNICODE_MINUS.sub("-", text.strip())
        return (f"'{text}' holds the character U+{ord(dash[0]):04X} "
                f"({unicodedata.name(dash[0], 'a dash')}), which looks like a minus sign but "
                f"is not the ASCII hyphen-minus '-': type it as {ascii_text}")
    quoted = re.fullmatch(r"\s*['‘’]\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*", text)
    if quoted:  # round 21 J120: '900, Excel's mark of a number kept as text
        return (f"'{text}' starts with an apostrophe, Excel's mark of a number stored as "
                f"text (not a separator): write {quoted[1]} without it (in Excel: Convert "
                "to Number, or retype the cell)")
    seps = sorted({m.group(0) for m in _SEPARATORS.finditer(text)} - {decimal}
                  - ({thousands} if thousands else set()))
    if seps and any(ch.isdigit() for ch in text):
        shown = ", ".join(repr(s) for s in seps)
        return (f"'{text}' holds {shown} inside a number: a decimal comma or a thousands "
                "separator, which carbonpath never guesses")
    zero = (re.fullmatch(rf"\s*[-+]?0+{re.escape(thousands)}[0-9]{{3}}(?:[^0-9].*)?", text)
            if thousands else None)
    if zero:  # round 27 ZC73/ZC74: 0,600 is no number grouped by thousands
        meant = text.strip().replace(thousands, decimal, 1)
        read = re.sub(r"^([-+]?)0+(?=\d)", r"\1", text.strip().replace(thousands, ""))
        return (f"'{text}' has {thousands!r} (the thousands separator it is read with) after "
                "a leading 0, which a number grouped by thousands never has, so it is not "
                f"read as {read}: if {thousands!r} is a decimal "
                f"mark here, write {meant} (decimal mark {decimal!r}) or read the file with "
                f"decimal={thousands!r}")
    if thousands and thousands in text:
        return (f"'{text}' has {thousands!r} where it does not separate groups of three "
                "digits")
    return f"'{text}' is not a number"


def not_a_number(value: Any, what: str = "not a number") -> str:
    """``what``, followed by why ``value`` is not a number when there is more to say.

    Parameters
    ----------
    value : Any
        The cell as read (text, a ``datetime`` of a spreadsheet, a pint Quantity ...).
    what : str
        The message's start ("not a number", "value is not a number").

    Returns
    -------
    str
        ``what`` alone, or ``what: <reason>`` from :func:`number_hint` (a date, a
        Quantity, a decimal comma ...).
    """
    hint = number_hint(value)
    return what if hint.endswith("is not a number") else f"{what}: {hint}"


def parse_numbers(values: Iterable[Any], decimal: str = ".",
                  thousands: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Parse texts as numbers of one declared form, vectorised.

    Parameters
    ----------
    values : iterable of str or numbers, length n
        Texts (numbers pass through unchanged; booleans are not numbers).
    decimal : {".", ","}
        The decimal mark.
    thousands : {None, ",", ".", " ", "'"}
        The thousands separator (groups of exactly three digits), or None.

    Returns
    -------
    (numpy.ndarray of float, numpy.ndarray of bool), both shape (n,)
        The numbers (NaN where blank or refused) and a mask of the texts refused.

    Raises
    ------
    DataError
        An unknown decimal mark or thousands separator.
    """
    check_format(decimal, thousands)
    s = pd.Series(list(values) if not isinstance(values, pd.Series) else values, dtype=object)
    out = np.full(len(s), np.nan)
    bad = np.zeros(len(s), dtype=bool)
    if not len(s):
        return out, bad
    is_num = s.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                   and not isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    if is_num.any():
        out[is_num] = s[is_num].astype(float).to_numpy()
    is_none = s.map(lambda v: v is None or isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    bad |= s.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    rest = ~is_num & ~is_none
    if rest.any():
        text = s[rest].astype(str).str.strip()
        blank = (text == "").to_numpy()
        special = text.str.lower().isin(_SPECIAL).to_numpy()
        plain = text.str.match(_pattern(decimal, thousands)).to_numpy(dtype=bool)
        cleaned = text
        if thousands is not None:
            cleaned = cleaned.str.replace(thousands, "", regex=False)
        if decimal != ".":
            cleaned = cleaned.str.replace(decimal, ".", regex=False)
        good = plain | special
        vals = np.full(len(text), np.nan)
        if good.any():
            vals[good] = pd.to_numeric(cleaned[good], errors="coerce").to_numpy(dtype=float)
        refused = ~good & ~blank
        idx = np.flatnonzero(rest)
        out[idx] = vals
        bad[idx] = refused | (good & np.isnan(vals) & ~special)
    return out, bad


def parse_number(value: Any, decimal: str = ".", thousands: str | None = None) -> float:
    """Parse one text as a number of the declared form (see :func:`parse_numbers`).

    Returns
    -------
    float
        NaN for blank text or None.

    Raises
    ------
    ValueError
        The text is not a number of that form; the message says why (a
        :class:`~carbonpath.errors.DataError` for an unknown option).
    """
    check_format(decimal, thousands)
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"'{value}' is not a number")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if value is None:
        return math.nan
    text = str(value).strip()
    if not text:
        return math.nan
    if text.lower() in _SPECIAL:
        return float(text)
    if not _pattern(decimal, thousands).match(text):
        raise ValueError(number_hint(text, decimal, thousands))
    if thousands is not None:
        text = text.replace(thousands, "")
    return float(text.replace(decimal, ".") if decimal != "." else text)


def expected_number(decimal: str = ".", thousands: str | None = None) -> str:
    """What a valid number looks like for a reader with these options, for messages."""
    return _expected(decimal, thousands)


YEAR_RANGE = (1900, 2100)
"""Years carbonpath accepts anywhere (statistics from 1900, pathways up to 2100)."""


def check_year(value: Any, what: str = "year", *, file: str | None = None,
               key: str | None = None) -> int:
    """Return ``value`` as a year, or raise if it is not a whole year within range.

    Parameters
    ----------
    value : int
        An ``int`` (or numpy integer) within :data:`YEAR_RANGE`. Floats (``2026.5``, also
        ``2026.0``), text (``"2026"``) and booleans are refused, never truncated.
    what : str
        What the year is, for the message (``"year"``, ``"peak_year"``).
    file, key : str, optional
        Where the year came from, for the message.

    Returns
    -------
    int

    Raises
    ------
    DataError
        Not an integer, or outside 1900 .. 2100.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        hint = " (without quotes)" if isinstance(value, str) else ""
        raise DataError(Problem(f"{what} must be a whole year such as 2030{hint}", file=file,
                                key=key, value=value,
                                valid=f"an int from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"))
    if not YEAR_RANGE[0] <= int(value) <= YEAR_RANGE[1]:
        raise DataError(Problem(f"{what} {int(value)} is out of range", file=file, key=key,
                                value=int(value),
                                valid=f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}"))
    return int(value)


def nonfinite_problems(converted: Any, rows: Any = None, *, file: str | None = None,
                       column: str | None = "value", what: str = "value",
                       unit: str | None = None, given: Any = None,
                       key: str | None = None) -> list[Problem]:
    """Problems for every value that is not finite after a unit conversion.

    The one check carbonpath runs after each conversion of input numbers (activity data,
    production, dataset tables, factor tables, the model's data): a finite number times a
    conversion factor can overflow to infinity (``1e308 万吨标准煤`` in TJ), and an infinite
    total would otherwise flow on silently.

    Parameters
    ----------
    converted : array-like of float, shape (n,)
        The values after conversion.
    rows : array-like, shape (n,), optional
        The row label of each value (file line or DataFrame index), for the message.
    file, column, key : str, optional
        Where the values came from.
    what : str
        What the values are, in words.
    unit : str, optional
        The unit converted to, for the message.
    given : array-like of float, shape (n,), optional
        The values before conversion: rows already non-finite there are not repeated
        (their reader reports them).

    Returns
    -------
    list of Problem
        One problem naming the first bad row and how many more (empty if all are finite).
    """
    vals = np.atleast_1d(np.asarray(converted, dtype=float))
    bad = ~np.isfinite(vals)
    if given is not None:
        bad &= np.isfinite(np.atleast_1d(np.asarray(given, dtype=float)))
    if not bad.any():
        return []
    idx = np.flatnonzero(bad)
    labels = None if rows is None else np.atleast_1d(np.asarray(rows, dtype=object))
    row = None if labels is None else labels[idx[0]]
    row = int(row) if isinstance(row, (np.integer, int)) else row
    more = f" (and {len(idx) - 1} more row(s))" if len(idx) > 1 else ""
    before = ""
    if given is not None:
        before = f"{float(np.atleast_1d(np.asarray(given, dtype=float))[idx[0]]):g} "
    to = f" to {unit}" if unit else ""
    return [Problem(f"{what} {before}is not finite after conversion{to} "
                    f"({vals[idx[0]]}){more}", file=file, row=row, column=column, key=key,
                    valid="a value whose converted size stays within about 1e308 (check "
                          "the value and its unit)")]


def check_finite(converted: Any, rows: Any = None, *, file: str | None = None,
                 column: str | None = "value", what: str = "value", unit: str | None = None,
                 given: Any = None, key: str | None = None) -> None:
    """Raise a :class:`~carbonpath.errors.DataError` if a converted value is not finite.

    Parameters are those of :func:`nonfinite_problems`.
    """
    DataError.collect(nonfinite_problems(converted, rows, file=file, column=column, what=what,
                                         unit=unit, given=given, key=key))
