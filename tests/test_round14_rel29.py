"""Round-14 model-side silent cases J136, J137, J138, J156 (tester14j): the record of
in-memory changes (PathwayModel.changes, pathway.json) is what the solve used."""

from __future__ import annotations

import json

import pytest

import carbonpath as cp

# these tests are about the record of changes; the warning that update() leaves the observed
# year's coal price alone (round 15's L48) is tested in test_round14_rel33.py
pytestmark = pytest.mark.filterwarnings(
    r"ignore:update\(\) changed 'coal_supply' variable_cost:carbonpath.errors.CarbonpathWarning")

Q = cp.Q_
PV_CAPEX, PV_MAX = ("parameters", 11), ("parameters", 15)  # tiny's pv rows (CNY/kW, MW)
COAL = {"technology": "coal_supply", "parameter": "variable_cost"}
DECISION = [2025, 2026, 2027, 2028, 2029, 2030]  # tiny: base year 2024, horizon 2030


def _model():
    return cp.PathwayModel("tiny", scenario="plan")


def _objective(*steps):
    m = _model()
    for step in steps:
        step(m)
    return m, m.solve()


def test_rows_are_tinys_pv_rows():
    params = _model().dataset.tables["parameters"]
    assert params.loc[11, ["technology", "parameter", "value"]].tolist() == ["pv", "capex", 3000]
    assert params.loc[15, ["technology", "parameter", "value"]].tolist() == [
        "pv", "max_capacity", 3000]


def test_j136_apply_after_scale_replaces_it_and_the_record_says_so(tmp_path):
    # tester14j: capex 2800 solves to 7666.053, capex 2520 (= 0.9 x 2800) to 7459.673
    m, p = _objective(lambda m: m.scale_cost("pv", "capex", 0.9),
                      lambda m: m.apply({PV_CAPEX: 2800.0}))
    _, alone = _objective(lambda m: m.apply({PV_CAPEX: 2800.0}))
    assert p.objective == pytest.approx(alone.objective, rel=1e-9)
    assert p.objective == pytest.approx(7666.053, abs=1e-3)
    assert m.changes == [{"call": "apply", "rows": {"parameters.csv line 11": 2800.0}}]
    p.to_csv(tmp_path / "out")
    said = json.loads((tmp_path / "out" / "pathway.json").read_text())["changes"]
    assert said == m.changes
    m2, p2 = _objective(lambda m: m.apply({PV_CAPEX: 2800.0}),
                        lambda m: m.scale_cost("pv", "capex", 0.9))
    assert p2.objective == pytest.approx(7459.673, abs=1e-3)  # composed: 2520 CNY/kW
    assert [c["call"] for c in m2.changes] == ["apply", "scale_cost"]


def test_j137_update_after_scale_narrows_the_scale_to_the_observed_year():
    m, p = _objective(lambda m: m.scale_cost("coal_supply", "variable_cost", 0.5),
                      lambda m: m.update(**COAL, value=Q(440, "CNY/t")))
    assert p.objective == pytest.approx(7671.230, abs=1e-3)  # tester14j
    assert m.changes == [
        {"call": "scale_cost", "scaled": ["coal_supply", "variable_cost"], "factor": 0.5,
         "years": [2024]},  # update covers the decision years: x0.5 still acts in 2024
        {"call": "update", **COAL, "value": "440 CNY/t"}]


def test_j137_scale_cost_scales_the_set_value_whatever_came_between():
    # update 440 then x0.5: 220 CNY/t in the decision years, 200 in 2024 (4913.553, tester14j)
    m, p = _objective(lambda m: m.update(**COAL, value=Q(440, "CNY/t")),
                      lambda m: m.scale_cost("coal_supply", "variable_cost", 0.5))
    assert p.objective == pytest.approx(4913.553, abs=1e-3)
    # x0.5, update 440, x0.5 again: the base now holds 440 in the decision years (it was
    # 0.5 x 0.5 x 400 in 2024 before: the update no longer drops the scale's base)
    m2, p2 = _objective(lambda m: m.scale_cost("coal_supply", "variable_cost", 0.5),
                        lambda m: m.update(**COAL, value=Q(440, "CNY/t")),
                        lambda m: m.scale_cost("coal_supply", "variable_cost", 0.5))
    assert p2.objective == pytest.approx(p.objective, rel=1e-9)
    assert m2.changes == m.changes == [
        {"call": "update", **COAL, "value": "440 CNY/t"},
        {"call": "scale_cost", "scaled": ["coal_supply", "variable_cost"], "factor": 0.5}]


def test_j138_apply_of_the_updated_row_replaces_the_update():
    m, p = _objective(
        lambda m: m.update(technology="pv", parameter="max_capacity", value=Q(400, "MW"),
                           plausibility="override: test"),
        lambda m: m.apply({PV_MAX: 2000.0}))
    c = p.capacity
    assert c[c.technology == "pv"].total.max() > 0.4 + 1e-6  # the 400 MW limit is gone
    assert m.changes == [{"call": "apply", "rows": {"parameters.csv line 15": 2000.0}}]
    m2, p2 = _objective(
        lambda m: m.apply({PV_MAX: 2000.0}),
        lambda m: m.update(technology="pv", parameter="max_capacity", value=Q(400, "MW"),
                           plausibility="override: test"))
    c2 = p2.capacity
    assert c2[c2.technology == "pv"].total.max() == pytest.approx(0.4, abs=1e-6)
    # the row (blank year: every model year) still governs the observed year 2024 only
    assert m2.changes[0] == {"call": "apply", "rows": {"parameters.csv line 15": 2000.0},
                             "rows_years": {"parameters.csv line 15": [2024]}}


def test_j156_an_update_for_every_year_replaces_one_for_2030():
    m, p = _objective(
        lambda m: m.update(technology="pv", parameter="max_capacity", value=Q(500, "MW"),
                           years=[2030], plausibility="override: test"),
        lambda m: m.update(technology="pv", parameter="max_capacity", value=Q(2000, "MW")))
    c = p.capacity
    assert c[(c.technology == "pv") & (c.year == 2030)].total.item() > 0.5 + 1e-6
    assert m.changes == [{"call": "update", "technology": "pv", "parameter": "max_capacity",
                          "value": "2000 MW"}]
    m2 = _model()  # the reverse: the every-year update keeps the years 2030 left to it
    m2.update(technology="pv", parameter="max_capacity", value=Q(2000, "MW"))
    m2.update(technology="pv", parameter="max_capacity", value=Q(500, "MW"), years=[2030],
              plausibility="override: test")
    assert [c.get("years") for c in m2.changes] == [DECISION[:-1], [2030]]


def test_j69_a_decimal_is_refused_as_a_type_not_as_not_finite():
    from decimal import Decimal

    from carbonpath.errors import DataError

    m = _model()
    with pytest.raises(DataError) as info:
        m.apply({PV_CAPEX: Decimal("2600")})
    (problem,) = info.value.problems
    assert "is a Decimal, not a float or an int" in problem.message
    assert "finite" not in problem.message
    with pytest.raises(DataError, match="not a finite number"):
        m.apply({PV_CAPEX: float("nan")})


def test_apply_and_restore_keep_a_scale_of_a_row_they_do_not_set():
    # apply() and restore() return the technologies they touch to central values: a
    # scale_cost of another row of the same technology, or of a technology the previous
    # apply touched, had been dropped there while the record listed it as in force
    scale = lambda m: m.scale_cost("pv", "capex", 0.9)  # noqa: E731
    pv_max = lambda m: m.apply({PV_MAX: 2000.0})  # noqa: E731
    _, alone = _objective(scale)
    m1, p1 = _objective(scale, pv_max)
    _, p2 = _objective(pv_max, scale)
    assert p1.objective == pytest.approx(p2.objective, rel=1e-9)  # order-free: other rows
    assert [c["call"] for c in m1.changes] == ["scale_cost", "apply"]
    m3, p3 = _objective(pv_max, scale, lambda m: m.restore())
    assert p3.objective == pytest.approx(alone.objective, rel=1e-9)
    assert m3.changes == [{"call": "scale_cost", "scaled": ["pv", "capex"], "factor": 0.9}]


def test_apply_of_another_row_keeps_an_update_of_the_same_technology():
    # apply() rebuilds the technologies it touches from the dataset: pv's 400 MW update had
    # been dropped by an apply of pv's capex row (pv reached 0.709 GW) while still recorded
    def update(m):
        m.update(technology="pv", parameter="max_capacity", value=Q(400, "MW"),
                 plausibility="override: test")

    capex = lambda m: m.apply({PV_CAPEX: 2800.0})  # noqa: E731
    m1, p1 = _objective(update, capex)
    _, p2 = _objective(capex, update)
    assert p1.objective == pytest.approx(p2.objective, rel=1e-9)
    c = p1.capacity
    assert c[c.technology == "pv"].total.max() == pytest.approx(0.4, abs=1e-6)
    assert [c["call"] for c in m1.changes] == ["update", "apply"]
    m1.restore()  # the update stays in force after restore() too
    c = m1.solve().capacity
    assert c[c.technology == "pv"].total.max() == pytest.approx(0.4, abs=1e-6)
