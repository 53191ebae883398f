"""Round-4 findings of a fresh user (issue 11): each kind refused with a clear message."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import ArgumentValueError, DataError
from carbonpath._resources import data_path
from carbonpath.cli import app

SAMPLES = data_path("datasets") / "samples"


def test_an_interrupted_sweep_is_not_mistaken_for_a_lost_worker_in_a_fresh_process():
    # Ctrl-C during `carbonpath montecarlo` raised AttributeError: concurrent.futures does
    # not import its process submodule, so cf.process.BrokenProcessPool failed (OF09)
    # the state of a process whose sweep ran in-process: nothing imported the submodule
    code = ("import sys, concurrent.futures as cf\n"
            "from carbonpath.sweeps.executor import _lost_worker\n"
            "from concurrent.futures.process import BrokenProcessPool\n"
            "broken = BrokenProcessPool('x')\n"
            "sys.modules.pop('concurrent.futures.process', None)\n"
            "if hasattr(cf, 'process'): delattr(cf, 'process')\n"
            "assert _lost_worker(KeyboardInterrupt()) is False\n"
            "assert _lost_worker(broken) is True\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr


def test_sample_and_a_file_together_are_refused():
    # --sample computed the bundled sample and ignored the FILE given (IN17)
    result = CliRunner().invoke(app, ["inventory", str(SAMPLES / "activity_sample.csv"),
                                      "--sample"])
    assert result.exit_code != 0
    assert "--sample" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_coal_rate_basis_is_refused_even_where_it_is_not_used():
    # 'plant' was accepted silently under primary_electricity='calorific' (CB18)
    with pytest.raises(ArgumentValueError,
                       match="coal_rate_basis='plant' names no coal-rate basis; valid: 'supply'"):
        cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD", year=2022,
                             primary_electricity="calorific", coal_rate_basis="plant")


def test_a_zero_width_uncertain_input_is_refused(tmp_path):
    # low == high: the input never varies, like an empty uncertainty.csv (UN02)
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "uncertainty.csv"
    text = path.read_text(encoding="utf-8")
    assert "relative,uniform,0.6,,1.3" in text
    path.write_text(text.replace("relative,uniform,0.6,,1.3", "relative,uniform,0.8,,0.8"),
                    encoding="utf-8")
    from carbonpath.dataset.uncertainty import load_uncertainty

    with pytest.raises(DataError) as err:
        load_uncertainty(cp.load_dataset(folder))
    problem = err.value.problems[0]
    assert (problem.column, problem.value) == ("high", 0.8)
    assert "never vary" in problem.message


def test_wide_with_a_machine_format_is_refused():
    # --wide was ignored silently with --format json (CB24)
    result = CliRunner().invoke(app, ["factors", "--item", "raw_coal", "--wide",
                                      "--format", "json"])
    assert result.exit_code != 0
    assert "--wide" in result.output


@pytest.mark.parametrize("price_year", [1900, 2031])
def test_a_price_year_far_from_the_dataset_is_refused(tmp_path, price_year):
    # price_year 1900 labelled the same costs "1900 prices" (DA28); tiny: base 2024, horizon 2030
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "dataset.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "price_year: 2024", f"price_year: {price_year}"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    problem = err.value.problems[0]
    assert (problem.key, problem.value, problem.valid) == ("price_year", price_year,
                                                           "1994 .. 2030")


def test_storage_energy_capex_in_cny_per_mwh_is_implausible(tmp_path):
    # 800 CNY/MWh for 800 CNY/kWh: 0.8 CNY/kWh, below any storage (DX02)
    from carbonpath import ImplausibleValueError

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "parameters.csv"
    text = path.read_text(encoding="utf-8")
    assert "capex_energy,,800,CNY/kWh" in text
    path.write_text(text.replace("capex_energy,,800,CNY/kWh", "capex_energy,,800,CNY/MWh"),
                    encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(folder)
    problem = err.value.problems[0]
    assert (problem.file, problem.column) == ("parameters.csv", "value")


def test_a_normal_sd_wider_than_its_range_is_refused(tmp_path):
    # sd 15 for 0.15 on a relative normal truncated to 0.5 .. 1.5 is flat, not normal (UN08)
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    path = folder / "uncertainty.csv"
    text = path.read_text(encoding="utf-8")
    assert "relative,normal,0.5,,1.5,1.0,0.15" in text
    path.write_text(text.replace("relative,normal,0.5,,1.5,1.0,0.15",
                                 "relative,normal,0.5,,1.5,1.0,15"), encoding="utf-8")
    from carbonpath.dataset.uncertainty import load_uncertainty

    with pytest.raises(DataError) as err:
        load_uncertainty(cp.load_dataset(folder))
    problem = err.value.problems[0]
    assert (problem.column, problem.value, problem.valid) == ("sd", 15.0, "0 < sd <= 1")
    # the dataset's own sd, and a lognormal without bounds, still load
    path.write_text(text, encoding="utf-8")
    assert load_uncertainty(cp.load_dataset(folder)) is not None
