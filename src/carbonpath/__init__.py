"""carbonpath: carbon-peaking and green-transition analysis for a city or province.

Three wings, data flowing one way: accounting (activity data -> inventories), the pathway
model (dataset -> least-cost pathway) and publishing (inventory + pathway -> report).
This module re-exports the public API and holds nothing else.
"""

from carbonpath.dataset import Dataset, list_datasets, load_dataset
from carbonpath.errors import (
    CarbonpathError,
    CarbonpathWarning,
    DataError,
    FactorNotFoundError,
    GWPError,
    InfeasibleError,
    SolverError,
    UnitError,
)
from carbonpath.model import Pathway, PathwayModel, optimise
from carbonpath.units import Q_, electricity_to_standard_coal, to_co2e, ureg

__version__ = "0.1.0"

__all__ = [
    "Q_",
    "CarbonpathError",
    "CarbonpathWarning",
    "DataError",
    "Dataset",
    "FactorNotFoundError",
    "GWPError",
    "InfeasibleError",
    "Pathway",
    "PathwayModel",
    "SolverError",
    "UnitError",
    "__version__",
    "electricity_to_standard_coal",
    "list_datasets",
    "load_dataset",
    "optimise",
    "to_co2e",
    "ureg",
]
