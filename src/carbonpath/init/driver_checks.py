"""The dataset loader's driver ranges, applied to the drivers and growth files of ``init``.

``init`` wrote a dataset from drivers that its loader then refused (a population of 600 人
for 600 万人, a grid factor of 500 t CO2/MWh), naming the written ``drivers.csv`` rather
than the user's file; a GDP of 2600 万元 for 2600 亿元 passed everywhere, since a one-row
series has no step to compare. These checks name the user's file and row:

* the absolute ranges of :data:`carbonpath.dataset.absolute.DRIVER_RANGES`;
* GDP per person (:data:`carbonpath.dataset.absolute.GDP_PER_PERSON`) in every year with both
  GDP and population;
* growth periods of one driver may not overlap (the later row would silently win), and
  two one year apart (``2022,2025`` then ``2026,2030``) are warned of (round 22 N90), and so
  is every other model year before a row's period that takes init's default rate: the
  first row starting after the base year (``2023,2030`` for a plan's "2023-2030" leaves 2023
  to the default; round 26 KB103) or periods further apart;
* a growth row whose years the drivers input gives values around (init interpolates between
  given years, so the rate is not used there) is said, naming both rows, when the row is
  not used at all or its rate and the given values disagree (round 18, S08 and S09);
* the mean annual growth between two given values of GDP or population is held to the
  growth file's range (:data:`RATE_LOW`, :data:`RATE_HIGH`: refused) and every growth rate,
  given or implied, to the driver's usual band (:data:`USUAL_GROWTH`: a warning; round 19,
  U10 and U76: a 2030 GDP of 38410 亿元 for 3841, a population rate of -0.02 for -0.002).

Each is an :class:`~carbonpath.errors.ImplausibleValueError` (ranges, implied rates), a
:class:`~carbonpath.errors.DataError` (overlaps), a :class:`GrowthNotUsedWarning` or an
:class:`~carbonpath.dataset.absolute.UnusualDriverWarning` (usual bands).
"""

from __future__ import annotations

import itertools
import re
import warnings

import pandas as pd

from carbonpath.dataset.absolute import DRIVER_RANGES, GDP_PER_PERSON, UnusualDriverWarning
from carbonpath.errors import CarbonpathWarning, DataError, ImplausibleValueError, Problem
from carbonpath.units import unit_factor

__all__ = ["GROWTH_TOLERANCE", "RATE_HIGH", "RATE_LOW", "USUAL_GROWTH", "GrowthGapWarning",
           "GrowthNotUsedWarning",
           "check_driver_ranges", "check_driver_steps", "check_growth_overlaps",
           "check_growth_used", "source_rates", "warn_base_intensity", "warn_growth_gaps",
           "warn_rate_beside_source", "warn_unusual_growth"]

#: The growth rates init accepts, per year (open interval), in the growth file and between
#: two given driver values: beyond them a rate is a percentage typed as a number (5 for
#: 0.05) or a slip; no city grows or shrinks that fast over a planning period.
RATE_LOW, RATE_HIGH = -0.2, 0.3

USUAL_GROWTH: dict[str, tuple[float, float]] = {"gdp": (0.0, 0.12),
                                                "population": (-0.015, 0.03)}
"""Usual annual growth (share per year, closed band) of each growth driver; a rate outside
is warned, not refused. An assumption of this project, not a sourced table: most of China's
prefecture cities changed their resident population by -1.5 %..+3 % a year between the
2010 and 2020 censuses (a few shrinking north-eastern cities and fast-growing ones such as
Shenzhen lie outside, hence a warning), and their real GDP grew by 0..12 % a year in the
2010s and since (a falling GDP over a planning period is rare: a sign slip is likelier). A
population rate of -0.02 typed for -0.002 (round 19, U10) falls outside."""

GROWTH_TOLERANCE = 0.02
"""Largest difference (share per year) between a growth row's rate and the mean annual
growth of two given driver values around some of its years before init warns that they
disagree. One year's statistic after the base year may differ from an assumed rate by a
point or two (a given 2023 GDP beside a 2022..2030 rate is the planner's intent); a 2030
value that needs 8.5 %/yr beside a 5 %/yr row (round 18, S08) is not."""


class GrowthNotUsedWarning(CarbonpathWarning):
    """A growth row that init does not use (or not fully) for given driver values."""


class GrowthGapWarning(CarbonpathWarning):
    """Model years before a growth row's period left to init's default rate.

    A row covers ``start+1 .. end``; periods written as a plan's years (``2022,2025`` then
    ``2026,2030`` for 十四五 and 十五五) leave the year ``2026`` to init's default rate
    (round 22 N90), and a first row ``2023,2030`` after the base year 2022 leaves 2023 to it
    (round 26 KB103).
    """


def check_driver_ranges(drivers: pd.DataFrame, units: dict[str, str], label: str) -> None:
    """Refuse driver values outside the loader's ranges (see the module docstring).

    Parameters
    ----------
    drivers : pandas.DataFrame
        ``driver, year, value, line`` with values in ``units[driver]``.
    units : dict
        Driver -> the unit of its values.
    label : str
        The user's file name.

    Raises
    ------
    ImplausibleValueError
        Naming the file, row, column ``value`` and the range.
    """
    problems = []
    for r in drivers.itertuples(index=False):
        bound = DRIVER_RANGES.get(r.driver)
        if bound is None:
            continue
        value = r.value * unit_factor(units[r.driver], bound.unit)
        if not bound.low <= value <= bound.high:
            problems.append(Problem(
                f"implausible {r.driver}: {value:.4g} {bound.unit}, outside the range no real "
                f"city or province leaves ({bound.basis}); probably a unit slip", file=label,
                row=r.line, column="value", value=r.value,
                valid=f"{bound.low:g} .. {bound.high:g} {bound.unit}"))
    by_year = drivers.pivot_table(index="year", columns="driver", values="value",
                                  aggfunc="first") if len(drivers) else pd.DataFrame()
    if {"gdp", "population"} <= set(by_year.columns):
        low, high = GDP_PER_PERSON
        per_cny = unit_factor(units["gdp"], "CNY") / unit_factor(units["population"], "person")
        pop_low, pop_high = DRIVER_RANGES["population"].low, DRIVER_RANGES["population"].high
        pop_f = unit_factor(units["population"], "person")
        for year, row in by_year.dropna(subset=["gdp", "population"]).iterrows():
            if not pop_low <= row["population"] * pop_f <= pop_high:
                continue  # the population is named already
            each = row["gdp"] / row["population"] * per_cny if row["population"] else 0.0
            if not low <= each <= high:
                line = drivers.loc[(drivers["driver"] == "gdp") & (drivers["year"] == year),
                                   "line"].iloc[0]
                problems.append(Problem(
                    f"implausible gdp of {int(year)}: {each:,.4g} CNY per person (with the "
                    f"population of {int(year)}), outside {low:,.0f} .. {high:,.0f}; "
                    "probably a unit slip (万元 for 亿元)", file=label, row=line,
                    column="value", value=row["gdp"],
                    valid=f"gdp in {units['gdp']} giving {low:,.0f} .. {high:,.0f} CNY per "
                          "person"))
    if problems:
        raise ImplausibleValueError(problems, label)


def warn_unusual_growth(driver: str, rate: float, where: str, period: str,
                        meant: str | None = None) -> str | None:
    """Warn (and return the text) when ``rate`` lies outside the usual band of ``driver``.

    Parameters
    ----------
    driver : str
        ``gdp`` or ``population``.
    rate : float
        Share per year.
    where : str
        The file and row(s) to name, e.g. ``"growth.csv, row 4, column 'rate'"``.
    period : str
        The years of the rate, e.g. ``"2023..2035"``.
    meant : str, optional
        The readings to offer; by default the sign or decimal-place slips whose rate would
        be usual (``"-0.002 for -0.2%/yr"``).

    Warns
    -----
    UnusualDriverWarning
        Outside :data:`USUAL_GROWTH`.
    """
    low, high = USUAL_GROWTH[driver]
    if low <= rate <= high:
        return None
    meant = meant or _readings(rate, driver)
    way = "shrinks" if rate < 0 else "grows"
    why = ("a GDP falling year after year over a planning period is rare, so this may be a "
           "sign slip" if driver == "gdp" and rate < 0 else
           f"outside the usual {low:.1%}..{high:.1%} a year of China's cities (an assumption "
           "of carbonpath), so this may be a slip of a decimal place")
    text = (f"{where}: {driver} {way} {abs(rate):.1%} a year over {period} (a rate of "
            f"{rate:.4g}); {why}; valid: {meant}, or keep it if it is meant")
    warnings.warn(text, UnusualDriverWarning, stacklevel=3)
    return text


_FIGURE = re.compile(r"(?<![\d.])([-+\u2212]?\d+(?:\.\d+)?)\s*"
                     r"(%|\uff05|\u2030|per ?cent|per ?mille)"
                     r"|(\u767e\u5206\u4e4b|\u5343\u5206\u4e4b)\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


def source_rates(source: object) -> list[tuple[str, float]]:
    """The percent and per-mille figures a source text states, as shares.

    ``"assumed 5 %/yr"`` -> ``[("5 %", 0.05)]``, ``"人口增长率 2.5‰"`` -> ``[("2.5‰", 0.0025)]``;
    ``百分之5`` and ``千分之2.5`` are read alike. Other numbers (years, values) are left out.
    """
    out = []
    for m in _FIGURE.finditer("" if source is None or pd.isna(source) else str(source)):
        if m.group(1) is not None:
            number, mark = float(m.group(1).replace("\u2212", "-")), m.group(2)
            mille = mark == "\u2030" or "mille" in mark.lower()
        else:
            number, mark = float(m.group(4)), m.group(3)
            mille = mark == "\u5343\u5206\u4e4b"
        out.append((m.group(0).strip(), number / (1000 if mille else 100)))
    return out


def warn_rate_beside_source(driver: str, rate: float, source: object, where: str
                            ) -> str | None:
    """Warn (and return the text) when a rate is a power of ten off its own source's figure.

    A growth row ``gdp,2022,2030,0.005,"assumed 5 %/yr"`` (0.005 typed for 0.05) or
    ``population,...,0.025,"人口增长率 2.5‰"`` (a per-mille rate typed as a share: 2.5 ‰ is
    0.0025) lies inside the usual band, so only the source text shows the slip (round 30
    KF44, KF61). The rate is judged against the percent and per-mille figures of
    :func:`source_rates`: when none equals the rate (to 1 %) and one equals it times 10, 100,
    1/10 or 1/100, the row warns. A source that states no figure, or the rate's own, is quiet.

    Parameters
    ----------
    driver : str
        ``gdp`` or ``population``.
    rate : float
        Share per year as written in the row.
    source : str
        The row's source text.
    where : str
        The file and row, e.g. ``"growth.csv, row 2"``.

    Warns
    -----
    UnusualDriverWarning
        Naming the row, the rate, the source's figure and the rate it states.
    """
    figures = source_rates(source)
    if not figures or rate == 0 or any(abs(x - rate) <= 0.01 * abs(rate) for _, x in figures):
        return None
    for text, x in figures:
        if x == 0 or any(abs(rate * k - x) <= 0.01 * abs(x) for k in (1.0, -1.0)):
            continue
        ratio = x / rate
        power = [k for k in (10, 100, 0.1, 0.01) if abs(ratio - k) <= 0.01 * k]
        if not power:
            continue
        message = (f"{where}, column 'rate': {driver} rate {rate:g} ({rate:.2%} a year), but "
                   f"the row's source says '{text}', which is {x:g} ({x:.2%} a year), "
                   f"and the rate is {1 / power[0]:g} x that figure: a decimal place or "
                   f"a per-mille figure typed as a share? valid: {x:g} if the source's "
                   "figure is meant, or correct the source text if the rate is right")
        warnings.warn(message, UnusualDriverWarning, stacklevel=3)
        return message
    return None


def _readings(rate: float, driver: str) -> str:
    """The slips a growth rate outside its usual band may be: a sign, a decimal place."""
    low, high = USUAL_GROWTH[driver]
    out = [f"{x:g} for {x:.1%}/yr" for x in (-rate, rate / 10)
           if low <= x <= high and (x != -rate or driver == "gdp")]
    return " or ".join(out) if out else f"a rate within {low:g}..{high:g}"


def check_driver_steps(drivers: pd.DataFrame, label: str) -> None:
    """Hold the growth between given GDP and population values to the growth file's bounds.

    init interpolates a driver between the years the drivers input gives, so two given
    values imply a mean annual growth ``(b / a) ** (1 / (year_b - year_a)) - 1`` that no
    growth row states. A 2030 GDP of 38410 亿元 typed for 3841 beside 2600 in 2022 implies
    +40 %/yr (round 19, U76), a rate the growth file refuses.

    Parameters
    ----------
    drivers : pandas.DataFrame
        ``driver, year, value, line`` (one row per driver and year).
    label : str
        The user's file name.

    Raises
    ------
    ImplausibleValueError
        An implied rate outside (:data:`RATE_LOW`, :data:`RATE_HIGH`), naming both rows.

    Warns
    -----
    UnusualDriverWarning
        An implied rate outside :data:`USUAL_GROWTH`, naming both rows.
    """
    problems = []
    for driver in ("gdp", "population"):
        rows = drivers[drivers["driver"] == driver].sort_values("year")
        for a, b in itertools.pairwise(rows.itertuples(index=False)):
            if a.value <= 0 or b.value <= 0 or b.year <= a.year:
                continue
            rate = (b.value / a.value) ** (1 / (b.year - a.year)) - 1
            if RATE_LOW < rate < RATE_HIGH:
                warn_unusual_growth(
                    driver, rate, f"{label}, rows {a.line} and {b.line}",
                    f"{a.year + 1}..{b.year} ({a.value:,.6g} in {a.year}, {b.value:,.6g} in "
                    f"{b.year}, interpolated between)",
                    f"{driver} {b.year} near {a.value * (1 + rate / 10) ** (b.year - a.year):,.4g}"
                    f" (a decimal place) or a value from the statistics")
                continue
            problems.append(Problem(
                f"{driver} {b.year} implies {rate:+.1%} a year since row {a.line} "
                f"({driver} {a.year} = {a.value:,.6g}); init interpolates between given years, "
                f"and no city's {driver} changes that fast (the growth file refuses such a "
                "rate); probably a unit or digit slip in one of the two rows", file=label,
                row=b.line, column="value", value=b.value,
                valid=f"a value giving a rate above {RATE_LOW:g} and below {RATE_HIGH:g} a "
                      f"year: {a.value * (1 + RATE_LOW) ** (b.year - a.year):,.1f} .. "
                      f"{a.value * (1 + RATE_HIGH) ** (b.year - a.year):,.1f}, e.g. "
                      + (f"{b.value / 10:,.6g} if a digit was added" if rate > 0 else
                         f"{b.value * 10:,.6g} if a digit was lost")))
    if problems:
        raise ImplausibleValueError(problems, label)


def check_growth_overlaps(growth: pd.DataFrame, label: str) -> None:
    """Refuse two growth rows of one driver whose periods overlap.

    Raises
    ------
    DataError
        Naming the later row, its period and the row it overlaps.

    Warns
    -----
    GrowthGapWarning
        A row starting the year after the previous row's end (``2022,2025`` then
        ``2026,2030``): the year between is left to init's default rate; the rows, the
        year and the start that closes the gap are named.
    """
    problems = []
    for driver, rows in growth.groupby("driver", sort=True):
        rows = rows.sort_values("start")
        prev = None
        for r in rows.itertuples(index=False):
            if prev is not None and r.start < prev.end:
                problems.append(Problem(
                    f"the {driver} growth period {r.start}..{r.end} overlaps {prev.start}.."
                    f"{prev.end} of row {prev.line}; which rate holds in the years of both is "
                    "not said", file=label, row=r.line, column="start", value=r.start,
                    valid=f"a start of {prev.end} or later (periods one after another)"))
            elif prev is not None and r.start == prev.end + 1:
                warnings.warn(
                    f"{label}, row {r.line}, column 'start': the {driver} growth period "
                    f"{r.start},{r.end} begins the year after row {prev.line}'s end {prev.end}; "
                    f"a row covers the years after its start ({r.start + 1}..{r.end}), so "
                    f"{r.start} has no rate of this file (init's default rate, unless the drivers "
                    "input gives the year); valid: "
                    f"start {prev.end} (years {prev.end + 1}..{r.end}, a plan period "
                    f"{prev.end + 1}-{r.end}), or a row for {r.start} if the gap is meant",
                    GrowthGapWarning, stacklevel=3)
            prev = r if prev is None or r.end > prev.end else prev
    DataError.collect(problems, label)


def warn_base_intensity(drivers: pd.DataFrame, co2_kt: float, base_year: int) -> None:
    """Warn of a base-year CO2 per GDP outside China's range, naming the user's GDP row.

    The balance's inventory (``co2_kt``) over the drivers input's base-year GDP (in 亿元, as
    :func:`carbonpath.init.inputs.read_drivers` gives it), against
    :data:`carbonpath.dataset.intensity_band.CARBON_INTENSITY_USUAL` (round 26 KB104: the
    province's 87,435 亿元 beside a city's 33.6 Mt gave 0.038 t CO2/万元).

    Warns
    -----
    UnusualIntensityWarning
        Naming the drivers file and row of the base-year GDP.
    """
    from carbonpath.dataset.intensity_band import (
        UnusualIntensityWarning,
        intensity_note,
        per_person_note,
    )

    label = drivers.attrs.get('file', 'drivers')
    gdp = drivers[(drivers["driver"] == "gdp") & (drivers["year"] == base_year)]
    if len(gdp) != 1:
        return
    row = gdp.iloc[0]
    where = f"{label}, row {row['line']}"
    text = intensity_note(co2_kt * 1e3, float(row["value"]) * 1e8, base_year, where)
    if text:
        warnings.warn(text, UnusualIntensityWarning, stacklevel=3)
    pop = drivers[(drivers["driver"] == "population") & (drivers["year"] == base_year)]
    if len(pop) == 1:  # KE14: GDP and population both x10 keep CO2 per GDP usual
        text = per_person_note(co2_kt * 1e3, float(pop.iloc[0]["value"]) * 1e4, base_year,
                               f"{label}, row {pop.iloc[0]['line']}",
                               gdp=(float(row["value"]) * 1e8, f"row {row['line']}"))
        if text:
            warnings.warn(text, UnusualIntensityWarning, stacklevel=3)


def warn_growth_gaps(driver: str, defaulted: dict[int, float], growth: pd.DataFrame,
                     label: str, known_before: int) -> None:
    """Warn of model years before a growth row of ``driver`` that take init's default rate.

    :func:`check_growth_overlaps` names the year between two periods one year apart (N90),
    which the file alone shows; this names the rest, which need the base year and the given
    driver values: the years from the last given value (or the base year) to the start of
    the first row after them (a plan's "2023-2030" typed ``2023,2030`` over a base year 2022:
    2023 had the default 5 %/yr and the planner's 7 % from 2024, round 26 KB103), and gaps of
    more than one year between rows. Years after the file's last period are not named: a
    default beyond the user's rates is the documented continuation (README, replace first).

    Parameters
    ----------
    driver : str
        ``gdp`` or ``population``.
    defaulted : dict
        Model year -> init's default rate (share per year) used in it.
    growth : pandas.DataFrame
        ``driver, start, end, rate, line`` (:func:`carbonpath.init.inputs.read_growth`).
    label : str
        The growth file's name.
    known_before : int
        The last year before the gaps whose value is known (base year or a given value).

    Warns
    -----
    GrowthGapWarning
        Once per row after a gap: the row, its period, the years and their default rate,
        and the start that closes the gap.
    """
    rows = growth[growth["driver"] == driver].sort_values("start")
    ends = set(rows["end"].astype(int))
    for r in rows.itertuples(index=False):
        before = max((int(o.end) for o in rows.itertuples(index=False) if o.start < r.start),
                     default=None)  # the end of the periods before this one
        gap = [y for y in sorted(defaulted) if y <= r.start and (before is None or y > before)]
        if not gap or (gap == [r.start] and r.start - 1 in ends):
            continue  # none, or N90's one year between two periods (read_growth warns)
        prev = max([e for e in ends if e < gap[0]] + [known_before])
        what = ("last year with a given value" if prev == known_before and prev not in ends
                else "end of the period before")
        rates = sorted({defaulted[y] for y in gap})
        years = f"{gap[0]}" if len(gap) == 1 else f"{gap[0]}..{gap[-1]}"
        warnings.warn(
            f"{label}, row {r.line}, column 'start': the {driver} growth period "
            f"{r.start},{r.end} covers the years after its start ({r.start + 1}..{r.end}), "
            f"so {years} (after {prev}, the {what}) has no rate of this file and takes "
            f"init's default {' / '.join(f'{x:.1%}' for x in rates)}/yr; valid: start "
            f"{prev} (years {prev + 1}..{r.end}, a plan period {prev + 1}-{r.end}), or a row "
            f"for {years} if the gap is meant", GrowthGapWarning, stacklevel=3)


def check_growth_used(drivers: pd.DataFrame, growth: pd.DataFrame, base_year: int,
                      horizon: int, drivers_label: str, growth_label: str) -> list[str]:
    """Warn of growth rows whose years given driver values decide instead.

    init interpolates a driver between the years the drivers input gives (from the base
    year on, beyond the horizon too) and applies the growth rates only outside them. A
    growth row covering years ``start+1 .. end`` inside that span is then not used there.
    It is said when the row is used in no model year at all, or when its rate differs by
    more than :data:`GROWTH_TOLERANCE` from the mean annual growth between two given values
    around some of its years.

    Parameters
    ----------
    drivers : pandas.DataFrame
        ``driver, year, value, line`` (:func:`carbonpath.init.inputs.read_drivers`).
    growth : pandas.DataFrame
        ``driver, start, end, rate, line`` (:func:`carbonpath.init.inputs.read_growth`).
    base_year, horizon : int
        The model years.
    drivers_label, growth_label : str
        The user's file names.

    Returns
    -------
    list of str
        The texts warned (:class:`GrowthNotUsedWarning`), one per growth row and pair of
        given years; one per growth row when the row is used in no model year and the given
        values are more than two (round 29 KE23: eight years' values gave eight warnings).
    """
    texts = []
    for g in growth.itertuples(index=False):
        given = drivers[(drivers["driver"] == g.driver) & (drivers["year"] >= base_year)]
        given = given.sort_values("year")
        if len(given) < 2:
            continue
        years = [int(y) for y in given["year"]]
        covered = list(range(max(g.start, base_year) + 1, min(g.end, horizon) + 1))
        unused = [y for y in covered if years[0] <= y <= years[-1]]
        if not unused:
            continue
        whole = len(unused) == len(covered)
        rows = list(given.itertuples(index=False))
        pairs = [(a, b) for a, b in itertools.pairwise(rows)
                 if any(a.year < y <= b.year for y in unused) and a.value > 0 and b.value > 0]
        if whole and len(pairs) > 1:  # round 29 KE23: one warning per row, not per year
            lines = [str(a.line) for a, _ in pairs] + [str(pairs[-1][1].line)]
            text = (f"{growth_label}, row {g.line}: the {g.driver} growth of {g.rate:.1%}/yr "
                    f"over {g.start + 1}..{g.end} is used in no model year: {drivers_label} "
                    f"gives {g.driver} in {len(lines)} years from {pairs[0][0].year} to "
                    f"{pairs[-1][1].year} (rows {', '.join(lines)}), and init interpolates "
                    f"between given years; valid: the given {g.driver} values after "
                    f"{pairs[0][0].year} deleted to let the rate hold, growth periods outside "
                    f"{years[0]}..{years[-1]}, or the growth row deleted")
            warnings.warn(text, GrowthNotUsedWarning, stacklevel=3)
            texts.append(text)
            continue
        for a, b in itertools.pairwise(rows):
            inside = [y for y in unused if a.year < y <= b.year]
            if not inside or a.value <= 0 or b.value <= 0:
                continue
            mean = (b.value / a.value) ** (1 / (b.year - a.year)) - 1
            if not whole and abs(mean - g.rate) <= GROWTH_TOLERANCE:
                continue
            by_rate = (f" ({g.driver} {b.year} would be "
                       f"{a.value * (1 + g.rate) ** (b.year - a.year):,.4g})"
                       if g.start <= a.year and b.year <= g.end else "")
            after = f" (after the horizon {horizon})" if b.year > horizon else ""
            text = (
                f"{growth_label}, row {g.line}: the {g.driver} growth of {g.rate:.1%}/yr over "
                f"{g.start + 1}..{g.end} is not used in {inside[0]}..{inside[-1]}: "
                f"{drivers_label} rows {a.line} and {b.line} give {g.driver} {a.year} = "
                f"{a.value:,.4g} and {b.year}{after} = {b.value:,.4g} ({mean:.1%}/yr), and init "
                "interpolates between given years"
                + (" (the row is used in no model year)" if whole else "")
                + f"; valid: the given {g.driver} values after {a.year} deleted to let the "
                f"rate hold{by_rate}, growth periods "
                f"outside {years[0]}..{years[-1]}, or the two made to agree")
            warnings.warn(text, GrowthNotUsedWarning, stacklevel=3)
            texts.append(text)
    return texts
