"""Round 13's accounting-side cases (tester13g, G IDs) fixed by rel28.

Expected values are worked by hand in each test from the bundled samples' numbers.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.accounting import read_energy_balance
from carbonpath.accounting.balance_year import HiddenSheetWarning, pick_sheet
from carbonpath.errors import DataError
from tests.test_round10_balance_year import _power_coal, _rows, _workbook

openpyxl = pytest.importorskip("openpyxl")


def test_g83_a_hidden_first_sheet_is_passed_over_with_a_warning(tmp_path):
    # sheet 'old' (the sample x 0.5, hidden) before 'balance' (the sample, visible)
    path = _workbook(tmp_path / "b83.xlsx", [("old", _rows(0.5)), ("balance", _rows())])
    wb = openpyxl.load_workbook(path)
    wb["old"].sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    with pytest.warns(HiddenSheetWarning, match=r"b83\.xlsx.*visible sheet 'balance'.*'old'"):
        bs = read_energy_balance(path, year=2022, region="CN-SD")
    assert bs.sheet == "balance"
    assert _power_coal(bs) == pytest.approx(780)  # the sample's, not 0.5 x 780 = 390
    with warnings.catch_warnings():
        warnings.simplefilter("error", HiddenSheetWarning)
        assert _power_coal(read_energy_balance(path, sheet="old", year=2022)) == \
            pytest.approx(390)  # named, the hidden sheet is read without a word


def test_g83_a_year_only_a_hidden_sheet_is_named_after_is_refused():
    with pytest.raises(DataError, match=r"only hidden sheets are named after the year 2022 "
                                        r"\(2022\)[\s\S]*--sheet"):
        pick_sheet(["2022", "draft"], 2022, "w.xlsx", hidden=["2022"])
    with pytest.warns(HiddenSheetWarning):
        assert pick_sheet(["2021", "2022", "2022 old"], 2022, "w.xlsx",
                          hidden=["2022 old"]) == "2022"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pick_sheet(["a", "b"], 2022, "w.xlsx") == "a"  # no hidden sheet: as before
