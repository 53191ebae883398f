"""List the values of the Liaocheng tables that a catalogue release changed (tools/catalogue_changes.csv).

Run from the repository root after ``build_dataset.py``, naming the git revision of the tables
before the release and the catalogue version that changed them:

    PYTHONPATH=src python datasets/liaocheng/tools/catalogue_changes.py REV 0.3.0

It compares ``flows.csv`` and ``parameters.csv`` (keyed by technology, commodity and direction,
or technology, parameter, year and day) of REV with the written ones, and replaces the rows of
that version in ``catalogue_changes.csv`` (rows of earlier versions stay) by one row per value
changed, added or removed; a row whose value is unchanged and only its source differs is not
listed.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
FIELDS = ["version", "technology", "parameter", "catalogue", "before", "after"]
KEYS = {"flows.csv": ("technology", "commodity", "direction"),
        "parameters.csv": ("technology", "parameter", "year", "day")}


def _rows(text: str, key: tuple[str, ...]) -> dict[tuple, dict]:
    return {tuple(r[k] for k in key): r for r in csv.DictReader(io.StringIO(text))}


def _label(name: str, k: tuple) -> str:
    if name == "flows.csv":
        return f"flow {k[2]} {k[1]}"
    return k[1] + (f" {k[2]}" if k[2] else "") + (f" ({k[3]})" if k[3] else "")


def _show(r: dict | None) -> str:
    return "-" if r is None else f"{float(r['value']):.6g} {r['unit']}"


def _class(r: dict | None) -> str:
    src = (r or {}).get("source", "")
    at = src.find("technology catalogue ")
    return src[at:].split("(", 1)[1].split(")", 1)[0] if at >= 0 and "(" in src[at:] else ""


def changes(rev: str, version: str) -> list[dict]:
    """The changed values of the tables between ``rev`` and the working tree."""
    out, classes = [], {}
    for name in KEYS:  # the class a technology's rows cite (for a row that cites none)
        for r in csv.DictReader(io.StringIO((OUT / name).read_text(encoding="utf-8"))):
            if _class(r):
                classes.setdefault(r["technology"], _class(r))
    for name, key in KEYS.items():
        old = subprocess.run(["git", "show", f"{rev}:datasets/liaocheng/{name}"], capture_output=True,
                             text=True, check=True, cwd=OUT).stdout
        before = _rows(old, key)
        after = _rows((OUT / name).read_text(encoding="utf-8"), key)
        for k in sorted(set(before) | set(after)):
            b, a = before.get(k), after.get(k)
            if b is not None and a is not None and b["unit"] == a["unit"] and \
                    abs(float(b["value"]) - float(a["value"])) <= 1e-9 * max(abs(float(b["value"])), 1e-12):
                continue
            out.append(dict(version=version, technology=k[0], parameter=_label(name, k),
                            catalogue=_class(a) or _class(b) or classes.get(k[0], ""), before=_show(b), after=_show(a)))
    return out


def main(rev: str, version: str) -> None:
    path = HERE / "catalogue_changes.csv"
    with open(path, encoding="utf-8") as fh:
        kept = [r for r in csv.DictReader(fh) if r.get("version", "0.2.0") != version]
    for r in kept:
        r.setdefault("version", "0.2.0")
        r["version"] = r["version"] or "0.2.0"
    rows = kept + changes(rev, version)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(len(rows) - len(kept), "values changed by catalogue", version)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
