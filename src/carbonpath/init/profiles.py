"""Provincial hourly profiles bundled with the catalogue (``catalogue/profiles/<REGION>.csv``).

One table per province: ``profile, day, weight, hour, value, unit, source``: hourly
availability (``pv``, ``wind``, ``wind_offshore``, ``hydro``) and relative load shapes
(``load_residential``, ``load_services``, ``load_agri``, ``load_ev``, ``load_heating``) on
representative days whose ``weight`` (days per year) sums to 365. ``carbonpath init`` finds
the table of the dataset region's province by walking the region table upwards.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._io import read_table as read_csv_table
from carbonpath.errors import DataError, Problem
from carbonpath.numbers import not_a_number

__all__ = ["ProvinceProfiles", "available_provinces", "province_profiles"]

COLUMNS = ("profile", "day", "weight", "hour", "value", "unit", "source")
AVAILABILITY = ("pv", "wind", "wind_offshore", "hydro")


@dataclass(frozen=True)
class ProvinceProfiles:
    """The profile table of one province.

    Attributes
    ----------
    province : str
        Region code (``CN-SD``).
    table : pandas.DataFrame
        Rows of the file; ``value`` float, ``hour`` and ``weight`` int.
    days : list of dict
        ``{"name", "weight"}`` in file order (weights in days per year, sum 365).
    hours : int
        Hours per representative day.
    file : str
        Where it was read from.
    """

    province: str
    table: pd.DataFrame
    days: list[dict]
    hours: int
    file: str

    @property
    def names(self) -> list[str]:
        """The profile names the table holds."""
        return sorted(self.table["profile"].unique())

    def full_load_hours(self, profile: str) -> float:
        """Annual full-load hours of an availability profile (h/yr): sum of value x weight.

        Each profile hour stands for 24 / ``hours`` clock hours of each day it represents.
        """
        rows = self.table[self.table["profile"] == profile]
        return float((rows["value"] * rows["weight"]).sum() * 24 / self.hours)


def _folder() -> Path:
    from carbonpath._resources import data_path

    return data_path("catalogue") / "profiles"


def available_provinces(folder: str | Path | None = None) -> list[str]:
    """Return the region codes that have a bundled (or given) profile table."""
    root = Path(folder) if folder is not None else _folder()
    return sorted(p.stem for p in root.glob("*.csv"))


def province_profiles(region: str, folder: str | Path | None = None,
                      factors: Any = None) -> ProvinceProfiles:
    """Return the profile table of ``region``'s province (or the region's own, if any).

    Parameters
    ----------
    region : str
        A region code of ``factors/regions.csv`` (``CN-SD-Liaocheng``, ``CN-ZJ`` ...).
    folder : str or pathlib.Path, optional
        A folder of profile tables (default: ``catalogue/profiles``).
    factors : FactorTable, optional
        For the region table (default: the bundled factor tables).

    Raises
    ------
    DataError
        If no region of the chain from ``region`` up to its province has a table (names
        the provinces that have one and how to add one), or the table is malformed (file,
        row, column).
    """
    from carbonpath.factors import bundled_factors

    root = Path(folder) if folder is not None else _folder()
    regions = (factors if factors is not None else bundled_factors()).regions
    chain = regions.chains.get(region)
    if chain is None:
        raise DataError(Problem("unknown region", column="--region", value=region,
                                valid=regions.valid_text(region)))
    for code in chain:
        path = root / f"{code}.csv"
        if path.exists():
            return _read(path, code)
    have = ", ".join(available_provinces(root)) or "none"
    raise DataError(Problem(
        f"no hourly profiles for region '{region}' or its province ({' -> '.join(chain)}); "
        "carbonpath init needs the province's PV, wind and load shapes", column="--region",
        value=region, valid=f"a region within a province with a table ({have}), or add "
        f"{root}/<PROVINCE>.csv in the documented format (docs/init.md, 'Adding a province')"))


def _in_unit_one(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table with each value in unit 1 (30 % -> 0.3), as the model reads profiles (MC07).

    The range check, :meth:`ProvinceProfiles.full_load_hours` and the written profiles.csv
    then read the same numbers. Raises DataError naming each row whose unit is not
    dimensionless.
    """
    from carbonpath.errors import UnitError
    from carbonpath.units import unit_factor

    factors, problems = [], []
    for line, unit in zip(frame.index, frame["unit"], strict=True):
        try:
            factors.append(unit_factor(str(unit).strip() or "1", "1"))
        except (UnitError, KeyError, TypeError, ValueError):
            factors.append(1.0)
            problems.append(Problem("profile values are dimensionless", file=name, row=line,
                                    column="unit", value=unit, valid="1 (or %)"))
    DataError.collect(problems, name)
    return frame.assign(value=frame["value"] * factors, unit="1")


def _read(path: Path, code: str) -> ProvinceProfiles:
    name = f"catalogue/profiles/{path.name}"
    try:  # a province table may be the user's own (docs/init.md, 'Adding a province')
        frame = read_csv_table(path)
    except DataError as exc:
        raise DataError([dataclasses.replace(p, file=name) for p in exc.problems],
                        name) from None
    problems: list[Problem] = []
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError([Problem("column missing", file=name, column=c,
                                 valid=", ".join(COLUMNS)) for c in missing])
    frame.index = frame.index + 2
    for col in ("value", "hour", "weight"):
        num = pd.to_numeric(frame[col], errors="coerce")
        for line in frame.index[num.isna()]:
            problems.append(Problem(not_a_number(frame.loc[line, col]), file=name, row=line,
                                    column=col, value=frame.loc[line, col]))
        frame[col] = num
    for line in frame.index[frame["source"].str.strip() == ""]:
        problems.append(Problem("a row needs a source", file=name, row=line, column="source"))
    DataError.collect(problems, name)
    frame = _in_unit_one(frame, name)
    avail = frame["profile"].isin(AVAILABILITY)
    for line in frame.index[avail & ((frame["value"] < 0) | (frame["value"] > 1))]:
        problems.append(Problem("availability outside [0, 1]", file=name, row=line,
                                column="value", value=frame.loc[line, "value"], valid="0..1"))
    days = frame.drop_duplicates("day")[["day", "weight"]]
    if abs(days["weight"].sum() - 365) > 1e-9:
        problems.append(Problem(f"day weights sum to {days['weight'].sum()}, not 365",
                                file=name, column="weight", valid="days per year summing to 365"))
    hours = int(frame["hour"].max()) + 1
    for (profile, day), group in frame.groupby(["profile", "day"]):
        if sorted(group["hour"].astype(int)) != list(range(hours)):
            problems.append(Problem(f"profile '{profile}' on day '{day}' does not list hours "
                                    f"0..{hours - 1} once each", file=name,
                                    row=int(group.index[0]), column="hour"))
    DataError.collect(problems, name)
    frame["hour"] = frame["hour"].astype(int)
    frame["weight"] = frame["weight"].astype(int)
    day_list = [{"name": str(r.day), "weight": int(r.weight)} for r in days.itertuples()]
    return ProvinceProfiles(code, frame.reset_index(drop=True), day_list, hours, name)
