"""Sphinx configuration for carbonpath's documentation."""

import carbonpath

project = "carbonpath"
author = "carbonpath developers"
copyright = "2026, the carbonpath developers"
release = carbonpath.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.intersphinx",
    "numpydoc",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
numpydoc_show_class_members = False
numpydoc_validation_checks: set[str] = set()
autosummary_generate = True
autodoc_typehints = "none"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
html_theme = "alabaster"
html_static_path: list[str] = []
intersphinx_mapping: dict[str, tuple[str, None]] = {}
nitpicky = False
suppress_warnings = ["myst.header"]
