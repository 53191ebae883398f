"""Round-19 accounting units and slips (tester T): T16, T157, T158, T108, T107, T08, T95.

Hand figures:

* T157 / T158: kt is 1,000 t and 万吨 is 10,000 t, so a row of 8 kt among raw-coal rows in
  万吨 holds 8 x 1,000 = 8,000 t = 0.8 万吨 as written, 8 万吨 if meant like the others
  (a unit 10 times smaller);
* T16: raw coal's net calorific value is 20,908 kJ/kg (GB/T 2589), so 1672.6 GJ of it is
  1672.6 / 20.908 = 80.0 t = 0.0080 万吨, and 1672.6 TJ (a unit 10^3 larger) is 80,000 t =
  8.0 万吨, among raw-coal rows of 30 .. 95 万吨;
* T108: 10^4 t is 10,000 t, so 2 of it is 20,000 t.
"""

from __future__ import annotations

import warnings

import pytest

import carbonpath as cp
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning

COAL = ("sector,fuel,value,unit,use,energy_basis\n"
        "non_metallic_minerals,原煤,95,万吨,combustion,\n"
        "chemicals,原煤,40,万吨,combustion,\n"
        "non_ferrous_metals,原煤,30,万吨,combustion,\n")


def _magnitude_warnings(tmp_path, extra):
    path = tmp_path / "a.csv"
    path.write_text(COAL + extra, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.compute_inventory(path, region="CN-SD", year=2022)
    return [str(w.message) for w in caught if issubclass(w.category, ActivityMagnitudeWarning)]


@pytest.mark.parametrize(("row", "as_written"), [
    ("residential,原煤,8,kt,combustion,\n", "0.8 万吨"),
    ("residential,原煤,30,kt,combustion,\n", "3 万吨")])
def test_t157_t158_a_row_in_kt_among_rows_in_wan_tonnes_warns(tmp_path, row, as_written):
    found = _magnitude_warnings(tmp_path, row)
    assert len(found) == 1
    text = found[0]
    value = row.split(",")[2]
    assert "a.csv, row 5, column 'unit'" in text
    assert "10 times smaller than 万吨" in text
    assert f"as written it is {as_written}" in text
    assert f"{value} 万吨" in text
    assert "rows 2, 3, 4" in text


def test_t16_an_energy_row_10_3_off_among_mass_rows_warns_naming_the_unit(tmp_path):
    found = _magnitude_warnings(tmp_path, "residential,原煤,1672.6,GJ,combustion,net\n")
    assert len(found) == 1
    text = found[0]
    assert "a.csv, row 5, column 'unit'" in text
    assert "GJ for TJ or" in text
    as_written = float(text.split("as written it is ")[1].split(" ")[0])
    assert as_written == pytest.approx(1672.6 / 20.908 / 1e4, rel=0.01)
    right = float(text.split("if it is in TJ (")[1].split(" ")[0])
    assert right == pytest.approx(1672.6 / 20.908 / 10, rel=0.01)


@pytest.mark.parametrize("row", [
    "residential,原煤,1672.6,TJ,combustion,net\n",   # 8.0 万吨 in TJ: among them
    "residential,原煤,8,万吨,combustion,\n",          # the usual unit
    "residential,原煤,2,kt,combustion,\n",            # 0.2 万吨: 2 is under 30 / 10
    "residential,原煤,3000,吨,combustion,\n"])        # 0.3 万吨 written in 吨: fits neither way
def test_rows_that_fit_as_written_stay_quiet(tmp_path, row):
    assert _magnitude_warnings(tmp_path, row) == []


# -- T108, T107, T08: unit texts through Q_ and the readers -----------------------------------


def test_t108_q_reads_a_leading_power_of_ten_as_the_csv_readers_do():
    assert cp.Q_(2, "10^4 t").to("t").magnitude == pytest.approx(20000.0)
    assert cp.Q_(3, "10^8 kWh").to("GWh").magnitude == pytest.approx(300.0)  # 3e8 kWh


def test_t107_q_with_spaces_in_a_chinese_unit_names_the_unspaced_spelling():
    from carbonpath.errors import UnknownUnitError

    with pytest.raises(UnknownUnitError) as err:
        cp.Q_("5 万 吨")
    assert "'万吨' (the same without spaces)" in str(err.value)
    with pytest.raises(UnknownUnitError) as err:
        cp.Q_(5, "万 吨")
    assert "'万吨' (the same without spaces)" in str(err.value)


@pytest.mark.parametrize(("unit", "normal", "plain"), [
    ("万标准立方米", "万Nm3", "万立方米"), ("亿标准立方米", "亿Nm3", "亿立方米"),
    ("标准立方米", "Nm3", "立方米")])
def test_t08_a_standard_cubic_metre_asks_which_reference_condition(unit, normal, plain):
    from carbonpath.errors import UnitError
    from carbonpath.units import parse_unit

    with pytest.raises(UnitError) as err:
        parse_unit(unit)
    text = str(err.value)
    assert "0 °C" in text
    assert "20 °C" in text
    assert f"'{normal}'" in text
    assert f"'{plain}' with the row's gas_condition" in text


def test_t08_an_activity_row_in_wan_standard_cubic_metres_is_refused_at_its_cell(tmp_path):
    from carbonpath.errors import DataError

    path = tmp_path / "a.csv"
    path.write_text(COAL + "residential,天然气,22000,万标准立方米,combustion,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.compute_inventory(path, region="CN-SD", year=2022)
    text = str(err.value)
    assert "a.csv, row 5, column 'unit'" in text
    assert "'万Nm3'" in text


# -- T95: a blank use refused names the blank, not the default --------------------------------


def test_t95_a_generation_row_with_a_blank_use_is_told_to_write_generation(tmp_path):
    from carbonpath.errors import DataError

    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,use\n"
                    "chemicals,原煤,40,万吨,combustion\n"
                    "wind_power,电力,8,亿千瓦时,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.compute_inventory(path, region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert problem.row == 3
    assert problem.column == "use"
    assert problem.value == ""
    assert "the use is blank" in problem.message
    assert "use generation" in problem.valid


def test_t95_a_written_consumption_in_a_generating_sector_keeps_its_value(tmp_path):
    from carbonpath.errors import DataError

    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,use\n"
                    "chemicals,原煤,40,万吨,combustion\n"
                    "wind_power,电力,8,亿千瓦时,consumption\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.compute_inventory(path, region="CN-SD", year=2022)
    assert err.value.problems[0].value == "consumption"


# -- T103, T100: a --mapping unit that contradicts the header's --------------------------------

SHEET = ("项目,原煤(万吨),天然气(亿立方米)\n"
         "一、可供本地区消费的能源量,100,2\n"
         "四、终端消费量,100,2\n"
         "(二)第二产业,100,2\n"
         "1.工业,100,2\n"
         "六、消费量合计,100,2\n")


@pytest.mark.parametrize(("entry", "header", "mapped"), [
    ("column,原煤,raw_coal,万吨标准煤", "万吨 (header)", "万吨标准煤 (mapping m.csv, row 2"),
    ("column,天然气,natural_gas,万立方米", "亿立方米 (header)", "万立方米 (mapping m.csv, row 2")])
def test_t103_t100_a_mapping_unit_against_the_header_unit_is_refused(tmp_path, entry, header,
                                                                     mapped):
    from carbonpath.errors import UnitError

    (tmp_path / "b.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "m.csv").write_text("axis,label,code,unit\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(UnitError) as err:
        cp.read_energy_balance(tmp_path / "b.csv", mapping=tmp_path / "m.csv")
    text = str(err.value)
    assert "b.csv, column '" in text
    assert header in text
    assert mapped in text


def test_t103_a_mapping_unit_equal_to_the_header_unit_reads_the_sheet(tmp_path):
    (tmp_path / "b.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "m.csv").write_text("axis,label,code,unit\ncolumn,原煤,raw_coal,万吨\n",
                                    encoding="utf-8")
    plain = cp.read_energy_balance(tmp_path / "b.csv")
    mapped = cp.read_energy_balance(tmp_path / "b.csv", mapping=tmp_path / "m.csv")
    assert str(mapped.units["raw_coal"]) == str(plain.units["raw_coal"])


# -- T155, T156: an activity row too small for its sector's products is named ------------------


@pytest.mark.parametrize(("coal", "tj"), [
    ("67.86,吨标准煤", 67.86 * 29.3076 / 1e3),   # 67.86 tce x 29.3076 GJ/tce = 1.989 TJ
    ("95,kt", None)])
def test_t155_t156_the_product_check_names_the_activity_row_that_slipped(tmp_path, coal, tj):
    from carbonpath.errors import ImplausibleValueError

    (tmp_path / "a.csv").write_text(
        "sector,fuel,value,unit,use\nchemicals,原煤,40,万吨,combustion\n"
        f"non_metallic_minerals,原煤,{coal},combustion\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("product,value,unit\ncement_clinker,450,万吨\n",
                                    encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ImplausibleValueError) as err:
            cp.compute_inventory(tmp_path / "a.csv", production=tmp_path / "p.csv",
                                 region="CN-SD", year=2022)
    text = str(err.value)
    assert "p.csv, row 2" in text
    value, unit = coal.split(",")
    assert f"a.csv row 3 (raw_coal {value} {unit}" in text
    if tj is not None:
        assert f"{value} {unit}, {tj:,.4g} TJ)" in text


# -- T92: heat use far above a small import, with the heat plant's generation row missing ------


def _heat_file(tmp_path, generation):
    path = tmp_path / "a.csv"
    path.write_text(
        "sector,fuel,value,unit,use\n"
        "heat_supply,原煤,200,万吨,combustion\n"  # 41,816 TJ: 34,000 TJ of heat is 81 %

        "residential,热力,3500,万百万千焦,consumption\n"
        "transfers,热力,200,万百万千焦,import\n" + generation, encoding="utf-8")
    return path


def test_t92_a_heat_balance_without_generation_names_the_missing_generation_row(tmp_path):
    from carbonpath.errors import ImplausibleValueError

    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(_heat_file(tmp_path, ""), region="CN-SD", year=2022)
    text = str(err.value)
    # use / supply = 3500 / 200 = 17.5 (hand), above the bound of 10 without generation
    assert "use / supply 17.5" in text
    assert "no row gives the heat heat_supply makes, though it burns fuel (row 2)" in text
    assert "use generation" in text


def test_t92b_with_the_generation_row_the_same_import_passes(tmp_path):
    # supply 3400 + 200 = 3600 万百万千焦, use 3500: 3500 / 3600 = 0.97, inside 0.8 .. 1.1
    path = _heat_file(tmp_path, "heat_supply,热力,3400,万百万千焦,generation\n")
    inv = cp.compute_inventory(path, region="CN-SD", year=2022)
    assert inv.total() > 0
