"""scale_cost's batched cost change (one changeColsCost per call) and ModelData.year_index.

Issue 15 (perf14): ``PathwayModel.scale_cost`` finds a technology's cost columns once per
HiGHS instance (``HighsModel.cost_columns``) and writes their new coefficients in one
``changeColsCost`` (``HighsModel.set_costs``) instead of one ``changeColCost`` per column.
"""

import numpy as np
import pytest

from carbonpath import PathwayModel, load_dataset


@pytest.fixture(scope="module")
def tiny_plan():
    return PathwayModel(load_dataset("tiny"), "plan")


def _costs(model):
    return np.array(model.highs.highs.getLp().col_cost_, dtype=np.float64)


def test_scaled_capex_reaches_highs_as_the_objective_formula_gives_it(tiny_plan):
    model = tiny_plan
    before = _costs(model)
    model.scale_cost("pv", "capex", 1.3)
    after = _costs(model)
    model.scale_cost("pv", "capex", 1.0)
    restored = _costs(model)
    col_of = model.highs.col_of
    new = {v: col_of[id(model.model.new_capacity["pv", v])]
           for v in model.data.decision_years}
    # independent: tiny's pv (datasets/tiny: capex 3000, fixed O&M 40 per MW, 25-year life,
    # 5 % a year, discounted to 2024, horizon 2030, annuities from the build year)
    r, life = 0.05, 25
    crf = r * (1 + r) ** life / ((1 + r) ** life - 1)
    for v, j in new.items():
        years = range(v, 2031)  # the annuity and the standing years both end at the horizon
        annuity = sum((1 + r) ** -(y - 2024) for y in years)
        fixed = sum(40.0 * (1 + r) ** -(y - 2024) for y in years)
        assert after[j] == pytest.approx(3000.0 * 1.3 * crf * annuity + fixed, rel=1e-12)
        assert before[j] == pytest.approx(3000.0 * crf * annuity + fixed, rel=1e-12)
    # no other column moved, and factor 1 gives back the built coefficients bit for bit
    others = np.ones(len(before), dtype=bool)
    others[list(new.values())] = False
    assert np.array_equal(after[others], before[others])
    assert np.array_equal(restored, before)
    # the model's own copy of the costs (reported costs) follows HiGHS
    assert np.array_equal(model.highs._cost, restored)


def test_one_highs_call_per_scale_cost_and_the_columns_found_once(tiny_plan):
    h = tiny_plan.highs
    calls = []
    raw = h.highs
    original_many, original_one = raw.changeColsCost, raw.changeColCost
    raw.changeColsCost = lambda *a: (calls.append("many"), original_many(*a))[1]
    raw.changeColCost = lambda *a: (calls.append("one"), original_one(*a))[1]
    try:
        tiny_plan.scale_cost("pv", "capex", 0.7)
        tiny_plan.scale_cost("pv", "capex", 1.0)
    finally:
        del raw.changeColsCost, raw.changeColCost
    assert calls == ["many", "many"]
    asked = []
    first = h.cost_columns("pv", lambda: asked.append(1) or [])
    assert asked == []  # remembered from the scale_cost calls above
    assert first[1].dtype == np.int32
    assert np.all(np.diff(first[1]) > 0)


def test_cost_columns_skip_variables_that_are_not_columns(tiny_plan):
    h = tiny_plan.highs
    m = tiny_plan.model
    var = m.new_capacity["pv", tiny_plan.data.decision_years[0]]
    at, columns = h.cost_columns(("test", 1), lambda: [None, var, None])
    assert at.tolist() == [1]
    assert columns.tolist() == [h.col_of[id(var)]]


def test_year_index_is_made_once_and_follows_new_years(tiny_plan):
    d = tiny_plan.data
    index = d.year_index
    assert index == {y: i for i, y in enumerate(range(2024, 2031))}
    assert d.year_index is index
    years = d.years
    try:
        d.years = [2024, 2026, 2028]
        assert d.year_index == {2024: 0, 2026: 1, 2028: 2}
    finally:
        d.years = years
    assert d.year_index == index


def test_kept_annuities_follow_the_lifetime_and_the_discounting_they_depend_on():
    # perf18: cost_coefficients keeps each technology's capital recovery factor and its
    # vintages' discounted annuities per model data; a change of what they depend on
    # (the economic lifetime, the technology's rate, the model's discounting) is seen
    from carbonpath.model.costs import cost_coefficients
    from carbonpath.model.data import ModelData

    d = ModelData.from_dataset(load_dataset("tiny"), "plan")
    pv = d.techs["pv"]

    def expected(life, rate, model_rate):  # tiny's pv: capex 3000, fixed O&M 40, to 2030
        crf = rate * (1 + rate) ** life / ((1 + rate) ** life - 1)
        out = {}
        for v in d.decision_years:
            paid = range(v, min(v + life - 1, 2030) + 1)
            annuity = sum((1 + model_rate) ** -(y - 2024) for y in paid)
            fixed = sum(40.0 * (1 + model_rate) ** -(y - 2024) for y in range(v, 2031))
            out[v] = 3000.0 * crf * annuity + fixed
        return out

    def got():
        return {index[1]: c for name, index, c in cost_coefficients(d, pv)[0]
                if name == "new_capacity"}

    for life, rate, model_rate in ((25, 0.05, 0.05), (3, 0.05, 0.05), (3, 0.08, 0.05),
                                   (3, 0.08, 0.1)):
        pv.economic_lifetime, pv.discount_rate = life, rate
        d.discount_rate = model_rate
        d.discount_factor = (1 + model_rate) ** -(np.array(d.years, dtype=float) - 2024)
        assert got() == pytest.approx(expected(life, rate, model_rate), rel=1e-12)
        assert got() == got()  # a kept value is the one computed (called twice)
