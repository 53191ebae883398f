"""carbonpath: carbon-peaking and green-transition analysis for a city or province.

Three wings, data flowing one way: accounting (activity data -> inventories), the pathway
model (dataset -> least-cost pathway) and publishing (inventory + pathway -> report).
This module re-exports the public API and holds nothing else.
"""

from carbonpath import _imports  # first: keeps import hooks lean, no full gc passes
from carbonpath.accounting import (
    Activity,
    BalanceMapping,
    BalanceSheet,
    Decomposition,
    Inventory,
    Production,
    ReferenceApproach,
    Uncertainty,
    balance_mapping,
    compute_inventory,
    decompose,
    fuel_factors,
    intensities,
    process_factors,
    read_activity,
    read_energy_balance,
    read_production,
    reference_approach,
    uncertainty,
)
from carbonpath.dataset import Dataset, list_datasets, load_dataset
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathError,
    CarbonpathWarning,
    DataError,
    EncodingError,
    FactorNotFoundError,
    GWPError,
    ImplausibleValueError,
    InfeasibleError,
    InputNotFoundError,
    MissingDependencyError,
    OutputFolderError,
    ReferenceApproachWarning,
    ResultsError,
    SolverError,
    UnitError,
    UnknownNameError,
)
from carbonpath.factors import Factor, FactorTable, load_factors
from carbonpath.model import Pathway, PathwayModel, optimise
from carbonpath.units import Q_, electricity_to_standard_coal, to_co2e, ureg

__version__ = "0.1.0"

__all__ = [
    "Q_",
    "Activity",
    "ArgumentTypeError",
    "ArgumentValueError",
    "BalanceMapping",
    "BalanceSheet",
    "CarbonpathError",
    "CarbonpathWarning",
    "DataError",
    "Dataset",
    "Decomposition",
    "EncodingError",
    "Factor",
    "FactorNotFoundError",
    "FactorTable",
    "GWPError",
    "ImplausibleValueError",
    "InfeasibleError",
    "InputNotFoundError",
    "Inventory",
    "MissingDependencyError",
    "OutputFolderError",
    "Pathway",
    "PathwayModel",
    "Production",
    "ReferenceApproach",
    "ReferenceApproachWarning",
    "ResultsError",
    "SolverError",
    "Uncertainty",
    "UnitError",
    "UnknownNameError",
    "__version__",
    "balance_mapping",
    "compute_inventory",
    "decompose",
    "electricity_to_standard_coal",
    "fuel_factors",
    "intensities",
    "list_datasets",
    "load_dataset",
    "load_factors",
    "optimise",
    "process_factors",
    "read_activity",
    "read_energy_balance",
    "read_production",
    "reference_approach",
    "to_co2e",
    "uncertainty",
    "ureg",
]

_imports.full_passes_again()  # (the imports are done: _imports.no_full_passes)
