"""Adequacy, operating limits and fleet rules (issue 12): one golden test per family.

Every expected value is worked out by hand in the test (discount rate 0 unless said, base
year 2024 observed, decisions from 2025).
"""

import pytest

from carbonpath import DataError, InfeasibleError, optimise
from carbonpath.dataset.operations import RampRateWarning
from tests.toy import ELECTRICITY, flow, param, tech, write

approx = pytest.approx


def out(code):
    return flow(code, "electricity", "output", 1, "MWh/MWh")


def reserve(c, name, value, unit, year=""):
    return {"commodity": c, "parameter": name, "year": year, "value": value, "unit": unit}


def adequacy_case(folder, reserves, extra_params=(), profile=None, hours=1, battery=False):
    # coal: 2 GW standing (credit 0.8), runs at 100 CNY/MWh; a peaker can be built
    # (1000 CNY/kW, life 10 -> 100 MCNY/GW-yr at r = 0, credit 0.5, fuel 500 CNY/MWh)
    technologies = [tech("coal"), tech("peaker", investable="true")]
    flows = [out("coal"), out("peaker")]
    params = [
        param("coal", "lifetime", 40, "yr"), param("coal", "residual_capacity", 2, "GW"),
        param("coal", "variable_cost", 100, "CNY/MWh"),
        param("coal", "activity", 8760, "GWh/yr", 2024),
        param("coal", "capacity_credit", 0.8, "1"),
        param("peaker", "lifetime", 10, "yr"), param("peaker", "capex", 1000, "CNY/kW"),
        param("peaker", "variable_cost", 500, "CNY/MWh"),
        param("peaker", "capacity_credit", 0.5, "1"),
        *extra_params,
    ]
    if battery:
        technologies.append(tech("battery", kind="storage", storage_commodity="electricity",
                                 investable="true"))
        params += [param("battery", "lifetime", 10, "yr"),
                   param("battery", "capex", 50, "CNY/kW"),
                   param("battery", "capex_energy", 200, "CNY/kWh"),
                   param("battery", "capacity_credit", 1, "1")]
    demand = {"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}
    profiles = []
    if profile:
        demand["profile"] = "load"
        profiles = [{"profile": "load", "day": "day", "hour": h, "value": v, "unit": "1"}
                    for h, v in enumerate(profile)]
    return write(folder, hours=hours, commodities=[ELECTRICITY], technologies=technologies,
                 flows=flows, parameters=params, demands=[demand], profiles=profiles,
                 reserves=reserves)


def test_a_declared_peak_is_covered_by_firm_capacity_and_priced(tmp_path):
    # peak 2 GW, margin 20 %: 2.4 GW firm needed; coal gives 2 x 0.8 = 1.6 GW, so the
    # peaker (credit 0.5) is built for 0.8 GW firm: 1.6 GW at 100 MCNY/GW-yr = 160 MCNY.
    # One more GW of firm capacity costs 100 / 0.5 = 200 CNY/kW-yr: the capacity price.
    folder = adequacy_case(tmp_path / "a", [reserve("electricity", "margin", 0.2, "1"),
                                            reserve("electricity", "peak", 2000, "MW")])
    p = optimise(folder, scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert cap.loc[("peaker", 2025), "new"] == approx(1.6)
    # the peaker stays idle (coal covers the 1 GW load): 876 MCNY of coal fuel a year
    assert p.objective == approx(2 * 876 + 160)
    price = p.capacity_prices.set_index(["commodity", "year"])
    assert price.loc[("electricity", 2025), "value"] == approx(200)
    assert price.loc[("electricity", 2025), "unit"] == "CNY/kW/yr"


def test_the_peak_from_the_profile_and_storage_credited_by_its_duration(tmp_path):
    # two 12-hour blocks with relative load 0.5 and 1.5 of 8760 GWh/yr: 0.5 and 1.5 GW.
    # margin 10 %: 1.65 GW firm; coal gives 1.6. A battery counts min(K, E / 4 h): one GW of
    # firm costs 5 (power annuity) + 4 GWh x 20 (energy annuity) = 85 MCNY-yr, cheaper than
    # the peaker's 200. So 0.05 GW / 0.2 GWh are built, and the capacity price is 85.
    folder = adequacy_case(tmp_path / "b", [reserve("electricity", "margin", 0.1, "1")],
                           profile=[0.5, 1.5], hours=2, battery=True)
    p = optimise(folder, scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert cap.loc[("battery", 2025), "new"] == approx(0.05)
    assert cap.loc[("peaker", 2025), "new"] == approx(0.0, abs=1e-9)
    ecap = p.energy_capacity.set_index(["technology", "year"])
    assert ecap.loc[("battery", 2025), "total"] == approx(0.2)
    price = p.capacity_prices.set_index(["commodity", "year"])
    assert price.loc[("electricity", 2025), "value"] == approx(85)
    assert price.loc[("electricity", 2025), "binding"] == "day/1"  # the evening block


def min_output_case(folder, winter_share):
    # a CHP of 1 GW must run at >= share x its capacity in winter (180 days); free steady
    # hydro of 1 GW (run-of-river; wind would not run 8,760 h, round 25 MA34) covers the
    # flat 0.5 GW load otherwise; the CHP burns 300 CNY/MWh
    return write(
        folder, days=[("winter", 180), ("summer", 185)], commodities=[ELECTRICITY],
        technologies=[tech("chp"), tech("hydro", kind="supply", sector="hydro_power",
                                        nonfossil="true", availability_profile="steady")],
        profiles=[{"profile": "steady", "day": d, "hour": 0, "value": 1.0, "unit": "1"}
                  for d in ("winter", "summer")],
        flows=[out("chp"), out("hydro")],
        parameters=[
            param("chp", "lifetime", 30, "yr"), param("chp", "residual_capacity", 1, "GW"),
            param("chp", "variable_cost", 300, "CNY/MWh"),
            param("chp", "activity", 0, "GWh/yr", 2024),
            {**param("chp", "min_output", winter_share, "1"), "day": "winter"},
            param("hydro", "lifetime", 25, "yr"), param("hydro", "residual_capacity", 1, "GW"),
            param("hydro", "activity", 4380, "GWh/yr", 2024),
        ],
        demands=[{"commodity": "electricity", "value": 4380, "unit": "GWh/yr"}])


def test_must_run_chp_in_winter_only(tmp_path):
    # 2025: the CHP runs 0.4 GW through the 180 winter days (1728 GWh, 518.4 MCNY) and not
    # at all in summer; hydro takes the rest.
    p = optimise(min_output_case(tmp_path / "m", 0.4), scenario="baseline")
    d = p.dispatch[(p.dispatch.technology == "chp") & (p.dispatch.year == 2025)]
    d = d.set_index("day")["value"]
    assert d["winter"] == approx(0.4)
    assert d["summer"] == approx(0.0, abs=1e-9)
    assert p.objective == approx(0.4 * 180 * 24 * 0.3)


def test_a_minimum_output_above_the_load_is_diagnosed_in_its_own_terms(tmp_path):
    # 0.6 GW must run against a 0.5 GW load: 0.1 GW too much in every winter block
    with pytest.raises(InfeasibleError, match=r"minimum output of 'chp' in 2025.*0\.1 GW"):
        optimise(min_output_case(tmp_path / "m", 0.6), scenario="baseline")


def test_ramping_is_cyclic_within_the_day(tmp_path):
    # four 6-hour blocks with load 0.2, 1.0, 1.0, 0.2 GW; coal (100 CNY/MWh) may change by
    # 5 %/h of 1 GW = 0.3 GW per block, gas (500) fills in. Best coal: 0.2, 0.5, 0.5, 0.2
    # (up 0.3 from the night, and down 0.3 to the next night: the day is cyclic). Coal
    # 1.4 x 6 x 365 = 3066 GWh, gas 2.4 x 2190 - 3066 = 2190 GWh.
    folder = write(
        tmp_path / "r", hours=4, commodities=[ELECTRICITY],
        technologies=[tech("coal"), tech("gas")], flows=[out("coal"), out("gas")],
        parameters=[
            param("coal", "lifetime", 40, "yr"), param("coal", "residual_capacity", 1, "GW"),
            param("coal", "variable_cost", 100, "CNY/MWh"),
            param("coal", "activity", 5256, "GWh/yr", 2024),
            param("coal", "ramp_rate", 0.05, "1/hour"),
            param("gas", "lifetime", 40, "yr"), param("gas", "residual_capacity", 1, "GW"),
            param("gas", "variable_cost", 500, "CNY/MWh"),
            param("gas", "activity", 0, "GWh/yr", 2024),
        ],
        demands=[{"commodity": "electricity", "value": 5256, "unit": "GWh/yr",
                  "profile": "load"}],
        profiles=[{"profile": "load", "day": "day", "hour": h, "value": v, "unit": "1"}
                  for h, v in enumerate([0.2, 1.0, 1.0, 0.2])])
    with pytest.warns(RampRateWarning, match="0.05/h"):  # MB25: slower than any plant
        p = optimise(folder, scenario="baseline")
    d = p.dispatch[(p.dispatch.technology == "coal") & (p.dispatch.year == 2025)]
    assert d.sort_values("hour")["value"].tolist() == approx([0.2, 0.5, 0.5, 0.2])
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["coal", 2025] == approx(3066)
    assert act["gas", 2025] == approx(2190)


def test_minimum_and_maximum_full_load_hours(tmp_path):
    # flat 2 GW load, three 1 GW plants: coal (100 CNY/MWh) capped at 4000 h, gas (500),
    # and a chp (600, the dearest) that must run >= 5000 h. Coal 4000 GWh, chp 5000, gas
    # 17520 - 9000 = 8520 GWh (within its 8760).
    folder = write(
        tmp_path / "f", commodities=[ELECTRICITY],
        technologies=[tech("coal"), tech("chp"), tech("gas")],
        flows=[out("coal"), out("chp"), out("gas")],
        parameters=[
            param("coal", "lifetime", 40, "yr"), param("coal", "residual_capacity", 1, "GW"),
            param("coal", "variable_cost", 100, "CNY/MWh"),
            param("coal", "activity", 8760, "GWh/yr", 2024),
            param("coal", "max_full_load_hours", 4000, "hour/yr"),
            param("chp", "lifetime", 40, "yr"), param("chp", "residual_capacity", 1, "GW"),
            param("chp", "variable_cost", 600, "CNY/MWh"),
            param("chp", "activity", 0, "GWh/yr", 2024),
            param("chp", "min_full_load_hours", 5000, "hour/yr"),
            param("gas", "lifetime", 40, "yr"), param("gas", "residual_capacity", 1, "GW"),
            param("gas", "variable_cost", 500, "CNY/MWh"),
            param("gas", "activity", 8760, "GWh/yr", 2024),
        ],
        demands=[{"commodity": "electricity", "value": 17520, "unit": "GWh/yr"}])
    p = optimise(folder, scenario="baseline")
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["coal", 2025] == approx(4000)
    assert act["chp", 2025] == approx(5000)
    assert act["gas", 2025] == approx(8520)


def build_case(folder, extra, **kw):
    # PV (1 GW standing, 100 CNY/kW, life 20) saves 1000 CNY/MWh of gas in a 10 GW flat
    # load: it is built as fast as the limits allow. Two dear plants are committed.
    return write(
        folder, horizon=2027, commodities=[ELECTRICITY], **kw,
        technologies=[tech("pv", kind="supply", investable="true"), tech("gas"),
                      tech("nuclear", investable="true"), tech("ccs", investable="true")],
        flows=[out("pv"), out("gas"), out("nuclear"), out("ccs")],
        parameters=[
            param("pv", "lifetime", 20, "yr"), param("pv", "residual_capacity", 1, "GW"),
            param("pv", "capex", 100, "CNY/kW"), param("pv", "activity", 8760, "GWh/yr", 2024),
            param("gas", "lifetime", 40, "yr"), param("gas", "residual_capacity", 10, "GW"),
            param("gas", "variable_cost", 1000, "CNY/MWh"),
            param("gas", "activity", 78840, "GWh/yr", 2024),
            param("nuclear", "lifetime", 40, "yr"), param("nuclear", "capex", 50000, "CNY/kW"),
            param("nuclear", "variable_cost", 1100, "CNY/MWh"),
            param("ccs", "lifetime", 30, "yr"), param("ccs", "capex", 50000, "CNY/kW"),
            param("ccs", "variable_cost", 1100, "CNY/MWh"),
            *extra,
        ],
        demands=[{"commodity": "electricity", "value": 87600, "unit": "GWh/yr"}])


def test_growth_limits_cumulative_potential_and_committed_projects(tmp_path):
    # growth 50 %/yr of the previous year's stock: 0.5 (of 1), 0.75 (of 1.5), 1.125 (of
    # 2.25) GW. The committed nuclear project comes online in 2026 exactly (0.3 GW); the
    # CCS project (0.2 GW) must stand from 2026 and is built then (building is dear).
    committed = [param("nuclear", "committed_new_capacity", 300, "MW", 2026),
                 param("ccs", "committed_capacity", 200, "MW", 2026)]
    p = optimise(build_case(tmp_path / "g", [param("pv", "max_growth", 0.5, "1/yr"),
                                             *committed]), scenario="baseline")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert [new["pv", y] for y in (2025, 2026, 2027)] == approx([0.5, 0.75, 1.125])
    assert [new["nuclear", y] for y in (2025, 2026, 2027)] == approx([0, 0.3, 0], abs=1e-9)
    assert [new["ccs", y] for y in (2025, 2026, 2027)] == approx([0, 0.2, 0], abs=1e-9)
    # a scenario moves the nuclear project's online date to 2027
    moved = {"baseline": {"targets": []}, "late": {"targets": [], "parameters": [
        {"technology": "nuclear", "parameter": "committed_new_capacity", "year": 2027,
         "value": 300, "unit": "MW", "source": "assumption: a year's delay"}]}}
    p = optimise(build_case(tmp_path / "late", committed, scenarios=moved), scenario="late")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert [new["nuclear", y] for y in (2025, 2026, 2027)] == approx([0, 0, 0.3], abs=1e-9)
    # and a cumulative potential of 1 GW: 0.5 in 2025 (growth-bound), the last 0.5 in 2026
    p = optimise(build_case(tmp_path / "c", [
        param("pv", "max_growth", 0.5, "1/yr"),
        param("pv", "max_cumulative_new_capacity", 1000, "MW")]), scenario="baseline")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert [new["pv", y] for y in (2025, 2026, 2027)] == approx([0.5, 0.5, 0], abs=1e-9)


def test_a_committed_project_beyond_the_build_limits_is_diagnosed(tmp_path):
    # 0.3 GW of nuclear must come online in 2026, but at most 0.1 GW a year may be built
    extra = [param("nuclear", "committed_new_capacity", 300, "MW", 2026),
             param("nuclear", "max_new_capacity", 100, "MW/yr")]
    with pytest.raises(InfeasibleError, match=r"committed project of 'nuclear' online in "
                                              r"2026 is 0\.2 GW more"):
        optimise(build_case(tmp_path / "cn", extra), scenario="baseline")


def retirement_case(folder, age=None):
    # 3 GW of coal: 1 GW leaves in 2026 (built 1996), 1 GW in 2027 (built 1997), 1 GW after
    # the horizon (age unknown). Load 0.5 GW; fixed O&M 100 CNY/kW-yr makes idle coal worth
    # retiring; capex 3000 CNY/kW over 30 years: 100 MCNY/GW-yr of annuities at r = 0.
    extra = [param("coal", "min_retirement_age", age, "yr")] if age is not None else []
    return write(
        folder, horizon=2027, commodities=[ELECTRICITY],
        technologies=[tech("coal", early_retirement="true")], flows=[out("coal")],
        parameters=[
            param("coal", "lifetime", 30, "yr"), param("coal", "capex", 3000, "CNY/kW"),
            param("coal", "fixed_om", 100, "CNY/kW/yr"),
            *[param("coal", "residual_capacity", v, "GW", y)
              for y, v in ((2024, 3), (2025, 3), (2026, 2), (2027, 1))],
            param("coal", "activity", 4380, "GWh/yr", 2024), *extra],
        demands=[{"commodity": "electricity", "value": 4380, "unit": "GWh/yr"}])


def test_existing_plants_run_their_schedule_unless_a_retirement_age_is_declared(tmp_path):
    # default: the flag alone lets no residual stock go (it is what the Liaocheng baseline
    # did with 4.5 GW of coal in 2024): fixed O&M on 3 + 3 + 2 + 1 = 9 GW-yr = 900 MCNY
    p = optimise(retirement_case(tmp_path / "d"), scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert [cap.loc[("coal", y), "active"] for y in (2025, 2026, 2027)] == approx([3, 2, 1])
    assert p.objective == approx(900)
    assert p.retirement["retired"].sum() == approx(0.0, abs=1e-9)
    # age 29: in 2025 the 1996 unit (29 years old) may go, the 1997 unit (28) not yet; in
    # 2026 the 1997 unit (29) may go; the unit standing after 2027 has no known age.
    # Active: 2 GW in 2025, 1 in 2026, 1 in 2027: fixed O&M (3 + 2 + 1 + 1) x 100 = 700.
    p = optimise(retirement_case(tmp_path / "a", age=29), scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert [cap.loc[("coal", y), "active"] for y in (2025, 2026, 2027)] == approx([2, 1, 1])
    assert p.objective == approx(700)
    # stranded: the 1996 unit still owes its last annuity in 2025 (1996 + 30 - 1), the
    # 1997 unit its last in 2026: 1 GW x 3000 / 30 = 100 MCNY in each of those years
    r = p.retirement.set_index("year")
    assert r.loc[2025, "retired"] == approx(1.0)
    assert r.loc[2025, "stranded"] == approx(100.0)
    assert r.loc[2026, "stranded"] == approx(100.0)
    assert r.loc[2027, "retired"] == approx(0.0, abs=1e-9)


@pytest.mark.parametrize(("row", "column", "message"), [
    ({"technology": "coal", "parameter": "min_retirement_age", "value": 45, "unit": "yr"},
     "value", "longer than its lifetime"),
    ({"technology": "coal", "parameter": "min_output", "value": 1.2, "unit": "1"},
     "value", "above its available capacity"),
    ({"technology": "peaker", "parameter": "committed_new_capacity", "year": 2031,
      "value": 100, "unit": "MW"}, "year", "online year outside"),
])
@pytest.mark.filterwarnings(  # the case has capacity credits and no reserves.csv (G77)
    "ignore::carbonpath.dataset.operations.UnreadParameterWarning")
def test_bad_operating_input_names_file_row_and_column(tmp_path, row, column, message):
    folder = adequacy_case(tmp_path / "bad", [], extra_params=[row])
    with pytest.raises(DataError, match=message) as info:
        optimise(folder, scenario="baseline")
    problem = next(p for p in info.value.problems if message in p.message)
    assert (problem.file, problem.column) == ("parameters.csv", column)
    assert problem.row is not None


def test_a_reserve_margin_without_firm_capacity_is_a_data_error(tmp_path):
    folder = adequacy_case(tmp_path / "nofirm", [reserve("electricity", "margin", 0.1, "1")])
    text = (folder / "parameters.csv").read_text(encoding="utf-8")
    (folder / "parameters.csv").write_text(
        "\n".join(line for line in text.splitlines() if "capacity_credit" not in line) + "\n",
        encoding="utf-8")
    with pytest.raises(DataError, match="no technology supplying it has firm") as info:
        optimise(folder, scenario="baseline")
    assert (info.value.problems[0].file, info.value.problems[0].column) == (
        "reserves.csv", "commodity")
    assert info.value.problems[0].row == 2  # the margin's row, the first of reserves.csv


def test_a_reserve_margin_beyond_the_build_limits_is_diagnosed(tmp_path):
    # the peaker may add at most 0.5 GW (0.25 GW firm): 1.6 + 0.25 = 1.85 of 2.4 GW firm
    folder = adequacy_case(tmp_path / "lim", [reserve("electricity", "margin", 0.2, "1"),
                                              reserve("electricity", "peak", 2000, "MW")],
                           extra_params=[param("peaker", "max_new_capacity", 500, "MW/yr")])
    with pytest.raises(InfeasibleError, match=r"reserve margin of electricity in 2025 needs "
                                              r"0\.55 GW more firm capacity"):
        optimise(folder, scenario="baseline")


def test_the_new_families_compile_to_pyomos_standard_form(tmp_path):
    # the one-pass compiler reads the rows of every new family (a lower bound on the left,
    # the storage firm column, elastic dispatch rows) as Pyomo's own compiler does
    from carbonpath import PathwayModel
    from tests.test_model_compile import assert_same

    folders = [
        adequacy_case(tmp_path / "a", [reserve("electricity", "margin", 0.1, "1")],
                      profile=[0.5, 1.5], hours=2, battery=True,
                      extra_params=[param("coal", "ramp_rate", 0.05, "1/hour"),
                                    param("coal", "min_output", 0.2, "1"),
                                    param("coal", "max_full_load_hours", 8000, "hour/yr"),
                                    param("peaker", "max_growth", 0.5, "1/yr"),
                                    param("peaker", "growth_seed", 100, "MW/yr"),
                                    param("peaker", "max_cumulative_new_capacity", 2, "GW"),
                                    param("peaker", "committed_capacity", 10, "MW", 2025)]),
        retirement_case(tmp_path / "r", age=29),
    ]
    with pytest.warns(RampRateWarning):  # the adequacy case's 0.05/h (round 26 MB25)
        models = [PathwayModel(folder, scenario="baseline").model for folder in folders]
    for model in models:
        assert_same(model)


@pytest.mark.parametrize(("age", "active", "cost"), [(None, [1, 0, 0], 350), (2, [1, 1, 0], 400)])
def test_a_vintage_retires_early_only_once_old_enough(tmp_path, age, active, cost):
    # the old plant leaves after 2024; 1 GW is built in 2025 (1000 CNY/kW, life 10: 100
    # MCNY/GW-yr of annuities at r = 0, paid 2025-2027 whatever happens) and the load
    # vanishes from 2026. Retiring saves the fixed O&M of 50 MCNY/GW-yr: at once without a
    # minimum age (350 MCNY), only in 2027 with a minimum age of 2 years (400 MCNY). The
    # retired vintage strands its annuity: 100 MCNY in each year it stands retired.
    extra = [param("new", "min_retirement_age", age, "yr")] if age is not None else []
    folder = write(
        tmp_path / f"v{age}", horizon=2027, commodities=[ELECTRICITY],
        technologies=[tech("old"), tech("new", investable="true", early_retirement="true")],
        flows=[out("old"), out("new")],
        parameters=[param("old", "lifetime", 40, "yr"),
                    *[param("old", "residual_capacity", v, "GW", y)
                      for y, v in ((2024, 1), (2025, 0), (2027, 0))],
                    param("old", "activity", 8760, "GWh/yr", 2024),
                    param("new", "lifetime", 10, "yr"), param("new", "capex", 1000, "CNY/kW"),
                    param("new", "fixed_om", 50, "CNY/kW/yr"), *extra],
        demands=[{"commodity": "electricity", "year": y, "value": v, "unit": "GWh/yr"}
                 for y, v in ((2024, 8760), (2025, 8760), (2026, 0), (2027, 0))])
    p = optimise(folder, scenario="baseline")
    cap = p.capacity.set_index(["technology", "year"])
    assert [cap.loc[("new", y), "active"] for y in (2025, 2026, 2027)] == approx(active,
                                                                              abs=1e-9)
    assert p.objective == approx(cost)
    stranded = p.retirement.set_index("year")["stranded"]
    assert [stranded[y] for y in (2025, 2026, 2027)] == approx(
        [0 if a else 100 for a in active], abs=1e-9)
