"""carbonpath init with captive heat plants: heat supply (供热) split between city and captive.

The synthetic sample city (datasets/samples) burns 220 万吨 raw coal and 0.3 亿m3 natural gas in
heat supply for 3 800 万百万千焦 of heat. init splits that heat over one plant per fuel by
fuel energy x catalogue efficiency; by hand (GB/T 2589-2020 Appendix A energy contents,
1 kgce = 29.3076 MJ; catalogue efficiencies 80 % for the coal boiler, 1 / 1.087 for gas):

* coal: 220e4 t x 0.7143 x 29.3076 GJ/t / 1.25 = 36 844 577 GJ of weight,
* gas:  0.3e8 m3 x 1.2143 x 29.3076e-3 GJ/m3 / 1.087 = 982 196 GJ of weight,

so the coal plants make 3 800e4 x 36 844 577 / (36 844 577 + 982 196) GJ and the gas plant
the rest. The captive coal heat is stated by output (1 000 万百万千焦 of the parks' CHP
heat), the captive gas heat by capacity (30 MW against the gas plant's 1.2 x its output /
25 200 GJ/MW/yr). Expected: the balance's heat-supply fuel split by those shares, and the
model's base year = the accounting wing's inventory of ``activity.csv`` by region and in
total, to 1e-9 (two independent paths, as in test_init_captive).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import SAMPLE, SAMPLES, base_year_by_region, captive_city

CAPTIVE = ("part,code,value,unit,source\n"
           "capacity,coal,100,万千瓦,test: a third of the city's coal units\n"
           "heat_capacity,coal_chp,500,MW,test: the parks' CHP units' heat side\n"
           "heat_output,coal_chp,1000,万百万千焦,test: the heat of the parks' CHP units\n"
           "heat_capacity,heat_gas_boiler,30,MW,test: the parks' gas boilers\n"
           "serves,industry,,,test: the industrial park on the captive network\n"
           "tie,,200,万千瓦,test: the tie's rating\n")

# the hand calculation of the module docstring
GJ_PER_T_COAL = 0.7143 * 29.3076  # GB/T 2589-2020: raw coal 0.7143 kgce/kg
GJ_PER_M3_GAS = 1.2143 * 29.3076e-3  # GB/T 2589-2020: gas-field gas 1.2143 kgce/m3 (20 C)
W_COAL = 220e4 * GJ_PER_T_COAL / 1.25  # catalogue: coal boiler 1.25 GJ fuel per GJ heat
W_GAS = 0.3e8 * GJ_PER_M3_GAS / 1.087  # catalogue: gas boiler 1.087 GJ fuel per GJ heat
HEAT_COAL = 3800e4 * W_COAL / (W_COAL + W_GAS)  # GJ, the coal heat plants' output
HEAT_GAS = 3800e4 - HEAT_COAL
GAS_MW = HEAT_GAS / 25200 * 1.2  # init's sizing: 1.2 x output / catalogue utilisation


def _split(act: pd.DataFrame, sector: str, fuel: str) -> dict[str, float]:
    rows = act[(act["sector"] == sector) & (act["fuel"] == fuel)]
    return dict(zip(rows["model_region"], rows["value"].astype(float), strict=True))


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return captive_city(tmp_path_factory.mktemp("captive_heat"), CAPTIVE)


def test_heat_supply_is_split_by_the_stated_captive_heat(city):
    act = pd.read_csv(city.file("activity.csv"), keep_default_na=False)
    coal_share = 1000e4 / HEAT_COAL  # by heat output
    gas_share = 30 / GAS_MW  # by capacity
    coal = _split(act, "heat_supply", "raw_coal")
    assert coal["captive"] == pytest.approx(220 * coal_share, rel=1e-9)
    assert coal[""] == pytest.approx(220 * (1 - coal_share), rel=1e-9)
    gas = _split(act, "heat_supply", "natural_gas")
    assert gas["captive"] == pytest.approx(0.3 * gas_share, rel=1e-9)
    assert gas[""] == pytest.approx(0.3 * (1 - gas_share), rel=1e-9)
    heat = _split(act, "heat_supply", "heat")
    captive_heat = (1000e4 + HEAT_GAS * gas_share) / 1e4  # 万百万千焦
    assert heat["captive"] == pytest.approx(captive_heat, rel=1e-9)
    assert heat[""] == pytest.approx(3800 - captive_heat, rel=1e-9)
    # the power split of test_init_captive is unchanged beside it
    assert _split(act, "thermal_power", "raw_coal")["captive"] == pytest.approx(
        780 * 100 / 300, rel=1e-12)
    # the captive plants are in the captive region, their fuel per GJ the city's
    techs = city.tables["technologies"].set_index("technology")
    params = city.tables["parameters"]
    flows = city.tables["flows"]
    for fuel, share in (("raw_coal", coal_share), ("natural_gas", gas_share)):
        new, old = f"captive_heatplant_{fuel}", f"heatplant_{fuel}"
        assert techs.loc[new, "region"] == "captive"
        act_rows = params[(params["parameter"] == "activity")
                          & params["technology"].isin([new, old])].set_index("technology")
        assert float(act_rows.loc[new, "value"]) == pytest.approx(
            (HEAT_COAL if fuel == "raw_coal" else HEAT_GAS) * share, rel=1e-9)
        fin = flows[(flows["commodity"] == fuel) & flows["technology"].isin([new, old])]
        assert fin["value"].astype(float).nunique() == 1
    res = params[(params["technology"] == "captive_heatplant_natural_gas")
                 & (params["parameter"] == "residual_capacity")
                 & (params["year"].astype(str) == "2022")]
    assert float(res["value"].iloc[0]) == pytest.approx(30.0, rel=1e-9)
    readme = (city.path / "README.md").read_text(encoding="utf-8")
    assert "2 captive heat type(s)" in readme


def test_captive_heat_calibrates_by_region_and_in_total(city):
    model, by_region, model_total, total = base_year_by_region(city)  # kt
    for region in ("city", "captive"):
        assert model[region] == pytest.approx(by_region[region], rel=1e-9), region
    assert model_total == pytest.approx(total, rel=1e-9)


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_captive_heat_errors_name_file_row_and_column(tmp_path):
    from carbonpath.catalogue import load_catalogue
    from carbonpath.init.captive import read_captive
    from carbonpath.init.captive_heat import heat_types

    types = heat_types(load_catalogue())
    assert {"coal_chp", "gas_chp", "heat_coal_boiler", "heat_gas_boiler"} <= set(types)
    assert "heat_pump_large" not in types  # burns no fuel: not captive heat of the balance
    bad = _frame("part,code,value,unit,source\n"
                 "heat_capacity,oil_boiler,10,MW,a\n"
                 "heat_output,heat_gas_boiler,5,GJ,b\n"
                 "heat_capacity,coal_chp,10,MWh,c\n"
                 "serves,industry,,,d\n"
                 "tie,,1,MW,e\n")
    with pytest.raises(DataError) as info:
        read_captive(bad, ["coal"], name="captive.csv", heat_types=types)
    found = {(p.row, p.column): p for p in info.value.problems}
    assert found[(2, "code")].value == "oil_boiler"  # a heat type the catalogue lacks
    assert "heat_coal_boiler" in found[(2, "code")].valid
    assert "without its captive heat capacity" in found[(3, "code")].message
    assert (4, "unit") in found  # a heat capacity in an energy unit
    # against the balance: more heat than its coal plants make, more gas-boiler capacity
    # than the gas plant has, a type whose fuel heat supply does not burn, a served sector
    # that consumes no heat (construction: diesel, bitumen, electricity)
    # (1,500 MW: 4000 万百万千焦 = 4e7 GJ is 7,407 h of it; 500 MW would be 22,222 h, above
    # a year's 8,760, refused before the balance is read: round 22, N89)
    wrong = _frame("part,code,value,unit,source\n"
                   "heat_capacity,coal_chp,1500,MW,a\n"
                   "heat_output,coal_chp,4000,万百万千焦,b\n"
                   "heat_capacity,heat_gas_boiler,1000,MW,c\n"
                   "heat_capacity,heat_biomass_boiler,10,MW,d\n"
                   "serves,construction,,,e\n"
                   "tie,,200,万千瓦,f\n")
    with pytest.raises(DataError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "x",
                     captive=wrong, **SAMPLE)
    found = {(p.row, p.column): p for p in info.value.problems}
    assert found[(3, "value")].valid == f"<= {HEAT_COAL:,.0f} GJ"
    assert found[(4, "value")].valid.startswith(f"<= {GAS_MW:,.0f} MW")
    assert found[(5, "code")].valid == "coal_chp, gas_chp, heat_coal_boiler, heat_gas_boiler"
    assert "consumes no heat" in found[(6, "code")].message
    assert "industry" in found[(6, "code")].valid
    assert all(p.file == "captive" for p in info.value.problems)
    # two types of the same fuel, together more than its plants make
    both = _frame("part,code,value,unit,source\n"  # 2e7 GJ of 1,000 MW: 5,556 h each
                  "heat_capacity,coal_chp,1000,MW,a\n"
                  "heat_output,coal_chp,2000,万百万千焦,b\n"
                  "heat_capacity,heat_coal_boiler,1000,MW,c\n"
                  "heat_output,heat_coal_boiler,2000,万百万千焦,d\n"
                  "serves,industry,,,e\n"
                  "tie,,200,万千瓦,f\n")
    with pytest.raises(DataError, match="together") as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "x",
                     captive=both, **SAMPLE)
    assert (info.value.problems[0].row, info.value.problems[0].column) == (5, "value")
    assert not (tmp_path / "x").exists()


def test_captive_heat_in_the_workbook(tmp_path):
    """Heat plants only (no captive power) from the workbook's captive sheet."""
    from openpyxl import load_workbook

    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import write_template

    book = tmp_path / "t.xlsx"
    write_template(book)
    wb = load_workbook(book)
    assert "heat_capacity" in " ".join(str(r[0].value) for r in wb["README"].iter_rows())
    ws = wb["captive"]
    for row in (["heat_capacity", "heat_coal_boiler", 300, "MW", "the parks' boilers"],
                ["serves", "industry", None, None, "the parks"],
                ["tie", None, 200, "万千瓦", "the tie"]):
        ws.append(row)  # Excel rows 2-4
    # the example's peak year 2030 lies after this short horizon: init refuses it as the
    # loader would (round 18 W09), so the peak row says 2025
    wb["targets"]["C2"] = 2025
    wb.save(book)
    out = tmp_path / "o"
    init_from_workbook(book, region="CN-SD", base_year=2023, horizon=2025, out=out,
                       model_hours=1)
    act = pd.read_csv(out / "activity.csv", keep_default_na=False)
    share = 300 / (HEAT_COAL / 25200 * 1.2)  # by capacity: the coal plants' 1.2 x output
    coal = _split(act, "heat_supply", "raw_coal")
    assert coal["captive"] == pytest.approx(220 * share, rel=1e-9)
    assert coal[""] == pytest.approx(220 * (1 - share), rel=1e-9)
    assert set(_split(act, "thermal_power", "raw_coal")) == {""}  # no captive power
    # bad heat input names the sheet and its Excel row
    ws["B2"] = "heat_pump_large"
    wb.save(book)
    with pytest.raises(DataError) as info:
        init_from_workbook(book, region="CN-SD", base_year=2023, horizon=2025,
                           out=tmp_path / "o2", model_hours=1)
    p = info.value.problems[0]
    assert (p.file, p.row, p.column, p.value) == ("t.xlsx, sheet 'captive'", 2, "code",
                                                   "heat_pump_large")


@given(coal=st.floats(0.0, 1.0), gas=st.floats(0.0, 1.0), power=st.floats(0.0, 1.0))
def test_split_activity_rows_add_up_to_the_balance(coal, gas, power):
    """Invariant: the city and captive rows of each plant row add up to the balance's."""
    from carbonpath.init.captive import Captive, regional_activity

    frame = pd.DataFrame({
        "sector": ["heat_supply", "heat_supply", "heat_supply", "thermal_power", "industry"],
        "fuel": ["raw_coal", "natural_gas", "heat", "raw_coal", "heat"],
        "value": [80.0, 0.3, 3800.0, 420.0, 1500.0], "unit": ["万吨", "亿立方米", "万百万千焦",
                                                             "万吨", "万百万千焦"],
        "year": 2022, "use": ["combustion", "combustion", "generation", "combustion",
                              "consumption"],
        "gas_condition": "", "source": "s"})
    cap = Captive(file="c", serves={"industry": (2, "s")}, shares={"raw_coal": power},
                  heat_shares={"raw_coal": coal, "natural_gas": gas},
                  heat_output_share=(coal + gas) / 2)
    out = regional_activity(frame, cap)
    for r in frame.itertuples():
        rows = out[(out["sector"] == r.sector) & (out["fuel"] == r.fuel)]
        assert rows["value"].sum() == pytest.approx(r.value, rel=1e-12)
        captive = rows.loc[rows["model_region"] == "captive", "value"].sum()
        share = {("heat_supply", "raw_coal"): coal, ("heat_supply", "natural_gas"): gas,
                 ("heat_supply", "heat"): (coal + gas) / 2, ("thermal_power", "raw_coal"): power,
                 ("industry", "heat"): 1.0}[(r.sector, r.fuel)]
        assert captive == pytest.approx(r.value * share, rel=1e-12, abs=1e-12)
