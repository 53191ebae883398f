"""Modules split by job keep their old import paths (the same objects, re-exported).

run.py, model/solve.py and report/render.py, figures.py and tables.py were split by job
(issue 15); code that imports a name from the old module must keep working.
"""

from __future__ import annotations

import importlib

import pytest

MOVED = {
    "carbonpath.run": {
        "carbonpath.run_files": ["RESULTS", "RunResult", "save_results", "_write_results",
                                 "load_results"],
        "carbonpath.run_checks": ["_base_year_mismatch", "_regional_mismatch",
                                  "_use_mismatch"],
        "carbonpath.run_sweeps": ["_peak_curve", "_sensitivity", "_spec", "_seeded"],
    },
    "carbonpath.model.solve": {"carbonpath.model.compiler": ["CompiledLP", "compile_linear"]},
    "carbonpath.report.render": {"carbonpath.report.render_sections": ["_Ctx", "year_ranges"]},
    "carbonpath.report.figures": {
        "carbonpath.report.figures_base": ["DPI", "STYLE", "INK", "SECTOR_COLORS",
                                           "FigureContext", "FigureSpec", "Skip",
                                           "make_context", "_new", "_cycle", "_legend",
                                           "_number_axis", "_year_axis", "_tick_text",
                                           "_value_text"],
        "carbonpath.report.figures_draw": ["figure_emissions", "figure_hydrogen",
                                           "figure_peak_curve"],
    },
    "carbonpath.report.tables": {
        "carbonpath.report.table_basics": ["MILESTONES", "IMPORT_CATEGORY", "ZERO", "snap"],
        "carbonpath.report.tables_pathway": ["emissions_by_sector", "power_generation",
                                             "timeslice_hours", "_to_unit"],
        "carbonpath.report.tables_inputs": ["assumption_tables", "inventory_summaries",
                                            "source_status"],
    },
}


@pytest.mark.parametrize("old", sorted(MOVED))
def test_moved_names_are_the_same_objects_under_their_old_module(old):
    before = importlib.import_module(old)
    for new, names in MOVED[old].items():
        after = importlib.import_module(new)
        for name in names:
            assert getattr(before, name) is getattr(after, name), f"{old}.{name}"


def test_every_name_a_split_module_exports_resolves():
    for old in MOVED:
        module = importlib.import_module(old)
        for name in getattr(module, "__all__", []):
            assert hasattr(module, name), f"{old}.{name}"
