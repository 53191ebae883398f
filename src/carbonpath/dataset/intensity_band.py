"""The base year's CO2 per GDP against the range of China's cities and provinces.

GDP and population copied from the province's row of a yearbook table for the city's
(Shandong's 87,435 亿元 and 10,163 万人 beside a city's balance of 33.6 Mt CO2) pass every
other driver check: GDP per person (86,000 CNY) is usual, the series has no step. Only the
ratio to the region's emissions shows it: 0.038 t CO2/万元 where the city's own GDP gives
1.29, and every intensity the report prints was some 30 times too low while the ratio
targets hid it (round 26 KB104). The reverse slip (the city's GDP beside the province's
balance) gives an intensity some 10-40 times too high.

:data:`CARBON_INTENSITY_USUAL` is the band; a base year outside it is a
:class:`UnusualIntensityWarning` naming the GDP row, the intensity and what it would be
inside the band. ``carbonpath init`` warns with the user's drivers file and its
balance's inventory; the model (``carbonpath run`` and the Python API) with the dataset's
``drivers.csv`` and its calibrated base year, once per loaded dataset. ``decompose`` is
not checked: its inventories are often of a few sectors only, beside the region's GDP.
"""

from __future__ import annotations

from carbonpath.errors import CarbonpathWarning

__all__ = ["CARBON_INTENSITY_USUAL", "CO2_PER_PERSON_FLOOR", "UnusualIntensityWarning",
           "intensity_note", "per_person_note"]

CARBON_INTENSITY_USUAL = (0.05, 20.0)
"""Base-year CO2 per GDP (t CO2/万元) outside which a dataset warns. China's average was
about 1 t CO2/万元 in 2020-2023 (some 11 Gt over 100-126 万亿元); its lowest provincial-level
units (Beijing, Shanghai) and service cities (Shenzhen) about 0.15-0.35 with their purchased
electricity and somewhat less without it, its coal-based cities and provinces (Ningxia,
Inner Mongolia; Wuhai, Shizuishan) about 4-10 (recalled from provincial inventories and
yearbooks, not read in a copy). The band is widened to 0.05 .. 20 (a third of the lowest,
twice the highest) so that real regions stay inside; a province's GDP beside a city's
emissions (x1/10 .. x1/40) takes most cities below it, a city's GDP beside a province's
emissions most above it."""


class UnusualIntensityWarning(CarbonpathWarning):
    """A base year's CO2 per GDP or per person outside the usual band (KB104, KE14).

    CO2 per GDP outside :data:`CARBON_INTENSITY_USUAL`, CO2 per person under
    :data:`CO2_PER_PERSON_FLOOR`.
    """


def intensity_note(emissions_t: float, gdp_cny: float, year: int, where: str) -> str | None:
    """The warning text of a base-year CO2 per GDP outside the band, or None inside it.

    Parameters
    ----------
    emissions_t : float
        Base-year CO2 (t); 0 or less compares nothing.
    gdp_cny : float
        Base-year GDP (CNY); 0 or less compares nothing.
    year : int
        The base year (for the text).
    where : str
        The GDP row (``drivers.csv, row 2``), the start of the text.

    Returns
    -------
    str or None
        Naming the row, the intensity, the band and the GDP that would bring it inside.
    """
    if not emissions_t > 0 or not gdp_cny > 0:
        return None
    ratio = emissions_t / (gdp_cny / 1e4)  # t CO2 per 万元
    low, high = CARBON_INTENSITY_USUAL
    if low <= ratio <= high:
        return None
    mt, yi = emissions_t / 1e6, gdp_cny / 1e8
    edge = low if ratio < low else high
    slip = ("the province's GDP beside the city's emissions (a yearbook's province row), or a "
            "GDP x10" if ratio < low else
            "a city's GDP beside a province's emissions, or a GDP /10 (万元 for 亿元 lost a digit)")
    return (f"{where}: unusual base-year CO2 per GDP: {mt:,.4g} Mt CO2 over gdp {year} = "
            f"{yi:,.6g} 亿元 is {ratio:.3g} t CO2/万元, "
            + ("below" if ratio < low else "above") + f" the {low:g} .. {high:g} of China's "
            f"cities and provinces (China about 1); probably {slip}, unless the emissions "
            f"are a part of the region's only; valid: the region's own "
            f"GDP, {'at most' if ratio < low else 'at least'} {emissions_t / edge / 1e4:,.5g} "
            "亿元 for these emissions (or the emissions of the region whose GDP this is)")


CO2_PER_PERSON_FLOOR = 1.0
"""Base-year CO2 per person (t) under which a dataset warns (round 29 KE14). China emitted
about 8 t CO2 a person in 2020-2023 (some 11 Gt over 1.41e9 persons); its least-emitting
provincial-level units (Tibet, Hainan, Yunnan) and agricultural cities about 2-5 (recalled
from provincial inventories and yearbooks, not read in a copy). The floor is half the lowest,
so real regions stay above it; a population x10 (600 万人 typed 6000) takes a city of 5.6 t
a person to 0.56. GDP per person and CO2 per GDP cannot see a GDP and a population both
x10 (their ratio is unchanged; 1.29 t CO2/万元 becomes 0.129, inside
:data:`CARBON_INTENSITY_USUAL`); CO2 per person can. No ceiling: coal cities (Wuhai, Ordos)
emit some 50-100 t a person, so a population /10 looks like one of them."""


def per_person_note(emissions_t: float, persons: float, year: int, where: str,
                    gdp: tuple[float, str] | None = None) -> str | None:
    """The warning text of a base-year CO2 per person under the floor, or None above it.

    Parameters
    ----------
    emissions_t : float
        Base-year CO2 (t); 0 or less compares nothing.
    persons : float
        Base-year population (persons); 0 or less compares nothing.
    year : int
        The base year (for the text).
    where : str
        The population row (``drivers.csv, row 3``), the start of the text.
    gdp : (float, str), optional
        Base-year GDP (CNY) and its row: named as possibly x10 as well, with the CO2 per
        GDP it gives and would give at a tenth.

    Returns
    -------
    str or None
        Naming the row(s), the CO2 per person, the floor and the population that would
        bring it above the floor.
    """
    if not emissions_t > 0 or not persons > 0:
        return None
    each = emissions_t / persons
    if each >= CO2_PER_PERSON_FLOOR:
        return None
    both = ""
    if gdp is not None and gdp[0] > 0:
        ratio = emissions_t / (gdp[0] / 1e4)
        both = (f"; GDP per person is {gdp[0] / persons:,.0f} CNY either way: if the GDP "
                f"({gdp[1]}, {gdp[0] / 1e8:,.6g} 亿元) is x10 too, CO2 per GDP is "
                f"{ratio:.3g} t CO2/万元 where {ratio * 10:.3g} is right")
    return (f"{where}: unusual base-year CO2 per person: {emissions_t / 1e6:,.4g} Mt CO2 over "
            f"population {year} = {persons / 1e4:,.6g} 万人 is {each:.3g} t CO2 a person, "
            f"under the {CO2_PER_PERSON_FLOOR:g} t of any Chinese city or province (China "
            f"about 8); probably the population x10 ({persons / 1e5:,.6g} 万人 gives "
            f"{each * 10:.3g} t){both}, unless the emissions are a part of the region's only; "
            f"valid: the region's own population, at most "
            f"{emissions_t / CO2_PER_PERSON_FLOOR / 1e4:,.5g} 万人 for these emissions")
