"""Round 27 (tester27zc) accounting cases ZC73 ZC74 ZC80 ZC64 ZC69 ZC72 ZC90.

Numbers read from text, the messages of mapping and unit slips, DataFrame row names, and the
zeros that were silent. Expected values are worked by hand in each test.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.accounting.decomposition_pair import IdenticalActivityWarning
from carbonpath.accounting.filters import UnstatedTechnologyWarning
from carbonpath.errors import DataError, UnitError
from carbonpath.numbers import parse_number, parse_numbers
from carbonpath.units import parse_unit
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"


def _caught(kind, job):
    """The messages of warnings of ``kind`` that ``job()`` gives, and its result."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        out = job()
    return [str(w.message) for w in record if issubclass(w.category, kind)], out


# --- ZC73 / ZC74: a separator after a leading 0 is no thousands grouping ----------------


@pytest.mark.parametrize(("text", "decimal", "thousands", "not_read_as"), [
    ("0.700", ",", ".", "700"), ("00.700", ",", ".", "700"), ("0,600", ".", ",", "600"),
    ("-0,250", ".", ",", "-250")])
def test_a_zero_first_group_is_refused_naming_the_misreading(text, decimal, thousands,
                                                             not_read_as):
    """ZC73: '0.700' with thousands='.' was read as 700 (0 x 1000 + 700); no number grouped
    by thousands starts with a 0 group, so it is refused, naming 700 and the decimal reading."""
    with pytest.raises(ValueError, match=f"not read as {not_read_as}:") as err:
        parse_number(text, decimal, thousands)
    assert f"decimal={thousands!r}" in str(err.value)


def test_grouped_numbers_still_read():
    """1.250 with thousands='.' is 1 x 1000 + 250 = 1250; 1.234.567,5 is 1234567.5; a 0 before
    the decimal mark (0,5 = 0.5) and a bare 0 are no groups and read as before."""
    vals, bad = parse_numbers(["1.250", "1.234.567,5", "0,5", "0", "00.700"], ",", ".")
    assert list(bad) == [False, False, False, False, True]
    assert vals[:4].tolist() == [1250.0, 1234567.5, 0.5, 0.0]
    assert math.isnan(vals[4])


@given(st.integers(1, 999), st.integers(0, 999))
def test_grouped_number_is_its_groups_and_a_zero_group_never_reads(head, tail):
    """Invariant: 'h,ttt' is h x 1000 + t for a first group 1..999; '0,ttt' never reads."""
    assert parse_number(f"{head},{tail:03d}", ".", ",") == head * 1000 + tail
    with pytest.raises(ValueError, match="after a leading 0"):
        parse_number(f"0,{tail:03d}", ".", ",")


def test_activity_with_a_zero_group_is_refused_not_read_a_thousand_times_larger():
    """ZC73's file: gas 1.250 and 0.700 亿立方米 meant with '.' decimals, read with
    decimal=',' thousands='.': 0.700 had become 700 亿m3 (1,000 x), exit 0."""
    df = pd.DataFrame({"sector": ["residential", "commercial"], "fuel": ["天然气", "天然气"],
                       "value": ["1.250", "0.700"], "unit": ["亿立方米", "亿立方米"],
                       "gas_condition": ["20C", "20C"]})
    with pytest.raises(DataError, match=r"row 1, column 'value'.*'0\.700'.*not read as 700"):
        cp.read_activity(df, region="CN-SD", year=2022, decimal=",", thousands=".")


def test_balance_cell_with_a_decimal_comma_after_zero_is_refused(tmp_path):
    """ZC74: the sample's 用作原料、材料 gas cell 0.60 written '0,600' (a decimal comma) was read
    as 600 by the sheet's default thousands=',', then refused as more than industry's 2.4."""
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    row = "其中:用作原料、材料,10.00,,48.00,,,,,0.60,,"
    assert row in text
    path = tmp_path / "b.csv"
    path.write_text(text.replace(row, row.replace(",0.60,", ',"0,600",')), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path)
    said = str(err.value)
    assert "cell is not a number: '0,600'" in said
    assert "not read as 600" in said
    assert "write 0.600" in said
    assert "exceeds" not in said


def test_q_with_a_decimal_comma_after_zero_is_refused():
    """Q_('0,500 t') was 0 t (the leading 0 times a unit of 500 t); it is refused."""
    with pytest.raises(UnitError, match=r"a decimal comma\? write 0\.500"):
        cp.Q_("0,500 t")
    assert cp.Q_("10,000 t").to("t").magnitude == 10_000.0


# --- ZC80: one production file for both years of a decomposition -----------------------

ACT = ("sector,fuel,value,unit,use\nnon_metallic_minerals,raw_coal,100,万吨,combustion\n"
       "transfers,electricity,10,亿千瓦时,import\n")
DRIVERS = ("driver,year,value,unit,price_year\npopulation,2021,500,万人,\n"
           "population,2022,502,万人,\ngdp,2021,3000,亿元,2021\ngdp,2022,3150,亿元,2021\n")
PRODUCTION = "product,value,unit\ncement_clinker,{},万吨\n"


def _decompose(tmp_path: Path, clinker: tuple[float, float]):
    (tmp_path / "d.csv").write_text(DRIVERS, encoding="utf-8")
    invs = []
    for year, amount, coal in ((2021, clinker[0], 100), (2022, clinker[1], 98)):
        act, prod = tmp_path / f"a{year}.csv", tmp_path / f"p{year}.csv"
        act.write_text(ACT.replace(",100,", f",{coal},"), encoding="utf-8")
        prod.write_text(PRODUCTION.format(amount), encoding="utf-8")
        invs.append(cp.compute_inventory(act, region="CN-SD", year=year, production=prod,
                                         primary_electricity="calorific"))
    return lambda: cp.decompose(invs[0], invs[1], tmp_path / "d.csv")


def test_identical_production_in_both_years_warns(tmp_path):
    """ZC80: clinker 300 万吨 in both years (activity differs): process effect 0, named."""
    said, out = _caught(IdenticalActivityWarning, _decompose(tmp_path, (300, 300)))
    assert len(said) == 1
    for part in ("a2021.csv, 2021", "a2022.csv, 2022", "same production", "all 1 process"):
        assert part in said[0]
    assert out.effects.at["process", "effect"] == 0.0


def test_changed_production_is_quiet(tmp_path):
    """Clinker 300 -> 310 万吨: a real change. By hand, process effect = 10 万吨 x 10^4 t x
    0.52 t CO2/t (IPCC 2006 Vol.3 Table 2.1 clinker default) = 52,000 t CO2."""
    job = _decompose(tmp_path, (300, 310))
    with assert_no_carbonpath_warnings():
        out = job()
    assert out.effects.at["process", "effect"] == pytest.approx(52000.0)


# --- ZC64: a mapping entry that takes a row out of its totals ---------------------------


def test_mapping_a_part_to_memo_names_the_mapping_entry_first(tmp_path):
    """ZC64: row,1.工业,memo made 21 totals fail with no word of the entry; the first problem
    now names mapping m.csv row 2, the sheet row (line 21) and the bundled item industry."""
    mapping = tmp_path / "m.csv"
    mapping.write_text("axis,label,code,unit\nrow,1.工业,memo,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(SAMPLES / "energy_balance_sample.csv", mapping=mapping)
    first = err.value.problems[0]
    assert first.row == 21
    for part in ("mapping m.csv, row 2", "'1.工业' to memo", "bundled item industry",
                 "secondary_industry"):
        assert part in first.message
    assert "total does not add up" in err.value.problems[1].message


def test_a_mapping_whose_totals_add_up_reads_quietly():
    """The same item the bundled mapping gives (工业 -> industry): totals add up, no hint."""
    with assert_no_carbonpath_warnings():
        bs = cp.read_energy_balance(SAMPLES / "energy_balance_sample.csv",
                                    mapping={"rows": {"1.工业": "industry"}})
    assert bs.checks["ok"].all()


# --- ZC69: a Chinese number word before a unit ------------------------------------------


@pytest.mark.parametrize(("text", "spelling", "power", "change"), [
    ("百万千瓦时", "GWh", 6, "in 亿千瓦时 divide them by 100"),
    ("百万度", "GWh", 6, "in 亿千瓦时 divide them by 100"),
    ("十万吨", "10^5 吨", 5, "in 万吨 multiply them by 10"),
    ("百万立方米", "10^6 立方米", 6, "in 亿立方米 divide them by 100")])
def test_number_word_units_name_the_spelling_and_factor(text, spelling, power, change):
    """ZC69: 百万千瓦时 (power statistics' GWh) got the generic unknown-unit list. By hand:
    百万 = 10^6, so 1 百万千瓦时 = 10^6 kWh = 1 GWh = 0.01 亿千瓦时; 十万吨 = 10^5 t = 10 万吨."""
    with pytest.raises(UnitError) as err:
        parse_unit(text)
    said = str(err.value)
    assert f"write '{spelling}'" in said
    assert change in said
    base = {"千瓦时": "kWh", "度": "kWh", "吨": "t", "立方米": "m3"}[text[2:] if text.startswith(
        ("百万", "十万")) else text[1:]]
    assert (1 * parse_unit(spelling)).to(base).magnitude == pytest.approx(10.0 ** power)


def test_number_word_unit_message_reaches_the_activity_row(tmp_path):
    """The tester's row: thermal generation 21500 百万千瓦时, named at its row and column."""
    act = tmp_path / "a.csv"
    act.write_text("sector,fuel,value,unit,use\nthermal_power,electricity,21500,百万千瓦时,"
                   "generation\n", encoding="utf-8")
    with pytest.raises(UnitError, match=r"a\.csv, row 2, column 'unit'.*'GWh'"):
        cp.read_activity(act, region="CN-SD", year=2022)


# --- ZC72: a DataFrame whose index repeats labels ---------------------------------------


def test_repeated_index_labels_name_rows_by_position():
    """ZC72: pd.concat of two frames (labels 0, 1 twice); the bad row, the third, was named
    'row 0', the label of the good first row too. Now 'row 0 (position 2)'."""
    a = pd.DataFrame({"sector": ["industry", "industry"], "fuel": ["raw_coal", "coke"],
                      "value": [10.0, 2.0], "unit": ["万吨", "万吨"]})
    b = pd.DataFrame({"sector": ["construction", "transport"], "fuel": ["diesel", "diesel"],
                      "value": [-1.0, 3.0], "unit": ["万吨", "万吨"]})
    with pytest.raises(DataError) as err:
        cp.read_activity(pd.concat([a, b]), region="CN-SD", year=2022)
    assert err.value.problems[0].row == "0 (position 2)"
    # a unique index keeps its labels
    with pytest.raises(DataError) as err:
        cp.read_activity(pd.concat([a, b], ignore_index=True), region="CN-SD", year=2022)
    assert err.value.problems[0].row == 2


def test_factor_rows_of_a_text_or_repeated_index_are_named_not_crashed():
    """A factor table as a DataFrame with index labels that are no ints crashed int(line)."""
    f = pd.DataFrame({"item": ["electricity"] * 2, "quantity": ["emission_factor"] * 2,
                      "gas": ["CO2"] * 2, "value": [0.6, -1.0], "unit": ["t CO2/MWh"] * 2,
                      "region": ["CN-SD"] * 2, "year": [2022, 2021], "source": ["me"] * 2,
                      "status": ["verified"] * 2}, index=[0, 0])
    with pytest.raises(DataError, match=r"row 0 \(position 1\), column 'value'"):
        cp.load_factors(extra=f)
    f.index = ["a", "b"]
    with pytest.raises(DataError, match=r"row b, column 'value'"):
        cp.load_factors(extra=f)


# --- ZC90: a technology no row states beside rows that state none -----------------------


@pytest.fixture(scope="module")
def sample_inventory():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD",
                                    year=2022, production=SAMPLES / "production_sample.csv",
                                    primary_electricity="calorific")


def test_technology_no_row_states_warns_naming_the_blank_rows(sample_inventory):
    """ZC90: technology='cwpb' gave 0 t while the prebake aluminium row (production line 5,
    60 万吨 x 1.6 t CO2/t = 960,000 t CO2) states no technology: warned, still 0."""
    said, total = _caught(UnstatedTechnologyWarning,
                          lambda: sample_inventory.total(gas="CO2", technology="cwpb"))
    assert total.magnitude == 0.0
    assert len(said) == 1
    assert "primary_aluminium_prebake (production data row 5)" in said[0]


def test_technology_of_an_item_the_inventory_lacks_is_a_quiet_zero(sample_inventory):
    """vss is a Soderberg technology; the sample makes no Soderberg aluminium: a true 0."""
    with assert_no_carbonpath_warnings():
        assert sample_inventory.total(gas="CO2", technology="vss").magnitude == 0.0
