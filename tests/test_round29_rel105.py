"""Round 29 (tester KE), fixer rel105: the grid drivers and the base year's drivers.

KE14: GDP and population both x10 (CO2 per person); KE19: the population row's year
slipped (the row named); KE58: a grid factor beside the same year's non-fossil share;
KE76/KE77: a share that jumps between two declared years; KE78: a coal rate below any
coal fleet. Expected values are computed by hand in each test.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.dataset.absolute import UnusualDriverWarning
from carbonpath.dataset.intensity_band import UnusualIntensityWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning, warn_driver_series
from carbonpath.errors import DataError
from carbonpath.init.driver_checks import warn_base_intensity
from carbonpath.init.inputs import read_drivers
from tests.conftest import TINY, assert_no_carbonpath_warnings, edit, only_problem


def _caught(call, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(*args)
    return caught


def _of(caught, category):
    return [str(w.message) for w in caught if issubclass(w.category, category)]


def _drivers(*rows):
    """A drivers frame as init writes it: driver, year, value, unit; row i is file row i + 2."""
    return pd.DataFrame(list(rows), columns=["driver", "year", "value", "unit"])


def _where(i):
    return f"d.csv, row {i + 2}"


# KE19 ---------------------------------------------------------------------------------


def test_ke19_a_population_of_another_year_is_named_with_the_base_year(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("driver,year,value,unit,source\ngdp,2022,2600,亿元,s\n"
                    "population,2021,600,万人,s\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_drivers(path, 2022)
    problem = only_problem(err)
    # row 3 of the file (header row 1, gdp row 2) holds the only population row
    assert (problem.file, problem.row, problem.column, problem.value) == ("d.csv", 3, "year",
                                                                         2021)
    assert "did you mean 2022" in problem.message
    assert "2022" in problem.valid


# KE78 ---------------------------------------------------------------------------------


def test_ke78_a_coal_rate_below_any_fleet_warns_in_init_and_loader(tiny):
    # init's series check (the same function init's build calls on the series it writes)
    caught = _caught(warn_driver_series, _drivers(
        ("thermal_power_coal_rate", 2022, 300.7, "gce/kWh"),
        ("thermal_power_coal_rate", 2030, 200.0, "gce/kWh")), _where)
    texts = _of(caught, UnusualDriverWarning)
    assert len(texts) == 1
    # 1 kWh = 0.1229 kgce: 122.9 / 200 = 0.6145 -> "61% efficient"
    assert texts[0].startswith("d.csv, row 3, column 'value'")
    assert "61% efficient" in texts[0]
    # the loader: tiny's coal rate (drivers.csv row 9) typed 200
    edit(tiny, "drivers.csv", "thermal_power_coal_rate,,300", "thermal_power_coal_rate,,200")
    caught = _caught(cp.load_dataset, tiny)
    texts = _of(caught, UnusualDriverWarning)
    assert len(texts) == 1
    assert texts[0].startswith("drivers.csv, row 9, column 'value'")


def test_ke78_usual_coal_rates_are_quiet():
    caught = _caught(warn_driver_series, _drivers(
        ("thermal_power_coal_rate", 2022, 300.7, "gce/kWh"),
        ("thermal_power_coal_rate", 2030, 0.27, "kgce/kWh")), _where)  # 270 gce/kWh
    assert not _of(caught, UnusualDriverWarning)


# KE58 ---------------------------------------------------------------------------------


def test_ke58_a_grid_factor_too_low_for_its_share_warns_naming_both_rows(tiny):
    caught = _caught(warn_driver_series, _drivers(
        ("grid_emission_factor", 2030, 0.30, "t CO2/MWh"),
        ("grid_nonfossil_share", 2022, 0.36, "1"),
        ("grid_nonfossil_share", 2030, 0.30, "1")), _where)
    texts = _of(caught, UnusualDriverWarning)
    assert len(texts) == 1
    # 0.30 / (1 - 0.30) = 0.4286 t CO2/MWh of fossil power; at 0.8 the share would be
    # 1 - 0.30 / 0.8 = 0.625 (0.62 at 2 digits) or the factor 0.8 x 0.7 = 0.56
    assert texts[0].startswith("d.csv, row 2 and d.csv, row 4")
    assert "= 0.429 t" in texts[0]
    assert "0.62" in texts[0]
    assert "factor 0.56" in texts[0]
    # the loader: tiny's 2030 factor 0.50 typed 0.20 beside its 0.30 share: 0.2 / 0.7 = 0.286
    edit(tiny, "drivers.csv", "grid_emission_factor,2030,0.50", "grid_emission_factor,2030,0.20")
    texts = _of(_caught(cp.load_dataset, tiny), UnusualDriverWarning)
    assert len(texts) == 1
    assert "drivers.csv, row 6 and drivers.csv, row 8" in texts[0]
    assert "= 0.286 t" in texts[0]


# KE76, KE77 ---------------------------------------------------------------------------


@pytest.mark.parametrize(("last", "rate", "hint"), [
    (0.06, "-3.75", "probably 0.6 (x10) meant"),  # (0.06 - 0.36) / 8 = -0.0375 a year
    (0.95, "+7.38", "a later year's figure"),     # (0.95 - 0.36) / 8 = +0.07375 a year
])
def test_ke76_ke77_a_share_jump_at_the_end_of_a_series_warns(last, rate, hint):
    caught = _caught(warn_driver_series, _drivers(
        ("grid_nonfossil_share", 2022, 0.36, "1"),
        ("grid_nonfossil_share", 2030, last, "1")), _where)
    texts = _of(caught, SeriesSlipWarning)
    assert len(texts) == 1, texts
    assert texts[0].startswith("d.csv, row 3, column 'value'")
    assert f"{rate} points a year" in texts[0]
    assert hint in texts[0]


def test_ke77_a_share_jump_in_a_dataset_warns(tiny):
    # tiny: 0.20 in 2024, 0.30 -> 0.55 in 2030: (0.55 - 0.20) / 6 = +5.83 points a year
    edit(tiny, "drivers.csv", "grid_nonfossil_share,2030,0.30", "grid_nonfossil_share,2030,0.55")
    texts = _of(_caught(cp.load_dataset, tiny), SeriesSlipWarning)
    assert len(texts) == 1
    assert texts[0].startswith("drivers.csv, row 8, column 'value'")
    assert "+5.83 points a year" in texts[0]


def test_grid_series_of_real_datasets_and_init_are_quiet(tiny):
    # init's national values 0.36 (2022) .. 0.5 (2030) .. 0.6 (2035): +1.75, +2 points a year
    caught = _caught(warn_driver_series, _drivers(
        ("grid_emission_factor", 2022, 0.641, "t CO2/MWh"),
        ("grid_emission_factor", 2030, 0.641, "t CO2/MWh"),  # held flat: not judged high
        ("grid_nonfossil_share", 2022, 0.36, "1"), ("grid_nonfossil_share", 2030, 0.5, "1"),
        ("grid_nonfossil_share", 2035, 0.6, "1"), ("grid_nonfossil_share", 2060, 0.9, "1"),
        ("thermal_power_coal_rate", 2022, 300.7, "gce/kWh")), _where)
    assert not _of(caught, UnusualDriverWarning)
    assert not _of(caught, SeriesSlipWarning)
    from carbonpath.dataset.grid_drivers import grid_notes

    frame = pd.read_csv(TINY.parent / "liaocheng" / "drivers.csv")
    assert grid_notes(frame, str) == ([], [])
    with assert_no_carbonpath_warnings():
        cp.load_dataset(tiny)


# KE14 ---------------------------------------------------------------------------------


def test_ke14_gdp_and_population_both_x10_warn_at_init():
    drivers = pd.DataFrame({"driver": ["gdp", "population"], "year": [2022, 2022],
                            "value": [26000.0, 6000.0], "line": [2, 3]})
    drivers.attrs["file"] = "d.csv"
    caught = _caught(warn_base_intensity, drivers, 33580.0, 2022)
    texts = _of(caught, UnusualIntensityWarning)
    # CO2 per GDP: 33.58e6 t / 2.6e8 万元 = 0.129 t/万元, inside 0.05 .. 20: no warning;
    # CO2 per person: 33.58e6 t / 6.0e7 persons = 0.5597 t, under 1 t; /10 -> 5.6 t
    assert len(texts) == 1
    assert texts[0].startswith("d.csv, row 3: unusual base-year CO2 per person")
    assert "0.56 t CO2 a person" in texts[0]
    assert "600 万人 gives 5.6 t" in texts[0]
    assert "row 2" in texts[0]
    assert "0.129 t CO2/万元 where 1.29" in texts[0]


def test_ke14_population_x10_warns_in_the_model(tiny):
    # tiny burns 2347.44 kt of raw coal (activity.csv); at 1.8 .. 2.0 t CO2/t that is
    # 4.2 .. 4.7 Mt, over 1000 万 persons 0.42 .. 0.47 t a person (100 万: 4.2 .. 4.7 t)
    edit(tiny, "drivers.csv", "population,,100,", "population,,1000,")
    edit(tiny, "drivers.csv", "gdp,2024,1000,", "gdp,2024,10000,")
    edit(tiny, "drivers.csv", "gdp,2030,1300,", "gdp,2030,13000,")
    caught = _caught(cp.PathwayModel, cp.load_dataset(tiny), "plan")
    texts = [t for t in _of(caught, UnusualIntensityWarning) if "per person" in t]
    assert len(texts) == 1
    assert texts[0].startswith("drivers.csv, row 4")
    each = float(re.search(r"is ([0-9.]+) t CO2 a person", texts[0]).group(1))
    assert 0.42 <= each <= 0.47


def test_ke14_tiny_as_given_is_quiet(tiny):
    with assert_no_carbonpath_warnings():
        cp.PathwayModel(cp.load_dataset(tiny), "plan")
