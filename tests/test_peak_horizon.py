"""A pathway whose highest emissions are in the last model year has not peaked (finding Z01).

tiny's baseline emissions rise every year to the horizon (2030); its plan peaks in 2026 under
the plan's peak-year target. Every place that states a peak must say "no peak within the
horizon" for the first: the Pathway, the ``optimise`` command, the Monte Carlo peak
probability and the report's peak table.
"""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from carbonpath import PathwayModel
from carbonpath.cli import app
from carbonpath.report.overview import montecarlo_peaks
from carbonpath.sweeps import analysis


def test_a_pathway_rising_to_the_horizon_has_not_peaked():
    base = PathwayModel("tiny", "baseline").solve()
    em = base.emissions_total.set_index("year")["value"]
    # independent check of the premise: strictly rising every year to the last one
    assert (em.diff().dropna() > 0).all()
    assert base.peak_year == em.index.max()
    assert base.peaked is False
    plan = PathwayModel("tiny", "plan").solve()
    mine = plan.emissions_total.set_index("year")["value"]
    assert mine.idxmax() < mine.index.max()
    assert plan.peaked is True


def test_optimise_says_no_peak_within_the_horizon():
    result = CliRunner().invoke(app, ["optimise", "tiny", "--scenario", "baseline"])
    assert result.exit_code == 0, result.output
    assert "No peak within the horizon: emissions still rise in 2030" in result.output
    assert "Peak:" not in result.output


def _samples(rows_by_sample: dict[int, dict[int, float]]) -> pd.DataFrame:
    rows = []
    for sample, series in rows_by_sample.items():
        rows.append(("s", sample, "status", None, float("nan"), "optimal"))
        top = max(series, key=series.get)
        rows.append(("s", sample, "peak_year", None, float(top), None))
        rows += [("s", sample, "emissions", y, v, None) for y, v in series.items()]
    return pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                       "text"])


def test_monte_carlo_counts_a_maximum_in_the_last_year_as_no_peak():
    # sample 0 peaks in 2027; sample 1 rises to 2030 (the last year): by hand, P(by 2030)=1/2
    frame = _samples({0: {2026: 1.0, 2027: 3.0, 2028: 2.0, 2030: 1.5},
                      1: {2026: 1.0, 2027: 2.0, 2028: 3.0, 2030: 4.0}})
    prob = analysis.peak_probability(frame, years=[2027, 2030]).set_index("year")
    assert prob["probability"].to_dict() == {2027: 0.5, 2030: 0.5}
    peaks = montecarlo_peaks(frame, {"s": 2030})
    assert peaks["p_by_target"].iloc[0] == 0.5
