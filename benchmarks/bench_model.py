"""One benchmark route on one dataset, in its own process; prints one JSON line.

    python benchmarks/bench_model.py ROUTE DATASET [--solve] [--arrays FILE.npz]

Routes (each its own process, because peak memory is monotonic within a process):

``carbonpath``
    ``PathwayModel``: data preparation, Pyomo build, hand-off (compile + ``passModel``), cold
    solve, then three warm re-solves after one change each: the cap tightened to 90 % of the
    cold solution's highest emissions after the base year, the peak year moved two years
    earlier, the coal price raised by 25 %; then, from the cold optimum again, re-solves that
    change a row that binds after the change (``resolve_cap_binding``: the cap 5 % below the
    cold solution's highest emissions; ``resolve_peak_binding``: from the optimum without the
    cap, the peak year set to the year before that optimum's highest emissions, where they
    rise), each failing if HiGHS needs 0 iterations.
    ``imports`` is the time of the route's own imports, ``load`` of ``load_dataset``. With
    ``--arrays`` the LP (its original numbers restored through the public update API) is saved
    for the ``raw`` route, after every figure has been taken.
``raw``
    The practical limit: the same LP's arrays (CSC matrix, bounds, costs) loaded from the
    ``.npz`` file, a ``highspy.HighsLp`` filled and handed over with ``Highs.passModel``;
    with ``--solve``, solved with carbonpath's options (the objective must match). Also timed,
    last: ``pass_arrays``, the arrays overload of ``passModel`` (no ``HighsLp``), the tightest
    hand-off highspy offers (carbonpath uses it too).
``appsi`` / ``contrib``
    Pyomo's own persistent HiGHS interfaces (``pyomo.contrib.appsi.solvers.Highs`` and
    ``pyomo.contrib.solver.solvers.highs.Highs``) on carbonpath's Pyomo model: the same data
    preparation and build, then ``set_instance`` as the hand-off, a solve, and a re-solve
    after tightening the cap (the interface detects the change).

Figures: seconds per phase; ``rss_*`` = ``ru_maxrss`` in MiB after each phase (the peak so
far); ``rss_start`` after the imports.

Where the memory goes (``carbonpath`` route only):

``--stages``
    Also record, after each stage (imports, ``load_dataset``, data preparation, Pyomo build,
    compile, ``passModel``), the resident memory now (``now_*``, VmRSS) beside the peak, and
    the number of modules loaded (``modules_*``): what the stage kept and what it held only
    for a while.
``--trace``
    With ``--stages``: ``tracemalloc`` from the end of the imports, the Python and numpy
    memory each stage allocated (``traced_*``, current) and its peak within the stage
    (``traced_peak_*``); HiGHS's own C++ memory is not traced, so RSS minus traced is
    HiGHS, the allocator's slack and untraced extension memory. It slows the build.
``--modules FILE``
    Write the names of every module loaded at the end of the route to FILE.
``--preimport FILE``
    Import the modules named in FILE before ``rss_start`` is taken: the imports that the
    route makes lazily (during loading, building and hand-off) then count as imports, not as
    the model's memory. Run once with ``--modules`` to write FILE.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np


def rss() -> float:
    """Peak resident set size of this process so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_now() -> float:
    """Resident set size of this process now (VmRSS), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1]) / 1024.0
    return float("nan")


class Stages:
    """Memory after each stage: RSS now and peak, modules loaded, tracemalloc (optional)."""

    def __init__(self, out: dict, on: bool, trace: bool) -> None:
        self.out, self.on, self.trace = out, on, trace
        if on and trace:
            import tracemalloc

            tracemalloc.start()

    def mark(self, stage: str) -> None:
        """Record the figures of the stage that just ended."""
        if not self.on:
            return
        self.out[f"now_{stage}"] = rss_now()
        self.out[f"peak_{stage}"] = rss()
        self.out[f"modules_{stage}"] = len(sys.modules)
        if self.trace:
            import tracemalloc

            current, peak = tracemalloc.get_traced_memory()
            self.out[f"traced_{stage}"] = current / 2**20
            self.out[f"traced_peak_{stage}"] = peak / 2**20
            tracemalloc.reset_peak()


def preimport(path: str | None) -> int:
    """Import the modules named in the file at ``path`` (one a line); how many were new."""
    if not path:
        return 0
    import importlib

    before = len(sys.modules)
    for name in Path(path).read_text(encoding="utf-8").split():
        if name not in sys.modules and not name.startswith("__"):
            try:
                importlib.import_module(name)
            except Exception:
                continue
    return len(sys.modules) - before


def carbonpath_route(folder: str, solve: bool, arrays: str | None, stages: bool = False,
                     trace: bool = False, preimport_file: str | None = None) -> dict:
    start = time.perf_counter()
    from carbonpath.dataset import load_dataset
    from carbonpath.model import build as build_module
    from carbonpath.model import solve as solve_module
    from carbonpath.model.build import PathwayModel
    from carbonpath.units import ureg

    preimported = preimport(preimport_file)
    imports = time.perf_counter() - start
    out: dict = {"route": "carbonpath", "rss_start": rss(), "imports": imports}
    if preimport_file:
        out["preimported_modules"] = preimported
    st = Stages(out, stages, trace)
    st.mark("imports")
    if stages:  # wrap the steps that PathwayModel and HighsModel make in one call
        build_family = build_module.PathwayModel._build
        compile_linear = solve_module.compile_linear

        def _build(self, *args, **kwargs):
            st.mark("data")
            return build_family(self, *args, **kwargs)

        def _compile(*args, **kwargs):
            compiled = compile_linear(*args, **kwargs)
            st.mark("compile")
            return compiled

        build_module.PathwayModel._build = _build
        solve_module.compile_linear = _compile
    start = time.perf_counter()
    ds = load_dataset(folder)
    out["load"] = time.perf_counter() - start
    st.mark("load")
    pm = PathwayModel(ds, scenario="plan")
    out.update(data=pm.timings["data"], build=pm.timings["build"], rss_build=rss())
    st.mark("build")
    start = time.perf_counter()
    highs = pm.highs
    out.update(handoff=time.perf_counter() - start, rss_handoff=rss(), **pm.size)
    st.mark("handoff")
    if solve:
        result = highs.solve()
        out.update(solve=result.seconds, objective=result.objective,
                   iterations=result.iterations)
        start = time.perf_counter()
        pathway = pm.solve()  # warm: no change, so only results extraction
        out["results"] = time.perf_counter() - start - pm.timings["solve"]
        out["rss_solve"] = rss()
        cap = next(t for t in pm.data.targets if t["name"] == "peak_level")
        original_cap = float(cap["value"]) * (1000.0 if cap["unit"] == "Mt CO2" else 1.0)
        emissions = pathway.emissions_total
        decision = emissions[emissions["year"] > pm.data.base_year]
        level = 0.9 * float(decision["value"].max())  # kt: binds in the decision years
        original_peak = pm.peak_year
        changes = {
            "resolve_cap": lambda: pm.update(target="peak_level",
                                             value=ureg.Quantity(level, "kt CO2")),
            "resolve_peak": lambda: pm.update(peak_year=original_peak - 2),
            "resolve_price": lambda: pm.scale_cost("coal_supply", "variable_cost", 1.25),
        }
        for name, change in changes.items():
            start = time.perf_counter()
            change()
            result = highs.solve()
            out[name] = time.perf_counter() - start
            out[f"{name}_iterations"] = result.iterations
            out[f"{name}_objective"] = result.objective
        pm.update(target="peak_level", value=ureg.Quantity(original_cap, "kt CO2"))
        pm.update(peak_year=original_peak)
        pm.scale_cost("coal_supply", "variable_cost", 1.0)
        highs.solve()  # back at the cold solution's optimum (warm)
        # re-solves that must move the optimum: each changes a row that binds after it
        from carbonpath.model.extract import sweep_point

        cold = dict(zip(emissions["year"], emissions["value"], strict=True))
        decision_years = [y for y in pm.data.decision_years if y in cold]
        highest = max(decision_years, key=lambda y: cold[y])
        start = time.perf_counter()
        pm.update(target="peak_level", value=ureg.Quantity(0.95 * cold[highest], "kt CO2"))
        result = highs.solve()
        out["resolve_cap_binding"] = time.perf_counter() - start
        out["resolve_cap_binding_iterations"] = result.iterations
        # the peak year: without the cap, emissions rise to a highest year; the peak year moved
        # to the year before it binds (timed from the optimum without the cap)
        pm.update(target="peak_level", value=ureg.Quantity(1e3 * original_cap, "kt CO2"),
                  plausibility="override: the cap lifted out of reach, to time the peak year")
        free = sweep_point(pm, highs.solve()).emissions
        top = max(decision_years, key=lambda y: free[y])
        before = [y for y in decision_years if y < top]
        if before and free[top] > free[before[-1]] * (1 + 1e-6):
            start = time.perf_counter()
            pm.update(peak_year=before[-1])
            result = highs.solve()
            out["resolve_peak_binding"] = time.perf_counter() - start
            out["resolve_peak_binding_iterations"] = result.iterations
        for name in ("resolve_cap_binding", "resolve_peak_binding"):
            if out.get(f"{name}_iterations", 1) == 0:
                msg = f"{name}: 0 iterations, the changed row does not bind"
                raise RuntimeError(msg)
        pm.update(target="peak_level", value=ureg.Quantity(original_cap, "kt CO2"))
        pm.update(peak_year=original_peak)
        out["rss_resolve"] = rss()
    out["rss_peak"] = rss()
    if arrays:
        lp = highs.highs.getLp()
        a = lp.a_matrix_
        np.savez(arrays, col_cost=np.asarray(lp.col_cost_), offset=np.array([lp.offset_]),
                 col_lower=np.asarray(lp.col_lower_), col_upper=np.asarray(lp.col_upper_),
                 row_lower=np.asarray(lp.row_lower_), row_upper=np.asarray(lp.row_upper_),
                 start=np.asarray(a.start_, dtype=np.int32),
                 index=np.asarray(a.index_, dtype=np.int32),
                 value=np.asarray(a.value_, dtype=float),
                 options=np.array(json.dumps(highs.options)))
    return out


def raw_route(arrays: str, solve: bool) -> dict:
    start = time.perf_counter()
    import highspy

    out: dict = {"route": "raw", "rss_start": rss(), "imports": time.perf_counter() - start}
    start = time.perf_counter()
    with np.load(arrays) as f:
        z = {k: f[k] for k in f.files}
    options = json.loads(str(z.pop("options")))
    out["load"] = time.perf_counter() - start
    start = time.perf_counter()
    lp = highspy.HighsLp()
    lp.num_col_ = len(z["col_cost"])
    lp.num_row_ = len(z["row_lower"])
    lp.col_cost_ = z["col_cost"]
    lp.offset_ = float(z["offset"][0])
    lp.col_lower_ = z["col_lower"]
    lp.col_upper_ = z["col_upper"]
    lp.row_lower_ = z["row_lower"]
    lp.row_upper_ = z["row_upper"]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = z["start"]
    lp.a_matrix_.index_ = z["index"]
    lp.a_matrix_.value_ = z["value"]
    out["lp"] = time.perf_counter() - start
    start = time.perf_counter()
    h = highspy.Highs()
    for name, value in options.items():
        h.setOptionValue(name, value)
    h.passModel(lp)
    out["pass"] = time.perf_counter() - start
    out["build_handoff"] = out["load"] + out["lp"] + out["pass"]
    del lp
    out["rss_handoff"] = rss()
    if solve:
        start = time.perf_counter()
        h.run()
        out["solve"] = time.perf_counter() - start
        out["objective"] = h.getInfo().objective_function_value
        out["rss_solve"] = rss()
    out["rss_peak"] = rss()
    # the tightest hand-off: the arrays overload of passModel (no HighsLp), after the figures
    # above so that its second copy of the model does not count in their memory
    del h
    h2 = highspy.Highs()
    h2.setOptionValue("output_flag", False)
    start = time.perf_counter()
    h2.passModel(len(z["col_cost"]), len(z["row_lower"]), len(z["value"]),
                 int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize),
                 float(z["offset"][0]), z["col_cost"], z["col_lower"], z["col_upper"],
                 z["row_lower"], z["row_upper"], z["start"], z["index"], z["value"],
                 np.zeros(len(z["col_cost"]), dtype=np.int32))
    out["pass_arrays"] = time.perf_counter() - start
    return out


def pyomo_route(folder: str, solve: bool, which: str) -> dict:
    import pyomo.environ as pyo

    from carbonpath.dataset import load_dataset
    from carbonpath.model.build import PathwayModel
    from carbonpath.model.solve import DEFAULT_OPTIONS

    if which == "appsi":
        from pyomo.contrib.appsi.solvers import Highs
    else:
        from pyomo.contrib.solver.solvers.highs import Highs
    out: dict = {"route": which, "rss_start": rss()}
    ds = load_dataset(folder)
    pm = PathwayModel(ds, scenario="plan")
    out.update(data=pm.timings["data"], build=pm.timings["build"], rss_build=rss())
    options = {k: v for k, v in DEFAULT_OPTIONS.items() if k != "output_flag"}
    opt = Highs()
    if which == "appsi":
        opt.highs_options = options
    else:
        opt.config.solver_options = options
    start = time.perf_counter()
    opt.set_instance(pm.model)
    out["handoff"] = time.perf_counter() - start
    out["rss_handoff"] = rss()
    def solve_once() -> Any:
        """Solve through the interface; its results and the objective."""
        if which == "appsi":
            res = opt.solve(pm.model)
            return res, res.best_feasible_objective
        res = opt.solve(pm.model, load_solutions=False)
        return res, res.incumbent_objective

    if solve:
        start = time.perf_counter()
        res, out["objective"] = solve_once()
        out["solve"] = time.perf_counter() - start
        # tighten the cap rows (to 90 % of the highest emissions) and re-solve
        if which == "appsi":
            opt.load_vars([pm.model.emissions[y] for y in pm.data.years])
        else:
            res.solution_loader.load_vars([pm.model.emissions[y] for y in pm.data.years])
        level = 0.9 * max(pyo.value(pm.model.emissions[y]) for y in pm.data.years[1:])
        for key, row in pm.target_rows.items():
            if row.target == "peak_level":
                con = pm.model.target[key]
                con.set_value((None, con.body, level))
        start = time.perf_counter()
        _, out["resolve_cap_objective"] = solve_once()
        out["resolve_cap"] = time.perf_counter() - start
        out["rss_solve"] = rss()
    out["rss_peak"] = rss()
    return out


def main(argv: list[str]) -> None:
    route, target = argv[0], argv[1]
    solve = "--solve" in argv

    def value(flag: str) -> str | None:
        """The argument after ``flag`` (None without the flag)."""
        return argv[argv.index(flag) + 1] if flag in argv else None

    arrays = value("--arrays")
    if route == "carbonpath":
        out = carbonpath_route(target, solve, arrays, stages="--stages" in argv,
                               trace="--trace" in argv, preimport_file=value("--preimport"))
        modules = value("--modules")
        if modules:
            Path(modules).write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")
    elif route == "raw":
        out = raw_route(target, solve)
    elif route in ("appsi", "contrib"):
        out = pyomo_route(target, solve, route)
    else:
        raise SystemExit(f"unknown route {route!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main(sys.argv[1:])
