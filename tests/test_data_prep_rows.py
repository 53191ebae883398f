"""Building the technologies without pandas rows (issue 15, perf13).

Process factors are resolved for all technologies in one pass, factor-table rows are read
from column arrays, and a technology's parameters from row dicts; each must give what the
one-at-a-time, frame-based way gives, number for number and problem for problem.
"""

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from carbonpath.accounting.scalar import process_factors, process_factors_many
from carbonpath.dataset.tables import records
from carbonpath.factors import Factor, bundled_factors
from carbonpath.model.unitrows import UnitRows
from carbonpath.units import Q_, parse_unit

PRODUCTS = ["cement_clinker", "lime", "glass", "ammonia", "pig_iron", "熟料",
            "primary_aluminium_prebake", "primary_aluminium_soderberg", "no_such_product"]
TECHNOLOGIES = [None, "cwpb", "swpb", "vss", "modern_reforming", "no_such_technology"]


def _single(item, technology):
    try:
        return process_factors(item, "CN-SD", 2020, technology=technology, historical=True)
    except Exception as exc:  # the batch keeps the same error for the pair
        return exc


def test_the_process_batch_gives_each_pair_what_one_look_up_gives():
    pairs = [(i, t) for i in PRODUCTS for t in TECHNOLOGIES]
    many = process_factors_many([*pairs, pairs[0]], "CN-SD", 2020, historical=True)
    assert set(many) == set(pairs)  # a repeat is resolved once
    compared = errors = 0
    for pair in pairs:
        one, batch = _single(*pair), many[pair]
        if isinstance(one, Exception):
            assert type(batch) is type(one)
            assert str(batch) == str(one)
            assert batch.__traceback__ is None  # a kept error holds no frames
            errors += 1
            continue
        assert list(batch) == list(one)  # the same gases, in the same order
        for gas, factor in one.items():
            assert batch[gas] == factor  # value, unit, source, rule, row ... all equal
        compared += 1
    assert compared >= 10  # both kinds are really compared
    assert errors >= 10
    assert set(many[("primary_aluminium_prebake", "cwpb")]) >= {"CF4", "C2F6"}


def test_a_factor_is_the_row_of_the_table():
    """Every row's Factor against one built here from ``rows.iloc`` (the documented fields)."""
    table = bundled_factors()
    for i in range(len(table.rows)):
        r = table.rows.iloc[i]
        unit = parse_unit(r["unit"])
        expected = Factor(
            item=r["item"], quantity=r["quantity"], gas=r["gas"],
            value=Q_(float(r["value"]), unit), unit=r["unit"], source=r["source"],
            status=r["status"], rule="a rule", region=r["region"],
            year=None if r["year"] < 0 else int(r["year"]), sector=r["sector"],
            technology=r["technology"], basis=r["basis"], file=r["file"], row=int(r["line"]),
            row_id=i, note=r["note"], version=table.version,
            low=None if math.isnan(r["low"]) else Q_(float(r["low"]), unit),
            high=None if math.isnan(r["high"]) else Q_(float(r["high"]), unit))
        got = table.factor(i, "a rule")
        assert got == expected
        assert type(got.year) is type(expected.year)
        assert type(got.row) is int


class _Rows(UnitRows):
    """The builder's unit helpers on their own (model years and a problem list)."""

    def __init__(self) -> None:
        self.years = [2020, 2025, 2030]
        self.problems = []


def _frame(rows):
    frame = pd.DataFrame(rows, columns=["technology", "parameter", "year", "value", "unit"],
                         dtype=object)
    frame.index = [10 + i for i in range(len(rows))]  # file lines
    return frame


UNITS = [("yuan/kW", "MCNY/GW"), ("yr", "yr"), ("万元/MW", "MCNY/GW"), ("1", "1"),
         ("%", "1"), ("hour", "yr")]


@given(value=st.floats(allow_nan=True, allow_infinity=True, width=64),
       units=st.sampled_from(UNITS),
       years=st.sampled_from([[None], [2020, 2030], [2020, 2025, 2030], [None, None],
                              [2025, 2030], [None, 2030], [2030, 2015], [2020, 2020, 2030],
                              [2020, 2028]]))
def test_row_dicts_give_the_numbers_and_problems_of_the_frame(value, units, years):
    """``_series``, ``_scalar`` and ``_given`` read the rows as dicts exactly as the frame."""
    unit, target = units
    frame = _frame([("t", "capex", y, value * (1 + k), unit) for k, y in enumerate(years)])
    recs = list(records(frame))
    a, b = _Rows(), _Rows()
    framed = a._series(frame, target, "t capex", 0.0)
    fast = b._series(frame, target, "t capex", 0.0, recs)
    np.testing.assert_array_equal(fast, framed)  # NaN where NaN, bit for bit elsewhere
    assert [p.__dict__ for p in b.problems] == [p.__dict__ for p in a.problems]
    assert _same(b._scalar(recs, target, None), a._scalar(frame, target, None))
    assert _same_dicts(b._given(recs, target), a._given(frame, target))
    assert [p.__dict__ for p in b.problems] == [p.__dict__ for p in a.problems]


def test_an_infinite_conversion_is_still_a_problem_naming_its_row():
    frame = _frame([("t", "capex", None, 1e308, "万元/MW")])  # 1e308 x 10 overflows
    rows = _Rows()
    out = rows._series(frame, "MCNY/GW", "t capex", 0.0, list(records(frame)))
    assert np.isinf(out).all()
    assert len(rows.problems) == 1
    assert rows.problems[0].row == 10


def test_a_technology_row_as_series_or_dict_builds_the_same_technology():
    """The run reads technologies.csv as dicts; ``_link`` still passes a Series (tiny)."""
    from carbonpath import load_dataset
    from carbonpath.model import data as data_mod

    ds = load_dataset("tiny")
    builder = data_mod._Builder(ds, None, None)
    days, hours = ds.days, builder.hours
    builder.timeslices = [(d["name"], h) for d in days for h in range(hours)]
    builder.weights = np.array([float(d["weight"]) * 24.0 / hours for d in days
                                for _ in range(hours)])
    builder.commodities = builder._commodities()
    profiles, params = builder._profiles(), builder._params()
    rows = list(ds.tables["technologies"].iterrows())
    assert len(rows) >= 3
    for (_, series), (_, row) in zip(rows, records(ds.tables["technologies"]), strict=True):
        a, b = builder._tech(series, params, profiles), builder._tech(row, params, profiles)
        _assert_same(a, b)
    assert not builder.problems


def _assert_same(x, y):
    """Equal field by field, arrays bit for bit (NaN where NaN), nested dataclasses too."""
    if isinstance(x, np.ndarray):
        np.testing.assert_array_equal(x, y)
    elif hasattr(x, "__dataclass_fields__"):
        assert type(x) is type(y)
        for name, value in vars(x).items():
            _assert_same(value, getattr(y, name))
    elif isinstance(x, dict):
        assert x.keys() == y.keys()
        for key, value in x.items():
            _assert_same(value, y[key])
    else:
        assert _same(x, y)


def _same(x, y):
    return x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))


def _same_dicts(x, y):
    return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)


def test_a_subset_holds_the_rows_filtering_the_frame_gives():
    """``FactorTable._subset`` (from column arrays) against filtering ``rows`` by hand, for
    every quantity, gas and basis of the bundled tables, and one no row has."""
    table = bundled_factors()
    r = table.rows
    keys = {("no_such_quantity", None, None)}
    for q, g, b in zip(r["quantity"], r["gas"], r["basis"], strict=True):
        keys |= {(q, None, None), (q, g, None), (q, g, b), (q, None, b)}
    for quantity, gas, basis in keys:
        sub = r[r["quantity"] == quantity]
        if gas is not None:
            sub = sub[sub["gas"] == gas]
        if basis is not None:
            sub = sub[sub["basis"] == basis]
        got = table._subset(quantity, gas, basis)
        index = {}
        for i, combo in enumerate(zip(sub["item"], sub["region"], sub["sector"], strict=True)):
            index.setdefault(combo, []).append(i)
        assert got.index == index
        assert list(got.index) == list(index)  # the same order of combinations
        assert (got.regions, got.sectors) == (set(sub["region"]), set(sub["sector"]))
        assert got.technology.tolist() == sub["technology"].tolist()
        for name in ("year", "layer", "row_id"):
            assert getattr(got, name).dtype == np.int64
            assert getattr(got, name).tolist() == sub[name].tolist()
