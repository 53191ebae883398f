"""The 15th FYP energy indicators on a group of regions, against an independent highspy LP.

Regions a, b and c, one timeslice a year (W = 8760 h), the group public = a + b:

* a: a coal plant (800 MW, 200 CNY/MWh, 0.3 t raw coal / MWh bought in a) and PV (200 MW at
  availability 0.5, free), both sending their output to b over link a-b (loss 5 %);
* b: the load centre (1000 MW), the provincial market (up to 600 MW at 300 CNY/MWh, 30 %
  non-fossil) and a gas plant (2000 MW, 500 CNY/MWh) whose fuel the toy leaves out (no
  energy);
* c: a captive coal plant (300 MW, 150 CNY/MWh, 0.3 t/MWh) for its smelter (200 MW) with a
  100 MW link to b (loss 2 %), and an ammonia plant using 1.5 t of coal per t as feedstock
  (100 kt of ammonia a year).

Energy counts where the fuel enters a region: raw coal at 0.7143 tce/t (GB/T 2589-2020,
Appendix A), primary electricity (PV, imports) at the calorific equivalent 0.1229 tce/MWh
(the dataset's convention, GB/T 2589-2020) or, for ``nonfossil_share_convention`` with
``coal_consumption``, at the thermal-power coal rate 300 gce/kWh = 0.3 tce/MWh.

The base year 2024 is observed: PV 100 MW, coal 700 MW, imports 100 MW, gas 42 MW, the
captive plant 300 MW (100 MW to b), so b gets 0.95 x 800 + 0.98 x 100 + 100 + 42 = 1000 MW.
GDP (亿元): a 100 -> 106, b 300 -> 312, c 50 -> 60; public grows by 418 / 400.

Two scenarios, each with one target in 2025 on public, written out below in MW, tce and CNY
(the model: GW, ktce, MCNY):

* ``share``: ``nonfossil_share_convention`` (coal-consumption method) >= 20 %;
* ``adjusted``: ``energy_intensity_adjusted`` 20 % below 2024 (feedstock and new non-fossil
  energy excluded).

Both bind by design, and each counts c (coal, feedstock) only if the region filter is lost,
so objective, dispatch and dual are checked against the independent LP. An infeasible cut is
diagnosed as the best cut public can reach, by hand.
"""

from __future__ import annotations

import highspy
import numpy as np
import pytest

from carbonpath import InfeasibleError, PathwayModel, load_dataset
from carbonpath.errors import DataError
from tests import toy

W = 8760.0  # hours in the year's one timeslice
TCE_COAL = 0.7143  # tce per t raw coal (GB/T 2589-2020, Appendix A)
CONV = 0.1229  # tce per MWh: calorific equivalent (GB/T 2589-2020)
RATE = 0.300  # tce per MWh: thermal-power coal rate 300 gce/kWh (drivers.csv)
COAL = 0.3  # t raw coal per MWh of both coal plants
GRID_NF = 0.3  # non-fossil share of the market's electricity
SHARE, CUT = 0.20, 0.20
GDP = {"a": (100.0, 106.0), "b": (300.0, 312.0), "c": (50.0, 60.0)}  # 亿元, 2024 and 2025
OBSERVED = {"coal_a": 700.0, "pv_a": 100.0, "grid_import": 100.0, "gas_b": 42.0,
            "captive_coal": 300.0, "ab": 800.0, "cb": 100.0}  # MW in 2024
AMMONIA = 100.0  # kt a year
FEED = 1.5  # t coal per t ammonia (feedstock)
COST = {"coal_a": 200.0, "grid_import": 300.0, "gas_b": 500.0, "captive_coal": 150.0}

#: The toy's PV runs 1.0 for 12 h a day (4,380 full-load hours, round numbers for the hand
#: LP); a real solar profile would warn of it (round 25, MA34), this one is meant.
pytestmark = pytest.mark.filterwarnings(
    "ignore::carbonpath.dataset.profile_keys.AvailabilityProfileWarning")

TARGETS = [
    {"name": "share_public", "type": "nonfossil_share_convention", "region": "public",
     "year": 2025, "value": SHARE, "convention": "coal_consumption"},
    {"name": "adjusted_public", "type": "energy_intensity_adjusted", "region": "public",
     "year": 2025, "relative_to": 2024, "value": CUT},
]


def _dataset(folder, targets=TARGETS, cut=CUT):
    targets = [dict(t, value=cut) if t["type"] == "energy_intensity_adjusted" else t
               for t in targets]
    annual = {"level": "annual", "capacity_unit": "kt/yr", "activity_unit": "kt"}
    techs = [toy.tech("coal_a", region="a"),
             toy.tech("pv_a", region="a", sector="solar_power", nonfossil="true",
                      availability_profile="sun"),
             toy.tech("coal_supply_a", region="a", kind="import", sector="transfers", **annual),
             toy.tech("grid_import", region="b", kind="import", sector="transfers"),
             toy.tech("gas_b", region="b"),
             toy.tech("captive_coal", region="c"),
             toy.tech("coal_supply_c", region="c", kind="import", sector="transfers", **annual),
             toy.tech("ammonia_c", region="c", sector="chemicals", **annual)]
    el = "MWh/MWh"
    flows = [toy.flow(t, "electricity", "output", 1, el)
             for t in ("coal_a", "pv_a", "grid_import", "gas_b", "captive_coal")]
    flows += [toy.flow("coal_a", "coal", "input", COAL, "t/MWh"),
              toy.flow("captive_coal", "coal", "input", COAL, "t/MWh"),
              toy.flow("coal_supply_a", "coal", "output", 1, "kt/kt"),
              toy.flow("coal_supply_c", "coal", "output", 1, "kt/kt"),
              toy.flow("ammonia_c", "ammonia", "output", 1, "kt/kt"),
              toy.flow("ammonia_c", "coal", "input", FEED, "kt/kt", use="feedstock")]
    params = []
    for code, cap in (("coal_a", 800), ("pv_a", 200), ("grid_import", 600), ("gas_b", 2000),
                      ("captive_coal", 300)):
        params += [toy.param(code, "lifetime", 30, "yr"),
                   toy.param(code, "residual_capacity", cap, "MW"),
                   toy.param(code, "activity", OBSERVED[code] * W, "MWh/yr", 2024)]
    params += [toy.param(code, "variable_cost", cost, "CNY/MWh") for code, cost in COST.items()]
    # the toy's coal is free, said so (an import without a price row is refused: R87/R88)
    params += [toy.param(code, "variable_cost", 0, "CNY/kt")
               for code in ("coal_supply_a", "coal_supply_c")]
    params += [toy.param("ammonia_c", "lifetime", 30, "yr"),
               toy.param("ammonia_c", "residual_capacity", 200, "kt/yr"),
               toy.param("ammonia_c", "activity", AMMONIA, "kt/yr", 2024),
               toy.param("coal_supply_a", "activity", COAL * OBSERVED["coal_a"] * W / 1e3,
                         "kt/yr", 2024),
               toy.param("coal_supply_c", "activity",
                         COAL * OBSERVED["captive_coal"] * W / 1e3 + FEED * AMMONIA, "kt/yr",
                         2024)]
    for link, cap in (("ab", 1000), ("cb", 100)):
        params += [toy.param(link, "lifetime", 40, "yr"),
                   toy.param(link, "residual_capacity", cap, "MW"),
                   toy.param(link, "activity", OBSERVED[link] * W, "MWh/yr", 2024)]
    demands = [{"commodity": "electricity", "region": r, "year": y, "value": mw * W,
                "unit": "MWh/yr"} for r, mw in (("b", 1000.0), ("c", 200.0))
               for y in (2024, 2025)]
    demands += [{"commodity": "ammonia", "region": "c", "year": y, "value": AMMONIA,
                 "unit": "kt/yr"} for y in (2024, 2025)]
    links = [{"link": "ab", "commodity": "electricity", "from_region": "a", "to_region": "b",
              "bidirectional": "false", "loss": 0.05, "capacity_unit": "MW",
              "activity_unit": "MWh"},
             {"link": "cb", "commodity": "electricity", "from_region": "c", "to_region": "b",
              "bidirectional": "false", "loss": 0.02, "capacity_unit": "MW",
              "activity_unit": "MWh"}]
    drivers = [{"driver": "grid_nonfossil_share", "value": GRID_NF, "unit": "1"},
               {"driver": "grid_emission_factor", "value": 0.6, "unit": "t CO2/MWh"},
               {"driver": "thermal_power_coal_rate", "value": RATE * 1e3, "unit": "gce/kWh"}]
    drivers += [{"driver": "gdp", "region": r, "year": 2024 + i, "value": v, "unit": "亿元"}
                for r, values in GDP.items() for i, v in enumerate(values)]
    coal = {"commodity": "coal", "unit": "kt", "balance": "annual", "kind": "fuel",
            "fuel": "raw_coal"}
    ammonia = {"commodity": "ammonia", "unit": "kt", "balance": "annual", "kind": "material"}
    profiles = [{"profile": "sun", "day": "day", "hour": 0, "value": 0.5, "unit": "1"}]
    scenarios = {"baseline": {"targets": []}}
    scenarios.update({t["name"]: {"targets": [t["name"]]} for t in targets})
    return toy.write(folder, hours=1, commodities=[toy.ELECTRICITY, coal, ammonia],
                     technologies=techs, flows=flows, parameters=params, demands=demands,
                     drivers=drivers, links=links, profiles=profiles, targets=targets,
                     scenarios=scenarios,
                     config={"regions": ["a", "b", "c"], "region_groups": {"public": ["a", "b"]}},
                     extra_columns={"technologies": ["region"], "demands": ["region"],
                                    "drivers": ["region"]})


def _base_cost() -> float:
    """CNY of the observed year 2024 (fixed activities x variable costs)."""
    return sum(W * OBSERVED[code] * cost for code, cost in COST.items())


def _public_2024() -> tuple[float, float]:
    """Energy and non-fossil energy of public in 2024, tce (calorific equivalent)."""
    o = OBSERVED
    energy = W * (CONV * (o["pv_a"] + o["grid_import"]) + COAL * TCE_COAL * o["coal_a"])
    return energy, W * CONV * (o["pv_a"] + GRID_NF * o["grid_import"])


def _independent(target: str):
    """2025 as a highspy LP in MW (x W for MWh), tce and CNY: (x, the target's dual, cost)."""
    names = ["coal", "pv", "ab", "imp", "gas", "cap", "cb"]
    j = {n: i for i, n in enumerate(names)}
    cost = np.zeros(len(names))
    for var, code in (("coal", "coal_a"), ("imp", "grid_import"), ("gas", "gas_b"),
                      ("cap", "captive_coal")):
        cost[j[var]] = W * COST[code]
    upper = np.array([800, 100, 1000, 600, 2000, 300, 100], dtype=float)
    rows = [({"coal": 1, "pv": 1, "ab": -1}, 0.0, 0.0),  # a
            ({"imp": 1, "gas": 1, "ab": 0.95, "cb": 0.98}, 1000.0, 1000.0),  # b
            ({"cap": 1, "cb": -1}, 200.0, 200.0)]  # c
    if target == "share":
        # NF' - s TE' >= 0 on public: PV and imports at the coal rate, a's coal at 0.7143
        rows.append(({"pv": W * RATE * (1 - SHARE), "imp": W * RATE * (GRID_NF - SHARE),
                      "coal": -W * SHARE * COAL * TCE_COAL}, 0.0, np.inf))
    else:
        # TE(2025) - (1-x) g TE(2024) - (NF(2025) - NF(2024)) <= 0 on public (no feedstock)
        g = (GDP["a"][1] + GDP["b"][1]) / (GDP["a"][0] + GDP["b"][0])
        te0, nf0 = _public_2024()
        rows.append(({"imp": W * CONV * (1 - GRID_NF), "coal": W * COAL * TCE_COAL},
                     -np.inf, (1 - CUT) * g * te0 - nf0))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.addVars(len(names), np.zeros(len(names)), upper)
    h.changeColsCost(len(names), np.arange(len(names), dtype=np.int32), cost)
    for coeffs, lo, up in rows:
        idx = np.array([j[v] for v in coeffs], dtype=np.int32)
        h.addRow(lo, up, len(idx), idx, np.array(list(coeffs.values()), dtype=float))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    sol = h.getSolution()
    x = dict(zip(names, sol.col_value, strict=True))
    return x, sol.row_dual[-1], h.getInfo().objective_function_value + _base_cost()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return _dataset(tmp_path_factory.mktemp("indicators") / "indicators")


@pytest.mark.parametrize(("scenario", "target"), [("share_public", "share"),
                                                  ("adjusted_public", "adjusted")])
def test_regional_indicator_matches_an_independent_lp(folder, scenario, target):
    pathway = PathwayModel(load_dataset(folder), scenario=scenario).solve()
    x, dual, objective = _independent(target)
    # the test's own design: the target binds, and shifts a's coal to the market's imports
    assert abs(dual) > 1.0
    assert x["coal"] < 800 - 1
    assert x["imp"] > 47 + 1
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    dispatch = pathway.dispatch.set_index(["technology", "year", "hour"])["value"]
    for code, var in (("coal_a", "coal"), ("grid_import", "imp"), ("gas_b", "gas"),
                      ("captive_coal", "cap")):
        assert dispatch[(code, 2025, 0)] * 1e3 == pytest.approx(x[var], abs=1e-6)  # GW -> MW
    row = pathway.duals.set_index(["target", "year"]).loc[(scenario, 2025)]
    # CNY per tce of the independent row = the model's shadow price (r = 0); signed so that
    # a binding limit is positive: >= rows keep HiGHS's sign, <= rows flip it
    expected = dual if target == "share" else -dual
    assert row["shadow_price"] == pytest.approx(expected, rel=1e-7)
    assert row["shadow_price_unit"] == "CNY/tce"


def test_an_infeasible_regional_cut_is_diagnosed_as_the_regions_best_cut(tmp_path):
    # public's fossil energy TE - NF can fall to 0 in 2025 (gas, whose fuel the toy leaves
    # out, replaces a's coal and the imports), so the row holds while
    # 0 <= (1-x) g TE(2024) - NF(2024): the best cut is 1 - NF(2024) / (g TE(2024))
    folder = _dataset(tmp_path / "cut", targets=TARGETS[1:], cut=0.95)
    te0, nf0 = _public_2024()
    g = (GDP["a"][1] + GDP["b"][1]) / (GDP["a"][0] + GDP["b"][0])
    best = 1 - nf0 / (g * te0)
    assert best < 0.95
    with pytest.raises(InfeasibleError) as err:
        PathwayModel(load_dataset(folder), scenario="adjusted_public").solve()
    row = err.value.diagnosis.set_index("target").loc["adjusted_public"]
    assert row["reachable_value"] == pytest.approx(best, rel=1e-5)


@pytest.mark.parametrize("kind", ["nonfossil_share_convention", "energy_intensity_adjusted"])
def test_an_indicator_on_an_unknown_region_names_plan_yaml(tmp_path, kind):
    target = next(dict(t, region="pubic") for t in TARGETS if t["type"] == kind)
    with pytest.raises(DataError) as err:
        load_dataset(_dataset(tmp_path / "bad", targets=[target]))
    problem = next(p for p in err.value.problems if p.value == "pubic")
    assert (problem.file, problem.key) == ("plan.yaml", f"targets.{target['name']}.region")
    assert "public" in problem.valid


def test_an_adjusted_intensity_on_a_region_without_gdp_names_the_region(tmp_path):
    folder = _dataset(tmp_path / "nogdp", targets=TARGETS[1:])
    text = (folder / "drivers.csv").read_text(encoding="utf-8")
    (folder / "drivers.csv").write_text(
        "\n".join(line for line in text.splitlines()
                  if not (line.startswith("gdp,") and line.endswith(",b"))) + "\n",
        encoding="utf-8")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(folder), scenario="adjusted_public")
    problem = err.value.problems[0]
    assert (problem.file, problem.column) == ("drivers.csv", "region")
    assert "'b'" in problem.message
