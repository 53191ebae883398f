"""Production rows of a dominant product needing an unusually small share of its sector.

The refusal of :mod:`carbonpath.accounting.plausible_production` only sees a 吨 for 万吨
slip (10^4). A kt for 万吨 slip (10x, round-11 cases C44, C112) leaves a product needing a
tenth of its usual share of its sector's energy and nothing else looking wrong: 2.1 Mt of
clinker process CO2 vanished with exit 0. Such a value is possible (a region may have
little of a product), so it is warned of, not refused (:class:`UnusualShareWarning`).

The band is set for the products that dominate their sector's energy in China, from the
bundled catalogue intensities (``catalogue/flows.csv``, role ``incumbent``) times national
output, against the final energy of the sector and of industry as a whole in the China
Energy Statistical Yearbook (recalled orders of magnitude, not read in a copy; rounded):

- ``cement_clinker``: 3.2 GJ/t x about 1.5 Gt of clinker is about 4.8 EJ (165 Mtce): half
  of the fuel of non-metallic mineral products (about 330 Mtce), a tenth of industry's
  fuel (about 1.6 Gtce, 47 EJ, without electricity, heat and feedstock);
- ``bof_steel``: 15.5 GJ/t x about 0.9 Gt of BF-BOF steel (90 % of the crude steel) is about
  14 EJ: four fifths of the fuel of ferrous metals (about 600 Mtce), 30 % of industry's;
- ``primary_aluminium_prebake``: 13.5 MWh/t x about 40 Mt is about 540 TWh: three quarters
  of the electricity of non-ferrous metals (about 700 TWh), a tenth of industry's (about
  5,600 TWh).

A region's share may be lower (a city with a glass industry and one kiln line), so the
warning is given only under half the national share (:data:`USUAL_SHARE`): a tenth (a kt
for 万吨 slip) of a region at the national share falls under it, and a region that reports
the product at all rarely has less than half the nation's concentration of it. The share is
the largest over the route's energy kinds. It is taken of the sector's energy with the
sectors above and below it, as in the refusal (electricity booked under ``industry``
serves a smelter); when only ``industry`` (or another sector above) has rows of the kind,
or ``init``'s balance has services of ``industry`` only, the industry-wide band applies.
Products whose share is small or varies widely (glass, EAF steel, lime: much of it is made
in steel plants) get no band: no sound lower bound exists for them.

Ammonia needs little electricity and its feedstock is not an energy use, so its band is on
carbon (:data:`CARBON_SHARE`, :func:`warn_low_carbon_shares`): its process CO2 against the
most CO2 the fuel rows of its sector could release (the bound of
:mod:`carbonpath.accounting.plausible_carbon`, which refuses above 100 %). Nationally about
55 Mt of ammonia, three quarters from coal, emit about 115 Mt of process CO2 (IPCC 2006
Vol.3 Table 3.1 fuel requirements), about a tenth of the carbon of the chemical industry's
fuel and feedstock (about 450 Mtce of fossil fuel; recalled, not read in a copy); half of
that, 5 %, is the band.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathWarning

__all__ = ["CARBON_SHARE", "USUAL_SHARE", "MissingRouteEnergyWarning", "UnusualShareWarning",
           "missing_energy_text", "unusual_share", "warn_low_carbon_shares",
           "warn_unusual_shares"]


class UnusualShareWarning(CarbonpathWarning):
    """A product needs an unusually small share of its sector's energy (a 10x slip?)."""


class LowCarbonShareWarning(UnusualShareWarning):
    """A product's process CO2 is an unusually small share of its sector's fuel carbon.

    Given by :func:`warn_low_carbon_shares` (ammonia 25 kt for 25 万吨, round 19 U122).
    """


class MissingRouteEnergyWarning(CarbonpathWarning):
    """A product's route needs a kind of energy its sector has none of in the data.

    Clinker needs about 3.2 GJ of kiln fuel a tonne; with no fuel row of
    ``non_metallic_minerals`` (nor of ``industry`` above it) while other sectors have fuel
    rows, the kilns' fuel was left out or booked elsewhere (round 28 ZD111: the clinker
    was blamed instead, by its electricity share).
    """


def missing_energy_text(product: str, need_tj: float, kind: str, gj_t: float,
                        sector: str, where: str) -> str:
    """The words of a :class:`MissingRouteEnergyWarning` (inventories and ``init``).

    Parameters
    ----------
    product, kind, sector : str
        The product (``cement_clinker``), the kind of energy (``fuel``, ``electricity``)
        and the product's sector.
    need_tj : float
        What the product needs of ``kind`` at the catalogue intensity, TJ.
    gj_t : float
        That intensity, GJ/t.
    where : str
        What holds none of the kind (``"the activity data"``, ``"the balance"``).

    Returns
    -------
    str
        The sentence after the row's ``file, row, column`` and quantity.
    """
    example = {"fuel": "原煤", "electricity": "电力"}.get(kind, kind)
    return (f"needs {need_tj:,.0f} TJ of {kind} at {gj_t:.3g} GJ/t (the catalogue intensity "
            f"of its existing route), but {sector} (with the "
            f"sectors above and below it) has no {kind} in {where}, which give {kind} to "
            f"other sectors: the {kind} of {sector} is probably missing (a row such as "
            f"'{sector},{example},<value>,<unit>,...') or booked under another sector; its "
            f"share of {sector}'s energy is not judged without it. If {product} is not made "
            "in the region, drop the production row")


USUAL_SHARE: dict[str, dict[str, tuple[float, str]]] = {
    "cement_clinker": {
        "sector": (0.25, "about 50 % of the fuel of non-metallic mineral products"),
        "industry": (0.05, "about 10 % of industry's fuel")},
    "bof_steel": {
        "sector": (0.4, "about 80 % of the fuel of ferrous metals"),
        "industry": (0.15, "about 30 % of industry's fuel")},
    "primary_aluminium_prebake": {
        "sector": (0.375, "about 75 % of the electricity of non-ferrous metals"),
        "industry": (0.05, "about 10 % of industry's electricity")},
}
"""Product -> {level: (least usual share, the national share in words)}: half the national
share, of the product's own sector (``sector``) or of industry as a whole (``industry``)
(module docstring)."""


CARBON_SHARE: dict[str, tuple[float, str]] = {
    "ammonia": (0.05, "about 10 % of the carbon of the chemical industry's fuels"),
}
"""Product -> (least usual share of its sector's fuel carbon, the national share in words):
half the national share (module docstring)."""


def unusual_share(product: str, share: float, own: bool = True) -> str | None:
    """The warning text when a product's share is under its usual band, else None.

    Parameters
    ----------
    product : str
        Product code (``cement_clinker``).
    share : float
        What the product needs of the energy it is compared with, as a fraction
        (dimensionless).
    own : bool
        True when that energy is its own sector's (with its sub-sectors), False when it is
        industry's as a whole (a sector above it).

    Returns
    -------
    str or None
        A sentence naming the share, the bound and the national share; None when the
        product has no band or the share is inside it.
    """
    bands = USUAL_SHARE.get(str(product))
    if bands is None:
        return None
    floor, national = bands["sector" if own else "industry"]
    if not share < floor:
        return None
    return (f"{share:.1%} of it, under the usual {floor:.1%} (half the national share, "
            f"{national}): probably kt given for 万吨, or a digit slip")


def warn_unusual_shares(production: Any, energy: pd.DataFrame) -> None:
    """Warn of production rows needing an unusually small share of their sector's energy.

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``year``, ``region``, ``product``, ``value``,
        ``unit``, ``quantity`` in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``use``, ``fuel``,
        ``energy_TJ``, TJ).

    Warns
    -----
    UnusualShareWarning
        Per row under its :data:`USUAL_SHARE`, naming the file, row, column ``value``, the
        value, the product's need and the sector's energy (TJ) and the usual share.
    MissingRouteEnergyWarning
        Instead, per row whose route needs a kind of energy (kiln fuel) that its sector,
        with the sectors above and below it, has none of while other sectors have some
        (round 28 ZD111): the share of the other kinds says nothing then.
    """
    from carbonpath.accounting.plausible_production import route_intensity, row_shares

    for r, sector, tech, shares in row_shares(production, energy):
        route = route_intensity().get(str(r.product))
        given = {k for _s, k, *_ in shares}
        gone = [(k, gj) for k, gj in (route[2].items() if route else ())
                if gj > 0 and k not in given and k in _kinds_given(energy, r.year, r.region)]
        if gone and float(r.quantity) > 0:
            kind, gj_t = max(gone, key=lambda x: x[1])
            warnings.warn(
                f"{production.source}, row {r.row}, column 'value': {r.product} {r.value:g} "
                f"{r.unit} " + missing_energy_text(
                    str(r.product), float(r.quantity) * gj_t / 1e3, kind, gj_t, sector,
                    "the activity data"), MissingRouteEnergyWarning, stacklevel=4)
            continue
        if not shares:
            continue
        share, kind, need, base, gj_t, own = max(shares)
        text = unusual_share(str(r.product), share, own)
        if text is None:
            continue
        warnings.warn(
            f"{production.source}, row {r.row}, column 'value': {r.product} {r.value:g} "
            f"{r.unit} needs {need:,.4g} TJ of {kind} at the catalogue intensity of {tech} "
            f"({gj_t:.3g} GJ/t) against the {base:,.6g} TJ of {kind} of {sector} (with the "
            f"sectors above and below it) in the activity data: {text}",
            UnusualShareWarning, stacklevel=4)


def _kinds_given(energy: pd.DataFrame, year: Any, region: Any) -> set[str]:
    """The kinds (``fuel``, ``electricity``) of final energy the data give in a year, region."""
    if energy.empty or not {"use", "fuel", "energy_TJ"} <= set(energy.columns):
        return set()
    final = energy[energy["use"].astype(str).isin(("combustion", "feedstock", "consumption"))
                   .to_numpy() & (energy["year"] == year).to_numpy()
                   & (energy["region"].astype(str) == str(region)).to_numpy()
                   & (energy["energy_TJ"].to_numpy(dtype=float) > 0)]
    return {"electricity" if f == "electricity" else "fuel"
            for f in final["fuel"].astype(str).unique()}


def warn_low_carbon_shares(production: Any, process: pd.DataFrame,
                           energy: pd.DataFrame) -> None:
    """Warn of products whose process CO2 is an unusually small share of their fuel carbon.

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``value``, ``unit``), for the message.
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``row``, ``CO2``
        in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``fuel``, ``row``,
        ``energy_TJ`` in TJ).

    Warns
    -----
    LowCarbonShareWarning
        (an :class:`UnusualShareWarning`) Per product of :data:`CARBON_SHARE` whose
        process CO2, summed over its rows (a product given as two plants, round 30 KF71),
        lies under its band, naming the file, rows, column ``value``, the values, the CO2
        and the sector's bound (t).
    """
    from carbonpath.accounting.plausible_carbon import sector_carbon, written_values

    written = written_values(production)
    for _year, _region, sector, rows, held, _here in sector_carbon(process, energy):
        by_product: dict[str, list] = {}
        for r in rows:  # a product split into plants is judged by its sum (round 30 KF71)
            by_product.setdefault(str(r.product), []).append(r)
        for product, mine in by_product.items():
            band = CARBON_SHARE.get(product)
            co2 = sum(float(r.CO2) for r in mine)
            if band is None or not held > 0 or not co2 / held < band[0]:
                continue
            lines = list(dict.fromkeys(r.row for r in mine))
            shown = [written.get(line, ("", "")) for line in lines]
            rows_text = (f"row {lines[0]}" if len(lines) == 1 else
                         "rows " + ", ".join(str(line) for line in lines))
            amount = (f"{shown[0][0]:g} {shown[0][1]}" if len(lines) == 1 else
                      "(" + " + ".join(f"{v:g} {u}" for v, u in shown) + " in all)")
            warnings.warn(
                f"{production.source}, {rows_text}, column 'value': {product} {amount} "
                f"emits {co2 / 1e6:,.4g} Mt of process CO2, {co2 / held:.1%} of the "
                f"{held / 1e6:,.4g} Mt CO2 the fuel rows of {sector} (with the sectors above "
                f"and below it) could release, under the usual {band[0]:.0%} (half the "
                f"national share, {band[1]}): probably kt given for 万吨, or a digit slip",
                LowCarbonShareWarning, stacklevel=4)
