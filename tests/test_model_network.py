"""Regions and exchange: a three-region toy against an independent highspy LP.

Regions a (a coal plant), b (the load centre, a gas plant and the provincial market with
time-of-use prices and timeslice import limits) and c (a captive region: a captive plant
and its smelter, joined to b by a 40 MW link). Link a-b has losses, a tariff and may be
expanded; link c-b cannot. Targets: a cap on region a and a cap on the group public = a + b.
The base year has no demand, so the decision year 2025 is the whole LP, written out below in
MW, MWh, CNY and t (the model works in GW, GWh, MCNY and kt).
"""

from __future__ import annotations

import shutil

import highspy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbonpath import PathwayModel, load_dataset
from carbonpath.errors import DataError
from carbonpath.model.solve import compile_linear
from tests import toy

W = 365 * 12.0  # hours a year of each of the two 12-hour blocks
DEMAND_B = (600.0, 1200.0)  # MW in the two blocks (profile 1 : 2)
DEMAND_C = 300.0  # MW, flat (the smelter)
IMPORT_LIMIT = (1.0, 0.5)  # x 400 MW
TOU = (0.5, 1.5)  # x 300 CNY/MWh
CAP_A, CAP_PUBLIC = 4500.0, 6200.0  # kt CO2 in 2025


def _write(folder, targets=True, plan=None, **changes):
    """The three-region toy; ``changes`` replace tables or config keys."""
    el = "MWh/MWh"
    techs = [
        toy.tech("coal_a", region="a"),
        toy.tech("gas_b", region="b"),
        toy.tech("grid_import", region="b", kind="import", sector="transfers",
                 availability_profile="import_limit", price_profile="tou"),
        toy.tech("captive_coal", region="c"),
    ]
    params = []
    for code, cap, cost in (("coal_a", 1000, 200), ("gas_b", 2000, 500),
                            ("grid_import", 400, 300), ("captive_coal", 300, 700)):
        params += [toy.param(code, "lifetime", 30, "yr"),
                   toy.param(code, "residual_capacity", cap, "MW"),
                   toy.param(code, "variable_cost", cost, "CNY/MWh"),
                   toy.param(code, "activity", 0, "MWh/yr", 2024)]
    params += [toy.param("ab", "lifetime", 40, "yr"), toy.param("ab", "residual_capacity", 300,
                                                                "MW"),
               toy.param("ab", "capex", 1e6, "CNY/MW"), toy.param("ab", "variable_cost", 10,
                                                                  "CNY/MWh"),
               toy.param("cb", "lifetime", 40, "yr"), toy.param("cb", "residual_capacity", 40,
                                                                "MW")]
    emissions = [{"technology": code, "gas": "CO2", "basis": "activity", "value": value,
                  "unit": "t CO2/MWh"} for code, value in (("coal_a", 0.9), ("gas_b", 0.4),
                                                       ("captive_coal", 1.0))]
    emissions += [{"technology": "grid_import", "gas": "CO2", "basis": "activity", "year": y,
                   "value": v, "unit": "t CO2/MWh"} for y, v in ((2024, 0.7), (2025, 0.6))]
    profiles = [{"profile": name, "day": "day", "hour": h, "value": values[h], "unit": "1"}
                for name, values in (("import_limit", IMPORT_LIMIT), ("tou", TOU),
                                     ("load_b", (1.0, 2.0))) for h in (0, 1)]
    demands = [{"commodity": "electricity", "region": r, "year": y, "value": v,
                "unit": "MWh/yr", "profile": p}
               for r, p, annual in (("b", "load_b", sum(DEMAND_B) * W),
                                    ("c", "", DEMAND_C * 2 * W))
               for y, v in ((2024, 0), (2025, annual))]
    links = [{"link": "ab", "commodity": "electricity", "from_region": "a", "to_region": "b",
              "loss": 0.05, "capacity_unit": "MW", "activity_unit": "MWh",
              "investable": "true"},
             {"link": "cb", "commodity": "electricity", "from_region": "c", "to_region": "b",
              "loss": 0.02, "capacity_unit": "MW", "activity_unit": "MWh"}]
    caps = [{"name": "cap_a", "type": "cap", "region": "a", "value": CAP_A, "unit": "kt CO2",
             "years": [2025]},
            {"name": "cap_public", "type": "cap", "region": "public", "value": CAP_PUBLIC,
             "unit": "kt CO2", "years": [2025]}]
    if plan is None:
        plan = caps if targets else []
    tables = {
        "commodities": [toy.ELECTRICITY], "technologies": techs,
        "flows": [toy.flow(t["technology"], "electricity", "output", 1, el) for t in techs],
        "parameters": params, "demands": demands, "profiles": profiles,
        "drivers": [{"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"}],
        "emissions": emissions, "links": links,
    }
    tables.update({k: v for k, v in changes.items() if k in tables})
    config = {"regions": ["a", "b", "c"], "region_groups": {"public": ["a", "b"]}}
    config.update(changes.get("config", {}))
    return toy.write(folder, hours=2, targets=plan, config=config,
                     extra_columns={"technologies": ["region", "price_profile"],
                                    "demands": ["region"], "drivers": ["region"]},
                     **tables)


def _independent(cap_a=CAP_A, cap_public=CAP_PUBLIC, import_price=300.0):
    """The decision year as a highspy LP in MW, MWh, CNY and t; returns (solution, rows)."""
    names = [f"{v}{t}" for v in ("coal", "gas", "imp", "abf", "abb", "cbf", "cbb", "cap")
             for t in (0, 1)] + ["N"]
    j = {n: i for i, n in enumerate(names)}
    cost = np.zeros(len(names))
    upper = np.full(len(names), np.inf)
    for t in (0, 1):
        for var, price in (("coal", 200), ("gas", 500), ("imp", import_price * TOU[t]),
                           ("abf", 10),
                           ("abb", 10), ("cap", 700)):
            cost[j[f"{var}{t}"]] = W * price
        upper[j[f"coal{t}"]], upper[j[f"gas{t}"]] = 1000, 2000
        upper[j[f"imp{t}"]], upper[j[f"cap{t}"]] = 400 * IMPORT_LIMIT[t], 300
    cost[j["N"]] = 1e6 / 40  # annuity at r = 0 over 40 years, paid in 2025 only
    rows = []  # (name, {var: coeff}, lower, upper)
    for t in (0, 1):
        rows.append((f"bal_a{t}", {f"coal{t}": 1, f"abf{t}": -1, f"abb{t}": 0.95}, 0, 0))
        rows.append((f"bal_b{t}", {f"gas{t}": 1, f"imp{t}": 1, f"abf{t}": 0.95, f"abb{t}": -1,
                                   f"cbf{t}": 0.98, f"cbb{t}": -1}, DEMAND_B[t], DEMAND_B[t]))
        rows.append((f"bal_c{t}", {f"cap{t}": 1, f"cbf{t}": -1, f"cbb{t}": 0.98},
                     DEMAND_C, DEMAND_C))
        for d in ("abf", "abb"):
            rows.append((f"lim_{d}{t}", {f"{d}{t}": 1, "N": -1}, -np.inf, 300))
        for d in ("cbf", "cbb"):
            rows.append((f"lim_{d}{t}", {f"{d}{t}": 1}, -np.inf, 40))
    emis_a = {f"coal{t}": 0.9 * W for t in (0, 1)}
    emis_b = {**{f"gas{t}": 0.4 * W for t in (0, 1)}, **{f"imp{t}": 0.6 * W for t in (0, 1)}}
    rows.append(("cap_a", emis_a, -np.inf, cap_a * 1e3))
    rows.append(("cap_public", {**emis_a, **emis_b}, -np.inf, cap_public * 1e3))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.addVars(len(names), np.zeros(len(names)), upper)
    h.changeColsCost(len(names), np.arange(len(names), dtype=np.int32), cost)
    for _, coeffs, lo, up in rows:
        idx = np.array([j[v] for v in coeffs], dtype=np.int32)
        h.addRow(lo, up, len(idx), idx, np.array(list(coeffs.values()), dtype=float))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    sol = h.getSolution()
    x = dict(zip(names, sol.col_value, strict=True))
    duals = {r[0]: d for r, d in zip(rows, sol.row_dual, strict=True)}
    emissions = {"a": sum(c * x[v] for v, c in emis_a.items()) / 1e3,
                 "b": sum(c * x[v] for v, c in emis_b.items()) / 1e3,
                 "c": sum(1.0 * W * x[f"cap{t}"] for t in (0, 1)) / 1e3}
    return x, duals, h.getInfo().objective_function_value, emissions


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = _write(tmp_path_factory.mktemp("net") / "net")
    model = PathwayModel(load_dataset(folder), scenario="plan")
    return model, model.solve()


def test_two_links_a_market_and_two_regional_targets_match_an_independent_lp(solved):
    model, pathway = solved
    x, duals, objective, emissions = _independent()
    # the test's own design: both targets, the captive link and the import limit bind
    assert duals["cap_a"] < -1
    assert duals["cap_public"] < -1
    assert x["cbb0"] == pytest.approx(40)
    assert duals["lim_cbb0"] < -1
    assert x["imp0"] == pytest.approx(400)
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    links = pathway.links.set_index(["link", "year"])
    # annual flows, MWh -> GWh where they leave; the backward direction of c-b is b -> c
    assert links.loc[("ab", 2025), "forward"] == pytest.approx(W * (x["abf0"] + x["abf1"])
                                                               / 1e3, rel=1e-9, abs=1e-9)
    assert links.loc[("cb", 2025), "backward"] == pytest.approx(
        W * (x["cbb0"] + x["cbb1"]) / 1e3, rel=1e-9)
    assert links.loc[("cb", 2025), "delivered"] == pytest.approx(
        0.98 * W * (x["cbf0"] + x["cbf1"] + x["cbb0"] + x["cbb1"]) / 1e3, rel=1e-9)
    assert links.loc[("ab", 2025), "capacity"] == pytest.approx((300 + x["N"]) / 1e3,
                                                                rel=1e-9)
    regional = pathway.emissions_region.set_index(["region", "year"])
    for r in ("a", "b", "c"):
        assert regional.loc[(r, 2025), "value"] == pytest.approx(emissions[r], rel=1e-9,
                                                                 abs=1e-9)
    assert regional.loc[("public", 2025), "value"] == pytest.approx(CAP_PUBLIC, rel=1e-9)
    # the marginal cost of emissions in a region a target names: CNY/t, positive
    assert regional.loc[("a", 2025), "marginal_cost"] == pytest.approx(-duals["cap_a"],
                                                                       rel=1e-7)
    assert pathway.emissions_in(2025) == pytest.approx(sum(emissions.values()), rel=1e-9)
    # indicators by region add up to the total
    energy = regional[regional["kind"] == "region"].groupby("year")["energy"].sum()
    total = pathway.energy.set_index("year")["total"]
    assert energy[2025] == pytest.approx(total[2025], rel=1e-12)
    assert regional.loc[("c", 2025), "energy"] == 0  # the captive plant burns no input fuel
    # duals: CNY per t of the independent LP = 1000 x MCNY per kt of the model (r = 0)
    d = pathway.duals.set_index(["target", "year"])
    assert d.loc[("cap_a", 2025), "shadow_price"] == pytest.approx(-duals["cap_a"], rel=1e-7)
    assert d.loc[("cap_public", 2025), "shadow_price"] == pytest.approx(
        -duals["cap_public"], rel=1e-7)
    # the captive link's capacity binds b -> c in the night block: its row dual in CNY per
    # MW (= MCNY per GW), zero in the day block where it does not bind
    m, h = model.model, model.highs
    for t in (0, 1):
        rent = h.dual(model.last_result, m.link_limit["cb~back", 2025, t])
        assert rent * 1e3 == pytest.approx(duals[f"lim_cbb{t}"], rel=1e-7, abs=1e-3)
    # time-of-use prices and import limits: the market's timeslice flows
    dispatch = pathway.dispatch.set_index(["technology", "year", "hour"])["value"]
    for t in (0, 1):
        assert dispatch[("grid_import", 2025, t)] * 1e3 == pytest.approx(x[f"imp{t}"],
                                                                          abs=1e-6)
        assert x[f"imp{t}"] <= 400 * IMPORT_LIMIT[t] + 1e-9


def test_results_carry_regions_and_split_balance_keys(solved):
    _, pathway = solved
    cap = pathway.capacity.drop_duplicates("technology").set_index("technology")["region"]
    assert cap["coal_a"] == "a"
    assert cap["captive_coal"] == "c"
    assert cap["ab"] == "a"
    balances = pathway.balances
    assert set(balances["commodity"]) == {"electricity"}
    assert set(balances["region"]) == {"a", "b", "c"}
    c = balances[(balances["region"] == "c") & (balances["year"] == 2025)].iloc[0]
    assert c["demand"] == pytest.approx(DEMAND_C * 2 * W / 1e3)
    assert abs(c["surplus"]) < 1e-6
    # the captive region: its plant and the 40 MW link serve the smelter, nothing else
    x, _, _, _ = _independent()
    captive = pathway.activity.set_index(["technology", "year"])["value"]
    assert captive[("captive_coal", 2025)] == pytest.approx(
        (2 * DEMAND_C - 0.98 * (x["cbb0"] + x["cbb1"])) * W / 1e3, rel=1e-9)


def test_without_the_targets_the_cheapest_exchange_is_reproduced(tmp_path):
    folder = _write(tmp_path / "free", targets=False)
    pathway = PathwayModel(load_dataset(folder), scenario="plan").solve()
    x, duals, objective, _ = _independent(cap_a=1e9, cap_public=1e9)
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    # by hand: delivered coal power costs (200 + 10) / 0.95 = 221 CNY/MWh in b, less than
    # gas (500) and peak imports (450), and one MW more of a-b saves far more than its
    # 25,000 CNY a year: a-b grows until coal a runs at its 1000 MW in the peak block; the
    # smelter (700 CNY/MWh captive power) takes the full 40 MW of c-b in both blocks
    assert x["coal1"] == pytest.approx(1000)
    assert x["N"] == pytest.approx(700)
    assert x["cbb0"] == pytest.approx(40)
    assert x["cbb1"] == pytest.approx(40)
    links = pathway.links.set_index(["link", "year"])
    assert links.loc[("ab", 2025), "capacity"] == pytest.approx(1.0, rel=1e-9)  # GW
    assert links.loc[("cb", 2025), "backward"] == pytest.approx(W * 80 / 1e3, rel=1e-9)
    assert duals["lim_cbb0"] < 0
    assert duals["lim_cbb1"] < 0


def test_a_new_market_price_keeps_its_time_of_use_shape_in_a_warm_re_solve(solved):
    from carbonpath import Q_

    model, _ = solved
    model.update(technology="grid_import", parameter="variable_cost",
                 value=Q_(400, "CNY/MWh"))
    try:
        again = model.solve()
        _, _, objective, _ = _independent(import_price=400.0)
        assert again.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    finally:
        model.update(technology="grid_import", parameter="variable_cost",
                     value=Q_(300, "CNY/MWh"))


def coal_link_case(tmp_path, demand_2025=100000, parameters=()):
    """Two regions: coal from a (500 CNY/t) to b (700 CNY/t locally) over an 80 kt/yr link
    losing 10 %; b's demand is 0 in 2024 and ``demand_2025`` t/yr in 2025 (a blank region is
    the first region of dataset.yaml: b); ``parameters``: more parameters.csv rows."""
    from tests import toy

    coal = {"commodity": "coal", "unit": "t", "balance": "annual", "kind": "fuel",
            "fuel": "raw_coal"}
    techs = [toy.tech(code, region=region, kind="import", level="annual", sector="transfers",
                      capacity_unit="t/yr", activity_unit="t")
             for code, region in (("coal_a", "a"), ("coal_b", "b"))]
    return toy.write(
        tmp_path / "coal", config={"regions": ["b", "a"]},
        extra_columns={"technologies": ["region"], "demands": ["region"]},
        commodities=[coal], technologies=techs,
        flows=[toy.flow(t["technology"], "coal", "output", 1, "t/t") for t in techs],
        parameters=[toy.param("coal_a", "variable_cost", 500, "CNY/t"),
                    toy.param("coal_b", "variable_cost", 700, "CNY/t"),
                    toy.param("coal_link", "lifetime", 40, "yr"),
                    toy.param("coal_link", "residual_capacity", 80000, "t/yr"),
                    toy.param("coal_link", "variable_cost", 20, "CNY/t"), *parameters],
        demands=[{"commodity": "coal", "year": y, "value": v, "unit": "t/yr"}
                 for y, v in ((2024, 0), (2025, demand_2025))],
        links=[{"link": "coal_link", "commodity": "coal", "from_region": "a",
                "to_region": "b", "bidirectional": "false", "loss": 0.1,
                "capacity_unit": "t/yr", "activity_unit": "t"}])


def test_an_annual_link_by_hand(tmp_path):
    """Coal from a (500 CNY/t) to b (700 CNY/t locally) over an 80 kt/yr link, 10 % loss."""
    folder = coal_link_case(tmp_path)
    model = PathwayModel(load_dataset(folder), scenario="baseline")
    pathway = model.solve()
    # by hand: delivered (500 + 20) / 0.9 = 578 < 700 CNY/t, so the link runs full: 80 kt
    # leave a, 72 kt arrive in b, and b buys the other 28 kt itself
    assert pathway.objective == pytest.approx((80e3 * 520 + 28e3 * 700) / 1e6, rel=1e-9)
    link = pathway.links.set_index("year").loc[2025]
    assert link["forward"] == pytest.approx(80.0)
    assert link["delivered"] == pytest.approx(72.0)
    assert link["losses"] == pytest.approx(8.0)
    # one kt/yr more of link saves 0.9 x 700 - 520 = 110 kCNY: the row's dual, MCNY per kt
    dual = model.highs.dual(model.last_result, model.model.link_limit_annual["coal_link", 2025])
    assert dual == pytest.approx(-0.11, rel=1e-9)


def _lp(model):
    lp = compile_linear(model.model)
    return lp, [v.name for v in lp.columns], [c.name for c in lp.rows]


def test_a_one_region_dataset_with_explicit_regions_builds_the_same_lp(tmp_path):
    import yaml

    copy = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, copy)
    config = yaml.safe_load((copy / "dataset.yaml").read_text(encoding="utf-8"))
    config["regions"] = ["tiny"]
    (copy / "dataset.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for table in ("technologies", "demands"):
        lines = (copy / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        lines = [lines[0] + ",region"] + [line + ",tiny" for line in lines[1:]]
        (copy / f"{table}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before, names_b, rows_b = _lp(PathwayModel("tiny", scenario="plan"))
    after, names_a, rows_a = _lp(PathwayModel(load_dataset(copy), scenario="plan"))
    assert names_a == names_b
    assert rows_a == rows_b
    assert (before.matrix() != after.matrix()).nnz == 0
    for attr in ("lower", "upper", "cost"):
        np.testing.assert_array_equal(getattr(before, attr), getattr(after, attr))
    assert before.offset == after.offset
    # and results keep their one-region shape: no region column, no regional tables
    pathway = PathwayModel(load_dataset(copy), scenario="plan").solve()
    assert "region" not in pathway.capacity
    assert "emissions_region" not in pathway.tables


@pytest.mark.parametrize(("change", "where"), [
    ({"links": [{"link": "ab", "commodity": "electricity", "from_region": "a",
                 "to_region": "x", "capacity_unit": "MW", "activity_unit": "MWh"}]},
     ("links.csv", 2, "to_region")),
    ({"technologies": [toy.tech("coal_a", region="nowhere")]},
     ("technologies.csv", 2, "region")),
    ({"links": [{"link": "ab", "commodity": "electricity", "from_region": "a",
                 "to_region": "b", "loss": 1.0, "capacity_unit": "MW",
                 "activity_unit": "MWh"}]}, ("links.csv", 2, "loss")),
    ({"links": [{"link": "ab", "commodity": "electricity", "from_region": "a",
                 "to_region": "b", "capacity_unit": "t/yr", "activity_unit": "MWh"}]},
     ("links.csv", 2, "capacity_unit")),
    ({"emissions": [{"technology": "ab", "gas": "CO2", "basis": "activity", "value": 0.1,
                     "unit": "t CO2/MWh"}]}, ("emissions.csv", 2, "technology")),
])
def test_unknown_regions_in_tables_name_file_row_and_column(tmp_path, change, where):
    folder = _write(tmp_path / "bad", targets=False, **change)
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    found = [(p.file, p.row, p.column) for p in info.value.problems]
    assert where in found, found


def test_a_group_of_unknown_regions_is_refused(tmp_path):
    folder = _write(tmp_path / "bad", targets=False,
                    config={"region_groups": {"public": ["a", "d"]}})
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    problem = info.value.problems[0]
    assert (problem.file, problem.key, problem.value) == ("dataset.yaml",
                                                          "region_groups.public", "d")


def test_a_target_on_an_unknown_region_names_its_key(tmp_path):
    folder = _write(tmp_path / "bad")
    plan = (folder / "plan.yaml").read_text(encoding="utf-8").replace("region: public",
                                                                      "region: pubic")
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    problem = next(p for p in info.value.problems if p.key and p.key.endswith(".region"))
    assert problem.file == "plan.yaml"
    assert problem.value == "pubic"
    assert "public" in problem.valid


def _plate(folder, demand, coal_mw, regions):
    """Coal (region a) and gas with the load (region b), or both in one region."""
    el = "MWh/MWh"
    where = {"coal": "a", "gas": "b"} if regions else {"coal": "", "gas": ""}
    techs = [toy.tech(code, region=where[code]) for code in ("coal", "gas")]
    params = []
    for code, cap, cost in (("coal", coal_mw, 200), ("gas", 4000, 500)):
        params += [toy.param(code, "lifetime", 30, "yr"),
                   toy.param(code, "residual_capacity", cap, "MW"),
                   toy.param(code, "variable_cost", cost, "CNY/MWh"),
                   toy.param(code, "activity", 0, "MWh/yr", 2024)]
    tables = {
        "commodities": [toy.ELECTRICITY], "technologies": techs,
        "flows": [toy.flow(t["technology"], "electricity", "output", 1, el) for t in techs],
        "parameters": params,
        "profiles": [{"profile": "load", "day": "day", "hour": h, "value": demand[h],
                      "unit": "1"} for h in (0, 1)],
        "demands": [{"commodity": "electricity", "region": where["gas"], "year": y,
                     "value": v, "unit": "MWh/yr", "profile": "load"}
                    for y, v in ((2024, 0), (2025, sum(demand) * W))],
    }
    if regions:  # a copper plate: lossless, free and unlimited both ways
        tables["links"] = [{"link": "ab", "commodity": "electricity", "from_region": "a",
                            "to_region": "b", "capacity_unit": "MW", "activity_unit": "MWh"}]
    return toy.write(folder, hours=2, config={"regions": ["a", "b"]} if regions else {},
                     extra_columns={"technologies": ["region"], "demands": ["region"]},
                     **tables)


@settings(deadline=None, max_examples=8)
@given(st.lists(st.floats(min_value=1.0, max_value=3000.0), min_size=2, max_size=2),
       st.floats(min_value=0.0, max_value=2000.0))
def test_two_regions_on_a_copper_plate_cost_what_one_region_costs(demand, coal_mw):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        one = PathwayModel(load_dataset(_plate(Path(tmp) / "one", demand, coal_mw, False)),
                           scenario="baseline").solve()
        two = PathwayModel(load_dataset(_plate(Path(tmp) / "two", demand, coal_mw, True)),
                           scenario="baseline").solve()
    assert two.objective == pytest.approx(one.objective, rel=1e-9, abs=1e-9)
    # by hand: coal runs up to its capacity in each block, gas takes the rest
    coal = sum(min(x, coal_mw) for x in demand) * W
    assert one.objective == pytest.approx((200 * coal + 500 * (sum(demand) * W - coal)) / 1e6,
                                          rel=1e-9)


def test_a_counted_link_brings_its_imports_under_the_receiving_regions_cap(tmp_path):
    """One block, load 1000 MW in b; coal (a, 0.9 t/MWh, 200 CNY/MWh, 1000 MW) reaches b
    over a counted link with 5 % loss, gas (b, 0.4 t/MWh, 500 CNY/MWh) makes the rest; the
    grid factor is 0.6 t/MWh, and b's emissions are capped at 4000 kt."""
    el, hours = "MWh/MWh", 8760.0
    techs = [toy.tech("coal", region="a"), toy.tech("gas", region="b")]
    params = []
    for code, cap, cost in (("coal", 1000, 200), ("gas", 4000, 500)):
        params += [toy.param(code, "lifetime", 30, "yr"),
                   toy.param(code, "residual_capacity", cap, "MW"),
                   toy.param(code, "variable_cost", cost, "CNY/MWh"),
                   toy.param(code, "activity", 0, "MWh/yr", 2024)]
    folder = toy.write(
        tmp_path / "counted", config={"regions": ["a", "b"]},
        extra_columns={"technologies": ["region"], "demands": ["region"]},
        commodities=[toy.ELECTRICITY], technologies=techs, parameters=params,
        flows=[toy.flow(t["technology"], "electricity", "output", 1, el) for t in techs],
        emissions=[{"technology": c, "gas": "CO2", "basis": "activity", "value": v,
                    "unit": "t CO2/MWh"} for c, v in (("coal", 0.9), ("gas", 0.4))],
        drivers=[{"driver": "grid_emission_factor", "value": 0.6, "unit": "t CO2/MWh"}],
        demands=[{"commodity": "electricity", "region": "b", "year": y, "value": v,
                  "unit": "MWh/yr"} for y, v in ((2024, 0), (2025, 1000 * hours))],
        links=[{"link": "ab", "commodity": "electricity", "from_region": "a",
                "to_region": "b", "loss": 0.05, "capacity_unit": "MW",
                "activity_unit": "MWh", "counted": "true"}],
        targets=[{"name": "cap_b", "type": "cap", "region": "b", "value": 4000,
                  "unit": "kt CO2", "years": [2025]}])
    pathway = PathwayModel(load_dataset(folder), scenario="plan").solve()
    # by hand, MW: gas g + arriving r = 1000 and 0.4 g + 0.6 r <= 4e6 / 8760, so
    # r = (4e6 / 8760 - 400) / 0.2 (binding: without the cap r would be 950)
    arrives = (4e6 / hours - 400.0) / 0.2
    coal, gas = arrives / 0.95, 1000.0 - arrives
    assert pathway.objective == pytest.approx(hours * (200 * coal + 500 * gas) / 1e6, rel=1e-9)
    regional = pathway.emissions_region.set_index(["region", "year"])["value"]
    assert regional[("b", 2025)] == pytest.approx(4000.0, rel=1e-9)
    # a subtracts what it sends at the grid factor: the regions add up to the total
    assert regional[("a", 2025)] == pytest.approx(hours * (0.9 * coal - 0.6 * arrives) / 1e3,
                                                  rel=1e-9)
    assert regional[("a", 2025)] + regional[("b", 2025)] == pytest.approx(
        pathway.emissions_in(2025), rel=1e-9)


def test_the_cli_summary_shows_emissions_by_region(solved, tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    folder = _write(tmp_path / "cli")
    result = CliRunner().invoke(app, ["optimise", str(folder), "--scenario", "plan"])
    assert result.exit_code == 0, result.output
    assert "Emissions by region" in result.output
    line = [x for x in result.output.splitlines() if x.strip("│ ").startswith("2025")][-1]
    regional = solved[1].emissions_region
    for region in ("a", "b", "c", "public"):
        value = regional[(regional["region"] == region) & (regional["year"] == 2025)]["value"]
        assert f"{float(value.iloc[0]) / 1e3:,.2f}" in line


def test_an_infeasible_regional_cap_is_diagnosed_on_the_regions_emissions(tmp_path):
    from carbonpath.errors import InfeasibleError

    cap = {"name": "cap_c", "type": "cap", "region": "c", "value": 100, "unit": "kt CO2",
           "years": [2025]}
    folder = _write(tmp_path / "infeasible", plan=[cap])
    with pytest.raises(InfeasibleError) as info:
        PathwayModel(load_dataset(folder), scenario="plan").solve()
    row = info.value.diagnosis.set_index("target").loc["cap_c"]
    # by hand: the smelter's 300 MW less the 40 MW link (98 % arrives) at 1 t/MWh
    least = (DEMAND_C - 0.98 * 40) * 2 * W / 1e6  # Mt
    assert float(row["reachable"]) == pytest.approx(least, abs=5e-4)
    assert row["shortfall"] == pytest.approx(least * 1e3 - 100, rel=1e-6)


def test_a_regional_intensity_target_is_a_cap_on_the_regions_emissions_per_gdp(tmp_path):
    # 0.9 x 0.5 t/万元 x 1000 亿元 = 4.5 Mt: the cap on region a, written as an intensity
    intensity = {"name": "cap_a", "type": "emission_intensity", "region": "a",
                 "year": 2025, "relative_to": 2020, "value": 0.1,
                 "reference": {"value": 0.5, "unit": "t CO2/万元"}}
    public = {"name": "cap_public", "type": "cap", "region": "public", "value": CAP_PUBLIC,
              "unit": "kt CO2", "years": [2025]}
    drivers = [{"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"},
               {"driver": "gdp", "region": "a", "value": 1000, "unit": "亿元"}]
    folder = _write(tmp_path / "intensity", plan=[intensity, public], drivers=drivers)
    pathway = PathwayModel(load_dataset(folder), scenario="plan").solve()
    _, duals, objective, _ = _independent()
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    shadow = pathway.duals.set_index(["target", "year"]).loc[("cap_a", 2025), "shadow_price"]
    assert shadow == pytest.approx(-duals["cap_a"], rel=1e-7)  # CNY/t, as the cap's
    regional = pathway.emissions_region.set_index(["region", "year"])
    assert regional.loc[("a", 2025), "gdp"] == pytest.approx(1e5)  # MCNY
    assert regional.loc[("a", 2025), "carbon_intensity"] == pytest.approx(0.045, rel=1e-9)
    # a region without its gdp cannot carry an intensity target
    folder = _write(tmp_path / "no_gdp", plan=[dict(intensity, region="b")], drivers=drivers)
    with pytest.raises(DataError, match="needs the gdp of region 'b'"):
        PathwayModel(load_dataset(folder), scenario="plan")


def test_the_regional_families_compile_as_pyomos_standard_form(solved):
    from tests.test_model_compile import assert_same

    model, _ = solved
    # two links, both ways, in both years and both blocks; a and public have a definition
    assert len(model.model.link_limit) == 2 * 2 * 2 * 2
    assert len(model.model.regional_emission_definition) == 2 * 2
    assert_same(model.model)
