"""Checks of the raw command line before click parses it (repeated or empty options, forms)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup


def _usage_error(message: str, code: int = 1) -> NoReturn:
    """Print a command-line mistake as one ``error:`` line and exit with status ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _check_command_line(command: Any, name: str, args: list[str]) -> None:
    """Refuse what click would take silently in ``args`` of one command.

    * an option given twice that takes one value (``--scenario plan --scenario baseline``:
      click keeps the last), or a flag given twice;
    * an empty or blank value of any option (``--item ''`` would mean no filter,
      ``--out ''`` the current folder) or of any argument;
    * a command's own check of an argument's form (:data:`_ARGUMENT_CHECKS`), before it
      reads or writes anything.

    * an option taking a fixed number of values given fewer (``--years 2022 --region X``:
      click would take ``--region`` as the second year), named with the count.

    * an unknown option whose closest spelling click would offer is no help
      (:func:`_refuse_unknown_option`: ``factors --fuel`` is ``--item``, not ``--help``).

    Options taking several values (``--factors a --factors b``) may repeat, each value once
    (``-s plan -s plan`` would count the scenario twice). An unknown option spelled close
    to one of the command's, and missing values, are left to click, which names them.
    """
    options: dict[str, Any] = {}  # typer vendors click: its classes are told by type name
    for param in command.params:
        if param.param_type_name == "option":
            for opt in (*param.opts, *param.secondary_opts):
                options[opt] = param
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    seen: dict[str, list[str]] = {}
    positionals: list[str] = []
    after: dict[int, str] = {}  # positional index -> the several-times option just before it
    last = ""
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            positionals.extend(args[i:])
            break
        flag, eq, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        if not eq and len(token) > 2 and token[0] == "-" and token[1] != "-" \
                and token[:2] in options:  # -ovalue
            flag, eq, attached = token[:2], "=", token[2:]
        param = options.get(flag)
        if param is None and flag.startswith("--") and len(flag) > 2:
            _refuse_unknown_option(name, flag, options)
        if param is None:
            if not token.startswith("-") or token == "-":
                if last:
                    after[len(positionals)] = last
                positionals.append(token)
            last = ""
            continue
        label = max(param.opts, key=len)
        last = label if param.multiple and not eq else ""
        if param.is_flag or param.count:
            values = [flag]
        elif eq:
            values = [attached]
        else:
            values = args[i:i + param.nargs]
            i += param.nargs
            if param.nargs > 1 and (len(values) < param.nargs or any(
                    v.startswith("--") or (v[:2] in options) for v in values)):
                _usage_error(f"{label} takes {param.nargs} values (e.g. {label} "
                             f"{' '.join(_example(param))}); given: "
                             f"{' '.join(v for v in values if not v.startswith('-')) or 'none'}")
        if param.multiple and label in seen and any(v in seen[label] for v in values):
            twice = next(v for v in values if v in seen[label])
            _usage_error(f"{label} {twice!r} is given twice; give each value once")
        if not param.multiple and not param.count and label in seen and label != "--help":
            shown = ", ".join(repr(v) for v in (*seen[label], *values) if v != flag)
            _usage_error(f"{label} is given twice{f' ({shown})' if shown else ''}; give it "
                         "once")
        seen.setdefault(label, []).extend(values)
        if not (param.is_flag or param.count) and any(not v.strip() for v in values):
            what = ("give a file or folder path ('.' for the current folder)"
                    if _is_path(param) else "give a value or leave the option out")
            _usage_error(f"{label} is empty; {what}")
    takes = None if any(a.nargs < 0 for a in arguments) else sum(a.nargs for a in arguments)
    extra = [k for k in after if takes is not None and len(positionals) > takes]
    if extra:  # --factors a b: click would say "unexpected extra argument (b)" (round 17 O25)
        label, value = after[extra[0]], positionals[extra[0]]
        _usage_error(f"{label} takes one value each time: repeat it for each value "
                     f"({label} {seen[label][-1]} {label} {value}); '{value}' after it was "
                     "read as an extra argument")
    for position, value in enumerate(positionals):
        if not value.strip():
            argument = arguments[min(position, len(arguments) - 1)] if arguments else None
            label = argument.name.upper() if argument is not None else "an argument"
            _usage_error(f"{label} is empty; give a value")
    for position, argument in enumerate(arguments):
        check = _ARGUMENT_CHECKS.get((name, argument.name))
        if check is not None and position < len(positionals):
            problem = check(positionals[position])
            if problem:
                _usage_error(f"{argument.name.upper()} {problem}")


#: Option names a user may try for an option carbonpath calls otherwise (round 28 ZD83:
#: ``factors --fuel 原煤``, where click offered ``--help``): given -> the command's option.
_OPTION_WORDS = {
    "--fuel": "--item", "--product": "--item", "--carrier": "--item", "--code": "--item",
    "--name": "--item", "--city": "--region", "--province": "--region",
    "--output": "--out", "--output-dir": "--out", "--language": "--lang",
    "--factor": "--factors", "--scenarios": "--scenario", "--base": "--base-year",
}


def _refuse_unknown_option(name: str, flag: str, options: dict[str, Any]) -> None:
    """Refuse an unknown option when click's own suggestion would not help.

    click names the options spelled closest to ``flag`` (``--yaer``: ``--year``) and, with
    none close, only ``--help`` or nothing. Here an option another word names
    (:data:`_OPTION_WORDS`: ``--fuel`` is the ``--item`` of ``factors``) is named, and with
    no close spelling every option of the command is listed. A close spelling is left to
    click. Returns None when click's message is the better one.

    Raises
    ------
    typer.Exit
        With code 2 (click's status for an unknown option) and one ``error:`` line naming
        ``flag``, the command and what to write.
    """
    import difflib

    said = flag.partition("=")[0]
    known = sorted(o for o in options if o.startswith("--"))
    meant = _OPTION_WORDS.get(said.lower())
    if meant in options:
        _usage_error(f"carbonpath {name} has no option {said}; the option for it is {meant} "
                     f"(carbonpath {name} --help describes it)", 2)
    close = [o for o in difflib.get_close_matches(said, known) if o != "--help"]
    if close:
        return
    listed = ", ".join(o for o in known if o != "--help")
    _usage_error(f"carbonpath {name} has no option {said}; its options: {listed or 'none'} "
                 f"(carbonpath {name} --help describes them)", 2)


def _example(param: Any) -> list[str]:
    """Example values of an option taking several (``--years 2020 2022``)."""
    if "year" in param.name:
        return ["2020", "2022"]
    return [f"V{k + 1}" for k in range(param.nargs)]


def _is_path(param: Any) -> bool:
    """Whether a click parameter takes a file or folder."""
    descriptor = getattr(param, "type_descriptor", None)
    return "Path" in str(getattr(descriptor, "annotation", ""))


def _template_path(text: str) -> str | None:
    """Why ``carbonpath template PATH`` cannot write ``text`` (None if it can try)."""
    import os
    import tempfile

    from carbonpath._checks import unexpanded_home

    path = Path(text)
    if path.name in ("", ".", "..") or text.endswith(("/", os.sep)):  # ZE105: '.' had raised
        return (f"'{text}' names a folder; the template is one file: give its name, e.g. "
                f"'{(path / 'template.xlsx').as_posix()}'")
    if path.suffix.lower() != ".xlsx":
        return (f"'{text}' does not end in .xlsx; the template is an Excel workbook "
                f"(e.g. {path.with_suffix('.xlsx').name})")
    folder = path.parent
    if not folder.is_dir():
        return (f"'{text}' cannot be written: the folder {folder} does not exist"
                + unexpanded_home(folder))  # ZE108: '~/t.xlsx' quoted
    try:  # the only sure test of writability (root passes os.access on a read-only disk)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".carbonpath-probe-"):
            pass
    except OSError as exc:
        return f"'{text}' cannot be written: {folder} is not writable ({exc.strerror})"
    if os.path.isdir(path):
        return f"'{text}' is a folder; give the workbook's file name"
    return None


#: Checks of an argument's form that a command makes before anything else:
#: (command, argument) -> function(text) giving why it is refused, or None.
_ARGUMENT_CHECKS: dict[tuple[str, str], Callable[[str], str | None]] = {
    ("template", "path"): _template_path,
}


def _quiet_stdout() -> None:
    """Point standard output at the null device (nothing more to flush into a closed pipe)."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's capture)
        pass


class _Group(TyperGroup):
    """The command group; sees the raw arguments before any option becomes a Path."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Check the command line (:func:`_check_command_line`), then parse as the group does.

        Parameters
        ----------
        ctx : click.Context
            The context of the command group (typer's own click).
        args : list of str
            The raw command-line arguments.

        Returns
        -------
        list of str
            The arguments left over after the group's own parsing.

        Raises
        ------
        typer.Exit
            With code 1 when an option is repeated or given an empty value, or an
            argument is empty or of the wrong form.
        """
        args = list(args)
        position = next((i for i, a in enumerate(args) if not a.startswith("-")), None)
        if position is not None and "--help" not in args:
            command = self.get_command(ctx, args[position])
            if command is not None:
                _check_command_line(command, args[position], args[position + 1:])
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a reader that closed the pipe ends it quietly (status 141).

        ``carbonpath inventory --format csv | head -1``: when the reader has what it wants
        and closes the pipe, the command stops as Unix tools stopped by SIGPIPE do, with
        status 141 (128 + SIGPIPE) and no message, rather than click's status 1.

        Raises
        ------
        typer.Exit
            With code 141 when standard output is a closed pipe.
        """
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe found here, not at interpreter exit
            return result
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(128 + 13) from None
