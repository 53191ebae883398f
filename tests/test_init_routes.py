"""Industry routes in an init-made dataset: the existing route uses its sector's energy, and
an alternative route saves it (carbonpath.init.routes).

Expected numbers are hand calculations from the catalogue's CSV rows (steel_bf_bof's coke
and coal per tonne, the industrial furnaces' efficiency) and IPCC's Tier 1 clinker factor.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from carbonpath.init.mapping import read_mapping

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "datasets" / "samples"
INIT = SAMPLES / "init"
EAF_2025 = 5e5  # t/yr of scrap-EAF steel forced in 2025 (20 % of the 2.5 Mt of BOF steel)
SAMPLE = {"capacity": INIT / "sample_capacity.csv", "drivers": INIT / "sample_drivers.csv",
          "growth": INIT / "sample_growth.csv", "production": SAMPLES / "production_sample.csv",
          "region": "CN-SD", "base_year": 2022, "horizon": 2025, "model_hours": 1,
          "targets": [{"name": "eaf", "type": "bound", "technology": "route_bof_steel_steel_eaf",
                       "quantity": "activity", "min": {"value": EAF_2025, "unit": "t/yr"},
                       "years": [2025], "source": "assumption: test"}]}
#: Useful heat per t of BF-BOF steel: (11 GJ coke + 4.5 GJ coal) / 1.3333 GJ fuel per GJ
#: useful (catalogue steel_bf_bof, ind_heat_coke, ind_heat_coal)
HEAT_PER_T = (11.0 + 4.5) / 1.3333


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("routes") / "city"
    result = init_dataset(SAMPLES / "energy_balance_sample.csv", out=out, **SAMPLE)
    return result, cp.load_dataset(out)


def _makers(ds, commodity: str) -> set[str]:
    flows = ds.tables["flows"]
    return set(flows[(flows["commodity"] == commodity) & (flows["direction"] == "output")]
               ["technology"])


def test_the_existing_route_uses_its_sectors_services(city):
    result, ds = city
    flows = ds.tables["flows"].set_index(["technology", "commodity"])
    assert float(flows.loc[("process_bof_steel", "industry_heat"), "value"]) == pytest.approx(
        HEAT_PER_T, rel=1e-9)
    assert float(flows.loc[("process_bof_steel", "industry_power"), "value"]) == 0.35
    # base year: the heat devices make what the sector's demand and the routes use
    params = ds.tables["parameters"]
    act = params[params["parameter"] == "activity"].set_index("technology")["value"]
    made = sum(float(act.get(t, 0.0)) for t in _makers(ds, "industry_heat"))
    demands = ds.tables["demands"]
    demand = float(demands[(demands["commodity"] == "industry_heat")
                           & (demands["year"] == 2022)]["value"].iloc[0])
    inputs = ds.tables["flows"]
    inputs = inputs[(inputs["commodity"] == "industry_heat") & (inputs["direction"] == "input")]
    used = sum(float(r.value) * float(act.get(r.technology, 0.0))
               for r in inputs.itertuples())
    assert made == pytest.approx(demand + used, rel=1e-12)
    assert used > 0.5 * made  # the sample's industry heat is mostly its products'
    techs = set(ds.tables["technologies"]["technology"])
    assert {"route_bof_steel_steel_eaf", "route_cement_clinker_clinker_kiln_ccus",
            "route_primary_aluminium_prebake_al_recycling", "route_bof_steel_steel_h2_dri",
            "route_ammonia_ammonia_green"} <= techs
    # the hydrogen routes bring an electrolyser and a store; alumina is reported, not dropped
    assert {"electrolyser_alkaline", "h2_storage"} <= techs
    assert any("alumina" in n and "neither modelled nor priced" in n
               for n in result.not_modelled)


def test_an_alternative_route_saves_the_sectors_heat(city):
    _, ds = city
    base = cp.optimise(ds, scenario="baseline", hours=1)
    plan = cp.optimise(ds, scenario="plan", hours=1)

    def heat(p) -> float:
        a = p.activity
        return float(a[(a["year"] == 2025) & a["technology"].isin(_makers(ds, "industry_heat"))]
                     ["value"].sum())

    def eaf(p) -> float:
        a = p.activity
        return float(a[(a["year"] == 2025) & (a["technology"] == "route_bof_steel_steel_eaf")]
                     ["value"].sum())

    assert eaf(base) == pytest.approx(0.0, abs=1e-6)
    assert eaf(plan) == pytest.approx(EAF_2025 / 1e3, rel=1e-6)  # kt in the pathway
    unit = base.activity.set_index("technology").loc["industry_raw_coal", "unit"].iloc[0]
    saved = (heat(base) - heat(plan)) * cp.ureg.Quantity(1.0, unit).to("GJ/yr").magnitude
    assert saved == pytest.approx(EAF_2025 * HEAT_PER_T, rel=1e-6)


def test_a_capture_route_emits_the_uncaptured_share(city):
    _, ds = city
    em = pd.read_csv(ds.file("emissions.csv"))
    code = "route_cement_clinker_clinker_kiln_ccus"
    process = em[(em["technology"] == code) & (em["basis"] == "activity")]
    # IPCC 2006 Vol.3 Eq. 2.4 Tier 1: 0.52 t CO2/t clinker; catalogue capture rate 0.9
    assert float(process["value"].iloc[0]) == pytest.approx(0.52 * (1 - 0.9), rel=1e-9)
    fuel = em[(em["technology"] == code) & (em["basis"] == "input") & (em["gas"] == "CO2")]
    assert list(fuel["commodity"]) == ["raw_coal"]
    # raw coal: NCV 20.908 GJ/t (GB/T 2589-2020) x 26.18 t C/TJ x oxidation 0.93 (NDRC
    # enterprise guidelines' defaults) x 44/12
    full = 20.908e-3 * 26.18 * 0.93 * 44 / 12
    assert float(fuel["value"].iloc[0]) == pytest.approx(full * (1 - 0.9), rel=1e-9)


def test_a_route_row_must_name_a_catalogue_technology():
    table = read_mapping().table.copy()
    table.loc[len(table) + 2] = ["route", "ferrous_metals", "-", "bof_steel", "steel_magic", "",
                                 ""]
    with pytest.raises(DataError) as info:
        read_mapping(table)
    p = info.value.problems[0]
    assert (p.column, p.value) == ("technology", "steel_magic")
