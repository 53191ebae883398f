"""Figures once (issue 15 section 4): the report's figures laid out once vs once per format.

Draws every report figure of a saved run and writes it as PNG and SVG two ways, in the same
process on the same data, alternating the order each round:

- ``twice``: the old way, ``savefig`` PNG then SVG with the constrained layout engine still on
  (the layout is solved again for each file);
- ``once``: :func:`carbonpath.report.figures.save_figure`, which lays the figure out once and
  writes both files from that layout.

Each round draws the figures anew (drawing is the same for both and timed apart). Prints the
medians, min and max of the saving time per route and their ratio.

Usage::

    PYTHONPATH=src python -m carbonpath run liaocheng -o /tmp/lc   # once, for the results
    PYTHONPATH=src python benchmarks/bench_figures.py /tmp/lc/results --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import matplotlib as mpl

from carbonpath.report.figures import DPI, FIGURES, STYLE, Skip, make_context, save_figure
from carbonpath.report.fonts import figure_fonts
from carbonpath.run import load_results


def _twice(fig, folder: Path, name: str) -> None:
    fig.savefig(folder / f"{name}.png", dpi=DPI, facecolor="white", metadata={"Software": None})
    fig.savefig(folder / f"{name}.svg", facecolor="white",
                metadata={"Date": None, "Creator": None})


def _once(fig, folder: Path, name: str) -> None:
    save_figure(fig, folder, name)


def _round(ctx, route, folder: Path) -> tuple[float, float, int]:
    draw = save = 0.0
    n = 0
    for name, function in FIGURES:
        t0 = time.perf_counter()
        fig = function(ctx)
        t1 = time.perf_counter()
        draw += t1 - t0
        if fig is None or isinstance(fig, Skip):
            continue
        route(fig, folder, name)
        save += time.perf_counter() - t1
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
    times: dict[str, list[float]] = {"twice": [], "once": []}
    draws: list[float] = []
    routes = {"twice": _twice, "once": _once}
    with (mpl.rc_context(STYLE), fonts.applied(), warnings.catch_warnings(),
          tempfile.TemporaryDirectory() as tmp):
        warnings.filterwarnings("ignore")
        _round(ctx, _once, Path(tmp))  # warm-up: font caches, imports
        for i in range(args.rounds):
            order = ("twice", "once") if i % 2 == 0 else ("once", "twice")
            for key in order:
                draw, save, n = _round(ctx, routes[key], Path(tmp))
                times[key].append(save)
                draws.append(draw)
    print(f"{n} figures, {args.rounds} rounds, PNG ({DPI} dpi) + SVG each")
    for key, values in times.items():
        print(f"{key:6s} save: median {statistics.median(values):.3f} s "
              f"(min {min(values):.3f}, max {max(values):.3f})")
    print(f"drawing (same for both): median {statistics.median(draws):.3f} s")
    ratio = statistics.median(times["once"]) / statistics.median(times["twice"])
    print(f"ratio once/twice (save): {ratio:.2f}")


if __name__ == "__main__":
    main()
