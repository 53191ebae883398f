"""Values ``init --allow-implausible`` accepted, marked where the dataset loader reads them.

``allow_implausible`` lets ``carbonpath init`` write a value its plausibility checks refuse
(a capacity of 612 full-load hours, a heat boiler of 211 % efficiency), with a warning, a
README line and a caveat. The dataset loader checks the rows init writes with its own
rules, so the dataset init called accepted was refused by ``carbonpath run`` (round 30
KF36, KF38). :func:`mark_accepted` loads the dataset as the loader would and writes
``override: <reason>`` in a ``plausibility`` column of each row it refuses as implausible,
as init already does for production rows (round 18).
"""

from __future__ import annotations

import io
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from carbonpath.errors import CarbonpathError, ImplausibleValueError
from carbonpath.plausibility import OVERRIDE

__all__ = ["REASON", "mark_accepted"]

#: The reason written in each marked row's ``plausibility`` cell.
REASON = (f"{OVERRIDE} accepted by carbonpath init --allow-implausible (see the README's "
          "accepted values and the dataset's caveats)")

#: How many loads at most: a refusal can hide a later check's (one pass is usual).
PASSES = 3


def _refused(files: dict[str, str]) -> list[tuple[str, int]]:
    """``(file, row)`` of each implausible row the loader refuses in ``files``."""
    from carbonpath.dataset import load_dataset

    with tempfile.TemporaryDirectory(prefix="carbonpath-init-") as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        try:
            with warnings.catch_warnings():  # init has warned already; run warns again
                warnings.simplefilter("ignore")
                load_dataset(tmp)
        except ImplausibleValueError as exc:
            return [(p.file, int(p.row)) for p in exc.problems
                    if p.file in files and str(p.file).endswith(".csv")
                    and isinstance(p.row, int) and p.row >= 2]
        except CarbonpathError:  # any other refusal is run's to name
            return []
    return []


def mark_accepted(files: dict[str, str]) -> dict[str, str]:
    """``files`` with each row the loader refuses as implausible marked as overridden.

    Parameters
    ----------
    files : dict of str to str
        The dataset's files as init is about to write them (name -> text).

    Returns
    -------
    dict of str to str
        The same files; a table with a refused row gets a ``plausibility`` column holding
        :data:`REASON` on that row (row numbers as the loader gives them: the header is
        row 1). Nothing else changes: values are rewritten as the text they were.
    """
    for _ in range(PASSES):
        found = _refused(files)
        if not found:
            break
        for name in sorted({f for f, _ in found}):
            table = pd.read_csv(io.StringIO(files[name]), dtype=str, keep_default_na=False)
            if "plausibility" not in table:
                table["plausibility"] = ""
            for _, row in (hit for hit in found if hit[0] == name):
                if row - 2 < len(table):
                    table.loc[row - 2, "plausibility"] = REASON
            buf = io.StringIO()
            table.to_csv(buf, index=False, lineterminator="\n")
            files[name] = buf.getvalue()
    return files
