"""Round 25 (tester MA) cases MA34 MA72 MA72c MA93 MA106 MA113 MA182: silent model inputs.

Hand figures (tiny: one representative day of 365 days, 4 timeslices of 6 h; parameters.csv
has 23 lines, header = line 1, so an appended row is row 24; profiles.csv rows 2 .. 5 are
pv's 0 / 0.3 / 0.3 / 0):

* MA34: pv's profile 0.3 in two 6-h blocks runs 0.3 x 12 h x 365 d = 1,314 full-load hours;
  1.0 (normalised to the peak) runs 4,380 h, above the 3,000 h no solar fleet reaches; 0.68
  runs 2,978.4 h (quiet) and 0.7 runs 3,066 h (warned).
* MA106: a capacity credit of 1.0 for pv, whose profile is at most 0.3, counts firm
  capacity pv has in no timeslice; 0.3 is the most it can count.
* MA72: 1.9 t CO2/kt of raw coal is 0.0019 t CO2/t, about 1/1000 of raw coal's
  ~1.9 t CO2/t (under 1 % of the tables' factor); 1,900 t CO2/kt (x1000) is the right
  reading. 0.19 t CO2/t is what a plant capturing 90 % keeps (10 %, kept).
* MA93: tiny emits 4.38 Mt CO2 in 2024 (its README), so plan.yaml's range of a cap is
  0.0438 .. 43.8 Mt; 4.5 Gt (1,027 x) and 45 Mt (10.3 x) leave it, 40 Mt (9.1 x) is in.
* MA182: a bound 'pvb' of min 500 MW of pv capacity in 2030; 5,000 GW is 10,000 x it (GW for
  MW), 4,000 MW is 8 x (in x10). A plan.yaml max of 3,000 GW (for MW) would make
  3,000 GW x 8,760 h = 26,280,000 GWh a year, 3,650 x tiny's largest electricity demand
  (7,200 GWh/yr), beyond x1000: at most 7,200 x 1000 / 8,760 = 821.9 GW.
* MA113: a store with 200 MWh of existing energy and no existing power never charges.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import (
    Q_,
    DataError,
    ImplausibleValueError,
    InfeasibleError,
    PathwayModel,
    load_dataset,
)
from carbonpath.dataset.profile_keys import AvailabilityProfileWarning
from carbonpath.dataset.role_checks import EmptyStoreWarning
from carbonpath.errors import CarbonpathWarning
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _caught(folder, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in caught if issubclass(w.category, category)]


def _pv_profile(folder, value):
    for hour in (1, 2):
        edit(folder, "profiles.csv", f"pv,typical,{hour},0.3,", f"pv,typical,{hour},{value},")


# -- MA34: an availability profile normalised to its peak -------------------------------
def test_availability_profile_above_sector_hours_warns(tiny):
    _pv_profile(tiny, "1.0")
    found = _caught(tiny, AvailabilityProfileWarning)
    assert len(found) == 1
    assert found[0].startswith("profiles.csv, rows 2 .. 5, column 'value'")
    assert "4,380 full-load hours" in found[0]
    assert "3,000 h" in found[0]


@pytest.mark.parametrize(("value", "warned"), [("0.68", False), ("0.7", True)])
def test_availability_profile_hours_boundary(tiny, value, warned):
    _pv_profile(tiny, value)  # 2,978.4 h and 3,066 h
    assert bool(_caught(tiny, AvailabilityProfileWarning)) is warned


def test_tiny_profiles_stay_quiet(tiny):
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# -- MA106: a capacity credit above the availability profile ----------------------------
def _reserves(folder):
    (folder / "reserves.csv").write_text(
        "commodity,parameter,year,value,unit,source\n"
        "electricity,margin,,0.12,1,assumption: a planning reserve\n", encoding="utf-8")


def test_capacity_credit_above_profile_refused(tiny):
    _reserves(tiny)
    _append(tiny, "parameters.csv", "pv,capacity_credit,,1.0,1,assumption: nameplate")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 24, "value")
    assert problem.valid.startswith("at most 0.3")


def test_capacity_credit_within_profile_accepted(tiny):
    _reserves(tiny)
    _append(tiny, "parameters.csv", "pv,capacity_credit,,0.3,1,assumption: toy")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# -- MA72, MA72c: a fossil fuel's CO2 factor per kt for per t ----------------------------
_ROW = "coal_power,CO2,input,coal,,{},{},assumption: plant test"


def _factor(folder, value, unit, plausibility=None):
    header = "technology,gas,basis,commodity,year,value,unit,source"
    row = _ROW.format(value, unit)
    if plausibility is not None:
        header, row = header + ",plausibility", row + f",{plausibility}"
    (folder / "emissions.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")


@pytest.mark.parametrize("scenario", ["plan", "baseline"])
def test_fossil_factor_per_kt_refused(tiny, scenario):
    _factor(tiny, 1.9, "t CO2/kt")
    if scenario == "baseline":  # MA72c: without activity.csv nothing else notices
        (tiny / "activity.csv").unlink()
    with pytest.raises(DataError) as err:
        PathwayModel(tiny, scenario=scenario)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("emissions.csv", 2, "value")
    assert "1900 t CO2/kt" in problem.message


# 90 % captured leaves tiny 0.45 Mt on 1,000 亿元 of GDP, 0.045 t/万元: below the usual
# intensity band, which round 26's UnusualIntensityWarning (KB104) rightly names
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.intensity_band.UnusualIntensityWarning")
@pytest.mark.parametrize("value", [1.9, 0.19])  # the plant's own factor; 90 % captured
def test_fossil_factor_plausible_accepted(tiny, value):
    _factor(tiny, value, "t CO2/t")
    from carbonpath.dataset.intensity_band import UnusualIntensityWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        PathwayModel(tiny, scenario="baseline")
    said = [str(w.message) for w in caught if issubclass(w.category, CarbonpathWarning)
            and not issubclass(w.category, UnusualIntensityWarning)]
    assert said == []  # the factor itself draws no notice


def test_fossil_factor_override_warns(tiny):
    _factor(tiny, 1.9, "t CO2/kt", "override: a test")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        PathwayModel(tiny, scenario="baseline")
    assert any("implausible CO2 factor of raw_coal" in str(w.message) for w in caught
               if issubclass(w.category, CarbonpathWarning))


# -- MA93: a cap update in Gt for Mt ------------------------------------------------------
@pytest.mark.parametrize("value", [Q_(4.5, "Gt CO2"), Q_(45, "Mt CO2")])
def test_cap_update_outside_plan_range_refused(tiny, value):
    model = PathwayModel(tiny, scenario="plan")
    with pytest.raises(ImplausibleValueError, match="implausible target 'cap'"):
        model.update(target="cap", value=value)


def test_cap_update_inside_range_and_override(tiny):
    model = PathwayModel(tiny, scenario="plan")
    with assert_no_carbonpath_warnings():
        model.update(target="cap", value=Q_(40, "Mt CO2"))
    with pytest.warns(CarbonpathWarning, match="accepted"):
        model.update(target="cap", value=Q_(45, "Mt CO2"), plausibility="override: a test")


# -- MA182: a bound update in GW for MW, and the diagnosis's asked value ------------------
_PVB = """  - name: pvb
    type: bound
    technology: pv
    quantity: capacity
    min: {value: 500, unit: MW}
    years: [2030]
    source: "assumption: a PV programme"
"""


def _with_bound(folder, bound="min: {value: 500, unit: MW}", extra=""):
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(_PVB.replace("min: {value: 500, unit: MW}", bound) + extra)
    edit(folder, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, pvb]")
    return PathwayModel(folder, scenario="plan")


def test_plan_bound_in_gw_for_mw_refused(tiny):
    # 3000 GW x 8760 h = 26,280,000 GWh, 3,650 x tiny's largest demand (7,200 GWh/yr)
    with pytest.raises(DataError) as err:
        _with_bound(tiny, "max: {value: 3000, unit: GW}")
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("plan.yaml", "targets.pvb.max")
    assert "3,650 times" in problem.message
    assert problem.valid.startswith("at most 821.9 GW")


def test_plan_bound_override_warns(tiny):
    with pytest.warns(CarbonpathWarning, match="accepted by an explicit plausibility"):
        _with_bound(tiny, "max: {value: 3000, unit: GW}",
                    '    plausibility: "override: a test"\n')


def test_bound_update_slip_refused_and_asked_value_diagnosed(tiny):
    model = _with_bound(tiny)
    with pytest.raises(ImplausibleValueError, match="bound target 'pvb'"):
        model.update(target="pvb", value=Q_(5000, "GW"))
    model.update(target="pvb", value=Q_(4000, "MW"))  # 8 x: in x10
    with pytest.warns(CarbonpathWarning, match="accepted"):
        model.update(target="pvb", value=Q_(5000, "GW"), plausibility="override: a test")
    with pytest.raises(InfeasibleError, match="'pvb' \\(bound\\): 5000 GW asked"):
        model.solve()


# -- MA113: a store's energy without power ------------------------------------------------
def test_store_energy_without_power_warns(tiny):
    _append(tiny, "parameters.csv", "battery,residual_energy_capacity,,200,MWh,assumption: x")
    found = _caught(tiny, EmptyStoreWarning)
    assert len(found) == 1
    assert found[0].startswith("parameters.csv, row 24")
    assert "battery,residual_capacity,,<power>,MW" in found[0]


def test_store_with_power_and_energy_quiet(tiny):
    _append(tiny, "parameters.csv", "battery,residual_capacity,,50,MW,assumption: x")
    _append(tiny, "parameters.csv", "battery,residual_energy_capacity,,200,MWh,assumption: x")
    assert _caught(tiny, EmptyStoreWarning) == []
