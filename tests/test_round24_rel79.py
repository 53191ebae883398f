"""Round 24 (tester l) cases D24 D34 D35 D35b D35c D36 D37: a share typed as a fraction under %.

Hand figures: tiny's parameters.csv has 23 lines (header = line 1), so an appended row is
row 24; battery's charge_efficiency is line 19. A value under unit % is divided by 100:
min_output 0.4 % = 0.004 (40 % meant: 0.4 with unit 1, or 40 with unit %); charge_efficiency
0.95 % = 0.0095; capacity_credit 1 % = 0.01 (100 % meant: 1 with unit 1, or 100 with unit %);
max_growth 0.2 %/yr = 0.002/yr (0.2 with unit 1/yr, or 20 with unit %/yr); a reserve margin
0.12 % = 0.0012 (12 %: 0.12 with unit 1). max_growth 20 with unit %/yr is 20 / 100 = 0.2/yr,
below the 1/yr of the growth warning (D35b: main read it as 20/yr and warned).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import DataError, load_dataset
from carbonpath.dataset.operations import GrowthPercentWarning
from carbonpath.dataset.role_checks import PercentFractionWarning
from tests.conftest import edit


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _caught(folder, category=PercentFractionWarning):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in caught if issubclass(w.category, category)]


@pytest.mark.parametrize(("row", "read", "fixes"), [
    ("coal_power,min_output,,0.4,%", "0.4 % = 0.004", ("0.4 with unit 1", "40 with unit %")),
    ("coal_power,capacity_credit,,1,%", "1 % = 0.01", ("1 with unit 1", "100 with unit %")),
    ("pv,max_growth,,0.2,%/yr", "0.2 %/yr = 0.002/yr",
     ("0.2 with unit 1/yr", "20 with unit %/yr")),
])
def test_share_typed_as_fraction_under_percent_warns(tiny, row, read, fixes):
    _append(tiny, "parameters.csv", row + ",assumption: x")
    found = _caught(tiny)
    assert len(found) == 1
    assert found[0].startswith("parameters.csv, row 24, columns value and unit")
    assert read in found[0]
    for fix in fixes:
        assert fix in found[0]


def test_storage_efficiency_fraction_under_percent_warns(tiny):
    edit(tiny, "parameters.csv", "battery,charge_efficiency,,0.95,1",
         "battery,charge_efficiency,,0.95,%")
    found = _caught(tiny)
    assert len(found) == 1
    assert "parameters.csv, row 19" in found[0]
    assert "0.95 % = 0.0095" in found[0]
    assert "95 with unit %" in found[0]


def test_reserve_margin_fraction_under_percent_warns(tiny):
    (tiny / "reserves.csv").write_text(
        "commodity,parameter,year,value,unit,source\n"
        "electricity,margin,,0.12,%,assumption: x\n", encoding="utf-8")
    _append(tiny, "parameters.csv", "coal_power,capacity_credit,,0.9,1,assumption: x")
    found = _caught(tiny)
    assert len(found) == 1
    assert "reserves.csv, row 2" in found[0]
    assert "0.12 % = 0.0012" in found[0]
    assert "0.12 with unit 1" in found[0]


@pytest.mark.parametrize("row", [
    "coal_power,min_output,,40,%", "coal_power,min_output,,0.4,1",
    "coal_power,capacity_credit,,0,%", "pv,max_growth,,1,%/yr", "pv,max_growth,,20,%/yr",
])
def test_usual_shares_are_quiet(tiny, row):
    _append(tiny, "parameters.csv", row + ",assumption: x")
    assert _caught(tiny) == []


def test_max_growth_in_percent_per_year_is_not_a_growth_slip(tiny):
    # D35b: 20 %/yr is 0.2/yr, below the 1/yr warning threshold
    _append(tiny, "parameters.csv", "pv,max_growth,,20,%/yr,assumption: x")
    assert _caught(tiny, GrowthPercentWarning) == []


def test_max_growth_in_plain_percent_is_refused_naming_percent_per_year(tiny):
    # D35: a growth is a share a year; the refusal offers the forms that work
    _append(tiny, "parameters.csv", "pv,max_growth,,20,%,assumption: x")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(DataError) as err:
            load_dataset(tiny)
    text = str(err.value)
    assert "row 24" in text
    assert "column 'unit'" in text
    assert "20 with unit %/yr" in text
    assert "0.2 with unit 1/yr" in text
    assert not [w for w in caught if issubclass(w.category, GrowthPercentWarning)]


def test_scenario_override_fraction_under_percent_warns(tiny):
    # a scenario's dataset.yaml row is checked as a parameters.csv row is
    edit(tiny, "dataset.yaml", "scenarios:\n",
         "scenarios:\n  more:\n    extends: baseline\n    parameters:\n"
         "      - {technology: coal_power, parameter: min_output, value: 0.4, unit: '%', "
         "source: test}\n")
    found = _caught(tiny)
    assert len(found) == 1
    assert found[0].startswith("dataset.yaml, key scenarios.more.parameters[0]")
    assert "0.4 % = 0.004" in found[0]


def test_scenario_override_csv_fraction_under_percent_warns(tiny):
    edit(tiny, "dataset.yaml", "scenarios:\n", "scenarios:\n  more:\n    extends: baseline\n")
    (tiny / "scenarios" / "more").mkdir(parents=True)
    (tiny / "scenarios" / "more" / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\n"
        "battery,discharge_efficiency,,0.9,%,test\n", encoding="utf-8")
    found = _caught(tiny)
    assert len(found) == 1
    assert found[0].startswith("scenarios/more/parameters.csv, row 2")
    assert "0.9 % = 0.009" in found[0]


# --- D137: a store's residual power without its residual energy -------------------------------


def test_store_power_without_energy_warns(tiny):
    from carbonpath.dataset.role_checks import EmptyStoreWarning

    _append(tiny, "parameters.csv", "battery,residual_capacity,,100,MW,assumption: x")
    found = _caught(tiny, EmptyStoreWarning)
    assert len(found) == 1
    assert found[0].startswith("parameters.csv, row 24, column 'parameter'")
    assert "holds 0 MWh" in found[0]
    assert "battery,residual_energy_capacity" in found[0]


def test_store_with_power_and_energy_is_quiet(tiny):
    from carbonpath.dataset.role_checks import EmptyStoreWarning

    _append(tiny, "parameters.csv", "battery,residual_capacity,,100,MW,assumption: x")
    _append(tiny, "parameters.csv", "battery,residual_energy_capacity,,200,MWh,assumption: x")
    assert _caught(tiny, EmptyStoreWarning) == []


# --- D62: an availability profile on an import without capacity -------------------------------


def test_import_profile_without_capacity_is_refused(tiny):
    # tiny's technologies.csv line 6 is grid_import (no capacity rows); pv's profile 'pv'
    edit(tiny, "technologies.csv", "MW,MWh,false,false,,,assumption: toy",
         "MW,MWh,false,false,pv,,assumption: toy")  # column availability_profile
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problems = err.value.problems
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.column, p.value) == ("technologies.csv", 6,
                                                  "availability_profile", "pv")
    assert "import 'grid_import', which has none" in p.message
