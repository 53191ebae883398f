"""Round 22 (tester F, model data): P04 P10 P44 P45 P79 P81 P84 P86 P99.

Each test writes its slip into a copy of ``tiny`` and checks the file, row or key, column
and the reading the message gives; the numbers are worked out in the comments. Each has a
quiet twin: the right data gives no carbonpath warning.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import load_dataset
from carbonpath.dataset.operations import EconomicLifetimeWarning, GrowthPercentWarning
from carbonpath.dataset.profile_keys import PriceProfileWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning
from carbonpath.errors import CarbonpathWarning, DataError
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

#: tiny's parameters.csv has 23 lines (header + 22 rows): an appended row is row 24.
FIRST_NEW = 24

#: A 10 % margin on electricity: coal_power's credit then counts towards it.
RESERVES = "commodity,parameter,year,value,unit,source\nelectricity,margin,,0.1,1,test\n"


def _append(folder, name, text):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(text)


def _messages(caught, category):
    return [str(w.message) for w in caught if issubclass(w.category, category)]


def _load_recording(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return caught


# --- P84 P86: share-like parameters outside their domain -----------------------------------

def _reserves(folder):
    (folder / "reserves.csv").write_text(RESERVES, encoding="utf-8")


def test_p84_p86_percent_typed_as_share_is_refused(tiny):
    _append(tiny, "parameters.csv",
            "coal_power,capacity_credit,,95,1,test: 95 % typed as a share\n"
            "battery,standing_loss,,2,1/hour,test: 2 %/h typed as 2\n")
    _reserves(tiny)  # a capacity credit counts only towards a margin (round 23 G77)
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    found = {p.row: p for p in err.value.problems}
    credit, loss = found[FIRST_NEW], found[FIRST_NEW + 1]
    assert (credit.file, credit.column) == ("parameters.csv", "value")
    assert "capacity_credit of 'coal_power'" in credit.message
    assert "(95 % is 0.95)" in credit.message  # 95 / 100
    assert credit.valid.startswith("a share in [0, 1]")
    assert "standing_loss of 'battery'" in loss.message
    assert "(2 % is 0.02)" in loss.message
    assert loss.valid == "a share of the stored energy per hour in [0, 1)"


def test_p84_p86_shares_in_range_or_in_percent_pass(tiny):
    # 95 with unit % is 0.95; 2 %/hour is 0.02 per hour: both inside their domains
    _append(tiny, "parameters.csv",
            "coal_power,capacity_credit,,95,%,test\n"
            "battery,standing_loss,,0.02,1/hour,test\n")
    _reserves(tiny)  # a capacity credit counts only towards a margin (round 23 G77)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- P79: max_growth 20 for 0.2 --------------------------------------------------------------

def test_p79_growth_typed_as_percent_warns(tiny):
    _append(tiny, "parameters.csv", "pv,max_growth,,20,1/yr,test: 20 %/yr\n")
    texts = _messages(_load_recording(tiny), GrowthPercentWarning)
    assert len(texts) == 1
    assert texts[0].startswith(f"parameters.csv, row {FIRST_NEW}, column 'value': max_growth "
                               "of 'pv' is 20/yr")
    assert "(2000 %/yr)" in texts[0]  # 20 x 100
    # D35: a plain % is refused for a growth (1/yr); the advice names the forms that load
    assert "write 0.2 with unit 1/yr (or 20 with unit %/yr)" in texts[0]


def test_p79_growth_share_is_quiet(tiny):
    _append(tiny, "parameters.csv", "pv,max_growth,,0.2,1/yr,test\n")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- P81: economic_lifetime beyond lifetime ---------------------------------------------------

def test_p81_economic_lifetime_beyond_lifetime_warns_naming_both_rows(tiny):
    # pv lifetime 25 yr is parameters.csv row 10
    _append(tiny, "parameters.csv", "pv,economic_lifetime,,40,yr,test: loan tenor\n")
    texts = _messages(_load_recording(tiny), EconomicLifetimeWarning)
    assert len(texts) == 1
    assert texts[0].startswith(f"parameters.csv, row {FIRST_NEW}, column 'value': "
                               "economic_lifetime of 'pv' (40 yr) is longer than its lifetime "
                               "(25 yr, row 10)")


def test_p81_economic_lifetime_within_lifetime_is_quiet(tiny):
    _append(tiny, "parameters.csv", "pv,economic_lifetime,,20,yr,test\n")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- P10: a demand falling 80 % in six years -------------------------------------------------

def test_p10_demand_outside_growth_band_warns(tiny):
    edit(tiny, "demands.csv", "electricity,2030,7200", "electricity,2030,1200")
    texts = [t for t in _messages(_load_recording(tiny), SeriesSlipWarning)
             if "a fall faster than" in t]
    assert len(texts) == 1
    # (1200 / 6000) ** (1 / 6) - 1 = 0.2 ** 0.1667 - 1 = -0.235: -24 % a year
    assert texts[0].startswith("demands.csv, row 3: demand of electricity: 1200 GWh/yr in 2030 "
                               "after 6000 GWh/yr in 2024 is -24% a year, a fall faster than "
                               "the -20% a year")
    assert "the change typed for the level (1200 for 7200)" in texts[0]  # 6000 + 1200


@pytest.mark.parametrize("value", [4000, 43000])
def test_p10_demand_inside_band_is_quiet(tiny, value):
    # 6000 -> 4000 GWh in six years: (2/3) ** (1/6) - 1 = -6.5 % a year, inside the band;
    # 6000 -> 43000: x7.2 (+39 % a year), a new load growing fast: no ceiling, no warning
    edit(tiny, "demands.csv", "electricity,2030,7200", f"electricity,2030,{value}")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- P99: tariffs typed as a price profile ---------------------------------------------------

def _price_profile(folder, values):
    edit(folder, "technologies.csv", "availability_profile,storage_commodity,source",
         "availability_profile,storage_commodity,source,price_profile")
    text = (folder / "technologies.csv").read_text(encoding="utf-8").splitlines()
    text = [line + ("," if i else "") + ("tou" if line.startswith("grid_import,") else "")
            for i, line in enumerate(text)]
    (folder / "technologies.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    _append(folder, "profiles.csv", "".join(f"tou,typical,{h},{v},1,test\n"
                                            for h, v in enumerate(values)))


def test_p99_price_profile_of_tariffs_warns(tiny):
    _price_profile(tiny, [0.3, 0.6, 0.9, 0.6])
    texts = _messages(_load_recording(tiny), PriceProfileWarning)
    assert len(texts) == 1
    # one day (weight 365), four equal blocks: (0.3 + 0.6 + 0.9 + 0.6) / 4 = 0.6
    assert "price profile 'tou' (price_profile of grid_import in technologies.csv)" in texts[0]
    assert "day-weighted mean of 0.6;" in texts[0]
    assert texts[0].startswith("profiles.csv, rows 10 .. 13")  # tiny's file has 9 lines


def test_p99_multiplier_profile_is_quiet(tiny):
    _price_profile(tiny, [0.5, 1.0, 1.5, 1.0])  # mean (0.5 + 1 + 1.5 + 1) / 4 = 1
    caught = _load_recording(tiny)
    assert not [w for w in caught if issubclass(w.category, CarbonpathWarning)]


# --- P44 P45: blank region beside the default region -----------------------------------------

def _regional_demands(folder, extra):
    (folder / "demands.csv").write_text(
        "commodity,region,year,value,unit,profile,source\n"
        "electricity,,2024,6000,GWh/yr,load,test\n"
        "electricity,,2030,7200,GWh/yr,load,test\n" + extra, encoding="utf-8")


@pytest.mark.parametrize(("extra", "named"), [
    ("electricity,tiny,2027,6700,GWh/yr,load,test\n", "row 4 names"),  # P44: one year
    ("electricity,tiny,2024,6000,GWh/yr,load,test\n"
     "electricity,tiny,2030,7300,GWh/yr,load,test\n", "rows 4, 5 name"),  # P45: every end
])
def test_p44_p45_blank_and_default_region_rows_are_refused(tiny, extra, named):
    _regional_demands(tiny, extra)
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    spelled = [p for p in err.value.problems if "one series written two ways" in p.message]
    assert len(spelled) == 1
    problem = spelled[0]
    assert (problem.file, problem.row, problem.column) == ("demands.csv", 4, "region")
    assert ("commodity 'electricity': rows 2, 3 leave the region blank (the default region "
            f"'tiny', first in dataset.yaml's regions) and {named} 'tiny'") in problem.message


def test_p44_p45_one_spelling_is_quiet(tiny):
    _regional_demands(tiny, "")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- P04: a one-year override of a blank-year bound ------------------------------------------

def _override(folder, rows):
    edit(folder, "dataset.yaml", "scenarios:\n",
         "scenarios:\n  more:\n    extends: baseline\n    parameters:\n" + rows)


def test_p04_one_year_override_of_every_year_bound_is_refused(tiny):
    _override(tiny, "      - {technology: grid_import, parameter: max_activity, year: 2030, "
                    "value: 1200, unit: GWh/yr, source: test}\n")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.column) == (
        "dataset.yaml", "scenarios.more.parameters[0]", "year")
    # tiny's parameters.csv row 23: grid_import max_activity 1000 GWh/yr, blank year
    assert problem.message == (
        "scenario 'more': the override of grid_import max_activity holds in 2030, but it "
        "replaces the dataset's whole series of grid_import max_activity (parameters.csv row "
        "23: 1000 GWh/yr, every year (a blank year)), so the bound would vanish in the other "
        "years")


def test_p04_override_covering_every_model_year_passes(tiny):
    # 1000 in 2024 and 2029, 1200 in 2030: every model year 2024 .. 2030 is bounded
    _override(tiny, "".join(
        f"      - {{technology: grid_import, parameter: max_activity, year: {y}, value: {v}, "
        "unit: GWh/yr, source: test}\n" for y, v in ((2024, 1000), (2029, 1000), (2030, 1200))))
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)
