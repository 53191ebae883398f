"""Production rows of a year or region the activity does not have (round-10 A11, A83).

Production data of 2021 (a ``year`` column) beside 2022 activity, or of ``CN-ZJ`` or the
parent province beside Liaocheng's activity, made an inventory of two years or regions whose
process CO2 belonged to neither; the CLI then refused it with API advice about ``by()``.
:func:`check_production_keys` names the production file, row and column instead.
"""

from __future__ import annotations

import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["check_production_keys"]


def check_production_keys(activity: pd.DataFrame, production: pd.DataFrame,
                          source: str) -> None:
    """Refuse production rows whose year or region no activity row has.

    Parameters
    ----------
    activity : pandas.DataFrame
        The activity table (``year``, ``region`` columns, region codes resolved).
    production : pandas.DataFrame
        The production table (``row``, ``year``, ``region``).
    source : str
        The production file's name, for the message.

    Raises
    ------
    DataError
        One problem per column (``year``, ``region``) naming the first such production row,
        its value and the activity's values.
    """
    problems = []
    for col in ("year", "region"):
        if col not in activity.columns or col not in production.columns or activity.empty:
            continue
        have = {str(v) for v in pd.unique(activity[col].astype(str))}
        values = production[col].astype(str).to_numpy()
        bad = [i for i, v in enumerate(values) if v not in have]
        if not bad:
            continue
        i = bad[0]
        row = production["row"].iloc[i] if "row" in production.columns else None
        more = f" ({len(bad)} rows)" if len(bad) > 1 else ""
        problems.append(Problem(
            f"production {col} {values[i]}{more} is not a {col} of the activity data: its "
            f"process CO2 would form an inventory {col} of its own, beside the activity's",
            file=source, row=row, column=col, value=values[i],
            valid=f"the activity's {col}: {', '.join(sorted(have))} (or leave the column out: "
            f"the {col} given, --{col} or {col}=, applies)"))
    if problems:
        raise DataError(problems, source)
