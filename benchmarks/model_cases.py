"""Synthetic pathway datasets for the model benchmarks: technologies x years x days x hours.

:func:`write_case` writes a valid carbonpath dataset folder (the layout of
``docs/data-format.md``): an electricity system balanced per timeslice (coal plants, PV and
wind farms with their own availability profiles, batteries, grid imports) and an annual
industry (a coal and an electric steel route drawing electricity through a load profile),
with coal supplied as an annual fuel. With ``Case.operations`` (the default) the families of
issue 12 are switched on: a reserve margin on electricity (peak from the profiles; capacity
credits, a firm import, batteries credited by duration), must-run coal on the first day,
ramping limits and maximum full-load hours of half the coal plants, growth limits and a
cumulative potential of PV and wind, a minimum retirement age of the coal that may retire
early and a committed coal project. The base year is consistent by construction (observed
activities add up to the demands, within the capacities), and the scenario ``plan`` holds a
peak-year target and a cap on emissions, so that the benchmarks can re-solve after moving
the peak year, the cap or the coal price.

The size of the LP is about ``(generators + 1 + 3 x stores) x years x days x hours`` columns:
see :data:`CASES` (about 1e4, 1e5 and 1e6 columns).

Run ``python benchmarks/model_cases.py FOLDER CASE`` to write one case.
"""

from __future__ import annotations

import csv
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE = "assumption: synthetic benchmark dataset (benchmarks/model_cases.py)"
BASE_YEAR = 2023


@dataclass(frozen=True)
class Case:
    """Shape of a synthetic dataset."""

    name: str
    generators: int  # timeslice generators: coal, PV and wind in turn
    stores: int  # batteries
    years: int  # model years, base year included
    days: int  # representative days
    hours: int  # hour blocks per day
    solve: bool = True  # False: build and hand-off only (the solve takes too long)
    operations: bool = True  # the families of issue 12 (adequacy, operating limits, fleet)
    regions: int = 1  # 2: every second generator in a region 'east', joined by links

    @property
    def columns(self) -> int:
        """Approximate number of LP columns."""
        return (self.generators + 1 + 3 * self.stores) * self.years * self.days * self.hours


#: The benchmark cases: about 1e4, 1e5 and 1e6 columns.
CASES: dict[str, Case] = {
    "1e4": Case("1e4", generators=6, stores=1, years=10, days=4, hours=24),
    "1e5": Case("1e5", generators=12, stores=2, years=18, days=12, hours=24),
    "1e6": Case("1e6", generators=36, stores=4, years=28, days=30, hours=24, solve=False),
    # the size case of the performance issue: 8 representative days x 24 h x 18 years
    "8d": Case("8d", generators=12, stores=2, years=18, days=8, hours=24),
    # the 1e5 case in two regions (generators split, an electricity and a coal link)
    "1e5r": Case("1e5r", generators=12, stores=2, years=18, days=12, hours=24, solve=False,
                 regions=2),
}


def _pv(day: int, days: int, hour: float) -> float:
    season = 0.75 + 0.25 * math.cos(2 * math.pi * (day / days - 0.5))
    sun = math.sin(math.pi * (hour - 6.0) / 12.0)
    return round(max(0.0, sun) * 0.8 * season, 6)


def _wind(k: int, day: int, days: int, hour: float) -> float:
    phase = 0.7 * k + 2 * math.pi * day / days
    return round(0.35 + 0.2 * math.sin(phase) + 0.1 * math.cos(2 * math.pi * hour / 24 + k), 6)


def _load(day: int, days: int, hour: float) -> float:
    return round(1.0 + 0.25 * math.sin(math.pi * (hour - 8.0) / 12.0)
                 + 0.1 * math.cos(2 * math.pi * day / days), 6)


def write_case(folder: Path, case: Case) -> Path:
    """Write the dataset of ``case`` to ``folder`` and return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    horizon = BASE_YEAR + case.years - 1
    D, H = case.days, case.hours
    block = 24.0 / H
    weights = [365.0 / D] * D
    weights[-1] = 365.0 - sum(weights[:-1])
    day_names = [f"d{k:02d}" for k in range(D)]
    hour_mid = [(h + 0.5) * block for h in range(H)]

    kinds = ["coal", "pv", "wind"]
    gens = [(f"{kinds[k % 3]}_{k // 3:02d}", kinds[k % 3], k // 3) for k in range(case.generators)]
    n_coal = sum(1 for _, kind, _ in gens if kind == "coal")

    # profiles: one PV and one wind shape per generator (their own sites), a load shape
    profiles = []
    shapes: dict[str, list[float]] = {}
    for code, kind, k in gens:
        if kind == "coal":
            continue
        values = []
        for d, day in enumerate(day_names):
            for h, t in enumerate(hour_mid):
                v = _pv(d, D, t) * (1 - 0.03 * k) if kind == "pv" else _wind(k, d, D, t)
                values.append(v)
                profiles.append({"profile": f"site_{code}", "day": day, "hour": h, "value": v,
                                 "unit": "1"})
        shapes[code] = values
    load = []
    for d, day in enumerate(day_names):
        for h, t in enumerate(hour_mid):
            v = _load(d, D, t)
            load.append(v)
            profiles.append({"profile": "load", "day": day, "hour": h, "value": v, "unit": "1"})
    for day in day_names:
        for h in range(H):
            profiles.append({"profile": "flat", "day": day, "hour": h, "value": 1, "unit": "1"})
    w = [weights[d] * block for d in range(D) for _ in range(H)]

    def full_load_hours(code: str) -> float:
        return sum(a * b for a, b in zip(shapes[code], w, strict=True))

    # base year (GWh): electricity demand, steel demand and its routes
    demand0 = 40000.0 + 2000.0 * case.generators
    steel0 = 5000.0  # kt
    bf0, eaf0 = 0.8 * steel0, 0.2 * steel0
    elec_bf, elec_eaf = 0.4, 0.6  # MWh/t
    coal_bf = 0.7  # t/t
    heat_rate = 0.45  # t coal / MWh
    need0 = demand0 + bf0 * elec_bf + eaf0 * elec_eaf
    technologies, flows, params = [], [], []

    def tech(code, **kw):
        row = {"technology": code, "sector": "thermal_power", "kind": "conversion",
               "level": "timeslice", "capacity_unit": "MW", "activity_unit": "MWh",
               "investable": "true", "fixed_utilisation": "false", "early_retirement": "false",
               "nonfossil": "false"}
        row.update(kw)
        if not row.get("region"):  # one region: the tables keep their columns
            row.pop("region", None)
        technologies.append(row)

    def param(code, name, value, unit, year=None):
        params.append({"technology": code, "parameter": name, "value": repr(float(value)),
                       "unit": unit, "year": "" if year is None else year})

    n_renew = case.generators - n_coal
    coal_gen = 0.5 * need0 / max(n_coal, 1)
    renew_gen = 0.0
    east_capacity = 0.0  # GW
    for i, (code, kind, k) in enumerate(gens):
        region = "east" if case.regions > 1 and i % 2 else ""
        if kind == "coal":
            cap = coal_gen / (0.9 * 8760 * 0.75)  # GW: runs at 75% of its availability
            east_capacity += cap if region else 0.0
            tech(code, early_retirement="true" if k % 2 else "false", region=region)
            flows.append({"technology": code, "commodity": "raw_coal", "direction": "input",
                          "value": heat_rate * (1 + 0.02 * k), "unit": "t/MWh"})
            param(code, "lifetime", 30, "yr")
            param(code, "capex", 3500 + 50 * k, "CNY/kW")
            param(code, "fixed_om", 100, "CNY/kW/yr")
            param(code, "variable_cost", 20, "CNY/MWh")
            param(code, "availability", 0.9, "1")
            param(code, "residual_capacity", cap * 1000, "MW", BASE_YEAR)
            param(code, "residual_capacity", cap * 500, "MW", BASE_YEAR + (case.years - 1) // 2)
            param(code, "residual_capacity", 0, "MW", horizon)
            param(code, "activity", coal_gen * 1000, "MWh/yr", BASE_YEAR)
            if case.operations:
                param(code, "capacity_credit", 0.9, "1")
                params.append({"technology": code, "parameter": "min_output", "value": "0.2",
                               "unit": "1", "year": "", "day": day_names[0]})
                if k % 2 == 0:
                    param(code, "ramp_rate", 0.4, "1/hour")
                    param(code, "max_full_load_hours", 7000, "hour/yr")
                else:
                    param(code, "min_retirement_age", 20, "yr")
                if k == 0 and case.years > 4:
                    param(code, "committed_new_capacity", 100, "MW", BASE_YEAR + 3)
        else:
            flh = full_load_hours(code)
            gen = 0.25 * need0 / n_renew  # renewables give a quarter of the base year
            cap = gen / (0.9 * flh)  # GW
            renew_gen += gen
            east_capacity += cap if region else 0.0
            tech(code, sector="solar_power" if kind == "pv" else "wind_power", kind="supply",
                 nonfossil="true", availability_profile=f"site_{code}", region=region)
            param(code, "lifetime", 25, "yr")
            start = 3800 if kind == "pv" else 6000
            param(code, "capex", start * (1 + 0.04 * k), "CNY/kW", BASE_YEAR)
            param(code, "capex", start * 0.6 * (1 + 0.04 * k), "CNY/kW", horizon)
            param(code, "fixed_om", 40 if kind == "pv" else 120, "CNY/kW/yr")
            param(code, "residual_capacity", cap * 1000, "MW", BASE_YEAR)
            param(code, "residual_capacity", 0, "MW", max(horizon, BASE_YEAR + 25))
            param(code, "max_capacity", (6 * cap + 2.0) * 1000, "MW")
            param(code, "activity", gen * 1000, "MWh/yr", BASE_YEAR)
            if case.operations:
                param(code, "capacity_credit", 0.05 if kind == "pv" else 0.1, "1")
                param(code, "max_growth", 0.3, "1/yr")
                param(code, "growth_seed", 200, "MW/yr")
                if kind == "wind":
                    param(code, "max_cumulative_new_capacity", (3 * cap + 1.0) * 1000, "MW")
        flows.append({"technology": code, "commodity": "electricity", "direction": "output",
                      "value": 1, "unit": "MWh/MWh"})
    imports0 = need0 - n_coal * coal_gen - renew_gen
    assert imports0 > 0, "the synthetic base year needs some imports"
    tech("grid_import", sector="utilities", kind="import", investable="false")
    flows.append({"technology": "grid_import", "commodity": "electricity",
                  "direction": "output", "value": 1, "unit": "MWh/MWh"})
    param("grid_import", "variable_cost", 450, "CNY/MWh")
    param("grid_import", "activity", imports0 * 1000, "MWh/yr", BASE_YEAR)
    param("grid_import", "max_activity", imports0 * 1500, "MWh/yr")
    if case.operations:
        param("grid_import", "firm_capacity", imports0 * 1000 / 8760 * 0.5, "MW")
    for s in range(case.stores):
        code = f"battery_{s:02d}"
        tech(code, sector="utilities", kind="storage", storage_commodity="electricity")
        param(code, "lifetime", 15, "yr")
        param(code, "capex", 300 + 20 * s, "CNY/kW")
        param(code, "capex_energy", 800, "CNY/kWh", BASE_YEAR)
        param(code, "capex_energy", 300, "CNY/kWh", horizon)
        param(code, "fixed_om", 10, "CNY/kW/yr")
        param(code, "fixed_om_energy", 5, "CNY/kWh/yr")
        param(code, "charge_efficiency", 0.95, "1")
        param(code, "discharge_efficiency", 0.95 - 0.01 * s, "1")
        param(code, "standing_loss", 0.0005, "1/hour")
        param(code, "min_duration", 2, "hour")
        param(code, "max_duration", 4 + s, "hour")
        if case.operations:
            param(code, "capacity_credit", 0.9, "1")
    # fuel supply and the steel industry (annual balances, electricity via a load profile)
    coal0 = sum(heat_rate * (1 + 0.02 * k) * coal_gen for _, kind, k in gens if kind == "coal")
    coal0 += bf0 * coal_bf
    tech("coal_supply", sector="transfers", kind="import", level="annual",
         capacity_unit="kt/yr", activity_unit="kt", investable="false")
    flows.append({"technology": "coal_supply", "commodity": "raw_coal", "direction": "output",
                  "value": 1, "unit": "t/t"})
    param("coal_supply", "variable_cost", 900, "CNY/t", BASE_YEAR)
    param("coal_supply", "variable_cost", 1000, "CNY/t", horizon)
    param("coal_supply", "activity", coal0, "kt/yr", BASE_YEAR)
    for code, elec, coal, share in (("steel_bf", elec_bf, coal_bf, bf0),
                                    ("steel_eaf", elec_eaf, 0.0, eaf0)):
        tech(code, sector="ferrous_metals", kind="demand", level="annual",
             capacity_unit="kt/yr", activity_unit="kt", load_profile="flat",
             fixed_utilisation="false")
        flows.append({"technology": code, "commodity": "electricity", "direction": "input",
                      "value": elec, "unit": "MWh/t"})
        if coal:
            flows.append({"technology": code, "commodity": "raw_coal", "direction": "input",
                          "value": coal, "unit": "t/t"})
        flows.append({"technology": code, "commodity": "steel", "direction": "output",
                      "value": 1, "unit": "t/t"})
        param(code, "lifetime", 30, "yr")
        param(code, "capex", 3000 if coal else 2500, "CNY/(t/yr)")
        param(code, "fixed_om", 100, "CNY/(t/yr)/yr")
        param(code, "utilisation", 0.9, "t/(t/yr)/yr")
        param(code, "residual_capacity", share / 0.8, "kt/yr", BASE_YEAR)
        param(code, "residual_capacity", 0, "kt/yr", horizon)
        param(code, "activity", share, "kt/yr", BASE_YEAR)
    commodities = [
        {"commodity": "electricity", "unit": "GWh", "balance": "timeslice",
         "kind": "electricity", "fuel": "electricity"},
        {"commodity": "raw_coal", "unit": "kt", "balance": "annual", "kind": "fuel",
         "fuel": "raw_coal"},
        {"commodity": "steel", "unit": "kt", "balance": "annual", "kind": "material"},
    ]
    demands = [
        {"commodity": "electricity", "year": BASE_YEAR, "value": demand0, "unit": "GWh/yr",
         "profile": "load"},
        {"commodity": "electricity", "year": horizon, "value": demand0 * 1.03 ** (case.years - 1),
         "unit": "GWh/yr", "profile": "load"},
        {"commodity": "steel", "year": BASE_YEAR, "value": steel0, "unit": "kt/yr"},
        {"commodity": "steel", "year": horizon, "value": steel0 * 1.1, "unit": "kt/yr"},
    ]
    drivers = [
        {"driver": "grid_emission_factor", "year": BASE_YEAR, "value": 0.58,
         "unit": "t CO2/MWh"},
        {"driver": "grid_emission_factor", "year": horizon, "value": 0.35, "unit": "t CO2/MWh"},
        {"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"},
        {"driver": "gdp", "year": BASE_YEAR, "value": 3000, "unit": "亿元"},
        {"driver": "gdp", "year": horizon, "value": 3000 * 1.05 ** (case.years - 1),
         "unit": "亿元"},
    ]
    # emissions of the base year (coal 1.9 t CO2/t approx.) set the cap: 5% above it
    peak = BASE_YEAR + min(7, case.years - 2)
    targets = [
        {"name": "peak", "type": "peak_year", "year": peak},
        {"name": "peak_level", "type": "cap", "value": 1.3 * 2.0 * coal0 / 1000
         + 1.3 * 0.58 * imports0 / 1000, "unit": "Mt CO2"},
    ]
    config = {
        "name": folder.name, "title": f"synthetic benchmark case {case.name}",
        "region": "CN-SD-Liaocheng", "base_year": BASE_YEAR, "horizon": horizon,
        "currency": "CNY", "price_year": BASE_YEAR, "discount_rate": 0.06,
        "timeslices": {"hours": H, "days": [{"name": n, "weight": wt}
                                            for n, wt in zip(day_names, weights, strict=True)]},
        "emissions": {"method": "provincial", "gas": "CO2"},
        "energy": {"primary_electricity": "calorific"},
        "scenarios": {"baseline": {"targets": []},
                      "plan": {"targets": [t["name"] for t in targets]}},
    }
    (folder / "dataset.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    plan = {"targets": [dict({"status": "assumption", "source": SOURCE}, **t) for t in targets]}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    tables = {
        "commodities": (["commodity", "name", "unit", "balance", "kind", "fuel", "source"],
                        commodities),
        "technologies": (["technology", "name", "sector", "kind", "level", "capacity_unit",
                          "activity_unit", "group", "fixed_utilisation", "early_retirement",
                          "investable", "nonfossil", "availability_profile", "load_profile",
                          "storage_commodity", "process_item", "source"], technologies),
        "flows": (["technology", "commodity", "direction", "value", "unit", "use", "source"],
                  flows),
        "parameters": (["technology", "parameter", "year", "value", "unit", "source", "day"],
                       params),
        "demands": (["commodity", "year", "value", "unit", "profile", "source"], demands),
        "profiles": (["profile", "day", "hour", "value", "unit", "source"], profiles),
        "drivers": (["driver", "year", "value", "unit", "source"], drivers),
    }
    if case.operations:
        tables["reserves"] = (["commodity", "parameter", "year", "value", "unit", "source"],
                              [{"commodity": "electricity", "parameter": "margin", "value": 0.15,
                                "unit": "1", "year": ""},
                               {"commodity": "electricity", "parameter": "storage_hours",
                                "value": 4, "unit": "hour", "year": ""}])
    links = []
    if case.regions > 1:
        config["regions"] = ["west", "east"]
        tables["technologies"][0].append("region")
        # lossless, so that the base year (observed generation in the east) balances
        links = [{"link": "east_west", "commodity": "electricity", "from_region": "east",
                  "to_region": "west", "bidirectional": "true", "loss": 0,
                  "capacity_unit": "MW", "activity_unit": "MWh", "investable": "true"},
                 {"link": "coal_east", "commodity": "raw_coal", "from_region": "west",
                  "to_region": "east", "bidirectional": "false", "loss": 0,
                  "capacity_unit": "kt/yr", "activity_unit": "kt", "investable": "false"}]
        param("east_west", "lifetime", 40, "yr")
        param("east_west", "residual_capacity", 1500 * east_capacity, "MW")
        param("east_west", "capex", 1000, "CNY/kW")
        param("east_west", "variable_cost", 5, "CNY/MWh")
        tables["links"] = (["link", "commodity", "from_region", "to_region", "bidirectional",
                            "loss", "capacity_unit", "activity_unit", "investable", "source"],
                           links)
        (folder / "dataset.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                             encoding="utf-8")
    for table, (columns, rows) in tables.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="raise")
            writer.writeheader()
            for row in rows:
                out = dict.fromkeys(columns, "")
                out["source"] = SOURCE
                out.update(row)
                writer.writerow(out)
    return folder


if __name__ == "__main__":
    write_case(Path(sys.argv[1]), CASES[sys.argv[2]])
