"""Round 23 (tester G, model data): rows the technology's kind, level or capacity cannot use.

G01 G04 G06 G07 (storage parameters on other kinds), G02 (utilisation on a timeslice
technology), G159 G160 G161 G177 (per-capacity parameters on an import without capacity),
G13 (storage_commodity on a supply technology), G77 (adequacy data without reserves.csv),
G109 (an allow that undoes no disallow); and the same rows by scenario overrides.

tiny's parameters.csv has 23 lines (header + 22 rows), so an appended row is row 24; its
technologies.csv lists pv on line 4 (header line 1). grid_import and coal_supply are
imports with no residual_capacity, max_capacity or capex rows: they have no capacity.
"""

from __future__ import annotations

import warnings

import pytest
import yaml

from carbonpath import load_dataset
from carbonpath.dataset.operations import UnreadParameterWarning
from carbonpath.dataset.scenarios import IdleAllowWarning
from carbonpath.errors import DataError
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

ROW = 24


def _append(folder, line):
    with open(folder / "parameters.csv", "a", encoding="utf-8") as f:
        f.write(line + ",assumption: test\n")


def _plan(folder, key, value):
    path = folder / "dataset.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["scenarios"]["plan"][key] = value
    path.write_text(yaml.safe_dump(config), encoding="utf-8")


@pytest.mark.parametrize(("line", "name", "why"), [
    ("coal_power,charge_efficiency,,0.9,1", "charge_efficiency", "storage parameter"),  # G01
    ("pv,standing_loss,,0.01,1/hour", "standing_loss", "storage parameter"),  # G06
    ("pv,capex_energy,,800,CNY/kWh", "capex_energy", "storage parameter"),  # G04
    ("coal_power,max_energy_capacity,,100,MWh", "max_energy_capacity", "storage parameter"),
    ("coal_power,utilisation,,5000,MWh/MW/yr", "utilisation", "max_full_load_hours"),  # G02
    ("grid_import,min_full_load_hours,,3000,h/yr", "min_full_load_hours", "has none"),
    ("grid_import,fixed_om,,50,CNY/kW/yr", "fixed_om", "has none"),  # G160
    ("grid_import,min_output,,0.5,1", "min_output", "has none"),  # G177
    ("coal_supply,availability,,0.5,1", "availability", "has none"),  # G161
])
def test_row_read_by_nothing_is_refused(tiny, line, name, why):
    _append(tiny, line)
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("parameters.csv", ROW, "parameter", name)
    assert why in f"{p.message} {p.valid}"


def test_storage_commodity_on_supply_refused(tiny):  # G13
    edit(tiny, "technologies.csv", "pv,,assumption", "pv,electricity,assumption")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("technologies.csv", 4, "storage_commodity",
                                                  "electricity")


def test_adequacy_without_reserves_warned(tiny):  # G77: tiny has no reserves.csv
    _append(tiny, "grid_import,firm_capacity,,200,MW")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    text = [str(w.message) for w in caught if issubclass(w.category, UnreadParameterWarning)]
    assert len(text) == 1
    assert f"row {ROW}" in text[0]
    assert "reserves.csv" in text[0]


def test_capacity_row_later_given_by_scenario_is_warned(tiny):  # G159 with a capex scenario
    _append(tiny, "grid_import,fixed_om,,50,CNY/kW/yr")
    _plan(tiny, "parameters", [{"technology": "grid_import", "parameter": "max_capacity",
                                "value": 200, "unit": "MW", "source": "test"}])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    assert any(issubclass(w.category, UnreadParameterWarning) and "fixed_om" in str(w.message)
               for w in caught)


def test_override_row_read_by_nothing_refused(tiny):
    _plan(tiny, "parameters", [{"technology": "coal_power", "parameter": "charge_efficiency",
                                "value": 0.9, "unit": "1", "source": "test"}])
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert p.file == "dataset.yaml"
    assert p.key == "scenarios.plan.parameters[0].parameter"


def test_scenario_csv_row_read_by_nothing_refused(tiny):
    (tiny / "scenarios" / "plan").mkdir(parents=True)
    (tiny / "scenarios" / "plan" / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\n"
        "grid_import,fixed_om,,50,CNY/kW/yr,test\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, str(p.row), p.value) == ("scenarios/plan/parameters.csv", "2", "fixed_om")


def test_idle_allow_warned(tiny):  # G109: nothing disallows coal_supply
    _plan(tiny, "allow", ["coal_supply"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    text = [str(w.message) for w in caught if issubclass(w.category, IdleAllowWarning)]
    assert text
    assert "scenarios.plan.allow" in text[0]
    assert "investable" in text[0]


def test_allow_undoing_a_parent_disallow_quiet(tiny):
    config = yaml.safe_load((tiny / "dataset.yaml").read_text(encoding="utf-8"))
    config["scenarios"]["baseline"]["disallow"] = ["pv"]
    config["scenarios"]["plan"].update({"extends": "baseline", "allow": ["pv"]})
    (tiny / "dataset.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_right_rows_quiet(tiny):
    _append(tiny, "coal_power,max_full_load_hours,,5000,h/yr")  # the bound G02 meant
    _append(tiny, "battery,standing_loss,,0.001,1/hour")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_fixed_utilisation_on_timeslice_refused(tiny):  # G02/G08: decision years ignore it
    # coal_power (line 3) is timeslice; with fixed_utilisation true and a utilisation of
    # 5,868.6 h it still ran 6,268.6 GWh on 1 GW in 2026-30 (6,269 h): the flag did nothing
    edit(tiny, "technologies.csv", "storage_commodity,source", "storage_commodity,source,"
         "fixed_utilisation")
    lines = (tiny / "technologies.csv").read_text(encoding="utf-8").splitlines()
    lines = [lines[0]] + [ln + (",true" if ln.startswith("coal_power,") else ",false")
                          for ln in lines[1:]]
    (tiny / "technologies.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("technologies.csv", 3, "fixed_utilisation")
    assert "max_full_load_hours" in p.valid


def test_capacity_given_by_scenario_csv_is_warned(tiny):  # the scenario folder's rows count
    _append(tiny, "grid_import,fixed_om,,50,CNY/kW/yr")
    (tiny / "scenarios" / "plan").mkdir(parents=True)
    (tiny / "scenarios" / "plan" / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\n"
        "grid_import,max_capacity,,200,MW,test\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    assert any(issubclass(w.category, UnreadParameterWarning) and "fixed_om" in str(w.message)
               for w in caught)
