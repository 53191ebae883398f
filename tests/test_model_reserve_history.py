"""Reserve margins in observed years: checked against history, not imposed (issue 12).

The adequacy toy of ``test_model_operations`` (2 GW of coal at capacity credit 0.8, an
investable peaker at credit 0.5, a declared peak of 2 GW and a 20 % margin) run to 2026
with decisions from 2026: 2024 and 2025 are observed history. By hand: the firm capacity of
history is 2 x 0.8 = 1.6 GW, a margin of 1.6 / 2 - 1 = -20 %, 40 points below the required
20 % (2.4 - 1.6 = 0.8 GW short). History is not made infeasible by it: the model solves,
reports the margins and warns for 2024 and 2025; in 2026 the margin is imposed, so the
peaker is built for the missing 0.8 GW firm (1.6 GW) and the margin is exactly 20 %.
"""

import math

import pytest
import yaml

from carbonpath import optimise
from tests.test_model_operations import adequacy_case, reserve
from tests.toy import param

approx = pytest.approx


def _history(folder, reserves, first_decision_year=2026, **kw):
    observed = [param("coal", "activity", 8760, "GWh/yr", 2025)]
    extra = list(kw.pop("extra_params", ())) + observed
    folder = adequacy_case(folder, reserves, extra_params=extra, **kw)
    config = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    config.update(horizon=2026, first_decision_year=first_decision_year)
    (folder / "dataset.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder


def test_history_below_the_margin_is_reported_and_warned_not_imposed(tmp_path):
    folder = _history(tmp_path / "h", [reserve("electricity", "margin", 0.2, "1"),
                                       reserve("electricity", "peak", 2000, "MW")])
    p = optimise(folder, scenario="baseline")
    table = p.reserve_margins.set_index("year")
    for y in (2024, 2025):
        assert not table.loc[y, "imposed"]
        assert table.loc[y, "firm"] == approx(1.6)
        assert table.loc[y, "peak"] == approx(2.0)
        assert table.loc[y, "peak_at"] == "declared"
        assert table.loc[y, "achieved"] == approx(-0.2)
    assert table.loc[2026, "imposed"]
    assert table.loc[2026, "achieved"] == approx(0.2)
    cap = p.capacity.set_index(["technology", "year"])
    assert cap.loc[("peaker", 2026), "new"] == approx(1.6)
    warned = [w for w in p.warnings if w.startswith("reserve margin")]
    assert len(warned) == 2
    assert "in 2024 (observed, checked not imposed)" in warned[0]
    assert "0.8 GW short" in warned[0]
    # the capacity price exists only where the margin is imposed
    assert list(p.capacity_prices["year"]) == [2026]


def test_history_within_the_margin_gives_no_warning_and_the_peak_from_the_profile(tmp_path):
    # no declared peak: the load's highest block. Two 12-hour blocks at 0.5 and 1.5 of
    # 8760 GWh/yr: 0.5 and 1.5 GW; the peak is 1.5 GW in the second block. Margin 5 %:
    # 1.6 / 1.5 - 1 = 6.67 % >= 5 % in history; no warning.
    folder = _history(tmp_path / "p", [reserve("electricity", "margin", 0.05, "1")],
                      profile=[0.5, 1.5], hours=2)
    p = optimise(folder, scenario="baseline")
    table = p.reserve_margins.set_index("year")
    assert table.loc[2024, "peak"] == approx(1.5)
    assert table.loc[2024, "peak_at"] == "day/1"
    assert table.loc[2024, "achieved"] == approx(1.6 / 1.5 - 1)
    assert not any(w.startswith("reserve margin") for w in p.warnings)
    assert not math.isnan(table.loc[2025, "achieved"])
