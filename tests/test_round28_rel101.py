"""Round 28 (tester28zd) accounting cases ZD81 ZD40 ZD64 ZD83 ZD111.

Expected values are computed by hand in each test. Gas reference temperatures: 273.15 K
(Nm3), 288.15 K (Sm3), 293.15 K (m3 at 20 °C, China's energy statistics); the bundled
natural-gas NCV is 389.31 GJ/10^4 Nm3 = 38.931 MJ/Nm3 (GB/T 2589-2020 Appendix A); the
catalogue's clinker kiln needs 3.2 GJ of fuel per tonne.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import DataError, IncompatibleUnitsError, UnitError

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"


# --- ZD83: an unknown option whose close spelling is only --help --------------------------

def test_zd83_factors_fuel_names_the_item_option():
    from typer.testing import CliRunner

    from carbonpath.cli import app

    result = CliRunner().invoke(app, ["factors", "--fuel", "原煤"])
    assert result.exit_code == 2  # click's status for an unknown option
    assert "has no option --fuel; the option for it is --item" in result.output
    listed = CliRunner().invoke(app, ["factors", "--zzz", "1"])
    assert listed.exit_code == 2
    assert "its options: --format, --gas, --item, --quantity, --region, --wide" in (
        listed.output)
    close = CliRunner().invoke(app, ["factors", "--itme", "x"])  # click's own suggestion
    assert close.exit_code == 2
    assert "--item" in close.output


# --- ZD40: a plain volume converted to an amount of gas ----------------------------------

def test_zd40_plain_volume_to_nm3_says_which_condition_to_write():
    with pytest.raises(IncompatibleUnitsError) as info:
        cp.Q_(1, "亿立方米").to("Nm3")
    valid = info.value.problems[0].valid
    assert "Q_(1e8, 'm3_20C')" in valid
    assert "'Nm3' (0 °C)" in valid
    with pytest.raises(IncompatibleUnitsError, match="converts to another amount of gas"):
        cp.Q_(1, "Nm3").to("m3")
    with pytest.raises(IncompatibleUnitsError, match="no reference condition"):
        cp.Q_(1, "MJ/m3").to("MJ/Nm3")  # per unit too
    with pytest.raises(UnitError) as info:
        cp.units.unit_factor("亿立方米", "Nm3")
    assert "m3_20C" in info.value.problems[0].valid
    # the advised form converts: 1e8 m3 at 20 °C = 1e8 x 273.15/293.15 Nm3
    # = 1e8 x (1 - 20/293.15) = 1e8 x (1 - 0.0682245) = 93,177,554 Nm3
    assert cp.Q_(1e8, "m3_20C").to("Nm3").magnitude == pytest.approx(93_177_554, rel=1e-7)
    with pytest.raises(IncompatibleUnitsError, match="mass to mass"):  # other pairs as before
        cp.Q_(1, "m3").to("t")


# --- ZD64: losses printed negative in a balance sheet ------------------------------------

def _balance(tmp_path: Path, old: str, new: str) -> Path:
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "b.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_zd64_negative_losses_are_named_at_their_row(tmp_path):
    path = _balance(tmp_path, "三、损失量,,,,0.10,,,,0.10,150.00,12.00",
                    "三、损失量,,,,-0.10,,,,-0.10,-150.00,-12.00")
    with pytest.raises(DataError) as info:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    first = info.value.problems[0]
    # line 16 of the file; its first negative cell is 焦炉煤气 -0.10, three more follow
    assert (first.row, first.column) == (16, "焦炉煤气(亿立方米)")
    assert "negative losses (-0.1) in row 'losses' (三、损失量)" in first.message
    assert "3 more negative cell(s)" in first.message
    assert "losses are positive" in first.message
    assert "(0.1)" in first.valid
    # the totals still follow: gas 平衡差额 computed 8 - 1.5 - (-0.1) - 6.3 = 0.3 vs 0.1
    gas = [p for p in info.value.problems if p.row == 31 and p.column == "天然气(亿立方米)"]
    assert gas
    assert "give 0.3" in gas[0].message
    # refused even where the totals are not checked (a wide tolerance): it cannot be right
    with pytest.raises(DataError) as wide:
        cp.read_energy_balance(path, region="CN-SD", year=2022, tolerance=1000)
    assert [p.row for p in wide.value.problems] == [16]


def test_zd64_negative_inflow_is_named_too(tmp_path):
    path = _balance(tmp_path, "2.外省(区、市)调入量,950.00,", "2.外省(区、市)调入量,-950.00,")
    with pytest.raises(DataError) as info:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    first = info.value.problems[0]
    assert first.row == 5
    assert "negative supply (-950) in row 'inflow'" in first.message


# --- ZD81: a gas NCV per m3 at 20 °C typed per Nm3 ---------------------------------------

def _factor(value: float, unit: str, plausibility: str = "") -> pd.DataFrame:
    return pd.DataFrame([{"item": "natural_gas", "quantity": "calorific_value", "value": value,
                          "unit": unit, "basis": "net", "region": "CN-SD-Liaocheng",
                          "source": "my survey", "status": "unverified",
                          "plausibility": plausibility}])


def _condition_warnings(frame: pd.DataFrame) -> list[str]:
    from carbonpath.factors.cross_check import GasConditionWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.load_factors(extra=frame)
    return [str(w.message) for w in caught if issubclass(w.category, GasConditionWarning)]


def test_zd81_ncv_per_m3_at_20c_typed_per_nm3_warns():
    # 38.931 x 273.15/293.15 = 38.931 x 0.931776 = 36.2750; 36.28 is 0.014 % from it
    # (tolerance 0.1 %)
    (text,) = _condition_warnings(_factor(36.28, "MJ/Nm3"))
    assert "user factor of index label 0" in text
    assert "x 273.15/293.15 = 0.9318" in text
    assert "write its unit MJ/m3_20C" in text
    # the other way: 38.931 typed per m3 at 20 °C is 38.931 x 293.15/273.15 = 41.78 per Nm3
    (back,) = _condition_warnings(_factor(38.931, "MJ/m3_20C"))
    assert "write its unit MJ/Nm3" in back
    # a measured value elsewhere: 37.5 / 38.931 = 0.9632, no ratio of temperatures
    assert _condition_warnings(_factor(37.5, "MJ/Nm3")) == []
    assert _condition_warnings(_factor(38.931, "MJ/Nm3")) == []  # the bundled value itself
    assert _condition_warnings(_factor(36.28, "MJ/Nm3", "override: measured at 0 C")) == []


# --- ZD111: the kiln fuel missing, the clinker blamed ------------------------------------

def _activity_without(tmp_path: Path, line: str) -> Path:
    lines = (SAMPLES / "activity_sample.csv").read_text(encoding="utf-8").splitlines()
    kept = [x for x in lines if not x.startswith(line)]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "a.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def _inventory_warnings(activity: Path) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.compute_inventory(activity, region="CN-SD-Liaocheng", year=2022,
                             production=SAMPLES / "production_sample.csv",
                             primary_electricity="calorific")
    return list(caught)


def test_zd111_missing_kiln_fuel_is_named_not_the_clinker(tmp_path):
    from carbonpath.accounting.plausible_usual import (
        MissingRouteEnergyWarning,
        UnusualShareWarning,
    )

    caught = _inventory_warnings(_activity_without(tmp_path, "non_metallic_minerals,原煤"))
    missing = [str(w.message) for w in caught
               if issubclass(w.category, MissingRouteEnergyWarning)]
    # clinker 450 万吨 = 4.5e6 t x 3.2 GJ/t = 14.4e6 GJ = 14,400 TJ
    assert len(missing) == 1
    assert "row 2" in missing[0]
    assert "needs 14,400 TJ of fuel" in missing[0]
    assert "non_metallic_minerals (with the sectors above and below it) has no fuel" in (
        missing[0])
    assert not [w for w in caught if issubclass(w.category, UnusualShareWarning)]
    # with the kiln's coal row the sample is quiet
    full = _inventory_warnings(SAMPLES / "activity_sample.csv")
    assert not [w for w in full if issubclass(w.category, MissingRouteEnergyWarning)]


def test_zd111_init_route_warns_of_a_sector_without_fuel_service():
    from carbonpath.accounting.plausible_usual import MissingRouteEnergyWarning
    from carbonpath.init.route_checks import check_route_energy

    draft = SimpleNamespace(parameters=[], implausible=[])
    services = {"non_metallic_minerals_power": {"base": 3_000.0, "unit": "GWh"},
                "chemicals_heat": {"base": 50_000.0, "unit": "TJ"}}
    # 1e6 t of clinker at 0.03 MWh/t (the catalogue's 30 kWh/t) = 30,000 MWh = 30 GWh
    links = [("process_cement_clinker", "cement_clinker", "non_metallic_minerals",
              "clinker_kiln", {"non_metallic_minerals_power": 0.03e-3}, 1e6)]
    with pytest.warns(MissingRouteEnergyWarning, match="needs 3,200 TJ of fuel"):
        check_route_energy(draft, links, {"non_metallic_minerals_power": 30.0}, services,
                           "p.csv")  # 1e6 t x 3.2 GJ/t = 3,200 TJ
    services["non_metallic_minerals_heat"] = {"base": 4_000.0, "unit": "TJ"}
    with warnings.catch_warnings(record=True) as caught:  # the sector's fuel is given
        warnings.simplefilter("always")
        check_route_energy(draft, links, {"non_metallic_minerals_power": 30.0}, services,
                           "p.csv")
    assert not [w for w in caught if issubclass(w.category, MissingRouteEnergyWarning)]
