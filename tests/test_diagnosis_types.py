"""The infeasibility diagnosis gives the best reachable value of every target type.

Each case is solved by hand. The growth case (tests/test_model_hand.py): electricity demand
D = 8760, 9636, 10512, 11388 GWh in 2024..2027; coal emits 1 t CO2/MWh; gas emits nothing
but its capacity is cut to 0.2283105 GW, so it gives at most 8760 x 0.2283105 = 2000 GWh a
year. So emissions E_y = D_y - gas_y with 0 <= gas_y <= 2000 (2024 observed: E = 8760), the
least E_y = 7636, 8512, 9388 kt in 2025..2027.
"""

import pytest

from carbonpath import InfeasibleError, optimise
from tests.test_model_families import annual_load
from tests.test_model_hand import growth_case
from tests.toy import ACCEPT_SHORT_LIFE

LEAST = {2025: 7636.0, 2026: 8512.0, 2027: 9388.0}
DEMAND = {2024: 8760.0, 2025: 9636.0, 2026: 10512.0, 2027: 11388.0}


def small_gas(folder, targets, gdp=None, group=False):
    folder = growth_case(folder, targets)
    text = (folder / "parameters.csv").read_text(encoding="utf-8").replace(
        "gas,residual_capacity,,2,GW", "gas,residual_capacity,,0.2283105,GW")
    (folder / "parameters.csv").write_text(text, encoding="utf-8")
    if gdp:
        rows = "".join(f"gdp,{y},{v},亿元,assumption: test\n" for y, v in gdp.items())
        with (folder / "drivers.csv").open("a", encoding="utf-8") as fh:
            fh.write(rows)
    if group:
        lines = (folder / "technologies.csv").read_text(encoding="utf-8").splitlines()
        head = lines[0].split(",")
        g = head.index("group")
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(",")
            cells[g] = "power"
            out.append(",".join(cells))
        (folder / "technologies.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def diagnosis(folder, name):
    with pytest.raises(InfeasibleError) as info:
        optimise(folder, scenario="plan")
    row = info.value.diagnosis.set_index("target").loc[name]
    assert row["status"] == "cannot be met"
    return row


def test_cap(tmp_path):
    t = [{"name": "t", "type": "cap", "value": 5, "unit": "Mt CO2", "years": [2025, 2027]}]
    row = diagnosis(small_gas(tmp_path, t), "t")
    # one level for both years: the least possible max(E2025, E2027) = 9388 kt
    assert row["reachable_value"] == pytest.approx(LEAST[2027] / 1e3, rel=1e-5)


def test_budget(tmp_path):
    t = [{"name": "t", "type": "budget", "start": 2025, "end": 2027, "value": 20,
          "unit": "Mt CO2"}]
    row = diagnosis(small_gas(tmp_path, t), "t")
    assert row["reachable_value"] == pytest.approx(sum(LEAST.values()) / 1e3, rel=1e-5)  # 25.536


def test_peak_year(tmp_path):
    t = [{"name": "t", "type": "peak_year", "year": 2024}]
    row = diagnosis(small_gas(tmp_path, t), "t")
    # rises of at most s a year from E2024 = 8760: E2027 <= 8760 + 3 s and E2027 >= 9388,
    # so the least largest rise is s = 628 / 3 = 209.33 kt
    assert row["reachable_value"] == pytest.approx(628 / 3 / 1e3, rel=1e-5)


def test_reduction(tmp_path):
    t = [{"name": "t", "type": "reduction", "year": 2027, "relative_to": 2026, "value": 0.2}]
    row = diagnosis(small_gas(tmp_path, t), "t")
    # the best cut: least E2027 over the most E2026 (all coal): 1 - 9388 / 10512
    assert row["reachable_value"] == pytest.approx(1 - 9388 / 10512, abs=1e-6)
    assert row["reachable"] == "10.7%"


def test_emission_intensity_relative_to_a_model_year(tmp_path):
    t = [{"name": "t", "type": "emission_intensity", "year": 2027, "relative_to": 2025,
          "value": 0.2}]
    folder = small_gas(tmp_path, t, gdp={2024: 1000, 2025: 1000, 2027: 1100})
    row = diagnosis(folder, "t")
    # best cut of E/GDP: 1 - (9388 / 1100) / (9636 / 1000) (least E2027, most E2025)
    assert row["reachable_value"] == pytest.approx(1 - (9388 / 1100) / (9636 / 1000), abs=1e-6)


def test_emission_intensity_with_a_given_reference(tmp_path):
    t = [{"name": "t", "type": "emission_intensity", "year": 2027, "relative_to": 2020,
          "value": 0.3, "reference": {"value": 1.0, "unit": "t CO2/万元"}}]
    folder = small_gas(tmp_path, t, gdp={2024: 1000, 2027: 1100})
    row = diagnosis(folder, "t")
    # least intensity in 2027: 9388 kt over 1100 亿元 = 9.388e6 t / 1.1e7 万元
    assert row["reachable_value"] == pytest.approx(1 - 9.388e6 / 1.1e7, abs=1e-6)
    assert row["reachable"] == "14.7%"


@ACCEPT_SHORT_LIFE  # annual_load's pv lives 1 year, by override
def test_energy_intensity(tmp_path):
    # annual load: 1350 GWh a year from PV or the grid, both counted at 0.1229 kgce/kWh,
    # so energy is the same in 2024 and 2025; GDP grows 100 -> 125, so the intensity
    # falls by exactly 1 - 100 / 125 = 20 %, whatever the mix
    t = [{"name": "t", "type": "energy_intensity", "year": 2025, "relative_to": 2024,
          "value": 0.3}]
    folder = annual_load(tmp_path, t)
    text = (folder / "drivers.csv").read_text(encoding="utf-8").replace(
        "gdp,,100,亿元", "gdp,2024,100,亿元,assumption: test\ngdp,2025,125,亿元")
    (folder / "drivers.csv").write_text(text, encoding="utf-8")
    row = diagnosis(folder, "t")
    assert row["reachable_value"] == pytest.approx(0.2, abs=1e-6)


@ACCEPT_SHORT_LIFE
def test_nonfossil_share(tmp_path):
    # annual load: PV shines in one of two blocks, nothing stores it: at most half is PV
    t = [{"name": "t", "type": "nonfossil_share", "year": 2025, "value": 0.6}]
    row = diagnosis(annual_load(tmp_path, t), "t")
    assert row["reachable_value"] == pytest.approx(0.5, abs=1e-6)
    assert row["reachable"] == "50.0%"


def test_min_share_over_several_years(tmp_path):
    t = [{"name": "t", "type": "min_share", "group": "power", "members": ["gas"],
          "measure": "activity", "value": 0.5, "years": [2025, 2027]}]
    row = diagnosis(small_gas(tmp_path, t, group=True), "t")
    # gas gives at most 2000 GWh: its share is at best 2000 / D, the smaller in 2027
    assert row["reachable_value"] == pytest.approx(2000 / DEMAND[2027], rel=1e-5)


def test_bound(tmp_path):
    t = [{"name": "t", "type": "bound", "technology": "gas", "quantity": "activity",
          "min": {"value": 3, "unit": "TWh/yr"}, "years": [2026]}]
    row = diagnosis(small_gas(tmp_path, t), "t")
    # gas gives at most 2000 GWh = 2 TWh a year; the value is in the bound's own unit
    assert row["reachable_value"] == pytest.approx(2.0, rel=1e-5)
    assert row["reachable"] == "2 TWh/yr"


def test_an_unbounded_model_names_the_negative_cost(tmp_path):
    from carbonpath import PathwayModel
    from carbonpath.errors import UnboundedError
    from tests.toy import flow, param, tech, write

    coal = {"commodity": "coal", "unit": "kt", "balance": "annual", "kind": "fuel",
            "fuel": "raw_coal"}
    folder = write(
        tmp_path / "unb", commodities=[coal],
        technologies=[tech("buy", kind="import", level="annual", capacity_unit="kt/yr",
                           activity_unit="kt"),
                      tech("sell", kind="export", level="annual", capacity_unit="kt/yr",
                           activity_unit="kt")],
        flows=[flow("buy", "coal", "output", 1, "kt/kt"),
               flow("sell", "coal", "input", 1, "kt/kt")],
        parameters=[param("buy", "variable_cost", -10, "CNY/t"),
                    param("buy", "activity", 0, "kt/yr", 2024),
                    param("sell", "activity", 0, "kt/yr", 2024)])
    with pytest.raises(UnboundedError) as info:
        PathwayModel(folder).solve()
    text = str(info.value)
    # buying coal earns 10 CNY/t = 0.01 MCNY/kt and an export without a bound takes it all
    assert "activity of 'buy' in 2025" in text
    assert "negative cost -0.01 MCNY per kt" in text
