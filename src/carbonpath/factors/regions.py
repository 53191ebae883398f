"""The region hierarchy that factor lookups walk (``factors/regions.csv`` plus user regions)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.errors import (
    DataError,
    Problem,
)

__all__ = ["RegionTable"]


# ---------------------------------------------------------------------------------------
# Region table


@dataclass(frozen=True)
class RegionTable:
    """The region hierarchy that lookups walk (``factors/regions.csv`` plus user regions).

    Attributes
    ----------
    table : pandas.DataFrame
        Columns region, name_en, name_zh, parent, level, aliases; indexed by region code.
    aliases : dict
        Normalised alias -> code.
    chains : dict
        Region code -> tuple of codes from itself up to ``world``.
    """

    table: pd.DataFrame
    aliases: dict[str, str]
    chains: dict[str, tuple[str, ...]]

    @checked
    def resolve(self, text: Any) -> str | None:
        """Return the region code ``text`` names (code, name or alias), else ``None``."""
        if text is None or (isinstance(text, float) and math.isnan(text)):
            return None
        return self.aliases.get(_norm(text))

    @checked
    def chain(self, region: str) -> tuple[str, ...]:
        """Return the region and every region above it, ending with ``world``."""
        return self.chains[region]

    @checked
    def valid_text(self, text: str | None = None) -> str:
        """Describe valid region codes for an error message."""
        import difflib

        close = difflib.get_close_matches(_norm(text or ""), list(self.aliases), n=3, cutoff=0.6)
        codes = sorted({self.aliases[c] for c in close})
        head = f"did you mean {', '.join(codes)}? " if codes else ""
        return head + "a region code of factors/regions.csv (e.g. CN, CN-SD, CN-SD-Liaocheng)"


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


def _read_regions(frames: Sequence[tuple[str, pd.DataFrame]]) -> RegionTable:
    problems: list[Problem] = []
    parts = []
    for name, df in frames:
        missing = [c for c in ("region", "parent", "level") if c not in df.columns]
        if missing:
            problems.append(Problem(f"missing column(s) {missing}", file=name,
                                    valid="region, name_en, name_zh, parent, level, aliases"))
            continue
        df = df.astype(object).fillna("").astype(str)  # (a blank float column: Z113)
        df["_file"] = name
        df["_line"] = np.arange(2, len(df) + 2)
        parts.append(df)
    DataError.collect(problems, "region table")
    table = pd.concat(parts, ignore_index=True)
    for col in ("name_en", "name_zh", "aliases"):
        if col not in table:
            table[col] = ""
    dup = table[table.duplicated("region", keep=False)]
    for _, r in dup.iterrows():
        problems.append(Problem("region code defined twice", file=r["_file"], row=int(r["_line"]),
                                column="region", value=r["region"]))
    codes = set(table["region"])
    for _, r in table.iterrows():
        if r["parent"] and r["parent"] not in codes:
            problems.append(Problem("parent region is not in the region table", file=r["_file"],
                                    row=int(r["_line"]), column="parent", value=r["parent"],
                                    valid="a region code defined in a region table"))
        if not r["parent"] and r["region"] != "world":
            problems.append(Problem("only 'world' may have no parent", file=r["_file"],
                                    row=int(r["_line"]), column="parent", value=r["parent"]))
    DataError.collect(problems, "region table")
    table = table.set_index("region", drop=False)
    parent = dict(zip(table["region"], table["parent"], strict=True))
    chains: dict[str, tuple[str, ...]] = {}
    for code in table["region"]:
        chain = [code]
        while parent[chain[-1]]:
            nxt = parent[chain[-1]]
            if nxt in chain:
                raise DataError(Problem("the region table has a cycle", column="parent",
                                        value=" -> ".join([*chain, nxt])), "region table")
            chain.append(nxt)
        chains[code] = tuple(chain)
    aliases: dict[str, str] = {}
    for _, r in table.iterrows():
        for alias in [r["region"], r["name_en"], r["name_zh"], *r["aliases"].split(";")]:
            key = _norm(alias)
            if key and key not in aliases:
                aliases[key] = r["region"]
    return RegionTable(table=table.drop(columns=["_file", "_line"]), aliases=aliases, chains=chains)
