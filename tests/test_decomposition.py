"""LMDI decomposition: hand-worked Kaya examples and the residual-free property."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath import Q_, DataError, decompose, intensities
from carbonpath.accounting.decomposition import lmdi_additive, log_mean

RAW_COAL = 20.908e-3 * 26.18 * 0.93 * 44 / 12  # t CO2 per t (China's defaults)
DRIVERS = {2020: {"population": Q_(100, "万人"), "gdp": Q_(1000, "亿元")},
           2025: {"population": Q_(110, "万人"), "gdp": Q_(1320, "亿元")}}


def inv(rows, year):
    return cp.compute_inventory(pd.DataFrame([{"sector": s, "fuel": f, "value": v, "unit": u}
                                              for s, f, v, u in rows]),
                                region="CN-SD", year=year)


def test_kaya_by_hand():
    a = inv([("industry", "raw_coal", 1000, "t")], 2020)
    b = inv([("industry", "raw_coal", 1100, "t")], 2025)
    d = decompose(a, b, DRIVERS, gdp_price_year=2020)
    c0, c1 = 1000 * RAW_COAL, 1100 * RAW_COAL
    w = (c1 - c0) / math.log(c1 / c0)  # L(C1, C0)
    e = d.effects["effect"]
    assert e["population"] == pytest.approx(w * math.log(110 / 100))  # = c1 - c0
    assert e["population"] == pytest.approx(c1 - c0)
    assert e["affluence"] == pytest.approx(w * math.log((1320 / 110) / (1000 / 100)))
    # energy 1000 -> 1100 t over GDP 1000 -> 1320: intensity x 1.1 / 1.32 = 1 / 1.2
    assert e["energy_intensity"] == pytest.approx(w * math.log(1 / 1.2))
    assert e["fuel_mix"] == pytest.approx(0, abs=1e-9)
    assert e["emission_factor"] == pytest.approx(0, abs=1e-9)
    assert e["total"] == pytest.approx(c1 - c0)
    assert d.price_year == 2020


def test_new_and_vanished_cells_take_the_mix_limit():
    a = inv([("industry", "raw_coal", 1000, "t"), ("residential", "raw_coal", 10, "t")], 2020)
    b = inv([("industry", "raw_coal", 1000, "t"), ("industry", "natural_gas", 5e4, "Nm3")],
            2025)
    d = decompose(a, b, DRIVERS, gdp_price_year=2020)
    gas = b.total(fuel="natural_gas").magnitude
    bs = d.by_sector
    # the new gas cell: all of its emissions are a fuel-mix effect, nothing else
    assert bs.loc["residential", "fuel_mix"] == pytest.approx(-10 * RAW_COAL)
    assert bs.loc["residential"].drop("fuel_mix").abs().max() == 0
    assert d.effects.loc["total", "effect"] == pytest.approx(
        1000 * RAW_COAL + gas - 1010 * RAW_COAL)
    assert d.effects["effect"].drop("total").sum() == pytest.approx(d.change)


def test_intensities_by_hand():
    a = inv([("industry", "raw_coal", 1000, "t")], 2020)
    t = intensities(a, DRIVERS, gdp_price_year=2020).iloc[0]
    # 1000 t x 0.7143 tce/t (GB/T 2589); GDP 1000 亿元 = 1e7 万元
    assert t["energy_per_gdp"] == pytest.approx(714.3 / 1e7)
    assert t["emissions_per_gdp"] == pytest.approx(1000 * RAW_COAL / 1e7)
    assert t["emissions_per_person"] == pytest.approx(1000 * RAW_COAL / 1e6)


def test_drivers_table_and_errors(tmp_path):
    a = inv([("industry", "raw_coal", 1000, "t")], 2020)
    b = inv([("industry", "raw_coal", 900, "t")], 2025)
    table = pd.DataFrame({"driver": ["population", "gdp", "gdp"], "year": ["", 2020, 2025],
                          "value": [100, 1000, 1100], "unit": ["万人", "亿元", "亿元"]})
    with pytest.raises(DataError, match="constant prices of a stated year"):
        decompose(a, b, table)
    d = decompose(a, b, table, gdp_price_year=2020)  # a blank year: population of both
    assert d.effects.loc["population", "effect"] == 0
    path = tmp_path / "drivers.csv"
    table.assign(price_year=[None, 2020, 2020]).iloc[1:].to_csv(path, index=False)
    with pytest.raises(DataError, match="no population for 2020"):
        decompose(a, b, path)
    gpc = cp.compute_inventory(pd.DataFrame([{"sector": "industry", "fuel": "raw_coal",
                                              "value": 1, "unit": "t"}]),
                               region="CN-SD", year=2020, method="gpc")
    with pytest.raises(ValueError, match="provincial"):
        decompose(gpc, b, DRIVERS, gdp_price_year=2020)


def test_log_mean():
    assert log_mean(np.array([2.0]), np.array([2.0]))[0] == 2.0
    assert log_mean(np.array([np.e]), np.array([1.0]))[0] == pytest.approx(np.e - 1)
    assert log_mean(np.array([5.0]), np.array([0.0]))[0] == 0.0
    # far apart: (a - b) / ln(a / b) by hand, a / b = 1e-8 (log1p(-1 + 1e-8) would lose
    # half its digits to cancellation) and a / b below the smallest double
    assert log_mean(np.array([1e-3]), np.array([1e5]))[0] == pytest.approx(
        (1e-3 - 1e5) / (np.log(1e-3) - np.log(1e5)), rel=1e-14)
    assert log_mean(np.array([1e-300]), np.array([1e300]))[0] == pytest.approx(
        -1e300 / (-600 * np.log(10)), rel=1e-12)
    assert log_mean(np.array([-2.0]), np.array([-1.0]))[0] == pytest.approx(-1 / np.log(2))


cells = st.lists(st.tuples(st.floats(0.1, 1e4), st.floats(0.1, 1e4), st.floats(0.01, 100),
                           st.floats(0.01, 100), st.booleans(), st.booleans()),
                 min_size=1, max_size=12)


@example([(1.0, 1.0, 1.0, 1.0, False, False), (7074.0, 0.1, 63.0, 0.015625, False, False)])
@given(cells)
def test_lmdi_residual_free(data):
    """Effects sum to the change for any cells, zeros (appearing, vanishing cells) included."""
    n = len(data)
    x0 = np.ones((n, 3))
    x1 = np.ones((n, 3))
    for i, (a, b, f0, f1, gone0, gone1) in enumerate(data):
        x0[i] = [a, f0, 0.0 if gone0 else 1.0]
        x1[i] = [b, f1, 0.0 if gone1 and not gone0 else 1.0]
    c0, c1 = x0.prod(axis=1), x1.prod(axis=1)
    eff = lmdi_additive(c0, c1, x0, x1)
    np.testing.assert_allclose(eff.sum(axis=1), c1 - c0, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(eff.sum(), c1.sum() - c0.sum(), rtol=1e-9, atol=1e-6)


amount = st.one_of(st.just(0.0), st.floats(0.01, 5000))


@pytest.mark.filterwarnings(  # drivers drawn beyond real cities' (accounting/decomposition_drivers)
    "ignore::carbonpath.dataset.absolute.UnusualDriverWarning",
    "ignore::carbonpath.dataset.series_slips.SeriesSlipWarning",
    # one drawn row may hold 1000x the others (round 22's giant-row warning, M01)
    "ignore::carbonpath.accounting.plausible_magnitude.ActivityMagnitudeWarning",
    # both years may draw the same rows (round 25's identical-activity warning, Z35)
    "ignore::carbonpath.accounting.decomposition_pair.IdenticalActivityWarning")
@settings(max_examples=20)
@given(st.lists(amount, min_size=6, max_size=6), st.lists(amount, min_size=6, max_size=6),
       st.floats(50, 200), st.floats(500, 5000), st.booleans())
def test_decompose_residual_free(v0, v1, pop1, gdp1, structure):
    combos = [("industry", "raw_coal", "t"), ("industry", "diesel", "t"),
              ("residential", "natural_gas", "Nm3"), ("transport", "diesel", "t"),
              ("transport", "gasoline", "t"), ("residential", "raw_coal", "t")]
    a = inv([(s, f, v, u) for (s, f, u), v in zip(combos, v0, strict=True)], 2020)
    b = inv([(s, f, v, u) for (s, f, u), v in zip(combos, v1, strict=True)], 2025)
    if not (a.total().magnitude > 0 and b.total().magnitude > 0):
        return
    drivers = {2020: DRIVERS[2020], 2025: {"population": Q_(pop1, "万人"),
                                           "gdp": Q_(gdp1, "亿元")}}
    d = decompose(a, b, drivers, gdp_price_year=2020, sector_structure=structure)
    effects = d.effects["effect"].drop("total")
    assert effects.sum() == pytest.approx(d.change, rel=1e-9, abs=1e-6)
    np.testing.assert_allclose(d.by_sector.sum(axis=1).sum(), d.change, rtol=1e-9, atol=1e-6)
