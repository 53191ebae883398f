"""Why a listing of factors by valid filters holds no row (round 30 ZF78).

``carbonpath factors --quantity calorific_value --gas CO2`` had printed "0 rows" and left
the user to guess: each filter names something the table has, but no row has them all. A
gas is a column of the emission factors only (a calorific value, an oxidation rate or a
process factor of a product carries no gas), a product has process factors only (no
calorific value), and a fuel has no factor of every gas (raw coal has no CF4 factor).
:func:`empty_selection` says which filter left no row and what the rows before it hold, so
that :meth:`carbonpath.factors.table.FactorTable.select` can refuse with that reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from carbonpath.errors import ArgumentValueError

__all__ = ["empty_selection"]


def _listed(values: object) -> str:
    names = sorted({str(v) for v in values if str(v)})  # type: ignore[attr-defined]
    return ", ".join(names) if names else "none"


def empty_selection(rows: pd.DataFrame, item: str | None, quantity: str | None,
                    gas: str | None, chain: Sequence[str] | None) -> ArgumentValueError:
    """The error of a selection whose filters, each valid, leave no row together.

    Parameters
    ----------
    rows : pandas.DataFrame
        The factor rows of the item filter (all rows without one): columns ``item``,
        ``quantity``, ``gas``, ``region``.
    item, quantity, gas : str or None
        The filters as given (the gas already matched to its code).
    chain : sequence of str or None
        The region filter: the region and those above it (None: no region filter).

    Returns
    -------
    ArgumentValueError
        Naming the filter that left no row, what the rows before it hold, and which
        filter to leave out.
    """
    what = f"item '{item}'" if item else "the factor table"
    df = rows
    if quantity:
        kept = df[df["quantity"] == quantity]
        if kept.empty:
            return ArgumentValueError(
                f"no factor row matches: {what} has no {quantity} row (its rows give "
                f"{_listed(df['quantity'])}); leave --quantity out, or give one of those")
        df = kept
    if gas:
        kept = df[df["gas"] == gas]
        if kept.empty:
            gases = _listed(df["gas"])
            scope = f"{quantity} rows" if quantity else f"rows of {what}"
            if gases == "none":
                return ArgumentValueError(
                    f"no factor row matches: --gas selects emission factors by their gas, and "
                    f"the {scope} carry no gas; leave --gas out")
            return ArgumentValueError(
                f"no factor row matches: the {scope} have no {gas} factor (gases given: "
                f"{gases}); leave --gas out, or give one of those")
        df = kept
    regions = _listed(df["region"])
    return ArgumentValueError(
        f"no factor row matches: the rows of these filters are given for {regions}, none "
        f"for {', '.join(chain or [])}; leave --region out to list them")
