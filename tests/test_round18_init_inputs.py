"""Round 18 (tester S): init's side inputs that dropped a row, summed a copy or hid a rate.

* S45-S52, W12, W13 (and S43, S46 that followed): a blank number or year cell of the
  capacity, drivers, growth or committed input skipped its row with no word; each is now
  refused naming the file (or workbook sheet), the row and the column.
* S06: a growth rate outside the accepted range is refused with the range said.
* S41: a negative GDP growth rate is warned of, naming the row (population may decline).
* S36: an exact copy of a committed row is refused (it doubled the commitment).
* S14: two capacity types of one technology (``pv`` and ``pv_utility``) are refused naming
  both capacity rows (init wrote the technology twice; ``run`` then named init's output).
* S08, S09: a growth row whose years given driver values decide is warned of, naming both
  inputs' rows.

Rows are the lines an editor shows: the header is row 1, so the n-th data row is row n+1.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from carbonpath.dataset.absolute import UnusualDriverWarning
from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from carbonpath.init.driver_checks import GrowthNotUsedWarning, check_growth_used
from carbonpath.init.inputs import read_capacity, read_committed, read_drivers, read_growth
from tests.init_sample import BALANCE, SAMPLE

TYPES = ["battery", "coal", "gas", "pv", "pv_utility", "wind_onshore"]


def _frame(header: str, *rows: str) -> pd.DataFrame:
    """A CSV input as the readers take it (strings, as a file is read)."""
    cols = header.split(",")
    return pd.DataFrame([r.split(",") for r in rows], columns=cols, dtype=str)


CAPACITY = "type,value,unit,source"
DRIVERS = "driver,year,value,unit,source"
GROWTH = "driver,start,end,rate,source"
COMMITTED = "type,year,value,unit,source"

BLANK_CASES = {
    # S45 (S43, S46: the same blank in the gas and pv rows)
    "capacity value": (lambda f: read_capacity(f, TYPES, name="capacity.csv"),
                       _frame(CAPACITY, "coal,300,万千瓦,s", "battery,,万千瓦,s"), 3, "value"),
    # S48
    "drivers value": (lambda f: read_drivers(f, 2022, name="drivers.csv"),
                      _frame(DRIVERS, "gdp,2022,2600,亿元,s", "population,2022,600,万人,s",
                             "grid_emission_factor,2030,,t CO2/MWh,s"), 4, "value"),
    # S47
    "growth rate": (lambda f: read_growth(f, name="growth.csv"),
                    _frame(GROWTH, "gdp,2022,2030,,s"), 2, "rate"),
    "growth start": (lambda f: read_growth(f, name="growth.csv"),
                     _frame(GROWTH, "population,2022,2035,-0.002,s", "gdp,,2030,0.05,s"), 3,
                     "start"),
    "growth end": (lambda f: read_growth(f, name="growth.csv"),
                   _frame(GROWTH, "gdp,2022,,0.05,s"), 2, "end"),
    # S50, S52
    "committed value": (lambda f: read_committed(f, TYPES, 2022, 2035, name="committed.csv"),
                        _frame(COMMITTED, "pv,2025,,万千瓦,s"), 2, "value"),
    "committed year": (lambda f: read_committed(f, TYPES, 2022, 2035, name="committed.csv"),
                       _frame(COMMITTED, "wind_onshore,2026,20,万千瓦,s", "pv,,50,万千瓦,s"), 3,
                       "year"),
}


@pytest.mark.parametrize("case", sorted(BLANK_CASES))
def test_a_blank_required_cell_is_refused_naming_row_and_column(case):
    read, frame, row, column = BLANK_CASES[case]
    with pytest.raises(DataError) as info:
        read(frame)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (row, column)
    assert problem.file.endswith(".csv")
    assert "blank" in problem.message
    assert problem.valid


def test_a_blank_capacity_cell_of_the_workbook_names_the_sheet_and_excel_row(tmp_path):
    """W12: capacity B6 (the battery's value) emptied, its source the planner's own."""
    openpyxl = pytest.importorskip("openpyxl")
    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import write_template

    path = write_template(tmp_path / "city.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["capacity"]["A6"].value == "battery"  # the template's fifth capacity row
    wb["capacity"]["B6"] = None
    wb["capacity"]["D6"] = "yearbook"
    wb.save(path)
    with pytest.raises(DataError) as info:
        init_from_workbook(path, region="CN-SD", base_year=2023, horizon=2025,
                           out=tmp_path / "out", model_hours=1)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("city.xlsx, sheet 'capacity'", 6,
                                                           "value")
    assert not (tmp_path / "out").exists()


def test_an_infinite_number_is_refused():
    with pytest.raises(DataError) as info:
        read_capacity(_frame(CAPACITY, "pv,inf,万千瓦,s"), TYPES, name="capacity.csv")
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "value")]


def test_the_refused_growth_rate_says_the_accepted_range():
    """S06: 0.5 is refused; the message says the open range -0.2 .. 0.3."""
    with pytest.raises(DataError) as info:
        read_growth(_frame(GROWTH, "gdp,2022,2035,0.5,a"), name="growth.csv")
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (2, "rate")
    assert "-0.2" in problem.valid
    assert "0.3" in problem.valid


def test_a_negative_gdp_growth_is_warned_of_and_a_declining_population_is_not():
    """S41: -0.05 for gdp (a sign slip: 2600 x 0.95^8 = 1724.9 亿元 in 2030, not 3841.4)."""
    frame = _frame(GROWTH, "gdp,2022,2030,-0.05,a", "population,2022,2035,-0.002,a")
    with pytest.warns(UnusualDriverWarning) as record:
        out = read_growth(frame, name="growth.csv")
    texts = [str(w.message) for w in record if issubclass(w.category, UnusualDriverWarning)]
    assert len(texts) == 1
    assert "growth.csv, row 2, column 'rate'" in texts[0]
    assert "0.05" in texts[0]
    assert list(out["rate"]) == [-0.05, -0.002]  # warned, not changed


def test_an_exact_copy_of_a_committed_row_is_refused_but_two_projects_are_not():
    """S36: the same row twice doubled 50 万千瓦 into 1000 MW."""
    copy = _frame(COMMITTED, "pv,2025,50,万千瓦,a", "pv,2025,50,万千瓦,a")
    with pytest.raises(DataError) as info:
        read_committed(copy, TYPES, 2022, 2035, name="committed.csv")
    (problem,) = info.value.problems
    assert problem.row == 3
    assert "row 2" in problem.message
    two = _frame(COMMITTED, "pv,2025,50,万千瓦,project A", "pv,2025,50,万千瓦,project B")
    out = read_committed(two, TYPES, 2022, 2035, name="committed.csv")
    assert list(out["mw"]) == [500.0, 500.0]  # 50 万千瓦 = 50 x 10 MW each


def _given(*rows: tuple[str, int, float, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["driver", "year", "value", "line"])


def _rates(*rows: tuple[str, int, int, float, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["driver", "start", "end", "rate", "line"])


SAMPLE_GROWTH = _rates(("gdp", 2022, 2030, 0.05, 2), ("gdp", 2030, 2035, 0.04, 3),
                       ("population", 2022, 2035, -0.002, 4))


def test_a_growth_row_that_given_values_override_is_warned_of():
    """S08: gdp 2600 (2022) and 5000 (2030) give (5000/2600)^(1/8) - 1 = 8.5 %/yr over
    2023..2030, where growth row 2 says 5 %/yr (2600 x 1.05^8 = 3841 in 2030)."""
    drivers = _given(("gdp", 2022, 2600.0, 2), ("population", 2022, 600.0, 3),
                     ("gdp", 2030, 5000.0, 4))
    with pytest.warns(GrowthNotUsedWarning) as record:
        texts = check_growth_used(drivers, SAMPLE_GROWTH, 2022, 2035, "drivers.csv",
                                  "growth.csv")
    assert len(record) == len(texts) == 1  # row 3 (2031..2035) and population are used
    assert texts[0].startswith("growth.csv, row 2:")
    assert "drivers.csv rows 2 and 4" in texts[0]
    assert "8.5%/yr" in texts[0]
    assert "3,841" in texts[0]


def test_a_given_value_after_the_horizon_is_named_with_the_rows_it_overrides():
    """S09: gdp 2040 = 5000 makes 2023..2035 interpolated; both gdp rows unused."""
    drivers = _given(("gdp", 2022, 2600.0, 2), ("gdp", 2040, 5000.0, 4))
    with pytest.warns(GrowthNotUsedWarning):
        texts = check_growth_used(drivers, SAMPLE_GROWTH, 2022, 2035, "drivers.csv",
                                  "growth.csv")
    assert [t.split(":")[0] for t in texts] == ["growth.csv, row 2", "growth.csv, row 3"]
    assert all("after the horizon 2035" in t for t in texts)


def test_a_statistic_after_the_base_year_near_the_rate_stays_quiet():
    """gdp 2023 = 2704 is 4 %/yr from 2600, one point from the row's 5 %: the planner's
    statistic of 2023, the rate from there on; no warning. 3120 (20 %/yr) is warned of."""
    near = _given(("gdp", 2022, 2600.0, 2), ("gdp", 2023, 2704.0, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_growth_used(near, SAMPLE_GROWTH, 2022, 2035, "d", "g") == []
    far = _given(("gdp", 2022, 2600.0, 2), ("gdp", 2023, 3120.0, 3))
    with pytest.warns(GrowthNotUsedWarning):
        (text,) = check_growth_used(far, SAMPLE_GROWTH, 2022, 2035, "d", "g")
    assert "20.0%/yr" in text
    assert "not used in 2023..2023" in text


def test_init_refuses_two_names_of_one_technology_and_warns_of_an_unused_growth_row(tmp_path):
    """S14 and S08 through init_dataset (one init call for both, for the suite's time).

    capacity: the sample's five rows and ``pv_utility,180,万千瓦`` (row 7), the same
    technology as ``pv`` (row 4); drivers: the sample's and ``gdp,2030,5000``.
    """
    cap = pd.read_csv(SAMPLE["capacity"], dtype=str, keep_default_na=False)
    cap.loc[len(cap)] = ["pv_utility", "180", "万千瓦", "the same PV under another name"]
    drv = pd.read_csv(SAMPLE["drivers"], dtype=str, keep_default_na=False)
    drv.loc[len(drv)] = ["gdp", "2030", "5000", "亿元", "plan"]
    args = {**SAMPLE, "capacity": cap, "drivers": drv, "horizon": 2035}
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        with pytest.raises(DataError) as info:
            init_dataset(BALANCE, out=tmp_path / "o", names={"capacity": "capacity.csv"},
                         **args)
    unused = [str(w.message) for w in record if w.category is GrowthNotUsedWarning]
    assert len(unused) == 1
    assert unused[0].startswith("sample_growth.csv, row 2:")  # gdp 2022..2030 at 5 %/yr
    same = [p for p in info.value.problems if "one technology" in p.message]
    assert len(same) == 1
    assert (same[0].file, same[0].row, same[0].column) == ("capacity.csv", 7, "type")
    assert "row 4" in same[0].message
    assert "row 7" in same[0].message
    assert not (tmp_path / "o").exists()
