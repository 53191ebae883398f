"""A discount year other than the base year (issue 11, DY01/DY02).

Costs are discounted to ``discount_year``; every cost per tonne (discounted cost over
discounted abatement) must discount the abatement to the same year, so that it does not
depend on the choice of that year, and every label must name the year used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.scenarios import compare_scenarios, measure_contributions, system_macc
from carbonpath.scenarios.compare import discount_factors
from tests.scenario_fixture import PV_PRICE, row, tiny_copy

approx = pytest.approx

# tiny: base year 2024, horizon 2030, r = 5 %, discounted to 2030:
# 1 / 1.05^(y - 2030) = 1.05^6, 1.05^5, ..., 1.05^1, 1 for 2024 .. 2030
DF_2030 = {2024: 1.05**6, 2025: 1.05**5, 2026: 1.05**4, 2027: 1.05**3, 2028: 1.05**2,
           2029: 1.05, 2030: 1.0}


@pytest.fixture(scope="module")
def tiny2030(tmp_path_factory):
    """tiny discounted to 2030, with one measure: PV forced to 100 MW in 2025, 1 GW in 2030."""
    pv = {"name": "pv", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1000, "MW", 2030)]}}
    folder = tiny_copy(tmp_path_factory.mktemp("dy"), measures={"list": [pv]},
                       discount_year=2030)
    return cp.load_dataset(folder)


@pytest.fixture(scope="module")
def tiny_comparison():
    """The bundled tiny (discounted to its base year), baseline against plan; read only."""
    return compare_scenarios(cp.load_dataset("tiny"), ["baseline", "plan"])


@pytest.fixture(scope="module")
def measures2030(tiny2030):
    """tiny2030's measure contributions; read only."""
    return measure_contributions(tiny2030)


def test_the_abatement_is_discounted_to_the_discount_year(tiny2030):
    assert tiny2030.discount_year == 2030
    factors = discount_factors(tiny2030)
    assert [factors[y] for y in range(2024, 2031)] == approx([DF_2030[y] for y in DF_2030])


def test_a_measure_costs_the_pv_price_per_tonne_whatever_the_discount_year(measures2030):
    # forced PV displaces coal at the PV price per tonne in every year (tutorial-tiny.md);
    # discounting cost and abatement to the same year keeps that price
    table = measures2030.table.set_index("measure")
    assert table.loc["pv", "cost_per_tonne"] == approx(PV_PRICE, rel=1e-6)


def test_the_scenario_cost_per_tonne_is_discounted_cost_over_discounted_abatement(
        tiny2030, tiny_comparison):
    comparison = compare_scenarios(tiny2030, ["baseline", "plan"])
    p = comparison.pathways
    extra = p["plan"].objective - p["baseline"].objective  # MCNY discounted to 2030
    e = {k: v.emissions_total.set_index("year")["value"] for k, v in p.items()}  # kt
    abated = sum((e["baseline"][y] - e["plan"][y]) * DF_2030[y] for y in DF_2030) / 1e3  # Mt
    cost = comparison.tables["cost"].set_index("scenario")
    assert cost.loc["plan", "cost_per_tonne"] == approx(extra / abated, rel=1e-9)
    # the same plan discounted to its base year costs the same per tonne
    base = tiny_comparison
    assert cost.loc["plan", "cost_per_tonne"] == approx(
        base.tables["cost"].set_index("scenario").loc["plan", "cost_per_tonne"], rel=1e-7)


def test_a_carbon_price_buys_pv_above_the_pv_price_whatever_the_discount_year(tiny2030):
    curve = system_macc(tiny2030, year=2030, prices=[0.9 * PV_PRICE, 1.1 * PV_PRICE])
    ab = curve.table.set_index("step")["abatement"]
    assert ab[1] == approx(0.0, abs=1e-9)
    assert ab[2] > 0.1  # Mt
    assert np.isfinite(curve.table["cost"]).all()


def test_every_label_names_the_discount_year(tiny2030, measures2030, tiny_comparison,
                                            tmp_path):
    import json

    from typer.testing import CliRunner

    from carbonpath.cli import app
    from carbonpath.run import run

    shown = CliRunner().invoke(app, ["optimise", str(tiny2030.path), "--scenario", "plan"],
                               env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "discounted at 5.0% to 2030)" in " ".join(shown.output.split())
    out = run(tiny2030.path, tmp_path / "out", sensitivity=0.0)
    meta = json.loads((out / "results" / "run.json").read_text(encoding="utf-8"))
    assert meta["dataset"]["discount_year"] == 2030
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "discounted to 2030" in report
    assert "1/(1+r)^(y−2030)" in report
    assert "discounted to 2024" not in report
    macc = pd.read_csv(out / "results" / "analysis" / "macc.csv")
    # the cost column names its discount year (rel13: "MCNY (discounted)" did not)
    assert set(macc["units"]) == {"kt CO2/yr; CNY/t CO2; kt CO2; MCNY (discounted to 2030)"}
    measures = measures2030.table
    assert set(measures["units"]) == {
        "Mt; Mt (discounted to 2030); MCNY (discounted to 2030); CNY/t"}
    # the report's cost per tonne is the plan's of scenario_cost.csv, discounted to 2030
    from carbonpath.report import overview
    from carbonpath.run import load_results

    per_tonne = overview.cost_per_tonne(load_results(out / "results"))["per_tonne"]
    table = pd.read_csv(out / "results" / "analysis" / "scenario_cost.csv").set_index("scenario")
    assert per_tonne == approx(table.loc["plan", "cost_per_tonne"], rel=1e-6)
    base = tiny_comparison.tables["cost"]
    assert per_tonne == approx(base.set_index("scenario").loc["plan", "cost_per_tonne"],
                               rel=1e-6)
