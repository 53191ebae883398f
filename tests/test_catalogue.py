"""The bundled technology catalogue: coverage, provenance, validation, regional lookups."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from carbonpath._resources import data_path
from carbonpath.catalogue import load_catalogue
from carbonpath.errors import DataError

# the technologies issue 16 asks for, one representative code each
REQUIRED = [
    "coal_subcritical", "coal_supercritical", "coal_usc", "coal_chp", "gas_ccgt", "pv_utility",
    "pv_rooftop", "wind_onshore", "wind_offshore", "biomass_power", "waste_to_energy",
    "hydro_small", "pumped_hydro", "battery_lfp", "electrolyser_alkaline", "h2_storage",
    "heat_coal_boiler", "heat_pump_large", "alumina_bayer", "al_smelter_prebake",
    "al_recycling", "cu_smelter_primary", "steel_bf_bof", "steel_eaf", "steel_h2_dri",
    "clinker_kiln", "cement_grinding", "ammonia_coal", "chemicals_other", "glass_float",
    "textile_mill", "paper_mill", "bld_heat_heat_pump", "bld_cook_gas", "car_ice", "car_bev",
    "bus_bev", "truck_heavy_diesel", "truck_heavy_fcev", "rail_electric",
    "water_inland_diesel", "ccus_coal_chemical",
]
CN_ZJ = ("CN-ZJ", "CN-East", "CN", "world")
CN_GD = ("CN-GD", "CN-South", "CN", "world")


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_covers_the_issue_and_records_a_version(cat):
    assert set(REQUIRED) <= set(cat.technologies.index)
    assert cat.version == (data_path("catalogue") / "VERSION").read_text().strip()


def test_every_value_has_a_source_a_consistent_status_and_its_own_range():
    folder = data_path("catalogue")
    for name in ("technologies", "flows", "parameters"):
        raw = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        assumed = raw["source"].str.startswith("assumption:")
        assert (raw["source"].str.len() > 15).all(), name
        assert (raw.loc[assumed, "status"] == "assumption").all(), name
        assert raw.loc[~assumed, "status"].isin(["verified", "unverified"]).all(), name
        if name != "technologies":
            num = raw[raw["low"] != ""]
            low, val, high = (num[c].astype(float) for c in ("low", "value", "high"))
            assert ((low <= val) & (val <= high)).all(), name


def test_costs_fall_and_regions_differ_where_the_catalogue_says(cat):
    # offshore wind capex 2025 by hand: national 11,000 (2023) -> 9,000 (2030) CNY/kW,
    # Guangdong 12,000 -> 10,000; linear: 2/7 of the way
    zj = cat.value("wind_offshore", "capex", 2025, CN_ZJ)
    gd = cat.value("wind_offshore", "capex", 2025, CN_GD)
    assert zj[0] == pytest.approx(11000 - 2 / 7 * 2000)
    assert gd[0] == pytest.approx(12000 - 2 / 7 * 2000)
    assert zj[1] < zj[0] < zj[2]
    pv = [cat.value("pv_utility", "capex", y, CN_ZJ)[0] for y in (2023, 2030, 2040)]
    assert pv == [3400, 2800, 2400]
    ccus = cat.value("ccus_coal_chemical", "capture_rate", 2030, CN_ZJ)
    assert ccus[0] == 0.9


def test_a_trajectory_is_never_extended_by_holding_its_last_value(cat):
    with pytest.raises(DataError, match=r"covers 2020\.\.2060, not 2070"):
        cat.value("pv_utility", "capex", 2070, CN_ZJ)


@pytest.mark.parametrize(("file", "old", "new", "column", "words"), [
    ("parameters.csv", "coal_usc,capex,,,3800,3230,4370,CNY/kW",
     "coal_usc,capex,,,3800,3230,4370,CNY/MWh", "unit", "wrong dimension"),
    ("parameters.csv", "coal_usc,capex,,,3800,3230,4370", "coal_usc,capex,,,3800,3900,4370",
     "value", "outside its own range"),
    ("flows.csv", "coal_usc,raw_coal,input,8.0", "coal_usc,raw_coal,input,eight", "value",
     "not a number"),
    ("flows.csv", "coal_usc,raw_coal,input,8.0,", "coal_usx,raw_coal,input,8.0,", "technology",
     "coal_usc"),
    ("technologies.csv", "MWh,electricity,,,false,,,,assumption: catalogue entry (a generic "
     "technology class),assumption", "MWh,electricity,,,false,,,,assumption: catalogue entry "
     "(a generic technology class),verified", "status", "status and source disagree"),
])
def test_validation_names_file_row_and_column(tmp_path, file, old, new, column, words):
    folder = tmp_path / "catalogue"
    shutil.copytree(data_path("catalogue"), folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue(folder)
    problems = [p for p in info.value.problems if p.column == column]
    assert problems, str(info.value)
    assert any(words in str(p) for p in problems), str(info.value)
    assert all(p.file == f"catalogue/{file}" and isinstance(p.row, int) for p in problems)


@pytest.mark.parametrize(("tech", "code"), [
    ("pv_utility", "pv_utility"), ("pv_rooftop", "pv_rooftop"), ("wind_onshore", "wind_onshore"),
    ("battery", "battery_lfp"), ("electrolyser", "electrolyser_alkaline"),
    ("h2_storage", "h2_storage"), ("car_bev", "car_bev"), ("hdt_fcev", "truck_heavy_fcev"),
])
def test_liaocheng_takes_these_technologies_from_the_catalogue(cat, tech, code):
    params = pd.read_csv(data_path("datasets") / "liaocheng" / "parameters.csv")
    mine = params[(params["technology"] == tech)
                  & params["source"].str.contains(f"technology catalogue {cat.version}",
                                                  regex=False)]
    assert len(mine) >= 2
    chain = ("CN-SD-Liaocheng", "CN-SD", "CN-NorthChina", "CN", "world")
    for r in mine.itertuples():
        year = 2023 if pd.isna(r.year) else int(r.year)
        value, _, _, unit, _ = cat.value(code, r.parameter, year, chain)
        assert r.value == pytest.approx(value), (tech, r.parameter, r.year)
        assert r.unit == unit


# version 0.3.0 (issue 16): the processing lines and efficiency retrofits Liaocheng needed
LINES = ["alumina_bayer_efficient", "al_smelter_highamp", "chemicals_bulk_mix",
         "chemicals_bulk_mix_efficient",
         "cement_grinding_lowclinker", "al_rolling_gas", "al_rolling_electric", "steel_pipe_gas",
         "steel_pipe_induction", "steel_sheet_line", "textile_spinning",
         "textile_spinning_efficient"]


@pytest.mark.parametrize("code", LINES)
def test_each_line_and_retrofit_has_sourced_flows_costs_and_ranges(cat, code):
    flows = cat.flows_of(code)
    inputs = flows[flows["direction"] == "input"]
    assert len(inputs) >= 2
    assert (inputs["low"] <= inputs["value"]).all()
    assert (inputs["value"] <= inputs["high"]).all()
    assert (inputs["low"] < inputs["high"]).all()
    pars = cat.parameters[cat.parameters["technology"] == code]
    assert {"capex", "fixed_om", "lifetime", "utilisation"} <= set(pars["parameter"])
    costs = pars[pars["parameter"].isin(["capex", "fixed_om", "lifetime", "variable_cost"])]
    assert (costs["low"] < costs["high"]).all()
    every = pd.concat([flows[["source", "status"]], pars[["source", "status"]]])
    assert (every["source"].str.len() > 15).all()
    assert ((every["status"] == "assumption")
            == every["source"].str.startswith("assumption:")).all()


def test_the_retrofits_save_what_their_sources_say(cat):
    def flow(code, com):
        rows = cat.flows_of(code)
        return float(rows[(rows["commodity"] == com) & (rows["direction"] == "input")]
                     ["value"].iloc[0])

    # Bayer steam ~30 % below the generic 8 GJ/t; +50 kWh/t for MVR
    assert flow("alumina_bayer_efficient", "heat") == pytest.approx(8.0 * 0.70)
    assert flow("alumina_bayer_efficient", "electricity") == pytest.approx(0.25 + 0.05)
    # chemicals: steam -25 % of the bulk mix's 6 GJ/t, +50 kWh/t, the same gas
    assert flow("chemicals_bulk_mix_efficient", "heat") == pytest.approx(
        flow("chemicals_bulk_mix", "heat") * 0.75)
    assert flow("chemicals_bulk_mix_efficient", "electricity") == pytest.approx(
        flow("chemicals_bulk_mix", "electricity") + 0.05)
    assert flow("chemicals_bulk_mix_efficient", "natural_gas") == flow("chemicals_bulk_mix",
                                                                        "natural_gas")
    # textiles: -12 % electricity and -30 % steam of the spinning mill (2.5 MWh/t, 5 GJ/t)
    assert flow("textile_spinning_efficient", "electricity") == pytest.approx(2.5 * 0.88)
    assert flow("textile_spinning_efficient", "heat") == pytest.approx(5.0 * 0.70)
    # high-amperage cells below the 13,500 kWh/t average; less clinker than the 0.70 generic
    assert flow("al_smelter_highamp", "electricity") < flow("al_smelter_prebake", "electricity")
    assert flow("cement_grinding_lowclinker", "clinker") == pytest.approx(0.55)
    # induction pipe mill: ~400 kWh/t of reheating + the gas mill's 150 kWh/t of drives
    assert flow("steel_pipe_induction", "electricity") == pytest.approx(0.40 + 0.15)
