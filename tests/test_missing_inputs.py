"""A missing input is a carbonpath error that is still a FileNotFoundError (finding 11);
a file that is not a workbook is a DataError, not a BadZipFile traceback (finding G08)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.cli import app
from carbonpath.errors import CarbonpathError, DataError, InputNotFoundError
from carbonpath.sweeps.store import read_store


@pytest.mark.parametrize("call", [
    lambda p: cp.compute_inventory(p / "none.csv", region="CN-SD", year=2022),
    lambda p: cp.read_activity(p / "none.csv", region="CN-SD", year=2022),
    lambda p: cp.read_production(p / "none.csv", region="CN-SD", year=2022),
    lambda p: cp.PathwayModel(str(p / "nope")),
    lambda p: cp.PathwayModel("nope"),
    lambda p: cp.load_dataset(p),
    lambda p: cp.load_factors(p / "nope"),
    lambda p: cp.load_factors(extra=p / "none.csv"),
    lambda p: cp.read_energy_balance(p / "none.xlsx"),
    lambda p: cp.read_energy_balance(p / "none.csv"),
    lambda p: read_store(p),
])
def test_a_missing_input_is_a_carbonpath_error_and_a_file_not_found_error(tmp_path, call):
    with pytest.raises(InputNotFoundError) as err:
        call(tmp_path)
    assert isinstance(err.value, CarbonpathError)
    assert isinstance(err.value, FileNotFoundError)
    assert str(tmp_path) in str(err.value) or "nope" in str(err.value)


def test_a_text_file_named_xlsx_is_a_data_error(tmp_path):
    fake = tmp_path / "w.xlsx"
    fake.write_text("x\n", encoding="utf-8")
    with pytest.raises(DataError, match="not an Excel workbook"):
        cp.read_energy_balance(fake)
    result = CliRunner().invoke(app, ["init", "--workbook", str(fake), "--region", "CN-SD",
                                      "--base-year", "2023", "--horizon", "2035",
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "w.xlsx: not an Excel workbook" in result.output
    assert "Traceback" not in result.output
