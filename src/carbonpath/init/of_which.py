"""A capacity row whose source calls it part of another row ("of which", 其中): a warning.

The refusal of a sub-type beside its parent (round 20 X80,
:func:`carbonpath.init.supply._same_technology`: ``pv`` with ``pv_rooftop``) is passed when
the yearbook's total is typed under a sibling name: ``pv_utility,180,万千瓦,"光伏装机 180
(含分布式)"`` beside ``pv_rooftop,60,万千瓦,"其中分布式光伏 60"`` builds 2,400 MW of PV for
1,800 and re-splits the balance's non-fossil generation (round 30 KF68). Two sibling types
(utility and rooftop PV, onshore and offshore wind) are usually two fleets, so the names
alone say nothing; the row's own source does: a row whose source says 其中 or "of which"
beside a sibling of the same family (the type's name before its first ``_``) at least as
large is probably counted inside it. It warns, naming both rows and the two readings.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from carbonpath.errors import CarbonpathWarning

__all__ = ["OfWhichWarning", "of_which_notes", "warn_of_which"]

_PART = re.compile(r"其中|of which|thereof", re.IGNORECASE)


class OfWhichWarning(CarbonpathWarning):
    """A capacity row whose source calls it part of a sibling row that init adds it to."""


def of_which_notes(capacity: pd.DataFrame, label: str) -> list[str]:
    """One message per capacity row whose source says "of which" beside a larger sibling.

    Parameters
    ----------
    capacity : pandas.DataFrame
        ``type, mw, source, line`` (:func:`carbonpath.init.inputs.read_capacity`), MW.
    label : str
        The file name, for messages.

    Returns
    -------
    list of str
        Naming both rows, the MW init would build and the reading if the sibling is a total.
    """
    out = []
    for part in capacity.itertuples():
        if not isinstance(part.source, str) or not _PART.search(part.source):
            continue
        family = str(part.type).split("_")[0]
        for whole in capacity.itertuples():
            if (whole.type == part.type or str(whole.type).split("_")[0] != family
                    or "_" not in str(whole.type) + str(part.type)
                    or not whole.mw >= part.mw > 0):
                continue
            out.append(
                f"{label}, row {part.line}, column 'value': '{part.type}' {part.mw:,.6g} MW has "
                f"a source that calls it part of a total ('{part.source}') beside "
                f"'{whole.type}' {whole.mw:,.6g} MW (row {whole.line}, '{whole.source}'); init "
                f"adds the two ({whole.mw + part.mw:,.6g} MW of {family}): if "
                f"'{whole.type}' is the total including '{part.type}', write "
                f"'{whole.type}' {whole.mw - part.mw:,.6g} MW (the total less {part.type}); "
                "if they are two fleets, the rows are right as written")
            break
    return out


def warn_of_which(capacity: pd.DataFrame, label: str) -> None:
    """Issue :func:`of_which_notes` as :class:`OfWhichWarning` s (round 30 KF68)."""
    for message in of_which_notes(capacity, label):
        warnings.warn(message, OfWhichWarning, stacklevel=3)
