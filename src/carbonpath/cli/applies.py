"""Options of ``inventory`` and ``decompose`` that do not apply to the input are errors.

docs/cli.md promises that an option that does not apply to the input is an error, never
silently ignored:

* ``--coal-rate-basis`` chooses the coal rate of primary electricity under
  ``--primary-electricity coal_consumption`` only (:func:`coal_rate_applies`);
* ``--energy-basis`` is the calorific basis of fuels given in J or Wh (not electricity or
  heat, not tce): an input without such a row does not use it (:func:`unused_activity_options`);
* ``--gas-condition`` is the reference condition of plain gas volumes (m3, 万立方米): an
  input without such a row does not use it, and neither does one whose every such row
  names its own ``gas_condition`` cell (round 13 G76, G82); ``--energy-basis`` likewise
  when every row in J or Wh names its own ``energy_basis`` cell (round 21 J108; with a
  cell saying otherwise, :func:`carbonpath.read_activity` refuses the argument itself).
  Of an energy balance sheet it is the condition of the sheet's gas volumes, passed to
  :func:`carbonpath.read_energy_balance`;
* ``--region`` and ``--year`` give the region and year of rows without one: when every
  row gives its own and none is the option's, the option was read by no row
  (:func:`carbonpath.accounting.arguments.unread_region_year`, round 11 C56), refused as
  soon as the rows are read (``dataset_rows_inventory(options=...)``, round 26 ZA37).
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import CarbonpathError

__all__ = ["coal_rate_applies", "reads_without_options", "unused_activity_options"]


def coal_rate_applies(coal_rate_basis: str | None, primary_electricity: str | None) -> str | None:
    """Why ``--coal-rate-basis`` does not apply (None if it does or is not given)."""
    if coal_rate_basis is None or primary_electricity == "coal_consumption":
        return None
    chosen = (f"--primary-electricity {primary_electricity}" if primary_electricity
              else "no --primary-electricity")
    return (f"--coal-rate-basis {coal_rate_basis} applies only with --primary-electricity "
            f"coal_consumption (the coal rate converts primary electricity to coal); with "
            f"{chosen} it would be ignored, so leave it out")


def unused_activity_options(source: Any, region: str | None, year: int | None,
                            gas_condition: str | None, energy_basis: str | None) -> list[str]:
    """The options among ``--gas-condition`` and ``--energy-basis`` no row of ``source`` uses.

    Parameters
    ----------
    source : str, pathlib.Path, pandas.DataFrame or carbonpath.Activity
        Tidy activity, as :func:`carbonpath.read_activity` reads it, or activity already
        read (a balance sheet's rows).
    region, year, gas_condition, energy_basis
        The command's options (passed to :func:`carbonpath.read_activity`).

    Returns
    -------
    list of str
        One sentence per option given that no row uses (empty if all apply).

    An input that :func:`carbonpath.read_activity` refuses on its own (e.g. a fuel code
    that only a user factor table defines) gives no sentence: the inventory that follows
    reads it with its factors and names what is wrong.
    """
    if gas_condition is None and energy_basis is None:
        return []
    from carbonpath.codes import fuels
    from carbonpath.units import parse_unit

    if hasattr(source, "data"):  # an Activity already read (a balance sheet's rows, C88)
        data = source.data
    else:
        data = _read(source, region, year, gas_condition, energy_basis)
        if data is None:
            return []  # the computation that follows names what is wrong, with its factors
    fl = fuels()
    volumes = energies = carrier_tce = False
    pairs = data[["fuel", "unit"]].astype(str).drop_duplicates()
    for fuel, unit in pairs.itertuples(index=False):
        dims = parse_unit(unit).dimensionality
        volumes |= dims == parse_unit("m**3").dimensionality
        if dims == parse_unit("J").dimensionality and fl.attr(fuel, "group") != "carrier":
            energies |= not _coal_equivalent(unit)
        carrier_tce |= fuel in ("electricity", "heat") and _coal_equivalent(unit)
    if is_calorific(energy_basis):
        # electricity or heat in standard coal read as 当量值 (round 10, A04/A25)
        energies, energy_basis_for = carrier_tce, "electricity or heat in standard coal"
    else:
        energy_basis_for = "fuels given in J or Wh (not electricity, heat or tce)"
    out = []
    if gas_condition is not None and not volumes:
        out.append(f"--gas-condition {gas_condition} applies to plain gas volumes (m3, 万立方米), "
                   "but no row of the input is one; leave it out")
    elif gas_condition is not None and not hasattr(source, "data") and _read(
            source, region, year, None, energy_basis) is not None:  # read without it: G76
        out.append(f"--gas-condition {gas_condition} gives the condition of gas volume rows "
                   "without one, but every gas volume row of the input names its own in its "
                   "gas_condition cell, so it would be ignored; correct the cells or leave "
                   "--gas-condition out")
    if energy_basis is not None and not energies:
        out.append(f"--energy-basis {energy_basis} applies to {energy_basis_for}, but no row "
                   "of the input is one; leave it out")
    elif energy_basis is not None and not hasattr(source, "data") and _read(
            source, region, year, gas_condition, None) is not None:  # read without it: J108
        out.append(f"--energy-basis {energy_basis} gives the basis of rows of "
                   f"{energy_basis_for} without one, but every such row of the input names "
                   "its own in its energy_basis cell, so it would be ignored; correct the "
                   "cells or leave --energy-basis out")
    return out


def is_calorific(energy_basis: str | None) -> bool:
    """Whether an ``--energy-basis`` value is ``calorific`` (当量值) or one of its aliases."""
    from carbonpath.accounting.activity.schema import _BASIS_ALIASES

    return _BASIS_ALIASES.get(str(energy_basis).strip().lower()) == "calorific"


def _coal_equivalent(unit: str) -> bool:
    import re

    return re.search(r"标准?煤|ce\b|coal_equivalent", unit) is not None


def reads_without_options(source: Any, region: str | None, year: int | None) -> bool:
    """Whether tidy activity reads without ``--gas-condition`` and ``--energy-basis``.

    True when no row needs either option (no row is a plain gas volume or a fuel in J or Wh
    with a blank cell): ``decompose`` then reads this file without them, which the other
    file may need (an option every row of one file overrides is refused by
    :func:`carbonpath.read_activity`, round 21 J108).
    """
    return _read(source, region, year, None, None) is not None


def _read(source: Any, region: str | None, year: int | None, gas_condition: str | None,
          energy_basis: str | None) -> Any:
    import carbonpath

    try:
        return carbonpath.read_activity(source, region=region, year=year,
                                        gas_condition=gas_condition,
                                        energy_basis=energy_basis).data
    except (CarbonpathError, ValueError, OSError):
        return None
