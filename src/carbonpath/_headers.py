"""Column headers that hold a valid column name after a label (round 28 KD92).

The planner's workbook heads each column with a Chinese label and the column's name
(``指标 driver``, ``年份 year``); a sheet saved as CSV, or a table headed the same way by
hand, keeps those headers. Each such header had been reported twice, as the column
``driver`` missing and the column ``指标 driver`` unknown (ten problems for five headers),
and no message said that the header holds the right name. :func:`labelled_headers` finds
them, so that a column check says once per header which name to write. The readers refuse
such a header rather than read it: a CSV table's header is its column name alone
(docs/data-format.md); only the workbook's sheets carry the labels.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["labelled_headers", "labelled_text"]


def labelled_headers(columns: Iterable[object], valid: Iterable[str]) -> dict[str, str]:
    """The headers that end with a valid column name after a label: header -> that name.

    A header counts when it is not itself a valid name, its last word (after the last
    space) is a valid name the header row does not already hold, and no other header of
    the row ends with the same name (``指标 driver`` -> ``driver``).

    Parameters
    ----------
    columns : iterable
        The header row as read (stripped strings).
    valid : iterable of str
        The table's column names.

    Returns
    -------
    dict
        Header -> the column name to write instead (empty when there is none).
    """
    heads = [str(c) for c in columns]
    names = set(valid)
    found: dict[str, str] = {}
    for head in heads:
        label, _, tail = head.strip().rpartition(" ")
        if head in names or not label.strip() or tail not in names or tail in heads:
            continue
        found[head] = tail
    tails = list(found.values())
    return {h: t for h, t in found.items() if tails.count(t) == 1}


def labelled_text(header: str, name: str) -> str:
    """The message of one labelled header (:func:`labelled_headers`)."""
    label = header.strip().rpartition(" ")[0].strip()
    return (f"the header holds the column name '{name}' after a label '{label}' (as the "
            f"planner's workbook heads its columns); in a CSV header write '{name}' alone")
