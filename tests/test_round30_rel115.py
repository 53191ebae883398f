"""Round 30 (issue 11): MF92, MF104, MF67, MF99 on tiny and a catalogue copy.

tiny: scenarios ``baseline`` (no target) and ``plan`` (targets peak: peak_year 2026, cap:
4.8 Mt CO2); coal_supply variable_cost 400 CNY/t in parameters.csv.
"""

import dataclasses
import hashlib
import shutil
import warnings
from types import SimpleNamespace

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.catalogue import load_catalogue
from carbonpath.dataset.scenario_checks import (
    DroppedTargetsWarning,
    SwappedRolesWarning,
    swapped_roles_text,
)
from carbonpath.errors import ArgumentValueError, DataError
from carbonpath.model.results import OtherDatasetWarning
from tests.conftest import TINY, edit


def _add_yaml(folder, text):
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(text)


def _load(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.load_dataset(folder)
    return caught


def _of(caught, kind):
    return [str(w.message) for w in caught if issubclass(w.category, kind)]


# -- MF92: roles cost_reference and plan swapped ---------------------------------------------


def test_mf92_a_plan_without_targets_against_a_reference_with_them_is_warned(tiny):
    _add_yaml(tiny, "roles:\n  cost_reference: plan\n  plan: baseline\n")
    (msg,) = _of(_load(tiny), SwappedRolesWarning)
    # plan role -> baseline (targets: []); cost_reference -> plan (peak, cap); bau defaults to
    # the cost reference, so both reference roles name 'plan'
    assert msg.startswith("dataset.yaml, key roles.plan: the plan 'baseline' applies no "
                          "carbon target while roles.cost_reference and roles.bau name "
                          "'plan', which applies peak, cap")
    assert "wrong sign" in msg
    # the roles to write keep the keys dataset.yaml wrote, swapped
    assert msg.endswith("write roles: {cost_reference: baseline, plan: plan}")


def test_mf92_roles_the_right_way_round_and_a_frozen_bau_stay_quiet(tiny):
    _add_yaml(tiny, "roles:\n  cost_reference: baseline\n  plan: plan\n")
    assert _of(_load(tiny), SwappedRolesWarning) == []
    # a frozen BAU applies only its own mix, which is no carbon target
    role = {"bau": "frozen", "cost_reference": "baseline", "plan": "plan"}
    assert swapped_roles_text(role, {"frozen": [], "baseline": [], "plan": ["peak"]}) is None
    # a plan with targets beside a reference with targets (a stricter plan): not in doubt
    assert swapped_roles_text(role, {"baseline": ["cap"], "plan": ["peak"]}) is None


def test_mf92_the_run_record_names_swapped_roles():
    from carbonpath.run import _missing_reference

    def solved(*names):
        return SimpleNamespace(settings={"targets": [{"name": n, "type": "cap"} for n in names]})

    role = {"bau": "plan", "cost_reference": "plan", "plan": "baseline"}
    pathways = {"baseline": solved(), "plan": solved("peak", "cap")}
    (msg,) = _missing_reference(None, role, pathways)
    assert "the plan 'baseline' applies no carbon target" in msg
    assert "'plan', which applies peak, cap" in msg
    # no roles written: the suggestion names the cost reference and the plan
    assert msg.endswith("write roles: {cost_reference: baseline, plan: plan}")
    role = {"bau": "baseline", "cost_reference": "baseline", "plan": "plan"}
    assert _missing_reference(None, role, pathways) == []


# -- MF104: an extending scenario's targets list dropping every target of its parent ---------

_NF = ("  - {name: nf, type: nonfossil_share, year: 2030, value: 0.08, "
       "source: 'assumption: 8 % non-fossil by 2030'}\n"
       "  - {name: cap2, type: cap, value: 4.5, unit: Mt CO2, source: 'assumption: tighter'}\n"
       "  - {name: peak28, type: peak_year, year: 2028, source: 'assumption: later'}\n")


def test_mf104_a_targets_list_keeping_none_of_the_parents_is_warned(tiny):
    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(_NF)
    _add_yaml(tiny, "  plan_nf:\n    extends: plan\n    targets: [nf]\n")
    (msg,) = _of(_load(tiny), DroppedTargetsWarning)
    assert msg.startswith("dataset.yaml, key scenarios.plan_nf.targets: [nf] replaces the "
                          "targets of 'plan', which 'plan_nf' extends, so peak, cap no "
                          "longer apply in 'plan_nf'")
    assert "write targets: [peak, cap, nf]" in msg


def test_mf104_lists_that_keep_or_replace_the_parents_targets_stay_quiet(tiny):
    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(_NF)
    _add_yaml(tiny, "  keep:\n    extends: plan\n    targets: [peak, cap, nf]\n"
                    "  partly:\n    extends: plan\n    targets: [cap, nf]\n"
                    "  tighter:\n    extends: plan\n    targets: [peak28, cap2]\n"
                    "  none:\n    extends: plan\n    targets: []\n"
                    "  inherit:\n    extends: plan\n"
                    "  from_baseline:\n    extends: baseline\n    targets: [nf]\n")
    assert _of(_load(tiny), DroppedTargetsWarning) == []


def test_mf104_a_replacement_of_one_type_only_names_the_target_left_without(tiny):
    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(_NF)
    _add_yaml(tiny, "  capped:\n    extends: plan\n    targets: [cap2]\n")
    (msg,) = _of(_load(tiny), DroppedTargetsWarning)
    # cap2 (type cap) stands in for cap; the peak_year target has none in its place
    assert msg.endswith("if dropping peak is meant, nothing needs changing")


# -- MF67: compare_baseline with a baseline solved from another dataset ----------------------


@pytest.fixture(scope="module")
def plan_and_other(tmp_path_factory):
    other = tmp_path_factory.mktemp("mf67") / "other"
    shutil.copytree(TINY, other)
    edit(other, "parameters.csv", ",400,CNY/t", ",4000,CNY/t")
    plan = cp.PathwayModel("tiny", "plan").solve()
    return plan, cp.PathwayModel(other, "baseline").solve(), other


def test_mf67_a_baseline_of_another_dataset_is_named_with_the_files_that_differ(
        plan_and_other):
    plan, theirs, other = plan_and_other
    plan = dataclasses.replace(plan, warnings=[])
    # the files told apart by hand: only parameters.csv was edited
    digest = {f.name: hashlib.sha256(f.read_bytes()).hexdigest()
              for f in TINY.iterdir() if f.suffix in (".csv", ".yaml")}
    changed = sorted(f.name for f in other.iterdir()
                     if f.suffix in (".csv", ".yaml")
                     and hashlib.sha256(f.read_bytes()).hexdigest() != digest.get(f.name))
    assert changed == ["parameters.csv"]
    with pytest.warns(OtherDatasetWarning) as record:
        found = plan.compare_baseline(theirs)
    assert str(record[0].message) == found[0]
    assert found[0].startswith(f"the baseline 'baseline' of dataset 'other' ({other}) was "
                               "solved from another dataset than this pathway 'plan' of "
                               "dataset 'tiny'")
    assert "their files differ (parameters.csv)" in found[0]
    assert plan.warnings[0] == found[0]


def test_mf67_a_baseline_of_the_same_dataset_or_another_gas(plan_and_other):
    plan, theirs, _ = plan_and_other
    plan = dataclasses.replace(plan, warnings=[])
    same = dataclasses.replace(plan, scenario="ref", warnings=[])  # same files: quiet
    with warnings.catch_warnings():
        warnings.simplefilter("error", OtherDatasetWarning)
        assert plan.compare_baseline(same) == []
    co2e = dataclasses.replace(theirs, settings={**theirs.settings, "gas": "CO2e"})
    with pytest.raises(ArgumentValueError, match="counts emissions with gas 'CO2e'"):
        plan.compare_baseline(co2e)


# -- MF99: an efficiency typed where the input per unit of output belongs --------------------


def test_mf99_catalogue_efficiency_typed_as_the_input_rate_is_read_as_such(tmp_path):
    folder = tmp_path / "cat"
    shutil.copytree(data_path("catalogue"), folder)
    edit(folder, "flows.csv", "coal_usc,raw_coal,input,8.0,7.6596,8.3721,GJ/MWh,",
         "coal_usc,raw_coal,input,0.45,0.43,0.47,MWh/MWh,")
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    value, low = err.value.problems[:2]
    assert (value.row, value.column, low.column) == (6, "value", "low")
    # 0.45 MWh/MWh of coal per MWh: 1/0.45 = 222 % efficiency; 45 % is 1/0.45 = 2.22 MWh/MWh,
    # 2.222 x 3.6 GJ/MWh = 8.0 GJ/MWh (the catalogue's own row)
    assert "(0.45 GJ of fuel per GJ of output: an efficiency of 222%)" in value.message
    assert value.message.endswith("probably the efficiency (45%) typed where the input per "
                                  "unit of output belongs: at 45% that is 1/0.45 = 2.22 "
                                  "MWh/MWh (8 GJ/MWh)")
    assert "MJ for GJ" not in value.message
    # low 0.43: 1/0.43 = 233 %; 2.33 MWh/MWh = 8.37 GJ/MWh
    assert "an efficiency of 233%" in low.message
    assert "1/0.43 = 2.33 MWh/MWh (8.37 GJ/MWh)" in low.message


@pytest.mark.parametrize(("value", "unit", "reading"), [
    # 45 in percent: 100/45 = 2.22 MWh/MWh, an efficiency of 1/45 = 2.2 % as typed
    (45.0, "MWh/MWh", "typed in percent where the input per unit of output belongs: at 45% "
                      "that is 100/45 = 2.22 MWh/MWh (8 GJ/MWh)"),
    # 0.45 GJ/MWh = 0.125 GJ/GJ (800 %); 45 % is 1/0.45 GJ/GJ = 2.222 x 3.6 = 8 GJ/MWh
    (0.45, "GJ/MWh", "at 45% that is 1/0.45 = 8 GJ/MWh"),
    # 8 MJ/MWh: x1000 is 8 GJ/MWh = 2.222 GJ/GJ, 45 %
    (8.0, "MJ/MWh", "(MJ for GJ: 8 GJ/MWh would be an efficiency of 45%)"),
])
def test_mf99_fuel_rate_readings(value, unit, reading):
    from carbonpath.dataset.slips import fuel_rate_problem

    problem = fuel_rate_problem("raw_coal", "coal_usc", value, unit, "MWh", "GJ",
                                {"file": "flows.csv", "row": 2}, "hint")
    assert reading in problem.message


def test_mf99_carrier_rate_reads_an_efficiency_typed_for_the_input():
    from carbonpath.dataset.carrier_rates import _reading

    # a fuel cell: 0.5 MWh of hydrogen per MWh of electricity is 1.8 GJ in for 3.6 GJ out
    # (200 %); 1/0.5 = 2 MWh/MWh is 7.2 GJ in, 3.6 / 7.2 = 50 %
    flow = pd.Series({"commodity": "hydrogen", "direction": "input", "value": 0.5,
                      "unit": "MWh/MWh"})
    row = (4, flow, 1.8, "hydrogen", True, "MWh")
    bound, text = _reading(row, 3.6, 1.8, 1.0, 0.3, lambda x: f"an efficiency of {x:.0%}")
    assert bound == pytest.approx(1.0)  # 100 %: 3.6 GJ in = 1 MWh/MWh
    assert text == ("; 1/0.5 = 2 MWh/MWh (the efficiency typed where the input per unit of "
                    "output belongs?) would give an efficiency of 50%")
