"""Liaocheng takes its technologies' generic values from the catalogue (issues 16 and 17).

No solve: the written tables against the bundled catalogue, the new measure classes against
the figures their sources give (written out here), the measures list and the published 2025
GDP.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.catalogue import load_catalogue
from carbonpath.units import unit_factor

CHAIN = ("CN-SD-Liaocheng", "CN-SD", "CN-NorthChina", "CN", "world")
BASE = 2023
TKM_PER_TRUCK_KM = 30 * 0.6  # a 49 t truck: ~30 t payload, loaded ~60 % of the distance
FOLDER = data_path("datasets") / "liaocheng"
CITED = re.compile(r"technology catalogue [0-9.]+ \(([a-z0-9_]+)\)")


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def params():
    return pd.read_csv(FOLDER / "parameters.csv", keep_default_na=False)


def test_every_row_citing_the_catalogue_holds_its_value(cat, params):
    cited = params[params["source"].str.contains("technology catalogue ", regex=False)]
    assert cited["source"].str.contains(f"technology catalogue {cat.version} (",
                                        regex=False).all()
    assert len(cited) > 250  # 259 rows of 963 in version 0.2.0
    for r in cited.itertuples():
        code = CITED.search(r.source).group(1)
        # the row keeps the catalogue row's status: an assumption is still one
        status = cat.parameters[(cat.parameters["technology"] == code)
                                & (cat.parameters["parameter"] == r.parameter)]["status"]
        assert r.source.startswith("assumption:") == (status.iloc[0] == "assumption")
        year = BASE if r.year == "" else int(r.year)
        value, _low, _high, unit, _ = cat.value(code, r.parameter, year, CHAIN)
        if "per truck-km" in r.source:  # freight shift: per t-km in the catalogue
            expected = value * TKM_PER_TRUCK_KM
        else:
            expected = value * unit_factor(unit, r.unit)
        assert float(r.value) == pytest.approx(expected, rel=1e-6), (r.technology, r.parameter,
                                                                     r.year)


def test_costs_and_lifetimes_come_from_the_catalogue(params):
    # the technologies that keep their own costs, each for a stated reason (README section 7)
    own = {"alumina_bayer_advanced", "al_smelter_efficient", "al_processing",
           "al_processing_electric", "steel_pipe_mill", "steel_pipe_mill_electric",
           "steel_plate_line", "chem_process_efficient", "textile_mill_efficient",
           "cement_mill_lowclinker", "steel_semis_purchase", "clinker_purchase", "grid_losses",
           "co2_vent", "co2_storage_site",
           # a supply chain's and a link's lifetime (no plant: the catalogue has none)
           "coal_supply", "gas_supply", "diesel_supply", "gasoline_supply", "lpg_supply",
           "biomass_supply", "captive_tie"}
    costs = params[params["parameter"].isin(["capex", "fixed_om", "lifetime"])]
    cited = costs["source"].str.contains("technology catalogue ", regex=False)
    assert set(costs.loc[~cited, "technology"]) <= own
    assert {"coal_chp_captive", "gas_ccgt", "steam_heat_pump", "res_heat_hp_urban",
            "ammonia_coal", "smelter_flex", "res_retrofit_urban"} <= set(
                costs.loc[cited, "technology"])


def test_the_measure_classes_agree_with_their_sources(cat):
    def value(code, par):
        return cat.value(code, par, 2030, CHAIN)

    # freight shift to rail: rolling stock 0.3 CNY per t-km/yr + sidings ~4 CNY per truck-km/yr
    capex, low, high, unit, _ = value("freight_shift_rail", "capex")
    assert unit == "CNY/(tkm/yr)"
    assert capex == pytest.approx(0.3 + 4 / TKM_PER_TRUCK_KM, abs=0.01)
    assert low <= 0.18 + 2 / TKM_PER_TRUCK_KM
    assert high >= 0.48 + 8 / TKM_PER_TRUCK_KM - 0.01
    # retrofits: ~250 CNY/m2 saving ~0.12 GJ/m2/yr -> ~2,083 CNY per GJ/yr, within the range
    capex, low, high, _, _ = value("building_retrofit_north", "capex")
    assert low <= 250 / 0.12 <= high
    assert capex == pytest.approx(250 / 0.12, rel=0.05)
    # smelter flexibility: ~2 % lost per round trip
    eff = value("smelter_load_flex", "charge_efficiency")[0] * value(
        "smelter_load_flex", "discharge_efficiency")[0]
    assert eff == pytest.approx(0.98, abs=0.001)
    # green import: ~10 % thermal firming at ~0.5 t/MWh, in Shandong at 0.40-0.45 CNY/kWh
    assert value("grid_import_green", "emission_factor")[0] == pytest.approx(0.10 * 0.5)
    price, low, high, _, _ = value("grid_import_green", "variable_cost")
    assert 400 <= price <= 450
    assert low <= 400
    assert high >= 450
    emissions = pd.read_csv(FOLDER / "emissions.csv")
    green = emissions[emissions["technology"] == "grid_import_green"]
    assert green["value"].tolist() == [value("grid_import_green", "emission_factor")[0]]


def test_measures_list_draws_the_macc_from_the_baseline():
    from carbonpath.dataset.scenarios import measures

    ds = cp.load_dataset("liaocheng")
    base, items = measures(ds)
    assert base == "baseline"
    assert ds.config["measures"]["year"] == 2030
    assert [m["name"] for m in items] == ["ccus_coal_chemical", "uhv_green_import",
                                          "smelter_flexibility", "freight_shift",
                                          "building_retrofit"]
    # each forces its option up to (not beyond) the limit the dataset sets for it
    params = ds.tables["parameters"]
    green = items[1]["changes"]["parameters"]
    limit = params[(params["technology"] == "grid_import_green")
                   & (params["parameter"] == "max_activity")].set_index("year")["value"]
    for row in green:
        assert row["value"] <= float(limit.loc[row["year"]]) + 1e-6


def test_gdp_2025_is_the_published_estimate():
    drivers = pd.read_csv(FOLDER / "drivers.csv")
    gdp = drivers[drivers["driver"] == "gdp"].set_index("year")["value"]
    assert gdp.loc[2025] == pytest.approx(3300, abs=0.1)  # 亿元, 2026 government work report
    assert gdp.loc[2023] == pytest.approx(2880)
    # 2026-30 grow at 5 %/yr from the pinned 2025
    assert gdp.loc[2030] == pytest.approx(3300 * 1.05 ** 5, rel=1e-4)
