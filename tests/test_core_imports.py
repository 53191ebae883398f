"""The main job needs only the core dependencies of pyproject.toml.

A fresh install (``pip install .``) has none of the extras or test tools. A module-level
import of a package that only an extra brings (click once came in through dask, and the
command failed on a fresh machine while every test passed) must fail here, not on a user's
machine. Imports inside functions are how optional parts load their extras; they are not
checked here.
"""

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "carbonpath"
#: import name of each core dependency whose distribution name differs from it
IMPORT_NAMES = {"pyyaml": "yaml", "noto-cjk-sans-otc": "noto_cjk_sans_otc"}
#: packages the core dependencies install themselves, imported by name at module level
TRANSITIVE = {"fontTools", "markupsafe"}  # matplotlib's; jinja2's (a required dependency)


def _core_imports() -> set[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = set()
    for dep in deps:
        dist = dep.split(";")[0].split("[")[0]
        for sep in "<>=!~ ":
            dist = dist.split(sep)[0]
        dist = dist.strip().lower()
        names.add(IMPORT_NAMES.get(dist, dist.replace("-", "_")))
    return names


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_module_level_import_is_a_core_dependency():
    allowed = _core_imports() | TRANSITIVE | set(sys.stdlib_module_names) | {"carbonpath"}
    outside = {f"{path.relative_to(ROOT)}: {name}"
               for path in sorted(SRC.rglob("*.py"))
               for name in _module_level_imports(path) if name not in allowed}
    assert not outside, sorted(outside)


def test_the_check_sees_a_module_level_import_of_an_extra(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import click\n\ndef f():\n    import dask\n", encoding="utf-8")
    assert _module_level_imports(module) == {"click"}
    assert "click" not in _core_imports()
