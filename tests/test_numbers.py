"""Numbers written as text: exactly the value under the declared convention, or an error.

The property: whatever text a writer produced (decimal point or comma, thousands separators
or none), a reader told a convention returns the value the text has under that convention,
computed here independently, or refuses it; never another number.
"""

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import DataError, read_activity, read_energy_balance
from carbonpath.errors import ArgumentTypeError
from carbonpath.numbers import check_year, parse_number, parse_numbers

CONVENTIONS = [(".", None), (",", None), (".", ","), (",", "."), (",", " "), (".", " "),
               (".", "'")]


def write(value: Decimal, decimal: str, thousands: str | None) -> str:
    """Format ``value`` as a writer with this convention would."""
    sign = "-" if value < 0 else ""
    whole, _, frac = format(abs(value), "f").partition(".")
    if thousands:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = thousands.join([whole, *groups])
    return sign + whole + (decimal + frac if frac else "")


def value_under(text: str, decimal: str, thousands: str | None) -> Decimal | None:
    """The value of ``text`` under a convention (None: not a number there), by hand."""
    body = text[1:] if text[:1] in "+-" else text
    if body.count(decimal) > 1:
        return None
    whole, _, frac = body.partition(decimal)
    if thousands and thousands in whole:
        groups = whole.split(thousands)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        if groups[0].startswith("0"):  # a grouped number's first group never does (ZC73)
            return None
        whole = "".join(groups)
    if not (whole or frac) or not (whole + frac).isdigit() or not (whole + frac).isascii():
        return None
    number = Decimal(f"{whole or '0'}.{frac or '0'}")
    return -number if text.startswith("-") else number


numbers = st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False,
                      allow_infinity=False)


@given(numbers, st.sampled_from(CONVENTIONS), st.sampled_from(CONVENTIONS))
def test_a_reader_returns_the_value_under_its_convention_or_refuses(value, writer, reader):
    text = write(value, *writer)
    expected = value_under(text, *reader)
    got, bad = parse_numbers([text], *reader)
    if expected is None:
        assert bad[0], (text, reader, got[0])
    else:
        assert not bad[0], (text, reader)
        assert got[0] == float(expected)


@given(numbers, st.sampled_from(CONVENTIONS))
def test_the_writers_convention_reads_back_exactly(value, convention):
    text = write(value, *convention)
    assert parse_number(text, *convention) == float(value)


@given(numbers, st.sampled_from(CONVENTIONS[1:]))
def test_the_default_reader_refuses_every_separator_it_was_not_told_of(value, convention):
    text = write(value, *convention)
    got, bad = parse_numbers([text])
    if any(ch in text for ch in ", '"):
        assert bad[0]
    else:  # a plain number: its plain value
        assert got[0] == float(Decimal(text))


@pytest.mark.parametrize("text", ["1,5", "1.000,5", "1 000", "1_000", "1'000", "1，5",
                                  "12,34", "1.2.3", "１２", "1e", "--1"])
def test_ambiguous_or_foreign_forms_are_refused_by_default(text):
    with pytest.raises(ValueError, match=r"not a number|never guesses|groups of three"):
        parse_number(text)


def test_an_unknown_option_is_a_typed_error():
    with pytest.raises(DataError, match="decimal mark"):
        parse_numbers(["1"], decimal=";")
    with pytest.raises(DataError, match="equals the decimal mark"):
        parse_numbers(["1"], decimal=",", thousands=",")


def activity(values):
    return pd.DataFrame({"sector": "industry", "fuel": "raw_coal", "value": values,
                         "unit": "t"}).assign(fuel=["raw_coal", "coke", "diesel"][:len(values)])


def test_activity_refuses_a_decimal_comma_with_row_and_column(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('sector,fuel,value,unit\nindustry,raw_coal,"1,5",t\nindustry,coke,2,t\n',
                 encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_activity(p, region="CN", year=2022)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("a.csv", 2, "value")
    assert "decimal comma or a thousands separator" in str(problem)
    got = read_activity(p, region="CN", year=2022, decimal=",")
    assert got.data["value"].tolist() == [1.5, 2.0]


def test_activity_reads_thousands_only_when_told(tmp_path):
    df = activity(["1.000,5", "12"])
    with pytest.raises(DataError):
        read_activity(df, region="CN", year=2022)
    got = read_activity(df, region="CN", year=2022, decimal=",", thousands=".")
    assert got.data["value"].tolist() == [1000.5, 12.0]


def balance(cell):
    return pd.DataFrame({"项目": ["一次能源生产量", "终端消费量", "工业"],
                         "原煤(万吨)": [cell, cell, cell]})


def test_the_balance_sheet_reads_grouped_thousands_and_refuses_a_decimal_comma():
    good = read_energy_balance(balance("1,234.5"), check_totals=False)
    assert set(good.flows["value"]) == {1234.5}
    with pytest.raises(DataError, match="column '原煤") as err:
        read_energy_balance(balance("1,5"), check_totals=False)
    assert "not a number" in str(err.value)
    comma = read_energy_balance(balance("1.234,5"), check_totals=False, decimal=",",
                                thousands=".")
    assert set(comma.flows["value"]) == {1234.5}


@pytest.mark.parametrize("year", [2026.5, 2026.0, 1e9, -5, "2026", True, 10**9])
def test_a_year_argument_is_a_whole_year_in_range(year):
    with pytest.raises(DataError):
        check_year(year)
    # a wrong type is refused by the argument check, a wrong value by the year check
    with pytest.raises((DataError, ArgumentTypeError)):
        read_activity(activity(["1"]), region="CN", year=year)


def test_a_year_column_is_whole_and_in_range():
    df = activity(["1", "2", "3"]).assign(year=["2020", "2020.5", "20200"])
    with pytest.raises(DataError) as err:
        read_activity(df, region="CN")
    text = str(err.value)
    assert "year must be a whole number" in text
    assert "year is out of range" in text
    assert check_year(np.int64(2030)) == 2030
