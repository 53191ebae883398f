"""Round-14 model-side poor cases J86, J98, J154, J166 (tester14j), each fixed as a kind.

J86: a table whose index was renumbered (``reset_index(drop=True)``) was refused as "rows
added"; it is now named as renumbered, with the way to put the labels back.
J98: ``Catalogue.value`` called without ``region_chain`` was a plain ``TypeError``; every
public method of the public classes now checks its arguments as the public functions do
(an ``ArgumentTypeError`` writing the signature), and a walk of the public API proves it.
J154: a scenario with no target was warned about for peaking above the cost reference, and
the reference (the plan) was called "the baseline's".
J166: a budget given as a rate per year was refused with a cap's wording.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import _checks
from carbonpath.dataset.edits import check_unedited
from carbonpath.errors import DataError, UnitError

from .conftest import only_problem

# -- J86: an index renumbered is not rows added ---------------------------------------------


def test_j86_reset_index_is_named_as_renumbered_and_the_hint_restores_it():
    ds = cp.load_dataset("tiny")
    lines = list(ds.tables["demands"].index)
    assert lines == [2, 3]  # tiny's demands.csv: a header, then two rows on lines 2 and 3
    ds.tables["demands"] = ds.tables["demands"].reset_index(drop=True)
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    p = only_problem(err)
    assert p.file == "demands.csv"
    assert "renumbered" in p.message
    assert "no value changed" in p.message
    assert "added" not in p.message.replace("no row was added", "")
    assert "pd.RangeIndex(2, 4, name='line')" in p.valid
    # the hint, followed, is accepted: the labels read are back
    ds.tables["demands"].index = pd.RangeIndex(2, 4, name="line")
    assert check_unedited(ds) is None


def test_j86_renumbered_and_changed_names_the_cell_by_its_file_line():
    ds = cp.load_dataset("tiny")
    was = float(ds.tables["demands"]["value"].iloc[1])
    ds.tables["demands"] = ds.tables["demands"].reset_index(drop=True)
    ds.tables["demands"].loc[1, "value"] = was + 1
    with pytest.raises(DataError) as err:
        check_unedited(ds)
    p = only_problem(err)
    # the second row from the top is line 3 of the file
    assert (p.file, p.row, p.column, p.value) == ("demands.csv", 3, "value", was + 1)
    assert "renumbered" in p.message
    assert f"read {was:g}" in p.message


def test_j86_reset_index_without_drop_says_the_index_became_a_column():
    ds = cp.load_dataset("tiny")
    ds.tables["demands"] = ds.tables["demands"].reset_index()
    with pytest.raises(DataError) as err:
        check_unedited(ds)
    p = only_problem(err)
    assert p.column == "line"
    assert "reset_index()" in p.message
    assert "set_index('line')" in p.valid
    ds.tables["demands"] = ds.tables["demands"].set_index("line")
    assert check_unedited(ds) is None


def test_j86_rows_really_added_are_still_named_as_added():
    ds = cp.load_dataset("tiny")
    d = ds.tables["demands"]
    ds.tables["demands"] = pd.concat([d, d.iloc[[0]].rename(index={2: 99})])
    with pytest.raises(DataError) as err:
        check_unedited(ds)
    p = only_problem(err)
    assert p.row == 99
    assert "row(s) 99 added" in p.message
    # and one row dropped, another added under a new label: not a renumbering either
    ds.tables["demands"] = d.drop(index=[3]).rename(index={2: 50})
    with pytest.raises(DataError) as err:
        check_unedited(ds)
    assert "renumbered" not in only_problem(err).message


# -- J98: every public method checks its arguments ------------------------------------------

MODULES = ("carbonpath", "carbonpath.scenarios", "carbonpath.sweeps", "carbonpath.report",
           "carbonpath.init", "carbonpath.catalogue", "carbonpath.dataset", "carbonpath.model",
           "carbonpath.accounting", "carbonpath.run", "carbonpath.outputs", "carbonpath.units",
           "carbonpath.factors", "carbonpath.errors")

#: Public methods left unchecked, and why.
UNCHECKED = {
    "InlineExecutor.submit": "the concurrent.futures Executor protocol: submit(fn, *args)",
    "Problem.location": "errors.py cannot import the checks, which raise its errors",
}


def _public_classes():
    found = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if (inspect.isclass(obj) and obj.__module__.startswith("carbonpath")
                    and not issubclass(obj, BaseException | Warning)):
                found[obj.__qualname__] = obj
    return found


def _public_methods(cls):
    """Public methods (and a constructor users call) defined in carbonpath, by name."""
    out = {}
    for name in dir(cls):
        if name.startswith("_") and not (name == "__init__" and cls is cp.PathwayModel):
            continue
        raw = inspect.getattr_static(cls, name)
        raw = raw.__func__ if isinstance(raw, classmethod | staticmethod) else raw
        if inspect.isfunction(raw) and raw.__module__.startswith("carbonpath"):
            out[name] = raw
    return out


CLASSES = _public_classes()


def test_the_walk_finds_the_classes_users_hold():
    assert {"Catalogue", "Pathway", "PathwayModel", "Inventory", "FactorTable", "Factor",
            "Dataset", "MonteCarloResult", "BalanceMapping"} <= set(CLASSES)
    assert {"value", "parameter_rows", "flows_of"} <= set(_public_methods(CLASSES["Catalogue"]))


def test_every_public_method_of_every_public_class_checks_its_arguments():
    unchecked = []
    for cname, cls in sorted(CLASSES.items()):
        for mname, func in sorted(_public_methods(cls).items()):
            where = f"{cname}.{mname}".replace(".__init__", "")
            wrapped = (getattr(func, "__wrapped__", None) is not None
                       and func.__code__.co_filename == _checks.__file__)
            if not wrapped and where not in UNCHECKED:
                unchecked.append(where)
    assert unchecked == []


@pytest.fixture(scope="module")
def instances():
    from carbonpath.catalogue import load_catalogue

    model = cp.PathwayModel("tiny", scenario="plan")
    table = cp.load_factors()
    return {"Catalogue": load_catalogue(), "Dataset": model.dataset, "PathwayModel": model,
            "Pathway": model.solve(), "FactorTable": table,
            "Factor": table.grid_factor("CN-SD", 2022)}


@pytest.mark.parametrize("cname", ["Catalogue", "Dataset", "PathwayModel", "Pathway",
                                   "FactorTable", "Factor"])
def test_a_call_that_does_not_fit_writes_the_signature(instances, cname):
    obj = instances[cname]
    methods = {n: f for n, f in _public_methods(type(obj)).items() if n != "__init__"}
    assert methods
    for name in methods:
        with pytest.raises(cp.ArgumentTypeError) as err:  # nothing binds 20 arguments
            getattr(obj, name)(*range(20))
        assert f"{cname}.{name}(): " in str(err.value)
        assert f"call it as {cname}.{name}(" in str(err.value)


def test_j98_catalogue_value_without_region_chain(instances):
    cat = instances["Catalogue"]
    with pytest.raises(cp.ArgumentTypeError) as err:
        cat.value("pv_utility", "capex", year=2024)
    text = str(err.value)
    assert "region_chain" in text
    assert "Catalogue.value(code, parameter, year, region_chain)" in text
    with pytest.raises(cp.ArgumentTypeError, match="argument 'region_chain' must be"):
        cat.value("pv_utility", "capex", 2024, "CN")  # a str, not a tuple of regions


def test_j98_checked_methods_still_work(instances):
    cat = instances["Catalogue"]
    chain = ("CN", "world")
    found = cat.value("pv_utility", "capex", 2024, chain)
    assert found is not None  # the catalogue has a national PV capex
    assert found == type(cat).value.__wrapped__(cat, "pv_utility", "capex", 2024, chain)
    pathway = instances["Pathway"]
    totals = pathway.tables["emissions_total"].set_index("year")["value"]
    assert pathway.emissions_in(2026) == pytest.approx(float(totals[2026]))


# -- J154: a scenario with no target is not compared; the reference is named ----------------


@pytest.fixture(scope="module")
def solved():
    return {name: cp.PathwayModel("tiny", scenario=name).solve() for name in ("baseline", "plan")}


def test_j154_a_scenario_without_targets_is_not_warned_about(solved):
    base, plan = solved["baseline"], solved["plan"]
    # tester14j: baseline 5.28 Mt (2030) above plan 4.68 Mt (2026), expected with no target
    assert base.peak_level > plan.peak_level
    assert base.compare_baseline(plan) == []


def test_j154_a_targeted_scenario_above_its_reference_names_the_reference(solved):
    plan = dataclasses.replace(solved["plan"], warnings=[])
    frame = plan.tables["emissions_total"]
    # a reference emitting half the plan in every year, built by hand
    half = frame.assign(value=frame["value"] / 2)
    ref = dataclasses.replace(plan, scenario="ref", tables={"emissions_total": half},
                              peak_level=plan.peak_level / 2, warnings=[])
    found = plan.compare_baseline(ref)
    limit = plan.target_peak_year
    assert limit == 2026  # tiny's peak target
    # every year up to 2026 with emissions above zero is above half of itself
    above = [y for y, v in zip(frame["year"], frame["value"], strict=True) if y <= limit and v > 0]
    assert len(found) == 2
    assert f"above the reference scenario 'ref' before the peak year 2026 in {len(above)}" \
        in found[0]
    assert (f"above that of the reference scenario 'ref' ({plan.peak_level / 2e3:.2f} Mt"
            in found[1])
    assert "baseline" not in " ".join(found)


# -- J166: a budget's rate is worded for a total ---------------------------------------------


def test_j166_a_budget_rate_is_refused_as_a_total_over_its_years(tiny):
    with (tiny / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write("  - name: budget\n    type: budget\n    start: 2025\n    end: 2030\n"
                "    value: 27\n    unit: Mt CO2\n    source: \"assumption: test\"\n")
    (tiny / "dataset.yaml").write_text(
        (tiny / "dataset.yaml").read_text(encoding="utf-8").replace(
            "targets: [peak, cap]", "targets: [peak, cap, budget]"), encoding="utf-8")
    m = cp.PathwayModel(tiny, scenario="plan")
    with pytest.raises(UnitError) as err:
        m.update(target="budget", value=cp.Q_(28, "Mt CO2/yr"))
    text = str(err.value)
    assert "a budget is the total emitted over 2025..2030 (6 years" in text
    assert "amount in its year" not in text
    # 28 Mt = 28,000 kt as the total; 28,000 kt x 6 years (2025..2030) = 168,000 kt
    assert "Q_(28000, 'kt CO2') (the total)" in text
    assert "Q_(168000, 'kt CO2') (6 years at that rate)" in text
    # a cap keeps its own wording
    with pytest.raises(UnitError, match="the amount in its year"):
        m.update(target="cap", value=cp.Q_(4.8, "Mt CO2/yr"))


# -- round 15's L48: update() of a price leaves the observed years' price, and says so -------


def test_l48_update_of_a_price_says_what_the_observed_year_keeps():
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.warns(cp.CarbonpathWarning, match="observed year") as caught:
        m.update(technology="coal_supply", parameter="variable_cost",
                 value=cp.Q_(450, "CNY/t"))
    text = str(caught[0].message)
    # tiny's 2024 coal supply is fixed at 2347.44 kt (5868.6 GWh x 0.4 kt/GWh, parameters and
    # flows of tiny); 2024 is the discount year (factor 1); (450 - 400) CNY/t x 2,347,440 t
    # = 117.372 MCNY, the gap tester15l measured between update() (8213.046) and apply()
    assert "observed year(s) 2024 keep the dataset's price" in text
    assert "+117.372 MCNY" in text
    assert "2025..2030 only" in text
    # the number is the gap between the two ways, solved: apply() changes 2024 too
    updated = m.solve().objective
    a = cp.PathwayModel("tiny", scenario="plan")
    a.apply({("parameters", 2): 450.0})
    assert a.dataset.tables["parameters"].loc[2, "technology"] == "coal_supply"
    assert a.solve().objective - updated == pytest.approx(117.372, abs=1e-3)


def test_l48_no_warning_where_the_observed_year_costs_nothing_or_years_are_given():
    m = cp.PathwayModel("tiny", scenario="plan")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # grid_import's 2024 activity is 0 in tiny: nothing held at the old price
        m.update(technology="grid_import", parameter="variable_cost",
                 value=cp.Q_(400, "CNY/MWh"))
        # decision years named: the caller said which years they mean
        m.update(technology="coal_supply", parameter="variable_cost", value=cp.Q_(450, "CNY/t"),
                 years=[2025, 2026, 2027, 2028, 2029, 2030])
    assert [str(w.message) for w in caught] == []


# -- round 15's L85: disallow and allow of one technology in one scenario -------------------


def test_l85_a_scenario_that_disallows_and_allows_one_technology_is_refused(tiny):
    text = (tiny / "dataset.yaml").read_text(encoding="utf-8")
    text = text.replace("  plan:\n    targets: [peak, cap]\n",
                        "  plan:\n    targets: [peak, cap]\n"
                        "  nopv: {extends: plan, disallow: [pv], allow: [pv]}\n", 1)
    (tiny / "dataset.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key, p.value) == ("dataset.yaml", "scenarios.nopv.allow", "pv")
    assert "both disallows and allows 'pv'" in p.message
    # allow still undoes a parent's disallow: no error, and pv is buildable again
    (tiny / "dataset.yaml").write_text(text.replace(
        "  nopv: {extends: plan, disallow: [pv], allow: [pv]}\n",
        "  nopv: {extends: plan, disallow: [pv]}\n  pvback: {extends: nopv, allow: [pv]}\n"),
        encoding="utf-8")
    ds = cp.load_dataset(tiny)
    from carbonpath.scenarios import resolve_scenario

    def investable(scenario):
        tech = resolve_scenario(ds, scenario).tables["technologies"].set_index("technology")
        return bool(tech.loc["pv", "investable"])

    assert investable("plan")
    assert not investable("nopv")  # disallowed: pv is not investable
    assert investable("pvback")  # pvback's allow undid its parent's disallow


# -- round 15's L89: optimise() of a resolved dataset solves its one scenario ----------------


def test_l89_optimise_of_a_resolved_dataset_without_a_scenario_solves_it():
    from carbonpath.scenarios import resolve_scenario

    rb = resolve_scenario(cp.load_dataset("tiny"), "baseline")
    p = cp.optimise(rb)
    assert p.scenario == "baseline"
    # the same as the model of the resolved dataset, and as the baseline of the files
    assert p.objective == pytest.approx(cp.PathwayModel(rb).solve().objective, rel=1e-12)
    assert p.objective == pytest.approx(cp.optimise("tiny", "baseline").objective, rel=1e-9)
    # 'plan' given explicitly is still refused for it, and the default is still 'plan'
    with pytest.raises(cp.UnknownNameError, match="unknown scenario 'plan'"):
        cp.optimise(rb, "plan")
    assert cp.optimise("tiny").scenario == "plan"


# -- round 15's L18: 万 before a pint unit names the spellings that work ----------------------


@pytest.mark.parametrize(("given", "chinese", "power", "rest"), [
    ("万t", "万吨", 4, "t"), ("亿kWh", "亿千瓦时", 8, "kWh"), ("万tce", "万吨标准煤", 4, "tce")])
def test_l18_a_chinese_number_word_on_a_pint_unit_names_both_spellings(given, chinese, power,
                                                                        rest):
    from carbonpath.units import parse_unit

    with pytest.raises(UnitError) as err:
        parse_unit(f"{given} CO2" if rest == "t" else given)
    valid = err.value.problems[0].valid
    assert f"write '{chinese}' or '10^{power} {rest}'" in valid
    # both spellings it gives are units: 10^power of the pint unit, by the definition of 万/亿
    for spelled in (chinese, f"10^{power} {rest}"):
        assert (1 * parse_unit(spelled)).to(rest).magnitude == pytest.approx(10.0 ** power)


def test_l18_the_hint_reaches_plan_yaml(tiny):
    text = (tiny / "plan.yaml").read_text(encoding="utf-8")
    (tiny / "plan.yaml").write_text(text.replace("value: 4.8\n", "value: 480\n").replace(
        "unit: Mt CO2", "unit: 万t CO2"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "targets.cap.unit"
    assert "'万吨' or '10^4 t'" in p.valid
