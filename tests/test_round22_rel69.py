"""Round 22 (issue 11): cases of /work/tester22d handled by rel69.

Decompose: drivers rows that the inventories take from the factor tables (M14), a sector
that is its parent in one year and its sub-sectors in the other (M130), a GDP price year not
yet known (M152), ``--gwp`` without ``--gas CO2e`` (M157), inventories of two primary
electricity conventions (M158) or two GWP sets (M161). The reference approach given an
Activity (M123) or a region/year other than its sheet's (M124); factor listing by a word
that names no item (M106 水泥, M107 粗钢).
"""

from __future__ import annotations

import datetime
import math
import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.accounting.decomposition_pair import SectorLevelWarning
from carbonpath.cli import app
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    DataError,
    UnknownNameError,
)
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
DRIVERS = {2021: {"population": cp.Q_(100, "万人"), "gdp": cp.Q_(1000, "亿元")},
           2022: {"population": cp.Q_(110, "万人"), "gdp": cp.Q_(1320, "亿元")}}


def _rows(year, rows):
    return pd.DataFrame([{"sector": s, "fuel": f, "value": v, "unit": u, "use": use,
                          "year": year} for s, f, v, u, use in rows])


def _power(year, **kw):
    """1000 t of raw coal in industry and 10^5 MWh of net electricity imports, CN-SD."""
    rows = [("other_manufacturing", "raw_coal", 1000 + (year - 2021) * 100, "t", "combustion"),
            ("transfers", "electricity", 1e5, "MWh", "import")]
    kw.setdefault("primary_electricity", "calorific")
    return cp.compute_inventory(_rows(year, rows), region="CN-SD", **kw)


def _table(extra=()):
    recs = [("population", 2021, 100, "万人"), ("population", 2022, 110, "万人"),
            ("gdp", 2021, 1000, "亿元"), ("gdp", 2022, 1320, "亿元"), *extra]
    return pd.DataFrame(recs, columns=["driver", "year", "value", "unit"])


# --- M14: drivers rows read from the factor tables ---------------------------------------

def test_grid_factor_rows_that_disagree_are_refused_at_their_rows():
    # the bundled CN-SD grid factors are the published 0.6838 (2021) and 0.641 (2022)
    # t CO2/MWh; rows of 0.60 and 0.58 would have been dropped without a word
    table = _table([("grid_emission_factor", 2021, 0.60, "t CO2/MWh"),
                    ("grid_emission_factor", 2022, 0.58, "t CO2/MWh")])
    with pytest.raises(DataError) as err:
        cp.decompose(_power(2021), _power(2022), table, gdp_price_year=2021)
    rows = sorted(p.row for p in err.value.problems)
    assert rows == [6, 7]  # file lines: header + four rows before them
    text = str(err.value)
    assert "0.6838" in text
    assert "0.641" in text
    assert "--factors" in text


def test_grid_factor_rows_that_agree_and_rows_of_other_years_are_quiet():
    # a dataset's drivers.csv: the decomposed years agree with the tables, 2030 is a projection
    table = _table([("grid_emission_factor", 2021, 0.6838, "t CO2/MWh"),
                    ("grid_emission_factor", 2022, 0.641, "t CO2/MWh"),
                    ("grid_emission_factor", 2030, 0.5, "t CO2/MWh"),
                    ("grid_nonfossil_share", 2030, 0.4, "1")])
    start, end = _power(2021), _power(2022)
    with assert_no_carbonpath_warnings():
        d = cp.decompose(start, end, table, gdp_price_year=2021)
    # 10^5 MWh x (0.641 - 0.6838) t/MWh = -4,280 t: the net import cell's whole change,
    # which is its emission-factor effect (energy unchanged, so the weight is on ln ratio)
    cell = d.by_sector.loc["transfers"]
    assert cell.sum() == pytest.approx(1e5 * (0.641 - 0.6838), rel=1e-9)


# --- M152: a price year not yet known ----------------------------------------------------

def test_a_gdp_price_year_after_this_year_is_refused():
    now = datetime.date.today().year
    start, end = _power(2021), _power(2022)
    with pytest.raises(DataError, match=f"prices of {now + 1} are not known"):
        cp.decompose(start, end, DRIVERS, gdp_price_year=now + 1)
    with pytest.raises(DataError, match="not known"):
        cp.intensities(start, DRIVERS, gdp_price_year=now + 4)
    table = _table().assign(price_year=[None, None, now + 1, now + 1])
    with pytest.raises(DataError, match="not known"):
        cp.decompose(start, end, table)
    # a series rebased to a later past year's prices is usual
    assert cp.decompose(start, end, DRIVERS, gdp_price_year=now).price_year == now


# --- M158, M161: the two inventories' conventions ----------------------------------------

def test_inventories_of_two_primary_electricity_conventions_are_refused():
    start = _power(2021)
    end = _power(2022, primary_electricity="coal_consumption", coal_rate_basis="supply")
    with pytest.raises(DataError, match="count primary electricity differently") as err:
        cp.decompose(start, end, DRIVERS, gdp_price_year=2021)
    assert "calorific" in str(err.value)
    assert "coal_consumption" in str(err.value)
    # one convention on another coal-rate basis is the same kind
    supply = _power(2021, primary_electricity="coal_consumption", coal_rate_basis="supply")
    rate = pd.DataFrame([{"item": "electricity", "quantity": "coal_rate", "value": 285,
                          "unit": "gce/kWh", "basis": "generation", "region": "CN",
                          "year": 2022, "source": "test", "status": "unverified"}])
    generation = _power(2022, primary_electricity="coal_consumption",
                        coal_rate_basis="generation", factors=cp.load_factors(extra=rate))
    with pytest.raises(DataError, match="generation basis"):
        cp.decompose(supply, generation, DRIVERS, gdp_price_year=2021)


def test_co2e_of_two_gwp_sets_is_refused_and_co2_is_not():
    ar5, ar6 = _power(2021, gwp="AR5"), _power(2022, gwp="AR6")
    with pytest.raises(DataError, match="different GWP sets") as err:
        cp.decompose(ar5, ar6, DRIVERS, gdp_price_year=2021, gas="CO2e")
    assert "AR5" in str(err.value)
    assert "AR6" in str(err.value)
    # tonnes of CO2 do not depend on the GWP set: 1000 -> 1100 t coal and the grid rows
    d = cp.decompose(ar5, ar6, DRIVERS, gdp_price_year=2021, gas="CO2")
    assert d.change == pytest.approx(100 * 1.866537 + 1e5 * (0.641 - 0.6838), rel=1e-5)


def test_cli_refuses_gwp_without_co2e(tmp_path):
    for year in (2021, 2022):
        _rows(year, [("other_manufacturing", "raw_coal", 1000, "t", "combustion")]).to_csv(
            tmp_path / f"a{year}.csv", index=False)
    _table().assign(price_year=2021).to_csv(tmp_path / "d.csv", index=False)
    args = ["decompose", str(tmp_path / "a2021.csv"), str(tmp_path / "a2022.csv"),
            "--drivers", str(tmp_path / "d.csv"), "--region", "CN-SD"]
    result = CliRunner().invoke(app, [*args, "--gwp", "AR6"])
    assert result.exit_code != 0, result.output
    assert "--gas CO2e" in result.output
    assert "ignored" in result.output
    assert CliRunner().invoke(app, [*args, "--gwp", "AR6", "--gas", "CO2e"]).exit_code == 0


# --- M130: a parent in one year, its sub-sectors in the other ----------------------------

def test_parent_and_sub_sectors_are_decomposed_at_the_parent():
    # 2021: industry burns 1000 t raw coal; 2022: its branches 600 + 500 t (1100 t).
    # At the common level this is docs/decomposition.md's worked example: C0 = 1866.537 t,
    # CT = 2053.190 t (1.866537 t CO2/t), L = 186.654 / ln 1.1 = 1958.381 t
    start = cp.compute_inventory(_rows(2021, [("industry", "raw_coal", 1000, "t", "")]),
                                 region="CN-SD")
    end = cp.compute_inventory(_rows(2022, [("ferrous_metals", "raw_coal", 600, "t", ""),
                                            ("non_metallic_minerals", "raw_coal", 500, "t",
                                             "")]), region="CN-SD")
    with pytest.warns(SectorLevelWarning, match="ferrous_metals, non_metallic_minerals"):
        d = cp.decompose(start, end, DRIVERS, gdp_price_year=2021)
    e = d.effects["effect"]
    weight = (2053.190 - 1866.537) / math.log(1.1)
    assert e["population"] == pytest.approx(weight * math.log(1.1), rel=1e-5)  # +186.654
    assert e["affluence"] == pytest.approx(weight * math.log(1.2), rel=1e-5)  # +357.055
    assert e["energy_intensity"] == pytest.approx(-weight * math.log(1.2), rel=1e-5)
    assert e["fuel_mix"] == pytest.approx(0, abs=1e-6)
    assert list(d.by_sector.index) == ["industry"]


# --- M123, M124: the reference approach's arguments --------------------------------------

def test_reference_approach_given_an_activity_names_read_energy_balance():
    act = cp.read_activity(SAMPLES / "activity_sample.csv", region="CN-SD", year=2022)
    with pytest.raises(ArgumentTypeError) as err:
        cp.reference_approach(act)
    text = str(err.value)
    assert "read_energy_balance" in text
    assert "supply side" in text
    assert "activity_sample.csv" in text
    assert "row  year" not in text
    assert len(text) < 500


def test_reference_approach_refuses_another_region_or_year_than_the_sheets():
    bs = cp.read_energy_balance(SAMPLES / "energy_balance_sample.csv", year=2022,
                                region="CN-SD")
    with pytest.raises(ArgumentValueError, match="is of CN-SD"):
        cp.reference_approach(bs, region="CN-ZJ")
    with pytest.raises(ArgumentValueError, match="is of 2022"):
        cp.reference_approach(bs, year=2015)
    other = cp.compute_inventory(_rows(2021, [("industry", "raw_coal", 1000, "t", "")]),
                                 region="CN-SD")
    with pytest.raises(ArgumentValueError, match="inventory= is of 2021"):
        cp.reference_approach(bs, inventory=other)
    same = cp.reference_approach(bs, region="山东", year=2022)  # the sheet's own, by alias
    assert same.total["reference_tCO2"] == cp.reference_approach(bs).total["reference_tCO2"]


# --- M106, M107: factor listing by a word that names no item -----------------------------

def test_factor_listing_by_an_advice_word_gives_the_advice():
    table = cp.load_factors()
    with pytest.warns(cp.CarbonpathWarning, match=r"clinker.*60-75 %"):
        rows = table.select(item="水泥")
    assert set(rows["item"]) == {"cement_clinker"}
    with pytest.raises(UnknownNameError, match=r"bof_steel.*eaf_steel"):
        table.select(item="粗钢")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table.select(item="熟料")  # clinker itself: no advice
    result = CliRunner().invoke(app, ["factors", "--item", "粗钢"])
    assert result.exit_code != 0
    assert "eaf_steel" in result.output
