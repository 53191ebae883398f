"""Round-10 cases A81, A82 and A57: which year (and sheet) a balance is, and init on it.

A81: a workbook with sheets "2021" (first) and "2022" read for 2022 without a sheet read the
2021 sheet. A82: a CSV titled 聊城市2021年能源平衡表 read as 2022 without a word. A57: init
on the yearbook's English header ``Raw Coal (10 000 tons)`` divided by zero fuel energy.
Expected values: the sample balance's thermal-power raw coal, 780 万吨 (its line 13), and
0.9 x 780 = 702 万吨 on the "2021" sheet, whose every number is the sample's x 0.9.
"""

from __future__ import annotations

import csv
import warnings

import pytest

from carbonpath.accounting import read_energy_balance
from carbonpath.accounting.balance_year import BalanceYearWarning
from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import BALANCE, SAMPLE

openpyxl = pytest.importorskip("openpyxl")
ENGLISH = ["Item", "Raw Coal (10 000 tons)", "Cleaned Coal (10 000 tons)", "Coke (10 000 tons)",
           "Coke Oven Gas (100 million cu.m)", "Gasoline (10 000 tons)", "Diesel (10 000 tons)",
           "Asphalt (10 000 tons)", "Natural Gas (100 million cu.m)", "Heat (10^10 kJ)",
           "Electricity (100 million kWh)"]


def _rows(scale=1.0, english=False):
    rows = list(csv.reader(BALANCE.read_text(encoding="utf-8").splitlines()))
    out = []
    for i, row in enumerate(rows):
        if i == 1 and english:
            out.append(ENGLISH)
            continue
        cells = []
        for cell in row:
            try:
                cells.append(round(float(cell) * scale, 6))
            except ValueError:
                cells.append(cell or None)
        out.append(cells)
    return out


def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _power_coal(bs):
    a = bs.activity
    sel = a[(a["sector"] == "thermal_power") & (a["fuel"] == "raw_coal")
            & (a["use"] == "combustion")]
    assert len(sel) == 1
    return float(sel["value"].iloc[0])


def test_a81_the_sheet_named_after_the_year_is_read(tmp_path):
    path = _workbook(tmp_path / "two.xlsx", [("2021", _rows(0.9)), ("2022", _rows())])
    bs = read_energy_balance(path, year=2022, region="CN-SD")
    assert bs.sheet == "2022"
    assert _power_coal(bs) == pytest.approx(780)
    bs = read_energy_balance(path, year=2021, region="CN-SD")
    assert bs.sheet == "2021"
    assert _power_coal(bs) == pytest.approx(702)
    # a sheet given is read as given, with a warning naming both years (round 21 J113)
    with pytest.warns(BalanceYearWarning, match="sheet '2021' is named after the year 2021"):
        bs = read_energy_balance(path, sheet="2021", year=2022)
    assert _power_coal(bs) == pytest.approx(702)


def test_a81_no_sheet_of_the_year_or_two_of_it_is_refused(tmp_path):
    path = _workbook(tmp_path / "two.xlsx", [("2021", _rows(0.9)), ("2022", _rows())])
    with pytest.raises(DataError, match=r"two\.xlsx.*no sheet is named after the year 2020"):
        read_energy_balance(path, year=2020)
    both = _workbook(tmp_path / "both.xlsx", [("2022", _rows()), ("2022年 (revised)", _rows())])
    with pytest.raises(DataError, match=r"2 sheets are named after the year 2022[\s\S]*revised"):
        read_energy_balance(both, year=2022)


def test_a81_sheets_without_years_keep_the_first_sheet(tmp_path):
    path = _workbook(tmp_path / "one.xlsx", [("balance", _rows()), ("notes", [["x"]])])
    bs = read_energy_balance(path, year=2022, region="CN-SD")
    assert bs.sheet == "balance"
    assert _power_coal(bs) == pytest.approx(780)


def test_a82_a_title_of_another_year_warns_naming_the_cell(tmp_path):
    rows = BALANCE.read_text(encoding="utf-8").splitlines()
    rows[0] = '"聊城市2021年能源平衡表(实物量)"'
    path = tmp_path / "a82.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.warns(BalanceYearWarning, match=r"a82\.csv, line 1, column 1.*2021.*2022"):
        read_energy_balance(path, year=2022)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BalanceYearWarning)
        assert _power_coal(read_energy_balance(path, year=2021)) == 780  # its own year
        read_energy_balance(BALANCE, year=2022)  # a title without a year


def test_a57_init_on_the_english_header_names_the_sheet_it_read(tmp_path):
    path = _workbook(tmp_path / "en.xlsx", [("2021", _rows(0.9, english=True)),
                                            ("2022", _rows(english=True))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        init_dataset(path, out=tmp_path / "ds", **SAMPLE)  # was ZeroDivisionError
    readme = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    assert "en.xlsx, sheet '2022'" in readme
    # 780 万吨 of raw coal burned for power: the calibrated plant's fuel is in the dataset
    flows = (tmp_path / "ds" / "flows.csv").read_text(encoding="utf-8")
    assert "thermal_raw_coal" in flows


def test_a75_a_known_fuel_with_an_unknown_unit_names_the_unit(tmp_path):
    path = tmp_path / "a75.csv"
    path.write_text("项目,原煤(万t),焦炭(万吨),天然气(亿立方米)\n工业,10,1,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a75\.csv, column '原煤\(万t\)'.*raw_coal.*unit '万t' "
                                        r"is not a unit"):
        read_energy_balance(path, year=2022)
