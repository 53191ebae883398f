"""Round-18 units and magnitude slips (tester Q): Q04-Q06, Q15, Q24, Q27, Q28, Q79, Q97,
Q155-Q157.

Hand figures:

* a lost superscript: ``104 t`` read as a unit is 104 t, the yearbook's 10⁴ t (万吨) is
  10,000 t, so a row of 18 in it would hold 18 x 104 = 1,872 t instead of 180,000 t
  (a factor 10^4 / 104 = 96.15); ``108 m3`` against 10⁸ m3 is a factor 925,926;
* everyday spellings: 度 = 千瓦时 = 1 kWh, so 万度 = 10^4 kWh; 方 = 立方米; 标煤 = 标准煤;
  千瓦小时 = 千瓦时;
* Q15: residential raw coal ``8,吨`` among raw-coal rows of 30 .. 900 万吨: as written
  8 t = 0.0008 万吨; in 万吨 like the others, 8 万吨 = 80,000 t;
* Q79: an amount of gas at a reference condition is p V / (R T), so one volume metered at
  0 °C holds 293.15 / 273.15 = 1.0732 times what it holds at 20 °C; at 20 °C the row
  holds 273.15 / 293.15 = 0.9318 times its 0 °C reading.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning
from carbonpath.errors import DataError, UnitError
from carbonpath.units import parse_unit

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
ACTIVITY = (SAMPLES / "activity_sample.csv").read_text(encoding="utf-8")
BALANCE = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
INV = {"region": "CN-SD", "year": 2022}


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _edited_activity(tmp_path, old, new):
    assert ACTIVITY.count(old) == 1
    return _write(tmp_path, "a.csv", ACTIVITY.replace(old, new))


def _edited_balance(tmp_path, old, new):
    assert BALANCE.count(old) == 1
    return _write(tmp_path, "b.csv", BALANCE.replace(old, new))


# -- Q24, Q27, Q28: 10⁴ / 10⁸ with the superscript lost ---------------------------------------


@pytest.mark.parametrize(("unit", "power", "chinese"), [
    ("104 t", 4, "万吨"), ("104 tons", 4, "万吨"), ("108 m3", 8, "亿立方米"),
    ("108 kWh", 8, "亿千瓦时"), ("1010 kJ", 10, "万百万千焦"), ("GJ/(104 Nm3)", 4, None)])
def test_a_lost_superscript_is_refused_naming_the_power_of_ten(unit, power, chinese):
    with pytest.raises(UnitError) as err:
        parse_unit(unit)
    p = err.value.problems[0]
    assert f"10^{power}" in p.message
    assert "superscript" in p.message
    if chinese:
        assert chinese in p.valid
        # the spelling it names is 10^power of the unit after the number (hand: 万 = 10^4)
        rest = unit.split()[-1]
        assert (1 * parse_unit(chinese)).to(parse_unit(f"10^{power} {rest}")).magnitude == \
            pytest.approx(1.0)


@pytest.mark.parametrize(("unit", "tonnes"), [
    ("10000 t", 1e4), ("10 000 t", 1e4), ("10^4 t", 1e4), ("100 t", 100.0), ("1000 t", 1e3),
    ("10 t", 10.0)])
def test_numbers_that_are_powers_of_ten_or_plain_stay_read(unit, tonnes):
    assert (1 * parse_unit(unit)).to("t").magnitude == pytest.approx(tonnes)


def test_q28_a_tidy_row_in_104_t_is_refused_with_file_row_and_column(tmp_path):
    path = _edited_activity(tmp_path, "transport,汽油,18,万吨", "transport,汽油,18,104 t")
    with pytest.raises(UnitError) as err:
        cp.read_activity(path, **INV)
    p = err.value.problems[0]
    assert (p.file, p.row, p.column) == ("a.csv", 15, "unit")
    assert "'10^4 t' or '万吨'" in p.valid


@pytest.mark.parametrize(("header", "power", "chinese"), [
    ("汽油(万吨)", 4, "万吨"), ("天然气(亿立方米)", 8, "亿立方米")])
def test_q24_q27_a_balance_header_with_a_lost_superscript_is_refused(tmp_path, header, power,
                                                                    chinese):
    english = {"汽油(万吨)": "Gasoline (104 tons)",
               "天然气(亿立方米)": "Natural Gas (108 m3)"}[header]
    path = _edited_balance(tmp_path, header, english)
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, **INV)
    p = err.value.problems[0]
    assert p.column == english
    assert f"10^{power}" in p.message
    assert f"({chinese})" in p.message
    assert chinese in p.valid


def test_q27_the_column_magnitude_warning_names_a_unit_that_reads(tmp_path):
    # gasoline's largest cell 20 in t: 20 t x 43.07 GJ/t = 0.86 TJ, under 10^-4 of the raw
    # coal column (1137 万吨 x 20.908 GJ/t = 237,724 TJ); 10^4 larger it would hold 3.6e-2.
    path = _edited_balance(tmp_path, "汽油(万吨)", "汽油(t)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(DataError):  # what follows from 20 t is not this test's
            cp.read_energy_balance(path, **INV)
    said = [str(w.message) for w in caught if "汽油(t)" in str(w.message)]
    assert said, [str(w.message) for w in caught]
    assert "t for 10^4 t" in said[0]
    assert "万t" not in said[0]
    assert (1 * parse_unit("10^4 t")).to("t").magnitude == pytest.approx(1e4)


# -- Q04-Q06, Q155-Q157: everyday spellings name the standard one ----------------------------


@pytest.mark.parametrize(("everyday", "standard", "base", "size"), [
    ("万度", "万千瓦时", "kWh", 1e4), ("万方", "万立方米", "m3", 1e4),
    ("万吨标煤", "万吨标准煤", "tce", 1e4), ("亿千瓦小时", "亿千瓦时", "kWh", 1e8),
    ("亿m³", "亿立方米", "m3", 1e8), ("亿度", "亿千瓦时", "kWh", 1e8)])
def test_an_everyday_spelling_names_the_standard_one(everyday, standard, base, size):
    with pytest.raises(UnitError) as err:
        parse_unit(everyday)
    p = err.value.problems[0]
    assert f"write '{standard}'" in p.message
    assert p.valid.startswith(f"'{standard}'")
    # the message says what is unknown once, not again in brackets (Q04)
    assert f"('{everyday}' is not a unit" not in str(err.value)
    # and the spelling it names is the everyday unit's size (hand: 万 = 1e4, 亿 = 1e8)
    assert (1 * parse_unit(standard)).to(base).magnitude == pytest.approx(size)


def test_q04_the_tidy_route_names_row_column_and_spelling(tmp_path):
    path = _edited_activity(tmp_path, "industry,电力,210,亿千瓦时", "industry,电力,210,亿度")
    with pytest.raises(UnitError) as err:
        cp.read_activity(path, **INV)
    p = err.value.problems[0]
    assert (p.file, p.row, p.column) == ("a.csv", 24, "unit")
    assert "write '亿千瓦时'" in p.message


@pytest.mark.parametrize(("header", "unit", "spelled"), [
    ("电力(亿千瓦时)", "亿千瓦小时", "write '亿千瓦时'"),
    ("天然气(亿立方米)", "亿m³", "write '亿立方米' or '10^8 m3'"),
    ("原煤(万吨)", "万t", "'万吨' or '10^4 t'")])
def test_q155_q157_a_balance_header_names_the_spelling_in_its_message(tmp_path, header, unit,
                                                                     spelled):
    path = _edited_balance(tmp_path, header, header.split("(")[0] + f"({unit})")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, **INV)
    p = err.value.problems[0]
    assert f"unit '{unit}'" in p.message
    assert spelled in p.message
    assert spelled.replace("write ", "") in p.valid


# -- Q15: one fuel row in a unit of another scale --------------------------------------------


def _caught(func):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func()
    return result, caught


def test_q15_one_raw_coal_row_in_tonnes_among_rows_in_wan_tonnes_warns(tmp_path):
    path = _edited_activity(tmp_path, "residential,原煤,8,万吨", "residential,原煤,8,吨")
    inv, caught = _caught(lambda: cp.compute_inventory(path, primary_electricity="calorific",
                                                       **INV))
    said = [str(w.message) for w in caught if issubclass(w.category, ActivityMagnitudeWarning)]
    assert len(said) == 1
    assert said[0].startswith("a.csv, row 21, column 'unit': raw_coal is written 8 吨")
    assert "rows 2, 4, 7, 8, 11" in said[0]  # the other raw-coal rows, all in 万吨
    assert "0.0008 万吨" in said[0]
    assert "8 万吨" in said[0]
    # a warning, not a change: the row stays 8 t
    rows = inv.emissions[(inv.emissions["fuel"] == "raw_coal")
                         & (inv.emissions["sector"] == "residential")]
    assert not rows.empty


def test_q15_a_row_in_tonnes_whose_number_is_of_its_own_scale_is_quiet(tmp_path):
    # 80,000 吨 = 8 万吨: read in 万吨 it would be 80,000 万吨, among none of the others
    path = _edited_activity(tmp_path, "residential,原煤,8,万吨", "residential,原煤,80000,吨")
    _, caught = _caught(lambda: cp.compute_inventory(path, primary_electricity="calorific",
                                                     **INV))
    assert not [w for w in caught if issubclass(w.category, ActivityMagnitudeWarning)]


# -- Q79: gas volumes of one table at two reference conditions -------------------------------


def test_q79_one_gas_row_at_0c_among_rows_at_20c_warns(tmp_path):
    from carbonpath.accounting.activity.scope import GasConditionWarning

    path = _edited_activity(tmp_path, "commercial,天然气,0.7,亿立方米,combustion,20C",
                            "commercial,天然气,0.7,亿立方米,combustion,0C")
    act, caught = _caught(lambda: cp.read_activity(path, **INV))
    said = [str(w.message) for w in caught if issubclass(w.category, GasConditionWarning)]
    assert len(said) == 1
    assert said[0].startswith("a.csv, row 18, column 'gas_condition': 1 gas volume row(s) "
                              "at 0C")
    assert "rows 3, 6, 9, 10, 12, 17, 20" in said[0]
    assert "at 20C" in said[0]
    assert f"{273.15 / 293.15:.4g} times" in said[0]  # 0.9318
    # the row is read as written: 0.7e8 m3 at 0 °C, 293.15/273.15 times its 20 °C amount
    data = act.data.set_index("row")["quantity"]
    assert data[18] / data[17] == pytest.approx(0.7 / 0.5 * 293.15 / 273.15, rel=1e-9)


def test_q79_the_sample_at_one_condition_is_quiet(tmp_path):
    path = _write(tmp_path, "a.csv", ACTIVITY)
    _, caught = _caught(lambda: cp.read_activity(path, **INV))
    assert not [w for w in caught if "gas_condition" in str(w.message)]


# -- Q97: the documented row item memo -------------------------------------------------------


def test_q97_a_row_mapped_to_memo_is_kept_in_the_flows_and_not_used(tmp_path):
    lines = BALANCE.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1.工业,"))
    width = lines[at].count(",")
    lines.insert(at + 1, "其中:煤化工," + ",".join(["1.00"] + [""] * (width - 1)))
    path = _write(tmp_path, "b.csv", "\n".join(lines) + "\n")
    with pytest.raises(DataError, match="unrecognised row"):
        cp.read_energy_balance(path, **INV)
    mapping = _write(tmp_path, "m.csv", "axis,label,code,unit\nrow,煤化工,memo,\n")
    bs = cp.read_energy_balance(path, mapping=mapping, **INV)
    memo = bs.flows[bs.flows["item"] == "memo"]
    assert memo[["fuel", "value"]].values.tolist() == [["raw_coal", 1.0]]
    assert memo["note"].tolist() == ["memo row: kept"]
    plain = cp.read_energy_balance(_write(tmp_path, "s.csv", BALANCE), **INV)
    cols = ["sector", "fuel", "use", "value"]
    assert bs.activity[cols].reset_index(drop=True).equals(
        plain.activity[cols].reset_index(drop=True))


# -- invariant: only 10 followed by an exponent 2 .. 12 is taken for a lost superscript ---------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SUPERSCRIPTS = {int(f"10{e}") for e in range(2, 13)}


@given(st.integers(min_value=1, max_value=2_000_000).filter(lambda n: n not in _SUPERSCRIPTS),
       st.sampled_from(["t", "kWh", "m3", "tce", "GJ"]))
def test_any_other_leading_number_is_folded_into_the_unit(n, unit):
    # n written before a unit is n of that unit (the rule lost superscripts are carved from)
    assert (1 * parse_unit(f"{n} {unit}")).to(unit).magnitude == pytest.approx(float(n))


def test_q_refuses_a_lost_superscript_as_a_unit_error():
    # Q_(1, "104 t") is 10⁴ t with the superscript lost; Q_("104 t") is 104 t, an amount
    with pytest.raises(UnitError, match=r"10\^4 t \(万吨\)"):
        cp.Q_(1, "104 t")
    assert cp.Q_("104 t").to("t").magnitude == pytest.approx(104.0)


# -- the same slips in a balance sheet's title line (单位: ...) ---------------------------------


def _titled(tmp_path, unit):
    lines = BALANCE.splitlines()
    header = lines[1]
    for fuel_unit in ("(万吨)", "(亿立方米)", "(万百万千焦)", "(亿千瓦时)"):
        header = header.replace(fuel_unit, "")
    return _write(tmp_path, "t.csv", "\n".join([f"单位: {unit}", header, *lines[2:]]) + "\n")


@pytest.mark.parametrize(("unit", "spelled"), [
    ("万吨标煤", "write '万吨标准煤'"), ("104 tce", "10^4 tce (万吨标准煤)")])
def test_a_title_unit_with_a_slip_is_refused_not_ignored(tmp_path, unit, spelled):
    # ignored, it had left every column in its physical unit (raw coal 1137 万吨 for 万吨标准煤)
    with pytest.raises(UnitError) as err:
        cp.read_energy_balance(_titled(tmp_path, unit), check_totals=False, **INV)
    p = err.value.problems[0]
    assert (p.file, p.row) == ("t.csv", 1)
    assert spelled in p.message


@pytest.mark.parametrize(("unit", "read"), [
    ("万吨标准煤 2022年", "万吨标准煤"), ("10 000 tons", "万吨")])
def test_a_title_unit_of_several_words_is_read_whole(tmp_path, unit, read):
    bs = cp.read_energy_balance(_titled(tmp_path, unit), check_totals=False, **INV)
    assert set(bs.units.values()) == {read}


def test_a_bare_number_is_no_unit():
    # pint had made '104' a unit of 104 x nothing, broken: a KeyError traceback later
    with pytest.raises(UnitError, match="is a number, not a unit"):
        parse_unit("104")
