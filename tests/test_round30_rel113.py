"""Round 30 (tester30zf) cases ZF227 ZF78 ZF95 ZF109 ZF151 ZF168 ZF170 ZF228.

A decomposition's GDP copied from the year before, factor listings that match no row, and
messages that named the wrong thing (or advised a x10 slip). Expected values by hand.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.accounting.decomposition_drivers import CopiedDriverWarning
from carbonpath.cli import app
from carbonpath.errors import ArgumentValueError, DataError
from carbonpath.factors import load_factors
from carbonpath.numbers import number_hint
from tests.conftest import assert_no_carbonpath_warnings

ACT = ("sector,fuel,value,unit,use\nnon_metallic_minerals,raw_coal,{},万吨,combustion\n"
       "transfers,electricity,10,亿千瓦时,import\n")
DRIVERS = ("driver,year,value,unit,price_year{extra}\npopulation,2021,500,万人,{blank}\n"
           "population,2022,502,万人,{blank}\ngdp,2021,3000,亿元,2021{blank}\n"
           "gdp,2022,{gdp},亿元,2021{note}\n")


def _caught(kind, job):
    """The messages of warnings of ``kind`` that ``job()`` gives, and its result."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        out = job()
    return [str(w.message) for w in record if issubclass(w.category, kind)], out


# --- ZF227: GDP of 2022 equal to 2021's in a decomposition -------------------------------


def _decompose(tmp_path: Path, gdp: str, override: bool = False):
    extra, blank, note = ("", "", "") if not override else (
        ",plausibility", ",", ",override: flat year")
    (tmp_path / "d.csv").write_text(DRIVERS.format(gdp=gdp, extra=extra, blank=blank,
                                                   note=note), encoding="utf-8")
    invs = _inventories(tmp_path)
    return lambda: cp.decompose(invs[0], invs[1], tmp_path / "d.csv")


def _inventories(tmp_path: Path) -> list:
    """Raw coal 100 万吨 in 2021, 98 in 2022, and the same power import."""
    invs = []
    for year, coal in ((2021, 100), (2022, 98)):
        act = tmp_path / f"a{year}.csv"
        act.write_text(ACT.format(coal), encoding="utf-8")
        invs.append(cp.compute_inventory(act, region="CN-SD", year=year,
                                         primary_electricity="calorific"))
    return invs


def test_gdp_copied_from_the_year_before_warns(tmp_path):
    """GDP 3000 亿元 in 2021 and 2022: population + affluence (GDP per person) effects are
    L(C1, C0) x ln(502/500) + L(C1, C0) x ln((3000/502) / (3000/500)) = L x ln(3000/3000) = 0,
    and the whole fall of energy per GDP goes to intensity; the rows (file lines 4, 5) are
    named."""
    said, out = _caught(CopiedDriverWarning, _decompose(tmp_path, "3000"))
    assert len(said) == 1
    for part in ("d.csv, row 5", "gdp of 2022 (3000 亿元)", "gdp of 2021 (row 4",
                 "copied", "override:"):
        assert part in said[0]
    effects = out.effects["effect"]
    assert effects["population"] > 0
    assert effects["population"] + effects["affluence"] == pytest.approx(0.0, abs=1e-6)


def test_gdp_that_grew_is_quiet(tmp_path):
    """3000 -> 3150 亿元 (+5 %): no warning of any kind; the affluence effect is positive
    (ln(3150/3000) = 0.0488 > 0 times a positive log-mean)."""
    job = _decompose(tmp_path, "3150")
    with assert_no_carbonpath_warnings():
        out = job()
    effects = out.effects["effect"]
    assert effects["population"] + effects["affluence"] > 0


def test_equal_gdp_with_an_override_is_quiet(tmp_path):
    """The economy did not grow, and the row says so: no CopiedDriverWarning."""
    said, _ = _caught(CopiedDriverWarning, _decompose(tmp_path, "3000", override=True))
    assert said == []


# --- ZF78: factor listings whose filters, each valid, match no row -----------------------


@pytest.mark.parametrize(("filters", "reason"), [
    ({"quantity": "calorific_value", "gas": "CO2"}, "calorific_value rows carry no gas"),
    ({"item": "熟料", "quantity": "calorific_value"},
     "item '熟料' has no calorific_value row (its rows give emission_factor)"),
    ({"item": "原煤", "gas": "CF4"}, "no CF4 factor (gases given: CH4, CO2, N2O)"),
])
def test_factor_listing_matching_nothing_says_why(filters, reason):
    # clinker has only its process emission factor (IPCC 2006 Vol.3 Table 2.1); raw coal
    # has CO2, CH4 and N2O factors (Vol.2 Tables 1.4, 2.2), no PFC
    with pytest.raises(ArgumentValueError) as err:
        load_factors().select(**filters)
    assert reason in str(err.value)


def test_factor_listing_cli_refuses_an_empty_selection():
    out = CliRunner().invoke(app, ["factors", "--quantity", "calorific_value", "--gas", "CO2"])
    assert out.exit_code != 0
    assert "selects emission factors" in out.output
    assert "0 rows" not in out.output
    ok = CliRunner().invoke(app, ["factors", "--item", "原煤", "--gas", "CO2"])
    assert ok.exit_code == 0
    assert "raw_coal" in ok.output


# --- ZF95: a parent row is the total of its parts ----------------------------------------


def test_residential_overlap_names_its_parts():
    df = pd.DataFrame({"sector": ["residential", "residential_urban", "transfers"],
                       "fuel": ["electricity"] * 3, "value": [5, 3, 7],
                       "unit": ["亿千瓦时"] * 3, "use": ["consumption", "consumption", "import"]})
    with pytest.raises(DataError) as err:
        cp.compute_inventory(df, region="CN-SD", year=2022, primary_electricity="calorific",
                             method="gpc")
    text = str(err.value)
    # sectors.csv: residential_urban and residential_rural have parent residential
    assert "total of its parts (residential_urban, residential_rural)" in text
    assert "industries" not in text


# --- ZF109: the letter O typed for a zero -----------------------------------------------


@pytest.mark.parametrize(("text", "meant"), [("1O", "10"), ("O.5", "0.5"), ("2O5O", "2050")])
def test_letter_o_is_named_with_the_number_it_would_be(text, meant):
    hint = number_hint(text)
    assert f"read as a zero it is {meant}" in hint
    assert "give the number alone" not in hint


def test_letter_o_in_an_activity_value_is_refused_without_a_x10_advice():
    df = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": ["1O"],
                       "unit": ["万吨"]})
    with pytest.raises(DataError) as err:
        cp.read_activity(df, region="CN-SD", year=2022)
    assert "letter O" in str(err.value)
    assert "(1)" not in str(err.value)
    assert "number with a unit ('MW')" in number_hint("500 MW")  # a real unit is still one


# --- ZF168, ZF170: yearbook groupings of sectors -----------------------------------------


@pytest.mark.parametrize(("word", "said", "not_said"), [
    ("能源工业", "thermal_power (火力发电), heat_supply", "did you mean"),
    ("制造业", "subtotal of industry", "did you mean"),
])
def test_sector_groupings_get_advice(word, said, not_said):
    df = pd.DataFrame({"sector": [word], "fuel": ["raw_coal"], "value": [1], "unit": ["万吨"]})
    with pytest.raises(DataError) as err:
        cp.read_activity(df, region="CN-SD", year=2022)
    assert said in str(err.value)
    assert not_said not in str(err.value)


# --- ZF151: a DataFrame indexed by a required column -------------------------------------


def test_sector_as_the_index_says_reset_index():
    df = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": [1],
                       "unit": ["万吨"]}).set_index("sector")
    with pytest.raises(DataError, match=r"sector is the DataFrame's index.*reset_index\(\)"):
        cp.read_activity(df, region="CN-SD", year=2022)


def test_production_and_drivers_indexed_say_reset_index(tmp_path):
    prod = pd.DataFrame({"product": ["cement_clinker"], "value": [1],
                         "unit": ["万吨"]}).set_index("product")
    with pytest.raises(DataError, match=r"product is the DataFrame's index"):
        cp.read_production(prod, region="CN-SD", year=2022)
    drivers = pd.read_csv(io.StringIO(DRIVERS.format(
        gdp="3150", extra="", blank="", note=""))).set_index("driver")
    with pytest.raises(DataError, match=r"driver is the DataFrame's index"):
        cp.decompose(*_inventories(tmp_path), drivers)


# --- ZF228: an activity file given as factors, a factor table as production ---------------

FACTORS = ("item,quantity,gas,value,unit,region,source,status\n"
           "raw_coal,emission_factor,CO2,95,t/TJ,CN-SD,my study,measured\n")


def test_activity_file_given_as_factors_is_named(tmp_path):
    act = tmp_path / "act.csv"
    act.write_text(ACT.format(100), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.compute_inventory(act, factors=act, region="CN-SD", year=2022,
                             primary_electricity="calorific")
    text = str(err.value)
    assert "the table is activity data" in text
    assert "not a factor table" in text
    assert "missing column" not in text


def test_factor_table_given_as_production_or_activity_is_named(tmp_path):
    act, fac = tmp_path / "act.csv", tmp_path / "f.csv"
    act.write_text(ACT.format(100), encoding="utf-8")
    fac.write_text(FACTORS, encoding="utf-8")
    with pytest.raises(DataError, match=r"the table is a factor table .*not industrial"):
        cp.compute_inventory(act, production=fac, region="CN-SD", year=2022,
                             primary_electricity="calorific")
    out = CliRunner().invoke(app, ["inventory", str(fac), "--region", "CN-SD", "--year",
                                   "2022", "--primary-electricity", "calorific"])
    assert out.exit_code != 0
    assert "a factor table" in out.output
    assert "not activity data" in out.output
