"""Argument type checks of the public API: one helper, one error type.

Every public function checks the types of its arguments on entry, so that
``PathwayModel(123)`` or ``to_co2e(5)`` raise an :class:`~carbonpath.errors.ArgumentTypeError`
saying what was expected, instead of a raw ``AttributeError`` deep inside pandas or pint.
:func:`checked` reads what to expect from the function's own annotations (its documented
signature), so the check and the documentation cannot drift apart; :func:`check_types` is
the explicit form for the few places without annotations.

The check is shallow: it looks at each argument, not inside containers (a list's items and a
DataFrame's values are checked by the readers, which name file, row and column).
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import numbers
import os
import types
import typing
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, TypeVar

from carbonpath.errors import ArgumentTypeError, ArgumentValueError

__all__ = ["blank_path", "check_types", "checked", "describe"]

F = TypeVar("F", bound=Callable[..., Any])

#: How an expected type is named in messages.
_NAMES = {str: "a str", int: "an int", float: "a number", bool: "True or False",
          list: "a list", dict: "a dict", tuple: "a tuple", os.PathLike: "a path",
          type(None): "None"}


def _matches(value: Any, kind: Any) -> bool:
    """Match isinstance with the numeric tower: int accepts numpy integers, float any real number.

    bool is neither an int nor a number here (``year=True`` is a mistake).
    """
    if kind is None:
        return value is None
    if kind is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if kind is list:
        return isinstance(value, list | tuple)
    return isinstance(value, kind)


def describe(kind: Any) -> str:
    """How ``kind`` (a type, or None) is named in a message."""
    if kind is None:
        return "None"
    return _NAMES.get(kind, f"a {getattr(kind, '__name__', kind)}")


#: What to do with an argument of a type its function does not take, by (argument name,
#: type name) (round 21 J52: ``compute_inventory(factors=<DataFrame>)``).
_ADVICE = {("factors", "DataFrame"): "a DataFrame of factor rows is read by "
           "load_factors(extra=df), which layers it over the bundled tables: pass "
           "factors=load_factors(extra=df)",
           ("balance", "Activity"): "an Activity holds the uses of energy only, while the "
           "reference approach starts from the supply side (production, imports, stock "
           "change) of an energy balance sheet",
           ("balance", "Inventory"): "an Inventory holds the uses of energy only, while the "
           "reference approach starts from the supply side (production, imports, stock "
           "change) of an energy balance sheet",
           # round 22 N154: read_energy_balance gives a sheet whose final use is .activity
           ("activity", "BalanceSheet"): "a balance sheet's final-use rows are its .activity "
           "(a DataFrame of activity rows): pass bs.activity, as in "
           "compute_inventory(bs.activity, ...) (docs/balance-sheet.md)",
           ("balance", "DataFrame"): "the reference approach reads the whole sheet (supply "
           "and transformation rows too), not its .activity: pass the BalanceSheet that "
           "read_energy_balance(...) returns"}
#: What makes each of carbonpath's own objects, for a message about an argument of another
#: carbonpath type (round 22 M123: an Activity given to reference_approach dumped its repr).
_MAKERS = {"BalanceSheet": "read_energy_balance(path, region=, year=)",
           "Activity": "read_activity(path, region=, year=)",
           "Production": "read_production(path, region=, year=)",
           "Inventory": "compute_inventory(activity, ...)",
           "FactorTable": "load_factors(...)"}
for _arg in ("start", "end", "inventory"):  # an inventory is made, not passed as its rows
    for _kind in ("BalanceSheet", "Activity", "DataFrame"):
        _ADVICE[_arg, _kind] = (f"'{_arg}' is an Inventory: make it with compute_inventory("
                                + ("bs.activity" if _kind == "BalanceSheet" else "activity")
                                + ", region=..., year=...) and pass that")


def _article(word: str) -> str:
    """``an Inventory``, ``a BalanceSheet``."""
    return f"an {word}" if word[:1] in "AEIOU" else f"a {word}"


def _shown(name: str, value: Any, expected: Any = None) -> str:
    """The given value for a message: its type and a short form, then any advice.

    A table or array is named by its shape, not printed (a DataFrame's repr is many lines);
    one of carbonpath's objects by its type and source. ``expected`` (a type or annotation)
    adds what makes an expected carbonpath object.
    """
    kind = type(value).__name__
    if isinstance(value, list | tuple) and expected is not None:  # round 25 Z113
        odd = _odd_element(value, expected)
        if odd is not None:
            return f"{kind} whose element {odd[0]} is {_shown(name, odd[1], odd[2])}"
    shape = getattr(value, "shape", None)
    advice = _ADVICE.get((name, kind))
    wanted = [a for a in (typing.get_args(expected) or (expected,))
              if getattr(a, "__name__", None) in _MAKERS]
    if wanted:
        made = "; ".join(f"{_article(a.__name__)} comes from {_MAKERS[a.__name__]}"
                         for a in wanted)
        advice = f"{advice}; {made}" if advice else made
    if type(value).__module__.startswith("carbonpath") and shape is None:
        source = getattr(value, "source", None)
        shown = _article(kind)
        shown += f" (of {source})" if isinstance(source, str) else ""
        return f"{shown}; {advice}" if advice else shown
    if isinstance(shape, tuple) and not isinstance(value, (str, bytes)):
        columns = getattr(value, "columns", None)
        head = (f", columns {', '.join(map(str, list(columns)[:6]))}"
                f"{' ...' if len(columns) > 6 else ''}" if columns is not None else "")
        shown = f"{kind} of shape {shape}{head}"
    else:
        text = repr(value)
        shown = f"{kind} {text if len(text) <= 60 else text[:57] + '...'}"
    return f"{shown}; {advice}" if advice else shown


def _odd_element(value: list | tuple, expected: Any) -> tuple[int, Any, Any] | None:
    """The first element of ``value`` a ``Sequence[...]`` in ``expected`` does not take.

    Returns (index, element, element type), or None (no such element, or no kind in
    ``expected`` is a ``Sequence[...]``).
    """
    for kind in typing.get_args(expected) or (expected,):
        if typing.get_origin(kind) is collections.abc.Sequence and typing.get_args(kind):
            inner = typing.get_args(kind)[0]
            return next(((i, v, inner) for i, v in enumerate(value)
                         if not _accepts(v, inner)), None)
    return None


def check_types(where: str, **arguments: tuple[Any, ...]) -> None:
    """Raise if an argument is of none of its allowed types.

    Parameters
    ----------
    where : str
        The function or class being called (``"to_co2e"``), for the message.
    **arguments : tuple
        ``name=(value, type_or_tuple_of_types, ..., None)``: the value, then each allowed
        type; a bare ``None`` allows None. ``int`` accepts numpy integers and ``float`` any
        real number, neither accepts bool; ``list`` accepts tuples.

    Raises
    ------
    ArgumentTypeError
        Naming the function, the argument, what was expected and what was given.
    ArgumentValueError
        An empty string for an argument that allows a path type (``os.PathLike``,
        ``Path``): :func:`blank_path`.
    """
    for name, (value, *allowed) in arguments.items():
        kinds: list[Any] = []
        for kind in allowed:
            kinds.extend(kind if isinstance(kind, tuple) else (kind,))
        if any(_matches(value, kind) for kind in kinds):
            if isinstance(value, str) and any(_takes_path(kind) for kind in kinds):
                blank_path(where, name, value, none_ok=None in kinds)  # round 24 H124
            continue
        expected = " or ".join(dict.fromkeys(describe(k) for k in kinds))
        msg = (f"{where}(): argument '{name}' must be {expected}, not "
               f"{_shown(name, value)}")
        raise ArgumentTypeError(msg)


def _accepts(value: Any, hint: Any) -> bool:
    """Whether ``value`` fits the annotation ``hint`` (unknown hints accept all).

    Shallow but for ``Sequence[X]``, whose elements (of a list or tuple) must each be X.
    """
    if hint is Any or isinstance(hint, TypeVar | str):
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_accepts(value, arg) for arg in typing.get_args(hint))
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin is collections.abc.Sequence and typing.get_args(hint):
        # round 25 Z113: each element too (a DataFrame in factors=[...] passed unchecked)
        return _accepts(value, origin) and (not isinstance(value, list | tuple) or all(
            _accepts(v, typing.get_args(hint)[0]) for v in value))
    if origin is not None:
        hint = origin
    if hint is float or hint is int or hint is list:
        return _matches(value, hint)
    if hint is bool:
        return isinstance(value, bool) or type(value).__name__ == "bool_"
    if hint is PurePath or (isinstance(hint, type) and issubclass(hint, PurePath)):
        return isinstance(value, os.PathLike)
    if hint is tuple:
        return isinstance(value, tuple | list)
    if hint is dict:
        return isinstance(value, collections.abc.Mapping)
    if hint in (collections.abc.Sequence, collections.abc.Iterable):
        if not isinstance(value, hint) or isinstance(value, str | bytes):
            return False
        try:  # a scalar pint Quantity has __iter__ but refuses to iterate
            iter(value)
        except TypeError:
            return False
        return True
    if hint is collections.abc.Callable:
        return callable(value)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _takes_path(hint: Any) -> bool:
    """Whether the annotation ``hint`` names a path type (``str | Path``, ``os.PathLike``)."""
    if hint is None or isinstance(hint, TypeVar | str):
        return False
    if isinstance(hint, type):
        return issubclass(hint, PurePath | os.PathLike)
    origin = typing.get_origin(hint)
    if origin is os.PathLike:
        return True
    return origin in (typing.Union, types.UnionType) and any(
        _takes_path(a) for a in typing.get_args(hint))


def _paths_in(hint: Any) -> bool:
    """Whether ``hint`` takes a sequence of paths (``Sequence[str | Path]``)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_paths_in(a) for a in typing.get_args(hint))
    return origin in (collections.abc.Sequence, collections.abc.Iterable, list, tuple) and any(
        _takes_path(a) for a in typing.get_args(hint))


def blank_path(where: str, name: str, value: Any, none_ok: bool = False,
               file: str | None = None) -> None:
    """Refuse an empty (or blank) string given as a path (round 24 H124).

    ``Path('')`` is ``.``, the current folder: ``compute_inventory(..., factors='')`` (an
    empty value from a configuration) raised "'.': is a folder; expected a file", naming a
    folder the caller never gave instead of the argument. A blank string is no path of
    anything (the current folder is written '.'), so it is refused naming the argument, as
    the CLI refuses an empty option. Also each element of a list or tuple of paths.

    Parameters
    ----------
    where : str
        The function called (``"compute_inventory"``), for the message.
    name : str
        The argument.
    value : object
        What was given; anything but a blank str (or a sequence holding one) passes.
    none_ok : bool
        Whether the argument may be None (the message then offers it for the default).
    file : str, optional
        For an argument naming the one file a function writes, a file name to offer
        (``"emissions.csv"``) instead of '.', a folder (round 29 ZE105).

    Raises
    ------
    ArgumentValueError
        Naming the function, the argument (and the element) and what is valid.
    """
    items = [(None, value)]
    if isinstance(value, list | tuple):
        items = list(enumerate(value))
    for index, item in items:
        if not isinstance(item, str) or item.strip():
            continue
        at = f"'{name}'" if index is None else f"'{name}' (element {index})"
        default = ", or None for its default" if none_ok and index is None else ""
        valid = (f"the path of the file to write, such as '{file}'" if file else
                 "the path of a file or folder ('.' for the current folder)")
        msg = f"{where}(): argument {at} is an empty path ({item!r}); valid: {valid}{default}"
        raise ArgumentValueError(msg)


def _expand_home(value: Any, single: bool, several: bool) -> Any:
    """``value`` with a leading ``~`` of a path expanded to the home folder (round 29 ZE108).

    ``compute_inventory("~/a.csv")`` had said "~/a.csv: no such file" of a file in the
    home folder: Python's own file functions do not expand ``~``, the shell (and pandas)
    do. A path argument (``single``, a str or path) or each path of a list or tuple of
    paths (``several``) is expanded; anything else, and a path without ``~``, is returned
    as it is (the same object).
    """
    def one(item: Any) -> Any:
        """``item`` with a leading ``~`` expanded if it is a path; else ``item`` itself."""
        text = os.fspath(item) if isinstance(item, str | PurePath) else None
        if not text or not text.startswith("~"):
            return item
        home = os.path.expanduser(text)
        if home == text:  # '~nobody/a.csv': no such user, left as written
            return item
        return type(item)(home) if isinstance(item, PurePath) else home

    if single and isinstance(value, str | PurePath):
        return one(value)
    if several and isinstance(value, list | tuple) and any(
            isinstance(v, str | PurePath) and os.fspath(v).startswith("~") for v in value):
        return type(value)(one(v) for v in value)
    return value


def home_path(value: Any) -> Any:
    """``value`` with a leading ``~`` expanded, if it is a str or path (else as it is).

    For the public functions that check their path arguments with :func:`check_types`
    rather than :func:`checked` (which expands them itself), round 29 ZE108.
    """
    return _expand_home(value, True, False)


def unexpanded_home(path: Any) -> str:
    """A note for a missing path that starts with ``~`` ('' for any other path).

    The command line's own checks see ``~`` as the shell left it: a quoted ``'~/a.csv'``
    or ``--mapping=~/m.csv`` reaches carbonpath unexpanded (round 29 ZE108).
    """
    text = os.fspath(path) if isinstance(path, str | PurePath) else ""
    home = os.path.expanduser(text) if text.startswith("~") else text
    if home == text:
        return ""
    return (f" ('~' is expanded by the shell, not inside quotes nor after '=': write it "
            f"unquoted, or the full path {home})")


def shell_word(path: Any) -> str:
    """``path`` as one shell word, quoted when it holds spaces or shell characters.

    For the commands carbonpath prints for a reader to paste (``next: carbonpath run
    FOLDER``): a folder named ``聊城 数据 2022`` printed bare would reach the next command
    as three arguments (round 30 KF72). A plain path comes back unchanged.
    """
    import shlex

    return shlex.quote(os.fspath(path) if isinstance(path, str | PurePath) else str(path))


def _hint_text(hint: Any) -> str:
    """An annotation as a reader would write it (``str or Path or None``)."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return " or ".join(dict.fromkeys(_hint_text(a) for a in typing.get_args(hint)))
    if hint is None or hint is type(None):
        return "None"
    if origin is not None:
        return str(hint).replace("typing.", "").replace("collections.abc.", "")
    if hint is float:
        return "a number"
    return getattr(hint, "__name__", str(hint))


def _hints(func: Callable[..., Any]) -> dict[str, Any]:
    """The resolvable annotations of ``func``'s parameters (unresolvable ones are skipped)."""
    try:
        return typing.get_type_hints(func)
    except Exception:  # a name imported only for type checkers: resolve one by one
        found = {}
        for name, text in getattr(func, "__annotations__", {}).items():
            try:
                found[name] = (eval(text, func.__globals__)  # an annotation, not user text
                               if isinstance(text, str) else text)
            except Exception:  # not resolvable here: not checked
                continue
        return found


def _call_form(where: str, signature: inspect.Signature) -> str:
    """``update(*, peak_year=None, target=None)``: a signature as a call, without annotations."""
    params = [p.replace(annotation=inspect.Parameter.empty)
              for name, p in signature.parameters.items() if name not in ("self", "cls")]
    plain = signature.replace(parameters=params, return_annotation=inspect.Signature.empty)
    return f"{where}{plain}"


def checked(func: F | None = None, *, skip: tuple[str, ...] = (),
            files: dict[str, str] | None = None) -> Any:
    """Check a public function's arguments against its annotations on every call.

    Use as ``@checked`` (or ``@checked(skip=("factors",))`` for a parameter that takes
    duck-typed objects). Methods are checked without ``self``. ``int`` accepts numpy
    integers, ``float`` any real number, ``Path`` any ``os.PathLike``, ``list`` a tuple;
    ``bool`` is never an ``int``.

    A path argument (an annotation naming ``Path``) given an empty or blank string is
    refused (:func:`blank_path`; ``files`` maps an argument naming the one file the
    function writes to a file name the message offers); one starting with ``~`` is
    expanded to the home folder (:func:`_expand_home`), as a shell would.

    Raises
    ------
    ArgumentTypeError
        When called with an argument of a type its annotation does not allow.
    ArgumentValueError
        When a path argument is an empty string (``factors=''``).
    """
    if func is None:
        return functools.partial(checked, skip=skip, files=files)
    signature = inspect.signature(func)
    where = func.__qualname__.replace(".__init__", "")
    resolved: dict[str, Any] = {}
    path_kinds: dict[str, tuple[bool, bool, bool]] = {}  # name -> path, paths, None allowed

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """Call ``func`` after checking each annotated argument against its type hint.

        Raises
        ------
        ArgumentTypeError
            When the arguments do not bind to the signature or one has a type its
            annotation does not allow.
        """
        if not resolved:
            resolved.update(_hints(func) or {"": None})
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            form = _call_form(where, signature)
            keywords = (" (the arguments after * are given by name: name=value)"
                        if "*," in form and "positional" in str(exc) else "")
            msg = f"{where}(): {exc}{keywords}; call it as {form}"
            raise ArgumentTypeError(msg) from None
        changed = False
        for name, value in bound.arguments.items():
            hint = resolved.get(name)
            if name in skip or name == "self" or hint is None:
                continue
            kind = signature.parameters[name].kind
            if kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
                continue
            if not _accepts(value, hint):
                msg = (f"{where}(): argument '{name}' must be {_hint_text(hint)}, not "
                       f"{_shown(name, value, hint)}")
                raise ArgumentTypeError(msg)
            if isinstance(value, str | list | tuple | PurePath):
                if name not in path_kinds:  # (once per parameter)
                    path_kinds[name] = (_takes_path(hint), _paths_in(hint),
                                        _accepts(None, hint))
                single, several, none_ok = path_kinds[name]
                if (single and isinstance(value, str)) or several:
                    blank_path(where, name, value, none_ok=none_ok, file=(files or {}).get(name))
                home = _expand_home(value, single, several) if single or several else value
                if home is not value:  # ZE108: '~/a.csv'
                    bound.arguments[name], changed = home, True
        if changed:
            return func(*bound.args, **bound.kwargs)
        return func(*args, **kwargs)

    return wrapper
