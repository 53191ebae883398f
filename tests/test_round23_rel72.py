"""Round 23 accounting cases E02, E46, E62, E81, E97, E108 (issue 11: no silent result)."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.accounting.arguments import unread_region_year
from carbonpath.accounting.balance_mapping import MappingLabelWarning
from carbonpath.accounting.filters import ExcludedRowsWarning
from carbonpath.errors import (
    ArgumentValueError,
    CarbonpathWarning,
    DataError,
    IncompatibleUnitsError,
    UnknownUnitError,
)

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
BALANCE = SAMPLES / "energy_balance_sample.csv"


# E02: a region option no row reads is refused whether or not the region table knows it
def test_unknown_region_beside_rows_with_their_region_is_named():
    rows = pd.DataFrame({"region": ["CN-SD-Liaocheng"] * 2, "year": [2022, 2022]})
    said = unread_region_year(rows, "德州", None, "a.csv")
    assert len(said) == 1
    assert "--region 德州" in said[0]
    assert "CN-SD-Liaocheng" in said[0]
    assert "regions.csv" in said[0]
    # the rows' own region, by name or code, is read: nothing to say
    assert unread_region_year(rows, "聊城", None, "a.csv") == []
    assert unread_region_year(rows, "CN-SD-Liaocheng", None, "a.csv") == []


def test_compute_inventory_refuses_unknown_region_no_row_reads():
    df = pd.DataFrame({"region": ["聊城"], "sector": ["ferrous_metals"],
                       "fuel": ["raw_coal"], "value": [1.0], "unit": ["万吨"]})
    with pytest.raises(ArgumentValueError, match=r"region='德州'.*CN-SD-Liaocheng"):
        cp.compute_inventory(df, year=2022, region="德州")


# E97: a balance sheet given where tidy activity is read
def test_compute_inventory_names_the_balance_reader_for_a_balance_sheet():
    with pytest.raises(DataError) as err:
        cp.compute_inventory(BALANCE, year=2022, region="CN-SD",
                             primary_electricity="calorific")
    assert len(err.value.problems) == 1  # one message, not one per row of the sheet
    text = str(err.value)
    assert "energy balance sheet" in text
    assert "read_energy_balance" in text
    assert ".activity" in text


# E46: a gas quantity converted to a bare mass unit
def test_to_co2e_to_bare_mass_says_to_name_the_gas():
    with pytest.raises(IncompatibleUnitsError, match="'kt CO2e'"):
        cp.to_co2e(cp.Q_(1000, "t CH4"), "AR5", to="kt")
    # by hand: 1000 t CH4 x 28 (AR5 GWP100) = 28 000 t = 28 kt CO2e
    assert cp.to_co2e(cp.Q_(1000, "t CH4"), "AR5", to="kt CO2e").magnitude == \
        pytest.approx(28.0)
    with pytest.raises(IncompatibleUnitsError, match="'Mt CO2'"):
        cp.Q_(1, "t CO2").to("Mt")
    with pytest.raises(IncompatibleUnitsError) as other:  # another mismatch: generic advice
        cp.Q_(1, "t").to("m")
    assert "naming the gas" not in str(other.value)


# E62: 千卡 / 大卡 are kcal
@pytest.mark.parametrize(("unit", "fixed"), [("千卡", "'kcal'"), ("大卡/kg", "'kcal/kg'")])
def test_everyday_kilocalorie_names_kcal(unit, fixed):
    with pytest.raises(UnknownUnitError, match=fixed):
        cp.Q_(1, unit)


def test_kcal_is_the_international_table_kilocalorie():
    # by hand: 5000 kcal/kg x 4.1868 kJ/kcal = 20.934 MJ/kg
    assert cp.Q_(5000, "kcal/kg").to("MJ/kg").magnitude == pytest.approx(20.934)


# E81: mapping labels the sheet does not print
def test_mapping_label_not_in_sheet_warns_with_closest_label():
    with pytest.warns(MappingLabelWarning) as got:
        cp.read_energy_balance(BALANCE, year=2022, region="CN-SD",
                               mapping={"rows": {"3.其它": "commercial"}})
    text = " ".join(str(w.message) for w in got if w.category is MappingLabelWarning)
    assert "'3.其它'" in text
    assert "'3.其他'" in text


def test_mapping_label_in_sheet_is_quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("error", MappingLabelWarning)
        bs = cp.read_energy_balance(BALANCE, year=2022, region="CN-SD",
                                    mapping={"columns": {"原煤": "raw_coal"}})
    assert "raw_coal" in set(bs.activity["fuel"])


# E108: a selection whose rows all lie outside the total
@pytest.fixture(scope="module")
def steel_inventory():
    df = pd.DataFrame({
        "sector": ["ferrous_metals", "ferrous_metals", "transfers", "transfers"],
        "fuel": ["raw_coal", "electricity", "electricity", "electricity"],
        "use": ["combustion", "consumption", "import", "export"],
        # imported: consumption with every supply row 0 is refused (round 30 ZF220)
        "value": [100, 10, 10, 0], "unit": ["万吨", "亿千瓦时", "亿千瓦时", "亿千瓦时"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        return cp.compute_inventory(df, year=2022, region="CN", primary_electricity="calorific")


def test_total_of_rows_outside_the_total_warns(steel_inventory):
    # by hand: 10 亿kWh = 1e6 MWh x 0.5366 t CO2/MWh (CN 2022) = 536 600 t CO2, scope 2,
    # not counted under the provincial method
    with pytest.warns(ExcludedRowsWarning, match=r"536,600 t CO2.*in_total=None"):
        got = steel_inventory.total("CO2", sector="ferrous_metals", scope=2)
    assert got.magnitude == 0.0
    every = steel_inventory.total("CO2", sector="ferrous_metals", scope=2, in_total=None)
    assert every.magnitude == pytest.approx(536_600.0)


def test_total_with_counted_rows_is_quiet(steel_inventory):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExcludedRowsWarning)
        assert steel_inventory.total("CO2", sector="ferrous_metals").magnitude > 0
        steel_inventory.total("CO2", sector="ferrous_metals", scope=2, in_total=None)


def test_energy_total_of_rows_outside_the_total_warns(steel_inventory):
    # by hand: 10 亿kWh = 1e9 kWh x 0.1229 kgce/kWh (calorific, GB/T 2589) = 122 900 tce,
    # secondary energy, not counted in the region's energy total
    with pytest.warns(ExcludedRowsWarning, match=r"122,900 tce.*in_total=None"):
        got = steel_inventory.energy_total(sector="ferrous_metals", fuel="electricity")
    assert got.magnitude == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExcludedRowsWarning)
        # by hand: 100 万吨 raw coal x 0.7143 kgce/kg = 714 300 tce
        assert steel_inventory.energy_total(sector="ferrous_metals").magnitude == \
            pytest.approx(714_300.0)
