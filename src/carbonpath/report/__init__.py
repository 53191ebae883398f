"""The report wing: saved results -> documented pathway reports (HTML, Markdown, figures).

:func:`render_report` renders a results folder written by :func:`carbonpath.run.run` as a
self-contained HTML report and a Markdown report with figures as PNG (and SVG on request),
in English or Chinese. Modules: :mod:`~carbonpath.report.tables` (summary tables, pure functions),
:mod:`~carbonpath.report.classify` (technology roles from the dataset),
:mod:`~carbonpath.report.figures` (matplotlib), :mod:`~carbonpath.report.fonts` (CJK font
detection and fallback), :mod:`~carbonpath.report.i18n` (strings and display units),
:mod:`~carbonpath.report.formatting` (numbers and tables),
:mod:`~carbonpath.report.names` (file names) and
:mod:`~carbonpath.report.render` (templates and files).
"""

from __future__ import annotations

from typing import Any

__all__ = ["figure_fonts", "find_cjk_font", "render_report"]

# Loaded on first use: importing the package (for :mod:`~carbonpath.report.names`, say) must
# not load matplotlib, so a run loads it only when it draws the report (lower peak memory).
_LAZY = {"figure_fonts": "carbonpath.report.fonts", "find_cjk_font": "carbonpath.report.fonts",
         "render_report": "carbonpath.report.render"}


def __getattr__(name: str) -> Any:
    """``figure_fonts``, ``find_cjk_font`` and ``render_report``, imported when first asked for.

    Raises
    ------
    AttributeError
        For any other name.
    """
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
