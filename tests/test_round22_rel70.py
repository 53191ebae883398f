"""Round 22 (rel70): init's silent defaults and unreachable advice.

N138 default targets after the horizon dropped without a word; N134/N135/N137 a balance
workbook of several sheets read from its first sheet, advice naming options init lacks;
N50/N51 committed projects (a x10 slip, one project under two type names); N40 GDP kept
central while the demands move; N90 growth periods written as plan years; N26 a capacity of 0.
Expected values are worked out by hand from the sample inputs (datasets/samples).
"""

from __future__ import annotations

import csv
import types

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from carbonpath import read_energy_balance
from carbonpath.cli import app
from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.conftest import assert_no_carbonpath_warnings
from tests.init_sample import BALANCE, INIT, SAMPLE, init_args

openpyxl = pytest.importorskip("openpyxl")


def _workbook(path, sheets):
    """An .xlsx of ``sheets`` (title -> the sample balance, or a text for a note sheet)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    with BALANCE.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for title, content in sheets.items():
        ws = wb.create_sheet(title)
        if content == "balance":
            for row in rows:
                ws.append([float(c) if c.replace(".", "", 1).replace("-", "", 1).isdigit()
                           else (c or None) for c in row])
        else:
            ws.append([content])
    wb.save(path)
    return path


# N138 ------------------------------------------------------------------------------------

def test_n138_default_targets_outside_the_model_years_are_named():
    from carbonpath.init.readme import dropped_targets

    # base 2022: the indicator set's years are 2030 (peak, non-fossil, NEV) and 2027
    d = types.SimpleNamespace(base_year=2022, horizon=2027)
    assert dropped_targets(d, has_cars=True) == [
        "peak (peak_year, 2030)", "nonfossil_2030 (nonfossil_share, 2030)",
        "nev_sales (min_share, 2030)"]
    d = types.SimpleNamespace(base_year=2022, horizon=2026)
    assert len(dropped_targets(d, has_cars=False)) == 4  # 2027's two intensities as well
    assert dropped_targets(types.SimpleNamespace(base_year=2022, horizon=2030), True) == []


def test_n138_init_to_2024_warns_that_plan_equals_baseline(sample_init, sample_init_warnings):
    from carbonpath.init.readme import DefaultTargetDroppedWarning

    plan = yaml.safe_load((sample_init.folder / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["targets"] == []
    said = [str(w.message) for w in sample_init_warnings
            if w.category is DefaultTargetDroppedWarning]
    assert len(said) == 1
    assert "peak (peak_year, 2030)" in said[0]
    assert "intensity_2027" in said[0]
    assert "equals 'baseline'" in said[0]
    assert "--horizon 2024" in said[0]
    assert "default targets" in (sample_init.folder / "README.md").read_text(encoding="utf-8")


# N134, N135, N137 ------------------------------------------------------------------------

def test_n134_two_balance_sheets_are_refused_naming_both(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", {"上年": "balance", "本年": "balance"})
    with pytest.raises(DataError) as err:
        read_energy_balance(book, year=2022, region="CN-SD")
    (p,) = err.value.problems
    assert p.column == "sheet"
    assert "2 sheets hold an energy balance (上年, 本年)" in p.message
    assert p.valid == "--sheet (sheet=) naming one of: 上年, 本年"
    # naming one reads it
    bs = read_energy_balance(book, sheet="本年", year=2022, region="CN-SD")
    assert bs.activity is not None


def test_n135_a_note_sheet_before_the_balance_is_passed_over(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", {"说明": "a note", "本年": "balance"})
    bs = read_energy_balance(book, year=2022, region="CN-SD")
    act = bs.activity
    row = act[(act["sector"] == "residential_rural") & (act["fuel"] == "raw_coal")]
    assert float(row["value"].iloc[0]) == 15.0  # the sample's line 30, 乡村 原煤 15 万吨
    assert bs.sheet == "本年"


def test_n134_init_has_a_sheet_option(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", {"上年": "balance", "本年": "balance"})
    args = init_args(tmp_path / "out")
    i = args.index("--balance")
    args[i + 1] = str(book)
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 1
    assert "--sheet (sheet=) naming one of: 上年, 本年" in res.output
    res = CliRunner().invoke(app, [*args, "--sheet", "上年"])
    assert res.exit_code == 0, res.output
    act = pd.read_csv(tmp_path / "out" / "activity.csv", keep_default_na=False)
    assert act["source"].str.contains("sheet '上年'").any()


def test_n137_init_advice_names_base_year_not_year(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", {"2023": "balance"})
    with pytest.raises(DataError) as err:
        init_dataset(book, out=tmp_path / "o", **SAMPLE)
    (p,) = err.value.problems
    assert "--base-year 2023 (base_year=)" in p.valid
    assert "--year " not in p.valid
    assert "--sheet '2023' (sheet=)" in p.valid


# N50, N51 --------------------------------------------------------------------------------

def _committed(tmp_path, text):
    path = tmp_path / "committed.csv"
    path.write_text("type,year,value,unit,source\n" + text, encoding="utf-8")
    return path


def test_n51_one_technology_under_two_committed_names_is_refused(tmp_path):
    com = _committed(tmp_path, "pv,2023,50,万千瓦,project A\n"
                               "pv_utility,2023,50,万千瓦,project A again\n")
    with pytest.raises(DataError) as err:
        init_dataset(BALANCE, out=tmp_path / "o", committed=com, **SAMPLE)
    (p,) = err.value.problems
    assert (p.row, p.column, p.value) == (3, "type", "pv_utility")
    assert "row 2 pv 500 MW; row 3 pv_utility 500 MW" in p.message  # 50 万千瓦 = 500 MW


def test_n50_a_commitment_above_the_fleet_and_ten_limits_is_warned_of(tmp_path):
    from carbonpath.init.inputs import CommittedSizeWarning

    com = _committed(tmp_path, "pv,2023,500,万千瓦,approved PV\n")
    with pytest.warns(CommittedSizeWarning) as rec:
        init_dataset(BALANCE, out=tmp_path / "o", committed=com, **SAMPLE)
    (text,) = [str(w.message) for w in rec if w.category is CommittedSizeWarning]
    # 500 万千瓦 = 5,000 MW against the sample's PV fleet of 180 万千瓦 = 1,800 MW
    assert "row 2" in text
    assert "5,000 MW in 2023" in text
    assert "(1,800 MW" in text
    assert "a tenth, 500 MW" in text


def test_n50_a_commitment_within_the_fleet_is_quiet(tmp_path):
    com = _committed(tmp_path, "pv,2023,150,万千瓦,approved PV\n")  # 1,500 < 1,800 MW
    with assert_no_carbonpath_warnings():
        init_dataset(BALANCE, out=tmp_path / "o", committed=com,
                     **{**SAMPLE, "horizon": 2030, "production": None})


# N40 -------------------------------------------------------------------------------------

def test_n40_gdp_moves_in_the_demands_group(sample_init):
    unc = pd.read_csv(sample_init.folder / "uncertainty.csv", keep_default_na=False)
    gdp = unc[unc["driver"] == "gdp"].astype({"year": int}).set_index("year")
    assert sorted(gdp.index) == [2023, 2024]  # base 2022, horizon 2024
    assert set(gdp["group"]) == {"demand_growth"}
    # the demands' half-width: 3 % x sqrt(1) in 2023, 3 % x sqrt(2) = 4.2426 % in 2024
    assert float(gdp.loc[2023, "low"]) == pytest.approx(0.97, abs=1e-6)
    assert float(gdp.loc[2024, "high"]) == pytest.approx(1.0424264, abs=1e-6)


# N90 -------------------------------------------------------------------------------------

def test_n90_plan_periods_one_year_apart_name_the_gap_year():
    from carbonpath.init.driver_checks import GrowthGapWarning
    from carbonpath.init.inputs import read_growth

    rows = pd.DataFrame({"driver": ["gdp", "gdp"], "start": ["2022", "2026"],
                         "end": ["2025", "2030"], "rate": ["0.06", "0.05"],
                         "source": ["十四五", "十五五"]})
    with pytest.warns(GrowthGapWarning) as rec:
        read_growth(rows, name="growth.csv")
    (text,) = [str(w.message) for w in rec]
    assert "row 3" in text
    assert "2026 has no rate" in text
    assert "start 2025" in text
    rows.loc[1, "start"] = "2025"  # periods one after another: quiet
    with assert_no_carbonpath_warnings():
        read_growth(rows, name="growth.csv")


# N26 -------------------------------------------------------------------------------------

def test_n26_a_zero_capacity_without_a_profile_is_none(tmp_path):
    text = (INIT / "sample_capacity.csv").read_text(encoding="utf-8")
    cap = tmp_path / "capacity.csv"
    cap.write_text(text + "wind_offshore,0,万千瓦,none yet\n", encoding="utf-8")
    init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "capacity": cap})
    cap.write_text(text + "wind_offshore,30,万千瓦,a farm\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        init_dataset(BALANCE, out=tmp_path / "o2", **{**SAMPLE, "capacity": cap})
    profile = [p for p in err.value.problems if "needs the profile" in p.message]
    assert [(p.row, p.column) for p in profile] == [(7, "type")]  # header + 5 rows + this
