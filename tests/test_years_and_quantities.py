"""Years of dataset.yaml within range (findings X10, D54) and Q_ magnitudes (finding H01)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.errors import ArgumentTypeError, DataError
from carbonpath.numbers import YEAR_RANGE


def _tiny_with(tmp_path, key, value):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "dataset.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    assert len(hits) == 1
    lines[hits[0]] = f"{key}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("key", "value"), [
    ("price_year", 2999),                   # X10: accepted and printed as "(2999 prices...)"
    ("horizon", 100000000000000000000),     # D54: OverflowError traceback in Dataset.years
    ("base_year", 1066),
])
def test_a_year_of_dataset_yaml_out_of_range_is_refused(tmp_path, key, value):
    with pytest.raises(DataError) as err:
        cp.load_dataset(_tiny_with(tmp_path, key, value))
    problem = err.value.problems[0]
    assert (problem.file, problem.key, problem.value) == ("dataset.yaml", key, value)
    assert f"{YEAR_RANGE[0]} to {YEAR_RANGE[1]}" in problem.valid


@pytest.mark.parametrize("magnitude", ["abc", "3", b"3", None, True])
def test_q_refuses_a_magnitude_that_is_not_a_number(magnitude):
    with pytest.raises(ArgumentTypeError, match="magnitude must be a number"):
        cp.Q_(magnitude, "t")


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**6, 10**6)))
def test_q_keeps_every_number(value):
    q = cp.Q_(value, "t")
    assert isinstance(q, cp.ureg.Quantity)
    assert q.magnitude == value
    assert cp.Q_("3 t").to("kg").magnitude == 3000
    assert np.array_equal(cp.Q_([1.0, 2.0], "t").magnitude, [1.0, 2.0])
