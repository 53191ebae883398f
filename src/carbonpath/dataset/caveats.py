"""The caveats a dataset carries, for the report's first screen (issue 11, round-9 X05).

Two sources: the ``caveats`` texts of ``dataset.yaml`` (``carbonpath init
--allow-implausible`` writes one per implausible value it accepted), and every table row
whose ``plausibility`` cell accepted a value that a plausibility check refuses
(``override: <reason>``). :func:`carbonpath.run.run` records them in ``run.json`` under
``dataset.caveats``; the report shows them above its first screen
(:mod:`carbonpath.report.caveats`).
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import line_label

__all__ = ["dataset_caveats"]


def dataset_caveats(dataset: Any) -> list[str]:
    """The dataset's caveats: its ``caveats`` texts, then its overridden rows.

    Parameters
    ----------
    dataset : carbonpath.Dataset

    Returns
    -------
    list of str
        One text per caveat: the ``dataset.yaml`` texts as written, then one per row with a
        ``plausibility`` override (``parameters.csv line 10: pv lifetime 25 month accepted
        as given (override: ...)``), in table and line order.
    """
    out = [str(text) for text in dataset.config.get("caveats") or []]
    for name, table in dataset.tables.items():
        if "plausibility" not in getattr(table, "columns", ()):
            continue
        given = table["plausibility"].fillna("").astype(str).str.strip()
        for line, row in table[given != ""].iterrows():
            cells = [row.get(c) for c in ("technology", "commodity", "driver", "parameter",
                                          "year", "value", "unit")]
            what = " ".join(f"{c:g}" if isinstance(c, float) else str(c) for c in cells
                            if c is not None and str(c) not in ("", "nan", "None", "<NA>"))
            out.append(f"{name}.csv line {line_label(line)}: {what} accepted as given "
                       f"({given[line]})")
    return out
