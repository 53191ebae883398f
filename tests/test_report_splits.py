"""The report's string table and section builders, split by job, keep their old import paths.

report/i18n_strings.py was split into i18n_strings (document, summary, figures) and
i18n_tables (table headers, later sections); report/render_sections.py into render_ctx
(the shared ``_Ctx``), render_summary (summary and targets) and render_sections (the rest).
Code importing a name from the old module must get the same object, and the merged string
table must define each key once (a key in two parts would be silently overridden).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from carbonpath.report import i18n_strings
from carbonpath.report.i18n_overview import OVERVIEW_STRINGS
from carbonpath.report.i18n_tables import TABLE_STRINGS

MOVED = {
    "carbonpath.report.render_ctx": ["_Ctx"],
    "carbonpath.report.render_summary": [
        "_summary", "_targets", "_peak_line", "_target_note", "_above_baseline_lines",
        "_binding_lines", "_price_places", "year_ranges"],
}
KNOWN_OVERRIDES: set[str] = set()


@pytest.mark.parametrize("new", sorted(MOVED))
def test_moved_section_builders_are_the_same_objects_under_render_sections(new):
    before = importlib.import_module("carbonpath.report.render_sections")
    after = importlib.import_module(new)
    for name in MOVED[new]:
        assert getattr(before, name) is getattr(after, name), name


def test_render_keeps_the_names_it_imported_from_render_sections():
    # render.py imported these from the unsplit module (tests and first_screen use them)
    render = importlib.import_module("carbonpath.report.render")
    sections = importlib.import_module("carbonpath.report.render_sections")
    for name in ["_Ctx", "year_ranges", "_summary", "_targets", "_sensitivity",
                 "_inventory", "_sources", "_method", "_repro", "_figures", "_annex"]:
        assert getattr(render, name) is getattr(sections, name), name


def _literal_keys(module) -> dict[str, list[str]]:
    """Keys of each language in the module's own STRINGS literal, read from its source."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "STRINGS":
            return {lang.value: [k.value for k in inner.keys]
                    for lang, inner in zip(node.value.keys, node.value.values, strict=True)}
    raise AssertionError("no STRINGS literal")


def test_each_key_of_the_merged_strings_is_defined_in_exactly_one_part():
    own = _literal_keys(i18n_strings)
    assert sorted(own) == sorted(TABLE_STRINGS) == sorted(OVERVIEW_STRINGS) == ["en", "zh"]
    for lang in own:
        parts = [own[lang], list(TABLE_STRINGS[lang]), list(OVERVIEW_STRINGS[lang])]
        keys = [k for part in parts for k in part]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        # before the split the overview's h_what ("What", the base-year table of the first
        # screen) overrode the targets table's ("Definition"): it is h_basis now; none may
        assert twice == sorted(KNOWN_OVERRIDES), (lang, twice)
        # the merged table is exactly the union, each value from its one part
        assert set(i18n_strings.STRINGS[lang]) == set(keys)
        for part in (TABLE_STRINGS, OVERVIEW_STRINGS):  # merged in this order, last wins
            for key, value in part[lang].items():
                if part is TABLE_STRINGS and key in KNOWN_OVERRIDES:
                    continue
                assert i18n_strings.STRINGS[lang][key] == value, (lang, key)


def test_each_part_of_the_strings_has_the_same_keys_in_both_languages():
    own = _literal_keys(i18n_strings)
    assert set(own["en"]) == set(own["zh"])
    assert set(TABLE_STRINGS["en"]) == set(TABLE_STRINGS["zh"])


def test_the_targets_table_and_the_base_year_table_keep_their_own_headers():
    # the key both once used: the targets table's definition column was headed "What"
    # (来源类型, "source type", in Chinese) because the overview's entry won the merge
    assert i18n_strings.STRINGS["en"]["h_what"] == "Definition"
    assert i18n_strings.STRINGS["zh"]["h_what"] == "定义"
    assert i18n_strings.STRINGS["en"]["h_basis"] == "What"
    assert i18n_strings.STRINGS["zh"]["h_basis"] == "来源类型"
