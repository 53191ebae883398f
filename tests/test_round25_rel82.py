"""Round 25 (tester25z) accounting cases Z13 Z19 Z21 Z35 Z79 Z81 Z126: results wrong in silence.

Expected values are computed by hand in each test (GB/T 2589-2020: 1 kgce = 29.3076 MJ; IPCC
2006 Vol.2 Ch.1 Eq. 1.5: CO2 = carbon x 44/12 x oxidation).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.accounting.activity.scope import GasConditionWarning
from carbonpath.accounting.decomposition_pair import IdenticalActivityWarning
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning
from carbonpath.errors import CarbonpathWarning, DataError
from carbonpath.factors.cross_check import CarbonUnitWarning
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
BALANCE = SAMPLES / "energy_balance_sample.csv"
HEAD = "item,quantity,gas,sector,technology,value,unit,basis,region,year,source,status\n"


def _factors(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "f.csv"
    path.write_text(HEAD + "".join(r + ",me,verified\n" for r in rows), encoding="utf-8")
    return path


def _caught(kind, job):
    """The messages of warnings of ``kind`` that ``job()`` gives (every warning recorded)."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        job()
    return [str(w.message) for w in record if issubclass(w.category, kind)]


# --- Z13: a CO2 emission factor of a fuel written in carbon -----------------------------

COAL = "sector,fuel,value,unit,use\nindustry,raw_coal,10,万吨,combustion\n"
NCV = "raw_coal,calorific_value,,,,20.908,GJ/t,net,CN-SD,2022"


def test_emission_factor_in_carbon_warns_with_the_carbon_content_reading(tmp_path):
    """Z13: raw coal's carbon content 26.18 t C/TJ typed as its CO2 emission factor.

    By hand: read as an emission factor, 26.18 x 44/12 = 95.99 t CO2/TJ (fully oxidised);
    10 万吨 x 20.908 GJ/t = 2,090.8 TJ -> 200,703 t CO2. As a carbon content with the bundled
    oxidation factor 0.93: 95.99 x 0.93 = 89.27 t CO2/TJ (-7.0 %), 186,654 t.
    """
    act = tmp_path / "a.csv"
    act.write_text(COAL, encoding="utf-8")
    f = _factors(tmp_path, NCV, "raw_coal,emission_factor,CO2,,,26.18,t C/TJ,,CN-SD,2022")
    out = {}

    def job():
        out["inv"] = cp.compute_inventory(act, region="CN-SD", year=2022, factors=[f])

    said = _caught(CarbonUnitWarning, job)
    assert len(said) == 1
    for part in ("f.csv line 3", "26.18 t C/TJ", "95.99 t CO2/TJ", "89.27 t CO2/TJ (-7.0%)",
                 "0.93", "carbon_content"):
        assert part in said[0]
    assert out["inv"].total("CO2").to("t CO2").magnitude == pytest.approx(
        1e5 * 20.908e-3 * 26.18 * 44 / 12, rel=1e-4)  # the row is still read as written


def test_carbon_content_and_co2_factor_in_co2_stay_quiet(tmp_path):
    """The same fuel with its factor in t CO2/TJ, or its carbon as carbon_content: no word.

    As a carbon content: 26.18 x 44/12 x 0.93 x 2,090.8 TJ = 186,654 t CO2.
    """
    act = tmp_path / "a.csv"
    act.write_text(COAL, encoding="utf-8")
    f = _factors(tmp_path, NCV, "raw_coal,emission_factor,CO2,,,95.99,t CO2/TJ,,CN-SD,2022")
    with assert_no_carbonpath_warnings():
        cp.compute_inventory(act, region="CN-SD", year=2022, factors=[f])
    f = _factors(tmp_path, NCV, "raw_coal,carbon_content,,,,26.18,t C/TJ,,CN-SD,2022",
                 "raw_coal,oxidation_factor,,,,0.93,1,,CN-SD,2022")
    with assert_no_carbonpath_warnings():
        inv = cp.compute_inventory(act, region="CN-SD", year=2022, factors=[f])
    assert inv.total("CO2").to("t CO2").magnitude == pytest.approx(
        2090.8 * 26.18 * 44 / 12 * 0.93, rel=1e-4)


# --- Z79, Z81: a standard-coal coefficient per unit of energy ----------------------------

@pytest.mark.parametrize(("row", "said"), [
    # 0.3 kgce/kWh is 0.3 / 0.1229 = 2.44 times the calorific equivalent
    ("electricity,standard_coal_coefficient,,,,0.3,kgce/kWh,,CN-SD,2022",
     "coal_rate row of 300 gce/kWh"),
    # 0.04 tce/GJ is 0.04 / 0.03412 = 1.17 times the definition
    ("heat,standard_coal_coefficient,,,,0.04,tce/GJ,,CN-SD,2022", "0.03412 tce/GJ"),
    # a fuel given in energy units: its standard coal per GJ is the same definition
    ("raw_coal,standard_coal_coefficient,,,,0.04,tce/GJ,,CN-SD,2022", "kgce/kg"),
])
def test_standard_coal_per_energy_other_than_the_definition_refused(tmp_path, row, said):
    """Z79, Z81: such a row was read, validated and never used, exit 0."""
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=_factors(tmp_path, row))
    p = err.value.problems[0]
    assert (p.file, p.row, p.column) == ("f.csv", 2, "value")
    assert "fixed by definition" in p.message
    assert said in str(err.value)


def test_standard_coal_per_energy_at_the_definition_accepted(tmp_path):
    """0.1229 kgce/kWh (GB/T 2589's print, 0.05 % above 3.6 / 29.3076 = 0.12284), 0.03412
    tce/GJ and 34.12 tce/TJ (1 / 0.0293076) are the definition written: loaded quietly."""
    f = _factors(tmp_path, "electricity,standard_coal_coefficient,,,,0.1229,kgce/kWh,,CN-SD,2022",
                 "heat,standard_coal_coefficient,,,,0.03412,tce/GJ,,CN-SD,2022",
                 "coke,standard_coal_coefficient,,,,34.12,tce/TJ,,CN-SD,2022")
    with assert_no_carbonpath_warnings():
        table = cp.load_factors(extra=f)
    user = table.rows[table.rows["layer"] == 0]
    assert sorted(user["canon"].round(2)) == [34.12, 34.12, 34.14]  # 0.1229 / 3.6e-3 = 34.14


# --- Z19, Z21: the gas condition of a balance sheet's note --------------------------------

def _balance(tmp_path: Path, note: str) -> Path:
    text = BALANCE.read_text(encoding="utf-8")
    old = ("天然气和焦炉煤气按20°C计量。Note: synthetic data for tests and docs; gas volumes at "
           "20 °C.")
    assert old in text
    path = tmp_path / "b.csv"
    path.write_text(text.replace(old, note), encoding="utf-8")
    return path


def _gas_co2(bs) -> float:
    inv = cp.compute_inventory(bs.activity, region="CN-SD", year=2022,
                               primary_electricity="calorific")
    by = inv.by("fuel").set_index("fuel")["value"]
    return float(by[["natural_gas", "coke_oven_gas"]].sum())


@pytest.mark.parametrize("note", ["天然气和焦炉煤气按标准状态(0°C)计量。",
                                  "天然气和焦炉煤气按(0°C)计量。",
                                  "天然气和焦炉煤气按标准状态（0℃）计量。"])
def test_condition_in_parentheses_is_read(tmp_path, note):
    """Z19: the note's 0 °C in parentheses was passed over and the gas read at 20 °C.

    By hand (ideal gas): a volume at 0 °C holds 293.15 / 273.15 = 1.0732 times the gas of
    the same volume at 20 °C, so the gas rows' CO2 is that much larger than the sample's.
    """
    with assert_no_carbonpath_warnings():
        bs = cp.read_energy_balance(_balance(tmp_path, note), region="CN-SD", year=2022)
    assert bs.gas_condition == "0C"
    base = cp.read_energy_balance(BALANCE, region="CN-SD", year=2022)
    assert _gas_co2(bs) == pytest.approx(_gas_co2(base) * 293.15 / 273.15, rel=1e-3)


def test_air_temperature_is_no_gas_condition(tmp_path):
    """A temperature in a clause about no gas or metering (平均气温15℃) is not read."""
    with assert_no_carbonpath_warnings():
        bs = cp.read_energy_balance(_balance(tmp_path, "全年平均气温15℃;天然气按20°C计量。"))
    assert bs.gas_condition == "20C"


@pytest.mark.parametrize(("note", "word"), [("天然气按标准状态计量。", "标准状态"),
                                            ("天然气按标准立方米计。", "标准立方米"),
                                            ("天然气按25℃计量。", "25 °C")])
def test_condition_without_temperature_warns(tmp_path, note, word):
    """Z21: 标准状态 is 0 °C to some, 20 °C to others: read at 20 °C with a word; an option
    says which, quietly."""
    path = _balance(tmp_path, note)
    said = _caught(GasConditionWarning, lambda: cp.read_energy_balance(path))
    assert len(said) == 1
    for part in (word, "read at 20 °C", "--gas-condition"):
        assert part in said[0]
    for given in ("0C", "20C"):
        with assert_no_carbonpath_warnings():
            assert cp.read_energy_balance(path, gas_condition=given).gas_condition == given


# --- Z35: decompose of one activity typed twice ------------------------------------------

ACT = ("sector,fuel,value,unit,use\nindustry,raw_coal,100,万吨,combustion\n"
       "residential,natural_gas,2,亿立方米,combustion\n"
       "transfers,electricity,10,亿千瓦时,import\ntransfers,electricity,0,亿千瓦时,export\n")
DRIVERS = ("driver,year,value,unit,price_year\npopulation,2021,500,万人,\n"
           "population,2022,502,万人,\ngdp,2021,3000,亿元,2021\ngdp,2022,3150,亿元,2021\n")


def _decompose(tmp_path: Path, end_text: str):
    start, end, drivers = tmp_path / "s.csv", tmp_path / "e.csv", tmp_path / "d.csv"
    start.write_text(ACT, encoding="utf-8")
    end.write_text(end_text, encoding="utf-8")
    drivers.write_text(DRIVERS, encoding="utf-8")
    invs = [cp.compute_inventory(p, region="CN-SD", year=y, gas_condition="20C",
                                 primary_electricity="calorific")
            for p, y in ((start, 2021), (end, 2022))]
    return lambda: cp.decompose(invs[0], invs[1], drivers)


def test_identical_activity_in_both_years_warns(tmp_path):
    """Z35: the same four rows in 2021 and 2022 (three with energy, the export 0 too)."""
    said = _caught(IdenticalActivityWarning, _decompose(tmp_path, ACT))
    assert len(said) == 1
    for part in ("s.csv, 2021", "e.csv, 2022", "all 4 rows"):
        assert part in said[0]


def test_changed_activity_is_quiet(tmp_path):
    """One number changed (coal 100 -> 98 万吨): a real change, no word."""
    job = _decompose(tmp_path, ACT.replace("raw_coal,100,", "raw_coal,98,"))
    with assert_no_carbonpath_warnings():
        job()


# --- Z126: a lone fuel in a unit 10^4 smaller than the file's other fuels ----------------

LONE = ("sector,fuel,value,unit,use\nindustry,raw_coal,100,万吨,combustion\n"
        "industry,coke,10,万吨,combustion\ntransport,diesel,5,万吨,combustion\n"
        "commercial,液化石油气,{lpg},combustion\n")


def test_lone_fuel_in_tonnes_among_wan_tonnes_warns(tmp_path):
    """Z126: commercial LPG ``1.2,吨``, its only row, among mass rows all in 万吨.

    By hand: 1.2 t x 1.7143 kgce/kg (GB/T 2589) = 2.06 tce; raw coal 100 万吨 x 0.7143 =
    714,300 tce; 2.06 / 714,300 = 2.9e-6 < 1e-4. Read in 万吨: 20,572 tce, 0.029 of the coal.
    """
    path = tmp_path / "a.csv"
    path.write_text(LONE.format(lpg="1.2,吨"), encoding="utf-8")
    said = _caught(ActivityMagnitudeWarning,
                   lambda: cp.compute_inventory(path, region="CN-SD", year=2022))
    assert len(said) == 1
    assert "rows 5, column 'unit': lpg" in said[0]
    for part in ("2.06 tce", "吨 for 万吨", "0.029 of it"):
        assert part in said[0]


@pytest.mark.parametrize("lpg", ["1.2,万吨", "3500,吨", "0.5,吨"])
def test_lone_fuel_of_plausible_size_is_quiet(tmp_path, lpg):
    """1.2 万吨 (the right unit); 3,500 t = 6,000 tce, 8.4e-3 of the coal (a real small fuel);
    0.5 t, written under 1 (a genuinely tiny amount): no word."""
    path = tmp_path / "a.csv"
    path.write_text(LONE.format(lpg=lpg), encoding="utf-8")
    with assert_no_carbonpath_warnings():
        cp.compute_inventory(path, region="CN-SD", year=2022)


def test_dataframe_user_factors_carbon_warning_names_the_row():
    """Z13 through the API with a DataFrame: the row is named by its table row."""
    df = pd.DataFrame([{"item": "raw_coal", "quantity": "emission_factor", "gas": "CO2",
                        "value": 26.18, "unit": "t C/TJ", "region": "CN-SD", "source": "me",
                        "status": "verified"}])
    said = _caught(CarbonpathWarning, lambda: cp.load_factors(extra=df))
    assert [s for s in said if "is written in carbon" in s]


def test_dataset_input_co2_factor_in_carbon_warns(tiny):
    """Z13's kind in a dataset: an ``emissions.csv`` input CO2 factor of raw coal in carbon.

    By hand: raw coal's carbon per t, 20.908 GJ/t x 26.18 t C/TJ = 0.5474 t C/t, is read as
    0.5474 x 44/12 = 2.007 t CO2/t; as a carbon content with China's 0.93: 1.867 t CO2/t.
    """
    rows = "technology,gas,basis,commodity,year,value,unit,source\n"
    (tiny / "emissions.csv").write_text(rows + "coal_power,CO2,input,coal,,0.5474,t C/t,me\n",
                                        encoding="utf-8")
    said = _caught(CarbonUnitWarning, lambda: cp.load_dataset(tiny))
    assert len(said) == 1
    for part in ("emissions.csv, row 2", "2.007 t CO2/t", "1.867 t CO2/t"):
        assert part in said[0]
    (tiny / "emissions.csv").write_text(rows + "coal_power,CO2,input,coal,,2.007,t CO2/t,me\n",
                                        encoding="utf-8")
    assert _caught(CarbonUnitWarning, lambda: cp.load_dataset(tiny)) == []
