"""Round-9 cases F11/F05 and F03: user factor rows that were silently unused or silently won.

F11: every calorific-value lookup asks for basis net, so a gross row is unusable and must be
refused (issue 11: a row no lookup can ever use is an error), naming file, line and basis.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.errors import CarbonpathWarning, DataError

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


def _grid_row(tmp_path, year):
    path = tmp_path / f"f03_{year}.csv"
    path.write_text(HEAD + f"electricity,emission_factor,CO2,,,0.62,t CO2/MWh,,CN-SD,{year},,,"
                    "notice,,unverified,,\n", encoding="utf-8")
    return path


def test_f03_older_user_year_over_exact_bundled_year_is_announced(tmp_path):
    # factors/grid_factors.csv has a CN-SD row of 2022: the user's 2021 row still wins
    with pytest.warns(CarbonpathWarning, match=r"f03_2021\.csv line 2 .*year 2021\) replaces "
                      r"the bundled factor of the exact year 2022 \(grid_factors\.csv"):
        cp.compute_inventory(SAMPLE, factors=[_grid_row(tmp_path, 2021)], **INV)


def test_f03_user_row_of_the_exact_year_is_silent(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CarbonpathWarning)
        with_user = cp.compute_inventory(SAMPLE, factors=[_grid_row(tmp_path, 2022)], **INV)
    bundled = cp.compute_inventory(SAMPLE, **INV)
    # the user's 0.62 t CO2/MWh replaced the bundled 0.641 of CN-SD 2022: less scope 2
    assert with_user.total(gas="CO2") < bundled.total(gas="CO2")
