"""Energy targets on a region or a group of regions: the three-region toy by an independent LP.

The toy of ``test_model_network`` (regions a, b, c; links a-b and c-b; the provincial market
in b) with a PV plant in region a (200 MW, day block only, no running cost) and, instead of
the emission caps, two energy targets in 2025:

* ``energy_cap`` on region a: a's energy consumption <= 80 ktce. a burns no fuel, so its
  energy is its PV output at the calorific equivalent (GB/T 2589-2020: 0.1229 kgce/kWh, the
  dataset's convention), and the cap curtails the PV;
* ``nonfossil_share`` on the group public = a + b: non-fossil energy >= 50 % of a + b's
  energy. b's energy is its imports at the calorific equivalent, 30 % of it non-fossil
  (``grid_nonfossil_share``), so the share limits the imports.

Region c (the captive plant) burns no fuel either, so neither target sees it. The
decision year 2025 is written out below in MW, MWh, CNY and tce (the model: GW, GWh, MCNY,
ktce); both targets bind by the test's design, so objective, flows and both duals are
checked against it.
"""

from __future__ import annotations

import highspy
import numpy as np
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.errors import DataError
from tests import toy
from tests.test_model_network import DEMAND_B, DEMAND_C, IMPORT_LIMIT, TOU, W, _write

CONV = 0.1229  # tce per MWh: calorific equivalent of electricity (GB/T 2589-2020)
CAP_A = 80.0  # ktce in 2025
SHARE = 0.5
PV = 200.0  # MW, available in block 0 only
GRID_NONFOSSIL = 0.3

#: The toy's PV runs 1.0 for 12 h a day (4,380 full-load hours, round numbers for the hand
#: LP); a real solar profile would warn of it (round 25, MA34), this one is meant.
pytestmark = pytest.mark.filterwarnings(
    "ignore::carbonpath.dataset.profile_keys.AvailabilityProfileWarning")

TARGETS = [
    {"name": "energy_a", "type": "energy_cap", "region": "a", "value": CAP_A, "unit": "ktce",
     "years": [2025]},
    {"name": "clean_public", "type": "nonfossil_share", "region": "public", "year": 2025,
     "value": SHARE},
]


def _dataset(folder, plan=TARGETS):
    techs = [
        toy.tech("coal_a", region="a"),
        toy.tech("gas_b", region="b"),
        toy.tech("grid_import", region="b", kind="import", sector="transfers",
                 availability_profile="import_limit", price_profile="tou"),
        toy.tech("captive_coal", region="c"),
        toy.tech("pv_a", region="a", sector="solar_power", nonfossil="true",
                 availability_profile="sun"),
    ]
    folder = _write(folder, plan=plan, technologies=techs,
                    flows=[toy.flow(t["technology"], "electricity", "output", 1, "MWh/MWh")
                           for t in techs])
    # PV's numbers and profile, appended to the toy's tables
    with (folder / "parameters.csv").open("a", encoding="utf-8") as fh:
        for name, value, unit, year in (("lifetime", 25, "yr", ""),
                                        ("residual_capacity", PV, "MW", ""),
                                        ("activity", 0, "MWh/yr", 2024)):
            fh.write(f"pv_a,{name},{year},{value},{unit},{toy.SOURCE}\n")
    with (folder / "profiles.csv").open("a", encoding="utf-8") as fh:
        for h, v in ((0, 1.0), (1, 0.0)):
            fh.write(f"sun,day,{h},{v},1,{toy.SOURCE}\n")
    return folder


def _independent(cap_a=CAP_A, share=SHARE):
    """2025 as a highspy LP in MW, MWh, CNY and tce; returns (x, row duals, objective)."""
    names = [f"{v}{t}" for v in ("coal", "gas", "imp", "abf", "abb", "cbf", "cbb", "cap", "pv")
             for t in (0, 1)] + ["N"]
    j = {n: i for i, n in enumerate(names)}
    cost, upper = np.zeros(len(names)), np.full(len(names), np.inf)
    for t in (0, 1):
        for var, price in (("coal", 200), ("gas", 500), ("imp", 300 * TOU[t]), ("abf", 10),
                           ("abb", 10), ("cap", 700)):
            cost[j[f"{var}{t}"]] = W * price
        upper[j[f"coal{t}"]], upper[j[f"gas{t}"]] = 1000, 2000
        upper[j[f"imp{t}"]], upper[j[f"cap{t}"]] = 400 * IMPORT_LIMIT[t], 300
        upper[j[f"pv{t}"]] = PV * (1.0, 0.0)[t]
    cost[j["N"]] = 1e6 / 40  # the a-b link's annuity at r = 0 over 40 years
    rows = []
    for t in (0, 1):
        rows.append((f"bal_a{t}", {f"coal{t}": 1, f"pv{t}": 1, f"abf{t}": -1, f"abb{t}": 0.95},
                     0, 0))
        rows.append((f"bal_b{t}", {f"gas{t}": 1, f"imp{t}": 1, f"abf{t}": 0.95, f"abb{t}": -1,
                                   f"cbf{t}": 0.98, f"cbb{t}": -1}, DEMAND_B[t], DEMAND_B[t]))
        rows.append((f"bal_c{t}", {f"cap{t}": 1, f"cbf{t}": -1, f"cbb{t}": 0.98},
                     DEMAND_C, DEMAND_C))
        for d in ("abf", "abb"):
            rows.append((f"lim_{d}{t}", {f"{d}{t}": 1, "N": -1}, -np.inf, 300))
        for d in ("cbf", "cbb"):
            rows.append((f"lim_{d}{t}", {f"{d}{t}": 1}, -np.inf, 40))
    # energy of a: its PV output x CONV (tce); of b: its imports x CONV, 30 % non-fossil
    rows.append(("energy_a", {f"pv{t}": CONV * W for t in (0, 1)}, -np.inf, cap_a * 1e3))
    nf_minus_share = {**{f"pv{t}": CONV * W * (1 - share) for t in (0, 1)},
                      **{f"imp{t}": CONV * W * (GRID_NONFOSSIL - share) for t in (0, 1)}}
    rows.append(("clean_public", nf_minus_share, 0, np.inf))
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
    return x, duals, h.getInfo().objective_function_value


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = _dataset(tmp_path_factory.mktemp("energy") / "energy")
    model = PathwayModel(load_dataset(folder), scenario="plan")
    return model, model.solve()


def test_regional_energy_cap_and_group_nonfossil_share_match_an_independent_lp(solved):
    _model, pathway = solved
    x, duals, objective = _independent()
    # the test's own design: both targets bind
    assert duals["energy_a"] < -1
    assert duals["clean_public"] > 1
    assert x["pv0"] < PV - 1  # the cap on a's energy curtails its PV
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)
    dispatch = pathway.dispatch.set_index(["technology", "year", "hour"])["value"]
    for t in (0, 1):
        for code, var in (("pv_a", "pv"), ("grid_import", "imp"), ("gas_b", "gas")):
            assert dispatch[(code, 2025, t)] * 1e3 == pytest.approx(x[f"{var}{t}"], abs=1e-6)
    # duals: CNY per tce of the independent LP = the model's shadow price (r = 0)
    d = pathway.duals.set_index(["target", "year"])
    assert d.loc[("energy_a", 2025), "shadow_price"] == pytest.approx(-duals["energy_a"],
                                                                      rel=1e-7)
    assert d.loc[("clean_public", 2025), "shadow_price"] == pytest.approx(
        duals["clean_public"], rel=1e-7)
    assert set(d.loc[[("energy_a", 2025), ("clean_public", 2025)], "shadow_price_unit"]) == {
        "CNY/tce"}
    # the regional table shows what the targets constrain
    regional = pathway.emissions_region.set_index(["region", "year"])
    assert regional.loc[("a", 2025), "energy"] == pytest.approx(CAP_A, rel=1e-9)
    public = regional.loc[("public", 2025)]
    assert public["nonfossil"] / public["energy"] == pytest.approx(SHARE, rel=1e-9)


def test_without_the_regional_energy_targets_the_pv_runs_free(tmp_path):
    """The same targets on the whole model constrain another quantity (a control)."""
    model = PathwayModel(load_dataset(_dataset(tmp_path / "free", plan=[])), scenario="plan")
    pathway = model.solve()
    x, _, objective = _independent(cap_a=1e9, share=0.0)
    assert x["pv0"] == pytest.approx(PV)
    assert pathway.objective * 1e6 == pytest.approx(objective, rel=1e-9)


def test_a_regional_energy_target_on_an_unknown_region_names_plan_yaml(tmp_path):
    plan = [dict(TARGETS[0], region="nowhere")]
    with pytest.raises(DataError) as err:
        load_dataset(_dataset(tmp_path / "bad", plan=plan))
    problem = next(p for p in err.value.problems if "nowhere" in str(p))
    assert problem.file == "plan.yaml"
    assert problem.key == "targets.energy_a.region"
    assert problem.value == "nowhere"
