"""Round 15's accounting cases (tester15k): K80 total column, K81 tidy carrier magnitude,
K20/K104 options the input contradicts, and the poor messages K23, K35, K78, K79, K86."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.accounting.balance_total_tce import BalanceTotalWarning

SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "energy_balance_sample.csv"

# GB/T 2589-2020 Appendix A reference coefficients, 万吨标准煤 per column unit, written out
# here independently of carbonpath's factor table: raw coal 0.7143 tce/t, washed coal 0.9000,
# coke 0.9714, coke-oven gas 5.714 tce/万m3 (0.5714 kgce/m3), gasoline 1.4714, diesel 1.4571,
# bitumen 1.4286, natural gas 13.300 tce/万m3 (1.33 kgce/m3), heat 0.03412 tce/GJ
# (万百万千焦 = 10^4 GJ -> 341.2 tce = 0.03412 万tce), electricity 0.1229 kgce/kWh (calorific,
# 亿kWh -> 1.229 万tce) or 300.7 gce/kWh (coal equivalent, CEC 2022 supply rate -> 3.007).
GB = [0.7143, 0.9000, 0.9714, 5.714, 1.4714, 1.4571, 1.4286, 13.300, 0.03412]
ELEC = {"calorific": 1.229, "coal_equivalent": 3.007}


def _with_total(tmp_path: Path, coefficient) -> Path:
    """The sample sheet with a 合计(万吨标准煤) column of ``coefficient(cells)`` per row."""
    lines = list(csv.reader(SAMPLE.open(encoding="utf-8")))
    width = len(lines[1])
    out = []
    for i, row in enumerate(lines):
        if i == 1:
            row = [*row, "合计(万吨标准煤)"]
        elif len(row) == width and i > 1:
            cells = [float(c) if c.strip() else None for c in row[1:]]
            total = coefficient(cells)
            row = [*row, "" if total is None else f"{total:.2f}"]
        out.append(row)
    path = tmp_path / "with_total.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(out)
    return path


def _gb_total(electricity: float):
    def total(cells):
        if all(c is None for c in cells):
            return None
        return sum((c or 0.0) * k for c, k in zip(cells, [*GB, electricity], strict=True))
    return total


@pytest.mark.parametrize("basis", ["calorific", "coal_equivalent"])
def test_total_column_that_adds_up_is_quiet(tmp_path, basis):
    """K80: a total column in GB/T 2589 standard coal (either electricity convention) passes.

    carbonpath's own calorific values differ from the GB coefficients by up to 4 % (gasoline
    44.8 GJ/t = 1.5286 against 1.4714), inside the 10 % tolerance.
    """
    path = _with_total(tmp_path, _gb_total(ELEC[basis]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sheet = cp.read_energy_balance(path, year=2022)
    assert "total" in set(sheet.flows["fuel"])


def test_total_column_of_raw_coal_only_warns(tmp_path):
    """K80: the tester's total (raw coal x 0.7143 only) is 30 % below the fuels.

    Line 3 (一、可供本地区消费的能源量): stated 1137 x 0.7143 = 812.16; the fuels at GB
    coefficients, calorific electricity: 812.16 + 110 x 0.9 - 31 x 0.9714 + 20 x 1.4714
    + 41 x 1.4571 + 6 x 1.4286 + 8 x 13.3 + 50 x 1.229 = 1146.64, 29 % less: beyond 10 %.
    """
    path = _with_total(tmp_path, lambda cells: None if cells[0] is None else cells[0] * 0.7143)
    with pytest.warns(BalanceTotalWarning) as got:
        cp.read_energy_balance(path, year=2022)
    text = str(got[0].message)
    assert "line 3 '一、可供本地区消费的能源量': stated 812.16" in text
    assert "合计" not in text or "total column" in text


def test_total_column_with_fuel_columns_slipped_warns(tmp_path):
    """K80's kind: a right total, but the natural gas column headed 万立方米 over numbers in
    亿 and the electricity 万千瓦时 over 亿 (each 10^4 too small in the fuels' sum). Line 3:
    the total 1146.64 (above) against the fuels without gas and electricity, 1146.64 - 106.4
    - 61.45 = 978.79: 15 % off, beyond 10 % of the row's gross (1146.64 + 2 x 30.11)."""
    path = _with_total(tmp_path, _gb_total(ELEC["calorific"]))
    text = path.read_text(encoding="utf-8").replace("天然气(亿立方米)", "天然气(万立方米)")
    path.write_text(text.replace("电力(亿千瓦时)", "电力(万千瓦时)"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.read_energy_balance(path, year=2022)
    texts = [str(w.message) for w in got if issubclass(w.category, BalanceTotalWarning)]
    assert len(texts) == 1
    assert "line 3 '一、可供本地区消费的能源量': stated 1,146.64, the fuels give 97" in texts[0]
