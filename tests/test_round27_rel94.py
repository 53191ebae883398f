"""Round 27 (tester MC) cases MC07 MC86 MC50 MC105 MC92: profile checks read the profile's unit.

The model reads a profile value written in % as that share (30 % -> 0.3); the checks of
availability and price profiles read the same numbers. Hand figures (tiny: one
representative day of 365 days, 4 timeslices of 6 h; profiles.csv rows 2 .. 5 are pv's
0 / 0.3 / 0.3 / 0; parameters.csv has 23 lines, so an appended row is row 24):

* MC07: pv at 30 % in two 6-h blocks runs 0.3 x 12 h x 365 d = 1,314 full-load hours, under
  solar's 3,000 h: quiet. Read as 30 it would be 131,400 h (the false warning). 100 %
  (a shape normalised to its peak) is 1.0 x 12 x 365 = 4,380 h: warned.
* MC86: a wind profile 40 / 30 / 20 / 40 % runs (0.4 + 0.3 + 0.2 + 0.4) x 6 h x 365 d
  = 2,847 h, under wind's 6,000 h: quiet (read as 40 .. it was 284,700 h).
* MC50: a pv capacity credit of 0.9 with the profile at most 30 % = 0.3 is refused, as with
  the profile in unit 1; a credit of 0.3 is accepted.
* MC105: a price profile 50 / 100 / 100 / 150 % has the mean (0.5 + 1 + 1 + 1.5) / 4 = 1:
  quiet (read as raw values the mean was 100).
* MC92: min_full_load_hours 1,500 h/yr of pv, whose profile allows 1,314 h, is refused at
  parameters.csv row 24 (valid: at most 1,314 h/yr); 1,300 h/yr is accepted; with the
  profile in % the bound is the same 1,314 h.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath import DataError, load_dataset
from carbonpath.dataset.profile_keys import availability_problems, warn_price_profiles
from carbonpath.init.profiles import province_profiles
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _reserves(folder):
    (folder / "reserves.csv").write_text(
        "commodity,parameter,year,value,unit,source\n"
        "electricity,margin,,0.15,1,assumption: a planning reserve\n", encoding="utf-8")


def _pv_percent(folder, value="30"):
    for hour in (1, 2):
        edit(folder, "profiles.csv", f"pv,typical,{hour},0.3,1,", f"pv,typical,{hour},{value},%,")


def test_mc07_percent_pv_profile_is_quiet(tiny):
    _pv_percent(tiny)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_mc07_percent_shape_of_peak_still_warned(tiny):
    _pv_percent(tiny, "100")
    with pytest.warns(Warning, match="4,380 full-load hours"):
        load_dataset(tiny)


def _tables(values, unit, sector="wind_power", params=None):
    techs = pd.DataFrame({"technology": ["wind"], "sector": [sector],
                          "availability_profile": ["wnd"]})
    profiles = pd.DataFrame({"profile": ["wnd"] * 4, "day": ["typical"] * 4,
                             "hour": [0, 1, 2, 3], "value": values, "unit": [unit] * 4},
                            index=range(10, 14))
    params = params if params is not None else pd.DataFrame(
        columns=["technology", "parameter", "year", "value", "unit"])
    return {"technologies": techs, "profiles": profiles, "parameters": params}


def test_mc86_percent_wind_profile_is_quiet():
    with assert_no_carbonpath_warnings():
        assert availability_problems(_tables([40, 30, 20, 40], "%"),
                                     {"typical": 365.0}, 4) == []


def test_mc92_bound_from_percent_wind_profile():
    # 2,847 h/yr from the % profile (see the module docstring): 2,900 refused, 2,800 kept
    params = pd.DataFrame({"technology": ["wind", "wind"],
                           "parameter": ["min_full_load_hours"] * 2, "year": [2025, 2030],
                           "value": [2800, 2900], "unit": ["h/yr", "h/yr"]}, index=[24, 25])
    found = availability_problems(_tables([40, 30, 20, 40], "%", params=params),
                                  {"typical": 365.0}, 4)
    assert [(p.row, p.column) for p in found] == [(25, "value")]
    assert "at most 2,847 h/yr" in found[0].valid


def test_mc50_credit_above_percent_profile_refused(tiny):
    _pv_percent(tiny)
    _reserves(tiny)
    _append(tiny, "parameters.csv", "pv,capacity_credit,,0.9,1,assumption: test")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "value")
    assert "at most 0.3" in p.valid


def test_mc50_credit_at_percent_profile_peak_accepted(tiny):
    _pv_percent(tiny)
    _reserves(tiny)
    _append(tiny, "parameters.csv", "pv,capacity_credit,,0.3,1,assumption: test")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_mc105_percent_price_profile_is_quiet():
    techs = pd.DataFrame({"technology": ["grid_import"], "price_profile": ["tou"]})
    profiles = pd.DataFrame({"profile": ["tou"] * 4, "day": ["typical"] * 4,
                             "value": [50, 100, 100, 150], "unit": ["%"] * 4})
    with assert_no_carbonpath_warnings():
        warn_price_profiles(techs, profiles, {"typical": 365.0})
    # the same numbers in unit 1 read as 50 .. 150 would be a mean of 100: still warned
    with pytest.warns(Warning, match="mean of 100"):
        warn_price_profiles(techs, profiles.assign(unit="1"), {"typical": 365.0})


def test_mc92_min_hours_above_profile_refused(tiny):
    _append(tiny, "parameters.csv", "pv,min_full_load_hours,,1500,h/yr,assumption: PPA")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "value")
    assert "1,314 full-load hours" in p.message
    assert "at most 1,314 h/yr" in p.valid


def test_mc92_min_hours_within_percent_profile_accepted(tiny):
    _pv_percent(tiny)
    _append(tiny, "parameters.csv", "pv,min_full_load_hours,,1300,h/yr,assumption: PPA")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_init_province_profile_in_percent(tmp_path):
    # a user's province table with pv in %: read as shares (30 % -> 0.3), so
    # full-load hours 0.3 x 12 h x 365 d = 1,314 h (not refused as outside 0..1)
    rows = ["profile,day,weight,hour,value,unit,source"]
    rows += [f"pv,typical,365,{h},{v},%,assumption: test" for h, v in enumerate([0, 30, 30, 0])]
    (tmp_path / "CN-SD.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = province_profiles("CN-SD", folder=tmp_path)
    assert table.full_load_hours("pv") == pytest.approx(1314.0)
    assert set(table.table["unit"]) == {"1"}


def test_init_province_profile_unit_not_a_share(tmp_path):
    rows = ["profile,day,weight,hour,value,unit,source"]
    rows += [f"pv,typical,365,{h},{v},MW,assumption: test" for h, v in enumerate([0, 3, 3, 0])]
    (tmp_path / "CN-SD.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        province_profiles("CN-SD", folder=tmp_path)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "unit"), (3, "unit"),
                                                               (4, "unit"), (5, "unit")]
