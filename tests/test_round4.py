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
    with pytest.raises(ArgumentValueError, match="coal_rate_basis must be 'supply'"):
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
