"""Round 24 (issue 11): slips in init's captive input (rel77).

B111 captive heat output of too few full-load hours is warned like generation's; B113 B114 a
captive (heat) capacity under 1 MW is warned; B152 a tie far above the city's capacity is
warned; B165 the resized notice gives each heat type its own part of the shared plants.
"""

import io
import warnings

import pandas as pd
import pytest

from carbonpath.init.captive import CaptiveHoursWarning, CaptiveSizeWarning, read_captive
from tests.conftest import assert_no_carbonpath_warnings

TAIL = "serves,industry,,,park\ntie,,200,万千瓦,tie\n"
HEAT = ["coal_chp", "heat_coal_boiler", "heat_gas_boiler"]


def _frame(rows: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO("part,code,value,unit,source\n" + rows + TAIL), dtype=str,
                       keep_default_na=False)


def test_heat_output_of_too_few_hours_is_warned_with_the_wan_reading():
    # hand: 1000 百万千焦 = 1000 GJ = 1000 / 3.6 = 277.8 MWh; over 500 MW = 0.556 h, below
    # 500 h. 1000 万百万千焦 = 1e7 GJ = 2,777,778 MWh = 5,556 h (plausible); x10 = 5.6 h is not
    frame = _frame("heat_capacity,coal_chp,500,MW,chp\nheat_output,coal_chp,1000,百万千焦,heat\n")
    with pytest.warns(CaptiveHoursWarning) as record:
        read_captive(frame, ["coal"], name="captive.csv", heat_types=HEAT)
    (w,) = [r for r in record if r.category is CaptiveHoursWarning]
    text = str(w.message)
    assert "row 3" in text
    assert "0.556 full-load hours" in text
    assert "1000 万百万千焦 = 10,000,000 GJ (5,556 h)" in text
    assert "x10 =" not in text


def test_heat_output_of_real_hours_is_quiet():
    # hand: 1000 万百万千焦 over 500 MW = 5,556 h; 200 MW of boilers is >= 1 MW
    frame = _frame("heat_capacity,coal_chp,500,MW,chp\nheat_output,coal_chp,1000,万百万千焦,h\n"
                   "heat_capacity,heat_coal_boiler,200,MW,boilers\n")
    with assert_no_carbonpath_warnings():
        read_captive(frame, ["coal"], name="captive.csv", heat_types=HEAT)


@pytest.mark.parametrize(("row", "part", "mw"), [
    ("heat_capacity,coal_chp,500,kW,chp\n", "heat capacity of 'coal_chp'", "0.5 MW"),
    ("capacity,coal,100,kW,units\n", "capacity of 'coal'", "0.1 MW"),
])
def test_captive_capacity_under_a_megawatt_is_warned(row, part, mw):
    # hand: 500 kW = 0.5 MW, 100 kW = 0.1 MW: under the 1 MW floor; 100 万千瓦 = 1,000 MW
    with pytest.warns(CaptiveSizeWarning) as record:
        read_captive(_frame(row), ["coal"], name="captive.csv", heat_types=HEAT)
    (w,) = [r for r in record if r.category is CaptiveSizeWarning]
    text = str(w.message)
    assert "row 2" in text
    assert part in text
    assert mw in text


def test_tie_far_above_the_city_is_warned():
    from carbonpath.init.captive_checks import warn_tie

    # hand: capacity input 300 + 30 + 180 + 60 + 10 = 580 万千瓦 = 5,800 MW; a tie of
    # 200 GW = 200,000 MW is 34.5 x that, above 2 x 5,800 = 11,600 MW; 2,000 MW is not
    cap = read_captive(_frame("capacity,coal,100,万千瓦,units\n"), ["coal"], name="captive.csv")
    capacity = pd.DataFrame({"type": ["coal", "gas", "pv", "wind_onshore", "battery"],
                             "mw": [3000.0, 300.0, 1800.0, 600.0, 100.0]})
    capacity.attrs["file"] = "capacity.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warn_tie(cap, capacity)  # 2,000 MW: quiet
    cap.tie = (200_000.0, 5, "tie")
    with pytest.warns(CaptiveSizeWarning, match=r"row 5.*34\.5 times.*5,800 MW.*11,600 MW"):
        warn_tie(cap, capacity)


def test_resized_notice_gives_each_heat_type_its_own_part(tmp_path):
    from tests.init_sample import captive_city

    # hand: coal_chp by output 1000 万百万千焦 = 1e7 GJ; init sizes heat plants at 1.2 x output /
    # 25,200 GJ per MW-year (the catalogue utilisation), so its part is
    # 1e7 x 1.2 / 25,200 = 476.2 MW; the 200 MW of coal boilers (by capacity) share the same
    # captive_heatplant_raw_coal (676.2 MW in all) but are not coal_chp's
    city = captive_city(tmp_path, "part,code,value,unit,source\n"
                        "heat_capacity,coal_chp,500,MW,CHP\n"
                        "heat_output,coal_chp,1000,万百万千焦,heat\n"
                        "heat_capacity,heat_coal_boiler,200,MW,boilers\n" + TAIL)
    readme = (city.path / "README.md").read_text(encoding="utf-8")
    assert f"stated heat capacity of 'coal_chp' 500.0 MW, modelled {1e7 * 1.2 / 25200:,.1f} MW" \
        in readme
    assert "676.2" not in readme.split("stated heat capacity of 'coal_chp'")[1][:60]
