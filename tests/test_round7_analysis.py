"""Round-7 cases of the scenario comparison, the run's measure MACC and the catalogue (issue 11).

R01: ``results/analysis/macc.csv`` labelled its units ``kt CO2/yr/yr; CNY/t CO2/yr; ...``
(the gas was read as everything after the scale of ``Mt CO2/yr``). C02: a scenario dearer
than the BAU that emits more got a negative cost per tonne (+120 MCNY over -0.59 Mt read as
-241 CNY/t, a saving). C03: ``compare_scenarios(ds, [])`` ended in a pandas ValueError.
K02: one point of a catalogue trajectory in CNY/W was relabelled CNY/kW, not converted.
K14: errors of a user's catalogue copy named the bundled ``catalogue/parameters.csv``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath._resources import data_path
from carbonpath.catalogue import dataset_rows, load_catalogue
from carbonpath.cli import app
from carbonpath.dataset import load_dataset
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    DataError,
    InputNotFoundError,
    UnitError,
    UnknownNameError,
)
from carbonpath.run import compute
from carbonpath.scenarios import compare_scenarios, peak_cost_curve
from carbonpath.scenarios.measures import MeasureContributions
from carbonpath.scenarios.run_tables import macc_table
from carbonpath.sweeps import montecarlo
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


DIRTY = """    targets: [peak, cap]
  dirty:
    targets: []
    parameters:
      - {technology: pv, parameter: max_activity, year: 2025, value: 0, unit: GWh/yr,
         source: "assumption: t"}
      - {technology: pv, parameter: max_activity, year: 2030, value: 0, unit: GWh/yr,
         source: "assumption: t"}
"""


def test_a_dearer_scenario_that_emits_more_has_no_cost_per_tonne(tiny):
    # C02: 'dirty' may not use PV, so the coal plant makes up the difference
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n", DIRTY)
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


def test_the_cost_table_names_both_references(tiny):
    # RM04: cost_vs_reference is against the cost reference, cost_per_tonne against the BAU;
    # with roles bau: dirty and cost_reference: baseline the plan is dearer than the one
    # and, here, both cheaper and cleaner than the other
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         DIRTY + "roles: {bau: dirty, cost_reference: baseline, plan: plan}\n")
    c = compare_scenarios(str(tiny), ["baseline", "plan", "dirty"])
    cost = c.tables["cost"].set_index("scenario")
    assert set(cost["cost_reference"]) == {"baseline"}
    assert set(cost["bau"]) == {"dirty"}
    assert cost["units"].iloc[0] == ("MCNY (discounted; cost_vs_reference against "
                                     "cost_reference); Mt (abatement_vs_bau against bau); "
                                     "CNY/t (against bau)")
    obj = {n: p.objective for n, p in c.pathways.items()}
    emitted = {n: p.tables["emissions_total"].set_index("year")["value"]
               for n, p in c.pathways.items()}
    df = {y: 1.05 ** -(y - 2024) for y in range(2024, 2031)}  # discount_rate 0.05
    disc = {n: sum(e[y] * df[y] for y in e.index) / 1e3 for n, e in emitted.items()}
    assert cost.loc["plan", "cost_vs_reference"] == pytest.approx(obj["plan"] - obj["baseline"])
    assert cost.loc["plan", "cost_per_tonne"] == pytest.approx(
        (obj["plan"] - obj["dirty"]) / (disc["dirty"] - disc["plan"]))


def test_compare_scenarios_refuses_an_empty_list():
    with pytest.raises(ArgumentValueError, match=r"'scenarios' is empty.*baseline, plan"):
        compare_scenarios("tiny", [])


# --- the technology catalogue (K02, K12, K14) -------------------------------------------

PV_2030 = "pv_utility,capex,,2030,2800,2240.0,3360.0,CNY/kW"


def _user_catalogue(tmp_path, name, old, new):
    folder = tmp_path / name
    shutil.copytree(data_path("catalogue"), folder)
    text = (folder / "parameters.csv").read_text(encoding="utf-8")
    assert old in text
    (folder / "parameters.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_trajectory_point_in_another_unit_is_converted_not_relabelled(tmp_path):
    # K02: the same money written as 2.8 CNY/W among rows in CNY/kW; the bundled trajectory
    # is 3400 CNY/kW in 2023 and 2800 in 2030, so 2024 is 3400 - (3400 - 2800) / 7
    folder = _user_catalogue(tmp_path, "cat_K02", PV_2030,
                             "pv_utility,capex,,2030,2.8,2.24,3.36,CNY/W")
    cat = load_catalogue(folder)
    value, low, high, unit, _ = cat.value("pv_utility", "capex", 2030, ("CN-SD", "CN"))
    assert (value, low, high, unit) == (pytest.approx(2800), pytest.approx(2240),
                                        pytest.approx(3360), "CNY/kW")
    rows = dataset_rows("pv_utility", base_year=2024, horizon=2030, region="CN-SD",
                        catalogue=cat, endpoints=True).frames()["parameters"]
    capex = rows[rows["parameter"] == "capex"].set_index("year")
    assert set(capex["unit"]) == {"CNY/kW"}
    assert capex.loc[2030, "value"] == pytest.approx(2800)
    assert capex.loc[2024, "value"] == pytest.approx(3400 - 600 / 7)


def test_errors_of_a_user_catalogue_name_its_folder(tmp_path):
    # K14: the file is the user's copy, not the bundled catalogue/parameters.csv
    folder = _user_catalogue(tmp_path, "cat_K14", PV_2030,
                             "pv_utility,capex,,2030,2800000,2240.0,3360.0,CNY/kW")
    with pytest.raises(DataError, match=r"technology catalogue in .*cat_K14") as info:
        load_catalogue(folder)
    assert [(p.file, p.row, p.column) for p in info.value.problems] == [
        ("cat_K14/parameters.csv", 61, "value")]
    assert "catalogue/parameters.csv" not in str(info.value)


def test_catalogue_measures_names_where_the_measure_classes_are():
    # K12: docs/catalogue.md lists measure classes; the command has no category 'measures'
    result = CliRunner().invoke(app, ["catalogue", "measures"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "listed under supply, storage, transport and buildings" in result.output


@pytest.mark.parametrize(("call", "needle"), [
    (lambda: peak_cost_curve("tiny", years=[]), "'years' is empty"),
    (lambda: montecarlo("tiny", samples=2, scenarios=[], workers=1), "'scenarios' is empty"),
])
def test_an_empty_list_is_refused_not_read_as_the_default(call, needle):
    # the kind of C03: an empty list of what to solve is a mistake, not "all of them"
    with pytest.raises(ArgumentValueError, match=needle):
        call()


def test_a_peak_year_asked_twice_is_one_row():
    curve = peak_cost_curve("tiny", years=[2026, 2026])
    assert curve["peak_year"].tolist() == [2026]


def test_run_with_an_empty_list_of_peak_years_draws_no_peak_curve():
    # the same kind in run(): peak_years=[] had meant the default curve of five peak years
    result = compute(load_dataset("tiny"), peak_years=[], sensitivity=0)
    assert result.peak_curve.empty
    assert "peak_curve" not in result.meta.get("timings", {})


def test_the_docs_name_liaocheng_s_measures(liaocheng):
    # RM02: docs/scenarios.md said neither bundled dataset lists measures
    text = (Path(__file__).parents[1] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert "Neither bundled dataset lists measures" not in text
    names = [m["name"] for m in liaocheng.config["measures"]["list"]]
    assert names
    assert all(f"`{name}`" in text for name in names)


def test_a_near_name_in_a_short_list_comes_with_the_whole_list():
    # F01: SF6 is not C2F6; the five gases of the factor tables are named. Round 29 KE26:
    # SF6 and C2F6 share two characters of seven (similarity 0.5), under the 0.65 a Latin
    # suggestion needs, so none is offered, only the whole list
    result = CliRunner().invoke(app, ["factors", "--gas", "SF6"])
    assert result.exit_code == 1
    assert "valid: C2F6, CF4, CH4, CO2, N2O" in result.output
    assert "did you mean" not in result.output


# found beside K02/K14 (no case of their own): the catalogue API's arguments
@pytest.mark.parametrize(("call", "error", "needle"), [
    (lambda c: c.value("pv_utility", "capex", "2030", ("CN",)), ArgumentTypeError, "year"),
    (lambda c: c.value("pv_utility", "capex", 2030.5, ("CN",)), ArgumentTypeError, "year"),
    (lambda c: c.value("pv_utilit", "capex", 2030, ("CN",)), UnknownNameError, "pv_utility"),
    (lambda c: c.value("pv_utility", "capx", 2030, ("CN",)), UnknownNameError, "capex"),
    (lambda c: dataset_rows("pv_utility", base_year=2030, horizon=2024, catalogue=c),
     ArgumentValueError, "before horizon"),
])
def test_the_catalogue_api_refuses_what_it_would_misread(call, error, needle):
    with pytest.raises(error, match=needle):
        call(load_catalogue())


def test_a_parameter_the_technology_lacks_is_none():
    assert load_catalogue().value("pv_utility", "capture_rate", 2030, ("CN",)) is None


@pytest.mark.parametrize("name", ["nosuch", "VERSION"])
def test_load_catalogue_names_a_path_that_is_no_folder(tmp_path, name):
    path = tmp_path / name
    if name == "VERSION":
        path.write_text("0.2.0", encoding="utf-8")
    with pytest.raises(InputNotFoundError, match=r"no such folder|is a file"):
        load_catalogue(path)
