"""File names of a rendered report (light: no matplotlib, so a run can name its outputs first).

Re-exported by :mod:`carbonpath.report.render`.
"""

from __future__ import annotations

__all__ = ["annex_names", "output_names"]


def output_names(lang: str) -> tuple[str, str, str]:
    """File names of a report in ``lang``: (HTML file, Markdown file, figures folder).

    English is ``report.html``, ``report.md`` and ``figures/``; another language carries its
    code (``report.zh.html``, ``report.zh.md``, ``figures.zh/``), so that rendering a second
    language beside a run never replaces the first.
    """
    if lang == "en":
        return "report.html", "report.md", "figures"
    return f"report.{lang}.html", f"report.{lang}.md", f"figures.{lang}"


def annex_names(lang: str) -> tuple[str, str]:
    """File names of the annex of a report in ``lang``: (HTML file, Markdown file).

    ``annex.html`` and ``annex.md`` in English, ``annex.<lang>.html`` and ``annex.<lang>.md``
    otherwise, beside the report (:func:`output_names`).
    """
    if lang == "en":
        return "annex.html", "annex.md"
    return f"annex.{lang}.html", f"annex.{lang}.md"
