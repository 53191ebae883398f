"""The report's figures, drawn with matplotlib (Agg, no pyplot state) as PNG and SVG.

Each ``figure_*`` function takes a :class:`FigureContext` and returns a matplotlib
:class:`~matplotlib.figure.Figure`, or None when the dataset has nothing to show (the report
then says why). :func:`draw_figures` draws them all with the fonts chosen by
:func:`~carbonpath.report.fonts.figure_fonts` and saves each under ``figures/``.
Every label passes through :meth:`FigureContext.label`, which keeps text the fonts cannot
draw out of the figure.
"""

from __future__ import annotations

import gc
import io
import logging
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

# the module was split by job: its old names stay importable from here
from carbonpath._memory import heap_frozen
from carbonpath.report.figures_base import (  # noqa: F401
    COMPONENT_COLORS,
    DPI,
    ELECTROLYSIS_COLORS,
    FOSSIL_COLORS,
    GRID,
    HYDROGEN_COLORS,
    IMPORT_COLORS,
    INK,
    NONFOSSIL_COLORS,
    POWERTRAIN_COLORS,
    SECTOR_COLORS,
    STORAGE_COLORS,
    STYLE,
    FigureContext,
    FigureSpec,
    Skip,
    _cycle,
    _legend,
    _minus,
    _new,
    _number_axis,
    _sector_colors,
    _stacked_bars,
    _tech_colors,
    _tick_text,
    _value_text,
    _year_axis,
    make_context,
)
from carbonpath.report.figures_draw import (
    figure_costs,
    figure_emissions,
    figure_energy_mix,
    figure_fleet,
    figure_hydrogen,
    figure_marginal,
    figure_peak_curve,
    figure_power,
)
from carbonpath.report.fonts import FigureFonts, figure_fonts
from carbonpath.report.i18n import SCENARIO_NAMES, translator

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = ["FIGURES", "FORMATS", "REPORT_FORMATS", "FigureContext", "FigureSpec", "Skip",
           "check_formats", "draw_figures", "freeze_layout", "make_context", "save_figure",
           "write_png"]

#: The figures in report order: (file stem, drawing function); strings are fig_, cap_ and
#: skip_ + the stem in :mod:`carbonpath.report.i18n`.
FIGURES: list[tuple[str, Callable[[FigureContext], Figure | Skip | None]]] = [
    ("emissions", figure_emissions),
    ("energy_mix", figure_energy_mix),
    ("power", figure_power),
    ("hydrogen", figure_hydrogen),
    ("fleet", figure_fleet),
    ("costs", figure_costs),
    ("marginal", figure_marginal),
    ("peak_curve", figure_peak_curve),
]


def method_names(meta: dict[str, Any], t: Callable[..., Any]) -> dict[str, str]:
    """Display names of the run's emissions method and primary-electricity convention.

    Returns
    -------
    dict
        ``method`` (e.g. "provincial" / 省级核算方法) and ``primary`` (e.g. "coal-consumption").
    """
    settings = meta.get("dataset", {})
    method = settings.get("emissions", {}).get("method", "")
    primary = settings.get("energy", {}).get("primary_electricity", "")
    return {"method": t(f"mname_{method}") if method in ("provincial", "gpc") else method,
            "primary": (t(f"primary_{primary}") if primary in ("coal_consumption", "calorific")
                        else primary)}


#: The formats a figure can be written in, from one laid-out figure: PNG (embedded in the
#: HTML, linked from the Markdown) and SVG (vector, for print and editing).
FORMATS = ("png", "svg")

#: The formats a report writes by default: PNG only, which both pages show. An SVG costs
#: about as much again to write as the PNG (every figure is drawn once more) and neither
#: page needs it; ask for it with ``formats=FORMATS`` (``carbonpath report --svg``).
REPORT_FORMATS = ("png",)


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """``formats`` as a tuple, PNG first; PNG is required (the pages show it).

    Raises
    ------
    ArgumentValueError
        If a format is not one of :data:`FORMATS` or PNG is missing.
    """
    from carbonpath.errors import ArgumentValueError

    wanted = tuple(dict.fromkeys(formats))
    if isinstance(formats, str) or not set(wanted) <= set(FORMATS) or "png" not in wanted:
        msg = (f"figure formats {formats!r}: valid are a sequence of {', '.join(FORMATS)} "
               "holding png (the report shows the PNG), e.g. ('png',) or ('png', 'svg')")
        raise ArgumentValueError(msg)
    return tuple(f for f in FORMATS if f in wanted)


def freeze_layout(fig: Figure) -> None:
    """Lay ``fig`` out once and keep that layout for every later ``savefig``.

    A figure with a layout engine (``layout="constrained"``) is laid out again on every draw,
    so saving it in two formats solved the layout twice (issue 15 section 4). This runs the
    engine once (on the canvas's renderer, as :meth:`~matplotlib.figure.Figure.draw` would)
    and then removes the engine: the axes keep their solved positions, which are fractions
    of the figure, so PNG and SVG show the same layout. The engine is removed rather than
    switched to ``"none"``: that leaves matplotlib's placeholder engine, and with any engine
    set, ``savefig`` walks every artist in a dry draw before it draws the file (a third of
    the saving time; the pixels are the same either way).
    """
    _pin_empty_axis_labels(fig)
    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        return
    engine.execute(fig)
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)


def _pin_empty_axis_labels(fig: Figure) -> None:
    """Give every axis label without text a fixed place (it draws nothing and takes no room).

    An axis label placed automatically is moved below (or beside) the tick labels of the
    axis and of every axis sharing its group at each layout pass and each draw, which
    measures all those tick labels again. An empty label shows nothing and is left out of
    the layout's bounding boxes, so where it sits changes no pixel; pinning it skips that
    work (most year axes of the report have no label).
    """
    for ax in fig.axes:
        for axis, coords in ((ax.xaxis, (0.5, 0.0)), (ax.yaxis, (0.0, 0.5))):
            if not axis.label.get_text():
                axis.set_label_coords(*coords)


def save_figure(fig: Figure, folder: Path, name: str,
                formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Lay a figure out once (:func:`freeze_layout`) and write it in each of ``formats``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    folder : pathlib.Path
        Existing folder; files are ``<name>.<format>``.
    name : str
    formats : sequence of {"png", "svg"}

    Returns
    -------
    dict of str to pathlib.Path
        Format -> written file. PNG at :data:`DPI` (:func:`write_png`); no timestamps in the files.
    """
    freeze_layout(fig)
    written = {}
    for ext in formats:
        path = folder / f"{name}.{ext}"
        if ext == "png":
            write_png(fig, path)
        else:  # fixed ids (matplotlib salts them at random), no date: same bytes every run
            with mpl.rc_context({"svg.hashsalt": f"carbonpath-{name}"}):
                fig.savefig(path, facecolor="white", metadata={"Date": None, "Creator": None})
        written[ext] = path
    return written


#: zlib level of the report's PNG files. Measured on the frozen job's nine figures (branch
#: perf17, benchmarks/README.md): level 3 encodes in 0.58x the time of Pillow's default 6
#: and, written as RGB, the files are 2 % smaller than matplotlib's RGBA at level 6.
PNG_COMPRESS_LEVEL = 3


def write_png(fig: Figure, path: Path) -> None:
    """Write ``fig`` as a PNG at :data:`DPI`, RGB when every pixel is opaque (lossless).

    The pixels are those of ``fig.savefig(path, dpi=DPI, facecolor="white")`` (the same Agg
    draw, taken as raw RGBA); the file differs from matplotlib's own in its encoding only:
    without the alpha channel when every pixel is opaque (the report's figures have a white
    face, so they always are), at zlib level :data:`PNG_COMPRESS_LEVEL`, with the same
    physical resolution (pHYs, :data:`DPI`) and no text chunks (no software name or date),
    so the same figure gives the same bytes on every run.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : pathlib.Path
        The file to write (replaced if it exists).

    Raises
    ------
    ValueError
        If the raw buffer does not hold ``width x height`` RGBA pixels (a matplotlib whose
        canvas size is not the figure size times :data:`DPI`, truncated).
    """
    import numpy as np
    from PIL import Image

    raw = _Pixels()  # matplotlib writes the canvas's own buffer to it: no copy
    fig.savefig(raw, format="rgba", dpi=DPI, facecolor="white")
    width, height = _canvas_size(fig, memoryview(raw.data).nbytes)
    pixels = np.frombuffer(raw.data, dtype=np.uint8).reshape(height, width, 4)
    opaque = bool(pixels[:, :, 3].min() == 255)
    image = Image.frombuffer("RGBA", (width, height), raw.data, "raw", "RGBA", 0, 1)
    if opaque:
        image = image.convert("RGB")
    image.save(path, format="png", compress_level=PNG_COMPRESS_LEVEL, dpi=(DPI, DPI))


def _canvas_size(fig: Figure, nbytes: int) -> tuple[int, int]:
    """The pixel size (width, height) of the RGBA canvas ``savefig`` drew, from its byte count.

    Agg truncates the figure size times :data:`DPI` to whole pixels, but that product is a
    float that can land a hair below a whole number on one side of the multiplication and
    not on the other (a 9 x 3.1 in figure is 464.99999 or 465 pixels high): the size that
    holds exactly ``nbytes / 4`` pixels, truncated or rounded, is the canvas's.

    Raises
    ------
    ValueError
        If no such size holds ``nbytes`` (a truncated buffer), or two do.
    """
    w, h = fig.get_size_inches() * DPI
    sizes = {(a, b) for a in (int(w), round(w)) for b in (int(h), round(h))
             if 4 * a * b == nbytes}
    if len(sizes) != 1:
        raise ValueError(f"the figure's raw buffer of {nbytes} bytes does not hold "
                         f"{w:.3f} x {h:.3f} RGBA pixels, truncated or rounded")
    return sizes.pop()


class _Pixels(io.RawIOBase):
    """A file for ``savefig(format="rgba")`` that keeps what it is given, without a copy.

    matplotlib writes the Agg canvas's pixel buffer in one ``write`` call; keeping that
    buffer rather than a ``BytesIO`` copy of it (7 MiB for the largest figure) kept the main
    job's peak RSS from growing by 19 MiB (benchmarks/main_job.py). The RGB copy that Pillow
    encodes remains (about 6 MiB more at the peak than matplotlib's own writer).
    """

    def __init__(self) -> None:
        super().__init__()
        self.data: Any = b""

    def writable(self) -> bool:
        """True: matplotlib writes the canvas to this file."""
        return True

    def write(self, data: Any) -> int:
        """Keep ``data`` (the canvas buffer, not copied); returns its size in bytes."""
        if len(self.data):  # more than one write: join them (a copy; not matplotlib's way)
            self.data = bytes(self.data) + bytes(data)
        else:
            self.data = data
        return len(memoryview(data).cast("B"))


def _save(fig: Figure, folder: Path, name: str,
          formats: Sequence[str]) -> tuple[Path, Path | None]:
    written = save_figure(fig, folder, name, formats)
    return written["png"], written.get("svg")


def draw_figures(result: RunResult, folder: str | Path, lang: str = "en",
                 fonts: FigureFonts | None = None,
                 figures: Sequence[tuple[str, Callable[[FigureContext], Any]]] | None = None,
                 extras: dict[str, pd.DataFrame] | None = None,
                 formats: Sequence[str] = REPORT_FORMATS) -> list[FigureSpec]:
    """Draw every figure of the report and save it in ``formats`` (laid out once).

    Parameters
    ----------
    result : RunResult
        The saved run (:func:`carbonpath.run.load_results`).
    folder : str or pathlib.Path
        Where to write ``<name>.png`` and ``<name>.svg`` (created if missing).
    lang : {"en", "zh"}
        The report's language; titles and captions of the returned specs are in it. The
        figure labels are in ``fonts.lang`` (English when no CJK font exists).
    fonts : FigureFonts, optional
        Default :func:`~carbonpath.report.fonts.figure_fonts` of ``lang``.
    figures : sequence of (str, callable), optional
        The figures to draw (default :data:`FIGURES`).
    extras : dict of str to pandas.DataFrame, optional
        Optional tables beside the results, for the figures that use them.
    formats : sequence of {"png", "svg"}
        The files of each figure (default :data:`REPORT_FORMATS`, PNG only); PNG is required.

    Returns
    -------
    list of FigureSpec
        In the order of ``figures``; a figure with nothing to show has ``skipped`` set and no
        files; ``svg`` is None unless SVG was asked for.

    Raises
    ------
    ArgumentValueError
        If ``formats`` holds an unknown format or lacks PNG.
    """
    formats = check_formats(formats)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fonts = fonts or figure_fonts(lang)
    t = translator(lang)
    ctx = make_context(result, fonts)
    ctx.extras = dict(extras or {})
    plan_label = t(f"scn_{ctx.plan}") if ctx.plan in SCENARIO_NAMES else (ctx.plan or "")
    fill = {"plan": plan_label, "wedge_reference": _wedge_reference(ctx.extras, t),
            **method_names(result.meta, t)}
    specs = []
    # a CJK font without a bold face is drawn at regular weight; say nothing about it
    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        specs = _draw_all(ctx, folder, t, fill, FIGURES if figures is None else figures,
                          formats)
    finally:
        font_log.setLevel(level)
    return specs


def _wedge_reference(extras: dict[str, Any], t: Callable[..., Any]) -> str:
    """The scenario the wedges are measured against (``wedges.csv`` column ``reference``).

    The ``bau`` role of dataset.yaml, not necessarily the scenario named baseline (B173);
    the baseline's display name for results without the column.
    """
    wedges = extras.get("wedges")
    names = ([] if wedges is None or "reference" not in wedges
             else sorted({str(v) for v in wedges["reference"].dropna()}))
    if not names:
        return t("scn_baseline")
    return ", ".join(t(f"scn_{n}") if n in SCENARIO_NAMES else n for n in names)


def _draw_all(ctx: FigureContext, folder: Path, t: Callable[..., Any],
              fill: dict[str, str],
              figures: Sequence[tuple[str, Callable[[FigureContext], Any]]],
              formats: Sequence[str]) -> list[FigureSpec]:
    specs = []
    with mpl.rc_context(STYLE), ctx.fonts.applied(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="constrained_layout not applied")
        for name, draw in figures:
            title = t(f"fig_{name}")
            caption = t(f"cap_{name}", **fill)
            fig = draw(ctx)
            if fig is None or isinstance(fig, Skip):
                reason = (t(fig.key, **fig.values) if isinstance(fig, Skip)
                          else t(f"skip_{name}"))
                specs.append(FigureSpec(name, title, caption, skipped=reason))
                continue
            png, svg = _save(fig, folder, name, formats)
            specs.append(FigureSpec(name, title, caption, png=png, svg=svg))
            del fig
            _collect_figure()
    return specs


def _collect_figure() -> None:
    """Free a written figure now, while the report's heap is frozen (cheap), else leave it.

    A figure is a web of reference cycles (figure, axes, artists, the Agg canvas and its
    pixel buffer of several MiB), so it is freed only by the cycle collector. Drawn with few
    allocations (one artist per bar series, one draw per file), the figures no longer trip
    the collector often enough, and several written figures were alive at once: the report
    raised the main job's peak RSS by about 9 MiB (benchmarks/main_job.py). Inside
    :func:`carbonpath._memory.frozen_heap` (as :func:`~carbonpath.report.render.write_report`
    draws), a full pass walks only the report's own objects (about 6 ms per figure); outside
    it, a pass would walk the whole process, so nothing is collected here.
    """
    if gc.isenabled() and heap_frozen():  # (not gc.get_freeze_count(): a walk of the heap)
        gc.collect()
