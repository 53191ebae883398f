"""uncertainty.csv: strict validation before any solve, and the seeded samples it gives."""

import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import load_dataset
from carbonpath.dataset.uncertainty import Distribution, load_uncertainty
from carbonpath.errors import DataError, ImplausibleValueError
from carbonpath.sweeps.sampling import draw_samples

HEADER = ("input,table,technology,parameter,commodity,driver,profile,day,hour,year,scale,"
          "distribution,low,mode,high,mean,sd,values,weights,unit,group,source\n")


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, target)
    return target


def write(folder, *rows, correlations=None):
    (folder / "uncertainty.csv").write_text(HEADER + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")
    if correlations is not None:
        (folder / "uncertainty_correlations.csv").write_text(
            "group,other,rank_correlation,source\n" + "".join(r + "\n" for r in correlations),
            encoding="utf-8")
    return load_uncertainty(load_dataset(folder))


PV = "pv,parameters,pv,capex,,,,,,,relative,uniform,0.8,,1.2,,,,,1,{g},assumption: test"
COAL = ("coal,parameters,coal_supply,variable_cost,,,,,,,relative,uniform,0.8,,1.2,,,,,1,{g},"
        "assumption: test")
DEMAND = ("demand,demands,,,electricity,,,,,2030,absolute,uniform,7000,,7400,,,,,GWh/yr,{g},"
          "assumption: test")


def test_a_valid_table_selects_the_rows_it_names(folder):
    unc = write(folder, PV.format(g="costs"), COAL.format(g="costs"), DEMAND.format(g=""))
    assert unc.groups == ("costs", "demand")
    pv = unc.inputs[0]
    ds = load_dataset(folder)
    assert ds.tables["parameters"].loc[list(pv.rows), "parameter"].tolist() == ["capex"]
    # relative: multiplier of the row's value; absolute: the row's new value
    overrides = unc.overrides(np.array([1.1, 0.9, 7100.0]))
    assert overrides[("parameters", pv.rows[0])] == pytest.approx(3000 * 1.1)
    assert overrides[("demands", unc.inputs[2].rows[0])] == 7100.0


@pytest.mark.parametrize(("row", "column", "words"), [
    ("x,parameters,pv,capex,,,,,,2031,relative,uniform,0.8,,1.2,,,,,1,,assumption: t",
     "year", "no row of parameters.csv"),
    ("x,parameters,wind,capex,,,,,,,relative,uniform,0.8,,1.2,,,,,1,,assumption: t",
     "technology", "no row of parameters.csv"),  # no row of wind at all (X20)
    ("x,parameters,pv,lifetime,,,,,,,relative,uniform,0.8,,1.2,,,,,1,,assumption: t",
     "parameter", "cannot be sampled"),
    ("x,demands,,,electricity,,,,,,relative,uniform,0.8,,1.2,,,,,1,,assumption: t",
     "year", "base year"),
    ("x,parameters,pv,capex,,,,,,,relative,uniform,1.2,,0.8,,,,,1,,assumption: t",
     "low", "above high"),
    ("x,parameters,pv,capex,,,,,,,relative,triangular,0.8,,1.2,,,,,1,,assumption: t",
     "mode", "needs low, mode, high"),
    ("x,parameters,pv,capex,,,,,,,absolute,uniform,2,,3,,,,,kWh,,assumption: t",
     "unit", "cannot be converted"),
])
def test_bad_rows_are_named(folder, row, column, words):
    with pytest.raises(DataError, match=words) as info:
        write(folder, row)
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, column)


@pytest.mark.parametrize(("row", "column"), [
    # negative capex
    ("x,parameters,pv,capex,,,,,,,relative,uniform,-0.1,,1.2,,,,,1,,assumption: t", "low"),
    # a normal distribution of a cost must be truncated
    ("x,parameters,pv,capex,,,,,,,relative,normal,,,,1,0.2,,,1,,assumption: t", "low"),
    # availability (a capacity factor) above 1
    ("x,profiles,,,,,pv,,,,relative,uniform,0.9,,3.5,,,,,1,,assumption: t", "high"),
    # a negative grid emission factor
    ("x,drivers,,,,grid_emission_factor,,,,2030,absolute,uniform,-0.1,,0.5,,,,,t CO2/MWh,,"
     "assumption: t", "low"),
])
def test_physically_impossible_values_are_refused_before_any_solve(folder, row, column):
    with pytest.raises(ImplausibleValueError) as info:
        write(folder, row)
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, column)


def test_a_correlation_matrix_that_is_not_psd_is_refused(folder):
    rows = [PV.format(g="a"), COAL.format(g="b"), DEMAND.format(g="c")]
    # a ~ b 0.9, b ~ c 0.9 but a ~ c -0.9: eigenvalues of [[1,.9,-.9],[.9,1,.9],[-.9,.9,1]]
    # are 1.9, 1.9 and -0.8
    with pytest.raises(DataError, match="not positive semi-definite") as info:
        write(folder, *rows, correlations=["a,b,0.9,assumption: t", "b,c,0.9,assumption: t",
                                           "a,c,-0.9,assumption: t"])
    assert info.value.problems[0].file == "uncertainty_correlations.csv"
    with pytest.raises(DataError, match="unknown group 'd'"):
        write(folder, *rows, correlations=["a,d,0.5,assumption: t"])


def test_two_inputs_may_not_change_one_row(folder):
    with pytest.raises(DataError, match="already changed by the input on line 2"):
        write(folder, PV.format(g=""), PV.format(g="").replace("pv,parameters", "pv2,parameters"))


def test_latin_hypercube_is_stratified_seeded_and_correlated(folder):
    unc = write(folder, PV.format(g="a"), COAL.format(g="b"), DEMAND.format(g="c"),
                correlations=["a,b,0.8,assumption: t"])
    n = 200
    first = draw_samples(unc, n, seed=7)
    again = draw_samples(unc, n, seed=7)
    pd.testing.assert_frame_equal(first.values, again.values)
    assert not draw_samples(unc, n, seed=8).values.equals(first.values)
    # one sample in each of the n strata of every dimension
    for j in range(first.probabilities.shape[1]):
        strata = np.floor(first.probabilities[:, j] * n).astype(int)
        assert sorted(strata) == list(range(n))
    # Spearman correlation: Pearson correlation of the ranks, computed here
    ranks = first.values.rank().to_numpy()
    rho = np.corrcoef(ranks, rowvar=False)
    assert rho[0, 1] == pytest.approx(0.8, abs=0.05)
    assert abs(rho[0, 2]) < 0.15


def test_distributions_invert_their_cdf():
    u = np.array([0.1, 0.5, 0.9])
    # triangular(0, 1, 2): F(x) = x^2/2 for x <= 1, so F^-1(0.1) = sqrt(0.2)
    tri = Distribution("triangular", low=0.0, mode=1.0, high=2.0)
    np.testing.assert_allclose(tri.ppf(u), [np.sqrt(0.2), 1.0, 2 - np.sqrt(0.2)])
    # discrete with weights 0.25/0.5/0.25: quantiles 0.1, 0.5, 0.9 -> first, second, third
    disc = Distribution("discrete", values=(1.0, 2.0, 3.0), weights=(0.25, 0.5, 0.25))
    np.testing.assert_array_equal(disc.ppf(u), [1.0, 2.0, 3.0])
    # a normal truncated to [0.5, 1.5] never leaves it, and its median stays at the mean
    norm = Distribution("normal", low=0.5, high=1.5, mean=1.0, sd=1.0)
    values = norm.ppf(np.linspace(0.001, 0.999, 50))
    assert values.min() >= 0.5
    assert values.max() <= 1.5
    assert norm.ppf(np.array([0.5]))[0] == pytest.approx(1.0)
    # lognormal with mean 2 and sd 1: median exp(mu) = 2 / sqrt(1 + 1/4)
    logn = Distribution("lognormal", mean=2.0, sd=1.0)
    assert logn.ppf(np.array([0.5]))[0] == pytest.approx(2 / np.sqrt(1.25))


@given(rho=st.floats(-0.95, 0.95), seed=st.integers(0, 2**32 - 1),
       n=st.integers(8, 60))
def test_iman_conover_only_reorders(rho, seed, n):
    """Invariant: the marginals (each column's values) are kept; only their order changes."""
    from carbonpath.sweeps.sampling import iman_conover

    rng = np.random.default_rng(seed)
    u = rng.random((n, 3))
    target = np.array([[1.0, rho, 0.0], [rho, 1.0, 0.0], [0.0, 0.0, 1.0]])
    out = iman_conover(u, target, np.random.default_rng(seed))
    for j in range(3):
        np.testing.assert_array_equal(np.sort(out[:, j]), np.sort(u[:, j]))
    np.testing.assert_array_equal(out[:, 2], u[:, 2])  # an uncorrelated group keeps its order
