"""Round-9 cases V19-V24 and B04: one carrier row with a unit slip is refused (rel16).

The checks (:mod:`carbonpath.accounting.plausible_energy`) are physical: electricity and
heat supplied (generation + import) and used (consumption + export) agree within
use / supply 0.8 .. 1.1, and power and heat plants make neither too little nor more than
their fuel allows. Every expected number below is worked by hand from the sample's rows:

* sample electricity (亿千瓦时, 1 亿kWh = 100 GWh): supply = thermal 215 + solar 22 + wind 8
  + import 60 = 305; use = industry 210 + commercial 30 + residential 35 + transport 5 +
  export 40 = 320; use / supply = 1.049, inside the band.
* sample fuel of thermal_power: raw coal 900 万吨 x 20.908 GJ/t (GB/T 2589, 20,908 kJ/kg)
  = 188,172 TJ; natural gas 1.2 亿m3 x 38.931 MJ/m3 (GB/T 2589, at 0 C) x 273.15 / 293.15
  (the row is at 20 C) = 4,353.0 TJ; together 192,525.0 TJ.
* sample fuel of heat_supply: raw coal 200 万吨 x 20.908 GJ/t = 41,816 TJ; heat used:
  residential 3,500 万百万千焦 = 3,500 x 10^4 x 10^6 kJ = 35,000 TJ.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.accounting.plausible_activity import activity_plausibility
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
from carbonpath.run import dataset_inventory

ROOT = Path(__file__).resolve().parents[1] / "datasets"
SAMPLE = ROOT / "samples" / "activity_sample.csv"
KW = {"region": "CN-SD", "year": 2022, "primary_electricity": "coal_consumption",
      "coal_rate_basis": "supply"}


def _sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE)


def _inventory(df: pd.DataFrame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)  # feedstock without production
        return cp.compute_inventory(df, **KW)


def _refused(df: pd.DataFrame) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        with pytest.raises(ImplausibleValueError) as err:
            cp.compute_inventory(df, **KW)
    return err.value.problems


def test_the_bundled_sample_and_tiny_pass():
    _inventory(_sample())  # use / supply 320 / 305 = 1.049: inside 0.8 .. 1.1
    # pooled: (77,400 TJ of power + 35,000 TJ of heat) / (192,525.0 + 41,816 TJ) = 48.0 %
    ds = cp.load_dataset(ROOT / "tiny")  # liaocheng: its inventory tests (10 s here)
    assert dataset_inventory(ds) is not None  # 21,127 TJ from 2347.44 kt coal: ~43 %


def test_v21_an_import_in_wan_kwh_breaks_the_electricity_balance():
    df = _sample()
    i = df.index[(df["sector"] == "transfers") & (df["use"] == "import")][0]
    df.loc[i, "unit"] = "万千瓦时"
    # supply 245 亿 + 60 万 = 24,500 + 0.6 GWh = 24,500.6 GWh; use 32,000 GWh: 1.306 > 1.1
    (p,) = _refused(df)
    assert (p.row, p.column, p.value) == (i, "value", 60)
    assert "24,500.6 GWh" in p.message
    assert "32,000 GWh" in p.message
    assert "use / supply 1.31" in p.message
    assert "0.8 .. 1.1" in p.valid
    assert "override:" in p.valid


def test_v23_an_industry_row_in_wan_kwh_breaks_the_electricity_balance():
    df = _sample()
    i = df.index[(df["sector"] == "industry") & (df["fuel"] == "电力")][0]
    df.loc[i, "unit"] = "万千瓦时"
    # use = 0.021 + 30 + 35 + 5 + 40 = 110.021 亿 = 11,002.1 GWh; supply 30,500: 0.361 < 0.8
    (p,) = _refused(df)
    assert p.row == i  # the one row in 万千瓦时 among rows in 亿千瓦时 is named
    assert "11,002.1 GWh" in p.message
    assert "30,500 GWh" in p.message


def test_v22_a_solar_row_in_wan_kwh_leaves_the_band():
    df = _sample()
    i = df.index[df["sector"] == "solar_power"][0]
    df.loc[i, "unit"] = "万千瓦时"
    # supply 283 亿 + 0.0022 = 28,300.2 GWh; use 32,000 GWh: use / supply 1.131 > 1.1
    (p,) = _refused(df)
    assert p.row == i
    assert "28,300.2 GWh" in p.message


def test_v20_thermal_generation_in_wan_kwh_is_an_impossible_efficiency():
    df = _sample()
    i = df.index[(df["sector"] == "thermal_power") & (df["fuel"] == "电力")][0]
    df.loc[i, "unit"] = "万千瓦时"
    # 215 万kWh = 2.15 GWh = 7.74 TJ from 192,525.0 TJ: 0.0040 % < 10 %; and the balance:
    # supply 90 亿 + 0.0215 = 9,002.15 GWh against 32,000 GWh
    problems = _refused(df)
    assert [p.row for p in problems] == [i, i]
    text = " ".join(p.message for p in problems)
    assert "7.74 TJ" in text
    assert "192,525 TJ" in text
    assert "0.004%" in text
    assert "9,002.15 GWh" in text


@pytest.mark.parametrize(("unit", "tj"), [("GJ", "3.5"), ("百万千焦", "3.5")])
def test_v19_v24_heat_far_below_the_heat_plants_fuel_is_refused(unit, tj):
    # 3,500 GJ = 3.5 TJ; 3,500 百万千焦 = 3,500 x 10^6 kJ = 3.5 TJ; heat plants burn
    # 41,816 TJ: 3.5 / 41,816 = 0.0084 % < 50 %
    df = _sample()
    i = df.index[df["fuel"] == "热力"][0]
    df.loc[i, "unit"] = unit
    (p,) = _refused(df)
    assert (p.row, p.value) == (i, 3500)
    assert f"{tj} TJ of heat" in p.message
    assert "41,816 TJ" in p.message
    assert "0.008%" in p.message


def _heat_plant(heat_tj: float) -> pd.DataFrame:
    return pd.DataFrame({
        "sector": ["heat_supply", "heat_supply", "residential"],
        "fuel": ["raw_coal", "heat", "heat"], "value": [100.0, heat_tj, heat_tj],
        "unit": ["kt", "TJ", "TJ"], "use": ["combustion", "generation", "consumption"]})


def test_heat_beyond_the_first_law_is_refused_and_below_it_accepted():
    # 100 kt raw coal x 20.908 GJ/t = 2,090.8 TJ; 1.1 x 2,090.8 = 2,299.9 TJ at most
    (p,) = _refused(_heat_plant(2400.0))  # 114.8 %
    assert p.row == 1
    assert "114.8%" in p.message
    _inventory(_heat_plant(2200.0))  # 105.2 %: a condensing boiler's NCV efficiency


def test_an_override_accepts_the_slip_with_a_warning():
    df = _sample()
    i = df.index[(df["sector"] == "transfers") & (df["use"] == "import")][0]
    df.loc[i, "unit"] = "万千瓦时"
    df["plausibility"] = ""
    df.loc[i, "plausibility"] = "override: the import was cut that year"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.compute_inventory(df, **KW)
    assert any("accepted by an explicit plausibility override" in str(w.message)
               and "electricity balance" in str(w.message) for w in caught)


def test_b04_a_balance_sheet_with_its_electricity_header_in_wan_is_refused(tmp_path):
    # the sample balance's electricity column read as 万千瓦时 (numbers still in 亿): the
    # thermal plants make 190 万kWh = 6.84 TJ from their coal and gas
    path = tmp_path / "b04.csv"
    text = (ROOT / "samples" / "energy_balance_sample.csv").read_text(encoding="utf-8")
    assert "电力(亿千瓦时)" in text
    path.write_text(text.replace("电力(亿千瓦时)", "电力(万千瓦时)"), encoding="utf-8")
    bs = cp.read_energy_balance(path, region="CN-SD", year=2022)
    act = cp.read_activity(bs.activity, region="CN-SD", year=2022, name="b04.csv")
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(act, **KW)
    (p,) = err.value.problems
    assert p.value == 190
    assert "6.84 TJ" in p.message
    assert "thermal_power" in p.message


# -- the kind as a whole: a x10^4 slip of any one carrier row ----------------------------

def _carrier_rows(df: pd.DataFrame) -> list[int]:
    return [int(i) for i in df.index[df["fuel"].isin(["电力", "热力", "electricity", "heat"])
                                     & (df["value"] > 0)]]


TINY = pd.read_csv(ROOT / "tiny" / "activity.csv")
SAMPLE_DF = _sample()
CASES = [("tiny", i) for i in _carrier_rows(TINY)] + [
    ("sample", i) for i in _carrier_rows(SAMPLE_DF)]
_BASE: dict = {}


def _base(name: str):
    """The dataset's activity frame and the energy frame of its fuel rows (unchanged by a
    slip in a carrier row), computed once."""
    if name not in _BASE:
        df = TINY if name == "tiny" else SAMPLE_DF
        kw = {"region": "CN-SD", "year": 2022, "primary_electricity": "coal_consumption",
              "coal_rate_basis": "supply"}
        _BASE[name] = (df, _inventory(df).energy if name == "sample"
                       else cp.compute_inventory(df, **kw).energy)
    return _BASE[name]


@given(case=st.sampled_from(CASES), up=st.booleans())
def test_a_x1e4_slip_of_one_carrier_row_is_refused_where_physics_can_see_it(case, up):
    """Up: always refused (its side grows 10^4 times past the other). Down: refused when
    the row is a plant's output (thermal generation, the heat the plants make) or holds at
    least 30 % of its side: with use / supply r0 in 0.8 .. 1.1, use falling by 30 % gives
    r0 x 0.7 <= 0.77 < 0.8, supply falling by 30 % gives r0 / 0.7 >= 1.14 > 1.1. A smaller
    row (wind 8 of 305 亿kWh) slipped down stays inside the band: only a per-sector range
    could see it (docs/activity.md)."""
    name, i = case
    df, energy = _base(name)
    side = df["use"].isin(["consumption", "export"]) == (df.loc[i, "use"] in (
        "consumption", "export"))
    same = df[side & (df["fuel"] == df.loc[i, "fuel"])]
    share = df.loc[i, "value"] / same["value"].sum()  # one unit per carrier in each file
    output = df.loc[i, "sector"] == "thermal_power" or df.loc[i, "fuel"] in ("热力", "heat")
    slipped = df.copy()
    slipped.loc[i, "value"] = df.loc[i, "value"] * (1e4 if up else 1e-4)
    act = cp.read_activity(slipped, region="CN-SD", year=2022)
    if up or output or share >= 0.3:
        with pytest.raises(ImplausibleValueError):
            activity_plausibility(act.data, energy, {}, "frame")


# -- I20, the inventory side: production against its sector's energy ---------------------

PRODUCTION = ROOT / "samples" / "production_sample.csv"


def _production(tmp_path: Path, old: str, new: str, extra: str = "") -> Path:
    text = PRODUCTION.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "p.csv"
    path.write_text(text.replace(old, new) + extra, encoding="utf-8")
    return path


def test_i20_clinker_in_tonnes_for_wan_tonnes_is_refused(tmp_path):
    # clinker_kiln (bundled catalogue): 3.2 GJ/t of coal and 0.03 MWh/t. 450 t need
    # 1,440 GJ = 1.44 TJ of fuel; non_metallic_minerals burns 95 万吨 raw coal x 20.908 GJ/t
    # = 19,862.6 TJ: 1.44 / 19,862.6 = 0.0072 % < 0.01 % (electricity: 0.0486 TJ of
    # industry's 75,600 TJ, less still). 450 万吨 need 14,400 TJ (72 %): accepted.
    path = _production(tmp_path, "cement_clinker,450,万吨", "cement_clinker,450,吨")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        with pytest.raises(ImplausibleValueError) as err:
            cp.compute_inventory(SAMPLE, production=path, **KW)
    (p,) = err.value.problems
    assert (p.file, p.row, p.column, p.value) == ("p.csv", 2, "value", 450)
    assert "1.44 TJ of fuel" in p.message
    assert "19,862.6 TJ" in p.message
    assert "0.0072%" in p.message
    inv = cp.compute_inventory(SAMPLE, production=PRODUCTION, **KW)
    assert inv.total("CO2").to("Mt CO2").magnitude > 0


def test_aluminium_ten_times_too_large_is_refused_and_an_override_accepts_it(tmp_path):
    # al_smelter_prebake: 13.5 MWh/t x 3.6 = 48.6 GJ/t of electricity; 600 万吨 need
    # 291,600 TJ; non_ferrous_metals has no electricity row, industry above it 210 亿kWh =
    # 75,600 TJ: 3.86x > 2x. (60 万吨, the sample's, need 29,160 TJ: 0.39x.)
    path = _production(tmp_path, "primary_aluminium_prebake,60,", "primary_aluminium_prebake,600,")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        with pytest.raises(ImplausibleValueError) as err:
            cp.compute_inventory(SAMPLE, production=path, **KW)
    (p,) = err.value.problems
    assert p.row == 5
    assert "3.9x its electricity" in p.message
    assert "291,600 vs 75,600 TJ" in p.message
    frame = pd.read_csv(path)
    frame["plausibility"] = ""
    frame.loc[frame["product"] == "primary_aluminium_prebake", "plausibility"] = "override: x"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.compute_inventory(SAMPLE, production=frame, **KW)
    assert any("accepted by an explicit plausibility override" in str(w.message)
               and "3.9x" in str(w.message) for w in caught)
