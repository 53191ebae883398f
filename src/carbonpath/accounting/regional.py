"""The inventory of a dataset of several regions, by region.

A dataset may hold several regions (``dataset.yaml`` ``regions``: a province's cities, a city
and its captive plants). Its ``activity.csv`` and ``production.csv`` are one inventory of the
whole dataset; an optional column ``model_region`` says which of the dataset's regions each
row belongs to (a blank cell: the first, default region, as in ``technologies.csv``). The
inventory is computed once, as for a one-region dataset (the factor region stays the
dataset's ``region`` code), and every emission row is then attributed to the region of the
input row it came from (:attr:`carbonpath.accounting.Inventory.emissions` keeps the row).

The energy rows are attributed the same way (:func:`energy_by_region`): final energy
(end-use sectors, electricity and heat at their calorific equivalent) and primary energy (the
inventory's counted energy) by each primary-electricity convention the inventory gives.

Trade between the dataset's regions is what the rows say: under the ``provincial`` method an
``import`` row of electricity in one region and an ``export`` row in another move
emissions at the grid factor, as an electricity link marked ``counted`` does in the pathway
model (both rows hold what arrives, the model's convention); rows of uncounted links are
left out. The regions then add up to the inventory's total, and each region's counted total
is comparable with the model's ``emissions_region`` table in the base year.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from carbonpath._io import read_table
from carbonpath.codes import sectors
from carbonpath.errors import DataError, Problem

__all__ = [
    "CATEGORY_PARTS",
    "dataset_energy_by_region",
    "dataset_inventory_by_region",
    "energy_by_region",
    "inventory_by_region",
    "model_region_problem",
    "row_regions",
]

#: Emission categories of the inventory -> the column of :func:`inventory_by_region`.
CATEGORY_PARTS = {
    "combustion": "scope_1", "process": "scope_1",
    "electricity": "scope_2", "heat": "scope_2",
    "electricity_net_import": "net_import", "heat_net_import": "net_import",
    "biogenic_co2_memo": "memo",
}


def model_region_problem(file: str, given_as: str, row: int | None = None) -> Problem:
    """A ``model_region`` column in a plain activity or production file (round 17 O78).

    ``model_region`` says which of a dataset's regions (``dataset.yaml`` ``regions``) a row
    of ``activity.csv`` / ``production.csv`` belongs to; only a dataset's inventory by
    region reads it. An inventory of one file (``carbonpath inventory``,
    :func:`carbonpath.compute_inventory`) computes one region, so the column would be
    ignored: both refuse it with this problem.

    Parameters
    ----------
    file : str
        The file (or DataFrame name).
    given_as : str
        How the file was given (``activity FILE``, ``--production``, ``activity``,
        ``production``).
    row : int, optional
        The header line (1) of a file; None for a DataFrame.

    Returns
    -------
    Problem
        Naming the file, the row and the column.
    """
    return Problem(
        f"column 'model_region' (file given as {given_as}) says which region of a dataset a "
        "row belongs to: only a dataset's activity.csv and production.csv use it "
        "(dataset.yaml regions); an inventory of a file (carbonpath inventory, "
        "compute_inventory) computes one region, so the column would be ignored", file=file,
        row=row, column="model_region",
        valid="remove the column (and give the rows of one region), or put the file in a "
              "dataset with regions and run carbonpath run on it (in Python, "
              "carbonpath.run.dataset_inventory(dataset) computes a dataset's inventory)")


def row_regions(path: str | Path, regions: Sequence[str]) -> dict[int, str]:
    """The dataset region of each row of an activity or production CSV.

    Parameters
    ----------
    path : str or Path
        ``activity.csv`` or ``production.csv`` of the dataset.
    regions : sequence of str
        The dataset's regions (``dataset.yaml`` ``regions``; the first is the default).

    Returns
    -------
    dict of int to str
        File line (2 for the first data row, the inventory's ``row``) -> region. Without a
        ``model_region`` column every row belongs to the first region.

    Raises
    ------
    DataError
        A ``model_region`` that is not one of ``regions`` (file, row, column, value and the
        valid regions named).
    """
    frame = read_table(path)
    name = frame.attrs.get("file", Path(path).name)
    lines = range(2, len(frame) + 2)
    if "model_region" not in frame.columns:
        return dict.fromkeys(lines, regions[0])
    out, problems = {}, []
    for line, given in zip(lines, frame["model_region"], strict=True):
        text = str(given).strip()
        if text and text not in regions:
            problems.append(Problem(f"unknown model_region '{text}'", file=name, row=line,
                                    column="model_region", value=text,
                                    valid=", ".join(regions) + " (or blank: "
                                          f"{regions[0]})"))
        out[line] = text or regions[0]
    DataError.collect(problems, name)
    return out


def inventory_by_region(inventory: object, activity_regions: dict[int, str],
                        production_regions: dict[int, str] | None, regions: Sequence[str],
                        gas: str = "CO2") -> pd.DataFrame:
    """The inventory's emissions by dataset region, and their total.

    Parameters
    ----------
    inventory : carbonpath.accounting.Inventory
        The inventory of the dataset's ``activity.csv`` (and ``production.csv``).
    activity_regions, production_regions : dict of int to str
        :func:`row_regions` of the two files (``production_regions`` None without one).
    regions : sequence of str
        The dataset's regions, in order.
    gas : str
        ``CO2`` or ``CO2e`` (the dataset's basis; CO2e needs the inventory's GWP set).

    Returns
    -------
    pandas.DataFrame
        One row per region, then ``total``: ``region``, ``scope_1`` (combustion and process
        in the region), ``scope_2`` (electricity and heat consumed x factor), ``net_import``
        ((imports - exports) x factor), ``memo`` (biogenic CO2, not counted), ``total``
        (the rows counted in the inventory method's total, the basis of the model's
        targets), ``unit`` (t of ``gas``). The regions add up to the ``total`` row.

    Raises
    ------
    DataError
        An emission row whose input row has no region (a row label outside the files).
    """
    per_row = inventory.by("category", "in_total", "row", gas=gas, in_total=None)
    process = per_row["category"].astype(str).to_numpy() == "process"
    rows = per_row["row"].to_numpy()
    lookup = [(production_regions or {}) if p else activity_regions for p in process]
    where = [table.get(int(r)) for table, r in zip(lookup, rows, strict=True)]
    missing = [int(r) for r, w in zip(rows, where, strict=True) if w is None]
    if missing:
        raise DataError(Problem(f"emission rows of input row {missing[0]} have no region",
                                file="production.csv" if process[where.index(None)]
                                else "activity.csv", row=missing[0], column="model_region"))
    frame = pd.DataFrame({"region": where,
                          "part": per_row["category"].astype(str).map(CATEGORY_PARTS),
                          "in_total": per_row["in_total"].to_numpy(dtype=bool),
                          "value": per_row["value"].to_numpy(dtype=float)})
    parts = ["scope_1", "scope_2", "net_import", "memo"]
    table = frame.pivot_table(index="region", columns="part", values="value", aggfunc="sum",
                              fill_value=0.0).reindex(index=list(regions), columns=parts,
                                                      fill_value=0.0)
    counted = frame[frame["in_total"]].groupby("region")["value"].sum()
    table["total"] = counted.reindex(list(regions), fill_value=0.0)
    table = table.astype(float)
    table.loc["total"] = table.sum(axis=0)
    out = table.reset_index().rename(columns={"index": "region"})
    out.columns.name = None
    out["unit"] = f"t {gas}"
    return out[["region", *parts, "total", "unit"]]


def dataset_inventory_by_region(ds: object, inventory: object) -> pd.DataFrame | None:
    """:func:`inventory_by_region` of a dataset's files (None for a one-region dataset).

    Parameters
    ----------
    ds : carbonpath.dataset.Dataset
        The dataset (its ``regions``, ``activity.csv``, ``production.csv`` and gas basis).
    inventory : carbonpath.accounting.Inventory
        Its inventory (:func:`carbonpath.run.dataset_inventory`).

    Raises
    ------
    DataError
        An unknown ``model_region`` (see :func:`row_regions`).
    """
    regions = list(ds.regions)
    if len(regions) <= 1 or inventory is None:
        return None
    production = ds.file("production.csv")
    return inventory_by_region(
        inventory, row_regions(ds.file("activity.csv"), regions),
        row_regions(production, regions) if production.exists() else None, regions,
        gas=ds.config["emissions"]["gas"])


#: Uses of an activity row that are final consumption (fuels used, electricity and heat
#: consumed); transformation input, generation and trade are not.
FINAL_USES = ("combustion", "non_energy", "feedstock", "consumption")


def energy_by_region(inventory: object, activity_regions: dict[int, str],
                     regions: Sequence[str]) -> pd.DataFrame:
    """The inventory's final and primary energy by dataset region, and their total.

    Parameters
    ----------
    inventory : carbonpath.accounting.Inventory
        The inventory of the dataset's ``activity.csv``.
    activity_regions : dict of int to str
        :func:`row_regions` of ``activity.csv``.
    regions : sequence of str
        The dataset's regions, in order.

    Returns
    -------
    pandas.DataFrame
        One row per region, then ``total``, in t of standard coal (tce; GB/T 2589-2020):

        * ``final_energy``: final consumption (终端能源消费量): rows of end-use sectors
          (sector kind ``final``) used as fuel, non-energy or feedstock, and electricity and
          heat consumed, electricity at its calorific equivalent (0.1229 kgce/kWh);
        * ``primary_energy_calorific``: the inventory's counted energy (what
          :meth:`~carbonpath.accounting.Inventory.energy_total` sums: fuels but
          transformation input, net heat imports, primary electricity) with primary
          electricity (local non-fossil generation, net imports) at the calorific
          equivalent;
        * ``primary_energy_coal_consumption``: the same by the coal-consumption method, only
          where the inventory was computed with it (it then holds each year's coal rate);
        * ``unit``: ``tce``.

        The regions add up to the ``total`` row.

    Raises
    ------
    DataError
        An energy row whose input row has no region.
    """
    e = inventory.energy
    rows = e["row"].to_numpy()
    where = [activity_regions.get(int(r)) for r in rows]
    missing = [int(r) for r, w in zip(rows, where, strict=True) if w is None]
    if missing:
        raise DataError(Problem(f"energy rows of input row {missing[0]} have no region",
                                file="activity.csv", row=missing[0], column="model_region"))
    table = sectors()
    kinds = {c: table.attr(c, "kind") if c else "" for c in e["sector"].astype(str).unique()}
    final = (e["sector"].astype(str).map(kinds).to_numpy() == "final") & e["use"].astype(
        str).isin(FINAL_USES).to_numpy()
    counted = e["in_total"].to_numpy(dtype=bool)
    calorific = e["calorific_tce"].to_numpy(dtype=float)
    columns = {"final_energy": np.where(final, calorific, 0.0),
               "primary_energy_calorific": np.where(counted, calorific, 0.0)}
    if inventory.primary_electricity == "coal_consumption":
        columns["primary_energy_coal_consumption"] = np.where(
            counted, e["standard_coal_tce"].to_numpy(dtype=float), 0.0)
    frame = pd.DataFrame({"region": where, **columns})
    out = frame.groupby("region").sum().reindex(list(regions), fill_value=0.0).astype(float)
    out.loc["total"] = out.sum(axis=0)
    out = out.reset_index().rename(columns={"index": "region"})
    out.columns.name = None
    out["unit"] = "tce"
    return out


def dataset_energy_by_region(ds: object, inventory: object) -> pd.DataFrame | None:
    """:func:`energy_by_region` of a dataset's ``activity.csv`` (None for one region).

    Raises
    ------
    DataError
        An unknown ``model_region`` (see :func:`row_regions`).
    """
    regions = list(ds.regions)
    if len(regions) <= 1 or inventory is None:
        return None
    return energy_by_region(inventory, row_regions(ds.file("activity.csv"), regions), regions)
