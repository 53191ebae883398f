"""Pathway-model benchmarks at CI size: each phase timed by pytest-benchmark.

The default case is ``1e4`` of :mod:`model_cases` (about 10 000 columns); set
``CARBONPATH_BENCH_MODEL=1e5`` for the next size. Run with

    PYTHONPATH=src:benchmarks pytest benchmarks --benchmark-group-by=group

Phases: build (data preparation and the Pyomo model), hand-off (compile + ``passModel``), the
raw reference (the same arrays handed to highspy directly), a cold solve and warm re-solves
after one change each (cap, peak year, price). ``test_one_process_per_route`` runs the
carbonpath and raw routes of ``bench_model.py`` in fresh processes, as the full suite
(``benchmarks/run_all.py``) does, and checks that both solve the same LP. Figures, not
pass/fail thresholds: the targets are checked on the full suite's table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import highspy
import model_cases
import numpy as np
import pytest

from carbonpath.dataset import load_dataset
from carbonpath.model.build import PathwayModel
from carbonpath.model.solve import HighsModel
from carbonpath.units import ureg

CASE = os.environ.get("CARBONPATH_BENCH_MODEL", "1e4")
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return model_cases.write_case(tmp_path_factory.mktemp("model") / CASE,
                                  model_cases.CASES[CASE])


@pytest.fixture(scope="module")
def dataset(folder):
    return load_dataset(folder)


@pytest.fixture(scope="module")
def solved(dataset):
    pm = PathwayModel(dataset, scenario="plan")
    pathway = pm.solve()
    return pm, pathway


def test_build(benchmark, dataset):
    benchmark.group = f"model-{CASE}-build"
    pm = benchmark.pedantic(PathwayModel, args=(dataset, "plan"), rounds=3, iterations=1)
    benchmark.extra_info.update(data=pm.timings["data"], build=pm.timings["build"])


def test_handoff(benchmark, dataset):
    benchmark.group = f"model-{CASE}-handoff"
    pm = PathwayModel(dataset, scenario="plan")
    highs = benchmark.pedantic(HighsModel, args=(pm.model,), rounds=3, iterations=1)
    benchmark.extra_info.update(columns=highs.num_col, rows=highs.num_row,
                                nonzeros=highs.num_nz)


def test_raw_reference_handoff(benchmark, solved):
    """The same arrays into a HighsLp and Highs.passModel: the practical limit."""
    benchmark.group = f"model-{CASE}-handoff"
    lp = solved[0].highs.highs.getLp()
    a = {"c": np.asarray(lp.col_cost_), "cl": np.asarray(lp.col_lower_),
         "cu": np.asarray(lp.col_upper_), "rl": np.asarray(lp.row_lower_),
         "ru": np.asarray(lp.row_upper_), "s": np.asarray(lp.a_matrix_.start_, dtype=np.int32),
         "i": np.asarray(lp.a_matrix_.index_, dtype=np.int32),
         "v": np.asarray(lp.a_matrix_.value_)}

    def raw():
        ref = highspy.HighsLp()
        ref.num_col_, ref.num_row_ = len(a["c"]), len(a["rl"])
        ref.col_cost_, ref.col_lower_, ref.col_upper_ = a["c"], a["cl"], a["cu"]
        ref.row_lower_, ref.row_upper_ = a["rl"], a["ru"]
        ref.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        ref.a_matrix_.start_, ref.a_matrix_.index_, ref.a_matrix_.value_ = a["s"], a["i"], a["v"]
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.passModel(ref)
        return h

    h = benchmark.pedantic(raw, rounds=5, iterations=1)
    assert h.getNumNz() == solved[0].highs.num_nz


def test_solve_cold(benchmark, dataset):
    benchmark.group = f"model-{CASE}-solve"
    pm = PathwayModel(dataset, scenario="plan")

    def fresh():
        return (HighsModel(pm.model),), {}

    result = benchmark.pedantic(lambda h: h.solve(), setup=fresh, rounds=3, iterations=1)
    assert result.status == "Optimal"


@pytest.mark.parametrize("change", ["cap", "peak", "price"])
def test_resolve_warm(benchmark, solved, change):
    """A warm re-solve after one change, alternating with its undo."""
    benchmark.group = f"model-{CASE}-solve"
    pm, pathway = solved
    e = pathway.emissions_total
    level = 0.9 * float(e.loc[e["year"] > pm.data.base_year, "value"].max())
    cap = next(t for t in pm.data.targets if t["name"] == "peak_level")
    original = float(cap["value"]) * (1000.0 if cap["unit"] == "Mt CO2" else 1.0)
    peak = pm.peak_year
    state = {"on": False}

    def flip():
        state["on"] = not state["on"]
        on = state["on"]
        if change == "cap":
            pm.update(target="peak_level", value=ureg.Quantity(level if on else original,
                                                               "kt CO2"))
        elif change == "peak":
            pm.update(peak_year=peak - 2 if on else peak)
        else:
            pm.scale_cost("coal_supply", "variable_cost", 1.25 if on else 1.0)
        return pm.highs.solve()

    result = benchmark.pedantic(flip, rounds=4, iterations=1)
    assert result.status == "Optimal"
    if state["on"]:  # one round only (--benchmark-disable): undo the change
        result = flip()
    assert result.objective == pytest.approx(pathway.objective, rel=1e-9)


def test_one_process_per_route(folder, tmp_path):
    """The routes of the full suite, each in a fresh process; both solve the same LP."""
    arrays = str(tmp_path / "lp.npz")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    out = {}
    for route, target, extra in (("carbonpath", str(folder), ["--arrays", arrays]),
                                 ("raw", arrays, [])):
        proc = subprocess.run([sys.executable, str(HERE / "bench_model.py"), route, target,
                               "--solve", *extra], capture_output=True, text=True, env=env,
                              check=True)
        out[route] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["raw"]["objective"] == pytest.approx(out["carbonpath"]["objective"], rel=1e-9)
    for key in ("resolve_cap", "resolve_peak", "resolve_price"):
        assert out["carbonpath"][f"{key}_iterations"] < out["carbonpath"]["iterations"]
