"""Round-11 model-side cases (issue 11).

D152/D154: any ``roles`` assignment the dataset accepts must run and render. With the plan as
its own cost reference the report's scenario order listed the scenario twice, and pandas
failed in the summary ("cannot reindex on an axis with duplicate labels"). The expected
costs come from a second path: each scenario solved on its own with :class:`PathwayModel`.

D128/D141: a demand row without a profile (a scenario's ``demands:`` rows, its
``demands.csv``, or the dataset's own ``demands.csv`` with a blank cell) made the
electricity load flat, silently. An override now keeps the profile of the rows it replaces;
the dataset's own blank cell is refused.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.dataset import load_dataset
from carbonpath.dataset.scenarios import resolve_scenario
from carbonpath.errors import DataError
from carbonpath.model import PathwayModel
from carbonpath.run import run
from tests.conftest import edit

B, P = "baseline", "plan"


@pytest.mark.parametrize(("bau", "reference", "plan"), [
    (B, B, B),  # D152: the plan role on the baseline
    (P, P, P),  # D154: the cost reference on the plan
    (B, P, B),  # swapped: the plan costs less than its reference
])
def test_every_roles_assignment_runs_and_renders(tiny, tmp_path, bau, reference, plan):
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         f"    targets: [peak, cap]\nroles: {{bau: {bau}, cost_reference: {reference}, "
         f"plan: {plan}}}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = run(tiny, out=tmp_path / "r", peak_years=[], sensitivity=0.0)
    text = (out / "report.md").read_text(encoding="utf-8")
    section = text.split("### Cost of the target", 1)[1].split("###", 1)[0]
    if reference == plan:
        assert f"The plan (**{plan}**) is also the cost reference" in section
        assert "million CNY" not in section
        return
    with warnings.catch_warnings():  # swapped roles warn at the load (round 30 MF92)
        warnings.simplefilter("ignore")
        ds = load_dataset(tiny)
    objective = {s: PathwayModel(ds, scenario=s).solve().objective for s in (B, P)}
    diff = objective[plan] - objective[reference]  # MCNY, discounted
    assert abs(diff) > 1.0  # the targets bind on tiny: the sign below is meaningful
    word = "more" if diff > 0 else "less"
    assert f"costs **{abs(diff):,.1f} million CNY** {word} than the baseline" in section


HI = """  hi:
    extends: plan
    demands:
      - {commodity: electricity, year: 2024, value: 6000, unit: GWh/yr, source: "assumption: x"}
      - {commodity: electricity, year: 2030, value: 7600, unit: GWh/yr, source: "assumption: x"}
"""


def test_a_demand_override_without_a_profile_keeps_the_load_shape(tiny):
    # D128: the same 7,600 GWh as an override without a profile and as the dataset's own
    # demands.csv row with 'load': the same model, so the same objective
    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n", "    targets: [peak, cap]\n" + HI)
    ds = load_dataset(tiny)
    demands = resolve_scenario(ds, "hi").tables["demands"]
    assert list(demands["profile"]) == ["load", "load"]
    hi = PathwayModel(ds, scenario="hi").solve().objective
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2030,7600,")
    edited = PathwayModel(load_dataset(tiny), scenario="plan").solve().objective
    assert hi == pytest.approx(edited, rel=1e-9)


def test_an_override_table_row_without_a_profile_inherits_and_a_named_one_is_kept(tiny):
    # D141: scenarios/plan/demands.csv with the profile cell blank; a named profile stays
    # (round 18, R98: one demand naming two profiles, 'load' inherited and 'pv', is refused)
    folder = tiny / "scenarios" / "plan"
    folder.mkdir(parents=True)
    text = ("commodity,year,value,unit,profile,source\n"
            "electricity,2024,6000,GWh/yr,,assumption: x\n"
            "electricity,2030,7600,GWh/yr,{},assumption: x (a named profile is used)\n")
    (folder / "demands.csv").write_text(text.format("load"), encoding="utf-8")
    demands = resolve_scenario(load_dataset(tiny), "plan").tables["demands"]
    assert list(demands["profile"]) == ["load", "load"]
    (folder / "demands.csv").write_text(text.format("pv"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        resolve_scenario(load_dataset(tiny), "plan")
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.value) == ("scenarios/plan/demands.csv", 3, "pv")
    assert "(scenarios/plan/demands.csv row 2 'load', scenarios/plan/demands.csv row 3 " \
        "'pv')" in problem.message


def test_a_timeslice_demand_without_a_profile_beside_an_unused_one_is_refused(tiny):
    # D128 t3: the dataset's own demands.csv rows without a profile, while profiles.csv has
    # 'load' that nothing else uses (pv is PV's availability): refused, naming the rows
    text = (tiny / "demands.csv").read_text(encoding="utf-8").replace("GWh/yr,load,", "GWh/yr,,")
    (tiny / "demands.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    found = [p for p in err.value.problems if p.column == "profile"]
    assert [(p.file, p.row, p.value) for p in found] == [("demands.csv", 2, ""),
                                                         ("demands.csv", 3, "")]
    assert "flat" in found[0].message
    assert "'load'" in found[0].message
    assert found[0].valid == "a profile of profiles.csv (load)"


def test_pathway_json_lists_the_peak_year_solved(tiny, tmp_path):
    # D135: optimise --peak-year 2028 on a plan whose peak target says 2026 (plan.yaml)
    import json

    from typer.testing import CliRunner

    from carbonpath.cli import app

    peak = [t for t in load_dataset(tiny).targets.values() if t["type"] == "peak_year"]
    assert [t["year"] for t in peak] == [2026]  # the dataset's year, so 2028 is a change
    result = CliRunner().invoke(app, ["optimise", str(tiny), "--scenario", "plan",
                                      "--peak-year", "2028", "--out", str(tmp_path / "po")])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "po" / "pathway.json").read_text(encoding="utf-8"))
    assert written["target_peak_year"] == 2028
    assert [t["year"] for t in written["targets"] if t["type"] == "peak_year"] == [2028]
    # emissions do not rise after 2028 (the target applied), whatever the dataset said
    em = (tmp_path / "po" / "emissions_total.csv").read_text(encoding="utf-8").splitlines()
    by_year = {int(r.split(",")[0]): float(r.split(",")[1]) for r in em[1:]}
    assert all(by_year[y + 1] <= by_year[y] + 1e-6 for y in range(2028, 2030))


def test_edited_tables_the_report_does_not_read_are_named_apart(tiny, tmp_path,
                                                               placeholder_png):
    # D150: scenario_cost.csv edited (plan 19.5 -> 9.5 MCNY): the report recomputes the cost
    # from the objectives, so the banner must not imply the edit was used (D27 below)
    from carbonpath.report import render_report

    out = run(tiny, tmp_path / "out", report=False, sensitivity=0, peak_years=[])
    path = out / "results" / "analysis" / "scenario_cost.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    col = header.index("cost_vs_reference")
    row = next(i for i, line in enumerate(lines) if line.startswith("plan,"))
    cells = lines[row].split(",")
    cells[col] = str(float(cells[col]) - 10.0)
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    render_report(out, tmp_path / "rep")
    text = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    top = text[:text.index("## Contents")]
    assert "report draws no number from `analysis/scenario_cost.csv`" in top
    assert "numbers drawn from them are not the model's" not in top  # no file it reads
    objective = {s: PathwayModel(load_dataset(tiny), scenario=s).solve().objective
                 for s in (B, P)}
    shown = f"costs **{objective[P] - objective[B]:,.1f} million CNY** more"
    assert shown in text  # the objectives' difference, not the edited value
    # D27: the plan's 2028 emissions row deleted: the cost per tonne is missing for that,
    # not for want of a baseline
    path = out / "results" / "pathways" / "plan" / "emissions_total.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("2028,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    render_report(out, tmp_path / "rep2")
    text = (tmp_path / "rep2" / "report.md").read_text(encoding="utf-8")
    assert ("The cost per tonne is not computed: the results lack the emissions of some "
            "years, in `pathways/plan/emissions_total.csv` (2028)") in text
    assert "The cost per tonne needs a baseline" not in text


def test_edited_files_are_sorted_by_whether_the_report_reads_them():
    from carbonpath.report.caveats import caveats

    keys = caveats(lambda key, **kw: f"{key}: {kw.get('files')}", {"dataset": {}},
                   {"edited_results": ["analysis/scenario_cost.csv", "analysis/wedges.csv",
                                       "iamc.csv", "pathways/plan/emissions_total.csv"]})
    assert keys == ["caveat_edited: `analysis/wedges.csv`, `pathways/plan/emissions_total.csv`",
                    "caveat_edited_unread: `analysis/scenario_cost.csv`, `iamc.csv`"]


def test_a_comparison_without_its_references_says_why_the_numbers_are_blank(tiny):
    # D61: only 'plan' compared: the cost reference and the BAU (both 'baseline') are absent
    from carbonpath.scenarios import compare_scenarios

    out = compare_scenarios(load_dataset(tiny), scenarios=["plan"])
    row = out.tables["cost"].iloc[0]
    assert row["cost_vs_reference"] != row["cost_vs_reference"]  # NaN
    assert row["note"] == (
        "the cost_reference scenario 'baseline' is not among those compared: no "
        "cost_vs_reference; the bau scenario 'baseline' is not among those compared: no "
        "abatement_vs_bau or cost per tonne")
    # D60: a table asked as an attribute points to .tables
    with pytest.raises(AttributeError, match=r"comparison.tables\['cost'\]"):
        _ = out.cost


def test_a_comparison_naming_a_scenario_twice_is_refused(tiny):
    from carbonpath.errors import ArgumentValueError
    from carbonpath.scenarios import compare_scenarios

    with pytest.raises(ArgumentValueError, match="'plan' more than once"):
        compare_scenarios(load_dataset(tiny), scenarios=["plan", "plan"])


def test_a_zero_load_profile_of_a_scenario_names_its_file_and_row(tiny):
    # D142: scenarios/plan/profiles.csv sets 'load' to 0 in every hour
    folder = tiny / "scenarios" / "plan"
    folder.mkdir(parents=True)
    (folder / "profiles.csv").write_text(
        "profile,day,hour,value,unit,source\n"
        + "".join(f"load,typical,{h},0,1,assumption: x\n" for h in range(4)), encoding="utf-8")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("scenarios/plan/profiles.csv", 2,
                                                           "value")
    assert "'load' is zero everywhere" in problem.message


def test_an_implausible_target_value_of_a_scenario_names_the_scenario_key(tiny):
    # D38: 4700 meant in kt, the parent's unit is Mt (4.38 Mt in 2024: 1,073 times that)
    from carbonpath.errors import ImplausibleValueError

    edit(tiny, "dataset.yaml", "    targets: [peak, cap]\n",
         "    targets: [peak, cap]\n  late:\n    extends: plan\n    target_values:\n"
         "      cap: {value: 4700}\n")
    with pytest.raises(ImplausibleValueError) as err:
        PathwayModel(load_dataset(tiny), scenario="late")
    (problem,) = err.value.problems
    assert (problem.file, problem.key) == ("dataset.yaml",
                                           "scenarios.late.target_values.cap.value")
    assert "scenario 'late'" in str(err.value)


def test_an_observed_activity_above_the_limit_names_the_availability_row(tiny):
    # D148: pv availability 0.5 added beside its profile: 0.1 GW x 0.5 x 8760 h x 0.15 =
    # 65.7 GWh < the 131.4 GWh observed; the error names the added row (line 24)
    text = (tiny / "parameters.csv").read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    (tiny / "parameters.csv").write_text(text + "pv,availability,,0.5,1,assumption: x\n",
                                         encoding="utf-8")
    with pytest.raises(DataError) as err:
        PathwayModel(load_dataset(tiny), scenario="plan")
    (problem,) = err.value.problems
    assert "(65.7 GWh/yr)" in problem.message
    assert f"its availability 0.5 (parameters.csv row {line})" in problem.message
