"""Round-8 case MC01: the Monte Carlo median peak year counts the samples that never peak."""

from __future__ import annotations

import math

import pytest

from carbonpath.sweeps.analysis import median_peak_year
from tests.test_round7_rel8 import _samples


@pytest.mark.parametrize(("peaking", "n", "expected"), [
    ([2024, 2024, 2024], 8, math.inf),   # MC01: 3 of 8 peak (2024), 5 never -> after
    # round 13 (H93): the lower median, the first year by which half have peaked (was the
    # mean of the middle two: 2026.5, 2025.5 and, for exactly half, after the horizon)
    ([2024, 2025, 2026, 2026, 2027], 8, 2026),  # 2024 25 26 |26| 27 inf inf inf: 4th of 8
    ([2024, 2025, 2026], 4, 2025),       # 2024 |2025| 2026 inf: 2nd of 4
    ([2024, 2025], 4, 2025),             # exactly half peak by 2025: 2nd of 4
    ([2024, 2026, 2024, 2026], 4, 2024),  # H93: 2024 or 2026, never 2025
    ([2030, 2025, 2026], 3, 2026.0),     # all peak: the ordinary median
    ([], 0, None),                       # no samples: NaN
])
def test_median_over_all_samples(peaking, n, expected):
    got = median_peak_year(peaking, n)
    if expected is None:
        assert math.isnan(got)
    else:
        assert got == expected


@pytest.mark.parametrize("with_peak_rows", [True, False])
def test_mc01_report_cell_reads_after_the_horizon(with_peak_rows):
    from carbonpath.report.first_screen import _median_year
    from carbonpath.report.overview import montecarlo_peaks

    rising = [4.0, 4.1, 4.2, 4.3]  # no peak within 2024..2027
    peaked = [4.4, 2.3, 2.4, 2.5]  # peaks in 2024
    # 3 peak in 2024, 5 never (the tester's tiny baseline): the median is no year
    table = montecarlo_peaks(_samples([peaked] * 3 + [rising] * 5, with_peak_rows),
                             {"baseline": 2026})
    row = table.iloc[0]

    class Ctx:  # the report context's translation only
        @staticmethod
        def t(key, **kw):
            assert key == "mc_after"
            return f"after {kw['year']}"

    assert _median_year(Ctx, row) == "after 2027"
    # 5 peak, 3 never: 2024 x5 | inf x3 -> middle (4th, 5th) are 2024
    table = montecarlo_peaks(_samples([peaked] * 5 + [rising] * 3, with_peak_rows),
                             {"baseline": 2026})
    assert _median_year(Ctx, table.iloc[0]) == "2024"


def test_mc01_mc02_cli_lines():
    import pandas as pd

    from carbonpath.sweeps.analysis import peak_lines

    rising = [4.0, 4.1, 4.2, 4.3]  # no peak within 2024..2027
    peaked = [4.4, 2.3, 2.4, 2.5]  # 2024
    late = [4.0, 4.1, 4.4, 4.3]    # 2026
    base = _samples([peaked] * 3 + [rising] * 5, True)
    plan = _samples([peaked] * 3 + [late] * 5, True).assign(scenario="plan")
    lines = peak_lines(pd.concat([base, plan], ignore_index=True))
    assert lines == [
        # 3/8 = 38 % from 2024 on; 2025 (a multiple of five) and 2027 (the last) shown
        "baseline: probability of peaking by  2024 38%, 2025 38%, 2027 38%",
        "baseline: median peak year over all 8 samples  after 2027",   # MC01: was 2024
        # 2026 is the first year at 100 %: shown (MC02)
        "plan: probability of peaking by  2024 38%, 2025 38%, 2026 100%, 2027 100%",
        "plan: median peak year over all 8 samples  2026",  # 2024 x3, 2026 x5: 4th, 5th
    ]
    # a target year is shown even where the probability does not change (MC02)
    lines = peak_lines(pd.concat([base, plan], ignore_index=True), target_years=[2026])
    assert lines[0] == "baseline: probability of peaking by  2024 38%, 2025 38%, 2026 38%, " \
        "2027 38%"
    assert lines[2] == "plan: probability of peaking by  2024 38%, 2025 38%, 2026 100%, " \
        "2027 100%"


def test_mc02_the_cli_finds_the_peak_targets_of_the_scenarios_run():
    from carbonpath.cli.sweeps import _peak_targets

    # tiny's plan has the peak target 2026 (datasets/tiny/plan.yaml); baseline has none
    assert _peak_targets("tiny", {"scenarios": ["baseline", "plan"]}) == [2026]
    assert _peak_targets("tiny", {"scenarios": ["baseline"]}) == []
