"""Behaviour under faults (issue 11): solver noise, locales, foreign encodings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pyomo.environ as pyo
import pytest

from carbonpath import EncodingError, read_activity
from carbonpath._io import decode
from carbonpath.model.solve import pyomo_messages

ROWS = "sector,fuel,value,unit\n居民生活,原煤,1,吨\n工业,天然气,2,万立方米\n"


def test_pyomo_log_lines_stay_off_the_terminal_and_ride_on_the_error(capfd):
    m = pyo.ConcreteModel()
    m.x = pyo.Var([1, 2])
    with pytest.raises(ZeroDivisionError) as info, pyomo_messages():
        m.c = pyo.Constraint([1, 2], rule=lambda m, i: m.x[i] / 0 >= 1)
    out, err = capfd.readouterr()
    assert "ERROR" not in out + err
    assert any("Rule failed" in note for note in info.value.__notes__)
    import logging

    assert logging.getLogger("pyomo").handlers  # Pyomo's own handler is back afterwards


def test_an_infeasible_cli_run_prints_carbonpaths_lines_only(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    result = CliRunner().invoke(app, ["optimise", "tiny", "--peak-year", "2025",
                                      "--time-limit", "1e-9"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines
    assert all(not line.startswith(("ERROR", "Running HiGHS", "Copyright")) for line in lines)


@pytest.mark.parametrize(("data", "said"), [
    (ROWS.replace("吨", "噸").replace("工业", "工業").replace("天然气", "天然氣")
     .replace("万", "萬").encode("big5"), "it looks like Big5"),
    (ROWS.encode("utf-16"), "NUL bytes (UTF-16 text or a binary file)"),
    (b"PK\x03\x04" + bytes(60), "an Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0" + bytes(60), "an Excel 97-2003 workbook (.xls)"),
])
def test_a_file_in_another_encoding_or_a_workbook_is_named_not_garbled(tmp_path, data, said):
    path = tmp_path / "活动.csv"
    path.write_bytes(data)
    with pytest.raises(EncodingError, match=re.escape(said)) as info:
        read_activity(path, region="CN-SD", year=2022)
    assert "活动.csv" in str(info.value)


def test_gbk_and_utf8_chinese_still_read():
    for encoding in ("gbk", "utf-8", "utf-8-sig"):
        text, _ = decode(ROWS.encode(encoding), "a.csv")
        assert "居民生活" in text


def test_chinese_names_print_in_a_c_locale_without_utf8_mode(tmp_path):
    path = tmp_path / "聊城.csv"
    path.write_text("sector,fuel,value,unit\nresidential,raw_coal,100,t\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0",
               PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    done = subprocess.run([sys.executable, "-m", "carbonpath", "inventory", str(path),
                           "--region", "CN-SD", "--year", "2022", "--format", "json"],
                          env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert '"source": "聊城.csv"'.encode() in done.stdout  # UTF-8, not ? or \\u escapes
    assert b"Traceback" not in done.stderr


def test_a_long_utf8_file_is_not_mistaken_for_another_encoding(tmp_path):
    from carbonpath.cli import _header

    path = tmp_path / "long.csv"
    path.write_text("地区,原煤,焦炭\n" + "居民生活消费,1,2\n" * 6000, encoding="utf-8")
    assert len(path.read_bytes()) > 65536
    assert _header(path) == ["地区", "原煤", "焦炭"]
