"""Round-9 cases V17/V17b: activity rows of two regions have no single city total.

Hand check: the sample's residential raw-coal row re-tagged CN-ZJ makes the inventory hold
rows of CN-SD and CN-ZJ; total() must refuse, naming both, while by("region") and a total
filtered to one region still work, and the two per-region totals add up to by("region").
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import ArgumentValueError

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
INV = {"region": "CN-SD", "year": 2022, "primary_electricity": "coal_consumption",
       "coal_rate_basis": "supply", "production": SAMPLES / "production_sample.csv"}


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory):
    act = pd.read_csv(SAMPLES / "activity_sample.csv")
    act.insert(0, "region", "CN-SD")
    act.loc[(act["sector"] == "residential") & (act["fuel"] == "原煤"), "region"] = "CN-ZJ"
    assert (act["region"] == "CN-ZJ").sum() == 1
    path = tmp_path_factory.mktemp("v17") / "v17.csv"
    act.to_csv(path, index=False)
    return cp.compute_inventory(path, **INV)


def test_v17_total_over_two_regions_is_refused(two_regions):
    with pytest.raises(ArgumentValueError, match=r"2 regions \(CN-SD, CN-ZJ\)"):
        two_regions.total()
    with pytest.raises(ArgumentValueError, match=r"2 regions \(CN-SD, CN-ZJ\)"):
        two_regions.energy_total()
    with pytest.raises(ArgumentValueError, match="regions"):
        two_regions.by("sector")


def test_v17_per_region_totals_still_work(two_regions):
    per = two_regions.by("region").set_index("region")["value"]
    assert set(per.index) == {"CN-SD", "CN-ZJ"}
    sd = two_regions.total(region="CN-SD").to("t CO2").magnitude
    zj = two_regions.total(region="CN-ZJ").to("t CO2").magnitude
    assert sd == pytest.approx(per["CN-SD"])
    assert zj == pytest.approx(per["CN-ZJ"])
    assert zj > 0


def test_v17_cli_refuses_the_city_total(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    act = pd.read_csv(SAMPLES / "activity_sample.csv")
    act.insert(0, "region", "CN-SD")
    # the power plants' fuel with their generation (round 30 ZF219: output without fuel)
    act.loc[(act["fuel"] == "电力") | (act["sector"] == "thermal_power"), "region"] = "CN-ZJ"
    path = tmp_path / "v17b.csv"
    act.to_csv(path, index=False)
    res = CliRunner().invoke(app, ["inventory", str(path), "--production",
                                   str(SAMPLES / "production_sample.csv"), "--region", "CN-SD",
                                   "--year", "2022", "--primary-electricity", "coal_consumption",
                                   "--coal-rate-basis", "supply", "--by", "region"])
    assert res.exit_code != 0
    assert "CN-SD, CN-ZJ" in res.output
    assert "City total" not in res.output
