"""Round 10 (tester10a, accounting side): silent cases fixed by rel18, with hand values."""

import pandas as pd
import pytest

from carbonpath import DataError, read_activity
from carbonpath.accounting import compute_inventory


def frame(rows):
    return pd.DataFrame(rows)


# --- A01-A03: a gas_condition or energy_basis cell on a row that does not read it --------


@pytest.mark.parametrize(("row", "column", "words"), [
    ({"fuel": "天然气", "value": 1, "unit": "亿Nm3", "gas_condition": "20C"},  # A01
     "gas_condition", "contradicts"),
    ({"fuel": "原煤", "value": 10, "unit": "万吨", "gas_condition": "20C"},  # A02
     "gas_condition", "plain gas volumes"),
    ({"fuel": "原煤", "value": 10, "unit": "万吨标准煤", "energy_basis": "gross"},  # A03
     "energy_basis", "net by definition"),
    ({"fuel": "原煤", "value": 10, "unit": "万吨", "energy_basis": "net"},
     "energy_basis", "J or Wh"),
    ({"fuel": "电力", "value": 10, "unit": "GWh", "energy_basis": "gross"},
     "energy_basis", "no calorific basis"),
])
def test_a_cell_on_a_row_that_does_not_read_it_is_refused(row, column, words):
    table = frame([{"sector": "industry", "fuel": "diesel", "value": 1, "unit": "万吨"},
                   {"sector": "industry", **row}])
    with pytest.raises(DataError) as err:
        read_activity(table, region="聊城", year=2022)
    problem, = err.value.problems
    assert (problem.row, problem.column) == (1, column)
    assert words in problem.message


def test_a_cell_that_says_what_the_unit_says_is_accepted():
    # 1 亿Nm3 of natural gas with 0C (what Nm3 means), 10 万吨标准煤 of raw coal with net
    table = frame([
        {"sector": "residential", "fuel": "天然气", "value": 1, "unit": "亿Nm3",
         "gas_condition": "0C", "energy_basis": ""},
        {"sector": "industry", "fuel": "原煤", "value": 10, "unit": "万吨标准煤",
         "gas_condition": "", "energy_basis": "net"}])
    inv = compute_inventory(table, region="聊城", year=2022, primary_electricity="calorific")
    co2 = inv.emissions.query("gas == 'CO2'").set_index("fuel")["value"]
    # GB/T 2589 / the bundled natural-gas row: 38.931 MJ/Nm3, 15.3 t C/TJ, oxidation 0.99
    gas = 1e8 * 38.931e-6 * 15.3 * 0.99 * 44 / 12
    assert co2["natural_gas"] == pytest.approx(gas, rel=1e-9)
    # 10 万吨标准煤 = 1e5 x 29.3076 GJ = 2930.76 TJ; raw coal 26.18 t C/TJ, oxidation 0.93
    assert co2["raw_coal"] == pytest.approx(2930.76 * 26.18 * 0.93 * 44 / 12, rel=1e-9)


def test_a_default_condition_applies_only_where_it_is_read():
    # the argument fills empty cells of rows that read it; a coal row is not refused
    table = frame([{"sector": "industry", "fuel": "原煤", "value": 10, "unit": "万吨"},
                   {"sector": "residential", "fuel": "天然气", "value": 1, "unit": "亿立方米"}])
    got = read_activity(table, region="聊城", year=2022, gas_condition="20C").data
    assert got["quantity"][1] == pytest.approx(1e8 * 273.15 / 293.15)
