"""Round 27 (tester27zc) accounting cases ZC12 ZC52 ZC52b ZC53 ZC60 ZC62 ZC76.

Each edit is made to the bundled activity sample (every mass row in 万吨); expected values
are computed by hand in each test. Standard coal: 29.3076 GJ per tce; raw coal's standard
coal coefficient 0.7143 tce/t (GB/T 2589-2020 Appendix A); China's supply coal rate of 2022
300.7 gce/kWh (CEC), so the warning bound is 1.3 x 300.7 = 390.91 gce/kWh.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import carbonpath as cp
from carbonpath.accounting.double_counting import CopiedRowWarning
from carbonpath.accounting.plausible_carrier_bands import PowerEfficiencyWarning
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning

SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "activity_sample.csv"


def _lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines()


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _edit(tmp_path: Path, line: int, old: str, new: str) -> Path:
    """The sample with ``old`` -> ``new`` on file line ``line`` (header = 1)."""
    lines = _lines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return _write(tmp_path, lines)


def _caught(path: Path, category: type[Warning]) -> list[str]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.compute_inventory(path, region="CN-SD", year=2022, primary_electricity="calorific")
    return [str(w.message) for w in got if issubclass(w.category, category)]


# --- ZC12: thermal coal in 万吨标准煤 for 万吨, seen through the plants' coal rate ----------

def _coal_only(tmp_path: Path, coal: str) -> Path:
    """The sample's plants burning coal alone (gas row 3 left out), the coal as given."""
    lines = _lines()
    lines[1] = lines[1].replace("900,万吨,", coal)
    return _write(tmp_path, [x for i, x in enumerate(lines) if i != 2])


def test_standard_coal_unit_on_plant_coal_is_warned_with_the_physical_reading(tmp_path):
    """900 万吨标准煤 = 9.0e6 tce for 215 亿kWh = 2.15e10 kWh: 9.0e12 gce / 2.15e10 kWh =
    418.6 gce/kWh > 390.91. Read as 900 万吨 of raw coal: 9.0e6 t x 0.7143 = 6.4287e6 tce,
    6.4287e12 / 2.15e10 = 299.0 gce/kWh, under the bound: warned, both rates named."""
    (text,) = _caught(_coal_only(tmp_path, "900,万吨标准煤,"), PowerEfficiencyWarning)
    assert text.startswith("a.csv, row 2: raw_coal 900 万吨标准煤")
    assert "burns 419 gce per kWh" in text
    assert "it would be 299" in text
    assert "300.7 gce/kWh" in text


def test_low_coal_rate_in_physical_units_or_right_standard_coal_is_quiet(tmp_path):
    """1300 万吨 x 0.7143 = 9.286e6 tce: 431.9 gce/kWh, a CHP-like fleet, but no row is in
    standard coal (correct data look so): quiet. 650 万吨标准煤: 6.5e12 / 2.15e10 = 302.3
    gce/kWh, under 390.91: quiet."""
    assert _caught(_coal_only(tmp_path, "1300,万吨,"), PowerEfficiencyWarning) == []
    assert _caught(_coal_only(tmp_path, "650,万吨标准煤,"), PowerEfficiencyWarning) == []


# --- ZC52, ZC52b, ZC53: a whole fuel in kt among fuels in 万吨 -------------------------

def test_lone_fuel_in_kt_among_wan_tonnes_is_warned(tmp_path):
    """ZC52: gasoline's only row (line 15) in kt; 1 万吨 = 10 kt, so the reading is 10x."""
    texts = _caught(_edit(tmp_path, 15, "18,万吨", "18,kt"), ActivityMagnitudeWarning)
    (text,) = [t for t in texts if "every gasoline row" in t]
    assert text.startswith("a.csv, row 15, column 'unit'")
    assert "10 times smaller than 万吨" in text


def test_whole_fuel_in_kt_is_warned_once_naming_every_row(tmp_path):
    """ZC52b: the three diesel rows (lines 13, 16, 22) all in kt."""
    lines = _lines()
    for i in (13, 16, 22):
        lines[i - 1] = lines[i - 1].replace(",万吨,", ",kt,")
    texts = _caught(_write(tmp_path, lines), ActivityMagnitudeWarning)
    (text,) = [t for t in texts if "every diesel row" in t]
    assert text.startswith("a.csv, rows 13, 16, 22, column 'unit'")
    assert "row 13: 4 kt, row 16: 35 kt, row 22: 3 kt" in text


def test_fuels_in_one_unit_are_quiet_and_1e4_is_left_to_the_other_rule(tmp_path):
    """The unedited sample (every mass row in 万吨) is quiet. LPG 1.2 吨 (10^4 apart) is the
    round 25 rule's (a unit 10^4 too small): one warning, not a second one of this rule."""
    assert _caught(SAMPLE, ActivityMagnitudeWarning) == []
    (text,) = _caught(_edit(tmp_path, 19, "1.2,万吨", "1.2,吨"), ActivityMagnitudeWarning)
    assert "every lpg row" not in text
    assert "10^4 too small" in text


# --- ZC60, ZC62, ZC76: rows counted twice ----------------------------------------------

def test_copy_with_technology_added_is_warned(tmp_path):
    """ZC60: line 15 copied with a technology (original kept): gasoline 18 万吨 twice."""
    lines = [x + "," for x in _lines()]
    lines[0] = lines[0][:-1] + ",technology"
    lines.append("transport,汽油,18,万吨,combustion,,copy,oxidation_catalyst")
    (text,) = _caught(_write(tmp_path, lines), CopiedRowWarning)
    assert text.startswith("a.csv, rows 15 and 34, column 'technology'")


def test_copy_with_use_changed_is_warned_and_an_override_quiets_it(tmp_path):
    """ZC62: line 7 copied as non_energy (raw coal 95 万吨 under two uses)."""
    row = "non_metallic_minerals,原煤,95,万吨,non_energy,,copy"
    (text,) = _caught(_write(tmp_path, [*_lines(), row]), CopiedRowWarning)
    assert text.startswith("a.csv, rows 7 and 34, column 'use'")
    lines = [x + "," for x in _lines()]
    lines[0] = lines[0][:-1] + ",plausibility"
    lines.append(row + ",override: two kilns of one output")
    assert _caught(_write(tmp_path, lines), CopiedRowWarning) == []


def test_coal_kind_under_raw_coal_is_warned_and_one_above_it_is_not(tmp_path):
    """ZC76: bituminous 600 万吨 <= raw coal 900 万吨 in thermal_power: a 其中 line; 1000
    万吨 > 900 cannot be part of it: quiet."""
    (text,) = _caught(_write(tmp_path, [*_lines(), "thermal_power,烟煤,600,万吨,combustion,,"]),
                      CopiedRowWarning)
    assert text.startswith("a.csv, rows 2, 34, column 'fuel'")
    assert _caught(_write(tmp_path, [*_lines(), "thermal_power,烟煤,1000,万吨,combustion,,"]),
                   CopiedRowWarning) == []


def test_sample_has_no_copied_rows(tmp_path):
    """Import 60 and export 60 of electricity (one sector, two uses; industry 190 keeps use /
    supply at 320 / 305 = 1.05) are a balance, not a copy: the carriers are not judged; nor
    is the unedited sample."""
    lines = [x.replace("transfers,电力,40,", "transfers,电力,60,")
             .replace("industry,电力,210,", "industry,电力,190,") for x in _lines()]
    assert _caught(SAMPLE, CopiedRowWarning) == []
    assert _caught(_write(tmp_path, lines), CopiedRowWarning) == []
