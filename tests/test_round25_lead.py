"""Round 25 (issue 11), found while merging rel83: a plan.yaml key the model never read.

``nonfossil_share_convention`` listed an optional ``coal_rate_basis`` that no code used: a
target asking for the generation basis got the dataset's ``thermal_power_coal_rate`` as it
stands, without a word. The key is no longer one the target takes, so it is refused as an
unknown key naming the target and the keys that are valid.
"""

import pytest

import carbonpath as cp
from carbonpath.errors import DataError


def test_a_target_key_no_code_reads_is_refused(tiny):
    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: nfs\n    type: nonfossil_share_convention\n    year: 2030\n"
                "    value: 0.02\n    convention: calorific\n    coal_rate_basis: generation\n"
                "    status: assumption\n    source: a test\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    text = str(err.value)
    assert "targets.nfs" in text
    assert "coal_rate_basis" in text
    assert "convention" in text  # the valid keys are listed
