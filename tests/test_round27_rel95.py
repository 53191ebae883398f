"""Round 27 (tester MC): catalogue rows, a target in the observed base year, ``factors=``.

MC65 (dataset_rows region names), MC67 (dataset_rows and the catalogue's cost years), MC76
(a target that cannot be met in the base year), MC91 (``factors=`` of the wrong type).
Expected values are read off the catalogue's ``parameters.csv`` by hand (pv_utility capex:
2020 4000, 2023 3400, 2030 2800, 2040 2400, 2060 2100 CNY/kW) or off the datasets' years.
"""

from __future__ import annotations

import pytest

from tests.conftest import assert_no_carbonpath_warnings, edit

# MC65 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["聊城", "Liaocheng", "liaocheng"])
def test_mc65_dataset_rows_takes_a_region_name_as_its_code(name):
    """聊城 names CN-SD-Liaocheng in factors/regions.csv: the same rows as the code (its
    capex trajectory inside 2024..2030: 2030 only, 2800 CNY/kW, national rows)."""
    from carbonpath.catalogue import dataset_rows

    with assert_no_carbonpath_warnings():
        by_name = dataset_rows("pv_utility", base_year=2024, horizon=2030, region=name)
    by_code = dataset_rows("pv_utility", base_year=2024, horizon=2030,
                           region="CN-SD-Liaocheng")
    assert by_name.parameters == by_code.parameters
    capex = [(p["year"], p["value"]) for p in by_name.parameters if p["parameter"] == "capex"]
    assert capex == [(2030, 2800.0)]


def test_mc65_unknown_region_is_an_argument_error_with_the_nearest_code():
    from carbonpath.catalogue import dataset_rows
    from carbonpath.errors import ArgumentValueError

    with pytest.raises(ArgumentValueError) as err:
        dataset_rows("pv_utility", base_year=2024, horizon=2030, region="Liaochen")
    text = str(err.value)
    assert "region='Liaochen'" in text
    assert "did you mean" in text
    assert "CN-SD-Liaocheng" in text
    assert "column" not in text  # an argument, not a column of a file


# MC67 -------------------------------------------------------------------------------------


def test_mc67_cost_years_outside_the_model_years_are_refused_not_dropped():
    """1990..2000 lies before the capex trajectory's 2020..2060: refused naming both, not a
    dataset without capex."""
    from carbonpath.catalogue import dataset_rows
    from carbonpath.errors import DataError

    with pytest.raises(DataError) as err:
        dataset_rows("pv_utility", base_year=1990, horizon=2000, region="CN-SD")
    (p,) = err.value.problems
    assert p.file.endswith("parameters.csv")
    assert p.column == "year"
    assert "capex" in p.message
    assert "2020..2060" in p.message
    assert "1990" in p.message
    assert "from 2020" in p.valid


def test_mc67_a_window_between_two_cost_years_names_endpoints():
    """2045..2055 falls between the 2040 and 2060 points: refused without endpoints; with
    them, linear interpolation by hand: 2400 + (2100 - 2400) * 5/20 = 2325 at 2045 and
    2400 - 300 * 15/20 = 2175 at 2055."""
    from carbonpath.catalogue import dataset_rows
    from carbonpath.errors import DataError

    with pytest.raises(DataError) as err:
        dataset_rows("pv_utility", base_year=2045, horizon=2055)
    (p,) = err.value.problems
    assert "2020, 2023, 2030, 2040, 2060" in p.message
    assert "endpoints=True" in p.valid
    rows = dataset_rows("pv_utility", base_year=2045, horizon=2055, endpoints=True)
    capex = [(p["year"], p["value"]) for p in rows.parameters if p["parameter"] == "capex"]
    assert capex == [(2045, pytest.approx(2325.0)), (2055, pytest.approx(2175.0))]


def test_mc67_model_years_holding_cost_years_stay_quiet():
    """2015..2030 holds 2020, 2023 and 2030 (the documented partial rows, no error)."""
    from carbonpath.catalogue import dataset_rows

    with assert_no_carbonpath_warnings():
        rows = dataset_rows("pv_utility", base_year=2015, horizon=2030)
    assert [p["year"] for p in rows.parameters if p["parameter"] == "capex"] == [
        2020, 2023, 2030]


# MC76 -------------------------------------------------------------------------------------


def _with_nf(tiny, year, value):
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, nf]")
    path = tiny / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        f"  - name: nf\n    type: nonfossil_share\n    year: {year}\n    value: {value}\n"
        '    source: "assumption"\n'), encoding="utf-8")


def test_mc76_a_target_in_the_observed_base_year_says_so(tiny):
    """tiny: base year 2024 (observed), horizon 2030, first decision year 2025; a 20 %
    non-fossil share in 2024 cannot be met, and the message says why and which years steer."""
    import carbonpath as cp
    from carbonpath.errors import InfeasibleError

    _with_nf(tiny, 2024, 0.2)
    with pytest.raises(InfeasibleError) as err:
        cp.PathwayModel(tiny, "plan").solve()
    text = str(err.value)
    assert "'nf'" in text
    assert "20.0% asked" in text
    assert "2024 is an observed year" in text
    assert "2025 .. 2030" in text


def test_mc76_a_decision_year_target_has_no_observed_year_words(tiny):
    """A share of 99 % in 2030 cannot be met either, but 2030 is a decision year."""
    import carbonpath as cp
    from carbonpath.errors import InfeasibleError

    _with_nf(tiny, 2030, 0.99)
    with pytest.raises(InfeasibleError) as err:
        cp.PathwayModel(tiny, "plan").solve()
    assert "'nf'" in str(err.value)
    assert "observed year" not in str(err.value)


# MC91 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", ["PathwayModel", "optimise"])
def test_mc91_factors_of_a_wrong_type_is_an_argument_error(call):
    """factors=42: an ArgumentTypeError naming factors= before any data are read, not two
    'faults' of emissions.csv and commodities.csv."""
    import carbonpath as cp
    from carbonpath.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError) as err:
        getattr(cp, call)("tiny", "plan", factors=42)
    text = str(err.value)
    assert f"{call}(): argument 'factors'" in text
    assert "FactorTable" in text
    assert "int 42" in text
    assert "emissions.csv" not in text


def test_mc91_fuel_factors_names_its_own_argument():
    from carbonpath.accounting.scalar import fuel_factors
    from carbonpath.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError) as err:
        fuel_factors("raw_coal", "thermal_power", "CN", 2020, factors=42)
    assert "fuel_factors(): argument 'factors'" in str(err.value)
