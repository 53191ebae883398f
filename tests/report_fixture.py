"""A small dataset with every kind of figure content: power, storage, hydrogen and vehicles.

Used by ``tests/test_report.py``; its fuels are resolved by a fake ``fuel_factors`` so the
fixture does not depend on the factor tables.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from carbonpath.units import Q_
from tests.toy import ELECTRICITY, flow, param, tech, write

STANDARD_COAL = {"raw_coal": 0.7143, "diesel": 1.4571}


def fake_fuel_factors(fuel, sector, region, year, factors=None, historical=False):
    """Standard-coal coefficients of GB/T 2589-2020 for the fixture's two fuels."""
    if fuel in STANDARD_COAL:
        return {"standard_coal": SimpleNamespace(value=Q_(STANDARD_COAL[fuel], "kgce/kg"),
                                                 source="GB/T 2589-2020 Appendix A",
                                                 rule="test fixture")}
    raise LookupError(fuel)


def vehicle(code, group, **kw):
    return tech(code, sector="road_transport", kind="demand", level="annual",
                capacity_unit="vehicle", activity_unit="vkm", group=group,
                fixed_utilisation="true", investable="true", **kw)


def write_rich(folder: Path) -> Path:
    """Write the fixture dataset (base year 2024, horizon 2030, one representative day)."""
    hours = 4
    pv_profile = [0.0, 0.45, 0.55, 0.0]
    load = [0.8, 1.0, 1.0, 1.2]
    return write(
        folder, base_year=2024, horizon=2030, rate=0.05, hours=hours,
        primary_electricity="coal_consumption",
        targets=[{"name": "peak", "type": "peak_year", "year": 2027, "gas": "CO2"},
                 {"name": "cap", "type": "cap", "value": 3.5, "unit": "Mt CO2"}],
        commodities=[
            ELECTRICITY,
            {"commodity": "coal", "name": "Raw coal", "unit": "kt", "balance": "annual",
             "kind": "fuel", "fuel": "raw_coal"},
            {"commodity": "diesel", "name": "Diesel", "unit": "t", "balance": "annual",
             "kind": "fuel", "fuel": "diesel"},
            {"commodity": "hydrogen", "name": "Hydrogen", "unit": "GWh",
             "balance": "timeslice", "kind": "hydrogen", "fuel": "hydrogen"},
            {"commodity": "car_vkm", "name": "Car travel", "unit": "vkm",
             "balance": "annual", "kind": "service"},
            {"commodity": "bus_vkm", "name": "Bus travel", "unit": "vkm",
             "balance": "annual", "kind": "service"},
        ],
        technologies=[
            tech("coal_supply", name="Coal purchases", kind="import", level="annual",
                 capacity_unit="kt/yr", activity_unit="kt"),
            tech("diesel_supply", name="Diesel purchases", kind="import", level="annual",
                 capacity_unit="t/yr", activity_unit="t", sector="road_transport"),
            tech("coal_power", name="Coal power plant"),
            tech("pv", name="Solar PV (光伏)", kind="supply", investable="true",
                 nonfossil="true", availability_profile="pv"),
            tech("battery", name="Battery", kind="storage", investable="true",
                 storage_commodity="electricity"),
            tech("grid_import", name="Grid electricity", kind="import"),
            tech("electrolyser", name="Electrolyser", sector="chemicals", investable="true"),
            vehicle("car_ice", "car", name="Car, diesel"),
            vehicle("car_bev", "car", name="Car, battery electric"),
            vehicle("bus_diesel", "bus", name="Bus, diesel"),
            vehicle("bus_fcev", "bus", name="Bus, fuel cell"),
        ],
        flows=[
            flow("coal_supply", "coal", "output", 1, "kt/kt"),
            flow("diesel_supply", "diesel", "output", 1, "t/t"),
            flow("coal_power", "coal", "input", 0.4, "t/MWh"),
            flow("coal_power", "electricity", "output", 1, "MWh/MWh"),
            flow("pv", "electricity", "output", 1, "MWh/MWh"),
            flow("grid_import", "electricity", "output", 1, "MWh/MWh"),
            flow("electrolyser", "electricity", "input", 1.5, "MWh/MWh"),
            flow("electrolyser", "hydrogen", "output", 1, "MWh/MWh"),
            flow("car_ice", "diesel", "input", 5e-5, "t/vkm"),
            flow("car_ice", "car_vkm", "output", 1, "vkm/vkm"),
            flow("car_bev", "electricity", "input", 0.15, "kWh/vkm"),
            flow("car_bev", "car_vkm", "output", 1, "vkm/vkm"),
            flow("bus_diesel", "diesel", "input", 3e-4, "t/vkm"),
            flow("bus_diesel", "bus_vkm", "output", 1, "vkm/vkm"),
            flow("bus_fcev", "hydrogen", "input", 2.5, "kWh/vkm"),
            flow("bus_fcev", "bus_vkm", "output", 1, "vkm/vkm"),
        ],
        parameters=[
            param("coal_supply", "variable_cost", 500, "CNY/t"),
            param("coal_supply", "activity", 1600, "kt/yr", 2024),
            param("diesel_supply", "variable_cost", 7500, "CNY/t"),
            param("diesel_supply", "activity", 15000, "t/yr", 2024),
            param("coal_power", "lifetime", 30, "yr"),
            param("coal_power", "fixed_om", 100, "CNY/kW/yr"),
            param("coal_power", "variable_cost", 20, "CNY/MWh"),
            param("coal_power", "residual_capacity", 1000, "MW"),
            param("coal_power", "activity", 4000, "GWh/yr", 2024),
            param("pv", "lifetime", 25, "yr"),
            param("pv", "capex", 3000, "CNY/kW"),
            param("pv", "fixed_om", 40, "CNY/kW/yr"),
            param("pv", "residual_capacity", 200, "MW"),
            param("pv", "activity", 200 * 0.25 * 8.76, "GWh/yr", 2024),
            param("pv", "max_capacity", 3000, "MW"),
            param("battery", "lifetime", 15, "yr"),
            param("battery", "capex", 600, "CNY/kW"),
            param("battery", "capex_energy", 800, "CNY/kWh"),
            param("battery", "charge_efficiency", 0.95, "1"),
            param("battery", "discharge_efficiency", 0.95, "1"),
            param("grid_import", "variable_cost", 450, "CNY/MWh"),
            param("grid_import", "activity", 0, "GWh/yr", 2024),
            param("grid_import", "max_activity", 2000, "GWh/yr"),
            param("electrolyser", "lifetime", 20, "yr"),
            param("electrolyser", "capex", 3000, "CNY/kW"),
            param("car_ice", "lifetime", 12, "yr"),
            param("car_ice", "capex", 120000, "CNY/vehicle"),
            param("car_ice", "utilisation", 12000, "vkm/vehicle/yr"),
            param("car_ice", "residual_capacity", 20000, "vehicle"),
            param("car_ice", "activity", 2.4e8, "vkm/yr", 2024),
            param("car_bev", "lifetime", 12, "yr"),
            param("car_bev", "capex", 125000, "CNY/vehicle"),
            param("car_bev", "utilisation", 12000, "vkm/vehicle/yr"),
            param("bus_diesel", "lifetime", 10, "yr"),
            param("bus_diesel", "capex", 600000, "CNY/vehicle"),
            param("bus_diesel", "utilisation", 50000, "vkm/vehicle/yr"),
            param("bus_diesel", "residual_capacity", 200, "vehicle"),
            param("bus_diesel", "activity", 1e7, "vkm/yr", 2024),
            param("bus_fcev", "lifetime", 10, "yr"),
            param("bus_fcev", "capex", 900000, "CNY/vehicle"),
            param("bus_fcev", "utilisation", 50000, "vkm/vehicle/yr"),
        ],
        demands=[
            {"commodity": "electricity", "year": 2024, "value": 4438, "unit": "GWh/yr",
             "profile": "load"},
            {"commodity": "electricity", "year": 2030, "value": 5200, "unit": "GWh/yr",
             "profile": "load"},
            {"commodity": "car_vkm", "year": 2024, "value": 2.4e8, "unit": "vkm/yr"},
            {"commodity": "car_vkm", "year": 2030, "value": 3.0e8, "unit": "vkm/yr"},
            {"commodity": "bus_vkm", "year": 2024, "value": 1e7, "unit": "vkm/yr"},
            {"commodity": "bus_vkm", "year": 2030, "value": 1.2e7, "unit": "vkm/yr"},
        ],
        profiles=[{"profile": "pv", "day": "day", "hour": h, "value": v, "unit": "1"}
                  for h, v in enumerate(pv_profile)]
        + [{"profile": "load", "day": "day", "hour": h, "value": v, "unit": "1"}
           for h, v in enumerate(load)],
        drivers=[
            {"driver": "gdp", "year": 2024, "value": 800, "unit": "亿元"},
            {"driver": "gdp", "year": 2030, "value": 1050, "unit": "亿元"},
            {"driver": "grid_emission_factor", "year": 2024, "value": 0.6, "unit": "t CO2/MWh"},
            {"driver": "grid_emission_factor", "year": 2030, "value": 0.5, "unit": "t CO2/MWh"},
            {"driver": "grid_nonfossil_share", "year": "", "value": 0.25, "unit": "1"},
            {"driver": "thermal_power_coal_rate", "year": "", "value": 300, "unit": "gce/kWh"},
        ],
        emissions=[
            {"technology": "coal_power", "gas": "CO2", "basis": "input", "commodity": "coal",
             "value": 1.9, "unit": "t CO2/t"},
            {"technology": "car_ice", "gas": "CO2", "basis": "input", "commodity": "diesel",
             "value": 3.1, "unit": "t CO2/t"},
            {"technology": "bus_diesel", "gas": "CO2", "basis": "input",
             "commodity": "diesel", "value": 3.1, "unit": "t CO2/t"},
        ],
    )
