"""The report's Jinja2 environments (issue 15): built once, compiled code kept on disk.

The pages must not depend on the cache: the same text cold, warm, from a damaged entry and
with no cache. A warm cache must compile nothing, and a folder that vanishes must not fail.
The table rows written in Python and the cells' missing-value check give what the template
loop and pandas gave.
"""

from __future__ import annotations

import shutil

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2.bccache import bc_magic

from carbonpath import _cache
from carbonpath.report.fonts import figure_fonts
from carbonpath.report.render import build_context
from carbonpath.report.templating import environment
from carbonpath.run import load_results

TEMPLATES = [(True, "report.html.j2"), (True, "annex.html.j2"), (False, "report.md.j2"),
             (False, "annex.md.j2")]


@pytest.fixture(scope="module")
def context(tiny_out):
    """The tiny run's template context (no figures drawn)."""
    result = load_results(tiny_out / "results")
    return {**build_context(result, "en", [], figure_fonts("en")), "css": "p {}"}


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache folder and no environment built yet in this process."""
    monkeypatch.setenv(_cache.ENV, str(tmp_path / "cache"))
    environment.cache_clear()
    yield tmp_path / "cache" / "jinja"
    environment.cache_clear()


def _pages(context) -> list[str]:
    return [environment(escape).get_template(name).render(context)
            for escape, name in TEMPLATES]


def test_one_environment_per_setting_in_a_process(fresh):
    assert environment(True) is environment(True)
    assert environment(False) is environment(False)
    assert environment(True) is not environment(False)
    assert environment(True).autoescape is True
    assert environment(False).autoescape is False
    assert environment(True).auto_reload is False


def test_pages_are_the_same_cold_warm_damaged_and_without_cache(fresh, context, monkeypatch):
    cold = _pages(context)
    entries = sorted(fresh.glob("*/*.cache"))
    assert len(entries) == 4  # one per template, in one subfolder per environment
    assert len({e.parent for e in entries}) == 2

    environment.cache_clear()  # a new process: only the folder is left
    with monkeypatch.context() as m:
        def refuse(*args, **kwargs):
            raise AssertionError("compiled a template although the cache held it")

        m.setattr(jinja2.Environment, "compile", refuse)
        assert _pages(context) == cold

    # damaged entries (Jinja2's header intact, the rest not: unpickling fails), then a
    # foreign file: each is compiled again and rewritten
    for damage in (lambda data: data[:len(bc_magic)] + b"\x80garbage",
                   lambda data: b"\x00garbage" * 10):
        for entry in entries:
            entry.write_bytes(damage(entry.read_bytes()))
        damaged = [e.read_bytes() for e in entries]
        environment.cache_clear()
        assert _pages(context) == cold
        assert all(e.read_bytes() != d for e, d in zip(entries, damaged, strict=True))

    monkeypatch.setenv(_cache.ENV, "off")
    environment.cache_clear()
    shutil.rmtree(fresh)
    assert _pages(context) == cold
    assert not fresh.exists()


def test_a_vanished_cache_folder_does_not_fail_the_pages(fresh, context, monkeypatch):
    folder = str(fresh.parent)
    monkeypatch.setenv(_cache.ENV, "off")
    expected = _pages(context)
    monkeypatch.setenv(_cache.ENV, folder)
    environment.cache_clear()
    environment(True), environment(False)  # the cache folders are chosen here
    shutil.rmtree(fresh)  # ... and gone before the templates are compiled and stored
    assert _pages(context) == expected
    assert not fresh.exists()


def test_html_row_writes_what_the_template_loop_wrote():
    from markupsafe import Markup

    from carbonpath.report.templating import html_row

    loop = jinja2.Environment(autoescape=True).from_string(
        '<tr>{% for cell in row %}<td{% if numeric[loop.index0] %} class="num"{% endif %}>'
        "{{ cell }}</td>{% endfor %}</tr>")
    rows = [["Coal & coke <raw>", "1,234.5", "\u22120.3", 'say "hi"', "it's"],
            [Markup("<b>bold</b>"), "", "0", "原煤", 7]]
    numeric = [False, True, True, False, False]
    for row in rows:
        assert str(html_row(row, numeric)) == loop.render(row=row, numeric=numeric)
    with pytest.raises(IndexError):
        html_row(["a", "b"], [False])


@pytest.mark.parametrize("value", ["", "text", "nan", 0.0, -0.0, 1.5, float("nan"),
                                   float("inf"), None, 3, True])
def test_the_missing_check_of_table_cells_agrees_with_pandas(value):
    import numpy as np
    import pandas as pd

    from carbonpath.report.formatting import _is_missing

    def reference(v):  # the check before its fast paths: None, else pandas' isna
        return v is None or bool(pd.isna(v))

    assert _is_missing(value) is reference(value)
    for other in (pd.NA, pd.NaT, np.nan, np.float64("nan"), np.float64(2.0), np.int64(4)):
        assert _is_missing(other) is reference(other)


_CELLS = st.one_of(st.text(alphabet=st.sampled_from("a|\\\n 原−,.0 \t")), st.integers(),
                   st.floats(allow_nan=True), st.none())


@given(row=st.lists(_CELLS, max_size=6))
def test_md_row_writes_what_the_template_filters_wrote(row):
    from carbonpath.report.formatting import md_cell
    from carbonpath.report.templating import md_row

    env = jinja2.Environment(autoescape=False)  # the Markdown pages' template expression
    env.filters["md_cell"] = md_cell
    expected = env.from_string("{{ row|map('md_cell')|join(' | ') }}").render(row=row)
    assert md_row(row) == expected
    assert md_row(["a|b", "x\ny"]) == "a\\|b | x y"
