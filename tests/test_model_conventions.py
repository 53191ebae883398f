"""Conventions a dataset can choose (issue 12 section 4), each against a hand calculation."""

import pytest

from carbonpath import DataError, PathwayModel, optimise
from carbonpath.model.data import capital_recovery_factor
from tests.toy import ACCEPT_SHORT_LIFE, ELECTRICITY, SHORT_LIFE, flow, param, tech, write

approx = pytest.approx


def out(code):
    return flow(code, "electricity", "output", 1, "MWh/MWh")


def solar_only(folder, config, observed=()):
    # flat 1 GW load; PV (1000 CNY/kW, life 10: 100 MCNY/GW-yr at r = 0) is the only plant
    return write(
        folder, config=config, commodities=[ELECTRICITY],
        technologies=[tech("pv", kind="supply", investable="true")], flows=[out("pv")],
        parameters=[param("pv", "lifetime", 10, "yr"), param("pv", "capex", 1000, "CNY/kW"),
                    *observed],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}])


def test_a_first_model_year_that_is_a_decision_year(tmp_path):
    # with decisions from 2024, PV is built in the base year: 1 GW, 2 x 100 MCNY
    p = optimise(solar_only(tmp_path / "a", {"first_decision_year": 2024}), scenario="baseline")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert new["pv", 2024] == approx(1.0)
    assert p.objective == approx(200.0)
    # by default the base year is observed: PV without stock cannot run in it (refused
    # before any solve since round 11's D92, naming the balance and the idle plant)
    with pytest.raises(DataError, match="cannot balance electricity") as info:
        optimise(solar_only(tmp_path / "b", {}), scenario="baseline")
    assert "Fixed at zero in 2024: 'pv'" in str(info.value)
    # an observed activity in a decision year is an error, not ignored
    with pytest.raises(DataError, match="observed years") as info:
        optimise(solar_only(tmp_path / "c", {"first_decision_year": 2024},
                            [param("pv", "activity", 8760, "GWh/yr", 2024)]),
                 scenario="baseline")
    assert info.value.problems[0].column == "year"


def coal_and_solar(folder, config, activity_years=(2024,)):
    # coal 1 GW (100 CNY/MWh: 876 MCNY/yr flat out) and PV (100 CNY/kW, life 10: 10 MCNY/GW-yr)
    return write(
        folder, horizon=2027, config=config, commodities=[ELECTRICITY],
        technologies=[tech("coal"), tech("pv", kind="supply", investable="true")],
        flows=[out("coal"), out("pv")],
        parameters=[param("coal", "lifetime", 40, "yr"),
                    param("coal", "residual_capacity", 1, "GW"),
                    param("coal", "variable_cost", 100, "CNY/MWh"),
                    *[param("coal", "activity", 8760, "GWh/yr", y) for y in activity_years],
                    param("pv", "lifetime", 10, "yr"), param("pv", "capex", 100, "CNY/kW")],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}])


def test_observed_years_that_end_after_the_base_year(tmp_path):
    # 2024 and 2025 observed (coal flat out, fixed), decisions from 2026: PV replaces coal
    # in 2026-2027 only: 2 x 876 + 2 x 10 = 1772 MCNY. By default PV comes in 2025: 876 + 30.
    p = optimise(coal_and_solar(tmp_path / "o", {"first_decision_year": 2026}, (2024, 2025)),
                 scenario="baseline")
    new = p.capacity.set_index(["technology", "year"])["new"]
    assert new["pv", 2025] == approx(0.0, abs=1e-12)
    assert new["pv", 2026] == approx(1.0)
    assert p.objective == approx(2 * 876 + 2 * 10)
    act = p.activity.set_index(["technology", "year"])["value"]
    assert act["coal", 2025] == approx(8760)
    p = optimise(coal_and_solar(tmp_path / "d", {}), scenario="baseline")
    assert p.objective == approx(876 + 3 * 10)


def test_the_year_costs_are_discounted_to(tmp_path):
    # coal runs flat out every year (876 MCNY) and PV is dearer here than nothing: with
    # r = 10 %, to 2024: 876 (1 + 1/1.1 + 1/1.21 + 1/1.331); to 2026: x 1.21
    folder = write(
        tmp_path / "r", horizon=2027, rate=0.1, config={"discount_year": 2026},
        commodities=[ELECTRICITY], technologies=[tech("coal")], flows=[out("coal")],
        parameters=[param("coal", "lifetime", 40, "yr"),
                    param("coal", "residual_capacity", 1, "GW"),
                    param("coal", "variable_cost", 100, "CNY/MWh"),
                    param("coal", "activity", 8760, "GWh/yr", 2024)],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}])
    to_base = 876 * (1 + 1 / 1.1 + 1 / 1.21 + 1 / 1.331)
    assert optimise(folder, scenario="baseline").objective == approx(to_base * 1.21)
    # the undiscounted results do not move: the year's price is 100 CNY/MWh either way
    price = optimise(folder, scenario="baseline").prices.set_index(["commodity", "year"])
    assert price.loc[("electricity", 2027), "value"] == approx(0.1)


@ACCEPT_SHORT_LIFE
@pytest.mark.parametrize("timing", ["build_year", "next_year"])
def test_when_the_first_annuity_falls(tmp_path, timing):
    # the old plant retires after 2024; 1 GW of new (2000 CNY/kW, life 2, r = 10 %) is
    # built in 2025. crf(10 %, 2) = 0.5762. build_year: annuities in 2025 and 2026,
    # discounted 1/1.1 + 1/1.21; next_year: 2026 and 2027, the 2027 one (after the horizon)
    # counted in 2026 at its value there, 1/1.1 (round 13's H22: it had been dropped, which
    # made late vintages cheaper): 1/1.21 + 1/1.331, shown in 2026 as 1 + 1/1.1 annuities.
    folder = write(
        tmp_path / timing, horizon=2026, rate=0.1, config={"annuity_timing": timing},
        commodities=[ELECTRICITY], technologies=[tech("old"), tech("new", investable="true")],
        flows=[out("old"), out("new")],
        parameters=[param("old", "lifetime", 40, "yr"),
                    param("old", "residual_capacity", 1, "GW", 2024),
                    param("old", "residual_capacity", 0, "GW", 2026),
                    param("old", "residual_capacity", 0, "GW", 2025),
                    param("old", "activity", 8760, "GWh/yr", 2024),
                    param("new", "lifetime", 2, "yr", plausibility=SHORT_LIFE),
                    param("new", "capex", 2000, "CNY/kW")],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}])
    crf = 0.1 * 1.21 / 0.21
    assert capital_recovery_factor(0.1, 2) == approx(crf)
    years = (1 / 1.1 + 1 / 1.21) if timing == "build_year" else 1 / 1.21 + 1 / 1.331
    pm = PathwayModel(folder, scenario="baseline")
    p = pm.solve()
    assert p.objective == approx(2000 * crf * years)
    costs = p.costs[(p.costs.technology == "new") & (p.costs.component == "investment")]
    paid = dict(zip(costs["year"], costs["value"], strict=True))
    expected = {2025: 2000 * crf, 2026: 2000 * crf} if timing == "build_year" else {
        2026: 2000 * crf * (1 + 1 / 1.1)}
    assert paid == approx(expected)


@pytest.mark.parametrize(("config", "key"), [
    ({"first_decision_year": 2031}, "first_decision_year"),
    ({"discount_year": "2024"}, "discount_year"),
    ({"annuity_timing": "mid_year"}, "annuity_timing"),
])
def test_bad_convention_keys_are_named(tmp_path, config, key):
    with pytest.raises(DataError) as info:
        optimise(solar_only(tmp_path / "k", config), scenario="baseline")
    assert (info.value.problems[0].file, info.value.problems[0].key) == ("dataset.yaml", key)


def test_another_discount_year_scales_the_objective_and_moves_no_decision(tmp_path):
    # the bundled tiny dataset, discounted to three years after its base year: every cost
    # is multiplied by (1 + r)^3, so the objective is, and the pathway stays the same
    import shutil

    import yaml

    from carbonpath.dataset import load_dataset

    folder = shutil.copytree(load_dataset("tiny").path, tmp_path / "tiny")
    config = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    base, rate = config["base_year"], config["discount_rate"]
    reference = optimise(folder, scenario="plan")
    config["discount_year"] = base + 3
    (folder / "dataset.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    moved = optimise(folder, scenario="plan")
    assert moved.objective == approx(reference.objective * (1 + rate) ** 3, rel=1e-7)
    new = moved.capacity.set_index(["technology", "year"])["new"]
    assert new.to_numpy() == approx(
        reference.capacity.set_index(["technology", "year"])["new"].to_numpy(), abs=1e-6)
