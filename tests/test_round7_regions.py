"""Round-7 case MR22 (issue 11): a region listed twice in a target's or a group's regions.

A cap on ``region: [city, city]`` was accepted and shown as a group 'city+city' (city counted
once): the duplicate was neither refused nor warned. The same holds for ``region_groups``
and for the target names of a scenario.
"""

from __future__ import annotations

import pytest

from carbonpath import load_dataset
from carbonpath.errors import DataError
from tests.conftest import edit
from tests.test_model_network import _write


def test_a_region_listed_twice_in_a_target_is_refused(tmp_path):
    folder = _write(tmp_path / "bad")
    plan = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert "region: a\n" in plan
    (folder / "plan.yaml").write_text(plan.replace("region: a\n", "region: [a, a]\n"),
                                      encoding="utf-8")
    with pytest.raises(DataError, match="listed twice") as info:
        load_dataset(folder)
    [problem] = [p for p in info.value.problems if "listed twice" in p.message]
    assert (problem.file, problem.value) == ("plan.yaml", "a")
    assert problem.key.endswith(".region[1]")


def test_a_region_listed_twice_in_a_group_is_refused(tmp_path):
    folder = _write(tmp_path / "bad", targets=False,
                    config={"region_groups": {"public": ["a", "b", "a"]}})
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    [problem] = info.value.problems
    assert (problem.file, problem.key, problem.value) == (
        "dataset.yaml", "region_groups.public[2]", "a")
    assert "listed twice" in problem.message


def test_a_target_named_twice_in_a_scenario_is_refused(tiny):
    # the kind of MR22: [peak, cap, peak] where another target was probably meant
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, peak]")
    with pytest.raises(DataError) as info:
        load_dataset(tiny)
    [problem] = info.value.problems
    assert (problem.file, problem.key, problem.value) == (
        "dataset.yaml", "scenarios.plan.targets[2]", "peak")
    assert "twice" in problem.message
