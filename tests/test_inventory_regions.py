"""The inventory of a three-region dataset by region, against the model's base year.

Regions a (a coal plant sending all its output to b over a counted link), b (the load
centre, importing the rest from the provincial grid) and c (a captive coal plant and its
smelter, behind an uncounted link). Base year 2024 (MWh, t):

* a: 3 000 000 MWh of coal power at 0.3 t raw coal / MWh = 900 000 t of coal; all of it
  leaves over link a-b (loss 5 %): 2 850 000 MWh arrive in b;
* b: demand 6 000 000 MWh = 2 850 000 over the link + 3 150 000 from the provincial grid;
* c: 2 000 000 MWh of captive coal power (600 000 t of coal) for the smelter's 2 000 000 MWh.

``activity.csv`` holds these rows with their ``model_region``; the link's delivered
2 850 000 MWh is an export row in a and (with the grid's 3 150 000) an import row in b.
By hand, provincial method, with the coal factor F of the factor tables (t CO2 / t raw coal,
thermal power, the dataset's region and year) and the grid factor g = 0.641 t CO2/MWh:

* a: 900 000 F - 2 850 000 g; b: 6 000 000 g; c: 600 000 F; scope 2 (not counted):
  6 000 000 g in b, 2 000 000 g in c.

The model's ``emissions_region`` in 2024 must give the same three numbers.

Energy by region (tce; raw coal 0.7143 tce/t, GB/T 2589-2020 Appendix A; electricity at
its calorific equivalent 0.1229 tce/MWh or, by the coal-consumption method, at the year's
supply-basis coal rate R of the factor tables):

* final (end-use sectors, electricity consumed at 0.1229): a 0, b 6 000 000 x 0.1229,
  c 2 000 000 x 0.1229 (the power plants' coal is transformation, not final use);
* primary (fuels entering, net electricity imports): a 900 000 x 0.7143 - 2 850 000 x e,
  b 6 000 000 x e, c 600 000 x 0.7143, with e = 0.1229 or R.
"""

from __future__ import annotations

import pytest
import yaml

from carbonpath import InfeasibleError, PathwayModel, accounting, load_dataset
from carbonpath.accounting.inventory import dataset_rows_inventory
from carbonpath.accounting.regional import (
    dataset_inventory_by_region,
    energy_by_region,
    row_regions,
)
from carbonpath.errors import CarbonpathWarning, DataError
from carbonpath.factors import bundled_factors
from carbonpath.run import compute, dataset_inventory
from tests import toy

G = 0.641  # t CO2/MWh, 2024 (drivers.csv; the factor tables' Shandong grid factor)
COAL_RATE = 0.3  # t raw coal per MWh
GEN_A, GEN_C = 3_000_000.0, 2_000_000.0  # MWh
DEMAND_B, DEMAND_C = 6_000_000.0, 2_000_000.0
DELIVERED = 0.95 * GEN_A
TCE_COAL = 0.7143  # tce per t raw coal (GB/T 2589-2020, Appendix A)
CALORIFIC = 0.1229  # tce per MWh (GB/T 2589-2020)
ACTIVITY = [  # sector, fuel, value, unit, use, model_region
    ("thermal_power", "raw_coal", GEN_A * COAL_RATE, "t", "combustion", "a"),
    ("transfers", "electricity", DELIVERED, "MWh", "export", "a"),
    ("transfers", "electricity", DEMAND_B, "MWh", "import", "b"),
    ("industry", "electricity", DEMAND_B, "MWh", "consumption", "b"),
    ("thermal_power", "raw_coal", GEN_C * COAL_RATE, "t", "combustion", "c"),
    ("industry", "electricity", DEMAND_C, "MWh", "consumption", "c"),
]


def _coal_factor():
    found = accounting.fuel_factors("raw_coal", "thermal_power", "CN-SD-Liaocheng", 2024,
                                    historical=True)
    return found["CO2"].value.to("t CO2 / t").magnitude


def _dataset(folder, activity=ACTIVITY):
    techs = [toy.tech("coal_supply_a", region="a", kind="import", level="annual",
                      sector="transfers", capacity_unit="kt/yr", activity_unit="kt"),
             toy.tech("coal_supply_c", region="c", kind="import", level="annual",
                      sector="transfers", capacity_unit="kt/yr", activity_unit="kt"),
             toy.tech("coal_a", region="a"),
             toy.tech("grid_import", region="b", kind="import", sector="transfers"),
             toy.tech("captive_coal", region="c")]
    flows = [toy.flow("coal_supply_a", "coal", "output", 1, "kt/kt"),
             toy.flow("coal_supply_c", "coal", "output", 1, "kt/kt"),
             toy.flow("grid_import", "electricity", "output", 1, "MWh/MWh")]
    for code in ("coal_a", "captive_coal"):
        flows += [toy.flow(code, "electricity", "output", 1, "MWh/MWh"),
                  toy.flow(code, "coal", "input", COAL_RATE, "t/MWh")]
    params = []
    for code, cap, gen in (("coal_a", 1000, GEN_A), ("captive_coal", 300, GEN_C),
                           ("grid_import", 1000, DEMAND_B - DELIVERED)):
        params += [toy.param(code, "lifetime", 30, "yr"),
                   toy.param(code, "residual_capacity", cap, "MW"),
                   toy.param(code, "variable_cost", 100, "CNY/MWh"),
                   toy.param(code, "activity", gen, "MWh/yr", 2024)]
    params += [toy.param("coal_supply_a", "activity", GEN_A * COAL_RATE / 1e3, "kt/yr", 2024),
               toy.param("coal_supply_c", "activity", GEN_C * COAL_RATE / 1e3, "kt/yr", 2024)]
    # the toy's coal is free, said so (an import without a price row is refused: R87/R88)
    params += [toy.param(code, "variable_cost", 0, "CNY/kt")
               for code in ("coal_supply_a", "coal_supply_c")]
    for link, flow in (("ab", GEN_A), ("cb", 0.0)):
        params += [toy.param(link, "lifetime", 40, "yr"),
                   toy.param(link, "residual_capacity", 1000, "MW"),
                   toy.param(link, "activity", flow, "MWh/yr", 2024)]
    demands = [{"commodity": "electricity", "region": r, "year": y, "value": v,
                "unit": "MWh/yr"} for r, v in (("b", DEMAND_B), ("c", DEMAND_C))
               for y in (2024, 2025)]
    links = [{"link": "ab", "commodity": "electricity", "from_region": "a", "to_region": "b",
              "loss": 0.05, "capacity_unit": "MW", "activity_unit": "MWh", "counted": "true"},
             {"link": "cb", "commodity": "electricity", "from_region": "c", "to_region": "b",
              "loss": 0.02, "capacity_unit": "MW", "activity_unit": "MWh"}]
    drivers = [{"driver": "grid_emission_factor", "year": y, "value": G, "unit": "t CO2/MWh"}
               for y in (2024, 2025)]
    drivers += [{"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"}]
    coal = {"commodity": "coal", "unit": "kt", "balance": "annual", "kind": "fuel",
            "fuel": "raw_coal"}
    folder = toy.write(folder, hours=1, commodities=[toy.ELECTRICITY, coal],
                       technologies=techs, flows=flows, parameters=params, demands=demands,
                       drivers=drivers, links=links,
                       config={"regions": ["a", "b", "c"]},
                       extra_columns={"technologies": ["region"], "demands": ["region"],
                                      "drivers": ["region"]})
    lines = ["sector,fuel,value,unit,use,model_region,source"]
    lines += [",".join(map(str, row)) + f",{toy.SOURCE}" for row in activity]
    (folder / "activity.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_inventory_by_region_by_hand_and_against_the_models_base_year(tmp_path):
    ds = load_dataset(_dataset(tmp_path / "regions"))
    F = _coal_factor()
    expected = {"a": GEN_A * COAL_RATE * F - DELIVERED * G, "b": DEMAND_B * G,
                "c": GEN_C * COAL_RATE * F}
    table = dataset_inventory_by_region(ds, dataset_inventory(ds)).set_index("region")
    for region, value in expected.items():
        assert table.loc[region, "total"] == pytest.approx(value, rel=1e-9)
    assert table.loc["a", "scope_1"] == pytest.approx(GEN_A * COAL_RATE * F, rel=1e-9)
    assert table.loc["a", "net_import"] == pytest.approx(-DELIVERED * G, rel=1e-9)
    assert table.loc["b", "scope_2"] == pytest.approx(DEMAND_B * G, rel=1e-9)
    assert table.loc["c", "scope_2"] == pytest.approx(DEMAND_C * G, rel=1e-9)
    assert table.loc["total", "total"] == pytest.approx(sum(expected.values()), rel=1e-9)
    # the run: the model's base year by region equals the inventory's, and nothing is warned
    result = compute(ds, peak_years=[], sensitivity=0.0)
    saved = result.inventory["by_region"].set_index("region")
    assert saved.loc["a", "total"] == pytest.approx(expected["a"], rel=1e-9)
    regional = result.pathways["baseline"]["emissions_region"]
    base = regional[(regional["kind"] == "region") & (regional["year"] == 2024)]
    for region, value in zip(base["region"], base["value"], strict=True):
        assert value * 1e3 == pytest.approx(expected[region], rel=1e-9)  # kt -> t
    assert not [w for w in result.meta.get("warnings", []) if "region" in w]
    # and its energy by region (the dataset counts primary electricity by calorific value)
    energy = result.inventory["energy_by_region"].set_index("region")
    assert energy.loc["b", "primary_energy_calorific"] == pytest.approx(DEMAND_B * CALORIFIC,
                                                                        rel=1e-9)
    assert "primary_energy_coal_consumption" not in energy.columns


@pytest.mark.parametrize("convention", ["calorific", "coal_consumption"])
def test_energy_by_region_by_hand(tmp_path, convention):
    ds = load_dataset(_dataset(tmp_path / "energy"))
    coal_rate = convention == "coal_consumption"
    inv = dataset_rows_inventory(  # a dataset's rows, with their model_region
        ds.file("activity.csv"), regions=True, method="provincial", primary_electricity=convention,
        coal_rate_basis="supply" if coal_rate else None, region=ds.region, year=2024)
    table = energy_by_region(inv, row_regions(ds.file("activity.csv"), ds.regions),
                             ds.regions).set_index("region")
    final = {"a": 0.0, "b": DEMAND_B * CALORIFIC, "c": DEMAND_C * CALORIFIC}
    primary = {"a": GEN_A * COAL_RATE * TCE_COAL - DELIVERED * CALORIFIC,
               "b": DEMAND_B * CALORIFIC, "c": GEN_C * COAL_RATE * TCE_COAL}
    for region in ("a", "b", "c"):
        assert table.loc[region, "final_energy"] == pytest.approx(final[region], rel=1e-9)
        assert table.loc[region, "primary_energy_calorific"] == pytest.approx(
            primary[region], rel=1e-9)
    assert table.loc["total", "final_energy"] == pytest.approx(sum(final.values()), rel=1e-9)
    assert table.loc["total", "primary_energy_calorific"] == pytest.approx(
        sum(primary.values()), rel=1e-9)
    assert set(table["unit"]) == {"tce"}
    if not coal_rate:
        assert "primary_energy_coal_consumption" not in table.columns
        return
    rate = bundled_factors().coal_rate(2024, "supply", region=ds.region).value.to(
        "tce/MWh").magnitude
    by_rate = {"a": GEN_A * COAL_RATE * TCE_COAL - DELIVERED * rate, "b": DEMAND_B * rate,
               "c": GEN_C * COAL_RATE * TCE_COAL}
    for region, value in by_rate.items():
        assert table.loc[region, "primary_energy_coal_consumption"] == pytest.approx(
            value, rel=1e-9)
    # the inventory's own total is the coal-consumption one
    assert inv.energy_total("tce").magnitude == pytest.approx(sum(by_rate.values()), rel=1e-9)


def test_a_row_in_the_wrong_region_is_warned_by_region(tmp_path):
    # the captive plant's coal booked in b: b and c each differ from the model
    moved = [(*row[:5], "b") if row[1] == "raw_coal" and row[5] == "c" else row
             for row in ACTIVITY]
    ds = load_dataset(_dataset(tmp_path / "moved", activity=moved))
    with pytest.warns(CarbonpathWarning) as caught:
        result = compute(ds, peak_years=[], sensitivity=0.0)
    warned = {str(w.message).split(": the pathway")[0] for w in caught}
    assert warned == {"baseline: base year 2024, region b", "baseline: base year 2024, region c",
                      "plan: base year 2024, region b", "plan: base year 2024, region c"}
    assert sum("region c" in w for w in result.meta["warnings"]) == 2


def test_an_unknown_model_region_names_file_row_and_column(tmp_path):
    bad = [*ACTIVITY[:2], (*ACTIVITY[2][:5], "x"), *ACTIVITY[3:]]
    ds = load_dataset(_dataset(tmp_path / "bad", activity=bad))
    with pytest.raises(DataError) as err:
        dataset_inventory_by_region(ds, dataset_inventory(ds))
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "activity.csv", 4, "model_region", "x")


def test_an_infeasible_regional_coal_cap_is_diagnosed_in_the_regions_coal(tmp_path):
    # region c's smelter needs 2 000 000 MWh in 2025; link c-b (40 MW here) can bring at most
    # 0.98 x 40 MW x 8760 h, so the captive plant burns at least 0.3 t/MWh x the rest
    folder = _dataset(tmp_path / "coal", activity=ACTIVITY)
    text = (folder / "parameters.csv").read_text(encoding="utf-8")
    text = text.replace("cb,residual_capacity,,1000,MW", "cb,residual_capacity,,40,MW")
    (folder / "parameters.csv").write_text(text, encoding="utf-8")
    plan = {"name": "coal_c", "type": "coal_cap", "region": "c", "value": 100,
            "unit": "ktce", "years": [2025], "status": "assumption", "source": toy.SOURCE}
    (folder / "plan.yaml").write_text(yaml.safe_dump({"targets": [plan]}), encoding="utf-8")
    config = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    config["scenarios"]["plan"] = {"targets": ["coal_c"]}
    (folder / "dataset.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    tce = accounting.fuel_factors("raw_coal", "thermal_power", "CN-SD-Liaocheng", 2024,
                                  historical=True)["standard_coal"].value.to("tce/t").magnitude
    least = COAL_RATE * (DEMAND_C - 0.98 * 40 * 8760) * tce / 1e3  # ktce
    with pytest.raises(InfeasibleError) as err:
        PathwayModel(load_dataset(folder), scenario="plan").solve()
    row = err.value.diagnosis.set_index("target").loc["coal_c"]
    assert row["reachable_value"] == pytest.approx(least, rel=1e-6)
