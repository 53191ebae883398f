"""Column headers that hold a valid column name after a label (round 28 KD92).

The planner's workbook heads each column with a Chinese label and the column's name
(``指标 driver``, ``年份 year``); a sheet saved as CSV, or a table headed the same way by
hand, keeps those headers. Each such header had been reported twice, as the column
``driver`` missing and the column ``指标 driver`` unknown (ten problems for five headers),
and no message said that the header holds the right name. :func:`labelled_headers` finds
them, so that a column check says once per header which name to write. The readers refuse
such a header rather than read it: a CSV table's header is its column name alone
(docs/data-format.md); only the workbook's sheets carry the labels.

The other header checks shared by the table readers: which tidy table a header is
(:func:`table_kind`: activity, production or a factor table) so that a table given where
another goes is named as what it is (:func:`swapped_table`, rounds 26 ZA131 and 30 ZF228),
and a DataFrame whose missing column is its index (:func:`index_text`, round 30 ZF151).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from carbonpath.errors import Problem

__all__ = ["TABLE_COLUMNS", "index_text", "labelled_headers", "labelled_text",
           "swapped_table", "table_kind"]

#: The required columns of carbonpath's tidy accounting tables (round 26 ZA131; the factor
#: table since round 30 ZF228). No table's set holds another's: activity needs fuel,
#: production product, a factor table item and quantity.
TABLE_COLUMNS = {"activity": ("sector", "fuel", "value", "unit"),
                 "production": ("product", "value", "unit"),
                 "factors": ("item", "quantity", "value", "unit")}
_TABLE_NAMES = {"activity": "activity data (columns sector, fuel, value, unit)",
                "production": "industrial production (columns product, value, unit)",
                "factors": "a factor table (columns item, quantity, value, unit, region, "
                           "source, status)"}
_TABLE_PLACES = {"activity": "compute_inventory's first argument or read_activity, FILE of "
                             "carbonpath inventory, activity.csv of a dataset (init reads an "
                             "energy balance sheet instead)",
                 "production": "compute_inventory(production=FILE) or read_production, "
                               "--production of carbonpath inventory and init, production.csv "
                               "of a dataset",
                 "factors": "compute_inventory(factors=FILE) or load_factors, --factors of "
                            "carbonpath inventory and decompose"}


def table_kind(columns: Sequence[Any]) -> str | None:
    """Which tidy table a header is (``activity``, ``production``, ``factors``), or None.

    A header holding every required column of one table (:data:`TABLE_COLUMNS`, names
    stripped and lower-cased) and not of another is that table.
    """
    cols = {str(c).strip().lower() for c in columns}
    found = [k for k, need in TABLE_COLUMNS.items() if set(need) <= cols]
    return found[0] if len(found) == 1 else None


def swapped_table(columns: Sequence[Any], wanted: str, name: str) -> Problem | None:
    """The problem of a header that is another tidy table than ``wanted``, or None.

    One problem naming the table the file is and where it is read (round 26 ZA131 for
    activity and production swapped; round 30 ZF228: an activity file given as
    ``--factors``, a factor table as ``--production``), instead of the columns missing and
    unknown.
    """
    kind = table_kind(columns)
    if kind is None or kind == wanted:
        return None
    return Problem(
        f"the table is {_TABLE_NAMES[kind]}, not {_TABLE_NAMES[wanted]}: were the files "
        "swapped?", file=name, row=1 if name.lower().endswith(".csv") else None,
        valid=f"{_TABLE_NAMES[wanted]} here; {_TABLE_NAMES[kind].split(' (')[0]} is "
              f"read as {_TABLE_PLACES[kind]}")


def index_text(frame: Any, missing: Iterable[str]) -> str:
    """A note when missing columns are the index of a DataFrame, else ''.

    ``df.set_index("sector")`` moves the column into the index, where the readers do not
    look (round 30 ZF151: "missing column(s): sector" without a word of the index).
    """
    names = [str(n) for n in getattr(getattr(frame, "index", None), "names", []) or []
             if n is not None]
    held = [c for c in missing if c in names]
    if not held:
        return ""
    return (f" ({', '.join(held)} {'is' if len(held) == 1 else 'are'} the DataFrame's index, "
            "not a column: pass df.reset_index())")


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
