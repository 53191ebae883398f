"""The report's first screen, the figure fixes of issue 18, optional tables and the annex."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from PIL import Image

from carbonpath.report import overview as O
from carbonpath.report import render_report
from carbonpath.report import tables as T
from carbonpath.report.figures import (
    DPI,
    STYLE,
    figure_emissions,
    make_context,
    save_figure,
)
from carbonpath.report.fonts import figure_fonts
from carbonpath.report.formatting import local_name
from carbonpath.report.indicators import indicators
from carbonpath.report.render import _Ctx
from carbonpath.run import load_results

# tiny, solved by hand (datasets/tiny/README.md): the baseline's emissions grow by the same
# step every year; the plan holds its 2026 level (the peak rule "no increase after 2026")
TINY_STEP = 4829.551487213377 - 4680.228558381377  # kt/yr, baseline 2027 minus 2026
TINY_PLAN_PEAK = 4680.228558381377  # kt, 2026 onwards
TINY_CAP = 4800.0  # kt (4.8 Mt in plan.yaml)


@pytest.fixture(scope="module")
def tiny(tiny_out) -> Path:
    """The tiny dataset's results folder (no report; shared, read-only: copy to change)."""
    return tiny_out / "results"


def _copy(results: Path, dest: Path) -> Path:
    shutil.copytree(results, dest)
    return dest


def test_peak_rule_binds_only_where_relaxing_it_lowers_the_cost(tiny, tmp_path):
    result = load_results(tiny)
    binds = O.peak_binding(result)
    # 2026 costs more than any later year; from 2027 on the plan pays only for the 4.8 Mt cap
    # (the same objective at 2027, 2028 and 2029): the peak rule does not bind there
    assert binds.to_dict() == {2026: True, 2027: False, 2028: False, 2029: False}
    # a hand-made curve: objectives 10, 8, 5, 5 and an infeasible point
    results = _copy(tiny, tmp_path / "results")
    pd.DataFrame({"peak_year": [2025, 2026, 2027, 2028, 2029],
                  "status": ["infeasible", "optimal", "optimal", "optimal", "optimal"],
                  "objective": [np.nan, 10.0, 8.0, 5.0, 5.0],
                  "cost_of_peaking": [np.nan, 5.0, 3.0, 0.0, 0.0],
                  "peak_level": [np.nan, 4.8, 4.8, 4.8, 4.8],
                  "peak_at": [np.nan, 2026, 2026, 2026, 2026],
                  "binds": [np.nan] * 5}).to_csv(
        results / "peak_curve.csv", index=False)
    flags = O.peak_binding(load_results(results))
    assert np.isnan(flags[2025])
    assert [flags[y] for y in (2026, 2027, 2028, 2029)] == [True, True, False, False]
    # a column written by the run is taken as it is
    curve = pd.read_csv(results / "peak_curve.csv").assign(
        peak_binds=[False, False, True, True, False])
    curve.to_csv(results / "peak_curve.csv", index=False)
    flags = O.peak_binding(load_results(results))
    assert [bool(flags[y]) for y in (2026, 2027, 2028)] == [False, True, True]


def test_cost_per_tonne_abated(tiny):
    cost = O.cost_per_tonne(load_results(tiny))
    # baseline minus plan: 1, 2, 3 and 4 steps in 2027..2030
    assert cost["abated"] == pytest.approx(10 * TINY_STEP, rel=1e-9)
    # discounted at 5 % to 2024 as the cost is (issue 11, DY01): 1/1.05^3 .. 1/1.05^6
    discounted = TINY_STEP * (1 / 1.05**3 + 2 / 1.05**4 + 3 / 1.05**5 + 4 / 1.05**6)
    assert cost["abated_discounted"] == pytest.approx(discounted, rel=1e-9)
    assert cost["per_tonne"] == pytest.approx(cost["total"] / discounted * 1000)


def test_indicators_compare_each_target_with_its_value(tiny):
    frame = indicators(load_results(tiny)).set_index(["indicator", "scenario", "year"])
    plan_cap = frame.loc[("cap", "plan", 2030)]
    assert plan_cap["value"] == pytest.approx(TINY_PLAN_PEAK)
    assert plan_cap["target"] == pytest.approx(TINY_CAP)
    assert plan_cap["met"] is True
    base_cap = frame.loc[("cap", "baseline", 2030)]
    assert base_cap["value"] == pytest.approx(TINY_PLAN_PEAK + 4 * TINY_STEP)  # 5,277 > 4,800
    assert base_cap["met"] is False
    # the peak-year target (2026) in the first milestone after it: the plan peaks in 2026,
    # the baseline at its horizon
    assert frame.loc[("peak_year", "plan", 2030), "value"] == 2026
    assert frame.loc[("peak_year", "plan", 2030), "met"] is True
    assert frame.loc[("peak_year", "baseline", 2030), "met"] is False
    # a 15th FYP indicator without a target: a value, no verdict
    share = frame.loc[("fyp_nonfossil", "plan", 2030)]
    assert share["met"] is None
    assert np.isnan(share["target"])


def test_tornado_drops_the_rows_that_move_nothing(tiny, tmp_path):
    results = _copy(tiny, tmp_path / "results")
    sens = pd.read_csv(results / "sensitivity.csv")
    total, _ = T.cost_of_target(load_results(results))
    zero = sens.iloc[:2].assign(group="textiles", cost_of_target=total + 1e-10)
    pd.concat([sens, zero]).to_csv(results / "sensitivity.csv", index=False)
    bars = O.tornado(load_results(results))
    assert "textiles" not in set(bars["group"])
    moved = sens.groupby("group")["cost_of_target"].agg(lambda v: (v - total).abs().max())
    assert set(bars["group"]) == set(moved[moved > 1e-3].index)
    assert list(bars["span"]) == sorted(bars["span"], reverse=True)


def test_power_supply_counts_electricity_only_and_grid_links_as_flows():
    classes = pd.DataFrame({
        "kind": ["conversion", "import", "export"], "power": [True, True, False],
        "power_storage": [False, False, False], "electrolysis": [False, False, False],
        "nonfossil": [False, False, False], "input_kinds": [("fuel",), (), ("electricity",)],
        "outputs": [("electricity", "steam"), ("electricity",), ()],
        "output_kinds": [("electricity", "heat"), ("electricity",), ()],
    }, index=pd.Index(["chp", "grid_in", "grid_out"], name="technology"))
    commodities = pd.DataFrame({"commodity": ["electricity", "steam"],
                                "kind": ["electricity", "heat"]})
    flows = pd.DataFrame({
        "technology": ["chp", "chp", "grid_in", "grid_out"],
        "commodity": ["electricity", "steam", "electricity", "electricity"],
        "direction": ["output", "output", "output", "input"], "year": 2030,
        "value": [10.0, 36000.0, 2.0, 3.0], "unit": ["GWh/yr", "GJ/yr", "GWh/yr", "GWh/yr"]})
    capacity = pd.DataFrame({"technology": ["chp", "grid_in"], "year": 2030,
                             "total": [2.0, 5.0], "unit": "GW"})
    gen = T.power_generation({"flows": flows}, classes, {}, commodities)
    # 36,000 GJ of steam (10 GWh) is not electricity; the export is below zero
    assert gen.loc[2030].to_dict() == {"chp": 10.0, "grid_in": 2.0, "grid_out": -3.0}
    assert gen.attrs["generation"] == ["chp"]
    cap = T.power_capacity({"capacity": capacity}, classes)
    assert list(cap.columns) == ["chp"]  # the grid link is no built capacity


def test_peak_label_is_a_formatted_number_clear_of_the_cap(tiny):
    ctx = make_context(load_results(tiny), figure_fonts("zh"))
    fig = figure_emissions(ctx)
    texts = [t.get_text() for t in fig.findobj(Text)]
    # 4,680.2 kt = 468.0 万吨 (one decimal in the Chinese report), never 4.68e+02
    assert "468.0" in texts
    assert not [t for t in texts if re.search(r"\de[+-]\d", t)]
    label = next(t for t in fig.findobj(Text) if t.get_text() == "468.0")
    assert label.xyann[1] < 0  # the cap (480 万吨) is just above the peak: written below


def test_each_figure_is_laid_out_once(tiny, tmp_path, monkeypatch):
    calls = []
    original = ConstrainedLayoutEngine.execute

    def counted(self, fig):
        calls.append(fig)
        return original(self, fig)

    monkeypatch.setattr(ConstrainedLayoutEngine, "execute", counted)
    fig = figure_emissions(make_context(load_results(tiny), figure_fonts("en")))
    written = save_figure(fig, tmp_path, "emissions")
    assert len(calls) == 1  # PNG and SVG from one layout (twice before: once per savefig)
    assert written["png"].stat().st_size > 1000
    assert written["svg"].stat().st_size > 1000


def test_shadow_price_of_a_share_target_has_real_units(tiny):
    result = load_results(tiny)
    result.meta["targets"]["ev"] = {"type": "min_share", "group": "car",
                                    "members": ["car_bev"], "value": 0.6}
    techs = pd.DataFrame({"technology": ["car_bev", "car_ice"], "group": ["car", "car"],
                          "capacity_unit": ["vehicle", "vehicle"],
                          "activity_unit": ["vkm", "vkm"]})
    result.dataset_tables["technologies"] = techs
    c = _Ctx(result, "en")
    assert c.shadow_unit("MCNY", "ev") == "million CNY per vehicle/yr of new car capacity"
    assert c.shadow_unit("CNY/t", "cap") == c.t("u_cny_t")
    assert "unit of the target" not in c.shadow_unit("MCNY", "ev")


def test_chinese_reports_put_chinese_names_first():
    assert local_name("Raw coal (原煤)", "zh") == "原煤（Raw coal）"
    assert local_name("Hydrogen (氢气, LHV)", "zh") == "氢气, LHV（Hydrogen）"
    assert local_name("Raw coal (原煤)", "en") == "Raw coal (原煤)"
    assert local_name("Coal purchases", "zh") == "Coal purchases"


def _write_extras(results: Path) -> None:
    rows = []
    # plan: samples 0-2 peak in 2026, sample 3 in 2029; baseline: all rise to 2030
    for sample in range(4):
        for year in range(2024, 2031):
            top = 2029 if sample == 3 else 2026
            plan = 4000.0 + 100 * min(year, top) - 100 * max(0, year - top) + sample
            rows.append(("plan", sample, year, "emissions", plan))
            rows.append(("baseline", sample, year, "emissions", 4000.0 + 100 * year + sample))
    pd.DataFrame(rows, columns=list(O.MC_COLUMNS)).to_parquet(results / "montecarlo.parquet")
    (results / "analysis").mkdir(exist_ok=True)  # `carbonpath run` writes wedges there
    pd.DataFrame({"scenario": "plan", "year": [2028, 2028, 2030, 2030],
                  "lever": ["solar", "efficiency"] * 2, "value": [50.0, 20.0, 80.0, 40.0]}
                 ).to_csv(results / "analysis" / "wedges.csv", index=False)
    pd.DataFrame({"measure": ["efficiency", "solar"], "abatement": [40.0, 80.0],
                  "cost": [-50.0, 120.0]}).to_csv(results / "analysis" / "macc.csv",
                                                  index=False)
    pd.DataFrame({"quantity": ["emissions"], "value": [4600.0],
                  "source": ["CEADs city inventory (test value)"]}).to_csv(
        results / "dataset" / "reference.csv", index=False)


def test_optional_tables_fill_their_slots(tiny, tmp_path, placeholder_png):
    results = _without_wedges(tiny, tmp_path / "results")  # replaced by the test's wedges
    _write_extras(results)
    written = render_report(results, tmp_path / "out")
    html = written["html"].read_text(encoding="utf-8")
    overview = re.search(r'<section id="overview">(.*?)</section>', html, re.S).group(1)
    for name in ("fan", "wedges", "macc", "tornado"):
        assert (tmp_path / "out" / "figures" / f"{name}.png").is_file()
        assert f'id="figure-{name}"' in overview
    # 3 of the plan's 4 samples peak by 2026, the target year
    peak = re.search(r'id="table-peak">(.*?)</table>', overview, re.S).group(1)
    assert ">75 %<" in peak
    assert ">0 %<" in peak  # the baseline's samples rise to 2030
    assert not re.search(r">2,0\d\d<", peak)  # median peak years without a separator
    # the base year against the published value: 4,381.6 kt modelled, 4,600 kt published
    base = re.search(r'id="table-base-year">(.*?)</table>', overview, re.S).group(1)
    assert "CEADs city inventory (test value)" in base
    assert f"{(4600.0 / 4381.582700717377 - 1) * 100:+.1f} %".replace("+", "+") in base


def _without_wedges(results: Path, dest: Path) -> Path:
    """A copy of results as saved before `carbonpath run` wrote analysis/wedges.csv."""
    results = _copy(results, dest)
    (results / "analysis" / "wedges.csv").unlink()
    meta = json.loads((results / "run.json").read_text(encoding="utf-8"))
    del meta["tables"]["analysis/wedges.csv"]
    (results / "run.json").write_text(json.dumps(meta), encoding="utf-8")
    return results


def test_without_optional_tables_the_slots_say_so(tiny, tmp_path, placeholder_png):
    results = _without_wedges(tiny, tmp_path / "results")
    written = render_report(results, tmp_path / "out", lang="zh")
    html = written["html"].read_text(encoding="utf-8")
    overview = re.search(r'<section id="overview">(.*?)</section>', html, re.S).group(1)
    assert "montecarlo.parquet" in overview
    assert "analysis/wedges.csv" in overview
    assert 'id="figure-fan"' not in overview
    # each card has its own title
    labels = re.findall(r'<div class="label">(.*?)</div>', html)
    assert len(labels) == len(set(labels))
    # the annex: the full tables, each linking its CSV in the results folder
    annex = written["annex_html"].read_text(encoding="utf-8")
    assert "sensitivity.csv" in annex
    assert (tmp_path / "out" / written["annex_markdown"].name).is_file()
    md = written["markdown"].read_text(encoding="utf-8")
    assert "annex.zh.html" in md


def test_every_lever_has_a_name_in_both_languages():
    # the wedge figure's legend: a lever code (fuel_mix) must not reach the Chinese report
    from carbonpath.report.i18n import lever_label
    from carbonpath.scenarios.levers import LEVERS

    for lever in LEVERS:
        en, zh = lever_label(lever, "en"), lever_label(lever, "zh")
        assert en != lever
        assert zh != lever
        assert all("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert lever_label("solar", "zh") == "solar"  # a measure's own code is kept


def test_the_usual_scenario_names_are_translated_in_the_chinese_report():
    from carbonpath.report.i18n import SCENARIO_NAMES, translator

    zh = translator("zh")
    for code in SCENARIO_NAMES:
        assert all("\u4e00" <= ch <= "\u9fff" for ch in zh(f"scn_{code}"))


def test_a_cap_is_not_judged_in_observed_years():
    # Liaocheng's 2024-25 are observed (history): its 2025 emissions above the plan's cap are
    # not a missed target, so the indicator table starts at the first decision year
    from types import SimpleNamespace

    from carbonpath.report.indicators import _target_rows

    totals = pd.Series({2023: 64.36e3, 2024: 64.6e3, 2025: 64.8e3, 2030: 61.8e3})  # kt
    spec = {"type": "cap", "value": 64.4, "unit": "Mt CO2"}
    observed = SimpleNamespace(meta={"dataset": {"first_decision_year": 2026}})
    rows = _target_rows(observed, "plan", "cap", spec, (2025, 2030), totals, pd.DataFrame(),
                        "CO2")
    assert [(r["year"], r["met"]) for r in rows] == [(2030, True)]
    # without observed years (first decision year = base year + 1) 2025 is judged: missed
    plain = SimpleNamespace(meta={"dataset": {}})
    rows = _target_rows(plain, "plan", "cap", spec, (2025, 2030), totals, pd.DataFrame(), "CO2")
    assert [(r["year"], r["met"]) for r in rows] == [(2025, False), (2030, True)]


def test_a_laid_out_figure_is_drawn_once_per_file_with_the_same_pixels(tiny, tmp_path,
                                                                       monkeypatch):
    # reference: the layout kept as matplotlib's placeholder engine (set_layout_engine
    # "none"), as save_figure did before: savefig then walks the figure in a dry draw first
    ctx = make_context(load_results(tiny), figure_fonts("en"))
    with matplotlib.rc_context(STYLE), ctx.fonts.applied():
        ref = figure_emissions(ctx)
        ref.get_layout_engine().execute(ref)
        ref.set_layout_engine("none")
        ref.savefig(tmp_path / "ref.png", dpi=DPI, facecolor="white",
                    metadata={"Software": None})
        draws = []
        original = Figure.draw

        def counted(self, renderer):
            draws.append(self)
            return original(self, renderer)

        monkeypatch.setattr(Figure, "draw", counted)
        fig = figure_emissions(ctx)
        written = save_figure(fig, tmp_path, "emissions", ("png",))
    assert len(draws) == 1  # one draw for the one file (two before: a dry one, then the PNG)
    assert fig.get_layout_engine() is None
    # the same pixels (the file is encoded as write_png does: RGB, zlib level 3)
    ref_pixels = np.asarray(Image.open(tmp_path / "ref.png"))
    assert (ref_pixels[:, :, 3] == 255).all()
    assert np.array_equal(np.asarray(Image.open(written["png"])), ref_pixels[:, :, :3])


def _reference_stacked_bars(ax, wide, colors, labels, width=0.72):
    # what _stacked_bars drew before issue 15's perf6: one ax.bar call (a patch per bar)
    x = np.asarray(wide.index, dtype=float)
    up, down = np.zeros(len(x)), np.zeros(len(x))
    for col in wide.columns:
        values = wide[col].to_numpy(dtype=float)
        pos, neg = np.where(values > 0, values, 0.0), np.where(values < 0, values, 0.0)
        drawn = False
        if pos.any():
            ax.bar(x, pos, width, bottom=up, color=colors[col], label=labels[col],
                   edgecolor="white", linewidth=0.4)
            up += pos
            drawn = True
        if neg.any():
            ax.bar(x, neg, width, bottom=down, color=colors[col],
                   label=None if drawn else labels[col], edgecolor="white", linewidth=0.4)
            down += neg
    if (down < 0).any():
        ax.axhline(0, color="#666666", linewidth=0.8)


def test_stacked_bars_in_one_artist_draw_what_ax_bar_draws(tmp_path):
    from carbonpath.report.figures_base import _legend, _new, _stacked_bars

    wide = pd.DataFrame({"coal": [5.0, 4.0, 3.5, 0.0], "gas": [1.0, 1.5, 2.0, 2.5],
                         "ccs": [0.0, -0.5, -1.25, -2.0], "solar": [0.25, 0.0, 1.0, 3.0]},
                        index=[2025, 2030, 2035, 2040])
    colors = {"coal": "#333333", "gas": "#e15759", "ccs": "#59a14f", "solar": "#edc948"}
    labels = {c: c.title() for c in wide.columns}
    positive = wide.drop(columns="ccs")
    for frame, line in ((wide, True), (positive, False)):
        files, legends, limits = [], [], []
        with matplotlib.rc_context(STYLE):
            for draw in (_reference_stacked_bars, _stacked_bars):
                fig, axes = _new()
                ax = axes[0, 0]
                if line:  # a labelled line first: legends list containers after it
                    ax.plot(frame.index, frame.sum(axis=1), color="k", label="Net")
                draw(ax, frame, colors, labels)
                _legend(ax)
                written = save_figure(fig, tmp_path, draw.__name__, ("png",))
                files.append(written["png"].read_bytes())
                legends.append([t.get_text() for t in ax.get_legend().get_texts()])
                limits.append(ax.get_ylim())
        assert limits[0] == limits[1]
        assert files[0] == files[1]
        assert legends[0] == legends[1]
    assert legends[0] == ["Solar", "Gas", "Coal"]
    assert limits[0][0] == 0.0  # the bars' bottoms are sticky, as ax.bar's: no margin below 0


def test_empty_axis_labels_are_pinned_without_changing_a_pixel(tiny, tmp_path, monkeypatch):
    from carbonpath.report import figures as F

    ctx = make_context(load_results(tiny), figure_fonts("en"))
    files = {}
    with matplotlib.rc_context(STYLE), ctx.fonts.applied():
        for pinned in (False, True):
            with monkeypatch.context() as m:
                if not pinned:
                    m.setattr(F, "_pin_empty_axis_labels", lambda fig: None)
                fig = figure_emissions(ctx)
                ax = fig.axes[0]
                assert ax.get_xlabel() == ""
                assert ax.get_ylabel() != ""
                label_y = ax.yaxis.label
                files[pinned] = save_figure(fig, tmp_path, f"e{pinned}", ("png",))["png"]
                # the y label (with text) is still placed beside the tick labels
                assert label_y.get_window_extent().x1 < ax.get_window_extent().x0
    assert files[True].read_bytes() == files[False].read_bytes()


def test_a_written_figure_is_freed_before_the_next_is_drawn(tiny, tmp_path):
    import weakref

    from carbonpath._memory import frozen_heap
    from carbonpath.report.figures import draw_figures

    refs, alive = [], []

    def first(ctx):
        fig = figure_emissions(ctx)
        refs.append(weakref.ref(fig))
        return fig

    def second(ctx):
        alive.append(refs[0]() is not None)  # the first figure, written: still in memory?
        return figure_emissions(ctx)

    with frozen_heap():  # as write_report draws: a collection walks the report's objects only
        specs = draw_figures(load_results(tiny), tmp_path, "en",
                             figures=[("emissions", first), ("costs", second)])
    assert [s.png.name for s in specs] == ["emissions.png", "costs.png"]
    assert alive == [False]
