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
import math
import weakref
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, expand_years
from carbonpath.dataset.scenarios import resolve_scenario
from carbonpath.dataset.tables import PARAMETERS, is_blank
from carbonpath.errors import ArgumentValueError, DataError, Problem
from carbonpath.model.opdata import read_operations, read_reserves
from carbonpath.numbers import nonfinite_problems
from carbonpath.units import gwp_value, parse_unit, unit_factor

__all__ = ["CANONICAL", "LinkData", "ModelData", "StorageData", "TechData", "canonical_unit",
           "model_hours", "regional_key"]

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
        """Position of each model year."""
        return {y: i for i, y in enumerate(self.years)}

    @classmethod
    def from_dataset(cls, dataset: Dataset, scenario: str | None = None,
                     factors: Any = None, hours: int | None = None) -> ModelData:
        """Convert a dataset (and a scenario's overrides) to canonical floats.

        Parameters
        ----------
        dataset : Dataset
            A validated dataset.
        scenario : str, optional
            Scenario whose targets and parameter overrides apply (None: no targets).
        factors : carbonpath.FactorTable, optional
            Factor tables for emission factors and standard-coal coefficients (default:
            the bundled tables).
        hours : int, optional
            Model time blocks per representative day; must divide the dataset's profile
            hours (``timeslices.hours``). Default: ``timeslices.model_hours`` of the dataset,
            else its profile hours. Coarser blocks average the profiles.

        Raises
        ------
        DataError
            Listing every problem (missing lifetimes, emission factors, drivers ...).
        """
        return _Builder(dataset, scenario, factors, hours).build()


class _Builder:
    def __init__(self, dataset: Dataset, scenario: str | None, factors: Any,
                 hours: int | None = None) -> None:
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

    def _series(self, rows: pd.DataFrame, target: str, what: str,
                default: float | None) -> np.ndarray:
        if rows.empty:
            if default is None:
                return np.full(len(self.years), np.nan)
            return np.full(len(self.years), float(default))
        factors = np.array([unit_factor(u, target) for u in rows["unit"]])
        return expand_years(rows, self.years, "parameters.csv", what, self.problems, factors)

    def _converted(self, row: pd.Series, target: str, file: str, line: Any, what: str) -> float:
        """One value of a table row in unit ``target``; not finite after it is a problem."""
        value = float(row["value"])
        with np.errstate(over="ignore", invalid="ignore"):
            out = value * unit_factor(row["unit"], target)
        self.problems.extend(nonfinite_problems([out], [line], file=file, what=what,
                                                unit=target, given=[value]))
        return out

    def _scalar(self, rows: pd.DataFrame, target: str, default: float | None) -> float | None:
        if rows.empty:
            return default
        row = rows.iloc[0]
        return self._converted(row, target, "parameters.csv", rows.index[0],
                               f"{row['technology']} {row['parameter']}")

    def _given(self, rows: pd.DataFrame, target: str) -> dict[int, float]:
        """Expand a bound parameter to {year: value}.

        A blank year holds every year; given years are interpolated linearly between the
        first and the last given year, and there is no bound outside them.
        """
        out: dict[int, float] = {}
        dated = []
        for line, row in rows.iterrows():
            value = self._converted(row, target, "parameters.csv", line,
                                    f"{row['technology']} {row['parameter']}")
            if is_blank(row["year"]):
                for y in self.years:
                    out[y] = value
            else:
                dated.append((int(row["year"]), value))
        if dated:
            dated.sort()
            ys = [y for y, _ in dated]
            vs = [v for _, v in dated]
            for y in self.years:
                if ys[0] <= y <= ys[-1]:
                    out[y] = float(np.interp(y, ys, vs))
        return out

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
        for _, row in ds.tables["technologies"].iterrows():
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
                self._emission_factors(data)
                self._energy_factors(data)
        finally:
            data.techs = everything
        if data.observed_years:
            self._check_base_year(data)
        if not self.problems:
            self.problems.extend(_infinite_values(data))
        DataError.collect(self.problems, f"dataset '{ds.name}' (model data)")
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

    def _share(self, profile: np.ndarray | None, what: str) -> np.ndarray:
        """Turn a relative hourly shape into shares of the annual total (weighted)."""
        shape = np.ones(len(self.timeslices)) if profile is None else profile
        total = float(np.dot(shape, self.weights))
        if total <= 0:
            self.problems.append(Problem(f"{what}: the load profile is zero everywhere",
                                         file="profiles.csv"))
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
                prof = profiles[names.pop()] if names else None
                share[com] = self._share(prof, f"demand of {com}")
        return demand, share

    def _tech(self, row: pd.Series, params: pd.DataFrame,
              profiles: dict[str, np.ndarray]) -> TechData:
        code = row["technology"]
        region = row.get("region")
        region = self.regions[0] if is_blank(region) or region == "" else region
        mine = params[params["technology"] == code]
        by = dict(iter(mine.groupby("parameter")))
        empty = mine.iloc[0:0]

        def rows(name: str) -> pd.DataFrame:
            """The parameter rows of one parameter of this technology."""
            return by.get(name, empty)

        cap_u = canonical_unit(row["capacity_unit"])
        act_u = canonical_unit(row["activity_unit"])
        if row["level"] == "timeslice":
            cap_u, act_u = "GW", "GWh"
        capacitated = row["kind"] not in ("import", "export", "link") or any(
            name in by for name in ("residual_capacity", "max_capacity", "capex"))
        stored_unit = None
        if row["kind"] == "storage":
            stored_unit = self.commodities.loc[self._key(row["storage_commodity"], region),
                                               "unit"]

        def dim(name: str) -> str:
            """The canonical unit of a parameter of this technology."""
            template = PARAMETERS[name].dimension
            out = template.replace("{capacity}", f"({cap_u})").replace(
                "{activity}", f"({act_u})").replace("CNY", "MCNY")
            return out.replace("{energy}", f"({stored_unit or 'GWh'})")

        lifetime = self._scalar(rows("lifetime"), "yr", None)
        if capacitated and lifetime is None:
            self.problems.append(Problem(f"technology '{code}' has capacity but no lifetime",
                                         file="parameters.csv", column="parameter",
                                         valid="a row: <tech>,lifetime,,<years>,yr,<source>"))
            lifetime = 1.0
        econ = self._scalar(rows("economic_lifetime"), "yr", None)
        rate = self._scalar(rows("discount_rate"), "1", float(self.ds.config["discount_rate"]))
        for name, value in (("lifetime", lifetime), ("economic_lifetime", econ)):
            if value is not None and round(value) < 1:
                self.problems.append(Problem(
                    f"technology '{code}': {name} of {value:g} years; a vintage stands at least "
                    "one model year", file="parameters.csv", row=_line(rows(name)),
                    column="value", value=value, valid=">= 1 yr"))
        if not 0 <= rate < 1:
            self.problems.append(Problem(f"technology '{code}': discount rate {rate:g}",
                                         file="parameters.csv", row=_line(rows("discount_rate")),
                                         column="value", value=rate, valid="0 <= r < 1"))
        lifetime = max(1, round(lifetime or 1.0))
        econ = max(1, round(econ)) if econ else lifetime
        # default utilisation: 1 in consistent units (e.g. full-load hours 8760 h/yr)
        util_default = None
        try:
            util_default = unit_factor("1", dim("utilisation"))
        except Exception:
            util_default = None
        utilisation = self._series(rows("utilisation"), dim("utilisation"), f"{code} utilisation",
                                   util_default)
        if row["level"] == "annual" and capacitated and np.isnan(utilisation).any():
            self.problems.append(Problem(
                f"technology '{code}': activity ({row['activity_unit']}) and capacity "
                f"({row['capacity_unit']}) differ in dimension, so a utilisation is required",
                file="parameters.csv", column="parameter",
                valid=f"a 'utilisation' row in {row['activity_unit']}/{row['capacity_unit']}/yr"))
        observed = {int(r["year"]): self._converted(r, dim("activity"), "parameters.csv", line,
                                                    f"{code} activity")
                    for line, r in rows("activity").iterrows()}
        bounds = {name: self._given(rows(name), dim(name))
                  for name in ("max_capacity", "min_capacity", "max_new_capacity",
                               "min_new_capacity", "max_activity", "min_activity",
                               "max_energy_capacity") if name in by}
        flows = self.ds.tables["flows"]
        flows = flows[flows["technology"] == code]
        inputs, outputs, uses = {}, {}, {}
        for line, f in flows.iterrows():
            com = self._key(f["commodity"], region)
            com_unit = self.commodities.loc[com, "unit"]
            value = self._converted(f, f"({com_unit}) / ({act_u})", "flows.csv", line,
                                    f"{code} {f['direction']} of {f['commodity']}")
            (inputs if f["direction"] == "input" else outputs)[com] = value
            if f["direction"] == "input":
                uses[com] = f["use"] or "combustion"
        avail_profile = None
        if row["availability_profile"]:
            avail_profile = profiles[row["availability_profile"]]
            if avail_profile.max() > 1 + 1e-9:
                frame = self.ds.tables["profiles"]
                mine = frame[frame["profile"] == row["availability_profile"]]
                worst = mine["value"].astype(float).idxmax()
                self.problems.append(Problem(
                    f"availability profile '{row['availability_profile']}' exceeds 1",
                    file="profiles.csv", row=worst, column="value",
                    value=float(mine.loc[worst, "value"]), valid="capacity factors in [0, 1]"))
        load_share = None
        if row["level"] == "annual":
            prof = profiles[row["load_profile"]] if row["load_profile"] else None
            load_share = self._share(prof, f"technology {code}")
        storage = None
        if row["kind"] == "storage":
            storage = StorageData(
                commodity=self._key(row["storage_commodity"], region),
                charge_efficiency=self._scalar(rows("charge_efficiency"), "1", 1.0),
                discharge_efficiency=self._scalar(rows("discharge_efficiency"), "1", 1.0),
                standing_loss=self._scalar(rows("standing_loss"), "1/hour", 0.0),
                energy_unit=stored_unit,
                capex_energy=self._series(rows("capex_energy"), dim("capex_energy"),
                                          f"{code} capex_energy", 0.0),
                fixed_om_energy=self._series(rows("fixed_om_energy"), dim("fixed_om_energy"),
                                             f"{code} fixed_om_energy", 0.0),
                residual_energy=self._series(rows("residual_energy_capacity"),
                                             dim("residual_energy_capacity"),
                                             f"{code} residual_energy_capacity", 0.0),
                max_energy=bounds.pop("max_energy_capacity", {}),
                min_duration=self._scalar(rows("min_duration"), "hour", None),
                max_duration=self._scalar(rows("max_duration"), "hour", None),
            )
            for eff in ("charge_efficiency", "discharge_efficiency"):
                value = getattr(storage, eff)
                if not 0 < value <= 1:
                    self.problems.append(Problem(f"{code} {eff} must be in (0, 1]",
                                                 file="parameters.csv", row=_line(rows(eff)),
                                                 column="value", value=value))
        availability = self._series(rows("availability"), "1", f"{code} availability", 1.0)
        if (availability > 1 + 1e-9).any():
            self.problems.append(Problem(f"{code} availability exceeds 1", file="parameters.csv",
                                         row=_line(rows("availability")), column="value",
                                         valid="a share in [0, 1]"))
        return TechData(
            code=code, name=row["name"] or code, sector=row["sector"], kind=row["kind"],
            level=row["level"], group=row["group"] or "",
            fixed_utilisation=bool(row["fixed_utilisation"]),
            early_retirement=bool(row["early_retirement"]),
            investable=bool(row["investable"]) and capacitated, nonfossil=bool(row["nonfossil"]),
            capacitated=capacitated, capacity_unit=cap_u, activity_unit=act_u,
            lifetime=lifetime, economic_lifetime=econ, discount_rate=float(rate),
            capex=self._series(rows("capex"), dim("capex"), f"{code} capex", 0.0),
            fixed_om=self._series(rows("fixed_om"), dim("fixed_om"), f"{code} fixed_om", 0.0),
            variable_cost=self._series(rows("variable_cost"), dim("variable_cost"),
                                       f"{code} variable_cost", 0.0),
            availability=availability, utilisation=utilisation,
            residual=self._series(rows("residual_capacity"), dim("residual_capacity"),
                                  f"{code} residual_capacity", 0.0),
            observed=observed, bounds=bounds, inputs=inputs, outputs=outputs, uses=uses,
            availability_profile=avail_profile, load_share=load_share, storage=storage,
            load_group=row["load_profile"] or "flat", region=region,
            price_profile=(profiles[row["price_profile"]] if row.get("price_profile")
                           else None),
            ops=read_operations(code, by, empty, dim, self._given, self.years, self.problems),
        )

    def _link(self, row: pd.Series, params: pd.DataFrame,
              profiles: dict[str, np.ndarray]) -> list[TechData]:
        """A link of ``links.csv`` as one technology per direction.

        The forward direction holds the capacity (residual, vintages, capex, fixed O&M, its
        parameters.csv rows); the backward one (``<link>~back``, for a bidirectional link)
        uses the same capacity through the link-limit rows of
        :func:`carbonpath.model.network.add_link_limits`, at the same loss and tariff.
        """
        com = self.ds.tables["commodities"].set_index("commodity").loc[row["commodity"]]
        level = "timeslice" if com["balance"] == "timeslice" else "annual"
        tech_row = pd.Series({
            "technology": row["link"], "name": row["name"] or row["link"],
            "sector": "transfers", "kind": "link", "level": level,
            "capacity_unit": row["capacity_unit"], "activity_unit": row["activity_unit"],
            "group": "", "fixed_utilisation": False, "early_retirement": False,
            "investable": bool(row["investable"]), "nonfossil": False,
            "availability_profile": row["availability_profile"] or "", "load_profile": "",
            "storage_commodity": "", "region": row["from_region"],
            "price_profile": row["price_profile"] or ""})
        forward = self._tech(tech_row, params, profiles)
        loss = float(row["loss"] or 0.0)
        source = self._key(row["commodity"], row["from_region"])
        target = self._key(row["commodity"], row["to_region"])
        com_unit = self.commodities.loc[source, "unit"]
        ratio = unit_factor(f"({forward.activity_unit})", f"({com_unit})")
        forward.inputs, forward.outputs = {source: ratio}, {target: ratio * (1.0 - loss)}
        forward.uses = {source: "non_energy"}
        forward.link = LinkData(row["link"], row["commodity"], row["from_region"],
                                row["to_region"], loss, backward=False,
                                counted=bool(row["counted"]))
        out = [forward]
        if row["bidirectional"]:
            zeros = np.zeros(len(self.years))
            back = replace(
                forward, code=f"{row['link']}~back", region=row["to_region"],
                inputs={target: ratio}, outputs={source: ratio * (1.0 - loss)},
                uses={target: "non_energy"}, investable=False, capacitated=False,
                residual=zeros, capex=zeros.copy(), fixed_om=zeros.copy(),
                variable_cost=forward.variable_cost.copy(), bounds={}, observed={},
                provenance=[], link=replace(forward.link, backward=True))
            out.append(back)
        return out

    # -- emission and energy coefficients -------------------------------------------------
    def _overrides(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        frame = self.ds.tables.get("emissions")
        out: dict[tuple[str, str, str], pd.DataFrame] = {}
        if frame is None:
            return out
        for (tech, gas, basis, com), group in frame.fillna("").groupby(
                ["technology", "gas", "basis", "commodity"]):
            out[(tech, gas, com if basis == "input" else "")] = group
        return out

    def _emission_factors(self, data: ModelData) -> None:
        overrides = self._overrides()
        region = self.ds.region
        method = data.emissions["method"]
        grid = data.drivers.get("grid_emission_factor")
        zeros = np.zeros(len(self.years))
        for tech in data.techs.values():
            per_gas = {g: zeros.copy() for g in GASES}
            if tech.link is not None:  # a link moves a commodity; it burns nothing
                tech.emissions = per_gas
                self._trade_factor(tech, data, method, grid)
                continue
            electricity_out = [c for c in tech.outputs
                               if data.commodities.loc[c, "kind"] == "electricity"]
            electricity_in = [c for c in tech.inputs
                              if data.commodities.loc[c, "kind"] == "electricity"]
            if tech.kind in ("import", "export") and (electricity_out or electricity_in):
                own = overrides.get((tech.code, "CO2", ""))
                if own is not None:  # the market's own factor of traded electricity
                    sign = 0.0 if method == "gpc" else 1.0 if tech.kind == "import" else -1.0
                    per_gas["CO2"] = sign * self._override(
                        own, f"kt CO2 / ({tech.activity_unit})", f"{tech.code} CO2")
                    tech.emission_scope = ("electricity_import" if tech.kind == "import"
                                           else "electricity_export")
                    tech.provenance.append(_override_provenance(own, "CO2", ""))
                    tech.emissions = per_gas
                    continue
                if grid is None:
                    self.problems.append(Problem(
                        f"technology '{tech.code}' trades electricity, so drivers.csv needs the "
                        "grid_emission_factor trajectory over every model year",
                        file="drivers.csv", column="driver"))
                    grid = zeros
                tech.emission_scope = ("electricity_import" if tech.kind == "import"
                                       else "electricity_export")
                sign = 1.0 if tech.kind == "import" else -1.0
                if method == "gpc":
                    sign = 0.0  # the GPC counts electricity where it is consumed
                per_gas["CO2"] = sign * grid
                tech.provenance.append({"gas": "CO2", "commodity": "electricity",
                                        "source": "drivers.csv grid_emission_factor",
                                        "rule": f"{method} method, {tech.kind}"})
                tech.emissions = per_gas
                continue
            for com, ratio in tech.inputs.items():
                fuel = data.commodities.loc[com, "fuel"]
                use = tech.uses.get(com, "combustion")
                base = data.commodities.loc[com, "base"]
                for gas in GASES:
                    key = (tech.code, gas, base)
                    if key in overrides:
                        unit = data.commodities.loc[com, "unit"]
                        per_gas[gas] = per_gas[gas] + ratio * self._override(
                            overrides[key], f"kt {gas} / ({unit})", f"{tech.code} {gas}")
                        tech.provenance.append(_override_provenance(overrides[key], gas, com))
                if not fuel or use != "combustion" or fuel in ("electricity", "heat",
                                                               "hydrogen"):
                    continue
                if any((tech.code, g, base) in overrides for g in GASES):
                    continue
                for gas, factor in self._fuel_factors(fuel, tech, com, region).items():
                    per_gas[gas] = per_gas[gas] + ratio * factor
            for gas in GASES:
                key = (tech.code, gas, "")
                if key in overrides:
                    per_gas[gas] = per_gas[gas] + self._override(
                        overrides[key], f"kt {gas} / ({tech.activity_unit})", f"{tech.code} {gas}")
                    tech.provenance.append(_override_provenance(overrides[key], gas, ""))
            if self._process_item(tech) and not any((tech.code, g, "") in overrides
                                                    for g in GASES):
                for gas, factor in self._process_factors(tech, region).items():
                    per_gas[gas] = per_gas[gas] + factor
            tech.emissions = per_gas
        if method == "gpc":
            self._consumption_scope(data)
        gas = data.emissions["gas"]
        for tech in data.techs.values():
            if gas == "CO2":
                total = tech.emissions["CO2"].copy()
            else:
                gwp = data.emissions["gwp"]
                total = zeros.copy()
                for g, values in tech.emissions.items():
                    if values.any():
                        origin = "non_fossil" if g == "CH4" else None
                        total = total + values * gwp_value(g, gwp, origin)
            if not tech.direct_in_target:
                total = zeros.copy()
            for values in tech.scope2.values():
                total = total + values
            tech.target_factor = total

    def _trade_factor(self, tech: TechData, data: ModelData, method: str,
                      grid: np.ndarray | None) -> None:
        """A counted electricity link's factor: the grid factor x what arrives (provincial).

        Under the GPC method electricity already counts where it is consumed, in every
        region, so a link counts nothing there.
        """
        link = tech.link
        if not link.counted or method == "gpc":
            link.trade_factor = np.zeros(len(self.years))
            return
        if grid is None:
            self.problems.append(Problem(
                f"link '{link.link}' counts as trade, so drivers.csv needs the "
                "grid_emission_factor trajectory over every model year", file="drivers.csv",
                column="driver"))
            grid = np.zeros(len(self.years))
        target, arrives = next(iter(tech.outputs.items()))
        to_gwh = unit_factor(data.commodities.loc[target, "unit"], "GWh")
        link.trade_factor = grid * arrives * to_gwh

    def _consumption_scope(self, data: ModelData) -> None:
        """GPC method: count electricity and heat where they are consumed (scope 2).

        Power and heat plants (sectors ``thermal_power`` and ``heat_supply`` and their
        children) keep their direct emissions in the results but out of the total, as the
        accounting core's ``gpc`` inventory does; every consumer of electricity (and every
        exogenous demand of it) carries the year's grid factor, every consumer of heat the
        heat factor of the factor tables (region, base year).
        """
        grid = data.drivers.get("grid_emission_factor")
        kinds = data.commodities["kind"]
        factors: dict[str, np.ndarray] = {}
        if (kinds == "electricity").any():
            if grid is None:
                self.problems.append(Problem(
                    "the gpc method counts electricity at its consumers, so drivers.csv needs "
                    "the grid_emission_factor trajectory over every model year",
                    file="drivers.csv", column="driver"))
                grid = np.zeros(len(self.years))
            factors["electricity"] = grid
        if (kinds == "heat").any():
            from carbonpath.factors import load_factors

            table = self.factors if self.factors is not None else load_factors()
            try:
                heat = table.lookup("heat", "emission_factor", gas="CO2", region=self.ds.region,
                                    year=self.ds.base_year)
                per_gwh = heat.value.to("kt CO2 / GWh").magnitude
            except Exception as exc:
                self.problems.append(Problem(f"no emission factor of purchased heat: {exc}",
                                             file="factors"))
                per_gwh = 0.0
            factors["heat"] = np.full(len(self.years), per_gwh)
        for tech in data.techs.values():
            if _is_generation_sector(tech.sector):
                tech.direct_in_target = False
            if tech.kind == "export" or tech.link is not None:
                continue
            for com, ratio in tech.inputs.items():
                kind = kinds[com]
                if kind in factors:
                    unit = data.commodities.loc[com, "unit"]
                    to_gwh = unit_factor(unit, "GWh")
                    tech.scope2[kind] = tech.scope2.get(kind, 0.0) + ratio * to_gwh * factors[kind]
        for com, demand in data.demand.items():
            kind = kinds[com]
            if kind in factors:
                to_gwh = unit_factor(data.commodities.loc[com, "unit"], "GWh")
                data.demand_emissions[com] = demand * to_gwh * factors[kind]

    def _known_region(self) -> bool:
        """False (with one problem naming dataset.yaml's ``region``) if no factor has it.

        Every factor lookup would otherwise fail on its own, each naming a table the region
        never came from.
        """
        from carbonpath.factors import load_factors

        table = self.factors if self.factors is not None else load_factors()
        regions = getattr(table, "regions", None)
        if regions is None or regions.resolve(self.ds.region) is not None:
            return True
        self.problems.append(Problem(
            "unknown region: no factor table knows it", file="dataset.yaml", key="region",
            value=self.ds.region, valid=regions.valid_text(self.ds.region)))
        return False

    def _override(self, rows: pd.DataFrame, target: str, what: str) -> np.ndarray:
        factors = np.array([unit_factor(u, target) for u in rows["unit"]])
        rows = rows.assign(year=[None if y == "" else y for y in rows["year"]])
        return expand_years(rows, self.years, "emissions.csv", what, self.problems, factors)

    def _process_item(self, tech: TechData) -> str:
        row = self.ds.tables["technologies"].set_index("technology").loc[tech.code]
        return row["process_item"] or ""

    def _process_technology(self, tech: TechData) -> str | None:
        row = self.ds.tables["technologies"].set_index("technology").loc[tech.code]
        return row.get("process_technology") or None

    def _factors_of(self, fuel: str, sector: str) -> dict[str, Any]:
        """The accounting core's factors of a fuel burned in a sector, in the base year.

        Fuel properties do not change over the horizon, so the base year's factors hold for
        every model year (unlike the grid factor, an explicit trajectory). Cached per
        (fuel, sector, region, year) and factor table, for every model of the process.
        """
        from carbonpath import accounting

        key = (fuel, sector, self.ds.region, self.ds.base_year)
        if key not in self._factor_cache:
            try:
                self._factor_cache[key] = accounting.fuel_factors(
                    fuel, sector, self.ds.region, self.ds.base_year, factors=self.factors,
                    historical=True)
            except Exception as exc:
                self._factor_cache[key] = exc
        found = self._factor_cache[key]
        if isinstance(found, Exception):
            raise found
        return found

    def _fuel_factors(self, fuel: str, tech: TechData, com: str,
                      region: str) -> dict[str, np.ndarray]:
        """Combustion factors (kt gas per commodity unit) from the factor tables."""
        unit = self.commodities.loc[com, "unit"]
        out: dict[str, np.ndarray] = {}
        try:
            found = self._factors_of(fuel, tech.sector)
        except Exception as exc:
            self.problems.append(Problem(
                f"no combustion emission factor for fuel '{fuel}' of commodity '{com}' used "
                f"by '{tech.code}' (sector {tech.sector}): {exc}", file="emissions.csv",
                valid="add a sourced row to emissions.csv, or fix the fuel code"))
            return out
        for gas in ("CO2", "CH4", "N2O"):
            factor = found.get(gas)
            if factor is None:
                continue
            if gas == "CO2" and _is_nonfossil_fuel(fuel):
                tech.provenance.append({
                    "gas": gas, "commodity": com, "value": 0.0, "unit": f"kt {gas}/{unit}",
                    "source": factor.source,
                    "rule": "biogenic CO2: a memo item, not counted (IPCC 2006 Vol.2 Ch.1 1.4.2)"})
                continue
            value = factor.value.to(f"kt {gas} / ({unit})").magnitude
            out[gas] = np.full(len(self.years), value)
            tech.provenance.append({"gas": gas, "commodity": com, "value": value,
                                    "unit": f"kt {gas}/{unit}", "source": factor.source,
                                    "rule": getattr(factor, "rule", "")})
        return out

    def _process_factors(self, tech: TechData, region: str) -> dict[str, np.ndarray]:
        from carbonpath import accounting

        item = self._process_item(tech)
        out: dict[str, np.ndarray] = {}
        try:
            found = accounting.process_factors(item, region, self.ds.base_year,
                                               factors=self.factors,
                                               technology=self._process_technology(tech),
                                               historical=True)
        except Exception as exc:
            self.problems.append(Problem(
                f"no process emission factor for item '{item}' of '{tech.code}': {exc}",
                file="technologies.csv", column="process_item"))
            return out
        for gas, factor in found.items():
            value = factor.value.to(f"kt {gas} / ({tech.activity_unit})").magnitude
            out[gas] = np.full(len(self.years), value)
            tech.provenance.append({"gas": gas, "commodity": "", "value": value,
                                    "unit": f"kt {gas}/{tech.activity_unit}",
                                    "source": factor.source, "rule": getattr(factor, "rule", "")})
        return out

    def _energy_factors(self, data: ModelData) -> None:
        """Energy consumption (ktce) and its non-fossil part per unit of activity."""
        n = len(self.years)
        conv = self._electricity_conversion(data)
        share = data.drivers.get("grid_nonfossil_share")
        for tech in data.techs.values():
            energy = np.zeros(n)
            nonfossil = np.zeros(n)
            kinds = {c: data.commodities.loc[c, "kind"] for c in tech.outputs}
            electricity = [c for c, k in kinds.items() if k == "electricity"]
            if tech.kind == "import" and electricity:
                energy = energy + conv * tech.outputs[electricity[0]]
                if share is None:
                    self.problems.append(Problem(
                        f"'{tech.code}' imports electricity: drivers.csv needs "
                        "grid_nonfossil_share for the non-fossil share of energy",
                        file="drivers.csv", column="driver"))
                else:
                    nonfossil = nonfossil + conv * share * tech.outputs[electricity[0]]
            elif tech.kind == "export" and tech.inputs and any(
                    data.commodities.loc[c, "kind"] == "electricity" for c in tech.inputs):
                energy = energy - conv * sum(v for c, v in tech.inputs.items()
                                             if data.commodities.loc[c, "kind"] == "electricity")
            elif tech.nonfossil and electricity:
                energy = energy + conv * tech.outputs[electricity[0]]
                nonfossil = energy.copy()
            elif tech.kind in ("import", "supply"):
                for com, ratio in tech.outputs.items():
                    fuel = data.commodities.loc[com, "fuel"]
                    if not fuel or fuel in ("electricity", "heat", "hydrogen"):
                        continue
                    unit = data.commodities.loc[com, "unit"]
                    try:
                        found = self._factors_of(fuel, tech.sector)
                        coeff = found["standard_coal"].value.to(f"ktce / ({unit})").magnitude
                    except Exception as exc:
                        self.problems.append(Problem(
                            f"no standard-coal coefficient for fuel '{fuel}' ({com}) supplied by "
                            f"'{tech.code}': {exc}", file="commodities.csv", column="fuel"))
                        continue
                    energy = energy + ratio * coeff
                    if _is_nonfossil_fuel(fuel):
                        nonfossil = nonfossil + ratio * coeff
            tech.energy_tce = energy
            tech.nonfossil_tce = nonfossil

    def _electricity_conversion(self, data: ModelData) -> np.ndarray:
        n = len(self.years)
        if data.primary_electricity == "calorific":
            from carbonpath.units import CALORIFIC_EQUIVALENT

            return np.full(n, CALORIFIC_EQUIVALENT.to("ktce/GWh").magnitude)
        rate = data.drivers.get("thermal_power_coal_rate")
        if rate is None:
            needs = any(t.nonfossil or t.kind in ("import", "export") for t in data.techs.values())
            if needs:
                self.problems.append(Problem(
                    "the coal-consumption method needs drivers.csv thermal_power_coal_rate "
                    "(the year's average coal rate of thermal power) over every model year",
                    file="drivers.csv", column="driver"))
            return np.zeros(n)
        return rate

    def _check_base_year(self, data: ModelData) -> None:
        y0 = data.base_year
        for tech in data.techs.values():
            trades = any(data.commodities.loc[c, "kind"] == "electricity" for c in tech.inputs)
            if tech.kind == "export" and trades:
                bounded = tech.bounds.get("max_activity", {})
                missing = [y for y in data.decision_years if y not in bounded]
                if missing:
                    self.problems.append(Problem(
                        f"electricity exports of '{tech.code}' must be given or bounded in every "
                        f"model year (they are never a free lever); no max_activity in "
                        f"{missing[0]}..{missing[-1]}", file="parameters.csv",
                        column="parameter", valid="max_activity (and min_activity) rows whose "
                        "years span the model years"))
        for tech in data.techs.values():
            if tech.kind == "storage" or tech.link is not None:
                continue
            has_stock = tech.capacitated and tech.residual[0] > 0
            if has_stock and y0 not in tech.observed:
                self.problems.append(Problem(
                    f"technology '{tech.code}' has stock in the base year {y0} but no observed "
                    "activity", file="parameters.csv", column="parameter",
                    valid=f"a row: {tech.code},activity,{y0},<value>,<unit>/yr,<source>"))
                continue
            if y0 not in tech.observed:
                continue
            obs = tech.observed[y0]
            if tech.capacitated:
                if tech.timeslice:
                    prof = (tech.availability_profile if tech.availability_profile is not None
                            else np.ones(len(self.timeslices)))
                    most = tech.residual[0] * tech.availability[0] * float(
                        np.dot(prof, data.weights))
                else:
                    most = tech.residual[0] * tech.availability[0] * tech.utilisation[0]
                per_year = f"{tech.activity_unit}/yr"
                line = self._observed_line(tech.code, y0)
                if obs > most * (1 + 1e-6) + 1e-9:
                    self.problems.append(Problem(
                        f"technology '{tech.code}': observed base-year activity {obs:.6g} "
                        f"{per_year} exceeds what its base-year capacity of "
                        f"{tech.residual[0]:.6g} {tech.capacity_unit} can give ({most:.6g} "
                        f"{per_year})", file="parameters.csv", row=line, column="value"))
                if tech.fixed_utilisation and not math.isclose(
                        obs, tech.residual[0] * tech.utilisation[0], rel_tol=1e-3, abs_tol=1e-9):
                    self.problems.append(Problem(
                        f"technology '{tech.code}' runs at fixed utilisation, but observed "
                        f"activity {obs:.6g} {per_year} differs from stock x utilisation "
                        f"{tech.residual[0] * tech.utilisation[0]:.6g} {per_year}",
                        file="parameters.csv", row=line, column="value"))

    def _observed_line(self, code: str, year: int) -> Any:
        """The parameters.csv line of a technology's observed activity in ``year``."""
        params = self.ds.tables["parameters"]
        rows = params[(params["technology"] == code) & (params["parameter"] == "activity")
                      & (params["year"] == year)]
        return _line(rows)


#: Factor look-ups of the bundled tables, shared by every model of the process (each costs
#: a resolution through the factor tables; a dataset uses the same few again and again).
_BUNDLED_FACTORS: dict[tuple, Any] = {}
#: The same for factor tables given as a FactorTable, while the table lives.
_TABLE_FACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


#: Per dataset object (by id, while it lives): (fingerprint, hours, factor table) ->
#: technology code -> its TechData as built without scenario overrides (deep-copied on
#: every use: models change theirs).
_SHARED: dict[int, tuple[weakref.ref, dict]] = {}


def _fingerprint(ds: Dataset) -> int:
    """A hash of a dataset's tables and configuration.

    A cache made from a dataset is stale if the dataset was changed in place since.
    """
    parts = [repr(sorted(ds.config.items(), key=lambda kv: str(kv[0])))]
    for name in sorted(ds.tables):
        frame = ds.tables[name]
        if isinstance(frame, pd.DataFrame):
            hashed = pd.util.hash_pandas_object(frame.astype(str), index=True)
            parts.append(f"{name}:{list(frame.columns)}:{int(hashed.sum())}")
        else:
            parts.append(f"{name}:{frame!r}")
    return hash(tuple(parts))


def _shared(ds: Dataset, hours: int, factors: Any) -> dict[str, TechData]:
    """The technologies of ``ds`` already built for another scenario (empty at first).

    Technology data depends on the scenario only through its parameter overrides, so a
    technology that no override names is built once per dataset, model resolution and factor
    table, and copied for every later scenario. The cache is keyed by the dataset object and a
    hash of its tables, so a dataset changed in place is built afresh.
    """
    key = id(ds)
    entry = _SHARED.get(key)
    if entry is None or entry[0]() is not ds:
        try:
            ref = weakref.ref(ds, lambda _r: _SHARED.pop(key, None))
        except TypeError:  # not weakly referable: no sharing
            return {}
        entry = _SHARED[key] = (ref, {})
    per_dataset = entry[1]
    key = (_fingerprint(ds), hours, id(factors))
    entry = per_dataset.get(key)
    if entry is None or entry[0] is not factors:  # (the factor table itself is kept, so
        per_dataset.clear()                       # that its id cannot be reused meanwhile)
        entry = per_dataset[key] = (factors, {})
    return entry[1]


def _factor_cache(factors: Any) -> dict[tuple, Any]:
    """The look-up cache of a factor table (a fresh one for tables given as files)."""
    if factors is None:
        return _BUNDLED_FACTORS
    try:
        return _TABLE_FACTORS.setdefault(factors, {})
    except TypeError:  # not weakly referable or unhashable: cache for this model only
        return {}


def _line(rows: pd.DataFrame) -> Any:
    """The file line of the first of some parameter rows (None if there are none)."""
    return rows.index[0] if len(rows) else None


def _is_generation_sector(sector: str) -> bool:
    """True for power and heat plants: ``thermal_power``, ``heat_supply`` and their children."""
    from carbonpath.codes import sectors

    seen = set()
    while sector and sector not in seen:
        if sector in ("thermal_power", "heat_supply"):
            return True
        seen.add(sector)
        sector = sectors().column("parent").get(sector, "")
    return False


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
            f"divides the dataset's {given} profile hours", file=None if argument else
            "dataset.yaml", key=None if argument else "timeslices.model_hours",
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
            f"of the model's {24 / hours:g}-hour blocks and divides the 24 hours of a day",
            file="dataset.yaml", key="timeslices.coarse_balance_hours", value=given,
            valid=", ".join(str(h) for h in valid) or "none at this resolution"))
        return 1
    return given // block


def _override_provenance(rows: pd.DataFrame, gas: str, com: str) -> dict[str, Any]:
    row = rows.iloc[0]
    return {"gas": gas, "commodity": com, "value": float(row["value"]), "unit": row["unit"],
            "source": row["source"], "rule": "dataset override (emissions.csv)"}


def _is_nonfossil_fuel(fuel: str) -> bool:
    from carbonpath.dataset.tables import fuel_is_fossil

    return not fuel_is_fossil(fuel)


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
