"""Integer keys over code columns (duplicates, distinct combinations) against pandas."""

import numpy as np
import pandas as pd
import pytest

from carbonpath import DataError, read_activity
from carbonpath.accounting.activity import _combine, _duplicated, _groups


def columns(seed, n, highs):
    rng = np.random.default_rng(seed)
    return [rng.integers(0, h, n) for h in highs]


@pytest.mark.parametrize("highs", [
    (3, 1, 5),            # a constant column
    (10, 300, 30, 11),    # dense: key space close to n
    (2**20, 2**20, 7),    # sparse: hashed by pandas
    (2**31, 2**31, 2**31),  # past int64: renumbered on the way
])
@pytest.mark.parametrize("n", [0, 1, 2000])
def test_keys_match_pandas(highs, n):
    parts = columns(n, n, highs)
    frame = pd.DataFrame({str(i): p for i, p in enumerate(parts)})
    key, size = _combine(parts)
    assert key.dtype == np.int64
    assert len(key) == 0 or 0 <= key.min() <= key.max() < size
    np.testing.assert_array_equal(_duplicated(key, size), frame.duplicated(keep=False))
    inverse, first = _groups(key, size)
    expected = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    np.testing.assert_array_equal(inverse, expected)  # numbered in order of appearance
    np.testing.assert_array_equal(first, pd.Series(expected).drop_duplicates().index)


def test_duplicates_found_in_a_sparse_key_space():
    # years far apart make the (year, fuel) key space (201 x 2) sparse for 3 rows: the
    # duplicates are hashed, not counted (years outside 1900..2100 are refused)
    df = pd.DataFrame({"sector": "industry", "fuel": ["raw_coal", "diesel", "raw_coal"],
                       "value": 1.0, "unit": "t", "year": [1900, 2100, 2100],
                       "region": "CN"})
    read_activity(df)
    df.loc[2, "fuel"] = "diesel"
    with pytest.raises(DataError, match="duplicate rows: rows 1, 2"):
        read_activity(df)
