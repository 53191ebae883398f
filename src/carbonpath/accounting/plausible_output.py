"""Production rows against China's whole annual output of their product (round 17).

A production row in 吨 read as 万吨 multiplies the product's process emissions by 10^4 with
no other row looking wrong where the product has no catalogue route to compare with its
sector's energy (:mod:`carbonpath.accounting.plausible_production`): 5000 万吨 of nitric
acid in one city (round 17, O26) is ten times China's output. Every product of the bundled
process table (``factors/process_ipcc2006.csv``) has its national output of a year in
:data:`NATIONAL_OUTPUT`, and two rules bound one production row by it, as
:data:`carbonpath.accounting.plausible_activity.NATIONAL_CEILING` bounds an energy row:

* **China's output** (:data:`NATIONAL_FACTOR`): a row of any region above 1.5 times China's
  output of its product is refused, with **no override** (a statistical year's growth and a
  recalled figure's error stay far inside 1.5x);
* **the region's level** (:data:`LEVEL_SHARES`): a row of a province above China's whole
  output, or of a prefecture-level city above half of it, is refused unless its
  ``plausibility`` cell reads ``override: <reason>`` (the most concentrated product known,
  steel in Hebei, is about a fifth of China's).

One floor warns (:func:`warn_tiny_output`, round 31, S20): a product made in plants whose
rows of one region and year sum below :data:`TINY_SHARE` of China's output (``lime,30,吨``
is 30 t, 1e-7 of China's 310 Mt; 30 万吨 was meant) is a unit slip of 吨 for 万吨 unless an
override says otherwise. No plant of these products makes so little in a year.

The outputs are recalled from the NBS Statistical Communiqués and industry statistics, not
read in a copy; each entry names its source and year and whether it is a published figure
or an assumption (:data:`NationalOutput.published`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from carbonpath.errors import CarbonpathWarning, Problem, line_label

__all__ = ["LEVEL_SHARES", "NATIONAL_FACTOR", "NATIONAL_OUTPUT", "TINY_SHARE", "NationalOutput",
           "TinyOutputWarning", "output_problems", "over_national", "warn_tiny_output"]


@dataclass(frozen=True)
class NationalOutput:
    """China's annual output of one product.

    Attributes
    ----------
    t : float
        The output, t per year.
    year : int
        The year of the figure.
    source : str
        Where it comes from, in words.
    published : bool
        True for a published national figure (NBS or an industry association); False when
        no national output is published and ``t`` is an assumption (said in ``source``).
    """

    t: float
    year: int
    source: str
    published: bool = True


_NBS = "NBS Statistical Communiqué {y} (recalled, not read in a copy)"
_STEEL = ("crude steel (粗钢) 1,065 Mt, the highest year; NBS Statistical Communiqué 2020 "
          "(recalled, not read in a copy): one route cannot make more than all crude steel")
_AL = ("primary aluminium (原铝/电解铝) 41.6 Mt; " + _NBS.format(y=2023) + ": one cell type "
       "cannot make more than all of it")

NATIONAL_OUTPUT: dict[str, NationalOutput] = {
    "cement_clinker": NationalOutput(
        2.38e9, 2021, "cement (水泥) 2.38 Gt, the highest year; " + _NBS.format(y=2021)
        + ": clinker is a part of cement (China publishes no national clinker figure in "
          "the communiqué)"),
    "lime": NationalOutput(
        3.1e8, 2023, "lime about 310 Mt (estimate); USGS Mineral Commodity Summaries 2024, "
                     "lime (recalled, not read in a copy); NBS publishes no lime output"),
    "glass": NationalOutput(
        8.0e7, 2023, "flat glass (平板玻璃) about 1.0 billion weight cases of 50 kg, 50 Mt "
                     "(" + _NBS.format(y=2023) + "), plus container and daily-use glass, "
                     "about 30 Mt (industry association, recalled): 80 Mt of all glass"),
    "soda_ash_use": NationalOutput(
        3.2e7, 2023, "soda ash (纯碱) output about 32 Mt; " + _NBS.format(y=2023)
        + ": use is output less net exports"),
    "ammonia": NationalOutput(
        6.0e7, 2021, "synthetic ammonia (合成氨) about 60 Mt, the highest years; NBS "
                     "industrial output statistics 2021 (recalled, not read in a copy)"),
    "nitric_acid": NationalOutput(
        2.0e7, 2022, "no NBS figure; China's nitric acid (100 % HNO3) output about 15-20 Mt "
                     "(industry reports, recalled, uncertain): assumption, the upper end",
        published=False),
    "adipic_acid": NationalOutput(
        3.0e6, 2022, "no NBS figure; China's adipic acid capacity about 3 Mt, output about "
                     "2 Mt (industry reports, recalled): assumption, the capacity",
        published=False),
    "primary_aluminium_prebake": NationalOutput(4.16e7, 2023, _AL),
    "primary_aluminium_soderberg": NationalOutput(4.16e7, 2023, _AL),
    "bof_steel": NationalOutput(1.065e9, 2020, _STEEL),
    "eaf_steel": NationalOutput(1.065e9, 2020, _STEEL),
    "pig_iron": NationalOutput(
        8.88e8, 2020, "pig iron (生铁) 888 Mt, the highest year; " + _NBS.format(y=2020)),
    "dri": NationalOutput(
        1.0e7, 2023, "no national figure; China's direct reduction plants (running or being "
                     "built) total a few Mt a year (industry reports, recalled): assumption, "
                     "10 Mt", published=False),
    "sinter": NationalOutput(
        1.1e9, 2020, "no NBS figure; about 1.25 t of sinter per t of pig iron (China's burden, "
                     "recalled) x 888 Mt of pig iron: assumption, 1.1 Gt", published=False),
    "coke_production": NationalOutput(
        4.93e8, 2023, "coke (焦炭) 493 Mt; " + _NBS.format(y=2023)),
}
"""Product code (``data/products.csv``) -> China's annual output of it."""

NATIONAL_FACTOR = 1.5
"""A production row above this many times China's output is refused with no override."""

LEVEL_SHARES: dict[str, float] = {"province": 1.0, "city": 0.5}
"""Region level -> the share of China's output one row of it may hold (overridable)."""


def over_national(product: str, tonnes: float) -> float | None:
    """A quantity's multiple of China's output of its product, if above :data:`NATIONAL_FACTOR`.

    Parameters
    ----------
    product : str
        Product code.
    tonnes : float
        The quantity, t per year.

    Returns
    -------
    float or None
        ``tonnes`` / China's output when above :data:`NATIONAL_FACTOR`; None inside, or for
        a product without an entry in :data:`NATIONAL_OUTPUT`.
    """
    out = NATIONAL_OUTPUT.get(product)
    if out is None or not abs(tonnes) > NATIONAL_FACTOR * out.t:
        return None
    return abs(tonnes) / out.t


def _words(rows: Any, out: NationalOutput) -> str:
    """``product: value unit is N Mt, Kx China's output ...`` of one row or of several."""
    quantity = float(rows["quantity"].sum())
    first = rows.iloc[0]
    if len(rows) == 1:
        given, verb = f"{first['value']:g} {first['unit']}", "is"
    else:  # round 18: two plants (or sectors) of one product, summed
        given = (f"rows {', '.join(str(line_label(r)) for r in rows['row'])} together ("
                 + " + ".join(f"{v:g} {u}" for v, u in zip(rows["value"], rows["unit"],
                                                          strict=True)) + ")")
        verb = "make"
    return (f"{first['product']}: {given} {verb} {quantity / 1e6:,.4g} Mt, "
            f"{abs(quantity) / out.t:.3g}x China's output of {out.t / 1e6:,.4g} Mt "
            f"in {out.year} ({out.source})")


def _groups(data: Any) -> list[Any]:
    """Row positions of each product, region and year, in the order they first appear."""
    keys = [k for k in ("product", "region", "year") if k in data.columns]
    frame = data[keys].astype(str).reset_index(drop=True)
    return list(frame.groupby(keys, sort=False).indices.values())


def output_problems(production: Any, levels: dict[str, str] | None,
                    hint: str) -> tuple[list[Problem], list[tuple[Problem, list[Any]]]]:
    """Production above China's output of its product (module docstring).

    The rows of one product, region and year are summed first: two plants of one product
    (or the rows of two sectors), each under the bound but together above it, are one
    problem naming every row (round 18).

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``region``, ``product``, ``value``, ``unit``,
        ``quantity`` in t, optionally ``year``).
    levels : dict of str to str or None
        Region code -> its level (``province``, ``city``...); None or a region without a
        level in :data:`LEVEL_SHARES`: only the national rule applies.
    hint : str
        How to override, appended to the overridable problems' ``valid``.

    Returns
    -------
    national : list of Problem
        Products (per region and year) above :data:`NATIONAL_FACTOR` x China's output (no
        override accepts them); each names its first row, and its message every row.
    by_level : list of (Problem, list)
        Products above their region level's share (:data:`LEVEL_SHARES`), with the labels
        of the rows summed (an override on any of them accepts the problem).
    """
    national: list[Problem] = []
    by_level: list[tuple[Problem, list[Any]]] = []
    data = production.data
    if data.empty:
        return national, by_level
    levels = levels or {}
    for rows_at in _groups(data):
        rows = data.iloc[rows_at]
        first = rows.iloc[0]
        out = NATIONAL_OUTPUT.get(str(first["product"]))
        if out is None:
            continue
        quantity = float(np.abs(rows["quantity"].to_numpy(dtype=float)).sum())
        level = levels.get(str(first["region"]), "")
        share = LEVEL_SHARES.get(level, np.inf)
        if not quantity > min(NATIONAL_FACTOR, share) * out.t:
            continue
        many = len(rows) > 1
        twice = ", or a product counted twice" if many else ""
        at_most = "for one product, region and year" if many else "per row"
        labels = rows["row"].tolist()
        value = None if many else first["value"]
        if quantity > NATIONAL_FACTOR * out.t:
            national.append(Problem(
                f"impossible production: {_words(rows, out)}, more than {NATIONAL_FACTOR:g}x "
                f"it{'' if many else ' in one row'}; a unit or digit slip such as 万吨 for "
                f"吨{twice} (no plausibility override accepts it)", file=production.source,
                row=labels[0], column="value", value=value,
                valid=f"at most {NATIONAL_FACTOR * out.t / 1e6:,.4g} Mt {at_most}"))
            continue
        by_level.append((Problem(
            f"implausible production for {level} {first['region']}: {_words(rows, out)}, "
            f"more than {share:g}x it {'for one' if many else 'in one row of a'} {level}; "
            f"probably a unit slip (万吨 for 吨){twice}", file=production.source,
            row=labels[0], column="value", value=value,
            valid=f"at most {share * out.t / 1e6:,.4g} Mt {at_most} of a {level}; {hint}"),
            labels))
    return national, by_level


TINY_SHARE = 1e-6
"""A product's rows of one region and year below this share of China's output warn
(:func:`warn_tiny_output`): 310 t of lime, 2,380 t of clinker, 42 t of aluminium."""

_NOT_PLANTS = ("soda_ash_use",)
"""Products that are uses, not plant output: no floor (any small user may be counted)."""


class TinyOutputWarning(CarbonpathWarning):
    """A product's output far below what one plant makes: probably 吨 typed for 万吨."""


def warn_tiny_output(production: Any) -> None:
    """Warn of products whose output is below :data:`TINY_SHARE` of China's (round 31, S20).

    The rows of one product, region and year are summed (as :func:`output_problems`); a
    positive sum below ``TINY_SHARE`` x China's output (:data:`NATIONAL_OUTPUT`) warns with
    :class:`TinyOutputWarning`, naming the file, the first row and the 万吨 reading. Uses
    (:data:`_NOT_PLANTS`), zero rows and rows with ``override: <reason>`` in
    ``plausibility`` stay quiet.

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``region``, ``product``, ``value``, ``unit``,
        ``quantity`` in t, optionally ``year`` and a boolean ``plausibility``).
    """
    data = production.data
    if data.empty:
        return
    for rows_at in _groups(data):
        rows = data.iloc[rows_at]
        first = rows.iloc[0]
        product = str(first["product"])
        out = NATIONAL_OUTPUT.get(product)
        if out is None or product in _NOT_PLANTS:
            continue
        if "plausibility" in rows and rows["plausibility"].fillna(False).astype(bool).any():
            continue
        quantity = float(np.abs(rows["quantity"].to_numpy(dtype=float)).sum())
        if not 0 < quantity < TINY_SHARE * out.t:
            continue
        labels = ", ".join(str(line_label(r)) for r in rows["row"])
        warnings.warn(
            f"{production.source}, row{'s' if len(rows) > 1 else ''} {labels}, column "
            f"'value': {product} of {first['region']} is {quantity:,.4g} t a year, "
            f"{quantity / out.t:.2g} of China's output of {out.t / 1e6:,.4g} Mt ({out.source}), "
            f"below {TINY_SHARE:g} of it ({TINY_SHARE * out.t:,.4g} t), less than any one plant "
            f"makes; if 万吨 was meant for 吨, that is {quantity / 1e6 * 1e4:,.4g} Mt; if the "
            "figure is right, write 'override: <reason>' in a 'plausibility' column of the row",
            TinyOutputWarning, stacklevel=4)
