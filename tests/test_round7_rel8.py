"""Round-7 cases (tester7): silent results and tracebacks, fixed by kind (IDs in the names)."""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from tests.test_rounds56_leftovers import _line


def test_mr12_a_links_parameter_given_to_apply_is_a_typed_error_not_an_index_error(tmp_path):
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    model = cp.PathwayModel(folder, scenario="plan")
    params = model.dataset.tables["parameters"]
    line = _line(params, technology="ab", parameter="variable_cost")  # a link's tariff
    with pytest.raises(DataError) as info:
        model.apply({("parameters", line): 20.0})
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", line, "technology")
    assert "'ab' is a link" in problem.message
    assert "update(technology='ab'" in problem.valid
    model.restore()
    model.update(technology="ab", parameter="variable_cost",  # the way that works
                 value=cp.Q_(20, "CNY/MWh"))


def test_mr12_a_links_parameter_in_uncertainty_csv_is_refused_when_read(tmp_path):
    from carbonpath.dataset.uncertainty import load_uncertainty
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    (folder / "uncertainty.csv").write_text(
        "input,table,technology,parameter,scale,distribution,low,high,unit,source\n"
        "tariff,parameters,ab,variable_cost,relative,uniform,0.5,1.5,1,assumption: x\n",
        encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_uncertainty(cp.load_dataset(folder))
    (problem,) = info.value.problems
    assert (problem.file, problem.row) == ("uncertainty.csv", 2)
    assert "'ab' is a link" in problem.message


@pytest.mark.parametrize("prices", [[float("nan")], [float("inf")], [-10.0, 100.0], ["5"]])
def test_s04_s05_s06_carbon_prices_must_be_finite_and_not_negative(prices):
    from carbonpath.errors import ArgumentValueError
    from carbonpath.scenarios import system_macc

    with pytest.raises(ArgumentValueError, match="finite carbon prices >= 0") as info:
        system_macc("tiny", prices=prices)
    assert repr(prices[0]) in str(info.value)


def _measures(folder, text):
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  base: baseline\n  list:\n" + text)


@pytest.mark.parametrize(("measure", "key", "said"), [
    ("    - {name: a, source: 'assumption: t', changes: {targets: [peek]}}\n",
     "measures.a.changes.targets", "adds unknown target 'peek'"),  # M06: was a bare KeyError
    ("    - {name: a, source: 'assumption: t', changes: {target_values: {cap: {value: 4.0}}}}\n",
     "measures.a.changes.target_values.cap", "can never act"),  # M07: was 0 Mt, exit 0
    ("    - {name: '', source: 'assumption: t', technologies: [battery]}\n",
     "measures.list[0].name", "a measure needs a name"),  # M09: a blank MACC label
])
def test_m06_m07_m09_measures_that_cannot_act_or_be_named_are_refused(tiny, measure, key,
                                                                      said):
    from carbonpath.dataset.scenarios import measures

    _measures(tiny, measure)
    with pytest.raises(DataError) as info:
        measures(cp.load_dataset(tiny))
    (problem,) = info.value.problems
    assert (problem.file, problem.key) == ("dataset.yaml", key)
    assert said in problem.message
    if "peek" in measure:
        assert "did you mean 'peak'" in problem.valid


def test_m07_a_target_the_measure_adds_may_have_its_values_changed(tiny):
    from carbonpath.dataset.scenarios import measures

    _measures(tiny, "    - {name: a, source: 'assumption: t', changes: {targets: [cap], "
                    "target_values: {cap: {value: 4.0}}}}\n")
    base, found = measures(cp.load_dataset(tiny))
    assert base == "baseline"
    assert [m["name"] for m in found] == ["a"]


def test_m01_the_macc_command_never_prints_nan(tiny, tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    _measures(tiny, "    - {name: pvm, source: 'assumption: t', changes: {parameters: [{"
                    "technology: pv, parameter: min_capacity, year: 2030, value: 1000, "
                    "unit: MW, source: 'assumption: t'}]}}\n"
                    "    - {name: bat, source: 'assumption: t', technologies: [battery]}\n")
    result = CliRunner().invoke(app, ["macc", str(tiny), "--measures", "--steps", "1"])
    assert result.exit_code == 0, result.output
    assert "nan" not in result.output.lower()
    (bat,) = [line for line in result.output.splitlines() if line.startswith("  bat:")]
    assert bat == "  bat: 0.000 Mt (no abatement)"  # the battery alone abates nothing


def test_i14_two_committed_projects_of_one_year_are_one_row_of_their_sum(tmp_path):
    import pandas as pd

    from carbonpath.init import init_dataset
    from tests.test_init import HOURS, SAMPLE, SAMPLES

    parks = pd.DataFrame({"type": ["pv", "pv"], "year": [2024, 2024], "value": [50, 30],
                          "unit": ["万千瓦", "万千瓦"], "source": ["park A", "park B"]})
    init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o",
                 model_hours=HOURS, committed=parks, **SAMPLE)
    params = cp.load_dataset(tmp_path / "o").tables["parameters"]  # loads: no duplicate
    rows = params[params["parameter"] == "committed_new_capacity"]
    assert len(rows) == 1
    assert float(rows["value"].iloc[0]) == pytest.approx(800.0)  # (50 + 30) 万千瓦 = 800 MW
    assert "park A" in rows["source"].iloc[0]
    assert "park B" in rows["source"].iloc[0]


def _samples(series, with_peak_rows):
    """Tidy Monte Carlo rows of scenario 'baseline': one emissions series per sample."""
    rows = []
    for sample, emissions in enumerate(series):
        years = list(range(2024, 2024 + len(emissions)))
        rows.append(("baseline", sample, "status", None, float("nan"), "optimal"))
        rows += [("baseline", sample, "emissions", y, e, None)
                 for y, e in zip(years, emissions, strict=True)]
        if with_peak_rows:
            rows.append(("baseline", sample, "peak_year", None,
                         float(years[emissions.index(max(emissions))]), None))
    import pandas as pd

    return pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value", "text"])


@pytest.mark.parametrize("with_peak_rows", [True, False])
def test_rp06_the_median_peak_year_ranks_samples_that_do_not_peak_last(with_peak_rows):
    # round 8 (MC01) changed RP06's rule: the non-peaking samples are no longer left out of
    # the median but rank after the horizon, so 3 of 4 never peaking reads "after 2027"
    from carbonpath.report.overview import montecarlo_peaks

    rising = [4.0, 4.1, 4.2, 4.3]  # highest in the last year: no peak within 2024..2027
    peaked = [4.4, 2.3, 2.4, 2.5]  # highest in 2024
    table = montecarlo_peaks(_samples([rising, rising, rising, peaked], with_peak_rows),
                             {"baseline": 2026})
    (row,) = table.to_dict("records")
    # sorted: 2024, never, never, never -> middle two never: after the horizon (not 2027,
    # the argmax, and not 2024, the one peaking sample)
    assert row["median_peak_year"] == float("inf")
    assert row["horizon"] == 2027
    assert row["p_by_target"] == pytest.approx(0.25)  # 1 of 4 samples peaks by 2026
    table = montecarlo_peaks(_samples([rising, rising], with_peak_rows), {"baseline": 2026})
    assert table["median_peak_year"].iloc[0] == float("inf")  # none peaks: after 2027


_ROW = ("{{name: {n}, source: 'assumption: t', changes: {{parameters: [{{technology: pv, "
        "parameter: {p}, year: 2030, value: {v}, unit: {u}, source: 'assumption: t'}}]}}}}")


def test_m05_a_measures_implausible_row_is_named_by_its_key_before_any_curve(tiny):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    _measures(tiny, "    - " + _ROW.format(n="a", p="capex", v=3000000, u="CNY/kW") + "\n")
    result = CliRunner().invoke(app, ["macc", str(tiny), "--measures", "--steps", "1"])
    assert result.exit_code == 1, result.output
    assert "key 'measures.a.changes.parameters[0]'" in result.output
    assert "scenarios._measures" not in result.output
    assert "3e+06 CNY/kW is 3e+06" not in result.output
    assert "step 0" not in result.output  # refused before the system MACC is solved


def test_m08_two_measures_setting_one_row_are_named_in_dataset_yaml(tiny):
    _measures(tiny, "".join("    - " + _ROW.format(n=n, p="min_capacity", v=v, u="MW") + "\n"
                            for n, v in (("a", 1000), ("b", 2000))))
    # since round 11 (D40, D43) refused when the dataset loads, not when the measure MACC
    # resolves the base with every measure after the scenarios' solves
    with pytest.raises(DataError) as info:
        cp.load_dataset(tiny)
    places = {(p.file, p.key, p.row) for p in info.value.problems}
    assert places == {("dataset.yaml", "measures.a.changes.parameters[0]", None),
                      ("dataset.yaml", "measures.b.changes.parameters[0]", None)}


def test_mr09_a_base_year_demand_override_names_its_row(tiny):
    model = cp.PathwayModel(tiny, scenario="plan")
    demands = model.dataset.tables["demands"]
    line = _line(demands, commodity="electricity", year=2024)  # the base year's row
    with pytest.raises(DataError) as info:
        model.apply({("demands", line): 6100.0})
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("demands.csv", line, "value")
    assert "observed data" in problem.message


def test_mr09_in_a_dataset_of_regions_too(tmp_path):
    from tests.test_model_network import _write

    model = cp.PathwayModel(_write(tmp_path / "three", targets=False), scenario="plan")
    demands = model.dataset.tables["demands"]
    line = _line(demands, commodity="electricity", region="c", year=2024)
    with pytest.raises(DataError) as info:
        model.apply({("demands", line): 100.0})
    (problem,) = info.value.problems
    assert (problem.file, problem.row) == ("demands.csv", line)
    assert "electricity@c" in problem.message


@pytest.mark.parametrize(("measure", "key", "said"), [
    ("{name: a, source: s, technologies: battery}", "measures.a.technologies",
     "must be a list of codes"),  # M23: read letter by letter
    ("{name: a, source: s, changes: {targets: cap}}", "measures.a.changes.targets",
     "must be a list of codes"),  # M27: error 'c'
    ("{name: a, source: s, changes: {disallow: battery}}", "measures.a.changes.disallow",
     "must be a list of codes"),  # M28: TypeError traceback
    ("{name: a, source: s, changes: {parameters: {technology: pv, parameter: capex, "
     "value: 1, unit: CNY/kW, source: s}}}", "measures.a.changes.parameters",
     "must be a list of rows"),  # M22: AttributeError traceback
    ("{name: a, source: s, changes: {parameters: ['pv capex 2000']}}",
     "measures.a.changes.parameters", "must be a list of rows"),  # M29
    ("{name: a, source: s, changes: {}}", "measures.a.changes", "changes nothing"),  # M25
])
def test_m22_to_m29_the_shape_of_a_measure_is_checked(tiny, measure, key, said):
    from carbonpath.dataset.scenarios import measures

    _measures(tiny, f"    - {measure}\n")
    with pytest.raises(DataError) as info:
        measures(cp.load_dataset(tiny))
    (problem,) = info.value.problems
    assert (problem.file, problem.key) == ("dataset.yaml", key)
    assert said in problem.message


def test_m19_a_quoted_year_of_the_measure_macc_is_named_as_text(tiny):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  year: '2030'\n  list:\n"
                "    - {name: a, source: s, technologies: [battery]}\n")
    with pytest.raises(DataError, match="it is text: write it without quotes"):
        cp.load_dataset(tiny)


def test_api05_api02_a_pint_price_is_converted_and_a_bad_executor_named():
    from carbonpath.errors import ArgumentTypeError
    from carbonpath.scenarios import system_macc
    from carbonpath.scenarios.macc import _check_prices

    assert _check_prices([cp.Q_(0.02, "CNY/(kg CO2)"), 30]) == [pytest.approx(20.0), 30.0]
    with pytest.raises(ArgumentTypeError, match="executor must be"):
        system_macc("tiny", prices=[20.0], executor="x")




def test_any_shape_of_a_measure_is_a_dataerror_or_accepted_never_a_python_error():
    import dataclasses

    from hypothesis import given
    from hypothesis import strategies as st

    from carbonpath.dataset.scenarios import measures

    ds = cp.load_dataset("tiny")
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from(
        ["pv", "battery", "cap", "peak", "", "capex", "min_capacity", "MW", "CNY/kW"]))
    junk = st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
            ["technology", "parameter", "year", "value", "unit", "source", "cap", "value"]),
            inner, max_size=4)), max_leaves=8)
    changes = st.dictionaries(st.sampled_from(["parameters", "drivers", "demands", "targets",
                                               "target_values", "disallow", "allow"]),
                              junk, max_size=3)
    item = st.fixed_dictionaries({"name": st.one_of(st.just("a"), leaf), "source": leaf},
                                 optional={"technologies": junk, "changes": st.one_of(changes,
                                                                                      junk)})

    @given(st.lists(item, min_size=1, max_size=2))
    def check(items):
        config = {**ds.config, "measures": {"base": "baseline", "list": items}}
        try:
            found = measures(dataclasses.replace(ds, config=config))
        except DataError as exc:
            problems = exc.problems
            assert problems  # a refusal names each thing that is wrong
            return
        assert isinstance(found, tuple)  # accepted: the measures' description

    check()


@pytest.mark.parametrize("parent", ["[baseline]", "5"])
def test_extends_of_another_shape_than_one_name_is_a_dataerror(tiny, parent):
    text = (tiny / "dataset.yaml").read_text(encoding="utf-8")
    text = text.replace("  plan:\n", f"  odd:\n    extends: {parent}\n  plan:\n", 1)
    (tiny / "dataset.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:  # a list had been a TypeError (unhashable)
        cp.load_dataset(tiny)
    (problem,) = info.value.problems
    assert problem.key == "scenarios.odd.extends"
