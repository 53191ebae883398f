"""Round 30 (rel116): init inputs that passed silently (KF05 KF44 KF61 KF48 KF57 KF68 KF70 KF71)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from carbonpath.errors import DataError


def _caught(call):
    """Run ``call`` and return the warnings it issued (every one, always)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        call()
    return seen


# --- KF44 KF61: a growth rate a power of ten off its own source's figure -------------------

def _growth(rate: float, source: str, driver: str = "gdp") -> pd.DataFrame:
    return pd.DataFrame({"driver": [driver], "start": [2022], "end": [2030], "rate": [rate],
                         "source": [source]})


def test_gdp_rate_a_tenth_of_its_source_percent_warns():
    """KF44: 0.005 beside "assumed 5 %/yr": 5 % = 0.05 = 10 x 0.005; 0.005 is inside the
    usual band (0 .. 12 %), so only the source shows the slip."""
    from carbonpath.dataset.absolute import UnusualDriverWarning
    from carbonpath.init.inputs import read_growth

    seen = _caught(lambda: read_growth(_growth(0.005, "synthetic sample: assumed 5 %/yr"),
                                       name="g.csv"))
    (w,) = [w for w in seen if w.category is UnusualDriverWarning]
    text = str(w.message)
    assert text.startswith("g.csv, row 2, column 'rate': gdp rate 0.005")
    assert "'5 %', which is 0.05" in text
    assert "valid: 0.05" in text


def test_population_rate_ten_times_its_source_per_mille_warns():
    """KF61: 0.025 beside "人口增长率 2.5‰": 2.5 ‰ = 2.5 / 1000 = 0.0025, a tenth of 0.025."""
    from carbonpath.dataset.absolute import UnusualDriverWarning
    from carbonpath.init.inputs import read_growth

    seen = _caught(lambda: read_growth(
        _growth(0.025, "统计公报: 人口增长率 2.5‰", "population"), name="g.csv"))
    (w,) = [w for w in seen if w.category is UnusualDriverWarning]
    assert "valid: 0.0025" in str(w.message)


@pytest.mark.parametrize(("rate", "source"), [
    (0.05, "synthetic sample: assumed 5 %/yr"),      # the rate its source states
    (0.04, "plan: 4 % a year; CEC: ~36% in 2022"),   # one figure matches, another is 9 x
    (0.0025, "千分之2.5"),                            # 2.5 per mille = 0.0025
    (-0.002, "synthetic sample: assumed slow decline"),  # no figure
])
def test_rate_agreeing_with_its_source_is_quiet(rate, source):
    from carbonpath.init.driver_checks import warn_rate_beside_source

    assert not _caught(lambda: warn_rate_beside_source("gdp", rate, source, "g.csv, row 2"))


# --- KF05: a rising grid factor whose fossil part exceeds any coal fleet -----------------

def _drivers(f2030: float) -> pd.DataFrame:
    return pd.DataFrame({
        "driver": ["grid_emission_factor", "grid_emission_factor", "grid_nonfossil_share",
                   "grid_nonfossil_share"],
        "year": [2022, 2030, 2022, 2030], "value": [0.641, f2030, 0.36, 0.50],
        "unit": ["t CO2/MWh", "t CO2/MWh", "1", "1"]})


def test_operating_margin_factor_beside_rising_share_warns():
    """KF05: 0.9419 / (1 - 0.50) = 1.8838 t CO2/MWh of fossil power (2022: 0.641 / 0.64 =
    1.0016), above the 1.2 ceiling; with 2022's fossil part the factor would be
    1.0016 x 0.5 = 0.5008."""
    from carbonpath.dataset.grid_drivers import fossil_factor_notes

    (note,) = fossil_factor_notes(_drivers(0.9419), lambda i: f"d.csv, row {i + 2}")
    assert note.startswith("d.csv, row 3, column 'value': grid_emission_factor 2030 = 0.9419")
    assert "= 1.88 t CO2/MWh" in note
    assert "(in 2022: 1)" in note
    assert "about 0.501" in note


def test_flat_factor_beside_rising_share_is_quiet():
    """init's own series: 0.641 held flat beside 0.50 gives 0.641 / 0.5 = 1.282 > 1.2, but a
    factor that does not rise is never judged high."""
    from carbonpath.dataset.grid_drivers import fossil_factor_notes

    assert fossil_factor_notes(_drivers(0.641), str) == []


# --- KF70: weight boxes ---------------------------------------------------------------------

def test_weight_box_unit_error_gives_the_conversion():
    """1 万重量箱 = 10,000 x 50 kg = 500 t = 0.05 万吨."""
    from carbonpath.accounting.activity.production import read_production

    frame = pd.DataFrame({"product": ["glass"], "value": [500], "unit": ["万重量箱"]})
    with pytest.raises(DataError) as err:
        read_production(frame, region="CN-SD", year=2022, name="p.csv")
    assert "1 万重量箱 = 500 t = 0.05 万吨" in str(err.value)


def test_mass_row_with_its_weight_boxes_in_the_note_warns():
    """KF70: 500 万吨 whose note says 500 万重量箱: 500 x 10,000 x 0.05 t = 250,000 t = 25 万吨."""
    from carbonpath.accounting.activity.production import WeightBoxWarning, read_production

    frame = pd.DataFrame({"product": ["glass", "lime"], "value": [500, 30],
                          "unit": ["万吨", "万吨"],
                          "note": ["统计年鉴: 平板玻璃 500 万重量箱", "sample"]})
    seen = _caught(lambda: read_production(frame, region="CN-SD", year=2022, name="p.csv"))
    (w,) = [w for w in seen if w.category is WeightBoxWarning]
    assert str(w.message).startswith("p.csv, row 0, column 'value': 500 万吨")  # index label
    assert "= 250,000 t = 25 万吨, not 5,000,000 t" in str(w.message)


# --- KF68: an "of which" capacity row beside its total ----------------------------------------

def test_of_which_row_beside_its_total_warns():
    """KF68: pv_utility 180 万千瓦 (含分布式) and pv_rooftop 60 (其中): init adds 1,800 + 600 =
    2,400 MW; as a total, pv_utility would be 1,800 - 600 = 1,200 MW."""
    from carbonpath.init.of_which import OfWhichWarning, warn_of_which

    cap = pd.DataFrame({"type": ["coal", "pv_utility", "pv_rooftop"],
                        "mw": [3000.0, 1800.0, 600.0],
                        "source": ["s", "年鉴: 光伏装机 180 (含分布式)", "年鉴: 其中分布式光伏 60"],
                        "line": [2, 3, 4]})
    (w,) = [w for w in _caught(lambda: warn_of_which(cap, "c.csv"))
            if w.category is OfWhichWarning]
    text = str(w.message)
    assert text.startswith("c.csv, row 4, column 'value': 'pv_rooftop' 600 MW")
    assert "(2,400 MW of pv)" in text
    assert "'pv_utility' 1,200 MW" in text
    two_fleets = cap.assign(source=["s", "年鉴: 集中式光伏", "年鉴: 分布式光伏"])
    assert not _caught(lambda: warn_of_which(two_fleets, "c.csv"))


# --- KF48 KF57: the captive resize notice names the output's x10 reading -------------------

def test_captive_notice_names_the_tenfold_reading():
    """KF57: 0.5 亿千瓦时 = 50,000 MWh beside 100 MW is 500 h (above gas's 250 h floor); the
    balance's fleet sizes it at 23.4 MW (under half of 100); x10 gives 5,000 h."""
    from carbonpath.init.captive_heat import KEEP, _tenfold

    text = _tenfold("captive: ... " + KEEP, None, [], 100.0, 50_000.0, "generation", 3,
                    250.0, modelled=23.4)
    assert "gives the stated capacity 500 full-load hours" in text
    assert "x10 gives 5,000 h, fix the generation" in text
    # a cut under half whose x10 reading exceeds 8,760 h keeps the plain advice
    assert _tenfold("x " + KEEP, None, [], 100.0, 100_000.0, "generation", 3, 250.0,
                    modelled=23.4) == "x " + KEEP


# --- KF71: a product split into two plants is judged by its sum -----------------------------

def test_product_split_into_plants_judged_by_its_sum(tmp_path):
    """KF71: ammonia 15 + 10 万吨 = the sample's 25 万吨: no low-share warning on the 10 万吨
    row; 1.5 + 1.0 万吨 (kt typed for 万吨 in both) warns once, naming both rows."""
    from carbonpath.accounting.plausible_usual import LowCarbonShareWarning
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, SAMPLE

    def run(a: float, b: float, out: str) -> list[str]:
        path = tmp_path / f"{out}.csv"
        path.write_text(
            "product,value,unit,technology,note\ncement_clinker,450,万吨,,s\nlime,30,万吨,,s\n"
            f"ammonia,{a:g},万吨,coal_gasification,plant A\n"
            f"ammonia,{b:g},万吨,modern_reforming,plant B\n"
            "primary_aluminium_prebake,60,万吨,,s\nbof_steel,250,万吨,,s\n", encoding="utf-8")
        seen = _caught(lambda: init_dataset(BALANCE, out=tmp_path / out,
                                            **{**SAMPLE, "production": path}))
        return [str(w.message) for w in seen if w.category is LowCarbonShareWarning]

    assert run(15, 10, "right") == []
    (message,) = run(1.5, 1.0, "slip")
    assert "rows 4, 5, column 'value': ammonia (1.5 万吨 + 1 万吨 in all)" in message
