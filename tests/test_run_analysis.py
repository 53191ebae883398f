"""`carbonpath run` saves the scenario comparison and the wedges of the plan against the BAU."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from carbonpath.report.overview import OPTIONAL_TABLES
from carbonpath.run import load_results
from carbonpath.scenarios.levers import LEVERS

# tiny, solved by hand (datasets/tiny/README.md): the baseline's emissions grow by the same
# step every year; the plan holds its 2026 level by cleaner power (demands are the same)
TINY_STEP = 4829.551487213377 - 4680.228558381377  # kt/yr, baseline 2027 minus 2026
TINY_PEAK = 2026


@pytest.fixture(scope="module")
def results(tiny_out) -> Path:
    return tiny_out / "results"


def test_wedges_add_up_to_the_bau_minus_plan_gap(results):
    path = results / OPTIONAL_TABLES["wedges"][0]
    wedges = pd.read_csv(path)
    assert set(wedges["lever"]) == set(LEVERS)
    assert set(wedges["scenario"]) == {"plan"}
    assert set(wedges["reference"]) == {"baseline"}
    total = {s: pd.read_csv(results / "pathways" / s / "emissions_total.csv"
                            ).set_index("year")["value"] for s in ("baseline", "plan")}
    gap = total["baseline"] - total["plan"]
    by_year = wedges.groupby("year")["value"].sum()
    assert list(by_year.index) == list(gap.index)
    np.testing.assert_allclose(by_year.to_numpy(), gap.to_numpy(), rtol=0, atol=1e-9)
    # by hand: the gap is (y - 2026) steps from 2026 on, and all of it is cleaner power
    hand = pd.Series([max(0, y - TINY_PEAK) * TINY_STEP for y in gap.index], index=gap.index)
    np.testing.assert_allclose(by_year.to_numpy(), hand.to_numpy(), rtol=1e-9, atol=1e-6)
    power = wedges[wedges["lever"] == "power_carbon_intensity"].set_index("year")["value"]
    np.testing.assert_allclose(power.to_numpy(), hand.to_numpy(), rtol=1e-9, atol=1e-6)
    others = wedges[wedges["lever"] != "power_carbon_intensity"]["value"]
    assert np.abs(others).max() < 1e-9  # same GDP and demands in both scenarios


def test_the_comparison_tables_are_saved_and_loaded(results):
    loaded = load_results(results)
    assert {"scenario_emissions", "scenario_cost", "scenario_indicators", "scenario_capacity",
            "wedges"} <= set(loaded.analysis)
    em = loaded.analysis["scenario_emissions"]
    plan = em[em["scenario"] == "plan"].set_index("year")
    # Mt: the plan's 2030 gap to the BAU is four steps (kt -> Mt)
    assert plan.loc[2030, "gap_to_bau"] == pytest.approx(4 * TINY_STEP / 1e3, rel=1e-9)
    cost = loaded.analysis["scenario_cost"].set_index("scenario")
    assert cost.loc["plan", "abatement_vs_bau"] == pytest.approx(
        sum(range(1, 5)) * TINY_STEP / 1e3, rel=1e-9)


def test_the_run_draws_the_measure_macc_checked_by_hand(tmp_path):
    from carbonpath.run import run as run_job
    from tests.scenario_fixture import CO2_PER_MWH, PV_PRICE, row, tiny_copy

    pv = {"name": "pv", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1000, "MW", 2030)]}}
    battery = {"name": "battery", "source": "assumption: test", "technologies": ["battery"]}
    folder = tiny_copy(tmp_path, measures={"base": "baseline", "year": 2030,
                                           "list": [pv, battery]})
    out = run_job(str(folder), tmp_path / "out", peak_years=[2027], sensitivity=0.0)
    macc = pd.read_csv(out / "results" / OPTIONAL_TABLES["macc"][0]).set_index("measure")
    # by hand: the baseline keeps its 100 MW of PV and builds none (dearer than coal power);
    # the measure forces 1000 MW in 2030, so 900 MW new, whose 1314 full-load hours displace
    # coal power one for one: 0.9 x 1314 GWh x the coal plant's t CO2/MWh = kt in 2030, at
    # the levelised PV premium per tonne
    assert macc.loc["pv", "year"] == 2030
    assert macc.loc["pv", "abatement"] == pytest.approx(0.9 * 1314 * CO2_PER_MWH, rel=1e-6)
    # N86: the CNY/t column is cost_per_tonne (it was `cost`, which is MCNY in measures.csv)
    assert "cost" not in macc.columns
    assert macc.loc["pv", "cost_per_tonne"] == pytest.approx(PV_PRICE, rel=1e-6)
    # the battery is not built by the least-cost baseline either way: no abatement, no cost
    # per tonne, said in its note, and left out of the figure by name
    assert macc.loc["battery", "abatement"] == pytest.approx(0.0, abs=1e-6)
    assert np.isnan(macc.loc["battery", "cost_per_tonne"])
    assert macc.loc["battery", "note"] == "no abatement"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="figure-macc"' in html
    assert (out / "figures" / "macc.png").is_file()
