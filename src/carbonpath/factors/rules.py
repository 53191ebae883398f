"""The precedence rules of a lookup, in words, and the IPCC category chain of a sector."""

from __future__ import annotations

import math
from typing import Any

from carbonpath.codes import fuels, products, sectors
from carbonpath.errors import (
    DataError,
    Problem,
)

_RANK = ["layer", "region_dist", "year_rank", "year_gap", "sector_rank", "tech_rank"]


def describe_rule(layer: int, region_dist: int, region: str, year_rank: int, year: int,
                  sector_rank: int, sector: str, tech_rank: int) -> str:
    """Describe which precedence rule selected a row, in words (recorded as provenance)."""
    parts = ["user table" if layer == 0 else "bundled table"]
    if region == "world":
        parts.append("IPCC default (world)" if region_dist else "region world")
    else:
        parts.append("exact region" if region_dist == 0 else f"region above ({region})")
    parts.append({0: "exact year", 1: "any year"}.get(year_rank, f"nearest earlier year ({year})"))
    if sector:
        parts.append(f"sector {sector}" + ("" if sector_rank == 0 else " (broader category)"))
    if tech_rank == 0:
        parts.append("exact technology")
    return ", ".join(parts)


def item_code(item: str) -> str:
    """Return the code of a fuel or product named by code or alias (else ``item`` as given)."""
    return fuels().resolve(item) or products().resolve(item) or str(item)


def _prefixes(category: str) -> list[str]:
    """IPCC category prefix chain, most specific first: '1A2f' -> ['1A2f','1A2','1A','1','']."""
    if not category:
        return [""]
    return [category[:i] for i in range(len(category), 0, -1)] + [""]


def ipcc_category(sector: Any) -> str:
    """Return the IPCC category of a carbonpath sector code, or the text if it is one.

    ``None`` or '' gives '' (only rows valid for any sector match).

    Raises
    ------
    DataError
        The text is neither a sector code/alias nor an IPCC category.
    """
    if sector is None or (isinstance(sector, float) and math.isnan(sector)) or sector == "":
        return ""
    text = str(sector).strip()
    code = sectors().resolve(text)
    if code is not None:
        return sectors().attr(code, "ipcc_category")
    if text[0].isdigit() and text.isalnum():
        return text
    raise DataError(Problem("unknown sector", column="sector", value=text,
                            valid=sectors().valid_text(text)))
