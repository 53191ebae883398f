"""Round-9 cases F11/F05 and F03: user factor rows that were silently unused or silently won.

F11: every calorific-value lookup asks for basis net, so a gross row is unusable and must be
refused (issue 11: a row no lookup can ever use is an error), naming file, line and basis.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.errors import DataError

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
SAMPLE = SAMPLES / "activity_sample.csv"
HEAD = ("item,quantity,gas,sector,technology,value,unit,basis,region,year,low,high,source,"
        "source_item,status,note,plausibility\n")
INV = {"region": "CN-SD", "year": 2022, "primary_electricity": "coal_consumption",
           "coal_rate_basis": "supply", "production": SAMPLES / "production_sample.csv"}


def test_f11_gross_calorific_value_row_is_refused(tmp_path):
    # 6500 kcal/kg = 27.2 GJ/t gross; no lookup asks for gross, so the row would be unused
    path = tmp_path / "f11.csv"
    path.write_text(HEAD + "raw_coal,calorific_value,,,,6500,kcal/kg,gross,CN,,,,mine lab,,"
                    "unverified,,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"f11\.csv.*2.*gross calorific value") as info:
        cp.compute_inventory(SAMPLE, factors=[path], **INV)
    assert "ncv_gcv_ratio" in str(info.value)
