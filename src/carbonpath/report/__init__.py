"""The report wing: saved results -> documented pathway reports (HTML, Markdown, figures).

:func:`render_report` renders a results folder written by :func:`carbonpath.run.run` as a
self-contained HTML report and a Markdown report with figures as PNG and SVG, in English or
Chinese. Modules: :mod:`~carbonpath.report.tables` (summary tables, pure functions),
:mod:`~carbonpath.report.classify` (technology roles from the dataset),
:mod:`~carbonpath.report.figures` (matplotlib), :mod:`~carbonpath.report.fonts` (CJK font
detection and fallback), :mod:`~carbonpath.report.i18n` (strings and display units),
:mod:`~carbonpath.report.formatting` (numbers and tables) and
:mod:`~carbonpath.report.render` (templates and files).
"""

from carbonpath.report.fonts import figure_fonts, find_cjk_font
from carbonpath.report.render import render_report

__all__ = ["figure_fonts", "find_cjk_font", "render_report"]
