"""Round 26 (tester ZA): accounting messages (rel91).

ZA27 CHP heat under 火力发电 when the totals fail (an output in the wrong row, not an input
printed as a magnitude); ZA53 an amount of one gas converted to another gas's unit; ZA136,
ZA137 trade rows tagged with another region break the city's electricity balance; ZA177
``Inventory.by()`` without a dimension; ZA186 ``亿千瓦`` (a power) for ``亿千瓦时``.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import Q_
from carbonpath.errors import (
    ArgumentValueError,
    DataError,
    ImplausibleValueError,
    IncompatibleUnitsError,
    UnitError,
)
from carbonpath.units import parse_unit
from tests.conftest import assert_no_carbonpath_warnings, only_problem
from tests.init_sample import BALANCE, SAMPLES

ACTIVITY = SAMPLES / "activity_sample.csv"


def _sheet(tmp_path, cells):
    """The sample balance with ``cells`` ({(row label prefix, header prefix): text}) set."""
    rows = list(csv.reader(BALANCE.open(encoding="utf-8")))
    for (label, header), text in cells.items():
        i = next(k for k, r in enumerate(rows) if r and r[0].startswith(label))
        j = next(k for k, h in enumerate(rows[1]) if h.startswith(header))
        rows[i][j] = text
    path = tmp_path / "b.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


# --- ZA27: a positive carrier cell of the other plant row is an output, not an input -------

def test_chp_heat_entered_in_both_plant_rows_is_named_as_an_output(tmp_path):
    # 供热 keeps its 3800 of heat; 火力发电 (line 13) gets 3800 too: 二、加工转换 states 3800
    # and its parts give 3800 + 3800 = 7600, off by -3800, exactly minus the cell
    path = _sheet(tmp_path, {("1.火力发电", "热力"): "3800.00"})
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    first = err.value.problems[0]
    assert (first.row, first.column, first.value) == (13, "热力(万百万千焦)", 3800.0)
    assert "an output of heat from 'thermal_power'" in first.message
    assert "供热" in first.message
    assert "blank it here" in first.valid
    assert "-3800" not in first.valid  # no heat input of a power plant is advised
    assert "negative in an energy balance" not in first.message
    assert any("give 7600" in p.message and "difference -3800" in p.message
               for p in err.value.problems[1:])


def test_electricity_under_gongre_names_both_readings(tmp_path):
    # 供热 (line 14) gets +190 of electricity beside 火力发电's 190: parts 380 for a stated 190
    path = _sheet(tmp_path, {("2.供热", "电力"): "190.00"})
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    first = err.value.problems[0]
    assert (first.row, first.column) == (14, "电力(亿千瓦时)")
    assert "an output of electricity from 'heat_supply'" in first.message
    assert "火力发电" in first.message
    # an electric boiler's input is the other reading: -190.00
    assert "blank it here" in first.valid
    assert "(-190.00)" in first.valid


def test_heat_split_between_plant_rows_keeps_its_message(tmp_path):
    # ZA27b: 1000 + 2800 = 3800, the totals hold; the same words, without 'blank it here'
    path = _sheet(tmp_path, {("1.火力发电", "热力"): "1000.00", ("2.供热", "热力"): "2800.00"})
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    first = err.value.problems[0]
    assert "an output of heat from 'thermal_power'" in first.message
    assert "blank it here" not in first.valid


# --- ZA53: an amount of one gas converted to another gas's unit --------------------------

def test_co2e_to_a_co2_unit_names_the_co2e_unit():
    with pytest.raises(IncompatibleUnitsError) as err:
        cp.to_co2e(Q_(1, "kt N2O"), "AR4", to="t CO2")
    assert "'t CO2e'" in str(err.value.problems[0].valid)
    # the fix works: 1 kt N2O x 298 (AR4 WG1 Table 2.14) = 298 kt = 298,000 t CO2e
    assert cp.to_co2e(Q_(1, "kt N2O"), "AR4", to="t CO2e").magnitude == pytest.approx(298_000)


@pytest.mark.parametrize(("quantity", "target", "fixed"), [
    ("1 t CO2", "t CO2e", "'t CO2'"),
    ("1 kg CH4/TJ", "kg CO2/GJ", "'kg CH4/GJ'"),
])
def test_one_gas_to_another_gas_unit_names_the_own_gas(quantity, target, fixed):
    with pytest.raises(IncompatibleUnitsError) as err:
        Q_(quantity).to(target)
    assert str(err.value.problems[0].valid).startswith(fixed)


# --- ZA136, ZA137: trade rows tagged with another region ----------------------------------

def _tagged(tmp_path, regions, values=None):
    """The activity sample with a region column: 聊城, and ``regions`` {line: region}."""
    act = pd.read_csv(ACTIVITY)
    act["region"] = ["聊城"] * len(act)
    for line, region in regions.items():
        act.loc[line - 2, "region"] = region  # line 2 is the first row
    for line, value in (values or {}).items():
        act.loc[line - 2, "value"] = value
    path = tmp_path / "a.csv"
    act.to_csv(path, index=False)
    return path


@pytest.mark.filterwarnings("ignore::carbonpath.accounting.production_keys.FeedstockCarbonWarning")
@pytest.mark.parametrize(("regions", "rows"), [
    ({31: "内蒙古"}, [31]),  # ZA136: the import tagged with its origin
    ({31: "山东", 32: "山东"}, [31, 32]),  # ZA137: both trade rows with the province
])
def test_trade_rows_of_another_region_are_named(tmp_path, regions, rows):
    # 聊城 without them: supply 215 + 22 + 8 = 245 亿千瓦时; use 210 + 30 + 35 + 5 = 280
    # (+ the export 40 when it stays); with them, 245 + 60 = 305 and 280 + 40 = 320: 1.049
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(_tagged(tmp_path, regions), year=2022,
                             primary_electricity="calorific")
    problem = only_problem(err)  # one problem, not one per region
    assert (problem.row, problem.column) == (rows[0], "region")
    assert "use / supply is 1.05" in problem.message
    assert f"region CN-SD-Liaocheng on row{'s' if len(rows) > 1 else ''} " \
           f"{', '.join(str(r) for r in rows)}" in problem.valid
    assert "unit slip" not in problem.message


@pytest.mark.filterwarnings("ignore::carbonpath.accounting.production_keys.FeedstockCarbonWarning")
def test_a_slip_in_a_file_of_regions_with_their_own_rows_is_still_a_slip(tmp_path):
    # 山东 holds residential's 35 beside the trade rows (60 in, 40 out): no trade-only region.
    # 聊城: supply 245, use 2100 (industry, 210 x 10) + 30 + 5 = 2135, 8.7 times: the slip
    # is industry's row 24 (/10: 245 / 245 = 1.0), not a region
    path = _tagged(tmp_path, {31: "山东", 32: "山东", 26: "山东"}, {24: 2100})
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(path, year=2022, primary_electricity="calorific")
    problem = only_problem(err)
    assert (problem.row, problem.column) == (24, "value")
    assert "unit slip" in problem.message


def test_one_region_balanced_with_its_trade_stays_quiet(tmp_path):
    # every row 聊城 (no feedstock rows, whose warning asks for production data): 305 vs 320
    # (1.049) inside the band, no region named, no warning
    path = _tagged(tmp_path, {})
    act = pd.read_csv(path)
    act[act["use"] != "feedstock"].to_csv(path, index=False)
    with assert_no_carbonpath_warnings():
        inv = cp.compute_inventory(path, year=2022, primary_electricity="calorific")
    assert inv.total().to("Mt CO2").magnitude > 0


# --- ZA177: by() without a dimension ------------------------------------------------------

def test_by_without_a_dimension_names_total():
    act = pd.DataFrame([{"sector": "residential", "fuel": "原煤", "value": 8, "unit": "万吨",
                         "use": "combustion"}])
    inv = cp.compute_inventory(act, region="CN-SD", year=2022)
    with pytest.raises(ArgumentValueError, match=r"at least one dimension.*total\(\)"):
        inv.by()
    assert inv.by("sector")["value"].sum() == pytest.approx(inv.total().magnitude)


# --- ZA186: 亿千瓦 for 亿千瓦时 ------------------------------------------------------------

@pytest.mark.parametrize(("text", "energy", "power"), [
    ("亿千瓦", "'亿千瓦时'", "'10^8 kW'"),  # 10^8 x 10^3 W = 10^11 W = 10^8 kW
    ("百万千瓦", "'10^6 kWh'", "'10^6 kW'"),  # no 百万千瓦时 in the registry
    ("億千瓦", "'亿千瓦时'", "'10^8 kW'"),
])
def test_a_scaled_power_names_the_energy_unit(text, energy, power):
    with pytest.raises(UnitError) as err:
        parse_unit(text)
    valid = str(err.value.problems[0].valid)
    assert valid.startswith(energy)
    assert power in valid


def test_an_electricity_row_in_yi_kw_names_its_row(tmp_path):
    lines = ACTIVITY.read_text(encoding="utf-8").splitlines()
    lines[30] = lines[30].replace("60,亿千瓦时", "60,亿千瓦")  # line 31, the import
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.compute_inventory(path, region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (31, "unit")
    assert "did you mean '亿千瓦时'" in problem.message


def test_the_known_powers_still_read():
    assert Q_(1, "万千瓦").to("MW").magnitude == pytest.approx(10.0)  # 10^4 kW = 10 MW
    assert Q_(1, "兆瓦").to("kW").magnitude == pytest.approx(1000.0)
