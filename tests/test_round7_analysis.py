"""Round-7 cases of the scenario comparison and the run's measure MACC (issue 11).

R01: ``results/analysis/macc.csv`` labelled its units ``kt CO2/yr/yr; CNY/t CO2/yr; ...``
(the gas was read as everything after the scale of ``Mt CO2/yr``). C02: a scenario dearer
than the BAU that emits more got a negative cost per tonne (+120 MCNY over -0.59 Mt read as
-241 CNY/t, a saving). C03: ``compare_scenarios(ds, [])`` ended in a pandas ValueError.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from carbonpath.errors import ArgumentValueError, UnitError
from carbonpath.scenarios import compare_scenarios
from carbonpath.scenarios.measures import MeasureContributions
from carbonpath.scenarios.run_tables import macc_table
from carbonpath.units.parse import gas_of
from tests.conftest import edit


@pytest.mark.parametrize(("unit", "gas"), [("Mt CO2/yr", "CO2"), ("kt CO2e/yr", "CO2e"),
                                           ("Mt CO2", "CO2")])
def test_gas_of_an_emissions_unit(unit, gas):
    assert gas_of(unit) == gas


@pytest.mark.parametrize("unit", ["Mt", "Mt /yr", "Mt CO2 per yr"])
def test_gas_of_refuses_what_is_not_an_emissions_unit(unit):
    with pytest.raises(UnitError, match="emissions unit"):
        gas_of(unit)


@pytest.mark.parametrize("gas", ["CO2", "CO2e"])
def test_macc_units_name_the_gas_once_and_rates_only_for_rates(gas):
    # R01: two measures, abatement 0.8829 and 0 Mt/yr in 2030 (the case's pvm and bat)
    by_year = pd.DataFrame({"measure": ["pvm", "bat"], "year": [2030, 2030],
                            "abatement": [0.8829, 0.0], "unit": f"Mt {gas}/yr"})
    table = pd.DataFrame({"measure": ["pvm", "bat"], "abatement_cumulative": [2.649, 0.0],
                          "cost": [37.0, 0.0], "cost_per_tonne": [16.65, np.nan],
                          "note": ["", "no abatement"]})
    found = MeasureContributions("shapley", "baseline", by_year, table, pd.DataFrame(), 4)
    out = macc_table(found, 2030)
    assert set(out["units"]) == {f"kt {gas}/yr; CNY/t {gas}; kt {gas}; MCNY (discounted)"}
    assert out["abatement"].tolist() == pytest.approx([882.9, 0.0])  # Mt -> kt
    assert out["abatement_cumulative"].tolist() == pytest.approx([2649.0, 0.0])


def test_a_dearer_scenario_that_emits_more_has_no_cost_per_tonne(tiny):
    # C02: 'dirty' may not use PV, so the coal plant makes up the difference
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n", """    targets: [peak, cap]
  dirty:
    targets: []
    parameters:
      - {technology: pv, parameter: max_activity, year: 2025, value: 0, unit: GWh/yr,
         source: "assumption: t"}
      - {technology: pv, parameter: max_activity, year: 2030, value: 0, unit: GWh/yr,
         source: "assumption: t"}
""")
    c = compare_scenarios(str(tiny), ["baseline", "dirty"])
    cost = c.tables["cost"].set_index("scenario")
    e = {n: p.tables["emissions_total"]["value"].sum() / 1e3 for n, p in c.pathways.items()}
    extra = c.pathways["dirty"].objective - c.pathways["baseline"].objective
    assert extra > 0  # dearer
    assert e["dirty"] > e["baseline"]  # and more emitted
    assert cost.loc["dirty", "abatement_vs_bau"] == pytest.approx(e["baseline"] - e["dirty"])
    assert cost.loc["dirty", "cost_vs_reference"] == pytest.approx(extra)
    assert np.isnan(cost.loc["dirty", "cost_per_tonne"])  # not extra / negative abatement
    assert "emits more than the BAU" in cost.loc["dirty", "note"]
    assert cost.loc["baseline", "note"] == ""


def test_compare_scenarios_refuses_an_empty_list():
    with pytest.raises(ArgumentValueError, match=r"'scenarios' is empty.*baseline, plan"):
        compare_scenarios("tiny", [])
