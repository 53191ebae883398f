"""The report's Jinja2 environments: built once per process, templates compiled once per install.

Compiling the four report templates to Python code took about a tenth of a second of every
report (issue 15). Two caches remove it:

- in the process, :func:`environment` returns the same :class:`jinja2.Environment` for the
  same settings (its template cache keeps the compiled templates; ``auto_reload`` is off,
  since the package's templates do not change while a process runs);
- across processes, the compiled code is kept in carbonpath's cache folder
  (:mod:`carbonpath._cache`, subfolder ``jinja/``), as Jinja2's bytecode cache does. The
  subfolder is named by a hash of everything the compiled code depends on besides the
  template's source (the Python, Jinja2 and carbonpath versions and the environment's
  settings); Jinja2 itself checks each entry against the template's source (SHA-1), so an
  edited template is compiled again. A damaged entry is compiled again, and a folder that
  cannot be written leaves the templates compiled in memory only: the cache never fails a
  report, and the pages are the same with it, without it (``CARBONPATH_CACHE_DIR=off``),
  cold or warm.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from collections.abc import Sequence
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

import carbonpath
from carbonpath._cache import cache_folder
from carbonpath.report.formatting import inline_html, md_cell

__all__ = ["environment", "html_row", "md_row"]

#: The settings of both environments besides ``autoescape`` (part of the cache's key).
SETTINGS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


class _SafeBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file bytecode cache that never raises: a bad entry or folder means no cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Load the entry; a damaged one is dropped (the template is compiled again)."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry (any unpickling or marshal error): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store the entry; a folder that cannot be written keeps it in memory only."""
        with contextlib.suppress(OSError):  # read-only or vanished: kept in memory only
            super().dump_bytecode(bucket)


def _bytecode_cache(autoescape: bool) -> jinja2.BytecodeCache | None:
    folder = cache_folder("jinja")
    if folder is None:
        return None
    key = repr((sys.version, jinja2.__version__, carbonpath.__version__, autoescape,
                sorted(SETTINGS.items())))
    sub = folder / hashlib.sha256(key.encode()).hexdigest()[:16]
    try:
        sub.mkdir(exist_ok=True)
    except OSError:
        return None
    return _SafeBytecodeCache(str(sub))


@functools.lru_cache(maxsize=2)
def environment(autoescape: bool) -> jinja2.Environment:
    """The Jinja2 environment of the report's templates (one per ``autoescape``, cached).

    Parameters
    ----------
    autoescape : bool
        True for the HTML pages, False for the Markdown ones.

    Returns
    -------
    jinja2.Environment
        Templates from the package's ``report/templates`` folder; undefined names raise
        (:class:`jinja2.StrictUndefined`); filters ``inline`` (Markdown-like inline text to
        HTML, :func:`~carbonpath.report.formatting.inline_html`) and ``md_cell``
        (:func:`~carbonpath.report.formatting.md_cell`), and the rows' ``html_row``
        (:func:`html_row`) and ``md_row`` (:func:`md_row`). The same object for the same
        ``autoescape`` within a process; compiled templates are kept in carbonpath's cache
        folder when there is one (module docstring).
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("carbonpath.report", "templates"),
        autoescape=autoescape, undefined=jinja2.StrictUndefined, auto_reload=False,
        bytecode_cache=_bytecode_cache(autoescape), **SETTINGS)
    env.filters["inline"] = _inline
    env.filters["md_cell"] = md_cell
    env.filters["html_row"] = html_row
    env.filters["md_row"] = md_row
    return env


def md_row(row: Sequence[Any]) -> str:
    r"""The cells of one Markdown table row, each made safe by ``md_cell``, joined by `` | ``.

    What ``{{ row|map('md_cell')|join(' | ') }}`` writes without autoescape, the same text,
    in one join: Jinja2's ``map`` and ``join`` filters cost a few microseconds per cell, and
    the annex's tables have thousands of cells.

    Parameters
    ----------
    row : sequence
        The cells (anything is written as ``str``).

    Returns
    -------
    str
        E.g. ``"a | b\|c"`` for the cells ``"a"`` and ``"b|c"``.
    """
    return " | ".join([md_cell(cell) for cell in row])


def html_row(row: Sequence[Any], numeric: Sequence[bool]) -> Markup:
    """One HTML table row: ``<tr>``, a ``<td>`` per cell (``class="num"`` where numeric), ``</tr>``.

    What the template loop ``<tr>{% for cell in row %}<td{% if numeric[loop.index0] %}
    class="num"{% endif %}>{{ cell }}</td>{% endfor %}</tr>`` writes with autoescape on, the
    same bytes, built in one join: the annex's tables have thousands of cells, and the
    template loop cost a few microseconds per cell.

    Parameters
    ----------
    row : sequence
        The cells (text; anything else is written as ``str``), escaped as Jinja2 escapes
        (:func:`markupsafe.escape`; a :class:`~markupsafe.Markup` cell is kept as it is).
    numeric : sequence of bool
        Per column, whether it holds numbers (right-aligned).

    Raises
    ------
    IndexError
        If ``row`` has more cells than ``numeric`` has columns.
    """
    cells = [f'<td class="num">{escape(cell)}</td>' if numeric[i] else f"<td>{escape(cell)}</td>"
             for i, cell in enumerate(row)]
    return Markup("<tr>" + "".join(cells) + "</tr>")


def _inline(text: Any) -> Markup:
    return Markup(inline_html(text))
