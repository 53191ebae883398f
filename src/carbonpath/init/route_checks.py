"""Plausibility of the production input against the balance's energy of its sectors.

:func:`carbonpath.init.routes.add_routes` links each product to its balance sector's
services at the catalogue intensity of its existing route. A unit or digit slip in the
production input (clinker 450 吨 for 450 万吨; aluminium 600 万吨 for 60) shows there
(round-9 cases I20, I21):

- the products together need more than :data:`MAX_NEED_RATIO` times a service of the
  balance (a smelter at 2.46 instead of 13.5 MWh/t after scaling), or
- a product needs less than :data:`MIN_PRODUCT_SHARE` of every service it uses (450 t of
  clinker against a province's industry: under one kiln's daily output).

A product whose route needs fuel (a kiln) while its balance sector has no fuel service and
other sectors have one is warned of instead
(:class:`~carbonpath.accounting.plausible_usual.MissingRouteEnergyWarning`, round 28 ZD111).

A dominant product under half its national share of the service
(:func:`carbonpath.accounting.plausible_usual.unusual_share`: a kt for 万吨 slip, round-11
C62) is warned of (:class:`~carbonpath.accounting.plausible_usual.UnusualShareWarning`),
with the industry-wide band when the balance's sector is above the product's (``industry``).

The rule and its bounds are :func:`carbonpath.accounting.plausible_production.need_outside`
(one rule for init and inventories). Both are
:class:`~carbonpath.errors.ImplausibleValueError` problems (``Draft.implausible``),
overridable with ``allow_implausible`` (CLI ``--allow-implausible``).
"""

from __future__ import annotations

import re
import warnings

from carbonpath.accounting.plausible_production import (
    MAX_NEED_RATIO,
    MIN_PRODUCT_SHARE,
    need_outside,
    route_intensity,
)
from carbonpath.accounting.plausible_usual import (
    MissingRouteEnergyWarning,
    UnusualShareWarning,
    missing_energy_text,
    unusual_share,
)
from carbonpath.errors import Problem
from carbonpath.init.draft import Draft

__all__ = ["MAX_NEED_RATIO", "MIN_PRODUCT_SHARE", "check_route_energy"]

_SOURCE = re.compile(r"production input (.+), line (\d+)$")


def _where(d: Draft, code: str) -> tuple[str | None, int | None]:
    """File and line of a product's production row, from its observed activity's source."""
    for p in d.parameters:
        if p["technology"] == code and p["parameter"] == "activity":
            m = _SOURCE.match(str(p["source"]))
            if m:
                return m.group(1), int(m.group(2))
    return None, None


def check_route_energy(d: Draft, links: list[tuple], need: dict[str, float],
                       services: dict[str, dict], production_file: str = "") -> None:
    """Record implausible product quantities in ``d.implausible``.

    Parameters
    ----------
    d : Draft
        The draft; problems are appended to ``d.implausible``.
    links : list of tuple
        ``(code, product, sector, technology, per_t, quantity)``: per product, its services'
        amounts per tonne (``per_t``: service -> unit of the service per t) and the tonnes.
    need : dict
        Service -> what all products need of it (the service's unit).
    services : dict
        Service -> ``{"base": amount of the balance, "unit": ...}``.
    production_file : str
        For the messages (default: the file named in the products' activity source).
    """
    for svc, n in need.items():
        base = services[svc]["base"]
        if need_outside(n, base) == "over":
            users = ", ".join(f"{p} {q / 1e4:,.4g} 万吨 ({a * q / base:.1f}x)"
                              for _c, p, _s, _t, per_t, q in links
                              for s, a in per_t.items() if s == svc)
            d.implausible.append(Problem(
                f"the products need {n / base:.1f}x the balance's {svc} ({n:,.4g} vs "
                f"{base:,.4g} {services[svc]['unit']}) at their catalogue intensities: "
                f"{users}; probably a unit or digit slip in the production input",
                file=production_file or _where(d, links[0][0])[0], column="value",
                valid=f"at most {MAX_NEED_RATIO:g}x the balance's amount; or pass "
                "allow_implausible=True (CLI --allow-implausible) if the quantities are "
                "right (the intensities are then scaled to the balance)"))
    for code, product, sector, tech, per_t, q in links:
        shares = [a * q / services[s]["base"] for s, a in per_t.items()
                  if services[s]["base"] > 0 and q > 0]  # 0: none made, no slip (K154)
        own = sector == route_intensity().get(str(product), (sector,))[0]
        if _warn_missing_fuel(d, code, product, sector, q, services, production_file):
            continue  # the share of the other services says nothing (round 28 ZD111)
        text = unusual_share(str(product), max(shares), own) if shares else None
        if text is not None and need_outside(max(shares), 1.0) != "under":
            file, line = _where(d, code)
            warnings.warn(
                f"{file or production_file}, row {line}, column 'value': {product} "
                f"{q:,.6g} t/yr would use {max(shares):.2%} of the balance's energy of "
                f"{sector} at the catalogue intensity of {tech}: {text}",
                UnusualShareWarning, stacklevel=4)
        if shares and need_outside(max(shares), 1.0) == "under":
            file, line = _where(d, code)
            d.implausible.append(Problem(
                f"{product}: {q:,.6g} t/yr would use {max(shares):.4%} of the balance's "
                f"energy of {sector} at the catalogue intensity of {tech}, less than "
                f"{MIN_PRODUCT_SHARE:.2%}: probably 吨 given for 万吨",
                file=file or production_file or None, row=line, column="value", value=q,
                valid=f"an output using at least {MIN_PRODUCT_SHARE:.2%} of its sector's "
                "energy; or pass allow_implausible=True (CLI --allow-implausible) if the "
                "quantity is right"))




def _warn_missing_fuel(d: Draft, code: str, product: str, sector: str, q: float,
                       services: dict[str, dict], production_file: str) -> bool:
    """Warn when ``product``'s route needs fuel and ``sector`` has no fuel service.

    The balance's fuel of a sector is its ``<sector>_heat`` service; with none for the
    product's sector while another sector's is positive, the kiln fuel is missing from the
    balance (or booked elsewhere). Returns whether it warned
    (:class:`~carbonpath.accounting.plausible_usual.MissingRouteEnergyWarning`).
    """
    route = route_intensity().get(str(product))
    gj_t = route[2].get("fuel", 0.0) if route else 0.0
    if not gj_t > 0 or not q > 0 or services.get(f"{sector}_heat", {}).get("base", 0) > 0 \
            or not any(k.endswith("_heat") and v.get("base", 0) > 0
                       for k, v in services.items()):
        return False
    file, line = _where(d, code)
    warnings.warn(f"{file or production_file}, row {line}, column 'value': {product} "
                  f"{q:,.6g} t/yr " + missing_energy_text(
                      str(product), q * gj_t / 1e3, "fuel", gj_t, sector, "the balance"),
                  MissingRouteEnergyWarning, stacklevel=5)
    return True
