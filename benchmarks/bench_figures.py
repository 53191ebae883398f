"""Figures once, in the formats the report needs (issue 15 section 4): four routes compared.

Draws every figure of a saved run's report (the first screen's and the figures section's)
and writes it four ways, in the same process on the same data, in a rotating order:

- ``twice``: the old way, ``savefig`` PNG then SVG with the constrained layout engine still on
  (the layout is solved again for each file);
- ``once``: :func:`carbonpath.report.figures.save_figure` with PNG and SVG, which lays the
  figure out once and writes both files from that layout (``carbonpath report --svg``);
- ``png_placeholder``: PNG only, laid out once and the engine then switched to ``"none"``
  (what ``save_figure`` did before perf6): matplotlib keeps a placeholder engine, so
  ``savefig`` still walks every artist once in a dry draw before it draws;
- ``png``: ``save_figure`` with PNG only, what a report writes by default
  (:data:`carbonpath.report.figures.REPORT_FORMATS`); the engine is removed after the layout,
  so ``savefig`` draws once. Since perf6, ``save_figure`` (routes ``once`` and ``png``) also
  pins empty axis labels (:func:`carbonpath.report.figures.freeze_layout`); ``twice`` and
  ``png_placeholder`` do not.

Each round draws the figures anew (drawing is the same for every route and timed apart).
Prints the medians, min and max of the saving time per route (CPU seconds of this process,
so that other jobs on the machine move it less) and their ratios to ``twice``.

Usage::

    PYTHONPATH=src python -m carbonpath run liaocheng -o /tmp/lc   # once, for the results
    PYTHONPATH=src python benchmarks/bench_figures.py /tmp/lc/results --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import matplotlib as mpl

from carbonpath.report.figures import (
    DPI,
    FIGURES,
    FORMATS,
    REPORT_FORMATS,
    STYLE,
    Skip,
    make_context,
    save_figure,
)
from carbonpath.report.figures_overview import OVERVIEW_FIGURES
from carbonpath.report.fonts import figure_fonts
from carbonpath.report.overview import load_extras
from carbonpath.run import load_results


def _twice(fig, folder: Path, name: str) -> None:
    fig.savefig(folder / f"{name}.png", dpi=DPI, facecolor="white", metadata={"Software": None})
    fig.savefig(folder / f"{name}.svg", facecolor="white",
                metadata={"Date": None, "Creator": None})


def _once(fig, folder: Path, name: str) -> None:
    save_figure(fig, folder, name, FORMATS)


def _png(fig, folder: Path, name: str) -> None:
    save_figure(fig, folder, name, REPORT_FORMATS)


def _png_placeholder(fig, folder: Path, name: str) -> None:
    # PNG only, laid out once as main did before perf6: the engine is switched to "none",
    # which leaves matplotlib's placeholder engine, so savefig still runs a dry draw first
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    fig.savefig(folder / f"{name}.png", dpi=DPI, facecolor="white", metadata={"Software": None})


def _round(ctx, route, folder: Path) -> tuple[float, float, int]:
    draw = save = 0.0
    n = 0
    for name, function in [*OVERVIEW_FIGURES, *FIGURES]:
        t0 = time.process_time()
        fig = function(ctx)
        t1 = time.process_time()
        draw += t1 - t0
        if fig is None or isinstance(fig, Skip):
            continue
        route(fig, folder, name)
        save += time.process_time() - t1
        n += 1
    return draw, save, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    fonts = figure_fonts(args.lang)
    ctx = make_context(load_results(args.results), fonts)
    ctx.extras = load_extras(args.results)
    routes = {"twice": _twice, "once": _once, "png_placeholder": _png_placeholder, "png": _png}
    times: dict[str, list[float]] = {key: [] for key in routes}
    draws: list[float] = []
    with (mpl.rc_context(STYLE), fonts.applied(), warnings.catch_warnings(),
          tempfile.TemporaryDirectory() as tmp):
        warnings.filterwarnings("ignore")
        _round(ctx, _once, Path(tmp))  # warm-up: font caches, imports
        for i in range(args.rounds):
            order = list(routes)[i % len(routes):] + list(routes)[:i % len(routes)]
            for key in order:
                draw, save, n = _round(ctx, routes[key], Path(tmp))
                times[key].append(save)
                draws.append(draw)
    print(f"{n} figures, {args.rounds} rounds, PNG at {DPI} dpi; CPU seconds; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    base = statistics.median(times["twice"])
    print("| route | files | save, median (min-max) | / twice |\n|---|---|---|---|")
    files = {"twice": "PNG + SVG", "once": "PNG + SVG", "png_placeholder": "PNG",
             "png": "PNG"}
    for key, values in times.items():
        print(f"| {key} | {files[key]} | {statistics.median(values):.3f} "
              f"({min(values):.3f}-{max(values):.3f}) | "
              f"{statistics.median(values) / base:.2f} |")
    print(f"drawing (the same for every route): median {statistics.median(draws):.3f} s")


if __name__ == "__main__":
    main()
