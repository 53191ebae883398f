"""Data preparation without per-row pandas work (issue 15): the dataset checks read rows as
dicts, and unit factors are converted once per pair. Same values, same errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import UnitError
from carbonpath.units import parse as units_parse
from carbonpath.units import unit_factor, ureg


def _same_cell(a: object, b: object) -> bool:
    if is_blank(a) or is_blank(b):
        return is_blank(a) and is_blank(b)
    return a == b and type(a) is type(b)


def test_records_give_the_cells_iterrows_gives():
    frame = pd.DataFrame(
        {"technology": ["coal", "pv", None, "gas"],
         "value": [1.5, np.nan, 3.0, -2.0],
         "year": [2020, None, 2030, None],
         "unit": ["GW", "MW", None, "万千瓦"],
         "flag": [True, False, True, False]},
        index=["technologies.csv:2", "technologies.csv:3", "technologies.csv:4",
               "technologies.csv:5"])
    frame["year"] = frame["year"].astype(object)
    got = list(records(frame))
    expected = list(frame.iterrows())
    assert [label for label, _ in got] == [label for label, _ in expected]
    for (_, row), (_, series) in zip(got, expected, strict=True):
        assert list(row) == list(series.index)
        for column in row:
            assert _same_cell(row[column], series[column]), (column, row[column],
                                                              series[column])
        assert row.get("plausibility") is None  # as Series.get for a column not there
    # a row whose typed cells are all blank: NaN from iterrows, None or NaN here; blank both
    blank = pd.DataFrame({"value": [None], "year": [None]}, dtype=object, index=[7])
    (label, row), = records(blank)
    assert label == 7
    assert is_blank(row["value"])
    assert is_blank(row["year"])


def test_unit_factors_are_converted_once_per_pair_with_the_same_values():
    units_parse._remembered_factor.cache_clear()
    # independent values: 1 GWh = 1000 MWh; 1 万千瓦 = 10 MW; 1 t/TJ = 1e-3 kg/MJ
    assert unit_factor("GWh", "MWh") == 1000.0
    assert unit_factor("万千瓦", "MW") == pytest.approx(10.0, rel=1e-15)
    assert unit_factor("t/TJ", "kg/MJ") == pytest.approx(1e-3, rel=1e-15)
    before = units_parse._remembered_factor.cache_info()
    for _ in range(3):
        assert unit_factor("GWh", "MWh") == 1000.0
    after = units_parse._remembered_factor.cache_info()
    assert after.hits == before.hits + 3
    assert after.misses == before.misses
    # pint units and strings give the same factor; a direct pint conversion agrees
    direct = float(ureg.Quantity(1.0, "kWh").to("GJ").magnitude)
    assert unit_factor(ureg.Unit("kWh"), "GJ") == unit_factor("kWh", "GJ") == direct
    assert math.isclose(direct, 0.0036, rel_tol=1e-15)


def test_a_failed_conversion_raises_every_time():
    for _ in range(2):
        with pytest.raises(UnitError, match="cannot be converted"):
            unit_factor("GWh", "t")
