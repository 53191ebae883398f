"""The domain of every number a dataset row holds, by table and parameter.

One table for every path that sets model data. The loader checks each file's rows when
it reads them; a value set afterwards through the API
(:meth:`carbonpath.PathwayModel.update`, :meth:`carbonpath.PathwayModel.apply`, a Monte
Carlo input) skips the files, so each of those paths asks :func:`domain_of` for the same
domain:

* a share (``availability``, ``min_output``, ``capacity_credit``, a technology
  ``discount_rate``; an availability profile): 0 .. 1;
* an efficiency of storage (``charge_efficiency``, ``discharge_efficiency``): above 0, at
  most 1; ``standing_loss``: 0 .. below 1 per hour;
* a lifetime (``lifetime``, ``economic_lifetime``): above 0 years;
* a flow ratio (``flows.csv``): above 0 (a ratio of zero makes a fuel or a product out of
  nothing; a row that is not needed is left out);
* ``variable_cost``: any finite number (a negative cost is a revenue, e.g. a by-product;
  a sign that differs from the dataset's value is a slip check of
  :mod:`carbonpath.model.update_checks`);
* ``grid_nonfossil_share``: 0 .. 1; other drivers and every other quantity (capacities,
  costs, bounds, demands, profiles): 0 or more.

Every domain is also finite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from carbonpath.errors import Problem, UnitError, line_label
from carbonpath.units import unit_factor

__all__ = ["DEFAULT", "PARAMETER_DOMAINS", "Domain", "domain_of", "domain_problems",
           "outside"]


@dataclass(frozen=True)
class Domain:
    """The values a quantity may take.

    Attributes
    ----------
    low, high : float
        The bounds (``-inf`` / ``inf`` for none).
    low_open, high_open : bool
        Whether the bound itself is excluded.
    text : str
        The domain in words, for messages (``"a share in [0, 1]"``).
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    text: str = "a finite number >= 0"

    def holds(self, value: float) -> bool:
        """True if ``value`` is finite and inside the domain."""
        if not math.isfinite(value):
            return False
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below


DEFAULT = Domain(0.0, math.inf)
"""Every quantity without its own domain: finite and >= 0."""

_SHARE = Domain(0.0, 1.0, text="a share in [0, 1] (write 0.3 for 30 %)")

PARAMETER_DOMAINS: dict[str, Domain] = {
    "variable_cost": Domain(-math.inf, math.inf, text="a finite number"),
    "availability": _SHARE,
    "min_output": _SHARE,
    "capacity_credit": _SHARE,
    "discount_rate": Domain(0.0, 1.0, high_open=True, text="a rate in [0, 1), e.g. 0.08"),
    "charge_efficiency": Domain(0.0, 1.0, low_open=True, text="an efficiency in (0, 1]"),
    "discharge_efficiency": Domain(0.0, 1.0, low_open=True, text="an efficiency in (0, 1]"),
    "standing_loss": Domain(0.0, 1.0, high_open=True,
                            text="a share of the stored energy per hour in [0, 1)"),
    "lifetime": Domain(0.0, math.inf, low_open=True, text="a number of years > 0"),
    "economic_lifetime": Domain(0.0, math.inf, low_open=True, text="a number of years > 0"),
}
"""``parameters.csv`` parameter -> its domain (others: :data:`DEFAULT`)."""

_FLOW = Domain(0.0, math.inf, low_open=True,
               text="a ratio > 0 (a flow of zero makes a fuel or a product out of nothing)")


def domain_of(tables: dict[str, pd.DataFrame], table: str, row: Any) -> tuple[Domain, str]:
    """The domain of the value of one dataset row, and what the value is in words.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables (``technologies`` tells availability profiles apart).
    table : str
        ``parameters``, ``flows``, ``demands``, ``drivers`` or ``profiles``.
    row : pandas.Series or mapping
        The row (its ``parameter``, ``technology``, ``driver``, ``profile``...).

    Returns
    -------
    (Domain, str)
    """
    if table == "parameters":
        name = row["parameter"]
        return PARAMETER_DOMAINS.get(name, DEFAULT), f"{row['technology']} {name}"
    if table == "flows":
        return _FLOW, f"flow of {row['commodity']} of {row['technology']}"
    if table == "demands":
        return DEFAULT, f"demand of {row['commodity']}"
    if table == "drivers":
        name = row["driver"]
        return (_SHARE if name == "grid_nonfossil_share" else DEFAULT), str(name)
    if table == "profiles":
        techs = tables.get("technologies")
        if techs is not None and "availability_profile" in techs and (
                techs["availability_profile"] == row["profile"]).any():
            return _SHARE, f"availability profile {row['profile']}"
        return DEFAULT, f"profile {row['profile']}"
    return DEFAULT, table


def outside(domain: Domain, value: Any) -> bool:
    """True if ``value`` is not a finite number inside ``domain`` (bools are not numbers)."""
    if isinstance(value, bool):
        return True
    try:
        number = float(value)
    except (TypeError, ValueError):
        return True
    return not domain.holds(number)


def _as_fraction(value: Any, row: Any) -> Any:
    """A value in a dimensionless row unit (``%``) as a fraction, for the domain (Y97).

    Domains are written for fractions; a row in ``%`` holds 90 for 0.9. Any other unit, or
    a value that is not a number, is returned as it is.
    """
    unit = row.get("unit") if hasattr(row, "get") else None
    if isinstance(value, bool) or not isinstance(unit, str) or not unit.strip():
        return value
    try:
        return float(value) * unit_factor(unit, "1")
    except (UnitError, TypeError, ValueError):
        return value


def domain_problems(tables: dict[str, pd.DataFrame], table: str, line: Any, value: Any,
                    file: str) -> list[Problem]:
    """A problem if a new value of a dataset row lies outside the row's domain.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables (the row is ``tables[table].loc[line]``).
    table : str
        The table of the row.
    line : hashable
        The row's file line.
    value : Any
        The new value, in the row's unit.
    file : str
        Where the new value came from (for the message).

    Returns
    -------
    list of Problem
        Empty, or one problem naming the row, the value and the domain.
    """
    row = tables[table].loc[line]
    domain, what = domain_of(tables, table, row)
    if not outside(domain, _as_fraction(value, row)):
        return []
    return [Problem(f"{table}.csv row {line_label(line)}: the new value of {what} is outside "
                    "its domain", file=file, value=value, valid=domain.text)]
