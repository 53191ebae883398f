"""Every string of the report, per language, and the display units of each language.

One dictionary per language (:data:`STRINGS`), the same keys in each (a test checks it);
:func:`translator` returns the lookup function the templates and figures call. Display units
follow each language's statistical habit: English reports in Mt, Mtce, million CNY, GW and
TWh; Chinese reports in 万吨, 万吨标准煤, 亿元, 万千瓦 and 亿千瓦时. Conversions use carbonpath's
unit registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from carbonpath.errors import ArgumentValueError
from carbonpath.report.i18n_strings import STRINGS
from carbonpath.units import unit_factor

__all__ = ["LANGUAGES", "STRINGS", "DisplayUnits", "display_units", "translator"]

#: Languages a report can be written in.
LANGUAGES = ("en", "zh")

_GROUPS = {
    "car": ("Cars", "乘用车"), "bus": ("Buses and coaches", "公交及客车"),
    "truck": ("Trucks", "货车"), "hdt": ("Heavy trucks", "重型货车"),
    "ldt": ("Light and medium trucks", "轻中型货车"), "taxi": ("Taxis", "出租车"),
    "motorcycle": ("Motorcycles", "摩托车"),
}


def translator(lang: str) -> Callable[..., str]:
    """Return the string lookup of a language.

    Parameters
    ----------
    lang : {"en", "zh"}

    Returns
    -------
    callable
        ``t(key, **values)``: the string of ``key`` with ``values`` formatted in; a list
        entry (paragraphs) is returned as a list of formatted strings.

    Raises
    ------
    ValueError
        If ``lang`` is not one of :data:`LANGUAGES`.
    KeyError
        (from the returned function) if a key is unknown.
    """
    if lang not in LANGUAGES:
        msg = f"unknown report language '{lang}'; valid: {', '.join(LANGUAGES)}"
        raise ArgumentValueError(msg)
    strings = STRINGS[lang]

    def t(key: str, **values: object) -> str:
        """The string of ``key`` in the report's language, formatted with ``kwargs``."""
        text = strings[key]
        if isinstance(text, list):
            return [p.format(**values) for p in text]  # type: ignore[return-value]
        return text.format(**values) if values else text

    return t


#: Scenario codes the report translates (``scn_<code>`` strings); other codes are shown as is.
SCENARIO_NAMES = ("baseline", "plan", "bau", "policy", "enhanced")

#: Display names of the levers of :mod:`carbonpath.scenarios.levers` (LMDI on model results).
_LEVERS = {
    "activity": ("Activity (output and transport)", "经济活动规模"),
    "energy_intensity": ("Energy intensity", "能耗强度"),
    "structure": ("Structure", "结构调整"),
    "power_carbon_intensity": ("Power-sector carbon intensity", "电力碳排放强度"),
    "fuel_mix": ("Fuel mix", "燃料结构"),
    "process": ("Industrial processes", "工业过程"),
}


def lever_label(lever: str, lang: str) -> str:
    """Display name of a lever code (``fuel_mix`` -> Fuel mix / 燃料结构); else the code."""
    names = _LEVERS.get(lever)
    return names[LANGUAGES.index(lang)] if names else lever


def group_label(group: str, lang: str) -> str:
    """Display name of a transport group code (``car`` -> Cars / 乘用车); else the code."""
    names = _GROUPS.get(group)
    return names[LANGUAGES.index(lang)] if names else group


@dataclass(frozen=True)
class DisplayUnits:
    """Display units of one language: label and factor from the model's canonical unit.

    Each quantity attribute is a ``(label, factor)`` pair: multiply a canonical value by
    ``factor`` to show it in ``label``; ``digits`` gives the decimals to show each quantity
    with in the text and tables.
    """

    emissions: tuple[str, float]      # from kt of the gas
    energy: tuple[str, float]         # from ktce
    money: tuple[str, float]          # from MCNY
    power: tuple[str, float]          # from GW
    electricity: tuple[str, float]    # from GWh
    vehicles: tuple[str, float]       # from vehicle
    carbon_price: tuple[str, float]   # from CNY/t
    carbon_intensity: tuple[str, float]  # from kt/MCNY
    energy_intensity: tuple[str, float]  # from ktce/MCNY
    digits: tuple[tuple[str, int], ...] = ()

    def show(self, quantity: str, value: float) -> float:
        """Convert a canonical value of ``quantity`` (an attribute name) to display units."""
        return value * getattr(self, quantity)[1]

    def places(self, quantity: str) -> int:
        """Decimals to show ``quantity`` with."""
        return dict(self.digits).get(quantity, 2)


@lru_cache(maxsize=8)
def display_units(lang: str, gas: str = "CO2") -> DisplayUnits:
    """Return the display units of ``lang`` (factors from carbonpath's unit registry).

    Parameters
    ----------
    lang : {"en", "zh"}
    gas : str
        The targets' gas basis, used in the labels (``CO2`` -> CO₂).
    """
    g = gas.replace("CO2", "CO₂")
    if lang == "zh":
        return DisplayUnits(
            emissions=(f"万吨{g}", unit_factor("kt", "万吨")),
            energy=("万吨标准煤", unit_factor("ktce", "万吨标准煤")),
            money=("亿元", unit_factor("MCNY", "亿元")),
            power=("万千瓦", unit_factor("GW", "万千瓦")),
            electricity=("亿千瓦时", unit_factor("GWh", "亿千瓦时")),
            vehicles=("万辆", unit_factor("vehicle", "万辆")),
            carbon_price=(f"元/吨{g}", 1.0),
            carbon_intensity=(f"吨{g}/万元", unit_factor("kt/MCNY", "t/万元")),
            energy_intensity=("吨标准煤/万元", unit_factor("ktce/MCNY", "tce/万元")),
            digits=(("emissions", 1), ("energy", 1), ("money", 2), ("power", 1),
                    ("electricity", 2), ("vehicles", 2), ("carbon_price", 0),
                    ("carbon_intensity", 3), ("energy_intensity", 3)),
        )
    return DisplayUnits(
        emissions=(f"Mt {g}", unit_factor("kt", "Mt")),
        energy=("Mtce", unit_factor("ktce", "Mtce")),
        money=("million CNY", 1.0),
        power=("GW", 1.0),
        electricity=("TWh", unit_factor("GWh", "TWh")),
        vehicles=("thousand vehicles", 1e-3),
        carbon_price=(f"CNY/t {g}", 1.0),
        carbon_intensity=(f"t {g}/10⁴ CNY", unit_factor("kt/MCNY", "t/万元")),
        energy_intensity=("tce/10⁴ CNY", unit_factor("ktce/MCNY", "tce/万元")),
        digits=(("emissions", 2), ("energy", 2), ("money", 1), ("power", 2),
                ("electricity", 2), ("vehicles", 1), ("carbon_price", 0),
                ("carbon_intensity", 3), ("energy_intensity", 3)),
    )
