"""Round-6 case FX06: a user factor row whose region the inventory never reaches is reported.

A factor applies to its region and the regions below it (factors/regions.csv: CN-SD-Liaocheng
has parent CN-SD), so a row for Liaocheng is never used by an inventory of CN-SD.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.errors import CarbonpathWarning

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
SAMPLE = SAMPLES / "activity_sample.csv"
HEAD = ("item,quantity,gas,sector,technology,value,unit,basis,region,year,low,high,source,"
        "source_item,status,note,plausibility\n")


def _user(tmp_path, region):
    path = tmp_path / "f.csv"
    path.write_text(HEAD + f"raw_coal,calorific_value,,,,20.9,GJ/t,net,{region},,,,city "
                    "survey,,unverified,,\n"
                    f"raw_coal,emission_factor,CO2,,,94600,kg CO2/TJ,,{region},,,,city "
                    "survey,,unverified,,\n", encoding="utf-8")
    return path


def test_fx06_row_of_a_child_region_is_named(tmp_path):
    text = r"2 user factor row\(s\) are never used: f\.csv line 2 \(region CN-SD-Liaocheng"
    with pytest.warns(CarbonpathWarning, match=text):
        cp.compute_inventory(SAMPLE, factors=[_user(tmp_path, "Liaocheng")], region="CN-SD",
                             year=2022, primary_electricity="coal_consumption",
                             coal_rate_basis="supply",
                             production=SAMPLES / "production_sample.csv")


def test_row_of_the_inventory_region_is_used_silently(tmp_path):
    # CN-SD is in the chain of CN-SD: no warning (the filterwarnings setting makes one fail)
    inv = cp.compute_inventory(SAMPLE, factors=[_user(tmp_path, "CN-SD")], region="CN-SD",
                               year=2022, primary_electricity="coal_consumption",
                               coal_rate_basis="supply",
                             production=SAMPLES / "production_sample.csv")
    assert inv.version.endswith("+user")
