r"""The best value of one plan target reachable with every other target held.

The diagnosis's elastic LP (:mod:`carbonpath.model.diagnose`) minimises one slack shared by
a target's rows. That slack is in the rows' units (kt, ktce), and for a target whose value
enters the rows' coefficients (a share :math:`\mathrm{NF} - s\,\mathrm{TE} \ge 0`, a cut
:math:`E_Y - (1-x) E_{Y_0} \le 0`, a share over several years) the point of least slack is
not the point of the best share or cut. So the value reachable is found on the target's own
scale: the rows are regenerated at a trial value (:func:`target_expressions`), put into the
diagnosis LP, and the largest feasible value is found by bisection between the value the
least-slack point satisfies (feasible) and the value asked (infeasible). Every trial is a
warm LP on the one diagnosis model; the rows are restored afterwards.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import highspy
import numpy as np
from pyomo.repn import generate_standard_repn

from carbonpath.model.targets import target_expressions

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["parameter", "reachable_value"]

INF = highspy.kHighsInf

class _Unavailable(Exception):
    """The rows at a trial value use a column the compiled model does not hold."""


def parameter(target: dict[str, Any]) -> str | None:
    """The key whose number is the target's value (``None``: no numeric value)."""
    if target["type"] == "bound":
        return "max" if "max" in target else ("min" if "min" in target else None)
    value = target.get("value")
    return "value" if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _asked(target: dict[str, Any], key: str) -> float:
    spec = target[key]
    return float(spec["value"] if isinstance(spec, dict) else spec)


def _with(target: dict[str, Any], key: str, v: float) -> dict[str, Any]:
    spec = target[key]
    return dict(target, **{key: dict(spec, value=v) if isinstance(spec, dict) else v})


def _rows(pm: PathwayModel, target: dict[str, Any], key: str, v: float
          ) -> list[tuple[int, dict[int, float], float, float]]:
    """(row, {column: coefficient}, lower, upper) of the target's active rows at value v."""
    exprs, _ = target_expressions(pm.model, pm.data, [_with(target, key, v)], pm.peak_year)
    hm = pm.highs
    out = []
    for k, (lo, body, up) in exprs.items():
        r = hm.row(pm.model.target[k])
        if r is None or ((lo is None or lo == -math.inf) and (up is None or up == math.inf)):
            continue
        repn = generate_standard_repn(body, compute_values=True)
        coefs: dict[int, float] = {}
        const = float(repn.constant)
        for var, c in zip(repn.linear_vars, repn.linear_coefs, strict=True):
            j = hm.col_of.get(id(var))
            if j is None:
                if var.fixed:
                    const += c * float(var.value)
                elif var.lb is not None and var.lb == var.ub:
                    const += c * float(var.lb)
                else:
                    raise _Unavailable
                continue
            coefs[j] = coefs.get(j, 0.0) + float(c)
        out.append((r, coefs, -INF if lo is None or lo == -math.inf else float(lo) - const,
                    INF if up is None or up == math.inf else float(up) - const))
    return out


def _violation(rows: list, x: np.ndarray) -> float:
    """The largest violation of ``rows`` at the point ``x`` (<= 0: satisfied)."""
    worst = -math.inf
    for _, coefs, lo, up in rows:
        act = sum(c * x[j] for j, c in coefs.items())
        worst = max(worst, act - up if up < INF else -math.inf,
                    lo - act if lo > -INF else -math.inf)
    return worst


def _put(h: highspy.Highs, rows: list, previous: dict[int, dict[int, float]]) -> None:
    """Write ``rows`` into ``h`` (coefficients and bounds), zeroing entries that vanish."""
    for r, coefs, lo, up in rows:
        for j in set(previous.get(r, {})) - set(coefs):
            h.changeCoeff(r, j, 0.0)
        for j, c in coefs.items():
            h.changeCoeff(r, j, c)
        h.changeRowBounds(r, lo, up)
        previous[r] = coefs


def reachable_value(pm: PathwayModel, h: highspy.Highs, target: dict[str, Any],
                    x: np.ndarray, feasible: Any, tol: float = 1e-6,
                    most: int = 40) -> float | None:
    """The best value of ``target`` reachable with the other targets held, or None.

    Parameters
    ----------
    pm : PathwayModel
        The infeasible model.
    h : highspy.Highs
        The diagnosis LP (the model's rows first, in the compiled order).
    target : dict
        The plan target.
    x : numpy.ndarray, shape (number of model columns,)
        The least-slack point of the target relaxed alone (feasible for every other row).
    feasible : callable
        ``feasible() -> bool``: solve ``h`` with every slack held at 0.
    tol : float
        Relative tolerance of the value found (on the scale of the value asked).
    most : int
        At most this many trial LPs.

    Returns
    -------
    float or None
        The value (in the target's own terms: a share, a cut, a bound in its unit), or None
        when the target has no numeric value or its rows cannot be regenerated.
    """
    key = parameter(target)
    if key is None:
        return None
    asked = _asked(target, key)
    try:
        base = _rows(pm, target, key, asked)
    except _Unavailable:
        return None
    if not base:
        return None
    previous = {r: coefs for r, coefs, _, _ in base}
    scale = max(1.0, abs(asked))
    # the value the least-slack point satisfies: the rows' violations are affine in the value
    step = 1e-3 * scale
    try:
        lo_rows, hi_rows = _rows(pm, target, key, asked - step), _rows(pm, target, key,
                                                                       asked + step)
    except _Unavailable:
        return None
    direction = 1.0 if _violation(hi_rows, x) < _violation(lo_rows, x) else -1.0
    good = _satisfied_at(pm, target, key, asked, direction, x, scale)
    if good is None:
        return None
    bad = asked
    try:
        for i in range(most):
            if abs(bad - good) <= tol * scale:
                break
            # first a step just past the point's value: for targets whose value only moves a
            # right-hand side that point is already the best, and one LP shows it
            trial = good + (bad - good) * (1e-6 if i == 0 else 0.5)
            _put(h, _rows(pm, target, key, trial), previous)
            if feasible():
                good = trial
            else:
                bad = trial
    except _Unavailable:
        return None
    finally:
        _put(h, base, previous)
    return good


def _satisfied_at(pm: PathwayModel, target: dict[str, Any], key: str, asked: float,
                  direction: float, x: np.ndarray, scale: float) -> float | None:
    """The value nearest to ``asked`` (moving in ``direction``) whose rows ``x`` satisfies.

    Rows are satisfied within ``1e-6 x scale`` (the LP's own feasibility tolerance is
    1e-7 on rows of that size); the value is found to ``1e-9 x scale``.
    """
    slack = 1e-6 * scale
    step = 1e-3 * scale
    for _ in range(60):  # widen the step until the rows hold at x
        outer = asked + direction * step
        if _violation(_rows(pm, target, key, outer), x) <= slack:
            break
        step *= 2
    else:
        return None
    inner = asked  # violated at inner, satisfied at outer
    while abs(outer - inner) > 1e-9 * scale:
        mid = (inner + outer) / 2
        if _violation(_rows(pm, target, key, mid), x) <= slack:
            outer = mid
        else:
            inner = mid
    return outer
