"""The numbers of docs/tutorial-tiny.md, worked out by hand there, hold."""

import pytest

import carbonpath as cp

approx = pytest.approx


@pytest.fixture(scope="module")
def runs():
    return cp.optimise("tiny", "baseline"), cp.optimise("tiny", "plan")


def test_the_tutorials_hand_calculations(runs):
    baseline, plan = runs
    co2_per_t = 20.908 * 26.18e-3 * 0.93 * 44 / 12  # GB/T 2589 NCV x NDRC carbon x oxidation
    assert co2_per_t == approx(1.8665, abs=1e-4)
    e_base = baseline.emissions_total.set_index("year")["value"]
    assert e_base[2024] == approx(2347.44 * co2_per_t)
    # coal covers 200 GWh of growth a year at 0.4 t/MWh
    assert e_base[2030] - e_base[2029] == approx(200 * 0.4 * co2_per_t)
    e_plan = plan.emissions_total.set_index("year")["value"]
    assert [e_plan[y] for y in range(2027, 2031)] == approx([e_plan[2026]] * 4)
    crf = 0.05 * 1.05**25 / (1.05**25 - 1)
    pv = (3000 * crf + 40) / 1314  # CNY/kWh of new PV
    coal = 0.4 * 400 / 1000 + 0.020  # CNY/kWh of coal power
    price = (pv - coal) * 1000 / (0.4 * co2_per_t)  # CNY per t CO2
    assert price == approx(16.7, abs=0.05)
    mc = plan.marginal_cost.set_index("year")["value"]
    assert [mc[y] for y in range(2027, 2031)] == approx([price] * 4, rel=1e-6)
    new_pv = plan.capacity.set_index(["technology", "year"])["new"]
    assert new_pv["pv", 2030] == approx(200 / 1314)
    peak = plan.duals[plan.duals.target == "peak"].set_index("year")["shadow_price"]
    assert peak[2029] == approx(price / 1.05)
    assert peak[2028] == approx(price / 1.05 + price / 1.05**2)


def test_the_cost_of_peaking_by_hand(runs):
    """Warm re-solves over the peak year: 2026's rule, then the 4.8 Mt cap, as the page says."""
    baseline, _ = runs
    co2_per_mwh = 0.4 * 20.908 * 26.18e-3 * 0.93 * 44 / 12
    crf = 0.05 * 1.05**25 / (1.05**25 - 1)
    price = ((3000 * crf + 40) / 1314 * 1000 - 180) / co2_per_mwh  # CNY per t avoided
    e_base = baseline.emissions_total.set_index("year")["value"]  # kt

    def cost(level):  # PV in place of coal above `level`, 2027-2030, discounted to 2024
        return sum(price * max(e_base[y] - level, 0) * 1e3 / 1.05 ** (y - 2024)
                   for y in range(2027, 2031)) / 1e6

    model = cp.PathwayModel("tiny", scenario="plan")
    costs = {}
    for year in range(2026, 2030):
        model.update(peak_year=year)
        costs[year] = model.solve().objective - baseline.objective
    assert costs[2026] == approx(cost(e_base[2026]), rel=1e-4)  # held at 2026's level
    for year in (2027, 2028, 2029):
        assert costs[year] == approx(cost(4800.0), rel=1e-4)  # the cap binds instead


def test_a_pathway_prints_as_one_line(runs):
    _, plan = runs
    text = repr(plan)
    assert "\n" not in text
    assert len(text) < 400
    # the tutorial's numbers: 4680.2 kt peak in 2026
    assert "scenario='plan'" in text
    assert "peak 4,680.2 kt CO2 in 2026" in text
