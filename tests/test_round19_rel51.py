"""Round-19 accounting units and slips (tester T): T16, T157, T158, T108, T107, T08, T95.

Hand figures:

* T157 / T158: kt is 1,000 t and 万吨 is 10,000 t, so a row of 8 kt among raw-coal rows in
  万吨 holds 8 x 1,000 = 8,000 t = 0.8 万吨 as written, 8 万吨 if meant like the others
  (a unit 10 times smaller);
* T16: raw coal's net calorific value is 20,908 kJ/kg (GB/T 2589), so 1672.6 GJ of it is
  1672.6 / 20.908 = 80.0 t = 0.0080 万吨, and 1672.6 TJ (a unit 10^3 larger) is 80,000 t =
  8.0 万吨, among raw-coal rows of 30 .. 95 万吨;
* T108: 10^4 t is 10,000 t, so 2 of it is 20,000 t.
"""

from __future__ import annotations

import warnings

import pytest

import carbonpath as cp
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning

COAL = ("sector,fuel,value,unit,use,energy_basis\n"
        "non_metallic_minerals,原煤,95,万吨,combustion,\n"
        "chemicals,原煤,40,万吨,combustion,\n"
        "non_ferrous_metals,原煤,30,万吨,combustion,\n")


def _magnitude_warnings(tmp_path, extra):
    path = tmp_path / "a.csv"
    path.write_text(COAL + extra, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.compute_inventory(path, region="CN-SD", year=2022)
    return [str(w.message) for w in caught if issubclass(w.category, ActivityMagnitudeWarning)]


@pytest.mark.parametrize(("row", "as_written"), [
    ("residential,原煤,8,kt,combustion,\n", "0.8 万吨"),
    ("residential,原煤,30,kt,combustion,\n", "3 万吨")])
def test_t157_t158_a_row_in_kt_among_rows_in_wan_tonnes_warns(tmp_path, row, as_written):
    found = _magnitude_warnings(tmp_path, row)
    assert len(found) == 1
    text = found[0]
    value = row.split(",")[2]
    assert "a.csv, row 5, column 'unit'" in text
    assert "10 times smaller than 万吨" in text
    assert f"as written it is {as_written}" in text
    assert f"{value} 万吨" in text
    assert "rows 2, 3, 4" in text


def test_t16_an_energy_row_10_3_off_among_mass_rows_warns_naming_the_unit(tmp_path):
    found = _magnitude_warnings(tmp_path, "residential,原煤,1672.6,GJ,combustion,net\n")
    assert len(found) == 1
    text = found[0]
    assert "a.csv, row 5, column 'unit'" in text
    assert "GJ for TJ?" in text
    as_written = float(text.split("as written it is ")[1].split(" ")[0])
    assert as_written == pytest.approx(1672.6 / 20.908 / 1e4, rel=0.01)
    right = float(text.split("it would hold ")[1].split(" ")[0])
    assert right == pytest.approx(1672.6 / 20.908 / 10, rel=0.01)


@pytest.mark.parametrize("row", [
    "residential,原煤,1672.6,TJ,combustion,net\n",   # 8.0 万吨 in TJ: among them
    "residential,原煤,8,万吨,combustion,\n",          # the usual unit
    "residential,原煤,2,kt,combustion,\n",            # 0.2 万吨: 2 is under 30 / 10
    "residential,原煤,3000,吨,combustion,\n"])        # 0.3 万吨 written in 吨: fits neither way
def test_rows_that_fit_as_written_stay_quiet(tmp_path, row):
    assert _magnitude_warnings(tmp_path, row) == []
