"""Round-17 cases O15 and O42: a carrier copied without its 万, a grid variant never used.

O15: heat rows written ``GJ`` over numbers of the yearbook's 万百万千焦 column (a 10^4 slip
both rows share, so the heat balance passes). O42: a user ``electricity_excl_market_nonfossil``
row meant to price the city's electricity, which no lookup of the inventory asks for.

Hand figures (region CN-SD, 2022): 10 万吨 of raw coal = 1e5 t x 20.908 GJ/t / 29.3076 GJ/tce
= 71,340 tce; 1 GJ of heat = 1 / 29.3076 tce; 1 kWh = 3.6 MJ / 29.3076 MJ/kgce = 0.12283 kgce.
"""

from __future__ import annotations

import warnings

import pytest

import carbonpath as cp
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning
from carbonpath.errors import CarbonpathWarning

COAL_TCE = 1e5 * 20.908 / 29.3076
INV = {"region": "CN-SD", "year": 2022}
COAL = "sector,fuel,value,unit,use\nindustry,raw_coal,10,万吨,combustion\n"


def _inventory(tmp_path, rows: str, **kw):
    path = tmp_path / "a.csv"
    path.write_text(COAL + rows, encoding="utf-8")
    return cp.compute_inventory(path, **INV, **kw)


def test_heat_in_gj_over_numbers_in_wan_gj_is_named(tmp_path):
    """O15: 3500 GJ = 119.4 tce, 1.67e-3 of the coal (under 1e-2); read as 万百万千焦 it holds
    16.7 of it (at least 1e-2): both heat rows (file rows 3, 4) are named."""
    share = 3500 / 29.3076 / COAL_TCE
    assert share == pytest.approx(1.674e-3, rel=1e-3)
    assert share < 1e-2 <= share * 1e4
    with pytest.warns(ActivityMagnitudeWarning) as got:
        _inventory(tmp_path, "residential,heat,3500,GJ,consumption\n"
                             "调入调出,heat,3500,GJ,import\n")
    text = " ".join(str(w.message) for w in got)
    assert "a.csv, rows 3, 4, column 'unit': heat" in text
    assert "119 tce" in text
    assert "0.0017 of raw_coal" in text
    assert "GJ for 万百万千焦" in text


def test_heat_in_gj_at_a_usual_share_is_quiet(tmp_path):
    """50,000 GJ = 1,706 tce, 0.024 of the coal: above the 1e-2 band, no warning."""
    assert 50000 / 29.3076 / COAL_TCE > 1e-2
    with warnings.catch_warnings():
        warnings.simplefilter("error", ActivityMagnitudeWarning)
        _inventory(tmp_path, "residential,heat,50000,GJ,consumption\n"
                             "调入调出,heat,50000,GJ,import\n")


def test_electricity_in_kwh_over_numbers_in_wan_kwh_is_named(tmp_path):
    """5e6 kWh = 614 tce, 8.6e-3 of the coal: named as kWh for 万千瓦时."""
    share = 5e6 * 3.6 / 29.3076 / 1e3 / COAL_TCE
    assert share == pytest.approx(8.61e-3, rel=1e-2)
    with pytest.warns(ActivityMagnitudeWarning, match="kWh for 万千瓦时"):
        _inventory(tmp_path, "industry,electricity,5000000,kWh,consumption\n"
                             "transfers,electricity,5000000,kWh,import\n",
                   primary_electricity="calorific")


def test_electricity_in_mwh_is_not_judged(tmp_path):
    """500 MWh = 61 tce, 8.6e-4 of the coal, but 10^4 MWh is no unit statistics print (万千瓦时
    is 10 MWh): not judged, whatever its share."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ActivityMagnitudeWarning)
        _inventory(tmp_path, "industry,electricity,500,MWh,consumption\n"
                             "transfers,electricity,500,MWh,import\n",
                   primary_electricity="calorific")
    assert [w for w in caught if issubclass(w.category, ActivityMagnitudeWarning)] == []


FACTOR = ("item,quantity,gas,sector,value,unit,basis,region,year,source,status\n"
          "{item},emission_factor,CO2,,0.70,t CO2/MWh,,CN-SD,2022,my,unverified\n")


@pytest.mark.parametrize("item", ["electricity_excl_market_nonfossil", "electricity_fossil"])
def test_a_grid_variant_row_is_named_and_the_bundled_factor_applies(tmp_path, item):
    """O42: the inventory looks up grid electricity as item ``electricity`` only: a variant's
    row is named, and the electricity CO2 is the same as without the user table."""
    (tmp_path / "f.csv").write_text(FACTOR.format(item=item), encoding="utf-8")
    rows = ("industry,electricity,5,亿千瓦时,consumption\n"
            "transfers,electricity,5,亿千瓦时,import\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = _inventory(tmp_path, rows, primary_electricity="calorific")
    with pytest.warns(CarbonpathWarning, match=rf"1 user factor row\(s\) are never used: f\.csv "
                                               rf"line 2 \({item}\).*give the row item "
                                               r"electricity"):
        inv = _inventory(tmp_path, rows, primary_electricity="calorific",
                         factors=[tmp_path / "f.csv"])
    assert inv.total("CO2").to("t CO2").magnitude == pytest.approx(
        plain.total("CO2").to("t CO2").magnitude, rel=1e-12)


def test_a_grid_variant_row_is_quiet_without_electricity_rows(tmp_path):
    """A full user table may give factors for what a city does not report: no electricity
    rows, no warning of the variant."""
    (tmp_path / "f.csv").write_text(FACTOR.format(item="electricity_fossil"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _inventory(tmp_path, "", factors=[tmp_path / "f.csv"])
    assert not any("never used" in str(w.message) for w in caught)


def test_a_chinese_unit_with_a_space_is_refused_with_the_unspaced_spelling():
    """O02: ``万 千瓦时`` (typed from a PDF) is refused, naming ``万千瓦时``; a unit whose
    unspaced text is no unit gets no such hint."""
    from carbonpath.errors import UnitError
    from carbonpath.units.parse import parse_unit

    with pytest.raises(UnitError, match=r"valid: '万千瓦时' \(the same without spaces\)"):
        parse_unit("万 千瓦时")
    with pytest.raises(UnitError) as info:
        parse_unit("万 千瓦小时")
    assert "without spaces" not in str(info.value)


def test_a_user_factor_gas_in_lowercase_and_a_chinese_basis_are_read(tmp_path):
    """O09: gas ``co2`` is CO2 and basis ``低位`` is net, as elsewhere, and the user's rows
    apply: 10 万吨 of raw coal x the user's 2.0 t CO2/t = 200,000 t CO2 (the bundled factor
    gives 1.866 t CO2/t, tests/test_round14_factor_reach.py)."""
    head = "item,quantity,gas,sector,value,unit,basis,region,year,source,status\n"
    (tmp_path / "f.csv").write_text(
        head + "原煤,calorific_value,,,20.908,GJ/t,低位,CN-SD,2022,x,unverified\n"
        "原煤,emission_factor,co2,,2.0,t CO2/t,,CN-SD,2022,x,unverified\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inv = _inventory(tmp_path, "", factors=[tmp_path / "f.csv"])
    assert inv.total("CO2").to("t CO2").magnitude == pytest.approx(1e5 * 2.0, rel=1e-12)


def test_an_unknown_gas_and_basis_say_what_is_valid(tmp_path):
    from carbonpath.errors import DataError

    head = "item,quantity,gas,sector,value,unit,basis,region,year,source,status\n"
    (tmp_path / "f.csv").write_text(
        head + "原煤,calorific_value,,,20.908,GJ/t,中位,CN-SD,2022,x,unverified\n"
        "原煤,emission_factor,co3,,2.0,t CO2/t,,CN-SD,2022,x,unverified\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cp.load_factors(extra=[tmp_path / "f.csv"])
    text = str(info.value)
    assert "unknown basis of calorific_value (value: '中位'); valid: net or gross (any case; or" \
        in text
    assert "低位" in text
    assert "unknown gas (value: 'co3'); valid: CO2" in text


def test_a_space_list_after_a_repeatable_option_says_to_repeat_it(tmp_path, monkeypatch):
    """O25: ``--factors fa.csv fb.csv`` names the repetition; nothing is read or written."""
    from typer.testing import CliRunner

    from carbonpath.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["inventory", "a.csv", "--region", "CN-SD", "--year",
                                      "2022", "--factors", "fa.csv", "fb.csv"])
    assert result.exit_code == 1
    assert "--factors fa.csv --factors fb.csv" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []
