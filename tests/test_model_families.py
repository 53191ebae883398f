"""One test per constraint family and target type, each on a tiny fixture solved by hand."""

import pytest

from carbonpath import optimise
from tests.toy import ACCEPT_SHORT_LIFE, ELECTRICITY, SHORT_LIFE, flow, param, tech, write

approx = pytest.approx

VKM = {"commodity": "freight", "unit": "Mvkm", "balance": "annual", "kind": "service"}
DIESEL = {"commodity": "diesel", "unit": "kt", "balance": "annual", "kind": "fuel",
          "fuel": "diesel"}


def trucks(folder, targets=None, early="false", horizon=2026, demand=(1000, 1000), age=None):
    # 10 000 diesel trucks run 100 000 km a year each = 1000 Mvkm; the stock retires in 2026
    # (residual 10 kveh until 2025, 0 from 2026). New BEVs cost more per truck.
    annual = {"level": "annual", "capacity_unit": "vehicle", "activity_unit": "vkm",
              "sector": "road_transport", "kind": "demand", "fixed_utilisation": "true",
              "group": "truck"}
    return write(
        folder, horizon=horizon, targets=targets,
        commodities=[VKM, DIESEL],
        technologies=[
            tech("diesel_supply", kind="import", level="annual", capacity_unit="kt/yr",
                 activity_unit="kt"),
            tech("truck_diesel", investable="true", early_retirement=early, **annual),
            tech("truck_bev", investable="true", **annual),
        ],
        flows=[
            flow("diesel_supply", "diesel", "output", 1, "kt/kt"),
            flow("truck_diesel", "diesel", "input", 0.25, "kg/vkm"),
            flow("truck_diesel", "freight", "output", 1, "vkm/vkm"),
            flow("truck_bev", "freight", "output", 1, "vkm/vkm"),
        ],
        parameters=[
            param("diesel_supply", "variable_cost", 7000, "CNY/t"),
            param("diesel_supply", "activity", 250, "kt/yr", 2024),
            param("truck_diesel", "lifetime", 10, "yr"),
            param("truck_diesel", "capex", 300000, "CNY/vehicle"),
            param("truck_diesel", "utilisation", 100000, "vkm/vehicle/yr"),
            param("truck_diesel", "residual_capacity", 10000, "vehicle", 2024),
            param("truck_diesel", "residual_capacity", 10000, "vehicle", 2025),
            param("truck_diesel", "residual_capacity", 0, "vehicle", 2026),
            *([param("truck_diesel", "residual_capacity", 0, "vehicle", horizon)]
              if horizon != 2026 else []),
            param("truck_diesel", "activity", 1000, "Mvkm/yr", 2024),
            *([param("truck_diesel", "min_retirement_age", age, "yr")] if age is not None
              else []),
            param("truck_bev", "lifetime", 10, "yr"),
            param("truck_bev", "capex", 400000, "CNY/vehicle"),
            param("truck_bev", "utilisation", 100000, "vkm/vehicle/yr"),
        ],
        emissions=[{"technology": "truck_diesel", "gas": "CO2", "basis": "input",
                    "commodity": "diesel", "value": 3.1, "unit": "t CO2/t"}],
        demands=[{"commodity": "freight", "year": 2024, "value": demand[0], "unit": "Mvkm/yr"},
                 {"commodity": "freight", "year": horizon, "value": demand[1],
                  "unit": "Mvkm/yr"}],
    )


def test_fixed_utilisation_keeps_a_vintage_running_to_the_end_of_its_life(tmp_path):
    # horizon 2028: 2025 still runs the old stock; in 2026 10 000 new trucks are needed.
    # A diesel truck costs 300k + fuel 0.25 kg/km x 100 000 km x 7 CNY/kg = 175k/yr; a BEV
    # 400k and no fuel. With r = 0 and life 10, over the 3 years left (2026-2028) the diesel
    # truck pays 3 x (30k annuity + 175k) and the BEV 3 x 40k: BEVs are bought.
    p = optimise(trucks(tmp_path / "t", horizon=2028), scenario="baseline")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert new["truck_bev", 2026] == approx(10.0)  # kveh
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["truck_diesel", 2025] == approx(1000.0)  # stock x mileage, not less


@pytest.mark.filterwarnings(  # the demand halves in two years by design (-29 % a year)
    "ignore:.*a fall faster than the -20% a year:carbonpath.dataset.series_slips.SeriesSlipWarning")
def test_a_diesel_vintage_runs_its_mileage_unless_early_retirement_is_allowed(tmp_path):
    # Demand falls from 1000 to 500 Mvkm by 2026 while 10 000 diesel trucks stand until 2025.
    # In 2025 demand is 750 Mvkm (interpolated) but the stock must run 1000 Mvkm: infeasible
    # with fixed utilisation, unless trucks may retire early. With early retirement, 5 000
    # BEVs (all that 2026 can use: 500 Mvkm) are bought in 2025 for 2 x 40 MCNY/kveh-yr, and
    # the remaining 250 Mvkm of 2025 run on 2 500 diesel trucks (fuel 62.5 kt x 7 MCNY/kt =
    # 437.5 MCNY): more BEVs would run beyond 2026's demand, which fixed utilisation forbids.
    from carbonpath import InfeasibleError

    # (the residual stock retires early only with a minimum retirement age: the trucks that
    # leave in 2026 were built in 2016, 9 years old in 2025, older than 5)
    with pytest.raises(InfeasibleError):
        optimise(trucks(tmp_path / "a", demand=(1000, 500)), scenario="baseline")
    p = optimise(trucks(tmp_path / "b", demand=(1000, 500), early="true", age=5),
                 scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert cap.loc[("truck_diesel", 2025), "active"] == approx(2.5)
    assert cap.loc[("truck_diesel", 2025), "total"] == approx(10.0)
    assert cap.loc[("truck_bev", 2025), "new"] == approx(5.0)


def test_min_share_of_new_sales(tmp_path):
    # BEVs are dearer per truck here only if they pay diesel-equivalent...: force a share.
    targets = [{"name": "ev", "type": "min_share", "group": "truck",
                "members": ["truck_diesel"], "value": 0.6, "years": [2026]}]
    p = optimise(trucks(tmp_path / "s", targets=targets), scenario="plan")
    new = p.capacity.set_index(["technology", "year"])["new"]
    # the share target asks diesel >= 60 % of 2026 sales (a contrived target to make it bind)
    assert new["truck_diesel", 2026] == approx(6.0)
    assert new["truck_bev", 2026] == approx(4.0)


def annual_load(folder, targets=None, primary="calorific"):
    # an annual technology (a smelter) draws electricity through a load profile; PV and the
    # grid supply it; nonfossil targets use the calorific convention (0.1229 kgce/kWh)
    al = {"commodity": "aluminium", "unit": "kt", "balance": "annual", "kind": "material"}
    return write(
        folder, hours=2, targets=targets, primary_electricity=primary,
        commodities=[ELECTRICITY, al],
        technologies=[
            tech("smelter", sector="non_ferrous_metals", kind="conversion", level="annual",
                 capacity_unit="kt/yr", activity_unit="kt", load_profile="flat"),
            tech("pv", kind="supply", nonfossil="true", availability_profile="sun",
                 investable="true"),
            tech("grid", kind="import"),
        ],
        flows=[flow("smelter", "electricity", "input", 13.5, "MWh/t"),
               flow("smelter", "aluminium", "output", 1, "t/t"),
               flow("pv", "electricity", "output", 1, "MWh/MWh"),
               flow("grid", "electricity", "output", 1, "MWh/MWh")],
        parameters=[
            param("smelter", "lifetime", 30, "yr"),
            param("smelter", "residual_capacity", 100, "kt/yr"),
            param("smelter", "activity", 100, "kt/yr", 2024),
            param("pv", "lifetime", 1, "yr", plausibility=SHORT_LIFE),
            param("pv", "capex", 1000, "CNY/kW"),
            param("grid", "variable_cost", 500, "CNY/MWh"),
            param("grid", "activity", 1350, "GWh/yr", 2024),
        ],
        profiles=[{"profile": "sun", "day": "day", "hour": 0, "value": 0, "unit": "1"},
                  {"profile": "sun", "day": "day", "hour": 1, "value": 0.5, "unit": "1"},
                  {"profile": "flat", "day": "day", "hour": 0, "value": 1, "unit": "1"},
                  {"profile": "flat", "day": "day", "hour": 1, "value": 1, "unit": "1"}],
        drivers=[{"driver": "grid_emission_factor", "value": 0.6, "unit": "t CO2/MWh"},
                 {"driver": "grid_nonfossil_share", "value": 0, "unit": "1"},
                 {"driver": "thermal_power_coal_rate", "value": 300, "unit": "gce/kWh"},
                 {"driver": "gdp", "value": 100, "unit": "亿元"}],
        demands=[{"commodity": "aluminium", "value": 100, "unit": "kt/yr"}],
    )


@ACCEPT_SHORT_LIFE
def test_annual_technology_draws_electricity_through_its_load_profile(tmp_path):
    p = optimise(annual_load(tmp_path / "a"), scenario="baseline")
    # 100 kt x 13.5 MWh/t = 1350 GWh, half in each 12-hour block (flat profile).
    # PV (1000 CNY/kW, one-year life, r = 0) costs 1000 MCNY/GW and gives 0.5 x 4380 h =
    # 2190 GWh/GW in the day block only: 0.457 MCNY/GWh < grid 0.5, so PV covers the day
    # block (675 GWh = 0.3082 GW) and the grid the night block (675 GWh).
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["grid", 2025] == approx(675)
    assert act["pv", 2025] == approx(675)
    cap = p.capacity.set_index(["technology", "year"])["total"]
    assert cap["pv", 2025] == approx(675 / 2190)
    # provincial method: imports x grid factor 0.6 t/MWh = 405 kt
    assert p.emissions_in(2025) == approx(675 * 0.6)


@ACCEPT_SHORT_LIFE
def test_nonfossil_share_target_in_both_conventions(tmp_path):
    # total energy = (PV + imports) x conversion; share = PV / total. Without a target the
    # share is 50 %; asking 60 % moves 0.1 x 1350 GWh from night imports to PV + storage...
    # no storage exists here, so 50 % is the most PV can give: the target is infeasible and
    # the diagnosis reports 50 % reachable.
    from carbonpath import InfeasibleError

    targets = [{"name": "nf", "type": "nonfossil_share", "year": 2025, "value": 0.6}]
    for primary in ("calorific", "coal_consumption"):
        folder = annual_load(tmp_path / primary, targets, primary)
        base = optimise(folder, scenario="baseline")
        share = base.energy.set_index("year")["share"]
        assert share[2025] == approx(0.5)
        total = base.energy.set_index("year")["total"][2025]
        # ktce/GWh: GB/T 2589-2020's calorific equivalent 0.1229 kgce/kWh, or the coal rate
        per_gwh = 0.1229 if primary == "calorific" else 0.300
        assert total == approx(1350 * per_gwh)
        with pytest.raises(InfeasibleError) as info:
            optimise(folder, scenario="plan")
        row = info.value.diagnosis.set_index("target").loc["nf"]
        assert row["reachable"] == "50.0%"


def test_emission_intensity_budget_reduction_and_bound_targets(tmp_path):
    from tests.test_model_hand import growth_case

    # growth case: baseline E = 8760, 9636, 10512, 11388 kt (all coal, 1 t/MWh).
    cases = {
        # GDP flat, so intensity -10 % vs 2024 means E2027 <= 0.9 x 8760 = 7884
        "intensity": ({"type": "emission_intensity", "year": 2027, "relative_to": 2024,
                       "value": 0.1}, {2027: 7884}),
        # budget over 2025-2027 of 29 Mt: 9636 + 10512 + 11388 = 31536 -> cut 2536 (cheapest
        # anywhere; the total is what binds)
        "budget": ({"type": "budget", "start": 2025, "end": 2027, "value": 29, "unit": "Mt CO2"},
                   {"total": 29000}),
        # E2027 <= (1 - 0.05) x E2025 = 0.95 x 9636 = 9154.2
        "reduction": ({"type": "reduction", "year": 2027, "relative_to": 2025, "value": 0.05},
                      {2027: 9154.2}),
        # coal activity at most 10 TWh in 2026
        "bound": ({"type": "bound", "technology": "coal", "quantity": "activity",
                   "max": {"value": 10, "unit": "TWh/yr"}, "years": [2026]}, {2026: 10000}),
    }
    for name, (target, expected) in cases.items():
        folder = growth_case(tmp_path / name, [dict(target, name=name)])
        text = (folder / "drivers.csv").read_text()
        (folder / "drivers.csv").write_text(text + "gdp,,1000,亿元,assumption: test\n")
        p = optimise(folder, scenario="plan")
        e = p.emissions_total.set_index("year")["value"]
        for year, value in expected.items():
            if year == "total":
                assert e[2025] + e[2026] + e[2027] == approx(value)
            else:
                assert e[year] == approx(value)
        row = p.duals[p.duals.target == name]
        assert (row["shadow_price"] > 0).any(), name  # each binds, with a positive price
