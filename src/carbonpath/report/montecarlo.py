"""A Monte Carlo store as the report's optional tables: samples, peaks and what decides them.

``carbonpath report RESULTS --montecarlo STORE`` (and ``render_report(..., montecarlo=STORE)``)
reads a store written by ``carbonpath montecarlo`` through :func:`carbonpath.sweeps.read_store`
and turns it into the extras of :func:`carbonpath.report.overview.load_extras`:

* ``montecarlo``: the store's tidy rows (:data:`~carbonpath.report.overview.MC_COLUMNS`);
  the peak table reads the probability of peaking by the target year from its ``peak_year``
  and ``status`` rows (:func:`carbonpath.sweeps.analysis.peak_probability`: infeasible samples
  count as not peaked), the fan chart its ``emissions`` rows;
* ``sensitivity``: a global ranking of the uncertain inputs by their influence on the plan's
  peak year, or on its peak level when the peak year does not vary over the samples
  (:func:`carbonpath.sweeps.analysis.sensitivity` with SALib's PAWN estimator, Pianosi and
  Wagener 2015, 2018, on the store's own samples, so nothing is solved again). It replaces
  the one-at-a-time capex tornado. PAWN, not delta: on tiny's 20 samples and 5 groups PAWN
  takes 0.04 s, delta (with its bootstrap) 12 s; the store's own ``summary/sensitivity_cost.csv``
  ranks by cost, not by the peak, so it is not used here.

A store of another dataset than the results' (the dataset checksums recorded in ``store.json``
and in ``run.json`` differ) is refused with :class:`~carbonpath.errors.StoreMismatchError`,
as is a store solved at another number of blocks a day (``--hours``) than the results.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import ResultsError, StoreMismatchError, short_list

__all__ = ["SENSITIVITY_COLUMNS", "montecarlo_extras", "sensitivity_groups"]

#: Columns of the ``sensitivity`` extra: the plan's (or each scenario's) ranking of the inputs.
SENSITIVITY_COLUMNS = ("scenario", "group", "inputs", "metric", "index", "confidence",
                       "rank", "samples")

#: Fewest optimal samples per scenario for a global sensitivity (PAWN conditions on 10
#: slices of each input, so fewer leaves one sample or none per slice; the store's own
#: summary uses the same threshold): :data:`carbonpath.sweeps.analysis.MIN_SAMPLES`.
MIN_SAMPLES = 20


def _manifest(store: Path) -> dict[str, Any]:
    path = store / "store.json"
    if not path.is_file():
        msg = (f"--montecarlo {store} is not a carbonpath result store (no store.json); give "
               "the --out folder of `carbonpath montecarlo`")
        raise ResultsError(msg)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{path} cannot be read as a store manifest ({exc})"
        raise ResultsError(msg) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("inputs"), dict):
        msg = f"{path} has no 'inputs' record; it is not a carbonpath result store"
        raise ResultsError(msg)
    return manifest


def _check_dataset(store: Path, manifest: dict[str, Any], result: Any) -> None:
    found = manifest["inputs"].get("dataset") or {}
    wanted = result.meta.get("dataset", {}).get("checksums") or {}
    differences = sorted(name for name in set(found) | set(wanted)
                         if found.get(name) != wanted.get(name))
    if differences or not found:
        name = result.meta.get("dataset", {}).get("name", "?")
        made = (manifest["inputs"].get("settings") or {}).get("dataset")
        if isinstance(made, str) and made and name != "?" and made != name:  # F12
            msg = (f"the Monte Carlo store {store} was made from dataset '{made}', these "
                   f"results from dataset '{name}': a store describes its own dataset's "
                   f"samples. Give a store made from '{name}' (`carbonpath montecarlo` on "
                   f"it), or report results of '{made}' with this store")
            raise StoreMismatchError(msg, differences)
        listed = short_list([f"{n} differs" for n in differences]) or "no dataset checksums"
        msg = (f"the Monte Carlo store {store} was made from another dataset, or another "
               f"version of its files, than these results ({name}): {listed}; "
               + _what_to_do(manifest.get("created"), result.meta.get("created"),
                             differences if found else []))
        raise StoreMismatchError(msg, differences)


def _what_to_do(store_made: Any, run_made: Any, differences: list[str]) -> str:
    """Which of the two to make again, by which is the newer (round 21 K114).

    ``store_made`` and ``run_made`` are the ISO times in ``store.json`` and ``run.json``
    (``created``). ``uncertainty.csv`` is read by ``montecarlo`` only: a store made after
    it was edited matches a new run whose numbers equal the old run's.
    """
    only_ranges = differences == ["uncertainty.csv"]
    if not (isinstance(store_made, str) and isinstance(run_made, str)) or not differences:
        return ("run `carbonpath montecarlo` on the dataset of these results, or give the "
                "results of the store's dataset")
    if store_made >= run_made:
        return (f"the store is the newer (made {store_made}, the run {run_made}), so the "
                "dataset's files changed after the run: run `carbonpath run` on the dataset "
                "again for results that match the store"
                + (" (uncertainty.csv is read by montecarlo only, so the new results will "
                   "equal these)" if only_ranges else "")
                + ", or give results run on the same files as the store")
    return (f"the results are the newer (the run made {run_made}, the store {store_made}), so "
            "the dataset's files changed after the store was made: run `carbonpath "
            "montecarlo` on the dataset again for a store that matches these results, or "
            "give the store made from the same files as them")


def _check_hours(store: Path, manifest: dict[str, Any], result: Any) -> None:
    """Refuse a store solved at another time resolution than the results (B97).

    The store's ``--hours`` (None: the dataset's own resolution, ``timeslices.model_hours``,
    else its profile ``timeslices.hours``, as :func:`carbonpath.model.data.model_hours`
    chooses it for ``montecarlo`` and ``run``) against the hours per day each scenario of
    the results was solved at (``run.json`` resolution). Round 18 R12: the profile hours
    taken as the default refused a store of the dataset's own 12 blocks as one of 24.
    """
    settings = manifest["inputs"].get("settings") or {}
    dataset = result.meta.get("dataset", {})
    timeslices = dataset.get("timeslices") or {}
    own = timeslices.get("model_hours") or timeslices.get("hours", 24)
    mine = settings.get("hours") or own
    runs = {int(s["resolution"]["hours"]) for s in result.meta.get("scenarios", {}).values()
            if isinstance(s, dict) and isinstance(s.get("resolution"), dict)
            and s["resolution"].get("hours") is not None}
    if runs and runs != {int(mine)}:
        run_hours = ", ".join(str(h) for h in sorted(runs))
        msg = (f"the Monte Carlo store {store} was solved at {mine} block(s) a day "
               f"(montecarlo --hours {settings.get('hours')}), these results at {run_hours} "
               f"(dataset {dataset.get('name', '?')}'s own: {own}); the report would mix the two. "
               f"Run `carbonpath montecarlo` with --hours {run_hours} (or without --hours "
               "if that is the dataset's own), or give results run at the store's --hours")
        raise StoreMismatchError(msg, ["hours"])


def _check_finished(store: Path, manifest: dict[str, Any], rows: pd.DataFrame) -> None:
    """Refuse a store whose sweep stopped before every scenario had its samples (U99).

    ``store.json`` records the samples and scenarios asked (``settings``); a sweep stopped
    part-way holds fewer, and a report of its probabilities would state them "from N samples
    per scenario" for scenarios that lack them. Each scenario's finished samples are counted
    apart (a plan with none beside a baseline with 72 of 400).
    """
    settings = manifest["inputs"].get("settings") or {}
    asked, scenarios = settings.get("samples"), settings.get("scenarios")
    if not isinstance(scenarios, list) or not scenarios:  # all of the dataset's: those seen
        scenarios = sorted(rows["scenario"].unique())
    if not isinstance(asked, int) or isinstance(asked, bool):
        return
    done = rows.groupby("scenario")["sample"].nunique().to_dict()
    short = [f"{s}: {int(done.get(s, 0))} of {asked}" for s in scenarios
             if done.get(s, 0) < asked]
    if short:
        msg = (f"the Monte Carlo store {store} is unfinished: it was asked for {asked} samples "
               f"per scenario and holds {short_list(short)}; its probabilities would rest on "
               "fewer samples than the store states (was the sweep stopped?). Run the same "
               "`carbonpath montecarlo` command again to resume it (it solves only the "
               "missing samples), then the report")
        raise ResultsError(msg)


def _warn_unverified(store: Path) -> bool:
    """Warn when no manifest lists the store's files (round 23, F69), as for results (X103).

    Returns True if it warned (the report's "Read with care" box then says so too).
    """
    import warnings

    from carbonpath.output_changes import UnverifiedResultsWarning
    from carbonpath.outputs import MANIFEST
    from carbonpath.sweeps.store_checks import damaged_store_files

    if damaged_store_files(store) is not None:
        return False
    warnings.warn(f"--montecarlo {store}: no {MANIFEST} lists the store's files (a copy that "
                  "skipped hidden files, or a folder carbonpath did not write), so whether "
                  "its samples are what the sweep wrote cannot be checked: an edited part "
                  "would be reported as the model's. Run `carbonpath montecarlo` again, or "
                  "copy the store with its hidden files (cp -r STORE DEST)",
                  UnverifiedResultsWarning, stacklevel=3)
    return True


def _warn_few(store: Path, rows: pd.DataFrame) -> None:
    """Warn when a scenario has fewer than 20 samples (round 22, N126); the report says so too."""
    import warnings

    from carbonpath.sweeps.analysis import FewSamplesWarning, few_samples

    status = rows[rows["metric"] == "status"]
    fewest = int(status.groupby("scenario")["sample"].nunique().min()) if len(status) else 0
    if few_samples(fewest):
        warnings.warn(f"--montecarlo {store}: {few_samples(fewest)}; the report shows its "
                      "probabilities and fan chart with this caution", FewSamplesWarning,
                      stacklevel=3)


def sensitivity_groups(inputs: pd.DataFrame) -> SimpleNamespace:
    """The groups of the sampled inputs, recovered from the samples themselves.

    Inputs of one correlated group share one rank in every sample (the sampler draws one
    Latin hypercube dimension per group), so inputs whose ranks are identical over all
    samples are one group, named by its first input.

    Parameters
    ----------
    inputs : pandas.DataFrame
        The store's sampled inputs: ``sample``, ``input``, ``value``.

    Returns
    -------
    types.SimpleNamespace
        ``inputs``: a list of objects with ``name`` and ``group``, as
        :func:`carbonpath.sweeps.analysis.sensitivity` reads them from an ``Uncertainty``.
    """
    wide = inputs.pivot(index="sample", columns="input", values="value")
    ranks = wide.rank(method="first")
    order = list(dict.fromkeys(inputs["input"]))
    seen: dict[tuple, str] = {}
    specs = []
    for name in order:
        key = tuple(ranks[name].to_numpy())
        group = seen.setdefault(key, name)
        specs.append(SimpleNamespace(name=name, group=group))
    return SimpleNamespace(inputs=specs)


def _sensitivity(rows: pd.DataFrame, inputs: pd.DataFrame) -> pd.DataFrame:
    from carbonpath.sweeps import analysis

    empty = pd.DataFrame(columns=list(SENSITIVITY_COLUMNS))
    if inputs.empty:
        return empty
    groups = sensitivity_groups(inputs)
    out = []
    for scenario in sorted(rows["scenario"].unique()):
        mine = rows[rows["scenario"] == scenario]
        for metric in ("peak_year", "peak_level"):
            values = mine[mine["metric"] == metric]["value"].dropna()
            if len(values) < MIN_SAMPLES or np.ptp(values.to_numpy()) == 0:
                continue
            frame = analysis.sensitivity(mine, inputs, groups, metric=metric,
                                         method="pawn", scenario=scenario)
            if frame["index"].notna().any():
                frame["metric"] = metric
                out.append(frame)
                break
    if not out:
        return empty
    return pd.concat(out, ignore_index=True)[list(SENSITIVITY_COLUMNS)]


def montecarlo_extras(store: str | Path, result: Any) -> dict[str, pd.DataFrame]:
    """Read a Monte Carlo store as the report's optional tables.

    Parameters
    ----------
    store : str or pathlib.Path
        The ``--out`` folder of ``carbonpath montecarlo`` (holding ``store.json``).
    result : carbonpath.run.RunResult
        The loaded results the report is about (their ``run.json`` records the dataset's
        checksums).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``montecarlo``: the store's rows (``scenario``, ``sample``, ``year``, ``metric``,
        ``value``, ``text``; emissions in kt of the targets' gas, peak years, statuses);
        ``sensitivity`` (:data:`SENSITIVITY_COLUMNS`; empty with fewer than
        :data:`MIN_SAMPLES` optimal samples per scenario, or when neither the peak year nor
        the peak level varies over the samples): SALib's PAWN index (median
        Kolmogorov-Smirnov distance between the output's distribution and its distributions
        conditional on slices of the input; 0 = no influence, at most 1) of each input group
        on the peak year (or level), rank 1 = most influential.

    Raises
    ------
    ResultsError
        If the folder is not a store, the store holds no samples or fewer than it was asked
        for in some scenario (an interrupted sweep), or a file of the store is
        missing, edited, a symbolic link or not carbonpath's (checked against its manifest
        by :func:`carbonpath.sweeps.store_checks.check_store_files`, before anything is
        read).
    StoreMismatchError
        If the store was made from another dataset than the results (names the datasets, or
        the files whose checksums differ), or holds parts of another store.

    Warns
    -----
    UnverifiedResultsWarning
        No manifest lists the store's files, so they cannot be checked (``extras`` then
        holds ``unverified_montecarlo``: the report's "Read with care" box says so).
    FewSamplesWarning
        A scenario with fewer than 20 samples (:func:`carbonpath.sweeps.analysis.few_samples`).
    """
    from carbonpath.sweeps import read_store
    from carbonpath.sweeps.store_checks import check_store_files, read_part

    folder = Path(store)
    manifest = _manifest(folder)
    _check_dataset(folder, manifest, result)  # another dataset named first, then damage
    _check_hours(folder, manifest, result)
    check_store_files(folder)
    rows = read_store(folder)
    if rows.empty:
        msg = f"the Monte Carlo store {folder} holds no finished samples yet"
        raise ResultsError(msg)
    _check_finished(folder, manifest, rows)
    unverified = _warn_unverified(folder)
    _warn_few(folder, rows)
    inputs_path = folder / "inputs.parquet"
    if not inputs_path.is_file():  # KB42: no sensitivity without the sampled inputs, said
        msg = (f"the Monte Carlo store {folder} is damaged: {inputs_path} (the sampled "
               "inputs) is missing; run the same `carbonpath montecarlo` command into it to "
               "write it again (the same seed draws the same samples)")
        raise ResultsError(msg)
    inputs = read_part(inputs_path)
    return {"montecarlo": rows, "sensitivity": _sensitivity(rows, inputs),
            **({"unverified_montecarlo": True} if unverified else {})}
