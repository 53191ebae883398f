"""Absurd magnitudes are refused where a sound bound exists (findings A10, X03, X01, D47).

Bounds: :data:`carbonpath.plausibility.CEILINGS`. One activity row cannot hold more energy
than the world's primary energy of a year (~620 EJ) nor emit more CO2 than the world's fossil
CO2 of a year (~36.8 Gt); a capex per kW of power cannot be above 1e6 CNY/kW; an energy
demand of one row cannot be above the world's primary energy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.cli import app
from carbonpath.errors import ImplausibleValueError
from carbonpath.plausibility import CEILINGS, ceiling_problems
from carbonpath.run import compute


def _activity(tmp_path: Path, kt: str) -> Path:
    path = tmp_path / "activity.csv"
    path.write_text("sector,fuel,value,unit,use,source\n"
                    f"thermal_power,raw_coal,{kt},kt,combustion,x\n", encoding="utf-8")
    return path


def test_an_activity_row_above_the_world_is_refused(tmp_path):
    # 1e30 kt of raw coal at >= 19.9 TJ/kt (IPCC lower NCV) is >= 2e31 TJ = 2e25 EJ >> 620 EJ
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(_activity(tmp_path, "1e30"), region="CN-SD-Liaocheng", year=2024)
    assert err.value.problems[0].row == 2
    assert err.value.problems[0].column == "value"
    assert "620 EJ" in str(err.value)


def test_a_large_but_possible_row_is_accepted(tmp_path):
    # 1e6 kt (1 Gt) of raw coal: at most 30.5 TJ/kt x 1e6 = 3.05e7 TJ = 30.5 EJ (< 620 EJ),
    # at most 30.5e6 TJ x 99.7 t/TJ = 3.0 Gt CO2 (< 36.8 Gt): no refusal by the world's
    # ceilings. For China as a whole (a country has no region-size ceiling): a city's or a
    # province's row of 1 Gt is refused by the region ceilings (test_round5.py)
    inv = cp.compute_inventory(_activity(tmp_path, "1e6"), region="CN", year=2024)
    assert 1.0 < inv.total("CO2").to("Gt CO2").magnitude < 3.05


def _tiny(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_activity_x1e6_in_a_dataset_is_refused_by_run_and_optimise(tmp_path):
    # finding X03: 2347.44 kt typed 2347440000 (x1e6): ~4.4e12 t CO2, far above the world's
    folder = _tiny(tmp_path, "activity.csv", "raw_coal,2347.44,", "raw_coal,2347440000,")
    with pytest.raises(ImplausibleValueError, match=r"activity\.csv, row 2"):
        compute(cp.load_dataset(folder), peak_years=[], sensitivity=0)
    result = CliRunner().invoke(app, ["optimise", str(folder)])
    assert result.exit_code == 1
    assert "activity.csv, row 2, column 'value'" in result.output
    assert "Traceback" not in result.output


def test_optimise_warns_where_the_base_year_differs_from_the_inventory(tmp_path):
    # x3: the inventory's coal CO2 is three times the model's; the 2 % check must fire.
    # (rel16: x10 is now refused earlier, the coal plant's efficiency falling to 4.3 %; x3
    # gives 21,127 TJ of power from 7042.32 kt x ~20.9 GJ/t = ~147,000 TJ, 14.3 %, inside)
    folder = _tiny(tmp_path, "activity.csv", "raw_coal,2347.44,", "raw_coal,7042.32,")
    result = CliRunner().invoke(app, ["optimise", str(folder)])
    assert result.exit_code == 0, result.output
    assert "differ from the inventory of activity.csv" in result.output
    clean = CliRunner().invoke(app, ["optimise", "tiny"])
    assert "differ from the inventory" not in clean.output


def test_capex_above_the_ceiling_is_refused(tmp_path):
    folder = _tiny(tmp_path, "parameters.csv", "coal_power,capex,,4000,",
                   "coal_power,capex,,1e30,")
    with pytest.raises(ImplausibleValueError, match=r"parameters\.csv, row 5, column 'value'"):
        cp.load_dataset(folder)
    # 900,000 CNY/kW written as 900 CNY/W: below 1e6 CNY/kW, accepted
    ok = _tiny(tmp_path / "b", "parameters.csv", "coal_power,capex,,4000,CNY/kW",
               "coal_power,capex,,900,CNY/W")
    cp.load_dataset(ok)


def test_an_energy_demand_above_the_world_is_refused(tmp_path):
    # finding D47: 1e300 GWh/yr = 3.6e294 EJ/yr; was "HiGHS rejected the compiled model"
    folder = _tiny(tmp_path, "demands.csv", "electricity,2030,7200,",
                   "electricity,2030,1e300,")
    with pytest.raises(ImplausibleValueError, match=r"demands\.csv, row 3, column 'value'"):
        cp.load_dataset(folder)


@given(st.floats(min_value=-1e30, max_value=1e30, allow_nan=False))
def test_a_ceiling_refuses_exactly_the_magnitudes_above_it(value):
    ceiling = CEILINGS["power_capex"]
    found = ceiling_problems([value], [7], ceiling, file="f.csv", column="value", what="x")
    assert bool(found) == (abs(value) > ceiling.value)
    if found:
        assert (found[0].file, found[0].row, found[0].column) == ("f.csv", 7, "value")
