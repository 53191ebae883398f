"""Round 14 (I19, I30, I53, I54): a balance column's header unit 10^4 or 10^8 off its numbers.

Each slip leaves every total of the sheet adding up; the sheet's magnitudes
(:mod:`carbonpath.accounting.balance_magnitude`) and its coking row's yields
(:mod:`carbonpath.accounting.balance_yields`) show it. Expected figures are worked by hand
from the sample sheet (datasets/samples/energy_balance_sample.csv) and the bundled net
calorific values written out below.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning, rescaled
from carbonpath.accounting.balance_yields import (
    BalanceYieldWarning,
    coking_yield_warnings,
)

BALANCE = Path("datasets/samples/energy_balance_sample.csv")
TEXT = BALANCE.read_text(encoding="utf-8")


def _sheet(tmp_path: Path, old: str, new: str) -> Path:
    assert old in TEXT
    path = tmp_path / "slipped.csv"
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    return path


def _read(path: Path) -> tuple[cp.accounting.balance_sheet.BalanceSheet, list[str], list[str]]:
    """The sheet, its yield warnings and its other magnitude warnings."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        sheet = cp.read_energy_balance(path)
    yields = [str(w.message) for w in rec if issubclass(w.category, BalanceYieldWarning)]
    sizes = [str(w.message) for w in rec if w.category is BalanceMagnitudeWarning]
    return sheet, yields, sizes


def test_the_sample_coking_row_has_usual_yields():
    sheet = cp.read_energy_balance(BALANCE)  # pytest turns any warning into an error
    # 炼焦: 110 万吨 washed coal -> 80 万吨 coke (80 / 110 = 0.727 t/t, inside 0.5 .. 1)
    # and 3.6 亿m3 coke-oven gas (3.6e8 m3 / 1.1e6 t = 327 m3/t, inside 30 .. 1000)
    assert coking_yield_warnings(sheet.flows, sheet.units) == []


def test_coke_header_in_tonnes_over_numbers_in_wan_tonnes_warns(tmp_path):  # I53
    _, yields, sizes = _read(_sheet(tmp_path, "焦炭(万吨)", "焦炭(吨)"))
    # coke yield: 80 t / 110e4 t = 7.27e-5 t/t, 10^4 under the band 0.5 .. 1
    assert len(yields) == 1
    assert "coke yield of 7.27e-05 t of coke per t of coal" in yields[0]
    assert "'3.炼焦' (line 15)" in yields[0]
    assert "'焦炭(吨)' in 万吨" in yields[0]
    assert "'洗精煤(万吨)' in 吨" in yields[0]  # the other reading that fits, also named
    # the column's magnitude: 80 t x 28.435 GJ/t = 2.3 TJ beside 1137e4 t x 20.908 GJ/t
    assert any("'焦炭(吨)'" in m and "2.3 TJ" in m and "237,724 TJ" in m for m in sizes)


def test_coke_oven_gas_header_in_wan_over_numbers_in_yi_warns(tmp_path):  # I53
    _, yields, _ = _read(_sheet(tmp_path, "焦炉煤气(亿立方米)", "焦炉煤气(万立方米)"))
    # gas yield: 3.6e4 m3 / 110e4 t = 0.0327 m3/t, under 30 .. 1000
    assert len(yields) == 1
    assert "gas yield of 0.0327 m3 of gas per t of coal" in yields[0]
    assert "'焦炉煤气(万立方米)' in 亿立方米" in yields[0]


def test_coal_header_slip_moves_both_yields(tmp_path):
    _, yields, _ = _read(_sheet(tmp_path, "洗精煤(万吨)", "洗精煤(吨)"))
    # coal 110 t: coke 80e4 / 110 = 7.27e3 t/t, gas 3.6e8 / 110 = 3.27e6 m3/t
    assert len(yields) == 2
    assert "7.27e+03 t of coke per t of coal" in yields[0]
    assert "3.27e+06 m3 of gas per t of coal" in yields[1]
    assert all("'洗精煤(吨)' in 万吨" in m for m in yields)


def test_gas_header_in_cubic_metres_over_numbers_in_yi_warns(tmp_path):  # 10^8
    _, _, sizes = _read(_sheet(tmp_path, "天然气(亿立方米)", "天然气(立方米)"))
    # 8 m3 (taken as Nm3) x 38.931 MJ = 0.00031 TJ: 1.3e-9 of raw coal's 237,724 TJ, and
    # still 1.3e-5 read 10^4 larger; read 10^8 larger, 31,145 TJ = 0.13 of it
    assert len(sizes) == 1
    assert "'天然气(立方米)'" in sizes[0]
    assert "0.00031 TJ" in sizes[0]
    assert "10^8" in sizes[0]
    assert "立方米 for 亿立方米" in sizes[0]
    assert "would hold 0.13 of it" in sizes[0]


@pytest.mark.parametrize(("header", "slipped", "tj"), [
    ("汽油(万吨)", "汽油(吨)", "0.9 TJ"),  # I19: 20 t x 44.8 GJ/t = 0.896 TJ
    ("柴油(万吨)", "柴油(吨)", "1.8 TJ"),  # I54: 41 t x 43.33 GJ/t = 1.78 TJ
    ("石油沥青(万吨)", "石油沥青(吨)", "0.2 TJ"),  # I30: 6 t x 40.2 GJ/t = 0.241 TJ
])
def test_oil_product_header_in_tonnes_warns(tmp_path, header, slipped, tj):
    _, yields, sizes = _read(_sheet(tmp_path, header, slipped))
    assert yields == []  # no coking column touched
    assert len(sizes) == 1
    assert f"'{slipped}'" in sizes[0]
    assert f"= {tj}," in sizes[0]
    assert "吨 for 万吨" in sizes[0]


def test_rescaled_units():
    assert rescaled("吨", 4) == "万吨"
    assert rescaled("亿立方米", -4) == "万立方米"
    assert rescaled("立方米", 8) == "亿立方米"
    assert rescaled("万吨", 8) is None  # no 万亿 prefix


# one column's header made 10^4 (or, where the unit has no prefix then, 10^8) smaller than
# its numbers: every column of the sample sheet
SLIPS = [
    ("原煤(万吨)", "原煤(吨)"), ("洗精煤(万吨)", "洗精煤(吨)"), ("焦炭(万吨)", "焦炭(吨)"),
    ("焦炉煤气(亿立方米)", "焦炉煤气(万立方米)"), ("焦炉煤气(亿立方米)", "焦炉煤气(立方米)"),
    ("汽油(万吨)", "汽油(吨)"), ("柴油(万吨)", "柴油(吨)"), ("石油沥青(万吨)", "石油沥青(吨)"),
    ("天然气(亿立方米)", "天然气(万立方米)"), ("天然气(亿立方米)", "天然气(立方米)"),
    ("热力(万百万千焦)", "热力(百万千焦)"), ("电力(亿千瓦时)", "电力(万千瓦时)"),
    ("电力(亿千瓦时)", "电力(千瓦时)"),
]


@given(st.sampled_from(SLIPS))
def test_any_one_column_slipped_warns_or_is_refused(slip):
    """A slipped column warns when read, or its inventory is refused (plants' first law)."""
    old, new = slip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slipped.csv"
        path.write_text(TEXT.replace(old, new), encoding="utf-8")
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            sheet = cp.read_energy_balance(path)
    if any(issubclass(w.category, BalanceMagnitudeWarning) for w in rec):
        assert any(new in str(w.message) for w in rec)
        return
    # raw coal, heat and electricity: the plants' conversion check refuses the inventory
    with pytest.raises(cp.ImplausibleValueError, match="implausible conversion"):
        cp.compute_inventory(sheet.activity, region="CN-SD", year=2022,
                             primary_electricity="calorific")
