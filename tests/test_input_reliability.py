"""Inputs that were silently wrong: overflow after conversion, factor rows no lookup can
use, implausible factors. Each is now an error naming file, row and column."""

import warnings

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError, compute_inventory, read_activity
from carbonpath.factors import COLUMNS, bundled_factors
from carbonpath.numbers import check_finite, nonfinite_problems
from carbonpath.plausibility import find_range, read_ranges


def user(**kw):
    base = {"quantity": "calorific_value", "basis": "net", "region": "CN-SD",
            "source": "test document, table 1", "status": "unverified"}
    base.update(kw)
    return pd.DataFrame([{c: base.get(c, "") for c in COLUMNS}])


def grid(value, unit="t CO2/MWh", **kw):
    return user(item="electricity", quantity="emission_factor", gas="CO2", basis="",
                value=value, unit=unit, **kw)


# -- finiteness after conversion ----------------------------------------------------------

def test_the_shared_check_names_the_first_row_and_counts_the_rest():
    found = nonfinite_problems([1.0, np.inf, -np.inf], [2, 3, 4], file="a.csv", what="x",
                               given=[1.0, 1e308, 1e308])
    assert len(found) == 1
    assert (found[0].file, found[0].row, found[0].column) == ("a.csv", 3, "value")
    assert "and 1 more row" in found[0].message
    assert not nonfinite_problems([1.0, np.inf], given=[1.0, np.inf])  # reported by its reader
    with pytest.raises(DataError):
        check_finite([np.nan], [7])


def test_activity_overflowing_in_its_unit_conversion(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("sector,fuel,value,unit\nindustry,raw_coal,1,万吨标准煤\n"
                 "industry,coke,1e308,万吨标准煤\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_activity(p, region="CN", year=2022)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("a.csv", 3, "value")
    assert "not finite after conversion" in problem.message


def test_an_inventory_overflowing_in_its_energy_total():
    # 1.5e308 t of diesel is finite, its standard coal (x 1.4571 tce/t) is not
    df = pd.DataFrame({"sector": ["industry"], "fuel": ["diesel"], "value": [1.5e308],
                       "unit": ["t"]})
    with pytest.raises(DataError, match="not finite after conversion"):
        compute_inventory(df, region="CN", year=2022)


def test_production_overflowing():
    df = pd.DataFrame({"product": ["cement_clinker"], "value": [1e305], "unit": ["Gt"]})
    with pytest.raises(DataError, match="not finite after conversion to t"):
        cp.read_production(df, region="CN", year=2022)


def test_a_factor_overflowing_in_its_canonical_unit():
    with pytest.raises(DataError, match="not finite after conversion"):
        cp.load_factors(extra=grid(1e308, "kg CO2/kWh"))


def test_a_dataset_value_overflowing(tmp_path):
    import shutil

    from carbonpath._resources import data_path

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / "demands.csv").read_text(encoding="utf-8")
    (folder / "demands.csv").write_text(text.replace("2030,7200,GWh/yr", "2030,1e308,TWh/yr"),
                                        encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(folder)  # the model data convert demands to GWh/yr
    problem = err.value.problems[0]
    assert (problem.file, problem.column) == ("demands.csv", "value")
    assert problem.row == 3
    # 1e308 TWh/yr is above the world's primary energy (carbonpath.plausibility.CEILINGS),
    # refused when the dataset is read, before any conversion can overflow
    assert "implausible demand" in problem.message


# -- factor rows no lookup can use ---------------------------------------------------------

def test_an_unknown_item_names_the_closest_codes():
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=user(item="rawcoal", value=20, unit="GJ/t"))
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (0, "item")
    assert "no lookup would ever use this row" in problem.message
    assert "raw_coal" in problem.valid


def test_an_item_alias_becomes_its_code_so_lookups_find_it():
    t = cp.load_factors(extra=user(item="原煤", value=20, unit="GJ/t"))
    f = t.lookup("raw_coal", "calorific_value", region="CN-SD", basis="net")
    assert f.to("GJ/t").magnitude == pytest.approx(20)
    assert f.rule.startswith("user table")


def test_an_ipcc_category_no_sector_has_is_an_error():
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=user(item="raw_coal", value=20, unit="GJ/t", sector="1A9"))
    assert err.value.problems[0].column == "sector"
    assert "1A" in err.value.problems[0].valid


def test_a_factor_year_out_of_range():
    with pytest.raises(DataError, match="year is out of range"):
        cp.load_factors(extra=user(item="raw_coal", value=20, unit="GJ/t", year=20230))


# -- plausibility ----------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "shown"), [
    (user(item="natural_gas", value=12, unit="MJ/Nm3"), "28 .. 45 MJ/Nm3"),
    (user(item="natural_gas", value=48, unit="MJ/Nm3"), "28 .. 45 MJ/Nm3"),
    (user(item="natural_gas", value=1.2, unit="GJ/(10^4 Nm3)"), "28 .. 45 MJ/Nm3"),
    (grid(620), "0.08 .. 1.5 t CO2/MWh"),  # floor since round 10 (A14)
    (user(item="diesel", value=38, unit="GJ/t"), "41.4 .. 43.3 TJ/Gg"),
    (user(item="anthracite", quantity="emission_factor", gas="CO2", basis="", value=9830,
          unit="kg CO2/TJ"), "94600 .. 101000 kg CO2/TJ"),
    (user(item="raw_coal", quantity="oxidation_factor", basis="", value=1.2,
          unit="dimensionless"), "0 .. 1"),
    (user(item="raw_coal", quantity="emission_factor", gas="CO2", basis="", value=4,
          unit="t CO2/t"), "carbon mass fraction"),
])
def test_implausible_values_name_file_row_value_and_sourced_range(table, shown):
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_factors(extra=table)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("user factors", 0, "value")
    assert shown in problem.message
    assert "plausible_ranges.csv line" in problem.message  # the range's source
    assert "override" in problem.valid


def test_a_plausible_value_passes():
    t = cp.load_factors(extra=user(item="natural_gas", value=36, unit="MJ/Nm3"))
    assert len(t) == len(bundled_factors()) + 1


def test_an_override_is_explicit_and_never_silent():
    with pytest.warns(cp.CarbonpathWarning, match="accepted by override"):
        t = cp.load_factors(extra=user(item="natural_gas", value=48, unit="MJ/Nm3",
                                       plausibility="override: measured, lab report 12"))
    assert t.lookup("natural_gas", "calorific_value", region="CN-SD",
                    basis="net").to("MJ/Nm3").magnitude == pytest.approx(48)
    with pytest.warns(cp.CarbonpathWarning, match="accepted by override"):
        cp.load_factors(extra=grid(620), allow_implausible=True)
    with pytest.raises(DataError, match="override: <reason>"):  # a reason is required
        cp.load_factors(extra=grid(0.6, plausibility="override:"))


def test_every_bundled_factor_is_within_its_range():
    table = bundled_factors().rows
    from carbonpath._resources import data_path
    from carbonpath.factors import _canonical

    ranges = read_ranges(data_path("factors") / "plausible_ranges.csv", _canonical)
    checked = 0
    for r in table.itertuples():
        rng = find_range(ranges, r.item, r.quantity, r.gas, r.den)
        if rng is not None:
            checked += 1
            assert rng.low <= r.canon <= rng.high, (r.file, r.line)
    assert checked > 0.9 * len(table)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cp.load_factors()  # no warning either


def test_the_ipcc_ranges_are_those_of_the_bundled_ipcc_rows():
    # the same IPCC 2006 Vol.2 Ch.1 Tables 1.2 / 1.4 lower and upper values in both files
    from carbonpath._resources import data_path

    ranges = pd.read_csv(data_path("factors") / "plausible_ranges.csv")
    ipcc = ranges[ranges["source"].str.contains("IPCC 2006 Guidelines Vol.2 Ch.1")]
    rows = bundled_factors().rows
    for r in ipcc.itertuples():
        hit = rows[(rows["item"] == r.applies_to) & (rows["quantity"] == r.quantity)
                   & (rows["region"] == "world") & (rows["gas"] == (r.gas if r.gas == r.gas
                                                                    else ""))]
        assert len(hit) == 1, r.applies_to
        assert (hit["low"].iloc[0], hit["high"].iloc[0]) == (r.low, r.high), r.applies_to


def test_a_number_in_a_unit_column_is_named_not_a_traceback(tmp_path):
    # a thousands separator shifts the columns of a row: "electricity",2,030,7200,GWh/yr
    import shutil

    from carbonpath._resources import data_path

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    text = (folder / "demands.csv").read_text(encoding="utf-8")
    (folder / "demands.csv").write_text(text.replace("electricity,2030,", "electricity,2,030,"),
                                        encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    # reported once, as the row's field count (before: as a number in the unit column, then
    # the errors of the other shifted values), with the comma that split the number
    hit = [p for p in err.value.problems if p.file == "demands.csv"]
    assert [(p.row, p.column) for p in hit] == [(3, None)]
    assert "has 7 fields but the header has 6" in hit[0].message
    assert "'2,030'" in hit[0].message
