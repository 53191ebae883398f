"""The plain data of the pathway model: technologies, stores and links in canonical units.

Moved out of :mod:`carbonpath.model.data` (which re-exports every name) so that the unit
boundary there stays one job: these are the records it fills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.errors import ArgumentValueError
from carbonpath.units import parse_unit

__all__ = ["CANONICAL", "GASES", "LinkData", "StorageData", "TechData", "canonical_unit",
           "capital_recovery_factor", "regional_key"]

#: Canonical model unit by dimension (reference unit -> canonical unit).
CANONICAL: tuple[tuple[str, str], ...] = (
    ("MWh", "GWh"),
    ("MW", "GW"),
    ("t", "kt"),
    ("t/yr", "kt/yr"),
    ("Nm3", "MNm3"),
    ("Nm3/yr", "MNm3/yr"),
    ("vehicle", "kveh"),
    ("vkm", "Mvkm"),
    ("vkm/yr", "Mvkm/yr"),
    ("pkm", "Mpkm"),
    ("pkm/yr", "Mpkm/yr"),
    ("tkm", "Mtkm"),
    ("tkm/yr", "Mtkm/yr"),
    ("CNY", "MCNY"),
    ("person", "kperson"),
    ("1", "1"),
)

GASES = ("CO2", "CH4", "N2O", "SF6", "CF4", "C2F6")


def canonical_unit(unit: str) -> str:
    """Return the canonical model unit of ``unit``'s dimension (or ``unit`` itself).

    Examples: ``"万千瓦"`` -> ``"GW"``, ``"万吨"`` -> ``"kt"``, ``"亿千瓦时"`` -> ``"GWh"``.
    """
    dims = parse_unit(unit).dimensionality
    for ref, canon in CANONICAL:
        if parse_unit(ref).dimensionality == dims:
            return canon
    return unit


@dataclass
class StorageData:
    """Storage attributes in canonical units (energy in the stored commodity's unit)."""

    commodity: str
    charge_efficiency: float
    discharge_efficiency: float
    standing_loss: float  # share per hour
    energy_unit: str
    capex_energy: np.ndarray  # MCNY per energy unit, by year
    fixed_om_energy: np.ndarray  # MCNY per energy unit per year, by year
    residual_energy: np.ndarray  # energy units, by year
    max_energy: dict[int, float] = field(default_factory=dict)
    min_duration: float | None = None  # hours
    max_duration: float | None = None


@dataclass
class LinkData:
    """What makes a technology one direction of a link between two regions."""

    link: str  # the link's code (the forward direction's technology code)
    commodity: str  # the commodity moved (its code, not a regional key)
    source: str  # region the flow leaves
    target: str  # region the flow enters
    loss: float  # share lost on the way
    backward: bool  # True for the reverse direction of a bidirectional link
    counted: bool = False  # counts in the regions' emissions as trade (electricity)
    #: kt (target basis) per unit of activity that the receiving region counts and the
    #: sending region subtracts: grid factor x what arrives (zero unless counted)
    trade_factor: np.ndarray | None = None


@dataclass
class TechData:
    """One technology's attributes in canonical units; arrays are indexed by model year."""

    code: str
    name: str
    sector: str
    kind: str
    level: str
    group: str
    fixed_utilisation: bool
    early_retirement: bool
    investable: bool
    nonfossil: bool
    capacitated: bool
    capacity_unit: str
    activity_unit: str
    lifetime: int
    economic_lifetime: int
    discount_rate: float
    capex: np.ndarray
    fixed_om: np.ndarray
    variable_cost: np.ndarray
    availability: np.ndarray
    utilisation: np.ndarray
    residual: np.ndarray
    observed: dict[int, float]
    bounds: dict[str, dict[int, float]]
    inputs: dict[str, float]
    outputs: dict[str, float]
    uses: dict[str, str]
    availability_profile: np.ndarray | None
    load_share: np.ndarray | None
    storage: StorageData | None
    load_group: str = "flat"  # name of the load profile (annual technologies)
    emissions: dict[str, np.ndarray] = field(default_factory=dict)  # kt gas / activity unit
    emission_scope: str = "direct"  # direct | electricity_import | electricity_export
    direct_in_target: bool = True  # False for power and heat plants under the GPC method
    scope2: dict[str, np.ndarray] = field(default_factory=dict)  # gpc: kt CO2 / activity
    target_factor: np.ndarray | None = None  # kt of the target basis / activity unit
    energy_tce: np.ndarray | None = None  # ktce / activity unit (energy consumption)
    nonfossil_tce: np.ndarray | None = None  # ktce / activity unit (non-fossil part)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    #: adequacy, operating limits and fleet rules (see carbonpath.model.opdata.Operations)
    ops: Any = None
    region: str = ""  # the region it belongs to (links: the region the flow leaves)
    price_profile: np.ndarray | None = None  # time-of-use multiplier of variable_cost
    link: LinkData | None = None  # set for the two directions of a link

    @property
    def timeslice(self) -> bool:
        """True for technologies dispatched per timeslice."""
        return self.level == "timeslice"

    def crf(self) -> float:
        """Capital recovery factor r(1+r)^n / ((1+r)^n - 1) over the economic lifetime."""
        return capital_recovery_factor(self.discount_rate, self.economic_lifetime)


def regional_key(commodity: str, region: str, regions: list[str]) -> str:
    """The key of a commodity's balance in a region.

    ``commodity`` in a one-region model, ``commodity@region`` in a model of several regions.

    One-region models keep the bare codes, so that they build exactly the LP they built
    before regions existed; ``@`` cannot occur in a code, so the keys never collide.
    """
    return commodity if len(regions) <= 1 else f"{commodity}@{region}"


@checked
def capital_recovery_factor(rate: float, years: int) -> float:
    """Return the capital recovery factor of an annuity.

    CRF = r (1 + r)^n / ((1 + r)^n - 1), and 1/n when r = 0: the constant annual payment
    that repays one unit of investment over ``years`` years at discount rate ``rate``.

    Parameters
    ----------
    rate : float
        Discount rate per year (fraction).
    years : int
        Annuity period in years (>= 1).

    Returns
    -------
    float
        Payment per year per unit of investment.

    Raises
    ------
    ArgumentTypeError
        A rate that is not a number, or years that are not an int.
    ArgumentValueError
        Years below 1, a rate that is not finite or not above -1, or a factor that
        overflows.
    """
    if years < 1:
        msg = f"an annuity needs at least one year, got {years}"
        raise ArgumentValueError(msg)
    if not -1.0 < rate < float("inf"):  # nan fails too
        msg = f"a discount rate must be a finite number above -1, got {rate}"
        raise ArgumentValueError(msg)
    if rate == 0:
        return 1.0 / years
    try:
        growth = (1.0 + rate) ** years
        return rate * growth / (growth - 1.0)
    except (OverflowError, ZeroDivisionError):
        msg = f"no annuity of {years} years at rate {rate}: the factor overflows"
        raise ArgumentValueError(msg) from None


def _line(rows: pd.DataFrame) -> Any:
    """The file line of the first of some parameter rows (None if there are none)."""
    return rows.index[0] if len(rows) else None
