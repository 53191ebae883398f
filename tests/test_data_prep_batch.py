"""Data preparation in batches (issue 15): fuel factors in one pass, coverage in one group-by."""

import pytest

from carbonpath.accounting.scalar import fuel_factors, fuel_factors_many

SECTORS = ["thermal_power", "residential", "transport", "non_ferrous_metals"]
FUELS = ["raw_coal", "natural_gas", "solid_biomass", "diesel", "coke_oven_gas", "lpg",
         "no_such_fuel"]


def _single(fuel, sector):
    try:
        return fuel_factors(fuel, sector, "CN-SD", 2020, historical=True)
    except Exception as exc:  # the batch keeps the same error for the pair
        return exc


def test_the_batch_gives_each_pair_what_one_look_up_gives():
    pairs = [(f, s) for f in FUELS for s in SECTORS]
    many = fuel_factors_many([*pairs, pairs[0]], "CN-SD", 2020, historical=True)
    assert set(many) == set(pairs)  # a repeat is resolved once
    compared = 0
    for pair in pairs:
        one, batch = _single(*pair), many[pair]
        if isinstance(one, Exception):
            assert type(batch) is type(one)
            assert str(batch) == str(one)
            continue
        assert batch.keys() == one.keys()
        for key, factor in one.items():
            if hasattr(factor, "value"):
                assert batch[key].value.magnitude == factor.value.magnitude
                assert str(batch[key].value.units) == str(factor.value.units)
                assert (batch[key].source, batch[key].rule) == (factor.source, factor.rule)
            else:
                assert batch[key] == factor
        compared += 1
    assert compared >= 20  # most pairs resolve: the comparison is not vacuous
    assert isinstance(many[("no_such_fuel", "residential")], Exception)


def test_a_gas_is_resolved_per_volume_as_alone():
    many = fuel_factors_many([("natural_gas", "residential")], "CN-SD", 2020, historical=True)
    assert many[("natural_gas", "residential")]["unit"] == "Nm3"
    assert many[("natural_gas", "residential")]["CO2"].value.to("kg CO2/Nm3").magnitude == (
        pytest.approx(2.16, rel=0.05))  # about 2.16 kg CO2 per Nm3 (NCV 38.931 MJ/Nm3)


def test_the_coverage_check_finds_the_problems_of_one_expansion_per_series():
    """dataset/checks.py skips the series that surely cover the years (issue 15): the
    problems are those of expanding every series, in the same order."""
    from types import SimpleNamespace

    import pandas as pd

    from carbonpath.dataset.checks import _check_coverage
    from carbonpath.dataset.series import expand_years

    years = [2020, 2025, 2030]
    rows = [  # technology, parameter, year, day, value
        ("a", "capex", None, None, 1.0),  # one blank row: covered
        ("b", "capex", 2020, None, 1.0), ("b", "capex", 2030, None, 2.0),  # covered
        ("c", "capex", 2025, None, 1.0), ("c", "capex", 2030, None, 2.0),  # starts late
        ("d", "capex", None, None, 1.0), ("d", "capex", None, None, 2.0),  # two blank rows
        ("e", "capex", None, None, 1.0), ("e", "capex", 2030, None, 2.0),  # mixed
        ("f", "availability", 2020, "winter", 1.0), ("f", "availability", 2025, "winter", 1.0),
        ("f", "availability", 2020, "summer", 1.0), ("f", "availability", 2030, "summer", 1.0),
        ("g", "fixed_om", 2015, None, 1.0), ("g", "fixed_om", 2035, None, 1.0),  # covered
    ]
    params = pd.DataFrame(rows, columns=["technology", "parameter", "year", "day", "value"],
                          index=range(2, 2 + len(rows)), dtype=object)
    params["value"] = params["value"].astype(float)
    tables = {"parameters": params, "demands": pd.DataFrame(
        columns=["commodity", "region", "year", "value"]), "drivers": pd.DataFrame(
        columns=["driver", "region", "year", "value"])}
    ds = SimpleNamespace(years=years, tables=tables, first_decision_year=2025, base_year=2020)
    found: list = []
    _check_coverage(ds, found)
    expected: list = []  # independent: every series expanded, as before the shortcut
    for (tech, name), group in params.groupby(["technology", "parameter"], sort=False):
        for _, by_day in group.groupby(group["day"].fillna(""), sort=False):
            expand_years(by_day, years, "parameters.csv", f"{tech} {name}", expected)
    assert [(p.message, p.row) for p in found] == [(p.message, p.row) for p in expected]
    assert len(found) == 4  # c, d, e and f's winter series
