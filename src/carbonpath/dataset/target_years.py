"""A relative target's ``relative_to`` against the year its source states its cut from.

A ``reduction``, ``emission_intensity`` or ``energy_intensity`` target cuts ``value`` (a
share) from ``relative_to`` to ``year``. A planner copying a published target takes its
number and often the model's base year as ``relative_to``, while the published cut is
stated against another year: China's NDC "单位GDP二氧化碳排放比2005年下降60%以上" entered
as 0.60 relative to 2023 asks a 60 % intensity cut in seven years (12 % a year) and the run
met it at up to 5,167 CNY/t without a word; the 14th FYP's 13.5 % "比2020年" entered from
2023 to 2025 asks 7 % a year (round 26 KB84, KB84b). Two signs are read:

the target's ``source`` names a comparison year (``比2005年``, ``较2020年``, ``2020年基础上``,
``relative to 2005``, ``below 2005 levels``, ``than 2005``) other than ``relative_to``, and
the source states no percentage or states the target's own ``value`` (a source that states
another percentage is taken as the planner's re-basing, and is quiet). That is a
:class:`TargetYearWarning` naming the target's place and the readings that would be right:
``relative_to`` the source's year with that year's intensity as ``reference``, or the cut
re-based to ``relative_to``. The yearly pace of the cut is added when an intensity target asks
more than :data:`MAX_INTENSITY_PACE` (China's five-year plans ask about 3-4.5 % a year: CO2
per GDP -18 % over 2021-2025, 3.9 %; energy per GDP -13.5 %, 2.9 %; the NDC's -65 % from 2005
to 2030, 4.1 %). A fast cut alone is not warned of: a scenario may ask one on purpose (the
test datasets ask 20-95 % in a year), and a plan's target copied with its source shows the
year it is stated against. ``carbonpath.load_dataset`` warns of plan.yaml's targets, ``carbonpath
init`` of the targets it is given (a workbook's sheet row, or ``init_dataset(targets=...)``).
"""

from __future__ import annotations

import re
from typing import Any

from carbonpath.errors import CarbonpathWarning

__all__ = ["MAX_INTENSITY_PACE", "TargetYearWarning", "open_cap_note", "remaining_share_note",
           "target_year_notes"]

MAX_INTENSITY_PACE = 0.06
"""Yearly intensity cut (share a year) above which a :class:`TargetYearWarning` adds the
pace: 1.4 times the fastest national plan pace (about 4.3 % a year, CO2 per GDP 2005-2020:
-48 % in 15 years; recalled from the NDC updates, not read in a copy). A five-year 18 % cut
(3.9 %) and the 34 % of ten years (4.1 %) stay under it; 60 % in seven years (12.3 %) does
not."""

RELATIVE_TYPES = ("reduction", "emission_intensity", "energy_intensity",
                  "energy_intensity_adjusted")
INTENSITY_TYPES = RELATIVE_TYPES[1:]

_YEAR = r"((?:19|20)\d\d)"
_SOURCE_YEAR = re.compile(
    rf"(?:比|较|相比|相对于?|对比)\s*{_YEAR}\s*年|{_YEAR}\s*年\s*(?:基础上|水平上?)"
    rf"|(?:relative\s+to|compared\s+(?:with|to)|than|below|under)\s+(?:the\s+)?{_YEAR}",
    re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


class TargetYearWarning(CarbonpathWarning):
    """A target read for other years, or another quantity, than meant.

    A relative target whose source states its cut against another year (round 26 KB84); a
    cap without years below the base year's emissions (round 29 KE40); a relative target
    whose value is the share its source says remains, not the cut (round 30 KF62).
    """


def _source_years(source: str) -> list[int]:
    """The comparison years the source text states (in order, each once)."""
    out: list[int] = []
    for m in _SOURCE_YEAR.finditer(source):
        year = int(next(g for g in m.groups() if g))
        if year not in out:
            out.append(year)
    return out


def target_year_notes(target: Any) -> list[tuple[str, str, str]]:
    """The signs that a relative target's ``relative_to`` is not the year its cut is meant from.

    Parameters
    ----------
    target : dict
        One plan target (plan.yaml's keys); other types, and values of the wrong type
        (reported by the target checks), give none.

    Returns
    -------
    list of (key, message, valid)
        At most one: the key to name (``relative_to``), what was found (the source's year,
        the yearly pace) and the readings that would be right.
    """
    if not isinstance(target, dict) or target.get("type") not in RELATIVE_TYPES:
        return []
    try:
        year, rel, value = int(target["year"]), int(target["relative_to"]), float(
            target["value"])
    except (KeyError, TypeError, ValueError):
        return []
    if isinstance(target["year"], bool) or not 0 < value < 1 or year <= rel:
        return []
    kind, name = target["type"], target.get("name")
    source = str(target.get("source") or "")
    remains = remaining_share_note(target, source, value, year, rel)
    if remains is not None:  # round 30 KF62: 降至 82% typed as the cut 0.82
        return [remains]
    percents = [float(p) for p in _PERCENT.findall(source)]
    stated = (not percents or any(abs(p - 100 * value) < 0.051 for p in percents))
    other = [y for y in _source_years(source) if y not in (rel, year)]
    if not (other and stated):
        return []  # a fast cut alone is a scenario's to ask (module docstring)
    pace = 1 - (1 - value) ** (1 / (year - rel))
    said = [f"its source states the cut against {other[0]} (\"{_quote(source, other[0])}\") "
            f"while relative_to is {rel}"]
    if kind in INTENSITY_TYPES and pace > MAX_INTENSITY_PACE:
        said.append(f"a cut of {value:.1%} from {rel} to {year} is {pace:.1%} a year, above "
                    f"the {MAX_INTENSITY_PACE:.0%} a year no Chinese plan has asked (five-year "
                    "plans: about 3-4.5 %, e.g. CO2 per GDP -18 % over 2021-2025)")
    what = {"reduction": "emissions"}.get(kind, "intensity")
    first = other[0]
    rebased = (f"the cut from {rel} to {year} that it leaves (1 - (1 - {value:g}) x {what} "
               f"{first} / {what} {rel})")
    if kind == "reduction":  # measured from a model year only
        valid = f"{rebased} (a reduction is measured from a model year); "
    else:
        valid = (f"if the cut is meant from {first}: relative_to {first} with the {what} of "
                 f"{first} as reference ({{value: <{what} in {first}>, unit: <unit>}}; a "
                 f"workbook row cannot hold it: add the target to plan.yaml after init), or "
                 f"{rebased}; ")
    valid += (f"if a cut of {value:g} from {rel} is meant, a source that says so "
              f"({rel}年基础上, relative to {rel})")
    return [("relative_to", f"target '{name}' ({kind}): " + "; ".join(said), valid)]


#: A source stating the level a relative target leaves, not its cut: 降至2023年的82%,
#: 下降到 82%, 控制在 82% 以内, "fall to 82% of", "reduced to 82 %" (round 30 KF62).
_FALLS_TO = re.compile(
    r"(?:降至|降到|下降至|下降到|减至|减少至|减少到|压减至|压减到|控制在|控制到)"
    r"[^%％,，;；。]*?(\d+(?:\.\d+)?)\s*[%％]"
    r"|(?:fall|falls|fallen|reduced?|cut|brought|lowered)\s+(?:down\s+)?to\s+"
    r"(?:[^%,;.]|\.\d)*?(\d+(?:\.\d+)?)\s*%(?!\s*(?:below|less))", re.IGNORECASE)


def remaining_share_note(target: dict[str, Any], source: str, value: float, year: int,
                         rel: int) -> tuple[str, str, str] | None:
    """A relative target whose value is the share its source says remains (round 30 KF62).

    A plan's "单位GDP二氧化碳排放降至2023年的82%" (falls to 82 % of 2023) is a cut of 18 %;
    typed as ``value: 0.82`` it asks a cut of 82 %, which ends in an infeasibility naming
    no slip. When the source states the level falls *to* a percentage equal to the value
    (:data:`_FALLS_TO`), the note names the key ``value`` and the cut ``1 - value``.
    A source stating a cut ("下降18%") never matches.
    """
    for m in _FALLS_TO.finditer(source):
        said = float(m.group(1) or m.group(2))
        if abs(said - 100 * value) < 0.051:
            pace = 1 - (1 - value) ** (1 / (year - rel))
            quoted = source.strip() if len(source.strip()) <= 80 else m.group(0)
            return ("value", f"target '{target.get('name')}' ({target['type']}): its source "
                    f"states the level falls to {said:g} % (\"{quoted}\"), the share that "
                    f"remains, while value is the cut: {value:g} asks a cut of {value:.1%} "
                    f"from {rel} to {year} ({pace:.1%} a year)",
                    f"value {1 - value:.4g} (the cut: 1 - {value:g}) if {said:g} % remains; "
                    f"if a cut of {value:.1%} is meant, a source that says so (下降{said:g}%)")
    return None


def _quote(source: str, year: int) -> str:
    """``source`` itself, or (over 60 characters) the words around the first ``year``."""
    if len(source) <= 60:
        return source.strip()
    at = source.find(str(year))
    return "..." + source[max(at - 20, 0):at + 24].strip() + "..."


def open_cap_note(target: Any, base_kt: float, unit: str, first: int, horizon: int
                  ) -> tuple[str, str, str] | None:
    """The sign that a cap without years was meant for one year (round 29, KE40).

    A ``cap`` with no ``years`` binds every decision year. Below the base year's emissions it
    asks the whole cut in the first decision year: a workbook row ``cap2030 | cap | (blank) |
    3000 万吨 CO2`` ("2030 emissions within 3000 万吨") held a city of 33.6 Mt to 30 Mt from
    2024, an 11 % cut in one year, with no word. A cap meant from now on is possible, so
    this is a note to warn, naming a year the target's name or source states.

    Parameters
    ----------
    target : dict
        One plan target; other types, a cap with ``years``, a level in another unit than a
        mass of CO2, and values of the wrong type (reported by the target checks) give none.
    base_kt : float
        The base year's emissions (kt, of the gas ``unit`` counts).
    unit : str
        The unit of ``base_kt`` (``kt CO2`` or ``kt CO2e``).
    first, horizon : int
        The first decision year and the last model year.

    Returns
    -------
    tuple of (key, message, valid) or None
        The key to name (``years``), what was found and the readings that would be right.
    """
    from carbonpath.errors import UnitError
    from carbonpath.units import unit_factor

    if (not isinstance(target, dict) or target.get("type") != "cap" or target.get("years")
            or base_kt <= 0 or str(target.get("name", "")).startswith("_")):
        return None
    try:
        level = float(target["value"]) * unit_factor(str(target["unit"]), unit)
    except (KeyError, TypeError, ValueError, UnitError):
        return None
    if not 0 < level < base_kt:
        return None
    words = f"{target.get('name', '')} {target.get('source') or ''}"
    stated = [int(y) for y in dict.fromkeys(re.findall(rf"(?<!\d){_YEAR}(?!\d)", words))
              if first <= int(y) <= horizon]
    said = (f"; its name or source states {stated[0]}" if stated else "")
    year = stated[0] if stated else horizon
    return ("years", f"target '{target['name']}' (cap) has no year, so it binds every model "
            f"year from {first} to {horizon}: {level:,.0f} {unit} against the base year's "
            f"{base_kt:,.0f} {unit} is {1 - level / base_kt:.0%} below it from {first} on{said}",
            f"the year the cap is stated for (e.g. {year}; a cap of that year alone), or the "
            "year left blank if the cap binds every year from the first")
