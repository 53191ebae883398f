""":class:`Dataset`: a validated dataset (configuration, plan, tables with units)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import regions as _regions
from carbonpath.dataset.operations import (
    discount_year,
    first_decision_year,
)
from carbonpath.errors import (
    unknown_name,
)

__all__ = ["Dataset"]


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: configuration, plan and tables, with units still attached.

    Numbers stay in the units the dataset gives (a ``unit`` column beside each ``value``);
    the pathway model converts them once, at its boundary. Tables are pandas DataFrames
    indexed by the line number of the file they came from, so later errors can still name
    the row.

    Attributes
    ----------
    name : str
        Dataset name (its folder name).
    path : pathlib.Path
        The folder.
    config : dict
        ``dataset.yaml``: region, base_year, horizon, currency, price_year, discount_rate,
        timeslices, emissions, energy, scenarios, sources.
    targets : dict
        ``plan.yaml`` targets by name.
    tables : dict of str to pandas.DataFrame
        commodities, technologies, flows, parameters, demands, profiles, drivers and
        (optional) emissions and links (see :mod:`carbonpath.dataset.regions`).
    checksums : dict of str to str
        SHA-256 of every file read, for the reproducibility record.
    """

    name: str
    path: Path
    config: dict[str, Any]
    targets: dict[str, dict[str, Any]]
    tables: dict[str, pd.DataFrame]
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def base_year(self) -> int:
        """The observed year whose activity is fixed to the data."""
        return int(self.config["base_year"])

    @property
    def first_decision_year(self) -> int:
        """The first year of decisions (``first_decision_year``, default base year + 1).

        Years before it are observed: their activities are fixed to the data.
        """
        return first_decision_year(self.config)

    @property
    def decision_years(self) -> list[int]:
        """The model years from :attr:`first_decision_year` on (the others are observed)."""
        return [y for y in self.years if y >= self.first_decision_year]

    @property
    def discount_year(self) -> int:
        """The year costs are discounted to (``discount_year``, default the base year)."""
        return discount_year(self.config)

    @property
    def horizon(self) -> int:
        """The last model year."""
        return int(self.config["horizon"])

    @property
    def years(self) -> list[int]:
        """Model years, base year to horizon, annual."""
        return list(range(self.base_year, self.horizon + 1))

    @property
    def region(self) -> str:
        """Region code used for factor lookup."""
        return str(self.config["region"])

    @property
    def regions(self) -> list[str]:
        """Model regions: ``dataset.yaml`` ``regions``, else one named after the dataset.

        The first is the default region of rows whose region is blank.
        """
        return _regions.regions(self.config, self.name)

    @property
    def region_groups(self) -> dict[str, list[str]]:
        """Named groups of regions (``dataset.yaml`` ``region_groups``)."""
        return _regions.region_groups(self.config)

    @property
    def days(self) -> list[dict[str, Any]]:
        """Representative days: ``[{"name": ..., "weight": days per year}, ...]``."""
        return list(self.config["timeslices"]["days"])

    @property
    def hours(self) -> int:
        """Timeslices per representative day."""
        return int(self.config["timeslices"].get("hours", 24))

    @property
    def scenarios(self) -> list[str]:
        """Names of the dataset's scenarios."""
        return list(self.config.get("scenarios", {}))

    @checked
    def scenario(self, name: str | None) -> dict[str, Any]:
        """Return a scenario's settings (targets and parameter overrides).

        A scenario that extends another (or is frozen) is resolved first, so ``targets`` is
        the list that applies to it.

        Raises
        ------
        UnknownNameError
            If the scenario is unknown (a ``KeyError``; the message names the closest).
        """
        scenarios = self.config.get("scenarios", {})
        if name is None:
            return {"targets": [], "parameters": []}
        if name not in scenarios:
            raise unknown_name("scenario", name, scenarios)
        settings = scenarios[name] or {}
        if settings.get("extends") or settings.get("frozen"):  # see dataset/scenarios.py
            from carbonpath.dataset.scenarios import resolve_scenario

            settings = resolve_scenario(self, name).config["scenarios"][name]
        return {"targets": list(settings.get("targets", [])),
                "parameters": list(settings.get("parameters", []))}

    @checked
    def file(self, name: str) -> Path:
        """Return the path of a file of the dataset (it may not exist)."""
        return self.path / name
