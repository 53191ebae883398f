"""Round-6 case CO07: a committed project a hundred times the city's electricity is refused.

The sample city generates and imports some 20-30 TWh of electricity in 2022 (its balance
sheet: 17.7 TWh of coal-fired generation alone); 100000 万千瓦 = 1,000 GW of PV running all
year would make 8,760 TWh, about 300 times that (more than the x100 allowed), while 80 万千瓦
(0.8 GW, 7 TWh: 0.25 x) is an ordinary project.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.test_init import HOURS, SAMPLE, SAMPLES


def _committed(value):
    return pd.DataFrame({"type": ["pv"], "year": [2024], "value": [value], "unit": ["万千瓦"],
                         "source": ["city plan"]})


def test_co07_a_10000x_committed_project_is_refused(tmp_path):
    with pytest.raises(DataError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o",
                     model_hours=HOURS, committed=_committed(100000), **SAMPLE)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (2, "value")
    assert problem.value == pytest.approx(1.0e6)  # MW
    assert "x100" in problem.message
    assert not (tmp_path / "o").exists()
