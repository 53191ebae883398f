"""Every command and option, given bad arguments, fails with a message naming it (issue 11).

The commands and their options are read from the CLI itself, so a command or option added
later is covered too. Each case must exit non-zero, print no traceback and name the
option or argument at fault; none of them may read, solve or write anything.
"""

import pytest
import typer.main
from typer.testing import CliRunner

from carbonpath.cli import app

GROUP = typer.main.get_command(app)
COMMANDS = {name: GROUP.commands[name] for name in sorted(GROUP.commands)}


def _options(command):
    return [p for p in command.params if p.param_type_name == "option"
            and "--help" not in p.opts]


def _value(param):
    """A well-formed value for the option (the case makes it bad by repeating it)."""
    import enum

    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [next(iter(annotation)).value]
    if "int" in str(annotation):
        return ["2030"] * param.nargs
    if "float" in str(annotation):
        return ["0.5"] * param.nargs
    return ["x"] * param.nargs


def _cases():
    """(id, args, what the message must name) for every command and option."""
    cases = []
    for name, command in COMMANDS.items():
        for param in _options(command):
            label = max(param.opts, key=len)
            if param.is_flag or param.count:
                once = [label]
            else:
                once = [label, *_value(param)]
                blank = [label, *([""] * param.nargs)]
                cases.append((f"{name} {label} ''", [name, *blank], label))
                cases.append((f"{name} {label}=", [name, f"{label}="], label))
                if param.nargs == 1 and "int" in str(param.type_descriptor.annotation):
                    cases.append((f"{name} {label} abc", [name, label, "abc"], label))
            if not param.multiple:
                cases.append((f"{name} {label} twice", [name, *once, *once], label))
        for position, param in enumerate(p for p in command.params
                                         if p.param_type_name == "argument"):
            args = [name, *(["x"] * position), ""]
            cases.append((f"{name} {param.name.upper()} ''", args, param.name.upper()))
    return cases


CASES = _cases()


def test_every_command_and_option_is_covered():
    named = {case[0].split()[0] for case in CASES}
    assert named == set(COMMANDS) - {"version"}  # version takes nothing
    assert len(CASES) > 100


def test_bad_arguments_to_every_command_fail_naming_the_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a case that wrote anything would leave it here
    runner = CliRunner()
    for case, args, label in CASES:
        result = runner.invoke(app, args)
        assert result.exit_code != 0, (case, result.output)
        assert "Traceback" not in result.output, case
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            case, repr(result.exception))
        assert label in result.output or label.lower() in result.output.lower(), (
            case, result.output)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["optimise", "tiny", "--scenario", "plan", "--scenario", "baseline"],
     "--scenario is given twice ('plan', 'baseline'); give it once"),
    (["optimise", "tiny", "--scenario=plan", "--scenario", "baseline"],
     "--scenario is given twice"),
    (["run", "tiny", "-o", "a", "--out", "b"], "--out is given twice"),
    (["montecarlo", "tiny", "--out", "mc", "--seed", "1", "--seed", "2"],
     "--seed is given twice"),
    (["factors", "--item", ""], "--item is empty"),
    (["factors", "--item", "  "], "--item is empty"),
    (["optimise", ""], "DATASET is empty"),
    (["template", "t.csv"], "does not end in .xlsx"),
    (["template", "t"], "does not end in .xlsx"),
    (["template", "no-such-folder/t.xlsx"], "the folder no-such-folder does not exist"),
])
def test_named_cases(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_template_names_an_unwritable_folder(tmp_path, monkeypatch):
    import tempfile

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)  # root writes anywhere
    result = CliRunner().invoke(app, ["template", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 1
    assert "cannot be written" in result.output
    assert "not writable" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_options_that_take_several_values_may_repeat():
    from carbonpath.cli import _check_command_line

    decompose = COMMANDS["decompose"]
    assert _check_command_line(decompose, "decompose",
                               ["a", "b", "--factors", "f1.csv", "--factors", "f2.csv"]) is None


def test_a_value_that_looks_like_an_option_is_a_value():
    from carbonpath.cli import _check_command_line

    # --scenario's value is '--out'; click reads it so, and so must the check
    assert _check_command_line(COMMANDS["optimise"], "optimise",
                               ["tiny", "--scenario", "--out"]) is None


def test_montecarlo_checks_hours_before_creating_the_store(tmp_path):
    out = tmp_path / "mc"
    for bad in (["--hours", "5"], ["--scenario", "nope"], ["--seed", "-1"],
                ["--samples", "0"], ["--workers", "0"]):
        result = CliRunner().invoke(app, ["montecarlo", "tiny", "--out", str(out),
                                          "--samples", "2", "--workers", "1", *bad]
                                    if bad[0] not in ("--samples", "--workers") else
                                    ["montecarlo", "tiny", "--out", str(out), *bad])
        assert result.exit_code == 1, (bad, result.output)
        assert "Traceback" not in result.output
        assert not out.exists(), bad  # nothing written for arguments that cannot run
    result = CliRunner().invoke(app, ["montecarlo", "tiny", "--out", str(out), "--hours",
                                      "5", "--samples", "2", "--workers", "1"])
    assert "--hours" in result.output
