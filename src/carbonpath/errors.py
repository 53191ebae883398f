"""carbonpath's errors and warnings: one base class, typed subclasses.

Every error that bad input can cause names what was wrong, where it was (file, row,
column) and what would have been valid. Each error class also derives from the builtin
exception a caller would expect (``ValueError``, ``LookupError``, ``RuntimeError``), so
``except ValueError`` keeps working for callers that do not know carbonpath.

Row numbers are line numbers in the file as an editor shows them: the header is line 1,
the first data row is line 2. Rows of a DataFrame passed in memory are reported by their
index label (with their position where the index repeats a label: :func:`frame_labels`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pint.errors

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "CarbonpathError",
    "CarbonpathWarning",
    "DataError",
    "EncodingError",
    "FactorNotFoundError",
    "GWPError",
    "ImplausibleValueError",
    "IncompatibleUnitsError",
    "InfeasibleError",
    "InputIsFolderError",
    "InputNotFoundError",
    "InputNotReadableError",
    "InputPermissionError",
    "IterationLimitError",
    "OutputFolderError",
    "Problem",
    "ReferenceApproachWarning",
    "ResultsError",
    "SolverError",
    "StoreMismatchError",
    "TimeLimitError",
    "UnboundedError",
    "UnitError",
    "UnknownNameError",
    "UnknownUnitError",
    "frame_labels",
    "input_os_error",
    "line_label",
    "short_list",
    "unknown_name",
]


#: Labels of table rows written in dataset.yaml (``scenarios.plan.parameters[0]``).
YAML_ROW_PREFIXES = ("measures.", "scenarios.")


def line_label(label: Any) -> Any:
    """A row label as a message should print it: ``11``, never ``11.0`` or ``np.int64(11)``.

    A file line number comes out of pandas as a float where a column or index holding lines
    also holds a missing value (or went through a float operation); a message printing it
    would say ``row 11.0`` (round 18). Whole floats and numpy integers become ``int``;
    any other label (a DataFrame's own label, ``"13 [电力(万千瓦时)]"``, a fraction, NaN)
    is returned unchanged.

    Parameters
    ----------
    label : Any
        A file line, a DataFrame index label or None.

    Returns
    -------
    Any
        ``int`` for an integral number (bool aside), else ``label`` itself.
    """
    if isinstance(label, bool) or label is None:
        return label
    if hasattr(label, "dtype") and hasattr(label, "item") and getattr(label, "ndim", 1) == 0:
        label = label.item()  # a numpy scalar
    if isinstance(label, float) and label.is_integer():
        return int(label)
    return label


def frame_labels(df: Any) -> Any:
    """The row label of each row of a DataFrame passed in memory, for messages.

    Rows of a DataFrame are named by their index label (``row 3``; a whole float label
    3.0, after a pandas float operation, as 3, round 18). Where the index repeats a label
    (``pd.concat([a, b])`` without ``ignore_index``: labels 0 .. 9 twice), a label names
    two rows, so every row is named by its label and its position, ``0 (position 10)``
    (round 27 ZC72: "row 0" named the wrong one of two rows).

    Parameters
    ----------
    df : pandas.DataFrame
        The table as passed.

    Returns
    -------
    numpy.ndarray, shape (len(df),)
        The labels (ints for whole floats), or text ``'label (position i)'`` where the
        index is not unique (position 0 = the first row).
    """
    import numpy as np

    labels = df.index.to_numpy()
    if labels.dtype.kind == "f" and len(labels) and np.isfinite(labels).all() and (
            labels == np.round(labels)).all():
        labels = labels.astype(np.int64)
    if df.index.is_unique:
        return labels
    return np.array([f"{line_label(v)} (position {i})" for i, v in enumerate(labels)],
                    dtype=object)


class CarbonpathError(Exception):
    """Base class of every error carbonpath raises on purpose."""


class CarbonpathWarning(UserWarning):
    """Base class of carbonpath's warnings (a result is usable but deserves a look)."""


class ReferenceApproachWarning(CarbonpathWarning):
    """The reference approach and the sectoral approach differ by more than a threshold.

    IPCC 2006 Vol.2 Ch.6 suggests investigating differences above 5%; the warning
    names the fuels or fuel groups concerned and the largest explained parts.
    """


@dataclass(frozen=True)
class Problem:
    """One problem found in an input, with its location.

    Parameters
    ----------
    message : str
        What is wrong, in a sentence.
    file : str, optional
        The file (or table name for in-memory data) the value came from.
    row : int or str, optional
        File line number (header = 1) or DataFrame index label.
    column : str, optional
        The column holding the bad value.
    value : Any, optional
        The offending value as read.
    valid : str, optional
        What would have been valid (a list of codes, a range, a unit dimension).
    key : str, optional
        The key path holding the bad value in a YAML file or a mapping of options
        (``"targets.cap.value"``); YAML files have keys, not columns.
    """

    message: str
    file: str | None = None
    row: int | str | None = None
    column: str | None = None
    value: Any = None
    valid: str | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "row", line_label(self.row))  # row 11, not 11.0
        row = self.row
        if isinstance(row, str) and row.startswith(YAML_ROW_PREFIXES) and self.key is None:
            # V28: a row written in dataset.yaml (a scenario's or a measure's override) is
            # labelled by its key there; any check naming it points at dataset.yaml and that key,
            # not at the CSV file whose table the row joined
            object.__setattr__(self, "file", "dataset.yaml")
            object.__setattr__(self, "row", None)
            object.__setattr__(self, "key", row)

    def location(self) -> str:
        """Return ``"file, row N, column 'c'"`` (or ``"file, key 'k'"``) with the known parts.

        A ``column`` that is a command-line option (``--region``) is named ``option
        '--region'``.
        """
        parts = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:  # a command-line option is no column (round 16 M151)
            kind = "option" if str(self.column).startswith("--") else "column"
            parts.append(f"{kind} '{self.column}'")
        if self.key is not None:
            parts.append(f"key '{self.key}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        value = self.value
        if type(value).__module__ == "numpy" and hasattr(value, "item"):
            value = value.item()  # 5, not np.int64(5), in a user message
        if value is not None and repr(value) not in text:
            text += f" (value: {value!r})"
        if self.valid:
            text += f"; valid: {self.valid}"
        return text


class DataError(CarbonpathError, ValueError):
    """Input data that cannot be used as given; lists every problem found at once.

    Parameters
    ----------
    problems : Problem or sequence of Problem
        The problems found. The message lists all of them, one per line.
    what : str, optional
        A short description of the input ("activity data", "dataset 'tiny'").
    """

    def __init__(self, problems: Problem | Sequence[Problem], what: str | None = None) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.what = what
        head = f"{len(self.problems)} problem(s) in {what}" if what else None
        lines = [str(p) for p in self.problems]
        if head and len(lines) > 1:
            msg = head + ":\n" + "\n".join(f"  - {line}" for line in lines)
        elif head and lines and lines[0].startswith((f"{what}, ", f"{what}: ")):  # named once
            msg = lines[0]
        elif head:
            msg = f"{what}: {lines[0]}" if lines else head
        else:
            msg = "\n".join(lines)
        super().__init__(msg)

    @classmethod
    def collect(cls, problems: Iterable[Problem], what: str | None = None) -> None:
        """Raise a :class:`DataError` holding ``problems`` if there are any."""
        problems = list(problems)
        if problems:
            raise cls(problems, what)


class EncodingError(DataError):
    """A file could not be decoded in any of the encodings carbonpath tries (UTF-8, GBK)."""


class UnitError(DataError):
    """A unit is unknown, or of the wrong dimension for where it is used."""


class IncompatibleUnitsError(UnitError, pint.errors.DimensionalityError):
    """A quantity was converted to, or combined with, a unit of another dimension.

    Raised by the quantities of :data:`carbonpath.ureg` (``Q_(1, "t").to("m")``). It is a
    :class:`UnitError` (so a :class:`CarbonpathError`) and still pint's
    ``DimensionalityError``: code catching either keeps working. The arguments are pint's.
    """

    def __init__(self, units1: Any, units2: Any, dim1: str = "", dim2: str = "",
                 extra_msg: str = "", valid: str | None = None) -> None:
        pint.errors.DimensionalityError.__init__(self, units1, units2, dim1, dim2, extra_msg)
        said = pint.errors.DimensionalityError.__str__(self).replace("Cannot", "cannot")
        UnitError.__init__(self, Problem(said, valid=valid or "a unit of the same dimension "
                                         "(mass to mass, energy to energy)"))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownUnitError(UnitError, pint.errors.UndefinedUnitError):
    """A unit name the registry does not know (``Q_(1, "tonnes")``, ``q.to("bogus")``).

    A :class:`UnitError` (so a :class:`CarbonpathError`) and still pint's
    ``UndefinedUnitError``: code catching either keeps working. ``problem`` replaces the
    default wording (:func:`carbonpath.Q_` passes the advice :func:`~carbonpath.units.parse_unit`
    gives for the same text, round 19 T107).
    """

    def __init__(self, unit_names: str | Iterable[str], problem: Problem | None = None) -> None:
        pint.errors.UndefinedUnitError.__init__(self, unit_names)
        names = ", ".join(f"'{n}'" for n in self.unit_names)
        UnitError.__init__(self, problem or Problem(
            f"{names} is not a unit carbonpath knows", valid=_mixed_prefix(self.unit_names) +
            "a pint unit such as t, kt, TJ, GWh, Nm3, or a Chinese statistical unit such as "
            "万吨, 万吨标准煤, 亿千瓦时 (every unit: carbonpath.ureg)"))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


#: Chinese number words read only as part of the Chinese statistical units, and their powers.
_CJK_POWERS = {"亿": 8, "万": 4}
#: Pint spellings of the units whose Chinese names carbonpath knows (万t -> 万吨).
_CJK_NAMES = {"t": "吨", "tce": "吨标准煤", "kWh": "千瓦时", "m3": "立方米"}


def _mixed_prefix(names: Iterable[str]) -> str:
    """A hint for a Chinese number word on a pint unit (``万t``): the spellings that work (L18).

    万 and 亿 are read inside the Chinese statistical units only (万吨, 亿千瓦时); before a
    pint unit they are not a prefix, so ``万t`` names no unit.
    """
    for name in names:
        word, rest = name[:1], name[1:].strip()
        if word in _CJK_POWERS and rest and rest[:1].isascii():
            chinese = _CJK_NAMES.get(rest)
            return (f"for '{name}' write " + (f"'{word}{chinese}' or " if chinese else "") +
                    f"'10^{_CJK_POWERS[word]} {rest}' (万 and 亿 are read only in the Chinese "
                    "units, not before a pint unit); else ")
    return ""


class UnknownNameError(CarbonpathError, KeyError):
    """A scenario, target, technology or parameter name that does not exist.

    The message names the closest valid names (or lists them when they are few).
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def unknown_name(what: str, name: object, valid: Iterable[object]) -> UnknownNameError:
    """Build an :class:`UnknownNameError` for ``name`` with the closest valid names.

    A short list of valid names (12 or fewer) is always given whole, also after the closest
    ones: a near spelling can be another thing (``SF6`` is not ``C2F6``).
    """
    import difflib

    from carbonpath.codes import spelling_cutoff

    valid = sorted(str(v) for v in valid)
    parts = [p.strip() for p in re.split(r"[,，;；]", str(name)) if p.strip()]
    if len(parts) > 1 and all(p in valid for p in parts):  # round 29 KE64: -s a,b
        flag = "-s" if what == "scenario" else "the option"
        return UnknownNameError(
            f"unknown {what} '{name}': it lists {len(parts)} {what}s ({', '.join(parts)}) in "
            f"one name, and a name is one {what}; give each on its own: on the command line "
            f"repeat the option ({' '.join(f'{flag} {p}' for p in parts)}), in Python pass a "
            f"list ({parts!r}); where one {what} is taken, one at a time")
    near = difflib.get_close_matches(str(name), valid, n=3, cutoff=spelling_cutoff(name))
    if near:
        hint = "did you mean " + ", ".join(repr(v) for v in near)
        if len(valid) <= 12:
            hint += "; valid: " + ", ".join(valid)
    elif not valid:  # never an empty 'valid:' list (MX03)
        hint = f"there is no {what} to choose from"
    elif len(valid) <= 12:
        hint = "valid: " + ", ".join(valid)
    else:
        hint = "valid: " + ", ".join(valid[:12]) + ", ..."
    return UnknownNameError(f"unknown {what} '{name}'; {hint}")


class GWPError(CarbonpathError, ValueError):
    """A CO2-equivalent was asked for without the choices it needs.

    Raised when no GWP set is given, when the set is unknown, when the set has no value for
    a gas, or when AR6 is asked to convert methane of unstated (fossil or non-fossil) origin.
    """


class FactorNotFoundError(CarbonpathError, LookupError):
    """No factor matches a lookup, even after every fallback rule was tried."""


class ImplausibleValueError(DataError):
    """A value, or a factor derived from values, is physically impossible.

    Examples: an implied carbon mass fraction of a fuel of 1 or more; a gas NCV per cubic
    metre outside the range any fuel gas has (a kg vs t slip).
    """


class SolverError(CarbonpathError, RuntimeError):
    """The solver did not return an optimal solution.

    Attributes
    ----------
    status : str
        The solver's model status as text.
    """

    def __init__(self, message: str, status: str = "", details: dict[str, Any] | None = None):
        super().__init__(message)
        self.status = status
        self.details = details or {}


class InfeasibleError(SolverError):
    """No pathway satisfies every constraint.

    Attributes
    ----------
    diagnosis : pandas.DataFrame or None
        One row per plan target: ``target``, ``asked``, ``reachable``, ``unit``, ``met``;
        the best value of each target reachable with every other target held. ``None`` if the
        model is infeasible even without any plan target (the data itself is inconsistent).
    """

    def __init__(self, message: str, diagnosis: Any = None, status: str = "Infeasible"):
        super().__init__(message, status=status)
        self.diagnosis = diagnosis


class UnboundedError(SolverError):
    """The objective can fall without limit (a missing cost or bound in the data)."""


class OutputFolderError(CarbonpathError, ValueError):
    """An output folder cannot take a command's outputs.

    It is a file, cannot be written (a read-only disk), is being written by another
    carbonpath command, or holds files that carbonpath did not write (or that were edited
    since) and would replace (see :mod:`carbonpath.outputs`).
    """


class InputNotFoundError(CarbonpathError, FileNotFoundError):
    """An input file or dataset folder does not exist.

    A :class:`CarbonpathError` that is still a :class:`FileNotFoundError` (code catching
    either keeps working). The message names the path and what was expected there.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InputNotReadableError(CarbonpathError, OSError):
    """An input path exists but cannot be read as a file: a folder, or no permission.

    A :class:`CarbonpathError` that is still an :class:`OSError`; :func:`input_os_error`
    returns :class:`InputIsFolderError` or :class:`InputPermissionError` for those. The
    message names the path and what was expected there.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InputIsFolderError(InputNotReadableError, IsADirectoryError):
    """An input file's path is a folder."""


class InputPermissionError(InputNotReadableError, PermissionError):
    """An input file cannot be read for lack of permission."""


def input_os_error(exc: OSError, path: str | Path, what: str = "a file") -> CarbonpathError:
    """The carbonpath error for an :class:`OSError` met while reading an input.

    Parameters
    ----------
    exc : OSError
        What opening or reading ``path`` raised.
    path : str or Path
        The input's path, named in the message.
    what : str
        What was expected at ``path`` ("a file", "a CSV file").

    Returns
    -------
    CarbonpathError
        :class:`InputNotFoundError` (a ``FileNotFoundError``), or an
        :class:`InputNotReadableError` that is also ``IsADirectoryError`` or
        ``PermissionError`` as ``exc`` was; any other OSError as a plain
        :class:`InputNotReadableError` with the system's reason.
    """
    if isinstance(exc, CarbonpathError):
        return exc
    if isinstance(exc, FileNotFoundError):
        return InputNotFoundError(f"{path}: no such file", path)
    if isinstance(exc, IsADirectoryError):
        return InputIsFolderError(f"{path}: is a folder; expected {what}", path)
    if isinstance(exc, PermissionError):
        return InputPermissionError(f"{path}: cannot be read (permission denied); check its "
                                     "permissions", path)
    return InputNotReadableError(f"{path}: cannot be read ({exc.strerror or exc})", path)


class ArgumentTypeError(CarbonpathError, TypeError):
    """A public function was given an argument of the wrong type.

    The message names the function, the argument, the expected types and the value given.
    """


class ArgumentValueError(CarbonpathError, ValueError):
    """A public function was given an option value it does not accept.

    The message names the argument, the value and the valid values.
    """


class ResultsError(CarbonpathError, ValueError):
    """A saved results folder is damaged.

    A file is missing, empty or truncated, or a table lacks a column the report needs; the
    message names the file and what is missing.
    """


class StoreMismatchError(CarbonpathError, ValueError):
    """A result store holds results of other inputs (dataset, uncertain inputs or settings).

    Attributes
    ----------
    differences : list of str
        What differs: file names whose checksums changed, settings with other values.
    """

    def __init__(self, message: str, differences: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.differences = list(differences)


class TimeLimitError(SolverError):
    """The solver stopped at its time limit before proving optimality."""


class IterationLimitError(SolverError):
    """The solver stopped at its iteration limit before proving optimality."""


def short_list(items: Sequence[object], most: int = 5) -> str:
    """``a, b, c ...``: the first ``most`` items joined by commas, with `` ...`` if more."""
    return ", ".join(str(i) for i in items[:most]) + (" ..." if len(items) > most else "")


class MissingDependencyError(CarbonpathError, ImportError):
    """An optional part of carbonpath needs a package that is not installed (names the extra)."""
