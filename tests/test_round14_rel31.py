"""Round 14 (issue 11), accounting side: drivers and workbook values that passed silently.

Cases of /work/tester14i: I21 (grid factor driver 0.045 t CO2/MWh, below the factor tables'
0.08 floor), I61 (GDP x10: 433,333 CNY per person), I62 (a share of 0.45 with unit %,
inside a series 36 % -> 60 %), I65 (an override accepted a city row above China's whole
energy use), I12 (a real raw coal of 16.7 GJ/t refused by the bituminous range), I45
(``20℃``), I73 (``亿千瓦·时``), I67 (``init --help``).
"""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.accounting.activity.uses import _resolve_condition
from carbonpath.cli import app
from carbonpath.dataset.absolute import DRIVER_RANGES, UnusualDriverWarning, usual_per_person
from carbonpath.dataset.series_slips import (
    SPIKE,
    SeriesSlipWarning,
    driver_series_warnings,
    percent_slips,
    spikes,
)
from carbonpath.errors import ImplausibleValueError
from carbonpath.init import init_dataset
from carbonpath.init.inputs import read_drivers
from carbonpath.units import unit_factor
from tests.init_sample import BALANCE, SAMPLE


def _drivers(*rows):
    return pd.DataFrame([{"driver": d, "year": y, "value": v, "unit": u, "source": "s"}
                         for d, y, v, u in rows])


BASE = [("gdp", 2022, 2600, "亿元"), ("population", 2022, 600, "万人")]


# I21: one range per quantity ----------------------------------------------------------------

def test_i21_the_grid_factor_driver_has_the_factor_tables_floor():
    # factors/plausible_ranges.csv row 'electricity': 0.08 .. 1.5 t CO2/MWh
    bound = DRIVER_RANGES["grid_emission_factor"]
    assert (bound.low, bound.high, bound.unit) == (0.08, 1.5, "t CO2/MWh")
    with pytest.raises(ImplausibleValueError) as err:  # init --drivers: 0.045 (x1/10)
        read_drivers(_drivers(*BASE, ("grid_emission_factor", 2030, 0.045, "t CO2/MWh")), 2022)
    assert "0.08 .. 1.5 t CO2/MWh" in str(err.value)
    assert "row 4" in str(err.value)
    # 45 kg CO2/MWh is the same slip in another unit
    with pytest.raises(ImplausibleValueError):
        read_drivers(_drivers(*BASE, ("grid_emission_factor", 2030, 45, "kg CO2/MWh")), 2022)
    read_drivers(_drivers(*BASE, ("grid_emission_factor", 2030, 0.08, "t CO2/MWh")), 2022)


def test_i21_the_coal_rate_driver_has_the_factor_tables_range():
    # 122.9 gce/kWh is 100 % efficiency (3.6 MJ/kWh / 29.3076 MJ/kgce), the tables' floor
    bound = DRIVER_RANGES["thermal_power_coal_rate"]
    assert (bound.low, bound.high) == (122.9, 600.0)
    assert pytest.approx(bound.low, abs=0.1) == 3.6 / 29.3076 * 1000  # 122.84


# I62: one year far off its neighbours -------------------------------------------------------

# consecutive declared values within x1.8 (a real driver series moves far less); x2 would
# put a x10 slip exactly on the x5 threshold, where rounding decides
smooth = st.lists(st.floats(0.55, 1.8), min_size=2, max_size=10)


@given(smooth, st.floats(0.01, 1e4), st.data())
def test_a_smooth_series_is_quiet_and_one_slipped_year_is_found(steps, start, data):
    values = [start]
    for r in steps:
        values.append(values[-1] * r)
    assert spikes(values) == []
    i = data.draw(st.integers(1, len(values) - 2))
    slip = data.draw(st.sampled_from([10.0, 100.0, 0.1, 0.01]))
    slipped = [*values[:i], values[i] * slip, *values[i + 1:]]
    found = dict(spikes(slipped))
    assert list(found) == [i]
    # the ratio to the nearer neighbour: x10 over a neighbour at most x1.8 off is >= 5.5
    assert found[i] >= SPIKE if slip > 1 else found[i] <= 1 / SPIKE


def test_a_share_in_percent_below_one_beside_shares_above():
    # 36 %, 0.45 % (meant 45 %), 60 %: 0.45 is < 1 and 36 >= 10 x 0.45
    assert percent_slips([36, 0.45, 60], ["%", "%", "%"]) == [(1, 60.0)]
    # at the end of a series too, and beside a fraction (0.6 = 60 %)
    assert percent_slips([0.36, 0.45], ["1", "%"]) == [(1, 36.0)]
    # a small share, smooth: no neighbour to compare with, so percent_slips stays quiet;
    # for a grid's non-fossil share, low_share_rows warns of it (round 20, X01:
    # no Chinese grid is under 1 %)
    assert percent_slips([0.5, 0.8, 0.9], ["%"] * 3) == []
    assert percent_slips([0.45, 0.6], ["1", "1"]) == []  # fractions


def test_the_loader_check_names_the_file_row_and_neighbours():
    frame = pd.DataFrame({"driver": ["grid_nonfossil_share"] * 3 + ["gdp"] * 2,
                          "year": [2025, 2030, 2035, 2025, 2030],
                          "value": [36, 0.45, 60, 100, 130],
                          "unit": ["%", "%", "%", "亿元", "亿元"]}, index=[2, 3, 4, 5, 6])
    out = driver_series_warnings(frame, lambda line: f"drivers.csv, row {line}")
    assert len(out) == 1
    assert out[0].startswith("drivers.csv, row 3: driver grid_nonfossil_share: 0.45 % in 2030")
    assert "45 %" in out[0]
    assert "beside 60 %" in out[0]
    # a grid factor 0.5 -> 0.09 -> 0.4: 0.09 / 0.4 = 1/4.4, not off both by x5: quiet
    calm = pd.DataFrame({"driver": ["grid_emission_factor"] * 3, "year": [2025, 2030, 2035],
                         "value": [0.5, 0.09, 0.4], "unit": ["t CO2/MWh"] * 3})
    assert driver_series_warnings(calm, str) == []
    calm.loc[1, "value"] = 0.06  # 0.4 / 0.06 = 6.7 and 0.5 / 0.06 = 8.3: a dip
    (text,) = driver_series_warnings(calm, str)
    assert "1/6.67 of both" in text


def test_i62_init_warns_of_a_share_dip_in_the_series_it_writes(tmp_path):
    # the user's 2023 share 0.45 % (0.0045) between init's national 2022 0.36 and 2030 0.5
    path = tmp_path / "drivers.csv"
    path.write_text(SAMPLE["drivers"].read_text(encoding="utf-8").rstrip("\n")
                    + "\ngrid_nonfossil_share,2023,0.45,%,plan\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as rec:  # beside the "mixed with national" one
        warnings.simplefilter("always")
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "drivers": path})
    (hit,) = [str(w.message) for w in rec if w.category is SeriesSlipWarning]
    # round 20 (X01): init now compares the user's rows as typed (0.45 %, not 0.0045), so the
    # percent check names the slip: 0.45 % beside init's 2030 national 0.5 = 50 %
    assert hit.startswith("drivers.csv, row 4: driver grid_nonfossil_share: 0.45 % in 2023 "
                          "reads as 0.45 % (0.0045), beside 50 %")


# I61: GDP per person, the usual band --------------------------------------------------------

def test_i61_gdp_x10_warns_with_the_value_per_person():
    # 26000 亿元 / 600 万人 = 26000e8 / 600e4 = 433,333 CNY a person > 350,000
    with pytest.warns(UnusualDriverWarning, match=r"433,333 CNY per person"):
        read_drivers(_drivers(("gdp", 2022, 26000, "亿元"), ("population", 2022, 600, "万人")),
                     2022)
    with warnings.catch_warnings():  # 2600 / 600 = 43,333: quiet; a projection is not judged
        warnings.simplefilter("error")
        read_drivers(_drivers(*BASE, ("gdp", 2060, 26000, "亿元"),
                              ("population", 2060, 600, "万人")), 2022)


def test_i61_i62_the_bundled_datasets_are_quiet(liaocheng):
    # both checks on the drivers tables as loaded (a cached load skips the checks' warnings)
    for ds in (cp.load_dataset("tiny"), liaocheng):
        drivers = ds.tables["drivers"]
        assert driver_series_warnings(drivers, str) == []
        assert usual_per_person(drivers, int(ds.config["base_year"]),
                                lambda _t, line: {"file": "drivers.csv", "row": line}) == []


# I65: a national ceiling no override passes -------------------------------------------------

def test_i65_a_row_above_china_s_energy_use_is_refused_even_with_an_override(tmp_path):
    # 1,000,000 万吨 raw coal = 1e10 t x 0.7143 tce/t (GB/T 2589) = 7.14 Gtce > 6.0 Gtce
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,plausibility\n"
                    "industry,原煤,1000000,万吨,override: measured\n", encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(cp.read_activity(path, region="聊城", year=2022))
    assert "7.14 Gtce" in str(err.value)
    assert "no plausibility override" in str(err.value)
    # 100,000 万吨 = 0.714 Gtce: above the city ceiling (0.2), below China's: the override holds
    path.write_text("sector,fuel,value,unit,plausibility\n"
                    "industry,原煤,100000,万吨,override: measured\n", encoding="utf-8")
    with pytest.warns(cp.CarbonpathWarning, match="explicit plausibility override"):
        cp.compute_inventory(cp.read_activity(path, region="聊城", year=2022))


# I12: raw coal spans sub-bituminous coal ----------------------------------------------------

def _raw_coal_ncv(value):
    return pd.DataFrame([{"item": "raw_coal", "quantity": "calorific_value", "value": value,
                          "unit": "GJ/t", "basis": "net", "region": "CN", "source": "mine",
                          "status": "unverified"}])


def test_i12_a_sub_bituminous_raw_coal_is_accepted():
    # 4000 kcal/kg x 4.1868 kJ/kcal = 16.75 GJ/t: inside 11.5 x 0.95 .. 30.5 x 1.05
    table = cp.load_factors(extra=_raw_coal_ncv(4000 * 4.1868 / 1000))
    got = table.lookup("raw_coal", "calorific_value", region="CN", basis="net")
    assert got.value.to("GJ/t").magnitude == pytest.approx(16.747, abs=1e-3)
    with pytest.raises(ImplausibleValueError, match=r"11\.5 \.\. 30\.5 TJ/Gg"):
        cp.load_factors(extra=_raw_coal_ncv(10.0))  # below 10.925: still a slip


# I45, I73: how Chinese statistics print units -----------------------------------------------

def test_i45_the_degree_celsius_sign_reads_like_degree_c():
    assert _resolve_condition("20℃") == _resolve_condition("20°C") == "20C"
    assert _resolve_condition("０℃") == "0C"
    assert _resolve_condition("15 ℃") == "15C"


def test_i73_a_middle_dot_between_chinese_units_is_dropped():
    assert unit_factor("亿千瓦·时", "kWh") == pytest.approx(1e8)
    assert unit_factor("万千瓦・时", "MWh") == pytest.approx(10)  # 1e4 kWh
    assert unit_factor("GW·h", "MWh") == pytest.approx(1e3)  # pint's product, as before


def test_i67_init_help_names_production_quantities():
    out = CliRunner().invoke(app, ["init", "--help"], terminal_width=200).output
    assert "production quantities" in " ".join(out.split())


# I51, I52: an activity file of several years on the command line ----------------------------

def _two_years(tmp_path):
    path = tmp_path / "my.csv"
    path.write_text("sector,fuel,value,unit,year\n工业,原煤,10,万吨,2021\n"
                    "工业,原煤,12,万吨,2022\n", encoding="utf-8")
    return [str(path), "--region", "聊城", "--primary-electricity", "calorific"]


def test_i52_csv_without_by_writes_every_row_of_every_year(tmp_path):
    res = CliRunner().invoke(app, ["inventory", *_two_years(tmp_path), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = pd.read_csv(io.StringIO(res.output))
    co2 = rows[rows["gas"] == "CO2"].set_index("year")["value"]
    # the same factors in both years: CO2 follows the amounts, 12 / 10 万吨
    assert sorted(co2.index) == [2021, 2022]
    assert co2[2022] / co2[2021] == pytest.approx(1.2)


def test_i51_a_table_of_several_years_says_what_works(tmp_path):
    res = CliRunner().invoke(app, ["inventory", *_two_years(tmp_path), "--by", "year"])
    assert res.exit_code != 0
    text = " ".join(res.output.split())
    assert "2 years (2021, 2022)" in text
    assert "--by year --format csv" in text
    assert "give year=" not in text  # the library's advice, which the CLI cannot follow
    assert "Traceback" not in res.output
    ok = CliRunner().invoke(app, ["inventory", *_two_years(tmp_path), "--by", "year",
                                  "--format", "csv"])
    assert ok.exit_code == 0, ok.output


def test_i62_the_loader_warns_of_a_share_in_percent_beside_fractions(tmp_path):
    # tiny's grid_nonfossil_share 0.20 (2024), 0.30 (2030); a 2027 row '0.25,%' (meant 25 %)
    # is 0.0025, 1/80 of 0.20 and 1/120 of 0.30: a dip, and a % value under 1 beside 20 %
    import shutil

    from carbonpath._resources import data_path

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "drivers.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "grid_nonfossil_share,2027,0.25,%,assumption: the slip\n",
                    encoding="utf-8")
    with pytest.warns(SeriesSlipWarning) as rec:
        cp.load_dataset(folder)
    (hit,) = [str(w.message) for w in rec if w.category is SeriesSlipWarning]
    assert hit.startswith("drivers.csv, row 10: driver grid_nonfossil_share: 0.25 % in 2027")
    assert "beside 30 %" in hit  # the larger neighbour, 0.30 = 30 %
