"""Shared test configuration: hypothesis profiles, and a copy of ``datasets/tiny`` to edit.

``HYPOTHESIS_PROFILE=ci`` (set by .ci/run) keeps solver property tests short; the default
profile explores more examples locally.

The ``tiny`` fixture is a fresh copy of the bundled ``tiny`` dataset in a temporary folder;
:func:`edit` changes one piece of text in one of its files, as a user would, and
:func:`only_problem` returns the single problem of a raised carbonpath error. Import the two
helpers with ``from tests.conftest import edit, only_problem``. A module defining its own
``tiny`` fixture overrides this one.
"""

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

from carbonpath._resources import data_path

# CI: few examples, and the same ones on every run (derandomize), so a CI verdict does not
# depend on the draw; the dev profile draws afresh and is where new failures are found.
settings.register_profile(
    "ci", max_examples=15, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: The bundled hand-solvable dataset.
TINY = data_path("datasets") / "tiny"


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def only_problem(err):
    assert len(err.value.problems) == 1, err.value.problems
    return err.value.problems[0]
