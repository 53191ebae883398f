"""The factor tables' columns and quantities, and :class:`Factor`, the result of one lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pint

from carbonpath._checks import checked
from carbonpath.units import parse_unit

__all__ = ["FRAME_NAME", "QUANTITIES", "Factor", "user_row"]


#: Factor-table columns, in file order (``low``, ``high``, ``source_item``, ``note``,
#: ``plausibility`` optional).
COLUMNS = ("item", "quantity", "gas", "sector", "technology", "value", "unit", "basis",
           "region", "year", "low", "high", "source", "source_item", "status", "note",
           "plausibility")
_REQUIRED = ("item", "quantity", "value", "unit", "region", "source", "status")

#: The name :func:`carbonpath.load_factors` gives a user table passed as a DataFrame
#: (``user factors``, or ``user factors 2`` among several): its rows are index labels.
FRAME_NAME = "user factors"


def user_row(file: str, line: object) -> str:
    """A user factor row as a message names it: ``user factor f.csv line 2``.

    A row of a DataFrame (:data:`FRAME_NAME`) is named by its index label, not a line:
    ``user factor of index label 0 in the DataFrame of user factors`` (round 25 Z113: it
    read "user factor user factors line 0").
    """
    if file == FRAME_NAME or re.fullmatch(rf"{FRAME_NAME} \d+", str(file)):
        return f"user factor of index label {line} in the DataFrame of {file}"
    return f"user factor {file} line {line}"


#: quantity -> (canonical numerator, allowed denominators, what it is)
QUANTITIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "calorific_value": ("TJ", ("t", "Nm3"), "energy per unit of fuel (basis net or gross)"),
    "carbon_content": ("t C", ("TJ",), "carbon per unit of energy"),
    "oxidation_factor": ("", ("",), "share of the carbon oxidised (dimensionless)"),
    "emission_factor": ("t {gas}", ("TJ", "t", "Nm3"),
                        "gas per unit of energy, fuel, product or electricity"),
    "standard_coal_coefficient": ("tce", ("t", "Nm3", "TJ"), "standard coal per unit"),
    "coal_rate": ("gce/kWh", ("",), "coal per unit of thermal electricity (basis stated)"),
    "ncv_gcv_ratio": ("", ("",), "net over gross calorific value (dimensionless)"),
}
_BASES = {"calorific_value": ("net", "gross"), "coal_rate": ("generation", "supply")}
_STATUSES = ("verified", "unverified")
_DEN_UNITS = {"t": "t", "Nm3": "Nm3", "TJ": "TJ", "": ""}
_BELOW = "|below"  # marks a key standing for a region or sector below the one named
#: Items a lookup asks for besides fuel and product codes: fuel groups of the gross-to-net
#: ratios and the grid-factor variants of :meth:`FactorTable.grid_factor`.
LOOKUP_ITEMS = ("coal", "oil", "gas", "electricity_excl_market_nonfossil", "electricity_fossil")


# ---------------------------------------------------------------------------------------
# Factor: the result of one lookup


@dataclass(frozen=True)
class Factor:
    """One coefficient with its provenance, as returned by a lookup.

    Attributes
    ----------
    item, quantity, gas : str
        What the factor is (``gas`` is ``""`` for non-emission quantities).
    value : pint.Quantity
        The value in the unit of the table (``unit``); derived factors in the unit stated.
    unit : str
        The unit as written in the table.
    source : str
        The original document and table (for a derived factor: the formula and its inputs).
    status : str
        ``verified`` or ``unverified`` (see ``factors/README.md``); a derived factor is
        ``verified`` only if all its inputs are.
    rule : str
        Which precedence rule selected the row (e.g. ``"region above (CN), any year"``).
    region, year, sector, technology, basis : str or int or None
        The matched row's keys (``year`` None = any year).
    file, row : str, int
        File name and line number (header = 1) of the row; ``row_id`` its index in the table.
    low, high : pint.Quantity or None
        The range printed by the source, if any.
    note : str
        The row's note (mapping, assumption, transcription).
    version : str
        Factor-set version (``factors/VERSION``; ``user`` appended for user tables).
    derived_from : tuple of Factor
        The factors a derived value was computed from.
    """

    item: str
    quantity: str
    gas: str
    value: pint.Quantity
    unit: str
    source: str
    status: str
    rule: str
    region: str = ""
    year: int | None = None
    sector: str = ""
    technology: str = ""
    basis: str = ""
    file: str = ""
    row: int | None = None
    row_id: int | None = None
    low: pint.Quantity | None = None
    high: pint.Quantity | None = None
    note: str = ""
    version: str = ""
    derived_from: tuple[Factor, ...] = ()

    @checked
    def to(self, unit: str) -> pint.Quantity:
        """Return the value converted to ``unit`` (raises ``DimensionalityError``)."""
        return self.value.to(parse_unit(unit))

    def __str__(self) -> str:
        gas = f" {self.gas}" if self.gas else ""
        return (f"{self.item} {self.quantity}{gas} = {self.value.magnitude:g} {self.unit} "
                f"[{self.source}; {self.rule}]")
