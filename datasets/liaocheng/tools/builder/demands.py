"""Exogenous demands and their projections (demands.csv)."""

from __future__ import annotations

from . import policy
from .common import BASE, URBAN, g, interp, p

# ---------------------------------------------------------------------------------------
# Demands (exogenous service/material demand by year)
BASE_DEMAND = {}  # filled after base-year balance


def demand_path(code: str, base: float) -> dict[int, float]:
    """Projection of each demand; the reasoning is in README §Demands."""
    if code in policy.INDUSTRY_GROWTH:
        return {**policy.INDUSTRY_GROWTH[code][0], BASE: base}
    if code == "alumina":
        return dict.fromkeys((BASE, 2030, 2040), base)
    if code == "aluminium":
        return {BASE: base, 2030: 0.35e6, 2035: 0.30e6, 2040: 0.30e6}
    if code == "aluminium_products":
        return {BASE: base, 2030: 1.5e6, 2035: 1.75e6, 2040: 1.95e6}
    if code == "copper":
        return {BASE: base, 2030: 0.98e6, 2035: 1.05e6, 2040: 1.10e6}
    if code == "steel_pipe":
        return {BASE: base, 2030: 4.6e6, 2040: 4.8e6}
    if code == "steel_plate":
        return {BASE: base, 2030: 3.5e6, 2040: 4.0e6}
    if code == "ammonia":
        return {BASE: base, 2040: base}
    if code == "chem_products":
        return {BASE: base, 2030: 6.0e6, 2035: 7.0e6, 2040: 7.5e6}
    if code == "textiles":
        return {BASE: base, 2030: 0.85e6, 2040: 0.85e6}
    if code == "cement":
        return {BASE: base, 2030: 5.5e6, 2040: 4.8e6}
    if code == "other_ind_heat":
        return {y: base * g(y, 0.5) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "other_ind_power":
        return {y: base * g(y, 0.8) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "construction_energy":
        return {BASE: base, 2030: base * 0.93, 2040: base * 0.85}
    if code == "res_heat_urban":
        return {y: base * p(y) * interp(URBAN, y) / URBAN[BASE] * (1.01 ** (y - BASE)) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "res_heat_rural":
        return {y: base * p(y) * (1 - interp(URBAN, y)) / (1 - URBAN[BASE]) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "res_cooking":
        return {y: base * p(y) for y in (BASE, 2030, 2040)}
    if code == "res_power":
        return {y: base * p(y) * (1.03 ** min(y - BASE, 7)) * (1.02 ** max(0, y - 2030)) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "svc_heat":
        return {y: base * g(y, 0.5) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "svc_power":
        return {y: base * g(y, 0.9) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code in ("agri_mech", "agri_power"):
        return {BASE: base, 2040: base}
    if code == "grid_service":
        return {y: base * g(y, 0.7) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "car_vkm":
        own = {2023: 205, 2030: 255, 2035: 280, 2040: 300}  # cars per 1,000 residents
        return {y: base * p(y) * interp(own, y) / own[BASE] for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "bus_vkm":
        return {BASE: base, 2040: base}
    if code == "hdt_vkm":
        return {y: base * g(y, 0.6) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "ldt_vkm":
        return {y: base * g(y, 0.8) for y in (BASE, 2025, 2030, 2035, 2040)}
    raise KeyError(code)


DEMAND_SRC_OLD = {
    "alumina": "external alumina sales held flat: no new alumina capacity in Shandong (capacity control), no announced closure",
    "aluminium": "ingot sales fall as deep processing absorbs metal (15th FYP: 延伸铝铜精深加工)",
    "aluminium_products": "+6%/yr to 2030, +3% to 2035, +2% to 2040 (15th FYP: 全国重要的绿色循环铝产业基地)",
    "copper": "+3%/yr to 2030 then slower (15th FYP: 铜精深加工产业基地)",
    "steel_pipe": "+1.3%/yr to 2030 then +0.4%/yr: quality rather than tonnage (精品钢管产业园)",
    "steel_plate": "+5%/yr to 2030 then +1.3%/yr (高端钢板生产基地)",
    "ammonia": "flat: fertiliser demand tied to a stable grain output (115亿斤)",
    "chem_products": "+7%/yr to 2030, then +3%/yr and +1.4%/yr (千亿级绿色化工产业基地)",
    "textiles": "slight growth to 2030, then flat (纺织 remains a priority, without capacity growth)",
    "cement": "national construction slowdown: -1.2%/yr to 2030, -1.4%/yr after",
    "other_ind_heat": "GDP elasticity 0.5 (other manufacturing grows with GDP, heat per unit of value added falls)",
    "other_ind_power": "GDP elasticity 0.8 (electrification of other manufacturing)",
    "construction_energy": "-1%/yr: construction activity past its peak (national housing starts falling since 2021)",
    "res_heat_urban": "urban population (urbanisation 55.8% -> 62% 2030 -> 68% 2040) x heated area per capita +1%/yr",
    "res_heat_rural": "rural population (population x (1 - urbanisation)); heated area per rural resident held",
    "res_cooking": "resident population (D1); per-capita cooking and hot water held",
    "res_power": "population x per-capita use +3%/yr to 2030, +2%/yr after",
    "svc_heat": "GDP elasticity 0.5 (floor area of services grows more slowly than their value added)",
    "svc_power": "GDP elasticity 0.9 (services electricity grows almost with GDP, as in Shandong 2015-2023)",
    "agri_mech": "flat (grain output stable, 15th FYP)",
    "agri_power": "flat: irrigated area and facility agriculture held with a stable grain output (15th FYP: 115亿斤)",
    "grid_service": "GDP elasticity 0.7 (losses follow the electricity use of the city)",
    "car_vkm": "population x car ownership 205 -> 255 (2030) -> 300 (2040) per 1,000 residents",
    "bus_vkm": "flat: urban bus network held; a falling population offsets more routes",
    "hdt_vkm": "GDP elasticity 0.6",
    "ldt_vkm": "GDP elasticity 0.8",
}
DEMAND_SRC = {**DEMAND_SRC_OLD, **{c: policy.PIPELINE_SRC + why for c, (_, _, why) in policy.INDUSTRY_GROWTH.items()}}
