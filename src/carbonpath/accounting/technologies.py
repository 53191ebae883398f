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
                        what: str = "fuel", sec_c: np.ndarray | None = None,
                        sec_cats: list[str] | None = None) -> list[Problem]:
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
    sec_c, sec_cats : optional
        Codes of each row's sector (shape (n,)) and their categories (sector codes or IPCC
        categories). Given, a technology whose factor rows of the item are all for IPCC
        categories the row's sector is not under (``oxidation_catalyst`` of gasoline:
        1A3, 1A3b) is refused at that row too (round 22 M09: in ``commercial``, 1A4a, the
        generic stationary factors applied without a word).

    Returns
    -------
    list of Problem
        One per distinct (item, technology) pair that no factor row has, and one per
        (item, technology, sector) whose sector no factor row of the pair reaches.
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
    out = _sector_problems(known, item_c, item_cats, tech_c, tech_cats, sec_c, sec_cats,
                           labels, name, what)
    for i, t in zip(pairs["i"], pairs["t"], strict=True):
        tech = tech_cats[t]
        item = item_cats[i] if 0 <= i < len(item_cats) else ""
        if not tech or tech in by_item.get(item, set()):
            continue
        mask = (item_c == i) & (tech_c == t)
        first = labels[np.flatnonzero(mask)[0]]
        first = int(first) if isinstance(first, (np.integer, int)) else first
        own = sorted(by_item.get(item, set()))
        near = [n for n in difflib.get_close_matches(tech, own or everywhere, n=2, cutoff=0.6)
                if n != tech]  # never suggest the value refused (round 10, A26/A78)
        hint = f"did you mean {', '.join(near)}? " if near and own else ""
        elsewhere = sorted(k for k, ts in by_item.items() if tech in ts)
        if elsewhere:
            hint += f"'{tech}' has factors for {', '.join(elsewhere)} only; "
        valid = (f"{hint}technologies with factors for {item}: {', '.join(own)}" if own else
                 f"{hint}no factor table has technology-specific factors for {item}; "
                 "leave technology blank")
        out.append(Problem(
            f"unknown technology '{tech}' for {what} {item}: no factor row has it, so the "
            "generic factors would apply without a word", file=name, row=first,
            column="technology", value=tech, valid=valid + " (or give a factor table with "
                                                          "rows of that technology)"))
    return out


def _sector_problems(known: pd.DataFrame, item_c: np.ndarray, item_cats: list[str],
                     tech_c: np.ndarray, tech_cats: list[str], sec_c: np.ndarray | None,
                     sec_cats: list[str] | None, labels: np.ndarray, name: str,
                     what: str) -> list[Problem]:
    """Rows whose technology has factor rows of the item, none for the row's sector."""
    from carbonpath.errors import DataError
    from carbonpath.factors.rules import _prefixes, ipcc_category

    if sec_c is None or sec_cats is None:
        return []
    where: dict[tuple[str, str], set[str]] = {}
    for item, tech, sector in zip(known["item"].astype(str), known["technology"].astype(str),
                                  known["sector"].astype(str), strict=True):
        where.setdefault((item, tech), set()).add(sector)
    out = []
    triples = pd.DataFrame({"i": item_c, "t": tech_c, "s": sec_c}).drop_duplicates()
    for i, t, k in zip(triples["i"], triples["t"], triples["s"], strict=True):
        item = item_cats[i] if 0 <= i < len(item_cats) else ""
        tech = tech_cats[t] if 0 <= t < len(tech_cats) else ""
        sector = sec_cats[k] if 0 <= k < len(sec_cats) else ""
        cats = where.get((item, tech))
        if not tech or not cats or not sector or "" in cats:
            continue
        try:
            category = ipcc_category(sector)
        except DataError:
            continue  # an unknown sector, refused by its own check
        if cats & set(_prefixes(category)):
            continue
        first = labels[np.flatnonzero((item_c == i) & (tech_c == t) & (sec_c == k))[0]]
        first = int(first) if isinstance(first, (np.integer, int)) else first
        out.append(Problem(
            f"technology '{tech}' of {what} {item} has factors only for IPCC "
            f"{', '.join(sorted(cats))}, not for sector {sector} ({category or 'no category'}):"
            " the generic factors of the sector would apply without a word", file=name,
            row=first, column="technology", value=tech,
            valid=f"leave technology blank in {sector}; or book the row in a sector under "
                  f"{', '.join(sorted(cats))} (transport, for road vehicles) if that is where "
                  "it is used; or give a factor table with rows of that technology for "
                  f"{category}"))
    return out
