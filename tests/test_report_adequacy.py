"""Capacity prices and stranded costs in the report: a first-screen sentence and annex tables.

tiny has no reserve margin and no early retirement, so its report has neither; the test
adds hand-made ``capacity_prices`` and ``retirement`` tables to its plan and checks that the
first screen states the highest price and the total stranded annuities, and that the annex
holds both tables, in English and Chinese.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from carbonpath.report.adequacy import adequacy_annex, adequacy_lines
from carbonpath.report.render import _Ctx, write_report
from carbonpath.run import load_results


@pytest.fixture(scope="module")
def tiny(tiny_out):
    return tiny_out / "results"


def _with_tables(results):
    result = load_results(results)
    plan = result.pathways["plan"]
    plan["capacity_prices"] = pd.DataFrame({
        "commodity": "electricity", "year": [2025, 2026, 2027],
        "value": [0.0, 212.5, 87.0], "unit": "CNY/kW/yr", "binding": ["", "day/1", "day/1"]})
    # 1.5 GW retired in 2026, stranding 40 + 60 MCNY/yr: 100 MCNY in total
    plan["retirement"] = pd.DataFrame({
        "technology": "coal_power", "year": [2025, 2026, 2027], "retired": [0.0, 1.5, 1.5],
        "stranded": [0.0, 40.0, 60.0], "capacity_unit": "GW", "cost_unit": "MCNY/yr"})
    return result


def _screen(html):
    return re.search(r'<section id="overview">(.*?)</section>', html, re.S).group(1)


def test_capacity_price_and_stranded_cost_on_the_first_screen_and_in_the_annex(tiny,
                                                                                tmp_path):
    written = write_report(_with_tables(tiny), tmp_path / "en")
    screen = _screen(written["html"].read_text(encoding="utf-8"))
    # the highest price, its commodity and year; the years it is non-zero
    assert "up to 212 CNY/kW-yr (electricity, 2026; non-zero in 2026–2027)" in screen
    # 40 + 60 = 100 million CNY, the retiring technology and the years
    assert "(coal_power, 2026–2027) strands 100.0 million CNY" in screen
    annex = written["annex_markdown"].read_text(encoding="utf-8")
    assert "## Capacity prices of the reserve margin" in annex
    assert "| electricity | 2026 | 212.5 | day/1 |" in annex
    assert "## Early retirement and stranded annuities" in annex
    assert "pathways/plan/retirement.csv" in annex


def test_chinese_sentence_converts_the_stranded_cost_to_its_money_unit(tiny):
    lines = adequacy_lines(_Ctx(_with_tables(tiny), "zh"))
    assert "212 元/千瓦·年" in lines[0]
    assert "1.00 亿元" in lines[1]  # 100 MCNY = 1 亿元


def test_nothing_when_the_plan_has_no_capacity_price_or_stranded_cost(tiny):
    c = _Ctx(load_results(tiny), "en")
    assert adequacy_lines(c) == []
    assert adequacy_annex(c) == []


def test_a_target_on_some_regions_is_not_compared_with_the_totals():
    from carbonpath.report.indicators import _target_rows

    totals = pd.Series({2024: 10.0, 2025: 12.0})  # the whole dataset's emissions
    spec = {"type": "cap", "value": 11, "unit": "kt CO2", "region": "a"}
    assert _target_rows(None, "plan", "cap_a", spec, (2025,), totals, pd.DataFrame(),
                        "CO2") == []
    # the same cap on the whole dataset is compared with the totals (and missed: 12 > 11)
    spec.pop("region")
    rows = _target_rows(None, "plan", "cap", spec, (2025,), totals, pd.DataFrame(), "CO2")
    assert [(r["year"], r["met"]) for r in rows] == [(2025, False)]
