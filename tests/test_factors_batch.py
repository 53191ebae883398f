"""Fuel factors of many (fuel, sector) pairs in one pass equal one look-up each (issue 15)."""

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
