"""Round-10 cases (issue 11): the run and the report follow dataset.yaml's scenario roles.

B103: with ``roles: {cost_reference: ref}`` (``ref`` = the baseline with coal at 380 CNY/t)
the report's headline measured the plan against the scenario NAMED baseline (+19.5 MCNY)
while ``scenario_cost.csv`` and ``system_macc`` used ``ref`` (+332 MCNY). B104: with the
baseline renamed ``ref`` the report said "no baseline" and skipped the cost and the
sensitivity. B173: the wedge caption said "against the baseline" for wedges against ``ref``.
The expected costs come from a second path: each scenario solved on its own with
:class:`PathwayModel`, outside the run.
"""

from __future__ import annotations

import pytest

from carbonpath.dataset import load_dataset
from carbonpath.errors import CarbonpathWarning
from carbonpath.model import PathwayModel
from carbonpath.report import tables as T
from carbonpath.report.overview import cost_per_tonne
from carbonpath.report.render import render_report
from carbonpath.run import compute, save_results
from tests.conftest import edit

REF = """  ref:
    targets: []
    parameters:
      - {technology: coal_supply, parameter: variable_cost, value: 380, unit: CNY/t,
         source: "assumption: cheaper coal"}
roles: {cost_reference: ref, bau: ref, plan: plan}
"""


def _objective(folder, scenario):
    return PathwayModel(load_dataset(folder), scenario=scenario).solve().objective


# ref re-prices coal in every year, the observed base year too (round 28 MD48's warning);
# the cost of the target is measured against ref as it is, which is what this test checks
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.measure_checks.ObservedPriceWarning")
def test_the_run_and_report_measure_the_plan_against_the_cost_reference(tiny, tmp_path,
                                                                       placeholder_png):
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n", "    targets: [peak, cap]\n" + REF)
    plan, ref, base = (_objective(tiny, s) for s in ("plan", "ref", "baseline"))
    # the case only shows something when ref and baseline give different costs of the target
    assert abs((plan - ref) - (plan - base)) > 100.0
    result = compute(load_dataset(tiny), peak_years=[], sensitivity=0.3)
    assert result.meta["cost_reference"] == "ref"
    assert T.baseline_name(result) == "ref"
    total, by_year = T.cost_of_target(result)
    assert total == pytest.approx(plan - ref, rel=1e-6)
    assert by_year["difference_discounted"].sum() == pytest.approx(plan - ref, rel=1e-6)
    # the capex sensitivity: both scenarios re-solved, the reference is ref
    sens = result.sensitivity
    assert not sens.empty
    assert sens["cost_of_target"].sub(sens["change"]).iloc[0] == pytest.approx(plan - ref,
                                                                                rel=1e-6)
    # the cost per tonne: discounted extra cost over discounted abatement, both against ref
    em = {n: result.pathways[n]["emissions_total"].set_index("year")["value"]
          for n in ("plan", "ref")}
    df = {y: 1.05 ** -(y - 2024) for y in range(2024, 2031)}
    abated = sum((em["ref"][y] - em["plan"][y]) * df[y] for y in df) / 1e3  # Mt
    assert abated > 0
    assert cost_per_tonne(result)["per_tonne"] == pytest.approx((plan - ref) / abated, rel=1e-6)
    # written, read back and rendered: the report names ref and the wedges' reference
    save_results(result, tmp_path / "r")
    written = render_report(tmp_path / "r", tmp_path / "rep", formats=["png"])
    text = next(p for p in written.values() if str(p).endswith(".md")).read_text(
        encoding="utf-8")
    assert "The baseline here is the **ref** scenario" in text
    assert "against the baseline by lever" not in text


def test_a_renamed_baseline_named_by_the_role_is_used(tiny):
    # B104: baseline renamed ref, roles name it: the cost is plan minus ref, not "none"
    edit(tiny, "dataset.yaml", "  baseline:\n", "  ref:\n")
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\nroles: {cost_reference: ref, plan: plan}\n")
    plan, ref = _objective(tiny, "plan"), _objective(tiny, "ref")
    result = compute(load_dataset(tiny), peak_years=[], sensitivity=0.3)
    assert T.cost_of_target(result)[0] == pytest.approx(plan - ref, rel=1e-6)
    assert not result.sensitivity.empty


def test_a_run_without_a_cost_reference_says_so(tiny):
    # no role and no scenario called baseline: said on the terminal and in run.json
    edit(tiny, "dataset.yaml", "  baseline:\n", "  frozen:\n")
    with pytest.warns(CarbonpathWarning, match="no cost reference.*frozen, plan"):
        result = compute(load_dataset(tiny), peak_years=[], sensitivity=0.3)
    assert result.meta["cost_reference"] is None
    assert any("no cost reference" in w for w in result.meta["warnings"])
    assert T.cost_of_target(result)[0] != T.cost_of_target(result)[0]  # NaN
    assert result.sensitivity.empty


def test_a_plan_that_is_its_own_cost_reference_is_said(tiny):
    # B102: roles {cost_reference: plan, plan: plan}
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\nroles: {cost_reference: plan, plan: plan}\n")
    with pytest.warns(CarbonpathWarning, match="both the plan and the cost reference"):
        result = compute(load_dataset(tiny), peak_years=[], sensitivity=0.3)
    assert T.baseline_name(result) == "plan"
    assert T.cost_of_target(result)[0] != T.cost_of_target(result)[0]
    assert result.sensitivity.empty
