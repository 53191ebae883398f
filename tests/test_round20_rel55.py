"""Round 20 (issue 11): cases of /work/tester20w handled by rel55.

W112/W110/W113 (a writer given the path of the user's folder: the folder was removed, or the
message named a file that does not exist), W76/W77 (a ``region`` column in the decompose
drivers file, unread), W133 (a blank GDP price_year filled from another row), W120 (a user
coal_rate row of the other basis unused without a word), W62 (calcium carbide suggested as
lime), W06 (万吉焦, 10^4 GJ).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import DataError, OutputFolderError
from carbonpath.outputs import prepare

ACTIVITY = ("sector,fuel,value,unit,use\n"
            "工业,原煤,10,万吨,\n"
            "工业,电力,5,亿千瓦时,\n"
            "调入调出,电力,3,亿千瓦时,import\n"
            "调入调出,电力,1,亿千瓦时,export\n")


@pytest.fixture
def inventory(tmp_path):
    act = tmp_path / "act.csv"
    act.write_text(ACTIVITY, encoding="utf-8")
    return cp.compute_inventory(cp.read_activity(act, region="聊城", year=2022),
                                primary_electricity="calorific")


@pytest.mark.parametrize("notes", [False, True])
def test_to_csv_refuses_the_users_folder_and_keeps_it(tmp_path, inventory, notes):
    """W112 (empty folder removed) and W113 (message named keep's parent/notes.txt)."""
    keep = tmp_path / "keep"
    keep.mkdir()
    if notes:
        (keep / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is a folder") as info:
        inventory.to_csv(keep)
    assert f"{keep} is a folder" in str(info.value)
    assert str(tmp_path / "notes.txt") not in str(info.value)  # no file that does not exist
    assert keep.is_dir()
    assert sorted(p.name for p in keep.iterdir()) == (["notes.txt"] if notes else [])
    inventory.to_csv(keep / "e.csv")  # a file inside the folder is fine
    assert (keep / "e.csv").is_file()


def test_prepare_refuses_a_folder_where_a_file_goes_and_a_file_where_a_folder_goes(tmp_path):
    """The same kind for every writer (report, results, stores use prepare)."""
    dest = tmp_path / "out"
    (dest / "report.html").mkdir(parents=True)  # empty: nothing to list, still the user's
    with pytest.raises(OutputFolderError, match=r"report\.html is a folder"), \
            prepare(dest, will_write=["report.html"]):
        pass
    assert (dest / "report.html").is_dir()
    (dest / "figures").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="figures is a file"), \
            prepare(dest, will_write=["figures/"]):
        pass
    assert (dest / "figures").read_text(encoding="utf-8") == "mine"


# --- W76, W77, W133: the decompose drivers table -------------------------------------------

def _coal(tonnes, year):
    return cp.compute_inventory(pd.DataFrame([{"sector": "industry", "fuel": "raw_coal",
                                               "value": tonnes, "unit": "t"}]),
                                region="CN-SD", year=year)


def _drivers(**extra):
    table = pd.DataFrame({"driver": ["population", "gdp", "gdp"], "year": ["", 2020, 2022],
                          "value": [100, 1000, 1100], "unit": ["万人", "亿元", "亿元"],
                          "price_year": [None, 2020, 2020], "source": ["yearbook"] * 3})
    for col, values in extra.items():
        table[col] = values
    return table


def test_a_region_column_of_the_drivers_is_refused_not_ignored():
    a, b = _coal(1000, 2020), _coal(1100, 2022)
    with pytest.raises(DataError) as err:  # W76: Zhejiang's drivers for a Shandong inventory
        cp.decompose(a, b, _drivers(region=["CN-ZJ"] * 3))
    problem, = err.value.problems
    assert (problem.row, problem.column) == (1, "region")
    assert "a region column (CN-ZJ) is not read" in problem.message
    with pytest.raises(DataError, match=r"column 'remark'.*unknown column"):
        cp.decompose(a, b, _drivers(remark=["x"] * 3))
    # source and note are free text: the same table without the region column is read,
    # GDP 1000 -> 1100 亿元 = 1e7 -> 1.1e7 万元; 1000 t raw coal x 0.7143 tce/t = 714.3 tce
    result = cp.intensities(a, _drivers(note=[""] * 3), gdp_price_year=None)
    assert result["gdp_10k_CNY"].iloc[0] == pytest.approx(1e7)


def test_a_blank_gdp_price_year_beside_a_stated_one_is_refused_at_its_row():
    a, b = _coal(1000, 2020), _coal(1100, 2022)
    with pytest.raises(DataError) as err:  # W133: 2022's gdp row without a price year
        cp.decompose(a, b, _drivers(price_year=[None, 2020, None]))
    problem, = err.value.problems
    assert (problem.row, problem.column) == (4, "price_year")  # the table's line 4: 2022 gdp
    assert "row 3 states 2020" in problem.message
    # the option states the blank row's year: read, GDP at 2020 prices
    result = cp.decompose(a, b, _drivers(price_year=[None, 2020, None]), gdp_price_year=2020)
    assert result.price_year == 2020


# --- W120: a user coal rate of the other basis ---------------------------------------------

def test_a_user_coal_rate_of_the_other_basis_warns_naming_its_row_and_the_basis(tmp_path):
    act = tmp_path / "act.csv"
    act.write_text(ACTIVITY, encoding="utf-8")
    rates = tmp_path / "f.csv"
    rates.write_text("item,quantity,gas,sector,value,unit,basis,region,year,source,status\n"
                     "electricity,coal_rate,,,285,gce/kWh,generation,CN-SD,2022,own,"
                     "unverified\n", encoding="utf-8")
    activity = cp.read_activity(act, region="CN-SD", year=2022)
    with pytest.warns(cp.CarbonpathWarning, match="coal rate") as rec:
        inv = cp.compute_inventory(activity, factors=[rates],
                                   primary_electricity="coal_consumption",
                                   coal_rate_basis="supply")
    text, = [str(w.message) for w in rec if "coal rate" in str(w.message)]
    assert "f.csv line 2 (285 gce/kWh, generation basis, region CN-SD, 2022)" in text
    assert "the basis generation would use the row" in text
    # the bundled national supply rate applies: 2e8 kWh x 300.7 gce/kWh = 60,140 tce
    e = inv.energy
    assert e.loc[e["use"].isin(["import", "export"]), "standard_coal_tce"].sum() == \
        pytest.approx(60_140)
    with warnings.catch_warnings(record=True) as quiet:  # the basis of the row: it is used
        warnings.simplefilter("always")
        inv = cp.compute_inventory(activity, factors=[rates],
                                   primary_electricity="coal_consumption",
                                   coal_rate_basis="generation")
    assert not [w for w in quiet if "coal rate" in str(w.message)]
    # net import 3 - 1 = 2 亿kWh = 2e8 kWh x 285 gce/kWh = 5.7e10 gce = 57,000 tce
    e = inv.energy
    trade = e[e["use"].isin(["import", "export"])]
    assert trade["standard_coal_tce"].sum() == pytest.approx(57_000)


# --- W62: products whose nearest spelling is another substance -----------------------------

@pytest.mark.parametrize(("word", "said", "not_said"), [
    ("电石", "calcium carbide (电石, IPCC 2B5) has no product code", "did you mean lime"),
    ("硅铁", "ferroalloys", "did you mean pig_iron"),
    ("原镁", "magnesium", "did you mean primary_aluminium"),
    ("石灰石", "give the lime made from it", "did you mean lime"),
    ("硝酸铵", "give the nitric acid made", "did you mean nitric_acid")])
def test_a_product_that_is_another_substance_gets_advice_not_a_suggestion(tmp_path, word, said,
                                                                          not_said):
    prod = tmp_path / "p.csv"
    prod.write_text(f"product,value,unit\nlime,2,万吨\n{word},20,万吨\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_production(prod, region="CN-SD", year=2022)
    problem, = err.value.problems
    assert (problem.row, problem.column) == (3, "product")
    assert said in str(err.value)
    assert not_said not in str(err.value)


# --- W06: 万吉焦 ----------------------------------------------------------------------------

def test_wan_gigajoule_names_its_two_spellings_which_read_the_same():
    from carbonpath.errors import UnitError
    from carbonpath.units import Q_, parse_unit

    with pytest.raises(UnitError, match="write '万百万千焦' or '10\\^4 GJ'"):
        parse_unit("万吉焦")
    with pytest.raises(UnitError, match="write '10\\^8 GJ'"):  # no 亿百万千焦 in the registry
        parse_unit("亿吉焦")
    # 3500 万吉焦 = 3500 x 1e4 GJ = 3.5e7 GJ = 3.5e4 TJ, by either spelling
    assert Q_(3500, parse_unit("万百万千焦")).to("TJ").magnitude == pytest.approx(3.5e4)
    assert Q_(3500, parse_unit("10^4 GJ")).to("TJ").magnitude == pytest.approx(3.5e4)
