"""Write a dataset folder for ``carbonpath init`` without touching anything it did not write.

:func:`write_folder` is the one place files are written, so that the lead can route it
through the shared output-folder helper (manifests, refusal of foreign files) at merge.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["MANIFEST", "write_folder"]

#: The manifest an init output folder holds: the files it wrote.
MANIFEST = ".carbonpath-init.json"


def write_folder(dest: str | Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name -> text or bytes) into ``dest`` as one step.

    ``dest`` must not exist, be empty, or be an earlier ``carbonpath init`` output whose
    every file is listed in its manifest (then it is replaced as a whole). The files are
    first written to a temporary folder beside ``dest``, which then replaces it, so that no
    half-written dataset is ever left behind.

    Raises
    ------
    OutputFolderError
        If ``dest`` is a file or holds a file that no earlier init wrote (names up to five).
    """
    dest = Path(dest).resolve()
    if dest.exists() and not dest.is_dir():
        raise OutputFolderError(f"{dest} is a file; carbonpath init writes a folder")
    previous: set[str] = set()
    if dest.exists() and any(dest.iterdir()):
        manifest = dest / MANIFEST
        if not manifest.exists():
            found = sorted(p.name for p in dest.iterdir())[:5]
            raise OutputFolderError(
                f"{dest} is not empty and is not a carbonpath init output (it holds "
                f"{', '.join(found)}); give an empty or new folder")
        previous = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        foreign = sorted(str(p.relative_to(dest)) for p in dest.rglob("*")
                         if p.is_file() and p.name != MANIFEST
                         and str(p.relative_to(dest)) not in previous)
        if foreign:
            raise OutputFolderError(
                f"{dest} holds files carbonpath init did not write ({', '.join(foreign[:5])}); "
                "move them or give another folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        for name, content in files.items():
            path = tmp / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (tmp / MANIFEST).write_text(json.dumps({"tool": "carbonpath init",
                                                "files": sorted(files)}, indent=1),
                                    encoding="utf-8")
        tmp.chmod(0o755)
        if dest.exists():
            old = dest.with_name(f".{dest.name}-old")
            dest.rename(old)
            tmp.rename(dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest
