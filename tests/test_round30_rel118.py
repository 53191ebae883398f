"""Round-30 tester cases on uncertainty.csv, unit advice and cut targets (issue 11, rel118).

Kinds: a uniform or triangular range one of whose ends reads as a slipped digit warns with
the mean each reading gives (KF45); a rank correlation that is no number names -1 .. 1 as
valid (KF42); a discrete row's weights that are no numbers are refused naming weights, and
a non-finite value or weight is refused (KF63); a cubic metre with a temperature glued on
(m3_0C) names Nm3/Sm3, and 万/亿 advice is offered only when it reads (KF27); a sampled
build limit below a committed project of its year warns at load (KF59); a relative target
whose source says the level falls to its value warns with the 1 - x cut, and the
infeasibility diagnosis offers that reading (KF62).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.errors import CarbonpathWarning, DataError, UnitError
from tests.conftest import only_problem

HEAD = ("input,table,technology,parameter,commodity,driver,year,scale,distribution,low,mode,"
        "high,mean,sd,values,weights,unit,group,plausibility,source\n")


def _load(folder, *rows, correlations=None):
    """Write uncertainty.csv (and correlations) and load it; (uncertainty, warnings)."""
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty

    (folder / "uncertainty.csv").write_text(HEAD + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")
    if correlations is not None:
        (folder / "uncertainty_correlations.csv").write_text(
            "group,other,rank_correlation,source\n" + correlations, encoding="utf-8")
    dataset = load_dataset(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        unc = load_uncertainty(dataset)
    return unc, [w for w in caught if issubclass(w.category, CarbonpathWarning)]


# -- KF45: low 0.08 typed for 0.8 -----------------------------------------------------------

def test_a_low_end_ten_times_too_far_warns_with_both_means(tiny):
    from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning

    # triangular(0.08, 1.0, 1.2): 0.92 below the mode, 0.2 above (4.6 times); 0.08 x 10 =
    # 0.8 lies 0.2 below. Means: (0.08 + 1 + 1.2) / 3 = 0.76; (0.8 + 1 + 1.2) / 3 = 1.0
    _, found = _load(tiny, "pvc,parameters,pv,capex,,,,relative,triangular,0.08,1.0,1.2,,,,,1,,,x")
    (w,) = found
    assert issubclass(w.category, UncertainRangeWarning)
    text = str(w.message)
    assert "uncertainty.csv row 2 'low'" in text
    assert "low 0.08 reads as 0.8" in text
    assert "mean is 0.76, with low 0.8 it would be 1" in text


def test_an_absolute_range_with_a_slipped_low_end_warns_too(tiny):
    # pv capex 3000 CNY/kW; triangular(240, 3000, 3600): 2760 below, 600 above (4.6 times);
    # 2400 lies 600 below. Means (240 + 3000 + 3600) / 3 = 2280, (2400 + 3000 + 3600) / 3 = 3000
    _, found = _load(tiny, "pvc,parameters,pv,capex,,,,absolute,triangular,240,3000,3600,,,,,"
                           "CNY/kW,,,x")
    (w,) = found
    assert "low 240 reads as 2400" in str(w.message)
    assert "mean is 2.28e+03, with low 2400 it would be 3e+03" in str(w.message)


def test_real_asymmetric_ranges_and_an_override_stay_quiet(tiny):
    # 0.625 .. 1.5 around 1 (0.375 below, 0.5 above) and 0.5 .. 1.67 are bundled judgements;
    # 0.2 .. 1.1 is 8 times farther below, but 0.2 x 10 = 2 is on the other side of 1
    _, found = _load(
        tiny,
        "a,parameters,pv,capex,,,,relative,triangular,0.625,1.0,1.5,,,,,1,,,x",
        "b,parameters,pv,fixed_om,,,,relative,uniform,0.5,,1.67,,,,,1,,,x",
        "c,parameters,coal_power,capex,,,,relative,uniform,0.2,,1.1,,,,,1,,,x",
        "d,parameters,battery,capex_energy,,,,relative,triangular,0.08,1.0,1.2,,,,,1,,"
        "override: a price collapse is studied,x")
    assert not [str(w.message) for w in found if "digit slipped" in str(w.message)]


# -- KF42: nan as a rank correlation ---------------------------------------------------------

def test_a_nan_rank_correlation_names_minus_one_to_one(tiny):
    with pytest.raises(DataError) as err:
        _load(tiny, "a,parameters,pv,capex,,,,relative,uniform,0.8,,1.2,,,,,1,ga,,x",
              "b,parameters,wind,capex,,,,relative,uniform,0.8,,1.2,,,,,1,gb,,x",
              correlations="ga,gb,nan,x\n")
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == (
        "uncertainty_correlations.csv", 2, "rank_correlation")
    assert problem.valid.startswith("a number from -1 to 1")
    assert "12.5" not in problem.valid


# -- KF63: 25% 50% 25% in weights ------------------------------------------------------------

def test_percent_weights_are_refused_naming_weights(tiny):
    with pytest.raises(DataError) as err:
        _load(tiny, "pvc,parameters,pv,capex,,,,relative,discrete,,,,,,0.9 1.0 1.1,"
                    "25% 50% 25%,1,,,x")
    problem = only_problem(err)
    assert problem.column == "weights"
    assert problem.value == "25% 50% 25%"
    assert "without '%'" in problem.message


@pytest.mark.parametrize(("values", "weights", "column"), [
    ("0.9 1.0 1.1", "1 nan 1", "weights"),  # normalised, every weight would be nan
    ("0.9 inf 1.1", "", "values"),
])
def test_a_non_finite_value_or_weight_is_refused(tiny, values, weights, column):
    with pytest.raises(DataError) as err:
        _load(tiny, f"pvc,parameters,pv,capex,,,,relative,discrete,,,,,,{values},{weights},1,,,x")
    assert only_problem(err).column == column


# -- KF27: 亿m3_0C ----------------------------------------------------------------------------

def test_a_zero_degree_cubic_metre_names_nm3_in_spellings_that_read():
    from carbonpath.units import Q_, parse_unit

    with pytest.raises(UnitError) as err:
        parse_unit("亿m3_0C/yr")
    valid = err.value.problems[0].valid
    assert valid.startswith("'亿Nm3/yr' or '10^8 Nm3/yr'")
    # both offered spellings read, and are the same: 1 亿 = 1e8
    assert Q_(1, "亿Nm3/yr").to("Nm3/yr").magnitude == pytest.approx(1e8)
    assert Q_(1, "10^8 Nm3/yr").to("Nm3/yr").magnitude == pytest.approx(1e8)
    with pytest.raises(UnitError) as err:
        parse_unit("10^8 m3_0C/yr")
    assert err.value.problems[0].valid.startswith("'10^8 Nm3/yr'")
    with pytest.raises(UnitError) as err:
        parse_unit("m3_15C")
    assert err.value.problems[0].valid.startswith("'Sm3'")


def test_scale_advice_that_is_no_unit_is_not_offered():
    from carbonpath.units import parse_unit

    with pytest.raises(UnitError) as err:
        parse_unit("亿bogus")
    assert "10^8 bogus" not in str(err.value)
    with pytest.raises(UnitError) as err:  # advice that reads is kept
        parse_unit("万t")
    assert "'10^4 t'" in str(err.value)


# -- KF59: a build-limit range under a committed project -------------------------------------

def _committed(tiny):
    with open(tiny / "parameters.csv", "a", encoding="utf-8") as f:
        f.write("pv,committed_new_capacity,2026,200,MW,assumption: test project\n"
                "pv,max_new_capacity,2026,200,MW/yr,assumption: raised to the project\n"
                "pv,max_new_capacity,2027,100,MW/yr,assumption: test\n")
    return tiny


def test_a_relative_build_limit_range_below_a_committed_project_warns(tiny):
    from carbonpath.dataset.uncertainty import CommittedLimitWarning

    # 200 MW/yr x 0.6 = 120 MW/yr < the 200 MW project; P(U(0.6, 1.4) < 1) = 0.4 / 0.8 = 50 %
    _, found = _load(_committed(tiny),
                     "lim,parameters,pv,max_new_capacity,,,,relative,uniform,0.6,,1.4,,,,,1,,,x")
    (w,) = [w for w in found if w.category is CommittedLimitWarning]
    text = str(w.message)
    assert "uncertainty.csv row 2 'low'" in text
    assert "down to 120 MW/yr in 2026" in text
    assert "committed project of 200 MW" in text
    assert "about 50% of the samples" in text
    assert "low at least 1 (a multiplier)" in text


def test_an_absolute_build_limit_range_below_the_project_warns(tiny):
    from carbonpath.dataset.uncertainty import CommittedLimitWarning

    # U(150, 250) MW/yr in 2026: below 200 with probability 50 / 100 = 50 %
    _, found = _load(_committed(tiny), "lim,parameters,pv,max_new_capacity,,,2026,absolute,"
                                       "uniform,150,,250,,,,,MW/yr,,,x")
    (w,) = [w for w in found if w.category is CommittedLimitWarning]
    assert "about 50% of the samples" in str(w.message)
    assert "low at least 200" in str(w.message)


@pytest.mark.parametrize("row", [
    "lim,parameters,pv,max_new_capacity,,,,relative,uniform,1.0,,1.4,,,,,1,,,x",
    "lim,parameters,pv,max_new_capacity,,,2027,relative,uniform,0.6,,1.4,,,,,1,,,x",
])
def test_build_limit_ranges_that_keep_the_project_stay_quiet(tiny, row):
    from carbonpath.dataset.uncertainty import CommittedLimitWarning

    _, found = _load(_committed(tiny), row)
    assert not [w for w in found if w.category is CommittedLimitWarning]


# -- KF62: 降至82% typed as the cut 0.82 ------------------------------------------------------

TARGET = {"name": "ci27", "type": "emission_intensity", "year": 2027, "relative_to": 2023,
          "value": 0.82, "status": "commitment",
          "source": "市方案: 单位GDP二氧化碳排放降至2023年的82%"}


def test_a_source_saying_falls_to_the_value_gives_the_one_minus_x_cut():
    from carbonpath.dataset.target_years import target_year_notes

    ((key, text, valid),) = target_year_notes(TARGET)
    assert key == "value"
    # 1 - (1 - 0.82) ** (1 / 4) = 1 - 0.18 ** 0.25 = 1 - 0.6514 = 34.9 % a year
    assert "asks a cut of 82.0% from 2023 to 2027 (34.9% a year)" in text
    assert valid.startswith("value 0.18 (the cut: 1 - 0.82)")
    # a source stating the cut, or no percentage, is quiet
    assert target_year_notes(dict(TARGET, value=0.18, source="单位GDP二氧化碳排放下降18%")) == []
    assert target_year_notes(dict(TARGET, source="assumption")) == []


def test_init_names_the_sheet_row_of_a_remaining_share(recwarn):
    from carbonpath.dataset.target_years import TargetYearWarning
    from carbonpath.init.target_checks import SheetTargets, _warn_years

    _warn_years(SheetTargets([dict(TARGET)], [3], "city.xlsx, sheet 'targets'"))
    (w,) = [w for w in recwarn if w.category is TargetYearWarning]
    assert str(w.message).startswith("city.xlsx, sheet 'targets', row 3, column 'value'")


def test_load_names_plan_yaml_for_a_remaining_share(tiny):
    from carbonpath import load_dataset
    from carbonpath.dataset.target_years import TargetYearWarning

    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: cut\n    type: reduction\n    year: 2028\n    relative_to: 2024\n"
                "    value: 0.82\n    status: assumption\n    source: \"排放降至2024年的82%\"\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(tiny)
    (w,) = [w for w in caught if w.category is TargetYearWarning]
    assert str(w.message).startswith("plan.yaml, targets.cut.value")
    assert "value 0.18" in str(w.message)


def test_the_diagnosis_offers_the_remaining_share_when_it_is_in_reach():
    from carbonpath.model.target_levels import remaining_hint

    place = "plan.yaml, targets.ci27.value"
    # 82 % asked, 47.1 % reachable: 1 - 0.82 = 0.18 <= 0.471
    hint = remaining_hint("emission_intensity", "82.0%", "47.1%", place)
    assert "a cut of 18.0%, value 0.18, is in reach; check plan.yaml, targets.ci27.value" in hint
    # 1 - 0.82 = 0.18 > 0.15 reachable: no reading reaches; a cut under half; a share target
    assert remaining_hint("emission_intensity", "82.0%", "15.0%", place) == ""
    assert remaining_hint("reduction", "30.0%", "20.0%", place) == ""
    assert remaining_hint("nonfossil_share", "82.0%", "47.1%", place) == ""
