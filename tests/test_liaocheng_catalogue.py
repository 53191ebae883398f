"""Liaocheng takes its technologies' generic values from the catalogue (issues 16 and 17).

No solve: the written tables against the bundled catalogue, the new measure classes against
the figures their sources give (written out here), the measures list and the published 2025
GDP.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

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
    assert len(cited) > 280  # 259 rows of 969 in version 0.2.0, 290 of 973 in 0.3.0
    # farm machinery: the dataset counts its service in GJ of diesel burned, the catalogue in
    # useful GJ: x 1 / 3.3333 GJ diesel per useful GJ (a diesel machine's 30 % efficiency)
    per_diesel_gj = 1 / float(cat.flows_of("agri_machinery_diesel").query(
        "commodity == 'diesel'")["value"].iloc[0])
    assert per_diesel_gj == pytest.approx(0.30, rel=1e-4)
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
        elif "diesel-equivalent service" in r.source:
            expected = value * unit_factor(unit, r.unit) * per_diesel_gj
        else:
            expected = value * unit_factor(unit, r.unit)
        assert float(r.value) == pytest.approx(expected, rel=1e-6), (r.technology, r.parameter,
                                                                     r.year)


def test_costs_and_lifetimes_come_from_the_catalogue(params):
    # the technologies that keep their own costs, each for a stated reason (README section 7)
    own = {"steel_semis_purchase", "clinker_purchase", "grid_losses",
           "co2_vent", "co2_storage_site",
           # a supply chain's and a link's lifetime (no plant: the catalogue has none)
           "coal_supply", "gas_supply", "diesel_supply", "gasoline_supply", "lpg_supply",
           "biomass_supply", "captive_tie"}
    costs = params[params["parameter"].isin(["capex", "fixed_om", "lifetime"])]
    cited = costs["source"].str.contains("technology catalogue ", regex=False)
    assert set(costs.loc[~cited, "technology"]) <= own
    assert {"coal_chp_captive", "gas_ccgt", "steam_heat_pump", "res_heat_hp_urban",
            "ammonia_coal", "smelter_flex", "res_retrofit_urban", "alumina_bayer_advanced",
            "al_processing", "steel_pipe_mill_electric", "cement_mill_lowclinker"} <= set(
                costs.loc[cited, "technology"])


# Net calorific values of GB/T 2589-2020 (Appendix A), GJ per unit the dataset counts the fuel in
NCV = {"raw_coal": 20.908, "natural_gas": 0.035544, "diesel": 42.652, "gasoline": 43.070,
       "lpg": 50.179, "solid_biomass": 14.654}
# catalogue commodity -> Liaocheng commodity (heat: the industrial steam pool or the plant's own
# output; service: the technology's service)
RENAMED = {"steel": "steel_semis", "chemicals": "chem_products",
           "aluminium_semis": "aluminium_products", "steel_sheet": "steel_plate",
           "co2_captured": "co2_stored"}
# the options (no stock in 2023) that take their flows from their class; the committed
# Xiangguang CHP keeps its design figures, storage its definitional flows, the freight shift
# its per-truck-km conversion
OPTIONS = {"gas_ccgt", "electrolyser", "alumina_bayer_advanced", "al_smelter_efficient",
           "al_processing_electric", "steel_pipe_mill_electric", "eaf_steel", "h2_dri_eaf",
           "ammonia_green", "chem_process_efficient", "textile_mill_efficient",
           "cement_mill_lowclinker", "steam_electric_boiler", "steam_heat_pump", "dh_heat_pump",
           "oi_heat_pump", "agri_electric", "bus_fcev", "hdt_fcev", "ccus_ammonia",
           "res_retrofit_urban"}


def test_the_options_flows_are_their_catalogue_classes_flows(cat, params):
    flows = pd.read_csv(FOLDER / "flows.csv", keep_default_na=False)
    cited = flows[flows["source"].str.contains("technology catalogue ", regex=False)]
    shift = cited["source"].str.contains("t-km per truck-km", regex=False)
    # the freight shift: per t-km in the catalogue, x 18 t-km per truck-km (diesel at 42.652 GJ/t)
    rail = cited[shift].set_index(["technology", "commodity"])["value"]
    per_tkm = cat.flows_of("freight_shift_rail").query("commodity == 'electricity'")["value"]
    assert rail[("freight_rail", "electricity")] == pytest.approx(
        float(per_tkm.iloc[0]) * TKM_PER_TRUCK_KM)
    assert rail[("freight_water", "diesel")] == pytest.approx(
        float(cat.flows_of("freight_shift_water").query("commodity == 'diesel'")["value"].iloc[0])
        * TKM_PER_TRUCK_KM / NCV["diesel"], abs=1e-8)  # written to 1e-8 t
    cited = cited[~shift]
    assert set(cited["technology"]) == OPTIONS
    # an option is a technology without stock in the base year (it may be built in the observed
    # years 2024-25, which the dataset then holds as stock)
    base = params[params["year"].astype(str).isin(["", str(BASE)]) & (params["value"] > 0)]
    stock = base[base["parameter"].isin(["residual_capacity", "activity"])]
    assert not OPTIONS & set(stock["technology"])
    per_diesel_gj = 1 / 3.3333  # agri_mech is counted in GJ of diesel (see above)
    for tech, rows in cited.groupby("technology"):
        code = CITED.search(rows["source"].iloc[0]).group(1)
        mine = {(r.commodity, r.direction): r for r in rows.itertuples()}
        theirs = cat.flows_of(code)
        main = flows[(flows["technology"] == tech) & (flows["direction"] == "output")]
        main = main["commodity"].iloc[0]
        for f in theirs.itertuples():
            com = {"service": main, "heat": main if main in ("steam", "district_heat")
                   else "steam"}.get(f.commodity, RENAMED.get(f.commodity, f.commodity))
            r = mine.pop((com, f.direction))
            num, den = f.unit.split("/")
            unit_num, unit_den = r.unit.split("/")
            expected = float(f.value) / unit_factor(den, unit_den)
            if com in NCV and unit_num in ("t", "m3_20C"):
                expected *= unit_factor(num, "GJ") / NCV[com]
            else:
                expected *= unit_factor(num, unit_num)
            if main == "agri_mech" and f.direction == "input":
                expected *= per_diesel_gj
            assert r.value == pytest.approx(expected, rel=1e-5), (tech, com)
            assert r.source.startswith("assumption:") == (f.status == "assumption"), (tech, com)
        # what is left is the CCUS plant's draw on the ammonia stream: 1 / capture rate
        assert set(mine) <= {("co2_stream", "input")}, tech
    # by hand: EAF gas 0.8 GJ/t / 0.035544 GJ/m3 = 22.51 m3/t; electric farm machinery
    # 1 / (0.85 x 3.6) MWh per useful GJ x 0.30 useful GJ per GJ of diesel = 0.0980 MWh
    one = flows.set_index(["technology", "commodity", "direction"])["value"]
    assert one[("eaf_steel", "natural_gas", "input")] == pytest.approx(0.8 / 0.035544, rel=1e-6)
    assert one[("agri_electric", "electricity", "input")] == pytest.approx(
        1 / (0.85 * 3.6) * 0.30, rel=1e-4)
    assert one[("ccus_ammonia", "co2_stream", "input")] == pytest.approx(1 / 0.9, rel=1e-6)
    # the standing plants keep their calibrated flows, not the class's (13.5 MWh/t, 20 GJ/t)
    assert one[("al_smelter", "electricity", "input")] == 13.6
    assert one[("textile_mill", "steam", "input")] == 5.0


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


def test_measures_list_draws_the_macc_from_the_baseline(liaocheng):
    from carbonpath.dataset.scenarios import measures

    ds = liaocheng
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
