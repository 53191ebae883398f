"""Energy balance sheets: expected values are read off the sample sheet and added by hand."""

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath import DataError, UnitError, read_energy_balance
from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning

SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "energy_balance_sample.csv"
C2CO2 = 44 / 12
CN_RAW_COAL = 20.908e-3 * 26.18 * 0.93 * C2CO2  # t CO2/t (see test_inventory.py)


@pytest.fixture(scope="module")
def sample():
    return read_energy_balance(SAMPLE, year=2022, region="CN-SD")


def cell(activity, sector, fuel, use):
    sel = activity[(activity["sector"] == sector) & (activity["fuel"] == fuel)
                   & (activity["use"] == use)]
    assert len(sel) == 1, (sector, fuel, use, sel)
    return float(sel["value"].iloc[0])


def test_sample_activity_by_hand(sample):
    a = sample.activity
    # transformation: power and heat plants burn, coking transforms
    assert cell(a, "thermal_power", "raw_coal", "combustion") == 780
    assert cell(a, "heat_supply", "raw_coal", "combustion") == 220
    assert cell(a, "coking", "cleaned_coal", "transformation_input") == 110
    assert cell(a, "thermal_power", "electricity", "generation") == 190
    assert cell(a, "heat_supply", "heat", "generation") == 3800
    # industry 120 of which 10 used as raw material; gas 2.4 of which 0.6
    assert cell(a, "industry", "raw_coal", "combustion") == 120 - 10
    assert cell(a, "industry", "raw_coal", "non_energy") == 10
    assert cell(a, "industry", "natural_gas", "combustion") == pytest.approx(2.4 - 0.6)
    # coke 48 of which 48: all of it the blast furnaces' reductant, whose carbon the BOF
    # steel of production_sample.csv reports (round 21: no longer counted twice)
    assert cell(a, "industry", "coke", "combustion") == 48 - 48
    assert cell(a, "industry", "coke", "non_energy") == 48
    # bitumen is a non-energy product
    assert cell(a, "construction", "bitumen", "non_energy") == 6
    # electricity across the boundary and primary electricity
    assert cell(a, "transfers", "electricity", "import") == 60
    assert cell(a, "transfers", "electricity", "export") == 40
    assert cell(a, "nonfossil_power", "electricity", "generation") == 30
    # urban and rural households are the leaves, not 居民生活
    assert cell(a, "residential_rural", "raw_coal", "combustion") == 15
    assert not (a["sector"] == "residential").any()
    # coke output of coking is not activity: it is counted where used (industry 48)
    assert not ((a["fuel"] == "coke") & (a["sector"] == "coking")).any()
    gas = a[a["fuel"] == "natural_gas"]
    assert (gas["gas_condition"] == "20C").all()
    assert set(a["year"]) == {2022}


def test_sample_totals_checked(sample):
    c = sample.checks
    assert c["ok"].all()
    # raw coal: 292 + 950 - 100 - 5 = 1137 available; 1137 - 1000 - 0 - 135 = 2 difference
    row = c[(c["item"] == "available") & (c["fuel"] == "raw_coal")].iloc[0]
    assert row["stated"] == 1137
    assert row["computed"] == 1137
    sd = sample.statistical_difference
    assert sd.loc["raw_coal", "stated"] == 2
    assert sd.loc["raw_coal", "computed"] == 2
    assert sd.loc["heat", "computed"] == 3800 - 150 - (1500 + 300 + 400 + 1400)
    # consumption total of raw coal: final 135 + losses 0 + inputs 780 + 220
    ct = c[(c["item"] == "consumption_total") & (c["fuel"] == "raw_coal")].iloc[0]
    assert ct["computed"] == 135 + 780 + 220


def test_sample_supply_and_losses(sample):
    s = sample.supply
    assert s.loc["raw_coal", "apparent_consumption"] == 292 + 950 - 100 - 5
    assert s.loc["coke", "apparent_consumption"] == 10 - 40 - 1
    assert s.loc["natural_gas", "unit"] == "亿立方米"
    assert sample.losses["heat"] == 150
    assert sample.transformation.loc["coke", "coking"] == 80


def test_sample_inventory_raw_coal_by_hand(sample):
    inv = cp.compute_inventory(sample.activity, primary_electricity="calorific")
    coal = inv.total("CO2", fuel="raw_coal", category="combustion", in_total=None)
    # burned: power 780 + heat 220 + industry 110 + rural 15 = 1125 万吨
    assert coal.magnitude == pytest.approx(1125e4 * CN_RAW_COAL, rel=1e-9)


def test_sample_inventory_total_by_hand(sample):
    # CO2 of every fuel burned (China's defaults, factors/china_fuel_defaults.csv: NCV,
    # t C/TJ, oxidation; gas in Nm3 = m3 at 20 C x 273.15 / 293.15) and of the net import of
    # electricity (CN-SD 2022 grid, 0.641 t CO2/MWh, factors/grid_factors.csv)
    m3 = 273.15 / 293.15
    burned = {
        "raw_coal": 1125e4 * CN_RAW_COAL,  # 780 + 220 + (120 - 10) + 15 万吨
        # thermal power 0.5 + industry 3.0 亿m3
        "coke_oven_gas": 3.5e8 * m3 * 173.854e-7 * 13.6 * 0.99 * C2CO2,
        "gasoline": 20e4 * 44.8e-3 * 18.9 * 0.98 * C2CO2,
        "diesel": 40e4 * 43.33e-3 * 20.2 * 0.98 * C2CO2,  # final consumption 3 + 4 + 3 + 28 + 2
        # power 1.2 + heat 0.3 + industry (2.4 - 0.6) + trade 0.6 + transport 0.5 + homes 2.8
        "natural_gas": 7.2e8 * m3 * 389.31e-7 * 15.3 * 0.99 * C2CO2,
    }  # coke: none burned (48 - 48); bitumen: non-energy
    net_import = (60 - 40) * 1e8 / 1e3 * 0.641  # 亿kWh -> MWh x t CO2/MWh
    total = sum(burned.values()) + net_import
    assert total / 1e6 == pytest.approx(25.8776, abs=5e-5)
    inv = cp.compute_inventory(sample.activity, primary_electricity="calorific")
    assert inv.total("CO2").to("t CO2").magnitude == pytest.approx(total, rel=1e-9)
    for fuel, co2 in burned.items():
        got = inv.total("CO2", fuel=fuel, category="combustion", in_total=None)
        assert got.magnitude == pytest.approx(co2, rel=1e-9), fuel
    assert inv.total("CO2", fuel="coke", in_total=None).magnitude == 0


def test_nothing_dropped(sample):
    # every number of the sheet is a flow: 10 columns, count the non-blank cells by hand
    text = SAMPLE.read_text(encoding="utf-8").splitlines()[2:-1]
    numbers = sum(1 for line in text for v in line.split(",")[1:] if v.strip())
    assert len(sample.flows) == numbers
    assert sample.notes
    assert "合成" in sample.notes[0]


def _key(flows):
    return (flows[["item", "fuel", "value", "unit", "role"]]
            .sort_values(["item", "fuel"]).reset_index(drop=True))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_round_trip_tidy_wide_tidy(sample, language, tmp_path):
    wide = sample.to_wide(language=language)
    again = read_energy_balance(wide)
    pd.testing.assert_frame_equal(_key(again.flows), _key(sample.flows))
    # through a GBK file as well
    path = tmp_path / "wide.csv"
    wide.to_csv(path, index=False, encoding="gbk")
    third = read_energy_balance(path, year=2022, region="CN-SD")
    pd.testing.assert_frame_equal(_key(third.flows), _key(sample.flows))
    cols = ["sector", "fuel", "use", "value", "unit"]
    pd.testing.assert_frame_equal(third.activity[cols], sample.activity[cols])


def test_excel_first_and_named_sheet(sample, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "balance.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["synthetic"])
    ws = wb.create_sheet("能源平衡表")
    ws.append(["能源平衡表(实物量) 合成示例"])
    wide = sample.to_wide()
    ws.append(list(wide.columns))
    for row in wide.itertuples(index=False):
        ws.append([None if isinstance(v, float) and np.isnan(v) else v for v in row])
    wb.save(path)
    got = read_energy_balance(path, sheet="能源平衡表")
    pd.testing.assert_frame_equal(_key(got.flows), _key(sample.flows))
    assert got.flows["line"].min() == 3  # Excel row numbers: title 1, header 2
    with pytest.raises(DataError, match=r"no sheet named 'x'.*能源平衡表"):
        read_energy_balance(path, sheet="x")
    # the first sheet holds no balance: the one sheet that does is read (round 22 N135)
    alone = read_energy_balance(path)
    assert alone.sheet == "能源平衡表"
    pd.testing.assert_frame_equal(_key(alone.flows), _key(sample.flows))


def test_excel_without_openpyxl_names_the_extra(tmp_path, monkeypatch):
    path = tmp_path / "b.xlsx"
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"carbonpath\[excel\]"):
        read_energy_balance(path)


LEAVES = ["production", "inflow", "imports", "outflow", "exports", "stock_change",
          "thermal_power", "heat_supply", "coking", "losses", "agriculture", "industry",
          "construction", "transport", "commercial", "other_services", "residential_urban",
          "residential_rural"]
FUELS = {"raw_coal": "万吨", "coke": "万吨", "diesel": "万吨", "natural_gas": "亿立方米",
         "heat": "万百万千焦", "electricity": "亿千瓦时"}


@given(st.dictionaries(st.tuples(st.sampled_from(LEAVES), st.sampled_from(sorted(FUELS))),
                       st.decimals(min_value=0, max_value=99999, places=2), min_size=1,
                       max_size=40))
def test_round_trip_property(cells):
    """Any leaf flows -> wide (with computed totals) -> tidy gives the same numbers."""
    rows = []
    for (item, fuel), v in cells.items():
        value = float(v)
        if item in ("outflow", "exports"):
            value = -value
        if item in ("thermal_power", "heat_supply", "coking"):
            value = -value  # inputs
        rows.append({"item": item, "fuel": fuel, "value": value})
    flows = pd.DataFrame(rows)
    wide = cp.accounting.balance_sheet.to_wide(flows, FUELS, totals=True)
    with warnings.catch_warnings():  # random columns span 10^7: some look like a header
        warnings.simplefilter("ignore", BalanceMagnitudeWarning)  # unit slip (round 12 E22)
        got = read_energy_balance(wide, check_totals=True)
    leaves = got.flows[got.flows["leaf"]]
    a = leaves.set_index(["item", "fuel"])["value"].sort_index()
    b = flows.set_index(["item", "fuel"])["value"].sort_index()
    pd.testing.assert_series_equal(a, b, check_names=False)


# ---------------------------------------------------------------------------------------
# bad input


def write(tmp_path, text, name="b.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


HEAD = "项目,原煤(万吨),天然气(亿立方米),电力(亿千瓦时)\n"


def test_unrecognised_rows_and_columns_listed_with_fix(tmp_path):
    p = write(tmp_path, "项目,原煤(万吨),生物柴油(万吨),电力(亿千瓦时)\n"
                        "火力发电,-10,,5\n工业,3,1,2\n")
    with pytest.raises(DataError, match=r"unrecognised column '生物柴油.*mapping="):
        read_energy_balance(p)
    p = write(tmp_path, HEAD + "火力发电,-10,,5\n工 业,3,,2\n钢铁冶炼,1,,\n工业锅炉用,2,,\n")
    with pytest.raises(DataError) as exc:
        read_energy_balance(p)
    msg = str(exc.value)
    assert "row 4" in msg
    assert "钢铁冶炼" in msg
    assert "row 5" in msg
    assert "工业锅炉用" in msg
    assert "mapping={'rows': {'钢铁冶炼': '<item>'}}" in msg
    # the mapping that fixes it: 钢铁冶炼 as construction (an odd but valid choice)
    got = read_energy_balance(p, mapping={"rows": {"钢铁冶炼": "construction",
                                                   "工业锅炉用": "agriculture"}})
    assert cell(got.activity, "construction", "raw_coal", "combustion") == 1


def test_totals_that_do_not_add_up(tmp_path):
    p = write(tmp_path, HEAD + "终端消费量,10,,\n工业,3,,\n建筑业,4,,\n")
    with pytest.raises(DataError) as exc:
        read_energy_balance(p)
    msg = str(exc.value)
    assert "row 2" in msg
    assert "column '原煤(万吨)'" in msg
    assert "states 10" in msg
    assert "give 7" in msg
    got = read_energy_balance(p, check_totals=False)
    bad = got.checks[~got.checks["ok"]]
    assert bad[["item", "stated", "computed"]].values.tolist() == [["final", 10.0, 7.0]]


def test_statistical_difference_checked(tmp_path):
    p = write(tmp_path, HEAD + "一次能源生产量,10,,\n工业,7,,\n平衡差额,1,,\n")
    with pytest.raises(DataError, match="states 1, its available \\+ transformation"):
        read_energy_balance(p)
    p = write(tmp_path, HEAD + "一次能源生产量,10,,\n工业,7,,\n平衡差额,3,,\n")
    assert read_energy_balance(p).checks["ok"].all()


def test_mixed_units_in_a_column(tmp_path):
    p = write(tmp_path, "项目,原煤(万吨),天然气(亿立方米)\n单位,吨,亿立方米\n工业,3,1\n")
    with pytest.raises(UnitError, match="mixed units in one column: 万吨 \\(header\\); 吨"):
        read_energy_balance(p)
    p = write(tmp_path, "项目,原煤,天然气\n工业,3,1\n")
    with pytest.raises(UnitError, match="mixed units"):
        read_energy_balance(p, units={"原煤": "万吨"}, mapping={"columns": {"原煤": ("raw_coal",
                                                                                 "吨")}})
    p = write(tmp_path, "项目,原煤(万吨),原煤(吨)\n工业,3,1\n")
    with pytest.raises(UnitError, match="'raw_coal' appears twice, in 万吨"):
        read_energy_balance(p)
    flows = pd.DataFrame({"item": ["industry", "construction"], "fuel": ["raw_coal"] * 2,
                          "value": [1.0, 2.0], "unit": ["万吨", "t"]})
    with pytest.raises(UnitError, match="mixed units in one column: raw_coal"):
        cp.accounting.balance_sheet.to_wide(flows, {"raw_coal": "万吨"})


def test_cells_that_are_not_numbers_and_unlabelled_rows(tmp_path):
    p = write(tmp_path, HEAD + "工业,3,约1,\n,4,,\n")
    with pytest.raises(DataError) as exc:
        read_energy_balance(p)
    msg = str(exc.value)
    assert "row 2, column '天然气(亿立方米)': cell is not a number" in msg
    assert "row 3: a row with numbers but no label" in msg


def test_signs_and_english_headers(tmp_path):
    # a sheet printing outflows as positive numbers under a '(-)' label (as some do)
    text = ("Item,Raw Coal (10000 tons),Electricity (100 million kWh)\n"
            "Total Energy Available for Consumption,9,5\n"
            "Primary Energy Output,12,\n"
            "Take-in Quantity from Outside of the Province,,7\n"
            "Take-out Quantity from Native Province(-),3,2\n"
            "Industry,9,5\n")
    got = read_energy_balance(write(tmp_path, text))
    assert got.checks["ok"].all()
    assert got.supply.loc["raw_coal", "outflow"] == -3
    assert cell(got.activity, "transfers", "electricity", "export") == 2
    assert got.units == {"raw_coal": "万吨", "electricity": "亿千瓦时"}


def test_impossible_transformation_output(tmp_path):
    p = write(tmp_path, HEAD + "火力发电,10,,5\n")
    with pytest.raises(DataError, match="an output of raw_coal from 'thermal_power'"):
        read_energy_balance(p)


def test_final_total_without_sectors(tmp_path):
    p = write(tmp_path, HEAD + "第二产业,10,,\n")
    with pytest.raises(DataError, match="no breakdown into sectors"):
        read_energy_balance(p)


def test_feedstock_choice(tmp_path):
    p = write(tmp_path, HEAD + "工业,10,2,\n其中:用作原料、材料,4,,\n")
    got = read_energy_balance(p, feedstock_use="feedstock")
    assert cell(got.activity, "industry", "raw_coal", "feedstock") == 4
    assert cell(got.activity, "industry", "raw_coal", "combustion") == 6


def test_standard_coal_sheet_with_title_unit(tmp_path):
    p = write(tmp_path, "能源平衡表(标准量) 单位:万吨标准煤\n" + "项目,原煤,天然气\n工业,3,1\n")
    got = read_energy_balance(p)
    assert got.units == {"raw_coal": "万吨标准煤", "natural_gas": "万吨标准煤"}
    assert (got.activity["gas_condition"] == "").all()


def test_mapping_as_a_csv_table_and_bad_codes(tmp_path):
    sheet = write(tmp_path, "项目,原煤(万吨),兰炭\n工业生产消费,3,2\n")
    mapping = write(tmp_path, "axis,label,code,unit\nrow,工业生产消费,industry,\n"
                              "column,兰炭,coke,万吨\n", name="m.csv")
    got = read_energy_balance(sheet, mapping=mapping)
    assert cell(got.activity, "industry", "coke", "combustion") == 2
    assert got.units["coke"] == "万吨"
    bad = write(tmp_path, "axis,label,code\nrow,工业生产消费,industri\n", name="bad.csv")
    with pytest.raises(DataError, match=r"bad\.csv, row 2, column 'code': unknown row item"):
        read_energy_balance(sheet, mapping=bad)


def test_label_variants_and_sections(tmp_path):
    # 回收能 is a supply row before 加工转换 and a transformation row after it
    text = ("项目,热力(万百万千焦),电力(亿千瓦时)\n"
            "一、可供本地区消费的能源量 Total Energy Available,5,\n"
            "回收能,5,\n"
            "二、加工转换投入(-)产出(+)量,7,\n"
            "(九)回收能,7,\n"
            "四、终端消费量 Final Consumption,12,\n"
            "  1.工 业 Industry,12,\n")
    got = read_energy_balance(write(tmp_path, text))
    items = got.flows.drop_duplicates("item").set_index("label")["item"]
    assert items["回收能"] == "recovered_supply"
    assert items["(九)回收能"] == "recovered_transformation"
    assert items["1.工 业 Industry"] == "industry"
    assert got.checks["ok"].all()
