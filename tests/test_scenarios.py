"""Scenarios as overrides, roles, comparisons, measures (Shapley) and levers (LMDI)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import carbonpath as cp
from carbonpath.dataset.scenarios import resolve_scenario, roles
from carbonpath.errors import DataError
from carbonpath.model.data import ModelData
from carbonpath.scenarios import (
    compare_scenarios,
    lever_decomposition,
    measure_contributions,
    solve_scenario,
)
from tests.scenario_fixture import CO2_PER_MWH, row, tiny_copy

approx = pytest.approx

DEMAND = [{"commodity": "electricity", "year": 2024, "value": 6000, "unit": "GWh/yr",
           "profile": "load", "source": "assumption: test"},
          {"commodity": "electricity", "year": 2030, "value": 7500, "unit": "GWh/yr",
           "profile": "load", "source": "assumption: test"}]


def test_roles_default_to_todays_baseline_and_plan():
    ds = cp.load_dataset("tiny")
    assert roles(ds) == {"bau": "baseline", "cost_reference": "baseline", "plan": "plan"}


def test_a_scenario_extends_another_and_overrides_tables(tmp_path):
    folder = tiny_copy(tmp_path, scenarios={
        "high": {"extends": "plan", "demands": DEMAND,
                 "target_values": {"cap": {"value": 4.6}}},
        "higher": {"extends": "high", "parameters": [row("pv", "max_capacity", 2500, "MW")]}})
    (folder / "scenarios" / "higher").mkdir(parents=True)
    (folder / "scenarios" / "higher" / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\n"
        "pv,capex,,2000,CNY/kW,assumption: cheaper panels\n", encoding="utf-8")
    ds = cp.load_dataset(folder)
    res = resolve_scenario(ds, "higher")
    assert res.config["scenarios"]["higher"]["targets"] == ["peak", "cap"]  # from plan
    assert res.targets["cap"]["value"] == 4.6  # from high
    assert ds.targets["cap"]["value"] == 4.8  # the dataset itself is unchanged
    data = ModelData.from_dataset(ds, "higher")
    assert data.demand["electricity"][-1] == approx(7500)  # GWh/yr in 2030
    assert data.demand["electricity"][3] == approx(6000 + 1500 * 3 / 6)  # interpolated 2027
    assert data.techs["pv"].capex[0] == approx(2000e3 / 1e6 * 1e3)  # 2000 CNY/kW in MCNY/GW
    assert data.techs["pv"].bounds["max_capacity"][2030] == approx(2.5)  # GW
    params = res.tables["parameters"]
    assert "scenarios/higher/parameters.csv:2" in params.index
    assert len(params[(params.technology == "pv") & (params.parameter == "capex")]) == 1
    # a resolved dataset is a plain dataset: the model solves it as any other
    p = cp.PathwayModel(res, "higher").solve()
    assert p.emissions_in(2030) <= 4600 + 1e-6


@pytest.mark.parametrize(("scenarios", "key", "text"), [
    ({"loop": {"extends": "loop"}}, "scenarios.loop.extends", "extends itself"),
    ({"orphan": {"extends": "nowhere"}}, "scenarios.orphan.extends", "unknown scenario"),
    ({"a": {"extends": "b"}, "b": {"extends": "a"}}, "scenarios.a.extends", "cycle"),
    ({"x": {"disallow": ["solar"]}}, "scenarios.x.disallow", "unknown technology 'solar'"),
    ({"x": {"target_values": {"kap": {"value": 1}}}}, "scenarios.x.target_values.kap",
     "unknown target 'kap'"),
    ({"x": {"parameters": [row("pvv", "capex", 1, "CNY/kW")]}}, "scenarios.x.parameters[0]",
     "unknown technology 'pvv'"),
    ({"x": {"drivers": [{"driver": "gdp", "year": 2030, "value": 1, "unit": "亿元"}]}},
     "scenarios.x.drivers[0]", "a value is required"),
])
def test_bad_scenarios_name_the_key(tmp_path, scenarios, key, text):
    folder = tiny_copy(tmp_path, scenarios=scenarios)
    with pytest.raises(DataError) as info:
        cp.load_dataset(folder)
    found = [p for p in info.value.problems if p.key == key and text in p.message]
    assert found, str(info.value)


def test_an_override_table_row_that_does_not_exist_names_file_row_and_column(tmp_path):
    folder = tiny_copy(tmp_path, scenarios={"x": {"extends": "plan"}})
    (folder / "scenarios" / "x").mkdir(parents=True)
    (folder / "scenarios" / "x" / "flows.csv").write_text(
        "technology,commodity,direction,value,unit,use,source\n"
        "coal_power,coal,input,0.38,t/MWh,,assumption: better plant\n"
        "pv,coal,input,0.1,t/MWh,,assumption: not a flow of the dataset\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cp.load_dataset(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("scenarios/x/flows.csv", 3,
                                                           "direction")
    assert "does not exist" in problem.message


def test_disallowed_technologies_are_not_built(tmp_path):
    folder = tiny_copy(tmp_path, scenarios={"nopv": {"extends": "baseline",
                                                     "disallow": ["pv", "grid_import"]},
                                            "pvback": {"extends": "nopv", "allow": ["pv"]}})
    ds = cp.load_dataset(folder)
    p = solve_scenario(ds, "nopv")
    cap = p.capacity.set_index(["technology", "year"])
    assert cap.loc[("pv", 2030), "total"] == approx(0.1)  # the residual 100 MW only
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["grid_import", 2030] == approx(0.0, abs=1e-9)
    assert resolve_scenario(ds, "pvback").tables["technologies"].set_index(
        "technology").loc["pv", "investable"]


def test_frozen_bau_keeps_the_base_year_mix_of_new_capacity(tmp_path):
    high = [dict(r, value=9000) if r["year"] == 2030 else r for r in DEMAND]
    folder = tiny_copy(tmp_path, scenarios={
        "free": {"disallow": ["grid_import"], "demands": high},
        "frozen": {"extends": "free", "frozen": True}})
    ds = cp.load_dataset(folder)
    new = solve_scenario(ds, "frozen").capacity.pivot(index="year", columns="technology",
                                                      values="new")
    # base-year capacity 1000 MW coal, 100 MW PV: new capacity splits 10 : 1; the battery
    # (absent in the base year) is not built
    assert new["coal_power"].sum() > 0.1  # GW: the evening peak outgrows the coal plant
    assert new["pv"].to_numpy() == approx(new["coal_power"].to_numpy() / 10, abs=1e-9)
    assert new["battery"].to_numpy() == approx([0] * 7, abs=1e-9)
    free = solve_scenario(ds, "free").capacity.pivot(index="year", columns="technology",
                                                     values="new")
    assert free["pv"].sum() == approx(0.0, abs=1e-9)  # least cost builds coal only: the
    assert new["pv"].sum() > 0.01  # frozen mix makes PV keep its share of new capacity


def test_scenarios_compare_in_tables_through_an_executor(tmp_path):
    folder = tiny_copy(tmp_path, scenarios={"high": {"extends": "baseline",
                                                     "demands": DEMAND}})
    ds = cp.load_dataset(folder)
    with ThreadPoolExecutor(2) as pool:
        c = compare_scenarios(ds, executor=pool)
    seq = compare_scenarios(ds, ["plan"])
    assert c.pathways["plan"].objective == approx(seq.pathways["plan"].objective, rel=1e-9)
    em = c.tables["emissions"].set_index(["scenario", "year"])
    base = c.pathways["baseline"].emissions_total.set_index("year")["value"] / 1e3
    # 300 GWh more demand in 2030 from coal (baseline builds nothing: PV is dearer)
    assert em.loc[("high", 2030), "value"] - base[2030] == approx(0.3 * CO2_PER_MWH, rel=1e-6)
    assert em.loc[("baseline", 2030), "gap_to_bau"] == 0
    cost = c.tables["cost"].set_index("scenario")
    plan, bl = c.pathways["plan"], c.pathways["baseline"]
    assert cost.loc["plan", "cost_vs_reference"] == approx(plan.objective - bl.objective)
    assert set(c.tables["indicators"]["indicator"]) >= {"emissions", "nonfossil_share"}
    assert set(c.tables["capacity"]["scenario"]) == {"baseline", "plan", "high"}



def _measures(tmp_path):
    pv = {"name": "pv_buildout", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1500, "MW", 2030)]}}
    imports = {"name": "imports", "source": "assumption: test", "changes": {"parameters": [
        row("grid_import", "min_activity", 0, "GWh/yr", 2025),
        row("grid_import", "min_activity", 800, "GWh/yr", 2030)]}}
    both = pv["changes"]["parameters"] + imports["changes"]["parameters"]
    scen = {"m_pv": {"extends": "baseline", "parameters": pv["changes"]["parameters"]},
            "m_imp": {"extends": "baseline", "parameters": imports["changes"]["parameters"]},
            "m_both": {"extends": "baseline", "parameters": both}}
    folder = tiny_copy(tmp_path, scenarios=scen,
                       measures={"base": "baseline", "list": [pv, imports]})
    return cp.load_dataset(folder)


def test_shapley_values_of_two_measures_add_up_exactly(tmp_path):
    ds = _measures(tmp_path)
    result = measure_contributions(ds)
    assert result.method == "shapley"
    assert result.solves == 4
    # the four coalitions solved independently as ordinary scenarios
    v = {k: solve_scenario(ds, k) for k in ("baseline", "m_pv", "m_imp", "m_both")}
    e = {k: p.emissions_total["value"].to_numpy() / 1e3 for k, p in v.items()}
    phi_pv = 0.5 * ((e["baseline"] - e["m_pv"]) + (e["m_imp"] - e["m_both"]))
    phi_imp = 0.5 * ((e["baseline"] - e["m_imp"]) + (e["m_pv"] - e["m_both"]))
    by = result.by_year.pivot(index="year", columns="measure", values="abatement")
    assert by["pv_buildout"].to_numpy() == approx(phi_pv, abs=1e-9)
    assert by["imports"].to_numpy() == approx(phi_imp, abs=1e-9)
    assert result.max_relative_residual() < 1e-12
    c = {k: p.objective for k, p in v.items()}
    cost_pv = 0.5 * ((c["m_pv"] - c["baseline"]) + (c["m_both"] - c["m_imp"]))
    table = result.table.set_index("measure")
    assert table.loc["pv_buildout", "cost"] == approx(cost_pv, rel=1e-9)
    df = 1.05 ** -np.arange(7)
    assert table.loc["pv_buildout", "cost_per_tonne"] == approx(cost_pv / (phi_pv @ df))
    assert table["cost"].sum() == approx(c["m_both"] - c["baseline"], rel=1e-12)
    assert (table["note"] == "").all()


def test_a_measure_that_raises_emissions_gets_no_cost_per_tonne(tmp_path):
    # coal power forced above the 7200 GWh demand of 2030 raises emissions (the surplus is
    # lost in the battery) and costs money: no "negative cost per tonne"
    more_coal = {"name": "more_coal", "source": "assumption: test", "changes": {
        "parameters": [row("coal_power", "min_activity", 7400, "GWh/yr", 2030),
                       row("coal_power", "min_activity", 0, "GWh/yr", 2025)]}}
    folder = tiny_copy(tmp_path, measures={"base": "baseline", "list": [more_coal]})
    table = measure_contributions(cp.load_dataset(folder)).table.set_index("measure")
    assert table.loc["more_coal", "abatement_cumulative"] < 0
    assert table.loc["more_coal", "cost"] > 0
    assert np.isnan(table.loc["more_coal", "cost_per_tonne"])
    assert table.loc["more_coal", "note"].startswith("raises emissions")


def test_many_measures_fall_back_to_the_stated_order(tmp_path):
    ds = _measures(tmp_path)
    result = measure_contributions(ds, max_shapley=1)
    assert (result.method, result.solves) == ("sequential", 3)
    e = {k: solve_scenario(ds, k).emissions_total["value"].to_numpy() / 1e3
         for k in ("baseline", "m_pv", "m_both")}
    by = result.by_year.pivot(index="year", columns="measure", values="abatement")
    assert by["pv_buildout"].to_numpy() == approx(e["baseline"] - e["m_pv"], abs=1e-9)
    assert by["imports"].to_numpy() == approx(e["m_pv"] - e["m_both"], abs=1e-9)


def test_a_measure_naming_an_unknown_technology_is_refused(tmp_path):
    folder = tiny_copy(tmp_path, measures={"list": [
        {"name": "solar", "technologies": ["pv", "solar_farm"], "source": "assumption: t"}]})
    with pytest.raises(DataError) as info:
        cp.load_dataset(folder)
    (problem,) = info.value.problems
    assert problem.key == "measures.solar.technologies"
    assert problem.value == "solar_farm"


def test_levers_add_up_and_the_tiny_gap_is_the_power_sector(tmp_path):
    ds = cp.load_dataset("tiny")
    base, plan = (solve_scenario(ds, s) for s in ("baseline", "plan"))
    d = lever_decomposition(ds, base, plan).set_index("year")
    gap = (base.emissions_total.set_index("year")["value"]
           - plan.emissions_total.set_index("year")["value"])
    assert d["gap"].to_numpy() == approx(gap.to_numpy())
    assert (d["residual"].abs() / gap.abs().max()).max() < 1e-9
    # same demand and GDP in both: all of tiny's gap is the power sector's carbon intensity
    for lever in ("activity", "energy_intensity", "structure", "fuel_mix", "process"):
        assert d[lever].abs().max() < 1e-9 * gap.abs().max()
    assert d["power_carbon_intensity"].to_numpy() == approx(gap.to_numpy())


def test_a_key_given_twice_in_dataset_yaml_is_refused(tmp_path):
    # YAML keeps the last of two equal keys: a second 'plan:' would silently drop the targets
    import shutil

    from carbonpath._resources import data_path
    from carbonpath.dataset import load_dataset as load
    from carbonpath.errors import DataError as Refused

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    (folder / "dataset.yaml").write_text(text + "  plan:\n    targets: []\n", encoding="utf-8")
    with pytest.raises(Refused) as err:
        load(folder)
    assert "'plan' is given twice" in str(err.value)


@pytest.mark.parametrize("value", ["maybe", 1, "yes please"])
def test_frozen_must_be_true_or_false(tmp_path, value):
    import shutil

    import yaml as _yaml

    from carbonpath._resources import data_path
    from carbonpath.dataset import load_dataset as load
    from carbonpath.errors import DataError as Refused

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    config = _yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    config["scenarios"]["plan"]["frozen"] = value
    (folder / "dataset.yaml").write_text(_yaml.safe_dump(config), encoding="utf-8")
    with pytest.raises(Refused) as err:
        load(folder)
    assert "frozen must be true or false" in str(err.value)
