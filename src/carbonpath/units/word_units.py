"""Chinese word units the registry lacks, refused with the spelling that reads.

千吨 and 百万吨 (``kt``, ``Mt``), 万升 (a liquid volume: a mass is needed) and 万吨标准油
(``toe``), and any other number word before a unit (百万千瓦时, 十万吨, 百万立方米: 10^6 kWh,
10^5 t, 10^6 m3): :func:`carbonpath.units.parse.parse_unit` calls these after pint has found no such
unit, so that the error names the fix instead of listing every unit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from carbonpath.errors import Problem, UnitError

__all__ = ["SIMPLIFIED", "VALID", "refuse_condition_suffix", "refuse_litre",
           "refuse_oil_equivalent", "refuse_scaled_tonne", "refuse_word_scale"]

#: What a unit error names as valid when it has no particular advice.
VALID = ("a pint unit such as t, kt, TJ, GWh, Nm3, kg CO2/TJ, yr, CNY/kW/yr, or a Chinese "
          "statistical unit such as 万吨, 万吨标准煤, 亿千瓦时, 亿立方米")
#: Traditional characters of unit words as their simplified forms (a HK or TW source).
SIMPLIFIED = str.maketrans("萬億噸時標準瓦電熱焦", "万亿吨时标准瓦电热焦")


_SCALED_TONNE = re.compile(r"\s*(千|百万)\s*吨\s*(标准煤)?\s*")
_TONNE_SCALES = {"千": ("kt", "10^3", 0.1), "百万": ("Mt", "10^6", 100.0)}


def refuse_scaled_tonne(text: str) -> None:
    """Raise UnitError naming ``kt`` for ``千吨`` and ``Mt`` for ``百万吨`` (round 22 M08).

    Chinese reports give amounts in 千吨 (10^3 t) and 百万吨 (10^6 t) beside the
    statistics' 万吨. The registry knows them as ``kt`` and ``Mt`` (one spelling per unit);
    the message also says how the numbers change if the user writes 万吨 instead
    (round 22 M111: the advice '汽油(万吨)' followed alone read gasoline 10 times too large).
    """
    hit = _SCALED_TONNE.fullmatch(text.translate(SIMPLIFIED))
    if not hit:
        return
    pint_name, power, to_wan = _TONNE_SCALES[hit[1]]
    fixed = f"'{power} tce'" if hit[2] else f"'{pint_name}' or '{power} t'"
    wan = f"万吨{hit[2] or ''}"
    change = "divide them by 10" if to_wan < 1 else "multiply them by 100"
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows ({hit[1]}吨 is {power} t, written "
        f"{pint_name} here): write {fixed} with the numbers as they are; in {wan} "
        f"{change} (1 {text.strip()} = {to_wan:g} {wan})", value=text,
        valid=f"{fixed}; else " + VALID))


#: 升 / 公升 with a scale before it: a liquid volume in litres (round 22 M22).
_LITRE = re.compile(r"\s*([万亿千百]?)\s*(?:公升|升)\s*")


def refuse_litre(text: str) -> None:
    """Raise UnitError for ``万升``: a liquid fuel's volume, which needs a density.

    Fuel-card and filling-station data give gasoline and diesel in 升 (litres). A liquid
    fuel is read as a mass (万吨, t) or an energy; carbonpath assumes no density (it
    varies with the grade and the temperature), so the message asks for the mass.
    """
    hit = _LITRE.fullmatch(text.translate(SIMPLIFIED))
    if not hit:
        return
    raise UnitError(Problem(
        f"'{text}' is a volume in litres: a liquid fuel is given as a mass (or an energy) "
        "here, as in the energy statistics; a volume needs the fuel's density, which "
        "carbonpath does not assume (it varies with grade and temperature)", value=text,
        valid="the mass: litres x density (the supplier's, in kg/L) / 1000 = t; in 万吨 "
              "or t, e.g. 万吨; or an energy (TJ) with its energy_basis"))


_OIL_EQUIVALENT = re.compile(r"\s*([万亿千]?)\s*吨\s*(?:标准油|标油|油当量)\s*")


def refuse_oil_equivalent(text: str) -> None:
    """Raise UnitError naming toe for ``万吨标准油`` (10^4 tonnes of oil equivalent).

    Energy reports state totals in 万吨标准油; the registry knows the same quantity as
    ``toe`` (pint's tonne of oil equivalent, 10^10 international calories = 41.868 GJ),
    not by its Chinese name, which is not defined here because its kJ value is not
    sourced in carbonpath's tables. The message names the spelling that reads.
    """
    hit = _OIL_EQUIVALENT.fullmatch(text.translate(SIMPLIFIED))
    if not hit:
        return
    fixed = {"": "toe", "千": "ktoe", "万": "10^4 toe", "亿": "10^8 toe"}[hit[1]]
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows (标准油, oil equivalent, is written toe "
        f"here: 1 toe = 41.868 GJ, an energy, so a fuel row in it also needs its "
        f"energy_basis, net for China's statistics): write '{fixed}'", value=text,
        valid=f"'{fixed}'; else " + VALID))


#: Chinese number words before a unit, longest first, and their powers of ten.
_WORD_SCALES = {"万亿": 12, "千亿": 11, "百亿": 10, "十亿": 9, "千万": 7, "百万": 6, "十万": 5,
                "亿": 8, "万": 4, "千": 3, "百": 2, "十": 1}
#: (no space after the word: 万 吨 is 万吨 spaced, worded by parse_unit's own advice)
_WORD_SCALE = re.compile(r"\s*(" + "|".join(_WORD_SCALES) + r")(\S.*?)\s*")
#: Spellings offered for a scaled unit when one equals it (pint's prefixes).
_SAME_AS = ("kWh", "MWh", "GWh", "TWh", "kt", "Mt", "Gt", "ktce", "Mtce", "MJ", "GJ", "TJ", "PJ")
#: The Chinese name of a pint unit, for the statistics' 万 and 亿 units of the same thing.
_CHINESE = {"kWh": "千瓦时", "t": "吨", "m3": "立方米", "tce": "吨标准煤"}


def refuse_word_scale(text: str) -> None:
    """Raise UnitError for a number word before a unit the registry lacks (round 27 ZC69).

    Power statistics give generation in 百万千瓦时 (10^6 kWh, GWh), gas statistics in
    百万立方米, reports in 十万吨: a Chinese number word (十 .. 万亿) before a unit the
    registry knows, a combination it does not define (it keeps one spelling per unit: 万 and
    亿 units of the statistics, pint's prefixes). The message names what the text is (10^6
    kWh), the spelling that reads with the numbers as they are (``GWh`` or ``10^6 kWh``) and
    how the numbers change in the statistics' nearest unit (亿千瓦时: divide by 100). Returns
    quietly when the text after the word is no unit either (the caller then raises its own
    error). The specific refusals (千吨, 百万吨, 亿千瓦, 万升) run before this one.
    """
    hit = _WORD_SCALE.fullmatch(text.translate(SIMPLIFIED))
    if not hit or _BUSY:  # (the readings tried below must not come back here)
        return
    _BUSY.append(text)
    try:
        _word_scale(text, hit)
    finally:
        _BUSY.pop()


#: The text :func:`refuse_word_scale` is reading, while it tries the spellings it offers.
_BUSY: list[str] = []


def _word_scale(text: str, hit: re.Match[str]) -> None:
    """The body of :func:`refuse_word_scale`, for a text its pattern matched."""
    from carbonpath.units.parse import parse_unit  # (parse imports this module)
    from carbonpath.units.registry import Q_

    power, rest = _WORD_SCALES[hit[1]], re.sub(r"^度$", "千瓦时", hit[2])
    try:
        unit = parse_unit(rest)
        scaled = Q_(10.0 ** power, unit)
    except Exception:  # no unit after the word: the caller's own message
        return
    same = []
    for name in _SAME_AS:
        try:
            if abs(float(scaled.to(parse_unit(name)).magnitude) - 1.0) < 1e-9:
                same.append(f"'{name}'")
        except Exception:  # another dimension
            continue
    near = []
    base = _CHINESE.get(rest, rest)
    for name in (f"万{base}", f"亿{base}"):  # the statistics' own unit of the same thing
        try:
            ratio = float(scaled.to(parse_unit(name)).magnitude)
        except Exception:  # a name the registry lacks (万千焦)
            continue
        near.append((abs(math.log10(ratio)), ratio, name))
    fixed = " or ".join([*same[:1], f"'10^{power} {rest}'"])
    change = ""
    if near:
        _, ratio, name = min(near)
        how = f"multiply them by {ratio:g}" if ratio > 1 else f"divide them by {1 / ratio:g}"
        change = f"; in {name} {how} (1 {text.strip()} = {ratio:g} {name})"
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows ({hit[1]} before {hit[2]} is 10^{power} "
        f"{rest}, a combination the registry does not define): write {fixed} with the "
        f"numbers as they are{change}", value=text, valid=f"{fixed}; else " + VALID))


#: A cubic metre with a temperature glued on as ``m3_20C`` is (``m3_0C``, ``m3_15C``,
#: ``m3_20c``, ``m3_0℃``), which the registry does not define: 0 °C is ``Nm3``, 15 °C ``Sm3``.
_CONDITION_SUFFIX = re.compile(r"(?:m3|m³)_?\s*(\d{1,2})\s*(?:°\s*)?(?:C|c|℃)(?![A-Za-z])")
_CONDITION_UNITS = {"0": "Nm3", "15": "Sm3", "20": "m3_20C"}
_CJK_POWERS = {"万": 4, "亿": 8}


def refuse_condition_suffix(text: str, parses: Callable[[str], bool]) -> None:
    """Raise UnitError naming ``Nm3``/``Sm3`` for ``m3_0C``/``m3_15C`` (round 30 KF27).

    The registry spells China's statistics' 20 °C cubic metre ``m3_20C``; a user who reads
    that as a pattern writes ``亿m3_0C/yr`` for the 0 °C one, which is ``Nm3`` (15 °C:
    ``Sm3``). The message names the spelling that reads with 万/亿 kept (``亿Nm3/yr``) and
    as a power of ten (``10^8 Nm3/yr``); each offered spelling is checked with ``parses``
    (a unit text -> True if the registry reads it). A temperature without a unit of its
    own (``m3_25C``) names the three conditions. Returns quietly when ``text`` has no such
    suffix or its spelling is one the registry knows (``m3_20C``).
    """
    hits = [m for m in _CONDITION_SUFFIX.finditer(text) if m.group(0) != "m3_20C"]
    if not hits:
        return
    degrees = hits[0][1].lstrip("0") or "0"
    unit = _CONDITION_UNITS.get(degrees)
    conditions = "'Nm3' (0 °C), 'Sm3' (15 °C) or 'm3_20C' (20 °C), all at 101.325 kPa"
    if unit is None:
        raise UnitError(Problem(
            f"'{text}' is not a unit carbonpath knows ({hits[0][0]}: the registry has gas "
            f"volumes at 0, 15 and 20 °C only)", value=text,
            valid=f"{conditions}, converting the figure to one of them"))
    fixed = _CONDITION_SUFFIX.sub(lambda m: _CONDITION_UNITS.get(
        m[1].lstrip("0") or "0", m[0]), text).strip()
    spelled = [fixed]
    power = re.match(r"\s*([万亿])\s*", fixed)
    if power:
        spelled.append(f"10^{_CJK_POWERS[power[1]]} {fixed[power.end():]}")
    offered = " or ".join(f"'{s}'" for s in spelled if parses(s))
    if not offered:
        return
    raise UnitError(Problem(
        f"'{text}' is not a unit carbonpath knows ({hits[0][0]} is no spelling here: the "
        f"cubic metre at {degrees} °C and 101.325 kPa is {unit}): write {offered}",
        value=text, valid=f"{offered}; the gas volumes are {conditions}"))
