"""Round 31 (issue 11): cases of /work/tester31zg handled by rel119.

The reference approach of a sheet read with a region alias (ZG94, ZG95), electricity given
in standard coal (ZG104), decompose with START later than END (ZG10).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.accounting.decomposition_pair import ReverseYearsWarning
from carbonpath.errors import ArgumentValueError
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"


# --- ZG94, ZG95: a balance sheet read with region='聊城' ------------------------------------

@pytest.fixture(scope="module")
def sheets():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {r: cp.read_energy_balance(SAMPLES / "energy_balance_sample.csv", year=2022,
                                          region=r) for r in ("聊城", "CN-SD-Liaocheng")}


def test_reference_approach_takes_the_inventory_of_a_sheet_read_by_alias(sheets):
    alias, code = sheets["聊城"], sheets["CN-SD-Liaocheng"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inv = cp.compute_inventory(alias.activity, primary_electricity="calorific")
        by_alias = cp.reference_approach(alias, inventory=inv)  # main: "inventory= is of"
        by_code = cp.reference_approach(code, inventory=inv)
    # a second reading: the same sheet read with the region's code
    assert by_alias.total["reference_tCO2"] == pytest.approx(by_code.total["reference_tCO2"])
    assert by_alias.total["difference_pct"] == pytest.approx(by_code.total["difference_pct"])


def test_reference_approach_region_alias_or_code_of_the_sheets_own_region(sheets):
    alias = sheets["聊城"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = cp.reference_approach(alias).total["reference_tCO2"]
        for region in ("聊城", "CN-SD-Liaocheng"):  # main: "region='聊城' ... is of 聊城"
            got = cp.reference_approach(alias, region=region).total["reference_tCO2"]
            assert got == pytest.approx(plain)
    with pytest.raises(ArgumentValueError, match="is of 聊城"):
        cp.reference_approach(alias, region="CN-ZJ")  # another region still refused


# --- ZG104: electricity given in standard coal ----------------------------------------------

def test_standard_coal_electricity_round_trips_exactly():
    e2sc = cp.electricity_to_standard_coal
    # 1 万吨标准煤 is 10,000 tce; main read it as 293.076 TJ = 81.41 GWh x 0.1229 = 10005.289
    assert e2sc(cp.Q_(1, "万吨标准煤"), "calorific").to("tce").magnitude == 10000.0
    got = e2sc(cp.Q_([1229.0, 0.5], "tce"), "calorific").to("tce").magnitude
    assert list(got) == [1229.0, 0.5]
    # kWh is unchanged: 1e7 kWh x 0.1229 kgce/kWh = 1,229,000 kgce = 1229 tce
    assert e2sc(cp.Q_(1e7, "kWh"), "calorific").to("tce").magnitude == pytest.approx(1229)


def test_standard_coal_electricity_under_coal_consumption_reads_the_same_kwh():
    # 1229 tce / 0.1229 kgce/kWh = 1e7 kWh; x 300 gce/kWh = 3e9 g = 3000 tce
    # (main: 1229 x 29.3076 GJ / 3.6 MJ = 1.00052e7 kWh -> 3001.56 tce)
    got = cp.electricity_to_standard_coal(cp.Q_(1229, "tce"), "coal_consumption",
                                          coal_rate=cp.Q_(300, "gce/kWh"))
    assert got.to("tce").magnitude == pytest.approx(3000, rel=1e-12)


# --- ZG10: decompose with START later than END ----------------------------------------------

DRIVERS = {2021: {"population": cp.Q_(100, "万人"), "gdp": cp.Q_(1000, "亿元")},
           2022: {"population": cp.Q_(110, "万人"), "gdp": cp.Q_(1320, "亿元")}}


def _inventory(year, tonnes):
    rows = pd.DataFrame([{"sector": "industry", "fuel": "raw_coal", "value": tonnes,
                          "unit": "t", "use": "", "year": year}])
    return cp.compute_inventory(rows, region="CN-SD")


def test_decompose_warns_when_start_is_later_than_end():
    early, late = _inventory(2021, 1000), _inventory(2022, 1100)
    with assert_no_carbonpath_warnings():
        cp.decompose(early, late, DRIVERS, gdp_price_year=2021)
    with pytest.warns(ReverseYearsWarning, match=r"of 2022, later than .* of 2021") as rec:
        back = cp.decompose(late, early, DRIVERS, gdp_price_year=2021)
    assert "--years 2021 2022" in str(rec[0].message)
    # still made (a reverse decomposition on purpose): population 110 -> 100 万人
    e = back.effects["effect"]
    weight = (back.end - back.start) / math.log(back.end / back.start)
    assert e["population"] == pytest.approx(weight * math.log(100 / 110), rel=1e-6)
    assert e["affluence"] == pytest.approx(weight * math.log(10 / 12), rel=1e-6)
