"""Tiny pathway models whose optimum is derived by hand in each test."""

import pytest

from carbonpath import (
    Q_,
    DataError,
    InfeasibleError,
    PathwayModel,
    optimise,
)
from carbonpath.errors import IterationLimitError, TimeLimitError, UnboundedError
from carbonpath.model.data import capital_recovery_factor
from tests.toy import ACCEPT_SHORT_LIFE, ELECTRICITY, SHORT_LIFE, flow, param, tech, write

approx = pytest.approx


def two_generators(folder, cheap_unit="GW", activity_unit="GWh/yr", **kw):
    return write(
        folder,
        commodities=[ELECTRICITY],
        technologies=[tech("cheap"), tech("dear")],
        flows=[flow("cheap", "electricity", "output", 1, "MWh/MWh"),
               flow("dear", "electricity", "output", 1, "MWh/MWh")],
        parameters=[
            param("cheap", "lifetime", 50, "yr"),
            param("cheap", "residual_capacity", 1 if cheap_unit == "GW" else 100, cheap_unit),
            param("cheap", "variable_cost", 100, "CNY/MWh"),
            param("cheap", "activity", 8760 if activity_unit == "GWh/yr" else 8.76e6,
                  activity_unit, 2024),
            param("dear", "lifetime", 50, "yr"),
            param("dear", "residual_capacity", 2, "GW"),
            param("dear", "variable_cost", 300, "CNY/MWh"),
            param("dear", "activity", 4380, "GWh/yr", 2024),
        ],
        demands=[{"commodity": "electricity", "value": 13140, "unit": "GWh/yr"}],
        **kw,
    )


def test_two_generators_follow_the_merit_order(tmp_path):
    p = optimise(two_generators(tmp_path / "two"), scenario="baseline")
    # cheap runs flat out: 1 GW x 8760 h = 8760 GWh; dear covers 13140 - 8760 = 4380 GWh.
    # cost per year: 8760 GWh x 0.1 MCNY/GWh + 4380 x 0.3 = 876 + 1314 = 2190 MCNY;
    # two years (2024 observed, 2025 decided) at a discount rate of 0.
    assert p.objective == approx(2 * 2190)
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["cheap", 2025] == approx(8760)
    assert act["dear", 2025] == approx(4380)
    # the marginal generator sets the price: 300 CNY/MWh = 0.3 MCNY/GWh
    price = p.prices.set_index(["commodity", "year"])["value"]
    assert price["electricity", 2025] == approx(0.3)


def test_optimum_is_unchanged_when_inputs_come_in_other_units(tmp_path):
    reference = optimise(two_generators(tmp_path / "a"), scenario="baseline")
    # 100 万千瓦 = 1 GW; 8.76e6 MWh = 8760 GWh
    other = optimise(two_generators(tmp_path / "b", cheap_unit="万千瓦",
                                    activity_unit="MWh/yr"), scenario="baseline")
    assert other.objective == approx(reference.objective)


def battery_case(folder):
    # hours=2: block 0 is the 12-hour night, block 1 the 12-hour day; weights 4380 h each
    return write(
        folder, hours=2,
        commodities=[ELECTRICITY],
        technologies=[
            tech("pv", kind="supply", availability_profile="sun", nonfossil="true"),
            tech("gas"),
            tech("battery", kind="storage", storage_commodity="electricity",
                 investable="true"),
        ],
        flows=[flow("pv", "electricity", "output", 1, "MWh/MWh"),
               flow("gas", "electricity", "output", 1, "MWh/MWh")],
        parameters=[
            param("pv", "lifetime", 25, "yr"), param("pv", "residual_capacity", 2, "GW"),
            param("pv", "activity", 4380, "GWh/yr", 2024),
            param("gas", "lifetime", 30, "yr"), param("gas", "residual_capacity", 2, "GW"),
            param("gas", "variable_cost", 500, "CNY/MWh"),
            param("gas", "activity", 4380, "GWh/yr", 2024),
            param("battery", "lifetime", 1, "yr"),
            param("battery", "capex", 10, "CNY/kW"),
            param("battery", "capex_energy", 10, "CNY/kWh"),
            param("battery", "charge_efficiency", 0.9, "1"),
            param("battery", "discharge_efficiency", 0.9, "1"),
        ],
        profiles=[{"profile": "sun", "day": "day", "hour": 0, "value": 0, "unit": "1"},
                  {"profile": "sun", "day": "day", "hour": 1, "value": 1, "unit": "1"}],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}],
    )


def test_battery_shifts_pv_to_the_night(tmp_path):
    p = optimise(battery_case(tmp_path / "bat"), scenario="baseline")
    # Day: PV 2 GW covers 1 GW of demand and can charge C = 1 GW. Night: discharge D.
    # Level over the 12-hour day rises by 12 x 0.9 C = 10.8 GWh and falls over the night by
    # 12 x D / 0.9, so D = 0.81 C. Cost(C) = 10 (power) + 10 x 10.8 (energy) per GW of C
    # + gas 4380 h x (1 - 0.81 C) x 0.5 MCNY/GWh; the derivative 118 - 1773.9 < 0 so C = 1.
    # 2025: 118 + 4380 x 0.19 x 0.5 = 534.1 MCNY; 2024 (no battery): 4380 x 0.5 = 2190.
    assert p.objective == approx(2190 + 534.1)
    cap = p.capacity.set_index(["technology", "year"])["total"]
    assert cap["battery", 2025] == approx(1.0)
    ecap = p.energy_capacity.set_index(["technology", "year"])["total"]
    assert ecap["battery", 2025] == approx(10.8)
    s = p.storage[(p.storage.technology == "battery") & (p.storage.year == 2025)]
    s = s.set_index("hour")
    assert s.loc[1, "charge"] == approx(1.0)
    assert s.loc[0, "discharge"] == approx(0.81)
    # cyclic within the day: the night ends where the day began
    assert s.loc[0, "level"] == approx(0.0, abs=1e-9)
    assert s.loc[1, "level"] == approx(10.8)
    # round trip = product of the efficiencies
    assert (s.loc[0, "discharge"] / s.loc[1, "charge"]) == approx(0.9 * 0.9)


def retirement_case(folder, rate):
    return write(
        folder, horizon=2027, rate=rate,
        commodities=[ELECTRICITY],
        technologies=[tech("old"), tech("new", investable="true")],
        flows=[flow("old", "electricity", "output", 1, "MWh/MWh"),
               flow("new", "electricity", "output", 1, "MWh/MWh")],
        parameters=[
            param("old", "lifetime", 40, "yr"),
            param("old", "residual_capacity", 1, "GW", 2024),
            param("old", "residual_capacity", 0, "GW", 2025),
            param("old", "residual_capacity", 0, "GW", 2027),
            param("old", "activity", 8760, "GWh/yr", 2024),
            param("new", "lifetime", 2, "yr", plausibility=SHORT_LIFE),
            param("new", "capex", 2000, "CNY/kW"),
        ],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}],
    )


@ACCEPT_SHORT_LIFE
def test_a_vintage_that_must_retire_is_replaced_and_annuities_stop_at_the_horizon(tmp_path):
    rate = 0.10
    p = optimise(retirement_case(tmp_path / "ret", rate), scenario="baseline")
    # The old stock is gone in 2025: 1 GW is built in 2025 (life 2: stands 2025-2026) and
    # again in 2027. CRF(10 %, 2 yr) = 0.1 x 1.21 / 0.21 = 0.5761905; annuity 2000 MCNY/GW x
    # CRF = 1152.381 MCNY/yr. Vintage 2025 pays in 2025 and 2026, vintage 2027 only in 2027
    # (the horizon): 1152.381 x (1/1.1 + 1/1.1^2 + 1/1.1^3) = 1152.381 x 2.486852.
    crf = 0.1 * 1.21 / 0.21
    assert capital_recovery_factor(0.1, 2) == approx(crf)
    assert p.objective == approx(2000 * crf * (1 / 1.1 + 1 / 1.1**2 + 1 / 1.1**3))
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert new["new", 2025] == approx(1.0)
    assert new["new", 2026] == approx(0.0, abs=1e-9)
    assert new["new", 2027] == approx(1.0)
    costs = p.costs[p.costs.component == "investment"].groupby("year")["value"].sum()
    assert costs[2027] == approx(2000 * crf)  # one annuity, not two


def growth_case(folder, targets=None, method="provincial"):
    # demand grows 8760 -> 11388 GWh from 2024 to 2027; coal emits 1 t CO2/MWh
    return write(
        folder, horizon=2027, targets=targets, method=method,
        commodities=[ELECTRICITY],
        technologies=[tech("coal"), tech("gas")],
        flows=[flow("coal", "electricity", "output", 1, "MWh/MWh"),
               flow("gas", "electricity", "output", 1, "MWh/MWh")],
        parameters=[
            param("coal", "lifetime", 40, "yr"), param("coal", "residual_capacity", 2, "GW"),
            param("coal", "variable_cost", 100, "CNY/MWh"),
            param("coal", "activity", 8760, "GWh/yr", 2024),
            param("gas", "lifetime", 40, "yr"), param("gas", "residual_capacity", 2, "GW"),
            param("gas", "variable_cost", 200, "CNY/MWh"),
            param("gas", "activity", 0, "GWh/yr", 2024),
        ],
        emissions=[{"technology": "coal", "gas": "CO2", "basis": "activity", "value": 1,
                    "unit": "t CO2/MWh"}],
        demands=[{"commodity": "electricity", "year": 2024, "value": 8760, "unit": "GWh/yr"},
                 {"commodity": "electricity", "year": 2027, "value": 11388, "unit": "GWh/yr"}],
    )


def test_a_binding_peak_constraint_and_its_signed_duals(tmp_path):
    peak = [{"name": "peak", "type": "peak_year", "year": 2025}]
    folder = growth_case(tmp_path / "g", peak)
    base = optimise(folder, scenario="baseline")
    plan = optimise(folder, scenario="plan")
    # baseline: all coal, E = 8760, 9636, 10512, 11388 kt; cost 0.1 x 40296 = 4029.6 MCNY
    assert base.emissions_total["value"].tolist() == approx([8760, 9636, 10512, 11388])
    assert base.objective == approx(4029.6)
    # plan: E2026 <= E2025 = 9636 and E2027 <= E2026, so gas covers 876 and 1752 GWh
    assert plan.emissions_total["value"].tolist() == approx([8760, 9636, 9636, 9636])
    assert plan.objective == approx(4029.6 + (876 + 1752) * 0.1)
    assert plan.peak_year == 2025
    # marginal cost of emissions, CNY/t, undiscounted (rate 0):
    # one more tonne in 2026 or 2027 means one MWh moved from coal to gas: +100;
    # one more tonne counted in 2025 loosens both later rows: -200; 2024 is observed: 0.
    mc = plan.marginal_cost.set_index("year")["value"]
    assert mc[2024] == approx(0, abs=1e-6)
    assert mc[2025] == approx(-200)
    assert mc[2026] == approx(100)
    assert mc[2027] == approx(100)
    duals = plan.duals.set_index(["target", "year"])
    # loosening E2026 - E2025 <= 0 by 1 kt saves 2 x 0.1 MCNY; E2027 - E2026 <= 0 saves 0.1
    assert duals.loc[("peak", 2025), "dual"] == approx(-0.2)
    assert duals.loc[("peak", 2026), "dual"] == approx(-0.1)
    assert duals.loc[("peak", 2025), "shadow_price"] == approx(200)
    assert not duals.loc[("peak", 2024), "active"]


def test_a_cap_has_a_positive_carbon_price(tmp_path):
    cap = [{"name": "cap", "type": "cap", "value": 9, "unit": "Mt CO2", "years": [2025]}]
    p = optimise(growth_case(tmp_path / "c", cap), scenario="plan")
    # 2025: demand 9636 GWh, coal capped at 9000 GWh, gas 636 GWh: price = 200 - 100 CNY/t
    assert p.emissions_in(2025) == approx(9000)
    row = p.duals.set_index(["target", "year"]).loc[("cap", 2025)]
    assert row["shadow_price"] == approx(100)
    assert row["shadow_price_unit"] == "CNY/t"
    assert p.marginal_cost.set_index("year")["value"][2025] == approx(100)


def trade_case(folder, method):
    return write(
        folder, method=method,
        commodities=[ELECTRICITY],
        technologies=[tech("coal"), tech("grid", kind="import"),
                      tech("export", kind="export")],
        flows=[flow("coal", "electricity", "output", 1, "MWh/MWh"),
               flow("grid", "electricity", "output", 1, "MWh/MWh"),
               flow("export", "electricity", "input", 1, "MWh/MWh")],
        parameters=[
            param("coal", "lifetime", 40, "yr"), param("coal", "residual_capacity", 2, "GW"),
            param("coal", "variable_cost", 100, "CNY/MWh"),
            param("coal", "activity", 9760, "GWh/yr", 2024),
            param("grid", "variable_cost", 400, "CNY/MWh"),
            param("grid", "activity", 0, "GWh/yr", 2024),
            param("export", "activity", 1000, "GWh/yr", 2024),
            param("export", "min_activity", 1000, "GWh/yr"),
            param("export", "max_activity", 1000, "GWh/yr"),
        ],
        emissions=[{"technology": "coal", "gas": "CO2", "basis": "activity", "value": 1,
                    "unit": "t CO2/MWh"}],
        drivers=[{"driver": "grid_emission_factor", "value": 0.5, "unit": "t CO2/MWh"},
                 {"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"}],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}],
    )


@pytest.mark.parametrize(("method", "expected"), [("provincial", 9760 - 1000 * 0.5),
                                                  ("gpc", 8760 * 0.5)])
def test_the_two_methods_count_local_generation_once(tmp_path, method, expected):
    p = optimise(trade_case(tmp_path / method, method), scenario="baseline")
    # coal makes the demand 8760 + a given export of 1000 GWh = 9760 GWh (1 t/MWh).
    # provincial: the plant's 9760 kt minus exports x the grid factor 0.5 t/MWh.
    # gpc: the consumers' 8760 GWh x 0.5 t/MWh (scope 2); the plant is reported, not counted.
    assert p.emissions_in(2025) == approx(expected)
    em = p.emissions[p.emissions.year == 2025]
    assert em.loc[em.in_total, "value"].sum() == approx(expected)
    plant = em[em.technology == "coal"]
    assert plant["value"].sum() == approx(9760)
    assert bool(plant["in_total"].iloc[0]) == (method == "provincial")
    bal = p.balances.set_index(["commodity", "year"])
    assert bal.loc[("electricity", 2025), "surplus"] == approx(0, abs=1e-6)


def test_an_impossible_target_is_explained(tmp_path):
    targets = [{"name": "cap", "type": "cap", "value": 5, "unit": "Mt CO2", "years": [2025]}]
    # 2025 demand 9636 GWh; gas can give at most 2 GW x 8760 h = 17520 GWh, so the cap is
    # reachable... make gas small so that it is not: coal must still give 9636 - 2000 GWh
    folder = growth_case(tmp_path / "inf", targets)
    text = (folder / "parameters.csv").read_text().replace(
        "gas,residual_capacity,,2,GW", "gas,residual_capacity,,0.2283105,GW")
    (folder / "parameters.csv").write_text(text)
    with pytest.raises(InfeasibleError) as info:
        optimise(folder, scenario="plan")
    # gas gives at most 0.2283105 GW x 8760 h = 2000 GWh, coal the other 7636 GWh = 7.636 Mt
    table = info.value.diagnosis.set_index("target")
    assert table.loc["cap", "status"] == "cannot be met"
    assert float(table.loc["cap", "reachable"]) == approx(7.636, rel=1e-4)
    assert "cap" in str(info.value)
    assert "Mt reachable" in str(info.value)  # the unit stays with the number


def test_the_diagnosis_names_only_the_target_to_blame(tmp_path):
    targets = [{"name": "cap", "type": "cap", "value": 5, "unit": "Mt CO2", "years": [2025]},
               {"name": "peak", "type": "peak_year", "year": 2025}]
    folder = growth_case(tmp_path / "two", targets)
    text = (folder / "parameters.csv").read_text().replace(
        "gas,residual_capacity,,2,GW", "gas,residual_capacity,,0.2283105,GW")
    (folder / "parameters.csv").write_text(text)
    with pytest.raises(InfeasibleError) as info:
        optimise(folder, scenario="plan")
    table = info.value.diagnosis.set_index("target")
    # without the cap the peak rows hold (gas and coal can keep emissions flat); with the cap
    # held, relaxing the peak does not help: only the cap is to blame, and the peak is met
    # once the cap gives way
    assert table.loc["cap", "status"] == "cannot be met"
    assert table.loc["peak", "status"] == "not involved"
    assert "1 of 2 target(s)" in str(info.value)
    assert "'peak'" not in str(info.value)


def test_an_unbounded_model_gives_a_typed_error(tmp_path):
    folder = write(
        tmp_path / "unb",
        commodities=[{"commodity": "coal", "unit": "kt", "balance": "annual", "kind": "fuel",
                      "fuel": "raw_coal"}],
        technologies=[tech("buy", kind="import", level="annual", capacity_unit="kt/yr",
                           activity_unit="kt"),
                      tech("sell", kind="export", level="annual", capacity_unit="kt/yr",
                           activity_unit="kt")],
        flows=[flow("buy", "coal", "output", 1, "kt/kt"),
               flow("sell", "coal", "input", 1, "kt/kt")],
        parameters=[param("buy", "variable_cost", -10, "CNY/t"),
                    param("buy", "activity", 0, "kt/yr", 2024),
                    param("sell", "activity", 0, "kt/yr", 2024)],
    )
    with pytest.raises(UnboundedError):
        PathwayModel(folder).solve()


def test_time_and_iteration_limits_are_distinct_errors():
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(IterationLimitError):
        model.solve(simplex_iteration_limit=1, presolve="off")
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(TimeLimitError):
        model.solve(time_limit=1e-9, presolve="off")


@pytest.mark.parametrize("limit", [0, -5, 0.0, float("nan"), "60", True])
def test_a_time_limit_must_be_a_positive_number_of_seconds(limit):
    with pytest.raises(DataError, match="time limit must be a positive number of seconds"):
        optimise("tiny", solver_options={"time_limit": limit})
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(DataError, match="key 'time_limit'"):
        model.solve(time_limit=limit)
    assert model.solve(time_limit=60).status == "Optimal"


def test_a_solver_option_highs_rejects_is_an_error_not_ignored():
    model = PathwayModel("tiny", scenario="plan", solver_options={"time_lim": 5})
    with pytest.raises(DataError, match="HiGHS rejects the solver option time_lim = 5"):
        model.solve()
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(DataError, match="threads = 'two'"):
        model.solve(threads="two")


def test_update_moves_the_peak_year_without_a_rebuild(tmp_path):
    folder = growth_case(tmp_path / "u", [{"name": "peak", "type": "peak_year", "year": 2025}])
    model = PathwayModel(folder, scenario="plan")
    first = model.solve()
    model.update(peak_year=2026)
    later = model.solve()
    fresh = PathwayModel(folder, scenario="plan", peak_year=2026).solve()
    # a later peak never costs more, and the warm re-solve equals a fresh build
    assert later.objective <= first.objective + 1e-9
    assert later.objective == approx(fresh.objective)
    assert later.emissions_total["value"].tolist() == approx([8760, 9636, 10512, 10512])


def test_update_a_cap_and_a_price(tmp_path):
    cap = [{"name": "cap", "type": "cap", "value": 9, "unit": "Mt CO2", "years": [2025]}]
    model = PathwayModel(growth_case(tmp_path / "p", cap), scenario="plan")
    model.solve()
    model.update(target="cap", value=Q_(8.5, "Mt CO2"))
    assert model.solve().emissions_in(2025) == approx(8500)
    model.update(technology="gas", parameter="variable_cost", value=Q_(300, "CNY/MWh"))
    p = model.solve()
    assert p.duals.set_index(["target", "year"]).loc[("cap", 2025), "shadow_price"] == approx(
        200)
    with pytest.raises(TypeError, match="unit"):
        model.update(target="cap", value=8.5)


def test_scenario_and_peak_year_must_exist():
    with pytest.raises(KeyError, match="unknown scenario"):
        PathwayModel("tiny", scenario="nope")
    with pytest.raises(DataError, match="not a model year"):
        PathwayModel("tiny", scenario="plan", peak_year=2100)


@ACCEPT_SHORT_LIFE
def test_update_bounds_of_activity_and_new_capacity(tmp_path):
    model = PathwayModel(growth_case(tmp_path / "b"), scenario="baseline")
    model.solve()
    # coal may give at most 9 TWh in 2026: gas covers the rest of the 10512 GWh demand
    model.update(technology="coal", parameter="max_activity", value=Q_(9, "TWh/yr"),
                 years=[2026])
    p = model.solve()
    assert p.emissions_in(2026) == approx(9000)
    assert p.objective == approx(4029.6 + (10512 - 9000) * 0.1)
    folder = retirement_case(tmp_path / "r", 0.0)
    model = PathwayModel(folder, scenario="baseline")
    model.update(technology="new", parameter="max_new_capacity", value=Q_(0.5, "GW/yr"),
                 years=[2025])
    with pytest.raises(InfeasibleError):  # 1 GW is needed in 2025
        model.solve(diagnose_infeasible=False)
    model.update(technology="new", parameter="max_new_capacity", value=Q_(2, "GW/yr"),
                 years=[2025])
    assert model.solve().capacity.set_index(["technology", "year"])["new"]["new", 2025] == \
        approx(1.0)


def test_wrong_names_and_units_give_carbonpath_errors(tmp_path):
    from carbonpath import CarbonpathError, UnitError
    from carbonpath.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="did you mean 'plan'"):
        PathwayModel("tiny", scenario="plann")
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(UnknownNameError, match="did you mean 'pv'"):
        model.scale_cost("pvv", "capex", 1.2)
    with pytest.raises(ValueError, match=">= 0"):
        model.scale_cost("pv", "capex", -1)
    with pytest.raises(UnitError, match="cannot be converted"):
        model.update(target="cap", value=Q_(4.7, "Mt CH4"))
    with pytest.raises(UnknownNameError, match="did you mean 'cap'"):
        model.update(target="capp", value=Q_(4.7, "Mt CO2"))
    folder = growth_case(tmp_path / "u", [{"name": "cap", "type": "cap", "value": 9,
                                           "unit": "Mt CH4"}])
    with pytest.raises(CarbonpathError) as info:
        PathwayModel(folder, scenario="plan")
    assert "plan.yaml" in str(info.value)
    assert "target 'cap'" in str(info.value)


def test_update_refuses_two_changes_in_one_call_and_a_text_peak_year():
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(TypeError, match="peak_year and target"):
        model.update(peak_year=2028, target="cap", value=Q_(4.75, "Mt CO2"))
    with pytest.raises(TypeError, match="does not use years"):
        model.update(target="cap", value=Q_(4.75, "Mt CO2"), years=[2030])
    with pytest.raises(TypeError, match="must be an integer"):
        model.update(peak_year="2027")
    with pytest.raises(TypeError, match="must be an integer"):
        PathwayModel("tiny", scenario="plan", peak_year="2027")


def test_update_accepts_numpy_and_pandas_integer_years_but_not_a_bool():
    import numpy as np
    import pandas as pd

    model = PathwayModel("tiny", scenario="plan", peak_year=np.int64(2026))
    assert model.peak_year == 2026
    model.update(peak_year=np.int64(2027))
    assert model.peak_year == 2027
    assert type(model.peak_year) is int
    model.update(peak_year=pd.Series([2028]).iloc[0])
    assert model.peak_year == 2028
    with pytest.raises(TypeError, match="must be an integer year, not True"):
        model.update(peak_year=True)
    with pytest.raises(DataError, match=r"2040 is not a model year.*2024 \.\. 2030"):
        model.update(peak_year=2040)


@pytest.mark.parametrize(("years", "error", "message"), [
    (2027, TypeError, r"years must be a list of model years \(2024 \.\. 2030\)"),
    ("2027", TypeError, "years must be a list of model years"),
    (["2027"], TypeError, "a year in years must be an integer year, not '2027'"),
    ([2040], DataError, r"2040 is not a model year \(a year in years\); valid: 2024 \.\. 2030"),
    ([], TypeError, "years is empty"),
])
def test_update_years_must_be_a_list_of_model_years(years, error, message):
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(error, match=message):
        model.update(technology="pv", parameter="max_capacity", value=Q_(2000, "MW"),
                     years=years)


def test_update_years_take_numpy_integers_and_a_refused_call_changes_nothing():
    import numpy as np

    model = PathwayModel("tiny", scenario="plan")
    model.update(technology="pv", parameter="max_capacity", value=Q_(2000, "MW"),
                 years=[np.int64(2027)])
    assert model.data.techs["pv"].bounds["max_capacity"][2027] == approx(2.0)  # GW
    with pytest.raises(DataError):
        model.update(technology="pv", parameter="max_capacity", value=Q_(1000, "MW"),
                     years=[2028, 2040])
    assert model.data.techs["pv"].bounds["max_capacity"][2028] == approx(3.0)  # unchanged


@pytest.mark.parametrize("hours", [0, -4])
def test_non_positive_model_hours_are_refused(hours):
    with pytest.raises(DataError, match="positive whole number"):
        PathwayModel("tiny", scenario="plan", hours=hours)
