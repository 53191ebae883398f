"""Invariants of the pathway model, checked on random small cases (hypothesis)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbonpath import Q_, InfeasibleError, PathwayModel, load_dataset
from tests.test_model_hand import battery_case, growth_case

approx = pytest.approx


@pytest.fixture(scope="module")
def growth(tmp_path_factory):
    folder = growth_case(tmp_path_factory.mktemp("g") / "g",
                         [{"name": "cap", "type": "cap", "value": 20, "unit": "Mt CO2"}])
    return load_dataset(folder)


@settings(deadline=None)
@given(st.lists(st.floats(min_value=8.0, max_value=12.0), min_size=2, max_size=4))
def test_a_tighter_cap_never_lowers_the_cost(growth, caps):
    model = PathwayModel(growth, scenario="plan")
    costs = []
    for cap in sorted(caps, reverse=True):  # tighter and tighter
        model.update(target="cap", value=Q_(cap, "Mt CO2"))
        try:
            p = model.solve(diagnose_infeasible=False)
        except InfeasibleError:
            break
        costs.append(p.objective)
        # the result satisfies the target in every capped year
        assert (p.emissions_total["value"][1:] <= cap * 1e3 * (1 + 1e-9) + 1e-6).all()
    assert all(b >= a - 1e-6 for a, b in itertools.pairwise(costs))


@settings(deadline=None)
@given(st.integers(min_value=2024, max_value=2027))
def test_the_result_meets_the_peak_year_and_balances_close(growth, peak):
    p = PathwayModel(growth, scenario="plan", peak_year=peak).solve()
    e = p.emissions_total.set_index("year")["value"]
    for y in range(peak, 2027):
        assert e[y + 1] <= e[y] + 1e-6
    assert max(e) == approx(max(e[y] for y in e.index if y <= peak))
    assert np.abs(p.balances["surplus"]).max() < 1e-6


@settings(deadline=None, max_examples=10)
@given(st.floats(min_value=0.6, max_value=1.0), st.floats(min_value=0.6, max_value=1.0))
def test_storage_levels_are_cyclic_and_efficiencies_multiply(tmp_path_factory, eta_c, eta_d):
    folder = battery_case(tmp_path_factory.mktemp("b") / "b")
    text = (folder / "parameters.csv").read_text()
    text = text.replace("battery,charge_efficiency,,0.9", f"battery,charge_efficiency,,{eta_c}")
    text = text.replace("battery,discharge_efficiency,,0.9",
                        f"battery,discharge_efficiency,,{eta_d}")
    (folder / "parameters.csv").write_text(text)
    p = PathwayModel(folder, scenario="baseline").solve()
    s = p.storage[p.storage.year == 2025].sort_values("hour")
    dt = 12.0
    level = s["level"].to_numpy()
    change = dt * (eta_c * s["charge"].to_numpy() - s["discharge"].to_numpy() / eta_d)
    # L[h] = L[h-1] + change[h], with L[-1] = L[last]: cyclic within the day
    assert level == approx(np.roll(level, 1) + change, abs=1e-6)
    assert change.sum() == approx(0, abs=1e-6)
    if s["charge"].sum() > 1e-9:
        assert s["discharge"].sum() / s["charge"].sum() == approx(eta_c * eta_d, rel=1e-6)
