"""The ``carbonpath`` typer app, its callback and ``version``; errors, warnings, dataset used."""

from __future__ import annotations

import contextlib
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer

import carbonpath
from carbonpath._checks import shell_word, unexpanded_home
from carbonpath.cli.checks import _Group
from carbonpath.errors import CarbonpathError, CarbonpathWarning

app = typer.Typer(
    cls=_Group,
    name="carbonpath",
    help="Carbon-peaking analysis: inventories, least-cost pathways and reports.",
    no_args_is_help=True,
    add_completion=False,
)


class Format(StrEnum):
    """Output formats."""

    table = "table"
    csv = "csv"
    json = "json"


@app.callback()
def _main(ctx: typer.Context) -> None:
    """Carbon-peaking analysis: inventories, least-cost pathways and reports."""
    _utf8_in_a_c_locale()
    _no_collection_at_exit()
    ctx.with_resource(_warnings_as_lines(YEAR_FLAGS.get(ctx.invoked_subcommand or "", "--year")))


def _no_collection_at_exit() -> None:
    """Spare the command's process the collector's passes over all its objects at exit.

    When the interpreter ends, it collects every object of the process (about 0.2 s of CPU
    after ``carbonpath run`` of the bundled Liaocheng dataset, for memory the system takes
    back anyway). An exit handler moves them to the collector's permanent generation
    (:func:`gc.freeze`) instead; it runs after the command and after the exit handlers
    registered later (temporary folders, ``weakref.finalize``). Nothing the command writes
    waits for it: outputs, caches and locks are written and closed by the command itself,
    and the standard streams are flushed by the interpreter. Registered once per process.
    """
    import atexit
    import gc

    if not getattr(_no_collection_at_exit, "registered", False):
        _no_collection_at_exit.registered = True  # type: ignore[attr-defined]
        atexit.register(gc.freeze)




def _utf8_in_a_c_locale() -> None:
    """Write UTF-8 when the locale says ASCII (``LC_ALL=C`` with Python's UTF-8 mode off).

    Chinese names would otherwise print as ``?`` or crash the command. File names given on
    the command line in such a locale hold their bytes as surrogates; ``surrogateescape``
    writes those bytes back unchanged.
    """
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if codecs.lookup(encoding).name == "ascii" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")


YEAR_FLAGS = {"decompose": "--years START END"}
"""Commands whose option for the library's ``year=`` is not ``--year`` (round 19 T54)."""


@contextlib.contextmanager
def _warnings_as_lines(year_flag: str = "--year") -> Iterator[None]:
    """Print each warning of a command as one ``warning: <message>`` line on stderr.

    Python's default format shows the source line of the caller (``cli.py:101: ...``),
    which tells a user of the command nothing. A warning repeated word for word is printed
    once. ``year_flag`` is the command's option for ``year=`` (:data:`YEAR_FLAGS`).
    """
    seen: set[str] = set()

    def show(message: Warning | str, *_: Any, **__: Any) -> None:
        """Print one warning as a line, once (a check run for every solve repeats it)."""
        text = _as_options(str(message), year_flag=year_flag)
        if text not in seen:
            seen.add(text)
            typer.echo(f"warning: {text}", err=True)

    with warnings.catch_warnings():  # restores the filters and showwarning afterwards
        warnings.simplefilter("always", CarbonpathWarning)
        warnings.showwarning = show
        yield


@app.command()
def version() -> None:
    """Print carbonpath's version."""
    typer.echo(carbonpath.__version__)


_ARGUMENTS = ("year", "region", "energy_basis", "gas_condition", "production",
              "primary_electricity", "coal_rate_basis", "hours", "gwp")


def _as_mapping_option(text: str) -> str:
    """Say ``map it: mapping={'columns': {label: code}}`` as the ``--mapping FILE`` option."""
    def say(m: re.Match[str]) -> str:
        """The advice for one matched ``mapping={...}`` hint, as the CLI option."""
        axis = "column" if m[1] == "columns" else "row"
        return (f"map it with --mapping FILE, a CSV holding the lines 'axis,label,code' and "
                f"'{axis},{m[2]},{m[3]}'")

    return re.sub(r"map it: mapping=\{'(columns|rows)': \{'([^']*)': '([^']*)'\}\}", say, text)


def _as_options(text: str, factors: bool = False, year_flag: str = "--year") -> str:
    """Say the library's keyword arguments as this command's options (--year ...).

    ``compute_inventory(..., gwp='AR6')`` reads ``--gwp AR6``: a CLI message names CLI
    options, not the Python calls behind them. With ``factors`` (a command that has
    ``--factors``), a user factor table is that option, not ``load_factors(extra=...)``.
    ``year_flag`` is the command's option for ``year=`` (``decompose`` has ``--years START
    END``, no ``--year``: round 19 T54).
    """
    names = "|".join(_ARGUMENTS)
    if factors:  # round 12 E57: the command's own option, not the API
        text = text.replace("a user factor table (load_factors(extra=...))",
                            "a user factor table (--factors FILE; docs: Factor tables)")
    text = re.sub(rf"\b\w+\(\.\.\., ({names})='([\w.]+)'\)",
                  lambda m: f"--{m[1].replace('_', '-')} {m[2]}", text)
    for name in _ARGUMENTS:
        flag = year_flag if name == "year" else "--" + name.replace("_", "-")
        text = re.sub(rf"read_activity\({name}=\.\.\.\)", flag, text)
        text = re.sub(rf"\b{name}=\.\.\.", flag, text)
        text = re.sub(rf"\b{name}='([\w.]+)'", rf"{flag} \1", text)
    return text


def _fail(exc: Exception, *, factors: bool = False, mapping: bool = False,
          year_flag: str = "--year") -> NoReturn:
    """Print the error as one ``error:`` line and exit with status 1.

    ``factors``: the command has ``--factors`` (see :func:`_as_options`); ``mapping``: it
    has ``--mapping`` (a balance sheet's ``mapping=`` hint is said as that option);
    ``year_flag``: the command's option for the library's ``year=`` (:data:`YEAR_FLAGS`).
    """
    text = _as_options(_message(exc), factors, year_flag)
    typer.echo(f"error: {_as_mapping_option(text) if mapping else text}", err=True)
    raise typer.Exit(1)


def _solve_or_fail(job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a job that solves, or print why it failed and exit.

    An infeasible model's diagnosis is printed target by target before the error line.
    """
    try:
        return job(*args, **kwargs)
    except carbonpath.InfeasibleError as exc:
        _print_diagnosis(exc)
        _fail(exc)
    except (CarbonpathError, KeyError, ValueError, OSError) as exc:
        _fail(exc)


def _one_scenario(job: Callable[..., Any], command: str,
                  dataset: str) -> Callable[..., Any]:
    """``job`` (called with ``scenario=``), naming a list of scenarios given as one (ME83).

    ``--scenario plan,baseline`` is one unknown name to the dataset, whose nearest-name hint
    drops all but one of them; a command that solves one scenario says so instead: give one
    at a time, or ``carbonpath run`` for every scenario the dataset's roles name.
    """
    def call(*args: Any, **kwargs: Any) -> Any:
        """Run the command; a comma list given as one scenario gets the one-at-a-time advice."""
        from carbonpath.errors import UnknownNameError

        try:
            return job(*args, **kwargs)
        except UnknownNameError:
            name = str(kwargs.get("scenario") or "")
            parts = [p.strip() for p in re.split(r"[,，;；]", name) if p.strip()]
            if len(parts) < 2:
                raise
            where = shell_word(dataset)  # KF72: a folder with spaces, quoted to paste
            turns = ", ".join(f"`carbonpath {command} {where} --scenario {shell_word(p)}`"
                              for p in parts)
            msg = (f"--scenario '{name}' lists {len(parts)} scenarios ({', '.join(parts)}); "
                   f"{command} takes one scenario at a time: run them in turn ({turns}), "
                   f"or `carbonpath run {where}` to solve every scenario the dataset's "
                   "roles name (plan, baseline, ...)")
            raise UnknownNameError(msg) from None
    return call


def _message(exc: Exception) -> str:
    """The error's text; for a file that cannot be opened, the file and why, without errno."""
    if isinstance(exc, OSError) and exc.filename is not None:
        why = {IsADirectoryError: "is a folder, not a file",
               FileNotFoundError: "no such file"}.get(type(exc), exc.strerror or str(exc))
        return f"{exc.filename}: {why}"
    return str(exc)


def _check_files(files: dict[str, Path | list[Path] | None]) -> None:
    """Fail with one line if an input file (keyed by its argument or option) is not a file."""
    for name, paths in files.items():
        for path in paths if isinstance(paths, list) else [paths]:
            if path is not None and not path.is_file():
                why = "is a folder, not a file" if path.is_dir() else (
                    "does not exist" + unexpanded_home(path))  # ZE108
                _fail(FileNotFoundError(f"{name} {path} {why}"))


def _say_dataset(dataset: str, *, done: bool = False) -> None:
    """Say (stderr) which folder DATASET names.

    A folder path with a ``dataset.yaml`` wins over a bundled dataset of the same name
    (:func:`carbonpath.load_dataset`), so a local ``./tiny`` silently replaces the bundled
    ``tiny``. Before the work (``done=False``) a note is printed only when both exist; after
    it (``done=True``) the folder used is always printed.
    """
    path = Path(dataset)
    bundled = carbonpath._resources.data_path("datasets") / dataset
    has_bundled = "/" not in dataset and (bundled / "dataset.yaml").is_file()
    if (path / "dataset.yaml").is_file():
        if has_bundled:
            typer.echo(f"note: dataset '{dataset}' is the local folder {path.resolve()}, not "
                       "the bundled dataset of the same name (run from another folder to use "
                       "that one)", err=True)
        elif done:
            typer.echo(f"dataset: {path.resolve()}", err=True)
    elif has_bundled and done:
        typer.echo(f"dataset: {bundled} (bundled '{dataset}')", err=True)


def _print_diagnosis(exc: carbonpath.InfeasibleError) -> None:
    """The infeasibility diagnosis on stderr: one line per target, then what statuses mean."""
    from carbonpath.model.diagnose import STATUS_MEANINGS, diagnosis_lines

    if exc.diagnosis is None:
        return
    typer.echo("Targets, each tried with every other target held:", err=True)
    for line in diagnosis_lines(exc.diagnosis):
        typer.echo(f"  {line}", err=True)
    typer.echo(f"({STATUS_MEANINGS})", err=True)
