"""The pathway model: dataset -> Pyomo LP -> HiGHS -> Pathway."""

from carbonpath.model.build import PathwayModel, optimise
from carbonpath.model.data import ModelData, capital_recovery_factor
from carbonpath.model.results import Pathway

__all__ = ["ModelData", "Pathway", "PathwayModel", "capital_recovery_factor", "optimise"]
