"""Units: the registry's additions, replacements, species safety and conventions."""

import math

import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import Q_, GWPError, UnitError, electricity_to_standard_coal, to_co2e, ureg
from carbonpath.units import conversion_factors, parse_unit


def test_standard_coal_is_gbt2589():
    # GB/T 2589-2020: 1 kgce = 7000 kcal_IT x 4.1868 kJ/kcal = 29307.6 kJ
    assert Q_(1, "kgce").to("kJ").magnitude == pytest.approx(7000 * 4.1868)
    assert Q_(1, "tce").to("GJ").magnitude == pytest.approx(29.3076)
    assert Q_(1, "Mtce").to("PJ").magnitude == pytest.approx(29.3076)
    assert Q_(1, "万吨标准煤").to("TJ").magnitude == pytest.approx(293.076)


def test_calorific_equivalent_of_electricity_is_0_1229_kgce_per_kwh():
    # 3600 kJ / 29307.6 kJ/kgce = 0.12283 kgce, printed as 0.1229 in GB/T 2589-2020 App. A
    assert Q_(1, "kWh").to("kgce").magnitude == pytest.approx(3600 / 29307.6)
    assert round(Q_(1, "kWh").to("kgce").magnitude, 4) == pytest.approx(0.1228)


def test_toe_is_41_868_GJ():
    assert Q_(1, "toe").to("GJ").magnitude == pytest.approx(41.868)


def test_replaced_defaults_took_effect():
    assert Q_(1, "kt").to("t").magnitude == 1000  # not the knot
    assert Q_(1, "year").to("hour").magnitude == 8760  # not the Julian year
    assert Q_(1, "t C").check("[mass] * [carbon]")  # not the coulomb
    assert Q_(1, "coulomb").check("[current] * [time]")


def test_carbon_to_co2_is_44_over_12():
    assert Q_(12, "t C").to("t CO2").magnitude == pytest.approx(44)
    assert Q_(44, "kg CO2").to("kg C").magnitude == pytest.approx(12)


@pytest.mark.parametrize(("a", "b"), [("t CH4", "t CO2"), ("t N2O", "t CH4"), ("t CO2", "t CO2e"),
                                      ("t SF6", "t CO2e"), ("t CF4", "t C2F6")])
def test_species_do_not_add(a, b):
    with pytest.raises(pint.DimensionalityError):
        Q_(1, a) + Q_(1, b)


def test_chinese_statistical_units():
    cases = {
        ("万吨", "t"): 1e4,
        ("亿吨", "Mt"): 100,
        ("吨标准煤", "kgce"): 1000,
        ("千克标准煤", "kgce"): 1,
        ("亿千瓦时", "GWh"): 100,
        ("万千瓦时", "MWh"): 10,
        ("万千瓦", "MW"): 10,
        ("亿立方米", "m**3"): 1e8,
        ("万立方米", "m**3"): 1e4,
        ("万元", "CNY"): 1e4,
        ("亿元", "MCNY"): 100,
        ("万人", "person"): 1e4,
        ("万百万千焦", "TJ"): 10,
    }
    for (cn, en), expected in cases.items():
        assert Q_(1, cn).to(en).magnitude == pytest.approx(expected), cn


def test_gas_reference_conditions():
    # ideal gas at 101.325 kPa: amount scales with 1/T
    assert Q_(1, "m3_20C").to("Nm3").magnitude == pytest.approx(273.15 / 293.15)
    assert Q_(1, "Sm3").to("Nm3").magnitude == pytest.approx(273.15 / 288.15)
    # molar volume at 0 degC: 22.414 L/mol
    assert Q_(1, "Nm3").to("mol").magnitude == pytest.approx(1000 / 22.413969, rel=1e-6)
    # a geometric volume does not become an amount of gas
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "m**3").to("Nm3")
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "亿立方米").to("Nm3")


def test_currencies_do_not_mix():
    assert Q_(1, "MCNY").to("万元").magnitude == pytest.approx(100)
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "CNY") + Q_(1, "USD")


def test_parse_unit_with_leading_number():
    u = parse_unit("GJ/(10^4 Nm3)")
    assert Q_(389.31, u).to("MJ/Nm3").magnitude == pytest.approx(38.931)
    with pytest.raises(UnitError, match="not a unit"):
        parse_unit("tonnes of stuff")
    with pytest.raises(UnitError):
        parse_unit("")


def test_gwp_sets():
    assert to_co2e(Q_(1, "t CH4"), gwp="AR5").to("t CO2e").magnitude == 28
    assert to_co2e(Q_(1, "t N2O"), gwp="AR5").to("t CO2e").magnitude == 265
    assert to_co2e(Q_(1, "t CH4"), gwp="AR4").to("t CO2e").magnitude == 25
    assert to_co2e(Q_(1, "t N2O"), gwp="AR6").to("t CO2e").magnitude == 273
    fossil = to_co2e(Q_(1, "t CH4"), gwp="AR6", ch4_origin="fossil")
    assert fossil.to("t CO2e").magnitude == pytest.approx(29.8)
    assert to_co2e(Q_(2, "kt CH4/yr"), gwp="AR6", ch4_origin="non_fossil").to(
        "t CO2e/yr").magnitude == pytest.approx(2 * 27.0 * 1000)


def test_co2e_needs_a_gwp_set_even_for_co2():
    with pytest.raises(GWPError, match="GWP set"):
        to_co2e(Q_(1, "t CH4"), gwp=None)
    with pytest.raises(GWPError):
        to_co2e(Q_(1, "t CO2"), gwp=None)
    with pytest.raises(GWPError, match="origin"):
        to_co2e(Q_(1, "t CH4"), gwp="AR6")
    with pytest.raises(GWPError, match="unknown GWP set"):
        to_co2e(Q_(1, "t CH4"), gwp="SAR")


def test_co2e_of_carbon_goes_through_44_over_12():
    assert to_co2e(Q_(3, "t C"), gwp="AR5").to("t CO2e").magnitude == pytest.approx(11)


def test_co2e_of_a_factor_keeps_the_other_units():
    ef = to_co2e(Q_(10, "kg CH4/TJ"), gwp="AR5")
    assert ef.to("kg CO2e/TJ").magnitude == pytest.approx(280)


def test_primary_electricity_conventions():
    e = Q_(1, "亿千瓦时")
    calorific = electricity_to_standard_coal(e, method="calorific")
    # 1e8 kWh x 0.1229 kgce/kWh (GB/T 2589-2020 Appendix A) = 12290 tce = 1.229 万吨标准煤
    assert calorific.to("万吨标准煤").magnitude == pytest.approx(1.229)
    coal = electricity_to_standard_coal(e, method="coal_consumption",
                                        coal_rate=Q_(300, "gce/kWh"))
    assert coal.to("万吨标准煤").magnitude == pytest.approx(3.0)
    with pytest.raises(ValueError, match="coal rate"):
        electricity_to_standard_coal(e, method="coal_consumption")
    with pytest.raises(ValueError, match="unknown method"):
        electricity_to_standard_coal(e, method="equivalent")
    with pytest.raises(UnitError):
        electricity_to_standard_coal(Q_(1, "t"), method="calorific")


def test_conversion_factors_vectorised():
    f = conversion_factors(np.array(["万吨", "t", "kt", "万吨"], dtype=object), "t")
    assert f.tolist() == [1e4, 1, 1e3, 1e4]
    with pytest.raises(UnitError, match="cannot be converted"):
        conversion_factors(["t", "GWh"], "t")


@given(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
       st.sampled_from(["t", "kt", "万吨", "Mt", "kg"]))
def test_mass_round_trip(x, unit):
    back = Q_(x, unit).to("t").to(unit).magnitude
    assert math.isclose(back, x, rel_tol=1e-12)


@given(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
       st.sampled_from(["TJ", "GWh", "tce", "万吨标准煤", "toe", "亿千瓦时", "万百万千焦"]))
def test_energy_round_trip(x, unit):
    back = Q_(x, unit).to("kgce").to(unit).magnitude
    assert math.isclose(back, x, rel_tol=1e-12)


def test_registry_is_the_application_registry():
    assert pint.get_application_registry().get() is ureg


class _Held:
    """An object a caller's frame holds while a conversion fails and is caught."""


def _convert_and_catch(held):
    from carbonpath.errors import IncompatibleUnitsError

    try:
        Q_(1.0, "m").to("s")
    except IncompatibleUnitsError:
        return "caught"
    return "converted"


def test_a_caught_unit_error_leaves_no_reference_cycle():
    # issue 15: the registry's wrapper kept the error it raised in a local, so the error,
    # its traceback and the wrapper's frame formed a cycle; the traceback's frames held every
    # caller's locals (the models being built) until a full collection found them
    import gc
    import weakref

    held = _Held()
    ref = weakref.ref(held)
    gc.collect()
    gc.disable()
    try:
        assert _convert_and_catch(held) == "caught"
        del held
        assert ref() is None  # freed by reference counting, no collector pass
    finally:
        gc.enable()
