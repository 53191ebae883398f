"""The 15th FYP indicator targets on tiny: each row's value and its dual, by hand.

Hand facts of tiny (docs/tutorial-tiny.md): the coal plant burns 0.4 t raw coal per MWh;
raw coal is 0.7143 tce/t (GB/T 2589-2020 Appendix A); new PV costs PV_COST CNY/MWh against
COAL_COST for coal power; the coal-consumption method counts PV at 300 gce/kWh.
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from tests.scenario_fixture import COAL_COST, PV_COST, PV_PRICE, tiny_copy

approx = pytest.approx
SOURCE = "assumption: test"
TCE_PER_T = 0.7143  # raw coal, GB/T 2589-2020 Appendix A
CALORIFIC = 0.1229  # ktce per GWh (kgce/kWh)


def solve(tmp_path, target):
    folder = tiny_copy(tmp_path, scenarios={"t": {"targets": [target["name"]]}},
                       targets=[dict(target, source=SOURCE)])
    p = cp.PathwayModel(cp.load_dataset(folder), "t").solve()
    duals = p.duals[p.duals.target == target["name"]].set_index("year")
    return p, duals


def test_emission_limits_by_year(tmp_path):
    p, duals = solve(tmp_path, {"name": "lim", "type": "emission_limits",
                                "values": {2028: 4.5, 2030: 4.2}, "unit": "Mt CO2"})
    assert p.emissions_in(2028) == approx(4500)
    assert p.emissions_in(2030) == approx(4200)
    assert set(duals["shadow_price_unit"]) == {"CNY/t"}
    assert duals.loc[2030, "shadow_price"] == approx(PV_PRICE, rel=1e-6)
    # PV built in 2028 to cut 2028 also stands in 2029 (dear) and 2030 (where it replaces
    # PV that would be built then): its extra cost per tonne is paid in 2028 and 2029
    assert duals.loc[2028, "shadow_price"] == approx(PV_PRICE * (1 + 1 / 1.05), rel=1e-6)


def test_coal_consumption_cap_in_tce(tmp_path):
    p, duals = solve(tmp_path, {"name": "coal", "type": "coal_cap", "value": 1.5,
                                "unit": "Mtce", "years": [2030]})
    coal = p.activity.set_index(["technology", "year"])["value"]["coal_supply", 2030]  # kt
    assert coal * TCE_PER_T == approx(1500, rel=1e-6)
    assert duals.loc[2030, "shadow_price_unit"] == "CNY/tce"
    # one MWh of PV saves 0.4 t of coal
    assert duals.loc[2030, "shadow_price"] == approx(
        (PV_COST - COAL_COST) / (0.4 * TCE_PER_T), rel=1e-6)


def test_energy_intensity_without_new_renewables(tmp_path):
    p, duals = solve(tmp_path, {"name": "ei", "type": "energy_intensity_adjusted",
                                "year": 2030, "relative_to": 2025, "value": 0.2})
    en = p.energy.set_index("year")
    gdp = {2025: 1050.0, 2030: 1300.0}  # 亿元, drivers.csv interpolated
    adjusted = en.loc[2030, "total"] - (en.loc[2030, "nonfossil"] - en.loc[2025, "nonfossil"])
    assert adjusted == approx(0.8 * gdp[2030] / gdp[2025] * en.loc[2025, "total"], rel=1e-9)
    assert duals.loc[2030, "shadow_price_unit"] == "CNY/tce"
    # new PV adds as much to the total as to the new renewables: only the coal it saves counts
    assert duals.loc[2030, "shadow_price"] == approx(
        (PV_COST - COAL_COST) / (0.4 * TCE_PER_T), rel=1e-6)


def test_nonfossil_share_by_the_calorific_convention(tmp_path):
    p, duals = solve(tmp_path, {"name": "nf", "type": "nonfossil_share_convention",
                                "year": 2030, "value": 0.1, "convention": "calorific"})
    act = p.activity.set_index(["technology", "year"])["value"]
    pv, imports, coal = act["pv", 2030], act["grid_import", 2030], act["coal_supply", 2030]
    nonfossil = pv * CALORIFIC + imports * CALORIFIC * 0.30  # grid non-fossil share 2030
    total = coal * TCE_PER_T + (pv + imports) * CALORIFIC
    assert nonfossil / total == approx(0.1, rel=1e-6)
    assert duals.loc[2030, "shadow_price_unit"] == "CNY/tce"
    assert duals.loc[2030, "shadow_price"] > 0
    # the dataset's own convention (coal consumption, 300 gce/kWh) would count more
    assert p.energy.set_index("year").loc[2030, "share"] > 0.1


def test_sector_peak(tmp_path):
    p, duals = solve(tmp_path, {"name": "sp", "type": "sector_peak",
                                "sector": "thermal_power", "year": 2027})
    e = p.emissions
    tp = e[(e.sector == "thermal_power") & (e.gas == "CO2")].groupby("year")["value"].sum()
    assert all(tp[y + 1] <= tp[y] + 1e-6 for y in range(2027, 2030))
    assert tp[2028] > tp[2027] - 1e-6  # the baseline's rise is held flat from 2027
    assert set(duals["shadow_price_unit"]) == {"CNY/t"}


def test_post_peak_reduction_rewards_a_higher_level_in_the_peak_year(tmp_path):
    p, duals = solve(tmp_path, {"name": "post", "type": "reduction", "year": 2030,
                                "relative_to": 2027, "value": 0.05})
    assert p.emissions_in(2030) == approx(0.95 * p.emissions_in(2027), rel=1e-9)
    mc = p.marginal_cost.set_index("year")["value"]
    assert mc[2030] == approx(PV_PRICE, rel=1e-6)
    # one more tonne in 2027 allows 0.95 t more in 2030: a negative marginal cost in P
    assert mc[2027] == approx(-0.95 * PV_PRICE / 1.05**3, rel=1e-6)
    assert duals.loc[2030, "shadow_price_unit"] == "CNY/t"


def test_energy_intensity_leaves_out_feedstock(tmp_path):
    """An ammonia plant using 500 kt/yr of coal as feedstock (原料用能) is not counted."""
    target = {"name": "ei", "type": "energy_intensity_adjusted", "year": 2030,
              "relative_to": 2025, "value": 0.2, "source": SOURCE}
    folder = tiny_copy(tmp_path, scenarios={"t": {"targets": ["ei"]}}, targets=[target])

    def append(table, text):
        with (folder / f"{table}.csv").open("a", encoding="utf-8") as f:
            f.write(text)

    append("commodities", "ammonia,Ammonia,kt,annual,material,,assumption: test\n")
    append("technologies", "ammonia_plant,Ammonia plant,chemicals,conversion,annual,kt/yr,kt,"
           "false,false,,,assumption: test\n")
    append("flows", "ammonia_plant,coal,input,1,t/t,assumption: test\n"
           "ammonia_plant,ammonia,output,1,t/t,assumption: test\n")
    append("parameters", "ammonia_plant,lifetime,,30,yr,assumption: test\n"
           "ammonia_plant,residual_capacity,,600,kt/yr,assumption: test\n"
           "ammonia_plant,activity,2024,500,kt/yr,assumption: test\n")
    append("demands", "ammonia,,500,kt/yr,,assumption: test\n")
    # the flows file of tiny has no use column: write the feedstock use into a new one
    flows = (folder / "flows.csv").read_text(encoding="utf-8").splitlines()
    head, rows = flows[0].split(","), [r.split(",") for r in flows[1:]]
    head.insert(5, "use")
    for r in rows:
        r.insert(5, "feedstock" if r[0] == "ammonia_plant" and r[2] == "input" else "")
    (folder / "flows.csv").write_text("\n".join(",".join(r) for r in [head, *rows]) + "\n",
                                      encoding="utf-8")
    params = (folder / "parameters.csv").read_text(encoding="utf-8")
    (folder / "parameters.csv").write_text(params.replace(
        "coal_supply,activity,2024,2347.44,", "coal_supply,activity,2024,2847.44,"),
        encoding="utf-8")
    p = cp.PathwayModel(cp.load_dataset(folder), "t").solve()
    en = p.energy.set_index("year")
    feedstock = 500 * TCE_PER_T  # ktce a year, counted in the total by supply
    adjusted = {y: en.loc[y, "total"] - feedstock for y in (2025, 2030)}
    adjusted[2030] -= en.loc[2030, "nonfossil"] - en.loc[2025, "nonfossil"]
    assert adjusted[2030] == approx(0.8 * 1300 / 1050 * adjusted[2025], rel=1e-9)
    duals = p.duals[p.duals.target == "ei"].set_index("year")
    assert duals.loc[2030, "shadow_price"] == approx(
        (PV_COST - COAL_COST) / (0.4 * TCE_PER_T), rel=1e-6)


def test_an_impossible_coal_cap_is_diagnosed_by_name(tmp_path):
    target = {"name": "coal", "type": "coal_cap", "value": 0.1, "unit": "Mtce",
              "years": [2030], "source": SOURCE}
    folder = tiny_copy(tmp_path, scenarios={"t": {"targets": ["coal"]}}, targets=[target])
    with pytest.raises(cp.InfeasibleError) as info:
        cp.PathwayModel(cp.load_dataset(folder), "t").solve()
    table = info.value.diagnosis.set_index("target")
    assert table.loc["coal", "status"] == "cannot be met"
    assert table.loc["coal", "shortfall_unit"] == "ktce"


def test_coal_cap_counts_coke_that_enters_the_region_not_coke_made_in_it(tmp_path):
    # The energy balance's coal group counts coal and coal products where they enter the
    # region (production, inflows) and in standard coal (GB/T 2589-2020 Appendix A: raw coal
    # 0.7143, coke 0.9714 kgce/kg); coke made locally is counted through the coal its ovens
    # take (a transformation input), not again as coke. A city that buys coke and makes coke:
    target = {"name": "coal", "type": "coal_cap", "value": 1.0, "unit": "Mtce",
              "years": [2030], "source": SOURCE}
    folder = tiny_copy(tmp_path, scenarios={"t": {"targets": ["coal"]}}, targets=[target])

    def append(table, text):
        with (folder / f"{table}.csv").open("a", encoding="utf-8") as f:
            f.write(text)

    append("commodities", "coke,Coke,kt,annual,fuel,coke,assumption: test\n")
    append("technologies",
           "coke_purchase,Coke purchases,ferrous_metals,import,annual,kt/yr,kt,false,false,,,"
           "assumption: test\n"
           "coke_oven,Coke ovens,ferrous_metals,conversion,annual,kt/yr,kt,false,false,,,"
           "assumption: test\n")
    append("flows", "coke_purchase,coke,output,1,kt/kt,assumption: test\n"
           "coke_oven,coal,input,1.3,t/t,assumption: test\n"
           "coke_oven,coke,output,1,t/t,assumption: test\n")
    append("parameters", "coke_purchase,variable_cost,,2000,CNY/t,assumption: test\n"
           "coke_purchase,activity,2024,0,kt/yr,assumption: test\n"
           "coke_oven,residual_capacity,,200,kt/yr,assumption: test\n"
           "coke_oven,lifetime,,40,yr,assumption: test\n"
           "coke_oven,activity,2024,0,kt/yr,assumption: test\n")
    model = cp.PathwayModel(cp.load_dataset(folder), "t")
    from pyomo.repn import generate_standard_repn

    repn = generate_standard_repn(model.model.target["coal", 2030].body)
    coeff = {v.name: c for v, c in zip(repn.linear_vars, repn.linear_coefs, strict=True)}
    assert coeff["activity[coke_purchase,2030]"] == approx(0.9714)  # ktce per kt of coke
    assert coeff["activity[coal_supply,2030]"] == approx(TCE_PER_T)
    assert "activity[coke_oven,2030]" not in coeff  # its coal is counted where it enters
    assert set(coeff) == {"activity[coke_purchase,2030]", "activity[coal_supply,2030]"}
