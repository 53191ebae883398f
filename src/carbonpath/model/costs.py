r"""Annuities, cost coefficients and the objective of the pathway model.

Notation as in :mod:`carbonpath.model.components`.
"""

from __future__ import annotations

import pyomo.core as pyo

from carbonpath.model.data import ModelData, TechData
from carbonpath.model.terms import linear

__all__ = ["add_objective", "annuity_weights", "annuity_years", "cost_coefficients",
           "discounted_annuity_years"]


def annuity_years(d: ModelData, tech: TechData, vintage: int) -> range:
    """The model years in which the annuity of a vintage is paid.

    ``economic_lifetime`` years from the build year (``annuity_timing: build_year``, the
    default) or from the year after it (``next_year``), never after the horizon. (With
    ``next_year`` the one payment the shift moves past the horizon is counted in the horizon
    year: :func:`annuity_weights`.)
    """
    first = vintage + (1 if d.annuity_timing == "next_year" else 0)
    return range(first, min(first + tech.economic_lifetime - 1, d.years[-1]) + 1)


def annuity_weights(d: ModelData, tech: TechData, vintage: int) -> dict[int, float]:
    """The annuities of a vintage counted in each model year (undiscounted payments).

    1 in every year of :func:`annuity_years`. With ``annuity_timing: next_year`` every
    payment falls a year later than with ``build_year``, so the payment that the shift moves
    to the year after the horizon is counted too, in the horizon year at its value there,
    :math:`1/(1+r)` (r the social discount rate): a vintage then pays as many annuities
    within the horizon as under ``build_year``, each a year later. Without it, capacity
    built in the last model year was free and every late vintage a year cheaper (round 13's
    H22: tiny's baseline 2030 emissions fell from 5.28 to 2.46 Mt).
    """
    weights = dict.fromkeys(annuity_years(d, tech, vintage), 1.0)
    horizon = d.years[-1]
    if d.annuity_timing == "next_year" and vintage + tech.economic_lifetime > horizon:
        weights[horizon] = weights.get(horizon, 0.0) + 1.0 / (1.0 + d.discount_rate)
    return weights


def discounted_annuity_years(d: ModelData, tech: TechData, vintage: int) -> float:
    """Sum of discount factors over the annuities of a vintage (:func:`annuity_weights`).

    From the vintage year (or the year after it) for ``economic_lifetime`` years, and never
    after the horizon (the payment ``next_year`` moves past it counted in the horizon year).
    """
    df, year_index = d.discount_factor, d.year_index  # (a property: made once here)
    return float(sum(df[year_index[y]] * w for y, w in annuity_weights(d, tech, vintage).items()))


def _annuities(d: ModelData, t: TechData) -> tuple[float, dict[int, float]]:
    """A technology's capital recovery factor and its vintages' annuities, kept per model data.

    The factor is ``t.crf()`` (its discount rate and economic lifetime, with the rate's type,
    are in the key); the annuities are :func:`discounted_annuity_years`.

    An annuity depends on the technology only through its ``economic_lifetime``, and on the
    model data through the years, the discount factors and rate and the annuity timing: all
    of them are in the key, so a change of any of them makes the sums anew. The values are
    :func:`discounted_annuity_years`' own (the same function, called once per key and
    vintage), so the coefficients are bit for bit those computed each time (the sweeps
    rescale a cost thousands of times: ``PathwayModel.scale_cost``).

    Returns
    -------
    (float, dict of int to float)
        The factor (1/yr), and vintage -> sum of discount factors (dimensionless), filled
        as vintages are asked for.

    Raises
    ------
    ArgumentValueError
        As :func:`~carbonpath.model.datatypes.capital_recovery_factor` (nothing is kept then).
    """
    key = (t.economic_lifetime, type(t.discount_rate), t.discount_rate, d.annuity_timing,
           d.discount_rate, tuple(d.years), d.discount_factor.tobytes())
    kept = d.__dict__.setdefault("_annuities", {})
    made = kept.get(key)
    if made is None:
        made = kept[key] = (t.crf(), {})
    return made


def cost_coefficients(d: ModelData, t: TechData
                      ) -> tuple[list[tuple[str, tuple, float]], float]:
    """Objective coefficients of one technology's variables, and its constant cost.

    Returns
    -------
    (list of (variable name, index, coefficient), float)
        Discounted MCNY per unit of each variable, and the discounted fixed O&M of the
        residual stock (a constant).
    """
    df = d.discount_factor
    year_index = d.year_index  # (a property that makes the dict anew on every call)
    out: list[tuple[str, tuple, float]] = []
    constant = 0.0
    crf, annuities = _annuities(d, t)  # (every technology's factor, as before: it checks)
    if t.investable:
        # discounted fixed O&M per year: the products df[k] * fixed_om[k] of float64s,
        # element by element as before, summed in the same order below
        fom = (df * t.fixed_om).tolist() if not t.early_retirement else None
        efom = (df * t.storage.fixed_om_energy).tolist() if t.storage is not None else None
        for v in d.decision_years:
            k = year_index[v]
            standing = range(v, min(v + t.lifetime - 1, d.years[-1]) + 1)
            annuity = annuities.get(v)  # once for capacity and energy
            if annuity is None:
                annuity = annuities[v] = discounted_annuity_years(d, t, v)
            coeff = float(t.capex[k]) * crf * annuity
            if fom is not None:
                coeff += sum(fom[year_index[y]] for y in standing)
            out.append(("new_capacity", (t.code, v), coeff))
            if efom is not None:
                ecoeff = float(t.storage.capex_energy[k]) * crf * annuity
                ecoeff += sum(efom[year_index[y]] for y in standing)
                out.append(("new_energy_capacity", (t.code, v), ecoeff))
    for y in d.years:
        k = year_index[y]
        if t.early_retirement:
            out.append(("active_capacity", (t.code, y), float(df[k] * t.fixed_om[k])))
        elif t.capacitated:
            constant += float(df[k] * t.fixed_om[k] * t.residual[k])
        if t.storage is not None:
            constant += float(df[k] * t.storage.fixed_om_energy[k]
                              * t.storage.residual_energy[k])
        elif t.price_profile is not None and t.timeslice:
            out.extend(("dispatch", (t.code, y, i), float(df[k] * t.variable_cost[k] * w * f))
                       for i, (w, f) in enumerate(zip(d.weights, t.price_profile, strict=True)))
        else:
            out.append(("activity", (t.code, y), float(df[k] * t.variable_cost[k])))
    return out, constant


def add_objective(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Minimise the discounted sum of annual system costs over the model years.

    .. math::
        \min \sum_y \delta_y \Big[ \sum_p \sum_{v:\, v \le y < v + \ell^e_p}
            \mathrm{crf}_p\, I_{p,v} N_{p,v}
          + \sum_p F_{p,y} K_{p,y} + \sum_p c_{p,y} \bar A_{p,y}
          + \text{the same terms for storage energy capacity} \Big]

    with :math:`\delta_y = (1+r)^{-(y-y_d)}`, :math:`y_d` the ``discount_year`` (default the
    base year :math:`y_0`). Investment is paid as annuities (capital recovery factor at the
    technology's discount rate over its economic lifetime) in each model year the vintage's
    annuity runs (:func:`annuity_years`: from the build year, or with ``annuity_timing:
    next_year`` from the year after it), within the horizon and never after it; no salvage
    value is credited. Costs of a year are discounted as a single payment (y - y_d) years
    after the discount year. Fixed O&M of the residual stock enters as a constant.

    ======================  ====================  =========================
    symbol                  Pyomo name            unit
    ======================  ====================  =========================
    :math:`I_{p,v}`         (data) capex          MCNY / capacity unit
    :math:`F_{p,y}`         (data) fixed_om       MCNY / capacity unit / yr
    :math:`c_{p,y}`         (data) variable_cost  MCNY / activity unit
    :math:`\mathrm{crf}_p`  (data)                1 / yr
    ======================  ====================  =========================
    """
    terms = []
    constant = 0.0
    for t in d.techs.values():
        coefficients, fixed = cost_coefficients(d, t)
        constant += fixed
        terms.extend((c, getattr(m, name)[index]) for name, index, c in coefficients if c)
    m.objective = pyo.Objective(expr=linear(terms, constant), sense=pyo.minimize)
