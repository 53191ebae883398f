"""The inventory as a result: tidy tables, provenance and totals (:class:`Inventory`).

Moved unchanged from :mod:`carbonpath.accounting.inventory` (which re-exports it);
:func:`carbonpath.accounting.inventory.compute_inventory` makes it.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint

from carbonpath._checks import checked
from carbonpath.accounting.filters import (
    check_filters,
    check_one_region,
    check_one_year,
    check_process_gas,
    check_scope,
    warn_excluded_rows,
)
from carbonpath.accounting.inventory_rows import _DIMS, _GASES, CH4_ORIGIN
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    GWPError,
    IncompatibleUnitsError,
    Problem,
    UnitError,
)
from carbonpath.units import Q_, gwp_value

__all__ = ["Inventory"]


class Inventory:
    """An energy and emission inventory: tidy tables, provenance and totals.

    Attributes
    ----------
    emissions : pandas.DataFrame
        Tidy table, one row per activity or production row and gas: ``year``, ``region``,
        ``sector``, ``fuel`` ('' for process rows), ``product`` ('' for energy rows),
        ``use``, ``technology``, ``category`` (a fuel row's use: combustion, non_energy,
        feedstock, transformation_input; biogenic_co2_memo, process, electricity, heat,
        electricity_net_import, heat_net_import, generation: ``filters.CATEGORIES``),
        ``scope`` (1 or 2),
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
        scope : {1, 2, 3}, optional
            Only this scope (another value is refused).
        in_total : bool or None
            ``True`` (default): rows counted in the city total under ``method``; ``False``:
            rows reported but not counted; ``None``: every row.
        unit : str, optional
            Convert the result (e.g. ``"Mt CO2"``); default t of the gas.
        **filters
            Any column of :attr:`emissions` = a value or a list of values
            (``sector="chemicals"``, ``year=2020``, ``category=["combustion", "process"]``);
            a sector includes its sub-sectors (``sector="industry"`` totals chemicals,
            ferrous metals ... too).

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
        if not unit:
            return q
        try:
            return q.to(unit)
        except IncompatibleUnitsError as exc:  # round 13 G108: 'kt' for 'kt CO2'
            if Q_(1, unit).check("[mass]"):
                hint = (f"; total() is in t {gas}, a mass of the gas: name the gas in the "
                        f"unit, e.g. '{unit} {gas}'")
                raise IncompatibleUnitsError(exc.units1, exc.units2, exc.dim1, exc.dim2,
                                             hint) from None
            words = str(unit).split()
            other = words[-1] if len(words) == 2 else ""
            if other.lower() not in {g.lower() for g in (*_GASES, "CO2e")}:
                raise
            scale = words[0]  # round 21 J40, J41: 't CO2e' for total('CH4')
            weigh = (" (the CO2-equivalents of every gas, weighed by the inventory's gwp)"
                     if other.lower() == "co2e" else "")
            raise IncompatibleUnitsError(
                exc.units1, exc.units2, exc.dim1, exc.dim2,
                f"; total('{gas}') is a mass of {gas}, and '{unit}' one of {other}",
                valid=f"unit='{scale} {gas}' for the total of {gas}; or "
                      f"total('{other}', unit='{unit}') for {other}{weigh}") from None

    @checked
    def by(self, *dims: str, gas: str = "CO2", scope: int | None = None,
           in_total: bool | None = True, **filters: Any) -> pd.DataFrame:
        """Aggregate emissions by any dimensions (``inv.by("sector")``, ``by("year", "fuel")``).

        Returns
        -------
        pandas.DataFrame
            One row per combination: the dimensions, ``value`` and ``unit`` (t of ``gas``).

        Raises
        ------
        ArgumentValueError
            No dimension (``by()``: its rows would be the inventory's rows, unlabelled; the
            one figure is :meth:`total`, round 26 ZA177) or an unknown one; the filters'
            and gas's errors as :meth:`total`'s.
        """
        if not dims:
            raise ArgumentValueError(
                "Inventory.by() needs at least one dimension: without one its rows would be "
                "the inventory's emission rows with no column telling them apart; valid: "
                f"by('sector'), by('category', 'fuel') ... (columns: {', '.join(_DIMS)}); "
                "total() for the one figure, the emissions table for every row")
        out = self._by(list(dims), gas, scope, in_total, filters, caller="by")
        out["unit"] = f"t {gas}"
        return out

    def _by(self, dims: list[str], gas: str, scope: int | None, in_total: bool | None,
            filters: dict[str, Any], caller: str = "by") -> pd.DataFrame:
        unexpected = [k for k in filters if k not in _DIMS]
        if unexpected:  # a keyword that is no column: say which call takes it, if any
            from carbonpath.accounting.inventory import compute_inventory  # (no import circle)

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
            gas_hint = (f"; a gas is no dimension: {caller}() gives one gas, chosen with "
                        f"gas= ({', '.join((*_GASES, 'CO2e'))}); the emissions table and the "
                        "CLI's --format csv without --by give each gas in its own rows"
                        if "gas" in bad else "")
            if any("," in str(d) for d in bad):  # round 13 G05: '--by scope,fuel'
                gas_hint += ("; one dimension per --by: --by scope --by fuel (by('scope', "
                             "'fuel'))")
            msg = (f"unknown column(s) {bad} of the breakdown ({caller}() dims, CLI --by); "
                   f"valid: {', '.join(_DIMS)}{gas_hint}")  # round 10 A21
            raise ArgumentValueError(msg)
        frames = (self._fuel, self._carrier, self._process)
        no_production = not len(self._process)
        given = dict(filters)  # as written, for a message
        filters = check_filters(filters, frames, caller, no_production=no_production)
        scope = check_scope(scope, caller, frames)
        check_one_year(filters, dims, frames, caller)
        check_one_region(filters, dims, frames, caller)
        check_process_gas(gas, no_production, caller)
        if gas == "CO2e":
            weights = self._gwp_weights()
        elif gas in _GASES:
            weights = {gas: 1.0}
        else:
            msg = f"unknown gas '{gas}'; valid: {', '.join((*_GASES, 'CO2e'))}"
            raise ArgumentValueError(msg)
        parts = []
        matched, excluded, excluded_value = 0, 0, 0.0  # round 23 E108: all dropped by in_total
        for frame in (self._fuel, self._carrier, self._process):
            cols = [g for g in weights if g in frame.columns]
            if not cols or not len(frame):
                continue
            mask = np.ones(len(frame), dtype=bool)
            if scope is not None:
                mask &= frame["scope"].to_numpy() == scope
            for col, want in filters.items():
                values = want if isinstance(want, (list, tuple, set)) else [want]
                mask &= frame[col].isin(values).to_numpy()
            value = _weighted(frame, cols, weights)
            if in_total is not None:
                dropped = mask & (frame["in_total"].to_numpy() != in_total)
                excluded += int(dropped.sum())
                excluded_value += float(np.asarray(value)[dropped].sum())
                mask &= ~dropped
            matched += int(mask.sum())
            if mask.all():  # no row dropped: share the columns, copy nothing
                sub = pd.DataFrame({**{d: frame[d] for d in dims}, "value": value},
                                   index=frame.index, copy=False)
            else:
                sub = frame.loc[mask, dims].copy() if dims else pd.DataFrame(
                    index=frame.index[mask])
                sub["value"] = value[mask]
            parts.append(sub)
        asked = ", ".join(([f"scope={scope}"] if scope is not None else [])
                          + [f"{k}={v!r}" for k, v in given.items()])
        warn_excluded_rows(caller, in_total, matched, excluded, excluded_value, f"t {gas}",
                           self.method, asked)
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
    def energy_total(self, unit: str = "tce", *, in_total: bool | None = True,
                     **filters: Any) -> pint.Quantity:
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
        in_total : bool or None
            ``True`` (default): rows counted in the total; ``False``: rows not counted
            (transformation inputs ...); ``None``: every row.
        **filters
            Columns of :attr:`energy` (``year``, ``region``, ``sector``, ``fuel``, ``use``,
            ``row``), checked as :meth:`total`'s.

        Returns
        -------
        pint.Quantity

        Raises
        ------
        TypeError
            A keyword that is no column of :attr:`energy` (``scope=``, ``category=``: columns
            of the emissions only).
        ValueError
            A filter value :func:`carbonpath.accounting.filters.check_filters` refuses (a
            year or region the inventory holds no row of ...).
        UnitError
            A unit that is no energy or standard-coal unit.
        """
        e = self.energy
        cols = [c for c in _DIMS if c in e.columns and c != "in_total"]
        unexpected = [k for k in filters if k not in cols]
        if unexpected:  # round 18 Q140: energy_total(scope=1) was a KeyError traceback
            msg = (f"Inventory.energy_total(): got an unexpected keyword argument "
                   f"{', '.join(repr(k) for k in unexpected)}: the energy table has no such "
                   f"column (scope and category are the emissions' only); energy_total() "
                   f"takes unit, in_total and column filters; valid columns: {', '.join(cols)}")
            raise ArgumentTypeError(msg)
        given = dict(filters)  # as written, for a message
        filters = check_filters(filters, (e,), "energy_total")  # accounting/filters.py
        check_one_year(filters, (), (e,), "energy_total")
        check_one_region(filters, (), (e,), "energy_total")
        mask = np.ones(len(e), dtype=bool)
        for col, want in filters.items():
            values = want if isinstance(want, (list, tuple, set)) else [want]
            mask &= e[col].isin(values).to_numpy()
        if in_total is not None:  # round 23 E108: rows that match, all on the other side
            dropped = mask & (e["in_total"].to_numpy() != in_total)
            mask &= ~dropped
            warn_excluded_rows("energy_total", in_total, int(mask.sum()), int(dropped.sum()),
                               float(e.loc[dropped, "standard_coal_tce"].sum()), "tce",
                               self.method, ", ".join(f"{k}={v!r}" for k, v in given.items()))
        coal = ("tce", "kgce", "gce", "Mtce", "万吨标准煤")
        try:
            if Q_(1, unit).check("[energy]") and unit not in coal:
                return Q_(float(e.loc[mask, "energy_TJ"].sum()), "TJ").to(unit)
            return Q_(float(e.loc[mask, "standard_coal_tce"].sum()), "tce").to(unit)
        except Exception as exc:  # pint raises many kinds on a junk unit text
            raise UnitError(Problem(f"cannot express energy in '{unit}' ({exc})", key="unit",
                                    value=unit, valid="tce, kgce, Mtce, 万吨标准煤 or an energy "
                                    "unit such as TJ, GJ, MWh")) from None

    @checked
    def summary(self, gas: str = "CO2") -> pd.DataFrame:
        """Totals by category and sector, counted rows only (for display)."""
        return self.by("category", "sector", gas=gas)

    @checked(files={"path": "emissions.csv"})
    def to_csv(self, path: str | Path, table: str = "emissions") -> None:
        """Write ``emissions``, ``energy`` or ``provenance`` to a UTF-8 CSV file.

        The file's folder is an output folder (:mod:`carbonpath.outputs`): an existing file of
        that name is replaced only if carbonpath wrote it there and it is unchanged.

        Raises
        ------
        OutputFolderError
            If ``path`` is a file of the user's, or its folder cannot be written, or names a
            folder (``'.'``, ``'out/'``: :func:`carbonpath.output_file.output_file`).
        ArgumentValueError
            An empty ``path``, an unknown ``table``, or a suffix other than ``.csv`` or
            ``.txt`` (``emissions.xlsx`` would hold CSV text); a name without one is written.
        """
        from carbonpath.output_file import output_file
        from carbonpath.outputs import prepare

        frames = {"emissions": self.emissions, "energy": self.energy,
                  "provenance": self.provenance}
        if table not in frames:
            msg = f"unknown table '{table}'; valid: {', '.join(frames)}"
            raise ArgumentValueError(msg)
        path = output_file(path, (".csv", ".txt", ""), "Inventory.to_csv()", "CSV text",
                           f"{table}.csv", f", or, for a workbook, inv.{table}.to_excel(...) "
                           "(pandas, with openpyxl)")  # round 29 ZE105, ZE106
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
