"""Chinese word units the registry lacks, refused with the spelling that reads.

千吨 and 百万吨 (``kt``, ``Mt``), 万升 (a liquid volume: a mass is needed) and 万吨标准油
(``toe``): :func:`carbonpath.units.parse.parse_unit` calls these after pint has found no such
unit, so that the error names the fix instead of listing every unit.
"""

from __future__ import annotations

import re

from carbonpath.errors import Problem, UnitError

__all__ = ["SIMPLIFIED", "VALID", "refuse_litre", "refuse_oil_equivalent",
           "refuse_scaled_tonne"]

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
