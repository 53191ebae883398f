"""emissions.csv rows the model cannot read one way: ambiguous rows and rows no factor reads.

The rule (docs/data-format.md, :meth:`carbonpath.model.coefficients.Coefficients.
_emission_factors`): a row overrides exactly the (technology, gas, basis, commodity) it names.
Round 13's H99-H108 had an input row replace every gas of its fuel, an activity row add to
the fuel's factors, and rows of other gases or of no input dropped without a word.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.errors import Problem

__all__ = ["ambiguous_row", "unused_rows"]


def ambiguous_row(code: str, gas: str, rows: pd.DataFrame, inputs: list[str]) -> Problem:
    """The problem of an activity row of a gas the technology's burned fuels emit too.

    Parameters
    ----------
    code : str
        The technology.
    gas : str
        The row's gas.
    rows : pandas.DataFrame
        The emissions.csv rows of (technology, gas, activity), indexed by file line.
    inputs : list of str
        The burned inputs whose factor of ``gas`` the factor tables give.

    Returns
    -------
    Problem
        Naming emissions.csv, the first row's line and the column ``basis``.
    """
    given = ", ".join(f"{code},{gas},input,{c},,<value>,..." for c in inputs)
    return Problem(
        f"'{code}' burns {', '.join(inputs)}, whose {gas} the factor tables give, and this "
        f"{gas} factor per unit of activity could be the plant's whole {gas} (then the "
        f"fuel's would count twice) or only its process part: give the fuel's own {gas} "
        "factor too, as an input row (0 if this row holds all of it)",
        file="emissions.csv", row=rows.index[0], column="basis", value="activity",
        valid=f"add {given}; or basis input per unit of the fuel instead")


def unused_rows(overrides: dict[tuple[str, str, str], pd.DataFrame], used: set,
                data: Any) -> list[Problem]:
    """The problems of emissions.csv rows that no technology's factor reads (H99, H108).

    Parameters
    ----------
    overrides : dict
        The rows by (technology, gas, input commodity or '' for basis activity).
    used : set
        The keys some factor read.
    data : ModelData
        The model data (its technologies and commodities); rows of a technology that this
        scenario's model leaves out are not refused here.

    Returns
    -------
    list of Problem
        One per unread key, naming emissions.csv, the row and the column at fault.
    """
    out = []
    for key, rows in overrides.items():
        code, gas, com = key
        tech = data.techs.get(code)
        if key in used or tech is None:
            continue
        if com:
            bases = sorted({str(data.commodities.loc[c, "base"]) for c in tech.inputs})
            out.append(Problem(
                f"'{com}' is not an input of '{code}', so no factor reads this {gas} row "
                "(basis input names one of the technology's input commodities)",
                file="emissions.csv", row=rows.index[0], column="commodity", value=com,
                valid=f"an input of {code}: {', '.join(bases)}" if bases else
                "basis activity (per unit of the technology's activity)"))
        else:
            out.append(Problem(
                f"no factor of '{code}' reads this {gas} row", file="emissions.csv",
                row=rows.index[0], column="technology", value=code,
                valid="a technology that emits (not a link)"))
    return out
