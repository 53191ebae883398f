"""Round-11 model-side cases (issue 11).

D152/D154: any ``roles`` assignment the dataset accepts must run and render. With the plan as
its own cost reference the report's scenario order listed the scenario twice, and pandas
failed in the summary ("cannot reindex on an axis with duplicate labels"). The expected
costs come from a second path: each scenario solved on its own with :class:`PathwayModel`.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.dataset import load_dataset
from carbonpath.model import PathwayModel
from carbonpath.run import run
from tests.conftest import edit

B, P = "baseline", "plan"


@pytest.mark.parametrize(("bau", "reference", "plan"), [
    (B, B, B),  # D152: the plan role on the baseline
    (P, P, P),  # D154: the cost reference on the plan
    (B, P, B),  # swapped: the plan costs less than its reference
])
def test_every_roles_assignment_runs_and_renders(tiny, tmp_path, bau, reference, plan):
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         f"    targets: [peak, cap]\nroles: {{bau: {bau}, cost_reference: {reference}, "
         f"plan: {plan}}}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = run(tiny, out=tmp_path / "r", peak_years=[], sensitivity=0.0)
    text = (out / "report.md").read_text(encoding="utf-8")
    section = text.split("### Cost of the target", 1)[1].split("###", 1)[0]
    if reference == plan:
        assert f"The plan (**{plan}**) is also the cost reference" in section
        assert "million CNY" not in section
        return
    objective = {s: PathwayModel(load_dataset(tiny), scenario=s).solve().objective
                 for s in (B, P)}
    diff = objective[plan] - objective[reference]  # MCNY, discounted
    assert abs(diff) > 1.0  # the targets bind on tiny: the sign below is meaningful
    word = "more" if diff > 0 else "less"
    assert f"costs **{abs(diff):,.1f} million CNY** {word} than the baseline" in section
