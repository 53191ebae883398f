"""init refuses production quantities implausible against the balance (round 9: I20, I21).

Hand calculations (catalogue: clinker_kiln 110 kgce/t = 3.22 GJ fuel/t and 0.055 MWh/t;
primary_aluminium_prebake 13.5 MWh/t; sample balance, line 1.工业: 150 亿千瓦时 = 1.5e7 MWh
of electricity, and over 5e7 GJ of heat from its coal, coke, gas and 1500 万百万千焦):

* I21: 600 万吨 aluminium x 13.5 MWh/t = 8.1e7 MWh = 5.4x the industry's 1.5e7 MWh, more
  than the 2x allowed (the sample's 60 万吨 need 0.54x).
* I20: 450 t clinker x at most 3.22 GJ/t useful heat = 1 449 GJ < 2.9e-5 of 5e7 GJ, and
  450 x 0.055 = 24.75 MWh = 1.65e-6 of 1.5e7 MWh: both under the 1e-4 floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
from carbonpath.init import init_dataset
from tests.init_sample import SAMPLE, SAMPLES


def _production(tmp_path: Path, old: str, new: str) -> dict:
    text = (SAMPLES / "production_sample.csv").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "production.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return {**SAMPLE, "production": path}


def test_i21_aluminium_digit_slip_is_refused(tmp_path):
    args = _production(tmp_path, "primary_aluminium_prebake,60,万吨",
                       "primary_aluminium_prebake,600,万吨")
    with pytest.raises(ImplausibleValueError, match=r"5\.\dx the balance's industry_power"):
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o", **args)


def test_i21_accepted_with_allow_implausible_says_so(tmp_path):
    args = _production(tmp_path, "primary_aluminium_prebake,60,万吨",
                       "primary_aluminium_prebake,600,万吨")
    with pytest.warns(CarbonpathWarning, match="industry_power"):
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o",
                     allow_implausible=True, **args)
    readme = (tmp_path / "o" / "README.md").read_text(encoding="utf-8")
    assert "accepted as given (allow_implausible)" in readme


# 450 t of clinker also warns (round 31 S20's floor) before the refusal
@pytest.mark.filterwarnings("ignore::carbonpath.accounting.plausible_output.TinyOutputWarning")
def test_i20_clinker_in_tonnes_for_wan_tonnes_is_refused(tmp_path):
    args = _production(tmp_path, "cement_clinker,450,万吨", "cement_clinker,450,吨")
    with pytest.raises(ImplausibleValueError, match="cement_clinker: 450 t/yr") as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o", **args)
    assert "production.csv, row 2, column 'value'" in str(info.value)  # clinker is line 2
