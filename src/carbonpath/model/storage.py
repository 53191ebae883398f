r"""The storage family of the pathway model (state of charge, charge and energy limits).

Notation as in :mod:`carbonpath.model.components`.
"""

from __future__ import annotations

import pyomo.core as pyo
from pyomo.core.expr.relational_expr import InequalityExpression

from carbonpath.model.data import ModelData
from carbonpath.model.terms import (
    _eq,
    _le,
    _rule,
    _sparse,
    bounded,
    capacity,
    energy_capacity,
    energy_terms,
    usable_terms,
)

__all__ = ["add_storage"]


def add_storage(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Storage: power and energy capacity, level continuity within each representative day.

    .. math::
        L_{s,y,(d,h)} = (1-\lambda_s)^{\Delta} L_{s,y,(d,h-1)}
                        + \Delta \left(\eta^c_s C_{s,y,(d,h)} - D_{s,y,(d,h)} / \eta^d_s\right)

    with :math:`(d,-1) \equiv (d,H-1)`: the level is cyclic within each representative day
    and nothing carries over from one representative day to another (they are not
    consecutive). Charge efficiency applies to what enters, discharge efficiency to what
    leaves; a round trip returns :math:`\eta^c \eta^d`.

    .. math:: C_{s,y,t} \le K_{s,y},\quad D_{s,y,t} \le K_{s,y},\quad
              L_{s,y,t} \le \mathrm{Cap}^E_{s,y},\quad
              \underline{\delta}_s K_{s,y} \le \mathrm{Cap}^E_{s,y} \le \overline{\delta}_s K_{s,y}

    Investable stores have one energy-capacity column per decision year
    (``installed_energy_capacity``, defined by ``energy_capacity_definition``:
    :math:`\mathrm{Cap}^E_{s,y} - \sum_v N^E_{s,v} = R^E_{s,y}`), like the power capacity of
    :func:`add_capacity_limits`. Where :math:`K_{s,y}` or :math:`\mathrm{Cap}^E_{s,y}` is a
    constant, the three limits are upper bounds of :math:`C, D, L` instead of rows.

    =====================  =====================  =====
    symbol                 Pyomo name             unit
    =====================  =====================  =====
    :math:`L`              ``level``              GWh
    :math:`C, D`           ``charge, discharge``  GW
    :math:`\eta^c,\eta^d`  (data)                 1
    :math:`\lambda_s`      (data) standing loss   1 / h
    :math:`\delta_s`       (data) duration        h
    =====================  =====================  =====
    """
    stores = [t for t in d.techs.values() if t.kind == "storage"]
    H = d.hours
    slots = range(len(d.day_names) * H)
    techs = d.techs
    dt = d.block_hours
    level, charge, discharge = (dict(m.level.items()), dict(m.charge.items()),
                                dict(m.discharge.items()))
    keys = {key: key for key in level}
    definition = {}
    for s in stores:
        if s.investable:
            for y in d.decision_years:
                constant, terms = energy_terms(m, d, s, y, column=False)
                definition[(s.code, y)] = _eq(
                    [(1.0, m.installed_energy_capacity[s.code, y])]
                    + [(-c, v) for c, v in terms], constant)
    m.energy_capacity_definition = pyo.Constraint(list(definition), rule=_rule(definition))

    balance, charge_limit, discharge_limit, energy_limit = {}, {}, {}, {}
    for s in stores:
        st = s.storage
        keep = (1.0 - st.standing_loss) ** dt
        into = dt * st.charge_efficiency
        out = dt / st.discharge_efficiency
        p = s.code
        for y in d.years:
            power_constant, power = usable_terms(m, d, s, y)
            power = [(-c, v) for c, v in power]
            energy_constant, energy = energy_terms(m, d, s, y)
            energy = [(-c, v) for c, v in energy]
            power_var = power[0][1] if len(power) == 1 and power[0][0] == -1.0 and not \
                power_constant else None
            energy_var = energy[0][1] if len(energy) == 1 and energy[0][0] == -1.0 and not \
                energy_constant else None
            for i in slots:
                day, hour = divmod(i, H)
                prev = day * H + (hour - 1) % H
                key = keys[(p, y, i)]  # the variables' own index tuple (shared, not copied)
                lv, ch, dis = level[key], charge[key], discharge[key]
                balance[key] = _eq([(1.0, lv), (-keep, level[p, y, prev]), (-into, ch),
                                    (out, dis)], 0.0)
                if power_var is not None:  # C <= K, D <= K as such: no term objects
                    charge_limit[key] = InequalityExpression((ch, power_var), False)
                    discharge_limit[key] = InequalityExpression((dis, power_var), False)
                elif power:
                    charge_limit[key] = _le([(1.0, ch), *power], power_constant)
                    discharge_limit[key] = _le([(1.0, dis), *power], power_constant)
                else:
                    ch.setub(power_constant)
                    dis.setub(power_constant)
                if energy_var is not None:
                    energy_limit[key] = InequalityExpression((lv, energy_var), False)
                elif energy:
                    energy_limit[key] = _le([(1.0, lv), *energy], energy_constant)
                else:
                    lv.setub(energy_constant)
    slots = m.charge.index_set()
    m.storage_level = _sparse(slots, balance)
    m.storage_charge_limit = _sparse(slots, charge_limit)
    m.storage_discharge_limit = _sparse(slots, discharge_limit)
    m.storage_energy_limit = _sparse(slots, energy_limit)
    dur_min = [(s.code, y) for s in stores if s.storage.min_duration for y in d.years]
    dur_max = [(s.code, y) for s in stores if s.storage.max_duration for y in d.years]
    m.storage_duration_min = pyo.Constraint(dur_min, rule=lambda _m, p, y: bounded(
        0.0, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.min_duration * capacity(m, d, techs[p], y), None,
        f"min_duration of {p} in {y}", techs[p].storage.energy_unit))
    m.storage_duration_max = pyo.Constraint(dur_max, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y)
        - techs[p].storage.max_duration * capacity(m, d, techs[p], y), 0.0,
        f"max_duration of {p} in {y}", techs[p].storage.energy_unit))
    emax = [(s.code, y) for s in stores for y in d.years if y in s.storage.max_energy]
    m.storage_energy_max = pyo.Constraint(emax, rule=lambda _m, p, y: bounded(
        None, energy_capacity(m, d, techs[p], y), techs[p].storage.max_energy[y],
        f"max_energy_capacity of {p} in {y}", techs[p].storage.energy_unit))
