"""Writers of the CSV tables."""

from __future__ import annotations

import csv
import math
from collections import defaultdict

from . import captive, coverage, policy
from .commodities import COMMODITIES, COMMODITY_FUEL, COMMODITY_UNIT
from .common import (
    BASE,
    COAL_RATE,
    GDP,
    GRID_EF,
    GRID_NF,
    OUT,
    POP,
    TECHS,
    S,
    assume,
    base_activity,
)
from .demands import BASE_DEMAND, DEMAND_SRC, demand_path
from .profiles import build_profiles, tou_profile_rows

# ---------------------------------------------------------------------------------------
# Writers

def write_csv(name: str, fields: list[str], rows: list[dict]):
    with open(OUT / name, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: fmt(r.get(k, "")) for k in fields})


def fmt(v):
    if isinstance(v, float):
        if v == 0:
            return "0"
        return f"{v:.10g}"
    return v


STAT_UNIT = {"t": ("万吨", 1e-4), "m3_20C": ("万立方米", 1e-4), "MWh": ("亿千瓦时", 1e-5), "GJ": ("万百万千焦", 1e-4)}
# sector of local electricity generation in the accounting core's conventions (docs/activity.md)
GEN_SECTOR = {"pv": "solar_power", "wind": "wind_power"}  # by availability profile; else thermal_power
# product technology of the factor tables for technologies whose route has its own process factor
PROCESS_TECHNOLOGY = {"ammonia_coal": "coal_gasification"}


def activity_key(t: dict, commodity: str, direction: str) -> tuple[str, str, str] | None:
    """(sector, fuel, use) of one flow of a technology in the accounting core's conventions.

    Fuels: ``combustion`` (power and heat plants included, under thermal_power/heat_supply) or
    the flow's own use (``feedstock`` for the coal of coal-gasification ammonia). Electricity and
    heat: ``consumption`` by the using sector; ``generation`` under thermal_power (fossil and
    biomass plants, electricity), heat_supply (all heat, CHP heat included) or solar_power /
    wind_power (primary electricity); ``import``/``export`` under transfers. Purchases of fuels
    and materials are not activity (the fuel is counted where it is used).
    """
    fuel = COMMODITY_FUEL.get(commodity)
    if not fuel or t["kind"] == "storage":
        return None
    carrier = fuel in ("electricity", "heat", "hydrogen")
    if direction == "input":
        if not carrier:
            return t["sector"], fuel, t["uses"].get(commodity, "combustion")
        if t["kind"] == "export":
            return "transfers", fuel, "export"
        return t["sector"], fuel, "consumption"
    if not carrier:
        return None
    if t["kind"] == "import":
        return "transfers", fuel, "import"
    if fuel == "heat":
        return "heat_supply", "heat", "generation"
    if fuel == "electricity":
        return GEN_SECTOR.get(t["availability_profile"], "thermal_power"), fuel, "generation"
    return None  # hydrogen production (none in the base year)


def activity_rows():
    """activity.csv: base-year technology activity x flows, aggregated by sector, fuel and use."""
    agg = defaultdict(float)
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        if t["kind"] in ("import", "supply") and t["level"] == "annual":
            continue  # purchases of fuels and materials: counted where they are used
        for direction, flows in (("input", t["inputs"]), ("output", t["outputs"])):
            for c, v in flows.items():
                key = activity_key(t, c, direction)
                if key is not None:
                    agg[(*key, COMMODITY_UNIT[c], t.get("region", ""))] += a * v
    agg[("transfers", "electricity", "import", "MWh", "")] += 0.0  # the provincial method needs both rows
    rows = []
    for (sector, fuel, use, unit, region), val in sorted(agg.items()):
        if val == 0 and use != "import":
            continue
        su, f = STAT_UNIT[unit]
        rows.append(dict(sector=sector, fuel=fuel, value=round(val * f, 6), unit=su, year=BASE, use=use,
                         model_region=region,
                         gas_condition="20C" if fuel == "natural_gas" else "",
                         source="derived by tools/build_dataset.py: base-year technology activity x flows "
                                "(README D5); electricity and heat on the net-output basis"))
    return rows



def write_tables() -> None:
    """Write every CSV table of the dataset from the registered technologies (after the base-year balance)."""

    # commodities.csv
    write_csv("commodities.csv", ["commodity", "name", "unit", "balance", "kind", "fuel", "source"],
              [dict(zip(["commodity", "name", "unit", "balance", "kind", "fuel", "source"], c, strict=True)) for c in COMMODITIES])
    # technologies.csv
    tfields = ["technology", "name", "region", "sector", "kind", "level", "capacity_unit", "activity_unit", "group",
               "fixed_utilisation", "early_retirement", "availability_profile", "load_profile",
               "storage_commodity", "process_item", "process_technology", "investable", "nonfossil",
               "price_profile", "source"]
    for t in TECHS:
        t["process_technology"] = PROCESS_TECHNOLOGY.get(t["technology"], "")
    write_csv("technologies.csv", tfields, TECHS)
    # flows.csv
    frows = []
    for t in TECHS:
        if t["kind"] == "storage":
            continue  # storage charges from and discharges to its storage_commodity
        for direction, flows in (("input", t["inputs"]), ("output", t["outputs"])):
            for c, v in flows.items():
                unit = f"{COMMODITY_UNIT[c]}/{t['activity_unit']}"
                src = t["flow_source"] or ("identity: activity is counted in the main output" if direction == "output"
                                           else t["source"])
                if direction == "output" and v == 1.0 and c == next(iter(flows)):
                    src = "identity: activity is counted in this output"
                src = t.get("flow_sources", {}).get((direction, c), src)  # an option's catalogue flows
                fuse = t["uses"].get(c, "") if direction == "input" else ""
                frows.append(dict(technology=t["technology"], commodity=c, direction=direction,
                                  value=v, unit=unit, use=fuse, source=src))
    write_csv("flows.csv", ["technology", "commodity", "direction", "value", "unit", "use", "source"], frows)
    # parameters.csv
    prows = []
    for t in TECHS:
        for prm in t["params"]:
            v = prm["value"]
            prows.append(dict(technology=t["technology"], parameter=prm["parameter"], year=prm["year"],
                              day=prm.get("day", ""), value=round(v, 6) if isinstance(v, float) else v,
                              unit=prm["unit"], source=prm["source"]))
    prows += captive.link_parameter_rows()
    write_csv("parameters.csv", ["technology", "parameter", "year", "day", "value", "unit", "source"], prows)
    # emissions.csv: the capture plant and the green import (tools/builder/coverage.py)
    write_csv("emissions.csv", coverage.EMISSION_FIELDS, coverage.emission_rows())
    # links.csv: the captive network as its own region (tools/builder/captive.py)
    write_csv("links.csv", captive.LINK_FIELDS, captive.LINKS)
    # reserves.csv
    write_csv("reserves.csv", ["commodity", "parameter", "year", "value", "unit", "source"], [
        dict(commodity="electricity", parameter="margin", year="", value=policy.RESERVE_MARGIN, unit="1",
             source=policy.RESERVE_SRC),
        dict(commodity="electricity", parameter="storage_hours", year="", value=4, unit="hour",
             source=assume("a store counts fully at the peak with 4 h of full output (Shandong's storage rules "
                           "count 2-4 h stores)"))])
    # demands.csv
    drows = []
    for c, base in BASE_DEMAND.items():
        for y, v in sorted(demand_path(c, base).items()):
            drows.append(dict(commodity=c, year=y, value=math.floor(v * 100) / 100, unit=f"{COMMODITY_UNIT[c]}/yr", profile="", region=captive.demand_region(c),
                              source=(assume("derived base-year demand = base-year production minus local use (README D5)")
                                      if y == BASE else assume(DEMAND_SRC[c]))))
    write_csv("demands.csv", ["commodity", "region", "year", "value", "unit", "profile", "source"], drows)
    # profiles.csv
    write_csv("profiles.csv", ["profile", "day", "hour", "value", "unit", "source"],
              build_profiles() + tou_profile_rows())
    # drivers.csv
    vrows = []
    for y in (2020, BASE, 2025, 2030, 2035, 2040):
        if y == 2020:
            vrows.append(dict(driver="population", year=y, value=595.21, unit="万人", source=S["census7"]))
            continue
        src_g = (assume("2,880亿 current = constant 2023 prices (recalled from the 2023 bulletin, unverified; 2,850-2,950; "
                        "consistent with 2,317 in 2020 and ~3,300 in 2025)") if y == BASE else
                 ("published: ~3,300亿元 in 2025 (" + S["gwr2026"] + "; an estimate in the January-2026 government work "
                  "report), current prices taken as constant 2023 prices (the GDP deflator was slightly negative in "
                  "2024-25)") if y == 2025 else
                 assume("growth 7.0%/yr in 2024-25 (the published ~3,300亿 of 2025 over 2,880亿 of 2023), 5.0% 2026-30 "
                        "(15th FYP: above the provincial average), 4.0% 2031-35, 3.5% 2036-40"))
        vrows.append(dict(driver="gdp", year=y, value=round(GDP[y], 1), unit="亿元", source=src_g))
        vrows.append(dict(driver="population", year=y, value=round(POP[y], 2), unit="万人",
                          source=S["bulletin2023"] if y == BASE else assume(
                              "-0.4%/yr to 2030, -0.5%/yr after (2020-2023 trend -0.5%/yr: 595.21 -> 585.93)")))
    for y, v in sorted(GRID_EF.items()):
        src = (S["mee_grid"] if y in (2021, 2022) else
               ("2023 = the factor tables' Shandong 2022 value (" + S["mee_grid"] + "), which the accounting core "
                "carries to 2023 for lack of a published Shandong 2023 value; the model's base year uses the same so "
                "that it reconciles with the inventory (North China's 2023/2022 ratio would give 0.602, README D3)")
               if y == 2023 else
               assume("(1 - non-fossil share of Shandong electricity supply, grid_nonfossil_share) x ~0.82 t/MWh "
                      "fossil-only factor (MEE 2023 national fossil-only 0.8273); Shandong targets: clean 20% + "
                      "imports 20% of consumption by 2025 (山东省能源发展十四五规划), 170 GW renewables by 2030"))
        vrows.append(dict(driver="grid_emission_factor", year=y, value=v, unit="t CO2/MWh", source=src))
    for y, v in sorted(GRID_NF.items()):
        vrows.append(dict(driver="grid_nonfossil_share", year=y, value=v, unit="1", source=assume(
            "2023: wind+PV 22.6% of Shandong generation (Xinhua 2024-01-04) + nuclear (Haiyang, Shidaowan) minus "
            "curtailment, plus the non-fossil part of imported power; rising with Shandong's 2030/2035 plans and the "
            "national non-fossil targets (25% 2030, >30% 2035 of energy)")))
    for y, v in sorted(COAL_RATE.items()):
        vrows.append(dict(driver="thermal_power_coal_rate", year=y, value=v, unit="gce/kWh", source=(
            "supply basis (供电标准煤耗): 2023 = the factor tables' CEC 2022 value 300.7 gce/kWh (national thermal plants of "
            "6 MW and above, unverified), which the inventory carries to 2023; " if y == BASE else
            "assumption: supply basis (供电), -0.3%/yr after the 2023 value 300.7 gce/kWh (CEC series 2019-2022: "
            "306.4 -> 300.7, -0.6%/yr, slowing as the fleet ages and runs more flexibly)")))
    write_csv("drivers.csv", ["driver", "year", "value", "unit", "source"], vrows)
    # activity.csv
    write_csv("activity.csv", ["sector", "fuel", "value", "unit", "year", "use", "gas_condition", "model_region",
                               "source"],
              activity_rows())
    # production.csv
    prodrows = []
    for t in TECHS:
        a = base_activity(t)
        if t["process_item"] and a:
            prodrows.append(dict(product=t["process_item"], value=round(a * 1e-4, 6), unit="万吨", year=BASE,
                                 technology=PROCESS_TECHNOLOGY.get(t["technology"], ""),
                                 model_region=t.get("region", ""),
                                 source=next(x["source"] for x in t["params"] if x["parameter"] == "activity")))
    write_csv("production.csv", ["product", "value", "unit", "year", "technology", "model_region", "source"], prodrows)
