"""The ``technology`` column of activity and production data, checked against the factors.

A technology code selects technology-specific factors (a gasoline car with an oxidation
catalyst, a prebake aluminium cell). A code that no factor row of that fuel or product has
matches nothing, and the lookup falls back to the generic factors without a word: a typo
(``oxidation_catalist``) silently changes CH4 and N2O. So a technology must be one that the
factor tables (bundled and user) give for the row's item; anything else is a
:class:`~carbonpath.errors.DataError` naming the file, the row, the column ``technology``
and the technologies that exist for that item.
"""

from __future__ import annotations

import difflib
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import Problem

__all__ = ["technology_problems"]


def technology_problems(item_c: np.ndarray, item_cats: list[str], tech_c: np.ndarray,
                        tech_cats: list[str], table: Any, labels: Any, name: str,
                        what: str = "fuel") -> list[Problem]:
    """Problems for technology codes that no factor row of the row's item has.

    Parameters
    ----------
    item_c, tech_c : numpy.ndarray of int, shape (n,)
        Codes of each row's item (fuel or product) and technology (into the categories).
    item_cats, tech_cats : list of str
        The categories ('' = no technology).
    table : carbonpath.FactorTable
        The factor tables in use (``rows`` with ``item`` and ``technology``).
    labels : array-like, shape (n,)
        Row labels (file lines or index labels).
    name : str
        The file or DataFrame name.
    what : str
        ``fuel`` or ``product``, for messages.

    Returns
    -------
    list of Problem
        One per distinct (item, technology) pair that no factor row has.
    """
    if not any(tech_cats):
        return []
    rows = table.rows
    known = rows[rows["technology"].astype(str) != ""]
    by_item: dict[str, set[str]] = {}
    for item, tech in zip(known["item"].astype(str), known["technology"].astype(str),
                          strict=True):
        by_item.setdefault(item, set()).add(tech)
    everywhere = sorted({t for ts in by_item.values() for t in ts})
    pairs = pd.DataFrame({"i": item_c, "t": tech_c}).drop_duplicates()
    labels = np.asarray(labels)
    out = []
    for i, t in zip(pairs["i"], pairs["t"], strict=True):
        tech = tech_cats[t]
        item = item_cats[i] if 0 <= i < len(item_cats) else ""
        if not tech or tech in by_item.get(item, set()):
            continue
        mask = (item_c == i) & (tech_c == t)
        first = labels[np.flatnonzero(mask)[0]]
        first = int(first) if isinstance(first, (np.integer, int)) else first
        own = sorted(by_item.get(item, set()))
        near = difflib.get_close_matches(tech, own or everywhere, n=2, cutoff=0.6)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        valid = (f"{hint}technologies with factors for {item}: {', '.join(own)}" if own else
                 f"{hint}none: no factor table has technology-specific factors for {item}; "
                 "leave technology blank")
        out.append(Problem(
            f"unknown technology '{tech}' for {what} {item}: no factor row has it, so the "
            "generic factors would apply without a word", file=name, row=first,
            column="technology", value=tech, valid=valid + " (or give a factor table with "
                                                          "rows of that technology)"))
    return out
