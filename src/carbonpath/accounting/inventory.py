"""Sectoral energy and greenhouse-gas inventories from activity data.

``compute_inventory`` applies, per activity row (vectorised over distinct keys):

* energy = quantity x NCV (net calorific value; gross input converted explicitly);
* CO2 of combustion = energy x CO2 emission factor, or energy x carbon content x oxidation
  factor x 44/12, from one coherent level of the factor tables (see
  :mod:`carbonpath.accounting.resolution`);
* CH4 and N2O of combustion = energy x factor of the IPCC sector category;
* non-energy use, feedstock (carbon reported under industrial processes) and transformation
  input rows are not combusted: they carry energy but no combustion emissions;
* process emissions = production x process factor (CO2, N2O, PFCs);
* purchased electricity and heat (scope 2) = consumption x grid or heat factor of the region
  and year; net imports (imports - exports) likewise;
* standard coal by GB/T 2589-2020 coefficients, primary electricity by the chosen
  convention.

City totals follow a named method:

``provincial`` (China's provincial method)
    fossil combustion in the city (power and heat plants included) + process +
    (electricity imports - exports) x grid factor (+ heat likewise). Consumption-based scope 2
    rows are reported but not counted.
``gpc`` (GPC-style, BASIC)
    scope 1 (combustion and process) + scope 2 (electricity and heat consumed x factor).
    Emissions of local power and heat plants (sectors ``thermal_power``, ``heat_supply``)
    are scope 1 but not counted in the total, since the electricity and heat they supply is
    counted at the consumers: local generation is never in both.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint

from carbonpath._checks import checked
from carbonpath.accounting.activity import (
    Activity,
    Production,
    _combine,
    _groups,
    read_activity,
    read_production,
)
from carbonpath.accounting.filters import check_filters, check_one_year
from carbonpath.accounting.plausible_activity import activity_plausibility, region_levels
from carbonpath.accounting.resolution import (
    carrier_factors,
    combustion_factors,
    process_gas_factors,
    simple_factors,
)
from carbonpath.codes import fuels, sectors
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathWarning,
    DataError,
    FactorNotFoundError,
    GWPError,
    ImplausibleValueError,
    Problem,
    UnitError,
)
from carbonpath.factors import FactorTable, bundled_factors, ipcc_category, load_factors
from carbonpath.numbers import nonfinite_problems
from carbonpath.plausibility import CEILINGS, ceiling_problems
from carbonpath.units import CALORIFIC_EQUIVALENT, GWP_SETS, Q_, gwp_value

__all__ = ["METHODS", "PRIMARY_ELECTRICITY", "Inventory", "compute_inventory"]

METHODS = ("provincial", "gpc")
PRIMARY_ELECTRICITY = ("calorific", "coal_consumption")
_TJ_PER_TCE = 29.3076e-3
_GASES = ("CO2", "CH4", "N2O", "CF4", "C2F6", "SF6")
#: Origin of combustion CH4 under AR6, and why (see docs/units.md).
CH4_ORIGIN = ("non_fossil", "combustion CH4: the CO2 factors already count all the fuel's "
              "carbon (oxidation 1 in the IPCC defaults), so the fossil GWP, which adds the CO2 "
              "of oxidised methane, would count that carbon twice")
_GRID_SECTORS = ("thermal_power", "heat_supply")
#: Category of biogenic CO2 (non-fossil fuels burnt): a memo item, never in a total.
BIOGENIC_CO2 = "biogenic_co2_memo"


# ---------------------------------------------------------------------------------------
# Inventory


class Inventory:
    """An energy and emission inventory: tidy tables, provenance and totals.

    Attributes
    ----------
    emissions : pandas.DataFrame
        Tidy table, one row per activity or production row and gas: ``year``, ``region``,
        ``sector``, ``fuel`` ('' for process rows), ``product`` ('' for energy rows),
        ``use``, ``technology``, ``category`` (combustion, biogenic_co2_memo, process,
        electricity, heat, electricity_net_import, heat_net_import), ``scope`` (1 or 2),
        ``in_total`` (counted in the city total under ``method``), ``gas``, ``value``,
        ``unit`` (t of the gas), ``row`` (input row), ``key`` (link to ``provenance``).
        Biomass burnt gives a ``combustion`` row of CH4 and N2O, counted like any fuel's,
        and a ``biogenic_co2_memo`` row of its CO2 with ``in_total`` False (IPCC 2006
        Vol.2 Ch.1 1.4.1 and Ch.2: an information item, not in the totals).
    energy : pandas.DataFrame
        One row per activity row: ``year``, ``region``, ``sector``, ``fuel``, ``use``,
        ``in_total``, ``energy_TJ``, ``standard_coal_tce``, ``tce_rule``.
    provenance : pandas.DataFrame
        Every factor used, per key: ``key``, ``item``, ``quantity``, ``gas``, ``value``,
        ``unit``, ``source``, ``status``, ``rule``, ``file``, ``line``, ``version``.
    method, gwp, primary_electricity, version : str
        The choices the totals rest on, and the factor-set version.
    ch4_origin : tuple of str
        The AR6 CH4 origin applied to combustion CH4, and why.
    """

    def __init__(self, fuel: pd.DataFrame, carrier: pd.DataFrame, process: pd.DataFrame,
                 energy: pd.DataFrame, provenance: pd.DataFrame, method: str, gwp: str | None,
                 primary_electricity: str | None, version: str, source: str) -> None:
        self._fuel = fuel
        self._carrier = carrier
        self._process = process
        self.energy = energy
        self.provenance = provenance
        self.method = method
        self.gwp = gwp
        self.primary_electricity = primary_electricity
        self.version = version
        self.source = source
        self.ch4_origin = CH4_ORIGIN
        self._long: pd.DataFrame | None = None

    def __repr__(self) -> str:
        n_activity = len(self.energy)  # one energy row per activity row
        return (f"Inventory({self.source}: {n_activity} activity rows, "
                f"{len(self._process)} production rows, method {self.method}, gwp {self.gwp}, "
                f"factors {self.version})")

    # -- tidy tables ------------------------------------------------------------------

    @property
    def emissions(self) -> pd.DataFrame:
        """The tidy emission table (built on first access)."""
        if self._long is None:
            parts = []
            for frame in (self._fuel, self._carrier, self._process):
                for gas in _GASES:
                    if gas not in frame.columns:
                        continue
                    vals = frame[gas].to_numpy()
                    keep = ~np.isnan(vals)
                    if not keep.any():
                        continue
                    sub = frame.loc[keep, _DIMS].copy()
                    sub["gas"] = gas
                    sub["value"] = vals[keep]
                    sub["unit"] = f"t {gas}"
                    parts.append(sub)
            long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
                columns=[*_DIMS, "gas", "value", "unit"])
            for col in ("gas", "unit", "sector", "fuel", "product", "use", "technology",
                        "category", "region"):
                long[col] = long[col].astype("category")
            self._long = long
        return self._long

    # -- totals -----------------------------------------------------------------------

    @checked
    def total(self, gas: str = "CO2", *, scope: int | None = None, in_total: bool | None = True,
              unit: str | None = None, **filters: Any) -> pint.Quantity:
        """Return a total emission as a pint quantity.

        Parameters
        ----------
        gas : str
            ``CO2`` (default; needs no GWP set), ``CH4``, ``N2O``, ``CF4``, ``C2F6``, or
            ``CO2e`` (needs the inventory's ``gwp``).
        scope : {1, 2}, optional
            Only this scope.
        in_total : bool or None
            ``True`` (default): rows counted in the city total under ``method``; ``False``:
            rows reported but not counted; ``None``: every row.
        unit : str, optional
            Convert the result (e.g. ``"Mt CO2"``); default t of the gas.
        **filters
            Any column of :attr:`emissions` = a value or a list of values
            (``sector="chemicals"``, ``year=2020``, ``category=["combustion", "process"]``).

        Returns
        -------
        pint.Quantity
            In t of the gas (t CO2e for CO2e).

        Raises
        ------
        GWPError
            ``CO2e`` without a GWP set.
        ValueError
            Unknown gas; a filter value that is no year or no code
            (:func:`carbonpath.accounting.filters.check_filters`); rows of several years
            without ``year=`` (their sum is no year's total).
        TypeError
            A keyword that is neither an argument of ``total`` nor a column
            (``total(gwp="AR6")``: the message says to give ``gwp`` to
            :func:`compute_inventory`).
        """
        values = self._by([], gas, scope, in_total, filters, caller="total")
        total = float(values["value"].sum()) if len(values) else 0.0
        q = Q_(total, f"t {gas}")
        return q.to(unit) if unit else q

    @checked
    def by(self, *dims: str, gas: str = "CO2", scope: int | None = None,
           in_total: bool | None = True, **filters: Any) -> pd.DataFrame:
        """Aggregate emissions by any dimensions (``inv.by("sector")``, ``by("year", "fuel")``).

        Returns
        -------
        pandas.DataFrame
            One row per combination: the dimensions, ``value`` and ``unit`` (t of ``gas``).
        """
        out = self._by(list(dims), gas, scope, in_total, filters, caller="by")
        out["unit"] = f"t {gas}"
        return out

    def _by(self, dims: list[str], gas: str, scope: int | None, in_total: bool | None,
            filters: dict[str, Any], caller: str = "by") -> pd.DataFrame:
        unexpected = [k for k in filters if k not in _DIMS]
        if unexpected:  # a keyword that is no column: say which call takes it, if any
            inventory_args = set(inspect.signature(compute_inventory).parameters)
            hints = [f"give {k} to compute_inventory()" for k in unexpected
                     if k in inventory_args]
            hint = f" ({'; '.join(hints)})" if hints else ""
            msg = (f"Inventory.{caller}(): got an unexpected keyword argument "
                   f"{', '.join(repr(k) for k in unexpected)}{hint}: {caller}() takes gas, "
                   f"scope, in_total{', unit' if caller == 'total' else ''} and column "
                   f"filters; valid columns: {', '.join(_DIMS)}")
            raise ArgumentTypeError(msg)
        bad = [d for d in dims if d not in _DIMS]
        if bad:
            msg = f"unknown column(s) {bad}; valid: {', '.join(_DIMS)}"
            raise ArgumentValueError(msg)
        filters = check_filters(filters, (self._fuel, self._carrier, self._process), caller)
        check_one_year(filters, dims, (self._fuel, self._carrier, self._process), caller)
        if gas == "CO2e":
            weights = self._gwp_weights()
        elif gas in _GASES:
            weights = {gas: 1.0}
        else:
            msg = f"unknown gas '{gas}'; valid: {', '.join((*_GASES, 'CO2e'))}"
            raise ArgumentValueError(msg)
        parts = []
        for frame in (self._fuel, self._carrier, self._process):
            cols = [g for g in weights if g in frame.columns]
            if not cols or not len(frame):
                continue
            mask = np.ones(len(frame), dtype=bool)
            if scope is not None:
                mask &= frame["scope"].to_numpy() == scope
            if in_total is not None:
                mask &= frame["in_total"].to_numpy() == in_total
            for col, want in filters.items():
                values = want if isinstance(want, (list, tuple, set)) else [want]
                mask &= frame[col].isin(values).to_numpy()
            value = _weighted(frame, cols, weights)
            if mask.all():  # no row dropped: share the columns, copy nothing
                sub = pd.DataFrame({**{d: frame[d] for d in dims}, "value": value},
                                   index=frame.index, copy=False)
            else:
                sub = frame.loc[mask, dims].copy() if dims else pd.DataFrame(
                    index=frame.index[mask])
                sub["value"] = value[mask]
            parts.append(sub)
        if not parts:
            return pd.DataFrame(columns=[*dims, "value"])
        if not dims:
            return pd.concat(parts, ignore_index=True)[["value"]]
        grouped = []
        for sub in parts:  # aggregate each part on its categorical codes, then combine
            g = _sum_by(sub, dims)
            for d in dims:
                if isinstance(g[d].dtype, pd.CategoricalDtype):
                    g[d] = g[d].astype(str)
            grouped.append(g)
        allv = pd.concat(grouped, ignore_index=True)
        return allv.groupby(dims, as_index=False, sort=True)["value"].sum()

    def _gwp_weights(self) -> dict[str, float]:
        if self.gwp is None:
            msg = ("a CO2e total needs a GWP set: compute_inventory(..., gwp='AR6') "
                   "('AR4', 'AR5' or 'AR6'); CO2-only totals need none")
            raise GWPError(msg)
        weights = {}
        for g in _GASES:
            origin = CH4_ORIGIN[0] if g == "CH4" else None
            try:
                weights[g] = gwp_value(g, self.gwp, origin)
            except GWPError:
                continue
        return weights

    @checked
    def energy_total(self, unit: str = "tce", **filters: Any) -> pint.Quantity:
        """Total energy consumption of the region (rows with ``in_total``).

        Fossil fuels by use (combustion, non-energy, feedstock; transformation inputs are
        excluded, their products being counted when used), primary electricity (local
        non-fossil generation and net electricity imports) by the inventory's
        ``primary_electricity`` convention, net heat imports at calorific value. Electricity
        and heat consumed in the region are secondary energy and not added again.

        Parameters
        ----------
        unit : str
            ``tce`` (standard coal, GB/T 2589 coefficients) or any energy unit (``TJ``: the
            NCV energy, primary electricity at its primary equivalent).
        **filters
            Columns of :attr:`energy`.

        Returns
        -------
        pint.Quantity
        """
        e = self.energy
        mask = e["in_total"].to_numpy().copy()
        filters = check_filters(filters, (e,), "energy_total")  # accounting/filters.py
        check_one_year(filters, (), (e,), "energy_total")
        for col, want in filters.items():
            values = want if isinstance(want, (list, tuple, set)) else [want]
            mask &= e[col].isin(values).to_numpy()
        coal = ("tce", "kgce", "gce", "Mtce", "万吨标准煤")
        try:
            if Q_(1, unit).check("[energy]") and unit not in coal:
                return Q_(float(e.loc[mask, "energy_TJ"].sum()), "TJ").to(unit)
            return Q_(float(e.loc[mask, "standard_coal_tce"].sum()), "tce").to(unit)
        except Exception as exc:  # pint raises many kinds on a junk unit text
            raise UnitError(Problem(f"cannot express energy in '{unit}' ({exc})", key="unit",
                                    value=unit, valid="tce, kgce, Mtce, 万吨标准煤 or an energy "
                                    "unit such as TJ, GJ, MWh")) from None

    def summary(self, gas: str = "CO2") -> pd.DataFrame:
        """Totals by category and sector, counted rows only (for display)."""
        return self.by("category", "sector", gas=gas)

    @checked
    def to_csv(self, path: str | Path, table: str = "emissions") -> None:
        """Write ``emissions``, ``energy`` or ``provenance`` to a UTF-8 CSV file.

        The file's folder is an output folder (:mod:`carbonpath.outputs`): an existing file of
        that name is replaced only if carbonpath wrote it there and it is unchanged.

        Raises
        ------
        OutputFolderError
            If ``path`` is a file of the user's, or its folder cannot be written.
        """
        from carbonpath.outputs import prepare

        frames = {"emissions": self.emissions, "energy": self.energy,
                  "provenance": self.provenance}
        if table not in frames:
            msg = f"unknown table '{table}'; valid: {', '.join(frames)}"
            raise ArgumentValueError(msg)
        path = Path(path)
        with prepare(path.parent, will_write=[path.name], option="path") as out:
            frames[table].to_csv(out.path(path.name), index=False, encoding="utf-8")


def _weighted(frame: pd.DataFrame, gases: list[str], weights: dict[str, float]) -> np.ndarray:
    """Sum over ``gases`` of the frame's t of gas x weight, shape (n,); NaN (no such gas) = 0."""
    total = np.zeros(len(frame))
    for g in gases:
        term = frame[g].to_numpy() * weights[g]
        term[np.isnan(term)] = 0.0
        total += term
    return total


#: Up to this many combinations of categories, ``_sum_by`` groups over all of them
#: (``observed=False``: no re-factorizing of the codes) and then drops the empty ones.
_ALL_COMBINATIONS = 100_000


def _sum_by(sub: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """Sum ``sub["value"]`` over the observed combinations of ``dims`` (columns + value)."""
    combos = 1
    for d in dims:
        combos *= (len(sub[d].cat.categories) if isinstance(sub[d].dtype, pd.CategoricalDtype)
                   else _ALL_COMBINATIONS + 1)
    if combos > _ALL_COMBINATIONS:
        return sub.groupby(dims, observed=True, sort=False)["value"].sum().reset_index()
    g = sub.groupby(dims, observed=False, sort=True)  # sorted: categories as they are
    out = g["value"].sum()
    return out[g.size().to_numpy() > 0].reset_index()


_DIMS = ["year", "region", "sector", "fuel", "product", "use", "technology", "category",
         "scope", "in_total", "row", "key"]


# ---------------------------------------------------------------------------------------
# compute_inventory


@checked
def compute_inventory(activity: Activity | str | Path | pd.DataFrame,
                      factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                      gwp: str | None = None,
                      production: Production | str | Path | pd.DataFrame | None = None,
                      method: str = "provincial", primary_electricity: str | None = None,
                      coal_rate_basis: str | None = None, region: str | None = None,
                      year: int | None = None, gas_condition: str | None = None,
                      energy_basis: str | None = None, historical: bool = True) -> Inventory:
    """Compute the energy and emission inventory of a region (see the module docstring).

    Parameters
    ----------
    activity : Activity, path or DataFrame
        Activity data; raw tables are read with :func:`read_activity` (with ``region``,
        ``year``, ``gas_condition``, ``energy_basis``).
    factors : FactorTable, path or list of paths, optional
        A loaded table, or user factor CSVs layered over the bundled tables. Default: the
        bundled tables.
    gwp : {"AR4", "AR5", "AR6"}, optional
        GWP100 set for CO2e totals; CO2-only totals need none. Under AR6 combustion CH4
        takes the non-fossil value (:data:`CH4_ORIGIN`).
    production : Production, path or DataFrame, optional
        Industrial production for process emissions (:func:`read_production`).
    method : {"provincial", "gpc"}
        How the city total counts electricity (module docstring).
    primary_electricity : {"calorific", "coal_consumption"}, optional
        Convention for primary electricity (local non-fossil generation, net imports) in
        the energy totals; required when the activity has such rows.
    coal_rate_basis : {"supply", "generation"}, optional
        Basis of the thermal-power coal rate; required with ``coal_consumption``.
    region, year, gas_condition, energy_basis
        Passed to :func:`read_activity` / :func:`read_production` for raw tables.
    historical : bool
        Allow factors of the nearest earlier year (default True: an inventory accounts for
        the past).

    Returns
    -------
    Inventory

    Raises
    ------
    DataError, UnitError, EncodingError
        Bad activity or production data (every problem, with its location).
    FactorNotFoundError
        A needed factor is missing for a region and year, with no fallback.
    ImplausibleValueError
        Factors that imply a carbon fraction >= 1 (or a gas carrying more carbon than any).
    GWPError
        An unknown GWP set.
    ValueError
        Unknown ``method`` or ``primary_electricity``, or a missing choice.
    """
    if method not in METHODS:
        msg = f"unknown method '{method}'; valid: {', '.join(METHODS)}"
        raise ArgumentValueError(msg)
    if gwp is not None and gwp not in GWP_SETS:
        raise GWPError(f"unknown GWP set '{gwp}'; valid: {', '.join(GWP_SETS)}")
    if primary_electricity is not None and primary_electricity not in PRIMARY_ELECTRICITY:
        msg = (f"unknown primary_electricity '{primary_electricity}'; valid: "
               f"{', '.join(PRIMARY_ELECTRICITY)}")
        raise ArgumentValueError(msg)
    table = _table(factors)
    act = activity if isinstance(activity, Activity) else read_activity(
        activity, region=region, year=year, gas_condition=gas_condition,
        energy_basis=energy_basis, factors=table)
    prod = None
    if production is not None:
        prod = production if isinstance(production, Production) else read_production(
            production, region=region, year=year, factors=table)
    d = act.data
    carrier_lut = np.array([fuels().attr(c, "group") == "carrier"
                            for c in d["fuel"].cat.categories] + [False])
    is_carrier = carrier_lut[d["fuel"].cat.codes.to_numpy()]
    if is_carrier.any():
        fuel_rows = d[~is_carrier].reset_index(drop=True)
        carrier_rows = d[is_carrier].reset_index(drop=True)
    else:
        fuel_rows, carrier_rows = d, d.iloc[:0]
    if coal_rate_basis is not None and coal_rate_basis not in ("supply", "generation"):
        msg = (f"coal_rate_basis must be 'supply' (供电) or 'generation' (发电), not "
               f"{coal_rate_basis!r}")
        raise ArgumentValueError(msg)
    prov: list[pd.DataFrame] = []
    fuel_frame, fuel_energy, n_keys = _fuel_part(table, fuel_rows, act.source, historical, method,
                                                 prov)
    carrier_frame, carrier_energy, n_keys = _carrier_part(
        table, carrier_rows, act.source, historical, method, primary_electricity,
        coal_rate_basis, n_keys, prov)
    process_frame = _process_part(table, prod, historical, n_keys, prov)
    if prod is None and len(fuel_rows) and (fuel_rows["use"] == "feedstock").any():
        warnings.warn("activity has feedstock rows (their carbon is reported under industrial "
                      "processes) but no production data was given: that carbon appears in no "
                      "total; pass production=...", CarbonpathWarning, stacklevel=2)
    parts = [e for e in (fuel_energy, carrier_energy) if len(e)]
    energy = (parts[0] if len(parts) == 1  # one part: no copy of a million rows
              else pd.concat([fuel_energy, carrier_energy], ignore_index=True))
    _check_finite(act.source, prod.source if prod is not None else "production data",
                  fuel_frame, carrier_frame, process_frame, energy)
    _check_magnitudes(act, prod.source if prod is not None else "production data",
                      (fuel_frame, carrier_frame, process_frame), energy)
    activity_plausibility(act.data, energy, region_levels(table), act.source)
    provenance = pd.concat(prov, ignore_index=True) if prov else pd.DataFrame()
    uses_user = bool(len(provenance)) and provenance["version"].str.endswith("+user").any()
    return Inventory(fuel_frame, carrier_frame, process_frame, energy, provenance, method, gwp,
                     primary_electricity, table.version + ("+user" if uses_user else ""),
                     act.source)


def _check_finite(source: str, prod_source: str, fuel: pd.DataFrame, carrier: pd.DataFrame,
                  process: pd.DataFrame, energy: pd.DataFrame) -> None:
    """Every emission and energy value must be finite after the factor conversions."""
    problems = []
    for frame, file, what in ((fuel, source, "combustion emissions"),
                              (carrier, source, "emissions of electricity and heat"),
                              (process, prod_source, "process emissions")):
        if len(frame) and "value" in frame:
            problems += nonfinite_problems(frame["value"].to_numpy(dtype=float),
                                           frame["row"].to_numpy() if "row" in frame else None,
                                           file=file, what=what)
    for col in ("energy_TJ", "standard_coal_tce"):
        if len(energy) and col in energy:
            problems += nonfinite_problems(energy[col].to_numpy(dtype=float),
                                           energy["row"].to_numpy() if "row" in energy else None,
                                           file=source, what=f"energy ({col})")
    DataError.collect(problems, "inventory")


def _check_magnitudes(act: Activity, prod_source: str, frames: tuple[pd.DataFrame, ...],
                      energy: pd.DataFrame) -> None:
    """No row may hold more energy, or emit more CO2, than the whole world in a year.

    Bounds: :data:`carbonpath.plausibility.CEILINGS` (``activity_energy``, ``row_co2``).

    Raises
    ------
    ImplausibleValueError
        Naming the file, row and value written of each row above a bound.
    """
    written = dict(zip(act.data["row"], act.data["value"], strict=False)) if "row" in (
        act.data.columns) else {}
    problems: list[Problem] = []
    if len(energy) and "energy_TJ" in energy:
        rows = energy["row"].to_numpy() if "row" in energy else np.arange(len(energy))
        problems += ceiling_problems(energy["energy_TJ"].to_numpy(dtype=float) * 1e-6, rows,
                                     CEILINGS["activity_energy"], file=act.source,
                                     column="value", what="energy in one row",
                                     given=[written.get(r, "") for r in rows])
    for frame, file in zip(frames, (act.source, act.source, prod_source), strict=True):
        if not len(frame) or not {"gas", "value", "unit", "row"} <= set(frame.columns):
            continue
        co2 = frame[(frame["gas"] == "CO2") & (frame["unit"] == "t CO2")]
        rows = co2["row"].to_numpy()
        problems += ceiling_problems(co2["value"].to_numpy(dtype=float) * 1e-9, rows,
                                     CEILINGS["row_co2"], file=file, column="value",
                                     what="CO2 emissions of one row",
                                     given=[written.get(r, "") if file == act.source else ""
                                            for r in rows])
    if problems:
        seen: set[tuple[Any, Any]] = set()  # one problem per file row
        unique = [p for p in problems if (p.file, p.row) not in seen
                  and not seen.add((p.file, p.row))]
        raise ImplausibleValueError(unique, "inventory")


def _table(factors: Any) -> FactorTable:
    if factors is None:
        return bundled_factors()
    if isinstance(factors, FactorTable):
        return factors
    return load_factors(extra=list(factors) if isinstance(factors, (list, tuple)) else factors)


def _fuel_attr(col: pd.Series, attr: str) -> np.ndarray:
    fl = fuels()
    cats = col.cat.categories
    lut = np.array([fl.attr(c, attr) if c else "" for c in cats] + [""], dtype=object)
    return lut[col.cat.codes.to_numpy()]


def _sector_attr(col: pd.Series, attr: str) -> np.ndarray:
    sl = sectors()
    lut = np.array([sl.attr(c, attr) if c else "" for c in col.cat.categories] + [""],
                   dtype=object)
    return lut[col.cat.codes.to_numpy()]


def _equals(col: pd.Series, value: str) -> np.ndarray:
    """Boolean mask, shape (n,), of the rows equal to ``value`` (on the codes if categorical)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        cats = col.cat.categories
        if value not in cats:
            return np.zeros(len(col), dtype=bool)
        return col.cat.codes.to_numpy() == cats.get_loc(value)
    return col.astype(str).to_numpy() == value


def _times(quantity: np.ndarray, per_key: np.ndarray, inverse: np.ndarray,
           keep: np.ndarray | None = None) -> np.ndarray:
    """Per-row quantity x per-key factor, shape (n,); NaN where ``keep`` is False.

    ``quantity`` (n,) in the canonical unit, ``per_key`` (k,) per canonical unit, ``inverse``
    (n,) the key of each row.
    """
    out = per_key.astype(np.float64, copy=False)[inverse]
    with np.errstate(over="ignore", invalid="ignore"):  # overflow: reported by _check_finite
        out *= quantity
    if keep is not None and not keep.all():
        out[~keep] = np.nan
    return out


def _keys(table: FactorTable, rows: pd.DataFrame, item_col: str, with_sector: bool,
          extra: np.ndarray | None = None) -> tuple[np.ndarray, pd.DataFrame, np.ndarray]:
    """Collapse rows to distinct factor keys, numbered in order of first appearance.

    ``extra`` (non-negative integer codes, shape (n,)) splits keys further (the measure).
    Works on the categorical codes of the n rows; strings are handled per category.

    Returns
    -------
    inverse : numpy.ndarray of int64, shape (n,)
        Key index of each row.
    keys : pandas.DataFrame
        One row per key (see :data:`~carbonpath.accounting.resolution.KEY_COLUMNS`).
    first : numpy.ndarray of int64
        First row of each key.
    """
    n = len(rows)
    # only rows of these items can serve these keys: regions, sectors and years that have no
    # row of their own collapse onto the first one above them that has
    items = set(rows[item_col].cat.categories)
    if item_col == "fuel":
        items |= {"coal", "oil", "gas"}  # groups of the gross-to-net ratios
    relevant = table.rows[table.rows["item"].isin(items)]
    present_regions = set(relevant["region"])
    present_sectors = set(relevant["sector"])
    year_specific = bool((relevant["year"] >= 0).any())
    # region -> (effective region, own)
    reg_cats = list(rows["region"].cat.categories)
    reg_eff = []
    for r in reg_cats:
        chain = table.regions.chain(r)
        eff = next((a for a in chain if a in present_regions), "world")
        reg_eff.append((eff, eff == r))
    reg_lut_codes, _ = pd.factorize(pd.Series(reg_eff, dtype=object))
    reg_code = reg_lut_codes[rows["region"].cat.codes.to_numpy()]
    parts = [rows[item_col].cat.codes.to_numpy(), reg_code,
             rows["technology"].cat.codes.to_numpy()]
    if with_sector:
        sec_eff = []
        for s in rows["sector"].cat.categories:
            cat = ipcc_category(s)
            eff = next((p for p in _prefixes(cat) if p in present_sectors), "")
            sec_eff.append((eff, eff == cat and cat != ""))
        sec_lut_codes, _ = pd.factorize(pd.Series(sec_eff, dtype=object))
        parts.append(sec_lut_codes[rows["sector"].cat.codes.to_numpy()])
    if year_specific and n:
        years = rows["year"].to_numpy()
        parts.append(years - years.min())
    if extra is not None:
        parts.append(extra)
    inverse, first = _groups(*_combine(parts))
    f = rows.iloc[first]
    reg_pairs = [reg_eff[c] for c in f["region"].cat.codes.to_numpy()]
    keys = pd.DataFrame({
        "item": f[item_col].astype(str).to_numpy(),
        "sector": "",
        "technology": f["technology"].astype(str).to_numpy(),
        "region": [p[0] for p in reg_pairs],
        "year": pd.array(f["year"].to_numpy() if year_specific else [pd.NA] * len(f),
                         dtype="Int64"),
        "region_own": [p[1] for p in reg_pairs],
        "sector_own": True,
    })
    if with_sector:
        cats = list(rows["sector"].cat.categories)
        sec_pairs = [sec_eff[cats.index(s)] for s in f["sector"].astype(str)]
        keys["sector"] = [p[0] for p in sec_pairs]
        keys["sector_own"] = [p[1] for p in sec_pairs]
    return inverse, keys, first


def _prefixes(category: str) -> list[str]:
    if not category:
        return [""]
    return [category[:i] for i in range(len(category), 0, -1)] + [""]


def _raise(problems: list[tuple[str, Problem]], what: str) -> None:
    if not problems:
        return
    kinds = {k for k, _ in problems}
    plist = [p for _, p in problems]
    if kinds == {"implausible"}:
        raise ImplausibleValueError(plist, what)
    if "dimension" in kinds:
        raise UnitError(plist, what)
    if kinds == {"missing"}:
        raise FactorNotFoundError(DataError(plist, what).args[0])
    raise DataError(plist, what)


def _classify(message: str) -> str:
    if message.startswith("IMPLAUSIBLE"):
        return "implausible"
    if "assumes no density" in message:
        return "dimension"
    if message.startswith("incoherent"):
        return "incoherent"
    return "missing"


def _fuel_part(table: FactorTable, rows: pd.DataFrame, source: str, historical: bool,
               method: str, prov: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    n = len(rows)
    if n == 0:
        empty = _frame(rows, np.zeros(0, dtype=object), 1, np.zeros(0, dtype=bool))
        for col in ("CO2", "CH4", "N2O"):
            empty[col] = np.zeros(0)
        empty["key"] = np.zeros(0, dtype=np.int64)
        return empty, _energy_frame(rows, np.zeros(0), np.zeros(0), np.zeros(0, bool),
                                    np.zeros(0, dtype=object)), 0
    measure_codes = rows["measure"].cat.codes.to_numpy()
    inverse, keys, first = _keys(table, rows, "fuel", True, extra=measure_codes)
    key_measure = np.asarray(rows["measure"].cat.categories, dtype=object)[
        measure_codes[first]]
    res = combustion_factors(table, keys, key_measure, historical=historical)
    use_cats = list(rows["use"].cat.categories)
    use_codes = rows["use"].cat.codes.to_numpy()
    combusted = use_codes == use_cats.index("combustion")
    problems: list[tuple[str, Problem]] = []
    comb_keys = np.zeros(len(keys), dtype=bool)
    comb_keys[inverse if combusted.all() else inverse[combusted]] = True
    for i in np.flatnonzero(res["problem"].to_numpy() != ""):
        msg = res["problem"].iloc[i]
        row_idx = int(first[i])
        problems.append((_classify(msg), Problem(msg, file=source, row=rows["row"].iloc[row_idx],
                                                 column="fuel", value=keys["item"].iloc[i])))
    for gas in ("ch4", "n2o"):
        missing = comb_keys & (res[f"{gas}_row"].to_numpy() < 0) & (res["problem"].to_numpy() == "")
        for i in np.flatnonzero(missing):
            problems.append(("missing", Problem(
                f"no {gas.upper()} emission factor for fuel '{keys['item'].iloc[i]}' in IPCC "
                f"sector category {keys['sector'].iloc[i] or '(none)'} (sector "
                f"'{rows['sector'].iloc[int(first[i])]}'); supply one in a user factor table",
                file=source, row=rows["row"].iloc[int(first[i])], column="sector")))
    _raise(problems, "inventory")

    # gross -> net for energy given on a gross basis (IPCC 2006 Vol.2 Ch.1 1.4.1.2)
    quantity = rows["quantity"].to_numpy()
    gross = _equals(rows["energy_basis"], "gross")
    ratio_rows: dict[int, Any] = {}
    if gross.any():
        quantity = quantity.copy()
        groups = _fuel_attr(rows["fuel"], "group")
        for grp in np.unique(groups[gross]):
            f = table.lookup(grp if grp in ("coal", "oil", "gas") else "coal", "ncv_gcv_ratio")
            sel = gross & (groups == grp)
            quantity[sel] *= f.value.magnitude
            ratio_rows[int(f.row_id)] = f
    energy_tj = _times(quantity, res["ncv"].to_numpy(), inverse)
    fuel_codes = rows["fuel"].cat.codes.to_numpy()
    fossil_lut = np.array([fuels().attr(c, "fossil") == "yes" for c in rows["fuel"].cat.categories])
    fossil = fossil_lut[fuel_codes]
    co2 = _times(quantity, res["co2"].to_numpy(), inverse, keep=combusted)
    ch4 = _times(quantity, res["ch4"].to_numpy(), inverse, keep=combusted)
    n2o = _times(quantity, res["n2o"].to_numpy(), inverse, keep=combusted)
    # CH4 and N2O of every fuel burnt count; CO2 of biomass is a memo item (own rows below)
    cat_names = [*use_cats, BIOGENIC_CO2]
    biogenic = combusted & ~fossil
    category = pd.Categorical.from_codes(use_codes.astype(np.int32, copy=False),
                                         categories=cat_names)
    in_total = combusted.copy()
    if method == "gpc":
        grid_lut = np.isin(np.asarray(rows["sector"].cat.categories, dtype=object), _GRID_SECTORS)
        in_total &= ~grid_lut[rows["sector"].cat.codes.to_numpy()]
    # standard coal (GB/T 2589), per key; else NCV energy / 29.3076 MJ per kgce
    sce = simple_factors(table, keys, "standard_coal_coefficient", historical=historical)
    sce_den = sce["den"].to_numpy()
    per_unit = np.where(sce_den == np.array([{"mass": "t", "gas": "Nm3", "energy": "TJ"}[m]
                                             for m in key_measure], dtype=object),
                        sce["canon"].to_numpy(), np.nan)
    rule_names = ["GB/T 2589 coefficient",
                  "NCV energy / 29.3076 MJ per kgce (no GB/T 2589 coefficient in this unit)"]
    by_ncv = np.isnan(per_unit)
    tce = _times(quantity, per_unit, inverse)
    if by_ncv.any():
        np.divide(energy_tj, _TJ_PER_TCE, out=tce, where=by_ncv[inverse])
    frame = _frame(rows, category, 1, in_total,
                   {"key": inverse, "CO2": np.where(biogenic, np.nan, co2), "CH4": ch4,
                    "N2O": n2o})
    if biogenic.any():
        frame = pd.concat([frame, _biogenic_memo(rows, biogenic, cat_names, inverse, co2)],
                          ignore_index=True)
    energy = _energy_frame(rows, energy_tj, tce,
                           use_codes != use_cats.index("transformation_input"),
                           pd.Categorical.from_codes(by_ncv.astype(np.int8)[inverse],
                                                     categories=rule_names))
    # provenance per key: (key, table row, rule, method), joined to the table rows at once
    links = [pd.DataFrame({"key": np.arange(len(keys)), "row_id": res[f"{name}_row"],
                           "rule": res[f"{name}_rule"], "method": res["method"]})
             for name in ("ncv", "ef", "cc", "ox", "ch4", "n2o")]
    links.append(pd.DataFrame({"key": np.arange(len(keys)), "row_id": sce["row_id"],
                               "rule": sce["rule"], "method": "standard coal"})
                 [~np.isnan(per_unit)])
    prov.append(_provenance(table, keys, pd.concat(links, ignore_index=True), 0))
    if ratio_rows:
        recs = [{"key": -1, "item": f.item, "sector": "", "region": "world", "year": None,
                 **_row_fields(table, rid), "rule": f.rule, "method": "gross to net"}
                for rid, f in ratio_rows.items()]
        prov.append(pd.DataFrame.from_records(recs))
    return frame, energy, len(keys)


def _biogenic_memo(rows: pd.DataFrame, biogenic: np.ndarray, cat_names: list[str],
                   inverse: np.ndarray, co2: np.ndarray) -> pd.DataFrame:
    """Rows of biogenic CO2 (category :data:`BIOGENIC_CO2`), reported but never counted.

    IPCC 2006 Guidelines Vol.2 Ch.1 1.4.1 and Ch.2: CO2 from biomass burnt for energy is
    reported as an information item, not in the sectoral or national totals (its net
    emission belongs to AFOLU); the CH4 and N2O of the same fuel are included, so they stay
    in the ``combustion`` rows and the totals.
    """
    n = int(biogenic.sum())
    category = pd.Categorical.from_codes(np.full(n, len(cat_names) - 1, dtype=np.int32),
                                         categories=cat_names)
    nan = np.full(n, np.nan)
    return _frame(rows[biogenic].reset_index(drop=True), category, 1, np.zeros(n, dtype=bool),
                  {"key": inverse[biogenic], "CO2": co2[biogenic], "CH4": nan, "N2O": nan})


def _row_fields(table: FactorTable, rid: int) -> dict[str, Any]:
    r = table.rows.iloc[rid]
    return {"quantity": r["quantity"], "gas": r["gas"], "value": float(r["value"]),
            "unit": r["unit"], "factor_region": r["region"],
            "factor_year": None if r["year"] < 0 else int(r["year"]), "source": r["source"],
            "status": r["status"], "file": r["file"], "line": int(r["line"]),
            "version": table.version + ("+user" if r["layer"] == 0 else "")}


def _provenance(table: FactorTable, keys: pd.DataFrame, links: pd.DataFrame,
                offset: int) -> pd.DataFrame:
    """Provenance rows: each key's factors, joined to the factor-table rows (vectorised)."""
    links = links[links["row_id"].to_numpy() >= 0]
    k = keys.iloc[links["key"].to_numpy()]
    t = table.rows.iloc[links["row_id"].to_numpy()]
    user = t["layer"].to_numpy() == 0
    year = k["year"].to_numpy(dtype="float64", na_value=np.nan)
    fyear = t["year"].to_numpy().astype(float)
    fyear[fyear < 0] = np.nan
    return pd.DataFrame({
        "key": links["key"].to_numpy() + offset, "item": k["item"].to_numpy(),
        "sector": k["sector"].to_numpy(), "region": k["region"].to_numpy(),
        "year": pd.array(year, dtype="Float64").astype("Int64"),
        "quantity": t["quantity"].to_numpy(), "gas": t["gas"].to_numpy(),
        "value": t["value"].to_numpy(), "unit": t["unit"].to_numpy(),
        "factor_region": t["region"].to_numpy(),
        "factor_year": pd.array(fyear, dtype="Float64").astype("Int64"),
        "source": t["source"].to_numpy(), "status": t["status"].to_numpy(),
        "file": t["file"].to_numpy(), "line": t["line"].to_numpy(),
        "version": np.where(user, table.version + "+user", table.version),
        "rule": links["rule"].to_numpy(), "method": links["method"].to_numpy(),
    })


def _prov_record(table: FactorTable, key: int, k: pd.Series, rid: int, rule: str,
                 method: str) -> dict[str, Any]:
    return {"key": key, "item": k["item"], "sector": k["sector"], "region": k["region"],
            "year": None if pd.isna(k["year"]) else int(k["year"]), **_row_fields(table, rid),
            "rule": rule, "method": method}


def _frame(rows: pd.DataFrame, category: np.ndarray, scope: int | np.ndarray,
           in_total: np.ndarray, values: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per activity row: the dimensions of :data:`_DIMS` but ``key``, then ``values``.

    The columns of ``rows`` are shared, not copied (copy-on-write keeps them apart), and
    the new arrays are taken as they are: pass only arrays nothing else writes to.
    """
    n = len(rows)
    return pd.DataFrame({
        "year": rows["year"],
        "region": rows["region"],
        "sector": rows["sector"],
        "fuel": rows["fuel"],
        "product": pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[""]),
        "use": rows["use"],
        "technology": rows["technology"],
        "category": category if isinstance(category, pd.Categorical)
        else pd.Categorical(category),
        "scope": np.full(n, scope, dtype=np.int64) if np.ndim(scope) == 0
        else np.asarray(scope, dtype=np.int64),
        "in_total": in_total.astype(bool),
        "row": rows["row"],
        **(values or {}),
    }, copy=False)


def _energy_frame(rows: pd.DataFrame, tj: np.ndarray, tce: np.ndarray, in_total: np.ndarray,
                  rule: np.ndarray) -> pd.DataFrame:
    """One row per activity row: energy in TJ and t of standard coal (arrays of shape (n,))."""
    return pd.DataFrame({
        "year": rows["year"], "region": rows["region"], "sector": rows["sector"],
        "fuel": rows["fuel"], "use": rows["use"], "in_total": in_total.astype(bool),
        "energy_TJ": tj, "standard_coal_tce": tce,
        "tce_rule": rule if isinstance(rule, pd.Categorical) else pd.Categorical(rule),
        "row": rows["row"],
    }, copy=False)


def _carrier_part(table: FactorTable, rows: pd.DataFrame, source: str, historical: bool,
                  method: str, primary: str | None, basis: str | None, offset: int,
                  prov: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    n = len(rows)
    if n == 0:
        empty = _frame(rows, np.zeros(0, dtype=object), 2, np.zeros(0, dtype=bool))
        empty["key"] = np.zeros(0, dtype=np.int64)
        empty["CO2"] = np.zeros(0)
        return empty, _energy_frame(rows, np.zeros(0), np.zeros(0), np.zeros(0, bool),
                                    np.zeros(0, dtype=object)), offset
    use = rows["use"].astype(str).to_numpy()
    fuel = rows["fuel"].astype(str).to_numpy()
    kind = _sector_attr(rows["sector"], "kind")
    tj = rows["quantity"].to_numpy()
    primary_rows = (fuel == "electricity") & (((use == "generation") & (kind == "generation"))
                                              | np.isin(use, ["import", "export"]))
    sign = np.where(use == "export", -1.0, 1.0)
    if method == "provincial" and ((fuel == "electricity") & (use == "consumption")).any() \
            and not ((fuel == "electricity") & np.isin(use, ["import", "export"])).any():
        raise DataError(Problem(
            "method 'provincial' counts net electricity imports x grid factor, but the activity "
            "has electricity consumption and no import/export rows; add rows sector=transfers, "
            "fuel=electricity, use=import and use=export (0 if none), or use method='gpc'",
            file=source, column="use", valid="rows with use import and export"), source)
    needs = np.isin(use, ["consumption", "import", "export"])
    inverse, keys, first = _keys(table, rows, "fuel", False)
    res = carrier_factors(table, keys, historical=historical)
    key_needed = np.zeros(len(keys), dtype=bool)
    key_needed[inverse[needs]] = True
    problems = []
    for i in np.flatnonzero(key_needed & (res["row_id"].to_numpy() < 0)):
        k = keys.iloc[i]
        try:
            table.lookup(k["item"], "emission_factor", gas="CO2", region=k["region"],
                         year=int(k["year"]), historical=historical)
        except FactorNotFoundError as exc:
            problems.append(("missing", Problem(str(exc), file=source,
                                                row=rows["row"].iloc[int(first[i])],
                                                column="fuel", value=k["item"])))
    wrong = key_needed & (res["row_id"].to_numpy() >= 0) & (res["den"].to_numpy() != "TJ")
    for i in np.flatnonzero(wrong):
        problems.append(("dimension", Problem(
            f"the CO2 factor of {keys['item'].iloc[i]} is not per unit of energy",
            file=source, row=rows["row"].iloc[int(first[i])], column="fuel")))
    _raise(problems, "inventory")
    per_tj = res["canon"].to_numpy()[inverse]
    co2 = np.where(needs, tj * per_tj * sign, np.nan)
    category = np.where(np.isin(use, ["import", "export"]), fuel + "_net_import",
                        np.where(use == "consumption", fuel, "generation"))
    if method == "provincial":
        in_total = np.isin(use, ["import", "export"])
    else:
        in_total = use == "consumption"
    frame = _frame(rows, category, 2, in_total)
    frame["key"] = inverse + offset
    frame["CO2"] = co2
    # energy: calorific equivalent, primary electricity by the chosen convention
    tce = tj / _TJ_PER_TCE
    # electricity at 0.1229 kgce/kWh as GB/T 2589-2020 prints it (units.CALORIFIC_EQUIVALENT)
    electric = fuel == "electricity"
    tce = np.where(electric, tj / 3.6e-3 * CALORIFIC_EQUIVALENT.to("tce/MWh").magnitude, tce)
    rule = np.full(n, "calorific equivalent", dtype=object)
    energy_in_total = np.isin(use, ["import", "export"]) | primary_rows
    if primary_rows.any():
        if primary is None:
            msg = ("the activity has primary electricity (local non-fossil generation or "
                   "electricity imports/exports): choose primary_electricity='calorific' or "
                   "'coal_consumption' (China's official non-fossil share uses the latter)")
            raise ArgumentValueError(msg)
        if primary == "coal_consumption":
            if basis not in ("supply", "generation"):
                msg = ("primary_electricity='coal_consumption' needs coal_rate_basis='supply' "
                       "(供电) or 'generation' (发电)")
                raise ArgumentValueError(msg)
            rate = simple_factors(table, keys, "coal_rate", basis=basis, historical=historical)
            rate_row = rate["row_id"].to_numpy()[inverse]
            bad = primary_rows & (rate_row < 0)
            if bad.any():
                k = keys.iloc[int(inverse[np.flatnonzero(bad)[0]])]
                table.coal_rate(int(k["year"]), basis, region=k["region"],
                                historical=historical)  # raises with the full message
            r = rate["canon"].to_numpy()[inverse]  # gce/kWh
            mwh = tj / 3.6e-3
            tce = np.where(primary_rows, mwh * 1e3 * r * 1e-6, tce)
            rule = np.where(primary_rows, f"coal-consumption method ({basis} basis)", rule)
            for i in np.unique(inverse[primary_rows]):
                rid = int(rate["row_id"].iloc[i])
                k = keys.iloc[i]
                prov.append(pd.DataFrame([_prov_record(table, int(i) + offset, k, rid,
                                                       rate["rule"].iloc[i],
                                                       "primary electricity")]))
        tj = np.where(primary_rows, tce * _TJ_PER_TCE, tj)
    energy = _energy_frame(rows, tj * sign, tce * sign, energy_in_total, rule)
    recs = []
    for i in np.flatnonzero(key_needed):
        rid = int(res["row_id"].iloc[i])
        recs.append(_prov_record(table, int(i) + offset, keys.iloc[i], rid, res["rule"].iloc[i],
                                 "purchased " + keys["item"].iloc[i]))
    if recs:
        prov.append(pd.DataFrame.from_records(recs))
    return frame, energy, offset + len(keys)


def _process_part(table: FactorTable, prod: Production | None, historical: bool, offset: int,
                  prov: list[pd.DataFrame]) -> pd.DataFrame:
    if prod is None or len(prod) == 0:
        return pd.DataFrame(columns=_DIMS)
    rows = prod.data
    n = len(rows)
    inverse, keys, first = _keys(table, rows, "product", False)
    by_gas = process_gas_factors(table, keys, historical=historical)
    found = np.zeros(len(keys), dtype=bool)
    for r in by_gas.values():
        found |= r["row_id"].to_numpy() >= 0
    problems = []
    for i in np.flatnonzero(~found):
        k = keys.iloc[i]
        problems.append(("missing", Problem(
            f"no process emission factor for product '{k['item']}' (technology "
            f"'{k['technology'] or 'any'}') in region {k['region']} or above, year {k['year']}",
            file=prod.source, row=rows["row"].iloc[int(first[i])], column="product",
            value=k["item"])))
    _raise(problems, "process emissions")
    frame = pd.DataFrame({
        "year": rows["year"].to_numpy(), "region": rows["region"],
        "sector": pd.Categorical(["industrial_processes"] * n),
        "fuel": pd.Categorical([""] * n), "product": rows["product"],
        "use": pd.Categorical(["process"] * n), "technology": rows["technology"],
        "category": pd.Categorical(["process"] * n), "scope": np.ones(n, dtype=np.int64),
        "in_total": np.ones(n, dtype=bool), "row": rows["row"].to_numpy(),
        "key": inverse + offset,
    })
    recs = []
    q = rows["quantity"].to_numpy()
    for gas, r in by_gas.items():
        per_t = r["canon"].to_numpy()
        frame[gas] = np.where(r["row_id"].to_numpy()[inverse] >= 0, q * per_t[inverse], np.nan)
        for i in np.flatnonzero(r["row_id"].to_numpy() >= 0):
            recs.append(_prov_record(table, int(i) + offset, keys.iloc[i], int(r["row_id"].iloc[i]),
                                     r["rule"].iloc[i], "process"))
    if recs:
        prov.append(pd.DataFrame.from_records(recs))
    return frame
