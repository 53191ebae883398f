"""Committed projects' online years, sampled warm: a built model equals one rebuilt with the year.

The reference is independent of the warm path: the dataset's parameters.csv is rewritten with
the new online year and the model built and solved from scratch (no placeholder rows).
"""

import shutil

import numpy as np
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.dataset.tables import read_csv_text
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.errors import DataError
from carbonpath.model.online_years import with_candidates
from carbonpath.sweeps.montecarlo import montecarlo
from tests.test_sweeps_warm import assert_in_step, emissions

HEADER = ("input,table,technology,parameter,commodity,driver,profile,day,hour,year,scale,"
          "distribution,low,mode,high,mean,sd,values,weights,unit,group,source\n")


@pytest.fixture(scope="module")
def committed(tmp_path_factory):
    """tiny with a coal plant online in 2026 (fixed year) and a battery online by 2027."""
    folder = tmp_path_factory.mktemp("committed") / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    with open(folder / "parameters.csv", "a", encoding="utf-8") as f:
        f.write("coal_power,committed_new_capacity,2026,300,MW,assumption: test project\n")
        f.write("battery,committed_capacity,2027,200,MW,assumption: test project\n")
    return folder


def lines(ds):
    p = ds.tables["parameters"]
    return (p.index[p["parameter"] == "committed_new_capacity"][0],
            p.index[p["parameter"] == "committed_capacity"][0])


def rebuilt(folder, years, tmp_path, scenario):
    other = tmp_path / "rebuilt"
    shutil.copytree(folder, other)
    raw = read_csv_text(other / "parameters.csv")
    for ln, year in years.items():
        raw.loc[ln, "year"] = str(year)
    raw.to_csv(other / "parameters.csv", index=False)
    return PathwayModel(load_dataset(other), scenario).solve()


def test_a_warm_online_year_equals_a_rebuilt_model(committed, tmp_path):
    ds = load_dataset(committed)
    coal, battery = lines(ds)
    plain = PathwayModel(ds, "plan").solve()
    model = PathwayModel(with_candidates(ds, {coal: (2025, 2026, 2027, 2028, 2029),
                                              battery: (2025, 2026, 2027, 2028)}), "plan")
    central = model.solve()
    basis = model.highs.basis()
    # the placeholder rows change nothing
    assert central.objective == pytest.approx(plain.objective, rel=1e-12)
    years = {coal: 2028, battery: 2025}
    model.apply({("parameters", ln, "year"): y for ln, y in years.items()})
    model.highs.start_from(basis)
    warm = model.solve()
    cold = rebuilt(committed, years, tmp_path, "plan")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9, atol=1e-9)
    assert abs(warm.objective - central.objective) > 1.0  # the years matter
    new = model.model.new_capacity
    # 300 MW, in the model's GW
    assert model.highs.value(model.last_result, new["coal_power", 2028]) >= 0.3 - 1e-9
    assert_in_step(model)
    model.restore()
    model.highs.start_from(basis)
    assert model.solve().objective == central.objective
    # a year without a row in the built model is refused, and the model stays central (a
    # project online by 2029 has its rows: those of the candidates' later years)
    with pytest.raises(DataError, match="not a candidate"):
        model.apply({("parameters", coal, "year"): 2030})
    with pytest.raises(DataError, match="whole decision year"):
        model.apply({("parameters", coal, "year"): 2031})
    model.highs.start_from(basis)
    assert model.solve().objective == central.objective


def test_online_years_in_uncertainty_csv_are_checked_and_sampled(committed, tmp_path):
    ds = load_dataset(committed)
    coal, battery = lines(ds)
    folder = tmp_path / "d"
    shutil.copytree(committed, folder)
    good = ("coal_online,parameters,coal_power,committed_new_capacity,,,,,,2026,online_year,"
            "discrete,,,,,,2026 2028,,yr,,assumption: construction may slip\n"
            "battery_online,parameters,battery,committed_capacity,,,,,,,online_year,uniform,"
            "2025,,2028,,,,,yr,,assumption: tender date\n")
    (folder / "uncertainty.csv").write_text(HEADER + good, encoding="utf-8")
    unc = load_uncertainty(load_dataset(folder))
    assert unc.online_years() == {coal: (2026, 2028), battery: (2025, 2026, 2027, 2028)}
    assert unc.overrides(np.array([2028.0, 2026.4])) == {
        ("parameters", coal, "year"): 2028.0, ("parameters", battery, "year"): 2026.0}
    for row, words in [
        (good.splitlines()[0].replace("2026 2028", "2026 2033"), "whole decision year"),
        (good.splitlines()[0].replace("online_year", "relative"), "online_year"),
        (good.splitlines()[1].replace("yr,,assumption", "MW,,assumption"), "unit is yr")]:
        (folder / "uncertainty.csv").write_text(HEADER + row + "\n", encoding="utf-8")
        with pytest.raises(DataError, match=words):
            load_uncertainty(load_dataset(folder))
    # a Monte Carlo over the online years: every sample equals its rebuilt model
    (folder / "uncertainty.csv").write_text(HEADER + good, encoding="utf-8")
    result = montecarlo(folder, samples=3, scenarios=["plan"], seed=2, workers=1)
    costs = result.results.query("metric == 'cost'").set_index("sample")["value"]
    inputs = result.inputs.pivot(index="sample", columns="input", values="value")
    sample = int(inputs["coal_online"].idxmax())
    years = {coal: int(inputs.loc[sample, "coal_online"]),
             battery: round(inputs.loc[sample, "battery_online"])}
    cold = rebuilt(folder, years, tmp_path / "mc", "plan")
    assert costs[sample] == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
