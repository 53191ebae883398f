"""The caveats a report shows above everything else (issue 11, round-9 R11 and X05).

Two kinds, both a banner at the top of the report (HTML and Markdown) and of its annex:

* results rendered with ``carbonpath report --accept-edited``: the files under ``results/``
  that changed after the run wrote them (their checksums differ from the run's manifest,
  :func:`carbonpath.output_changes.changed_results`), so numbers drawn from them are not the
  model's; edited files the report draws no number from (:func:`drawn_on`) are named
  apart, so a reader does not look for their edits in it (D150);
* the dataset's own ``caveats`` (``dataset.yaml``, a list of texts; ``carbonpath init
  --allow-implausible`` writes one per implausible value it accepted), which the run
  records in ``run.json`` under ``dataset.caveats``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["caveats", "drawn_on"]


def drawn_on(name: str) -> bool:
    """Whether the report may draw numbers from the result file ``name``.

    The report reads ``results/analysis/`` only for its optional tables (``wedges.csv``,
    ``macc.csv``: :data:`carbonpath.report.overview.OPTIONAL_TABLES`) and never reads
    ``iamc.csv``; the scenario tables there (``scenario_cost.csv`` and the others) it
    recomputes from ``run.json`` and the pathways (D150). Any other file may be drawn on.

    Parameters
    ----------
    name : str
        Path relative to ``results/`` (``analysis/scenario_cost.csv``).

    Returns
    -------
    bool
        False for a file the report draws no number from.
    """
    from carbonpath.report.overview import OPTIONAL_TABLES

    optional = {path for path, _ in OPTIONAL_TABLES.values()}
    if name == "iamc.csv":
        return False
    return not name.startswith("analysis/") or name in optional


def caveats(t: Callable[..., str], meta: dict[str, Any], extras: dict[str, Any]) -> list[str]:
    """The report's caveats, in the report's language, edited results first.

    Parameters
    ----------
    t : callable
        The report's translation function (``t(key, **values)``).
    meta : dict
        ``run.json`` as loaded; ``meta["dataset"]["caveats"]`` is a list of texts (absent
        in results saved before caveats were recorded: none).
    extras : dict
        The report's optional inputs; ``extras["edited_results"]`` lists the names of the
        edited result files (absent or empty: none); ``extras["unverified_results"]`` is
        True when no manifest lists the results, so edits cannot be found;
        ``extras["unverified_montecarlo"]`` the same of the ``--montecarlo`` store.

    Returns
    -------
    list of str
        One text per caveat (empty: the report shows no banner).
    """
    out = []
    if extras.get("unverified_results"):  # X103: no manifest, so no edit could be found
        out.append(t("caveat_unverified"))
    if extras.get("unverified_montecarlo"):  # F69: a store copied without its manifest
        out.append(t("caveat_unverified_montecarlo"))
    edited = extras.get("edited_results") or []
    drawn = [name for name in edited if drawn_on(name)]
    if drawn:
        out.append(t("caveat_edited", files=", ".join(f"`{name}`" for name in drawn)))
    if len(drawn) < len(edited):  # D150: say which edits the report does not show
        out.append(t("caveat_edited_unread", files=", ".join(
            f"`{name}`" for name in edited if name not in drawn)))
    for text in (meta.get("dataset") or {}).get("caveats") or []:
        out.append(t("caveat_dataset", text=text))
    return out
