"""Measure coalitions solved warm on one built model equal the coalitions rebuilt cold."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import carbonpath as cp
from carbonpath.dataset.scenarios import measures, with_measures
from carbonpath.scenarios import measure_contributions, solve_scenario
from carbonpath.scenarios.warm import CoalitionModel
from tests.scenario_fixture import row, tiny_copy

PV = {"name": "pv_buildout", "source": "assumption: test", "changes": {"parameters": [
    row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1500, "MW", 2030)]}}
CHEAP_PV = {"name": "cheap_pv", "source": "assumption: test", "changes": {"parameters": [
    row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1500, "MW", 2030),
    row("pv", "capex", 1500, "CNY/kW")]}}
IMPORTS = {"name": "imports", "source": "assumption: test", "changes": {"parameters": [
    row("grid_import", "min_activity", 0, "GWh/yr", 2025),
    row("grid_import", "min_activity", 800, "GWh/yr", 2030)]}}
BATTERY = {"name": "battery", "source": "assumption: test", "technologies": ["battery"]}
CAP = {"name": "cap", "source": "assumption: test", "changes": {"targets": ["cap"]}}


def _dataset(tmp_path, items):
    folder = tiny_copy(tmp_path, measures={"base": "baseline", "list": items})
    return cp.load_dataset(folder)


def test_every_coalition_warm_equals_its_cold_rebuild(tmp_path):
    # rows that only some measures give (min_capacity, min_activity), a technology measure,
    # an added target and a cost (PV built and cheaper): each coalition reached by changing
    # numbers of the model of the base with every measure must solve to the rebuilt
    # coalition's optimum
    imports_and_cap = {"name": "imports_and_cap", "source": "assumption: test",
                       "changes": {**IMPORTS["changes"], **CAP["changes"]}}
    items = [CHEAP_PV, imports_and_cap, BATTERY]
    ds = _dataset(tmp_path, items)
    base, found = measures(ds)
    chain = CoalitionModel(ds, base, found)
    assert chain.reason == ""
    n = len(found)
    subsets = [frozenset(c) for r in range(n, -1, -1)
               for c in itertools.combinations(range(n), r)]
    for s in subsets:
        warm = chain.solve(s)
        cold = solve_scenario(with_measures(ds, base, [found[i] for i in sorted(s)], found),
                              "_measures")
        assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9), sorted(s)
        ew = warm.emissions_total["value"].to_numpy()
        ec = cold.emissions_total["value"].to_numpy()
        assert ew == pytest.approx(ec, rel=1e-9, abs=1e-6), sorted(s)  # kt
    assert (chain.warm, chain.cold) == (2**n, 0)
    # the coalitions differ (the test compares different optima, not one answer 32 times)
    assert len({round(chain.solve(frozenset({i})).objective, 3) for i in range(n)}) == 3


def test_shapley_values_warm_equal_cold(tmp_path):
    ds = _dataset(tmp_path, [PV, BATTERY])
    warm = measure_contributions(ds)
    cold = measure_contributions(ds, warm=False)
    assert (warm.warm, warm.cold, cold.warm) == (4, 0, 0)
    assert warm.by_year["abatement"].to_numpy() == pytest.approx(
        cold.by_year["abatement"].to_numpy(), abs=1e-9)  # Mt/yr
    assert warm.table["cost"].to_numpy() == pytest.approx(cold.table["cost"].to_numpy(),
                                                          rel=1e-9, abs=1e-9)


def test_what_cannot_be_reached_warm_is_solved_cold_and_says_why(tmp_path):
    lower_cap = {"name": "lower_cap", "source": "assumption: test",
                 "changes": {"targets": ["cap"], "target_values": {"cap": {"value": 4.7}}}}
    ds = _dataset(tmp_path, [PV, lower_cap])
    result = measure_contributions(ds)
    assert (result.warm, result.cold) == (0, 4)
    assert "lower_cap" in result.cold_reason
    assert "target_values" in result.cold_reason
    cold = measure_contributions(ds, warm=False)
    assert np.allclose(result.table["cost"], cold.table["cost"], rtol=1e-12)


@pytest.mark.filterwarnings("ignore::carbonpath.dataset.measure_checks.AppliedTargetWarning")
def test_a_target_the_base_already_has_stays_in_every_coalition(tmp_path):
    # plan has the cap; a measure that "adds" it changes nothing, so no coalition relaxes it
    # (warned of since round 22's P68: test_round22_rel67.py)
    folder = tiny_copy(tmp_path, measures={"base": "plan", "list": [PV, CAP]})
    ds = cp.load_dataset(folder)
    base, found = measures(ds)
    chain = CoalitionModel(ds, base, found)
    for s in (frozenset({0, 1}), frozenset({0}), frozenset()):
        cold = solve_scenario(with_measures(ds, base, [found[i] for i in sorted(s)], found),
                              "_measures")
        assert chain.solve(s).objective == pytest.approx(cold.objective, rel=1e-9)
    assert chain.cold == 0


def test_warm_coalitions_on_a_dataset_with_observed_years(tmp_path):
    # Liaocheng's 2024-25 are observed: new capacity exists in decision years only, and the
    # warm coalitions set its bounds there (they raised KeyError for ('ccus_ammonia', 2024))
    import shutil

    import yaml

    from carbonpath._resources import data_path
    from carbonpath.scenarios import measure_contributions

    folder = tmp_path / "liaocheng"
    shutil.copytree(data_path("datasets") / "liaocheng", folder)
    path = folder / "dataset.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["measures"] = {"base": "baseline", "year": 2030, "list": [
        {"name": "ccus", "technologies": ["ccus_ammonia"], "source": "assumption: test"},
        {"name": "green", "technologies": ["grid_import_green"], "source": "assumption: test"}]}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # the observed years, not the hours, are what this case is about: 2 model hours (of 12)
    result = measure_contributions(cp.load_dataset(folder), warm=True, hours=2)
    assert (result.warm, result.cold) == (4, 0)
    gap = result.gap
    assert float(gap["residual"].abs().max()) < 1e-9 * max(1.0, float(gap["gap"].abs().max()))
