"""Round 20 (rel56): ambiguous uncertainty keys, bounded draws, and the other X cases."""

import math
from typing import ClassVar

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError
from carbonpath.errors import ArgumentValueError

TWO_COAL_ROWS = [{"sector": "industry", "fuel": "raw_coal", "value": 100, "unit": "t"},
                 {"sector": "residential", "fuel": "raw_coal", "value": 50, "unit": "t"}]


def _inv():
    return cp.compute_inventory(pd.DataFrame(TWO_COAL_ROWS), region="CN-SD", year=2022)


def test_x67_fuel_key_and_sector_key_on_one_row_is_refused():
    # industry's raw coal matches 'raw_coal' (0.05) and 'industry' (0.5): equally specific
    with pytest.raises(DataError) as e:
        cp.uncertainty(_inv(), {"raw_coal": 0.05, "industry": 0.5},
                       factor_uncertainty={"*": 0.0})
    text = str(e.value)
    for part in ("'raw_coal' (0.05)", "'industry' (0.5)", "'industry:raw_coal'"):
        assert part in text


def test_x67_the_pair_key_settles_it_and_gives_the_hand_value():
    u = cp.uncertainty(_inv(), {"raw_coal": 0.05, "industry": 0.5, "industry:raw_coal": 0.5},
                       factor_uncertainty={"*": 0.0})
    # factor f cancels: sqrt((0.5 x 100)^2 + (0.05 x 50)^2) / 150 = sqrt(2506.25) / 150
    assert u.total["U_pct"] == pytest.approx(math.sqrt(50 ** 2 + 2.5 ** 2) / 150 * 100)
    # equal values under both keys are no ambiguity: rows independent,
    # sqrt((0.1 x 100)^2 + (0.1 x 50)^2) / 150 = sqrt(125) / 150
    same = cp.uncertainty(_inv(), {"raw_coal": 0.1, "industry": 0.1},
                          factor_uncertainty={"*": 0.0})
    assert same.total["U_pct"] == pytest.approx(math.sqrt(125) / 150 * 100)


def test_x66_draws_share_the_samples_bound():
    from carbonpath.sweeps.sampling import MAX_SAMPLES
    assert MAX_SAMPLES == 10_000_000
    with pytest.raises(ArgumentValueError, match="10,000,000"):
        cp.uncertainty(_inv(), 0.05, factor_uncertainty=0.1, approach=2, draws=10 ** 10)


def test_x01_grid_share_series_under_one_percent_warns_naming_rows():
    from carbonpath.dataset.series_slips import driver_series_warnings, low_share_rows
    frame = pd.DataFrame({"driver": ["grid_nonfossil_share"] * 4 + ["gdp"],
                          "year": [2022, 2025, 2030, 2035, 2022],
                          "value": [0.36, 0.42, 0.50, 0.60, 100],
                          "unit": ["%"] * 4 + ["亿元"]}, index=[4, 5, 6, 7, 8])
    out = driver_series_warnings(frame, lambda line: f"d.csv, row {line}")
    assert len(out) == 1
    # 0.36 % = 0.0036 of the grid, under the 1 % floor; every row of the series named
    assert out[0].startswith("d.csv, row 4; d.csv, row 5; d.csv, row 6; d.csv, row 7")
    assert "0.36 % in 2022" in out[0]
    assert "read as 0.0036, 0.0042, 0.005, 0.006" in out[0]
    # the same shares as fractions or per cent, and a zero share, stay quiet
    quiet = pd.DataFrame({"driver": ["grid_nonfossil_share"] * 3, "region": [""] * 3,
                          "year": [2022, 2030, 2035], "value": [0.36, 50, 0.0],
                          "unit": ["1", "%", "1"]})
    assert low_share_rows(quiet, str) == []
    # a single 0.45 % beside 36 % is percent_slips' case: one message, not two
    one = frame.assign(value=[36, 0.45, 50, 60, 100])
    assert len(driver_series_warnings(one, str)) == 1


def _same_technology_problems(rows):
    from carbonpath.init.mapping import read_mapping
    from carbonpath.init.supply import _same_technology
    mapping = read_mapping()
    capacity = pd.DataFrame(rows, columns=["type", "mw", "line"])
    types = {t: mapping.item("capacity", t) for t in capacity["type"]}
    problems = []
    later = _same_technology(types, capacity, "c.csv", "mapping.csv", problems)
    return problems, later


def test_x80_a_sub_type_beside_its_parent_is_refused_with_both_rows():
    # the yearbook's pv 180 万千瓦 = 1,800 MW with its "of which" pv_rooftop 50 万千瓦 = 500 MW
    problems, later = _same_technology_problems([("pv", 1800.0, 4), ("pv_rooftop", 500.0, 7)])
    (p,) = problems
    assert (p.file, p.row, p.column, p.value) == ("c.csv", 7, "type", "pv_rooftop")
    assert "row 4" in p.message
    assert "2,300 MW for 1,800" in p.message  # 1,800 + 500
    assert "'pv_utility' 1,300 MW" in p.valid  # 1,800 - 500, if pv is the total
    assert later == {"pv_rooftop"}
    # wind 60 万千瓦 with wind_offshore 20: the same kind
    problems, _ = _same_technology_problems([("wind", 600.0, 2), ("wind_offshore", 200.0, 3)])
    assert len(problems) == 1
    assert "'wind_onshore' 400 MW" in problems[0].valid


def test_x80_explicit_sub_types_stay_quiet():
    problems, later = _same_technology_problems(
        [("pv_utility", 1300.0, 4), ("pv_rooftop", 500.0, 5), ("wind_onshore", 600.0, 6),
         ("wind_offshore", 200.0, 7), ("battery", 100.0, 8), ("pumped_hydro", 100.0, 9)])
    assert problems == []
    assert later == set()


def test_x103_render_report_warns_of_results_without_a_manifest(tiny_out, tmp_path,
                                                                 placeholder_png):
    import shutil

    from carbonpath.output_changes import UnverifiedResultsWarning
    from carbonpath.report import render_report
    results = shutil.copytree(tiny_out / "results", tmp_path / "results")  # no manifest
    with pytest.warns(UnverifiedResultsWarning, match="cannot be checked"):
        written = render_report(results, tmp_path / "out")
    assert "no `.carbonpath-manifest.json`" in written["markdown"].read_text(encoding="utf-8")


@pytest.mark.parametrize("blank", [None, float("nan"), ""])
def test_x94_a_missing_unit_cell_is_required_not_nan(blank):
    # an emptied workbook cell arrives as None/NaN, an empty CSV cell as "": one message
    frame = pd.DataFrame({"product": ["cement_clinker"], "value": [100], "unit": [blank],
                          "source": ["x"]})
    with pytest.raises(DataError) as e:
        cp.read_production(frame, year=2022, region="CN-SD")
    (p,) = e.value.problems
    assert (p.column, p.message) == ("unit", "a unit is required (production is a mass)")
    act = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": [100],
                        "unit": [blank]})
    with pytest.raises(DataError, match="a unit is required") as e:
        cp.read_activity(act, year=2022, region="CN-SD")
    assert "nan" not in str(e.value)


def test_x20_the_key_that_selects_nothing_is_named_with_a_suggestion():
    from carbonpath.dataset.uncertainty_rules import unmatched_key

    class _Data:  # key_column reads plain columns of the target table
        pass

    target = pd.DataFrame({"technology": ["pv_utility", "pv_utility", "coal_usc"],
                           "parameter": ["capex", "fixed_om", "capex"]})
    typo = pd.Series({"technology": "pv_utilty", "parameter": "capex"})
    column, valid = unmatched_key(_Data(), target, typo, "parameters")
    assert column == "technology"
    assert valid.startswith("did you mean pv_utility? ")
    # the technology exists, its parameter does not: parameter is named, among pv_utility's
    wrong = pd.Series({"technology": "coal_usc", "parameter": "fixed_om"})
    column, valid = unmatched_key(_Data(), target, wrong, "parameters")
    assert column == "parameter"
    assert valid.endswith("parameter values in the rows of parameters.csv with "
                          "technology=coal_usc: capex")


def _dist_row(**cells):
    base = dict.fromkeys(("low", "mode", "high", "mean", "sd", "values", "weights"))
    return pd.Series({"distribution": "normal", **base, **cells}, dtype=object)


def test_x15_a_truncation_that_keeps_no_mass_is_refused():
    from carbonpath.dataset.distributions import _distribution
    # normal(1, 0.05) on [1.5, 2.0]: 10 sd above the mean, P = 1 - Phi(10) ~ 7.6e-24 kept
    problems = []
    assert _distribution(2, _dist_row(low=1.5, high=2.0, mean=1.0, sd=0.05), problems) is None
    (p,) = problems
    assert (p.row, p.column, p.value) == (2, "low", 1.5)
    assert "0.85 .. 1.15" in p.valid  # 1 -+ 3 x 0.05
    # [0.9, 1.1] keeps Phi(2) - Phi(-2) = 0.954: a distribution as written
    problems = []
    assert _distribution(2, _dist_row(low=0.9, high=1.1, mean=1.0, sd=0.05), problems)
    assert problems == []
    # only a high far below the mean: 1 - Phi(... ) kept = Phi(-4) = 3.2e-5 < 0.1 %
    problems = []
    assert _distribution(3, _dist_row(high=0.8, mean=1.0, sd=0.05), problems) is None
    assert problems[0].column == "high"


def test_x76_failure_reasons_count_one_kind_across_years():
    import numpy as np

    from carbonpath.sweeps import analysis
    text = ("the committed project of 'pv_utility' online in {} is 0.362 GW more than the "
            "build limits allow")
    rows = [("plan", s, "status", None, np.nan, "invalid") for s in range(4)]
    rows += [("plan", s, "explanation", None, np.nan, text.format(y))
             for s, y in enumerate([2031, 2026, 2029, 2026])]
    results = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                          "text"])
    (got,) = analysis.failure_reasons(results).itertuples()
    # all 4 say the same up to the year: 4 of 4, the first sample's own text
    assert (got.samples, got.same, got.sample, got.reason) == (4, 4, 0, text.format(2031))


def test_x76_online_years_beyond_the_build_limit_are_refused_before_solving():
    from carbonpath.model.online_years import build_limit_problem

    class _Data:
        tables: ClassVar[dict] = {"parameters": pd.DataFrame(
            {"technology": ["pv_utility"] * 4,
             "parameter": ["committed_new_capacity", "max_new_capacity", "max_new_capacity",
                           "max_new_capacity"],
             "year": [2025, 2025, 2026, 2030], "value": [500.0, 500.0, 137.5, 137.5],
             "unit": ["MW", "(MW)/yr", "(MW)/yr", "(MW)/yr"]}, index=[10, 11, 12, 13])}

    p = build_limit_problem(_Data(), 10, list(range(2025, 2033)), "uncertainty.csv")
    # 2025's limit (500) takes the 500 MW project; 2026..2030 (137.5 MW/yr) do not; 2031 and
    # 2032 lie beyond the last dated row, where the model sets no limit
    assert p is not None
    assert "in 5 year(s)" in p.message
    assert "2026 (137.5 MW)" in p.message
    assert "2031" not in p.message
    assert "raise max_new_capacity of 'pv_utility' to at least 500 MW/yr" in p.valid
    assert build_limit_problem(_Data(), 10, [2025, 2031], "uncertainty.csv") is None
