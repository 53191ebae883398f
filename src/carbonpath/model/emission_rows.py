"""emissions.csv rows the model cannot read one way: ambiguous rows and rows no factor reads.

The rule (docs/data-format.md, :meth:`carbonpath.model.coefficients.Coefficients.
_emission_factors`): a row overrides exactly the (technology, gas, basis, commodity) it names.
Round 13's H99-H108 had an input row replace every gas of its fuel, an activity row add to
the fuel's factors, and rows of other gases or of no input dropped without a word.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.errors import CarbonpathWarning, Problem, UnitError

__all__ = ["FUEL_FACTOR_BAND", "OwnGenerationWarning", "ambiguous_row", "fuel_factor_problems",
           "unused_rows", "warn_own_generation"]

FUEL_FACTOR_BAND = (0.01, 10.0)
"""An ``emissions.csv`` CO2 factor of a burned fossil fuel (basis ``input``) may lie within
these times the factor tables' combustion factor of the fuel. Below 1 %: even a plant
capturing 95 % of its CO2 keeps 5 % (``init`` writes (1 - capture rate) x the tables'
factor); a factor per kt typed for per t, or kg for t, is 1/1000 (round 25, MA72: coal at
1.9 t CO2/kt made a plant emit 0.1 %). Above ten times: no fuel holds ten times the carbon
of its code's default (carbon is at most 3.67 t CO2 a tonne)."""


class OwnGenerationWarning(CarbonpathWarning):
    """gpc method: a plant outside the power and heat sectors makes electricity or heat (G125).

    Its direct emissions count (its sector is a consumer's), and so does the scope 2 of the
    electricity or heat it makes, at the grid (heat) factor where that is consumed: the same
    fuel counted twice. A captive coal plant booked under ``industry`` as the yearbooks book
    it added 4.38 Mt to tiny's 3.85 Mt (8.23 Mt).
    """


def ambiguous_row(code: str, gas: str, rows: pd.DataFrame, inputs: list[str]) -> Problem:
    """The problem of an activity row of a gas the technology's burned fuels emit too.

    Parameters
    ----------
    code : str
        The technology.
    gas : str
        The row's gas.
    rows : pandas.DataFrame
        The emissions.csv rows of (technology, gas, activity), indexed by file line.
    inputs : list of str
        The burned inputs whose factor of ``gas`` the factor tables give.

    Returns
    -------
    Problem
        Naming emissions.csv, the first row's line and the column ``basis``.
    """
    given = ", ".join(f"{code},{gas},input,{c},,<value>,..." for c in inputs)
    return Problem(
        f"'{code}' burns {', '.join(inputs)}, whose {gas} the factor tables give, and this "
        f"{gas} factor per unit of activity could be the plant's whole {gas} (then the "
        f"fuel's would count twice) or only its process part: give the fuel's own {gas} "
        "factor too, as an input row (0 if this row holds all of it)",
        file="emissions.csv", row=rows.index[0], column="basis", value="activity",
        valid=f"add {given}; or basis input per unit of the fuel instead")


def unused_rows(overrides: dict[tuple[str, str, str], pd.DataFrame], used: set,
                data: Any) -> list[Problem]:
    """The problems of emissions.csv rows that no technology's factor reads (H99, H108).

    Parameters
    ----------
    overrides : dict
        The rows by (technology, gas, input commodity or '' for basis activity).
    used : set
        The keys some factor read.
    data : ModelData
        The model data (its technologies and commodities); rows of a technology that this
        scenario's model leaves out are not refused here.

    Returns
    -------
    list of Problem
        One per unread key, naming emissions.csv, the row and the column at fault.
    """
    out = []
    for key, rows in overrides.items():
        code, gas, com = key
        tech = data.techs.get(code)
        if key in used or tech is None:
            continue
        if com:
            bases = sorted({str(data.commodities.loc[c, "base"]) for c in tech.inputs})
            out.append(Problem(
                f"'{com}' is not an input of '{code}', so no factor reads this {gas} row "
                "(basis input names one of the technology's input commodities)",
                file="emissions.csv", row=rows.index[0], column="commodity", value=com,
                valid=f"an input of {code}: {', '.join(bases)}" if bases else
                "basis activity (per unit of the technology's activity)"))
        else:
            out.append(Problem(
                f"no factor of '{code}' reads this {gas} row", file="emissions.csv",
                row=rows.index[0], column="technology", value=code,
                valid="a technology that emits (not a link)"))
    return out


def warn_own_generation(techs: Any, tables: dict[str, pd.DataFrame], kinds: pd.Series,
                        counted: Any) -> None:
    """Warn of a generator whose direct emissions and output's scope 2 both count (gpc, G125).

    Parameters
    ----------
    techs : iterable of TechData
        The model's technologies, factors set (``emissions``, ``direct_in_target``).
    tables : dict of str to pandas.DataFrame
        The dataset's tables (``technologies``, indexed by file line).
    kinds : pandas.Series
        Commodity code -> kind (``electricity``, ``heat``, ...).
    counted : collection of str
        The commodity kinds counted at their consumers (``electricity``, ``heat``).

    Warns
    -----
    OwnGenerationWarning
        Naming ``technologies.csv``'s row and column ``sector`` and the reading that is right
        (``thermal_power`` or ``heat_supply``, or a child of them).
    """
    from carbonpath.model.base_balance import row_place

    table = tables.get("technologies")
    for tech in techs:
        if not tech.direct_in_target or tech.kind in ("import", "export", "storage", "link"):
            continue
        made = [c for c in tech.outputs if kinds.get(c) in counted]
        if not made or not any(v.any() for v in tech.emissions.values()):
            continue
        lines = [] if table is None else list(table.index[table["technology"] == tech.code])
        where = row_place(lines[0], "technologies") if lines else "technologies.csv"
        notices.warn(
            f"{where}, column 'sector': '{tech.code}' (sector {tech.sector}) makes "
            f"{', '.join(made)} and has direct emissions; under the gpc method its direct "
            f"emissions count in sector {tech.sector}, and the {', '.join(made)} it makes "
            "counts again at its consumers (grid or heat factor): a generator counted twice. "
            "If it is a power or heat plant (a captive plant too), write sector thermal_power "
            "(or heat_supply), whose direct emissions stay out of the gpc total",
            OwnGenerationWarning, stacklevel=3)


def fuel_factor_problems(code: str, com: str, fuel: str, rows: pd.DataFrame, table: float,
                         unit: str) -> list[Problem]:
    """``emissions.csv`` CO2 rows of a burned fossil fuel far from the factor tables' factor.

    Parameters
    ----------
    code, com, fuel : str
        The technology, its input commodity and the commodity's fuel code.
    rows : pandas.DataFrame
        The ``input`` rows of (code, CO2, com), indexed by file line.
    table : float
        The tables' combustion factor of ``fuel`` in ``unit`` (above 0).
    unit : str
        ``t CO2 / (<commodity unit>)``.

    Returns
    -------
    list of Problem
        One per row above 0 outside :data:`FUEL_FACTOR_BAND` times ``table`` (zero and
        negative factors are choices: a contracted or captured supply). A row with
        ``plausibility: override: <reason>`` warns instead.
    """
    from carbonpath.plausibility import OVERRIDE, is_override
    from carbonpath.units import unit_factor

    low, high = FUEL_FACTOR_BAND
    out = []
    for line, row in rows.iterrows():
        try:
            value = float(row["value"]) * unit_factor(str(row["unit"]), unit)
        except (TypeError, ValueError, KeyError, UnitError):
            continue
        if not value > 0 or low * table <= value <= high * table:
            continue
        ratio, shown = value / table, unit.replace("(", "").replace(")", "")
        given = f"{float(row['value']):g} {row['unit']}"
        converted = "" if given.replace(" ", "") == f"{value:g}{shown}".replace(" ", "") \
            else f" ({value:.4g} {shown})"
        reading = next((f"; {float(row['value']) * k:g} {row['unit']} would be "
                        f"{ratio * k:.3g} times it: probably a x{k:g} slip ({hint})"
                        for k, hint in ((1e3, "per kt for per t, kg for t"),
                                        (1e-3, "per t for per kt, t for kg"))
                        if low <= ratio * k <= high), "; probably a unit slip")
        problem = Problem(
            f"implausible CO2 factor of {fuel} burned by {code} (input {com}): {given}"
            f"{converted} is {ratio:.3g} times the factor tables' {table:.4g} {shown}; no "
            f"plant burning a fossil fuel emits under {low * 100:g} % of it (capture keeps 5 % or "
            f"more) or over {high:g} times it{reading}", file="emissions.csv", row=line,
            column="value", value=row["value"],
            valid=f"{low * table:.4g} .. {high * table:.4g} {shown} (or 0); if the value is "
                  f"right, write '{OVERRIDE} <reason>' in a 'plausibility' column of the row")
        if is_override(row.get("plausibility")):
            notices.warn(f"accepted by an explicit plausibility override: {problem}",
                         CarbonpathWarning, stacklevel=4)
            continue
        out.append(problem)
    return out
