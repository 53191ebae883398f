"""Round-14 cases I79, I81: user factor rows that no lookup of the inventory can use.

I79: a raw-coal bundle (NCV + 2.0 t CO2/t) for sector ``1A4b`` (residential) while raw coal
burns only in industry (``1A2``): the rows were never used and the bundled factor applied
without a word. I81: the same bundle with technology ``pulverised``, a code that no row names
and no bundled table has. Issue 11: unknown codes in factor tables are errors, known codes that
no row asks for are named in the "never used" warning.

Hand figures: the bundled raw coal of CN-SD is NCV 20.908 GJ/t x 26.18 t C/TJ x oxidation 0.93
x 44/12 = 1.866 t CO2/t (as tests/test_round10_inventory_rows.py); the user's is 2.0 t CO2/t.
10 万吨 = 1e5 t of raw coal.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.errors import CarbonpathWarning, DataError

BUNDLED = 20.908e-3 * 26.18 * 0.93 * 44 / 12  # t CO2 per t of raw coal, CN-SD
USER = 2.0  # t CO2 per t, the user's bundle
COAL_T = 1e5  # 10 万吨
HEAD = "item,quantity,gas,sector,technology,value,unit,basis,region,year,source,status\n"
INV = {"region": "CN-SD", "year": 2022}


def _bundle(sector: str = "", technology: str = "", item: str = "原煤") -> str:
    return (HEAD + f"{item},calorific_value,,{sector},{technology},20.908,GJ/t,net,CN-SD,2022,"
            "x,unverified\n"
            f"{item},emission_factor,CO2,{sector},{technology},2.0,t CO2/t,,CN-SD,2022,x,"
            "unverified\n")


def _run(tmp_path: Path, factors: str, activity: str):
    (tmp_path / "f.csv").write_text(factors, encoding="utf-8")
    (tmp_path / "a.csv").write_text(activity, encoding="utf-8")
    return cp.compute_inventory(tmp_path / "a.csv", factors=[tmp_path / "f.csv"], **INV)


def _coal_t_co2(inv) -> float:
    em = inv.emissions
    return float(em[(em["fuel"] == "raw_coal") & (em["gas"] == "CO2")]["value"].sum())


def _activity(sector: str = "industry", technology: str = "") -> str:
    return f"sector,fuel,value,unit,technology\n{sector},原煤,10,万吨,{technology}\n"


def test_i79_a_sector_no_activity_row_has_is_named_with_the_sectors_it_has(tmp_path):
    with pytest.warns(CarbonpathWarning) as caught:
        inv = _run(tmp_path, _bundle("1A4b"), _activity("industry"))
    text = " ".join(str(w.message) for w in caught)
    assert "2 user factor row(s) are never used" in text
    assert "f.csv line 2 (raw_coal, sector 1A4b" in text
    assert "f.csv line 3" in text
    assert "they have 1A2 (industry)" in text
    # the bundled factor applies, as the warning says
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * BUNDLED, rel=1e-9)


def test_i79_the_sector_of_the_activity_is_used_quietly(tmp_path):
    inv = _run(tmp_path, _bundle("1A2"), _activity("industry"))  # warnings are errors here
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * USER, rel=1e-9)


def test_a_broader_category_reaches_a_sub_sector_and_a_narrower_one_does_not(tmp_path):
    # non_metallic_minerals is 1A2f: a 1A2 row applies to it (the lookup walks up) ...
    inv = _run(tmp_path, _bundle("1A2"), _activity("non_metallic_minerals"))
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * USER, rel=1e-9)
    # ... but a 1A2f row never applies to industry as a whole (1A2)
    with pytest.warns(CarbonpathWarning, match=r"sector 1A2f[\s\S]*they have 1A2 \(industry"):
        inv = _run(tmp_path, _bundle("1A2f"), _activity("industry"))
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * BUNDLED, rel=1e-9)


def test_i81_an_unknown_technology_is_refused_naming_file_row_column(tmp_path):
    with pytest.raises(DataError, match=r"f\.csv, row 2, column 'technology'[\s\S]*unknown "
                                        r"technology 'pulverised'[\s\S]*f\.csv, row 3"):
        _run(tmp_path, _bundle(technology="pulverised"), _activity("industry"))


def test_a_technology_typo_names_the_closest_known_one(tmp_path):
    rows = (HEAD + "gasoline,emission_factor,CH4,,oxidation_catalist,25,kg CH4/TJ,,CN-SD,2022,"
            "x,unverified\n")
    with pytest.raises(DataError, match=r"'oxidation_catalist'[\s\S]*did you mean "
                                        r"oxidation_catalyst"):
        _run(tmp_path, rows, "sector,fuel,value,unit\nroad_transport,汽油,1,万吨\n")


def test_a_technology_of_the_users_own_is_used_when_an_activity_row_names_it(tmp_path):
    inv = _run(tmp_path, _bundle(technology="pulverised"), _activity("industry", "pulverised"))
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * USER, rel=1e-9)


def test_a_known_technology_no_activity_row_has_is_named(tmp_path):
    rows = (HEAD + "gasoline,emission_factor,CH4,,oxidation_catalyst,25,kg CH4/TJ,,CN-SD,2022,"
            "x,unverified\n")
    with pytest.warns(CarbonpathWarning, match=r"gasoline, technology oxidation_catalyst: no "
                                               r"activity row of gasoline has technology "
                                               r"oxidation_catalyst; they have technology "
                                               r"none"):
        _run(tmp_path, rows, "sector,fuel,value,unit\nroad_transport,汽油,1,万吨\n")


def test_an_item_the_inventory_does_not_have_is_not_named(tmp_path):
    # a full user table gives factors for fuels a city may not burn: diesel for 1A4b here
    inv = _run(tmp_path, _bundle("1A4b", item="柴油").replace("20.908,GJ/t", "42.652,GJ/t")
               .replace("2.0,t CO2/t", "3.1,t CO2/t"), _activity("industry"))
    assert _coal_t_co2(inv) == pytest.approx(COAL_T * BUNDLED, rel=1e-9)


def test_a_process_factor_with_a_sector_is_named(tmp_path):
    (tmp_path / "p.csv").write_text("product,value,unit\ncement_clinker,100,万吨\n",
                                    encoding="utf-8")
    rows = HEAD + ("cement_clinker,emission_factor,CO2,1A2f,,0.52,t CO2/t,,CN-SD,2022,x,"
                   "unverified\n")
    (tmp_path / "f.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "a.csv").write_text(_activity("non_metallic_minerals"), encoding="utf-8")
    with pytest.warns(CarbonpathWarning, match=r"cement_clinker, sector 1A2f: process factors "
                                               r"are looked up without a sector"):
        cp.compute_inventory(tmp_path / "a.csv", factors=[tmp_path / "f.csv"],
                             production=tmp_path / "p.csv", **INV)


SECTORS = ["industry", "non_metallic_minerals", "chemicals", "residential", "commercial",
           "agriculture", "construction", "heat_supply"]
CATEGORIES = ["1A", "1A1", "1A1a", "1A2", "1A2c", "1A2f", "1A2k", "1A4", "1A4a", "1A4b", "1A4c"]


@given(sector=st.sampled_from(SECTORS), category=st.sampled_from(CATEGORIES))
def test_a_row_is_named_exactly_when_the_bundled_factor_applies(tmp_path_factory, sector,
                                                                  category):
    """Invariant: warned as never used <=> the result is the bundled factor's."""
    tmp_path = tmp_path_factory.mktemp("reach")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        inv = _run(tmp_path, _bundle(category), _activity(sector))
    named = any("never used" in str(w.message) for w in caught)
    expected = COAL_T * (BUNDLED if named else USER)
    assert _coal_t_co2(inv) == pytest.approx(expected, rel=1e-9)
    # and by hand: the row applies when its category is the sector's or one above it
    own = {"industry": "1A2", "non_metallic_minerals": "1A2f", "chemicals": "1A2c",
           "residential": "1A4b", "commercial": "1A4a", "agriculture": "1A4c",
           "construction": "1A2k", "heat_supply": "1A1a"}[sector]
    assert named == (not own.startswith(category))


TINY = Path(__file__).resolve().parents[1] / "datasets" / "tiny"
#: tiny's coal_power burns 0.4 t of raw coal per MWh (flows.csv), sector thermal_power (1A1a),
#: region CN-SD-Liaocheng, base year 2024: t CO2 per MWh by the bundled and the user factors
POWER_BUNDLED, POWER_USER = 0.4 * BUNDLED, 0.4 * USER


@pytest.mark.parametrize(("sector", "named"), [("1A4b", True), ("1A1a", False), ("1A", False)])
def test_the_model_names_a_user_row_no_technology_asks_for(tmp_path, sector, named):
    (tmp_path / "f.csv").write_text(_bundle(sector), encoding="utf-8")
    table = cp.load_factors(extra=[tmp_path / "f.csv"])
    ds = cp.load_dataset(TINY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = cp.PathwayModel(ds, factors=table)
    text = " ".join(str(w.message) for w in caught if "never used" in str(w.message))
    co2 = model.data.techs["coal_power"].emissions["CO2"][0]
    if named:
        assert "f.csv line 2 (raw_coal, sector 1A4b" in text
        assert "no model technology of raw_coal has sector 1A4b" in text
        assert "they have 1A1a (thermal_power)" in text
        assert co2 == pytest.approx(POWER_BUNDLED, rel=1e-9)
    else:
        assert not text
        assert co2 == pytest.approx(POWER_USER, rel=1e-9)
