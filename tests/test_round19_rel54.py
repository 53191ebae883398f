"""Round 19 (tester V), model side: messages that must name file, row, column and what is valid.

Each test edits a copy of ``tiny`` as the tester did. tiny's rows used below (header = 1):
profiles.csv rows 2-5 are pv's hours 0-3 of day 'typical', rows 6-9 load's; so a line appended
to profiles.csv is row 10. dataset.yaml has one day, 'typical', of 4 hours.
"""

from __future__ import annotations

import pytest

from carbonpath import DataError, load_dataset
from tests.conftest import edit


def _problems(folder):
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    return err.value.problems


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


# --- V06, V07, V42: profiles that repeat or lack a (day, hour) -----------------------------


def test_repeated_profile_hour_names_both_rows_and_the_day_hour(tiny):
    """V06: a second pv hour-2 row (row 10) beside row 4."""
    _append(tiny, "profiles.csv", "pv,typical,2,0.5,1,assumption: dup hour")
    (problem,) = _problems(tiny)
    assert (problem.file, problem.row, problem.column) == ("profiles.csv", 10, "hour")
    assert "(day 'typical', hour 2) in rows 4, 10" in problem.message
    assert "rows 4, 10" in problem.valid


def test_missing_profile_hour_is_named(tiny):
    """V07: pv's hour-3 row deleted leaves 3 of the 1 x 4 values, hour 3 missing."""
    edit(tiny, "profiles.csv", "pv,typical,3,0,1,assumption: toy (15% capacity factor)\n", "")
    (problem,) = _problems(tiny)
    assert (problem.file, problem.column) == ("profiles.csv", "profile")
    assert "has 3 of the 4 (day, hour) values it needs; missing: day 'typical' hour 3" in (
        problem.message)


def test_day_added_without_profile_rows_names_the_day_for_each_profile(tiny):
    """V42: a day 'peak' (2 days x 4 hours = 8 values) and no rows for it: each profile has 4."""
    edit(tiny, "dataset.yaml", "    - {name: typical, weight: 365}",
         "    - {name: typical, weight: 360}\n    - {name: peak, weight: 5}")
    problems = _problems(tiny)
    named = sorted(p.message.split("'")[1] for p in problems)
    assert named == ["load", "pv"]
    for p in problems:
        assert "has 4 of the 8 (day, hour) values it needs; missing: day 'peak' all 4 hours" in (
            p.message)
        assert "(typical, peak)" in p.valid
