"""Round 26 (tester KB): init and workbook cases KB04, KB05, KB84, KB103, KB104.

Every expected number is worked by hand in the test: GB/T 2589 standard-coal coefficients,
compound growth, the yearly pace of a cut, CO2 per GDP.
"""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from tests.conftest import assert_no_carbonpath_warnings, edit
from tests.init_sample import BALANCE, SAMPLE

# KB04 / KB05 ------------------------------------------------------------------------------


def test_kb04_kb05_a_coal_column_in_standard_coal_is_refused_naming_the_column(tmp_path):
    """原煤(万吨标准煤): refused before the build, naming the sheet, line and column, with
    both remedies: the header alone (numbers already tonnes, KB04) or each number divided
    by raw coal's GB/T 2589 coefficient 0.7143 kgce/kg (KB05: 1 万tce / 0.7143 = 1.4 万吨)."""
    from carbonpath.errors import DataError
    from carbonpath.init import init_dataset

    text = BALANCE.read_text(encoding="utf-8")
    assert "原煤(万吨)" in text
    bad = tmp_path / "balance.csv"
    bad.write_text(text.replace("原煤(万吨)", "原煤(万吨标准煤)"), encoding="utf-8")
    from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning

    # (the sheet's reader warns first: a 标准量 header among physical columns, round 28 ZD106)
    with pytest.raises(DataError) as err, pytest.warns(BalanceMagnitudeWarning, match="原煤"):
        init_dataset(bad, out=tmp_path / "city", **SAMPLE)
    (p,) = err.value.problems
    assert p.file == "balance.csv"
    assert p.column == "原煤(万吨标准煤)"
    assert isinstance(p.row, int)
    assert p.row > 2
    assert "standard coal" in p.message
    assert "'原煤(万吨)'" in p.valid  # KB04: the header alone
    assert "divided by 0.7143" in p.valid  # KB05
    assert not (tmp_path / "city").exists()


def test_kb05_a_gas_column_in_standard_coal_advises_its_volume():
    """天然气 in 万吨标准煤: into 亿立方米 each number / (10 x 1.2143 kgce/m3) = / 12.143
    (8 万tce = 8e7 kgce / 1.2143 kgce/m3 = 6.588e7 m3 = 0.6588 亿立方米 = 8 / 12.143)."""
    from carbonpath.errors import DataError
    from carbonpath.factors import bundled_factors
    from carbonpath.init.balance_checks import refuse_standard_coal_columns

    act = pd.DataFrame({"fuel": ["natural_gas", "diesel"], "use": ["combustion"] * 2,
                        "value": [8.0, 41.0], "unit": ["万吨标准煤", "万吨"],
                        "sector": ["industry", "transport"], "line": [13, 20]})
    with pytest.raises(DataError) as err:
        refuse_standard_coal_columns(act, bundled_factors(), "b.csv",
                                     {"natural_gas": "天然气(万吨标准煤)"})
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("b.csv", 13, "天然气(万吨标准煤)")
    assert "'天然气(亿立方米)'" in p.valid
    assert "divided by 12.143" in p.valid
    assert pytest.approx(0.6588, abs=1e-4) == 8 / 12.143  # the conversion the advice gives
    refuse_standard_coal_columns(act[act["fuel"] == "diesel"], bundled_factors(), "b.csv", {})


# KB103 ------------------------------------------------------------------------------------


def test_kb103_gap_before_a_later_period_is_named():
    """Rows 2022..2025 and 2027..2035 leave 2026 and 2027 to the default (5.0 %/yr): the
    row after the gap, its years and the start that closes it (2025) are named; N90's
    one-year gap (read_growth warns of it) is not named twice."""
    from carbonpath.init.driver_checks import GrowthGapWarning, warn_growth_gaps

    growth = pd.DataFrame({"driver": ["gdp", "gdp"], "start": [2022, 2027],
                           "end": [2025, 2035], "rate": [0.06, 0.05], "line": [2, 3]})
    with pytest.warns(GrowthGapWarning) as rec:
        warn_growth_gaps("gdp", {2026: 0.05, 2027: 0.05}, growth, "growth.csv", 2022)
    (text,) = [str(w.message) for w in rec]
    assert "growth.csv, row 3" in text
    assert "2026..2027" in text
    assert "5.0%" in text
    assert "start 2025" in text
    growth.loc[1, "start"] = 2026  # N90: the one year between, named by read_growth
    with assert_no_carbonpath_warnings():
        warn_growth_gaps("gdp", {2026: 0.05}, growth, "growth.csv", 2022)


# KB84, KB103, KB104 through init (one run) ------------------------------------------------

#: Shandong's 2022 row for the city's (KB104), a first growth row from 2023 (KB103) and the
#: NDC's "比2005年下降60%" taken from the base year (KB84).
PROVINCE_DRIVERS = pd.DataFrame({"driver": ["gdp", "population"], "year": [2022, 2022],
                                 "value": [87435, 10163], "unit": ["亿元", "万人"],
                                 "source": ["yearbook (province row)"] * 2})
LATE_GROWTH = pd.DataFrame({"driver": ["gdp", "population"], "start": [2023, 2022],
                            "end": [2030, 2035], "rate": [0.07, -0.002],
                            "source": ["plan 2023-2030", "assumption"]})
NDC_TARGET = {"name": "ci", "type": "emission_intensity", "year": 2024, "relative_to": 2022,
              "value": 0.6, "status": "commitment",
              "source": "国家自主贡献: 单位GDP二氧化碳排放比2005年下降60%以上"}


@pytest.fixture(scope="module")
def kb_init(tmp_path_factory):
    """init of the sample city with the three inputs above: (result, warning texts by class)."""
    from carbonpath.init import init_dataset

    args = {**SAMPLE, "drivers": PROVINCE_DRIVERS, "growth": LATE_GROWTH}
    out = tmp_path_factory.mktemp("kb") / "city"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = init_dataset(BALANCE, out=out, targets=[dict(NDC_TARGET)], **args)
    texts: dict[str, list[str]] = {}
    for w in caught:
        texts.setdefault(w.category.__name__, []).append(str(w.message))
    return result, texts


def test_kb103_first_growth_row_after_the_base_year_is_named(kb_init):
    """gdp 2023,2030 covers 2024..2030: 2023 takes the default 5.0 %/yr. Written: 2023 =
    87,435 x 1.05 = 91,806.75; 2024 = 91,806.75 x 1.07 = 98,233.22 亿元."""
    result, texts = kb_init
    (text,) = texts["GrowthGapWarning"]
    assert "row 2, column 'start'" in text
    assert "2023" in text
    assert "5.0%" in text
    assert "start 2022" in text
    assert "2023-2030" in text
    drivers = pd.read_csv(result["folder"] / "drivers.csv")
    gdp = drivers[drivers["driver"] == "gdp"].set_index("year")["value"]
    assert gdp[2023] == pytest.approx(91806.75, rel=1e-9)
    assert gdp[2024] == pytest.approx(98233.2225, rel=1e-9)


def test_kb104_province_gdp_for_the_city_is_warned_at_init(kb_init):
    """The sample's inventory over 87,435 亿元 (8.7435e8 万元): about 0.038 t CO2/万元, below
    0.05; its own 2,600 亿元 gives 0.038 x 87,435 / 2,600 = 1.29 (KB104's figures)."""
    _, texts = kb_init
    # the province's 10,163 万人 beside the city's 33.58 Mt: 0.33 t CO2 a person, under
    # the 1 t floor, warns too (round 29 KE14)
    (text, per_person) = texts["UnusualIntensityWarning"]
    assert "per person" in per_person
    assert text.startswith("drivers, row 2: unusual base-year CO2 per GDP")  # the GDP row
    assert "87,435 亿元" in text
    assert "0.0384 t CO2/万元" in text
    assert "province" in text


def test_kb84_target_stated_against_2005_is_warned_at_init(kb_init):
    """0.60 from 2022 to 2024 is 1 - 0.4 ** (1/2) = 36.8 % a year; the source says 2005."""
    _, texts = kb_init
    (text,) = texts["TargetYearWarning"]
    assert text.startswith("init_dataset(targets=...), targets[0].relative_to: target 'ci'")
    assert "against 2005" in text
    assert "relative_to is 2022" in text
    assert f"{1 - 0.4 ** 0.5:.1%}" == "36.8%"
    assert "36.8% a year" in text
    assert "relative_to 2005" in text


# KB84 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "pace", "year"), [
    # KB84: 1 - (1 - 0.60) ** (1/7) = 1 - 0.4 ** 0.142857 = 0.12288
    ({"year": 2030, "relative_to": 2023, "value": 0.60,
      "source": "单位GDP二氧化碳排放比2005年下降60%以上"}, "12.3%", "2005"),
    # KB84b: 1 - 0.865 ** (1/2) = 0.06994
    ({"type": "energy_intensity", "year": 2025, "relative_to": 2023, "value": 0.135,
      "source": "十四五: 单位GDP能耗比2020年下降13.5%"}, "7.0%", "2020"),
])
def test_kb84_notes_name_the_source_year_and_the_pace(target, pace, year):
    from carbonpath.dataset.target_years import target_year_notes

    full = {"name": "t", "type": "emission_intensity", **target}
    ((key, text, valid),) = target_year_notes(full)
    assert key == "relative_to"
    assert f"against {year}" in text
    assert f"{pace} a year" in text
    assert f"relative_to {year}" in valid


@pytest.mark.parametrize("target", [
    # init's default: 18 % over five years = 1 - 0.82 ** 0.2 = 3.9 %/yr, no year in the text
    {"year": 2027, "relative_to": 2022, "value": 0.18,
     "source": "assumption: the national 14th FYP rate (CO2 per GDP -18% over five years)"},
    # the source's year is relative_to (liaocheng's intensity_2030: 4.1 %/yr)
    {"year": 2030, "relative_to": 2020, "value": 0.34, "source": "CO2 per GDP 34% below 2020"},
    # re-based by the planner: the source's 65 % is not the value
    {"year": 2030, "relative_to": 2023, "value": 0.25,
     "source": "比2005年下降65% (re-based to 2023 with the city's 2005 intensity)"},
])
def test_kb84_plans_at_a_plans_pace_are_quiet(target):
    from carbonpath.dataset.target_years import target_year_notes

    assert target_year_notes({"name": "t", "type": "emission_intensity", **target}) == []


def test_kb84_loader_warns_naming_plan_yaml(tiny):
    """A reduction 比2005年 taken from the base year: named at plan.yaml's key."""
    import carbonpath as cp
    from carbonpath.dataset.target_years import TargetYearWarning

    text = (tiny / "plan.yaml").read_text(encoding="utf-8")
    (tiny / "plan.yaml").write_text(text + (
        "  - name: ndc\n    type: emission_intensity\n    year: 2030\n    relative_to: 2024\n"
        "    value: 0.65\n    status: commitment\n"
        "    source: \"单位GDP二氧化碳排放比2005年下降65%以上\"\n"), encoding="utf-8")
    with pytest.warns(TargetYearWarning) as rec:
        cp.load_dataset(tiny)
    (msg,) = [str(w.message) for w in rec if w.category is TargetYearWarning]
    assert msg.startswith("plan.yaml, targets.ndc.relative_to:")
    # 1 - 0.35 ** (1/6) = 0.1605
    assert "16.1% a year" in msg
    assert "against 2005" in msg


# KB104 ------------------------------------------------------------------------------------


def test_kb104_band_by_hand():
    """33.58 Mt over 87,435 亿元 = 3.358e7 t / 8.7435e8 万元 = 0.03841 t/万元 (below 0.05);
    over 2,600 亿元: 3.358e7 / 2.6e7 = 1.2915 (inside)."""
    from carbonpath.dataset.intensity_band import intensity_note

    text = intensity_note(33.58e6, 87435e8, 2022, "drivers.csv, row 2")
    assert text is not None
    assert "0.0384 t CO2/万元" in text
    assert "at most 67,160 亿元" in text  # 3.358e7 t / 0.05 = 6.716e8 万元
    assert intensity_note(33.58e6, 2600e8, 2022, "x") is None
    # the reverse slip: a city's 2,600 亿元 beside a province's 900 Mt = 34.6 t/万元
    assert "above" in intensity_note(900e6, 2600e8, 2022, "x")


def test_kb104_model_warns_once_naming_drivers_csv(tiny):
    """tiny (0.438 t CO2/万元 at 1,000 亿元) given 35,000 亿元 and 1,000 万人: 0.438 x 1,000 /
    35,000 = 0.0125 t CO2/万元 (GDP per person 350,000 CNY, at the usual band's top);
    warned once over two scenarios' model builds."""
    import carbonpath as cp
    from carbonpath.dataset.intensity_band import UnusualIntensityWarning
    from carbonpath.model.data import ModelData

    edit(tiny, "drivers.csv", "gdp,2024,1000,", "gdp,2024,35000,")
    edit(tiny, "drivers.csv", "gdp,2030,1300,", "gdp,2030,45500,")
    edit(tiny, "drivers.csv", "population,,100,", "population,,1000,")
    ds = cp.load_dataset(tiny)

    def two_scenarios():
        for scenario in list(ds.config["scenarios"])[:2]:
            ModelData.from_dataset(ds, scenario)

    with pytest.warns(UnusualIntensityWarning) as rec:
        two_scenarios()
    # 4.38 Mt over 1,000 万人 is 0.438 t CO2 a person, under 1 t: warned too (round 29 KE14)
    (msg,) = [str(w.message) for w in rec if w.category is UnusualIntensityWarning
              and "base-year CO2 per GDP" in str(w.message)]
    assert msg.startswith("drivers.csv, row 2:")
    assert "0.0125 t CO2/万元" in msg


def test_kb104_realistic_data_are_quiet(tmp_path):
    """tiny as it is (0.438 t CO2/万元) builds without the warning."""
    import carbonpath as cp
    from carbonpath.model.data import ModelData
    from tests.conftest import TINY

    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    ds = cp.load_dataset(folder)
    with assert_no_carbonpath_warnings():
        ModelData.from_dataset(ds, next(iter(ds.config["scenarios"])))
