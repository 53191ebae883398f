"""Round 30 (rel114): plan bounds on activity written in a power unit, and where a scenario's
unit-only change of a target is named.

MF27 (MF29, MF61): a plan.yaml bound with ``quantity: activity`` given in MW or 万千瓦 was read
as a year-round average without a word, while the same value in parameters.csv, demands.csv
or a scenario override gave the PowerUnitWarning. MF66: ``update(target=...)`` of such a bound
in MW, likewise. MF116: a scenario's ``target_values: {cap: {unit: kt CO2}}`` was refused at
plan.yaml's ``targets.cap.value``, a key the user had not touched.
"""

from __future__ import annotations

import warnings

import pytest

import carbonpath as cp
from carbonpath import DataError, load_dataset
from carbonpath.dataset.role_checks import PowerUnitWarning
from carbonpath.dataset.scenario_checks import target_place
from carbonpath.errors import ImplausibleValueError
from carbonpath.model.build import PathwayModel
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _with_bound(folder, side="min", value="300", unit="MW", quantity="activity",
                technology="pv", extra=""):
    """tiny with a plan bound 'bnd' on pv in 2030 applied by scenario plan (+ dataset.yaml)."""
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(f"  - {{name: bnd, type: bound, technology: {technology}, quantity: {quantity}, "
                f"{side}: {{value: {value}, unit: {unit}}}, years: [2030], "
                "source: \"assumption: test\"}\n")
    edit(folder, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, bnd]")
    if extra:
        with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
            f.write(extra)


def _power_texts(folder):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in record if issubclass(w.category, PowerUnitWarning)]


def test_mf27_plan_bound_on_activity_in_mw_warns(tiny):
    # pv activity unit MWh: 300 MW x 8,760 h = 2,628,000 MWh/yr
    _with_bound(tiny)
    (text,) = _power_texts(tiny)
    assert text.startswith("plan.yaml, key targets.bnd.min: the pv activity bound (min) is "
                           "300 MW, a power; the value is an energy per year (MWh/yr), so it "
                           "is read as an average over the year's 8,760 hours: 2.628e+06 "
                           "MWh/yr;")
    assert "a rating in a bound with quantity: capacity" in text


def test_mf61_plan_bound_in_wan_kilowatt_warns(tiny):
    # 600 万千瓦 = 6,000 MW; x 8,760 h = 52,560,000 MWh/yr
    _with_bound(tiny, side="max", value="600", unit="万千瓦", technology="coal_power")
    (text,) = _power_texts(tiny)
    assert text.startswith("plan.yaml, key targets.bnd.max: the coal_power activity bound "
                           "(max) is 600 万千瓦, a power;")
    assert "8,760 hours: 5.256e+07 MWh/yr;" in text


@pytest.mark.parametrize(("unit", "quantity"), [("GWh/yr", "activity"), ("MW", "capacity")])
def test_mf27_bound_in_energy_or_on_capacity_stays_quiet(tiny, unit, quantity):
    _with_bound(tiny, value="2628" if unit == "GWh/yr" else "300", unit=unit,
                quantity=quantity)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_mf27_scenario_target_values_bound_in_mw_warns(tiny):
    # plan.yaml's bound is an energy (quiet); the scenario's change to 300 MW is named there
    _with_bound(tiny, value="2628", unit="GWh/yr",
                extra="  plan_mw:\n    extends: plan\n    target_values:\n"
                      "      bnd: {min: {value: 300, unit: MW}}\n")
    (text,) = _power_texts(tiny)
    assert text.startswith("dataset.yaml, key scenarios.plan_mw.target_values.bnd.min: the pv "
                           "activity bound (min) is 300 MW, a power;")
    assert "2.628e+06 MWh/yr;" in text


def test_mf66_update_of_an_activity_bound_in_mw_warns(tiny):
    _with_bound(tiny, value="2628", unit="GWh/yr")
    pm = PathwayModel(load_dataset(tiny), "plan")
    with pytest.warns(PowerUnitWarning, match=r"^update\(target='bnd'\), the bound's min: the "
                      r"pv activity bound \(min\) is 300 MW, a power; .*: 2\.628e\+06 MWh/yr;"):
        pm.update(target="bnd", value=cp.Q_(300, "MW"))
    with assert_no_carbonpath_warnings():
        pm.update(target="bnd", value=cp.Q_(2628, "GWh/yr"))


def test_mf116_unit_only_change_is_named_at_the_unit(tiny):
    # cap 4.8 Mt in plan.yaml; the scenario makes it 4.8 kt: 4.8 / 4382 kt = 0.0011 of 2024's
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("  plan_kt:\n    extends: plan\n    target_values:\n      cap: {unit: kt CO2}\n")
    with pytest.raises(ImplausibleValueError) as err:
        PathwayModel(load_dataset(tiny), "plan_kt")
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("dataset.yaml",
                                           "scenarios.plan_kt.target_values.cap.unit")
    assert "0.0011 times" in problem.message


def test_mf116_unit_of_wrong_dimension_is_named_at_the_unit(tiny):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("  plan_gwh:\n    extends: plan\n    target_values:\n      cap: {unit: GWh}\n")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("dataset.yaml",
                                           "scenarios.plan_gwh.target_values.cap.unit")


def test_mf116_target_place_rules():
    # a value the scenario set is named there; a unit alone set names the unit; else plan.yaml
    assert target_place({"value": "s"}, "cap", "value")["key"] == \
        "scenarios.s.target_values.cap.value"
    assert target_place({"unit": "s"}, "cap", "value")["key"] == \
        "scenarios.s.target_values.cap.unit"
    assert target_place({"unit": "s"}, "lim", "values.2030")["key"] == \
        "scenarios.s.target_values.lim.unit"
    assert target_place({"years": "s"}, "cap", "value") == {"file": "plan.yaml",
                                                             "key": "targets.cap.value"}
