"""frame_table's cells from text columns taken at once (perf18) are the cells it wrote before."""

import numpy as np
import pandas as pd

from carbonpath.report.formatting import DASH, frame_table


def test_text_missing_and_numeric_cells_written_out_by_hand():
    frame = pd.DataFrame({
        "name": pd.Series(["coal", None, "pv"], dtype="string"),  # pandas' text type
        "note": pd.Series(["a|b", None, "c"], dtype=object),
        "year": [2024, 2025, 2030],
        "value": [1.5, np.nan, 3.0],
        "count": pd.array([1, None, 3], dtype="Int64"),
    })
    table = frame_table(frame)
    assert table.rows == [
        ["coal", "a|b", "2024", "1.50", "1"],
        [DASH, DASH, "2025", DASH, DASH],
        ["pv", "c", "2030", "3.00", "3"],
    ]
    assert table.numeric == [False, False, True, True, True]


def test_a_frame_without_columns_gives_empty_rows():
    assert frame_table(pd.DataFrame(index=[4, 5])).rows == [[], []]
