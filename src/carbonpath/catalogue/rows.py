"""Dataset rows from the catalogue: a technology of a dataset built from a catalogue class.

:func:`dataset_rows` is what a dataset generator calls (``datasets/liaocheng/tools`` and
``carbonpath init``) to take a technology from the catalogue instead of writing its numbers
by hand: the ``technologies.csv`` attributes, the ``flows.csv`` rows and the
``parameters.csv`` rows of the model years, each citing the catalogue version and the
value's original source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.catalogue.load import Catalogue, load_catalogue
from carbonpath.errors import ArgumentValueError, DataError, Problem

__all__ = ["DatasetRows", "cite", "dataset_rows"]

#: technologies.csv attributes a catalogue class gives (the dataset adds sector etc.).
ATTRIBUTES = ("name", "kind", "level", "capacity_unit", "activity_unit",
              "availability_profile", "storage_commodity", "nonfossil", "process_item",
              "process_technology", "group")


@dataclass(frozen=True)
class DatasetRows:
    """The rows of one dataset technology taken from a catalogue class.

    Attributes
    ----------
    technology : dict
        ``technologies.csv`` attributes (``technology`` and :data:`ATTRIBUTES`, and
        ``source``); the caller adds ``sector`` and its own flags.
    flows : list of dict
        ``flows.csv`` rows (technology, commodity, direction, value, unit, use, source).
    parameters : list of dict
        ``parameters.csv`` rows (technology, parameter, year, value, unit, source); a
        trajectory gives one row per catalogue year within the model years (and, with
        ``endpoints``, rows at the base year and the horizon interpolated from it).
    ranges : list of dict
        The catalogue's low and high of every parameter row (for ``uncertainty.csv``).
    """

    technology: dict[str, Any]
    flows: list[dict[str, Any]] = field(default_factory=list)
    parameters: list[dict[str, Any]] = field(default_factory=list)
    ranges: list[dict[str, Any]] = field(default_factory=list)

    @checked
    def frames(self) -> dict[str, pd.DataFrame]:
        """The rows as DataFrames: ``technologies``, ``flows``, ``parameters``."""
        return {"technologies": pd.DataFrame([self.technology]),
                "flows": pd.DataFrame(self.flows),
                "parameters": pd.DataFrame(self.parameters)}


@checked
def cite(version: str, code: str, source: str, status: str) -> str:
    """The ``source`` of a dataset row taken from the catalogue, keeping the row's status.

    An assumption stays an assumption (``"assumption: technology catalogue <version> (<code>):
    <why>"``), so that a report's share of assumptions counts it as one; an unverified value says
    so (``"technology catalogue <version> (<code>), unverified: <source>"``); a verified one
    reads ``"technology catalogue <version> (<code>): <source>"``.

    Parameters
    ----------
    version, code : str
        The catalogue's version and the class the value comes from.
    source, status : str
        The catalogue row's ``source`` and ``status`` (verified, unverified or assumption).

    Returns
    -------
    str

    Raises
    ------
    ArgumentTypeError
        If an argument is not a str.
    """
    where = f"technology catalogue {version} ({code})"
    if status == "assumption" or source.startswith("assumption:"):
        return f"assumption: {where}: {source.removeprefix('assumption:').strip()}"
    if status == "unverified":
        return f"{where}, unverified: {source}"
    return f"{where}: {source}"


def _format_parameters() -> set[str]:
    """The parameters of the dataset format (src/carbonpath/dataset/parameters.csv)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "dataset" / "parameters.csv"
    return set(pd.read_csv(path, dtype=str, keep_default_na=False)["parameter"])


def _chain(region: str) -> tuple[str, ...]:
    """The region ``region`` names (a code, name or alias) and its parents up to ``world``.

    Names resolve as everywhere else in carbonpath (dataset.yaml ``region:``, ``carbonpath
    factors --region``): ``聊城`` and ``Liaocheng`` are ``CN-SD-Liaocheng`` (round 27 MC65).

    Raises
    ------
    ArgumentValueError
        A name factors/regions.csv does not list: names ``region=``, the nearest codes and
        the form of a valid one.
    """
    from carbonpath.factors import bundled_factors

    regions = bundled_factors().regions
    code = regions.resolve(region)
    if code is None:
        raise ArgumentValueError(
            f"dataset_rows(): region={region!r} names no region of factors/regions.csv; "
            f"valid: {regions.valid_text(region)}, or its Chinese or English name")
    return tuple(regions.chains[code])


@checked
def dataset_rows(code: str, *, base_year: int, horizon: int, region: str = "CN",
                 technology: str | None = None, parameters: Iterable[str] | None = None,
                 commodities: Mapping[str, str] | None = None, endpoints: bool = False,
                 catalogue: Catalogue | None = None) -> DatasetRows:
    """Take a dataset technology from the catalogue class ``code``.

    Parameters
    ----------
    code : str
        Catalogue technology (``carbonpath catalogue`` lists them), e.g. ``"pv_utility"``.
    base_year, horizon : int
        The dataset's model years: trajectory points outside them are left out.
    region : str
        Region of ``factors/regions.csv``: its code (e.g. ``"CN-SD-Liaocheng"``), name or
        alias (``"聊城"``, ``"Liaocheng"``); its chain of parents chooses the catalogue's
        regional rows (the most specific region wins).
    technology : str, optional
        The dataset's code (default: ``code``).
    parameters : iterable of str, optional
        The parameters to take (default: every parameter of the class the dataset format
        has; catalogue-only ones such as ``capture_rate`` are never written).
    commodities : mapping, optional
        Catalogue commodity -> dataset commodity (e.g. ``{"service": "res_heat"}``);
        commodities not named keep their catalogue code.
    endpoints : bool
        Also write rows at ``base_year`` and ``horizon`` interpolated from a trajectory
        whose own years do not fall on them (the dataset's "interpolate" rule needs the
        model years covered); False writes the catalogue's own years only.
    catalogue : Catalogue, optional
        Default: the bundled catalogue.

    Returns
    -------
    DatasetRows
        Values in the catalogue's units; each source names the catalogue version, the class
        and the catalogue row's source, and keeps its status (:func:`cite`).

    Raises
    ------
    ArgumentTypeError
        An argument of the wrong type (e.g. ``catalogue`` that is not a Catalogue).
    ArgumentValueError
        If ``base_year`` is not before ``horizon``, ``region`` names no region of
        ``factors/regions.csv``, or a ``commodities`` key is no
        commodity of the class's flows (a typo would leave the catalogue's code).
    UnknownNameError
        If ``code`` is not a catalogue technology.
    DataError
        A trajectory with no year in ``base_year..horizon`` (without ``endpoints``, it
        would be left out: round 27 MC67), a parameter the class does not have, or a
        trajectory that does
        not reach the base year or the horizon when ``endpoints`` is asked for (names
        the catalogue's ``parameters.csv``).
    """
    if base_year >= horizon:
        raise ArgumentValueError(
            f"dataset_rows: base_year {base_year} must come before horizon {horizon} (the "
            "dataset's first and last model years)")
    cat = catalogue if catalogue is not None else load_catalogue()
    row = cat.technology(code)
    chain = _chain(region)
    name = technology or code
    tech = {"technology": name, **{a: row[a] for a in ATTRIBUTES},
            "source": cite(cat.version, code, str(row["source"]), str(row["status"]))}
    rename = dict(commodities or {})
    _check_rename(code, rename, [str(c) for c in cat.flows_of(code)["commodity"]])
    flows = [{"technology": name, "commodity": rename.get(f.commodity, f.commodity),
              "direction": f.direction, "value": float(f.value), "unit": f.unit,
              "use": f.use if isinstance(f.use, str) else "",
              "source": cite(cat.version, code, f.source, f.status)}
             for f in cat.flows_of(code).itertuples()]
    own = cat.parameters[cat.parameters["technology"] == code]["parameter"]
    wanted = list(dict.fromkeys(parameters if parameters is not None else own))
    rows, ranges = [], []
    dataset_parameters = _format_parameters()
    for par in wanted:
        if parameters is None and par not in dataset_parameters:
            continue  # catalogue-only (capture_rate ...): no column of the dataset format
        found = cat.parameter_rows(code, par, chain)
        if found.empty:
            raise DataError(Problem(f"the catalogue has no '{par}' for '{code}' in region "
                                    f"{chain[0]} or its parents",
                                    file=cat.file("parameters.csv"),
                                    column="parameter", value=par,
                                    valid=", ".join(sorted(set(own)))))
        status = str(found["status"].iloc[0])
        for year, value, low, high, source in _points(cat, code, par, found, chain,
                                                      base_year, horizon, endpoints):
            unit = str(found["unit"].iloc[0])
            rows.append({"technology": name, "parameter": par, "year": year,
                         "value": value, "unit": unit,
                         "source": cite(cat.version, code, source, status)})
            ranges.append({"technology": name, "parameter": par, "year": year,
                           "value": value, "low": low, "high": high, "unit": unit,
                           "source": f"catalogue {code}"})
    return DatasetRows(tech, flows, rows, ranges)


def _check_rename(code: str, rename: dict, own: list[str]) -> None:
    """Refuse a ``commodities=`` key that no flow of the class has (round 25 MA165).

    A key matching no catalogue commodity of the class was ignored, so a typo
    (``electricty``) left the flow under the catalogue's code with no word.

    Raises
    ------
    ArgumentValueError
        Naming the unused keys, the nearest commodity of the class and all of them.
    """
    from carbonpath.codes import closest_choice, fuels

    unused = [k for k in rename if k not in own]
    if not unused:
        return
    known = list(dict.fromkeys(own))

    def nearest(key: object) -> str | None:
        """The class's commodity ``key`` names: a fuel's alias (coal: raw_coal) or spelling."""
        alias = fuels().resolve(str(key))
        return alias if alias in known else closest_choice(str(key), known)

    near = [f"'{k}' (did you mean '{m}'?)" if (m := nearest(k)) else f"'{k}'" for k in unused]
    raise ArgumentValueError(
        f"dataset_rows: commodities= renames {', '.join(near)}, which no flow of catalogue "
        f"class '{code}' has, so the rename would do nothing; its flows' commodities are "
        f"{', '.join(known)} (the keys are the catalogue's codes, the values the dataset's)")


def _points(cat: Catalogue, code: str, par: str, found: pd.DataFrame,
            chain: tuple[str, ...], base: int, horizon: int, endpoints: bool
            ) -> list[tuple[int | str, float, float, float, str]]:
    """(year, value, low, high, source) of a parameter within the model years."""
    first = found.iloc[0]
    if pd.isna(first["year"]):
        return [("", float(first["value"]), float(first["low"]), float(first["high"]),
                 str(first["source"]))]
    out = [(int(r.year), float(r.value), float(r.low), float(r.high), str(r.source))
           for r in found.itertuples() if base <= int(r.year) <= horizon]
    if not out and not endpoints:  # round 27 MC67: the parameter was left out without a word
        _refuse_no_point(cat, code, par, found, chain, base, horizon)
    if endpoints:
        have = {p[0] for p in out}
        for year in (base, horizon):
            if year not in have:
                value, low, high, _, source = cat.value(code, par, year, chain)
                out.append((year, value, low, high, f"{source} (interpolated to {year})"))
        out.sort(key=lambda p: p[0])
    return [(y, v, lo if np.isfinite(lo) else np.nan, hi if np.isfinite(hi) else np.nan, s)
            for y, v, lo, hi, s in out]


def _refuse_no_point(cat: Catalogue, code: str, par: str, found: pd.DataFrame,
                     chain: tuple[str, ...], base: int, horizon: int) -> None:
    """Refuse a trajectory none of whose years is a model year (round 27 MC67).

    ``dataset_rows("pv_utility", base_year=1990, horizon=2000)`` returned no capex row (the
    catalogue's years are 2020..2060) and no word, so the dataset lacked the parameter.

    Raises
    ------
    DataError
        Outside the trajectory: its years and the model years (the catalogue's own message,
        :meth:`Catalogue.value`). Between two of its years: says ``endpoints=True``
        interpolates to ``base_year`` and ``horizon``.
    """
    years = [int(y) for y in found["year"]]
    if base < years[0] or horizon > years[-1]:
        raise DataError(cat._uncovered(code, par, base if base < years[0] else horizon,
                                       chain, found))
    lines = [int(i) + 2 for i in found.index]
    raise DataError(Problem(
        f"the catalogue's {par} trajectory of '{code}' has no year within the model years "
        f"{base}..{horizon} (its years: {', '.join(map(str, years))}), so dataset_rows would "
        f"write no {par} row", file=cat.file("parameters.csv"), row=lines[0], column="year",
        valid=f"endpoints=True (writes {par} at {base} and {horizon}, interpolated between "
              f"the catalogue's years), or parameters= without '{par}'"))
