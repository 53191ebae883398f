"""Published statistics against the base year: the report's reference table (issue 18).

The toy dataset's base year is hand-solvable: coal 5,868.6 GWh + PV 131.4 GWh = 6,000 GWh of
net generation (datasets/tiny/parameters.csv), from 1,000 MW of coal and 100 MW of PV. The
Liaocheng table cites what was published (README §6); no CEADs city figure was found offline.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from carbonpath.report import overview as O
from carbonpath.run import load_results, run


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory):
    return run("tiny", tmp_path_factory.mktemp("tiny-ref") / "out", report=False,
               peak_years=[2027]) / "results"


def test_power_quantities_in_their_units_and_other_years_shown_not_compared(tiny_results,
                                                                           tmp_path):
    results = tmp_path / "results"
    shutil.copytree(tiny_results, results)
    pd.DataFrame({
        "quantity": ["generation", "capacity", "renewable_capacity"],
        "year": [2024, 2020, 2024],
        "value": [6.3, 900.0, 0.1],
        "unit": ["TWh", "MW", "GW"],
        "source": ["toy statistic", "toy census", "toy register"],
    }).to_csv(results / "dataset" / "reference.csv", index=False)
    frame = O.base_year_check(load_results(results), O.load_extras(results)).set_index(
        ["quantity", "what"])
    # model: 5,868.6 + 131.4 = 6,000 GWh; published 6.3 TWh = 6,300 GWh -> +5 %
    assert frame.loc[("generation", "model"), "value"] == pytest.approx(6000.0, rel=1e-6)
    assert frame.loc[("generation", "reference"), "value"] == pytest.approx(6300.0)
    assert frame.loc[("generation", "reference"), "difference"] == pytest.approx(0.05)
    # renewable capacity: the 100 MW of PV against 0.1 GW published
    assert frame.loc[("renewable_capacity", "model"), "value"] == pytest.approx(100.0)
    assert frame.loc[("renewable_capacity", "reference"), "difference"] == pytest.approx(0.0)
    # a figure of another year is shown with its year, not compared
    other = frame.loc[("capacity", "reference_other_year")]
    assert other["value"] == pytest.approx(900.0)
    assert pd.isna(other["difference"])
    assert other["source"] == "toy census (2020)"

