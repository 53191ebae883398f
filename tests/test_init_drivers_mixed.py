"""init says aloud when a planner's grid non-fossil share is mixed with national values (I17).

Hand check: the sample drivers plus ``grid_nonfossil_share,2030,45,%`` (one year) leave the
national points of init (2000 0.20, 2022 0.36, 2035 0.60, 2060 0.90) for the other years; the
user's 2030 point is kept as 0.45 and the mix is a warning and a README "replace first" line.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import CarbonpathWarning
from carbonpath.init import init_dataset
from tests.init_sample import INIT, SAMPLE, SAMPLES


def test_i17_partial_nonfossil_series_is_announced(tmp_path):
    text = (INIT / "sample_drivers.csv").read_text(encoding="utf-8")
    path = tmp_path / "drivers.csv"
    path.write_text(text.rstrip("\n") + "\ngrid_nonfossil_share,2030,45,%,the province's plan\n",
                    encoding="utf-8")
    args = {**SAMPLE, "drivers": path}
    with pytest.warns(CarbonpathWarning, match=r"given years \(2030\) are mixed with national "
                      r"values for 2000, 2022, 2035, 2060"):
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o", **args)
    drv = pd.read_csv(tmp_path / "o" / "drivers.csv")
    share = drv[drv["driver"] == "grid_nonfossil_share"].set_index("year")["value"]
    assert share[2030] == pytest.approx(0.45)
    assert share[2022] == pytest.approx(0.36)
    readme = (tmp_path / "o" / "README.md").read_text(encoding="utf-8")
    assert "given years (2030) are mixed with national values" in readme
