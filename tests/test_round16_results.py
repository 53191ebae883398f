"""Round 16's model-side cases whose results misled (N50, N60, N86, N88), checked by hand."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath import load_dataset
from carbonpath.cli import app
from carbonpath.report.overview import OPTIONAL_TABLES, load_extras
from carbonpath.scenarios import peak_cost_curve
from carbonpath.scenarios.run_tables import MACC_COLUMNS, macc_table
from carbonpath.sweeps import analysis
from carbonpath.sweeps.montecarlo import montecarlo
from tests.scenario_fixture import row, tiny_copy


def test_a_peak_rule_that_does_not_bind_shows_no_carbon_price():
    # N60: 2027..2029 said "does not bind" with NaN cost but printed 45/31/16 CNY/t, the
    # 2030 cap's dual shared out over the flat top (degenerate LP), as a price of the rule
    curve = peak_cost_curve("tiny").set_index("peak_year")
    loose = curve[curve["status"] == "does not bind"]
    assert list(loose.index) == [2027, 2028, 2029]  # tiny's plan peaks at 4.8 Mt in 2027
    assert loose["max_shadow_price"].isna().all()
    assert loose["cost_of_peaking"].isna().all()
    tight = curve[curve["status"] == "binds"]
    assert list(tight.index) == [2025, 2026]
    assert (tight["max_shadow_price"] > 0).all()


def _contributions(discount_year: int | None = 2024) -> SimpleNamespace:
    # two measures by hand: 2 Mt and 0 Mt cumulative, 0.5 Mt/yr and 0 Mt/yr in 2030
    table = pd.DataFrame({"measure": ["a", "b"], "abatement_cumulative": [2.0, 0.0],
                          "abatement_discounted": [1.6, 0.0], "cost": [40.0, 3.0],
                          "cost_per_tonne": [40.0 / 1.6, np.nan],
                          "note": ["", "no abatement"]})
    by_year = pd.DataFrame({"measure": ["a", "b"], "year": [2030, 2030],
                            "abatement": [0.5, 0.0], "unit": "Mt CO2/yr"})
    return SimpleNamespace(table=table, by_year=by_year, method="shapley", base="baseline",
                           discount_year=discount_year)


def test_the_run_macc_names_cost_per_tonne_and_cost_total_apart():
    # N86: the run's macc.csv had `cost` in CNY/t where macc --out's measures.csv has `cost`
    # in MCNY for the same measure; now `cost` is MCNY everywhere it appears
    out = macc_table(_contributions(), 2030).set_index("measure")
    assert "cost" not in out.columns
    assert tuple(out.reset_index().columns) == MACC_COLUMNS
    # by hand: 40 MCNY over 1.6 Mt discounted = 25 CNY/t; 0.5 Mt/yr = 500 kt/yr
    assert out.loc["a", "cost_per_tonne"] == pytest.approx(25.0)
    assert out.loc["a", "cost_total"] == pytest.approx(40.0)
    assert out.loc["a", "abatement"] == pytest.approx(500.0)
    assert np.isnan(out.loc["b", "cost_per_tonne"])
    assert out.loc["a", "units"] == "kt CO2/yr; CNY/t CO2; kt CO2; MCNY (discounted to 2024)"


@pytest.mark.parametrize("per_tonne", ["cost", "cost_per_tonne"])
def test_the_report_reads_the_macc_of_old_and_new_run_folders(tmp_path, per_tonne):
    # a folder written before round 16 names the CNY/t column `cost`; both read the same
    path = tmp_path / "results" / OPTIONAL_TABLES["macc"][0]
    path.parent.mkdir(parents=True)
    pd.DataFrame({"measure": ["a"], "year": [2030], "abatement": [500.0],
                  per_tonne: [25.0], "cost_total": [40.0]}).to_csv(path, index=False)
    macc = load_extras(tmp_path / "results")["macc"]
    assert macc.loc[0, "cost_per_tonne"] == 25.0
    assert macc.loc[0, "cost_total"] == 40.0


def test_peak_probability_leaves_invalid_samples_out_by_hand():
    # N88 by hand: four samples of a 2024..2030 model; 1 and 2 peak in 2026, 3 and 4 invalid
    rows = []
    for sample, status in [(1, "optimal"), (2, "optimal"), (3, "invalid"), (4, "invalid")]:
        rows.append(("plan", sample, "status", np.nan, np.nan, status))
        if status == "optimal":
            rows.append(("plan", sample, "peak_year", np.nan, 2026.0, None))
            rows += [("plan", sample, "emissions", y, 1.0, None) for y in range(2024, 2031)]
    frame = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                        "text"])
    prob = analysis.peak_probability(frame, years=[2025, 2026]).set_index("year")
    assert prob.loc[2025, "probability"] == 0.0
    assert prob.loc[2026, "probability"] == 1.0  # 2 of 2 valid (it had read 2 of 4)
    assert prob.loc[2026, "samples"] == 2
    assert prob.loc[2026, "invalid"] == 2
    assert prob.loc[2026, "infeasible"] == 0
    lines = analysis.peak_lines(frame)
    assert "2 invalid left out" in lines[0]
    assert lines[1] == "plan: median peak year over the 2 valid samples  2026"


def test_the_report_counts_invalid_samples_apart_by_hand():
    from carbonpath.report.overview import montecarlo_peaks

    rows = []
    for sample, status in [(1, "optimal"), (2, "optimal"), (3, "invalid"), (4, "invalid")]:
        rows.append(("plan", sample, "status", np.nan, np.nan, status))
        if status == "optimal":
            rows.append(("plan", sample, "peak_year", np.nan, 2026.0, None))
            rows += [("plan", sample, "emissions", y, 1.0, None) for y in range(2024, 2031)]
    frame = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                        "text"])
    got = montecarlo_peaks(frame, {"plan": 2026}).set_index("scenario").loc["plan"]
    assert got["p_by_target"] == 1.0  # 2 of 2 valid samples peak by 2026
    assert got["samples"] == 2
    assert got["invalid"] == 2
    assert got["median_peak_year"] == 2026.0


def test_a_sample_contradicting_the_observed_year_is_invalid_not_infeasible(tmp_path):
    # N88: tiny's PV made 131.4 GWh in 2024 = 100 MW x 0.3 x 12 h x 365 d, all it can at an
    # availability of 0.3 in hours 1 and 2; a factor below 1 on hour 1 cannot have made it,
    # whatever the plan says (infeasible with every target relaxed), a factor >= 1 can
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    (folder / "uncertainty.csv").write_text(
        "input,table,profile,day,hour,scale,distribution,low,high,unit,source\n"
        "pv_h1,profiles,pv,typical,1,relative,uniform,0.5,1.5,1,assumption: test\n",
        encoding="utf-8")
    result = montecarlo(folder, samples=4, seed=1, scenarios=["plan"], workers=1)
    inputs = result.inputs  # tidy: sample, input, value (the multiplier)
    factor = inputs[inputs["input"] == "pv_h1"].set_index("sample")["value"]
    status = result.results[result.results["metric"] == "status"].set_index("sample")["text"]
    expected = {s: "invalid" if factor[s] < 1 else "optimal" for s in factor.index}
    assert status.to_dict() == expected
    assert 0 < list(expected.values()).count("invalid") < 4  # the seed gives both kinds
    explained = result.results[result.results["metric"] == "explanation"]["text"]
    assert all(t.startswith("the sampled inputs contradict the dataset") for t in explained)
    prob = result.peak_probability().set_index("year")
    n_invalid = list(expected.values()).count("invalid")
    assert prob.loc[2026, "invalid"] == n_invalid
    assert prob.loc[2026, "samples"] == 4 - n_invalid
    assert prob.loc[2026, "probability"] == 1.0  # the plan's peak rule holds in every valid one


def test_optimise_warns_when_the_plan_curtails_free_pv_to_raise_the_peak(tmp_path):
    # N50: a PV potential bounded in 2030 only; the plan (peak 2026, cap 4.8 Mt in 2030) then
    # switches the existing 100 MW of PV off in 2026 and burns coal to raise the peak level,
    # which loosens the later no-increase rows: optimise said nothing, run warned
    # (round 22's P04 refuses a one-year override of a whole-horizon bound: the dataset's
    # 3000 MW is kept up to 2029, as its message advises, and 2030 falls to 500 MW)
    pv = [row("pv", "max_capacity", 3000, "MW", 2024), row("pv", "max_capacity", 3000, "MW", 2029),
          row("pv", "max_capacity", 500, "MW", 2030)]
    folder = tiny_copy(tmp_path, scenarios={"s1": {"extends": "plan", "parameters": pv}})
    result = CliRunner().invoke(app, ["optimise", str(folder), "--scenario", "s1"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "raised emissions above the reference scenario 'baseline' before the peak year " \
           "2026" in text
    # the freedom used: PV output in 2026 below what its 100 MW could give (131.4 GWh)
    import carbonpath as cp

    p = cp.optimise(str(folder), scenario="s1")
    a = p.tables["activity"]
    pv_2026 = a[(a["technology"] == "pv") & (a["year"] == 2026)]["value"].sum()
    assert pv_2026 < 131.4 - 1.0
    plan = CliRunner().invoke(app, ["optimise", "tiny"])  # tiny's plan stays quiet
    assert plan.exit_code == 0
    assert "raised emissions" not in plan.output


def test_a_scenario_without_a_valid_sample_prints_no_percentage():
    rows = [("plan", s, "status", np.nan, np.nan, "invalid") for s in (1, 2)]
    rows += [("base", 1, "status", np.nan, np.nan, "optimal"),
             ("base", 1, "peak_year", np.nan, 2025.0, None)]
    rows += [("base", 1, "emissions", y, 1.0, None) for y in range(2024, 2031)]
    frame = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value", "text"])
    lines = analysis.peak_lines(frame)
    assert lines[1] == "base: median peak year over all 1 samples  2025"
    assert lines[2] == ("plan: no valid sample (2 invalid: their inputs contradict the "
                        "dataset), so no probability of peaking")
    assert "nan" not in " ".join(lines)
