"""Round 31 (rel120): production counted twice at init and inventory; uncertainty messages.

KG71/KG95: one yearbook figure typed into both routes of a product (same tonnage) warns,
naming both rows. KG93: soda_ash_use beside glass warns (IPCC 2006 2A4b excludes glass).
KG92: pig_iron beside bof_steel is refused by ``carbonpath init`` before it writes,
naming the user's file and row. KG07: a relative input centred on 1 is not offered the
per-cent change reading. KG30: an unknown correlation group gets a did-you-mean.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from carbonpath import load_dataset
from carbonpath.accounting import read_production
from carbonpath.accounting.double_counting import (
    CopiedRowWarning,
    check_production_pairs,
    production_pair_warnings,
)
from carbonpath.dataset.distributions import Distribution
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.dataset.uncertainty_rules import as_changes, relative_bounds
from carbonpath.errors import DataError, ImplausibleValueError

HEAD = "product,value,unit,note\n"


def _prod(tmp_path, *rows):
    path = tmp_path / "p.csv"
    path.write_text(HEAD + "".join(r + "\n" for r in rows), encoding="utf-8")
    return read_production(path, region="CN-SD", year=2022)


def test_one_crude_steel_figure_under_both_routes_warns(tmp_path):  # KG71
    prod = _prod(tmp_path, "bof_steel,250,万吨,", "eaf_steel,250,万吨,年鉴: 粗钢 250")
    (text,) = production_pair_warnings(prod.data, prod.source)
    # rows counted from the header (line 1): bof on line 2, eaf on line 3; 250 万t both
    assert "p.csv, rows 2 and 3" in text
    assert "bof_steel and eaf_steel" in text
    assert "(250 万t)" in text
    with pytest.warns(CopiedRowWarning, match="粗钢"):
        check_production_pairs(prod)


def test_one_aluminium_figure_under_both_cells_warns(tmp_path):  # KG95
    prod = _prod(tmp_path, "primary_aluminium_prebake,60,万吨,",
                 "primary_aluminium_soderberg,60,万吨,")
    (text,) = production_pair_warnings(prod.data, prod.source)
    assert "rows 2 and 3" in text
    assert "(60 万t)" in text
    assert "电解铝" in text


def test_split_routes_and_overrides_stay_quiet(tmp_path):
    # 250 万t of crude steel split 200 / 50 between the routes is what a yearbook's total gives
    prod = _prod(tmp_path, "bof_steel,200,万吨,", "eaf_steel,50,万吨,", "glass,50,万吨,")
    assert production_pair_warnings(prod.data, prod.source) == []
    path = tmp_path / "q.csv"
    path.write_text("product,value,unit,plausibility\nbof_steel,250,万吨,\n"
                    "eaf_steel,250,万吨,override: two plants of equal output\n", encoding="utf-8")
    prod = read_production(path, region="CN-SD", year=2022)
    assert production_pair_warnings(prod.data, prod.source) == []


def test_soda_ash_use_beside_glass_warns(tmp_path):  # KG93
    prod = _prod(tmp_path, "glass,50,万吨,", "soda_ash_use,10,万吨,玻璃厂纯碱消耗")
    (text,) = production_pair_warnings(prod.data, prod.source)
    assert "rows 3 and 2" in text
    assert "2A4b" in text
    assert "2A3" in text
    only = _prod(tmp_path, "soda_ash_use,10,万吨,")
    assert production_pair_warnings(only.data, only.source) == []


def test_init_refuses_pig_iron_beside_bof_steel_before_writing(tmp_path):  # KG92
    from carbonpath.init import init_dataset

    samples = Path(__file__).resolve().parents[1] / "datasets" / "samples"
    prod = tmp_path / "p.csv"
    text = (samples / "production_sample.csv").read_text(encoding="utf-8")
    prod.write_text(text.rstrip("\n") + "\npig_iron,230,万吨,年鉴: 生铁 230\n", encoding="utf-8")
    line = len(text.rstrip("\n").splitlines()) + 1  # the appended row, header = line 1
    out = tmp_path / "ds"
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(balance=samples / "energy_balance_sample.csv", production=prod,
                     capacity=samples / "init" / "sample_capacity.csv",
                     drivers=samples / "init" / "sample_drivers.csv",
                     growth=samples / "init" / "sample_growth.csv", region="CN-SD",
                     base_year=2022, horizon=2030, out=out)
    problem = info.value.problems[0]
    assert problem.file.endswith("p.csv")
    assert problem.row == line
    assert not out.exists()


def test_a_central_multiplier_is_not_read_as_per_cent_changes():  # KG07
    dist = Distribution("normal", mean=1.0, sd=0.5)
    assert as_changes(dist, 100.0) is None
    assert "as changes" not in relative_bounds(dist, 0.0, float("inf"), 3000.0)
    # numbers centred on 0 still read as changes: 1 + 5/100 = 1.05, sd 2/100 = 0.02
    assert as_changes(Distribution("normal", mean=5.0, sd=2.0), 100.0) == "mean 1.05, sd 0.02"


def test_unknown_correlation_group_names_the_closest(tmp_path):  # KG30
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    head = ("input,table,technology,parameter,commodity,driver,profile,day,hour,year,scale,"
            "distribution,low,mode,high,mean,sd,values,weights,unit,group,source\n")
    (folder / "uncertainty.csv").write_text(
        head + "pv,parameters,pv,capex,,,,,,,relative,uniform,0.8,,1.2,,,,,1,demand_growth,"
        "assumption: test\ncoal,parameters,coal_supply,variable_cost,,,,,,,relative,uniform,"
        "0.8,,1.2,,,,,1,costs,assumption: test\n", encoding="utf-8")
    (folder / "uncertainty_correlations.csv").write_text(
        "group,other,rank_correlation,source\ndemand_grwoth,costs,0.5,assumption: t\n",
        encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError, match="unknown group 'demand_grwoth'") as info:
            load_uncertainty(load_dataset(folder))
    assert "did you mean demand_growth?" in str(info.value)


def test_lime_in_tonnes_for_wan_tonnes_warns(tmp_path):  # S20
    from carbonpath.accounting.plausible_activity import output_plausibility

    prod = _prod(tmp_path, "cement_clinker,450,万吨,", "lime,30,吨,")
    # 30 t against China's ~310 Mt of lime: 30 / 3.1e8 = 9.7e-8, below 1e-6 (310 t);
    # read as 万吨 it is 30 x 1e4 t = 0.3 Mt. Clinker 450 万吨 = 4.5 Mt stays quiet.
    with pytest.warns(UserWarning, match="lime") as record:
        output_plausibility(prod, None)
    (text,) = [str(w.message) for w in record if "lime" in str(w.message)]
    assert "p.csv, row 3, column 'value'" in text
    assert "30 t a year" in text
    assert "that is 0.3 Mt" in text
    assert not any("cement_clinker" in str(w.message) for w in record)
    big = _prod(tmp_path, "lime,30,万吨,", "soda_ash_use,5,吨,")  # a use has no floor
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        output_plausibility(big, None)
