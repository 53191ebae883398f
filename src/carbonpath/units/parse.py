"""Parsing unit strings (Chinese statistical units included); conversion factors between units."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pint

from carbonpath.errors import (
    Problem,
    UnitError,
)
from carbonpath.units.registry import ureg, volume_advice, wording_own_advice
from carbonpath.units.text import refuse_lost_superscript
from carbonpath.units.word_units import SIMPLIFIED as _SIMPLIFIED
from carbonpath.units.word_units import VALID as _VALID
from carbonpath.units.word_units import (
    refuse_condition_suffix,
    refuse_litre,
    refuse_oil_equivalent,
    refuse_scaled_tonne,
    refuse_word_scale,
)

__all__ = ["parse_unit"]

#: What :func:`parse_unit` names as valid for a unit it has no particular advice for.
GENERIC_VALID = _VALID


@functools.lru_cache(maxsize=4096)
def _unspaced(text: str) -> str:
    """A hint for a unit with a space inside a Chinese name (``万 千瓦时``, round 17 O02).

    Returns ``"'万千瓦时' (the same without spaces); else "`` when the text with its spaces
    removed is a unit the registry knows, else ''.
    """
    joined = "".join(text.split())
    if joined == text.strip() or not re.search(r"[\u4e00-\u9fff]", joined):
        return ""
    try:
        ureg.parse_expression(_normalise_unit_text(joined))
    except Exception:  # only a hint: any failure means no hint
        return ""
    return f"'{joined}' (the same without spaces); else "


@functools.lru_cache(maxsize=4096)
def _glued(text: str) -> str:
    """A hint for a Chinese unit glued to a pint one (``万吨CO2``, round 21 J37).

    Returns ``"'万吨 CO2' (a space between the Chinese unit and CO2); else "`` when the
    text with a space put between Chinese and Latin letters is a unit the registry knows,
    else ''.
    """
    spaced = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u4e00-\u9fff])",
                    " ", text.strip())
    if spaced == text.strip():
        return ""
    try:
        ureg.parse_expression(_normalise_unit_text(spaced))
    except Exception:  # only a hint: any failure means no hint
        return ""
    return f"'{spaced}' (a space between the Chinese unit and the pint one); else "


def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string, Chinese statistical units included.

    Parameters
    ----------
    text : str
        A unit such as ``"t"``, ``"万吨标准煤"``, ``"kg CO2/TJ"``, ``"GJ/(10^4 Nm3)"``.
        A leading number is allowed (``"10^4 Nm3"``, ``"10 000 t"``) and folded into the
        unit; digits grouped by thousands are one number (:mod:`carbonpath.units.text`).
        ``t``, ``tonne``, ``ton``, ``tons`` and ``mt`` are the metric tonne (1000 kg).

    Returns
    -------
    pint.Unit
        The parsed unit. A leading number becomes part of a scaled unit.

    Raises
    ------
    UnitError
        If the text is empty or is not a unit carbonpath's registry knows, if numbers in it
        are side by side other than as thousands groups (``"10 8 kWh"``), or if its
        magnitude is zero, negative or not finite (``"0 t"``).
    """
    with wording_own_advice():  # (the registry asks no advice of this call: it words its own)
        return _parse_unit(text)


def _reads(text: str) -> bool:
    """True if the registry reads ``text`` as it stands (an offered spelling, checked)."""
    try:
        ureg.parse_expression(_normalise_unit_text(text))
    except Exception:  # any failure: the spelling is not offered
        return False
    return True


def _parse_unit(text: str) -> pint.Unit:
    """:func:`parse_unit`, parsed."""
    if not isinstance(text, str) or not text.strip():
        raise UnitError(Problem("a unit is required", value=text, valid="e.g. t, 万吨, TJ, GWh"))
    cleaned = _normalise_unit_text(text)
    if cleaned in ("1", "-", "dimensionless", "fraction"):
        return ureg.dimensionless
    _refuse_ambiguous(text, cleaned)
    _refuse_gas_condition(text)  # 亿立方米，标准状态: the condition is not a unit (KA79b)
    refuse_lost_superscript(text, cleaned)  # 104 t: 10⁴ t with the superscript lost (Q24)
    try:
        parsed = ureg.parse_expression(cleaned)
    except UnitError as exc:
        if not isinstance(exc, pint.errors.UndefinedUnitError):
            raise  # an ambiguous magnitude (units.text), already worded
        _refuse_per_year(text)  # 万吨/年: one year's amount written as a rate (O75)
        _refuse_year_word(text)  # 年 alone or inside: yr (round 24 D108)
        _refuse_standard_m3(text)  # 万标准立方米: 0 °C or 20 °C? (round 19 T08)
        refuse_oil_equivalent(text)  # 万吨标准油: toe (round 21 J12)
        _refuse_everyday(text)  # 万度, 万方, 万吨标煤, 亿千瓦时 as 亿千瓦小时 (Q04, Q155)
        refuse_scaled_tonne(text)  # 千吨, 百万吨: kt, Mt (round 22 M08, M111)
        refuse_litre(text)  # 万升: a liquid volume, a mass needed (round 22 M22)
        _refuse_scaled_power(text)  # 亿千瓦: a power; 亿千瓦时 for electricity (round 26 ZA186)
        refuse_condition_suffix(text, _reads)  # 亿m3_0C: 亿Nm3, 10^8 Nm3 (round 30 KF27)
        hint = exc.problems[0].valid or ""  # 万t: the spellings that work (L18)
        if hint.startswith("for '") and not all(  # an advice that is itself no unit (KF27)
                _reads(s) for s in re.findall(r"write (?:'([^']+)' or )?'([^']+)'", hint)[0]
                if s):
            hint = ""
        if not hint.startswith("for '"):  # 百万千瓦时, 十万吨: 10^6 kWh, 10^5 t (round 27 ZC69)
            refuse_word_scale(text)
        valid = (hint.split("; else ")[0] + "; else " + _VALID if hint.startswith("for '")
                 else _VALID)
        inner = exc.problems[0].message
        said = "" if inner.startswith(f"'{text.strip()}' is") else f" ({inner})"  # Q04
        raise UnitError(Problem(
            f"'{text}' is not a unit carbonpath knows{said}",
            value=text, valid=_unspaced(text) + _glued(text) + valid)) from None
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, SyntaxError,
            AttributeError, TypeError, ValueError) as exc:
        raise UnitError(
            Problem(
                f"'{text}' is not a unit carbonpath knows ({exc})",
                value=text,
                valid=_VALID,
            )
        ) from None
    if isinstance(parsed, pint.Quantity) and re.fullmatch(r"[\d\s.,^*/()+-]+", cleaned):
        # a bare number ('104', '10000'): before it was a scaled unit of nothing, broken
        raise UnitError(Problem(f"'{text}' is a number, not a unit", value=text,
                                valid="a unit after the number, e.g. 10000 t, 10^4 t; " + _VALID))
    if isinstance(parsed, pint.Quantity):
        magnitude = float(parsed.magnitude)
        if not (math.isfinite(magnitude) and magnitude > 0):
            raise UnitError(Problem(
                f"'{text}' has the magnitude {magnitude:g}, which no unit can have",
                value=text, valid="a positive number before the unit, e.g. 10000 t, 10^4 t"))
        if magnitude == 1.0:
            return parsed.units
        # (t/kt: 0.001 of dimensionless; pint names dimensionless '', which defines no unit)
        return _scaled_unit(magnitude, f"{parsed.units:D}" or "dimensionless")
    if isinstance(parsed, (int, float)):
        raise UnitError(Problem(f"'{text}' is a number, not a unit", value=text))
    return parsed


#: ``mt``: pint's millitonne, a trader's metric ton, or a lower-cased Mt (round 10: A56).
_MILLITONNE = re.compile(r"(?<![A-Za-z_])mt(?![A-Za-z_])")


def _refuse_per_year(text: str) -> None:
    """Raise UnitError for ``<unit>/年`` whose ``<unit>`` is known (round 17 O75).

    A row of an input table is the amount of its one year, so ``万吨/年`` means ``万吨``;
    the registry has no ``年``, so without this the message named only ``年``.
    """
    hit = re.fullmatch(r"\s*(.*\S)\s*/\s*年\s*", text)
    if not hit:
        return
    try:
        parse_unit(hit[1])
    except UnitError:
        return
    raise UnitError(Problem(  # D108: a model parameter's rate is written /yr
        f"'{text}' is an amount per year: each row is the amount of its one year (its year), "
        f"so the unit is {hit[1]}; where a rate per year is asked (a model parameter such as "
        f"max_activity or fixed_om), 年 is written yr", value=text,
        valid=f"{hit[1]} (the unit without '/年'), or {hit[1]}/yr for a rate per year"))


def _refuse_year_word(text: str) -> None:
    """Raise UnitError naming ``yr`` for a unit with ``年`` in it (round 24 D108, D110).

    The registry has no ``年``: a year is ``yr`` (``a`` works too), so a lifetime in ``年``
    or a fixed cost in ``元/(kW·年)`` had been refused naming only ``年``, with a list of
    units that offered no time unit. When the text with ``yr`` for ``年`` is a unit, that is
    the spelling given; ``X/年`` is :func:`_refuse_per_year`'s (an amount or a rate).
    """
    alone = re.compile(r"\s*(?<![\u4e00-\u9fff])年(?![\u4e00-\u9fff])\s*")  # not 年度
    if not alone.search(text):
        return
    fixed = alone.sub(" yr ", text).strip()
    fixed = re.sub(r"(?<=[/(·*])\s+|\s+(?=[)/·*])", "", fixed)
    try:
        parse_unit(fixed)
    except UnitError:
        return
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows (年, a year, is written yr): write "
        f"'{fixed}'", value=text, valid=f"'{fixed}'; else " + _VALID))


#: Everyday spellings of units the registry knows by another name (round 18 Q04-Q06,
#: Q155-Q157): (pattern, standard spelling, why), applied together to one unit text.
_EVERYDAY = (
    (re.compile(r"千瓦小时"), "千瓦时", "千瓦小时 is spelled 千瓦时 here, kWh"),
    (re.compile(r"(?<=[万亿])\s*度"), "千瓦时", "度 is the everyday word for 千瓦时, kWh"),
    (re.compile(r"(?<![立])方(?!米)"), "立方米",
     "方 is the everyday word for 立方米, m3, whose reference condition is stated apart, "
     "as an activity row's gas_condition"),
    (re.compile(r"标煤"), "标准煤", "标煤 is short for 标准煤, standard coal"),
    (re.compile(r"(?<=[万亿])\s*(?:m3|m³|m\^3|m\*\*3)(?![\w*^])"), "立方米",
     "万 and 亿 are read only in the Chinese units, not before a pint unit"),
    (re.compile(r"(?<=[万亿])\s*吉焦"), "百万千焦",  # round 20 W06
     "吉焦 (GJ) is 百万千焦, the statistics' heat unit, after 万 or 亿"),
    (re.compile(r"[千大]卡"), "kcal",  # round 23 E62: coal sold by 5000 大卡
     "千卡 and 大卡 are the everyday words for kcal, the International Table kilocalorie "
     "(4.1868 kJ)"),
    # round 25 Z67: 公斤标准煤/万元 (energy intensity), 克标准煤/千瓦时 (coal rate)
    (re.compile(r"公斤(?=\s*标准煤)"), "千克", "公斤 is 千克 here: 千克标准煤 (kgce)"),
    (re.compile(r"(?<![千公])克\s*标准煤"), "gce", "克标准煤 is gce here (g of standard coal)"),
    # round 25 Z50: 万吨二氧化碳, as inventories print CO2; the gas symbol after a space
    (re.compile(r"\s*(?:二氧化碳|CO2)\s*当量"), " CO2e",
     "a gas is written by its symbol after the mass and a space: 二氧化碳当量 (CO2当量) "
     "is CO2e"),
    (re.compile(r"\s*二氧化碳"), " CO2",
     "a gas is written by its symbol after the mass and a space: 二氧化碳 is CO2"),
    (re.compile(r"\s*甲烷"), " CH4", "a gas is written by its symbol: 甲烷 is CH4"),
    (re.compile(r"\s*氧化亚氮"), " N2O", "a gas is written by its symbol: 氧化亚氮 is N2O"),
    (re.compile(r"(?<=[吨克斤])\s*碳(?![\u4e00-\u9fff])"), " C",
     "a gas is written by its symbol: 碳 (carbon) is C"),
)
#: the second spelling of a rewritten unit, by its unit after 万/亿: ``万m3`` is ``10^4 m3``.
_SECOND = {"m3": "m3", "m³": "m3", "m^3": "m3", "m**3": "m3", "吉焦": "GJ"}
#: 万/亿 as a power of ten, for the second spelling of a Chinese unit on a pint unit.
_POWERS = {"万": 4, "亿": 8}


def _refuse_everyday(text: str) -> None:
    """Raise UnitError naming the standard spelling of an everyday one (round 18 Q04).

    ``万度`` (度 = kWh in everyday Chinese), ``万方`` (方 = 立方米), ``万吨标煤`` (标煤 = 标准煤),
    ``亿千瓦小时``, ``亿m³``, ``万吉焦`` (吉焦 = GJ = 百万千焦), ``千卡``/``大卡`` (kcal),
    ``公斤标准煤`` (千克标准煤), ``克标准煤`` (gce) and a gas named in Chinese after a mass
    (``万吨二氧化碳``: ``万吨 CO2``; 二氧化碳当量, 甲烷, 氧化亚氮, 碳; round 25 Z50, Z67) name
    units the registry knows by another spelling. They are
    refused, not read, as every unit has one spelling here; the message names it. Returns
    quietly when no rewrite gives a unit (the caller then raises its own error).
    """
    fixed, why = text.strip(), []
    if fixed != fixed.translate(_SIMPLIFIED):  # round 21 J26: 萬噸 from a HK or TW source
        fixed = fixed.translate(_SIMPLIFIED)
        why.append("the units are written in simplified characters here: 萬 as 万, 噸 as 吨, "
                   "億 as 亿")
    for pattern, standard, reason in _EVERYDAY:
        if pattern.search(fixed):
            fixed = pattern.sub(standard, fixed)
            why.append(reason)
    if not why:
        return
    hit = re.fullmatch(r"([万亿])\s*(m3|m³|m\^3|m\*\*3|吉焦)", text.strip())
    second = f"'10^{_POWERS[hit[1]]} {_SECOND[hit[2]]}'" if hit else ""
    try:
        ureg.parse_expression(_normalise_unit_text(fixed))
        fixed = f"'{fixed}'" + (f" or {second}" if second else "")
    except Exception:  # only a hint: a rewrite that is no unit either gives none
        if not second:  # 亿吉焦: no 亿百万千焦, but 10^8 GJ
            return
        fixed = second
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows ({'; '.join(why)}): write {fixed}",
        value=text, valid=f"{fixed}; else " + _VALID))


#: 千吨 / 百万吨 (标准煤): the scale, the pint spelling and the factor to 万吨 (round 22 M08).
#: A power in Chinese words the registry lacks (亿千瓦, 百万千瓦, 万兆瓦): scale and base.
_SCALED_POWER = re.compile(r"\s*(十|百|千|万|十万|百万|千万|亿)\s*(千瓦|兆瓦|瓦)\s*")
_WORD_POWERS = {"十": 1, "百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8,
                "千瓦": 3, "兆瓦": 6, "瓦": 0}


def _refuse_scaled_power(text: str) -> None:
    """Raise UnitError for ``亿千瓦`` (10^8 kW, a power): 亿千瓦时 with 时 lost? (ZA186).

    The registry knows 千瓦, 万千瓦, 兆瓦, 吉瓦 (capacities) and 万千瓦时, 亿千瓦时; the
    message names both readings of a scaled power it lacks, with their spellings.
    """
    hit = _SCALED_POWER.fullmatch(text.translate(_SIMPLIFIED))
    kw = _WORD_POWERS[hit[1]] + _WORD_POWERS[hit[2]] - 3 if hit else 0  # 10^kw kW
    if kw < 1:
        return
    energy = f"'{hit[1]}{hit[2]}时'"
    try:
        parse_unit(energy[1:-1])
        spelled = f"{energy} (10^{kw} kWh)"
    except UnitError:
        energy = spelled = f"'10^{kw} kWh'"
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows: it is 10^{kw} kW, a power (a capacity), "
        "while an amount of electricity (generation, consumption, import, export) is an "
        f"energy, written with 时 (hours): did you mean {energy}?", value=text,
        valid=f"{spelled} for an amount of electricity; '10^{kw} kW' for a capacity (as "
              "万千瓦, MW, GW)"))


#: 标准立方米 / 标方 (a "standard" cubic metre), with 万 or 亿 before it or not (round 19 T08).
_STANDARD_M3 = re.compile(r"\s*([万亿]?)\s*(?:标准立方米|标准方|标方)\s*")


def _refuse_standard_m3(text: str) -> None:
    """Raise UnitError for ``万标准立方米``: 标准 names 0 °C in some tables, 20 °C in others.

    China's energy statistics and gas analyses state a "standard" cubic metre
    at 0 °C and 101.325 kPa (the normal cubic metre, Nm3); the natural-gas trade's GB/T
    19205 and GB 17820 state it at 20 °C and 101.325 kPa. The two differ by 293.15 /
    273.15 = 1.073, so the word alone does not say what a row holds. The message names both
    spellings that do (round 19 T08).
    """
    hit = _STANDARD_M3.fullmatch(text)
    if not hit:
        return
    prefix = hit[1]
    raise UnitError(Problem(
        f"'{text}' does not say its reference condition: 标准立方米 is used for 0 °C and "
        "101.325 kPa (statistics, gas analyses) and for 20 °C and 101.325 kPa (the "
        "natural-gas trade, GB/T 19205), 7% apart", value=text,
        valid=f"'{prefix}Nm3' if the volume is at 0 °C; or '{prefix}立方米' with the row's "
              "gas_condition (0C, 15C or 20C) saying which"))


#: A gas condition written inside a unit (``亿立方米，标准状态``, ``亿立方米(0℃)``, ``m3 at 20°C``).
_IN_UNIT = re.compile(r"\s*[，,;；、/(（]?\s*(?:at\s*)?(标准状态|标准状况|标况|标态|"
                      r"normal conditions|standard conditions|\d{1,2}\s*(?:°\s*C|℃|摄氏度))"
                      r"\s*[)），,;；、/]?\s*",
                      re.IGNORECASE)
_VOLUME = re.compile(r"立方米|立方|m3|m³|方", re.IGNORECASE)


def condition_in_unit(unit: str) -> tuple[str, str, str | None] | None:
    """A gas reference condition written in a volume unit's text, or None (round 25 KA79b).

    A yearbook may print ``天然气(亿立方米，标准状态)``, a table ``亿立方米(0℃)``: the
    condition beside the unit. A unit is read as a unit only; the condition of a balance
    sheet is read from its notes, of an activity row from its ``gas_condition`` column.

    Returns
    -------
    tuple of (str, str, str or None) or None
        (the unit without the condition, the condition's words, ``"0C"``/``"15C"``/``"20C"``
        or None where the words name no temperature). ``标准状态`` (standard state) is 0 °C
        in physics and chemistry but 20 °C in China's gas trade (GB/T 19205's standard
        reference conditions), so it names none; ``标准状况``/``标况`` are 0 °C, as in
        balance notes. None when the text is no volume with condition words.
    """
    m = _IN_UNIT.search(unit)
    if not m or not _VOLUME.search(unit):
        return None
    rest = (unit[:m.start()] + unit[m.end():]).strip(" ，,;；、/()（）")
    words = m.group(1)
    degrees = re.match(r"(\d{1,2})", words)
    normal = "0C" if re.search(r"标准状况|标况|normal", words, re.IGNORECASE) else None
    condition = {"0": "0C", "15": "15C", "20": "20C"}.get(degrees.group(1)) if degrees \
        else normal
    return rest, words, condition


def _refuse_gas_condition(text: str) -> None:
    """Raise UnitError for a volume unit carrying its gas condition (round 25 KA79b)."""
    found = condition_in_unit(text)
    if found is None or not found[0]:
        return
    rest, words, condition = found
    which = (f"'{words}' is {condition[:-1]} °C" if condition else
             f"'{words}' (standard state) names no temperature: 0 °C in physics and chemistry "
             "(标准状况), 20 °C in China's gas statistics and trade (GB/T 19205)")
    raise UnitError(Problem(
        f"'{text}' writes a gas condition into the unit; {which}", value=text,
        valid=f"the unit '{rest}' with the row's gas_condition (0C, 15C or 20C) saying the "
              f"condition{f' ({condition})' if condition else ''}; in a balance sheet, a "
              f"note line such as 注: 天然气按{(condition or '0C')[:-1]}°C计量"))


#: (万, 亿)吨标准油 / 标油 / 油当量: tonnes of oil equivalent (round 21 J12).
def _refuse_ambiguous(text: str, cleaned: str) -> None:
    """Refuse ``mt``, whose magnitude is ambiguous.

    pint reads a millitonne (1 kg), traders write it for a metric ton, and it may be a
    megatonne (``Mt``) typed in lower case; the three differ by 10^3 to 10^9.

    (Numbers grouped by thousands and ``ton``/``tons`` are read as meant before this:
    :mod:`carbonpath.units.text` and ``units.txt``.)

    Raises
    ------
    UnitError
        Naming the spelling and what to write instead.
    """
    if _MILLITONNE.search(cleaned):
        raise UnitError(Problem(
            f"'{text}': 'mt' is ambiguous (pint reads a millitonne, 1 kg; traders write it "
            "for a metric ton; Mt is a megatonne)", value=text,
            valid="t for a tonne, kg, or Mt for 10^6 t"))


_CJK_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[·・•](?=[\u4e00-\u9fff])")
"""A middle dot between two Chinese characters: NBS bulletins print 千瓦·时 for 千瓦时 (I73)."""


def _normalise_unit_text(text: str) -> str:
    out = _CJK_DOT.sub("", text.strip())
    for old, new in (("（", "("), ("）", ")"), ("／", "/"), ("·", "*"), ("×", "*"),
                     ("³", "**3"), ("²", "**2"), ("m^3", "m**3"), ("10^", "10**")):
        out = out.replace(old, new)
    return out


@functools.lru_cache(maxsize=256)
def _scaled_unit(magnitude: float, base: str) -> pint.Unit:
    """Define (once) and return a unit equal to ``magnitude * base``."""
    digits = format(magnitude, ".12g").replace(".", "p").replace("+", "").replace("-", "m")
    name = "scaled_" + digits
    name += "_" + "".join(ch if ch.isalnum() else "_" for ch in base)
    if name not in ureg:
        ureg.define(f"{name} = {magnitude!r} * ({base})")
    return ureg.Unit(name)


def conversion_factors(units: np.ndarray | list[str], target: str) -> np.ndarray:
    """Return the factor that converts each unit string of an array to ``target``.

    Conversion is done once per distinct unit, so a million rows in a few units cost a few
    pint conversions (vectorised, never row by row).

    Parameters
    ----------
    units : array-like of str
        Unit strings, one per row.
    target : str
        The unit to convert to.

    Returns
    -------
    numpy.ndarray of float
        Same length as ``units``; multiply magnitudes by it.

    Raises
    ------
    UnitError
        If a unit is unknown or of another dimension than ``target``; the message lists
        the offending unit.
    """
    arr = np.asarray(units, dtype=object)
    uniques, inverse = np.unique(arr.astype(str), return_inverse=True)
    target_unit = parse_unit(target)
    factors = np.empty(len(uniques))
    for i, u in enumerate(uniques):
        factors[i] = unit_factor(u, target_unit)
    return factors[inverse]


def unit_factor(unit: str | pint.Unit, target: str | pint.Unit) -> float:
    """Return the number that converts a magnitude in ``unit`` to ``target``.

    Each pair is converted once per process and remembered (a conversion builds a pint
    quantity: about 0.1 ms, and the frozen main job asks for some 3,400 factors of a few
    hundred pairs). The registry ignores redefinitions, so a remembered factor stays right.

    Raises
    ------
    UnitError
        If the two are of different dimensions (names both and their dimensions); a failed
        conversion is not remembered, so it raises again every time.
    """
    if isinstance(unit, (str, pint.Unit)) and isinstance(target, (str, pint.Unit)):
        return _remembered_factor(unit, target)
    return _unit_factor(unit, target)  # (another kind of unit object: not hashed)


def _unit_factor(unit: str | pint.Unit, target: str | pint.Unit) -> float:
    """:func:`unit_factor`, computed."""
    src = parse_unit(unit) if isinstance(unit, str) else unit
    dst = parse_unit(target) if isinstance(target, str) else target
    try:
        return float(ureg.Quantity(1.0, src).to(dst).magnitude)
    except pint.errors.DimensionalityError:
        have, want = ureg.Quantity(1, src).dimensionality, ureg.Quantity(1, dst).dimensionality
        raise UnitError(
            Problem(
                f"'{unit}' cannot be converted to '{target}' ({have} vs {want})",
                value=str(unit),
                valid=volume_advice(have, want)  # 亿立方米 to Nm3 (round 28 ZD40)
                or f"a unit of the same dimension as {target}",
            )
        ) from None


#: :func:`_unit_factor` remembered per (unit, target) pair (strings and pint units).
_remembered_factor = functools.lru_cache(maxsize=4096)(_unit_factor)


def is_finite_number(value: Any) -> bool:
    """Return True if ``value`` is a real, finite number (bools excluded)."""
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def dimension_of(unit: str) -> Mapping[str, float]:
    """Return the dimensionality of a unit string (raises :class:`UnitError` if unknown)."""
    return parse_unit(unit).dimensionality


def gas_of(unit: str) -> str:
    """The gas of an emissions unit written as ``"<scale> <gas>[/<time>]"``.

    Parameters
    ----------
    unit : str
        An emissions unit as carbonpath's result tables write it: ``"Mt CO2/yr"``,
        ``"kt CO2e/yr"``, ``"Mt CO2"``.

    Returns
    -------
    str
        The gas without the scale or the time (``"CO2"``, ``"CO2e"``).

    Raises
    ------
    UnitError
        If ``unit`` is not of that form (no gas after the scale).
    """
    words = str(unit).split()
    if len(words) != 2 or not words[1].split("/")[0]:
        raise UnitError(Problem(f"{unit!r} is not an emissions unit like 'Mt CO2/yr'",
                                value=unit, valid="'<scale> <gas>[/<time>]'"))
    return words[1].split("/")[0]
