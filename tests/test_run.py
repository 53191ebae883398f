"""The main job on the tiny dataset: results folder, curve, IAMC table, atomic writes."""

import itertools
import os
import re
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath.run as job
from carbonpath import CarbonpathWarning, PathwayModel, load_dataset
from carbonpath._resources import data_path
from carbonpath.cli import app


@pytest.fixture(scope="module")
def tiny_results(tiny_out):
    return job.load_results(tiny_out)


def test_results_hold_both_scenarios_and_the_inventory(tiny_results):
    r = tiny_results
    assert set(r.pathways) == {"baseline", "plan"}
    # the base-year inventory of the dataset's activity data: 2347.44 kt raw coal x
    # 20.908 GJ/t x 26.18 kg C/GJ x 0.93 x 44/12 (GB/T 2589 NCV, NDRC carbon content and
    # oxidation) = 4381.6 kt CO2
    em = r.inventory["emissions"]
    co2 = em[(em["gas"] == "CO2") & em["in_total"].astype(bool)]["value"].sum()
    assert co2 / 1e3 == pytest.approx(2347.44 * 20.908 * 26.18e-3 * 0.93 * 44 / 12, rel=1e-6)
    # the model's base year reconciles with it (same factor tables)
    base = r.pathways["plan"]["emissions_total"].set_index("year")["value"]
    assert base[2024] == pytest.approx(co2 / 1e3, rel=1e-6)
    assert r.meta["dataset"]["checksums"]["parameters.csv"]


def test_cost_of_peaking_falls_as_the_peak_year_moves_later(tiny_results):
    curve = tiny_results.peak_curve
    assert curve["peak_year"].tolist() == [2026, 2027, 2028, 2029]
    assert (curve["status"] == "optimal").all()
    costs = curve["cost_of_peaking"].to_numpy()
    # a later peak year drops rows from the constraint set: never more expensive
    assert all(later <= earlier + 1e-6 for earlier, later in itertools.pairwise(costs))
    assert (curve["peak_at"] <= curve["peak_year"]).all()


def test_iamc_table(tiny_results):
    iamc = tiny_results.iamc
    assert list(iamc.columns) == ["model", "scenario", "region", "variable", "unit", "year",
                                  "value"]
    co2 = iamc[(iamc.variable == "Emissions|CO2") & (iamc.scenario == "plan")]
    plan = tiny_results.pathways["plan"]["emissions_total"]
    assert co2["value"].to_numpy() == pytest.approx(plan["value"].to_numpy() / 1e3)
    assert set(co2["unit"]) == {"Mt CO2/yr"}


def test_iamc_table_reads_in_pyam(tiny_results):
    try:
        import pyam
    except Exception as exc:
        pytest.skip(f"pyam-iamc is not usable here: {exc}")
    df = pyam.IamDataFrame(tiny_results.iamc)
    assert "Emissions|CO2" in df.variable


def test_a_failed_run_leaves_nothing_half_written(tiny_out, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(tiny_out, out)  # an earlier run("tiny", out, report=False), manifest too
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(job, "_write_results", broken)  # save_results checks its folder
    with pytest.raises(RuntimeError, match="disk full"):
        job.run("tiny", out, report=False)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left


def test_cli_optimise_prints_the_pathway():
    result = CliRunner().invoke(app, ["optimise", "tiny", "--scenario", "plan"])
    assert result.exit_code == 0, result.output
    assert "Peak:" in result.output
    assert "no later than 2026" in result.output


def test_cli_optimise_explains_an_infeasible_target(tmp_path):
    from tests.test_model_hand import growth_case

    folder = growth_case(tmp_path / "g", [{"name": "cap", "type": "cap", "value": 1,
                                           "unit": "Mt CO2", "years": [2025]}])
    # gas can give at most 2000 GWh, so coal must emit at least 7.636 Mt in 2025
    text = (folder / "parameters.csv").read_text().replace(
        "gas,residual_capacity,,2,GW", "gas,residual_capacity,,0.2283105,GW")
    (folder / "parameters.csv").write_text(text)
    result = CliRunner().invoke(app, ["optimise", str(folder), "--scenario", "plan"])
    assert result.exit_code == 1
    assert "reachable" in result.output


def test_results_tables_are_tidy_with_units(tiny_results):
    for name, frame in tiny_results.pathways["plan"].items():
        assert isinstance(frame, pd.DataFrame)
        if name in ("capacity", "activity", "flows", "emissions", "costs", "marginal_cost"):
            assert "unit" in frame.columns, name


def test_the_output_folder_must_be_new_empty_or_an_earlier_output(tmp_path):
    from carbonpath import CarbonpathError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "precious.txt").write_text("keep me")
    with pytest.raises(CarbonpathError, match="not an earlier carbonpath output"):
        job.run("tiny", mine, report=False)
    assert (mine / "precious.txt").read_text() == "keep me"
    empty = tmp_path / "empty"
    empty.mkdir()
    job.run("tiny", empty, report=False)  # an empty folder is fine
    job.run("tiny", empty, report=False)  # and so is an earlier output
    assert (empty / "results" / "run.json").exists()
    umask = os.umask(0)
    os.umask(umask)
    assert empty.stat().st_mode & 0o777 == 0o777 & ~umask  # an ordinary folder, not private
    with pytest.raises(ValueError, match="sensitivity"):
        job.run("tiny", tmp_path / "x", report=False, sensitivity=5)


def test_an_earlier_output_holding_the_users_files_is_not_replaced(tiny_out, tmp_path):
    from carbonpath import OutputFolderError
    from carbonpath.outputs import prepare

    out = tmp_path / "out"
    shutil.copytree(tiny_out, out)  # an earlier run("tiny", out, report=False), manifest too
    with prepare(out, will_write=["report.zh.md"]) as folder:  # a file carbonpath wrote
        folder.path("report.zh.md").write_text("report")
    assert (out / "report.zh.md").exists()
    job.run("tiny", out, report=False)  # only carbonpath's own files: replaced
    assert not (out / "report.zh.md").exists()
    # issue 11: files of carbonpath's kinds and names that the user put there are the user's
    # (the manifest does not list them); earlier versions replaced them
    for mine in (out / "notes.txt", out / "figures" / "notes.txt", out / "results" / "note.md",
                 out / "figures" / "emissions.png", out / "report.zh.md"):
        mine.parent.mkdir(exist_ok=True)
        mine.write_text("keep me")
        with pytest.raises(OutputFolderError, match=re.escape(mine.name)):
            job.run("tiny", out, report=False)
        assert mine.read_text() == "keep me"
        mine.unlink()


def test_a_base_year_that_disagrees_with_the_inventory_warns(tmp_path):
    from carbonpath.run import compute, dataset_inventory

    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    activity = folder / "activity.csv"
    text = activity.read_text(encoding="utf-8")
    assert "thermal_power,raw_coal,2347.44,kt" in text
    # 2100 kt: 10.5 % less coal, the plant still under the 50 % a coal unit can reach
    activity.write_text(text.replace("2347.44", "2100"), encoding="utf-8")
    ds = load_dataset(folder)
    # the model's base year is fixed by parameters.csv, not by activity.csv
    modelled = PathwayModel(ds, scenario="baseline").solve().emissions_in(2024) / 1e3
    counted = float(dataset_inventory(ds).total("CO2").to("Mt CO2").magnitude)
    assert counted == pytest.approx(modelled * 2100 / 2347.44, rel=0.05)  # coal dominates
    with pytest.warns(CarbonpathWarning, match="activity.csv") as caught:
        result = compute(ds, peak_years=[], sensitivity=0)
    assert len(caught) == 2  # one per scenario
    found = [w for w in result.meta["warnings"] if "inventory" in w]
    assert [w.split(":")[0] for w in found] == ["baseline", "plan"]
    assert f"({modelled:.2f} Mt CO2)" in found[0]
    assert f"({counted:.2f} Mt CO2)" in found[0]
    assert f"by {modelled - counted:+.2f} Mt" in found[0]
