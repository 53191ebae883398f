"""System and measure MACCs and the peak-year questions, checked by hand on tiny."""

from __future__ import annotations

import matplotlib
import pytest

import carbonpath as cp
from carbonpath.errors import InfeasibleError
from carbonpath.scenarios import (
    earliest_peak_year,
    measure_contributions,
    measure_macc_figure,
    peak_cost_curve,
    sector_peaks,
    system_macc,
    system_macc_figure,
    wedge_figure,
)
from tests.scenario_fixture import CO2_PER_MWH, PV_PRICE, row, tiny_copy

matplotlib.use("Agg")
approx = pytest.approx


def test_system_macc_of_one_year_is_the_price_of_new_pv():
    curve = system_macc("tiny", year=2030, steps=4, depth=0.4)
    t = curve.table
    assert list(t["status"]) == ["optimal"] * 5
    e0 = cp.optimise("tiny", "baseline").emissions_in(2030) / 1e3
    assert t["emissions"].iloc[0] == approx(e0)
    # every step within PV's potential is met by new PV at the same price per tonne
    assert t["price"].iloc[1:].to_numpy() == approx([PV_PRICE] * 4, rel=1e-6)
    assert t["abatement"].iloc[1:].to_numpy() == approx([e0 * 0.1 * k for k in range(1, 5)])
    # the PV built in 2030 is paid in 2030 only (the annuity stops at the horizon)
    cost = t["abatement"] * 1e6 * PV_PRICE / 1.05**6 / 1e6
    assert t["cost"].to_numpy() == approx(cost.to_numpy(), rel=1e-6)
    fig = system_macc_figure(curve)
    assert fig.axes[0].get_ylabel() == "marginal cost, CNY/t"


def test_an_unreachable_cap_reports_the_reachable_range(tmp_path):
    curve = system_macc("tiny", year=2030, steps=2, depth=0.95)
    t = curve.table
    assert t["status"].iloc[-1] == "infeasible"
    reach = curve.reachable
    low, high = reach["lowest_reached"], reach["first_unreachable"]
    assert t["level"].iloc[-1] <= high < low < t["emissions"].iloc[0]
    assert low - high <= (t["emissions"].iloc[0] - t["level"].iloc[-1]) / 2 / 256 * 1.0001
    assert "reachable range" in reach["message"]
    # checked by cold solves of the baseline with a limit at each end
    limits = [{"name": f"lim{i}", "type": "emission_limits", "values": {2030: v},
               "unit": "Mt CO2", "source": "assumption: test"} for i, v in enumerate((low, high))]
    folder = tiny_copy(tmp_path, scenarios={"low": {"targets": ["lim0"]},
                                            "high": {"targets": ["lim1"]}}, targets=limits)
    ds = cp.load_dataset(folder)
    assert cp.PathwayModel(ds, "low").solve().emissions_in(2030) <= low * 1e3 + 1e-6
    with pytest.raises(InfeasibleError):
        cp.PathwayModel(ds, "high").solve(diagnose_infeasible=False)


def test_a_carbon_price_below_the_pv_price_buys_nothing_and_above_it_pv():
    curve = system_macc("tiny", year=2030, prices=[0.9 * PV_PRICE, 1.1 * PV_PRICE])
    ab = curve.table.set_index("step")["abatement"]
    assert ab[1] == approx(0.0, abs=1e-9)
    assert ab[2] > 0.1  # Mt


def test_the_measure_macc_uses_the_contribution_numbers(tmp_path):
    pv = {"name": "pv", "source": "assumption: test", "changes": {"parameters": [
        row("pv", "min_capacity", 100, "MW", 2025), row("pv", "min_capacity", 1000, "MW", 2030)]}}
    folder = tiny_copy(tmp_path, measures={"list": [pv]})
    result = measure_contributions(cp.load_dataset(folder))
    fig = measure_macc_figure(result)
    (bar,) = fig.axes[0].patches
    table = result.table.set_index("measure")
    assert bar.get_width() == approx(table.loc["pv", "abatement_cumulative"])
    assert bar.get_height() == approx(table.loc["pv", "cost_per_tonne"])
    # forced PV displaces coal at the PV price per tonne (levelised)
    assert table.loc["pv", "cost_per_tonne"] == approx(PV_PRICE, rel=1e-6)
    wedges = wedge_figure(result)
    (area,) = wedges.axes[0].collections  # one wedge, from the base line down by its abatement
    lower = area.get_paths()[0].vertices[:, 1].min()
    assert lower == approx(result.gap["with"].min())


def test_cost_of_peaking_only_where_the_rule_binds():
    curve = peak_cost_curve("tiny", years=[2026, 2027, 2028]).set_index("peak_year")
    base = cp.optimise("tiny", "baseline").emissions_total.set_index("year")["value"]

    def cost(level):  # PV in place of coal above `level` (kt), 2027-2030, discounted
        return sum(PV_PRICE * max(base[y] - level, 0) * 1e3 / 1.05 ** (y - 2024)
                   for y in range(2027, 2031)) / 1e6

    # against the plan without the peak rule (the 4.8 Mt cap kept), not the baseline
    assert curve.loc[2026, "status"] == "binds"
    assert curve.loc[2026, "cost_of_peaking"] == approx(cost(base[2026]) - cost(4800.0),
                                                        rel=1e-6)
    for year in (2027, 2028):  # the cap holds emissions below 2027's level anyway
        assert curve.loc[year, "status"] == "does not bind"
        assert curve.loc[year, "cost_of_peaking"] != curve.loc[year, "cost_of_peaking"]


def test_the_earliest_feasible_peak_year_matches_a_search_by_cold_solves(tmp_path):
    # 200 MW more PV at most (263 GWh/yr) and no imports: demand grows 200 GWh a year, so
    # emissions cannot stay at 2024's level (P = 2024 is infeasible); P = 2025 is feasible
    # because the rule rewards a higher level in P: coal burns 6806 GWh from 2025 on and
    # the surplus is lost through the battery (the incentive docs/scenarios.md describes)
    folder = tiny_copy(tmp_path, scenarios={"tight": {
        "extends": "baseline", "disallow": ["grid_import"],
        "parameters": [row("pv", "max_capacity", 300, "MW")]}})
    ds = cp.load_dataset(folder)
    found = earliest_peak_year(ds, "tight")
    feasible = []
    for year in range(2024, 2030):
        try:
            cp.PathwayModel(ds, "tight", peak_year=year).solve(diagnose_infeasible=False)
            feasible.append(year)
        except InfeasibleError:
            pass
    assert found["year"] == min(feasible) == 2025
    assert found["solves"] <= 4


def test_sector_peak_years():
    p = cp.optimise("tiny", "plan")
    table = sector_peaks(p).set_index("sector")
    e = p.emissions_total.set_index("year")["value"]
    assert table.loc["thermal_power", "peak_year"] == 2026
    assert table.loc["thermal_power", "peak_level"] == approx(e[2026])
    assert not table.loc["thermal_power", "still_rising"]
    base = sector_peaks(cp.optimise("tiny", "baseline")).set_index("sector")
    assert base.loc["thermal_power", "still_rising"]
    assert base.loc["thermal_power", "last_year_level"] - base.loc[
        "thermal_power", "first_year_level"] == approx(6 * 200 * CO2_PER_MWH)


def test_the_macc_command_writes_tables_and_figures(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    out = tmp_path / "macc"
    result = CliRunner().invoke(app, ["macc", "tiny", "--year", "2030", "--steps", "2",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "System MACC (2030)" in result.output
    assert {p.name for p in out.iterdir()} == {"system_macc.csv", "system_macc.png",
                                               "macc.json", ".carbonpath-manifest.json"}


def test_macc_out_replaces_only_its_own_files(tmp_path, monkeypatch):
    """Issue 11: a user's file in the way is refused before any solve; a re-run is not."""
    from typer.testing import CliRunner

    import carbonpath.scenarios as sc
    from carbonpath.cli import app

    out = tmp_path / "macc"
    args = ["macc", "tiny", "--year", "2030", "--steps", "2", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    (out / "notes.txt").write_bytes(b"not in the way")
    again = CliRunner().invoke(app, args)  # its own earlier output: replaced
    assert again.exit_code == 0, again.output
    assert (out / "notes.txt").read_bytes() == b"not in the way"
    table = (out / "system_macc.csv").read_bytes()

    def no_solve(*args, **kwargs):
        raise AssertionError("solved although the destination was refused")

    monkeypatch.setattr(sc, "system_macc", no_solve)
    mine = out / "measures.csv"  # a user's file where a --measures table would go
    mine.write_bytes(b"my measures")
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1
    assert "measures.csv" in refused.output
    assert "Traceback" not in refused.output
    assert mine.read_bytes() == b"my measures"
    mine.unlink()
    (out / "system_macc.csv").write_bytes(table + b"edited\n")  # an edited output
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1
    assert "system_macc.csv" in refused.output
    assert (out / "system_macc.csv").read_bytes() == table + b"edited\n"
