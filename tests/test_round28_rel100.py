"""Round 28 (tester28zd) accounting cases ZD08 ZD109 ZD34 ZD106: a unit typed over numbers
of another table.

Each edit is made to a bundled sample (activity: every gas row in 亿立方米, every
electricity row in 亿千瓦时; balance: every mass column in 万吨, its title 实物量); expected
values are computed by hand in each test. Standard coal coefficients (GB/T 2589-2020
Appendix A): natural gas 1.2143 kgce/m3 (20 °C), electricity 0.1229 kgce/kWh (当量值).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.accounting.balance_magnitude import (
    BalanceMagnitudeWarning,
    standard_coal_columns,
)
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning
from carbonpath.errors import CarbonpathError

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
ACTIVITY = SAMPLES / "activity_sample.csv"
BALANCE = SAMPLES / "energy_balance_sample.csv"


def _edit(tmp_path: Path, source: Path, line: int, old: str, new: str) -> Path:
    """``source`` with ``old`` -> ``new`` on file line ``line`` (header = 1)."""
    lines = source.read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path = tmp_path / source.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _inventory_warnings(path: Path, category: type[Warning], **options) -> list[str]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.compute_inventory(path, region="CN-SD", year=2022, primary_electricity="calorific",
                             **options)
    return [str(w.message) for w in got if issubclass(w.category, category)]


def _sheet_warnings(path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.read_energy_balance(path, year=2022)
    return [str(w.message) for w in got if issubclass(w.category, BalanceMagnitudeWarning)]


# --- ZD08, ZD109: one row of a fuel in standard coal, its number the physical figure ------

def test_gas_row_in_standard_coal_among_physical_rows_is_warned(tmp_path):
    """ZD08: residential gas (line 20) ``2.2,万吨标准煤``; the other gas rows are 0.5 .. 1.5
    亿立方米 (2.2 lies among them). As written: 2.2e4 tce / 1.2143 kgce/m3 = 1.8117e7 m3 =
    0.181 亿立方米; read in 亿立方米 it is 2.2 / 0.18117 = 12.1 times that."""
    path = _edit(tmp_path, ACTIVITY, 20, "2.2,亿立方米,combustion,20C",
                 "2.2,万吨标准煤,combustion,")
    (text,) = _inventory_warnings(path, ActivityMagnitudeWarning)
    assert text.startswith("activity_sample.csv, row 20, column 'unit': natural_gas is "
                           "written 2.2 万吨标准煤")
    assert "numbers 0.5 .. 1.5" in text
    assert "as written it is 0.181 亿立方米" in text
    assert "it is 2.2 亿立方米, 12.1 times the amount read" in text


def test_electricity_row_in_standard_coal_among_physical_rows_is_warned(tmp_path):
    """ZD109: commercial electricity (line 25) ``30,万吨标准煤`` at 当量值; the other 8
    electricity rows are 5 .. 215 亿千瓦时. As written: 3e8 kgce / 0.1229 kgce/kWh =
    2.441e9 kWh = 24.4 亿千瓦时; read in 亿千瓦时 it is 30 / 24.41 = 1.23 times that."""
    lines = ACTIVITY.read_text(encoding="utf-8").splitlines()
    lines = [x.replace(",note", ",energy_basis,note", 1) if i == 0 else
             x.replace(",,synthetic", ",,,synthetic", 1).replace(",20C,synthetic",
                                                                  ",20C,,synthetic", 1)
             for i, x in enumerate(lines)]
    assert lines[24].startswith("commercial,电力,30,亿千瓦时,consumption,,,")
    lines[24] = lines[24].replace("30,亿千瓦时,consumption,,,",
                                  "30,万吨标准煤,consumption,,calorific,")
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (text,) = _inventory_warnings(path, ActivityMagnitudeWarning, method="gpc")
    assert text.startswith("a.csv, row 25, column 'unit': electricity is written 30 万吨标准煤")
    assert "numbers 5 .. 215" in text
    assert "as written it is 24.4 亿千瓦时" in text
    assert "it is 30 亿千瓦时, 1.23 times the amount read" in text


def test_standard_coal_row_far_from_the_physical_numbers_is_not_named_so(tmp_path):
    """A gas row of 25 万吨标准煤 (= 2.06 亿立方米, among the others) whose number is above
    10 x 1.5 = 15, their largest, is not a physical figure typed with a tce unit: quiet."""
    path = _edit(tmp_path, ACTIVITY, 20, "2.2,亿立方米,combustion,20C",
                 "25,万吨标准煤,combustion,")
    assert _inventory_warnings(path, ActivityMagnitudeWarning) == []


def test_bundled_activity_sample_stays_quiet():
    assert _inventory_warnings(ACTIVITY, ActivityMagnitudeWarning) == []


# --- ZD34: a balance column header in kt over numbers in 万吨 -----------------------------

def test_balance_column_in_kt_among_wan_tonne_columns_is_warned(tmp_path):
    """ZD34: ``汽油(kt)``; the 5 other mass columns are in 万吨. 1 万吨 = 10^4 t = 10 kt, so
    read in 万吨 the column is 10 times larger; its largest cell, line 3, is 20."""
    path = _edit(tmp_path, BALANCE, 2, "汽油(万吨)", "汽油(kt)")
    (text,) = _sheet_warnings(path)
    assert "column '汽油(kt)' (gasoline) is in kt, a unit 10 times smaller than 万吨" in text
    assert "all 5 other columns of its measure" in text
    assert "(line 3) is 20 kt; in 万吨 it would be 20 万吨, gasoline 10 times larger" in text
    assert "'汽油(万吨)'" in text


def test_balance_column_in_tonnes_is_left_to_the_magnitude_check(tmp_path):
    """``汽油(吨)`` is 10^4 apart (at or above 1,000): not this check's (a small fuel may be
    printed in 吨); the sheet's 10^4 magnitude check judges it by its energy."""
    path = _edit(tmp_path, BALANCE, 2, "汽油(万吨)", "汽油(吨)")
    assert not [t for t in _sheet_warnings(path) if "times smaller than 万吨" in t]


def test_bundled_balance_samples_stay_quiet():
    assert _sheet_warnings(BALANCE) == []
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.read_energy_balance(SAMPLES / "init" / "coastal_balance.csv", year=2023)
    assert not [w for w in got if issubclass(w.category, BalanceMagnitudeWarning)]


# --- ZD106: a 标准量 header over the physical table's electricity ---------------------------

def test_electricity_column_in_standard_coal_on_a_physical_sheet_is_warned(tmp_path):
    """ZD106: ``电力(万吨标准煤)`` under the title 能源平衡表(实物量); the 9 other fuel
    columns are physical. Its largest cell is line 32's 241 (消费量合计)."""
    path = _edit(tmp_path, BALANCE, 2, "电力(亿千瓦时)", "电力(万吨标准煤)")
    (text,) = _sheet_warnings(path)
    assert "column '电力(万吨标准煤)' (electricity) is in standard coal" in text
    assert "9 other fuel columns are physical" in text
    assert "says 实物量" in text
    assert "(line 32) is 241 万吨标准煤; if the numbers are physical it is 241 亿千瓦时" in text
    assert "'电力(亿千瓦时)'" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        activity = cp.read_energy_balance(path, year=2022).activity
    with pytest.raises(CarbonpathError, match="in place of 万吨标准煤"):
        cp.compute_inventory(activity, region="CN-SD", year=2022,
                             primary_electricity="calorific")


def _flows(columns: dict[str, tuple[str, float]]):
    import pandas as pd

    return pd.DataFrame([{"fuel": f, "column": h, "line": 3, "value": v, "kind": "fuel"}
                         for f, (h, v) in columns.items()])


def test_standard_coal_column_rule_spares_standard_coal_sheets_and_other_energy():
    """A 标准量 sheet (every column in 万吨标准煤) and a 实物量 sheet's 其他能源(万吨标准煤)
    (a column physical sheets print in standard coal) are quiet; electricity in 万吨标准煤
    beside two physical columns is named."""
    from carbonpath.accounting.balance_mapping import balance_mapping

    default = balance_mapping(None).default_unit
    tce = {"raw_coal": ("原煤(万吨标准煤)", 500.0), "diesel": ("柴油(万吨标准煤)", 40.0),
           "electricity": ("电力(万吨标准煤)", 30.0)}
    units = dict.fromkeys(tce, "万吨标准煤")
    assert standard_coal_columns(_flows(tce), units, default, "能源平衡表(标准量)") == []
    physical = {"raw_coal": ("原煤(万吨)", 700.0), "diesel": ("柴油(万吨)", 40.0),
                "other_energy": ("其他能源(万吨标准煤)", 5.0)}
    units = {"raw_coal": "万吨", "diesel": "万吨", "other_energy": "万吨标准煤"}
    assert standard_coal_columns(_flows(physical), units, default, "") == []
    physical["electricity"] = ("电力(万吨标准煤)", 30.0)
    units["electricity"] = "万吨标准煤"
    (text,) = standard_coal_columns(_flows(physical), units, default, "")
    assert text.startswith("column '电力(万吨标准煤)' (electricity) is in standard coal")
    assert "it is 30 亿千瓦时 (header '电力(亿千瓦时)')" in text
