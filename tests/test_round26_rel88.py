"""Round 26 (tester MB) cases MB25 MB57 MB58 MB96 MB97 MB67: silent model inputs.

Hand figures (tiny: parameters.csv has 23 lines, header = line 1, so an appended row is row
24; flows.csv has 6 lines; 1 MWh = 3.6 GJ):

* MB25: a coal unit's 2 %/min is 0.02 x 60 = 1.2 of its capacity an hour; typed as
  ``0.02,1/h`` it is 2 %/h, under the 10 %/h (0.1/h) below which a rate is warned of.
  ``2,%/min`` reads as 1.2/h: quiet.
* MB97: tiny's coal plant ran 5,868.6 GWh on 1,000 MW in 2024: 5,868.6 h. A
  max_full_load_hours of 550 h/yr is 5,868.6 / 550 = 1/10.67 of it (warned); 5,500 h/yr is
  0.94 of it (quiet).
* MB57: an electrolyser counted by the electricity it takes (1 MWh/MWh = 3.6 GJ) making
  0.2 t of hydrogen per MWh makes 0.2 x 119.96 = 23.99 GJ (LHV), 666 % of 3.6 GJ: refused;
  at 100 % it makes 3.6 / 119.96 = 0.03001 t/MWh. 0.02 t/MWh (50 kWh/kg) is 66.6 %: quiet.
* MB58: an electric boiler counted by its heat (GJ) taking 0.0278 MWh/GJ = 0.1 GJ/GJ makes
  1 / 0.1 = 9.99 times its electricity (a COP above 7): warned; 0.278 MWh/GJ is a COP of
  1 / (0.278 x 3.6) = 0.999: quiet.
* MB96: an electric steam boiler counted by its electricity (MWh) making 13 t of steam per
  MWh makes at least 13 x 2.2 = 28.6 GJ (steam at its least heat, 2.2 GJ/t) from 3.6 GJ: a
  COP of 7.94: warned; 1.3 t/MWh is at least 2.86 GJ (0.79): quiet.
* MB67: grid_import fixed (min = max activity) at 500 GWh/yr in 2026 and 0.5 GWh/yr in 2030
  falls to 1/1000: warned, with x1000 (500 GWh/yr) named; 400 GWh/yr in 2030 (0.8) is quiet.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbonpath import DataError, ImplausibleValueError, load_dataset
from carbonpath.dataset.carrier_rates import CarrierRateWarning, carrier_rate_problems
from carbonpath.dataset.generation import FullLoadHoursWarning
from carbonpath.dataset.operations import RampRateWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning
from carbonpath.dataset.uncertainty import load_uncertainty
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _append(folder, name, *lines):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def _caught(folder, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in caught if issubclass(w.category, category)]


def test_mb25_a_ramp_rate_per_minute_typed_per_hour_is_warned_of(tiny):
    _append(tiny, "parameters.csv", "coal_power,ramp_rate,,0.02,1/h,x")
    (text,) = _caught(tiny, RampRateWarning)
    assert "parameters.csv, row 24" in text
    assert "0.02/h" in text
    assert "write 1.2 with unit 1/h" in text


def test_mb25_a_ramp_rate_in_percent_per_minute_is_quiet(tiny):
    _append(tiny, "parameters.csv", "coal_power,ramp_rate,,2,%/min,x")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_mb97_a_full_load_hours_cap_a_tenth_of_the_base_years_is_warned_of(tiny):
    _append(tiny, "parameters.csv", "coal_power,max_full_load_hours,,550,h/yr,x")
    (text,) = _caught(tiny, FullLoadHoursWarning)
    assert "parameters.csv, row 24" in text
    assert "1/10.7 of the 5,869 h it ran in 2024" in text
    assert "5,500 h/yr would be 0.94 times" in text


def test_mb97_a_cap_near_the_base_years_hours_is_quiet(tiny):
    _append(tiny, "parameters.csv", "coal_power,max_full_load_hours,,5500,h/yr,x")
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def _electrolyser(folder, rate):
    _append(folder, "commodities.csv", "hydrogen,Hydrogen,t,annual,hydrogen,hydrogen,x")
    _append(folder, "technologies.csv",
            "h2_supply,Hydrogen purchases,industry,import,annual,t/yr,t,false,false,,,x",
            "electrolyser,Electrolyser,industry,conversion,timeslice,MW,MWh,true,false,,,x")
    _append(folder, "flows.csv", "h2_supply,hydrogen,output,1,t/t,x",
            "electrolyser,electricity,input,1,MWh/MWh,x",
            f"electrolyser,hydrogen,output,{rate},t/MWh,x")
    _append(folder, "parameters.csv", "h2_supply,variable_cost,,30000,CNY/t,x",
            "h2_supply,activity,2024,500,t/yr,x", "electrolyser,lifetime,,20,yr,x")
    _append(folder, "demands.csv", "hydrogen,2024,500,t/yr,,x", "hydrogen,2030,1000,t/yr,,x")


def test_mb57_hydrogen_made_from_less_electricity_than_its_energy_is_refused(tiny):
    _electrolyser(tiny, 0.2)
    with pytest.raises(ImplausibleValueError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("flows.csv", 9, "value")
    assert "666%" in p.message
    assert "0.02 t/MWh (x10) would give an efficiency of 67%" \
        in p.message
    assert "at most 0.03001 t/MWh" in p.valid


def test_mb57_an_electrolyser_at_50_kwh_per_kg_is_quiet(tiny):
    _electrolyser(tiny, 0.02)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def _boiler(folder, heat_unit, electricity, output):
    kind_row = ("heat,Heat,GJ,annual,heat,heat,x" if heat_unit == "GJ"
                else "heat,Steam,t,annual,heat,,x")
    _append(folder, "commodities.csv", kind_row)
    act = heat_unit if electricity != 1 else "MWh"
    _append(folder, "technologies.csv",
            f"heat_supply,Heat purchases,heat_supply,import,annual,{heat_unit}/yr,{heat_unit},"
            "false,false,,,x",
            f"eboiler,Electric boiler,heat_supply,conversion,timeslice,MW,{act},true,false,,,x")
    _append(folder, "flows.csv", f"heat_supply,heat,output,1,{heat_unit}/{heat_unit},x",
            f"eboiler,electricity,input,{electricity},MWh/{act},x",
            f"eboiler,heat,output,{output},{heat_unit}/{act},x")
    _append(folder, "parameters.csv", f"heat_supply,variable_cost,,60,CNY/{heat_unit},x",
            f"heat_supply,activity,2024,1000000,{heat_unit}/yr,x", "eboiler,lifetime,,20,yr,x")
    _append(folder, "demands.csv", f"heat,2024,1000000,{heat_unit}/yr,,x",
            f"heat,2030,1200000,{heat_unit}/yr,,x")


def test_mb58_heat_at_a_cop_of_ten_from_electricity_is_warned_of(tiny):
    _boiler(tiny, "GJ", 0.0278, 1)
    (text,) = _caught(tiny, CarrierRateWarning)
    assert text.startswith("flows.csv, row 8, column value: 'eboiler'")
    assert "coefficient of performance of 9.99" in text
    assert "0.278 MWh/GJ (x10) would give a COP of 1" in text


def test_mb58_an_electric_boiler_at_98_percent_is_quiet(tiny):
    _boiler(tiny, "GJ", 0.278, 1)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def test_mb96_steam_counted_in_tonnes_from_electricity_is_judged_at_its_least_heat(tiny):
    _boiler(tiny, "t", 1, 13)
    (text,) = _caught(tiny, CarrierRateWarning)
    assert text.startswith("flows.csv, row 9, column value: 'eboiler'")
    assert "coefficient of performance of 7.94" in text
    assert "steam at 2.2 GJ/t" in text
    assert "1.3 t/MWh (x10)" in text


def test_mb96_an_electric_steam_boiler_at_1_3_t_per_mwh_is_quiet(tiny):
    _boiler(tiny, "t", 1, 1.3)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


def _fixed_imports(folder, last):
    edit(folder, "parameters.csv", "grid_import,max_activity,,1000,GWh/yr",
         "grid_import,max_activity,2026,500,GWh/yr")
    _append(folder, "parameters.csv", f"grid_import,max_activity,2030,{last},GWh/yr,x",
            "grid_import,min_activity,2026,500,GWh/yr,x",
            f"grid_import,min_activity,2030,{last},GWh/yr,x")


def test_mb67_a_fixed_trajectory_falling_a_thousandfold_is_warned_of(tiny):
    _fixed_imports(tiny, 0.5)
    found = [t for t in _caught(tiny, SeriesSlipWarning) if "fixes" in t]
    assert len(found) == 1
    assert found[0].startswith("parameters.csv, row 26 and row 24: grid_import min_activity"
                               " = max_activity fixes 0.5 GWh/yr in 2030, 1/1,000 of the 500")
    assert "x1000, 500 GWh/yr" in found[0]


def test_mb67_a_fixed_trajectory_falling_a_fifth_is_quiet(tiny):
    _fixed_imports(tiny, 400)
    assert not [t for t in _caught(tiny, SeriesSlipWarning) if "fixes" in t]


def test_mb57_an_uncertainty_range_making_hydrogen_from_nothing_is_refused(tiny):
    # the electrolyser's 0.02 t/MWh (66.6 %) sampled up to x2 stays at 133 % of its 3.6 GJ
    # of electricity at the high end (0.04 x 119.96 = 4.80 GJ): the range is refused there
    _electrolyser(tiny, 0.02)
    _append(tiny, "uncertainty.csv",
            "h2_rate,flows,electrolyser,,hydrogen,,,,,,relative,uniform,0.5,,2,,,,,1,,x")
    dataset = load_dataset(tiny)
    with pytest.raises(DataError) as err:
        load_uncertainty(dataset)
    p = only_problem(err)
    assert (p.file, p.column) == ("uncertainty.csv", "high")
    assert "flows.csv row 9" in p.message
    assert "133%" in p.message


@settings(max_examples=60, deadline=None)
@given(rate=st.floats(0.001, 1.0))
def test_carrier_rates_refuse_hydrogen_exactly_above_the_electricitys_energy(rate):
    # 1 MWh of electricity is 3.6 GJ; rate t of hydrogen is rate x 119.96 GJ (LHV): refused
    # exactly when rate x 119.96 > 3.6, i.e. above 0.03001 t/MWh
    tables = {
        "technologies": pd.DataFrame([{"technology": "ely", "kind": "conversion",
                                       "sector": "industry", "nonfossil": False,
                                       "activity_unit": "MWh"}]),
        "commodities": pd.DataFrame([
            {"commodity": "electricity", "unit": "MWh", "kind": "electricity",
             "fuel": "electricity"},
            {"commodity": "hydrogen", "unit": "t", "kind": "hydrogen", "fuel": "hydrogen"}]),
        "flows": pd.DataFrame([
            {"technology": "ely", "commodity": "electricity", "direction": "input",
             "value": 1.0, "unit": "MWh/MWh"},
            {"technology": "ely", "commodity": "hydrogen", "direction": "output",
             "value": rate, "unit": "t/MWh"}], index=[2, 3]),
    }
    found = carrier_rate_problems(tables, lambda table, line: {"file": "flows.csv",
                                                               "row": line}, "")
    energy_out = rate * 119.96
    if energy_out > 3.6 * (1 + 1e-5):
        assert [p.row for p, _ in found] == [3]
    elif energy_out < 3.6 * (1 - 1e-5):
        assert found == []
