"""M146 (round 16): a bare carriage return inside a line of a CSV gives a typed error naming
the file and the line, for every CSV-reading command and function (never a parser
traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carbonpath._io import decode, read_table, stray_return_problem
from carbonpath.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "datasets" / "samples"
INIT = SAMPLES / "init"


def _cli(*args):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def _stray(source: Path, dest: Path, line: int) -> Path:
    """``source`` saved with CRLF line ends and ',x' typed after the CR of ``line``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[line - 1] += "\r,x"
    dest.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return dest


def test_the_problem_names_the_line_counted_by_line_feeds():
    text = "a,b\r\n1,2\r\n3,4\r,x\r\n"  # the CR of line 3 is followed by text, not by LF
    problem = stray_return_problem(text, "t.csv")
    assert problem is not None
    assert (problem.row, problem.file) == (3, "t.csv")
    assert problem.value == "3,4<CR>,x"
    assert stray_return_problem("a,b\r\n1,2\r\n", "t.csv") is None  # CRLF alone is fine
    assert stray_return_problem("a,b\n1,2\n", "t.csv") is None


def test_a_file_of_bare_carriage_returns_reads_as_lines(tmp_path):
    # classic Mac line ends: every line ends in CR, none in LF
    assert decode(b"a,b\r1,2\r", "m.csv")[0] == "a,b\n1,2\n"
    path = tmp_path / "m.csv"
    path.write_bytes(b"sector,fuel,value,unit\r\xe5\xb7\xa5\xe4\xb8\x9a,x,1,t\r")
    assert read_table(path)["value"].tolist() == ["1"]


def _assert_named(out, name: str, line: int) -> None:
    assert out.exit_code != 0
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    text = " ".join(out.output.split())
    assert "Traceback" not in text
    assert f"{name}, row {line}" in text, text
    assert "carriage return" in text


@pytest.mark.parametrize("option", ["activity", "--production", "--factors", "--mapping"])
def test_inventory_inputs(tmp_path, option):
    ok = tmp_path / "ok.csv"
    ok.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    extra: list[object] = []
    sources = {"activity": SAMPLES / "activity_sample.csv",
               "--production": SAMPLES / "production_sample.csv",
               "--factors": None, "--mapping": None}
    bad = tmp_path / "bad.csv"
    if option == "--factors":
        bad.write_bytes(b"item,quantity,gas,value,unit,basis,region,year,source,status\r\n"
                        b"electricity,emission_factor,CO2,0.6,t CO2/MWh,,CN-SD,2022,t\r,"
                        b"unverified\r\n")
    elif option == "--mapping":
        bad.write_bytes("kind,label,code\r\nrow,工业\r,x\r\n".encode())
        ok = SAMPLES / "energy_balance_sample.csv"  # --mapping labels a balance sheet
        extra = ["--balance-sheet", "--primary-electricity", "calorific"]
    else:
        _stray(sources[option], bad, 2)
    first = bad if option == "activity" else ok
    extra += [] if option == "activity" else [option, bad]
    _assert_named(_cli("inventory", first, "--region", "CN-SD", "--year", 2022, *extra),
                  "bad.csv", 2)


def test_balance_sheet(tmp_path):
    bad = _stray(SAMPLES / "energy_balance_sample.csv", tmp_path / "b13.csv", 3)
    _assert_named(_cli("inventory", bad, "--balance-sheet", "--region", "CN-SD", "--year",
                       2022, "--primary-electricity", "calorific"), "b13.csv", 3)


@pytest.mark.parametrize("option", ["--capacity", "--drivers", "--growth", "--production",
                                    "--balance"])
def test_init_inputs(tmp_path, option):
    files = {"--balance": SAMPLES / "energy_balance_sample.csv",
             "--capacity": INIT / "sample_capacity.csv",
             "--drivers": INIT / "sample_drivers.csv",
             "--growth": INIT / "sample_growth.csv",
             "--production": SAMPLES / "production_sample.csv"}
    files[option] = _stray(files[option], tmp_path / "bad.csv", 2)
    args = [a for k, v in files.items() for a in (k, v)]
    out = _cli("init", *args, "--region", "CN-SD", "--base-year", 2022, "--horizon", 2030,
               "--out", tmp_path / "city")
    _assert_named(out, "bad.csv", 2)


def test_dataset_folder(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(ROOT / "datasets" / "tiny", folder)
    _stray(ROOT / "datasets" / "tiny" / "demands.csv", folder / "demands.csv", 2)
    _assert_named(_cli("optimise", folder), "demands.csv", 2)


def test_catalogue_folder(tmp_path):
    from carbonpath._resources import data_path
    from carbonpath.catalogue import load_catalogue

    folder = tmp_path / "catalogue"
    shutil.copytree(data_path("catalogue"), folder)
    _stray(data_path("catalogue") / "flows.csv", folder / "flows.csv", 2)
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    assert "catalogue/flows.csv, row 2" in str(err.value)
