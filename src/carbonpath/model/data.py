"""The unit boundary of the pathway model: a Dataset -> plain floats in canonical units.

This is the only place (with :mod:`carbonpath.model.results`) where the model touches units.
Every quantity of the dataset is converted once, by whole columns, into the canonical unit
of its dimension (:data:`CANONICAL`), chosen so that the LP's coefficients stay within about
1e-3 .. 1e4: energy in GWh, power in GW, mass in kt, money in million CNY (MCNY), emissions in
kt of gas, standard coal in ktce. Units the table does not cover keep the dataset's own unit.

Emission factors of technologies come from carbonpath's factor tables (the same resolution
code the inventory uses, so the base year reconciles with the inventory), unless the
dataset's ``emissions.csv`` overrides them with its own sourced value.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, expand_years
from carbonpath.dataset.config import written_whole
from carbonpath.dataset.scenarios import resolve_scenario, resolved_name
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import DataError, Problem
from carbonpath.factors import FactorTable
from carbonpath.model.base_balance import base_balance_problems, gain_problems
from carbonpath.model.coefficients import Coefficients
from carbonpath.model.datatypes import (  # re-exported: their home before the split
    CANONICAL,
    GASES,
    LinkData,
    StorageData,
    TechData,
    canonical_unit,
    capital_recovery_factor,
    regional_key,
)
from carbonpath.model.opdata import read_reserves
from carbonpath.model.shared_techs import (  # noqa: F401 (re-exported: their home before)
    _BUNDLED_FACTORS,
    _SCENARIO_KEYS,
    _SHARED,
    _SHARED_SIZE,
    _TABLE_FACTORS,
    _factor_cache,
    _fingerprint,
    _shared,
)
from carbonpath.model.target_levels import check_target_levels
from carbonpath.model.techrows import TechRows
from carbonpath.model.unitrows import UnitRows
from carbonpath.units import unit_factor

__all__ = ["CANONICAL", "GASES", "LinkData", "ModelData", "StorageData", "TechData",
           "canonical_unit", "capital_recovery_factor", "model_hours", "regional_key"]


@dataclass
class ModelData:
    """Everything the Pyomo model needs, as plain floats in canonical units.

    Attributes
    ----------
    years : list of int
        Model years (base year .. horizon).
    base_year : int
    timeslices : list of (str, int)
        (representative day, hour block) pairs in chronological order within each day.
    weights : numpy.ndarray
        Hours per year each timeslice stands for (sum 8760).
    block_hours : float
        Length of one hour block of a representative day, in hours.
    techs : dict of str to TechData
    commodities : pandas.DataFrame
        Index: commodity code (one region) or balance key ``commodity@region``; columns
        unit (canonical), balance, kind, fuel, base (the code), region.
    demand : dict of str to numpy.ndarray
        Annual demand by commodity and year, canonical unit per year.
    demand_share : dict of str to numpy.ndarray
        Share of the annual demand of a timeslice commodity in each timeslice (sums to 1).
    drivers : dict of str to numpy.ndarray
        gdp (MCNY), population (kperson), grid_emission_factor (kt CO2/GWh),
        grid_nonfossil_share (1), thermal_power_coal_rate (ktce/GWh), where given.
    discount_factor : numpy.ndarray
        1 / (1 + r)^(y - discount year) by model year.
    decision_years, observed_years : list of int
        The years with decisions (from ``first_decision_year``, default the year after the
        base year) and the years before them, fixed to observed data.
    discount_year : int
        The year costs are discounted to (``discount_year``, default the base year).
    annuity_timing : str
        ``build_year`` (first annuity in the build year) or ``next_year``.
    reserves : dict
        Reserve margins by commodity (see :func:`carbonpath.model.opdata.read_reserves`).
    emissions : dict
        method, gas (target basis), gwp.
    primary_electricity : str
        ``coal_consumption`` or ``calorific``.
    regions : list of str
        The model's regions (one, named after the dataset, unless ``dataset.yaml`` lists
        them). With several, ``commodities`` is indexed by balance key ``commodity@region``
        (columns ``base`` and ``region`` give the pair) and ``techs`` holds both directions
        of every link (:class:`LinkData`).
    region_groups : dict of str to list of str
        Named groups of regions (``dataset.yaml`` ``region_groups``).
    regional_drivers : dict of (str, str) to numpy.ndarray
        ``gdp`` and ``population`` by (driver, region), where ``drivers.csv`` gives them.
    """

    dataset: Dataset
    scenario: str | None
    years: list[int]
    base_year: int
    timeslices: list[tuple[str, int]]
    weights: np.ndarray
    block_hours: float
    day_names: list[str]
    hours: int
    techs: dict[str, TechData]
    commodities: pd.DataFrame
    demand: dict[str, np.ndarray]
    demand_share: dict[str, np.ndarray]
    drivers: dict[str, np.ndarray]
    discount_rate: float
    discount_factor: np.ndarray
    emissions: dict[str, Any]
    primary_electricity: str
    targets: list[dict[str, Any]]
    factor_version: str = ""
    demand_emissions: dict[str, np.ndarray] = field(default_factory=dict)
    decision_years: list[int] = field(default_factory=list)
    observed_years: list[int] = field(default_factory=list)
    discount_year: int = 0
    annuity_timing: str = "build_year"
    reserves: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.decision_years:
            self.decision_years = self.years[1:]
            self.observed_years = self.years[:1]
        if not self.discount_year:
            self.discount_year = self.base_year
    regions: list[str] = field(default_factory=list)
    #: timeslices per balance row of the timeslice commodities other than electricity
    #: (``timeslices.coarse_balance_hours`` / block hours; 1: a row per timeslice)
    coarse_slices: int = 1
    region_groups: dict[str, list[str]] = field(default_factory=dict)
    regional_drivers: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)

    @property
    def year_index(self) -> dict[int, int]:
        """Position of each model year (read it, do not change it).

        Made once per list of years (the model's build asks for it about 4,700 times), and
        made anew when :attr:`years` is replaced or changed.
        """
        made = self.__dict__.get("_year_index")
        if made is None or made[0] != self.years:
            made = (list(self.years), {y: i for i, y in enumerate(self.years)})
            self.__dict__["_year_index"] = made
        return made[1]

    @classmethod
    @checked
    def from_dataset(cls, dataset: Dataset, scenario: str | None = None,
                     factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                     hours: int | None = None) -> ModelData:
        """Convert a dataset (and a scenario's overrides) to canonical floats.

        Parameters
        ----------
        dataset : Dataset
            A validated dataset.
        scenario : str, optional
            Scenario whose targets and parameter overrides apply (None: no targets).
        factors : carbonpath.FactorTable, path or list of paths, optional
            Factor tables for emission factors and standard-coal coefficients (default:
            the bundled tables).
        hours : int, optional
            Model time blocks per representative day; must divide the dataset's profile
            hours (``timeslices.hours``). Default: ``timeslices.model_hours`` of the dataset,
            else its profile hours. Coarser blocks average the profiles.

        Notes
        -----
        The technologies a scenario does not override are built once per dataset content
        and kept in carbonpath's cache folder (:mod:`carbonpath.model.tech_cache`).

        Raises
        ------
        DataError
            Listing every problem (missing lifetimes, emission factors, drivers ...).
        """
        from carbonpath.model.tech_cache import build_cached

        # the technologies of a dataset built before, in any process: read from the disk
        return build_cached(_Builder(dataset, scenario, factors, hours))


class _Builder(TechRows, Coefficients, UnitRows):
    """Dataset -> :class:`ModelData`; technologies, coefficients and units come from mixins."""

    def __init__(self, dataset: Dataset, scenario: str | None, factors: Any,
                 hours: int | None = None) -> None:
        scenario = resolved_name(dataset, scenario)  # a resolved dataset is its scenario
        dataset = resolve_scenario(dataset, scenario)  # a scenario is a resolved Dataset
        self.ds = dataset
        self.hours = model_hours(dataset, hours)
        self.scenario_name = scenario
        self.scenario = dataset.scenario(scenario)
        self.factors = factors
        self.problems: list[Problem] = []
        self._factor_cache = _factor_cache(factors)
        self.years = dataset.years
        self.yi = {y: i for i, y in enumerate(self.years)}
        self.regions = dataset.regions

    def _key(self, commodity: str, region: str | None) -> str:
        """The balance key of a commodity in a region (blank region: the default one)."""
        blank = is_blank(region) or region == ""
        return regional_key(commodity, self.regions[0] if blank else region, self.regions)

    def _cell(self, key: str, column: str) -> Any:
        """``self.commodities.loc[key, column]`` from a dict of the rows, made once per frame.

        The technologies ask about 1,000 of these (kind, unit, fuel of each flow); a dict
        look-up gives the same cell without a pandas ``.loc`` each. An unknown key raises
        ``KeyError``, as ``.loc`` does.
        """
        cached = self.__dict__.get("_commodity_rows")
        if cached is None or cached[0] is not self.commodities:
            cached = self._commodity_rows = (self.commodities,
                                             self.commodities.to_dict("index"))
        return cached[1][key][column]

    # -- helpers -----------------------------------------------------------------------
    def _params(self) -> pd.DataFrame:
        params = self.ds.tables["parameters"]
        overrides = self.scenario.get("parameters") or []
        if not overrides:
            return params
        extra = pd.DataFrame(overrides)
        for col in ("year", "source"):
            if col not in extra:
                extra[col] = None
        extra["year"] = extra["year"].astype(object).where(extra["year"].notna(), None)
        if "day" not in extra:
            extra["day"] = None
        keys = set(zip(extra["technology"], extra["parameter"], strict=True))
        keep = [(t, p) not in keys for t, p in zip(params["technology"], params["parameter"],
                                                    strict=True)]
        extra.index = [f"scenario {self.scenario_name} [{i}]" for i in range(len(extra))]
        return pd.concat([params[keep], extra[params.columns]])

    # -- main --------------------------------------------------------------------------
    def build(self) -> ModelData:
        """Convert the dataset to a :class:`ModelData`, collecting every problem."""
        ds = self.ds
        days = ds.days
        hours = self.hours
        block = 24.0 / hours
        timeslices = [(d["name"], h) for d in days for h in range(hours)]
        weights = np.array([float(d["weight"]) * block for d in days for _ in range(hours)])
        self.timeslices = timeslices
        self.weights = weights
        profiles = self._profiles()
        commodities = self._commodities()
        self.commodities = commodities
        drivers = self._drivers()
        self.drivers = drivers
        params = self._params()
        # technologies the scenario does not touch are built once per dataset (see _shared)
        shared = _shared(ds, self.hours, self.factors)
        overridden = {str(o.get("technology")) for o in self.scenario.get("parameters") or []}
        techs = {}
        fresh = []
        for _, row in records(ds.tables["technologies"]):  # rows as dicts (iterrows' cells)
            code = row["technology"]
            if code in shared and code not in overridden:
                techs[code] = copy.deepcopy(shared[code])
            else:
                techs[code] = self._tech(row, params, profiles)
                fresh.append(code)
        links = ds.tables.get("links")
        if links is not None:
            for _, row in links.iterrows():
                for tech in self._link(row, params, profiles):
                    techs[tech.code] = tech
                    fresh.append(tech.code)
        demand, share = self._demands(profiles)
        rate = float(ds.config["discount_rate"])
        discount_year = int(ds.config.get("discount_year", ds.base_year))
        df = (1.0 + rate) ** -(np.array(self.years, dtype=float) - discount_year)
        first = ds.first_decision_year
        targets = [dict(ds.targets[name], name=name) for name in self.scenario["targets"]]
        data = ModelData(
            dataset=ds, scenario=self.scenario_name, years=self.years, base_year=ds.base_year,
            timeslices=timeslices, weights=weights, block_hours=block,
            day_names=[d["name"] for d in days], hours=hours, techs=techs,
            commodities=commodities, demand=demand, demand_share=share, drivers=drivers,
            discount_rate=rate, discount_factor=df, emissions=dict(ds.config["emissions"]),
            primary_electricity=ds.config["energy"]["primary_electricity"], targets=targets,
            decision_years=[y for y in self.years if y >= first],
            observed_years=[y for y in self.years if y < first], discount_year=discount_year,
            annuity_timing=str(ds.config.get("annuity_timing", "build_year")),
            reserves=read_reserves(ds, commodities, self.years, self.problems),
            regions=list(self.regions), region_groups=ds.region_groups,
            regional_drivers=self.regional_drivers,
            coarse_slices=coarse_slices(ds, hours, self.problems),
        )
        # emission and energy factors of the fresh technologies (the shared ones have theirs)
        everything, data.techs = data.techs, {c: data.techs[c] for c in fresh}
        try:
            if self._known_region():  # else one problem, not one per factor lookup
                self._prefetch_factors(data)
                self._prefetch_process_factors(data)
                self._emission_factors(data)
                self._energy_factors(data)
        finally:
            data.techs = everything
        self._warn_unused_user_factors(everything)  # issue 11 (round 14 I79)
        if data.observed_years:
            self._check_base_year(data)
        if not self.problems:
            self.problems.extend(_infinite_values(data))
        if not self.problems:  # round 18: output above the activity, whatever the years
            self.problems.extend(gain_problems(data, ds.tables))
        if not self.problems and data.observed_years:  # D92: name the data rows, pre-solve
            self.problems.extend(base_balance_problems(
                data, ds.tables, float(ds.config.get("base_year_tolerance", 1e-6))))
        DataError.collect(self.problems, f"dataset '{ds.name}' (model data)")
        check_target_levels(data)  # plan.yaml levels vs the base year (unit slips)
        for code in fresh:
            tech = data.techs[code]
            if code not in overridden and tech.link is None:
                shared[code] = copy.deepcopy(tech)
        return data

    def _profiles(self) -> dict[str, np.ndarray]:
        """Profiles at the model's resolution: the mean of the dataset's hours in a block."""
        frame = self.ds.tables["profiles"]
        per_block = self.ds.hours // self.hours
        pos = {ts: i for i, ts in enumerate(self.timeslices)}
        out = {}
        for name, group in frame.groupby("profile"):
            values = np.zeros(len(self.timeslices))
            factors = np.array([unit_factor(u, "1") for u in group["unit"]])
            for (d, h, v), f in zip(group[["day", "hour", "value"]].itertuples(index=False),
                                    factors, strict=True):
                values[pos[(d, int(h) // per_block)]] += float(v) * f / per_block
            out[name] = values
        return out

    def _share(self, profile: np.ndarray | None, what: str, name: str | None = None
               ) -> np.ndarray:
        """Turn a relative hourly shape into shares of the annual total (weighted)."""
        shape = np.ones(len(self.timeslices)) if profile is None else profile
        total = float(np.dot(shape, self.weights))
        if total <= 0:
            frame = self.ds.tables["profiles"]
            lines = [str(i) for i in frame.index[frame["profile"] == name]]
            # D142: a scenario's profiles.csv names its own file (index "file:line")
            file, _, first = (lines[0].rpartition(":") if lines and ".csv:" in lines[0]
                              else ("profiles.csv", "", lines[0] if lines else None))
            self.problems.append(Problem(
                f"{what}: the load profile{f' {name!r}' if name else ''} is zero everywhere",
                file=file, row=int(first) if first else None,
                column="value" if first else None))
            return np.full(len(self.timeslices), 1.0 / len(self.timeslices))
        return shape * self.weights / total

    def _commodities(self) -> pd.DataFrame:
        """Commodities by balance key, with their code (``base``) and ``region``.

        A model of several regions balances each (commodity, region) pair that some
        technology, store, link or demand of the region uses (key ``commodity@region``).
        """
        frame = self.ds.tables["commodities"].set_index("commodity")
        frame = frame.assign(dataset_unit=frame["unit"],
                             unit=[canonical_unit(u) for u in frame["unit"]],
                             base=frame.index, region=self.regions[0])
        frame = frame[["name", "unit", "dataset_unit", "balance", "kind", "fuel", "base",
                       "region"]]
        if len(self.regions) == 1:
            return frame
        tables = self.ds.tables
        region_of = dict(zip(tables["technologies"]["technology"],
                             tables["technologies"]["region"], strict=True))
        used = {(c, region_of.get(t) or self.regions[0])
                for t, c in zip(tables["flows"]["technology"], tables["flows"]["commodity"],
                                strict=True)}
        used |= {(c, r or self.regions[0]) for c, r in zip(
            tables["technologies"]["storage_commodity"], tables["technologies"]["region"],
            strict=True) if c}
        used |= {(c, r or self.regions[0]) for c, r in zip(
            tables["demands"]["commodity"], tables["demands"]["region"], strict=True)}
        links = tables.get("links")
        if links is not None:
            for c, a, b in zip(links["commodity"], links["from_region"], links["to_region"],
                               strict=True):
                used |= {(c, a), (c, b)}
        order = {r: i for i, r in enumerate(self.regions)}
        pairs = sorted(used, key=lambda p: (frame.index.get_loc(p[0]), order[p[1]]))
        out = frame.loc[[c for c, _ in pairs]].assign(region=[r for _, r in pairs])
        out.index = pd.Index([self._key(c, r) for c, r in pairs], name="commodity")
        return out

    def _drivers(self) -> dict[str, np.ndarray]:
        frame = self.ds.tables["drivers"]
        target = {"gdp": "MCNY", "population": "kperson", "grid_emission_factor": "kt CO2/GWh",
                  "grid_nonfossil_share": "1", "thermal_power_coal_rate": "ktce/GWh"}
        out = {}
        self.regional_drivers = {}
        one = self.regions[0] if len(self.regions) == 1 else None
        for (name, region), group in frame.groupby(["driver", "region"], dropna=False):
            factors = np.array([unit_factor(u, target[name]) for u in group["unit"]])
            blank = is_blank(region) or region in ("", one)
            what = f"driver {name}" + ("" if blank else f" of {region}")
            values = expand_years(group, self.years, "drivers.csv", what, self.problems,
                                  factors)
            if blank:
                out[name] = values
            else:
                self.regional_drivers[(name, region)] = values
        return out

    def _demands(self, profiles: dict[str, np.ndarray]
                 ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        frame = self.ds.tables["demands"]
        demand, share = {}, {}
        for (code, region), group in frame.groupby(["commodity", "region"], dropna=False):
            com = self._key(code, region)
            unit = self.commodities.loc[com, "unit"]
            factors = np.array([unit_factor(u, f"({unit}) / yr") for u in group["unit"]])
            where = "" if is_blank(region) or not region else f" in {region}"
            demand[com] = expand_years(group, self.years, "demands.csv",
                                       f"demand of {code}{where}", self.problems, factors)
            if self.commodities.loc[com, "balance"] == "timeslice":
                names = {p for p in group["profile"] if p}
                if len(names) > 1:
                    self.problems.append(Problem(f"demand of {com} uses several profiles",
                                                 file="demands.csv", column="profile"))
                name = names.pop() if names else None
                share[com] = self._share(profiles[name] if name else None,
                                         f"demand of {com}", name)
        return demand, share


def model_hours(dataset: Dataset, hours: int | None = None) -> int:
    """The model's time blocks per representative day.

    ``hours`` if given, else the dataset's ``timeslices.model_hours``, else its profile
    hours; it must divide the profile hours (coarser blocks average the profiles).

    Raises
    ------
    DataError
        If the number is not a positive whole number dividing the dataset's profile hours
        (names where it came from).
    """
    given = dataset.hours
    configured = dataset.config["timeslices"].get("model_hours")
    chosen = hours if hours is not None else configured if configured is not None else given
    if not isinstance(chosen, int) or isinstance(chosen, bool) or chosen <= 0 or given % chosen:
        argument = hours is not None
        where = ("hours=..." if argument  # the CLI says --hours
                 else "dataset.yaml timeslices.model_hours")
        raise DataError(Problem(
            f"{chosen!r} blocks per day (from {where}) must be a positive whole number that "
            f"divides the dataset's {given} profile hours{written_whole(chosen)}",
            file=None if argument else "dataset.yaml",
            key=None if argument else "timeslices.model_hours",
            valid=", ".join(str(h) for h in range(1, given + 1) if given % h == 0)))
    return chosen


def coarse_slices(dataset: Dataset, hours: int, problems: list[Problem]) -> int:
    """Timeslices per balance row of the non-electricity timeslice commodities.

    ``timeslices.coarse_balance_hours`` of ``dataset.yaml`` (default: off, one row per
    timeslice) divided by the model's block hours (``24 / hours``). The number of hours must
    be a whole multiple of the block hours that divides the 24 hours of a day; otherwise a
    :class:`~carbonpath.errors.Problem` is added to ``problems`` and 1 is returned.
    """
    given = dataset.config["timeslices"].get("coarse_balance_hours")
    if given is None:
        return 1
    block = 24 // hours if 24 % hours == 0 else None
    valid = [h for h in range(1, 25) if 24 % h == 0 and block and h % block == 0]
    if (isinstance(given, bool) or not isinstance(given, int) or given not in valid):
        problems.append(Problem(
            f"coarse_balance_hours {given!r} must be a whole number of hours that is a multiple "
            f"of the model's {24 / hours:g}-hour blocks and divides the 24 hours of a day"
            f"{written_whole(given)}",
            file="dataset.yaml", key="timeslices.coarse_balance_hours", value=given,
            valid=", ".join(str(h) for h in valid) or "none at this resolution"))
        return 1
    return given // block


def _infinite_values(data: ModelData) -> list[Problem]:
    """The last net after every conversion: no infinite number reaches the LP.

    Each input row is checked where it is converted (with its file and line); this names
    the technology (or demand) and the quantity of anything infinite computed from them.
    """
    problems = []
    for code, tech in data.techs.items():
        for attr, value in vars(tech).items():
            arr = np.asarray(value) if isinstance(value, (np.ndarray, float)) else None
            if isinstance(value, dict):
                arr = np.asarray([v for v in value.values()
                                  if isinstance(v, (float, int, np.floating))], dtype=float)
            if arr is not None and arr.dtype.kind == "f" and np.isinf(arr).any():
                problems.append(Problem(f"technology '{code}': {attr} is infinite after unit "
                                        "conversion", file="parameters.csv", column="value",
                                        valid="values whose converted size stays within "
                                              "about 1e308 (check the value and its unit)"))
    for com, series in data.demand.items():
        if np.isinf(np.asarray(series, dtype=float)).any():
            problems.append(Problem(f"demand of {com} is infinite after unit conversion",
                                    file="demands.csv", column="value"))
    return problems
